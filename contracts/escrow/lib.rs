//! # escrow: milestone agreements that pay as milestones are approved
//!
//! The evaluation service creates an agreement for the winning vendor over a
//! budget commitment of exactly the award price. The escrow holds no money:
//! the commitment stays in the budget until released, so the treasury's
//! books show at every moment what is owed to whom.
//!
//! 1. **Offer and signature.** The vendor signs before the signing deadline;
//!    after it, anyone may `lapse` an unsigned agreement, which decommits it
//!    back to the line. The `Signed` / `Lapsed` events (and the
//!    agreement's state) tell the evaluation contract whether to return or
//!    forfeit the winner's bid bond; escrow depends on neither tender nor
//!    evaluation, so the call graph stays a stack.
//! 2. **Milestones.** The vendor delivers (evidence hash); the assigned
//!    Inspector approves or rejects (reason hash). Approving computes the
//!    tranche (`procurement_shared::tranche`): the amount, less the
//!    late-delivery deduction (whole days late, capped), less retention.
//!    In the same call the budget releases the payable part to the vendor
//!    (paid at once under the line's automatic limit, else queued for the
//!    Treasurers) and takes the deduction back to the line; the retention
//!    stays committed. A rejected milestone may be delivered again, and for
//!    `ESCALATION_WINDOW_MS` the vendor may escalate the rejection to an
//!    Auditor who is no party to the agreement, who upholds it or overturns
//!    it (then it is approved as above, lateness counted from the original
//!    delivery) within `ESCALATION_DECISION_MS` after the escalation window;
//!    undecided by then, the rejection stands.
//! 3. **Warranty and completion.** Once every milestone is approved the
//!    warranty runs; the Inspector may claim a defect before it ends and an
//!    Auditor decides: upheld, the retention returns to the line and the
//!    agreement ends. After the warranty (and any claim) anyone may
//!    `complete`: the retention is released to the vendor.
//! 4. **Termination.** A ProcurementOfficer ends an active agreement for
//!    convenience (approved milestones stay paid or payable, their retention
//!    goes to the vendor) or for default (after a rejection that stands; the
//!    retention returns to the line). Everything not owed is decommitted.
//!
//! Every end (lapse, completion, upheld claim, termination) closes the
//! budget commitment, so nothing stays bound. Per agreement, at every
//! moment: `paid + queued + retention + deducted + decommitted +
//! outstanding = price` (see [`books`]).
//!
//! The vendor's standing comes from the award: signing and delivering
//! need no Vendor role now (a role that the people running the procurement
//! could revoke to knock the winner out), only that the vendor holds no
//! staff or service role.
//!
//! Pause stops creation, deliveries, approvals and overturns; never money
//! already owed: signing, rejections, escalations, claims, completion,
//! termination and lapse go on (the budget queues releases while paused).
//!
//! Bounds: [`MAX_MILESTONES`] milestones per agreement, each in its own
//! `Mapping` entry, so approving milestone 1 or 12 costs the same.
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

pub mod books;
mod calls;
pub mod client;
pub mod errors;
pub mod events;
pub mod rules;
pub mod types;

pub use errors::{Error, Result};
pub use types::{Agreement, AgreementParams, AgreementState, Milestone, MilestoneSpec, MilestoneState, Tally, Termination};

use procurement_shared::Timestamp;
use procurement_shared::DAY_MS;
/// Most milestones in one agreement: the tender's plan has at most as many.
pub use procurement_shared::MAX_MILESTONES;
/// How long after a rejection the vendor may escalate it: 14 days.
pub const ESCALATION_WINDOW_MS: Timestamp = 14 * DAY_MS;
/// How long an Auditor has to decide an escalation, counted from the end of
/// the escalation window: 30 days. Undecided after that, the rejection
/// stands, so a termination for default is not held up for ever.
pub const ESCALATION_DECISION_MS: Timestamp = 30 * DAY_MS;
/// How long an Auditor has to decide a defect claim: 30 days. Undecided
/// after that, the claim counts as dismissed.
pub const CLAIM_DECISION_MS: Timestamp = 30 * DAY_MS;
/// Longest signing window from creation: 90 days.
pub const MAX_SIGN_WINDOW_MS: Timestamp = 90 * DAY_MS;
/// Longest warranty period: two years (730 days).
pub const MAX_WARRANTY_MS: Timestamp = 730 * DAY_MS;

