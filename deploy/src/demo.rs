//! The demo procurement, step by step, with the same calls a wallet makes.

use deploy::chain::{self, arg, hex, Session};
use deploy::config::{resolve_account, Config};
use deploy::suite::{self, AccessControlError, Suite};
use drink::AccountId32;
use ink::primitives::Hash;
use procurement_shared::{bid_commitment, Role};
use tender::{EvaluationMethod, Milestone, TenderParams};

const DAY_MS: u64 = 86_400_000;

/// Accounts the config grants `role`, in file order.
fn holders(config: &Config, role: Role) -> Result<Vec<AccountId32>, String> {
    Ok(config.grants()?.into_iter().filter(|g| g.role == role).map(|g| g.account).collect())
}

/// The first account the config grants `role`.
fn first(config: &Config, role: Role) -> Result<AccountId32, String> {
    holders(config, role)?
        .into_iter()
        .next()
        .ok_or_else(|| format!("the config names no {role:?}"))
}

/// Shows the registry's rules at work.
pub fn exercise(session: &mut Session, suite: &Suite, config: &Config) -> Result<(), String> {
    let registry = suite.registry();
    let admin = &suite.admin;
    let vendor = first(config, Role::Vendor)?;

    println!("\n== Separation of duties");
    match registry.grant_role(session, admin, Role::Evaluator, &vendor) {
        Err(chain::Failure::Refused(AccessControlError::ConflictingRoles { held, requested, .. })) => {
            println!("   making a vendor an evaluator is refused: ConflictingRoles (holds {held:?}, asked {requested:?})")
        }
        Err(e) => return Err(format!("unexpected refusal: {e}")),
        Ok(()) => return Err("a vendor became an evaluator: separation of duties is broken".into()),
    }

    println!("\n== Suite-wide pause");
    registry.pause(session, admin).map_err(|e| format!("pause: {e}"))?;
    let guard = registry.check_role_unpaused(session, Role::Vendor, &vendor)?;
    println!("   while paused, a vendor's guarded action gets: {guard:?}");
    registry.unpause(session, admin).map_err(|e| format!("unpause: {e}"))?;
    let guard = registry.check_role_unpaused(session, Role::Vendor, &vendor)?;
    println!("   after unpause: {guard:?}");

    println!("\n== Two-step Admin handover (to a governance multisig and back)");
    let multisig = chain::endowed(session, "governance-multisig")?;
    registry.propose_admin(session, admin, &multisig).map_err(|e| format!("propose_admin: {e}"))?;
    println!("   proposed governance-multisig; Admin is still {}", who(config, admin));
    registry.accept_admin(session, &multisig).map_err(|e| format!("accept_admin: {e}"))?;
    let now = registry.admin(session)?;
    let now_name = if now == multisig { "governance-multisig".to_string() } else { who(config, &now) };
    println!("   accepted; Admin is now {now_name}");
    registry.propose_admin(session, &multisig, admin).map_err(|e| format!("propose_admin back: {e}"))?;
    registry.accept_admin(session, admin).map_err(|e| format!("accept_admin back: {e}"))?;
    println!("   handed back to {}", who(config, admin));
    Ok(())
}

/// The config's name for an account, if it has one.
fn name_of(config: &Config, address: &str) -> Option<String> {
    std::iter::once(config.admin.clone())
        .chain(config.roles.values().flatten().cloned())
        .find(|name| name != address && arg(&resolve_account(name)) == address)
}

/// The config's name for an account, else its address.
fn who(config: &Config, account: &AccountId32) -> String {
    let address = arg(account);
    name_of(config, &address).unwrap_or(address)
}

/// `name  address` for named accounts and the suite's contracts, else the
/// address.
fn label(config: &Config, manifest: &suite::Manifest, address: &str) -> String {
    let contract = manifest.contracts.iter().find(|c| c.address == address).map(|c| format!("{} contract", c.name));
    match contract.or_else(|| name_of(config, address)) {
        Some(name) => format!("{name:<12} {address}"),
        None => address.to_string(),
    }
}

/// Funds the treasury and opens a budget line, as a finance ministry and a
/// Treasurer would, then shows the books balancing.
pub fn treasury(session: &mut Session, suite: &Suite, config: &Config) -> Result<u32, String> {
    let treasury = suite.treasury();
    let treasurer = first(config, Role::Treasurer)?;
    let ministry = chain::endowed(session, "finance-ministry")?;
    let now = chain::now(session);
    println!("\n== Treasury");
    treasury.deposit(session, &ministry, 500_000_000_000).map_err(|e| format!("deposit: {e}"))?;
    println!("   finance-ministry deposited 500_000_000_000");
    let line = treasury
        .open_line(session, &treasurer, b"ROADS-2027", now, now + 365 * DAY_MS, 300_000_000_000)
        .map_err(|e| format!("open_line: {e}"))?;
    println!("   treasurer opened line {line} ROADS-2027 with 300_000_000_000 for one year");
    let refused = treasury.open_line(session, &treasurer, b"OVERSPEND", now, now + DAY_MS, 300_000_000_000);
    println!("   a second line of 300_000_000_000 is refused: {refused:?}");
    let totals = treasury.totals(session)?;
    println!(
        "   books: unappropriated {} + available {} + reserved {} + committed {} = balance {} (conserved: {})",
        totals.unappropriated, totals.available, totals.reserved, totals.committed, totals.balance, totals.conserved()
    );
    Ok(line)
}

