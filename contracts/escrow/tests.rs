//! Unit tests of the escrow in ink!'s off-chain environment.
//!
//! The registry's and the budget's answers come from the test kit's
//! stand-ins (see `calls.rs`); the stand-in treasury keeps the commitment's
//! figures as the real budget does, so every test checks the agreement's
//! books against it. The real cross-contract paths, with money moving, are
//! tested with drink in `e2e-tests/tests/escrow.rs`.

use crate::escrow::*;
use crate::*;
use ink::primitives::{AccountId, Hash};
use procurement_shared::ports::TreasuryPort;
use procurement_shared::tranche::Terms;
use procurement_shared::{AgreementId, CommitmentId, ReleaseOutcome, Role, Ruling};
use test_kit::env::{accounts, as_caller, balance_of, contract, event_count, install_contract, last_event, set_balance, set_now};
use test_kit::world::{self, grant, revoke};
use test_kit::Rng;

use procurement_shared::DAY_MS as DAY;
const NOW: u64 = 1_000 * DAY;
const TENDER: u32 = 7;
const PRICE: u128 = 1_000_000;
const TERMS: Terms = Terms { retention_bps: 500, late_bps_per_day: 100, late_cap_bps: 1_000 };
const WARRANTY: u64 = 180 * DAY;

fn hash(byte: u8) -> Hash {
    Hash::from([byte; 32])
}

struct Cast {
    evaluation: AccountId,
    vendor: AccountId,
    inspector: AccountId,
    auditor: AccountId,
    officer: AccountId,
    stranger: AccountId,
}

fn cast() -> Cast {
    let a = accounts();
    Cast { evaluation: a.alice, vendor: a.bob, inspector: a.charlie, auditor: a.django, officer: a.eve, stranger: a.frank }
}

fn setup() -> (Escrow, CommitmentId) {
    let c = cast();
    world::reset();
    grant(Role::EvaluationService, c.evaluation);
    grant(Role::Vendor, c.vendor);
    grant(Role::Inspector, c.inspector);
    grant(Role::Auditor, c.auditor);
    grant(Role::ProcurementOfficer, c.officer);
    set_now(NOW);
    install_contract();
    let commitment = world::open_commitment(TENDER, c.vendor, PRICE);
    (Escrow::new(AccountId::from([0xAC; 32]), AccountId::from([0xB0; 32])), commitment)
}

/// Three milestones of 200 000, 300 000 and 500 000, due after 30, 60 and
/// 90 days.
fn params(commitment: CommitmentId) -> AgreementParams {
    let c = cast();
    AgreementParams {
        tender: TENDER,
        vendor: c.vendor,
        commitment,
        price: PRICE,
        milestones: vec![
            MilestoneSpec { amount: 200_000, due: NOW + 30 * DAY, description: hash(1) },
            MilestoneSpec { amount: 300_000, due: NOW + 60 * DAY, description: hash(2) },
            MilestoneSpec { amount: 500_000, due: NOW + 90 * DAY, description: hash(3) },
        ],
        terms: TERMS,
        inspector: c.inspector,
        sign_by: NOW + 7 * DAY,
        warranty_ms: WARRANTY,
    }
}

fn created() -> (Escrow, AgreementId) {
    let (mut e, commitment) = setup();
    as_caller(cast().evaluation);
    let id = e.create(params(commitment)).unwrap();
    (e, id)
}

fn signed() -> (Escrow, AgreementId) {
    let (mut e, id) = created();
    as_caller(cast().vendor);
    e.sign(id).unwrap();
    (e, id)
}

fn deliver(e: &mut Escrow, id: AgreementId, milestone: u8) -> Result<()> {
    as_caller(cast().vendor);
    e.deliver(id, milestone, hash(0xE0 + milestone))
}

fn approve(e: &mut Escrow, id: AgreementId, milestone: u8) -> Result<()> {
    as_caller(cast().inspector);
    e.approve(id, milestone)
}

fn reject(e: &mut Escrow, id: AgreementId, milestone: u8) -> Result<()> {
    as_caller(cast().inspector);
    e.reject(id, milestone, hash(0xEE))
}

/// Delivers and approves every milestone on its due date.
fn all_approved() -> (Escrow, AgreementId) {
    let (mut e, id) = signed();
    for m in 0..3u8 {
        set_now(e.milestone(id, m).unwrap().due);
        deliver(&mut e, id, m).unwrap();
        approve(&mut e, id, m).unwrap();
    }
    (e, id)
}

/// What the last event says changed.
fn last_change() -> Change {
    last_event::<AgreementEvent>().change
}

fn state(e: &Escrow, id: AgreementId) -> AgreementState {
    e.agreement(id).unwrap().state
}

/// The agreement's identity, and its books against the treasury stand-in's
/// commitment: released + queued there = paid + queued here; what the
/// commitment still binds = retention + outstanding here (0 once closed).
fn assert_books(e: &Escrow, id: AgreementId) {
    let a = e.agreement(id).unwrap();
    let t = a.tally;
    let outstanding = a.outstanding().expect("accounted never exceeds the price");
    assert_eq!(t.paid + t.queued + t.retention + t.deducted + t.decommitted + outstanding, a.price, "{a:?}");
    let c = world::commitment(a.commitment);
    assert_eq!(c.released + c.queued, t.paid + t.queued, "{a:?} {c:?}");
    if c.open {
        assert_eq!(c.remaining(), Some(t.retention + outstanding), "{a:?} {c:?}");
        assert_eq!(e.still_committed(id), Some(t.retention + outstanding));
    } else {
        assert_eq!((t.retention, outstanding), (0, 0), "a closed commitment binds nothing: {a:?}");
    }
    assert_eq!(c.amount, a.price - t.deducted - t.decommitted, "{a:?} {c:?}");
}

// ----------------------------------------------------------------------
// create
// ----------------------------------------------------------------------

