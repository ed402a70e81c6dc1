//! drink tests of the evaluation book across all five contracts: the
//! committee is checked against the registry and against the tender's own
//! bids, the valid revealed bids are read from the tender, the published
//! ranking is recomputed here from the public entries with
//! `procurement_shared::ranking`; the award goes to the tender, protests hold
//! bonds, the conclusion commits the price in the budget and offers the
//! escrow agreement, and a lapse hands the award to the runner-up. After
//! every step [`T::check`] holds every contract to its books.

use drink::AccountId32;
use e2e_tests::chain::{self, answer, ink_id};
use e2e_tests::procurement::*;
use evaluation::evaluation::{
    AwardSetAside, Concluded, Declared, MemberReplaced, ProtestSettled, ProvisionallyAwarded, Ranked, Scored, WinnerSettled,
};
use evaluation::{Error, Interest, MemberState, ProtestState, SetAside, Stage};
use ink::primitives::Hash;
use procurement_shared::ranking::{self, Candidate, Method};
use procurement_shared::tendering::BondSettlement;
use procurement_shared::{Role, Ruling};

/// A weighted tender from bids to a published ranking: one bid above the
/// estimate is left out, a member with a conflict is replaced, every score
/// and the ranking are public, and the ranking recomputes off-chain.
#[test]
fn a_committee_scores_and_publishes_a_ranking_anyone_can_recompute() {
    let mut t = T::new();
    let method = Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 };
    let id = t.tender_with(method, &[("vendor-a", 900_000), ("vendor-b", ESTIMATE + 1), ("vendor-c", 750_000), ("vendor-d", 800_000)]);
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Ok(3), "three valid bids of four");
    let entries: Vec<AccountId32> = (0..3).map(|i| chain::from_ink(&t.book().entry(&mut t.s, id, i).unwrap().unwrap().bidder)).collect();
    assert_eq!(entries, vec![acct("vendor-a"), acct("vendor-c"), acct("vendor-d")]);

    // evaluator-2 declares a conflict; the officer seats evaluator-4.
    t.declare(id, "evaluator-2", Interest::Conflict).unwrap();
    assert_eq!(t.events::<Declared>()[0].interest, Interest::Conflict);
    let officer = acct("officer");
    t.tx(|b, s| b.replace(s, &officer, id, &acct("evaluator-2"), &acct("evaluator-4"))).unwrap();
    assert_eq!(t.events::<MemberReplaced>()[0].replacement, ink_id(&acct("evaluator-4")));
    for m in ["evaluator-1", "evaluator-3", "evaluator-4"] {
        t.declare(id, m, Interest::Impartial).unwrap();
    }
    let committee = t.book().committee(&mut t.s, id).unwrap();
    assert_eq!(
        committee.iter().map(|(a, _)| chain::from_ink(a)).collect::<Vec<_>>(),
        vec![acct("evaluator-1"), acct("evaluator-4"), acct("evaluator-3")]
    );
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

    let citizen = t.citizen.clone();
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
    assert_eq!(t.stage(id), Stage::Standstill { bid: 0, ends: REVEAL + STANDSTILL });
    assert_eq!(t.score(id, "evaluator-1", 0, 10), Err(Error::AlreadyRanked));
    t.check();
}

