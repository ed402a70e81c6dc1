//! Unit tests of the tender book in ink!'s off-chain environment.
//!
//! The off-chain environment cannot call other contracts, so the registry's
//! and the budget's answers come from the test kit's stand-ins (see
//! `calls.rs`); the real cross-contract paths are tested with drink in
//! `e2e-tests/tests/tender.rs`.

use crate::rules::{MIN_BIDDING_WINDOW_MS, MIN_REVEAL_WINDOW_MS};
use crate::tender::*;
use crate::*;
use ink::primitives::{AccountId, Hash};
use procurement_shared::ports::TreasuryPort;
use procurement_shared::tendering::{BondSettlement, Funding};
use procurement_shared::{bid_commitment, Role, TenderId};
use test_kit::env::{
    accounts, as_caller, balance_of, contract, event_count, install_contract, last_event, set_balance, set_now, with_value,
};
use test_kit::world::{self, grant};
use test_kit::Rng;

use procurement_shared::DAY_MS as DAY;

/// The change the last event records, as its own type: a change of the
/// tender itself (`TenderPublished`, ...).
fn last_tender_change<T: TryFrom<TenderChange>>() -> T {
    T::try_from(last_event::<TenderEvent>().change).ok().expect("the last event records the expected change")
}

/// The change the last event records, as its own type: a change of a bid
/// (`BidCommitted`, ...).
fn last_bid_change<T: TryFrom<BidChange>>() -> T {
    T::try_from(last_event::<BidEvent>().change).ok().expect("the last event records the expected change")
}
const NOW: u64 = 1_000 * DAY;
const SUBMISSION: u64 = NOW + 10 * DAY;
const REVEAL: u64 = SUBMISSION + 2 * DAY;
const BOND: u128 = 5_000_000;
const ESTIMATE: u128 = 1_000_000_000;

fn hash(byte: u8) -> Hash {
    Hash::from([byte; 32])
}

fn setup() -> TenderBook {
    let a = accounts();
    world::reset();
    world::set_cancel_refusal(&budget::Error::ReservationNotActive);
    grant(Role::ProcurementOfficer, a.alice);
    for v in [a.bob, a.charlie, a.django, a.eve] {
        grant(Role::Vendor, v);
    }
    grant(Role::Evaluator, a.eve);
    set_now(NOW);
    as_caller(a.alice);
    install_contract();
    let book = TenderBook::new(AccountId::from([0xAC; 32]), AccountId::from([0xB0; 32]));
    for v in [a.bob, a.charlie, a.django, a.eve, a.frank] {
        set_balance(v, 1_000_000_000_000);
    }
    book
}

fn params() -> TenderParams {
    TenderParams {
        line: 3,
        estimate: ESTIMATE,
        dossier: hash(0xD0),
        bond: BOND,
        submission_deadline: SUBMISSION,
        reveal_deadline: REVEAL,
        method: Method::LowestPrice,
        standstill_ms: 10 * DAY,
        milestones: vec![
            Milestone { share_bps: 3_000, due_offset_ms: 30 * DAY, description: hash(1) },
            Milestone { share_bps: 7_000, due_offset_ms: 90 * DAY, description: hash(2) },
        ],
    }
}

fn published() -> (TenderBook, TenderId) {
    let mut book = setup();
    as_caller(accounts().alice);
    let id = book.publish(params()).unwrap();
    (book, id)
}

fn commitment(tender: TenderId, bidder: AccountId, price: u128, salt: u8) -> Hash {
    Hash::from(bid_commitment(tender, bidder.as_ref(), price, &[0x50; 32], &[salt; 32]))
}

/// `bidder` commits (price, salt) with `value` attached.
fn commit(book: &mut TenderBook, tender: TenderId, bidder: AccountId, price: u128, salt: u8, value: u128) -> Result<()> {
    as_caller(bidder);
    with_value(value, || book.commit_bid(tender, commitment(tender, bidder, price, salt)))
}

fn reveal(book: &mut TenderBook, tender: TenderId, bidder: AccountId, price: u128, salt: u8) -> Result<()> {
    as_caller(bidder);
    book.reveal_bid(tender, price, hash(0x50), hash(salt))
}

/// Bonds on the books equal the contract's balance, after every step.
fn assert_bonds(book: &TenderBook) {
    let (held, balance) = book.bond_totals();
    assert_eq!(held, balance, "bonds held vs balance");
    let per_tender: u128 = (0..book.tender_count()).map(|id| book.tender(id).unwrap().bonds_held).sum();
    assert_eq!(per_tender, held);
}

// ------------------------------------------------------------- publication

#[ink::test]
fn publish_reserves_the_estimate_and_records_the_tender() {
    let (book, id) = published();
    let t = book.tender(id).unwrap();
    assert_eq!((t.officer, t.line, t.estimate, t.bond, t.status), (accounts().alice, 3, ESTIMATE, BOND, TenderStatus::Open));
    assert_eq!(book.milestones(id).len(), 2);
    assert_eq!(book.phase(id), Some(Phase::Bidding));
    assert_eq!(world::reservations(), vec![world::StandInReservation { id: 0, line: 3, amount: ESTIMATE, tender: id, active: true }]);
    let ev = last_tender_change::<TenderPublished>();
    assert_eq!((ev.tender, ev.reservation, ev.estimate, ev.submission_deadline), (id, t.reservation, ESTIMATE, SUBMISSION));
    // The event alone tells a reader how bids will be compared and how the
    // agreement will pay, without reading the contract's storage.
    assert_eq!((ev.method, ev.standstill_ms, ev.milestones), (t.method, t.standstill_ms, book.milestones(id)));
    assert_eq!(last_event::<TenderEvent>().tender, id, "the tender is the topic");
    assert_eq!(book.tender_count(), 1);
}

