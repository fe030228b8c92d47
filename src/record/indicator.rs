//! How an [`Indicator`] and its measurements are written into a record's `[[indicator]]`
//! tables, edited in place.

use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

use crate::model::indicator::{Indicator, Measurement};
use crate::model::vocabulary::Vocabulary;
use crate::record::document::{date_value, line_value, set_value};

/// The order of an indicator's keys in the record.
const KEY_ORDER: &[&str] = &[
    "name",
    "level",
    "goal",
    "baseline",
    "target",
    "unit",
    "measurements",
];

/// The record's `[[indicator]]` entries. Indicators written by hand as an inline array
/// (`indicator = [{ name = … }]`) are turned into entries first, keeping every one and every
/// comment written with them.
fn entries(doc: &mut toml_edit::DocumentMut) -> &mut ArrayOfTables {
    let key_comments = doc
        .as_table()
        .key("indicator")
        .map(|key| comments(key.leaf_decor().prefix()))
        .unwrap_or_default();
    let current = doc.remove("indicator").unwrap_or(Item::None);
    let entries = match current {
        Item::ArrayOfTables(entries) => entries,
        Item::Value(Value::Array(array)) => from_inline(array, key_comments),
        Item::None => ArrayOfTables::new(),
        other => other.into_array_of_tables().unwrap_or_default(),
    };
    doc.insert("indicator", Item::ArrayOfTables(entries));
    doc["indicator"]
        .as_array_of_tables_mut()
        .expect("just inserted")
}

/// `[[indicator]]` tables from an inline array. The comments around the array (above the key,
/// after it on its line) go above the first table; those written with an entry, or after the
/// last one, go above its table.
fn from_inline(array: Array, key_comments: String) -> ArrayOfTables {
    let mut header = key_comments;
    header.push_str(&comments(array.decor().prefix()));
    header.push_str(&comments(array.decor().suffix()));
    let after_last = comments(Some(array.trailing()));
    let mut entries = ArrayOfTables::new();
    for value in array.into_iter() {
        let own = comments(value.decor().prefix()) + &comments(value.decor().suffix());
        let Value::InlineTable(inline) = value else {
            continue;
        };
        let mut table = inline.into_table();
        // One key a line, as in every `[[indicator]]` fortb writes.
        table.fmt();
        let prefix = if entries.is_empty() {
            format!("{}{own}", std::mem::take(&mut header))
        } else {
            own
        };
        table.decor_mut().set_prefix(format!("\n{prefix}"));
        entries.push(table);
    }
    if let Some(last) = entries.iter_mut().last() {
        let prefix = comments(last.decor().prefix()) + &after_last;
        last.decor_mut().set_prefix(format!("\n{prefix}"));
    }
    entries
}

