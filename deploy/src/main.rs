//! `deploy`: deploys the suite, grants the roles of a config file, runs a
//! procurement on it, prints its state and writes a deployment manifest.
//!
//! Usage: `deploy [--config FILE] [--manifest FILE] [--url URL [--funder SURI] [--clock FILE] [--endowment N] [--allow-dev-keys] [--resume] [--stage] [--demo]]`
//! (defaults: `deploy/config/demo.toml`, `out/deployment.json`).
//!
//! Without `--url`: an embedded sandbox chain, and the whole demo
//! procurement from publication to a paid agreement. With `--url` (a build
//! with the `live` feature): a live node; the manifest is written after
//! every contract deployed, `--resume` continues from it, the fee of every
//! extrinsic is printed, and `--stage` then runs the procurement stage of
//! `deploy::stage`, `--demo` the whole demo procurement (both move the
//! chain's clock, so only on a node started by `scripts/node.sh`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use deploy::chain::{self, arg};
use deploy::config::Config;
use deploy::demo;
use deploy::suite;

/// The demo's clock starts here (2027-01-15), so deadlines read like dates.
const DEMO_START_MS: u64 = 1_800_000_000_000;

struct Args {
    config: PathBuf,
    manifest: PathBuf,
    url: Option<String>,
    funder: String,
    clock: Option<PathBuf>,
    resume: bool,
    stage: bool,
    demo: bool,
    allow_dev_keys: bool,
    endowment: Option<u128>,
}

const USAGE: &str = "usage: deploy [--config FILE] [--manifest FILE] [--url URL [--funder SURI] [--clock FILE] [--endowment N] [--allow-dev-keys] [--resume] [--stage] [--demo]]";

fn parse_args() -> Result<Args, String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.parent().unwrap_or(manifest_dir);
    let mut args = Args {
        config: root.join("deploy/config/demo.toml"),
        manifest: root.join("out/deployment.json"),
        url: None,
        funder: "//Alice".into(),
        clock: None,
        resume: false,
        stage: false,
        demo: false,
        allow_dev_keys: false,
        endowment: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--config" => args.config = PathBuf::from(value()?),
            "--manifest" => args.manifest = PathBuf::from(value()?),
            "--url" => args.url = Some(value()?),
            "--funder" => args.funder = value()?,
            "--clock" => args.clock = Some(PathBuf::from(value()?)),
            "--resume" => args.resume = true,
            "--stage" => args.stage = true,
            "--demo" => args.demo = true,
            "--allow-dev-keys" => args.allow_dev_keys = true,
            "--endowment" => {
                let text = value()?;
                args.endowment = Some(text.parse().map_err(|_| format!("--endowment takes a whole number, not {text:?}"))?);
            }
            "-h" | "--help" => return Err(USAGE.into()),
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
    if let Some(url) = &args.url {
        return live::run(&args, &config, url);
    }
    if args.resume || args.stage || args.demo {
        return Err("--resume, --stage and --demo need --url: the sandbox starts empty on every run and runs the whole demo".into());
    }
    let mut session = chain::new_session();
    chain::set_time(&mut session, DEMO_START_MS);

    println!("== Deploying the suite into the embedded sandbox chain");
    println!("   config: {}", args.config.display());
    let suite = suite::deploy_suite(&mut session, &config)?;
    for (name, address) in &suite.deployed {
        println!("   {name:<15} at {}", arg(address));
    }
    println!("   {} role grants from the config", config.grants()?.len());

    let names = demo::run(&mut session, &suite, &config)?;

    let manifest = suite::manifest(&mut session, &suite)?;
    demo::print_state(&manifest, &names);
    write_manifest(&args.manifest, &manifest)?;
    println!("\nManifest written to {}", args.manifest.display());
    publish(&mut session, &suite, &config, &args.manifest)
}

/// Publishes the chain's history as open contracting data beside the
/// manifest (`out/ocds/`), with the red flags.
fn publish(chain: &mut impl chain::Chain, suite: &suite::Suite, config: &Config, manifest: &Path) -> Result<(), String> {
    let dir = manifest.parent().unwrap_or(Path::new(".")).join("ocds");
    let settings = deploy::flags::Settings::parse(deploy::flags::settings::DEFAULT)?;
    // Read once: published, and written out for the portal below (on a node
    // every block is a round trip).
    let journal = chain.journal(1)?;
    let (run, written) = deploy::ocds::publish_journal(chain, suite, config, &journal, 1, &settings, &dir)?;
    println!("\n== Open contracting data (OCDS 1.1.5 with the bid extension)");
    let releases = run.published.all_releases().len();
    println!(
        "   {} suite events folded into {releases} releases of {} contracting process(es); every release and package valid against the schema",
        run.published.events,
        run.published.processes.len()
    );
    for process in run.published.processes.values() {
        let releases = run.published.releases.get(&process.tender).map(Vec::as_slice).unwrap_or_default();
        // Each release's tags, a run of the same collapsed: `tenderUpdate x8`.
        let mut runs: Vec<(String, usize)> = Vec::new();
        for release in releases {
            let tags: Vec<&str> = release["tag"].as_array().into_iter().flatten().filter_map(|t| t.as_str()).collect();
            let tags = tags.join("+");
            match runs.last_mut() {
                Some((last, count)) if *last == tags => *count += 1,
                _ => runs.push((tags, 1)),
            }
        }
        let story: Vec<String> = runs.into_iter().map(|(tags, n)| if n > 1 { format!("{tags} x{n}") } else { tags }).collect();
        println!("   {} (tender {}): {} releases: {}", process.ocid, process.status, releases.len(), story.join(", "));
    }
    println!("   red flags:");
    for line in run.summary.lines() {
        println!("      {line}");
    }
    for (path, bytes) in &written {
        println!("   wrote {} ({bytes} bytes)", path.display());
    }
    // The events themselves, for the portal to index after this run.
    let file = dir.parent().unwrap_or(Path::new(".")).join("journal.jsonl");
    let text = deploy::journal::to_text(&journal, &chain.currency()?, &chain.describe());
    deploy::write_atomically(&file, &text)?;
    println!("   wrote {} (the chain's events, for the portal: bash scripts/portal.sh)", file.display());
    Ok(())
}

