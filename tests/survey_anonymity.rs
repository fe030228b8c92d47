//! Survey anonymity counts people, not rows (issue 27, points 7–10 and 12): rows that answer
//! nothing are no respondents, each question and the free text reach the repository only in
//! groups large enough, a stray byte counts nobody twice, no respondent can lock a survey, and
//! free text in the tracked side file carries no control characters.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use common::{toml_table, Project};
use fortb::followup::round_import::{self, Request};
use fortb::model::date::Date;
use fortb::model::survey::{Round, Thresholds};
use proptest::prelude::*;

const RECORD: &str = "schema = 1
title = \"Formativ bedömning\"
kind = \"book-circle\"
process = \"six-step\"
start = 2025-01-15
end = 2025-05-20

[steps.concept]
learning_goals = [\"Formulera lärandemål\", \"Ge återkoppling\"]
";

/// The questions' columns, in the order of a row's answers.
const QUESTIONS: [&str; 6] = [
    "After the initiative I can: Formulera lärandemål",
    "After the initiative I can: Ge återkoppling",
    "I have used what I learned in my everyday work",
    "I know when and how I will use it next",
    "What have you changed in your work because of the initiative?",
    "What would make it stick better?",
];

/// The rating questions' keys, in the order of [`QUESTIONS`].
const RATING_KEYS: [&str; 4] = ["goal_1", "goal_2", "applied", "next_use"];

/// Characters that act on a terminal when printed raw.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn project() -> Project {
    Project::empty()
        .file("fortb.toml", "name = \"skolan\"\nlang = \"en\"\n")
        .file("initiatives/formativ.toml", RECORD)
}

/// A Microsoft Forms export: `metadata` columns (each row's id in the first, a time made from
/// it in the others), then the six questions; each row is its id and six answers.
fn export(metadata: &[&str], rows: &[(usize, [&str; 6])]) -> String {
    let quoted = |cell: &str| format!("\"{}\"", cell.replace('"', "\"\""));
    let header: Vec<String> = metadata
        .iter()
        .chain(&QUESTIONS)
        .map(|c| quoted(c))
        .collect();
    let mut text = format!("{}\r\n", header.join(","));
    for (id, answers) in rows {
        let mut cells = vec![id.to_string()];
        cells.extend(
            (1..metadata.len())
                .map(|_| format!("2025-05-20 14:{:02}:{:02}", id / 60 % 60, id % 60)),
        );
        cells.extend(answers.iter().map(|a| quoted(a)));
        text.push_str(&format!("{}\r\n", cells.join(",")));
    }
    text
}

/// An English Forms export with an id and two times.
fn forms(rows: &[(usize, [&str; 6])]) -> String {
    export(&["Id", "Start time", "Completion time"], rows)
}

/// Imports `bytes`, saved as `exports/<name>.csv`, into `formativ`.
fn import(project: &Project, name: &str, bytes: impl AsRef<[u8]>) -> Output {
    let file = format!("exports/{name}.csv");
    project.write(&file, bytes);
    project
        .cmd()
        .env("FORTB_TODAY", "2025-06-02")
        .args(["survey", "import", "formativ", &file])
        .output()
        .unwrap()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn imported(project: &Project, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let output = import(project, name, bytes);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "import {name} failed: {stderr}");
    stderr
}

fn survey(project: &Project) -> toml::Table {
    toml_table(&project.read("initiatives/formativ.toml"))["survey"]
        .as_table()
        .expect("a [survey] table")
        .clone()
}

fn integer(table: &toml::Table, key: &str) -> i64 {
    table.get(key).map_or(0, |v| v.as_integer().unwrap())
}

/// How many answered each rating question the record shows.
fn rating_totals(project: &Project) -> BTreeMap<String, i64> {
    let survey = survey(project);
    let Some(ratings) = survey.get("ratings").and_then(toml::Value::as_table) else {
        return BTreeMap::new();
    };
    ratings
        .iter()
        .map(|(key, entry)| {
            let counts = entry["distribution"].as_array().unwrap();
            let total = counts.iter().map(|n| n.as_integer().unwrap()).sum();
            (key.clone(), total)
        })
        .collect()
}