use procurement_shared::{StorageLayout, SuiteContract};

/// This code's storage layout. A change to the storage that old data
/// does not decode into gets a new version and a migration from the old one
/// (docs/ARCHITECTURE.md, "Governed upgrades").
#[cfg(not(feature = "upgrade-drill"))]
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Escrow, version: 1 };
/// The layout versions this code migrates from.
#[cfg(not(feature = "upgrade-drill"))]
const MIGRATES_FROM: &[u16] = &[];

/// The upgrade drill's second version (feature `upgrade-drill`, built only
/// for the e2e tests): version 2, migrating from 1.
#[cfg(feature = "upgrade-drill")]
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Escrow, version: 2 };
#[cfg(feature = "upgrade-drill")]
const MIGRATES_FROM: &[u16] = &[1];

#[ink::contract]
pub mod escrow {
    use crate::books;
    use crate::calls::{Registry, Treasury};
    pub use crate::events::*;
    use crate::rules::{
        check_commitment, check_impartial, check_offer, completable, decision_ends, escalation_ends, holds_default, rejection_stands,
    };
    use crate::types::*;
    use crate::CLAIM_DECISION_MS;
    use crate::{Error, Result};
    use crate::{LAYOUT, MIGRATES_FROM};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use procurement_shared::ports::TreasuryPort;
    use procurement_shared::tranche;
    use procurement_shared::upgrade::{self, LayoutCell};
    use procurement_shared::StorageLayout;
    use procurement_shared::{ensure, AgreementId, CommitmentId, ReleaseOutcome, Role, RoleSet, Roles, Ruling, TenderId, WhilePaused};

    /// Roles a vendor may not hold while it signs or delivers: staff and
    /// service roles, as for bidding.
    const NOT_FOR_VENDORS: RoleSet = Role::STAFF.union(Role::SERVICES);

    /// The escrow of the suite's agreements.
    #[ink(storage)]
    pub struct Escrow {
        /// The suite's role book (roles and pause, written by the registry).
        role_book: AccountId,
        /// Which contract and layout version this storage is (its own
        /// cell, read only by the upgrade messages).
        layout: LayoutCell,
        /// The treasury that holds the commitments and pays.
        budget: AccountId,
        /// Next agreement id (also the number created).
        next_agreement: AgreementId,
        /// Agreements by id.
        agreements: Mapping<AgreementId, Agreement>,
        /// Milestones: (agreement, index) -> milestone; at most
        /// `MAX_MILESTONES` per agreement.
        milestones: Mapping<(AgreementId, u8), Milestone>,
        /// The agreement each commitment funds (one at most).
        by_commitment: Mapping<CommitmentId, AgreementId>,
    }

