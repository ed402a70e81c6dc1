//! Errors of the role registry.
//!
//! Kept in a module of its own for one reason: the SCALE derive writes each
//! variant index of an enum with fields as `<n>usize as u8`, which the
//! `cast_possible_truncation` lint that cargo-contract enforces rejects. The
//! `allow` below therefore covers only this derived code; every hand-written
//! line of the contract stays under the lint.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;
use procurement_shared::Role;

/// Why a message refused. A refusal changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Returned if `account` lacks `role`: the caller for management
    /// messages (then `role` is the admin role it needed), or the account
    /// asked about in `check_role`.
    MissingRole { role: Role, account: AccountId },
    /// Returned if a message would grant, revoke, renounce or re-parent
    /// [`Role::Admin`]; the Admin role moves only by handover.
    AdminRoleByHandoverOnly,
    /// Returned if a message would grant, revoke, renounce or re-parent a
    /// service role: each goes once to the contract `link_peers` names, and
    /// stays with it.
    ServiceRoleByLinkOnly { role: Role },
    /// Returned by `link_peers` once the peers are linked.
    PeersLinked,
    /// Returned if `renounce_role` names an account other than the caller.
    RenounceOnlyOwnAccount,
    /// Returned if `account` would hold both `held` and `requested`, which
    /// are exclusive.
    ConflictingRoles { account: AccountId, held: Role, requested: Role },
    /// Returned if a role is paired with itself.
    SameRole,
    /// Returned if an exclusive pair is declared while `account` holds both.
    ExistingHolderConflict { account: AccountId },
    /// Returned if both roles of a pair to declare have more than
    /// [`MAX_EXCLUSIVITY_SCAN`](crate::access_control::MAX_EXCLUSIVITY_SCAN) members.
    TooManyHoldersToCheck,
    /// Returned if `role` already has [`MAX_MEMBERS_PER_ROLE`](crate::access_control::MAX_MEMBERS_PER_ROLE) members.
    RoleFull { role: Role },
    /// Returned if the Admin proposes itself as the next Admin.
    AlreadyAdmin,
    /// Returned if there is no pending Admin handover.
    NoPendingAdmin,
    /// Returned if someone other than the proposed account accepts.
    NotPendingAdmin,
    /// Returned by `check_role_unpaused` while the suite is paused.
    Paused,
    /// Returned by role changes and the pause before the Admin linked the
    /// role book (`link_role_book`).
    RoleBookNotLinked,
    /// Returned by `link_role_book` once a role book is linked.
    RoleBookLinked,
    /// Returned if the role book could not be written (not a role book, not
    /// written by this registry, or not reachable); nothing changed.
    RoleBookUnavailable,
    /// Returned by `set_code` if no code was uploaded under the hash.
    CodeNotFound,
    /// Returned by `migrate` if the storage is another contract's, or a
    /// version of this one the code has no migration from.
    UnknownLayout,
}

/// Result of the registry's messages.
pub type Result<T> = core::result::Result<T, Error>;
