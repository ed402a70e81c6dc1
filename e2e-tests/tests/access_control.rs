//! drink tests of the role registry and the role book it writes, on a real
//! pallet-contracts runtime, with the release bundles that
//! `scripts/build.sh` writes.

use access_control::access_control::{
    AdminHandoverCancelled, AdminHandoverProposed, AdminTransferred, ExclusivePairDeclared, Paused, RoleAdminChanged, RoleGranted,
    RoleRevoked, Unpaused,
};
use access_control::Error;
use deploy::config::Config;
use deploy::contracts::Registry;
use deploy::suite::{self, Suite};
use drink::AccountId32;
use e2e_tests::chain::{self, answer, arg, ink_id, Session};
use ink::codegen::TraitCallBuilder;
use procurement_shared::{Role, RoleSet};
use role_book::RoleBookRef;

const CONFIG: &str = r#"
admin = "authority"
[roles]
ProcurementOfficer = ["officer"]
Evaluator = ["evaluator-1", "evaluator-2"]
Treasurer = ["treasurer-1"]
Vendor = ["vendor-a", "vendor-b"]
"#;

fn setup() -> (Session, Suite) {
    let mut session = chain::new_session();
    let config = Config::parse(CONFIG).unwrap();
    let suite = suite::deploy_suite(&mut session, &config).unwrap();
    (session, suite)
}

fn acct(name: &str) -> AccountId32 {
    chain::dev_account(name)
}

fn has_role(s: &mut Session, suite: &Suite, role: Role, account: &AccountId32) -> bool {
    suite.registry().has_role(s, role, account).unwrap()
}

fn count(s: &mut Session, suite: &Suite, role: Role) -> u32 {
    suite.registry().member_count(s, role).unwrap()
}

#[test]
fn constructor_sets_admin_defaults_and_emits() {
    let mut s = chain::new_session();
    let deployer = chain::endowed(&mut s, "deployer");
    let gov = acct("gov");
    let registry = chain::deploy(&mut s, chain::bundle("access_control"), &deployer, "new", &[arg(&gov)], vec![]);
    let facade = Registry::at(registry.clone());
    assert_eq!(facade.admin(&mut s).unwrap(), gov);
    let granted = chain::recorded::<RoleGranted>(&s, &registry);
    assert_eq!(granted.len(), 1);
    assert_eq!((granted[0].role, granted[0].account, granted[0].by), (Role::Admin, ink_id(&gov), ink_id(&deployer)));
    let pairs = chain::recorded::<ExclusivePairDeclared>(&s, &registry);
    assert_eq!(pairs.iter().map(|p| (p.first, p.second)).collect::<Vec<_>>(), Role::DEFAULT_EXCLUSIVE_PAIRS.to_vec());
    for (a, b) in Role::DEFAULT_EXCLUSIVE_PAIRS {
        assert!(facade.is_exclusive(&mut s, b, a).unwrap(), "{a:?}/{b:?}");
    }
    let deposit = chain::last_deploy_cost(&s).storage_deposit;
    assert!(deposit > 0, "instantiation stores code and state: {deposit}");
}

#[test]
fn config_roles_are_granted_and_enumerable() {
    let (mut s, suite) = setup();
    assert_eq!(count(&mut s, &suite, Role::Evaluator), 2);
    assert_eq!(count(&mut s, &suite, Role::Vendor), 2);
    assert_eq!(count(&mut s, &suite, Role::Admin), 1);
    assert_eq!(count(&mut s, &suite, Role::Auditor), 0);
    let evaluators = suite::all_members(&mut s, &suite.registry(), Role::Evaluator).unwrap();
    assert_eq!(evaluators, vec![acct("evaluator-1"), acct("evaluator-2")]);
    let roles = suite.registry().roles_of(&mut s, &acct("vendor-a")).unwrap();
    assert_eq!(roles, vec![Role::Vendor]);
}

