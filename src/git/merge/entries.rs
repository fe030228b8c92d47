//! Arrays of tables (`[[recall]]`, `[[indicator]]`, `[[material]]`): merged as a set of
//! entries, matched by who and when (recall), by name (indicators) or by link (material), new
//! entries of both sides kept.

use toml_edit::{ArrayOfTables, Decor, Item, Table};

use crate::git::merge::conflict::{render_entry, Conflict, ConflictKind};
use crate::git::merge::merger::{KeyAt, Kind, Merger};
use crate::git::merge::placement::{fresh_table, insert_like_theirs, their_key};
use crate::git::merge::three_way::{decide, norm_table, Context, Decision, Norm};

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

/// Base's and theirs' entries with their identities, to find ours' in.
struct Others<'a> {
    base: Vec<&'a Table>,
    theirs: Vec<&'a Table>,
    base_ids: Vec<EntryId>,
    their_ids: Vec<EntryId>,
}

impl<'a> Others<'a> {
    fn base_entry(&self, id: &EntryId) -> Option<&'a Table> {
        find(&self.base_ids, id).map(|i| self.base[i])
    }
}

/// A merged entry, with the index of its match in theirs and whether only ours has it (added
/// on ours' branch).
struct MergedEntry {
    entry: Table,
    their_index: Option<usize>,
    ours_added: bool,
}

fn entries_of(array: Option<&ArrayOfTables>) -> Vec<&Table> {
    array
        .map(|array| array.iter().collect())
        .unwrap_or_default()
}

fn find(ids: &[EntryId], id: &EntryId) -> Option<usize> {
    ids.iter().position(|other| other == id)
}

impl Merger {
    /// Merges the arrays of tables at the key, a missing one counting as empty; an array left
    /// empty goes.
    pub(super) fn merge_entries(
        &mut self,
        ours: &mut Table,
        at: KeyAt,
        ours_kind: Kind,
        path: &mut Vec<String>,
    ) {
        if ours_kind == Kind::Absent {
            let key_format = their_key(at.theirs_table, at.key);
            let empty = Item::ArrayOfTables(ArrayOfTables::new());
            insert_like_theirs(ours, at.theirs_table, at.key, &key_format, empty);
        }
        let base_array = at.base.and_then(Item::as_array_of_tables);
        let their_array = at.theirs.and_then(Item::as_array_of_tables);
        let identity = if path.len() == 1 && path[0] == "recall" {
            Identity::PersonAndDate
        } else {
            Identity::Name
        };
        if let Some(our_array) = ours.get_mut(at.key).and_then(Item::as_array_of_tables_mut) {
            self.merge_array(our_array, base_array, their_array, identity, path);
            if our_array.is_empty() {
                ours.remove(at.key);
            }
        }
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
        let (base, theirs) = (entries_of(base), entries_of(theirs));
        let others = Others {
            base_ids: entry_ids(&base, identity),
            their_ids: entry_ids(&theirs, identity),
            base,
            theirs,
        };
        let our_entries: Vec<Table> = ours.iter().cloned().collect();
        let our_ids = entry_ids(&our_entries.iter().collect::<Vec<_>>(), identity);
        let mut result = Vec::new();
        let mut theirs_matched = vec![false; others.theirs.len()];
        for (entry, id) in our_entries.into_iter().zip(&our_ids) {
            if let Some(i) = find(&others.their_ids, id) {
                theirs_matched[i] = true;
            }
            result.extend(self.merge_our_entry(entry, id, &others, identity, path));
        }
        for (index, their_entry) in others.theirs.iter().enumerate() {
            if theirs_matched[index] {
                continue;
            }
            let base_entry = others.base_entry(&others.their_ids[index]);
            if let Some(entry) = self.their_new_entry(their_entry, base_entry, path) {
                let at = insertion_point(&result, index, others.theirs.len());
                let their_index = Some(index);
                let ours_added = false;
                result.insert(
                    at,
                    MergedEntry {
                        entry,
                        their_index,
                        ours_added,
                    },
                );
            }
        }
        ours.clear();
        for merged in result {
            ours.push(merged.entry);
        }
    }