#[ink::test]
fn create_records_the_agreement_its_milestones_and_the_commitment() {
    let (e, id) = created();
    let c = cast();
    assert_eq!(id, 0);
    assert_eq!(e.agreement_count(), 1);
    let a = e.agreement(id).unwrap();
    assert_eq!((a.tender, a.vendor, a.inspector, a.price, a.milestones), (TENDER, c.vendor, c.inspector, PRICE, 3));
    assert_eq!((a.state, a.tally, a.approved), (AgreementState::Offered, Tally::default(), 0));
    let ms = e.milestones(id);
    assert_eq!(ms.iter().map(|m| m.amount).collect::<Vec<_>>(), vec![200_000, 300_000, 500_000]);
    assert!(ms.iter().all(|m| m.state == MilestoneState::Pending && m.deliveries == 0));
    assert_eq!(e.milestone(id, 3), None);
    assert_eq!(e.agreement_of(a.commitment), Some(id));
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.agreement, ev.tender, ev.by), (id, TENDER, c.evaluation));
    let created = Change::Created(Created {
        vendor: c.vendor,
        commitment: a.commitment,
        price: PRICE,
        milestones: 3,
        terms: TERMS,
        inspector: c.inspector,
        sign_by: NOW + 7 * DAY,
        warranty_ms: WARRANTY,
    });
    assert_eq!(ev.change, created);
    assert_books(&e, id);
    assert_eq!(e.wiring(), (AccountId::from([0xAC; 32]), AccountId::from([0xB0; 32])));
}

#[ink::test]
fn create_refuses_bad_arguments_and_changes_nothing() {
    let (mut e, commitment) = setup();
    let c = cast();
    as_caller(c.evaluation);
    let refused = |e: &mut Escrow, change: &dyn Fn(&mut AgreementParams), expected: Error| {
        let mut p = params(commitment);
        change(&mut p);
        assert_eq!(e.create(p), Err(expected));
        assert_eq!((e.agreement_count(), e.agreement_of(commitment), event_count()), (0, None, 0));
    };
    refused(&mut e, &|p| p.milestones.clear(), Error::InvalidMilestones);
    refused(
        &mut e,
        &|p| p.milestones = (0..13).map(|i| MilestoneSpec { amount: 1, due: NOW + (i + 10) * DAY, description: hash(1) }).collect(),
        Error::InvalidMilestones,
    );
    refused(&mut e, &|p| p.milestones[1].amount = 0, Error::InvalidMilestones);
    refused(&mut e, &|p| p.milestones[2].due = p.milestones[1].due, Error::InvalidMilestones);
    refused(&mut e, &|p| p.milestones[0].amount += 1, Error::InvalidMilestones);
    refused(&mut e, &|p| p.milestones[0].amount = u128::MAX, Error::InvalidMilestones);
    refused(&mut e, &|p| p.terms.retention_bps = 1_001, Error::InvalidTerms);
    refused(&mut e, &|p| p.terms.late_cap_bps = 2_001, Error::InvalidTerms);
    refused(&mut e, &|p| p.terms.late_bps_per_day = 1_001, Error::InvalidTerms);
    refused(&mut e, &|p| p.sign_by = NOW, Error::InvalidDeadlines);
    refused(&mut e, &|p| p.sign_by = NOW + MAX_SIGN_WINDOW_MS + 1, Error::InvalidDeadlines);
    refused(&mut e, &|p| p.sign_by = p.milestones[0].due + 1, Error::InvalidDeadlines);
    refused(&mut e, &|p| p.warranty_ms = MAX_WARRANTY_MS + 1, Error::InvalidDeadlines);
    refused(&mut e, &|p| p.inspector = p.vendor, Error::InvalidInspector);
    refused(&mut e, &|p| p.inspector = cast().stranger, Error::MissingRole { role: Role::Inspector, account: cast().stranger });
    grant(Role::Vendor, c.inspector);
    refused(&mut e, &|_| {}, Error::ConflictingRole { role: Role::Vendor });
    revoke(Role::Vendor, c.inspector);
    refused(&mut e, &|p| p.commitment = 99, Error::CommitmentNotFound);
    refused(&mut e, &|p| p.tender = TENDER + 1, Error::CommitmentMismatch);
    refused(&mut e, &|p| p.vendor = cast().stranger, Error::CommitmentMismatch);
    let smaller = world::open_commitment(TENDER, c.vendor, PRICE - 1);
    refused(&mut e, &|p| p.commitment = smaller, Error::CommitmentMismatch);
    world::set_treasury_down(true);
    refused(&mut e, &|_| {}, Error::BudgetUnavailable);
    world::set_treasury_down(false);
    world::set_paused(true);
    refused(&mut e, &|_| {}, Error::Paused);
    world::set_paused(false);
    as_caller(c.officer);
    refused(&mut e, &|_| {}, Error::MissingRole { role: Role::EvaluationService, account: c.officer });
}

#[ink::test]
fn a_commitment_funds_one_agreement_and_must_be_untouched_and_open() {
    let (mut e, commitment) = setup();
    let c = cast();
    as_caller(c.evaluation);
    e.create(params(commitment)).unwrap();
    assert_eq!(e.create(params(commitment)), Err(Error::CommitmentInUse));
    // A commitment already drawn on, or closed, cannot back a new agreement.
    let drawn = world::open_commitment(TENDER, c.vendor, PRICE);
    Treasury::release(AccountId::from([0xB0; 32]), drawn, 1, c.vendor).unwrap();
    assert_eq!(e.create(AgreementParams { commitment: drawn, ..params(drawn) }), Err(Error::CommitmentMismatch));
    let closed = world::open_commitment(TENDER, c.vendor, PRICE);
    Treasury::decommit(AccountId::from([0xB0; 32]), closed, None).unwrap();
    assert_eq!(e.create(AgreementParams { commitment: closed, ..params(closed) }), Err(Error::CommitmentMismatch));
    assert_eq!(e.agreement_count(), 1);
}

