//! Validation of tender parameters and the phase rule. Plain functions over
//! plain data, unit tested without the ink! environment.

use crate::errors::Error;
use ink::prelude::vec::Vec;
use procurement_shared::contracting::{self, MAX_DUE_OFFSET_MS, MIN_FIRST_DUE_MS};
use procurement_shared::ranking::MAX_QUALITY;
use procurement_shared::{ensure, Balance, Timestamp};

use crate::types::{Bid, BidState, Method, Milestone, Phase, Tender, TenderParams, TenderStatus};
use ink::primitives::AccountId;

/// Shortest time between publication (or an amendment) and the submission
/// deadline: vendors need time to prepare a bid. Seven days is the floor for
/// an accelerated procedure; authorities publish longer windows as their law
/// demands.
pub const MIN_BIDDING_WINDOW_MS: Timestamp = 7 * DAY_MS;
/// Shortest time between the submission and the reveal deadline.
pub const MIN_REVEAL_WINDOW_MS: Timestamp = DAY_MS;
/// Furthest a deadline may lie ahead (a typo guard: one year).
pub const MAX_DEADLINE_HORIZON_MS: Timestamp = 365 * DAY_MS;
/// Shortest and longest standstill after a provisional award.
pub const MIN_STANDSTILL_MS: Timestamp = DAY_MS;
/// See [`MIN_STANDSTILL_MS`].
pub const MAX_STANDSTILL_MS: Timestamp = 90 * DAY_MS;
/// How long after the reveal deadline a revealed valid bid stays binding
/// while the tender is not awarded: its bond is the bid security, so it is
/// claimable only once the tender is awarded to someone else or closed, or
/// after this period (so a tender nobody evaluates frees the bonds).
pub const BID_VALIDITY_MS: Timestamp = 120 * DAY_MS;
pub use procurement_shared::{DAY_MS, FULL_BPS, MAX_MILESTONES};

/// Checks a tender's parameters at publication (`now`): amounts, deadlines,
/// method, standstill and plan. Returns the number of milestones and the
/// lowest price at which the plan gives every milestone at least one unit
/// (a reveal below it is invalid).
pub fn check_params(now: Timestamp, params: &TenderParams) -> Result<(u8, Balance), Error> {
    ensure!(params.estimate > 0 && params.bond > 0, Error::ZeroAmount);
    check_deadlines(now, params.submission_deadline, params.reveal_deadline)?;
    check_method(&params.method)?;
    check_standstill(params.standstill_ms)?;
    check_milestones(&params.milestones)?;
    let count = u8::try_from(params.milestones.len()).map_err(|_| Error::InvalidMilestones)?;
    Ok((count, min_price(&params.milestones, params.estimate)?))
}

/// Checks deadlines against `now`: the submission deadline leaves the
/// minimum bidding window, the reveal deadline the minimum reveal window,
/// and neither lies beyond the horizon.
pub fn check_deadlines(now: Timestamp, submission: Timestamp, reveal: Timestamp) -> Result<(), Error> {
    let earliest_submission = now.checked_add(MIN_BIDDING_WINDOW_MS).ok_or(Error::InvalidDeadlines)?;
    let earliest_reveal = submission.checked_add(MIN_REVEAL_WINDOW_MS).ok_or(Error::InvalidDeadlines)?;
    let horizon = now.checked_add(MAX_DEADLINE_HORIZON_MS).ok_or(Error::InvalidDeadlines)?;
    ensure!(submission >= earliest_submission && reveal >= earliest_reveal && reveal <= horizon, Error::InvalidDeadlines);
    Ok(())
}

/// Checks an evaluation method's parameters.
pub fn check_method(method: &Method) -> Result<(), Error> {
    match *method {
        Method::LowestPrice => Ok(()),
        Method::Weighted { price_weight, quality_weight, min_quality } => {
            let total = u16::from(price_weight).saturating_add(u16::from(quality_weight));
            if total != 100 || price_weight == 0 || min_quality > MAX_QUALITY {
                Err(Error::InvalidMethod)
            } else {
                Ok(())
            }
        }
    }
}

/// Checks a milestone plan: 1..=MAX_MILESTONES tranches, each with a share,
/// shares summing to 100 %, due dates strictly increasing, the first at least
/// `MIN_FIRST_DUE_MS` and every one at most `MAX_DUE_OFFSET_MS` after the
/// agreement's start. These are the escrow's own conditions on an offer,
/// checked here, at publication, so that no award can fail at its conclusion
/// for a plan published wrong.
pub fn check_milestones(plan: &[Milestone]) -> Result<(), Error> {
    contracting::schedule(plan.iter().map(|m| (m.due_offset_ms, m.share_bps > 0))).ok_or(Error::InvalidMilestones)?;
    let first = plan.first().map_or(0, |m| m.due_offset_ms);
    let last = plan.last().map_or(0, |m| m.due_offset_ms);
    ensure!(first >= MIN_FIRST_DUE_MS && last <= MAX_DUE_OFFSET_MS, Error::InvalidMilestones);
    let total = plan.iter().fold(0u32, |sum, m| sum.saturating_add(u32::from(m.share_bps)));
    ensure!(total == FULL_BPS, Error::InvalidMilestones);
    Ok(())
}

