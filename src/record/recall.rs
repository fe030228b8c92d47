//! How a [`Recall`] becomes a `[[recall]]` table of a record, edited in place.

use toml_edit::{ArrayOfTables, Item, Table, Value};

use crate::model::recall::{Audience, Recall};
use crate::model::vocabulary::Vocabulary;
use crate::record::document::{date_value, line_value, set_value, string_array, text_value};

/// The order of a recall entry's keys in the record.
const KEY_ORDER: &[&str] = &[
    "by",
    "date",
    "unaided",
    "self",
    "leadership",
    "staff",
    "why",
    "why_not",
    "note",
    "incomplete",
];

/// Writes one person's recall: their entry of the same date is updated in place (keeping its
/// comments), otherwise a new `[[recall]]` entry is added at the end.
pub fn write_entry(doc: &mut toml_edit::DocumentMut, entry: &Recall) {
    if doc
        .get("recall")
        .is_none_or(|item| !item.is_array_of_tables())
    {
        doc.insert("recall", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let entries = doc["recall"]
        .as_array_of_tables_mut()
        .expect("just made sure");
    let date_text = entry.date.to_string();
    let existing = entries.iter().position(|table| {
        table.get("by").and_then(|v| v.as_str()) == Some(entry.by.as_str())
            && table
                .get("date")
                .and_then(|v| v.as_value())
                .map(|v| v.to_string().trim().trim_matches('"').to_string())
                == Some(date_text.clone())
    });
    let table: &mut Table = match existing {
        Some(index) => entries.get_mut(index).expect("found above"),
        None => {
            entries.push(Table::new());
            entries.iter_mut().last().expect("just pushed")
        }
    };
    set_value(table, "by", line_value(&entry.by), KEY_ORDER);
    set_value(table, "date", date_value(entry.date), KEY_ORDER);
    for audience in Audience::ALL {
        match entry.score(*audience) {
            Some(score) => set_value(
                table,
                audience.key(),
                Value::from(i64::from(score.value())),
                KEY_ORDER,
            ),
            None => {
                table.remove(audience.key());
            }
        }
    }
    set_words(table, "why", &entry.why);
    set_words(table, "why_not", &entry.why_not);
    set_flag(table, "unaided", entry.unaided);
    set_flag(table, "incomplete", entry.incomplete);
    match entry
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(note) => set_value(table, "note", text_value(note), KEY_ORDER),
        None => {
            table.remove("note");
        }
    }
}

/// A list of reasons, or no key at all when there are none.
fn set_words<V: Vocabulary>(table: &mut Table, key: &str, words: &[V]) {
    if words.is_empty() {
        table.remove(key);
    } else {
        let keys: Vec<String> = words.iter().map(|w| w.key().to_string()).collect();
        set_value(table, key, string_array(&keys), KEY_ORDER);
    }
}

/// A flag is written only when true, so ordinary entries stay as short as before.
fn set_flag(table: &mut Table, key: &str, on: bool) {
    if on {
        set_value(table, key, Value::from(true), KEY_ORDER);
    } else {
        table.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Date;
    use crate::model::recall::{Score, Why};
    use crate::record::store;
    use std::path::Path;

    fn entry(by: &str, date: &str, staff: Option<i64>) -> Recall {
        Recall {
            self_: Some(Score::new(3).unwrap()),
            staff: staff.map(|s| Score::new(s).unwrap()),
            why: vec![Why::Discussion],
            note: Some("Bra samtal".into()),
            ..Recall::new(by, Date::parse(date).unwrap())
        }
    }

    #[test]
    fn the_same_person_and_date_replaces_only_their_own_entry() {
        let text = "title = \"x\"\nkind = \"other\"\n\n[[recall]]\nby = \"Erik\"\ndate = 2026-01-01\nself = 1\n\n[[recall]]\nby = \"Anna\" # rektor\ndate = 2026-01-01\nself = 0\nleadership = 2\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        write_entry(&mut doc, &entry("Anna", "2026-01-01", Some(4)));
        write_entry(&mut doc, &entry("Anna", "2026-02-01", None));
        let written = doc.to_string();
        let record = store::parse_record(Path::new("x.toml"), &written).unwrap();
        assert_eq!(record.recall.len(), 3, "{written}");
        assert_eq!(record.recall[0].by, "Erik");
        assert_eq!(record.recall[1], entry("Anna", "2026-01-01", Some(4)));
        assert_eq!(record.recall[2], entry("Anna", "2026-02-01", None));
        assert!(written.contains("by = \"Anna\" # rektor"), "{written}");
        // an audience no longer rated is removed from the replaced entry
        assert!(!written.contains("leadership = 2"), "{written}");
    }
}
