//! Typed facades over the suite's contracts: one struct per contract, one
//! method per message, taking and returning the contract crates' own types
//! (`budget::Error`, `tender::TenderParams`, ...). Message names and the text
//! form of every argument are written here once; the demo, the drink tests
//! and the bench all call these methods, so a change of a message's name or
//! arguments is one edit here and a compile error at every caller.
//!
//! Methods that change state return [`Outcome`]: the value, the contract's
//! refusal, or the chain's failure. Queries return `Result<_, String>`.

use std::marker::PhantomData;

use drink::AccountId32;
use ink::scale::Decode;
use procurement_shared::contracting::Contracting;
use procurement_shared::tendering::{BondSettlement, Funding};
use procurement_shared::{
    AgreementId, Balance, CommitmentId, LineId, Peers, ReleaseId, ReservationId, Role, RoleSet, Ruling, TenderId, Timestamp,
};

use crate::chain::{arg, from_ink, hex, Chain, Outcome};
use crate::config::role_name;

/// A deployed contract whose messages refuse with `E`.
pub struct Handle<E> {
    address: AccountId32,
    refusal: PhantomData<E>,
}

impl<E: Decode> Handle<E> {
    /// The contract at `address`.
    pub fn at(address: AccountId32) -> Self {
        Handle { address, refusal: PhantomData }
    }

    /// Its address.
    pub fn address(&self) -> &AccountId32 {
        &self.address
    }

    fn send<T: Decode>(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        message: &str,
        args: &[String],
        value: Option<Balance>,
    ) -> Outcome<T, E> {
        s.call(&self.address, by, message, args, value)
    }

    fn read<T: Decode>(&self, s: &mut impl Chain, message: &str, args: &[String]) -> Result<T, String> {
        s.query(&self.address, message, args)
    }
}

/// A fieldless enum argument as the transcoder reads it: its variant name.
fn variant(value: impl core::fmt::Debug) -> String {
    format!("{value:?}")
}

/// The role registry (`access_control`).
pub type Registry = Handle<access_control::Error>;
/// The treasury (`budget`).
pub type Treasury = Handle<budget::Error>;
/// The tender book (`tender`).
pub type Tenders = Handle<tender::Error>;
/// The escrow of agreements (`escrow`).
pub type Escrow = Handle<escrow::Error>;
/// The evaluation book (`evaluation`).
pub type Evaluations = Handle<evaluation::Error>;

