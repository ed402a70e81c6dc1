//! Unit tests of the role registry in ink!'s off-chain environment, with the
//! role book it writes from the test kit's stand-in. Cross-contract use is
//! tested with drink in `e2e-tests/`.

use crate::access_control::*;
use ink::env::test::set_caller;
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use procurement_shared::{Peers, Role, RoleSet};
use test_kit::env::{accounts, as_caller, decode_event as decode, events, last_event, nth_account};
use test_kit::world;

/// The change `event` records, as its own type, if it is one.
fn change_of<T: TryFrom<Change>>(event: &ink::env::test::EmittedEvent) -> Option<T> {
    T::try_from(decode::<RegistryEvent>(event)?.change).ok()
}

/// The change the last event records, as its own type.
fn last_change<T: TryFrom<Change>>() -> T {
    T::try_from(last_event::<RegistryEvent>().change).ok().expect("the last event records the expected change")
}

/// The role book's address (the stand-in ignores it).
const BOOK: [u8; 32] = [0xB0; 32];

/// A registry whose Admin is alice, with alice as the caller and the role
/// book linked.
fn registry() -> AccessControl {
    let a = accounts();
    world::reset();
    set_caller::<DefaultEnvironment>(a.alice);
    let mut reg = AccessControl::new(a.alice);
    reg.link_role_book(AccountId::from(BOOK)).unwrap();
    reg
}

/// [`registry`] with the peers linked and the governor (a generated
/// account, see [`peers`]) as the caller: the delayed changes come from it.
fn governed() -> AccessControl {
    let mut reg = registry();
    reg.link_peers(peers()).unwrap();
    as_caller(peers().governor);
    reg
}

/// The role book holds what the registry holds for `accounts`, and its
/// pause flag.
fn assert_book_mirrors(reg: &AccessControl, accounts: &[AccountId]) {
    for account in accounts {
        assert_eq!(world::book_roles(*account), reg.standing(*account).0, "role book differs for {account:?}");
    }
    assert_eq!(world::book_paused(), reg.is_paused());
}

#[ink::test]
fn constructor_installs_admin_and_default_pairs() {
    let a = accounts();
    as_caller(a.bob);
    let reg = AccessControl::new(a.alice);
    assert_eq!(reg.admin(), a.alice);
    assert!(reg.has_role(Role::Admin, a.alice));
    assert!(!reg.has_role(Role::Admin, a.bob));
    assert_eq!(reg.member_count(Role::Admin), 1);
    assert_eq!(reg.members(Role::Admin, 0, 10), vec![a.alice]);
    assert_eq!(reg.pending_admin(), None);
    assert!(!reg.is_paused());
    for (x, y) in Role::DEFAULT_EXCLUSIVE_PAIRS {
        assert!(reg.is_exclusive(x, y) && reg.is_exclusive(y, x));
    }
    assert!(!reg.is_exclusive(Role::Treasurer, Role::Inspector));
    assert_eq!(
        reg.exclusive_with(Role::Auditor),
        vec![Role::Evaluator, Role::Vendor, Role::TenderService, Role::EvaluationService, Role::EscrowService, Role::Governance]
    );
    assert_eq!(reg.role_admin(Role::Vendor), Role::Admin);

    let all = events();
    assert_eq!(all.len(), 1 + Role::DEFAULT_EXCLUSIVE_PAIRS.len());
    let granted = change_of::<RoleGranted>(&all[0]).unwrap();
    assert_eq!((granted.role, granted.account, granted.by), (Role::Admin, a.alice, a.bob));
    let pair = change_of::<ExclusivePairDeclared>(&all[1]).unwrap();
    assert_eq!((pair.first, pair.second), Role::DEFAULT_EXCLUSIVE_PAIRS[0]);
}

