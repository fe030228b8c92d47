//! One key (a value, or a table one side deleted): ours kept with theirs' formatting where
//! ours left base's, theirs' change taken, or a conflict around just that key.

use toml_edit::{Decor, Item, Key, Table, Value};

use crate::git::merge::conflict::{value_text, Conflict, ConflictKind};
use crate::git::merge::format::{merge_decor, merge_key_decor, merge_value_format};
use crate::git::merge::merger::{present, KeyAt, Kind, Kinds, Merger};
use crate::git::merge::placement::{fresh_item, fresh_table, insert_like_theirs, their_key};
use crate::git::merge::three_way::Context;

impl Merger {
    /// Keeps ours' value, taking theirs' spelling and comments where ours left base's.
    pub(super) fn keep_ours(ours: &mut Table, at: KeyAt, unchanged: bool) {
        if let (Some(Item::Value(base_value)), Some(Item::Value(their_value))) =
            (at.base, at.theirs)
        {
            if let Some(our_value) = ours.get_mut(at.key).and_then(Item::as_value_mut) {
                merge_value_format(our_value, base_value, their_value, unchanged);
            }
            merge_key_decor(ours, at.base_table, at.theirs_table, at.key);
        }
    }

    /// Takes theirs' version of the key: removed, changed or added where theirs has it.
    pub(super) fn take_theirs(&self, ours: &mut Table, at: KeyAt) {
        let key = at.key;
        let Some(their_item) = at.theirs else {
            ours.remove(key);
            return;
        };
        match (ours.get_mut(key), at.base, their_item) {
            (
                Some(Item::Value(our_value)),
                Some(Item::Value(base_value)),
                Item::Value(their_value),
            ) => {
                let decor = merge_decor(our_value.decor(), base_value.decor(), their_value.decor());
                *our_value = their_value.clone();
                *our_value.decor_mut() = decor;
                merge_key_decor(ours, at.base_table, at.theirs_table, key);
            }
            (Some(our_item), _, _) => *our_item = fresh_item(their_item),
            (None, _, _) => {
                let mut key_format = their_key(at.theirs_table, key);
                let mut item = fresh_item(their_item);
                self.mark_moved_comments(&mut key_format, &mut item);
                insert_like_theirs(ours, at.theirs_table, key, &key_format, item);
            }
        }
    }

    /// Both sides changed the key differently. A table one side deleted is merged on with
    /// the other side's changes in it conflicting; anything else is one key conflict.
    pub(super) fn merge_conflicting_key(
        &mut self,
        ours: &mut Table,
        at: KeyAt,
        kinds: Kinds,
        path: &mut Vec<String>,
    ) {
        let table_or_absent = matches!(kinds.base, Kind::Table | Kind::Absent);
        if kinds.ours == Kind::Absent && table_or_absent {
            if let Some(Item::Table(their_table)) = at.theirs {
                // Ours deleted a table theirs changed: what theirs changed in it conflicts.
                let mut shell = fresh_table(their_table);
                shell.clear();
                let key_format = their_key(at.theirs_table, at.key);
                insert_like_theirs(
                    ours,
                    at.theirs_table,
                    at.key,
                    &key_format,
                    Item::Table(shell),
                );
                self.merge_deleted_table(ours, at, their_table, Context::OursDeleted, path);
                return;
            }
        }
        if kinds.theirs == Kind::Absent && kinds.ours == Kind::Table && table_or_absent {
            // Theirs deleted a table ours changed.
            self.merge_deleted_table(ours, at, &Table::new(), Context::TheirsDeleted, path);
            return;
        }
        self.key_conflict(ours, at.theirs_table, at.key, at.theirs);
    }

    /// Merges ours' table at the key with `theirs` in a table one side deleted; what is left
    /// of it without a conflict in it is nothing, so it goes.
    fn merge_deleted_table(
        &mut self,
        ours: &mut Table,
        at: KeyAt,
        theirs: &Table,
        context: Context,
        path: &mut Vec<String>,
    ) {
        let base_table = at.base.and_then(Item::as_table);
        if let Some(our_table) = ours.get_mut(at.key).and_then(Item::as_table_mut) {
            self.merge_table(our_table, base_table, theirs, context, path);
            if our_table.is_empty() {
                ours.remove(at.key);
            }
        }
    }

    /// Puts a placeholder value in place of `key` and remembers both sides of the conflict.
    fn key_conflict(
        &mut self,
        ours: &mut Table,
        theirs: &Table,
        key: &str,
        their_item: Option<&Item>,
    ) {
        let placeholder = self.placeholder();
        let ours_text = present(ours.get(key)).and_then(value_text);
        let theirs_text = their_item.and_then(value_text);
        let mut value = Value::from(placeholder.clone());
        *value.decor_mut() = Decor::new("", "");
        match ours.get_mut(key).filter(|item| !item.is_none()) {
            Some(item) => *item = Item::Value(value),
            None => insert_like_theirs(ours, theirs, key, &Key::new(key), Item::Value(value)),
        }
        self.conflicts.push(Conflict {
            placeholder,
            kind: ConflictKind::Key,
            ours: ours_text,
            theirs: theirs_text,
        });
    }
}

#[cfg(test)]
mod tests {
    use toml_edit::{DocumentMut, Item};

    use crate::git::merge::testing::*;

