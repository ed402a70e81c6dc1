//! Who may sit on an evaluation committee, until when it scores, and the
//! terms fixed at its appointment: the rules `appoint` applies, as plain
//! functions unit-tested without ink!. The checks that must ask other
//! contracts (a member's roles, whether it bid) stay in the message.

use ink::primitives::AccountId;
use procurement_shared::contracting::Contracting;
use procurement_shared::tendering::TenderSummary;
use procurement_shared::{ensure, Timestamp};

use crate::errors::{Error, Result};
use crate::types::{Evaluation, Stage};
use crate::{MAX_MEMBERS, MAX_SCORING_WINDOW_MS, MIN_MEMBERS};

/// A committee of `MIN_MEMBERS` to `MAX_MEMBERS` distinct accounts; its
/// number of seats.
pub fn check_seats(members: &[AccountId]) -> Result<u8> {
    let seats = u8::try_from(members.len()).map_err(|_| Error::InvalidCommittee)?;
    ensure!((MIN_MEMBERS..=MAX_MEMBERS).contains(&seats), Error::InvalidCommittee);
    for (i, member) in members.iter().enumerate() {
        ensure!(!members.iter().skip(i.saturating_add(1)).any(|other| other == member), Error::InvalidCommittee);
    }
    Ok(seats)
}

/// A scoring deadline after `now` and at most `MAX_SCORING_WINDOW_MS`
/// after it.
pub fn check_deadline(now: Timestamp, deadline: Timestamp) -> Result<()> {
    let latest = now.checked_add(MAX_SCORING_WINDOW_MS).ok_or(Error::Overflow)?;
    ensure!(deadline > now && deadline <= latest, Error::InvalidDeadline);
    Ok(())
}

/// Agreement terms within the escrow's bounds (retention and deduction,
/// warranty), fixed before any bid is ranked.
pub fn check_contracting(contracting: &Contracting) -> Result<()> {
    ensure!(contracting.terms.is_valid() && contracting.warranty_ms <= escrow::MAX_WARRANTY_MS, Error::InvalidContracting);
    Ok(())
}

/// The record of an evaluation that starts scoring: appointed by `by` for
/// the tender `summary` describes, over `bids` valid bids.
pub fn open(
    by: AccountId,
    summary: &TenderSummary,
    bids: u32,
    seats: u8,
    scoring_deadline: Timestamp,
    contracting: Contracting,
) -> Evaluation {
    Evaluation {
        officer: by,
        publisher: summary.officer,
        method: summary.method,
        bids,
        seats,
        declared: 0,
        complete: 0,
        vacant: 0,
        scoring_deadline,
        bond: summary.bond,
        standstill_ms: summary.standstill_ms,
        contracting,
        round: 0,
        open_protests: 0,
        protests: 0,
        stage: Stage::Scoring,
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use ink::prelude::vec::Vec;
    use procurement_shared::tranche::Terms;
    use procurement_shared::DAY_MS;

    fn account(n: u8) -> AccountId {
        AccountId::from([n; 32])
    }

    #[test]
    fn a_committee_has_three_to_the_most_distinct_members() {
        assert_eq!(check_seats(&[account(1), account(2)]), Err(Error::InvalidCommittee));
        assert_eq!(check_seats(&[account(1), account(2), account(3)]), Ok(3));
        assert_eq!(check_seats(&[account(1), account(2), account(1)]), Err(Error::InvalidCommittee), "one member, two seats");
        let most: Vec<AccountId> = (1..=MAX_MEMBERS).map(account).collect();
        assert_eq!(check_seats(&most), Ok(MAX_MEMBERS));
        let too_many: Vec<AccountId> = (1..=MAX_MEMBERS + 1).map(account).collect();
        assert_eq!(check_seats(&too_many), Err(Error::InvalidCommittee));
    }

    #[test]
    fn the_scoring_deadline_lies_in_the_window() {
        let now = 100 * DAY_MS;
        assert_eq!(check_deadline(now, now), Err(Error::InvalidDeadline));
        assert_eq!(check_deadline(now, now + 1), Ok(()));
        assert_eq!(check_deadline(now, now + MAX_SCORING_WINDOW_MS), Ok(()));
        assert_eq!(check_deadline(now, now + MAX_SCORING_WINDOW_MS + 1), Err(Error::InvalidDeadline));
        assert_eq!(check_deadline(Timestamp::MAX, Timestamp::MAX), Err(Error::Overflow));
    }

    #[test]
    fn the_terms_stay_within_the_escrows_bounds() {
        let fine = Contracting {
            terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
            inspector: account(9),
            warranty_ms: escrow::MAX_WARRANTY_MS,
        };
        assert_eq!(check_contracting(&fine), Ok(()));
        assert_eq!(check_contracting(&Contracting { warranty_ms: escrow::MAX_WARRANTY_MS + 1, ..fine }), Err(Error::InvalidContracting));
        let greedy = Contracting { terms: Terms { retention_bps: 10_001, ..fine.terms }, ..fine };
        assert_eq!(check_contracting(&greedy), Err(Error::InvalidContracting));
    }
}
