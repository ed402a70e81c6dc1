//! Gas bench: deploys the built bundles into the embedded sandbox, calls
//! every message once in a representative state, and prints a Markdown
//! table of ref_time, proof_size and storage deposit per message, each also
//! as a multiple of one token `transfer` measured in the same run (the
//! yardstick contract in `bench/yardstick`, the shape of the ERC-20
//! example), then each contract's Wasm size.
//!
//! Figures are for drink's MinimalSandbox (deposit of 1 per byte and per
//! item), so deposits are relative, not real-chain prices. State-changing
//! messages are measured as real calls; queries as dry runs.
//!
//! Run: `bash scripts/bench.sh` (or `cargo run -p e2e-tests --bin bench`
//! after `bash scripts/build.sh`). Options:
//! - `--json PATH`: also write every figure as JSON (rows, the unit, Wasm
//!   sizes), so a later run can be compared with this one;
//! - `--compare PATH`: after the tables, list what moved against that JSON
//!   (rows whose ref_time or proof_size changed by 0.5 % or more, rows
//!   added or gone, Wasm sizes);
//! - `--record PATH`: write the tables into the Markdown file at PATH,
//!   between its `<!-- bench:start -->` and `<!-- bench:end -->` lines.
//!
//! Last, the open-contracting publication of a seeded set of 56 whole
//! procurements (`deploy::scenarios`): how fast the journal's events fold
//! into OCDS releases, what checking them against the schemas and computing
//! the red flags adds, and how many bytes a procurement publishes. Those
//! times are of this machine, not of a chain; `--compare` leaves them out.

use std::fmt::Debug;

use budget::{ReleaseOutcome, ReleasePolicy};
use deploy::contracts::Registry;
use drink::AccountId32;
use e2e_tests::chain::{self, answer, arg, ink_id, Builder, Cost, Outcome, Session};
use evaluation::Interest;
use ink::codegen::TraitCallBuilder;
use ink::primitives::Hash;
use ink::scale::Encode;
use procurement_shared::contracting::Contracting;
use procurement_shared::tendering::{BondSettlement, Funding};
use procurement_shared::tranche::Terms;
use procurement_shared::{Peers, Role, Ruling, SealedBid};
use tender::{Method, Milestone, TenderParams};

struct Row {
    contract: &'static str,
    message: String,
    cost: Cost,
}

#[derive(Default)]
struct Bench {
    rows: Vec<Row>,
    /// One yardstick `transfer`, the unit of the ratio columns.
    unit: Option<Cost>,
}

impl Bench {
    fn record(&mut self, contract: &'static str, message: impl Into<String>, cost: Cost) {
        self.rows.push(Row { contract, message: message.into(), cost });
    }

    /// Runs a state-changing message through its facade; it must succeed.
    /// Records its cost under `label` and returns its value.
    fn measure<T, E: Debug>(
        &mut self,
        s: &mut Session,
        contract: &'static str,
        label: &str,
        call: impl FnOnce(&mut Session) -> Outcome<T, E>,
    ) -> T {
        let out = call(s).unwrap_or_else(|e| panic!("bench call {label} failed: {e}"));
        self.record(contract, label, chain::last_call_cost(s));
        out
    }

    /// Dry-runs a query and records its cost.
    fn query<T>(
        &mut self,
        s: &mut Session,
        (contract_name, contract): (&'static str, &AccountId32),
        caller: &AccountId32,
        label: &str,
        call: Builder<impl Encode, T>,
    ) {
        let cost = chain::query_cost(s, contract, caller, &chain::message(call));
        self.record(contract_name, label, cost);
    }

    /// The message table and the Wasm size table, as Markdown.
    fn tables(&self, sizes: &[(String, usize)]) -> String {
        use std::fmt::Write;
        let unit = self.unit.expect("the yardstick is measured first");
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Unit: one yardstick token `transfer` = {} ref_time, {} proof_size.\n",
            group(unit.ref_time),
            group(unit.proof_size)
        );
        let _ = writeln!(
            out,
            "| contract | message | ref_time | proof_size | storage deposit | x transfer (ref_time) | x transfer (proof_size) |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
        for row in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                row.contract,
                row.message,
                group(row.cost.ref_time),
                group(row.cost.proof_size),
                row.cost.storage_deposit,
                ratio(row.cost.ref_time, unit.ref_time),
                ratio(row.cost.proof_size, unit.proof_size)
            );
        }
        out.push_str(&per_block(&self.rows));
        let _ = writeln!(out, "\n| contract | Wasm size (bytes) |\n|---|---:|");
        for (name, bytes) in sizes {
            let _ = writeln!(out, "| {name} | {bytes} |");
        }
        out
    }

    /// Every figure as JSON.
    fn json(&self, sizes: &[(String, usize)]) -> serde_json::Value {
        let unit = self.unit.expect("the yardstick is measured first");
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|row| {
                serde_json::json!({
                    "contract": row.contract,
                    "message": row.message,
                    "ref_time": row.cost.ref_time,
                    "proof_size": row.cost.proof_size,
                    "storage_deposit": row.cost.storage_deposit.to_string(),
                })
            })
            .collect();
        let wasm: serde_json::Map<String, serde_json::Value> = sizes.iter().map(|(name, bytes)| (name.clone(), (*bytes).into())).collect();
        serde_json::json!({
            "unit": { "ref_time": unit.ref_time, "proof_size": unit.proof_size },
            "rows": rows,
            "wasm_bytes": wasm,
        })
    }
}

/// Block limits the per-block figures assume, for normal (non-operational)
/// extrinsics: 75 % of a block (`NORMAL_DISPATCH_RATIO` of the node and
/// parachain templates). A standalone chain (substrate-contracts-node)
/// allows 2 s of ref_time and does not bound the proof; a parachain with
/// async backing allows 2 s of ref_time and a proof of validity of
/// `MAX_POV_SIZE` = 5 MiB.
const NORMAL_REF_TIME: u64 = 2_000_000_000_000 / 4 * 3;
const NORMAL_POV: u64 = 5 * 1024 * 1024 / 4 * 3;

/// The "whole procurement" rows as a table of how many fit in a block.
fn per_block(rows: &[Row]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "\n| whole procurement | ref_time | proof_size | per block, standalone chain | per block, parachain |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    for row in rows.iter().filter(|row| row.contract == PROCUREMENT) {
        // In tenths, integers only.
        let standalone = NORMAL_REF_TIME * 10 / row.cost.ref_time.max(1);
        let parachain = standalone.min(NORMAL_POV * 10 / row.cost.proof_size.max(1));
        let tenths = |n: u64| format!("{}.{}", n / 10, n % 10);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            row.message,
            group(row.cost.ref_time),
            group(row.cost.proof_size),
            tenths(standalone),
            tenths(parachain)
        );
    }
    let _ = writeln!(
        out,
        "\nPer block: how many whole procurements' calls fit in 75 % of one block (normal extrinsics; a procurement's calls \
         are spread over weeks, so this is throughput, not latency): a standalone chain allows {} ref_time and does not bound \
         the proof; a parachain allows the same ref_time and a proof of {} bytes (75 % of a 5 MiB PoV). Drink's proof sizes \
         leave out the trie nodes a real chain's proof carries (about 2.5x on the dev node, docs/LIVE.md), so the parachain \
         figure is an upper bound.",
        group(NORMAL_REF_TIME),
        group(NORMAL_POV)
    );
    out
}

/// The bench's name for the rows that sum a whole procurement.
const PROCUREMENT: &str = "procurement";

/// What moved between an earlier run (`before`, as written by `--json`)
/// and this one (`now`): one line per row whose ref_time or proof_size
/// changed by 0.5 % or more, per row added or gone, per Wasm size changed.
fn compare(before: &serde_json::Value, now: &serde_json::Value) -> Vec<String> {
    type Figures = std::collections::BTreeMap<(String, String), (u64, u64)>;
    let figures = |run: &serde_json::Value| -> Figures {
        run["rows"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|row| {
                let text = |key: &str| row[key].as_str().unwrap_or_default().to_string();
                ((text("contract"), text("message")), (row["ref_time"].as_u64().unwrap_or(0), row["proof_size"].as_u64().unwrap_or(0)))
            })
            .collect()
    };
    let percent = |old: u64, new: u64| if old == 0 { 0.0 } else { (new as f64 - old as f64) * 100.0 / old as f64 };
    let (old, new) = (figures(before), figures(now));
    let mut lines = Vec::new();
    for (key, &(ref_time, proof)) in &new {
        match old.get(key) {
            None => lines.push(format!("{} | {}: new", key.0, key.1)),
            Some(&(old_ref, old_proof)) => {
                let (r, p) = (percent(old_ref, ref_time), percent(old_proof, proof));
                if r.abs() >= 0.5 || p.abs() >= 0.5 {
                    lines.push(format!("{} | {}: ref_time {r:+.1} %, proof_size {p:+.1} %", key.0, key.1));
                }
            }
        }
    }
    lines.extend(old.keys().filter(|key| !new.contains_key(*key)).map(|key| format!("{} | {}: gone", key.0, key.1)));
    if let (Some(old_sizes), Some(new_sizes)) = (before["wasm_bytes"].as_object(), now["wasm_bytes"].as_object()) {
        for (name, bytes) in new_sizes {
            if old_sizes.get(name) != Some(bytes) {
                lines.push(format!("{name} Wasm: {} -> {bytes} bytes", old_sizes.get(name).map_or("-".to_string(), |b| b.to_string())));
            }
        }
    }
    lines
}

