//! # evaluation: committee, declarations, scoring and the published ranking
//!
//! After a tender's reveal deadline a ProcurementOfficer appoints a
//! committee of `MIN_MEMBERS` to `MAX_MEMBERS` Evaluators, none of whom bid
//! on the tender (checked against the tender's own bids, withdrawn ones
//! included, not only against the registry's exclusive pairs). The valid
//! revealed bids are taken from the tender at that moment (they can no longer
//! change) into this contract's storage, so ranking later reads nothing
//! across contracts.
//!
//! Each member records an impartiality declaration (a hash) before scoring;
//! a member who declares a conflict is recused and the officer may seat a
//! replacement. Members score every bid's quality (0 to 100), once each, and
//! may revise until the ranking is made; each bid keeps a running sum and
//! count of its scores, so a revision costs the same as a first score.
//!
//! `finalize` (anyone) ranks once every seated member has declared and,
//! for a weighted method, scored every bid; or after the scoring deadline
//! if every bid has at least `QUORUM` scores (and at least `QUORUM` members
//! declared). The ranking is `procurement_shared::ranking::rank`: lowest
//! price, or weighted price and quality with the tender's minimum quality;
//! ties go to the higher total, then the lower price, then the earlier
//! reveal. Every score and the ranking are public, with events.
//!
//! The bid ranked first gets the provisional award (`tender.award`) and
//! the tender's standstill starts. Until it ends, a bidder whose valid bid
//! lost may protest with the tender's bond and a grounds hash, once per
//! award. An Auditor who is no party to the procurement (not its officers,
//! committee, Inspector or bidders, checked against this procurement's
//! records whatever roles the account holds now) resolves it within
//! `PROTEST_DECISION_MS`: upheld sets the award aside (the challenged bid is
//! left out, the rest ranked again and the next bid awarded with a new
//! standstill, or the tender closed unsuccessful if none is admissible) and
//! refunds the bond; rejected sends the bond to the treasury. Undecided by
//! then, a protest is refunded and the award stands: silence costs the
//! protester nothing and overturns nothing. Protests against an award
//! already set aside are moot and refunded. A bid whose bidder took its
//! bond back (its offer withdrawn) is passed over when awards are made.
//!
//! `conclude` (anyone, after the standstill, no protest open) turns the
//! tender's reservation into a budget commitment of the award price (the
//! surplus returns to the line) and offers the winner an escrow agreement:
//! the tender's milestone plan scaled to the price, due dates counted from
//! the conclusion, the terms the officer fixed at appointment, and
//! `SIGN_WINDOW_MS` to sign (never past the first due date). The winner's
//! bond stays locked in the tender as bid security until `settle_winner` sees the
//! agreement signed (bond returned) or lapsed (bond forfeited into the
//! treasury); after a lapse the officer awards the next-ranked bid (the
//! tender reserves its estimate again) or closes the tender. A tender with no
//! valid bid, or nobody appointed to evaluate it within the bid validity,
//! is closed by `close_without_bids`, freeing its reservation.
//!
//! Nothing waits forever on people who do not act: `STALL_MS` after the
//! scoring deadline (a committee that cannot rank), after the end of the
//! standstill (an award nobody could conclude) or after a lapse (an officer
//! who neither awards the next bid nor closes), anyone may `close_stalled`
//! the tender: bonds go back, the reservation returns to its line.
//!
//! Bounds: `MAX_MEMBERS` seats, `tender::MAX_BIDS` bids per evaluation, all
//! in `Mapping`s; the ranking is one stored list of at most `MAX_BIDS`
//! entries. Protests live in a `Mapping` by id: at most one per bidder per
//! award round, and each round but the last sets one bid aside, so at most
//! `MAX_BIDS` rounds and `MAX_BIDS * MAX_BIDS` protests per tender.
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
pub mod committee;
pub mod errors;
pub mod events;
pub mod protests;
pub mod types;

pub use errors::{Error, Result};
pub use types::{Entry, Evaluation, Interest, Member, MemberState, Protest, ProtestState, SetAside, Stage};

use procurement_shared::tranche::DAY_MS;
use procurement_shared::Timestamp;

/// Smallest committee.
pub const MIN_MEMBERS: u8 = 3;
/// Largest committee.
pub const MAX_MEMBERS: u8 = 9;
/// After the scoring deadline, the scores a bid needs (and the declared
/// members the committee needs) for the ranking to be made.
pub const QUORUM: u32 = 3;
/// Longest scoring window from appointment: 60 days.
pub const MAX_SCORING_WINDOW_MS: Timestamp = 60 * DAY_MS;
/// How long an Auditor has to decide a protest: 10 days. Undecided after
/// that, the bond is refunded and the award stands.
pub const PROTEST_DECISION_MS: Timestamp = 10 * DAY_MS;
/// How long the winner has to sign the offered agreement: 14 days, or less
/// if the first milestone falls due sooner.
pub const SIGN_WINDOW_MS: Timestamp = 14 * DAY_MS;
/// How long an evaluation may stand still before anyone may close its
/// tender: 30 days past the scoring deadline, the end of the standstill, or
/// a lapse. Long enough for an officer, an Admin lifting a pause or a
/// Registry restoring a role to act; short enough that a reservation and
/// the bidders' bonds are not held for a procurement nobody runs.
pub const STALL_MS: Timestamp = 30 * DAY_MS;
/// Revealed bids read from the tender per call (the tender's page size).
const PAGE: u32 = 50;

use procurement_shared::{StorageLayout, SuiteContract};

/// This code's storage layout. A change to the storage that old data
/// does not decode into gets a new version and a migration from the old one
/// (docs/ARCHITECTURE.md, "Governed upgrades").
const LAYOUT: StorageLayout = StorageLayout { contract: SuiteContract::Evaluation, version: 1 };
/// The layout versions this code migrates from.
const MIGRATES_FROM: &[u16] = &[];

