//! drink tests of sealed bidding with the real registry and treasury: the
//! tender contract reserves on the budget, checks roles on the registry and
//! sends forfeited bonds to the treasury, all across contracts. Funds are
//! checked after every step: the budget's books and the tender's bonds each
//! match what the chain holds for the contract. An account, `evaluation-svc`,
//! is linked in place of the evaluation contract (the registry gives it
//! `EvaluationService`), so the award side is driven directly.

use budget::Totals;
use deploy::contracts::Tenders;
use deploy::fixtures::sealed;
use deploy::suite::Suite;
use drink::AccountId32;
use e2e_tests::assert_conserved;
use e2e_tests::chain::{self, answer, ink_id, Session};
use ink::primitives::Hash;
use procurement_shared::tendering::{BondSettlement, Funding};
use procurement_shared::{Peers, Role, SealedBid};
use tender::tender::{
    BidCommitted, BidRevealed, BidWithdrawn, BondClaimed, BondForfeited, TenderAmended, TenderAwarded, TenderCancelled, TenderPublished,
    TenderUnsuccessful, WinnerBondSettled,
};
use tender::TenderStatus;
use tender::{Bid, BidState, Error, Method, Milestone, Phase, RevealedBid, Tender, TenderParams};

use procurement_shared::DAY_MS as DAY;
const NOW: u64 = 1_800_000_000_000;
const SUBMISSION: u64 = NOW + 14 * DAY;
const REVEAL: u64 = SUBMISSION + 3 * DAY;
const BOND: u128 = 50_000;
const ESTIMATE: u128 = 1_000_000;

const CONFIG: &str = r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Evaluator = ["evaluator-1"]
Treasurer = ["treasurer-1"]
Vendor = ["vendor-a", "vendor-b", "vendor-c", "vendor-d"]
"#;

fn acct(name: &str) -> AccountId32 {
    chain::dev_account(name)
}

struct T {
    s: Session,
    suite: Suite,
    line: u32,
}

impl T {
    /// Suite deployed, 5 000 000 deposited, a line of 3 000 000 opened.
    fn new() -> T {
        let svc = ink_id(&acct("evaluation-svc"));
        let peers = |suite: &Suite| Peers { evaluation: svc, ..suite.peers() };
        let (mut s, suite, line) = e2e_tests::funded_suite(CONFIG, peers, NOW, 365, 5_000_000, 3_000_000);
        chain::endowed(&mut s, "evaluation-svc");
        T { s, suite, line }
    }

    fn params(&self, estimate: u128) -> TenderParams {
        TenderParams {
            line: self.line,
            estimate,
            dossier: Hash::from([0xD0; 32]),
            bond: BOND,
            submission_deadline: SUBMISSION,
            reveal_deadline: REVEAL,
            method: Method::LowestPrice,
            standstill_ms: 10 * DAY,
            milestones: vec![
                Milestone { share_bps: 4_000, due_offset_ms: 30 * DAY, description: Hash::from([1; 32]) },
                Milestone { share_bps: 6_000, due_offset_ms: 90 * DAY, description: Hash::from([2; 32]) },
            ],
        }
    }

    fn tenders(&self) -> Tenders {
        self.suite.tenders()
    }

    /// The changes of kind `T` the tender book recorded in the last call.
    fn events<T: chain::Kind>(&self) -> Vec<T> {
        chain::recorded::<T>(&self.s, self.suite.address("tender"))
    }

    fn publish(&mut self) -> u32 {
        let p = self.params(ESTIMATE);
        self.publish_with(&p).unwrap()
    }

    fn publish_with(&mut self, params: &TenderParams) -> Result<u32, Error> {
        answer(self.tenders().publish(&mut self.s, &acct("officer"), params))
    }

    fn commit(&mut self, id: u32, who: &str, bid: &SealedBid, value: u128) -> Result<(), Error> {
        let bidder = acct(who);
        answer(self.tenders().commit_sealed(&mut self.s, &bidder, id, bid, value))
    }

    fn reveal(&mut self, id: u32, who: &str, bid: &SealedBid) -> Result<(), Error> {
        answer(self.tenders().reveal_sealed(&mut self.s, &acct(who), id, bid))
    }

    fn withdraw(&mut self, id: u32, who: &str) -> Result<(), Error> {
        answer(self.tenders().withdraw_bid(&mut self.s, &acct(who), id))
    }

    fn claim(&mut self, id: u32, who: &str) -> Result<u128, Error> {
        answer(self.tenders().claim_bond(&mut self.s, &acct(who), id))
    }

