//! The tender book's events, in the suite's one design (docs/ARCHITECTURE.md,
//! "Events"): one event type per subject, each carrying a change enum whose
//! variants are the structs below.
//!
//! - [`TenderEvent`]: the tender itself (published, amended, cancelled,
//!   closed). Topic: the tender, the procurement id every contract of the
//!   suite uses.
//! - [`BidEvent`]: one vendor's bid and bond, and the award to it. Topics:
//!   the tender and the bidder.
//! - [`SurplusDeposited`]: money found in the contract outside any bond.

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use procurement_shared::tendering::BondSettlement;
use procurement_shared::{Balance, LineId, ReservationId, TenderId, Timestamp};

use crate::types::{Method, Milestone};

/// A tender was published and its estimate reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TenderPublished {
    /// The tender.
    pub tender: TenderId,
    /// The publishing officer.
    pub officer: AccountId,
    /// Budget line.
    pub line: LineId,
    /// Budget reservation of the estimate.
    pub reservation: ReservationId,
    /// Estimate and award ceiling.
    pub estimate: Balance,
    /// Dossier hash.
    pub dossier: Hash,
    /// Bond per bid.
    pub bond: Balance,
    /// Submission deadline (ms).
    pub submission_deadline: Timestamp,
    /// Reveal deadline (ms).
    pub reveal_deadline: Timestamp,
    /// How bids will be compared.
    pub method: Method,
    /// Standstill after the provisional award (ms).
    pub standstill_ms: Timestamp,
    /// The agreement's milestone plan: shares of the award price and due
    /// offsets.
    pub milestones: Vec<Milestone>,
}

/// A tender was amended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TenderAmended {
    /// The tender.
    pub tender: TenderId,
    /// Amendment number (from 1).
    pub amendment: u32,
    /// New dossier hash.
    pub dossier: Hash,
    /// New submission deadline.
    pub submission_deadline: Timestamp,
    /// New reveal deadline.
    pub reveal_deadline: Timestamp,
    /// The officer.
    pub by: AccountId,
}

/// A tender was cancelled and its reservation freed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TenderCancelled {
    /// The tender.
    pub tender: TenderId,
    /// The freed reservation.
    pub reservation: ReservationId,
    /// Amount it held.
    pub estimate: Balance,
    /// The officer.
    pub by: AccountId,
}

/// The evaluation service awarded the tender; the winner's bond is held
/// until it settles it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TenderAwarded {
    /// The tender.
    pub tender: TenderId,
    /// The awarded bidder.
    pub winner: AccountId,
    /// The winning price.
    pub price: Balance,
    /// The winner's bond, now held as bid security (0 if already claimed:
    /// an invalid bid cannot win, so only after `BID_VALIDITY_MS`).
    pub bond: Balance,
    /// The reservation the award draws on (a new one if renewed).
    pub reservation: ReservationId,
    /// The evaluation service.
    pub by: AccountId,
}

/// The winner's bond was settled: returned (the agreement was signed) or
/// forfeited into the treasury (it lapsed).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct WinnerBondSettled {
    /// The tender.
    pub tender: TenderId,
    /// The winner.
    pub winner: AccountId,
    /// The bond.
    pub amount: Balance,
    /// Returned to the winner or forfeited into the treasury.
    pub settlement: BondSettlement,
    /// The evaluation service.
    pub by: AccountId,
}

/// The tender closed without an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TenderUnsuccessful {
    /// The tender.
    pub tender: TenderId,
    /// Its reservation.
    pub reservation: ReservationId,
    /// Whether the reservation was still held and is now freed (false if
    /// it had already become a commitment, which the escrow returned).
    pub freed: bool,
    /// The evaluation service.
    pub by: AccountId,
}

