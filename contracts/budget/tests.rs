//! Unit tests of the treasury in ink!'s off-chain environment.
//!
//! The off-chain environment cannot call another contract, so role checks
//! are answered by the test kit's registry stand-in (see `calls.rs`); the
//! real cross-contract path to the role book is tested with drink in
//! `e2e-tests/tests/budget.rs`.

use crate::budget::*;
use crate::policy::ReleasePolicy;
use crate::*;
use ink::env::test;
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use procurement_shared::{CommitmentId, LineId, Role, TenderId};
use test_kit::env::{accounts, as_caller, balance_of, install_contract, last_event, set_now};
use test_kit::world::{grant, reset, set_paused, set_registry_down};
use test_kit::Rng;

type Env = DefaultEnvironment;

/// The tender every reservation in these tests is made for.
const TENDER: TenderId = 7;

use procurement_shared::DAY_MS as DAY;

/// The last event's change, as its own type: money held for a procurement.
fn last_funds<T: TryFrom<FundsChange>>() -> T {
    T::try_from(last_event::<FundsEvent>().change).ok().expect("the last event records the expected change")
}

/// The last event's change, as its own type: a budget line.
fn last_line<T: TryFrom<LineChange>>() -> T {
    T::try_from(last_event::<LineEvent>().change).ok().expect("the last event records the expected change")
}

/// The last event's change, as its own type: the treasury's money or rules.
fn last_treasury<T: TryFrom<TreasuryChange>>() -> T {
    T::try_from(last_event::<TreasuryEvent>().change).ok().expect("the last event records the expected change")
}
const START: u64 = 1_000 * DAY;
const END: u64 = START + 365 * DAY;
const PAYEE: [u8; 32] = [0x42; 32];

fn payee() -> AccountId {
    AccountId::from(PAYEE)
}

/// A treasury with the test policy: up to 100 paid at once, 250 per
/// 10-day window, 2 approvals otherwise.
fn setup() -> Budget {
    let a = accounts();
    reset();
    grant(Role::Admin, a.alice);
    grant(Role::Treasurer, a.bob);
    grant(Role::Treasurer, a.charlie);
    grant(Role::TenderService, a.django);
    grant(Role::EvaluationService, a.eve);
    grant(Role::EscrowService, a.frank);
    set_now(START);
    grant(Role::Governance, governor());
    as_caller(a.alice);
    install_contract();
    let mut b = Budget::new(AccountId::from([0xAC; 32]));
    governed(|| b.set_default_policy(test_policy())).unwrap();
    b
}

/// The governor's account: the only caller of the policy messages.
fn governor() -> AccountId {
    AccountId::from([0x60; 32])
}

/// Runs `call` as the governor, then goes back to the caller before it.
fn governed<T>(call: impl FnOnce() -> T) -> T {
    let before = ink::env::caller::<Env>();
    as_caller(governor());
    let answer = call();
    as_caller(before);
    answer
}

fn test_policy() -> ReleasePolicy {
    ReleasePolicy { auto_release_limit: 100, cap_window_ms: 10 * DAY, window_cap: 250, approvals_required: 2 }
}

fn deposit(b: &mut Budget, amount: u128) {
    let a = accounts();
    as_caller(a.alice);
    test::set_account_balance::<Env>(a.alice, 1_000_000_000);
    test::transfer_in::<Env>(amount);
    b.deposit().unwrap();
    test::set_value_transferred::<Env>(0);
}

/// Deposit 10 000 and open line 0 with 5 000.
fn with_line() -> (Budget, LineId) {
    let mut b = setup();
    deposit(&mut b, 10_000);
    as_caller(accounts().bob);
    let line = b.open_line(b"ROADS-2027".to_vec(), START, END, 5_000).unwrap();
    (b, line)
}

/// ...and reserve 1 000 of it, then commit 800 to the payee.
fn with_commitment() -> (Budget, LineId, CommitmentId) {
    let (mut b, line) = with_line();
    as_caller(accounts().django);
    let r = b.reserve(line, 1_000, TENDER).unwrap();
    as_caller(accounts().eve);
    let c = b.commit(r, 800, payee()).unwrap();
    (b, line, c)
}

/// A release of `amount` from commitment `c`, queued by the escrow service
/// (frank) and approved once, by bob.
fn queued_with_bobs_approval(b: &mut Budget, c: CommitmentId, amount: u128) -> ReleaseId {
    as_caller(accounts().frank);
    let ReleaseOutcome::Queued(id) = b.release(c, amount, payee()).unwrap() else { panic!("{amount} is above the automatic limit") };
    as_caller(accounts().bob);
    b.approve_release(id).unwrap();
    id
}

