//! What a tender shows the contracts that evaluate it, as plain data: the
//! evaluation contract and its unit-test stand-in build on these without
//! depending on the tender's own record types (`tender::client` maps them).

use ink::primitives::AccountId;

use crate::ranking::Method;
use crate::{Balance, Timestamp};

/// A tender as its evaluation needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenderSummary {
    /// Published, not cancelled, not yet awarded or closed.
    pub open: bool,
    /// Bids are revealed before this moment (ms); evaluation starts at it.
    pub reveal_deadline: Timestamp,
    /// How bids are compared.
    pub method: Method,
    /// Bids revealed (valid or not).
    pub revealed: u32,
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
