//! The procurement stage that `deploy --url` runs on a live node, and the
//! resumable deployment it starts with, here on the embedded sandbox: the
//! same code as on the node (it is written against `deploy::chain::Chain`),
//! so a regression shows in every CI run, node or not.

use deploy::chain::{self, Chain};
use deploy::config::Config;
use deploy::suite::{self, SUITE};
use procurement_shared::Role;

const CONFIG: &str = include_str!("../../deploy/config/demo.toml");
const START: u64 = 1_800_000_000_000;

fn config() -> Config {
    Config::parse(CONFIG).expect("the demo config parses")
}

fn session() -> chain::Session {
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    s
}

#[test]
fn the_stage_runs_with_every_step_checked_against_the_chain() {
    let mut s = session();
    let config = config();
    let suite = suite::deploy_suite(&mut s, &config).expect("deploy");
    let report = deploy::stage::run(&mut s, &suite, &config).expect("the stage's checks hold");
    assert_eq!((report.line, report.tender), (0, 0));
    assert_eq!(report.steps.len(), 11, "{:#?}", report.steps);

    // What the stage leaves: one valid bond held as bid security, the
    // invalid one returned, the estimate still reserved.
    let tenders = suite.tenders();
    let (held, spendable) = tenders.bond_totals(&mut s).unwrap();
    assert_eq!((held, spendable), (deploy::stage::BOND, deploy::stage::BOND));
    let totals = suite.treasury().totals(&mut s).unwrap();
    assert_eq!(totals.reserved, deploy::stage::ESTIMATE);
    assert_eq!(totals.balance, deploy::stage::DEPOSIT);
    // The clock moved past both deadlines.
    let tender = tenders.tender(&mut s, 0).unwrap().expect("tender 0");
    assert!(chain::now(&mut s) > tender.reveal_deadline);
}

#[test]
fn the_stage_stops_at_the_first_check_that_fails() {
    let mut s = session();
    let config = config();
    let suite = suite::deploy_suite(&mut s, &config).expect("deploy");
    // Money put into the treasury's account behind its books: the stage's
    // first check must notice, before anything is published.
    let budget = suite.address("budget").clone();
    chain::set_free_balance(&mut s, &budget, 1_000);
    let error = deploy::stage::run(&mut s, &suite, &config).unwrap_err();
    assert!(error.contains("after deployment") && error.contains("treasury"), "{error}");
    assert_eq!(suite.tenders().tender_count(&mut s).unwrap(), 0, "nothing published");
}

#[test]
fn an_interrupted_deployment_resumes_without_deploying_twice() {
    let mut s = session();
    let config = config();
    // The first run stops after three contracts (as a crash or a lost
    // connection would), having recorded each in its manifest.
    let mut recorded = None;
    let error = suite::resume_suite(&mut s, &config, &[], |so_far| {
        recorded = Some(suite::progress("test".into(), so_far)?);
        if so_far.deployed.len() == 3 {
            return Err("interrupted".into());
        }
        Ok(())
    })
    .unwrap_err();
    assert_eq!(error, "interrupted");
    let manifest = recorded.expect("progress recorded");
    assert!(!manifest.complete);
    let json = serde_json::to_string(&manifest).unwrap();
    let known = suite::deployed_in(&json).unwrap();
    assert_eq!(known.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["access_control", "role_book", "budget"]);

    // The second run attaches those three and deploys only the rest.
    let mut new_contracts = Vec::new();
    let suite = suite::resume_suite(&mut s, &config, &known, |so_far| {
        new_contracts.push(so_far.deployed.last().unwrap().0);
        Ok(())
    })
    .expect("resume");
    assert_eq!(new_contracts, ["tender", "escrow", "evaluation", "governor"]);
    for (name, address) in &known {
        assert_eq!(suite.address(name), address, "{name} kept its address");
    }
    assert_eq!(suite.deployed.len(), SUITE.len());

    // Wired as a fresh deployment is: the link, the service roles given to
    // the peers, every grant of the config, read back from the role book
    // the others ask.
    let registry = suite.registry();
    assert_eq!(registry.role_book(&mut s).unwrap().map(|a| chain::from_ink(&a)), Some(suite.address("role_book").clone()));
    assert_eq!(registry.peers(&mut s).unwrap(), Some(suite.peers()));
    for (name, role) in [("tender", Role::TenderService), ("escrow", Role::EscrowService), ("evaluation", Role::EvaluationService)] {
        assert!(registry.has_role(&mut s, role, suite.address(name)).unwrap(), "{name} holds {role:?}");
    }
    for grant in config.grants().unwrap() {
        assert!(registry.has_role(&mut s, grant.role, &grant.account).unwrap(), "{} holds {:?}", grant.name, grant.role);
    }
    let manifest = suite::manifest(&mut s, &suite).unwrap();
    assert!(manifest.complete);

    // Running it once more changes nothing: every step is seen done.
    let grants_before = registry.member_count(&mut s, Role::Vendor).unwrap();
    let known = suite::deployed_in(&serde_json::to_string(&manifest).unwrap()).unwrap();
    let again = suite::resume_suite(&mut s, &config, &known, |_| panic!("nothing new to deploy")).expect("idempotent");
    assert_eq!(again.deployed, suite.deployed);
    assert_eq!(registry.member_count(&mut s, Role::Vendor).unwrap(), grants_before);
}

