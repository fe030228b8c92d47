//! Following an initiative up: effect indicators (`fortb indicator add|measure|list`, and the
//! ones a step's `indicators` answer creates), what is due when (`fortb due` as a table, JSON
//! and an iCalendar file), evaluation surveys (`fortb survey questions|import`), and how the
//! evidence shows in the leadership summary and report.
//!
//! Every expected date, mean and share below is worked out by hand in a comment next to it.
//! Every command whose result depends on today runs with `FORTB_TODAY`.

mod common;

use std::process::Output;

use assert_cmd::assert::Assert;
use common::{json, survey_fixture, toml_table, Project};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Runs `fortb ARGS` in `project` on the day `today`.
fn on(project: &Project, today: &str, args: &[&str]) -> Assert {
    project.cmd().env("FORTB_TODAY", today).args(args).assert()
}

/// The output of `fortb ARGS` on `today`, whether it succeeded or not.
fn output_on(project: &Project, today: &str, args: &[&str]) -> Output {
    project
        .cmd()
        .env("FORTB_TODAY", today)
        .args(args)
        .output()
        .unwrap()
}

/// The stdout of `fortb ARGS` on `today`; panics when it fails.
fn stdout_on(project: &Project, today: &str, args: &[&str]) -> String {
    common::stdout_of(args, output_on(project, today, args))
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The record `initiatives/<id>.toml`, parsed.
fn record(project: &Project, id: &str) -> toml::Table {
    toml_table(&project.read(&format!("initiatives/{id}.toml")))
}

/// The record's `[[indicator]]` entries.
fn indicators(record: &toml::Table) -> Vec<toml::Table> {
    record
        .get("indicator")
        .and_then(toml::Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .map(|e| e.as_table().expect("an indicator table").clone())
                .collect()
        })
        .unwrap_or_default()
}

/// A TOML number (integer or float) as f64.
fn number(value: &toml::Value) -> f64 {
    match value {
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(f) => *f,
        other => panic!("not a number: {other:?}"),
    }
}

