//! Deploys and wires the public procurement suite.
//!
//! - [`chain`]: a typed layer over drink's embedded sandbox chain (bundles,
//!   accounts, calls, queries, events, costs). The drink tests and the bench
//!   use it too.
//! - [`config`]: the roles config file.
//! - [`contracts`]: a typed facade per contract (one method per message).
//! - [`suite`]: the suite as one table, its deployment, role grants, the
//!   manifest.
//!
//! - [`live`] (feature `live`): the same interface on a real node over RPC.
//! - [`tools`]: the users' single actions (publish, seal/commit/reveal/claim
//!   with a wallet file, a tender's history), for the `procure` binary.
//! - [`stage`]: one procurement stage (publish, sealed bids, reveal, bond
//!   claims), checked step by step, on either chain.

pub mod chain;
pub mod config;
pub mod contracts;
pub mod stage;
#[cfg(feature = "live")]
pub mod live;
pub mod suite;
pub mod tools;