    #[test]
    fn answers_to_different_keys_of_the_same_step_are_both_kept() {
        let ours = edit(BASE, "eller hur de låg till.\n\"\"\"\n", "eller hur de låg till.\n\"\"\"\ngoal = \"Alla lärare använder formativa arbetssätt varje vecka.\"\n");
        let theirs = edit(
            BASE,
            "flera arbetslag\"\n",
            "flera arbetslag\"\nwho_covered = \"Alla lärare på skolan, även fritidshemmet\"\n",
        );
        let merged = clean(BASE, &ours, &theirs);
        assert_eq!(
            merged,
            edit(
                &ours,
                "flera arbetslag\"\n",
                "flera arbetslag\"\nwho_covered = \"Alla lärare på skolan, även fritidshemmet\"\n"
            )
        );
    }

    #[test]
    fn the_same_key_changed_differently_is_one_conflict_around_just_that_key() {
        let our_why = "why = \"\"\"\nEleverna visste sällan vad de skulle lära sig.\nDet såg vi vid lektionsbesöken.\n\"\"\"    # ledningsgruppens ord\n";
        let their_why = "why = \"Lärarna efterfrågade gemensamma verktyg för återkoppling på elevernas arbete.\"\n";
        let old_why = "why = \"\"\"\nVid lektionsbesöken under hösten såg vi att eleverna sällan visste vad de skulle lära sig\neller hur de låg till.\n\"\"\"\n";
        let ours = edit(BASE, old_why, our_why);
        // Theirs also changes the owner, which is not a conflict.
        let theirs = edit(
            &edit(BASE, old_why, their_why),
            "owner = \"Anna Lind\"",
            "owner = \"Maria Nilsson\"",
        );
        let (text, count) = conflicts(BASE, &ours, &theirs);
        assert_eq!(count, 1);
        assert_eq!(text.matches("<<<<<<< ours\n").count(), 1);
        let block = format!("<<<<<<< ours\n{our_why}=======\n{their_why}>>>>>>> theirs\n");
        assert!(
            text.contains(&format!("flera arbetslag\"\n{block}done = 2024-12-10\n")),
            "{text}"
        );
        assert!(text.contains("owner = \"Maria Nilsson\"\n"));
        assert!(text.contains("# En tabell per steg.\n[steps.need]\n"));

        // Keeping either side gives a valid record with that side's text.
        for (side, expected) in [
            (
                Side::Ours,
                "Eleverna visste sällan vad de skulle lära sig.\nDet såg vi vid lektionsbesöken.\n",
            ),
            (
                Side::Theirs,
                "Lärarna efterfrågade gemensamma verktyg för återkoppling på elevernas arbete.",
            ),
        ] {
            let resolved: DocumentMut = keep(&text, side).parse().expect("resolves to valid TOML");
            assert_eq!(
                get(&resolved, &["steps", "need", "why"]).and_then(Item::as_str),
                Some(expected)
            );
            assert_eq!(
                get(&resolved, &["owner"]).and_then(Item::as_str),
                Some("Maria Nilsson")
            );
        }
    }

    #[test]
    fn a_key_deleted_on_one_side_is_deleted() {
        // Theirs deletes `learning`; ours changes something else.
        let ours = edit(BASE, "self = 4", "self = 3");
        let theirs = edit(BASE, "learning = \"everyday\"\n", "");
        assert_eq!(
            clean(BASE, &ours, &theirs),
            edit(&ours, "learning = \"everyday\"\n", "")
        );

        // Ours deletes `done` in the analysis step; theirs changes another step.
        let ours = edit(
            BASE,
            "mix = [\"training\", \"organisation\"]\ndone = 2024-12-17\n",
            "mix = [\"training\", \"organisation\"]\n",
        );
        let theirs = edit(BASE, "done = 2024-12-10", "done = 2024-12-11");
        assert_eq!(
            clean(BASE, &ours, &theirs),
            edit(&ours, "done = 2024-12-10", "done = 2024-12-11")
        );

        // Deleted on one side and changed on the other: a conflict with an empty side.
        let ours = edit(BASE, "owner = \"Anna Lind\"\n", "");
        let theirs = edit(BASE, "owner = \"Anna Lind\"", "owner = \"Erik Svensson\"");
        let (text, count) = conflicts(BASE, &ours, &theirs);
        assert_eq!(count, 1);
        assert!(text.contains("start = 2025-01-15    # första träffen\n<<<<<<< ours\n=======\nowner = \"Erik Svensson\"\n>>>>>>> theirs\naudience"), "{text}");
        assert_eq!(keep(&text, Side::Ours), ours);
        assert_eq!(keep(&text, Side::Theirs), theirs);
    }

    #[test]
    fn a_step_deleted_on_one_side_and_changed_on_the_other_conflicts_on_what_changed() {
        let analysis = "\n[steps.analysis]\nchallenges = [\n  \"Ont om gemensam tid\",\n  \"Risk att det stannar vid läsning och inte blir praktik\",\n]\nmix = [\"training\", \"organisation\"]\ndone = 2024-12-17\n";
        let ours = edit(BASE, analysis, "\n");
        let theirs = edit(BASE, "done = 2024-12-17", "done = 2024-12-20");
        let (text, count) = conflicts(BASE, &ours, &theirs);
        assert_eq!(count, 1);
        assert!(
            text.contains(
                "[steps.analysis]\n<<<<<<< ours\n=======\ndone = 2024-12-20\n>>>>>>> theirs\n"
            ),
            "{text}"
        );
        assert!(!text.contains("challenges"));
        keep(&text, Side::Ours).parse::<DocumentMut>().unwrap();
        keep(&text, Side::Theirs).parse::<DocumentMut>().unwrap();

        // Theirs deleted the step and ours left it alone: it goes.
        let ours = format!("{BASE}{ERIK}");
        let theirs = edit(BASE, analysis, "\n");
        assert_eq!(clean(BASE, &ours, &theirs), edit(&ours, analysis, "\n"));
    }
}
