//! # budget: the treasury of the public procurement suite
//!
//! Holds the public funds in the chain's native currency and enforces budget
//! law on them. Money moves through fixed stages, each with its own books:
//!
//! ```text
//! deposit -> unappropriated -> line.available -> reserved -> committed -> released (paid)
//!                  ^                 ^              |            |
//!                  +-- close_line ---+---- cancel / surplus / decommit / rejection
//! ```
//!
//! - **Lines** (Treasurer): a unique code, a fiscal period and an
//!   appropriation, opened or raised only with money held and not yet
//!   appropriated; lowered down to what is still available. After its period
//!   a line is closed and its available remainder returns to the pool; what
//!   comes back to a closed line later goes to the pool too.
//! - **Reservations** (`TenderService`): money held for a tender in progress;
//!   only its owner cancels it.
//! - **Commitments** (`EvaluationService`): a reservation turned into an
//!   award for one payee; the surplus returns to the line.
//! - **Releases** (`EscrowService`): payments from a commitment to its payee.
//!   A release within the line's automatic limit and window cap is paid in the
//!   same call; anything else is queued until the policy's number of
//!   distinct Treasurers approve it. One Treasurer's rejection returns the
//!   amount to the commitment. `decommit` returns what is left to the line.
//!
//! Every money move is a function of [`ledger`], which keeps the per-line
//! identity and the running books in one tested place; the messages here
//! check role, state and arguments, then apply one move and write back.
//! Reservations and commitments record the tender (procurement) they belong
//! to, and every event about them carries it as a topic.
//!
//! Roles come from the suite's role book (`role_book`, written by the
//! `access_control` registry), asked across
//! contracts (one call per guarded message, through [`calls`]). While the suite is paused, no
//! reservation or commitment is made and nothing is paid automatically
//! (releases are queued instead), but nothing is trapped: cancellations,
//! decommits, approvals, rejections and execution of queued releases work.
//!
//! Conservation: the contract's balance covers unappropriated + available +
//! reserved + committed at every moment; `totals` exposes the figures.
//!
//! Bounds: at most [`MAX_LINES`] lines; line codes of at most
//! [`MAX_CODE_LEN`] bytes; at most [`MAX_PENDING_RELEASES`] queued releases
//! per commitment, each with at most `MAX_APPROVALS` approvers; reservations
//! and commitments are created only by the suite's service contracts, one
//! per tender. Every refusal is a typed [`Error`] and changes nothing.
//!
//! Guard refusals, documented here once: a message whose "Caller" line
//! names a role checks it first, with one call to the role book, and may
//! refuse with `MissingRole` (the caller lacks it), `Paused` (new business
//! while the suite is paused), `ConflictingRole` (the caller holds a role the
//! action forbids) or `RegistryUnavailable` (the role book could not be
//! asked, for the caller or any account the message checks). Each message's
//! "Fails with" lists only its own refusals.
//!
//! Not audited. Do not hold real public money with it before an audit.

#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The contracts' lints: docs/ARCHITECTURE.md, "How a contract is built".
#![deny(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::cast_possible_truncation, clippy::unwrap_used)]
#![cfg_attr(feature = "std", deny(unsafe_code, clippy::expect_used))]

mod calls;
pub mod client;
pub mod errors;
pub mod events;
pub mod ledger;
pub mod policy;
pub mod types;

pub use errors::{Error, Result};
pub use policy::{ReleasePolicy, WindowUsage};
pub use procurement_shared::{ReleaseId, ReleaseOutcome};
pub use types::{
    Books, Commitment, CommitmentState, Line, LineState, QueuedRelease, ReleaseStatus, Reservation, ReservationStatus, Totals,
};

/// Most budget lines one treasury holds.
pub const MAX_LINES: u32 = 10_000;
/// Longest line code in bytes (a chart-of-accounts code, not a description).
pub const MAX_CODE_LEN: usize = 32;
/// Most queued releases waiting on one commitment. An agreement pays a few
/// milestones; more pending releases than this signals a broken caller.
pub const MAX_PENDING_RELEASES: u8 = 16;
/// Most entries one `releases` query returns.
pub const MAX_PAGE_SIZE: u32 = 50;

use procurement_shared::{StorageLayout, SuiteContract};

/// This code's storage layout. A change to the storage that old data
/// does not decode into gets a new version and a migration from the old one
/// (docs/ARCHITECTURE.md, "Governed upgrades").
#[cfg(not(feature = "upgrade-drill"))]
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Budget, version: 1 };
/// The layout versions this code migrates from.
#[cfg(not(feature = "upgrade-drill"))]
const MIGRATES_FROM: &[u16] = &[];

