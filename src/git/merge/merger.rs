//! The walk through a record: table by table and key by key, each key handed to the step that
//! merges its kind of value (tables here, arrays of tables in `entries`, measurements in
//! `measurements`, everything else in `keys`).

use toml_edit::{Item, Table};

use crate::git::merge::conflict::Conflict;
use crate::git::merge::format::merge_decor;
use crate::git::merge::measurements::{merge_measurements, put_measurements};
use crate::git::merge::three_way::{decide, norm_item, Context, Decision};

/// One merge under way: applies theirs' changes to ours and collects the conflicts.
pub(super) struct Merger {
    token: String,
    pub(super) conflicts: Vec<Conflict>,
    /// The three texts (LF), to tell a comment theirs moved from one it added.
    pub(super) base_text: String,
    pub(super) theirs_text: String,
}

/// The key being merged as base and theirs have it, with the tables it stands in (ours is
/// the table being edited, passed beside it).
#[derive(Clone, Copy)]
pub(super) struct KeyAt<'a> {
    pub(super) key: &'a str,
    pub(super) base_table: Option<&'a Table>,
    pub(super) theirs_table: &'a Table,
    pub(super) base: Option<&'a Item>,
    pub(super) theirs: Option<&'a Item>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Absent,
    Value,
    Table,
    Array,
}

/// What sort of item the key holds on each side.
#[derive(Clone, Copy)]
pub(super) struct Kinds {
    pub(super) ours: Kind,
    pub(super) base: Kind,
    pub(super) theirs: Kind,
}

impl Kinds {
    /// Arrays of tables, or absent, on every side, and present on ours' or theirs'.
    fn are_arrays(self) -> bool {
        [self.ours, self.base, self.theirs]
            .iter()
            .all(|k| matches!(k, Kind::Array | Kind::Absent))
            && (self.ours == Kind::Array || self.theirs == Kind::Array)
    }
}

fn kind(item: Option<&Item>) -> Kind {
    match item {
        None | Some(Item::None) => Kind::Absent,
        Some(Item::Value(_)) => Kind::Value,
        Some(Item::Table(_)) => Kind::Table,
        Some(Item::ArrayOfTables(_)) => Kind::Array,
    }
}

pub(super) fn present(item: Option<&Item>) -> Option<&Item> {
    item.filter(|item| !item.is_none())
}

impl Merger {
    /// A merge whose placeholders start with `token`, of theirs' text into ours' from base's.
    pub(super) fn new(token: &str, base_text: String, theirs_text: String) -> Self {
        Merger {
            token: token.to_string(),
            conflicts: Vec::new(),
            base_text,
            theirs_text,
        }
    }

    /// The placeholder for the next conflict.
    pub(super) fn placeholder(&self) -> String {
        format!("{}:{}", self.token, self.conflicts.len())
    }

    /// Starts a comment line that may be dropped again by `settle_moved_comments`.
    pub(super) fn moved_marker(&self) -> String {
        format!("#{}?", self.token)
    }

    /// Applies theirs' changes to the table `ours`. `path` holds the keys from the root.
    pub(super) fn merge_table(
        &mut self,
        ours: &mut Table,
        base: Option<&Table>,
        theirs: &Table,
        context: Context,
        path: &mut Vec<String>,
    ) {
        if let (Context::Both, Some(base)) = (context, base) {
            // The header's comments and spacing.
            let decor = merge_decor(ours.decor(), base.decor(), theirs.decor());
            *ours.decor_mut() = decor;
        }
        // Ours' keys first, then theirs' new ones in theirs' order; keys only base has were
        // removed on both sides.
        let mut keys: Vec<String> = ours.iter().map(|(key, _)| key.to_string()).collect();
        for (key, _) in theirs.iter() {
            if !ours.contains_key(key) {
                keys.push(key.to_string());
            }
        }
        for key in keys {
            path.push(key.clone());
            self.merge_key(ours, base, theirs, &key, context, path);
            path.pop();
        }
    }

    /// Applies theirs' change to one key of `ours`, by the kind of value it holds.
    fn merge_key(
        &mut self,
        ours: &mut Table,
        base: Option<&Table>,
        theirs: &Table,
        key: &str,
        context: Context,
        path: &mut Vec<String>,
    ) {
        let at = KeyAt {
            key,
            base_table: base,
            theirs_table: theirs,
            base: present(base.and_then(|table| table.get(key))),
            theirs: present(theirs.get(key)),
        };
        let o = present(ours.get(key));
        let kinds = Kinds {
            ours: kind(o),
            base: kind(at.base),
            theirs: kind(at.theirs),
        };
        let so = o.and_then(norm_item);
        let sb = at.base.and_then(norm_item);
        let st = at.theirs.and_then(norm_item);
        let decision = decide(&so, &sb, &st, context);

        // Tables on both sides: key by key.
        if let (Kind::Table, Some(Item::Table(their_table))) = (kinds.ours, at.theirs) {
            let base_table = at.base.and_then(Item::as_table);
            if let Some(our_table) = ours.get_mut(key).and_then(Item::as_table_mut) {
                self.merge_table(our_table, base_table, their_table, context, path);
            }
            return;
        }
        // Arrays of tables (`[[recall]]`): entry by entry, a missing one counting as empty.
        if kinds.are_arrays() && context == Context::Both {
            self.merge_entries(ours, at, kinds.ours, path);
            return;
        }
        // An indicator's measurements are a set by date: two branches that each measured it
        // merge into both measurements, not a conflict over the whole list.
        if decision == Decision::Conflict && is_measurements(path, key) {
            if let Some(merged) = merge_measurements(o, at.base, at.theirs) {
                if put_measurements(ours, key, merged) {
                    return;
                }
            }
        }
        match decision {
            Decision::KeepOurs => Self::keep_ours(ours, at, so == sb && sb == st),
            Decision::TakeTheirs => self.take_theirs(ours, at),
            Decision::Conflict => self.merge_conflicting_key(ours, at, kinds, path),
        }
    }
}

/// An indicator's `measurements`, at `[[indicator]] measurements`.
fn is_measurements(path: &[String], key: &str) -> bool {
    path.len() == 2 && path[0] == "indicator" && key == "measurements"
}
