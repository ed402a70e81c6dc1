//! drink tests of the escrow with the real registry and treasury: every role
//! check is a call to `access_control`, every payment a release by `budget`
//! to the vendor's account. An account, `evaluation-svc`, is linked in place
//! of the tender and evaluation contracts (the registry gives it their
//! service roles), so each agreement is offered directly: it reserves,
//! commits and creates the agreement.
//!
//! After every step `check` holds the books of both contracts against the
//! chain: the treasury's books equal its balance; the agreement's
//! `paid + queued + retention + deducted + decommitted + outstanding =
//! price`; the budget commitment agrees with the agreement; the vendor holds
//! exactly what the budget released to it; the escrow holds no money.

use budget::budget::{Decommitted, Released};
use budget::{ReleasePolicy, Totals};
use deploy::contracts::Escrow;
use deploy::suite::Suite;
use drink::AccountId32;
use e2e_tests::assert_conserved;
use e2e_tests::chain::{self, answer, ink_id, Outcome, Session};
use escrow::escrow::{
    AgreementEvent, Approved, Change, ClaimDecided, Completed, Created, DefectClaimed, Delivered, Escalated, EscalationDecided, Lapsed,
    Rejected, Signed, Terminated, WarrantyStarted,
};
use escrow::{Agreement, AgreementParams, AgreementState, Error, MilestoneSpec, MilestoneState, Termination};
use procurement_shared::tranche::Terms;
use procurement_shared::{AgreementId, Peers, ReleaseOutcome, Role, Ruling};

use test_kit::Rng;

use procurement_shared::DAY_MS as DAY;
const START: u64 = 1_800_000_000_000;
const TENDER: u32 = 7;
const TERMS: Terms = Terms { retention_bps: 500, late_bps_per_day: 100, late_cap_bps: 1_000 };
const WARRANTY: u64 = 60 * DAY;

const CONFIG: &str = r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Treasurer = ["treasurer-1", "treasurer-2"]
Inspector = ["inspector", "inspector-2"]
Auditor = ["auditor"]
Vendor = ["vendor", "vendor-b"]
"#;

/// Up to 300 000 paid at once, 2 000 000 per 30-day window, else 2 approvals.
fn policy() -> ReleasePolicy {
    ReleasePolicy { auto_release_limit: 300_000, cap_window_ms: 30 * DAY, window_cap: 2_000_000, approvals_required: 2 }
}

fn acct(name: &str) -> AccountId32 {
    chain::dev_account(name)
}

fn hash(byte: u8) -> [u8; 32] {
    [byte; 32]
}

struct T {
    s: Session,
    suite: Suite,
    line: u32,
    /// The vendor's balance before any agreement paid it.
    vendor_start: u128,
    /// Storage deposits the vendor's own calls paid, net of refunds.
    vendor_deposits: i128,
}

impl T {
    /// The suite, 5 000 000 deposited and a line of 4 000 000 open.
    fn new() -> T {
        let svc = ink_id(&acct("evaluation-svc"));
        let peers = |suite: &Suite| Peers { tender: svc, evaluation: svc, ..suite.peers() };
        let (mut s, suite, line) = e2e_tests::funded_suite(CONFIG, peers, START, 730, 5_000_000, 4_000_000);
        chain::endowed(&mut s, "evaluation-svc");
        e2e_tests::govern(&mut s, &suite, &[governor::Action::DefaultPolicy { policy: policy() }]);
        let vendor_start = chain::balance(&mut s, &acct("vendor"));
        T { s, suite, line, vendor_start, vendor_deposits: 0 }
    }

    fn escrow(&self) -> Escrow {
        self.suite.escrow()
    }

    /// Runs one escrow message through its facade as `by`. The storage
    /// deposit a vendor's successful call pays (or gets back) is counted, so
    /// `check` can hold the vendor's balance to the unit.
    fn tx<R>(&mut self, by: &AccountId32, call: impl FnOnce(&Escrow, &mut Session, &AccountId32) -> Outcome<R, Error>) -> Result<R, Error> {
        let escrow = self.escrow();
        let result = answer(call(&escrow, &mut self.s, by));
        if result.is_ok() && *by == acct("vendor") {
            self.vendor_deposits += chain::last_call_cost(&self.s).storage_deposit;
        }
        result
    }

