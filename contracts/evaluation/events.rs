//! Events of the evaluation contract: one event type, [`EvaluationEvent`],
//! whose [`Change`] says what happened, with the tender (the procurement id
//! every contract of the suite uses) and the account the change is about as
//! its topics. Every score is public as it is given, and the ranking when it
//! is made, so anyone can recompute it with `procurement_shared::ranking`.
//!
//! One event type rather than one per change: each `#[ink::event]` type
//! brings its own topic and emission code into the contract, and this
//! contract's code is loaded (and paid for in proof size) on every call.
//! Each `Change` variant is a struct of its own (below), so an indexer
//! decodes every kind of change with its named fields.

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use procurement_shared::tendering::BondSettlement;
use procurement_shared::{AgreementId, Balance, CommitmentId, TenderId, Timestamp};

use crate::types::{Interest, ProtestState, SetAside};

/// A committee was appointed and the valid bids taken from the tender.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct CommitteeAppointed {
    /// The tender.
    pub tender: TenderId,
    /// The members, by seat.
    pub members: Vec<AccountId>,
    /// Valid revealed bids under evaluation.
    pub bids: u32,
    /// Scoring deadline (ms).
    pub scoring_deadline: Timestamp,
    /// The officer.
    pub by: AccountId,
}

/// A member declared impartiality, or a conflict (and left the committee).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Declared {
    /// The tender.
    pub tender: TenderId,
    /// The member.
    pub member: AccountId,
    /// Hash of the declaration.
    pub declaration: Hash,
    /// Impartial, or a conflict (the member is recused).
    pub interest: Interest,
}

/// A recused member's seat went to a replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct MemberReplaced {
    /// The tender.
    pub tender: TenderId,
    /// The recused member.
    pub recused: AccountId,
    /// The new member.
    pub replacement: AccountId,
    /// The officer.
    pub by: AccountId,
}

/// A member scored a bid's quality (or revised the score).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Scored {
    /// The tender.
    pub tender: TenderId,
    /// The member.
    pub member: AccountId,
    /// The bid (its index under evaluation).
    pub bid: u32,
    /// The score, 0 to 100.
    pub quality: u8,
    /// The score it replaces, if a revision.
    pub previous: Option<u8>,
}

/// The bids were ranked (again after an award was set aside, without the
/// bids set aside).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Ranked {
    /// The tender.
    pub tender: TenderId,
    /// The award round this ranking opens (1 for the first ranking).
    pub round: u32,
    /// Admissible bids best first, as (bid index, total in millionths of a
    /// point, see `procurement_shared::ranking`).
    pub ranking: Vec<(u32, u64)>,
    /// Who finalized.
    pub by: AccountId,
}

/// A bid holds the provisional award; the standstill runs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ProvisionallyAwarded {
    /// The tender.
    pub tender: TenderId,
    /// The award round.
    pub round: u32,
    /// The bid (its index under evaluation).
    pub bid: u32,
    /// The bidder.
    pub winner: AccountId,
    /// Its price.
    pub price: Balance,
    /// End of the standstill (ms, exclusive).
    pub standstill_ends: Timestamp,
}

/// A bid left the running: its provisional award was set aside (a protest
/// upheld, a lapse, a conclusion that stalled), or it was ranked first but
/// its bidder had taken the bid security back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct AwardSetAside {
    /// The tender.
    pub tender: TenderId,
    /// The round that ended (for `SecurityWithdrawn`, the round before the
    /// award being made).
    pub round: u32,
    /// The bid set aside.
    pub bid: u32,
    /// Why.
    pub cause: SetAside,
}

/// The officer named another Inspector for the agreement to come (the one
/// named at appointment lost the role, or cannot serve).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct InspectorReplaced {
    /// The tender.
    pub tender: TenderId,
    /// The Inspector named before.
    pub previous: AccountId,
    /// The Inspector named now.
    pub inspector: AccountId,
    /// The officer.
    pub by: AccountId,
}

/// Money sent to the contract outside its messages (nobody's protest bond)
/// was deposited into the treasury.
#[ink::event]
pub struct EvaluationSurplusDeposited {
    /// The amount.
    pub amount: Balance,
    /// The Admin.
    pub by: AccountId,
}

/// A bidder protested the provisional award.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Protested {
    /// The tender.
    pub tender: TenderId,
    /// The protest's id.
    pub protest: u32,
    /// The award round challenged.
    pub round: u32,
    /// The protester.
    pub bidder: AccountId,
    /// Hash of the grounds.
    pub grounds: Hash,
    /// The bond posted.
    pub bond: Balance,
}

