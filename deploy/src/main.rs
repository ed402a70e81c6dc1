//! `deploy`: deploys the suite into an embedded sandbox chain, grants the
//! roles of a config file, exercises it, prints its state and writes a
//! deployment manifest.
//!
//! Usage: `deploy [--config FILE] [--manifest FILE]`
//! (defaults: `deploy/config/demo.toml`, `out/deployment.json`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod demo;

use deploy::chain::{self, arg};
use deploy::config::Config;
use deploy::suite;

/// The demo's clock starts here (2027-01-15), so deadlines read like dates.
const DEMO_START_MS: u64 = 1_800_000_000_000;

struct Args {
    config: PathBuf,
    manifest: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.parent().unwrap_or(manifest_dir);
    let mut args = Args {
        config: root.join("deploy/config/demo.toml"),
        manifest: root.join("out/deployment.json"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--config" => args.config = PathBuf::from(value()?),
            "--manifest" => args.manifest = PathBuf::from(value()?),
            "-h" | "--help" => {
                return Err("usage: deploy [--config FILE] [--manifest FILE]".into());
            }
            other => return Err(format!("unknown argument {other:?}; see --help")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("deploy: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let config = Config::load(&args.config)?;
    let mut session = chain::new_session();
    chain::set_time(&mut session, DEMO_START_MS);

    println!("== Deploying the suite into the embedded sandbox chain");
    println!("   config: {}", args.config.display());
    let suite = suite::deploy_suite(&mut session, &config)?;
    for (name, address) in &suite.deployed {
        println!("   {name:<15} at {}", arg(address));
    }
    println!("   {} role grants from the config", config.grants()?.len());

    demo::exercise(&mut session, &suite, &config)?;
    let line = demo::treasury(&mut session, &suite, &config)?;
    let tendered = demo::tendering(&mut session, &suite, &config, line)?;
    let award = demo::evaluation(&mut session, &suite, &config, &tendered)?;
    demo::agreement(&mut session, &suite, &config, &tendered, &award)?;

    let manifest = suite::manifest(&mut session, &suite)?;
    demo::print_state(&manifest, &config);
    if let Some(dir) = args.manifest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(&args.manifest, json + "\n")
        .map_err(|e| format!("writing {}: {e}", args.manifest.display()))?;
    println!("\nManifest written to {}", args.manifest.display());
    Ok(())
}