    /// What the escrow's events of the last call say changed, in order,
    /// each with who acted.
    fn changes(&self) -> Vec<(Change, ink::primitives::AccountId)> {
        chain::events::<AgreementEvent>(&self.s, self.suite.address("escrow")).into_iter().map(|e| (e.change, e.by)).collect()
    }

    /// The first change of the last call.
    fn change(&self) -> Change {
        self.changes().first().expect("the call emitted an escrow event").0
    }

    fn budget_events<T: chain::Kind>(&self) -> Vec<T> {
        chain::recorded::<T>(&self.s, self.suite.address("budget"))
    }

    fn now(&mut self) -> u64 {
        chain::now(&mut self.s)
    }

    fn at(&mut self, millis: u64) {
        chain::set_time(&mut self.s, millis);
    }

    fn later(&mut self, millis: u64) {
        let now = self.now();
        self.at(now + millis);
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        chain::balance(&mut self.s, who)
    }

    /// What the vendor received so far: its balance change, storage
    /// deposits of its own calls set aside.
    fn received(&mut self) -> u128 {
        let now = i128::try_from(self.balance(&acct("vendor"))).unwrap();
        u128::try_from(now + self.vendor_deposits - i128::try_from(self.vendor_start).unwrap()).unwrap()
    }

    fn agreement(&mut self, id: AgreementId) -> Agreement {
        self.escrow().agreement(&mut self.s, id).unwrap().expect("agreement exists")
    }

    fn state(&mut self, id: AgreementId) -> AgreementState {
        self.agreement(id).state
    }

    fn milestone_state(&mut self, id: AgreementId, milestone: u8) -> MilestoneState {
        self.escrow().milestone(&mut self.s, id, milestone).unwrap().expect("milestone exists").state
    }

    fn totals(&mut self) -> Totals {
        let budget = self.suite.address("budget").clone();
        assert_conserved(&mut self.s, &budget)
    }

    /// Reserves and commits `price` for `vendor` as the evaluation service
    /// would, and creates an agreement of milestones with these amounts,
    /// due 30 days apart from now, signing deadline in 7 days.
    fn offer(&mut self, vendor: &str, amounts: &[u128]) -> AgreementId {
        let price: u128 = amounts.iter().sum();
        let svc = acct("evaluation-svc");
        let treasury = self.suite.treasury();
        let line = self.line;
        let reservation = answer(treasury.reserve(&mut self.s, &svc, line, price, TENDER)).unwrap();
        let commitment = answer(treasury.commit(&mut self.s, &svc, reservation, price, &acct(vendor))).unwrap();
        let now = self.now();
        let params = AgreementParams {
            tender: TENDER,
            vendor: ink_id(&acct(vendor)),
            commitment,
            price,
            milestones: (1u64..)
                .zip(amounts)
                .map(|(i, amount)| MilestoneSpec { amount: *amount, due: now + i * 30 * DAY, description: hash(i as u8).into() })
                .collect(),
            terms: TERMS,
            inspector: ink_id(&acct("inspector")),
            sign_by: now + 7 * DAY,
            warranty_ms: WARRANTY,
        };
        self.tx(&svc, |e, s, by| e.create(s, by, &params)).unwrap()
    }

    fn signed(&mut self, amounts: &[u128]) -> AgreementId {
        let id = self.offer("vendor", amounts);
        self.tx(&acct("vendor"), |e, s, by| e.sign(s, by, id)).unwrap();
        id
    }

    fn deliver(&mut self, id: AgreementId, milestone: u8) -> Result<(), Error> {
        self.tx(&acct("vendor"), |e, s, by| e.deliver(s, by, id, milestone, &hash(0xE0)))
    }

    fn approve(&mut self, id: AgreementId, milestone: u8) -> Result<(), Error> {
        self.tx(&acct("inspector"), |e, s, by| e.approve(s, by, id, milestone))
    }

    fn reject(&mut self, id: AgreementId, milestone: u8) -> Result<(), Error> {
        self.tx(&acct("inspector"), |e, s, by| e.reject(s, by, id, milestone, &hash(0xEE)))
    }

