//! drink tests of the treasury with the real role registry: every role check
//! is a cross-contract call from `budget` to the role book. The service
//! roles go, by the registry's one link, to accounts (`tender-svc`,
//! `evaluation-svc`, `escrow-svc`) in place of the suite's contracts, so
//! each money move is driven directly. Conservation of funds is checked
//! after every step.

use budget::budget::{
    AppropriationChanged, Committed, Decommitted, Deposited, LineClosed, LineOpened, ReleaseApproved, ReleaseQueued, ReleaseRejected,
    Released, ReservationCancelled, Reserved, SurplusBooked,
};
use budget::{Commitment, Error, Line, QueuedRelease, ReleaseOutcome, ReleasePolicy, ReleaseStatus, Totals};
use deploy::config::Config;
use deploy::contracts::Treasury;
use deploy::suite::{self, Suite};
use drink::AccountId32;
use e2e_tests::assert_conserved;
use e2e_tests::chain::{self, answer, arg, ink_id, Outcome, Session};
use procurement_shared::{Peers, Role};

use procurement_shared::DAY_MS as DAY;
const START: u64 = 1_800_000_000_000;
const END: u64 = START + 365 * DAY;

const CONFIG: &str = r#"
admin = "authority"
[roles]
Treasurer = ["treasurer-1", "treasurer-2", "treasurer-3"]
Vendor = ["vendor-a"]
"#;

/// Up to 100 000 paid at once, 250 000 per 10-day window, else 2 approvals.
fn policy() -> ReleasePolicy {
    ReleasePolicy { auto_release_limit: 100_000, cap_window_ms: 10 * DAY, window_cap: 250_000, approvals_required: 2 }
}

struct T {
    s: Session,
    suite: Suite,
}

/// The procurement every reservation here is made for: budget records and
/// events must carry it.
const TENDER: u32 = 41;

fn acct(name: &str) -> AccountId32 {
    chain::dev_account(name)
}

impl T {
    fn new() -> T {
        let mut s = chain::new_session();
        chain::set_time(&mut s, START);
        let peers = |_: &Suite| Peers {
            tender: ink_id(&acct("tender-svc")),
            evaluation: ink_id(&acct("evaluation-svc")),
            escrow: ink_id(&acct("escrow-svc")),
            governor: ink_id(&acct("governor-svc")),
        };
        let suite = suite::deploy_suite_linked(&mut s, &Config::parse(CONFIG).unwrap(), peers).unwrap();
        for name in ["tender-svc", "evaluation-svc", "escrow-svc", "governor-svc"] {
            chain::endowed(&mut s, name);
        }
        let mut t = T { s, suite };
        let governor = acct("governor-svc");
        t.tx(|b, s| b.set_default_policy(s, &governor, &policy())).unwrap();
        t
    }

    fn treasury(&self) -> Treasury {
        self.suite.treasury()
    }

    /// Runs one treasury message through its facade: the value or the
    /// treasury's refusal (a chain failure fails the test).
    fn tx<R>(&mut self, call: impl FnOnce(&Treasury, &mut Session) -> Outcome<R, Error>) -> Result<R, Error> {
        let treasury = self.treasury();
        answer(call(&treasury, &mut self.s))
    }

    /// The changes of kind `T` the treasury recorded in the last call.
    fn events<T: chain::Kind>(&self) -> Vec<T> {
        chain::recorded::<T>(&self.s, self.suite.address("budget"))
    }

    fn conserved(&mut self) -> Totals {
        let budget = self.suite.address("budget").clone();
        assert_conserved(&mut self.s, &budget)
    }

    fn line(&mut self, id: u32) -> Line {
        self.treasury().line(&mut self.s, id).unwrap().expect("line exists")
    }

    fn commitment(&mut self, id: u64) -> Commitment {
        self.treasury().commitment(&mut self.s, id).unwrap().expect("commitment exists")
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        chain::balance(&mut self.s, who)
    }

    fn deposit(&mut self, amount: u128) {
        let citizen = chain::endowed(&mut self.s, "finance-ministry");
        self.tx(|b, s| b.deposit(s, &citizen, amount)).unwrap();
    }

