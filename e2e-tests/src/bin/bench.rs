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

use access_control::Error as AcError;
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

    /// Calls a state-changing message that must succeed and records its cost.
    fn call(
        &mut self,
        s: &mut Session,
        contract_name: &'static str,
        contract: &AccountId32,
        caller: &AccountId32,
        label: &str,
        message: &str,
        args: &[String],
    ) {
        chain::call::<(), AcError>(s, contract, caller, message, args, None)
            .unwrap_or_else(|e| panic!("bench call {label} failed: {e:?}"));
        self.record(contract_name, label, chain::last_call_cost(s));
    }

    /// Dry-runs a query and records its cost.
    fn query(
        &mut self,
        s: &mut Session,
        contract_name: &'static str,
        contract: &AccountId32,
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
        if i > 0 && (digits.len() - i) % 3 == 0 {
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

    b.call(&mut s, C, &registry, &admin, "grant_role (new member)", "grant_role", &[r(Role::ProcurementOfficer), arg(&officer)]);
    b.call(&mut s, C, &registry, &admin, "grant_role (already held, no-op)", "grant_role", &[r(Role::ProcurementOfficer), arg(&officer)]);
    b.call(&mut s, C, &registry, &admin, "grant_role (vendor, 21st member)", "grant_role", &[r(Role::Vendor), arg(&vendor)]);
    b.call(&mut s, C, &registry, &admin, "revoke_role (swap-remove)", "revoke_role", &[r(Role::Vendor), arg(&chain::dev_account("vendor-0"))]);
    b.call(&mut s, C, &registry, &vendor, "renounce_role", "renounce_role", &[r(Role::Vendor), arg(&vendor)]);
    b.call(&mut s, C, &registry, &admin, "set_role_admin", "set_role_admin", &[r(Role::Vendor), r(Role::ProcurementOfficer)]);
    b.call(&mut s, C, &registry, &admin, "declare_exclusive (scans 1 member)", "declare_exclusive", &[r(Role::ProcurementOfficer), r(Role::Inspector)]);
    b.call(&mut s, C, &registry, &admin, "remove_exclusive", "remove_exclusive", &[r(Role::ProcurementOfficer), r(Role::Inspector)]);
    b.call(&mut s, C, &registry, &admin, "propose_admin", "propose_admin", &[arg(&gov)]);
    b.call(&mut s, C, &registry, &admin, "cancel_admin_proposal", "cancel_admin_proposal", &[]);
    chain::call::<(), AcError>(&mut s, &registry, &admin, "propose_admin", &[arg(&gov)], None).unwrap();
    b.call(&mut s, C, &registry, &gov, "accept_admin", "accept_admin", &[]);
    b.call(&mut s, C, &registry, &gov, "pause", "pause", &[]);
    b.call(&mut s, C, &registry, &gov, "unpause", "unpause", &[]);

    let v1 = chain::dev_account("vendor-1");
    b.query(&mut s, C, &registry, &officer, "has_role", "has_role", &[r(Role::Vendor), arg(&v1)]);
    b.query(&mut s, C, &registry, &officer, "check_role", "check_role", &[r(Role::Vendor), arg(&v1)]);
    b.query(&mut s, C, &registry, &officer, "check_role_unpaused", "check_role_unpaused", &[r(Role::Vendor), arg(&v1)]);
    b.query(&mut s, C, &registry, &officer, "is_paused", "is_paused", &[]);
    b.query(&mut s, C, &registry, &officer, "roles_of", "roles_of", &[arg(&gov)]);
    b.query(&mut s, C, &registry, &officer, "role_admin", "role_admin", &[r(Role::Vendor)]);
    b.query(&mut s, C, &registry, &officer, "member_count", "member_count", &[r(Role::Vendor)]);
    b.query(&mut s, C, &registry, &officer, "members (page of 20)", "members", &[r(Role::Vendor), "0".into(), "100".into()]);
    b.query(&mut s, C, &registry, &officer, "is_exclusive", "is_exclusive", &[r(Role::Vendor), r(Role::Treasurer)]);
    b.query(&mut s, C, &registry, &officer, "exclusive_with", "exclusive_with", &[r(Role::Vendor)]);
    b.query(&mut s, C, &registry, &officer, "admin", "admin", &[]);
    b.query(&mut s, C, &registry, &officer, "pending_admin", "pending_admin", &[]);
}

fn main() {
    let mut bench = Bench::default();
    bench_access_control(&mut bench);
    bench.print();
    println!();
    println!("| contract | Wasm size (bytes) |");
    println!("|---|---:|");
    for name in ["access_control"] {
        println!("| {name} | {} |", chain::bundle(name).wasm.len());
    }
}