fn fingerprints(project: &Project) -> usize {
    let private = toml_table(&project.read(".fortb/surveys/formativ/end.toml"));
    private["fingerprints"].as_array().unwrap().len()
}

const EMPTY: [&str; 6] = ["", "", "", "", "", ""];

#[test]
fn rows_that_answer_nothing_are_no_respondents() {
    // One person answered; seven opened the form and left, as form tools export them (with
    // an id and times). Counted as eight, the one person's ratings and sentence would be in
    // git.
    let project = project();
    let mut rows = vec![(
        1,
        ["4", "3", "4", "3", "I write the goal on the board", "Time"],
    )];
    rows.extend((2..=8).map(|id| (id, EMPTY)));
    let stderr = imported(&project, "one", forms(&rows));
    let survey = survey(&project);
    assert_eq!(integer(&survey, "responses"), 0, "{survey:#?}");
    assert_eq!(integer(&survey, "waiting"), 1, "{survey:#?}");
    assert!(survey.get("ratings").is_none(), "{survey:#?}");
    assert!(!project.exists("initiatives/formativ.survey.md"));
    assert!(stderr.contains("not counted as respondents: 7"), "{stderr}");
    assert_eq!(fingerprints(&project), 1);
}

#[test]
fn a_question_reaches_the_record_only_when_enough_answered_it() {
    // Five respondents, one of whom rated goal_2: goal_1 is shown, goal_2 waits.
    let project = project();
    let rows: Vec<(usize, [&str; 6])> = (1..=5)
        .map(|id| (id, ["4", if id == 1 { "1" } else { "" }, "", "", "", ""]))
        .collect();
    let stderr = imported(&project, "first", forms(&rows));
    assert_eq!(integer(&survey(&project), "responses"), 5);
    assert_eq!(
        rating_totals(&project),
        BTreeMap::from([("goal_1".to_string(), 5)])
    );
    assert!(
        stderr.contains("until at least 5 have answered each: 1"),
        "{stderr}"
    );
    // Four more rate goal_2: now five have, and it is shown; the four wait as respondents.
    let more: Vec<(usize, [&str; 6])> = (6..=9).map(|id| (id, ["", "3", "", "", "", ""])).collect();
    imported(&project, "second", forms(&more));
    let survey = survey(&project);
    assert_eq!(
        (integer(&survey, "responses"), integer(&survey, "waiting")),
        (5, 4)
    );
    assert_eq!(
        rating_totals(&project),
        BTreeMap::from([("goal_1".to_string(), 5), ("goal_2".to_string(), 5)])
    );
}

/// Rows `from..=to`, each rating and writing `"<word> <id>"` as what changed.
fn writers(from: usize, to: usize, word: &str) -> Vec<(usize, String)> {
    (from..=to).map(|id| (id, format!("{word} {id}"))).collect()
}

fn rows_of(written: &[(usize, String)]) -> Vec<(usize, [&str; 6])> {
    written
        .iter()
        .map(|(id, text)| (*id, ["4", "4", "4", "4", text.as_str(), ""]))
        .collect()
}

#[test]
fn free_text_is_published_only_in_batches_of_new_writers() {
    let project = project();
    let mut written = writers(1, 8, "First");
    imported(&project, "eight", forms(&rows_of(&written)));
    let side = project.read("initiatives/formativ.survey.md");
    assert!(side.contains("First 8"), "{side}");
    // Three more writers: what they wrote would be the whole difference in git.
    written.extend(writers(9, 11, "Later"));
    let stderr = imported(&project, "eleven", forms(&rows_of(&written)));
    assert_eq!(project.read("initiatives/formativ.survey.md"), side);
    assert!(
        stderr.contains("until they come from at least 8 people: 3"),
        "{stderr}"
    );
    // Five more make eight new writers: all eight are published at once.
    written.extend(writers(12, 16, "Later"));
    imported(&project, "sixteen", forms(&rows_of(&written)));
    let side = project.read("initiatives/formativ.survey.md");
    for id in 9..=16 {
        assert!(side.contains(&format!("Later {id}")), "{side}");
    }
    assert_eq!(integer(&survey(&project), "responses"), 16);
}