type Treasury = test_kit::Treasury<budget::Error>;

// ----------------------------------------------------------------------
// sign and lapse
// ----------------------------------------------------------------------

#[ink::test]
fn the_vendor_signs_before_the_deadline_even_while_paused() {
    let (mut e, id) = created();
    let c = cast();
    as_caller(c.stranger);
    assert_eq!(e.sign(id), Err(Error::NotVendor));
    as_caller(c.vendor);
    assert_eq!(e.sign(9), Err(Error::AgreementNotFound));
    world::set_paused(true);
    e.sign(id).unwrap();
    assert_eq!(state(&e, id), AgreementState::Active);
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.agreement, ev.tender, ev.change, ev.by), (id, TENDER, Change::Signed(Signed), c.vendor));
    assert_eq!(e.sign(id), Err(Error::NotOffered));
}

#[ink::test]
fn signing_needs_the_deadline_open_and_a_vendor_in_good_standing() {
    let (mut e, id) = created();
    let c = cast();
    as_caller(c.vendor);
    grant(Role::Inspector, c.vendor);
    assert_eq!(e.sign(id), Err(Error::ConflictingRole { role: Role::Inspector }));
    revoke(Role::Inspector, c.vendor);
    set_now(NOW + 7 * DAY);
    assert_eq!(e.sign(id), Err(Error::SigningClosed));
    assert_eq!((state(&e, id), event_count()), (AgreementState::Offered, 1));
}

#[ink::test]
fn an_unsigned_agreement_lapses_after_the_deadline_and_returns_the_commitment() {
    let (mut e, id) = created();
    let c = cast();
    as_caller(c.stranger);
    set_now(NOW + 7 * DAY - 1);
    assert_eq!(e.lapse(id), Err(Error::SigningOpen));
    set_now(NOW + 7 * DAY);
    world::set_paused(true);
    e.lapse(id).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!((a.state, a.tally.decommitted), (AgreementState::Lapsed, PRICE));
    assert!(!world::commitment(a.commitment).open);
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.agreement, ev.tender, ev.change, ev.by), (id, TENDER, Change::Lapsed(Lapsed { decommitted: PRICE }), c.stranger));
    assert_books(&e, id);
    assert_eq!(e.lapse(id), Err(Error::NotOffered));
    as_caller(c.vendor);
    assert_eq!(e.sign(id), Err(Error::NotOffered));
}

#[ink::test]
fn a_signed_agreement_cannot_lapse() {
    let (mut e, id) = signed();
    set_now(NOW + 30 * DAY);
    assert_eq!(e.lapse(id), Err(Error::NotOffered));
    assert_eq!(e.lapse(5), Err(Error::AgreementNotFound));
}

// ----------------------------------------------------------------------
// deliver, approve, reject
// ----------------------------------------------------------------------

#[ink::test]
fn an_on_time_milestone_pays_all_but_the_retention_in_the_same_call() {
    let (mut e, id) = signed();
    let c = cast();
    set_now(NOW + 30 * DAY);
    deliver(&mut e, id, 0).unwrap();
    let ev = last_event::<AgreementEvent>();
    assert_eq!(
        (ev.change, ev.by),
        (Change::Delivered(Delivered { milestone: 0, evidence: hash(0xE0), delivery: 1, days_late: 0 }), c.vendor)
    );
    let m = e.milestone(id, 0).unwrap();
    assert_eq!((m.state, m.deliveries, m.delivered_at), (MilestoneState::Delivered, 1, NOW + 30 * DAY));
    approve(&mut e, id, 0).unwrap();
    let expected = MilestoneState::Approved { deduction: 0, retention: 10_000, payable: 190_000, release: Some(ReleaseOutcome::Paid) };
    assert_eq!(e.milestone(id, 0).unwrap().state, expected);
    let ev = last_event::<AgreementEvent>();
    let approved = Change::Approved(Approved {
        milestone: 0,
        amount: 200_000,
        deduction: 0,
        retention: 10_000,
        payable: 190_000,
        release: Some(ReleaseOutcome::Paid),
    });
    assert_eq!((ev.change, ev.by), (approved, c.inspector));
    let r = world::releases();
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].amount, r[0].to, r[0].queued), (190_000, c.vendor, None));
    let a = e.agreement(id).unwrap();
    assert_eq!((a.tally.paid, a.tally.retention, a.approved, a.state), (190_000, 10_000, 1, AgreementState::Active));
    assert_books(&e, id);
}

#[ink::test]
fn a_late_milestone_is_deducted_per_whole_day_up_to_the_cap() {
    let (mut e, id) = signed();
    // Milestone 0: three days and a bit late: 3 % deducted.
    set_now(NOW + 33 * DAY + DAY / 2);
    deliver(&mut e, id, 0).unwrap();
    let Change::Delivered(Delivered { days_late: 3, .. }) = last_change() else { panic!("{:?}", last_change()) };
    approve(&mut e, id, 0).unwrap();
    let expected = MilestoneState::Approved { deduction: 6_000, retention: 9_700, payable: 184_300, release: Some(ReleaseOutcome::Paid) };
    assert_eq!(e.milestone(id, 0).unwrap().state, expected);
    assert_books(&e, id);
    // Milestone 1: 40 days late: capped at 10 %.
    set_now(NOW + 100 * DAY);
    deliver(&mut e, id, 1).unwrap();
    set_now(NOW + 101 * DAY);
    approve(&mut e, id, 1).unwrap();
    let expected = MilestoneState::Approved { deduction: 30_000, retention: 13_500, payable: 256_500, release: Some(ReleaseOutcome::Paid) };
    assert_eq!(e.milestone(id, 1).unwrap().state, expected);
    let a = e.agreement(id).unwrap();
    assert_eq!(a.tally.deducted, 36_000);
    assert_eq!(world::commitment(a.commitment).amount, PRICE - 36_000, "deductions went back to the line");
    assert_books(&e, id);
}