/// The tender's lowest valid price (see `Tender::min_price`). The estimate
/// must reach it, or no bid could ever be valid.
pub fn min_price(plan: &[Milestone], estimate: Balance) -> Result<Balance, Error> {
    let shares: Vec<u16> = plan.iter().map(|m| m.share_bps).collect();
    let lowest = contracting::min_price(&shares).ok_or(Error::InvalidMilestones)?;
    ensure!(estimate >= lowest, Error::InvalidMilestones);
    Ok(lowest)
}

/// Checks the standstill length.
pub fn check_standstill(standstill: Timestamp) -> Result<(), Error> {
    if (MIN_STANDSTILL_MS..=MAX_STANDSTILL_MS).contains(&standstill) {
        Ok(())
    } else {
        Err(Error::InvalidStandstill)
    }
}

/// Whether `bidder` may take the bond of its `bid` back at `now`, on a
/// tender in `status` whose reveal deadline is `reveal_deadline`: a bid that
/// still holds a bond, and is
/// - on a cancelled tender, sealed or revealed;
/// - on an awarded tender, revealed and not the winner's (the winner's bond
///   is the bid security, settled by the evaluation contract);
/// - on a tender closed unsuccessful, revealed;
/// - on an open tender, revealed invalid (once the reveal deadline passed),
///   or revealed valid once `BID_VALIDITY_MS` passed after it with no award
///   (until then a valid bid's bond is its bid security).
pub fn claimable(status: TenderStatus, reveal_deadline: Timestamp, bid: &Bid, bidder: AccountId, now: Timestamp) -> bool {
    let eligible = match status {
        TenderStatus::Cancelled => bid.is_revealed() || bid.is_sealed(),
        TenderStatus::Awarded { winner } => winner != bidder && bid.is_revealed(),
        TenderStatus::Unsuccessful => bid.is_revealed(),
        TenderStatus::Open => match bid.state {
            BidState::Revealed { valid: false, .. } => now >= reveal_deadline,
            BidState::Revealed { valid: true, .. } => now >= reveal_deadline.saturating_add(BID_VALIDITY_MS),
            _ => false,
        },
    };
    eligible && bid.bond != 0
}