/// Conservation and the per-line identity, checked after every step.
fn assert_books(b: &Budget) {
    let t = b.totals();
    assert_eq!(Some(t.balance), t.books(), "balance equals the books: {t:?}");
    assert!(t.conserved());
    let (mut available, mut reserved, mut committed, mut released) = (0u128, 0u128, 0u128, 0u128);
    for id in 0..b.line_count() {
        let l = b.line(id).unwrap();
        assert_eq!(l.appropriated, l.available + l.reserved + l.committed + l.released, "line {id}: {l:?}");
        available += l.available;
        reserved += l.reserved;
        committed += l.committed;
        released += l.released;
    }
    assert_eq!((available, reserved, committed, released), (t.available, t.reserved, t.committed, t.released));
}

// ---------------------------------------------------------------- deposits

#[ink::test]
fn deposit_adds_to_the_pool() {
    let mut b = setup();
    deposit(&mut b, 700);
    let ev = last_treasury::<Deposited>();
    assert_eq!((ev.from, ev.amount, ev.unappropriated), (accounts().alice, 700, 700));
    assert_eq!(b.totals().unappropriated, 700);
    assert_books(&b);
}

#[ink::test]
fn zero_deposit_is_refused() {
    let mut b = setup();
    as_caller(accounts().alice);
    assert_eq!(b.deposit(), Err(Error::ZeroAmount));
    assert_eq!(b.totals().unappropriated, 0);
}

// ------------------------------------------------------------------- lines

#[ink::test]
fn open_line_appropriates_held_money() {
    let (b, line) = with_line();
    let l = b.line(line).unwrap();
    assert_eq!((l.appropriated, l.available, l.is_closed()), (5_000, 5_000, false));
    assert_eq!(b.line_by_code(b"ROADS-2027".to_vec()), Some(line));
    assert_eq!(b.totals().unappropriated, 5_000);
    let ev = last_line::<LineOpened>();
    assert_eq!((ev.line, ev.appropriation, ev.by), (line, 5_000, accounts().bob));
    assert_books(&b);
}

#[ink::test]
fn open_line_refusals() {
    let mut b = setup();
    deposit(&mut b, 1_000);
    let a = accounts();
    as_caller(a.django);
    assert_eq!(b.open_line(b"X".to_vec(), START, END, 10), Err(Error::MissingRole { role: Role::Treasurer, account: a.django }));
    as_caller(a.bob);
    assert_eq!(b.open_line(Vec::new(), START, END, 10), Err(Error::InvalidCode));
    assert_eq!(b.open_line(vec![b'A'; MAX_CODE_LEN + 1], START, END, 10), Err(Error::InvalidCode));
    assert_eq!(b.open_line(b"X".to_vec(), END, START, 10), Err(Error::InvalidPeriod));
    assert_eq!(b.open_line(b"X".to_vec(), START, START, 10), Err(Error::InvalidPeriod));
    assert_eq!(b.open_line(b"X".to_vec(), START, END, 0), Err(Error::ZeroAmount));
    assert_eq!(
        b.open_line(b"X".to_vec(), START, END, 1_001),
        Err(Error::InsufficientUnappropriated { requested: 1_001, unappropriated: 1_000 })
    );
    assert_eq!(b.line_count(), 0);
    let line = b.open_line(vec![b'A'; MAX_CODE_LEN], START, END, 1_000).unwrap();
    assert_eq!(b.open_line(vec![b'A'; MAX_CODE_LEN], START, END, 1), Err(Error::DuplicateCode { line }));
    assert_books(&b);
}

#[ink::test]
fn lines_are_bounded() {
    let mut b = setup();
    deposit(&mut b, u128::from(MAX_LINES) + 1);
    as_caller(accounts().bob);
    for n in 0..MAX_LINES {
        b.open_line(n.to_le_bytes().to_vec(), START, END, 1).unwrap();
    }
    assert_eq!(b.open_line(b"ONE-TOO-MANY".to_vec(), START, END, 1), Err(Error::TooManyLines));
    assert_eq!(b.line_count(), MAX_LINES);
    assert_eq!(b.totals().unappropriated, 1);
}

