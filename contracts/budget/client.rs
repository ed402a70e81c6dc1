//! How the suite's other contracts call the treasury, across contracts.
//!
//! Each call returns the treasury's answer, or [`CallError`]: `Refused` with
//! the budget's own error as a [`Refusal`] (kept encoded, see
//! `procurement_shared::relay`), or `Unreachable` when the call itself
//! failed (no contract at the address, a trap, an answer that does not
//! decode). The calls that can be refused go through `relay::call`.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::ports::TreasuryPort;
use procurement_shared::relay::{self, message};
use procurement_shared::{Balance, CallError, CommitmentId, CommitmentView, LineId, Relayed, ReleaseOutcome, ReservationId, TenderId};

use crate::{BudgetRef, Error};

/// The budget's refusal as a calling contract relays it in its own error.
pub type Refusal = Relayed<Error>;

fn treasury(address: AccountId) -> BudgetRef {
    FromAccountId::from_account_id(address)
}

/// The treasury as other contracts see it.
pub struct Treasury;

impl TreasuryPort for Treasury {
    type Refusal = Refusal;

    /// `reserve(line, amount, tender)` as the calling contract (which must
    /// hold `TenderService`).
    fn reserve(address: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("reserve")).push_arg(line).push_arg(amount).push_arg(tender);
        relay::call(address, 0, input)
    }

    /// `cancel_reservation(reservation)` as the calling contract (its owner).
    fn cancel_reservation(address: AccountId, reservation: ReservationId) -> Result<(), CallError<Refusal>> {
        let input = message(ink::selector_bytes!("cancel_reservation")).push_arg(reservation);
        relay::call(address, 0, input)
    }

    /// `deposit()` with `amount` attached, from the calling contract's balance.
    fn deposit(address: AccountId, amount: Balance) -> Result<(), CallError<Refusal>> {
        let input = message(ink::selector_bytes!("deposit"));
        relay::call(address, amount, input)
    }

    /// `commit(reservation, amount, payee)` as the calling contract (which
    /// must hold `EvaluationService`); the new commitment.
    fn commit(
        address: AccountId,
        reservation: ReservationId,
        amount: Balance,
        payee: AccountId,
    ) -> Result<CommitmentId, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("commit")).push_arg(reservation).push_arg(amount).push_arg(payee);
        relay::call(address, 0, input)
    }

    /// `release(commitment, amount, to)` as the calling contract (which
    /// must hold `EscrowService`).
    fn release(address: AccountId, commitment: CommitmentId, amount: Balance, to: AccountId) -> Result<ReleaseOutcome, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("release")).push_arg(commitment).push_arg(amount).push_arg(to);
        relay::call(address, 0, input)
    }

    /// `decommit(commitment, amount)` as the calling contract (which must
    /// hold `EscrowService`); returns the amount given back to the line.
    fn decommit(address: AccountId, commitment: CommitmentId, amount: Option<Balance>) -> Result<Balance, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("decommit")).push_arg(commitment).push_arg(amount);
        relay::call(address, 0, input)
    }

    /// The commitment `commitment` as a paying contract sees it, or `None`
    /// if there is none.
    fn commitment(address: AccountId, commitment: CommitmentId) -> Result<Option<CommitmentView>, CallError<Refusal>> {
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