impl Registry {
    pub fn link_role_book(&self, s: &mut impl Chain, by: &AccountId32, book: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, "link_role_book", &[arg(book)], None)
    }

    pub fn role_book(&self, s: &mut impl Chain) -> Result<Option<ink::primitives::AccountId>, String> {
        self.read(s, "role_book", &[])
    }

    /// `link_peers(peers)`: the service roles to the suite's contracts, once.
    pub fn link_peers(&self, s: &mut impl Chain, by: &AccountId32, peers: &Peers) -> Outcome<(), access_control::Error> {
        self.send(s, by, "link_peers", &[peers_arg(peers)], None)
    }

    pub fn peers(&self, s: &mut impl Chain) -> Result<Option<Peers>, String> {
        self.read(s, "peers", &[])
    }

    pub fn grant_role(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        role: Role,
        account: &AccountId32,
    ) -> Outcome<(), access_control::Error> {
        self.send(s, by, "grant_role", &[role_name(role), arg(account)], None)
    }

    pub fn revoke_role(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        role: Role,
        account: &AccountId32,
    ) -> Outcome<(), access_control::Error> {
        self.send(s, by, "revoke_role", &[role_name(role), arg(account)], None)
    }

    pub fn declare_exclusive(&self, s: &mut impl Chain, by: &AccountId32, first: Role, second: Role) -> Outcome<(), access_control::Error> {
        self.send(s, by, "declare_exclusive", &[role_name(first), role_name(second)], None)
    }

    pub fn remove_exclusive(&self, s: &mut impl Chain, by: &AccountId32, first: Role, second: Role) -> Outcome<(), access_control::Error> {
        self.send(s, by, "remove_exclusive", &[role_name(first), role_name(second)], None)
    }

    pub fn propose_admin(&self, s: &mut impl Chain, by: &AccountId32, proposed: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, "propose_admin", &[arg(proposed)], None)
    }

    pub fn accept_admin(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, "accept_admin", &[], None)
    }

    pub fn pause(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, "pause", &[], None)
    }

    pub fn unpause(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, "unpause", &[], None)
    }

    pub fn renounce_role(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        role: Role,
        account: &AccountId32,
    ) -> Outcome<(), access_control::Error> {
        self.send(s, by, "renounce_role", &[role_name(role), arg(account)], None)
    }

    pub fn set_role_admin(&self, s: &mut impl Chain, by: &AccountId32, role: Role, admin_role: Role) -> Outcome<(), access_control::Error> {
        self.send(s, by, "set_role_admin", &[role_name(role), role_name(admin_role)], None)
    }

    pub fn cancel_admin_proposal(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, "cancel_admin_proposal", &[], None)
    }

    pub fn standing(&self, s: &mut impl Chain, account: &AccountId32) -> Result<(RoleSet, bool), String> {
        self.read(s, "standing", &[arg(account)])
    }

    pub fn has_role(&self, s: &mut impl Chain, role: Role, account: &AccountId32) -> Result<bool, String> {
        self.read(s, "has_role", &[role_name(role), arg(account)])
    }

    pub fn roles_of(&self, s: &mut impl Chain, account: &AccountId32) -> Result<Vec<Role>, String> {
        self.read(s, "roles_of", &[arg(account)])
    }

    pub fn member_count(&self, s: &mut impl Chain, role: Role) -> Result<u32, String> {
        self.read(s, "member_count", &[role_name(role)])
    }

    pub fn is_exclusive(&self, s: &mut impl Chain, first: Role, second: Role) -> Result<bool, String> {
        self.read(s, "is_exclusive", &[role_name(first), role_name(second)])
    }

    pub fn pending_admin(&self, s: &mut impl Chain) -> Result<Option<AccountId32>, String> {
        let pending: Option<ink::primitives::AccountId> = self.read(s, "pending_admin", &[])?;
        Ok(pending.as_ref().map(from_ink))
    }

    pub fn admin(&self, s: &mut impl Chain) -> Result<AccountId32, String> {
        let admin: ink::primitives::AccountId = self.read(s, "admin", &[])?;
        Ok(from_ink(&admin))
    }

    pub fn is_paused(&self, s: &mut impl Chain) -> Result<bool, String> {
        self.read(s, "is_paused", &[])
    }

    pub fn check_role(&self, s: &mut impl Chain, role: Role, account: &AccountId32) -> Result<Result<(), access_control::Error>, String> {
        self.read(s, "check_role", &[role_name(role), arg(account)])
    }

    pub fn check_role_unpaused(
        &self,
        s: &mut impl Chain,
        role: Role,
        account: &AccountId32,
    ) -> Result<Result<(), access_control::Error>, String> {
        self.read(s, "check_role_unpaused", &[role_name(role), arg(account)])
    }

    /// Up to `limit` (at most 100) members of `role` from position `start`.
    pub fn members(&self, s: &mut impl Chain, role: Role, start: u32, limit: u32) -> Result<Vec<AccountId32>, String> {
        let page: Vec<ink::primitives::AccountId> = self.read(s, "members", &[role_name(role), start.to_string(), limit.to_string()])?;
        Ok(page.iter().map(from_ink).collect())
    }
}

/// The suite's peer contracts as a message argument.
fn peers_arg(p: &Peers) -> String {
    format!(
        "Peers {{ tender: {}, evaluation: {}, escrow: {} }}",
        arg(&from_ink(&p.tender)),
        arg(&from_ink(&p.evaluation)),
        arg(&from_ink(&p.escrow))
    )
}

/// A release policy as a message argument.
fn policy_arg(p: &budget::ReleasePolicy) -> String {
    format!(
        "ReleasePolicy {{ auto_release_limit: {}, cap_window_ms: {}, window_cap: {}, approvals_required: {} }}",
        p.auto_release_limit, p.cap_window_ms, p.window_cap, p.approvals_required
    )
}

