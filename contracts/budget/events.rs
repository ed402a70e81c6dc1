//! The treasury's events, in the suite's one design (docs/ARCHITECTURE.md,
//! "Events"): one event type per subject the treasury keeps books on, each
//! carrying a change enum whose variants are the structs below.
//!
//! - [`FundsEvent`]: money held for a procurement (reservations,
//!   commitments, releases). Topics: the tender (the procurement id every
//!   contract of the suite uses) and the budget line, so an indexer follows
//!   one procurement across the suite, or one line through its
//!   procurements. Reservation, commitment and release ids are fields.
//! - [`LineEvent`]: a budget line opened, changed or closed. Topic: the line.
//! - [`TreasuryEvent`]: money into the treasury and its release rules.
//!   Topic: the account that acted.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use procurement_shared::{Balance, CommitmentId, LineId, ReleaseId, ReservationId, TenderId, Timestamp};

use crate::policy::ReleasePolicy;

/// Money was deposited into the treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Deposited {
    /// Who sent it.
    pub from: AccountId,
    /// How much.
    pub amount: Balance,
    /// Unappropriated money after the deposit.
    pub unappropriated: Balance,
}

/// Money sent to the treasury outside `deposit` was booked into the
/// unappropriated pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct SurplusBooked {
    /// How much.
    pub amount: Balance,
    /// Unappropriated money afterwards.
    pub unappropriated: Balance,
    /// The Admin who booked it.
    pub by: AccountId,
}

/// A budget line was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct LineOpened {
    /// The new line.
    pub line: LineId,
    /// Its code.
    pub code: Vec<u8>,
    /// Fiscal period start (ms).
    pub period_start: Timestamp,
    /// Fiscal period end (ms).
    pub period_end: Timestamp,
    /// Its appropriation.
    pub appropriation: Balance,
    /// The Treasurer who opened it.
    pub by: AccountId,
}

/// A line's appropriation was raised or lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct AppropriationChanged {
    /// The line.
    pub line: LineId,
    /// Appropriation before.
    pub previous: Balance,
    /// Appropriation now.
    pub new: Balance,
    /// The Treasurer who changed it.
    pub by: AccountId,
}

/// A line was closed after its period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct LineClosed {
    /// The line.
    pub line: LineId,
    /// Available money returned to the unappropriated pool.
    pub returned: Balance,
    /// The Treasurer who closed it.
    pub by: AccountId,
}

/// Money was reserved for a tender.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Reserved {
    /// The procurement.
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The new reservation.
    pub reservation: ReservationId,
    /// Amount reserved.
    pub amount: Balance,
    /// The tender contract that reserved it.
    pub by: AccountId,
}

/// A reservation was cancelled; its money returned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ReservationCancelled {
    /// The procurement.
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The reservation.
    pub reservation: ReservationId,
    /// Amount freed.
    pub amount: Balance,
    /// Who cancelled it (its owner).
    pub by: AccountId,
}

/// A reservation became a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Committed {
    /// The procurement.
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The new commitment.
    pub commitment: CommitmentId,
    /// The reservation it came from.
    pub reservation: ReservationId,
    /// Amount committed.
    pub amount: Balance,
    /// Reserved but not committed: returned.
    pub surplus: Balance,
    /// Who releases may pay.
    pub payee: AccountId,
    /// The evaluation contract that committed it.
    pub by: AccountId,
}

/// Money was paid out of a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Released {
    /// The procurement.
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// The queued release executed, or `None` for an automatic one.
    pub release: Option<ReleaseId>,
    /// Amount paid.
    pub amount: Balance,
    /// Who received it.
    pub to: AccountId,
}

/// A release was queued for Treasurer approval.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ReleaseQueued {
    /// The procurement.
    pub tender: TenderId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// The queued release.
    pub release: ReleaseId,
    /// The line.
    pub line: LineId,
    /// Amount to pay.
    pub amount: Balance,
    /// Who would receive it.
    pub to: AccountId,
}

