//! The escrow's rules as plain functions: what makes an offer acceptable,
//! when a rejection stands, when an agreement may complete, and who may
//! decide a dispute. Messages load the records, apply one of these, write
//! back and emit; these are unit-tested without ink!.

use ink::primitives::AccountId;
use procurement_shared::contracting::{self, AgreementParams, MilestoneSpec};
use procurement_shared::{ensure, Balance, CommitmentView, Timestamp};

use crate::errors::{Error, Result};
use crate::types::{Agreement, AgreementState, MilestoneState};
use crate::{CLAIM_DECISION_MS, ESCALATION_DECISION_MS, ESCALATION_WINDOW_MS, MAX_SIGN_WINDOW_MS, MAX_WARRANTY_MS};

/// Checks an offer on its own (milestones against the price, terms,
/// deadlines at `now`, an Inspector who is not the vendor); returns the
/// number of milestones. The Inspector's role and the commitment are
/// checked by the message, which must ask other contracts.
pub fn check_offer(params: &AgreementParams, now: Timestamp) -> Result<u8> {
    let count = check_milestones(&params.milestones, params.price)?;
    ensure!(params.terms.is_valid(), Error::InvalidTerms);
    let first_due = params.milestones.first().map_or(0, |m| m.due);
    let latest_sign = now.checked_add(MAX_SIGN_WINDOW_MS).ok_or(Error::Overflow)?;
    let sign_by = params.sign_by;
    ensure!(sign_by > now && sign_by <= latest_sign && sign_by <= first_due, Error::InvalidDeadlines);
    ensure!(params.warranty_ms <= MAX_WARRANTY_MS, Error::InvalidDeadlines);
    ensure!(params.inspector != params.vendor, Error::InvalidInspector);
    Ok(count)
}

/// A commitment backs the offer only if it is open, untouched, for this
/// tender, payable to the vendor and of exactly the price.
pub fn check_commitment(commitment: &CommitmentView, params: &AgreementParams) -> Result<()> {
    ensure!(
        commitment.open
            && commitment.untouched()
            && commitment.tender == params.tender
            && commitment.payee == params.vendor
            && commitment.amount == params.price,
        Error::CommitmentMismatch
    );
    Ok(())
}

/// Checks a milestone list against the price: 1 to `MAX_MILESTONES`, each
/// paying something, due dates strictly increasing, summing to the price
/// exactly. Returns its length.
pub fn check_milestones(milestones: &[MilestoneSpec], price: Balance) -> Result<u8> {
    let count = contracting::schedule(milestones.iter().map(|m| (m.due, m.amount > 0))).ok_or(Error::InvalidMilestones)?;
    let mut total: Balance = 0;
    for m in milestones {
        total = total.checked_add(m.amount).ok_or(Error::InvalidMilestones)?;
    }
    ensure!(total == price, Error::InvalidMilestones);
    Ok(count)
}

/// When the vendor's right to escalate a rejection made at `at` ends
/// (exclusive).
pub fn escalation_ends(at: Timestamp) -> Result<Timestamp> {
    at.checked_add(ESCALATION_WINDOW_MS).ok_or(Error::Overflow)
}

/// When an Auditor's time to decide the escalation of a rejection made at
/// `at` ends (exclusive): `ESCALATION_DECISION_MS` after the window in
/// which it could be escalated.
pub fn decision_ends(at: Timestamp) -> Result<Timestamp> {
    escalation_ends(at)?.checked_add(ESCALATION_DECISION_MS).ok_or(Error::Overflow)
}

/// `who` may decide a dispute over the agreement only if it is no party to
/// it: neither its Inspector nor its vendor, checked against the agreement
/// itself, so a role granted later changes nothing.
pub fn check_impartial(record: &Agreement, who: AccountId) -> Result<()> {
    ensure!(who != record.inspector && who != record.vendor, Error::PartyCannotDecide);
    Ok(())
}

/// Whether a milestone in `state` carries a rejection that stands at `now`
/// (the ground for a termination for default): rejected and no longer open
/// to escalation (upheld, or its window passed), or escalated (the caller
/// checks separately that no escalation is still within its decision
/// window, see [`holds_default`]).
pub fn rejection_stands(state: MilestoneState, now: Timestamp) -> Result<bool> {
    Ok(match state {
        MilestoneState::Rejected { at, appealable, .. } => !appealable || now >= escalation_ends(at)?,
        MilestoneState::Escalated { .. } => true,
        _ => false,
    })
}

/// Whether a milestone in `state` holds up every termination for default
/// at `now`: an escalation still within its decision window (one left
/// undecided past it no longer does).
pub fn holds_default(state: MilestoneState, now: Timestamp) -> Result<bool> {
    Ok(match state {
        MilestoneState::Escalated { at, .. } => now < decision_ends(at)?,
        _ => false,
    })
}

