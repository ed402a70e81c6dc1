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
    /// Returned if the tender book refused; carries its reason (the award
    /// side: `award`, `settle_winner_bond`, `close_unsuccessful`).
    /// (The reason travels as the callee encoded it: `procurement_shared::relay`.)
    Tender(tender::client::Refusal),
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
    /// Returned if the agreement terms are out of bounds (`Terms` bounds,
    /// warranty over the escrow's `MAX_WARRANTY_MS`) or the Inspector sits
    /// on the committee or bid on the tender.
    InvalidContracting,
    /// Returned if the message does not apply at the evaluation's stage.
    WrongStage,
    /// Returned by `close_without_bids` if the tender has a valid bid.
    HasValidBids,
    /// Returned by `protest` after the standstill.
    StandstillOver,
    /// Returned by `conclude` before the standstill ends.
    StandstillRunning,
    /// Returned by `conclude` while a protest against the award is open.
    ProtestOpen,
    /// Returned if the caller does not hold the bid it names, or names the
    /// bid holding the award.
    NotProtestable,
    /// Returned if the bidder already protested this award.
    AlreadyProtested,
    /// Returned if a protest does not attach exactly the tender's bond.
    WrongBond,
    /// Returned if there is no such protest.
    ProtestNotFound,
    /// Returned if the protest was already settled.
    ProtestClosed,
    /// Returned by `resolve` for a protest whose award was already set
    /// aside (settle it with `settle_protest`).
    ProtestMoot,
    /// Returned by `resolve` after `PROTEST_DECISION_MS` (anyone may
    /// `settle_protest`: the bond is refunded and the award stands).
    DecisionOverdue,
    /// Returned by `settle_protest` while an Auditor may still decide.
    DecisionPending,
    /// Returned by `settle` while the winner may still sign (and the
    /// agreement was not lapsed).
    AgreementPending,
    /// Returned if the tender's milestone plan does not scale to the price.
    InvalidPlan,
    /// Returned if a bond refund could not be transferred.
    TransferFailed,
    /// Returned if the budget refused; carries its reason.
    /// (The reason travels as the callee encoded it: `procurement_shared::relay`.)
    Budget(budget::client::Refusal),
    /// Returned if the budget could not be called.
    BudgetUnavailable,
    /// Returned if the escrow refused; carries its reason.
    /// (The reason travels as the callee encoded it: `procurement_shared::relay`.)
    Escrow(escrow::client::Refusal),
    /// Returned if the escrow could not be called.
    EscrowUnavailable,
    /// Returned if a figure would overflow (a bug, never an input).
    Overflow,
    /// Returned if the Auditor deciding a protest is a party to the
    /// procurement: the officer who published the tender or appointed the
    /// committee, a committee member (a recused one too), the agreement's
    /// Inspector, or a bidder. Checked against the procurement's records at
    /// the decision, whatever roles the account holds.
    PartyCannotDecide,
    /// Returned if the agreement's Inspector would sit on the committee
    /// (appointed, seated as a replacement, or named Inspector while a
    /// member): whoever ranks the bids does not accept the winner's work.
    InspectorOnCommittee,
    /// Returned by `close_stalled` while the evaluation may still move on
    /// its own: before `STALL_MS` has passed, while the committee can rank,
    /// while a protest is open, or in a stage with its own exit.
    NotStalled,
    /// Returned by `book_surplus` when the contract holds nothing beyond
    /// the protest bonds.
    NoSurplus,
    /// Returned by `set_code` if no code was uploaded under the hash.
    CodeNotFound,
    /// Returned by `migrate` if the storage is another contract's, or a
    /// version of this one the code has no migration from.
    UnknownLayout,
}

procurement_shared::denied_into!(Error);
procurement_shared::call_error_into!(Error, tender::client::Refusal, Tender, TenderUnavailable);
procurement_shared::call_error_into!(Error, budget::client::Refusal, Budget, BudgetUnavailable);
procurement_shared::call_error_into!(Error, escrow::client::Refusal, Escrow, EscrowUnavailable);

/// Result of the evaluation contract's messages.
pub type Result<T> = core::result::Result<T, Error>;