/// An indicator's measurements as (date, value).
fn measurements(indicator: &toml::Table) -> Vec<(String, f64)> {
    indicator
        .get("measurements")
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .map(|m| {
                    let m = m.as_table().expect("a measurement");
                    (m["date"].to_string(), number(&m["value"]))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn approx(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

fn assert_check_passes(project: &Project) {
    project
        .run(&["check"])
        .success()
        .stderr(contains("errors: 0"));
}

/// A six-step record with comments, which every writing command must keep.
const LASA: &str = r#"# Läsa högt: en studiedag och uppföljning i arbetslagen.
schema = 1
title = "Läsa högt"
kind = "study-day"
process = "six-step"
start = 2025-03-01
end = 2025-03-01   # en enda dag

# Behovet kom från lärarna i lågstadiet.
[steps.need]
why = "Eleverna läser för lite högt."
"#;

const COMMENTS: [&str; 3] = [
    "# Läsa högt: en studiedag och uppföljning i arbetslagen.",
    "end = 2025-03-01   # en enda dag",
    "# Behovet kom från lärarna i lågstadiet.",
];

fn assert_comments_kept(project: &Project, id: &str) {
    let text = project.read(&format!("initiatives/{id}.toml"));
    for comment in COMMENTS {
        assert!(text.contains(comment), "lost {comment:?}:\n{text}");
    }
}

fn lasa_project() -> Project {
    Project::new().file("initiatives/lasa.toml", LASA)
}

// ---------------------------------------------------------------------------------------------
// 1. Indicators
// ---------------------------------------------------------------------------------------------

#[test]
fn indicator_add_with_every_flag_and_swedish_aliases() {
    let project = lasa_project();
    project
        .run(&[
            "indicator",
            "add",
            "lasa",
            "Andel lektioner med synliga mål",
            "--level",
            "beteende",
            "--goal",
            "makro",
            "--baseline",
            "30",
            "--target",
            "80",
            "--unit",
            "%",
        ])
        .success()
        .stderr(contains(
            "added the indicator \"Andel lektioner med synliga mål\" to lasa",
        ));
    let record = record(&project, "lasa");
    let list = indicators(&record);
    assert_eq!(list.len(), 1);
    let first = &list[0];
    assert_eq!(
        first["name"].as_str(),
        Some("Andel lektioner med synliga mål")
    );
    assert_eq!(first["level"].as_str(), Some("behaviour"));
    assert_eq!(first["goal"].as_str(), Some("macro"));
    // Whole numbers are written without decimals.
    assert_eq!(first["baseline"].as_integer(), Some(30));
    assert_eq!(first["target"].as_integer(), Some(80));
    assert_eq!(first["unit"].as_str(), Some("%"));
    assert!(first.get("measurements").is_none());

    // Every Swedish alias of a level and a goal level is stored as its English key.
    let aliases = [
        ("reaktion", "reaction", "mikro", "micro"),
        ("lärande", "learning", "makro", "macro"),
        ("larande", "learning", "micro", "micro"),
        ("beteende", "behaviour", "macro", "macro"),
        ("resultat", "results", "mikro", "micro"),
    ];
    for (n, (level, level_key, goal, goal_key)) in aliases.iter().enumerate() {
        let name = format!("Indikator {n}");
        project
            .run(&[
                "indicator",
                "add",
                "lasa",
                &name,
                "--level",
                level,
                "--goal",
                goal,
                "--baseline",
                "-2.5",
                "--target",
                "7.5",
                "--unit",
                "timmar",
            ])
            .success();
        let record = self::record(&project, "lasa");
        let added = indicators(&record)
            .into_iter()
            .find(|i| i["name"].as_str() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("{name} was not added"));
        assert_eq!(added["level"].as_str(), Some(*level_key), "{level}");
        assert_eq!(added["goal"].as_str(), Some(*goal_key), "{goal}");
        assert_eq!(added["baseline"].as_float(), Some(-2.5));
        assert_eq!(added["target"].as_float(), Some(7.5));
        assert_eq!(added["unit"].as_str(), Some("timmar"));
    }
    assert_eq!(indicators(&self::record(&project, "lasa")).len(), 6);
    assert_comments_kept(&project, "lasa");
    assert_check_passes(&project);
}

#[test]
fn updating_an_indicator_by_name_keeps_its_measurements() {
    let project = lasa_project();
    project
        .run(&[
            "indicator",
            "add",
            "lasa",
            "Andel lektioner med synliga mål",
            "--level",
            "behaviour",
            "--goal",
            "micro",
            "--baseline",
            "30",
            "--target",
            "80",
            "--unit",
            "%",
        ])
        .success();
    project
        .run(&[
            "indicator",
            "measure",
            "lasa",
            "andel",
            "45",
            "--date",
            "2025-04-01",
        ])
        .success();
    project
        .run(&[
            "indicator",
            "measure",
            "lasa",
            "andel",
            "55",
            "--date",
            "2025-06-01",
        ])
        .success();
    // The same name in other letter case: an update, not a second indicator.
    project
        .run(&[
            "indicator",
            "add",
            "lasa",
            "ANDEL LEKTIONER MED SYNLIGA MÅL",
            "--target",
            "90",
            "--goal",
            "makro",
        ])
        .success()
        .stderr(contains("updated the indicator"));
    let record = record(&project, "lasa");
    let list = indicators(&record);
    assert_eq!(list.len(), 1, "{list:?}");
    let indicator = &list[0];
    // The name as first written, the flags not given kept, the given ones changed.
    assert_eq!(
        indicator["name"].as_str(),
        Some("Andel lektioner med synliga mål")
    );
    assert_eq!(indicator["level"].as_str(), Some("behaviour"));
    assert_eq!(indicator["goal"].as_str(), Some("macro"));
    assert_eq!(indicator["baseline"].as_integer(), Some(30));
    assert_eq!(indicator["target"].as_integer(), Some(90));
    assert_eq!(indicator["unit"].as_str(), Some("%"));
    assert_eq!(
        measurements(indicator),
        [
            ("2025-04-01".to_string(), 45.0),
            ("2025-06-01".to_string(), 55.0)
        ]
    );
    assert_comments_kept(&project, "lasa");
    assert_check_passes(&project);
}

#[test]
fn measure_by_prefix_with_decimal_comma_negative_values_and_dates() {
    let project = lasa_project();
    for args in [
        &[
            "Andel lektioner med synliga mål",
            "--baseline",
            "30",
            "--target",
            "80",
            "--unit",
            "%",
        ][..],
        &[
            "Incidenter i korridoren",
            "--baseline",
            "20",
            "--target",
            "10",
            "--unit",
            "st",
        ][..],
    ] {
        let mut all = vec!["indicator", "add", "lasa"];
        all.extend_from_slice(args);
        project.run(&all).success();
    }
    // A unique beginning of the name, a decimal comma: 30 → 62.5 of 80 is 32.5 / 50 = 65 %.
    project
        .run(&[
            "indicator",
            "measure",
            "lasa",
            "andel",
            "62,5",
            "--date",
            "2025-04-01",
        ])
        .success()
        .stderr(contains(
            "lasa: Andel lektioner med synliga mål: 30 → 62.5 % (target 80 %), 65 % of the way",
        ));
    // Case does not matter; 30 → 55 of 80 is 25 / 50 = 50 %.
    project
        .run(&[
            "indicator",
            "measure",
            "lasa",
            "ANDEL",
            "55",
            "--date",
            "2025-06-01",
        ])
        .success()
        .stderr(contains("30 → 55 % (target 80 %), 50 % of the way"));
    // A negative value (a difference, say) is a value like any other.
    project
        .run(&[
            "indicator",
            "measure",
            "lasa",
            "inc",
            "-3",
            "--date",
            "2025-05-01",
        ])
        .success();
    // Without --date, the measurement is today's.
    on(
        &project,
        "2025-06-10",
        &["indicator", "measure", "lasa", "Incidenter", "15"],
    )
    .success();

    let record = record(&project, "lasa");
    let list = indicators(&record);
    assert_eq!(list.len(), 2);
    assert_eq!(
        measurements(&list[0]),
        [
            ("2025-04-01".to_string(), 62.5),
            ("2025-06-01".to_string(), 55.0)
        ]
    );
    assert_eq!(
        measurements(&list[1]),
        [
            ("2025-05-01".to_string(), -3.0),
            ("2025-06-10".to_string(), 15.0)
        ]
    );
    // One measurement per line, so that each shows in a diff.
    let text = project.read("initiatives/lasa.toml");
    assert!(
        text.contains(
            "measurements = [\n  { date = 2025-04-01, value = 62.5 },\n  { date = 2025-06-01, value = 55 },\n]"
        ),
        "{text}"
    );
    assert_comments_kept(&project, "lasa");
    assert_check_passes(&project);
}

#[test]
fn measure_and_add_errors_name_the_choices_and_write_nothing() {
    let project = lasa_project();
    for name in [
        "Elever som kan målen",
        "Elever som vet nästa steg",
        "Frånvaro",
    ] {
        project
            .run(&[
                "indicator",
                "add",
                "lasa",
                name,
                "--baseline",
                "1",
                "--target",
                "2",
            ])
            .success();
    }
    let before = project.bytes("initiatives/lasa.toml");
    let names = [
        "Elever som kan målen",
        "Elever som vet nästa steg",
        "Frånvaro",
    ];

    let unknown = output_on(
        &project,
        "2025-06-01",
        &["indicator", "measure", "lasa", "zzz", "3"],
    );
    assert!(!unknown.status.success());
    let stderr = stderr_of(&unknown);
    assert!(stderr.contains("no indicator \"zzz\""), "{stderr}");
    for name in names {
        assert!(stderr.contains(name), "{name} not listed: {stderr}");
    }

    let ambiguous = output_on(
        &project,
        "2025-06-01",
        &["indicator", "measure", "lasa", "elever", "3"],
    );
    assert!(!ambiguous.status.success());
    let stderr = stderr_of(&ambiguous);
    assert!(
        stderr.contains("\"elever\" fits several indicators"),
        "{stderr}"
    );
    assert!(stderr.contains("Elever som kan målen"), "{stderr}");
    assert!(stderr.contains("Elever som vet nästa steg"), "{stderr}");

    for value in ["mycket", "1,2,3", "inf", "NaN", ""] {
        project
            .cmd()
            .env("FORTB_TODAY", "2025-06-01")
            .args(["indicator", "measure", "lasa", "Frånvaro", value])
            .assert()
            .failure()
            .stderr(contains("is not a number"));
    }
    // Other failures: a date that is no date, an initiative that does not exist, an unknown
    // level or goal level, a blank name.
    let failing: [&[&str]; 6] = [
        &[
            "indicator",
            "measure",
            "lasa",
            "Frånvaro",
            "3",
            "--date",
            "2025-13-01",
        ],
        &[
            "indicator",
            "measure",
            "lasa",
            "Frånvaro",
            "3",
            "--date",
            "1/6/2025",
        ],
        &["indicator", "measure", "finns-inte", "Frånvaro", "3"],
        &["indicator", "add", "lasa", "Ny", "--level", "kirkpatrick"],
        &["indicator", "add", "lasa", "Ny", "--goal", "meso"],
        &["indicator", "add", "lasa", "   "],
    ];
    for args in failing {
        on(&project, "2025-06-01", args).failure();
    }
    assert_eq!(
        project.bytes("initiatives/lasa.toml"),
        before,
        "a failed command changed the record"
    );
    assert_eq!(project.records(), ["lasa.toml"]);
}

#[test]
fn indicator_list_shows_the_share_of_the_way() {
    let project = lasa_project().file(
        "initiatives/annan.toml",
        "schema = 1\ntitle = \"Annan\"\nkind = \"other\"\nstart = 2025-01-01\n",
    );
    let add = |args: &[&str]| {
        let mut all = vec!["indicator", "add"];
        all.extend_from_slice(args);
        project.run(&all).success();
    };
    let measure = |args: &[&str]| {
        let mut all = vec!["indicator", "measure"];
        all.extend_from_slice(args);
        project.run(&all).success();
    };
    add(&[
        "lasa",
        "Synliga mål",
        "--level",
        "beteende",
        "--goal",
        "makro",
        "--baseline",
        "30",
        "--target",
        "80",
        "--unit",
        "%",
    ]);
    measure(&["lasa", "Synliga", "45", "--date", "2025-03-01"]);
    measure(&["lasa", "Synliga", "55", "--date", "2025-06-01"]);
    // Recorded last but measured first: the latest measurement by date is still 55.
    measure(&["lasa", "Synliga", "70", "--date", "2025-01-01"]);
    // A falling target: 20 → 10, at 15 half the way.
    add(&[
        "lasa",
        "Incidenter",
        "--level",
        "resultat",
        "--goal",
        "mikro",
        "--baseline",
        "20",
        "--target",
        "10",
        "--unit",
        "st",
    ]);
    measure(&["lasa", "Incidenter", "15", "--date", "2025-06-01"]);
    // No target, no share; a target equal to the baseline, no share.
    add(&["lasa", "Utan mål", "--baseline", "5"]);
    measure(&["lasa", "Utan", "7", "--date", "2025-06-01"]);
    add(&["lasa", "Oförändrat", "--baseline", "5", "--target", "5"]);
    measure(&["lasa", "Oförändrat", "6", "--date", "2025-06-01"]);
    add(&[
        "annan",
        "Frånvaro",
        "--baseline",
        "10",
        "--target",
        "5",
        "--unit",
        "%",
    ]);

    let list = json(&project.stdout(&["indicator", "list", "--format", "json"]));
    let items = list["indicators"].as_array().expect("a JSON array");
    assert_eq!(items.len(), 5, "{list:#}");
    let keys: Vec<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "level",
            "goal",
            "baseline",
            "target",
            "unit",
            "latest",
            "share_of_the_way",
            "measurements"
        ]
    );
    let item = |name: &str| -> &Value {
        items
            .iter()
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {list:#}"))
    };
    let synliga = item("Synliga mål");
    assert_eq!(synliga["id"], "lasa");
    assert_eq!(synliga["level"], "behaviour");
    assert_eq!(synliga["goal"], "macro");
    assert_eq!(synliga["baseline"].as_f64(), Some(30.0));
    assert_eq!(synliga["target"].as_f64(), Some(80.0));
    assert_eq!(synliga["unit"], "%");
    assert_eq!(synliga["latest"].as_f64(), Some(55.0));
    // (55 − 30) / (80 − 30) = 25 / 50
    assert!(
        approx(synliga["share_of_the_way"].as_f64().unwrap(), 0.5),
        "{synliga}"
    );
    assert_eq!(synliga["measurements"].as_array().unwrap().len(), 3);
    assert_eq!(synliga["measurements"][0]["date"], "2025-03-01");
    assert_eq!(synliga["measurements"][0]["value"].as_f64(), Some(45.0));

    let incidenter = item("Incidenter");
    assert_eq!(incidenter["level"], "results");
    assert_eq!(incidenter["goal"], "micro");
    // (15 − 20) / (10 − 20) = −5 / −10
    assert!(approx(
        incidenter["share_of_the_way"].as_f64().unwrap(),
        0.5
    ));
    assert!(item("Utan mål")["share_of_the_way"].is_null());
    assert!(item("Utan mål")["target"].is_null());
    assert!(item("Oförändrat")["share_of_the_way"].is_null());
    let franvaro = item("Frånvaro");
    assert_eq!(franvaro["id"], "annan");
    assert!(franvaro["latest"].is_null());
    assert!(franvaro["share_of_the_way"].is_null());
    assert_eq!(franvaro["measurements"], Value::Array(vec![]));

    let table = project.stdout(&["indicator", "list"]);
    for expected in [
        "30 → 55 % (target 80 %), 50 % of the way",
        "20 → 15 st (target 10 st), 50 % of the way",
        "behaviour, macro",
        "results, micro",
        "10 % (target 5 %)",
        "2025-06-01",
    ] {
        assert!(table.contains(expected), "{expected:?} missing:\n{table}");
    }
    // The latest measurement's date, not the last recorded one's.
    assert!(!table.contains("2025-01-01"), "{table}");

    // One initiative's indicators only.
    let one = json(&project.stdout(&["indicator", "list", "annan", "--format", "json"]));
    assert_eq!(one["indicators"].as_array().unwrap().len(), 1);
    assert_eq!(one["indicators"][0]["name"], "Frånvaro");
    assert_check_passes(&project);
}

#[test]
fn indicator_list_without_indicators() {
    let project = lasa_project();
    project
        .run(&["indicator", "list"])
        .success()
        .stdout("")
        .stderr(contains("No indicators yet"));
    let list = json(&project.stdout(&["indicator", "list", "--format", "json"]));
    assert_eq!(list, serde_json::json!({"format": 1, "indicators": []}));
}

#[test]
fn a_steps_indicators_answer_creates_each_indicator_once() {
    let project = lasa_project();
    let step = [
        "step",
        "lasa",
        "concept",
        "--answer",
        "indicators=Andel elever som läser högt varje vecka",
        "--answer",
        "indicators=Utlånade böcker per månad",
    ];
    on(&project, "2025-02-01", &step).success();
    let names = |project: &Project| -> Vec<String> {
        indicators(&record(project, "lasa"))
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&project),
        [
            "Andel elever som läser högt varje vecka",
            "Utlånade böcker per månad"
        ]
    );
    let record_now = record(&project, "lasa");
    assert_eq!(
        record_now["steps"]["concept"]["indicators"],
        toml::Value::Array(vec![
            "Andel elever som läser högt varje vecka".into(),
            "Utlånade böcker per månad".into()
        ])
    );
    // Entries made from a step have a name only, to be filled in with `indicator add`.
    for indicator in indicators(&record_now) {
        assert_eq!(
            indicator.keys().collect::<Vec<_>>(),
            ["name"],
            "{indicator:?}"
        );
    }

    // Again: nothing is duplicated.
    on(&project, "2025-02-02", &step).success();
    assert_eq!(names(&project).len(), 2);

    // A measured indicator keeps its measurement when the answer names it again (in other
    // letter case), and a new name is added after the others.
    project
        .run(&[
            "indicator",
            "measure",
            "lasa",
            "utlånade",
            "140",
            "--date",
            "2025-02-03",
        ])
        .success();
    on(
        &project,
        "2025-02-04",
        &[
            "step",
            "lasa",
            "concept",
            "--answer",
            "indicators=Andel elever som läser högt varje vecka",
            "--answer",
            "indicators=UTLÅNADE BÖCKER PER MÅNAD",
            "--answer",
            "indicators=Föräldrar som läser hemma",
        ],
    )
    .success();
    assert_eq!(
        names(&project),
        [
            "Andel elever som läser högt varje vecka",
            "Utlånade böcker per månad",
            "Föräldrar som läser hemma"
        ]
    );
    let list = indicators(&record(&project, "lasa"));
    assert_eq!(measurements(&list[1]), [("2025-02-03".to_string(), 140.0)]);
    assert_comments_kept(&project, "lasa");
    assert_check_passes(&project);
}

/// A hand-written record with its indicators as an inline array: the same data as
/// `[[indicator]]` tables, and `fortb check` accepts it.
const INLINE_INDICATORS: &str = r#"schema = 1
title = "Frånvaro"
kind = "other"
start = 2025-01-01
indicator = [{ name = "Frånvaro", baseline = 10, target = 5, unit = "%" }]
"#;

fn inline_project() -> Project {
    let project = Project::new().file("initiatives/inline.toml", INLINE_INDICATORS);
    assert_check_passes(&project);
    let list = json(&project.stdout(&["indicator", "list", "--format", "json"]));
    assert_eq!(list["indicators"][0]["name"], "Frånvaro");
    project
}

#[test]
fn an_indicator_in_an_inline_array_can_be_measured() {
    let project = inline_project();
    let output = output_on(
        &project,
        "2025-03-01",
        &["indicator", "measure", "inline", "Frånvaro", "8"],
    );
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains("internal error"),
        "fortb crashed:\n{stderr}"
    );
    assert!(output.status.success(), "{stderr}");
    let list = indicators(&record(&project, "inline"));
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(measurements(&list[0]), [("2025-03-01".to_string(), 8.0)]);
    assert_eq!(list[0]["baseline"].as_integer(), Some(10));
}

#[test]
fn adding_an_indicator_keeps_those_in_an_inline_array() {
    let project = inline_project();
    project
        .run(&[
            "indicator",
            "add",
            "inline",
            "Sjukskrivningar",
            "--baseline",
            "4",
            "--target",
            "2",
        ])
        .success();
    let names: Vec<String> = indicators(&record(&project, "inline"))
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["Frånvaro", "Sjukskrivningar"],
        "an indicator was lost"
    );
    assert_check_passes(&project);
}

#[test]
fn a_steps_indicators_answer_keeps_those_in_an_inline_array() {
    let project = inline_project();
    on(
        &project,
        "2025-02-01",
        &[
            "step",
            "inline",
            "concept",
            "--answer",
            "indicators=Frånvaro",
            "--answer",
            "indicators=Trivsel",
        ],
    )
    .success();
    let list = indicators(&record(&project, "inline"));
    let names: Vec<&str> = list.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Frånvaro", "Trivsel"],
        "an indicator was lost or duplicated"
    );
    assert_eq!(list[0]["target"].as_integer(), Some(5));
}