    fn set_paused(&mut self, paused: bool) {
        let (registry, admin) = (self.suite.registry(), self.suite.admin.clone());
        let done = if paused { registry.pause(&mut self.s, &admin) } else { registry.unpause(&mut self.s, &admin) };
        answer(done).unwrap();
    }

    /// Queued releases the Treasurers rejected, per commitment.
    fn rejected(&mut self, commitment: u64) -> u128 {
        let treasury = self.suite.treasury();
        let mut total = 0;
        let mut start = 0;
        loop {
            let page = treasury.releases(&mut self.s, start, 50).unwrap();
            let Some((last, _)) = page.last() else { return total };
            start = last + 1;
            total += page
                .iter()
                .filter(|(_, q)| q.commitment == commitment && q.status == budget::ReleaseStatus::Rejected)
                .map(|(_, q)| q.amount)
                .sum::<u128>();
        }
    }

    /// Conservation across escrow, budget and the chain for the agreements
    /// in `ids` (all of `vendor`'s agreements), after any step.
    ///
    /// A queued release the Treasurers reject goes back into the commitment
    /// (the agreement still counts it as queued until it ends and closes the
    /// commitment, which returns it to the line); rejected after the close,
    /// the budget returns it to the line at once. Both are accounted for.
    fn check(&mut self, ids: &[AgreementId]) {
        self.totals();
        let mut released_to_vendor = 0;
        for &id in ids {
            let a = self.agreement(id);
            let t = a.tally;
            let outstanding = a.outstanding().expect("accounted never exceeds the price");
            assert_eq!(t.paid + t.queued + t.retention + t.deducted + t.decommitted + outstanding, a.price, "{a:?}");
            let c = self.suite.treasury().commitment(&mut self.s, a.commitment).unwrap().unwrap();
            let rejected = self.rejected(a.commitment);
            let bound = a.price - t.deducted - t.decommitted;
            if c.is_decommitted() {
                assert_eq!((t.retention, outstanding), (0, 0), "a closed commitment binds nothing: {a:?}");
                // What the Treasurers rejected after the close left the
                // commitment and is back on the line.
                let rejected_after = bound - c.amount;
                assert!(rejected_after <= rejected, "{a:?} {c:?}");
                assert_eq!(c.released + c.queued + rejected_after, t.paid + t.queued, "{a:?} {c:?}");
            } else {
                assert_eq!(c.amount, bound, "{a:?} {c:?}");
                assert_eq!(c.released + c.queued + rejected, t.paid + t.queued, "{a:?} {c:?}");
                assert_eq!(c.remaining(), t.retention + outstanding + rejected, "{a:?} {c:?}");
            }
            released_to_vendor += c.released;
        }
        let vendor = acct("vendor");
        let expected = i128::try_from(self.vendor_start + released_to_vendor).unwrap() - self.vendor_deposits;
        assert_eq!(i128::try_from(self.balance(&vendor)).unwrap(), expected, "the vendor holds what the budget released");
        let escrow = self.suite.address("escrow").clone();
        assert_eq!(self.balance(&escrow), chain::EXISTENTIAL_DEPOSIT, "the escrow holds no money");
    }
}

/// Approves the release `id` with both Treasurers.
fn co_sign(t: &mut T, release: u64) {
    let treasury = t.suite.treasury();
    answer(treasury.approve_release(&mut t.s, &acct("treasurer-1"), release)).unwrap();
    answer(treasury.approve_release(&mut t.s, &acct("treasurer-2"), release)).unwrap();
}