#[ink::test]
fn appropriation_can_be_raised_and_lowered_to_what_is_unused() {
    let (mut b, line) = with_line();
    let a = accounts();
    as_caller(a.bob);
    b.increase_appropriation(line, 2_000).unwrap();
    let ev = last_line::<AppropriationChanged>();
    assert_eq!((ev.previous, ev.new), (5_000, 7_000));
    assert_eq!(b.increase_appropriation(line, 3_001), Err(Error::InsufficientUnappropriated { requested: 3_001, unappropriated: 3_000 }));
    assert_eq!(b.increase_appropriation(line, 0), Err(Error::ZeroAmount));
    as_caller(a.django);
    b.reserve(line, 6_500, TENDER).unwrap();
    as_caller(a.bob);
    assert_eq!(b.decrease_appropriation(line, 501), Err(Error::InsufficientAvailable { requested: 501, available: 500 }));
    b.decrease_appropriation(line, 500).unwrap();
    let l = b.line(line).unwrap();
    assert_eq!((l.appropriated, l.available, l.reserved), (6_500, 0, 6_500));
    assert_eq!(b.totals().unappropriated, 3_500);
    assert_eq!(b.decrease_appropriation(line, 0), Err(Error::ZeroAmount));
    assert_eq!(b.decrease_appropriation(9, 1), Err(Error::LineNotFound));
    as_caller(a.eve);
    assert_eq!(b.decrease_appropriation(line, 1), Err(Error::MissingRole { role: Role::Treasurer, account: a.eve }));
    assert_books(&b);
}

#[ink::test]
fn raising_after_the_period_is_refused() {
    let (mut b, line) = with_line();
    set_now(END);
    as_caller(accounts().bob);
    assert_eq!(b.increase_appropriation(line, 1), Err(Error::PeriodEnded));
}

#[ink::test]
fn close_line_returns_the_remainder_after_the_period() {
    let (mut b, line, _c) = with_commitment();
    as_caller(accounts().bob);
    assert_eq!(b.close_line(line), Err(Error::PeriodNotEnded));
    set_now(END);
    b.close_line(line).unwrap();
    let ev = last_line::<LineClosed>();
    assert_eq!(ev.returned, 4_200);
    let l = b.line(line).unwrap();
    assert!(l.is_closed());
    assert_eq!((l.appropriated, l.available, l.committed), (800, 0, 800));
    assert_eq!(b.totals().unappropriated, 9_200);
    assert_eq!(b.close_line(line), Err(Error::LineClosed));
    as_caller(accounts().bob);
    assert_eq!(b.increase_appropriation(line, 1), Err(Error::LineClosed));
    assert_books(&b);
}

// ------------------------------------------------------------ reservations

#[ink::test]
fn reserve_holds_money_for_a_tender() {
    let (mut b, line) = with_line();
    let a = accounts();
    as_caller(a.django);
    let r = b.reserve(line, 1_200, TENDER).unwrap();
    let ev = last_funds::<Reserved>();
    assert_eq!((ev.line, ev.reservation, ev.amount, ev.by), (line, r, 1_200, a.django));
    let event = last_event::<FundsEvent>();
    assert_eq!((event.tender, event.line), (ev.tender, line), "the procurement and the line are the topics");
    let res = b.reservation(r).unwrap();
    assert_eq!((res.amount, res.owner, res.status), (1_200, a.django, ReservationStatus::Active));
    let l = b.line(line).unwrap();
    assert_eq!((l.available, l.reserved), (3_800, 1_200));
    assert_books(&b);
}

#[ink::test]
fn reserve_refusals() {
    let (mut b, line) = with_line();
    let a = accounts();
    as_caller(a.bob);
    assert_eq!(b.reserve(line, 1, TENDER), Err(Error::MissingRole { role: Role::TenderService, account: a.bob }));
    as_caller(a.django);
    assert_eq!(b.reserve(line, 0, TENDER), Err(Error::ZeroAmount));
    assert_eq!(b.reserve(7, 1, TENDER), Err(Error::LineNotFound));
    assert_eq!(b.reserve(line, 5_001, TENDER), Err(Error::InsufficientAvailable { requested: 5_001, available: 5_000 }));
    set_paused(true);
    assert_eq!(b.reserve(line, 1, TENDER), Err(Error::Paused));
    set_paused(false);
    set_now(END);
    assert_eq!(b.reserve(line, 1, TENDER), Err(Error::PeriodEnded));
    as_caller(a.bob);
    b.close_line(line).unwrap();
    as_caller(a.django);
    assert_eq!(b.reserve(line, 1, TENDER), Err(Error::LineClosed));
    assert_eq!(b.totals().reserved, 0);
    assert_books(&b);
}

#[ink::test]
fn cancel_reservation_frees_it_even_while_paused() {
    let (mut b, line) = with_line();
    let a = accounts();
    as_caller(a.django);
    let r = b.reserve(line, 1_000, TENDER).unwrap();
    as_caller(a.eve);
    assert_eq!(b.cancel_reservation(r), Err(Error::NotReservationOwner));
    assert_eq!(b.cancel_reservation(99), Err(Error::ReservationNotFound));
    set_paused(true);
    as_caller(a.django);
    b.cancel_reservation(r).unwrap();
    let ev = last_funds::<ReservationCancelled>();
    assert_eq!((ev.reservation, ev.amount), (r, 1_000));
    assert_eq!(b.reservation(r).unwrap().status, ReservationStatus::Cancelled);
    assert_eq!(b.line(line).unwrap().available, 5_000);
    assert_eq!(b.cancel_reservation(r), Err(Error::ReservationNotActive));
    assert_books(&b);
}