#[ink::test]
fn publish_refusals_publish_nothing() {
    let mut book = setup();
    let a = accounts();
    as_caller(a.bob);
    assert_eq!(book.publish(params()), Err(Error::MissingRole { role: Role::ProcurementOfficer, account: a.bob }));
    as_caller(a.alice);
    assert_eq!(book.publish(TenderParams { estimate: 0, ..params() }), Err(Error::ZeroAmount));
    assert_eq!(book.publish(TenderParams { bond: 0, ..params() }), Err(Error::ZeroAmount));
    assert_eq!(
        book.publish(TenderParams { submission_deadline: NOW + MIN_BIDDING_WINDOW_MS - 1, ..params() }),
        Err(Error::InvalidDeadlines)
    );
    assert_eq!(
        book.publish(TenderParams { reveal_deadline: SUBMISSION + MIN_REVEAL_WINDOW_MS - 1, ..params() }),
        Err(Error::InvalidDeadlines)
    );
    assert_eq!(book.publish(TenderParams { submission_deadline: NOW - 1, ..params() }), Err(Error::InvalidDeadlines));
    let bad_weights = Method::Weighted { price_weight: 50, quality_weight: 40, min_quality: 60 };
    assert_eq!(book.publish(TenderParams { method: bad_weights, ..params() }), Err(Error::InvalidMethod));
    assert_eq!(book.publish(TenderParams { standstill_ms: 0, ..params() }), Err(Error::InvalidStandstill));
    assert_eq!(book.publish(TenderParams { milestones: vec![], ..params() }), Err(Error::InvalidMilestones));
    world::refuse_next_reserve(&budget::Error::InsufficientAvailable { requested: ESTIMATE, available: 10 });
    assert_eq!(
        book.publish(params()),
        Err(Error::Budget(budget::Error::InsufficientAvailable { requested: ESTIMATE, available: 10 }.into()))
    );
    world::set_treasury_down(true);
    assert_eq!(book.publish(params()), Err(Error::BudgetUnavailable));
    world::set_treasury_down(false);
    world::set_paused(true);
    assert_eq!(book.publish(params()), Err(Error::Paused));
    world::set_registry_down(true);
    assert_eq!(book.publish(params()), Err(Error::RegistryUnavailable));
    assert_eq!(book.tender_count(), 0);
    assert!(world::reservations().is_empty());
}

#[ink::test]
fn weighted_method_is_accepted_and_kept() {
    let mut book = setup();
    as_caller(accounts().alice);
    let method = Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 };
    let id = book.publish(TenderParams { method, ..params() }).unwrap();
    assert_eq!(book.tender(id).unwrap().method, method);
}

// --------------------------------------------------------------- bidding

#[ink::test]
fn commit_takes_exactly_the_bond() {
    let (mut book, id) = published();
    let bob = accounts().bob;
    assert_eq!(commit(&mut book, id, bob, 900, 1, BOND - 1), Err(Error::WrongBond { expected: BOND, attached: BOND - 1 }));
    assert_eq!(commit(&mut book, id, bob, 900, 1, BOND + 1), Err(Error::WrongBond { expected: BOND, attached: BOND + 1 }));
    assert_eq!(commit(&mut book, id, bob, 900, 1, 0), Err(Error::WrongBond { expected: BOND, attached: 0 }));
    assert_bonds(&book);
    let before = balance_of(bob);
    commit(&mut book, id, bob, 900, 1, BOND).unwrap();
    assert_eq!(balance_of(bob), before - BOND);
    let ev = last_bid_change::<BidCommitted>();
    assert_eq!((ev.bidder, ev.bond, ev.replaced), (bob, BOND, false));
    let event = last_event::<BidEvent>();
    assert_eq!((event.tender, event.bidder), (id, bob), "the tender and the bidder are the topics");
    let bid = book.bid(id, bob).unwrap();
    assert_eq!((bid.state, bid.bond, bid.price()), (BidState::Sealed { amendment: 0 }, BOND, None));
    let t = book.tender(id).unwrap();
    assert_eq!((t.bidders, t.bonds_held), (1, BOND));
    assert_eq!(book.bidders(id, 0, 10), vec![bob]);
    assert_bonds(&book);
}

#[ink::test]
fn only_vendors_without_staff_roles_may_bid() {
    let (mut book, id) = published();
    let a = accounts();
    assert_eq!(commit(&mut book, id, a.frank, 1, 1, BOND), Err(Error::MissingRole { role: Role::Vendor, account: a.frank }));
    assert_eq!(commit(&mut book, id, a.eve, 1, 1, BOND), Err(Error::ConflictingRole { role: Role::Evaluator }));
    world::set_paused(true);
    assert_eq!(commit(&mut book, id, a.bob, 1, 1, BOND), Err(Error::Paused));
    assert_eq!(book.tender(id).unwrap().bidders, 0);
    assert_bonds(&book);
}

#[ink::test]
fn holders_of_a_service_role_may_not_bid() {
    let (mut book, id) = published();
    let a = accounts();
    grant(Role::EscrowService, a.django);
    assert_eq!(commit(&mut book, id, a.django, 1, 1, BOND), Err(Error::ConflictingRole { role: Role::EscrowService }));
    assert_eq!(book.tender(id).unwrap().bidders, 0);
    assert_bonds(&book);
}

