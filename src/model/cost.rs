//! Cost and time of an initiative as the record states them: `cost` (in the project's
//! currency), `hours` (per participant) and `participants`. All optional; a missing value is
//! missing, never guessed.

use serde::{Deserialize, Deserializer};

use crate::t;

/// A non-negative, finite amount: money or hours. Written as an integer or a decimal.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Amount(f64);

impl Amount {
    pub fn new(value: f64) -> Result<Amount, String> {
        if value.is_finite() && value >= 0.0 {
            Ok(Amount(value))
        } else {
            Err(t!("cost.bad_amount", given = value))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        let number = match &value {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(x) => Some(*x),
            _ => None,
        };
        number
            .ok_or_else(|| t!("cost.bad_amount", given = value))
            .and_then(Amount::new)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Holder {
        amount: Amount,
    }

    #[test]
    fn amounts_are_numbers_of_zero_or_more() {
        for (text, expected) in [
            ("0", Some(0.0)),
            ("45000", Some(45000.0)),
            ("2.5", Some(2.5)),
        ] {
            let read = toml::from_str::<Holder>(&format!("amount = {text}"));
            assert_eq!(read.ok().map(|h| h.amount.value()), expected, "{text}");
        }
        for text in ["-1", "-0.5", "nan", "inf", "\"45 000 kr\"", "true"] {
            assert!(
                toml::from_str::<Holder>(&format!("amount = {text}")).is_err(),
                "{text}"
            );
        }
    }
}
