//! # tender: publication and sealed bidding with bid bonds
//!
//! A procurement officer publishes a tender on a budget line: its estimate
//! (the award ceiling) is reserved in the `budget` contract in the same call,
//! or nothing is published. Vendors bid from their wallets in two steps:
//!
//! 1. **commit** before the submission deadline: a hash (see
//!    `procurement_shared::bid`) over the tender, the bidder, the price, the
//!    proposal document hash and a secret salt, with exactly the bid bond
//!    attached. One live bid per vendor; it may be replaced (no second bond)
//!    or withdrawn (bond refunded) until the deadline.
//! 2. **reveal** between the deadlines: the price, proposal and salt, which
//!    must hash to the commitment. A price above the estimate, or below the
//!    lowest price at which every milestone of the plan gets at least one
//!    unit (`min_price`), is recorded as invalid; its bond is returned all
//!    the same.
//!
//! After the reveal deadline, revealed bidders pull their bonds back
//! (`claim_bond`), and anyone may send the bond of a bid never revealed to the
//! treasury (`forfeit_bond`). An officer may amend the dossier and extend the
//! deadlines before the submission deadline (each amendment numbered and kept,
//! and each must change something); every amendment leaves at least the
//! minimum bidding window, in which earlier bidders may replace or withdraw
//! their bids. No bid leaves after the submission deadline: once prices can
//! be seen, a bid is revealed or its bond forfeited. An officer may cancel
//! before the award: the reservation is freed and every bond becomes
//! claimable.
//!
//! The evaluation service (the evaluation contract) ends a tender: it
//! `award`s it to the bid it ranked first, whose bond then stays held as bid
//! security until it `settle_winner_bond`s it (returned once the agreement
//! is signed, forfeited into the treasury if the agreement lapses; then it
//! may award the next-ranked bid still holding its bond: a bidder who took
//! its bond back withdrew its offer), or it `close_unsuccessful`s it, freeing
//! the reservation if still held. After the award the officer can no longer
//! cancel.
//!
//! Roles come from the role book (one cross-contract call per guarded
//! message); only Vendors holding no staff and no service role may bid. The contract holds
//! the `TenderService` role so the budget accepts its reservations. While the
//! suite is paused no tender is published and no bid committed; amendments,
//! cancellations, reveals, withdrawals, claims and forfeits still work, so no
//! bond is trapped and no bidder loses one for a pause.
//!
//! Bounds: [`MAX_BIDS`] bids in the book per tender (withdrawn bids free
//! their slot), `MAX_MILESTONES` milestones,
//! pages of at most [`MAX_PAGE_SIZE`]. Every message costs the same whatever
//! the number of bids: bids live in `Mapping`s keyed by tender and bidder.
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

pub mod bonds;
mod calls;
pub mod client;
pub mod errors;
pub mod events;
pub mod rules;
pub mod types;

pub use errors::{Error, Result};
pub use types::{Amendment, Bid, BidState, Method, Milestone, Phase, RevealedBid, Tender, TenderParams, TenderStatus};

/// Most bids in one tender's book (withdrawn bids do not count). Generous
/// for public tenders (dozens of bids is a lot); the bench shows commit and
/// reveal cost the same at 1 and 100. Filling it takes a bond per slot, kept
/// until reveal, from registered vendors.
pub const MAX_BIDS: u32 = 200;
/// Most entries a paged query returns.
pub const MAX_PAGE_SIZE: u32 = 50;

use procurement_shared::{StorageLayout, SuiteContract};

/// This code's storage layout. A change to the storage that old data
/// does not decode into gets a new version and a migration from the old one
/// (docs/ARCHITECTURE.md, "Governed upgrades").
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Tender, version: 1 };
/// The layout versions this code migrates from.
const MIGRATES_FROM: &[u16] = &[];

#[ink::contract]
pub mod tender {
    use crate::calls::{Registry, Treasury};
    pub use crate::events::*;
    use crate::types::*;
    use crate::{bonds, rules};
    use crate::{Error, Result, MAX_BIDS, MAX_PAGE_SIZE};
    use crate::{LAYOUT, MIGRATES_FROM};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use procurement_shared::ports::TreasuryPort;
    use procurement_shared::tendering::{BondSettlement, Funding};
    use procurement_shared::upgrade::{self, LayoutCell};
    use procurement_shared::StorageLayout;
    use procurement_shared::{bid_commitment, ensure, CallError, Role, RoleSet, Roles, TenderId, WhilePaused};

