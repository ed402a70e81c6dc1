//! Seeded sets of whole procurements, each built to end a given way and to
//! raise given red flags: the input of the publication's tests and of its
//! benchmark. Every procurement runs on one chain, one after another, with
//! the same calls a wallet makes (the typed facades), so the history is what
//! a real deployment would record.
//!
//! A [`Plan`] says what happens (the bids, how the procurement ends, what
//! goes wrong on the way); [`Plan::expected`] says, from the plan alone,
//! which flags of the process the indicators must raise. Those rules are
//! the methodology's, applied to a plan's few numbers, not to OCDS.

use std::collections::BTreeSet;

use drink::AccountId32;
use procurement_shared::contracting::Contracting;
use procurement_shared::tranche::Terms;
use procurement_shared::{Role, Ruling, SealedBid, DAY_MS};

use crate::chain::{self, Chain};
use crate::config::Config;
use crate::fixtures::Lowest;
use crate::suite::{self, Suite};

/// The config of a scenario set: six vendors (the sixth a cover bidder
/// whose bids are always too dear), four evaluators.
pub const CONFIG: &str = r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Evaluator = ["evaluator-1", "evaluator-2", "evaluator-3", "evaluator-4"]
Treasurer = ["treasurer-1"]
Inspector = ["inspector"]
Auditor = ["auditor"]
Vendor = ["vendor-a", "vendor-b", "vendor-c", "vendor-d", "vendor-e", "vendor-f"]

[publication]
deployment = "scenarios"
"#;

/// Every tender's estimate, in the chain's smallest unit.
pub const ESTIMATE: u128 = 1_000_000;
/// Every bid's bond.
pub const BOND: u128 = 10_000;
/// The vendors, by index; the last is the cover bidder.
pub const VENDORS: [&str; 6] = ["vendor-a", "vendor-b", "vendor-c", "vendor-d", "vendor-e", "vendor-f"];
/// The cover bidder: its bids are above the estimate, so disqualified.
pub const COVER: usize = 5;

/// How a procurement ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The officer cancels it before the submission deadline.
    Cancelled,
    /// No valid bid: it closes unsuccessful.
    Unsuccessful,
    /// The winner lets the offered agreement lapse; the officer closes it.
    Lapsed,
    /// The runner-up protests, an Auditor upholds it, the award moves to
    /// the runner-up, whose agreement completes.
    Protested,
    /// Signed; the officer terminates it for convenience after the first
    /// milestone.
    Terminated,
    /// Signed, delivered, paid, retention released.
    Completed,
}

/// One bid of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedBid {
    /// Index in [`VENDORS`].
    pub vendor: usize,
    pub price: u128,
    /// Whether the vendor reveals it.
    pub reveals: bool,
}

/// One procurement to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub ending: Ending,
    pub bids: Vec<PlannedBid>,
    /// A 10-day submission period (R003) instead of 20 days.
    pub short_period: bool,
    /// An evaluator declares a conflict of interest and is replaced.
    pub conflict: bool,
    /// The first milestone is delivered two days late.
    pub late: bool,
    /// The first milestone is rejected once, then delivered again.
    pub rejected: bool,
    /// The officer amends the dossier a day after publication (same
    /// deadlines).
    pub amended: bool,
    /// Re-tenders the previous process's dossier (set when the previous
    /// one ended without a contract).
    pub retender: bool,
    /// The dossier's hash is 32 times this byte (a re-tender's is its
    /// predecessor's).
    pub dossier: u8,
}

/// The lowest valid price of the scenarios' plan (30 % / 70 %).
const MIN_PRICE: u128 = 4;

impl PlannedBid {
    /// Whether its reveal makes it valid: within the estimate and the
    /// plan's lowest price.
    pub fn valid(&self) -> bool {
        self.reveals && self.price <= ESTIMATE && self.price >= MIN_PRICE
    }
}

impl Plan {
    /// The valid bids, cheapest first (ties in bid order: the first
    /// revealed ranks first).
    fn ranked(&self) -> Vec<PlannedBid> {
        let mut valid: Vec<PlannedBid> = self.bids.iter().copied().filter(PlannedBid::valid).collect();
        valid.sort_by_key(|b| b.price);
        valid
    }