#[ink::test]
fn a_milestone_above_the_automatic_limit_waits_for_the_treasurers() {
    let (mut e, id) = signed();
    world::set_auto_limit(Some(250_000));
    set_now(NOW + 60 * DAY);
    deliver(&mut e, id, 1).unwrap();
    approve(&mut e, id, 1).unwrap();
    let Some(MilestoneState::Approved { release: Some(ReleaseOutcome::Queued(_)), payable: 285_000, .. }) =
        e.milestone(id, 1).map(|m| m.state)
    else {
        panic!("queued: {:?}", e.milestone(id, 1))
    };
    let a = e.agreement(id).unwrap();
    assert_eq!((a.tally.paid, a.tally.queued, a.tally.retention), (0, 285_000, 15_000));
    assert_books(&e, id);
}

#[ink::test]
fn deliveries_are_the_vendors_on_an_active_agreement_while_unpaused() {
    let (mut e, id) = created();
    let c = cast();
    assert_eq!(deliver(&mut e, id, 0), Err(Error::NotActive), "not signed yet");
    as_caller(c.vendor);
    e.sign(id).unwrap();
    as_caller(c.stranger);
    assert_eq!(e.deliver(id, 0, hash(1)), Err(Error::NotVendor));
    assert_eq!(deliver(&mut e, id, 3), Err(Error::MilestoneNotFound));
    assert_eq!(deliver(&mut e, 4, 0), Err(Error::AgreementNotFound));
    world::set_paused(true);
    assert_eq!(deliver(&mut e, id, 0), Err(Error::Paused));
    world::set_paused(false);
    grant(Role::Auditor, c.vendor);
    assert_eq!(deliver(&mut e, id, 0), Err(Error::ConflictingRole { role: Role::Auditor }));
    revoke(Role::Auditor, c.vendor);
    assert_eq!(e.milestone(id, 0).unwrap().state, MilestoneState::Pending);
    deliver(&mut e, id, 0).unwrap();
    assert_eq!(deliver(&mut e, id, 0), Err(Error::NotDeliverable), "waiting for the Inspector");
    approve(&mut e, id, 0).unwrap();
    assert_eq!(deliver(&mut e, id, 0), Err(Error::NotDeliverable), "approved");
}

#[ink::test]
fn only_the_assigned_inspector_decides_a_delivered_milestone() {
    let (mut e, id) = signed();
    let c = cast();
    assert_eq!(approve(&mut e, id, 0), Err(Error::NotDelivered));
    assert_eq!(reject(&mut e, id, 0), Err(Error::NotDelivered));
    deliver(&mut e, id, 0).unwrap();
    let other = c.stranger;
    grant(Role::Inspector, other);
    as_caller(other);
    assert_eq!(e.approve(id, 0), Err(Error::NotInspector));
    assert_eq!(e.reject(id, 0, hash(1)), Err(Error::NotInspector));
    as_caller(c.auditor);
    assert_eq!(e.approve(id, 0), Err(Error::MissingRole { role: Role::Inspector, account: c.auditor }));
    revoke(Role::Inspector, c.inspector);
    assert_eq!(approve(&mut e, id, 0), Err(Error::MissingRole { role: Role::Inspector, account: c.inspector }));
    grant(Role::Inspector, c.inspector);
    assert_eq!(approve(&mut e, id, 7), Err(Error::MilestoneNotFound));
    world::set_paused(true);
    assert_eq!(approve(&mut e, id, 0), Err(Error::Paused));
    assert_eq!(world::releases().len(), 0);
    // A rejection is not a payment: it works while paused.
    reject(&mut e, id, 0).unwrap();
    let ev = last_event::<AgreementEvent>();
    let rejected = Change::Rejected(Rejected { milestone: 0, reason: hash(0xEE), escalate_by: NOW + ESCALATION_WINDOW_MS });
    assert_eq!((ev.change, ev.by), (rejected, c.inspector));
    assert_eq!(e.milestone(id, 0).unwrap().state, MilestoneState::Rejected { reason: hash(0xEE), at: NOW, appealable: true });
    assert_books(&e, id);
}

#[ink::test]
fn a_rejected_milestone_is_delivered_again_and_lateness_counts_from_the_new_delivery() {
    let (mut e, id) = signed();
    set_now(NOW + 29 * DAY);
    deliver(&mut e, id, 0).unwrap();
    reject(&mut e, id, 0).unwrap();
    set_now(NOW + 32 * DAY);
    deliver(&mut e, id, 0).unwrap();
    let Change::Delivered(Delivered { delivery: 2, days_late: 2, .. }) = last_change() else { panic!("{:?}", last_change()) };
    approve(&mut e, id, 0).unwrap();
    let Some(MilestoneState::Approved { deduction: 4_000, .. }) = e.milestone(id, 0).map(|m| m.state) else {
        panic!("{:?}", e.milestone(id, 0))
    };
    assert_books(&e, id);
}

#[ink::test]
fn a_refused_release_leaves_the_milestone_delivered_and_the_books_untouched() {
    let (mut e, id) = signed();
    deliver(&mut e, id, 0).unwrap();
    world::refuse_next_release(&budget::Error::TooManyPendingReleases);
    assert_eq!(approve(&mut e, id, 0), Err(Error::Budget(budget::Error::TooManyPendingReleases.into())));
    assert_eq!(e.milestone(id, 0).unwrap().state, MilestoneState::Delivered);
    assert_eq!(e.agreement(id).unwrap().tally, Tally::default());
    world::set_treasury_down(true);
    assert_eq!(approve(&mut e, id, 0), Err(Error::BudgetUnavailable));
    world::set_treasury_down(false);
    approve(&mut e, id, 0).unwrap();
    assert_books(&e, id);
}