/// `text` with the lines between `<!-- bench:start -->` and
/// `<!-- bench:end -->` replaced by `tables`.
fn recorded(text: &str, tables: &str) -> Result<String, String> {
    const START: &str = "<!-- bench:start -->";
    const END: &str = "<!-- bench:end -->";
    let start = text.find(START).ok_or(format!("no {START} line"))? + START.len();
    let end = text.find(END).ok_or(format!("no {END} line"))?;
    if end < start {
        return Err(format!("{END} comes before {START}"));
    }
    Ok(format!("{}\n{}{}", &text[..start], tables, &text[end..]))
}

/// `part / whole` with two decimals ("-" if there is no whole).
fn ratio(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "-".to_string();
    }
    // Hundredths, rounded to nearest, in integers.
    let hundredths = (u128::from(part) * 100 + u128::from(whole) / 2) / u128::from(whole);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The yardstick: a token transfer between two accounts that both hold
/// tokens already (the usual case), measured as a real call.
fn bench_yardstick(b: &mut Bench) {
    const C: &str = "yardstick";
    let mut s = chain::new_session();
    let alice = chain::endowed(&mut s, "alice");
    let bob = chain::endowed(&mut s, "bob");
    let token = chain::deploy(&mut s, chain::bundle(C), &alice, "new", &["1000000".to_string()], vec![]);
    let transfer = |s: &mut Session, to: &AccountId32| {
        chain::call::<(), Vec<u8>>(s, &token, &alice, &chain::Message::named("transfer").arg(&chain::ink_id(to)).arg(&10u128), None)
    };
    transfer(&mut s, &bob).expect("first transfer");
    transfer(&mut s, &bob).expect("transfer");
    let cost = chain::last_call_cost(&s);
    b.unit = Some(cost);
    b.record(C, "transfer (the unit)", cost);
}

/// 1234567 -> "1_234_567", so large figures stay readable in the table.
fn group(n: u64) -> String {
    deploy::money::grouped(u128::from(n), '_')
}

fn bench_access_control(b: &mut Bench) {
    const C: &str = "access_control";
    let mut s = chain::new_session();
    let admin = chain::endowed(&mut s, "authority");
    let registry = chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(&admin)], vec![]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));
    let book = chain::deploy(&mut s, chain::bundle("role_book"), &admin, "new", &[arg(&registry)], vec![]);
    b.record("role_book", "new (constructor)", chain::last_deploy_cost(&s));
    let reg = Registry::at(registry.clone());
    b.measure(&mut s, C, "link_role_book", |s| reg.link_role_book(s, &admin, &book));
    let peers = Peers {
        tender: chain::ink_id(&chain::dev_account("tender")),
        evaluation: chain::ink_id(&chain::dev_account("evaluation")),
        escrow: chain::ink_id(&chain::dev_account("escrow")),
        governor: chain::ink_id(&chain::dev_account("governor")),
    };
    b.measure(&mut s, C, "link_peers (four service roles, once)", |s| reg.link_peers(s, &admin, &peers));
    // An account plays the governor, to call the delayed rules directly
    // (the governor's own costs are measured in `bench_governor`).
    let governor = chain::endowed(&mut s, "governor");
    let officer = chain::endowed(&mut s, "officer");
    let vendor = chain::endowed(&mut s, "vendor");
    let gov = chain::endowed(&mut s, "multisig");
    // A realistic population so that list operations are not on empty roles.
    for n in 0..20 {
        let v = chain::dev_account(&format!("vendor-{n}"));
        answer(reg.grant_role(&mut s, &admin, Role::Vendor, &v)).unwrap();
    }

    b.measure(&mut s, C, "grant_role (new member)", |s| reg.grant_role(s, &admin, Role::ProcurementOfficer, &officer));
    b.measure(&mut s, C, "grant_role (already held, no-op)", |s| reg.grant_role(s, &admin, Role::ProcurementOfficer, &officer));
    b.measure(&mut s, C, "grant_role (vendor, 21st member)", |s| reg.grant_role(s, &admin, Role::Vendor, &vendor));
    b.measure(&mut s, C, "revoke_role (swap-remove)", |s| reg.revoke_role(s, &admin, Role::Vendor, &chain::dev_account("vendor-0")));
    b.measure(&mut s, C, "renounce_role", |s| reg.renounce_role(s, &vendor, Role::Vendor, &vendor));
    b.measure(&mut s, C, "set_role_admin", |s| reg.set_role_admin(s, &admin, Role::Vendor, Role::ProcurementOfficer));
    b.measure(&mut s, C, "declare_exclusive (scans 1 member)", |s| {
        reg.declare_exclusive(s, &governor, Role::ProcurementOfficer, Role::Inspector)
    });
    b.measure(&mut s, C, "remove_exclusive", |s| reg.remove_exclusive(s, &governor, Role::ProcurementOfficer, Role::Inspector));
    b.measure(&mut s, C, "propose_admin", |s| reg.propose_admin(s, &admin, &gov));
    b.measure(&mut s, C, "cancel_admin_proposal", |s| reg.cancel_admin_proposal(s, &admin));
    answer(reg.propose_admin(&mut s, &admin, &gov)).unwrap();
    b.measure(&mut s, C, "accept_admin", |s| reg.accept_admin(s, &gov));
    b.measure(&mut s, C, "pause", |s| reg.pause(s, &gov));
    b.measure(&mut s, C, "unpause", |s| reg.unpause(s, &gov));

    let v1 = chain::dev_account("vendor-1");
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "has_role",
        chain::at::<access_control::AccessControlRef>(&registry).call().has_role(Role::Vendor, ink_id(&v1)),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "check_role",
        chain::at::<access_control::AccessControlRef>(&registry).call().check_role(Role::Vendor, ink_id(&v1)),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "check_role_unpaused",
        chain::at::<access_control::AccessControlRef>(&registry).call().check_role_unpaused(Role::Vendor, ink_id(&v1)),
    );
    b.query(&mut s, (C, &registry), &officer, "is_paused", chain::at::<access_control::AccessControlRef>(&registry).call().is_paused());
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "roles_of",
        chain::at::<access_control::AccessControlRef>(&registry).call().roles_of(ink_id(&gov)),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "role_admin",
        chain::at::<access_control::AccessControlRef>(&registry).call().role_admin(Role::Vendor),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "member_count",
        chain::at::<access_control::AccessControlRef>(&registry).call().member_count(Role::Vendor),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "members (page of 20)",
        chain::at::<access_control::AccessControlRef>(&registry).call().members(Role::Vendor, 0, 100),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "is_exclusive",
        chain::at::<access_control::AccessControlRef>(&registry).call().is_exclusive(Role::Vendor, Role::Treasurer),
    );
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "exclusive_with",
        chain::at::<access_control::AccessControlRef>(&registry).call().exclusive_with(Role::Vendor),
    );
    b.query(&mut s, (C, &registry), &officer, "admin", chain::at::<access_control::AccessControlRef>(&registry).call().admin());
    b.query(
        &mut s,
        (C, &registry),
        &officer,
        "pending_admin",
        chain::at::<access_control::AccessControlRef>(&registry).call().pending_admin(),
    );
    b.query(&mut s, (C, &registry), &officer, "role_book", chain::at::<access_control::AccessControlRef>(&registry).call().role_book());
    b.query(&mut s, (C, &registry), &officer, "peers", chain::at::<access_control::AccessControlRef>(&registry).call().peers());
    // The question every guarded message of the suite asks, across contracts.
    b.query(
        &mut s,
        ("role_book", &book),
        &officer,
        "standing (the suite's role check)",
        chain::at::<role_book::RoleBookRef>(&book).call().standing(ink_id(&v1)),
    );
    b.query(&mut s, ("role_book", &book), &officer, "registry", chain::at::<role_book::RoleBookRef>(&book).call().registry());
}

