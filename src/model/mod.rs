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

/// The largest value, either side of zero, of a number a record holds that has no narrower
/// range of its own (an indicator's values, a number answer): far beyond any school's, and
/// small enough that every sum and share made of them stays a number worth showing.
pub const NUMBER_LIMIT: f64 = 1e9;

/// Whether `value` is a number within ±[`NUMBER_LIMIT`].
pub fn within_limit(value: f64) -> bool {
    value.is_finite() && value.abs() <= NUMBER_LIMIT
}

/// A number refused for its size as a message shows it: `1e308` rather than its 309 digits.
pub fn as_written(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e15 {
        value.to_string()
    } else {
        format!("{value:e}")
    }
}
