//! The process commands — `step` with `--answer`/`--from`, `status` and `questions` — driven
//! through the real binary. No terminal here: the interview itself is tested elsewhere; these
//! tests only make sure it refuses cleanly without one.

mod common;

use std::time::Duration;

use common::{json, kurs, toml_table, Project, KURS};
use predicates::prelude::*;
use predicates::str::contains;

/// The record `kurs` as a TOML table.
fn record(project: &Project) -> toml::Table {
    toml_table(&project.read(KURS))
}

/// The answers of one step of `kurs` (empty when the step has no table).
fn answers(project: &Project, step: &str) -> toml::Table {
    record(project)
        .get("steps")
        .and_then(|s| s.get(step))
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

/// `fortb step kurs ARGS…`, which must succeed.
fn step(project: &Project, args: &[&str]) {
    let mut all = vec!["step", "kurs"];
    all.extend_from_slice(args);
    project.run(&all).success();
}

/// Where each of `needles` first occurs in `haystack`; panics when one is missing.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("{n:?} missing in\n{haystack}"))
        })
        .collect()
}

/// A TOML date as text.
fn date(value: &toml::Value) -> String {
    value
        .as_datetime()
        .unwrap_or_else(|| panic!("not a date: {value:?}"))
        .to_string()
}

fn in_order(haystack: &str, needles: &[&str]) {
    let found = positions(haystack, needles);
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "expected {needles:?} in this order in\n{haystack}"
    );
}

// ---------------------------------------------------------------------------------------------
// step: one question type at a time
// ---------------------------------------------------------------------------------------------

#[test]
fn step_saves_a_text_answer_and_says_where() {
    let project = kurs();
    project
        .run(&["step", "kurs", "need", "--answer", "who_wants=Rektor"])
        .success()
        .stdout("")
        .stderr(contains("initiatives/kurs.toml").and(contains("Need")));
    assert_eq!(
        answers(&project, "need")["who_wants"].as_str(),
        Some("Rektor")
    );
    project.run(&["check"]).success().stdout("");
}

#[test]
fn step_counts_one_answer_in_the_singular() {
    kurs()
        .run(&["step", "kurs", "need", "--answer", "why=Därför"])
        .success()
        .stderr(contains("1 answers").not());
}

#[test]
fn step_takes_the_short_flag_and_an_equals_sign_in_the_value() {
    let project = kurs();
    step(
        &project,
        &["need", "-a", "goal=2 + 2 = 4", "-a", " who_wants =Anna"],
    );
    let need = answers(&project, "need");
    assert_eq!(need["goal"].as_str(), Some("2 + 2 = 4"));
    assert_eq!(need["who_wants"].as_str(), Some("Anna"));
}

#[test]
fn step_reads_a_long_text_from_a_file() {
    let project = kurs();
    project.write(
        "why.txt",
        "Rad ett om \"läsning\"\nRad två med \\ och '''\n\n\n",
    );
    let why_file = format!("why=@{}", project.path("why.txt").display());
    step(&project, &["need", "--answer", &why_file]);
    let text = project.read(KURS);
    assert!(
        text.contains("why = \"\"\""),
        "a multi-line string:\n{text}"
    );
    let why = answers(&project, "need")["why"]
        .as_str()
        .unwrap()
        .to_string();
    // trailing blank lines of the file are not part of the answer
    assert_eq!(
        why.trim_end(),
        "Rad ett om \"läsning\"\nRad två med \\ och '''"
    );
    project.run(&["check"]).success();
}

#[test]
fn step_reads_a_relative_file_from_the_working_directory() {
    let project = kurs();
    project.write("notes/why.txt", "Från en fil\n");
    step(&project, &["need", "--answer", "why=@notes/why.txt"]);
    assert_eq!(
        answers(&project, "need")["why"].as_str().map(str::trim_end),
        Some("Från en fil")
    );
}

#[test]
fn step_treats_a_double_at_sign_as_a_literal_at() {
    let project = kurs();
    step(&project, &["need", "--answer", "who_wants=@@rektorn"]);
    assert_eq!(
        answers(&project, "need")["who_wants"].as_str(),
        Some("@rektorn")
    );
}

#[test]
fn step_refuses_a_missing_answer_file_and_writes_nothing() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .run(&["step", "kurs", "need", "--answer", "why=@saknas.txt"])
        .failure()
        .code(1)
        .stderr(contains("saknas.txt"));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn step_keeps_newlines_given_on_the_command_line() {
    let project = kurs();
    step(
        &project,
        &["need", "--answer", "goal=Första raden\nAndra raden"],
    );
    let text = project.read(KURS);
    assert!(
        text.contains("goal = \"\"\"\nFörsta raden\nAndra raden\n"),
        "{text}"
    );
    assert_eq!(
        answers(&project, "need")["goal"]
            .as_str()
            .map(str::trim_end),
        Some("Första raden\nAndra raden")
    );
    project.run(&["check"]).success();
}

#[test]
fn step_takes_a_choice_by_key_or_by_label_in_either_language() {
    let project = kurs();
    for (given, key) in [
        ("blended", "blended"),
        ("På plats", "in-person"),
        ("Digitalt", "digital"),
        ("In person", "in-person"),
        ("BLANDAT", "blended"),
        ("digital", "digital"),
    ] {
        step(
            &project,
            &["production", "--answer", &format!("format={given}")],
        );
        assert_eq!(
            answers(&project, "production")["format"].as_str(),
            Some(key),
            "{given}"
        );
    }
    project.run(&["check"]).success();
}

#[test]
fn step_takes_several_choices_separated_by_commas_or_repeated() {
    let project = kurs();
    step(
        &project,
        &[
            "analysis",
            "--answer",
            "mix=training, Förändring i organisationen",
            "--answer",
            "mix=Information,Training",
        ],
    );
    let mix = answers(&project, "analysis")["mix"].clone();
    assert_eq!(
        mix,
        toml::Value::Array(vec![
            "training".into(),
            "organisation".into(),
            "information".into()
        ]),
        "in the order given, each once"
    );
    assert!(project
        .read(KURS)
        .contains("mix = [\"training\", \"organisation\", \"information\"]\n"));
    project.run(&["check"]).success();
}

#[test]
fn step_takes_yes_and_no_in_swedish_and_english() {
    let project = kurs();
    for (given, value) in [
        ("ja", true),
        ("nej", false),
        ("yes", true),
        ("no", false),
        ("Ja", true),
        ("NEJ", false),
    ] {
        step(
            &project,
            &["analysis", "--answer", &format!("training_enough={given}")],
        );
        assert_eq!(
            answers(&project, "analysis")["training_enough"].as_bool(),
            Some(value),
            "{given}"
        );
    }
    let text = project.read(KURS);
    assert!(
        text.contains("training_enough = false\n"),
        "a TOML boolean:\n{text}"
    );
}