    fn forfeit(&mut self, id: u32, by: &AccountId32, bidder: &str) -> Result<u128, Error> {
        answer(self.tenders().forfeit_bond(&mut self.s, by, id, &acct(bidder)))
    }

    fn cancel(&mut self, id: u32, who: &str) -> Result<(), Error> {
        answer(self.tenders().cancel(&mut self.s, &acct(who), id))
    }

    fn amend(&mut self, id: u32, dossier: u8, submission: u64, reveal: u64) -> Result<u32, Error> {
        answer(self.tenders().amend(&mut self.s, &acct("officer"), id, &[dossier; 32], submission, reveal))
    }

    fn book_surplus(&mut self, who: &AccountId32) -> Result<u128, Error> {
        answer(self.tenders().book_surplus(&mut self.s, who))
    }

    /// Bonds on the tender's books and its spendable balance.
    fn bonds(&mut self) -> (u128, u128) {
        self.tenders().bond_totals(&mut self.s).unwrap()
    }

    fn tender(&mut self, id: u32) -> Tender {
        self.tenders().tender(&mut self.s, id).unwrap().expect("tender exists")
    }

    fn bid(&mut self, id: u32, who: &str) -> Bid {
        self.tenders().bid(&mut self.s, id, &acct(who)).unwrap().expect("bid exists")
    }

    fn at(&mut self, ms: u64) {
        chain::set_time(&mut self.s, ms);
    }

    fn balance(&mut self, who: &str) -> u128 {
        chain::balance(&mut self.s, &acct(who))
    }

    /// Checks both contracts' books against the chain; returns the budget's
    /// totals and the bonds the tender holds.
    fn conserved(&mut self) -> (Totals, u128) {
        let budget = self.suite.address("budget").clone();
        let totals = assert_conserved(&mut self.s, &budget);
        let (held, reported) = self.bonds();
        assert_eq!(held, reported, "tender bonds on the books vs its balance");
        let tender = self.suite.address("tender").clone();
        assert_eq!(chain::balance(&mut self.s, &tender), held + chain::EXISTENTIAL_DEPOSIT);
        (totals, held)
    }
}

