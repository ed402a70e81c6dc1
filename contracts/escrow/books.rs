//! Every move of an agreement's money, as plain Rust over its [`Tally`];
//! unit tested without ink!.
//!
//! Identity after every move: `paid + queued + retention + deducted +
//! decommitted + outstanding = price`, where `outstanding` is the amount of
//! the milestones not yet approved. Callers work on a copy of the agreement
//! and store it only if every move and every budget call returned `Ok`.

use procurement_shared::tranche::Tranche;
use procurement_shared::{ensure, Balance, ReleaseOutcome};

use crate::errors::{Error, Result};
use crate::types::{Agreement, Tally};

fn add(a: Balance, b: Balance) -> Result<Balance> {
    a.checked_add(b).ok_or(Error::Overflow)
}

fn sub(a: Balance, b: Balance) -> Result<Balance> {
    a.checked_sub(b).ok_or(Error::Overflow)
}

impl Tally {
    /// Everything accounted for so far.
    pub fn accounted(&self) -> Option<Balance> {
        self.paid.checked_add(self.queued)?.checked_add(self.retention)?.checked_add(self.deducted)?.checked_add(self.decommitted)
    }
}

impl Agreement {
    /// Amount of the milestones not approved yet.
    pub fn outstanding(&self) -> Option<Balance> {
        self.price.checked_sub(self.tally.accounted()?)
    }

    /// What the budget commitment still binds for this agreement:
    /// retention held plus milestones not approved yet.
    pub fn still_committed(&self) -> Option<Balance> {
        self.tally.retention.checked_add(self.outstanding()?)
    }
}

/// Counts a released amount as paid or queued, as the budget answered.
fn count_release(tally: &mut Tally, amount: Balance, outcome: Option<ReleaseOutcome>) -> Result<()> {
    match outcome {
        Some(ReleaseOutcome::Paid) => tally.paid = add(tally.paid, amount)?,
        Some(ReleaseOutcome::Queued(_)) => tally.queued = add(tally.queued, amount)?,
        None if amount == 0 => {}
        None => return Err(Error::Overflow),
    }
    Ok(())
}

/// A milestone of `tranche.amount` was approved: its deduction went back to
/// the line, its payable part was released (`outcome`, `None` if zero) and
/// its retention stays committed.
pub fn approve(agreement: &mut Agreement, tranche: &Tranche, outcome: Option<ReleaseOutcome>) -> Result<()> {
    let outstanding = agreement.outstanding().ok_or(Error::Overflow)?;
    ensure!(tranche.amount <= outstanding, Error::Overflow);
    let tally = &mut agreement.tally;
    tally.deducted = add(tally.deducted, tranche.deduction)?;
    tally.retention = add(tally.retention, tranche.retention)?;
    count_release(tally, tranche.payable, outcome)
}

/// The retention held was released to the vendor (`outcome`, `None` if
/// there was none).
pub fn release_retention(agreement: &mut Agreement, outcome: Option<ReleaseOutcome>) -> Result<Balance> {
    let tally = &mut agreement.tally;
    let retention = tally.retention;
    tally.retention = 0;
    count_release(tally, retention, outcome)?;
    Ok(retention)
}

