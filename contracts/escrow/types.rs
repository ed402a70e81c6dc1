//! The escrow contract's records and parameters.
//!
//! Type definitions only. The module allows `cast_possible_truncation`
//! because the SCALE derive writes variant indices of enums with fields as
//! `<n>usize as u8`; no hand-written logic lives here.
#![allow(clippy::cast_possible_truncation)]

use ink::primitives::{AccountId, Hash};
use procurement_shared::tranche::Terms;
use procurement_shared::{Balance, CommitmentId, ReleaseOutcome, TenderId, Timestamp};

pub use procurement_shared::contracting::{AgreementParams, MilestoneSpec};

/// Where an agreement stands. Every state has an exit; the last four are
/// final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum AgreementState {
    /// Waiting for the vendor's signature until `sign_by`; then `lapse`.
    Offered,
    /// Signed: milestones are delivered and decided. Exits: every
    /// milestone approved (warranty), or termination.
    Active,
    /// Every milestone approved; the retention is held until `ends`, then
    /// anyone may complete. The Inspector may claim a defect before `ends`.
    Warranty {
        /// End of the warranty period (ms).
        ends: Timestamp,
    },
    /// A defect claim waits for an Auditor. Undecided `CLAIM_DECISION_MS`
    /// after filing, it counts as dismissed and anyone may complete.
    Disputed {
        /// End of the warranty period (ms).
        ends: Timestamp,
        /// Hash of the Inspector's evidence.
        evidence: Hash,
        /// When the claim was filed (ms).
        filed_at: Timestamp,
    },
    /// Final: the retention went to the vendor.
    Completed,
    /// Final: a defect claim was upheld; the retention went back to the line.
    RetentionWithheld,
    /// Final: a ProcurementOfficer terminated it.
    Terminated(Termination),
    /// Final: the vendor did not sign in time; the commitment went back.
    Lapsed,
}

/// Why an officer terminates an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Termination {
    /// The authority no longer needs the work: approved milestones stay paid
    /// or payable and their retention goes to the vendor.
    Convenience,
    /// The vendor failed on `milestone`, whose rejection stands (not under
    /// escalation, and no longer open to one): the retention returns to the
    /// line with everything else not yet owed.
    Default {
        /// The rejected milestone.
        milestone: u8,
    },
}

/// Where an agreement's price is, at every moment:
/// `paid + queued + retention + deducted + decommitted + outstanding = price`,
/// where `outstanding` is the amount of milestones not yet approved.
///
/// Against the budget: the commitment's released plus queued figures equal
/// `paid + queued` (until the Treasurers decide a queued release), and what
/// it still binds is `retention + outstanding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    /// Paid to the vendor in the call that released it.
    pub paid: Balance,
    /// Sent to the Treasurers' queue (above the automatic limit, or while
    /// paused); the budget shows whether each was paid.
    pub queued: Balance,
    /// Held back from approved milestones, still committed.
    pub retention: Balance,
    /// Late-delivery deductions, returned to the line.
    pub deducted: Balance,
    /// Returned to the line when the agreement ended (lapse, termination,
    /// completion, an upheld defect claim).
    pub decommitted: Balance,
}

/// An agreement between the authority and a vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Agreement {
    /// The procurement it concludes.
    pub tender: TenderId,
    /// The vendor (signs, delivers, escalates; the only payee).
    pub vendor: AccountId,
    /// The assigned Inspector.
    pub inspector: AccountId,
    /// The budget commitment that funds it.
    pub commitment: CommitmentId,
    /// Total price.
    pub price: Balance,
    /// Retention and late-delivery terms.
    pub terms: Terms,
    /// Signing deadline (ms, exclusive).
    pub sign_by: Timestamp,
    /// Warranty period after the last approval (ms).
    pub warranty_ms: Timestamp,
    /// Number of milestones.
    pub milestones: u8,
    /// Milestones approved so far.
    pub approved: u8,
    /// Rejections waiting for an Auditor.
    pub escalated: u8,
    /// Where it stands.
    pub state: AgreementState,
    /// Where its money is.
    pub tally: Tally,
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MilestoneState {
    /// Not delivered yet.
    Pending,
    /// Delivered; waiting for the Inspector.
    Delivered,
    /// Rejected by the Inspector; the vendor may deliver again, and escalate
    /// while `appealable` and within `ESCALATION_WINDOW_MS` of `at`.
    Rejected {
        /// Hash of the Inspector's reasons.
        reason: Hash,
        /// When (ms).
        at: Timestamp,
        /// False once an Auditor upheld it.
        appealable: bool,
    },
    /// The vendor escalated the rejection; an Auditor upholds or overturns.
    Escalated {
        /// Hash of the Inspector's reasons.
        reason: Hash,
        /// When the rejection was made (ms).
        at: Timestamp,
    },
    /// Approved and paid; final.
    Approved {
        /// Late-delivery deduction, returned to the line.
        deduction: Balance,
        /// Held back until final acceptance.
        retention: Balance,
        /// Released to the vendor.
        payable: Balance,
        /// How the budget released `payable` (`None` if it was zero).
        release: Option<ReleaseOutcome>,
    },
}

/// One milestone of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Milestone {
    /// Its amount before deduction and retention.
    pub amount: Balance,
    /// Due date (ms).
    pub due: Timestamp,
    /// Hash of what is to be delivered.
    pub description: Hash,
    /// Deliveries made (a rejected milestone may be delivered again).
    pub deliveries: u16,
    /// Hash of the latest delivery's evidence.
    pub evidence: Hash,
    /// When the latest delivery was made (ms); lateness counts from it.
    pub delivered_at: Timestamp,
    /// Where it stands.
    pub state: MilestoneState,
}

impl Milestone {
    /// A milestone of a new agreement, as its offer specifies it.
    pub fn pending(spec: &MilestoneSpec) -> Milestone {
        Milestone {
            amount: spec.amount,
            due: spec.due,
            description: spec.description,
            deliveries: 0,
            evidence: Hash::default(),
            delivered_at: 0,
            state: MilestoneState::Pending,
        }
    }
}

impl Agreement {
    /// A new agreement offered to the vendor on `params` (already checked),
    /// with `milestones` milestones.
    pub fn offered(params: &AgreementParams, milestones: u8) -> Agreement {
        Agreement {
            tender: params.tender,
            vendor: params.vendor,
            inspector: params.inspector,
            commitment: params.commitment,
            price: params.price,
            terms: params.terms,
            sign_by: params.sign_by,
            warranty_ms: params.warranty_ms,
            milestones,
            approved: 0,
            escalated: 0,
            state: AgreementState::Offered,
            tally: Tally::default(),
        }
    }
}
