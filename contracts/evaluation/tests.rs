//! Unit tests of the evaluation book in ink!'s off-chain environment, with
//! the registry, the tender book, the budget and the escrow from the test
//! kit's stand-ins (see `calls.rs`); the real cross-contract paths are tested
//! with drink in `e2e-tests/tests/evaluation.rs`.

use crate::evaluation::*;
use crate::*;
use ink::primitives::{AccountId, Hash};
use procurement_shared::contracting::{Contracting, Signature};
use procurement_shared::ranking::{Method, POINTS};
use procurement_shared::tendering::{BondSettlement, Funding, Milestone, TenderSummary};
use procurement_shared::tranche::Terms;
use procurement_shared::{Role, Ruling, TenderId};
use test_kit::env::{
    accounts, as_caller, balance_of, contract, decode_event, event_count, events, install_contract, nth_account, set_balance, set_now,
    with_value,
};
use test_kit::world::{self, grant, revoke, TenderCall};

use procurement_shared::DAY_MS as DAY;

/// `event` as the change `T`, if it is an `EvaluationEvent` recording one.
fn change_of<T: TryFrom<Change>>(event: &ink::env::test::EmittedEvent) -> Option<T> {
    decode_event::<EvaluationEvent>(event).and_then(|e| T::try_from(e.change).ok())
}

/// The last event, which must record the change `T`.
fn last_change<T: TryFrom<Change>>() -> T {
    change_of(events().last().expect("an event was emitted")).expect("the last event records the expected change")
}
const NOW: u64 = 1_000 * DAY;
const TENDER: TenderId = 4;
/// Bonds and balances clear the off-chain engine's existential deposit.
const BOND: u128 = 2_000_000;
const FUNDS: u128 = 100_000_000;
const STANDSTILL: u64 = 7 * DAY;
const RESERVATION: u64 = 7;

fn summary(open: bool, reveal_deadline: u64, method: Method, revealed: u32) -> TenderSummary {
    TenderSummary {
        officer: publisher(),
        open,
        reveal_deadline,
        method,
        revealed,
        bond: BOND,
        standstill_ms: STANDSTILL,
        reservation: RESERVATION,
    }
}

/// The officer who published the tender (not the one who appoints).
fn publisher() -> AccountId {
    nth_account(403)
}

fn inspector() -> AccountId {
    nth_account(400)
}

fn auditor() -> AccountId {
    nth_account(401)
}

fn terms() -> Contracting {
    Contracting {
        inspector: inspector(),
        terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
        warranty_ms: 90 * DAY,
    }
}

fn hash(byte: u8) -> Hash {
    Hash::from([byte; 32])
}

fn officer() -> AccountId {
    accounts().alice
}

/// Evaluators e0..e4 (nth accounts 10..15); vendors v0..v3 (20..24).
fn evaluator(n: u32) -> AccountId {
    nth_account(10 + n)
}

fn vendor(n: u32) -> AccountId {
    nth_account(20 + n)
}

/// The tender is past its reveal deadline with `prices` revealed in order
/// (a price of 0 stands for an invalid bid).
fn setup(method: Method, prices: &[u128]) -> EvaluationBook {
    world::reset();
    grant(Role::ProcurementOfficer, officer());
    for n in 0..5 {
        grant(Role::Evaluator, evaluator(n));
    }
    grant(Role::Inspector, inspector());
    grant(Role::Auditor, auditor());
    world::set_tender(TENDER, summary(true, NOW - DAY, method, 0));
    world::set_plan(
        TENDER,
        vec![
            Milestone { share_bps: 4_000, due_offset_ms: 30 * DAY, description: hash(0xA1) },
            Milestone { share_bps: 6_000, due_offset_ms: 60 * DAY, description: hash(0xA2) },
        ],
    );
    world::set_winner_bond(BOND, &tender::Error::BondNotClaimable);
    world::set_cancel_refusal(&budget::Error::ReservationNotActive);
    for (n, price) in (0u32..).zip(prices) {
        grant(Role::Vendor, vendor(n));
        set_balance(vendor(n), FUNDS);
        world::reveal(TENDER, vendor(n), *price, *price > 0);
    }
    set_now(NOW);
    install_contract();
    EvaluationBook::new(AccountId::from([0xAC; 32]), AccountId::from([0x7E; 32]), AccountId::from([0xB0; 32]), AccountId::from([0xE5; 32]))
}

fn committee() -> Vec<AccountId> {
    (0..3).map(evaluator).collect()
}

fn appointed(method: Method, prices: &[u128]) -> EvaluationBook {
    let mut book = setup(method, prices);
    as_caller(officer());
    book.appoint(TENDER, committee(), NOW + 10 * DAY, terms()).unwrap();
    book
}

fn declared(method: Method, prices: &[u128]) -> EvaluationBook {
    let mut book = appointed(method, prices);
    for m in committee() {
        as_caller(m);
        book.declare(TENDER, hash(0xDE), Interest::Impartial).unwrap();
    }
    book
}

fn weighted() -> Method {
    Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 }
}

#[ink::test]
fn appointing_takes_the_valid_bids_in_reveal_order() {
    let mut book = setup(Method::LowestPrice, &[900, 0, 700, 800]);
    as_caller(officer());
    assert_eq!(book.appoint(TENDER, committee(), NOW + 10 * DAY, terms()), Ok(3));
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.officer, e.bids, e.seats, e.declared, e.stage), (officer(), 3, 3, 0, Stage::Scoring));
    let entries: Vec<(AccountId, u128, u32)> =
        (0..3).map(|i| book.entry(TENDER, i).unwrap()).map(|x| (x.bidder, x.price, x.reveal_index)).collect();
    assert_eq!(entries, vec![(vendor(0), 900, 0), (vendor(2), 700, 2), (vendor(3), 800, 3)], "the invalid bid is left out");
    assert_eq!(book.committee(TENDER).iter().map(|(a, _)| *a).collect::<Vec<_>>(), committee());
    let ev = last_change::<CommitteeAppointed>();
    assert_eq!((ev.tender, ev.members, ev.bids, ev.by), (TENDER, committee(), 3, officer()));
}

