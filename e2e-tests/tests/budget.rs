//! drink tests of the treasury with the real role registry: every role check
//! is a cross-contract call from `budget` to `access_control`. Conservation
//! of funds is checked after every step.

use budget::budget::{
    AppropriationChanged, Committed, Decommitted, Deposited, LineClosed, LineOpened, ReleaseApproved, ReleaseQueued,
    ReleaseRejected, Released, Reserved, ReservationCancelled, SurplusBooked,
};
use budget::{Commitment, Error, Line, ReleaseOutcome, ReleaseStatus, QueuedRelease, Totals};
use deploy::chain::{self, arg, ink_id, Session};
use deploy::config::{role_name, Config};
use deploy::suite::{self, Suite};
use drink::AccountId32;
use e2e_tests::{assert_conserved, code};
use procurement_shared::Role;

const DAY: u64 = 86_400_000;
const START: u64 = 1_800_000_000_000;
const END: u64 = START + 365 * DAY;

const CONFIG: &str = r#"
admin = "authority"
[roles]
Treasurer = ["treasurer-1", "treasurer-2", "treasurer-3"]
Vendor = ["vendor-a"]
TenderService = ["tender-svc"]
EvaluationService = ["evaluation-svc"]
EscrowService = ["escrow-svc"]
"#;