/// A bid was committed or its commitment replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BidCommitted {
    /// The tender.
    pub tender: TenderId,
    /// The vendor.
    pub bidder: AccountId,
    /// The sealed commitment.
    pub commitment: Hash,
    /// Bond attached with this call (0 for a replacement).
    pub bond: Balance,
    /// Whether it replaced a live commitment.
    pub replaced: bool,
}

/// A bid was withdrawn and its bond refunded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BidWithdrawn {
    /// The tender.
    pub tender: TenderId,
    /// The vendor.
    pub bidder: AccountId,
    /// Bond refunded.
    pub refunded: Balance,
}

/// A bid was revealed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BidRevealed {
    /// The tender.
    pub tender: TenderId,
    /// The vendor.
    pub bidder: AccountId,
    /// Revealed price.
    pub price: Balance,
    /// Revealed proposal hash.
    pub proposal: Hash,
    /// Whether the price is within the estimate.
    pub valid: bool,
}

/// A bond went back to its bidder.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BondClaimed {
    /// The tender.
    pub tender: TenderId,
    /// The vendor.
    pub bidder: AccountId,
    /// Amount returned.
    pub amount: Balance,
}

/// The bond of a bid never revealed went to the treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BondForfeited {
    /// The tender.
    pub tender: TenderId,
    /// The vendor who did not reveal.
    pub bidder: AccountId,
    /// Amount deposited into the budget.
    pub amount: Balance,
    /// Who triggered it.
    pub by: AccountId,
}

procurement_shared::changes! {
    /// What a [`TenderEvent`] records: a change of the tender itself.
    pub enum TenderChange in tender_change {
        TenderPublished,
        TenderAmended,
        TenderCancelled,
        TenderUnsuccessful,
    }
}

procurement_shared::changes! {
    /// What a [`BidEvent`] records: a change of one vendor's bid or bond,
    /// the award to it included.
    pub enum BidChange in bid_change {
        BidCommitted,
        BidWithdrawn,
        BidRevealed,
        BondClaimed,
        BondForfeited,
        TenderAwarded,
        WinnerBondSettled,
    }
}

impl TenderChange {
    /// The tender.
    pub fn tender(&self) -> TenderId {
        match self {
            TenderChange::TenderPublished(c) => c.tender,
            TenderChange::TenderAmended(c) => c.tender,
            TenderChange::TenderCancelled(c) => c.tender,
            TenderChange::TenderUnsuccessful(c) => c.tender,
        }
    }
}

impl BidChange {
    /// The tender and the bidder (the winner, for an award).
    pub fn subject(&self) -> (TenderId, AccountId) {
        match self {
            BidChange::BidCommitted(c) => (c.tender, c.bidder),
            BidChange::BidWithdrawn(c) => (c.tender, c.bidder),
            BidChange::BidRevealed(c) => (c.tender, c.bidder),
            BidChange::BondClaimed(c) => (c.tender, c.bidder),
            BidChange::BondForfeited(c) => (c.tender, c.bidder),
            BidChange::TenderAwarded(c) => (c.tender, c.winner),
            BidChange::WinnerBondSettled(c) => (c.tender, c.winner),
        }
    }
}

/// A tender changed: published, amended, cancelled or closed without an
/// agreement. Topic: the tender.
#[ink::event]
pub struct TenderEvent {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// What changed.
    pub change: TenderChange,
}

/// A vendor's bid or bond changed, or the tender was awarded to it.
/// Topics: the tender and the bidder, so an indexer can follow a
/// procurement or a vendor.
#[ink::event]
pub struct BidEvent {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The bidder (the winner, for an award).
    #[ink(topic)]
    pub bidder: AccountId,
    /// What changed.
    pub change: BidChange,
}

/// Money sent to the contract outside `commit_bid` (no bond of anyone's) was
/// deposited into the treasury.
#[ink::event]
pub struct SurplusDeposited {
    /// How much.
    pub amount: Balance,
    /// The Admin who moved it.
    #[ink(topic)]
    pub by: AccountId,
}
