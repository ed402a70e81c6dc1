//! Typed facades over the suite's contracts: one struct per contract, one
//! method per message, taking and returning the contract crates' own types
//! (`budget::Error`, `tender::TenderParams`, ...). Each call is encoded by
//! the contract crate's own call builder (`ink-as-dependency`), so a
//! renamed message, a changed argument or a changed answer type is a
//! compile error here, and the same bytes go to the sandbox and to a live
//! node. The demo, the drink tests and the bench all call these methods.
//!
//! Methods that change state return [`Outcome`]: the value, the contract's
//! refusal, or the chain's failure. Queries return `Result<_, String>`.

use std::marker::PhantomData;

use drink::AccountId32;
use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::env::DefaultEnvironment;
use ink::primitives::Hash;
use ink::scale::{Decode, Encode};
use procurement_shared::contracting::Contracting;
use procurement_shared::tendering::{BondSettlement, Funding};
use procurement_shared::{
    AgreementId, Balance, CommitmentId, LineId, Peers, ReleaseId, ReservationId, Role, RoleSet, Ruling, SealedBid, StorageLayout, TenderId,
    Timestamp,
};

use crate::chain::{at, from_ink, ink_id, message, Builder, Chain, Message, Outcome};

/// A deployed contract, called through its crate's reference type `R`
/// (`budget::BudgetRef`, ...).
pub struct Handle<R> {
    address: AccountId32,
    contract: PhantomData<fn() -> R>,
}

impl<R: FromAccountId<DefaultEnvironment>> Handle<R> {
    /// The contract at `address`.
    pub fn at(address: AccountId32) -> Self {
        Handle { address, contract: PhantomData }
    }

    /// Its address.
    pub fn address(&self) -> &AccountId32 {
        &self.address
    }

    /// The contract's call builder.
    fn r(&self) -> R {
        at(&self.address)
    }

    fn send<Args: Encode, T: Decode, E: Decode>(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        call: Builder<Args, Result<T, E>>,
        value: Option<Balance>,
    ) -> Outcome<T, E> {
        s.call(&self.address, by, &message(call), value)
    }

    fn read<Args: Encode, T: Decode>(&self, s: &mut impl Chain, call: Builder<Args, T>) -> Result<T, String> {
        s.query(&self.address, &message(call))
    }

    /// Which contract's storage it holds, and the layout version
    /// (`storage_layout`, which every suite contract has).
    pub fn storage_layout(&self, s: &mut impl Chain) -> Result<Option<StorageLayout>, String> {
        s.query(&self.address, &Message::named("storage_layout"))
    }

    /// `set_code(code_hash)` as `by`: only the governor's own call succeeds
    /// (the tests use it to show that nobody else's does). `E` is the
    /// contract's error type.
    pub fn set_code<E: Decode>(&self, s: &mut impl Chain, by: &AccountId32, code_hash: Hash) -> Outcome<(), E> {
        s.call(&self.address, by, &Message::named("set_code").arg(&code_hash), None)
    }

    /// `migrate()` as `by` (see [`Handle::set_code`]).
    pub fn migrate<E: Decode>(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Option<u16>, E> {
        s.call(&self.address, by, &Message::named("migrate"), None)
    }
}

/// The role registry (`access_control`).
pub type Registry = Handle<access_control::AccessControlRef>;
/// The treasury (`budget`).
pub type Treasury = Handle<budget::BudgetRef>;
/// The tender book (`tender`).
pub type Tenders = Handle<tender::TenderBookRef>;
/// The escrow of agreements (`escrow`).
pub type Escrow = Handle<escrow::escrow::EscrowRef>;
/// The evaluation book (`evaluation`).
pub type Evaluations = Handle<evaluation::evaluation::EvaluationBookRef>;
/// The registry's answers (`role_book`).
pub type RoleBook = Handle<role_book::RoleBookRef>;
/// The governor of delayed changes (`governor`).
pub type Governor = Handle<governor::GovernorRef>;

impl Governor {
    /// `schedule(action, eta)` as `by` (the Admin): the change's id.
    pub fn schedule(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        action: &governor::Action,
        eta: Timestamp,
    ) -> Outcome<governor::ChangeId, governor::Error> {
        self.send(s, by, self.r().call_mut().schedule(*action, eta), None)
    }

    /// `cancel(id)` as `by`.
    pub fn cancel(&self, s: &mut impl Chain, by: &AccountId32, id: governor::ChangeId) -> Outcome<(), governor::Error> {
        self.send(s, by, self.r().call_mut().cancel(id), None)
    }