#[ink::test]
fn appointing_reads_every_page_of_two_hundred_bids() {
    let prices: Vec<u128> = (0..200).map(|n| 1_000 + n).collect();
    let mut book = setup(Method::LowestPrice, &prices);
    as_caller(officer());
    assert_eq!(book.appoint(TENDER, committee(), NOW + 10 * DAY, terms()), Ok(200));
    assert_eq!(book.entry(TENDER, 199).unwrap().reveal_index, 199);
}

#[ink::test]
fn appointment_refusals_change_nothing() {
    let mut book = setup(Method::LowestPrice, &[900, 800]);
    let refused = |book: &mut EvaluationBook, members: Vec<AccountId>, deadline: u64, expected: Error| {
        assert_eq!(book.appoint(TENDER, members, deadline, terms()), Err(expected));
        assert_eq!((book.evaluation(TENDER), event_count()), (None, 0));
    };
    as_caller(evaluator(0));
    refused(&mut book, committee(), NOW + DAY, Error::MissingRole { role: Role::ProcurementOfficer, account: evaluator(0) });
    as_caller(officer());
    refused(&mut book, committee()[..2].to_vec(), NOW + DAY, Error::InvalidCommittee);
    refused(&mut book, (0..10).map(nth_account).collect(), NOW + DAY, Error::InvalidCommittee);
    refused(&mut book, vec![evaluator(0), evaluator(1), evaluator(0)], NOW + DAY, Error::InvalidCommittee);
    refused(&mut book, committee(), NOW, Error::InvalidDeadline);
    refused(&mut book, committee(), NOW + MAX_SCORING_WINDOW_MS + 1, Error::InvalidDeadline);
    // A member who is no Evaluator, or also a Vendor.
    let outsider = nth_account(30);
    refused(
        &mut book,
        vec![evaluator(0), evaluator(1), outsider],
        NOW + DAY,
        Error::MissingRole { role: Role::Evaluator, account: outsider },
    );
    grant(Role::Vendor, evaluator(2));
    refused(&mut book, committee(), NOW + DAY, Error::ConflictingRole { role: Role::Vendor });
    revoke(Role::Vendor, evaluator(2));
    // An Evaluator who bid on this tender (even without revealing), though
    // the registry would let them be both.
    world::bid(TENDER, evaluator(1));
    refused(&mut book, committee(), NOW + DAY, Error::MemberBid { member: evaluator(1) });
    world::set_paused(true);
    refused(&mut book, committee(), NOW + DAY, Error::Paused);
    world::set_paused(false);
    world::set_tenders_down(true);
    refused(&mut book, committee(), NOW + DAY, Error::TenderUnavailable);
    world::set_tenders_down(false);
    refused_on(&mut book, TENDER + 1, Error::TenderNotFound);
    world::set_tender(TENDER, summary(true, NOW + 1, Method::LowestPrice, 2));
    refused(&mut book, committee(), NOW + DAY, Error::RevealStillOpen);
    world::set_tender(TENDER, summary(false, NOW - 1, Method::LowestPrice, 2));
    refused(&mut book, committee(), NOW + DAY, Error::TenderNotOpen);
}

fn refused_on(book: &mut EvaluationBook, tender: TenderId, expected: Error) {
    assert_eq!(book.appoint(tender, committee(), NOW + DAY, terms()), Err(expected));
    assert_eq!(book.evaluation(tender), None);
}

#[ink::test]
fn a_tender_without_valid_bids_cannot_be_evaluated_and_one_committee_per_tender() {
    let mut book = setup(Method::LowestPrice, &[0, 0]);
    as_caller(officer());
    assert_eq!(book.appoint(TENDER, committee(), NOW + DAY, terms()), Err(Error::NoValidBids));
    world::reveal(TENDER, vendor(3), 500, true);
    book.appoint(TENDER, committee(), NOW + DAY, terms()).unwrap();
    assert_eq!(book.appoint(TENDER, committee(), NOW + DAY, terms()), Err(Error::AlreadyAppointed));
}

#[ink::test]
fn declarations_and_a_recused_member_replaced() {
    let mut book = appointed(weighted(), &[900, 800]);
    as_caller(vendor(0));
    assert_eq!(book.declare(TENDER, hash(1), Interest::Impartial), Err(Error::NotMember));
    as_caller(evaluator(0));
    book.declare(TENDER, hash(1), Interest::Impartial).unwrap();
    let ev = last_change::<Declared>();
    assert_eq!((ev.member, ev.declaration, ev.interest), (evaluator(0), hash(1), Interest::Impartial));
    assert_eq!(book.declare(TENDER, hash(1), Interest::Impartial), Err(Error::AlreadyDeclared));
    as_caller(evaluator(1));
    book.declare(TENDER, hash(2), Interest::Conflict).unwrap();
    assert_eq!(last_change::<Declared>().interest, Interest::Conflict);
    assert_eq!(book.member(TENDER, evaluator(1)).unwrap().state, MemberState::Recused(hash(2)));
    assert_eq!(book.score(TENDER, 0, 50), Err(Error::NotDeclared), "a recused member does not score");
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.declared, e.vacant), (1, 1));
    // The officer seats a replacement; it must meet the same tests.
    as_caller(officer());
    assert_eq!(book.replace(TENDER, evaluator(0), evaluator(3)), Err(Error::NotRecused));
    assert_eq!(book.replace(TENDER, evaluator(1), evaluator(2)), Err(Error::AlreadyMember { member: evaluator(2) }));
    assert_eq!(book.replace(TENDER, evaluator(1), evaluator(1)), Err(Error::AlreadyMember { member: evaluator(1) }));
    world::bid(TENDER, evaluator(3));
    assert_eq!(book.replace(TENDER, evaluator(1), evaluator(3)), Err(Error::MemberBid { member: evaluator(3) }));
    // Nor does the agreement's Inspector, though it held the Evaluator role
    // too: the rule of the appointment holds at the replacement.
    grant(Role::Evaluator, inspector());
    assert_eq!(book.replace(TENDER, evaluator(1), inspector()), Err(Error::InspectorOnCommittee));
    book.replace(TENDER, evaluator(1), evaluator(4)).unwrap();
    let ev = last_change::<MemberReplaced>();
    assert_eq!((ev.recused, ev.replacement, ev.by), (evaluator(1), evaluator(4), officer()));
    assert_eq!(book.committee(TENDER)[1], (evaluator(4), Member { seat: 1, state: MemberState::Appointed, scored: 0 }));
    assert_eq!(book.replace(TENDER, evaluator(1), evaluator(3)), Err(Error::NotRecused), "the seat is taken");
    assert_eq!(book.evaluation(TENDER).unwrap().vacant, 0);
}