#[ink::test]
fn the_admin_sends_money_held_beyond_the_bonds_to_the_treasury() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    set_balance(contract(), balance_of(contract()) + 321);
    as_caller(a.frank);
    assert_eq!(book.book_surplus(), Err(Error::MissingRole { role: Role::Admin, account: a.frank }));
    grant(Role::Admin, a.frank);
    world::set_treasury_down(true);
    assert_eq!(book.book_surplus(), Err(Error::BudgetUnavailable));
    world::set_treasury_down(false);
    assert_eq!(book.book_surplus(), Ok(321));
    assert_eq!(last_event::<SurplusDeposited>().amount, 321);
    assert_eq!(world::deposited(), 321);
    assert_eq!(book.bond_totals(), (BOND, BOND), "the bonds stay");
    assert_eq!(book.book_surplus(), Err(Error::NoSurplus));
}

#[ink::test]
fn replacing_a_commitment_takes_no_second_bond() {
    let (mut book, id) = published();
    let bob = accounts().bob;
    commit(&mut book, id, bob, 900, 1, BOND).unwrap();
    assert_eq!(commit(&mut book, id, bob, 800, 2, BOND), Err(Error::WrongBond { expected: 0, attached: BOND }));
    commit(&mut book, id, bob, 800, 2, 0).unwrap();
    assert!(last_bid_change::<BidCommitted>().replaced);
    let bid = book.bid(id, bob).unwrap();
    assert_eq!((bid.commitment, bid.bond), (commitment(id, bob, 800, 2), BOND));
    let t = book.tender(id).unwrap();
    assert_eq!((t.bidders, t.bonds_held), (1, BOND));
    assert_bonds(&book);
}

#[ink::test]
fn commit_after_the_deadline_is_refused() {
    let (mut book, id) = published();
    set_now(SUBMISSION);
    assert_eq!(commit(&mut book, id, accounts().bob, 1, 1, BOND), Err(Error::SubmissionClosed));
    assert_eq!(commit(&mut book, 9, accounts().bob, 1, 1, BOND), Err(Error::TenderNotFound));
}

#[ink::test]
fn withdrawal_refunds_before_the_deadline_and_allows_a_new_bid() {
    let (mut book, id) = published();
    let bob = accounts().bob;
    commit(&mut book, id, bob, 900, 1, BOND).unwrap();
    let before = balance_of(bob);
    as_caller(bob);
    book.withdraw_bid(id).unwrap();
    assert_eq!(balance_of(bob), before + BOND);
    assert_eq!(last_bid_change::<BidWithdrawn>().refunded, BOND);
    assert_eq!(book.bid(id, bob).unwrap().state, BidState::Withdrawn);
    assert_eq!(book.withdraw_bid(id), Err(Error::NotSealed));
    assert_eq!((book.tender(id).unwrap().bidders, book.bidders(id, 0, 10)), (0, vec![]), "the slot is free");
    assert_bonds(&book);
    // A new bid after withdrawal needs the bond again and takes a slot again.
    commit(&mut book, id, bob, 700, 3, BOND).unwrap();
    let t = book.tender(id).unwrap();
    assert_eq!((t.bidders, t.bonds_held), (1, BOND));
    assert_eq!(book.bidders(id, 0, 10), vec![bob]);
    set_now(SUBMISSION);
    as_caller(bob);
    assert_eq!(book.withdraw_bid(id), Err(Error::WithdrawalClosed));
    as_caller(accounts().charlie);
    assert_eq!(book.withdraw_bid(id), Err(Error::BidNotFound));
    assert_bonds(&book);
}

#[ink::test]
fn bids_per_tender_are_bounded() {
    let (mut book, id) = published();
    for n in 0..MAX_BIDS {
        let v = test_kit::env::nth_account(n);
        grant(Role::Vendor, v);
        set_balance(v, 1_000_000_000_000);
        commit(&mut book, id, v, 1, 1, BOND).unwrap();
    }
    assert_eq!(commit(&mut book, id, accounts().bob, 1, 1, BOND), Err(Error::TooManyBids));
    assert_eq!(book.tender(id).unwrap().bidders, MAX_BIDS);
    assert_eq!(book.bidders(id, 0, 1_000).len(), MAX_PAGE_SIZE as usize);
    assert_eq!(book.bidders(id, MAX_BIDS - 3, 10).len(), 3);
    assert_bonds(&book);
    // A withdrawal frees a slot: the first bidder's place goes to the last
    // one, and a new bidder gets in.
    let first = book.bidders(id, 0, 1)[0];
    let last = book.bidders(id, MAX_BIDS - 1, 1)[0];
    as_caller(first);
    book.withdraw_bid(id).unwrap();
    assert_eq!(book.bidders(id, 0, 1), vec![last]);
    assert_eq!(book.bidders(id, MAX_BIDS - 1, 1), vec![]);
    commit(&mut book, id, accounts().bob, 1, 1, BOND).unwrap();
    assert_eq!(book.bidders(id, MAX_BIDS - 1, 1), vec![accounts().bob]);
    assert_bonds(&book);
}

// -------------------------------------------------------------- amendments

