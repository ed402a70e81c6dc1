//! The escrow's events, in the suite's one design (docs/ARCHITECTURE.md,
//! "Events"): one event type, [`AgreementEvent`], emitted once for every
//! change of an agreement, with the agreement and the tender (the
//! procurement id every contract of the suite uses) as topics, who acted,
//! and what changed with its amounts ([`Change`]: one variant per kind of
//! change, each a struct with named fields below). Money found in the
//! escrow outside any agreement is the other subject, with its own event
//! ([`EscrowSurplusDeposited`]).

use ink::primitives::{AccountId, Hash};
use procurement_shared::tranche::Terms;
use procurement_shared::{AgreementId, Balance, CommitmentId, ReleaseOutcome, Ruling, TenderId, Timestamp};

use crate::types::Termination;

/// Something changed in an agreement.
/// Money sent to the escrow outside its messages (it holds none of its own)
/// was deposited into the treasury.
#[ink::event]
pub struct EscrowSurplusDeposited {
    /// The amount.
    pub amount: Balance,
    /// The Admin.
    pub by: AccountId,
}

#[ink::event]
pub struct AgreementEvent {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// What changed.
    pub change: Change,
    /// Who acted: the evaluation service, the vendor, the Inspector, an
    /// Auditor, an officer, or whoever called `lapse` / `complete`.
    pub by: AccountId,
}

/// Offered to the winning vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Created {
    /// The vendor.
    pub vendor: AccountId,
    /// The budget commitment that funds it.
    pub commitment: CommitmentId,
    /// Total price.
    pub price: Balance,
    /// Number of milestones.
    pub milestones: u8,
    /// Retention and late-delivery terms.
    pub terms: Terms,
    /// The assigned Inspector.
    pub inspector: AccountId,
    /// Signing deadline (ms).
    pub sign_by: Timestamp,
    /// Warranty period (ms).
    pub warranty_ms: Timestamp,
}

/// The vendor signed: the winner's bid bond can be released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Signed;

/// The vendor did not sign in time: the commitment went back to the
/// line, and the winner's bid bond can be forfeited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Lapsed {
    /// Returned to the budget line.
    pub decommitted: Balance,
}

/// The vendor delivered a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Delivered {
    /// The milestone (from 0).
    pub milestone: u8,
    /// Hash of the evidence.
    pub evidence: Hash,
    /// Delivery number of this milestone (from 1).
    pub delivery: u16,
    /// Whole days late at delivery (0 if on time).
    pub days_late: u64,
}

/// A milestone was approved (by the Inspector, or by an Auditor
/// overturning a rejection) and the budget was asked to pay it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Approved {
    /// The milestone (from 0).
    pub milestone: u8,
    /// Its amount.
    pub amount: Balance,
    /// Late-delivery deduction, returned to the line.
    pub deduction: Balance,
    /// Held back until final acceptance.
    pub retention: Balance,
    /// Released to the vendor.
    pub payable: Balance,
    /// Paid at once or queued for Treasurers (`None` if nothing payable).
    pub release: Option<ReleaseOutcome>,
}

/// The Inspector rejected a delivered milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Rejected {
    /// The milestone (from 0).
    pub milestone: u8,
    /// Hash of the reasons.
    pub reason: Hash,
    /// Last moment to escalate (ms, exclusive).
    pub escalate_by: Timestamp,
}

/// The vendor escalated a rejection to the Auditors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Escalated {
    /// The milestone (from 0).
    pub milestone: u8,
}

/// An Auditor decided an escalated rejection. Overturned, the milestone
/// was approved (an `Approved` event comes just before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct EscalationDecided {
    /// The milestone (from 0).
    pub milestone: u8,
    /// On the rejection: `Uphold`, it stands; `Dismiss`, overturned.
    pub ruling: Ruling,
}

/// Every milestone is approved: the warranty period runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct WarrantyStarted {
    /// Retention held until completion.
    pub retention: Balance,
    /// End of the warranty (ms).
    pub ends: Timestamp,
}

/// The Inspector claimed a defect during the warranty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct DefectClaimed {
    /// Hash of the evidence.
    pub evidence: Hash,
}

/// An Auditor decided a defect claim. Upheld, the retention went back
/// to the line and the agreement ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ClaimDecided {
    /// On the claim.
    pub ruling: Ruling,
    /// Returned to the line (0 if dismissed).
    pub decommitted: Balance,
}

/// Complete: the retention went to the vendor and the commitment closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Completed {
    /// Retention released to the vendor.
    pub retention: Balance,
    /// How the budget released it (`None` if there was none).
    pub release: Option<ReleaseOutcome>,
    /// Returned to the line on closing the commitment (a queued release
    /// the Treasurers rejected; normally 0).
    pub decommitted: Balance,
}

/// A ProcurementOfficer terminated the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Terminated {
    /// For convenience or for default.
    pub termination: Termination,
    /// Hash of the reasons.
    pub reason: Hash,
    /// Retention released to the vendor (convenience only).
    pub retention: Balance,
    /// How the budget released it (`None` if there was none).
    pub release: Option<ReleaseOutcome>,
    /// Returned to the line.
    pub decommitted: Balance,
}

procurement_shared::changes! {
    /// What changed in an agreement, with its figures: one variant per kind
    /// of change, each the struct of that name above.
    #[derive(Copy)]
    pub enum Change in change {
        Created,
        Signed,
        Lapsed,
        Delivered,
        Approved,
        Rejected,
        Escalated,
        EscalationDecided,
        WarrantyStarted,
        DefectClaimed,
        ClaimDecided,
        Completed,
        Terminated,
    }
}
