//! The tender contract's records and parameters.
//!
//! Type definitions, and constructors and accessors of no logic beyond
//! copying fields. The module allows `cast_possible_truncation` because the
//! SCALE derive writes variant indices of enums with fields as
//! `<n>usize as u8`.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use procurement_shared::{Balance, LineId, ReservationId, Timestamp};

/// How bids are compared (the evaluation contract applies it): the shared
/// crate's one definition.
pub use procurement_shared::ranking::Method;
pub use procurement_shared::tendering::Milestone;

/// What an officer publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct TenderParams {
    /// Budget line that funds it.
    pub line: LineId,
    /// Estimated value: reserved on the line, and the award ceiling.
    pub estimate: Balance,
    /// Hash of the tender dossier.
    pub dossier: Hash,
    /// Bond every bid must attach.
    pub bond: Balance,
    /// Last moment (exclusive) to commit a bid (ms).
    pub submission_deadline: Timestamp,
    /// Last moment (exclusive) to reveal a bid (ms).
    pub reveal_deadline: Timestamp,
    /// How bids will be compared.
    pub method: Method,
    /// Standstill after the provisional award in which losers may protest (ms).
    pub standstill_ms: Timestamp,
    /// The agreement's milestone plan.
    pub milestones: Vec<Milestone>,
}

/// Where a tender stands in its lifecycle; the bidding phases within `Open`
/// follow from the deadlines (see [`Phase`]). `Awarded` and `Unsuccessful`
/// are set by the evaluation service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum TenderStatus {
    /// Published and not cancelled.
    Open,
    /// Cancelled (when and by whom: the `TenderCancelled` event):
    /// reservation freed, every bond held claimable.
    Cancelled,
    /// Awarded by the evaluation service to `winner`, whose bid bond stays
    /// locked (the bid security) until the evaluation service settles it:
    /// back to the winner once the agreement is signed, to the treasury if
    /// it lapses. After a lapse the tender may be awarded again, to the
    /// next-ranked bid. Other bonds are claimed as in `Open`.
    Awarded {
        /// The awarded bidder.
        winner: AccountId,
    },
    /// Closed without an agreement by the evaluation service (no valid
    /// bid, or no winner signed): the reservation, if still held, is
    /// freed; bonds are claimed or forfeited as in `Open`.
    Unsuccessful,
}

/// Where a tender stands, derived from its status and the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Phase {
    /// Bids may be committed, replaced or withdrawn.
    Bidding,
    /// Between the deadlines: bids may be revealed.
    Revealing,
    /// After the reveal deadline: bids are evaluated; bonds are claimed or
    /// forfeited.
    Evaluation,
    /// Cancelled.
    Cancelled,
    /// Awarded (the winner's bond held until the agreement is signed or
    /// lapses).
    Awarded,
    /// Closed without an agreement.
    Unsuccessful,
}

/// A published tender.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tender {
    /// The officer who published it.
    pub officer: AccountId,
    /// Budget line that funds it.
    pub line: LineId,
    /// The budget reservation holding its estimate.
    pub reservation: ReservationId,
    /// Estimated value and award ceiling.
    pub estimate: Balance,
    /// Lowest valid price: below it the milestone plan scaled to the price
    /// leaves a milestone at 0, which no agreement can hold
    /// (`procurement_shared::contracting::min_price`), so such a bid is
    /// revealed as invalid instead of being ranked and failing at the
    /// conclusion.
    pub min_price: Balance,
    /// Current dossier hash (changes with amendments).
    pub dossier: Hash,
    /// Bond per bid.
    pub bond: Balance,
    /// Current submission deadline (ms).
    pub submission_deadline: Timestamp,
    /// Current reveal deadline (ms).
    pub reveal_deadline: Timestamp,
    /// How bids will be compared.
    pub method: Method,
    /// Standstill length (ms).
    pub standstill_ms: Timestamp,
    /// Number of milestones in the plan.
    pub milestone_count: u8,
    /// Number of amendments so far (amendment ids are `1..=amendments`).
    pub amendments: u32,
    /// Where it stands.
    pub status: TenderStatus,
    /// Bids in the book: committed and not withdrawn (sealed, revealed or
    /// forfeited); the length of the bidder list, at most `MAX_BIDS`. A
    /// withdrawal frees its slot, so committing and withdrawing cannot fill
    /// a tender.
    pub bidders: u32,
    /// Bids revealed (valid or not).
    pub revealed: u32,
    /// Bonds this tender still holds.
    pub bonds_held: Balance,
}

/// A recorded amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Amendment {
    /// Dossier hash after the amendment.
    pub dossier: Hash,
    /// Submission deadline after it.
    pub submission_deadline: Timestamp,
    /// Reveal deadline after it.
    pub reveal_deadline: Timestamp,
    /// When it was made (ms).
    pub at: Timestamp,
    /// The officer who made it.
    pub by: AccountId,
}

/// Where a bid stands; the reveal data exist only once revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum BidState {
    /// Committed, not revealed.
    Sealed {
        /// The amendment in force when the bid was last committed (0: the
        /// dossier as published), so an auditor sees which version of the
        /// dossier the bid answers.
        amendment: u32,
    },
    /// Withdrawn, bond refunded.
    Withdrawn,
    /// Revealed in time.
    Revealed {
        /// The price.
        price: Balance,
        /// The proposal document hash.
        proposal: Hash,
        /// Position in the tender's revealed list.
        index: u32,
        /// Whether the price is within the estimate and at least the
        /// tender's `min_price`: only valid bids are eligible; every
        /// revealed bid gets its bond back.
        valid: bool,
    },
    /// Not revealed in time: bond forfeited to the treasury.
    Forfeited,
}

/// A vendor's bid on a tender.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Bid {
    /// The sealed commitment (public from the start, kept after reveal).
    pub commitment: Hash,
    /// Bond still held for it (0 once refunded or forfeited).
    pub bond: Balance,
    /// Where it stands.
    pub state: BidState,
}

impl Tender {
    /// A tender just published by `officer` on `params` (already checked),
    /// its estimate held in `reservation`.
    pub fn published(officer: AccountId, params: &TenderParams, reservation: ReservationId, min_price: Balance, milestones: u8) -> Tender {
        Tender {
            officer,
            line: params.line,
            reservation,
            estimate: params.estimate,
            min_price,
            dossier: params.dossier,
            bond: params.bond,
            submission_deadline: params.submission_deadline,
            reveal_deadline: params.reveal_deadline,
            method: params.method,
            standstill_ms: params.standstill_ms,
            milestone_count: milestones,
            amendments: 0,
            status: TenderStatus::Open,
            bidders: 0,
            revealed: 0,
            bonds_held: 0,
        }
    }
}

impl Bid {
    /// The revealed price, if revealed.
    pub fn price(&self) -> Option<Balance> {
        match self.state {
            BidState::Revealed { price, .. } => Some(price),
            _ => None,
        }
    }

    /// Whether the bid is sealed (committed, not revealed).
    pub fn is_sealed(&self) -> bool {
        matches!(self.state, BidState::Sealed { .. })
    }

    /// Whether the bid was revealed (valid or not).
    pub fn is_revealed(&self) -> bool {
        matches!(self.state, BidState::Revealed { .. })
    }
}

/// A revealed bid, as the evaluation contract and the public read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RevealedBid {
    /// The vendor.
    pub bidder: AccountId,
    /// Its price.
    pub price: Balance,
    /// Its proposal document hash.
    pub proposal: Hash,
    /// Whether the price is within the estimate and at least the tender's
    /// `min_price` (eligible).
    pub valid: bool,
}