fn bench_budget(b: &mut Bench) {
    const C: &str = "budget";
    use procurement_shared::DAY_MS as DAY;
    const START: u64 = 1_800_000_000_000;
    let end = START + 365 * DAY;
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    let config = deploy::config::Config::parse(
        r#"admin = "authority"
[roles]
Treasurer = ["treasurer-1", "treasurer-2"]
"#,
    )
    .expect("bench config");
    // Accounts play the treasury's peers, to call it directly.
    let peers = |_: &deploy::suite::Suite| Peers {
        tender: chain::ink_id(&chain::dev_account("tender-svc")),
        evaluation: chain::ink_id(&chain::dev_account("evaluation-svc")),
        escrow: chain::ink_id(&chain::dev_account("escrow-svc")),
        governor: chain::ink_id(&chain::dev_account("governor-svc")),
    };
    let suite = deploy::suite::deploy_suite_linked(&mut s, &config, peers).expect("deploy");
    let governor = chain::endowed(&mut s, "governor-svc");
    let budget = suite.address("budget").clone();
    let admin = suite.admin.clone();
    let [t1, t2] = ["treasurer-1", "treasurer-2"].map(chain::dev_account);
    let [tender, evaluation, escrow] = ["tender-svc", "evaluation-svc", "escrow-svc"].map(|name| chain::endowed(&mut s, name));
    let payee = chain::endowed(&mut s, "vendor");
    let donor = chain::endowed(&mut s, "finance-ministry");
    // Construction cost, measured on its own deployment.
    chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(suite.address("role_book"))], vec![1]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));

    let treasury = suite.treasury();
    let policy = ReleasePolicy { auto_release_limit: 1_000, cap_window_ms: 10 * DAY, window_cap: 5_000, approvals_required: 2 };
    b.measure(&mut s, C, "set_default_policy", |s| treasury.set_default_policy(s, &governor, &policy));
    b.measure(&mut s, C, "deposit", |s| treasury.deposit(s, &donor, 1_000_000));
    let line: u32 = b.measure(&mut s, C, "open_line", |s| treasury.open_line(s, &t1, b"ROADS-2027", START, end, 500000));
    b.measure(&mut s, C, "increase_appropriation", |s| treasury.increase_appropriation(s, &t1, line, 100000));
    b.measure(&mut s, C, "decrease_appropriation", |s| treasury.decrease_appropriation(s, &t1, line, 50000));
    b.measure(&mut s, C, "set_line_policy", |s| treasury.set_line_policy(s, &governor, line, Some(&policy)));
    let r0: u64 = b.measure(&mut s, C, "reserve (cross-contract role check)", |s| treasury.reserve(s, &tender, line, 10000, 0));
    b.measure(&mut s, C, "cancel_reservation", |s| treasury.cancel_reservation(s, &tender, r0));
    let r1: u64 = b.measure(&mut s, C, "reserve (second)", |s| treasury.reserve(s, &tender, line, 100000, 1));
    let c: u64 = b.measure(&mut s, C, "commit", |s| treasury.commit(s, &evaluation, r1, 90000, &payee));
    let paid: ReleaseOutcome = b.measure(&mut s, C, "release (paid at once)", |s| treasury.release(s, &escrow, c, 1000, &payee));
    assert_eq!(paid, ReleaseOutcome::Paid);
    let ReleaseOutcome::Queued(q1) = b.measure(&mut s, C, "release (queued)", |s| treasury.release(s, &escrow, c, 20000, &payee)) else {
        panic!("a release above the limit queues");
    };
    b.measure(&mut s, C, "approve_release (1st of 2)", |s| treasury.approve_release(s, &t1, q1));
    b.measure(&mut s, C, "approve_release (2nd, pays)", |s| treasury.approve_release(s, &t2, q1));
    let ReleaseOutcome::Queued(q2) = b.measure(&mut s, C, "release (queued, 2nd)", |s| treasury.release(s, &escrow, c, 20000, &payee))
    else {
        panic!("queued");
    };
    b.measure(&mut s, C, "reject_release", |s| treasury.reject_release(s, &t1, q2));
    let ReleaseOutcome::Queued(q3) = b.measure(&mut s, C, "release (queued, 3rd)", |s| treasury.release(s, &escrow, c, 20000, &payee))
    else {
        panic!("queued");
    };
    b.measure(&mut s, C, "approve_release (1st of 2, again)", |s| treasury.approve_release(s, &t1, q3));
    // Lower the requirement so that execute_release has something to do.
    let one = ReleasePolicy { approvals_required: 1, ..policy };
    answer(treasury.set_line_policy(&mut s, &governor, line, Some(&one))).unwrap();
    b.measure(&mut s, C, "execute_release", |s| treasury.execute_release(s, &payee, q3));
    let _: u128 = b.measure(&mut s, C, "decommit", |s| treasury.decommit(s, &escrow, c, None));
    chain::set_time(&mut s, end);
    b.measure(&mut s, C, "close_line", |s| treasury.close_line(s, &t1, line));
    chain::fund(&mut s, &budget, 777);
    b.measure(&mut s, C, "book_surplus", |s| treasury.book_surplus(s, &admin));

    b.query(&mut s, (C, &budget), &payee, "totals", chain::at::<budget::BudgetRef>(&budget).call().totals());
    b.query(&mut s, (C, &budget), &payee, "line", chain::at::<budget::BudgetRef>(&budget).call().line(line));
    b.query(
        &mut s,
        (C, &budget),
        &payee,
        "line_by_code",
        chain::at::<budget::BudgetRef>(&budget).call().line_by_code(b"ROADS-2027".to_vec()),
    );
    b.query(&mut s, (C, &budget), &payee, "line_count", chain::at::<budget::BudgetRef>(&budget).call().line_count());
    b.query(&mut s, (C, &budget), &payee, "reservation", chain::at::<budget::BudgetRef>(&budget).call().reservation(r1));
    b.query(&mut s, (C, &budget), &payee, "commitment", chain::at::<budget::BudgetRef>(&budget).call().commitment(c));
    b.query(&mut s, (C, &budget), &payee, "queued_release", chain::at::<budget::BudgetRef>(&budget).call().queued_release(q1));
    b.query(&mut s, (C, &budget), &payee, "releases (3 entries)", chain::at::<budget::BudgetRef>(&budget).call().releases(0, 50));
    b.query(&mut s, (C, &budget), &payee, "policy_of", chain::at::<budget::BudgetRef>(&budget).call().policy_of(line));
    b.query(&mut s, (C, &budget), &payee, "default_policy", chain::at::<budget::BudgetRef>(&budget).call().default_policy());
    b.query(&mut s, (C, &budget), &payee, "role_book", chain::at::<budget::BudgetRef>(&budget).call().role_book());
}

/// The tender the bench publishes on `line` at `now`.
fn tender_params(line: u32, now: u64) -> TenderParams {
    use procurement_shared::DAY_MS as DAY;
    TenderParams {
        line,
        estimate: 1_000_000,
        dossier: Hash::from([0xD0; 32]),
        bond: 50_000,
        submission_deadline: now + 14 * DAY,
        reveal_deadline: now + 17 * DAY,
        method: Method::LowestPrice,
        standstill_ms: 10 * DAY,
        milestones: vec![
            Milestone { share_bps: 4_000, due_offset_ms: 30 * DAY, description: Hash::from([1; 32]) },
            Milestone { share_bps: 6_000, due_offset_ms: 90 * DAY, description: Hash::from([2; 32]) },
        ],
    }
}

/// The proposal hash and salt of every bench bid.
const PROPOSAL: [u8; 32] = [0x50; 32];
const SALT: [u8; 32] = [0x5A; 32];

