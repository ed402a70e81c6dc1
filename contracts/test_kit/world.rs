//! What the stand-ins answer in one test: per thread, because the test
//! harness runs each test on its own thread. Call [`reset`] at the start of
//! every test's setup.

use std::cell::RefCell;

use ink::primitives::AccountId;
use ink::scale::Encode;
use procurement_shared::contracting::{AgreementParams, Signature};
use procurement_shared::tendering::{BondSettlement, Funding, Milestone, RevealedView, TenderSummary};
use procurement_shared::{AgreementId, Balance, CommitmentId, CommitmentView, LineId, ReleaseId, ReservationId, Role, TenderId};

/// A reservation the treasury stand-in recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandInReservation {
    pub id: ReservationId,
    pub line: LineId,
    pub amount: Balance,
    pub tender: TenderId,
    pub active: bool,
}

/// A release the treasury stand-in was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandInRelease {
    pub commitment: CommitmentId,
    pub amount: Balance,
    pub to: AccountId,
    /// `Some(id)` if it was queued rather than paid.
    pub queued: Option<ReleaseId>,
}

#[derive(Default)]
pub(crate) struct World {
    pub roles: Vec<(Role, AccountId)>,
    pub paused: bool,
    pub registry_down: bool,
    pub treasury_down: bool,
    pub refuse_next_reserve: Option<Vec<u8>>,
    pub cancel_refusal: Option<Vec<u8>>,
    pub reservations: Vec<StandInReservation>,
    pub deposited: Balance,
    /// Commitments the treasury stand-in keeps, with the figures the real
    /// budget keeps; a commitment's id is its position.
    pub commitments: Vec<CommitmentView>,
    pub releases: Vec<StandInRelease>,
    /// Releases above this are queued; `None`: every release is paid.
    pub auto_limit: Option<Balance>,
    pub refuse_next_release: Option<Vec<u8>>,
    pub tenders: Vec<(TenderId, TenderSummary)>,
    pub tenders_down: bool,
    pub revealed: Vec<(TenderId, RevealedView)>,
    pub bidders: Vec<(TenderId, AccountId)>,
    pub plans: Vec<(TenderId, Vec<Milestone>)>,
    /// Award-side calls made on the tender stand-in, in order.
    pub tender_calls: Vec<TenderCall>,
    pub refuse_next_tender_call: Option<Vec<u8>>,
    /// The winner's bond the tender stand-in settles (0: none left, which
    /// the real tender refuses with `BondNotClaimable`, scripted with
    /// [`set_bond_refusal`]).
    pub winner_bond: Balance,
    pub bond_refusal: Option<Vec<u8>>,
    /// Agreements offered to the escrow stand-in; an id is its position.
    pub agreements: Vec<(AgreementParams, Signature)>,
    pub escrow_down: bool,
    pub refuse_next_create: Option<Vec<u8>>,
    /// What the role book stand-in was written: role sets and the pause
    /// flag (see [`crate::RoleBookWriter`]).
    pub book_roles: Vec<(AccountId, procurement_shared::RoleSet)>,
    pub book_paused: bool,
    pub book_down: bool,
}

/// An award-side call the tender stand-in received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenderCall {
    Award { tender: TenderId, winner: AccountId, funding: Funding },
    SettleWinnerBond { tender: TenderId, settlement: BondSettlement },
    CloseUnsuccessful { tender: TenderId },
}

impl World {
    /// The commitment the test opened as `id`.
    pub(crate) fn commitment(&mut self, id: CommitmentId) -> &mut CommitmentView {
        let index = usize::try_from(id).expect("a small id");
        self.commitments.get_mut(index).expect("a commitment the test opened")
    }
}

thread_local! {
    static WORLD: RefCell<World> = RefCell::new(World::default());
}

pub(crate) fn with<R>(f: impl FnOnce(&mut World) -> R) -> R {
    WORLD.with(|w| f(&mut w.borrow_mut()))
}

/// Forgets everything: no roles, not paused, every stand-in reachable.
pub fn reset() {
    with(|w| *w = World::default());
}

/// Gives `account` `role` in the registry stand-in (no separation-of-duties
/// check: tests use this to build states the real registry refuses).
pub fn grant(role: Role, account: AccountId) {
    with(|w| {
        if !w.roles.contains(&(role, account)) {
            w.roles.push((role, account));
        }
    });
}

/// Takes `role` from `account`.
pub fn revoke(role: Role, account: AccountId) {
    with(|w| w.roles.retain(|held| *held != (role, account)));
}

/// Sets the suite's pause flag as the registry reports it.
pub fn set_paused(paused: bool) {
    with(|w| w.paused = paused);
}

/// Makes every registry call fail as a call.
pub fn set_registry_down(down: bool) {
    with(|w| w.registry_down = down);
}

/// Makes every treasury call fail as a call.
pub fn set_treasury_down(down: bool) {
    with(|w| w.treasury_down = down);
}

/// The next `reserve` is refused with `refusal` (the budget's error).
pub fn refuse_next_reserve(refusal: &impl Encode) {
    with(|w| w.refuse_next_reserve = Some(refusal.encode()));
}

/// What `cancel_reservation` answers for a reservation that is not active.
pub fn set_cancel_refusal(refusal: &impl Encode) {
    with(|w| w.cancel_refusal = Some(refusal.encode()));
}