#[test]
fn an_agreement_is_paid_automatically_from_signing_to_final_acceptance() {
    let mut t = T::new();
    let vendor = acct("vendor");
    let id = t.offer("vendor", &[100_000, 200_000, 300_000]);
    let ev = chain::events::<AgreementEvent>(&t.s, t.suite.address("escrow"));
    assert_eq!((ev[0].agreement, ev[0].tender, ev[0].by), (id, TENDER, ink_id(&acct("evaluation-svc"))));
    let Change::Created(Created { vendor: v, price: 600_000, milestones: 3, .. }) = ev[0].change else { panic!("{:?}", ev[0].change) };
    assert_eq!(v, ink_id(&vendor));
    assert_eq!(t.state(id), AgreementState::Offered);
    t.check(&[id]);

    t.tx(&vendor, |e, s, by| e.sign(s, by, id)).unwrap();
    assert_eq!(t.changes(), vec![(Change::Signed(Signed), ink_id(&vendor))]);
    t.check(&[id]);

    let mut paid = 0;
    for (m, amount) in [(0u8, 100_000u128), (1, 200_000), (2, 300_000)] {
        let due = t.escrow().milestone(&mut t.s, id, m).unwrap().unwrap().due;
        t.at(due - DAY);
        t.deliver(id, m).unwrap();
        let Change::Delivered(Delivered { days_late: 0, .. }) = t.change() else { panic!("{:?}", t.change()) };
        t.check(&[id]);
        let before = t.balance(&vendor);
        t.approve(id, m).unwrap();
        let retention = amount / 20;
        let approved = Change::Approved(Approved {
            milestone: m,
            amount,
            deduction: 0,
            retention,
            payable: amount - retention,
            release: Some(ReleaseOutcome::Paid),
        });
        assert_eq!(t.changes()[0], (approved, ink_id(&acct("inspector"))));
        let released = t.budget_events::<Released>();
        assert_eq!((released[0].tender, released[0].amount), (TENDER, amount - retention), "the budget paid in the same call");
        assert_eq!(t.balance(&vendor), before + amount - retention);
        paid += amount - retention;
        t.check(&[id]);
    }
    let ends = t.now() + WARRANTY;
    assert_eq!(t.changes()[1].0, Change::WarrantyStarted(WarrantyStarted { retention: 30_000, ends }));
    assert_eq!(t.state(id), AgreementState::Warranty { ends });
    assert_eq!(t.escrow().still_committed(&mut t.s, id).unwrap(), Some(30_000));
    assert_eq!(t.received(), paid);

    let anyone = chain::endowed(&mut t.s, "citizen");
    assert_eq!(t.tx(&anyone, |e, s, by| e.complete(s, by, id)), Err(Error::NotCompletable));
    t.at(ends);
    t.tx(&anyone, |e, s, by| e.complete(s, by, id)).unwrap();
    assert_eq!(t.change(), Change::Completed(Completed { retention: 30_000, release: Some(ReleaseOutcome::Paid), decommitted: 0 }));
    assert!(t.budget_events::<Decommitted>()[0].closed);
    assert_eq!(t.received(), 600_000, "the vendor got the whole price");
    assert_eq!(t.state(id), AgreementState::Completed);
    let line = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap();
    assert_eq!((line.committed, line.released), (0, 600_000));
    t.check(&[id]);
}

#[test]
fn a_large_milestone_waits_for_the_treasurers() {
    let mut t = T::new();
    let id = t.signed(&[100_000, 900_000]);
    t.later(60 * DAY);
    t.deliver(id, 1).unwrap();
    t.approve(id, 1).unwrap();
    let MilestoneState::Approved { release: Some(ReleaseOutcome::Queued(q)), payable: 855_000, .. } = t.milestone_state(id, 1) else {
        panic!("855 000 is above the automatic limit")
    };
    assert_eq!(t.received(), 0, "nothing paid yet");
    assert_eq!(t.agreement(id).tally.queued, 855_000);
    t.check(&[id]);
    co_sign(&mut t, q);
    assert_eq!(t.received(), 855_000, "paid on the second Treasurer's approval");
    t.check(&[id]);
}

#[test]
fn late_delivery_is_deducted_and_the_deduction_returns_to_the_line() {
    let mut t = T::new();
    let id = t.signed(&[200_000, 300_000]);
    let available = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap().available;
    let due = t.escrow().milestone(&mut t.s, id, 0).unwrap().unwrap().due;
    t.at(due + 4 * DAY + 3_600_000);
    t.deliver(id, 0).unwrap();
    let Change::Delivered(Delivered { days_late: 4, .. }) = t.change() else { panic!("{:?}", t.change()) };
    t.approve(id, 0).unwrap();
    let Change::Approved(Approved { deduction: 8_000, retention: 9_600, payable: 182_400, .. }) = t.change() else {
        panic!("{:?}", t.change())
    };
    let d = t.budget_events::<Decommitted>();
    assert_eq!((d[0].amount, d[0].closed), (8_000, false));
    let line = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap();
    assert_eq!(line.available, available + 8_000, "the deduction is back on the line");
    t.check(&[id]);
    // 40 days late: the deduction stops at the 10 % cap.
    let due = t.escrow().milestone(&mut t.s, id, 1).unwrap().unwrap().due;
    t.at(due + 40 * DAY);
    t.deliver(id, 1).unwrap();
    t.approve(id, 1).unwrap();
    let Change::Approved(Approved { deduction: 30_000, .. }) = t.change() else { panic!("{:?}", t.change()) };
    assert_eq!(t.agreement(id).tally.deducted, 38_000);
    t.check(&[id]);
}

