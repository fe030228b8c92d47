//! The look-back, "have we already forgotten?": `recall` writing `[[recall]]` entries, the
//! `summary` of what stuck (hand-computed on a small project, and snapshots of the example),
//! and the `report` for the leadership meeting. Every period is given explicitly, so nothing
//! here depends on today's date.

mod common;

use std::time::Duration;

use common::{json, kurs, toml_table, Project, KURS};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{json, Value};

const UNTIL: &str = "2026-11-23";

/// The ids of a summary's JSON rows, in order.
fn ids(summary: &Value) -> Vec<String> {
    summary["initiatives"]
        .as_array()
        .expect("initiatives")
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// The summary of `project` as JSON, with `args` added to `summary --format json`.
fn summary_json(project: &Project, args: &[&str]) -> Value {
    let mut all = vec!["summary", "--format", "json"];
    all.extend_from_slice(args);
    json(&project.stdout(&all))
}

/// Replaces the date in "made YYYY-MM-DD" / "sammanställd YYYY-MM-DD" (the report's day of
/// making, which is today) with a placeholder. Panics unless there is exactly one.
fn redact_made_on(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut found = 0;
    loop {
        let next = ["made ", "sammanställd "]
            .iter()
            .filter_map(|word| rest.find(word).map(|at| (at, word.len())))
            .filter(|(at, len)| is_date(&rest[at + len..]))
            .min();
        let Some((at, len)) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at + len]);
        out.push_str("[today]");
        rest = &rest[at + len + 10..];
        found += 1;
    }
    assert_eq!(found, 1, "expected one date of making in:\n{text}");
    out
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

// ---------------------------------------------------------------------------------------------
// recall
// ---------------------------------------------------------------------------------------------

/// The `[[recall]]` entries of `kurs`.
fn recalls(project: &Project) -> Vec<toml::Table> {
    toml_table(&project.read(KURS))
        .get("recall")
        .and_then(toml::Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .map(|e| e.as_table().unwrap().clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn recall_writes_an_entry_with_its_keys_in_order() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna Lind",
            "--self",
            "3",
            "--leadership",
            "2",
            "--staff",
            "1",
            "--why",
            "need,practice",
            "--note",
            "Bra samtal, \"på riktigt\"",
            "--date",
            "2026-11-20",
        ])
        .success()
        .stdout("")
        .stderr(contains("Anna Lind").and(contains("initiatives/kurs.toml")));
    let text = project.read(KURS);
    assert!(
        text.ends_with(
            "\n[[recall]]\nby = \"Anna Lind\"\ndate = 2026-11-20\nself = 3\nleadership = 2\nstaff = 1\nwhy = [\"need\", \"practice\"]\nnote = 'Bra samtal, \"på riktigt\"'\n"
        ) || text.ends_with(
            "\n[[recall]]\nby = \"Anna Lind\"\ndate = 2026-11-20\nself = 3\nleadership = 2\nstaff = 1\nwhy = [\"need\", \"practice\"]\nnote = \"Bra samtal, \\\"på riktigt\\\"\"\n"
        ),
        "{text}"
    );
    assert!(
        text.starts_with("schema = 1\ntitle = \"Kurs\"\nkind = \"course\"\nstart = 2025-03-01\n\n[steps.need]\nwhy = \"Därför\"\n"),
        "the rest is untouched:\n{text}"
    );
    let entries = recalls(&project);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["note"].as_str(),
        Some("Bra samtal, \"på riktigt\"")
    );
    project.run(&["check"]).success().stdout("");
}

#[test]
fn recall_writes_only_the_audiences_given() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Erik",
            "--staff",
            "0",
            "--date",
            "2026-11-20",
        ])
        .success();
    let text = project.read(KURS);
    assert!(
        text.ends_with("[[recall]]\nby = \"Erik\"\ndate = 2026-11-20\nstaff = 0\n"),
        "{text}"
    );
}

#[test]
fn recall_by_the_same_person_on_the_same_day_updates_only_their_entry() {
    let project = Project::new().file(
        KURS,
        r#"schema = 1
title = "Kurs"
kind = "course"

[[recall]]
by = "Erik"
date = 2026-11-20
self = 1

# Annas första bedömning
[[recall]]
by = "Anna" # rektor
date = 2026-11-20
self = 0
leadership = 2
note = "Gammal"

[[recall]]
by = "Anna"
date = 2026-10-01
self = 2
"#,
    );
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--self",
            "4",
            "--staff",
            "3",
            "--why",
            "discussion",
            "--date",
            "2026-11-20",
        ])
        .success();
    let text = project.read(KURS);
    let entries = recalls(&project);
    assert_eq!(entries.len(), 3, "{text}");
    assert_eq!(entries[0]["by"].as_str(), Some("Erik"));
    assert_eq!(
        entries[0]["self"].as_integer(),
        Some(1),
        "Erik's is untouched"
    );
    assert_eq!(entries[1]["by"].as_str(), Some("Anna"));
    assert_eq!(entries[1]["self"].as_integer(), Some(4));
    assert_eq!(entries[1]["staff"].as_integer(), Some(3));
    // what the flags did not give is kept from her earlier entry of that day
    assert_eq!(entries[1]["leadership"].as_integer(), Some(2), "{text}");
    assert_eq!(entries[1]["note"].as_str(), Some("Gammal"), "{text}");
    assert_eq!(
        entries[1]["why"],
        toml::Value::Array(vec!["discussion".into()])
    );
    assert_eq!(
        entries[2]["self"].as_integer(),
        Some(2),
        "another day's entry stays"
    );
    assert!(
        text.contains("# Annas första bedömning\n[[recall]]\nby = \"Anna\" # rektor\ndate = 2026-11-20\nself = 4\nleadership = 2\nstaff = 3\nwhy = [\"discussion\"]\nnote = \"Gammal\"\n"),
        "updated in place, comments kept:\n{text}"
    );
    project.run(&["check"]).success().stdout("");
}

#[test]
fn recall_by_another_person_or_on_another_day_adds_an_entry() {
    let project = kurs();
    for (by, date, score) in [
        ("Anna", "2026-11-20", "3"),
        ("Erik", "2026-11-20", "2"),
        ("Anna", "2026-11-21", "1"),
    ] {
        project
            .run(&[
                "recall", "kurs", "--by", by, "--self", score, "--date", date,
            ])
            .success();
    }
    let entries = recalls(&project);
    let seen: Vec<(String, String, i64)> = entries
        .iter()
        .map(|e| {
            (
                e["by"].as_str().unwrap().to_string(),
                e["date"].as_datetime().unwrap().to_string(),
                e["self"].as_integer().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Anna".to_string(), "2026-11-20".to_string(), 3),
            ("Erik".to_string(), "2026-11-20".to_string(), 2),
            ("Anna".to_string(), "2026-11-21".to_string(), 1),
        ]
    );
    project.run(&["check"]).success().stdout("");
}

#[test]
fn recall_entries_come_after_the_step_tables() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--self",
            "3",
            "--date",
            "2026-11-20",
        ])
        .success();
    project
        .run(&["step", "kurs", "follow-up", "-a", "goals_reached=yes"])
        .success();
    let text = project.read(KURS);
    let follow_up = text.find("[steps.follow-up]").expect(&text);
    let recall = text.find("[[recall]]").expect(&text);
    assert!(follow_up < recall, "{text}");
}

#[test]
fn recall_refuses_scores_outside_the_scale_and_writes_nothing() {
    let project = kurs();
    let before = project.bytes(KURS);
    for args in [
        &["--self", "5"][..],
        &["--leadership", "7"],
        &["--staff=-1"],
        &["--self=-1"],
        &["--self", "3", "--staff", "5"],
    ] {
        let mut all = vec!["recall", "kurs", "--by", "Anna", "--date", "2026-11-20"];
        all.extend_from_slice(args);
        project
            .run(&all)
            .failure()
            .code(2)
            .stdout("")
            .stderr(contains("0–4"));
        assert_eq!(project.bytes(KURS), before, "{args:?}");
    }
    project
        .run(&["recall", "kurs", "--by", "Anna", "--self", "tre"])
        .failure();
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_explains_a_negative_score_given_as_a_separate_argument() {
    // `--staff -1` is how people type it; it should get the same message as `--staff=-1`
    // rather than clap's advice to write `-- -1`, which would make -1 the initiative's id.
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .run(&["recall", "kurs", "--by", "Anna", "--staff", "-1"])
        .failure()
        .code(2)
        .stderr(contains("0–4"));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_refuses_an_unknown_reason_listing_the_four() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .run(&[
            "recall", "kurs", "--by", "Anna", "--self", "3", "--why", "need,fun",
        ])
        .failure()
        .code(2)
        .stderr(
            contains("\"fun\"")
                .and(contains("need"))
                .and(contains("delivery"))
                .and(contains("discussion"))
                .and(contains("practice")),
        );
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_accepts_the_swedish_reasons() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--self",
            "3",
            "--why",
            "behov,övning",
            "--why",
            "Diskussion",
            "--why",
            "genomförande",
            "--date",
            "2026-11-20",
        ])
        .success();
    assert_eq!(
        recalls(&project)[0]["why"],
        toml::Value::Array(vec![
            "need".into(),
            "practice".into(),
            "discussion".into(),
            "delivery".into()
        ])
    );
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Erik",
            "--self",
            "1",
            "--why",
            "ovning, samtal",
        ])
        .success();
    assert_eq!(
        recalls(&project)[1]["why"],
        toml::Value::Array(vec!["practice".into(), "discussion".into()])
    );
}