#[ink::test]
fn amendments_are_numbered_recorded_and_only_extend() {
    let (mut book, id) = published();
    let a = accounts();
    as_caller(a.bob);
    assert_eq!(
        book.amend(id, hash(0xD1), SUBMISSION + DAY, REVEAL + DAY),
        Err(Error::MissingRole { role: Role::ProcurementOfficer, account: a.bob })
    );
    as_caller(a.alice);
    assert_eq!(book.amend(id, hash(0xD1), SUBMISSION - 1, REVEAL), Err(Error::InvalidDeadlines));
    assert_eq!(book.amend(id, hash(0xD1), SUBMISSION, REVEAL - 1), Err(Error::InvalidDeadlines));
    assert_eq!(book.amend(id, hash(0xD1), SUBMISSION + DAY, REVEAL + DAY), Ok(1));
    let ev = last_tender_change::<TenderAmended>();
    assert_eq!((ev.amendment, ev.dossier, ev.submission_deadline), (1, hash(0xD1), SUBMISSION + DAY));
    let rec = book.amendment(id, 1).unwrap();
    assert_eq!((rec.dossier, rec.reveal_deadline, rec.at, rec.by), (hash(0xD1), REVEAL + DAY, NOW, a.alice));
    let t = book.tender(id).unwrap();
    assert_eq!((t.amendments, t.dossier, t.submission_deadline), (1, hash(0xD1), SUBMISSION + DAY));
    // Late in the window an amendment must leave the minimum bidding window.
    set_now(SUBMISSION);
    assert_eq!(book.amend(id, hash(0xD2), SUBMISSION + DAY, REVEAL + DAY), Err(Error::InvalidDeadlines));
    assert_eq!(
        book.amend(id, hash(0xD2), SUBMISSION + MIN_BIDDING_WINDOW_MS, SUBMISSION + MIN_BIDDING_WINDOW_MS + MIN_REVEAL_WINDOW_MS),
        Ok(2)
    );
    set_now(SUBMISSION + MIN_BIDDING_WINDOW_MS);
    assert_eq!(book.amend(id, hash(0xD3), REVEAL * 2, REVEAL * 2 + DAY), Err(Error::SubmissionClosed));
    assert_eq!(book.amendment(id, 3), None);
}

#[ink::test]
fn an_amendment_must_change_something() {
    let (mut book, id) = published();
    as_caller(accounts().alice);
    assert_eq!(book.amend(id, hash(0xD0), SUBMISSION, REVEAL), Err(Error::NothingAmended));
    assert_eq!(book.tender(id).unwrap().amendments, 0);
    // A new dossier alone, or a later deadline alone, is an amendment.
    assert_eq!(book.amend(id, hash(0xD1), SUBMISSION, REVEAL), Ok(1));
    assert_eq!(book.amend(id, hash(0xD1), SUBMISSION, REVEAL + DAY), Ok(2));
}

#[ink::test]
fn no_bid_leaves_after_the_submission_deadline_even_after_an_amendment() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    as_caller(a.alice);
    book.amend(id, hash(0xD1), SUBMISSION + DAY, REVEAL + DAY).unwrap();
    // Until the new deadline bob may still leave (or replace his bid)...
    set_now(SUBMISSION);
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    assert_eq!(book.bid(id, a.charlie).unwrap().state, BidState::Sealed { amendment: 1 });
    assert_eq!(book.bid(id, a.bob).unwrap().state, BidState::Sealed { amendment: 0 });
    // ...but not once prices can be seen.
    set_now(SUBMISSION + DAY);
    reveal(&mut book, id, a.charlie, 800, 2).unwrap();
    as_caller(a.bob);
    assert_eq!(book.withdraw_bid(id), Err(Error::WithdrawalClosed));
    assert_eq!(book.bid(id, a.bob).unwrap().bond, BOND);
    assert_bonds(&book);
}

// ----------------------------------------------------------------- reveal

#[ink::test]
fn reveal_opens_the_bid_between_the_deadlines() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900_000_000, 1, BOND).unwrap();
    assert_eq!(reveal(&mut book, id, a.bob, 900_000_000, 1), Err(Error::RevealNotOpen));
    set_now(SUBMISSION);
    assert_eq!(book.phase(id), Some(Phase::Revealing));
    reveal(&mut book, id, a.bob, 900_000_000, 1).unwrap();
    let ev = last_bid_change::<BidRevealed>();
    assert_eq!((ev.bidder, ev.price, ev.proposal, ev.valid), (a.bob, 900_000_000, hash(0x50), true));
    let bid = book.bid(id, a.bob).unwrap();
    assert_eq!(bid.state, BidState::Revealed { price: 900_000_000, proposal: hash(0x50), index: 0, valid: true });
    assert_eq!(reveal(&mut book, id, a.bob, 900_000_000, 1), Err(Error::NotSealed));
    assert_eq!(book.revealed_bids(id, 0, 10), vec![RevealedBid { bidder: a.bob, price: 900_000_000, proposal: hash(0x50), valid: true }]);
    assert_eq!(book.tender(id).unwrap().revealed, 1);
}