#[ink::test]
fn cancelling_on_a_closed_line_returns_money_to_the_pool() {
    let (mut b, line) = with_line();
    let a = accounts();
    as_caller(a.django);
    let r = b.reserve(line, 1_000, TENDER).unwrap();
    set_now(END);
    as_caller(a.bob);
    b.close_line(line).unwrap();
    as_caller(a.django);
    b.cancel_reservation(r).unwrap();
    let l = b.line(line).unwrap();
    assert_eq!((l.appropriated, l.available, l.reserved), (0, 0, 0));
    assert_eq!(b.totals().unappropriated, 10_000);
    assert_books(&b);
}

// ------------------------------------------------------------- commitments

#[ink::test]
fn commit_binds_the_award_and_returns_the_surplus() {
    let (b, line, c) = with_commitment();
    let ev = last_funds::<Committed>();
    assert_eq!((ev.commitment, ev.amount, ev.surplus, ev.payee), (c, 800, 200, payee()));
    let l = b.line(line).unwrap();
    assert_eq!((l.available, l.reserved, l.committed), (4_200, 0, 800));
    let com = b.commitment(c).unwrap();
    assert_eq!((com.amount, com.released, com.queued, com.payee, com.is_decommitted()), (800, 0, 0, payee(), false));
    assert_eq!(b.reservation(com.reservation).unwrap().status, ReservationStatus::Committed(c));
    assert_books(&b);
}

#[ink::test]
fn commit_refusals() {
    let (mut b, line) = with_line();
    let a = accounts();
    as_caller(a.django);
    let r = b.reserve(line, 1_000, TENDER).unwrap();
    assert_eq!(b.commit(r, 10, payee()), Err(Error::MissingRole { role: Role::EvaluationService, account: a.django }));
    as_caller(a.eve);
    assert_eq!(b.commit(r, 0, payee()), Err(Error::ZeroAmount));
    assert_eq!(b.commit(55, 10, payee()), Err(Error::ReservationNotFound));
    assert_eq!(b.commit(r, 1_001, payee()), Err(Error::ExceedsReservation { requested: 1_001, reserved: 1_000 }));
    set_paused(true);
    assert_eq!(b.commit(r, 10, payee()), Err(Error::Paused));
    set_paused(false);
    b.commit(r, 1_000, payee()).unwrap();
    assert_eq!(b.commit(r, 1, payee()), Err(Error::ReservationNotActive));
    assert_books(&b);
}

// ---------------------------------------------------------------- releases

#[ink::test]
fn small_release_is_paid_at_once() {
    let (mut b, line, c) = with_commitment();
    as_caller(accounts().frank);
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    assert_eq!(balance_of(payee()), 100);
    let ev = last_funds::<Released>();
    assert_eq!((ev.commitment, ev.release, ev.amount, ev.to), (c, None, 100, payee()));
    let com = b.commitment(c).unwrap();
    assert_eq!((com.released, com.remaining()), (100, 700));
    let l = b.line(line).unwrap();
    assert_eq!((l.committed, l.released), (700, 100));
    assert_books(&b);
}

#[ink::test]
fn release_refusals() {
    let (mut b, _line, c) = with_commitment();
    let a = accounts();
    as_caller(a.eve);
    assert_eq!(b.release(c, 1, payee()), Err(Error::MissingRole { role: Role::EscrowService, account: a.eve }));
    as_caller(a.frank);
    assert_eq!(b.release(c, 0, payee()), Err(Error::ZeroAmount));
    assert_eq!(b.release(9, 1, payee()), Err(Error::CommitmentNotFound));
    assert_eq!(b.release(c, 1, a.frank), Err(Error::WrongPayee));
    assert_eq!(b.release(c, 801, payee()), Err(Error::ExceedsCommitment { requested: 801, remaining: 800 }));
    b.decommit(c, None).unwrap();
    assert_eq!(b.release(c, 1, payee()), Err(Error::CommitmentClosed));
    assert_eq!(balance_of(payee()), 0);
    assert_books(&b);
}

// A failed native transfer (`TransferFailed`) is tested with drink: the
// off-chain engine panics on an underfunded transfer instead of failing it.

