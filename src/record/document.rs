//! Editing a record in place with `toml_edit`, so that whatever fortb does not change — comments,
//! blank lines, unknown keys, the order of keys — stays exactly as the user left it.

use std::path::Path;

use chrono::Datelike;
use toml_edit::{DocumentMut, Item, Table, Value};

use crate::error::{Diagnostic, Error, Problem, RecordError, Result};
use crate::model::date::Date;
use crate::model::initiative::{Record, TOP_LEVEL_KEYS};
use crate::record::atomic;
use crate::record::parse;
use crate::record::store;

pub fn parse_document(path: &Path, text: &str) -> Result<DocumentMut> {
    if let Some(conflict) = parse::conflict_marker(path, text) {
        return Err(Error::Invalid(Box::new(conflict)));
    }
    text.parse::<DocumentMut>().map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        Error::Invalid(Box::new(Diagnostic::at_offset(
            path,
            text,
            offset,
            Problem::Reader(error.message().trim().to_string()),
        )))
    })
}

/// Sets `key` to `value`. An existing value keeps its place and its decoration (the spacing
/// and a trailing comment); a new key goes where `order` puts it among the keys already there.
pub fn set_value(table: &mut Table, key: &str, mut value: Value, order: &[&str]) {
    if let Some(existing) = table.get_mut(key) {
        if let Some(old) = existing.as_value() {
            *value.decor_mut() = old.decor().clone();
        }
        *existing = Item::Value(value);
        return;
    }
    table.insert(key, Item::Value(value));
    place_in_order(table, key, order);
}

/// Moves a newly appended `key` before the first existing key that `order` puts after it.
/// Keys `order` does not name (the user's own) keep their places.
fn place_in_order(table: &mut Table, key: &str, order: &[&str]) {
    let Some(rank) = order.iter().position(|k| *k == key) else {
        return;
    };
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let later_known = keys
        .iter()
        .position(|k| k != key && order.iter().position(|o| o == k).is_some_and(|r| r > rank));
    let Some(insert_at) = later_known else { return };
    // Re-insert the keys from `insert_at` on after the new one, keeping each key's decoration.
    let tail: Vec<String> = keys[insert_at..]
        .iter()
        .filter(|k| *k != key)
        .cloned()
        .collect();
    let moved: Vec<_> = tail.iter().filter_map(|k| table.remove_entry(k)).collect();
    let (new_key, new_item) = table.remove_entry(key).expect("just inserted");
    table.insert_formatted(&new_key, new_item);
    for (k, item) in moved {
        table.insert_formatted(&k, item);
    }
}

/// A date as a TOML date value (`2025-03-14`, unquoted).
pub fn date_value(date: Date) -> Value {
    let date = toml_edit::Date {
        year: date.0.year() as u16,
        month: date.0.month() as u8,
        day: date.0.day() as u8,
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A string value. Multi-line text becomes a `"""` block ending in a newline, the way people
/// write it by hand, so it stays readable in diffs; the trailing newline is part of the value.
pub fn text_value(text: &str) -> Value {
    let plain = text
        .chars()
        .all(|c| c == '\n' || c == '\t' || !c.is_control());
    let body = text.trim_end_matches('\n');
    if body.contains('\n') && plain {
        let escaped = body.replace('\\', "\\\\").replace("\"\"\"", "\"\"\\\"");
        let escaped = escape_marker_lines(&escaped);
        if let Ok(parsed) = format!("\"\"\"\n{escaped}\n\"\"\"").parse::<Value>() {
            return parsed;
        }
    }
    line_value(text)
}

/// A string value on one line, its line breaks written `\n`: a name, or a text with control
/// characters. Left to itself toml_edit may write a text with line breaks over several lines,
/// where a line starting `<<<<<<<` would read back as a conflict marker.
pub fn line_value(text: &str) -> Value {
    if !text.contains(['\n', '\r']) {
        return Value::from(text);
    }
    let mut basic = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => basic.push_str("\\\""),
            '\\' => basic.push_str("\\\\"),
            '\n' => basic.push_str("\\n"),
            '\r' => basic.push_str("\\r"),
            '\t' => basic.push('\t'),
            c if c.is_ascii_control() => basic.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => basic.push(c),
        }
    }
    basic.push('"');
    basic
        .parse()
        .expect("a basic string with every special character escaped")
}