#[test]
fn a_stray_byte_counts_nobody_twice() {
    // A UTF-8 export from a Swedish Forms (its time columns named in Swedish) in which one
    // answer got a Latin-1 "é". Read as Windows-1252 throughout, "Tid för slutförande" was no
    // time column any more, so the corrected file's responses looked new: 18 for 9.
    let metadata = ["Id", "Starttid", "Tid för slutförande"];
    let texts: Vec<(usize, String)> = writers(1, 9, "Svar");
    let mut rows = rows_of(&texts);
    rows[4].1[5] = "Mer tid i caf\u{e9}et";
    let corrected = export(&metadata, &rows);
    let broken = corrected
        .replacen("caf\u{e9}", "caf\u{fffd}", 1)
        .replace('\u{fffd}', "");
    let mut broken = broken.into_bytes();
    let at = broken.windows(5).position(|w| w == b"cafet").unwrap() + 3;
    broken.insert(at, 0xE9);
    assert!(std::str::from_utf8(&broken).is_err());

    let project = project();
    let stderr = imported(&project, "broken", &broken);
    imported(&project, "corrected", corrected);
    assert_eq!(fingerprints(&project), 9);
    assert_eq!(integer(&survey(&project), "responses"), 9);
    let side = project.read("initiatives/formativ.survey.md");
    assert_eq!(side.matches("Mer tid i caf\u{e9}et").count(), 1, "{side}");
    assert!(stderr.contains("read as Windows-1252"), "{stderr}");
    assert!(stderr.contains("the first on line 6"), "{stderr}");
}

#[test]
fn an_answer_of_control_characters_or_great_length_locks_nothing() {
    let project = project();
    let escapes = "\u{1b}".repeat(900_000);
    let long = "x".repeat(10_000);
    let rows = [
        (1, ["", "", "", "", escapes.as_str(), ""]),
        (2, ["", "", "", "", long.as_str(), ""]),
    ];
    let stderr = imported(&project, "hostile", forms(&rows));
    let private = project.read(".fortb/surveys/formativ/end.toml");
    // Later imports work, and count the others.
    let others: Vec<(usize, [&str; 6])> =
        (3..=10).map(|id| (id, ["4", "", "", "", "", ""])).collect();
    imported(&project, "others", forms(&others));
    assert_eq!(fingerprints(&project), 9);
    assert_eq!(integer(&survey(&project), "responses"), 9);
    // The escapes are no answer at all, so their row is none; the long one is cut.
    assert!(private.len() < 10_000, "{} bytes", private.len());
    assert!(!private.contains("\\u001B"));
    assert!(stderr.contains("not counted as respondents: 1"), "{stderr}");
    assert!(stderr.contains("cut to that length: 1"), "{stderr}");
}

#[test]
fn an_export_too_large_to_keep_is_refused_and_the_survey_still_imports() {
    // 100,000 people wrote a word each: 1.5 MB of export, more than 4 MB to keep.
    let project = project();
    let mut huge = format!("Id,{}\n", QUESTIONS[4]);
    for id in 1..=100_000 {
        huge.push_str(&format!("{id},ok {id}\n"));
    }
    let record = project.read("initiatives/formativ.toml");
    let output = import(&project, "huge", huge);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert!(!project.exists(".fortb/surveys/formativ/end.toml"));
    assert_eq!(project.read("initiatives/formativ.toml"), record);
    let rows: Vec<(usize, [&str; 6])> = (1..=5).map(|id| (id, ["4", "", "", "", "", ""])).collect();
    imported(&project, "small", forms(&rows));
    assert_eq!(integer(&survey(&project), "responses"), 5);
}

