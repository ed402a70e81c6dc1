//! Who may sit on an evaluation committee, until when it scores, and the
//! terms fixed at its appointment: the rules `appoint` applies, as plain
//! functions unit-tested without ink!. The checks that must ask other
//! contracts (a member's roles, whether it bid) stay in the message.

use ink::primitives::AccountId;
use procurement_shared::contracting::Contracting;
use procurement_shared::tendering::TenderSummary;
use procurement_shared::{ensure, Timestamp};

use crate::errors::{Error, Result};
use crate::types::{Entry, Evaluation, Member, Stage};
use crate::{MAX_MEMBERS, MAX_SCORING_WINDOW_MS, MIN_MEMBERS, QUORUM};
use procurement_shared::ranking::{Candidate, Method};

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

/// Folds a member's quality score for a bid into the books: a revision
/// replaces the member's earlier score in the bid's sum; a first score
/// also counts for the bid and the member, and a member who has now scored
/// every bid completes one more seat. `previous` is the member's earlier
/// score for this bid, if any.
pub fn fold_score(e: &mut Evaluation, member: &mut Member, entry: &mut Entry, previous: Option<u8>, quality: u8) -> Result<()> {
    let added = u32::from(quality);
    match previous {
        Some(old) => {
            let without = entry.quality_sum.checked_sub(u32::from(old)).ok_or(Error::Overflow)?;
            entry.quality_sum = without.checked_add(added).ok_or(Error::Overflow)?;
        }
        None => {
            entry.quality_sum = entry.quality_sum.checked_add(added).ok_or(Error::Overflow)?;
            entry.scores = entry.scores.checked_add(1).ok_or(Error::Overflow)?;
            member.scored = member.scored.checked_add(1).ok_or(Error::Overflow)?;
            if member.scored == e.bids {
                e.complete = e.complete.checked_add(1).ok_or(Error::Overflow)?;
            }
        }
    }
    Ok(())
}

/// Whether the committee may rank at `now`: `Some(true)` when every seat is
/// held by a member who declared no conflict and (weighted method) scored
/// every bid; `Some(false)` after the scoring deadline with `QUORUM`
/// declared members; `None` before either.
pub fn may_rank(e: &Evaluation, now: Timestamp) -> Option<bool> {
    let weighted = e.method != Method::LowestPrice;
    let everyone = e.vacant == 0 && e.declared == e.seats && (!weighted || e.complete == e.seats);
    let late = now >= e.scoring_deadline && u32::from(e.declared) >= QUORUM;
    (everyone || late).then_some(everyone)
}

/// Whether the bids to rank carry the scores a ranking needs: always for
/// the lowest price or a full committee; after a late quorum on the
/// weighted method, `QUORUM` scores on every bid.
pub fn enough_scores(e: &Evaluation, everyone: bool, candidates: &[Candidate]) -> bool {
    everyone || e.method == Method::LowestPrice || candidates.iter().all(|c| c.scores >= QUORUM)
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

/// For the rule modules' unit tests: an evaluation just opened by a
/// three-seat committee over `bids` bids of a tender compared by `method`,
/// with `bond` per bid and scoring until `deadline`.
#[cfg(test)]
pub(crate) fn opened(method: Method, bond: procurement_shared::Balance, bids: u32, deadline: Timestamp) -> Evaluation {
    let officer = AccountId::from([1; 32]);
    let summary = TenderSummary {
        officer,
        open: true,
        reveal_deadline: 0,
        method,
        revealed: bids,
        bond,
        standstill_ms: procurement_shared::DAY_MS,
        reservation: 0,
    };
    let terms = procurement_shared::tranche::Terms { retention_bps: 0, late_bps_per_day: 0, late_cap_bps: 0 };
    open(officer, &summary, bids, 3, deadline, Contracting { inspector: AccountId::from([9; 32]), terms, warranty_ms: 0 })
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
    fn a_score_is_counted_once_and_a_revision_replaces_it() {
        let mut e = opened(Method::LowestPrice, 1, 2, DAY_MS);
        let mut m = Member { seat: 0, state: crate::types::MemberState::Declared(ink::primitives::Hash::from([1; 32])), scored: 0 };
        let mut first = Entry { bidder: account(5), price: 10, reveal_index: 0, quality_sum: 0, scores: 0, excluded: false };
        let mut second = Entry { reveal_index: 1, ..first };
        assert_eq!(fold_score(&mut e, &mut m, &mut first, None, 70), Ok(()));
        assert_eq!((first.quality_sum, first.scores, m.scored, e.complete), (70, 1, 1, 0));
        assert_eq!(fold_score(&mut e, &mut m, &mut first, Some(70), 40), Ok(()), "a revision");
        assert_eq!((first.quality_sum, first.scores, m.scored, e.complete), (40, 1, 1, 0));
        assert_eq!(fold_score(&mut e, &mut m, &mut second, None, 90), Ok(()));
        assert_eq!((second.quality_sum, m.scored, e.complete), (90, 2, 1), "the member scored every bid: its seat is complete");
        assert_eq!(fold_score(&mut e, &mut m, &mut second, Some(91), 0), Err(Error::Overflow), "a sum that does not hold the old score");
    }

    #[test]
    fn a_committee_ranks_when_full_or_after_the_deadline_with_a_quorum() {
        let deadline = 10 * DAY_MS;
        let mut e = opened(Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 0 }, 1, 2, deadline);
        assert_eq!(may_rank(&e, deadline - 1), None, "nobody declared yet");
        e.declared = 3;
        assert_eq!(may_rank(&e, deadline - 1), None, "declared, not every bid scored (weighted)");
        e.complete = 3;
        assert_eq!(may_rank(&e, deadline - 1), Some(true), "every seat declared and scored");
        e.complete = 1;
        e.declared = QUORUM as u8;
        e.vacant = 1;
        assert_eq!(may_rank(&e, deadline), Some(false), "a quorum after the deadline");
        let scored = |scores| Candidate { index: 0, price: 10, quality_sum: 0, scores };
        assert!(!enough_scores(&e, false, &[scored(QUORUM), scored(QUORUM - 1)]), "a late quorum needs QUORUM scores on every bid");
        assert!(enough_scores(&e, false, &[scored(QUORUM), scored(QUORUM)]));
        e.method = Method::LowestPrice;
        assert!(enough_scores(&e, false, &[scored(0)]), "the lowest price needs no scores");
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
