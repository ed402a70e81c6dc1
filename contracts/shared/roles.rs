//! Roles of the suite and a compact set of roles.
//!
//! A role is one byte on the wire (its discriminant), so the ids are stable:
//! never renumber a variant, only append new ones below [`Role::COUNT`].

/// Who may do what in the suite (see DESIGN.md, "People (roles)").
///
/// The first group is held by people (or multisigs); the `*Service` roles are
/// held by the suite's own contracts so that, for example, only the deployed
/// tender contract may reserve budget. A service role is never granted: the
/// registry gives each to the one contract the deployment links
/// ([`crate::peers`]), for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Role {
    /// The authority's governance: manages roles, pauses, configures limits.
    /// Exactly one account holds it; it moves only by two-step handover.
    Admin = 0,
    /// Buyer staff: publishes, amends and cancels tenders; appoints committees.
    ProcurementOfficer = 1,
    /// Committee member: declares impartiality and scores bids.
    Evaluator = 2,
    /// Technical acceptance of milestone deliverables.
    Inspector = 3,
    /// Finance staff: opens budget lines and co-signs large releases.
    Treasurer = 4,
    /// Oversight body: resolves bid protests.
    Auditor = 5,
    /// Registered supplier: bids, protests, accepts agreements, delivers.
    Vendor = 6,
    /// Held by the tender contract: may reserve budget.
    TenderService = 7,
    /// Held by the evaluation contract: may commit budget and create agreements.
    EvaluationService = 8,
    /// Held by the escrow contract: may release and decommit budget.
    EscrowService = 9,
    /// Held by the governor contract: replaces contracts' code and changes
    /// the rules that wait out the public delay (exclusive pairs, release
    /// policies), each only after the delay.
    Governance = 10,
}

impl Role {
    /// Number of roles; every discriminant is below it.
    pub const COUNT: u8 = 11;

    /// Every role, in discriminant order.
    pub const ALL: [Role; Role::COUNT as usize] = [
        Role::Admin,
        Role::ProcurementOfficer,
        Role::Evaluator,
        Role::Inspector,
        Role::Treasurer,
        Role::Auditor,
        Role::Vendor,
        Role::TenderService,
        Role::EvaluationService,
        Role::EscrowService,
        Role::Governance,
    ];

    /// Roles held by the authority's people: they publish, judge, inspect,
    /// pay, audit or govern tenders, so none of them may bid.
    pub const STAFF: RoleSet = RoleSet::EMPTY
        .with(Role::Admin)
        .with(Role::ProcurementOfficer)
        .with(Role::Evaluator)
        .with(Role::Inspector)
        .with(Role::Treasurer)
        .with(Role::Auditor);

    /// Roles held by the suite's own contracts: they reserve, commit and
    /// release budget, so no person, and certainly no vendor, may hold one.
    pub const SERVICES: RoleSet =
        RoleSet::EMPTY.with(Role::TenderService).with(Role::EvaluationService).with(Role::EscrowService).with(Role::Governance);

    /// Pairs of roles that one account may never hold together (separation
    /// of duties), installed by the registry at construction; its Admin may
    /// declare more. A vendor must not also decide on, inspect, pay for,
    /// audit or govern its own bids; an evaluator scoring a tender must not
    /// also be the auditor who rules on protests against that scoring; a
    /// service role (which moves budget money) goes to no vendor and no
    /// member of staff. A plain array, so the registry's constructor stays
    /// small.
    pub const DEFAULT_EXCLUSIVE_PAIRS: [(Role, Role); 35] = [
        (Role::Vendor, Role::ProcurementOfficer),
        (Role::Vendor, Role::Evaluator),
        (Role::Vendor, Role::Inspector),
        (Role::Vendor, Role::Treasurer),
        (Role::Vendor, Role::Auditor),
        (Role::Vendor, Role::Admin),
        (Role::Evaluator, Role::Auditor),
        (Role::TenderService, Role::Vendor),
        (Role::TenderService, Role::Admin),
        (Role::TenderService, Role::ProcurementOfficer),
        (Role::TenderService, Role::Evaluator),
        (Role::TenderService, Role::Inspector),
        (Role::TenderService, Role::Treasurer),
        (Role::TenderService, Role::Auditor),
        (Role::EvaluationService, Role::Vendor),
        (Role::EvaluationService, Role::Admin),
        (Role::EvaluationService, Role::ProcurementOfficer),
        (Role::EvaluationService, Role::Evaluator),
        (Role::EvaluationService, Role::Inspector),
        (Role::EvaluationService, Role::Treasurer),
        (Role::EvaluationService, Role::Auditor),
        (Role::EscrowService, Role::Vendor),
        (Role::EscrowService, Role::Admin),
        (Role::EscrowService, Role::ProcurementOfficer),
        (Role::EscrowService, Role::Evaluator),
        (Role::EscrowService, Role::Inspector),
        (Role::EscrowService, Role::Treasurer),
        (Role::EscrowService, Role::Auditor),
        (Role::Governance, Role::Vendor),
        (Role::Governance, Role::Admin),
        (Role::Governance, Role::ProcurementOfficer),
        (Role::Governance, Role::Evaluator),
        (Role::Governance, Role::Inspector),
        (Role::Governance, Role::Treasurer),
        (Role::Governance, Role::Auditor),
    ];

