//! Deploys the suite's contracts, wires them together (constructor
//! arguments, then the links no constructor can make: the role book to the
//! registry, and the service roles to the suite's peer contracts) and grants
//! the roles of a config; describes the result as a manifest.

use drink::{AccountId32, Ss58Codec};
use procurement_shared::{Peers, Role};
use serde::{Deserialize, Serialize};

use crate::chain::{self, arg, ink_id, Chain};
use crate::config::{role_name, Config};
use crate::contracts::{Escrow, Evaluations, Governor, Registry, RoleBook, Tenders, Treasury};

/// Error type of the registry, as decoded from its answers.
pub use access_control::Error as AccessControlError;
/// Error type of the treasury, as decoded from its answers.
pub use budget::Error as BudgetError;
/// Error type of the escrow, as decoded from its answers.
pub use escrow::Error as EscrowError;
/// Error type of the evaluation book, as decoded from its answers.
pub use evaluation::Error as EvaluationError;
/// Error type of the tender book, as decoded from its answers.
pub use tender::Error as TenderError;

/// Where a constructor argument comes from.
#[derive(Debug, Clone, Copy)]
pub enum Wire {
    /// The suite's Admin account (from the config).
    Admin,
    /// A contract deployed earlier in [`SUITE`], by name.
    Contract(&'static str),
}

/// One contract of the suite.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Crate and bundle name.
    pub name: &'static str,
    /// Arguments of its `new` constructor, in order.
    pub args: &'static [Wire],
}

/// The suite in deployment order; a contract only names contracts above it.
/// Adding a contract is one entry here (and its facade in `contracts`).
/// `access_control` keeps the rules and writes every account's roles into
/// `role_book`, which the other contracts ask (see [`deploy_suite`] for the
/// link between the two). The service roles go to the tender, evaluation,
/// escrow and governor contracts by the registry's `link_peers`, once.
pub const SUITE: &[Spec] = &[
    Spec { name: "access_control", args: &[Wire::Admin] },
    Spec { name: "role_book", args: &[Wire::Contract("access_control")] },
    Spec { name: "budget", args: &[Wire::Contract("role_book")] },
    Spec { name: "tender", args: &[Wire::Contract("role_book"), Wire::Contract("budget")] },
    Spec { name: "escrow", args: &[Wire::Contract("role_book"), Wire::Contract("budget")] },
    Spec {
        name: "evaluation",
        args: &[Wire::Contract("role_book"), Wire::Contract("tender"), Wire::Contract("budget"), Wire::Contract("escrow")],
    },
    Spec {
        name: "governor",
        args: &[
            Wire::Contract("access_control"),
            Wire::Contract("role_book"),
            Wire::Contract("budget"),
            Wire::Contract("tender"),
            Wire::Contract("escrow"),
            Wire::Contract("evaluation"),
        ],
    },
];

/// A deployed suite.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The registry's Admin.
    pub admin: AccountId32,
    /// Every contract of [`SUITE`] with its address, in deployment order.
    pub deployed: Vec<(&'static str, AccountId32)>,
}