#[ink::test]
fn approving_the_last_milestone_starts_the_warranty() {
    let (e, id) = all_approved();
    let a = e.agreement(id).unwrap();
    let ends = NOW + 90 * DAY + WARRANTY;
    assert_eq!((a.state, a.approved, a.tally.retention), (AgreementState::Warranty { ends }, 3, 50_000));
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.agreement, ev.change), (id, Change::WarrantyStarted(WarrantyStarted { retention: 50_000, ends })));
    assert_eq!(e.still_committed(id), Some(50_000));
    assert_books(&e, id);
}

// ----------------------------------------------------------------------
// escalation
// ----------------------------------------------------------------------

fn rejected() -> (Escrow, AgreementId) {
    let (mut e, id) = signed();
    set_now(NOW + 30 * DAY);
    deliver(&mut e, id, 0).unwrap();
    set_now(NOW + 31 * DAY);
    reject(&mut e, id, 0).unwrap();
    (e, id)
}

#[ink::test]
fn an_overturned_rejection_pays_as_of_the_original_delivery() {
    let (mut e, id) = rejected();
    let c = cast();
    as_caller(c.stranger);
    assert_eq!(e.escalate(id, 0), Err(Error::NotVendor));
    as_caller(c.vendor);
    assert_eq!(e.escalate(id, 1), Err(Error::NotAppealable));
    world::set_paused(true);
    e.escalate(id, 0).unwrap();
    assert_eq!((last_change(), last_event::<AgreementEvent>().by), (Change::Escalated(Escalated { milestone: 0 }), c.vendor));
    assert_eq!(e.agreement(id).unwrap().escalated, 1);
    assert_eq!(e.escalate(id, 0), Err(Error::NotAppealable));
    // Two days later the Auditor overturns it; the delivery was on time.
    set_now(NOW + 33 * DAY);
    as_caller(c.auditor);
    assert_eq!(e.decide_escalation(id, 0, Ruling::Dismiss), Err(Error::Paused), "an overturn pays");
    world::set_paused(false);
    as_caller(c.stranger);
    assert_eq!(e.decide_escalation(id, 0, Ruling::Dismiss), Err(Error::MissingRole { role: Role::Auditor, account: c.stranger }));
    as_caller(c.auditor);
    assert_eq!(e.decide_escalation(id, 1, Ruling::Dismiss), Err(Error::NotEscalated));
    e.decide_escalation(id, 0, Ruling::Dismiss).unwrap();
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.change, ev.by), (Change::EscalationDecided(EscalationDecided { milestone: 0, ruling: Ruling::Dismiss }), c.auditor));
    let expected = MilestoneState::Approved { deduction: 0, retention: 10_000, payable: 190_000, release: Some(ReleaseOutcome::Paid) };
    assert_eq!(e.milestone(id, 0).unwrap().state, expected);
    let a = e.agreement(id).unwrap();
    assert_eq!((a.escalated, a.approved, a.tally.paid), (0, 1, 190_000));
    assert_books(&e, id);
}

#[ink::test]
fn an_upheld_rejection_cannot_be_escalated_again_but_can_be_delivered_again() {
    let (mut e, id) = rejected();
    let c = cast();
    as_caller(c.vendor);
    e.escalate(id, 0).unwrap();
    world::set_paused(true);
    as_caller(c.auditor);
    e.decide_escalation(id, 0, Ruling::Uphold).unwrap();
    assert_eq!(last_change(), Change::EscalationDecided(EscalationDecided { milestone: 0, ruling: Ruling::Uphold }));
    let m = e.milestone(id, 0).unwrap();
    assert_eq!(m.state, MilestoneState::Rejected { reason: hash(0xEE), at: NOW + 31 * DAY, appealable: false });
    assert_eq!(e.agreement(id).unwrap().escalated, 0);
    as_caller(c.vendor);
    assert_eq!(e.escalate(id, 0), Err(Error::NotAppealable));
    world::set_paused(false);
    deliver(&mut e, id, 0).unwrap();
    approve(&mut e, id, 0).unwrap();
    assert_books(&e, id);
}

#[ink::test]
fn escalation_has_a_window_and_the_inspector_cannot_audit_it() {
    let (mut e, id) = rejected();
    let c = cast();
    as_caller(c.vendor);
    set_now(NOW + 31 * DAY + ESCALATION_WINDOW_MS);
    assert_eq!(e.escalate(id, 0), Err(Error::NotAppealable), "window closed");
    set_now(NOW + 31 * DAY + ESCALATION_WINDOW_MS - 1);
    e.escalate(id, 0).unwrap();
    grant(Role::Auditor, c.inspector);
    as_caller(c.inspector);
    assert_eq!(e.decide_escalation(id, 0, Ruling::Uphold), Err(Error::PartyCannotDecide));
    // Nor the vendor, were it made an Auditor after losing the Vendor role.
    revoke(Role::Vendor, c.vendor);
    grant(Role::Auditor, c.vendor);
    as_caller(c.vendor);
    assert_eq!(e.decide_escalation(id, 0, Ruling::Dismiss), Err(Error::PartyCannotDecide));
    assert_eq!(e.milestone(id, 0).unwrap().state, MilestoneState::Escalated { reason: hash(0xEE), at: NOW + 31 * DAY });
    revoke(Role::Auditor, c.vendor);
    grant(Role::Vendor, c.vendor);
    // Delivering again withdraws the escalation.
    deliver(&mut e, id, 0).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!((a.escalated, e.milestone(id, 0).unwrap().state), (0, MilestoneState::Delivered));
    as_caller(c.auditor);
    assert_eq!(e.decide_escalation(id, 0, Ruling::Uphold), Err(Error::NotEscalated));
}

// ----------------------------------------------------------------------
// warranty, claims, completion
// ----------------------------------------------------------------------

