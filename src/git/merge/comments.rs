//! Comments theirs moved: a comment line in base that theirs' new item now stands after (a
//! comment at the end of the file before theirs' new entry) is marked when the item goes in,
//! and the marked lines are settled once the merged document is rendered, so that a comment
//! ours moved too appears once.

use toml_edit::{Decor, Item, Key, Table};

use crate::git::merge::merger::Merger;

impl Merger {
    /// Marks the comment lines before an item theirs added that were in base already and
    /// that theirs did not add another copy of: comments theirs moved, typically a comment at
    /// the end of the file that now stands before theirs' new entry. If ours moved the same
    /// comment, it would otherwise appear twice.
    pub(super) fn mark_moved_comments(&self, key: &mut Key, item: &mut Item) {
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

    pub(super) fn mark_moved_table_comments(&self, table: &mut Table) {
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
}

/// Settles the comment lines [`Merger::mark_moved_comments`] marked: one the merged document
/// still has elsewhere (ours kept or moved it too), or that ours deleted, goes; any other stays.
pub(super) fn settle_moved_comments(text: &str, marker: &str, ours: &str) -> String {
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

#[cfg(test)]
mod tests {
    use crate::git::merge::testing::*;

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
