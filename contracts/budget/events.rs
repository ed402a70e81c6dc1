//! Events of the treasury: one per state change. Every event about money
//! held for a procurement carries its tender id as the first topic, so an
//! indexer follows one procurement across the suite's contracts without
//! joins; reservation, commitment and release ids are topics too. Line
//! events have the line as their topic; events about a procurement carry
//! the line as a field (a topic costs gas on every call, and a line's
//! history is rebuilt from its procurements).

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use procurement_shared::{Balance, CommitmentId, LineId, ReleaseId, ReservationId, TenderId, Timestamp};

use crate::policy::ReleasePolicy;

/// Money was deposited into the treasury.
#[ink::event]
pub struct Deposited {
    /// Who sent it.
    #[ink(topic)]
    pub from: AccountId,
    /// How much.
    pub amount: Balance,
    /// Unappropriated money after the deposit.
    pub unappropriated: Balance,
}

/// Money sent to the treasury outside `deposit` was booked into the
/// unappropriated pool.
#[ink::event]
pub struct SurplusBooked {
    /// How much.
    pub amount: Balance,
    /// Unappropriated money afterwards.
    pub unappropriated: Balance,
    /// The Admin who booked it.
    #[ink(topic)]
    pub by: AccountId,
}

/// A budget line was opened.
#[ink::event]
pub struct LineOpened {
    /// The new line.
    #[ink(topic)]
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
#[ink::event]
pub struct AppropriationChanged {
    /// The line.
    #[ink(topic)]
    pub line: LineId,
    /// Appropriation before.
    pub previous: Balance,
    /// Appropriation now.
    pub new: Balance,
    /// The Treasurer who changed it.
    pub by: AccountId,
}

/// A line was closed after its period.
#[ink::event]
pub struct LineClosed {
    /// The line.
    #[ink(topic)]
    pub line: LineId,
    /// Available money returned to the unappropriated pool.
    pub returned: Balance,
    /// The Treasurer who closed it.
    pub by: AccountId,
}

/// Money was reserved for a tender.
#[ink::event]
pub struct Reserved {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The new reservation.
    #[ink(topic)]
    pub reservation: ReservationId,
    /// Amount reserved.
    pub amount: Balance,
    /// The tender contract that reserved it.
    pub by: AccountId,
}

/// A reservation was cancelled; its money returned.
#[ink::event]
pub struct ReservationCancelled {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The reservation.
    #[ink(topic)]
    pub reservation: ReservationId,
    /// Amount freed.
    pub amount: Balance,
    /// Who cancelled it (its owner).
    pub by: AccountId,
}

/// A reservation became a commitment.
#[ink::event]
pub struct Committed {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The new commitment.
    #[ink(topic)]
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
#[ink::event]
pub struct Released {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The commitment.
    #[ink(topic)]
    pub commitment: CommitmentId,
    /// The queued release executed, or `None` for an automatic one.
    pub release: Option<ReleaseId>,
    /// Amount paid.
    pub amount: Balance,
    /// Who received it.
    pub to: AccountId,
}

/// A release was queued for Treasurer approval.
#[ink::event]
pub struct ReleaseQueued {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The commitment.
    #[ink(topic)]
    pub commitment: CommitmentId,
    /// The queued release.
    #[ink(topic)]
    pub release: ReleaseId,
    /// The line.
    pub line: LineId,
    /// Amount to pay.
    pub amount: Balance,
    /// Who would receive it.
    pub to: AccountId,
}

/// A Treasurer approved a queued release.
#[ink::event]
pub struct ReleaseApproved {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The commitment it draws on.
    #[ink(topic)]
    pub commitment: CommitmentId,
    /// The release.
    #[ink(topic)]
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
#[ink::event]
pub struct ReleaseRejected {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// Its commitment, which gets the amount back.
    #[ink(topic)]
    pub commitment: CommitmentId,
    /// The release.
    #[ink(topic)]
    pub release: ReleaseId,
    /// The line.
    pub line: LineId,
    /// The amount.
    pub amount: Balance,
    /// The Treasurer.
    pub by: AccountId,
}

/// A commitment's unreleased remainder returned to its line.
#[ink::event]
pub struct Decommitted {
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The line.
    pub line: LineId,
    /// The commitment.
    #[ink(topic)]
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
#[ink::event]
pub struct PolicyChanged {
    /// The line, or `None` for the default policy.
    #[ink(topic)]
    pub line: Option<LineId>,
    /// The new policy (`None`: the line follows the default again).
    pub policy: Option<ReleasePolicy>,
    /// The Admin who changed it.
    pub by: AccountId,
}
