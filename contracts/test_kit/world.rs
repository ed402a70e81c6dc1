//! What the stand-ins answer in one test: per thread, because the test
//! harness runs each test on its own thread. Call [`reset`] at the start of
//! every test's setup.

use std::cell::RefCell;

use ink::primitives::AccountId;
use ink::scale::Encode;
use procurement_shared::{Balance, LineId, ReservationId, Role, TenderId};

/// A reservation the treasury stand-in recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandInReservation {
    pub id: ReservationId,
    pub line: LineId,
    pub amount: Balance,
    pub tender: TenderId,
    pub active: bool,
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