/// Whether an agreement in `state` may complete at `now`: its warranty is
/// over, and a defect claim filed in it is past its decision window.
pub fn completable(state: AgreementState, now: Timestamp) -> Result<bool> {
    Ok(match state {
        AgreementState::Warranty { ends } => now >= ends,
        AgreementState::Disputed { ends, filed_at, .. } => {
            now >= ends && now >= filed_at.checked_add(CLAIM_DECISION_MS).ok_or(Error::Overflow)?
        }
        _ => false,
    })
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use crate::MAX_MILESTONES;
    use ink::primitives::Hash;
    use procurement_shared::tranche::Terms;
    use procurement_shared::DAY_MS;

    const NOW: Timestamp = 1_000 * DAY_MS;

    fn offer(amounts: &[Balance]) -> AgreementParams {
        let milestones = (1u64..)
            .zip(amounts)
            .map(|(i, amount)| MilestoneSpec { amount: *amount, due: NOW + 10 * i * DAY_MS, description: Hash::from([1; 32]) })
            .collect();
        AgreementParams {
            tender: 7,
            vendor: AccountId::from([1; 32]),
            commitment: 3,
            price: amounts.iter().sum(),
            milestones,
            terms: Terms { retention_bps: 1_000, late_bps_per_day: 10, late_cap_bps: 1_000 },
            inspector: AccountId::from([2; 32]),
            sign_by: NOW + DAY_MS,
            warranty_ms: 30 * DAY_MS,
        }
    }

    #[test]
    fn an_offer_is_checked_on_its_milestones_terms_deadlines_and_inspector() {
        assert_eq!(check_offer(&offer(&[100, 200]), NOW), Ok(2));
        let mut o = offer(&[100, 200]);
        o.price = 301;
        assert_eq!(check_offer(&o, NOW), Err(Error::InvalidMilestones), "the milestones must sum to the price");
        assert_eq!(check_offer(&offer(&[100, 0]), NOW), Err(Error::InvalidMilestones), "every milestone pays");
        assert_eq!(check_offer(&offer(&[]), NOW), Err(Error::InvalidMilestones));
        let too_many = [1; MAX_MILESTONES as usize + 1];
        assert_eq!(check_offer(&offer(&too_many), NOW), Err(Error::InvalidMilestones));
        let mut o = offer(&[100, 200]);
        o.milestones[1].due = o.milestones[0].due;
        assert_eq!(check_offer(&o, NOW), Err(Error::InvalidMilestones), "due dates strictly increase");
        let mut o = offer(&[100]);
        o.terms.retention_bps = 10_001;
        assert_eq!(check_offer(&o, NOW), Err(Error::InvalidTerms));
        for sign_by in [NOW, NOW + MAX_SIGN_WINDOW_MS + 1, NOW + 11 * DAY_MS] {
            let mut o = offer(&[100]);
            o.sign_by = sign_by;
            assert_eq!(check_offer(&o, NOW), Err(Error::InvalidDeadlines), "sign_by {sign_by}");
        }
        let mut o = offer(&[100]);
        o.warranty_ms = MAX_WARRANTY_MS + 1;
        assert_eq!(check_offer(&o, NOW), Err(Error::InvalidDeadlines));
        let mut o = offer(&[100]);
        o.inspector = o.vendor;
        assert_eq!(check_offer(&o, NOW), Err(Error::InvalidInspector));
    }

    #[test]
    fn only_an_untouched_commitment_of_exactly_the_offer_backs_it() {
        let o = offer(&[100, 200]);
        let view = CommitmentView { tender: 7, payee: o.vendor, amount: 300, released: 0, queued: 0, open: true };
        assert_eq!(check_commitment(&view, &o), Ok(()));
        let wrong = [
            CommitmentView { open: false, ..view },
            CommitmentView { released: 1, ..view },
            CommitmentView { queued: 1, ..view },
            CommitmentView { tender: 8, ..view },
            CommitmentView { payee: o.inspector, ..view },
            CommitmentView { amount: 299, ..view },
        ];
        for w in wrong {
            assert_eq!(check_commitment(&w, &o), Err(Error::CommitmentMismatch), "{w:?}");
        }
    }

    #[test]
    fn a_rejection_stands_once_it_cannot_be_escalated_and_an_escalation_holds_defaults_only_in_its_window() {
        let at = NOW;
        let reason = Hash::from([3; 32]);
        let open = MilestoneState::Rejected { reason, at, appealable: true };
        assert_eq!(rejection_stands(open, at + ESCALATION_WINDOW_MS - 1), Ok(false));
        assert_eq!(rejection_stands(open, at + ESCALATION_WINDOW_MS), Ok(true));
        assert_eq!(rejection_stands(MilestoneState::Rejected { reason, at, appealable: false }, at), Ok(true));
        let escalated = MilestoneState::Escalated { reason, at };
        assert_eq!(rejection_stands(escalated, at), Ok(true));
        assert_eq!(rejection_stands(MilestoneState::Pending, at), Ok(false));
        let window_end = at + ESCALATION_WINDOW_MS + ESCALATION_DECISION_MS;
        assert_eq!(holds_default(escalated, window_end - 1), Ok(true));
        assert_eq!(holds_default(escalated, window_end), Ok(false), "an Auditor who never decides holds nothing up");
        assert_eq!(holds_default(open, at), Ok(false));
        assert_eq!(rejection_stands(MilestoneState::Rejected { reason, at: Timestamp::MAX, appealable: true }, at), Err(Error::Overflow));
    }

    #[test]
    fn an_agreement_completes_after_its_warranty_and_any_claim_window() {
        let ends = NOW;
        assert_eq!(completable(AgreementState::Warranty { ends }, ends - 1), Ok(false));
        assert_eq!(completable(AgreementState::Warranty { ends }, ends), Ok(true));
        let disputed = AgreementState::Disputed { ends, evidence: Hash::from([4; 32]), filed_at: ends - DAY_MS };
        assert_eq!(completable(disputed, ends), Ok(false), "the claim's decision window is still open");
        assert_eq!(completable(disputed, ends - DAY_MS + CLAIM_DECISION_MS), Ok(true));
        assert_eq!(completable(AgreementState::Offered, Timestamp::MAX), Ok(false));
    }

    #[test]
    fn no_party_decides_its_own_dispute() {
        let o = offer(&[100]);
        let record = Agreement::offered(&o, 1);
        assert_eq!(check_impartial(&record, o.vendor), Err(Error::PartyCannotDecide));
        assert_eq!(check_impartial(&record, o.inspector), Err(Error::PartyCannotDecide));
        assert_eq!(check_impartial(&record, AccountId::from([9; 32])), Ok(()));
    }
}
