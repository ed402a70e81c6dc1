//! The suite on a live node (feature `live`): a substrate-contracts-node
//! started by `bash scripts/node.sh start`, at `$PROCUREMENT_NODE_URL`
//! (default `ws://127.0.0.1:9944`).
//!
//! `scripts/test.sh` runs these, one at a time, whenever the node binary
//! exists on the machine, and sets `PROCUREMENT_LIVE=required` so that an
//! unreachable node fails them; run by hand without a node they say so and
//! pass. Each test deploys a suite of its own (the live backend salts every
//! instantiation), so they share one chain.
#![cfg(feature = "live")]

use std::path::PathBuf;

use deploy::chain::{self, arg, Chain, Failure};
use deploy::config::Config;
use deploy::live::LiveChain;
use deploy::suite::{self, SUITE};
use ink::codegen::TraitCallBuilder;
use procurement_shared::{Role, RoleSet};

mod common;

const CONFIG: &str = include_str!("../config/demo.toml");

fn url() -> String {
    std::env::var("PROCUREMENT_NODE_URL").unwrap_or_else(|_| "ws://127.0.0.1:9944".into())
}

/// The clock-shift file of the node that scripts/node.sh started.
fn clock() -> Option<PathBuf> {
    deploy::live::default_clock()
}

/// The node, or `None` (with a plain message) when none answers and the
/// run does not require one.
fn node() -> Option<LiveChain> {
    match LiveChain::connect(&url(), "//Alice", clock()) {
        Ok(chain) => Some(chain),
        Err(e) if std::env::var("PROCUREMENT_LIVE").as_deref() != Ok("required") => {
            eprintln!("[live] skipped: {e}");
            None
        }
        Err(e) => panic!("a live node is required here: {e}"),
    }
}

fn config() -> Config {
    Config::parse(CONFIG).expect("the demo config parses")
}

/// The role set and pause flag the role book answers for `account`.
fn standing(chain: &mut LiveChain, book: &drink::AccountId32, account: &drink::AccountId32) -> (RoleSet, bool) {
    let call = chain::message(chain::at::<role_book::RoleBookRef>(book).call().standing(chain::ink_id(account)));
    chain::query(chain, book, &call).expect("standing")
}

#[test]
fn the_suite_deploys_wired_and_a_procurement_stage_runs_on_the_node() {
    let Some(mut chain) = node() else { return };
    let config = config();
    let suite = suite::deploy_suite(&mut chain, &config).expect("deploy the suite");
    assert_eq!(suite.deployed.len(), SUITE.len());
    for (name, address) in &suite.deployed {
        assert!(chain.receipts().iter().any(|r| r.what == format!("{name}.new") && r.fee > 0), "{name} at {}", arg(address));
    }

    // Wiring, read back from the chain: the links, and every role the
    // registry granted answered by the role book the contracts ask.
    let registry = suite.registry();
    let book = suite.address("role_book").clone();
    let linked = registry.role_book(&mut chain).expect("role_book").map(|a| chain::from_ink(&a));
    assert_eq!(linked.as_ref(), Some(&book));
    assert_eq!(registry.peers(&mut chain).unwrap(), Some(suite.peers()));
    for (role, account) in suite.peers().services() {
        let (roles, paused) = standing(&mut chain, &book, &chain::from_ink(&account));
        assert!(roles.contains(role) && !paused, "{role:?}: {roles:?}");
    }
    for grant in config.grants().unwrap() {
        let account = chain.account(&grant.name).unwrap();
        let (roles, _) = standing(&mut chain, &book, &account);
        assert!(roles.contains(grant.role), "{} should hold {:?}: {roles:?}", grant.name, grant.role);
        assert!(registry.has_role(&mut chain, grant.role, &account).unwrap());
    }
    let manifest = suite::manifest(&mut chain, &suite).unwrap();
    assert!(manifest.complete && manifest.chain.contains(&url()));

    // The stage checks every step's event, the contracts' books against
    // their balances, and each payer's balance against value + fee +
    // deposit; here also that it really moved the chain's clock and that
    // each of its calls paid a fee.
    let before = chain.receipts().len();
    let start = chain.now().unwrap();
    let report = deploy::stage::run(&mut chain, &suite, &config).expect("the stage's checks hold on the node");
    assert_eq!(report.steps.len(), 11);
    let tender = suite.tenders().tender(&mut chain, report.tender).unwrap().expect("the tender");
    assert!(chain.now().unwrap() > tender.reveal_deadline);
    assert!(tender.reveal_deadline > start + tender::rules::MIN_BIDDING_WINDOW_MS);
    let calls: Vec<&str> = chain.receipts()[before..]
        .iter()
        .map(|r| r.what.as_str())
        .filter(|w| w.contains('.') && !w.starts_with("system") && !w.starts_with("balances"))
        .collect();
    assert_eq!(
        calls,
        [
            "budget.deposit",
            "budget.open_line",
            "tender.publish",
            "tender.commit_bid",
            "tender.commit_bid",
            "tender.reveal_bid",
            "tender.reveal_bid",
            "tender.claim_bond"
        ]
    );
    for receipt in &chain.receipts()[before..] {
        assert!(receipt.fee > 0, "{receipt:?}");
    }
}