#[test]
fn a_rejected_milestone_is_delivered_again_and_paid() {
    let mut t = T::new();
    let id = t.signed(&[200_000]);
    t.deliver(id, 0).unwrap();
    t.reject(id, 0).unwrap();
    let (Change::Rejected(Rejected { reason, .. }), by) = t.changes()[0] else { panic!("{:?}", t.changes()) };
    assert_eq!((reason, by), (hash(0xEE).into(), ink_id(&acct("inspector"))));
    assert_eq!(t.approve(id, 0), Err(Error::NotDelivered));
    assert_eq!(t.received(), 0);
    t.check(&[id]);
    t.deliver(id, 0).unwrap();
    let Change::Delivered(Delivered { delivery: 2, .. }) = t.change() else { panic!("{:?}", t.change()) };
    t.approve(id, 0).unwrap();
    assert_eq!(t.received(), 190_000);
    t.check(&[id]);
}

#[test]
fn an_escalated_rejection_overturned_pays_and_upheld_stands() {
    let mut t = T::new();
    let vendor = acct("vendor");
    let id = t.signed(&[200_000, 300_000]);
    for m in [0u8, 1] {
        t.deliver(id, m).unwrap();
        t.reject(id, m).unwrap();
        t.tx(&vendor, |e, s, by| e.escalate(s, by, id, m)).unwrap();
        assert_eq!(t.changes(), vec![(Change::Escalated(Escalated { milestone: m }), ink_id(&vendor))]);
    }
    assert_eq!(t.agreement(id).escalated, 2);
    // The Inspector cannot audit their own rejection, even as an Auditor:
    // the registry refuses the role pair? It does not, so escrow does.
    assert_eq!(
        t.tx(&acct("inspector"), |e, s, by| e.decide_escalation(s, by, id, 0, Ruling::Dismiss)),
        Err(Error::MissingRole { role: Role::Auditor, account: ink_id(&acct("inspector")) })
    );
    t.tx(&acct("auditor"), |e, s, by| e.decide_escalation(s, by, id, 0, Ruling::Dismiss)).unwrap();
    let changes = t.changes();
    let auditor = ink_id(&acct("auditor"));
    assert!(matches!(changes[0], (Change::Approved(Approved { milestone: 0, .. }), by) if by == auditor), "{changes:?}");
    assert_eq!(changes[1], (Change::EscalationDecided(EscalationDecided { milestone: 0, ruling: Ruling::Dismiss }), auditor));
    assert_eq!(t.received(), 190_000);
    t.check(&[id]);
    t.tx(&acct("auditor"), |e, s, by| e.decide_escalation(s, by, id, 1, Ruling::Uphold)).unwrap();
    assert_eq!(t.change(), Change::EscalationDecided(EscalationDecided { milestone: 1, ruling: Ruling::Uphold }));
    assert!(matches!(t.milestone_state(id, 1), MilestoneState::Rejected { appealable: false, .. }));
    assert_eq!(t.tx(&vendor, |e, s, by| e.escalate(s, by, id, 1)), Err(Error::NotAppealable));
    assert_eq!(t.received(), 190_000);
    t.check(&[id]);
}

