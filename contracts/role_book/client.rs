//! How other contracts call the role book.
//!
//! - [`Registry`] is the real backend of the registry port
//!   ([`procurement_shared::Roles`]): the suite's contracts check roles with
//!   one call to the role book's `standing`; the role and pause tests are
//!   the port's (`guard::judge`), made on the answer, so the role book itself
//!   stays minimal. A call
//!   that fails as a call (no contract at the address, a trap, an answer that
//!   does not decode) is `RegistryUnavailable`, and the caller changes
//!   nothing.
//! - [`Writer`] is how `access_control` writes it.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::ports::RoleBookPort;
use procurement_shared::{CallError, Denied, RoleSet, Roles};

use crate::{Error, RoleBookRef};

fn book(address: AccountId) -> RoleBookRef {
    FromAccountId::from_account_id(address)
}

/// The role book as other contracts see it. Use through [`Roles`]:
/// `Registry::authorize(role_book, role, WhilePaused::Refused)?`.
pub struct Registry;

impl Roles for Registry {
    fn standing(address: AccountId, account: AccountId) -> Result<(RoleSet, bool), Denied> {
        match book(address).call().standing(account).try_invoke() {
            Ok(Ok(answer)) => Ok(answer),
            _ => Err(Denied::RegistryUnavailable),
        }
    }
}

/// The role book as its writer, the registry, calls it.
pub struct Writer;

impl RoleBookPort for Writer {
    type Refusal = Error;

    /// `set_roles(account, roles)` as the calling contract.
    fn set_roles(address: AccountId, account: AccountId, roles: RoleSet) -> Result<(), CallError<Error>> {
        CallError::answer(book(address).call_mut().set_roles(account, roles).try_invoke())
    }

    /// `set_paused(paused)` as the calling contract.
    fn set_paused(address: AccountId, paused: bool) -> Result<(), CallError<Error>> {
        CallError::answer(book(address).call_mut().set_paused(paused).try_invoke())
    }
}
