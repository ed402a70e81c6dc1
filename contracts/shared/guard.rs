//! How a contract of the suite asks another one, written once.
//!
//! - [`Roles`] is the registry port: a backend answers one question
//!   (`standing`: an account's roles and the pause flag) and every guard a
//!   contract needs is built on it here. `role_book::client::Registry` is the real
//!   backend (a cross-contract call); the dev-only `test-kit` crate has a
//!   stand-in for ink!'s off-chain unit tests, which cannot call contracts.
//! - [`Denied`] is why a guard refused; each contract's `Error` converts from
//!   it, so a guarded message starts with one line:
//!   `let by = Registry::authorize(self.role_book, Role::Treasurer, WhilePaused::Allowed)?;`
//! - [`WhilePaused`] says whether a guarded action is new business (refused
//!   while the suite is paused) or an exit that must stay open.
//! - [`CallError`] is the outcome of any other cross-contract call that did
//!   not succeed: the callee refused with its own error, or could not be
//!   called at all.

use ink::prelude::vec::Vec;
use ink::primitives::AccountId;

use crate::{Role, RoleSet};

/// Why the registry guard refused. Never stored or returned by a message as
/// is: each contract maps it onto its own documented `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// The suite is paused and the action is new business.
    Paused,
    /// `account` lacks `role`.
    MissingRole { role: Role, account: AccountId },
    /// `account` holds `role`, which the action forbids (a bidder holding a
    /// staff role, for example).
    ConflictingRole { role: Role, account: AccountId },
    /// The registry could not be asked (no contract at the address, a trap,
    /// an answer that does not decode).
    RegistryUnavailable,
}

/// Whether a guarded action runs while the suite is paused. New business
/// (a tender, a bid, an award, an automatic payment) stops; exits (refunds,
/// approvals, cancellations, decisions that return money) never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhilePaused {
    /// New business: refused with `Paused` while the suite is paused.
    Refused,
    /// An exit or an administrative act: runs whether or not the suite is
    /// paused.
    Allowed,
}

/// A cross-contract call that did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallError<E> {
    /// The callee answered with its own error (and changed nothing).
    Refused(E),
    /// The call itself failed: no contract at the address, a trap, or an
    /// answer that does not decode.
    Unreachable,
}

impl<E> CallError<E> {
    /// What a client makes of `try_invoke` on a message returning
    /// `Result<T, E>`: the value, the callee's refusal, or `Unreachable` for
    /// anything else (no contract, a trap, an answer that does not decode).
    pub fn answer<T>(call: Result<ink::primitives::MessageResult<Result<T, E>>, ink::env::Error>) -> Result<T, CallError<E>> {
        match call {
            Ok(Ok(Ok(value))) => Ok(value),
            Ok(Ok(Err(refusal))) => Err(CallError::Refused(refusal)),
            _ => Err(CallError::Unreachable),
        }
    }
}

/// The registry port. A backend implements the one primitive, `standing`
/// (one cross-contract call to the role book); the guards are provided, so
/// their logic exists once for every contract and every backend.
pub trait Roles {
    /// Every role of `account` and whether the suite is paused.
    fn standing(registry: AccountId, account: AccountId) -> Result<(RoleSet, bool), Denied>;

    /// `Ok` if `account` holds `role` (and, for new business, if the suite
    /// is not paused).
    fn check_role(registry: AccountId, role: Role, account: AccountId, action: WhilePaused) -> Result<(), Denied> {
        Self::require(registry, account, role, RoleSet::EMPTY, action)
    }

    /// The caller of the running message, if it holds `role` (and, for new
    /// business, if the suite is not paused): one cross-contract call.
    fn authorize(registry: AccountId, role: Role, action: WhilePaused) -> Result<AccountId, Denied> {
        let caller = ink::env::caller::<ink::env::DefaultEnvironment>();
        Self::check_role(registry, role, caller, action)?;
        Ok(caller)
    }

