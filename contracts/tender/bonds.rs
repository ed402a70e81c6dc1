//! Bid bond bookkeeping as plain Rust: every bond taken, returned or
//! forfeited goes through these two moves, which keep the tender's own
//! figure and the contract-wide total equal to what the contract holds.
//!
//! Identity: `total = sum of every tender's bonds_held = sum of every bid's
//! bond`, and the contract's balance covers `total`. Callers work on copies
//! and write back only on `Ok`.

use procurement_shared::Balance;

use crate::errors::{Error, Result};
use crate::types::{Bid, Tender};

/// A bond of `amount` received for `bid` on `tender`.
pub fn take(total: &mut Balance, tender: &mut Tender, bid: &mut Bid, amount: Balance) -> Result<()> {
    *total = total.checked_add(amount).ok_or(Error::Overflow)?;
    tender.bonds_held = tender.bonds_held.checked_add(amount).ok_or(Error::Overflow)?;
    bid.bond = bid.bond.checked_add(amount).ok_or(Error::Overflow)?;
    Ok(())
}

/// `bid`'s whole bond leaves the contract (refunded to the bidder or
/// forfeited to the treasury). Returns the amount.
pub fn release(total: &mut Balance, tender: &mut Tender, bid: &mut Bid) -> Result<Balance> {
    let amount = bid.bond;
    *total = total.checked_sub(amount).ok_or(Error::Overflow)?;
    tender.bonds_held = tender.bonds_held.checked_sub(amount).ok_or(Error::Overflow)?;
    bid.bond = 0;
    Ok(amount)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use crate::types::{BidState, Method, TenderStatus};
    use ink::primitives::{AccountId, Hash};

    fn tender() -> Tender {
        Tender {
            officer: AccountId::from([1; 32]),
            line: 0,
            reservation: 0,
            estimate: 100,
            min_price: 1,
            dossier: Hash::from([0; 32]),
            bond: 5,
            submission_deadline: 10,
            reveal_deadline: 20,
            method: Method::LowestPrice,
            standstill_ms: 1,
            milestone_count: 1,
            amendments: 0,
            status: TenderStatus::Open,
            bidders: 0,
            revealed: 0,
            bonds_held: 0,
        }
    }

    fn bid() -> Bid {
        Bid { commitment: Hash::from([2; 32]), bond: 0, state: BidState::Sealed { amendment: 0 } }
    }

    #[test]
    fn bonds_in_and_out_keep_the_three_figures_equal() {
        let (mut total, mut t, mut a, mut b) = (0, tender(), bid(), bid());
        take(&mut total, &mut t, &mut a, 5).unwrap();
        take(&mut total, &mut t, &mut b, 5).unwrap();
        assert_eq!((total, t.bonds_held, a.bond + b.bond), (10, 10, 10));
        assert_eq!(release(&mut total, &mut t, &mut a).unwrap(), 5);
        assert_eq!((total, t.bonds_held, a.bond, b.bond), (5, 5, 0, 5));
        // Releasing again moves nothing.
        assert_eq!(release(&mut total, &mut t, &mut a).unwrap(), 0);
        assert_eq!((total, t.bonds_held), (5, 5));
    }

    #[test]
    fn overflow_and_underflow_are_refused() {
        let (mut total, mut t, mut a) = (Balance::MAX, tender(), bid());
        assert_eq!(take(&mut total, &mut t, &mut a, 1), Err(Error::Overflow));
        let (mut total, mut t, mut a) = (0, tender(), Bid { bond: 3, ..bid() });
        assert_eq!(release(&mut total, &mut t, &mut a), Err(Error::Overflow));
    }
}
