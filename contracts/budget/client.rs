//! How the suite's other contracts call the treasury, across contracts.
//!
//! Each call returns the treasury's answer, or [`CallError`]: `Refused` with
//! the budget's own error, or `Unreachable` when the call itself failed (no
//! contract at the address, a trap, an answer that does not decode).

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::{Balance, CallError, LineId, ReservationId, TenderId};

use crate::{BudgetRef, Error};

/// The treasury as other contracts see it.
pub struct Treasury;

fn treasury(address: AccountId) -> BudgetRef {
    FromAccountId::from_account_id(address)
}

fn answer<T>(call: Result<ink::primitives::MessageResult<Result<T, Error>>, ink::env::Error>) -> Result<T, CallError<Error>> {
    match call {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(refusal))) => Err(CallError::Refused(refusal)),
        _ => Err(CallError::Unreachable),
    }
}

impl Treasury {
    /// `reserve(line, amount, tender)` as the calling contract (which must
    /// hold `TenderService`).
    pub fn reserve(address: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<Error>> {
        answer(treasury(address).call_mut().reserve(line, amount, tender).try_invoke())
    }

    /// `cancel_reservation(reservation)` as the calling contract (its owner).
    pub fn cancel_reservation(address: AccountId, reservation: ReservationId) -> Result<(), CallError<Error>> {
        answer(treasury(address).call_mut().cancel_reservation(reservation).try_invoke())
    }

    /// `deposit()` with `amount` attached, from the calling contract's balance.
    pub fn deposit(address: AccountId, amount: Balance) -> Result<(), CallError<Error>> {
        answer(treasury(address).call_mut().deposit().transferred_value(amount).try_invoke())
    }
}