#[test]
fn several_vendors_bid_reveal_and_settle_bonds_with_funds_conserved() {
    let mut t = T::new();
    let (before, _) = t.conserved();
    let id = t.publish();
    let ev = t.events::<TenderPublished>();
    assert_eq!((ev[0].tender, ev[0].estimate, ev[0].bond), (id, ESTIMATE, BOND));
    // The estimate is reserved on the budget line.
    let (totals, held) = t.conserved();
    assert_eq!((totals.available, totals.reserved, held), (before.available - ESTIMATE, ESTIMATE, 0));
    let res = t.suite.treasury().reservation(&mut t.s, ev[0].reservation).unwrap();
    let res = res.unwrap();
    assert_eq!((res.owner, res.tender), (ink_id(t.suite.address("tender")), id), "the budget records which procurement it holds money for");
    let reserved = chain::recorded::<budget::budget::Reserved>(&t.s, t.suite.address("budget"));
    assert_eq!((reserved[0].tender, reserved[0].amount), (id, ESTIMATE));

    let bids = [
        ("vendor-a", sealed(900_000, 1)),
        ("vendor-b", sealed(850_000, 2)),
        ("vendor-c", sealed(1_200_000, 3)), // above the estimate
        ("vendor-d", sealed(700_000, 4)),   // will not reveal
    ];
    for (n, (who, bid)) in bids.iter().enumerate() {
        let wallet = t.balance(who);
        t.commit(id, who, bid, BOND).unwrap();
        let deposit = chain::last_call_cost(&t.s).storage_deposit as u128;
        assert_eq!(t.balance(who), wallet - BOND - deposit, "{who} paid the bond and the storage deposit");
        let ev = t.events::<BidCommitted>();
        assert_eq!((ev[0].bidder, ev[0].bond, ev[0].replaced), (ink_id(&acct(who)), BOND, false));
        // Commitments are public at once, prices are not.
        let stored = t.bid(id, who);
        assert_eq!((stored.commitment, stored.price()), (Hash::from(bid.commitment(id, acct(who).as_ref())), None));
        assert_eq!(t.conserved().1, BOND * (n as u128 + 1));
    }
    assert_eq!(t.tender(id).bidders, 4);

    // Reveal window: commitments computed off-chain open on-chain.
    t.at(SUBMISSION);
    let phase: Option<Phase> = t.tenders().phase(&mut t.s, id).unwrap();
    assert_eq!(phase, Some(Phase::Revealing));
    for (who, bid) in &bids[..3] {
        t.reveal(id, who, bid).unwrap();
        let ev = t.events::<BidRevealed>();
        assert_eq!((ev[0].price, ev[0].valid), (bid.price, bid.price <= ESTIMATE));
        t.conserved();
    }
    let revealed: Vec<RevealedBid> = t.tenders().revealed_bids(&mut t.s, id, 0, 10).unwrap();
    assert_eq!(
        revealed.iter().map(|b| (b.bidder, b.price, b.valid)).collect::<Vec<_>>(),
        vec![
            (ink_id(&acct("vendor-a")), 900_000, true),
            (ink_id(&acct("vendor-b")), 850_000, true),
            (ink_id(&acct("vendor-c")), 1_200_000, false),
        ]
    );
    assert!(matches!(t.bid(id, "vendor-c").state, BidState::Revealed { valid: false, .. }));

    // After the reveal deadline the bid over the estimate gets its bond
    // back; valid bids stay bound (bid security) until an award or the end
    // of the validity period; the silent one is forfeited.
    t.at(REVEAL);
    for who in ["vendor-a", "vendor-b"] {
        assert_eq!(t.claim(id, who), Err(Error::BondNotClaimable));
    }
    t.at(REVEAL + tender::rules::BID_VALIDITY_MS);
    for who in ["vendor-a", "vendor-b", "vendor-c"] {
        let wallet = t.balance(who);
        let amount: u128 = t.claim(id, who).unwrap();
        assert_eq!(amount, BOND);
        assert_eq!(t.balance(who), wallet + BOND);
        assert_eq!(t.events::<BondClaimed>()[0].amount, BOND);
        assert_eq!(t.claim(id, who), Err(Error::BondNotClaimable));
        t.conserved();
    }
    assert_eq!(t.claim(id, "vendor-d"), Err(Error::BondNotClaimable));
    let (pool_before, _) = t.conserved();
    let anyone = chain::endowed(&mut t.s, "citizen");
    let forfeited: u128 = t.forfeit(id, &anyone, "vendor-d").unwrap();
    assert_eq!(forfeited, BOND);
    let ev = t.events::<BondForfeited>();
    assert_eq!((ev[0].bidder, ev[0].amount, ev[0].by), (ink_id(&acct("vendor-d")), BOND, ink_id(&anyone)));
    let deposited = chain::recorded::<budget::budget::Deposited>(&t.s, t.suite.address("budget"));
    assert_eq!((deposited[0].from, deposited[0].amount), (ink_id(t.suite.address("tender")), BOND));
    let (pool_after, held) = t.conserved();
    assert_eq!(pool_after.unappropriated, pool_before.unappropriated + BOND, "the bond went to the treasury");
    assert_eq!(held, 0);
    assert_eq!(t.forfeit(id, &anyone, "vendor-d"), Err(Error::NotSealed));
    assert_eq!(t.forfeit(id, &anyone, "vendor-a"), Err(Error::NotSealed));
    t.conserved();
}

#[test]
fn replacement_and_withdrawal_before_the_deadline() {
    let mut t = T::new();
    let id = t.publish();
    let first = sealed(950_000, 1);
    let second = sealed(900_000, 2);
    t.commit(id, "vendor-a", &first, BOND).unwrap();
    assert_eq!(t.commit(id, "vendor-a", &second, BOND), Err(Error::WrongBond { expected: 0, attached: BOND }));
    t.commit(id, "vendor-a", &second, 0).unwrap();
    assert!(t.events::<BidCommitted>()[0].replaced);
    assert_eq!(t.conserved().1, BOND, "no second bond");
    t.at(SUBMISSION);
    assert_eq!(t.reveal(id, "vendor-a", &first), Err(Error::CommitmentMismatch), "the replaced commitment is gone");
    t.reveal(id, "vendor-a", &second).unwrap();
    t.conserved();

    let mut t = T::new();
    let id = t.publish();
    t.commit(id, "vendor-b", &first, BOND).unwrap();
    let wallet = t.balance("vendor-b");
    t.withdraw(id, "vendor-b").unwrap();
    assert_eq!(t.events::<BidWithdrawn>()[0].refunded, BOND);
    let deposit = chain::last_call_cost(&t.s).storage_deposit;
    assert_eq!(t.balance("vendor-b") as i128, wallet as i128 + BOND as i128 - deposit, "bond refunded, deposit settled");
    assert_eq!(t.conserved().1, 0);
    assert_eq!(t.tender(id).bidders, 0);
    t.at(SUBMISSION);
    assert_eq!(t.withdraw(id, "vendor-b"), Err(Error::NotSealed));
}