#[test]
fn an_interrupted_deployment_resumes_on_the_node() {
    let Some(mut chain) = node() else { return };
    let config = config();
    let mut recorded = None;
    let error = suite::resume_suite(&mut chain, &config, &[], |so_far| {
        recorded = Some(serde_json::to_string(&suite::progress("live".into(), so_far)?).unwrap());
        if so_far.deployed.len() == 2 {
            return Err("connection lost".into());
        }
        Ok(())
    })
    .unwrap_err();
    assert_eq!(error, "connection lost");
    let known = suite::deployed_in(&recorded.expect("progress")).unwrap();
    assert_eq!(known.len(), 2);

    let deployed_before = chain.receipts().iter().filter(|r| r.what.ends_with(".new")).count();
    let suite = suite::resume_suite(&mut chain, &config, &known, |_| Ok(())).expect("resume");
    let deployed = chain.receipts().iter().filter(|r| r.what.ends_with(".new")).count() - deployed_before;
    assert_eq!(deployed, SUITE.len() - 2, "only the missing contracts are deployed");
    for (name, address) in &known {
        assert_eq!(suite.address(name), address);
    }
    let registry = suite.registry();
    assert_eq!(registry.role_book(&mut chain).unwrap().map(|a| chain::from_ink(&a)).as_ref(), Some(suite.address("role_book")));
    assert!(registry.has_role(&mut chain, Role::EvaluationService, suite.address("evaluation")).unwrap());

    // A manifest that names an address where no contract lives, or where
    // another contract lives, is refused.
    let nowhere = vec![("access_control".to_string(), chain::dev_account("nothing-here"))];
    let error = suite::resume_suite(&mut chain, &config, &nowhere, |_| Ok(())).unwrap_err();
    assert!(error.contains("no contract lives at"), "{error}");
    let swapped = vec![("access_control".to_string(), suite.address("budget").clone())];
    let error = suite::resume_suite(&mut chain, &config, &swapped, |_| Ok(())).unwrap_err();
    assert!(error.contains("runs other code than bundles/access_control.contract"), "{error}");
}