#[ink::test]
fn large_release_waits_for_two_distinct_treasurers() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    as_caller(a.frank);
    let ReleaseOutcome::Queued(id) = b.release(c, 500, payee()).unwrap() else {
        panic!("a release above the limit must queue");
    };
    let ev = last_funds::<ReleaseQueued>();
    assert_eq!((ev.release, ev.amount, ev.to), (id, 500, payee()));
    assert_eq!(balance_of(payee()), 0);
    assert_eq!(b.commitment(c).unwrap().queued, 500);
    assert_eq!(b.commitment(c).unwrap().remaining(), 300);
    assert_books(&b);

    as_caller(a.frank);
    assert_eq!(b.approve_release(id), Err(Error::MissingRole { role: Role::Treasurer, account: a.frank }));
    as_caller(a.bob);
    b.approve_release(id).unwrap();
    let ev = last_funds::<ReleaseApproved>();
    assert_eq!((ev.line, ev.commitment, ev.release), (line, c, id));
    assert_eq!((ev.approver, ev.approvals, ev.required), (a.bob, 1, 2));
    assert_eq!(b.approve_release(id), Err(Error::AlreadyApproved));
    assert_eq!(b.execute_release(id), Err(Error::NotEnoughApprovals { approvals: 1, required: 2 }));
    assert_eq!(balance_of(payee()), 0);
    as_caller(a.charlie);
    b.approve_release(id).unwrap();
    assert_eq!(last_funds::<Released>().release, Some(id));
    assert_eq!(balance_of(payee()), 500);
    let q = b.queued_release(id).unwrap();
    assert_eq!((q.status, q.approvers.clone()), (ReleaseStatus::Executed, vec![a.bob, a.charlie]));
    let com = b.commitment(c).unwrap();
    assert_eq!((com.released, com.queued, com.pending_releases), (500, 0, 0));
    assert_eq!(b.line(line).unwrap().released, 500);
    assert_eq!(b.approve_release(id), Err(Error::ReleaseNotPending));
    assert_eq!(b.approve_release(77), Err(Error::ReleaseNotFound));
    assert_books(&b);
}

#[ink::test]
fn one_rejection_returns_the_amount_to_the_commitment() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    let id = queued_with_bobs_approval(&mut b, c, 600);
    as_caller(a.charlie);
    b.reject_release(id).unwrap();
    let ev = last_funds::<ReleaseRejected>();
    assert_eq!((ev.line, ev.release, ev.commitment, ev.amount, ev.by), (line, id, c, 600, a.charlie));
    assert_eq!(b.queued_release(id).unwrap().status, ReleaseStatus::Rejected);
    assert_eq!(b.commitment(c).unwrap().remaining(), 800);
    assert_eq!(b.reject_release(id), Err(Error::ReleaseNotPending));
    as_caller(a.frank);
    assert_eq!(b.reject_release(id), Err(Error::MissingRole { role: Role::Treasurer, account: a.frank }));
    assert_eq!(balance_of(payee()), 0);
    assert_books(&b);
}

#[ink::test]
fn window_cap_queues_until_the_next_window() {
    let (mut b, _line, c) = with_commitment();
    as_caller(accounts().frank);
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    // 200 paid in this window; 60 more would pass the cap of 250.
    assert!(matches!(b.release(c, 60, payee()), Ok(ReleaseOutcome::Queued(_))));
    assert_eq!(b.release(c, 50, payee()), Ok(ReleaseOutcome::Paid));
    set_now(START + 10 * DAY);
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    assert_eq!(balance_of(payee()), 350);
    assert_books(&b);
}

#[ink::test]
fn paused_suite_queues_releases_and_still_pays_approved_ones() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    set_paused(true);
    as_caller(a.frank);
    let ReleaseOutcome::Queued(id) = b.release(c, 10, payee()).unwrap() else {
        panic!("no automatic release while paused");
    };
    as_caller(a.bob);
    b.approve_release(id).unwrap();
    as_caller(a.charlie);
    b.approve_release(id).unwrap();
    assert_eq!(balance_of(payee()), 10);
    as_caller(a.frank);
    assert_eq!(b.decommit(c, None), Ok(790));
    assert_eq!(b.line(line).unwrap().available, 4_990);
    assert_books(&b);
}

#[ink::test]
fn execute_release_after_the_requirement_is_lowered() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    let id = queued_with_bobs_approval(&mut b, c, 300);
    as_caller(a.alice);
    governed(|| b.set_line_policy(line, Some(ReleasePolicy { approvals_required: 1, ..test_policy() }))).unwrap();
    as_caller(a.django);
    b.execute_release(id).unwrap();
    assert_eq!(balance_of(payee()), 300);
    assert_books(&b);
}