impl Treasury {
    /// `deposit` with `amount` attached.
    pub fn deposit(&self, s: &mut impl Chain, from: &AccountId32, amount: Balance) -> Outcome<(), budget::Error> {
        self.send(s, from, "deposit", &[], Some(amount))
    }

    pub fn open_line(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        code: &[u8],
        period_start: Timestamp,
        period_end: Timestamp,
        appropriation: Balance,
    ) -> Outcome<LineId, budget::Error> {
        let args = [hex(code), period_start.to_string(), period_end.to_string(), appropriation.to_string()];
        self.send(s, by, "open_line", &args, None)
    }

    pub fn increase_appropriation(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        amount: Balance,
    ) -> Outcome<(), budget::Error> {
        self.send(s, by, "increase_appropriation", &[line.to_string(), amount.to_string()], None)
    }

    pub fn decrease_appropriation(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        amount: Balance,
    ) -> Outcome<(), budget::Error> {
        self.send(s, by, "decrease_appropriation", &[line.to_string(), amount.to_string()], None)
    }

    pub fn close_line(&self, s: &mut impl Chain, by: &AccountId32, line: LineId) -> Outcome<(), budget::Error> {
        self.send(s, by, "close_line", &[line.to_string()], None)
    }

    pub fn cancel_reservation(&self, s: &mut impl Chain, by: &AccountId32, reservation: ReservationId) -> Outcome<(), budget::Error> {
        self.send(s, by, "cancel_reservation", &[reservation.to_string()], None)
    }

    pub fn reject_release(&self, s: &mut impl Chain, by: &AccountId32, release: ReleaseId) -> Outcome<(), budget::Error> {
        self.send(s, by, "reject_release", &[release.to_string()], None)
    }

    pub fn execute_release(&self, s: &mut impl Chain, by: &AccountId32, release: ReleaseId) -> Outcome<(), budget::Error> {
        self.send(s, by, "execute_release", &[release.to_string()], None)
    }

    /// `decommit(commitment, amount)`: `None` closes the commitment.
    pub fn decommit(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        commitment: CommitmentId,
        amount: Option<Balance>,
    ) -> Outcome<Balance, budget::Error> {
        self.send(s, by, "decommit", &[commitment.to_string(), option(amount)], None)
    }

    pub fn set_default_policy(&self, s: &mut impl Chain, by: &AccountId32, policy: &budget::ReleasePolicy) -> Outcome<(), budget::Error> {
        self.send(s, by, "set_default_policy", &[policy_arg(policy)], None)
    }

    pub fn set_line_policy(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        policy: Option<&budget::ReleasePolicy>,
    ) -> Outcome<(), budget::Error> {
        let policy = option(policy.map(policy_arg));
        self.send(s, by, "set_line_policy", &[line.to_string(), policy], None)
    }

    pub fn reserve(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        amount: Balance,
        tender: TenderId,
    ) -> Outcome<ReservationId, budget::Error> {
        self.send(s, by, "reserve", &[line.to_string(), amount.to_string(), tender.to_string()], None)
    }

    pub fn commit(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        reservation: ReservationId,
        amount: Balance,
        payee: &AccountId32,
    ) -> Outcome<CommitmentId, budget::Error> {
        self.send(s, by, "commit", &[reservation.to_string(), amount.to_string(), arg(payee)], None)
    }

    pub fn release(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        commitment: CommitmentId,
        amount: Balance,
        to: &AccountId32,
    ) -> Outcome<budget::ReleaseOutcome, budget::Error> {
        self.send(s, by, "release", &[commitment.to_string(), amount.to_string(), arg(to)], None)
    }