impl Suite {
    /// The address of the contract called `name`.
    ///
    /// # Panics
    /// If `name` is not in [`SUITE`] (a programming error, not an input).
    pub fn address(&self, name: &str) -> &AccountId32 {
        self.deployed
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, address)| address)
            .unwrap_or_else(|| panic!("{name} is not in the suite table"))
    }

    /// The role registry.
    pub fn registry(&self) -> Registry {
        Registry::at(self.address("access_control").clone())
    }

    /// The treasury.
    pub fn treasury(&self) -> Treasury {
        Treasury::at(self.address("budget").clone())
    }

    /// The tender book.
    pub fn tenders(&self) -> Tenders {
        Tenders::at(self.address("tender").clone())
    }

    /// The escrow of agreements.
    pub fn escrow(&self) -> Escrow {
        Escrow::at(self.address("escrow").clone())
    }

    /// The evaluation book.
    pub fn evaluations(&self) -> Evaluations {
        Evaluations::at(self.address("evaluation").clone())
    }

    /// The registry's answers, as the other contracts ask them.
    pub fn role_book(&self) -> RoleBook {
        RoleBook::at(self.address("role_book").clone())
    }

    /// The governor: delayed code and rule changes.
    pub fn governor(&self) -> Governor {
        Governor::at(self.address("governor").clone())
    }

    /// The suite's own tender, evaluation, escrow and governor contracts:
    /// the peers the registry gives the service roles to.
    pub fn peers(&self) -> Peers {
        Peers {
            tender: ink_id(self.address("tender")),
            evaluation: ink_id(self.address("evaluation")),
            escrow: ink_id(self.address("escrow")),
            governor: ink_id(self.address("governor")),
        }
    }
}

/// Deploys every contract of [`SUITE`] with `config.admin` as deployer and
/// Admin, wiring each constructor as the table says, links the role book to
/// the registry (before it, the registry refuses every role change), gives
/// the service roles to the suite's peer contracts ([`Suite::peers`],
/// `link_peers`: once, for good), then grants the config's roles. Every account named
/// in the config that the chain signs for is topped up to the chain's
/// endowment so it can transact.
pub fn deploy_suite(chain: &mut impl Chain, config: &Config) -> Result<Suite, String> {
    resume_suite(chain, config, &[], |_| Ok(()))
}

/// [`deploy_suite`] with other peers than the suite's own (`peers` gets the
/// deployed suite): for tests that play a peer from an account, to drive
/// one contract's side of a cross-contract call directly. A real deployment
/// links the suite's own contracts, which nothing can change afterwards.
pub fn deploy_suite_linked(chain: &mut impl Chain, config: &Config, peers: impl FnOnce(&Suite) -> Peers) -> Result<Suite, String> {
    build(chain, config, &[], |_| Ok(()), peers)
}

/// [`deploy_suite`], continuing a deployment that stopped part way:
/// `known` are the contracts an earlier run deployed (from its manifest,
/// [`deployed_in`]); they are attached, not deployed again. Every later step
/// is skipped when the chain shows it done (the role book linked, a role
/// held), so running this again after any interruption finishes the same
/// suite. `saved` is called after each new contract, so the caller can
/// record progress before the next step can fail.
pub fn resume_suite<C: Chain>(
    chain: &mut C,
    config: &Config,
    known: &[(String, AccountId32)],
    saved: impl FnMut(&Suite) -> Result<(), String>,
) -> Result<Suite, String> {
    build(chain, config, known, saved, Suite::peers)
}

