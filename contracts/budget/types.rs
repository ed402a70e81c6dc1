//! The budget's records, as stored and as returned by its queries.
//!
//! Type definitions only. The module allows `cast_possible_truncation`
//! because the SCALE derive writes variant indices of enums with fields as
//! `<n>usize as u8`; no hand-written logic lives here.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use procurement_shared::{Balance, CommitmentId, LineId, ReservationId, TenderId, Timestamp};

use crate::policy::{ReleasePolicy, WindowUsage};

/// A budget line: an appropriation for a fiscal period.
///
/// Always `appropriated = available + reserved + committed + released`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Line {
    /// The line's code in the authority's chart of accounts (unique).
    pub code: Vec<u8>,
    /// Start of the fiscal period (ms).
    pub period_start: Timestamp,
    /// End of the fiscal period (ms); no reservations from then on.
    pub period_end: Timestamp,
    /// Money appropriated to the line.
    pub appropriated: Balance,
    /// Free to reserve.
    pub available: Balance,
    /// Held for tenders in progress.
    pub reserved: Balance,
    /// Bound to awarded agreements and not yet paid (queued releases included).
    pub committed: Balance,
    /// Paid out.
    pub released: Balance,
    /// Open, or closed after its period.
    pub state: LineState,
    /// The line's own release policy, if the Admin set one.
    pub policy: Option<ReleasePolicy>,
    /// Automatic releases in the current cap window.
    pub window: WindowUsage,
}

/// Where a line stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum LineState {
    /// Takes reservations and appropriation changes.
    Open,
    /// Closed after its period (when and by whom: the `LineClosed` event):
    /// takes no new reservations, and money coming back to it
    /// (cancellations, surplus, decommits) goes to the unappropriated pool.
    Closed,
}

impl Line {
    /// A new open line with nothing appropriated yet (see
    /// `ledger::appropriate`).
    pub fn new(code: Vec<u8>, period_start: Timestamp, period_end: Timestamp) -> Line {
        Line {
            code,
            period_start,
            period_end,
            appropriated: 0,
            available: 0,
            reserved: 0,
            committed: 0,
            released: 0,
            state: LineState::Open,
            policy: None,
            window: WindowUsage::default(),
        }
    }

    /// Whether the line was closed.
    pub fn is_closed(&self) -> bool {
        self.state == LineState::Closed
    }
}

/// The treasury's running sums over all lines, kept so that `totals` and
/// conservation checks are O(1) rather than a scan of every line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Books {
    /// Held but not appropriated to any line.
    pub unappropriated: Balance,
    /// Sum of the lines' available money.
    pub available: Balance,
    /// Sum of reservations.
    pub reserved: Balance,
    /// Sum of unpaid commitments (queued releases included).
    pub committed: Balance,
    /// Paid out since deployment.
    pub released: Balance,
}

impl Books {
    /// What the books say the treasury holds: `unappropriated + available +
    /// reserved + committed` (released money has left). `None` on overflow.
    pub fn held(&self) -> Option<Balance> {
        self.unappropriated.checked_add(self.available)?.checked_add(self.reserved)?.checked_add(self.committed)
    }
}

/// State of a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ReservationStatus {
    /// Holding money for a tender in progress.
    Active,
    /// Freed by its owner.
    Cancelled,
    /// Turned into a commitment.
    Committed(CommitmentId),
}

/// Money held on a line for a tender in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Reservation {
    /// The line it is held on.
    pub line: LineId,
    /// The procurement it is held for (the tender id the tender contract
    /// gave), so one procurement can be followed across contracts.
    pub tender: TenderId,
    /// The account (the tender contract) that made it; only it may cancel.
    pub owner: AccountId,
    /// The amount held.
    pub amount: Balance,
    /// Where it stands.
    pub status: ReservationStatus,
}