    pub fn approve_release(&self, s: &mut impl Chain, by: &AccountId32, release: ReleaseId) -> Outcome<(), budget::Error> {
        self.send(s, by, "approve_release", &[release.to_string()], None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, budget::Error> {
        self.send(s, by, "book_surplus", &[], None)
    }

    pub fn totals(&self, s: &mut impl Chain) -> Result<budget::Totals, String> {
        self.read(s, "totals", &[])
    }

    pub fn queued_release(&self, s: &mut impl Chain, release: ReleaseId) -> Result<Option<budget::QueuedRelease>, String> {
        self.read(s, "queued_release", &[release.to_string()])
    }

    /// Up to `limit` (at most 50) queued releases from id `start`.
    pub fn releases(&self, s: &mut impl Chain, start: ReleaseId, limit: u32) -> Result<Vec<(ReleaseId, budget::QueuedRelease)>, String> {
        self.read(s, "releases", &[start.to_string(), limit.to_string()])
    }

    pub fn line_by_code(&self, s: &mut impl Chain, code: &[u8]) -> Result<Option<LineId>, String> {
        self.read(s, "line_by_code", &[hex(code)])
    }

    pub fn line_count(&self, s: &mut impl Chain) -> Result<LineId, String> {
        self.read(s, "line_count", &[])
    }

    pub fn line(&self, s: &mut impl Chain, line: LineId) -> Result<Option<budget::Line>, String> {
        self.read(s, "line", &[line.to_string()])
    }

    pub fn reservation(&self, s: &mut impl Chain, reservation: ReservationId) -> Result<Option<budget::Reservation>, String> {
        self.read(s, "reservation", &[reservation.to_string()])
    }

    pub fn commitment(&self, s: &mut impl Chain, commitment: CommitmentId) -> Result<Option<budget::Commitment>, String> {
        self.read(s, "commitment", &[commitment.to_string()])
    }
}

/// An optional number as a message argument.
fn option(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "None".to_string(), |v| format!("Some({})", v.to_string()))
}

/// Tender parameters as a message argument.
fn params_arg(p: &tender::TenderParams) -> String {
    let method = match p.method {
        tender::EvaluationMethod::LowestPrice => "LowestPrice".to_string(),
        tender::EvaluationMethod::WeightedPriceQuality { price_weight, quality_weight, min_quality } => {
            format!("WeightedPriceQuality {{ price_weight: {price_weight}, quality_weight: {quality_weight}, min_quality: {min_quality} }}")
        }
    };
    let milestones: Vec<String> = p
        .milestones
        .iter()
        .map(|m| {
            let description: &[u8] = m.description.as_ref();
            format!("Milestone {{ share_bps: {}, due_offset_ms: {}, description: {} }}", m.share_bps, m.due_offset_ms, hex(description))
        })
        .collect();
    let dossier: &[u8] = p.dossier.as_ref();
    format!(
        "TenderParams {{ line: {}, estimate: {}, dossier: {}, bond: {}, submission_deadline: {}, reveal_deadline: {}, \
         method: {method}, standstill_ms: {}, milestones: [{}] }}",
        p.line,
        p.estimate,
        hex(dossier),
        p.bond,
        p.submission_deadline,
        p.reveal_deadline,
        p.standstill_ms,
        milestones.join(", ")
    )
}

impl Tenders {
    pub fn publish(&self, s: &mut impl Chain, by: &AccountId32, params: &tender::TenderParams) -> Outcome<TenderId, tender::Error> {
        self.send(s, by, "publish", &[params_arg(params)], None)
    }

    pub fn amend(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        dossier: &[u8; 32],
        submission_deadline: Timestamp,
        reveal_deadline: Timestamp,
    ) -> Outcome<u32, tender::Error> {
        let args = [tender.to_string(), hex(dossier), submission_deadline.to_string(), reveal_deadline.to_string()];
        self.send(s, by, "amend", &args, None)
    }

    pub fn cancel(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), tender::Error> {
        self.send(s, by, "cancel", &[tender.to_string()], None)
    }

    /// `commit_bid` with `bond` attached (0 for a replacement).
    pub fn commit_bid(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        commitment: &[u8; 32],
        bond: Balance,
    ) -> Outcome<(), tender::Error> {
        self.send(s, by, "commit_bid", &[tender.to_string(), hex(commitment)], Some(bond))
    }

    pub fn withdraw_bid(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), tender::Error> {
        self.send(s, by, "withdraw_bid", &[tender.to_string()], None)
    }

