//! drink tests of the cases in which an award used to get stuck, or a party
//! could decide its own case, each replayed on the real bundles across the
//! five contracts: the procurement now reaches a final state with the money
//! where the rule says, or the decision is refused with a typed error and
//! nothing changes. After every step [`T::check`] holds every contract to
//! its books.

use e2e_tests::chain::{self, answer, ink_id};
use e2e_tests::procurement::*;
use evaluation::evaluation::{AwardSetAside, ProvisionallyAwarded};
use evaluation::{Error, Interest, ProtestState, SetAside, Stage};
use procurement_shared::ranking::Method;
use procurement_shared::tendering::Funding;
use procurement_shared::{Peers, Role, Ruling};

/// Runs the award through the standstill and has the winner let the offer
/// lapse; returns the time of the lapse.
fn lapse_the_award(t: &mut T, id: u32) -> u64 {
    let now = chain::now(&mut t.s);
    let Stage::Standstill { ends, .. } = t.stage(id) else { panic!("not in a standstill: {:?}", t.stage(id)) };
    chain::set_time(&mut t.s, ends.max(now));
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let escrow = t.suite.escrow();
    let sign_by = escrow.agreement(&mut t.s, agreement).unwrap().unwrap().sign_by;
    chain::set_time(&mut t.s, sign_by);
    let citizen = t.citizen.clone();
    answer(escrow.lapse(&mut t.s, &citizen, agreement)).unwrap();
    t.anyone(|b, s, c| b.settle_winner(s, c, id)).unwrap();
    t.check();
    sign_by
}

/// Case 1: a valid-looking bid of price 1 on a 40/60 plan would scale to a
/// milestone of 0, which the escrow refuses at the conclusion. It is now
/// revealed as invalid (the plan's lowest price is 3), gets its bond back at
/// once, is never ranked, and the real winner's agreement is concluded.
#[test]
fn a_price_too_small_for_the_plan_is_invalid_at_reveal_and_never_blocks_the_award() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 1), ("vendor-b", 900_000)]);
    assert_eq!(t.tenders().tender(&mut t.s, id).unwrap().unwrap().min_price, 3);
    let bid = t.tenders().bid(&mut t.s, id, &acct("vendor-a")).unwrap().unwrap();
    assert!(matches!(bid.state, tender::BidState::Revealed { price: 1, valid: false, .. }));
    assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-a"), id)), Ok(BOND), "an invalid bid's bond comes back at once");
    t.check();
    assert_eq!(t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]), Ok(1), "only the valid bid is evaluated");
    for m in ["evaluator-1", "evaluator-2", "evaluator-3"] {
        t.declare(id, m, Interest::Impartial).unwrap();
    }
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(Some(0)));
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let milestones = t.suite.escrow().milestones(&mut t.s, agreement).unwrap();
    assert_eq!(milestones.iter().map(|m| m.amount).collect::<Vec<_>>(), vec![360_000, 540_000]);
    assert_eq!(t.check().committed, 900_000);
}

/// Case 2: a plan whose first milestone falls due at the conclusion would
/// give the winner no time to sign, and the escrow would refuse the offer.
/// The tender refuses such a plan at publication, and nothing is reserved.
#[test]
fn a_plan_due_at_the_conclusion_is_refused_at_publication() {
    let mut t = T::new();
    let count = t.tenders().tender_count(&mut t.s).unwrap();
    let before = t.check();
    let mut params = t.params(Method::LowestPrice);
    params.milestones[0].due_offset_ms = 0;
    chain::set_time(&mut t.s, NOW);
    assert_eq!(answer(t.tenders().publish(&mut t.s, &acct("officer"), &params)), Err(tender::Error::InvalidMilestones));
    assert_eq!(t.tenders().tender_count(&mut t.s).unwrap(), count);
    assert_eq!(t.check(), before, "nothing reserved");
}

