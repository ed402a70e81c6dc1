//! The registry's events, in the suite's one design (docs/ARCHITECTURE.md,
//! "Events"): one event type, [`RegistryEvent`], emitted once per change of
//! the suite's roles, pairs, Admin, pause or links, with the account the
//! change is about as its topic (the grantee, the proposed or new Admin, or
//! whoever acted), and the change itself as a [`Change`]: one variant per
//! kind of change, each a struct with named fields below.

use ink::primitives::AccountId;
use procurement_shared::{Peers, Role};

/// A role was granted to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RoleGranted {
    /// The role granted.
    pub role: Role,
    /// The account that now holds it.
    pub account: AccountId,
    /// Who granted it.
    pub by: AccountId,
}

/// A role was taken from an account (revoked, renounced or handed over).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RoleRevoked {
    /// The role removed.
    pub role: Role,
    /// The account that no longer holds it.
    pub account: AccountId,
    /// Who removed it (the account itself when renounced).
    pub by: AccountId,
}

/// The role that manages `role` changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RoleAdminChanged {
    /// The managed role.
    pub role: Role,
    /// Its admin role before.
    pub previous: Role,
    /// Its admin role now.
    pub new: Role,
    /// The Admin who changed it.
    pub by: AccountId,
}

/// Two roles were declared exclusive (no account may hold both).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ExclusivePairDeclared {
    /// One role of the pair.
    pub first: Role,
    /// The other role of the pair.
    pub second: Role,
    /// Who declared it.
    pub by: AccountId,
}

/// Two roles are no longer exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ExclusivePairRemoved {
    /// One role of the pair.
    pub first: Role,
    /// The other role of the pair.
    pub second: Role,
    /// Who removed it.
    pub by: AccountId,
}

/// The Admin offered its role to another account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct AdminHandoverProposed {
    /// The current Admin.
    pub admin: AccountId,
    /// The account that may now accept.
    pub proposed: AccountId,
}

/// The Admin withdrew its offer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct AdminHandoverCancelled {
    /// The current Admin.
    pub admin: AccountId,
    /// The account whose offer was withdrawn.
    pub proposed: AccountId,
}

/// The proposed account accepted: it is now the Admin.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct AdminTransferred {
    /// The Admin before.
    pub previous: AccountId,
    /// The Admin now.
    pub new: AccountId,
}

/// The suite was paused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Paused {
    /// The Admin who paused it.
    pub by: AccountId,
}

/// The suite was unpaused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Unpaused {
    /// The Admin who unpaused it.
    pub by: AccountId,
}

/// The service roles went to the suite's contracts, for good.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PeersLinked {
    /// The tender, evaluation and escrow contracts.
    pub peers: Peers,
    /// The Admin.
    pub by: AccountId,
}

/// The role book was linked: from now on every change is written to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RoleBookLinked {
    /// The role book.
    pub book: AccountId,
    /// The Admin who linked it.
    pub by: AccountId,
}

procurement_shared::changes! {
    /// What a [`RegistryEvent`] records.
    pub enum Change in change {
        RoleGranted,
        RoleRevoked,
        RoleAdminChanged,
        ExclusivePairDeclared,
        ExclusivePairRemoved,
        AdminHandoverProposed,
        AdminHandoverCancelled,
        AdminTransferred,
        Paused,
        Unpaused,
        PeersLinked,
        RoleBookLinked,
    }
}

impl Change {
    /// The account the change is about, or who made it.
    pub fn party(&self) -> AccountId {
        match self {
            Change::RoleGranted(c) => c.account,
            Change::RoleRevoked(c) => c.account,
            Change::RoleAdminChanged(c) => c.by,
            Change::ExclusivePairDeclared(c) => c.by,
            Change::ExclusivePairRemoved(c) => c.by,
            Change::AdminHandoverProposed(c) => c.proposed,
            Change::AdminHandoverCancelled(c) => c.proposed,
            Change::AdminTransferred(c) => c.new,
            Change::Paused(c) => c.by,
            Change::Unpaused(c) => c.by,
            Change::PeersLinked(c) => c.by,
            Change::RoleBookLinked(c) => c.by,
        }
    }
}

/// The registry's event for every change. Topic: the account the change is
/// about (see [`Change::party`]), so an indexer can follow an account's
/// roles.
#[ink::event]
pub struct RegistryEvent {
    /// The account the change is about, or who made it.
    #[ink(topic)]
    pub party: AccountId,
    /// What changed.
    pub change: Change,
}

impl RegistryEvent {
    /// The event recording `change`, with its party as topic.
    pub fn of(change: Change) -> RegistryEvent {
        RegistryEvent { party: change.party(), change }
    }
}
