//! drink tests of the evaluation book with the real registry, treasury and
//! tender book: the committee is checked against the registry and against
//! the tender's own bids, the valid revealed bids are read from the tender,
//! and the published ranking is recomputed here from the public entries
//! with `procurement_shared::ranking`.

use deploy::contracts::{Evaluations, Tenders};
use deploy::suite::Suite;
use drink::AccountId32;
use e2e_tests::assert_conserved;
use e2e_tests::chain::{self, answer, ink_id, Session};
use evaluation::evaluation::{Declared, MemberReplaced, Ranked, Scored};
use evaluation::{Error, MemberState, Stage};
use ink::primitives::Hash;
use procurement_shared::ranking::{self, Candidate, Method};
use procurement_shared::{bid_commitment, Role};
use tender::{EvaluationMethod, Milestone, TenderParams};

const DAY: u64 = 86_400_000;
const NOW: u64 = 1_800_000_000_000;
const SUBMISSION: u64 = NOW + 14 * DAY;
const REVEAL: u64 = SUBMISSION + 3 * DAY;
const BOND: u128 = 50_000;
const ESTIMATE: u128 = 1_000_000;

const CONFIG: &str = r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Evaluator = ["evaluator-1", "evaluator-2", "evaluator-3", "evaluator-4"]
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
    fn new() -> T {
        let (s, suite, line) = e2e_tests::funded_suite(CONFIG, NOW, 365, 5_000_000, 3_000_000);
        T { s, suite, line }
    }

    fn tenders(&self) -> Tenders {
        self.suite.tenders()
    }

    fn book(&self) -> Evaluations {
        self.suite.evaluations()
    }

    fn tx<R>(&mut self, call: impl FnOnce(&Evaluations, &mut Session) -> deploy::chain::Outcome<R, Error>) -> Result<R, Error> {
        let book = self.book();
        answer(call(&book, &mut self.s))
    }

    fn events<E: ink::env::Event + ink::scale::Decode>(&self) -> Vec<E> {
        chain::events::<E>(&self.s, self.suite.address("evaluation"))
    }

    /// Publishes a tender with `method`, has each vendor bid `price` and
    /// reveal it, and moves past the reveal deadline.
    fn tender_with(&mut self, method: EvaluationMethod, bids: &[(&str, u128)]) -> u32 {
        chain::set_time(&mut self.s, NOW);
        let params = TenderParams {
            line: self.line,
            estimate: ESTIMATE,
            dossier: Hash::from([0xD0; 32]),
            bond: BOND,
            submission_deadline: SUBMISSION,
            reveal_deadline: REVEAL,
            method,
            standstill_ms: 10 * DAY,
            milestones: vec![Milestone { share_bps: 10_000, due_offset_ms: 60 * DAY, description: Hash::from([1; 32]) }],
        };
        let id = answer(self.tenders().publish(&mut self.s, &acct("officer"), &params)).unwrap();
        for (who, price) in bids {
            let sealed = bid_commitment(id, acct(who).as_ref(), *price, &[0x50; 32], &[0x5A; 32]);
            answer(self.tenders().commit_bid(&mut self.s, &acct(who), id, &sealed, BOND)).unwrap();
        }
        chain::set_time(&mut self.s, SUBMISSION);
        for (who, price) in bids {
            answer(self.tenders().reveal_bid(&mut self.s, &acct(who), id, *price, &[0x50; 32], &[0x5A; 32])).unwrap();
        }
        chain::set_time(&mut self.s, REVEAL);
        id
    }

    fn appoint(&mut self, tender: u32, members: &[&str]) -> Result<u32, Error> {
        let members: Vec<AccountId32> = members.iter().map(|m| acct(m)).collect();
        self.tx(|b, s| b.appoint(s, &acct("officer"), tender, &members, REVEAL + 7 * DAY))
    }

    fn declare(&mut self, tender: u32, member: &str, conflict: bool) -> Result<(), Error> {
        self.tx(|b, s| b.declare(s, &acct(member), tender, &[0xDE; 32], conflict))
    }

    fn score(&mut self, tender: u32, member: &str, bid: u32, quality: u8) -> Result<(), Error> {
        self.tx(|b, s| b.score(s, &acct(member), tender, bid, quality))
    }
}