/// The upgrade drill's second version (feature `upgrade-drill`, built only
/// for the e2e tests): version 2, migrating from 1.
#[cfg(feature = "upgrade-drill")]
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Budget, version: 2 };
#[cfg(feature = "upgrade-drill")]
const MIGRATES_FROM: &[u16] = &[1];

#[ink::contract]
pub mod budget {
    use crate::calls::Registry;
    pub use crate::events::*;
    use crate::ledger;
    use crate::policy::{decide, Decision, ReleasePolicy, WindowUsage, MAX_APPROVALS};
    use crate::types::*;
    use crate::{Error, Result, MAX_CODE_LEN, MAX_LINES, MAX_PAGE_SIZE, MAX_PENDING_RELEASES};
    use crate::{LAYOUT, MIGRATES_FROM};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use procurement_shared::upgrade::{self, LayoutCell};
    use procurement_shared::StorageLayout;
    use procurement_shared::{ensure, CommitmentId, LineId, ReleaseId, ReleaseOutcome, ReservationId, Role, Roles, TenderId, WhilePaused};

    /// The treasury.
    #[ink(storage)]
    pub struct Budget {
        /// The suite's role book (roles and pause, written by the registry).
        role_book: AccountId,
        /// Which contract and layout version this storage is (its own
        /// cell, read only by the upgrade messages).
        layout: LayoutCell,
        /// Policy of lines that have none of their own.
        default_policy: ReleasePolicy,
        /// Unappropriated money and running sums over all lines, changed
        /// only through [`ledger`] (one cell, so `totals` is O(1)).
        books: Books,
        /// Next ids (also the counts created so far).
        next_line: LineId,
        next_reservation: ReservationId,
        next_commitment: CommitmentId,
        next_release: ReleaseId,
        /// Budget lines by id (at most `MAX_LINES`).
        lines: Mapping<LineId, Line>,
        /// Line id by code. Redundant with `lines`, kept so that codes stay
        /// unique without a scan.
        line_by_code: Mapping<Vec<u8>, LineId>,
        /// Reservations by id (one per tender, made by the tender contract).
        reservations: Mapping<ReservationId, Reservation>,
        /// Commitments by id (one per awarded agreement).
        commitments: Mapping<CommitmentId, Commitment>,
        /// Queued releases by id (at most `MAX_PENDING_RELEASES` pending per
        /// commitment; kept after execution or rejection as a record).
        releases: Mapping<ReleaseId, QueuedRelease>,
    }

    // Every message is `#[inline(never)]`: left alone, the compiler inlines
    // each body into ink!'s dispatcher and the module grows (measured: the
    // suite's five large contracts 9 KB smaller together; docs/COSTS.md).
    impl Budget {
        /// Creates an empty treasury that asks `role_book` for roles and
        /// uses the default release policy (see `policy`).
        #[ink(constructor)]
        pub fn new(role_book: AccountId) -> Self {
            let mut this = Self {
                layout: ink::storage::Lazy::new(),
                role_book,
                default_policy: ReleasePolicy::default(),
                books: Books::default(),
                next_line: 0,
                next_reservation: 0,
                next_commitment: 0,
                next_release: 0,
                lines: Mapping::new(),
                line_by_code: Mapping::new(),
                reservations: Mapping::new(),
                commitments: Mapping::new(),
                releases: Mapping::new(),
            };
            this.layout.set(&LAYOUT);
            this
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
            Registry::authorize(self.role_book, Role::Governance, WhilePaused::Allowed)?;
            ensure!(upgrade::replace_code(&code_hash), Error::CodeNotFound);
            Ok(())
        }

        /// Brings the storage to this code's layout, once: the version
        /// migrated from, or `None`. Caller: the governor (works while
        /// paused). Fails with `UnknownLayout`.
        #[ink(message)]
        #[inline(never)]
        pub fn migrate(&mut self) -> Result<Option<u16>> {
            Registry::authorize(self.role_book, Role::Governance, WhilePaused::Allowed)?;
            let from = upgrade::migrate(&mut self.layout, LAYOUT, MIGRATES_FROM).map_err(|_| Error::UnknownLayout)?;
            #[cfg(feature = "upgrade-drill")]
            if let Some(from) = from {
                let held = self.books.held().unwrap_or_default();
                upgrade::drill::record(&upgrade::drill::Drill { from, records: u64::from(self.next_line), held });
            }
            Ok(from)
        }

        /// Which contract's storage this is, and its version.
        #[ink(message)]
        #[inline(never)]
        pub fn storage_layout(&self) -> Option<StorageLayout> {
            self.layout.get()
        }

