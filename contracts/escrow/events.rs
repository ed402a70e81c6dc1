//! The escrow's event: one type, [`AgreementEvent`], emitted once for every
//! change of an agreement, with the agreement and the tender (the
//! procurement id every contract of the suite uses) as topics, who acted,
//! and what changed with its amounts ([`Change`]).
//!
//! One type rather than one per change because on a Contracts-pallet chain
//! the contract's code is part of every call's proof: thirteen event types
//! cost about 7 KB of Wasm (each its own encoder and topic code at each emit
//! site), one type with an enum payload about a fifth of that. Indexers
//! decode `change` with the contract's metadata like any other field.
//!
//! `Change` lives here with a module-level `allow` of
//! `cast_possible_truncation`: the SCALE derive writes variant indices of
//! enums with fields as `<n>usize as u8`.
#![allow(clippy::cast_possible_truncation)]

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

/// What changed in an agreement, with its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Change {
    /// Offered to the winning vendor.
    Created {
        /// The vendor.
        vendor: AccountId,
        /// The budget commitment that funds it.
        commitment: CommitmentId,
        /// Total price.
        price: Balance,
        /// Number of milestones.
        milestones: u8,
        /// Retention and late-delivery terms.
        terms: Terms,
        /// The assigned Inspector.
        inspector: AccountId,
        /// Signing deadline (ms).
        sign_by: Timestamp,
        /// Warranty period (ms).
        warranty_ms: Timestamp,
    },
    /// The vendor signed: the winner's bid bond can be released.
    Signed,
    /// The vendor did not sign in time: the commitment went back to the
    /// line, and the winner's bid bond can be forfeited.
    Lapsed {
        /// Returned to the budget line.
        decommitted: Balance,
    },
    /// The vendor delivered a milestone.
    Delivered {
        /// The milestone (from 0).
        milestone: u8,
        /// Hash of the evidence.
        evidence: Hash,
        /// Delivery number of this milestone (from 1).
        delivery: u16,
        /// Whole days late at delivery (0 if on time).
        days_late: u64,
    },
    /// A milestone was approved (by the Inspector, or by an Auditor
    /// overturning a rejection) and the budget was asked to pay it.
    Approved {
        /// The milestone (from 0).
        milestone: u8,
        /// Its amount.
        amount: Balance,
        /// Late-delivery deduction, returned to the line.
        deduction: Balance,
        /// Held back until final acceptance.
        retention: Balance,
        /// Released to the vendor.
        payable: Balance,
        /// Paid at once or queued for Treasurers (`None` if nothing payable).
        release: Option<ReleaseOutcome>,
    },
    /// The Inspector rejected a delivered milestone.
    Rejected {
        /// The milestone (from 0).
        milestone: u8,
        /// Hash of the reasons.
        reason: Hash,
        /// Last moment to escalate (ms, exclusive).
        escalate_by: Timestamp,
    },
    /// The vendor escalated a rejection to the Auditors.
    Escalated {
        /// The milestone (from 0).
        milestone: u8,
    },
    /// An Auditor decided an escalated rejection. Overturned, the milestone
    /// was approved (an `Approved` event comes just before).
    EscalationDecided {
        /// The milestone (from 0).
        milestone: u8,
        /// On the rejection: `Uphold`, it stands; `Dismiss`, overturned.
        ruling: Ruling,
    },
    /// Every milestone is approved: the warranty period runs.
    WarrantyStarted {
        /// Retention held until completion.
        retention: Balance,
        /// End of the warranty (ms).
        ends: Timestamp,
    },
    /// The Inspector claimed a defect during the warranty.
    DefectClaimed {
        /// Hash of the evidence.
        evidence: Hash,
    },
    /// An Auditor decided a defect claim. Upheld, the retention went back
    /// to the line and the agreement ended.
    ClaimDecided {
        /// On the claim.
        ruling: Ruling,
        /// Returned to the line (0 if dismissed).
        decommitted: Balance,
    },
    /// Complete: the retention went to the vendor and the commitment closed.
    Completed {
        /// Retention released to the vendor.
        retention: Balance,
        /// How the budget released it (`None` if there was none).
        release: Option<ReleaseOutcome>,
        /// Returned to the line on closing the commitment (a queued release
        /// the Treasurers rejected; normally 0).
        decommitted: Balance,
    },
    /// A ProcurementOfficer terminated the agreement.
    Terminated {
        /// For convenience or for default.
        termination: Termination,
        /// Hash of the reasons.
        reason: Hash,
        /// Retention released to the vendor (convenience only).
        retention: Balance,
        /// How the budget released it (`None` if there was none).
        release: Option<ReleaseOutcome>,
        /// Returned to the line.
        decommitted: Balance,
    },
}