fn bench_tender(b: &mut Bench) {
    const C: &str = "tender";
    use procurement_shared::DAY_MS as DAY;
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
    // An account plays the evaluation contract, to award directly.
    let svc = chain::ink_id(&chain::dev_account("evaluation-svc"));
    let peers = |suite: &deploy::suite::Suite| Peers { evaluation: svc, ..suite.peers() };
    let suite =
        deploy::suite::deploy_suite_linked(&mut s, &deploy::config::Config::parse(&config).expect("config"), peers).expect("deploy");
    chain::endowed(&mut s, "evaluation-svc");
    let (tender, budget) = (suite.address("tender").clone(), suite.address("budget").clone());
    let admin = suite.admin.clone();
    let officer = chain::dev_account("officer");
    let ministry = chain::endowed(&mut s, "finance-ministry");
    let treasury = suite.treasury();
    answer(treasury.deposit(&mut s, &ministry, 100_000_000)).unwrap();
    let line = answer(treasury.open_line(&mut s, &chain::dev_account("treasurer-1"), b"WORKS", NOW, NOW + 365 * DAY, 50_000_000)).unwrap();
    chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(suite.address("role_book")), arg(&budget)], vec![1]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));

    let tenders = suite.tenders();
    let sealed = |price: u128| SealedBid { price, proposal: PROPOSAL, salt: SALT };

    // One tender per size: commit and reveal measured with 0, 9 and 99 bids
    // already in, i.e. as the 1st, 10th and 100th bid.
    for existing in [0usize, 9, 99] {
        chain::set_time(&mut s, NOW);
        let id: u32 = answer(tenders.publish(&mut s, &officer, &tender_params(line, NOW))).expect("publish");
        for v in &vendors[..existing] {
            let who = chain::dev_account(v);
            answer(tenders.commit_sealed(&mut s, &who, id, &sealed(900_000), BOND)).expect("commit_bid");
        }
        let who = chain::dev_account(&vendors[existing]);
        let label = format!("commit_bid (bid #{})", existing + 1);
        b.measure(&mut s, C, label.as_str(), |s| tenders.commit_sealed(s, &who, id, &sealed(900_000), BOND));
        chain::set_time(&mut s, NOW + 14 * DAY);
        for v in &vendors[..existing] {
            let w = chain::dev_account(v);
            answer(tenders.reveal_sealed(&mut s, &w, id, &sealed(900000))).expect("reveal_bid");
        }
        let label = format!("reveal_bid (reveal #{})", existing + 1);
        b.measure(&mut s, C, label.as_str(), |s| tenders.reveal_sealed(s, &who, id, &sealed(900000)));
    }

    // Every other message, on a fresh tender.
    chain::set_time(&mut s, NOW);
    let id: u32 = b.measure(&mut s, C, "publish (reserves on budget)", |s| tenders.publish(s, &officer, &tender_params(line, NOW)));
    let [v0, v1, v2] = [0, 1, 2].map(|n| chain::dev_account(&vendors[n]));
    b.measure(&mut s, C, "commit_bid (first bid)", |s| tenders.commit_sealed(s, &v0, id, &sealed(1), BOND));
    b.measure(&mut s, C, "commit_bid (replacement)", |s| tenders.commit_sealed(s, &v0, id, &sealed(900_000), 0));
    b.measure(&mut s, C, "commit_bid (second bidder)", |s| tenders.commit_sealed(s, &v1, id, &sealed(800_000), BOND));
    b.measure(&mut s, C, "commit_bid (third bidder)", |s| tenders.commit_sealed(s, &v2, id, &sealed(700_000), BOND));
    b.measure(&mut s, C, "withdraw_bid", |s| tenders.withdraw_bid(s, &v2, id));
    b.measure(&mut s, C, "amend", |s| tenders.amend(s, &officer, id, &[0xD1; 32], NOW + 15 * DAY, NOW + 18 * DAY));
    chain::set_time(&mut s, NOW + 15 * DAY);
    b.measure(&mut s, C, "reveal_bid", |s| tenders.reveal_sealed(s, &v0, id, &sealed(900000)));
    chain::set_time(&mut s, NOW + 18 * DAY);
    b.measure(&mut s, C, "forfeit_bond (deposits into budget)", |s| tenders.forfeit_bond(s, &officer, id, &v1));
    let id2: u32 = answer(tenders.publish(&mut s, &officer, &tender_params(line, NOW + 18 * DAY))).expect("publish");
    b.measure(&mut s, C, "cancel (frees the reservation)", |s| tenders.cancel(s, &officer, id2));
    chain::fund(&mut s, &tender, 777);
    b.measure(&mut s, C, "book_surplus (deposits into budget)", |s| tenders.book_surplus(s, &admin));

    // The evaluation service's side: award, a lapse, the runner-up, closing.
    let svc = chain::dev_account("evaluation-svc");
    let start = NOW + 18 * DAY;
    chain::set_time(&mut s, start);
    let id3: u32 = answer(tenders.publish(&mut s, &officer, &tender_params(line, start))).expect("publish");
    for (v, price) in [(&v0, 900_000), (&v1, 950_000)] {
        answer(tenders.commit_sealed(&mut s, v, id3, &sealed(price), BOND)).expect("commit_bid");
    }
    chain::set_time(&mut s, start + 14 * DAY);
    for (v, price) in [(&v0, 900_000), (&v1, 950_000)] {
        answer(tenders.reveal_sealed(&mut s, v, id3, &sealed(price))).expect("reveal_bid");
    }
    chain::set_time(&mut s, start + 17 * DAY);
    b.measure(&mut s, C, "award", |s| tenders.award(s, &svc, id3, &v0, Funding::Held));
    b.measure(&mut s, C, "settle_winner_bond (forfeited into budget)", |s| {
        tenders.settle_winner_bond(s, &svc, id3, BondSettlement::Forfeit)
    });
    b.measure(&mut s, C, "award (runner-up)", |s| tenders.award(s, &svc, id3, &v1, Funding::Held));
    b.measure(&mut s, C, "settle_winner_bond (returned)", |s| tenders.settle_winner_bond(s, &svc, id3, BondSettlement::Return));
    b.measure(&mut s, C, "close_unsuccessful (frees the reservation)", |s| tenders.close_unsuccessful(s, &svc, id3));
    // A valid bid's bond is bid security until an award or the end of the
    // validity period; v0's bid on the first tender was never awarded.
    chain::set_time(&mut s, NOW + 18 * DAY + tender::rules::BID_VALIDITY_MS);
    b.measure(&mut s, C, "claim_bond", |s| tenders.claim_bond(s, &v0, id));

    b.query(&mut s, (C, &tender), &officer, "tender", chain::at::<tender::TenderBookRef>(&tender).call().tender(id));
    b.query(&mut s, (C, &tender), &officer, "phase", chain::at::<tender::TenderBookRef>(&tender).call().phase(id));
    b.query(&mut s, (C, &tender), &officer, "milestones (2)", chain::at::<tender::TenderBookRef>(&tender).call().milestones(id));
    b.query(&mut s, (C, &tender), &officer, "amendment", chain::at::<tender::TenderBookRef>(&tender).call().amendment(id, 1));
    b.query(&mut s, (C, &tender), &officer, "bid", chain::at::<tender::TenderBookRef>(&tender).call().bid(id, ink_id(&v0)));
    b.query(
        &mut s,
        (C, &tender),
        &officer,
        "revealed_bids (page of 50, of 100)",
        chain::at::<tender::TenderBookRef>(&tender).call().revealed_bids(2, 0, 50),
    );
    b.query(
        &mut s,
        (C, &tender),
        &officer,
        "bidders (page of 50, of 100)",
        chain::at::<tender::TenderBookRef>(&tender).call().bidders(2, 0, 50),
    );
    b.query(&mut s, (C, &tender), &officer, "tender_count", chain::at::<tender::TenderBookRef>(&tender).call().tender_count());
    b.query(&mut s, (C, &tender), &officer, "bond_totals", chain::at::<tender::TenderBookRef>(&tender).call().bond_totals());
    b.query(&mut s, (C, &tender), &officer, "wiring", chain::at::<tender::TenderBookRef>(&tender).call().wiring());
}

/// An escrow agreement offered to `vendor` at `now`: the evaluation
/// service's reservation and commitment of the price are made first (not
/// measured); milestones of `amounts` fall due every 10 days.
fn agreement_params(s: &mut Session, suite: &deploy::suite::Suite, line: u32, amounts: &[u128], now: u64) -> escrow::AgreementParams {
    use procurement_shared::DAY_MS as DAY;
    let svc = chain::dev_account("evaluation-svc");
    let vendor = chain::dev_account("vendor");
    let price: u128 = amounts.iter().sum();
    let treasury = suite.treasury();
    let reservation = answer(treasury.reserve(s, &svc, line, price, 3)).expect("reserve");
    let commitment = answer(treasury.commit(s, &svc, reservation, price, &vendor)).expect("commit");
    escrow::AgreementParams {
        tender: 3,
        vendor: chain::ink_id(&vendor),
        commitment,
        price,
        milestones: (1u64..)
            .zip(amounts)
            .map(|(i, amount)| escrow::MilestoneSpec { amount: *amount, due: now + i * 10 * DAY, description: Hash::from([1; 32]) })
            .collect(),
        terms: procurement_shared::tranche::Terms { retention_bps: 500, late_bps_per_day: 100, late_cap_bps: 1_000 },
        inspector: chain::ink_id(&chain::dev_account("inspector")),
        sign_by: now + 7 * DAY,
        warranty_ms: 30 * DAY,
    }
}