fn build<C: Chain>(
    chain: &mut C,
    config: &Config,
    known: &[(String, AccountId32)],
    mut saved: impl FnMut(&Suite) -> Result<(), String>,
    peers: impl FnOnce(&Suite) -> Peers,
) -> Result<Suite, String> {
    let admin = chain.account(&config.admin)?;
    let mut grants = Vec::new();
    for grant in config.grants()? {
        let account = chain.account(&grant.name)?;
        grants.push((grant.role, grant.name, account));
    }
    if let Some((name, _)) = known.iter().find(|(name, _)| !SUITE.iter().any(|spec| spec.name == name)) {
        return Err(format!("the manifest names a contract {name:?} that is not in the suite"));
    }
    chain.top_up(&admin)?;
    let mut suite = Suite { admin: admin.clone(), deployed: Vec::new() };
    for spec in SUITE {
        if let Some((_, address)) = known.iter().find(|(name, _)| name == spec.name) {
            chain.attach(spec.name, address).map_err(|e| format!("resuming {}: {e}", spec.name))?;
            suite.deployed.push((spec.name, address.clone()));
            continue;
        }
        let args: Vec<String> = spec
            .args
            .iter()
            .map(|wire| match wire {
                Wire::Admin => arg(&admin),
                Wire::Contract(name) => arg(suite.address(name)),
            })
            .collect();
        let address = chain.instantiate(spec.name, &admin, "new", &args, Vec::new())?;
        suite.deployed.push((spec.name, address));
        saved(&suite)?;
    }
    let registry = suite.registry();
    let book = suite.address("role_book");
    match registry.role_book(chain)? {
        Some(linked) if chain::from_ink(&linked) == *book => {}
        Some(other) => return Err(format!("the registry is linked to another role book, {}", arg(&chain::from_ink(&other)))),
        None => registry.link_role_book(chain, &admin, book).map_err(|e| format!("linking the role book: {e}"))?,
    }
    let peers = peers(&suite);
    match registry.peers(chain)? {
        Some(linked) if linked == peers => {}
        Some(other) => return Err(format!("the registry gave the service roles to other peers: {other:?}")),
        None => registry.link_peers(chain, &admin, &peers).map_err(|e| format!("linking the peers: {e}"))?,
    }
    for (role, name, account) in grants {
        chain.top_up(&account)?;
        if !registry.has_role(chain, role, &account)? {
            registry.grant_role(chain, &admin, role, &account).map_err(|e| format!("granting {role:?} to {name}: {e}"))?;
        }
    }
    Ok(suite)
}

/// The contracts a manifest file records, for [`resume_suite`].
pub fn deployed_in(manifest: &str) -> Result<Vec<(String, AccountId32)>, String> {
    #[derive(Deserialize)]
    struct Entry {
        name: String,
        address: String,
    }
    #[derive(Deserialize)]
    struct Recorded {
        contracts: Vec<Entry>,
    }
    let recorded: Recorded = serde_json::from_str(manifest).map_err(|e| format!("the manifest does not parse: {e}"))?;
    recorded
        .contracts
        .into_iter()
        .map(|entry| {
            let address = AccountId32::from_ss58check(&entry.address)
                .map_err(|e| format!("the manifest's address of {} is not SS58: {e:?}", entry.name))?;
            Ok((entry.name, address))
        })
        .collect()
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
    /// Whether the deployment finished (contracts, link and every grant);
    /// a manifest written part way says `false` and lists what exists.
    pub complete: bool,
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
pub fn manifest(chain: &mut impl Chain, suite: &Suite) -> Result<Manifest, String> {
    let registry = suite.registry();
    let mut roles = Vec::new();
    for role in Role::ALL {
        let members = all_members(chain, &registry, role)?;
        if !members.is_empty() {
            roles.push(RoleEntry { role: role_name(role), members: members.iter().map(arg).collect() });
        }
    }
    let paused = registry.is_paused(chain)?;
    Ok(Manifest { roles, paused, complete: true, ..progress(chain.describe(), suite)? })
}

/// What a deployment has made so far, before it is complete: the contracts
/// deployed (nothing read from the chain), for [`resume_suite`].
pub fn progress(chain: String, suite: &Suite) -> Result<Manifest, String> {
    let mut contracts = Vec::new();
    for (name, address) in &suite.deployed {
        contracts.push(ContractEntry { name: (*name).into(), address: arg(address), wasm_bytes: chain::load_bundle(name)?.wasm.len() });
    }
    Ok(Manifest { chain, contracts, admin: arg(&suite.admin), roles: Vec::new(), paused: false, complete: false })
}

/// Every member of `role`, read page by page.
pub fn all_members(chain: &mut impl Chain, registry: &Registry, role: Role) -> Result<Vec<AccountId32>, String> {
    let mut out = Vec::new();
    loop {
        let start = u32::try_from(out.len()).map_err(|e| e.to_string())?;
        let page = registry.members(chain, role, start, 100)?;
        if page.is_empty() {
            return Ok(out);
        }
        out.extend(page);
    }
}