/// A line of the text that starts like a git conflict marker gets its first character as a
/// TOML escape (`\u003C<<<<<<`): the value is the same, and neither git nor fortb takes the
/// file's line for a conflict.
fn escape_marker_lines(body: &str) -> String {
    let lines: Vec<String> = body
        .split('\n')
        .map(|line| {
            match ["<<<<<<<", "|||||||", ">>>>>>>"]
                .iter()
                .find(|marker| line.starts_with(*marker))
            {
                Some(marker) => format!("\\u{:04X}{}", u32::from(marker.as_bytes()[0]), &line[1..]),
                None => line.to_string(),
            }
        })
        .collect();
    lines.join("\n")
}

pub fn string_array(items: &[String]) -> Value {
    let mut array = toml_edit::Array::new();
    for item in items {
        array.push(item.as_str());
    }
    Value::Array(array)
}

/// Renders a new record with its keys in the documented order.
pub fn new_record(fields: &[(&str, Value)]) -> String {
    let mut doc = DocumentMut::new();
    for key in TOP_LEVEL_KEYS {
        if let Some((_, value)) = fields.iter().find(|(k, _)| k == key) {
            doc.insert(key, Item::Value(value.clone()));
        }
    }
    doc.to_string()
}

/// Changes one record safely: lock it, read it fresh, refuse if it is broken or newer than this
/// fortb, apply `change`, check the result still reads as a record, and write it atomically.
pub fn update_record<T>(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut, &Record) -> Result<T>,
) -> Result<T> {
    locked_update(path, check_record, refuse_broken, |doc, text| {
        let record = store::parse_record(path, text).map_err(refuse_broken)?;
        store::ensure_writable_schema(path, &record)?;
        change(doc, &record)
    })
}

/// Like [`update_record`] for a record that may not read as the current format yet (for
/// `fortb migrate`): only its TOML must be sound, and the result must read as a record.
pub fn update_document<T>(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<T>,
) -> Result<T> {
    locked_update(path, check_record, refuse_broken, |doc, _| change(doc))
}

/// Never write what we could not read back as a record.
fn check_record(path: &Path, text: &str) -> Result<()> {
    store::parse_record(path, text).map(|_| ())
}

/// Changes any TOML file fortb keeps (a plan, `fortb.toml`) as [`update_record`] changes a
/// record: locked, read fresh, changed in place with comments kept, written atomically,
/// after `check` has read the new text as the file must read.
pub fn update_file<T>(
    path: &Path,
    check: impl FnOnce(&Path, &str) -> Result<()>,
    change: impl FnOnce(&mut DocumentMut, &str) -> Result<T>,
) -> Result<T> {
    locked_update(path, check, refuse_broken_file, change)
}

/// A file other than a record that does not read is not changed: mend it first.
pub fn refuse_broken_file(error: Error) -> Error {
    match error {
        Error::Invalid(diagnostic) => RecordError::RefuseBrokenFile(diagnostic).into(),
        other => other,
    }
}