    // Every message is `#[inline(never)]`: left alone, the compiler inlines
    // each body into ink!'s dispatcher and the module grows (measured: the
    // suite's five large contracts 9 KB smaller together; docs/COSTS.md).
    impl Escrow {
        /// Creates the escrow, asking `role_book` for roles and paying
        /// through `budget`. Grant this contract `EscrowService`.
        #[ink(constructor)]
        pub fn new(role_book: AccountId, budget: AccountId) -> Self {
            let mut this = Self {
                layout: ink::storage::Lazy::new(),
                role_book,
                budget,
                next_agreement: 0,
                agreements: Mapping::new(),
                milestones: Mapping::new(),
                by_commitment: Mapping::new(),
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
            self.guard(Role::Governance, WhilePaused::Allowed)?;
            ensure!(upgrade::replace_code(&code_hash), Error::CodeNotFound);
            Ok(())
        }

        /// Brings the storage to this code's layout, once: the version
        /// migrated from, or `None`. Caller: the governor (works while
        /// paused). Fails with `UnknownLayout`.
        #[ink(message)]
        #[inline(never)]
        pub fn migrate(&mut self) -> Result<Option<u16>> {
            self.guard(Role::Governance, WhilePaused::Allowed)?;
            let from = upgrade::migrate(&mut self.layout, LAYOUT, MIGRATES_FROM).map_err(|_| Error::UnknownLayout)?;
            #[cfg(feature = "upgrade-drill")]
            if let Some(from) = from {
                let held = self.env().balance();
                upgrade::drill::record(&upgrade::drill::Drill { from, records: u64::from(self.next_agreement), held });
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
        // Evaluation service
        // ------------------------------------------------------------------

        /// Offers an agreement to the winning vendor over a budget
        /// commitment of exactly the price.
        ///
        /// Caller: holder of `EvaluationService`, suite not paused. Fails with
        /// `InvalidMilestones`, `InvalidTerms`, `InvalidDeadlines`,
        /// `InvalidInspector`, `MissingRole` / `ConflictingRole` (the Inspector
        /// must be one and not a Vendor), `CommitmentInUse`,
        /// `CommitmentNotFound`, `CommitmentMismatch`, `BudgetUnavailable`,
        /// `Overflow`. Emits `Created`.
        #[ink(message)]
        #[inline(never)]
        pub fn create(&mut self, params: AgreementParams) -> Result<AgreementId> {
            let by = self.guard(Role::EvaluationService, WhilePaused::Refused)?;
            let count = check_offer(&params, self.env().block_timestamp())?;
            ensure!(!self.by_commitment.contains(params.commitment), Error::CommitmentInUse);
            Registry::require(self.role_book, params.inspector, Role::Inspector, RoleSet::EMPTY.with(Role::Vendor), WhilePaused::Allowed)?;
            let commitment = Treasury::commitment(self.budget, params.commitment)?.ok_or(Error::CommitmentNotFound)?;
            check_commitment(&commitment, &params)?;
            let id = self.next_agreement;
            let next = id.checked_add(1).ok_or(Error::Overflow)?;

            self.next_agreement = next;
            for (index, spec) in (0u8..).zip(params.milestones.iter()) {
                self.milestones.insert((id, index), &Milestone::pending(spec));
            }
            self.agreements.insert(id, &Agreement::offered(&params, count));
            self.by_commitment.insert(params.commitment, &id);
            let created = Change::Created(Created {
                vendor: params.vendor,
                commitment: params.commitment,
                price: params.price,
                milestones: count,
                terms: params.terms,
                inspector: params.inspector,
                sign_by: params.sign_by,
                warranty_ms: params.warranty_ms,
            });
            self.emit(id, params.tender, created, by);
            Ok(id)
        }

        // ------------------------------------------------------------------
        // Vendor
        // ------------------------------------------------------------------

        /// Signs the agreement before its signing deadline.
        ///
        /// Caller: the agreement's vendor, holding no staff or service role
        /// (works while paused; no Vendor role is needed: the award is the
        /// vendor's standing). Fails with `AgreementNotFound`, `NotVendor`,
        /// `NotOffered`, `SigningClosed`, `ConflictingRole`. Emits `Signed`.
        #[ink(message)]
        #[inline(never)]
        pub fn sign(&mut self, agreement: AgreementId) -> Result<()> {
            let caller = self.env().caller();
            let mut record = self.agreement_record(agreement)?;
            ensure!(caller == record.vendor, Error::NotVendor);
            ensure!(record.state == AgreementState::Offered, Error::NotOffered);
            ensure!(self.env().block_timestamp() < record.sign_by, Error::SigningClosed);
            Registry::refuse(self.role_book, caller, NOT_FOR_VENDORS, WhilePaused::Allowed)?;

            record.state = AgreementState::Active;
            self.agreements.insert(agreement, &record);
            self.emit(agreement, record.tender, Change::Signed(Signed), caller);
            Ok(())
        }

        /// Delivers a milestone (again, after a rejection; a delivery
        /// withdraws an escalation of that rejection). Lateness counts from
        /// this delivery.
        ///
        /// Caller: the agreement's vendor, holding no staff or service role (no
        /// Vendor role is needed), suite not paused. Fails with
        /// `AgreementNotFound`, `NotVendor`, `NotActive`, `MilestoneNotFound`,
        /// `NotDeliverable`, `ConflictingRole`, `Overflow`. Emits `Delivered`.
        #[ink(message)]
        #[inline(never)]
        pub fn deliver(&mut self, agreement: AgreementId, milestone: u8, evidence: Hash) -> Result<()> {
            let (caller, mut record, mut item) = self.vendors_milestone(agreement, milestone)?;
            match item.state {
                MilestoneState::Pending | MilestoneState::Rejected { .. } => {}
                MilestoneState::Escalated { .. } => {
                    record.escalated = record.escalated.checked_sub(1).ok_or(Error::Overflow)?;
                }
                MilestoneState::Delivered | MilestoneState::Approved { .. } => return Err(Error::NotDeliverable),
            }
            Registry::refuse(self.role_book, caller, NOT_FOR_VENDORS, WhilePaused::Refused)?;
            let now = self.env().block_timestamp();
            item.deliveries = item.deliveries.checked_add(1).ok_or(Error::Overflow)?;
            item.evidence = evidence;
            item.delivered_at = now;
            item.state = MilestoneState::Delivered;

            self.milestones.insert((agreement, milestone), &item);
            self.agreements.insert(agreement, &record);
            let delivered = Change::Delivered(Delivered {
                milestone,
                evidence,
                delivery: item.deliveries,
                days_late: tranche::days_late(item.due, now),
            });
            self.emit(agreement, record.tender, delivered, caller);
            Ok(())
        }

        /// Escalates the Inspector's rejection of a milestone to the
        /// Auditors, within `ESCALATION_WINDOW_MS` of the rejection.
        ///
        /// Caller: the agreement's vendor (works while paused). Fails with
        /// `AgreementNotFound`, `NotVendor`, `NotActive`,
        /// `MilestoneNotFound`, `NotAppealable`, `Overflow`. Emits
        /// `Escalated`.
        #[ink(message)]
        #[inline(never)]
        pub fn escalate(&mut self, agreement: AgreementId, milestone: u8) -> Result<()> {
            let (caller, mut record, mut item) = self.vendors_milestone(agreement, milestone)?;
            let MilestoneState::Rejected { reason, at, appealable: true } = item.state else {
                return Err(Error::NotAppealable);
            };
            ensure!(self.env().block_timestamp() < escalation_ends(at)?, Error::NotAppealable);
            record.escalated = record.escalated.checked_add(1).ok_or(Error::Overflow)?;
            item.state = MilestoneState::Escalated { reason, at };

            self.milestones.insert((agreement, milestone), &item);
            self.agreements.insert(agreement, &record);
            self.emit(agreement, record.tender, Change::Escalated(Escalated { milestone }), caller);
            Ok(())
        }

        // ------------------------------------------------------------------
        // Inspector
        // ------------------------------------------------------------------

        /// Approves a delivered milestone and has the budget pay it: the
        /// payable part is released to the vendor, the late deduction goes
        /// back to the line, the retention stays committed. Approving the
        /// last milestone starts the warranty.
        ///
        /// Caller: the assigned Inspector, still one, suite not paused. Fails
        /// with `AgreementNotFound`, `NotInspector`, `NotActive`,
        /// `MilestoneNotFound`, `NotDelivered`, `Budget(reason)`,
        /// `BudgetUnavailable`, `Overflow`. Emits `Approved` (and
        /// `WarrantyStarted`).
        #[ink(message)]
        #[inline(never)]
        pub fn approve(&mut self, agreement: AgreementId, milestone: u8) -> Result<()> {
            let by = self.guard(Role::Inspector, WhilePaused::Refused)?;
            let (record, item) = self.delivered(agreement, milestone, by)?;
            self.pay_approved(agreement, record, milestone, item, by)
        }

        /// Rejects a delivered milestone with the reasons' hash. The vendor
        /// may deliver again, or escalate within `ESCALATION_WINDOW_MS`.
        ///
        /// Caller: the assigned Inspector, still one (works while paused).
        /// Fails with `AgreementNotFound`, `NotInspector`, `NotActive`,
        /// `MilestoneNotFound`, `NotDelivered`, `Overflow`. Emits `Rejected`.
        #[ink(message)]
        #[inline(never)]
        pub fn reject(&mut self, agreement: AgreementId, milestone: u8, reason: Hash) -> Result<()> {
            let by = self.guard(Role::Inspector, WhilePaused::Allowed)?;
            let (record, mut item) = self.delivered(agreement, milestone, by)?;
            let at = self.env().block_timestamp();
            let escalate_by = escalation_ends(at)?;
            item.state = MilestoneState::Rejected { reason, at, appealable: true };

            self.milestones.insert((agreement, milestone), &item);
            self.emit(agreement, record.tender, Change::Rejected(Rejected { milestone, reason, escalate_by }), by);
            Ok(())
        }

        /// Claims a defect during the warranty (evidence hash); an Auditor
        /// decides it.
        ///
        /// Caller: the assigned Inspector, still one (works while paused).
        /// Fails with `AgreementNotFound`, `NotInspector`, `NotInWarranty`.
        /// Emits `DefectClaimed`.
        #[ink(message)]
        #[inline(never)]
        pub fn claim_defect(&mut self, agreement: AgreementId, evidence: Hash) -> Result<()> {
            let by = self.guard(Role::Inspector, WhilePaused::Allowed)?;
            let mut record = self.agreement_record(agreement)?;
            ensure!(by == record.inspector, Error::NotInspector);
            let now = self.env().block_timestamp();
            let AgreementState::Warranty { ends } = record.state else {
                return Err(Error::NotInWarranty);
            };
            ensure!(now < ends, Error::NotInWarranty);
            record.state = AgreementState::Disputed { ends, evidence, filed_at: now };

            self.agreements.insert(agreement, &record);
            self.emit(agreement, record.tender, Change::DefectClaimed(DefectClaimed { evidence }), by);
            Ok(())
        }

        // ------------------------------------------------------------------
        // Auditor
        // ------------------------------------------------------------------

        /// Decides an escalated rejection, within `ESCALATION_DECISION_MS`
        /// after the escalation window. `Ruling::Uphold` keeps the rejection
        /// (it can no longer be escalated; the vendor may still deliver
        /// again); `Dismiss` overturns it, and the milestone is approved and paid as by `approve`,
        /// lateness counted from the rejected delivery.
        ///
        /// Caller: an Auditor who is not a party to the agreement (neither its
        /// Inspector nor its vendor); an overturn needs the suite unpaused.
        /// Fails with `AgreementNotFound`, `PartyCannotDecide`, `NotActive`,
        /// `MilestoneNotFound`, `NotEscalated`, `DecisionOverdue`, and as
        /// `approve`. Emits `EscalationDecided` (overturned, after `Approved`).
        #[ink(message)]
        #[inline(never)]
        pub fn decide_escalation(&mut self, agreement: AgreementId, milestone: u8, rejection: Ruling) -> Result<()> {
            let overturn_pays = match rejection {
                Ruling::Uphold => WhilePaused::Allowed,
                Ruling::Dismiss => WhilePaused::Refused,
            };
            let by = self.guard(Role::Auditor, overturn_pays)?;
            let mut record = self.agreement_record(agreement)?;
            check_impartial(&record, by)?;
            ensure!(record.state == AgreementState::Active, Error::NotActive);
            let mut item = self.milestone_record(agreement, &record, milestone)?;
            let MilestoneState::Escalated { reason, at } = item.state else {
                return Err(Error::NotEscalated);
            };
            ensure!(self.env().block_timestamp() < decision_ends(at)?, Error::DecisionOverdue);
            record.escalated = record.escalated.checked_sub(1).ok_or(Error::Overflow)?;
            let tender = record.tender;
            match rejection {
                Ruling::Uphold => {
                    item.state = MilestoneState::Rejected { reason, at, appealable: false };
                    self.milestones.insert((agreement, milestone), &item);
                    self.agreements.insert(agreement, &record);
                }
                Ruling::Dismiss => self.pay_approved(agreement, record, milestone, item, by)?,
            }
            self.emit(agreement, tender, Change::EscalationDecided(EscalationDecided { milestone, ruling: rejection }), by);
            Ok(())
        }

        /// Decides a defect claim within `CLAIM_DECISION_MS` of its filing:
        /// `Ruling::Uphold`, the retention returns to the line and the agreement ends;
        /// dismissed, the warranty runs on to its end.
        ///
        /// Caller: an Auditor who is not a party to the agreement (neither its
        /// Inspector nor its vendor; works while paused). Fails with
        /// `AgreementNotFound`, `PartyCannotDecide`, `NoClaim` (none, or past
        /// its decision window), `Budget(reason)`, `BudgetUnavailable`,
        /// `Overflow`. Emits `ClaimDecided`.
        #[ink(message)]
        #[inline(never)]
        pub fn decide_claim(&mut self, agreement: AgreementId, claim: Ruling) -> Result<()> {
            let by = self.guard(Role::Auditor, WhilePaused::Allowed)?;
            let mut record = self.agreement_record(agreement)?;
            check_impartial(&record, by)?;
            let AgreementState::Disputed { ends, filed_at, .. } = record.state else {
                return Err(Error::NoClaim);
            };
            ensure!(self.env().block_timestamp() < filed_at.checked_add(CLAIM_DECISION_MS).ok_or(Error::Overflow)?, Error::NoClaim);
            let decommitted = match claim {
                Ruling::Uphold => {
                    record.state = AgreementState::RetentionWithheld;
                    self.close(&mut record)?
                }
                Ruling::Dismiss => {
                    record.state = AgreementState::Warranty { ends };
                    0
                }
            };

            self.agreements.insert(agreement, &record);
            self.emit(agreement, record.tender, Change::ClaimDecided(ClaimDecided { ruling: claim, decommitted }), by);
            Ok(())
        }

        // ------------------------------------------------------------------
        // ProcurementOfficer
        // ------------------------------------------------------------------

        /// Terminates an active agreement with the reasons' hash. For
        /// convenience: the retention held is released to the vendor. For
        /// default on a milestone whose rejection stands (no longer open to
        /// escalation, upheld, or escalated and left undecided past
        /// `ESCALATION_DECISION_MS`), with no other rejection waiting for an
        /// Auditor: the retention returns to the line. Either way, what is
        /// not approved is decommitted and the commitment closes; queued
        /// releases stay with the Treasurers.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `AgreementNotFound`, `NotActive`, `EscalationPending`,
        /// `MilestoneNotFound`, `NoStandingRejection`, `Budget(reason)`,
        /// `BudgetUnavailable`, `Overflow`. Emits `Terminated`.
        #[ink(message)]
        #[inline(never)]
        pub fn terminate(&mut self, agreement: AgreementId, termination: Termination, reason: Hash) -> Result<()> {
            let by = self.guard(Role::ProcurementOfficer, WhilePaused::Allowed)?;
            let mut record = self.agreement_record(agreement)?;
            ensure!(record.state == AgreementState::Active, Error::NotActive);
            let (retention, release) = match termination {
                Termination::Convenience => self.release_retention(&mut record)?,
                Termination::Default { milestone } => {
                    let now = self.env().block_timestamp();
                    let item = self.milestone_record(agreement, &record, milestone)?;
                    if record.escalated > 0 {
                        for index in 0..record.milestones {
                            let state = self.milestone_record(agreement, &record, index)?.state;
                            ensure!(!holds_default(state, now)?, Error::EscalationPending);
                        }
                    }
                    ensure!(rejection_stands(item.state, now)?, Error::NoStandingRejection);
                    (0, None)
                }
            };
            let decommitted = self.close(&mut record)?;
            record.state = AgreementState::Terminated(termination);

            self.agreements.insert(agreement, &record);
            let terminated = Change::Terminated(Terminated { termination, reason, retention, release, decommitted });
            self.emit(agreement, record.tender, terminated, by);
            Ok(())
        }

        // ------------------------------------------------------------------
        // Admin
        // ------------------------------------------------------------------

        /// Deposits money sent to the escrow outside its messages (the chain
        /// allows it; the escrow holds none of its own) into the treasury:
        /// it is public money. The Admin can send it nowhere else. Returns
        /// the amount.
        ///
        /// Caller: the Admin (works while paused). Fails with `NoSurplus`,
        /// `Budget(reason)`, `BudgetUnavailable`. Emits
        /// `EscrowSurplusDeposited`.
        #[ink(message)]
        #[inline(never)]
        pub fn book_surplus(&mut self) -> Result<Balance> {
            let by = self.guard(Role::Admin, WhilePaused::Allowed)?;
            let amount = self.env().balance();
            ensure!(amount > 0, Error::NoSurplus);
            Treasury::deposit(self.budget, amount)?;
            self.env().emit_event(EscrowSurplusDeposited { amount, by });
            Ok(amount)
        }

        // ------------------------------------------------------------------
        // Anyone
        // ------------------------------------------------------------------

        /// Ends an agreement the vendor did not sign by its deadline: the
        /// whole commitment returns to the line.
        ///
        /// Caller: anyone (works while paused). Fails with
        /// `AgreementNotFound`, `NotOffered`, `SigningOpen`,
        /// `Budget(reason)`, `BudgetUnavailable`, `Overflow`. Emits
        /// `Lapsed`.
        #[ink(message)]
        #[inline(never)]
        pub fn lapse(&mut self, agreement: AgreementId) -> Result<()> {
            let mut record = self.agreement_record(agreement)?;
            ensure!(record.state == AgreementState::Offered, Error::NotOffered);
            ensure!(self.env().block_timestamp() >= record.sign_by, Error::SigningOpen);
            let decommitted = self.close(&mut record)?;
            record.state = AgreementState::Lapsed;

            self.agreements.insert(agreement, &record);
            self.emit(agreement, record.tender, Change::Lapsed(Lapsed { decommitted }), self.env().caller());
            Ok(())
        }

        /// Completes an agreement after its warranty: the retention is
        /// released to the vendor and the commitment closes. A defect claim
        /// left undecided for `CLAIM_DECISION_MS` counts as dismissed.
        ///
        /// Caller: anyone (works while paused; the budget then queues the
        /// release). Fails with `AgreementNotFound`, `NotCompletable`,
        /// `Budget(reason)`, `BudgetUnavailable`, `Overflow`. Emits
        /// `Completed`.
        #[ink(message)]
        #[inline(never)]
        pub fn complete(&mut self, agreement: AgreementId) -> Result<()> {
            let mut record = self.agreement_record(agreement)?;
            ensure!(completable(record.state, self.env().block_timestamp())?, Error::NotCompletable);
            let (retention, release) = self.release_retention(&mut record)?;
            let decommitted = self.close(&mut record)?;
            record.state = AgreementState::Completed;

            self.agreements.insert(agreement, &record);
            let completed = Change::Completed(Completed { retention, release, decommitted });
            self.emit(agreement, record.tender, completed, self.env().caller());
            Ok(())
        }

        // ------------------------------------------------------------------
        // Queries
        // ------------------------------------------------------------------

        /// An agreement, with its state and where its money is (`tally`).
        #[ink(message)]
        #[inline(never)]
        pub fn agreement(&self, agreement: AgreementId) -> Option<Agreement> {
            self.agreements.get(agreement)
        }

        /// One milestone, with its state and, once approved, what it paid.
        #[ink(message)]
        #[inline(never)]
        pub fn milestone(&self, agreement: AgreementId, milestone: u8) -> Option<Milestone> {
            self.milestones.get((agreement, milestone))
        }

        /// All milestones of an agreement, in order (at most
        /// `MAX_MILESTONES`).
        #[ink(message)]
        #[inline(never)]
        pub fn milestones(&self, agreement: AgreementId) -> Vec<Milestone> {
            let count = self.agreements.get(agreement).map_or(0, |a| a.milestones);
            (0..count).filter_map(|index| self.milestones.get((agreement, index))).collect()
        }

        /// What the budget commitment still binds for an agreement:
        /// retention held plus milestones not approved yet.
        #[ink(message)]
        #[inline(never)]
        pub fn still_committed(&self, agreement: AgreementId) -> Option<Balance> {
            self.agreements.get(agreement).and_then(|a| a.still_committed())
        }

        /// The agreement a budget commitment funds, if any.
        #[ink(message)]
        #[inline(never)]
        pub fn agreement_of(&self, commitment: CommitmentId) -> Option<AgreementId> {
            self.by_commitment.get(commitment)
        }

        /// Number of agreements created (ids run from 0).
        #[ink(message)]
        #[inline(never)]
        pub fn agreement_count(&self) -> AgreementId {
            self.next_agreement
        }

        /// The role book and the treasury this escrow works with.
        #[ink(message)]
        #[inline(never)]
        pub fn wiring(&self) -> (AccountId, AccountId) {
            (self.role_book, self.budget)
        }

        // ------------------------------------------------------------------
        // Internals
        // ------------------------------------------------------------------

        /// The caller, if it holds `role` (and, for new business, the suite
        /// is not paused). One registry call (`standing`), the same path as
        /// the vendor and Inspector checks, so the contract carries one
        /// registry call instead of two.
        #[inline(never)]
        fn guard(&self, role: Role, action: WhilePaused) -> Result<AccountId> {
            let caller = self.env().caller();
            Registry::require(self.role_book, caller, role, RoleSet::EMPTY, action)?;
            Ok(caller)
        }

        /// Emits the one event type of the contract (see `events.rs`).
        #[inline(never)]
        fn emit(&self, agreement: AgreementId, tender: TenderId, change: Change, by: AccountId) {
            self.env().emit_event(AgreementEvent { agreement, tender, change, by });
        }

        fn agreement_record(&self, agreement: AgreementId) -> Result<Agreement> {
            self.agreements.get(agreement).ok_or(Error::AgreementNotFound)
        }

        fn milestone_record(&self, agreement: AgreementId, record: &Agreement, milestone: u8) -> Result<Milestone> {
            ensure!(milestone < record.milestones, Error::MilestoneNotFound);
            self.milestones.get((agreement, milestone)).ok_or(Error::MilestoneNotFound)
        }

        /// The caller, the agreement and the milestone for a vendor's step:
        /// the caller is the agreement's vendor, the agreement is active.
        fn vendors_milestone(&self, agreement: AgreementId, milestone: u8) -> Result<(AccountId, Agreement, Milestone)> {
            let caller = self.env().caller();
            let record = self.agreement_record(agreement)?;
            ensure!(caller == record.vendor, Error::NotVendor);
            ensure!(record.state == AgreementState::Active, Error::NotActive);
            let item = self.milestone_record(agreement, &record, milestone)?;
            Ok((caller, record, item))
        }

        /// The agreement and milestone an Inspector decides: `by` is the
        /// assigned Inspector, the agreement is active, the milestone
        /// delivered.
        fn delivered(&self, agreement: AgreementId, milestone: u8, by: AccountId) -> Result<(Agreement, Milestone)> {
            let record = self.agreement_record(agreement)?;
            ensure!(by == record.inspector, Error::NotInspector);
            ensure!(record.state == AgreementState::Active, Error::NotActive);
            let item = self.milestone_record(agreement, &record, milestone)?;
            ensure!(item.state == MilestoneState::Delivered, Error::NotDelivered);
            Ok((record, item))
        }

        /// Approves `item`: computes its tranche, has the budget release the
        /// payable part and take back the deduction, books it, and starts
        /// the warranty after the last milestone.
        fn pay_approved(
            &mut self,
            agreement: AgreementId,
            mut record: Agreement,
            milestone: u8,
            mut item: Milestone,
            by: AccountId,
        ) -> Result<()> {
            let due = tranche::tranche(item.amount, item.due, item.delivered_at, &record.terms).ok_or(Error::Overflow)?;
            let release =
                if due.payable > 0 { Some(Treasury::release(self.budget, record.commitment, due.payable, record.vendor)?) } else { None };
            if due.deduction > 0 {
                Treasury::decommit(self.budget, record.commitment, Some(due.deduction))?;
            }
            books::approve(&mut record, &due, release)?;
            record.approved = record.approved.checked_add(1).ok_or(Error::Overflow)?;
            item.state = MilestoneState::Approved { deduction: due.deduction, retention: due.retention, payable: due.payable, release };
            let warranty_ends = if record.approved == record.milestones {
                let ends = self.env().block_timestamp().checked_add(record.warranty_ms).ok_or(Error::Overflow)?;
                record.state = AgreementState::Warranty { ends };
                Some(ends)
            } else {
                None
            };

            self.milestones.insert((agreement, milestone), &item);
            self.agreements.insert(agreement, &record);
            let approved = Change::Approved(Approved {
                milestone,
                amount: due.amount,
                deduction: due.deduction,
                retention: due.retention,
                payable: due.payable,
                release,
            });
            self.emit(agreement, record.tender, approved, by);
            if let Some(ends) = warranty_ends {
                let retention = record.tally.retention;
                self.emit(agreement, record.tender, Change::WarrantyStarted(WarrantyStarted { retention, ends }), by);
            }
            Ok(())
        }

        /// Releases the retention held to the vendor, if any.
        fn release_retention(&self, record: &mut Agreement) -> Result<(Balance, Option<ReleaseOutcome>)> {
            let release = if record.tally.retention > 0 {
                Some(Treasury::release(self.budget, record.commitment, record.tally.retention, record.vendor)?)
            } else {
                None
            };
            let retention = books::release_retention(record, release)?;
            Ok((retention, release))
        }

        /// Closes the budget commitment: everything it still binds returns
        /// to the line. Returns the amount returned.
        fn close(&self, record: &mut Agreement) -> Result<Balance> {
            let returned = Treasury::decommit(self.budget, record.commitment, None)?;
            books::close(record, returned)?;
            Ok(returned)
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