#[test]
fn a_defect_claim_upheld_returns_the_retention_to_the_line() {
    let mut t = T::new();
    let vendor = acct("vendor");
    let id = t.signed(&[200_000, 300_000]);
    for m in [0u8, 1] {
        t.deliver(id, m).unwrap();
        t.approve(id, m).unwrap();
    }
    t.check(&[id]);
    t.later(10 * DAY);
    t.tx(&acct("inspector"), |e, s, by| e.claim_defect(s, by, id, &hash(0xDF))).unwrap();
    assert_eq!(t.change(), Change::DefectClaimed(DefectClaimed { evidence: hash(0xDF).into() }));
    t.check(&[id]);
    let available = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap().available;
    t.tx(&acct("auditor"), |e, s, by| e.decide_claim(s, by, id, Ruling::Uphold)).unwrap();
    assert_eq!(t.change(), Change::ClaimDecided(ClaimDecided { ruling: Ruling::Uphold, decommitted: 25_000 }));
    assert_eq!(t.state(id), AgreementState::RetentionWithheld);
    let line = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap();
    assert_eq!(line.available, available + 25_000);
    assert_eq!(t.received(), 475_000);
    t.check(&[id]);
    t.later(WARRANTY);
    assert_eq!(t.tx(&vendor, |e, s, by| e.complete(s, by, id)), Err(Error::NotCompletable));
}

#[test]
fn termination_for_convenience_midway_pays_what_was_approved_and_returns_the_rest() {
    let mut t = T::new();
    let id = t.signed(&[200_000, 300_000, 500_000]);
    t.deliver(id, 0).unwrap();
    t.approve(id, 0).unwrap();
    t.deliver(id, 1).unwrap();
    let available = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap().available;
    assert_eq!(
        t.tx(&acct("inspector"), |e, s, by| e.terminate(s, by, id, Termination::Convenience, &hash(0x7E))),
        Err(Error::MissingRole { role: Role::ProcurementOfficer, account: ink_id(&acct("inspector")) })
    );
    t.tx(&acct("officer"), |e, s, by| e.terminate(s, by, id, Termination::Convenience, &hash(0x7E))).unwrap();
    let Change::Terminated(Terminated { termination: Termination::Convenience, retention: 10_000, decommitted: 800_000, .. }) = t.change()
    else {
        panic!("{:?}", t.change())
    };
    assert_eq!(t.received(), 200_000, "approved work paid in full, retention included");
    let line = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap();
    assert_eq!(line.available, available + 800_000);
    t.check(&[id]);
    assert_eq!(t.approve(id, 1), Err(Error::NotActive));
}

#[test]
fn termination_for_default_midway_keeps_the_retention_for_the_line() {
    let mut t = T::new();
    let id = t.signed(&[200_000, 300_000, 500_000]);
    t.deliver(id, 0).unwrap();
    t.approve(id, 0).unwrap();
    t.deliver(id, 1).unwrap();
    t.reject(id, 1).unwrap();
    let default = Termination::Default { milestone: 1 };
    assert_eq!(t.tx(&acct("officer"), |e, s, by| e.terminate(s, by, id, default, &hash(1))), Err(Error::NoStandingRejection));
    t.later(14 * DAY);
    t.tx(&acct("officer"), |e, s, by| e.terminate(s, by, id, default, &hash(1))).unwrap();
    let Change::Terminated(Terminated { retention: 0, decommitted: 810_000, .. }) = t.change() else { panic!("{:?}", t.change()) };
    assert_eq!(t.received(), 190_000);
    assert_eq!(t.state(id), AgreementState::Terminated(default));
    t.check(&[id]);
}

#[test]
fn an_unsigned_agreement_lapses_and_its_commitment_returns_to_the_line() {
    let mut t = T::new();
    let id = t.offer("vendor", &[400_000]);
    let available = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap().available;
    let anyone = chain::endowed(&mut t.s, "citizen");
    assert_eq!(t.tx(&anyone, |e, s, by| e.lapse(s, by, id)), Err(Error::SigningOpen));
    t.later(7 * DAY);
    assert_eq!(t.tx(&acct("vendor"), |e, s, by| e.sign(s, by, id)), Err(Error::SigningClosed));
    t.tx(&anyone, |e, s, by| e.lapse(s, by, id)).unwrap();
    assert_eq!(t.changes(), vec![(Change::Lapsed(Lapsed { decommitted: 400_000 }), ink_id(&anyone))]);
    let line = t.suite.treasury().line(&mut t.s, t.line).unwrap().unwrap();
    assert_eq!((line.available, line.committed), (available + 400_000, 0));
    t.check(&[id]);
}