#[test]
fn amendments_are_recorded_and_leave_earlier_bidders_the_bidding_window() {
    let mut t = T::new();
    let id = t.publish();
    t.commit(id, "vendor-a", &sealed(900_000, 1), BOND).unwrap();
    let amended = t.amend(id, 0xD1, SUBMISSION + DAY, REVEAL + DAY).unwrap();
    assert_eq!(amended, 1);
    let ev = t.events::<TenderAmended>();
    assert_eq!((ev[0].amendment, ev[0].submission_deadline), (1, SUBMISSION + DAY));
    let rec: Option<tender::Amendment> = t.tenders().amendment(&mut t.s, id, 1).unwrap();
    assert_eq!(rec.unwrap().dossier, Hash::from([0xD1; 32]));
    // Under the old deadline a bidder from before the amendment may leave.
    t.at(SUBMISSION);
    t.withdraw(id, "vendor-a").unwrap();
    assert_eq!(t.conserved().1, 0);
    t.commit(id, "vendor-b", &sealed(800_000, 2), BOND).unwrap();
    // Amending after the submission deadline is refused.
    t.at(SUBMISSION + DAY);
    assert_eq!(t.amend(id, 0xD2, REVEAL * 2, REVEAL * 2 + DAY), Err(Error::SubmissionClosed));
    assert_eq!(t.withdraw(id, "vendor-b"), Err(Error::WithdrawalClosed));
}

#[test]
fn cancellation_frees_the_reservation_and_every_bond() {
    let mut t = T::new();
    let (before, _) = t.conserved();
    let id = t.publish();
    t.commit(id, "vendor-a", &sealed(900_000, 1), BOND).unwrap();
    t.commit(id, "vendor-b", &sealed(800_000, 2), BOND).unwrap();
    t.at(SUBMISSION);
    t.reveal(id, "vendor-b", &sealed(800_000, 2)).unwrap();
    assert_eq!(t.cancel(id, "vendor-a"), Err(Error::MissingRole { role: Role::ProcurementOfficer, account: ink_id(&acct("vendor-a")) }));
    t.cancel(id, "officer").unwrap();
    assert_eq!(t.events::<TenderCancelled>()[0].estimate, ESTIMATE);
    let (totals, held) = t.conserved();
    assert_eq!((totals.available, totals.reserved, held), (before.available, 0, 2 * BOND), "reservation back on the line");
    for who in ["vendor-a", "vendor-b"] {
        let amount: u128 = t.claim(id, who).unwrap();
        assert_eq!(amount, BOND);
        t.conserved();
    }
    assert_eq!(t.conserved().1, 0);
    assert_eq!(t.cancel(id, "officer"), Err(Error::TenderCancelled));
    assert_eq!(t.commit(id, "vendor-c", &sealed(1, 1), BOND), Err(Error::TenderCancelled));
}

#[test]
fn wrong_reveals_and_reveals_outside_the_window_are_refused() {
    let mut t = T::new();
    let id = t.publish();
    let a = sealed(900_000, 1);
    t.commit(id, "vendor-a", &a, BOND).unwrap();
    t.commit(id, "vendor-b", &sealed(800_000, 2), BOND).unwrap();
    assert_eq!(t.reveal(id, "vendor-a", &a), Err(Error::RevealNotOpen));
    t.at(SUBMISSION);
    assert_eq!(t.reveal(id, "vendor-a", &SealedBid { salt: [9; 32], ..a }), Err(Error::CommitmentMismatch), "salt");
    assert_eq!(t.reveal(id, "vendor-a", &SealedBid { price: 899_999, ..a }), Err(Error::CommitmentMismatch), "price");
    assert_eq!(t.reveal(id, "vendor-a", &SealedBid { proposal: [9; 32], ..a }), Err(Error::CommitmentMismatch), "proposal");
    assert_eq!(t.reveal(id, "vendor-b", &a), Err(Error::CommitmentMismatch), "bidder");
    assert_eq!(t.reveal(id, "vendor-c", &a), Err(Error::BidNotFound));
    assert!(t.bid(id, "vendor-a").is_sealed());
    t.at(REVEAL);
    assert_eq!(t.reveal(id, "vendor-a", &a), Err(Error::RevealClosed));
    assert_eq!(t.tender(id).revealed, 0);
    t.conserved();
}

