//! How the suite's other contracts call the treasury, across contracts.
//!
//! Each call returns the treasury's answer, or [`CallError`]: `Refused` with
//! the budget's own error as a [`Refusal`] (kept encoded, see
//! `procurement_shared::relay`), or `Unreachable` when the call itself
//! failed (no contract at the address, a trap, an answer that does not
//! decode). The calls that can be refused are built by selector so that
//! their answer decodes into a `Refusal` rather than the budget's `Error`.
//! A selector is the message's name here, not checked by the compiler: the
//! drink tests in `e2e-tests/` make every one of these calls on the real
//! bundles, so a renamed message fails them.

use ink::codegen::TraitCallBuilder;
use ink::env::call::{build_call, ExecutionInput, FromAccountId, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use procurement_shared::{
    Balance, CallError, CommitmentId, CommitmentView, LineId, Relayed, ReleaseOutcome, ReservationId, TenderId,
};

use crate::{BudgetRef, Error};

/// The budget's refusal as a calling contract relays it in its own error.
pub type Refusal = Relayed<Error>;

fn treasury(address: AccountId) -> BudgetRef {
    FromAccountId::from_account_id(address)
}

/// The input of the budget message named `name`.
fn message(name: [u8; 4]) -> ExecutionInput<ink::env::call::utils::EmptyArgumentList> {
    ExecutionInput::new(Selector::new(name))
}

/// The treasury as other contracts see it.
pub struct Treasury;

impl Treasury {
    /// `reserve(line, amount, tender)` as the calling contract (which must
    /// hold `TenderService`).
    pub fn reserve(address: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("reserve")).push_arg(line).push_arg(amount).push_arg(tender);
        CallError::answer(build_call::<DefaultEnvironment>().call(address).exec_input(input).returns().try_invoke())
    }

    /// `cancel_reservation(reservation)` as the calling contract (its owner).
    pub fn cancel_reservation(address: AccountId, reservation: ReservationId) -> Result<(), CallError<Refusal>> {
        let input = message(ink::selector_bytes!("cancel_reservation")).push_arg(reservation);
        CallError::answer(build_call::<DefaultEnvironment>().call(address).exec_input(input).returns().try_invoke())
    }

    /// `deposit()` with `amount` attached, from the calling contract's balance.
    pub fn deposit(address: AccountId, amount: Balance) -> Result<(), CallError<Refusal>> {
        let input = message(ink::selector_bytes!("deposit"));
        CallError::answer(
            build_call::<DefaultEnvironment>()
                .call(address)
                .transferred_value(amount)
                .exec_input(input)
                .returns()
                .try_invoke(),
        )
    }

    /// `commit(reservation, amount, payee)` as the calling contract (which
    /// must hold `EvaluationService`); the new commitment.
    pub fn commit(address: AccountId, reservation: ReservationId, amount: Balance, payee: AccountId) -> Result<CommitmentId, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("commit")).push_arg(reservation).push_arg(amount).push_arg(payee);
        CallError::answer(build_call::<DefaultEnvironment>().call(address).exec_input(input).returns().try_invoke())
    }

    /// `release(commitment, amount, to)` as the calling contract (which
    /// must hold `EscrowService`).
    pub fn release(address: AccountId, commitment: CommitmentId, amount: Balance, to: AccountId) -> Result<ReleaseOutcome, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("release")).push_arg(commitment).push_arg(amount).push_arg(to);
        CallError::answer(build_call::<DefaultEnvironment>().call(address).exec_input(input).returns().try_invoke())
    }

    /// `decommit(commitment, amount)` as the calling contract (which must
    /// hold `EscrowService`); returns the amount given back to the line.
    pub fn decommit(address: AccountId, commitment: CommitmentId, amount: Option<Balance>) -> Result<Balance, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("decommit")).push_arg(commitment).push_arg(amount);
        CallError::answer(build_call::<DefaultEnvironment>().call(address).exec_input(input).returns().try_invoke())
    }

    /// The commitment `commitment` as a paying contract sees it, or `None`
    /// if there is none.
    pub fn commitment(address: AccountId, commitment: CommitmentId) -> Result<Option<CommitmentView>, CallError<Refusal>> {
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