#[test]
fn refusals_and_failures_are_reported_in_words() {
    let Some(mut chain) = node() else { return };
    let config = config();
    let suite = suite::deploy_suite(&mut chain, &config).expect("deploy");
    let registry = suite.registry();

    // A contract's typed refusal, decoded from the dry run: nothing is
    // submitted, so nothing is charged.
    let stranger = chain.account("live-stranger").unwrap();
    chain.endow(&stranger, 1_000_000_000_000_000).unwrap();
    let balance = chain.free_balance(&stranger).unwrap();
    let receipts = chain.receipts().len();
    let vendor = chain.account("vendor-a").unwrap();
    match registry.grant_role(&mut chain, &stranger, Role::Auditor, &vendor) {
        Err(Failure::Refused(access_control::Error::MissingRole { role, .. })) => assert_eq!(role, Role::Admin),
        other => panic!("expected MissingRole, got {other:?}"),
    }
    assert_eq!(chain.receipts().len(), receipts, "a refusal is not submitted");
    assert_eq!(chain.free_balance(&stranger).unwrap(), balance);
    assert_eq!(chain.last_charges(), 0);

    // A signer without funds: the dry run passes, the node refuses to take
    // the fee, and the error says so.
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let pauper = chain.account(&format!("pauper-{nanos}")).unwrap();
    registry.grant_role(&mut chain, &suite.admin, Role::Auditor, &pauper).expect("grant");
    assert_eq!(chain.free_balance(&pauper).unwrap(), 0);
    match registry.renounce_role(&mut chain, &pauper, Role::Auditor, &pauper) {
        Err(Failure::Chain(e)) => assert!(e.contains("cannot pay the transaction fee"), "{e}"),
        other => panic!("expected a fee failure, got {other:?}"),
    }
    assert!(registry.has_role(&mut chain, Role::Auditor, &pauper).unwrap(), "nothing changed");

    // An account given only by address can be granted roles but not sign,
    // and a deployment does not fund it: it is someone else's wallet.
    let by_address = chain.account(&arg(&chain::dev_account("address-only"))).unwrap();
    assert!(!chain.holds_key(&by_address));
    let with_wallet = format!("admin = \"authority\"\n[roles]\nAuditor = [\"{}\"]\n", arg(&by_address));
    suite::deploy_suite(&mut chain, &Config::parse(&with_wallet).unwrap()).expect("deploy with an address-only member");
    assert_eq!(chain.free_balance(&by_address).unwrap(), 0, "not funded");
    match registry.renounce_role(&mut chain, &by_address, Role::Auditor, &by_address) {
        Err(Failure::Chain(e)) => assert!(e.contains("no signing key"), "{e}"),
        other => panic!("expected a missing key, got {other:?}"),
    }

    // A node that is not there, and a clock that cannot be moved.
    let error = LiveChain::connect("ws://127.0.0.1:9", "//Alice", None).err().expect("no node on port 9");
    assert!(error.contains("cannot reach a node at ws://127.0.0.1:9"), "{error}");
    let mut fixed = LiveChain::connect(&url(), "//Alice", None).unwrap();
    let error = fixed.advance_time(1_000).unwrap_err();
    assert!(error.contains("cannot be moved"), "{error}");
    assert!(LiveChain::connect(&url(), "not a key", None).is_err());
    // Unencrypted RPC only to this machine; the check comes before any
    // connection.
    let error = LiveChain::connect("ws://rpc.example.org:9944", "//Alice", None).err().expect("refused");
    assert!(error.contains("use wss://"), "{error}");
    assert!(LiveChain::connect("ftp://127.0.0.1", "//Alice", None).err().expect("refused").contains("unknown scheme"));
    // Development keys have public secrets: refused as funder on any chain
    // but this machine's, before connecting.
    let error = LiveChain::connect("wss://rpc.example.org", "//Alice", None).err().expect("refused");
    assert!(error.contains("development key") && error.contains("--allow-dev-keys"), "{error}");
    let phrase = format!("{} //treasury", sp_core::crypto::DEV_PHRASE);
    assert!(LiveChain::connect("wss://rpc.example.org", &phrase, None).err().expect("refused").contains("development key"));
}