#[test]
fn recall_flags_for_the_same_day_update_the_entry_and_keep_the_rest() {
    let project = kurs();
    let day = ["--by", "Erik", "--date", "2026-11-20"];
    let run = |flags: &[&str]| {
        let mut all = vec!["recall", "kurs"];
        all.extend_from_slice(&day);
        all.extend_from_slice(flags);
        project.run(&all).success().get_output().clone()
    };
    run(&[
        "--self",
        "2",
        "--leadership",
        "2",
        "--staff",
        "3",
        "--why",
        "discussion,practice",
        "--note",
        "Vi använder det",
    ]);
    let output = run(&["--self", "3"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("updated Erik's rating of kurs from 2026-11-20")
            && stderr.contains("what you did not give is kept: leadership, staff, why, note"),
        "{stderr}"
    );
    let entries = recalls(&project);
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry["self"].as_integer(), Some(3));
    assert_eq!(entry["leadership"].as_integer(), Some(2));
    assert_eq!(entry["staff"].as_integer(), Some(3));
    assert_eq!(
        entry["why"],
        toml::Value::Array(vec!["discussion".into(), "practice".into()])
    );
    assert_eq!(entry["note"].as_str(), Some("Vi använder det"));
    // every value given again: an ordinary save
    let output = run(&[
        "--self",
        "1",
        "--leadership",
        "1",
        "--staff",
        "1",
        "--why",
        "need",
        "--note",
        "Ny",
    ]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("saved Erik's rating of kurs"));
    assert_eq!(recalls(&project)[0]["note"].as_str(), Some("Ny"));
    // another day is another entry
    project
        .run(&["recall", "kurs", "--by", "Erik", "--self", "4"])
        .success();
    assert_eq!(recalls(&project).len(), 2);
}

#[test]
fn recall_stores_each_reason_once() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--self",
            "3",
            "--why",
            "need,behov,practice,need",
        ])
        .success();
    assert_eq!(
        recalls(&project)[0]["why"],
        toml::Value::Array(vec!["need".into(), "practice".into()])
    );
}

#[test]
fn recall_leaves_out_a_blank_note_and_keeps_a_long_one() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--self",
            "3",
            "--note",
            "  ",
            "--date",
            "2026-11-20",
        ])
        .success();
    assert!(!recalls(&project)[0].contains_key("note"));
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Erik",
            "--self",
            "3",
            "--note",
            "Rad ett\nRad två",
            "--date",
            "2026-11-20",
        ])
        .success();
    assert_eq!(
        recalls(&project)[1]["note"].as_str().map(str::trim_end),
        Some("Rad ett\nRad två")
    );
    project.run(&["check"]).success().stdout("");
}

#[test]
fn recall_without_by_uses_git_s_user_name() {
    if !common::git_or_skip() {
        return;
    }
    let project = kurs();
    project.write(".test-gitconfig", "[user]\n\tname = Testare\n");
    let gitconfig = project.path(".test-gitconfig");
    project
        .cmd()
        .env("GIT_CONFIG_GLOBAL", &gitconfig)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "inloggning")
        .args(["recall", "kurs", "--self", "2", "--date", "2026-11-20"])
        .assert()
        .success()
        .stderr(contains("Testare"));
    assert_eq!(recalls(&project)[0]["by"].as_str(), Some("Testare"));
}