#[test]
fn a_pause_stops_deliveries_and_approvals_but_never_money_owed() {
    let mut t = T::new();
    let vendor = acct("vendor");
    let a = t.signed(&[100_000, 200_000]);
    let b = t.signed(&[150_000]);
    t.deliver(a, 0).unwrap();
    t.deliver(b, 0).unwrap();
    t.set_paused(true);
    assert_eq!(t.deliver(a, 1), Err(Error::Paused));
    assert_eq!(t.approve(a, 0), Err(Error::Paused));
    t.check(&[a, b]);
    // A rejection and its escalation go on; so does termination, and its
    // retention is released (queued by the paused budget).
    t.reject(b, 0).unwrap();
    t.tx(&vendor, |e, s, by| e.escalate(s, by, b, 0)).unwrap();
    t.tx(&acct("officer"), |e, s, by| e.terminate(s, by, b, Termination::Convenience, &hash(2))).unwrap();
    t.check(&[a, b]);
    t.set_paused(false);
    t.approve(a, 0).unwrap();
    t.deliver(a, 1).unwrap();
    t.approve(a, 1).unwrap();
    t.set_paused(true);
    let ends = t.now() + WARRANTY;
    t.at(ends);
    t.tx(&vendor, |e, s, by| e.complete(s, by, a)).unwrap();
    let Change::Completed(Completed { release: Some(ReleaseOutcome::Queued(q)), .. }) = t.change() else {
        panic!("the budget queues every release while paused")
    };
    t.check(&[a, b]);
    co_sign(&mut t, q);
    assert_eq!(t.received(), 300_000);
    t.check(&[a, b]);
}

#[test]
fn the_escrow_is_bound_by_the_registry_and_the_commitment() {
    let mut t = T::new();
    let svc = acct("evaluation-svc");
    let id = t.signed(&[200_000]);
    // A second agreement on the same commitment is refused.
    let a = t.agreement(id);
    let params = AgreementParams {
        tender: TENDER,
        vendor: a.vendor,
        commitment: a.commitment,
        price: 200_000,
        milestones: vec![MilestoneSpec { amount: 200_000, due: t.now() + 30 * DAY, description: hash(1).into() }],
        terms: TERMS,
        inspector: a.inspector,
        sign_by: t.now() + DAY,
        warranty_ms: 0,
    };
    assert_eq!(t.tx(&svc, |e, s, by| e.create(s, by, &params)), Err(Error::CommitmentInUse));
    // Only the holder of EvaluationService creates agreements: not an
    // officer, not the Admin.
    for name in ["officer", "authority"] {
        let caller = acct(name);
        assert_eq!(
            t.tx(&caller, |e, s, by| e.create(s, by, &params)),
            Err(Error::MissingRole { role: Role::EvaluationService, account: ink_id(&caller) })
        );
    }
    // A commitment to another vendor cannot back this vendor's agreement.
    let treasury = t.suite.treasury();
    let line = t.line;
    let r = answer(treasury.reserve(&mut t.s, &svc, line, 200_000, TENDER)).unwrap();
    let other = answer(treasury.commit(&mut t.s, &svc, r, 200_000, &acct("vendor-b"))).unwrap();
    assert_eq!(
        t.tx(&svc, |e, s, by| e.create(s, by, &AgreementParams { commitment: other, ..params.clone() })),
        Err(Error::CommitmentMismatch)
    );
    assert_eq!(
        t.tx(&svc, |e, s, by| e.create(s, by, &AgreementParams { commitment: 99, ..params.clone() })),
        Err(Error::CommitmentNotFound)
    );
    // The Inspector must hold the role.
    let stranger = ink_id(&acct("officer"));
    assert_eq!(
        t.tx(&svc, |e, s, by| e.create(
            s,
            by,
            &AgreementParams { commitment: other, vendor: ink_id(&acct("vendor-b")), inspector: stranger, ..params.clone() }
        )),
        Err(Error::MissingRole { role: Role::Inspector, account: stranger })
    );
    // The escrow keeps its service role for good: the Admin can neither
    // revoke it nor hand it to someone else.
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    let escrow = t.suite.address("escrow").clone();
    let by_link_only = Err(access_control::Error::ServiceRoleByLinkOnly { role: Role::EscrowService });
    assert_eq!(answer(registry.revoke_role(&mut t.s, &admin, Role::EscrowService, &escrow)), by_link_only);
    assert_eq!(answer(registry.grant_role(&mut t.s, &admin, Role::EscrowService, &acct("officer"))), by_link_only);
    t.deliver(id, 0).unwrap();
    t.approve(id, 0).unwrap();
    t.check(&[id]);
}