#[ink::test]
fn scores_fold_into_each_bid_and_revisions_replace_them() {
    let mut book = declared(weighted(), &[900, 800]);
    as_caller(evaluator(0));
    book.score(TENDER, 0, 70).unwrap();
    let ev = last_change::<Scored>();
    assert_eq!((ev.member, ev.bid, ev.quality, ev.previous), (evaluator(0), 0, 70, None));
    book.score(TENDER, 0, 80).unwrap();
    assert_eq!(last_change::<Scored>().previous, Some(70));
    as_caller(evaluator(1));
    book.score(TENDER, 0, 60).unwrap();
    let entry = book.entry(TENDER, 0).unwrap();
    assert_eq!((entry.quality_sum, entry.scores), (140, 2), "a revision replaces, it does not add");
    assert_eq!(book.score_of(TENDER, evaluator(0), 0), Some(80));
    assert_eq!(book.member(TENDER, evaluator(0)).unwrap().scored, 1);
    assert_eq!(book.score(TENDER, 0, 101), Err(Error::InvalidScore));
    assert_eq!(book.score(TENDER, 2, 50), Err(Error::BidNotFound));
    as_caller(vendor(0));
    assert_eq!(book.score(TENDER, 0, 50), Err(Error::NotMember));
    set_now(NOW + 10 * DAY);
    as_caller(evaluator(0));
    assert_eq!(book.score(TENDER, 1, 50), Err(Error::ScoringClosed));
    assert_eq!(book.score(TENDER + 1, 1, 50), Err(Error::NotAppointed));
}

#[ink::test]
fn an_undeclared_member_cannot_score() {
    let mut book = appointed(weighted(), &[900]);
    as_caller(evaluator(0));
    assert_eq!(book.score(TENDER, 0, 50), Err(Error::NotDeclared));
}

#[ink::test]
fn lowest_price_ranks_once_the_committee_has_declared() {
    let mut book = appointed(Method::LowestPrice, &[900, 700, 800, 700]);
    assert_eq!(book.finalize(TENDER), Err(Error::NotReady));
    for m in committee() {
        as_caller(m);
        book.declare(TENDER, hash(0xDE), Interest::Impartial).unwrap();
    }
    as_caller(vendor(0));
    // Ties on the price go to the earlier reveal: bid 1 before bid 3.
    assert_eq!(book.finalize(TENDER), Ok(Some(1)));
    let ranking: Vec<u32> = book.ranking(TENDER).unwrap().iter().map(|(i, _)| *i).collect();
    assert_eq!(ranking, vec![1, 3, 2, 0]);
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Standstill { bid: 1, ends: NOW + STANDSTILL });
    let ranked = events().iter().rev().find_map(change_of::<Ranked>).unwrap();
    assert_eq!((ranked.tender, ranked.round, ranked.ranking.len(), ranked.by), (TENDER, 1, 4, vendor(0)));
    // The first bid holds the provisional award in the tender.
    assert_eq!(world::tender_calls(), vec![TenderCall::Award { tender: TENDER, winner: vendor(1), funding: Funding::Held }]);
    let ev = last_change::<ProvisionallyAwarded>();
    // One event type: its topics are the tender and the winner.
    let raw = decode_event::<EvaluationEvent>(events().last().unwrap()).unwrap();
    assert_eq!((raw.tender, raw.party), (ev.tender, ev.winner));
    assert_eq!((ev.round, ev.bid, ev.winner, ev.price, ev.standstill_ends), (1, 1, vendor(1), 700, NOW + STANDSTILL));
    assert_eq!(book.finalize(TENDER), Err(Error::AlreadyRanked));
    as_caller(evaluator(0));
    assert_eq!(book.score(TENDER, 0, 50), Err(Error::AlreadyRanked), "scores close with the ranking");
}

#[ink::test]
fn weighted_ranking_waits_for_every_score_and_applies_the_threshold() {
    let mut book = declared(weighted(), &[1_000, 800, 900]);
    // Quality: bid 0 excellent, bid 1 below the threshold, bid 2 fair.
    let marks = [[95u8, 40, 70], [90, 45, 60], [100, 50, 65]];
    for (m, member) in committee().into_iter().enumerate() {
        as_caller(member);
        for (bid, quality) in (0u32..).zip(marks[m]) {
            if m == 2 && bid == 2 {
                continue;
            }
            book.score(TENDER, bid, quality).unwrap();
        }
    }
    assert_eq!(book.finalize(TENDER), Err(Error::NotReady), "one score missing");
    as_caller(evaluator(2));
    book.score(TENDER, 2, 65).unwrap();
    assert_eq!(book.evaluation(TENDER).unwrap().complete, 3);
    // Bid 1 (mean 45) is excluded, so the lowest admissible price is 900:
    // bid 0 = 60 x 0.9 + 40 x 0.95 = 92; bid 2 = 60 x 1.0 + 40 x 0.65 = 86.
    assert_eq!(book.finalize(TENDER), Ok(Some(0)));
    assert_eq!(book.ranking(TENDER).unwrap(), vec![(0, 92 * POINTS), (2, 86 * POINTS)]);
}

