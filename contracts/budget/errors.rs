//! Errors of the budget contract.
//!
//! In a module of its own because the SCALE derive writes each variant index
//! of an enum with fields as `<n>usize as u8`, which cargo-contract's
//! `cast_possible_truncation` lint rejects; the `allow` covers only this
//! derived code.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;
use procurement_shared::{Balance, Denied, LineId, Role};

/// Why a message refused. A refusal changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Returned if `account` lacks `role`, which the message needs.
    MissingRole { role: Role, account: AccountId },
    /// Returned by new business (reservations, commitments) while the suite
    /// is paused.
    Paused,
    /// Returned if the role registry could not be asked (a failed
    /// cross-contract call).
    RegistryUnavailable,
    /// Returned if an amount is zero.
    ZeroAmount,
    /// Returned if the treasury holds less unappropriated money than asked.
    InsufficientUnappropriated { requested: Balance, unappropriated: Balance },
    /// Returned if a line code is empty or longer than `MAX_CODE_LEN`.
    InvalidCode,
    /// Returned if another line already has this code.
    DuplicateCode { line: LineId },
    /// Returned if a fiscal period does not end after it starts.
    InvalidPeriod,
    /// Returned if `MAX_LINES` lines exist.
    TooManyLines,
    /// Returned if no line has this id.
    LineNotFound,
    /// Returned if the line is closed.
    LineClosed,
    /// Returned if a line is closed before its period ends.
    PeriodNotEnded,
    /// Returned if a reservation is asked for after the line's period ended.
    PeriodEnded,
    /// Returned if the line's available money is less than asked.
    InsufficientAvailable { requested: Balance, available: Balance },
    /// Returned if no reservation has this id.
    ReservationNotFound,
    /// Returned if the reservation was already cancelled or committed.
    ReservationNotActive,
    /// Returned if the caller is not the account that made the reservation.
    NotReservationOwner,
    /// Returned if a commitment asks for more than its reservation holds.
    ExceedsReservation { requested: Balance, reserved: Balance },
    /// Returned if no commitment has this id.
    CommitmentNotFound,
    /// Returned if the commitment was decommitted.
    CommitmentClosed,
    /// Returned if a release asks for more than the commitment has left.
    ExceedsCommitment { requested: Balance, remaining: Balance },
    /// Returned if a release names an account other than the commitment's
    /// payee.
    WrongPayee,
    /// Returned if the commitment already has `MAX_PENDING_RELEASES` queued.
    TooManyPendingReleases,
    /// Returned if no queued release has this id.
    ReleaseNotFound,
    /// Returned if the queued release was already executed or rejected.
    ReleaseNotPending,
    /// Returned if this Treasurer already approved the release.
    AlreadyApproved,
    /// Returned if a release is executed with fewer approvals than required.
    NotEnoughApprovals { approvals: u8, required: u8 },
    /// Returned if a release policy has a zero window or an approval count
    /// outside 1..=`MAX_APPROVALS`.
    InvalidPolicy,
    /// Returned if the native transfer failed (for example it would leave the
    /// payee below the existential deposit). The books are unchanged.
    TransferFailed,
    /// Returned by `book_surplus` if the treasury holds nothing beyond its
    /// books.
    NoSurplus,
    /// Returned if a figure would overflow.
    Overflow,
    /// Returned by `set_code` if no code was uploaded under the hash.
    CodeNotFound,
    /// Returned by `migrate` if the storage is another contract's, or a
    /// version of this one the code has no migration from.
    UnknownLayout,
}

impl From<Denied> for Error {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::Paused => Error::Paused,
            Denied::MissingRole { role, account } => Error::MissingRole { role, account },
            // The budget asks only single roles, so the registry never
            // reports a conflict to it; should one arrive, refuse as missing.
            Denied::ConflictingRole { role, account } => Error::MissingRole { role, account },
            Denied::RegistryUnavailable => Error::RegistryUnavailable,
        }
    }
}

/// Result of the budget's messages.
pub type Result<T> = core::result::Result<T, Error>;
