//! Comments and formatting: theirs' spelling of a value and the comments around a key are
//! taken where ours left them as in base, like a line merge would.

use toml_edit::{Decor, RawString, Table, Value};

/// Takes theirs' spelling of a value where ours left it as in base, and merges its comments.
pub(super) fn merge_value_format(ours: &mut Value, base: &Value, theirs: &Value, unchanged: bool) {
    let decor = merge_decor(ours.decor(), base.decor(), theirs.decor());
    if unchanged && bare(ours) == bare(base) && bare(theirs) != bare(base) {
        *ours = theirs.clone();
    }
    *ours.decor_mut() = decor;
}

/// Merges the comments above a key.
pub(super) fn merge_key_decor(ours: &mut Table, base: Option<&Table>, theirs: &Table, key: &str) {
    let (Some(base_key), Some(their_key)) =
        (base.and_then(|table| table.key(key)), theirs.key(key))
    else {
        return;
    };
    if let Some(mut our_key) = ours.key_mut(key) {
        let decor = merge_decor(
            our_key.leaf_decor(),
            base_key.leaf_decor(),
            their_key.leaf_decor(),
        );
        *our_key.leaf_decor_mut() = decor;
    }
}

/// The comments around an item (above it, and after it on its line), merged the way a line
/// merge would keep them: theirs' where ours left base's, ours' where theirs did; where both
/// changed them differently, both: ours' lines, then those of theirs that ours lacks. A
/// comment is never dropped.
pub(super) fn merge_decor(ours: &Decor, base: &Decor, theirs: &Decor) -> Decor {
    fn text(raw: Option<&RawString>) -> &str {
        raw.and_then(RawString::as_str).unwrap_or_default()
    }
    let prefix = merge_comment_text(
        text(ours.prefix()),
        text(base.prefix()),
        text(theirs.prefix()),
        "",
    );
    let suffix = merge_comment_text(
        text(ours.suffix()),
        text(base.suffix()),
        text(theirs.suffix()),
        " ",
    );
    let keep = |raw: Option<&RawString>, merged: &Option<String>| match merged {
        Some(merged) => Some(RawString::from(merged.clone())),
        None => raw.cloned(),
    };
    let mut decor = Decor::default();
    if let Some(prefix) = keep(ours.prefix(), &prefix) {
        decor.set_prefix(prefix);
    }
    if let Some(suffix) = keep(ours.suffix(), &suffix) {
        decor.set_suffix(suffix);
    }
    decor
}

/// The merged text of one side of a decoration, or `None` to keep ours as it is.
pub(super) fn merge_comment_text(
    ours: &str,
    base: &str,
    theirs: &str,
    joiner: &str,
) -> Option<String> {
    if ours == theirs || theirs == base {
        return None;
    }
    if ours == base {
        return Some(theirs.to_string());
    }
    Some(union_of_lines(ours, theirs, joiner))
}

/// Ours, then the comment lines of theirs that ours does not have. Lines of a prefix end in a
/// newline; a suffix (`  # comment` after a value) is one line, and theirs' comment goes after
/// ours' on it, `joiner` between.
fn union_of_lines(ours: &str, theirs: &str, joiner: &str) -> String {
    let has = |line: &str| ours.lines().any(|l| l.trim() == line.trim());
    let mut merged = ours.to_string();
    for line in theirs.split_inclusive('\n') {
        if line.trim().is_empty() || has(line) {
            continue;
        }
        if joiner.is_empty() {
            if !merged.is_empty() && !merged.ends_with('\n') {
                merged.push('\n');
            }
            merged.push_str(line);
        } else {
            merged = format!("{}{joiner}{}", merged.trim_end(), line.trim_start());
        }
    }
    merged
}

/// A value's text without its surrounding spacing and comment.
fn bare(value: &Value) -> String {
    let mut value = value.clone();
    value.decor_mut().clear();
    value.to_string()
}

#[cfg(test)]
mod tests {
    use crate::git::merge::testing::*;

    #[test]
    fn comments_both_sides_changed_are_both_kept() {
        let ours = edit(
            &edit(
                BASE,
                "# En tabell per steg.\n",
                "# En tabell per steg, i ordning.\n",
            ),
            "# första träffen",
            "# första träffen, i aulan",
        );
        let theirs = edit(
            &edit(
                BASE,
                "# En tabell per steg.\n",
                "# Svaren från ledningsgruppen.\n",
            ),
            "# första träffen",
            "# första träffen, i matsalen",
        );
        let merged = clean(
            BASE,
            &format!("{ours}# slut hos oss\n"),
            &format!("{theirs}# slut hos er\n"),
        );
        for kept in [
            "# En tabell per steg, i ordning.\n# Svaren från ledningsgruppen.\n[steps.need]",
            "# första träffen, i aulan # första träffen, i matsalen\n",
            "# slut hos oss\n# slut hos er\n",
        ] {
            assert!(merged.contains(kept), "{kept:?} missing from\n{merged}");
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
}
