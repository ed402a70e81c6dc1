//! What the treasury (the `budget` contract) answers to the contracts that
//! pay through it, as plain data: escrow and its unit-test stand-in build
//! on these without depending on the budget's own record types.
//!
//! Type definitions only: the `allow` covers the SCALE derive, which writes
//! variant indices of enums with fields as `<n>usize as u8`.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;

use crate::{Balance, ReleaseId, TenderId};

/// What a release did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ReleaseOutcome {
    /// Paid to the payee in the same call.
    Paid,
    /// Queued for the Treasurers' approval under this id.
    Queued(ReleaseId),
}

/// A commitment as a paying contract needs to see it before it binds an
/// agreement to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct CommitmentView {
    /// The procurement it pays for.
    pub tender: TenderId,
    /// The only account it may pay.
    pub payee: AccountId,
    /// Total bound.
    pub amount: Balance,
    /// Paid so far.
    pub released: Balance,
    /// Waiting in queued releases.
    pub queued: Balance,
    /// Still open (not decommitted).
    pub open: bool,
}

impl CommitmentView {
    /// What is neither released nor queued (`None` if the figures do not
    /// add up).
    pub fn remaining(&self) -> Option<Balance> {
        self.amount.checked_sub(self.released)?.checked_sub(self.queued)
    }

    /// Whether nothing of it has been paid or queued yet.
    pub fn untouched(&self) -> bool {
        self.released == 0 && self.queued == 0
    }
}
