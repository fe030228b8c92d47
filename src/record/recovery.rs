//! Reading on past a mistake, so `fortb check` lists every problem of a file in one run: the
//! TOML reader stops at the first, so each broken `key = value` line is reported, blanked
//! out (spaces, so every later position stays where it was) and the rest read again.
//!
//! A mistake in a field fortb knows is explained with the field's name, what it holds and an
//! example of the right form (`sessions: "tva" är inget heltal; skriv t.ex. sessions = 6`)
//! rather than in the TOML reader's words.

use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::record::{shown_field, Form};
use crate::error::{Diagnostic, Problem};
use crate::record::parse;

/// What a field holds, for saying what to write instead of a wrong value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole number of 0 or more (`sessions = 6`).
    Count,
    /// A number, decimals allowed (`cost = 25000`).
    Number,
    /// A date, `2025-09-01`.
    Date,
    /// `true` or `false`.
    YesNo,
    /// Text in quotes.
    Text,
    /// A list of texts in square brackets.
    List,
}

/// The result of reading a file that may hold mistakes.
pub struct Recovered<T> {
    /// The file as read once every broken line was blanked, with the keys it holds that the
    /// reader does not know; `None` when the rest could not be read either.
    pub value: Option<(T, Vec<String>)>,
    /// Every mistake found, in the order of the file.
    pub problems: Vec<Diagnostic>,
    /// The text that was read: the file with its broken lines blanked, same byte positions.
    pub readable: String,
}

/// A file this long has more mistakes than anyone wants listed at once.
const MOST_PROBLEMS: usize = 100;

/// Reads `text` as `T`, collecting every mistake. `expected` says what the field at a dotted
/// path (`sessions`, `steps.delivery.sessions`) holds, when fortb knows; `required` lists the
/// fields `T` cannot do without, so that all of them are named when several are missing.
pub fn read_every_problem<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    expected: &mut dyn FnMut(&str) -> Option<ValueKind>,
    required: &[&str],
) -> Recovered<T> {
    let mut readable = text.to_string();
    let mut problems = Vec::new();
    let mut blanked: HashSet<String> = HashSet::new();
    while problems.len() < MOST_PROBLEMS {
        let error = match parse::parse_toml_reporting_unknown::<T>(path, &readable) {
            Ok(value) => {
                return Recovered {
                    value: Some(value),
                    problems,
                    readable,
                }
            }
            Err(error) => error,
        };
        let offset = offset_of(&readable, &error);
        let missing = error.problem.missing_field();
        let lacks_a_field = missing.is_some_and(|field| required.contains(&field));
        if let Some(missing) = lacks_a_field
            .then(|| missing_fields(&readable, required, &blanked))
            .flatten()
        {
            // Named once each; a field blanked as broken was reported already.
            let at_start = |problem| Diagnostic::at_offset(path, text, 0, problem);
            problems.extend(missing.into_iter().map(at_start));
            break;
        }
        let Some(broken) = offset.and_then(|offset| BrokenLine::at(&readable, offset)) else {
            // Not one line's mistake (a broken table header, a conflict marker, a value over
            // several lines): reported as the reader saw it, unless it only follows from
            // lines already blanked.
            if problems.is_empty() || offset.is_some() {
                problems.push(error);
            }
            break;
        };
        let field = broken.field(&readable);
        // Explained at the value; otherwise in the reader's words, where the reader points.
        let (at, problem) = match explain(&field, broken.value(&readable), expected(&field)) {
            Some(problem) => (broken.value_start, problem),
            None => (
                offset.unwrap_or(broken.value_start),
                with_field(&field, *error.problem),
            ),
        };
        problems.push(Diagnostic::at_offset(path, text, at, problem));
        blank(&mut readable, broken.start, broken.end);
        blanked.insert(field);
    }
    Recovered {
        value: None,
        problems,
        readable,
    }
}

/// Where the reader's error is, as a byte offset; `None` when it names no place.
fn offset_of(text: &str, error: &Diagnostic) -> Option<usize> {
    if error.line == 0 {
        return None;
    }
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line - 1)
        .map(str::len)
        .sum();
    let line = text[line_start..].split('\n').next().unwrap_or_default();
    let column: usize = line
        .chars()
        .take(error.column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    Some(line_start + column)
}

/// Every required field the text lacks, when the reader stopped because one is missing.
fn missing_fields(
    text: &str,
    required: &[&str],
    blanked: &HashSet<String>,
) -> Option<Vec<Problem>> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let missing: Vec<String> = required
        .iter()
        .filter(|field| !table.contains_key(**field))
        .map(|field| field.to_string())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let unreported = missing.into_iter().filter(|field| !blanked.contains(field));
    Some(
        unreported
            .map(|field| Problem::MissingField { field })
            .collect(),
    )
}

/// One `key = value` line with a mistake, as byte positions in the text.
struct BrokenLine {
    start: usize,
    end: usize,
    key_end: usize,
    value_start: usize,
}

