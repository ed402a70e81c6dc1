//! The demo procurement, step by step, with the same calls a wallet makes.

use crate::chain::{self, arg, hex, Chain};
use crate::config::Config;
use crate::fixtures::Lowest;
use crate::suite::{self, AccessControlError, Suite};
use drink::AccountId32;
use evaluation::Interest;
use procurement_shared::{Role, Ruling, SealedBid};

use procurement_shared::DAY_MS;

/// The first account the config grants `role`.
fn first(session: &mut impl Chain, config: &Config, role: Role) -> Result<AccountId32, String> {
    config.holders(session, role)?.into_iter().next().ok_or_else(|| format!("the config names no {role:?}"))
}

/// A named account of the demo (not in the config), funded to act.
fn endowed(session: &mut impl Chain, name: &str) -> Result<AccountId32, String> {
    let account = session.account(name)?;
    session.top_up(&account)?;
    Ok(account)
}

/// The config's names with the accounts they stand for on this chain.
pub struct Names(Vec<(String, String)>);

impl Names {
    pub fn of(session: &mut impl Chain, config: &Config) -> Result<Names, String> {
        let mut out = Vec::new();
        for name in std::iter::once(config.admin.clone()).chain(config.roles.values().flatten().cloned()) {
            let address = arg(&session.account(&name)?);
            out.push((name, address));
        }
        Ok(Names(out))
    }

    fn name_of(&self, address: &str) -> Option<String> {
        self.0.iter().find(|(name, a)| a == address && name != address).map(|(name, _)| name.clone())
    }
}

/// The whole demo procurement on a deployed suite, on either chain: the
/// registry's rules, the treasury, sealed bidding, evaluation with a
/// protest, and the agreement paid milestone by milestone. Returns the
/// config's names as this chain resolves them, for printing.
pub fn run<C: Chain>(session: &mut C, suite: &Suite, config: &Config) -> Result<Names, String> {
    let names = Names::of(session, config)?;
    exercise(session, suite, config, &names)?;
    let line = treasury(session, suite, config)?;
    let tendered = tendering(session, suite, config, &names, line)?;
    let award = evaluation(session, suite, config, &names, &tendered)?;
    agreement(session, suite, config, &names, &tendered, &award)?;
    Ok(names)
}

/// Shows the registry's rules at work.
pub fn exercise<C: Chain>(session: &mut C, suite: &Suite, config: &Config, names: &Names) -> Result<(), String> {
    let registry = suite.registry();
    let admin = &suite.admin;
    let vendor = first(session, config, Role::Vendor)?;

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
    let multisig = endowed(session, "governance-multisig")?;
    registry.propose_admin(session, admin, &multisig).map_err(|e| format!("propose_admin: {e}"))?;
    println!("   proposed governance-multisig; Admin is still {}", who(names, admin));
    registry.accept_admin(session, &multisig).map_err(|e| format!("accept_admin: {e}"))?;
    let now = registry.admin(session)?;
    let now_name = if now == multisig { "governance-multisig".to_string() } else { who(names, &now) };
    println!("   accepted; Admin is now {now_name}");
    registry.propose_admin(session, &multisig, admin).map_err(|e| format!("propose_admin back: {e}"))?;
    registry.accept_admin(session, admin).map_err(|e| format!("accept_admin back: {e}"))?;
    println!("   handed back to {}", who(names, admin));
    Ok(())
}

/// The config's name for an account, else its address.
fn who(names: &Names, account: &AccountId32) -> String {
    let address = arg(account);
    names.name_of(&address).unwrap_or(address)
}

/// `name  address` for named accounts and the suite's contracts, else the
/// address.
fn label(names: &Names, manifest: &suite::Manifest, address: &str) -> String {
    let contract = manifest.contracts.iter().find(|c| c.address == address).map(|c| format!("{} contract", c.name));
    match contract.or_else(|| names.name_of(address)) {
        Some(name) => format!("{name:<12} {address}"),
        None => address.to_string(),
    }
}