#[ink::test]
fn completion_after_the_warranty_releases_the_retention_and_closes_the_commitment() {
    let (mut e, id) = all_approved();
    let c = cast();
    let ends = NOW + 90 * DAY + WARRANTY;
    as_caller(c.stranger);
    set_now(ends - 1);
    assert_eq!(e.complete(id), Err(Error::NotCompletable));
    set_now(ends);
    world::set_paused(true);
    e.complete(id).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!(a.state, AgreementState::Completed);
    assert_eq!((a.tally.paid, a.tally.retention, a.tally.decommitted), (PRICE, 0, 0));
    let ev = last_event::<AgreementEvent>();
    let completed = Change::Completed(Completed { retention: 50_000, release: Some(ReleaseOutcome::Paid), decommitted: 0 });
    assert_eq!((ev.change, ev.by), (completed, c.stranger));
    assert!(!world::commitment(a.commitment).open);
    assert_books(&e, id);
    assert_eq!(e.complete(id), Err(Error::NotCompletable));
    assert_eq!(e.complete(8), Err(Error::AgreementNotFound));
}

#[ink::test]
fn an_active_agreement_cannot_be_completed() {
    let (mut e, id) = signed();
    set_now(NOW + 1_000 * DAY);
    assert_eq!(e.complete(id), Err(Error::NotCompletable));
}

#[ink::test]
fn an_upheld_defect_claim_returns_the_retention_to_the_line() {
    let (mut e, id) = all_approved();
    let c = cast();
    let ends = NOW + 90 * DAY + WARRANTY;
    as_caller(c.stranger);
    assert_eq!(e.claim_defect(id, hash(0xDF)), Err(Error::MissingRole { role: Role::Inspector, account: c.stranger }));
    as_caller(c.auditor);
    assert_eq!(e.decide_claim(id, Ruling::Uphold), Err(Error::NoClaim));
    as_caller(c.inspector);
    set_now(ends - DAY);
    world::set_paused(true);
    e.claim_defect(id, hash(0xDF)).unwrap();
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.change, ev.by), (Change::DefectClaimed(DefectClaimed { evidence: hash(0xDF) }), c.inspector));
    assert_eq!(state(&e, id), AgreementState::Disputed { ends, evidence: hash(0xDF), filed_at: ends - DAY });
    assert_eq!(e.claim_defect(id, hash(0xDF)), Err(Error::NotInWarranty), "one claim at a time");
    set_now(ends + DAY);
    as_caller(c.stranger);
    assert_eq!(e.complete(id), Err(Error::NotCompletable), "the claim waits for an Auditor");
    as_caller(c.auditor);
    e.decide_claim(id, Ruling::Uphold).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!((a.state, a.tally.decommitted, a.tally.paid), (AgreementState::RetentionWithheld, 50_000, PRICE - 50_000));
    let ev = last_event::<AgreementEvent>();
    assert_eq!((ev.change, ev.by), (Change::ClaimDecided(ClaimDecided { ruling: Ruling::Uphold, decommitted: 50_000 }), c.auditor));
    assert_books(&e, id);
    as_caller(c.stranger);
    assert_eq!(e.complete(id), Err(Error::NotCompletable));
}

#[ink::test]
fn a_dismissed_claim_lets_the_warranty_run_out() {
    let (mut e, id) = all_approved();
    let c = cast();
    let ends = NOW + 90 * DAY + WARRANTY;
    as_caller(c.inspector);
    e.claim_defect(id, hash(0xDF)).unwrap();
    grant(Role::Auditor, c.inspector);
    assert_eq!(e.decide_claim(id, Ruling::Dismiss), Err(Error::PartyCannotDecide));
    as_caller(c.auditor);
    e.decide_claim(id, Ruling::Dismiss).unwrap();
    assert_eq!(last_change(), Change::ClaimDecided(ClaimDecided { ruling: Ruling::Dismiss, decommitted: 0 }));
    assert_eq!(state(&e, id), AgreementState::Warranty { ends });
    set_now(ends);
    as_caller(c.inspector);
    assert_eq!(e.claim_defect(id, hash(0xDF)), Err(Error::NotInWarranty), "the warranty is over");
    e.complete(id).unwrap();
    assert_books(&e, id);
}

#[ink::test]
fn an_undecided_claim_counts_as_dismissed_after_its_decision_window() {
    let (mut e, id) = all_approved();
    let c = cast();
    let ends = NOW + 90 * DAY + WARRANTY;
    set_now(ends - DAY);
    as_caller(c.inspector);
    e.claim_defect(id, hash(0xDF)).unwrap();
    set_now(ends - DAY + CLAIM_DECISION_MS);
    as_caller(c.auditor);
    assert_eq!(e.decide_claim(id, Ruling::Uphold), Err(Error::NoClaim), "too late to decide");
    as_caller(c.stranger);
    e.complete(id).unwrap();
    let Change::Completed(Completed { retention: 50_000, .. }) = last_change() else { panic!("{:?}", last_change()) };
    assert_books(&e, id);
}

#[ink::test]
fn completion_after_a_treasury_rejection_counts_it_as_decommitted() {
    let (mut e, id) = signed();
    world::set_auto_limit(Some(400_000));
    for m in 0..3u8 {
        set_now(e.milestone(id, m).unwrap().due);
        deliver(&mut e, id, m).unwrap();
        approve(&mut e, id, m).unwrap();
    }
    // Milestone 2 (475 000 payable) was queued; the Treasurers reject it.
    let queued = world::releases().iter().find_map(|r| r.queued).unwrap();
    world::reject_queued(queued);
    set_now(NOW + 90 * DAY + WARRANTY);
    e.complete(id).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!((a.tally.queued, a.tally.decommitted, a.tally.paid), (0, 475_000, PRICE - 475_000));
    let Change::Completed(Completed { decommitted: 475_000, .. }) = last_change() else { panic!("{:?}", last_change()) };
    assert_books(&e, id);
}

// ----------------------------------------------------------------------
// termination
// ----------------------------------------------------------------------

