//! `deploy`: deploys the suite into an embedded sandbox chain, grants the
//! roles of a config file, exercises it, prints its state and writes a
//! deployment manifest.
//!
//! Usage: `deploy [--config FILE] [--manifest FILE]`
//! (defaults: `deploy/config/demo.toml`, `out/deployment.json`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use deploy::chain::{self, arg, Session};
use deploy::config::{role_name, Config};
use deploy::suite::{self, AccessControlError, BudgetError, Suite};
use procurement_shared::Role;

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

    println!("== Deploying the suite into the embedded sandbox chain");
    println!("   config: {}", args.config.display());
    let suite = suite::deploy_suite(&mut session, &config)?;
    println!("   access_control at {}", arg(&suite.access_control));
    println!("   {} role grants from the config", config.grants()?.len());

    exercise(&mut session, &suite, &config)?;
    treasury(&mut session, &suite, &config)?;

    let manifest = suite::manifest(&mut session, &suite);
    print_state(&manifest, &config);
    if let Some(dir) = args.manifest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(&args.manifest, json + "\n")
        .map_err(|e| format!("writing {}: {e}", args.manifest.display()))?;
    println!("\nManifest written to {}", args.manifest.display());
    println!("access_control and budget exist so far; tender, evaluation and escrow follow.");
    Ok(())
}

/// Shows the registry's rules at work, with the same calls a wallet makes.
fn exercise(session: &mut Session, suite: &Suite, config: &Config) -> Result<(), String> {
    let registry = &suite.access_control;
    let admin = &suite.admin;
    let grants = config.grants()?;
    let first_of = |role: Role| grants.iter().find(|g| g.role == role).map(|g| g.account.clone());
    let vendor = first_of(Role::Vendor).ok_or("the config names no Vendor")?;

    println!("\n== Separation of duties");
    let refused = chain::call::<(), AccessControlError>(
        session,
        registry,
        admin,
        "grant_role",
        &[role_name(Role::Evaluator), arg(&vendor)],
        None,
    );
    match refused {
        Err(AccessControlError::ConflictingRoles { held, requested, .. }) => {
            println!("   making a vendor an evaluator is refused: ConflictingRoles (holds {held:?}, asked {requested:?})")
        }
        Err(e) => return Err(format!("unexpected refusal: {e:?}")),
        Ok(()) => return Err("a vendor became an evaluator: separation of duties is broken".into()),
    }

    println!("\n== Suite-wide pause");
    chain::call::<(), AccessControlError>(session, registry, admin, "pause", &[], None)
        .map_err(|e| format!("pause: {e:?}"))?;
    let guard: Result<(), AccessControlError> =
        chain::query(session, registry, "check_role_unpaused", &[role_name(Role::Vendor), arg(&vendor)]);
    println!("   while paused, a vendor's guarded action gets: {guard:?}");
    chain::call::<(), AccessControlError>(session, registry, admin, "unpause", &[], None)
        .map_err(|e| format!("unpause: {e:?}"))?;
    let guard: Result<(), AccessControlError> =
        chain::query(session, registry, "check_role_unpaused", &[role_name(Role::Vendor), arg(&vendor)]);
    println!("   after unpause: {guard:?}");

    println!("\n== Two-step Admin handover (to a governance multisig and back)");
    let multisig = chain::endowed(session, "governance-multisig");
    chain::call::<(), AccessControlError>(session, registry, admin, "propose_admin", &[arg(&multisig)], None)
        .map_err(|e| format!("propose_admin: {e:?}"))?;
    println!("   proposed {}; Admin is still {}", arg(&multisig), arg(admin));
    chain::call::<(), AccessControlError>(session, registry, &multisig, "accept_admin", &[], None)
        .map_err(|e| format!("accept_admin: {e:?}"))?;
    let now: ink::primitives::AccountId = chain::query(session, registry, "admin", &[]);
    println!("   accepted; Admin is now {}", arg(&drink::AccountId32::new(*now.as_ref())));
    chain::call::<(), AccessControlError>(session, registry, &multisig, "propose_admin", &[arg(admin)], None)
        .map_err(|e| format!("propose_admin back: {e:?}"))?;
    chain::call::<(), AccessControlError>(session, registry, admin, "accept_admin", &[], None)
        .map_err(|e| format!("accept_admin back: {e:?}"))?;
    println!("   handed back to {}", arg(admin));
    Ok(())
}

/// `name (address)` for accounts the config names, else the address.
fn label(config: &Config, address: &str) -> String {
    let named = std::iter::once(config.admin.clone())
        .chain(config.roles.values().flatten().cloned())
        .find(|name| arg(&deploy::config::resolve_account(name)) == address);
    match named {
        Some(name) if name != address => format!("{name:<12} {address}"),
        _ => address.to_string(),
    }
}

/// Funds the treasury and opens a budget line, as a finance ministry and a
/// Treasurer would, then shows the books balancing.
fn treasury(session: &mut Session, suite: &Suite, config: &Config) -> Result<(), String> {
    const DAY_MS: u64 = 86_400_000;
    let grants = config.grants()?;
    let treasurer = grants
        .iter()
        .find(|g| g.role == Role::Treasurer)
        .map(|g| g.account.clone())
        .ok_or("the config names no Treasurer")?;
    let ministry = chain::endowed(session, "finance-ministry");
    let now = chain::now(session);
    println!("\n== Treasury");
    chain::call::<(), BudgetError>(session, &suite.budget, &ministry, "deposit", &[], Some(500_000_000_000))
        .map_err(|e| format!("deposit: {e:?}"))?;
    println!("   finance-ministry deposited 500_000_000_000");
    let code = format!("0x{}", b"ROADS-2027".iter().map(|b| format!("{b:02x}")).collect::<String>());
    let line: u32 = chain::call::<u32, BudgetError>(
        session,
        &suite.budget,
        &treasurer,
        "open_line",
        &[code, now.to_string(), (now + 365 * DAY_MS).to_string(), "300000000000".into()],
        None,
    )
    .map_err(|e| format!("open_line: {e:?}"))?;
    println!("   treasurer opened line {line} ROADS-2027 with 300_000_000_000 for one year");
    let refused = chain::call::<u32, BudgetError>(
        session,
        &suite.budget,
        &treasurer,
        "open_line",
        &["0x4f56455253504553".into(), now.to_string(), (now + DAY_MS).to_string(), "300000000000".into()],
        None,
    );
    println!("   a second line of 300_000_000_000 is refused: {refused:?}");
    let totals: budget::Totals = chain::query(session, &suite.budget, "totals", &[]);
    println!(
        "   books: unappropriated {} + available {} + reserved {} + committed {} = balance {} (conserved: {})",
        totals.unappropriated, totals.available, totals.reserved, totals.committed, totals.balance, totals.conserved()
    );
    Ok(())
}

fn print_state(manifest: &suite::Manifest, config: &Config) {
    println!("\n== State of the suite");
    for c in &manifest.contracts {
        println!("   contract {:<15} {}  ({} bytes of Wasm)", c.name, c.address, c.wasm_bytes);
    }
    println!("   admin    {}", label(config, &manifest.admin));
    println!("   paused   {}", manifest.paused);
    for r in &manifest.roles {
        println!("   {:<19} {} member(s)", r.role, r.members.len());
        for m in &r.members {
            println!("      {}", label(config, m));
        }
    }
}
