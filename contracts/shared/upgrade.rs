//! What a contract of the suite records about its own storage, so that new
//! code knows whether it may run on what the old code left.
//!
//! Every contract keeps a [`StorageLayout`] (which contract, which version
//! of its storage) in a cell of its own at [`LAYOUT_KEY`], outside its root
//! struct, written by its constructor. Code replaced through the governor
//! (`set_code`, then `migrate`, in one transaction: docs/ARCHITECTURE.md,
//! "Governed upgrades") decides with [`migration`] what to do with the
//! layout it finds: nothing (the layout is its own), a migration it knows
//! (from an older version of the same contract), or a refusal (another
//! contract's storage, a version it does not know, no record at all), in
//! which case the whole upgrade is undone.

use ink::primitives::Hash;
use ink::storage::traits::{ManualKey, StorageKey};
use ink::storage::Lazy;

/// The cell a contract's [`StorageLayout`] lives in (`"layo"`), the same
/// in every contract so that any code can read it before anything else.
pub const LAYOUT_KEY: u32 = 0x6c61_796f;

/// The field of a contract's root struct holding its [`StorageLayout`]: a
/// cell of its own, so it is read only by the upgrade messages and adds
/// nothing to the root cell every message loads.
pub type LayoutCell = Lazy<StorageLayout, ManualKey<LAYOUT_KEY>>;

/// Replaces the running contract's code with the code uploaded as
/// `code_hash`, keeping its address, storage and balance; the new code runs
/// from the next call on. `false` if no such code was uploaded (nothing
/// changed). Only a contract's `set_code` message calls it, for the
/// governor.
pub fn replace_code(code_hash: &Hash) -> bool {
    ink::env::set_code_hash::<ink::env::DefaultEnvironment>(code_hash).is_ok()
}

/// The contracts of a suite, as the governor names them: an upgrade names
/// its target this way, and a contract's storage records which it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum SuiteContract {
    /// `access_control`, the role registry.
    Registry = 0,
    /// `role_book`, the registry's answers.
    RoleBook = 1,
    /// `budget`, the treasury.
    Budget = 2,
    /// `tender`, the tender book.
    Tender = 3,
    /// `escrow`, the agreements.
    Escrow = 4,
    /// `evaluation`, the evaluation book.
    Evaluation = 5,
    /// `governor`, the delayed changes themselves.
    Governor = 6,
}

impl SuiteContract {
    /// Every contract, in the order the suite deploys them.
    pub const ALL: [SuiteContract; 7] = [
        SuiteContract::Registry,
        SuiteContract::RoleBook,
        SuiteContract::Budget,
        SuiteContract::Tender,
        SuiteContract::Escrow,
        SuiteContract::Evaluation,
        SuiteContract::Governor,
    ];

    /// The contract's crate and bundle name.
    pub const fn name(self) -> &'static str {
        match self {
            SuiteContract::Registry => "access_control",
            SuiteContract::RoleBook => "role_book",
            SuiteContract::Budget => "budget",
            SuiteContract::Tender => "tender",
            SuiteContract::Escrow => "escrow",
            SuiteContract::Evaluation => "evaluation",
            SuiteContract::Governor => "governor",
        }
    }
}

/// Which contract's storage a contract holds, and in which version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct StorageLayout {
    /// The contract the storage belongs to.
    pub contract: SuiteContract,
    /// Its version: 1 for every contract's first layout, one more for each
    /// change that needs a migration.
    pub version: u16,
}

/// Why new code refuses the storage it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutRefusal {
    /// No layout is recorded: not storage this suite's code wrote.
    Unrecorded,
    /// The storage is another contract's.
    OtherContract(SuiteContract),
    /// A version of this contract the code has no migration from (a newer
    /// one, or one it was never written for).
    UnknownVersion(u16),
}

