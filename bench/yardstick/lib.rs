//! # yardstick: the smallest useful contract call, for comparison
//!
//! A fungible token with the shape of the well-known ERC-20 example, cut to
//! what a transfer needs: a balance per account, `transfer` with its event,
//! `balance_of`. The bench (`e2e-tests/src/bin/bench.rs`) measures one
//! `transfer` in the same sandbox as the suite and prints every message's
//! cost as a multiple of it, so "cheap" has a fixed meaning. Not part of
//! the suite; never deployed by it.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod yardstick {
    use ink::storage::Mapping;

    /// Why a transfer refused.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// The sender holds less than the amount.
        InsufficientBalance,
    }

    /// Tokens moved from one account to another.
    #[ink(event)]
    pub struct Transfer {
        /// Sender.
        #[ink(topic)]
        from: AccountId,
        /// Receiver.
        #[ink(topic)]
        to: AccountId,
        /// Amount.
        value: Balance,
    }

    /// Balances.
    #[ink(storage)]
    pub struct Yardstick {
        total_supply: Balance,
        balances: Mapping<AccountId, Balance>,
    }

    impl Yardstick {
        /// Mints `supply` to the deployer.
        #[ink(constructor)]
        pub fn new(supply: Balance) -> Self {
            let mut balances = Mapping::new();
            balances.insert(Self::env().caller(), &supply);
            Self { total_supply: supply, balances }
        }

        /// Moves `value` from the caller to `to`.
        #[ink(message)]
        pub fn transfer(&mut self, to: AccountId, value: Balance) -> Result<(), Error> {
            let from = self.env().caller();
            let from_balance = self.balance_of(from);
            let left = from_balance.checked_sub(value).ok_or(Error::InsufficientBalance)?;
            let to_balance = self.balance_of(to);
            // Cannot overflow: the total supply bounds every balance.
            let received = to_balance.saturating_add(value);
            self.balances.insert(from, &left);
            self.balances.insert(to, &received);
            self.env().emit_event(Transfer { from, to, value });
            Ok(())
        }

        /// The balance of `owner`.
        #[ink(message)]
        pub fn balance_of(&self, owner: AccountId) -> Balance {
            self.balances.get(owner).unwrap_or(0)
        }

        /// All tokens in existence.
        #[ink(message)]
        pub fn total_supply(&self) -> Balance {
            self.total_supply
        }
    }
}
