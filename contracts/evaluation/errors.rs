//! Errors of the evaluation contract.
//!
//! In a module of its own because the SCALE derive writes each variant index
//! of an enum with fields as `<n>usize as u8`, which cargo-contract's
//! `cast_possible_truncation` lint rejects; the `allow` covers only this
//! derived code.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::AccountId;
use procurement_shared::Role;

/// Why a message refused. A refusal changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Returned if `account` lacks `role` (the caller, or a member to be).
    MissingRole { role: Role, account: AccountId },
    /// Returned if a member to be holds `role` (a Vendor cannot evaluate).
    ConflictingRole { role: Role },
    /// Returned by appointments while the suite is paused.
    Paused,
    /// Returned if the role registry could not be asked.
    RegistryUnavailable,
    /// Returned if the tender book refused; carries its reason.
    Tender(tender::Error),
    /// Returned if the tender book could not be called.
    TenderUnavailable,
    /// Returned if the tender does not exist.
    TenderNotFound,
    /// Returned if the tender is not open (cancelled, awarded, closed).
    TenderNotOpen,
    /// Returned if the tender's reveal deadline has not passed.
    RevealStillOpen,
    /// Returned if the tender has no valid revealed bid to evaluate.
    NoValidBids,
    /// Returned if a committee was already appointed for the tender.
    AlreadyAppointed,
    /// Returned if the tender has no committee.
    NotAppointed,
    /// Returned if the committee is smaller than `MIN_MEMBERS`, larger than
    /// `MAX_MEMBERS`, or names someone twice.
    InvalidCommittee,
    /// Returned if a member to be bid on the tender (withdrawn bids count).
    MemberBid { member: AccountId },
    /// Returned if a member to be already sits, or sat, on this committee.
    AlreadyMember { member: AccountId },
    /// Returned if the scoring deadline is not in the future or beyond
    /// `MAX_SCORING_WINDOW_MS`.
    InvalidDeadline,
    /// Returned if the caller is not on the committee.
    NotMember,
    /// Returned if the member already declared.
    AlreadyDeclared,
    /// Returned if the member has not declared (scoring), or declared no
    /// conflict (replacement).
    NotRecused,
    /// Returned if the member must declare before scoring.
    NotDeclared,
    /// Returned if the bid index is not under evaluation.
    BidNotFound,
    /// Returned if a score is above `MAX_QUALITY`.
    InvalidScore,
    /// Returned if scoring closed (deadline passed, or ranked).
    ScoringClosed,
    /// Returned if the evaluation is already ranked.
    AlreadyRanked,
    /// Returned by `finalize` before every seated member declared and (for
    /// a weighted method) scored every bid, or after the deadline without
    /// `QUORUM` scores on every bid.
    NotReady,
    /// Returned if a figure would overflow (a bug, never an input).
    Overflow,
}

procurement_shared::denied_into!(Error);
procurement_shared::call_error_into!(Error, tender::Error, Tender, TenderUnavailable);

/// Result of the evaluation contract's messages.
pub type Result<T> = core::result::Result<T, Error>;
