//! The parse cache, `.fortb/record-cache` (src/record/cache.rs): a read-only command that reads
//! a record's text a second time takes what the parser made of it from the cache. Nothing a
//! command shows may depend on whether the cache was there, whole, damaged or stale.

mod common;

#[path = "common/parse_cache.rs"]
mod parse_cache;

use common::*;

const CACHE: &str = ".fortb/record-cache";

/// What the leadership group and the follow-up are shown, in the formats that show most.
const READINGS: &[&[&str]] = &[
    &["summary", "--format", "json", "--since", "2000-01-01"],
    &["list"],
    &["status", "--format", "json"],
    &["due", "--format", "json"],
    &["report", "--since", "2000-01-01"],
    &["export", "--format", "json"],
];

fn outputs(project: &Project) -> Vec<String> {
    READINGS.iter().map(|args| project.stdout(args)).collect()
}

fn without_cache(project: &Project) {
    let _ = std::fs::remove_file(project.path(CACHE));
}

#[test]
fn a_second_reading_comes_from_the_cache_and_shows_the_same() {
    let project = Project::example();
    without_cache(&project);
    let first = outputs(&project);
    assert!(project.exists(CACHE), "the first reading keeps its trees");
    assert!(
        project.read(".fortb/.gitignore").contains('*'),
        "and keeps them out of git"
    );
    let written = project.bytes(CACHE);
    assert_eq!(outputs(&project), first);
    assert_eq!(
        project.bytes(CACHE),
        written,
        "nothing new: not written again"
    );
}

#[test]
fn a_refused_command_keeps_nothing() {
    let project = Project::example();
    let _ = std::fs::remove_dir_all(project.path(".fortb"));
    project.run(&["list", "--out", "fortb.toml"]).code(2);
    project.run(&["show", "no-such-record"]).failure();
    assert!(!project.exists(CACHE));
    project.run(&["list"]).success();
    assert!(project.exists(CACHE));
}

#[test]
fn an_edit_that_keeps_the_size_and_the_time_is_seen() {
    let project = Project::new().file(
        "initiatives/bokcirkel.toml",
        "title = \"Bokcirkel AAAA\"\nkind = \"book-circle\"\nstart = 2026-09-01\n",
    );
    set_written(
        &project,
        "initiatives/bokcirkel.toml",
        "2026-10-11T09:00:00Z",
    );
    assert!(project.stdout(&["list"]).contains("Bokcirkel AAAA"));
    let text = project
        .read("initiatives/bokcirkel.toml")
        .replace("AAAA", "BBBB");
    project.write("initiatives/bokcirkel.toml", text);
    set_written(
        &project,
        "initiatives/bokcirkel.toml",
        "2026-10-11T09:00:00Z",
    );
    let list = project.stdout(&["list"]);
    assert!(
        list.contains("Bokcirkel BBBB") && !list.contains("AAAA"),
        "{list}"
    );
}

#[test]
fn a_damaged_cache_is_read_past_and_written_anew() {
    let project = Project::example();
    without_cache(&project);
    let expected = outputs(&project);
    let good = project.bytes(CACHE);
    let middle = good.len() / 2;
    let mut flipped = good.clone();
    flipped[middle] ^= 0x55;
    let mut other_build = good.clone();
    other_build[10] ^= 1;
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("garbage", b"not a cache at all\n".repeat(500)),
        ("cut short", good[..middle].to_vec()),
        ("one byte changed in a tree", flipped),
        ("from another build", other_build),
    ];
    for (what, bytes) in damaged {
        project.write(CACHE, &bytes);
        assert_eq!(outputs(&project), expected, "a cache {what}");
        assert_eq!(project.bytes(CACHE), good, "a cache {what} is written anew");
    }
}

#[test]
fn a_cache_that_is_no_file_is_never_waited_on() {
    let project = Project::example();
    without_cache(&project);
    let expected = project.stdout(&["list"]);
    std::fs::remove_file(project.path(CACHE)).unwrap();
    std::fs::create_dir(project.path(CACHE)).unwrap();
    assert_eq!(project.stdout(&["list"]), expected, "a folder in its place");
    #[cfg(unix)]
    {
        std::fs::remove_dir(project.path(CACHE)).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(project.path(CACHE))
            .status();
        if !fifo.is_ok_and(|status| status.success()) {
            return skip("mkfifo is not available");
        }
        let mut list = project.cmd();
        list.arg("list").timeout(std::time::Duration::from_secs(30));
        list.assert().success().stdout(expected);
    }
}