/// The comment lines of a piece of decoration, each on its own line.
fn comments(raw: Option<&toml_edit::RawString>) -> String {
    raw.and_then(toml_edit::RawString::as_str)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The names of the record's indicators, lowercased, however they are written.
pub fn names(doc: &mut toml_edit::DocumentMut) -> Vec<String> {
    entries(doc)
        .iter()
        .filter_map(|t| t.get("name").and_then(Item::as_str).map(str::to_lowercase))
        .collect()
}

fn number_value(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

/// Adds an indicator, or updates the one with this name, keeping its measurements.
pub fn write(doc: &mut toml_edit::DocumentMut, indicator: &Indicator, existing: Option<usize>) {
    let entries = entries(doc);
    let table: &mut Table = match existing {
        Some(index) => entries.get_mut(index).expect("index from the record"),
        None => {
            entries.push(Table::new());
            entries.iter_mut().last().expect("just pushed")
        }
    };
    set_value(table, "name", line_value(&indicator.name), KEY_ORDER);
    let optional: [(&str, Option<Value>); 5] = [
        ("level", indicator.level.map(|l| Value::from(l.key()))),
        ("goal", indicator.goal.map(|g| Value::from(g.key()))),
        ("baseline", indicator.baseline.map(number_value)),
        ("target", indicator.target.map(number_value)),
        ("unit", indicator.unit.as_deref().map(Value::from)),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            set_value(table, key, value, KEY_ORDER);
        }
    }
}

/// Appends a measurement to the indicator at `index`, one per line so each shows in a diff.
pub fn add_measurement(doc: &mut toml_edit::DocumentMut, index: usize, measurement: &Measurement) {
    let table = entries(doc).get_mut(index).expect("index from the record");
    let mut entry = InlineTable::new();
    entry.insert("date", date_value(measurement.date));
    entry.insert("value", number_value(measurement.value));
    // Measurements written as `[[indicator.measurements]]` tables get one more table.
    if let Some(tables) = table
        .get_mut("measurements")
        .and_then(Item::as_array_of_tables_mut)
    {
        tables.push(entry.into_table());
        return;
    }
    let mut array = table
        .get("measurements")
        .and_then(Item::as_array)
        .cloned()
        .unwrap_or_else(Array::new);
    array.push(Value::InlineTable(entry));
    for value in array.iter_mut() {
        value.decor_mut().set_prefix("\n  ");
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
    let mut value = Value::Array(array);
    value.decor_mut().set_prefix(" ");
    set_value(table, "measurements", value, KEY_ORDER);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Date;

    #[test]
    fn hand_written_inline_indicators_and_measurement_tables_are_kept() {
        let text = "indicator = [{ name = \"Frånvaro\", baseline = 10, target = 5 }]\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        add_measurement(
            &mut doc,
            0,
            &Measurement {
                date: Date::parse("2025-05-20").unwrap(),
                value: 8.0,
            },
        );
        let parsed: toml::Table = toml::from_str(&doc.to_string()).unwrap();
        assert_eq!(parsed["indicator"][0]["name"].as_str(), Some("Frånvaro"));
        assert_eq!(
            parsed["indicator"][0]["measurements"][0]["value"].as_integer(),
            Some(8)
        );
        let text = "[[indicator]]\nname = \"A\"\n[[indicator.measurements]]\ndate = 2025-01-01\nvalue = 1\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        add_measurement(
            &mut doc,
            0,
            &Measurement {
                date: Date::parse("2025-05-20").unwrap(),
                value: 2.0,
            },
        );
        let parsed: toml::Table = toml::from_str(&doc.to_string()).unwrap();
        assert_eq!(
            parsed["indicator"][0]["measurements"]
                .as_array()
                .map(Vec::len),
            Some(2)
        );
    }

    #[test]
    fn comments_of_inline_indicators_are_kept_when_they_become_tables() {
        let text = "title = \"x\"\n# Våra indikatorer\nindicator = [ # från analysen\n  # frånvaron först\n  { name = \"Frånvaro\" },\n  { name = \"Trygghet\" }, # enkäten\n  # fler i höst\n]\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        add_measurement(
            &mut doc,
            0,
            &Measurement {
                date: Date::parse("2025-05-20").unwrap(),
                value: 8.0,
            },
        );
        let written = doc.to_string();
        for comment in [
            "# Våra indikatorer",
            "# från analysen",
            "# frånvaron först",
            "# enkäten",
            "# fler i höst",
        ] {
            assert!(written.contains(comment), "{comment} lost:\n{written}");
        }
        let parsed: toml::Table = toml::from_str(&written).unwrap();
        assert_eq!(parsed["indicator"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn measurements_are_written_one_per_line() {
        let mut doc: toml_edit::DocumentMut = "title = \"x\"\n".parse().unwrap();
        let indicator = Indicator {
            name: "Elever som kan målen".into(),
            level: None,
            goal: None,
            baseline: Some(30.0),
            target: Some(80.0),
            unit: None,
            measurements: Vec::new(),
        };
        write(&mut doc, &indicator, None);
        add_measurement(
            &mut doc,
            0,
            &Measurement {
                date: Date::parse("2025-05-20").unwrap(),
                value: 55.0,
            },
        );
        add_measurement(
            &mut doc,
            0,
            &Measurement {
                date: Date::parse("2025-09-01").unwrap(),
                value: 62.5,
            },
        );
        let text = doc.to_string();
        assert!(
            text.contains("measurements = [\n  { date = 2025-05-20, value = 55 },\n  { date = 2025-09-01, value = 62.5 },\n]"),
            "{text}"
        );
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(parsed["indicator"][0]["target"].as_integer(), Some(80));
    }
}