#[test]
fn recall_without_by_or_git_name_uses_the_login_name() {
    let project = kurs();
    project.write(".empty-gitconfig", "");
    let gitconfig = project.path(".empty-gitconfig");
    project
        .cmd()
        .env("GIT_CONFIG_GLOBAL", &gitconfig)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "inloggning")
        .args(["recall", "kurs", "--self", "2", "--date", "2026-11-20"])
        .assert()
        .success();
    assert_eq!(recalls(&project)[0]["by"].as_str(), Some("inloggning"));
    // a blank --by is a mistake (an empty variable in a script), not "use my git name"
    project
        .cmd()
        .env("GIT_CONFIG_GLOBAL", &gitconfig)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "inloggning")
        .args([
            "recall",
            "kurs",
            "--by",
            " ",
            "--self",
            "3",
            "--date",
            "2026-11-20",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--by needs a name"));
    assert_eq!(recalls(&project).len(), 1);
}

#[test]
#[cfg_attr(
    foreign_fortb,
    ignore = "Windows always sets USERNAME (wine too), so there is always a name"
)]
fn recall_without_any_name_asks_for_by() {
    let project = kurs();
    project.write(".empty-gitconfig", "");
    let before = project.bytes(KURS);
    project
        .cmd()
        .env("GIT_CONFIG_GLOBAL", project.path(".empty-gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .args(["recall", "kurs", "--self", "2"])
        .assert()
        .failure()
        .code(1)
        .stderr(contains("--by"));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_without_an_id_needs_a_terminal() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .cmd()
        .args(["recall", "--by", "Anna", "--until", UNTIL])
        .timeout(Duration::from_secs(10))
        .assert()
        .failure()
        .code(1)
        .stdout("")
        .stderr(contains("terminal").and(contains("fortb recall ID --self")));
    // with an id but no scores, too
    project
        .cmd()
        .args(["recall", "kurs", "--by", "Anna"])
        .timeout(Duration::from_secs(10))
        .assert()
        .failure()
        .code(1)
        .stderr(contains("terminal").and(contains("fortb recall kurs --self")));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_scores_need_an_id() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .run(&["recall", "--by", "Anna", "--self", "3"])
        .failure()
        .code(1)
        .stderr(contains("need the initiative's id"));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_reasons_or_a_note_need_a_score() {
    let project = kurs();
    let before = project.bytes(KURS);
    for args in [&["--why", "need"][..], &["--note", "Bra"]] {
        let mut all = vec!["recall", "kurs", "--by", "Anna"];
        all.extend_from_slice(args);
        project.run(&all).failure().code(1).stderr(
            contains("--self")
                .and(contains("--leadership"))
                .and(contains("--staff")),
        );
    }
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn recall_refuses_a_bad_date_or_an_unknown_initiative() {
    let project = kurs();
    let before = project.bytes(KURS);
    project
        .run(&[
            "recall", "kurs", "--by", "Anna", "--self", "3", "--date", "20/11",
        ])
        .failure()
        .code(2)
        .stderr(contains("--date").and(contains("YYYY-MM-DD")));
    project
        .run(&["recall", "nope", "--by", "Anna", "--self", "3"])
        .failure()
        .code(1)
        .stderr(contains("\"nope\""));
    assert_eq!(project.bytes(KURS), before);
}

// ---------------------------------------------------------------------------------------------
// summary: a small project, computed by hand
// ---------------------------------------------------------------------------------------------

/// Five initiatives in the period 2024-11-23 – 2026-11-23, one undated and one too old:
///
/// | id      | date       | kind        | self | leaders | staff | impact            |
/// |---------|------------|-------------|------|---------|-------|-------------------|
/// | beta    | 2025-06-01 | book-circle | 3.0  | 2.0     | 2.5   | 15/6 = 2.5        |
/// | charlie | 2025-06-01 | conference  | 3.0  | 2.0     |       | 5/2 = 2.5         |
/// | alpha   | 2026-01-10 | study-day   | 3.0  | 3.0     | 1.0   | 10/4 = 2.5        |
/// | delta   | 2025-03-01 | study-day   | 1.0  |         | 0.0   | 1/2 = 0.5         |
/// | echo    | 2025-02-01 | course      |      |         |       | not rated         |
///
/// The three at 2.5 are ranked by date, then title: beta, charlie, alpha.
fn small() -> Project {
    Project::empty()
        .file(
            "fortb.toml",
            "name = \"Testskolan\"\nlang = \"en\"\nbeneficiary = \"the pupils\"\nprocess = \"six-step\"\n",
        )
        .file(
            "initiatives/alpha.toml",
            r#"schema = 1
title = 'Alpha, "AI" day'
kind = "study-day"
learning = "formal"
start = 2026-01-10
sessions = 1
whole_staff = true

[[recall]]
by = "Anna"
date = 2026-11-20
unaided = true
self = 4
leadership = 3
why = ["need", "discussion"]

[[recall]]
by = "Erik"
date = 2026-11-20
self = 2
staff = 1
why = ["discussion"]
"#,
        )
        .file(
            "initiatives/beta.toml",
            r#"schema = 1
title = "Beta"
kind = "book-circle"
learning = "everyday"
start = 2025-06-01
end = 2025-09-01
sessions = 4

[[recall]]
by = "Anna"
date = 2026-11-20
self = 3
staff = 3
why = ["practice"]

[[recall]]
by = "Erik"
date = 2026-11-20
leadership = 2

[[recall]]
by = "Maria"
date = 2026-11-21
unaided = true
self = 3
leadership = 2
staff = 2
"#,
        )
        .file(
            "initiatives/charlie.toml",
            r#"schema = 1
title = "Charlie"
kind = "conference"
learning = "formal"
start = 2025-06-01
end = 2025-06-02

[[recall]]
by = "Anna"
date = 2026-11-20
self = 3
leadership = 2
why = ["delivery"]
"#,
        )
        .file(
            "initiatives/delta.toml",
            r#"schema = 1
title = "Delta"
kind = "study-day"
learning = "mandatory"
start = 2025-03-01
whole_staff = true

[[recall]]
by = "Erik"
date = 2026-11-20
self = 1
staff = 0
why = ["delivery"]
"#,
        )
        .file(
            "initiatives/echo.toml",
            "schema = 1\ntitle = \"Echo\"\nkind = \"course\"\nstart = 2025-02-01\nsessions = 3\n",
        )
        .file(
            "initiatives/foxtrot.toml",
            "schema = 1\ntitle = \"Foxtrot\"\nkind = \"other\"\n\n[[recall]]\nby = \"Zoe\"\ndate = 2026-11-20\nself = 4\n",
        )
        .file(
            "initiatives/golf.toml",
            "schema = 1\ntitle = \"Golf\"\nkind = \"other\"\nstart = 2023-01-01\n\n[[recall]]\nby = \"Zoe\"\ndate = 2026-11-20\nself = 4\n",
        )
}

fn group(key: &str, label: &str, n: u64, rated: u64, impact: [Value; 4]) -> Value {
    let [overall, me, leaders, staff] = impact;
    json!({
        "group": key,
        "label": label,
        "initiative_count": n,
        "rated_count": rated,
        "impact": overall,
        "impact_self": me,
        "impact_leadership": leaders,
        "impact_staff": staff,
    })
}

#[test]
fn summary_json_ranks_and_averages_as_computed_by_hand() {
    let project = small();
    let summary = summary_json(&project, &["--until", UNTIL]);
    assert_eq!(summary["project"], "Testskolan");
    assert_eq!(
        summary["period"],
        json!({"since": "2024-11-23", "until": "2026-11-23"})
    );
    assert_eq!(ids(&summary), ["beta", "charlie", "alpha", "delta", "echo"]);
    let rows = summary["initiatives"].as_array().unwrap();
    let pick = |row: &Value| {
        json!([
            row["rank"],
            row["impact"],
            row["impact_self"],
            row["impact_leadership"],
            row["impact_staff"],
            row["rater_count"],
        ])
    };
    let null = Value::Null;
    assert_eq!(pick(&rows[0]), json!([1, 2.5, 3.0, 2.0, 2.5, 3]));
    assert_eq!(pick(&rows[1]), json!([2, 2.5, 3.0, 2.0, null, 1]));
    assert_eq!(pick(&rows[2]), json!([3, 2.5, 3.0, 3.0, 1.0, 2]));
    assert_eq!(pick(&rows[3]), json!([4, 0.5, 1.0, null, 0.0, 1]));
    assert_eq!(pick(&rows[4]), json!([null, null, null, null, null, 0]));

    let alpha = &rows[2];
    assert_eq!(alpha["title"], "Alpha, \"AI\" day");
    assert_eq!(alpha["kind"], "study-day");
    assert_eq!(alpha["learning"], "formal");
    assert_eq!(alpha["start"], "2026-01-10");
    assert_eq!(alpha["end"], null);
    assert_eq!(alpha["whole_staff"], true);
    assert_eq!(alpha["one_off"], true);
    assert_eq!(
        alpha["why"],
        json!([{"reason": "discussion", "n": 2}, {"reason": "need", "n": 1}]),
        "most named first"
    );
    assert_eq!(alpha["step"], "need");
    assert_eq!(alpha["done_step_count"], 0);
    assert_eq!(alpha["step_count"], 6);
    assert_eq!(rows[0]["one_off"], false, "four sessions");
    assert_eq!(
        rows[1]["one_off"], true,
        "two days in a row are one occasion, not spread"
    );
    assert_eq!(rows[3]["one_off"], true, "one day");
    assert_eq!(rows[4]["one_off"], false, "three sessions");
    assert_eq!(rows[4]["why"], json!([]));
    assert_eq!(rows[4]["impact"], Value::Null, "unrated: null, not 0");

    let patterns = &summary["patterns"];
    assert_eq!(
        patterns["by_kind"],
        json!([
            group(
                "study-day",
                "Study day",
                2,
                2,
                [json!(1.5), json!(2.0), json!(3.0), json!(0.5)]
            ),
            group(
                "conference",
                "Conference",
                1,
                1,
                [json!(2.5), json!(3.0), json!(2.0), null.clone()]
            ),
            group(
                "course",
                "External course",
                1,
                0,
                [null.clone(), null.clone(), null.clone(), null.clone()]
            ),
            group(
                "book-circle",
                "Book circle",
                1,
                1,
                [json!(2.5), json!(3.0), json!(2.0), json!(2.5)]
            ),
        ])
    );
    assert_eq!(
        patterns["whole_staff"],
        json!([
            group(
                "whole-staff",
                "Whole staff",
                2,
                2,
                [json!(1.5), json!(2.0), json!(3.0), json!(0.5)]
            ),
            group(
                "part-of-staff",
                "Part of the staff",
                3,
                2,
                [json!(2.5), json!(3.0), json!(2.0), json!(2.5)]
            ),
        ])
    );
    assert_eq!(
        patterns["spread"],
        json!([
            group(
                "spread",
                "Spread over time",
                2,
                1,
                [json!(2.5), json!(3.0), json!(2.0), json!(2.5)]
            ),
            // charlie runs two days in a row: one occasion, not spread over time
            group(
                "one-off",
                "One-off",
                3,
                3,
                [json!(1.83), json!(2.33), json!(2.5), json!(0.5)]
            ),
        ])
    );
    let why = |reason: &str, stuck_naming: u64, not_stuck_naming: u64| {
        json!({
            "reason": reason,
            "stuck_naming_count": stuck_naming,
            "stuck_count": 3,
            "not_stuck_naming_count": not_stuck_naming,
            "not_stuck_count": 1,
        })
    };
    assert_eq!(
        patterns["why"],
        json!([
            why("need", 1, 0),
            why("delivery", 1, 1),
            why("discussion", 1, 0),
            why("practice", 1, 0),
            why("other", 0, 0)
        ])
    );
    assert!(summary.get("groups").is_none(), "only with --group-by");
}

#[test]
fn summary_table_shows_the_same_numbers() {
    let project = small().env("COLUMNS", "200");
    let text = project.stdout(&["summary", "--until", UNTIL]);
    assert!(text.contains("Testskolan"), "{text}");
    assert!(text.contains("2024-11-23 – 2026-11-23"), "{text}");
    let row = |title: &str| -> Vec<String> {
        let row = common::table_lines(&text)
            .into_iter()
            .find(|row| row[1] == title || row[1].starts_with(&format!("{title},")))
            .unwrap_or_else(|| panic!("{title} missing:\n{text}"));
        row[..12].to_vec()
    };
    assert_eq!(
        row("Beta"),
        [
            "1",
            "Beta",
            "Book circle",
            "2025-06-01",
            "3.0",
            "2.0",
            "2.5",
            "2.5 █████",
            "1",
            "",
            "practice",
            "0/6 Need"
        ]
    );
    assert_eq!(
        row("Charlie"),
        [
            "2",
            "Charlie",
            "Conference",
            "2025-06-01",
            "3.0",
            "2.0",
            "",
            "2.5 █████",
            "0",
            "",
            "delivery",
            "0/6 Need"
        ]
    );
    assert_eq!(
        row("Alpha"),
        [
            "3",
            "Alpha, \"AI\" day",
            "Study day",
            "2026-01-10",
            "3.0",
            "3.0",
            "1.0",
            "2.5 █████",
            "1",
            "",
            "discussion, need",
            "0/6 Need"
        ]
    );
    assert_eq!(
        row("Delta"),
        [
            "4",
            "Delta",
            "Study day",
            "2025-03-01",
            "1.0",
            "",
            "0.0",
            "0.5 █",
            "0",
            "",
            "delivery",
            "0/6 Need"
        ]
    );
    assert_eq!(
        row("Echo"),
        [
            "",
            "Echo",
            "External course",
            "2025-02-01",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "0/6 Need"
        ]
    );
    assert!(
        !text.contains("Foxtrot") && !text.contains("Golf"),
        "{text}"
    );
    for line in [
        "  Conference: 2.5 (1 initiative)",
        "  Book circle: 2.5 (1 initiative)",
        "  Study day: 1.5 (2 initiatives)",
        "  Whole staff: 1.5 (2 initiatives)",
        "  Part of the staff: 2.5 (2 initiatives)",
        "  Spread over time: 2.5 (1 initiative)",
        "  One-off: 1.8 (3 initiatives)",
        "  need: 1 of 3 that stuck (33 %) · 0 of 1 that did not (0 %)",
        "  delivery: 1 of 3 that stuck (33 %) · 1 of 1 that did not (100 %)",
    ] {
        assert!(
            text.contains(&format!("{line}\n")),
            "{line:?} missing:\n{text}"
        );
    }
    // mean impact by kind, highest first
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("  Conference: 2.5") < at("  Study day: 1.5"), "{text}");
    // an unrated kind has no line of its own
    assert!(!text.contains("External course: "), "{text}");
}

#[test]
fn summary_counts_the_raters_of_the_period_only() {
    let text = small().stdout(&["summary", "--until", UNTIL, "--format", "markdown"]);
    let heading = text.lines().next().unwrap();
    // Anna, Erik and Maria; Zoe only rated what is outside the period
    assert!(heading.contains("rated by 3 people"), "{heading}");
    assert!(!heading.contains("Zoe"), "{heading}");
}

#[test]
fn summary_leaves_out_undated_initiatives_with_a_note() {
    let project = small();
    project
        .run(&["summary", "--until", UNTIL, "--format", "json"])
        .success()
        .stderr(contains("without a date").and(contains("fortb set ID start=")))
        .stdout(contains("foxtrot").not());
    // the note is on stderr only, so the JSON stays clean
    summary_json(&project, &["--until", UNTIL]);
}

#[test]
fn summary_note_about_undated_initiatives_counts_in_the_singular() {
    small()
        .run(&["summary", "--until", UNTIL])
        .success()
        .stderr(contains("1 initiatives").not());
}

#[test]
fn summary_sorts_by_date_or_title_keeping_the_ranks() {
    let project = small();
    let by_date = summary_json(&project, &["--until", UNTIL, "--sort", "date"]);
    assert_eq!(ids(&by_date), ["echo", "delta", "beta", "charlie", "alpha"]);
    let ranks: Vec<Value> = by_date["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["rank"].clone())
        .collect();
    assert_eq!(ranks, [Value::Null, json!(4), json!(1), json!(2), json!(3)]);
    let by_title = summary_json(&project, &["--until", UNTIL, "--sort", "title"]);
    assert_eq!(
        ids(&by_title),
        ["alpha", "beta", "charlie", "delta", "echo"]
    );
    assert_eq!(by_title["initiatives"][0]["rank"], 3);
    let by_impact = summary_json(&project, &["--until", UNTIL, "--sort", "impact"]);
    assert_eq!(
        ids(&by_impact),
        ["beta", "charlie", "alpha", "delta", "echo"]
    );
    project
        .run(&["summary", "--until", UNTIL, "--sort", "random"])
        .failure()
        .code(2);
}

#[test]
fn summary_of_some_kinds_only() {
    let project = small();
    let study_days = summary_json(&project, &["--until", UNTIL, "--kind", "study-day"]);
    assert_eq!(ids(&study_days), ["alpha", "delta"]);
    assert_eq!(study_days["initiatives"][0]["rank"], 1);
    assert_eq!(study_days["initiatives"][1]["rank"], 2);
    let two = summary_json(
        &project,
        &[
            "--until",
            UNTIL,
            "--kind",
            "studiedag",
            "--kind",
            "Konferens",
        ],
    );
    assert_eq!(ids(&two), ["charlie", "alpha", "delta"]);
    project
        .run(&["summary", "--until", UNTIL, "--kind", "party"])
        .failure()
        .code(2)
        .stderr(contains("\"party\"").and(contains("study-day")));
}

#[test]
fn summary_period_from_months_since_and_until() {
    let project = small();
    let year = summary_json(&project, &["--until", UNTIL, "--months", "12"]);
    assert_eq!(
        year["period"],
        json!({"since": "2025-11-23", "until": "2026-11-23"})
    );
    assert_eq!(ids(&year), ["alpha"]);
    let window = summary_json(
        &project,
        &["--since", "2025-05-01", "--until", "2025-12-31"],
    );
    assert_eq!(
        window["period"],
        json!({"since": "2025-05-01", "until": "2025-12-31"})
    );
    assert_eq!(ids(&window), ["beta", "charlie"]);
    // both ends are included
    let day = summary_json(
        &project,
        &["--since", "2025-06-01", "--until", "2025-06-01"],
    );
    assert_eq!(ids(&day), ["beta", "charlie"]);
    // four years reach back to Golf (2023-01-01), rated 4 by Zoe
    let long = summary_json(&project, &["--until", UNTIL, "--months", "48"]);
    assert_eq!(
        ids(&long),
        ["golf", "beta", "charlie", "alpha", "delta", "echo"]
    );
}

#[test]
fn summary_refuses_a_period_that_ends_before_it_starts() {
    let project = small();
    project
        .run(&["summary", "--since", "2026-01-01", "--until", "2025-01-01"])
        .failure()
        .code(2)
        .stdout("")
        .stderr(contains("2026-01-01").and(contains("2025-01-01")));
    project
        .run(&["summary", "--until", "2025-13-01"])
        .failure()
        .code(2)
        .stderr(contains("--until").and(contains("YYYY-MM-DD")));
    project
        .run(&["summary", "--since", "2025-01-01", "--months", "6"])
        .failure()
        .code(2);
}

#[test]
fn summary_of_an_empty_period() {
    let project = small();
    project
        .run(&["summary", "--since", "2000-01-01", "--until", "2000-12-31"])
        .success()
        .stdout("")
        .stderr(contains("2000-01-01").and(contains("2000-12-31")));
    let empty = summary_json(
        &project,
        &["--since", "2000-01-01", "--until", "2000-12-31"],
    );
    assert_eq!(empty["initiatives"], json!([]));
    let csv = project.stdout(&[
        "summary",
        "--since",
        "2000-01-01",
        "--until",
        "2000-12-31",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().count(), 1, "only the header:\n{csv}");
}

#[test]
fn summary_grouped_by_kind_as_json_and_table() {
    let project = small().env("COLUMNS", "200");
    let grouped = summary_json(&project, &["--until", UNTIL, "--group-by", "kind"]);
    assert_eq!(grouped["groups"], grouped["patterns"]["by_kind"]);
    assert_eq!(grouped["groups"][0]["group"], "study-day");
    let table = project.stdout(&["summary", "--until", UNTIL, "--group-by", "kind"]);
    let rows = common::table_lines(&table);
    let row = |group: &str| rows.iter().find(|row| row[0] == group).expect(&table);
    assert_eq!(
        row("Study day")[..7],
        ["Study day", "2", "2", "2.0", "3.0", "0.5", "1.5 ███"]
    );
    assert_eq!(
        row("External course")[..7],
        ["External course", "1", "0", "", "", "", ""]
    );
    assert!(
        !table.contains("Beta"),
        "a grouped table has no initiative rows:\n{table}"
    );
}

#[test]
fn summary_grouped_by_learning_as_csv() {
    let csv = small().stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--group-by",
        "learning",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0].split(',').count(), 7, "{csv}");
    assert_eq!(
        lines[1..],
        [
            "Everyday learning,1,1,3.0,2.0,2.5,2.5",
            "Formal learning,2,2,3.0,2.5,1.0,2.5",
            "Mandatory learning,1,1,1.0,,0.0,0.5",
            "Not stated,1,0,,,,",
            "",
        ],
        "{csv}"
    );
}

#[test]
fn summary_grouped_by_whole_staff_as_markdown() {
    let markdown = small().stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--group-by",
        "whole-staff",
        "--format",
        "markdown",
    ]);
    assert!(markdown.starts_with("## "), "{markdown}");
    assert!(
        markdown.contains("\n|---|--:|--:|--:|--:|--:|--:|\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n| Whole staff | 2 | 2 | 2.0 | 3.0 | 0.5 | 1.5 |\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n| Part of the staff | 3 | 2 | 3.0 | 2.0 | 2.5 | 2.5 |\n"),
        "{markdown}"
    );
}

#[test]
fn summary_grouped_by_spread_in_every_format() {
    let project = small().env("COLUMNS", "200");
    let grouped = summary_json(&project, &["--until", UNTIL, "--group-by", "spread"]);
    assert_eq!(grouped["groups"], grouped["patterns"]["spread"]);
    let table = project.stdout(&["summary", "--until", UNTIL, "--group-by", "spread"]);
    let one_off = table.lines().find(|l| l.contains("One-off")).expect(&table);
    assert!(one_off.contains("1.8"), "{one_off}");
    let csv = project.stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--group-by",
        "spread",
        "--format",
        "csv",
    ]);
    assert!(
        csv.contains("\r\nSpread over time,2,1,3.0,2.0,2.5,2.5\r\nOne-off,3,3,2.3,2.5,0.5,1.8\r\n"),
        "{csv}"
    );
    let markdown = project.stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--group-by",
        "spread",
        "--format",
        "markdown",
    ]);
    assert!(
        markdown.contains("| One-off | 3 | 3 | 2.3 | 2.5 | 0.5 | 1.8 |"),
        "{markdown}"
    );
    project
        .run(&["summary", "--until", UNTIL, "--group-by", "colour"])
        .failure()
        .code(2);
}