#[test]
fn the_budget_decides_whether_a_tender_opens() {
    let mut t = T::new();
    let (before, _) = t.conserved();
    // More than the line has available: nothing is published.
    let too_big = t.params(3_000_001);
    assert_eq!(
        t.publish_with(&too_big),
        Err(Error::Budget(budget::Error::InsufficientAvailable { requested: 3_000_001, available: 3_000_000 }.into()))
    );
    let count = t.tenders().tender_count(&mut t.s).unwrap();
    assert_eq!(count, 0);
    assert_eq!(t.conserved().0, before);
    // A second tender book, the same code deployed by the Admin on the same
    // role book and budget, holds no TenderService (only the linked one
    // does, and no grant can add it): its officer's tender reserves nothing.
    let admin = t.suite.admin.clone();
    let wiring = [chain::arg(t.suite.address("role_book")), chain::arg(t.suite.address("budget"))];
    let other = chain::deploy(&mut t.s, chain::bundle("tender"), &admin, "new", &wiring, vec![2]);
    let p = t.params(ESTIMATE);
    assert_eq!(
        answer(Tenders::at(other.clone()).publish(&mut t.s, &acct("officer"), &p)),
        Err(Error::Budget(budget::Error::MissingRole { role: Role::TenderService, account: ink_id(&other) }.into()))
    );
    assert_eq!(t.conserved().0, before);
    // The suite's own tender book still reserves.
    t.publish_with(&p).unwrap();
}

#[test]
fn only_clean_vendors_bid_and_a_pause_stops_new_business_only() {
    let mut t = T::new();
    let id = t.publish();
    let bid = sealed(900_000, 1);
    assert_eq!(
        t.commit(id, "evaluator-1", &bid, BOND),
        Err(Error::MissingRole { role: Role::Vendor, account: ink_id(&acct("evaluator-1")) })
    );
    // If governance lifts the registry's pair, the tender still refuses a
    // vendor who evaluates.
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    e2e_tests::govern(&mut t.s, &t.suite, &[governor::Action::LiftExclusive { first: Role::Vendor, second: Role::Evaluator }]);
    answer(registry.grant_role(&mut t.s, &admin, Role::Vendor, &acct("evaluator-1"))).unwrap();
    assert_eq!(t.commit(id, "evaluator-1", &bid, BOND), Err(Error::ConflictingRole { role: Role::Evaluator }));

    t.commit(id, "vendor-a", &bid, BOND).unwrap();
    answer(registry.pause(&mut t.s, &admin)).unwrap();
    assert_eq!(t.commit(id, "vendor-b", &sealed(1, 2), BOND), Err(Error::Paused));
    let p = t.params(ESTIMATE);
    assert_eq!(t.publish_with(&p), Err(Error::Paused));
    // A pause must not cost anyone a bond: reveals and claims go on.
    t.at(SUBMISSION);
    t.reveal(id, "vendor-a", &bid).unwrap();
    t.at(REVEAL + tender::rules::BID_VALIDITY_MS);
    let amount: u128 = t.claim(id, "vendor-a").unwrap();
    assert_eq!(amount, BOND);
    t.conserved();
}

#[test]
fn a_failed_bond_transfer_changes_nothing() {
    let mut t = T::new();
    let id = t.publish();
    let bid = sealed(900_000, 1);
    t.commit(id, "vendor-a", &bid, BOND).unwrap();
    t.commit(id, "vendor-b", &sealed(800_000, 2), BOND).unwrap();
    // Take the bonds away behind the tender's books (a stand-in for a bug
    // elsewhere): the contract keeps only its existential deposit.
    let tender = t.suite.address("tender").clone();
    let held = chain::balance(&mut t.s, &tender);
    chain::set_free_balance(&mut t.s, &tender, 1);
    assert_eq!(t.withdraw(id, "vendor-b"), Err(Error::TransferFailed));
    t.at(SUBMISSION);
    t.reveal(id, "vendor-a", &bid).unwrap();
    t.at(REVEAL + tender::rules::BID_VALIDITY_MS);
    assert_eq!(t.claim(id, "vendor-a"), Err(Error::TransferFailed));
    // The value-carrying call to the budget cannot be made at all.
    assert_eq!(t.forfeit(id, &acct("officer"), "vendor-b"), Err(Error::BudgetUnavailable));
    // Nothing moved on the books.
    assert_eq!(t.bid(id, "vendor-a").bond, BOND);
    assert!(t.bid(id, "vendor-b").is_sealed());
    let (held_on_books, _) = t.bonds();
    assert_eq!(held_on_books, 2 * BOND);
    // Restored, both settle normally.
    chain::set_free_balance(&mut t.s, &tender, held);
    let amount: u128 = t.claim(id, "vendor-a").unwrap();
    assert_eq!(amount, BOND);
    let forfeited: u128 = t.forfeit(id, &acct("officer"), "vendor-b").unwrap();
    assert_eq!(forfeited, BOND);
    t.conserved();
}

