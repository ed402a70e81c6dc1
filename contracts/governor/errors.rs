//! Why the governor refused. A refusal changes nothing: a refused
//! `execute` undoes whatever the change's calls did before it failed (a
//! replaced code included).
//!
//! In a module of its own because the SCALE derive writes each variant index
//! of an enum with fields as `<n>usize as u8`, which cargo-contract's
//! `cast_possible_truncation` lint rejects; the `allow` covers only this
//! derived code.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use procurement_shared::{Denied, Role, SuiteContract, Timestamp};

/// The governor's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Returned if `account` lacks `role` (scheduling and cancelling need
    /// the Admin).
    MissingRole { role: Role, account: AccountId },
    /// Returned if the role book could not be asked.
    RegistryUnavailable,
    /// Returned if a change is scheduled to run before `earliest` (now plus
    /// the minimum delay).
    TooEarly { earliest: Timestamp },
    /// Returned if a change is scheduled to run after `latest` (now plus
    /// the minimum delay plus [`MAX_HORIZON`](crate::MAX_HORIZON)).
    TooLate { latest: Timestamp },
    /// Returned if [`MAX_PENDING`](crate::MAX_PENDING) changes are already
    /// pending.
    TooManyPending,
    /// Returned if no change has the id.
    ChangeNotFound,
    /// Returned if the change was cancelled.
    ChangeCancelled,
    /// Returned if the change was already executed.
    AlreadyExecuted,
    /// Returned if a change is executed before its time, `eta`.
    NotYet { eta: Timestamp },
    /// Returned if a change is executed after `expired_at` (its time plus
    /// [`GRACE`](crate::GRACE)): it can only be cancelled.
    Expired { expired_at: Timestamp },
    /// Returned if someone other than the Admin cancels a change that has
    /// not expired (anyone may clear an expired one).
    NotExpired { expired_at: Timestamp },
    /// Returned if a new minimum delay is below [`DELAY_FLOOR`](crate::DELAY_FLOOR)
    /// or above [`MAX_DELAY`](crate::MAX_DELAY).
    DelayOutOfRange,
    /// Returned if an exclusive pair names one role twice.
    SameRole,
    /// Returned if a release policy is not valid (the budget's own rule).
    InvalidPolicy,
    /// Returned if an upgrade's target already runs that code.
    SameCode,
    /// Returned for an upgrade of the governor itself: its code is fixed
    /// (docs/ARCHITECTURE.md, "Governed upgrades", says how it is replaced).
    NotUpgradeable,
    /// Returned if the target of a change refused it; `reason` is the
    /// target's own error, SCALE-encoded (decode it with that contract's
    /// metadata).
    TargetRefused { contract: SuiteContract, reason: Vec<u8> },
    /// Returned if the target could not be called, or its answer did not
    /// decode (new code that traps on the storage it finds, for example).
    TargetUnreachable { contract: SuiteContract },
    /// Returned if the change ids are exhausted or a time overflows.
    Overflow,
}

impl From<Denied> for Error {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::MissingRole { role, account } | Denied::ConflictingRole { role, account } => Error::MissingRole { role, account },
            // The governor asks with `WhilePaused::Allowed`: never paused.
            Denied::Paused | Denied::RegistryUnavailable => Error::RegistryUnavailable,
        }
    }
}

/// Result of the governor's messages.
pub type Result<T> = core::result::Result<T, Error>;