/// A protest was settled: decided, overdue or moot.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ProtestSettled {
    /// The tender.
    pub tender: TenderId,
    /// The protest's id.
    pub protest: u32,
    /// How it ended.
    pub state: ProtestState,
    /// Bond refunded to the protester.
    pub refunded: Balance,
    /// Bond deposited into the treasury.
    pub forfeited: Balance,
    /// The Auditor, or whoever settled it.
    pub by: AccountId,
}

/// The award was concluded: the price committed in the budget and the
/// agreement offered to the winner in the escrow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Concluded {
    /// The tender.
    pub tender: TenderId,
    /// The bid awarded.
    pub bid: u32,
    /// The winner.
    pub winner: AccountId,
    /// The price committed.
    pub price: Balance,
    /// The budget commitment.
    pub commitment: CommitmentId,
    /// The escrow agreement offered.
    pub agreement: AgreementId,
    /// Who concluded.
    pub by: AccountId,
}

/// The winner signed the agreement (bond returned) or let it lapse (bond
/// forfeited).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct WinnerSettled {
    /// The tender.
    pub tender: TenderId,
    /// The agreement.
    pub agreement: AgreementId,
    /// Signed: the bond returned; lapsed: forfeited.
    pub settlement: BondSettlement,
    /// The bond returned (signed) or forfeited (lapsed); 0 if the winner
    /// had no bond left.
    pub bond: Balance,
}

/// The tender ended without an agreement: no valid bid, no admissible bid,
/// none left after set-asides, or closed by the officer after a lapse.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ClosedUnsuccessful {
    /// The tender.
    pub tender: TenderId,
    /// Who closed it.
    pub by: AccountId,
}

procurement_shared::changes! {
    /// What an [`EvaluationEvent`] records: one variant per kind of change,
    /// each carrying the fields of that change.
    pub enum Change in change {
        CommitteeAppointed,
        Declared,
        MemberReplaced,
        Scored,
        Ranked,
        ProvisionallyAwarded,
        AwardSetAside,
        Protested,
        ProtestSettled,
        Concluded,
        WinnerSettled,
        ClosedUnsuccessful,
        InspectorReplaced,
    }
}

impl Change {
    /// The tender the change belongs to.
    pub fn tender(&self) -> TenderId {
        match self {
            Change::CommitteeAppointed(c) => c.tender,
            Change::Declared(c) => c.tender,
            Change::MemberReplaced(c) => c.tender,
            Change::Scored(c) => c.tender,
            Change::Ranked(c) => c.tender,
            Change::ProvisionallyAwarded(c) => c.tender,
            Change::AwardSetAside(c) => c.tender,
            Change::Protested(c) => c.tender,
            Change::ProtestSettled(c) => c.tender,
            Change::Concluded(c) => c.tender,
            Change::WinnerSettled(c) => c.tender,
            Change::ClosedUnsuccessful(c) => c.tender,
            Change::InspectorReplaced(c) => c.tender,
        }
    }

    /// The account the change is about (the member, the winner, the
    /// protester, or who acted), if the change names one.
    pub fn party(&self) -> Option<AccountId> {
        match self {
            Change::CommitteeAppointed(c) => Some(c.by),
            Change::Declared(c) => Some(c.member),
            Change::MemberReplaced(c) => Some(c.replacement),
            Change::Scored(c) => Some(c.member),
            Change::Ranked(c) => Some(c.by),
            Change::ProvisionallyAwarded(c) => Some(c.winner),
            Change::AwardSetAside(_) => None,
            Change::Protested(c) => Some(c.bidder),
            Change::ProtestSettled(c) => Some(c.by),
            Change::Concluded(c) => Some(c.winner),
            Change::WinnerSettled(_) => None,
            Change::ClosedUnsuccessful(c) => Some(c.by),
            Change::InspectorReplaced(c) => Some(c.inspector),
        }
    }
}

/// The evaluation contract's one event. Topics: the tender, and the account
/// the change is about (for changes that name none, who made the change),
/// so an indexer can follow a tender or a bidder.
#[ink::event]
pub struct EvaluationEvent {
    #[ink(topic)]
    pub tender: TenderId,
    #[ink(topic)]
    pub party: AccountId,
    pub change: Change,
}