    /// `execute(id)` as `by` (anyone): the version an upgrade migrated from.
    pub fn execute(&self, s: &mut impl Chain, by: &AccountId32, id: governor::ChangeId) -> Outcome<Option<u16>, governor::Error> {
        self.send(s, by, self.r().call_mut().execute(id), None)
    }

    pub fn change(&self, s: &mut impl Chain, id: governor::ChangeId) -> Result<Option<governor::ScheduledChange>, String> {
        self.read(s, self.r().call().change(id))
    }

    pub fn pending_changes(
        &self,
        s: &mut impl Chain,
        start: u32,
        limit: u32,
    ) -> Result<Vec<(governor::ChangeId, governor::ScheduledChange)>, String> {
        self.read(s, self.r().call().pending_changes(start, limit))
    }

    pub fn pending_count(&self, s: &mut impl Chain) -> Result<u32, String> {
        self.read(s, self.r().call().pending_count())
    }

    pub fn change_count(&self, s: &mut impl Chain) -> Result<governor::ChangeId, String> {
        self.read(s, self.r().call().change_count())
    }

    pub fn min_delay(&self, s: &mut impl Chain) -> Result<Timestamp, String> {
        self.read(s, self.r().call().min_delay())
    }

    pub fn governed(&self, s: &mut impl Chain) -> Result<governor::Governed, String> {
        self.read(s, self.r().call().governed())
    }
}

impl Registry {
    pub fn link_role_book(&self, s: &mut impl Chain, by: &AccountId32, book: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().link_role_book(ink_id(book)), None)
    }

    pub fn role_book(&self, s: &mut impl Chain) -> Result<Option<ink::primitives::AccountId>, String> {
        self.read(s, self.r().call().role_book())
    }

    /// `link_peers(peers)`: the service roles to the suite's contracts, once.
    pub fn link_peers(&self, s: &mut impl Chain, by: &AccountId32, peers: &Peers) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().link_peers(*peers), None)
    }

    pub fn peers(&self, s: &mut impl Chain) -> Result<Option<Peers>, String> {
        self.read(s, self.r().call().peers())
    }

    pub fn grant_role(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        role: Role,
        account: &AccountId32,
    ) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().grant_role(role, ink_id(account)), None)
    }

    pub fn revoke_role(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        role: Role,
        account: &AccountId32,
    ) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().revoke_role(role, ink_id(account)), None)
    }

    pub fn declare_exclusive(&self, s: &mut impl Chain, by: &AccountId32, first: Role, second: Role) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().declare_exclusive(first, second), None)
    }

    pub fn remove_exclusive(&self, s: &mut impl Chain, by: &AccountId32, first: Role, second: Role) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().remove_exclusive(first, second), None)
    }

    pub fn propose_admin(&self, s: &mut impl Chain, by: &AccountId32, proposed: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().propose_admin(ink_id(proposed)), None)
    }

    pub fn accept_admin(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().accept_admin(), None)
    }

    pub fn pause(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().pause(), None)
    }

    pub fn unpause(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().unpause(), None)
    }

    pub fn renounce_role(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        role: Role,
        account: &AccountId32,
    ) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().renounce_role(role, ink_id(account)), None)
    }

    pub fn set_role_admin(&self, s: &mut impl Chain, by: &AccountId32, role: Role, admin_role: Role) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().set_role_admin(role, admin_role), None)
    }

    pub fn cancel_admin_proposal(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<(), access_control::Error> {
        self.send(s, by, self.r().call_mut().cancel_admin_proposal(), None)
    }

    pub fn standing(&self, s: &mut impl Chain, account: &AccountId32) -> Result<(RoleSet, bool), String> {
        self.read(s, self.r().call().standing(ink_id(account)))
    }

    pub fn has_role(&self, s: &mut impl Chain, role: Role, account: &AccountId32) -> Result<bool, String> {
        self.read(s, self.r().call().has_role(role, ink_id(account)))
    }

    pub fn roles_of(&self, s: &mut impl Chain, account: &AccountId32) -> Result<Vec<Role>, String> {
        self.read(s, self.r().call().roles_of(ink_id(account)))
    }

    pub fn member_count(&self, s: &mut impl Chain, role: Role) -> Result<u32, String> {
        self.read(s, self.r().call().member_count(role))
    }

    pub fn is_exclusive(&self, s: &mut impl Chain, first: Role, second: Role) -> Result<bool, String> {
        self.read(s, self.r().call().is_exclusive(first, second))
    }

    pub fn pending_admin(&self, s: &mut impl Chain) -> Result<Option<AccountId32>, String> {
        let pending: Option<ink::primitives::AccountId> = self.read(s, self.r().call().pending_admin())?;
        Ok(pending.as_ref().map(from_ink))
    }

    pub fn admin(&self, s: &mut impl Chain) -> Result<AccountId32, String> {
        let admin: ink::primitives::AccountId = self.read(s, self.r().call().admin())?;
        Ok(from_ink(&admin))
    }

    pub fn is_paused(&self, s: &mut impl Chain) -> Result<bool, String> {
        self.read(s, self.r().call().is_paused())
    }

    pub fn check_role(&self, s: &mut impl Chain, role: Role, account: &AccountId32) -> Result<Result<(), access_control::Error>, String> {
        self.read(s, self.r().call().check_role(role, ink_id(account)))
    }

    pub fn check_role_unpaused(
        &self,
        s: &mut impl Chain,
        role: Role,
        account: &AccountId32,
    ) -> Result<Result<(), access_control::Error>, String> {
        self.read(s, self.r().call().check_role_unpaused(role, ink_id(account)))
    }

    /// Up to `limit` (at most 100) members of `role` from position `start`.
    pub fn members(&self, s: &mut impl Chain, role: Role, start: u32, limit: u32) -> Result<Vec<AccountId32>, String> {
        let page: Vec<ink::primitives::AccountId> = self.read(s, self.r().call().members(role, start, limit))?;
        Ok(page.iter().map(from_ink).collect())
    }
}

