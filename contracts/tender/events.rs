//! Events of the tender book: one per state change, each with the tender
//! id as its first topic (the procurement id every contract of the suite
//! uses), and the bidder as a topic where a vendor's history is filtered.

use ink::primitives::{AccountId, Hash};
use procurement_shared::tendering::BondSettlement;
use procurement_shared::{Balance, LineId, ReservationId, TenderId, Timestamp};

/// A tender was published and its estimate reserved.
#[ink::event]
pub struct TenderPublished {
    /// The tender.
    #[ink(topic)]
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
}

/// A tender was amended.
#[ink::event]
pub struct TenderAmended {
    /// The tender.
    #[ink(topic)]
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
#[ink::event]
pub struct TenderCancelled {
    /// The tender.
    #[ink(topic)]
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
#[ink::event]
pub struct TenderAwarded {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The awarded bidder.
    #[ink(topic)]
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
#[ink::event]
pub struct WinnerBondSettled {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The winner.
    #[ink(topic)]
    pub winner: AccountId,
    /// The bond.
    pub amount: Balance,
    /// Returned to the winner or forfeited into the treasury.
    pub settlement: BondSettlement,
    /// The evaluation service.
    pub by: AccountId,
}

/// The tender closed without an agreement.
#[ink::event]
pub struct TenderUnsuccessful {
    /// The tender.
    #[ink(topic)]
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
#[ink::event]
pub struct BidCommitted {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor.
    #[ink(topic)]
    pub bidder: AccountId,
    /// The sealed commitment.
    pub commitment: Hash,
    /// Bond attached with this call (0 for a replacement).
    pub bond: Balance,
    /// Whether it replaced a live commitment.
    pub replaced: bool,
}

/// A bid was withdrawn and its bond refunded.
#[ink::event]
pub struct BidWithdrawn {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor.
    #[ink(topic)]
    pub bidder: AccountId,
    /// Bond refunded.
    pub refunded: Balance,
}

/// A bid was revealed.
#[ink::event]
pub struct BidRevealed {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor.
    #[ink(topic)]
    pub bidder: AccountId,
    /// Revealed price.
    pub price: Balance,
    /// Revealed proposal hash.
    pub proposal: Hash,
    /// Whether the price is within the estimate.
    pub valid: bool,
}

/// A bond went back to its bidder.
#[ink::event]
pub struct BondClaimed {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor.
    #[ink(topic)]
    pub bidder: AccountId,
    /// Amount returned.
    pub amount: Balance,
}

/// The bond of a bid never revealed went to the treasury.
#[ink::event]
pub struct BondForfeited {
    /// The tender.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor who did not reveal.
    #[ink(topic)]
    pub bidder: AccountId,
    /// Amount deposited into the budget.
    pub amount: Balance,
    /// Who triggered it.
    pub by: AccountId,
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
