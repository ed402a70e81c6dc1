//! The main job (`bash scripts/demo.sh`) as CI sees it: the `deploy` binary
//! on the embedded sandbox, run as a user runs it, must finish and tell the
//! demo's story with the right figures. (It once broke without any test
//! failing: a second binary made `cargo run -p deploy` ambiguous.)

#[test]
fn the_demo_deploys_the_suite_and_runs_the_procurement_to_the_last_payment() {
    let dir = std::env::temp_dir().join(format!("deploy-demo-{}", std::process::id()));
    let manifest = dir.join("deployment.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_deploy"))
        .arg("--manifest")
        .arg(&manifest)
        .output()
        .expect("run deploy");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "deploy failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    for expected in [
        "making a vendor an evaluator is refused: ConflictingRoles",
        "a citizen sent the silent bidder's bond (2000000000) to the treasury",
        "provisional award to vendor-b at 165000000000",
        "the Auditor rejected it: the protest bond (2000000000) went to the treasury",
        "vendor-b received 163267500000 = price 165000000000 - deductions 1732500000",
        "books: committed 0, released 163267500000, conserved: true",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("conserved: false"), "{stdout}");
    let written = std::fs::read_to_string(&manifest).expect("the manifest is written");
    assert!(written.contains("\"complete\": true") && written.contains("\"name\": \"evaluation\""), "{written}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn flags_of_the_live_path_are_refused_on_the_sandbox() {
    for flag in ["--resume", "--stage", "--demo"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_deploy")).arg(flag).output().expect("run deploy");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("need --url"), "{flag}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_deploy")).args(["--url", "ws://127.0.0.1:9"]).output().expect("run deploy");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Without the live feature the binary says how to get it; with it, the
    // node on port 9 is not there.
    assert!(stderr.contains("features live") || stderr.contains("cannot reach a node"), "{stderr}");
}