/// The whole procurement across the five contracts, weighted method: from
/// publication to a signed agreement whose first milestone is paid
/// automatically, with a protest rejected on the way; every contract
/// checked against its books after every step.
#[test]
fn a_procurement_runs_from_publication_to_a_first_paid_milestone() {
    let mut t = T::new();
    let method = Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 };
    let id = t.tender_with(method, &[("vendor-a", 900_000), ("vendor-b", ESTIMATE + 1), ("vendor-c", 750_000), ("vendor-d", 800_000)]);
    let reserved = t.check().reserved;
    assert_eq!(reserved, ESTIMATE);
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Ok(3));
    t.check();
    let marks = [("evaluator-1", [80u8, 40, 70]), ("evaluator-2", [90, 45, 60]), ("evaluator-3", [85, 44, 65])];
    for (member, scores) in marks {
        t.declare(id, member, Interest::Impartial).unwrap();
        for (bid, quality) in (0u32..).zip(scores) {
            t.score(id, member, bid, quality).unwrap();
        }
    }
    t.check();
    // Ranking: vendor-a (bid 0) first, vendor-d (bid 2) second, vendor-c
    // (bid 1) under the quality threshold.
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(Some(0)));
    let winner = ink_id(&acct("vendor-a"));
    assert_eq!(t.tender_status(id), tender::TenderStatus::Awarded { winner });
    let ev = &t.events::<ProvisionallyAwarded>()[0];
    assert_eq!((ev.round, ev.bid, ev.winner, ev.price, ev.standstill_ends), (1, 0, winner, 900_000, REVEAL + STANDSTILL));
    t.check();
    // The winner's bond is bid security now; the others come back.
    assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-a"), id)), Err(tender::Error::BondNotClaimable));
    for v in ["vendor-b", "vendor-c", "vendor-d"] {
        assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct(v), id)), Ok(BOND));
        t.check();
    }

    // vendor-d protests; the conclusion waits; the Auditor rejects it and
    // the protest bond becomes public money.
    assert_eq!(t.protest(id, "vendor-d", 0), Err(Error::NotProtestable), "not its bid");
    assert_eq!(t.tx(|b, s| b.protest(s, &acct("vendor-d"), id, 2, &[0x9A; 32], BOND - 1)), Err(Error::WrongBond));
    chain::set_time(&mut t.s, REVEAL + 5 * DAY);
    let protest = t.protest(id, "vendor-d", 2).unwrap();
    assert_eq!(t.check().unappropriated, 2_000_000);
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    assert_eq!(t.protest(id, "vendor-c", 1), Err(Error::StandstillOver));
    assert_eq!(t.anyone(|b, s, c| b.conclude(s, c, id)), Err(Error::ProtestOpen));
    let citizen = t.citizen.clone();
    assert_eq!(
        t.tx(|b, s| b.resolve(s, &citizen, id, protest, Ruling::Dismiss, &[0x9B; 32])),
        Err(Error::MissingRole { role: Role::Auditor, account: ink_id(&citizen) })
    );
    t.resolve(id, protest, Ruling::Dismiss).unwrap();
    assert_eq!(t.check().unappropriated, 2_000_000 + BOND, "the rejected protest's bond went to the treasury");
    assert_eq!(t.book().protest_of(&mut t.s, id, protest).unwrap().unwrap().state, ProtestState::Rejected(Hash::from([0x9B; 32])));

    // Conclusion: the price committed, the surplus back on the line, the
    // plan scaled into the escrow's offer.
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let totals = t.check();
    assert_eq!((totals.reserved, totals.committed), (0, 900_000));
    let ev = &t.events::<Concluded>()[0];
    let commitment = t.suite.treasury().commitment(&mut t.s, ev.commitment).unwrap().unwrap();
    assert_eq!((commitment.payee, commitment.amount, commitment.tender), (winner, 900_000, id));
    let escrow = t.suite.escrow();
    let offer = escrow.agreement(&mut t.s, agreement).unwrap().unwrap();
    let start = REVEAL + STANDSTILL;
    assert_eq!(
        (offer.vendor, offer.price, offer.commitment, offer.state),
        (winner, 900_000, ev.commitment, escrow::AgreementState::Offered)
    );
    assert_eq!((offer.inspector, offer.sign_by, offer.terms), (ink_id(&acct("inspector")), start + 14 * DAY, contracting().terms));
    let plan: Vec<(u128, u64)> = escrow.milestones(&mut t.s, agreement).unwrap().iter().map(|m| (m.amount, m.due)).collect();
    assert_eq!(plan, vec![(360_000, start + 30 * DAY), (540_000, start + 90 * DAY)]);
    assert_eq!(t.anyone(|b, s, c| b.settle_winner(s, c, id)), Err(Error::AgreementPending));

    // The winner signs; its bond comes back.
    answer(escrow.sign(&mut t.s, &acct("vendor-a"), agreement)).unwrap();
    let (settled, gained) = t.paid_to("vendor-a", |t| t.anyone(|b, s, c| b.settle_winner(s, c, id)));
    assert_eq!((settled, gained), (Ok(BOND), BOND));
    assert_eq!(t.stage(id), Stage::Signed { bid: 0, agreement });
    let ev = &t.events::<WinnerSettled>()[0];
    assert_eq!((ev.settlement, ev.bond), (BondSettlement::Return, BOND));
    t.check();

    // The first milestone: delivered, approved, paid at once (5 % retained).
    chain::set_time(&mut t.s, start + 20 * DAY);
    answer(escrow.deliver(&mut t.s, &acct("vendor-a"), agreement, 0, &[0xE0; 32])).unwrap();
    t.check();
    let (approved, paid) = t.paid_to("vendor-a", |t| {
        let escrow = t.suite.escrow();
        answer(escrow.approve(&mut t.s, &acct("inspector"), agreement, 0))
    });
    assert_eq!((approved, paid), (Ok(()), 342_000));
    let totals = t.check();
    assert_eq!((totals.committed, totals.released), (900_000 - 342_000, 342_000));
}