    fn open_line(&mut self, name: &str, appropriation: u128) -> u32 {
        self.tx(|b, s| b.open_line(s, &acct("treasurer-1"), name.as_bytes(), START, END, appropriation)).unwrap()
    }

    fn reserve(&mut self, line: u32, amount: u128) -> Result<u64, Error> {
        self.tx(|b, s| b.reserve(s, &acct("tender-svc"), line, amount, TENDER))
    }

    fn commit(&mut self, reservation: u64, amount: u128, payee: &AccountId32) -> Result<u64, Error> {
        self.tx(|b, s| b.commit(s, &acct("evaluation-svc"), reservation, amount, payee))
    }

    fn release(&mut self, commitment: u64, amount: u128) -> Result<ReleaseOutcome, Error> {
        self.tx(|b, s| b.release(s, &acct("escrow-svc"), commitment, amount, &acct("vendor-a")))
    }

    fn set_paused(&mut self, paused: bool) {
        let (registry, admin) = (self.suite.registry(), self.suite.admin.clone());
        let done = if paused { registry.pause(&mut self.s, &admin) } else { registry.unpause(&mut self.s, &admin) };
        answer(done).unwrap();
    }

    /// A line of 600 000 with 400 000 reserved and 350 000 of it committed to
    /// vendor-a; returns (line, commitment).
    fn with_commitment(&mut self) -> (u32, u64) {
        self.deposit(1_000_000);
        let line = self.open_line("ROADS-2027", 600_000);
        let r = self.reserve(line, 400_000).unwrap();
        let c = self.commit(r, 350_000, &acct("vendor-a")).unwrap();
        (line, c)
    }
}

