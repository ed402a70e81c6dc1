//! Events of the evaluation contract: one per change, each with the tender
//! (the procurement id every contract of the suite uses) as its first
//! topic. Every score is public as it is given, and the ranking when it is
//! made, so anyone can recompute it with `procurement_shared::ranking`.

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use procurement_shared::{TenderId, Timestamp};

/// A committee was appointed and the valid bids taken from the tender.
#[ink::event]
pub struct CommitteeAppointed {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The members, by seat.
    pub members: Vec<AccountId>,
    /// Valid revealed bids under evaluation.
    pub bids: u32,
    /// Scoring deadline (ms).
    pub scoring_deadline: Timestamp,
    /// The officer.
    pub by: AccountId,
}

/// A member declared impartiality, or a conflict (and left the committee).
#[ink::event]
pub struct Declared {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The member.
    #[ink(topic)]
    pub member: AccountId,
    /// Hash of the declaration.
    pub declaration: Hash,
    /// Whether the member declared a conflict (and is recused).
    pub conflict: bool,
}

/// A recused member's seat went to a replacement.
#[ink::event]
pub struct MemberReplaced {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The recused member.
    pub recused: AccountId,
    /// The new member.
    pub replacement: AccountId,
    /// The officer.
    pub by: AccountId,
}

/// A member scored a bid's quality (or revised the score).
#[ink::event]
pub struct Scored {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The member.
    #[ink(topic)]
    pub member: AccountId,
    /// The bid (its index under evaluation).
    pub bid: u32,
    /// The score, 0 to 100.
    pub quality: u8,
    /// The score it replaces, if a revision.
    pub previous: Option<u8>,
}

/// The bids were ranked.
#[ink::event]
pub struct Ranked {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// Admissible bids best first, as (bid index, total in millionths of a
    /// point, see `procurement_shared::ranking`).
    pub ranking: Vec<(u32, u64)>,
    /// Who finalized.
    pub by: AccountId,
}