#[test]
fn summary_csv_follows_rfc_4180() {
    let csv = small().stdout(&["summary", "--until", UNTIL, "--format", "csv"]);
    assert!(csv.ends_with("\r\n"), "{csv:?}");
    assert!(
        !csv.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF: {csv:?}"
    );
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 7, "{csv}");
    assert_eq!(lines[0].split(',').count(), 13, "{csv}");
    assert!(lines[0].starts_with("Rank,Id,"), "{csv}");
    assert_eq!(
        lines[1..],
        [
            "1,beta,Beta,Book circle,2025-06-01,3.0,2.0,2.5,2.5,1,,practice,0/6 Need",
            "2,charlie,Charlie,Conference,2025-06-01,3.0,2.0,,2.5,0,,delivery,0/6 Need",
            "3,alpha,\"Alpha, \"\"AI\"\" day\",Study day,2026-01-10,3.0,3.0,1.0,2.5,1,,\"discussion, need\",0/6 Need",
            "4,delta,Delta,Study day,2025-03-01,1.0,,0.0,0.5,0,,delivery,0/6 Need",
            ",echo,Echo,External course,2025-02-01,,,,,,,,0/6 Need",
            "",
        ],
        "{csv}"
    );
}

#[test]
fn summary_csv_quotes_line_breaks() {
    let project = Project::new().file(
        "initiatives/two.toml",
        "title = \"Två\\nrader\"\nkind = \"other\"\nstart = 2026-01-01\n\n[[recall]]\nby = \"A\"\ndate = 2026-11-01\nself = 2\n",
    );
    let csv = project.stdout(&["summary", "--until", UNTIL, "--format", "csv"]);
    assert!(
        csv.contains("\r\n1,two,\"Två\nrader\",Other,2026-01-01,2.0,,,2.0,0,,,0/6 Need\r\n"),
        "{csv:?}"
    );
}