#[ink::test]
fn after_the_deadline_a_quorum_of_scores_is_enough() {
    let mut book = setup(weighted(), &[1_000, 900]);
    as_caller(officer());
    book.appoint(TENDER, (0..4).map(evaluator).collect(), NOW + 5 * DAY, terms()).unwrap();
    for m in 0..3 {
        as_caller(evaluator(m));
        book.declare(TENDER, hash(0xDE), Interest::Impartial).unwrap();
        book.score(TENDER, 0, 80).unwrap();
        if m < 2 {
            book.score(TENDER, 1, 80).unwrap();
        }
    }
    set_now(NOW + 5 * DAY);
    assert_eq!(book.finalize(TENDER), Err(Error::NotReady), "bid 1 has two scores");
    // The fourth member never declared; with three scores on each bid the
    // ranking can be made after the deadline, not before.
    set_now(NOW + 4 * DAY);
    as_caller(evaluator(2));
    book.score(TENDER, 1, 80).unwrap();
    assert_eq!(book.finalize(TENDER), Err(Error::NotReady), "before the deadline everyone must have scored");
    set_now(NOW + 5 * DAY);
    assert_eq!(book.finalize(TENDER), Ok(Some(1)));
}

#[ink::test]
fn a_registry_that_cannot_answer_refuses_and_changes_nothing() {
    let mut book = setup(Method::LowestPrice, &[900]);
    world::set_registry_down(true);
    as_caller(officer());
    assert_eq!(book.appoint(TENDER, committee(), NOW + DAY, terms()), Err(Error::RegistryUnavailable));
    assert_eq!((book.evaluation(TENDER), event_count()), (None, 0));
}

// --------------------------------------------------------------------------
// Award, standstill, protests, conclusion
// --------------------------------------------------------------------------

/// Lowest price, bids 900 / 700 / 800 from vendors 0 / 1 / 2, ranked: bid 1
/// (vendor 1) holds the provisional award, bid 2 is next.
fn awarded() -> EvaluationBook {
    let mut book = declared(Method::LowestPrice, &[900, 700, 800]);
    book.finalize(TENDER).unwrap();
    book
}

/// Vendor `n` protests, against the award, naming its bid `bid`.
fn protest(book: &mut EvaluationBook, n: u32, bid: u32, bond: u128) -> Result<u32> {
    as_caller(vendor(n));
    with_value(bond, || book.protest(TENDER, bid, hash(0x60)))
}

#[ink::test]
fn the_agreement_terms_are_checked_at_appointment() {
    let mut book = setup(Method::LowestPrice, &[900]);
    as_caller(officer());
    let mut refused = |contracting: Contracting, expected: Error| {
        assert_eq!(book.appoint(TENDER, committee(), NOW + DAY, contracting), Err(expected));
        assert_eq!((book.evaluation(TENDER), event_count()), (None, 0));
    };
    let mut t = terms();
    t.terms.retention_bps = 1_001;
    refused(t, Error::InvalidContracting);
    t = terms();
    t.warranty_ms = escrow::MAX_WARRANTY_MS + 1;
    refused(t, Error::InvalidContracting);
    t = terms();
    t.inspector = evaluator(0);
    refused(t, Error::InspectorOnCommittee);
    t = terms();
    t.inspector = nth_account(402);
    refused(t, Error::MissingRole { role: Role::Inspector, account: nth_account(402) });
    grant(Role::Vendor, inspector());
    refused(terms(), Error::ConflictingRole { role: Role::Vendor });
    revoke(Role::Vendor, inspector());
    world::bid(TENDER, inspector());
    refused(terms(), Error::InvalidContracting);
}

#[ink::test]
fn with_no_admissible_bid_the_ranking_closes_the_tender() {
    let mut book = declared(weighted(), &[900, 800]);
    for m in committee() {
        as_caller(m);
        book.score(TENDER, 0, 10).unwrap();
        book.score(TENDER, 1, 20).unwrap();
    }
    assert_eq!(book.finalize(TENDER), Ok(None));
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Unsuccessful);
    assert_eq!(world::tender_calls(), vec![TenderCall::CloseUnsuccessful { tender: TENDER }]);
    assert_eq!(last_change::<ClosedUnsuccessful>().tender, TENDER);
    assert_eq!(protest(&mut book, 0, 0, BOND), Err(Error::WrongStage));
    assert_eq!(book.conclude(TENDER), Err(Error::WrongStage));
    as_caller(officer());
    assert_eq!(book.award_next(TENDER), Err(Error::WrongStage));
}