    /// Roles whose holders may not bid: staff publish, judge, inspect, pay,
    /// audit or govern tenders; service roles move budget money.
    const NO_BIDDERS: RoleSet = Role::STAFF.union(Role::SERVICES);

    /// The tender book.
    #[ink(storage)]
    pub struct TenderBook {
        /// The suite's role book (roles and pause, written by the registry).
        role_book: AccountId,
        /// Which contract and layout version this storage is (its own
        /// cell, read only by the upgrade messages).
        layout: LayoutCell,
        /// The treasury that reserves estimates and receives forfeited bonds.
        budget: AccountId,
        /// Next tender id (also the number published).
        next_tender: TenderId,
        /// Bonds held across all tenders; the contract's balance covers it.
        bonds_held: Balance,
        /// Tenders by id.
        tenders: Mapping<TenderId, Tender>,
        /// Milestone plans: (tender, index) -> milestone.
        milestones: Mapping<(TenderId, u8), Milestone>,
        /// Amendments: (tender, number from 1) -> amendment.
        amendments: Mapping<(TenderId, u32), Amendment>,
        /// Bids: (tender, bidder) -> bid.
        bids: Mapping<(TenderId, AccountId), Bid>,
        /// Bidder list per tender, for paging: (tender, slot) -> bidder.
        /// Holds bids in the book (not withdrawn), at most `MAX_BIDS`.
        bidder_at: Mapping<(TenderId, u32), AccountId>,
        /// Slot of each bidder in that list. Redundant with `bidder_at`, kept
        /// so that a withdrawal frees its slot in O(1) (swap-remove).
        bidder_slot: Mapping<(TenderId, AccountId), u32>,
        /// Revealed bids in reveal order: (tender, index) -> bidder.
        revealed_at: Mapping<(TenderId, u32), AccountId>,
    }