#[test]
fn measuring_keeps_measurements_written_as_tables() {
    // `[[indicator.measurements]]` is the same data as `measurements = [{ … }]`.
    let project = Project::new().file(
        "initiatives/tabeller.toml",
        "schema = 1\ntitle = \"Tabeller\"\nkind = \"other\"\nstart = 2025-01-01\n\n\
         [[indicator]]\nname = \"Frånvaro\"\nbaseline = 10\ntarget = 5\n\n\
         [[indicator.measurements]]\ndate = 2025-02-01\nvalue = 9\n",
    );
    assert_check_passes(&project);
    project
        .run(&[
            "indicator",
            "measure",
            "tabeller",
            "Frånvaro",
            "8",
            "--date",
            "2025-03-01",
        ])
        .success();
    let list = indicators(&record(&project, "tabeller"));
    assert_eq!(
        measurements(&list[0]),
        [
            ("2025-02-01".to_string(), 9.0),
            ("2025-03-01".to_string(), 8.0)
        ],
        "the earlier measurement was lost"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Due
// ---------------------------------------------------------------------------------------------

/// `fortb due --format json --within N` on `today`.
fn due_json(project: &Project, today: &str, within: u32) -> Vec<Value> {
    let text = stdout_on(
        project,
        today,
        &["due", "--format", "json", "--within", &within.to_string()],
    );
    json(&text)["items"]
        .as_array()
        .expect("a JSON array of items")
        .clone()
}

/// The dates of the items of `kind` (and `id`, when given).
fn due_dates(items: &[Value], kind: &str, id: Option<&str>) -> Vec<String> {
    items
        .iter()
        .filter(|i| i["kind"] == kind && id.is_none_or(|id| i["id"] == id))
        .map(|i| i["date"].as_str().unwrap().to_string())
        .collect()
}

fn plain_record(title: &str, start: &str, end: &str) -> String {
    format!(
        "schema = 1\ntitle = \"{title}\"\nkind = \"study-day\"\nprocess = \"six-step\"\nstart = {start}\nend = {end}\n"
    )
}

#[test]
fn follow_ups_count_from_the_end_across_month_ends_and_leap_years() {
    let project = Project::new()
        .file(
            "initiatives/skottar.toml",
            &plain_record("Skottår", "2024-01-10", "2024-01-31"),
        )
        .file(
            "initiatives/vanligt.toml",
            &plain_record("Vanligt år", "2023-01-31", "2023-01-31"),
        );
    let items = due_json(&project, "2023-01-31", 600);
    // 2024 is a leap year: 31 Jan + 30 days = 1 Mar (29 days of February), + 90 = 30 Apr,
    // + 180 = 29 Jul.
    assert_eq!(
        due_dates(&items, "follow-up", Some("skottar")),
        ["2024-03-01", "2024-04-30", "2024-07-29"]
    );
    // 2023 is not: 31 Jan + 30 = 2 Mar, + 90 = 1 May, + 180 = 30 Jul.
    assert_eq!(
        due_dates(&items, "follow-up", Some("vanligt")),
        ["2023-03-02", "2023-05-01", "2023-07-30"]
    );
    let uids: Vec<&str> = items
        .iter()
        .filter(|i| i["id"] == "skottar")
        .map(|i| i["uid"].as_str().unwrap())
        .collect();
    assert_eq!(
        uids,
        [
            "skottar-follow-up-1@fortb",
            "skottar-follow-up-2@fortb",
            "skottar-follow-up-3@fortb"
        ]
    );
    assert!(items.iter().all(|i| i["overdue"] == false), "{items:#?}");
}

#[test]
fn a_records_own_follow_ups_override_the_projects() {
    let config = "name = \"skolan\"\nlang = \"en\"\nprocess = \"six-step\"\nfollow_up = [7, 60]\n";
    let mut own = plain_record("Egen plan", "2025-12-01", "2025-12-10");
    own.push_str("follow_up = [14, 2025-12-31]\n");
    let project = Project::empty()
        .file("fortb.toml", config)
        .file("initiatives/egen.toml", &own)
        .file(
            "initiatives/standard.toml",
            &plain_record("Standard", "2025-12-10", "2025-12-10"),
        );
    let items = due_json(&project, "2025-12-01", 365);
    // The record's: 10 Dec + 14 days = 24 Dec, and the date 31 Dec as written.
    assert_eq!(
        due_dates(&items, "follow-up", Some("egen")),
        ["2025-12-24", "2025-12-31"]
    );
    let egen: Vec<(&str, &str)> = items
        .iter()
        .filter(|i| i["id"] == "egen")
        .map(|i| (i["uid"].as_str().unwrap(), i["what"].as_str().unwrap()))
        .collect();
    assert_eq!(
        egen,
        [
            ("egen-follow-up-1@fortb", "follow-up, 14 days after the end"),
            ("egen-follow-up-2@fortb", "planned follow-up")
        ]
    );
    // The project's: 10 Dec + 7 = 17 Dec, + 60 = 8 Feb (21 days of December, 31 of January).
    assert_eq!(
        due_dates(&items, "follow-up", Some("standard")),
        ["2025-12-17", "2026-02-08"]
    );
}

#[test]
fn a_follow_up_is_held_by_evidence_never_by_a_recall_alone() {
    let project = Project::new().file(
        "initiatives/haller.toml",
        &plain_record("Håller det?", "2025-01-01", "2025-01-01"),
    );
    let today = "2025-07-15";
    let follow_up_what = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .filter(|i| i["kind"] == "follow-up")
            .map(|i| i["what"].as_str().unwrap().to_string())
            .collect()
    };
    // 1 Jan + 30 = 31 Jan, + 90 = 1 Apr, + 180 = 30 Jun: all overdue on 15 Jul. Only the
    // latest shows, counting the two missed before it (holding it holds them too).
    let items = due_json(&project, today, 30);
    assert_eq!(due_dates(&items, "follow-up", None), ["2025-06-30"]);
    let held_by = "done by: a survey import, the follow-up step";
    assert_eq!(
        follow_up_what(&items),
        [format!(
            "follow-up, 180 days after the end (earlier ones missed: 2); {held_by}"
        )]
    );
    assert_eq!(
        items[0]["closed_by"],
        serde_json::json!(["survey", "follow-up-step"])
    );
    assert!(items.iter().all(|i| i["overdue"] == true));

    // A recall on 15 Feb is someone's memory, no evidence of a follow-up: nothing is held.
    on(
        &project,
        today,
        &[
            "recall",
            "haller",
            "--by",
            "Anna",
            "--self",
            "2",
            "--date",
            "2025-02-15",
        ],
    )
    .success();
    let items = due_json(&project, today, 30);
    assert_eq!(due_dates(&items, "follow-up", None), ["2025-06-30"]);
    assert_eq!(
        follow_up_what(&items),
        [format!(
            "follow-up, 180 days after the end (earlier ones missed: 2); {held_by}"
        )]
    );

    // A measurement on the very day of the next follow-up holds it.
    project
        .run(&[
            "indicator",
            "add",
            "haller",
            "Läsande elever",
            "--baseline",
            "10",
            "--target",
            "20",
        ])
        .success();
    project
        .run(&[
            "indicator",
            "measure",
            "haller",
            "Läsande",
            "14",
            "--date",
            "2025-04-01",
        ])
        .success();
    let items = due_json(&project, today, 30);
    assert_eq!(due_dates(&items, "follow-up", None), ["2025-06-30"]);
    assert_eq!(
        follow_up_what(&items),
        [
            "follow-up, 180 days after the end; done by: a survey import, a measurement, the follow-up step"
        ]
    );
    assert_eq!(
        items[0]["closed_by"],
        serde_json::json!(["survey", "measurement", "follow-up-step"])
    );
    // The indicator was measured after the end, so no measurement is due either.
    assert_eq!(due_dates(&items, "measurement", None), Vec::<String>::new());
}

/// A tailored initiative: planning meeting on 20 Jan 2026, delivery 1 Feb – 15 Mar 2026.
const TAILORED: &str = r#"schema = 1
title = "Skräddarsydd: Läsförståelse"
kind = "study-day"
process = "tailored"
start = 2026-02-01
end = 2026-03-15

[steps.planning]
meeting_date = 2026-01-20
"#;

#[test]
fn the_tailored_proposal_and_the_december_survey_are_due() {
    let project = Project::new().file("initiatives/skr.toml", TAILORED).file(
        "initiatives/sex.toml",
        &plain_record("Sex steg", "2026-02-01", "2026-03-15"),
    );
    let today = "2026-01-21";
    let items = due_json(&project, today, 365);
    // 20 Jan + 14 days = 3 Feb.
    let deadline: Vec<&Value> = items.iter().filter(|i| i["kind"] == "deadline").collect();
    assert_eq!(deadline.len(), 1, "{items:#?}");
    assert_eq!(deadline[0]["date"], "2026-02-03");
    assert_eq!(deadline[0]["id"], "skr");
    assert_eq!(deadline[0]["uid"], "skr-deadline-proposal@fortb");
    assert_eq!(deadline[0]["overdue"], false);
    // The principal's yearly survey, in December of the year the initiative ended.
    let yearly = due_dates(&items, "yearly-survey", None);
    assert_eq!(yearly.len(), 1, "{items:#?}");
    assert!(yearly[0].starts_with("2026-12-"), "{yearly:?}");
    let yearly_item = items.iter().find(|i| i["kind"] == "yearly-survey").unwrap();
    assert_eq!(yearly_item["id"], "skr");
    assert_eq!(yearly_item["uid"], "skr-yearly-survey-december@fortb");
    // A six-step initiative has neither.
    assert!(items
        .iter()
        .filter(|i| i["id"] == "sex")
        .all(|i| i["kind"] == "follow-up"));

    // The proposal came: the deadline is gone, overdue or not.
    on(
        &project,
        today,
        &["step", "skr", "proposal", "--done", "2026-02-02"],
    )
    .success();
    for day in [today, "2026-03-01"] {
        let items = due_json(&project, day, 365);
        assert!(
            items.iter().all(|i| i["kind"] != "deadline"),
            "{day}: {items:#?}"
        );
        assert_eq!(due_dates(&items, "yearly-survey", None).len(), 1);
    }
    // The December survey answered: gone too.
    on(
        &project,
        today,
        &[
            "step",
            "skr",
            "follow-up",
            "--answer",
            "december_survey=yes",
        ],
    )
    .success();
    let items = due_json(&project, today, 365);
    assert!(
        items.iter().all(|i| i["kind"] != "yearly-survey"),
        "{items:#?}"
    );
}

#[test]
fn a_tailored_initiatives_evaluation_survey_is_due_at_the_last_session() {
    // The tailored routine's goals are the planning step's; `fortb survey questions` asks
    // about them, and the participants answer the survey during the last session.
    let text = TAILORED.replace(
        "meeting_date = 2026-01-20\n",
        "meeting_date = 2026-01-20\ngoals = [\"Läsa med förståelse\"]\n",
    );
    let project = Project::new().file("initiatives/skr.toml", &text);
    project
        .run(&["survey", "questions", "skr", "--format", "csv"])
        .success()
        .stdout(contains(
            "goal_1,After the initiative I can: Läsa med förståelse,rating",
        ));
    let items = due_json(&project, "2026-01-21", 365);
    assert_eq!(
        due_dates(&items, "survey", Some("skr")),
        ["2026-03-15"],
        "no evaluation survey due on the last day: {items:#?}"
    );
}

#[test]
fn an_overdue_proposal_shows_as_overdue() {
    let project = Project::new().file("initiatives/skr.toml", TAILORED);
    let items = due_json(&project, "2026-02-10", 0);
    let deadline: Vec<&Value> = items.iter().filter(|i| i["kind"] == "deadline").collect();
    assert_eq!(deadline.len(), 1, "{items:#?}");
    assert_eq!(deadline[0]["overdue"], true);
    // 3 Feb to 10 Feb.
    on(&project, "2026-02-10", &["due", "--within", "0"])
        .success()
        .stdout(contains("overdue 7 d").and(contains("skr")));
}

/// Two initiatives whose follow-ups fall around 2024-03-15: one in a leap year, one that ended
/// the autumn before.
fn skottar_and_tidig() -> Project {
    Project::new()
        .file(
            "initiatives/skottar.toml",
            &plain_record("Skottår", "2024-01-10", "2024-01-31"),
        )
        .file(
            "initiatives/tidig.toml",
            &plain_record("Tidig", "2023-11-01", "2023-11-15"),
        )
}

#[test]
fn within_limits_the_future_but_always_shows_the_overdue_soonest_first() {
    let project = skottar_and_tidig();
    let today = "2024-03-15";
    // skottar: 1 Mar (overdue 14 d), 30 Apr (in 46 d), 29 Jul (in 136 d).
    // tidig: 15 Nov 2023 + 30 = 15 Dec 2023, + 90 = 13 Feb 2024, + 180 = 13 May 2024 (in 59 d).
    let dates = |within: u32| -> Vec<String> {
        due_json(&project, today, within)
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    i["date"].as_str().unwrap(),
                    i["id"].as_str().unwrap()
                )
            })
            .collect()
    };
    // tidig's two overdue follow-ups show as the later one
    assert_eq!(dates(0), ["2024-02-13 tidig", "2024-03-01 skottar"]);
    assert_eq!(dates(45), dates(0));
    assert_eq!(
        dates(46),
        [
            "2024-02-13 tidig",
            "2024-03-01 skottar",
            "2024-04-30 skottar"
        ]
    );
    assert_eq!(
        dates(200),
        [
            "2024-02-13 tidig",
            "2024-03-01 skottar",
            "2024-04-30 skottar",
            "2024-05-13 tidig",
            "2024-07-29 skottar"
        ]
    );
    let overdue: Vec<bool> = due_json(&project, today, 200)
        .iter()
        .map(|i| i["overdue"].as_bool().unwrap())
        .collect();
    assert_eq!(overdue, [true, true, false, false, false]);

    // The table: 30 days by default, soonest first.
    let table = stdout_on(&project, today, &["due"]);
    let rows: Vec<&str> = table.lines().filter(|l| l.contains(" d ")).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(
        rows[0].contains("2024-02-13")
            && rows[0].contains("overdue 31 d")
            && rows[0].contains("(earlier ones missed: 1)"),
        "{table}"
    );
    assert!(
        rows[1].contains("2024-03-01") && rows[1].contains("overdue 14 d"),
        "{table}"
    );
    assert!(!table.contains("2024-04-30"), "{table}");
    let table = stdout_on(&project, today, &["due", "--within", "46"]);
    assert!(table.contains("in 46 d"), "{table}");
    // Due today.
    let table = stdout_on(&project, "2024-04-30", &["due", "--within", "0"]);
    assert!(table.contains("today"), "{table}");
}