/// What code for `contract` whose own layout is version `version`, and
/// which can migrate from each of `migrates_from`, does with the layout
/// `found`: `Ok(None)` if it is its own (nothing to migrate), `Ok(Some(v))`
/// if it must migrate from version `v`, a refusal otherwise.
pub fn migration(
    found: Option<StorageLayout>,
    contract: SuiteContract,
    version: u16,
    migrates_from: &[u16],
) -> Result<Option<u16>, LayoutRefusal> {
    let found = found.ok_or(LayoutRefusal::Unrecorded)?;
    if found.contract != contract {
        return Err(LayoutRefusal::OtherContract(found.contract));
    }
    if found.version == version {
        Ok(None)
    } else if migrates_from.contains(&found.version) {
        Ok(Some(found.version))
    } else {
        Err(LayoutRefusal::UnknownVersion(found.version))
    }
}

/// The body of every contract's `migrate`: decides with [`migration`] what
/// to do with the layout `cell` holds for code whose layout is `layout` and
/// which migrates from `migrates_from`, and records `layout` when a
/// migration runs. `Ok(Some(v))` tells the caller to run its migration from
/// version `v` (in the same call); `Ok(None)`: nothing to do.
pub fn migrate<K: StorageKey>(
    cell: &mut Lazy<StorageLayout, K>,
    layout: StorageLayout,
    migrates_from: &[u16],
) -> Result<Option<u16>, LayoutRefusal> {
    let from = migration(cell.get(), layout.contract, layout.version, migrates_from)?;
    if from.is_some() {
        cell.set(&layout);
    }
    Ok(from)
}

/// The upgrade drill: what the second versions of the budget and the escrow
/// (feature `upgrade-drill`, built only for the e2e upgrade tests) record
/// when they migrate, in a cell version 1 did not have.
pub mod drill {
    /// The drill's cell (`"dril"`): a cell of its own, as a field added to a
    /// contract's storage must be (a field in the root struct would change
    /// the root cell old data is in).
    pub const DRILL_KEY: u32 = 0x6472_696c;

    /// What the drill's migration found.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct Drill {
        /// The layout version migrated from.
        pub from: u16,
        /// Records found (lines of the budget, agreements of the escrow).
        pub records: u64,
        /// Money held, as the contract's books say.
        pub held: u128,
    }

    /// Writes the drill's field (its migration).
    pub fn record(drill: &Drill) {
        ink::env::set_contract_storage(&DRILL_KEY, drill);
    }

    /// Reads the drill's field (its new message).
    pub fn recorded() -> Option<Drill> {
        ink::env::get_contract_storage::<u32, Drill>(&DRILL_KEY).ok().flatten()
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn layout(contract: SuiteContract, version: u16) -> Option<StorageLayout> {
        Some(StorageLayout { contract, version })
    }

    #[test]
    fn code_runs_on_its_own_layout_migrates_known_ones_and_refuses_the_rest() {
        use SuiteContract::{Budget, Escrow};
        assert_eq!(migration(layout(Budget, 1), Budget, 1, &[]), Ok(None));
        assert_eq!(migration(layout(Budget, 1), Budget, 2, &[1]), Ok(Some(1)));
        assert_eq!(migration(layout(Budget, 2), Budget, 2, &[1]), Ok(None), "a second run finds nothing to do");
        assert_eq!(migration(layout(Budget, 3), Budget, 2, &[1]), Err(LayoutRefusal::UnknownVersion(3)), "newer storage");
        assert_eq!(migration(layout(Budget, 1), Budget, 3, &[2]), Err(LayoutRefusal::UnknownVersion(1)), "no path from 1");
        assert_eq!(migration(layout(Escrow, 1), Budget, 1, &[]), Err(LayoutRefusal::OtherContract(Escrow)));
        assert_eq!(migration(None, Budget, 1, &[]), Err(LayoutRefusal::Unrecorded));
    }

    #[test]
    fn names_are_the_bundles() {
        let names = SuiteContract::ALL.map(SuiteContract::name);
        assert_eq!(names, ["access_control", "role_book", "budget", "tender", "escrow", "evaluation", "governor"]);
        for (i, contract) in SuiteContract::ALL.iter().enumerate() {
            assert_eq!(*contract as usize, i, "ids are stable");
        }
    }
}
