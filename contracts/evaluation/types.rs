//! The evaluation contract's records.
//!
//! Type definitions only. The module allows `cast_possible_truncation`
//! because the SCALE derive writes variant indices of enums with fields as
//! `<n>usize as u8`; no hand-written logic lives here.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::{AccountId, Hash};
use procurement_shared::ranking::Method;
use procurement_shared::{Balance, Timestamp};

/// The evaluation of one tender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Evaluation {
    /// The officer who appointed the committee.
    pub officer: AccountId,
    /// How bids are compared (the tender's method).
    pub method: Method,
    /// Valid revealed bids, taken from the tender at appointment (entries
    /// `0..bids`, in reveal order).
    pub bids: u32,
    /// Seats on the committee (`MIN_MEMBERS` to `MAX_MEMBERS`); a recused
    /// member's seat goes to the replacement.
    pub seats: u8,
    /// Seated members who declared no conflict.
    pub declared: u8,
    /// Of those, members who scored every bid.
    pub complete: u8,
    /// Seats whose member recused and was not replaced yet.
    pub vacant: u8,
    /// After this moment (ms) nobody scores, and the ranking may be made
    /// with the scores given, if every bid has `QUORUM` of them.
    pub scoring_deadline: Timestamp,
    /// Where it stands.
    pub stage: Stage,
}

/// Where an evaluation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Stage {
    /// The committee declares and scores.
    Scoring,
    /// Ranked: the ranking is public (`ranking`); the award follows.
    Ranked {
        /// The bid ranked first, if any bid is admissible.
        first: Option<u32>,
    },
}

/// A committee member's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MemberState {
    /// Appointed; must declare before scoring.
    Appointed,
    /// Declared no conflict (hash of the declaration).
    Declared(Hash),
    /// Declared a conflict and left the committee (hash of the declaration).
    Recused(Hash),
}

/// A committee member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Member {
    /// Seat on the committee (from 0).
    pub seat: u8,
    /// Where the member stands.
    pub state: MemberState,
    /// Bids this member has scored.
    pub scored: u32,
}

/// A valid revealed bid under evaluation, with its scores folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Entry {
    /// The bidder.
    pub bidder: AccountId,
    /// Its price.
    pub price: Balance,
    /// Its position in the tender's reveal order (the last tie-break).
    pub reveal_index: u32,
    /// Sum of its quality scores.
    pub quality_sum: u32,
    /// Number of scores.
    pub scores: u32,
}
