//! Errors of the escrow contract.
//!
//! In a module of its own because the SCALE derive writes each variant index
//! of an enum with fields as `<n>usize as u8`, which cargo-contract's
//! `cast_possible_truncation` lint rejects; the `allow` covers only this
//! derived code.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;
use procurement_shared::Role;

/// Why a message refused. A refusal changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Returned if `account` lacks `role`, which the message (or the
    /// assigned Inspector, or the vendor) needs.
    MissingRole { role: Role, account: AccountId },
    /// Returned if the vendor also holds `role` (a staff or service role),
    /// or the proposed Inspector is a Vendor.
    ConflictingRole { role: Role },
    /// Returned by creation, delivery, approval and an overturn while the
    /// suite is paused.
    Paused,
    /// Returned if the role registry could not be asked.
    RegistryUnavailable,
    /// Returned if the budget refused (reading, releasing or decommitting
    /// the commitment); carries the budget's reason.
    /// (The reason travels as the callee encoded it: `procurement_shared::relay`.)
    Budget(budget::client::Refusal),
    /// Returned if the budget contract could not be called.
    BudgetUnavailable,
    /// Returned if no agreement has this id.
    AgreementNotFound,
    /// Returned if the agreement has no milestone with this index.
    MilestoneNotFound,
    /// Returned if the caller is not the agreement's vendor.
    NotVendor,
    /// Returned if the caller is not the agreement's assigned Inspector.
    NotInspector,
    /// Returned if the Auditor deciding an escalation or a defect claim is
    /// a party to the agreement (its vendor or its Inspector), whatever
    /// roles the account holds now.
    PartyCannotDecide,
    /// Returned if the Inspector is the vendor.
    InvalidInspector,
    /// Returned if the milestone list is empty or longer than
    /// `MAX_MILESTONES`, has a zero amount, due dates not strictly
    /// increasing, or amounts not summing exactly to the price.
    InvalidMilestones,
    /// Returned if retention or late terms exceed their bounds.
    InvalidTerms,
    /// Returned if the signing deadline is not in the future, beyond
    /// `MAX_SIGN_WINDOW_MS`, or after the first due date; or the warranty
    /// is longer than `MAX_WARRANTY_MS`.
    InvalidDeadlines,
    /// Returned if the budget has no such commitment.
    CommitmentNotFound,
    /// Returned if the commitment is closed, already drawn on, for another
    /// tender or payee, or of another amount than the price.
    CommitmentMismatch,
    /// Returned if another agreement already uses the commitment.
    CommitmentInUse,
    /// Returned if the agreement is not waiting for a signature.
    NotOffered,
    /// Returned by `sign` once the signing deadline has passed.
    SigningClosed,
    /// Returned by `lapse` before the signing deadline has passed.
    SigningOpen,
    /// Returned if the agreement is not signed and running.
    NotActive,
    /// Returned if the milestone is delivered and waiting, or approved.
    NotDeliverable,
    /// Returned if the milestone is not delivered and waiting.
    NotDelivered,
    /// Returned if the milestone's rejection cannot be escalated: it is not
    /// rejected, an Auditor already upheld it, or the escalation window has
    /// closed.
    NotAppealable,
    /// Returned if the milestone's rejection is not under escalation.
    NotEscalated,
    /// Returned if the agreement is not in its warranty period, or the
    /// period has ended (defect claims).
    NotInWarranty,
    /// Returned if no defect claim is waiting.
    NoClaim,
    /// Returned by `complete` before the warranty has ended, while a defect
    /// claim waits within its decision window, or before every milestone is
    /// approved.
    NotCompletable,
    /// Returned by a termination for default if the named milestone's
    /// rejection does not stand yet (not rejected, or still open to an
    /// escalation).
    NoStandingRejection,
    /// Returned by a termination for default while a rejection waits for an
    /// Auditor.
    EscalationPending,
    /// Returned if a figure would overflow (a bug, never an input).
    Overflow,
    /// Returned by `decide_escalation` after `ESCALATION_DECISION_MS`: the
    /// rejection stands (the vendor may still deliver again).
    DecisionOverdue,
    /// Returned by `book_surplus` when the contract holds nothing.
    NoSurplus,
    /// Returned by `set_code` if no code was uploaded under the hash.
    CodeNotFound,
    /// Returned by `migrate` if the storage is another contract's, or a
    /// version of this one the code has no migration from.
    UnknownLayout,
}

procurement_shared::denied_into!(Error);
procurement_shared::call_error_into!(Error, budget::client::Refusal, Budget, BudgetUnavailable);

/// Result of the escrow contract's messages.
pub type Result<T> = core::result::Result<T, Error>;
