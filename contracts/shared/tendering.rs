//! What a tender shows the contracts that evaluate it, as plain data: the
//! evaluation contract and its unit-test stand-in build on these without
//! depending on the tender's own record types (`tender::client` maps them).

use ink::primitives::{AccountId, Hash};

use crate::ranking::Method;
use crate::{Balance, ReservationId, Timestamp};

/// A tender as its evaluation needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenderSummary {
    /// The officer who published it: a party to the procurement, so never
    /// the one who decides a protest in it.
    pub officer: AccountId,
    /// Published, not cancelled, not yet awarded or closed.
    pub open: bool,
    /// Bids are revealed before this moment (ms); evaluation starts at it.
    pub reveal_deadline: Timestamp,
    /// How bids are compared.
    pub method: Method,
    /// Bids revealed (valid or not).
    pub revealed: u32,
    /// Bond per bid (a protest against the award posts the same).
    pub bond: Balance,
    /// Standstill after a provisional award (ms).
    pub standstill_ms: Timestamp,
    /// The budget reservation the award draws on.
    pub reservation: ReservationId,
}

/// A revealed bid, in reveal order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevealedView {
    /// The bidder.
    pub bidder: AccountId,
    /// Its price.
    pub price: Balance,
    /// Within the estimate and not zero.
    pub valid: bool,
}

/// One tranche of the agreement's milestone plan, as the tender publishes it
/// and the evaluation scales it to the award price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Milestone {
    /// Share of the award price, in basis points (the plan sums to 10 000).
    pub share_bps: u16,
    /// Due date as an offset from the agreement's start (ms).
    pub due_offset_ms: Timestamp,
    /// Hash of the milestone's description in the dossier.
    pub description: Hash,
}

/// How an award is funded: what `award` does with the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Funding {
    /// The tender's reservation still holds the money: a first award, or an
    /// award moved before anything was committed (a protest upheld during
    /// the standstill).
    Held,
    /// The earlier winner's commitment was taken and given back (its
    /// agreement lapsed): the tender reserves its whole estimate again.
    Renew,
}

/// What becomes of the winner's bond once the agreement's fate is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum BondSettlement {
    /// The agreement was signed: the bond goes back to the winner.
    Return,
    /// The winner let the offer lapse: the bond goes to the treasury.
    Forfeit,
}
