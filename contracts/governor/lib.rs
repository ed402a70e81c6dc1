//! # governor: changes to the suite's code and rules, announced before they run
//!
//! The suite holds public money, so nobody, the Admin included, may change
//! the code that holds it, or the rules that guard it, at once. The Admin
//! *schedules* a change here; the change is public from that moment (a
//! `Scheduled` event with the whole change, and the `pending` list), and
//! runs only after the minimum delay, when *anyone* executes it. Until then
//! the Admin may cancel it, and citizens, vendors and auditors can see it
//! coming and act (withdraw a bid, raise the alarm, take a case to court).
//!
//! ## What goes through the delay
//! - Replacing the code of any suite contract but this one ([`Action::Upgrade`]):
//!   the target's `set_code`, then its `migrate` on the new code, in the
//!   same transaction; if the new code refuses the storage it finds (another
//!   contract's, a version it does not know), or traps on it, the whole
//!   execution is undone and the change stays pending.
//! - Separation of duties: declaring or lifting an exclusive role pair.
//! - The treasury's release policies (the default, or a line's own).
//! - This governor's own minimum delay.
//!
//! Role grants, revocations and the pause stay immediate (docs/ARCHITECTURE.md,
//! "Governed upgrades", says why). The targets accept these calls only from
//! the holder of the `Governance` service role, which the registry gives to
//! this contract once (`link_peers`) and to no one else.
//!
//! ## Time
//! A change's time (`eta`) is at least the minimum delay ahead when it is
//! scheduled ([`DEFAULT_DELAY`], 7 days, unless changed through the delay
//! itself; never below [`DELAY_FLOOR`] nor above [`MAX_DELAY`]) and at most
//! [`MAX_HORIZON`] beyond that. It may be executed from `eta` for
//! [`GRACE`]; after that it has expired and can only be cancelled (by
//! anyone, so an expired change never holds a slot for good).
//!
//! ## Code
//! Scheduling an upgrade pins its code on the chain (a delegate dependency
//! of this contract) until the change is executed or cancelled, so the code
//! announced cannot be removed during the delay; a hash under which no code
//! was uploaded is refused by the chain at scheduling (`CodeNotFound`), and
//! by the target at execution if it were ever missing.
//!
//! ## Bounds
//! At most [`MAX_PENDING`] changes pending (the chain's limit on pinned
//! codes per contract is 32); every change ever scheduled stays readable
//! by id (a `Mapping` entry each, paid by the Admin's deposit).
//!
//! The governor holds no money and reads no pause: an upgrade can be
//! executed while the suite is paused, so a fix can go in during an
//! incident.
//!
//! Not audited. Do not hold real public money with it before an audit.

#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The contracts' lints: docs/ARCHITECTURE.md, "How a contract is built".
#![deny(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation, clippy::unwrap_used)]
#![cfg_attr(feature = "std", deny(unsafe_code, clippy::expect_used))]

mod calls;
pub mod errors;
pub mod events;
#[cfg(test)]
mod tests;
pub mod types;

pub use self::governor::{Governor, GovernorRef};
pub use errors::{Error, Result};
pub use types::{Action, ChangeState, Governed, ScheduledChange};

use procurement_shared::{StorageLayout, SuiteContract, Timestamp, DAY_MS};

/// Identifies a scheduled change (ids count up from 0).
pub type ChangeId = u32;

/// The minimum delay a new governor starts with: 7 days.
pub const DEFAULT_DELAY: Timestamp = 7 * DAY_MS;
/// The shortest minimum delay the governor accepts, whoever asks: 2 days.
pub const DELAY_FLOOR: Timestamp = 2 * DAY_MS;
/// The longest minimum delay: 30 days (longer would leave the suite unable
/// to fix a bug in any reasonable time).
pub const MAX_DELAY: Timestamp = 30 * DAY_MS;
/// How far beyond the earliest allowed time a change may be scheduled: 30
/// days, so nothing is announced for a date nobody will remember.
pub const MAX_HORIZON: Timestamp = 30 * DAY_MS;
/// How long after its time a change may still be executed: 14 days.
pub const GRACE: Timestamp = 14 * DAY_MS;
/// Most changes pending at once.
pub const MAX_PENDING: u32 = 32;
/// Most changes one `pending` query returns.
pub const MAX_PAGE_SIZE: u32 = 32;

/// This code's storage layout (docs/ARCHITECTURE.md, "Governed upgrades").
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Governor, version: 1 };

