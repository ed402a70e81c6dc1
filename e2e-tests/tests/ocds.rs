//! The suite's history published as OCDS 1.1.5 and assessed for red flags,
//! on the real bundles: the demo's procurement, the sandbox stage, and a
//! seeded set of 56 procurements (cancelled, unsuccessful, lapsed,
//! protested, terminated, completed). Every release, the release package
//! and the record package validate against the schemas with the bid
//! extension (`deploy::ocds::run` refuses to publish otherwise, naming the
//! path and the reason); the compiled releases agree with what the
//! contracts report; and the indicators raise exactly the flags each
//! procurement was built to raise.

use std::collections::BTreeSet;

use deploy::chain::Chain;
use deploy::config::Config;
use deploy::flags::{settings, Settings};
use deploy::ocds::{self, Run};
use deploy::scenarios::{self, Ending};
use drink::{AccountId32, Ss58Codec};
use e2e_tests::chain::{self, Session};
use serde_json::{Map, Value};

const START: u64 = 1_800_000_000_000;

fn out_dir(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("ocds-{name}-{}", std::process::id()))
}

/// A fresh sandbox with the suite deployed from the demo's config.
fn demo_suite() -> (Session, Config, deploy::suite::Suite) {
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    let config = Config::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/config/demo.toml")).unwrap();
    let suite = deploy::suite::deploy_suite(&mut s, &config).unwrap();
    (s, config, suite)
}

fn default_settings() -> Settings {
    Settings::parse(settings::DEFAULT).unwrap()
}

/// The codes flagged for `ocid`.
fn flags_of(run: &Run, ocid: &str) -> BTreeSet<String> {
    run.flags.get("OCID").and_then(|g| g.get(ocid)).map(|f| f.keys().cloned().collect()).unwrap_or_default()
}

fn compiled<'a>(run: &'a Run, ocid: &str) -> &'a Map<String, Value> {
    run.compiled.iter().find(|c| c["ocid"] == ocid).unwrap_or_else(|| panic!("no compiled release for {ocid}"))
}

fn chain_amount(value: &Value) -> u128 {
    value["chainAmount"].as_str().and_then(|a| a.parse().ok()).unwrap_or_else(|| panic!("no chain amount in {value}"))
}

/// Merging the releases gives the publisher's state of every process, and
/// no release id repeats within an ocid.
fn check_merge(run: &Run) {
    for (tender, releases) in &run.published.releases {
        let ids: BTreeSet<&str> = releases.iter().filter_map(|r| r["id"].as_str()).collect();
        assert_eq!(ids.len(), releases.len(), "release ids repeat in tender {tender}");
        let mut merged = ocds::merge::compile(releases).unwrap();
        for key in ["id", "date", "tag", "ocid", "initiationType", "language"] {
            merged.remove(key);
        }
        let snapshot = run.published.snapshot(*tender).unwrap();
        let difference = first_difference(&Value::Object(merged), &Value::Object(snapshot), String::new());
        assert_eq!(difference, None, "compiling tender {tender}'s releases gives its state");
    }
}

/// Where two JSON values first differ: the path and both sides.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, format!("{path}/{k}")),
                (p, q) => Some(format!("{path}/{k}: compiled {p:?}, state {q:?}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| first_difference(p, q, format!("{path}/{i}")))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: compiled {a}, state {b}")),
    }
}