#[ink::test]
fn approvals_of_former_treasurers_do_not_count() {
    let (mut b, _line, c) = with_commitment();
    let a = accounts();
    let id = queued_with_bobs_approval(&mut b, c, 600);
    test_kit::world::revoke(Role::Treasurer, a.bob);
    // charlie's approval reaches the count, but bob's no longer counts: the
    // release waits, and bob's approval is dropped.
    as_caller(a.charlie);
    b.approve_release(id).unwrap();
    let ev = last_funds::<ReleaseApproved>();
    assert_eq!((ev.approver, ev.approvals, ev.required), (a.charlie, 1, 2));
    assert_eq!(balance_of(payee()), 0);
    let q = b.queued_release(id).unwrap();
    assert_eq!((q.status, q.approvers), (ReleaseStatus::Pending, vec![a.charlie]));
    assert_eq!(b.execute_release(id), Err(Error::NotEnoughApprovals { approvals: 1, required: 2 }));
    // Once bob is a Treasurer again, his new approval is the second one.
    grant(Role::Treasurer, a.bob);
    as_caller(a.bob);
    b.approve_release(id).unwrap();
    assert_eq!(balance_of(payee()), 600);
    assert_books(&b);
}

#[ink::test]
fn execute_counts_only_current_treasurers_and_the_registry_must_answer() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    let id = queued_with_bobs_approval(&mut b, c, 300);
    as_caller(a.alice);
    governed(|| b.set_line_policy(line, Some(ReleasePolicy { approvals_required: 1, ..test_policy() }))).unwrap();
    test_kit::world::revoke(Role::Treasurer, a.bob);
    as_caller(a.django);
    assert_eq!(b.execute_release(id), Err(Error::NotEnoughApprovals { approvals: 0, required: 1 }));
    grant(Role::Treasurer, a.bob);
    set_registry_down(true);
    assert_eq!(b.execute_release(id), Err(Error::RegistryUnavailable));
    set_registry_down(false);
    b.execute_release(id).unwrap();
    assert_eq!(balance_of(payee()), 300);
    assert_books(&b);
}

#[ink::test]
fn the_admin_books_money_sent_outside_deposit_into_the_pool() {
    let mut b = setup();
    // The off-chain engine keeps balances at or above 1 000 000.
    deposit(&mut b, 2_000_000);
    let contract = test_kit::env::contract();
    test_kit::env::set_balance(contract, balance_of(contract) + 250);
    assert_eq!(b.totals().books(), Some(2_000_000));
    let a = accounts();
    as_caller(a.bob);
    assert_eq!(b.book_surplus(), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    as_caller(a.alice);
    assert_eq!(b.book_surplus(), Ok(250));
    let ev = last_treasury::<SurplusBooked>();
    assert_eq!((ev.amount, ev.unappropriated, ev.by), (250, 2_000_250, a.alice));
    assert_books(&b);
    assert_eq!(b.book_surplus(), Err(Error::NoSurplus));
}

#[ink::test]
fn a_shorter_cap_window_waits_for_the_window_in_use_to_end() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    as_caller(a.frank);
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    set_now(START + 2 * DAY);
    as_caller(a.alice);
    governed(|| b.set_line_policy(line, Some(ReleasePolicy { cap_window_ms: DAY, ..test_policy() }))).unwrap();
    as_caller(a.frank);
    assert!(matches!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Queued(_))), "no fresh cap mid-window");
    set_now(START + 10 * DAY);
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid));
    assert_books(&b);
}

#[ink::test]
fn decommit_returns_the_remainder_and_later_rejections_follow_it() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    as_caller(a.frank);
    b.release(c, 100, payee()).unwrap();
    let ReleaseOutcome::Queued(id) = b.release(c, 300, payee()).unwrap() else { panic!() };
    assert_eq!(b.decommit(c, None), Ok(400));
    let ev = last_funds::<Decommitted>();
    assert_eq!((ev.commitment, ev.amount), (c, 400));
    assert_eq!(b.decommit(c, None), Err(Error::CommitmentClosed));
    assert_eq!(b.line(line).unwrap().available, 4_600);
    assert_books(&b);
    // The queued release is still the Treasurers' to decide; rejected, its
    // amount goes back to the line because the commitment is closed.
    as_caller(a.bob);
    b.reject_release(id).unwrap();
    let l = b.line(line).unwrap();
    assert_eq!((l.available, l.committed, l.released), (4_900, 0, 100));
    let com = b.commitment(c).unwrap();
    assert_eq!((com.amount, com.released, com.queued), (100, 100, 0));
    assert_books(&b);
}