    // Every message is `#[inline(never)]`: left alone, the compiler inlines
    // each body into ink!'s dispatcher and the module grows (measured: the
    // suite's five large contracts 9 KB smaller together; docs/COSTS.md).
    impl TenderBook {
        /// Creates the tender book, asking `role_book` for roles and
        /// reserving on `budget`. Grant this contract `TenderService`.
        #[ink(constructor)]
        pub fn new(role_book: AccountId, budget: AccountId) -> Self {
            let mut this = Self {
                layout: ink::storage::Lazy::new(),
                role_book,
                budget,
                next_tender: 0,
                bonds_held: 0,
                tenders: Mapping::new(),
                milestones: Mapping::new(),
                amendments: Mapping::new(),
                bids: Mapping::new(),
                bidder_at: Mapping::new(),
                bidder_slot: Mapping::new(),
                revealed_at: Mapping::new(),
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
            Ok(from)
        }

        /// Which contract's storage this is, and its version.
        #[ink(message)]
        #[inline(never)]
        pub fn storage_layout(&self) -> Option<StorageLayout> {
            self.layout.get()
        }

        // ------------------------------------------------------------------
        // Procurement officer
        // ------------------------------------------------------------------

        /// Publishes a tender and reserves its estimate on the budget line.
        ///
        /// Caller: a ProcurementOfficer, suite not paused. Fails with
        /// `ZeroAmount`, `InvalidDeadlines`, `InvalidMethod`,
        /// `InvalidStandstill`, `InvalidMilestones`, `Budget(reason)` if the
        /// budget refuses the reservation, `BudgetUnavailable`, `Overflow`.
        /// Emits `TenderPublished`.
        #[ink(message)]
        #[inline(never)]
        pub fn publish(&mut self, params: TenderParams) -> Result<TenderId> {
            let officer = Registry::authorize(self.role_book, Role::ProcurementOfficer, WhilePaused::Refused)?;
            let (milestone_count, min_price) = rules::check_params(self.env().block_timestamp(), &params)?;
            let id = self.next_tender;
            let next = id.checked_add(1).ok_or(Error::Overflow)?;
            let reservation = Treasury::reserve(self.budget, params.line, params.estimate, id)?;

            self.next_tender = next;
            for (index, milestone) in (0u8..).zip(params.milestones.iter()) {
                self.milestones.insert((id, index), milestone);
            }
            self.tenders.insert(id, &Tender::published(officer, &params, reservation, min_price, milestone_count));
            self.emit_tender(TenderChange::TenderPublished(TenderPublished {
                tender: id,
                officer,
                line: params.line,
                reservation,
                estimate: params.estimate,
                dossier: params.dossier,
                bond: params.bond,
                submission_deadline: params.submission_deadline,
                reveal_deadline: params.reveal_deadline,
                method: params.method,
                standstill_ms: params.standstill_ms,
                milestones: params.milestones,
            }));
            Ok(id)
        }

        /// Amends the dossier and deadlines before the submission deadline.
        /// Something must change; deadlines may only move later, and must
        /// again leave the minimum bidding and reveal windows from now, so
        /// earlier bidders have that long to replace or withdraw their bids.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `TenderNotFound`, `TenderCancelled`, `SubmissionClosed`,
        /// `NothingAmended`, `InvalidDeadlines`, `Overflow`. Emits
        /// `TenderAmended`.
        #[ink(message)]
        #[inline(never)]
        pub fn amend(
            &mut self,
            tender: TenderId,
            dossier: Hash,
            submission_deadline: Timestamp,
            reveal_deadline: Timestamp,
        ) -> Result<u32> {
            let by = Registry::authorize(self.role_book, Role::ProcurementOfficer, WhilePaused::Allowed)?;
            let mut t = self.open_tender(tender)?;
            let now = self.env().block_timestamp();
            ensure!(now < t.submission_deadline, Error::SubmissionClosed);
            ensure!(
                dossier != t.dossier || submission_deadline != t.submission_deadline || reveal_deadline != t.reveal_deadline,
                Error::NothingAmended
            );
            ensure!(submission_deadline >= t.submission_deadline && reveal_deadline >= t.reveal_deadline, Error::InvalidDeadlines);
            rules::check_deadlines(now, submission_deadline, reveal_deadline)?;
            let number = t.amendments.checked_add(1).ok_or(Error::Overflow)?;

            t.amendments = number;
            t.dossier = dossier;
            t.submission_deadline = submission_deadline;
            t.reveal_deadline = reveal_deadline;
            self.tenders.insert(tender, &t);
            self.amendments.insert((tender, number), &Amendment { dossier, submission_deadline, reveal_deadline, at: now, by });
            self.emit_tender(TenderChange::TenderAmended(TenderAmended {
                tender,
                amendment: number,
                dossier,
                submission_deadline,
                reveal_deadline,
                by,
            }));
            Ok(number)
        }

        /// Cancels a tender before the award: its reservation is freed in the
        /// budget and every bond it holds becomes claimable.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `TenderNotFound`, `TenderCancelled`, `TenderAwarded` (after the
        /// award it ends only through the evaluation service),
        /// `TenderUnsuccessful`, `Budget(reason)`, `BudgetUnavailable`. Emits
        /// `TenderCancelled`.
        #[ink(message)]
        #[inline(never)]
        pub fn cancel(&mut self, tender: TenderId) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::ProcurementOfficer, WhilePaused::Allowed)?;
            let mut t = self.open_tender(tender)?;
            Treasury::cancel_reservation(self.budget, t.reservation)?;
            t.status = TenderStatus::Cancelled;
            self.tenders.insert(tender, &t);
            self.emit_tender(TenderChange::TenderCancelled(TenderCancelled {
                tender,
                reservation: t.reservation,
                estimate: t.estimate,
                by,
            }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Vendor
        // ------------------------------------------------------------------

        /// Commits a sealed bid with exactly the bond attached, or replaces
        /// the caller's live commitment (attach nothing then).
        ///
        /// Caller: a Vendor holding no staff role, suite not paused. Fails with
        /// `ConflictingRole`, `TenderNotFound`, `TenderCancelled`,
        /// `SubmissionClosed`, `WrongBond`, `TooManyBids`, `NotSealed`,
        /// `Overflow`. Emits `BidCommitted`.
        #[ink(message, payable)]
        #[inline(never)]
        pub fn commit_bid(&mut self, tender: TenderId, commitment: Hash) -> Result<()> {
            let bidder = self.env().caller();
            Registry::require(self.role_book, bidder, Role::Vendor, NO_BIDDERS, WhilePaused::Refused)?;
            let mut t = self.open_tender(tender)?;
            ensure!(self.env().block_timestamp() < t.submission_deadline, Error::SubmissionClosed);
            let attached = self.env().transferred_value();
            let existing = self.bids.get((tender, bidder));
            let replaced = existing.as_ref().is_some_and(Bid::is_sealed);
            let state = BidState::Sealed { amendment: t.amendments };
            // A bid entering the book takes the next slot in the bidder list.
            let mut new_slot = None;
            let mut total = self.bonds_held;
            let bid = match existing {
                // A replacement keeps the bond already held.
                Some(bid) if bid.is_sealed() => {
                    ensure!(attached == 0, Error::WrongBond { expected: 0, attached });
                    Bid { commitment, state, ..bid }
                }
                Some(bid) if bid.state != BidState::Withdrawn => return Err(Error::NotSealed),
                _ => {
                    ensure!(attached == t.bond, Error::WrongBond { expected: t.bond, attached });
                    ensure!(t.bidders < MAX_BIDS, Error::TooManyBids);
                    new_slot = Some(t.bidders);
                    t.bidders = t.bidders.checked_add(1).ok_or(Error::Overflow)?;
                    let mut bid = Bid { commitment, bond: 0, state };
                    bonds::take(&mut total, &mut t, &mut bid, attached)?;
                    bid
                }
            };

            self.bonds_held = total;
            if let Some(slot) = new_slot {
                self.bidder_at.insert((tender, slot), &bidder);
                self.bidder_slot.insert((tender, bidder), &slot);
            }
            self.bids.insert((tender, bidder), &bid);
            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::BidCommitted(BidCommitted { tender, bidder, commitment, bond: attached, replaced }));
            Ok(())
        }

        /// Withdraws the caller's sealed bid before the submission deadline:
        /// its bond is refunded and its slot in the bidder list freed.
        ///
        /// Caller: the bidder (works while paused). Fails with
        /// `TenderNotFound`, `TenderCancelled` (claim the bond instead),
        /// `BidNotFound`, `NotSealed`, `WithdrawalClosed`, `TransferFailed`.
        /// Emits `BidWithdrawn`.
        #[ink(message)]
        #[inline(never)]
        pub fn withdraw_bid(&mut self, tender: TenderId) -> Result<()> {
            let bidder = self.env().caller();
            let mut t = self.open_tender(tender)?;
            let mut bid = self.sealed_bid(tender, bidder)?;
            ensure!(self.env().block_timestamp() < t.submission_deadline, Error::WithdrawalClosed);
            let slot = self.bidder_slot.get((tender, bidder)).ok_or(Error::BidNotFound)?;
            let last = t.bidders.checked_sub(1).ok_or(Error::Overflow)?;
            let moved = self.bidder_at.get((tender, last)).ok_or(Error::BidNotFound)?;
            t.bidders = last;
            let refunded = self.pay_out(&mut t, &mut bid, bidder)?;
            bid.state = BidState::Withdrawn;

            // Swap-remove from the bidder list: the last bidder takes the
            // freed slot.
            if slot != last {
                self.bidder_at.insert((tender, slot), &moved);
                self.bidder_slot.insert((tender, moved), &slot);
            }
            self.bidder_at.remove((tender, last));
            self.bidder_slot.remove((tender, bidder));
            self.bids.insert((tender, bidder), &bid);
            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::BidWithdrawn(BidWithdrawn { tender, bidder, refunded }));
            Ok(())
        }