    /// Whether an award is in force at the end.
    fn awarded(&self) -> bool {
        matches!(self.ending, Ending::Protested | Ending::Terminated | Ending::Completed)
    }

    /// The winning bid at the end, if an award is in force.
    pub fn winner(&self) -> Option<PlannedBid> {
        let ranked = self.ranked();
        match self.ending {
            Ending::Protested => ranked.get(1).copied(),
            _ if self.awarded() => ranked.first().copied(),
            _ => None,
        }
    }

    /// The flags of this process the indicators must raise, by the
    /// methodology's rules on the plan's own numbers.
    pub fn expected(&self) -> BTreeSet<&'static str> {
        let mut flags = BTreeSet::new();
        if self.ending == Ending::Cancelled {
            return flags;
        }
        if self.short_period {
            flags.insert("R003");
        }
        let bidders: BTreeSet<usize> = self.bids.iter().map(|b| b.vendor).collect();
        if bidders.len() == 1 {
            flags.insert("R018");
        }
        let revealed: Vec<&PlannedBid> = self.bids.iter().filter(|b| b.reveals).collect();
        if revealed.iter().any(|a| revealed.iter().any(|b| a.vendor != b.vendor && a.price == b.price)) {
            flags.insert("R028");
        }
        let valid_bidders: BTreeSet<usize> = self.ranked().iter().map(|b| b.vendor).collect();
        let disqualified: BTreeSet<usize> = self.bids.iter().filter(|b| !b.valid()).map(|b| b.vendor).collect();
        if let Some(winner) = self.winner() {
            if valid_bidders.len() == 1 && !disqualified.is_empty() {
                flags.insert("R035");
            }
            let lowest = revealed.iter().min_by_key(|b| b.price);
            if lowest.is_some_and(|b| !b.valid()) {
                flags.insert("R036");
            }
            if self.ending != Ending::Protested {
                if let Some(second) = self.ranked().get(1) {
                    let ratio = (second.price - winner.price) as f64 / winner.price as f64;
                    if ratio < 0.05 {
                        flags.insert("R024");
                    }
                    if ratio > 0.5 {
                        flags.insert("R058");
                    }
                }
            }
            if winner.price * 100 >= ESTIMATE * 95 {
                flags.insert("S01");
            }
        }
        if self.ending == Ending::Protested {
            flags.insert("S02");
        }
        let delivers = matches!(self.ending, Ending::Protested | Ending::Terminated | Ending::Completed);
        if delivers && self.late {
            flags.insert("S03");
        }
        if delivers && self.rejected {
            flags.insert("S04");
        }
        if self.ending == Ending::Terminated {
            flags.insert("S05");
        }
        let evaluated = self.ending != Ending::Unsuccessful;
        if evaluated && self.conflict {
            flags.insert("S06");
        }
        flags
    }
}