#[ink::contract]
pub mod evaluation {
    use crate::calls::{Agreements, Registry, Tenders, Treasury};
    pub use crate::events::*;
    use crate::types::*;
    use crate::{committee, protests};
    use crate::{Error, Result};
    use crate::{LAYOUT, MIGRATES_FROM};
    use crate::{PAGE, SIGN_WINDOW_MS, STALL_MS};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use procurement_shared::contracting::{self, Contracting, Signature};
    use procurement_shared::ports::{AgreementPort, TenderPort, TreasuryPort};
    use procurement_shared::ranking::{self, Candidate, MAX_QUALITY};
    use procurement_shared::tendering::{BondSettlement, Funding};
    use procurement_shared::upgrade::{self, LayoutCell};
    use procurement_shared::StorageLayout;
    use procurement_shared::{ensure, AgreementId, CallError, Denied, Role, RoleSet, Roles, Ruling, TenderId, WhilePaused};

    /// A score's key: (tender, member, bid index).
    type ScoreKey = (TenderId, AccountId, u32);
    /// A ranking: admissible bids best first, as (bid index, total in
    /// millionths of a point).
    pub type Ranking = Vec<(u32, u64)>;

    /// Roles an Evaluator may not also hold: a vendor does not judge bids.
    const NOT_FOR_EVALUATORS: RoleSet = RoleSet::EMPTY.with(Role::Vendor);

    /// The evaluations of the suite's tenders.
    #[ink(storage)]
    pub struct EvaluationBook {
        /// The suite's role book (roles and pause, written by the registry).
        role_book: AccountId,
        /// Which contract and layout version this storage is (its own
        /// cell, read only by the upgrade messages).
        layout: LayoutCell,
        /// The tender book whose tenders are evaluated.
        tender: AccountId,
        /// Evaluations by tender.
        evaluations: Mapping<TenderId, Evaluation>,
        /// Committee seats: (tender, seat) -> member.
        seat_of: Mapping<(TenderId, u8), AccountId>,
        /// Members: (tender, account) -> standing. A recused member stays
        /// here (so cannot be seated again).
        members: Mapping<(TenderId, AccountId), Member>,
        /// Bids under evaluation: (tender, index) -> entry.
        entries: Mapping<(TenderId, u32), Entry>,
        /// Scores: (tender, member, bid index) -> quality.
        scores: Mapping<ScoreKey, u8>,
        /// The latest ranking: admissible bids best first, with totals.
        rankings: Mapping<TenderId, Ranking>,
        /// The suite's budget (commitments, forfeited protest bonds).
        budget: AccountId,
        /// The escrow that holds the agreements.
        escrow: AccountId,
        /// Protests: (tender, id) -> protest.
        protests: Mapping<(TenderId, u32), Protest>,
        /// The award round of each bidder's latest protest: (tender,
        /// bidder) -> round, so a second protest against one award is refused
        /// with one read.
        protested_in: Mapping<(TenderId, AccountId), u32>,
        /// Protest bonds held, over all tenders (the contract's balance
        /// beyond its existential deposit).
        held: Balance,
    }