fn bench_escrow(b: &mut Bench) {
    use escrow::Termination;
    const C: &str = "escrow";
    use procurement_shared::DAY_MS as DAY;
    const NOW: u64 = 1_800_000_000_000;
    let mut s = chain::new_session();
    chain::set_time(&mut s, NOW);
    let config = deploy::config::Config::parse(
        r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Treasurer = ["treasurer-1", "treasurer-2"]
Inspector = ["inspector"]
Auditor = ["auditor"]
Vendor = ["vendor"]
"#,
    )
    .expect("bench config");
    // An account plays the tender and evaluation contracts, to reserve,
    // commit and offer agreements directly.
    let svc = chain::ink_id(&chain::dev_account("evaluation-svc"));
    let peers = |suite: &deploy::suite::Suite| Peers { tender: svc, evaluation: svc, ..suite.peers() };
    let suite = deploy::suite::deploy_suite_linked(&mut s, &config, peers).expect("deploy");
    chain::endowed(&mut s, "evaluation-svc");
    let admin = suite.admin.clone();
    let [svc, vendor, inspector, auditor, officer] =
        ["evaluation-svc", "vendor", "inspector", "auditor", "officer"].map(chain::dev_account);
    let treasury = suite.treasury();
    let ministry = chain::endowed(&mut s, "finance-ministry");
    answer(treasury.deposit(&mut s, &ministry, 100_000_000)).expect("deposit");
    let line =
        answer(treasury.open_line(&mut s, &chain::dev_account("treasurer-1"), b"WORKS", NOW, NOW + 730 * DAY, 50_000_000)).expect("line");
    let policy = ReleasePolicy { auto_release_limit: 1_000_000, cap_window_ms: 30 * DAY, window_cap: 40_000_000, approvals_required: 2 };
    e2e_tests::govern(&mut s, &suite, &[governor::Action::DefaultPolicy { policy }]);
    chain::deploy(&mut s, chain::bundle(C), &admin, "new", &[arg(suite.address("role_book")), arg(suite.address("budget"))], vec![1]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));
    let escrow = suite.escrow();
    let evidence = [0xE0; 32];
    let reason = [0xEE; 32];

    // A: twelve milestones of 100 000, each paid at once.
    let p = agreement_params(&mut s, &suite, line, &[100_000; 12], NOW);
    let a: u32 = b.measure(&mut s, C, "create (12 milestones)", |s| escrow.create(s, &svc, &p));
    b.measure(&mut s, C, "sign", |s| escrow.sign(s, &vendor, a));
    b.measure(&mut s, C, "deliver (milestone 1)", |s| escrow.deliver(s, &vendor, a, 0, &evidence));
    b.measure(&mut s, C, "approve (milestone 1 of 12, paid at once)", |s| escrow.approve(s, &inspector, a, 0));
    b.measure(&mut s, C, "deliver (milestone 12)", |s| escrow.deliver(s, &vendor, a, 11, &evidence));
    b.measure(&mut s, C, "approve (milestone 12 of 12, paid at once)", |s| escrow.approve(s, &inspector, a, 11));
    chain::set_time(&mut s, NOW + 23 * DAY);
    answer(escrow.deliver(&mut s, &vendor, a, 1, &evidence)).expect("deliver");
    b.measure(&mut s, C, "approve (3 days late: deduction decommitted)", |s| escrow.approve(s, &inspector, a, 1));
    answer(escrow.deliver(&mut s, &vendor, a, 2, &evidence)).expect("deliver");
    b.measure(&mut s, C, "reject", |s| escrow.reject(s, &inspector, a, 2, &reason));
    b.measure(&mut s, C, "escalate", |s| escrow.escalate(s, &vendor, a, 2));
    b.measure(&mut s, C, "decide_escalation (overturned, pays)", |s| escrow.decide_escalation(s, &auditor, a, 2, Ruling::Dismiss));
    answer(escrow.deliver(&mut s, &vendor, a, 3, &evidence)).expect("deliver");
    answer(escrow.reject(&mut s, &inspector, a, 3, &reason)).expect("reject");
    answer(escrow.escalate(&mut s, &vendor, a, 3)).expect("escalate");
    b.measure(&mut s, C, "decide_escalation (upheld)", |s| escrow.decide_escalation(s, &auditor, a, 3, Ruling::Uphold));
    b.measure(&mut s, C, "deliver (again, after a rejection)", |s| escrow.deliver(s, &vendor, a, 3, &evidence));
    for m in 3..10u8 {
        if m > 3 {
            answer(escrow.deliver(&mut s, &vendor, a, m, &evidence)).expect("deliver");
        }
        answer(escrow.approve(&mut s, &inspector, a, m)).expect("approve");
    }
    answer(escrow.deliver(&mut s, &vendor, a, 10, &evidence)).expect("deliver");
    b.measure(&mut s, C, "approve (last: warranty starts)", |s| escrow.approve(s, &inspector, a, 10));
    b.measure(&mut s, C, "claim_defect", |s| escrow.claim_defect(s, &inspector, a, &[0xDF; 32]));
    b.measure(&mut s, C, "decide_claim (dismissed)", |s| escrow.decide_claim(s, &auditor, a, Ruling::Dismiss));
    chain::set_time(&mut s, NOW + 60 * DAY);
    b.measure(&mut s, C, "complete (retention paid, commitment closed)", |s| escrow.complete(s, &officer, a));

    // B: a milestone above the automatic limit; a defect claim upheld.
    let now = NOW + 60 * DAY;
    let p = agreement_params(&mut s, &suite, line, &[2_000_000], now);
    let bb: u32 = answer(escrow.create(&mut s, &svc, &p)).expect("create");
    answer(escrow.sign(&mut s, &vendor, bb)).expect("sign");
    answer(escrow.deliver(&mut s, &vendor, bb, 0, &evidence)).expect("deliver");
    b.measure(&mut s, C, "approve (queued for Treasurers)", |s| escrow.approve(s, &inspector, bb, 0));
    answer(escrow.claim_defect(&mut s, &inspector, bb, &[0xDF; 32])).expect("claim");
    b.measure(&mut s, C, "decide_claim (upheld, retention to the line)", |s| escrow.decide_claim(s, &auditor, bb, Ruling::Uphold));

    // C and D: terminations; E: a lapse.
    let p = agreement_params(&mut s, &suite, line, &[100_000, 100_000], now);
    let c: u32 = answer(escrow.create(&mut s, &svc, &p)).expect("create");
    answer(escrow.sign(&mut s, &vendor, c)).expect("sign");
    answer(escrow.deliver(&mut s, &vendor, c, 0, &evidence)).expect("deliver");
    answer(escrow.approve(&mut s, &inspector, c, 0)).expect("approve");
    b.measure(&mut s, C, "terminate (convenience, retention paid)", |s| {
        escrow.terminate(s, &officer, c, Termination::Convenience, &reason)
    });
    let p = agreement_params(&mut s, &suite, line, &[100_000, 100_000], now);
    let d: u32 = answer(escrow.create(&mut s, &svc, &p)).expect("create");
    answer(escrow.sign(&mut s, &vendor, d)).expect("sign");
    answer(escrow.deliver(&mut s, &vendor, d, 0, &evidence)).expect("deliver");
    answer(escrow.reject(&mut s, &inspector, d, 0, &reason)).expect("reject");
    let p = agreement_params(&mut s, &suite, line, &[100_000], now);
    let e: u32 = answer(escrow.create(&mut s, &svc, &p)).expect("create");
    chain::set_time(&mut s, now + 14 * DAY);
    b.measure(&mut s, C, "terminate (default)", |s| escrow.terminate(s, &officer, d, Termination::Default { milestone: 0 }, &reason));
    b.measure(&mut s, C, "lapse", |s| escrow.lapse(s, &officer, e));
    chain::fund(&mut s, &suite.address("escrow").clone(), 5_000);
    let _: u128 = b.measure(&mut s, C, "book_surplus (stray money to the treasury)", |s| escrow.book_surplus(s, &admin));

    let address = suite.address("escrow").clone();
    b.query(&mut s, (C, &address), &officer, "agreement", chain::at::<escrow::escrow::EscrowRef>(&address).call().agreement(a));
    b.query(&mut s, (C, &address), &officer, "milestone", chain::at::<escrow::escrow::EscrowRef>(&address).call().milestone(a, 11));
    b.query(&mut s, (C, &address), &officer, "milestones (12)", chain::at::<escrow::escrow::EscrowRef>(&address).call().milestones(a));
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "still_committed",
        chain::at::<escrow::escrow::EscrowRef>(&address).call().still_committed(bb),
    );
    b.query(&mut s, (C, &address), &officer, "agreement_of", chain::at::<escrow::escrow::EscrowRef>(&address).call().agreement_of(0));
    b.query(&mut s, (C, &address), &officer, "agreement_count", chain::at::<escrow::escrow::EscrowRef>(&address).call().agreement_count());
    b.query(&mut s, (C, &address), &officer, "wiring", chain::at::<escrow::escrow::EscrowRef>(&address).call().wiring());
}