#[ink::test]
fn a_tender_nobody_validly_bid_on_is_closed_by_anyone() {
    let mut book = setup(Method::LowestPrice, &[0, 0]);
    as_caller(vendor(0));
    set_now(NOW - DAY - 1);
    assert_eq!(book.close_without_bids(TENDER), Err(Error::RevealStillOpen));
    set_now(NOW);
    assert_eq!(book.close_without_bids(TENDER), Ok(()));
    assert_eq!(world::tender_calls(), vec![TenderCall::CloseUnsuccessful { tender: TENDER }]);
    let ev = last_change::<ClosedUnsuccessful>();
    assert_eq!((ev.tender, ev.by), (TENDER, vendor(0)));
    assert_eq!(book.close_without_bids(TENDER), Err(Error::TenderNotOpen));
    // A tender with a valid bid is evaluated instead.
    world::set_tender(TENDER + 1, summary(true, NOW - DAY, Method::LowestPrice, 0));
    world::reveal(TENDER + 1, vendor(1), 500, true);
    assert_eq!(book.close_without_bids(TENDER + 1), Err(Error::HasValidBids));
    assert_eq!(book.close_without_bids(TENDER + 2), Err(Error::TenderNotFound));
    let mut book = awarded();
    assert_eq!(book.close_without_bids(TENDER), Err(Error::AlreadyAppointed));
}

#[ink::test]
fn a_protest_posts_the_bond_once_per_award_and_a_rejected_one_pays_the_treasury() {
    let mut book = awarded();
    assert_eq!(protest(&mut book, 1, 1, BOND), Err(Error::NotProtestable), "the winner");
    assert_eq!(protest(&mut book, 0, 2, BOND), Err(Error::NotProtestable), "another bidder's bid");
    assert_eq!(protest(&mut book, 0, 9, BOND), Err(Error::BidNotFound));
    assert_eq!(protest(&mut book, 0, 0, BOND - 1), Err(Error::WrongBond));
    assert_eq!(protest(&mut book, 0, 0, BOND + 1), Err(Error::WrongBond));
    assert_eq!((balance_of(vendor(0)), balance_of(contract()), book.held()), (FUNDS, 0, 0), "refusals keep nothing");
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    assert_eq!((balance_of(vendor(0)), balance_of(contract()), book.held()), (FUNDS - BOND, BOND, BOND));
    let ev = last_change::<Protested>();
    assert_eq!((ev.protest, ev.round, ev.bidder, ev.bond), (0, 1, vendor(0), BOND));
    let p = book.protest_of(TENDER, 0).unwrap();
    assert_eq!((p.bidder, p.round, p.against, p.filed_at, p.state), (vendor(0), 1, 1, NOW, ProtestState::Open));
    assert_eq!(protest(&mut book, 0, 0, BOND), Err(Error::AlreadyProtested));
    assert_eq!(book.evaluation(TENDER).unwrap().open_protests, 1);

    set_now(NOW + STANDSTILL);
    assert_eq!(protest(&mut book, 2, 2, BOND), Err(Error::StandstillOver));
    as_caller(vendor(2));
    assert_eq!(book.conclude(TENDER), Err(Error::ProtestOpen), "conclusion waits for the protest");
    as_caller(officer());
    assert_eq!(book.resolve(TENDER, 0, Ruling::Dismiss, hash(0x99)), Err(Error::MissingRole { role: Role::Auditor, account: officer() }));
    as_caller(auditor());
    assert_eq!(book.resolve(TENDER, 3, Ruling::Dismiss, hash(0x99)), Err(Error::ProtestNotFound));
    book.resolve(TENDER, 0, Ruling::Dismiss, hash(0x99)).unwrap();
    assert_eq!((world::deposited(), balance_of(contract()), book.held()), (BOND, 0, 0));
    assert_eq!(book.protest_of(TENDER, 0).unwrap().state, ProtestState::Rejected(hash(0x99)));
    let ev = last_change::<ProtestSettled>();
    assert_eq!((ev.state, ev.refunded, ev.forfeited, ev.by), (ProtestState::Rejected(hash(0x99)), 0, BOND, auditor()));
    assert_eq!(book.resolve(TENDER, 0, Ruling::Uphold, hash(0x99)), Err(Error::ProtestClosed));
    assert_eq!(world::tender_calls().len(), 1, "the award stands");
}

#[ink::test]
fn conclusion_commits_the_price_and_offers_the_scaled_plan() {
    let mut book = awarded();
    as_caller(vendor(0));
    assert_eq!(book.conclude(TENDER), Err(Error::StandstillRunning));
    let start = NOW + STANDSTILL;
    set_now(start);
    assert_eq!(book.conclude(TENDER), Ok(0));
    let c = world::commitment(0);
    assert_eq!((c.tender, c.payee, c.amount, c.open), (TENDER, vendor(1), 700, true));
    let offer = &world::agreements()[0];
    assert_eq!((offer.tender, offer.vendor, offer.commitment, offer.price), (TENDER, vendor(1), 0, 700));
    let plan: Vec<(u128, u64, Hash)> = offer.milestones.iter().map(|m| (m.amount, m.due, m.description)).collect();
    assert_eq!(plan, vec![(280, start + 30 * DAY, hash(0xA1)), (420, start + 60 * DAY, hash(0xA2))]);
    assert_eq!((offer.inspector, offer.terms, offer.warranty_ms), (inspector(), terms().terms, 90 * DAY));
    assert_eq!(offer.sign_by, start + SIGN_WINDOW_MS);
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Concluded { bid: 1, agreement: 0 });
    let ev = last_change::<Concluded>();
    assert_eq!((ev.bid, ev.winner, ev.price, ev.commitment, ev.agreement, ev.by), (1, vendor(1), 700, 0, 0, vendor(0)));
    assert_eq!(book.conclude(TENDER), Err(Error::WrongStage));
    assert_eq!(protest(&mut book, 0, 0, BOND), Err(Error::WrongStage));
}