        /// Reveals the caller's bid between the deadlines. The values must
        /// hash to the commitment; a price above the estimate or below the
        /// tender's `min_price` is recorded as invalid.
        ///
        /// Caller: the bidder (works while paused, so no pause costs a bond).
        /// Fails with `TenderNotFound`, `TenderCancelled`, `BidNotFound`,
        /// `NotSealed`, `RevealNotOpen`, `RevealClosed`,
        /// `CommitmentMismatch`, `Overflow`. Emits `BidRevealed`.
        #[ink(message)]
        #[inline(never)]
        pub fn reveal_bid(&mut self, tender: TenderId, price: Balance, proposal: Hash, salt: Hash) -> Result<()> {
            let bidder = self.env().caller();
            let mut t = self.open_tender(tender)?;
            let mut bid = self.sealed_bid(tender, bidder)?;
            let now = self.env().block_timestamp();
            ensure!(now >= t.submission_deadline, Error::RevealNotOpen);
            ensure!(now < t.reveal_deadline, Error::RevealClosed);
            let (proposal_bytes, salt_bytes): ([u8; 32], [u8; 32]) = (proposal.into(), salt.into());
            let expected = bid_commitment(tender, bidder.as_ref(), price, &proposal_bytes, &salt_bytes);
            ensure!(Hash::from(expected) == bid.commitment, Error::CommitmentMismatch);
            let valid = price >= t.min_price && price <= t.estimate;
            let index = t.revealed;
            t.revealed = index.checked_add(1).ok_or(Error::Overflow)?;
            bid.state = BidState::Revealed { price, proposal, index, valid };

            self.revealed_at.insert((tender, index), &bidder);
            self.bids.insert((tender, bidder), &bid);
            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::BidRevealed(BidRevealed { tender, bidder, price, proposal, valid }));
            Ok(())
        }

