//! Errors of the tender contract.
//!
//! In a module of its own because the SCALE derive writes each variant index
//! of an enum with fields as `<n>usize as u8`, which cargo-contract's
//! `cast_possible_truncation` lint rejects; the `allow` covers only this
//! derived code.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;
use procurement_shared::{Balance, Role};

/// Why a message refused. A refusal changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Returned if `account` lacks `role`, which the message needs.
    MissingRole { role: Role, account: AccountId },
    /// Returned if a would-be bidder holds `role`, which conflicts with
    /// bidding (a staff role: officer, evaluator, inspector, treasurer,
    /// auditor, admin; or a service role).
    ConflictingRole { role: Role },
    /// Returned by publication and bidding while the suite is paused.
    Paused,
    /// Returned if the role registry could not be asked.
    RegistryUnavailable,
    /// Returned if the budget refused (reserving the estimate, cancelling the
    /// reservation or taking a forfeited bond); carries the budget's reason.
    /// (The reason travels as the callee encoded it: `procurement_shared::relay`.)
    Budget(budget::client::Refusal),
    /// Returned if the budget contract could not be called.
    BudgetUnavailable,
    /// Returned if the estimate or the bond is zero.
    ZeroAmount,
    /// Returned if deadlines are not in the future, not ordered, leave less
    /// than the minimum windows, lie beyond the horizon, or (amendments)
    /// move earlier.
    InvalidDeadlines,
    /// Returned if the evaluation method's weights do not sum to 100, the
    /// price weight is zero, or the minimum quality exceeds 100.
    InvalidMethod,
    /// Returned if the milestone plan is empty, too long, has a zero share,
    /// shares not summing to 100 % or due dates not increasing.
    InvalidMilestones,
    /// Returned if the standstill is outside the allowed range.
    InvalidStandstill,
    /// Returned if no tender has this id.
    TenderNotFound,
    /// Returned if the tender was cancelled.
    TenderCancelled,
    /// Returned if the tender was awarded (cancel, and anything else only an
    /// open tender allows).
    TenderAwarded,
    /// Returned if the tender was closed as unsuccessful.
    TenderUnsuccessful,
    /// Returned by `award` if the bid is not revealed and valid, or its
    /// bidder is the winner who let an agreement lapse.
    NotAwardable,
    /// Returned if the tender is not awarded (settling a winner's bond).
    NotAwarded,
    /// Returned if the current winner's bond is still held: settle it first
    /// (awarding again, closing as unsuccessful).
    WinnerBondHeld,
    /// Returned if the submission deadline has passed (commit, amend).
    SubmissionClosed,
    /// Returned if the attached value is not what the message requires: the
    /// bond for a new bid, nothing for a replacement.
    WrongBond { expected: Balance, attached: Balance },
    /// Returned if the tender already has `MAX_BIDS` bidders.
    TooManyBids,
    /// Returned if the caller (or the named bidder) has no bid on the tender.
    BidNotFound,
    /// Returned if the bid is not sealed (already revealed, withdrawn or
    /// forfeited).
    NotSealed,
    /// Returned if a bid is withdrawn at or after the submission deadline.
    WithdrawalClosed,
    /// Returned if an amendment changes neither the dossier nor a deadline.
    NothingAmended,
    /// Returned by `book_surplus` if the contract holds nothing beyond the
    /// bonds on its books.
    NoSurplus,
    /// Returned if a reveal comes before the submission deadline.
    RevealNotOpen,
    /// Returned if a reveal comes at or after the reveal deadline.
    RevealClosed,
    /// Returned if the revealed values do not hash to the commitment.
    CommitmentMismatch,
    /// Returned if the bond cannot be claimed (yet, or any more).
    BondNotClaimable,
    /// Returned if a bond is forfeited before the reveal deadline.
    RevealStillOpen,
    /// Returned if a native transfer failed; nothing changed.
    TransferFailed,
    /// Returned if a figure would overflow.
    Overflow,
    /// Returned if the bid to be awarded no longer holds its bond: its
    /// bidder took the bid security back (allowed once another bid was
    /// awarded), which withdraws the offer, so it cannot be awarded later.
    BidSecurityWithdrawn,
    /// Returned by `set_code` if no code was uploaded under the hash.
    CodeNotFound,
    /// Returned by `migrate` if the storage is another contract's, or a
    /// version of this one the code has no migration from.
    UnknownLayout,
}

procurement_shared::denied_into!(Error);
procurement_shared::call_error_into!(Error, budget::client::Refusal, Budget, BudgetUnavailable);

/// Result of the tender contract's messages.
pub type Result<T> = core::result::Result<T, Error>;
