//! `procure`: the suite's users at work on a live node, one action per
//! invocation (feature `live`). The chain keeps the state between
//! invocations; a vendor's sealed bid waits for its reveal in the wallet
//! directory.
//!
//! ```text
//! procure --url URL [--manifest FILE] [--wallet DIR] --as NAME COMMAND
//!   deposit AMOUNT                            pay into the treasury (a finance ministry)
//!   open-line CODE APPROPRIATION DAYS         open a budget line from now for DAYS (a Treasurer)
//!   tenders                                   how many tenders, and each one's status
//!   history TENDER                            a tender's terms, status and bids, read from the chain
//!   events [FROM_BLOCK]                       every event of the suite since a block, decoded, oldest first
//!   ocds [FROM_BLOCK]                         publish the suite's history as OCDS 1.1.5 with its red flags
//!                                             (releases from FROM_BLOCK; records of every tender) into --out
//!   publish LINE ESTIMATE BOND BIDDING_DAYS REVEAL_DAYS [SHARE%:DUE_DAYS ...]
//!   bid TENDER PRICE [PROPOSAL_FILE]          seal (saved to the wallet first), then commit with the bond
//!   reveal TENDER                             reveal the sealed bid from the wallet
//!   claim TENDER                              take a bond back
//!   advance SECONDS                           development node only: move its clock and seal a block
//!   upload BUNDLE                             upload bundles/BUNDLE.contract's code; prints its code hash
//!   schedule-upgrade CONTRACT CODE_HASH [DAYS] the Admin announces new code for a suite contract, to run
//!                                             after the governor's delay (or DAYS from now, if later)
//!   changes                                   every pending change: what, from when, until when
//!   cancel CHANGE                             the Admin withdraws a pending change (anyone, once expired)
//!   execute CHANGE                            anyone runs a change whose time has come
//! ```
//! `--as` is a name of the config (the key `//NAME`) or a secret URI.
//! Names are development keys, accepted only on this machine's node (or
//! with `--allow-dev-keys` on a test chain); elsewhere give your phrase.
//! Defaults: `--manifest out/live-deployment.json`, `--wallet out/wallet`,
//! `--config deploy/config/demo.toml` (its `[publication]` section names the
//! ocid prefix, currency and buyer), `--out out/ocds`, the suite's default
//! indicator settings unless `--settings FILE` (Cardinal's INI format).

use std::path::PathBuf;
use std::process::ExitCode;

use deploy::chain::{arg, Chain};
use deploy::live::LiveChain;
use deploy::tools::{self, Publication};

const USAGE: &str = "usage: procure --url URL [--manifest FILE] [--wallet DIR] [--clock FILE] [--allow-dev-keys] [--config FILE] [--out DIR] [--settings FILE] --as NAME \
deposit AMOUNT | open-line CODE APPROPRIATION DAYS | tenders | history TENDER | events [FROM_BLOCK] | ocds [FROM_BLOCK] | publish LINE ESTIMATE BOND BIDDING_DAYS REVEAL_DAYS [SHARE%:DUE_DAYS ...] | \
bid TENDER PRICE [PROPOSAL_FILE] | reveal TENDER | claim TENDER | advance SECONDS | upload BUNDLE | schedule-upgrade CONTRACT CODE_HASH [DAYS] | \
changes | cancel CHANGE | execute CHANGE";

fn number<T: std::str::FromStr>(what: &str, text: Option<&String>) -> Result<T, String> {
    parse(what, text.ok_or_else(|| format!("{what} is missing; {USAGE}"))?)
}

fn parse<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("{what} must be a whole number, not {text:?}"))
}

