//! The three-way rule: what one thing means in base, ours and theirs, without its formatting,
//! and which side's version the merge keeps.

use std::collections::BTreeMap;

use toml_edit::{Item, Table, Value};

/// Where a table being merged stands: present on both sides, or deleted on one side (then
/// whatever the other side added or changed inside it is a conflict).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Context {
    Both,
    OursDeleted,
    TheirsDeleted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Decision {
    KeepOurs,
    TakeTheirs,
    Conflict,
}

/// The three-way rule on the meanings of one thing in base, ours and theirs (`None`: absent).
pub(super) fn decide(
    ours: &Option<Norm>,
    base: &Option<Norm>,
    theirs: &Option<Norm>,
    context: Context,
) -> Decision {
    if theirs == base {
        // Theirs left it alone; but something ours added to a table theirs deleted conflicts.
        if context == Context::TheirsDeleted && base.is_none() && ours.is_some() {
            Decision::Conflict
        } else {
            Decision::KeepOurs
        }
    } else if ours == base {
        if context == Context::OursDeleted && base.is_none() && theirs.is_some() {
            Decision::Conflict
        } else {
            Decision::TakeTheirs
        }
    } else if ours == theirs {
        Decision::KeepOurs
    } else {
        Decision::Conflict
    }
}

/// What a TOML item means, without its formatting: what the three-way rule compares.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Norm {
    String(String),
    Integer(i64),
    Float(u64),
    Boolean(bool),
    Datetime(String),
    Array(Vec<Norm>),
    Table(BTreeMap<String, Norm>),
}

pub(super) fn norm_item(item: &Item) -> Option<Norm> {
    match item {
        Item::None => None,
        Item::Value(value) => Some(norm_value(value)),
        Item::Table(table) => Some(norm_table(table)),
        Item::ArrayOfTables(array) => Some(Norm::Array(array.iter().map(norm_table).collect())),
    }
}

pub(super) fn norm_table(table: &Table) -> Norm {
    Norm::Table(
        table
            .iter()
            .filter_map(|(key, item)| norm_item(item).map(|norm| (key.to_string(), norm)))
            .collect(),
    )
}

pub(super) fn norm_value(value: &Value) -> Norm {
    match value {
        Value::String(s) => Norm::String(s.value().clone()),
        Value::Integer(i) => Norm::Integer(*i.value()),
        Value::Float(f) => {
            let f = *f.value();
            let f = if f == 0.0 {
                0.0
            } else if f.is_nan() {
                f64::NAN
            } else {
                f
            };
            Norm::Float(f.to_bits())
        }
        Value::Boolean(b) => Norm::Boolean(*b.value()),
        Value::Datetime(d) => Norm::Datetime(d.value().to_string()),
        Value::Array(array) => Norm::Array(array.iter().map(norm_value).collect()),
        Value::InlineTable(table) => Norm::Table(
            table
                .iter()
                .map(|(key, value)| (key.to_string(), norm_value(value)))
                .collect(),
        ),
    }
}