    // Every message is `#[inline(never)]`: left alone, the compiler inlines
    // each body into ink!'s dispatcher and the module grows (measured: the
    // suite's five large contracts 9 KB smaller together; docs/COSTS.md).
    impl EvaluationBook {
        /// Creates the evaluation book, asking `role_book` for roles,
        /// evaluating and awarding tenders of `tender`, committing funds in
        /// `budget` and offering agreements in `escrow`. Grant this contract
        /// `EvaluationService`.
        #[ink(constructor)]
        pub fn new(role_book: AccountId, tender: AccountId, budget: AccountId, escrow: AccountId) -> Self {
            let mut this = Self {
                layout: ink::storage::Lazy::new(),
                role_book,
                tender,
                budget,
                escrow,
                protests: Mapping::new(),
                protested_in: Mapping::new(),
                held: 0,
                evaluations: Mapping::new(),
                seat_of: Mapping::new(),
                members: Mapping::new(),
                entries: Mapping::new(),
                scores: Mapping::new(),
                rankings: Mapping::new(),
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
            Ok(from)
        }

        /// Which contract's storage this is, and its version.
        #[ink(message)]
        #[inline(never)]
        pub fn storage_layout(&self) -> Option<StorageLayout> {
            self.layout.get()
        }

        // ------------------------------------------------------------------
        // ProcurementOfficer
        // ------------------------------------------------------------------

        /// Appoints the committee for a tender after its reveal deadline,
        /// fixes the agreement terms (`contracting`) before any bid is
        /// ranked, and takes the valid revealed bids for evaluation. Returns
        /// how many.
        ///
        /// Caller: a ProcurementOfficer, suite not paused. Fails with
        /// `AlreadyAppointed`, `InvalidCommittee`, `InvalidDeadline`,
        /// `InvalidContracting` (terms out of bounds, or an Inspector who bid),
        /// `TenderNotFound`, `TenderNotOpen`, `RevealStillOpen`,
        /// `InspectorOnCommittee`, `MissingRole` / `ConflictingRole` (a member
        /// must be an Evaluator, the Inspector an Inspector, neither a Vendor),
        /// `MemberBid`, `NoValidBids` (see `close_without_bids`),
        /// `TenderUnavailable`, `Overflow`. Emits `CommitteeAppointed`.
        #[ink(message)]
        #[inline(never)]
        pub fn appoint(
            &mut self,
            tender: TenderId,
            members: Vec<AccountId>,
            scoring_deadline: Timestamp,
            contracting: Contracting,
        ) -> Result<u32> {
            let by = self.guard(Role::ProcurementOfficer, WhilePaused::Refused)?;
            ensure!(!self.evaluations.contains(tender), Error::AlreadyAppointed);
            let seats = committee::check_seats(&members)?;
            let now = self.env().block_timestamp();
            committee::check_deadline(now, scoring_deadline)?;
            committee::check_contracting(&contracting)?;
            let summary = Tenders::summary(self.tender, tender)?.ok_or(Error::TenderNotFound)?;
            ensure!(summary.open, Error::TenderNotOpen);
            ensure!(now >= summary.reveal_deadline, Error::RevealStillOpen);
            for member in &members {
                self.check_member(tender, *member, contracting.inspector)?;
            }
            self.check_inspector(tender, contracting.inspector)?;
            let valid = self.valid_bids(tender, summary.revealed)?;
            let bids = u32::try_from(valid.len()).map_err(|_| Error::Overflow)?;
            ensure!(bids > 0, Error::NoValidBids);

            for (index, entry) in (0u32..).zip(valid.iter()) {
                self.entries.insert((tender, index), entry);
            }
            for (seat, member) in (0u8..).zip(members.iter()) {
                self.seat_of.insert((tender, seat), member);
                self.members.insert((tender, *member), &Member { seat, state: MemberState::Appointed, scored: 0 });
            }
            self.evaluations.insert(tender, &committee::open(by, &summary, bids, seats, scoring_deadline, contracting));
            self.emit(Change::CommitteeAppointed(CommitteeAppointed { tender, members, bids, scoring_deadline, by }));
            Ok(bids)
        }

        /// Seats `replacement` in the seat of `recused`, a member who
        /// declared a conflict.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `NotAppointed`, `AlreadyRanked`, `NotMember`, `NotRecused`,
        /// `AlreadyMember`, `InspectorOnCommittee`, `MissingRole` /
        /// `ConflictingRole` (the replacement), `MemberBid`,
        /// `TenderUnavailable`, `Overflow`. Emits `MemberReplaced`.
        #[ink(message)]
        #[inline(never)]
        pub fn replace(&mut self, tender: TenderId, recused: AccountId, replacement: AccountId) -> Result<()> {
            let by = self.guard(Role::ProcurementOfficer, WhilePaused::Allowed)?;
            let mut e = self.scoring(tender)?;
            let gone = self.members.get((tender, recused)).ok_or(Error::NotMember)?;
            ensure!(
                matches!(gone.state, MemberState::Recused(_)) && self.seat_of.get((tender, gone.seat)) == Some(recused),
                Error::NotRecused
            );
            self.check_member(tender, replacement, e.contracting.inspector)?;
            e.vacant = e.vacant.checked_sub(1).ok_or(Error::Overflow)?;

            self.seat_of.insert((tender, gone.seat), &replacement);
            self.members.insert((tender, replacement), &Member { seat: gone.seat, state: MemberState::Appointed, scored: 0 });
            self.evaluations.insert(tender, &e);
            self.emit(Change::MemberReplaced(MemberReplaced { tender, recused, replacement, by }));
            Ok(())
        }

        /// Names another Inspector for the agreement to come, before the
        /// conclusion, when the one named at appointment can no longer serve
        /// (lost the Inspector role, or holds Vendor): the escrow would
        /// refuse the offer and `conclude` could never succeed. The terms
        /// are fixed before the ranking, so an Inspector who can still serve
        /// is not changed. The new one is checked as at appointment.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `NotAppointed`, `WrongStage` (concluded or ended),
        /// `InvalidContracting` (the Inspector named still serves, or the new
        /// one bid), `InspectorOnCommittee`, `MissingRole` / `ConflictingRole`
        /// (the new Inspector), `TenderUnavailable`.
        /// Emits `InspectorReplaced`.
        #[ink(message)]
        #[inline(never)]
        pub fn replace_inspector(&mut self, tender: TenderId, inspector: AccountId) -> Result<()> {
            let by = self.guard(Role::ProcurementOfficer, WhilePaused::Allowed)?;
            let mut e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            ensure!(matches!(e.stage, Stage::Scoring | Stage::Standstill { .. } | Stage::Lapsed { .. }), Error::WrongStage);
            let previous = e.contracting.inspector;
            match Registry::require(self.role_book, previous, Role::Inspector, NOT_FOR_EVALUATORS, WhilePaused::Allowed) {
                Ok(()) => return Err(Error::InvalidContracting),
                Err(Denied::RegistryUnavailable) => return Err(Error::RegistryUnavailable),
                Err(_) => {}
            }
            self.check_inspector(tender, inspector)?;
            e.contracting.inspector = inspector;

            self.evaluations.insert(tender, &e);
            self.emit(Change::InspectorReplaced(InspectorReplaced { tender, previous, inspector, by }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Committee member
        // ------------------------------------------------------------------

        /// Records the caller's impartiality declaration (a hash of the
        /// signed document). With `Interest::Conflict`, the caller is recused and
        /// leaves the committee; the officer may seat a replacement.
        ///
        /// Caller: an appointed member who has not declared (works while
        /// paused). Fails with `NotAppointed`, `AlreadyRanked`, `NotMember`,
        /// `AlreadyDeclared`, `Overflow`. Emits `Declared`.
        #[ink(message)]
        #[inline(never)]
        pub fn declare(&mut self, tender: TenderId, declaration: Hash, interest: Interest) -> Result<()> {
            let member = self.env().caller();
            let mut e = self.scoring(tender)?;
            let mut m = self.members.get((tender, member)).ok_or(Error::NotMember)?;
            ensure!(m.state == MemberState::Appointed, Error::AlreadyDeclared);
            match interest {
                Interest::Conflict => {
                    m.state = MemberState::Recused(declaration);
                    e.vacant = e.vacant.checked_add(1).ok_or(Error::Overflow)?;
                }
                Interest::Impartial => {
                    m.state = MemberState::Declared(declaration);
                    e.declared = e.declared.checked_add(1).ok_or(Error::Overflow)?;
                }
            }

            self.members.insert((tender, member), &m);
            self.evaluations.insert(tender, &e);
            self.emit(Change::Declared(Declared { tender, member, declaration, interest }));
            Ok(())
        }

        /// Scores a bid's quality (0 to `MAX_QUALITY`), or revises the
        /// caller's earlier score of it, before the scoring deadline.
        ///
        /// Caller: a member who declared no conflict (works while paused).
        /// Fails with `NotAppointed`, `AlreadyRanked`, `ScoringClosed`,
        /// `NotMember`, `NotDeclared`, `BidNotFound`, `InvalidScore`,
        /// `Overflow`. Emits `Scored`.
        #[ink(message)]
        #[inline(never)]
        pub fn score(&mut self, tender: TenderId, bid: u32, quality: u8) -> Result<()> {
            let member = self.env().caller();
            let mut e = self.scoring(tender)?;
            ensure!(self.env().block_timestamp() < e.scoring_deadline, Error::ScoringClosed);
            let mut m = self.members.get((tender, member)).ok_or(Error::NotMember)?;
            ensure!(matches!(m.state, MemberState::Declared(_)), Error::NotDeclared);
            let mut entry = self.entries.get((tender, bid)).ok_or(Error::BidNotFound)?;
            ensure!(quality <= MAX_QUALITY, Error::InvalidScore);
            let previous = self.scores.get((tender, member, bid));
            committee::fold_score(&mut e, &mut m, &mut entry, previous, quality)?;

            self.scores.insert((tender, member, bid), &quality);
            self.entries.insert((tender, bid), &entry);
            if previous.is_none() {
                self.members.insert((tender, member), &m);
                self.evaluations.insert(tender, &e);
            }
            self.emit(Change::Scored(Scored { tender, member, bid, quality, previous }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Anyone
        // ------------------------------------------------------------------

        /// Ranks the bids and publishes the ranking: once every seat is held
        /// by a member who declared no conflict and (weighted method) scored
        /// every bid; or, after the scoring deadline, with the scores given,
        /// if at least `QUORUM` members declared and (weighted method) every
        /// bid has at least `QUORUM` scores. The bid ranked first gets the
        /// provisional award and the standstill starts; with no admissible
        /// bid the tender is closed unsuccessful. Returns the bid awarded.
        ///
        /// Caller: anyone (works while paused). Fails with `NotAppointed`,
        /// `AlreadyRanked`, `NotReady`, `Tender(reason)`,
        /// `TenderUnavailable`, `Overflow`. Emits `Ranked`, then
        /// `ProvisionallyAwarded` or `ClosedUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn finalize(&mut self, tender: TenderId) -> Result<Option<u32>> {
            let mut e = self.scoring(tender)?;
            let candidates = self.ready(tender, &e)?.ok_or(Error::NotReady)?;
            let first = self.award_best(tender, &mut e, candidates, Funding::Held)?;
            self.evaluations.insert(tender, &e);
            Ok(first)
        }

        /// Closes a tender nobody validly bid on, or nobody evaluated: after
        /// its reveal deadline with no valid revealed bid, or with no
        /// committee appointed by the end of the bid validity
        /// (`tender::rules::BID_VALIDITY_MS` after the reveal deadline, when
        /// the bids stop binding their bidders), its reservation is freed
        /// and it ends unsuccessful.
        ///
        /// Caller: anyone (works while paused). Fails with
        /// `AlreadyAppointed`, `TenderNotFound`, `TenderNotOpen`,
        /// `RevealStillOpen`, `HasValidBids`, `Tender(reason)`,
        /// `TenderUnavailable`, `Overflow`. Emits `ClosedUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn close_without_bids(&mut self, tender: TenderId) -> Result<()> {
            ensure!(!self.evaluations.contains(tender), Error::AlreadyAppointed);
            let summary = Tenders::summary(self.tender, tender)?.ok_or(Error::TenderNotFound)?;
            ensure!(summary.open, Error::TenderNotOpen);
            let now = self.env().block_timestamp();
            ensure!(now >= summary.reveal_deadline, Error::RevealStillOpen);
            let expired = now >= summary.reveal_deadline.saturating_add(tender::rules::BID_VALIDITY_MS);
            ensure!(expired || self.valid_bids(tender, summary.revealed)?.is_empty(), Error::HasValidBids);
            Tenders::close_unsuccessful(self.tender, tender)?;
            self.emit(Change::ClosedUnsuccessful(ClosedUnsuccessful { tender, by: self.env().caller() }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Standstill and protests
        // ------------------------------------------------------------------

        /// Protests the provisional award, attaching the tender's bond and
        /// the hash of the grounds. Returns the protest's id.
        ///
        /// Caller: the bidder of `bid`, a valid bid that lost, during the
        /// standstill, once per award (works while paused, so a pause
        /// cannot run out a bidder's time). Fails with `NotAppointed`,
        /// `WrongStage`, `StandstillOver`, `BidNotFound`, `NotProtestable`,
        /// `AlreadyProtested`, `WrongBond`, `Overflow`. Emits `Protested`.
        #[ink(message, payable)]
        #[inline(never)]
        pub fn protest(&mut self, tender: TenderId, bid: u32, grounds: Hash) -> Result<u32> {
            let bidder = self.env().caller();
            let mut e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            let now = self.env().block_timestamp();
            let awarded = protests::window(e.stage, now)?;
            let entry = self.entries.get((tender, bid)).ok_or(Error::BidNotFound)?;
            let bond = self.env().transferred_value();
            protests::check_filing(&e, &entry, bidder, bid, awarded, self.protested_in.get((tender, bidder)), bond)?;
            let id = e.protests;
            e.protests = id.checked_add(1).ok_or(Error::Overflow)?;
            e.open_protests = e.open_protests.checked_add(1).ok_or(Error::Overflow)?;
            let held = self.held.checked_add(bond).ok_or(Error::Overflow)?;
            let round = e.round;

            self.held = held;
            self.protests.insert(
                (tender, id),
                &Protest { bidder, round, against: awarded, bond, grounds, filed_at: now, state: ProtestState::Open },
            );
            self.protested_in.insert((tender, bidder), &round);
            self.evaluations.insert(tender, &e);
            self.emit(Change::Protested(Protested { tender, protest: id, round, bidder, grounds, bond }));
            Ok(id)
        }

        /// Decides a protest within `PROTEST_DECISION_MS` of its filing.
        /// Upheld: the award is set aside, the challenged bid left out, the
        /// rest ranked again and the next bid awarded with a new standstill
        /// (or the tender closed unsuccessful if none is admissible); the
        /// winner's bond and the protester's bond are refunded, and other
        /// protests against the same award become moot. Rejected: the bond
        /// goes to the treasury. `reasons` is the hash of the decision.
        ///
        /// Caller: an Auditor who is no party to the procurement (works while
        /// paused). Fails with `NotAppointed`, `ProtestNotFound`,
        /// `ProtestClosed`, `PartyCannotDecide`, `ProtestMoot`,
        /// `DecisionOverdue`, `WrongStage`, `TransferFailed`, `Tender(reason)`,
        /// `TenderUnavailable`, `Budget(reason)`, `BudgetUnavailable`,
        /// `Overflow`. Emits `ProtestSettled`, and for an upheld protest
        /// `AwardSetAside`, `Ranked` and `ProvisionallyAwarded` or
        /// `ClosedUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn resolve(&mut self, tender: TenderId, protest: u32, ruling: Ruling, reasons: Hash) -> Result<()> {
            let by = self.guard(Role::Auditor, WhilePaused::Allowed)?;
            let (mut e, mut p) = self.open_protest(tender, protest)?;
            self.check_impartial(tender, &e, by)?;
            ensure!(p.round == e.round, Error::ProtestMoot);
            ensure!(self.env().block_timestamp() < protests::decision_due(p.filed_at)?, Error::DecisionOverdue);
            if ruling == Ruling::Uphold {
                return self.uphold(tender, e, protest, p, reasons, by);
            }
            ensure!(matches!(e.stage, Stage::Standstill { .. }), Error::WrongStage);
            e.open_protests = e.open_protests.checked_sub(1).ok_or(Error::Overflow)?;
            let held = self.held.checked_sub(p.bond).ok_or(Error::Overflow)?;
            if p.bond > 0 {
                Treasury::deposit(self.budget, p.bond)?;
            }
            p.state = ProtestState::Rejected(reasons);

            self.held = held;
            self.protests.insert((tender, protest), &p);
            self.evaluations.insert(tender, &e);
            self.emit(Change::ProtestSettled(ProtestSettled { tender, protest, state: p.state, refunded: 0, forfeited: p.bond, by }));
            Ok(())
        }

        /// Settles a protest nobody needs to decide, refunding its bond:
        /// moot (the award it challenged was already set aside), or overdue
        /// (no decision within `PROTEST_DECISION_MS`: the award stands, and
        /// the conclusion no longer waits for it).
        ///
        /// Caller: anyone (works while paused). Fails with `NotAppointed`,
        /// `ProtestNotFound`, `ProtestClosed`, `DecisionPending`,
        /// `TransferFailed`, `Overflow`. Emits `ProtestSettled`.
        #[ink(message)]
        #[inline(never)]
        pub fn settle_protest(&mut self, tender: TenderId, protest: u32) -> Result<()> {
            let by = self.env().caller();
            let (mut e, mut p) = self.open_protest(tender, protest)?;
            let current = p.round == e.round;
            let state = protests::disposal(current, p.filed_at, self.env().block_timestamp())?;
            let held = self.held.checked_sub(p.bond).ok_or(Error::Overflow)?;
            if current {
                e.open_protests = e.open_protests.checked_sub(1).ok_or(Error::Overflow)?;
            }
            self.refund(p.bidder, p.bond)?;
            p.state = state;

            self.held = held;
            self.protests.insert((tender, protest), &p);
            if current {
                self.evaluations.insert(tender, &e);
            }
            self.emit(Change::ProtestSettled(ProtestSettled { tender, protest, state: p.state, refunded: p.bond, forfeited: 0, by }));
            Ok(())
        }

        // ------------------------------------------------------------------
        // Conclusion
        // ------------------------------------------------------------------

        /// Concludes the award once the standstill is over and no protest
        /// is open: commits the award price from the tender's reservation
        /// to the winner (the surplus returns to the line) and offers the
        /// winner the escrow agreement (see `contracting::offer`). Returns
        /// the agreement.
        ///
        /// Caller: anyone, suite not paused (the budget and the escrow
        /// refuse while paused). Fails with `NotAppointed`, `WrongStage`,
        /// `StandstillRunning`, `ProtestOpen`, `TenderNotFound`,
        /// `InvalidPlan`, `TenderUnavailable`, `Budget(reason)`,
        /// `BudgetUnavailable`, `Escrow(reason)`, `EscrowUnavailable`,
        /// `Overflow`. Emits `Concluded`.
        #[ink(message)]
        #[inline(never)]
        pub fn conclude(&mut self, tender: TenderId) -> Result<AgreementId> {
            let mut e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            let Stage::Standstill { bid, ends } = e.stage else {
                return Err(Error::WrongStage);
            };
            let now = self.env().block_timestamp();
            ensure!(now >= ends, Error::StandstillRunning);
            ensure!(e.open_protests == 0, Error::ProtestOpen);
            let entry = self.entries.get((tender, bid)).ok_or(Error::BidNotFound)?;
            let summary = Tenders::summary(self.tender, tender)?.ok_or(Error::TenderNotFound)?;
            let plan = Tenders::milestones(self.tender, tender)?;
            let mut offer = contracting::offer(tender, entry.bidder, entry.price, &plan, &e.contracting, now, SIGN_WINDOW_MS)
                .ok_or(Error::InvalidPlan)?;
            let commitment = Treasury::commit(self.budget, summary.reservation, entry.price, entry.bidder)?;
            offer.commitment = commitment;
            let agreement = Agreements::create(self.escrow, offer)?;
            e.stage = Stage::Concluded { bid, agreement };

            self.evaluations.insert(tender, &e);
            self.emit(Change::Concluded(Concluded {
                tender,
                bid,
                winner: entry.bidder,
                price: entry.price,
                commitment,
                agreement,
                by: self.env().caller(),
            }));
            Ok(agreement)
        }

        /// Settles the winner's bond once the offered agreement was signed
        /// (returned; the evaluation ends) or lapsed (forfeited into the
        /// treasury; the bid is set aside and the officer awards the next
        /// one or closes the tender). Returns the amount.
        ///
        /// Caller: anyone (works while paused). Fails with `NotAppointed`,
        /// `WrongStage`, `AgreementPending` (also before anyone lapsed an
        /// expired offer in the escrow), `EscrowUnavailable`,
        /// `Tender(reason)`, `TenderUnavailable`. Emits `WinnerSettled` (and
        /// `AwardSetAside` after a lapse).
        #[ink(message)]
        #[inline(never)]
        pub fn settle_winner(&mut self, tender: TenderId) -> Result<Balance> {
            let mut e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            let Stage::Concluded { bid, agreement } = e.stage else {
                return Err(Error::WrongStage);
            };
            let settlement = match Agreements::signature(self.escrow, agreement)? {
                Signature::Pending => return Err(Error::AgreementPending),
                Signature::Signed => BondSettlement::Return,
                Signature::Lapsed => BondSettlement::Forfeit,
            };
            let bond = self.winner_bond(tender, settlement)?;
            match settlement {
                BondSettlement::Return => e.stage = Stage::Signed { bid, agreement },
                BondSettlement::Forfeit => {
                    e.stage = Stage::Lapsed { bid, since: self.env().block_timestamp() };
                    self.set_aside(tender, e.round, bid, SetAside::Lapsed)?;
                }
            }

            self.evaluations.insert(tender, &e);
            self.emit(Change::WinnerSettled(WinnerSettled { tender, agreement, settlement, bond }));
            Ok(bond)
        }

        /// After the winner let the agreement lapse: ranks the bids left
        /// and awards the best (the tender reserves its price again; a new
        /// standstill starts), or closes the tender unsuccessful if none is
        /// admissible. Returns the bid awarded.
        ///
        /// Caller: a ProcurementOfficer, suite not paused. Fails with
        /// `NotAppointed`, `WrongStage`, `Tender(reason)`, `TenderUnavailable`,
        /// `Overflow`. Emits `Ranked`, then `ProvisionallyAwarded` or
        /// `ClosedUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn award_next(&mut self, tender: TenderId) -> Result<Option<u32>> {
            self.guard(Role::ProcurementOfficer, WhilePaused::Refused)?;
            let mut e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            ensure!(matches!(e.stage, Stage::Lapsed { .. }), Error::WrongStage);
            let candidates = self.candidates(tender, &e, None)?;
            let next = self.award_best(tender, &mut e, candidates, Funding::Renew)?;
            self.evaluations.insert(tender, &e);
            Ok(next)
        }

        /// After the winner let the agreement lapse: closes the tender
        /// unsuccessful instead of awarding the next bid.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `NotAppointed`, `WrongStage`, `Tender(reason)`, `TenderUnavailable`. Emits `ClosedUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn close(&mut self, tender: TenderId) -> Result<()> {
            let by = self.guard(Role::ProcurementOfficer, WhilePaused::Allowed)?;
            let e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            ensure!(matches!(e.stage, Stage::Lapsed { .. }), Error::WrongStage);
            self.end_unsuccessful(tender, e, by)
        }

        /// Closes the tender of an evaluation that stalled, so that no
        /// reservation and no bond waits on people who do not act:
        /// `STALL_MS` after the scoring deadline while the committee cannot
        /// rank (or its tender was cancelled meanwhile); `STALL_MS` after
        /// the end of the standstill while the award is not concluded (the
        /// winner's bond is returned, since concluding was never the
        /// winner's to do); `STALL_MS` after a lapse while the officer
        /// neither awarded the next bid nor closed. The reservation returns
        /// to its line; every other bond stays claimable in the tender.
        ///
        /// Caller: anyone (works while paused). Fails with `NotAppointed`,
        /// `WrongStage` (a stage with an exit of its own), `NotStalled`,
        /// `ProtestOpen` (settle it first), `Tender(reason)`,
        /// `TenderUnavailable`, `Budget(reason)`, `BudgetUnavailable`,
        /// `Overflow`. Emits `AwardSetAside` (from a standstill) and
        /// `ClosedUnsuccessful`.
        #[ink(message)]
        #[inline(never)]
        pub fn close_stalled(&mut self, tender: TenderId) -> Result<()> {
            let by = self.env().caller();
            let e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            let since = match e.stage {
                Stage::Scoring => e.scoring_deadline,
                Stage::Standstill { ends, .. } => ends,
                Stage::Lapsed { since, .. } => since,
                _ => return Err(Error::WrongStage),
            };
            ensure!(self.env().block_timestamp() >= since.checked_add(STALL_MS).ok_or(Error::Overflow)?, Error::NotStalled);
            match e.stage {
                Stage::Scoring => {
                    let open = Tenders::summary(self.tender, tender)?.is_some_and(|t| t.open);
                    ensure!(!open || self.ready(tender, &e)?.is_none(), Error::NotStalled);
                }
                Stage::Standstill { bid, .. } => {
                    ensure!(e.open_protests == 0, Error::ProtestOpen);
                    self.winner_bond(tender, BondSettlement::Return)?;
                    self.set_aside(tender, e.round, bid, SetAside::Stalled)?;
                }
                _ => {}
            }
            self.end_unsuccessful(tender, e, by)
        }

        // ------------------------------------------------------------------
        // Admin
        // ------------------------------------------------------------------

        /// Deposits money the contract holds beyond the protest bonds on its
        /// books (sent to it outside `protest`, which the chain allows) into
        /// the treasury: it is nobody's bond, so it becomes public money. The
        /// Admin can send it nowhere else. Returns the amount.
        ///
        /// Caller: the Admin (works while paused). Fails with `NoSurplus`,
        /// `Budget(reason)`, `BudgetUnavailable`. Emits
        /// `EvaluationSurplusDeposited`.
        #[ink(message)]
        #[inline(never)]
        pub fn book_surplus(&mut self) -> Result<Balance> {
            let by = self.guard(Role::Admin, WhilePaused::Allowed)?;
            let amount = self.env().balance().saturating_sub(self.held);
            ensure!(amount > 0, Error::NoSurplus);
            Treasury::deposit(self.budget, amount)?;
            self.env().emit_event(EvaluationSurplusDeposited { amount, by });
            Ok(amount)
        }

        // ------------------------------------------------------------------
        // Queries
        // ------------------------------------------------------------------

        /// A tender's evaluation.
        #[ink(message)]
        #[inline(never)]
        pub fn evaluation(&self, tender: TenderId) -> Option<Evaluation> {
            self.evaluations.get(tender)
        }

        /// The committee, by seat (at most `MAX_MEMBERS`), with each seated
        /// member's standing.
        #[ink(message)]
        #[inline(never)]
        pub fn committee(&self, tender: TenderId) -> Vec<(AccountId, Member)> {
            let seats = self.evaluations.get(tender).map_or(0, |e| e.seats);
            (0..seats)
                .filter_map(|seat| {
                    let member = self.seat_of.get((tender, seat))?;
                    Some((member, self.members.get((tender, member))?))
                })
                .collect()
        }

        /// A member's standing (also a recused one's).
        #[ink(message)]
        #[inline(never)]
        pub fn member(&self, tender: TenderId, member: AccountId) -> Option<Member> {
            self.members.get((tender, member))
        }

        /// A bid under evaluation, with its scores folded in.
        #[ink(message)]
        #[inline(never)]
        pub fn entry(&self, tender: TenderId, bid: u32) -> Option<Entry> {
            self.entries.get((tender, bid))
        }

        /// The quality score `member` gave `bid`.
        #[ink(message)]
        #[inline(never)]
        pub fn score_of(&self, tender: TenderId, member: AccountId, bid: u32) -> Option<u8> {
            self.scores.get((tender, member, bid))
        }

        /// The ranking, once made: admissible bids best first, as (bid
        /// index, total in millionths of a point).
        #[ink(message)]
        #[inline(never)]
        pub fn ranking(&self, tender: TenderId) -> Option<Ranking> {
            self.rankings.get(tender)
        }

        /// A protest.
        #[ink(message)]
        #[inline(never)]
        pub fn protest_of(&self, tender: TenderId, protest: u32) -> Option<Protest> {
            self.protests.get((tender, protest))
        }

        /// Protest bonds held, over all tenders.
        #[ink(message)]
        #[inline(never)]
        pub fn held(&self) -> Balance {
            self.held
        }

        /// The role book, tender book, budget and escrow this contract works
        /// with.
        #[ink(message)]
        #[inline(never)]
        pub fn wiring(&self) -> (AccountId, AccountId, AccountId, AccountId) {
            (self.role_book, self.tender, self.budget, self.escrow)
        }

        // ------------------------------------------------------------------
        // Internals
        // ------------------------------------------------------------------

        /// Emits `change` as the contract's one event type, with its tender
        /// and its party (or the caller) as topics.
        fn emit(&self, change: Change) {
            let party = change.party().unwrap_or_else(|| self.env().caller());
            self.env().emit_event(EvaluationEvent { tender: change.tender(), party, change });
        }

        /// The caller, if it holds `role` (and, for new business, the suite
        /// is not paused).
        fn guard(&self, role: Role, action: WhilePaused) -> Result<AccountId> {
            let caller = self.env().caller();
            Registry::require(self.role_book, caller, role, RoleSet::EMPTY, action)?;
            Ok(caller)
        }

        /// An evaluation still scoring.
        fn scoring(&self, tender: TenderId) -> Result<Evaluation> {
            let e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            ensure!(e.stage == Stage::Scoring, Error::AlreadyRanked);
            Ok(e)
        }

        /// The tender's valid revealed bids, in reveal order, read a page at
        /// a time.
        fn valid_bids(&self, tender: TenderId, revealed: u32) -> Result<Vec<Entry>> {
            let mut valid: Vec<Entry> = Vec::new();
            let mut start = 0u32;
            while start < revealed {
                let page = Tenders::revealed(self.tender, tender, start, PAGE)?;
                if page.is_empty() {
                    break;
                }
                for (offset, bid) in (0u32..).zip(page.iter()) {
                    if bid.valid {
                        let reveal_index = start.checked_add(offset).ok_or(Error::Overflow)?;
                        valid.push(Entry {
                            bidder: bid.bidder,
                            price: bid.price,
                            reveal_index,
                            quality_sum: 0,
                            scores: 0,
                            excluded: false,
                        });
                    }
                }
                start = start.checked_add(u32::try_from(page.len()).map_err(|_| Error::Overflow)?).ok_or(Error::Overflow)?;
            }
            Ok(valid)
        }

        /// The bids still in the running (not set aside, and not `skip`),
        /// as the ranking takes them.
        fn candidates(&self, tender: TenderId, e: &Evaluation, skip: Option<u32>) -> Result<Vec<Candidate>> {
            let mut candidates = Vec::new();
            for index in 0..e.bids {
                let entry = self.entries.get((tender, index)).ok_or(Error::BidNotFound)?;
                if entry.excluded || skip == Some(index) {
                    continue;
                }
                candidates.push(Candidate { index, price: entry.price, quality_sum: entry.quality_sum, scores: entry.scores });
            }
            Ok(candidates)
        }

        /// Whether the committee can rank now: every seat held by a member
        /// who declared no conflict and (weighted method) scored every bid;
        /// or, after the scoring deadline, `QUORUM` declared members and
        /// (weighted) `QUORUM` scores on every bid. The bids to rank if so.
        fn ready(&self, tender: TenderId, e: &Evaluation) -> Result<Option<Vec<Candidate>>> {
            let Some(everyone) = committee::may_rank(e, self.env().block_timestamp()) else {
                return Ok(None);
            };
            let candidates = self.candidates(tender, e, None)?;
            Ok(committee::enough_scores(e, everyone, &candidates).then_some(candidates))
        }

        /// Ranks `candidates`, publishes the ranking and opens the next
        /// award round: the best bid gets the provisional award (`Renew`:
        /// the tender reserves its estimate again) and a standstill, or,
        /// with none admissible, the tender is closed unsuccessful. A bid
        /// whose bidder took its bond back is set aside and the rest ranked
        /// again (a weighted ranking depends on the lowest price left), at
        /// most once per bid, so at most `MAX_BIDS` tries. Updates `e`; the
        /// caller stores it.
        fn award_best(
            &mut self,
            tender: TenderId,
            e: &mut Evaluation,
            mut candidates: Vec<Candidate>,
            funding: Funding,
        ) -> Result<Option<u32>> {
            let round = e.round.checked_add(1).ok_or(Error::Overflow)?;
            let by = self.env().caller();
            let (ranked, awarded) = loop {
                // Ties break on the index, which is reveal order.
                let ranked = ranking::rank(&e.method, &candidates).ok_or(Error::Overflow)?;
                let Some(&(bid, _)) = ranked.first() else {
                    break (ranked, None);
                };
                let entry = self.entries.get((tender, bid)).ok_or(Error::BidNotFound)?;
                match Tenders::award(self.tender, tender, entry.bidder, funding) {
                    Ok(()) => break (ranked, Some((entry, bid))),
                    Err(CallError::Refused(reason)) if reason.is(&tender::Error::BidSecurityWithdrawn) => {
                        self.set_aside(tender, e.round, bid, SetAside::SecurityWithdrawn)?;
                        candidates.retain(|c| c.index != bid);
                    }
                    Err(failure) => return Err(failure.into()),
                }
            };
            let first = awarded.map(|(_, bid)| bid);
            let ends = match awarded {
                Some((_, bid)) => {
                    let ends = self.env().block_timestamp().checked_add(e.standstill_ms).ok_or(Error::Overflow)?;
                    e.stage = Stage::Standstill { bid, ends };
                    ends
                }
                None => {
                    self.close_tender(tender)?;
                    e.stage = Stage::Unsuccessful;
                    0
                }
            };
            e.round = round;
            e.open_protests = 0;

            self.rankings.insert(tender, &ranked);
            self.emit(Change::Ranked(Ranked { tender, round, ranking: ranked, by }));
            match awarded {
                Some((entry, bid)) => self.emit(Change::ProvisionallyAwarded(ProvisionallyAwarded {
                    tender,
                    round,
                    bid,
                    winner: entry.bidder,
                    price: entry.price,
                    standstill_ends: ends,
                })),
                None => self.emit(Change::ClosedUnsuccessful(ClosedUnsuccessful { tender, by })),
            }
            Ok(first)
        }

        /// Takes bid `bid` out of the running for good (later rankings
        /// leave it out) and records why.
        fn set_aside(&mut self, tender: TenderId, round: u32, bid: u32, cause: SetAside) -> Result<()> {
            let mut entry = self.entries.get((tender, bid)).ok_or(Error::BidNotFound)?;
            entry.excluded = true;
            self.entries.insert((tender, bid), &entry);
            self.emit(Change::AwardSetAside(AwardSetAside { tender, round, bid, cause }));
            Ok(())
        }

        /// Ends the evaluation `e` of `tender` unsuccessful: the tender is
        /// closed (its reservation freed), the stage stored, the change
        /// recorded as `by`'s.
        fn end_unsuccessful(&mut self, tender: TenderId, mut e: Evaluation, by: AccountId) -> Result<()> {
            self.close_tender(tender)?;
            e.stage = Stage::Unsuccessful;
            self.evaluations.insert(tender, &e);
            self.emit(Change::ClosedUnsuccessful(ClosedUnsuccessful { tender, by }));
            Ok(())
        }

        /// Closes the tender unsuccessful (its reservation freed); a tender
        /// the officer cancelled meanwhile is closed already.
        fn close_tender(&self, tender: TenderId) -> Result<()> {
            match Tenders::close_unsuccessful(self.tender, tender) {
                Ok(()) => Ok(()),
                Err(CallError::Refused(reason)) if reason.is(&tender::Error::TenderCancelled) => Ok(()),
                Err(failure) => Err(failure.into()),
            }
        }

        /// An open protest and its evaluation.
        fn open_protest(&self, tender: TenderId, protest: u32) -> Result<(Evaluation, Protest)> {
            let e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            let p = self.protests.get((tender, protest)).ok_or(Error::ProtestNotFound)?;
            ensure!(p.state == ProtestState::Open, Error::ProtestClosed);
            Ok((e, p))
        }

        /// An upheld protest against the current award: the winner's bond
        /// goes back, the protester's bond is refunded, the challenged bid
        /// is set aside and the next award round opens.
        fn uphold(&mut self, tender: TenderId, mut e: Evaluation, id: u32, mut p: Protest, reasons: Hash, by: AccountId) -> Result<()> {
            let Stage::Standstill { bid, .. } = e.stage else {
                return Err(Error::WrongStage);
            };
            let held = self.held.checked_sub(p.bond).ok_or(Error::Overflow)?;
            let candidates = self.candidates(tender, &e, Some(bid))?;
            self.winner_bond(tender, BondSettlement::Return)?;
            self.refund(p.bidder, p.bond)?;
            p.state = ProtestState::Upheld(reasons);
            self.emit(Change::ProtestSettled(ProtestSettled { tender, protest: id, state: p.state, refunded: p.bond, forfeited: 0, by }));
            self.set_aside(tender, e.round, bid, SetAside::Protest)?;
            self.award_best(tender, &mut e, candidates, Funding::Held)?;

            self.held = held;
            self.protests.insert((tender, id), &p);
            self.evaluations.insert(tender, &e);
            Ok(())
        }

        /// Settles the winner's bond in the tender (returned, or forfeited
        /// into the treasury); 0 if the winner had none left.
        fn winner_bond(&mut self, tender: TenderId, settlement: BondSettlement) -> Result<Balance> {
            match Tenders::settle_winner_bond(self.tender, tender, settlement) {
                Ok(amount) => Ok(amount),
                Err(CallError::Refused(reason)) if reason.is(&tender::Error::BondNotClaimable) => Ok(0),
                Err(failure) => Err(failure.into()),
            }
        }

        /// Sends a protest bond back.
        fn refund(&mut self, to: AccountId, amount: Balance) -> Result<()> {
            if amount > 0 {
                self.env().transfer(to, amount).map_err(|_| Error::TransferFailed)?;
            }
            Ok(())
        }

        /// A member to be: not already on this committee, not the
        /// agreement's `inspector`, an Evaluator holding no Vendor role, and
        /// not a bidder on the tender. The one rule for appointment and
        /// replacement alike.
        fn check_member(&self, tender: TenderId, member: AccountId, inspector: AccountId) -> Result<()> {
            ensure!(!self.members.contains((tender, member)), Error::AlreadyMember { member });
            ensure!(member != inspector, Error::InspectorOnCommittee);
            Registry::require(self.role_book, member, Role::Evaluator, NOT_FOR_EVALUATORS, WhilePaused::Allowed)?;
            ensure!(!Tenders::has_bid(self.tender, tender, member)?, Error::MemberBid { member });
            Ok(())
        }

        /// An Inspector to be named: not on this committee (a recused
        /// member neither), an Inspector holding no Vendor role, and not a
        /// bidder on the tender. The one rule for appointment and
        /// replacement alike.
        fn check_inspector(&self, tender: TenderId, inspector: AccountId) -> Result<()> {
            ensure!(!self.members.contains((tender, inspector)), Error::InspectorOnCommittee);
            Registry::require(self.role_book, inspector, Role::Inspector, NOT_FOR_EVALUATORS, WhilePaused::Allowed)?;
            ensure!(!Tenders::has_bid(self.tender, tender, inspector)?, Error::InvalidContracting);
            Ok(())
        }

        /// `who` may decide a dispute in this procurement only if it is no
        /// party to it: not the officer who published the tender or
        /// appointed the committee, not a committee member (recused ones
        /// included), not the agreement's Inspector, and never a bidder.
        /// Checked against the procurement's own records, so a role granted
        /// later changes nothing.
        fn check_impartial(&self, tender: TenderId, e: &Evaluation, who: AccountId) -> Result<()> {
            let officer = who == e.officer || who == e.publisher;
            if officer
                || who == e.contracting.inspector
                || self.members.contains((tender, who))
                || Tenders::has_bid(self.tender, tender, who)?
            {
                return Err(Error::PartyCannotDecide);
            }
            Ok(())
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests;