    /// Those of `accounts` that hold `role` now, in order: one registry call
    /// per account, so callers pass short, bounded lists (the approvers of
    /// one release, at most `MAX_APPROVALS`). A registry that cannot be
    /// asked is an error, never a "no".
    fn holders(registry: AccountId, role: Role, accounts: Vec<AccountId>) -> Result<Vec<AccountId>, Denied> {
        let mut held = Vec::new();
        for account in accounts {
            match Self::check_role(registry, role, account, WhilePaused::Allowed) {
                Ok(()) => held.push(account),
                Err(Denied::MissingRole { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(held)
    }

    /// `account` must hold `required` and none of `forbidden`, with the suite
    /// not paused for new business: one cross-contract call. Used where a role
    /// alone is not enough, e.g. a bidder must be a Vendor and hold no staff
    /// role even if governance lifted a registry exclusivity pair.
    fn require(registry: AccountId, account: AccountId, required: Role, forbidden: RoleSet, action: WhilePaused) -> Result<(), Denied> {
        let (roles, paused) = Self::standing(registry, account)?;
        judge(roles, paused, account, Some(required), forbidden, action)
    }

    /// `account` must hold none of `forbidden` (with the suite not paused
    /// for new business), and needs no role: for a party whose standing in a
    /// procurement was checked when it entered it (a vendor's registration
    /// when it bid), so that a role the people running the procurement can
    /// revoke cannot knock it out, while it still may not act holding a
    /// staff role. One cross-contract call.
    fn refuse(registry: AccountId, account: AccountId, forbidden: RoleSet, action: WhilePaused) -> Result<(), Denied> {
        let (roles, paused) = Self::standing(registry, account)?;
        judge(roles, paused, account, None, forbidden, action)
    }
}

/// The rule behind [`Roles::require`] and [`Roles::refuse`], as a pure
/// function: pause first, then the required role (none for a party that
/// needs no role), then the forbidden ones.
pub fn judge(
    roles: RoleSet,
    paused: bool,
    account: AccountId,
    required: Option<Role>,
    forbidden: RoleSet,
    action: WhilePaused,
) -> Result<(), Denied> {
    if paused && action == WhilePaused::Refused {
        return Err(Denied::Paused);
    }
    if let Some(role) = required.filter(|role| !roles.contains(*role)) {
        return Err(Denied::MissingRole { role, account });
    }
    match roles.intersection(forbidden).first() {
        Some(role) => Err(Denied::ConflictingRole { role, account }),
        None => Ok(()),
    }
}

/// Implements `From<Denied>` for a contract's `Error`, whose variants must
/// include `Paused`, `MissingRole { role, account }`, `ConflictingRole {
/// role }` and `RegistryUnavailable`, so a guard is one `?`:
/// `procurement_shared::denied_into!(Error);`.
#[macro_export]
macro_rules! denied_into {
    ($error:ty) => {
        impl From<$crate::Denied> for $error {
            fn from(denied: $crate::Denied) -> Self {
                match denied {
                    $crate::Denied::Paused => Self::Paused,
                    $crate::Denied::MissingRole { role, account } => Self::MissingRole { role, account },
                    $crate::Denied::ConflictingRole { role, .. } => Self::ConflictingRole { role },
                    $crate::Denied::RegistryUnavailable => Self::RegistryUnavailable,
                }
            }
        }
    };
}

/// Implements `From<CallError<Callee>>` for a contract's `Error`: the
/// callee's refusal becomes `Error::$refused(reason)`, a failed call
/// `Error::$unreachable`:
/// `procurement_shared::call_error_into!(Error, budget::Error, Budget, BudgetUnavailable);`.
#[macro_export]
macro_rules! call_error_into {
    ($error:ty, $callee:ty, $refused:ident, $unreachable:ident) => {
        impl From<$crate::CallError<$callee>> for $error {
            fn from(failure: $crate::CallError<$callee>) -> Self {
                match failure {
                    $crate::CallError::Refused(reason) => Self::$refused(reason),
                    $crate::CallError::Unreachable => Self::$unreachable,
                }
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    /// A registry answering from a fixed standing.
    struct Fixed;
    const HOLDER: [u8; 32] = [1; 32];

    /// HOLDER is an Inspector and the suite runs; anyone else holds nothing
    /// and sees the suite paused.
    impl Roles for Fixed {
        fn standing(_registry: AccountId, account: AccountId) -> Result<(RoleSet, bool), Denied> {
            if account == AccountId::from(HOLDER) {
                Ok((RoleSet::EMPTY.with(Role::Inspector), false))
            } else {
                Ok((RoleSet::EMPTY, true))
            }
        }
    }

    #[test]
    fn refuse_needs_no_role_only_no_forbidden_one() {
        let registry = AccountId::from([0; 32]);
        let nobody = AccountId::from([2; 32]);
        let staff = RoleSet::EMPTY.with(Role::Inspector);
        assert_eq!(Fixed::refuse(registry, nobody, staff, WhilePaused::Allowed), Ok(()), "no role at all is fine");
        assert_eq!(Fixed::refuse(registry, nobody, staff, WhilePaused::Refused), Err(Denied::Paused));
        let holder = AccountId::from(HOLDER);
        assert_eq!(
            Fixed::refuse(registry, holder, staff, WhilePaused::Allowed),
            Err(Denied::ConflictingRole { role: Role::Inspector, account: holder })
        );
        assert_eq!(Fixed::refuse(registry, holder, RoleSet::EMPTY, WhilePaused::Refused), Ok(()));
    }

    #[test]
    fn judge_checks_pause_then_the_required_role_then_conflicts() {
        let who = AccountId::from([1; 32]);
        let vendor = RoleSet::EMPTY.with(Role::Vendor);
        let staff = RoleSet::EMPTY.with(Role::Evaluator).with(Role::Auditor);
        let vendor_role = Some(Role::Vendor);
        assert_eq!(judge(vendor, false, who, vendor_role, staff, WhilePaused::Refused), Ok(()));
        assert_eq!(judge(vendor, true, who, vendor_role, staff, WhilePaused::Refused), Err(Denied::Paused));
        assert_eq!(judge(vendor, true, who, vendor_role, staff, WhilePaused::Allowed), Ok(()));
        assert_eq!(
            judge(RoleSet::EMPTY, false, who, vendor_role, staff, WhilePaused::Refused),
            Err(Denied::MissingRole { role: Role::Vendor, account: who })
        );
        assert_eq!(
            judge(vendor.with(Role::Auditor), false, who, vendor_role, staff, WhilePaused::Refused),
            Err(Denied::ConflictingRole { role: Role::Auditor, account: who })
        );
    }
}