/// A Treasurer approved a queued release.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ReleaseApproved {
    /// The procurement.
    pub tender: TenderId,
    /// The commitment it draws on.
    pub commitment: CommitmentId,
    /// The release.
    pub release: ReleaseId,
    /// The line.
    pub line: LineId,
    /// The Treasurer.
    pub approver: AccountId,
    /// Approvals so far.
    pub approvals: u8,
    /// Approvals the policy requires.
    pub required: u8,
}

/// A Treasurer rejected a queued release.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ReleaseRejected {
    /// The procurement.
    pub tender: TenderId,
    /// Its commitment, which gets the amount back.
    pub commitment: CommitmentId,
    /// The release.
    pub release: ReleaseId,
    /// The line.
    pub line: LineId,
    /// The amount.
    pub amount: Balance,
    /// The Treasurer.
    pub by: AccountId,
}

/// A commitment's unreleased remainder returned to its line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Decommitted {
    /// The procurement.
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// Amount returned to the line.
    pub amount: Balance,
    /// Whether the commitment closed (a full decommit) or stays open (a
    /// part returned, such as a late-delivery deduction).
    pub closed: bool,
    /// The escrow contract that decommitted it.
    pub by: AccountId,
}

/// A release policy changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PolicyChanged {
    /// The line, or `None` for the default policy.
    pub line: Option<LineId>,
    /// The new policy (`None`: the line follows the default again).
    pub policy: Option<ReleasePolicy>,
    /// The Admin who changed it.
    pub by: AccountId,
}

procurement_shared::changes! {
    /// What a [`FundsEvent`] records.
    pub enum FundsChange in funds_change {
        Reserved,
        ReservationCancelled,
        Committed,
        Released,
        ReleaseQueued,
        ReleaseApproved,
        ReleaseRejected,
        Decommitted,
    }
}

procurement_shared::changes! {
    /// What a [`LineEvent`] records.
    pub enum LineChange in line_change {
        LineOpened,
        AppropriationChanged,
        LineClosed,
    }
}

procurement_shared::changes! {
    /// What a [`TreasuryEvent`] records.
    pub enum TreasuryChange in treasury_change {
        Deposited,
        SurplusBooked,
        PolicyChanged,
    }
}

impl FundsChange {
    /// The procurement and the budget line the money belongs to.
    pub fn subject(&self) -> (TenderId, LineId) {
        match self {
            FundsChange::Reserved(c) => (c.tender, c.line),
            FundsChange::ReservationCancelled(c) => (c.tender, c.line),
            FundsChange::Committed(c) => (c.tender, c.line),
            FundsChange::Released(c) => (c.tender, c.line),
            FundsChange::ReleaseQueued(c) => (c.tender, c.line),
            FundsChange::ReleaseApproved(c) => (c.tender, c.line),
            FundsChange::ReleaseRejected(c) => (c.tender, c.line),
            FundsChange::Decommitted(c) => (c.tender, c.line),
        }
    }
}

impl LineChange {
    /// The line.
    pub fn line(&self) -> LineId {
        match self {
            LineChange::LineOpened(c) => c.line,
            LineChange::AppropriationChanged(c) => c.line,
            LineChange::LineClosed(c) => c.line,
        }
    }
}

impl TreasuryChange {
    /// The account that acted.
    pub fn party(&self) -> AccountId {
        match self {
            TreasuryChange::Deposited(c) => c.from,
            TreasuryChange::SurplusBooked(c) => c.by,
            TreasuryChange::PolicyChanged(c) => c.by,
        }
    }
}

/// Money held for a procurement changed.
#[ink::event]
pub struct FundsEvent {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The budget line the money is on.
    #[ink(topic)]
    pub line: LineId,
    /// What changed.
    pub change: FundsChange,
}

/// A budget line changed.
#[ink::event]
pub struct LineEvent {
    /// The line.
    #[ink(topic)]
    pub line: LineId,
    /// What changed.
    pub change: LineChange,
}

/// Money came into the treasury, or its release rules changed.
#[ink::event]
pub struct TreasuryEvent {
    /// Who acted.
    #[ink(topic)]
    pub party: AccountId,
    /// What changed.
    pub change: TreasuryChange,
}
