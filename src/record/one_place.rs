//! One fact, one place: `start`, `end`, `sessions` and `whole_staff` are the record's own
//! fields, and the process questions about them (the delivery step's first and last date,
//! sessions, whole staff) stand for those fields. A record from an older fortb, or edited by
//! hand, may still hold a copy in the step's table; this finds such copies and settles them.

use std::path::Path;

use toml_edit::DocumentMut;

use crate::error::Result;

use crate::model::date::Date;
use crate::model::initiative::Record;
use crate::model::process::{field_value, Model};
use crate::record::document::remove_step_copy;
use crate::record::process_files::Models;
use crate::record::project::Project;

/// An answer kept in a step's table for a question that stands for a record field.
#[derive(Clone, Debug)]
pub struct StepCopy {
    pub step: String,
    pub key: String,
    pub field: String,
    pub in_step: toml::Value,
    /// The field's value, when the record sets it.
    pub in_field: Option<toml::Value>,
}

impl StepCopy {
    /// Whether `check --fix` can settle it: the field is unset, or says the same, and the
    /// step's value is one the field can hold.
    pub fn settles(&self) -> bool {
        fits(&self.field, &self.in_step)
            && self
                .in_field
                .as_ref()
                .is_none_or(|value| same_fact(value, &self.in_step))
    }
}

/// Every copy in `record`; `written` says whether the record's top level sets a field (an
/// absent `whole_staff` reads as `false`, yet is not a value that disagrees).
pub fn copies(record: &Record, model: &Model, written: &dyn Fn(&str) -> bool) -> Vec<StepCopy> {
    let mut found = Vec::new();
    for (step_id, answers) in record.steps.iter() {
        let Some(step) = model.step(step_id) else {
            continue;
        };
        for (key, value) in &answers.answers {
            let Some(field) = step.question(key).and_then(|q| q.field.clone()) else {
                continue;
            };
            let in_field = written(&field)
                .then(|| field_value(record, &field))
                .flatten();
            found.push(StepCopy {
                step: step_id.clone(),
                key: key.clone(),
                in_step: value.clone(),
                field,
                in_field,
            });
        }
    }
    found
}

/// Moves each copy that settles into its field (or drops it when the field says the same);
/// returns how many were settled. Copies that disagree are left for a person to decide.
pub fn settle(doc: &mut DocumentMut, record: &Record, model: &Model) -> usize {
    let written = |field: &str| doc.contains_key(field);
    let settled: Vec<StepCopy> = copies(record, model, &written)
        .into_iter()
        .filter(StepCopy::settles)
        .collect();
    for copy in &settled {
        if copy.in_field.is_none() {
            let value = as_field_value(&copy.field, &copy.in_step);
            crate::record::document::set_value(
                doc.as_table_mut(),
                &copy.field,
                value,
                crate::model::initiative::TOP_LEVEL_KEYS,
            );
        }
        remove_step_copy(doc, &copy.step, &copy.key);
    }
    settled.len()
}

/// Settles the copies in the record at `path` (see [`settle`]), writing it only when there
/// is something to settle; a record that does not read is left to `fortb check` to report.
pub fn settle_file(project: &Project, models: &mut Models, path: &Path) -> Result<usize> {
    let Ok(text) = crate::record::parse::read_text(path) else {
        return Ok(0);
    };
    let Ok(record) = crate::record::store::parse_record(path, &text) else {
        return Ok(0);
    };
    let Ok(model) = models.get(project.process_of(&record)) else {
        return Ok(0);
    };
    let written = |field: &str| {
        toml::from_str::<toml::Table>(&text).is_ok_and(|table| table.contains_key(field))
    };
    if !copies(&record, model, &written)
        .iter()
        .any(StepCopy::settles)
    {
        return Ok(0);
    }
    crate::record::document::update_record(path, |doc, record| Ok(settle(doc, record, model)))
}

/// Whether `value` is one the record's `field` can hold.
pub fn fits(field: &str, value: &toml::Value) -> bool {
    match field {
        "start" | "end" => Date::from_toml(value).is_some(),
        "sessions" => whole_count(value).is_some(),
        "whole_staff" => value.is_bool(),
        _ => false,
    }
}

/// A count of sessions written as `6` or `6.0`.
fn whole_count(value: &toml::Value) -> Option<u32> {
    match value {
        toml::Value::Integer(n) => u32::try_from(*n).ok(),
        toml::Value::Float(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => {
            Some(*n as u32)
        }
        _ => None,
    }
}

/// The same fact, however written: `6` and `6.0`, a date and its quoted form.
fn same_fact(a: &toml::Value, b: &toml::Value) -> bool {
    match (Date::from_toml(a), Date::from_toml(b)) {
        (Some(a), Some(b)) => a == b,
        _ => match (whole_count(a), whole_count(b)) {
            (Some(a), Some(b)) => a == b,
            _ => a == b,
        },
    }
}

/// The step's value as the field writes it: a date unquoted, a count whole.
fn as_field_value(field: &str, value: &toml::Value) -> toml_edit::Value {
    match field {
        "start" | "end" => Date::from_toml(value)
            .map(crate::record::document::date_value)
            .unwrap_or_else(|| toml_edit::Value::from(value.to_string())),
        "sessions" => toml_edit::Value::from(i64::from(whole_count(value).unwrap_or_default())),
        _ => toml_edit::Value::from(value.as_bool().unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::process_files::built_in;

    fn record(text: &str) -> Record {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn copies_that_agree_or_fill_a_gap_settle_and_others_wait() {
        let model = built_in("six-step").unwrap();
        let text = "title = \"x\"\nkind = \"other\"\nsessions = 8\nstart = 2025-09-01\n\n\
                    [steps.delivery]\nsessions = 6\nfirst_date = \"2025-09-01\"\nwhole_staff = true\n\
                    design = \"x\"\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        let written = |field: &str| doc.contains_key(field);
        let found = copies(&record(text), &model, &written);
        let settles: Vec<(&str, bool)> = found
            .iter()
            .map(|c| (c.key.as_str(), c.settles()))
            .collect();
        assert_eq!(
            settles,
            [
                ("first_date", true),
                ("sessions", false),
                ("whole_staff", true)
            ]
        );
        assert_eq!(settle(&mut doc, &record(text), &model), 2);
        let after = doc.to_string();
        assert!(after.contains("whole_staff = true\n"), "{after}");
        assert!(
            after.contains("[steps.delivery]\nsessions = 6\ndesign = \"x\"\n"),
            "{after}"
        );
        assert!(!after.contains("first_date"), "{after}");
    }

    #[test]
    fn the_same_fact_is_recognised_however_written() {
        let date: toml::Value =
            toml::from_str::<toml::Table>("d = 2025-09-01").unwrap()["d"].clone();
        assert!(same_fact(&date, &toml::Value::String("2025-09-01".into())));
        assert!(same_fact(
            &toml::Value::Integer(6),
            &toml::Value::Float(6.0)
        ));
        assert!(!same_fact(
            &toml::Value::Integer(6),
            &toml::Value::Integer(8)
        ));
        assert!(!fits("sessions", &toml::Value::Float(2.5)));
    }
}
