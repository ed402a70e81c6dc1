//! The real backend of the registry port ([`procurement_shared::Roles`]):
//! how the suite's other contracts ask this registry, across contracts.
//!
//! The registry's answer is mapped onto [`Denied`] here, once; a call that
//! fails as a call (no contract at the address, a trap, an answer that does
//! not decode) is `RegistryUnavailable`, and the caller changes nothing.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::{Denied, Role, RoleSet, Roles};

use crate::{AccessControlRef, Error};

/// The registry as other contracts see it. Use through [`Roles`]:
/// `Registry::authorize(registry, role, unpaused)?`.
pub struct Registry;

fn registry(address: AccountId) -> AccessControlRef {
    FromAccountId::from_account_id(address)
}

impl Roles for Registry {
    fn check_role(address: AccountId, role: Role, account: AccountId, unpaused: bool) -> Result<(), Denied> {
        let reg = registry(address);
        let call = if unpaused {
            reg.call().check_role_unpaused(role, account).try_invoke()
        } else {
            reg.call().check_role(role, account).try_invoke()
        };
        match call {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(Error::Paused))) => Err(Denied::Paused),
            Ok(Ok(Err(Error::MissingRole { role, account }))) => Err(Denied::MissingRole { role, account }),
            _ => Err(Denied::RegistryUnavailable),
        }
    }

    fn standing(address: AccountId, account: AccountId) -> Result<(RoleSet, bool), Denied> {
        match registry(address).call().standing(account).try_invoke() {
            Ok(Ok(answer)) => Ok(answer),
            _ => Err(Denied::RegistryUnavailable),
        }
    }
}