#[ink::test]
fn wrong_reveals_are_refused() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    set_now(SUBMISSION);
    assert_eq!(reveal(&mut book, id, a.bob, 900, 9), Err(Error::CommitmentMismatch), "wrong salt");
    assert_eq!(reveal(&mut book, id, a.bob, 901, 1), Err(Error::CommitmentMismatch), "wrong price");
    as_caller(a.bob);
    assert_eq!(book.reveal_bid(id, 900, hash(0x51), hash(1)), Err(Error::CommitmentMismatch), "wrong proposal");
    // charlie revealing bob's values: bound to bob's account, not charlie's.
    assert_eq!(reveal(&mut book, id, a.charlie, 900, 1), Err(Error::CommitmentMismatch), "wrong bidder");
    assert_eq!(reveal(&mut book, id, a.django, 900, 1), Err(Error::BidNotFound));
    set_now(REVEAL);
    assert_eq!(reveal(&mut book, id, a.bob, 900, 1), Err(Error::RevealClosed));
    assert_eq!(book.tender(id).unwrap().revealed, 0);
}

#[ink::test]
fn price_above_estimate_is_recorded_invalid() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, ESTIMATE + 1, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 0, 2, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.bob, ESTIMATE + 1, 1).unwrap();
    assert!(!last_bid_change::<BidRevealed>().valid);
    reveal(&mut book, id, a.charlie, 0, 2).unwrap();
    assert!(matches!(book.bid(id, a.bob).unwrap().state, BidState::Revealed { valid: false, .. }));
    assert!(book.revealed_bids(id, 0, 10).iter().all(|b| !b.valid));
    // Its bond still comes back.
    set_now(REVEAL);
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    assert_bonds(&book);
}

// -------------------------------------------------------- bonds afterwards

#[ink::test]
fn a_valid_bids_bond_is_bid_security_until_the_award_or_the_validity_ends() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, ESTIMATE + 1, 2, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.bob, 900, 1).unwrap();
    reveal(&mut book, id, a.charlie, ESTIMATE + 1, 2).unwrap();
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable), "not before the reveal deadline");
    set_now(REVEAL);
    // A bid over the estimate cannot win: its bond comes back at once.
    as_caller(a.charlie);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    // A valid bid may still be awarded: its bond stays until the award (to
    // someone else) or the end of the bid validity period.
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable));
    set_now(REVEAL + rules::BID_VALIDITY_MS - 1);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable));
    set_now(REVEAL + rules::BID_VALIDITY_MS);
    let before = balance_of(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    assert_eq!(balance_of(a.bob), before + BOND);
    assert_eq!(last_bid_change::<BondClaimed>().amount, BOND);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable), "never twice");
    as_caller(a.django);
    assert_eq!(book.claim_bond(id), Err(Error::BidNotFound));
    assert_bonds(&book);
}

#[ink::test]
fn unrevealed_bonds_are_forfeited_to_the_treasury_once() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.charlie, 800, 2).unwrap();
    as_caller(a.frank);
    assert_eq!(book.forfeit_bond(id, a.bob), Err(Error::RevealStillOpen));
    set_now(REVEAL);
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable), "an unrevealed bid cannot claim");
    as_caller(a.frank);
    world::set_treasury_down(true);
    assert_eq!(book.forfeit_bond(id, a.bob), Err(Error::BudgetUnavailable));
    assert_eq!(book.bid(id, a.bob).unwrap().bond, BOND);
    world::set_treasury_down(false);
    assert_eq!(book.forfeit_bond(id, a.bob), Ok(BOND));
    assert_eq!(world::deposited(), BOND);
    let ev = last_bid_change::<BondForfeited>();
    assert_eq!((ev.bidder, ev.amount, ev.by), (a.bob, BOND, a.frank));
    assert_eq!(book.bid(id, a.bob).unwrap().state, BidState::Forfeited);
    assert_eq!(book.forfeit_bond(id, a.bob), Err(Error::NotSealed));
    assert_eq!(book.forfeit_bond(id, a.charlie), Err(Error::NotSealed), "revealed bids keep their bond");
    assert_eq!(book.forfeit_bond(id, a.django), Err(Error::BidNotFound));
    assert_bonds(&book);
}

// ------------------------------------------------------------ cancellation

#[ink::test]
fn cancellation_frees_the_reservation_and_every_bond() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.charlie, 800, 2).unwrap();
    as_caller(a.bob);
    assert_eq!(book.cancel(id), Err(Error::MissingRole { role: Role::ProcurementOfficer, account: a.bob }));
    as_caller(a.alice);
    book.cancel(id).unwrap();
    assert_eq!(last_tender_change::<TenderCancelled>().estimate, ESTIMATE);
    assert!(!world::reservations()[0].active, "reservation freed");
    assert_eq!(book.phase(id), Some(Phase::Cancelled));
    assert_eq!(book.tender(id).unwrap().status, TenderStatus::Cancelled);
    assert_eq!(book.cancel(id), Err(Error::TenderCancelled));
    // Sealed and revealed bonds alike come back at once; nothing is forfeited.
    as_caller(a.frank);
    assert_eq!(book.forfeit_bond(id, a.bob), Err(Error::TenderCancelled));
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    as_caller(a.charlie);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable));
    assert_eq!(commit(&mut book, id, a.django, 1, 1, BOND), Err(Error::TenderCancelled));
    assert_bonds(&book);
    assert_eq!(book.bond_totals(), (0, 0));
}

#[ink::test]
fn cancellation_needs_the_budget_to_agree() {
    let (mut book, id) = published();
    world::set_treasury_down(true);
    as_caller(accounts().alice);
    let before = event_count();
    assert_eq!(book.cancel(id), Err(Error::BudgetUnavailable));
    assert_eq!(book.tender(id).unwrap().status, TenderStatus::Open);
    assert_eq!(event_count(), before);
}

