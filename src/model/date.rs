//! Calendar dates as records and users write them: ISO 8601 `YYYY-MM-DD`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::model::ModelError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        // Exactly `YYYY-MM-DD`: chrono's own parser accepts forms ISO 8601 does not, such as
        // a one-digit month, and is slower than this on the many dates of a project.
        let bytes = text.trim().as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            bytes[range].iter().try_fold(0, |number, byte| {
                byte.is_ascii_digit()
                    .then(|| number * 10 + u32::from(byte - b'0'))
            })
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = i32::try_from(digits(0..4)?).ok()?;
        NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?).map(Date)
    }

    /// Whether `text` is written as a date, `YYYY-MM-DD` in digits, whether or not the day is
    /// in the calendar (`2026-02-30` is written as one).
    pub fn is_written_as_one(text: &str) -> bool {
        text.len() == 10
            && text.char_indices().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            })
    }

    /// Parses a command-line value; the error names the argument and the expected form.
    pub fn parse_arg(argument: &str, text: &str) -> Result<Date, ModelError> {
        Date::parse(text).ok_or_else(|| ModelError::NotADateArgument {
            argument: argument.to_string(),
            given: text.to_string(),
        })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        chrono::Datelike::year(&self.0)
    }

    /// The date as a TOML date value, `2025-03-14`.
    pub fn to_toml(self) -> toml::Value {
        toml::Value::Datetime(toml::value::Datetime {
            date: Some(toml::value::Date {
                year: self.0.year() as u16,
                month: self.0.month() as u8,
                day: self.0.day() as u8,
            }),
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

    /// The date `days` days later; the last date there is when that is past it (a year of
    /// days in a hand-written `follow_up` must not crash a reader).
    pub fn plus_days(self, days: u32) -> Date {
        Date(
            self.0
                .checked_add_days(chrono::Days::new(days.into()))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    /// The first and last day of the month `YYYY-MM` names (`2027-01`).
    pub fn month(text: &str) -> Option<(Date, Date)> {
        let first = Date::parse(&format!("{}-01", text.trim()))?;
        Some((first, first.month_end()))
    }

    /// The first and last day of the calendar month after this date's.
    pub fn next_month(self) -> (Date, Date) {
        let first = self.0.with_day(1).expect("every month has a first day");
        let first = Date(
            first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX),
        );
        (first, first.month_end())
    }

    /// The last day of this date's month.
    fn month_end(self) -> Date {
        let first = self.0.with_day(1).expect("every month has a first day");
        Date(
            first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|next| next.pred_opt())
                .unwrap_or(NaiveDate::MAX),
        )
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
        match self.digits() {
            Some(digits) => f.write_str(digits.as_str()),
            None => write!(f, "{}", self.0.format("%Y-%m-%d")),
        }
    }
}

/// A date's `YYYY-MM-DD` as ten bytes on the stack.
struct Digits([u8; 10]);

impl Digits {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("digits and dashes")
    }
}

impl Date {
    /// `YYYY-MM-DD` for a year of four digits, the common case, made without the formatting
    /// machinery: summaries and exports print tens of thousands of dates.
    fn digits(&self) -> Option<Digits> {
        let date = self.0;
        let year = u32::try_from(date.year())
            .ok()
            .filter(|year| *year <= 9999)?;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (month, day) = (date.month(), date.day());
        Some(Digits([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ]))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.digits() {
            Some(digits) => serializer.serialize_str(digits.as_str()),
            None => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

/// Reads a TOML date or a quoted one straight from the reader's text, without building a
/// `toml::Value` first: every record holds several dates, so this is on the hot path.
struct DateVisitor;

impl DateVisitor {
    fn invalid<E: de::Error>(given: impl fmt::Display) -> E {
        E::custom(ModelError::NotADate {
            given: given.to_string(),
        })
    }
}

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        // Quoted, as it stands in the file, so that an empty one still shows.
        Date::parse(text).ok_or_else(|| Self::invalid(format!("{text:?}")))
    }

    /// The toml reader hands a date or date-time over as a map of one private key (its
    /// `$__toml_private…` marker) to the value's text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let key: Option<std::borrow::Cow<'de, str>> = map.next_key()?;
        match key {
            Some(key) if key.starts_with("$__toml_private") => {
                let text: std::borrow::Cow<'de, str> = map.next_value()?;
                Date::parse(&text).ok_or_else(|| Self::invalid(&text))
            }
            _ => Err(Self::invalid("{ … }")),
        }
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Date, A::Error> {
        Err(Self::invalid("[ … ]"))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Date, E> {
        Err(Self::invalid(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Date, E> {
        Err(Self::invalid(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Date, E> {
        Err(Self::invalid(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Date, E> {
        Err(Self::invalid(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_from_their_first_to_their_last_day() {
        let day = |text| Date::parse(text).unwrap();
        assert_eq!(
            Date::month("2027-02"),
            Some((day("2027-02-01"), day("2027-02-28")))
        );
        assert_eq!(
            Date::month("2028-02"),
            Some((day("2028-02-01"), day("2028-02-29")))
        );
        for bad in ["2027-13", "2027", "27-01", "2027-01-05", "januari"] {
            assert_eq!(Date::month(bad), None, "{bad}");
        }
        assert_eq!(
            day("2026-12-31").next_month(),
            (day("2027-01-01"), day("2027-01-31"))
        );
    }

    #[test]
    fn only_iso_dates_parse() {
        assert!(Date::parse("2025-03-14").is_some());
        assert!(Date::parse("2025-3-14").is_none());
        assert!(Date::parse("2025-02-30").is_none());
        assert!(Date::parse("14/3/2025").is_none());
        assert!(Date::parse("+202-03-14").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-03-14T10:00").is_none());
        assert!(Date::parse("2025/03/14").is_none());
        assert!(Date::parse("２０２５-03-1").is_none());
        assert_eq!(
            Date::parse(" 2024-02-29 ").unwrap().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn dates_print_and_serialize_as_chrono_writes_them() {
        for (year, month, day) in [
            (2025, 3, 14),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 9),
        ] {
            let date = Date(NaiveDate::from_ymd_opt(year, month, day).unwrap());
            let expected = date.0.format("%Y-%m-%d").to_string();
            assert_eq!(date.to_string(), expected);
            assert_eq!(
                serde_json::to_string(&date).unwrap(),
                format!("\"{expected}\"")
            );
        }
    }

    #[derive(Debug, Deserialize)]
    struct Dated {
        on: Date,
    }

    fn read(value: &str) -> Result<Date, String> {
        toml::from_str::<Dated>(&format!("on = {value}"))
            .map(|dated| dated.on)
            .map_err(|error| error.message().to_string())
    }

    #[test]
    fn reads_toml_dates_and_quoted_dates_only() {
        assert_eq!(read("2025-03-14").unwrap().to_string(), "2025-03-14");
        assert_eq!(read("\"2025-03-14\"").unwrap().to_string(), "2025-03-14");
        let refused = [
            ("2025-03-14T10:00:00", "2025-03-14T10:00:00 is not a date"),
            ("10:00:00", "10:00:00 is not a date"),
            ("\"14 mars\"", "\"14 mars\" is not a date"),
            ("\"\"", "\"\" is not a date"),
            ("20250314", "20250314 is not a date"),
            ("true", "true is not a date"),
            ("1.5", "1.5 is not a date"),
            ("[2025-03-14]", "[ … ] is not a date"),
            ("{ day = 2025-03-14 }", "{ … } is not a date"),
        ];
        for (value, message) in refused {
            let error = read(value).unwrap_err();
            assert!(error.starts_with(message), "{value}: {error}");
        }
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