/// Gives the line its release policy the only way a rule changes: the
/// Admin schedules it with the governor, it is public for the minimum
/// delay, then anyone executes it. The chain's clock moves past the delay
/// (the sandbox, or a node started by `scripts/node.sh`).
fn governance<C: Chain>(session: &mut C, suite: &Suite, line: u32) -> Result<(), String> {
    let money = session.currency()?;
    let policy = budget::ReleasePolicy {
        auto_release_limit: 50_000_000_000,
        cap_window_ms: 30 * DAY_MS,
        window_cap: 100_000_000_000,
        approvals_required: 2,
    };
    let action = governor::Action::LinePolicy { line, policy: Some(policy) };
    println!("\n== Governance: a rule change waits in public");
    let delay = suite.governor().min_delay(session)?;
    let id = crate::govern::schedule(session, suite, &action, None)?;
    let change = suite.governor().change(session, id)?.ok_or("the scheduled change is not recorded")?;
    println!(
        "   Admin scheduled change {id}: releases up to {} paid at once on line {line}, above that two Treasurers",
        money.show(policy.auto_release_limit)
    );
    println!("   it is public now (Scheduled event, pending list) and runs no earlier than {} days from now", delay / DAY_MS);
    let citizen = endowed(session, "citizen")?;
    match suite.governor().execute(session, &citizen, id) {
        Err(chain::Failure::Refused(governor::Error::NotYet { .. })) => println!("   executing it today is refused: NotYet"),
        other => return Err(format!("a change must wait its delay, got {other:?}")),
    }
    session.advance_to(change.eta)?;
    suite.governor().execute(session, &citizen, id).map_err(|e| format!("execute: {e}"))?;
    println!("   {} days later a citizen executed it; the line's policy is in force", delay / DAY_MS);
    Ok(())
}

/// Funds the treasury and opens a budget line, as a finance ministry and a
/// Treasurer would, gives it its release policy through the governor, then
/// shows the books balancing.
pub fn treasury<C: Chain>(session: &mut C, suite: &Suite, config: &Config) -> Result<u32, String> {
    let treasury = suite.treasury();
    let treasurer = first(session, config, Role::Treasurer)?;
    let ministry = endowed(session, "finance-ministry")?;
    let now = session.now()?;
    let money = session.currency()?;
    let m = |amount: u128| money.show(amount);
    println!("\n== Treasury");
    treasury.deposit(session, &ministry, 500_000_000_000).map_err(|e| format!("deposit: {e}"))?;
    println!("   finance-ministry deposited {}", m(500_000_000_000));
    let line = treasury
        .open_line(session, &treasurer, b"ROADS-2027", now, now + 365 * DAY_MS, 300_000_000_000)
        .map_err(|e| format!("open_line: {e}"))?;
    println!("   treasurer opened line {line} ROADS-2027 with {} for one year", m(300_000_000_000));
    let refused = treasury.open_line(session, &treasurer, b"OVERSPEND", now, now + DAY_MS, 300_000_000_000);
    match refused {
        Err(chain::Failure::Refused(budget::Error::InsufficientUnappropriated { requested, unappropriated })) => println!(
            "   a second line of {} is refused: InsufficientUnappropriated (asked {}, {} not yet appropriated)",
            m(300_000_000_000),
            m(requested),
            m(unappropriated)
        ),
        other => return Err(format!("a line the treasury cannot cover must be refused, got {other:?}")),
    }
    governance(session, suite, line)?;
    let totals = treasury.totals(session)?;
    println!(
        "   books: unappropriated {} + available {} + reserved {} + committed {} = balance {} (conserved: {})",
        m(totals.unappropriated),
        m(totals.available),
        m(totals.reserved),
        m(totals.committed),
        m(totals.balance),
        totals.conserved()
    );
    Ok(line)
}

pub fn print_state(manifest: &suite::Manifest, names: &Names) {
    println!("\n== State of the suite");
    for c in &manifest.contracts {
        println!("   contract {:<15} {}  ({} bytes of Wasm)", c.name, c.address, c.wasm_bytes);
    }
    println!("   admin    {}", label(names, manifest, &manifest.admin));
    println!("   paused   {}", manifest.paused);
    for r in &manifest.roles {
        println!("   {:<19} {} member(s)", r.role, r.members.len());
        for m in &r.members {
            println!("      {}", label(names, manifest, m));
        }
    }
}

/// What the tender stage leaves for the evaluation and agreement stages.
pub struct Tendered {
    /// The tender (procurement id) and its budget line.
    pub tender: u32,
    pub line: u32,
    /// Bond per bid (a protest posts the same).
    pub bond: u128,
}

/// The evaluation's outcome: the winner and the agreement offered.
pub struct Award {
    pub winner: AccountId32,
    pub price: u128,
    pub agreement: u32,
}