#[test]
fn a_removed_record_leaves_the_cache_at_the_next_reading() {
    // A string written with an escape is the one kind of text the cache keeps a copy of (it
    // refers to any other by its place in the record's own text).
    let project = Project::new()
        .file(
            "initiatives/samtal.toml",
            "title = \"Samtal med \\\"Xyzzy\\\" Qwertsson\"\nkind = \"other\"\n",
        )
        .file(
            "initiatives/kurs.toml",
            "title = \"Kurs med Zyxxy Trewqsson\"\nkind = \"course\"\n",
        );
    project.run(&["list"]).success();
    let held = |project: &Project, text: &[u8]| {
        let bytes = project.bytes(CACHE);
        bytes.windows(text.len()).any(|w| w == text)
    };
    assert!(
        held(&project, b"Qwertsso"),
        "the cache holds the escaped text"
    );
    assert!(
        !held(&project, b"Trewqsso"),
        "but copies no plain text of a record"
    );
    std::fs::remove_file(project.path("initiatives/samtal.toml")).unwrap();
    project.run(&["list"]).success();
    assert!(
        !held(&project, b"Qwertsso"),
        "and lets it go once the record is gone"
    );
}

#[test]
fn a_broken_record_is_reported_the_same_every_time() {
    let project = Project::new()
        .file(
            "initiatives/trasig.toml",
            "title = \"Trasig\nkind = \"other\"\n",
        )
        .file(
            "initiatives/hel.toml",
            "title = \"Hel\"\nkind = \"other\"\n",
        );
    let first = project.output(&["list"]);
    let second = project.output(&["list"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("trasig.toml:1:"), "{stderr}");
    assert_eq!(first.stderr, second.stderr);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn an_organiser_keeps_the_cache_in_its_own_folder() {
    let project = Project::examples();
    for name in ["kommun", "skola", "byskolan"] {
        let _ = std::fs::remove_dir_all(project.path(&format!("{name}/.fortb")));
    }
    let organiser = project.current_dir("kommun");
    let first = organiser.stdout(&["summary", "--since", "2000-01-01"]);
    assert!(organiser.exists(&format!("kommun/{CACHE}")));
    for unit in ["skola", "byskolan"] {
        assert!(
            !organiser.exists(&format!("{unit}/.fortb")),
            "{unit} is not written to"
        );
    }
    assert_eq!(
        organiser.stdout(&["summary", "--since", "2000-01-01"]),
        first
    );
}

#[test]
fn every_example_record_reads_from_the_cache_as_from_its_text() {
    let examples = example_dir().parent().unwrap().to_path_buf();
    for project in ["kommun", "skola", "byskolan"] {
        let folder = examples.join(project).join("initiatives");
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                parse_cache::reads_as_the_parser(&text)
                    .unwrap_or_else(|why| panic!("{}: {why}", path.display()));
            }
        }
    }
}

mod values {
    //! Every kind of TOML value, in every way it can be written, read through the cache as the
    //! parser reads it: answers can hold any of them, since a hand-edited record may.
    use proptest::prelude::*;

    use super::parse_cache;

    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            Just("0x7FFF_FFFF_FFFF_FFFF".to_string()),
            Just("0xDEADBEEF".to_string()),
            Just("0o755".to_string()),
            Just("0b1101".to_string()),
            Just("1_000_000".to_string()),
            Just("+17".to_string()),
            Just("9223372036854775808".to_string()),
            any::<f64>().prop_map(|f| format!("{f:?}")),
            Just("6.626e-34".to_string()),
            Just("-inf".to_string()),
            Just("+inf".to_string()),
            Just("nan".to_string()),
            Just("1e400".to_string()),
            Just("3.14_15".to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            Just("1979-05-27T07:32:00Z".to_string()),
            Just("1979-05-27T00:32:00.999999-07:00".to_string()),
            Just("1979-05-27T07:32:00".to_string()),
            Just("1979-05-27".to_string()),
            Just("07:32:00".to_string()),
            "[a-zåäö \"\\\\]{0,12}".prop_map(|s| format!("{s:?}")),
            "[a-zåäö ]{0,12}".prop_map(|s| format!("'{s}'")),
            "[a-z\n]{0,20}".prop_map(|s| format!("\"\"\"\n{s}\"\"\"")),
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        scalar().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec(inner, 0..3).prop_map(|v| {
                    let pairs: Vec<String> = v
                        .iter()
                        .enumerate()
                        .map(|(i, x)| format!("k{i} = {x}"))
                        .collect();
                    format!("{{ {} }}", pairs.join(", "))
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn every_kind_of_value_reads_from_the_cache_as_from_its_text(
            answers in prop::collection::vec(value(), 1..5),
            top in value(),
        ) {
            let mut text = format!("title = \"X\"\nkind = \"other\"\nextra = {top}\n\n[steps.need]\n");
            for (i, answer) in answers.iter().enumerate() {
                text.push_str(&format!("q{i} = {answer}\n"));
            }
            parse_cache::reads_as_the_parser(&text).map_err(TestCaseError::fail)?;
        }
    }
}