/// A weighted tender from bids to a published ranking: one bid above the
/// estimate is left out, a member with a conflict is replaced, every score
/// and the ranking are public, and the ranking recomputes off-chain.
#[test]
fn a_committee_scores_and_publishes_a_ranking_anyone_can_recompute() {
    let mut t = T::new();
    let method = EvaluationMethod::WeightedPriceQuality { price_weight: 60, quality_weight: 40, min_quality: 50 };
    let id = t.tender_with(method, &[("vendor-a", 900_000), ("vendor-b", ESTIMATE + 1), ("vendor-c", 750_000), ("vendor-d", 800_000)]);
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Ok(3), "three valid bids of four");
    let entries: Vec<AccountId32> = (0..3).map(|i| chain::from_ink(&t.book().entry(&mut t.s, id, i).unwrap().unwrap().bidder)).collect();
    assert_eq!(entries, vec![acct("vendor-a"), acct("vendor-c"), acct("vendor-d")]);

    // evaluator-2 declares a conflict; the officer seats evaluator-4.
    t.declare(id, "evaluator-2", true).unwrap();
    assert!(t.events::<Declared>()[0].conflict);
    let officer = acct("officer");
    t.tx(|b, s| b.replace(s, &officer, id, &acct("evaluator-2"), &acct("evaluator-4"))).unwrap();
    assert_eq!(t.events::<MemberReplaced>()[0].replacement, ink_id(&acct("evaluator-4")));
    for m in ["evaluator-1", "evaluator-3", "evaluator-4"] {
        t.declare(id, m, false).unwrap();
    }
    let committee = t.book().committee(&mut t.s, id).unwrap();
    assert_eq!(committee.iter().map(|(a, _)| chain::from_ink(a)).collect::<Vec<_>>(), vec![acct("evaluator-1"), acct("evaluator-4"), acct("evaluator-3")]);
    assert!(committee.iter().all(|(_, m)| matches!(m.state, MemberState::Declared(_))));

    // Scores: vendor-c is cheapest but fails the quality threshold.
    let marks = [("evaluator-1", [80u8, 40, 70]), ("evaluator-3", [90, 45, 60]), ("evaluator-4", [85, 44, 65])];
    assert_eq!(t.tx(|b, s| b.finalize(s, &officer, id)), Err(Error::NotReady));
    for (member, scores) in marks {
        for (bid, quality) in (0u32..).zip(scores) {
            t.score(id, member, bid, quality).unwrap();
            let ev = t.events::<Scored>();
            assert_eq!((ev[0].member, ev[0].bid, ev[0].quality), (ink_id(&acct(member)), bid, quality));
        }
    }
    // A revision replaces a score.
    t.score(id, "evaluator-1", 2, 75).unwrap();
    assert_eq!(t.events::<Scored>()[0].previous, Some(70));

    let citizen = chain::endowed(&mut t.s, "citizen");
    let first = t.tx(|b, s| b.finalize(s, &citizen, id)).unwrap();
    let published = t.events::<Ranked>()[0].ranking.clone();
    assert_eq!(t.book().ranking(&mut t.s, id).unwrap(), Some(published.clone()));
    // Anyone recomputes it from the public entries.
    let candidates: Vec<Candidate> = (0..3)
        .map(|i| {
            let e = t.book().entry(&mut t.s, id, i).unwrap().unwrap();
            Candidate { index: i, price: e.price, quality_sum: e.quality_sum, scores: e.scores }
        })
        .collect();
    let method = Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 };
    assert_eq!(ranking::rank(&method, &candidates), Some(published.clone()));
    // vendor-c (bid 1) is excluded on quality; vendor-a's quality (mean 85)
    // outweighs vendor-d's lower price: 60 x 800/900 + 40 x 0.85 = 87.33
    // against 60 x 1 + 40 x 0.667 = 86.67.
    assert_eq!(published.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![0, 2]);
    assert_eq!(first, Some(0));
    assert_eq!(t.book().evaluation(&mut t.s, id).unwrap().unwrap().stage, Stage::Ranked { first: Some(0) });
    assert_eq!(t.score(id, "evaluator-1", 0, 10), Err(Error::AlreadyRanked));
    // The evaluation moved no money.
    let budget = t.suite.address("budget").clone();
    assert_conserved(&mut t.s, &budget);
}

/// An Evaluator who bid on the tender is refused even though the registry
/// allows the account to be an Evaluator now (it stopped being a Vendor
/// after bidding).
#[test]
fn an_evaluator_who_bid_is_refused() {
    let mut t = T::new();
    let id = t.tender_with(EvaluationMethod::LowestPrice, &[("vendor-a", 900_000), ("vendor-b", 800_000)]);
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    answer(registry.revoke_role(&mut t.s, &admin, Role::Vendor, &acct("vendor-b"))).unwrap();
    answer(registry.grant_role(&mut t.s, &admin, Role::Evaluator, &acct("vendor-b"))).unwrap();
    assert_eq!(
        t.appoint(id, &["evaluator-1", "evaluator-2", "vendor-b"]),
        Err(Error::MemberBid { member: ink_id(&acct("vendor-b")) })
    );
    assert_eq!(
        t.appoint(id, &["evaluator-1", "evaluator-2", "vendor-a"]),
        Err(Error::MissingRole { role: Role::Evaluator, account: ink_id(&acct("vendor-a")) })
    );
    assert_eq!(t.book().evaluation(&mut t.s, id).unwrap(), None);
    // Lowest price ranks as soon as the committee has declared.
    t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]).unwrap();
    for m in ["evaluator-1", "evaluator-2", "evaluator-3"] {
        t.declare(id, m, false).unwrap();
    }
    let officer = acct("officer");
    assert_eq!(t.tx(|b, s| b.finalize(s, &officer, id)), Ok(Some(1)));
}

#[test]
fn a_committee_waits_for_the_reveal_deadline_and_an_open_tender() {
    let mut t = T::new();
    let id = t.tender_with(EvaluationMethod::LowestPrice, &[("vendor-a", 900_000)]);
    chain::set_time(&mut t.s, REVEAL - 1);
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::RevealStillOpen));
    chain::set_time(&mut t.s, REVEAL);
    answer(t.tenders().cancel(&mut t.s, &acct("officer"), id)).unwrap();
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::TenderNotOpen));
    assert_eq!(t.appoint(77, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::TenderNotFound));
}