/// Runs the `procure` binary once, as a user would from a shell; its
/// standard output, or a panic with its error.
fn procure(manifest: &std::path::Path, wallet: &std::path::Path, who: &str, args: &[&str]) -> String {
    let clock = clock().expect("clock");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_procure"))
        .args(["--url", &url(), "--manifest"])
        .arg(manifest)
        .arg("--wallet")
        .arg(wallet)
        .arg("--clock")
        .arg(clock)
        .args(["--as", who])
        .args(args)
        .output()
        .expect("run procure");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "procure --as {who} {args:?} failed: {}{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn users_act_one_invocation_at_a_time_and_the_state_lives_on_the_node() {
    let Some(mut chain) = node() else { return };
    let config = config();
    let suite = suite::deploy_suite(&mut chain, &config).expect("deploy");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("procure-live-{nanos}"));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("deployment.json");
    std::fs::write(&manifest, serde_json::to_string(&suite::manifest(&mut chain, &suite).unwrap()).unwrap()).unwrap();
    let wallet = dir.join("wallet");

    // The treasury funds a line (through the library), then each user acts
    // in a process of its own.
    let ministry = chain.account("finance-ministry").unwrap();
    chain.endow(&ministry, 20_000_000_000_000).unwrap();
    suite.treasury().deposit(&mut chain, &ministry, 10_000_000_000_000).expect("deposit");
    let treasurer = chain.account("treasurer-1").unwrap();
    let now = chain.now().unwrap();
    let line = suite
        .treasury()
        .open_line(&mut chain, &treasurer, b"CLI-LINE", now, now + 365 * procurement_shared::DAY_MS, 5_000_000_000_000)
        .expect("line");

    let out =
        procure(&manifest, &wallet, "officer", &["publish", &line.to_string(), "2000000000000", "30000000000", "7", "1", "40:30", "60:90"]);
    let tender: u32 = out.split_whitespace().nth(2).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{out}"));
    // What people read is in the node's currency; the events stay in the
    // metadata's raw integers.
    let money = chain.currency().unwrap();
    let show = |amount: u128| money.show(amount);
    let out = procure(&manifest, &wallet, "vendor-a", &["bid", &tender.to_string(), "1800000000000"]);
    assert!(out.contains(&format!("with bond {}", show(30_000_000_000))), "{out}");
    // The call's event, decoded with the bundle's metadata.
    assert!(out.contains("event tender: BidCommitted") && out.contains("bond: 30000000000"), "{out}");
    procure(&manifest, &wallet, "vendor-b", &["bid", &tender.to_string(), "2500000000000"]);
    let vendor_a = chain.account("vendor-a").unwrap();
    let sealed = deploy::tools::load(&wallet, tender, &vendor_a).expect("the wallet keeps vendor-a's sealed bid");
    assert_eq!(sealed.price, 1_800_000_000_000);

    let record = suite.tenders().tender(&mut chain, tender).unwrap().unwrap();
    chain.advance_to(record.submission_deadline + 1_000).unwrap();
    procure(&manifest, &wallet, "vendor-a", &["reveal", &tender.to_string()]);
    procure(&manifest, &wallet, "vendor-b", &["reveal", &tender.to_string()]);
    chain.advance_to(record.reveal_deadline + 1_000).unwrap();
    let out = procure(&manifest, &wallet, "vendor-b", &["claim", &tender.to_string()]);
    assert!(out.contains(&format!("bond returned: {}", show(30_000_000_000))), "{out}");
    assert!(out.contains("event tender: BondClaimed"), "{out}");

    let history = procure(&manifest, &wallet, "auditor", &["history", &tender.to_string()]);
    assert!(history.contains(&format!("price {},", show(1_800_000_000_000))) && history.contains(", valid"), "{history}");
    assert!(
        history.contains(&format!("price {},", show(2_500_000_000_000))) && history.contains("invalid (zero or over the estimate)"),
        "{history}"
    );
    assert_eq!(history.matches("bid by").count(), 2, "{history}");
    // The auditor's history: every event of the suite, in block order.
    let events = procure(&manifest, &wallet, "auditor", &["events"]);
    let order: Vec<&str> = events
        .lines()
        .filter_map(|l| l.split(": ").nth(2).and_then(|e| e.split(' ').next()))
        .filter(|kind| ["TenderPublished", "BidCommitted", "BidRevealed", "BondClaimed"].contains(kind))
        .collect();
    assert_eq!(order, ["TenderPublished", "BidCommitted", "BidCommitted", "BidRevealed", "BidRevealed", "BondClaimed"], "{events}");
    assert!(events.lines().all(|l| l.starts_with("block ")), "{events}");
    // A publisher's run: the history as OCDS, every release validated.
    let ocds_dir = dir.join("ocds");
    let published = procure(&manifest, &wallet, "auditor", &["ocds", "--out", ocds_dir.to_str().unwrap()]);
    assert!(published.contains("valid OCDS 1.1.5"), "{published}");
    let compiled = std::fs::read_to_string(ocds_dir.join("compiled-releases.jsonl")).unwrap();
    assert!(compiled.lines().any(|l| l.contains(&format!("-{tender}\",")) && l.contains("\"disqualified\"")), "{compiled}");
    let listing = procure(&manifest, &wallet, "auditor", &["tenders"]);
    assert!(listing.contains(&format!("tender {tender}:")), "{listing}");
    // What the chain holds matches: one bond left, vendor-a's.
    let (held, _) = suite.tenders().bond_totals(&mut chain).unwrap();
    assert_eq!(held, 30_000_000_000);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_whole_demo_procurement_runs_on_the_node() {
    let Some(mut chain) = node() else { return };
    let currency = chain.currency().expect("the node's currency");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let manifest = std::env::temp_dir().join(format!("live-demo-{nanos}.json"));
    let clock = clock().unwrap();
    let stdout = common::run_deploy(&["--url", &url(), "--demo", "--clock", clock.to_str().unwrap()], &manifest);
    // The same story as on the sandbox, to the unit, in the node's currency.
    common::assert_demo_story(&stdout, &manifest, &currency);
    std::fs::remove_file(&manifest).ok();
}

