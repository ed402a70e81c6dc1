//! The governor's types: a change, its state, the contracts it governs.
//!
//! Type definitions only. The module allows `cast_possible_truncation`
//! because the SCALE derive writes each variant index of an enum with
//! fields as `<n>usize as u8`; the `allow` covers only that derived code.
#![allow(clippy::cast_possible_truncation)]

use budget::ReleasePolicy;
use ink::primitives::{AccountId, Hash};
use procurement_shared::{LineId, Role, SuiteContract, Timestamp};

use crate::GRACE;

/// A change to the suite, as the Admin schedules it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Action {
    /// Replace `contract`'s code with the code uploaded as `code_hash`,
    /// keeping its address, storage and balance, and run the new code's
    /// migration.
    Upgrade { contract: SuiteContract, code_hash: Hash },
    /// From now on no account may hold both roles.
    DeclareExclusive { first: Role, second: Role },
    /// Lift the exclusivity of two roles.
    LiftExclusive { first: Role, second: Role },
    /// The treasury's policy for lines without their own.
    DefaultPolicy { policy: ReleasePolicy },
    /// A budget line's own policy, or (`None`) back to the default.
    LinePolicy { line: LineId, policy: Option<ReleasePolicy> },
    /// This governor's minimum delay, in milliseconds.
    MinDelay { delay: Timestamp },
}

/// Where a scheduled change stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ChangeState {
    /// Announced; may run from its time until it expires.
    Pending,
    /// Cancelled; will never run.
    Cancelled,
    /// Ran.
    Executed,
}

/// A change as the governor keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ScheduledChange {
    /// What changes.
    pub action: Action,
    /// Earliest execution time (ms).
    pub eta: Timestamp,
    /// When it was scheduled (ms).
    pub scheduled_at: Timestamp,
    /// The Admin who scheduled it.
    pub by: AccountId,
    /// Where it stands.
    pub state: ChangeState,
}

impl ScheduledChange {
    /// The last moment it may be executed.
    pub fn expires(&self) -> Timestamp {
        self.eta.saturating_add(GRACE)
    }
}

/// The suite's contracts the governor changes, fixed at construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Governed {
    /// `access_control`.
    pub registry: AccountId,
    /// `role_book` (also asked who the Admin is).
    pub role_book: AccountId,
    /// `budget`.
    pub budget: AccountId,
    /// `tender`.
    pub tender: AccountId,
    /// `escrow`.
    pub escrow: AccountId,
    /// `evaluation`.
    pub evaluation: AccountId,
}

impl Governed {
    /// The address of `contract`; `None` for the governor itself.
    pub fn address(&self, contract: SuiteContract) -> Option<AccountId> {
        match contract {
            SuiteContract::Registry => Some(self.registry),
            SuiteContract::RoleBook => Some(self.role_book),
            SuiteContract::Budget => Some(self.budget),
            SuiteContract::Tender => Some(self.tender),
            SuiteContract::Escrow => Some(self.escrow),
            SuiteContract::Evaluation => Some(self.evaluation),
            SuiteContract::Governor => None,
        }
    }
}