#[test]
fn grant_charges_deposit_and_revoke_refunds_it() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let inspector = acct("inspector");
    let before = chain::balance(&mut s, &admin);
    answer(suite.registry().grant_role(&mut s, &admin, Role::Inspector, &inspector)).unwrap();
    let charged = chain::last_call_cost(&s).storage_deposit;
    assert!(charged > 0);
    assert_eq!(before - chain::balance(&mut s, &admin), charged as u128, "the caller pays exactly the deposit");
    let ev = chain::recorded::<RoleGranted>(&s, suite.address("access_control"));
    assert_eq!(ev.len(), 1);
    assert_eq!((ev[0].role, ev[0].account, ev[0].by), (Role::Inspector, ink_id(&inspector), ink_id(&admin)));
    assert!(has_role(&mut s, &suite, Role::Inspector, &inspector));

    answer(suite.registry().revoke_role(&mut s, &admin, Role::Inspector, &inspector)).unwrap();
    let ev = chain::recorded::<RoleRevoked>(&s, suite.address("access_control"));
    assert_eq!((ev[0].role, ev[0].account, ev[0].by), (Role::Inspector, ink_id(&inspector), ink_id(&admin)));
    assert!(!has_role(&mut s, &suite, Role::Inspector, &inspector));
    assert_eq!(count(&mut s, &suite, Role::Inspector), 0);
    // The pallet keeps 2 units of the contract's first refund after
    // instantiation for its own base-deposit accounting; from then on a
    // revoke refunds exactly what its grant deposited: no cell is left behind.
    let first_refund = chain::last_call_cost(&s).storage_deposit;
    assert!(first_refund < 0 && -first_refund <= charged);
    let before = chain::balance(&mut s, &admin);
    answer(suite.registry().grant_role(&mut s, &admin, Role::Inspector, &inspector)).unwrap();
    assert_eq!(chain::last_call_cost(&s).storage_deposit, charged);
    answer(suite.registry().revoke_role(&mut s, &admin, Role::Inspector, &inspector)).unwrap();
    assert_eq!(chain::last_call_cost(&s).storage_deposit, -charged, "revoking frees what granting stored");
    assert_eq!(chain::balance(&mut s, &admin), before);
}

#[test]
fn repeated_grant_and_missing_revoke_are_silent() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    answer(suite.registry().grant_role(&mut s, &admin, Role::Vendor, &acct("vendor-a"))).unwrap();
    assert_eq!(chain::event_count(&s, suite.address("access_control")), 0);
    answer(suite.registry().revoke_role(&mut s, &admin, Role::Auditor, &acct("vendor-a"))).unwrap();
    assert_eq!(chain::event_count(&s, suite.address("access_control")), 0);
    assert_eq!(count(&mut s, &suite, Role::Vendor), 2);
}

#[test]
fn outsiders_cannot_manage_roles() {
    let (mut s, suite) = setup();
    let outsider = chain::endowed(&mut s, "outsider");
    let before = chain::balance(&mut s, &outsider);
    let missing = Err(Error::MissingRole { role: Role::Admin, account: ink_id(&outsider) });
    assert_eq!(answer(suite.registry().grant_role(&mut s, &outsider, Role::Auditor, &outsider)), missing);
    assert_eq!(answer(suite.registry().revoke_role(&mut s, &outsider, Role::Vendor, &acct("vendor-a"))), missing);
    assert_eq!(answer(suite.registry().pause(&mut s, &outsider)), missing);
    let not_governor = Err(Error::MissingRole { role: Role::Governance, account: ink_id(&outsider) });
    assert_eq!(answer(suite.registry().declare_exclusive(&mut s, &outsider, Role::Auditor, Role::Inspector)), not_governor);
    assert_eq!(answer(suite.registry().propose_admin(&mut s, &outsider, &outsider)), missing);
    assert_eq!(answer(suite.registry().set_role_admin(&mut s, &outsider, Role::Vendor, Role::Auditor)), missing);
    assert_eq!(answer(suite.registry().grant_role(&mut s, &outsider, Role::Admin, &outsider)), Err(Error::AdminRoleByHandoverOnly));
    // Nothing changed, nothing was charged.
    assert!(!has_role(&mut s, &suite, Role::Auditor, &outsider));
    assert!(has_role(&mut s, &suite, Role::Vendor, &acct("vendor-a")));
    assert_eq!(chain::balance(&mut s, &outsider), before);
    let paused = suite.registry().is_paused(&mut s).unwrap();
    assert!(!paused);
}

