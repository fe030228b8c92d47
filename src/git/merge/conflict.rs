//! Conflict blocks: the merged document is rendered with a placeholder in each conflict's
//! place, which is then replaced by git conflict markers around both sides' text (or, to check
//! that either choice reads again, by one side).

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use crate::git::merge::error::MergeError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ConflictKind {
    /// A key: the placeholder is its value, `key ="<placeholder>"`, on one line.
    Key,
    /// An entry of an array of tables: the placeholder is a comment line right before its
    /// (empty) header.
    Entry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Resolution {
    Marked,
    Ours,
    Theirs,
}

/// One conflict: where it is in the rendered document and what each side has there
/// (`None`: the side deleted it).
pub(super) struct Conflict {
    pub(super) placeholder: String,
    pub(super) kind: ConflictKind,
    pub(super) ours: Option<String>,
    pub(super) theirs: Option<String>,
}

/// The placeholder's lines in the rendered text (`start..end`) and each side's lines for them.
struct Span {
    start: usize,
    end: usize,
    ours: String,
    theirs: String,
}

impl Conflict {
    /// Replaces the placeholder's lines in `text` with the conflict block, or with one side.
    pub(super) fn substitute(
        &self,
        text: &mut String,
        resolution: Resolution,
    ) -> Result<(), MergeError> {
        let span = match self.kind {
            ConflictKind::Key => self.key_span(text),
            ConflictKind::Entry => self.entry_span(text),
        }
        .ok_or_else(|| MergeError::Unrepresentable {
            message: format!("conflict placeholder {} not found", self.placeholder),
        })?;
        let replacement = match resolution {
            Resolution::Marked => format!(
                "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
                ensure_newline(span.ours),
                ensure_newline(span.theirs)
            ),
            Resolution::Ours => span.ours,
            Resolution::Theirs => span.theirs,
        };
        text.replace_range(span.start..span.end, &replacement);
        Ok(())
    }

    /// The line `key ="<placeholder>"`; each side's version of it has that side's value.
    fn key_span(&self, text: &str) -> Option<Span> {
        let needle = format!("\"{}\"", self.placeholder);
        let at = text.find(&needle)?;
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[start..end].trim_end_matches('\n');
        let side = |value: &Option<String>| {
            value
                .as_ref()
                .map(|value| format!("{}\n", line.replacen(&needle, value, 1)))
                .unwrap_or_default()
        };
        Some(Span {
            start,
            end,
            ours: side(&self.ours),
            theirs: side(&self.theirs),
        })
    }

    /// The placeholder comment and the empty header after it; each side has its whole entry.
    fn entry_span(&self, text: &str) -> Option<Span> {
        let needle = format!("# {}\n", self.placeholder);
        let start = text.find(&needle)?;
        let header = start + needle.len();
        let end = text[header..]
            .find('\n')
            .map_or(text.len(), |i| header + i + 1);
        let side = |entry: &Option<String>| entry.clone().unwrap_or_default();
        Some(Span {
            start,
            end,
            ours: side(&self.ours),
            theirs: side(&self.theirs),
        })
    }
}

fn ensure_newline(mut text: String) -> String {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// The text after `key =` for one side of a key conflict: the value with its spacing and
/// trailing comment.
pub(super) fn value_text(item: &Item) -> Option<String> {
    let mut value = item.clone().into_value().ok()?;
    if value.decor().prefix().is_none() {
        value.decor_mut().set_prefix(" ");
    }
    Some(value.to_string())
}

/// Renders one entry of an array of tables as it would stand in a file, header first.
pub(super) fn render_entry(path: &[String], entry: &Table) -> String {
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

#[cfg(test)]
mod tests {
    use crate::git::merge::testing::*;

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
}