#[ink::test]
fn termination_for_convenience_pays_the_retention_and_returns_the_rest() {
    let (mut e, id) = signed();
    let c = cast();
    set_now(NOW + 30 * DAY);
    deliver(&mut e, id, 0).unwrap();
    approve(&mut e, id, 0).unwrap();
    deliver(&mut e, id, 1).unwrap();
    as_caller(c.stranger);
    assert_eq!(
        e.terminate(id, Termination::Convenience, hash(0x7E)),
        Err(Error::MissingRole { role: Role::ProcurementOfficer, account: c.stranger })
    );
    as_caller(c.officer);
    world::set_paused(true);
    e.terminate(id, Termination::Convenience, hash(0x7E)).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!(a.state, AgreementState::Terminated(Termination::Convenience));
    assert_eq!((a.tally.paid, a.tally.retention, a.tally.decommitted), (200_000, 0, 800_000));
    let ev = last_event::<AgreementEvent>();
    let terminated = Change::Terminated(Terminated {
        termination: Termination::Convenience,
        reason: hash(0x7E),
        retention: 10_000,
        release: Some(ReleaseOutcome::Paid),
        decommitted: 800_000,
    });
    assert_eq!((ev.change, ev.by), (terminated, c.officer));
    assert_books(&e, id);
    assert_eq!(e.terminate(id, Termination::Convenience, hash(0x7E)), Err(Error::NotActive));
    world::set_paused(false);
    assert_eq!(deliver(&mut e, id, 2), Err(Error::NotActive));
    assert_eq!(approve(&mut e, id, 1), Err(Error::NotActive));
}

#[ink::test]
fn termination_for_default_needs_a_rejection_that_stands() {
    let (mut e, id) = rejected();
    let c = cast();
    as_caller(c.officer);
    let default = Termination::Default { milestone: 0 };
    assert_eq!(e.terminate(id, Termination::Default { milestone: 1 }, hash(1)), Err(Error::NoStandingRejection));
    assert_eq!(e.terminate(id, Termination::Default { milestone: 9 }, hash(1)), Err(Error::MilestoneNotFound));
    assert_eq!(e.terminate(id, default, hash(1)), Err(Error::NoStandingRejection), "the vendor may still escalate");
    as_caller(c.vendor);
    e.escalate(id, 0).unwrap();
    as_caller(c.officer);
    assert_eq!(e.terminate(id, default, hash(1)), Err(Error::EscalationPending));
    as_caller(c.auditor);
    e.decide_escalation(id, 0, Ruling::Uphold).unwrap();
    as_caller(c.officer);
    e.terminate(id, default, hash(1)).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!((a.state, a.tally.decommitted), (AgreementState::Terminated(default), PRICE));
    assert_books(&e, id);
}

#[ink::test]
fn after_default_the_held_retention_returns_to_the_line() {
    let c = cast();
    // Milestone 0 approved (retention 10 000 held), milestone 1 rejected and
    // not escalated in time.
    let (mut e, id) = signed();
    set_now(NOW + 30 * DAY);
    deliver(&mut e, id, 0).unwrap();
    approve(&mut e, id, 0).unwrap();
    deliver(&mut e, id, 1).unwrap();
    reject(&mut e, id, 1).unwrap();
    set_now(NOW + 30 * DAY + ESCALATION_WINDOW_MS);
    as_caller(c.officer);
    e.terminate(id, Termination::Default { milestone: 1 }, hash(1)).unwrap();
    let a = e.agreement(id).unwrap();
    assert_eq!((a.tally.paid, a.tally.retention, a.tally.decommitted), (190_000, 0, 810_000));
    let Change::Terminated(Terminated { retention: 0, release: None, decommitted: 810_000, .. }) = last_change() else {
        panic!("{:?}", last_change())
    };
    assert_books(&e, id);
}

#[ink::test]
fn an_offered_agreement_cannot_be_terminated() {
    let (mut e, id) = created();
    as_caller(cast().officer);
    assert_eq!(e.terminate(id, Termination::Convenience, hash(1)), Err(Error::NotActive));
}

#[ink::test]
fn an_agreement_in_warranty_cannot_be_terminated() {
    let (mut e, id) = all_approved();
    as_caller(cast().officer);
    assert_eq!(e.terminate(id, Termination::Convenience, hash(1)), Err(Error::NotActive));
    assert_eq!(e.terminate(3, Termination::Convenience, hash(1)), Err(Error::AgreementNotFound));
}

// ----------------------------------------------------------------------
// A randomized sequence
// ----------------------------------------------------------------------