/// Publishes a tender on `line` and runs sealed bidding to the end: vendors
/// commit hashes computed off-chain with the shared library and reveal; the
/// bond of the vendor who never reveals goes to the treasury. The revealed
/// bonds stay as bid security until the award.
pub fn tendering<C: Chain>(session: &mut C, suite: &Suite, config: &Config, names: &Names, line: u32) -> Result<Tendered, String> {
    const ESTIMATE: u128 = 200_000_000_000;
    const BOND: u128 = 2_000_000_000;
    let officer = first(session, config, Role::ProcurementOfficer)?;
    let vendors = config.holders(session, Role::Vendor)?;
    if vendors.len() < 3 {
        return Err("the demo needs three vendors in the config".into());
    }
    let tenders = suite.tenders();
    let now = session.now()?;
    let (submission, reveal) = (now + 14 * DAY_MS, now + 17 * DAY_MS);
    let money = session.currency()?;
    let m = |amount: u128| money.show(amount);
    println!("\n== Tender");
    let params = Lowest {
        line,
        estimate: ESTIMATE,
        bond: BOND,
        dossier: [0xD0; 32],
        deadlines: (submission, reveal),
        standstill_ms: 10 * DAY_MS,
        plan: vec![(3_000, 60), (7_000, 180)],
    }
    .params();
    let id = tenders.publish(session, &officer, &params).map_err(|e| format!("publish: {e}"))?;
    println!(
        "   officer published tender {id}: estimate {} reserved on line {line}, bond {}, 2 milestones (30 % / 70 %)",
        m(ESTIMATE),
        m(BOND)
    );

    // What each vendor's wallet keeps secret until the reveal.
    let bids = [
        SealedBid { price: 180_000_000_000, proposal: [0xA0; 32], salt: [0x11; 32] },
        SealedBid { price: 165_000_000_000, proposal: [0xA1; 32], salt: [0x22; 32] },
        SealedBid { price: 150_000_000_000, proposal: [0xA2; 32], salt: [0x33; 32] },
    ];
    for (bid, vendor) in bids.iter().zip(vendors.iter()) {
        tenders.commit_sealed(session, vendor, id, bid, BOND).map_err(|e| format!("commit_bid: {e}"))?;
        println!("   {} committed sealed bid {}...", who(names, vendor), &hex(&bid.commitment(id, vendor.as_ref()))[..18]);
    }

    session.advance_to(submission)?;
    println!("   -- submission deadline passed; reveal window open");
    for (bid, vendor) in bids.iter().zip(vendors.iter()).take(2) {
        tenders.reveal_sealed(session, vendor, id, bid).map_err(|e| format!("reveal_bid: {e}"))?;
        println!("   {} revealed price {}", who(names, vendor), m(bid.price));
    }
    println!("   {} does not reveal", who(names, &vendors[2]));

    session.advance_to(reveal)?;
    println!("   -- reveal deadline passed; revealed bonds stay as bid security until the award");
    let citizen = endowed(session, "citizen")?;
    let forfeited = tenders.forfeit_bond(session, &citizen, id, &vendors[2]).map_err(|e| format!("forfeit_bond: {e}"))?;
    println!("   a citizen sent the silent bidder's bond ({}) to the treasury", m(forfeited));

    let revealed = tenders.revealed_bids(session, id, 0, 50)?;
    println!("   revealed bids: {}", revealed.len());
    let totals = suite.treasury().totals(session)?;
    let (bonds, _) = tenders.bond_totals(session)?;
    println!(
        "   books: budget reserved {} (the estimate), unappropriated {} (+{} forfeited), conserved: {}; tender holds {} in bonds",
        m(totals.reserved),
        m(totals.unappropriated),
        m(forfeited),
        totals.conserved(),
        m(bonds)
    );
    Ok(Tendered { tender: id, line, bond: BOND })
}

