//! Milestone money: how a tender's milestone plan (shares in basis points)
//! becomes amounts for an award price, and what an accepted milestone pays.
//!
//! Evaluation scales the plan when it concludes an agreement, escrow pays
//! tranches from it, and a vendor's wallet shows what a delivery will bring:
//! all three use these functions, so they agree to the unit. Plain integer
//! arithmetic, checked everywhere: `None` means the inputs cannot be right
//! (shares not summing to 100 %, an overflowing price), never a panic.
//!
//! A tranche is computed in this order:
//! 1. the late-delivery deduction: `late_bps_per_day` of the milestone amount
//!    for every *whole* day between the due date and the delivery (a delivery
//!    less than a day late costs nothing), at most `late_cap_bps`;
//! 2. retention: `retention_bps` of what remains, held back until final
//!    acceptance;
//! 3. the rest is paid now.
//!
//! `deduction + retention + payable = amount` always, so an agreement's
//! books close to the unit.

use ink::prelude::vec::Vec;

use crate::{Balance, Timestamp};
pub use crate::{DAY_MS, FULL_BPS};

/// Most retention an agreement may hold back: 10 % of each tranche, the
/// usual ceiling for public works.
pub const MAX_RETENTION_BPS: u16 = 1_000;
/// Most a late delivery can cost: 20 % of the milestone.
pub const MAX_LATE_CAP_BPS: u16 = 2_000;

/// The money terms of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Terms {
    /// Share of each tranche held back until final acceptance.
    pub retention_bps: u16,
    /// Deduction per whole day late, as a share of the milestone amount.
    pub late_bps_per_day: u16,
    /// Most the late deduction may reach, as a share of the milestone amount.
    pub late_cap_bps: u16,
}

impl Terms {
    /// Whether the terms are within the documented bounds.
    pub fn is_valid(&self) -> bool {
        self.retention_bps <= MAX_RETENTION_BPS && self.late_cap_bps <= MAX_LATE_CAP_BPS && self.late_bps_per_day <= self.late_cap_bps
    }
}

/// What one accepted milestone pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tranche {
    /// The milestone's amount.
    pub amount: Balance,
    /// Late-delivery deduction: returns to the budget line.
    pub deduction: Balance,
    /// Held back until final acceptance (stays committed).
    pub retention: Balance,
    /// Paid now: `amount - deduction - retention`.
    pub payable: Balance,
}

/// `amount * bps / 10 000`, rounded down; `None` on overflow.
pub fn share(amount: Balance, bps: u32) -> Option<Balance> {
    // Split the amount so that the multiplication cannot overflow for any
    // amount: (q * 10 000 + r) * bps / 10 000 = q * bps + r * bps / 10 000.
    let full = Balance::from(FULL_BPS);
    let (whole, rest) = (amount.checked_div(full)?, amount.checked_rem(full)?);
    whole.checked_mul(Balance::from(bps))?.checked_add(rest.checked_mul(Balance::from(bps))?.checked_div(full)?)
}

/// The amounts of a plan of `shares` (basis points summing to 10 000) for
/// `price`: each share rounded down, the last milestone taking what rounding
/// left, so the amounts sum exactly to `price`. `None` if the shares do not
/// sum to 100 %, the plan is empty or a figure would overflow.
pub fn scale_plan(price: Balance, shares: &[u16]) -> Option<Vec<Balance>> {
    let total = shares.iter().try_fold(0u32, |sum, s| sum.checked_add(u32::from(*s)))?;
    let (_, head) = shares.split_last()?;
    if total != FULL_BPS {
        return None;
    }
    let mut amounts = Vec::with_capacity(shares.len());
    let mut allotted: Balance = 0;
    for s in head {
        let amount = share(price, u32::from(*s))?;
        allotted = allotted.checked_add(amount)?;
        amounts.push(amount);
    }
    amounts.push(price.checked_sub(allotted)?);
    Some(amounts)
}

/// Whole days from `due` to `delivered` (0 if on time or less than a day
/// late).
pub fn days_late(due: Timestamp, delivered: Timestamp) -> u64 {
    delivered.saturating_sub(due).checked_div(DAY_MS).unwrap_or(0)
}