/// Issue 28, point 12: a period in the words people use, with or without what is late.
#[test]
fn due_takes_a_month_the_next_month_a_last_date_and_can_leave_out_the_overdue() {
    let project = skottar_and_tidig();
    let today = "2024-03-15";
    // Overdue: 2024-02-13 tidig, 2024-03-01 skottar. Ahead: 2024-04-30 skottar,
    // 2024-05-13 tidig, 2024-07-29 skottar.
    let dates = |args: &[&str]| -> Vec<String> {
        let args = [&["due", "--format", "json"][..], args].concat();
        let items = common::json(&stdout_on(&project, today, &args));
        items["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["date"].as_str().unwrap().to_string())
            .collect()
    };
    let late = ["2024-02-13", "2024-03-01"];
    assert_eq!(
        dates(&["--next-month"]),
        [&late[..], &["2024-04-30"]].concat()
    );
    assert_eq!(dates(&["--next-month", "--no-overdue"]), ["2024-04-30"]);
    assert_eq!(
        dates(&["--month", "2024-05", "--no-overdue"]),
        ["2024-05-13"]
    );
    assert_eq!(
        dates(&["--month", "2024-07"]),
        [&late[..], &["2024-07-29"]].concat()
    );
    assert_eq!(
        dates(&["--until", "2024-05-13", "--no-overdue"]),
        ["2024-04-30", "2024-05-13"]
    );
    assert_eq!(dates(&["--no-overdue", "--within", "50"]), ["2024-04-30"]);
    for (lang, nothing, bad) in [
        (
            "sv",
            "Inget att göra från 2024-06-01 till och med 2024-06-30.",
            "fortb: --month: \"juni\" är ingen månad; skriv den som ÅÅÅÅ-MM, t.ex. 2027-01",
        ),
        (
            "en",
            "Nothing due from 2024-06-01 to 2024-06-30.",
            "fortb: --month: \"juni\" is not a month; write it as YYYY-MM, e.g. 2027-01",
        ),
    ] {
        on(
            &project,
            today,
            &["--lang", lang, "due", "--month", "2024-06", "--no-overdue"],
        )
        .success()
        .stdout("")
        .stderr(format!("{nothing}\n"));
        on(&project, today, &["--lang", lang, "due", "--month", "juni"])
            .code(2)
            .stderr(format!("{bad}\n"));
        on(
            &project,
            today,
            &["--lang", lang, "due", "--month", "2024-06", "--within", "5"],
        )
        .code(2);
    }
}

/// Issue 28, point 12: a record not in git whose latest date lies ahead gives a stamp of
/// today at the latest, never one in the future.
#[test]
fn a_calendar_never_carries_a_stamp_in_the_future() {
    let project = Project::new().file(
        "initiatives/senare.toml",
        &plain_record("Senare", "2026-12-01", "2027-01-07"),
    );
    let ics = stdout_on(
        &project,
        "2026-12-06",
        &["due", "--format", "ics", "--within", "400"],
    );
    let stamps: Vec<&str> = ics.lines().filter(|l| l.starts_with("DTSTAMP:")).collect();
    assert!(!stamps.is_empty(), "{ics}");
    // Outside git the stamp is when the file was written: never the record's end ahead, and
    // never later than now.
    let now = format!("DTSTAMP:{}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ"));
    for stamp in stamps {
        assert!(
            stamp.trim_end() <= now.as_str(),
            "{stamp} after {now}:\n{ics}"
        );
        assert!(!stamp.starts_with("DTSTAMP:2027"), "{ics}");
    }
}

/// Issue 28, point 11: an indicator not measured, whose value the follow-up step gave in
/// words, shows that value when the words hold one, else the words themselves.
#[test]
fn an_indicator_answered_in_words_shows_the_answer() {
    let record = |answer: &str| {
        format!(
            "title = \"Lektionsbesök\"\nkind = \"peer-learning\"\nstart = 2025-03-01\nend = 2025-05-01\n\n\
             [steps.follow-up]\nindicator_results = \"{answer}\"\n\n\
             [[indicator]]\nname = \"Klassrum med synliga mål\"\nbaseline = 30\ntarget = 90\nunit = \"%\"\n\n\
             [[recall]]\nby = \"Anna\"\ndate = 2025-11-20\nself = 3\n"
        )
    };
    let project = Project::new().file("initiatives/besok.toml", &record("8 av 10 klassrum"));
    for (lang, shown) in [
        (
            "sv",
            "Klassrum med synliga mål: 30 → 80 % (mål 90 %), 83 % av vägen.",
        ),
        (
            "en",
            "Klassrum med synliga mål: 30 → 80 % (target 90 %), 83 % of the way.",
        ),
    ] {
        let report = project.stdout(&["--lang", lang, "report", "--until", "2025-12-01"]);
        assert!(report.contains(shown), "{report}");
    }
    project.write("initiatives/besok.toml", record("fler än förra året"));
    for (lang, shown) in [
        (
            "sv",
            "Klassrum med synliga mål: 30 % (mål 90 %); uppföljningen: ”fler än förra året”.",
        ),
        (
            "en",
            "Klassrum med synliga mål: 30 % (target 90 %); the follow-up: “fler än förra året”.",
        ),
    ] {
        let report = project.stdout(&["--lang", lang, "report", "--until", "2025-12-01"]);
        assert!(report.contains(shown), "{report}");
    }
}

#[test]
fn due_json_has_the_documented_keys() {
    let mut goals = plain_record("Med mål", "2025-05-01", "2025-05-20");
    goals.push_str("\n[steps.concept]\nlearning_goals = [\"Läsa högt\"]\n");
    let project = Project::new()
        .file("initiatives/mal.toml", &goals)
        .file("initiatives/skr.toml", TAILORED);
    project
        .run(&[
            "indicator",
            "add",
            "mal",
            "Läsande elever",
            "--baseline",
            "10",
            "--target",
            "20",
        ])
        .success();
    let items = due_json(&project, "2025-05-01", 800);
    assert!(!items.is_empty());
    for item in &items {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "date",
                "overdue",
                "kind",
                "id",
                "title",
                "what",
                "uid",
                "closed_by"
            ],
            "{item}"
        );
        assert!(item["date"].as_str().is_some_and(|d| d.len() == 10));
        assert!(item["overdue"].is_boolean());
        assert!(item["what"].as_str().is_some_and(|w| !w.is_empty()));
        let id = item["id"].as_str().unwrap();
        assert!(
            item["uid"].as_str().unwrap().starts_with(&format!("{id}-")),
            "{item}"
        );
    }
    let kinds: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    for kind in [
        "follow-up",
        "deadline",
        "measurement",
        "survey",
        "yearly-survey",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {items:#?}");
    }
    let titles: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles.into_iter().collect::<Vec<_>>(),
        ["Med mål", "Skräddarsydd: Läsförståelse"]
    );
    // Soonest first.
    let dates: Vec<&str> = items.iter().map(|i| i["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn due_as_an_icalendar_file_reads_back() {
    let long_title = "Skräddarsydd fortbildning: läs- och skrivutveckling för alla ämneslärare på Ängsskolan och Björkåsens förskoleklass";
    let project = Project::new()
        .file(
            "initiatives/skottar.toml",
            &plain_record("Skottår", "2024-01-10", "2024-01-31"),
        )
        .file(
            "initiatives/lang.toml",
            &TAILORED.replace("Skräddarsydd: Läsförståelse", long_title),
        );
    let today = "2024-02-01";
    let ics = stdout_on(
        &project,
        today,
        &["due", "--format", "ics", "--within", "1100"],
    );

    // Every line ends in CRLF and has at most 75 octets; something was folded.
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    let bytes = ics.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
        }
        if b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
        }
    }
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(
        ics.split("\r\n").any(|l| l.starts_with(' ')),
        "nothing folded:\n{ics}"
    );

    assert!(ics.contains("DTSTART;VALUE=DATE:20240301\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20240729\r\n"));
    assert!(ics.contains(&format!("SUMMARY:{}", &long_title[..20])));

    // Read back by a calendar program's library (Python's icalendar), against dates worked
    // out by hand. skottar ends 31 Jan 2024, a leap year: + 30 days = 1 Mar, + 90 = 30 Apr,
    // + 180 = 29 Jul. lang ends 15 Mar 2026: + 30 = 14 Apr, + 90 = 13 Jun, + 180 = 11 Sep;
    // its proposal is due 14 days after the planning meeting (20 Jan + 14 = 3 Feb 2026); the
    // principal's December survey of 2026 on 15 Dec.
    let Some(python) = common::icalendar_python() else {
        return;
    };
    let calendar = common::read_calendar(&python, &ics);
    let follow_up = |n: u32| format!("follow-up, {n} days after the end");
    let wanted: Vec<(&str, &str, &str, String)> = vec![
        (
            "skottar-follow-up-1@fortb",
            "2024-03-01",
            "Skottår",
            follow_up(30),
        ),
        (
            "skottar-follow-up-2@fortb",
            "2024-04-30",
            "Skottår",
            follow_up(90),
        ),
        (
            "skottar-follow-up-3@fortb",
            "2024-07-29",
            "Skottår",
            follow_up(180),
        ),
        (
            "lang-deadline-proposal@fortb",
            "2026-02-03",
            long_title,
            "proposal: waiting for the centre's proposal".to_string(),
        ),
        (
            "lang-follow-up-1@fortb",
            "2026-04-14",
            long_title,
            follow_up(30),
        ),
        (
            "lang-follow-up-2@fortb",
            "2026-06-13",
            long_title,
            follow_up(90),
        ),
        (
            "lang-follow-up-3@fortb",
            "2026-09-11",
            long_title,
            follow_up(180),
        ),
        (
            "lang-yearly-survey-december@fortb",
            "2026-12-15",
            long_title,
            "the principal's December survey on the initiatives of 2026".to_string(),
        ),
    ];
    let events = calendar["events"].as_array().unwrap();
    assert_eq!(events.len(), wanted.len(), "{calendar:#}");
    for (event, (uid, date, title, what)) in events.iter().zip(&wanted) {
        assert_eq!(event["uid"], *uid, "{event:#}");
        assert_eq!(event["start"], *date, "{event:#}");
        assert_eq!(event["summary"], format!("{title}: {what}"), "{event:#}");
        // In plain words: the initiative, what is due and what to do.
        let description = event["description"].as_str().unwrap();
        assert!(
            description.starts_with(&format!("Initiative: {title}\nDue {date}: {what}\nTo do: ")),
            "{description}"
        );
    }
    // The same day gives the same file; another day (same horizon) the same events and UIDs.
    let again = stdout_on(
        &project,
        today,
        &["due", "--format", "ics", "--within", "1100"],
    );
    assert_eq!(again, ics);
    let next_day = stdout_on(
        &project,
        "2024-02-02",
        &["due", "--format", "ics", "--within", "1099"],
    );
    let later = common::read_calendar(&python, &next_day);
    let without_stamps = |calendar: &Value| -> Vec<Value> {
        let mut events = calendar["events"].as_array().unwrap().clone();
        for event in &mut events {
            event["stamp"] = Value::Null;
        }
        events
    };
    assert_eq!(without_stamps(&later), without_stamps(&calendar));
}

