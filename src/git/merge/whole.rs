//! The last line of defence of a merge: a side that lost its record (an empty or cut-off file
//! from an editor crash, committed with `git commit -a`), or a result that is not a record,
//! is never committed as merged. Both sides are kept whole, between conflict markers, for
//! the user to choose from.

use std::path::Path;

use toml_edit::DocumentMut;

use crate::model::initiative::REQUIRED;
use crate::record::store;

/// Whether `text` reads as a record, as every fortb reader requires.
pub fn is_record(text: &str) -> bool {
    store::parse_record(Path::new(""), text).is_ok()
}

/// Whether a side has none of the required fields that base has: not an edit of the record
/// but its loss.
pub(super) fn lost_the_record(base: &str, side: &str) -> bool {
    let keys = |text: &str| {
        let doc = text.parse::<DocumentMut>().ok();
        REQUIRED
            .iter()
            .filter(|key| doc.as_ref().is_some_and(|doc| doc.contains_key(key)))
            .count()
    };
    keys(base) > 0 && keys(side) == 0
}

/// Ours and theirs whole, as git marks a conflict: nothing of either is lost.
pub fn both_sides(ours: &str, theirs: &str) -> String {
    let line_end = if ours.contains("\r\n") { "\r\n" } else { "\n" };
    let mut text = format!("<<<<<<< ours{line_end}");
    for side in [ours, theirs] {
        text.push_str(side);
        if !side.is_empty() && !side.ends_with('\n') {
            text.push_str(line_end);
        }
        if side == ours {
            text.push_str(&format!("======={line_end}"));
        }
    }
    text.push_str(&format!(">>>>>>> theirs{line_end}"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::merge::testing::*;

    #[test]
    fn a_side_that_lost_its_record_or_a_result_that_is_none_keeps_both_sides() {
        assert!(lost_the_record(BASE, ""));
        assert!(lost_the_record(
            BASE,
            "[[recall]]\nby = \"A\"\ndate = 2026-01-01\n"
        ));
        assert!(!lost_the_record(BASE, "title = \"x\"\n"));
        assert!(!lost_the_record("", BASE));
        assert!(is_record(BASE) && !is_record(""));
        let kept = both_sides("a = 1", "b = 2\n");
        assert_eq!(
            kept,
            "<<<<<<< ours\na = 1\n=======\nb = 2\n>>>>>>> theirs\n"
        );
    }
}
