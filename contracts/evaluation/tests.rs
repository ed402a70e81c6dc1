//! Unit tests of the evaluation book in ink!'s off-chain environment, with
//! the registry and the tender book from the test kit's stand-ins (see
//! `calls.rs`); the real cross-contract paths are tested with drink in
//! `e2e-tests/tests/evaluation.rs`.

use crate::evaluation::*;
use crate::*;
use ink::primitives::{AccountId, Hash};
use procurement_shared::ranking::{Method, POINTS};
use procurement_shared::tendering::TenderSummary;
use procurement_shared::{Role, TenderId};
use test_kit::env::{accounts, as_caller, event_count, install_contract, last_event, nth_account, set_now};
use test_kit::world::{self, grant, revoke};

const DAY: u64 = 86_400_000;
const NOW: u64 = 1_000 * DAY;
const TENDER: TenderId = 4;

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
    world::set_tender(TENDER, TenderSummary { open: true, reveal_deadline: NOW - DAY, method, revealed: 0 });
    for (n, price) in (0u32..).zip(prices) {
        grant(Role::Vendor, vendor(n));
        world::reveal(TENDER, vendor(n), *price, *price > 0);
    }
    set_now(NOW);
    install_contract();
    EvaluationBook::new(AccountId::from([0xAC; 32]), AccountId::from([0x7E; 32]))
}

fn committee() -> Vec<AccountId> {
    (0..3).map(evaluator).collect()
}

fn appointed(method: Method, prices: &[u128]) -> EvaluationBook {
    let mut book = setup(method, prices);
    as_caller(officer());
    book.appoint(TENDER, committee(), NOW + 10 * DAY).unwrap();
    book
}

fn declared(method: Method, prices: &[u128]) -> EvaluationBook {
    let mut book = appointed(method, prices);
    for m in committee() {
        as_caller(m);
        book.declare(TENDER, hash(0xDE), false).unwrap();
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
    assert_eq!(book.appoint(TENDER, committee(), NOW + 10 * DAY), Ok(3));
    let e = book.evaluation(TENDER).unwrap();
    assert_eq!((e.officer, e.bids, e.seats, e.declared, e.stage), (officer(), 3, 3, 0, Stage::Scoring));
    let entries: Vec<(AccountId, u128, u32)> = (0..3).map(|i| book.entry(TENDER, i).unwrap()).map(|x| (x.bidder, x.price, x.reveal_index)).collect();
    assert_eq!(entries, vec![(vendor(0), 900, 0), (vendor(2), 700, 2), (vendor(3), 800, 3)], "the invalid bid is left out");
    assert_eq!(book.committee(TENDER).iter().map(|(a, _)| *a).collect::<Vec<_>>(), committee());
    let ev = last_event::<CommitteeAppointed>();
    assert_eq!((ev.tender, ev.members, ev.bids, ev.by), (TENDER, committee(), 3, officer()));
}

#[ink::test]
fn appointing_reads_every_page_of_two_hundred_bids() {
    let prices: Vec<u128> = (0..200).map(|n| 1_000 + n).collect();
    let mut book = setup(Method::LowestPrice, &prices);
    as_caller(officer());
    assert_eq!(book.appoint(TENDER, committee(), NOW + 10 * DAY), Ok(200));
    assert_eq!(book.entry(TENDER, 199).unwrap().reveal_index, 199);
}

#[ink::test]
fn appointment_refusals_change_nothing() {
    let mut book = setup(Method::LowestPrice, &[900, 800]);
    let refused = |book: &mut EvaluationBook, members: Vec<AccountId>, deadline: u64, expected: Error| {
        assert_eq!(book.appoint(TENDER, members, deadline), Err(expected));
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
    refused(&mut book, vec![evaluator(0), evaluator(1), outsider], NOW + DAY, Error::MissingRole { role: Role::Evaluator, account: outsider });
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
    world::set_tender(TENDER, TenderSummary { open: true, reveal_deadline: NOW + 1, method: Method::LowestPrice, revealed: 2 });
    refused(&mut book, committee(), NOW + DAY, Error::RevealStillOpen);
    world::set_tender(TENDER, TenderSummary { open: false, reveal_deadline: NOW - 1, method: Method::LowestPrice, revealed: 2 });
    refused(&mut book, committee(), NOW + DAY, Error::TenderNotOpen);
}

fn refused_on(book: &mut EvaluationBook, tender: TenderId, expected: Error) {
    assert_eq!(book.appoint(tender, committee(), NOW + DAY), Err(expected));
    assert_eq!(book.evaluation(tender), None);
}

#[ink::test]
fn a_tender_without_valid_bids_cannot_be_evaluated_and_one_committee_per_tender() {
    let mut book = setup(Method::LowestPrice, &[0, 0]);
    as_caller(officer());
    assert_eq!(book.appoint(TENDER, committee(), NOW + DAY), Err(Error::NoValidBids));
    world::reveal(TENDER, vendor(3), 500, true);
    book.appoint(TENDER, committee(), NOW + DAY).unwrap();
    assert_eq!(book.appoint(TENDER, committee(), NOW + DAY), Err(Error::AlreadyAppointed));
}

#[ink::test]
fn declarations_and_a_recused_member_replaced() {
    let mut book = appointed(weighted(), &[900, 800]);
    as_caller(vendor(0));
    assert_eq!(book.declare(TENDER, hash(1), false), Err(Error::NotMember));
    as_caller(evaluator(0));
    book.declare(TENDER, hash(1), false).unwrap();
    let ev = last_event::<Declared>();
    assert_eq!((ev.member, ev.declaration, ev.conflict), (evaluator(0), hash(1), false));
    assert_eq!(book.declare(TENDER, hash(1), false), Err(Error::AlreadyDeclared));
    as_caller(evaluator(1));
    book.declare(TENDER, hash(2), true).unwrap();
    assert!(last_event::<Declared>().conflict);
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
    book.replace(TENDER, evaluator(1), evaluator(4)).unwrap();
    let ev = last_event::<MemberReplaced>();
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
    let ev = last_event::<Scored>();
    assert_eq!((ev.member, ev.bid, ev.quality, ev.previous), (evaluator(0), 0, 70, None));
    book.score(TENDER, 0, 80).unwrap();
    assert_eq!(last_event::<Scored>().previous, Some(70));
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
        book.declare(TENDER, hash(0xDE), false).unwrap();
    }
    as_caller(vendor(0));
    // Ties on the price go to the earlier reveal: bid 1 before bid 3.
    assert_eq!(book.finalize(TENDER), Ok(Some(1)));
    let ranking: Vec<u32> = book.ranking(TENDER).unwrap().iter().map(|(i, _)| *i).collect();
    assert_eq!(ranking, vec![1, 3, 2, 0]);
    assert_eq!(book.evaluation(TENDER).unwrap().stage, Stage::Ranked { first: Some(1) });
    let ev = last_event::<Ranked>();
    assert_eq!((ev.tender, ev.ranking.len(), ev.by), (TENDER, 4, vendor(0)));
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
    book.appoint(TENDER, (0..4).map(evaluator).collect(), NOW + 5 * DAY).unwrap();
    for m in 0..3 {
        as_caller(evaluator(m));
        book.declare(TENDER, hash(0xDE), false).unwrap();
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
    assert_eq!(book.appoint(TENDER, committee(), NOW + DAY), Err(Error::RegistryUnavailable));
    assert_eq!((book.evaluation(TENDER), event_count()), (None, 0));
}