#[ink::test]
fn a_partial_decommit_returns_that_much_and_keeps_the_commitment_open() {
    let (mut b, line, c) = with_commitment();
    let a = accounts();
    as_caller(a.frank);
    let ReleaseOutcome::Queued(_) = b.release(c, 300, payee()).unwrap() else { panic!() };
    assert_eq!(b.decommit(c, Some(150)), Ok(150));
    let ev = last_funds::<Decommitted>();
    assert_eq!((ev.commitment, ev.amount, ev.closed), (c, 150, false));
    let com = b.commitment(c).unwrap();
    assert_eq!((com.amount, com.queued, com.remaining(), com.is_decommitted()), (650, 300, 350, false));
    assert_eq!(b.line(line).unwrap().available, 4_350);
    assert_books(&b);
    // No more than what is neither released nor queued.
    assert_eq!(b.decommit(c, Some(351)), Err(Error::ExceedsCommitment { requested: 351, remaining: 350 }));
    assert_eq!(b.decommit(c, Some(0)), Err(Error::ZeroAmount));
    assert_eq!(b.release(c, 100, payee()), Ok(ReleaseOutcome::Paid), "the rest stays payable");
    assert_eq!(b.decommit(c, None), Ok(250));
    assert!(last_funds::<Decommitted>().closed);
    assert_books(&b);
}

#[ink::test]
fn decommit_refusals() {
    let (mut b, _line, c) = with_commitment();
    let a = accounts();
    as_caller(a.eve);
    assert_eq!(b.decommit(c, None), Err(Error::MissingRole { role: Role::EscrowService, account: a.eve }));
    assert_eq!(b.decommit(c, Some(1)), Err(Error::MissingRole { role: Role::EscrowService, account: a.eve }));
    as_caller(a.frank);
    assert_eq!(b.decommit(42, None), Err(Error::CommitmentNotFound));
    assert!(!b.commitment(c).unwrap().is_decommitted());
    b.decommit(c, None).unwrap();
    assert_eq!(b.decommit(c, Some(1)), Err(Error::CommitmentClosed));
}

#[ink::test]
fn pending_releases_per_commitment_are_bounded() {
    let (mut b, _line, c) = with_commitment();
    set_paused(true);
    as_caller(accounts().frank);
    for _ in 0..MAX_PENDING_RELEASES {
        assert!(matches!(b.release(c, 1, payee()), Ok(ReleaseOutcome::Queued(_))));
    }
    assert_eq!(b.release(c, 1, payee()), Err(Error::TooManyPendingReleases));
    assert_eq!(b.commitment(c).unwrap().queued, u128::from(MAX_PENDING_RELEASES));
    assert_eq!(b.releases(0, 100).len(), MAX_PAGE_SIZE.min(u32::from(MAX_PENDING_RELEASES)) as usize);
    assert_eq!(b.releases(10, 3).iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![10, 11, 12]);
    assert_books(&b);
}

// ---------------------------------------------------------------- policies

#[ink::test]
fn policies_change_only_through_the_governor_and_are_validated() {
    let (mut b, line) = with_line();
    let a = accounts();
    for caller in [a.bob, a.alice] {
        as_caller(caller);
        let refused = Err(Error::MissingRole { role: Role::Governance, account: caller });
        assert_eq!(b.set_default_policy(ReleasePolicy::default()), refused, "not even the Admin, except through the delay");
        assert_eq!(b.set_line_policy(line, None), refused);
    }
    as_caller(governor());
    assert_eq!(b.set_default_policy(ReleasePolicy { approvals_required: 0, ..test_policy() }), Err(Error::InvalidPolicy));
    assert_eq!(b.set_line_policy(line, Some(ReleasePolicy { cap_window_ms: 0, ..test_policy() })), Err(Error::InvalidPolicy));
    assert_eq!(b.set_line_policy(99, None), Err(Error::LineNotFound));
    let own = ReleasePolicy { auto_release_limit: 5, ..test_policy() };
    governed(|| b.set_line_policy(line, Some(own))).unwrap();
    let ev = last_treasury::<PolicyChanged>();
    assert_eq!((ev.line, ev.policy, ev.by), (Some(line), Some(own), governor()));
    assert_eq!(b.policy_of(line), Some(own));
    governed(|| b.set_line_policy(line, None)).unwrap();
    assert_eq!(b.policy_of(line), Some(test_policy()));
    assert_eq!(b.default_policy(), test_policy());
}

#[ink::test]
fn line_policy_overrides_the_default() {
    let (mut b, line, c) = with_commitment();
    as_caller(accounts().alice);
    governed(|| b.set_line_policy(line, Some(ReleasePolicy { auto_release_limit: 5, ..test_policy() }))).unwrap();
    as_caller(accounts().frank);
    assert!(matches!(b.release(c, 6, payee()), Ok(ReleaseOutcome::Queued(_))));
    assert_eq!(b.release(c, 5, payee()), Ok(ReleaseOutcome::Paid));
}

