//! Where a key or table theirs added goes in ours: beside the siblings it has in theirs, as a
//! fresh copy that `toml_edit` places there.

use toml_edit::{Item, Key, Table};

/// Theirs' spelling of `key` (quoting, spacing, comments), or a plain key if theirs lacks it.
pub(super) fn their_key(theirs: &Table, key: &str) -> Key {
    theirs
        .get_key_value(key)
        .map_or_else(|| Key::new(key), |(key, _)| key.clone())
}

/// Inserts `key` into `ours` where theirs has it: after the nearest key before it in theirs
/// that ours has too, else before the nearest one after it, else at the end (a table: before
/// the first array of tables).
///
/// Only siblings of the same sort count: a value goes among values, a table among tables,
/// since `toml_edit` writes a table's values before its subtables whatever their order.
pub(super) fn insert_like_theirs(
    ours: &mut Table,
    theirs: &Table,
    key: &str,
    key_format: &Key,
    item: Item,
) {
    let target = position_in_theirs(ours, theirs, key, item.is_value());
    // A new table with no table beside it in theirs that ours has goes before ours' arrays of
    // tables: a record's steps come before its `[[recall]]` entries.
    let target = target.or_else(|| {
        (item.is_table())
            .then(|| ours.iter().position(|(_, i)| i.is_array_of_tables()))
            .flatten()
    });
    ours.insert_formatted(key_format, item);
    if let Some(target) = target {
        move_last_to(ours, target);
    }
}

/// The position in `ours` for `key` beside its siblings of the same sort in theirs: after the
/// nearest one before it that ours has, else before the nearest one after it.
fn position_in_theirs(ours: &Table, theirs: &Table, key: &str, is_value: bool) -> Option<usize> {
    let their_keys: Vec<&str> = theirs
        .iter()
        .filter(|(k, i)| *k == key || i.is_value() == is_value)
        .map(|(k, _)| k)
        .collect();
    their_keys.iter().position(|k| *k == key).and_then(|index| {
        let our_keys: Vec<(String, bool)> = ours
            .iter()
            .map(|(k, i)| (k.to_string(), i.is_value()))
            .collect();
        let at = |name: &str| {
            our_keys
                .iter()
                .position(|(k, v)| k == name && *v == is_value)
        };
        their_keys[..index]
            .iter()
            .rev()
            .find_map(|k| at(k).map(|p| p + 1))
            .or_else(|| their_keys[index + 1..].iter().find_map(|k| at(k)))
    })
}

/// Moves the table's last key to `target` by taking the keys from there on out and putting
/// them back after it; each keeps its formatting.
fn move_last_to(table: &mut Table, target: usize) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let last = keys.len().saturating_sub(1);
    if target >= last {
        return;
    }
    let moved: Vec<(Key, Item)> = keys[target..last]
        .iter()
        .filter_map(|k| table.remove_entry(k))
        .collect();
    for (key, item) in moved {
        table.insert_formatted(&key, item);
    }
}

/// A copy of an item from another document, without that document's table positions, so that
/// `toml_edit` places its tables after the table before them in ours.
pub(super) fn fresh_item(item: &Item) -> Item {
    match item {
        Item::Table(table) => Item::Table(fresh_table(table)),
        Item::ArrayOfTables(array) => Item::ArrayOfTables(array.iter().map(fresh_table).collect()),
        other => other.clone(),
    }
}

pub(super) fn fresh_table(table: &Table) -> Table {
    let mut fresh = Table::new();
    *fresh.decor_mut() = table.decor().clone();
    fresh.set_implicit(table.is_implicit());
    fresh.set_dotted(table.is_dotted());
    for (name, _) in table.iter() {
        if let Some((key, item)) = table.get_key_value(name) {
            fresh.insert_formatted(key, fresh_item(item));
        }
    }
    fresh
}

#[cfg(test)]
mod tests {
    use crate::git::merge::testing::*;

    #[test]
    fn a_new_step_table_from_theirs_goes_before_the_recall_entries() {
        let ours = format!("{BASE}{ERIK}");
        let theirs = edit(
            BASE,
            "done = 2024-12-17\n",
            &format!("done = 2024-12-17\n{CONCEPT}"),
        );
        let merged = clean(BASE, &ours, &theirs);
        assert_eq!(
            merged,
            edit(
                &ours,
                "done = 2024-12-17\n",
                &format!("done = 2024-12-17\n{CONCEPT}")
            )
        );
        assert!(merged.find("[steps.concept]").unwrap() < merged.find("[[recall]]").unwrap());
    }

    #[test]
    fn a_new_step_table_goes_after_the_step_before_it() {
        // Ours has the delivery step; theirs adds concept between analysis and delivery.
        let delivery = "\n[steps.delivery]\nfirst_date = 2025-01-15\n";
        let base = edit(
            BASE,
            "done = 2024-12-17\n",
            &format!("done = 2024-12-17\n{delivery}"),
        );
        let ours = edit(&base, "whole_staff = true", "whole_staff = false");
        let theirs = edit(
            &base,
            "done = 2024-12-17\n",
            &format!("done = 2024-12-17\n{CONCEPT}"),
        );
        let merged = clean(&base, &ours, &theirs);
        assert_eq!(
            merged,
            edit(
                &ours,
                "done = 2024-12-17\n",
                &format!("done = 2024-12-17\n{CONCEPT}")
            )
        );
    }

    #[test]
    fn steps_added_by_theirs_to_a_record_without_steps_go_before_ours_new_recall() {
        let base = "schema = 1\ntitle = \"Studiedag: Krisplan och säkerhetsrutiner\"\nkind = \"study-day\"\nowner = \"Anna Lind\"\n";
        let ours = format!("{base}{ERIK}");
        let need = "\n[steps.need]\nwho_wants = \"Huvudmannen\"\nwhy = \"Krisplanen är ny och ingen har övat på den.\"\n";
        let theirs = format!("{base}{need}");
        assert_eq!(clean(base, &ours, &theirs), format!("{base}{need}{ERIK}"));
        // And the other way round: ours has the steps, theirs adds the first recall entry.
        assert_eq!(clean(base, &theirs, &ours), format!("{base}{need}{ERIK}"));
    }
}