#[test]
fn summary_csv_with_a_semicolon_takes_decimal_commas() {
    let csv = small().stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--format",
        "csv",
        "--delimiter",
        ";",
    ]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("Rank;Id;"), "{csv}");
    assert_eq!(
        lines[1],
        "1;beta;Beta;Book circle;2025-06-01;3,0;2,0;2,5;2,5;1;;practice;0/6 Need"
    );
    assert_eq!(
        lines[3],
        "3;alpha;\"Alpha, \"\"AI\"\" day\";Study day;2026-01-10;3,0;3,0;1,0;2,5;1;;discussion, need;0/6 Need",
        "a comma is no reason to quote, a quote is"
    );
    let grouped = small().stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--format",
        "csv",
        "--delimiter",
        ";",
        "--group-by",
        "kind",
    ]);
    assert!(
        grouped.contains("\r\nStudy day;2;2;2,0;3,0;0,5;1,5\r\n"),
        "{grouped}"
    );
}

#[test]
fn summary_csv_with_a_tab_or_a_byte_order_mark() {
    let project = small();
    let tab = project.stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--format",
        "csv",
        "--delimiter",
        "tab",
    ]);
    assert!(tab.starts_with("Rank\tId\t"), "{tab:?}");
    assert!(
        tab.contains("\r\n1\tbeta\tBeta\tBook circle\t2025-06-01\t3.0\t"),
        "{tab:?}"
    );
    let escaped = project.stdout(&[
        "summary",
        "--until",
        UNTIL,
        "--format",
        "csv",
        "--delimiter",
        "\\t",
    ]);
    assert_eq!(escaped, tab);
    let bom = project.stdout(&["summary", "--until", UNTIL, "--format", "csv", "--bom"]);
    assert!(bom.starts_with("\u{feff}Rank,"), "{bom:?}");
    let plain = project.stdout(&["summary", "--until", UNTIL, "--format", "csv"]);
    assert!(!plain.starts_with('\u{feff}'));
    assert_eq!(bom.trim_start_matches('\u{feff}'), plain);
}

#[test]
fn summary_refuses_a_bad_delimiter() {
    let project = small();
    for bad in [";;", "", "\"", "\n", "ab"] {
        project
            .run(&[
                "summary",
                "--until",
                UNTIL,
                "--format",
                "csv",
                "--delimiter",
                bad,
            ])
            .failure()
            .code(2)
            .stdout("")
            .stderr(contains("--delimiter"));
    }
}

// ---------------------------------------------------------------------------------------------
// summary: the example project
// ---------------------------------------------------------------------------------------------

#[test]
fn summary_json_of_the_example_has_the_documented_keys() {
    let summary = summary_json(&Project::example(), &["--until", UNTIL]);
    for key in ["period", "initiatives", "patterns"] {
        assert!(summary.get(key).is_some(), "{key} missing");
    }
    assert_eq!(summary["period"]["since"], "2024-11-23");
    assert_eq!(summary["period"]["until"], "2026-11-23");
    let rows = summary["initiatives"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        13,
        "the tailored one of 2027 is outside the period"
    );
    for row in rows {
        for key in [
            "id",
            "title",
            "kind",
            "start",
            "impact",
            "impact_self",
            "impact_leadership",
            "impact_staff",
            "why",
            "step",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
        assert!(row["why"].is_array(), "{row}");
    }
    let patterns = &summary["patterns"];
    for key in ["by_kind", "whole_staff", "spread", "why"] {
        assert!(patterns[key].is_array(), "{key} missing in {patterns}");
    }
    // the unrated come last, with null impact
    let unrated: Vec<&Value> = rows.iter().filter(|r| r["impact"].is_null()).collect();
    assert_eq!(unrated.len(), 2);
    assert!(rows[11]["impact"].is_null() && rows[12]["impact"].is_null());
    // impacts never increase down the ranking
    let impacts: Vec<f64> = rows.iter().filter_map(|r| r["impact"].as_f64()).collect();
    assert!(impacts.windows(2).all(|w| w[0] >= w[1]), "{impacts:?}");
    assert_eq!(
        rows[0]["id"],
        "kollegialt-larande-lektionsbesok-i-matematik"
    );
    assert_eq!(rows[0]["impact"], 3.44);
}

#[test]
fn summary_table_of_the_example() {
    let project = Project::example()
        .env("COLUMNS", "140")
        .env("NO_COLOR", "1");
    let table = project.stdout(&["summary", "--until", UNTIL]);
    for line in table.lines() {
        assert!(line.chars().count() <= 140, "wider than 140: {line}");
    }
    insta::assert_snapshot!("summary_example_table_sv", table);
}

#[test]
fn summary_table_of_the_example_in_english() {
    let project = Project::example()
        .env("COLUMNS", "140")
        .env("NO_COLOR", "1");
    let table = project.stdout(&["summary", "--until", UNTIL, "--lang", "en"]);
    for line in table.lines() {
        assert!(line.chars().count() <= 140, "wider than 140: {line}");
    }
    insta::assert_snapshot!("summary_example_table_en", table);
}

#[test]
fn summary_markdown_of_the_example() {
    let markdown =
        Project::example().stdout(&["summary", "--until", UNTIL, "--format", "markdown"]);
    insta::assert_snapshot!("summary_example_markdown_sv", markdown);
}

#[test]
fn summary_csv_of_the_example() {
    let csv = Project::example().stdout(&["summary", "--until", UNTIL, "--format", "csv"]);
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF line ends");
    // shown with plain line ends; the CRLFs are checked above
    insta::assert_snapshot!("summary_example_csv_sv", csv.replace("\r\n", "\n"));
}

#[test]
fn summary_json_of_the_example() {
    let text = Project::example().stdout(&["summary", "--until", UNTIL, "--format", "json"]);
    insta::assert_snapshot!("summary_example_json_sv", text);
}

// ---------------------------------------------------------------------------------------------
// report
// ---------------------------------------------------------------------------------------------

#[test]
fn report_markdown_of_the_example() {
    let text = Project::example()
        .env("FORTB_TODAY", "2026-11-23")
        .stdout(&["report", "--until", UNTIL]);
    insta::assert_snapshot!("report_example_markdown_sv", redact_made_on(&text));
}

#[test]
fn report_html_of_the_example_in_both_languages() {
    // The whole meeting pack, charts and all, on a fixed day: nothing to normalise.
    let project = Project::example().env("FORTB_TODAY", "2026-11-23");
    for lang in ["sv", "en"] {
        let html = project.stdout(&[
            "--lang", lang, "report", "--format", "html", "--until", UNTIL,
        ]);
        insta::assert_snapshot!(format!("report_example_html_{lang}"), html);
    }
}

#[test]
fn report_counts_one_session_in_the_singular() {
    let text = Project::example().stdout(&["report", "--until", UNTIL]);
    // Studiedag: Tillgänglig lärmiljö has `sessions = 1`
    assert!(!text.contains(" 1 tillfällen"), "{text}");
    let english = Project::example().stdout(&["report", "--until", UNTIL, "--lang", "en"]);
    assert!(!english.contains(" 1 sessions"), "{english}");
}

#[test]
fn report_markdown_is_the_ranking_patterns_and_stories() {
    let text = small().stdout(&["report", "--until", UNTIL]);
    assert!(text.starts_with("# "), "{text}");
    assert!(text.contains("Testskolan"), "{text}");
    // The ranking, worked out by hand: impact is the mean of every rating.
    // Beta: 3, 3 (Anna), 2 (Erik), 3, 2, 2 (Maria) = 15/6 = 2.5; me (3+3)/2, leaders 2, staff
    //   (3+2)/2 = 2.5; Maria named it unaided.
    // Charlie: 3, 2 = 2.5; no staff rating.
    // Alpha: 4, 3 (Anna), 2, 1 (Erik) = 10/4 = 2.5; me (4+2)/2 = 3, leaders 3, staff 1; Anna
    //   unaided; "discussion" named twice, "need" once.
    // Delta: 1, 0 = 0.5. Echo has no rating; Foxtrot no date; Golf (2023) is before the period.
    // The three at 2.5 are ranked by date, then title: Beta and Charlie (2025-06-01), Alpha.
    let table: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        table[2..],
        [
            "| 1 | Beta | Book circle | 2025-06-01 | 3.0 | 2.0 | 2.5 | 2.5 | 1 |  | practice | 0/6 Need |",
            "| 2 | Charlie | Conference | 2025-06-01 | 3.0 | 2.0 |  | 2.5 | 0 |  | delivery | 0/6 Need |",
            "| 3 | Alpha, \"AI\" day | Study day | 2026-01-10 | 3.0 | 3.0 | 1.0 | 2.5 | 1 |  | discussion, need | 0/6 Need |",
            "| 4 | Delta | Study day | 2025-03-01 | 1.0 |  | 0.0 | 0.5 | 0 |  | delivery | 0/6 Need |",
            "|  | Echo | External course | 2025-02-01 |  |  |  |  |  |  |  | 0/6 Need |",
        ],
        "{text}"
    );
    assert!(text.contains("### 1. Beta — 2.5\n"), "{text}");
    assert!(text.contains("### 4. Delta — 0.5\n"), "{text}");
    assert!(text.contains("### Echo — not rated\n"), "{text}");
    assert!(!text.contains("Foxtrot"), "{text}");
}