/// Lowest price: two protests against the award; the Auditor upholds one,
/// the award moves to the next bid with a new standstill, the other protest
/// is moot and refunded, and the new award is concluded.
#[test]
fn an_upheld_protest_moves_the_award_to_the_next_bid() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 900_000), ("vendor-b", 700_000), ("vendor-c", 800_000)]);
    t.committee_declares(id);
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(Some(1)));
    let first = t.protest(id, "vendor-a", 0).unwrap();
    let second = t.protest(id, "vendor-c", 2).unwrap();
    assert_eq!(t.protest(id, "vendor-b", 1), Err(Error::NotProtestable), "the winner");
    assert_eq!(t.protest(id, "vendor-c", 2), Err(Error::AlreadyProtested));
    t.check();

    chain::set_time(&mut t.s, REVEAL + DAY);
    let before_b = t.balance("vendor-b");
    let (upheld, refunded) = t.paid_to("vendor-c", |t| t.resolve(id, second, Ruling::Uphold));
    assert_eq!((upheld, refunded), (Ok(()), BOND));
    assert_eq!(t.balance("vendor-b") - before_b, BOND, "the set-aside winner's bond goes back: it did nothing wrong");
    assert_eq!(t.stage(id), Stage::Standstill { bid: 2, ends: REVEAL + DAY + STANDSTILL });
    assert_eq!(t.tender_status(id), tender::TenderStatus::Awarded { winner: ink_id(&acct("vendor-c")) });
    let aside = &t.events::<AwardSetAside>()[0];
    assert_eq!((aside.round, aside.bid, aside.cause), (1, 1, SetAside::Protest));
    assert_eq!(t.events::<Ranked>()[0].round, 2);
    assert_eq!(t.book().ranking(&mut t.s, id).unwrap().unwrap().iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![2, 0]);
    t.check();

    // vendor-a's protest was against the award that is gone.
    assert_eq!(t.resolve(id, first, Ruling::Uphold), Err(Error::ProtestMoot));
    // A refund the contract cannot pay (its money taken from under its
    // books, a bug elsewhere) refuses and changes nothing.
    let evaluation = t.suite.address("evaluation").clone();
    let holding = chain::balance(&mut t.s, &evaluation);
    chain::set_free_balance(&mut t.s, &evaluation, chain::EXISTENTIAL_DEPOSIT);
    assert_eq!(t.anyone(|b, s, c| b.settle_protest(s, c, id, first)), Err(Error::TransferFailed));
    assert_eq!(t.book().protest_of(&mut t.s, id, first).unwrap().unwrap().state, ProtestState::Open);
    chain::set_free_balance(&mut t.s, &evaluation, holding);
    let (moot, refunded) = t.paid_to("vendor-a", |t| t.anyone(|b, s, c| b.settle_protest(s, c, id, first)));
    assert_eq!((moot, refunded), (Ok(()), BOND));
    assert_eq!(t.events::<ProtestSettled>()[0].state, ProtestState::Moot);
    t.check();
    // vendor-a may protest the new award; rejected, the bond is public money.
    let third = t.protest(id, "vendor-a", 0).unwrap();
    let before = t.check().unappropriated;
    t.resolve(id, third, Ruling::Dismiss).unwrap();
    assert_eq!(t.check().unappropriated, before + BOND);

    chain::set_time(&mut t.s, REVEAL + DAY + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let offer = t.suite.escrow().agreement(&mut t.s, agreement).unwrap().unwrap();
    assert_eq!((offer.vendor, offer.price), (ink_id(&acct("vendor-c")), 800_000));
    let totals = t.check();
    assert_eq!((totals.reserved, totals.committed), (0, 800_000));
}

