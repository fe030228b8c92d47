//! Effect indicators (effektindikatorer): what an initiative should move, from a baseline
//! toward a target, measured over time — the macro goals of the organisation broken down into
//! micro goals that can be followed up.

use serde::Deserialize;
use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

use crate::date::Date;
use crate::document::set_value;
use crate::t;
use crate::vocabulary;
use crate::vocabulary::Vocabulary;

vocabulary! {
    /// What an indicator measures, after Kirkpatrick's four levels.
    pub enum Level in "level" {
        Reaction = "reaction" | "reaktion",
        Learning = "learning" | "larande" | "lärande",
        Behaviour = "behaviour" | "behavior" | "beteende",
        Results = "results" | "resultat",
    }
}

vocabulary! {
    /// Whether an indicator follows an organisation's goal or a learning goal of the staff.
    pub enum GoalLevel in "goal_level" {
        Macro = "macro" | "makro",
        Micro = "micro" | "mikro",
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Measurement {
    pub date: Date,
    pub value: f64,
}

/// One `[[indicator]]` entry of a record.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub level: Option<Level>,
    pub goal: Option<GoalLevel>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

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

/// A value as people write it: no decimals when there are none.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.1}");
        if crate::i18n::current() == crate::i18n::Lang::Sv {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

impl Indicator {
    /// The measurement that counts: the latest.
    pub fn latest(&self) -> Option<&Measurement> {
        self.measurements.iter().max_by_key(|m| m.date)
    }

    /// How far from the baseline toward the target the latest measurement is, 0.0–1.0 and
    /// beyond; `None` without a baseline, a target (different from it) or a measurement.
    pub fn share_of_the_way(&self) -> Option<f64> {
        let (baseline, target, latest) = (self.baseline?, self.target?, self.latest()?);
        let distance = target - baseline;
        (distance != 0.0).then(|| (latest.value - baseline) / distance)
    }

    /// "30 → 55 of 80 %, 50 % of the way"
    pub fn progress(&self) -> String {
        let unit = self
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let from = self.baseline.map(number);
        let now = self.latest().map(|m| number(m.value));
        let target = self.target.map(number);
        let path = match (from, now) {
            (Some(from), Some(now)) => format!("{from} → {now}"),
            (Some(from), None) => from,
            (None, Some(now)) => now,
            (None, None) => "–".to_string(),
        };
        let mut text = match target {
            Some(target) => t!(
                "indicator.progress_target",
                path = path,
                target = target,
                unit = unit
            ),
            None => format!("{path}{unit}"),
        };
        if let Some(share) = self.share_of_the_way() {
            text.push_str(&t!(
                "indicator.progress_share",
                percent = (share * 100.0).round()
            ));
        }
        text
    }
}

impl Indicator {
    /// The indicator as `show` and `indicator list` give it in JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name,
            "level": self.level.map(|l| l.key()),
            "goal": self.goal.map(|g| g.key()),
            "baseline": self.baseline,
            "target": self.target,
            "unit": self.unit,
            "latest": self.latest().map(|m| m.value),
            "share_of_the_way": self.share_of_the_way(),
            "measurements": self
                .measurements
                .iter()
                .map(|m| serde_json::json!({"date": m.date, "value": m.value}))
                .collect::<Vec<_>>(),
        })
    }
}

/// Finds an indicator by its name: exactly, ignoring case, or by a unique beginning.
pub fn find(indicators: &[Indicator], given: &str) -> Result<usize, String> {
    let wanted = given.trim().to_lowercase();
    if let Some(i) = indicators
        .iter()
        .position(|i| i.name.to_lowercase() == wanted)
    {
        return Ok(i);
    }
    let matches: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].name.to_lowercase().starts_with(&wanted))
        .collect();
    let names = || {
        indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(t!("indicator.unknown", given = given, names = names())),
        several => {
            let fitting: Vec<&str> = several
                .iter()
                .map(|&i| indicators[i].name.as_str())
                .collect();
            Err(t!(
                "indicator.ambiguous",
                given = given,
                names = fitting.join("; ")
            ))
        }
    }
}

/// The record's `[[indicator]]` entries. Indicators written by hand as an inline array
/// (`indicator = [{ name = … }]`) are turned into entries first, keeping every one.
fn entries(doc: &mut toml_edit::DocumentMut) -> &mut ArrayOfTables {
    let current = doc.remove("indicator").unwrap_or(Item::None);
    let entries = match current {
        Item::ArrayOfTables(entries) => entries,
        Item::None => ArrayOfTables::new(),
        other => other.into_array_of_tables().unwrap_or_default(),
    };
    doc.insert("indicator", Item::ArrayOfTables(entries));
    doc["indicator"]
        .as_array_of_tables_mut()
        .expect("just inserted")
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
    set_value(
        table,
        "name",
        Value::from(indicator.name.as_str()),
        KEY_ORDER,
    );
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
    entry.insert("date", measurement.date.to_toml());
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

    fn indicator(baseline: Option<f64>, target: Option<f64>, values: &[f64]) -> Indicator {
        Indicator {
            name: "Elever som kan målen".into(),
            level: Some(Level::Behaviour),
            goal: Some(GoalLevel::Micro),
            baseline,
            target,
            unit: Some("%".into()),
            measurements: values
                .iter()
                .enumerate()
                .map(|(n, v)| Measurement {
                    date: Date::parse(&format!("2025-0{}-01", n + 1)).unwrap(),
                    value: *v,
                })
                .collect(),
        }
    }

    #[test]
    fn progress_runs_from_baseline_toward_target() {
        let i = indicator(Some(30.0), Some(80.0), &[45.0, 55.0]);
        assert_eq!(i.share_of_the_way(), Some(0.5));
        assert_eq!(i.progress(), "30 → 55 of 80 %, 50 % of the way");
        assert_eq!(
            indicator(Some(30.0), Some(30.0), &[40.0]).share_of_the_way(),
            None
        );
        assert_eq!(
            indicator(Some(30.0), Some(80.0), &[]).progress(),
            "30 of 80 %"
        );
        // a falling target (fewer incidents) works the same way
        assert_eq!(
            indicator(Some(20.0), Some(10.0), &[15.0]).share_of_the_way(),
            Some(0.5)
        );
    }

    #[test]
    fn indicators_are_found_by_name_or_beginning() {
        let list = vec![
            indicator(None, None, &[]),
            Indicator {
                name: "Frånvaro".into(),
                ..indicator(None, None, &[])
            },
        ];
        assert_eq!(find(&list, "elever"), Ok(0));
        assert_eq!(find(&list, "FRÅNVARO"), Ok(1));
        assert!(find(&list, "x").is_err());
    }

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
    fn measurements_are_written_one_per_line() {
        let mut doc: toml_edit::DocumentMut = "title = \"x\"\n".parse().unwrap();
        write(&mut doc, &indicator(Some(30.0), Some(80.0), &[]), None);
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