#[test]
fn nothing_due_in_an_empty_project() {
    let project = Project::new();
    on(&project, "2025-06-01", &["due"])
        .success()
        .stdout("")
        .stderr(contains(
            "Nothing due in the next 30 days and nothing overdue.",
        ));
    on(&project, "2025-06-01", &["due", "--within", "90"])
        .success()
        .stderr(contains("Nothing due in the next 90 days"));
    // One day is one day, not "1 days", in both languages.
    on(&project, "2025-06-01", &["due", "--within", "1"])
        .success()
        .stderr(contains("Nothing due in the next day and nothing overdue."));
    on(
        &project,
        "2025-06-01",
        &["--lang", "sv", "due", "--within", "1", "--no-overdue"],
    )
    .success()
    .stderr(contains("Inget att göra den närmaste dagen."));
    assert_eq!(due_json(&project, "2025-06-01", 30), Vec::<Value>::new());
    let ics = stdout_on(&project, "2025-06-01", &["due", "--format", "ics"]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.contains("BEGIN:VEVENT"), "{ics}");
}

// ---------------------------------------------------------------------------------------------
// 3. Surveys
// ---------------------------------------------------------------------------------------------

const GOAL_1: &str = "Formulera lärandemål som eleverna förstår";
const GOAL_2: &str = "Ge återkoppling under lektionen";

/// A record whose concept step has the two learning goals the fixtures were made for.
const FORMATIV: &str = r#"# Formativ bedömning, vårterminen
schema = 1
title = "Formativ bedömning"
kind = "book-circle"
process = "six-step"
start = 2025-01-15
end = 2025-05-20

[steps.concept]
learning_goals = [
  "Formulera lärandemål som eleverna förstår",  # det viktigaste
  "Ge återkoppling under lektionen",
]
"#;

/// A project (in `lang`) with `formativ.toml`, and a record without learning goals.
fn survey_project(lang: &str) -> Project {
    Project::empty()
        .file(
            "fortb.toml",
            &format!("name = \"skolan\"\nlang = \"{lang}\"\n"),
        )
        .file("initiatives/formativ.toml", FORMATIV)
        .file(
            "initiatives/utan.toml",
            "schema = 1\ntitle = \"Utan mål\"\nkind = \"study-day\"\nstart = 2025-03-01\n",
        )
}