#[test]
fn free_text_in_the_side_file_has_its_control_characters_written_out() {
    let project = project();
    let hostile = [
        "\u{1b}]8;;https://example.com\u{7}link\u{1b}]8;;\u{7}",
        "\u{9b}31mred",
        "\u{202e}evil",
        "bell\u{7}",
        "\u{1b}[2Jclear",
    ];
    let texts: Vec<(usize, String)> = (1..=8)
        .map(|id| (id, format!("{} {id}", hostile[id % hostile.len()])))
        .collect();
    imported(&project, "hostile", forms(&rows_of(&texts)));
    let side = project.read("initiatives/formativ.survey.md");
    assert!(!side.chars().any(acts_on_terminal), "{side:?}");
    assert!(side.contains("\\u{202e}evil"), "{side}");
    assert!(side.contains("link"), "{side}");
}

// ---------------------------------------------------------------------------------------------
// Property: thresholds count people, whatever mix of empty, partly and fully answered rows
// ---------------------------------------------------------------------------------------------

/// One row of a generated export: four ratings and two texts, each given or not.
type Answers = ([Option<u8>; 4], [Option<String>; 2]);

fn answers() -> impl Strategy<Value = Answers> {
    let rating = proptest::option::weighted(0.4, 1u8..=5);
    let text = proptest::option::weighted(0.3, "[a-z]{1,8}");
    let partial = (
        [rating.clone(), rating.clone(), rating.clone(), rating],
        [text.clone(), text],
    );
    let empty = Just(([None; 4], [None, None]));
    prop_oneof![1 => empty, 3 => partial]
}

/// The export of `batch`, numbered from `first`, with the id and time columns.
fn rows(first: usize, batch: &[Answers]) -> Vec<Vec<String>> {
    let mut header = vec!["Id".to_string(), "Completion time".to_string()];
    header.extend(QUESTIONS.iter().map(|q| q.to_string()));
    let mut rows = vec![header];
    for (i, (ratings, texts)) in batch.iter().enumerate() {
        let id = first + i;
        let mut row = vec![id.to_string(), format!("2025-05-20 10:{:02}", id % 60)];
        row.extend(
            ratings
                .iter()
                .map(|r| r.map_or(String::new(), |r| r.to_string())),
        );
        // Each text names its row, so the published ones tell how many wrote them.
        row.extend(
            texts
                .iter()
                .map(|t| t.as_ref().map_or(String::new(), |t| format!("r{id} {t}"))),
        );
        rows.push(row);
    }
    rows
}

fn answered_anything((ratings, texts): &Answers) -> bool {
    ratings.iter().any(Option::is_some) || texts.iter().any(Option::is_some)
}

/// The record's `[survey]` after an import.
struct Shown {
    responses: u32,
    ratings: BTreeMap<String, u32>,
}

fn shown(record: &Path) -> Shown {
    let table = toml_table(&std::fs::read_to_string(record).unwrap());
    let survey = table["survey"].as_table().unwrap();
    let ratings = survey.get("ratings").and_then(toml::Value::as_table);
    let total = |entry: &toml::Value| -> u32 {
        let counts = entry["distribution"].as_array().unwrap();
        counts.iter().map(|n| n.as_integer().unwrap() as u32).sum()
    };
    Shown {
        responses: survey["responses"].as_integer().unwrap() as u32,
        ratings: ratings
            .map(|r| r.iter().map(|(k, v)| (k.clone(), total(v))).collect())
            .unwrap_or_default(),
    }
}

