//! Governed upgrades on the real bundles: a funded suite in the middle of a
//! procurement has its budget and escrow replaced, through the governor and
//! its public delay, by the drill's second version (`upgrade-drill`: a
//! migrated field and a new message, built by `scripts/build.sh` as
//! `bundles/{budget,escrow}_drill.contract`); every balance, book, record
//! and role is the same afterwards and the procurement finishes on the new
//! code. Then every way to get around the delay, or to run a migration
//! twice, is refused with nothing changed.

use deploy::chain::Failure;
use deploy::govern;
use e2e_tests::chain::{self, answer, ink_id, Message};
use e2e_tests::procurement::*;
use governor::{Action, ChangeState, DEFAULT_DELAY, DELAY_FLOOR};
use ink::primitives::Hash;
use procurement_shared::tendering::Milestone;
use procurement_shared::{Role, SealedBid, StorageLayout, SuiteContract, DAY_MS as DAY};
use tender::{Method, TenderParams};

/// Releases above 300 000 wait for one Treasurer: the first milestone of a
/// 700 000 award (266 000 after retention) is paid, the second queues.
fn line_policy(line: u32) -> Action {
    let policy =
        budget::ReleasePolicy { auto_release_limit: 300_000, cap_window_ms: 30 * DAY, window_cap: 3_000_000, approvals_required: 1 };
    Action::LinePolicy { line, policy: Some(policy) }
}

/// Everything the upgrade must keep, as text: balances of the suite's
/// contracts and of every person but the Admin, the treasury's books, lines,
/// reservations, commitments and queued releases, the tenders with their
/// bids, evaluations, agreements with their milestones, and every role.
fn snapshot(t: &mut T, tenders: &[u32]) -> String {
    let mut out = Vec::new();
    for contract in ["access_control", "role_book", "budget", "tender", "escrow", "evaluation", "governor"] {
        out.push(format!("{contract} holds {}", t.balance_of(contract)));
    }
    // The Admin's own balance is left out: it pays the deposits of the
    // code it uploads and the changes it schedules.
    out.push(format!("authority: {:?}", t.suite.registry().roles_of(&mut t.s, &acct("authority")).unwrap()));
    let people = [
        "officer",
        "evaluator-1",
        "evaluator-2",
        "evaluator-3",
        "treasurer-1",
        "inspector",
        "auditor",
        "vendor-a",
        "vendor-b",
        "vendor-c",
        "vendor-d",
        "citizen",
    ];
    let registry = t.suite.registry();
    for who in people {
        out.push(format!("{who}: {} {:?}", t.balance(who), registry.roles_of(&mut t.s, &acct(who)).unwrap()));
    }
    let treasury = t.suite.treasury();
    out.push(format!("{:?}", treasury.totals(&mut t.s).unwrap()));
    for line in 0..treasury.line_count(&mut t.s).unwrap() {
        out.push(format!("{:?}", treasury.line(&mut t.s, line).unwrap()));
    }
    for id in 0..4 {
        out.push(format!("{:?}", treasury.reservation(&mut t.s, id).unwrap()));
        out.push(format!("{:?}", treasury.commitment(&mut t.s, id).unwrap()));
        out.push(format!("{:?}", treasury.queued_release(&mut t.s, id).unwrap()));
    }
    for &tender in tenders {
        out.push(format!("{:?}", t.tenders().tender(&mut t.s, tender).unwrap()));
        for vendor in ["vendor-a", "vendor-b", "vendor-c"] {
            out.push(format!("{:?}", t.tenders().bid(&mut t.s, tender, &acct(vendor)).unwrap()));
        }
        out.push(format!("{:?}", t.book().evaluation(&mut t.s, tender).unwrap()));
    }
    out.push(format!("bonds {:?}", t.tenders().bond_totals(&mut t.s).unwrap()));
    let escrow = t.suite.escrow();
    for agreement in 0..escrow.agreement_count(&mut t.s).unwrap() {
        out.push(format!("{:?}", escrow.agreement(&mut t.s, agreement).unwrap()));
        out.push(format!("{:?}", escrow.milestones(&mut t.s, agreement).unwrap()));
    }
    out.join("\n")
}