#[test]
fn full_lifecycle_conserves_funds_at_every_step() {
    let mut t = T::new();
    let vendor = acct("vendor-a");
    let vendor_start = t.balance(&vendor);
    t.conserved();

    t.deposit(1_000_000);
    let ev = t.events::<Deposited>();
    assert_eq!((ev[0].amount, ev[0].unappropriated), (1_000_000, 1_000_000));
    assert_eq!(t.conserved().unappropriated, 1_000_000);

    let line = t.open_line("ROADS-2027", 600_000);
    assert_eq!(t.events::<LineOpened>()[0].appropriation, 600_000);
    let totals = t.conserved();
    assert_eq!((totals.unappropriated, totals.available), (400_000, 600_000));

    let reservation = t.reserve(line, 400_000).unwrap();
    let ev = t.events::<Reserved>();
    assert_eq!(
        (ev[0].tender, ev[0].line, ev[0].reservation, ev[0].amount, ev[0].by),
        (TENDER, line, reservation, 400_000, ink_id(&acct("tender-svc")))
    );
    assert_eq!(t.conserved().reserved, 400_000);

    let c = t.commit(reservation, 350_000, &vendor).unwrap();
    let ev = t.events::<Committed>();
    assert_eq!((ev[0].tender, ev[0].amount, ev[0].surplus, ev[0].payee), (TENDER, 350_000, 50_000, ink_id(&vendor)));
    assert_eq!(t.commitment(c).tender, TENDER, "the commitment records its procurement");
    let totals = t.conserved();
    assert_eq!((totals.available, totals.reserved, totals.committed), (250_000, 0, 350_000));

    // Automatic release.
    assert_eq!(t.release(c, 80_000), Ok(ReleaseOutcome::Paid));
    let ev = t.events::<Released>();
    assert_eq!((ev[0].tender, ev[0].release), (TENDER, None));
    assert_eq!(t.balance(&vendor), vendor_start + 80_000);
    let totals = t.conserved();
    assert_eq!((totals.committed, totals.released), (270_000, 80_000));

    // Queued release, approved by two distinct Treasurers.
    let Ok(ReleaseOutcome::Queued(q1)) = t.release(c, 150_000) else { panic!("above the limit: queued") };
    assert_eq!(t.events::<ReleaseQueued>()[0].amount, 150_000);
    assert_eq!(t.balance(&vendor), vendor_start + 80_000);
    t.conserved();
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-1"), q1)).unwrap();
    assert_eq!(t.events::<ReleaseApproved>()[0].approvals, 1);
    assert_eq!(t.tx(|b, s| b.approve_release(s, &acct("treasurer-1"), q1)), Err(Error::AlreadyApproved));
    t.conserved();
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-2"), q1)).unwrap();
    assert_eq!(t.events::<Released>()[0].release, Some(q1));
    assert_eq!(t.balance(&vendor), vendor_start + 230_000);
    let totals = t.conserved();
    assert_eq!((totals.committed, totals.released), (120_000, 230_000));
    let q: QueuedRelease = t.treasury().queued_release(&mut t.s, q1).unwrap().unwrap();
    assert_eq!(q.status, ReleaseStatus::Executed);
    assert_eq!(q.approvers, vec![ink_id(&acct("treasurer-1")), ink_id(&acct("treasurer-2"))]);

    // Queued release, rejected: the amount returns to the commitment.
    let Ok(ReleaseOutcome::Queued(q2)) = t.release(c, 110_000) else { panic!("queued") };
    assert_eq!(t.commitment(c).remaining(), 10_000);
    t.conserved();
    t.tx(|b, s| b.reject_release(s, &acct("treasurer-3"), q2)).unwrap();
    assert_eq!(t.events::<ReleaseRejected>()[0].amount, 110_000);
    assert_eq!(t.commitment(c).remaining(), 120_000);
    assert_eq!(t.balance(&vendor), vendor_start + 230_000);
    t.conserved();

    // Decommit: the unpaid remainder goes back to the line.
    let returned: u128 = t.tx(|b, s| b.decommit(s, &acct("escrow-svc"), c, None)).unwrap();
    assert_eq!(returned, 120_000);
    assert_eq!(t.events::<Decommitted>()[0].amount, 120_000);
    let l = t.line(line);
    assert_eq!((l.available, l.reserved, l.committed, l.released), (370_000, 0, 0, 230_000));
    t.conserved();

    // Close after the period: the available remainder returns to the pool.
    chain::set_time(&mut t.s, END);
    t.tx(|b, s| b.close_line(s, &acct("treasurer-2"), line)).unwrap();
    assert_eq!(t.events::<LineClosed>()[0].returned, 370_000);
    let totals = t.conserved();
    assert_eq!((totals.unappropriated, totals.available, totals.committed, totals.released), (770_000, 0, 0, 230_000));
    let l = t.line(line);
    assert_eq!((l.appropriated, l.released, l.is_closed()), (230_000, 230_000, true));
}

#[test]
fn period_cap_spans_windows_of_sandbox_time() {
    let mut t = T::new();
    let (_line, c) = t.with_commitment();
    assert_eq!(t.release(c, 100_000), Ok(ReleaseOutcome::Paid));
    assert_eq!(t.release(c, 100_000), Ok(ReleaseOutcome::Paid));
    // 200 000 paid in this window; 60 000 more would pass 250 000.
    assert!(matches!(t.release(c, 60_000), Ok(ReleaseOutcome::Queued(_))));
    assert_eq!(t.release(c, 50_000), Ok(ReleaseOutcome::Paid));
    t.conserved();
    chain::set_time(&mut t.s, START + 10 * DAY - 1);
    assert!(matches!(t.release(c, 1), Ok(ReleaseOutcome::Queued(_))), "still the first window");
    chain::set_time(&mut t.s, START + 10 * DAY);
    assert_eq!(t.release(c, 39_999), Ok(ReleaseOutcome::Paid), "a new window");
    assert_eq!(t.line(0).window.paid, 39_999);
    t.conserved();
}