/// Random messages from random callers over a few agreements, with the
/// books checked against the treasury stand-in after every step, and every
/// agreement driven to an end at the close.
#[ink::test]
fn a_random_sequence_keeps_every_agreement_balanced() {
    let (mut e, _) = setup();
    let c = cast();
    let mut rng = Rng::new(0xE5C0);
    let mut now = NOW;
    let callers = [c.vendor, c.inspector, c.auditor, c.officer, c.stranger];
    let mut ids = Vec::new();
    world::set_auto_limit(Some(150_000));
    for step in 0..3_000u32 {
        let id = if ids.is_empty() { 0 } else { ids[rng.below(ids.len() as u64) as usize] };
        let m = rng.below(4) as u8;
        let action = rng.below(14);
        // Mostly the account the message is meant for; one time in five
        // anyone, to exercise the refusals.
        let meant = match action {
            1 | 3 | 4 | 8 => c.vendor,
            5 | 6 | 7 | 10 => c.inspector,
            9 => c.auditor,
            _ => c.officer,
        };
        as_caller(if rng.below(5) == 0 { callers[rng.below(callers.len() as u64) as usize] } else { meant });
        match action {
            0 if ids.len() < 12 && rng.below(3) == 0 => {
                as_caller(c.evaluation);
                let commitment = world::open_commitment(TENDER, c.vendor, PRICE);
                let mut p = params(commitment);
                for (i, spec) in p.milestones.iter_mut().enumerate() {
                    spec.due = now + (i as u64 + 1) * 20 * DAY;
                }
                p.sign_by = now + 15 * DAY;
                p.warranty_ms = rng.below(3) * 10 * DAY;
                match e.create(p) {
                    Ok(id) => ids.push(id),
                    Err(refusal) => assert_eq!(refusal, Error::Paused),
                }
            }
            1 => {
                let _ = e.sign(id);
            }
            2 => {
                let _ = e.lapse(id);
            }
            3 | 4 => {
                let _ = e.deliver(id, m, hash(step as u8));
            }
            5 | 6 => {
                let _ = e.approve(id, m);
            }
            7 => {
                let _ = e.reject(id, m, hash(1));
            }
            8 => {
                let _ = e.escalate(id, m);
            }
            9 => {
                let _ = e.decide_escalation(id, m, rng.ruling(2));
                let _ = e.decide_claim(id, rng.ruling(2));
            }
            10 => {
                let _ = e.claim_defect(id, hash(2));
            }
            11 => {
                let _ = e.complete(id);
            }
            12 if rng.below(8) == 0 => {
                let termination = if rng.below(2) == 0 { Termination::Convenience } else { Termination::Default { milestone: m } };
                let _ = e.terminate(id, termination, hash(3));
            }
            _ => {
                now += rng.below(3) * DAY / 2;
                set_now(now);
                world::set_paused(rng.below(6) == 0);
            }
        }
        for &id in &ids {
            assert_books(&e, id);
        }
    }
    // Every agreement reaches an end: lapse, completion or termination.
    world::set_paused(false);
    now += 1_000 * DAY;
    set_now(now);
    let mut ended = [0u32; 4];
    for &id in &ids {
        as_caller(c.officer);
        let _ = e.lapse(id);
        let _ = e.complete(id);
        let _ = e.terminate(id, Termination::Convenience, hash(9));
        let a = e.agreement(id).unwrap();
        match a.state {
            AgreementState::Lapsed => ended[0] += 1,
            AgreementState::Completed | AgreementState::RetentionWithheld => ended[1] += 1,
            AgreementState::Terminated(Termination::Convenience) => ended[2] += 1,
            AgreementState::Terminated(Termination::Default { .. }) => ended[3] += 1,
            other => panic!("agreement {id} did not end: {other:?}"),
        }
        assert!(!world::commitment(a.commitment).open);
        assert_books(&e, id);
    }
    assert_eq!(ids.len(), 12, "the sequence created agreements");
    // It did real work: agreements ended every way, milestones were paid.
    assert!(ended.iter().all(|n| *n > 0) && world::releases().len() > 20, "{ended:?} {}", world::releases().len());
}

#[ink::test]
fn a_registry_that_cannot_answer_refuses_and_changes_nothing() {
    let (mut e, id) = created();
    world::set_registry_down(true);
    as_caller(cast().vendor);
    assert_eq!(e.sign(id), Err(Error::RegistryUnavailable));
    as_caller(cast().officer);
    assert_eq!(e.terminate(id, Termination::Convenience, hash(1)), Err(Error::RegistryUnavailable));
    assert_eq!((state(&e, id), event_count()), (AgreementState::Offered, 1));
}

#[ink::test]
fn the_winner_signs_and_delivers_though_its_vendor_role_was_revoked() {
    // Its standing comes from the award, not from a role the people running
    // the procurement could take away during the standstill.
    let (mut e, id) = created();
    let c = cast();
    revoke(Role::Vendor, c.vendor);
    as_caller(c.vendor);
    e.sign(id).unwrap();
    set_now(NOW + 30 * DAY);
    deliver(&mut e, id, 0).unwrap();
    approve(&mut e, id, 0).unwrap();
    assert_eq!(e.agreement(id).unwrap().approved, 1);
    assert_books(&e, id);
}

#[ink::test]
fn an_escalation_left_undecided_lets_the_rejection_stand() {
    let (mut e, id) = rejected();
    let c = cast();
    as_caller(c.vendor);
    e.escalate(id, 0).unwrap();
    let decide_by = NOW + 31 * DAY + ESCALATION_WINDOW_MS + ESCALATION_DECISION_MS;
    as_caller(c.officer);
    set_now(decide_by - 1);
    assert_eq!(e.terminate(id, Termination::Default { milestone: 0 }, hash(1)), Err(Error::EscalationPending));
    set_now(decide_by);
    as_caller(c.auditor);
    assert_eq!(e.decide_escalation(id, 0, Ruling::Dismiss), Err(Error::DecisionOverdue), "too late to overturn");
    as_caller(c.officer);
    e.terminate(id, Termination::Default { milestone: 0 }, hash(1)).unwrap();
    assert_eq!(e.agreement(id).unwrap().state, AgreementState::Terminated(Termination::Default { milestone: 0 }));
    assert_books(&e, id);
}

#[ink::test]
fn money_sent_to_the_escrow_goes_to_the_treasury_only() {
    let (mut e, _) = created();
    let c = cast();
    as_caller(c.officer);
    assert_eq!(e.book_surplus(), Err(Error::MissingRole { role: Role::Admin, account: c.officer }));
    let admin = AccountId::from([0xAD; 32]);
    grant(Role::Admin, admin);
    as_caller(admin);
    let held = balance_of(contract());
    if held > 0 {
        assert_eq!(e.book_surplus(), Ok(held));
    }
    assert_eq!(e.book_surplus(), Err(Error::NoSurplus));
    set_balance(contract(), 7_000_000);
    assert_eq!(e.book_surplus(), Ok(7_000_000));
    assert_eq!(balance_of(contract()), 0);
    let EscrowSurplusDeposited { amount, by } = last_event::<EscrowSurplusDeposited>();
    assert_eq!((amount, by), (7_000_000, admin));
}