    /// The role's stable one-byte id.
    pub const fn id(self) -> u8 {
        self as u8
    }

    /// The role with this id, if any.
    pub fn from_id(id: u8) -> Option<Role> {
        Role::ALL.get(usize::from(id)).copied()
    }

    /// This role's bit in a [`RoleSet`].
    pub const fn bit(self) -> u32 {
        1u32 << (self as u8)
    }
}

/// A set of roles as a bit mask (bit `n` = role with id `n`).
///
/// One storage cell per account holds every role the account has, so a role
/// check (the hot path of every other contract) is one read, and a separation
/// of duties check is one AND.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RoleSet(pub u32);

impl RoleSet {
    /// The empty set.
    pub const EMPTY: RoleSet = RoleSet(0);

    /// Whether `role` is in the set.
    pub const fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    /// The set with `role` added.
    #[must_use]
    pub const fn with(self, role: Role) -> RoleSet {
        RoleSet(self.0 | role.bit())
    }

    /// The set with `role` removed.
    #[must_use]
    pub const fn without(self, role: Role) -> RoleSet {
        RoleSet(self.0 & !role.bit())
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The roles in both sets.
    #[must_use]
    pub const fn intersection(self, other: RoleSet) -> RoleSet {
        RoleSet(self.0 & other.0)
    }

    /// The role with the lowest id in the set, if any.
    pub fn first(self) -> Option<Role> {
        self.iter().next()
    }

    /// The roles in either set.
    #[must_use]
    pub const fn union(self, other: RoleSet) -> RoleSet {
        RoleSet(self.0 | other.0)
    }

    /// The roles in the set, in id order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_round_trip() {
        for (i, role) in Role::ALL.iter().enumerate() {
            assert_eq!(usize::from(role.id()), i);
            assert_eq!(Role::from_id(role.id()), Some(*role));
        }
        assert_eq!(Role::from_id(Role::COUNT), None);
        assert_eq!(Role::Vendor.id(), 6);
        assert_eq!(Role::EscrowService.id(), 9);
    }

    #[test]
    fn role_encodes_as_one_byte_id() {
        use ink::scale::Encode;
        assert_eq!(Role::Treasurer.encode(), vec![4u8]);
        assert_eq!(Role::EscrowService.encode(), vec![9u8]);
    }

    #[test]
    fn role_set_operations() {
        let set = RoleSet::EMPTY.with(Role::Vendor).with(Role::Auditor);
        assert!(set.contains(Role::Vendor));
        assert!(set.contains(Role::Auditor));
        assert!(!set.contains(Role::Admin));
        assert_eq!(set.first(), Some(Role::Auditor));
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![Role::Auditor, Role::Vendor]);
        let set = set.without(Role::Auditor);
        assert_eq!(set, RoleSet(Role::Vendor.bit()));
        assert!(set.without(Role::Vendor).is_empty());
        let other = RoleSet::EMPTY.with(Role::Vendor).with(Role::Admin);
        assert_eq!(set.intersection(other).first(), Some(Role::Vendor));
    }

    #[test]
    fn default_pairs_are_distinct_and_cover_vendors_and_services() {
        let pairs = Role::DEFAULT_EXCLUSIVE_PAIRS;
        assert_eq!(pairs.len(), 6 + 1 + 4 * 7);
        for (a, b) in &pairs {
            assert_ne!(a, b);
        }
        let exclusive = |x: Role, y: Role| pairs.iter().any(|p| *p == (x, y) || *p == (y, x));
        for staff in Role::STAFF.iter() {
            assert!(exclusive(Role::Vendor, staff));
            for service in Role::SERVICES.iter() {
                assert!(exclusive(service, staff));
                assert!(exclusive(service, Role::Vendor));
            }
        }
        assert!(exclusive(Role::Evaluator, Role::Auditor));
        assert!(!exclusive(Role::TenderService, Role::EscrowService), "one contract may serve twice");
    }
}
