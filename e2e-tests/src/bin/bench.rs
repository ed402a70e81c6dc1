//! Gas bench: deploys the built bundles into the embedded sandbox, calls
//! every message once in a representative state, and prints a Markdown
//! table of ref_time, proof_size and storage deposit per message, then each
//! contract's Wasm size.
//!
//! Figures are for drink's MinimalSandbox (deposit of 1 per byte and per
//! item), so deposits are relative, not real-chain prices. State-changing
//! messages are measured as real calls; queries as dry runs.
//!
//! Run: `bash scripts/bench.sh` (or `cargo run -p e2e-tests --bin bench`
//! after `bash scripts/build.sh`).

use std::fmt::Debug;

use access_control::Error as AcError;
use budget::{Error as BudgetError, ReleaseOutcome};
use ink::scale::Decode;
use e2e_tests::code;
use deploy::chain::{self, arg, Cost, Session};
use deploy::config::role_name;
use drink::AccountId32;
use procurement_shared::Role;

struct Row {
    contract: &'static str,
    message: String,
    cost: Cost,
}

#[derive(Default)]
struct Bench {
    rows: Vec<Row>,
}

impl Bench {
    fn record(&mut self, contract: &'static str, message: impl Into<String>, cost: Cost) {
        self.rows.push(Row { contract, message: message.into(), cost });
    }