#[test]
fn survey_questions_from_the_learning_goals() {
    let project = survey_project("sv");

    // The project's language: Swedish.
    let output = project
        .cmd()
        .args(["survey", "questions", "formativ"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(stderr_of(&output), "", "no warning with learning goals");
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.starts_with("# Formativ bedömning\n"), "{markdown}");
    assert!(markdown.contains("1 = stämmer inte alls"), "{markdown}");
    for (n, text) in [
        (1, format!("Efter insatsen kan jag: {GOAL_1}")),
        (2, format!("Efter insatsen kan jag: {GOAL_2}")),
        (
            3,
            "Jag har använt det jag lärt mig i mitt vardagliga arbete".to_string(),
        ),
        (
            4,
            "Jag vet när och hur jag ska använda det nästa gång".to_string(),
        ),
        (
            5,
            "Vad har du ändrat i ditt arbete tack vare insatsen?".to_string(),
        ),
        (
            6,
            "Vad skulle behövas för att det ska fastna bättre?".to_string(),
        ),
    ] {
        assert!(
            markdown.contains(&format!("\n{n}. **{text}**\n")),
            "{n}. {text}:\n{markdown}"
        );
    }
    // Four ratings, two questions to write on.
    assert_eq!(markdown.matches("☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5").count(), 4);
    assert_eq!(markdown.matches("Skriv ditt svar här:").count(), 2);

    let csv = project.stdout(&["survey", "questions", "formativ", "--format", "csv"]);
    assert_eq!(
        csv,
        format!(
            // Swedish: what Excel on a Swedish Windows opens with a double-click.
            "\u{feff}key;text;type\r\n\
             goal_1;Efter insatsen kan jag: {GOAL_1};rating\r\n\
             goal_2;Efter insatsen kan jag: {GOAL_2};rating\r\n\
             applied;Jag har använt det jag lärt mig i mitt vardagliga arbete;rating\r\n\
             next_use;Jag vet när och hur jag ska använda det nästa gång;rating\r\n\
             changed;Vad har du ändrat i ditt arbete tack vare insatsen?;free_text\r\n\
             stick;Vad skulle behövas för att det ska fastna bättre?;free_text\r\n"
        )
    );
    assert_eq!(
        project.stdout(&[
            "--lang",
            "sv",
            "survey",
            "questions",
            "formativ",
            "--format",
            "csv"
        ]),
        csv
    );

    // --lang en: the goals as written, the rest in English.
    let csv = project.stdout(&[
        "--lang",
        "en",
        "survey",
        "questions",
        "formativ",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv,
        format!(
            "key,text,type\r\n\
             goal_1,After the initiative I can: {GOAL_1},rating\r\n\
             goal_2,After the initiative I can: {GOAL_2},rating\r\n\
             applied,I have used what I learned in my everyday work,rating\r\n\
             next_use,I know when and how I will use it next,rating\r\n\
             changed,What have you changed in your work because of the initiative?,free_text\r\n\
             stick,What would make it stick better?,free_text\r\n"
        )
    );
    let markdown = project.stdout(&["--lang", "en", "survey", "questions", "formativ"]);
    assert!(markdown.contains("1 = not at all"), "{markdown}");
    assert!(markdown.contains(&format!("\n1. **After the initiative I can: {GOAL_1}**\n")));
    assert!(markdown.contains("\n6. **What would make it stick better?**\n"));
    assert_eq!(markdown.matches("Write your answer here:").count(), 2);
}

#[test]
fn survey_questions_without_learning_goals_warn_but_ask_about_everyday_use() {
    let project = survey_project("en");
    let output = project
        .cmd()
        .args(["survey", "questions", "utan"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = stderr_of(&output);
    assert!(stderr.contains("utan has no learning goals"), "{stderr}");
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.starts_with("# Utan mål\n"), "{markdown}");
    assert!(markdown.contains("\n1. **I have used what I learned in my everyday work**\n"));
    assert!(markdown.contains("\n4. **What would make it stick better?**\n"));
    assert!(!markdown.contains("After the initiative I can"));
    assert!(!markdown.contains("\n5. "));

    project
        .run(&["survey", "questions", "utan", "--format", "csv"])
        .success()
        .stderr(contains("no learning goals"))
        .stdout(
            "key,text,type\r\n\
             applied,I have used what I learned in my everyday work,rating\r\n\
             next_use,I know when and how I will use it next,rating\r\n\
             changed,What have you changed in your work because of the initiative?,free_text\r\n\
             stick,What would make it stick better?,free_text\r\n",
        );
}

/// One rating as the record should keep it.
struct Rating<'a> {
    key: &'a str,
    text: String,
    mean: f64,
    distribution: [i64; 5],
}

/// The fingerprints of the respondents counted in `formativ`'s end-of-initiative round, kept
/// outside git.
fn fingerprints(project: &Project) -> Vec<String> {
    let private = toml_table(&project.read(".fortb/surveys/formativ/end.toml"));
    private["fingerprints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().expect("a fingerprint is a string").to_string())
        .collect()
}

/// Checks `[survey]` of `formativ`: responses, imported, no fingerprints, exactly `ratings`;
/// and that the private round counts each respondent once.
fn assert_survey(project: &Project, responses: i64, imported: &str, ratings: &[Rating]) {
    let record = record(project, "formativ");
    let survey = record
        .get("survey")
        .and_then(toml::Value::as_table)
        .unwrap_or_else(|| panic!("no [survey] in {record:#?}"));
    assert_eq!(survey["responses"].as_integer(), Some(responses));
    assert_eq!(survey["imported"].to_string(), imported);
    assert!(survey.get("respondents").is_none(), "{survey:#?}");
    let respondents = fingerprints(project);
    let waiting = survey.get("waiting").map_or(0, |w| w.as_integer().unwrap());
    assert_eq!(respondents.len() as i64, responses + waiting);
    for hash in &respondents {
        assert!(
            hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "not 16 hex digits: {hash:?}"
        );
    }
    let distinct: std::collections::BTreeSet<&String> = respondents.iter().collect();
    assert_eq!(
        distinct.len(),
        respondents.len(),
        "a respondent counted twice"
    );

    let stored = survey["ratings"].as_table().expect("[survey.ratings]");
    let keys: Vec<&str> = stored.keys().map(String::as_str).collect();
    let mut wanted: Vec<&str> = ratings.iter().map(|r| r.key).collect();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    wanted.sort();
    assert_eq!(keys_sorted, wanted, "rating keys");
    for rating in ratings {
        let entry = stored[rating.key].as_table().unwrap();
        assert_eq!(
            entry["text"].as_str(),
            Some(rating.text.as_str()),
            "{}",
            rating.key
        );
        let mean = number(&entry["mean"]);
        assert!(
            approx(mean, rating.mean),
            "{}: mean {mean}, wanted {}",
            rating.key,
            rating.mean
        );
        let distribution: Vec<i64> = entry["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_integer().unwrap())
            .collect();
        assert_eq!(distribution, rating.distribution, "{}", rating.key);
    }
}

/// Imports `fixture` into `formativ` on `today`; returns the output.
fn import(project: &Project, today: &str, file: &std::path::Path) -> Output {
    let output = output_on(
        project,
        today,
        &["survey", "import", "formativ", file.to_str().unwrap()],
    );
    assert!(
        output.status.success(),
        "import failed: {}",
        stderr_of(&output)
    );
    output
}

/// Free text never lands in the record.
fn assert_no_free_text_in_record(project: &Project, answers: &[&str]) {
    let text = project.read("initiatives/formativ.toml");
    for answer in answers {
        assert!(
            !text.contains(answer),
            "{answer:?} is in the record:\n{text}"
        );
    }
    assert!(text.starts_with("# Formativ bedömning, vårterminen\n"));
    assert!(text.contains("# det viktigaste"));
}

#[test]
fn survey_import_microsoft_forms_in_english() {
    let project = survey_project("en");
    let output = import(&project, "2025-06-02", &survey_fixture("forms_en.csv"));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("new respondents counted: 8"), "{stderr}");
    assert!(stderr.contains("already counted, skipped: 0"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let en = "After the initiative I can:";
    assert_survey(
        &project,
        8,
        "2025-06-02",
        &[
            // goal_1: 4 5 3 4 4 2 5 4 → one 2, one 3, four 4s, two 5s; 31 / 8 = 3.875 → 3.88
            Rating {
                key: "goal_1",
                text: format!("{en} {GOAL_1}"),
                mean: 3.88,
                distribution: [0, 1, 1, 4, 2],
            },
            // goal_2: 3 4 – 5 4 3 4 2 → 25 / 7 = 3.571… → 3.57
            Rating {
                key: "goal_2",
                text: format!("{en} {GOAL_2}"),
                mean: 3.57,
                distribution: [0, 1, 2, 3, 1],
            },
            // applied: 4 3 4 5 N/A 3 4 5 → 28 / 7 = 4
            Rating {
                key: "applied",
                text: "I have used what I learned in my everyday work".into(),
                mean: 4.0,
                distribution: [0, 0, 2, 3, 2],
            },
            // next_use: 3 3 4 4 2 2 5 3 → 26 / 8 = 3.25
            Rating {
                key: "next_use",
                text: "I know when and how I will use it next".into(),
                mean: 3.25,
                distribution: [0, 2, 3, 2, 1],
            },
        ],
    );
    let answers = project.read("initiatives/formativ.survey.md");
    assert!(
        answers.starts_with("# Formativ bedömning: free-text answers\n"),
        "{answers}"
    );
    assert!(!answers.contains("forms_en.csv"), "{answers}");
    assert!(answers.contains("## What have you changed in your work because of the initiative?\n"));
    assert!(answers.contains("## What would make it stick better?\n"));
    // Six answers to the first free-text question, five to the second.
    assert_eq!(
        answers.lines().filter(|l| l.starts_with("- ")).count(),
        11,
        "{answers}"
    );
    for answer in [
        "- We use \"exit tickets\" now, at least twice a week.\n",
        "- Goals in pupil-friendly words on every assignment, with a \"what good looks like\" example.\n",
        "- Visit each other's lessons, then talk about what we saw.\n",
    ] {
        assert!(answers.contains(answer), "{answer:?} missing:\n{answers}");
    }
    assert_no_free_text_in_record(&project, &["exit tickets", "Visit each other", "anonymous"]);
    assert_check_passes(&project);
}

#[test]
fn survey_import_swedish_forms_with_semicolons_and_a_bom() {
    let project = survey_project("en");
    let output = import(
        &project,
        "2025-05-21",
        &survey_fixture("forms_sv_semicolon_bom.csv"),
    );
    let stderr = stderr_of(&output);
    assert!(stderr.contains("new respondents counted: 6"), "{stderr}");
    let sv = "Efter insatsen kan jag:";
    assert_survey(
        &project,
        6,
        "2025-05-21",
        &[
            // goal_1: 5 4 4 3 5 4 → 25 / 6 = 4.166… → 4.17
            Rating {
                key: "goal_1",
                text: format!("{sv} {GOAL_1}"),
                mean: 4.17,
                distribution: [0, 0, 1, 3, 2],
            },
            // goal_2: 4 4 3 2 5 3 → 21 / 6 = 3.5
            Rating {
                key: "goal_2",
                text: format!("{sv} {GOAL_2}"),
                mean: 3.5,
                distribution: [0, 1, 2, 2, 1],
            },
            // applied, labelled ("4 – Stämmer ganska bra"): 4 3 5 2 4 – → 18 / 5 = 3.6
            Rating {
                key: "applied",
                text: "Jag har använt det jag lärt mig i mitt vardagliga arbete".into(),
                mean: 3.6,
                distribution: [0, 1, 1, 2, 1],
            },
            // next_use, labelled: 3 4 4 2 5 3 → 21 / 6 = 3.5
            Rating {
                key: "next_use",
                text: "Jag vet när och hur jag ska använda det nästa gång".into(),
                mean: 3.5,
                distribution: [0, 1, 2, 2, 1],
            },
        ],
    );
    // Six respondents are enough for the ratings but not for the free text: it waits outside
    // git, whole (the quoted answer with a line break and a semicolon is one answer).
    assert!(
        stderr.contains("free-text answers that wait outside the repository (in .fortb/) until they come from at least 8 people: 8"),
        "{stderr}"
    );
    assert!(!project.exists("initiatives/formativ.survey.md"));
    let private: toml::Table = toml_table(&project.read(".fortb/surveys/formativ/end.toml"));
    let waiting: Vec<&str> = private["text_waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["answer"].as_str().unwrap())
        .collect();
    assert_eq!(waiting.len(), 8, "{waiting:#?}");
    assert!(waiting.contains(
        &"Jag börjar varje lektion med att skriva målet på tavlan; eleverna får sedan säga det med egna ord.\nDet har gjort större skillnad än jag trodde."
    ));
    assert_no_free_text_in_record(
        &project,
        &["Jag börjar varje lektion", "exit tickets", "slöjd"],
    );
    assert_check_passes(&project);
}

/// What an import leaves behind: the record's `[survey]` and the answers waiting outside git
/// (without the fingerprints, which are keyed differently in each project).
fn imported_answers(project: &Project) -> (String, String) {
    let record = project.read("initiatives/formativ.toml");
    let survey = record[record.find("[survey").expect("a [survey] section")..].to_string();
    let private = project.read(".fortb/surveys/formativ/end.toml");
    let waiting = private
        .lines()
        .filter(|line| !line.starts_with("fingerprints = "))
        .collect::<Vec<_>>()
        .join("\n");
    (survey, waiting)
}

#[test]
fn survey_import_reads_utf8_utf16_and_swedish_excels_windows_1252_alike() {
    let with_bom = std::fs::read(survey_fixture("forms_sv_semicolon_bom.csv")).unwrap();
    let expected = {
        let project = survey_project("en");
        project.write("svar.csv", &with_bom);
        let output = output_on(
            &project,
            "2025-05-21",
            &["survey", "import", "formativ", "svar.csv"],
        );
        assert!(output.status.success(), "{}", stderr_of(&output));
        imported_answers(&project)
    };
    assert!(
        expected.1.contains("Jag börjar varje lektion"),
        "{}",
        expected.1
    );
    let saved_as: [(&str, Vec<u8>, &str, &str); 4] = [
        ("UTF-8 without a BOM", with_bom[3..].to_vec(), "", ""),
        (
            "UTF-16 LE",
            std::fs::read(survey_fixture("forms_sv_utf16le.csv")).unwrap(),
            "read svar.csv as UTF-16 LE\n",
            "läste svar.csv som UTF-16 LE\n",
        ),
        (
            "UTF-16 BE",
            std::fs::read(survey_fixture("forms_sv_utf16be.csv")).unwrap(),
            "read svar.csv as UTF-16 BE\n",
            "läste svar.csv som UTF-16 BE\n",
        ),
        (
            "Windows-1252",
            std::fs::read(survey_fixture("forms_sv_windows_1252.csv")).unwrap(),
            "read svar.csv as Windows-1252, since it is not UTF-8: Excel on Windows saves its plain CSV so\n",
            "läste svar.csv som Windows-1252 eftersom den inte är UTF-8: så sparar Excel i Windows sin vanliga CSV\n",
        ),
    ];
    for (what, bytes, note_en, note_sv) in saved_as {
        for (lang, note) in [("en", note_en), ("sv", note_sv)] {
            let project = survey_project(lang);
            project.write("svar.csv", &bytes);
            let output = output_on(
                &project,
                "2025-05-21",
                &["survey", "import", "formativ", "svar.csv"],
            );
            assert!(output.status.success(), "{what}: {}", stderr_of(&output));
            let stderr = stderr_of(&output);
            assert!(stderr.starts_with(note), "{what} in {lang}: {stderr}");
            if lang == "en" {
                assert_eq!(
                    imported_answers(&project),
                    expected,
                    "{what} read otherwise"
                );
            }
        }
    }
}

#[test]
fn survey_import_of_a_workbook_asks_for_a_csv() {
    let project = survey_project("sv");
    // The start of a real workbook (a zip archive): NUL bytes and a checksum.
    project.write(
        "svar.xlsx",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5\x55\x30\x23\xf4\x01",
    );
    project
        .cmd()
        .args(["survey", "import", "formativ", "svar.xlsx"])
        .assert()
        .code(1)
        .stderr(
            "fortb: svar.xlsx är ingen textfil; spara svaren som CSV (i Excel: Spara som › CSV \
             UTF-8 (kommaavgränsad)) och importera den\n",
        );
    assert!(!project.exists(".fortb/surveys"));
}

#[test]
fn survey_import_reports_a_missing_and_an_extra_column() {
    let project = survey_project("en");
    let output = import(
        &project,
        "2025-11-28",
        &survey_fixture("google_missing_column.csv"),
    );
    let stderr = stderr_of(&output);
    assert!(stderr.contains("new respondents counted: 7"), "{stderr}");
    assert!(
        stderr.contains("columns that match no question (left out): Vilken skola arbetar du på?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("questions with no column in the file: goal_2"),
        "{stderr}"
    );
    assert_survey(
        &project,
        7,
        "2025-11-28",
        &[
            // goal_1: 3 4 5 4 2 4 3 → 25 / 7 = 3.571… → 3.57
            Rating {
                key: "goal_1",
                text: format!("Efter insatsen kan jag: {GOAL_1}"),
                mean: 3.57,
                distribution: [0, 1, 2, 3, 1],
            },
            // goal_2 has no column and so no answers: not stored.
            // applied: 2 3 4 4 3 5 3 → 24 / 7 = 3.428… → 3.43
            Rating {
                key: "applied",
                text: "Jag har använt det jag lärt mig i mitt vardagliga arbete".into(),
                mean: 3.43,
                distribution: [0, 1, 3, 2, 1],
            },
            // next_use: 3 3 4 5 2 4 4 → 25 / 7 → 3.57
            Rating {
                key: "next_use",
                text: "Jag vet när och hur jag ska använda det nästa gång".into(),
                mean: 3.57,
                distribution: [0, 1, 2, 3, 1],
            },
        ],
    );
    // Neither the left-out column (school names) nor the e-mail addresses are kept anywhere;
    // the free text of seven waits outside git.
    assert!(!project.exists("initiatives/formativ.survey.md"));
    let answers = project.read(".fortb/surveys/formativ/end.toml");
    for private in [
        "Björkskolan",
        "Ekbackens skola",
        "Ängsskolan",
        "karin.lind@exempel.se",
        "2025-11-27",
    ] {
        assert!(!answers.contains(private), "{private} in:\n{answers}");
    }
    assert!(answers.contains("Eleverna bedömer sitt eget arbete mot målen"));
    assert_no_free_text_in_record(
        &project,
        &[
            "Björkskolan",
            "Ängsskolan",
            "karin.lind@exempel.se",
            "Tydligare lektionsstruktur",
        ],
    );
    assert_check_passes(&project);
}

#[test]
fn check_points_at_what_fortb_cannot_use_in_a_hand_edited_survey() {
    let project = survey_project("en");
    import(&project, "2025-06-02", &survey_fixture("forms_en.csv"));
    assert_check_passes(&project);
    let path = "initiatives/formativ.toml";
    let imported = project.read(path);
    let edited = imported
        .replacen(
            "responses = 8",
            "responses = 8\nrespondents = [\"706927703676891f\", \"cf8d50f67951c4f5\"]",
            1,
        )
        .replacen("distribution = [", "distribution = [7, ", 1)
        .replacen(
            "[survey.ratings.applied]",
            "[survey.ratings.applied]\ncolour = \"blue\"",
            1,
        );
    project.write(path, &edited);
    let line_of = |needle: &str| {
        1 + edited
            .lines()
            .position(|line| line.starts_with(needle))
            .unwrap_or_else(|| panic!("no line starting with {needle}"))
    };
    let output = project.run(&["check"]).success().get_output().clone();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in [
        format!(
            "{path}:{}:1: warning: 2 respondent fingerprints kept by an older fortb: with the export at hand they tell whose answers are whose; delete the line",
            line_of("respondents")
        ),
        format!(
            "{path}:{}:1: warning: the distribution has 6 counts, not five",
            line_of("distribution = [7, ")
        ),
        format!(
            "{path}:{}:1: warning: unknown key \"survey.ratings.applied.colour\"",
            line_of("colour")
        ),
    ] {
        assert!(stdout.contains(&expected), "missing {expected:?} in\n{stdout}");
    }
    assert!(stderr_of(&output).contains("errors: 0 · warnings: 3"));
}

#[test]
fn importing_the_same_file_twice_counts_nobody_twice() {
    let project = survey_project("en");
    import(&project, "2025-06-02", &survey_fixture("forms_en.csv"));
    let survey_of = |project: &Project| {
        let mut survey = record(project, "formativ")["survey"]
            .as_table()
            .unwrap()
            .clone();
        survey.remove("imported");
        survey
    };
    let first = survey_of(&project);
    let answers = project.read("initiatives/formativ.survey.md");

    let output = import(&project, "2025-06-03", &survey_fixture("forms_en.csv"));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("new respondents counted: 0"), "{stderr}");
    assert!(stderr.contains("already counted, skipped: 8"), "{stderr}");
    assert_eq!(survey_of(&project), first);
    assert_eq!(
        record(&project, "formativ")["survey"]["responses"].as_integer(),
        Some(8)
    );
    // No answers were added twice either.
    assert_eq!(project.read("initiatives/formativ.survey.md"), answers);
    assert_check_passes(&project);
}

#[test]
fn a_second_export_adds_to_the_first() {
    let project = survey_project("en");
    import(
        &project,
        "2025-05-21",
        &survey_fixture("forms_sv_semicolon_bom.csv"),
    );
    import(
        &project,
        "2025-11-28",
        &survey_fixture("google_missing_column.csv"),
    );
    let sv = "Efter insatsen kan jag:";
    assert_survey(
        &project,
        13,
        "2025-11-28",
        &[
            // [0,0,1,3,2] + [0,1,2,3,1] = [0,1,3,6,3]: (2 + 9 + 24 + 15) / 13 = 50 / 13 → 3.85
            Rating {
                key: "goal_1",
                text: format!("{sv} {GOAL_1}"),
                mean: 3.85,
                distribution: [0, 1, 3, 6, 3],
            },
            // only the first export had goal_2: 21 / 6 = 3.5
            Rating {
                key: "goal_2",
                text: format!("{sv} {GOAL_2}"),
                mean: 3.5,
                distribution: [0, 1, 2, 2, 1],
            },
            // [0,1,1,2,1] + [0,1,3,2,1] = [0,2,4,4,2]: (4 + 12 + 16 + 10) / 12 = 3.5
            Rating {
                key: "applied",
                text: "Jag har använt det jag lärt mig i mitt vardagliga arbete".into(),
                mean: 3.5,
                distribution: [0, 2, 4, 4, 2],
            },
            // [0,1,2,2,1] + [0,1,2,3,1] = [0,2,4,5,2]: (4 + 12 + 20 + 10) / 13 = 46 / 13 → 3.54
            Rating {
                key: "next_use",
                text: "Jag vet när och hur jag ska använda det nästa gång".into(),
                mean: 3.54,
                distribution: [0, 2, 4, 5, 2],
            },
        ],
    );
    // Thirteen respondents: the free text of both exports is in the repository now, eight
    // answers from the first and ten from the second.
    let answers = project.read("initiatives/formativ.survey.md");
    assert_eq!(
        answers.lines().filter(|l| l.starts_with("- ")).count(),
        18,
        "{answers}"
    );
    let private = toml_table(&project.read(".fortb/surveys/formativ/end.toml"));
    assert_eq!(private["text_waiting"].as_array().map(Vec::len), Some(0));
    assert_check_passes(&project);
}

#[test]
fn only_an_import_that_counts_someone_holds_a_follow_up() {
    let project = survey_project("en");
    // formativ ends 20 May 2025: follow-ups on 19 Jun (+30), 18 Aug (+90) and 16 Nov (+180);
    // with learning goals and no survey yet, the evaluation survey is due on 20 May.
    let items = due_json(&project, "2025-06-20", 0);
    assert_eq!(
        due_dates(&items, "follow-up", Some("formativ")),
        ["2025-06-19"]
    );
    assert_eq!(
        due_dates(&items, "survey", Some("formativ")),
        ["2025-05-20"]
    );

    // Answers imported on 20 Jun hold the follow-up of 19 Jun, and the survey is done.
    import(
        &project,
        "2025-06-20",
        &survey_fixture("forms_sv_semicolon_bom.csv"),
    );
    let items = due_json(&project, "2025-06-20", 0);
    assert!(items.iter().all(|i| i["id"] != "formativ"), "{items:#?}");

    // On 1 Sep the follow-up of 18 Aug is overdue. Importing the same export again counts
    // nobody, so nothing was followed up: the follow-up stays due.
    assert_eq!(
        due_dates(
            &due_json(&project, "2025-09-01", 0),
            "follow-up",
            Some("formativ")
        ),
        ["2025-08-18"]
    );
    let output = import(
        &project,
        "2025-09-01",
        &survey_fixture("forms_sv_semicolon_bom.csv"),
    );
    assert!(stderr_of(&output).contains("new respondents counted: 0"));
    assert_eq!(
        due_dates(
            &due_json(&project, "2025-09-01", 0),
            "follow-up",
            Some("formativ")
        ),
        ["2025-08-18"],
        "a re-import that added nobody counted as a follow-up"
    );

    // New answers on 2 Sep do hold it.
    import(
        &project,
        "2025-09-02",
        &survey_fixture("google_missing_column.csv"),
    );
    assert_eq!(
        due_dates(
            &due_json(&project, "2025-09-02", 0),
            "follow-up",
            Some("formativ")
        ),
        Vec::<String>::new()
    );
}

#[test]
fn a_csv_with_an_unterminated_quote_is_refused_with_its_line() {
    let project = survey_project("en");
    project.write(
        "enkat.csv",
        format!(
            "Id,After the initiative I can: {GOAL_1},What would make it stick better?\n\
             1,4,More time.\n\
             2,5,\"Visits, and\n\
             3,3,never closed\n"
        ),
    );
    let before = project.bytes("initiatives/formativ.toml");
    on(
        &project,
        "2025-06-02",
        &["survey", "import", "formativ", "enkat.csv"],
    )
    .failure()
    .stderr(contains("enkat.csv:3:").and(contains("never closed")));
    assert_eq!(project.bytes("initiatives/formativ.toml"), before);
    assert!(!project.exists("initiatives/formativ.survey.md"));
}

#[test]
fn a_csv_whose_columns_match_nothing_is_refused() {
    let project = survey_project("en");
    project.write(
        "annat.csv",
        "Tidsstämpel,Vilken skola arbetar du på?,Hur många elever har du?\n\
         2025-06-01 10:00,Björkskolan,25\n",
    );
    let before = project.bytes("initiatives/formativ.toml");
    on(
        &project,
        "2025-06-02",
        &["survey", "import", "formativ", "annat.csv"],
    )
    .failure()
    .stderr(contains("annat.csv: no column matches a question"));
    assert_eq!(project.bytes("initiatives/formativ.toml"), before);
    assert!(!project.exists("initiatives/formativ.survey.md"));
    assert_check_passes(&project);
}

// ---------------------------------------------------------------------------------------------
// Anonymity, and imports that are atomic and exclusive
// ---------------------------------------------------------------------------------------------

/// Every file under `dir`, recursively, with its bytes as text (lossy).
fn every_file(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(every_file(&path));
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            files.push((path, text));
        }
    }
    files
}

/// FNV-1a 64, the unkeyed hash an older fortb stored of each whole row.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn nothing_that_identifies_a_respondent_is_stored_anywhere() {
    let project = survey_project("en");
    project.run(&["check"]).success();
    for file in ["forms_named.csv", "google_missing_column.csv"] {
        import(&project, "2025-06-02", &survey_fixture(file));
    }
    // Every e-mail address, name and time stamp of the exports, and what can be computed from
    // them alone: the unkeyed row hash an older fortb stored, and hashes of each value.
    let mut personal: Vec<String> = Vec::new();
    for file in ["forms_named.csv", "google_missing_column.csv"] {
        let text = std::fs::read_to_string(survey_fixture(file)).unwrap();
        let mut reader = text.lines();
        let header: Vec<&str> = reader.next().unwrap().split(',').collect();
        let personal_columns: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                let h = h.trim_matches('"');
                [
                    "Start time",
                    "Completion time",
                    "Email",
                    "Name",
                    "Tidsstämpel",
                    "E-postadress",
                ]
                .contains(&h)
            })
            .map(|(i, _)| i)
            .collect();
        assert!(personal_columns.len() >= 2, "{header:?}");
        for line in reader {
            let cells: Vec<&str> = line.split(',').map(|c| c.trim_matches('"')).collect();
            personal.push(format!("{:016x}", fnv1a64(line.as_bytes())));
            for &column in &personal_columns {
                let value = cells[column];
                if value.is_empty() {
                    continue;
                }
                personal.push(value.to_string());
                personal.push(format!("{:016x}", fnv1a64(value.as_bytes())));
                if let Some(user) = value.split('@').next().filter(|_| value.contains('@')) {
                    personal.push(user.to_string());
                }
            }
        }
    }
    assert!(personal.iter().any(|p| p == "hassan.ali@solbacka.se"));
    assert!(personal.iter().any(|p| p == "Gunilla Öst"));
    assert!(personal.iter().any(|p| p == "2025-11-27 15:02:41"));
    let files = every_file(project.root());
    assert!(
        files.iter().any(|(p, _)| p.ends_with("end.toml")),
        "{files:#?}"
    );
    for (path, text) in &files {
        for value in &personal {
            assert!(
                !text.contains(value.as_str()),
                "{value:?} is stored in {}",
                path.display()
            );
        }
    }
    // The private folder keeps itself out of git.
    assert_eq!(project.read(".fortb/.gitignore").lines().last(), Some("*"));
}

#[test]
fn one_respondent_is_counted_but_nothing_of_theirs_is_shown() {
    let project = survey_project("en");
    let named = std::fs::read_to_string(survey_fixture("forms_named.csv")).unwrap();
    let one: Vec<&str> = named.lines().take(2).collect();
    project.write("one.csv", one.join("\n") + "\n");
    let output = import(&project, "2025-06-02", &project.path("one.csv"));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("respondents so far: 1. Their answers wait outside the repository (in .fortb/) and are not shown until there are at least 5"),
        "{stderr}"
    );
    let record = record(&project, "formativ");
    let survey = record["survey"].as_table().unwrap();
    assert_eq!(survey["responses"].as_integer(), Some(0));
    assert_eq!(survey["waiting"].as_integer(), Some(1));
    assert!(survey.get("ratings").is_none(), "{survey:#?}");
    assert!(!project.exists("initiatives/formativ.survey.md"));
    let shown = project.stdout(&["show", "formativ"]);
    assert!(
        shown.contains("1: fewer than 5 answers, so the results are not shown"),
        "{shown}"
    );
    let json = json(&project.stdout(&["show", "formativ", "--format", "json"]));
    assert_eq!(json["survey"]["shown"], false);
    assert!(json["survey"]["mean"].is_null() && json["survey"]["ratings"].is_null());
    // The other seven come: the ratings of all eight, and their free text, go into the record.
    import(&project, "2025-06-03", &survey_fixture("forms_named.csv"));
    let survey = record_survey(&project);
    assert_eq!(survey["responses"].as_integer(), Some(8));
    assert!(survey.get("waiting").is_none());
    assert!(project.exists("initiatives/formativ.survey.md"));
    assert_check_passes(&project);
}