#[ink::test]
fn an_upheld_protest_sets_the_award_aside_and_the_others_against_it_become_moot() {
    let mut book = awarded();
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    assert_eq!(protest(&mut book, 2, 2, BOND), Ok(1));
    set_now(NOW + DAY);
    as_caller(auditor());
    book.resolve(TENDER, 0, Ruling::Uphold, hash(0x77)).unwrap();
    assert_eq!((balance_of(vendor(0)), balance_of(contract()), book.held()), (FUNDS, BOND, BOND), "protest 0 refunded");
    assert_eq!(
        world::tender_calls(),
        vec![
            TenderCall::Award { tender: TENDER, winner: vendor(1), funding: Funding::Held },
            TenderCall::SettleWinnerBond { tender: TENDER, settlement: BondSettlement::Return },
            TenderCall::Award { tender: TENDER, winner: vendor(2), funding: Funding::Held },
        ],
        "the winner's bond goes back and the next bid is awarded"
    );
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.stage, e.round, e.open_protests), (Stage::Standstill { bid: 2, ends: NOW + DAY + STANDSTILL }, 2, 0));
    assert!(book.entry(TENDER, 1).unwrap().excluded);
    assert_eq!(book.ranking(TENDER).unwrap().iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![2, 0]);
    let aside = events().iter().find_map(change_of::<AwardSetAside>).unwrap();
    assert_eq!((aside.round, aside.bid, aside.cause), (1, 1, SetAside::Protest));
    assert_eq!(book.protest_of(TENDER, 0).unwrap().state, ProtestState::Upheld(hash(0x77)));

    // Protest 1 challenged the award that is gone: moot, refunded to whoever
    // settles it, never decided.
    assert_eq!(book.resolve(TENDER, 1, Ruling::Dismiss, hash(0x78)), Err(Error::ProtestMoot));
    as_caller(vendor(3));
    book.settle_protest(TENDER, 1).unwrap();
    assert_eq!((balance_of(vendor(2)), balance_of(contract()), book.held()), (FUNDS, 0, 0));
    assert_eq!(book.protest_of(TENDER, 1).unwrap().state, ProtestState::Moot);
    assert_eq!(book.settle_protest(TENDER, 1), Err(Error::ProtestClosed));
    // The new award can be protested, also by the first protester.
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(2));
    assert_eq!(protest(&mut book, 2, 2, BOND), Err(Error::NotProtestable), "the new winner");
}

#[ink::test]
fn a_protest_nobody_decides_in_time_is_refunded_and_the_award_stands() {
    let mut book = awarded();
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    as_caller(vendor(3));
    assert_eq!(book.settle_protest(TENDER, 0), Err(Error::DecisionPending));
    set_now(NOW + PROTEST_DECISION_MS);
    as_caller(auditor());
    assert_eq!(book.resolve(TENDER, 0, Ruling::Dismiss, hash(1)), Err(Error::DecisionOverdue));
    as_caller(vendor(3));
    book.settle_protest(TENDER, 0).unwrap();
    assert_eq!(book.protest_of(TENDER, 0).unwrap().state, ProtestState::Overdue);
    assert_eq!((balance_of(vendor(0)), balance_of(contract()), book.held()), (FUNDS, 0, 0), "refunded in full");
    // Silence overturns nothing: the first award stands and can be concluded.
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.stage, e.round, e.open_protests), (Stage::Standstill { bid: 1, ends: NOW + STANDSTILL }, 1, 0));
    assert_eq!(world::tender_calls().len(), 1, "no award was set aside");
    assert_eq!(book.conclude(TENDER), Ok(0));
}

#[ink::test]
fn the_winner_signs_and_gets_the_bond_back() {
    let mut book = awarded();
    set_now(NOW + STANDSTILL);
    book.conclude(TENDER).unwrap();
    assert_eq!(book.settle_winner(TENDER), Err(Error::AgreementPending));
    world::set_signature(0, Signature::Signed);
    assert_eq!(book.settle_winner(TENDER), Ok(BOND));
    assert_eq!(world::tender_calls().last(), Some(&TenderCall::SettleWinnerBond { tender: TENDER, settlement: BondSettlement::Return }));
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Signed { bid: 1, agreement: 0 });
    let ev = last_change::<WinnerSettled>();
    assert_eq!((ev.agreement, ev.settlement, ev.bond), (0, BondSettlement::Return, BOND));
    assert_eq!(book.settle_winner(TENDER), Err(Error::WrongStage));
    as_caller(officer());
    assert_eq!(book.award_next(TENDER), Err(Error::WrongStage));
    assert_eq!(book.close(TENDER), Err(Error::WrongStage));
}

#[ink::test]
fn after_a_lapse_the_bond_is_forfeited_and_the_officer_awards_the_runner_up() {
    let mut book = awarded();
    set_now(NOW + STANDSTILL);
    book.conclude(TENDER).unwrap();
    world::set_signature(0, Signature::Lapsed);
    assert_eq!(book.settle_winner(TENDER), Ok(BOND));
    assert_eq!(world::tender_calls().last(), Some(&TenderCall::SettleWinnerBond { tender: TENDER, settlement: BondSettlement::Forfeit }));
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Lapsed { bid: 1, since: NOW + STANDSTILL });
    assert_eq!(events().iter().find_map(change_of::<AwardSetAside>).unwrap().cause, SetAside::Lapsed);
    assert!(book.entry(TENDER, 1).unwrap().excluded);
    assert_eq!(last_change::<WinnerSettled>().settlement, BondSettlement::Forfeit);

    as_caller(vendor(0));
    assert_eq!(book.award_next(TENDER), Err(Error::MissingRole { role: Role::ProcurementOfficer, account: vendor(0) }));
    as_caller(officer());
    assert_eq!(book.award_next(TENDER), Ok(Some(2)));
    assert_eq!(world::tender_calls().last(), Some(&TenderCall::Award { tender: TENDER, winner: vendor(2), funding: Funding::Renew }));
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.round, e.stage), (2, Stage::Standstill { bid: 2, ends: NOW + 2 * STANDSTILL }));

    // The renewed reservation funds the runner-up's agreement.
    set_now(NOW + 2 * STANDSTILL);
    assert_eq!(book.conclude(TENDER), Ok(1));
    let c = world::commitment(1);
    assert_eq!((c.payee, c.amount), (vendor(2), 800));
    // The runner-up had claimed its bond: nothing to forfeit, the officer
    // closes the tender.
    world::set_signature(1, Signature::Lapsed);
    world::set_winner_bond(0, &tender::Error::BondNotClaimable);
    assert_eq!(book.settle_winner(TENDER), Ok(0));
    as_caller(officer());
    book.close(TENDER).unwrap();
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Unsuccessful);
    assert_eq!(world::tender_calls().last(), Some(&TenderCall::CloseUnsuccessful { tender: TENDER }));
}