#[ink::test]
fn paused_suite_still_lets_bidders_out() {
    let (mut book, id) = published();
    let a = accounts();
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    world::set_paused(true);
    as_caller(a.bob);
    book.withdraw_bid(id).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.charlie, 800, 2).unwrap();
    set_now(REVEAL + rules::BID_VALIDITY_MS);
    as_caller(a.charlie);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    assert_bonds(&book);
}

// ------------------------------------------------------ random sequences

/// Random bidding across three tenders by four vendors (and an officer who
/// amends and cancels), refused or not: after every step the bonds on the
/// books equal the contract's balance, and no unit appears or vanishes
/// between vendors, the contract and the treasury.
#[ink::test]
fn random_bidding_conserves_every_bond() {
    let mut book = setup();
    let a = accounts();
    let vendors = [a.bob, a.charlie, a.django, a.frank];
    grant(Role::Vendor, a.frank);
    let total = || -> u128 { vendors.iter().map(|v| balance_of(*v)).sum::<u128>() + balance_of(contract()) + world::deposited() };
    // The price each vendor last committed on each tender, as its wallet
    // would remember it.
    let mut committed = std::collections::HashMap::new();
    as_caller(a.alice);
    for _ in 0..3 {
        book.publish(params()).unwrap();
    }
    let start = total();
    let mut rng = Rng::new(0xD1B5_4A32_D192_ED03);
    let mut now = NOW;
    let (mut revealed, mut forfeited, mut claimed) = (0u32, 0u32, 0u32);
    for step in 0..3_000u32 {
        // One of the three newest tenders.
        let id = book.tender_count().saturating_sub(1 + rng.below(3) as TenderId);
        let n = rng.below(4) as usize;
        let v = vendors[n];
        let price = 1 + rng.below(3) as u128 * 400_000_000;
        let salt = n as u8;
        match rng.below(10) {
            0 | 1 => {
                let value = if rng.below(3) == 0 { 0 } else { BOND };
                if commit(&mut book, id, v, price, salt, value).is_ok() {
                    committed.insert((id, n), price);
                }
            }
            2 => {
                as_caller(v);
                let _ = book.withdraw_bid(id);
            }
            3 | 4 => {
                // Mostly the committed price; sometimes a wrong one.
                let remembered = committed.get(&(id, n)).copied().unwrap_or(price);
                let p = if rng.below(5) == 0 { remembered + 1 } else { remembered };
                if reveal(&mut book, id, v, p, salt).is_ok() {
                    revealed += 1;
                }
            }
            5 => {
                as_caller(v);
                if book.claim_bond(id).is_ok() {
                    claimed += 1;
                }
            }
            6 => {
                as_caller(a.eve);
                if book.forfeit_bond(id, v).is_ok() {
                    forfeited += 1;
                }
            }
            7 => {
                as_caller(a.alice);
                match rng.below(20) {
                    0 => {
                        let _ = book.cancel(id);
                    }
                    1..=3 => {
                        let t = book.tender(id).unwrap();
                        let _ = book.amend(id, hash(step as u8), t.submission_deadline + DAY, t.reveal_deadline + DAY);
                    }
                    _ => {}
                }
            }
            8 => {
                now += rng.below(4) * (DAY / 4);
                set_now(now);
            }
            _ => {
                // A new round of tenders once the old ones are over.
                if book.phase(id) == Some(Phase::Evaluation) || book.phase(id) == Some(Phase::Cancelled) {
                    as_caller(a.alice);
                    let p = TenderParams { submission_deadline: now + 10 * DAY, reveal_deadline: now + 12 * DAY, ..params() };
                    set_now(now);
                    let _ = book.publish(p);
                }
            }
        }
        assert_bonds(&book);
        assert_eq!(total(), start, "step {step}: a bond appeared or vanished");
    }
    // Settle everything: past every deadline, each bond is either claimed
    // by its bidder or forfeited by anyone. Nothing stays stuck.
    set_now(now + 400 * DAY);
    for id in 0..book.tender_count() {
        for v in vendors {
            as_caller(v);
            if book.claim_bond(id).is_ok() {
                claimed += 1;
            }
            as_caller(a.eve);
            if book.forfeit_bond(id, v).is_ok() {
                forfeited += 1;
            }
        }
        assert_eq!(book.tender(id).unwrap().bonds_held, 0, "tender {id} still holds bonds");
    }
    assert_eq!(book.bond_totals(), (0, 0));
    assert_eq!(total(), start);
    assert!(book.tender_count() > 5 && revealed > 10 && claimed > 10 && forfeited > 3, "{revealed} {claimed} {forfeited}");
}

// --------------------------------------------------------------- the award

/// Bob (900) and Charlie (800) revealed valid bids, Django a price above
/// the estimate; the reveal deadline has passed. Frank holds
/// `EvaluationService`, as the evaluation contract will.
fn revealed() -> (TenderBook, TenderId) {
    let (mut book, id) = published();
    let a = accounts();
    grant(Role::EvaluationService, a.frank);
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    commit(&mut book, id, a.django, ESTIMATE + 1, 3, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.bob, 900, 1).unwrap();
    reveal(&mut book, id, a.charlie, 800, 2).unwrap();
    reveal(&mut book, id, a.django, ESTIMATE + 1, 3).unwrap();
    set_now(REVEAL);
    (book, id)
}