#[test]
fn separation_of_duties_is_enforced() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let vendor = acct("vendor-a");
    for staff in [Role::ProcurementOfficer, Role::Evaluator, Role::Inspector, Role::Treasurer, Role::Auditor] {
        assert_eq!(
            answer(suite.registry().grant_role(&mut s, &admin, staff, &vendor)),
            Err(Error::ConflictingRoles { account: ink_id(&vendor), held: Role::Vendor, requested: staff })
        );
    }
    let roles = suite.registry().roles_of(&mut s, &vendor).unwrap();
    assert_eq!(roles, vec![Role::Vendor]);

    // Pairs change only through the governor's delay, not by the Admin.
    assert_eq!(
        answer(suite.registry().declare_exclusive(&mut s, &admin, Role::Treasurer, Role::Inspector)),
        Err(Error::MissingRole { role: Role::Governance, account: ink_id(&admin) })
    );
    // A new pair cannot be declared while someone holds both roles: the
    // registry refuses the governor's call, the change stays pending...
    let both = acct("treasurer-1");
    answer(suite.registry().grant_role(&mut s, &admin, Role::Inspector, &both)).unwrap();
    let pair = governor::Action::DeclareExclusive { first: Role::Treasurer, second: Role::Inspector };
    let id = deploy::govern::schedule(&mut s, &suite, &pair, None).unwrap();
    let later = suite.governor().change(&mut s, id).unwrap().unwrap().eta;
    chain::set_time(&mut s, later);
    let refused = answer(suite.governor().execute(&mut s, &admin, id));
    let Err(governor::Error::TargetRefused { contract: procurement_shared::SuiteContract::Registry, reason }) = refused else {
        panic!("the registry refuses the pair: {refused:?}");
    };
    assert_eq!(<Error as ink::scale::Decode>::decode(&mut &reason[..]).unwrap(), Error::ExistingHolderConflict { account: ink_id(&both) });
    assert_eq!(suite.governor().change(&mut s, id).unwrap().unwrap().state, governor::ChangeState::Pending);
    // ...and once nobody holds both, it runs and binds new grants.
    answer(suite.registry().revoke_role(&mut s, &admin, Role::Inspector, &both)).unwrap();
    assert_eq!(answer(suite.governor().execute(&mut s, &acct("vendor-a"), id)), Ok(None), "anyone executes it");
    let ev = chain::recorded::<ExclusivePairDeclared>(&s, suite.address("access_control"));
    assert_eq!((ev[0].first, ev[0].second, ev[0].by), (Role::Treasurer, Role::Inspector, ink_id(suite.address("governor"))));
    assert_eq!(
        answer(suite.registry().grant_role(&mut s, &admin, Role::Inspector, &both)),
        Err(Error::ConflictingRoles { account: ink_id(&both), held: Role::Treasurer, requested: Role::Inspector })
    );
    e2e_tests::govern(&mut s, &suite, &[governor::Action::LiftExclusive { first: Role::Inspector, second: Role::Treasurer }]);
    answer(suite.registry().grant_role(&mut s, &admin, Role::Inspector, &both)).unwrap();
    assert!(has_role(&mut s, &suite, Role::Inspector, &both));
}

#[test]
fn renounce_names_own_account() {
    let (mut s, suite) = setup();
    let vendor = acct("vendor-b");
    assert_eq!(
        answer(suite.registry().renounce_role(&mut s, &vendor, Role::Vendor, &acct("vendor-a"))),
        Err(Error::RenounceOnlyOwnAccount)
    );
    assert!(has_role(&mut s, &suite, Role::Vendor, &acct("vendor-a")));
    answer(suite.registry().renounce_role(&mut s, &vendor, Role::Vendor, &vendor)).unwrap();
    let ev = chain::recorded::<RoleRevoked>(&s, suite.address("access_control"));
    assert_eq!((ev[0].account, ev[0].by), (ink_id(&vendor), ink_id(&vendor)));
    assert!(!has_role(&mut s, &suite, Role::Vendor, &vendor));
    assert_eq!(
        answer(suite.registry().renounce_role(&mut s, &suite.admin.clone(), Role::Admin, &suite.admin)),
        Err(Error::AdminRoleByHandoverOnly)
    );
}

#[test]
fn delegated_role_admin_registers_vendors() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let officer = acct("officer");
    answer(suite.registry().set_role_admin(&mut s, &admin, Role::Vendor, Role::ProcurementOfficer)).unwrap();
    let ev = chain::recorded::<RoleAdminChanged>(&s, suite.address("access_control"));
    assert_eq!((ev[0].role, ev[0].previous, ev[0].new), (Role::Vendor, Role::Admin, Role::ProcurementOfficer));
    let newcomer = acct("vendor-new");
    answer(suite.registry().grant_role(&mut s, &officer, Role::Vendor, &newcomer)).unwrap();
    assert!(has_role(&mut s, &suite, Role::Vendor, &newcomer));
    assert_eq!(
        answer(suite.registry().revoke_role(&mut s, &admin, Role::Vendor, &newcomer)),
        Err(Error::MissingRole { role: Role::ProcurementOfficer, account: ink_id(&admin) })
    );
    // The officer cannot grant roles it does not administer.
    assert_eq!(
        answer(suite.registry().grant_role(&mut s, &officer, Role::Evaluator, &newcomer)),
        Err(Error::MissingRole { role: Role::Admin, account: ink_id(&officer) })
    );
}

