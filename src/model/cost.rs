//! Cost and time of an initiative as the record states them: `cost` (in the project's
//! currency), `hours` (per participant) and `participants`. All optional; a missing value is
//! missing, never guessed.

use serde::{Deserialize, Deserializer};

use crate::t;

/// A finite amount from zero up to `MAX`: money ([`Cost`]) or hours ([`Hours`]). Written as
/// an integer or a decimal. The bound keeps every sum and share the look-back makes of them a
/// number worth showing: docs/format.md gives each field's range.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Amount<const MAX: u32>(f64);

/// What an initiative cost, in the project's currency: up to a thousand million.
pub type Cost = Amount<1_000_000_000>;

/// Hours per participant: up to a hundred thousand (some eleven years).
pub type Hours = Amount<100_000>;

impl<const MAX: u32> Amount<MAX> {
    pub fn new(value: f64) -> Result<Amount<MAX>, String> {
        if value.is_finite() && (0.0..=f64::from(MAX)).contains(&value) {
            Ok(Amount(value))
        } else {
            Err(Self::refused(crate::model::as_written(value)))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }

    /// Why `given` is not such an amount, with the range it must keep within.
    fn refused(given: impl std::fmt::Display) -> String {
        if MAX == 100_000 {
            t!("cost.bad_hours", given = given)
        } else {
            t!("cost.bad_amount", given = given)
        }
    }
}

impl<'de, const MAX: u32> Deserialize<'de> for Amount<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount<MAX>, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        let number = match &value {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(x) => Some(*x),
            _ => None,
        };
        number
            .ok_or_else(|| Self::refused(&value))
            .and_then(Amount::new)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Holder {
        amount: Cost,
        hours: Option<Hours>,
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
        for text in [
            "-1",
            "-0.5",
            "nan",
            "inf",
            "\"45 000 kr\"",
            "true",
            "1e308",
            "1000000001",
        ] {
            assert!(
                toml::from_str::<Holder>(&format!("amount = {text}")).is_err(),
                "{text}"
            );
        }
        let hours = |text: &str| {
            toml::from_str::<Holder>(&format!("amount = 1\nhours = {text}"))
                .map(|h| h.hours.map(Hours::value))
        };
        assert_eq!(hours("100000").ok(), Some(Some(100000.0)));
        assert!(hours("100000.5").is_err());
        assert!(toml::from_str::<Holder>("amount = 1000000000").is_ok());
    }
}