/// Case 3: after a lapse the tender reserved only the runner-up's price; a
/// protest upheld against the runner-up then moved the award to a dearer
/// bid that the reservation could not cover, and `conclude` failed for
/// good. The tender now reserves its whole estimate again, so the dearer
/// bid's agreement is concluded and its price committed.
#[test]
fn a_protest_after_a_lapse_moves_the_award_to_a_dearer_bid_that_is_still_covered() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 700_000), ("vendor-b", 800_000), ("vendor-c", 950_000)]);
    t.committee_declares(id);
    assert_eq!(t.anyone(|b, s, c| b.finalize(s, c, id)), Ok(Some(0)));
    let lapsed = lapse_the_award(&mut t, id);
    assert_eq!(t.tx(|b, s| b.award_next(s, &acct("officer"), id)), Ok(Some(1)));
    assert_eq!(t.check().reserved, ESTIMATE);
    let protest = t.protest(id, "vendor-c", 2).unwrap();
    chain::set_time(&mut t.s, lapsed + DAY);
    t.resolve(id, protest, Ruling::Uphold).unwrap();
    assert_eq!(t.events::<ProvisionallyAwarded>()[0].price, 950_000);
    t.check();
    let Stage::Standstill { ends, .. } = t.stage(id) else { panic!("{:?}", t.stage(id)) };
    chain::set_time(&mut t.s, ends);
    t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let totals = t.check();
    assert_eq!((totals.committed, totals.reserved), (950_000, 0), "the price committed, the rest of the estimate back on the line");
}

/// Case 4: the runner-up took its bond back after the first award (it had
/// lost), then was awarded after the winner lapsed with no security, free
/// to walk away. Taking the bond back now withdraws the offer: the award
/// passes it over to the next bid that still holds its bond.
#[test]
fn a_bidder_that_took_its_bond_back_is_passed_over_after_a_lapse() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000), ("vendor-c", 900_000)]);
    assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-b"), id)), Ok(BOND));
    lapse_the_award(&mut t, id);
    assert_eq!(t.tx(|b, s| b.award_next(s, &acct("officer"), id)), Ok(Some(2)));
    let aside = t.events::<AwardSetAside>();
    assert_eq!((aside[0].bid, aside[0].cause), (1, SetAside::SecurityWithdrawn));
    assert_eq!(t.tender_status(id), tender::TenderStatus::Awarded { winner: ink_id(&acct("vendor-c")) });
    assert!(t.book().entry(&mut t.s, id, 1).unwrap().unwrap().excluded);
    t.check();
    // The one awarded holds its bond as security, as every winner does.
    assert_eq!(answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-c"), id)), Err(tender::Error::BondNotClaimable));

    // With nobody left holding a bond, the tender closes instead.
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000)]);
    answer(t.tenders().claim_bond(&mut t.s, &acct("vendor-b"), id)).unwrap();
    lapse_the_award(&mut t, id);
    assert_eq!(t.tx(|b, s| b.award_next(s, &acct("officer"), id)), Ok(None));
    assert_eq!((t.stage(id), t.tender_status(id)), (Stage::Unsuccessful, tender::TenderStatus::Unsuccessful));
    t.check();
}

/// Case 5: `appoint` refused the agreement's Inspector on the committee but
/// `replace` seated it. Both entries now apply the one rule.
#[test]
fn the_inspector_is_refused_as_a_replacement_member_too() {
    let mut t = T::new();
    let id = t.tender_with(Method::LowestPrice, &[("vendor-a", 700_000)]);
    t.appoint(id, &["evaluator-1", "evaluator-2", "evaluator-3"]).unwrap();
    t.declare(id, "evaluator-2", Interest::Conflict).unwrap();
    let admin = t.suite.admin.clone();
    let registry = t.suite.registry();
    // Even holding the Evaluator role (the registry allows it once the pair
    // is lifted), the agreement's Inspector does not rank the bids.
    e2e_tests::govern(&mut t.s, &t.suite, &[governor::Action::LiftExclusive { first: Role::Evaluator, second: Role::Inspector }]);
    answer(registry.grant_role(&mut t.s, &admin, Role::Evaluator, &acct("inspector"))).unwrap();
    let before = t.book().evaluation(&mut t.s, id).unwrap();
    let officer = acct("officer");
    assert_eq!(t.tx(|b, s| b.replace(s, &officer, id, &acct("evaluator-2"), &acct("inspector"))), Err(Error::InspectorOnCommittee));
    assert_eq!(t.book().evaluation(&mut t.s, id).unwrap(), before);
    t.tx(|b, s| b.replace(s, &officer, id, &acct("evaluator-2"), &acct("evaluator-4"))).unwrap();
}