#[ink::contract]
pub mod governor {
    use crate::calls::{Code, CodePort, Registry, TargetPort, Targets};
    pub use crate::events::*;
    use crate::{
        Action, ChangeId, ChangeState, Error, Governed, Result, ScheduledChange, DEFAULT_DELAY, DELAY_FLOOR, LAYOUT, MAX_DELAY,
        MAX_HORIZON, MAX_PAGE_SIZE, MAX_PENDING,
    };
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use procurement_shared::upgrade::LayoutCell;
    use procurement_shared::{ensure, CallError, Role, Roles, StorageLayout, SuiteContract, WhilePaused};

    /// The governor.
    #[ink(storage)]
    pub struct Governor {
        /// The contracts it changes.
        governed: Governed,
        /// How long a change waits at least, from scheduling to its time.
        min_delay: Timestamp,
        /// Next change id (also the number scheduled so far).
        next_change: ChangeId,
        /// Every change ever scheduled, by id.
        changes: Mapping<ChangeId, ScheduledChange>,
        /// Pending changes: position -> id (at most `MAX_PENDING`).
        pending_at: Mapping<u32, ChangeId>,
        /// Position of a pending change in `pending_at` (swap-remove).
        pending_index: Mapping<ChangeId, u32>,
        /// Number of pending changes.
        pending_count: u32,
        /// Pending upgrades per code hash (the code stays pinned while any).
        pins: Mapping<Hash, u32>,
        /// Which contract and layout version this storage is.
        layout: LayoutCell,
    }

    impl Governor {
        /// Creates the governor of the suite whose contracts are given, with
        /// the default minimum delay (7 days). Link it as the suite's
        /// governor (`access_control::link_peers`) to give it `Governance`.
        #[ink(constructor)]
        pub fn new(
            registry: AccountId,
            role_book: AccountId,
            budget: AccountId,
            tender: AccountId,
            escrow: AccountId,
            evaluation: AccountId,
        ) -> Self {
            let mut this = Self {
                governed: Governed { registry, role_book, budget, tender, escrow, evaluation },
                min_delay: DEFAULT_DELAY,
                next_change: 0,
                changes: Mapping::new(),
                pending_at: Mapping::new(),
                pending_index: Mapping::new(),
                pending_count: 0,
                pins: Mapping::new(),
                layout: ink::storage::Lazy::new(),
            };
            this.layout.set(&LAYOUT);
            this
        }

        /// Announces `action`, to run no earlier than `eta`; returns its id.
        ///
        /// Caller: the Admin (works while paused). Fails with `TooEarly` if
        /// `eta` is sooner than the minimum delay from now, `TooLate` if it
        /// is more than `MAX_HORIZON` beyond that, `TooManyPending`,
        /// `SameRole`, `InvalidPolicy`, `DelayOutOfRange`,
        /// `NotUpgradeable` (this governor), `SameCode` (the target runs it
        /// already), `Overflow`. A code hash with no uploaded code is
        /// refused by the chain (`CodeNotFound`). Emits `Scheduled`.
        #[ink(message)]
        #[inline(never)]
        pub fn schedule(&mut self, action: Action, eta: Timestamp) -> Result<ChangeId> {
            let by = Registry::authorize(self.governed.role_book, Role::Admin, WhilePaused::Allowed)?;
            let now = self.env().block_timestamp();
            let earliest = now.checked_add(self.min_delay).ok_or(Error::Overflow)?;
            let latest = earliest.checked_add(MAX_HORIZON).ok_or(Error::Overflow)?;
            ensure!(eta >= earliest, Error::TooEarly { earliest });
            ensure!(eta <= latest, Error::TooLate { latest });
            ensure!(self.pending_count < MAX_PENDING, Error::TooManyPending);
            self.check(&action)?;
            let id = self.next_change;
            self.next_change = id.checked_add(1).ok_or(Error::Overflow)?;
            let position = self.pending_count;
            self.pending_count = position.checked_add(1).ok_or(Error::Overflow)?;

            if let Action::Upgrade { code_hash, .. } = action {
                self.pin(code_hash)?;
            }
            let change = ScheduledChange { action, eta, scheduled_at: now, by, state: ChangeState::Pending };
            self.changes.insert(id, &change);
            self.pending_at.insert(position, &id);
            self.pending_index.insert(id, &position);
            self.emit(id, Change::Scheduled(Scheduled { action, eta, expires: change.expires(), by }));
            Ok(id)
        }