        /// The upgrade drill's new message: what its migration recorded.
        #[cfg(feature = "upgrade-drill")]
        #[ink(message)]
        pub fn drill_record(&self) -> Option<upgrade::drill::Drill> {
            upgrade::drill::recorded()
        }

        // ------------------------------------------------------------------
        // Anyone
        // ------------------------------------------------------------------

        /// Deposits the attached value into the unappropriated pool.
        ///
        /// Caller: anyone (works while paused). Fails with `ZeroAmount`,
        /// `Overflow`. Emits `Deposited`.
        #[ink(message, payable)]
        #[inline(never)]
        pub fn deposit(&mut self) -> Result<()> {
            let amount = self.env().transferred_value();
            ensure!(amount > 0, Error::ZeroAmount);
            let mut books = self.books;
            ledger::deposit(&mut books, amount)?;

            self.books = books;
            self.emit_treasury(TreasuryChange::Deposited(Deposited {
                from: self.env().caller(),
                amount,
                unappropriated: books.unappropriated,
            }));
            Ok(())
        }

        /// Executes a queued release that has enough approvals (for example
        /// after the required count was lowered). Only approvers who hold
        /// the Treasurer role now count.
        ///
        /// Caller: anyone (works while paused). Fails with `ReleaseNotFound`,
        /// `ReleaseNotPending`, `NotEnoughApprovals`, `TransferFailed`. Emits
        /// `Released`.
        #[ink(message)]
        #[inline(never)]
        pub fn execute_release(&mut self, release: ReleaseId) -> Result<()> {
            let mut queued = self.pending_release(release)?;
            let required = self.policy_of_line(queued.line)?.approvals_required;
            let current = Registry::holders(self.role_book, Role::Treasurer, queued.approvers.clone())?;
            let approvals = count(&current);
            ensure!(approvals >= required, Error::NotEnoughApprovals { approvals, required });
            queued.approvers = current;
            self.pay_queued(release, queued)
        }

        // ------------------------------------------------------------------
        // Treasurer
        // ------------------------------------------------------------------

        /// Opens a budget line with `appropriation` taken from the
        /// unappropriated pool.
        ///
        /// Caller: a Treasurer. Fails with `InvalidCode`, `InvalidPeriod`,
        /// `ZeroAmount`, `DuplicateCode`, `TooManyLines`,
        /// `InsufficientUnappropriated`. Emits `LineOpened`.
        #[ink(message)]
        #[inline(never)]
        pub fn open_line(
            &mut self,
            code: Vec<u8>,
            period_start: Timestamp,
            period_end: Timestamp,
            appropriation: Balance,
        ) -> Result<LineId> {
            let by = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;
            ensure!(!code.is_empty() && code.len() <= MAX_CODE_LEN, Error::InvalidCode);
            ensure!(period_end > period_start, Error::InvalidPeriod);
            ensure!(appropriation > 0, Error::ZeroAmount);
            if let Some(line) = self.line_by_code.get(&code) {
                return Err(Error::DuplicateCode { line });
            }
            let id = self.next_line;
            ensure!(id < MAX_LINES, Error::TooManyLines);
            let next_line = id.checked_add(1).ok_or(Error::Overflow)?;
            let mut line = Line::new(code.clone(), period_start, period_end);
            let mut books = self.books;
            ledger::appropriate(&mut books, &mut line, appropriation)?;

            self.books = books;
            self.next_line = next_line;
            self.line_by_code.insert(&code, &id);
            self.lines.insert(id, &line);
            self.emit_line(LineChange::LineOpened(LineOpened { line: id, code, period_start, period_end, appropriation, by }));
            Ok(id)
        }

        /// Raises a line's appropriation by `amount` from the unappropriated
        /// pool.
        ///
        /// Caller: a Treasurer. Fails with `ZeroAmount`, `LineNotFound`,
        /// `LineClosed`, `PeriodEnded`, `InsufficientUnappropriated`,
        /// `Overflow`. Emits `AppropriationChanged`.
        #[ink(message)]
        #[inline(never)]
        pub fn increase_appropriation(&mut self, line: LineId, amount: Balance) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;
            ensure!(amount > 0, Error::ZeroAmount);
            let mut record = self.open_line_record(line)?;
            ensure!(self.env().block_timestamp() < record.period_end, Error::PeriodEnded);
            let previous = record.appropriated;
            let mut books = self.books;
            ledger::appropriate(&mut books, &mut record, amount)?;

            self.books = books;
            self.lines.insert(line, &record);
            self.emit_line(LineChange::AppropriationChanged(AppropriationChanged { line, previous, new: record.appropriated, by }));
            Ok(())
        }