/// The winner does not sign: the offer lapses, the bond is forfeited into
/// the treasury, the officer awards the runner-up (the tender reserves its
/// estimate again), who signs and is paid for its first milestone.
#[test]
fn an_unresponsive_winner_forfeits_the_bond_and_the_runner_up_gets_the_agreement() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 900_000), ("vendor-b", 700_000)]);
    t.committee_declares(id);
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(Some(1)));
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let lapsing = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    t.check();
    let escrow = t.suite.escrow();
    let sign_by = escrow.agreement(&mut t.s, lapsing).unwrap().unwrap().sign_by;
    chain::set_time(&mut t.s, sign_by);
    let citizen = t.citizen.clone();
    answer(escrow.lapse(&mut t.s, &citizen, lapsing)).unwrap();
    let before = t.check();
    assert_eq!((before.committed, before.reserved), (0, 0), "the lapsed commitment went back to the line");

    assert_eq!(t.anyone(|b, s, c| b.settle_winner(s, c, id)), Ok(BOND));
    let after = t.check();
    assert_eq!(after.unappropriated, before.unappropriated + BOND, "the winner's bond was forfeited into the treasury");
    assert_eq!(t.stage(id), Stage::Lapsed { bid: 1, since: sign_by });
    assert_eq!(t.events::<WinnerSettled>()[0].settlement, BondSettlement::Forfeit);
    assert_eq!(t.events::<AwardSetAside>()[0].cause, SetAside::Lapsed);

    assert_eq!(
        t.tx(|b, s| b.award_next(s, &acct("vendor-a"), id)),
        Err(Error::MissingRole { role: Role::ProcurementOfficer, account: ink_id(&acct("vendor-a")) })
    );
    assert_eq!(t.tx(|b, s| b.award_next(s, &acct("officer"), id)), Ok(Some(0)));
    assert_eq!(t.check().reserved, ESTIMATE, "the estimate is reserved again: it covers any bid a protest may still move the award to");
    let ends = sign_by + STANDSTILL;
    assert_eq!(t.stage(id), Stage::Standstill { bid: 0, ends });
    assert_eq!(t.tender_status(id), tender::TenderStatus::Awarded { winner: ink_id(&acct("vendor-a")) });

    chain::set_time(&mut t.s, ends);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    assert_eq!((t.check().committed, t.check().reserved), (900_000, 0));
    answer(escrow.sign(&mut t.s, &acct("vendor-a"), agreement)).unwrap();
    let (settled, gained) = t.paid_to("vendor-a", |t| t.anyone(|b, s, c| b.settle_winner(s, c, id)));
    assert_eq!((settled, gained), (Ok(BOND), BOND), "the runner-up never claimed its bond: it was security, and comes back now");
    answer(escrow.deliver(&mut t.s, &acct("vendor-a"), agreement, 0, &[0xE0; 32])).unwrap();
    let (approved, paid) = t.paid_to("vendor-a", |t| {
        let escrow = t.suite.escrow();
        answer(escrow.approve(&mut t.s, &acct("inspector"), agreement, 0))
    });
    assert_eq!((approved, paid), (Ok(()), 342_000));
    t.check();
}

