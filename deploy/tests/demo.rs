//! The main job (`bash scripts/demo.sh`) as CI sees it: the `deploy` binary
//! on the embedded sandbox, run as a user runs it, must finish and tell the
//! demo's story with the right figures. (It once broke without any test
//! failing: a second binary made `cargo run -p deploy` ambiguous.)

mod common;

#[test]
fn the_demo_deploys_the_suite_and_runs_the_procurement_to_the_last_payment() {
    let dir = std::env::temp_dir().join(format!("deploy-demo-{}", std::process::id()));
    let manifest = dir.join("deployment.json");
    let stdout = common::run_deploy(&[], &manifest);
    assert!(stdout.contains("making a vendor an evaluator is refused: ConflictingRoles"), "{stdout}");
    assert!(stdout.contains("finance-ministry deposited 50 UNIT"), "amounts in the currency: {stdout}");
    common::assert_demo_story(&stdout, &manifest, &deploy::money::Currency::sandbox());
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