/// Case 6: money sent to the escrow or the evaluation outside their
/// messages had no exit. The Admin books it into the treasury, and nowhere
/// else; the evaluation keeps exactly its protest bonds.
#[test]
fn money_sent_to_escrow_or_evaluation_is_booked_into_the_treasury() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000)]);
    t.protest(id, "vendor-b", 1).unwrap();
    let escrow = t.suite.address("escrow").clone();
    let evaluation = t.suite.address("evaluation").clone();
    chain::fund(&mut t.s, &escrow, 1_234);
    chain::fund(&mut t.s, &evaluation, 999);
    let admin = t.suite.admin.clone();
    let before = t.suite.treasury().totals(&mut t.s).unwrap().unappropriated;
    assert_eq!(
        answer(t.suite.escrow().book_surplus(&mut t.s, &acct("officer"))),
        Err(escrow::Error::MissingRole { role: Role::Admin, account: ink_id(&acct("officer")) })
    );
    assert_eq!(answer(t.suite.escrow().book_surplus(&mut t.s, &admin)), Ok(1_234));
    assert_eq!(answer(t.book().book_surplus(&mut t.s, &admin)), Ok(999));
    assert_eq!(answer(t.book().book_surplus(&mut t.s, &admin)), Err(Error::NoSurplus), "the protest bond is not surplus");
    let totals = t.check();
    assert_eq!(totals.unappropriated, before + 1_234 + 999);
    assert_eq!(t.book().held(&mut t.s).unwrap(), BOND);
}

/// Case 7: an officer holding the delegated Vendor-admin role revoked the
/// winner's Vendor role during the standstill, so the winner could not
/// sign, lost its bond and the award moved on. The vendor's standing in a
/// procurement it entered now comes from its bid and award: the winner
/// signs, delivers and is paid all the same.
#[test]
fn revoking_the_winners_vendor_role_does_not_knock_it_out() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000)]);
    let admin = t.suite.admin.clone();
    let registry = t.suite.registry();
    answer(registry.set_role_admin(&mut t.s, &admin, Role::Vendor, Role::ProcurementOfficer)).unwrap();
    answer(registry.revoke_role(&mut t.s, &acct("officer"), Role::Vendor, &acct("vendor-a"))).unwrap();
    assert!(!registry.has_role(&mut t.s, Role::Vendor, &acct("vendor-a")).unwrap());
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let escrow = t.suite.escrow();
    answer(escrow.sign(&mut t.s, &acct("vendor-a"), agreement)).unwrap();
    let (settled, gained) = t.paid_to("vendor-a", |t| t.anyone(|b, s, c| b.settle_winner(s, c, id)));
    assert_eq!((settled, gained), (Ok(BOND), BOND), "signed: the bond comes back");
    chain::set_time(&mut t.s, REVEAL + STANDSTILL + 30 * DAY);
    answer(escrow.deliver(&mut t.s, &acct("vendor-a"), agreement, 0, &[0xE0; 32])).unwrap();
    let (approved, paid) = t.paid_to("vendor-a", |t| answer(t.suite.escrow().approve(&mut t.s, &acct("inspector"), agreement, 0)));
    approved.unwrap();
    assert_eq!(paid, 266_000, "40 % of 700 000 less 5 % retention");
    // It cannot bid again without the role: registration is checked at bid time.
    t.check();
}

/// Case 8: a committee member later made an Auditor rejected the protest
/// against the ranking it made. The procurement's own records now name it a
/// party: refused, and nothing changes; an independent Auditor decides.
#[test]
fn a_committee_member_made_auditor_cannot_decide_a_protest_against_its_ranking() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000)]);
    let protest = t.protest(id, "vendor-b", 1).unwrap();
    let admin = t.suite.admin.clone();
    let registry = t.suite.registry();
    answer(registry.revoke_role(&mut t.s, &admin, Role::Evaluator, &acct("evaluator-1"))).unwrap();
    answer(registry.grant_role(&mut t.s, &admin, Role::Auditor, &acct("evaluator-1"))).unwrap();
    let before = (t.book().evaluation(&mut t.s, id).unwrap(), t.balance("vendor-b"), t.check());
    let member = acct("evaluator-1");
    assert_eq!(t.tx(|b, s| b.resolve(s, &member, id, protest, Ruling::Dismiss, &[0x9B; 32])), Err(Error::PartyCannotDecide));
    assert_eq!((t.book().evaluation(&mut t.s, id).unwrap(), t.balance("vendor-b"), t.check()), before);
    assert_eq!(t.book().protest_of(&mut t.s, id, protest).unwrap().unwrap().state, ProtestState::Open);
    // So is a bidder, whatever its roles now.
    answer(registry.revoke_role(&mut t.s, &admin, Role::Vendor, &acct("vendor-a"))).unwrap();
    answer(registry.grant_role(&mut t.s, &admin, Role::Auditor, &acct("vendor-a"))).unwrap();
    let winner = acct("vendor-a");
    assert_eq!(t.tx(|b, s| b.resolve(s, &winner, id, protest, Ruling::Dismiss, &[0x9B; 32])), Err(Error::PartyCannotDecide));
    t.resolve(id, protest, Ruling::Dismiss).unwrap();
    t.check();
}