#[test]
fn admin_handover_takes_two_steps_and_can_be_cancelled() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let multisig = chain::endowed(&mut s, "multisig");
    let stranger = chain::endowed(&mut s, "stranger");
    assert_eq!(answer(suite.registry().accept_admin(&mut s, &multisig)), Err(Error::NoPendingAdmin));
    answer(suite.registry().propose_admin(&mut s, &admin, &multisig)).unwrap();
    let ev = chain::recorded::<AdminHandoverProposed>(&s, suite.address("access_control"));
    assert_eq!((ev[0].admin, ev[0].proposed), (ink_id(&admin), ink_id(&multisig)));
    assert_eq!(answer(suite.registry().accept_admin(&mut s, &stranger)), Err(Error::NotPendingAdmin));
    answer(suite.registry().cancel_admin_proposal(&mut s, &admin)).unwrap();
    let ev = chain::recorded::<AdminHandoverCancelled>(&s, suite.address("access_control"));
    assert_eq!(ev[0].proposed, ink_id(&multisig));
    assert_eq!(answer(suite.registry().accept_admin(&mut s, &multisig)), Err(Error::NoPendingAdmin));

    // A vendor cannot become Admin.
    let vendor = acct("vendor-a");
    answer(suite.registry().propose_admin(&mut s, &admin, &vendor)).unwrap();
    assert_eq!(
        answer(suite.registry().accept_admin(&mut s, &vendor)),
        Err(Error::ConflictingRoles { account: ink_id(&vendor), held: Role::Vendor, requested: Role::Admin })
    );

    answer(suite.registry().propose_admin(&mut s, &admin, &multisig)).unwrap();
    answer(suite.registry().accept_admin(&mut s, &multisig)).unwrap();
    let ev = chain::recorded::<AdminTransferred>(&s, suite.address("access_control"));
    assert_eq!((ev[0].previous, ev[0].new), (ink_id(&admin), ink_id(&multisig)));
    let revoked = chain::recorded::<RoleRevoked>(&s, suite.address("access_control"));
    assert_eq!((revoked[0].role, revoked[0].account), (Role::Admin, ink_id(&admin)));
    let now = ink_id(&suite.registry().admin(&mut s).unwrap());
    assert_eq!(now, ink_id(&multisig));
    assert_eq!(count(&mut s, &suite, Role::Admin), 1);
    let pending = suite.registry().pending_admin(&mut s).unwrap().map(|a| ink_id(&a));
    assert_eq!(pending, None);
    assert_eq!(answer(suite.registry().pause(&mut s, &admin)), Err(Error::MissingRole { role: Role::Admin, account: ink_id(&admin) }));
    answer(suite.registry().pause(&mut s, &multisig)).unwrap();
}

#[test]
fn pause_is_visible_to_guards_and_reversible() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let vendor = acct("vendor-a");
    let guard = |s: &mut Session| -> Result<(), Error> { suite.registry().check_role_unpaused(s, Role::Vendor, &vendor).unwrap() };
    assert_eq!(guard(&mut s), Ok(()));
    answer(suite.registry().pause(&mut s, &admin)).unwrap();
    assert_eq!(chain::recorded::<Paused>(&s, suite.address("access_control"))[0].by, ink_id(&admin));
    assert_eq!(guard(&mut s), Err(Error::Paused));
    assert_eq!(suite.registry().check_role(&mut s, Role::Vendor, &vendor).unwrap(), Ok(()));
    // Governance keeps working while paused.
    answer(suite.registry().grant_role(&mut s, &admin, Role::Auditor, &acct("auditor"))).unwrap();
    answer(suite.registry().pause(&mut s, &admin)).unwrap();
    assert_eq!(chain::event_count(&s, suite.address("access_control")), 0, "pausing twice is silent");
    answer(suite.registry().unpause(&mut s, &admin)).unwrap();
    assert_eq!(chain::recorded::<Unpaused>(&s, suite.address("access_control")).len(), 1);
    assert_eq!(guard(&mut s), Ok(()));
    let stranger = acct("stranger");
    let missing = suite.registry().check_role_unpaused(&mut s, Role::Treasurer, &stranger).unwrap();
    assert_eq!(missing, Err(Error::MissingRole { role: Role::Treasurer, account: ink_id(&stranger) }));
}