pub fn print_state(manifest: &suite::Manifest, config: &Config) {
    println!("\n== State of the suite");
    for c in &manifest.contracts {
        println!("   contract {:<15} {}  ({} bytes of Wasm)", c.name, c.address, c.wasm_bytes);
    }
    println!("   admin    {}", label(config, manifest, &manifest.admin));
    println!("   paused   {}", manifest.paused);
    for r in &manifest.roles {
        println!("   {:<19} {} member(s)", r.role, r.members.len());
        for m in &r.members {
            println!("      {}", label(config, manifest, m));
        }
    }
}

/// Publishes a tender on `line` and runs sealed bidding to the end: vendors
/// commit hashes computed off-chain with the shared library, reveal, claim
/// their bonds; the bond of the vendor who never reveals goes to the treasury.
pub fn tendering(session: &mut Session, suite: &Suite, config: &Config, line: u32) -> Result<(), String> {
    const ESTIMATE: u128 = 200_000_000_000;
    const BOND: u128 = 2_000_000_000;
    let officer = first(config, Role::ProcurementOfficer)?;
    let vendors = holders(config, Role::Vendor)?;
    if vendors.len() < 3 {
        return Err("the demo needs three vendors in the config".into());
    }
    let tenders = suite.tenders();
    let now = chain::now(session);
    let (submission, reveal) = (now + 14 * DAY_MS, now + 17 * DAY_MS);
    println!("\n== Tender");
    let params = TenderParams {
        line,
        estimate: ESTIMATE,
        dossier: Hash::from([0xD0; 32]),
        bond: BOND,
        submission_deadline: submission,
        reveal_deadline: reveal,
        method: EvaluationMethod::LowestPrice,
        standstill_ms: 10 * DAY_MS,
        milestones: vec![
            Milestone { share_bps: 3_000, due_offset_ms: 60 * DAY_MS, description: Hash::from([1; 32]) },
            Milestone { share_bps: 7_000, due_offset_ms: 180 * DAY_MS, description: Hash::from([2; 32]) },
        ],
    };
    let id = tenders.publish(session, &officer, &params).map_err(|e| format!("publish: {e}"))?;
    println!("   officer published tender {id}: estimate {ESTIMATE} reserved on line {line}, bond {BOND}, 2 milestones (30 % / 70 %)");

    // What each vendor's wallet keeps secret until the reveal.
    let prices = [180_000_000_000u128, 165_000_000_000, 150_000_000_000];
    let salts = [[0x11u8; 32], [0x22; 32], [0x33; 32]];
    let proposals = [[0xA0u8; 32], [0xA1; 32], [0xA2; 32]];
    for (n, vendor) in vendors.iter().take(3).enumerate() {
        let sealed = bid_commitment(id, vendor.as_ref(), prices[n], &proposals[n], &salts[n]);
        tenders.commit_bid(session, vendor, id, &sealed, BOND).map_err(|e| format!("commit_bid: {e}"))?;
        println!("   {} committed sealed bid {}...", who(config, vendor), &hex(&sealed)[..18]);
    }

    chain::set_time(session, submission);
    println!("   -- submission deadline passed; reveal window open");
    for (n, vendor) in vendors.iter().take(2).enumerate() {
        tenders
            .reveal_bid(session, vendor, id, prices[n], &proposals[n], &salts[n])
            .map_err(|e| format!("reveal_bid: {e}"))?;
        println!("   {} revealed price {}", who(config, vendor), prices[n]);
    }
    println!("   {} does not reveal", who(config, &vendors[2]));

    chain::set_time(session, reveal);
    println!("   -- reveal deadline passed");
    for vendor in vendors.iter().take(2) {
        let back = tenders.claim_bond(session, vendor, id).map_err(|e| format!("claim_bond: {e}"))?;
        println!("   {} claimed its bond back: {back}", who(config, vendor));
    }
    let citizen = chain::endowed(session, "citizen")?;
    let forfeited = tenders.forfeit_bond(session, &citizen, id, &vendors[2]).map_err(|e| format!("forfeit_bond: {e}"))?;
    println!("   a citizen sent the silent bidder's bond ({forfeited}) to the treasury");

    let revealed = tenders.revealed_bids(session, id, 0, 50)?;
    let lowest = revealed.iter().filter(|b| b.valid).min_by_key(|b| b.price);
    if let Some(best) = lowest {
        let account = chain::from_ink(&best.bidder);
        println!(
            "   revealed bids: {}; lowest valid price {} by {} (the evaluation contract will award)",
            revealed.len(),
            best.price,
            who(config, &account)
        );
    }
    let totals = suite.treasury().totals(session)?;
    let (bonds, _) = tenders.bond_totals(session)?;
    println!(
        "   books: budget reserved {} (the estimate), unappropriated {} (+{forfeited} forfeited), conserved: {}; tender holds {bonds} in bonds",
        totals.reserved, totals.unappropriated, totals.conserved()
    );
    Ok(())
}