    pub fn reveal_bid(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        price: Balance,
        proposal: &[u8; 32],
        salt: &[u8; 32],
    ) -> Outcome<(), tender::Error> {
        self.send(s, by, "reveal_bid", &[tender.to_string(), price.to_string(), hex(proposal), hex(salt)], None)
    }

    pub fn claim_bond(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Balance, tender::Error> {
        self.send(s, by, "claim_bond", &[tender.to_string()], None)
    }

    pub fn forfeit_bond(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        bidder: &AccountId32,
    ) -> Outcome<Balance, tender::Error> {
        self.send(s, by, "forfeit_bond", &[tender.to_string(), arg(bidder)], None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, tender::Error> {
        self.send(s, by, "book_surplus", &[], None)
    }

    pub fn award(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        winner: &AccountId32,
        funding: Funding,
    ) -> Outcome<(), tender::Error> {
        self.send(s, by, "award", &[tender.to_string(), arg(winner), variant(funding)], None)
    }

    pub fn settle_winner_bond(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        settlement: BondSettlement,
    ) -> Outcome<Balance, tender::Error> {
        self.send(s, by, "settle_winner_bond", &[tender.to_string(), variant(settlement)], None)
    }

    pub fn close_unsuccessful(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), tender::Error> {
        self.send(s, by, "close_unsuccessful", &[tender.to_string()], None)
    }

    pub fn tender(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<tender::Tender>, String> {
        self.read(s, "tender", &[tender.to_string()])
    }

    pub fn tender_count(&self, s: &mut impl Chain) -> Result<TenderId, String> {
        self.read(s, "tender_count", &[])
    }

    pub fn phase(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<tender::Phase>, String> {
        self.read(s, "phase", &[tender.to_string()])
    }

    pub fn amendment(&self, s: &mut impl Chain, tender: TenderId, number: u32) -> Result<Option<tender::Amendment>, String> {
        self.read(s, "amendment", &[tender.to_string(), number.to_string()])
    }

    /// Up to `limit` (at most 50) bidders in the book from position `start`.
    pub fn bidders(&self, s: &mut impl Chain, tender: TenderId, start: u32, limit: u32) -> Result<Vec<AccountId32>, String> {
        let page: Vec<ink::primitives::AccountId> = self.read(s, "bidders", &[tender.to_string(), start.to_string(), limit.to_string()])?;
        Ok(page.iter().map(from_ink).collect())
    }

    pub fn bid(&self, s: &mut impl Chain, tender: TenderId, bidder: &AccountId32) -> Result<Option<tender::Bid>, String> {
        self.read(s, "bid", &[tender.to_string(), arg(bidder)])
    }

    /// Up to `limit` (at most 50) revealed bids from position `start`.
    pub fn revealed_bids(&self, s: &mut impl Chain, tender: TenderId, start: u32, limit: u32) -> Result<Vec<tender::RevealedBid>, String> {
        self.read(s, "revealed_bids", &[tender.to_string(), start.to_string(), limit.to_string()])
    }

    /// Bonds on the books and the contract's spendable balance.
    pub fn bond_totals(&self, s: &mut impl Chain) -> Result<(Balance, Balance), String> {
        self.read(s, "bond_totals", &[])
    }
}

/// Agreement parameters as a message argument.
fn terms_arg(t: &procurement_shared::tranche::Terms) -> String {
    format!("Terms {{ retention_bps: {}, late_bps_per_day: {}, late_cap_bps: {} }}", t.retention_bps, t.late_bps_per_day, t.late_cap_bps)
}

fn agreement_arg(p: &escrow::AgreementParams) -> String {
    let milestones: Vec<String> = p
        .milestones
        .iter()
        .map(|m| {
            let description: &[u8] = m.description.as_ref();
            format!("MilestoneSpec {{ amount: {}, due: {}, description: {} }}", m.amount, m.due, hex(description))
        })
        .collect();
    format!(
        "AgreementParams {{ tender: {}, vendor: {}, commitment: {}, price: {}, milestones: [{}], \
         terms: {}, inspector: {}, sign_by: {}, warranty_ms: {} }}",
        p.tender,
        arg(&from_ink(&p.vendor)),
        p.commitment,
        p.price,
        milestones.join(", "),
        terms_arg(&p.terms),
        arg(&from_ink(&p.inspector)),
        p.sign_by,
        p.warranty_ms
    )
}

fn termination_arg(termination: escrow::Termination) -> String {
    match termination {
        escrow::Termination::Convenience => "Convenience".to_string(),
        escrow::Termination::Default { milestone } => format!("Default {{ milestone: {milestone} }}"),
    }
}

impl Escrow {
    pub fn create(&self, s: &mut impl Chain, by: &AccountId32, params: &escrow::AgreementParams) -> Outcome<AgreementId, escrow::Error> {
        self.send(s, by, "create", &[agreement_arg(params)], None)
    }

    pub fn sign(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId) -> Outcome<(), escrow::Error> {
        self.send(s, by, "sign", &[agreement.to_string()], None)
    }

    pub fn lapse(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId) -> Outcome<(), escrow::Error> {
        self.send(s, by, "lapse", &[agreement.to_string()], None)
    }

    pub fn deliver(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        milestone: u8,
        evidence: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, "deliver", &[agreement.to_string(), milestone.to_string(), hex(evidence)], None)
    }

    pub fn approve(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId, milestone: u8) -> Outcome<(), escrow::Error> {
        self.send(s, by, "approve", &[agreement.to_string(), milestone.to_string()], None)
    }

    pub fn reject(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        milestone: u8,
        reason: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, "reject", &[agreement.to_string(), milestone.to_string(), hex(reason)], None)
    }

    pub fn escalate(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId, milestone: u8) -> Outcome<(), escrow::Error> {
        self.send(s, by, "escalate", &[agreement.to_string(), milestone.to_string()], None)
    }

    pub fn decide_escalation(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        milestone: u8,
        rejection: Ruling,
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, "decide_escalation", &[agreement.to_string(), milestone.to_string(), variant(rejection)], None)
    }

    pub fn claim_defect(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        evidence: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, "claim_defect", &[agreement.to_string(), hex(evidence)], None)
    }

    pub fn decide_claim(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId, claim: Ruling) -> Outcome<(), escrow::Error> {
        self.send(s, by, "decide_claim", &[agreement.to_string(), variant(claim)], None)
    }

    pub fn complete(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId) -> Outcome<(), escrow::Error> {
        self.send(s, by, "complete", &[agreement.to_string()], None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, escrow::Error> {
        self.send(s, by, "book_surplus", &[], None)
    }

    pub fn terminate(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        termination: escrow::Termination,
        reason: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, "terminate", &[agreement.to_string(), termination_arg(termination), hex(reason)], None)
    }

    pub fn agreement(&self, s: &mut impl Chain, agreement: AgreementId) -> Result<Option<escrow::Agreement>, String> {
        self.read(s, "agreement", &[agreement.to_string()])
    }

    pub fn milestone(&self, s: &mut impl Chain, agreement: AgreementId, milestone: u8) -> Result<Option<escrow::Milestone>, String> {
        self.read(s, "milestone", &[agreement.to_string(), milestone.to_string()])
    }

    pub fn milestones(&self, s: &mut impl Chain, agreement: AgreementId) -> Result<Vec<escrow::Milestone>, String> {
        self.read(s, "milestones", &[agreement.to_string()])
    }

    pub fn still_committed(&self, s: &mut impl Chain, agreement: AgreementId) -> Result<Option<Balance>, String> {
        self.read(s, "still_committed", &[agreement.to_string()])
    }

    pub fn agreement_of(&self, s: &mut impl Chain, commitment: CommitmentId) -> Result<Option<AgreementId>, String> {
        self.read(s, "agreement_of", &[commitment.to_string()])
    }

    pub fn agreement_count(&self, s: &mut impl Chain) -> Result<AgreementId, String> {
        self.read(s, "agreement_count", &[])
    }
}

impl Evaluations {
    pub fn appoint(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        members: &[AccountId32],
        scoring_deadline: Timestamp,
        contracting: &Contracting,
    ) -> Outcome<u32, evaluation::Error> {
        let members: Vec<String> = members.iter().map(arg).collect();
        let contracting = format!(
            "Contracting {{ inspector: {}, terms: {}, warranty_ms: {} }}",
            arg(&from_ink(&contracting.inspector)),
            terms_arg(&contracting.terms),
            contracting.warranty_ms
        );
        self.send(
            s,
            by,
            "appoint",
            &[tender.to_string(), format!("[{}]", members.join(", ")), scoring_deadline.to_string(), contracting],
            None,
        )
    }

    pub fn close_without_bids(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "close_without_bids", &[tender.to_string()], None)
    }

    pub fn protest(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        bid: u32,
        grounds: &[u8; 32],
        bond: Balance,
    ) -> Outcome<u32, evaluation::Error> {
        self.send(s, by, "protest", &[tender.to_string(), bid.to_string(), hex(grounds)], Some(bond))
    }

    pub fn resolve(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        protest: u32,
        ruling: Ruling,
        reasons: &[u8; 32],
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "resolve", &[tender.to_string(), protest.to_string(), variant(ruling), hex(reasons)], None)
    }

