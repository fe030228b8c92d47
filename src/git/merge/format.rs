//! Comments and formatting: theirs' spelling of a value and the comments around a key are
//! taken where ours left them as in base, like a line merge would.

use toml_edit::{Decor, RawString, Table, Value};

/// Takes theirs' spelling of a value and its comment where ours left them as in base.
pub(super) fn merge_value_format(ours: &mut Value, base: &Value, theirs: &Value, unchanged: bool) {
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
pub(super) fn merge_key_decor(ours: &mut Table, base: Option<&Table>, theirs: &Table, key: &str) {
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

pub(super) fn decor_eq(a: &Decor, b: &Decor) -> bool {
    let text = |raw: Option<&RawString>| raw.map(|raw| raw.as_str().map(str::to_string));
    text(a.prefix()) == text(b.prefix()) && text(a.suffix()) == text(b.suffix())
}

pub(super) fn raw_eq(a: &RawString, b: &RawString) -> bool {
    a.as_str() == b.as_str()
}

#[cfg(test)]
mod tests {
    use crate::git::merge::testing::*;

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
