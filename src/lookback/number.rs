//! Numbers as the look-back writes them: one decimal, with the language's decimal mark.

use crate::i18n::{self, Lang};

/// A mean with one decimal, with the language's decimal mark; blank when missing, and when it
/// is no number (NaN, infinite), which no record can hold but nothing shows either.
pub fn number(value: Option<f64>) -> String {
    number_with(value, i18n::current() == Lang::Sv)
}

pub(crate) fn number_with(value: Option<f64>, comma: bool) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) => {
            // Half away from zero (2.25 → 2.3), as people round; format! would give 2.2.
            let text = format!("{:.1}", (v * 10.0).round() / 10.0);
            if comma {
                text.replace('.', ",")
            } else {
                text
            }
        }
        None => String::new(),
    }
}