/// Reservations the treasury stand-in recorded, in order.
pub fn reservations() -> Vec<StandInReservation> {
    with(|w| w.reservations.clone())
}

/// Total deposited into the treasury stand-in.
pub fn deposited() -> Balance {
    with(|w| w.deposited)
}

/// Opens a commitment of `amount` to `payee` for `tender` in the treasury
/// stand-in (what the evaluation contract will have done); returns its id.
pub fn open_commitment(tender: TenderId, payee: AccountId, amount: Balance) -> CommitmentId {
    with(|w| {
        let id = CommitmentId::try_from(w.commitments.len()).expect("few commitments in a unit test");
        w.commitments.push(CommitmentView { tender, payee, amount, released: 0, queued: 0, open: true });
        id
    })
}

/// The stand-in's commitment `id`.
pub fn commitment(id: CommitmentId) -> CommitmentView {
    with(|w| *w.commitment(id))
}

/// Releases the stand-in was asked for, in order.
pub fn releases() -> Vec<StandInRelease> {
    with(|w| w.releases.clone())
}

/// Releases above `limit` are queued from now on (`None`: all paid).
pub fn set_auto_limit(limit: Option<Balance>) {
    with(|w| w.auto_limit = limit);
}

/// The next `release` is refused with `refusal` (the budget's error).
pub fn refuse_next_release(refusal: &impl Encode) {
    with(|w| w.refuse_next_release = Some(refusal.encode()));
}

/// A Treasurer rejects a queued release: its amount is back in the
/// commitment (or on the line if the commitment is closed).
pub fn reject_queued(release: ReleaseId) {
    with(|w| {
        let r = *w.releases.iter().find(|r| r.queued == Some(release)).expect("a queued release");
        let c = w.commitment(r.commitment);
        c.queued -= r.amount;
        if !c.open {
            c.amount -= r.amount;
        }
    });
}

/// The tender stand-in shows `summary` for `tender`.
pub fn set_tender(tender: TenderId, summary: TenderSummary) {
    with(|w| {
        w.tenders.retain(|(id, _)| *id != tender);
        w.tenders.push((tender, summary));
    });
}

/// `bidder` bids on `tender` and reveals `price` (`valid` as the tender
/// judged it); the next in reveal order.
pub fn reveal(tender: TenderId, bidder: AccountId, price: Balance, valid: bool) {
    with(|w| {
        w.bidders.push((tender, bidder));
        w.revealed.push((tender, RevealedView { bidder, price, valid }));
        if let Some((_, summary)) = w.tenders.iter_mut().find(|(id, _)| *id == tender) {
            summary.revealed += 1;
        }
    });
}

/// `bidder` bid on `tender` without revealing (or withdrew).
pub fn bid(tender: TenderId, bidder: AccountId) {
    with(|w| w.bidders.push((tender, bidder)));
}

/// Makes every tender-book call fail as a call.
pub fn set_tenders_down(down: bool) {
    with(|w| w.tenders_down = down);
}

/// The tender stand-in's milestone plan for `tender`.
pub fn set_plan(tender: TenderId, plan: Vec<Milestone>) {
    with(|w| {
        w.plans.retain(|(id, _)| *id != tender);
        w.plans.push((tender, plan));
    });
}

/// Award-side calls the tender stand-in received, in order.
pub fn tender_calls() -> Vec<TenderCall> {
    with(|w| w.tender_calls.clone())
}

/// The next award-side tender call is refused with `refusal` (the tender's
/// error).
pub fn refuse_next_tender_call(refusal: &impl Encode) {
    with(|w| w.refuse_next_tender_call = Some(refusal.encode()));
}

/// The winner's bond `settle_winner_bond` settles from now on; with 0 it
/// refuses with `refusal` (the tender's `BondNotClaimable`).
pub fn set_winner_bond(bond: Balance, refusal: &impl Encode) {
    with(|w| {
        w.winner_bond = bond;
        w.bond_refusal = Some(refusal.encode());
    });
}

/// Agreements the escrow stand-in was offered, in order.
pub fn agreements() -> Vec<AgreementParams> {
    with(|w| w.agreements.iter().map(|(p, _)| p.clone()).collect())
}

/// The vendor of agreement `id` signed it (`Signed`) or let it lapse.
pub fn set_signature(id: AgreementId, signature: Signature) {
    with(|w| {
        let index = usize::try_from(id).expect("a small id");
        w.agreements.get_mut(index).expect("an agreement offered").1 = signature;
    });
}

/// Makes every escrow call fail as a call.
pub fn set_escrow_down(down: bool) {
    with(|w| w.escrow_down = down);
}

/// The next `create` is refused with `refusal` (the escrow's error).
pub fn refuse_next_create(refusal: &impl Encode) {
    with(|w| w.refuse_next_create = Some(refusal.encode()));
}

/// The role set the role book stand-in holds for `account`.
pub fn book_roles(account: AccountId) -> procurement_shared::RoleSet {
    with(|w| w.book_roles.iter().find(|(a, _)| *a == account).map(|(_, set)| *set).unwrap_or_default())
}

/// Accounts with a role set in the role book stand-in.
pub fn book_accounts() -> usize {
    with(|w| w.book_roles.len())
}

/// The pause flag the role book stand-in holds.
pub fn book_paused() -> bool {
    with(|w| w.book_paused)
}

/// Makes every role book write fail as a call.
pub fn set_book_down(down: bool) {
    with(|w| w.book_down = down);
}
