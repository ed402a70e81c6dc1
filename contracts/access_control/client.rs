//! How the suite's other contracts ask the registry, across contracts.
//!
//! One implementation of each cross-contract call, so every caller builds it
//! the same way. Each returns `None` when the call itself failed (no contract
//! at the address, a trap, a decoding error): callers turn that into their own
//! "registry unavailable" error and change nothing.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::{Role, RoleSet};

use crate::{AccessControlRef, Error};

fn registry(address: AccountId) -> AccessControlRef {
    FromAccountId::from_account_id(address)
}

/// `check_role_unpaused` when `unpaused`, else `check_role`, on the registry
/// at `address`.
pub fn check_role(address: AccountId, role: Role, account: AccountId, unpaused: bool) -> Option<Result<(), Error>> {
    let reg = registry(address);
    let call = if unpaused {
        reg.call().check_role_unpaused(role, account).try_invoke()
    } else {
        reg.call().check_role(role, account).try_invoke()
    };
    match call {
        Ok(Ok(answer)) => Some(answer),
        _ => None,
    }
}

/// `standing(account)`: every role of `account` and the pause flag.
pub fn standing(address: AccountId, account: AccountId) -> Option<(RoleSet, bool)> {
    match registry(address).call().standing(account).try_invoke() {
        Ok(Ok(answer)) => Some(answer),
        _ => None,
    }
}