// ------------------------------------------------------------- hardening

/// Attack: accounts holding Vendor commit and withdraw until the tender's
/// bidder bound is reached, for free (every bond comes back), so that honest
/// vendors get `TooManyBids`. Only bids still in the book count against the
/// bound: a withdrawn bid frees its slot, so the tender stays open.
#[test]
fn withdrawn_bids_free_their_slot_so_a_tender_cannot_be_filled_for_free() {
    let mut t = T::new();
    let id = t.publish();
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    let attackers: Vec<String> = (0..tender::MAX_BIDS).map(|n| format!("sybil-{n}")).collect();
    for name in &attackers {
        let who = chain::endowed(&mut t.s, name);
        answer(registry.grant_role(&mut t.s, &admin, Role::Vendor, &who)).unwrap();
    }
    let wallets: u128 = attackers.iter().map(|n| t.balance(n)).sum();
    for (n, name) in attackers.iter().enumerate() {
        t.commit(id, name, &sealed(1_000, n as u8), BOND).unwrap();
        t.withdraw(id, name).unwrap();
    }
    assert_eq!(t.tender(id).bidders, 0, "withdrawn bids hold no slot");
    assert_eq!(t.conserved().1, 0, "every bond went back");
    let after: u128 = attackers.iter().map(|n| t.balance(n)).sum();
    assert!(wallets - after < (tender::MAX_BIDS as u128) * BOND, "the attackers paid only storage deposits");
    // The honest vendor still gets in.
    t.commit(id, "vendor-a", &sealed(900_000, 1), BOND).unwrap();
    assert_eq!(t.conserved().1, BOND);

    // The bound itself still holds for bids that stay in the book, and a
    // withdrawal makes room again.
    for (n, name) in attackers.iter().take(tender::MAX_BIDS as usize - 1).enumerate() {
        t.commit(id, name, &sealed(1_000, n as u8), BOND).unwrap();
    }
    assert_eq!(t.commit(id, "vendor-b", &sealed(800_000, 2), BOND), Err(Error::TooManyBids));
    assert_eq!(t.conserved().1, BOND * tender::MAX_BIDS as u128);
    t.withdraw(id, &attackers[0]).unwrap();
    t.commit(id, "vendor-b", &sealed(800_000, 2), BOND).unwrap();
    assert_eq!(t.tender(id).bidders, tender::MAX_BIDS);
    let listed = t.tenders().bidders(&mut t.s, id, tender::MAX_BIDS - 2, 50).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(t.conserved().1, BOND * tender::MAX_BIDS as u128);
}

/// Attack: an amendment that changes nothing, after which (old rule) every
/// earlier bidder could withdraw until the reveal deadline, that is after
/// rivals' prices were public: a cartel reveals only its best-placed bid.
/// Empty amendments are refused, and no bid leaves after the submission
/// deadline: a bid not revealed loses its bond to the treasury.
#[test]
fn an_empty_amendment_is_refused_and_no_bid_leaves_once_prices_can_be_seen() {
    let mut t = T::new();
    let id = t.publish();
    assert_eq!(t.amend(id, 0xD0, SUBMISSION, REVEAL), Err(Error::NothingAmended));
    assert_eq!(t.tender(id).amendments, 0);
    let high = sealed(990_000, 1);
    let low = sealed(700_000, 2);
    t.commit(id, "vendor-a", &high, BOND).unwrap();
    t.commit(id, "vendor-b", &low, BOND).unwrap();
    assert_eq!(t.amend(id, 0xD1, SUBMISSION + DAY, REVEAL + DAY), Ok(1));
    // Both cartel bids stay sealed past the new submission deadline; one is
    // revealed, the other would like to leave now that prices are visible.
    t.at(SUBMISSION + DAY);
    t.reveal(id, "vendor-b", &low).unwrap();
    assert_eq!(t.withdraw(id, "vendor-a"), Err(Error::WithdrawalClosed));
    assert_eq!(t.conserved().1, 2 * BOND);
    t.at(REVEAL + DAY);
    let (before, _) = t.conserved();
    let forfeited: u128 = t.forfeit(id, &acct("vendor-b"), "vendor-a").unwrap();
    assert_eq!(forfeited, BOND);
    let (after, held) = t.conserved();
    assert_eq!((after.unappropriated - before.unappropriated, held), (BOND, BOND), "the unrevealed bond is the treasury's");
}