/// A change that may show: none, or one of at least `min` people.
fn grows_by_none_or_at_least(before: u32, after: u32, min: u32) -> bool {
    after == before || after >= before + min
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn thresholds_count_the_people_who_answered(
        batches in proptest::collection::vec(proptest::collection::vec(answers(), 0..9), 1..5),
        min in 3u32..6,
        min_text in 3u32..9,
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fortb.toml"), "name = \"skolan\"\n").unwrap();
        let record = dir.path().join("initiatives/formativ.toml");
        std::fs::create_dir_all(record.parent().unwrap()).unwrap();
        std::fs::write(&record, RECORD).unwrap();
        let thresholds = Thresholds { min_responses: min, min_responses_text: min_text };
        let (mut first, mut people, mut texts) = (1, 0u32, 0usize);
        let mut per_question = [0u32; 4];
        let (mut before, mut writers_before) = (Shown { responses: 0, ratings: BTreeMap::new() }, 0);
        for batch in &batches {
            let rows = rows(first, batch);
            first += batch.len();
            let result = round_import::import(&Request {
                root: dir.path(),
                id: "formativ",
                record: &record,
                rows: &rows,
                round: Round::End,
                file: Path::new("answers.csv"),
                thresholds,
                today: Date::parse("2025-06-02").unwrap(),
                questionnaire: None,
            });
            let Ok(imported) = result else { continue };
            people += batch.iter().filter(|a| answered_anything(a)).count() as u32;
            for (ratings, given) in batch {
                for (n, rating) in ratings.iter().enumerate() {
                    per_question[n] += u32::from(rating.is_some());
                }
                texts += given.iter().flatten().count();
            }
            let answers = &imported.answers;
            // Counts are people who answered, in all and question by question.
            prop_assert_eq!(answers.responses(), people);
            for (n, key) in RATING_KEYS.iter().enumerate() {
                let counted = answers.published.distribution(key).total()
                    + answers.waiting.distribution(key).total();
                prop_assert_eq!(counted, per_question[n], "{}", key);
            }
            prop_assert_eq!(answers.published.free_text.len() + answers.text_waiting.len(), texts);
            // What the record shows changes only by groups of at least the threshold.
            let now = shown(&record);
            prop_assert!(grows_by_none_or_at_least(before.responses, now.responses, min));
            for key in RATING_KEYS {
                let was = before.ratings.get(key).copied().unwrap_or(0);
                let is = now.ratings.get(key).copied().unwrap_or(0);
                prop_assert!(grows_by_none_or_at_least(was, is, min), "{}: {} → {}", key, was, is);
            }
            let writers = answers
                .published
                .free_text
                .iter()
                .filter_map(|text| text.answer.split(' ').next())
                .collect::<std::collections::BTreeSet<_>>()
                .len() as u32;
            prop_assert!(grows_by_none_or_at_least(writers_before, writers, min_text));
            let side = record.with_extension("survey.md");
            prop_assert_eq!(side.exists(), !answers.published.free_text.is_empty());
            before = now;
            writers_before = writers;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Property: free text reaches the tracked side file with its control characters written out
// ---------------------------------------------------------------------------------------------

/// Text a hostile respondent might write: escape sequences (ESC, OSC 8, CSI as 0x9b), bells,
/// bidi overrides and isolates, line breaks, Markdown, Swedish and any other characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]8;;https://example.com\u{7}".to_string()),
        Just("\u{1b}]52;c;ZWNobw==\u{1b}\\".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\u{7}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{200f}".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("# - * `".to_string()),
        "[a-zåäöA-ZÅÄÖ ]{1,12}",
        "\\PC{1,6}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 1..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_side_file_never_carries_control_characters(
        title in hostile_text(),
        answers in proptest::collection::vec((any::<bool>(), hostile_text()), 1..6),
    ) {
        let questions = fortb::followup::survey::questionnaire(&["Läsa".to_string()], false);
        let answers: Vec<fortb::model::survey::FreeText> = answers
            .into_iter()
            .map(|(changed, answer)| fortb::model::survey::FreeText {
                question: if changed { "changed" } else { "stick" }.to_string(),
                answer,
            })
            .collect();
        let text = round_import::free_text_markdown(&title, &questions, &answers);
        let raw: Vec<char> = text.chars().filter(|&c| acts_on_terminal(c)).collect();
        prop_assert!(raw.is_empty(), "{:?} in {:?}", raw, text);
        // Each answer stays one item of its list.
        let items = text.lines().filter(|line| line.starts_with("- ")).count();
        prop_assert_eq!(items, answers.len(), "{}", text);
    }
}
