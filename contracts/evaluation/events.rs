//! Events of the evaluation contract: one per change, each with the tender
//! (the procurement id every contract of the suite uses) as its first
//! topic. Every score is public as it is given, and the ranking when it is
//! made, so anyone can recompute it with `procurement_shared::ranking`.

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use procurement_shared::{AgreementId, Balance, CommitmentId, TenderId, Timestamp};

use crate::types::ProtestState;

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

/// The bids were ranked (again after an award was set aside, without the
/// bids set aside).
#[ink::event]
pub struct Ranked {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The award round this ranking opens (1 for the first ranking).
    pub round: u32,
    /// Admissible bids best first, as (bid index, total in millionths of a
    /// point, see `procurement_shared::ranking`).
    pub ranking: Vec<(u32, u64)>,
    /// Who finalized.
    pub by: AccountId,
}

/// A bid holds the provisional award; the standstill runs.
#[ink::event]
pub struct ProvisionallyAwarded {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The award round.
    pub round: u32,
    /// The bid (its index under evaluation).
    pub bid: u32,
    /// The bidder.
    #[ink(topic)]
    pub winner: AccountId,
    /// Its price.
    pub price: Balance,
    /// End of the standstill (ms, exclusive).
    pub standstill_ends: Timestamp,
}

/// A provisional award was set aside: by a protest upheld (or overdue), or
/// because the winner let the agreement lapse.
#[ink::event]
pub struct AwardSetAside {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The round that ended.
    pub round: u32,
    /// The bid set aside.
    pub bid: u32,
    /// Whether the agreement lapsed (otherwise a protest prevailed).
    pub lapsed: bool,
}

/// A bidder protested the provisional award.
#[ink::event]
pub struct Protested {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The protest's id.
    pub protest: u32,
    /// The award round challenged.
    pub round: u32,
    /// The protester.
    #[ink(topic)]
    pub bidder: AccountId,
    /// Hash of the grounds.
    pub grounds: Hash,
    /// The bond posted.
    pub bond: Balance,
}

/// A protest was settled: decided, overdue or moot.
#[ink::event]
pub struct ProtestSettled {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The protest's id.
    pub protest: u32,
    /// How it ended.
    pub state: ProtestState,
    /// Bond refunded to the protester.
    pub refunded: Balance,
    /// Bond deposited into the treasury.
    pub forfeited: Balance,
    /// The Auditor, or whoever settled it.
    pub by: AccountId,
}

/// The award was concluded: the price committed in the budget and the
/// agreement offered to the winner in the escrow.
#[ink::event]
pub struct Concluded {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The bid awarded.
    pub bid: u32,
    /// The winner.
    #[ink(topic)]
    pub winner: AccountId,
    /// The price committed.
    pub price: Balance,
    /// The budget commitment.
    pub commitment: CommitmentId,
    /// The escrow agreement offered.
    pub agreement: AgreementId,
    /// Who concluded.
    pub by: AccountId,
}

/// The winner signed the agreement (bond returned) or let it lapse (bond
/// forfeited).
#[ink::event]
pub struct WinnerSettled {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The agreement.
    pub agreement: AgreementId,
    /// Whether the winner signed.
    pub signed: bool,
    /// The bond returned (signed) or forfeited (lapsed); 0 if the winner
    /// had no bond left.
    pub bond: Balance,
}

/// The tender ended without an agreement: no valid bid, no admissible bid,
/// none left after set-asides, or closed by the officer after a lapse.
#[ink::event]
pub struct ClosedUnsuccessful {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// Who closed it.
    pub by: AccountId,
}