#[ink::test]
fn refusals_of_the_tender_budget_and_escrow_reach_the_caller_typed() {
    let mut book = declared(Method::LowestPrice, &[900, 700]);
    world::refuse_next_tender_call(&tender::Error::NotAwardable);
    assert_eq!(book.finalize(TENDER), Err(Error::Tender(tender::Error::NotAwardable.into())));
    book.finalize(TENDER).unwrap();
    set_now(NOW + STANDSTILL);
    world::refuse_next_create(&escrow::Error::InvalidDeadlines);
    assert_eq!(book.conclude(TENDER), Err(Error::Escrow(escrow::Error::InvalidDeadlines.into())));
    world::set_escrow_down(true);
    assert_eq!(book.conclude(TENDER), Err(Error::EscrowUnavailable));
    world::set_escrow_down(false);
    world::set_treasury_down(true);
    assert_eq!(book.conclude(TENDER), Err(Error::BudgetUnavailable));
    world::set_treasury_down(false);
    world::set_tenders_down(true);
    assert_eq!(book.conclude(TENDER), Err(Error::TenderUnavailable));
    world::set_tenders_down(false);
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Standstill { bid: 1, ends: NOW + STANDSTILL });
    world::set_plan(TENDER, vec![Milestone { share_bps: 5_000, due_offset_ms: DAY, description: hash(1) }]);
    assert_eq!(book.conclude(TENDER), Err(Error::InvalidPlan));
}

#[ink::test]
fn no_party_to_the_procurement_decides_its_protests() {
    let mut book = awarded();
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    // Each of them is later made an Auditor (the registry allows it once
    // their other role is revoked); the procurement's records still name
    // them, so the decision is refused and nothing changes.
    world::bid(TENDER, vendor(3));
    for party in [evaluator(0), inspector(), officer(), publisher(), vendor(3), vendor(1)] {
        grant(Role::Auditor, party);
        as_caller(party);
        let before = events().len();
        assert_eq!(book.resolve(TENDER, 0, Ruling::Dismiss, hash(9)), Err(Error::PartyCannotDecide), "{party:?}");
        assert_eq!(book.protest_of(TENDER, 0).unwrap().state, ProtestState::Open);
        assert_eq!((events().len(), book.held()), (before, BOND));
    }
}

#[ink::test]
fn a_recused_member_stays_a_party() {
    let mut book = appointed(Method::LowestPrice, &[900, 700]);
    as_caller(evaluator(2));
    book.declare(TENDER, hash(1), Interest::Conflict).unwrap();
    as_caller(officer());
    book.replace(TENDER, evaluator(2), evaluator(3)).unwrap();
    for m in [evaluator(0), evaluator(1), evaluator(3)] {
        as_caller(m);
        book.declare(TENDER, hash(2), Interest::Impartial).unwrap();
    }
    book.finalize(TENDER).unwrap();
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    grant(Role::Auditor, evaluator(2));
    as_caller(evaluator(2));
    assert_eq!(book.resolve(TENDER, 0, Ruling::Uphold, hash(9)), Err(Error::PartyCannotDecide));
    as_caller(auditor());
    book.resolve(TENDER, 0, Ruling::Dismiss, hash(9)).unwrap();
}

#[ink::test]
fn a_bid_whose_security_was_taken_back_is_passed_over() {
    let mut book = declared(Method::LowestPrice, &[900, 700, 800]);
    // The best bid (700) took its bond back: the tender refuses its award,
    // the evaluation sets it aside and awards the next.
    world::refuse_next_tender_call(&tender::Error::BidSecurityWithdrawn);
    assert_eq!(book.finalize(TENDER), Ok(Some(2)));
    assert_eq!(world::tender_calls(), vec![TenderCall::Award { tender: TENDER, winner: vendor(2), funding: Funding::Held }]);
    assert!(book.entry(TENDER, 1).unwrap().excluded);
    let aside = events().iter().find_map(change_of::<AwardSetAside>).unwrap();
    assert_eq!((aside.bid, aside.cause), (1, SetAside::SecurityWithdrawn));
    assert_eq!(book.ranking(TENDER).unwrap().iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![2, 0]);
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.round, e.stage), (1, Stage::Standstill { bid: 2, ends: NOW + STANDSTILL }));
}

#[ink::test]
fn an_inspector_who_can_no_longer_serve_is_replaced_before_the_conclusion() {
    let mut book = awarded();
    let other = nth_account(404);
    grant(Role::Inspector, other);
    as_caller(vendor(0));
    assert_eq!(book.replace_inspector(TENDER, other), Err(Error::MissingRole { role: Role::ProcurementOfficer, account: vendor(0) }));
    as_caller(officer());
    assert_eq!(book.replace_inspector(TENDER + 1, other), Err(Error::NotAppointed));
    // One who still serves is not changed after the ranking.
    assert_eq!(book.replace_inspector(TENDER, other), Err(Error::InvalidContracting));
    revoke(Role::Inspector, inspector());
    set_now(NOW + STANDSTILL);
    for (candidate, expected) in [
        (evaluator(0), Error::InspectorOnCommittee),
        (nth_account(405), Error::MissingRole { role: Role::Inspector, account: nth_account(405) }),
    ] {
        assert_eq!(book.replace_inspector(TENDER, candidate), Err(expected));
    }
    world::bid(TENDER, other);
    assert_eq!(book.replace_inspector(TENDER, other), Err(Error::InvalidContracting), "a bidder");
    let fresh = nth_account(406);
    grant(Role::Inspector, fresh);
    book.replace_inspector(TENDER, fresh).unwrap();
    let ev = last_change::<InspectorReplaced>();
    assert_eq!((ev.previous, ev.inspector, ev.by), (inspector(), fresh, officer()));
    assert_eq!(book.conclude(TENDER), Ok(0));
    assert_eq!(world::agreements()[0].inspector, fresh);
    as_caller(officer());
    assert_eq!(book.replace_inspector(TENDER, inspector()), Err(Error::WrongStage), "after the conclusion");
}