/// The drill's migrated field, read with its new message.
fn drill_record(t: &mut T, contract: &str) -> Result<Option<procurement_shared::upgrade::drill::Drill>, String> {
    let address = t.suite.address(contract).clone();
    deploy::chain::Chain::query(&mut t.s, &address, &Message::named("drill_record"))
}

fn layout(contract: SuiteContract, version: u16) -> Option<StorageLayout> {
    Some(StorageLayout { contract, version })
}

/// A second tender, open for bids, on the line `line`: its estimate
/// reserved, vendor-b and vendor-c's bonds held.
fn open_tender(t: &mut T, line: u32) -> u32 {
    let now = chain::now(&mut t.s);
    let params = TenderParams {
        line,
        estimate: 400_000,
        dossier: Hash::from([0xD1; 32]),
        bond: BOND,
        submission_deadline: now + 60 * DAY,
        reveal_deadline: now + 63 * DAY,
        method: Method::LowestPrice,
        standstill_ms: 10 * DAY,
        milestones: vec![Milestone { share_bps: 10_000, due_offset_ms: 30 * DAY, description: Hash::from([3; 32]) }],
    };
    let id = answer(t.tenders().publish(&mut t.s, &acct("officer"), &params)).unwrap();
    for (who, salt) in [("vendor-b", 1u8), ("vendor-c", 2)] {
        let bid = SealedBid { price: 350_000, proposal: [0x51; 32], salt: [salt; 32] };
        answer(t.tenders().commit_sealed(&mut t.s, &acct(who), id, &bid, BOND)).unwrap();
    }
    id
}

/// The suite mid-procurement: tender 0 awarded to vendor-a, its agreement
/// signed, the first milestone paid and the second queued for a
/// Treasurer; tender 1 open with two bonds; a second line open.
fn mid_procurement() -> (T, u32, u32, u32) {
    let mut t = T::new();
    let line = t.line;
    e2e_tests::govern(&mut t.s, &t.suite.clone(), &[line_policy(line)]);
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000)]);
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let escrow = t.suite.escrow();
    answer(escrow.sign(&mut t.s, &acct("vendor-a"), agreement)).unwrap();
    t.anyone(|b, s, c| b.settle_winner(s, c, id)).unwrap();
    answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-b"), id)).unwrap();
    chain::set_time(&mut t.s, REVEAL + STANDSTILL + 20 * DAY);
    answer(escrow.deliver(&mut t.s, &acct("vendor-a"), agreement, 0, &[0xE0; 32])).unwrap();
    answer(escrow.approve(&mut t.s, &acct("inspector"), agreement, 0)).unwrap();
    answer(escrow.deliver(&mut t.s, &acct("vendor-a"), agreement, 1, &[0xE1; 32])).unwrap();
    answer(escrow.approve(&mut t.s, &acct("inspector"), agreement, 1)).unwrap();
    let queued = t.suite.treasury().queued_release(&mut t.s, 0).unwrap().expect("the second milestone queues");
    assert_eq!(queued.amount, 399_000, "60 % of 700 000 less 5 % retention");
    let treasury = t.suite.treasury();
    let second =
        answer(treasury.open_line(&mut t.s, &acct("treasurer-1"), b"PARKS-2027", NOW, NOW + 365 * DAY, 500_000)).expect("a second line");
    let open = open_tender(&mut t, second);
    t.check();
    (t, id, agreement, open)
}