#[test]
fn money_not_held_cannot_be_appropriated_or_reserved() {
    let mut t = T::new();
    t.deposit(1_000);
    assert_eq!(
        t.tx(|b, s| b.open_line(s, &acct("treasurer-1"), b"X", START, END, 1001)),
        Err(Error::InsufficientUnappropriated { requested: 1_001, unappropriated: 1_000 })
    );
    let line = t.open_line("X", 1_000);
    assert_eq!(
        t.tx(|b, s| b.increase_appropriation(s, &acct("treasurer-1"), line, 1)),
        Err(Error::InsufficientUnappropriated { requested: 1, unappropriated: 0 })
    );
    assert_eq!(t.reserve(line, 1_001), Err(Error::InsufficientAvailable { requested: 1_001, available: 1_000 }));
    let r = t.reserve(line, 1_000).unwrap();
    assert_eq!(t.commit(r, 1_001, &acct("vendor-a")), Err(Error::ExceedsReservation { requested: 1_001, reserved: 1_000 }));
    let c = t.commit(r, 1_000, &acct("vendor-a")).unwrap();
    assert_eq!(t.release(c, 1_001), Err(Error::ExceedsCommitment { requested: 1_001, remaining: 1_000 }));
    let totals = t.conserved();
    assert_eq!((totals.unappropriated, totals.committed, totals.released), (0, 1_000, 0));
}

#[test]
fn every_guarded_message_checks_its_role_across_contracts() {
    let mut t = T::new();
    let (line, c) = t.with_commitment();
    let vendor = acct("vendor-a");
    let before = t.conserved();
    fn missing<R>(role: Role, who: &AccountId32) -> Result<R, Error> {
        Err(Error::MissingRole { role, account: ink_id(who) })
    }
    assert_eq!(t.tx(|b, s| b.open_line(s, &vendor, b"V", START, END, 1)), missing(Role::Treasurer, &vendor));
    assert_eq!(t.tx(|b, s| b.close_line(s, &vendor, line)), missing(Role::Treasurer, &vendor));
    let treasurer = acct("treasurer-1");
    assert_eq!(t.tx(|b, s| b.reserve(s, &treasurer, line, 1, TENDER)), missing(Role::TenderService, &treasurer));
    let tender = acct("tender-svc");
    assert_eq!(t.tx(|b, s| b.commit(s, &tender, 0, 1, &vendor)), missing(Role::EvaluationService, &tender));
    let evaluation = acct("evaluation-svc");
    assert_eq!(t.tx(|b, s| b.release(s, &evaluation, c, 1, &vendor)), missing(Role::EscrowService, &evaluation));
    assert_eq!(t.tx(|b, s| b.decommit(s, &evaluation, c, None)), missing(Role::EscrowService, &evaluation));
    let admin = t.suite.admin.clone();
    assert_eq!(t.tx(|b, s| b.release(s, &admin, c, 1, &vendor)), missing(Role::EscrowService, &admin));
    assert_eq!(t.tx(|b, s| b.approve_release(s, &vendor, 0)), missing(Role::Treasurer, &vendor));
    assert_eq!(t.tx(|b, s| b.set_default_policy(s, &treasurer, &policy())), missing(Role::Governance, &treasurer));
    assert_eq!(t.tx(|b, s| b.set_default_policy(s, &admin, &policy())), missing(Role::Governance, &admin), "not the Admin: only the delay");
    assert_eq!(t.tx(|b, s| b.cancel_reservation(s, &acct("escrow-svc"), 0)), Err(Error::NotReservationOwner));
    // Paying anyone but the payee is refused even for the escrow service.
    assert_eq!(t.tx(|b, s| b.release(s, &acct("escrow-svc"), c, 1, &treasurer)), Err(Error::WrongPayee));
    assert_eq!(t.conserved(), before);
}

