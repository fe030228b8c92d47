//! Calendar dates as records and users write them: ISO 8601 `YYYY-MM-DD`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer};

use crate::t;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        // chrono accepts some forms ISO 8601 does not, such as a one-digit month; be strict.
        if text.len() != 10 {
            return None;
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date)
    }

    /// Parses a command-line value; the error names the argument and the expected form.
    pub fn parse_arg(argument: &str, text: &str) -> Result<Date, String> {
        Date::parse(text).ok_or_else(|| t!("date.invalid_arg", arg = argument, given = text))
    }

    /// Today, or the day `FORTB_TODAY` names: for tests, and for reproducing a report as it
    /// looked on a given day.
    pub fn today() -> Date {
        std::env::var("FORTB_TODAY")
            .ok()
            .and_then(|text| Date::parse(&text))
            .unwrap_or_else(|| Date(chrono::Local::now().date_naive()))
    }

    pub fn to_toml(self) -> toml_edit::Value {
        let date = toml_edit::Date {
            year: self.0.year() as u16,
            month: self.0.month() as u8,
            day: self.0.day() as u8,
        };
        toml_edit::Value::from(toml_edit::Datetime {
            date: Some(date),
            time: None,
            offset: None,
        })
    }

    /// Reads a TOML date value (`2025-03-14`) or a quoted one (`"2025-03-14"`).
    pub fn from_toml(value: &toml::Value) -> Option<Date> {
        match value {
            toml::Value::Datetime(datetime) if datetime.time.is_none() => {
                datetime.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()).map(Date)
                })
            }
            toml::Value::String(text) => Date::parse(text),
            _ => None,
        }
    }

    /// The date `months` calendar months earlier, clamped to the month's end.
    pub fn months_before(self, months: u32) -> Date {
        Date(
            self.0
                .checked_sub_months(chrono::Months::new(months))
                .unwrap_or(NaiveDate::MIN),
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        Date::from_toml(&value).ok_or_else(|| {
            let given = match &value {
                toml::Value::Datetime(datetime) => datetime.to_string(),
                other => other.to_string(),
            };
            serde::de::Error::custom(t!("date.invalid_value", given = given))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_iso_dates_parse() {
        assert!(Date::parse("2025-03-14").is_some());
        assert!(Date::parse("2025-3-14").is_none());
        assert!(Date::parse("2025-02-30").is_none());
        assert!(Date::parse("14/3/2025").is_none());
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        let date = Date::parse("2026-03-31").unwrap();
        assert_eq!(date.months_before(1).to_string(), "2026-02-28");
        assert_eq!(
            Date::parse("2024-02-29")
                .unwrap()
                .months_before(24)
                .to_string(),
            "2022-02-28"
        );
    }
}