#[ink::test]
fn grant_role_adds_member_and_emits() {
    let a = accounts();
    let mut reg = registry();
    assert_eq!(reg.grant_role(Role::Treasurer, a.bob), Ok(()));
    assert!(reg.has_role(Role::Treasurer, a.bob));
    assert_eq!(reg.check_role(Role::Treasurer, a.bob), Ok(()));
    assert_eq!(reg.roles_of(a.bob), vec![Role::Treasurer]);
    assert_eq!(reg.member_count(Role::Treasurer), 1);
    assert_eq!(reg.members(Role::Treasurer, 0, 10), vec![a.bob]);
    let ev = last_change::<RoleGranted>();
    assert_eq!((ev.role, ev.account, ev.by), (Role::Treasurer, a.bob, a.alice));
}

#[ink::test]
fn grant_role_twice_is_a_silent_no_op() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    let before = events().len();
    assert_eq!(reg.grant_role(Role::Inspector, a.bob), Ok(()));
    assert_eq!(events().len(), before);
    assert_eq!(reg.member_count(Role::Inspector), 1);
}

#[ink::test]
fn grant_role_without_admin_role_fails() {
    let a = accounts();
    let mut reg = registry();
    as_caller(a.bob);
    let before = events().len();
    assert_eq!(reg.grant_role(Role::Vendor, a.charlie), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    assert!(!reg.has_role(Role::Vendor, a.charlie));
    assert_eq!(events().len(), before);
}

#[ink::test]
fn admin_role_cannot_be_granted_revoked_or_renounced() {
    let a = accounts();
    let mut reg = registry();
    assert_eq!(reg.grant_role(Role::Admin, a.bob), Err(Error::AdminRoleByHandoverOnly));
    assert_eq!(reg.revoke_role(Role::Admin, a.alice), Err(Error::AdminRoleByHandoverOnly));
    assert_eq!(reg.renounce_role(Role::Admin, a.alice), Err(Error::AdminRoleByHandoverOnly));
    assert_eq!(reg.set_role_admin(Role::Admin, Role::Treasurer), Err(Error::AdminRoleByHandoverOnly));
    assert_eq!(reg.admin(), a.alice);
    assert_eq!(reg.member_count(Role::Admin), 1);
}

#[ink::test]
fn conflicting_grant_fails_and_changes_nothing() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Vendor, a.bob).unwrap();
    let before = events().len();
    for staff in [Role::ProcurementOfficer, Role::Evaluator, Role::Inspector, Role::Treasurer, Role::Auditor] {
        assert_eq!(reg.grant_role(staff, a.bob), Err(Error::ConflictingRoles { account: a.bob, held: Role::Vendor, requested: staff }));
        assert_eq!(reg.member_count(staff), 0);
    }
    assert_eq!(reg.roles_of(a.bob), vec![Role::Vendor]);
    assert_eq!(events().len(), before);
    // A role that conflicts with nothing the account holds is fine.
    assert_eq!(reg.grant_role(Role::Inspector, a.charlie), Ok(()));
}

#[ink::test]
fn role_full_is_refused() {
    let mut reg = registry();
    for n in 0..MAX_MEMBERS_PER_ROLE {
        reg.grant_role(Role::Vendor, nth_account(n)).unwrap();
    }
    assert_eq!(reg.member_count(Role::Vendor), MAX_MEMBERS_PER_ROLE);
    assert_eq!(reg.grant_role(Role::Vendor, nth_account(MAX_MEMBERS_PER_ROLE)), Err(Error::RoleFull { role: Role::Vendor }));
    assert!(!reg.has_role(Role::Vendor, nth_account(MAX_MEMBERS_PER_ROLE)));
}

#[ink::test]
fn revoke_role_swap_removes_and_emits() {
    let a = accounts();
    let mut reg = registry();
    for acc in [a.bob, a.charlie, a.django] {
        reg.grant_role(Role::Evaluator, acc).unwrap();
    }
    assert_eq!(reg.revoke_role(Role::Evaluator, a.bob), Ok(()));
    let ev = last_change::<RoleRevoked>();
    assert_eq!((ev.role, ev.account, ev.by), (Role::Evaluator, a.bob, a.alice));
    assert!(!reg.has_role(Role::Evaluator, a.bob));
    assert_eq!(reg.roles_of(a.bob), Vec::<Role>::new());
    assert_eq!(reg.member_count(Role::Evaluator), 2);
    // The last member moved into the freed slot.
    assert_eq!(reg.members(Role::Evaluator, 0, 10), vec![a.django, a.charlie]);
    // Revoking the moved member keeps the list consistent.
    reg.revoke_role(Role::Evaluator, a.django).unwrap();
    assert_eq!(reg.members(Role::Evaluator, 0, 10), vec![a.charlie]);
    reg.grant_role(Role::Evaluator, a.bob).unwrap();
    assert_eq!(reg.members(Role::Evaluator, 0, 10), vec![a.charlie, a.bob]);
}