impl Treasury {
    /// `deposit` with `amount` attached.
    pub fn deposit(&self, s: &mut impl Chain, from: &AccountId32, amount: Balance) -> Outcome<(), budget::Error> {
        self.send(s, from, self.r().call_mut().deposit(), Some(amount))
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
        self.send(s, by, self.r().call_mut().open_line(code.to_vec(), period_start, period_end, appropriation), None)
    }

    pub fn increase_appropriation(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        amount: Balance,
    ) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().increase_appropriation(line, amount), None)
    }

    pub fn decrease_appropriation(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        amount: Balance,
    ) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().decrease_appropriation(line, amount), None)
    }

    pub fn close_line(&self, s: &mut impl Chain, by: &AccountId32, line: LineId) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().close_line(line), None)
    }

    pub fn cancel_reservation(&self, s: &mut impl Chain, by: &AccountId32, reservation: ReservationId) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().cancel_reservation(reservation), None)
    }

    pub fn reject_release(&self, s: &mut impl Chain, by: &AccountId32, release: ReleaseId) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().reject_release(release), None)
    }

    pub fn execute_release(&self, s: &mut impl Chain, by: &AccountId32, release: ReleaseId) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().execute_release(release), None)
    }

    /// `decommit(commitment, amount)`: `None` closes the commitment.
    pub fn decommit(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        commitment: CommitmentId,
        amount: Option<Balance>,
    ) -> Outcome<Balance, budget::Error> {
        self.send(s, by, self.r().call_mut().decommit(commitment, amount), None)
    }

    /// The policy of lines without their own.
    pub fn default_policy(&self, s: &mut impl Chain) -> Result<budget::ReleasePolicy, String> {
        self.read(s, self.r().call().default_policy())
    }

    /// The release policy in force for `line` (its own, else the default).
    pub fn policy_of(&self, s: &mut impl Chain, line: LineId) -> Result<Option<budget::ReleasePolicy>, String> {
        self.read(s, self.r().call().policy_of(line))
    }

    pub fn set_default_policy(&self, s: &mut impl Chain, by: &AccountId32, policy: &budget::ReleasePolicy) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().set_default_policy(*policy), None)
    }

    pub fn set_line_policy(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        policy: Option<&budget::ReleasePolicy>,
    ) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().set_line_policy(line, policy.copied()), None)
    }

    pub fn reserve(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        line: LineId,
        amount: Balance,
        tender: TenderId,
    ) -> Outcome<ReservationId, budget::Error> {
        self.send(s, by, self.r().call_mut().reserve(line, amount, tender), None)
    }

    pub fn commit(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        reservation: ReservationId,
        amount: Balance,
        payee: &AccountId32,
    ) -> Outcome<CommitmentId, budget::Error> {
        self.send(s, by, self.r().call_mut().commit(reservation, amount, ink_id(payee)), None)
    }

    pub fn release(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        commitment: CommitmentId,
        amount: Balance,
        to: &AccountId32,
    ) -> Outcome<budget::ReleaseOutcome, budget::Error> {
        self.send(s, by, self.r().call_mut().release(commitment, amount, ink_id(to)), None)
    }

    pub fn approve_release(&self, s: &mut impl Chain, by: &AccountId32, release: ReleaseId) -> Outcome<(), budget::Error> {
        self.send(s, by, self.r().call_mut().approve_release(release), None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, budget::Error> {
        self.send(s, by, self.r().call_mut().book_surplus(), None)
    }

    pub fn totals(&self, s: &mut impl Chain) -> Result<budget::Totals, String> {
        self.read(s, self.r().call().totals())
    }

    pub fn queued_release(&self, s: &mut impl Chain, release: ReleaseId) -> Result<Option<budget::QueuedRelease>, String> {
        self.read(s, self.r().call().queued_release(release))
    }

    /// Up to `limit` (at most 50) queued releases from id `start`.
    pub fn releases(&self, s: &mut impl Chain, start: ReleaseId, limit: u32) -> Result<Vec<(ReleaseId, budget::QueuedRelease)>, String> {
        self.read(s, self.r().call().releases(start, limit))
    }

    pub fn line_by_code(&self, s: &mut impl Chain, code: &[u8]) -> Result<Option<LineId>, String> {
        self.read(s, self.r().call().line_by_code(code.to_vec()))
    }

    pub fn line_count(&self, s: &mut impl Chain) -> Result<LineId, String> {
        self.read(s, self.r().call().line_count())
    }

    pub fn line(&self, s: &mut impl Chain, line: LineId) -> Result<Option<budget::Line>, String> {
        self.read(s, self.r().call().line(line))
    }

    pub fn reservation(&self, s: &mut impl Chain, reservation: ReservationId) -> Result<Option<budget::Reservation>, String> {
        self.read(s, self.r().call().reservation(reservation))
    }

    pub fn commitment(&self, s: &mut impl Chain, commitment: CommitmentId) -> Result<Option<budget::Commitment>, String> {
        self.read(s, self.r().call().commitment(commitment))
    }
}

impl Tenders {
    pub fn publish(&self, s: &mut impl Chain, by: &AccountId32, params: &tender::TenderParams) -> Outcome<TenderId, tender::Error> {
        self.send(s, by, self.r().call_mut().publish(params.clone()), None)
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
        self.send(s, by, self.r().call_mut().amend(tender, Hash::from(*dossier), submission_deadline, reveal_deadline), None)
    }

    pub fn cancel(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), tender::Error> {
        self.send(s, by, self.r().call_mut().cancel(tender), None)
    }

    /// Commits `bid` as `by`'s sealed bid (its commitment, computed here as
    /// the wallet would), with `bond` attached.
    pub fn commit_sealed(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        bid: &SealedBid,
        bond: Balance,
    ) -> Outcome<(), tender::Error> {
        self.commit_bid(s, by, tender, &bid.commitment(tender, by.as_ref()), bond)
    }

    /// Reveals `bid`, `by`'s sealed bid.
    pub fn reveal_sealed(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId, bid: &SealedBid) -> Outcome<(), tender::Error> {
        self.reveal_bid(s, by, tender, bid.price, &bid.proposal, &bid.salt)
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
        self.send(s, by, self.r().call_mut().commit_bid(tender, Hash::from(*commitment)), Some(bond))
    }

    pub fn withdraw_bid(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), tender::Error> {
        self.send(s, by, self.r().call_mut().withdraw_bid(tender), None)
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
        self.send(s, by, self.r().call_mut().reveal_bid(tender, price, Hash::from(*proposal), Hash::from(*salt)), None)
    }

    pub fn claim_bond(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Balance, tender::Error> {
        self.send(s, by, self.r().call_mut().claim_bond(tender), None)
    }

    pub fn forfeit_bond(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        bidder: &AccountId32,
    ) -> Outcome<Balance, tender::Error> {
        self.send(s, by, self.r().call_mut().forfeit_bond(tender, ink_id(bidder)), None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, tender::Error> {
        self.send(s, by, self.r().call_mut().book_surplus(), None)
    }

    pub fn award(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        winner: &AccountId32,
        funding: Funding,
    ) -> Outcome<(), tender::Error> {
        self.send(s, by, self.r().call_mut().award(tender, ink_id(winner), funding), None)
    }

    pub fn settle_winner_bond(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        settlement: BondSettlement,
    ) -> Outcome<Balance, tender::Error> {
        self.send(s, by, self.r().call_mut().settle_winner_bond(tender, settlement), None)
    }

    pub fn close_unsuccessful(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), tender::Error> {
        self.send(s, by, self.r().call_mut().close_unsuccessful(tender), None)
    }

    pub fn tender(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<tender::Tender>, String> {
        self.read(s, self.r().call().tender(tender))
    }

    pub fn tender_count(&self, s: &mut impl Chain) -> Result<TenderId, String> {
        self.read(s, self.r().call().tender_count())
    }

    pub fn phase(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<tender::Phase>, String> {
        self.read(s, self.r().call().phase(tender))
    }

    pub fn amendment(&self, s: &mut impl Chain, tender: TenderId, number: u32) -> Result<Option<tender::Amendment>, String> {
        self.read(s, self.r().call().amendment(tender, number))
    }

    /// Up to `limit` (at most 50) bidders in the book from position `start`.
    pub fn bidders(&self, s: &mut impl Chain, tender: TenderId, start: u32, limit: u32) -> Result<Vec<AccountId32>, String> {
        let page: Vec<ink::primitives::AccountId> = self.read(s, self.r().call().bidders(tender, start, limit))?;
        Ok(page.iter().map(from_ink).collect())
    }

    pub fn bid(&self, s: &mut impl Chain, tender: TenderId, bidder: &AccountId32) -> Result<Option<tender::Bid>, String> {
        self.read(s, self.r().call().bid(tender, ink_id(bidder)))
    }

    /// Up to `limit` (at most 50) revealed bids from position `start`.
    pub fn revealed_bids(&self, s: &mut impl Chain, tender: TenderId, start: u32, limit: u32) -> Result<Vec<tender::RevealedBid>, String> {
        self.read(s, self.r().call().revealed_bids(tender, start, limit))
    }

    /// Bonds on the books and the contract's spendable balance.
    pub fn bond_totals(&self, s: &mut impl Chain) -> Result<(Balance, Balance), String> {
        self.read(s, self.r().call().bond_totals())
    }
}

impl Escrow {
    pub fn create(&self, s: &mut impl Chain, by: &AccountId32, params: &escrow::AgreementParams) -> Outcome<AgreementId, escrow::Error> {
        self.send(s, by, self.r().call_mut().create(params.clone()), None)
    }

    pub fn sign(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().sign(agreement), None)
    }

    pub fn lapse(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().lapse(agreement), None)
    }

    pub fn deliver(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        milestone: u8,
        evidence: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().deliver(agreement, milestone, Hash::from(*evidence)), None)
    }

    pub fn approve(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId, milestone: u8) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().approve(agreement, milestone), None)
    }

    pub fn reject(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        milestone: u8,
        reason: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().reject(agreement, milestone, Hash::from(*reason)), None)
    }

    pub fn escalate(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId, milestone: u8) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().escalate(agreement, milestone), None)
    }

    pub fn decide_escalation(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        milestone: u8,
        rejection: Ruling,
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().decide_escalation(agreement, milestone, rejection), None)
    }

    pub fn claim_defect(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        evidence: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().claim_defect(agreement, Hash::from(*evidence)), None)
    }

    pub fn decide_claim(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId, claim: Ruling) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().decide_claim(agreement, claim), None)
    }

    pub fn complete(&self, s: &mut impl Chain, by: &AccountId32, agreement: AgreementId) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().complete(agreement), None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, escrow::Error> {
        self.send(s, by, self.r().call_mut().book_surplus(), None)
    }

    pub fn terminate(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        agreement: AgreementId,
        termination: escrow::Termination,
        reason: &[u8; 32],
    ) -> Outcome<(), escrow::Error> {
        self.send(s, by, self.r().call_mut().terminate(agreement, termination, Hash::from(*reason)), None)
    }

    pub fn agreement(&self, s: &mut impl Chain, agreement: AgreementId) -> Result<Option<escrow::Agreement>, String> {
        self.read(s, self.r().call().agreement(agreement))
    }

    pub fn milestone(&self, s: &mut impl Chain, agreement: AgreementId, milestone: u8) -> Result<Option<escrow::Milestone>, String> {
        self.read(s, self.r().call().milestone(agreement, milestone))
    }

    pub fn milestones(&self, s: &mut impl Chain, agreement: AgreementId) -> Result<Vec<escrow::Milestone>, String> {
        self.read(s, self.r().call().milestones(agreement))
    }

    pub fn still_committed(&self, s: &mut impl Chain, agreement: AgreementId) -> Result<Option<Balance>, String> {
        self.read(s, self.r().call().still_committed(agreement))
    }

    pub fn agreement_of(&self, s: &mut impl Chain, commitment: CommitmentId) -> Result<Option<AgreementId>, String> {
        self.read(s, self.r().call().agreement_of(commitment))
    }

    pub fn agreement_count(&self, s: &mut impl Chain) -> Result<AgreementId, String> {
        self.read(s, self.r().call().agreement_count())
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
        let members = members.iter().map(ink_id).collect();
        self.send(s, by, self.r().call_mut().appoint(tender, members, scoring_deadline, *contracting), None)
    }

    pub fn close_without_bids(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().close_without_bids(tender), None)
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
        self.send(s, by, self.r().call_mut().protest(tender, bid, Hash::from(*grounds)), Some(bond))
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
        self.send(s, by, self.r().call_mut().resolve(tender, protest, ruling, Hash::from(*reasons)), None)
    }

    pub fn settle_protest(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId, protest: u32) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().settle_protest(tender, protest), None)
    }

    pub fn conclude(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<AgreementId, evaluation::Error> {
        self.send(s, by, self.r().call_mut().conclude(tender), None)
    }

    pub fn settle_winner(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Balance, evaluation::Error> {
        self.send(s, by, self.r().call_mut().settle_winner(tender), None)
    }

    pub fn award_next(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Option<u32>, evaluation::Error> {
        self.send(s, by, self.r().call_mut().award_next(tender), None)
    }

    pub fn close(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().close(tender), None)
    }

    pub fn close_stalled(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().close_stalled(tender), None)
    }

    pub fn replace_inspector(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        inspector: &AccountId32,
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().replace_inspector(tender, ink_id(inspector)), None)
    }

    pub fn book_surplus(&self, s: &mut impl Chain, by: &AccountId32) -> Outcome<Balance, evaluation::Error> {
        self.send(s, by, self.r().call_mut().book_surplus(), None)
    }

    pub fn protest_of(&self, s: &mut impl Chain, tender: TenderId, protest: u32) -> Result<Option<evaluation::Protest>, String> {
        self.read(s, self.r().call().protest_of(tender, protest))
    }

    pub fn held(&self, s: &mut impl Chain) -> Result<Balance, String> {
        self.read(s, self.r().call().held())
    }

    pub fn replace(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        recused: &AccountId32,
        replacement: &AccountId32,
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().replace(tender, ink_id(recused), ink_id(replacement)), None)
    }

    pub fn declare(
        &self,
        s: &mut impl Chain,
        by: &AccountId32,
        tender: TenderId,
        declaration: &[u8; 32],
        interest: evaluation::Interest,
    ) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().declare(tender, Hash::from(*declaration), interest), None)
    }

    pub fn score(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId, bid: u32, quality: u8) -> Outcome<(), evaluation::Error> {
        self.send(s, by, self.r().call_mut().score(tender, bid, quality), None)
    }

    pub fn finalize(&self, s: &mut impl Chain, by: &AccountId32, tender: TenderId) -> Outcome<Option<u32>, evaluation::Error> {
        self.send(s, by, self.r().call_mut().finalize(tender), None)
    }

    pub fn evaluation(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<evaluation::Evaluation>, String> {
        self.read(s, self.r().call().evaluation(tender))
    }

    pub fn entry(&self, s: &mut impl Chain, tender: TenderId, bid: u32) -> Result<Option<evaluation::Entry>, String> {
        self.read(s, self.r().call().entry(tender, bid))
    }

    pub fn ranking(&self, s: &mut impl Chain, tender: TenderId) -> Result<Option<Vec<(u32, u64)>>, String> {
        self.read(s, self.r().call().ranking(tender))
    }

    pub fn score_of(&self, s: &mut impl Chain, tender: TenderId, member: &AccountId32, bid: u32) -> Result<Option<u8>, String> {
        self.read(s, self.r().call().score_of(tender, ink_id(member), bid))
    }

    pub fn committee(&self, s: &mut impl Chain, tender: TenderId) -> Result<Vec<(ink::primitives::AccountId, evaluation::Member)>, String> {
        self.read(s, self.r().call().committee(tender))
    }
}
