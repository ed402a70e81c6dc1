//! The public portal of a deployed suite.
//!
//! - [`store`]: the database (SQLite by default, PostgreSQL by URL), its
//!   versioned schema, the journal and what is derived from it;
//! - [`indexer`]: stores a suite's events batch by batch, restart-safe, and
//!   keeps the OCDS releases, records, red flags, tenders, lines, payments
//!   and vendors up to date with `deploy::ocds` and `deploy::flags`;
//! - [`follow`]: where the events come from: a journal file the sandbox
//!   demo writes, or (feature `live`) a node's finalized blocks;
//! - [`load`]: a store of many tenders for the load bench;
//! - [`server`], [`pages`], [`queries`], [`timeline`], [`i18n`], [`view`]:
//!   the read-only JSON API and the pages, in English and Chinese.

pub mod follow;
pub mod i18n;
pub mod indexer;
pub mod load;
pub mod pages;
pub mod queries;
pub mod server;
pub mod store;
pub mod timeline;
pub mod view;