#[ink::test]
fn revoke_role_keeps_other_roles() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Evaluator, a.bob).unwrap();
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    reg.revoke_role(Role::Evaluator, a.bob).unwrap();
    assert_eq!(reg.roles_of(a.bob), vec![Role::Inspector]);
    assert_eq!(reg.members(Role::Inspector, 0, 10), vec![a.bob]);
}

#[ink::test]
fn revoke_role_not_held_is_a_silent_no_op() {
    let a = accounts();
    let mut reg = registry();
    let before = events().len();
    assert_eq!(reg.revoke_role(Role::Auditor, a.bob), Ok(()));
    assert_eq!(events().len(), before);
    assert_eq!(reg.member_count(Role::Auditor), 0);
}

#[ink::test]
fn revoke_role_without_admin_role_fails() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Auditor, a.bob).unwrap();
    as_caller(a.charlie);
    assert_eq!(reg.revoke_role(Role::Auditor, a.bob), Err(Error::MissingRole { role: Role::Admin, account: a.charlie }));
    assert!(reg.has_role(Role::Auditor, a.bob));
}

#[ink::test]
fn renounce_role_requires_own_account() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    as_caller(a.bob);
    assert_eq!(reg.renounce_role(Role::Inspector, a.alice), Err(Error::RenounceOnlyOwnAccount));
    assert!(reg.has_role(Role::Inspector, a.bob));
    assert_eq!(reg.renounce_role(Role::Inspector, a.bob), Ok(()));
    assert!(!reg.has_role(Role::Inspector, a.bob));
    let ev = last_change::<RoleRevoked>();
    assert_eq!((ev.role, ev.account, ev.by), (Role::Inspector, a.bob, a.bob));
    let before = events().len();
    assert_eq!(reg.renounce_role(Role::Inspector, a.bob), Ok(()));
    assert_eq!(events().len(), before);
}

#[ink::test]
fn role_admin_can_be_delegated() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::ProcurementOfficer, a.bob).unwrap();
    assert_eq!(reg.set_role_admin(Role::Vendor, Role::ProcurementOfficer), Ok(()));
    let ev = last_change::<RoleAdminChanged>();
    assert_eq!((ev.role, ev.previous, ev.new, ev.by), (Role::Vendor, Role::Admin, Role::ProcurementOfficer, a.alice));
    assert_eq!(reg.role_admin(Role::Vendor), Role::ProcurementOfficer);
    // The Admin no longer manages vendors; the officer does.
    assert_eq!(reg.grant_role(Role::Vendor, a.charlie), Err(Error::MissingRole { role: Role::ProcurementOfficer, account: a.alice }));
    as_caller(a.bob);
    assert_eq!(reg.grant_role(Role::Vendor, a.charlie), Ok(()));
    // Setting the same admin again is a no-op; back to Admin works.
    as_caller(a.alice);
    let before = events().len();
    assert_eq!(reg.set_role_admin(Role::Vendor, Role::ProcurementOfficer), Ok(()));
    assert_eq!(events().len(), before);
    assert_eq!(reg.set_role_admin(Role::Vendor, Role::Admin), Ok(()));
    assert_eq!(reg.role_admin(Role::Vendor), Role::Admin);
}