        /// Withdraws a pending change; it will never run.
        ///
        /// Caller: the Admin, or anyone once the change has expired. Fails
        /// with `ChangeNotFound`, `ChangeCancelled`, `AlreadyExecuted`,
        /// `NotExpired` (someone else than the Admin, before expiry).
        /// Emits `Cancelled`.
        #[ink(message)]
        #[inline(never)]
        pub fn cancel(&mut self, id: ChangeId) -> Result<()> {
            let mut change = self.pending(id)?;
            let by = self.env().caller();
            let now = self.env().block_timestamp();
            if now <= change.expires() {
                match Registry::authorize(self.governed.role_book, Role::Admin, WhilePaused::Allowed) {
                    Ok(_) => {}
                    Err(procurement_shared::Denied::MissingRole { .. }) => return Err(Error::NotExpired { expired_at: change.expires() }),
                    Err(denied) => return Err(denied.into()),
                }
            }

            change.state = ChangeState::Cancelled;
            self.close(id, &change)?;
            self.emit(id, Change::Cancelled(Cancelled { by }));
            Ok(())
        }

        /// Runs a pending change whose time has come: an upgrade replaces
        /// the target's code and runs the new code's migration; the other
        /// actions call their target. Returns the version an upgrade
        /// migrated from (`None` otherwise, or if nothing needed migrating).
        ///
        /// Caller: anyone (works while paused). Fails with
        /// `ChangeNotFound`, `ChangeCancelled`, `AlreadyExecuted`, `NotYet`,
        /// `Expired`, `SameCode`, `TargetRefused` (with the target's own
        /// reason: the new code refused the storage, a pair has a holder of
        /// both roles, ...), `TargetUnreachable` (the new code trapped, for
        /// example on storage it cannot read). Any failure undoes the whole
        /// execution. Emits `Executed`.
        #[ink(message)]
        #[inline(never)]
        pub fn execute(&mut self, id: ChangeId) -> Result<Option<u16>> {
            let mut change = self.pending(id)?;
            let now = self.env().block_timestamp();
            ensure!(now >= change.eta, Error::NotYet { eta: change.eta });
            ensure!(now <= change.expires(), Error::Expired { expired_at: change.expires() });
            let by = self.env().caller();

            let migrated_from = self.run(&change.action)?;
            change.state = ChangeState::Executed;
            self.close(id, &change)?;
            self.emit(id, Change::Executed(Executed { action: change.action, migrated_from, by }));
            Ok(migrated_from)
        }

        // ------------------------------------------------------------------
        // Queries (anyone)
        // ------------------------------------------------------------------

        /// The change `id`, whatever its state.
        #[ink(message)]
        #[inline(never)]
        pub fn change(&self, id: ChangeId) -> Option<ScheduledChange> {
            self.changes.get(id)
        }

        /// Pending changes from position `start`, at most `limit` (capped at
        /// `MAX_PAGE_SIZE`), with their ids: what is coming.
        #[ink(message)]
        #[inline(never)]
        pub fn pending_changes(&self, start: u32, limit: u32) -> Vec<(ChangeId, ScheduledChange)> {
            let end = start.saturating_add(limit.min(MAX_PAGE_SIZE)).min(self.pending_count);
            (start..end)
                .filter_map(|position| self.pending_at.get(position))
                .filter_map(|id| self.changes.get(id).map(|change| (id, change)))
                .collect()
        }

        /// How many changes are pending.
        #[ink(message)]
        #[inline(never)]
        pub fn pending_count(&self) -> u32 {
            self.pending_count
        }

        /// How many changes were ever scheduled (ids are below it).
        #[ink(message)]
        #[inline(never)]
        pub fn change_count(&self) -> ChangeId {
            self.next_change
        }

        /// The minimum delay between scheduling and running, in ms.
        #[ink(message)]
        #[inline(never)]
        pub fn min_delay(&self) -> Timestamp {
            self.min_delay
        }

        /// The contracts this governor changes.
        #[ink(message)]
        #[inline(never)]
        pub fn governed(&self) -> Governed {
            self.governed
        }

        /// Which contract's storage this is, and its version.
        #[ink(message)]
        #[inline(never)]
        pub fn storage_layout(&self) -> Option<StorageLayout> {
            self.layout.get()
        }

        // ------------------------------------------------------------------
        // Internal helpers
        // ------------------------------------------------------------------

        /// The refusals that can be known when a change is scheduled.
        fn check(&self, action: &Action) -> Result<()> {
            match *action {
                Action::Upgrade { contract, code_hash } => {
                    let target = self.governed.address(contract).ok_or(Error::NotUpgradeable)?;
                    ensure!(Code::running(target) != Some(code_hash), Error::SameCode);
                }
                Action::DeclareExclusive { first, second } | Action::LiftExclusive { first, second } => {
                    ensure!(first != second, Error::SameRole);
                }
                Action::DefaultPolicy { policy } => ensure!(policy.is_valid(), Error::InvalidPolicy),
                Action::LinePolicy { policy, .. } => ensure!(policy.is_none_or(|p| p.is_valid()), Error::InvalidPolicy),
                Action::MinDelay { delay } => ensure!((DELAY_FLOOR..=MAX_DELAY).contains(&delay), Error::DelayOutOfRange),
            }
            Ok(())
        }

