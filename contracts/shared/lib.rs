//! # procurement-shared
//!
//! What the suite's contracts and its off-chain tools (deploy tool, tests, a
//! vendor's wallet, an indexer) must agree on byte for byte: the role ids, the
//! id types of procurement objects, and (as the suite grows) the bid commitment
//! hash and shared event payloads.
//!
//! The crate is `no_std` so contracts can link it; with the default `std`
//! feature it serves host tools. Everything here is plain data and pure
//! functions: no storage, no environment access.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod bid;
pub mod roles;

pub use bid::{bid_commitment, bid_preimage, BID_DOMAIN};
pub use roles::{Role, RoleSet};

/// Identifies a budget line in the budget contract.
pub type LineId = u32;
/// Identifies a reservation (money held for a tender in progress).
pub type ReservationId = u64;
/// Identifies a commitment (money bound to an awarded agreement).
pub type CommitmentId = u64;
/// Identifies a tender in the tender contract; evaluation and escrow reuse it
/// as the procurement id so every event of one procurement shares one topic.
pub type TenderId = u32;
