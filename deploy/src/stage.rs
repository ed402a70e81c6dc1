//! One procurement stage, on any [`Chain`]: the treasury funded and a budget
//! line opened, a tender published, two sealed bids committed from the
//! vendors' own accounts, both revealed after the submission deadline (one
//! over the estimate, so invalid), the binding bond's early claim refused
//! with the tender's typed error, and the invalid bid's bond claimed back
//! after the reveal deadline.
//!
//! Every step is checked against the chain before the next: the event the
//! contract emitted, decoded into the contract's own type; the treasury's
//! books against its balance on chain; the bonds the tender holds against
//! its balance on chain; and each vendor's balance against what the step
//! moved (the bond, plus the fee and storage deposit the chain charged). A
//! failed check stops the stage with the step and the figures.
//!
//! The embedded sandbox runs it in the drink tests; `deploy --url` runs it
//! on a live node (see [`crate::live`]).

use crate::fixtures::Lowest;
use drink::AccountId32;
use procurement_shared::{Role, SealedBid};

use crate::chain::{self, arg, Balance, Chain, Failure};
use crate::config::Config;
use crate::contracts::Treasury;
use crate::suite::Suite;

use procurement_shared::DAY_MS;
/// Margin added to each deadline over the rules' minimum, so the block that
/// carries a call is never past it.
const MARGIN_MS: u64 = 10 * 60 * 1000;

/// The stage's figures (chosen to be readable, in the chain's smallest
/// unit).
pub const DEPOSIT: Balance = 5_000_000_000_000;
pub const APPROPRIATION: Balance = 3_000_000_000_000;
pub const ESTIMATE: Balance = 2_000_000_000_000;
pub const BOND: Balance = 20_000_000_000;
/// The first vendor's price (within the estimate) and the second's (over).
pub const PRICES: [Balance; 2] = [1_500_000_000_000, 2_400_000_000_000];

/// One step as it ran.
#[derive(Debug, Clone)]
pub struct Step {
    /// What happened, in words.
    pub what: String,
    /// What the signer paid the chain beside attached value (fee plus
    /// storage deposit; 0 on the sandbox but for deposits).
    pub charges: i128,
}

/// What the stage did, for the report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The budget line and the tender.
    pub line: u32,
    pub tender: u32,
    /// Each step in order.
    pub steps: Vec<Step>,
}

/// The stage's accounts, from the config.
struct Cast {
    treasurer: AccountId32,
    officer: AccountId32,
    vendors: [AccountId32; 2],
    ministry: AccountId32,
}

fn first_with(chain: &mut impl Chain, config: &Config, role: Role, skip: usize) -> Result<AccountId32, String> {
    config
        .holders(chain, role)?
        .into_iter()
        .nth(skip)
        .ok_or_else(|| format!("the stage needs {} account(s) with {role:?} in the config", skip + 1))
}

/// Checks the treasury's and the tender's books against the chain.
fn books(chain: &mut impl Chain, suite: &Suite, bonds: Balance, step: &str) -> Result<(), String> {
    treasury_books(chain, &suite.treasury()).map_err(|e| format!("after {step}: {e}"))?;
    let ed = chain.existential_deposit()?;
    let (held, spendable) = suite.tenders().bond_totals(chain)?;
    let tender_on_chain = chain.free_balance(suite.address("tender"))?;
    if held != bonds || spendable != held || tender_on_chain != held + ed {
        return Err(format!(
            "after {step}: the tender should hold {bonds} in bonds; its books say {held}, its balance {spendable}, the chain {tender_on_chain} (ED {ed})"
        ));
    }
    Ok(())
}

/// Checks conservation of funds in the treasury and returns its figures:
/// the books (`unappropriated + available + reserved + committed`) equal
/// the spendable balance the contract reports, and that balance is what the
/// chain itself holds for the contract account, less its existential
/// deposit. The drink tests call it after every step of a lifecycle.
pub fn treasury_books(chain: &mut impl Chain, treasury: &Treasury) -> Result<budget::Totals, String> {
    let ed = chain.existential_deposit()?;
    let totals = treasury.totals(chain)?;
    if totals.books() != Some(totals.balance) {
        return Err(format!("the treasury's books do not add up to its balance: {totals:?}"));
    }
    let on_chain = chain.free_balance(treasury.address())?;
    if on_chain != totals.balance + ed {
        return Err(format!("the treasury reports {} but the chain holds {on_chain} (ED {ed})", totals.balance));
    }
    Ok(totals)
}

