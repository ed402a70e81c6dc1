//! Deploys and wires the public procurement suite.
//!
//! - [`chain`]: the `Chain` interface every tool is written against, and
//!   its implementation on drink's embedded sandbox chain (bundles, accounts,
//!   calls, queries, events, costs). The drink tests and the bench use it
//!   too.
//! - [`config`]: the roles config file.
//! - [`money`]: amounts in the chain's currency, as people read them.
//! - [`contracts`]: a typed facade per contract (one method per message).
//! - [`suite`]: the suite as one table, its deployment, role grants, the
//!   manifest.
//! - [`live`] (feature `live`): the same interface on a real node over RPC.
//! - [`demo`]: the demo procurement the `deploy` binary runs, step by
//!   step, printing what happens (also run by the tests).
//! - [`tools`]: the users' single actions (publish, seal/commit/reveal/claim
//!   with a wallet file, a tender's history), for the `procure` binary.
//! - [`ocds`]: the suite's history as Open Contracting Data (OCDS 1.1.5
//!   releases, records, validation) and [`flags`], the integrity red flags
//!   computed on it.
//! - [`scenarios`]: seeded sets of whole procurements built to end given
//!   ways and raise given red flags (the publication's tests and bench).
//! - [`journal`]: a chain's contract events as a file, for the portal.
//! - [`stage`]: one procurement stage (publish, sealed bids, reveal, bond
//!   claims), checked step by step, on either chain.

pub mod accounts;
pub mod chain;
pub mod config;
pub mod contracts;
pub mod demo;
pub mod fixtures;
pub mod flags;
pub mod govern;
pub mod journal;
#[cfg(feature = "live")]
pub mod live;
pub mod money;
pub mod ocds;
pub mod scenarios;
pub mod stage;
pub mod suite;
pub mod tools;

/// Writes `text` to `path` so that no reader ever sees half of it: into
/// `<path>.new` first, then renamed over `path` (creating the directory if
/// needed). Manifests, wallet files and the dev node's clock shift are
/// written this way: an interrupted run leaves the old file or the new one.
pub fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let mut staged = path.as_os_str().to_owned();
    staged.push(".new");
    let staged = std::path::PathBuf::from(staged);
    std::fs::write(&staged, text).map_err(|e| format!("writing {}: {e}", staged.display()))?;
    std::fs::rename(&staged, path).map_err(|e| format!("writing {}: {e}", path.display()))
}
