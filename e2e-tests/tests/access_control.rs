//! drink tests of the role registry on a real pallet-contracts runtime, with
//! the release bundle that `scripts/build.sh` writes.

use access_control::access_control::{
    AdminHandoverCancelled, AdminHandoverProposed, AdminTransferred, ExclusivePairDeclared, Paused,
    RoleAdminChanged, RoleGranted, RoleRevoked, Unpaused,
};
use access_control::Error;
use deploy::chain::{self, arg, ink_id, Session};
use deploy::config::{role_name, Config};
use deploy::suite::{self, Suite};
use drink::AccountId32;
use procurement_shared::Role;

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

fn exec(s: &mut Session, suite: &Suite, caller: &AccountId32, message: &str, args: &[String]) -> Result<(), Error> {
    chain::call::<(), Error>(s, &suite.access_control, caller, message, args, None)
}

fn has_role(s: &mut Session, suite: &Suite, role: Role, account: &AccountId32) -> bool {
    chain::query(s, &suite.access_control, "has_role", &[role_name(role), arg(account)])
}

fn count(s: &mut Session, suite: &Suite, role: Role) -> u32 {
    chain::query(s, &suite.access_control, "member_count", &[role_name(role)])
}

fn r(role: Role) -> String {
    role_name(role)
}

#[test]
fn constructor_sets_admin_defaults_and_emits() {
    let mut s = chain::new_session();
    let deployer = chain::endowed(&mut s, "deployer");
    let gov = acct("gov");
    let registry = chain::deploy(&mut s, chain::bundle("access_control"), &deployer, "new", &[arg(&gov)], vec![]);
    let admin: ink::primitives::AccountId = chain::query(&mut s, &registry, "admin", &[]);
    assert_eq!(admin, ink_id(&gov));
    let granted = chain::events::<RoleGranted>(&s, &registry);
    assert_eq!(granted.len(), 1);
    assert_eq!((granted[0].role, granted[0].account, granted[0].by), (Role::Admin, ink_id(&gov), ink_id(&deployer)));
    let pairs = chain::events::<ExclusivePairDeclared>(&s, &registry);
    assert_eq!(
        pairs.iter().map(|p| (p.first, p.second)).collect::<Vec<_>>(),
        Role::DEFAULT_EXCLUSIVE_PAIRS.to_vec()
    );
    for (a, b) in Role::DEFAULT_EXCLUSIVE_PAIRS {
        let exclusive: bool = chain::query(&mut s, &registry, "is_exclusive", &[r(b), r(a)]);
        assert!(exclusive, "{a:?}/{b:?}");
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
    let evaluators = suite::all_members(&mut s, &suite.access_control, Role::Evaluator);
    assert_eq!(evaluators, vec![acct("evaluator-1"), acct("evaluator-2")]);
    let roles: Vec<Role> = chain::query(&mut s, &suite.access_control, "roles_of", &[arg(&acct("vendor-a"))]);
    assert_eq!(roles, vec![Role::Vendor]);
}

#[test]
fn grant_charges_deposit_and_revoke_refunds_it() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let inspector = acct("inspector");
    let before = chain::balance(&mut s, &admin);
    exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Inspector), arg(&inspector)]).unwrap();
    let charged = chain::last_call_cost(&s).storage_deposit;
    assert!(charged > 0);
    assert_eq!(before - chain::balance(&mut s, &admin), charged as u128, "the caller pays exactly the deposit");
    let ev = chain::events::<RoleGranted>(&s, &suite.access_control);
    assert_eq!(ev.len(), 1);
    assert_eq!((ev[0].role, ev[0].account, ev[0].by), (Role::Inspector, ink_id(&inspector), ink_id(&admin)));
    assert!(has_role(&mut s, &suite, Role::Inspector, &inspector));

    exec(&mut s, &suite, &admin, "revoke_role", &[r(Role::Inspector), arg(&inspector)]).unwrap();
    let ev = chain::events::<RoleRevoked>(&s, &suite.access_control);
    assert_eq!((ev[0].role, ev[0].account, ev[0].by), (Role::Inspector, ink_id(&inspector), ink_id(&admin)));
    assert!(!has_role(&mut s, &suite, Role::Inspector, &inspector));
    assert_eq!(count(&mut s, &suite, Role::Inspector), 0);
    // The pallet keeps 2 units of the contract's first refund after
    // instantiation for its own base-deposit accounting; from then on a
    // revoke refunds exactly what its grant deposited: no cell is left behind.
    let first_refund = chain::last_call_cost(&s).storage_deposit;
    assert!(first_refund < 0 && -first_refund <= charged);
    let before = chain::balance(&mut s, &admin);
    exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Inspector), arg(&inspector)]).unwrap();
    assert_eq!(chain::last_call_cost(&s).storage_deposit, charged);
    exec(&mut s, &suite, &admin, "revoke_role", &[r(Role::Inspector), arg(&inspector)]).unwrap();
    assert_eq!(chain::last_call_cost(&s).storage_deposit, -charged, "revoking frees what granting stored");
    assert_eq!(chain::balance(&mut s, &admin), before);
}