/// A small seeded generator (xorshift64), so a set is the same on every
/// run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// `count` plans drawn from `seed`: every ending, and every flag the set
/// is built to raise, in a population where most competitive processes
/// are unremarkable (the runner-up 8 % to 12 % above the winner) so that
/// the outliers are outliers.
pub fn plans(seed: u64, count: usize) -> Vec<Plan> {
    let mut rng = Rng::new(seed);
    let endings = [
        Ending::Completed,
        Ending::Completed,
        Ending::Completed,
        Ending::Terminated,
        Ending::Protested,
        Ending::Lapsed,
        Ending::Unsuccessful,
        Ending::Cancelled,
    ];
    let mut out: Vec<Plan> = Vec::with_capacity(count);
    for i in 0..count {
        let ending = endings[i % endings.len()];
        let mut bids = Vec::new();
        let mut vendors: Vec<usize> = (0..COVER).collect();
        // Shuffle the honest vendors.
        for k in (1..vendors.len()).rev() {
            let j = rng.below(k as u64 + 1) as usize;
            vendors.swap(k, j);
        }
        let winner_price = 600_000 + u128::from(rng.below(200_000));
        // How the field looks.
        // Each kind of special field in about one competition in sixteen:
        // rare enough that the unremarkable ones set the quartiles.
        // Every eighth plan (a completed one) takes the specials in turn,
        // so that a set of 56 or more holds each at least once.
        let drawn = rng.below(16);
        let special = if i % endings.len() == 0 { (i / endings.len() + usize::try_from(seed % 7).unwrap_or(0)) as u64 % 7 } else { drawn };
        let mut competitors = if ending == Ending::Protested { 3 } else { 2 + rng.below(3) as usize };
        // A single bidder: in a competition that gets nowhere, or one in
        // sixteen of the others.
        let alone = match ending {
            Ending::Unsuccessful | Ending::Cancelled => rng.chance(40),
            Ending::Protested => false,
            _ => special == 0,
        };
        if alone {
            competitors = 1;
        }
        for (k, vendor) in vendors.iter().take(competitors).enumerate() {
            let step = 8 + rng.below(5) as u128; // 8 % to 12 % above the previous
            let price = if k == 0 { winner_price } else { winner_price * (100 + step * k as u128) / 100 };
            bids.push(PlannedBid { vendor: *vendor, price, reveals: true });
        }
        match special {
            // Identical prices: the runner-up matches the winner.
            1 if bids.len() >= 2 && ending != Ending::Protested => bids[1].price = bids[0].price,
            // Collusive pricing: the runner-up a hair above the winner.
            2 if bids.len() >= 2 && ending != Ending::Protested => bids[1].price = bids[0].price + bids[0].price / 1_000,
            // A lemon: the winner far below everyone.
            3 if bids.len() >= 2 && ending != Ending::Protested => bids[0].price = bids[1].price / 3,
            // Awarded near the estimate; the only other bid is over it.
            4 if ending != Ending::Protested => {
                bids[0].price = 970_000;
                bids.truncate(1);
                bids.push(PlannedBid { vendor: vendors[competitors.min(4)], price: 1_040_000, reveals: true });
            }
            // The lowest bid is one no plan can pay: disqualified at reveal.
            5 => bids.push(PlannedBid { vendor: vendors[4], price: 1, reveals: true }),
            _ => {}
        }
        // All but the winner disqualified: the only other bidder stays
        // silent.
        if special == 6 && bids.len() >= 2 && matches!(ending, Ending::Completed | Ending::Terminated) {
            bids.truncate(2);
            bids[1].reveals = false;
        }
        // The cover bidder joins a third of the competitions, always too
        // dear.
        if rng.chance(33) {
            bids.push(PlannedBid { vendor: COVER, price: ESTIMATE + 50_000, reveals: true });
        }
        if ending == Ending::Unsuccessful {
            for bid in &mut bids {
                if rng.chance(50) {
                    bid.price = ESTIMATE + 1 + u128::from(rng.below(100_000));
                } else {
                    bid.reveals = false;
                }
            }
        }
        let retender = out.last().is_some_and(|p| matches!(p.ending, Ending::Unsuccessful | Ending::Cancelled));
        if let Some(previous) = out.last_mut().filter(|_| retender) {
            // The re-tender reuses the dossier as first published.
            previous.amended = false;
        }
        out.push(Plan {
            ending,
            bids,
            short_period: rng.chance(15),
            conflict: rng.chance(15),
            late: rng.chance(25),
            rejected: rng.chance(20),
            amended: rng.chance(15),
            retender,
            dossier: match out.last() {
                Some(previous) if retender => previous.dossier,
                _ => u8::try_from(i % 250).unwrap_or(0).wrapping_add(1),
            },
        });
    }
    out
}

/// A deployed, funded suite ready for a scenario set: its line, and who
/// plays which role.
pub struct World {
    pub suite: Suite,
    pub config: Config,
    pub line: u32,
    pub officer: AccountId32,
    pub evaluators: Vec<AccountId32>,
    pub inspector: AccountId32,
    pub auditor: AccountId32,
    pub vendors: Vec<AccountId32>,
    pub citizen: AccountId32,
}

fn first(chain: &mut impl Chain, config: &Config, role: Role) -> Result<AccountId32, String> {
    config.holders(chain, role)?.into_iter().next().ok_or_else(|| format!("no {role:?} in the config"))
}