/// Up to 100 000 paid at once, 250 000 per 10-day window, else 2 approvals.
const POLICY: &str =
    "ReleasePolicy { auto_release_limit: 100000, cap_window_ms: 864000000, window_cap: 250000, approvals_required: 2 }";

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
        let suite = suite::deploy_suite(&mut s, &Config::parse(CONFIG).unwrap()).unwrap();
        let mut t = T { s, suite };
        let admin = t.suite.admin.clone();
        t.call::<()>(&admin, "set_default_policy", &[POLICY.into()], None).unwrap();
        t
    }

    fn call<R: ink::scale::Decode>(&mut self, who: &AccountId32, msg: &str, args: &[String], value: Option<u128>) -> Result<R, Error> {
        let budget = self.suite.budget.clone();
        chain::call::<R, Error>(&mut self.s, &budget, who, msg, args, value)
    }

    fn query<R: ink::scale::Decode>(&mut self, msg: &str, args: &[String]) -> R {
        let budget = self.suite.budget.clone();
        chain::query(&mut self.s, &budget, msg, args)
    }

    fn events<E: ink::env::Event + ink::scale::Decode>(&self) -> Vec<E> {
        chain::events::<E>(&self.s, &self.suite.budget)
    }

    fn conserved(&mut self) -> Totals {
        let budget = self.suite.budget.clone();
        assert_conserved(&mut self.s, &budget)
    }

    fn line(&mut self, id: u32) -> Line {
        self.query::<Option<Line>>("line", &[id.to_string()]).expect("line exists")
    }

    fn commitment(&mut self, id: u64) -> Commitment {
        self.query::<Option<Commitment>>("commitment", &[id.to_string()]).expect("commitment exists")
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        chain::balance(&mut self.s, who)
    }

    fn deposit(&mut self, amount: u128) {
        let citizen = chain::endowed(&mut self.s, "finance-ministry");
        self.call::<()>(&citizen, "deposit", &[], Some(amount)).unwrap();
    }

    fn open_line(&mut self, name: &str, appropriation: u128) -> u32 {
        self.call(&acct("treasurer-1"), "open_line", &[code(name), START.to_string(), END.to_string(), appropriation.to_string()], None)
            .unwrap()
    }

    fn reserve(&mut self, line: u32, amount: u128) -> Result<u64, Error> {
        self.call(&acct("tender-svc"), "reserve", &[line.to_string(), amount.to_string(), TENDER.to_string()], None)
    }

    fn commit(&mut self, reservation: u64, amount: u128, payee: &AccountId32) -> Result<u64, Error> {
        self.call(&acct("evaluation-svc"), "commit", &[reservation.to_string(), amount.to_string(), arg(payee)], None)
    }

    fn release(&mut self, commitment: u64, amount: u128) -> Result<ReleaseOutcome, Error> {
        let to = arg(&acct("vendor-a"));
        self.call(&acct("escrow-svc"), "release", &[commitment.to_string(), amount.to_string(), to], None)
    }

    fn registry(&mut self, who: &AccountId32, msg: &str) {
        let registry = self.suite.access_control.clone();
        chain::call::<(), access_control::Error>(&mut self.s, &registry, who, msg, &[], None).unwrap();
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
    t.call::<()>(&acct("treasurer-1"), "approve_release", &[q1.to_string()], None).unwrap();
    assert_eq!(t.events::<ReleaseApproved>()[0].approvals, 1);
    assert_eq!(
        t.call::<()>(&acct("treasurer-1"), "approve_release", &[q1.to_string()], None),
        Err(Error::AlreadyApproved)
    );
    t.conserved();
    t.call::<()>(&acct("treasurer-2"), "approve_release", &[q1.to_string()], None).unwrap();
    assert_eq!(t.events::<Released>()[0].release, Some(q1));
    assert_eq!(t.balance(&vendor), vendor_start + 230_000);
    let totals = t.conserved();
    assert_eq!((totals.committed, totals.released), (120_000, 230_000));
    let q: QueuedRelease = t.query::<Option<QueuedRelease>>("queued_release", &[q1.to_string()]).unwrap();
    assert_eq!(q.status, ReleaseStatus::Executed);
    assert_eq!(q.approvers, vec![ink_id(&acct("treasurer-1")), ink_id(&acct("treasurer-2"))]);

    // Queued release, rejected: the amount returns to the commitment.
    let Ok(ReleaseOutcome::Queued(q2)) = t.release(c, 110_000) else { panic!("queued") };
    assert_eq!(t.commitment(c).remaining(), 10_000);
    t.conserved();
    t.call::<()>(&acct("treasurer-3"), "reject_release", &[q2.to_string()], None).unwrap();
    assert_eq!(t.events::<ReleaseRejected>()[0].amount, 110_000);
    assert_eq!(t.commitment(c).remaining(), 120_000);
    assert_eq!(t.balance(&vendor), vendor_start + 230_000);
    t.conserved();

    // Decommit: the unpaid remainder goes back to the line.
    let returned: u128 = t.call(&acct("escrow-svc"), "decommit", &[c.to_string()], None).unwrap();
    assert_eq!(returned, 120_000);
    assert_eq!(t.events::<Decommitted>()[0].amount, 120_000);
    let l = t.line(line);
    assert_eq!((l.available, l.reserved, l.committed, l.released), (370_000, 0, 0, 230_000));
    t.conserved();

    // Close after the period: the available remainder returns to the pool.
    chain::set_time(&mut t.s, END);
    t.call::<()>(&acct("treasurer-2"), "close_line", &[line.to_string()], None).unwrap();
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
        t.call::<u32>(&acct("treasurer-1"), "open_line", &[code("X"), START.to_string(), END.to_string(), "1001".into()], None),
        Err(Error::InsufficientUnappropriated { requested: 1_001, unappropriated: 1_000 })
    );
    let line = t.open_line("X", 1_000);
    assert_eq!(
        t.call::<()>(&acct("treasurer-1"), "increase_appropriation", &[line.to_string(), "1".into()], None),
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
    assert_eq!(
        t.call::<u32>(&vendor, "open_line", &[code("V"), START.to_string(), END.to_string(), "1".into()], None),
        missing(Role::Treasurer, &vendor)
    );
    assert_eq!(t.call::<()>(&vendor, "close_line", &[line.to_string()], None), missing(Role::Treasurer, &vendor));
    let treasurer = acct("treasurer-1");
    assert_eq!(t.call::<u64>(&treasurer, "reserve", &[line.to_string(), "1".into(), TENDER.to_string()], None), missing(Role::TenderService, &treasurer));
    let tender = acct("tender-svc");
    assert_eq!(
        t.call::<u64>(&tender, "commit", &["0".into(), "1".into(), arg(&vendor)], None),
        missing(Role::EvaluationService, &tender)
    );
    let evaluation = acct("evaluation-svc");
    assert_eq!(
        t.call::<ReleaseOutcome>(&evaluation, "release", &[c.to_string(), "1".into(), arg(&vendor)], None),
        missing(Role::EscrowService, &evaluation)
    );
    assert_eq!(t.call::<u128>(&evaluation, "decommit", &[c.to_string()], None), missing(Role::EscrowService, &evaluation));
    assert_eq!(t.call::<()>(&vendor, "approve_release", &["0".into()], None), missing(Role::Treasurer, &vendor));
    assert_eq!(t.call::<()>(&treasurer, "set_default_policy", &[POLICY.into()], None), missing(Role::Admin, &treasurer));
    assert_eq!(t.call::<()>(&acct("escrow-svc"), "cancel_reservation", &["0".into()], None), Err(Error::NotReservationOwner));
    // Paying anyone but the payee is refused even for the escrow service.
    assert_eq!(
        t.call::<ReleaseOutcome>(&acct("escrow-svc"), "release", &[c.to_string(), "1".into(), arg(&treasurer)], None),
        Err(Error::WrongPayee)
    );
    assert_eq!(t.conserved(), before);
}

