//! The fields of a record's top level as `fortb set` and `fortb new` change them: each value
//! read from what a person types, checked, and written in place into the document.

use toml_edit::{DocumentMut, Value};

use crate::error::model::ModelError;
use crate::error::record::{ValueName, ValueProblem};
use crate::error::{Error, RecordError, Result};
use crate::model::cost::{Cost, Hours};
use crate::model::date::Date;
use crate::model::initiative::{Record, TOP_LEVEL_KEYS};
use crate::model::list_text::split_list;
use crate::model::theme;
use crate::model::vocabulary::{Field, Kind, Learning, Outcome, Vocabulary};
use crate::record::document::{date_value, set_value, string_array};
use crate::record::process_files::Models;

/// Titles are headings, not essays; a longer one is almost certainly a mistake.
pub const MAX_TITLE_CHARS: usize = 200;

/// A field's new value; `None` in a [`FieldChange`] removes an optional field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Kind(Kind),
    Learning(Learning),
    Date(Date),
    Count(u32),
    Flag(bool),
    /// Ids, as `goals` and `learning_goals` hold them.
    List(Vec<String>),
    Outcome(Outcome),
    /// A list of words, such as the themes.
    Words(Vec<String>),
    /// An amount: a cost or hours, written as an integer when it is whole.
    Amount(f64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: Field,
    pub value: Option<FieldValue>,
}

impl FieldValue {
    fn to_toml(&self) -> Value {
        match self {
            FieldValue::Text(text) => Value::from(text.as_str()),
            FieldValue::Kind(kind) => Value::from(kind.key()),
            FieldValue::Learning(learning) => Value::from(learning.key()),
            FieldValue::Date(date) => date_value(*date),
            FieldValue::Count(n) => Value::from(i64::from(*n)),
            FieldValue::Flag(flag) => Value::from(*flag),
            FieldValue::List(items) => crate::record::document::string_array(items),
            FieldValue::Outcome(outcome) => Value::from(outcome.key()),
            FieldValue::Words(words) => string_array(words),
            FieldValue::Amount(x) if x.fract() == 0.0 => Value::from(*x as i64),
            FieldValue::Amount(x) => Value::from(*x),
        }
    }
}

/// Reads the value typed for `field`. An empty value removes an optional field; the title
/// and the kind every record must have.
pub fn parse(field: Field, text: &str, models: &mut Models) -> Result<FieldChange> {
    let text = text.trim();
    let value = if text.is_empty() {
        if matches!(field, Field::Title | Field::Kind) {
            return Err(RecordError::RequiredField { field }.into());
        }
        None
    } else {
        Some(parse_value(field, text, models)?).filter(|v| *v != FieldValue::Words(Vec::new()))
    };
    Ok(FieldChange { field, value })
}

/// Why `text` is no date: it is not written as one, or it is but the day is not in the
/// calendar.
pub fn not_a_date(text: &str) -> ValueProblem {
    let given = text.to_string();
    match Date::is_written_as_one(text.trim()) {
        true => ValueProblem::NoSuchDate { given },
        false => ValueProblem::NotADate { given },
    }
}

fn parse_value(field: Field, text: &str, models: &mut Models) -> Result<FieldValue> {
    let usage = |problem: ValueProblem| -> Error {
        let name = ValueName::Field(field);
        RecordError::BadValue { name, problem }.into()
    };
    let word = |refused: ModelError| usage(ValueProblem::NotAWord(refused.to_string()));
    let given = || text.to_string();
    Ok(match field {
        Field::Title => FieldValue::Text(clean_title(text)?),
        Field::Kind => FieldValue::Kind(Kind::parse_or_explain(text).map_err(word)?),
        Field::Learning => FieldValue::Learning(Learning::parse_or_explain(text).map_err(word)?),
        Field::Process => {
            models.get(text)?;
            FieldValue::Text(text.to_string())
        }
        Field::Start | Field::End => {
            FieldValue::Date(Date::parse(text).ok_or_else(|| usage(not_a_date(text)))?)
        }
        Field::Sessions | Field::Participants => FieldValue::Count(
            text.parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| usage(ValueProblem::NotACount { given: given() }))?,
        ),
        Field::Cost => FieldValue::Amount(Cost::typed(text).map_err(word)?.value()),
        Field::Hours => FieldValue::Amount(Hours::typed(text).map_err(word)?.value()),
        Field::Owner | Field::Audience => FieldValue::Text(text.to_string()),
        Field::WholeStaff => FieldValue::Flag(
            yes_no(text).ok_or_else(|| usage(ValueProblem::NotYesNo { given: given() }))?,
        ),
        Field::Goals | Field::LearningGoals => FieldValue::List(ids(text)),
        Field::Outcome => FieldValue::Outcome(Outcome::parse_or_explain(text).map_err(word)?),
        Field::Themes => {
            let items = split_list(text);
            FieldValue::Words(theme::clean(items.iter().map(String::as_str)))
        }
    })
}

/// The ids in `a;b` or `a, b`, each once, in the order given.
fn ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for id in text
        .split([';', ','])
        .map(str::trim)
        .filter(|id| !id.is_empty())
    {
        if !ids.iter().any(|seen| seen == id) {
            ids.push(id.to_string());
        }
    }
    ids
}

/// Yes or no in either language, as a person or a file writes it.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "ja" | "j" | "true" | "1" => Some(true),
        "no" | "n" | "nej" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A new record's `uid`: 122 random bits written as a UUID (version 4), so that no two records
