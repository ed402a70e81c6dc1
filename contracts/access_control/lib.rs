//! # access_control: the role registry of the public procurement suite
//!
//! One instance serves the whole suite. It records who holds which [`Role`],
//! enforces separation of duties, gives the service roles to the suite's
//! own contracts, and carries the suite-wide pause flag. The other contracts
//! do not ask it: every change is written into the role book they ask (see
//! "The role book" below); `has_role`, `check_role` and
//! `check_role_unpaused` answer people and tools.
//!
//! ## Roles and who manages them
//! - Every role has an *admin role* whose holders may grant and revoke it.
//!   It is [`Role::Admin`] unless the Admin changes it (for example so that
//!   procurement officers register vendors).
//! - [`Role::Admin`] itself is held by exactly one account at all times (the
//!   authority's governance, ideally a multisig). It is never granted,
//!   revoked or renounced directly; it moves only by a two-step handover
//!   (`propose_admin`, then `accept_admin` by the new account; `cancel_admin_proposal`
//!   withdraws an offer). So the registry can never be left without an Admin.
//! - The service roles (`TenderService`, `EvaluationService`,
//!   `EscrowService`, `Governance`) are never granted, revoked or renounced:
//!   `link_peers` gives each, once, to the suite contract the deployment
//!   wired ([`procurement_shared::peers`]), so each has one holder for good
//!   and no grant to anyone else can reach the money those roles move, or
//!   the code and rules `Governance` changes after the governor's delay.
//! - Renouncing a role names the caller's own account, as a confirmation.
//! - Granting a role already held, or revoking one not held, is a no-op
//!   without an event. Setting what is already set is a no-op too.
//!
//! ## Separation of duties
//! Pairs of roles are declared exclusive (the defaults of
//! [`Role::DEFAULT_EXCLUSIVE_PAIRS`] at construction: a Vendor holds no
//! staff role, an Evaluator is no Auditor, a service role goes to no vendor
//! and no member of staff; more by the Admin). A
//! grant, or an Admin handover, that would give one account both roles of a
//! pair fails with [`Error::ConflictingRoles`]. A pair cannot be declared while
//! some account already holds both.
//!
//! ## The role book
//! The suite's contracts do not ask this registry: they ask the small
//! `role_book` contract, which holds only every account's role set and the
//! pause flag, so a guarded call elsewhere loads 4 KB of code instead of
//! this registry's. This registry writes the role book in the same call as
//! every change here (grant, revoke, renounce, handover, pause). The Admin
//! links it once (`link_role_book`); until then role changes and the pause
//! are refused, so the two never differ.
//!
//! ## Pause
//! The Admin may pause the suite. This registry keeps working while paused
//! (governance must be able to repair roles); the other contracts read the
//! flag and stop new business, never refunds.
//!
//! ## Errors and limits
//! Every message returns `Result<_, Error>`; a refusal changes nothing. Each
//! role has at most [`MAX_MEMBERS_PER_ROLE`] members; member lists are read
//! in pages of at most [`MAX_PAGE_SIZE`].
//!
//! Guard refusals, documented here once: a message whose "Caller" line
//! names the Admin or a role's admin role refuses anyone else with
//! `MissingRole`; each message's "Fails with" lists only its own refusals.
//!
//! Not audited. Do not hold real public money with it before an audit.

#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The contracts' lints: docs/ARCHITECTURE.md, "How a contract is built".
#![deny(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation, clippy::unwrap_used)]
#![cfg_attr(feature = "std", deny(unsafe_code, clippy::expect_used))]

mod calls;
pub mod errors;
pub mod events;

pub use self::access_control::{AccessControl, AccessControlRef};
pub use errors::Error;
pub use procurement_shared::{Role, RoleSet};

#[ink::contract]
pub mod access_control {
    use crate::calls::RoleBookWriter;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use procurement_shared::ports::RoleBookPort;
    use procurement_shared::upgrade::{self, LayoutCell};
    use procurement_shared::{ensure, Peers, Role, RoleSet, StorageLayout, SuiteContract};

