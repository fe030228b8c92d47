//! Transfer rounds: the questionnaire of a follow-up round (`survey questions --round 90`),
//! its import into the round's aggregate, and how `show`, `summary` and `report` show use and
//! confidence per round — never below the anonymity threshold. Every expected share and mean is
//! worked out by hand next to it.

mod common;

use common::{json, survey_fixture, Project};
use serde_json::Value;

/// A record whose goals are written as sentences of their own ("Alla lärare kan …"), with a
/// plan for using them, and look-back ratings so that the summary ranks it.
const LASA: &str = r#"# Läsa tillsammans
schema = 1
title = "Läsa tillsammans"
kind = "book-circle"
process = "six-step"
start = 2025-09-01
end = 2025-12-10

[steps.concept]
learning_goals = [
  "Alla lärare kan leda ett boksamtal i sin klass.",
  "Eleverna läser *minst* en bok i månaden",
]
apply_where = "I svenska och SO"
apply_when = "Veckan efter varje träff"
apply_how = """Varje lärare prövar en samtalsmodell
och berättar vid nästa träff."""

[[recall]]
by = "Anna"
date = 2026-11-10
self = 4
leadership = 3
staff = 3
"#;

/// A second initiative, rated lower, for the pattern.
const BRAND: &str = r#"schema = 1
title = "Brandskydd"
kind = "online-course"
start = 2025-09-01
end = 2025-09-01

[[recall]]
by = "Anna"
date = 2026-11-10
self = 1
leadership = 1
staff = 0
"#;

/// The project Solbacka in `lang`, on 20 November 2026.
fn project(lang: &str) -> Project {
    Project::empty()
        .env("FORTB_TODAY", "2026-11-20")
        .file(
            "fortb.toml",
            &format!("name = \"Solbacka\"\nlang = \"{lang}\"\n"),
        )
        .file("initiatives/lasa.toml", LASA)
        .file("initiatives/brand.toml", BRAND)
}

fn import(project: &Project, id: &str, file: &std::path::Path, round: &str) {
    let file = file.to_str().unwrap();
    project.stdout(&["survey", "import", id, file, "--round", round]);
}

/// `rows` answers to the Swedish transfer questionnaire, each `(use, confidence, obstacles)`.
fn swedish_answers(rows: &[(&str, &str, &str)]) -> String {
    let mut text = String::from(
        "Id;Namn;Hur ofta använder du det du lärde dig i insatsen i ditt arbete?;\
         Hur säker känner du dig på att använda det? (1 = inte alls, 5 = helt säker);\
         Vad har gjort det svårare att använda det?\n",
    );
    for (i, (frequency, confidence, obstacles)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "{};Person {i};{frequency};{confidence};\"{obstacles}\"\n",
            i + 1
        ));
    }
    text
}

#[test]
fn the_transfer_questionnaire_quotes_the_goals_in_swedish() {
    let project = project("sv");
    let markdown = project.stdout(&["survey", "questions", "lasa", "--round", "90"]);
    insta::assert_snapshot!("questions_transfer_markdown_sv", markdown);
}

#[test]
fn the_transfer_questionnaire_quotes_the_goals_in_english() {
    let project = project("en");
    let markdown = project.stdout(&["survey", "questions", "lasa", "--round", "30"]);
    insta::assert_snapshot!("questions_transfer_markdown_en", markdown);
}

#[test]
fn the_transfer_questionnaire_as_csv_lists_each_questions_options() {
    let project = project("sv");
    let csv = project.stdout(&[
        "survey",
        "questions",
        "lasa",
        "--round",
        "90",
        "--format",
        "csv",
    ]);
    insta::assert_snapshot!("questions_transfer_csv_sv", csv);
    let english = project.stdout(&[
        "--lang",
        "en",
        "survey",
        "questions",
        "lasa",
        "--round",
        "90",
        "--format",
        "csv",
        "--delimiter",
        "tab",
    ]);
    insta::assert_snapshot!("questions_transfer_csv_en_tab", english);
}

