//! What the tests that run the `deploy` binary share.

use std::path::Path;
use std::process::Command;

/// Runs the `deploy` binary with `args` (and `--manifest manifest`); its
/// standard output, or a panic with its error output.
pub fn run_deploy(args: &[&str], manifest: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_deploy")).args(args).arg("--manifest").arg(manifest).output().expect("run deploy");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "deploy {args:?} failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// Checks the demo procurement's story, the same to the unit on every
/// chain: the silent bidder's bond and the rejected protest's bond to the
/// treasury, the award, the late deduction, what the winner received, the
/// books conserved at every print; and that the manifest records a
/// complete deployment.
pub fn assert_demo_story(stdout: &str, manifest: &Path) {
    for expected in [
        "a citizen sent the silent bidder's bond (2000000000) to the treasury",
        "provisional award to vendor-b at 165000000000",
        "the Auditor rejected it: the protest bond (2000000000) went to the treasury",
        "milestone 2: delivered, approved: 108079125000 payable, 5688375000 retained, 1732500000 deducted (queued",
        "vendor-b received 163267500000 = price 165000000000 - deductions 1732500000",
        "books: committed 0, released 163267500000, conserved: true",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("conserved: false"), "{stdout}");
    let written = std::fs::read_to_string(manifest).expect("the manifest is written");
    assert!(written.contains("\"complete\": true") && written.contains("\"name\": \"evaluation\""), "{written}");
}