#[test]
fn a_paused_suite_takes_no_new_business_but_traps_nothing() {
    let mut t = T::new();
    let (line, c) = t.with_commitment();
    let spare = t.reserve(line, 10_000).unwrap();
    let admin = t.suite.admin.clone();
    let vendor = acct("vendor-a");
    t.registry(&admin, "pause");

    assert_eq!(t.reserve(line, 1), Err(Error::Paused));
    assert_eq!(t.commit(spare, 1, &vendor), Err(Error::Paused));
    // A release is queued, never paid automatically, while paused.
    let paid_before = t.balance(&vendor);
    let Ok(ReleaseOutcome::Queued(q)) = t.release(c, 10) else { panic!("queued while paused") };
    assert_eq!(t.balance(&vendor), paid_before);
    t.conserved();
    // Approvals still execute it, deposits still arrive, refunds still work.
    t.call::<()>(&acct("treasurer-1"), "approve_release", &[q.to_string()], None).unwrap();
    t.call::<()>(&acct("treasurer-2"), "approve_release", &[q.to_string()], None).unwrap();
    assert_eq!(t.balance(&vendor), paid_before + 10);
    t.deposit(5);
    t.call::<()>(&acct("tender-svc"), "cancel_reservation", &[spare.to_string()], None).unwrap();
    assert_eq!(t.events::<ReservationCancelled>()[0].amount, 10_000);
    let returned: u128 = t.call(&acct("escrow-svc"), "decommit", &[c.to_string()], None).unwrap();
    assert_eq!(returned, 349_990);
    t.conserved();

    t.registry(&admin, "unpause");
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
    let budget = t.suite.budget.clone();
    let held = t.balance(&budget);
    chain::set_free_balance(&mut t.s, &budget, 1);
    assert_eq!(t.release(c, 1_000), Err(Error::TransferFailed));
    assert_eq!(t.commitment(c).released, 0);
    assert_eq!(t.line(line).released, 0);
    let after: Totals = t.query("totals", &[]);
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
    let r = chain::call::<u32, Error>(&mut s, &budget, &deployer, "open_line", &[code("A"), "0".into(), "1".into(), "1".into()], None);
    assert_eq!(r, Err(Error::RegistryUnavailable));
    chain::call::<(), Error>(&mut s, &budget, &deployer, "deposit", &[], Some(10)).unwrap();
    assert_conserved(&mut s, &budget);
}