    /// Most accounts one role may have. Large enough for a national vendor
    /// register; small enough that a member list stays cheap to page through.
    pub const MAX_MEMBERS_PER_ROLE: u32 = 10_000;

    /// Most member accounts returned by one `members` query.
    pub const MAX_PAGE_SIZE: u32 = 100;

    /// Declaring an exclusive pair scans the members of the smaller of the two
    /// roles for an account holding both. Staff roles are small, so in
    /// practice this never binds; it keeps the scan within a block's weight.
    pub const MAX_EXCLUSIVITY_SCAN: u32 = 500;

    /// The role registry.
    #[ink(storage)]
    pub struct AccessControl {
        /// Suite-wide pause flag, read by every contract of the suite. Kept in
        /// the root cell because `check_role_unpaused` needs it on each call.
        paused: bool,
        /// The one account holding [`Role::Admin`]. Lazy so that the frequent
        /// cross-contract role checks do not load it.
        admin: Lazy<AccountId>,
        /// The account offered the Admin role, until it accepts or the offer
        /// is cancelled.
        pending_admin: Lazy<Option<AccountId>>,
        /// Every role of an account as one bit set: role checks and
        /// separation of duties checks cost one read.
        roles_of: Mapping<AccountId, RoleSet>,
        /// Position of an account in its role's member list. Redundant with
        /// `member_at`, kept so that revoking is O(1) (swap-remove).
        member_index: Mapping<(Role, AccountId), u32>,
        /// Member lists, for enumeration: (role, position) -> account.
        member_at: Mapping<(Role, u32), AccountId>,
        /// Length of each role's member list (absent = 0).
        member_count: Mapping<Role, u32>,
        /// The role whose holders manage a role (absent = [`Role::Admin`]).
        role_admin: Mapping<Role, Role>,
        /// Roles exclusive with each role; kept symmetric.
        exclusive_with: Mapping<Role, RoleSet>,
        /// The role book every change is written to, once linked.
        role_book: Option<AccountId>,
        /// The suite contracts holding the service roles, once linked (then
        /// fixed). Lazy: only `link_peers` and `peers` read it.
        peers: Lazy<Peers>,
        /// Which contract and layout version this storage is (its own
        /// cell, read only by the upgrade messages).
        layout: LayoutCell,
    }