/// Evaluation: appointment, declarations, scores, and `finalize` with 1,
/// 10, 100 and 200 valid revealed bids (weighted method, three members
/// scoring every bid), to show what ranking costs against a block.
fn bench_evaluation(b: &mut Bench) {
    const C: &str = "evaluation";
    use procurement_shared::DAY_MS as DAY;
    const NOW: u64 = 1_800_000_000_000;
    const BOND: u128 = 50_000;
    let mut s = chain::new_session();
    chain::set_time(&mut s, NOW);
    let vendors: Vec<String> = (0..200).map(|n| format!("vendor-{n}")).collect();
    let config = format!(
        "admin = \"authority\"\n[roles]\nProcurementOfficer = [\"officer\"]\nTreasurer = [\"treasurer-1\"]\n\
         Evaluator = [\"evaluator-1\", \"evaluator-2\", \"evaluator-3\", \"evaluator-4\"]\nInspector = [\"inspector\", \"inspector-2\"]\n\
         Auditor = [\"auditor\"]\nVendor = [{}]\n",
        vendors.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
    );
    let suite = deploy::suite::deploy_suite(&mut s, &deploy::config::Config::parse(&config).expect("config")).expect("deploy");
    let admin = suite.admin.clone();
    let officer = chain::dev_account("officer");
    let ministry = chain::endowed(&mut s, "finance-ministry");
    let treasury = suite.treasury();
    answer(treasury.deposit(&mut s, &ministry, 100_000_000)).expect("deposit");
    let line =
        answer(treasury.open_line(&mut s, &chain::dev_account("treasurer-1"), b"WORKS", NOW, NOW + 365 * DAY, 50_000_000)).expect("line");
    let wiring = ["role_book", "tender", "budget", "escrow"].map(|name| arg(suite.address(name)));
    chain::deploy(&mut s, chain::bundle(C), &admin, "new", &wiring, vec![1]);
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));

    let tenders = suite.tenders();
    let book = suite.evaluations();
    let sizes = [1usize, 10, 100, 200];
    let mut params = tender_params(line, NOW);
    params.method = Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 };
    let ids: Vec<u32> = sizes.iter().map(|_| answer(tenders.publish(&mut s, &officer, &params)).expect("publish")).collect();
    let price = |n: usize| 500_000 + 1_000 * n as u128;
    for (&id, &size) in ids.iter().zip(&sizes) {
        for (n, v) in vendors[..size].iter().enumerate() {
            let who = chain::dev_account(v);
            let bid = SealedBid { price: price(n), proposal: PROPOSAL, salt: SALT };
            answer(tenders.commit_sealed(&mut s, &who, id, &bid, BOND)).expect("commit_bid");
        }
    }
    chain::set_time(&mut s, NOW + 14 * DAY);
    for (&id, &size) in ids.iter().zip(&sizes) {
        for (n, v) in vendors[..size].iter().enumerate() {
            answer(tenders.reveal_sealed(
                &mut s,
                &chain::dev_account(v),
                id,
                &SealedBid { price: price(n), proposal: PROPOSAL, salt: SALT },
            ))
            .expect("reveal_bid");
        }
    }
    let end = NOW + 17 * DAY;
    chain::set_time(&mut s, end);
    let members: Vec<AccountId32> = ["evaluator-1", "evaluator-2", "evaluator-3"].map(chain::dev_account).to_vec();
    let contracting = Contracting {
        inspector: chain::ink_id(&chain::dev_account("inspector")),
        terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
        warranty_ms: 30 * DAY,
    };
    for (&id, &size) in ids.iter().zip(&sizes) {
        let label = format!("appoint (3 members, {size} bids read from tender)");
        b.measure(&mut s, C, label.as_str(), |s| book.appoint(s, &officer, id, &members, end + 7 * DAY, &contracting));
        for (m, member) in members.iter().enumerate() {
            if size == 10 && m == 0 {
                b.measure(&mut s, C, "declare", |s| book.declare(s, member, id, &[0xDE; 32], Interest::Impartial));
            } else {
                answer(book.declare(&mut s, member, id, &[0xDE; 32], Interest::Impartial)).expect("declare");
            }
            for bid in 0..size as u32 {
                let quality = 50 + ((bid as usize * 7 + m * 13) % 50) as u8;
                if size == 10 && m == 0 && bid == 0 {
                    b.measure(&mut s, C, "score (first)", |s| book.score(s, member, id, bid, quality));
                    b.measure(&mut s, C, "score (revision)", |s| book.score(s, member, id, bid, quality));
                } else {
                    answer(book.score(&mut s, member, id, bid, quality)).expect("score");
                }
            }
        }
        let label = format!("finalize ({size} bids; provisional award)");
        let _: Option<u32> = b.measure(&mut s, C, label.as_str(), |s| book.finalize(s, &officer, id));
    }

    // Protests on the 10-bid tender: one rejected, one upheld (re-ranking
    // the other 9 and awarding the next), one made moot by that.
    let ten = ids[1];
    let first = awarded_bid(&mut s, &book, ten);
    let losers: Vec<u32> = (0..10).filter(|&i| i != first).take(3).collect();
    let bidder = |i: u32| chain::dev_account(&vendors[i as usize]);
    b.measure(&mut s, C, "protest (posts the bond)", |s| book.protest(s, &bidder(losers[0]), ten, losers[0], &[0x9A; 32], BOND));
    for &l in &losers[1..] {
        answer(book.protest(&mut s, &bidder(l), ten, l, &[0x9A; 32], BOND)).expect("protest");
    }
    let auditor = chain::dev_account("auditor");
    b.measure(&mut s, C, "resolve (rejected: bond to the treasury)", |s| book.resolve(s, &auditor, ten, 0, Ruling::Dismiss, &[0x9B; 32]));
    b.measure(&mut s, C, "resolve (upheld: re-rank 9 bids, award the next)", |s| {
        book.resolve(s, &auditor, ten, 1, Ruling::Uphold, &[0x9C; 32])
    });
    b.measure(&mut s, C, "settle_protest (moot: bond refunded)", |s| book.settle_protest(s, &officer, ten, 2));

    // Conclusion after the standstill; a signature, lapses, the runner-up.
    let escrow = suite.escrow();
    chain::set_time(&mut s, end + 10 * DAY);
    let agreement = b.measure(&mut s, C, "conclude (commit + escrow offer, 2 milestones)", |s| book.conclude(s, &officer, ten));
    let winner = bidder(awarded_bid(&mut s, &book, ten));
    answer(escrow.sign(&mut s, &winner, agreement)).expect("sign");
    b.measure(&mut s, C, "settle_winner (signed: bond returned)", |s| book.settle_winner(s, &officer, ten));
    let lapsing: Vec<u32> = [ids[0], ids[2]].iter().map(|&id| answer(book.conclude(&mut s, &officer, id)).expect("conclude")).collect();
    chain::set_time(&mut s, end + 24 * DAY);
    for a in &lapsing {
        answer(escrow.lapse(&mut s, &officer, *a)).expect("lapse");
    }
    b.measure(&mut s, C, "settle_winner (lapsed: bond forfeited)", |s| book.settle_winner(s, &officer, ids[2]));
    let _: Option<u32> = b.measure(&mut s, C, "award_next (re-rank 99 bids, reserve again)", |s| book.award_next(s, &officer, ids[2]));
    answer(book.settle_winner(&mut s, &officer, ids[0])).expect("settle_winner");
    b.measure(&mut s, C, "close (after a lapse)", |s| book.close(s, &officer, ids[0]));

    // A tender nobody validly bid on.
    let empty = answer(tenders.publish(&mut s, &officer, &tender_params(line, end + 24 * DAY))).expect("publish");
    let who = chain::dev_account(&vendors[0]);
    let over = 2_000_000;
    answer(tenders.commit_sealed(&mut s, &who, empty, &SealedBid { price: over, proposal: PROPOSAL, salt: SALT }, BOND)).expect("commit");
    chain::set_time(&mut s, end + 38 * DAY);
    answer(tenders.reveal_sealed(&mut s, &who, empty, &SealedBid { price: over, proposal: PROPOSAL, salt: SALT })).expect("reveal");
    chain::set_time(&mut s, end + 41 * DAY);
    b.measure(&mut s, C, "close_without_bids (frees the reservation)", |s| book.close_without_bids(s, &officer, empty));
    // A conflict and its replacement, on a fresh committee.
    chain::set_time(&mut s, NOW);
    let id = answer(tenders.publish(&mut s, &officer, &params)).expect("publish");
    let who = chain::dev_account(&vendors[0]);
    answer(tenders.commit_sealed(&mut s, &who, id, &SealedBid { price: 600_000, proposal: PROPOSAL, salt: SALT }, BOND)).expect("commit");
    chain::set_time(&mut s, NOW + 14 * DAY);
    answer(tenders.reveal_sealed(&mut s, &who, id, &SealedBid { price: 600_000, proposal: PROPOSAL, salt: SALT })).expect("reveal");
    chain::set_time(&mut s, end);
    answer(book.appoint(&mut s, &officer, id, &members, end + 41 * DAY + 7 * DAY, &contracting)).expect("appoint");
    b.measure(&mut s, C, "declare (conflict: recused)", |s| book.declare(s, &members[1], id, &[0xC0; 32], Interest::Conflict));
    let fourth = chain::dev_account("evaluator-4");
    b.measure(&mut s, C, "replace (checks the replacement)", |s| book.replace(s, &officer, id, &members[1], &fourth));
    // The named Inspector loses the role: the officer names another.
    let registry = suite.registry();
    answer(registry.revoke_role(&mut s, &admin, Role::Inspector, &chain::dev_account("inspector"))).expect("revoke");
    let second = chain::dev_account("inspector-2");
    b.measure(&mut s, C, "replace_inspector (the named one lost the role)", |s| book.replace_inspector(s, &officer, id, &second));
    // Nobody scores: 30 days after the scoring deadline anyone closes it.
    chain::set_time(&mut s, end + 48 * DAY + evaluation::STALL_MS);
    b.measure(&mut s, C, "close_stalled (committee never ranked: reservation freed)", |s| book.close_stalled(s, &officer, id));
    // Money sent outside the messages goes to the treasury.
    chain::fund(&mut s, &suite.address("evaluation").clone(), 5_000);
    let _: u128 = b.measure(&mut s, C, "book_surplus (stray money to the treasury)", |s| book.book_surplus(s, &admin));

    let address = suite.address("evaluation").clone();
    let big = ids[3];
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "evaluation",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().evaluation(big),
    );
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "committee (3)",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().committee(big),
    );
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "member",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().member(big, ink_id(&members[0])),
    );
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "entry",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().entry(big, 199),
    );
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "score_of",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().score_of(big, ink_id(&members[0]), 199),
    );
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "ranking (200 bids)",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().ranking(big),
    );
    b.query(
        &mut s,
        (C, &address),
        &officer,
        "protest_of",
        chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().protest_of(ten, 0),
    );
    b.query(&mut s, (C, &address), &officer, "held", chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().held());
    b.query(&mut s, (C, &address), &officer, "wiring", chain::at::<evaluation::evaluation::EvaluationBookRef>(&address).call().wiring());
}