fn locked_update<T>(
    path: &Path,
    check: impl FnOnce(&Path, &str) -> Result<()>,
    refuse: fn(Error) -> Error,
    change: impl FnOnce(&mut DocumentMut, &str) -> Result<T>,
) -> Result<T> {
    let lock = atomic::lock(path)?;
    let text = parse::read_text(path)?;
    let mut doc = parse_document(path, &text).map_err(refuse)?;
    let result = change(&mut doc, &text)?;
    let mut new_text = doc.to_string();
    if text.contains("\r\n") {
        // toml_edit writes LF; a file the user keeps with CRLF keeps it.
        new_text = new_text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    // toml_edit reads past a byte-order mark and writes none; a file saved with one (Notepad's
    // "UTF-8 with BOM") keeps it, so that the change is the only difference in git.
    if text.starts_with('\u{feff}') && !new_text.starts_with('\u{feff}') {
        new_text.insert(0, '\u{feff}');
    }
    if new_text != text {
        // Never write what we could not read back; its line numbers are of a text that was
        // never written, so the message names the problem without them.
        check(path, &new_text).map_err(|error| match error {
            Error::Invalid(diagnostic) => RecordError::UnreadableChange {
                path: path.to_path_buf(),
                problem: diagnostic.problem,
            }
            .into(),
            other => other,
        })?;
        lock.write(&new_text)?;
    }
    Ok(result)
}

pub fn refuse_broken(error: Error) -> Error {
    match error {
        Error::Invalid(diagnostic) => RecordError::RefuseBroken(diagnostic).into(),
        other => other,
    }
}

/// Removes `key` from `[steps.<step>]`, and the table when nothing else is left in it.
pub fn remove_step_copy(doc: &mut DocumentMut, step: &str, key: &str) {
    let Some(steps) = doc.get_mut("steps").and_then(Item::as_table_mut) else {
        return;
    };
    let Some(table) = steps.get_mut(step).and_then(Item::as_table_mut) else {
        return;
    };
    // A comment written above the key stays, above the key that follows.
    let comment = table
        .key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .filter(|prefix| prefix.contains('#'))
        .map(str::to_string);
    let next = table
        .iter()
        .map(|(name, _)| name.to_string())
        .skip_while(|name| name != key)
        .nth(1);
    table.remove(key);
    if let (Some(comment), Some(next)) = (comment, next) {
        if let Some(mut next_key) = table.key_mut(&next) {
            let own = next_key
                .leaf_decor()
                .prefix()
                .and_then(|prefix| prefix.as_str())
                .unwrap_or_default()
                .to_string();
            next_key
                .leaf_decor_mut()
                .set_prefix(format!("{comment}{own}"));
        }
    }
    if table.is_empty() {
        steps.remove(step);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_a_value_keeps_its_trailing_comment() {
        let mut doc: DocumentMut = "a = 1 # keep me\nb = 2\n".parse().unwrap();
        set_value(doc.as_table_mut(), "a", Value::from(5), &[]);
        assert_eq!(doc.to_string(), "a = 5 # keep me\nb = 2\n");
    }

    #[test]
    fn new_keys_go_in_documented_order_and_unknown_keys_stay() {
        let mut doc: DocumentMut =
            "schema = 1\n# mine\nmy_key = true\ntitle = \"x\"\nowner = \"A\"\n"
                .parse()
                .unwrap();
        set_value(
            doc.as_table_mut(),
            "start",
            Value::from("s"),
            TOP_LEVEL_KEYS,
        );
        assert_eq!(
            doc.to_string(),
            "schema = 1\n# mine\nmy_key = true\ntitle = \"x\"\nstart = \"s\"\nowner = \"A\"\n"
        );
    }

    #[test]
    fn lines_like_conflict_markers_are_escaped_and_read_back_the_same() {
        let text = "a\n<<<<<<< HEAD\nb\n=======\n>>>>>>> x\n||||||| y\n";
        let value = text_value(text);
        let written = value.to_string();
        assert!(
            !written.contains("\n<<<<<<<") && !written.contains("\n>>>>>>>"),
            "{written}"
        );
        assert!(!written.contains("\n|||||||"), "{written}");
        assert_eq!(value.as_str(), Some(text));
    }

    #[test]
    fn multi_line_text_is_written_as_a_block() {
        let value = text_value("first line\nsecond \"quoted\" line");
        assert!(
            value.to_string().contains("\"\"\"\nfirst line\n"),
            "{value}"
        );
        assert_eq!(value.as_str(), Some("first line\nsecond \"quoted\" line\n"));
    }
}