#[test]
fn a_paused_suite_takes_no_new_business_but_traps_nothing() {
    let mut t = T::new();
    let (line, c) = t.with_commitment();
    let spare = t.reserve(line, 10_000).unwrap();
    let vendor = acct("vendor-a");
    t.set_paused(true);

    assert_eq!(t.reserve(line, 1), Err(Error::Paused));
    assert_eq!(t.commit(spare, 1, &vendor), Err(Error::Paused));
    // A release is queued, never paid automatically, while paused.
    let paid_before = t.balance(&vendor);
    let Ok(ReleaseOutcome::Queued(q)) = t.release(c, 10) else { panic!("queued while paused") };
    assert_eq!(t.balance(&vendor), paid_before);
    t.conserved();
    // Approvals still execute it, deposits still arrive, refunds still work.
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-1"), q)).unwrap();
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-2"), q)).unwrap();
    assert_eq!(t.balance(&vendor), paid_before + 10);
    t.deposit(5);
    t.tx(|b, s| b.cancel_reservation(s, &acct("tender-svc"), spare)).unwrap();
    assert_eq!(t.events::<ReservationCancelled>()[0].amount, 10_000);
    let returned: u128 = t.tx(|b, s| b.decommit(s, &acct("escrow-svc"), c, None)).unwrap();
    assert_eq!(returned, 349_990);
    t.conserved();

    t.set_paused(false);
    assert!(t.reserve(line, 1).is_ok());
    t.conserved();
}

#[test]
fn a_failed_transfer_changes_no_books() {
    let mut t = T::new();
    let (line, c) = t.with_commitment();
    let before = t.conserved();
    // Take the treasury's money away behind its books (a stand-in for a bug
    // elsewhere): the contract keeps only its existential deposit.
    let budget = t.suite.address("budget").clone();
    let held = t.balance(&budget);
    chain::set_free_balance(&mut t.s, &budget, 1);
    assert_eq!(t.release(c, 1_000), Err(Error::TransferFailed));
    assert_eq!(t.commitment(c).released, 0);
    assert_eq!(t.line(line).released, 0);
    let after = t.treasury().totals(&mut t.s).unwrap();
    assert_eq!(after.books(), before.books(), "the books did not move");
    assert!(!after.conserved(), "auditors see the shortfall");
    // Restored, the same release goes through.
    chain::set_free_balance(&mut t.s, &budget, held);
    assert_eq!(t.release(c, 1_000), Ok(ReleaseOutcome::Paid));
    t.conserved();
}

#[test]
fn a_budget_wired_to_a_non_contract_registry_refuses_guarded_calls() {
    let mut s = chain::new_session();
    let deployer = chain::endowed(&mut s, "deployer");
    let bogus = chain::endowed(&mut s, "not-a-registry");
    let budget = chain::deploy(&mut s, chain::bundle("budget"), &deployer, "new", &[arg(&bogus)], vec![]);
    let treasury = Treasury::at(budget.clone());
    assert_eq!(answer(treasury.open_line(&mut s, &deployer, b"A", 0, 1, 1)), Err(Error::RegistryUnavailable));
    answer(treasury.deposit(&mut s, &deployer, 10)).unwrap();
    assert_conserved(&mut s, &budget);
}

#[test]
fn appropriations_move_with_events() {
    let mut t = T::new();
    t.deposit(10_000);
    let line = t.open_line("HEALTH", 4_000);
    let treasurer = acct("treasurer-3");
    t.tx(|b, s| b.increase_appropriation(s, &treasurer, line, 1000)).unwrap();
    let ev = t.events::<AppropriationChanged>();
    assert_eq!((ev[0].previous, ev[0].new, ev[0].by), (4_000, 5_000, ink_id(&treasurer)));
    t.conserved();
    t.reserve(line, 4_500).unwrap();
    assert_eq!(
        t.tx(|b, s| b.decrease_appropriation(s, &treasurer, line, 501)),
        Err(Error::InsufficientAvailable { requested: 501, available: 500 })
    );
    t.tx(|b, s| b.decrease_appropriation(s, &treasurer, line, 500)).unwrap();
    assert_eq!(t.events::<AppropriationChanged>()[0].new, 4_500);
    let totals = t.conserved();
    assert_eq!((totals.unappropriated, totals.available, totals.reserved), (5_500, 0, 4_500));
    assert_eq!(t.tx(|b, s| b.close_line(s, &treasurer, line)), Err(Error::PeriodNotEnded));
    let dup = t.tx(|b, s| b.open_line(s, &treasurer, b"HEALTH", START, END, 1));
    assert_eq!(dup, Err(Error::DuplicateCode { line }));
    let found = t.treasury().line_by_code(&mut t.s, b"HEALTH").unwrap();
    assert_eq!(found, Some(line));
}