        /// Makes the change; what an upgrade migrated from.
        fn run(&mut self, action: &Action) -> Result<Option<u16>> {
            let governed = self.governed;
            let target = |contract: SuiteContract| governed.address(contract).ok_or(Error::NotUpgradeable);
            match *action {
                Action::Upgrade { contract, code_hash } => {
                    let address = target(contract)?;
                    ensure!(Code::running(address) != Some(code_hash), Error::SameCode);
                    answer(contract, Targets::set_code(address, code_hash))?;
                    let from = answer(contract, Targets::migrate(address))?;
                    self.unpin(code_hash)?;
                    return Ok(from);
                }
                Action::DeclareExclusive { first, second } => {
                    answer(SuiteContract::Registry, Targets::declare_exclusive(target(SuiteContract::Registry)?, first, second))?
                }
                Action::LiftExclusive { first, second } => {
                    answer(SuiteContract::Registry, Targets::remove_exclusive(target(SuiteContract::Registry)?, first, second))?
                }
                Action::DefaultPolicy { policy } => {
                    answer(SuiteContract::Budget, Targets::set_default_policy(target(SuiteContract::Budget)?, policy))?
                }
                Action::LinePolicy { line, policy } => {
                    answer(SuiteContract::Budget, Targets::set_line_policy(target(SuiteContract::Budget)?, line, policy))?
                }
                // `schedule` checked the range, and a stored action never
                // changes.
                Action::MinDelay { delay } => self.min_delay = delay,
            }
            Ok(None)
        }

        /// The change `id`, if it is pending.
        fn pending(&self, id: ChangeId) -> Result<ScheduledChange> {
            let change = self.changes.get(id).ok_or(Error::ChangeNotFound)?;
            match change.state {
                ChangeState::Pending => Ok(change),
                ChangeState::Cancelled => Err(Error::ChangeCancelled),
                ChangeState::Executed => Err(Error::AlreadyExecuted),
            }
        }

        /// Records `change` (no longer pending) and takes it off the
        /// pending list; a cancelled upgrade lets its code go.
        fn close(&mut self, id: ChangeId, change: &ScheduledChange) -> Result<()> {
            if let (ChangeState::Cancelled, Action::Upgrade { code_hash, .. }) = (change.state, change.action) {
                self.unpin(code_hash)?;
            }
            let position = self.pending_index.take(id).ok_or(Error::ChangeNotFound)?;
            let last = self.pending_count.checked_sub(1).ok_or(Error::Overflow)?;
            if position != last {
                let moved = self.pending_at.get(last).ok_or(Error::ChangeNotFound)?;
                self.pending_at.insert(position, &moved);
                self.pending_index.insert(moved, &position);
            }
            self.pending_at.remove(last);
            self.pending_count = last;
            self.changes.insert(id, change);
            Ok(())
        }

        /// One more pending upgrade needs `code_hash`: pinned on the first.
        fn pin(&mut self, code_hash: Hash) -> Result<()> {
            let count = self.pins.get(code_hash).unwrap_or(0);
            if count == 0 {
                Code::pin(code_hash);
            }
            self.pins.insert(code_hash, &count.checked_add(1).ok_or(Error::Overflow)?);
            Ok(())
        }

        /// One pending upgrade less needs `code_hash`: let go on the last.
        fn unpin(&mut self, code_hash: Hash) -> Result<()> {
            match self.pins.get(code_hash).unwrap_or(0) {
                0 => return Err(Error::Overflow),
                1 => {
                    self.pins.remove(code_hash);
                    Code::unpin(code_hash);
                }
                count => {
                    self.pins.insert(code_hash, &count.saturating_sub(1));
                }
            }
            Ok(())
        }

        fn emit(&self, id: ChangeId, change: Change) {
            self.env().emit_event(GovernorEvent { id, change });
        }
    }

    /// A target's answer as the governor's result.
    fn answer<T>(contract: SuiteContract, call: core::result::Result<T, CallError<crate::calls::Refusal>>) -> Result<T> {
        call.map_err(|e| match e {
            CallError::Refused(reason) => Error::TargetRefused { contract, reason },
            CallError::Unreachable => Error::TargetUnreachable { contract },
        })
    }
}