#[test]
fn budget_and_escrow_are_upgraded_mid_procurement_keeping_every_balance_book_and_role() {
    let (mut t, id, agreement, open) = mid_procurement();
    let suite = t.suite.clone();
    let admin = suite.admin.clone();
    let before = snapshot(&mut t, &[id, open]);
    let held_before = t.check();

    // Nobody replaces code directly, the Admin included.
    let budget_code = govern::upload(&mut t.s, "budget_drill", &admin).unwrap();
    let escrow_code = govern::upload(&mut t.s, "escrow_drill", &admin).unwrap();
    assert_eq!(
        answer(suite.treasury().set_code::<budget::Error>(&mut t.s, &admin, budget_code)),
        Err(budget::Error::MissingRole { role: Role::Governance, account: ink_id(&admin) })
    );

    // The Admin schedules both; they are public at once.
    let eta = chain::now(&mut t.s) + DEFAULT_DELAY;
    let upgrades = [
        Action::Upgrade { contract: SuiteContract::Budget, code_hash: budget_code },
        Action::Upgrade { contract: SuiteContract::Escrow, code_hash: escrow_code },
    ];
    let ids: Vec<u32> = upgrades.iter().map(|action| govern::schedule(&mut t.s, &suite, action, Some(eta)).unwrap()).collect();
    let pending = govern::pending(&mut t.s, &suite).unwrap();
    assert_eq!(
        pending.iter().map(|(id, change)| (*id, change.action, change.eta)).collect::<Vec<_>>(),
        vec![(ids[0], upgrades[0], eta), (ids[1], upgrades[1], eta)]
    );
    let announced = chain::recorded::<governor::governor::Scheduled>(&t.s, suite.address("governor"));
    assert_eq!(announced.last().map(|s| (s.action, s.eta, s.expires)), Some((upgrades[1], eta, eta + governor::GRACE)));

    // Too early: refused, nothing changed.
    // Whoever executes pays the deposits of what the execution stores: a
    // passer-by outside the snapshot.
    let passer_by = chain::endowed(&mut t.s, "passer-by");
    chain::set_time(&mut t.s, eta - 1);
    assert_eq!(answer(suite.governor().execute(&mut t.s, &passer_by, ids[0])), Err(governor::Error::NotYet { eta }));
    assert_eq!(snapshot(&mut t, &[id, open]), before);

    // After the delay, during an incident: the suite is paused, and anyone
    // executes the upgrades anyway.
    chain::set_time(&mut t.s, eta);
    answer(suite.registry().pause(&mut t.s, &admin)).unwrap();
    for change in &ids {
        assert_eq!(answer(suite.governor().execute(&mut t.s, &passer_by, *change)), Ok(Some(1)), "each migrates from version 1");
        assert_eq!(suite.governor().change(&mut t.s, *change).unwrap().unwrap().state, ChangeState::Executed);
    }
    // The last call's event: the escrow's upgrade, executed by the passer-by.
    let executed = chain::recorded::<governor::governor::Executed>(&t.s, suite.address("governor"));
    assert_eq!((executed[0].action, executed[0].migrated_from, executed[0].by), (upgrades[1], Some(1), ink_id(&passer_by)));

    // Same address, same storage, same money, new code.
    assert_eq!(snapshot(&mut t, &[id, open]), before, "every balance, book, record and role is as it was");
    assert_eq!(t.check(), held_before);
    assert_eq!(suite.treasury().storage_layout(&mut t.s).unwrap(), layout(SuiteContract::Budget, 2));
    assert_eq!(suite.escrow().storage_layout(&mut t.s).unwrap(), layout(SuiteContract::Escrow, 2));
    assert_eq!(suite.tenders().storage_layout(&mut t.s).unwrap(), layout(SuiteContract::Tender, 1), "the others untouched");
    let books = suite.treasury().totals(&mut t.s).unwrap();
    let lines = suite.treasury().line_count(&mut t.s).unwrap();
    let migrated = drill_record(&mut t, "budget").unwrap().expect("the budget's migrated field");
    assert_eq!(migrated, procurement_shared::upgrade::drill::Drill { from: 1, records: u64::from(lines), held: books.balance });
    let escrow_record = drill_record(&mut t, "escrow").unwrap().expect("the escrow's migrated field");
    assert_eq!((escrow_record.from, escrow_record.records), (1, 1));

    // Money exits that work while paused keep working on the new code: the
    // queued milestone is approved and paid, the open tender is cancelled
    // and its bonds come back.
    let (approved, paid) = t.paid_to("vendor-a", |t| answer(t.suite.treasury().approve_release(&mut t.s, &acct("treasurer-1"), 0)));
    approved.unwrap();
    assert_eq!(paid, 399_000);
    t.check();
    answer(suite.registry().unpause(&mut t.s, &admin)).unwrap();
    answer(t.tenders().cancel(&mut t.s, &acct("officer"), open)).unwrap();
    for vendor in ["vendor-b", "vendor-c"] {
        assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct(vendor), open)), Ok(BOND));
    }
    t.check();

    // The procurement finishes on the new code: after the warranty the
    // retention is paid and the commitment closes.
    let escrow = suite.escrow();
    chain::set_time(&mut t.s, REVEAL + STANDSTILL + 20 * DAY + 31 * DAY);
    let (completed, retention) = t.paid_to("vendor-a", |t| answer(t.suite.escrow().complete(&mut t.s, &acct("citizen"), agreement)));
    completed.unwrap();
    assert_eq!(retention, 35_000, "5 % of 700 000");
    assert_eq!(escrow.agreement(&mut t.s, agreement).unwrap().unwrap().state, escrow::AgreementState::Completed);
    let totals = t.check();
    assert_eq!((totals.reserved, totals.committed), (0, 0), "nothing left reserved or committed");
    assert_eq!(totals.released, 700_000, "the award, paid in full");
}