fn run() -> Result<(), String> {
    let mut url = None;
    let mut manifest = PathBuf::from("out/live-deployment.json");
    let mut wallet = PathBuf::from("out/wallet");
    let mut who = None;
    let mut clock = None;
    let mut allow_dev_keys = false;
    let mut config = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/config/demo.toml"));
    let mut out = PathBuf::from("out/ocds");
    let mut settings = None;
    let mut rest = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => url = Some(value()?),
            "--manifest" => manifest = PathBuf::from(value()?),
            "--wallet" => wallet = PathBuf::from(value()?),
            "--as" => who = Some(value()?),
            "--clock" => clock = Some(PathBuf::from(value()?)),
            "--allow-dev-keys" => allow_dev_keys = true,
            "--config" => config = PathBuf::from(value()?),
            "--out" => out = PathBuf::from(value()?),
            "--settings" => settings = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(USAGE.into()),
            _ => rest.push(flag),
        }
    }
    let url = url.ok_or_else(|| format!("--url is required; {USAGE}"))?;
    let who = who.ok_or_else(|| format!("--as is required; {USAGE}"))?;
    let clock = clock.or_else(deploy::live::default_clock);
    // The funding account only pays for clock blocks (`advance`); a user
    // given by their own phrase needs no development key at all.
    let funder = if who.contains(' ') { who.clone() } else { "//Alice".to_string() };
    let mut chain = LiveChain::connect_with(&url, &funder, clock, allow_dev_keys)?;
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("cannot read the manifest {}: {e}", manifest.display()))?;
    let suite = tools::attach_suite(&mut chain, &text)?;
    let me = chain.account(&who)?;
    // Amounts are typed as whole numbers of the smallest unit (what the
    // chain stores) and shown in the chain's currency.
    let money = chain.currency()?;
    let command = rest.first().map(String::as_str).unwrap_or("");
    match command {
        "deposit" => {
            let amount: u128 = number("AMOUNT", rest.get(1))?;
            suite.treasury().deposit(&mut chain, &me, amount).map_err(|e| format!("deposit: {e}"))?;
            println!("deposited {}", money.show(amount));
        }
        "open-line" => {
            let code = rest.get(1).ok_or_else(|| format!("CODE is missing; {USAGE}"))?;
            let appropriation: u128 = number("APPROPRIATION", rest.get(2))?;
            let days: u64 = number("DAYS", rest.get(3))?;
            let now = chain.now()?;
            let end = days.checked_mul(procurement_shared::DAY_MS).and_then(|ms| ms.checked_add(now)).ok_or("DAYS is too large")?;
            let line = suite
                .treasury()
                .open_line(&mut chain, &me, code.as_bytes(), now, end, appropriation)
                .map_err(|e| format!("open_line: {e}"))?;
            println!("opened line {line} ({code}) with {} for {days} days", money.show(appropriation));
        }
        "tenders" => {
            let count = suite.tenders().tender_count(&mut chain)?;
            println!("{count} tender(s)");
            for id in 0..count {
                let phase = suite.tenders().phase(&mut chain, id)?;
                println!("  tender {id}: {phase:?}");
            }
        }
        "history" => {
            for line in tools::history(&mut chain, &suite, number("TENDER", rest.get(1))?)? {
                println!("{line}");
            }
        }
        "events" => {
            let from = match rest.get(1) {
                Some(_) => number("FROM_BLOCK", rest.get(1))?,
                None => 0,
            };
            for (block, event) in chain.contract_events_since(from)? {
                println!("block {block}: {event}");
            }
            return Ok(());
        }
        "ocds" => {
            let from = match rest.get(1) {
                Some(_) => number("FROM_BLOCK", rest.get(1))?,
                None => 1,
            };
            let config = deploy::config::Config::load(&config)?;
            let settings = match &settings {
                Some(path) => deploy::flags::Settings::load(path)?,
                None => deploy::flags::Settings::parse(deploy::flags::settings::DEFAULT)?,
            };
            let (run, written) = deploy::ocds::publish_suite(&mut chain, &suite, &config, from, &settings, &out)?;
            let new = run.release_package.as_ref().and_then(|p| p["releases"].as_array().map(Vec::len)).unwrap_or(0);
            println!(
                "{} suite events, {} tender(s); {new} release(s) from block {from}; every release and package valid OCDS 1.1.5",
                run.published.events,
                run.published.processes.len()
            );
            print!("{}", run.summary);
            for (path, bytes) in written {
                println!("wrote {} ({bytes} bytes)", path.display());
            }
            return Ok(());
        }
        "publish" => {
            let mut plan = Vec::new();
            for item in rest.iter().skip(6) {
                let (share, days) = item.split_once(':').ok_or_else(|| format!("milestone {item:?} is not SHARE%:DUE_DAYS"))?;
                plan.push((parse("SHARE%", share)?, parse("DUE_DAYS", days)?));
            }
            if plan.is_empty() {
                plan.push((100, 90));
            }
            let p = Publication {
                line: number("LINE", rest.get(1))?,
                estimate: number("ESTIMATE", rest.get(2))?,
                bond: number("BOND", rest.get(3))?,
                bidding_days: number("BIDDING_DAYS", rest.get(4))?,
                reveal_days: number("REVEAL_DAYS", rest.get(5))?,
                dossier: tools::document_hash(format!("dossier of line {:?}", rest.get(1)).as_bytes()),
                plan,
            };
            let id = tools::publish(&mut chain, &suite, &me, &p)?;
            println!("published tender {id}");
        }
        "bid" => {
            let tender = number("TENDER", rest.get(1))?;
            let price = number("PRICE", rest.get(2))?;
            let proposal = match rest.get(3) {
                Some(file) => tools::document_hash(&std::fs::read(file).map_err(|e| format!("reading {file}: {e}"))?),
                None => tools::random32()?,
            };
            let sealed = tools::seal(&mut chain, &suite, &me, tender, price, proposal)?;
            let path = tools::save(&wallet, &sealed, &me)?;
            let commitment = tools::commit(&mut chain, &suite, &me, &sealed)?;
            println!(
                "committed sealed bid {} with bond {}; keep {} until the reveal",
                deploy::chain::hex(&commitment),
                money.show(sealed.bond),
                path.display()
            );
        }
        "reveal" => {
            let tender = number("TENDER", rest.get(1))?;
            let sealed = tools::load(&wallet, tender, &me)?;
            tools::reveal(&mut chain, &suite, &me, &sealed)?;
            println!("revealed price {} for tender {tender}", money.show(sealed.price));
        }
        "claim" => {
            let amount = tools::claim(&mut chain, &suite, &me, number("TENDER", rest.get(1))?)?;
            println!("bond returned: {}", money.show(amount));
        }
        "advance" => {
            // Dry runs read the latest block, so a clock shift only counts
            // once a block carries it: advance_time seals one.
            let seconds: u64 = number("SECONDS", rest.get(1))?;
            chain.advance_time(seconds.checked_mul(1_000).ok_or("SECONDS is too large")?)?;
            println!("chain time is now {} ms", chain.now()?);
            return Ok(());
        }
        "upload" => {
            let bundle = rest.get(1).ok_or_else(|| format!("BUNDLE is missing; {USAGE}"))?;
            let hash = deploy::govern::upload(&mut chain, bundle, &me)?;
            println!("uploaded bundles/{bundle}.contract: code hash {}", deploy::chain::hex(hash.as_ref()));
        }
        "schedule-upgrade" => {
            let contract = deploy::govern::contract_named(rest.get(1).ok_or_else(|| format!("CONTRACT is missing; {USAGE}"))?)?;
            let code_hash = deploy::govern::code_hash(rest.get(2).ok_or_else(|| format!("CODE_HASH is missing; {USAGE}"))?)?;
            let earliest = deploy::govern::earliest(&mut chain, &suite)?;
            let eta = match rest.get(3) {
                Some(days) => {
                    let days: u64 = parse("DAYS", days)?;
                    // The chain's own clock: a failure to read it is said as
                    // such, not taken for a DAYS too large.
                    let now = chain.now()?;
                    let at = days.checked_mul(procurement_shared::DAY_MS).and_then(|ms| ms.checked_add(now)).ok_or("DAYS is too large")?;
                    at.max(earliest)
                }
                None => earliest,
            };
            let action = governor::Action::Upgrade { contract, code_hash };
            let id = deploy::govern::schedule_as(&mut chain, &suite, &me, &action, Some(eta))?;
            let change = suite.governor().change(&mut chain, id)?.ok_or("the change is not recorded")?;
            println!("{}", deploy::govern::describe_change(id, &change));
        }
        "changes" => {
            let pending = deploy::govern::pending(&mut chain, &suite)?;
            println!("{} pending change(s); minimum delay {} ms", pending.len(), suite.governor().min_delay(&mut chain)?);
            for (id, change) in pending {
                println!("  {}", deploy::govern::describe_change(id, &change));
            }
            return Ok(());
        }
        "cancel" => {
            let id: u32 = number("CHANGE", rest.get(1))?;
            deploy::govern::cancel_as(&mut chain, &suite, &me, id)?;
            println!("change {id} cancelled");
        }
        "execute" => {
            let id: u32 = number("CHANGE", rest.get(1))?;
            let migrated = deploy::govern::execute(&mut chain, &suite, &me, id)?;
            match migrated {
                Some(from) => println!("change {id} executed; the new code migrated the storage from version {from}"),
                None => println!("change {id} executed"),
            }
        }
        other => return Err(format!("unknown command {other:?}; {USAGE}")),
    }
    for event in chain.last_events_text() {
        println!("event {event}");
    }
    if let Some(receipt) = chain.receipts().last() {
        println!("fee paid by {}: {} ({})", arg(&me), money.show(receipt.fee), receipt.what);
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("procure: {e}");
            ExitCode::FAILURE
        }
    }
}
