//! Unit tests of the governor's rules: time, who may do what, the pending
//! list, pinned codes, and that a refusal leaves everything as it was. The
//! targets and the chain's code store are stand-ins (`calls::stand_in`);
//! the real calls, the real delay and upgrades on the built bundles are
//! tested with drink in `e2e-tests/tests/upgrades.rs`.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use crate::calls::stand_in;
use crate::governor::{Cancelled, Change, Executed, Governor, GovernorEvent, Scheduled};
use crate::*;
use ink::primitives::{AccountId, Hash};
use procurement_shared::{Role, SuiteContract, DAY_MS};
use test_kit::env::{accounts, as_caller, last_event, set_now};
use test_kit::world;

const T0: Timestamp = 1_700_000_000_000;

fn hash(n: u8) -> Hash {
    Hash::from([n; 32])
}

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

/// A governor over stand-in addresses 1..=6, Alice its Admin, at T0.
fn governor() -> Governor {
    world::reset();
    stand_in::reset();
    set_now(T0);
    let a = accounts();
    world::grant(Role::Admin, a.alice);
    for n in 1..=6 {
        stand_in::with(|r| r.running.insert(account(n), hash(100 + n)));
    }
    as_caller(a.alice);
    Governor::new(account(1), account(2), account(3), account(4), account(5), account(6))
}

fn upgrade_budget(code: u8) -> Action {
    Action::Upgrade { contract: SuiteContract::Budget, code_hash: hash(code) }
}

fn calls() -> Vec<String> {
    stand_in::with(|r| r.calls.clone())
}

#[ink::test]
fn a_change_waits_out_the_delay_then_anyone_runs_it_once() {
    let mut g = governor();
    let a = accounts();
    let eta = T0 + DEFAULT_DELAY;
    let id = g.schedule(upgrade_budget(7), eta).unwrap();
    assert_eq!(id, 0);
    let event: GovernorEvent = last_event();
    assert_eq!(event.id, 0);
    assert_eq!(event.change, Change::Scheduled(Scheduled { action: upgrade_budget(7), eta, expires: eta + GRACE, by: a.alice }));
    assert_eq!(g.pending_count(), 1);
    assert_eq!(g.pending_changes(0, 10), vec![(0, g.change(0).unwrap())]);
    assert_eq!(stand_in::with(|r| r.pinned.get(&hash(7)).copied()), Some(1), "the announced code is pinned");

    as_caller(a.eve);
    set_now(eta - 1);
    assert_eq!(g.execute(id), Err(Error::NotYet { eta }));
    assert!(calls().is_empty(), "nothing was called before its time");
    set_now(eta);
    stand_in::with(|r| r.migrated_from = Some(1));
    assert_eq!(g.execute(id), Ok(Some(1)));
    assert_eq!(calls(), vec![format!("set_code {:?} {:?}", account(3), hash(7)), format!("migrate {:?}", account(3))]);
    let event: GovernorEvent = last_event();
    assert_eq!(event.change, Change::Executed(Executed { action: upgrade_budget(7), migrated_from: Some(1), by: a.eve }));
    assert_eq!(g.change(id).unwrap().state, ChangeState::Executed);
    assert_eq!(g.pending_count(), 0);
    assert!(stand_in::with(|r| r.pinned.is_empty()), "executed: the code is no longer pinned by the governor");

    assert_eq!(g.execute(id), Err(Error::AlreadyExecuted));
    assert_eq!(g.cancel(id), Err(Error::AlreadyExecuted));
    assert_eq!(calls().len(), 2, "a second execution calls nothing");
}

