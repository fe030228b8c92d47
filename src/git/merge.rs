//! A semantic three-way merge of two versions of a record, for git's merge-driver protocol.
//!
//! Git merges a record line by line, which goes wrong for records in two typical ways: two
//! people who each add a `[[recall]]` entry at the end of the same file get a conflict, and two
//! people who answer different questions of the same step may too. This merge works on the
//! TOML structure instead:
//!
//! * ours (the current branch) is edited in place with `toml_edit`, so its comments, blank
//!   lines, key order and formatting stay as they are; theirs' changes relative to the common
//!   ancestor (base) are applied to it;
//! * a key (at the top level, in a `[steps.<step>]` table or in any other table) changed,
//!   added or removed on one side only takes that change; the same change on both sides is
//!   fine; different changes on both sides are a conflict;
//! * a table added on one side only is added, where that side has it among its siblings (a new
//!   step after the step before it, so before the `[[recall]]` entries);
//! * `[[recall]]` entries are a set keyed by `by` and `date`: new entries from both sides are
//!   kept (theirs' after ours'), an entry removed on one side and unchanged on the other is
//!   removed, and an entry changed on both sides in different ways is a conflict;
//! * comments and formatting that only theirs changed, where ours left them as in base, are
//!   taken from theirs too, like a line merge would.
//!
//! A conflict is written with ordinary git conflict markers around just the key (or recall
//! entry) concerned, so everything else in the file stays valid TOML. To get there the merged
//! document is first rendered with a unique placeholder in each conflict's place, and the
//! marker blocks are substituted afterwards.
//!
//! Everything is deterministic: no hash maps, and the same inputs give the same bytes.

use std::collections::BTreeMap;
use std::fmt;

use toml_edit::{ArrayOfTables, Decor, DocumentMut, Item, Key, Table, Value};

/// The result of [`merge_records`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merged {
    /// The merged record, without conflicts.
    Clean(String),
    /// The merged record with `count` conflicts marked in it with git conflict markers.
    Conflicts { text: String, count: usize },
}

impl Merged {
    /// The merged text, with or without conflict markers.
    pub fn text(&self) -> &str {
        match self {
            Merged::Clean(text) | Merged::Conflicts { text, .. } => text,
        }
    }
}

/// One of the three versions a merge reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Base => "base",
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        })
    }
}

/// Why a record could not be merged semantically. The caller then falls back to a line merge
/// (`git merge-file`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// One of the three versions is not valid TOML.
    #[error("the {side} version is not valid TOML: {message}")]
    Invalid { side: Side, message: String },
    /// The merge could not be written as valid TOML (a shape of document this merge does not
    /// handle; it never happens with records fortb writes).
    #[error("the merged record would not be valid TOML: {message}")]
    Unrepresentable { message: String },
}

/// Merges `theirs` into `ours`, both changed from `base`.
///
/// `base` is the common ancestor, `ours` the current branch (its layout and comments are
/// kept), `theirs` the other branch. Line endings follow ours: if ours uses `\r\n`, so does
/// the result. Err when any of the three texts is not valid TOML.
pub fn merge_records(base: &str, ours: &str, theirs: &str) -> Result<Merged, MergeError> {
    let base_lf = to_lf(base);
    let ours_lf = to_lf(ours);
    let theirs_lf = to_lf(theirs);
    let base_doc = parse(Side::Base, &base_lf)?;
    let ours_doc = parse(Side::Ours, &ours_lf)?;
    let theirs_doc = parse(Side::Theirs, &theirs_lf)?;

    // The trivial merges, byte for byte.
    if ours == theirs || theirs == base {
        return Ok(Merged::Clean(ours.to_string()));
    }
    let crlf = ours.contains("\r\n");
    if ours == base {
        return Ok(Merged::Clean(with_line_endings(theirs_lf, crlf)));
    }

    let token = unique_token(&[base, ours, theirs]);
    let merged = merge_documents(&base_doc, ours_doc, &theirs_doc, &token)?;
    Ok(match merged {
        Merged::Clean(text) => Merged::Clean(with_line_endings(text, crlf)),
        Merged::Conflicts { text, count } => Merged::Conflicts {
            text: with_line_endings(text, crlf),
            count,
        },
    })
}

