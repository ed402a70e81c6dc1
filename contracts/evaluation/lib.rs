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
//! This is the first part of the evaluation contract: the provisional
//! award, the standstill and protests, and the conclusion into a funded
//! escrow agreement build on the ranking published here.
//!
//! Bounds: `MAX_MEMBERS` seats, `tender::MAX_BIDS` bids per evaluation, all
//! in `Mapping`s; the ranking is one stored list of at most `MAX_BIDS`
//! entries.
//!
//! Not audited. Do not hold real public money with it before an audit.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

mod calls;
pub mod errors;
pub mod events;
pub mod types;

pub use errors::{Error, Result};
pub use types::{Entry, Evaluation, Member, MemberState, Stage};

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
/// Revealed bids read from the tender per call when the committee is
/// appointed (the tender's page size).
const PAGE: u32 = 50;

#[ink::contract]
pub mod evaluation {
    use crate::calls::{Registry, Tenders};
    pub use crate::events::*;
    use crate::types::*;
    use crate::{Error, Result};
    use crate::{MAX_MEMBERS, MAX_SCORING_WINDOW_MS, MIN_MEMBERS, PAGE, QUORUM};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use procurement_shared::ranking::{self, Candidate, Method, MAX_QUALITY};
    use procurement_shared::{Role, RoleSet, Roles, TenderId};

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
        /// The suite's role registry.
        access_control: AccountId,
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
        /// The ranking, once made: admissible bids best first, with totals.
        rankings: Mapping<TenderId, Ranking>,
    }

    impl EvaluationBook {
        /// Creates the evaluation book, asking `access_control` for roles and
        /// reading tenders from `tender`. Grant this contract
        /// `EvaluationService` (it will award tenders).
        #[ink(constructor)]
        pub fn new(access_control: AccountId, tender: AccountId) -> Self {
            Self {
                access_control,
                tender,
                evaluations: Mapping::new(),
                seat_of: Mapping::new(),
                members: Mapping::new(),
                entries: Mapping::new(),
                scores: Mapping::new(),
                rankings: Mapping::new(),
            }
        }

        // ------------------------------------------------------------------
        // ProcurementOfficer
        // ------------------------------------------------------------------

        /// Appoints the committee for a tender after its reveal deadline and
        /// takes its valid revealed bids for evaluation. Returns how many.
        ///
        /// Caller: a ProcurementOfficer, suite not paused. Fails with
        /// `Paused`, `MissingRole`, `AlreadyAppointed`, `InvalidCommittee`,
        /// `InvalidDeadline`, `TenderNotFound`, `TenderNotOpen`,
        /// `RevealStillOpen`, `MissingRole` / `ConflictingRole` (a member
        /// must be an Evaluator and no Vendor), `MemberBid`, `NoValidBids`,
        /// `TenderUnavailable`, `RegistryUnavailable`, `Overflow`. Emits
        /// `CommitteeAppointed`.
        #[ink(message)]
        pub fn appoint(&mut self, tender: TenderId, members: Vec<AccountId>, scoring_deadline: Timestamp) -> Result<u32> {
            let by = self.guard(Role::ProcurementOfficer, true)?;
            if self.evaluations.contains(tender) {
                return Err(Error::AlreadyAppointed);
            }
            let seats = u8::try_from(members.len()).map_err(|_| Error::InvalidCommittee)?;
            if !(MIN_MEMBERS..=MAX_MEMBERS).contains(&seats) {
                return Err(Error::InvalidCommittee);
            }
            for (i, member) in members.iter().enumerate() {
                if members.iter().skip(i.saturating_add(1)).any(|other| other == member) {
                    return Err(Error::InvalidCommittee);
                }
            }
            let now = self.env().block_timestamp();
            let latest = now.checked_add(MAX_SCORING_WINDOW_MS).ok_or(Error::Overflow)?;
            if scoring_deadline <= now || scoring_deadline > latest {
                return Err(Error::InvalidDeadline);
            }
            let summary = Tenders::summary(self.tender, tender)?.ok_or(Error::TenderNotFound)?;
            if !summary.open {
                return Err(Error::TenderNotOpen);
            }
            if now < summary.reveal_deadline {
                return Err(Error::RevealStillOpen);
            }
            for member in &members {
                self.check_member(tender, *member)?;
            }
            // The valid revealed bids, in reveal order.
            let mut valid: Vec<Entry> = Vec::new();
            let mut start = 0u32;
            while start < summary.revealed {
                let page = Tenders::revealed(self.tender, tender, start, PAGE)?;
                if page.is_empty() {
                    break;
                }
                for (offset, bid) in (0u32..).zip(page.iter()) {
                    if bid.valid {
                        let reveal_index = start.checked_add(offset).ok_or(Error::Overflow)?;
                        valid.push(Entry { bidder: bid.bidder, price: bid.price, reveal_index, quality_sum: 0, scores: 0 });
                    }
                }
                start = start.checked_add(u32::try_from(page.len()).map_err(|_| Error::Overflow)?).ok_or(Error::Overflow)?;
            }
            let bids = u32::try_from(valid.len()).map_err(|_| Error::Overflow)?;
            if bids == 0 {
                return Err(Error::NoValidBids);
            }

            for (index, entry) in (0u32..).zip(valid.iter()) {
                self.entries.insert((tender, index), entry);
            }
            for (seat, member) in (0u8..).zip(members.iter()) {
                self.seat_of.insert((tender, seat), member);
                self.members.insert((tender, *member), &Member { seat, state: MemberState::Appointed, scored: 0 });
            }
            self.evaluations.insert(
                tender,
                &Evaluation {
                    officer: by,
                    method: summary.method,
                    bids,
                    seats,
                    declared: 0,
                    complete: 0,
                    vacant: 0,
                    scoring_deadline,
                    stage: Stage::Scoring,
                },
            );
            self.env().emit_event(CommitteeAppointed { tender, members, bids, scoring_deadline, by });
            Ok(bids)
        }

        /// Seats `replacement` in the seat of `recused`, a member who
        /// declared a conflict.
        ///
        /// Caller: a ProcurementOfficer (works while paused). Fails with
        /// `MissingRole`, `NotAppointed`, `AlreadyRanked`, `NotMember`,
        /// `NotRecused`, `AlreadyMember`, `MissingRole` / `ConflictingRole`
        /// (the replacement), `MemberBid`, `TenderUnavailable`,
        /// `RegistryUnavailable`, `Overflow`. Emits `MemberReplaced`.
        #[ink(message)]
        pub fn replace(&mut self, tender: TenderId, recused: AccountId, replacement: AccountId) -> Result<()> {
            let by = self.guard(Role::ProcurementOfficer, false)?;
            let mut e = self.scoring(tender)?;
            let gone = self.members.get((tender, recused)).ok_or(Error::NotMember)?;
            if !matches!(gone.state, MemberState::Recused(_)) || self.seat_of.get((tender, gone.seat)) != Some(recused) {
                return Err(Error::NotRecused);
            }
            self.check_member(tender, replacement)?;
            e.vacant = e.vacant.checked_sub(1).ok_or(Error::Overflow)?;

            self.seat_of.insert((tender, gone.seat), &replacement);
            self.members.insert(
                (tender, replacement),
                &Member { seat: gone.seat, state: MemberState::Appointed, scored: 0 },
            );
            self.evaluations.insert(tender, &e);
            self.env().emit_event(MemberReplaced { tender, recused, replacement, by });
            Ok(())
        }

        // ------------------------------------------------------------------
        // Committee member
        // ------------------------------------------------------------------

        /// Records the caller's impartiality declaration (a hash of the
        /// signed document). With `conflict`, the caller is recused and
        /// leaves the committee; the officer may seat a replacement.
        ///
        /// Caller: an appointed member who has not declared (works while
        /// paused). Fails with `NotAppointed`, `AlreadyRanked`, `NotMember`,
        /// `AlreadyDeclared`, `Overflow`. Emits `Declared`.
        #[ink(message)]
        pub fn declare(&mut self, tender: TenderId, declaration: Hash, conflict: bool) -> Result<()> {
            let member = self.env().caller();
            let mut e = self.scoring(tender)?;
            let mut m = self.members.get((tender, member)).ok_or(Error::NotMember)?;
            if m.state != MemberState::Appointed {
                return Err(Error::AlreadyDeclared);
            }
            if conflict {
                m.state = MemberState::Recused(declaration);
                e.vacant = e.vacant.checked_add(1).ok_or(Error::Overflow)?;
            } else {
                m.state = MemberState::Declared(declaration);
                e.declared = e.declared.checked_add(1).ok_or(Error::Overflow)?;
            }

            self.members.insert((tender, member), &m);
            self.evaluations.insert(tender, &e);
            self.env().emit_event(Declared { tender, member, declaration, conflict });
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
        pub fn score(&mut self, tender: TenderId, bid: u32, quality: u8) -> Result<()> {
            let member = self.env().caller();
            let mut e = self.scoring(tender)?;
            if self.env().block_timestamp() >= e.scoring_deadline {
                return Err(Error::ScoringClosed);
            }
            let mut m = self.members.get((tender, member)).ok_or(Error::NotMember)?;
            if !matches!(m.state, MemberState::Declared(_)) {
                return Err(Error::NotDeclared);
            }
            let mut entry = self.entries.get((tender, bid)).ok_or(Error::BidNotFound)?;
            if quality > MAX_QUALITY {
                return Err(Error::InvalidScore);
            }
            let previous = self.scores.get((tender, member, bid));
            let added = u32::from(quality);
            match previous {
                Some(old) => {
                    let without = entry.quality_sum.checked_sub(u32::from(old)).ok_or(Error::Overflow)?;
                    entry.quality_sum = without.checked_add(added).ok_or(Error::Overflow)?;
                }
                None => {
                    entry.quality_sum = entry.quality_sum.checked_add(added).ok_or(Error::Overflow)?;
                    entry.scores = entry.scores.checked_add(1).ok_or(Error::Overflow)?;
                    m.scored = m.scored.checked_add(1).ok_or(Error::Overflow)?;
                    if m.scored == e.bids {
                        e.complete = e.complete.checked_add(1).ok_or(Error::Overflow)?;
                    }
                }
            }

            self.scores.insert((tender, member, bid), &quality);
            self.entries.insert((tender, bid), &entry);
            if previous.is_none() {
                self.members.insert((tender, member), &m);
                self.evaluations.insert(tender, &e);
            }
            self.env().emit_event(Scored { tender, member, bid, quality, previous });
            Ok(())
        }

        // ------------------------------------------------------------------
        // Anyone
        // ------------------------------------------------------------------

        /// Ranks the bids and publishes the ranking: once every seat is held
        /// by a member who declared no conflict and (weighted method) scored
        /// every bid; or, after the scoring deadline, with the scores given,
        /// if at least `QUORUM` members declared and (weighted method) every
        /// bid has at least `QUORUM` scores. Returns the bid ranked first,
        /// if any is admissible.
        ///
        /// Caller: anyone (works while paused). Fails with `NotAppointed`,
        /// `AlreadyRanked`, `NotReady`, `Overflow`. Emits `Ranked`.
        #[ink(message)]
        pub fn finalize(&mut self, tender: TenderId) -> Result<Option<u32>> {
            let mut e = self.scoring(tender)?;
            let method = e.method;
            let weighted = method != Method::LowestPrice;
            let everyone = e.vacant == 0 && e.declared == e.seats && (!weighted || e.complete == e.seats);
            let late = self.env().block_timestamp() >= e.scoring_deadline && u32::from(e.declared) >= QUORUM;
            if !everyone && !late {
                return Err(Error::NotReady);
            }
            let mut candidates = Vec::new();
            for index in 0..e.bids {
                let entry = self.entries.get((tender, index)).ok_or(Error::Overflow)?;
                if weighted && !everyone && entry.scores < QUORUM {
                    return Err(Error::NotReady);
                }
                candidates.push(Candidate {
                    index,
                    price: entry.price,
                    quality_sum: entry.quality_sum,
                    scores: entry.scores,
                });
            }
            // Ties in the ranking break on the index, which is reveal order.
            let ranked = ranking::rank(&method, &candidates).ok_or(Error::Overflow)?;
            let first = ranked.first().map(|(index, _)| *index);
            e.stage = Stage::Ranked { first };

            self.evaluations.insert(tender, &e);
            self.rankings.insert(tender, &ranked);
            self.env().emit_event(Ranked { tender, ranking: ranked, by: self.env().caller() });
            Ok(first)
        }

        // ------------------------------------------------------------------
        // Queries
        // ------------------------------------------------------------------

        /// A tender's evaluation.
        #[ink(message)]
        pub fn evaluation(&self, tender: TenderId) -> Option<Evaluation> {
            self.evaluations.get(tender)
        }

        /// The committee, by seat (at most `MAX_MEMBERS`), with each seated
        /// member's standing.
        #[ink(message)]
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
        pub fn member(&self, tender: TenderId, member: AccountId) -> Option<Member> {
            self.members.get((tender, member))
        }

        /// A bid under evaluation, with its scores folded in.
        #[ink(message)]
        pub fn entry(&self, tender: TenderId, bid: u32) -> Option<Entry> {
            self.entries.get((tender, bid))
        }

        /// The quality score `member` gave `bid`.
        #[ink(message)]
        pub fn score_of(&self, tender: TenderId, member: AccountId, bid: u32) -> Option<u8> {
            self.scores.get((tender, member, bid))
        }

        /// The ranking, once made: admissible bids best first, as (bid
        /// index, total in millionths of a point).
        #[ink(message)]
        pub fn ranking(&self, tender: TenderId) -> Option<Ranking> {
            self.rankings.get(tender)
        }

        /// The registry and the tender book this contract works with.
        #[ink(message)]
        pub fn wiring(&self) -> (AccountId, AccountId) {
            (self.access_control, self.tender)
        }

        // ------------------------------------------------------------------
        // Internals
        // ------------------------------------------------------------------

        /// The caller, if it holds `role` (and, with `unpaused`, the suite is
        /// not paused).
        fn guard(&self, role: Role, unpaused: bool) -> Result<AccountId> {
            let caller = self.env().caller();
            Registry::require(self.access_control, caller, role, RoleSet::EMPTY, unpaused)?;
            Ok(caller)
        }

        /// An evaluation still scoring.
        fn scoring(&self, tender: TenderId) -> Result<Evaluation> {
            let e = self.evaluations.get(tender).ok_or(Error::NotAppointed)?;
            if e.stage != Stage::Scoring {
                return Err(Error::AlreadyRanked);
            }
            Ok(e)
        }

        /// A member to be: not already on this committee, an Evaluator
        /// holding no Vendor role, and not a bidder on the tender.
        fn check_member(&self, tender: TenderId, member: AccountId) -> Result<()> {
            if self.members.contains((tender, member)) {
                return Err(Error::AlreadyMember { member });
            }
            Registry::require(self.access_control, member, Role::Evaluator, NOT_FOR_EVALUATORS, false)?;
            if Tenders::has_bid(self.tender, tender, member)? {
                return Err(Error::MemberBid { member });
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
