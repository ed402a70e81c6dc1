//! When a bidder may protest an award and when an Auditor must decide: the
//! rules `protest`, `resolve` and `settle_protest` apply, as plain functions
//! unit-tested without ink!.

use ink::primitives::AccountId;
use procurement_shared::{ensure, Balance, Timestamp};

use crate::errors::{Error, Result};
use crate::types::{Entry, Evaluation, ProtestState, Stage};
use crate::PROTEST_DECISION_MS;

/// The bid under provisional award, if protests are open at `now`: only
/// during a standstill, before it ends.
pub fn window(stage: Stage, now: Timestamp) -> Result<u32> {
    let Stage::Standstill { bid, ends } = stage else {
        return Err(Error::WrongStage);
    };
    ensure!(now < ends, Error::StandstillOver);
    Ok(bid)
}

/// A protest by `bidder` with its own bid `bid` (whose entry is `entry`)
/// against the award of `awarded` is admissible: one per bidder and award
/// round (`last_round`: the round it last protested in), bonded with the
/// tender's bid bond.
pub fn check_filing(
    e: &Evaluation,
    entry: &Entry,
    bidder: AccountId,
    bid: u32,
    awarded: u32,
    last_round: Option<u32>,
    bond: Balance,
) -> Result<()> {
    ensure!(entry.bidder == bidder && bid != awarded, Error::NotProtestable);
    ensure!(last_round != Some(e.round), Error::AlreadyProtested);
    ensure!(bond == e.bond, Error::WrongBond);
    Ok(())
}

/// When the Auditor's decision on a protest filed at `filed_at` is due
/// (exclusive).
pub fn decision_due(filed_at: Timestamp) -> Result<Timestamp> {
    filed_at.checked_add(PROTEST_DECISION_MS).ok_or(Error::Overflow)
}

/// How a protest nobody decided ends at `now`: `Moot` if the award it
/// challenged was already set aside (`current` false), `Overdue` once its
/// decision window passed (the award stands); `DecisionPending` before.
pub fn disposal(current: bool, filed_at: Timestamp, now: Timestamp) -> Result<ProtestState> {
    if !current {
        return Ok(ProtestState::Moot);
    }
    ensure!(now >= decision_due(filed_at)?, Error::DecisionPending);
    Ok(ProtestState::Overdue)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use procurement_shared::DAY_MS;

    #[test]
    fn protests_are_open_during_the_standstill_only() {
        let ends = 50 * DAY_MS;
        assert_eq!(window(Stage::Standstill { bid: 2, ends }, ends - 1), Ok(2));
        assert_eq!(window(Stage::Standstill { bid: 2, ends }, ends), Err(Error::StandstillOver));
        assert_eq!(window(Stage::Scoring, 0), Err(Error::WrongStage));
    }

    #[test]
    fn a_bidder_protests_once_per_round_with_its_own_other_bid_and_the_bond() {
        let e = crate::committee::opened(procurement_shared::ranking::Method::LowestPrice, 500, 3, DAY_MS);
        let bidder = AccountId::from([5; 32]);
        let entry = Entry { bidder, price: 10, reveal_index: 1, quality_sum: 0, scores: 0, excluded: false };
        assert_eq!(check_filing(&e, &entry, bidder, 1, 0, None, 500), Ok(()));
        assert_eq!(check_filing(&e, &entry, AccountId::from([6; 32]), 1, 0, None, 500), Err(Error::NotProtestable), "not its bid");
        assert_eq!(check_filing(&e, &entry, bidder, 1, 1, None, 500), Err(Error::NotProtestable), "against itself");
        assert_eq!(check_filing(&e, &entry, bidder, 1, 0, Some(0), 500), Err(Error::AlreadyProtested));
        assert_eq!(check_filing(&e, &entry, bidder, 1, 0, Some(1), 499), Err(Error::WrongBond));
    }

    #[test]
    fn an_undecided_protest_is_moot_or_overdue_never_early() {
        let filed = 10 * DAY_MS;
        assert_eq!(disposal(false, filed, filed), Ok(ProtestState::Moot), "a moot protest is refunded at once");
        assert_eq!(disposal(true, filed, filed + PROTEST_DECISION_MS - 1), Err(Error::DecisionPending));
        assert_eq!(disposal(true, filed, filed + PROTEST_DECISION_MS), Ok(ProtestState::Overdue));
        assert_eq!(disposal(true, Timestamp::MAX, Timestamp::MAX), Err(Error::Overflow));
    }
}
