//! The ports: what one contract of the suite asks of another, as traits.
//!
//! Each port has two implementations: the real client in the callee's crate
//! (`budget::client::Treasury`, `tender::client::Tenders`,
//! `escrow::client::Agreements`, `role_book::client::Writer`: cross-contract
//! calls), and the dev-only `test-kit`'s stand-in for ink!'s off-chain unit
//! tests, which cannot call contracts. Both implement the trait here, so a
//! stand-in that drifts from the real client (a changed argument, a new
//! call) fails to compile. The registry port is [`crate::Roles`].
//!
//! Every call answers the callee's value, or [`CallError`]: `Refused` with
//! the callee's own error as `Self::Refusal` (the real clients keep it
//! encoded, see [`crate::relay`]), or `Unreachable` when the call itself
//! failed (no contract at the address, a trap, an answer that does not
//! decode). The first argument is always the callee's address.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

use crate::contracting::{AgreementParams, Signature};
use crate::tendering::{BondSettlement, Funding, Milestone, RevealedView, TenderSummary};
use crate::{AgreementId, Balance, CallError, CommitmentId, CommitmentView, LineId, ReleaseOutcome, ReservationId, RoleSet, TenderId};

/// The treasury (`budget`), as the tender, evaluation and escrow call it.
pub trait TreasuryPort {
    /// The budget's refusal as the caller receives it.
    type Refusal;

    /// `reserve(line, amount, tender)` (caller holds `TenderService`): the
    /// new reservation.
    fn reserve(budget: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<Self::Refusal>>;

    /// `cancel_reservation(reservation)` (caller owns it).
    fn cancel_reservation(budget: AccountId, reservation: ReservationId) -> Result<(), CallError<Self::Refusal>>;

    /// `deposit()` with `amount` attached from the caller's balance.
    fn deposit(budget: AccountId, amount: Balance) -> Result<(), CallError<Self::Refusal>>;

    /// `commit(reservation, amount, payee)` (caller holds
    /// `EvaluationService`): the new commitment.
    fn commit(
        budget: AccountId,
        reservation: ReservationId,
        amount: Balance,
        payee: AccountId,
    ) -> Result<CommitmentId, CallError<Self::Refusal>>;

    /// The commitment as a paying contract sees it, or `None`.
    fn commitment(budget: AccountId, commitment: CommitmentId) -> Result<Option<CommitmentView>, CallError<Self::Refusal>>;

    /// `release(commitment, amount, to)` (caller holds `EscrowService`):
    /// paid now, or queued for the Treasurers.
    fn release(
        budget: AccountId,
        commitment: CommitmentId,
        amount: Balance,
        to: AccountId,
    ) -> Result<ReleaseOutcome, CallError<Self::Refusal>>;

    /// `decommit(commitment, amount)` (caller holds `EscrowService`): the
    /// amount given back to the line.
    fn decommit(budget: AccountId, commitment: CommitmentId, amount: Option<Balance>) -> Result<Balance, CallError<Self::Refusal>>;
}

/// The tender book (`tender`), as the evaluation reads and awards it.
pub trait TenderPort {
    /// The tender's refusal as the caller receives it.
    type Refusal;

    /// The tender as its evaluation needs it, or `None`.
    fn summary(book: AccountId, tender: TenderId) -> Result<Option<TenderSummary>, CallError<Self::Refusal>>;

    /// Up to `limit` revealed bids from reveal index `start`.
    fn revealed(book: AccountId, tender: TenderId, start: u32, limit: u32) -> Result<Vec<RevealedView>, CallError<Self::Refusal>>;

    /// Whether `account` bid in the tender.
    fn has_bid(book: AccountId, tender: TenderId, account: AccountId) -> Result<bool, CallError<Self::Refusal>>;

    /// The tender's milestone plan.
    fn milestones(book: AccountId, tender: TenderId) -> Result<Vec<Milestone>, CallError<Self::Refusal>>;

    /// `award(tender, winner, funding)` (caller holds `EvaluationService`).
    fn award(book: AccountId, tender: TenderId, winner: AccountId, funding: Funding) -> Result<(), CallError<Self::Refusal>>;

    /// `settle_winner_bond(tender, settlement)` (caller holds
    /// `EvaluationService`): the amount returned or forfeited.
    fn settle_winner_bond(book: AccountId, tender: TenderId, settlement: BondSettlement) -> Result<Balance, CallError<Self::Refusal>>;

    /// `close_unsuccessful(tender)` (caller holds `EvaluationService`).
    fn close_unsuccessful(book: AccountId, tender: TenderId) -> Result<(), CallError<Self::Refusal>>;
}

/// The escrow, as the evaluation offers agreements and follows them.
pub trait AgreementPort {
    /// The escrow's refusal as the caller receives it.
    type Refusal;

    /// `create(params)` (caller holds `EvaluationService`): the new
    /// agreement.
    fn create(escrow: AccountId, params: AgreementParams) -> Result<AgreementId, CallError<Self::Refusal>>;

    /// Whether the agreement was signed, is still offered, or lapsed.
    fn signature(escrow: AccountId, agreement: AgreementId) -> Result<Signature, CallError<Self::Refusal>>;
}

/// The role book, as the registry (`access_control`) writes it.
pub trait RoleBookPort {
    /// The role book's refusal as the caller receives it.
    type Refusal;

    /// Every role `account` holds, replacing what it held.
    fn set_roles(book: AccountId, account: AccountId, roles: RoleSet) -> Result<(), CallError<Self::Refusal>>;

    /// Whether the suite is paused.
    fn set_paused(book: AccountId, paused: bool) -> Result<(), CallError<Self::Refusal>>;
}
