//! How the suite's other contracts call the treasury, across contracts.
//!
//! Each call returns the treasury's answer, or [`CallError`]: `Refused` with
//! the budget's own error, or `Unreachable` when the call itself failed (no
//! contract at the address, a trap, an answer that does not decode).

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::{Balance, CallError, CommitmentId, CommitmentView, LineId, ReleaseOutcome, ReservationId, TenderId};

use crate::{BudgetRef, Error};

/// The treasury as other contracts see it.
pub struct Treasury;

fn treasury(address: AccountId) -> BudgetRef {
    FromAccountId::from_account_id(address)
}

impl Treasury {
    /// `reserve(line, amount, tender)` as the calling contract (which must
    /// hold `TenderService`).
    pub fn reserve(address: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<Error>> {
        CallError::answer(treasury(address).call_mut().reserve(line, amount, tender).try_invoke())
    }

    /// `cancel_reservation(reservation)` as the calling contract (its owner).
    pub fn cancel_reservation(address: AccountId, reservation: ReservationId) -> Result<(), CallError<Error>> {
        CallError::answer(treasury(address).call_mut().cancel_reservation(reservation).try_invoke())
    }

    /// `deposit()` with `amount` attached, from the calling contract's balance.
    pub fn deposit(address: AccountId, amount: Balance) -> Result<(), CallError<Error>> {
        CallError::answer(treasury(address).call_mut().deposit().transferred_value(amount).try_invoke())
    }

    /// `commit(reservation, amount, payee)` as the calling contract (which
    /// must hold `EvaluationService`); the new commitment.
    pub fn commit(address: AccountId, reservation: ReservationId, amount: Balance, payee: AccountId) -> Result<CommitmentId, CallError<Error>> {
        CallError::answer(treasury(address).call_mut().commit(reservation, amount, payee).try_invoke())
    }

    /// `release(commitment, amount, to)` as the calling contract (which
    /// must hold `EscrowService`).
    pub fn release(address: AccountId, commitment: CommitmentId, amount: Balance, to: AccountId) -> Result<ReleaseOutcome, CallError<Error>> {
        CallError::answer(treasury(address).call_mut().release(commitment, amount, to).try_invoke())
    }

    /// `decommit(commitment, amount)` as the calling contract (which must
    /// hold `EscrowService`); returns the amount given back to the line.
    pub fn decommit(address: AccountId, commitment: CommitmentId, amount: Option<Balance>) -> Result<Balance, CallError<Error>> {
        CallError::answer(treasury(address).call_mut().decommit(commitment, amount).try_invoke())
    }

    /// The commitment `commitment` as a paying contract sees it, or `None`
    /// if there is none.
    pub fn commitment(address: AccountId, commitment: CommitmentId) -> Result<Option<CommitmentView>, CallError<Error>> {
        match treasury(address).call().commitment(commitment).try_invoke() {
            Ok(Ok(found)) => Ok(found.map(|c| CommitmentView {
                tender: c.tender,
                payee: c.payee,
                amount: c.amount,
                released: c.released,
                queued: c.queued,
                open: !c.is_decommitted(),
            })),
            _ => Err(CallError::Unreachable),
        }
    }
}