impl BrokenLine {
    /// The assignment on the line holding `offset`, if its whole value is on that line (a
    /// list or text over several lines cannot be blanked one line at a time).
    fn at(text: &str, offset: usize) -> Option<BrokenLine> {
        let start = text[..offset.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') || trimmed.starts_with('#') {
            return None;
        }
        let equals = line.find('=')?;
        let key = line[..equals].trim();
        let value = line[equals + 1..].trim();
        let plain_key = |c: char| c.is_alphanumeric() || "_-.\" '".contains(c);
        if key.is_empty() || !key.chars().all(plain_key) || !closed_on_one_line(value) {
            return None;
        }
        let value_offset =
            equals + 1 + (line[equals + 1..].len() - line[equals + 1..].trim_start().len());
        Some(BrokenLine {
            start,
            end,
            key_end: start + equals,
            value_start: start + value_offset,
        })
    }

    /// The dotted path of the key, with the table it is in: `steps.delivery.sessions`.
    fn field(&self, text: &str) -> String {
        let key = normalise(text[self.start..self.key_end].trim());
        match table_of(&text[..self.start]) {
            Some(table) => format!("{table}.{key}"),
            None => key,
        }
    }

    /// The value as written, without a comment after it.
    fn value<'t>(&self, text: &'t str) -> &'t str {
        let value = &text[self.value_start..self.end];
        let uncommented = match value.find(" #") {
            Some(at) if !value.starts_with('"') && !value.starts_with('\'') => &value[..at],
            _ => value,
        };
        uncommented.trim()
    }
}

/// Whether a value's brackets and quotes all close on its own line.
fn closed_on_one_line(value: &str) -> bool {
    if value.starts_with("\"\"\"") || value.starts_with("'''") {
        return value.len() > 3 && (value[3..].contains("\"\"\"") || value[3..].contains("'''"));
    }
    let mut depth = 0i32;
    let mut quote = None;
    for c in value.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            (None, '#') => break,
            _ => {}
        }
    }
    depth <= 0
}

/// The table the text before a line ends in (`[steps.delivery]`, `[[recall]]` with its index).
fn table_of(before: &str) -> Option<String> {
    let mut current = None;
    let mut entries: std::collections::HashMap<String, usize> = Default::default();
    for line in before.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix("[[") {
            let name = normalise(header.split("]]").next().unwrap_or_default());
            let index = entries
                .entry(name.clone())
                .and_modify(|n| *n += 1)
                .or_insert(0);
            current = Some(format!("{name}.{index}"));
        } else if let Some(header) = line.strip_prefix('[') {
            current = Some(normalise(header.split(']').next().unwrap_or_default()));
        }
    }
    current
}

fn normalise(key: &str) -> String {
    key.split('.')
        .map(|part| part.trim().trim_matches('"').trim_matches('\''))
        .collect::<Vec<_>>()
        .join(".")
}

/// The reader's message, about the field at the dotted path `field`.
fn with_field(field: &str, problem: Problem) -> Problem {
    Problem::InField {
        field: field.into(),
        problem: Box::new(problem),
    }
}

/// Turns a range of the text into spaces, keeping its length in bytes.
fn blank(text: &mut String, start: usize, end: usize) {
    let spaces: String = text[start..end]
        .chars()
        .map(|c| " ".repeat(c.len_utf8()))
        .collect();
    text.replace_range(start..end, &spaces);
}

/// What is wrong with `given` (as written in the file) for a field that holds `kind`, and how
/// to write it instead; `None` when `given` has the right form and is wrong otherwise.
pub fn explain(field: &str, given: &str, kind: Option<ValueKind>) -> Option<Problem> {
    let field = &shown_field(field);
    // A value of the right form that is still wrong (a threshold too low, a kind fortb does
    // not know) is left to the reader's own message, which says why.
    let kind = kind.filter(|kind| !has_the_form(*kind, given))?;
    let name = field.rsplit('.').next().unwrap_or(field);
    let bare = given.trim_matches(|c| c == '"' || c == '\'');
    let example = match kind {
        ValueKind::Count => format!("{name} = 6"),
        ValueKind::Number => format!("{name} = 10"),
        ValueKind::Date => format!("{name} = 2025-09-01"),
        ValueKind::YesNo => format!("{name} = {}", yes_or_no(bare)),
        ValueKind::Text if is_a_list(given) => format!("{name} = \"…\""),
        ValueKind::Text if !bare.is_empty() => format!("{name} = \"{}\"", bare.replace('"', "'")),
        ValueKind::Text => format!("{name} = \"…\""),
        ValueKind::List if !bare.is_empty() => format!("{name} = [\"{}\"]", bare.replace('"', "'")),
        ValueKind::List => format!("{name} = [\"…\", \"…\"]"),
    };
    let looks_like_a_date = crate::model::date::Date::is_written_as_one(bare);
    let form = match kind {
        ValueKind::Date if !looks_like_a_date => Form::DateForm,
        ValueKind::Count => Form::Count,
        ValueKind::Number => Form::Number,
        ValueKind::Date => Form::Date,
        ValueKind::YesNo => Form::YesNo,
        ValueKind::Text if is_a_list(given) => Form::TextNotList,
        ValueKind::Text => Form::Text,
        ValueKind::List => Form::List,
    };
    Some(Problem::WrongForm {
        form,
        field: field.clone(),
        given: format!("\"{bare}\""),
        example,
    })
}