/// The bid holding the provisional award or the agreement.
fn awarded_bid(s: &mut Session, book: &deploy::contracts::Evaluations, tender: u32) -> u32 {
    match book.evaluation(s, tender).expect("read").expect("evaluation").stage {
        evaluation::Stage::Standstill { bid, .. } | evaluation::Stage::Concluded { bid, .. } => bid,
        other => panic!("no award: {other:?}"),
    }
}

/// The sum of every call one procurement makes.
#[derive(Default)]
struct Tally {
    cost: Cost,
    calls: u32,
}

impl Tally {
    /// Runs one call of the procurement (it must succeed) and adds its cost.
    fn step<T, E: Debug>(&mut self, s: &mut Session, label: &str, call: impl FnOnce(&mut Session) -> Outcome<T, E>) -> T {
        let out = call(s).unwrap_or_else(|e| panic!("procurement step {label} failed: {e}"));
        let cost = chain::last_call_cost(s);
        self.cost.ref_time += cost.ref_time;
        self.cost.proof_size += cost.proof_size;
        self.cost.storage_deposit += cost.storage_deposit;
        self.calls += 1;
        out
    }
}

/// Whole procurements, lowest price, from publication to the retention
/// paid: publish; each vendor commits and reveals; a committee of three is
/// appointed and declares; finalize; after the standstill conclude, sign,
/// the winner's bond returned; each milestone delivered and approved (paid
/// at once); after the warranty complete; each loser claims its bond. One
/// row per size, the sum of every call.
fn bench_procurements(b: &mut Bench) {
    use procurement_shared::DAY_MS as DAY;
    const NOW: u64 = 1_800_000_000_000;
    const BOND: u128 = 50_000;
    let vendors: Vec<String> = (0..20).map(|n| format!("vendor-{n}")).collect();
    let config = format!(
        "admin = \"authority\"\n[roles]\nProcurementOfficer = [\"officer\"]\nTreasurer = [\"treasurer-1\"]\n\
         Evaluator = [\"evaluator-1\", \"evaluator-2\", \"evaluator-3\"]\nInspector = [\"inspector\"]\nVendor = [{}]\n",
        vendors.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
    );
    for (bids, milestones) in [(3usize, 2u16), (10, 4), (20, 12)] {
        let mut s = chain::new_session();
        chain::set_time(&mut s, NOW);
        let suite = deploy::suite::deploy_suite(&mut s, &deploy::config::Config::parse(&config).expect("config")).expect("deploy");
        let [officer, inspector, citizen] = ["officer", "inspector", "citizen"].map(|n| chain::endowed(&mut s, n));
        let treasury = suite.treasury();
        answer(treasury.deposit(&mut s, &citizen, 100_000_000)).expect("deposit");
        let policy =
            ReleasePolicy { auto_release_limit: 1_000_000, cap_window_ms: 30 * DAY, window_cap: 10_000_000, approvals_required: 2 };
        e2e_tests::govern(&mut s, &suite, &[governor::Action::DefaultPolicy { policy }]);
        let line = answer(treasury.open_line(&mut s, &chain::dev_account("treasurer-1"), b"WORKS", NOW, NOW + 730 * DAY, 50_000_000))
            .expect("line");
        let (tenders, book, escrow) = (suite.tenders(), suite.evaluations(), suite.escrow());
        let share = 10_000 / milestones;
        let plan = (1..=milestones)
            .map(|m| Milestone {
                share_bps: if m == milestones { 10_000 - share * (milestones - 1) } else { share },
                due_offset_ms: u64::from(m) * 30 * DAY,
                description: Hash::from([m as u8; 32]),
            })
            .collect();
        let params = TenderParams { milestones: plan, ..tender_params(line, NOW) };

        let mut t = Tally::default();
        let id = t.step(&mut s, "publish", |s| tenders.publish(s, &officer, &params));
        let price = |n: usize| 900_000 - 1_000 * n as u128;
        let bidders: Vec<AccountId32> = vendors[..bids].iter().map(|v| chain::dev_account(v)).collect();
        for (n, who) in bidders.iter().enumerate() {
            let bid = SealedBid { price: price(n), proposal: PROPOSAL, salt: SALT };
            t.step(&mut s, "commit_bid", |s| tenders.commit_sealed(s, who, id, &bid, BOND));
        }
        chain::set_time(&mut s, NOW + 14 * DAY);
        for (n, who) in bidders.iter().enumerate() {
            let bid = SealedBid { price: price(n), proposal: PROPOSAL, salt: SALT };
            t.step(&mut s, "reveal_bid", |s| tenders.reveal_sealed(s, who, id, &bid));
        }
        let reveal = NOW + 17 * DAY;
        chain::set_time(&mut s, reveal);
        let members: Vec<AccountId32> = ["evaluator-1", "evaluator-2", "evaluator-3"].map(chain::dev_account).to_vec();
        let contracting = Contracting {
            inspector: chain::ink_id(&inspector),
            terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
            warranty_ms: 30 * DAY,
        };
        t.step(&mut s, "appoint", |s| book.appoint(s, &officer, id, &members, reveal + 7 * DAY, &contracting));
        for member in &members {
            t.step(&mut s, "declare", |s| book.declare(s, member, id, &[0xDE; 32], Interest::Impartial));
        }
        t.step(&mut s, "finalize", |s| book.finalize(s, &citizen, id));
        chain::set_time(&mut s, reveal + 10 * DAY);
        let agreement = t.step(&mut s, "conclude", |s| book.conclude(s, &citizen, id));
        let winner = bidders.last().expect("bids").clone();
        t.step(&mut s, "sign", |s| escrow.sign(s, &winner, agreement));
        t.step(&mut s, "settle_winner", |s| book.settle_winner(s, &citizen, id));
        for m in 0..milestones as u8 {
            t.step(&mut s, "deliver", |s| escrow.deliver(s, &winner, agreement, m, &[m; 32]));
            t.step(&mut s, "approve", |s| escrow.approve(s, &inspector, agreement, m));
        }
        chain::set_time(&mut s, reveal + 10 * DAY + u64::from(milestones) * 30 * DAY + 31 * DAY);
        t.step(&mut s, "complete", |s| escrow.complete(s, &citizen, agreement));
        for loser in &bidders[..bids - 1] {
            t.step(&mut s, "claim_bond", |s| tenders.claim_bond(s, loser, id));
        }
        let label = format!("whole procurement: {bids} bids, {milestones} milestones ({} calls)", t.calls);
        b.record(PROCUREMENT, label, t.cost);
    }
}

/// The value after `flag` on the command line, if given.
/// What publishing a history as OCDS costs off-chain.
struct Publication {
    processes: usize,
    events: usize,
    releases: usize,
    /// Decoding and folding the journal (best of five runs).
    fold: std::time::Duration,
    /// The same plus validating every release and both packages and
    /// computing the red flags.
    full: std::time::Duration,
    /// Bytes of the release package, the record package and the compiled
    /// releases (JSON Lines).
    release_bytes: usize,
    record_bytes: usize,
    compiled_bytes: usize,
}

impl Publication {
    fn per_second(&self) -> u64 {
        (self.events as f64 / self.fold.as_secs_f64()) as u64
    }

    fn table(&self) -> String {
        let per = |bytes: usize| group((bytes / self.processes.max(1)) as u64);
        format!(
            "\n| OCDS publication of {} procurements ({} suite events, {} releases) | figure |\n|---|---:|\n\
             | events folded into releases per second (decode and fold, best of 5) | {} |\n\
             | fold, ms | {:.1} |\n\
             | fold + schema validation of every release and package + red flags, ms | {:.1} |\n\
             | release package, bytes per procurement | {} |\n\
             | record package (releases embedded + compiled release), bytes per procurement | {} |\n\
             | compiled release (JSON Lines), bytes per procurement | {} |\n",
            self.processes,
            self.events,
            self.releases,
            group(self.per_second()),
            self.fold.as_secs_f64() * 1e3,
            self.full.as_secs_f64() * 1e3,
            per(self.release_bytes),
            per(self.record_bytes),
            per(self.compiled_bytes),
        )
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "processes": self.processes,
            "events": self.events,
            "releases": self.releases,
            "events_per_second": self.per_second(),
            "fold_ms": self.fold.as_secs_f64() * 1e3,
            "full_ms": self.full.as_secs_f64() * 1e3,
            "release_package_bytes": self.release_bytes,
            "record_package_bytes": self.record_bytes,
            "compiled_bytes": self.compiled_bytes,
        })
    }
}