fn record_survey(project: &Project) -> toml::Table {
    record(project, "formativ")["survey"]
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn thresholds_come_from_fortb_toml_and_below_three_are_refused() {
    let project = survey_project("en");
    project.write(
        "fortb.toml",
        "name = \"skolan\"\nlang = \"en\"\n[survey]\nmin_responses = 3\nmin_responses_text = 5\n",
    );
    import(
        &project,
        "2025-05-21",
        &survey_fixture("forms_sv_semicolon_bom.csv"),
    );
    // Six respondents, five of whom wrote, reach both thresholds: ratings and free text are in
    // the repository.
    assert_eq!(record_survey(&project)["responses"].as_integer(), Some(6));
    assert!(project.exists("initiatives/formativ.survey.md"));
    for (setting, given) in [("min_responses", "2"), ("min_responses_text", "0")] {
        project.write(
            "fortb.toml",
            format!("name = \"skolan\"\n[survey]\n{setting} = {given}\n"),
        );
        project
            .run(&["--lang", "en", "show", "formativ"])
            .code(1)
            .stderr(contains(format!(
                "fortb.toml:3:{}: a survey threshold is a whole number of respondents, at least 3",
                setting.len() + 4
            )));
    }
}

#[test]
fn a_file_that_does_not_fit_is_refused_and_nothing_is_written() {
    let project = survey_project("en");
    let named = std::fs::read_to_string(survey_fixture("forms_named.csv")).unwrap();
    let piped = named.replace(',', "|");
    let mut short_row: Vec<String> = named.lines().map(str::to_string).collect();
    short_row[3] = "3,3/14/25 14:12:14,3/14/25 14:17:31,cecilia.dahl@solbacka.se,4".into();
    for (file, text, message) in [
        (
            "piped.csv",
            piped,
            "piped.csv:1: the header line has no comma, semicolon or tab, so its columns cannot be told apart (they seem to be separated by \"|\")",
        ),
        (
            "short.csv",
            short_row.join("\n"),
            "short.csv:4: this row has 5 fields but the header has 11",
        ),
    ] {
        project.write(file, &text);
        let before = project.bytes("initiatives/formativ.toml");
        on(&project, "2025-06-02", &["survey", "import", "formativ", file])
            .code(1)
            .stderr(contains(message));
        assert_eq!(project.bytes("initiatives/formativ.toml"), before);
        assert!(!project.exists("initiatives/formativ.survey.md"));
        assert!(!project.exists(".fortb"), "{file}");
    }
}

#[test]
fn a_failed_second_write_loses_nothing_and_a_re_import_completes_it() {
    for (hook, value) in [
        ("FORTB_TEST_FAIL_WRITING", "formativ.toml"),
        ("FORTB_TEST_FAIL_WRITING", "formativ.survey.md"),
        ("FORTB_TEST_ABORT_BEFORE_RENAME", "formativ.toml"),
        ("FORTB_TEST_ABORT_BEFORE_RENAME", "formativ.survey.md"),
    ] {
        let project = survey_project("en");
        let file = survey_fixture("forms_named.csv");
        let failed = project
            .cmd()
            .env("FORTB_TODAY", "2025-06-02")
            .env(hook, value)
            .args(["survey", "import", "formativ", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(!failed.status.success(), "{hook}={value}");
        if hook == "FORTB_TEST_FAIL_WRITING" {
            assert!(
                stderr_of(&failed).contains(value),
                "{hook}={value}: {}",
                stderr_of(&failed)
            );
        }
        // The respondents are counted (outside git); importing again writes what is missing.
        let output = import(&project, "2025-06-03", &file);
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains("new respondents counted: 0; already counted, skipped: 8"),
            "{hook}={value}: {stderr}"
        );
        assert_eq!(record_survey(&project)["responses"].as_integer(), Some(8));
        assert_eq!(
            record_survey(&project)["imported"].to_string(),
            "2025-06-02"
        );
        let answers = project.read("initiatives/formativ.survey.md");
        assert_eq!(
            answers.lines().filter(|l| l.starts_with("- ")).count(),
            11,
            "{hook}={value}: {answers}"
        );
        assert_check_passes(&project);
    }
}

#[test]
fn four_imports_at_once_count_each_respondent_once() {
    let project = survey_project("en");
    let file = survey_fixture("forms_named.csv");
    let commands: Vec<_> = (0..4)
        .map(|_| {
            let mut command = project.cmd();
            command.env("FORTB_TODAY", "2025-06-02").args([
                "survey",
                "import",
                "formativ",
                file.to_str().unwrap(),
            ]);
            command
        })
        .collect();
    let outputs: Vec<Output> = std::thread::scope(|scope| {
        let running: Vec<_> = commands
            .into_iter()
            .map(|mut command| scope.spawn(move || command.output().unwrap()))
            .collect();
        running.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let mut counted = 0;
    for output in outputs {
        assert!(output.status.success(), "{}", stderr_of(&output));
        if stderr_of(&output).contains("new respondents counted: 8") {
            counted += 1;
        }
    }
    assert_eq!(counted, 1, "exactly one import counts the eight");
    assert_eq!(record_survey(&project)["responses"].as_integer(), Some(8));
    assert_eq!(fingerprints(&project).len(), 8);
    let answers = project.read("initiatives/formativ.survey.md");
    assert_eq!(answers.lines().filter(|l| l.starts_with("- ")).count(), 11);
}

// ---------------------------------------------------------------------------------------------
// 4. The evidence in the summary and the report
// ---------------------------------------------------------------------------------------------

const UNTIL: &str = "2026-11-23";
const BOKCIRKEL: &str = "bokcirkel-formativ-bedomning";

/// `fortb survey import formativ FILE --round ROUND` on `today`.
fn import_round(project: &Project, today: &str, file: &std::path::Path, round: &str) -> Assert {
    let file = file.to_str().unwrap();
    on(
        project,
        today,
        &["survey", "import", "formativ", file, "--round", round],
    )
}

#[test]
fn a_round_is_imported_beside_the_end_of_initiative_survey_and_holds_its_follow_up() {
    let project = survey_project("en");
    // formativ ends 20 May 2025: the 90-day follow-up is on 18 Aug.
    let items = due_json(&project, "2025-09-01", 0);
    assert_eq!(
        due_dates(&items, "follow-up", Some("formativ")),
        ["2025-08-18"]
    );
    let file = survey_fixture("forms_named.csv");
    import_round(&project, "2025-08-25", &file, "90")
        .success()
        .stderr(contains("new respondents counted: 8"));
    let record = record(&project, "formativ");
    let survey = record["survey"].as_table().unwrap();
    assert!(survey.get("responses").is_none(), "{survey:#?}");
    let round = survey["rounds"]["90"].as_table().unwrap();
    assert_eq!(round["responses"].as_integer(), Some(8));
    assert_eq!(round["imported"].to_string(), "2025-08-25");
    assert_eq!(
        round["ratings"]["applied"]["distribution"].to_string(),
        "[0, 0, 2, 3, 2]"
    );
    assert!(project.exists("initiatives/formativ.survey-90.md"));
    assert!(!project.exists("initiatives/formativ.survey.md"));
    assert!(project.exists(".fortb/surveys/formativ/90.toml"));
    // Importing it again into the same round counts nobody.
    import_round(&project, "2025-08-26", &file, "90")
        .success()
        .stderr(contains(
            "new respondents counted: 0; already counted, skipped: 8",
        ));
    // The round holds the 90-day follow-up, not the others.
    let items = due_json(&project, "2025-12-01", 0);
    assert_eq!(
        due_dates(&items, "follow-up", Some("formativ")),
        ["2025-11-16"]
    );
    let shown = stdout_on(
        &project,
        "2025-12-01",
        &["--lang", "en", "show", "formativ"],
    );
    assert!(shown.contains("Survey, 90 days after the end"), "{shown}");
    assert!(!shown.contains("Evaluation survey"), "{shown}");
    let json = json(&stdout_on(
        &project,
        "2025-12-01",
        &["show", "formativ", "--format", "json"],
    ));
    assert_eq!(json["survey"]["rounds"]["90"]["response_count"], 8);
    assert_check_passes(&project);
    import_round(&project, "2025-08-26", &file, "soon")
        .code(2)
        .stderr(contains(
            "--round takes end, a number of days after the end (e.g. 90) or december-YEAR",
        ));
}

#[test]
fn a_survey_below_the_threshold_is_shown_nowhere() {
    // The example's book circle has 8 respondents; a project that asks for 9 shows none of
    // their results: not in show, not in the summary, not in the report.
    let project = Project::example();
    let config = project.read("fortb.toml");
    project.write(
        "fortb.toml",
        format!("{config}\n[survey]\nmin_responses = 9\n"),
    );
    let summary = json(&stdout_on(
        &project,
        UNTIL,
        &["summary", "--until", UNTIL, "--format", "json"],
    ));
    let row = summary["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == BOKCIRKEL)
        .unwrap();
    assert!(row["survey_mean"].is_null(), "{row:#}");
    assert_eq!(row["survey_response_count"], 0);
    let report = stdout_on(
        &project,
        UNTIL,
        &["--lang", "en", "report", "--until", UNTIL],
    );
    assert!(report.contains("Bokcirkel: Formativ bedömning"), "{report}");
    assert!(!report.contains("Survey:"), "{report}");
    let shown = stdout_on(&project, UNTIL, &["--lang", "en", "show", BOKCIRKEL]);
    assert!(
        shown.contains("8: fewer than 9 answers, so the results are not shown"),
        "{shown}"
    );
    assert!(!shown.contains("3.9"), "{shown}");
}

#[test]
fn the_summary_json_shows_what_was_measured() {
    let project = Project::example();
    // The distributions the example records, all rating questions together:
    //   goal_1 [0,0,2,4,2], goal_2 [0,0,2,4,2], goal_3 [0,0,2,5,1], applied [0,0,2,4,2],
    //   next_use [0,0,3,4,1] → eleven 3s, twenty-one 4s, eight 5s = 40 ratings,
    //   (33 + 84 + 40) / 40 = 157 / 40 = 3.925.
    let example = record(&project, BOKCIRKEL);
    let ratings = example["survey"]["ratings"].as_table().unwrap();
    let mut total = [0i64; 5];
    for entry in ratings.values() {
        for (n, count) in entry["distribution"].as_array().unwrap().iter().enumerate() {
            total[n] += count.as_integer().unwrap();
        }
    }
    assert_eq!(total, [0, 0, 11, 21, 8], "the example's survey changed");

    let summary = json(&stdout_on(
        &project,
        UNTIL,
        &["summary", "--until", UNTIL, "--format", "json"],
    ));
    let row = summary["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == BOKCIRKEL)
        .unwrap_or_else(|| panic!("no {BOKCIRKEL} in {summary:#}"));
    assert_eq!(row["goals_reached"], "partly");
    assert_eq!(row["survey_response_count"], 8);
    let mean = row["survey_mean"].as_f64().expect("a survey mean");
    assert!(
        (mean - 157.0 / 40.0).abs() <= 0.005 + 1e-9,
        "survey_mean {mean}"
    );
    let indicators = row["indicators"].as_array().expect("indicators");
    assert_eq!(indicators.len(), 2, "{row:#}");
    // Synliga lärandemål: 30 → 71 (28 May) of 80: 41 / 50 = 0.82.
    assert_eq!(
        indicators[0]["name"],
        "Andel lektioner med synliga lärandemål"
    );
    let share = indicators[0]["share_of_the_way"].as_f64().unwrap();
    assert!((share - 41.0 / 50.0).abs() <= 0.005 + 1e-9, "{share}");
    // Elever som vet: 52 → 68 of 75: 16 / 23 = 0.695….
    assert_eq!(indicators[1]["name"], "Elever som vet vad de ska lära sig");
    let share = indicators[1]["share_of_the_way"].as_f64().unwrap();
    assert!((share - 16.0 / 23.0).abs() <= 0.005 + 1e-9, "{share}");

    // An initiative with nothing measured has no evidence.
    let bare = summary["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["survey_response_count"] == 0 && i["indicators"].as_array().unwrap().is_empty())
        .expect("an initiative without a survey or indicators");
    assert!(bare["survey_mean"].is_null(), "{bare:#}");
}

#[test]
fn the_report_tells_what_was_measured() {
    let project = Project::example();
    let report = stdout_on(&project, UNTIL, &["report", "--until", UNTIL]);
    let start = report
        .find("Bokcirkel: Formativ bedömning —")
        .unwrap_or_else(|| panic!("no section for the book circle:\n{report}"));
    let section = &report[start..];
    let section = &section[..section[1..]
        .find("\n### ")
        .map_or(section.len(), |end| end + 1)];
    let measured = section
        .lines()
        .find(|l| l.starts_with("- **Resultat:**"))
        .unwrap_or_else(|| panic!("no Resultat line in:\n{section}"));
    for expected in [
        "Målen nåddes delvis.",
        // 157 / 40 = 3.925, to one decimal with a decimal comma.
        "Enkät: 3,9 av 5 (svarande: 8).",
        "Andel lektioner med synliga lärandemål: 30 → 71 % (mål 80 %), 82 % av vägen.",
        "Elever som vet vad de ska lära sig: 52 → 68 % (mål 75 %), 70 % av vägen.",
    ] {
        assert!(
            measured.contains(expected),
            "{expected:?} missing from {measured:?}"
        );
    }
}

#[test]
fn check_reports_an_indicator_named_twice() {
    let project = Project::new().file(
        "initiatives/x.toml",
        "schema = 1\ntitle = \"X\"\nkind = \"other\"\n\n[[indicator]]\nname = \"Frånvaro\"\n\n[[indicator]]\nname = \"frånvaro\"\n",
    );
    project.run(&["check"]).failure().stdout(contains(
        "initiatives/x.toml:9:1: the indicator \"frånvaro\" appears twice",
    ));
}