#[test]
fn step_writes_dates_and_numbers_as_toml_values() {
    let project = kurs();
    step(
        &project,
        &[
            "delivery",
            "--answer",
            "first_date=2025-02-01",
            "--answer",
            "last_date=2025-05-20",
            "--answer",
            "sessions=6",
        ],
    );
    // The dates and sessions are the record's own fields (one fact, one place).
    let text = project.read(KURS);
    assert!(text.contains("\nstart = 2025-02-01\n"), "{text}");
    assert!(text.contains("\nend = 2025-05-20\n"), "{text}");
    assert!(
        text.contains("\nsessions = 6\n"),
        "a whole number stays whole:\n{text}"
    );
    assert!(!text.contains("first_date"), "{text}");
    let written = record(&project);
    assert!(written["start"].is_datetime());
    assert_eq!(written["sessions"].as_integer(), Some(6));
    // sessions are counted whole, with a decimal comma as with a point
    project
        .run(&["step", "kurs", "delivery", "--answer", "sessions=2,5"])
        .failure()
        .stderr(contains("\"2,5\" is not a whole number"));
    project.run(&["check"]).success();
}

#[test]
fn step_builds_a_list_from_repeated_answers() {
    let project = kurs();
    step(
        &project,
        &[
            "analysis",
            "--answer",
            "challenges=Ont om tid",
            "--answer",
            "challenges=Olika förkunskaper, stora skillnader",
            "--answer",
            "challenges=  ",
            "--answer",
            "challenges=Risk att det stannar vid läsning",
        ],
    );
    assert_eq!(
        answers(&project, "analysis")["challenges"],
        toml::Value::Array(vec![
            "Ont om tid".into(),
            "Olika förkunskaper, stora skillnader".into(),
            "Risk att det stannar vid läsning".into(),
        ]),
        "a comma inside an item does not split it; blank items are left out"
    );
    project.run(&["check"]).success();
}

#[test]
fn step_replaces_a_list_rather_than_adding_to_it() {
    let project = kurs();
    step(
        &project,
        &[
            "concept",
            "-a",
            "learning_goals=A",
            "-a",
            "learning_goals=B",
        ],
    );
    step(&project, &["concept", "-a", "learning_goals=C"]);
    assert_eq!(
        answers(&project, "concept")["learning_goals"],
        toml::Value::Array(vec!["C".into()])
    );
}

// ---------------------------------------------------------------------------------------------
// step: done, not done, clearing
// ---------------------------------------------------------------------------------------------

#[test]
fn step_marks_a_step_done_on_a_date_and_not_done_again() {
    let project = kurs();
    project
        .run(&["step", "kurs", "need", "--done", "2025-01-05"])
        .success()
        .stderr(contains("2025-01-05"));
    let text = project.read(KURS);
    assert!(
        text.contains("[steps.need]\nwhy = \"Därför\"\ndone = 2025-01-05\n"),
        "{text}"
    );
    step(&project, &["need", "--answer", "who_wants=Rektor"]);
    let text = project.read(KURS);
    assert!(
        text.contains(
            "[steps.need]\nwho_wants = \"Rektor\"\nwhy = \"Därför\"\ndone = 2025-01-05\n"
        ),
        "done stays last in the step:\n{text}"
    );
    step(&project, &["need", "--not-done"]);
    let need = answers(&project, "need");
    assert!(!need.contains_key("done"), "{need:?}");
    assert_eq!(need["who_wants"].as_str(), Some("Rektor"), "answers stay");
    project.run(&["check"]).success();
}

#[test]
fn step_done_without_a_date_means_today() {
    let project = kurs();
    step(&project, &["need", "--answer", "why=x", "--done"]);
    let need = answers(&project, "need");
    assert!(need["done"].is_datetime(), "a TOML date: {need:?}");
}

#[test]
fn step_refuses_done_and_not_done_together() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .run(&["step", "kurs", "need", "--done", "2025-01-05", "--not-done"])
        .failure()
        .code(2);
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn step_clears_an_answer_given_an_empty_value() {
    let project = kurs();
    step(
        &project,
        &["need", "-a", "who_wants=Rektor", "-a", "why=Därför"],
    );
    step(&project, &["need", "-a", "why="]);
    let need = answers(&project, "need");
    assert!(!need.contains_key("why"), "{need:?}");
    assert_eq!(need["who_wants"].as_str(), Some("Rektor"));
    // blanks clear too, and clearing what is not there is no error
    step(&project, &["need", "-a", "who_wants=   ", "-a", "goal="]);
    assert!(answers(&project, "need").is_empty());
    project.run(&["check"]).success();
}

// ---------------------------------------------------------------------------------------------
// step --from FILE
// ---------------------------------------------------------------------------------------------

#[test]
fn step_from_a_file_with_top_level_keys() {
    let project = kurs();
    project.write(
        "need.toml",
        "# svar från mötet\nwho_wants = \"Ledningsgruppen\"\nwhy = \"\"\"\nTvå rader\nav text\n\"\"\"\ndone = 2025-01-05\n",
    );
    step(&project, &["need", "--from", "need.toml"]);
    let need = answers(&project, "need");
    assert_eq!(need["who_wants"].as_str(), Some("Ledningsgruppen"));
    assert_eq!(
        need["why"].as_str().map(str::trim_end),
        Some("Två rader\nav text")
    );
    assert_eq!(date(&need["done"]), "2025-01-05");
    project.run(&["check"]).success();
}

#[test]
fn step_from_a_file_with_a_table_named_after_the_step() {
    let project = kurs();
    project.write(
        "answers.toml",
        "[analysis]\nmix = [\"training\", \"information\"]\ntraining_enough = false\nchallenges = [\"Tid\"]\ndone = 2025-01-06\n",
    );
    step(&project, &["analysis", "--from", "answers.toml"]);
    let analysis = answers(&project, "analysis");
    assert_eq!(
        analysis["mix"],
        toml::Value::Array(vec!["training".into(), "information".into()])
    );
    assert_eq!(analysis["training_enough"].as_bool(), Some(false));
    assert_eq!(
        analysis["challenges"],
        toml::Value::Array(vec!["Tid".into()])
    );
    assert_eq!(date(&analysis["done"]), "2025-01-06");
    project.run(&["check"]).success();
}