/// Three ways a tender ends without an agreement: no valid bid, no
/// admissible bid, and a lapse the officer answers by closing.
#[test]
fn tenders_without_an_agreement_end_unsuccessful_and_free_their_money() {
    let mut t = T::new();
    // Every bid over the estimate.
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", ESTIMATE + 1)]);
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::NoValidBids));
    t.anyone(|b, s, c| b.close_without_bids(s, c, id)).unwrap();
    assert_eq!(t.tender_status(id), tender::TenderStatus::Unsuccessful);
    assert_eq!(t.check().reserved, 0, "the reservation is freed");
    assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-a"), id)), Ok(BOND));
    t.check();

    // Nothing reaches the quality threshold.
    let method = Method::Weighted { price_weight: 50, quality_weight: 50, min_quality: 60 };
    let id = t.tender_with(method, &[("vendor-a", 900_000), ("vendor-b", 800_000)]);
    t.committee_declares(id);
    for m in ["evaluator-1", "evaluator-2", "evaluator-3"] {
        t.score(id, m, 0, 40).unwrap();
        t.score(id, m, 1, 55).unwrap();
    }
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(None));
    assert_eq!((t.stage(id), t.tender_status(id)), (Stage::Unsuccessful, tender::TenderStatus::Unsuccessful));
    assert_eq!(t.check().reserved, 0);
    for v in ["vendor-a", "vendor-b"] {
        assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct(v), id)), Ok(BOND));
    }
    t.check();

    // A lapse, and the officer closes instead of awarding the runner-up.
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 900_000), ("vendor-b", 700_000)]);
    t.committee_declares(id);
    t.anyone(|b, s, c| b.finalize(s, c, id)).unwrap();
    assert_eq!(t.tx(|b, s| b.close(s, &acct("officer"), id)), Err(Error::WrongStage));
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    chain::set_time(&mut t.s, REVEAL + STANDSTILL + 14 * DAY);
    let escrow = t.suite.escrow();
    let citizen = t.citizen.clone();
    answer(escrow.lapse(&mut t.s, &citizen, agreement)).unwrap();
    t.anyone(|b, s, c| b.settle_winner(s, c, id)).unwrap();
    t.tx(|b, s| b.close(s, &acct("officer"), id)).unwrap();
    assert_eq!((t.stage(id), t.tender_status(id)), (Stage::Unsuccessful, tender::TenderStatus::Unsuccessful));
    let totals = t.check();
    assert_eq!((totals.reserved, totals.committed), (0, 0));
    assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-a"), id)), Ok(BOND));
    t.check();
}

/// An Evaluator who bid on the tender is refused even though the registry
/// allows the account to be an Evaluator now (it stopped being a Vendor
/// after bidding).
#[test]
fn an_evaluator_who_bid_is_refused() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 900_000), ("vendor-b", 800_000)]);
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    answer(registry.revoke_role(&mut t.s, &admin, Role::Vendor, &acct("vendor-b"))).unwrap();
    answer(registry.grant_role(&mut t.s, &admin, Role::Evaluator, &acct("vendor-b"))).unwrap();
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "vendor-b"]), Err(Error::MemberBid { member: ink_id(&acct("vendor-b")) }));
    assert_eq!(
        t.appoint(id, &["evaluator-1", "evaluator-2", "vendor-a"]),
        Err(Error::MissingRole { role: Role::Evaluator, account: ink_id(&acct("vendor-a")) })
    );
    assert_eq!(t.book().evaluation(&mut t.s, id).unwrap(), None);
    // Lowest price ranks as soon as the committee has declared.
    t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]).unwrap();
    for m in ["evaluator-1", "evaluator-2", "evaluator-3"] {
        t.declare(id, m, Interest::Impartial).unwrap();
    }
    let officer = acct("officer");
    assert_eq!(t.tx(|b, s| b.finalize(s, &officer, id)), Ok(Some(1)));
}

#[test]
fn a_committee_waits_for_the_reveal_deadline_and_an_open_tender() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 900_000)]);
    chain::set_time(&mut t.s, REVEAL - 1);
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::RevealStillOpen));
    chain::set_time(&mut t.s, REVEAL);
    answer(t.tenders().cancel(&mut t.s, &acct("officer"), id)).unwrap();
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::TenderNotOpen));
    assert_eq!(t.appoint(77, &["evaluator-1", "evaluator-2", "evaluator-3"]), Err(Error::TenderNotFound));
}

/// A pause stops new business, never a bidder's rights: protests and their
/// decisions go on, the conclusion (new money committed) waits.
#[test]
fn a_pause_holds_the_conclusion_but_not_the_protests() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 900_000), ("vendor-b", 700_000)]);
    t.committee_declares(id);
    let (registry, admin) = (t.suite.registry(), t.suite.admin.clone());
    answer(registry.pause(&mut t.s, &admin)).unwrap();
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(Some(1)), "ranking moves no money");
    let protest = t.protest(id, "vendor-a", 0).unwrap();
    t.resolve(id, protest, Ruling::Dismiss).unwrap();
    t.check();
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    assert_eq!(t.anyone(|b, s, c| b.conclude(s, c, id)), Err(Error::Budget(budget::Error::Paused.into())));
    assert_eq!(t.stage(id), Stage::Standstill { bid: 1, ends: REVEAL + STANDSTILL });
    answer(registry.unpause(&mut t.s, &admin)).unwrap();
    assert!(t.anyone(|b, s, c| b.conclude(s, c, id)).is_ok());
    t.check();
}