#[ink::test]
fn set_role_admin_requires_admin() {
    let a = accounts();
    let mut reg = registry();
    as_caller(a.bob);
    assert_eq!(reg.set_role_admin(Role::Vendor, Role::Treasurer), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    assert_eq!(reg.role_admin(Role::Vendor), Role::Admin);
}

#[ink::test]
fn declare_exclusive_blocks_later_grants() {
    let a = accounts();
    let mut reg = governed();
    assert_eq!(reg.declare_exclusive(Role::Treasurer, Role::Inspector), Ok(()));
    let ev = last_change::<ExclusivePairDeclared>();
    assert_eq!((ev.first, ev.second, ev.by), (Role::Treasurer, Role::Inspector, peers().governor));
    assert!(reg.is_exclusive(Role::Inspector, Role::Treasurer));
    as_caller(a.alice);
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    assert_eq!(
        reg.grant_role(Role::Treasurer, a.bob),
        Err(Error::ConflictingRoles { account: a.bob, held: Role::Inspector, requested: Role::Treasurer })
    );
    let before = events().len();
    as_caller(peers().governor);
    assert_eq!(reg.declare_exclusive(Role::Inspector, Role::Treasurer), Ok(()));
    assert_eq!(events().len(), before);
}

#[ink::test]
fn declare_exclusive_refuses_bad_pairs() {
    let a = accounts();
    let mut reg = governed();
    assert_eq!(reg.declare_exclusive(Role::Auditor, Role::Auditor), Err(Error::SameRole));
    as_caller(a.alice);
    reg.grant_role(Role::Treasurer, a.bob).unwrap();
    reg.grant_role(Role::Inspector, a.charlie).unwrap();
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    as_caller(peers().governor);
    assert_eq!(reg.declare_exclusive(Role::Treasurer, Role::Inspector), Err(Error::ExistingHolderConflict { account: a.bob }));
    assert!(!reg.is_exclusive(Role::Treasurer, Role::Inspector));
    // Only through the governor's delay: not by anyone, not by the Admin.
    for caller in [a.bob, a.alice] {
        as_caller(caller);
        assert_eq!(
            reg.declare_exclusive(Role::ProcurementOfficer, Role::Inspector),
            Err(Error::MissingRole { role: Role::Governance, account: caller })
        );
    }
}

#[ink::test]
fn declare_exclusive_refuses_an_unbounded_scan() {
    let mut reg = governed();
    as_caller(accounts().alice);
    for n in 0..=MAX_EXCLUSIVITY_SCAN {
        reg.grant_role(Role::Treasurer, nth_account(n.saturating_add(200_000))).unwrap();
        reg.grant_role(Role::Inspector, nth_account(n.saturating_add(100_000))).unwrap();
    }
    as_caller(peers().governor);
    assert_eq!(reg.declare_exclusive(Role::Treasurer, Role::Inspector), Err(Error::TooManyHoldersToCheck));
    // With one side small enough the scan runs.
    as_caller(accounts().alice);
    reg.revoke_role(Role::Inspector, nth_account(100_000)).unwrap();
    as_caller(peers().governor);
    assert_eq!(reg.declare_exclusive(Role::Treasurer, Role::Inspector), Ok(()));
}

#[ink::test]
fn remove_exclusive_allows_the_pair_again() {
    let a = accounts();
    let mut reg = governed();
    assert_eq!(reg.remove_exclusive(Role::Evaluator, Role::Auditor), Ok(()));
    let ev = last_change::<ExclusivePairRemoved>();
    assert_eq!((ev.first, ev.second, ev.by), (Role::Evaluator, Role::Auditor, peers().governor));
    assert!(!reg.is_exclusive(Role::Auditor, Role::Evaluator));
    as_caller(a.alice);
    reg.grant_role(Role::Evaluator, a.bob).unwrap();
    assert_eq!(reg.grant_role(Role::Auditor, a.bob), Ok(()));
    let before = events().len();
    as_caller(peers().governor);
    assert_eq!(reg.remove_exclusive(Role::Evaluator, Role::Auditor), Ok(()));
    assert_eq!(events().len(), before);
    assert_eq!(reg.remove_exclusive(Role::Vendor, Role::Vendor), Err(Error::SameRole));
    for caller in [a.bob, a.alice] {
        as_caller(caller);
        assert_eq!(
            reg.remove_exclusive(Role::Vendor, Role::Treasurer),
            Err(Error::MissingRole { role: Role::Governance, account: caller })
        );
    }
    assert!(reg.is_exclusive(Role::Vendor, Role::Treasurer));
}

#[ink::test]
fn only_the_governor_replaces_code_and_the_layout_is_recorded() {
    let a = accounts();
    let mut reg = governed();
    let layout = procurement_shared::StorageLayout { contract: procurement_shared::SuiteContract::Registry, version: 1 };
    assert_eq!(reg.storage_layout(), Some(layout));
    assert_eq!(reg.migrate(), Ok(None), "this code's own layout: nothing to migrate");
    for caller in [a.alice, a.bob] {
        as_caller(caller);
        let refused = Err(Error::MissingRole { role: Role::Governance, account: caller });
        assert_eq!(reg.set_code(ink::primitives::Hash::from([7; 32])), refused);
        assert_eq!(reg.migrate(), refused.map(|()| None));
    }
    assert_eq!(reg.storage_layout(), Some(layout));
}

#[ink::test]
fn admin_handover_in_two_steps() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Treasurer, a.bob).unwrap();
    assert_eq!(reg.propose_admin(a.bob), Ok(()));
    let ev = last_change::<AdminHandoverProposed>();
    assert_eq!((ev.admin, ev.proposed), (a.alice, a.bob));
    assert_eq!(reg.pending_admin(), Some(a.bob));
    // Nothing moved yet.
    assert_eq!(reg.admin(), a.alice);
    as_caller(a.bob);
    assert_eq!(reg.accept_admin(), Ok(()));
    let ev = last_change::<AdminTransferred>();
    assert_eq!((ev.previous, ev.new), (a.alice, a.bob));
    assert_eq!(reg.admin(), a.bob);
    assert_eq!(reg.pending_admin(), None);
    assert!(!reg.has_role(Role::Admin, a.alice));
    assert_eq!(reg.roles_of(a.bob), vec![Role::Admin, Role::Treasurer]);
    assert_eq!(reg.members(Role::Admin, 0, 10), vec![a.bob]);
    // The old Admin has lost its powers, the new one has them.
    as_caller(a.alice);
    assert_eq!(reg.grant_role(Role::Auditor, a.charlie), Err(Error::MissingRole { role: Role::Admin, account: a.alice }));
    as_caller(a.bob);
    assert_eq!(reg.grant_role(Role::Auditor, a.charlie), Ok(()));
}