/// Deploys the suite with [`CONFIG`], funds the treasury for `count`
/// procurements and opens one line for them all, paying every release at
/// once.
pub fn world(chain: &mut impl Chain, count: usize) -> Result<World, String> {
    let config = Config::parse(CONFIG)?;
    let suite = suite::deploy_suite(chain, &config)?;
    let treasurer = first(chain, &config, Role::Treasurer)?;
    let ministry = chain.account("finance-ministry")?;
    let count = u128::try_from(count).map_err(|e| e.to_string())?;
    let needed = ESTIMATE * (count + 1);
    chain.endow(&ministry, needed + chain.endowment())?;
    let treasury = suite.treasury();
    treasury.deposit(chain, &ministry, needed).map_err(|e| format!("deposit: {e}"))?;
    let now = chain.now()?;
    let line =
        treasury.open_line(chain, &treasurer, b"SCENARIOS", now, now + 36_500 * DAY_MS, needed).map_err(|e| format!("open_line: {e}"))?;
    let policy =
        budget::ReleasePolicy { auto_release_limit: ESTIMATE, cap_window_ms: DAY_MS, window_cap: ESTIMATE * 4, approvals_required: 1 };
    // A rule change waits out the governor's public delay: the clock moves
    // a week before the first tender.
    crate::govern::enact(chain, &suite, &governor::Action::DefaultPolicy { policy })?;
    let citizen = chain.account("citizen")?;
    chain.top_up(&citizen)?;
    let vendors = config.holders(chain, Role::Vendor)?;
    for vendor in &vendors {
        chain.endow(vendor, BOND * 200)?;
    }
    Ok(World {
        line,
        officer: first(chain, &config, Role::ProcurementOfficer)?,
        evaluators: config.holders(chain, Role::Evaluator)?,
        inspector: first(chain, &config, Role::Inspector)?,
        auditor: first(chain, &config, Role::Auditor)?,
        vendors,
        citizen,
        suite,
        config,
    })
}

fn sealed(price: u128, n: usize, k: usize) -> SealedBid {
    let tag = u8::try_from((n * 7 + k) % 251).unwrap_or(0);
    SealedBid { price, proposal: [tag; 32], salt: [tag.wrapping_add(1); 32] }
}

/// Names a refused or failed call of scenario `n`.
fn failed<E: core::fmt::Debug>(n: usize, what: &'static str) -> impl FnOnce(chain::Failure<E>) -> String {
    move |e| format!("scenario {n}: {what}: {e}")
}

/// What a scenario left: its tender and agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ran {
    pub tender: u32,
    pub agreement: Option<u32>,
}

