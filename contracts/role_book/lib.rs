//! # role_book: the suite's role checks, kept small
//!
//! Every guarded message of the suite asks one question across contracts:
//! what roles does this account hold, and is the suite paused? On a
//! Contracts-pallet chain the code of every contract a call touches is part
//! of its proof, so the contract that answers should be as small as it can
//! be. This one holds only the answer: every account's [`RoleSet`] and the
//! pause flag, written by the registry (`access_control`, which keeps the
//! rules, member lists, role admins, separation of duties and the Admin
//! handover) in the same call as every change there, and read by
//! `standing`.
//!
//! It knows no rule. It trusts one writer, fixed at construction: the
//! registry. Until the registry links it (`access_control::link_role_book`)
//! it answers "no roles" for everyone, so a suite wired to it refuses every
//! guarded message rather than allowing any.
//!
//! Bounds: one `Mapping` entry per account holding a role (the registry
//! bounds members per role).
//!
//! Not audited. Do not hold real public money with it before an audit.

#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The contracts' lints: docs/ARCHITECTURE.md, "How a contract is built".
#![deny(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation, clippy::unwrap_used)]
#![cfg_attr(feature = "std", deny(unsafe_code, clippy::expect_used))]

pub mod client;

pub use self::role_book::{Error, RoleBook, RoleBookRef};

#[ink::contract]
pub mod role_book {
    use ink::storage::Mapping;
    use procurement_shared::upgrade::{self, LayoutCell};
    use procurement_shared::{Role, RoleSet, StorageLayout, SuiteContract};

    /// Why a write refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// Returned if the caller is not the registry.
        NotRegistry,
        /// Returned by the upgrade messages if the caller is not the
        /// governor (an account holding `Governance`).
        NotGovernor,
        /// Returned by `set_code` if no code was uploaded under the hash.
        CodeNotFound,
        /// Returned by `migrate` if the storage is another contract's, or a
        /// version of this one the code has no migration from.
        UnknownLayout,
    }

    /// This code's storage layout (docs/ARCHITECTURE.md, "Governed upgrades").
    const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::RoleBook, version: 1 };

    /// Every account's roles and the pause flag.
    #[ink(storage)]
    pub struct RoleBook {
        /// The only writer: the suite's `access_control` registry.
        registry: AccountId,
        /// Whether the suite is paused.
        paused: bool,
        /// Roles by account (absent = none).
        roles_of: Mapping<AccountId, RoleSet>,
        /// Which contract and layout version this storage is (its own
        /// cell, read only by the upgrade messages).
        layout: LayoutCell,
    }

    impl RoleBook {
        /// Creates an empty role book that `registry` alone writes.
        #[ink(constructor)]
        pub fn new(registry: AccountId) -> Self {
            let mut this = Self { registry, paused: false, roles_of: Mapping::new(), layout: ink::storage::Lazy::new() };
            this.layout.set(&LAYOUT);
            this
        }

        /// Every role of `account` and whether the suite is paused: the one
        /// question the suite's guards ask.
        #[ink(message)]
        pub fn standing(&self, account: AccountId) -> (RoleSet, bool) {
            (self.roles_of.get(account).unwrap_or_default(), self.paused)
        }

        /// Records `account`'s roles (an empty set removes the entry, and
        /// refunds its deposit). Caller: the registry. Fails with
        /// `NotRegistry`. No event: the registry emits the change.
        #[ink(message)]
        pub fn set_roles(&mut self, account: AccountId, roles: RoleSet) -> Result<(), Error> {
            self.ensure_registry()?;
            if roles.is_empty() {
                self.roles_of.remove(account);
            } else {
                self.roles_of.insert(account, &roles);
            }
            Ok(())
        }

        /// Records the pause flag. Caller: the registry. Fails with
        /// `NotRegistry`.
        #[ink(message)]
        pub fn set_paused(&mut self, paused: bool) -> Result<(), Error> {
            self.ensure_registry()?;
            self.paused = paused;
            Ok(())
        }

        /// The registry that writes this book.
        #[ink(message)]
        pub fn registry(&self) -> AccountId {
            self.registry
        }

        /// Replaces this contract's code, keeping its address, storage and
        /// balance; the governor calls `migrate` next, in the same call.
        /// Caller: the governor (works while paused). Fails with `CodeNotFound`.
        #[ink(message)]
        #[inline(never)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<(), Error> {
            self.ensure_governor()?;
            if upgrade::replace_code(&code_hash) {
                Ok(())
            } else {
                Err(Error::CodeNotFound)
            }
        }

        /// Brings the storage to this code's layout, once: the version
        /// migrated from, or `None`. Caller: the governor (works while
        /// paused). Fails with `UnknownLayout`.
        #[ink(message)]
        #[inline(never)]
        pub fn migrate(&mut self) -> Result<Option<u16>, Error> {
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

        /// `Ok` if the caller holds `Governance` (the suite's governor):
        /// this book holds every account's roles, so it asks no one.
        fn ensure_governor(&self) -> Result<(), Error> {
            if self.roles_of.get(self.env().caller()).unwrap_or_default().contains(Role::Governance) {
                Ok(())
            } else {
                Err(Error::NotGovernor)
            }
        }

        fn ensure_registry(&self) -> Result<(), Error> {
            if self.env().caller() == self.registry {
                Ok(())
            } else {
                Err(Error::NotRegistry)
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use crate::role_book::{Error, RoleBook};
    use procurement_shared::{Role, RoleSet};
    use test_kit::env::{accounts, as_caller};

    #[ink::test]
    fn only_the_registry_writes_and_everyone_reads() {
        let a = accounts();
        let mut book = RoleBook::new(a.alice);
        assert_eq!(book.registry(), a.alice);
        assert_eq!(book.standing(a.bob), (RoleSet::EMPTY, false), "nobody holds a role until written");
        let staff = RoleSet::EMPTY.with(Role::Treasurer).with(Role::Inspector);
        as_caller(a.bob);
        assert_eq!(book.set_roles(a.bob, staff), Err(Error::NotRegistry));
        assert_eq!(book.set_paused(true), Err(Error::NotRegistry));
        assert_eq!(book.standing(a.bob), (RoleSet::EMPTY, false));
        as_caller(a.alice);
        book.set_roles(a.bob, staff).unwrap();
        book.set_paused(true).unwrap();
        assert_eq!(book.standing(a.bob), (staff, true));
        assert_eq!(book.standing(a.charlie), (RoleSet::EMPTY, true));
        book.set_roles(a.bob, RoleSet::EMPTY).unwrap();
        book.set_paused(false).unwrap();
        assert_eq!(book.standing(a.bob), (RoleSet::EMPTY, false));
    }
}
