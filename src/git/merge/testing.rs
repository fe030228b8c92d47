//! What the merge's tests share: a shortened record, entries to add to it, and ways to run a
//! merge and read its result.

use toml_edit::{DocumentMut, Item};

pub(super) use crate::git::merge::{merge_records, Merged, Side};

/// A shortened record like the example project's book circle.
pub(super) const BASE: &str = r#"schema = 1
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

pub(super) const ERIK: &str = r#"
[[recall]]
by = "Erik Svensson"
date = 2026-11-18
self = 3
why = ["discussion"]
"#;

pub(super) const MARIA: &str = r#"
[[recall]]
by = "Maria Nilsson"
date = 2026-11-19
staff = 4
note = "Uppgifterna mellan träffarna gjorde skillnad för eleverna i åk 4–6."
"#;

pub(super) const CONCEPT: &str = r#"
[steps.concept]
learning_goals = ["Kunna använda exit tickets", "Känna till de fem nyckelstrategierna"]
methods = "Läsning mellan träffarna och samtal i grupper om fem–sex."
"#;

pub(super) fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the text");
    text.replacen(from, to, 1)
}

pub(super) fn clean(base: &str, ours: &str, theirs: &str) -> String {
    match merge_records(base, ours, theirs) {
        Ok(Merged::Clean(text)) => {
            text.parse::<DocumentMut>()
                .expect("a clean merge is valid TOML");
            text
        }
        other => panic!("expected a clean merge, got {other:?}"),
    }
}

pub(super) fn conflicts(base: &str, ours: &str, theirs: &str) -> (String, usize) {
    match merge_records(base, ours, theirs) {
        Ok(Merged::Conflicts { text, count }) => (text, count),
        other => panic!("expected conflicts, got {other:?}"),
    }
}

/// What the user gets by keeping one side of every conflict block (line-based, as a user
/// editing the file would do).
pub(super) fn keep(text: &str, side: Side) -> String {
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

pub(super) fn get<'a>(doc: &'a DocumentMut, path: &[&str]) -> Option<&'a Item> {
    let mut item = doc.as_item();
    for name in path {
        item = item.get(name)?;
    }
    Some(item)
}