#[ink::test]
fn the_winners_bond_is_held_after_the_award_until_the_evaluation_service_settles_it() {
    let (mut book, id) = revealed();
    let a = accounts();
    as_caller(a.frank);
    book.award(id, a.charlie, Funding::Held).unwrap();
    let ev = last_bid_change::<TenderAwarded>();
    assert_eq!((ev.tender, ev.winner, ev.price, ev.bond, ev.by), (id, a.charlie, 800, BOND, a.frank));
    assert_eq!(book.tender(id).unwrap().status, TenderStatus::Awarded { winner: a.charlie });
    assert_eq!(book.phase(id), Some(Phase::Awarded));
    // The other bidders claim as before; the winner cannot.
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    as_caller(a.charlie);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable));
    // The officer can no longer cancel.
    as_caller(a.alice);
    assert_eq!(book.cancel(id), Err(Error::TenderAwarded));
    assert_bonds(&book);
    // The agreement was signed: the bond goes back to the winner.
    as_caller(a.frank);
    let before = balance_of(a.charlie);
    assert_eq!(book.settle_winner_bond(id, BondSettlement::Return), Ok(BOND));
    assert_eq!(balance_of(a.charlie), before + BOND);
    let ev = last_bid_change::<WinnerBondSettled>();
    assert_eq!((ev.winner, ev.amount, ev.settlement, ev.by), (a.charlie, BOND, BondSettlement::Return, a.frank));
    assert_eq!(book.settle_winner_bond(id, BondSettlement::Return), Err(Error::BondNotClaimable), "once");
    assert_eq!(world::deposited(), 0);
    assert_bonds(&book);
}

#[ink::test]
fn a_lapsed_winner_forfeits_the_bond_and_the_next_bid_may_be_awarded() {
    let (mut book, id) = revealed();
    let a = accounts();
    as_caller(a.frank);
    book.award(id, a.charlie, Funding::Held).unwrap();
    assert_eq!(book.award(id, a.bob, Funding::Held), Err(Error::WinnerBondHeld), "settle the winner's bond first");
    assert_eq!(book.close_unsuccessful(id), Err(Error::WinnerBondHeld));
    assert_eq!(book.settle_winner_bond(id, BondSettlement::Forfeit), Ok(BOND));
    assert_eq!(world::deposited(), BOND, "forfeited into the treasury");
    assert_eq!(last_bid_change::<WinnerBondSettled>().settlement, BondSettlement::Forfeit);
    assert_eq!(book.award(id, a.charlie, Funding::Held), Err(Error::NotAwardable), "not the winner who let it lapse");
    book.award(id, a.bob, Funding::Held).unwrap();
    let ev = last_bid_change::<TenderAwarded>();
    assert_eq!((ev.bond, ev.reservation), (BOND, 0), "bob's bond is held now, on the same reservation");
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Err(Error::BondNotClaimable));
    as_caller(a.frank);
    assert_eq!(book.settle_winner_bond(id, BondSettlement::Return), Ok(BOND));
    assert_bonds(&book);
}

#[ink::test]
fn award_refusals_change_nothing() {
    let (mut book, id) = published();
    let a = accounts();
    grant(Role::EvaluationService, a.frank);
    commit(&mut book, id, a.bob, 900, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 800, 2, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.bob, 900, 1).unwrap();
    as_caller(a.frank);
    assert_eq!(book.award(id, a.bob, Funding::Held), Err(Error::RevealStillOpen));
    set_now(REVEAL);
    as_caller(a.alice);
    assert_eq!(book.award(id, a.bob, Funding::Held), Err(Error::MissingRole { role: Role::EvaluationService, account: a.alice }));
    as_caller(a.frank);
    assert_eq!(book.award(id, a.charlie, Funding::Held), Err(Error::NotAwardable), "never revealed");
    assert_eq!(book.award(id, a.eve, Funding::Held), Err(Error::BidNotFound));
    assert_eq!(book.award(9, a.bob, Funding::Held), Err(Error::TenderNotFound));
    assert_eq!(book.settle_winner_bond(id, BondSettlement::Return), Err(Error::NotAwarded));
    assert_eq!((book.tender(id).unwrap().status, event_count()), (TenderStatus::Open, 4), "nothing emitted by the refusals");
    // A cancelled tender cannot be awarded or closed.
    as_caller(a.alice);
    book.cancel(id).unwrap();
    as_caller(a.frank);
    assert_eq!(book.award(id, a.bob, Funding::Held), Err(Error::TenderCancelled));
    assert_eq!(book.close_unsuccessful(id), Err(Error::TenderCancelled));
}

#[ink::test]
fn an_invalid_bid_cannot_win() {
    let (mut book, id) = revealed();
    as_caller(accounts().frank);
    assert_eq!(book.award(id, accounts().django, Funding::Held), Err(Error::NotAwardable));
}

#[ink::test]
fn a_tender_without_a_winner_closes_unsuccessful_and_frees_its_reservation() {
    let (mut book, id) = revealed();
    let a = accounts();
    as_caller(a.frank);
    book.close_unsuccessful(id).unwrap();
    let ev = last_tender_change::<TenderUnsuccessful>();
    assert_eq!((ev.tender, ev.freed, ev.by), (id, true, a.frank));
    assert!(!world::reservations()[0].active, "the reservation is freed");
    assert_eq!((book.tender(id).unwrap().status, book.phase(id)), (TenderStatus::Unsuccessful, Some(Phase::Unsuccessful)));
    assert_eq!(book.close_unsuccessful(id), Err(Error::TenderUnsuccessful));
    assert_eq!(book.award(id, a.bob, Funding::Held), Err(Error::TenderUnsuccessful));
    as_caller(a.alice);
    assert_eq!(book.cancel(id), Err(Error::TenderUnsuccessful));
    // Bonds come back as usual.
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    assert_bonds(&book);
}

