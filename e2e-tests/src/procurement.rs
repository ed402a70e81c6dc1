//! A whole procurement on the embedded sandbox, for the drink tests that
//! follow one across the five contracts (`tests/evaluation.rs`,
//! `tests/exits.rs`): a funded suite, a tender with sealed bids revealed,
//! a committee, protests, and [`T::check`], which holds every contract to
//! its books after every step.

use deploy::contracts::{Evaluations, Tenders};
use deploy::suite::Suite;
use drink::AccountId32;
use evaluation::{Error, Interest, Stage};
use ink::primitives::Hash;
use procurement_shared::contracting::Contracting;
use procurement_shared::tranche::Terms;
use procurement_shared::{Ruling, SealedBid};
use tender::{Method, Milestone, TenderParams};

use crate::assert_conserved;
use crate::chain::{self, answer, ink_id, Session};

pub use procurement_shared::DAY_MS as DAY;
pub const NOW: u64 = 1_800_000_000_000;
pub const SUBMISSION: u64 = NOW + 14 * DAY;
pub const REVEAL: u64 = SUBMISSION + 3 * DAY;
pub const BOND: u128 = 50_000;
pub const ESTIMATE: u128 = 1_000_000;
pub const STANDSTILL: u64 = 10 * DAY;

pub const CONFIG: &str = r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Evaluator = ["evaluator-1", "evaluator-2", "evaluator-3", "evaluator-4"]
Treasurer = ["treasurer-1"]
Inspector = ["inspector", "inspector-2"]
Auditor = ["auditor"]
Vendor = ["vendor-a", "vendor-b", "vendor-c", "vendor-d"]
"#;

/// The agreement terms the officer fixes at appointment.
pub fn contracting() -> Contracting {
    Contracting {
        inspector: ink_id(&acct("inspector")),
        terms: Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
        warranty_ms: 30 * DAY,
    }
}

pub fn acct(name: &str) -> AccountId32 {
    chain::dev_account(name)
}

pub struct T {
    pub s: Session,
    pub suite: Suite,
    pub line: u32,
    /// Anyone: finalizes, concludes, settles, lapses.
    pub citizen: AccountId32,
}

impl Default for T {
    fn default() -> Self {
        Self::new()
    }
}

impl T {
    pub fn new() -> T {
        let (mut s, suite, line) = crate::funded_suite(CONFIG, Suite::peers, NOW, 365, 5_000_000, 3_000_000);
        // Milestones up to 1 000 000 are paid as soon as they are approved.
        let policy =
            budget::ReleasePolicy { auto_release_limit: 1_000_000, cap_window_ms: 30 * DAY, window_cap: 3_000_000, approvals_required: 1 };
        crate::govern(&mut s, &suite, &[governor::Action::DefaultPolicy { policy }]);
        let citizen = chain::endowed(&mut s, "citizen");
        T { s, suite, line, citizen }
    }

    /// Every contract against its books: the budget's identities and its
    /// balance; the tender holds exactly the bonds on its books, the
    /// evaluation exactly the protest bonds, the escrow nothing (each beyond
    /// its existential deposit).
    pub fn check(&mut self) -> budget::Totals {
        let budget = self.suite.address("budget").clone();
        let totals = assert_conserved(&mut self.s, &budget);
        let (bonds, _) = self.tenders().bond_totals(&mut self.s).unwrap();
        assert_eq!(self.balance_of("tender"), bonds, "the tender holds its bonds, no more, no less");
        let held = self.book().held(&mut self.s).unwrap();
        assert_eq!(self.balance_of("evaluation"), held, "the evaluation holds the protest bonds");
        assert_eq!(self.balance_of("escrow"), 0, "the escrow holds no money");
        totals
    }

    /// A contract's balance beyond its existential deposit.
    pub fn balance_of(&mut self, contract: &str) -> u128 {
        let address = self.suite.address(contract).clone();
        chain::balance(&mut self.s, &address) - chain::EXISTENTIAL_DEPOSIT
    }

    pub fn balance(&mut self, who: &str) -> u128 {
        chain::balance(&mut self.s, &acct(who))
    }

    pub fn stage(&mut self, tender: u32) -> Stage {
        self.book().evaluation(&mut self.s, tender).unwrap().unwrap().stage
    }

    pub fn tender_status(&mut self, tender: u32) -> tender::TenderStatus {
        self.tenders().tender(&mut self.s, tender).unwrap().unwrap().status
    }

    /// `caller` calls `message` on the evaluation; the change in `who`'s
    /// balance (money to `who` from a call `who` does not pay for).
    pub fn paid_to<R>(&mut self, who: &str, call: impl FnOnce(&mut T) -> R) -> (R, u128) {
        let before = self.balance(who);
        let out = call(self);
        (out, self.balance(who) - before)
    }