/// Case 9: the agreement's vendor, later made an Auditor, overturned the
/// rejection of its own milestone and was paid. Refused now, typed, with
/// nothing paid.
#[test]
fn a_vendor_made_auditor_cannot_overturn_its_own_rejection() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000)]);
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let escrow = t.suite.escrow();
    answer(escrow.sign(&mut t.s, &acct("vendor-a"), agreement)).unwrap();
    answer(escrow.deliver(&mut t.s, &acct("vendor-a"), agreement, 0, &[0xE0; 32])).unwrap();
    answer(escrow.reject(&mut t.s, &acct("inspector"), agreement, 0, &[0xEE; 32])).unwrap();
    answer(escrow.escalate(&mut t.s, &acct("vendor-a"), agreement, 0)).unwrap();
    let admin = t.suite.admin.clone();
    let registry = t.suite.registry();
    answer(registry.revoke_role(&mut t.s, &admin, Role::Vendor, &acct("vendor-a"))).unwrap();
    answer(registry.grant_role(&mut t.s, &admin, Role::Auditor, &acct("vendor-a"))).unwrap();
    let before = (escrow.milestone(&mut t.s, agreement, 0).unwrap(), t.balance("vendor-a"), t.check());
    assert_eq!(
        answer(escrow.decide_escalation(&mut t.s, &acct("vendor-a"), agreement, 0, Ruling::Dismiss)),
        Err(escrow::Error::PartyCannotDecide)
    );
    assert_eq!(
        (escrow.milestone(&mut t.s, agreement, 0).unwrap(), t.balance("vendor-a"), t.check()),
        before,
        "nothing paid, nothing changed"
    );
    // An Auditor who is no party decides.
    answer(escrow.decide_escalation(&mut t.s, &acct("auditor"), agreement, 0, Ruling::Uphold)).unwrap();
    t.check();
}

/// An Inspector named at appointment who loses the role no longer blocks the
/// conclusion for good: the officer names another, checked as at
/// appointment; one who can still serve is not changed after the ranking.
#[test]
fn an_inspector_who_lost_the_role_is_replaced_and_the_award_concluded() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000)]);
    let officer = acct("officer");
    assert_eq!(t.tx(|b, s| b.replace_inspector(s, &officer, id, &acct("inspector-2"))), Err(Error::InvalidContracting));
    let admin = t.suite.admin.clone();
    answer(t.suite.registry().revoke_role(&mut t.s, &admin, Role::Inspector, &acct("inspector"))).unwrap();
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    assert!(matches!(t.anyone(|b, s, c| b.conclude(s, c, id)), Err(Error::Escrow(_))), "the escrow refuses an Inspector without the role");
    t.tx(|b, s| b.replace_inspector(s, &officer, id, &acct("inspector-2"))).unwrap();
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let record = t.suite.escrow().agreement(&mut t.s, agreement).unwrap().unwrap();
    assert_eq!(record.inspector, ink_id(&acct("inspector-2")));
    t.check();
}