    /// Calls a state-changing message that must succeed, records its cost
    /// and returns its value. (One row needs all of these; a struct would
    /// only rename them.)
    #[allow(clippy::too_many_arguments)]
    fn call<T: Decode, E: Decode + Debug>(
        &mut self,
        s: &mut Session,
        (contract_name, contract): (&'static str, &AccountId32),
        caller: &AccountId32,
        label: &str,
        message: &str,
        args: &[String],
        value: Option<u128>,
    ) -> T {
        let out = chain::call::<T, E>(s, contract, caller, message, args, value)
            .unwrap_or_else(|e| panic!("bench call {label} failed: {e:?}"));
        self.record(contract_name, label, chain::last_call_cost(s));
        out
    }

    /// Dry-runs a query and records its cost.
    fn query(
        &mut self,
        s: &mut Session,
        (contract_name, contract): (&'static str, &AccountId32),
        caller: &AccountId32,
        label: &str,
        message: &str,
        args: &[String],
    ) {
        let cost = chain::query_cost(s, contract, caller, message, args);
        self.record(contract_name, label, cost);
    }

    fn print(&self) {
        println!("| contract | message | ref_time | proof_size | storage deposit |");
        println!("|---|---|---:|---:|---:|");
        for row in &self.rows {
            println!(
                "| {} | {} | {} | {} | {} |",
                row.contract,
                row.message,
                group(row.cost.ref_time),
                group(row.cost.proof_size),
                row.cost.storage_deposit
            );
        }
    }
}

/// 1234567 -> "1_234_567", so large figures stay readable in the table.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

fn bench_access_control(b: &mut Bench) {
    const C: &str = "access_control";
    let mut s = chain::new_session();
    let admin = chain::endowed(&mut s, "authority");
    let registry = chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(&admin)], vec![]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));
    let r = role_name;
    let officer = chain::endowed(&mut s, "officer");
    let vendor = chain::endowed(&mut s, "vendor");
    let gov = chain::endowed(&mut s, "multisig");
    // A realistic population so that list operations are not on empty roles.
    for n in 0..20 {
        let v = chain::dev_account(&format!("vendor-{n}"));
        chain::call::<(), AcError>(&mut s, &registry, &admin, "grant_role", &[r(Role::Vendor), arg(&v)], None).unwrap();
    }

    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "grant_role (new member)", "grant_role", &[r(Role::ProcurementOfficer), arg(&officer)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "grant_role (already held, no-op)", "grant_role", &[r(Role::ProcurementOfficer), arg(&officer)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "grant_role (vendor, 21st member)", "grant_role", &[r(Role::Vendor), arg(&vendor)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "revoke_role (swap-remove)", "revoke_role", &[r(Role::Vendor), arg(&chain::dev_account("vendor-0"))], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &vendor, "renounce_role", "renounce_role", &[r(Role::Vendor), arg(&vendor)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "set_role_admin", "set_role_admin", &[r(Role::Vendor), r(Role::ProcurementOfficer)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "declare_exclusive (scans 1 member)", "declare_exclusive", &[r(Role::ProcurementOfficer), r(Role::Inspector)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "remove_exclusive", "remove_exclusive", &[r(Role::ProcurementOfficer), r(Role::Inspector)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "propose_admin", "propose_admin", &[arg(&gov)], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &admin, "cancel_admin_proposal", "cancel_admin_proposal", &[], None);
    chain::call::<(), AcError>(&mut s, &registry, &admin, "propose_admin", &[arg(&gov)], None).unwrap();
    b.call::<(), AcError>(&mut s, (C, &registry), &gov, "accept_admin", "accept_admin", &[], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &gov, "pause", "pause", &[], None);
    b.call::<(), AcError>(&mut s, (C, &registry), &gov, "unpause", "unpause", &[], None);

    let v1 = chain::dev_account("vendor-1");
    b.query(&mut s, (C, &registry), &officer, "has_role", "has_role", &[r(Role::Vendor), arg(&v1)]);
    b.query(&mut s, (C, &registry), &officer, "check_role", "check_role", &[r(Role::Vendor), arg(&v1)]);
    b.query(&mut s, (C, &registry), &officer, "check_role_unpaused", "check_role_unpaused", &[r(Role::Vendor), arg(&v1)]);
    b.query(&mut s, (C, &registry), &officer, "is_paused", "is_paused", &[]);
    b.query(&mut s, (C, &registry), &officer, "roles_of", "roles_of", &[arg(&gov)]);
    b.query(&mut s, (C, &registry), &officer, "role_admin", "role_admin", &[r(Role::Vendor)]);
    b.query(&mut s, (C, &registry), &officer, "member_count", "member_count", &[r(Role::Vendor)]);
    b.query(&mut s, (C, &registry), &officer, "members (page of 20)", "members", &[r(Role::Vendor), "0".into(), "100".into()]);
    b.query(&mut s, (C, &registry), &officer, "is_exclusive", "is_exclusive", &[r(Role::Vendor), r(Role::Treasurer)]);
    b.query(&mut s, (C, &registry), &officer, "exclusive_with", "exclusive_with", &[r(Role::Vendor)]);
    b.query(&mut s, (C, &registry), &officer, "admin", "admin", &[]);
    b.query(&mut s, (C, &registry), &officer, "pending_admin", "pending_admin", &[]);
}

fn bench_budget(b: &mut Bench) {
    const C: &str = "budget";
    const DAY: u64 = 86_400_000;
    const START: u64 = 1_800_000_000_000;
    let end = START + 365 * DAY;
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    let config = deploy::config::Config::parse(
        r#"admin = "authority"
[roles]
Treasurer = ["treasurer-1", "treasurer-2"]
TenderService = ["tender-svc"]
EvaluationService = ["evaluation-svc"]
EscrowService = ["escrow-svc"]
"#,
    )
    .expect("bench config");
    let suite = deploy::suite::deploy_suite(&mut s, &config).expect("deploy");
    let budget = suite.budget.clone();
    let admin = suite.admin.clone();
    let [t1, t2, tender, evaluation, escrow] =
        ["treasurer-1", "treasurer-2", "tender-svc", "evaluation-svc", "escrow-svc"].map(chain::dev_account);
    let payee = chain::endowed(&mut s, "vendor");
    let donor = chain::endowed(&mut s, "finance-ministry");
    // Construction cost, measured on its own deployment.
    chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(&suite.access_control)], vec![1]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));

    let policy = "ReleasePolicy { auto_release_limit: 1000, cap_window_ms: 864000000, window_cap: 5000, approvals_required: 2 }";
    macro_rules! call {
        ($t:ty, $who:expr, $label:expr, $msg:expr, $args:expr, $value:expr) => {
            b.call::<$t, BudgetError>(&mut s, (C, &budget), $who, $label, $msg, $args, $value)
        };
    }
    call!((), &admin, "set_default_policy", "set_default_policy", &[policy.into()], None);
    call!((), &donor, "deposit", "deposit", &[], Some(1_000_000));
    let line: u32 = call!(u32, &t1, "open_line", "open_line", &[code("ROADS-2027"), START.to_string(), end.to_string(), "500000".into()], None);
    call!((), &t1, "increase_appropriation", "increase_appropriation", &[line.to_string(), "100000".into()], None);
    call!((), &t1, "decrease_appropriation", "decrease_appropriation", &[line.to_string(), "50000".into()], None);
    call!((), &admin, "set_line_policy", "set_line_policy", &[line.to_string(), format!("Some({policy})")], None);
    let r0: u64 = call!(u64, &tender, "reserve (cross-contract role check)", "reserve", &[line.to_string(), "10000".into(), "0".into()], None);
    call!((), &tender, "cancel_reservation", "cancel_reservation", &[r0.to_string()], None);
    let r1: u64 = call!(u64, &tender, "reserve (second)", "reserve", &[line.to_string(), "100000".into(), "1".into()], None);
    let c: u64 = call!(u64, &evaluation, "commit", "commit", &[r1.to_string(), "90000".into(), arg(&payee)], None);
    let paid: ReleaseOutcome = call!(ReleaseOutcome, &escrow, "release (paid at once)", "release", &[c.to_string(), "1000".into(), arg(&payee)], None);
    assert_eq!(paid, ReleaseOutcome::Paid);
    let ReleaseOutcome::Queued(q1) = call!(ReleaseOutcome, &escrow, "release (queued)", "release", &[c.to_string(), "20000".into(), arg(&payee)], None) else {
        panic!("a release above the limit queues");
    };
    call!((), &t1, "approve_release (1st of 2)", "approve_release", &[q1.to_string()], None);
    call!((), &t2, "approve_release (2nd, pays)", "approve_release", &[q1.to_string()], None);
    let ReleaseOutcome::Queued(q2) = call!(ReleaseOutcome, &escrow, "release (queued, 2nd)", "release", &[c.to_string(), "20000".into(), arg(&payee)], None) else {
        panic!("queued");
    };
    call!((), &t1, "reject_release", "reject_release", &[q2.to_string()], None);
    let ReleaseOutcome::Queued(q3) = call!(ReleaseOutcome, &escrow, "release (queued, 3rd)", "release", &[c.to_string(), "20000".into(), arg(&payee)], None) else {
        panic!("queued");
    };
    call!((), &t1, "approve_release (1st of 2, again)", "approve_release", &[q3.to_string()], None);
    // Lower the requirement so that execute_release has something to do.
    let one = "Some(ReleasePolicy { auto_release_limit: 1000, cap_window_ms: 864000000, window_cap: 5000, approvals_required: 1 })";
    chain::call::<(), BudgetError>(&mut s, &budget, &admin, "set_line_policy", &[line.to_string(), one.into()], None).unwrap();
    call!((), &payee, "execute_release", "execute_release", &[q3.to_string()], None);
    let _: u128 = call!(u128, &escrow, "decommit", "decommit", &[c.to_string()], None);
    chain::set_time(&mut s, end);
    call!((), &t1, "close_line", "close_line", &[line.to_string()], None);

    let q = |b: &mut Bench, s: &mut Session, label: &str, msg: &str, args: &[String]| b.query(s, (C, &budget), &payee, label, msg, args);
    q(b, &mut s, "totals", "totals", &[]);
    q(b, &mut s, "line", "line", &[line.to_string()]);
    q(b, &mut s, "line_by_code", "line_by_code", &[code("ROADS-2027")]);
    q(b, &mut s, "line_count", "line_count", &[]);
    q(b, &mut s, "reservation", "reservation", &[r1.to_string()]);
    q(b, &mut s, "commitment", "commitment", &[c.to_string()]);
    q(b, &mut s, "queued_release", "queued_release", &[q1.to_string()]);
    q(b, &mut s, "releases (3 entries)", "releases", &["0".into(), "50".into()]);
    q(b, &mut s, "policy_of", "policy_of", &[line.to_string()]);
    q(b, &mut s, "default_policy", "default_policy", &[]);
    q(b, &mut s, "access_control", "access_control", &[]);
}

/// A tender publication argument for the bench.
fn tender_params(line: u32, now: u64) -> String {
    const DAY: u64 = 86_400_000;
    let h = |b: u8| chain::hex(&[b; 32]);
    format!(
        "TenderParams {{ line: {line}, estimate: 1000000, dossier: {}, bond: 50000, submission_deadline: {}, \
         reveal_deadline: {}, method: LowestPrice, standstill_ms: {}, milestones: [\
         Milestone {{ share_bps: 4000, due_offset_ms: {}, description: {} }}, \
         Milestone {{ share_bps: 6000, due_offset_ms: {}, description: {} }}] }}",
        h(0xD0),
        now + 14 * DAY,
        now + 17 * DAY,
        10 * DAY,
        30 * DAY,
        h(1),
        90 * DAY,
        h(2)
    )
}

fn bench_tender(b: &mut Bench) {
    use procurement_shared::bid_commitment;
    use tender::Error as TenderError;
    const C: &str = "tender";
    const DAY: u64 = 86_400_000;
    const NOW: u64 = 1_800_000_000_000;
    const BOND: u128 = 50_000;
    let mut s = chain::new_session();
    chain::set_time(&mut s, NOW);
    // 110 vendors: enough for 100 existing bids plus the measured ones.
    let vendors: Vec<String> = (0..110).map(|n| format!("vendor-{n}")).collect();
    let config = format!(
        "admin = \"authority\"\n[roles]\nProcurementOfficer = [\"officer\"]\nTreasurer = [\"treasurer-1\"]\nVendor = [{}]\n",
        vendors.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
    );
    let suite = deploy::suite::deploy_suite(&mut s, &deploy::config::Config::parse(&config).expect("config")).expect("deploy");
    let (tender, budget) = (suite.tender.clone(), suite.budget.clone());
    let admin = suite.admin.clone();
    let officer = chain::dev_account("officer");
    let ministry = chain::endowed(&mut s, "finance-ministry");
    chain::call::<(), BudgetError>(&mut s, &budget, &ministry, "deposit", &[], Some(100_000_000)).unwrap();
    let line: u32 = chain::call::<u32, BudgetError>(
        &mut s,
        &budget,
        &chain::dev_account("treasurer-1"),
        "open_line",
        &[code("WORKS"), NOW.to_string(), (NOW + 365 * DAY).to_string(), "50000000".into()],
        None,
    )
    .unwrap();
    chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(&suite.access_control), arg(&budget)], vec![1]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));

    let sealed = |tender_id: u32, who: &AccountId32, price: u128| -> String {
        chain::hex(&bid_commitment(tender_id, who.as_ref(), price, &[0x50; 32], &[0x5A; 32]))
    };
    let salt = chain::hex(&[0x5A; 32]);
    let proposal = chain::hex(&[0x50; 32]);
    macro_rules! call {
        ($t:ty, $who:expr, $label:expr, $msg:expr, $args:expr, $value:expr) => {
            b.call::<$t, TenderError>(&mut s, (C, &tender), $who, $label, $msg, $args, $value)
        };
    }
    macro_rules! silent {
        ($t:ty, $who:expr, $msg:expr, $args:expr, $value:expr) => {
            chain::call::<$t, TenderError>(&mut s, &tender, $who, $msg, $args, $value).expect($msg)
        };
    }

    // One tender per size: commit and reveal measured with 0, 9 and 99 bids
    // already in, i.e. as the 1st, 10th and 100th bid.
    for existing in [0usize, 9, 99] {
        chain::set_time(&mut s, NOW);
        let id: u32 = silent!(u32, &officer, "publish", &[tender_params(line, NOW)], None);
        for v in &vendors[..existing] {
            let who = chain::dev_account(v);
            silent!((), &who, "commit_bid", &[id.to_string(), sealed(id, &who, 900_000)], Some(BOND));
        }
        let who = chain::dev_account(&vendors[existing]);
        let label = format!("commit_bid (bid #{})", existing + 1);
        call!((), &who, label.as_str(), "commit_bid", &[id.to_string(), sealed(id, &who, 900_000)], Some(BOND));
        chain::set_time(&mut s, NOW + 14 * DAY);
        for v in &vendors[..existing] {
            let w = chain::dev_account(v);
            silent!((), &w, "reveal_bid", &[id.to_string(), "900000".into(), proposal.clone(), salt.clone()], None);
        }
        let label = format!("reveal_bid (reveal #{})", existing + 1);
        call!((), &who, label.as_str(), "reveal_bid", &[id.to_string(), "900000".into(), proposal.clone(), salt.clone()], None);
    }

    // Every other message, on a fresh tender.
    chain::set_time(&mut s, NOW);
    let id: u32 = call!(u32, &officer, "publish (reserves on budget)", "publish", &[tender_params(line, NOW)], None);
    let [v0, v1, v2] = [0, 1, 2].map(|n| chain::dev_account(&vendors[n]));
    call!((), &v0, "commit_bid (first bid)", "commit_bid", &[id.to_string(), sealed(id, &v0, 1)], Some(BOND));
    call!((), &v0, "commit_bid (replacement)", "commit_bid", &[id.to_string(), sealed(id, &v0, 900_000)], None);
    call!((), &v1, "commit_bid (second bidder)", "commit_bid", &[id.to_string(), sealed(id, &v1, 800_000)], Some(BOND));
    call!((), &v2, "commit_bid (third bidder)", "commit_bid", &[id.to_string(), sealed(id, &v2, 700_000)], Some(BOND));
    call!((), &v2, "withdraw_bid", "withdraw_bid", &[id.to_string()], None);
    let dossier = chain::hex(&[0xD1; 32]);
    call!(u32, &officer, "amend", "amend", &[id.to_string(), dossier, (NOW + 15 * DAY).to_string(), (NOW + 18 * DAY).to_string()], None);
    chain::set_time(&mut s, NOW + 15 * DAY);
    call!((), &v0, "reveal_bid", "reveal_bid", &[id.to_string(), "900000".into(), proposal.clone(), salt.clone()], None);
    chain::set_time(&mut s, NOW + 18 * DAY);
    call!(u128, &v0, "claim_bond", "claim_bond", &[id.to_string()], None);
    call!(u128, &officer, "forfeit_bond (deposits into budget)", "forfeit_bond", &[id.to_string(), arg(&v1)], None);
    let id2: u32 = silent!(u32, &officer, "publish", &[tender_params(line, NOW + 18 * DAY)], None);
    call!((), &officer, "cancel (frees the reservation)", "cancel", &[id2.to_string()], None);

    let q = |b: &mut Bench, s: &mut Session, label: &str, msg: &str, args: &[String]| b.query(s, (C, &tender), &officer, label, msg, args);
    q(b, &mut s, "tender", "tender", &[id.to_string()]);
    q(b, &mut s, "phase", "phase", &[id.to_string()]);
    q(b, &mut s, "milestones (2)", "milestones", &[id.to_string()]);
    q(b, &mut s, "amendment", "amendment", &[id.to_string(), "1".into()]);
    q(b, &mut s, "bid", "bid", &[id.to_string(), arg(&v0)]);
    q(b, &mut s, "revealed_bids (page of 50, of 100)", "revealed_bids", &["2".into(), "0".into(), "50".into()]);
    q(b, &mut s, "bidders (page of 50, of 100)", "bidders", &["2".into(), "0".into(), "50".into()]);
    q(b, &mut s, "tender_count", "tender_count", &[]);
    q(b, &mut s, "bond_totals", "bond_totals", &[]);
    q(b, &mut s, "wiring", "wiring", &[]);
}

fn main() {
    let mut bench = Bench::default();
    bench_access_control(&mut bench);
    bench_budget(&mut bench);
    bench_tender(&mut bench);
    bench.print();
    println!();
    println!("| contract | Wasm size (bytes) |");
    println!("|---|---:|");
    for name in deploy::suite::CONTRACTS {
        println!("| {name} | {} |", chain::bundle(name).wasm.len());
    }
}