    /// The committee of three declares; lowest price needs no scores.
    pub fn committee_declares(&mut self, tender: u32) {
        self.appoint(tender, &["evaluator-1", "evaluator-2", "evaluator-3"]).unwrap();
        for m in ["evaluator-1", "evaluator-2", "evaluator-3"] {
            self.declare(tender, m, Interest::Impartial).unwrap();
        }
    }

    pub fn protest(&mut self, tender: u32, who: &str, bid: u32) -> Result<u32, Error> {
        self.tx(|b, s| b.protest(s, &acct(who), tender, bid, &[0x9A; 32], BOND))
    }

    pub fn resolve(&mut self, tender: u32, protest: u32, ruling: Ruling) -> Result<(), Error> {
        self.tx(|b, s| b.resolve(s, &acct("auditor"), tender, protest, ruling, &[0x9B; 32]))
    }

    pub fn anyone<R>(
        &mut self,
        call: impl FnOnce(&Evaluations, &mut Session, &AccountId32) -> deploy::chain::Outcome<R, Error>,
    ) -> Result<R, Error> {
        let book = self.book();
        answer(call(&book, &mut self.s, &self.citizen))
    }

    pub fn tenders(&self) -> Tenders {
        self.suite.tenders()
    }

    pub fn book(&self) -> Evaluations {
        self.suite.evaluations()
    }

    pub fn tx<R>(&mut self, call: impl FnOnce(&Evaluations, &mut Session) -> deploy::chain::Outcome<R, Error>) -> Result<R, Error> {
        let book = self.book();
        answer(call(&book, &mut self.s))
    }

    /// The changes of kind `T` the evaluation recorded in the last call.
    pub fn events<T: chain::Kind>(&self) -> Vec<T> {
        chain::recorded::<T>(&self.s, self.suite.address("evaluation"))
    }

    /// The tender every test here publishes: `method`, the estimate, bond,
    /// windows and standstill above, and a 40/60 plan due after 30 and 90
    /// days.
    pub fn params(&self, method: Method) -> TenderParams {
        TenderParams {
            line: self.line,
            estimate: ESTIMATE,
            dossier: Hash::from([0xD0; 32]),
            bond: BOND,
            submission_deadline: SUBMISSION,
            reveal_deadline: REVEAL,
            method,
            standstill_ms: STANDSTILL,
            milestones: vec![
                Milestone { share_bps: 4_000, due_offset_ms: 30 * DAY, description: Hash::from([1; 32]) },
                Milestone { share_bps: 6_000, due_offset_ms: 90 * DAY, description: Hash::from([2; 32]) },
            ],
        }
    }

    /// Publishes a tender with `method`, has each vendor bid `price` and
    /// reveal it, and moves past the reveal deadline.
    pub fn tender_with(&mut self, method: Method, bids: &[(&str, u128)]) -> u32 {
        chain::set_time(&mut self.s, NOW);
        let params = self.params(method);
        let id = answer(self.tenders().publish(&mut self.s, &acct("officer"), &params)).unwrap();
        for (who, price) in bids {
            let bid = SealedBid { price: *price, proposal: [0x50; 32], salt: [0x5A; 32] };
            answer(self.tenders().commit_sealed(&mut self.s, &acct(who), id, &bid, BOND)).unwrap();
        }
        chain::set_time(&mut self.s, SUBMISSION);
        for (who, price) in bids {
            let bid = SealedBid { price: *price, proposal: [0x50; 32], salt: [0x5A; 32] };
            answer(self.tenders().reveal_sealed(&mut self.s, &acct(who), id, &bid)).unwrap();
        }
        chain::set_time(&mut self.s, REVEAL);
        id
    }

    /// A lowest-price tender with `bids`, its committee declared and the
    /// best bid provisionally awarded: the standstill runs.
    pub fn awarded(&mut self, bids: &[(&str, u128)]) -> u32 {
        let id = self.tender_with(Method::LowestPrice, bids);
        self.committee_declares(id);
        self.anyone(|b, s, c| b.finalize(s, c, id)).unwrap();
        id
    }

    pub fn appoint(&mut self, tender: u32, members: &[&str]) -> Result<u32, Error> {
        let members: Vec<AccountId32> = members.iter().map(|m| acct(m)).collect();
        self.tx(|b, s| b.appoint(s, &acct("officer"), tender, &members, REVEAL + 7 * DAY, &contracting()))
    }

    pub fn declare(&mut self, tender: u32, member: &str, interest: Interest) -> Result<(), Error> {
        self.tx(|b, s| b.declare(s, &acct(member), tender, &[0xDE; 32], interest))
    }

    pub fn score(&mut self, tender: u32, member: &str, bid: u32, quality: u8) -> Result<(), Error> {
        self.tx(|b, s| b.score(s, &acct(member), tender, bid, quality))
    }
}