/// Issue 24 on a node: new code uploaded, the upgrade scheduled by the
/// Admin, refused before its time, the node's clock moved past the delay,
/// executed by someone else; the budget keeps its books and runs the new
/// code (the drill's second version, whose migration records what it found).
#[test]
fn an_upgrade_waits_its_delay_and_keeps_the_books_on_the_node() {
    let Some(mut chain) = node() else { return };
    let config = config();
    let suite = suite::deploy_suite(&mut chain, &config).expect("deploy the suite");
    let admin = suite.admin.clone();
    let ministry = chain.account("finance-ministry").unwrap();
    chain.top_up(&ministry).unwrap();
    suite.treasury().deposit(&mut chain, &ministry, 1_000_000_000).expect("deposit");
    let books = suite.treasury().totals(&mut chain).unwrap();

    let code = deploy::govern::upload(&mut chain, "budget_drill", &admin).expect("upload");
    let action = governor::Action::Upgrade { contract: procurement_shared::SuiteContract::Budget, code_hash: code };
    let id = deploy::govern::schedule(&mut chain, &suite, &action, None).expect("schedule");
    let change = suite.governor().change(&mut chain, id).unwrap().expect("recorded");
    assert_eq!(deploy::govern::pending(&mut chain, &suite).unwrap(), vec![(id, change)]);
    let citizen = chain.account("citizen").unwrap();
    chain.top_up(&citizen).unwrap();
    match suite.governor().execute(&mut chain, &citizen, id) {
        Err(Failure::Refused(governor::Error::NotYet { eta })) => assert_eq!(eta, change.eta),
        other => panic!("an upgrade must wait its delay: {other:?}"),
    }
    chain.advance_to(change.eta).expect("the node's clock moves (scripts/node.sh start)");
    assert_eq!(deploy::govern::execute(&mut chain, &suite, &citizen, id), Ok(Some(1)));
    let layout = suite.treasury().storage_layout(&mut chain).unwrap();
    assert_eq!(layout.map(|l| l.version), Some(2));
    assert_eq!(suite.treasury().totals(&mut chain).unwrap(), books, "the books are the same on the new code");
}
