//! Upgrading records written for an older record format, in place and keeping comments.
//!
//! Schema 0 is a record without a `schema` key (hand-written, or from before it existed),
//! possibly with dates written as quoted strings; schema 1 adds `schema = 1` and writes dates
//! as TOML dates.

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::model::date::Date;
use crate::model::initiative::{SCHEMA, TOP_LEVEL_KEYS};
use crate::record::document::set_value;

/// The schema a document declares; 0 when it has no `schema` key.
pub fn schema_of(doc: &DocumentMut) -> i64 {
    doc.get("schema").and_then(Item::as_integer).unwrap_or(0)
}

/// Whether the record at `id` lacks what the current format has: its schema, or a `uid`.
pub fn needs_upgrade(doc: &DocumentMut) -> bool {
    schema_of(doc) < i64::from(SCHEMA) || !doc.contains_key("uid")
}

/// Brings `doc`, the record `id`, up to the current schema and gives it a `uid` if it has
/// none. Returns whether anything changed.
pub fn upgrade(doc: &mut DocumentMut, id: &str) -> bool {
    let uid = add_uid(doc, id);
    upgrade_schema(doc) || uid
}

/// A record without `uid` gets its id as one: the identity its calendar events already have
/// (a record without `uid` goes by its id), written down so that a rename keeps it. The same
/// in every clone, so two people migrating apart never disagree.
fn add_uid(doc: &mut DocumentMut, id: &str) -> bool {
    if doc.contains_key("uid") {
        return false;
    }
    set_value(doc.as_table_mut(), "uid", Value::from(id), TOP_LEVEL_KEYS);
    true
}

fn upgrade_schema(doc: &mut DocumentMut) -> bool {
    let from = schema_of(doc);
    if from >= i64::from(SCHEMA) {
        return false;
    }
    // 0 → 1: declare the schema and turn quoted dates into TOML dates.
    set_value(
        doc.as_table_mut(),
        "schema",
        Value::from(i64::from(SCHEMA)),
        TOP_LEVEL_KEYS,
    );
    move_to_front(doc.as_table_mut(), "schema");
    for key in ["start", "end"] {
        quoted_date_to_date(doc.as_table_mut(), key);
    }
    if let Some(steps) = doc.get_mut("steps").and_then(Item::as_table_mut) {
        for (_, step) in steps.iter_mut() {
            if let Some(step) = step.as_table_mut() {
                quoted_date_to_date(step, crate::model::initiative::DONE_KEY);
            }
        }
    }
    if let Some(recalls) = doc.get_mut("recall").and_then(Item::as_array_of_tables_mut) {
        for recall in recalls.iter_mut() {
            quoted_date_to_date(recall, "date");
        }
    }
    true
}

fn quoted_date_to_date(table: &mut Table, key: &str) {
    let Some(date) = table.get(key).and_then(Item::as_str).and_then(Date::parse) else {
        return;
    };
    set_value(table, key, crate::record::document::date_value(date), &[]);
}

/// `schema` is the first key of a record, so a reader sees at once which format it is in.
fn move_to_front(table: &mut Table, key: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    if keys.first().is_some_and(|k| k == key) {
        return;
    }
    let Some((own_key, own_item)) = table.remove_entry(key) else {
        return;
    };
    let rest: Vec<_> = keys
        .iter()
        .filter(|k| *k != key)
        .filter_map(|k| table.remove_entry(k))
        .collect();
    table.insert_formatted(&own_key, own_item);
    for (k, item) in rest {
        table.insert_formatted(&k, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unversioned_record_is_upgraded_keeping_comments() {
        let text = "# Vår studiedag\ntitle = \"Studiedag\" # kort titel\nkind = \"study-day\"\nstart = \"2025-03-14\"\n\n[steps.need]\nwhy = \"x\"\ndone = \"2025-02-01\"\n\n[[recall]]\nby = \"Anna\"\ndate = \"2026-11-20\"\nself = 3\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        assert_eq!(schema_of(&doc), 0);
        assert!(upgrade(&mut doc, "studiedag"));
        let upgraded = doc.to_string();
        assert!(
            upgraded
                .starts_with("schema = 1\n# Vår studiedag\ntitle = \"Studiedag\" # kort titel\n"),
            "{upgraded}"
        );
        assert!(upgraded.contains("start = 2025-03-14\n"), "{upgraded}");
        assert!(upgraded.contains("done = 2025-02-01\n"), "{upgraded}");
        assert!(upgraded.contains("date = 2026-11-20\n"), "{upgraded}");
        assert!(upgraded.contains("uid = \"studiedag\"\n"), "{upgraded}");
        // a second run changes nothing
        assert!(!needs_upgrade(&doc));
        assert!(!upgrade(&mut doc, "studiedag"));
    }
}
