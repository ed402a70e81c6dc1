//! drink tests (in `tests/`) and the gas bench (`src/bin/bench.rs`) for the
//! suite, run against the `.contract` bundles that `scripts/build.sh` writes.
//! The harness lives in `deploy` (`chain`, the typed facades of `contracts`,
//! `suite`), so tests use the same code as a deployment; this crate adds the
//! panicking shorthands a test wants ([`chain`]) and the checks that several
//! tests share.

use budget::Totals;
use deploy::suite::Suite;
use drink::AccountId32;
use procurement_shared::Peers;

pub mod procurement;

pub mod chain {
    //! `deploy::chain`, with the calls that a test expects to work made
    //! panicking: a test must see a missing bundle, a trap or an undecodable
    //! answer, never skip it. A contract's own refusal stays a value
    //! (`Err(E)`), since tests assert refusals.
    use drink::session::ContractBundle;
    use drink::AccountId32;
    use ink::scale::Decode;

    pub use deploy::chain::*;

    /// The bundle of `contract`; panics with the build command if missing.
    pub fn bundle(contract: &str) -> ContractBundle {
        load_bundle(contract).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Deploys, or panics with the reason.
    pub fn deploy(
        session: &mut Session,
        bundle: ContractBundle,
        deployer: &AccountId32,
        constructor: &str,
        args: &[String],
        salt: Vec<u8>,
    ) -> AccountId32 {
        deploy::chain::deploy(session, bundle, deployer, constructor, args, salt).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The contract's answer (`Ok` or its own refusal); panics on anything
    /// that is not the contract's answer.
    pub fn call<T: Decode, E: Decode>(
        session: &mut Session,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &Message<Result<T, E>>,
        value: Option<Balance>,
    ) -> Result<T, E> {
        match deploy::chain::call::<T, E>(session, contract, caller, message, value) {
            Ok(value) => Ok(value),
            Err(Failure::Refused(e)) => Err(e),
            Err(Failure::Chain(e)) => panic!("{e}"),
        }
    }

    /// A query's answer; panics if the chain gives none.
    pub fn query<T: Decode>(session: &mut Session, contract: &AccountId32, message: &Message<T>) -> T {
        deploy::chain::query(session, contract, message).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Mints for `account`; panics if the sandbox refuses.
    pub fn fund(session: &mut Session, account: &AccountId32, amount: Balance) {
        deploy::chain::fund(session, account, amount).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A named, endowed development account.
    pub fn endowed(session: &mut Session, name: &str) -> AccountId32 {
        deploy::chain::endowed(session, name).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A facade's answer as a test expects it: the value or the contract's
    /// refusal; panics on a chain failure.
    pub fn answer<T, E>(outcome: Outcome<T, E>) -> Result<T, E> {
        match outcome {
            Ok(value) => Ok(value),
            Err(Failure::Refused(e)) => Err(e),
            Err(Failure::Chain(e)) => panic!("{e}"),
        }
    }
}

use chain::Session;

/// Checks conservation of funds in the treasury and returns its figures:
/// the books (`unappropriated + available + reserved + committed`) equal the
/// spendable balance the contract reports, and that balance is what the
/// chain itself holds for the contract account, less its existential
/// deposit. Call it after every step of a lifecycle.
pub fn assert_conserved(session: &mut Session, budget: &AccountId32) -> Totals {
    let treasury = deploy::contracts::Treasury::at(budget.clone());
    deploy::stage::treasury_books(session, &treasury).unwrap_or_else(|e| panic!("{e}"))
}

/// A suite deployed from `config` at time `start` and linked to `peers`
/// (`Suite::peers` for its own contracts; a test may put an account in a
/// peer's place to drive one side of a cross-contract call), with `deposit`
/// paid into the treasury by a finance ministry and a line `WORKS-2027` of
/// `appropriation` opened by `treasurer-1` for `days` days: where most
/// cross-contract tests begin. Returns the session, the suite and the line.
pub fn funded_suite(
    config: &str,
    peers: impl FnOnce(&Suite) -> Peers,
    start: u64,
    days: u64,
    deposit: u128,
    appropriation: u128,
) -> (Session, Suite, u32) {
    use procurement_shared::DAY_MS as DAY;
    let mut s = chain::new_session();
    chain::set_time(&mut s, start);
    let config = deploy::config::Config::parse(config).expect("test config");
    let suite = deploy::suite::deploy_suite_linked(&mut s, &config, peers).expect("deploy");
    let ministry = chain::endowed(&mut s, "finance-ministry");
    let treasury = suite.treasury();
    chain::answer(treasury.deposit(&mut s, &ministry, deposit)).expect("deposit");
    let treasurer = chain::dev_account("treasurer-1");
    let line =
        chain::answer(treasury.open_line(&mut s, &treasurer, b"WORKS-2027", start, start + days * DAY, appropriation)).expect("line");
    (s, suite, line)
}

/// Puts `actions` in place through the suite's real governor: scheduled by
/// the Admin, the clock moved past the public delay, executed; then the
/// clock is set back to where it was, so the procurement a test drives
/// keeps its own timing (a sandbox's time is the test's to set). The delay
/// itself is tested in `tests/upgrades.rs`.
pub fn govern(s: &mut Session, suite: &Suite, actions: &[governor::Action]) {
    let before = chain::now(s);
    deploy::govern::enact_all(s, suite, actions).expect("a governed change");
    chain::set_time(s, before);
}

/// A line code as a message argument (hex of its bytes).
pub fn code(text: &str) -> String {
    chain::hex(text.as_bytes())
}