/// Money bound to an awarded agreement, paid out by releases.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Commitment {
    /// The line it is charged to.
    pub line: LineId,
    /// The reservation it came from.
    pub reservation: ReservationId,
    /// The procurement it pays for (from the reservation).
    pub tender: TenderId,
    /// The only account releases may pay.
    pub payee: AccountId,
    /// Total bound (after a decommit: what was released or queued).
    pub amount: Balance,
    /// Paid so far.
    pub released: Balance,
    /// Waiting in queued releases.
    pub queued: Balance,
    /// Number of queued releases waiting (bounded by `MAX_PENDING_RELEASES`).
    pub pending_releases: u8,
    /// Open, or decommitted.
    pub state: CommitmentState,
}

/// Where a commitment stands. Queued releases stay decidable in both states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum CommitmentState {
    /// Releases may draw on it.
    Open,
    /// Closed by the escrow service: no new releases; what was neither paid
    /// nor queued went back to the line (the amount: the `Decommitted`
    /// event), and so does any queued release rejected later.
    Decommitted,
}

impl Commitment {
    /// A new open commitment of `amount` to `payee`, from `reservation`.
    pub fn new(reservation: ReservationId, held: &Reservation, amount: Balance, payee: AccountId) -> Commitment {
        Commitment {
            line: held.line,
            reservation,
            tender: held.tender,
            payee,
            amount,
            released: 0,
            queued: 0,
            pending_releases: 0,
            state: CommitmentState::Open,
        }
    }

    /// Whether it was decommitted.
    pub fn is_decommitted(&self) -> bool {
        self.state == CommitmentState::Decommitted
    }

    /// What new releases may still draw on.
    pub fn remaining(&self) -> Balance {
        self.amount.saturating_sub(self.released).saturating_sub(self.queued)
    }
}

/// State of a queued release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ReleaseStatus {
    /// Waiting for approvals.
    Pending,
    /// Paid.
    Executed,
    /// Rejected by a Treasurer; the amount went back to the commitment.
    Rejected,
}

/// A release above the automatic limits, waiting for Treasurers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct QueuedRelease {
    /// The commitment it draws on.
    pub commitment: CommitmentId,
    /// The commitment's line (so indexers need not look it up).
    pub line: LineId,
    /// The procurement it pays for.
    pub tender: TenderId,
    /// Amount to pay.
    pub amount: Balance,
    /// Who receives it (the commitment's payee).
    pub to: AccountId,
    /// Distinct Treasurers who approved, in order (at most `MAX_APPROVALS`).
    pub approvers: Vec<AccountId>,
    /// Where it stands.
    pub status: ReleaseStatus,
    /// When it was queued (ms).
    pub queued_at: Timestamp,
}

impl QueuedRelease {
    /// A release of `amount` from `commitment` to `to`, pending since `now`.
    pub fn new(commitment: CommitmentId, record: &Commitment, amount: Balance, to: AccountId, now: Timestamp) -> QueuedRelease {
        QueuedRelease {
            commitment,
            line: record.line,
            tender: record.tender,
            amount,
            to,
            approvers: Vec::new(),
            status: ReleaseStatus::Pending,
            queued_at: now,
        }
    }
}

/// The treasury's books against the money it holds, for auditors and tests.
///
/// Conservation: `balance >= books()` at all times; the difference is money
/// sent to the contract outside `deposit` (not yet on the books).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Totals {
    /// The contract's spendable native balance.
    pub balance: Balance,
    /// Held but not appropriated to any line.
    pub unappropriated: Balance,
    /// Sum of the lines' available money.
    pub available: Balance,
    /// Sum of reservations.
    pub reserved: Balance,
    /// Sum of unpaid commitments (queued releases included).
    pub committed: Balance,
    /// Paid out since deployment (no longer held).
    pub released: Balance,
}

impl Totals {
    /// What the books say the contract must hold.
    pub fn books(&self) -> Option<Balance> {
        Books {
            unappropriated: self.unappropriated,
            available: self.available,
            reserved: self.reserved,
            committed: self.committed,
            released: self.released,
        }
        .held()
    }

    /// Whether the contract holds at least what its books say.
    pub fn conserved(&self) -> bool {
        self.books().is_some_and(|books| self.balance >= books)
    }
}