    /// This code's storage layout (docs/ARCHITECTURE.md, "Governed upgrades").
    const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Registry, version: 1 };

    pub use crate::errors::{Error, Result};
    pub use crate::events::*;

    // Every message is `#[inline(never)]`: left alone, the compiler inlines
    // each body into ink!'s dispatcher and the module grows (measured: the
    // suite's five large contracts 9 KB smaller together; docs/COSTS.md).
    impl AccessControl {
        /// Creates the registry with `admin` as its Admin and the default
        /// exclusive pairs installed. Emits `RoleGranted` for the Admin and
        /// `ExclusivePairDeclared` for each default pair.
        #[ink(constructor)]
        pub fn new(admin: AccountId) -> Self {
            let mut this = Self {
                paused: false,
                admin: Lazy::new(),
                pending_admin: Lazy::new(),
                roles_of: Mapping::new(),
                member_index: Mapping::new(),
                member_at: Mapping::new(),
                member_count: Mapping::new(),
                role_admin: Mapping::new(),
                exclusive_with: Mapping::new(),
                role_book: None,
                peers: Lazy::new(),
                layout: ink::storage::Lazy::new(),
            };
            this.layout.set(&LAYOUT);
            let by = Self::env().caller();
            this.admin.set(&admin);
            this.add_member(Role::Admin, admin, RoleSet::EMPTY, 0);
            Self::env().emit_event(RegistryEvent::of(Change::RoleGranted(RoleGranted { role: Role::Admin, account: admin, by })));
            // Gather each role's exclusive set first, then write each once.
            let mut sets = [RoleSet::EMPTY; Role::COUNT as usize];
            for (first, second) in Role::DEFAULT_EXCLUSIVE_PAIRS {
                for (role, other) in [(first, second), (second, first)] {
                    if let Some(set) = sets.get_mut(usize::from(role.id())) {
                        *set = set.with(other);
                    }
                }
                Self::env().emit_event(RegistryEvent::of(Change::ExclusivePairDeclared(ExclusivePairDeclared { first, second, by })));
            }
            for (role, set) in Role::ALL.into_iter().zip(sets) {
                if !set.is_empty() {
                    this.exclusive_with.insert(role, &set);
                }
            }
            this
        }

        // ------------------------------------------------------------------
        // Role management (holders of the role's admin role)
        // ------------------------------------------------------------------

        /// Grants `role` to `account`.
        ///
        /// Caller: a holder of `role`'s admin role. Fails with
        /// `AdminRoleByHandoverOnly` for [`Role::Admin`],
        /// `ServiceRoleByLinkOnly` for a service role, `ConflictingRoles` if
        /// `account` holds a role exclusive with `role`, `RoleFull`,
        /// `RoleBookNotLinked`, `RoleBookUnavailable`. A no-op if `account`
        /// already holds `role`. Emits `RoleGranted`.
        #[ink(message)]
        #[inline(never)]
        pub fn grant_role(&mut self, role: Role, account: AccountId) -> Result<()> {
            let caller = self.env().caller();
            managed(role)?;
            self.ensure_role(self.role_admin_of(role), caller)?;
            self.give(role, account, caller)
        }

        /// Revokes `role` from `account`.
        ///
        /// Caller: a holder of `role`'s admin role. Fails with
        /// `AdminRoleByHandoverOnly` for [`Role::Admin`],
        /// `ServiceRoleByLinkOnly` for a service role, `RoleBookNotLinked`,
        /// `RoleBookUnavailable`. A no-op if `account` does not hold `role`.
        /// Emits `RoleRevoked`.
        #[ink(message)]
        #[inline(never)]
        pub fn revoke_role(&mut self, role: Role, account: AccountId) -> Result<()> {
            let caller = self.env().caller();
            managed(role)?;
            self.ensure_role(self.role_admin_of(role), caller)?;
            self.take_role(role, account, caller)
        }

        /// Gives up `role`. `account` must be the caller's own account, as a
        /// confirmation against renouncing by mistake.
        ///
        /// Caller: anyone. Fails with `ServiceRoleByLinkOnly` for a service
        /// role, `AdminRoleByHandoverOnly` for
        /// [`Role::Admin`], `RenounceOnlyOwnAccount`, `RoleBookNotLinked`,
        /// `RoleBookUnavailable`. A no-op if the caller does not hold `role`.
        /// Emits `RoleRevoked` with `by` = the caller.
        #[ink(message)]
        #[inline(never)]
        pub fn renounce_role(&mut self, role: Role, account: AccountId) -> Result<()> {
            let caller = self.env().caller();
            managed(role)?;
            ensure!(account == caller, Error::RenounceOnlyOwnAccount);
            self.take_role(role, caller, caller)
        }

        // ------------------------------------------------------------------
        // Upgrades (the governor, once a change's public delay is over;
        // docs/ARCHITECTURE.md, "Governed upgrades")
        // ------------------------------------------------------------------

        /// Replaces this contract's code, keeping its address, storage and
        /// balance; the governor calls `migrate` next, in the same call.
        /// Caller: the governor (works while paused). Fails with `CodeNotFound`.
        #[ink(message)]
        #[inline(never)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_governor()?;
            ensure!(upgrade::replace_code(&code_hash), Error::CodeNotFound);
            Ok(())
        }

        /// Brings the storage to this code's layout, once: the version
        /// migrated from, or `None`. Caller: the governor (works while
        /// paused). Fails with `UnknownLayout`.
        #[ink(message)]
        #[inline(never)]
        pub fn migrate(&mut self) -> Result<Option<u16>> {
            self.ensure_governor()?;
            let from = upgrade::migrate(&mut self.layout, LAYOUT, &[]).map_err(|_| Error::UnknownLayout)?;
            Ok(from)
        }

        /// Which contract's storage this is, and its version.
        #[ink(message)]
        #[inline(never)]
        pub fn storage_layout(&self) -> Option<StorageLayout> {
            self.layout.get()
        }

        // ------------------------------------------------------------------
        // Governance (Admin)
        // ------------------------------------------------------------------

        /// Makes `admin_role` the role whose holders manage `role`.
        ///
        /// Caller: the Admin. Fails with `AdminRoleByHandoverOnly` if `role` is
        /// [`Role::Admin`], `ServiceRoleByLinkOnly` if it is a service role. A
        /// no-op if already so. Emits `RoleAdminChanged`.
        #[ink(message)]
        #[inline(never)]
        pub fn set_role_admin(&mut self, role: Role, admin_role: Role) -> Result<()> {
            let caller = self.ensure_admin()?;
            managed(role)?;
            let previous = self.role_admin_of(role);
            if previous == admin_role {
                return Ok(());
            }
            if admin_role == Role::Admin {
                self.role_admin.remove(role);
            } else {
                self.role_admin.insert(role, &admin_role);
            }
            self.emit(Change::RoleAdminChanged(RoleAdminChanged { role, previous, new: admin_role, by: caller }));
            Ok(())
        }

        /// Declares `first` and `second` exclusive: from now on no account may
        /// hold both.
        ///
        /// Caller: the governor (`Governance`), once the Admin's scheduled
        /// change has waited out its public delay. Fails with `SameRole`, `ExistingHolderConflict`
        /// if some account already holds both, `TooManyHoldersToCheck`. A no-op
        /// if already exclusive. Emits `ExclusivePairDeclared`.
        #[ink(message)]
        #[inline(never)]
        pub fn declare_exclusive(&mut self, first: Role, second: Role) -> Result<()> {
            let caller = self.ensure_governor()?;
            ensure!(first != second, Error::SameRole);
            if self.exclusive_set(first).contains(second) {
                return Ok(());
            }
            self.ensure_no_holder_of_both(first, second)?;
            self.link_exclusive(first, second);
            self.emit(Change::ExclusivePairDeclared(ExclusivePairDeclared { first, second, by: caller }));
            Ok(())
        }

        /// Lifts the exclusivity of `first` and `second`.
        ///
        /// Caller: the governor (`Governance`), once the Admin's scheduled
        /// change has waited out its public delay. Fails with `SameRole`. A no-op if not exclusive.
        /// Emits `ExclusivePairRemoved`.
        #[ink(message)]
        #[inline(never)]
        pub fn remove_exclusive(&mut self, first: Role, second: Role) -> Result<()> {
            let caller = self.ensure_governor()?;
            ensure!(first != second, Error::SameRole);
            if !self.exclusive_set(first).contains(second) {
                return Ok(());
            }
            self.unlink_exclusive(first, second);
            self.emit(Change::ExclusivePairRemoved(ExclusivePairRemoved { first, second, by: caller }));
            Ok(())
        }

        /// Offers the Admin role to `proposed`; replaces any earlier offer.
        ///
        /// Caller: the Admin. Fails with `AlreadyAdmin` if `proposed` is the
        /// Admin. A no-op if `proposed` is already the pending account. Emits
        /// `AdminHandoverProposed`.
        #[ink(message)]
        #[inline(never)]
        pub fn propose_admin(&mut self, proposed: AccountId) -> Result<()> {
            let admin = self.ensure_admin()?;
            ensure!(proposed != admin, Error::AlreadyAdmin);
            if self.pending_admin.get().flatten() == Some(proposed) {
                return Ok(());
            }
            self.pending_admin.set(&Some(proposed));
            self.emit(Change::AdminHandoverProposed(AdminHandoverProposed { admin, proposed }));
            Ok(())
        }

        /// Withdraws the pending Admin offer.
        ///
        /// Caller: the Admin. Fails with `NoPendingAdmin`. Emits
        /// `AdminHandoverCancelled`.
        #[ink(message)]
        #[inline(never)]
        pub fn cancel_admin_proposal(&mut self) -> Result<()> {
            let admin = self.ensure_admin()?;
            let proposed = self.pending_admin.get().flatten().ok_or(Error::NoPendingAdmin)?;
            self.pending_admin.set(&None);
            self.emit(Change::AdminHandoverCancelled(AdminHandoverCancelled { admin, proposed }));
            Ok(())
        }

        /// Accepts the Admin role offered to the caller. The previous Admin
        /// loses it in the same step, so there is always exactly one Admin.
        ///
        /// Caller: the proposed account. Fails with `NoPendingAdmin`,
        /// `NotPendingAdmin`, `ConflictingRoles` if the caller holds a role
        /// exclusive with Admin, `RoleBookNotLinked`, `RoleBookUnavailable`.
        /// Emits `RoleRevoked`, `RoleGranted` (for
        /// indexers that follow memberships) and `AdminTransferred`.
        #[ink(message)]
        #[inline(never)]
        pub fn accept_admin(&mut self) -> Result<()> {
            let caller = self.env().caller();
            let proposed = self.pending_admin.get().flatten().ok_or(Error::NoPendingAdmin)?;
            ensure!(proposed == caller, Error::NotPendingAdmin);
            let held = self.roles_of.get(caller).unwrap_or_default();
            self.ensure_compatible(caller, held, Role::Admin)?;
            let previous = self.current_admin();
            // Remove first: the list then has room.
            self.take_role(Role::Admin, previous, caller)?;
            let count = self.room(Role::Admin)?;
            self.publish(caller, held.with(Role::Admin))?;
            self.add_member(Role::Admin, caller, held, count);
            self.admin.set(&caller);
            self.pending_admin.set(&None);
            self.emit(Change::RoleGranted(RoleGranted { role: Role::Admin, account: caller, by: caller }));
            self.emit(Change::AdminTransferred(AdminTransferred { previous, new: caller }));
            Ok(())
        }

        /// Pauses the suite. Caller: the Admin. Fails with `RoleBookNotLinked`,
        /// `RoleBookUnavailable`. A no-op if already paused. Emits `Paused`.
        #[ink(message)]
        #[inline(never)]
        pub fn pause(&mut self) -> Result<()> {
            let by = self.ensure_admin()?;
            if !self.paused {
                RoleBookWriter::set_paused(self.book()?, true).map_err(|_| Error::RoleBookUnavailable)?;
                self.paused = true;
                self.emit(Change::Paused(Paused { by }));
            }
            Ok(())
        }

        /// Unpauses the suite. Caller: the Admin. Fails with
        /// `RoleBookNotLinked`, `RoleBookUnavailable`. A no-op if not paused.
        /// Emits `Unpaused`.
        #[ink(message)]
        #[inline(never)]
        pub fn unpause(&mut self) -> Result<()> {
            let by = self.ensure_admin()?;
            if self.paused {
                RoleBookWriter::set_paused(self.book()?, false).map_err(|_| Error::RoleBookUnavailable)?;
                self.paused = false;
                self.emit(Change::Unpaused(Unpaused { by }));
            }
            Ok(())
        }

        /// Links the role book the suite's contracts ask (a `role_book`
        /// deployed with this registry as its writer) and writes into it the
        /// roles held so far (only the Admin's: nothing changes before the
        /// link) and the pause flag. Once only.
        ///
        /// Caller: the Admin. Fails with `RoleBookLinked`,
        /// `RoleBookUnavailable` (the book could not be written: not a role
        /// book, or not this registry's). Emits `RoleBookLinked`.
        #[ink(message)]
        #[inline(never)]
        pub fn link_role_book(&mut self, book: AccountId) -> Result<()> {
            let by = self.ensure_admin()?;
            ensure!(self.role_book.is_none(), Error::RoleBookLinked);
            let admin = self.current_admin();
            let held = self.roles_of.get(admin).unwrap_or_default();
            RoleBookWriter::set_roles(book, admin, held).map_err(|_| Error::RoleBookUnavailable)?;
            if self.paused {
                RoleBookWriter::set_paused(book, true).map_err(|_| Error::RoleBookUnavailable)?;
            }
            self.role_book = Some(book);
            self.emit(Change::RoleBookLinked(RoleBookLinked { book, by }));
            Ok(())
        }

        /// Gives each service role to its peer, the suite contract the
        /// deployment wired (`TenderService` to the tender book,
        /// `EvaluationService` to the evaluation contract, `EscrowService`
        /// to the escrow, `Governance` to the governor), writing them to the
        /// role book. Once only, and no
        /// other message grants, revokes or renounces a service role, so each
        /// has this one holder for good.
        ///
        /// Caller: the Admin. Fails with `PeersLinked`, `RoleBookNotLinked`,
        /// `ConflictingRoles` (a peer holding a role exclusive with its service
        /// role), `RoleBookUnavailable`. Emits `PeersLinked`, then
        /// `RoleGranted` for each role. (The checks all come before the first
        /// write; a role book that fails part way reverts the whole call, as
        /// any refusal does.)
        #[ink(message)]
        #[inline(never)]
        pub fn link_peers(&mut self, peers: Peers) -> Result<()> {
            let by = self.ensure_admin()?;
            ensure!(self.peers.get().is_none(), Error::PeersLinked);
            self.book()?;
            // Every check before the first write. One account may be two
            // peers (a test plays both with one account), so each role is
            // checked against what the account holds with this link's
            // earlier roles.
            let services = peers.services();
            for (i, (role, account)) in services.into_iter().enumerate() {
                let earlier = services.iter().take(i).filter(|(_, a)| *a == account);
                let held = earlier.fold(self.roles_of.get(account).unwrap_or_default(), |set, (r, _)| set.with(*r));
                self.ensure_compatible(account, held, role)?;
            }
            self.emit(Change::PeersLinked(PeersLinked { peers, by }));
            for (role, account) in services {
                self.give(role, account, by)?;
            }
            // Recorded once every role is written, so a role book that
            // fails part way leaves the link to be made again.
            self.peers.set(&peers);
            Ok(())
        }

        /// The linked peers, if any.
        #[ink(message)]
        #[inline(never)]
        pub fn peers(&self) -> Option<Peers> {
            self.peers.get()
        }

        /// The linked role book, if any.
        #[ink(message)]
        #[inline(never)]
        pub fn role_book(&self) -> Option<AccountId> {
            self.role_book
        }

        // ------------------------------------------------------------------
        // Checks for the suite's contracts (called across contracts)
        // ------------------------------------------------------------------

        /// Whether `account` holds `role`.
        #[ink(message)]
        #[inline(never)]
        pub fn has_role(&self, role: Role, account: AccountId) -> bool {
            self.roles_of.get(account).unwrap_or_default().contains(role)
        }

        /// `Ok` if `account` holds `role`, else `MissingRole`.
        #[ink(message)]
        #[inline(never)]
        pub fn check_role(&self, role: Role, account: AccountId) -> Result<()> {
            self.ensure_role(role, account)
        }

        /// `Ok` if the suite is not paused and `account` holds `role`; else
        /// `Paused` or `MissingRole`. One call for the usual guard of a
        /// state-changing message elsewhere in the suite.
        #[ink(message)]
        #[inline(never)]
        pub fn check_role_unpaused(&self, role: Role, account: AccountId) -> Result<()> {
            ensure!(!self.paused, Error::Paused);
            self.ensure_role(role, account)
        }

        /// Every role of `account` and whether the suite is paused, in one
        /// call: for checks that need more than one role (a vendor must hold
        /// Vendor and none of the staff roles) plus the pause flag.
        #[ink(message)]
        #[inline(never)]
        pub fn standing(&self, account: AccountId) -> (RoleSet, bool) {
            (self.roles_of.get(account).unwrap_or_default(), self.paused)
        }

        /// Whether the suite is paused.
        #[ink(message)]
        #[inline(never)]
        pub fn is_paused(&self) -> bool {
            self.paused
        }

        // ------------------------------------------------------------------
        // Queries (anyone)
        // ------------------------------------------------------------------

        /// Every role `account` holds, in id order.
        #[ink(message)]
        #[inline(never)]
        pub fn roles_of(&self, account: AccountId) -> Vec<Role> {
            self.roles_of.get(account).unwrap_or_default().iter().collect()
        }

        /// The role whose holders manage `role`.
        #[ink(message)]
        #[inline(never)]
        pub fn role_admin(&self, role: Role) -> Role {
            self.role_admin_of(role)
        }

        /// How many accounts hold `role`.
        #[ink(message)]
        #[inline(never)]
        pub fn member_count(&self, role: Role) -> u32 {
            self.member_count.get(role).unwrap_or(0)
        }

        /// Up to `limit` (at most [`MAX_PAGE_SIZE`]) holders of `role`,
        /// starting at position `start`. The order is stable except that a
        /// revocation moves the last member into the freed position.
        #[ink(message)]
        #[inline(never)]
        pub fn members(&self, role: Role, start: u32, limit: u32) -> Vec<AccountId> {
            let count = self.member_count(role);
            let end = start.saturating_add(limit.min(MAX_PAGE_SIZE)).min(count);
            (start..end).filter_map(|i| self.member_at.get((role, i))).collect()
        }

        /// Whether `first` and `second` are exclusive.
        #[ink(message)]
        #[inline(never)]
        pub fn is_exclusive(&self, first: Role, second: Role) -> bool {
            self.exclusive_set(first).contains(second)
        }

        /// Every role exclusive with `role`.
        #[ink(message)]
        #[inline(never)]
        pub fn exclusive_with(&self, role: Role) -> Vec<Role> {
            self.exclusive_set(role).iter().collect()
        }

        /// The Admin.
        #[ink(message)]
        #[inline(never)]
        pub fn admin(&self) -> AccountId {
            self.current_admin()
        }

        /// The account offered the Admin role, if any.
        #[ink(message)]
        #[inline(never)]
        pub fn pending_admin(&self) -> Option<AccountId> {
            self.pending_admin.get().flatten()
        }

        // ------------------------------------------------------------------
        // Internal helpers
        // ------------------------------------------------------------------

        fn current_admin(&self) -> AccountId {
            self.admin.get().unwrap_or_else(|| unreachable!("set in the constructor, never removed"))
        }

        fn role_admin_of(&self, role: Role) -> Role {
            self.role_admin.get(role).unwrap_or(Role::Admin)
        }

        fn exclusive_set(&self, role: Role) -> RoleSet {
            self.exclusive_with.get(role).unwrap_or_default()
        }

        fn ensure_role(&self, role: Role, account: AccountId) -> Result<()> {
            if self.has_role(role, account) {
                Ok(())
            } else {
                Err(Error::MissingRole { role, account })
            }
        }

        /// The caller, if it is the Admin.
        fn ensure_admin(&self) -> Result<AccountId> {
            let caller = self.env().caller();
            self.ensure_role(Role::Admin, caller)?;
            Ok(caller)
        }

        /// The caller, if it is the governor (holds `Governance`).
        fn ensure_governor(&self) -> Result<AccountId> {
            let caller = self.env().caller();
            self.ensure_role(Role::Governance, caller)?;
            Ok(caller)
        }

        /// Fails if `held` contains a role exclusive with `requested`.
        fn ensure_compatible(&self, account: AccountId, held: RoleSet, requested: Role) -> Result<()> {
            match held.intersection(self.exclusive_set(requested)).first() {
                Some(conflict) => Err(Error::ConflictingRoles { account, held: conflict, requested }),
                None => Ok(()),
            }
        }

        /// Scans the smaller role's members for one holding both roles.
        fn ensure_no_holder_of_both(&self, first: Role, second: Role) -> Result<()> {
            let (scan, other) = if self.member_count(first) <= self.member_count(second) { (first, second) } else { (second, first) };
            let count = self.member_count(scan);
            ensure!(count <= MAX_EXCLUSIVITY_SCAN, Error::TooManyHoldersToCheck);
            for i in 0..count {
                if let Some(account) = self.member_at.get((scan, i)) {
                    ensure!(!self.has_role(other, account), Error::ExistingHolderConflict { account });
                }
            }
            Ok(())
        }

        fn link_exclusive(&mut self, first: Role, second: Role) {
            self.exclusive_with.insert(first, &self.exclusive_set(first).with(second));
            self.exclusive_with.insert(second, &self.exclusive_set(second).with(first));
        }

        fn unlink_exclusive(&mut self, first: Role, second: Role) {
            self.exclusive_with.insert(first, &self.exclusive_set(first).without(second));
            self.exclusive_with.insert(second, &self.exclusive_set(second).without(first));
        }

        /// The linked role book.
        /// Emits `change` as the registry's one event.
        #[inline(never)]
        fn emit(&self, change: Change) {
            self.env().emit_event(RegistryEvent::of(change));
        }

        fn book(&self) -> Result<AccountId> {
            self.role_book.ok_or(Error::RoleBookNotLinked)
        }

        /// Writes `account`'s new role set to the role book.
        fn publish(&self, account: AccountId, roles: RoleSet) -> Result<()> {
            RoleBookWriter::set_roles(self.book()?, account, roles).map_err(|_| Error::RoleBookUnavailable)
        }

        /// The size of `role`'s member list, if another member fits.
        fn room(&self, role: Role) -> Result<u32> {
            let count = self.member_count(role);
            ensure!(count < MAX_MEMBERS_PER_ROLE, Error::RoleFull { role });
            Ok(count)
        }

        /// Gives `role` to `account` (a no-op if held), written to the role
        /// book first, and emits `RoleGranted`.
        fn give(&mut self, role: Role, account: AccountId, by: AccountId) -> Result<()> {
            let held = self.roles_of.get(account).unwrap_or_default();
            if held.contains(role) {
                return Ok(());
            }
            self.ensure_compatible(account, held, role)?;
            let count = self.room(role)?;
            self.publish(account, held.with(role))?;
            self.add_member(role, account, held, count);
            self.emit(Change::RoleGranted(RoleGranted { role, account, by }));
            Ok(())
        }

        /// Appends `account` to `role`'s members, `count` long before (see
        /// [`Self::room`]). `held` is its current set.
        fn add_member(&mut self, role: Role, account: AccountId, held: RoleSet, count: u32) {
            self.roles_of.insert(account, &held.with(role));
            self.member_index.insert((role, account), &count);
            self.member_at.insert((role, count), &account);
            self.member_count.insert(role, &count.saturating_add(1));
        }

        /// Removes `role` from `account` if held (swap-remove from the member
        /// list, written to the role book first) and emits `RoleRevoked`;
        /// otherwise does nothing.
        fn take_role(&mut self, role: Role, account: AccountId, by: AccountId) -> Result<()> {
            let held = self.roles_of.get(account).unwrap_or_default();
            if !held.contains(role) {
                return Ok(());
            }
            let Some(index) = self.member_index.get((role, account)) else {
                return Ok(());
            };
            let remaining = held.without(role);
            self.publish(account, remaining)?;
            self.member_index.remove((role, account));
            // The list holds `account`, so it has at least one entry.
            let last = self.member_count(role).saturating_sub(1);
            if index != last {
                if let Some(moved) = self.member_at.get((role, last)) {
                    self.member_at.insert((role, index), &moved);
                    self.member_index.insert((role, moved), &index);
                }
            }
            self.member_at.remove((role, last));
            // An empty role keeps no cell, so revoking refunds all that
            // granting deposited.
            if last == 0 {
                self.member_count.remove(role);
            } else {
                self.member_count.insert(role, &last);
            }
            if remaining.is_empty() {
                self.roles_of.remove(account);
            } else {
                self.roles_of.insert(account, &remaining);
            }
            self.emit(Change::RoleRevoked(RoleRevoked { role, account, by }));
            Ok(())
        }
    }

    /// `Ok` if `role` is managed by messages: the Admin role moves only by
    /// handover, a service role only by `link_peers`.
    fn managed(role: Role) -> Result<()> {
        if role == Role::Admin {
            Err(Error::AdminRoleByHandoverOnly)
        } else if Role::SERVICES.contains(role) {
            Err(Error::ServiceRoleByLinkOnly { role })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