        /// Returns the caller's bond: for a live bid on a cancelled tender at
        /// any time; for a revealed bid after the reveal deadline if it is
        /// invalid, once the tender is awarded to another bidder or closed
        /// unsuccessful, or `BID_VALIDITY_MS` after the reveal deadline (a
        /// valid bid's bond is its bid security until then). The winner's
        /// bond is settled by the evaluation service instead. Taking a valid
        /// bid's bond back withdraws the offer: the bid can no longer be
        /// awarded (after the winner lapses, say), and the evaluation passes
        /// over it.
        ///
        /// Caller: the bidder (works while paused). Fails with
        /// `TenderNotFound`, `BidNotFound`, `BondNotClaimable`,
        /// `TransferFailed`. Emits `BondClaimed`.
        #[ink(message)]
        #[inline(never)]
        pub fn claim_bond(&mut self, tender: TenderId) -> Result<Balance> {
            let bidder = self.env().caller();
            let mut t = self.tenders.get(tender).ok_or(Error::TenderNotFound)?;
            let mut bid = self.bids.get((tender, bidder)).ok_or(Error::BidNotFound)?;
            ensure!(rules::claimable(t.status, t.reveal_deadline, &bid, bidder, self.env().block_timestamp()), Error::BondNotClaimable);
            let amount = self.pay_out(&mut t, &mut bid, bidder)?;

            self.bids.insert((tender, bidder), &bid);
            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::BondClaimed(BondClaimed { tender, bidder, amount }));
            Ok(amount)
        }

        // ------------------------------------------------------------------
        // Anyone
        // ------------------------------------------------------------------

        /// Sends the bond of a bid not revealed by the reveal deadline to the
        /// treasury (deposited into the budget).
        ///
        /// Caller: anyone (works while paused). Fails with `TenderNotFound`,
        /// `TenderCancelled`, `RevealStillOpen`, `BidNotFound`, `NotSealed`,
        /// `BondNotClaimable` (already forfeited), `Budget(reason)`,
        /// `BudgetUnavailable`. Emits `BondForfeited`.
        #[ink(message)]
        #[inline(never)]
        pub fn forfeit_bond(&mut self, tender: TenderId, bidder: AccountId) -> Result<Balance> {
            let by = self.env().caller();
            let mut t = self.tenders.get(tender).ok_or(Error::TenderNotFound)?;
            ensure!(t.status != TenderStatus::Cancelled, Error::TenderCancelled);
            ensure!(self.env().block_timestamp() >= t.reveal_deadline, Error::RevealStillOpen);
            let mut bid = self.sealed_bid(tender, bidder)?;
            ensure!(bid.bond > 0, Error::BondNotClaimable);
            let amount = self.forfeit(&mut t, &mut bid)?;
            bid.state = BidState::Forfeited;
            self.bids.insert((tender, bidder), &bid);
            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::BondForfeited(BondForfeited { tender, bidder, amount, by }));
            Ok(amount)
        }

        // ------------------------------------------------------------------
        // Evaluation service
        // ------------------------------------------------------------------

        /// Awards the tender to `winner`, whose revealed valid bid the
        /// evaluation contract ranked first. The winner's bond stays held
        /// (bid security) until `settle_winner_bond`. A tender whose winner's
        /// bond was settled (award set aside, or agreement lapsed) may be
        /// awarded again, to another bidder still holding its bond. With
        /// `Funding::Renew`, for an award after the earlier winner's
        /// commitment was taken and given back, the tender reserves its whole estimate on
        /// its line again, not only the new winner's price: every valid bid
        /// is within the estimate, so whichever bid a later protest moves
        /// the award to, the reservation covers its price.
        ///
        /// Caller: holder of `EvaluationService` (works while paused, but a
        /// renewed reservation needs the suite unpaused). Fails with
        /// `TenderNotFound`, `TenderCancelled`, `TenderUnsuccessful`,
        /// `WinnerBondHeld`, `RevealStillOpen`, `BidNotFound`, `NotAwardable`
        /// (also `Renew` on a first award), `BidSecurityWithdrawn`,
        /// `Budget(reason)`, `BudgetUnavailable`. Emits `TenderAwarded`.
        #[ink(message)]
        #[inline(never)]
        pub fn award(&mut self, tender: TenderId, winner: AccountId, funding: Funding) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::EvaluationService, WhilePaused::Allowed)?;
            let mut t = self.tenders.get(tender).ok_or(Error::TenderNotFound)?;
            let current = self.awardable(tender, &t)?;
            ensure!(current != Some(winner), Error::NotAwardable);
            ensure!(funding == Funding::Held || current.is_some(), Error::NotAwardable);
            let bid = self.bids.get((tender, winner)).ok_or(Error::BidNotFound)?;
            let BidState::Revealed { price, valid: true, .. } = bid.state else {
                return Err(Error::NotAwardable);
            };
            ensure!(bid.bond > 0, Error::BidSecurityWithdrawn);
            if funding == Funding::Renew {
                t.reservation = Treasury::reserve(self.budget, t.line, t.estimate, tender)?;
            }
            t.status = TenderStatus::Awarded { winner };

            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::TenderAwarded(TenderAwarded {
                tender,
                winner,
                price,
                bond: bid.bond,
                reservation: t.reservation,
                by,
            }));
            Ok(())
        }

        /// Settles the winner's bond: returned to the winner once the
        /// agreement is signed (`BondSettlement::Return`), or forfeited into
        /// the treasury if it lapsed (`Forfeit`). Returns the amount.
        ///
        /// Caller: holder of `EvaluationService` (works while paused). Fails
        /// with `TenderNotFound`, `NotAwarded`, `BidNotFound`,
        /// `BondNotClaimable` (already settled or claimed), `TransferFailed`,
        /// `Budget(reason)`, `BudgetUnavailable`. Emits `WinnerBondSettled`.
        #[ink(message)]
        #[inline(never)]
        pub fn settle_winner_bond(&mut self, tender: TenderId, settlement: BondSettlement) -> Result<Balance> {
            let by = Registry::authorize(self.role_book, Role::EvaluationService, WhilePaused::Allowed)?;
            let mut t = self.tenders.get(tender).ok_or(Error::TenderNotFound)?;
            let TenderStatus::Awarded { winner } = t.status else {
                return Err(Error::NotAwarded);
            };
            let mut bid = self.bids.get((tender, winner)).ok_or(Error::BidNotFound)?;
            ensure!(bid.bond > 0, Error::BondNotClaimable);
            let amount = match settlement {
                BondSettlement::Return => self.pay_out(&mut t, &mut bid, winner)?,
                BondSettlement::Forfeit => self.forfeit(&mut t, &mut bid)?,
            };

            self.bids.insert((tender, winner), &bid);
            self.tenders.insert(tender, &t);
            self.emit_bid(BidChange::WinnerBondSettled(WinnerBondSettled { tender, winner, amount, settlement, by }));
            Ok(amount)
        }

        /// Closes the tender without an agreement (no valid bid, or no
        /// winner signed): its reservation, if still held, is freed in the
        /// budget. Bonds stay claimable or forfeitable as before.
        ///
        /// Caller: holder of `EvaluationService` (works while paused). Fails
        /// with `TenderNotFound`, `TenderCancelled`, `TenderUnsuccessful`,
        /// `RevealStillOpen`, `WinnerBondHeld`, `Budget(reason)`,
        /// `BudgetUnavailable`. Emits `TenderUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn close_unsuccessful(&mut self, tender: TenderId) -> Result<()> {
            let by = Registry::authorize(self.role_book, Role::EvaluationService, WhilePaused::Allowed)?;
            let mut t = self.tenders.get(tender).ok_or(Error::TenderNotFound)?;
            self.awardable(tender, &t)?;
            // A reservation already turned into a commitment (an agreement
            // that lapsed) is no longer the tender's to free.
            let freed = match Treasury::cancel_reservation(self.budget, t.reservation) {
                Ok(()) => true,
                Err(CallError::Refused(reason)) if reason.is(&budget::Error::ReservationNotActive) => false,
                Err(failure) => return Err(failure.into()),
            };
            t.status = TenderStatus::Unsuccessful;

            self.tenders.insert(tender, &t);
            self.emit_tender(TenderChange::TenderUnsuccessful(TenderUnsuccessful { tender, reservation: t.reservation, freed, by }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Admin
        // ------------------------------------------------------------------

        /// Deposits money the contract holds beyond the bonds on its books
        /// (sent to it outside `commit_bid`, which the chain allows) into the
        /// treasury: it is nobody's bond, so it becomes public money. The
        /// Admin can send it nowhere else. Returns the amount.
        ///
        /// Caller: the Admin (works while paused). Fails with `NoSurplus`,
        /// `Budget(reason)`, `BudgetUnavailable`. Emits `SurplusDeposited`.
        #[ink(message)]
        #[inline(never)]
        pub fn book_surplus(&mut self) -> Result<Balance> {
            let by = Registry::authorize(self.role_book, Role::Admin, WhilePaused::Allowed)?;
            let amount = self.env().balance().saturating_sub(self.bonds_held);
            ensure!(amount > 0, Error::NoSurplus);
            Treasury::deposit(self.budget, amount)?;
            self.env().emit_event(SurplusDeposited { amount, by });
            Ok(amount)
        }

        // ------------------------------------------------------------------
        // Queries (anyone)
        // ------------------------------------------------------------------

        /// A tender's details and counts.
        #[ink(message)]
        #[inline(never)]
        pub fn tender(&self, tender: TenderId) -> Option<Tender> {
            self.tenders.get(tender)
        }

        /// Where a tender stands now.
        #[ink(message)]
        #[inline(never)]
        pub fn phase(&self, tender: TenderId) -> Option<Phase> {
            let t = self.tenders.get(tender)?;
            Some(rules::phase(&t, self.env().block_timestamp()))
        }

        /// A tender's milestone plan.
        #[ink(message)]
        #[inline(never)]
        pub fn milestones(&self, tender: TenderId) -> Vec<Milestone> {
            let count = self.tenders.get(tender).map_or(0, |t| t.milestone_count);
            (0..count).filter_map(|i| self.milestones.get((tender, i))).collect()
        }

        /// Amendment `number` (from 1) of a tender.
        #[ink(message)]
        #[inline(never)]
        pub fn amendment(&self, tender: TenderId, number: u32) -> Option<Amendment> {
            self.amendments.get((tender, number))
        }

        /// A bidder's bid: the commitment is public from the start, the price
        /// only once revealed.
        #[ink(message)]
        #[inline(never)]
        pub fn bid(&self, tender: TenderId, bidder: AccountId) -> Option<Bid> {
            self.bids.get((tender, bidder))
        }

        /// Revealed bids in reveal order, from `start`, at most `limit`
        /// (capped at `MAX_PAGE_SIZE`).
        #[ink(message)]
        #[inline(never)]
        pub fn revealed_bids(&self, tender: TenderId, start: u32, limit: u32) -> Vec<RevealedBid> {
            let count = self.tenders.get(tender).map_or(0, |t| t.revealed);
            page(start, limit, count)
                .filter_map(|i| self.revealed_at.get((tender, i)))
                .filter_map(|bidder| match self.bids.get((tender, bidder))?.state {
                    BidState::Revealed { price, proposal, valid, .. } => Some(RevealedBid { bidder, price, proposal, valid }),
                    _ => None,
                })
                .collect()
        }

        /// Bidders whose bids are in the book (not withdrawn), from `start`,
        /// at most `limit` (capped at `MAX_PAGE_SIZE`). In commit order,
        /// except that a withdrawal moves the last bidder into its slot.
        #[ink(message)]
        #[inline(never)]
        pub fn bidders(&self, tender: TenderId, start: u32, limit: u32) -> Vec<AccountId> {
            let count = self.tenders.get(tender).map_or(0, |t| t.bidders);
            page(start, limit, count).filter_map(|i| self.bidder_at.get((tender, i))).collect()
        }

        /// How many tenders were published (ids are `0..tender_count`).
        #[ink(message)]
        #[inline(never)]
        pub fn tender_count(&self) -> TenderId {
            self.next_tender
        }

        /// Bonds held across all tenders, and the contract's spendable
        /// balance, which covers them.
        #[ink(message)]
        #[inline(never)]
        pub fn bond_totals(&self) -> (Balance, Balance) {
            (self.bonds_held, self.env().balance())
        }

        /// The role book and the budget this contract uses.
        #[ink(message)]
        #[inline(never)]
        pub fn wiring(&self) -> (AccountId, AccountId) {
            (self.role_book, self.budget)
        }

        // ------------------------------------------------------------------
        // Internal helpers
        // ------------------------------------------------------------------

        fn open_tender(&self, tender: TenderId) -> Result<Tender> {
            let t = self.tenders.get(tender).ok_or(Error::TenderNotFound)?;
            match t.status {
                TenderStatus::Open => Ok(t),
                TenderStatus::Cancelled => Err(Error::TenderCancelled),
                TenderStatus::Awarded { .. } => Err(Error::TenderAwarded),
                TenderStatus::Unsuccessful => Err(Error::TenderUnsuccessful),
            }
        }

        /// Whether the evaluation service may award or close `t`: open after
        /// its reveal deadline, or awarded with the winner's bond settled.
        /// Returns the current winner, if any.
        /// Emits a change of the tender itself.
        #[inline(never)]
        fn emit_tender(&self, change: TenderChange) {
            self.env().emit_event(TenderEvent { tender: change.tender(), change });
        }

        /// Emits a change of a bid, with its tender and bidder as topics.
        #[inline(never)]
        fn emit_bid(&self, change: BidChange) {
            let (tender, bidder) = change.subject();
            self.env().emit_event(BidEvent { tender, bidder, change });
        }

        fn awardable(&self, tender: TenderId, t: &Tender) -> Result<Option<AccountId>> {
            let current = match t.status {
                TenderStatus::Open => None,
                TenderStatus::Awarded { winner } => {
                    ensure!(self.bids.get((tender, winner)).is_none_or(|b| b.bond == 0), Error::WinnerBondHeld);
                    Some(winner)
                }
                TenderStatus::Cancelled => return Err(Error::TenderCancelled),
                TenderStatus::Unsuccessful => return Err(Error::TenderUnsuccessful),
            };
            ensure!(self.env().block_timestamp() >= t.reveal_deadline, Error::RevealStillOpen);
            Ok(current)
        }

        fn sealed_bid(&self, tender: TenderId, bidder: AccountId) -> Result<Bid> {
            let bid = self.bids.get((tender, bidder)).ok_or(Error::BidNotFound)?;
            ensure!(bid.is_sealed(), Error::NotSealed);
            Ok(bid)
        }

        /// Deposits the bid's bond into the treasury and books it off.
        /// Returns the amount.
        fn forfeit(&mut self, t: &mut Tender, bid: &mut Bid) -> Result<Balance> {
            let mut total = self.bonds_held;
            let amount = bonds::release(&mut total, t, bid)?;
            Treasury::deposit(self.budget, amount)?;
            self.bonds_held = total;
            Ok(amount)
        }

        /// Transfers the bid's bond back to `to` and books it off. Returns
        /// the amount.
        fn pay_out(&mut self, t: &mut Tender, bid: &mut Bid, to: AccountId) -> Result<Balance> {
            let mut total = self.bonds_held;
            let amount = bonds::release(&mut total, t, bid)?;
            self.env().transfer(to, amount).map_err(|_| Error::TransferFailed)?;
            self.bonds_held = total;
            Ok(amount)
        }
    }

    /// Indices `start..` of a page of at most `limit` (capped) below `count`.
    fn page(start: u32, limit: u32, count: u32) -> core::ops::Range<u32> {
        let end = start.saturating_add(limit.min(MAX_PAGE_SIZE)).min(count);
        start..end.max(start)
    }
}

pub use self::tender::{TenderBook, TenderBookRef};

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
