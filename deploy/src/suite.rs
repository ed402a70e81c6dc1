//! Deploys the suite's contracts, wires them together and grants the roles
//! of a config; describes the result as a manifest.

use drink::AccountId32;
use procurement_shared::Role;
use serde::Serialize;

use crate::chain::{self, arg, Session};
use crate::config::{role_name, Config};

/// Error type of the registry, as decoded from its answers.
pub use access_control::Error as AccessControlError;
/// Error type of the treasury, as decoded from its answers.
pub use budget::Error as BudgetError;
/// Error type of the tender book, as decoded from its answers.
pub use tender::Error as TenderError;

/// Addresses of a deployed suite.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The registry's Admin.
    pub admin: AccountId32,
    /// The role registry.
    pub access_control: AccountId32,
    /// The treasury.
    pub budget: AccountId32,
    /// The tender book.
    pub tender: AccountId32,
}

/// Contracts of the suite in deployment order (bundle names).
pub const CONTRACTS: [&str; 3] = ["access_control", "budget", "tender"];

/// Deploys every contract of the suite (so far: access_control, budget and
/// tender) with `config.admin` as deployer and Admin, wires each to the
/// registry and the budget, grants the service roles to the contracts that
/// need them (tender: `TenderService`), then grants the config's roles.
/// Every account named in the config is endowed so it can transact.
pub fn deploy_suite(session: &mut Session, config: &Config) -> Result<Suite, String> {
    let grants = config.grants()?;
    let admin = config.admin_account();
    chain::fund(session, &admin, chain::ACCOUNT_ENDOWMENT);
    let access_control = chain::deploy(
        session,
        chain::bundle("access_control"),
        &admin,
        "new",
        &[arg(&admin)],
        Vec::new(),
    );
    let budget = chain::deploy(
        session,
        chain::bundle("budget"),
        &admin,
        "new",
        &[arg(&access_control)],
        Vec::new(),
    );
    let tender = chain::deploy(
        session,
        chain::bundle("tender"),
        &admin,
        "new",
        &[arg(&access_control), arg(&budget)],
        Vec::new(),
    );
    chain::call::<(), AccessControlError>(
        session,
        &access_control,
        &admin,
        "grant_role",
        &[role_name(Role::TenderService), arg(&tender)],
        None,
    )
    .map_err(|e| format!("granting TenderService to the tender contract: {e:?}"))?;
    for grant in grants {
        if chain::balance(session, &grant.account) == 0 {
            chain::fund(session, &grant.account, chain::ACCOUNT_ENDOWMENT);
        }
        chain::call::<(), AccessControlError>(
            session,
            &access_control,
            &admin,
            "grant_role",
            &[role_name(grant.role), arg(&grant.account)],
            None,
        )
        .map_err(|e| format!("granting {:?} to {}: {e:?}", grant.role, grant.name))?;
    }
    Ok(Suite { admin, access_control, budget, tender })
}

/// What a deployment produced, as written to the manifest file.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// Where the suite runs.
    pub chain: String,
    /// The deployed contracts.
    pub contracts: Vec<ContractEntry>,
    /// The Admin's address.
    pub admin: String,
    /// Members of each role that has any, as read back from the registry.
    pub roles: Vec<RoleEntry>,
    /// Whether the suite is paused.
    pub paused: bool,
}

/// One deployed contract.
#[derive(Debug, Clone, Serialize)]
pub struct ContractEntry {
    /// Contract name (bundle file stem).
    pub name: String,
    /// Its address (SS58).
    pub address: String,
    /// Size of its Wasm code in bytes.
    pub wasm_bytes: usize,
}

/// Members of one role.
#[derive(Debug, Clone, Serialize)]
pub struct RoleEntry {
    /// Role name.
    pub role: String,
    /// Member addresses (SS58).
    pub members: Vec<String>,
}

/// Reads the suite's state back from the chain into a manifest.
pub fn manifest(session: &mut Session, suite: &Suite) -> Manifest {
    let mut roles = Vec::new();
    for role in Role::ALL {
        let members = all_members(session, &suite.access_control, role);
        if !members.is_empty() {
            roles.push(RoleEntry {
                role: role_name(role),
                members: members.iter().map(arg).collect(),
            });
        }
    }
    let paused = chain::query(session, &suite.access_control, "is_paused", &[]);
    Manifest {
        chain: "embedded sandbox (drink MinimalSandbox, pallet-contracts)".into(),
        contracts: CONTRACTS
            .iter()
            .zip([&suite.access_control, &suite.budget, &suite.tender])
            .map(|(name, address)| ContractEntry {
                name: (*name).into(),
                address: arg(address),
                wasm_bytes: chain::bundle(name).wasm.len(),
            })
            .collect(),
        admin: arg(&suite.admin),
        roles,
        paused,
    }
}

/// Every member of `role`, read page by page.
pub fn all_members(session: &mut Session, registry: &AccountId32, role: Role) -> Vec<AccountId32> {
    let mut out = Vec::new();
    loop {
        let start = u32::try_from(out.len()).expect("member count fits u32");
        let page: Vec<ink::primitives::AccountId> = chain::query(
            session,
            registry,
            "members",
            &[role_name(role), start.to_string(), "100".into()],
        );
        if page.is_empty() {
            return out;
        }
        out.extend(page.into_iter().map(|a| AccountId32::new(*a.as_ref())));
    }
}
