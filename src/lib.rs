//! fortb: plan, run and follow up professional-development initiatives as plain-text records.
//!
//! The domain (records, process models, impact, reports) lives in modules that know nothing of
//! the terminal; `commands/` holds one file per subcommand; `app` wires them to the command line.

pub mod answer;
pub mod app;
pub mod atomic;
pub mod cli;
pub mod commands;
pub mod date;
pub mod document;
pub mod error;
pub mod git;
pub mod i18n;
pub mod ics;
pub mod impact;
pub mod indicator;
pub mod initiative;
pub mod interview;
pub mod merge;
pub mod migrate;
pub mod output;
pub mod parse;
pub mod process;
pub mod project;
pub mod recall;
pub mod report;
pub mod schedule;
pub mod slug;
pub mod step;
pub mod store;
pub mod summary;
pub mod survey;
pub mod table;
pub mod usage_error;
pub mod validate;
pub mod vocabulary;
