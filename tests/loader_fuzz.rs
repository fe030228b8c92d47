//! Random and mutated records fed to the loader and to `check`: nothing panics, and every
//! problem has a place (a line and column inside the file).

use std::path::Path;

use fortb::model::initiative::Record;
use fortb::record::parse;
use fortb::record::process_files::Models;
use fortb::record::project::Project;
use proptest::prelude::*;

#[path = "common/parse_cache.rs"]
mod parse_cache;

const SAMPLES: &[&str] = &[
    include_str!("../examples/skola/initiatives/bokcirkel-formativ-bedomning.toml"),
    include_str!("../examples/skola/initiatives/likvardig-bedomning-i-hogstadiet.toml"),
    include_str!("../examples/skola/initiatives/onlineutbildning-brandskydd-och-utrymning.toml"),
];

/// Bits of TOML and of records that make interesting damage.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\n",
    "#",
    "{",
    "}",
    ",",
    "\"\"\"",
    "\\",
    "å",
    "ö",
    "\u{0}",
    "2025-13-45",
    "7",
    "-1",
    "true",
    "[steps.nope]\n",
    "[[recall]]\n",
    "self = 9\n",
    "kind = \"party\"\n",
    "schema = 99\n",
    "<<<<<<< HEAD\n",
    "=======\n",
    "why = [\"luck\"]\n",
    "start = 2025-02-30\n",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    Replace(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, piece)| Edit::Insert(at, piece)),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, piece)| Edit::Replace(at, piece)),
    ];
    proptest::collection::vec(edit, 1..6)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len().max(1);
        match *edit {
            Edit::Insert(at, piece) => {
                let at = at % len;
                chars.splice(at..at, PIECES[piece].chars());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(chars.len());
                chars.drain(at..end);
            }
            Edit::Replace(at, piece) => {
                let at = at % len;
                let end = (at + PIECES[piece].chars().count()).min(chars.len());
                chars.splice(at..end, PIECES[piece].chars());
            }
        }
    }
    chars.into_iter().collect()
}

fn assert_located(text: &str, found: &fortb::error::Diagnostic) {
    let (diagnostic, shown) = (found, fortb::cli::error::diagnostic(found));
    let lines = text.split('\n').count();
    assert!(
        diagnostic.line >= 1 && diagnostic.line <= lines,
        "line {} of {lines}: {shown}",
        diagnostic.line
    );
    assert!(diagnostic.column >= 1, "{shown}");
    let message = fortb::cli::error::record::problem(&diagnostic.problem);
    assert!(!message.trim().is_empty(), "{shown}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, .. ProptestConfig::default() })]

    #[test]
    fn mutated_records_never_panic_and_errors_have_a_place(sample in 0..SAMPLES.len(), edits in edits()) {
        let text = apply(SAMPLES[sample], &edits);
        let path = Path::new("initiatives/x.toml");
        if let Err(diagnostic) = parse::parse_toml::<Record>(path, &text) {
            assert_located(&text, &diagnostic);
        }
        parse_cache::reads_as_the_parser(&text).map_err(TestCaseError::fail)?;
        // the full check, as `fortb check` runs it
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fortb.toml"), "name = \"x\"\n").unwrap();
        std::fs::create_dir(dir.path().join("initiatives")).unwrap();
        let file = dir.path().join("initiatives/x.toml");
        std::fs::write(&file, &text).unwrap();
        let project = Project::open(dir.path()).unwrap();
        let known = fortb::record::validate::KnownIds {
            goals: vec!["a".to_string()],
            learning: vec!["a.1".to_string()],
        };
        for finding in fortb::record::validate::check_record(&project, &mut Models::new(Some(&project)), &file, Some(&known)) {
            assert_located(&text, &finding.diagnostic);
        }
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        if let Err(diagnostic) = parse::parse_toml::<Record>(Path::new("x.toml"), &text) {
            assert_located(&text, &diagnostic);
        }
        parse_cache::reads_as_the_parser(&text).map_err(TestCaseError::fail)?;
    }
}