#[test]
fn report_html_is_one_self_contained_page_with_two_charts() {
    let project = Project::example().file(
        "initiatives/farligt.toml",
        "schema = 1\ntitle = \"Studiedag <b>& co</b> 'x'\"\nkind = \"study-day\"\nstart = 2026-02-01\n\n[steps.need]\nwhy = \"<script>alert(1)</script>\"\n\n[[recall]]\nby = \"Anna Lind\"\ndate = 2026-11-20\nself = 2\n",
    );
    project
        .run(&[
            "report",
            "--until",
            UNTIL,
            "--format",
            "html",
            "--out",
            "pack.html",
        ])
        .success()
        .stdout("")
        .stderr(contains("pack.html"));
    let html = project.read("pack.html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");
    assert!(
        html.contains("<html lang=\"sv\">"),
        "the project's language"
    );
    assert!(html.contains("<meta charset=\"utf-8\">"));
    // the two rankings, and the change between the example's two look-back rounds, as
    // figures whose bars are drawn in CSS, and impact against cost per participant (an
    // inline SVG, which in HTML needs no namespace: nothing on the page names a web address)
    assert_eq!(html.matches("<figure").count(), 4, "{html}");
    assert!(
        html.contains("<figure class=\"chart\" id=\"chart-initiatives\""),
        "{html}"
    );
    assert!(
        html.contains("<figure class=\"chart\" id=\"chart-kinds\""),
        "{html}"
    );
    assert!(
        html.contains("<figure class=\"chart\" id=\"chart-change\""),
        "{html}"
    );
    assert!(!html.to_lowercase().contains("<script"), "no scripts");
    // The material's links are links to follow, not things the page fetches.
    let without_links: String = html
        .split("<a href=\"")
        .enumerate()
        .map(|(n, part)| {
            if n == 0 {
                part
            } else {
                part.split_once('"').map_or(part, |(_, rest)| rest)
            }
        })
        .collect();
    assert!(
        !without_links.contains("http://") && !without_links.contains("https://"),
        "nothing is fetched"
    );
    assert!(!html.contains("<link") && !html.contains("<img") && !html.contains("@import"));
    // the hostile title, escaped everywhere it appears
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains("& co"), "{html}");
    assert!(
        html.contains("Studiedag &lt;b&gt;&amp; co&lt;/b&gt; &#39;x&#39;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    // one bar per rated initiative (12) and one per rated kind (9)
    let chart = |id: &str| -> &str {
        let start = html.find(&format!("id=\"{id}\"")).unwrap();
        let end = start + html[start..].find("</figure>").unwrap();
        &html[start..end]
    };
    assert_eq!(
        chart("chart-initiatives").matches("class=\"bar ").count(),
        12
    );
    assert_eq!(chart("chart-kinds").matches("class=\"bar ").count(), 9);
    // every element that is opened is closed
    for tag in [
        "section",
        "table",
        "ul",
        "article",
        "figure",
        "figcaption",
        "div",
        "span",
        "tr",
        "th",
        "td",
        "p",
        "h2",
        "h3",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(
            opened, closed,
            "<{tag}> opened {opened} times, closed {closed}"
        );
    }
}

#[test]
fn report_html_leaves_out_the_kind_chart_when_each_kind_has_one_initiative() {
    let record = |title: &str, kind: &str| {
        format!("schema = 1\ntitle = \"{title}\"\nkind = \"{kind}\"\nstart = 2026-02-01\n\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nself = 3\n")
    };
    let project = Project::empty()
        .file("fortb.toml", "name = \"Testskolan\"\nlang = \"en\"\n")
        .file("initiatives/a.toml", &record("A", "study-day"))
        .file("initiatives/b.toml", &record("B", "book-circle"));
    let args = ["report", "--until", UNTIL, "--format", "html"];
    let html = project.stdout(&args);
    assert!(html.contains("id=\"chart-initiatives\""), "{html}");
    assert!(
        !html.contains("chart-kinds"),
        "it would repeat the first chart:\n{html}"
    );
    project.write("initiatives/c.toml", record("C", "study-day"));
    let html = project.stdout(&args);
    assert!(html.contains("id=\"chart-kinds\""), "{html}");
}

#[test]
fn report_html_to_stdout_in_english() {
    let html = small().stdout(&[
        "report", "--until", UNTIL, "--format", "html", "--lang", "en",
    ]);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html}"
    );
    assert!(html.contains("Alpha, &quot;AI&quot; day"), "{html}");
    assert_eq!(html.matches("<figure").count(), 2);
}

#[test]
fn report_html_of_an_empty_period_is_a_valid_page() {
    let project = small();
    project
        .run(&[
            "report",
            "--since",
            "2000-01-01",
            "--until",
            "2000-12-31",
            "--format",
            "html",
            "--out",
            "empty.html",
        ])
        .success();
    let html = project.read("empty.html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");
    assert!(html.contains("<title>"), "{html}");
    assert!(html.contains("2000-01-01"), "{html}");
    assert!(
        !html.contains("<figure"),
        "no chart without ratings:\n{html}"
    );
    assert!(
        html.contains("fortb recall"),
        "says how to start rating:\n{html}"
    );
    for tag in ["section", "table", "ul", "body", "html", "head"] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opened, closed, "<{tag}> in\n{html}");
    }
    let markdown = project.stdout(&["report", "--since", "2000-01-01", "--until", "2000-12-31"]);
    assert!(markdown.starts_with("# "), "{markdown}");
}

#[test]
fn report_of_some_kinds_and_a_bad_period() {
    let project = small();
    let text = project.stdout(&["report", "--until", UNTIL, "--kind", "study-day"]);
    assert!(text.contains("Alpha") && text.contains("Delta"), "{text}");
    assert!(!text.contains("Beta"), "{text}");
    project
        .run(&["report", "--since", "2026-01-01", "--until", "2025-01-01"])
        .failure()
        .code(2);
    assert!(!project.exists("pack.html"));
}

// ---------------------------------------------------------------------------------------------
// over time: as it stood, unfinished entries, why not
// ---------------------------------------------------------------------------------------------

/// `kurs` rated by Anna in two autumns: 4 a year ago, 1 now; Erik stopped halfway this year.
fn kurs_over_two_autumns() -> Project {
    let project = kurs();
    let mut text = project.read(KURS);
    text.push_str(concat!(
        "\n[[recall]]\nby = \"Anna\"\ndate = 2025-11-20\nself = 4\nwhy = [\"practice\"]\nnote = \"Vi övade varje vecka\"\n",
        "\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-19\nself = 1\nwhy_not = [\"follow_up\"]\nnote = \"Ingen följde upp\"\n",
        "\n[[recall]]\nby = \"Erik\"\ndate = 2026-11-19\nself = 3\nincomplete = true\n",
    ));
    project.write(KURS, text);
    project
}