#[ink::test]
fn an_unreachable_registry_refuses_everything_guarded() {
    let (mut b, line) = with_line();
    set_registry_down(true);
    as_caller(accounts().django);
    assert_eq!(b.reserve(line, 1, TENDER), Err(Error::RegistryUnavailable));
    as_caller(accounts().bob);
    assert_eq!(b.open_line(b"Y".to_vec(), START, END, 1), Err(Error::RegistryUnavailable));
    assert_books(&b);
}

// ------------------------------------------------------ random sequences

/// Thousands of random operations by every role, refused or not, with the
/// books checked after each one. The off-chain environment does not revert a
/// refused call, so this also proves every message checks before it writes.
#[ink::test]
fn random_operations_keep_the_books() {
    let mut b = setup();
    let a = accounts();
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let mut now = START;
    let mut paid_out = 0u128;
    // How many reservations, commitments and queued releases exist, so that
    // most operations aim at real ids (and some just past them).
    let (mut reservations, mut commitments, mut queued) = (0u64, 0u64, 0u64);
    for step in 0..4_000u32 {
        let lines = u64::from(b.line_count()) + 1;
        let pick = |rng: &mut Rng, n: u64| rng.below(n + 1);
        let amount = u128::from(rng.below(700)) + 1;
        match rng.below(13) {
            0 => deposit(&mut b, amount * 10),
            1 => {
                as_caller(a.bob);
                let _ = b.open_line(step.to_le_bytes().to_vec(), now, now + 200 * DAY, amount * 3);
            }
            2 => {
                as_caller(a.charlie);
                let _ = b.increase_appropriation(pick(&mut rng, lines) as u32, amount);
            }
            3 => {
                as_caller(a.bob);
                let _ = b.decrease_appropriation(pick(&mut rng, lines) as u32, amount);
            }
            4 => {
                as_caller(a.django);
                if b.reserve(pick(&mut rng, lines) as u32, amount, TENDER).is_ok() {
                    reservations += 1;
                }
            }
            5 => {
                as_caller(a.django);
                let _ = b.cancel_reservation(pick(&mut rng, reservations));
            }
            6 => {
                as_caller(a.eve);
                if b.commit(pick(&mut rng, reservations), amount / 4 + 1, payee()).is_ok() {
                    commitments += 1;
                }
            }
            7 => {
                as_caller(a.frank);
                let before = balance_of(payee());
                if let Ok(ReleaseOutcome::Queued(_)) = b.release(pick(&mut rng, commitments), amount / 3 + 1, payee()) {
                    queued += 1;
                }
                paid_out += balance_of(payee()) - before;
            }
            8 => {
                as_caller(if rng.below(2) == 0 { a.bob } else { a.charlie });
                let before = balance_of(payee());
                let _ = b.approve_release(pick(&mut rng, queued));
                paid_out += balance_of(payee()) - before;
            }
            9 => {
                as_caller(a.charlie);
                let _ = b.reject_release(pick(&mut rng, queued));
            }
            10 => {
                as_caller(a.frank);
                let part = match rng.below(4) {
                    0 => None,
                    _ => Some(u128::from(rng.below(300))),
                };
                let _ = b.decommit(pick(&mut rng, commitments), part);
            }
            11 => {
                now += rng.below(5) * DAY;
                set_now(now);
                as_caller(a.bob);
                let _ = b.close_line(pick(&mut rng, lines) as u32);
            }
            _ => set_paused(rng.below(4) == 0),
        }
        assert_books(&b);
        assert_eq!(b.totals().released, paid_out, "step {step}: released equals what the payee received");
    }
    // The sequence did real work, not only refusals.
    let t = b.totals();
    assert!(b.line_count() > 10 && t.released > 0 && t.committed > 0, "{t:?}");
    assert!(reservations > 50 && commitments > 20 && queued > 5, "{reservations} {commitments} {queued}");
}

// ---------------------------------------------------------------- upgrades

#[ink::test]
fn only_the_governor_replaces_code_and_the_layout_is_recorded() {
    let mut b = setup();
    let a = accounts();
    let layout = procurement_shared::StorageLayout { contract: procurement_shared::SuiteContract::Budget, version: 1 };
    assert_eq!(b.storage_layout(), Some(layout));
    for caller in [a.alice, a.bob] {
        as_caller(caller);
        let refused = Err(Error::MissingRole { role: Role::Governance, account: caller });
        assert_eq!(b.set_code(ink::primitives::Hash::from([7; 32])), refused);
        assert_eq!(b.migrate(), refused.map(|()| None));
    }
    assert_eq!(governed(|| b.migrate()), Ok(None), "this code's own layout: nothing to migrate");
    set_paused(true);
    assert_eq!(governed(|| b.migrate()), Ok(None), "upgrades work while paused");
    assert_eq!(b.storage_layout(), Some(layout));
}