#[test]
fn a_manifest_naming_a_foreign_contract_or_a_bad_address_is_refused() {
    let mut s = session();
    let config = config();
    let foreign = vec![("lottery".to_string(), chain::dev_account("x"))];
    let error = suite::resume_suite(&mut s, &config, &foreign, |_| Ok(())).unwrap_err();
    assert!(error.contains("lottery"), "{error}");
    let error = suite::deployed_in(r#"{"contracts":[{"name":"budget","address":"not-an-address"}]}"#).unwrap_err();
    assert!(error.contains("budget"), "{error}");
    assert!(suite::deployed_in("{").is_err());
    // The sandbox's clock moves as asked; its description names it.
    let before = s.now().unwrap();
    s.advance_time(5_000).unwrap();
    assert_eq!(s.now().unwrap(), before + 5_000);
    assert!(s.describe().contains("sandbox"));
}

#[test]
fn the_users_tools_seal_into_a_wallet_reveal_from_it_and_read_the_history() {
    use deploy::tools::{self, Publication};
    let mut s = session();
    let config = config();
    let suite = suite::deploy_suite(&mut s, &config).expect("deploy");
    let ministry = chain::endowed(&mut s, "finance-ministry").unwrap();
    suite.treasury().deposit(&mut s, &ministry, 500_000_000_000).unwrap();
    let treasurer = chain::dev_account("treasurer-1");
    let line =
        suite.treasury().open_line(&mut s, &treasurer, b"TOOLS", START, START + 365 * procurement_shared::DAY_MS, 300_000_000_000).unwrap();
    let officer = chain::dev_account("officer");
    let publication = Publication {
        line,
        estimate: 200_000_000_000,
        bond: 1_000_000_000,
        bidding_days: 7,
        reveal_days: 1,
        dossier: tools::document_hash(b"dossier"),
        plan: vec![(40, 30), (60, 90)],
    };
    let id = tools::publish(&mut s, &suite, &officer, &publication).expect("publish");
    // Milestones in whole percent become basis points; a bad plan is the
    // tender's typed refusal, in words.
    let bad = Publication { plan: vec![(40, 30)], ..publication.clone() };
    assert!(tools::publish(&mut s, &suite, &officer, &bad).unwrap_err().contains("publish: refused"));

    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let wallet = std::env::temp_dir().join(format!("procure-sandbox-{nanos}"));
    let vendor = chain::dev_account("vendor-a");
    let sealed = tools::seal(&mut s, &suite, &vendor, id, 150_000_000_000, tools::document_hash(b"proposal")).unwrap();
    assert_eq!(sealed.bond, 1_000_000_000);
    tools::save(&wallet, &sealed, &vendor).unwrap();
    let before = chain::balance(&mut s, &vendor);
    tools::commit(&mut s, &suite, &vendor, &sealed).unwrap();
    assert_eq!(before - chain::balance(&mut s, &vendor), 1_000_000_000 + s.last_charges() as u128);
    // Another seal of the same tender draws another salt.
    let other = tools::seal(&mut s, &suite, &vendor, id, 150_000_000_000, tools::document_hash(b"proposal")).unwrap();
    assert_ne!(other.salt, sealed.salt);

    s.advance_time(8 * procurement_shared::DAY_MS).unwrap();
    let kept = tools::load(&wallet, id, &vendor).unwrap();
    assert_eq!(kept, sealed);
    tools::reveal(&mut s, &suite, &vendor, &kept).expect("reveal from the wallet");
    assert!(tools::load(&wallet, id, &chain::dev_account("vendor-b")).unwrap_err().contains("no sealed bid"));
    // A claim before the award is refused: the bond is bid security.
    assert!(tools::claim(&mut s, &suite, &vendor, id).unwrap_err().contains("BondNotClaimable"));

    let history = tools::history(&mut s, &suite, id).unwrap();
    assert_eq!(history.iter().filter(|l| l.contains("bid by")).count(), 1, "{history:#?}");
    // Amounts read in the chain's currency: the sandbox's UNIT has 10 decimals.
    assert!(history.iter().any(|l| l.contains("revealed #0: price 15 UNIT,") && l.ends_with(", valid")), "{history:#?}");
    assert!(history[0].contains("bond 0.1 UNIT"), "{history:#?}");
    assert!(tools::history(&mut s, &suite, 99).unwrap_err().contains("no tender 99"));

    // The suite read back from a manifest is the same suite.
    let manifest = serde_json::to_string(&suite::manifest(&mut s, &suite).unwrap()).unwrap();
    let attached = tools::attach_suite(&mut s, &manifest).unwrap();
    assert_eq!(attached.deployed, suite.deployed);
    assert_eq!(attached.admin, suite.admin);
    let partial = serde_json::to_string(&suite::progress("x".into(), &suite).unwrap()).unwrap();
    assert!(tools::attach_suite(&mut s, &partial).unwrap_err().contains("unfinished"));
    std::fs::remove_dir_all(&wallet).ok();
}