#[test]
fn summary_until_shows_the_ratings_as_they_stood_that_day() {
    let project = kurs_over_two_autumns();
    let then = summary_json(&project, &["--until", "2025-12-01"]);
    let row = &then["initiatives"][0];
    assert_eq!(
        (&row["impact"], &row["rater_count"], &row["why"]),
        (
            &json!(4.0),
            &json!(1),
            &json!([{"reason": "practice", "n": 1}])
        )
    );
    assert_eq!(row["notes"].as_array().unwrap().len(), 1, "{row}");
    let now = summary_json(&project, &["--until", "2026-12-01"]);
    let row = &now["initiatives"][0];
    // Erik's unfinished entry is not a rating: one rater, Anna's 1
    assert_eq!(
        (&row["impact"], &row["rater_count"]),
        (&json!(1.0), &json!(1))
    );
    assert_eq!(row["why_not"], json!([{"reason": "follow_up", "n": 1}]));
    assert_eq!(
        row["notes"][1],
        json!({"by": "Anna", "date": "2026-11-19", "note": "Ingen följde upp"})
    );
    let heading = project.stdout(&["summary", "--until", "2026-12-01", "--format", "markdown"]);
    assert!(heading.contains("rated by 1 person"), "{heading}");
}

#[test]
fn recall_why_not_and_unaided_are_written_and_counted() {
    let project = kurs();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--self",
            "1",
            "--why-not",
            "tid,uppföljning",
            "--date",
            "2026-11-20",
        ])
        .success();
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Anna",
            "--unaided",
            "--date",
            "2026-11-20",
        ])
        .success()
        .stderr(contains("self, why_not"));
    assert!(
        project.read(KURS).ends_with(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nunaided = true\nself = 1\nwhy_not = [\"time\", \"follow_up\"]\n"
        ),
        "{}",
        project.read(KURS)
    );
    let row = &summary_json(&project, &["--until", UNTIL])["initiatives"][0];
    assert_eq!(
        (&row["unaided_count"], &row["impact"]),
        (&json!(1), &json!(1.0))
    );
    project
        .run(&["recall", "kurs", "--by", "Erik", "--unaided"])
        .failure()
        .code(1)
        .stderr(contains("--self"));
    project
        .run(&[
            "recall",
            "kurs",
            "--by",
            "Erik",
            "--self",
            "1",
            "--why-not",
            "weather",
        ])
        .code(2)
        .stderr(contains(
            "time, follow_up, relevance, one_off, support, other",
        ));
    project.run(&["check"]).success();
}

#[test]
fn the_saved_rating_is_named_with_a_swedish_possessive() {
    let project = kurs();
    for (by, says) in [
        (
            "Karin Berg",
            "Sparade Karin Bergs bedömning av kurs i initiatives/kurs.toml\n",
        ),
        // Swedish adds no s after an s: "Lars bedömning", never "Larss".
        (
            "Lars",
            "Sparade Lars bedömning av kurs i initiatives/kurs.toml\n",
        ),
    ] {
        project
            .run(&["--lang", "sv", "recall", "kurs", "--by", by, "--self", "2"])
            .success()
            .stderr(says);
    }
}

#[test]
fn a_near_miss_reason_is_met_with_the_word_meant() {
    let project = kurs();
    let before = project.read(KURS);
    for (lang, given, says) in [
        (
            "sv",
            "tiden",
            "fortb: okänd orsak till att det inte fastnade \"tiden\"; menade du tid? Använd någon av: \
             tid, uppföljning, relevans, engångsinsats, stöd, annat\n",
        ),
        (
            "en",
            "folow-up",
            "fortb: unknown reason it did not stick \"folow-up\"; did you mean follow_up? Use one \
             of: time, follow_up, relevance, one_off, support, other\n",
        ),
    ] {
        project
            .run(&[
                "--lang",
                lang,
                "recall",
                "kurs",
                "--by",
                "Erik",
                "--self",
                "1",
                "--why-not",
                given,
            ])
            .code(2)
            .stderr(says);
    }
    // Why it stuck, too: "diskussionerna" is the plural of one of its words.
    project
        .run(&[
            "--lang",
            "sv",
            "recall",
            "kurs",
            "--by",
            "Erik",
            "--self",
            "3",
            "--why",
            "diskussionerna",
        ])
        .code(2)
        .stderr(contains("menade du diskussion?"));
    assert_eq!(project.read(KURS), before, "nothing is written");
}

#[test]
fn summary_patterns_add_the_why_not_shares() {
    let project = kurs_over_two_autumns();
    let summary = summary_json(&project, &["--until", "2026-12-01"]);
    let why_not = &summary["patterns"]["why_not"];
    assert_eq!(
        why_not[1],
        json!({"reason": "follow_up", "naming_count": 1, "not_stuck_count": 1})
    );
    assert_eq!(
        why_not[0],
        json!({"reason": "time", "naming_count": 0, "not_stuck_count": 1})
    );
    let table = project.stdout(&["summary", "--until", "2026-12-01", "--lang", "sv"]);
    assert!(table.contains("Varför det inte fastnade"), "{table}");
    assert!(table.contains("uppföljning: 1 av 1 (100 %)"), "{table}");
    assert!(table.contains("Kurs\u{a0}*"), "{table}");
    let markdown = project.stdout(&["summary", "--until", "2026-12-01", "--format", "markdown"]);
    assert!(
        markdown.contains("### In their own words\n\n**Kurs**\n\n- “Vi övade varje vecka” — Anna, 2025-11-20\n- “Ingen följde upp” — Anna, 2026-11-19\n"),
        "{markdown}"
    );
}

/// Two autumns of look-backs. `bok`: Anna 4 and 3 a year ago, 1 and 1 now; Erik rated only
/// a year ago (staff 4), so his 4 still counts. `dag`: Anna 1 a year ago, 3 now. `ny`: only
/// rated now.
fn two_autumns() -> Project {
    Project::new()
        .file(
            "initiatives/bok.toml",
            concat!(
                "title = \"Bokcirkel\"\nkind = \"book-circle\"\nstart = 2025-01-10\n",
                "\n[[recall]]\nby = \"Anna\"\ndate = 2025-11-20\nself = 4\nleadership = 3\nwhy = [\"discussion\"]\n",
                "\n[[recall]]\nby = \"Erik\"\ndate = 2025-11-21\nstaff = 4\nwhy = [\"discussion\"]\n",
                "\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-19\nself = 1\nleadership = 1\nwhy_not = [\"follow_up\"]\n",
            ),
        )
        .file(
            "initiatives/dag.toml",
            concat!(
                "title = \"Studiedag\"\nkind = \"study-day\"\nstart = 2025-03-01\n",
                "\n[[recall]]\nby = \"Anna\"\ndate = 2025-11-20\nself = 1\nwhy_not = [\"time\"]\n",
                "\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-19\nself = 3\nwhy = [\"practice\"]\n",
            ),
        )
        .file(
            "initiatives/ny.toml",
            concat!(
                "title = \"Ny kurs\"\nkind = \"course\"\nstart = 2026-02-01\n",
                "\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-19\nself = 2\n",
            ),
        )
}

const COMPARE: &[&str] = &["summary", "--until", UNTIL, "--compare", "2025-12-01"];