/// Random messages from the agreement's parties over several agreements,
/// with time moving and the suite pausing, and `check` after every step;
/// at the close every agreement is driven to an end.
#[test]
fn a_random_sequence_conserves_funds_at_every_step() {
    let mut t = T::new();
    let mut rng = Rng::new(0x5EED_E5C0);
    let vendor = acct("vendor");
    let mut ids: Vec<AgreementId> = Vec::new();
    let mut paused = false;
    for step in 0..300u32 {
        let id = if ids.is_empty() { 0 } else { ids[rng.below(ids.len() as u64) as usize] };
        let m = rng.below(3) as u8;
        match rng.below(13) {
            0 if ids.len() < 6 && !paused => {
                let n = 1 + rng.below(3) as usize;
                let amounts: Vec<u128> = (0..n).map(|_| 50_000 + u128::from(rng.below(8)) * 50_000).collect();
                ids.push(t.offer("vendor", &amounts));
            }
            1 | 2 => {
                let _ = t.tx(&vendor, |e, s, by| e.sign(s, by, id));
            }
            3 => {
                let _ = t.deliver(id, m);
            }
            4 | 5 => {
                let _ = t.approve(id, m);
            }
            6 => {
                let _ = t.reject(id, m);
            }
            7 => {
                let _ = t.tx(&vendor, |e, s, by| e.escalate(s, by, id, m));
                let uphold = rng.ruling(2);
                let _ = t.tx(&acct("auditor"), |e, s, by| e.decide_escalation(s, by, id, m, uphold));
            }
            8 => {
                let _ = t.tx(&acct("inspector"), |e, s, by| e.claim_defect(s, by, id, &hash(3)));
                let uphold = rng.ruling(2);
                let _ = t.tx(&acct("auditor"), |e, s, by| e.decide_claim(s, by, id, uphold));
            }
            9 => {
                let _ = t.tx(&vendor, |e, s, by| e.complete(s, by, id));
                let _ = t.tx(&vendor, |e, s, by| e.lapse(s, by, id));
            }
            10 if rng.below(5) == 0 => {
                let termination = if rng.below(2) == 0 { Termination::Convenience } else { Termination::Default { milestone: m } };
                let _ = t.tx(&acct("officer"), |e, s, by| e.terminate(s, by, id, termination, &hash(4)));
            }
            11 => {
                // The Treasurers decide whatever waits.
                let treasury = t.suite.treasury();
                let waiting = treasury.releases(&mut t.s, 0, 50).unwrap();
                for (release, q) in waiting {
                    if q.status == budget::ReleaseStatus::Pending {
                        if rng.below(4) == 0 {
                            let _ = answer(treasury.reject_release(&mut t.s, &acct("treasurer-1"), release));
                        } else {
                            co_sign(&mut t, release);
                        }
                    }
                }
            }
            _ => {
                let hours = rng.below(48);
                t.later(hours * 3_600_000);
                let pause = rng.below(6) == 0;
                if pause != paused {
                    t.set_paused(pause);
                    paused = pause;
                }
            }
        }
        t.check(&ids);
        let _ = step;
    }
    if paused {
        t.set_paused(false);
    }
    let now = t.now();
    t.at(now + 400 * DAY);
    for &id in &ids {
        let _ = t.tx(&vendor, |e, s, by| e.lapse(s, by, id));
        let _ = t.tx(&vendor, |e, s, by| e.complete(s, by, id));
        let _ = t.tx(&acct("officer"), |e, s, by| e.terminate(s, by, id, Termination::Convenience, &hash(9)));
        let state = t.state(id);
        assert!(
            matches!(
                state,
                AgreementState::Lapsed | AgreementState::Completed | AgreementState::RetentionWithheld | AgreementState::Terminated(_)
            ),
            "agreement {id} did not end: {state:?}"
        );
        t.check(&ids);
    }
    assert!(ids.len() >= 4, "the sequence created agreements: {}", ids.len());
    assert!(t.received() > 0, "and paid some");
}