#[ink::test]
fn a_committee_that_cannot_rank_is_closed_after_the_stall() {
    // Weighted: nobody scored, so the ranking can never be made.
    let mut book = declared(weighted(), &[900, 700]);
    let deadline = NOW + 10 * DAY;
    as_caller(vendor(3));
    set_now(deadline + STALL_MS - 1);
    assert_eq!(book.finalize(TENDER), Err(Error::NotReady));
    assert_eq!(book.close_stalled(TENDER), Err(Error::NotStalled));
    set_now(deadline + STALL_MS);
    book.close_stalled(TENDER).unwrap();
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Unsuccessful);
    assert_eq!(world::tender_calls(), vec![TenderCall::CloseUnsuccessful { tender: TENDER }]);
    assert_eq!(last_change::<ClosedUnsuccessful>().by, vendor(3));
    assert_eq!(book.close_stalled(TENDER), Err(Error::WrongStage));
    assert_eq!(book.close_stalled(TENDER + 1), Err(Error::NotAppointed));
}

#[ink::test]
fn a_committee_that_can_rank_is_not_closed_unless_its_tender_was_cancelled() {
    // Anyone may finalize instead.
    let mut book = declared(Method::LowestPrice, &[900, 700]);
    let deadline = NOW + 10 * DAY;
    as_caller(vendor(3));
    set_now(deadline + STALL_MS);
    assert_eq!(book.close_stalled(TENDER), Err(Error::NotStalled));
    // Unless its tender was cancelled meanwhile (the ranking could never be
    // awarded): the record is closed and holds nothing.
    world::set_tender(TENDER, summary(false, NOW - DAY, Method::LowestPrice, 2));
    world::refuse_next_tender_call(&tender::Error::TenderCancelled);
    book.close_stalled(TENDER).unwrap();
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Unsuccessful);
}

#[ink::test]
fn an_award_nobody_concludes_is_closed_and_the_winner_bond_returned() {
    let mut book = awarded();
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    set_now(NOW + STANDSTILL + STALL_MS);
    as_caller(vendor(3));
    assert_eq!(book.close_stalled(TENDER), Err(Error::ProtestOpen), "the protest has its own exit first");
    book.settle_protest(TENDER, 0).unwrap();
    book.close_stalled(TENDER).unwrap();
    assert_eq!(
        world::tender_calls()[1..],
        [
            TenderCall::SettleWinnerBond { tender: TENDER, settlement: BondSettlement::Return },
            TenderCall::CloseUnsuccessful { tender: TENDER }
        ]
    );
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Unsuccessful);
    let aside = events().iter().find_map(change_of::<AwardSetAside>).unwrap();
    assert_eq!((aside.bid, aside.cause), (1, SetAside::Stalled));
}

#[ink::test]
fn a_lapse_the_officer_leaves_is_closed_by_anyone_after_the_stall() {
    let mut book = awarded();
    set_now(NOW + STANDSTILL);
    book.conclude(TENDER).unwrap();
    world::set_signature(0, Signature::Lapsed);
    book.settle_winner(TENDER).unwrap();
    as_caller(vendor(3));
    set_now(NOW + STANDSTILL + STALL_MS - 1);
    assert_eq!(book.close_stalled(TENDER), Err(Error::NotStalled));
    set_now(NOW + STANDSTILL + STALL_MS);
    book.close_stalled(TENDER).unwrap();
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Unsuccessful);
    assert_eq!(world::tender_calls().last(), Some(&TenderCall::CloseUnsuccessful { tender: TENDER }));
}

#[ink::test]
fn a_tender_nobody_evaluates_is_closed_once_its_bids_expire() {
    let mut book = setup(Method::LowestPrice, &[900, 700]);
    as_caller(vendor(3));
    assert_eq!(book.close_without_bids(TENDER), Err(Error::HasValidBids));
    set_now(NOW - DAY + tender::rules::BID_VALIDITY_MS);
    book.close_without_bids(TENDER).unwrap();
    assert_eq!(world::tender_calls(), vec![TenderCall::CloseUnsuccessful { tender: TENDER }]);
}

#[ink::test]
fn money_sent_outside_the_messages_goes_to_the_treasury_only() {
    let mut book = awarded();
    assert_eq!(protest(&mut book, 0, 0, BOND), Ok(0));
    as_caller(accounts().alice);
    assert_eq!(book.book_surplus(), Err(Error::MissingRole { role: Role::Admin, account: accounts().alice }));
    let admin = nth_account(407);
    grant(Role::Admin, admin);
    as_caller(admin);
    assert_eq!(book.book_surplus(), Err(Error::NoSurplus), "the protest bond is not surplus");
    set_balance(contract(), balance_of(contract()) + 5_000);
    assert_eq!(book.book_surplus(), Ok(5_000));
    assert_eq!(world::deposited(), 5_000);
    assert_eq!((balance_of(contract()), book.held()), (BOND, BOND));
}