/// What accepting a milestone of `amount`, due at `due` and delivered at
/// `delivered`, pays under `terms`. `None` if the terms are out of bounds
/// or a figure would overflow.
pub fn tranche(amount: Balance, due: Timestamp, delivered: Timestamp, terms: &Terms) -> Option<Tranche> {
    if !terms.is_valid() {
        return None;
    }
    let late_bps = u64::from(terms.late_bps_per_day).saturating_mul(days_late(due, delivered)).min(u64::from(terms.late_cap_bps));
    let deduction = share(amount, u32::try_from(late_bps).ok()?)?;
    let after_deduction = amount.checked_sub(deduction)?;
    let retention = share(after_deduction, u32::from(terms.retention_bps))?;
    let payable = after_deduction.checked_sub(retention)?;
    Some(Tranche { amount, deduction, retention, payable })
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    const TERMS: Terms = Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 };

    fn plan(price: Balance, shares: &[u16]) -> Option<Vec<Balance>> {
        scale_plan(price, shares)
    }

    #[test]
    fn a_plan_scales_exactly_and_the_last_milestone_takes_the_remainder() {
        assert_eq!(plan(1_000_000, &[3_000, 7_000]), Some(vec![300_000, 700_000]));
        // 3 333 bps of 100 is 33.33 -> 33; the last takes 100 - 33 - 33 = 34.
        assert_eq!(plan(100, &[3_333, 3_333, 3_334]), Some(vec![33, 33, 34]));
        assert_eq!(plan(1, &[5_000, 5_000]), Some(vec![0, 1]));
        assert_eq!(plan(0, &[10_000]), Some(vec![0]));
        for price in [1u128, 7, 999, 123_456_789, u128::MAX] {
            let amounts = plan(price, &[1_234, 2_345, 3_456, 2_965]).unwrap();
            assert_eq!(amounts.iter().sum::<u128>(), price, "{price}");
        }
    }

    #[test]
    fn a_plan_not_summing_to_100_percent_is_refused() {
        assert_eq!(plan(100, &[]), None);
        assert_eq!(plan(100, &[5_000, 4_999]), None);
        assert_eq!(plan(100, &[u16::MAX, u16::MAX]), None);
    }

    #[test]
    fn share_is_exact_for_any_amount() {
        assert_eq!(share(10_000, 1), Some(1));
        assert_eq!(share(9_999, 1), Some(0));
        assert_eq!(share(u128::MAX, FULL_BPS), Some(u128::MAX));
        assert_eq!(share(u128::MAX, 5_000), Some(u128::MAX / 2));
        assert_eq!(share(u128::MAX, FULL_BPS + 1), None, "more than 100 % of the maximum overflows");
    }

    #[test]
    fn on_time_delivery_pays_all_but_retention() {
        let t = tranche(100_000, 1_000, 1_000, &TERMS).unwrap();
        assert_eq!(t, Tranche { amount: 100_000, deduction: 0, retention: 5_000, payable: 95_000 });
        // Less than a whole day late costs nothing.
        assert_eq!(tranche(100_000, 1_000, 1_000 + DAY_MS - 1, &TERMS).unwrap().deduction, 0);
        // Early is on time.
        assert_eq!(tranche(100_000, 1_000, 0, &TERMS).unwrap().deduction, 0);
    }

    #[test]
    fn late_delivery_is_deducted_per_whole_day_up_to_the_cap() {
        // 3 days late: 30 bps of 100 000 = 300; retention 5 % of 99 700.
        let t = tranche(100_000, 0, 3 * DAY_MS + 5, &TERMS).unwrap();
        assert_eq!(t, Tranche { amount: 100_000, deduction: 300, retention: 4_985, payable: 94_715 });
        // 500 days late would be 50 %: capped at 10 %.
        let t = tranche(100_000, 0, 500 * DAY_MS, &TERMS).unwrap();
        assert_eq!((t.deduction, t.retention, t.payable), (10_000, 4_500, 85_500));
        // A delivery a lifetime late does not overflow.
        assert_eq!(tranche(100_000, 0, Timestamp::MAX, &TERMS).unwrap().deduction, 10_000);
    }

    #[test]
    fn the_parts_always_add_up() {
        let terms = Terms { retention_bps: MAX_RETENTION_BPS, late_bps_per_day: 7, late_cap_bps: MAX_LATE_CAP_BPS };
        for amount in [0u128, 1, 3, 9_999, 10_001, 987_654_321, u128::MAX] {
            for days in [0u64, 1, 2, 17, 1_000] {
                let t = tranche(amount, 0, days * DAY_MS, &terms).unwrap();
                assert_eq!(t.deduction + t.retention + t.payable, amount, "{amount} {days}");
            }
        }
    }

    #[test]
    fn terms_out_of_bounds_are_refused() {
        let too_much_retention = Terms { retention_bps: MAX_RETENTION_BPS + 1, ..TERMS };
        assert_eq!(tranche(1, 0, 0, &too_much_retention), None);
        let cap_too_high = Terms { late_cap_bps: MAX_LATE_CAP_BPS + 1, ..TERMS };
        assert_eq!(tranche(1, 0, 0, &cap_too_high), None);
        let rate_above_cap = Terms { late_bps_per_day: 11, late_cap_bps: 10, ..TERMS };
        assert!(!rate_above_cap.is_valid());
    }
}