#[ink::test]
fn accept_admin_refusals() {
    let a = accounts();
    let mut reg = registry();
    as_caller(a.bob);
    assert_eq!(reg.accept_admin(), Err(Error::NoPendingAdmin));
    as_caller(a.alice);
    reg.propose_admin(a.bob).unwrap();
    as_caller(a.charlie);
    assert_eq!(reg.accept_admin(), Err(Error::NotPendingAdmin));
    assert_eq!(reg.admin(), a.alice);
    assert_eq!(reg.pending_admin(), Some(a.bob));
}

#[ink::test]
fn accept_admin_respects_separation_of_duties() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Vendor, a.bob).unwrap();
    reg.propose_admin(a.bob).unwrap();
    as_caller(a.bob);
    assert_eq!(reg.accept_admin(), Err(Error::ConflictingRoles { account: a.bob, held: Role::Vendor, requested: Role::Admin }));
    assert_eq!(reg.admin(), a.alice);
    assert!(reg.has_role(Role::Admin, a.alice));
    assert_eq!(reg.pending_admin(), Some(a.bob));
}

#[ink::test]
fn propose_admin_refusals_and_replacement() {
    let a = accounts();
    let mut reg = registry();
    assert_eq!(reg.propose_admin(a.alice), Err(Error::AlreadyAdmin));
    reg.propose_admin(a.bob).unwrap();
    let before = events().len();
    assert_eq!(reg.propose_admin(a.bob), Ok(()));
    assert_eq!(events().len(), before);
    reg.propose_admin(a.charlie).unwrap();
    assert_eq!(reg.pending_admin(), Some(a.charlie));
    as_caller(a.bob);
    assert_eq!(reg.accept_admin(), Err(Error::NotPendingAdmin));
    assert_eq!(reg.propose_admin(a.bob), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
}

#[ink::test]
fn cancel_admin_proposal_withdraws_the_offer() {
    let a = accounts();
    let mut reg = registry();
    assert_eq!(reg.cancel_admin_proposal(), Err(Error::NoPendingAdmin));
    reg.propose_admin(a.bob).unwrap();
    as_caller(a.bob);
    assert_eq!(reg.cancel_admin_proposal(), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    as_caller(a.alice);
    assert_eq!(reg.cancel_admin_proposal(), Ok(()));
    let ev = last_change::<AdminHandoverCancelled>();
    assert_eq!((ev.admin, ev.proposed), (a.alice, a.bob));
    assert_eq!(reg.pending_admin(), None);
    as_caller(a.bob);
    assert_eq!(reg.accept_admin(), Err(Error::NoPendingAdmin));
}

#[ink::test]
fn pause_and_unpause() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Treasurer, a.bob).unwrap();
    assert_eq!(reg.check_role_unpaused(Role::Treasurer, a.bob), Ok(()));
    assert_eq!(reg.pause(), Ok(()));
    assert_eq!(last_change::<Paused>().by, a.alice);
    assert!(reg.is_paused());
    assert_eq!(reg.check_role_unpaused(Role::Treasurer, a.bob), Err(Error::Paused));
    // Role checks without the pause flag still answer; governance still works.
    assert_eq!(reg.check_role(Role::Treasurer, a.bob), Ok(()));
    assert_eq!(reg.grant_role(Role::Auditor, a.charlie), Ok(()));
    let before = events().len();
    assert_eq!(reg.pause(), Ok(()));
    assert_eq!(events().len(), before);
    assert_eq!(reg.unpause(), Ok(()));
    assert_eq!(last_change::<Unpaused>().by, a.alice);
    assert!(!reg.is_paused());
    let before = events().len();
    assert_eq!(reg.unpause(), Ok(()));
    assert_eq!(events().len(), before);
}