#[test]
fn appropriations_move_with_events() {
    let mut t = T::new();
    t.deposit(10_000);
    let line = t.open_line("HEALTH", 4_000);
    let treasurer = acct("treasurer-3");
    t.call::<()>(&treasurer, "increase_appropriation", &[line.to_string(), "1000".into()], None).unwrap();
    let ev = t.events::<AppropriationChanged>();
    assert_eq!((ev[0].previous, ev[0].new, ev[0].by), (4_000, 5_000, ink_id(&treasurer)));
    t.conserved();
    t.reserve(line, 4_500).unwrap();
    assert_eq!(
        t.call::<()>(&treasurer, "decrease_appropriation", &[line.to_string(), "501".into()], None),
        Err(Error::InsufficientAvailable { requested: 501, available: 500 })
    );
    t.call::<()>(&treasurer, "decrease_appropriation", &[line.to_string(), "500".into()], None).unwrap();
    assert_eq!(t.events::<AppropriationChanged>()[0].new, 4_500);
    let totals = t.conserved();
    assert_eq!((totals.unappropriated, totals.available, totals.reserved), (5_500, 0, 4_500));
    assert_eq!(t.call::<()>(&treasurer, "close_line", &[line.to_string()], None), Err(Error::PeriodNotEnded));
    let dup = t.call::<u32>(&treasurer, "open_line", &[code("HEALTH"), START.to_string(), END.to_string(), "1".into()], None);
    assert_eq!(dup, Err(Error::DuplicateCode { line }));
    let found: Option<u32> = t.query("line_by_code", &[code("HEALTH")]);
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
    t.call::<()>(&acct("treasurer-1"), "approve_release", &[id.to_string()], None).unwrap();
    let registry = t.suite.access_control.clone();
    let admin = t.suite.admin.clone();
    chain::call::<(), access_control::Error>(&mut t.s, &registry, &admin, "revoke_role", &[role_name(Role::Treasurer), arg(&acct("treasurer-1"))], None)
        .unwrap();
    t.call::<()>(&acct("treasurer-2"), "approve_release", &[id.to_string()], None).unwrap();
    assert_eq!(t.balance(&vendor), wallet, "one current Treasurer is not two");
    let q: QueuedRelease = t.query::<Option<QueuedRelease>>("queued_release", &[id.to_string()]).unwrap();
    assert_eq!((q.status, q.approvers), (ReleaseStatus::Pending, vec![ink_id(&acct("treasurer-2"))]), "the stale approval is dropped");
    assert_eq!(
        t.call::<()>(&acct("vendor-a"), "execute_release", &[id.to_string()], None),
        Err(Error::NotEnoughApprovals { approvals: 1, required: 2 })
    );
    t.conserved();
    t.call::<()>(&acct("treasurer-3"), "approve_release", &[id.to_string()], None).unwrap();
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
    let admin = t.suite.admin.clone();
    let daily = "Some(ReleasePolicy { auto_release_limit: 100000, cap_window_ms: 86400000, window_cap: 250000, approvals_required: 2 })";
    t.call::<()>(&admin, "set_line_policy", &[line.to_string(), daily.into()], None).unwrap();
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
    let budget = t.suite.budget.clone();
    chain::fund(&mut t.s, &budget, 500);
    let totals: Totals = t.query("totals", &[]);
    assert_eq!((totals.balance, totals.books()), (1_500, Some(1_000)));
    assert_eq!(
        t.call::<u128>(&acct("treasurer-1"), "book_surplus", &[], None),
        Err(Error::MissingRole { role: Role::Admin, account: ink_id(&acct("treasurer-1")) })
    );
    let admin = t.suite.admin.clone();
    assert_eq!(t.call::<u128>(&admin, "book_surplus", &[], None), Ok(500));
    let ev = t.events::<SurplusBooked>();
    assert_eq!((ev[0].amount, ev[0].unappropriated), (500, 1_500));
    assert_eq!(t.conserved().unappropriated, 1_500);
    assert_eq!(t.call::<u128>(&admin, "book_surplus", &[], None), Err(Error::NoSurplus));
}
