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
//!
//! The files, by what they merge: `merger` walks the tables key by key, `keys` merges one key,
//! `entries` arrays of tables, `measurements` an indicator's measurements; `three_way` holds the
//! rule they all decide by, `format` and `comments` the comments and formatting, `placement`
//! where new keys go, and `conflict` the conflict blocks.

mod comments;
mod conflict;
mod entries;
mod error;
mod format;
mod keys;
mod measurements;
mod merger;
mod placement;
#[cfg(test)]
mod testing;
mod three_way;
mod whole;

use toml_edit::DocumentMut;

use crate::git::merge::comments::settle_moved_comments;
use crate::git::merge::conflict::Resolution;
use crate::git::merge::format::merge_comment_text;
use crate::git::merge::merger::Merger;
use crate::git::merge::three_way::Context;

pub use crate::git::merge::error::{MergeError, Side};
pub use crate::git::merge::whole::{both_sides, is_record};

/// The result of [`merge_records`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merged {
    /// The merged record, without conflicts.
    Clean(String),
    /// The merged record with `count` conflicts marked in it with git conflict markers.
    Conflicts { text: String, count: usize },
    /// No merge: a side lost the record, or the merge would not be one. Both sides whole,
    /// between conflict markers.
    KeptBoth(String),
}

impl Merged {
    /// The merged text, with or without conflict markers.
    pub fn text(&self) -> &str {
        match self {
            Merged::Clean(text) | Merged::Conflicts { text, .. } | Merged::KeptBoth(text) => text,
        }
    }
}

/// Merges two versions of a record as [`merge_records`] does, and never calls a merge clean
/// that loses the record: when a side has lost every required field that base has, or the
/// merged text does not read as a record, the result is one conflict that keeps both sides
/// whole.
pub fn merge_record_versions(base: &str, ours: &str, theirs: &str) -> Result<Merged, MergeError> {
    let keep_both = || Merged::KeptBoth(both_sides(ours, theirs));
    if whole::lost_the_record(base, ours) || whole::lost_the_record(base, theirs) {
        return Ok(keep_both());
    }
    Ok(match merge_records(base, ours, theirs)? {
        Merged::Clean(text) if !is_record(&text) && (is_record(ours) || is_record(theirs)) => {
            keep_both()
        }
        merged => merged,
    })
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
        kept => kept,
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
/// The merge proper, on parsed LF documents; also used by the tests without the shortcuts.
fn merge_documents(
    base: &DocumentMut,
    mut ours: DocumentMut,
    theirs: &DocumentMut,
    token: &str,
) -> Result<Merged, MergeError> {
    let ours_text = ours.to_string();
    let mut merger = Merger::new(token, base.to_string(), theirs.to_string());
    merger.merge_table(
        ours.as_table_mut(),
        Some(base.as_table()),
        theirs.as_table(),
        Context::Both,
        &mut Vec::new(),
    );
    // The comments at the end of the file, both sides' kept.
    let text = |raw: &toml_edit::RawString| raw.as_str().unwrap_or_default().to_string();
    if let Some(trailing) = merge_comment_text(
        &text(ours.trailing()),
        &text(base.trailing()),
        &text(theirs.trailing()),
        "",
    ) {
        ours.set_trailing(trailing);
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

fn check_toml(text: &str) -> Result<(), MergeError> {
    text.parse::<DocumentMut>()
        .map(drop)
        .map_err(|error| MergeError::Unrepresentable {
            message: error.to_string().trim().to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::merge::testing::*;

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
}