/// Runs plan `n` of a set on `world`, from publication to its ending.
pub fn run(chain: &mut impl Chain, world: &World, plan: &Plan, n: usize) -> Result<Ran, String> {
    let tenders = world.suite.tenders();
    let book = world.suite.evaluations();
    let escrow = world.suite.escrow();
    let start = chain.now()?;
    let window = if plan.short_period { 10 } else { 20 };
    let (submission, reveal) = (start + window * DAY_MS, start + (window + 3) * DAY_MS);
    let dossier = [plan.dossier; 32];
    let params = Lowest {
        line: world.line,
        estimate: ESTIMATE,
        bond: BOND,
        dossier,
        deadlines: (submission, reveal),
        standstill_ms: 5 * DAY_MS,
        plan: vec![(3_000, 30), (7_000, 60)],
    }
    .params();
    let id = tenders.publish(chain, &world.officer, &params).map_err(failed(n, "publish"))?;
    if plan.amended {
        chain.advance_time(DAY_MS)?;
        let amended = [dossier[0] ^ 0xA0; 32];
        tenders.amend(chain, &world.officer, id, &amended, submission, reveal).map_err(failed(n, "amend"))?;
    }
    for (k, bid) in plan.bids.iter().enumerate() {
        let vendor = &world.vendors[bid.vendor];
        tenders.commit_sealed(chain, vendor, id, &sealed(bid.price, n, k), BOND).map_err(failed(n, "commit"))?;
    }
    if plan.ending == Ending::Cancelled {
        chain.advance_time(DAY_MS)?;
        tenders.cancel(chain, &world.officer, id).map_err(failed(n, "cancel"))?;
        return Ok(Ran { tender: id, agreement: None });
    }
    chain.advance_to(submission)?;
    for (k, bid) in plan.bids.iter().enumerate().filter(|(_, b)| b.reveals) {
        tenders.reveal_sealed(chain, &world.vendors[bid.vendor], id, &sealed(bid.price, n, k)).map_err(failed(n, "reveal"))?;
    }
    chain.advance_to(reveal)?;
    for bid in plan.bids.iter().filter(|b| !b.reveals) {
        tenders.forfeit_bond(chain, &world.citizen, id, &world.vendors[bid.vendor]).map_err(failed(n, "forfeit"))?;
    }
    if plan.ending == Ending::Unsuccessful {
        book.close_without_bids(chain, &world.citizen, id).map_err(failed(n, "close_without_bids"))?;
        return Ok(Ran { tender: id, agreement: None });
    }
    evaluate(chain, world, plan, n, id)?;
    let agreement = award(chain, world, plan, n, id)?;
    let Some(agreement) = agreement else {
        return Ok(Ran { tender: id, agreement: None });
    };
    let vendor = escrow.agreement(chain, agreement)?.map(|a| chain::from_ink(&a.vendor)).ok_or("the agreement")?;
    escrow.sign(chain, &vendor, agreement).map_err(failed(n, "sign"))?;
    book.settle_winner(chain, &world.citizen, id).map_err(failed(n, "settle_winner"))?;
    let milestones = escrow.milestones(chain, agreement)?;
    for (index, milestone) in (0u8..).zip(milestones.iter()) {
        let first = index == 0;
        let delivered = if first && plan.late { milestone.due + 2 * DAY_MS } else { milestone.due.saturating_sub(DAY_MS) };
        chain.advance_to(delivered)?;
        escrow.deliver(chain, &vendor, agreement, index, &[0xE0 | index; 32]).map_err(failed(n, "deliver"))?;
        if first && plan.rejected {
            escrow.reject(chain, &world.inspector, agreement, index, &[0xBE; 32]).map_err(failed(n, "reject"))?;
            escrow.deliver(chain, &vendor, agreement, index, &[0xE8 | index; 32]).map_err(failed(n, "deliver again"))?;
        }
        escrow.approve(chain, &world.inspector, agreement, index).map_err(failed(n, "approve"))?;
        if first && plan.ending == Ending::Terminated {
            escrow
                .terminate(chain, &world.officer, agreement, escrow::Termination::Convenience, &[0x7E; 32])
                .map_err(failed(n, "terminate"))?;
            return Ok(Ran { tender: id, agreement: Some(agreement) });
        }
    }
    if let Some(a) = escrow.agreement(chain, agreement)? {
        if let escrow::AgreementState::Warranty { ends } = a.state {
            chain.advance_to(ends)?;
        }
    }
    escrow.complete(chain, &world.citizen, agreement).map_err(failed(n, "complete"))?;
    Ok(Ran { tender: id, agreement: Some(agreement) })
}

/// Appoints the committee (one member declaring a conflict and replaced, if
/// the plan says so) and finalizes the ranking.
fn evaluate(chain: &mut impl Chain, world: &World, plan: &Plan, n: usize, id: u32) -> Result<(), String> {
    let book = world.suite.evaluations();
    let now = chain.now()?;
    let contracting = Contracting {
        inspector: chain::ink_id(&world.inspector),
        terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
        warranty_ms: 20 * DAY_MS,
    };
    let members: Vec<AccountId32> = world.evaluators.iter().take(3).cloned().collect();
    book.appoint(chain, &world.officer, id, &members, now + 7 * DAY_MS, &contracting).map_err(failed(n, "appoint"))?;
    let mut seated = members.clone();
    if plan.conflict {
        book.declare(chain, &members[0], id, &[0xC0; 32], evaluation::Interest::Conflict).map_err(failed(n, "declare conflict"))?;
        let replacement = world.evaluators[3].clone();
        book.replace(chain, &world.officer, id, &members[0], &replacement).map_err(failed(n, "replace"))?;
        seated[0] = replacement;
    }
    for member in &seated {
        book.declare(chain, member, id, &[0xDE; 32], evaluation::Interest::Impartial).map_err(failed(n, "declare"))?;
    }
    book.finalize(chain, &world.citizen, id).map_err(failed(n, "finalize"))?;
    Ok(())
}