/// The service roles move money, and each is held by one suite contract
/// for good: with an agreement concluded (a commitment to the winner, the
/// escrow holding its milestones), the Admin cannot grant them to an
/// insider (nor to itself), revoke them from the suite's contracts or link
/// other peers; an insider holding officer, Treasurer and Inspector roles,
/// and the Admin, cannot release the commitment, commit a reservation,
/// reserve, award the tender or open an agreement. Nothing moves.
#[test]
fn no_one_but_the_suites_own_contracts_can_hold_a_service_role() {
    let mut t = T::new();
    let id = t.awarded(&[("vendor-a", 700_000), ("vendor-b", 800_000)]);
    chain::set_time(&mut t.s, REVEAL + STANDSTILL);
    let agreement = t.anyone(|b, s, c| b.conclude(s, c, id)).unwrap();
    let books = t.check();
    let escrow = t.suite.escrow();
    let record = escrow.agreement(&mut t.s, agreement).unwrap().unwrap();
    let (treasury, tenders, registry) = (t.suite.treasury(), t.tenders(), t.suite.registry());
    let winner = acct("vendor-a");
    let reservation = tenders.tender(&mut t.s, id).unwrap().unwrap().reservation;

    let admin = t.suite.admin.clone();
    let insider = chain::endowed(&mut t.s, "insider");
    for role in [Role::ProcurementOfficer, Role::Treasurer, Role::Inspector] {
        answer(registry.grant_role(&mut t.s, &admin, role, &insider)).unwrap();
    }
    for (role, holder) in t.suite.peers().services() {
        let refused = Err(access_control::Error::ServiceRoleByLinkOnly { role });
        assert_eq!(answer(registry.grant_role(&mut t.s, &admin, role, &insider)), refused);
        assert_eq!(answer(registry.grant_role(&mut t.s, &admin, role, &admin)), refused);
        assert_eq!(answer(registry.revoke_role(&mut t.s, &admin, role, &chain::from_ink(&holder))), refused);
        assert_eq!(registry.members(&mut t.s, role, 0, 10).unwrap(), vec![chain::from_ink(&holder)]);
    }
    let mine = Peers { escrow: ink_id(&insider), evaluation: ink_id(&insider), ..t.suite.peers() };
    assert_eq!(answer(registry.link_peers(&mut t.s, &admin, &mine)), Err(access_control::Error::PeersLinked));
    assert_eq!(registry.peers(&mut t.s).unwrap(), Some(t.suite.peers()));

    for who in [&insider, &admin] {
        let missing = |role| budget::Error::MissingRole { role, account: ink_id(who) };
        assert_eq!(answer(treasury.release(&mut t.s, who, record.commitment, 1, &winner)), Err(missing(Role::EscrowService)));
        assert_eq!(answer(treasury.decommit(&mut t.s, who, record.commitment, None)), Err(missing(Role::EscrowService)));
        assert_eq!(answer(treasury.commit(&mut t.s, who, reservation, 1, who)), Err(missing(Role::EvaluationService)));
        assert_eq!(answer(treasury.reserve(&mut t.s, who, t.line, 1, id)), Err(missing(Role::TenderService)));
        assert_eq!(
            answer(tenders.award(&mut t.s, who, id, &acct("vendor-b"), Funding::Held)),
            Err(tender::Error::MissingRole { role: Role::EvaluationService, account: ink_id(who) })
        );
        let params = escrow::AgreementParams { vendor: ink_id(who), ..escrow_params(&mut t, agreement) };
        assert_eq!(
            answer(escrow.create(&mut t.s, who, &params)),
            Err(escrow::Error::MissingRole { role: Role::EvaluationService, account: ink_id(who) })
        );
    }
    assert_eq!(t.check(), books, "nothing moved");
    assert_eq!(escrow.agreement(&mut t.s, agreement).unwrap().unwrap(), record);
}

/// The parameters of `agreement` as the evaluation contract offered them.
fn escrow_params(t: &mut T, agreement: u32) -> escrow::AgreementParams {
    let escrow = t.suite.escrow();
    let record = escrow.agreement(&mut t.s, agreement).unwrap().unwrap();
    let milestones = escrow.milestones(&mut t.s, agreement).unwrap();
    escrow::AgreementParams {
        tender: record.tender,
        vendor: record.vendor,
        commitment: record.commitment,
        price: record.price,
        milestones: milestones.iter().map(|m| escrow::MilestoneSpec { amount: m.amount, due: m.due, description: m.description }).collect(),
        terms: record.terms,
        inspector: record.inspector,
        sign_by: record.sign_by,
        warranty_ms: record.warranty_ms,
    }
}
