//! Events of the escrow contract: one per change, each with the agreement
//! and the tender (the procurement id every contract of the suite uses) as
//! topics, and who acted.

use ink::primitives::{AccountId, Hash};
use procurement_shared::tranche::Terms;
use procurement_shared::{AgreementId, Balance, CommitmentId, ReleaseOutcome, TenderId, Timestamp};

use crate::types::Termination;

/// An agreement was offered to the winning vendor.
#[ink::event]
pub struct AgreementCreated {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor.
    #[ink(topic)]
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
    /// The evaluation service that created it.
    pub by: AccountId,
}

/// The vendor signed: the winner's bid bond can be released.
#[ink::event]
pub struct AgreementSigned {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor.
    #[ink(topic)]
    pub vendor: AccountId,
}

/// The vendor did not sign in time: the commitment went back to the line,
/// and the winner's bid bond can be forfeited.
#[ink::event]
pub struct AgreementLapsed {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The vendor who did not sign.
    #[ink(topic)]
    pub vendor: AccountId,
    /// Returned to the budget line.
    pub decommitted: Balance,
    /// Who called `lapse`.
    pub by: AccountId,
}

/// The vendor delivered a milestone.
#[ink::event]
pub struct MilestoneDelivered {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The milestone (from 0).
    pub milestone: u8,
    /// Hash of the evidence.
    pub evidence: Hash,
    /// Delivery number of this milestone (from 1).
    pub delivery: u16,
    /// Whole days late at delivery (0 if on time).
    pub days_late: u64,
}

/// The Inspector approved a milestone and the budget was asked to pay it.
#[ink::event]
pub struct MilestoneApproved {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
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
    /// The Inspector, or the Auditor who overturned a rejection.
    pub by: AccountId,
}

/// The Inspector rejected a delivered milestone.
#[ink::event]
pub struct MilestoneRejected {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The milestone (from 0).
    pub milestone: u8,
    /// Hash of the reasons.
    pub reason: Hash,
    /// Last moment to escalate (ms, exclusive).
    pub escalate_by: Timestamp,
    /// The Inspector.
    pub by: AccountId,
}

/// The vendor escalated a rejection to the Auditors.
#[ink::event]
pub struct RejectionEscalated {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The milestone (from 0).
    pub milestone: u8,
    /// The vendor.
    pub by: AccountId,
}

/// An Auditor decided an escalated rejection. Overturned, the milestone
/// was approved (a `MilestoneApproved` comes just before).
#[ink::event]
pub struct EscalationDecided {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// The milestone (from 0).
    pub milestone: u8,
    /// Whether the rejection stands.
    pub upheld: bool,
    /// The Auditor.
    pub by: AccountId,
}

/// Every milestone is approved: the warranty period runs.
#[ink::event]
pub struct WarrantyStarted {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// Retention held until completion.
    pub retention: Balance,
    /// End of the warranty (ms).
    pub ends: Timestamp,
}

/// The Inspector claimed a defect during the warranty.
#[ink::event]
pub struct DefectClaimed {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// Hash of the evidence.
    pub evidence: Hash,
    /// The Inspector.
    pub by: AccountId,
}

/// An Auditor decided a defect claim. Upheld, the retention went back to
/// the line and the agreement ended.
#[ink::event]
pub struct ClaimDecided {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// Whether the claim was upheld.
    pub upheld: bool,
    /// Returned to the line (0 if dismissed).
    pub decommitted: Balance,
    /// The Auditor.
    pub by: AccountId,
}

/// The agreement is complete: the retention went to the vendor and the
/// commitment closed.
#[ink::event]
pub struct AgreementCompleted {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
    /// Retention released to the vendor.
    pub retention: Balance,
    /// How the budget released it (`None` if there was none).
    pub release: Option<ReleaseOutcome>,
    /// Returned to the line on closing the commitment (a queued release the
    /// Treasurers rejected; normally 0).
    pub decommitted: Balance,
    /// Who completed it.
    pub by: AccountId,
}

/// A ProcurementOfficer terminated the agreement.
#[ink::event]
pub struct AgreementTerminated {
    /// The agreement.
    #[ink(topic)]
    pub agreement: AgreementId,
    /// The procurement.
    #[ink(topic)]
    pub tender: TenderId,
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
    /// The officer.
    pub by: AccountId,
}