        /// Lowers a line's appropriation by `amount`, at most what is still
        /// available; the amount returns to the unappropriated pool.
        ///
        /// Caller: a Treasurer. Fails with `ZeroAmount`, `LineNotFound`,
        /// `LineClosed`, `InsufficientAvailable`, `Overflow`. Emits
        /// `AppropriationChanged`.
        #[ink(message)]
        #[inline(never)]
        pub fn decrease_appropriation(&mut self, line: LineId, amount: Balance) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;
            ensure!(amount > 0, Error::ZeroAmount);
            let mut record = self.open_line_record(line)?;
            let previous = record.appropriated;
            let mut books = self.books;
            ledger::deappropriate(&mut books, &mut record, amount)?;

            self.books = books;
            self.lines.insert(line, &record);
            self.emit_line(LineChange::AppropriationChanged(AppropriationChanged { line, previous, new: record.appropriated, by }));
            Ok(())
        }

        /// Closes a line once its period has ended; its available money
        /// returns to the unappropriated pool. Reserved and committed money
        /// stays until its reservation or commitment ends.
        ///
        /// Caller: a Treasurer. Fails with `LineNotFound`, `LineClosed`,
        /// `PeriodNotEnded`. Emits `LineClosed`.
        #[ink(message)]
        #[inline(never)]
        pub fn close_line(&mut self, line: LineId) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;
            let mut record = self.open_line_record(line)?;
            ensure!(self.env().block_timestamp() >= record.period_end, Error::PeriodNotEnded);
            let mut books = self.books;
            let returned = ledger::close(&mut books, &mut record)?;

            self.books = books;
            self.lines.insert(line, &record);
            self.emit_line(LineChange::LineClosed(LineClosed { line, returned, by }));
            Ok(())
        }

        /// Approves a queued release; the approval that reaches the policy's
        /// required count pays it in the same call. At that point only
        /// approvers who still hold the Treasurer role count (one registry
        /// call per earlier approver, at most `MAX_APPROVALS`); the others
        /// are dropped and the release waits for more approvals.
        ///
        /// Caller: a Treasurer (works while paused). Fails with
        /// `ReleaseNotFound`, `ReleaseNotPending`, `AlreadyApproved`,
        /// `TransferFailed`. Emits `ReleaseApproved` (with the approvals that
        /// count), and `Released` when paid.
        #[ink(message)]
        #[inline(never)]
        pub fn approve_release(&mut self, release: ReleaseId) -> Result<()> {
            let approver = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;
            let mut queued = self.pending_release(release)?;
            ensure!(!queued.approvers.contains(&approver), Error::AlreadyApproved);
            // Cannot fail with a valid policy: the release would have executed
            // at the required count. Kept as a hard bound.
            ensure!(queued.approvers.len() < usize::from(MAX_APPROVALS), Error::Overflow);
            let required = self.policy_of_line(queued.line)?.approvals_required;
            if count(&queued.approvers) >= required.saturating_sub(1) {
                // This approval would pay: count only earlier approvers who
                // hold the role now (the caller was just checked), and drop
                // the others so Treasurers in office can take their places.
                queued.approvers = Registry::holders(self.role_book, Role::Treasurer, queued.approvers)?;
            }
            queued.approvers.push(approver);
            let approvals = count(&queued.approvers);
            self.emit_funds(FundsChange::ReleaseApproved(ReleaseApproved {
                tender: queued.tender,
                commitment: queued.commitment,
                release,
                line: queued.line,
                approver,
                approvals,
                required,
            }));
            if approvals >= required {
                self.pay_queued(release, queued)
            } else {
                self.releases.insert(release, &queued);
                Ok(())
            }
        }

        /// Rejects a queued release: its amount goes back to the commitment
        /// (or, if the commitment was decommitted meanwhile, to the line).
        /// One Treasurer's rejection suffices: paying needs consensus,
        /// stopping a payment does not.
        ///
        /// Caller: a Treasurer (works while paused). Fails with
        /// `ReleaseNotFound`, `ReleaseNotPending`. Emits `ReleaseRejected`.
        #[ink(message)]
        #[inline(never)]
        pub fn reject_release(&mut self, release: ReleaseId) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;
            let mut queued = self.pending_release(release)?;
            let mut commitment = self.commitment_record(queued.commitment)?;
            let mut line = self.line_record(commitment.line)?;
            let mut books = self.books;
            ledger::reject_queued(&mut books, &mut line, &mut commitment, queued.amount)?;
            queued.status = ReleaseStatus::Rejected;

            self.books = books;
            self.lines.insert(commitment.line, &line);
            self.commitments.insert(queued.commitment, &commitment);
            self.releases.insert(release, &queued);
            self.emit_funds(FundsChange::ReleaseRejected(ReleaseRejected {
                tender: queued.tender,
                commitment: queued.commitment,
                release,
                line: queued.line,
                amount: queued.amount,
                by,
            }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Tender service
        // ------------------------------------------------------------------

        /// Reserves `amount` of a line for tender `tender`; returns the
        /// reservation.
        ///
        /// Caller: holder of `TenderService`, suite not paused. Fails with
        /// `ZeroAmount`, `LineNotFound`, `LineClosed`, `PeriodEnded`,
        /// `InsufficientAvailable`, `Overflow`. Emits `Reserved`.
        #[ink(message)]
        #[inline(never)]
        pub fn reserve(&mut self, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId> {
            let by = Registry::authorize(self.role_book, Role::TenderService, WhilePaused::Refused)?;
            ensure!(amount > 0, Error::ZeroAmount);
            let mut record = self.open_line_record(line)?;
            ensure!(self.env().block_timestamp() < record.period_end, Error::PeriodEnded);
            let mut books = self.books;
            ledger::reserve(&mut books, &mut record, amount)?;
            let id = self.next_reservation;
            let next = id.checked_add(1).ok_or(Error::Overflow)?;

            self.books = books;
            self.next_reservation = next;
            self.lines.insert(line, &record);
            self.reservations.insert(id, &Reservation { line, tender, owner: by, amount, status: ReservationStatus::Active });
            self.emit_funds(FundsChange::Reserved(Reserved { tender, line, reservation: id, amount, by }));
            Ok(id)
        }

        /// Cancels a reservation; its money returns to the line.
        ///
        /// Caller: the reservation's owner (works while paused, and even if
        /// the owner lost its role, so money is never trapped). Fails with
        /// `ReservationNotFound`, `NotReservationOwner`,
        /// `ReservationNotActive`, `Overflow`. Emits `ReservationCancelled`.
        #[ink(message)]
        #[inline(never)]
        pub fn cancel_reservation(&mut self, reservation: ReservationId) -> Result<()> {
            let by = self.env().caller();
            let mut record = self.reservations.get(reservation).ok_or(Error::ReservationNotFound)?;
            ensure!(record.owner == by, Error::NotReservationOwner);
            ensure!(record.status == ReservationStatus::Active, Error::ReservationNotActive);
            let mut line = self.line_record(record.line)?;
            let mut books = self.books;
            ledger::unreserve(&mut books, &mut line, record.amount)?;
            record.status = ReservationStatus::Cancelled;

            self.books = books;
            self.lines.insert(record.line, &line);
            self.reservations.insert(reservation, &record);
            self.emit_funds(FundsChange::ReservationCancelled(ReservationCancelled {
                tender: record.tender,
                line: record.line,
                reservation,
                amount: record.amount,
                by,
            }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Evaluation service
        // ------------------------------------------------------------------

        /// Turns a reservation into a commitment of `amount` (at most the
        /// reservation) to `payee`; the surplus returns to the line.
        ///
        /// Caller: holder of `EvaluationService`, suite not paused. Fails with
        /// `ZeroAmount`, `ReservationNotFound`, `ReservationNotActive`,
        /// `ExceedsReservation`, `Overflow`. Emits `Committed`.
        #[ink(message)]
        #[inline(never)]
        pub fn commit(&mut self, reservation: ReservationId, amount: Balance, payee: AccountId) -> Result<CommitmentId> {
            let by = Registry::authorize(self.role_book, Role::EvaluationService, WhilePaused::Refused)?;
            ensure!(amount > 0, Error::ZeroAmount);
            let mut held = self.reservations.get(reservation).ok_or(Error::ReservationNotFound)?;
            ensure!(held.status == ReservationStatus::Active, Error::ReservationNotActive);
            let mut line = self.line_record(held.line)?;
            let mut books = self.books;
            let surplus = ledger::commit(&mut books, &mut line, held.amount, amount)?;
            let id = self.next_commitment;
            let next = id.checked_add(1).ok_or(Error::Overflow)?;
            held.status = ReservationStatus::Committed(id);

            self.books = books;
            self.next_commitment = next;
            self.lines.insert(held.line, &line);
            self.reservations.insert(reservation, &held);
            self.commitments.insert(id, &Commitment::new(reservation, &held, amount, payee));
            self.emit_funds(FundsChange::Committed(Committed {
                tender: held.tender,
                line: held.line,
                commitment: id,
                reservation,
                amount,
                surplus,
                payee,
                by,
            }));
            Ok(id)
        }

        // ------------------------------------------------------------------
        // Escrow service
        // ------------------------------------------------------------------

        /// Pays `amount` of a commitment to `to` (its payee): at once if the
        /// line's policy allows it, otherwise queued for Treasurer approval.
        /// While the suite is paused every release is queued.
        ///
        /// Caller: holder of `EscrowService`. Fails with `ZeroAmount`,
        /// `CommitmentNotFound`, `CommitmentClosed`, `WrongPayee`,
        /// `ExceedsCommitment`, `TooManyPendingReleases`, `TransferFailed`,
        /// `Overflow`. Emits `Released` or `ReleaseQueued`.
        #[ink(message)]
        #[inline(never)]
        pub fn release(&mut self, commitment: CommitmentId, amount: Balance, to: AccountId) -> Result<ReleaseOutcome> {
            let paused = self.authorize_release()?;
            ensure!(amount > 0, Error::ZeroAmount);
            let record = self.commitment_record(commitment)?;
            ledger::check_release(&record, amount, to)?;
            let line = self.line_record(record.line)?;
            let policy = line.policy.unwrap_or(self.default_policy);
            let now = self.env().block_timestamp();
            match decide(&policy, line.window, line.period_start, now, amount, paused) {
                Decision::PayNow(usage) => self.pay_now(commitment, record, line, usage, amount, to),
                Decision::Queue => self.queue_release(commitment, record, amount, to, now),
            }
        }

        /// Returns money of a commitment to its line. With `Some(amount)`,
        /// that much of what is neither released nor queued (a late-delivery
        /// deduction) and the commitment stays open; with `None`, all of it,
        /// and the commitment closes. Queued releases stay decidable by the
        /// Treasurers. Returns the amount returned.
        ///
        /// Caller: holder of `EscrowService` (works while paused). Fails with
        /// `ZeroAmount`, `CommitmentNotFound`, `CommitmentClosed`,
        /// `ExceedsCommitment`, `Overflow`. Emits `Decommitted`.
        #[ink(message)]
        #[inline(never)]
        pub fn decommit(&mut self, commitment: CommitmentId, amount: Option<Balance>) -> Result<Balance> {
            let by = Registry::authorize(self.role_book, Role::EscrowService, WhilePaused::Allowed)?;
            let mut record = self.commitment_record(commitment)?;
            ensure!(!record.is_decommitted(), Error::CommitmentClosed);
            let mut line = self.line_record(record.line)?;
            let mut books = self.books;
            let amount = match amount {
                None => ledger::decommit(&mut books, &mut line, &mut record)?,
                Some(0) => return Err(Error::ZeroAmount),
                Some(part) => ledger::decommit_part(&mut books, &mut line, &mut record, part)?,
            };

            self.books = books;
            self.lines.insert(record.line, &line);
            self.commitments.insert(commitment, &record);
            self.emit_funds(FundsChange::Decommitted(Decommitted {
                tender: record.tender,
                line: record.line,
                commitment,
                amount,
                closed: record.is_decommitted(),
                by,
            }));
            Ok(amount)
        }

        // ------------------------------------------------------------------
        // Admin
        // ------------------------------------------------------------------

        /// Books money the treasury holds beyond its books (sent to it
        /// outside `deposit`, which the chain allows) into the unappropriated
        /// pool, where Treasurers can appropriate it. There is no way to take
        /// it out: it becomes public money like any deposit. Returns the
        /// amount.
        ///
        /// Caller: the Admin (works while paused). Fails with `NoSurplus`,
        /// `Overflow`. Emits `SurplusBooked`.
        #[ink(message)]
        #[inline(never)]
        pub fn book_surplus(&mut self) -> Result<Balance> {
            let by = Registry::authorize(self.role_book, Role::Admin, WhilePaused::Allowed)?;
            let surplus = self.env().balance().saturating_sub(self.books.held().ok_or(Error::Overflow)?);
            ensure!(surplus > 0, Error::NoSurplus);
            let mut books = self.books;
            ledger::deposit(&mut books, surplus)?;

            self.books = books;
            self.emit_treasury(TreasuryChange::SurplusBooked(SurplusBooked { amount: surplus, unappropriated: books.unappropriated, by }));
            Ok(surplus)
        }

        /// Sets the policy of lines without their own.
        ///
        /// Caller: the governor (`Governance`), once the Admin's scheduled
        /// change has waited out its public delay. Fails with
        /// `InvalidPolicy`. Emits `PolicyChanged`.
        #[ink(message)]
        #[inline(never)]
        pub fn set_default_policy(&mut self, policy: ReleasePolicy) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::Governance, WhilePaused::Allowed)?;
            ensure!(policy.is_valid(), Error::InvalidPolicy);
            self.default_policy = policy;
            self.emit_treasury(TreasuryChange::PolicyChanged(PolicyChanged { line: None, policy: Some(policy), by }));
            Ok(())
        }

        /// Gives a line its own policy, or (`None`) returns it to the default.
        ///
        /// Caller: the governor (`Governance`), once the Admin's scheduled
        /// change has waited out its public delay. Fails with
        /// `LineNotFound`, `InvalidPolicy`. Emits `PolicyChanged`.
        #[ink(message)]
        #[inline(never)]
        pub fn set_line_policy(&mut self, line: LineId, policy: Option<ReleasePolicy>) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::Governance, WhilePaused::Allowed)?;
            let mut record = self.line_record(line)?;
            ensure!(policy.is_none_or(|p| p.is_valid()), Error::InvalidPolicy);
            record.policy = policy;
            self.lines.insert(line, &record);
            self.emit_treasury(TreasuryChange::PolicyChanged(PolicyChanged { line: Some(line), policy, by }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Queries (anyone)
        // ------------------------------------------------------------------

        /// The treasury's books and balance (see [`Totals::conserved`]).
        #[ink(message)]
        #[inline(never)]
        pub fn totals(&self) -> Totals {
            Totals {
                balance: self.env().balance(),
                unappropriated: self.books.unappropriated,
                available: self.books.available,
                reserved: self.books.reserved,
                committed: self.books.committed,
                released: self.books.released,
            }
        }

        /// A line's figures.
        #[ink(message)]
        #[inline(never)]
        pub fn line(&self, line: LineId) -> Option<Line> {
            self.lines.get(line)
        }

        /// The line with this code.
        #[ink(message)]
        #[inline(never)]
        pub fn line_by_code(&self, code: Vec<u8>) -> Option<LineId> {
            self.line_by_code.get(&code)
        }

        /// How many lines were opened (ids are `0..line_count`).
        #[ink(message)]
        #[inline(never)]
        pub fn line_count(&self) -> LineId {
            self.next_line
        }

        /// A reservation.
        #[ink(message)]
        #[inline(never)]
        pub fn reservation(&self, reservation: ReservationId) -> Option<Reservation> {
            self.reservations.get(reservation)
        }

        /// A commitment with its releases so far (`released`, `queued`).
        #[ink(message)]
        #[inline(never)]
        pub fn commitment(&self, commitment: CommitmentId) -> Option<Commitment> {
            self.commitments.get(commitment)
        }

        /// A queued release with its approvals.
        #[ink(message)]
        #[inline(never)]
        pub fn queued_release(&self, release: ReleaseId) -> Option<QueuedRelease> {
            self.releases.get(release)
        }

        /// Queued releases with ids from `start`, at most `limit` (capped at
        /// `MAX_PAGE_SIZE`), whatever their status.
        #[ink(message)]
        #[inline(never)]
        pub fn releases(&self, start: ReleaseId, limit: u32) -> Vec<(ReleaseId, QueuedRelease)> {
            let end = start.saturating_add(u64::from(limit.min(MAX_PAGE_SIZE))).min(self.next_release);
            (start..end).filter_map(|id| self.releases.get(id).map(|r| (id, r))).collect()
        }

        /// The policy that applies to a line.
        #[ink(message)]
        #[inline(never)]
        pub fn policy_of(&self, line: LineId) -> Option<ReleasePolicy> {
            self.policy_of_line(line).ok()
        }

        /// The default policy.
        #[ink(message)]
        #[inline(never)]
        pub fn default_policy(&self) -> ReleasePolicy {
            self.default_policy
        }

        /// The role book this treasury asks.
        #[ink(message)]
        #[inline(never)]
        pub fn role_book(&self) -> AccountId {
            self.role_book
        }

        // ------------------------------------------------------------------
        // Internal helpers
        // ------------------------------------------------------------------

        // ------------------------------------------------------------------
        // Internal helpers
        // ------------------------------------------------------------------

        /// The release guard: the caller must hold `EscrowService`. Returns
        /// whether the suite is paused (a paused suite queues every
        /// release). One registry call normally; a second only while paused,
        /// to still check the role before queueing.
        fn authorize_release(&self) -> Result<bool> {
            match Registry::authorize(self.role_book, Role::EscrowService, WhilePaused::Refused) {
                Ok(_) => Ok(false),
                Err(procurement_shared::Denied::Paused) => {
                    Registry::authorize(self.role_book, Role::EscrowService, WhilePaused::Allowed)?;
                    Ok(true)
                }
                Err(denied) => Err(denied.into()),
            }
        }

        /// Pays `amount` of `commitment` to `to` at once, `usage` being the
        /// line's automatic-release window after it.
        fn pay_now(
            &mut self,
            commitment: CommitmentId,
            mut record: Commitment,
            mut line: Line,
            usage: WindowUsage,
            amount: Balance,
            to: AccountId,
        ) -> Result<ReleaseOutcome> {
            let mut books = self.books;
            ledger::release(&mut books, &mut line, &mut record, amount)?;
            line.window = usage;
            self.env().transfer(to, amount).map_err(|_| Error::TransferFailed)?;

            self.books = books;
            self.lines.insert(record.line, &line);
            self.commitments.insert(commitment, &record);
            let released = Released { tender: record.tender, line: record.line, commitment, release: None, amount, to };
            self.emit_funds(FundsChange::Released(released));
            Ok(ReleaseOutcome::Paid)
        }

        /// Queues `amount` of `commitment` for the Treasurers.
        fn queue_release(
            &mut self,
            commitment: CommitmentId,
            mut record: Commitment,
            amount: Balance,
            to: AccountId,
            now: Timestamp,
        ) -> Result<ReleaseOutcome> {
            ensure!(record.pending_releases < MAX_PENDING_RELEASES, Error::TooManyPendingReleases);
            ledger::queue(&mut record, amount)?;
            let id = self.next_release;
            let next = id.checked_add(1).ok_or(Error::Overflow)?;

            self.next_release = next;
            self.commitments.insert(commitment, &record);
            self.releases.insert(id, &QueuedRelease::new(commitment, &record, amount, to, now));
            let queued = ReleaseQueued { tender: record.tender, commitment, release: id, line: record.line, amount, to };
            self.emit_funds(FundsChange::ReleaseQueued(queued));
            Ok(ReleaseOutcome::Queued(id))
        }

        /// Emits a change of money held for a procurement, with its tender
        /// and line as topics.
        #[inline(never)]
        fn emit_funds(&self, change: FundsChange) {
            let (tender, line) = change.subject();
            self.env().emit_event(FundsEvent { tender, line, change });
        }

        /// Emits a change of a budget line, with the line as topic.
        #[inline(never)]
        fn emit_line(&self, change: LineChange) {
            self.env().emit_event(LineEvent { line: change.line(), change });
        }

        /// Emits a change of the treasury's money or rules, with who acted as
        /// topic.
        #[inline(never)]
        fn emit_treasury(&self, change: TreasuryChange) {
            self.env().emit_event(TreasuryEvent { party: change.party(), change });
        }

        fn line_record(&self, line: LineId) -> Result<Line> {
            self.lines.get(line).ok_or(Error::LineNotFound)
        }

        fn open_line_record(&self, line: LineId) -> Result<Line> {
            let record = self.line_record(line)?;
            ensure!(!record.is_closed(), Error::LineClosed);
            Ok(record)
        }

        fn commitment_record(&self, commitment: CommitmentId) -> Result<Commitment> {
            self.commitments.get(commitment).ok_or(Error::CommitmentNotFound)
        }

        fn pending_release(&self, release: ReleaseId) -> Result<QueuedRelease> {
            let queued = self.releases.get(release).ok_or(Error::ReleaseNotFound)?;
            ensure!(queued.status == ReleaseStatus::Pending, Error::ReleaseNotPending);
            Ok(queued)
        }

        fn policy_of_line(&self, line: LineId) -> Result<ReleasePolicy> {
            Ok(self.line_record(line)?.policy.unwrap_or(self.default_policy))
        }

        /// Pays an approved queued release and books it.
        fn pay_queued(&mut self, release: ReleaseId, mut queued: QueuedRelease) -> Result<()> {
            let mut commitment = self.commitment_record(queued.commitment)?;
            let mut line = self.line_record(queued.line)?;
            let mut books = self.books;
            ledger::pay_queued(&mut books, &mut line, &mut commitment, queued.amount)?;
            queued.status = ReleaseStatus::Executed;
            self.env().transfer(queued.to, queued.amount).map_err(|_| Error::TransferFailed)?;

            self.books = books;
            self.lines.insert(queued.line, &line);
            self.commitments.insert(queued.commitment, &commitment);
            self.releases.insert(release, &queued);
            self.emit_funds(FundsChange::Released(Released {
                tender: queued.tender,
                line: queued.line,
                commitment: queued.commitment,
                release: Some(release),
                amount: queued.amount,
                to: queued.to,
            }));
            Ok(())
        }
    }

    fn count(approvers: &[AccountId]) -> u8 {
        // Bounded by MAX_APPROVALS when pushed.
        u8::try_from(approvers.len()).unwrap_or(u8::MAX)
    }
}

pub use self::budget::{Budget, BudgetRef};

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