#[test]
fn step_from_a_file_with_a_steps_table_like_a_record() {
    let project = kurs();
    project.write(
        "answers.toml",
        "[steps.delivery]\nfirst_date = 2025-02-01\nsessions = 4\nwhole_staff = true\ndone = 2025-05-20\n",
    );
    // the Swedish step name picks the same table
    step(&project, &["genomförande", "--from", "answers.toml"]);
    let delivery = answers(&project, "delivery");
    let written = record(&project);
    assert_eq!(date(&written["start"]), "2025-02-01");
    assert_eq!(written["sessions"].as_integer(), Some(4));
    assert_eq!(written["whole_staff"].as_bool(), Some(true));
    assert_eq!(date(&delivery["done"]), "2025-05-20");
    assert_eq!(delivery.len(), 1, "{delivery:?}");
}

#[test]
fn step_from_a_file_together_with_answers_and_done_on_the_command_line() {
    let project = kurs();
    project.write("need.toml", "why = \"Från filen\"\ndone = 2025-01-01\n");
    step(
        &project,
        &[
            "need",
            "--from",
            "need.toml",
            "--answer",
            "who_wants=Rektor",
            "--done",
            "2025-01-09",
        ],
    );
    let need = answers(&project, "need");
    assert_eq!(need["why"].as_str(), Some("Från filen"));
    assert_eq!(need["who_wants"].as_str(), Some("Rektor"));
    assert_eq!(
        date(&need["done"]),
        "2025-01-09",
        "--done on the command line wins over the file"
    );
}

#[test]
fn step_from_a_file_checks_every_answer_and_writes_nothing_on_error() {
    let project = kurs();
    step(&project, &["need", "-a", "who_wants=Rektor"]);
    let before = project.bytes(KURS);
    for (file, expected) in [
        ("sessions = \"sex\"\n", "a number"),
        ("first_date = \"nästa vecka\"\n", "first_date"),
        ("whole_staff = \"ja\"\n", "true (yes) or false (no)"),
        ("nonsense = 1\n", "nonsense"),
        ("done = \"igår\"\n", "YYYY-MM-DD"),
        ("sessions = 4\nnot toml at all\n", "answers.toml"),
    ] {
        project.write("answers.toml", file);
        project
            .run(&["step", "kurs", "delivery", "--from", "answers.toml"])
            .failure()
            .code(1)
            .stderr(contains(expected));
        assert_eq!(project.bytes(KURS), before, "{file}");
    }
    project.write("answers.toml", "[steps.production]\nformat = \"party\"\n");
    project
        .run(&["step", "kurs", "production", "--from", "answers.toml"])
        .failure()
        .code(1)
        .stderr(contains("party").and(contains("in-person")));
    assert_eq!(project.bytes(KURS), before);
}

// ---------------------------------------------------------------------------------------------
// step: which step
// ---------------------------------------------------------------------------------------------

#[test]
fn step_accepts_the_swedish_step_names() {
    let project = kurs();
    step(&project, &["behov", "-a", "who_wants=Rektor"]);
    step(&project, &["analys", "-a", "training_enough=ja"]);
    step(&project, &["genomförande", "-a", "sessions=3"]);
    step(&project, &["genomforande", "-a", "participants=Alla"]);
    step(&project, &["uppföljning", "-a", "goals_reached=delvis"]);
    step(&project, &["Uppfoljning", "-a", "lessons=Mer tid"]);
    let text = project.read(KURS);
    in_order(
        &text,
        &[
            "[steps.need]",
            "[steps.analysis]",
            "[steps.delivery]",
            "[steps.follow-up]",
        ],
    );
    let record = record(&project);
    let steps = record["steps"].as_table().unwrap();
    assert_eq!(steps.len(), 4, "{text}");
    assert_eq!(record["sessions"].as_integer(), Some(3));
    assert_eq!(steps["delivery"]["participants"].as_str(), Some("Alla"));
    assert_eq!(steps["follow-up"]["goals_reached"].as_str(), Some("partly"));
    project.run(&["check"]).success();
}

#[test]
fn step_without_a_step_answers_the_first_one_not_done() {
    let project = kurs();
    step(&project, &["-a", "who_wants=Rektor"]);
    assert_eq!(
        answers(&project, "need")["who_wants"].as_str(),
        Some("Rektor")
    );
    step(&project, &["need", "--done", "2025-01-02"]);
    step(&project, &["-a", "real_problem=Tid"]);
    assert_eq!(
        answers(&project, "analysis")["real_problem"].as_str(),
        Some("Tid")
    );
    // a later step done out of order does not count: analysis is still the first not done
    step(&project, &["concept", "--done", "2025-01-03"]);
    step(
        &project,
        &["-a", "training_enough=nej", "--done", "2025-01-04"],
    );
    assert_eq!(date(&answers(&project, "analysis")["done"]), "2025-01-04");
    // now production is next
    project
        .run(&["step", "kurs"])
        .failure()
        .stderr(contains("fortb step kurs production"));
}

#[test]
fn step_with_every_step_done_asks_for_a_step_by_name() {
    let project = kurs();
    for id in [
        "need",
        "analysis",
        "concept",
        "production",
        "delivery",
        "follow-up",
    ] {
        step(&project, &[id, "--done", "2025-01-05"]);
    }
    let before = project.bytes(KURS);
    project
        .run(&["step", "kurs", "-a", "why=x"])
        .failure()
        .code(1)
        .stderr(contains("every step of kurs is done").and(contains("fortb step kurs need")));
    assert_eq!(project.bytes(KURS), before);
    // naming a step still works
    step(&project, &["need", "-a", "why=x"]);
    project
        .run(&["status", "kurs"])
        .success()
        .stdout(contains("Continue with").not());
}