/// The evaluation: an officer appoints three Evaluators (the contract
/// checks them against the registry and the tender's bids and reads the
/// valid bids from the tender) and fixes the agreement terms; they declare
/// impartiality, and a citizen finalizes: the bid ranked first holds the
/// provisional award. The losing bidder claims its bond, protests, and an
/// Auditor rejects the protest (the protest bond goes to the treasury).
/// After the standstill a citizen concludes: the budget commits the price
/// and the escrow offers the agreement.
pub fn evaluation<C: Chain>(session: &mut C, suite: &Suite, config: &Config, names: &Names, tendered: &Tendered) -> Result<Award, String> {
    use procurement_shared::contracting::Contracting;
    use procurement_shared::tranche::Terms;
    let officer = first(session, config, Role::ProcurementOfficer)?;
    let auditor = first(session, config, Role::Auditor)?;
    let evaluators: Vec<AccountId32> = config.holders(session, Role::Evaluator)?.into_iter().take(3).collect();
    let (book, tenders, treasury) = (suite.evaluations(), suite.tenders(), suite.treasury());
    let id = tendered.tender;
    let money = session.currency()?;
    let m = |amount: u128| money.show(amount);
    println!("\n== Evaluation");
    let now = session.now()?;
    let contracting = Contracting {
        inspector: chain::ink_id(&first(session, config, Role::Inspector)?),
        terms: Terms { retention_bps: 500, late_bps_per_day: 50, late_cap_bps: 1_000 },
        warranty_ms: 90 * DAY_MS,
    };
    let bids = book.appoint(session, &officer, id, &evaluators, now + 7 * DAY_MS, &contracting).map_err(|e| format!("appoint: {e}"))?;
    let members: Vec<String> = evaluators.iter().map(|e| who(names, e)).collect();
    println!("   officer appointed {} ({bids} valid bids taken from the tender)", members.join(", "));
    println!("   and fixed the agreement terms before any ranking: retention 5 %, 0.5 %/day late up to 10 %, warranty 90 days");
    for evaluator in &evaluators {
        book.declare(session, evaluator, id, &[0xDE; 32], Interest::Impartial).map_err(|e| format!("declare: {e}"))?;
    }
    println!("   each declared no conflict of interest (lowest price: no quality scores needed)");
    let citizen = endowed(session, "citizen")?;
    let first_bid = book.finalize(session, &citizen, id).map_err(|e| format!("finalize: {e}"))?;
    let index = first_bid.ok_or("no admissible bid")?;
    let entry = book.entry(session, id, index)?.ok_or("the ranked entry")?;
    let ranking = book.ranking(session, id)?.unwrap_or_default();
    let winner = chain::from_ink(&entry.bidder);
    let e = book.evaluation(session, id)?.ok_or("the evaluation")?;
    let evaluation::Stage::Standstill { ends, .. } = e.stage else {
        return Err(format!("expected the standstill, found {:?}", e.stage));
    };
    println!(
        "   a citizen finalized: ranking {:?} (bid indices, best first); provisional award to {} at {}; standstill until day {}",
        ranking.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        who(names, &winner),
        m(entry.price),
        (ends - now) / DAY_MS
    );

    // The bid that lost gets its bond back, and protests.
    let (loser_index, _) = *ranking.get(1).ok_or("a second bid")?;
    let loser = chain::from_ink(&book.entry(session, id, loser_index)?.ok_or("the losing entry")?.bidder);
    let back = tenders.claim_bond(session, &loser, id).map_err(|e| format!("claim_bond: {e}"))?;
    println!("   {} (lost) claimed its bid bond back: {}; the winner's stays as bid security", who(names, &loser), m(back));
    let protest = book.protest(session, &loser, id, loser_index, &[0x9A; 32], tendered.bond).map_err(|e| format!("protest: {e}"))?;
    println!("   {} protested the award (protest {protest}, bond {})", who(names, &loser), m(tendered.bond));
    let deposited_before = treasury.totals(session)?.unappropriated;
    book.resolve(session, &auditor, id, protest, Ruling::Dismiss, &[0x9B; 32]).map_err(|e| format!("resolve: {e}"))?;
    let gained = treasury.totals(session)?.unappropriated - deposited_before;
    println!("   the Auditor rejected it: the protest bond ({}) went to the treasury; the award stands", m(gained));

    session.advance_to(ends)?;
    let agreement = book.conclude(session, &citizen, id).map_err(|e| format!("conclude: {e}"))?;
    let totals = treasury.totals(session)?;
    println!(
        "   -- standstill over; a citizen concluded: {} committed to {}, the surplus back on the line; agreement {agreement} offered",
        m(entry.price),
        who(names, &winner)
    );
    println!("   books: committed {}, reserved {}, conserved: {}", m(totals.committed), m(totals.reserved), totals.conserved());
    Ok(Award { winner, price: entry.price, agreement })
}

