//! The words for [`RecordError`], and for the [`Problem`]s and [`Hint`]s of diagnostics.

use crate::cli::error::diagnostic;
use crate::error::record::shown_field;
use crate::error::{with_forward_slashes, Hint, Problem, RecordError};
use crate::record::parse::megabytes;
use crate::t;

pub fn message(error: &RecordError) -> String {
    match error {
        RecordError::RefuseBroken(found) => t!("record.refuse_broken", problem = diagnostic(found)),
        RecordError::RefuseBrokenFile(found) => {
            t!("record.refuse_broken_file", problem = diagnostic(found))
        }
        RecordError::UnreadableChange {
            path,
            problem: found,
        } => t!(
            "record.refuse_unreadable_change",
            path = path.display(),
            problem = problem(found)
        ),
        RecordError::UndoFailed { error, stuck } => t!(
            "rename.undo_failed",
            reason = super::message(error),
            paths = stuck.join(", ")
        ),
        RecordError::EmptyUnitPath => t!("unit.empty_path"),
        RecordError::UnitIsOrganiser { path } => t!("unit.is_organiser", path = path),
        RecordError::UnitNotAProject { path } => t!("unit.not_a_project", path = path),
        RecordError::UnitHasUnits { path } => t!("unit.has_units", path = path),
        RecordError::OrganisationNotTable => t!("unit.organisation_not_table"),
    }
}

/// Whether `error` is about a value given on the command line (exit status 2).
pub fn is_usage(error: &RecordError) -> bool {
    matches!(error, RecordError::EmptyUnitPath)
}

/// The message of a diagnostic.
pub fn problem(problem: &Problem) -> String {
    match problem {
        Problem::Reader(text) => reader(text),
        Problem::NotUtf8 => t!("file.not_utf8"),
        Problem::IsDirectory => t!("file.is_dir"),
        Problem::NotRegular => t!("file.not_regular"),
        Problem::TooLarge { size, limit } => t!(
            "file.too_large",
            size = megabytes(*size),
            limit = megabytes(*limit)
        ),
        Problem::ConflictMarker => t!("file.conflict_marker"),
        Problem::Unreadable { path, error } => {
            let message = super::message(error);
            let prefix = format!("{}: ", with_forward_slashes(path).display());
            message
                .strip_prefix(&prefix)
                .unwrap_or(&message)
                .to_string()
        }
        Problem::Failed(error) => super::message(error),
        Problem::MissingField { field } => t!("reader.missing_field", field = field),
        Problem::InField {
            field,
            problem: inner,
        } => in_field(field, self::problem(inner)),
        Problem::Text(text) => text.clone(),
    }
}

/// The message, led by the field it is about unless it names the field already (`unknown
/// kind "party"`).
fn in_field(field: &str, message: String) -> String {
    let key = field.rsplit('.').next().unwrap_or(field);
    let named = message
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| word == key);
    match named {
        true => message,
        false => format!("{}: {message}", shown_field(field)),
    }
}

pub fn hint(hint: &Hint) -> String {
    match hint {
        Hint::ConflictMarker => t!("file.conflict_hint"),
        Hint::Text(text) => text.clone(),
    }
}

/// The TOML reader and serde speak English; their common messages are put in the user's
/// language, the rest passed on as they are.
fn reader(message: &str) -> String {
    let between_backticks = |text: &str| text.split('`').nth(1).map(str::to_string);
    let words = |phrase: &str| -> String {
        let phrase = phrase.trim();
        // serde names a table it expects by the program's type ("struct Organisation").
        let phrase = match phrase.starts_with("struct ") {
            true => "a map",
            false => phrase,
        };
        let (kind, value) = phrase.split_once(' ').unwrap_or((phrase, ""));
        let key = format!("reader_words.{}", phrase.replace(' ', "_"));
        let kind_key = format!("reader_words.{kind}");
        let catalogue = crate::i18n::catalogue(crate::i18n::current());
        match (catalogue.get(&key), catalogue.get(&kind_key)) {
            (Some(whole), _) => whole.to_string(),
            (None, Some(kind)) if !value.is_empty() => {
                // "integer `99999999999999999999` as i128": the value is between backticks
                let value = between_backticks(value).unwrap_or_else(|| value.to_string());
                format!("{kind} {value}")
            }
            _ => phrase.to_string(),
        }
    };
    let flat = message.replace('\n', " ");
    if flat.trim().is_empty() {
        // The reader sometimes has no words for what it expected (`staff =` with no value).
        return t!("reader.invalid_toml");
    }
    if let Some(field) = flat
        .strip_prefix("missing field")
        .and_then(between_backticks)
    {
        return t!("reader.missing_field", field = field);
    }
    if let Some(key) = flat
        .strip_prefix("duplicate key")
        .and_then(between_backticks)
    {
        return t!("reader.duplicate_key", key = key);
    }
    if let Some((found, expected)) = flat
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        return t!(
            "reader.invalid_type",
            found = words(found),
            expected = words(expected)
        );
    }
    if let Some(rest) = flat.strip_prefix("unknown field ") {
        return unknown_field(rest);
    }
    if let Some(rest) = flat.strip_prefix("unknown variant ") {
        return t!("reader.unknown_value", detail = rest);
    }
    syntax_message(&flat).unwrap_or(flat)
}

/// serde's "unknown field `kee`, expected one of `key`, `type`" in the user's language,
/// with the field most likely meant.
fn unknown_field(rest: &str) -> String {
    let mut quoted = rest.split('`').skip(1).step_by(2);
    let given = quoted.next().unwrap_or_default();
    let valid: Vec<&str> = quoted.collect();
    let mut message = t!(
        "reader.unknown_field",
        key = given,
        valid = valid.join(", ")
    );
    if let Some(meant) = crate::model::spelling::closest(given, valid.iter().copied()) {
        message = format!("{message}; {}", t!("field_check.did_you_mean", key = meant));
    }
    message
}

/// The TOML reader's syntax errors, "<problem>, expected <what>, <what>", in the user's
/// language when the problem is one the catalogue knows (`reader_syntax`); the things
/// expected are translated where they are words (`reader_expected`) and kept where they
/// are characters such as `]`.
fn syntax_message(flat: &str) -> Option<String> {
    let catalogue = crate::i18n::catalogue(crate::i18n::current());
    let (problem, expected) = match flat.split_once(", expected ") {
        Some((problem, expected)) => (problem, Some(expected)),
        None => (flat, None),
    };
    let problem = catalogue.get(&format!(
        "reader_syntax.{}",
        problem.trim().replace(' ', "_")
    ))?;
    Some(match expected {
        None => problem.to_string(),
        Some(expected) => {
            let expected: Vec<String> = expected
                .split(", ")
                .map(|item| {
                    let key = format!("reader_expected.{}", item.trim().replace(' ', "_"));
                    catalogue.get(&key).unwrap_or(item).to_string()
                })
                .collect();
            t!(
                "reader.syntax",
                problem = problem,
                expected = expected.join(", ")
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::record::parse::parse_toml;

    #[test]
    fn a_missing_value_still_gets_a_message() {
        let diagnostic =
            parse_toml::<toml::Table>(Path::new("x.toml"), "self = 1\nstaff =\n").unwrap_err();
        assert_eq!((diagnostic.line, diagnostic.column), (2, 8));
        assert!(!super::problem(&diagnostic.problem).trim().is_empty());
    }
}
