//! Turning an award into an agreement offer: the records the evaluation
//! contract hands the escrow, and the one function that builds them from the
//! tender's milestone plan, so the plan, the price and the due dates agree
//! wherever they are computed (contract, tests, a wallet).
//!
//! Type definitions and plain arithmetic; `cast_possible_truncation` is
//! allowed because the SCALE derive writes enum variant indices as
//! `<n>usize as u8`.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};

use crate::tendering::Milestone;
use crate::tranche::{scale_plan, Terms};
use crate::{Balance, CommitmentId, TenderId, Timestamp};

/// One milestone as the evaluation service proposes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct MilestoneSpec {
    /// What it pays when approved (before deduction and retention).
    pub amount: Balance,
    /// Due date (ms); a delivery a whole day or more after it is late.
    pub due: Timestamp,
    /// Hash of what is to be delivered, from the tender dossier.
    pub description: Hash,
}

/// What the evaluation service submits to create an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct AgreementParams {
    /// The procurement it concludes.
    pub tender: TenderId,
    /// The winning vendor, the only payee.
    pub vendor: AccountId,
    /// The budget commitment that funds it: open, untouched, for this
    /// tender, payable to the vendor, of exactly the price.
    pub commitment: CommitmentId,
    /// Total price; the milestones sum to it exactly.
    pub price: Balance,
    /// 1 to the escrow's `MAX_MILESTONES` milestones, due dates strictly
    /// increasing.
    pub milestones: Vec<MilestoneSpec>,
    /// Retention and late-delivery deduction (bounds in
    /// `procurement_shared::tranche`).
    pub terms: Terms,
    /// The Inspector who approves or rejects deliveries (never the vendor).
    pub inspector: AccountId,
    /// Last moment (exclusive) for the vendor to sign (ms).
    pub sign_by: Timestamp,
    /// How long after the last approval the retention stays held and
    /// defects may be claimed (ms), at most the escrow's `MAX_WARRANTY_MS`.
    pub warranty_ms: Timestamp,
}

/// The agreement terms a procurement officer fixes when appointing the
/// committee, before any bid is ranked, so they cannot be tailored to the
/// winner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Contracting {
    /// The Inspector who will approve or reject deliveries.
    pub inspector: AccountId,
    /// Retention and late-delivery deduction.
    pub terms: Terms,
    /// Warranty after the last approval (ms).
    pub warranty_ms: Timestamp,
}

/// Whether an offered agreement was signed, as the evaluation reads it to
/// settle the winner's bond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// Offered and waiting for the vendor (or past its deadline but not yet
    /// lapsed by anyone).
    Pending,
    /// Signed: the agreement runs, or ran, its course.
    Signed,
    /// The vendor let the deadline pass and the offer lapsed.
    Lapsed,
}

/// The offer for `vendor` at `price`, concluded at `now`: the tender's
/// `plan` scaled to the price (`tranche::scale_plan`), each due date its
/// offset from `now`, and the signing deadline `sign_window` after `now` but
/// never after the first due date. The commitment is left 0: the caller
/// sets it once the budget has committed the price (after this check).
/// `None` if the plan does not scale (shares not summing to 100 %) or a date
/// overflows.
pub fn offer(
    tender: TenderId,
    vendor: AccountId,
    price: Balance,
    plan: &[Milestone],
    contracting: &Contracting,
    now: Timestamp,
    sign_window: Timestamp,
) -> Option<AgreementParams> {
    let shares: Vec<u16> = plan.iter().map(|m| m.share_bps).collect();
    let amounts = scale_plan(price, &shares)?;
    let mut milestones = Vec::with_capacity(plan.len());
    for (m, amount) in plan.iter().zip(amounts) {
        milestones.push(MilestoneSpec { amount, due: now.checked_add(m.due_offset_ms)?, description: m.description });
    }
    let first_due = milestones.first()?.due;
    let sign_by = now.checked_add(sign_window)?.min(first_due);
    Some(AgreementParams {
        tender,
        vendor,
        commitment: 0,
        price,
        milestones,
        terms: contracting.terms,
        inspector: contracting.inspector,
        sign_by,
        warranty_ms: contracting.warranty_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Timestamp = 86_400_000;

    fn plan(steps: &[(u16, Timestamp)]) -> Vec<Milestone> {
        steps
            .iter()
            .map(|&(share_bps, due)| Milestone { share_bps, due_offset_ms: due, description: Hash::from([7; 32]) })
            .collect()
    }

    fn contracting() -> Contracting {
        Contracting {
            inspector: AccountId::from([9; 32]),
            terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
            warranty_ms: 30 * DAY,
        }
    }

    #[test]
    fn the_plan_scales_to_the_price_and_dates_count_from_the_conclusion() {
        let vendor = AccountId::from([1; 32]);
        let o = offer(4, vendor, 1_000, &plan(&[(3_333, 30 * DAY), (3_333, 60 * DAY), (3_334, 90 * DAY)]), &contracting(), 1_000, 14 * DAY)
            .unwrap();
        let amounts: Vec<Balance> = o.milestones.iter().map(|m| m.amount).collect();
        assert_eq!(amounts, [333, 333, 334]);
        assert_eq!(o.milestones.iter().map(|m| m.amount).sum::<Balance>(), o.price);
        let dues: Vec<Timestamp> = o.milestones.iter().map(|m| m.due).collect();
        assert_eq!(dues, [1_000 + 30 * DAY, 1_000 + 60 * DAY, 1_000 + 90 * DAY]);
        assert_eq!(o.sign_by, 1_000 + 14 * DAY);
        assert_eq!((o.tender, o.vendor, o.commitment, o.inspector), (4, vendor, 0, contracting().inspector));
        assert_eq!((o.terms, o.warranty_ms), (contracting().terms, 30 * DAY));
    }

    #[test]
    fn signing_never_ends_after_the_first_due_date() {
        let o = offer(1, AccountId::from([1; 32]), 10, &plan(&[(10_000, 3 * DAY)]), &contracting(), 0, 14 * DAY).unwrap();
        assert_eq!(o.sign_by, 3 * DAY);
    }

    #[test]
    fn a_plan_that_does_not_scale_or_a_date_that_overflows_gives_no_offer() {
        let c = contracting();
        let who = AccountId::from([1; 32]);
        assert_eq!(offer(1, who, 10, &plan(&[(5_000, DAY)]), &c, 0, DAY), None, "shares short of 100 %");
        assert_eq!(offer(1, who, 10, &[], &c, 0, DAY), None, "no milestone");
        assert_eq!(offer(1, who, 10, &plan(&[(10_000, DAY)]), &c, Timestamp::MAX, DAY), None, "due date overflows");
    }
}