#[test]
fn repeated_grant_and_missing_revoke_are_silent() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Vendor), arg(&acct("vendor-a"))]).unwrap();
    assert_eq!(chain::event_count(&s, &suite.access_control), 0);
    exec(&mut s, &suite, &admin, "revoke_role", &[r(Role::Auditor), arg(&acct("vendor-a"))]).unwrap();
    assert_eq!(chain::event_count(&s, &suite.access_control), 0);
    assert_eq!(count(&mut s, &suite, Role::Vendor), 2);
}

#[test]
fn outsiders_cannot_manage_roles() {
    let (mut s, suite) = setup();
    let outsider = chain::endowed(&mut s, "outsider");
    let before = chain::balance(&mut s, &outsider);
    let missing = Err(Error::MissingRole { role: Role::Admin, account: ink_id(&outsider) });
    assert_eq!(exec(&mut s, &suite, &outsider, "grant_role", &[r(Role::Auditor), arg(&outsider)]), missing);
    assert_eq!(exec(&mut s, &suite, &outsider, "revoke_role", &[r(Role::Vendor), arg(&acct("vendor-a"))]), missing);
    assert_eq!(exec(&mut s, &suite, &outsider, "pause", &[]), missing);
    assert_eq!(exec(&mut s, &suite, &outsider, "declare_exclusive", &[r(Role::Auditor), r(Role::Inspector)]), missing);
    assert_eq!(exec(&mut s, &suite, &outsider, "propose_admin", &[arg(&outsider)]), missing);
    assert_eq!(exec(&mut s, &suite, &outsider, "set_role_admin", &[r(Role::Vendor), r(Role::Auditor)]), missing);
    assert_eq!(exec(&mut s, &suite, &outsider, "grant_role", &[r(Role::Admin), arg(&outsider)]), Err(Error::AdminRoleByHandoverOnly));
    // Nothing changed, nothing was charged.
    assert!(!has_role(&mut s, &suite, Role::Auditor, &outsider));
    assert!(has_role(&mut s, &suite, Role::Vendor, &acct("vendor-a")));
    assert_eq!(chain::balance(&mut s, &outsider), before);
    let paused: bool = chain::query(&mut s, &suite.access_control, "is_paused", &[]);
    assert!(!paused);
}

#[test]
fn separation_of_duties_is_enforced() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let vendor = acct("vendor-a");
    for staff in [Role::ProcurementOfficer, Role::Evaluator, Role::Inspector, Role::Treasurer, Role::Auditor] {
        assert_eq!(
            exec(&mut s, &suite, &admin, "grant_role", &[r(staff), arg(&vendor)]),
            Err(Error::ConflictingRoles { account: ink_id(&vendor), held: Role::Vendor, requested: staff })
        );
    }
    let roles: Vec<Role> = chain::query(&mut s, &suite.access_control, "roles_of", &[arg(&vendor)]);
    assert_eq!(roles, vec![Role::Vendor]);

    // A new pair cannot be declared while someone holds both roles...
    let both = acct("treasurer-1");
    exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Inspector), arg(&both)]).unwrap();
    assert_eq!(
        exec(&mut s, &suite, &admin, "declare_exclusive", &[r(Role::Treasurer), r(Role::Inspector)]),
        Err(Error::ExistingHolderConflict { account: ink_id(&both) })
    );
    // ...and once declared, it binds new grants.
    exec(&mut s, &suite, &admin, "revoke_role", &[r(Role::Inspector), arg(&both)]).unwrap();
    exec(&mut s, &suite, &admin, "declare_exclusive", &[r(Role::Treasurer), r(Role::Inspector)]).unwrap();
    let ev = chain::events::<ExclusivePairDeclared>(&s, &suite.access_control);
    assert_eq!((ev[0].first, ev[0].second), (Role::Treasurer, Role::Inspector));
    assert_eq!(
        exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Inspector), arg(&both)]),
        Err(Error::ConflictingRoles { account: ink_id(&both), held: Role::Treasurer, requested: Role::Inspector })
    );
    exec(&mut s, &suite, &admin, "remove_exclusive", &[r(Role::Inspector), r(Role::Treasurer)]).unwrap();
    exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Inspector), arg(&both)]).unwrap();
    assert!(has_role(&mut s, &suite, Role::Inspector, &both));
}