/// Checks that `account` paid exactly `value` plus the chain's charges of
/// the last call.
fn paid(chain: &mut impl Chain, account: &AccountId32, before: Balance, value: i128, step: &str) -> Result<i128, String> {
    let after = chain.free_balance(account)?;
    let charges = chain.last_charges();
    let spent = i128::try_from(before).unwrap_or(i128::MAX) - i128::try_from(after).unwrap_or(i128::MAX);
    if spent != value + charges {
        return Err(format!("after {step}: {} spent {spent}, expected {value} plus charges {charges}", arg(account)));
    }
    Ok(charges)
}

fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(outcome: Result<T, Failure<E>>, step: &str) -> Result<T, String> {
    outcome.map_err(|e| format!("{step}: {e}"))
}

/// Runs the stage on a deployed `suite` (see the module docs).
pub fn run(chain: &mut impl Chain, suite: &Suite, config: &Config) -> Result<Report, String> {
    let cast = Cast {
        treasurer: first_with(chain, config, Role::Treasurer, 0)?,
        officer: first_with(chain, config, Role::ProcurementOfficer, 0)?,
        vendors: [first_with(chain, config, Role::Vendor, 0)?, first_with(chain, config, Role::Vendor, 1)?],
        ministry: chain.account("finance-ministry")?,
    };
    let treasury = suite.treasury();
    let tenders = suite.tenders();
    let mut steps = Vec::new();
    let mut step = |what: String, charges: i128| {
        steps.push(Step { what, charges });
    };

    // The treasury: a finance ministry pays in, a Treasurer opens a line.
    if chain.free_balance(&cast.ministry)? < DEPOSIT * 2 {
        chain.endow(&cast.ministry, DEPOSIT * 2)?;
    }
    let held = tender_bonds(chain, suite)?;
    books(chain, suite, held, "deployment")?;
    let before = chain.free_balance(&cast.ministry)?;
    refused(treasury.deposit(chain, &cast.ministry, DEPOSIT), "deposit")?;
    let charges = paid(chain, &cast.ministry, before, DEPOSIT as i128, "deposit")?;
    let mut bonds = tender_bonds(chain, suite)?;
    books(chain, suite, bonds, "deposit")?;
    step(format!("finance-ministry deposits {DEPOSIT} into the treasury"), charges);

    let now = chain.now()?;
    let line = refused(treasury.open_line(chain, &cast.treasurer, b"LIVE-WORKS", now, now + 365 * DAY_MS, APPROPRIATION), "open_line")?;
    books(chain, suite, bonds, "open_line")?;
    step(format!("treasurer opens line {line} with {APPROPRIATION}"), chain.last_charges());

    // The tender, with the shortest windows the rules allow.
    let now = chain.now()?;
    let submission = now + tender::rules::MIN_BIDDING_WINDOW_MS + MARGIN_MS;
    let reveal = submission + tender::rules::MIN_REVEAL_WINDOW_MS + MARGIN_MS;
    let params = Lowest {
        line,
        estimate: ESTIMATE,
        bond: BOND,
        dossier: [0xD5; 32],
        deadlines: (submission, reveal),
        standstill_ms: tender::rules::MIN_STANDSTILL_MS,
        plan: vec![(4_000, 30), (6_000, 90)],
    }
    .params();
    let id = refused(tenders.publish(chain, &cast.officer, &params), "publish")?;
    let published = chain::recorded::<tender::events::TenderPublished>(chain, suite.address("tender"));
    if published.len() != 1 || published[0].tender != id {
        return Err(format!("publish: expected one TenderPublished for tender {id}, got {}", published.len()));
    }
    books(chain, suite, bonds, "publish")?;
    let reserved = suite.treasury().totals(chain)?.reserved;
    step(
        format!("officer publishes tender {id}: estimate {ESTIMATE} reserved (treasury reserves {reserved}), bond {BOND}"),
        chain.last_charges(),
    );

    // Sealed bids, hashed off-chain by each vendor's wallet.
    let bids = [
        SealedBid { price: PRICES[0], proposal: [0xB1; 32], salt: [0x51; 32] },
        SealedBid { price: PRICES[1], proposal: [0xB2; 32], salt: [0x52; 32] },
    ];
    for (n, vendor) in cast.vendors.iter().enumerate() {
        let before = chain.free_balance(vendor)?;
        refused(tenders.commit_sealed(chain, vendor, id, &bids[n], BOND), "commit_bid")?;
        let committed = chain::recorded::<tender::events::BidCommitted>(chain, suite.address("tender"));
        if committed.len() != 1 || committed[0].bond != BOND || chain::from_ink(&committed[0].bidder) != *vendor {
            return Err(format!("commit_bid: expected one BidCommitted with bond {BOND}, got {} event(s)", committed.len()));
        }
        let charges = paid(chain, vendor, before, BOND as i128, "commit_bid")?;
        bonds += BOND;
        books(chain, suite, bonds, "commit_bid")?;
        step(format!("vendor {} commits a sealed bid with bond {BOND}", n + 1), charges);
    }

    // Past the submission deadline: both reveal.
    chain.advance_to(submission + 1_000)?;
    step("the clock passes the submission deadline".into(), 0);
    for (n, vendor) in cast.vendors.iter().enumerate() {
        let before = chain.free_balance(vendor)?;
        refused(tenders.reveal_sealed(chain, vendor, id, &bids[n]), "reveal_bid")?;
        let revealed = chain::recorded::<tender::events::BidRevealed>(chain, suite.address("tender"));
        let valid = PRICES[n] <= ESTIMATE;
        if revealed.len() != 1 || revealed[0].price != PRICES[n] || revealed[0].valid != valid {
            let got: Vec<(Balance, bool)> = revealed.iter().map(|r| (r.price, r.valid)).collect();
            return Err(format!("reveal_bid: expected BidRevealed price {} valid {valid}, got {got:?}", PRICES[n]));
        }
        let charges = paid(chain, vendor, before, 0, "reveal_bid")?;
        books(chain, suite, bonds, "reveal_bid")?;
        let verdict = if valid { "valid" } else { "over the estimate: invalid" };
        step(format!("vendor {} reveals price {} ({verdict})", n + 1, PRICES[n]), charges);
    }

    // A valid bid's bond is bid security: refused, typed, nothing charged.
    let before = chain.free_balance(&cast.vendors[0])?;
    match tenders.claim_bond(chain, &cast.vendors[0], id) {
        Err(Failure::Refused(tender::Error::BondNotClaimable)) => {}
        other => return Err(format!("claim_bond by the valid bidder should be refused with BondNotClaimable, got {other:?}")),
    }
    if chain.free_balance(&cast.vendors[0])? != before {
        return Err("a refused claim_bond changed the bidder's balance".into());
    }
    books(chain, suite, bonds, "refused claim_bond")?;
    step("vendor 1's early claim_bond is refused: BondNotClaimable (its bond is bid security)".into(), 0);

    // Past the reveal deadline: the invalid bid's bond comes back.
    chain.advance_to(reveal + 1_000)?;
    step("the clock passes the reveal deadline".into(), 0);
    let vendor = &cast.vendors[1];
    let before = chain.free_balance(vendor)?;
    let amount = refused(tenders.claim_bond(chain, vendor, id), "claim_bond")?;
    let claimed = chain::recorded::<tender::events::BondClaimed>(chain, suite.address("tender"));
    if amount != BOND || claimed.len() != 1 || claimed[0].amount != BOND {
        return Err(format!(
            "claim_bond: expected {BOND} and one BondClaimed, got {amount} and {:?}",
            claimed.iter().map(|c| c.amount).collect::<Vec<_>>()
        ));
    }
    let charges = paid(chain, vendor, before, -(BOND as i128), "claim_bond")?;
    bonds -= BOND;
    books(chain, suite, bonds, "claim_bond")?;
    step(format!("vendor 2 claims its bond back: {BOND}"), charges);

    Ok(Report { line, tender: id, steps })
}

fn tender_bonds(chain: &mut impl Chain, suite: &Suite) -> Result<Balance, String> {
    Ok(suite.tenders().bond_totals(chain)?.0)
}