/// Whether `given` is written as a value of `kind` is (a date is not: `2025-09-31` looks
/// like one but the reader refuses it only when it is no day in the calendar).
fn has_the_form(kind: ValueKind, given: &str) -> bool {
    match kind {
        ValueKind::Count => given.parse::<i64>().is_ok(),
        ValueKind::Number => given.replace('_', "").parse::<f64>().is_ok(),
        ValueKind::Date => false,
        ValueKind::YesNo => given == "true" || given == "false",
        ValueKind::Text => given.starts_with(['"', '\'']),
        ValueKind::List => given.starts_with('['),
    }
}

/// Whether `given` is written as a list or a table, which no quotes turn into one text.
fn is_a_list(given: &str) -> bool {
    given.starts_with(['[', '{'])
}

/// The `true` or `false` a person most likely meant by a word such as "ja" or "nej".
fn yes_or_no(word: &str) -> &'static str {
    let word = word.trim().to_lowercase();
    if ["nej", "no", "n", "falskt", "false", "0", "aldrig"].contains(&word.as_str()) {
        "false"
    } else {
        "true"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        sessions: Option<u32>,
        whole_staff: Option<bool>,
        start: Option<toml::value::Datetime>,
    }

    fn kinds(field: &str) -> Option<ValueKind> {
        match field {
            "title" => Some(ValueKind::Text),
            "sessions" => Some(ValueKind::Count),
            "whole_staff" => Some(ValueKind::YesNo),
            "start" => Some(ValueKind::Date),
            _ => None,
        }
    }

    #[test]
    fn every_broken_line_is_found_and_the_rest_still_read() {
        let text =
            "title = \"Bokcirkel\"\nsessions = tva # två\nwhole_staff = ja\nstart = 2025-09-31\n";
        let read = read_every_problem::<Sample>(Path::new("r.toml"), text, &mut kinds, &["title"]);
        let lines: Vec<usize> = read.problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert_eq!((read.problems[0].column, read.problems[1].column), (12, 15));
        assert_eq!(read.value.unwrap().0.title, "Bokcirkel");
        assert_eq!(read.readable.len(), text.len());
        assert_eq!(
            read.problems[0].source_line.as_deref(),
            Some("sessions = tva # två")
        );
    }

    #[test]
    fn a_broken_required_field_is_not_also_called_missing() {
        let text = "title = Bokcirkel\nsessions = \"två\"\n";
        let read = read_every_problem::<Sample>(Path::new("r.toml"), text, &mut kinds, &["title"]);
        assert_eq!(read.problems.len(), 2, "{:?}", read.problems);
        assert!(read.value.is_none());
    }

    #[test]
    fn a_value_over_several_lines_stops_the_reading_at_its_first_mistake() {
        let text = "title = \"x\"\nsessions = [\n1 2,\n]\nwhole_staff = ja\n";
        let read = read_every_problem::<Sample>(Path::new("r.toml"), text, &mut kinds, &["title"]);
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        assert!(read.value.is_none());
    }

    #[test]
    fn yes_and_no_words_suggest_true_and_false() {
        for (word, expected) in [
            ("ja", "true"),
            ("Nej", "false"),
            ("no", "false"),
            ("yes", "true"),
        ] {
            assert_eq!(yes_or_no(word), expected, "{word}");
        }
        assert!(closed_on_one_line("[\"a\", \"b\"] # [x"));
        assert!(!closed_on_one_line("[\"a\","));
        assert!(!closed_on_one_line("\"\"\"start"));
    }

    #[test]
    fn a_list_where_one_text_belongs_is_not_told_to_be_quoted() {
        let example = |given: &str| match explain("x", given, Some(ValueKind::Text)) {
            Some(Problem::WrongForm { form, example, .. }) => (form, example),
            other => panic!("{other:?}"),
        };
        assert_eq!(example("[\"a\"]"), (Form::TextNotList, "x = \"…\"".into()));
        assert_eq!(example("Karin"), (Form::Text, "x = \"Karin\"".into()));
    }

    #[test]
    fn keys_inside_tables_are_named_with_their_table() {
        let text = "a = 1\n[steps.\"delivery\"]\nx = 1\n[[recall]]\n[[recall]]\nby = 2\n";
        assert_eq!(
            table_of(&text[..text.find("x = 1").unwrap()]).as_deref(),
            Some("steps.delivery")
        );
        assert_eq!(table_of(text).as_deref(), Some("recall.1"));
        assert_eq!(table_of("a = 1\n"), None);
    }
}