/// Where `tender` stands at `now`.
pub fn phase(tender: &Tender, now: Timestamp) -> Phase {
    if tender.status == TenderStatus::Cancelled {
        Phase::Cancelled
    } else if tender.status == TenderStatus::Unsuccessful {
        Phase::Unsuccessful
    } else if matches!(tender.status, TenderStatus::Awarded { .. }) {
        Phase::Awarded
    } else if now < tender.submission_deadline {
        Phase::Bidding
    } else if now < tender.reveal_deadline {
        Phase::Revealing
    } else {
        Phase::Evaluation
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use ink::primitives::Hash;

    fn m(share_bps: u16, due: Timestamp) -> Milestone {
        Milestone { share_bps, due_offset_ms: due, description: Hash::from([1; 32]) }
    }

    #[test]
    fn deadlines_need_both_windows_and_stay_within_the_horizon() {
        let now = 1_000 * DAY_MS;
        let sub = now + MIN_BIDDING_WINDOW_MS;
        assert_eq!(check_deadlines(now, sub, sub + MIN_REVEAL_WINDOW_MS), Ok(()));
        assert_eq!(check_deadlines(now, sub - 1, sub + MIN_REVEAL_WINDOW_MS), Err(Error::InvalidDeadlines));
        assert_eq!(check_deadlines(now, sub, sub + MIN_REVEAL_WINDOW_MS - 1), Err(Error::InvalidDeadlines));
        assert_eq!(check_deadlines(now, sub, now + MAX_DEADLINE_HORIZON_MS + 1), Err(Error::InvalidDeadlines));
        assert_eq!(check_deadlines(Timestamp::MAX, 0, 0), Err(Error::InvalidDeadlines));
    }

    #[test]
    fn weighted_method_needs_weights_summing_to_100() {
        let w = |p, q, min| Method::Weighted { price_weight: p, quality_weight: q, min_quality: min };
        assert_eq!(check_method(&Method::LowestPrice), Ok(()));
        assert_eq!(check_method(&w(60, 40, 50)), Ok(()));
        assert_eq!(check_method(&w(60, 30, 50)), Err(Error::InvalidMethod));
        assert_eq!(check_method(&w(0, 100, 50)), Err(Error::InvalidMethod));
        assert_eq!(check_method(&w(60, 40, 101)), Err(Error::InvalidMethod));
        assert_eq!(check_method(&w(200, 156, 0)), Err(Error::InvalidMethod), "u8 wrap must not pass");
    }

    #[test]
    fn milestone_plans() {
        let d = MIN_FIRST_DUE_MS;
        assert_eq!(check_milestones(&[m(10_000, d)]), Ok(()));
        assert_eq!(check_milestones(&[m(3_000, d), m(7_000, d + 1)]), Ok(()));
        assert_eq!(check_milestones(&[]), Err(Error::InvalidMilestones));
        assert_eq!(check_milestones(&[m(3_000, d), m(6_999, 9 * d)]), Err(Error::InvalidMilestones));
        assert_eq!(check_milestones(&[m(0, d), m(10_000, 9 * d)]), Err(Error::InvalidMilestones));
        assert_eq!(check_milestones(&[m(5_000, 9 * d), m(5_000, 9 * d)]), Err(Error::InvalidMilestones));
        let many: Vec<_> = (1..14u64).map(|i| m(if i == 1 { 10_000 - 12 } else { 1 }, i * d)).collect();
        assert_eq!(check_milestones(&many), Err(Error::InvalidMilestones));
        let twelve: Vec<_> = (1..13u64).map(|i| m(if i == 1 { 10_000 - 11 } else { 1 }, i * d)).collect();
        assert_eq!(check_milestones(&twelve), Ok(()));
    }

    #[test]
    fn a_plan_must_leave_time_to_sign_and_stay_within_ten_years() {
        assert_eq!(check_milestones(&[m(10_000, 0)]), Err(Error::InvalidMilestones), "due at the conclusion");
        assert_eq!(check_milestones(&[m(10_000, MIN_FIRST_DUE_MS - 1)]), Err(Error::InvalidMilestones));
        assert_eq!(check_milestones(&[m(10_000, MAX_DUE_OFFSET_MS)]), Ok(()));
        assert_eq!(check_milestones(&[m(5_000, DAY_MS), m(5_000, MAX_DUE_OFFSET_MS + 1)]), Err(Error::InvalidMilestones));
        assert_eq!(check_milestones(&[m(10_000, Timestamp::MAX)]), Err(Error::InvalidMilestones), "would overflow at the conclusion");
    }

    #[test]
    fn the_lowest_valid_price_follows_the_plan_and_the_estimate_must_reach_it() {
        let plan = [m(4_000, DAY_MS), m(6_000, 2 * DAY_MS)];
        assert_eq!(min_price(&plan, 1_000), Ok(3));
        assert_eq!(min_price(&plan, 3), Ok(3));
        assert_eq!(min_price(&plan, 2), Err(Error::InvalidMilestones), "no price could be valid");
        assert_eq!(min_price(&[m(10_000, DAY_MS)], 1), Ok(1));
    }

    #[test]
    fn who_may_take_a_bond_back_and_when() {
        let (me, other) = (AccountId::from([1; 32]), AccountId::from([2; 32]));
        let deadline = 1_000;
        let bid = |state: BidState| Bid { commitment: Hash::from([0; 32]), bond: 5, state };
        let revealed = |valid: bool| bid(BidState::Revealed { price: 9, proposal: Hash::from([0; 32]), index: 0, valid });
        let sealed = bid(BidState::Sealed { amendment: 0 });
        let after_validity = deadline + BID_VALIDITY_MS;
        // An open tender: an invalid bid at the deadline, a valid one only
        // once the validity period is over, a sealed one never.
        let open = TenderStatus::Open;
        assert!(!claimable(open, deadline, &revealed(false), me, deadline - 1));
        assert!(claimable(open, deadline, &revealed(false), me, deadline));
        assert!(!claimable(open, deadline, &revealed(true), me, after_validity - 1));
        assert!(claimable(open, deadline, &revealed(true), me, after_validity));
        assert!(!claimable(open, deadline, &sealed, me, after_validity));
        // Awarded: everyone revealed but the winner, at any time.
        assert!(claimable(TenderStatus::Awarded { winner: other }, deadline, &revealed(true), me, deadline));
        assert!(!claimable(TenderStatus::Awarded { winner: me }, deadline, &revealed(true), me, after_validity));
        assert!(!claimable(TenderStatus::Awarded { winner: other }, deadline, &sealed, me, after_validity));
        // Cancelled: sealed or revealed; closed unsuccessful: revealed.
        assert!(claimable(TenderStatus::Cancelled, deadline, &sealed, me, 0));
        assert!(!claimable(TenderStatus::Cancelled, deadline, &bid(BidState::Withdrawn), me, 0));
        assert!(claimable(TenderStatus::Unsuccessful, deadline, &revealed(false), me, 0));
        assert!(!claimable(TenderStatus::Unsuccessful, deadline, &bid(BidState::Forfeited), me, after_validity));
        // Never a bond already taken.
        let taken = Bid { bond: 0, ..revealed(false) };
        assert!(!claimable(TenderStatus::Cancelled, deadline, &taken, me, after_validity));
    }

    #[test]
    fn standstill_bounds() {
        assert_eq!(check_standstill(MIN_STANDSTILL_MS), Ok(()));
        assert_eq!(check_standstill(MAX_STANDSTILL_MS), Ok(()));
        assert_eq!(check_standstill(MIN_STANDSTILL_MS - 1), Err(Error::InvalidStandstill));
        assert_eq!(check_standstill(MAX_STANDSTILL_MS + 1), Err(Error::InvalidStandstill));
    }
}
