//! fortb: plan, run and follow up professional-development initiatives as plain-text records.
//!
//! The layers point one way (docs/architecture.md): the command line ([`cli`]) uses the feature
//! areas ([`process`], [`lookback`], [`plan`], [`followup`], [`git`]), which use the records on
//! disk ([`record`]), which read and write the domain model ([`model`]). The model knows no
//! TOML document, no file and no terminal.

pub mod cli;
pub mod csv;
pub mod error;
pub mod escape;
pub mod followup;
pub mod git;
pub mod i18n;
pub mod json;
pub mod lookback;
pub mod model;
pub mod order;
pub mod plan;
pub mod process;
pub mod record;
