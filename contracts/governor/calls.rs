//! Every call the governor makes to another contract, and to the chain about
//! code, goes through here: the real clients in the contract, stand-ins in
//! unit tests (ink!'s off-chain environment calls no contract and keeps no
//! code). The switch is made once, on these lines.

use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use procurement_shared::{CallError, LineId, Role};

#[cfg(not(test))]
pub use real::{Code, Targets};
#[cfg(not(test))]
pub use role_book::client::Registry;
#[cfg(test)]
pub use stand_in::{Code, Targets};
#[cfg(test)]
pub use test_kit::Registry;

use budget::ReleasePolicy;

/// A target's refusal, as its own error SCALE-encoded.
pub type Refusal = Vec<u8>;

/// The messages the governor calls on the suite's contracts, each as the
/// governor (the target checks `Governance`).
pub trait TargetPort {
    /// `set_code(code_hash)`.
    fn set_code(target: AccountId, code_hash: Hash) -> Result<(), CallError<Refusal>>;
    /// `migrate()`, on the code just set: the version migrated from.
    fn migrate(target: AccountId) -> Result<Option<u16>, CallError<Refusal>>;
    /// The registry's `declare_exclusive(first, second)`.
    fn declare_exclusive(registry: AccountId, first: Role, second: Role) -> Result<(), CallError<Refusal>>;
    /// The registry's `remove_exclusive(first, second)`.
    fn remove_exclusive(registry: AccountId, first: Role, second: Role) -> Result<(), CallError<Refusal>>;
    /// The budget's `set_default_policy(policy)`.
    fn set_default_policy(budget: AccountId, policy: ReleasePolicy) -> Result<(), CallError<Refusal>>;
    /// The budget's `set_line_policy(line, policy)`.
    fn set_line_policy(budget: AccountId, line: LineId, policy: Option<ReleasePolicy>) -> Result<(), CallError<Refusal>>;
}

/// What the governor asks the chain about uploaded code.
pub trait CodePort {
    /// The code `account` runs, if it is a contract.
    fn running(account: AccountId) -> Option<Hash>;
    /// Keeps `code_hash` from being removed while a change needs it. The
    /// chain refuses (the whole call fails with the pallet's
    /// `CodeNotFound`) if no code was uploaded under the hash.
    fn pin(code_hash: Hash);
    /// Lets `code_hash` go again.
    fn unpin(code_hash: Hash);
}

#[cfg(not(test))]
mod real {
    use super::*;
    use procurement_shared::relay::{self, message, Relayed};

    /// Any target's refusal, kept encoded: the governor passes its bytes on.
    struct Any;

    fn relayed<T>(answer: Result<T, CallError<Relayed<Any>>>) -> Result<T, CallError<Refusal>> {
        answer.map_err(|e| match e {
            CallError::Refused(reason) => CallError::Refused(reason.as_bytes().to_vec()),
            CallError::Unreachable => CallError::Unreachable,
        })
    }

    /// The suite's contracts, called by selector.
    pub struct Targets;

    impl TargetPort for Targets {
        fn set_code(target: AccountId, code_hash: Hash) -> Result<(), CallError<Refusal>> {
            relayed(relay::call(target, 0, message(ink::selector_bytes!("set_code")).push_arg(code_hash)))
        }

        fn migrate(target: AccountId) -> Result<Option<u16>, CallError<Refusal>> {
            relayed(relay::call(target, 0, message(ink::selector_bytes!("migrate"))))
        }

        fn declare_exclusive(registry: AccountId, first: Role, second: Role) -> Result<(), CallError<Refusal>> {
            relayed(relay::call(registry, 0, message(ink::selector_bytes!("declare_exclusive")).push_arg(first).push_arg(second)))
        }

        fn remove_exclusive(registry: AccountId, first: Role, second: Role) -> Result<(), CallError<Refusal>> {
            relayed(relay::call(registry, 0, message(ink::selector_bytes!("remove_exclusive")).push_arg(first).push_arg(second)))
        }

        fn set_default_policy(budget: AccountId, policy: ReleasePolicy) -> Result<(), CallError<Refusal>> {
            relayed(relay::call(budget, 0, message(ink::selector_bytes!("set_default_policy")).push_arg(policy)))
        }