#[test]
fn the_december_round_has_no_questionnaire_of_one_initiative() {
    let project = project("en");
    let output = project.output(&["survey", "questions", "lasa", "--round", "december-2026"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr), @"fortb: --round december-2026: the December survey asks about all of the year's initiatives at once, not about one; for one initiative, use end or the days after its end (90)
");
}

#[test]
fn importing_a_transfer_round_stores_what_the_answers_add_up_to() {
    let project = project("sv");
    import(&project, "lasa", &survey_fixture("transfer_sv.csv"), "90");
    let record: toml::Table = project.read("initiatives/lasa.toml").parse().unwrap();
    let transfer = &record["survey"]["rounds"]["90"]["transfer"];
    // Use: aldrig 1 · någon gång 2 · varje månad 2 · varje vecka 3 → 5 of 8 = 0.625 → 0.63.
    // Confidence: 5 4 4 3 3 2 4 2 → 27 / 8 = 3.375 → 3.38.
    // Helped: discussion 3, need 2, practice 2. Obstacles: time 3, follow-up 2, support 1,
    // relevance 1. The leader followed up 3 of 8 = 0.375 → 0.38.
    let expected: toml::Value = toml::from_str::<toml::Table>(
        r#"respondents = 8
use = { never = 1, rarely = 2, monthly = 2, weekly = 3 }
at_least_monthly = 0.63
confidence = 3.38
confidence_distribution = [0, 2, 2, 3, 1]
helped = { need = 2, delivery = 0, discussion = 3, practice = 2, other = 0 }
obstacles = { time = 3, follow_up = 2, relevance = 1, one_off = 0, support = 1, other = 0 }
leader_followed_up = 0.38
"#,
    )
    .unwrap()
    .into();
    assert_eq!(transfer, &expected);
    // Nothing of the form tool's own columns, nor any name, reaches the record.
    let text = project.read("initiatives/lasa.toml");
    for personal in ["Anna Lind", "anna.lind@solbacka.se", "2026-01-12 08:00:11"] {
        assert!(!text.contains(personal), "{personal} in the record");
    }
    project.run(&["check"]).success();

    let shown = project.stdout(&["show", "lasa"]);
    let round = shown
        .split("Enkät, 90 dagar efter slutet\n")
        .nth(1)
        .expect("the round's section");
    let round: String = round.lines().take(12).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("show_transfer_round_sv", round);
    // Issue 28, point 11: each answer as the survey asked it, not the look-back's short word.
    let english = project.stdout(&["--lang", "en", "show", "lasa"]);
    assert!(
        english
            .contains("Talking with colleagues about how to do it: 3 · A real need in my work: 2"),
        "{english}"
    );
    let json = json(&project.stdout(&["show", "lasa", "--format", "json"]));
    assert_eq!(
        json["survey"]["rounds"]["90"]["transfer"]["at_least_monthly"],
        0.63
    );
    assert_eq!(
        json["survey"]["rounds"]["90"]["transfer"]["use"]["weekly"],
        3
    );
}

#[test]
fn an_english_google_export_counts_several_answers_in_one_cell() {
    let project = project("en");
    // Five answers, exactly min_responses.
    import(
        &project,
        "lasa",
        &survey_fixture("transfer_google_en.csv"),
        "30",
    );
    let record: toml::Table = project.read("initiatives/lasa.toml").parse().unwrap();
    let transfer = &record["survey"]["rounds"]["30"]["transfer"];
    // Monthly 1 of 5 = 0.2; confidence 4 3 2 2 1 → 12 / 5 = 2.4.
    assert_eq!(transfer["at_least_monthly"].as_float(), Some(0.2));
    assert_eq!(transfer["confidence"].as_float(), Some(2.4));
    // "Not enough time, Nobody has followed it up" counts both.
    assert_eq!(transfer["obstacles"]["time"].as_integer(), Some(3));
    assert_eq!(transfer["obstacles"]["follow_up"].as_integer(), Some(2));
    assert_eq!(transfer["obstacles"]["support"].as_integer(), Some(1));
    assert_eq!(transfer["leader_followed_up"].as_float(), Some(0.2));
}

#[test]
fn a_fall_from_one_month_to_six_shows_in_the_summary_and_the_report() {
    let project = project("sv");
    let weekly = ("Varje vecka eller oftare", "5", "");
    let monthly = ("Ungefär varje månad", "4", "Tiden räcker inte till;");
    let never = (
        "Aldrig",
        "2",
        "Ingen har följt upp det;Tiden räcker inte till;",
    );
    let rarely = ("Någon enstaka gång", "3", "Tiden räcker inte till;");
    // 30 days: weekly 3, monthly 2, never 1 → 5 of 6 = 83 %; confidence (15+8+2)/6 = 4.17.
    project.write(
        "month.csv",
        swedish_answers(&[weekly, weekly, weekly, monthly, monthly, never]),
    );
    // 180 days: monthly 1, rarely 3, never 2 → 1 of 6 = 17 %; confidence (4+9+4)/6 = 2.83.
    project.write(
        "half-year.csv",
        swedish_answers(&[monthly, rarely, rarely, rarely, never, never]),
    );
    import(&project, "lasa", &project.path("month.csv"), "30");
    import(&project, "lasa", &project.path("half-year.csv"), "180");

    let summary = json(&project.stdout(&[
        "summary",
        "--since",
        "2025-01-01",
        "--until",
        "2026-11-20",
        "--format",
        "json",
    ]));
    let lasa = summary["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "lasa")
        .unwrap();
    assert_eq!(
        lasa["transfer"],
        serde_json::json!([
            {"round": 30, "respondent_count": 6, "shown": true, "at_least_monthly": 0.83, "confidence": 4.17},
            {"round": 180, "respondent_count": 6, "shown": true, "at_least_monthly": 0.17, "confidence": 2.83},
        ])
    );
    let markdown = project.stdout(&[
        "summary",
        "--since",
        "2025-01-01",
        "--until",
        "2026-11-20",
        "--format",
        "markdown",
    ]);
    // The latest round is the one the column tells: 180 days ≈ 6 months.
    assert!(markdown.contains("| 17 % efter 6 mån |"), "{markdown}");
    // Läsa (impact (4+3+3)/3 = 3.3) has fewer than half using it monthly after 6 months.
    assert!(
        markdown.contains("- Färre än hälften: 3,3 (1 insats)"),
        "{markdown}"
    );
    let report = project.stdout(&["report", "--since", "2025-01-01", "--until", "2026-11-20"]);
    assert!(
        report.contains(
            "30 dagar efter slutet: 83 % använder det minst varje månad, säkerhet 4,2 av 5 (6 svar). \
             180 dagar efter slutet: 17 % använder det minst varje månad, säkerhet 2,8 av 5 (6 svar)."
        ),
        "{report}"
    );
}

#[test]
fn a_round_below_the_threshold_shows_that_too_few_answered_and_nothing_else() {
    let project = project("en");
    let answers = [
        ("Varje vecka eller oftare", "5", "Tiden räcker inte till;"),
        ("Aldrig", "1", "Ingen har följt upp det;"),
        ("Ungefär varje månad", "4", ""),
    ];
    project.write("three.csv", swedish_answers(&answers));
    let out = project.output(&["survey", "import", "lasa", "three.csv", "--round", "90"]);
    assert!(out.status.success());
    let record = project.read("initiatives/lasa.toml");
    assert!(!record.contains("transfer"), "{record}");
    assert!(!record.contains("confidence"), "{record}");

    let shown = project.stdout(&["show", "lasa"]);
    let round = shown
        .split("Survey, 90 days after the end\n")
        .nth(1)
        .unwrap();
    let first: Vec<&str> = round.lines().take(3).collect();
    assert_eq!(
        first,
        [
            "  Respondents",
            "    3: fewer than 5 answers, so the results are not shown",
            ""
        ]
    );
    let json = json(&project.stdout(&["show", "lasa", "--format", "json"]));
    assert_eq!(json["survey"]["rounds"]["90"]["transfer"], Value::Null);

    let period = ["--since", "2025-01-01", "--until", "2026-11-20"];
    let mut args = vec!["summary", "--format", "json"];
    args.extend(period);
    let summary = json_of(&project, &args);
    let lasa = &summary["initiatives"][0];
    assert_eq!(
        lasa["transfer"],
        serde_json::json!([{"round": 90, "respondent_count": 3, "shown": false,
                            "at_least_monthly": null, "confidence": null}])
    );
    let mut args = vec!["summary", "--format", "markdown"];
    args.extend(period);
    let markdown = project.stdout(&args);
    assert!(!markdown.contains("Used after"), "{markdown}");
    let mut args = vec!["report"];
    args.extend(period);
    let report = project.stdout(&args);
    assert!(
        report.contains("90 days after the end: fewer than 5 answers, so nothing is shown."),
        "{report}"
    );
    assert!(!report.contains("at least monthly"), "{report}");
}

fn json_of(project: &Project, args: &[&str]) -> Value {
    json(&project.stdout(args))
}

#[test]
fn success_cases_show_the_top_and_bottom_shares_and_an_interview_guide() {
    let project = project("sv");
    import(&project, "lasa", &survey_fixture("transfer_sv.csv"), "90");
    // Use: weekly 3 of 8 = 38 %, never 1 of 8 = 13 %; confidence 4–5: 4 of 8 = 50 %,
    // 1–2: 2 of 8 = 25 %.
    let cases = project.stdout(&["survey", "cases", "lasa", "--round", "90"]);
    insta::assert_snapshot!("cases_sv", cases);
    let english = project.stdout(&["--lang", "en", "survey", "cases", "lasa", "--round", "90"]);
    insta::assert_snapshot!("cases_en", english);
    // Nobody's name or e-mail from the export is anywhere in it.
    for name in ["Anna", "Björn", "solbacka.se"] {
        assert!(!cases.contains(name) && !english.contains(name), "{name}");
    }
}

#[test]
fn success_cases_below_the_threshold_show_no_share() {
    let project = project("en");
    let answers = [
        ("Varje vecka eller oftare", "5", ""),
        ("Aldrig", "1", "Tiden räcker inte till;"),
    ];
    project.write("two.csv", swedish_answers(&answers));
    import(&project, "lasa", &project.path("two.csv"), "90");
    let cases = project.stdout(&["survey", "cases", "lasa", "--round", "90"]);
    assert!(
        cases.contains("\nFewer than 5 answers, so no shares are shown."),
        "{cases}"
    );
    assert!(!cases.contains('%'), "{cases}");
    assert!(!cases.contains("getting in the way"), "{cases}");
    assert!(cases.contains("1. What did you do?"), "{cases}");
}

#[test]
fn success_cases_need_a_follow_up_round_with_the_transfer_questions() {
    let project = project("en");
    let missing = project.output(&["survey", "cases", "lasa", "--round", "90"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "fortb: lasa has no answers for the round 90; import them with \
         `fortb survey import lasa FILE --round 90`\n"
    );
    let end = project.output(&["survey", "cases", "lasa", "--round", "end"]);
    assert_eq!(end.status.code(), Some(2));
    // A round answered with the evaluation questionnaire has no use to tell.
    let evaluation = "goal_1,goal_2\n4,5\n3,4\n5,5\n4,4\n2,3\n";
    project.write("evaluation.csv", evaluation);
    import(&project, "lasa", &project.path("evaluation.csv"), "90");
    let no_use = project.output(&["survey", "cases", "lasa", "--round", "90"]);
    assert_eq!(no_use.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&no_use.stderr).contains("evaluation questionnaire"),
        "{}",
        String::from_utf8_lossy(&no_use.stderr)
    );
}