/// The agreement stage. The winner signs the agreement the evaluation
/// offered (and gets its bid bond back), delivers, the Inspector approves,
/// the budget pays (queued for the two Treasurers above the automatic
/// limit), and after the warranty the retention is released.
pub fn agreement<C: Chain>(
    session: &mut C,
    suite: &Suite,
    config: &Config,
    names: &Names,
    tendered: &Tendered,
    award: &Award,
) -> Result<(), String> {
    use procurement_shared::ReleaseOutcome;
    let inspector = first(session, config, Role::Inspector)?;
    let treasurers = config.holders(session, Role::Treasurer)?;
    let (treasury, escrow) = (suite.treasury(), suite.escrow());
    let vendor = &award.winner;
    let id = award.agreement;
    let money = session.currency()?;
    let m = |amount: u128| money.show(amount);
    println!("\n== Agreement");
    let policy = treasury.policy_of(session, tendered.line)?.ok_or("the line has no policy")?;
    println!(
        "   the line's policy (in force since the governance delay): up to {} paid at once, above that {} Treasurers",
        m(policy.auto_release_limit),
        policy.approvals_required
    );
    let offered = escrow.milestones(session, id)?;
    let amounts: Vec<String> = offered.iter().map(|milestone| m(milestone.amount)).collect();
    println!("   agreement {id}: the tender's plan scaled to the price: milestones {}", amounts.join(" and "));
    escrow.sign(session, vendor, id).map_err(|e| format!("sign: {e}"))?;
    let citizen = endowed(session, "citizen")?;
    let bond = suite.evaluations().settle_winner(session, &citizen, tendered.tender).map_err(|e| format!("settle_winner: {e}"))?;
    println!("   {} signed; a citizen settled the winner's bid bond: {} went back to it", who(names, vendor), m(bond));

    let paid_before = session.free_balance(vendor)?;
    let mut vendor_charges: i128 = 0;
    let co_sign = |session: &mut C, release: u64| -> Result<(), String> {
        for t in &treasurers {
            treasury.approve_release(session, t, release).map_err(|e| format!("approve_release: {e}"))?;
        }
        Ok(())
    };
    for (index, milestone) in offered.iter().enumerate() {
        let index = u8::try_from(index).map_err(|e| e.to_string())?;
        // The first milestone on time, the second three days late.
        let delivered = if index == 0 { milestone.due - DAY_MS } else { milestone.due + 3 * DAY_MS };
        session.advance_to(delivered)?;
        escrow.deliver(session, vendor, id, index, &[0xE0 + index; 32]).map_err(|e| format!("deliver: {e}"))?;
        // What delivering cost the vendor (fee, deposit) on a live chain,
        // so that what it received from the treasury can be told apart.
        vendor_charges += session.last_charges();
        escrow.approve(session, &inspector, id, index).map_err(|e| format!("approve: {e}"))?;
        let milestone = escrow.milestone(session, id, index)?.ok_or("milestone")?;
        if let escrow::MilestoneState::Approved { deduction, retention, payable, release } = milestone.state {
            print!(
                "   milestone {}: delivered, approved: {} payable, {} retained, {} deducted",
                index + 1,
                m(payable),
                m(retention),
                m(deduction)
            );
            if let Some(ReleaseOutcome::Queued(release)) = release {
                co_sign(session, release)?;
                println!(" (queued above the automatic limit; paid on two Treasurers' approval)");
            } else {
                println!(" (paid at once)");
            }
        }
    }
    let a = escrow.agreement(session, id)?.ok_or("agreement")?;
    if let escrow::AgreementState::Warranty { ends } = a.state {
        session.advance_to(ends)?;
    }
    escrow.complete(session, &citizen, id).map_err(|e| format!("complete: {e}"))?;
    let a = escrow.agreement(session, id)?.ok_or("agreement")?;
    let events = chain::events::<escrow::escrow::AgreementEvent>(session, suite.address("escrow"));
    for event in events {
        if let escrow::escrow::Change::Completed(escrow::escrow::Completed { release: Some(ReleaseOutcome::Queued(release)), .. }) =
            event.change
        {
            co_sign(session, release)?;
        }
    }
    let now_held = i128::try_from(session.free_balance(vendor)?).map_err(|e| e.to_string())?;
    let before = i128::try_from(paid_before).map_err(|e| e.to_string())?;
    let received = u128::try_from(now_held - before + vendor_charges).map_err(|_| "the vendor received less than nothing".to_string())?;
    println!("   after the warranty a citizen completed it: retention released; the commitment is closed");
    println!(
        "   {} received {} = price {} - deductions {}; deductions went back to the line",
        who(names, vendor),
        m(received),
        m(award.price),
        m(a.tally.deducted)
    );
    let totals = treasury.totals(session)?;
    println!("   books: committed {}, released {}, conserved: {}", m(totals.committed), m(totals.released), totals.conserved());
    Ok(())
}