/// A vendor can never be given a service role (it could otherwise award
/// and pay itself): not by a grant, not even once governance lifted the
/// registry's pair.
#[test]
fn a_vendor_cannot_be_given_a_service_role() {
    let mut t = T::new();
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    let refused = Err(access_control::Error::ServiceRoleByLinkOnly { role: Role::EvaluationService });
    assert_eq!(answer(registry.grant_role(&mut t.s, &admin, Role::EvaluationService, &acct("vendor-c"))), refused);
    e2e_tests::govern(&mut t.s, &t.suite, &[governor::Action::LiftExclusive { first: Role::Vendor, second: Role::EvaluationService }]);
    assert_eq!(answer(registry.grant_role(&mut t.s, &admin, Role::EvaluationService, &acct("vendor-c"))), refused);
    assert_eq!(registry.roles_of(&mut t.s, &acct("vendor-c")).unwrap(), vec![Role::Vendor]);
}

/// Money sent to the tender contract outside `commit_bid` is no bond. The
/// Admin books it into the treasury (never anywhere else); bonds stay.
#[test]
fn money_sent_outside_commit_bid_goes_to_the_treasury_by_the_admin_only() {
    let mut t = T::new();
    let id = t.publish();
    t.commit(id, "vendor-a", &sealed(900_000, 1), BOND).unwrap();
    let tender = t.suite.address("tender").clone();
    chain::fund(&mut t.s, &tender, 777);
    let (held, balance) = t.bonds();
    assert_eq!((held, balance), (BOND, BOND + 777));
    assert_eq!(t.book_surplus(&acct("vendor-a")), Err(Error::MissingRole { role: Role::Admin, account: ink_id(&acct("vendor-a")) }));
    let budget = t.suite.address("budget").clone();
    let before = assert_conserved(&mut t.s, &budget);
    let admin = t.suite.admin.clone();
    let booked: u128 = t.book_surplus(&admin).unwrap();
    assert_eq!(booked, 777);
    let (after, bonds) = t.conserved();
    assert_eq!((after.unappropriated - before.unappropriated, bonds), (777, BOND));
    assert_eq!(t.book_surplus(&admin), Err(Error::NoSurplus));
}

/// The evaluation side of a tender, with `evaluation-svc` standing in for
/// the evaluation contract: the award holds the winner's bond as bid
/// security; a lapse forfeits it into the treasury and the runner-up is
/// awarded; a signature returns it. Funds are checked after every step.
#[test]
fn the_award_holds_the_winners_bond_until_the_agreement_is_signed_or_lapses() {
    let mut t = T::new();
    let svc = acct("evaluation-svc");
    let id = t.publish();
    let bids = [("vendor-a", sealed(900_000, 1)), ("vendor-b", sealed(800_000, 2)), ("vendor-c", sealed(850_000, 3))];
    for (who, bid) in &bids {
        t.commit(id, who, bid, BOND).unwrap();
    }
    t.at(SUBMISSION);
    for (who, bid) in &bids {
        t.reveal(id, who, bid).unwrap();
    }
    assert_eq!(answer(t.tenders().award(&mut t.s, &svc, id, &acct("vendor-b"), Funding::Held)), Err(Error::RevealStillOpen));
    t.at(REVEAL);
    // Only the holder of EvaluationService awards; neither the officer nor
    // the Admin can.
    for name in ["officer", "authority"] {
        assert_eq!(
            answer(t.tenders().award(&mut t.s, &acct(name), id, &acct("vendor-b"), Funding::Held)),
            Err(Error::MissingRole { role: Role::EvaluationService, account: ink_id(&acct(name)) })
        );
    }
    answer(t.tenders().award(&mut t.s, &svc, id, &acct("vendor-b"), Funding::Held)).unwrap();
    let ev = t.events::<TenderAwarded>();
    assert_eq!((ev[0].winner, ev[0].price, ev[0].bond), (ink_id(&acct("vendor-b")), 800_000, BOND));
    assert_eq!(t.tender(id).status, TenderStatus::Awarded { winner: ink_id(&acct("vendor-b")) });
    assert_eq!(t.cancel(id, "officer"), Err(Error::TenderAwarded));
    assert_eq!(t.claim(id, "vendor-b"), Err(Error::BondNotClaimable), "the winner's bond is bid security");
    assert_eq!(t.claim(id, "vendor-a"), Ok(BOND), "losers claim as before");
    assert_eq!(t.conserved().1, 2 * BOND);

    // The winner lets the agreement lapse: its bond goes to the treasury.
    let unappropriated = t.conserved().0.unappropriated;
    let forfeited = answer(t.tenders().settle_winner_bond(&mut t.s, &svc, id, BondSettlement::Forfeit)).unwrap();
    assert_eq!(forfeited, BOND);
    assert_eq!(t.events::<WinnerBondSettled>()[0].settlement, BondSettlement::Forfeit);
    let (totals, held) = t.conserved();
    assert_eq!((totals.unappropriated, held), (unappropriated + BOND, BOND));

    // The runner-up is awarded; its bond, not yet claimed, is held now, and
    // returned once it signs.
    assert_eq!(answer(t.tenders().award(&mut t.s, &svc, id, &acct("vendor-b"), Funding::Held)), Err(Error::NotAwardable));
    answer(t.tenders().award(&mut t.s, &svc, id, &acct("vendor-c"), Funding::Held)).unwrap();
    assert_eq!(t.claim(id, "vendor-c"), Err(Error::BondNotClaimable));
    let wallet = t.balance("vendor-c");
    assert_eq!(answer(t.tenders().settle_winner_bond(&mut t.s, &svc, id, BondSettlement::Return)), Ok(BOND));
    assert_eq!(t.balance("vendor-c"), wallet + BOND);
    assert_eq!(t.conserved().1, 0, "every bond settled");
}