#[test]
fn every_way_around_the_delay_is_refused_with_nothing_changed() {
    let (mut t, id, _, open) = mid_procurement();
    let suite = t.suite.clone();
    let admin = suite.admin.clone();
    let governor = suite.governor();
    let budget_code = govern::upload(&mut t.s, "budget_drill", &admin).unwrap();
    let upgrade = Action::Upgrade { contract: SuiteContract::Budget, code_hash: budget_code };
    let before = snapshot(&mut t, &[id, open]);
    let now = chain::now(&mut t.s);
    let eta = now + DEFAULT_DELAY;

    // Direct `set_code` and `migrate`, on every contract, by the Admin and
    // by anyone else.
    for who in [admin.clone(), acct("officer"), acct("vendor-a")] {
        let account = ink_id(&who);
        let registry = answer(suite.registry().set_code::<access_control::Error>(&mut t.s, &who, budget_code));
        assert_eq!(registry, Err(access_control::Error::MissingRole { role: Role::Governance, account }));
        let book = answer(suite.role_book().set_code::<role_book::Error>(&mut t.s, &who, budget_code));
        assert_eq!(book, Err(role_book::Error::NotGovernor));
        let treasury = answer(suite.treasury().set_code::<budget::Error>(&mut t.s, &who, budget_code));
        assert_eq!(treasury, Err(budget::Error::MissingRole { role: Role::Governance, account }));
        let tenders = answer(suite.tenders().set_code::<tender::Error>(&mut t.s, &who, budget_code));
        assert_eq!(tenders, Err(tender::Error::MissingRole { role: Role::Governance, account }));
        let escrow = answer(suite.escrow().set_code::<escrow::Error>(&mut t.s, &who, budget_code));
        assert_eq!(escrow, Err(escrow::Error::MissingRole { role: Role::Governance, account }));
        let evaluation = answer(suite.evaluations().set_code::<evaluation::Error>(&mut t.s, &who, budget_code));
        assert_eq!(evaluation, Err(evaluation::Error::MissingRole { role: Role::Governance, account }));
        let migrate = answer(suite.treasury().migrate::<budget::Error>(&mut t.s, &who));
        assert_eq!(migrate.map_err(|e| matches!(e, budget::Error::MissingRole { .. })), Err(true));
    }

    // Scheduling: not by anyone but the Admin, not sooner than the delay,
    // not a delay under the floor, not a code that was never uploaded, not
    // the governor's own code.
    assert_eq!(
        answer(governor.schedule(&mut t.s, &acct("officer"), &upgrade, eta)),
        Err(governor::Error::MissingRole { role: Role::Admin, account: ink_id(&acct("officer")) })
    );
    assert_eq!(answer(governor.schedule(&mut t.s, &admin, &upgrade, eta - 1)), Err(governor::Error::TooEarly { earliest: eta }));
    let floor = Action::MinDelay { delay: DELAY_FLOOR - 1 };
    assert_eq!(answer(governor.schedule(&mut t.s, &admin, &floor, eta)), Err(governor::Error::DelayOutOfRange));
    let missing_code = Action::Upgrade { contract: SuiteContract::Escrow, code_hash: Hash::from([0x0C; 32]) };
    match governor.schedule(&mut t.s, &admin, &missing_code, eta) {
        Err(Failure::Chain(reason)) => assert!(reason.contains("CodeNotFound"), "the chain names the reason: {reason}"),
        other => panic!("a code that was never uploaded must be refused at scheduling, got {other:?}"),
    }
    let itself = Action::Upgrade { contract: SuiteContract::Governor, code_hash: budget_code };
    assert_eq!(answer(governor.schedule(&mut t.s, &admin, &itself, eta)), Err(governor::Error::NotUpgradeable));
    assert_eq!(
        (governor.change_count(&mut t.s).unwrap(), governor.pending_count(&mut t.s).unwrap()),
        (2, 0),
        "only the setup's two changes"
    );
    assert_eq!(snapshot(&mut t, &[id, open]), before);

    // Cancelled and executed changes do not run (again).
    let cancelled = govern::schedule(&mut t.s, &suite, &upgrade, Some(eta)).unwrap();
    govern::cancel(&mut t.s, &suite, cancelled).unwrap();
    let real = govern::schedule(&mut t.s, &suite, &upgrade, Some(eta)).unwrap();
    // The wrong code for a contract: the budget's second version scheduled
    // for the escrow is accepted (the chain cannot tell), then refused when
    // its migration finds escrow storage; the whole execution is undone.
    let wrong = govern::schedule(&mut t.s, &suite, &Action::Upgrade { contract: SuiteContract::Escrow, code_hash: budget_code }, Some(eta))
        .unwrap();
    chain::set_time(&mut t.s, eta);
    assert_eq!(answer(governor.execute(&mut t.s, &admin, cancelled)), Err(governor::Error::ChangeCancelled));
    let refused = answer(governor.execute(&mut t.s, &admin, wrong));
    assert_eq!(
        refused,
        Err(governor::Error::TargetUnreachable { contract: SuiteContract::Escrow }),
        "the budget's code traps on escrow storage"
    );
    assert_eq!(suite.escrow().storage_layout(&mut t.s).unwrap(), layout(SuiteContract::Escrow, 1), "the escrow keeps its code");
    assert!(drill_record(&mut t, "escrow").is_err(), "the old code has no drill message");
    assert_eq!(governor.change(&mut t.s, wrong).unwrap().unwrap().state, ChangeState::Pending);
    assert_eq!(snapshot(&mut t, &[id, open]), before);

    assert_eq!(answer(governor.execute(&mut t.s, &admin, real)), Ok(Some(1)));
    assert_eq!(answer(governor.execute(&mut t.s, &admin, real)), Err(governor::Error::AlreadyExecuted));
    // A migration runs once: nobody can call it again, and the same code
    // cannot be scheduled again for the contract that runs it.
    let record = drill_record(&mut t, "budget").unwrap();
    assert_eq!(
        answer(suite.treasury().migrate::<budget::Error>(&mut t.s, &admin)),
        Err(budget::Error::MissingRole { role: Role::Governance, account: ink_id(&admin) })
    );
    let later = chain::now(&mut t.s) + DEFAULT_DELAY;
    assert_eq!(answer(governor.schedule(&mut t.s, &admin, &upgrade, later)), Err(governor::Error::SameCode));
    assert_eq!(drill_record(&mut t, "budget").unwrap(), record);
    // Code that does not know the stored layout refuses it, typed: the
    // first version of the budget finds the second version's storage.
    let first = govern::upload(&mut t.s, "budget", &admin).unwrap();
    let back = Action::Upgrade { contract: SuiteContract::Budget, code_hash: first };
    let downgrade = govern::schedule(&mut t.s, &suite, &back, Some(later)).unwrap();
    chain::set_time(&mut t.s, later);
    let refused = answer(governor.execute(&mut t.s, &admin, downgrade));
    let Err(governor::Error::TargetRefused { contract: SuiteContract::Budget, reason }) = refused else {
        panic!("the first version must refuse the second's storage: {refused:?}");
    };
    assert_eq!(<budget::Error as ink::scale::Decode>::decode(&mut &reason[..]).unwrap(), budget::Error::UnknownLayout);
    assert_eq!(suite.treasury().storage_layout(&mut t.s).unwrap(), layout(SuiteContract::Budget, 2));
    assert_eq!(drill_record(&mut t, "budget").unwrap(), record, "the second version still runs");
    govern::cancel(&mut t.s, &suite, downgrade).unwrap();
    assert_eq!(snapshot(&mut t, &[id, open]), before, "the upgrade changed no balance, book or role");
    // An expired change can only be cleared, by anyone.
    chain::set_time(&mut t.s, eta + governor::GRACE + 1);
    assert!(eta + governor::GRACE + 1 > later, "the clock only moves forward here");
    assert_eq!(answer(governor.execute(&mut t.s, &admin, wrong)), Err(governor::Error::Expired { expired_at: eta + governor::GRACE }));
    answer(governor.cancel(&mut t.s, &acct("citizen"), wrong)).unwrap();
    assert_eq!(governor.pending_count(&mut t.s).unwrap(), 0);
}