        fn set_line_policy(budget: AccountId, line: LineId, policy: Option<ReleasePolicy>) -> Result<(), CallError<Refusal>> {
            relayed(relay::call(budget, 0, message(ink::selector_bytes!("set_line_policy")).push_arg(line).push_arg(policy)))
        }
    }

    /// The chain's code store, through pallet-contracts.
    pub struct Code;

    impl CodePort for Code {
        fn running(account: AccountId) -> Option<Hash> {
            ink::env::code_hash::<ink::env::DefaultEnvironment>(&account).ok()
        }

        fn pin(code_hash: Hash) {
            ink::env::lock_delegate_dependency::<ink::env::DefaultEnvironment>(&code_hash);
        }

        fn unpin(code_hash: Hash) {
            ink::env::unlock_delegate_dependency::<ink::env::DefaultEnvironment>(&code_hash);
        }
    }
}

/// Stand-ins answering from a per-thread record each test sets up.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::expect_used)]
pub mod stand_in {
    use super::*;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    /// What the stand-ins were asked and will answer.
    #[derive(Default)]
    pub struct Record {
        /// Every call made, in order, as text.
        pub calls: Vec<String>,
        /// Code each account runs.
        pub running: BTreeMap<AccountId, Hash>,
        /// Codes pinned (a pin count per hash).
        pub pinned: BTreeMap<Hash, u32>,
        /// The refusal the next target call answers, if any.
        pub refuse: Option<Refusal>,
        /// Whether target calls fail as unreachable.
        pub unreachable: bool,
        /// What the next `migrate` answers.
        pub migrated_from: Option<u16>,
    }

    thread_local! {
        static RECORD: RefCell<Record> = RefCell::new(Record::default());
    }

    /// Runs `f` on this thread's record.
    pub fn with<T>(f: impl FnOnce(&mut Record) -> T) -> T {
        RECORD.with(|r| f(&mut r.borrow_mut()))
    }

    /// Starts a test with an empty record.
    pub fn reset() {
        with(|r| *r = Record::default());
    }

    fn answer<T>(call: String, value: T) -> Result<T, CallError<Refusal>> {
        with(|r| {
            if r.unreachable {
                return Err(CallError::Unreachable);
            }
            if let Some(refusal) = r.refuse.take() {
                return Err(CallError::Refused(refusal));
            }
            r.calls.push(call);
            Ok(value)
        })
    }

    /// Stand-in for the real `Targets`.
    pub struct Targets;

    impl TargetPort for Targets {
        fn set_code(target: AccountId, code_hash: Hash) -> Result<(), CallError<Refusal>> {
            answer(format!("set_code {target:?} {code_hash:?}"), ())?;
            with(|r| r.running.insert(target, code_hash));
            Ok(())
        }

        fn migrate(target: AccountId) -> Result<Option<u16>, CallError<Refusal>> {
            let from = with(|r| r.migrated_from);
            answer(format!("migrate {target:?}"), from)
        }

        fn declare_exclusive(_registry: AccountId, first: Role, second: Role) -> Result<(), CallError<Refusal>> {
            answer(format!("declare_exclusive {first:?} {second:?}"), ())
        }

        fn remove_exclusive(_registry: AccountId, first: Role, second: Role) -> Result<(), CallError<Refusal>> {
            answer(format!("remove_exclusive {first:?} {second:?}"), ())
        }

        fn set_default_policy(_budget: AccountId, policy: ReleasePolicy) -> Result<(), CallError<Refusal>> {
            answer(format!("set_default_policy {}", policy.auto_release_limit), ())
        }

        fn set_line_policy(_budget: AccountId, line: LineId, policy: Option<ReleasePolicy>) -> Result<(), CallError<Refusal>> {
            answer(format!("set_line_policy {line} {:?}", policy.map(|p| p.auto_release_limit)), ())
        }
    }

    /// Stand-in for the real `Code`.
    pub struct Code;

    impl CodePort for Code {
        fn running(account: AccountId) -> Option<Hash> {
            with(|r| r.running.get(&account).copied())
        }

        fn pin(code_hash: Hash) {
            with(|r| *r.pinned.entry(code_hash).or_default() += 1);
        }

        fn unpin(code_hash: Hash) {
            with(|r| {
                let count = r.pinned.get_mut(&code_hash).expect("unpinning a code that is not pinned");
                *count -= 1;
                if *count == 0 {
                    r.pinned.remove(&code_hash);
                }
            });
        }
    }
}