#[test]
fn step_refuses_bad_input_and_writes_nothing() {
    let project = kurs();
    step(
        &project,
        &["need", "-a", "who_wants=Rektor # inte en kommentar"],
    );
    let before = project.bytes(KURS);
    for (args, expected) in [
        (
            &["party", "-a", "x=1"][..],
            vec!["\"party\"", "need, analysis, concept"],
        ),
        (
            &["need", "-a", "nokey=1"],
            vec!["\"nokey\"", "who_wants, why, goal"],
        ),
        (&["need", "-a", "done=2025-01-01"], vec!["\"done\""]),
        (
            &["analysis", "-a", "mix=party"],
            vec!["party", "training, information, organisation"],
        ),
        (
            &["production", "-a", "format=på distans"],
            vec!["på distans", "in-person, digital, blended"],
        ),
        (
            &["delivery", "-a", "first_date=2025-13-01"],
            vec!["2025-13-01", "year-month-day"],
        ),
        (
            &["delivery", "-a", "last_date=20/5"],
            vec!["20/5", "YYYY-MM-DD"],
        ),
        (
            &["delivery", "-a", "sessions=sex"],
            vec!["sex", "not a number"],
        ),
        (&["delivery", "-a", "sessions=inf"], vec!["not a number"]),
        (
            &["analysis", "-a", "training_enough=kanske"],
            vec!["kanske", "yes or no"],
        ),
        (
            &["need", "-a", "why=a", "-a", "why=b"],
            vec!["why", "only lists"],
        ),
        // a value that is not KEY=VALUE, or a --done that is not a date, is a mistake on
        // the command line itself: status 2, as for clap's own
        (
            &["need", "-a", "why"],
            vec!["KEY=VALUE", "\"why\"", "status 2"],
        ),
        (
            &["need", "--done", "2025-02-30"],
            vec!["--done", "2025-02-30", "YYYY-MM-DD", "status 2"],
        ),
        (
            &[
                "need",
                "-a",
                "why=ok",
                "-a",
                "nokey=1",
                "--done",
                "2025-01-01",
            ],
            vec!["nokey"],
        ),
    ] {
        let mut all = vec!["step", "kurs"];
        all.extend_from_slice(args);
        let code = if expected.contains(&"status 2") { 2 } else { 1 };
        let mut assert = project.run(&all).failure().code(code).stdout("");
        for text in expected.iter().filter(|t| **t != "status 2") {
            assert = assert.stderr(contains(*text));
        }
        assert_eq!(project.bytes(KURS), before, "{args:?} changed the record");
    }
    assert_eq!(
        project.records(),
        ["kurs.toml"],
        "no temporary files are left"
    );
    project
        .run(&["step", "nope", "need", "-a", "why=x"])
        .failure()
        .code(1)
        .stderr(contains("\"nope\""));
}

#[test]
fn step_without_answers_and_without_a_terminal_explains_the_flags() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .cmd()
        .args(["step", "kurs", "need"])
        .timeout(Duration::from_secs(10))
        .assert()
        .failure()
        .code(1)
        .stdout("")
        .stderr(
            contains("terminal")
                .and(contains("fortb step kurs need --answer who_wants="))
                .and(contains("--done")),
        );
    assert_eq!(project.bytes(KURS), before);
    // the default step is named in the example
    project
        .cmd()
        .args(["step", "kurs"])
        .timeout(Duration::from_secs(10))
        .assert()
        .failure()
        .stderr(contains("fortb step kurs need --answer"));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn step_refuses_to_change_a_broken_record() {
    let project = kurs();
    project.write(KURS, "title = \"Kurs\"\nkind = \"party\"\n");
    let before = project.bytes(KURS);
    project
        .run(&["step", "kurs", "need", "-a", "why=x"])
        .failure()
        .code(1)
        .stderr(contains("party"));
    assert_eq!(project.bytes(KURS), before);
}

// ---------------------------------------------------------------------------------------------
// step: the rest of the record is left as it was
// ---------------------------------------------------------------------------------------------

const COMMENTED: &str = r#"# Kurs om läsning – anteckningar överst
schema = 1
title = "Kurs" # titeln kan ändras
kind = "course"
start = 2025-01-10
my_own_field = "behåll mig"   # okänd nyckel

[steps.need]
# vem som driver frågan
who_wants = "Rektor" # enligt protokollet
why = "Gammalt svar"  # ska bytas
extra_note = "inte en fråga"

# Tillbakablicken
[[recall]]
by = "Anna" # rektor
date = 2026-11-20
self = 3
"#;