#[ink::test]
fn only_the_admin_schedules_and_only_within_the_window() {
    let mut g = governor();
    let a = accounts();
    as_caller(a.bob);
    assert_eq!(g.schedule(upgrade_budget(7), T0 + DEFAULT_DELAY), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    as_caller(a.alice);
    let earliest = T0 + DEFAULT_DELAY;
    assert_eq!(g.schedule(upgrade_budget(7), earliest - 1), Err(Error::TooEarly { earliest }));
    let latest = earliest + MAX_HORIZON;
    assert_eq!(g.schedule(upgrade_budget(7), latest + 1), Err(Error::TooLate { latest }));
    assert_eq!(g.schedule(upgrade_budget(7), u64::MAX), Err(Error::TooLate { latest }));
    assert_eq!(g.schedule(Action::Upgrade { contract: SuiteContract::Governor, code_hash: hash(7) }, earliest), Err(Error::NotUpgradeable));
    assert_eq!(g.schedule(upgrade_budget(103), earliest), Err(Error::SameCode), "the budget already runs code 103");
    assert_eq!(g.schedule(Action::DeclareExclusive { first: Role::Auditor, second: Role::Auditor }, earliest), Err(Error::SameRole));
    let bad = budget::ReleasePolicy { approvals_required: 0, ..Default::default() };
    assert_eq!(g.schedule(Action::DefaultPolicy { policy: bad }, earliest), Err(Error::InvalidPolicy));
    assert_eq!(g.schedule(Action::LinePolicy { line: 0, policy: Some(bad) }, earliest), Err(Error::InvalidPolicy));
    assert_eq!(g.schedule(Action::MinDelay { delay: DELAY_FLOOR - 1 }, earliest), Err(Error::DelayOutOfRange));
    assert_eq!(g.schedule(Action::MinDelay { delay: MAX_DELAY + 1 }, earliest), Err(Error::DelayOutOfRange));
    assert_eq!((g.change_count(), g.pending_count()), (0, 0), "nothing was scheduled");
    assert!(stand_in::with(|r| r.pinned.is_empty()));
    world::set_registry_down(true);
    assert_eq!(g.schedule(upgrade_budget(7), earliest), Err(Error::RegistryUnavailable));
    world::set_registry_down(false);
    assert_eq!(g.schedule(upgrade_budget(7), latest), Ok(0), "the window's ends are allowed");
    assert_eq!(g.schedule(upgrade_budget(8), earliest), Ok(1));
}

#[ink::test]
fn the_admin_cancels_anyone_clears_an_expired_change() {
    let mut g = governor();
    let a = accounts();
    let eta = T0 + DEFAULT_DELAY;
    let first = g.schedule(upgrade_budget(7), eta).unwrap();
    let second = g.schedule(upgrade_budget(7), eta).unwrap();
    let third = g.schedule(Action::LiftExclusive { first: Role::Vendor, second: Role::Auditor }, eta).unwrap();
    assert_eq!(stand_in::with(|r| r.pinned.get(&hash(7)).copied()), Some(1), "one pin for two upgrades to the same code");

    as_caller(a.bob);
    assert_eq!(g.cancel(first), Err(Error::NotExpired { expired_at: eta + GRACE }));
    as_caller(a.alice);
    g.cancel(first).unwrap();
    let event: GovernorEvent = last_event();
    assert_eq!((event.id, event.change), (first, Change::Cancelled(Cancelled { by: a.alice })));
    assert_eq!(g.pending_changes(0, 10).iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![third, second], "swap-removed");
    assert_eq!(stand_in::with(|r| r.pinned.get(&hash(7)).copied()), Some(1), "still needed by the second");
    set_now(eta);
    assert_eq!(g.execute(first), Err(Error::ChangeCancelled));
    assert_eq!(g.cancel(first), Err(Error::ChangeCancelled));

    set_now(eta + GRACE + 1);
    as_caller(a.bob);
    assert_eq!(g.execute(second), Err(Error::Expired { expired_at: eta + GRACE }));
    g.cancel(second).unwrap();
    g.cancel(third).unwrap();
    assert_eq!(g.pending_count(), 0);
    assert!(stand_in::with(|r| r.pinned.is_empty()), "every pin let go");
    assert_eq!(g.cancel(99), Err(Error::ChangeNotFound));
    assert_eq!(g.execute(99), Err(Error::ChangeNotFound));
    assert!(calls().is_empty(), "nothing ran");
}

#[ink::test]
fn a_refused_change_stays_pending_and_can_be_tried_again() {
    let mut g = governor();
    let eta = T0 + DEFAULT_DELAY;
    let id = g.schedule(Action::DeclareExclusive { first: Role::Treasurer, second: Role::Inspector }, eta).unwrap();
    set_now(eta);
    stand_in::with(|r| r.refuse = Some(vec![4, 1]));
    assert_eq!(g.execute(id), Err(Error::TargetRefused { contract: SuiteContract::Registry, reason: vec![4, 1] }));
    stand_in::with(|r| r.unreachable = true);
    assert_eq!(g.execute(id), Err(Error::TargetUnreachable { contract: SuiteContract::Registry }));
    assert_eq!(g.change(id).unwrap().state, ChangeState::Pending);
    stand_in::with(|r| r.unreachable = false);
    assert_eq!(g.execute(id), Ok(None));
    assert_eq!(calls(), vec!["declare_exclusive Treasurer Inspector".to_string()]);
}

#[ink::test]
fn each_action_reaches_its_target_and_the_delay_changes_only_through_itself() {
    let mut g = governor();
    let policy = budget::ReleasePolicy::default();
    let eta = T0 + DEFAULT_DELAY;
    let actions = [
        Action::DeclareExclusive { first: Role::Treasurer, second: Role::Inspector },
        Action::LiftExclusive { first: Role::Treasurer, second: Role::Inspector },
        Action::DefaultPolicy { policy },
        Action::LinePolicy { line: 3, policy: None },
        Action::MinDelay { delay: DELAY_FLOOR },
    ];
    let ids: Vec<ChangeId> = actions.iter().map(|action| g.schedule(*action, eta).unwrap()).collect();
    set_now(eta);
    for id in ids {
        assert_eq!(g.execute(id), Ok(None));
    }
    assert_eq!(
        calls(),
        vec![
            "declare_exclusive Treasurer Inspector".to_string(),
            "remove_exclusive Treasurer Inspector".to_string(),
            format!("set_default_policy {}", policy.auto_release_limit),
            "set_line_policy 3 None".to_string(),
        ]
    );
    assert_eq!(g.min_delay(), DELAY_FLOOR);
    let now = eta;
    assert_eq!(g.schedule(upgrade_budget(9), now + DELAY_FLOOR), Ok(5), "the new delay applies to the next change");
    assert_eq!(g.schedule(upgrade_budget(9), now + DELAY_FLOOR - 1), Err(Error::TooEarly { earliest: now + DELAY_FLOOR }));
    let _ = DAY_MS;
}

#[ink::test]
fn an_upgrade_the_target_already_runs_is_refused_at_execution_too() {
    let mut g = governor();
    let eta = T0 + DEFAULT_DELAY;
    let first = g.schedule(upgrade_budget(7), eta).unwrap();
    let again = g.schedule(upgrade_budget(7), eta).unwrap();
    set_now(eta);
    g.execute(first).unwrap();
    assert_eq!(g.execute(again), Err(Error::SameCode));
    assert_eq!(g.change(again).unwrap().state, ChangeState::Pending, "left for the Admin to cancel");
}

#[ink::test]
fn the_pending_list_is_bounded() {
    let mut g = governor();
    let eta = T0 + DEFAULT_DELAY;
    for _ in 0..MAX_PENDING {
        g.schedule(Action::MinDelay { delay: DEFAULT_DELAY }, eta).unwrap();
    }
    assert_eq!(g.schedule(Action::MinDelay { delay: DEFAULT_DELAY }, eta), Err(Error::TooManyPending));
    assert_eq!(g.pending_changes(0, 100).len(), MAX_PAGE_SIZE as usize);
    assert_eq!(g.pending_changes(30, 100).len(), 2);
    g.cancel(0).unwrap();
    assert_eq!(g.schedule(Action::MinDelay { delay: DEFAULT_DELAY }, eta), Ok(MAX_PENDING));
    assert_eq!(g.storage_layout(), Some(StorageLayout { contract: SuiteContract::Governor, version: 1 }));
}