#[test]
fn renounce_names_own_account() {
    let (mut s, suite) = setup();
    let vendor = acct("vendor-b");
    assert_eq!(
        exec(&mut s, &suite, &vendor, "renounce_role", &[r(Role::Vendor), arg(&acct("vendor-a"))]),
        Err(Error::RenounceOnlyOwnAccount)
    );
    assert!(has_role(&mut s, &suite, Role::Vendor, &acct("vendor-a")));
    exec(&mut s, &suite, &vendor, "renounce_role", &[r(Role::Vendor), arg(&vendor)]).unwrap();
    let ev = chain::events::<RoleRevoked>(&s, &suite.access_control);
    assert_eq!((ev[0].account, ev[0].by), (ink_id(&vendor), ink_id(&vendor)));
    assert!(!has_role(&mut s, &suite, Role::Vendor, &vendor));
    assert_eq!(
        exec(&mut s, &suite, &suite.admin.clone(), "renounce_role", &[r(Role::Admin), arg(&suite.admin)]),
        Err(Error::AdminRoleByHandoverOnly)
    );
}

#[test]
fn delegated_role_admin_registers_vendors() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let officer = acct("officer");
    exec(&mut s, &suite, &admin, "set_role_admin", &[r(Role::Vendor), r(Role::ProcurementOfficer)]).unwrap();
    let ev = chain::events::<RoleAdminChanged>(&s, &suite.access_control);
    assert_eq!((ev[0].role, ev[0].previous, ev[0].new), (Role::Vendor, Role::Admin, Role::ProcurementOfficer));
    let newcomer = acct("vendor-new");
    exec(&mut s, &suite, &officer, "grant_role", &[r(Role::Vendor), arg(&newcomer)]).unwrap();
    assert!(has_role(&mut s, &suite, Role::Vendor, &newcomer));
    assert_eq!(
        exec(&mut s, &suite, &admin, "revoke_role", &[r(Role::Vendor), arg(&newcomer)]),
        Err(Error::MissingRole { role: Role::ProcurementOfficer, account: ink_id(&admin) })
    );
    // The officer cannot grant roles it does not administer.
    assert_eq!(
        exec(&mut s, &suite, &officer, "grant_role", &[r(Role::Evaluator), arg(&newcomer)]),
        Err(Error::MissingRole { role: Role::Admin, account: ink_id(&officer) })
    );
}