#[test]
fn step_keeps_comments_and_unknown_keys() {
    let project = kurs();
    project.write(KURS, COMMENTED);
    step(
        &project,
        &[
            "need",
            "-a",
            "why=Nytt svar",
            "-a",
            "goal=Läsa mer",
            "--done",
            "2025-01-05",
        ],
    );
    let text = project.read(KURS);
    for kept in [
        "# Kurs om läsning – anteckningar överst\n",
        "title = \"Kurs\" # titeln kan ändras\n",
        "my_own_field = \"behåll mig\"   # okänd nyckel\n",
        "# vem som driver frågan\nwho_wants = \"Rektor\" # enligt protokollet\n",
        "extra_note = \"inte en fråga\"\n",
        "# Tillbakablicken\n[[recall]]\nby = \"Anna\" # rektor\n",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    assert!(text.contains("why = \"Nytt svar\""), "{text}");
    assert!(!text.contains("Gammalt svar"), "{text}");
    in_order(
        &text,
        &[
            "who_wants",
            "why = ",
            "goal = ",
            "done = 2025-01-05",
            "[[recall]]",
        ],
    );
    // the unknown keys are only warnings
    project
        .run(&["check"])
        .success()
        .stdout(contains("my_own_field").and(contains("extra_note")));
}

#[test]
fn step_only_changes_the_lines_it_has_to() {
    let project = kurs();
    project.write(KURS, COMMENTED);
    step(&project, &["need", "-a", "goal=Läsa mer"]);
    let text = project.read(KURS);
    let expected = COMMENTED.replace(
        "extra_note = \"inte en fråga\"\n",
        "extra_note = \"inte en fråga\"\ngoal = \"Läsa mer\"\n",
    );
    let expected_alt = COMMENTED.replace(
        "why = \"Gammalt svar\"  # ska bytas\n",
        "why = \"Gammalt svar\"  # ska bytas\ngoal = \"Läsa mer\"\n",
    );
    assert!(
        text == expected || text == expected_alt,
        "only the new answer is added:\n{text}"
    );
}

#[test]
fn step_keeps_crlf_line_ends() {
    let project = kurs();
    let crlf = "schema = 1\r\ntitle = \"Kurs\"\r\nkind = \"course\"\r\n";
    project.write(KURS, crlf);
    step(&project, &["need", "-a", "why=x"]);
    let text = project.read(KURS);
    assert!(text.starts_with(crlf), "{text:?}");
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
}

#[test]
fn step_tables_are_written_in_model_order_before_the_recall_entries() {
    let project = kurs();
    project.write(
        KURS,
        "schema = 1\ntitle = \"Kurs\"\nkind = \"course\"\n\n[steps.delivery]\nparticipants = \"Alla\"\n\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nstaff = 2\n\n[[recall]]\nby = \"Erik\"\ndate = 2026-11-21\nself = 1\n",
    );
    step(&project, &["follow-up", "-a", "lessons=Mer tid"]);
    step(&project, &["need", "-a", "why=x"]);
    step(&project, &["concept", "-a", "methods=Läsa"]);
    step(&project, &["analysis", "-a", "real_problem=Tid"]);
    step(&project, &["production", "-a", "format=digital"]);
    let text = project.read(KURS);
    in_order(
        &text,
        &[
            "[steps.need]",
            "[steps.analysis]",
            "[steps.concept]",
            "[steps.production]",
            "[steps.delivery]",
            "[steps.follow-up]",
            "[[recall]]\nby = \"Anna\"",
            "[[recall]]\nby = \"Erik\"",
        ],
    );
    assert!(
        !text.contains("[steps]\n"),
        "no empty [steps] header:\n{text}"
    );
    let record = toml_table(&text);
    assert_eq!(record["recall"].as_array().unwrap().len(), 2);
    project.run(&["check"]).success().stdout("");
}

#[test]
fn step_answers_go_in_question_order_within_a_step() {
    let project = kurs();
    step(
        &project,
        &[
            "need",
            "-a",
            "beneficiary_value=Bättre",
            "--done",
            "2025-01-01",
        ],
    );
    step(&project, &["need", "-a", "why=Därför"]);
    step(&project, &["need", "-a", "who_wants=Rektor"]);
    step(&project, &["need", "-a", "who_covered=Alla"]);
    let text = project.read(KURS);
    in_order(
        &text,
        &[
            "who_wants",
            "why =",
            "who_covered",
            "beneficiary_value",
            "done =",
        ],
    );
}

#[test]
fn step_works_on_a_tailored_initiative_of_the_example() {
    let project = Project::example();
    let path = "initiatives/likvardig-bedomning-i-hogstadiet.toml";
    let before = project.read(path);
    project
        .run(&[
            "step",
            "likvardig",
            "förslag",
            "-a",
            "approved=ja",
            "--done",
            "2026-11-01",
        ])
        .success()
        .stderr(contains("Förslag"));
    let after = project.read(path);
    // the comment at the end of the proposal step stays
    assert!(
        after.contains("# inväntar centrets reviderade förslag innan planen godkänns"),
        "{after}"
    );
    let added: Vec<&str> = after
        .lines()
        .filter(|line| !before.lines().any(|b| b == *line))
        .collect();
    assert_eq!(added, ["approved = true", "done = 2026-11-01"], "{after}");
    let record = toml_table(&after);
    assert_eq!(
        record["steps"]["proposal"]["approved"].as_bool(),
        Some(true)
    );
    assert_eq!(date(&record["steps"]["proposal"]["done"]), "2026-11-01");
    project.run(&["check"]).success().stdout("");
}

// ---------------------------------------------------------------------------------------------
// status
// ---------------------------------------------------------------------------------------------

#[test]
fn status_table_shows_each_initiatives_step() {
    let project = kurs();
    project
        .run(&[
            "new",
            "Bokcirkel",
            "--start",
            "2025-04-01",
            "--no-interview",
        ])
        .success();
    step(&project, &["need", "-a", "why=x", "--done", "2025-01-02"]);
    step(&project, &["analysis", "-a", "real_problem=y"]);
    let table = project.stdout(&["status"]);
    let rows = common::table_lines(&table);
    // id, step, done, unanswered, due; sorted by start date
    assert_eq!(rows[0][..4], ["kurs", "Analysis", "1/6", "4"], "{table}");
    assert_eq!(rows[1][..3], ["bokcirkel", "Need", "0/6"], "{table}");
}

#[test]
fn status_json_lists_steps_done_and_the_current_step() {
    let project = kurs();
    step(&project, &["need", "-a", "why=x", "--done", "2025-01-02"]);
    step(&project, &["analysis", "-a", "real_problem=y"]);
    let status = json(&project.stdout(&["status", "--format", "json"]));
    let row = &status["initiatives"][0];
    assert_eq!(row["id"], "kurs");
    assert_eq!(row["title"], "Kurs");
    assert_eq!(row["done_step_count"], 1);
    assert_eq!(row["step_count"], 6);
    assert_eq!(row["step"], "analysis");
    assert_eq!(row["unanswered_count"], 4);
    assert_eq!(row["due"], serde_json::Value::Null);
    for id in [
        "need",
        "analysis",
        "concept",
        "production",
        "delivery",
        "follow-up",
    ] {
        step(&project, &[id, "--done", "2025-02-01"]);
    }
    let status = json(&project.stdout(&["status", "--format", "json"]));
    let row = &status["initiatives"][0];
    assert_eq!(row["step"], "done");
    assert_eq!(row["done_step_count"], 6);
    assert_eq!(row["unanswered_count"], 0);
}

#[test]
fn status_of_an_empty_project() {
    let project = Project::new();
    project
        .run(&["status"])
        .success()
        .stdout("")
        .stderr(contains("fortb new"));
    project
        .run(&["status", "--format", "json"])
        .success()
        .stdout("{\n  \"format\": 1,\n  \"initiatives\": []\n}\n");
}

#[test]
fn status_with_an_id_is_a_checklist_of_the_steps() {
    let project = kurs();
    step(
        &project,
        &[
            "need",
            "-a",
            "why=x",
            "-a",
            "goal=y",
            "--done",
            "2025-01-02",
        ],
    );
    step(&project, &["analysis", "-a", "real_problem=y"]);
    let text = project.stdout(&["status", "kurs"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Kurs", "{text}");
    assert_eq!(
        lines[1], "Six-step process for training initiatives",
        "{text}"
    );
    let need = lines.iter().find(|l| l.contains("Need")).expect(&text);
    assert!(need.starts_with('✔'), "{need}");
    assert!(
        need.contains("done 2025-01-02") && need.contains("2/5"),
        "{need}"
    );
    let analysis = lines.iter().find(|l| l.contains("Analysis")).expect(&text);
    assert!(analysis.starts_with('▶'), "{analysis}");
    assert!(
        analysis.contains("in progress") && analysis.contains("1/5"),
        "{analysis}"
    );
    let concept = lines.iter().find(|l| l.contains("Concept")).expect(&text);
    assert!(
        concept.starts_with('·') && concept.contains("0/6"),
        "{concept}"
    );
    assert!(text.contains("fortb step kurs analysis"), "{text}");
    // the answered counts line up under each other
    let columns: Vec<usize> = lines
        .iter()
        .filter(|l| l.contains("answered"))
        .map(|l| {
            let end = l.find(" answered").unwrap();
            l[..l[..end].rfind(' ').unwrap()].chars().count()
        })
        .collect();
    assert_eq!(columns.len(), 6, "{text}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");

    let json = json(&project.stdout(&["status", "kurs", "--format", "json"]));
    assert_eq!(json["id"], "kurs");
    assert_eq!(json["process"], "six-step");
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 6);
    assert_eq!(steps[0]["id"], "need");
    assert_eq!(steps[0]["done"], "2025-01-02");
    assert_eq!(steps[0]["answered_count"], 2);
    assert_eq!(steps[0]["question_count"], 5);
    assert_eq!(steps[1]["done"], serde_json::Value::Null);
    assert_eq!(steps[1]["answered_count"], 1);
}

#[test]
fn status_of_an_unknown_initiative_fails() {
    kurs()
        .run(&["status", "nope"])
        .failure()
        .code(1)
        .stderr(contains("\"nope\""));
}

#[test]
fn status_shows_the_tailored_proposal_due_two_weeks_after_the_planning_meeting() {
    let project = Project::example().env("FORTB_TODAY", "2026-10-15");
    let id = "likvardig-bedomning-i-hogstadiet";
    // planning.meeting_date = 2026-10-07; the proposal arrived on day 12 (2026-10-19): the
    // centre met its deadline, and the step waits for the principal's approval, undated.
    let table = project.stdout(&["status"]);
    let row = table.lines().find(|l| l.contains(id)).expect(&table);
    assert!(row.contains("Förslag"), "{row}");
    assert!(row.contains("väntar på rektors"), "{row}");
    assert!(row.contains("4/7"), "{row}");

    let all = json(&project.stdout(&["status", "--format", "json"]));
    let entry = all["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .expect("the tailored initiative");
    assert_eq!(entry["step"], "proposal");
    assert_eq!(entry["due"], serde_json::Value::Null);
    assert_eq!(entry["waiting"], "rektors godkännande");
    assert_eq!(entry["overdue"], false);
    assert_eq!(entry["step_count"], 7);
    assert_eq!(entry["unanswered_count"], 1);

    // Without the proposal, it is due 14 days after the meeting, from the centre.
    project
        .run(&["set", id, "proposal.received_date="])
        .success();
    let checklist = project.stdout(&["status", id]);
    assert!(checklist.contains("Skräddarsydd insats"), "{checklist}");
    let proposal = checklist
        .lines()
        .find(|l| l.contains("Förslag"))
        .expect(&checklist);
    assert!(
        proposal.starts_with('▶')
            && proposal.ends_with("senast 2026-10-21: väntar på förslaget från centrum"),
        "{proposal}"
    );
    let one = json(&project.stdout(&["status", id, "--format", "json"]));
    assert_eq!(one["process"], "tailored");
    let proposal = one["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "proposal")
        .unwrap();
    assert_eq!(proposal["due"], "2026-10-21");
    assert_eq!(proposal["waiting"], "förslaget från centrum");
    assert_eq!(proposal["done"], serde_json::Value::Null);
    // once the proposal is done, it is no longer due
    project
        .run(&["step", id, "proposal", "--done", "2026-10-20"])
        .success();
    let checklist = project.stdout(&["status", id]);
    let proposal = checklist.lines().find(|l| l.contains("Förslag")).unwrap();
    assert!(proposal.starts_with('✔'), "{proposal}");
    assert!(!proposal.contains("2026-10-21"), "{proposal}");
}

#[test]
fn a_proposal_that_came_on_day_12_is_not_overdue_and_one_missing_on_day_15_is() {
    let record = "title = \"Skräddarsydd\"\nkind = \"course\"\nprocess = \"tailored\"\n\n\
                  [steps.planning]\nmeeting_date = 2026-03-02\ndone = 2026-03-02\n";
    let project = Project::new()
        .env("FORTB_TODAY", "2026-03-17")
        .file("initiatives/skr.toml", record);
    // Day 15, nothing from the centre: overdue, and the centre is named.
    project
        .run(&["status", "skr", "--lang", "en"])
        .success()
        .stdout(predicates::str::contains(
            "overdue since 2026-03-16: waiting for the centre's proposal",
        ));
    project
        .run(&["due", "--lang", "sv"])
        .success()
        .stdout(predicates::str::contains(
            "förslag: väntar på förslaget från centrum",
        ));
    // It arrived on day 12: met, though not yet approved; the approval has no deadline.
    project
        .run(&["set", "skr", "proposal.received_date=2026-03-14"])
        .success();
    project
        .run(&["status", "skr", "--lang", "sv"])
        .success()
        .stdout(predicates::str::contains("väntar på rektors godkännande\n"))
        .stdout(predicates::str::contains("försenat").not());
    let items = json(&project.stdout(&["due", "--format", "json", "--within", "365"]));
    assert!(
        items["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] != "deadline"),
        "{items:#?}"
    );
}

#[test]
fn status_due_dates_count_from_the_answer_or_else_the_day_the_step_was_done() {
    let project = Project::new().env("FORTB_TODAY", "2026-11-23").file(
        "initiatives/fallback.toml",
        "title = \"Fallback\"\nkind = \"course\"\nprocess = \"tailored\"\n\n[steps.planning]\npurpose = \"x\"\ndone = 2025-03-01\n",
    );
    project.write(
        "initiatives/future.toml",
        "title = \"Future\"\nkind = \"course\"\nprocess = \"tailored\"\n\n[steps.planning]\nmeeting_date = 2099-01-01\ndone = 2025-03-01\n",
    );
    let one = json(&project.stdout(&["status", "fallback", "--format", "json"]));
    let proposal = &one["steps"][4];
    assert_eq!(proposal["id"], "proposal");
    assert_eq!(
        proposal["due"], "2025-03-15",
        "no meeting date: 14 days after done"
    );
    assert_eq!(proposal["overdue"], true);
    let one = json(&project.stdout(&["status", "future", "--format", "json"]));
    let proposal = &one["steps"][4];
    assert_eq!(proposal["due"], "2099-01-15");
    assert_eq!(proposal["overdue"], false);
    let text = project.stdout(&["status", "future"]);
    assert!(text.contains("due 2099-01-15"), "{text}");
    let text = project.stdout(&["status", "fallback"]);
    assert!(text.contains("overdue since 2025-03-15"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// questions
// ---------------------------------------------------------------------------------------------

/// A project in `lang` whose beneficiary is `beneficiary`.
fn project_in(lang: &str, beneficiary: &str) -> Project {
    let project = Project::empty();
    project
        .run(&[
            "init",
            "--name",
            "Skolan",
            "--lang",
            lang,
            "--beneficiary",
            beneficiary,
        ])
        .success();
    project
}

#[test]
fn questions_lists_the_six_steps_with_keys_and_types() {
    let text = project_in("en", "the pupils").stdout(&["questions"]);
    assert!(
        text.starts_with("Six-step process for training initiatives (six-step)\n"),
        "{text}"
    );
    in_order(
        &text,
        &[
            "1. Need [need]",
            "2. Analysis [analysis]",
            "3. Concept [concept]",
            "4. Production [production]",
            "5. Delivery [delivery]",
            "6. Follow-up [follow-up]",
        ],
    );
    for expected in [
        "1.1 Who wants this initiative to happen?",
        "who_wants (short text)",
        "why (long text)",
        "mix (one or more choices: Training / Information / Organisational change)",
        "training_enough (yes/no)",
        "format (one choice: In person / Digital / Blended)",
        "first_date (date, YYYY-MM-DD)",
        "sessions (number)",
        "lessons (list)",
        "How does the initiative contribute to what is best for the pupils?",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(!text.contains('{'), "a placeholder was left:\n{text}");
}

#[test]
fn questions_in_swedish() {
    let text = project_in("sv", "eleverna").stdout(&["questions", "six-step"]);
    for expected in [
        "Process i sex steg för utbildningsinsatser (six-step)",
        "1. Behov [need]",
        "5. Genomförande [delivery]",
        "6. Uppföljning [follow-up]",
        "who_wants (kort text)",
        "Hur bidrar insatsen till det som är bäst för eleverna?",
        "Utbildning / Information / Förändring i organisationen",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // --lang overrides the project's language for one command
    let english = project_in("sv", "eleverna").stdout(&["questions", "--lang", "en"]);
    assert!(english.contains("1. Need [need]"), "{english}");
}

#[test]
fn questions_use_the_project_s_beneficiary() {
    let project = project_in("en", "Esther");
    let text = project.stdout(&["questions"]);
    assert!(
        text.contains("How does the initiative contribute to what is best for Esther?"),
        "{text}"
    );
    assert!(
        text.contains("What difference has it made for Esther?"),
        "{text}"
    );
    assert!(!text.contains("the pupils"), "{text}");
    let markdown = project.stdout(&["questions", "tailored", "--format", "markdown"]);
    assert!(
        markdown.contains("How should this make things better for Esther?"),
        "{markdown}"
    );
    let swedish = project_in("sv", "patienten").stdout(&["questions", "tailored"]);
    assert!(
        swedish.contains("Hur ska det bli bättre för patienten?"),
        "{swedish}"
    );
}

#[test]
fn questions_for_the_tailored_model_in_both_languages() {
    let project = project_in("en", "the pupils");
    let text = project.stdout(&["questions", "tailored"]);
    assert!(
        text.starts_with("Tailored initiative (tailored)\n"),
        "{text}"
    );
    in_order(
        &text,
        &[
            "1. Need [need]",
            "2. Contact [contact]",
            "3. Planning [planning]",
            "4. Participants [participants]",
            "5. Proposal [proposal]",
            "6. Delivery [delivery]",
            "7. Follow-up [follow-up]",
        ],
    );
    assert!(text.contains("meeting_date (date, YYYY-MM-DD)"), "{text}");
    assert!(
        text.contains("Within two weeks of the planning meeting"),
        "{text}"
    );
    let swedish = project.stdout(&["questions", "tailored", "--lang", "sv"]);
    for expected in [
        "Skräddarsydd insats (tailored)",
        "3. Planering [planning]",
        "5. Förslag [proposal]",
        "När är det första planeringsmötet?",
    ] {
        assert!(
            swedish.contains(expected),
            "{expected:?} missing:\n{swedish}"
        );
    }
    let markdown = project.stdout(&[
        "questions",
        "tailored",
        "--format",
        "markdown",
        "--lang",
        "sv",
    ]);
    assert!(
        markdown.starts_with("# Skräddarsydd insats\n"),
        "{markdown}"
    );
    assert!(markdown.contains("\n## 5. Förslag\n"), "{markdown}");
    assert!(markdown.contains("_(datum, ÅÅÅÅ-MM-DD)_"), "{markdown}");
    let markdown = project.stdout(&["questions", "tailored", "--format", "markdown"]);
    assert!(
        markdown.starts_with("# Tailored initiative\n"),
        "{markdown}"
    );
    assert!(markdown.contains("\n## 7. Follow-up\n"), "{markdown}");
}

#[test]
fn questions_default_to_the_project_s_process() {
    let project = Project::new().file(
        "fortb.toml",
        "name = \"skolan\"\nlang = \"en\"\nprocess = \"tailored\"\n",
    );
    let text = project.stdout(&["questions"]);
    assert!(text.starts_with("Tailored initiative (tailored)"), "{text}");
}

#[test]
fn questions_work_outside_a_project() {
    let text = Project::empty().stdout(&["questions", "--lang", "en"]);
    assert!(text.starts_with("Six-step process"), "{text}");
    assert!(text.contains("what is best for the pupils?"), "{text}");
}

#[test]
fn questions_of_an_unknown_model_list_the_models() {
    Project::new()
        .run(&["questions", "seven-step"])
        .failure()
        .code(1)
        .stderr(
            contains("seven-step")
                .and(contains("six-step"))
                .and(contains("tailored")),
        );
}

#[test]
fn questions_markdown_in_english() {
    let text = project_in("en", "the pupils").stdout(&[
        "questions",
        "six-step",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("questions_six_step_markdown_en", text);
}

#[test]
fn questions_markdown_in_swedish() {
    let text = project_in("sv", "eleverna").stdout(&[
        "questions",
        "six-step",
        "--format",
        "markdown",
        "--lang",
        "sv",
    ]);
    insta::assert_snapshot!("questions_six_step_markdown_sv", text);
}

#[test]
fn questions_export_copies_the_built_in_model_once() {
    let project = project_in("en", "the pupils");
    project
        .run(&["questions", "--export"])
        .success()
        .stdout("processes/six-step.toml\n")
        .stderr(contains("Wrote processes/six-step.toml"));
    let exported = project.read("processes/six-step.toml");
    assert!(exported.contains("name = \"six-step\""), "{exported}");
    assert!(exported.contains("[[step.question]]"), "{exported}");
    project.run(&["check"]).success().stdout("");
    // the export is the project's model from now on
    let text = project.stdout(&["questions"]);
    assert!(
        text.starts_with("Six-step process for training initiatives (six-step)"),
        "{text}"
    );

    project.write(
        "processes/six-step.toml",
        exported.replace(
            "title.en = \"Six-step process for training initiatives\"",
            "title.en = \"Our six steps\"",
        ),
    );
    let edited = project.bytes("processes/six-step.toml");
    project
        .run(&["questions", "six-step", "--export"])
        .failure()
        .code(1)
        .stdout("")
        .stderr(contains("processes/six-step.toml already exists"));
    assert_eq!(
        project.bytes("processes/six-step.toml"),
        edited,
        "not overwritten"
    );
    assert!(project
        .stdout(&["questions"])
        .starts_with("Our six steps (six-step)"));

    project
        .run(&["questions", "tailored", "--export"])
        .success()
        .stdout("processes/tailored.toml\n");
    project.run(&["check"]).success().stdout("");
    project
        .run(&["new", "Kurs", "--process", "tailored", "--no-interview"])
        .success();
    project
        .run(&["step", "kurs", "planning", "-a", "meeting_date=2025-03-01"])
        .success();
    project.run(&["check"]).success().stdout("");
}

#[test]
fn questions_export_needs_a_built_in_model_and_a_project() {
    let project = Project::new().file("processes/kort.toml", "base = \"six-step\"\n");
    project
        .run(&["questions", "kort", "--export"])
        .failure()
        .code(1)
        .stderr(contains("\"kort\"").and(contains("six-step")));
    let outside = Project::empty();
    outside
        .run(&["questions", "--export"])
        .failure()
        .code(1)
        .stderr(contains("fortb init"));
    assert!(outside.ls("").is_empty());
}

#[test]
fn a_done_date_in_the_future_is_warned_about() {
    let project = common::Project::new();
    project.run(&["new", "Kurs", "--no-interview"]).success();
    project
        .cmd()
        .env("FORTB_TODAY", "2025-01-01")
        .args(["step", "kurs", "need", "--done", "2025-02-01"])
        .assert()
        .success()
        .stderr(predicates::str::contains("2025-02-01 is in the future"));
}

// ---------------------------------------------------------------------------------------------
// One fact, one place: the delivery step's dates, sessions and whole staff are the record's own
// fields
// ---------------------------------------------------------------------------------------------

#[test]
fn the_delivery_step_edits_the_fields_new_set() {
    let project = Project::new();
    project
        .run(&[
            "new",
            "Kurs",
            "--sessions",
            "8",
            "--whole-staff",
            "--start",
            "2025-01-10",
            "--no-interview",
        ])
        .success();
    step(
        &project,
        &[
            "delivery",
            "--answer",
            "sessions=6",
            "--answer",
            "whole_staff=nej",
            "--answer",
            "last_date=2025-03-01",
        ],
    );
    let written = record(&project);
    assert_eq!(written["sessions"].as_integer(), Some(6));
    assert_eq!(written["whole_staff"].as_bool(), Some(false));
    assert_eq!(date(&written["end"]), "2025-03-01");
    assert_eq!(date(&written["start"]), "2025-01-10");
    assert!(answers(&project, "delivery").is_empty(), "{written:?}");
    project
        .run(&["show", "kurs"])
        .success()
        .stdout(contains("2025-01-10 – 2025-03-01 (6 sessions)").and(contains("Whole staff: no")));
    project.run(&["check"]).success().stdout("");
    // A whole number of sessions only: the record counts whole sessions.
    project
        .run(&["step", "kurs", "delivery", "--answer", "sessions=2.5"])
        .failure()
        .stderr(contains("\"2.5\" is not a whole number above zero"));
}

/// A record as an older fortb wrote it: the delivery step kept its own copies.
const OLD_DELIVERY: &str = "schema = 1\ntitle = \"Kurs\"\nkind = \"course\"\n\
    start = 2025-01-10\nsessions = 8\n\n[steps.delivery]\n# as planned in May\n\
    first_date = 2025-01-10\nlast_date = 2025-03-01\nsessions = 6\nwhole_staff = true\n\
    design = \"Före, under, efter\"\n";

#[test]
fn check_reports_facts_stored_twice_and_fix_moves_them_to_the_record_s_fields() {
    let project = Project::new().file("initiatives/kurs.toml", OLD_DELIVERY);
    let findings = |lang: &str| {
        let output = project
            .run(&["--lang", lang, "check"])
            .code(1)
            .get_output()
            .clone();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .filter(|line| line.starts_with("initiatives/") || line.starts_with("  ="))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        findings("en"),
        [
            "initiatives/kurs.toml:9:1: warning: delivery.first_date repeats the record's `start`, which says the same; `fortb check --fix` removes the copy",
            "initiatives/kurs.toml:10:1: warning: delivery.last_date is kept in the record's own field `end` now, so it is stored once; `fortb check --fix` moves it there",
            "initiatives/kurs.toml:11:1: the same fact twice, and they disagree: `sessions` is 8 but delivery.sessions is 6",
            "  = keep the right one with `fortb set kurs sessions=…`; then `fortb check --fix` removes the step's copy",
            "initiatives/kurs.toml:12:1: warning: delivery.whole_staff is kept in the record's own field `whole_staff` now, so it is stored once; `fortb check --fix` moves it there",
        ]
    );
    assert_eq!(
        findings("sv")[2],
        "initiatives/kurs.toml:11:1: samma uppgift står på två ställen och de säger olika: `sessions` är 8 men delivery.sessions är 6"
    );
    // --fix settles what agrees, leaves the disagreement to a person and keeps the comment.
    project.run(&["check", "--fix"]).code(1).stderr(contains(
        "answers moved to the record's own fields (`start`, `end`, `sessions`, `whole_staff`): 3",
    ));
    let written = project.read("initiatives/kurs.toml");
    assert_eq!(
        written,
        "schema = 1\ntitle = \"Kurs\"\nkind = \"course\"\nstart = 2025-01-10\nend = 2025-03-01\n\
         sessions = 8\nwhole_staff = true\n\n[steps.delivery]\n# as planned in May\nsessions = 6\n\
         design = \"Före, under, efter\"\n"
    );
    project.run(&["set", "kurs", "sessions=6"]).success();
    project.run(&["check", "--fix"]).success();
    assert!(!answers(&project, "delivery").contains_key("sessions"));
    assert_eq!(record(&project)["sessions"].as_integer(), Some(6));
}