#[test]
fn compare_json_sets_then_beside_now_as_computed_by_hand() {
    let project = two_autumns();
    let summary = json(&project.stdout(&[COMPARE, &["--format", "json"]].concat()));
    assert_eq!(
        (&summary["then"], &summary["now"]),
        (&json!("2025-12-01"), &json!(UNTIL))
    );
    let rows = summary["initiatives"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["dag", "bok", "ny"],
        "ranked by now: 3.0, 2.0, 2.0 (ties by date)"
    );
    let bok = &rows[1];
    // then (4 + 3 + 4) / 3; now Anna 1 and 1 with Erik's 4 of last year: (1 + 1 + 4) / 3
    assert_eq!(
        (&bok["then"]["impact"], &bok["now"]["impact"]),
        (&json!(3.67), &json!(2.0))
    );
    assert_eq!(
        bok["change"],
        json!({"impact": -1.67, "impact_self": -3.0, "impact_leadership": -2.0, "impact_staff": 0.0})
    );
    assert_eq!(bok["trend"], "faded");
    assert_eq!(
        (&bok["then"]["rater_count"], &bok["now"]["rater_count"]),
        (&json!(2), &json!(2))
    );
    assert_eq!(
        (&bok["then"]["rank"], &bok["now"]["rank"]),
        (&json!(1), &json!(2))
    );
    assert_eq!(rows[0]["trend"], "grown");
    assert_eq!(rows[0]["change"]["impact"], json!(2.0));
    let ny = &rows[2];
    assert_eq!(
        (&ny["then"]["impact"], &ny["change"]["impact"], &ny["trend"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
    let then_why_not = &summary["patterns"]["then"]["why_not"][0];
    assert_eq!(
        then_why_not,
        &json!({"reason": "time", "naming_count": 1, "not_stuck_count": 1})
    );
    let now_kinds = &summary["patterns"]["now"]["by_kind"];
    assert_eq!(now_kinds[2]["group"], "book-circle", "{now_kinds}");
    assert_eq!(
        summary["patterns"]["then"]["by_kind"][2]["impact"],
        json!(3.67)
    );
}

#[test]
fn compare_table_of_two_autumns() {
    let project = two_autumns().env("COLUMNS", "120").env("NO_COLOR", "1");
    insta::assert_snapshot!("compare_table_en", project.stdout(COMPARE));
    insta::assert_snapshot!(
        "compare_table_sv",
        project.stdout(&[COMPARE, &["--lang", "sv"]].concat())
    );
}

#[test]
fn compare_markdown_csv_and_json_of_two_autumns() {
    let project = two_autumns();
    insta::assert_snapshot!(
        "compare_markdown_sv",
        project.stdout(&[COMPARE, &["--format", "markdown", "--lang", "sv"]].concat())
    );
    let csv = project.stdout(&[COMPARE, &["--format", "csv", "--delimiter", ";"]].concat());
    insta::assert_snapshot!("compare_csv_semicolon", csv.replace("\r\n", "\n"));
    insta::assert_snapshot!(
        "compare_json",
        project.stdout(&[COMPARE, &["--format", "json"]].concat())
    );
}

#[test]
fn compare_refuses_a_day_not_before_the_one_compared_with() {
    let project = two_autumns();
    project
        .run(&["summary", "--until", UNTIL, "--compare", UNTIL])
        .code(2)
        .stderr(contains("--compare"));
    project.run(&["summary", "--compare", "2025-13-01"]).code(2);
    project
        .run(&["summary", "--compare", "2025-12-01", "--group-by", "kind"])
        .code(2);
}

#[test]
fn show_lists_the_look_back_rounds_as_text_and_json() {
    let project = two_autumns().env("FORTB_TODAY", "2026-11-23");
    let value = json(&project.stdout(&["show", "bok", "--format", "json"]));
    assert_eq!(
        value["rounds"],
        json!([
            {"since": "2025-11-20", "until": "2025-11-21", "rater_count": 2, "unaided_count": 0,
             "impact": 3.67, "impact_self": 4.0, "impact_leadership": 3.0, "impact_staff": 4.0},
            // Erik did not rate in the second round: only Anna's entry is in it
            {"since": "2026-11-19", "until": "2026-11-19", "rater_count": 1, "unaided_count": 0,
             "impact": 1.0, "impact_self": 1.0, "impact_leadership": 1.0, "impact_staff": null},
        ])
    );
    let text = project.stdout(&["show", "bok"]);
    assert!(
        text.contains("Look-back rounds\n  2025-11-20 – 2025-11-21\n    raters: 2 · Me 4.0 · Leaders 3.0 · Staff 4.0 · Impact 3.7\n  2026-11-19\n    raters: 1 · Me 1.0 · Leaders 1.0 · Impact 1.0\n"),
        "{text}"
    );
    let one_round = project.stdout(&["show", "ny"]);
    assert!(!one_round.contains("Look-back rounds"), "{one_round}");
}

#[test]
fn show_until_shows_the_look_back_as_it_stood_that_day() {
    let project = two_autumns();
    let value =
        json(&project.stdout(&["show", "bok", "--until", "2025-12-01", "--format", "json"]));
    // the second autumn's entry is left out, and with it the second round
    let by_date: Vec<(&str, &str)> = value["recall"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["by"].as_str().unwrap(), r["date"].as_str().unwrap()))
        .collect();
    assert_eq!(by_date, [("Anna", "2025-11-20"), ("Erik", "2025-11-21")]);
    assert_eq!(
        value["rounds"],
        json!([{"since": "2025-11-20", "until": "2025-11-21", "rater_count": 2, "unaided_count": 0,
                "impact": 3.67, "impact_self": 4.0, "impact_leadership": 3.0, "impact_staff": 4.0}])
    );
    let text = project.stdout(&["show", "bok", "--until", "2025-11-20"]);
    assert!(
        text.ends_with("Look-back as it stood on 2025-11-20 — have we already forgotten?\n  Anna, 2025-11-20\n    me 4 (made a difference) · leadership 3 (made an impression)\n    Why: discussion\n"),
        "{text}"
    );
    let swedish = project.stdout(&["show", "bok", "--until", "2025-11-20", "--lang", "sv"]);
    assert!(
        swedish.contains("Tillbakablick som den såg ut 2025-11-20 – har vi redan glömt?\n"),
        "{swedish}"
    );
    project
        .run(&["show", "bok", "--until", "2025-11-31"])
        .code(2)
        .stderr(contains("--until"));
}

/// Issue 28, point 10: an initiative only rated by people who never started without the list
/// was not asked from memory, and is not counted as forgotten.
#[test]
fn what_was_never_asked_from_memory_is_not_called_forgotten() {
    let record = |title: &str, recall: &str| {
        format!("title = \"{title}\"\nkind = \"study-day\"\nstart = 2026-03-01\n{recall}")
    };
    let rating = |by: &str, unaided: bool| {
        format!("\n[[recall]]\nby = \"{by}\"\ndate = 2026-11-19\nself = 2\nstaff = 2\nunaided = {unaided}\n")
    };
    let project = Project::new()
        .file(
            "initiatives/dag.toml",
            &record("Dag", &rating("Anna", true)),
        )
        .file(
            "initiatives/bok.toml",
            &record("Bok", &rating("Anna", false)),
        )
        .file(
            "initiatives/kurs.toml",
            &record("Kurs", &rating("Erik", false)),
        );
    for (lang, heading, forgotten, not_asked) in [
        (
            "en",
            "## What nobody remembered",
            "Rated, but named by nobody before they saw the list:\n\n- Bok\n",
            "Not asked from memory, since none of those who rated them started without the list:\n\n- Kurs\n",
        ),
        (
            "sv",
            "## Det som ingen mindes",
            "Bedömda, men ingen nämnde dem innan listan visades:\n\n- Bok\n",
            "Inte efterfrågade ur minnet, eftersom ingen av dem som bedömde dem började utan listan:\n\n- Kurs\n",
        ),
    ] {
        let markdown = project.stdout(&["--lang", lang, "report", "--until", "2026-12-01"]);
        let section = &markdown[markdown.find(heading).expect(&markdown)..];
        assert!(section.contains(forgotten), "{section}");
        assert!(section.contains(not_asked), "{section}");
        let html = project.stdout(&[
            "--lang", lang, "report", "--until", "2026-12-01", "--format", "html",
        ]);
        assert!(html.contains("<li>Kurs</li>") || html.contains(">Kurs<"), "{html}");
    }
}

#[test]
fn report_quotes_the_notes_names_what_nobody_remembered_and_charts_the_change() {
    let project = two_autumns();
    project
        .run(&[
            "recall",
            "dag",
            "--by",
            "Anna",
            "--unaided",
            "--date",
            "2026-11-19",
        ])
        .success();
    let markdown = project.stdout(&["report", "--until", UNTIL]);
    assert!(
        markdown.contains("## What nobody remembered\n\nRated, but named by nobody before they saw the list:\n\n- Bokcirkel\n- Ny kurs\n\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- Studiedag: 1.0 (2025-11-20) → 3.0 (2026-11-19)\n- Bokcirkel: 3.7 (2025-11-21) → 2.0 (2026-11-19)\n"),
        "{markdown}"
    );
    project
        .run(&[
            "recall",
            "bok",
            "--by",
            "Anna",
            "--note",
            "Ingen följde upp",
            "--date",
            "2026-11-19",
        ])
        .success();
    let markdown = project.stdout(&["report", "--until", UNTIL]);
    assert!(
        markdown.contains("  - “Ingen följde upp” — Anna, 2026-11-19\n"),
        "{markdown}"
    );
    let anonymous = project.stdout(&["report", "--until", UNTIL, "--anonymous"]);
    assert!(
        anonymous.contains("  - “Ingen följde upp” — 2026-11-19\n"),
        "{anonymous}"
    );
    assert!(!anonymous.contains("Anna"), "{anonymous}");
    let html = project.stdout(&[
        "report",
        "--until",
        UNTIL,
        "--format",
        "html",
        "--anonymous",
    ]);
    assert!(
        html.contains(
            "<ul class=\"notes\"><li>“Ingen följde upp” — <span class=\"date\">2026-11-19</span></li></ul>"
        ),
        "{html}"
    );
    assert_eq!(html.matches("<span class=\"dot then ").count(), 2, "{html}");
    assert!(
        html.contains("Bokcirkel<span class=\"change-dates\">"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"value change\">3.7 → 2.0</span>"),
        "{html}"
    );
    assert!(!html.contains("Anna"), "{html}");
}

/// A period that starts after it ends is a usage error, phrased by the command line from the
/// look-back's cause, in both languages.
#[test]
fn a_reversed_period_is_refused_in_both_languages() {
    let project = Project::new();
    for (lang, message) in [
        (
            "en",
            "fortb: the period starts (2026-01-01) after it ends (2025-01-01)\n",
        ),
        (
            "sv",
            "fortb: perioden börjar (2026-01-01) efter att den slutar (2025-01-01)\n",
        ),
    ] {
        project
            .run(&[
                "--lang",
                lang,
                "summary",
                "--since",
                "2026-01-01",
                "--until",
                "2025-01-01",
            ])
            .code(2)
            .stdout("")
            .stderr(message);
    }
}