fn write_manifest(path: &Path, manifest: &suite::Manifest) -> Result<(), String> {
    let json = serde_json::to_string_pretty(manifest).map_err(|e| e.to_string())?;
    deploy::write_atomically(path, &(json + "\n"))
}

#[cfg(not(feature = "live"))]
mod live {
    pub fn run(_: &super::Args, _: &deploy::config::Config, _: &str) -> Result<(), String> {
        Err("this build has no live backend: run `cargo run -p deploy --features live -- --url ...` (or `bash scripts/live.sh`)".into())
    }
}

#[cfg(feature = "live")]
mod live {
    use super::{write_manifest, Args};
    use deploy::chain::{arg, Chain};
    use deploy::config::Config;
    use deploy::live::LiveChain;
    use deploy::{stage, suite};

    /// One line per extrinsic: what, fee, the dry run's gas, the deposit.
    fn print_receipts(receipts: &[deploy::live::Receipt]) {
        println!("   (ref_time and proof: the gas limit the dry run asked for; deposit: storage deposit charged)");
        println!("   {:<32} {:>14} {:>14} {:>9} {:>16}", "call", "fee", "ref_time", "proof", "deposit");
        for r in receipts {
            println!("   {:<32} {:>14} {:>14} {:>9} {:>16}", r.what, r.fee, r.gas_required.0, r.gas_required.1, r.storage_deposit);
        }
    }

    pub fn run(args: &Args, config: &Config, url: &str) -> Result<(), String> {
        let clock = args.clock.clone().or_else(deploy::live::default_clock);
        let mut chain = LiveChain::connect_with(url, &args.funder, clock, args.allow_dev_keys)?;
        if let Some(amount) = args.endowment {
            chain.set_endowment(amount);
        }
        println!("== Deploying the suite to {url}");
        println!("   config: {}", args.config.display());
        let known = if args.resume {
            let text =
                std::fs::read_to_string(&args.manifest).map_err(|e| format!("--resume: cannot read {}: {e}", args.manifest.display()))?;
            let known = suite::deployed_in(&text)?;
            println!("   resuming: {} contract(s) recorded in {}", known.len(), args.manifest.display());
            known
        } else {
            Vec::new()
        };
        let manifest_path = args.manifest.clone();
        let suite = suite::resume_suite(&mut chain, config, &known, |so_far| {
            let (name, address) = so_far.deployed.last().expect("called after a deployment");
            println!("   {name:<15} at {}", arg(address));
            // The chain is borrowed by the deployment: describe it by URL.
            let progress = suite::progress(format!("live node at {url} (pallet-contracts)"), so_far)?;
            write_manifest(&manifest_path, &progress)
        })?;
        println!("   wired: role book linked, peers linked, {} config grants held", config.grants()?.len());
        let manifest = suite::manifest(&mut chain, &suite)?;
        write_manifest(&args.manifest, &manifest)?;
        println!("   manifest written to {}", args.manifest.display());
        print_receipts(chain.receipts());
        let deployed = chain.receipts().len();
        if args.demo {
            let names = deploy::demo::run(&mut chain, &suite, config)?;
            let manifest = suite::manifest(&mut chain, &suite)?;
            deploy::demo::print_state(&manifest, &names);
            write_manifest(&args.manifest, &manifest)?;
            let fees: u128 = chain.receipts()[deployed..].iter().map(|r| r.fee).sum();
            println!("\n   the demo took {} extrinsics; fees paid {fees}:", chain.receipts().len() - deployed);
            print_receipts(&chain.receipts()[deployed..]);
            super::publish(&mut chain, &suite, config, &args.manifest)?;
        }
        if !args.stage {
            return Ok(());
        }

        let stage_start = chain.receipts().len();
        println!("\n== A procurement stage on the node (every step checked against the chain)");
        let report = stage::run(&mut chain, &suite, config)?;
        for step in &report.steps {
            println!("   {}", step.what);
        }
        println!("\n   extrinsics of the stage and the fees the chain charged:");
        print_receipts(&chain.receipts()[stage_start..]);
        let now = chain.now()?;
        println!("\n   tender {} on line {}; chain time {now}", report.tender, report.line);
        Ok(())
    }
}