#[test]
fn a_rule_change_waits_and_the_minimum_delay_changes_only_through_itself() {
    let mut t = T::new();
    let suite = t.suite.clone();
    let admin = suite.admin.clone();
    let governor = suite.governor();
    assert_eq!(governor.min_delay(&mut t.s).unwrap(), DEFAULT_DELAY);
    // Shortening the delay is itself delayed, and never below the floor.
    let shorter = Action::MinDelay { delay: DELAY_FLOOR };
    let id = govern::schedule(&mut t.s, &suite, &shorter, None).unwrap();
    let eta = governor.change(&mut t.s, id).unwrap().unwrap().eta;
    // The tools ask for the delay plus a landing margin (govern::LANDING_MS).
    assert_eq!(eta, chain::now(&mut t.s) + DEFAULT_DELAY + govern::LANDING_MS);
    chain::set_time(&mut t.s, eta);
    answer(governor.execute(&mut t.s, &acct("citizen"), id)).unwrap();
    assert_eq!(governor.min_delay(&mut t.s).unwrap(), DELAY_FLOOR);
    // A policy change now waits the new delay; until it runs the old
    // policy holds, and the Admin cannot set it directly.
    let before = t.suite.treasury().default_policy(&mut t.s).unwrap();
    let policy = budget::ReleasePolicy { approvals_required: 3, ..before };
    assert_eq!(
        answer(t.suite.treasury().set_default_policy(&mut t.s, &admin, &policy)),
        Err(budget::Error::MissingRole { role: Role::Governance, account: ink_id(&admin) })
    );
    // Asked for at the very first moment the new delay allows.
    let now = chain::now(&mut t.s);
    let change = govern::schedule(&mut t.s, &suite, &Action::DefaultPolicy { policy }, Some(now + DELAY_FLOOR)).unwrap();
    chain::set_time(&mut t.s, now + DELAY_FLOOR - 1);
    assert!(matches!(answer(governor.execute(&mut t.s, &admin, change)), Err(governor::Error::NotYet { .. })));
    assert_eq!(t.suite.treasury().default_policy(&mut t.s).unwrap(), before);
    chain::set_time(&mut t.s, now + DELAY_FLOOR);
    answer(governor.execute(&mut t.s, &admin, change)).unwrap();
    assert_eq!(t.suite.treasury().default_policy(&mut t.s).unwrap(), policy);
    let changed = chain::recorded::<budget::events::PolicyChanged>(&t.s, suite.address("budget"));
    assert_eq!(changed.last().map(|c| c.by), Some(ink_id(suite.address("governor"))));
}
