//! # procurement-shared
//!
//! What the suite's contracts and its off-chain tools (deploy tool, tests, a
//! vendor's wallet, an indexer) must agree on byte for byte, in two parts.
//!
//! **The domain**, plain data and pure functions that run the same in a
//! contract and on a host: the ids and money types (below), the roles
//! ([`roles`]), the sealed-bid commitment ([`bid`]), how bids are ranked
//! ([`ranking`]), what a tender shows its evaluation ([`tendering`]), the
//! agreement terms and the offer made from a plan ([`contracting`]), the
//! milestone arithmetic ([`tranche`]), a commitment as a paying contract
//! sees it ([`treasury`]), the suite's contracts ([`peers`]), what a
//! contract records of its storage for upgrades ([`upgrade`]) and the
//! `ensure!` and `changes!` macros.
//!
//! **The call plumbing**, which only a contract uses: the ports one contract
//! calls another through ([`ports`]), the registry guard ([`guard`]: the one
//! place that reads the caller) and the cross-contract call that relays a
//! callee's refusal unchanged ([`relay`]).
//!
//! The crate is `no_std` so contracts can link it; with the default `std`
//! feature it serves host tools.

#![cfg_attr(not(feature = "std"), no_std)]
// The contracts' lints: docs/ARCHITECTURE.md, "How a contract is built".
#![deny(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation, clippy::unwrap_used)]
#![cfg_attr(feature = "std", deny(unsafe_code, clippy::expect_used))]

pub mod bid;
pub mod contracting;
pub mod guard;
pub mod peers;
pub mod ports;
pub mod ranking;
pub mod relay;
pub mod roles;
pub mod tendering;
pub mod tranche;
pub mod treasury;
pub mod upgrade;

pub use bid::{bid_commitment, bid_preimage, SealedBid, BID_DOMAIN};
pub use guard::{CallError, Denied, Roles, WhilePaused};
pub use peers::Peers;
pub use relay::Relayed;
pub use roles::{Role, RoleSet};
pub use treasury::{CommitmentView, ReleaseOutcome};
pub use upgrade::{StorageLayout, SuiteContract};

/// Refuses unless a rule holds: `ensure!(amount > 0, Error::ZeroAmount);`
/// returns `Err(Error::ZeroAmount.into())` from the enclosing function when
/// `amount` is 0. The suite's one spelling of a guard clause: every message
/// checks with it before it writes anything.
#[macro_export]
macro_rules! ensure {
    ($rule:expr, $error:expr $(,)?) => {
        if !$rule {
            return ::core::result::Result::Err(::core::convert::Into::into($error));
        }
    };
}

/// One day in milliseconds: the unit every period of the suite is counted in
/// (bidding windows, standstills, due dates, late days, warranties).
pub const DAY_MS: Timestamp = 86_400_000;
/// 100 % in basis points: a milestone plan's shares sum to it; retention and
/// late deductions are parts of it.
pub const FULL_BPS: u32 = 10_000;
/// Most milestones in a tender's plan, and so in an agreement.
pub const MAX_MILESTONES: u8 = 12;

/// Declares a contract's `Change` enum: one variant per kind of change,
/// each wrapping the struct of that name, with `From` each struct (so a
/// message emits `self.emit(LineOpened { .. })`) and, off-chain, `TryFrom`
/// back (so a test or an indexer picks the changes of one kind). The
/// contract's one event carries a `Change` beside its topics: the suite's
/// one event design (docs/ARCHITECTURE.md, "Events").
///
/// `pub enum Change in change { .. }`: the enum lives in a module of its
/// own (here `change`) because the SCALE derive writes variant indices of
/// enums with fields as `<n>usize as u8`; the `allow` covers only that
/// derived code.
#[macro_export]
macro_rules! changes {
    ($(#[$meta:meta])* pub enum $name:ident in $module:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        pub use self::$module::$name;

        mod $module {
            #![allow(clippy::cast_possible_truncation)]
            use super::*;

            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Eq)]
            #[::ink::scale_derive(Encode, Decode, TypeInfo)]
            pub enum $name {
                $($(#[$vmeta])* $variant($variant),)+
            }

            $(
                impl $crate::ChangeKind for $variant {
                    type Enum = $name;
                }

                impl From<$variant> for $name {
                    fn from(change: $variant) -> Self {
                        $name::$variant(change)
                    }
                }

                #[cfg(feature = "std")]
                impl TryFrom<$name> for $variant {
                    type Error = $name;
                    fn try_from(change: $name) -> Result<Self, $name> {
                        match change {
                            $name::$variant(inner) => Ok(inner),
                            other => Err(other),
                        }
                    }
                }
            )+
        }
    };
}

/// A change struct's enum: `BidCommitted` is a variant of the tender's
/// `Change`. Implemented by [`changes!`]; off-chain readers use it to find
/// the event type that carries a given kind of change.
pub trait ChangeKind {
    /// The contract's change enum this kind is a variant of.
    type Enum;
}

/// An Auditor's decision on a case put to it (a protest, an escalated
/// rejection, a defect claim). Each message names what is ruled on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Ruling {
    /// The case fails: what it challenged stands.
    Dismiss,
    /// The case holds.
    Uphold,
}

/// Balance of the chain's native currency (pallet-contracts' default `u128`).
pub type Balance = u128;
/// Milliseconds since the Unix epoch, as ink!'s `block_timestamp` reports it.
pub type Timestamp = u64;

/// Identifies a budget line in the budget contract.
pub type LineId = u32;
/// Identifies a reservation (money held for a tender in progress).
pub type ReservationId = u64;
/// Identifies a commitment (money bound to an awarded agreement).
pub type CommitmentId = u64;
/// Identifies a release queued for Treasurer approval in the budget.
pub type ReleaseId = u64;
/// Identifies an agreement in the escrow contract.
pub type AgreementId = u32;
/// Identifies a tender in the tender contract; the budget, evaluation and
/// escrow record it as the procurement id, so every event of one procurement
/// carries it as a topic.
pub type TenderId = u32;
