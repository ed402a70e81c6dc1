//! How the suite's other contracts call the treasury, across contracts.
//!
//! Each function returns `None` when the call itself failed (no contract at
//! the address, a trap, a decoding error), else the treasury's own answer.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::{LineId, ReservationId};

use crate::policy::Balance;
use crate::{BudgetRef, Error};

fn treasury(address: AccountId) -> BudgetRef {
    FromAccountId::from_account_id(address)
}

/// `reserve(line, amount)` as the calling contract (which must hold
/// `TenderService`).
pub fn reserve(address: AccountId, line: LineId, amount: Balance) -> Option<Result<ReservationId, Error>> {
    match treasury(address).call_mut().reserve(line, amount).try_invoke() {
        Ok(Ok(answer)) => Some(answer),
        _ => None,
    }
}

/// `cancel_reservation(reservation)` as the calling contract (its owner).
pub fn cancel_reservation(address: AccountId, reservation: ReservationId) -> Option<Result<(), Error>> {
    match treasury(address).call_mut().cancel_reservation(reservation).try_invoke() {
        Ok(Ok(answer)) => Some(answer),
        _ => None,
    }
}

/// `deposit()` with `amount` attached, from the calling contract's balance.
pub fn deposit(address: AccountId, amount: Balance) -> Option<Result<(), Error>> {
    match treasury(address).call_mut().deposit().transferred_value(amount).try_invoke() {
        Ok(Ok(answer)) => Some(answer),
        _ => None,
    }
}