    /// One of ours' entries merged with its match in base and theirs; `None` when theirs
    /// removed it and ours left it alone.
    fn merge_our_entry(
        &mut self,
        mut entry: Table,
        id: &EntryId,
        others: &Others,
        identity: Identity,
        path: &mut Vec<String>,
    ) -> Option<MergedEntry> {
        let base_entry = others.base_entry(id);
        let their_index = find(&others.their_ids, id);
        let ours_added = base_entry.is_none() && their_index.is_none();
        let their_entry = their_index.map(|i| others.theirs[i]);
        let so = Some(norm_table(&entry));
        let sb = base_entry.map(norm_table);
        let st = their_entry.map(norm_table);
        let matched = |entry| MergedEntry {
            entry,
            their_index,
            ours_added: false,
        };
        match (decide(&so, &sb, &st, Context::Both), their_entry) {
            (Decision::KeepOurs | Decision::TakeTheirs, Some(their_entry)) => {
                // Both still have it and at most one side changed it: merge its keys, which
                // also keeps ours' comments in it.
                self.merge_table(&mut entry, base_entry, their_entry, Context::Both, path);
                Some(matched(entry))
            }
            // Both changed an indicator: key by key, so that measurements added on each
            // side merge and a real clash is marked around its key only. (Both changing
            // one person's recall of one day stays a conflict over the whole entry.)
            (Decision::Conflict, Some(their_entry))
                if identity == Identity::Name && base_entry.is_some() =>
            {
                self.merge_table(&mut entry, base_entry, their_entry, Context::Both, path);
                Some(matched(entry))
            }
            (Decision::KeepOurs, None) => Some(MergedEntry {
                entry,
                their_index: None,
                ours_added,
            }),
            (Decision::TakeTheirs, None) => None,
            (Decision::Conflict, their_entry) => {
                Some(matched(self.entry_conflict(path, Some(entry), their_entry)))
            }
        }
    }

    /// An entry only theirs has, as it goes into the merge; `None` when ours removed it and
    /// theirs left it alone.
    fn their_new_entry(
        &mut self,
        their_entry: &Table,
        base_entry: Option<&Table>,
        path: &[String],
    ) -> Option<Table> {
        let sb = base_entry.map(norm_table);
        let st = Some(norm_table(their_entry));
        match decide(&None, &sb, &st, Context::Both) {
            Decision::KeepOurs => None,
            Decision::TakeTheirs => {
                let mut entry = fresh_table(their_entry);
                self.mark_moved_table_comments(&mut entry);
                Some(entry)
            }
            Decision::Conflict => Some(self.entry_conflict(path, None, Some(their_entry))),
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

/// Where theirs' new entry number `index` goes among the merged ones: after the entry theirs
/// has before it, and after the entries ours added there, so new entries of both sides at the
/// end come ours' first, and an entry theirs changed the identity of stays where it was. With
/// nothing before it, before the entry theirs has after it; with neither, at the end.
fn insertion_point(result: &[MergedEntry], index: usize, their_count: usize) -> usize {
    let matched_at = |their_index: usize| {
        result
            .iter()
            .position(|merged| merged.their_index == Some(their_index))
    };
    match (0..index).rev().find_map(matched_at) {
        Some(before) => {
            let mut at = before + 1;
            while at < result.len() && result[at].ours_added {
                at += 1;
            }
            at
        }
        None => (index + 1..their_count)
            .find_map(matched_at)
            .unwrap_or(result.len()),
    }
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
        // An indicator is known by its name, a material entry by its link.
        let name = entry.get("name").or_else(|| entry.get("url"));
        if let Some(name) = name.and_then(Item::as_str) {
            return EntryKey::Name(name.to_string());
        }
    }
    EntryKey::Content(norm_table(entry))
}

#[cfg(test)]
mod tests {
    use toml_edit::DocumentMut;

    use crate::git::merge::testing::*;

    #[test]
    fn material_is_matched_by_its_link() {
        let book = "\n[[material]]\ntitle = \"Boken\"\nurl = \"https://a.se\"\n";
        let base = format!("{BASE}{book}");
        // Ours gives the book a note, theirs a better title: one entry with both.
        let ours = edit(
            &base,
            "url = \"https://a.se\"\n",
            "url = \"https://a.se\"\nnote = \"Kap. 1\"\n",
        );
        let theirs = edit(&base, "title = \"Boken\"", "title = \"Boken om bedömning\"");
        let merged = clean(&base, &ours, &theirs);
        assert_eq!(merged.matches("https://a.se").count(), 1, "{merged}");
        assert!(
            merged.contains(
                "title = \"Boken om bedömning\"\nurl = \"https://a.se\"\nnote = \"Kap. 1\""
            ),
            "{merged}"
        );
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
}
