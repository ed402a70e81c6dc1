//! Accounts as the deploy tool names them: development accounts from
//! readable names, SS58 addresses, and the same account as drink and as
//! ink! see it.

use drink::{AccountId32, Ss58Codec};

/// A deterministic development account for a readable name (at most 32
/// bytes): the name's bytes, zero padded. Never use such keys on a live chain.
pub fn dev_account(name: &str) -> AccountId32 {
    let bytes = name.as_bytes();
    assert!(bytes.len() <= 32, "account name {name:?} is longer than 32 bytes");
    let mut raw = [0u8; 32];
    raw[..bytes.len()].copy_from_slice(bytes);
    AccountId32::new(raw)
}

/// An SS58 address, or else a development name.
pub fn resolve_account(text: &str) -> AccountId32 {
    AccountId32::from_ss58check(text).unwrap_or_else(|_| dev_account(text))
}

/// The same account as ink! sees it.
pub fn ink_id(account: &AccountId32) -> ink::primitives::AccountId {
    let raw: &[u8; 32] = account.as_ref();
    ink::primitives::AccountId::from(*raw)
}

/// The same account as drink sees it (the reverse of [`ink_id`]).
pub fn from_ink(account: &ink::primitives::AccountId) -> AccountId32 {
    AccountId32::new(*account.as_ref())
}

/// The account as a constructor argument (SS58 text, parsed by the bundle's
/// metadata).
pub fn arg(account: &AccountId32) -> String {
    account.to_ss58check()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_addresses_and_ink_ids_round_trip() {
        let gov = dev_account("gov");
        assert_eq!(resolve_account("gov"), gov);
        assert_eq!(resolve_account(&arg(&gov)), gov, "an SS58 address is taken as is");
        assert_eq!(from_ink(&ink_id(&gov)), gov);
        assert_eq!(&<AccountId32 as AsRef<[u8; 32]>>::as_ref(&gov)[..3], b"gov");
    }
}