#[ink::test]
fn pause_requires_admin() {
    let a = accounts();
    let mut reg = registry();
    as_caller(a.bob);
    assert_eq!(reg.pause(), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    assert!(!reg.is_paused());
    as_caller(a.alice);
    reg.pause().unwrap();
    as_caller(a.bob);
    assert_eq!(reg.unpause(), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    assert!(reg.is_paused());
}

#[ink::test]
fn check_role_reports_the_missing_role() {
    let a = accounts();
    let reg = registry();
    assert_eq!(reg.check_role(Role::EscrowService, a.bob), Err(Error::MissingRole { role: Role::EscrowService, account: a.bob }));
    assert_eq!(reg.check_role_unpaused(Role::EscrowService, a.bob), Err(Error::MissingRole { role: Role::EscrowService, account: a.bob }));
}

#[ink::test]
fn members_are_paged_and_bounded() {
    let mut reg = registry();
    let total = MAX_PAGE_SIZE.checked_add(5).unwrap();
    for n in 0..total {
        reg.grant_role(Role::Vendor, nth_account(n)).unwrap();
    }
    let first = reg.members(Role::Vendor, 0, u32::MAX);
    assert_eq!(first.len(), MAX_PAGE_SIZE as usize);
    assert_eq!(first[0], nth_account(0));
    let rest = reg.members(Role::Vendor, MAX_PAGE_SIZE, 50);
    assert_eq!(rest.len(), 5);
    assert_eq!(rest[4], nth_account(total - 1));
    assert!(reg.members(Role::Vendor, total, 10).is_empty());
    assert!(reg.members(Role::Vendor, u32::MAX, u32::MAX).is_empty());
    assert_eq!(reg.members(Role::Vendor, 3, 2), vec![nth_account(3), nth_account(4)]);
}

#[ink::test]
fn standing_reports_roles_and_pause_together() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    reg.grant_role(Role::Treasurer, a.bob).unwrap();
    assert_eq!(reg.standing(a.bob), (RoleSet::EMPTY.with(Role::Inspector).with(Role::Treasurer), false));
    reg.pause().unwrap();
    assert_eq!(reg.standing(a.charlie), (RoleSet::EMPTY, true));
}

/// The suite's tender, evaluation and escrow contracts, played by
/// generated accounts.
fn peers() -> Peers {
    Peers { tender: nth_account(1), evaluation: nth_account(2), escrow: nth_account(3), governor: nth_account(4) }
}

#[ink::test]
fn service_roles_are_never_granted_revoked_or_renounced() {
    let a = accounts();
    let mut reg = registry();
    reg.link_peers(peers()).unwrap();
    let escrow = peers().escrow;
    for service in [Role::TenderService, Role::EvaluationService, Role::EscrowService] {
        let refused = Err(Error::ServiceRoleByLinkOnly { role: service });
        // Not to a person, not to another contract, not even by the Admin.
        assert_eq!(reg.grant_role(service, a.bob), refused);
        assert_eq!(reg.grant_role(service, nth_account(9)), refused);
        assert_eq!(reg.revoke_role(service, escrow), refused);
        assert_eq!(reg.set_role_admin(service, Role::ProcurementOfficer), refused);
        as_caller(escrow);
        assert_eq!(reg.renounce_role(service, escrow), refused);
        as_caller(a.alice);
        assert_eq!(reg.member_count(service), 1);
    }
    assert_eq!(reg.members(Role::EscrowService, 0, 10), vec![escrow]);
    assert!(!reg.has_role(Role::EscrowService, a.bob));
    assert_book_mirrors(&reg, &[a.bob, nth_account(9), escrow]);
}

#[ink::test]
fn the_peers_get_their_service_roles_once_by_the_admin() {
    let a = accounts();
    world::reset();
    as_caller(a.alice);
    let mut reg = AccessControl::new(a.alice);
    assert_eq!(reg.link_peers(peers()), Err(Error::RoleBookNotLinked), "the book must see the grants");
    reg.link_role_book(AccountId::from(BOOK)).unwrap();
    as_caller(a.bob);
    assert_eq!(reg.link_peers(peers()), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    as_caller(a.alice);
    // A peer holding a staff role would break a pair: refused, nothing written.
    reg.grant_role(Role::Treasurer, peers().evaluation).unwrap();
    let before = events().len();
    assert_eq!(
        reg.link_peers(peers()),
        Err(Error::ConflictingRoles { account: peers().evaluation, held: Role::Treasurer, requested: Role::EvaluationService })
    );
    assert_eq!((reg.peers(), reg.member_count(Role::TenderService), events().len()), (None, 0, before));
    reg.revoke_role(Role::Treasurer, peers().evaluation).unwrap();
    // A role book that cannot be written leaves the link to be made again.
    world::set_book_down(true);
    assert_eq!(reg.link_peers(peers()), Err(Error::RoleBookUnavailable));
    assert_eq!((reg.peers(), reg.member_count(Role::TenderService)), (None, 0));
    world::set_book_down(false);

    reg.link_peers(peers()).unwrap();
    assert_eq!(reg.peers(), Some(peers()));
    let emitted = events();
    let linked = change_of::<PeersLinked>(&emitted[emitted.len() - 5]).unwrap();
    assert_eq!((linked.peers, linked.by), (peers(), a.alice));
    for ((role, account), event) in peers().services().into_iter().zip(&emitted[emitted.len() - 4..]) {
        let granted = change_of::<RoleGranted>(event).unwrap();
        assert_eq!((granted.role, granted.account, granted.by), (role, account, a.alice));
        assert_eq!(reg.roles_of(account), vec![role]);
    }
    assert_book_mirrors(&reg, &[peers().tender, peers().evaluation, peers().escrow, peers().governor]);
    // Once only, even with the same peers.
    let other = Peers { escrow: nth_account(7), ..peers() };
    assert_eq!(reg.link_peers(other), Err(Error::PeersLinked));
    assert_eq!(reg.link_peers(peers()), Err(Error::PeersLinked));
    assert_eq!(reg.peers(), Some(peers()));
    assert!(!reg.has_role(Role::EscrowService, nth_account(7)));
}

#[ink::test]
fn one_account_may_be_two_peers() {
    let mut reg = registry();
    let svc = nth_account(5);
    reg.link_peers(Peers { tender: svc, evaluation: svc, ..peers() }).unwrap();
    assert_eq!(reg.roles_of(svc), vec![Role::TenderService, Role::EvaluationService]);
    assert_eq!(world::book_roles(svc), RoleSet::EMPTY.with(Role::TenderService).with(Role::EvaluationService));
}

#[ink::test]
fn the_role_book_is_linked_once_and_mirrors_every_change() {
    let a = accounts();
    world::reset();
    as_caller(a.alice);
    let mut reg = AccessControl::new(a.alice);
    // Nothing changes before the link, so the book never misses a change.
    assert_eq!(reg.grant_role(Role::Treasurer, a.bob), Err(Error::RoleBookNotLinked));
    assert_eq!(reg.pause(), Err(Error::RoleBookNotLinked));
    assert_eq!(reg.role_book(), None);
    as_caller(a.bob);
    assert_eq!(reg.link_role_book(AccountId::from(BOOK)), Err(Error::MissingRole { role: Role::Admin, account: a.bob }));
    as_caller(a.alice);
    world::set_book_down(true);
    assert_eq!(reg.link_role_book(AccountId::from(BOOK)), Err(Error::RoleBookUnavailable));
    assert_eq!(reg.role_book(), None);
    world::set_book_down(false);
    reg.link_role_book(AccountId::from(BOOK)).unwrap();
    let ev = last_change::<RoleBookLinked>();
    assert_eq!((ev.book, ev.by), (AccountId::from(BOOK), a.alice));
    assert_eq!(reg.link_role_book(AccountId::from(BOOK)), Err(Error::RoleBookLinked));
    assert_eq!(world::book_roles(a.alice), RoleSet::EMPTY.with(Role::Admin), "the Admin is written at the link");

    // Grants, revokes, renounces, the handover and the pause, each mirrored.
    let people = [a.alice, a.bob, a.charlie, a.django];
    reg.grant_role(Role::Treasurer, a.bob).unwrap();
    reg.grant_role(Role::Inspector, a.bob).unwrap();
    reg.grant_role(Role::Vendor, a.charlie).unwrap();
    assert_book_mirrors(&reg, &people);
    reg.revoke_role(Role::Treasurer, a.bob).unwrap();
    assert_book_mirrors(&reg, &people);
    as_caller(a.charlie);
    reg.renounce_role(Role::Vendor, a.charlie).unwrap();
    assert_book_mirrors(&reg, &people);
    assert_eq!(world::book_accounts(), 2, "an account without roles leaves no entry");
    as_caller(a.alice);
    reg.pause().unwrap();
    assert_book_mirrors(&reg, &people);
    reg.propose_admin(a.django).unwrap();
    as_caller(a.django);
    reg.accept_admin().unwrap();
    assert_book_mirrors(&reg, &people);
    reg.unpause().unwrap();
    assert_book_mirrors(&reg, &people);
}

#[ink::test]
fn a_role_book_that_cannot_be_written_refuses_the_change() {
    let a = accounts();
    let mut reg = registry();
    reg.grant_role(Role::Treasurer, a.bob).unwrap();
    let before = events().len();
    world::set_book_down(true);
    assert_eq!(reg.grant_role(Role::Inspector, a.bob), Err(Error::RoleBookUnavailable));
    assert_eq!(reg.revoke_role(Role::Treasurer, a.bob), Err(Error::RoleBookUnavailable));
    assert_eq!(reg.pause(), Err(Error::RoleBookUnavailable));
    reg.propose_admin(a.django).unwrap();
    as_caller(a.django);
    assert_eq!(reg.accept_admin(), Err(Error::RoleBookUnavailable));
    assert_eq!(reg.roles_of(a.bob), vec![Role::Treasurer]);
    assert_eq!((reg.admin(), reg.is_paused(), reg.member_count(Role::Treasurer)), (a.alice, false, 1));
    assert_eq!(events().len(), before + 1, "only the proposal was recorded");
    world::set_book_down(false);
    assert_book_mirrors(&reg, &[a.alice, a.bob, a.django]);
}