/// made anywhere, in any clone, share one. Randomness from the standard library's hasher keys
/// (seeded by the system per process) mixed with the time: unique, not secret.
pub fn new_uid() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let half = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        hasher.write_u64(salt);
        hasher.finish()
    };
    let hex = format!("{:016x}{:016x}", half(1), half(2));
    let variant = ['8', '9', 'a', 'b'][usize::from(hex.as_bytes()[16]) % 4];
    format!(
        "{}-{}-4{}-{variant}{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..]
    )
}

/// The title as stored: control characters become spaces, runs of space one space.
pub fn clean_title(given: &str) -> Result<String> {
    let title: String = given
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() {
        return Err(RecordError::EmptyTitle.into());
    }
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        let limit = MAX_TITLE_CHARS;
        return Err(RecordError::TitleTooLong { chars, limit }.into());
    }
    Ok(title)
}

/// The start and end a record would have after `changes`: the end may not come first.
pub fn check_dates(record: &Record, changes: &[FieldChange]) -> Result<()> {
    let after = |field: Field, before: Option<Date>| {
        changes
            .iter()
            .rev()
            .find(|c| c.field == field)
            .map_or(before, |c| match c.value {
                Some(FieldValue::Date(date)) => Some(date),
                _ => None,
            })
    };
    let start = after(Field::Start, record.start);
    let end = after(Field::End, record.end);
    match (start, end) {
        (Some(start), Some(end)) if end < start => {
            Err(RecordError::EndBeforeStart { start, end }.into())
        }
        _ => Ok(()),
    }
}

/// Writes the changes into the document, each value in its place with its comment kept.
pub fn apply(doc: &mut DocumentMut, changes: &[FieldChange]) {
    for change in changes {
        let key = change.field.key();
        match &change.value {
            Some(value) => set_value(doc.as_table_mut(), key, value.to_toml(), TOP_LEVEL_KEYS),
            None => {
                doc.as_table_mut().remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(field: Field, text: &str) -> Result<FieldChange> {
        parse(field, text, &mut Models::new(None))
    }

    #[test]
    fn values_are_read_in_either_language() {
        for (field, text, expected) in [
            (
                Field::Kind,
                "webbkurs",
                Some(FieldValue::Kind(Kind::OnlineCourse)),
            ),
            (Field::Kind, "party", None),
            (
                Field::Kind,
                "bokcirkel",
                Some(FieldValue::Kind(Kind::BookCircle)),
            ),
            (
                Field::Learning,
                "formellt",
                Some(FieldValue::Learning(Learning::Formal)),
            ),
            (Field::WholeStaff, "ja", Some(FieldValue::Flag(true))),
            (Field::WholeStaff, "no", Some(FieldValue::Flag(false))),
            (Field::Sessions, "6", Some(FieldValue::Count(6))),
            (Field::Sessions, "tva", None),
            (Field::Sessions, "0", None),
            (Field::Cost, "45 000", Some(FieldValue::Amount(45000.0))),
            (Field::Hours, "7,5", Some(FieldValue::Amount(7.5))),
            (Field::Cost, "45 000 kr", None),
            (Field::Participants, "24", Some(FieldValue::Count(24))),
            (Field::Start, "2025-09-31", None),
            (
                Field::Process,
                "tailored",
                Some(FieldValue::Text("tailored".into())),
            ),
            (Field::Process, "nope", None),
            (
                Field::Goals,
                "formativ; lasning,formativ",
                Some(FieldValue::List(vec!["formativ".into(), "lasning".into()])),
            ),
        ] {
            let parsed = change(field, text).ok().and_then(|c| c.value);
            assert_eq!(parsed, expected, "{field:?} = {text}");
        }
    }

    #[test]
    fn the_title_and_kind_cannot_be_removed_but_others_can() {
        assert!(change(Field::Title, " ").is_err());
        assert!(change(Field::Kind, "").is_err());
        assert_eq!(change(Field::Owner, "").unwrap().value, None);
    }

    #[test]
    fn titles_are_cleaned_and_bounded() {
        assert_eq!(
            clean_title("  Studiedag\n\tläsning ").unwrap(),
            "Studiedag läsning"
        );
        assert!(clean_title(" \u{7} ").is_err());
        assert!(clean_title(&"x".repeat(MAX_TITLE_CHARS + 1)).is_err());
    }

    #[test]
    fn changes_keep_comments_and_removed_fields_go() {
        let mut doc: DocumentMut = "title = \"x\" # mine\nkind = \"other\"\nowner = \"A\"\n"
            .parse()
            .unwrap();
        apply(
            &mut doc,
            &[
                change(Field::Title, "Ny titel").unwrap(),
                change(Field::Owner, "").unwrap(),
                change(Field::Sessions, "4").unwrap(),
            ],
        );
        assert_eq!(
            doc.to_string(),
            "title = \"Ny titel\" # mine\nkind = \"other\"\nsessions = 4\n"
        );
    }

    #[test]
    fn new_uids_are_uuids_and_differ() {
        let uids: std::collections::HashSet<String> = (0..1000).map(|_| new_uid()).collect();
        assert_eq!(uids.len(), 1000);
        for uid in &uids {
            let parts: Vec<&str> = uid.split('-').collect();
            let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{uid}");
            assert!(
                parts[2].starts_with('4') && "89ab".contains(&parts[3][..1]),
                "{uid}"
            );
            assert!(
                uid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
                "{uid}"
            );
        }
    }
}