/// Runs the seeded set of 56 procurements and publishes its history.
fn bench_publication() -> Publication {
    use deploy::chain::Chain;
    use deploy::ocds;
    let plans = deploy::scenarios::plans(7, 56);
    let mut s = chain::new_session();
    chain::set_time(&mut s, 1_800_000_000_000);
    let world = deploy::scenarios::world(&mut s, plans.len()).expect("the scenario world");
    for (n, plan) in plans.iter().enumerate() {
        deploy::scenarios::run(&mut s, &world, plan, n).expect("a scenario");
    }
    let journal = s.journal(1).expect("the journal");
    let contracts: Vec<(String, AccountId32)> = world.suite.deployed.iter().map(|(n, a)| (n.to_string(), a.clone())).collect();
    let names = ocds::config_names(&mut s, &world.config).expect("names");
    let source = ocds::Source {
        settings: &world.config.publication,
        money: s.currency().expect("currency"),
        contracts: &contracts,
        buyer: world.suite.admin.clone(),
        names,
    };
    let mut fold = std::time::Duration::MAX;
    for _ in 0..5 {
        let started = std::time::Instant::now();
        let published = ocds::publish(&source, &journal).expect("publish");
        fold = fold.min(started.elapsed());
        std::hint::black_box(published);
    }
    let settings = deploy::flags::Settings::parse(deploy::flags::settings::DEFAULT).expect("settings");
    let started = std::time::Instant::now();
    let run = ocds::run(&source, &journal, 1, &settings, s.now().expect("now")).expect("a valid publication");
    let full = started.elapsed();
    let size = |v: &Option<serde_json::Value>| v.as_ref().map_or(0, |v| serde_json::to_string_pretty(v).expect("json").len() + 1);
    let compiled_bytes = run.compiled.iter().map(|c| serde_json::to_string(c).expect("json").len() + 1).sum();
    Publication {
        processes: run.published.processes.len(),
        events: run.published.events,
        releases: run.published.all_releases().len(),
        fold,
        full,
        release_bytes: size(&run.release_package),
        record_bytes: size(&run.record_package),
        compiled_bytes,
    }
}

/// The governor on a deployed suite: scheduling (an upgrade pins its code),
/// cancelling, and executing each kind of change, an upgrade of the budget
/// to the drill's second version (set_code, then a migration) included.
fn bench_governor(b: &mut Bench) {
    const C: &str = "governor";
    const NOW: u64 = 1_800_000_000_000;
    let mut s = chain::new_session();
    chain::set_time(&mut s, NOW);
    let config = deploy::config::Config::parse("admin = \"authority\"\n").expect("config");
    let suite = deploy::suite::deploy_suite(&mut s, &config).expect("deploy");
    let admin = suite.admin.clone();
    let citizen = chain::endowed(&mut s, "citizen");
    let governor = suite.governor();
    let drill = deploy::govern::upload(&mut s, "budget_drill", &admin).expect("upload");
    let other = deploy::govern::upload(&mut s, "escrow_drill", &admin).expect("upload");
    let eta = NOW + governor::DEFAULT_DELAY;
    let upgrade = governor::Action::Upgrade { contract: procurement_shared::SuiteContract::Budget, code_hash: drill };
    let policy = governor::Action::DefaultPolicy { policy: ReleasePolicy::default() };
    let pair = governor::Action::DeclareExclusive { first: Role::Treasurer, second: Role::Inspector };
    let cancelled = governor::Action::Upgrade { contract: procurement_shared::SuiteContract::Escrow, code_hash: other };
    let id: u32 = b.measure(&mut s, C, "schedule (upgrade: pins the code)", |s| governor.schedule(s, &admin, &upgrade, eta));
    let p: u32 = b.measure(&mut s, C, "schedule (release policy)", |s| governor.schedule(s, &admin, &policy, eta));
    let x: u32 = b.measure(&mut s, C, "schedule (exclusive pair)", |s| governor.schedule(s, &admin, &pair, eta));
    let c: u32 = b.measure(&mut s, C, "schedule (second upgrade)", |s| governor.schedule(s, &admin, &cancelled, eta));
    b.measure(&mut s, C, "cancel (upgrade: lets the code go)", |s| governor.cancel(s, &admin, c));
    chain::set_time(&mut s, eta);
    b.measure(&mut s, C, "execute (release policy -> budget)", |s| governor.execute(s, &citizen, p));
    b.measure(&mut s, C, "execute (exclusive pair -> registry)", |s| governor.execute(s, &citizen, x));
    let from: Option<u16> =
        b.measure(&mut s, C, "execute (upgrade budget: set_code, migrate 1 -> 2)", |s| governor.execute(s, &citizen, id));
    assert_eq!(from, Some(1), "the drill migrates from version 1");
    chain::deploy(
        &mut s,
        chain::bundle(C),
        &admin,
        "new",
        &[
            suite.address("access_control"),
            suite.address("role_book"),
            suite.address("budget"),
            suite.address("tender"),
            suite.address("escrow"),
            suite.address("evaluation"),
        ]
        .map(arg),
        vec![1],
    );
    b.record(C, "new (constructor)", chain::last_deploy_cost(&s));
}

fn option(args: &[String], flag: &str) -> Option<String> {
    args.iter().position(|a| a == flag).map(|i| args.get(i + 1).cloned().unwrap_or_else(|| panic!("{flag} needs a path")))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(unknown) = args.iter().step_by(2).find(|a| !["--json", "--compare", "--record"].contains(&a.as_str())) {
        eprintln!("unknown option {unknown}; usage: bench [--json PATH] [--compare PATH] [--record PATH]");
        std::process::exit(2);
    }
    let mut bench = Bench::default();
    bench_yardstick(&mut bench);
    bench_access_control(&mut bench);
    bench_budget(&mut bench);
    bench_tender(&mut bench);
    bench_escrow(&mut bench);
    bench_evaluation(&mut bench);
    bench_governor(&mut bench);
    bench_procurements(&mut bench);
    let sizes: Vec<(String, usize)> = deploy::suite::SUITE
        .iter()
        .map(|spec| spec.name)
        .chain(["yardstick"])
        .map(|name| (name.to_string(), chain::bundle(name).wasm.len()))
        .collect();
    let publication = bench_publication();
    let tables = bench.tables(&sizes) + &publication.table();
    print!("{tables}");
    let mut json = bench.json(&sizes);
    json["publication"] = publication.json();
    if let Some(path) = option(&args, "--compare") {
        match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
            Ok(before) => {
                let moved = compare(&before, &json);
                println!("\nAgainst {path}: {}", if moved.is_empty() { "nothing moved by 0.5 % or more" } else { "" });
                for line in moved {
                    println!("- {line}");
                }
            }
            Err(e) => println!("\nNothing to compare: {path}: {e}"),
        }
    }
    if let Some(path) = option(&args, "--json") {
        let text = serde_json::to_string_pretty(&json).expect("figures serialize");
        std::fs::write(&path, text + "\n").unwrap_or_else(|e| panic!("writing {path}: {e}"));
        eprintln!("[bench] figures written to {path}");
    }
    if let Some(path) = option(&args, "--record") {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        let updated = recorded(&text, &tables).unwrap_or_else(|e| panic!("{path}: {e}"));
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        eprintln!("[bench] tables recorded in {path}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rows: &[(&str, &str, u64, u64)], wasm: &[(&str, usize)]) -> serde_json::Value {
        let rows: Vec<_> = rows
            .iter()
            .map(|(c, m, r, p)| serde_json::json!({ "contract": c, "message": m, "ref_time": r, "proof_size": p, "storage_deposit": "0" }))
            .collect();
        let wasm: serde_json::Map<_, _> = wasm.iter().map(|(n, b)| (n.to_string(), (*b).into())).collect();
        serde_json::json!({ "rows": rows, "wasm_bytes": wasm })
    }

    #[test]
    fn compare_lists_what_moved_by_half_a_percent_or_more() {
        let before =
            run(&[("tender", "award", 1_000, 2_000), ("tender", "bid", 1_000, 1_000), ("budget", "old", 5, 5)], &[("tender", 100)]);
        let now = run(&[("tender", "award", 1_004, 1_900), ("tender", "bid", 1_004, 1_004), ("budget", "new", 5, 5)], &[("tender", 90)]);
        assert_eq!(
            compare(&before, &now),
            vec![
                "budget | new: new".to_string(),
                "tender | award: ref_time +0.4 %, proof_size -5.0 %".to_string(),
                "budget | old: gone".to_string(),
                "tender Wasm: 100 -> 90 bytes".to_string(),
            ]
        );
        assert!(compare(&now, &now).is_empty());
    }

    #[test]
    fn the_tables_replace_only_what_lies_between_the_markers() {
        let doc = "intro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\nafter\n";
        assert_eq!(recorded(doc, "new\n").unwrap(), "intro\n<!-- bench:start -->\nnew\n<!-- bench:end -->\nafter\n");
        assert!(recorded("no markers", "x").is_err());
    }
}
