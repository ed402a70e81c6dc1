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
/// books conserved at every print, every amount in `currency` (the chain's:
/// decimals and symbol); and that the manifest records a complete
/// deployment.
pub fn assert_demo_story(stdout: &str, manifest: &Path, currency: &deploy::money::Currency) {
    let m = |amount: u128| currency.show(amount);
    for expected in [
        format!("a citizen sent the silent bidder's bond ({}) to the treasury", m(2_000_000_000)),
        format!("provisional award to vendor-b at {}", m(165_000_000_000)),
        format!("the Auditor rejected it: the protest bond ({}) went to the treasury", m(2_000_000_000)),
        format!(
            "milestone 2: delivered, approved: {} payable, {} retained, {} deducted (queued",
            m(108_079_125_000),
            m(5_688_375_000),
            m(1_732_500_000)
        ),
        format!("vendor-b received {} = price {} - deductions {}", m(163_267_500_000), m(165_000_000_000), m(1_732_500_000)),
        format!("books: committed {}, released {}, conserved: true", m(0), m(163_267_500_000)),
    ] {
        assert!(stdout.contains(&expected), "missing {expected:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("conserved: false"), "{stdout}");
    let written = std::fs::read_to_string(manifest).expect("the manifest is written");
    assert!(written.contains("\"complete\": true") && written.contains("\"name\": \"evaluation\""), "{written}");
    // The history published beside the manifest, checked against the
    // schemas before it was written, with the flags the demo earns.
    assert!(stdout.contains("every release and package valid against the schema"), "{stdout}");
    let ocds = manifest.parent().expect("the manifest's directory").join("ocds");
    let flags = std::fs::read_to_string(ocds.join("red-flags.txt")).expect("the red flags are written");
    assert_eq!(flags, "ocds-000000-demo-0: R003 short submission period (1); S03 milestone delivered late (1)\n");
    for file in ["release-package.json", "record-package.json", "compiled-releases.jsonl", "red-flags.json"] {
        assert!(ocds.join(file).exists(), "{file} is written");
    }
}