/// Runs the award to its agreement (`None` if the winner lets it lapse).
fn award(chain: &mut impl Chain, world: &World, plan: &Plan, n: usize, id: u32) -> Result<Option<u32>, String> {
    let book = world.suite.evaluations();
    let escrow = world.suite.escrow();
    if plan.ending == Ending::Protested {
        // The runner-up (bid index 1 of the ranking) protests the award.
        let ranking = book.ranking(chain, id)?.unwrap_or_default();
        let (runner_up, _) = *ranking.get(1).ok_or("a runner-up")?;
        let protester = chain::from_ink(&book.entry(chain, id, runner_up)?.ok_or("the runner-up's entry")?.bidder);
        let protest = book.protest(chain, &protester, id, runner_up, &[0x9A; 32], BOND).map_err(failed(n, "protest"))?;
        book.resolve(chain, &world.auditor, id, protest, Ruling::Uphold, &[0x9B; 32]).map_err(failed(n, "resolve"))?;
    }
    let Some(evaluation::Stage::Standstill { ends, .. }) = book.evaluation(chain, id)?.map(|e| e.stage) else {
        return Err(format!("scenario {n}: no standstill after the ranking"));
    };
    chain.advance_to(ends)?;
    let agreement = book.conclude(chain, &world.citizen, id).map_err(failed(n, "conclude"))?;
    if plan.ending != Ending::Lapsed {
        return Ok(Some(agreement));
    }
    let sign_by = escrow.agreement(chain, agreement)?.ok_or("the agreement")?.sign_by;
    chain.advance_to(sign_by)?;
    escrow.lapse(chain, &world.citizen, agreement).map_err(failed(n, "lapse"))?;
    book.settle_winner(chain, &world.citizen, id).map_err(failed(n, "settle_winner"))?;
    book.close(chain, &world.officer, id).map_err(failed(n, "close"))?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_covers_every_ending_and_every_flag_it_is_built_for() {
        let plans = plans(7, 56);
        for ending in [Ending::Cancelled, Ending::Unsuccessful, Ending::Lapsed, Ending::Protested, Ending::Terminated, Ending::Completed] {
            assert!(plans.iter().any(|p| p.ending == ending), "{ending:?}");
        }
        let raised: BTreeSet<&str> = plans.iter().flat_map(|p| p.expected()).collect();
        for code in ["R003", "R018", "R024", "R028", "R035", "R036", "R058", "S01", "S02", "S03", "S04", "S05", "S06"] {
            assert!(raised.contains(code), "no plan raises {code}");
        }
        assert!(plans.iter().any(|p| p.retender));
        assert_eq!(plans, super::plans(7, 56), "the same seed gives the same set");
    }

    #[test]
    fn expectations_follow_the_methodology() {
        let bid = |vendor, price| PlannedBid { vendor, price, reveals: true };
        let plain = Plan {
            ending: Ending::Completed,
            bids: vec![bid(0, 700_000), bid(1, 770_000)],
            short_period: false,
            conflict: false,
            late: false,
            rejected: false,
            amended: false,
            retender: false,
            dossier: 1,
        };
        assert!(plain.expected().is_empty());
        let single = Plan { bids: vec![bid(0, 700_000)], ..plain.clone() };
        assert_eq!(single.expected(), BTreeSet::from(["R018"]));
        let silent = Plan { bids: vec![bid(0, 700_000), PlannedBid { reveals: false, ..bid(1, 800_000) }], ..plain.clone() };
        assert_eq!(silent.expected(), BTreeSet::from(["R035"]));
        let cancelled = Plan { ending: Ending::Cancelled, short_period: true, ..single.clone() };
        assert!(cancelled.expected().is_empty(), "cancelled processes are not assessed");
        let lowball = Plan { bids: vec![bid(0, 700_000), bid(1, 760_000), bid(2, 1)], ..plain };
        assert_eq!(lowball.expected(), BTreeSet::from(["R036"]));
    }
}
