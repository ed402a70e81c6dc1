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
use crate::tranche::{scale_plan, Terms, DAY_MS, FULL_BPS};
use crate::{Balance, CommitmentId, TenderId, Timestamp};

/// Earliest a plan's first milestone may fall due after the conclusion: one
/// day. The signing deadline is never after the first due date, so a plan
/// due at the conclusion itself would give the winner no time to sign and
/// the escrow would refuse the offer; the tender refuses such a plan at
/// publication instead.
pub const MIN_FIRST_DUE_MS: Timestamp = DAY_MS;
/// Latest a milestone may fall due after the conclusion: ten years. Bounds
/// every due date so that an offer's date arithmetic cannot overflow at the
/// conclusion, years after the plan was published.
pub const MAX_DUE_OFFSET_MS: Timestamp = 3_650 * DAY_MS;

/// The rule every milestone schedule obeys, the tender's plan (due offsets)
/// and the escrow's agreement (due dates) alike: 1 to `MAX_MILESTONES`
/// milestones, each paying something (`pays`), due at strictly increasing
/// times. Returns how many. What each one sums to (shares to 10 000, amounts
/// to the price) is its owner's rule.
pub fn schedule(milestones: impl IntoIterator<Item = (Timestamp, bool)>) -> Option<u8> {
    let mut count: u8 = 0;
    let mut last: Option<Timestamp> = None;
    for (due, pays) in milestones {
        if !pays || last.is_some_and(|previous| due <= previous) {
            return None;
        }
        last = Some(due);
        count = count.checked_add(1)?;
    }
    (1..=crate::MAX_MILESTONES).contains(&count).then_some(count)
}

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

/// The lowest price at which a plan of `shares` gives every milestone at
/// least one unit (`scale_plan` rounds each share down, so a small price can
/// leave a milestone at 0, which no agreement can hold). Every share but the
/// last needs `ceil(10 000 / share)`; the last takes the rounding remainder,
/// which is never 0. `None` for an empty plan or a zero share.
///
/// The tender computes it at publication and counts a revealed bid below it
/// as invalid, so a price that cannot become an agreement is never ranked.
pub fn min_price(shares: &[u16]) -> Option<Balance> {
    let (_, head) = shares.split_last()?;
    let full = Balance::from(FULL_BPS);
    let mut lowest: Balance = 1;
    for share in head {
        let share = Balance::from(*share);
        if share == 0 {
            return None;
        }
        let needed = full.checked_add(share.checked_sub(1)?)?.checked_div(share)?;
        lowest = lowest.max(needed);
    }
    Some(lowest)
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
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_is_one_to_the_most_paying_milestones_due_in_order() {
        assert_eq!(schedule([(10, true), (20, true)]), Some(2));
        assert_eq!(schedule([]), None, "no milestone");
        assert_eq!(schedule([(10, true), (10, true)]), None, "two due at once");
        assert_eq!(schedule([(20, true), (10, true)]), None, "out of order");
        assert_eq!(schedule([(10, true), (20, false)]), None, "one pays nothing");
        let most = (1..=u64::from(crate::MAX_MILESTONES)).map(|d| (d, true));
        assert_eq!(schedule(most.clone()), Some(crate::MAX_MILESTONES));
        assert_eq!(schedule(most.chain([(99, true)])), None, "one too many");
    }

    use crate::DAY_MS as DAY;

    fn plan(steps: &[(u16, Timestamp)]) -> Vec<Milestone> {
        steps.iter().map(|&(share_bps, due)| Milestone { share_bps, due_offset_ms: due, description: Hash::from([7; 32]) }).collect()
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
    fn min_price_is_the_first_price_with_no_empty_milestone() {
        for shares in [&[4_000u16, 6_000][..], &[1, 9_999], &[3_333, 3_333, 3_334], &[10_000], &[9_999, 1], &[2_500; 4], &[7, 3_000, 6_993]]
        {
            let lowest = min_price(shares).unwrap();
            let fits = |price: Balance| scale_plan(price, shares).unwrap().iter().all(|a| *a > 0);
            assert!(fits(lowest), "{shares:?} at {lowest}");
            assert!(lowest == 1 || !fits(lowest - 1), "{shares:?} below {lowest}");
            for price in lowest..lowest + 50 {
                assert!(fits(price), "{shares:?} at {price}");
            }
        }
        assert_eq!(min_price(&[4_000, 6_000]), Some(3), "1 and 2 leave the 40 % milestone at 0");
        assert_eq!(min_price(&[10_000]), Some(1));
        assert_eq!(min_price(&[1, 9_999]), Some(10_000));
        assert_eq!(min_price(&[]), None);
        assert_eq!(min_price(&[0, 10_000]), None);
    }

    #[test]
    fn a_plan_within_the_due_bounds_always_gives_an_offer_at_min_price() {
        let c = contracting();
        let p = plan(&[(4_000, MIN_FIRST_DUE_MS), (6_000, MAX_DUE_OFFSET_MS)]);
        let now = 100 * 365 * DAY;
        let o = offer(1, AccountId::from([1; 32]), 3, &p, &c, now, 14 * DAY).unwrap();
        assert!(o.milestones.iter().all(|m| m.amount > 0));
        assert_eq!(o.sign_by, now + MIN_FIRST_DUE_MS, "the signing window is at least a day");
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
