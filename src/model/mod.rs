//! The domain as plain data and rules: initiatives, steps, recalls, indicators, dates and the
//! closed word lists. No TOML document, no file system, no terminal.

pub mod cost;
pub mod date;
pub mod fingerprint;
pub mod indicator;
pub mod initiative;
pub mod list_text;
pub mod material;
pub mod plan;
pub mod process;
pub mod recall;
pub mod slug;
pub mod spelling;
pub mod survey;
pub mod theme;
pub mod transfer;
pub mod unit;
pub mod vocabulary;