    pub fn settle_protest(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId, protest: u32) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "settle_protest", &[tender.to_string(), protest.to_string()], None)
    }

    pub fn conclude(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<AgreementId, evaluation::Error> {
        self.send(s, by, "conclude", &[tender.to_string()], None)
    }

    pub fn settle_winner(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Balance, evaluation::Error> {
        self.send(s, by, "settle_winner", &[tender.to_string()], None)
    }

    pub fn award_next(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Option<u32>, evaluation::Error> {
        self.send(s, by, "award_next", &[tender.to_string()], None)
    }

    pub fn close(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "close", &[tender.to_string()], None)
    }

    pub fn close_stalled(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "close_stalled", &[tender.to_string()], None)
    }

    pub fn replace_inspector(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        inspector: &AccountId32,
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "replace_inspector", &[tender.to_string(), arg(inspector)], None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, evaluation::Error> {
        self.send(s, by, "book_surplus", &[], None)
    }

    pub fn protest_of(&self, s: &mut impl Chain, tender: TenderId, protest: u32) -> Result<Option<evaluation::Protest>, String> {
        self.read(s, "protest_of", &[tender.to_string(), protest.to_string()])
    }

    pub fn held(&self, s: &mut impl Chain) -> Result<Balance, String> {
        self.read(s, "held", &[])
    }

    pub fn replace(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        recused: &AccountId32,
        replacement: &AccountId32,
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "replace", &[tender.to_string(), arg(recused), arg(replacement)], None)
    }

    pub fn declare(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        declaration: &[u8; 32],
        interest: evaluation::Interest,
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "declare", &[tender.to_string(), hex(declaration), variant(interest)], None)
    }

    pub fn score(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId, bid: u32, quality: u8) -> Outcome<(), evaluation::Error> {
        self.send(s, by, "score", &[tender.to_string(), bid.to_string(), quality.to_string()], None)
    }

    pub fn finalize(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Option<u32>, evaluation::Error> {
        self.send(s, by, "finalize", &[tender.to_string()], None)
    }

    pub fn evaluation(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<evaluation::Evaluation>, String> {
        self.read(s, "evaluation", &[tender.to_string()])
    }

    pub fn entry(&self, s: &mut impl Chain, tender: TenderId, bid: u32) -> Result<Option<evaluation::Entry>, String> {
        self.read(s, "entry", &[tender.to_string(), bid.to_string()])
    }

    pub fn ranking(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<Vec<(u32, u64)>>, String> {
        self.read(s, "ranking", &[tender.to_string()])
    }

    pub fn score_of(&self, s: &mut impl Chain, tender: TenderId, member: &AccountId32, bid: u32) -> Result<Option<u8>, String> {
        self.read(s, "score_of", &[tender.to_string(), arg(member), bid.to_string()])
    }

    pub fn committee(&self, s: &mut impl Chain, tender: TenderId) -> Result<Vec<(ink::primitives::AccountId, evaluation::Member)>, String> {
        self.read(s, "committee", &[tender.to_string()])
    }
}