/// The compiled release of `tender` against what the contracts report:
/// every bid's status and price, the award in force, the contract's value
/// and the payments the budget made to the vendor.
fn check_against_chain(s: &mut Session, suite: &deploy::suite::Suite, run: &Run, tender: u32, agreement: Option<u32>) {
    let ocid = &run.published.processes[&tender].ocid;
    let c = compiled(run, ocid);
    let tenders = suite.tenders();
    for bid in c["bids"]["details"].as_array().unwrap() {
        let bidder = AccountId32::from_ss58check(bid["tenderers"][0]["id"].as_str().unwrap()).unwrap();
        let on_chain = tenders.bid(s, tender, &bidder).unwrap();
        let status = bid["status"].as_str().unwrap();
        match on_chain.map(|b| b.state) {
            Some(tender::BidState::Revealed { price, valid, .. }) => {
                assert_eq!(chain_amount(&bid["value"]), price, "{ocid} {}", bid["id"]);
                assert_eq!(status, if valid { "valid" } else { "disqualified" }, "{ocid} {}", bid["id"]);
            }
            // Withdrawn bids leave the book; unrevealed ones are
            // disqualified once the reveal window closed (or pending while
            // it is open, or in a cancelled tender).
            None => assert_eq!(status, "withdrawn", "{ocid} {}", bid["id"]),
            Some(_) => assert!(matches!(status, "disqualified" | "pending"), "{ocid} {}: {status}", bid["id"]),
        }
    }
    let active: Vec<&Value> =
        c.get("awards").and_then(Value::as_array).map(|a| a.iter().filter(|a| a["status"] == "active").collect()).unwrap_or_default();
    match tenders.tender(s, tender).unwrap().unwrap().status {
        tender::TenderStatus::Awarded { winner } => {
            assert_eq!(active.len(), 1, "{ocid}: one award in force");
            assert_eq!(active[0]["suppliers"][0]["id"], chain::from_ink(&winner).to_ss58check());
        }
        other => assert!(active.is_empty(), "{ocid}: no award in force when the tender is {other:?}"),
    }
    let Some(agreement) = agreement else {
        return;
    };
    let escrow = suite.escrow();
    let a = escrow.agreement(s, agreement).unwrap().unwrap();
    let contract = &c["contracts"][0];
    assert_eq!(chain_amount(&contract["value"]), a.price, "{ocid}: contract value");
    let paid: u128 = contract["implementation"]["transactions"].as_array().unwrap().iter().map(|t| chain_amount(&t["value"])).sum();
    let commitment = suite.treasury().commitment(s, a.commitment).unwrap().unwrap();
    assert_eq!(paid, commitment.released, "{ocid}: the transactions sum to what the budget released to the vendor");
    for t in contract["implementation"]["transactions"].as_array().unwrap() {
        assert_eq!(t["payee"]["id"], chain::from_ink(&a.vendor).to_ss58check());
    }
}