/// The agreement ended and the budget closed its commitment, returning
/// `returned` to the line: everything not approved, and any retention still
/// held, is now decommitted.
///
/// The budget may return more than that: a queued release the Treasurers
/// rejected went back into the commitment, so that much moves from
/// `queued` to `decommitted`. It cannot return less: the escrow service
/// role has one holder for good, this escrow (the registry never grants
/// it), and the budget pays only to the vendor; were it ever to, the
/// shortfall would count as paid.
pub fn close(agreement: &mut Agreement, returned: Balance) -> Result<()> {
    let expected = agreement.still_committed().ok_or(Error::Overflow)?;
    let tally = &mut agreement.tally;
    if returned >= expected {
        tally.queued = sub(tally.queued, sub(returned, expected)?)?;
    } else {
        tally.paid = add(tally.paid, sub(expected, returned)?)?;
    }
    tally.retention = 0;
    tally.decommitted = add(tally.decommitted, returned)?;
    // Nothing is outstanding any more: the unapproved milestones' amount is
    // part of `returned`.
    ensure!(agreement.outstanding() == Some(0), Error::Overflow);
    Ok(())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use crate::types::AgreementState;
    use ink::primitives::AccountId;
    use procurement_shared::tranche::Terms;

    fn agreement(price: Balance) -> Agreement {
        Agreement {
            tender: 1,
            vendor: AccountId::from([1; 32]),
            inspector: AccountId::from([2; 32]),
            commitment: 3,
            price,
            terms: Terms { retention_bps: 500, late_bps_per_day: 100, late_cap_bps: 1_000 },
            sign_by: 10,
            warranty_ms: 0,
            milestones: 2,
            approved: 0,
            escalated: 0,
            state: AgreementState::Active,
            tally: Tally::default(),
        }
    }

    fn tranche(amount: Balance, deduction: Balance, retention: Balance) -> Tranche {
        Tranche { amount, deduction, retention, payable: amount - deduction - retention }
    }

    fn identity(a: &Agreement) -> Balance {
        a.tally.accounted().unwrap() + a.outstanding().unwrap()
    }

    #[test]
    fn approvals_retention_and_close_keep_the_identity() {
        let mut a = agreement(1_000);
        assert_eq!((a.outstanding(), a.still_committed()), (Some(1_000), Some(1_000)));
        approve(&mut a, &tranche(400, 40, 18), Some(ReleaseOutcome::Paid)).unwrap();
        assert_eq!(identity(&a), 1_000);
        assert_eq!((a.tally.paid, a.tally.deducted, a.tally.retention), (342, 40, 18));
        approve(&mut a, &tranche(600, 0, 30), Some(ReleaseOutcome::Queued(7))).unwrap();
        assert_eq!((a.tally.queued, a.outstanding(), a.still_committed()), (570, Some(0), Some(48)));
        assert_eq!(release_retention(&mut a, Some(ReleaseOutcome::Paid)).unwrap(), 48);
        assert_eq!((a.tally.paid, a.tally.retention), (390, 0));
        close(&mut a, 0).unwrap();
        assert_eq!(identity(&a), 1_000);
    }

    #[test]
    fn a_tranche_larger_than_what_is_outstanding_is_refused() {
        let mut a = agreement(1_000);
        approve(&mut a, &tranche(900, 0, 0), Some(ReleaseOutcome::Paid)).unwrap();
        assert_eq!(approve(&mut a, &tranche(101, 0, 0), Some(ReleaseOutcome::Paid)), Err(Error::Overflow));
        assert_eq!(approve(&mut a, &tranche(100, 0, 0), None), Err(Error::Overflow), "a payable part needs an outcome");
        approve(&mut a, &tranche(100, 0, 100), None).unwrap();
        assert_eq!(a.outstanding(), Some(0));
    }

    #[test]
    fn closing_returns_the_rest_and_follows_treasury_rejections() {
        // Terminated after one approval: outstanding 600 and retention 20
        // go back.
        let mut a = agreement(1_000);
        approve(&mut a, &tranche(400, 0, 20), Some(ReleaseOutcome::Queued(1))).unwrap();
        close(&mut a, 620).unwrap();
        assert_eq!((a.tally.decommitted, a.tally.retention, a.tally.queued), (620, 0, 380));
        assert_eq!(identity(&a), 1_000);

        // The Treasurers rejected the queued 380 before the close: the budget
        // returns it too, and it is no longer counted as queued.
        let mut a = agreement(1_000);
        approve(&mut a, &tranche(400, 0, 20), Some(ReleaseOutcome::Queued(1))).unwrap();
        close(&mut a, 1_000).unwrap();
        assert_eq!((a.tally.decommitted, a.tally.queued), (1_000, 0));
        assert_eq!(identity(&a), 1_000);

        // Returning more than was ever queued cannot be accounted for.
        let mut a = agreement(1_000);
        assert_eq!(close(&mut a, 1_001), Err(Error::Overflow));

        // Less than expected: released to the vendor by another way.
        let mut a = agreement(1_000);
        close(&mut a, 900).unwrap();
        assert_eq!((a.tally.paid, a.tally.decommitted), (100, 900));
        assert_eq!(identity(&a), 1_000);
    }
}
