//! The evaluation contract's records.
//!
//! Type definitions only. The module allows `cast_possible_truncation`
//! because the SCALE derive writes variant indices of enums with fields as
//! `<n>usize as u8`; no hand-written logic lives here.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::{AccountId, Hash};
use procurement_shared::contracting::Contracting;
use procurement_shared::ranking::Method;
use procurement_shared::{AgreementId, Balance, Timestamp};

/// The evaluation of one tender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Evaluation {
    /// The officer who appointed the committee.
    pub officer: AccountId,
    /// The officer who published the tender. With `officer`, the committee,
    /// the Inspector and every bidder, a party to the procurement: none of
    /// them may decide a protest in it, whatever roles they hold later.
    pub publisher: AccountId,
    /// How bids are compared (the tender's method).
    pub method: Method,
    /// Valid revealed bids, taken from the tender at appointment (entries
    /// `0..bids`, in reveal order).
    pub bids: u32,
    /// Seats on the committee (`MIN_MEMBERS` to `MAX_MEMBERS`); a recused
    /// member's seat goes to the replacement.
    pub seats: u8,
    /// Seated members who declared no conflict.
    pub declared: u8,
    /// Of those, members who scored every bid.
    pub complete: u8,
    /// Seats whose member recused and was not replaced yet.
    pub vacant: u8,
    /// After this moment (ms) nobody scores, and the ranking may be made
    /// with the scores given, if every bid has `QUORUM` of them.
    pub scoring_deadline: Timestamp,
    /// The bond a protest posts: the tender's bid bond.
    pub bond: Balance,
    /// Standstill after each provisional award (ms): the tender's.
    pub standstill_ms: Timestamp,
    /// The agreement terms, fixed at appointment.
    pub contracting: Contracting,
    /// Provisional awards made so far (0 while scoring); a protest belongs
    /// to the round it was filed in and is moot once the round is over.
    pub round: u32,
    /// Open protests against the current award; conclusion waits for 0.
    pub open_protests: u32,
    /// Protests filed (ids `0..protests`).
    pub protests: u32,
    /// Where it stands.
    pub stage: Stage,
}

/// Where an evaluation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Stage {
    /// The committee declares and scores. Exit: `finalize`; if the
    /// committee cannot rank `STALL_MS` after the scoring deadline, anyone
    /// closes the tender (`close_stalled`).
    Scoring,
    /// Bid `bid` holds the provisional award; bidders who lost may protest
    /// until `ends`. Exits: an upheld protest (the award is set aside), or
    /// `conclude` once the standstill is over and no protest is open; if it
    /// is still not concluded `STALL_MS` after `ends`, anyone closes the
    /// tender (`close_stalled`: the winner's bond back, the reservation
    /// freed).
    Standstill {
        /// The bid awarded (its index under evaluation).
        bid: u32,
        /// End of the standstill (ms, exclusive).
        ends: Timestamp,
    },
    /// The agreement was offered to the winner. Exit: `settle` once the
    /// winner signed it (final) or it lapsed.
    Concluded {
        /// The bid awarded.
        bid: u32,
        /// The escrow agreement offered.
        agreement: AgreementId,
    },
    /// The winner let the agreement lapse and forfeited the bond. Exits:
    /// the officer awards the next-ranked bid (`award_next`) or closes the
    /// tender (`close`); `STALL_MS` after `since`, anyone closes it
    /// (`close_stalled`).
    Lapsed {
        /// The bid whose agreement lapsed.
        bid: u32,
        /// When the lapse was settled (ms).
        since: Timestamp,
    },
    /// Final: the winner signed; the bond went back to the winner.
    Signed {
        /// The bid awarded.
        bid: u32,
        /// The signed agreement.
        agreement: AgreementId,
    },
    /// Final: no admissible bid is left; the tender is closed unsuccessful.
    Unsuccessful,
}

/// A protest against a provisional award.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Protest {
    /// The protesting bidder.
    pub bidder: AccountId,
    /// The award round it challenges.
    pub round: u32,
    /// The bid it challenges (the provisional award of that round).
    pub against: u32,
    /// The bond it holds.
    pub bond: Balance,
    /// Hash of the grounds.
    pub grounds: Hash,
    /// When it was filed (ms); an Auditor decides within
    /// `PROTEST_DECISION_MS`.
    pub filed_at: Timestamp,
    /// Where it stands.
    pub state: ProtestState,
}

/// Where a protest stands. Every state but `Open` is final, and every open
/// protest has an exit (`resolve`, or `settle_protest` when moot or
/// overdue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ProtestState {
    /// Waiting for an Auditor.
    Open,
    /// Upheld by an Auditor (hash of the reasons): the award was set aside
    /// and the bond refunded.
    Upheld(Hash),
    /// Rejected by an Auditor (hash of the reasons): the bond went to the
    /// treasury.
    Rejected(Hash),
    /// Not decided within `PROTEST_DECISION_MS`: the bond refunded (the
    /// protester does not pay for the Auditors' silence) and the award
    /// stands (silence does not overturn it either, so colluding bidders
    /// cannot set aside winner after winner by protesting to idle Auditors).
    Overdue,
    /// The award it challenged was set aside on other grounds first: the
    /// bond was refunded, nothing else follows.
    Moot,
}

/// What a committee member declares before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Interest {
    /// No conflict of interest with any bidder: the member scores.
    Impartial,
    /// A conflict of interest: the member is recused and leaves the
    /// committee.
    Conflict,
}

/// A committee member's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MemberState {
    /// Appointed; must declare before scoring.
    Appointed,
    /// Declared no conflict (hash of the declaration).
    Declared(Hash),
    /// Declared a conflict and left the committee (hash of the declaration).
    Recused(Hash),
}

/// A committee member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Member {
    /// Seat on the committee (from 0).
    pub seat: u8,
    /// Where the member stands.
    pub state: MemberState,
    /// Bids this member has scored.
    pub scored: u32,
}

/// A valid revealed bid under evaluation, with its scores folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Entry {
    /// The bidder.
    pub bidder: AccountId,
    /// Its price.
    pub price: Balance,
    /// Its position in the tender's reveal order (the last tie-break).
    pub reveal_index: u32,
    /// Sum of its quality scores.
    pub quality_sum: u32,
    /// Number of scores.
    pub scores: u32,
    /// Set aside: its award was overturned by a protest, its agreement
    /// lapsed, or its bidder took its bond back; later rankings leave it out.
    pub excluded: bool,
}

/// Why a bid left the running (`AwardSetAside`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum SetAside {
    /// An Auditor upheld a protest against its award.
    Protest,
    /// Its winner let the offered agreement lapse (bond forfeited).
    Lapsed,
    /// It was ranked first for an award, but its bidder had taken the bid
    /// security back, which withdrew the offer.
    SecurityWithdrawn,
    /// The award could not be concluded within `STALL_MS` of the
    /// standstill's end (bond returned: not the winner's doing).
    Stalled,
}