#[ink::test]
fn closing_after_a_lapse_leaves_a_reservation_already_committed_alone() {
    let (mut book, id) = revealed();
    let a = accounts();
    as_caller(a.frank);
    book.award(id, a.charlie, Funding::Held).unwrap();
    book.settle_winner_bond(id, BondSettlement::Forfeit).unwrap();
    // The evaluation service had committed the reservation for the
    // agreement that lapsed: the budget no longer holds it as a reservation.
    test_kit::Treasury::<budget::Error>::cancel_reservation(AccountId::from([0xB0; 32]), 0).unwrap();
    book.close_unsuccessful(id).unwrap();
    assert!(!last_tender_change::<TenderUnsuccessful>().freed);
    assert_eq!(book.tender(id).unwrap().status, TenderStatus::Unsuccessful);
    assert_bonds(&book);
}

#[ink::test]
fn an_award_after_a_lapsed_agreement_reserves_the_estimate_again() {
    let (mut book, id) = revealed();
    let a = accounts();
    as_caller(a.frank);
    assert_eq!(book.award(id, a.charlie, Funding::Renew), Err(Error::NotAwardable), "a first award draws on the tender's reservation");
    book.award(id, a.charlie, Funding::Held).unwrap();
    book.settle_winner_bond(id, BondSettlement::Forfeit).unwrap();
    world::refuse_next_reserve(&budget::Error::LineClosed);
    assert_eq!(book.award(id, a.bob, Funding::Renew), Err(Error::Budget(budget::Error::LineClosed.into())));
    book.award(id, a.bob, Funding::Renew).unwrap();
    let r = world::reservations()[1];
    // The whole estimate, not bob's 900: a protest may yet move the award to
    // a dearer valid bid, and the reservation must cover whichever it is.
    assert_eq!((r.id, r.amount, r.tender, r.active), (1, ESTIMATE, id, true), "the estimate, reserved on the tender's line");
    assert_eq!(book.tender(id).unwrap().reservation, 1);
    assert_eq!(last_bid_change::<TenderAwarded>().reservation, 1);
}

#[ink::test]
fn a_bidder_who_took_its_bond_back_withdrew_its_offer() {
    let (mut book, id) = revealed();
    let a = accounts();
    as_caller(a.frank);
    book.award(id, a.charlie, Funding::Held).unwrap();
    // Bob lost, so may take its bond back: that withdraws its offer.
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    as_caller(a.frank);
    book.settle_winner_bond(id, BondSettlement::Forfeit).unwrap();
    let before = (book.tender(id).unwrap(), event_count());
    assert_eq!(book.award(id, a.bob, Funding::Renew), Err(Error::BidSecurityWithdrawn));
    assert_eq!((book.tender(id).unwrap(), event_count()), before, "nothing changed");
    assert_eq!(world::reservations().len(), 1, "nothing reserved for it");
    book.close_unsuccessful(id).unwrap();
    assert_bonds(&book);
}

#[ink::test]
fn a_price_too_small_for_the_plan_is_recorded_invalid() {
    // The plan is 30 % / 70 %: below 4 units the first milestone would be 0.
    let (mut book, id) = published();
    assert_eq!(book.tender(id).unwrap().min_price, 4);
    let a = accounts();
    commit(&mut book, id, a.bob, 3, 1, BOND).unwrap();
    commit(&mut book, id, a.charlie, 4, 2, BOND).unwrap();
    set_now(SUBMISSION);
    reveal(&mut book, id, a.bob, 3, 1).unwrap();
    assert!(!last_bid_change::<BidRevealed>().valid);
    reveal(&mut book, id, a.charlie, 4, 2).unwrap();
    assert!(last_bid_change::<BidRevealed>().valid);
    // The invalid bid gets its bond back at once and can never be awarded.
    set_now(REVEAL);
    as_caller(a.bob);
    assert_eq!(book.claim_bond(id), Ok(BOND));
    assert_bonds(&book);
}

#[ink::test]
fn a_plan_that_could_never_become_an_agreement_is_refused_at_publication() {
    let (mut book, _) = published();
    let plan = |first_due: u64| {
        vec![
            Milestone { share_bps: 4_000, due_offset_ms: first_due, description: hash(1) },
            Milestone { share_bps: 6_000, due_offset_ms: first_due + 30 * DAY, description: hash(2) },
        ]
    };
    let count = book.tender_count();
    as_caller(accounts().alice);
    // Due at the conclusion: the winner would have no time to sign.
    assert_eq!(book.publish(TenderParams { milestones: plan(0), ..params() }), Err(Error::InvalidMilestones));
    // Due beyond ten years: the offer's dates could overflow.
    let far = procurement_shared::contracting::MAX_DUE_OFFSET_MS;
    assert_eq!(book.publish(TenderParams { milestones: plan(far), ..params() }), Err(Error::InvalidMilestones));
    // An estimate below the lowest price the plan can hold: no bid could be valid.
    assert_eq!(book.publish(TenderParams { estimate: 2, milestones: plan(DAY), ..params() }), Err(Error::InvalidMilestones));
    assert_eq!(book.tender_count(), count);
    assert_eq!(book.publish(TenderParams { estimate: 3, milestones: plan(DAY), ..params() }), Ok(count));
}