#[test]
fn member_pages_are_bounded() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    for n in 0..118u32 {
        answer(suite.registry().grant_role(&mut s, &admin, Role::Vendor, &acct(&format!("bulk-vendor-{n}")))).unwrap();
    }
    assert_eq!(count(&mut s, &suite, Role::Vendor), 120);
    let page = suite.registry().members(&mut s, Role::Vendor, 0, 1_000).unwrap();
    assert_eq!(page.len(), 100, "a page never exceeds MAX_PAGE_SIZE");
    let all = suite::all_members(&mut s, &suite.registry(), Role::Vendor).unwrap();
    assert_eq!(all.len(), 120);
    assert_eq!(all[119], acct("bulk-vendor-117"));
}

#[test]
#[should_panic(expected = "bash scripts/build.sh")]
fn a_missing_bundle_names_the_build_command() {
    let _ = chain::bundle("no_such_contract");
}

/// What the role book answers the suite's guards for `account`.
fn book_standing(s: &mut Session, suite: &Suite, account: &AccountId32) -> (RoleSet, bool) {
    let book = suite.address("role_book").clone();
    chain::query(s, &book, &chain::message(chain::at::<RoleBookRef>(&book).call().standing(ink_id(account))))
}

/// The role book answers exactly what the registry holds after every kind
/// of change, and takes writes from the registry alone.
#[test]
fn the_role_book_mirrors_the_registry_and_is_written_by_it_alone() {
    let (mut s, suite) = setup();
    let registry = suite.registry();
    let admin = suite.admin.clone();
    let people = ["authority", "officer", "evaluator-1", "treasurer-1", "vendor-a", "gov", "auditor-x"].map(acct);
    let mirrors = |s: &mut Session| {
        for who in &people {
            let (held, paused) = registry.standing(s, who).unwrap();
            assert_eq!(book_standing(s, &suite, who), (held, paused), "role book differs for {who:?}");
        }
    };
    mirrors(&mut s);
    assert_eq!(registry.role_book(&mut s).unwrap(), Some(ink_id(suite.address("role_book"))));
    answer(registry.grant_role(&mut s, &admin, Role::Auditor, &acct("auditor-x"))).unwrap();
    mirrors(&mut s);
    answer(registry.revoke_role(&mut s, &admin, Role::Vendor, &acct("vendor-a"))).unwrap();
    assert_eq!(book_standing(&mut s, &suite, &acct("vendor-a")), (RoleSet::EMPTY, false));
    answer(registry.renounce_role(&mut s, &acct("officer"), Role::ProcurementOfficer, &acct("officer"))).unwrap();
    answer(registry.pause(&mut s, &admin)).unwrap();
    mirrors(&mut s);
    let gov = chain::endowed(&mut s, "gov");
    answer(registry.propose_admin(&mut s, &admin, &gov)).unwrap();
    answer(registry.accept_admin(&mut s, &gov)).unwrap();
    answer(registry.unpause(&mut s, &gov)).unwrap();
    mirrors(&mut s);
    assert_eq!(book_standing(&mut s, &suite, &gov).0, RoleSet::EMPTY.with(Role::Admin));

    // Nobody else writes the book: not an outsider, not even the Admin.
    let book = suite.address("role_book").clone();
    let every_role = Role::ALL.iter().fold(RoleSet::EMPTY, |set, r| set.with(*r));
    let intruder = chain::endowed(&mut s, "intruder");
    for caller in [&intruder, &gov] {
        let write = chain::message(chain::at::<RoleBookRef>(&book).call_mut().set_roles(ink_id(&intruder), every_role));
        let refused: Result<(), role_book::Error> = chain::call(&mut s, &book, caller, &write, None);
        assert_eq!(refused, Err(role_book::Error::NotRegistry));
        let pause = chain::message(chain::at::<RoleBookRef>(&book).call_mut().set_paused(true));
        let refused: Result<(), role_book::Error> = chain::call(&mut s, &book, caller, &pause, None);
        assert_eq!(refused, Err(role_book::Error::NotRegistry));
    }
    assert_eq!(book_standing(&mut s, &suite, &intruder), (RoleSet::EMPTY, false));
    mirrors(&mut s);

    // The link is made once; another registry cannot take the book over.
    assert_eq!(answer(registry.link_role_book(&mut s, &gov, &book)), Err(Error::RoleBookLinked));
    let rogue = chain::deploy(&mut s, chain::bundle("access_control"), &intruder, "new", &[arg(&intruder)], vec![7]);
    let rogue = Registry::at(rogue);
    assert_eq!(answer(rogue.link_role_book(&mut s, &intruder, &book)), Err(Error::RoleBookUnavailable));
    assert_eq!(answer(rogue.grant_role(&mut s, &intruder, Role::Treasurer, &intruder)), Err(Error::RoleBookNotLinked));
    assert_eq!(book_standing(&mut s, &suite, &intruder), (RoleSet::EMPTY, false));
}