#[test]
fn fifty_six_seeded_procurements_publish_valid_ocds_and_raise_exactly_their_flags() {
    let plans = scenarios::plans(7, 56);
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    let world = scenarios::world(&mut s, plans.len()).unwrap();
    let mut ran = Vec::new();
    for (n, plan) in plans.iter().enumerate() {
        ran.push(scenarios::run(&mut s, &world, plan, n).unwrap_or_else(|e| panic!("{e}")));
        e2e_tests::assert_conserved(&mut s, world.suite.address("budget"));
    }
    let dir = out_dir("scenarios");
    let (run, written) = ocds::publish_suite(&mut s, &world.suite, &world.config, 1, &default_settings(), &dir).unwrap();
    assert_eq!(written.len(), 5, "two packages, the compiled releases, the flags and their summary");
    assert_eq!(run.published.processes.len(), plans.len());
    check_merge(&run);

    let mut wrong = Vec::new();
    for ((n, plan), r) in plans.iter().enumerate().zip(&ran) {
        let ocid = format!("ocds-000000-scenarios-{}", r.tender);
        let got = flags_of(&run, &ocid);
        let want: BTreeSet<String> = plan.expected().into_iter().map(String::from).collect();
        if got != want {
            wrong.push(format!("scenario {n} {:?}: raised {got:?}, built for {want:?}\n  {plan:?}", plan.ending));
        }
        check_against_chain(&mut s, &world.suite, &run, r.tender, r.agreement);
        let c = compiled(&run, &ocid);
        let status = c["tender"]["status"].as_str().unwrap();
        let expected_status = match plan.ending {
            Ending::Cancelled => "cancelled",
            Ending::Unsuccessful | Ending::Lapsed => "unsuccessful",
            _ => "complete",
        };
        assert_eq!(status, expected_status, "scenario {n}");
        if plan.ending == Ending::Terminated || plan.ending == Ending::Completed || plan.ending == Ending::Protested {
            assert_eq!(c["contracts"][0]["status"], "terminated", "scenario {n}: the agreement has ended");
        }
        if plan.retender {
            let earlier = format!("ocds-000000-scenarios-{}", ran[n - 1].tender);
            let related = c.get("relatedProcesses").map(|r| &r[0]["identifier"]);
            assert_eq!(related, Some(&Value::from(earlier.as_str())), "scenario {n} re-tenders {earlier}");
        } else {
            assert!(c.get("relatedProcesses").is_none(), "scenario {n}");
        }
        if plan.amended && plan.ending != Ending::Cancelled {
            assert_eq!(c["tender"]["amendments"].as_array().map(Vec::len), Some(1), "scenario {n}");
        }
    }
    assert!(wrong.is_empty(), "flags differ from the plans:\n{}", wrong.join("\n"));

    // Across processes: the cover bidder, whose bids are always too dear,
    // is the one tenderer with excessive disqualified bids; a single buyer
    // and procuring entity are no population to be an outlier of.
    let cover = world.vendors[scenarios::COVER].to_ss58check();
    let r038: BTreeSet<&String> =
        run.flags.get("Tenderer").into_iter().flatten().filter(|(_, f)| f.contains_key("R038")).map(|(id, _)| id).collect();
    assert_eq!(r038, BTreeSet::from([&cover]));
    assert!(!run.flags.contains_key("Buyer") && !run.flags.contains_key("ProcuringEntity"));

    // Every tag of the lifecycle appears.
    let tags: BTreeSet<&str> =
        run.published.all_releases().iter().flat_map(|r| r["tag"].as_array().unwrap().iter().filter_map(Value::as_str)).collect();
    for tag in [
        "planning",
        "tender",
        "tenderAmendment",
        "tenderUpdate",
        "tenderCancellation",
        "award",
        "awardUpdate",
        "awardCancellation",
        "contract",
        "contractUpdate",
        "implementation",
        "contractTermination",
    ] {
        assert!(tags.contains(tag), "no release tagged {tag}");
    }
    // The written files are the packages that were checked.
    let written_package: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("release-package.json")).unwrap()).unwrap();
    assert_eq!(Some(&written_package), run.release_package.as_ref());
    let lines = std::fs::read_to_string(dir.join("compiled-releases.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), plans.len());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_demo_publishes_its_procurement_with_the_flags_it_earns() {
    let (mut s, config, suite) = demo_suite();
    deploy::demo::run(&mut s, &suite, &config).unwrap();
    let dir = out_dir("demo");
    let (run, _) = ocds::publish_suite(&mut s, &suite, &config, 1, &default_settings(), &dir).unwrap();
    check_merge(&run);
    assert_eq!(run.published.processes.len(), 1);
    let ocid = "ocds-000000-demo-0";
    // A 14-day submission period (the methodology asks 15) and the second
    // milestone delivered three days late.
    assert_eq!(flags_of(&run, ocid), BTreeSet::from(["R003".to_string(), "S03".to_string()]));
    let c = compiled(&run, ocid);
    let statuses: Vec<&str> = c["bids"]["details"].as_array().unwrap().iter().map(|b| b["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["valid", "valid", "disqualified"]);
    assert_eq!(c["awards"][0]["status"], "active");
    assert_eq!(chain_amount(&c["awards"][0]["value"]), 165_000_000_000);
    assert_eq!(c["awards"][0]["documents"].as_array().unwrap().len(), 2, "the protest and its decision");
    assert!(c["parties"].as_array().unwrap().iter().any(|p| p["roles"].as_array().unwrap().contains(&Value::from("reviewBody"))));
    let roles: BTreeSet<&str> =
        c["parties"].as_array().unwrap().iter().flat_map(|p| p["roles"].as_array().unwrap().iter().filter_map(Value::as_str)).collect();
    assert_eq!(roles, BTreeSet::from(["buyer", "funder", "payee", "payer", "procuringEntity", "reviewBody", "supplier", "tenderer"]));
    assert_eq!(c["planning"]["budget"]["id"], "ROADS-2027");
    let contract = &c["contracts"][0];
    assert_eq!(contract["status"], "terminated");
    let milestones: Vec<&str> = contract["milestones"].as_array().unwrap().iter().map(|m| m["status"].as_str().unwrap()).collect();
    assert_eq!(milestones, ["met", "met"]);
    assert_eq!(chain_amount(&contract["finalValue"]), 163_267_500_000, "the price less the late deduction");
    check_against_chain(&mut s, &suite, &run, 0, Some(0));
    // Amounts in whole units of the chain's currency, the exact amount kept.
    assert_eq!(c["tender"]["value"]["amount"], 20.0);
    assert_eq!(c["tender"]["value"]["currency"], "XXX");
    assert!(run.summary.starts_with("ocds-000000-demo-0: R003 short submission period"), "{}", run.summary);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_sandbox_stage_publishes_valid_ocds_and_a_later_run_publishes_only_what_is_new() {
    let (mut s, config, suite) = demo_suite();
    let report = deploy::stage::run(&mut s, &suite, &config).unwrap();
    let dir = out_dir("stage");
    let (first, _) = ocds::publish_suite(&mut s, &suite, &config, 1, &default_settings(), &dir).unwrap();
    check_merge(&first);
    let ocid = &first.published.processes[&report.tender].ocid;
    assert_eq!(
        compiled(&first, ocid)["tender"]["status"],
        "active",
        "the stage ends with bonds claimed, the tender still open to evaluation"
    );
    let seen = s.journal(1).unwrap().last().map(|l| l.block).unwrap();

    // Nothing new: a periodic run from the next block publishes no release
    // but the same records.
    let (again, _) = ocds::publish_suite(&mut s, &suite, &config, seen + 1, &default_settings(), &dir).unwrap();
    assert!(again.release_package.is_none());
    assert_eq!(again.record_package.as_ref().map(|p| &p["records"]), first.record_package.as_ref().map(|p| &p["records"]));

    // The officer appoints a committee: the next run publishes exactly
    // that release, which carries only what changed.
    let mut role = |r| config.holders(&mut s, r).unwrap();
    let officer = role(procurement_shared::Role::ProcurementOfficer)[0].clone();
    let evaluators: Vec<AccountId32> = role(procurement_shared::Role::Evaluator).into_iter().take(3).collect();
    let contracting = procurement_shared::contracting::Contracting {
        inspector: chain::ink_id(&role(procurement_shared::Role::Inspector)[0]),
        terms: procurement_shared::tranche::Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
        warranty_ms: 30 * procurement_shared::DAY_MS,
    };
    let now = chain::now(&mut s);
    let book = suite.evaluations();
    let valid =
        chain::answer(book.appoint(&mut s, &officer, report.tender, &evaluators, now + 7 * procurement_shared::DAY_MS, &contracting));
    assert_eq!(valid, Ok(1));
    let (next, _) = ocds::publish_suite(&mut s, &suite, &config, seen + 1, &default_settings(), &dir).unwrap();
    let releases = next.release_package.as_ref().map(|p| p["releases"].as_array().unwrap().clone()).unwrap_or_default();
    assert_eq!(releases.len(), 1, "exactly the new release");
    assert_eq!(releases[0]["tag"], serde_json::json!(["tenderUpdate"]));
    assert_eq!(releases[0]["tender"], serde_json::json!({"id": "tender-0", "statusDetails": "Under evaluation by a committee of 3"}));
    assert!(releases[0].get("bids").is_none() && releases[0].get("buyer").is_none(), "nothing else changed");
    let statuses: Vec<&Value> = compiled(&next, ocid)["bids"]["details"].as_array().unwrap().iter().map(|b| &b["status"]).collect();
    assert_eq!(statuses, ["valid", "disqualified"]);
    let new_block = ocds::block_of(releases[0].as_object().unwrap());
    assert!(new_block > seen);
    let _ = std::fs::remove_dir_all(dir);
}