fn to_lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn with_line_endings(text: String, crlf: bool) -> String {
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

fn parse(side: Side, text: &str) -> Result<DocumentMut, MergeError> {
    text.parse::<DocumentMut>()
        .map_err(|error| MergeError::Invalid {
            side,
            message: error.to_string().trim().to_string(),
        })
}

/// A string none of the inputs contains, for the placeholders.
fn unique_token(texts: &[&str]) -> String {
    let mut token = String::from("fortb-merge-conflict");
    while texts.iter().any(|text| text.contains(&token)) {
        token.push_str("-x");
    }
    token
}

/// The merge proper, on parsed LF documents; also used by the tests without the shortcuts.
fn merge_documents(
    base: &DocumentMut,
    mut ours: DocumentMut,
    theirs: &DocumentMut,
    token: &str,
) -> Result<Merged, MergeError> {
    let ours_text = ours.to_string();
    let mut merger = Merger {
        token: token.to_string(),
        conflicts: Vec::new(),
        base_text: base.to_string(),
        theirs_text: theirs.to_string(),
    };
    merger.merge_table(
        ours.as_table_mut(),
        Some(base.as_table()),
        theirs.as_table(),
        Context::Both,
        &mut Vec::new(),
    );
    if raw_eq(ours.trailing(), base.trailing()) {
        ours.set_trailing(theirs.trailing().clone());
    }
    let rendered = settle_moved_comments(&ours.to_string(), &merger.moved_marker(), &ours_text);
    if merger.conflicts.is_empty() {
        check_toml(&rendered)?;
        return Ok(Merged::Clean(rendered));
    }
    let mut marked = rendered.clone();
    let mut ours_only = rendered.clone();
    let mut theirs_only = rendered;
    for conflict in &merger.conflicts {
        conflict.substitute(&mut marked, Resolution::Marked)?;
        conflict.substitute(&mut ours_only, Resolution::Ours)?;
        conflict.substitute(&mut theirs_only, Resolution::Theirs)?;
    }
    // Whichever side the user keeps, the file must read again.
    check_toml(&ours_only)?;
    check_toml(&theirs_only)?;
    Ok(Merged::Conflicts {
        text: marked,
        count: merger.conflicts.len(),
    })
}

/// Settles the comment lines [`Merger::mark_decor`] marked: one the merged document still has
/// elsewhere (ours kept or moved it too), or that ours deleted, goes; any other stays.
fn settle_moved_comments(text: &str, marker: &str, ours: &str) -> String {
    if !text.contains(marker) {
        return text.to_string();
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut settled = String::with_capacity(text.len());
    for line in &lines {
        let Some(original) = line.strip_prefix(marker) else {
            settled.push_str(line);
            continue;
        };
        let bare = original.trim();
        let elsewhere = lines
            .iter()
            .any(|other| !other.starts_with(marker) && other.trim() == bare);
        let ours_has_it = ours.lines().any(|other| other.trim() == bare);
        if !elsewhere && ours_has_it {
            settled.push_str(original);
        }
    }
    settled
}

fn check_toml(text: &str) -> Result<(), MergeError> {
    text.parse::<DocumentMut>()
        .map(drop)
        .map_err(|error| MergeError::Unrepresentable {
            message: error.to_string().trim().to_string(),
        })
}

/// Where a table being merged stands: present on both sides, or deleted on one side (then
/// whatever the other side added or changed inside it is a conflict).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    Both,
    OursDeleted,
    TheirsDeleted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    KeepOurs,
    TakeTheirs,
    Conflict,
}

/// The three-way rule on the meanings of one thing in base, ours and theirs (`None`: absent).
fn decide(
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Absent,
    Value,
    Table,
    Array,
}

fn kind(item: Option<&Item>) -> Kind {
    match item {
        None | Some(Item::None) => Kind::Absent,
        Some(Item::Value(_)) => Kind::Value,
        Some(Item::Table(_)) => Kind::Table,
        Some(Item::ArrayOfTables(_)) => Kind::Array,
    }
}

fn present(item: Option<&Item>) -> Option<&Item> {
    item.filter(|item| !item.is_none())
}

struct Merger {
    token: String,
    conflicts: Vec<Conflict>,
    /// The three texts (LF), to tell a comment theirs moved from one it added.
    base_text: String,
    theirs_text: String,
}

impl Merger {
    fn placeholder(&self) -> String {
        format!("{}:{}", self.token, self.conflicts.len())
    }

    /// Starts a comment line that may be dropped again by [`settle_moved_comments`].
    fn moved_marker(&self) -> String {
        format!("#{}?", self.token)
    }

    /// Marks the comment lines before an item theirs added that were in base already and
    /// that theirs did not add another copy of: comments theirs moved, typically a comment at
    /// the end of the file that now stands before theirs' new entry. If ours moved the same
    /// comment, it would otherwise appear twice.
    fn mark_moved_comments(&self, key: &mut Key, item: &mut Item) {
        match item {
            Item::Value(_) => self.mark_decor(key.leaf_decor_mut()),
            Item::Table(table) => self.mark_moved_table_comments(table),
            Item::ArrayOfTables(array) => {
                for table in array.iter_mut() {
                    self.mark_moved_table_comments(table);
                }
            }
            Item::None => {}
        }
    }

    fn mark_moved_table_comments(&self, table: &mut Table) {
        if !table.is_implicit() {
            self.mark_decor(table.decor_mut());
            return;
        }
        // An implicit table has no header: its first tables have the comments.
        for (_, item) in table.iter_mut() {
            match item {
                Item::Table(child) => self.mark_moved_table_comments(child),
                Item::ArrayOfTables(array) => {
                    for child in array.iter_mut() {
                        self.mark_moved_table_comments(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn mark_decor(&self, decor: &mut Decor) {
        let Some(prefix) = decor.prefix().and_then(|raw| raw.as_str()) else {
            return;
        };
        let count = |text: &str, line: &str| text.lines().filter(|l| l.trim() == line).count();
        let mut marked = String::new();
        let mut changed = false;
        for line in prefix.split_inclusive('\n') {
            let bare = line.trim();
            let in_base = count(&self.base_text, bare);
            if bare.starts_with('#') && in_base > 0 && count(&self.theirs_text, bare) <= in_base {
                marked.push_str(&self.moved_marker());
                changed = true;
            }
            marked.push_str(line);
        }
        if changed {
            decor.set_prefix(marked);
        }
    }

    /// Applies theirs' changes to the table `ours`. `path` holds the keys from the root.
    fn merge_table(
        &mut self,
        ours: &mut Table,
        base: Option<&Table>,
        theirs: &Table,
        context: Context,
        path: &mut Vec<String>,
    ) {
        if let (Context::Both, Some(base)) = (context, base) {
            // The header's comments and spacing, where ours left them alone.
            if decor_eq(ours.decor(), base.decor()) {
                *ours.decor_mut() = theirs.decor().clone();
            }
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

    fn merge_key(
        &mut self,
        ours: &mut Table,
        base: Option<&Table>,
        theirs: &Table,
        key: &str,
        context: Context,
        path: &mut Vec<String>,
    ) {
        let b = present(base.and_then(|table| table.get(key)));
        let t = present(theirs.get(key));
        let o = present(ours.get(key));
        let (ok, bk, tk) = (kind(o), kind(b), kind(t));
        let so = o.and_then(norm_item);
        let sb = b.and_then(norm_item);
        let st = t.and_then(norm_item);
        let decision = decide(&so, &sb, &st, context);

        // Tables on both sides: key by key.
        if let (Kind::Table, Some(Item::Table(their_table))) = (ok, t) {
            let base_table = b.and_then(Item::as_table);
            if let Some(our_table) = ours.get_mut(key).and_then(Item::as_table_mut) {
                self.merge_table(our_table, base_table, their_table, context, path);
            }
            return;
        }

        // Arrays of tables (`[[recall]]`): entry by entry, a missing one counting as empty.
        let arrays = [ok, bk, tk]
            .iter()
            .all(|k| matches!(k, Kind::Array | Kind::Absent))
            && (ok == Kind::Array || tk == Kind::Array);
        if arrays && context == Context::Both {
            if ok == Kind::Absent {
                let key_format = their_key(theirs, key);
                insert_like_theirs(
                    ours,
                    theirs,
                    key,
                    &key_format,
                    Item::ArrayOfTables(ArrayOfTables::new()),
                );
            }
            let base_array = b.and_then(Item::as_array_of_tables);
            let their_array = t.and_then(Item::as_array_of_tables);
            let identity = if path.len() == 1 && path[0] == "recall" {
                Identity::PersonAndDate
            } else {
                Identity::Name
            };
            if let Some(our_array) = ours.get_mut(key).and_then(Item::as_array_of_tables_mut) {
                self.merge_array(our_array, base_array, their_array, identity, path);
                if our_array.is_empty() {
                    ours.remove(key);
                }
            }
            return;
        }

        // An indicator's measurements are a set by date: two branches that each measured it
        // merge into both measurements, not a conflict over the whole list.
        if decision == Decision::Conflict
            && path.len() == 2
            && path[0] == "indicator"
            && key == "measurements"
        {
            if let Some(mut merged) = merge_measurements(o, b, t) {
                if let Some(our_value) = ours.get_mut(key).and_then(Item::as_value_mut) {
                    // a comment after the list stays
                    if let Some(suffix) = our_value.decor().suffix() {
                        merged.decor_mut().set_suffix(suffix.clone());
                    }
                    *our_value = merged;
                    return;
                }
            }
        }

        match decision {
            Decision::KeepOurs => {
                if let (Some(Item::Value(base_value)), Some(Item::Value(their_value))) = (b, t) {
                    let unchanged = so == sb && sb == st;
                    if let Some(our_value) = ours.get_mut(key).and_then(Item::as_value_mut) {
                        merge_value_format(our_value, base_value, their_value, unchanged);
                    }
                    merge_key_decor(ours, base, theirs, key);
                }
            }
            Decision::TakeTheirs => match t {
                None => {
                    ours.remove(key);
                }
                Some(their_item) => match (ours.get_mut(key), b, their_item) {
                    (
                        Some(Item::Value(our_value)),
                        Some(Item::Value(base_value)),
                        Item::Value(their_value),
                    ) => {
                        let decor = if decor_eq(our_value.decor(), base_value.decor()) {
                            their_value.decor().clone()
                        } else {
                            our_value.decor().clone()
                        };
                        *our_value = their_value.clone();
                        *our_value.decor_mut() = decor;
                        merge_key_decor(ours, base, theirs, key);
                    }
                    (Some(our_item), _, _) => *our_item = fresh_item(their_item),
                    (None, _, _) => {
                        let mut key_format = their_key(theirs, key);
                        let mut item = fresh_item(their_item);
                        self.mark_moved_comments(&mut key_format, &mut item);
                        insert_like_theirs(ours, theirs, key, &key_format, item);
                    }
                },
            },
            Decision::Conflict => {
                let base_table = b.and_then(Item::as_table);
                let table_or_absent = matches!(bk, Kind::Table | Kind::Absent);
                if ok == Kind::Absent && table_or_absent {
                    if let Some(Item::Table(their_table)) = t {
                        // Ours deleted a table theirs changed: what theirs changed in it conflicts.
                        let mut shell = fresh_table(their_table);
                        shell.clear();
                        let key_format = their_key(theirs, key);
                        insert_like_theirs(ours, theirs, key, &key_format, Item::Table(shell));
                        if let Some(our_table) = ours.get_mut(key).and_then(Item::as_table_mut) {
                            self.merge_table(
                                our_table,
                                base_table,
                                their_table,
                                Context::OursDeleted,
                                path,
                            );
                            if our_table.is_empty() {
                                ours.remove(key);
                            }
                        }
                        return;
                    }
                }
                if tk == Kind::Absent && ok == Kind::Table && table_or_absent {
                    // Theirs deleted a table ours changed.
                    let empty = Table::new();
                    if let Some(our_table) = ours.get_mut(key).and_then(Item::as_table_mut) {
                        self.merge_table(
                            our_table,
                            base_table,
                            &empty,
                            Context::TheirsDeleted,
                            path,
                        );
                        if our_table.is_empty() {
                            ours.remove(key);
                        }
                    }
                    return;
                }
                self.key_conflict(ours, theirs, key, t);
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

    /// Merges the entries of an array of tables as a set, matched by `identity`.
    fn merge_array(
        &mut self,
        ours: &mut ArrayOfTables,
        base: Option<&ArrayOfTables>,
        theirs: Option<&ArrayOfTables>,
        identity: Identity,
        path: &mut Vec<String>,
    ) {
        let base_entries: Vec<&Table> =
            base.map(|array| array.iter().collect()).unwrap_or_default();
        let their_entries: Vec<&Table> = theirs
            .map(|array| array.iter().collect())
            .unwrap_or_default();
        let our_entries: Vec<Table> = ours.iter().cloned().collect();
        let base_ids = entry_ids(&base_entries, identity);
        let their_ids = entry_ids(&their_entries, identity);
        let our_ids = entry_ids(&our_entries.iter().collect::<Vec<_>>(), identity);
        let find = |ids: &[EntryId], id: &EntryId| ids.iter().position(|other| other == id);

        // Each merged entry with the index of its match in theirs, and whether only ours has
        // it (added on ours' branch).
        let mut result: Vec<(Table, Option<usize>, bool)> = Vec::new();
        let mut theirs_matched = vec![false; their_entries.len()];
        for (mut entry, id) in our_entries.into_iter().zip(&our_ids) {
            let base_entry = find(&base_ids, id).map(|i| base_entries[i]);
            let their_index = find(&their_ids, id);
            if let Some(i) = their_index {
                theirs_matched[i] = true;
            }
            let ours_added = base_entry.is_none() && their_index.is_none();
            let their_entry = their_index.map(|i| their_entries[i]);
            let so = Some(norm_table(&entry));
            let sb = base_entry.map(norm_table);
            let st = their_entry.map(norm_table);
            match (decide(&so, &sb, &st, Context::Both), their_entry) {
                (Decision::KeepOurs | Decision::TakeTheirs, Some(their_entry)) => {
                    // Both still have it and at most one side changed it: merge its keys, which
                    // also keeps ours' comments in it.
                    self.merge_table(&mut entry, base_entry, their_entry, Context::Both, path);
                    result.push((entry, their_index, false));
                }
                // Both changed an indicator: key by key, so that measurements added on each
                // side merge and a real clash is marked around its key only. (Both changing
                // one person's recall of one day stays a conflict over the whole entry.)
                (Decision::Conflict, Some(their_entry))
                    if identity == Identity::Name && base_entry.is_some() =>
                {
                    self.merge_table(&mut entry, base_entry, their_entry, Context::Both, path);
                    result.push((entry, their_index, false));
                }
                (Decision::KeepOurs, None) => result.push((entry, None, ours_added)),
                (Decision::TakeTheirs, None) => {}
                (Decision::Conflict, their_entry) => {
                    let placeholder = self.entry_conflict(path, Some(entry), their_entry);
                    result.push((placeholder, their_index, false));
                }
            }
        }
        for (index, their_entry) in their_entries.iter().enumerate() {
            if theirs_matched[index] {
                continue;
            }
            let base_entry = find(&base_ids, &their_ids[index]).map(|i| base_entries[i]);
            let sb = base_entry.map(norm_table);
            let st = Some(norm_table(their_entry));
            let entry = match decide(&None, &sb, &st, Context::Both) {
                // Ours removed it and theirs left it alone.
                Decision::KeepOurs => continue,
                Decision::TakeTheirs => {
                    let mut entry = fresh_table(their_entry);
                    self.mark_moved_table_comments(&mut entry);
                    entry
                }
                Decision::Conflict => self.entry_conflict(path, None, Some(their_entry)),
            };
            // After the entry theirs has before it, and after the entries ours added there: so
            // new entries of both sides at the end come ours' first, and an entry theirs
            // changed the identity of stays where it was. With nothing before it, before the
            // entry theirs has after it; with neither, at the end.
            let matched_at = |their_index: usize| {
                result
                    .iter()
                    .position(|(_, matched, _)| *matched == Some(their_index))
            };
            let at = match (0..index).rev().find_map(matched_at) {
                Some(before) => {
                    let mut at = before + 1;
                    while at < result.len() && result[at].2 {
                        at += 1;
                    }
                    at
                }
                None => (index + 1..their_entries.len())
                    .find_map(matched_at)
                    .unwrap_or(result.len()),
            };
            result.insert(at, (entry, Some(index), false));
        }
        ours.clear();
        for (entry, _, _) in result {
            ours.push(entry);
        }
    }

    /// A placeholder entry standing for a conflicting entry; ours' comments before it stay
    /// outside the conflict.
    fn entry_conflict(
        &mut self,
        path: &[String],
        ours: Option<Table>,
        theirs: Option<&Table>,
    ) -> Table {
        let placeholder = self.placeholder();
        let ours_text = ours.as_ref().map(|entry| render_entry(path, entry));
        let theirs_text = theirs.map(|entry| render_entry(path, entry));
        let mut table = match ours {
            Some(mut entry) => {
                entry.clear();
                entry
            }
            None => Table::new(),
        };
        let mut prefix = table
            .decor()
            .prefix()
            .and_then(|raw| raw.as_str())
            .unwrap_or("\n")
            .to_string();
        // Only whole lines before the marker: drop any indentation of the header.
        prefix.truncate(prefix.rfind('\n').map_or(0, |i| i + 1));
        *table.decor_mut() = Decor::new(format!("{prefix}# {placeholder}\n"), "");
        self.conflicts.push(Conflict {
            placeholder,
            kind: ConflictKind::Entry,
            ours: ours_text,
            theirs: theirs_text,
        });
        table
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Identity {
    /// Recall entries: the same person on the same day is the same entry.
    PersonAndDate,
    /// Other arrays of tables (`[[indicator]]`): entries with the same `name` are the same
    /// entry; an entry without a name is what it holds.
    Name,
}

/// An entry's identity and which occurrence of it this is, so duplicates pair up in order.
type EntryId = (EntryKey, usize);

#[derive(Clone, Debug, PartialEq)]
enum EntryKey {
    Person { by: String, date: String },
    Name(String),
    Content(Norm),
}

/// Three `measurements = [{ date, value }, …]` lists merged date by date with the three-way
/// rule, in date order, written one per line as fortb writes them. `None` when a side is not
/// such a list (a date missing or given twice) or when both sides changed one date's value.
fn merge_measurements(
    ours: Option<&Item>,
    base: Option<&Item>,
    theirs: Option<&Item>,
) -> Option<Value> {
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
    let (ours, base, theirs) = (by_date(ours)?, by_date(base)?, by_date(theirs)?);
    let dates: std::collections::BTreeSet<&String> = ours
        .keys()
        .chain(base.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = toml_edit::Array::new();
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

fn entry_ids(entries: &[&Table], identity: Identity) -> Vec<EntryId> {
    let mut ids: Vec<EntryId> = Vec::new();
    for entry in entries {
        let key = entry_key(entry, identity);
        let occurrence = ids.iter().filter(|(other, _)| *other == key).count();
        ids.push((key, occurrence));
    }
    ids
}

fn entry_key(entry: &Table, identity: Identity) -> EntryKey {
    if identity == Identity::PersonAndDate {
        let by = entry.get("by").and_then(Item::as_str);
        // A quoted date is the same date as an unquoted one.
        let date = entry.get("date").and_then(|item| {
            item.as_datetime()
                .map(ToString::to_string)
                .or_else(|| item.as_str().map(str::to_string))
        });
        if let (Some(by), Some(date)) = (by, date) {
            return EntryKey::Person {
                by: by.to_string(),
                date,
            };
        }
    }
    if identity == Identity::Name {
        if let Some(name) = entry.get("name").and_then(Item::as_str) {
            return EntryKey::Name(name.to_string());
        }
    }
    EntryKey::Content(norm_table(entry))
}

/// Renders one entry of an array of tables as it would stand in a file, header first.
fn render_entry(path: &[String], entry: &Table) -> String {
    let mut entry = entry.clone();
    entry.decor_mut().set_prefix("");
    let mut doc = DocumentMut::new();
    let Some((last, parents)) = path.split_last() else {
        return String::new();
    };
    let mut table = doc.as_table_mut();
    for name in parents {
        let mut implicit = Table::new();
        implicit.set_implicit(true);
        let Some(next) = table
            .entry(name)
            .or_insert(Item::Table(implicit))
            .as_table_mut()
        else {
            return String::new();
        };
        table = next;
    }
    let mut array = ArrayOfTables::new();
    array.push(entry);
    table.insert(last, Item::ArrayOfTables(array));
    doc.to_string()
}

/// The text after `key =` for one side of a key conflict: the value with its spacing and
/// trailing comment.
fn value_text(item: &Item) -> Option<String> {
    let mut value = item.clone().into_value().ok()?;
    if value.decor().prefix().is_none() {
        value.decor_mut().set_prefix(" ");
    }
    Some(value.to_string())
}

/// Takes theirs' spelling of a value and its comment where ours left them as in base.
fn merge_value_format(ours: &mut Value, base: &Value, theirs: &Value, unchanged: bool) {
    let take_decor = decor_eq(ours.decor(), base.decor());
    if unchanged && bare(ours) == bare(base) && bare(theirs) != bare(base) {
        let decor = ours.decor().clone();
        *ours = theirs.clone();
        *ours.decor_mut() = decor;
    }
    if take_decor {
        *ours.decor_mut() = theirs.decor().clone();
    }
}

/// Takes theirs' comments above a key where ours left them as in base.
fn merge_key_decor(ours: &mut Table, base: Option<&Table>, theirs: &Table, key: &str) {
    let (Some(base_key), Some(their_key)) =
        (base.and_then(|table| table.key(key)), theirs.key(key))
    else {
        return;
    };
    if let Some(mut our_key) = ours.key_mut(key) {
        if decor_eq(our_key.leaf_decor(), base_key.leaf_decor()) {
            *our_key.leaf_decor_mut() = their_key.leaf_decor().clone();
        }
    }
}

/// A value's text without its surrounding spacing and comment.
fn bare(value: &Value) -> String {
    let mut value = value.clone();
    value.decor_mut().clear();
    value.to_string()
}

fn decor_eq(a: &Decor, b: &Decor) -> bool {
    let text = |raw: Option<&toml_edit::RawString>| raw.map(|raw| raw.as_str().map(str::to_string));
    text(a.prefix()) == text(b.prefix()) && text(a.suffix()) == text(b.suffix())
}

fn raw_eq(a: &toml_edit::RawString, b: &toml_edit::RawString) -> bool {
    a.as_str() == b.as_str()
}

fn their_key(theirs: &Table, key: &str) -> Key {
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
fn insert_like_theirs(ours: &mut Table, theirs: &Table, key: &str, key_format: &Key, item: Item) {
    let is_value = item.is_value();
    let their_keys: Vec<&str> = theirs
        .iter()
        .filter(|(k, i)| *k == key || i.is_value() == is_value)
        .map(|(k, _)| k)
        .collect();
    let target = their_keys.iter().position(|k| *k == key).and_then(|index| {
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
    });
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
fn fresh_item(item: &Item) -> Item {
    match item {
        Item::Table(table) => Item::Table(fresh_table(table)),
        Item::ArrayOfTables(array) => Item::ArrayOfTables(array.iter().map(fresh_table).collect()),
        other => other.clone(),
    }
}

fn fresh_table(table: &Table) -> Table {
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

/// What a TOML item means, without its formatting: what the three-way rule compares.
#[derive(Clone, Debug, PartialEq)]
enum Norm {
    String(String),
    Integer(i64),
    Float(u64),
    Boolean(bool),
    Datetime(String),
    Array(Vec<Norm>),
    Table(BTreeMap<String, Norm>),
}

fn norm_item(item: &Item) -> Option<Norm> {
    match item {
        Item::None => None,
        Item::Value(value) => Some(norm_value(value)),
        Item::Table(table) => Some(norm_table(table)),
        Item::ArrayOfTables(array) => Some(Norm::Array(array.iter().map(norm_table).collect())),
    }
}

fn norm_table(table: &Table) -> Norm {
    Norm::Table(
        table
            .iter()
            .filter_map(|(key, item)| norm_item(item).map(|norm| (key.to_string(), norm)))
            .collect(),
    )
}

fn norm_value(value: &Value) -> Norm {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConflictKind {
    /// A key: the placeholder is its value, `key ="<placeholder>"`, on one line.
    Key,
    /// An entry of an array of tables: the placeholder is a comment line right before its
    /// (empty) header.
    Entry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolution {
    Marked,
    Ours,
    Theirs,
}

/// One conflict: where it is in the rendered document and what each side has there
/// (`None`: the side deleted it).
struct Conflict {
    placeholder: String,
    kind: ConflictKind,
    ours: Option<String>,
    theirs: Option<String>,
}

impl Conflict {
    /// Replaces the placeholder's lines in `text` with the conflict block, or with one side.
    fn substitute(&self, text: &mut String, resolution: Resolution) -> Result<(), MergeError> {
        let lost = || MergeError::Unrepresentable {
            message: format!("conflict placeholder {} not found", self.placeholder),
        };
        let (start, end, ours, theirs) = match self.kind {
            ConflictKind::Key => {
                let needle = format!("\"{}\"", self.placeholder);
                let at = text.find(&needle).ok_or_else(lost)?;
                let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                let line = text[start..end].trim_end_matches('\n');
                let side = |value: &Option<String>| {
                    value
                        .as_ref()
                        .map(|value| format!("{}\n", line.replacen(&needle, value, 1)))
                        .unwrap_or_default()
                };
                (start, end, side(&self.ours), side(&self.theirs))
            }
            ConflictKind::Entry => {
                let needle = format!("# {}\n", self.placeholder);
                let start = text.find(&needle).ok_or_else(lost)?;
                let header = start + needle.len();
                let end = text[header..]
                    .find('\n')
                    .map_or(text.len(), |i| header + i + 1);
                let side = |entry: &Option<String>| entry.clone().unwrap_or_default();
                (start, end, side(&self.ours), side(&self.theirs))
            }
        };
        let replacement = match resolution {
            Resolution::Marked => format!(
                "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
                ensure_newline(ours),
                ensure_newline(theirs)
            ),
            Resolution::Ours => ours,
            Resolution::Theirs => theirs,
        };
        text.replace_range(start..end, &replacement);
        Ok(())
    }
}

fn ensure_newline(mut text: String) -> String {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shortened record like the example project's book circle.
    const BASE: &str = r#"schema = 1
title = "Bokcirkel: Formativ bedömning"
kind = "book-circle"
learning = "everyday"
process = "six-step"
start = 2025-01-15    # första träffen
owner = "Anna Lind"
audience = "Alla lärare F–9, i blandade grupper om fem–sex personer"
whole_staff = true

# En tabell per steg.
[steps.need]
who_wants = "Ledningsgruppen, efter önskemål från flera arbetslag"
why = """
Vid lektionsbesöken under hösten såg vi att eleverna sällan visste vad de skulle lära sig
eller hur de låg till.
"""
done = 2024-12-10

[steps.analysis]
challenges = [
  "Ont om gemensam tid",
  "Risk att det stannar vid läsning och inte blir praktik",
]
mix = ["training", "organisation"]
done = 2024-12-17

[[recall]]
by = "Anna Lind"
date = 2026-11-16
self = 4
note = "Exit tickets används fortfarande i de flesta klasser."
"#;

    const ERIK: &str = r#"
[[recall]]
by = "Erik Svensson"
date = 2026-11-18
self = 3
why = ["discussion"]
"#;

    const MARIA: &str = r#"
[[recall]]
by = "Maria Nilsson"
date = 2026-11-19
staff = 4
note = "Uppgifterna mellan träffarna gjorde skillnad för eleverna i åk 4–6."
"#;

    const CONCEPT: &str = r#"
[steps.concept]
learning_goals = ["Kunna använda exit tickets", "Känna till de fem nyckelstrategierna"]
methods = "Läsning mellan träffarna och samtal i grupper om fem–sex."
"#;

    fn edit(text: &str, from: &str, to: &str) -> String {
        assert!(text.contains(from), "{from:?} is not in the text");
        text.replacen(from, to, 1)
    }

    fn clean(base: &str, ours: &str, theirs: &str) -> String {
        match merge_records(base, ours, theirs) {
            Ok(Merged::Clean(text)) => {
                text.parse::<DocumentMut>()
                    .expect("a clean merge is valid TOML");
                text
            }
            other => panic!("expected a clean merge, got {other:?}"),
        }
    }

    fn conflicts(base: &str, ours: &str, theirs: &str) -> (String, usize) {
        match merge_records(base, ours, theirs) {
            Ok(Merged::Conflicts { text, count }) => (text, count),
            other => panic!("expected conflicts, got {other:?}"),
        }
    }

    /// What the user gets by keeping one side of every conflict block (line-based, as a user
    /// editing the file would do).
    fn keep(text: &str, side: Side) -> String {
        let mut out = String::new();
        let mut state = None;
        for line in text.split_inclusive('\n') {
            let bare = line.trim_end_matches(['\r', '\n']);
            match bare {
                "<<<<<<< ours" => state = Some(Side::Ours),
                "=======" if state.is_some() => state = Some(Side::Theirs),
                ">>>>>>> theirs" => state = None,
                _ if state.is_none() || state == Some(side) => out.push_str(line),
                _ => {}
            }
        }
        out
    }

    fn get<'a>(doc: &'a DocumentMut, path: &[&str]) -> Option<&'a Item> {
        let mut item = doc.as_item();
        for name in path {
            item = item.get(name)?;
        }
        Some(item)
    }

    #[test]
    fn recall_entries_added_on_both_sides_are_all_kept() {
        let ours = format!("{BASE}{ERIK}");
        let theirs = format!("{BASE}{MARIA}");
        assert_eq!(clean(BASE, &ours, &theirs), format!("{BASE}{ERIK}{MARIA}"));
    }

    #[test]
    fn the_same_recall_entry_added_on_both_sides_is_kept_once() {
        let ours = edit(
            &format!("{BASE}{ERIK}"),
            "owner = \"Anna Lind\"",
            "owner = \"Anna Lind och Erik Svensson\"",
        );
        let theirs = format!("{BASE}{ERIK}");
        let merged = clean(BASE, &ours, &theirs);
        assert_eq!(merged, ours);
        assert_eq!(merged.matches("Erik Svensson\"\ndate").count(), 1);
    }

    #[test]
    fn recall_entries_are_matched_by_person_and_date() {
        // Theirs changes Anna's entry, ours adds Erik's and removes nothing: theirs' change
        // lands in ours' entry.
        let ours = format!("{BASE}{ERIK}");
        let theirs = edit(BASE, "self = 4\n", "self = 3\nstaff = 2\n");
        assert_eq!(
            clean(BASE, &ours, &theirs),
            edit(&ours, "self = 4\n", "self = 3\nstaff = 2\n")
        );

        // An entry removed on one side and unchanged on the other is removed.
        let base = format!("{BASE}{ERIK}");
        let ours = edit(
            &base,
            "title = \"Bokcirkel: Formativ bedömning\"",
            "title = \"Bokcirkel om formativ bedömning\"",
        );
        let theirs = BASE.to_string();
        assert_eq!(
            clean(&base, &ours, &theirs),
            edit(
                BASE,
                "title = \"Bokcirkel: Formativ bedömning\"",
                "title = \"Bokcirkel om formativ bedömning\""
            )
        );

        // A quoted date is the same date.
        let quoted = edit(BASE, "date = 2026-11-16", "date = \"2026-11-16\"");
        let theirs = edit(&quoted, "self = 4", "self = 2");
        let ours = format!("{quoted}{ERIK}");
        assert!(clean(&quoted, &ours, &theirs).contains("self = 2\nnote"));
    }

    #[test]
    fn a_recall_entry_changed_differently_on_both_sides_conflicts_as_a_whole() {
        let ours = edit(BASE, "self = 4", "self = 3");
        let theirs = edit(
            BASE,
            "note = \"Exit tickets används fortfarande i de flesta klasser.\"",
            "note = \"Bara några använder exit tickets nu.\"",
        );
        let (text, count) = conflicts(BASE, &ours, &theirs);
        assert_eq!(count, 1);
        let expected_block = "\
<<<<<<< ours
[[recall]]
by = \"Anna Lind\"
date = 2026-11-16
self = 3
note = \"Exit tickets används fortfarande i de flesta klasser.\"
=======
[[recall]]
by = \"Anna Lind\"
date = 2026-11-16
self = 4
note = \"Bara några använder exit tickets nu.\"
>>>>>>> theirs
";
        assert!(
            text.ends_with(&format!("done = 2024-12-17\n\n{expected_block}")),
            "{text}"
        );
        assert_eq!(keep(&text, Side::Ours), ours);
        assert_eq!(keep(&text, Side::Theirs), theirs);

        // Changed on one side, removed on the other: a conflict with one empty side.
        let theirs = &BASE[..BASE.find("\n\n[[recall]]").unwrap() + 1];
        let (text, count) = conflicts(BASE, &ours, theirs);
        assert_eq!(count, 1);
        assert!(text.contains("\n<<<<<<< ours\n[[recall]]\n"), "{text}");
        assert!(text.ends_with("=======\n>>>>>>> theirs\n"), "{text}");
        keep(&text, Side::Theirs).parse::<DocumentMut>().unwrap();
    }

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
    fn a_key_changed_on_one_side_and_a_comment_on_the_other_is_clean() {
        let ours = edit(
            &edit(BASE, "# första träffen", "# första träffen, i aulan"),
            "# En tabell per steg.\n",
            "# En tabell per steg.\n# Svaren kommer från ledningsgruppens möte.\n",
        );
        let theirs = edit(
            BASE,
            "mix = [\"training\", \"organisation\"]",
            "mix = [\"training\", \"information\", \"organisation\"]",
        );
        assert_eq!(
            clean(BASE, &ours, &theirs),
            edit(
                &ours,
                "mix = [\"training\", \"organisation\"]",
                "mix = [\"training\", \"information\", \"organisation\"]"
            )
        );
    }

    #[test]
    fn theirs_comments_and_formatting_are_taken_where_ours_left_them() {
        let ours = format!("{BASE}{ERIK}");
        let theirs = edit(
            &edit(
                BASE,
                "whole_staff = true\n",
                "whole_staff = true    # alla samtidigt\n",
            ),
            "title = \"Bokcirkel: Formativ bedömning\"",
            "title = 'Bokcirkel: Formativ bedömning'",
        );
        let merged = clean(BASE, &ours, &theirs);
        assert_eq!(
            merged,
            edit(
                &edit(
                    &ours,
                    "whole_staff = true\n",
                    "whole_staff = true    # alla samtidigt\n"
                ),
                "title = \"Bokcirkel: Formativ bedömning\"",
                "title = 'Bokcirkel: Formativ bedömning'",
            )
        );
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

    #[test]
    fn an_unparseable_side_is_an_error_naming_it() {
        let broken = "title = \"Bokcirkel\n";
        for (side, result) in [
            (Side::Base, merge_records(broken, BASE, BASE)),
            (Side::Ours, merge_records(BASE, broken, BASE)),
            (Side::Theirs, merge_records(BASE, BASE, broken)),
        ] {
            match result {
                Err(error @ MergeError::Invalid { .. }) => {
                    assert!(
                        matches!(&error, MergeError::Invalid { side: s, message } if *s == side && !message.is_empty())
                    );
                    assert!(error
                        .to_string()
                        .starts_with(&format!("the {side} version is not valid TOML")));
                }
                other => panic!("expected an error for {side}, got {other:?}"),
            }
        }
        // A file still holding conflict markers is not TOML either.
        let marked = format!("<<<<<<< ours\n{BASE}=======\n{BASE}>>>>>>> theirs\n");
        assert!(matches!(
            merge_records(BASE, BASE, &marked),
            Err(MergeError::Invalid {
                side: Side::Theirs,
                ..
            })
        ));
    }

    #[test]
    fn ours_comments_survive_on_their_own_line_and_at_the_end_of_a_line() {
        let ours = edit(
            &edit(BASE, "done = 2024-12-10", "# beslutat på ledningsgruppens möte\ndone = 2024-12-10"),
            "who_wants = \"Ledningsgruppen, efter önskemål från flera arbetslag\"",
            "who_wants = \"Ledningsgruppen, efter önskemål från flera arbetslag\"  # enligt protokollet",
        );
        // Theirs changes exactly those two values.
        let theirs = edit(
            &edit(BASE, "done = 2024-12-10", "done = 2024-12-12"),
            "who_wants = \"Ledningsgruppen, efter önskemål från flera arbetslag\"",
            "who_wants = \"Ledningsgruppen och elevhälsoteamet\"",
        );
        let merged = clean(BASE, &ours, &theirs);
        assert_eq!(
            merged,
            edit(
                &edit(&ours, "done = 2024-12-10", "done = 2024-12-12"),
                "who_wants = \"Ledningsgruppen, efter önskemål från flera arbetslag\"",
                "who_wants = \"Ledningsgruppen och elevhälsoteamet\"",
            )
        );
        assert!(merged.contains("# beslutat på ledningsgruppens möte\ndone = 2024-12-12\n"));
        assert!(merged.contains("\"Ledningsgruppen och elevhälsoteamet\"  # enligt protokollet\n"));
    }

    #[test]
    fn merging_the_same_version_twice_gives_it_back_byte_for_byte() {
        let versions = [
            format!("{BASE}{ERIK}"),
            edit(&format!("{BASE}{MARIA}"), "# En tabell", "#  En tabell"),
            edit(
                BASE,
                "done = 2024-12-17\n",
                &format!("done = 2024-12-17\n{CONCEPT}"),
            )
            .replace('\n', "\r\n"),
        ];
        for x in &versions {
            assert_eq!(merge_records(BASE, x, x), Ok(Merged::Clean(x.clone())));
            assert_eq!(merge_records(x, x, x), Ok(Merged::Clean(x.clone())));
            // Without the shortcut too.
            let lf = to_lf(x);
            let merged = merge_documents(
                &BASE.parse().unwrap(),
                lf.parse().unwrap(),
                &lf.parse().unwrap(),
                "fortb-merge-conflict",
            );
            assert_eq!(merged, Ok(Merged::Clean(lf)));
        }
    }

    #[test]
    fn crlf_in_ours_is_kept() {
        let base = BASE.replace('\n', "\r\n");
        let ours = format!("{BASE}{ERIK}").replace('\n', "\r\n");
        let theirs = format!("{BASE}{MARIA}"); // LF
        let merged = clean(&base, &ours, &theirs);
        assert_eq!(merged, format!("{BASE}{ERIK}{MARIA}").replace('\n', "\r\n"));

        let ours = edit(&base, "self = 4", "self = 3");
        let theirs = edit(&base, "self = 4", "self = 2");
        let (text, count) = conflicts(&base, &ours, &theirs);
        assert_eq!(count, 1);
        assert!(text.contains("\r\n<<<<<<< ours\r\n[[recall]]\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "a bare LF in {text:?}"
        );
    }

    #[test]
    fn the_merge_is_deterministic_and_placeholders_avoid_the_input() {
        // A record that happens to contain the placeholder word still merges correctly.
        let base = edit(
            BASE,
            "owner = \"Anna Lind\"",
            "owner = \"Anna Lind\"\nnote = \"fortb-merge-conflict:0\"",
        );
        let ours = edit(&base, "self = 4", "self = 3");
        let theirs = edit(&base, "self = 4", "self = 1");
        let first = merge_records(&base, &ours, &theirs);
        assert_eq!(first, merge_records(&base, &ours, &theirs));
        let (text, count) = conflicts(&base, &ours, &theirs);
        assert_eq!(count, 1);
        assert!(text.contains("note = \"fortb-merge-conflict:0\"\n"));
        assert_eq!(keep(&text, Side::Ours), ours);
    }

    #[test]
    fn every_example_record_merges_new_recall_entries_from_both_sides() {
        let karin = "\n[[recall]]\nby = \"Karin Öberg\"\ndate = 2027-01-10\nself = 2\n";
        let jonas = "\n[[recall]]\nby = \"Jonas Åberg\"\ndate = 2027-01-11\nstaff = 1\nnote = \"Vi har glömt det mesta.\"\n";
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/skola/initiatives");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        assert!(!paths.is_empty());
        for path in paths {
            let x = std::fs::read_to_string(&path).unwrap();
            assert_eq!(merge_records(&x, &x, &x), Ok(Merged::Clean(x.clone())));
            let ours = format!("{x}{karin}");
            let theirs = format!("{x}{jonas}");
            assert_eq!(
                clean(&x, &ours, &theirs),
                format!("{x}{karin}{jonas}"),
                "{}",
                path.display()
            );
        }
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

    #[test]
    fn a_list_changed_differently_on_both_sides_keeps_its_lines_inside_the_block() {
        let ours = edit(
            BASE,
            "  \"Ont om gemensam tid\",\n",
            "  \"Ont om gemensam tid\",\n  \"Få vikarier\",\n",
        );
        let theirs = edit(BASE, "  \"Ont om gemensam tid\",\n", "");
        let (text, count) = conflicts(BASE, &ours, &theirs);
        assert_eq!(count, 1);
        assert!(text.contains("[steps.analysis]\n<<<<<<< ours\nchallenges = [\n  \"Ont om gemensam tid\",\n  \"Få vikarier\",\n"), "{text}");
        assert_eq!(keep(&text, Side::Ours), ours);
        assert_eq!(keep(&text, Side::Theirs), theirs);
    }

    #[test]
    fn a_comment_at_the_end_that_new_entries_were_written_after_appears_once() {
        let base = format!("{BASE}# fler svar väntas i december\n");
        // Both sides wrote their new entry after the comment.
        let ours = format!("{base}{ERIK}");
        let theirs = format!("{base}{MARIA}");
        assert_eq!(clean(&base, &ours, &theirs), format!("{base}{ERIK}{MARIA}"));

        // Only theirs did; ours changed something else: theirs' layout of the end.
        let ours = edit(&base, "self = 4", "self = 3");
        assert_eq!(
            clean(&base, &ours, &theirs),
            edit(&format!("{base}{MARIA}"), "self = 4", "self = 3")
        );

        // Ours deleted the comment: it stays deleted.
        let ours = BASE.to_string();
        assert_eq!(clean(&base, &ours, &theirs), format!("{BASE}{MARIA}"));

        // A comment theirs adds that happens to repeat one of base's is theirs' own.
        let ours = format!("{BASE}{ERIK}");
        let copied = CONCEPT.replace(
            "\n[steps.concept]",
            "\n# En tabell per steg.\n[steps.concept]",
        );
        let theirs = edit(
            BASE,
            "done = 2024-12-17\n",
            &format!("done = 2024-12-17\n{copied}"),
        );
        assert_eq!(
            clean(BASE, &ours, &theirs),
            edit(
                &ours,
                "done = 2024-12-17\n",
                &format!("done = 2024-12-17\n{copied}")
            )
        );
    }
}
