//! An indicator's measurements, a set by date: two branches that each measured it merge into
//! both measurements, not a conflict over the whole list.

use std::collections::{BTreeMap, BTreeSet};

use toml_edit::{Array, Item, Table, Value};

use crate::git::merge::three_way::{decide, norm_value, Context, Decision};

/// Three `measurements = [{ date, value }, …]` lists merged date by date with the three-way
/// rule, in date order, written one per line as fortb writes them. `None` when a side is not
/// such a list (a date missing or given twice) or when both sides changed one date's value.
pub(super) fn merge_measurements(
    ours: Option<&Item>,
    base: Option<&Item>,
    theirs: Option<&Item>,
) -> Option<Value> {
    let (ours, base, theirs) = (by_date(ours)?, by_date(base)?, by_date(theirs)?);
    let dates: BTreeSet<&String> = ours
        .keys()
        .chain(base.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = Array::new();
    for date in dates {
        let norm = |side: &BTreeMap<String, Value>| side.get(date).map(norm_value);
        let chosen = match decide(&norm(&ours), &norm(&base), &norm(&theirs), Context::Both) {
            Decision::KeepOurs => ours.get(date),
            Decision::TakeTheirs => theirs.get(date),
            Decision::Conflict => return None,
        };
        if let Some(value) = chosen {
            let mut value = value.clone();
            value.decor_mut().set_prefix("\n  ");
            value.decor_mut().set_suffix("");
            merged.push_formatted(value);
        }
    }
    merged.set_trailing("\n");
    merged.set_trailing_comma(true);
    let mut value = Value::Array(merged);
    value.decor_mut().set_prefix(" ");
    Some(value)
}

/// One side's measurements by date (none when the side lacks the list); `None` when it is not
/// such a list.
fn by_date(item: Option<&Item>) -> Option<BTreeMap<String, Value>> {
    let mut measurements = BTreeMap::new();
    let Some(item) = item else {
        return Some(measurements);
    };
    for value in item.as_array()?.iter() {
        let date = value
            .as_inline_table()?
            .get("date")?
            .as_datetime()?
            .to_string();
        if measurements.insert(date, value.clone()).is_some() {
            return None;
        }
    }
    Some(measurements)
}

/// Puts the merged list in place of ours' value at `key`; false when ours has no value there.
pub(super) fn put_measurements(ours: &mut Table, key: &str, mut merged: Value) -> bool {
    let Some(our_value) = ours.get_mut(key).and_then(Item::as_value_mut) else {
        return false;
    };
    // a comment after the list stays
    if let Some(suffix) = our_value.decor().suffix() {
        merged.decor_mut().set_suffix(suffix.clone());
    }
    *our_value = merged;
    true
}