#[test]
fn a_tender_closed_unsuccessful_frees_its_reservation_unless_it_was_committed() {
    let mut t = T::new();
    let svc = acct("evaluation-svc");
    // Nothing valid was bid: the only price is above the estimate.
    let id = t.publish();
    let bid = sealed(ESTIMATE + 1, 1);
    t.commit(id, "vendor-a", &bid, BOND).unwrap();
    t.at(SUBMISSION);
    t.reveal(id, "vendor-a", &bid).unwrap();
    t.at(REVEAL);
    assert_eq!(answer(t.tenders().award(&mut t.s, &svc, id, &acct("vendor-a"), Funding::Held)), Err(Error::NotAwardable));
    let available = t.conserved().0.available;
    answer(t.tenders().close_unsuccessful(&mut t.s, &svc, id)).unwrap();
    assert!(t.events::<TenderUnsuccessful>()[0].freed);
    assert_eq!(t.conserved().0.available, available + ESTIMATE, "the estimate is back on the line");
    assert_eq!(t.tender(id).status, TenderStatus::Unsuccessful);
    assert_eq!(t.claim(id, "vendor-a"), Ok(BOND));
    assert_eq!(t.cancel(id, "officer"), Err(Error::TenderUnsuccessful));

    // A winner whose agreement lapsed: the reservation had become a
    // commitment (and went back to the line when the agreement lapsed), so
    // closing frees nothing more.
    t.at(NOW);
    let p = t.params(ESTIMATE);
    let p = TenderParams { submission_deadline: NOW + 14 * DAY, reveal_deadline: NOW + 17 * DAY, ..p };
    let id = t.publish_with(&p).unwrap();
    let bid = sealed(700_000, 2);
    t.commit(id, "vendor-b", &bid, BOND).unwrap();
    t.at(NOW + 14 * DAY);
    t.reveal(id, "vendor-b", &bid).unwrap();
    t.at(NOW + 17 * DAY);
    answer(t.tenders().award(&mut t.s, &svc, id, &acct("vendor-b"), Funding::Held)).unwrap();
    let reservation = t.tender(id).reservation;
    let treasury = t.suite.treasury();
    answer(treasury.commit(&mut t.s, &svc, reservation, 700_000, &acct("vendor-b"))).unwrap();
    assert_eq!(answer(t.tenders().close_unsuccessful(&mut t.s, &svc, id)), Err(Error::WinnerBondHeld));
    answer(t.tenders().settle_winner_bond(&mut t.s, &svc, id, BondSettlement::Forfeit)).unwrap();
    answer(t.tenders().close_unsuccessful(&mut t.s, &svc, id)).unwrap();
    assert!(!t.events::<TenderUnsuccessful>()[0].freed);
    t.conserved();
}