// ------------------------------------------------------------- hardening

/// Attack: a Treasurer approves a large release, loses the role, and the
/// approval still counts toward the co-signature. Only approvers who hold
/// the role when the release is paid count.
#[test]
fn an_approval_counts_only_while_its_treasurer_holds_the_role() {
    let mut t = T::new();
    let (_, c) = t.with_commitment();
    let vendor = acct("vendor-a");
    let wallet = t.balance(&vendor);
    let Ok(ReleaseOutcome::Queued(id)) = t.release(c, 200_000) else { panic!("a large release is queued") };
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-1"), id)).unwrap();
    let admin = t.suite.admin.clone();
    answer(t.suite.registry().revoke_role(&mut t.s, &admin, Role::Treasurer, &acct("treasurer-1"))).unwrap();
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-2"), id)).unwrap();
    assert_eq!(t.balance(&vendor), wallet, "one current Treasurer is not two");
    let q: QueuedRelease = t.treasury().queued_release(&mut t.s, id).unwrap().unwrap();
    assert_eq!((q.status, q.approvers), (ReleaseStatus::Pending, vec![ink_id(&acct("treasurer-2"))]), "the stale approval is dropped");
    assert_eq!(t.tx(|b, s| b.execute_release(s, &acct("vendor-a"), id)), Err(Error::NotEnoughApprovals { approvals: 1, required: 2 }));
    t.conserved();
    t.tx(|b, s| b.approve_release(s, &acct("treasurer-3"), id)).unwrap();
    assert_eq!(t.balance(&vendor), wallet + 200_000);
    t.conserved();
}

/// Changing a line's cap window while a window is in use must not hand out
/// a fresh cap: the window in use keeps its end.
#[test]
fn a_new_cap_window_length_takes_effect_only_when_the_window_in_use_ends() {
    let mut t = T::new();
    let (line, c) = t.with_commitment();
    // 250 000 per 10-day window; use 200 000 of it.
    assert_eq!(t.release(c, 100_000), Ok(ReleaseOutcome::Paid));
    assert_eq!(t.release(c, 100_000), Ok(ReleaseOutcome::Paid));
    chain::set_time(&mut t.s, START + 2 * DAY);
    let governor = acct("governor-svc");
    let daily = ReleasePolicy { cap_window_ms: DAY, ..policy() };
    t.tx(|b, s| b.set_line_policy(s, &governor, line, Some(&daily))).unwrap();
    assert!(matches!(t.release(c, 100_000), Ok(ReleaseOutcome::Queued(_))), "no fresh cap mid-window");
    chain::set_time(&mut t.s, START + 10 * DAY);
    assert_eq!(t.release(c, 50_000), Ok(ReleaseOutcome::Paid), "a new window of the new length");
    t.conserved();
}

/// Money sent to the treasury outside `deposit` is not on the books. The
/// Admin books it into the unappropriated pool; nobody can take it out.
#[test]
fn money_sent_outside_deposit_is_booked_by_the_admin_into_the_pool() {
    let mut t = T::new();
    t.deposit(1_000);
    let budget = t.suite.address("budget").clone();
    chain::fund(&mut t.s, &budget, 500);
    let totals = t.treasury().totals(&mut t.s).unwrap();
    assert_eq!((totals.balance, totals.books()), (1_500, Some(1_000)));
    assert_eq!(
        t.tx(|b, s| b.book_surplus(s, &acct("treasurer-1"))),
        Err(Error::MissingRole { role: Role::Admin, account: ink_id(&acct("treasurer-1")) })
    );
    let admin = t.suite.admin.clone();
    assert_eq!(t.tx(|b, s| b.book_surplus(s, &admin)), Ok(500));
    let ev = t.events::<SurplusBooked>();
    assert_eq!((ev[0].amount, ev[0].unappropriated), (500, 1_500));
    assert_eq!(t.conserved().unappropriated, 1_500);
    assert_eq!(t.tx(|b, s| b.book_surplus(s, &admin)), Err(Error::NoSurplus));
}