#[test]
fn admin_handover_takes_two_steps_and_can_be_cancelled() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let multisig = chain::endowed(&mut s, "multisig");
    let stranger = chain::endowed(&mut s, "stranger");
    assert_eq!(exec(&mut s, &suite, &multisig, "accept_admin", &[]), Err(Error::NoPendingAdmin));
    exec(&mut s, &suite, &admin, "propose_admin", &[arg(&multisig)]).unwrap();
    let ev = chain::events::<AdminHandoverProposed>(&s, &suite.access_control);
    assert_eq!((ev[0].admin, ev[0].proposed), (ink_id(&admin), ink_id(&multisig)));
    assert_eq!(exec(&mut s, &suite, &stranger, "accept_admin", &[]), Err(Error::NotPendingAdmin));
    exec(&mut s, &suite, &admin, "cancel_admin_proposal", &[]).unwrap();
    let ev = chain::events::<AdminHandoverCancelled>(&s, &suite.access_control);
    assert_eq!(ev[0].proposed, ink_id(&multisig));
    assert_eq!(exec(&mut s, &suite, &multisig, "accept_admin", &[]), Err(Error::NoPendingAdmin));

    // A vendor cannot become Admin.
    let vendor = acct("vendor-a");
    exec(&mut s, &suite, &admin, "propose_admin", &[arg(&vendor)]).unwrap();
    assert_eq!(
        exec(&mut s, &suite, &vendor, "accept_admin", &[]),
        Err(Error::ConflictingRoles { account: ink_id(&vendor), held: Role::Vendor, requested: Role::Admin })
    );

    exec(&mut s, &suite, &admin, "propose_admin", &[arg(&multisig)]).unwrap();
    exec(&mut s, &suite, &multisig, "accept_admin", &[]).unwrap();
    let ev = chain::events::<AdminTransferred>(&s, &suite.access_control);
    assert_eq!((ev[0].previous, ev[0].new), (ink_id(&admin), ink_id(&multisig)));
    let revoked = chain::events::<RoleRevoked>(&s, &suite.access_control);
    assert_eq!((revoked[0].role, revoked[0].account), (Role::Admin, ink_id(&admin)));
    let now: ink::primitives::AccountId = chain::query(&mut s, &suite.access_control, "admin", &[]);
    assert_eq!(now, ink_id(&multisig));
    assert_eq!(count(&mut s, &suite, Role::Admin), 1);
    let pending: Option<ink::primitives::AccountId> = chain::query(&mut s, &suite.access_control, "pending_admin", &[]);
    assert_eq!(pending, None);
    assert_eq!(
        exec(&mut s, &suite, &admin, "pause", &[]),
        Err(Error::MissingRole { role: Role::Admin, account: ink_id(&admin) })
    );
    exec(&mut s, &suite, &multisig, "pause", &[]).unwrap();
}

#[test]
fn pause_is_visible_to_guards_and_reversible() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    let vendor = acct("vendor-a");
    let guard = |s: &mut Session| -> Result<(), Error> {
        chain::query(s, &suite.access_control, "check_role_unpaused", &[r(Role::Vendor), arg(&vendor)])
    };
    assert_eq!(guard(&mut s), Ok(()));
    exec(&mut s, &suite, &admin, "pause", &[]).unwrap();
    assert_eq!(chain::events::<Paused>(&s, &suite.access_control)[0].by, ink_id(&admin));
    assert_eq!(guard(&mut s), Err(Error::Paused));
    let plain: Result<(), Error> = chain::query(&mut s, &suite.access_control, "check_role", &[r(Role::Vendor), arg(&vendor)]);
    assert_eq!(plain, Ok(()));
    // Governance keeps working while paused.
    exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Auditor), arg(&acct("auditor"))]).unwrap();
    exec(&mut s, &suite, &admin, "pause", &[]).unwrap();
    assert_eq!(chain::event_count(&s, &suite.access_control), 0, "pausing twice is silent");
    exec(&mut s, &suite, &admin, "unpause", &[]).unwrap();
    assert_eq!(chain::events::<Unpaused>(&s, &suite.access_control).len(), 1);
    assert_eq!(guard(&mut s), Ok(()));
    let stranger = acct("stranger");
    let missing: Result<(), Error> =
        chain::query(&mut s, &suite.access_control, "check_role_unpaused", &[r(Role::Treasurer), arg(&stranger)]);
    assert_eq!(missing, Err(Error::MissingRole { role: Role::Treasurer, account: ink_id(&stranger) }));
}

#[test]
fn member_pages_are_bounded() {
    let (mut s, suite) = setup();
    let admin = suite.admin.clone();
    for n in 0..118u32 {
        exec(&mut s, &suite, &admin, "grant_role", &[r(Role::Vendor), arg(&acct(&format!("bulk-vendor-{n}")))]).unwrap();
    }
    assert_eq!(count(&mut s, &suite, Role::Vendor), 120);
    let page: Vec<ink::primitives::AccountId> =
        chain::query(&mut s, &suite.access_control, "members", &[r(Role::Vendor), "0".into(), "1000".into()]);
    assert_eq!(page.len(), 100, "a page never exceeds MAX_PAGE_SIZE");
    let all = suite::all_members(&mut s, &suite.access_control, Role::Vendor);
    assert_eq!(all.len(), 120);
    assert_eq!(all[119], acct("bulk-vendor-117"));
}

#[test]
#[should_panic(expected = "bash scripts/build.sh")]
fn a_missing_bundle_names_the_build_command() {
    let _ = chain::bundle("no_such_contract");
}
