//! The organiser's view: cost and time in records and in the look-back.

mod common;

use common::Project;
use predicates::prelude::*;

const PERIOD: [&str; 4] = ["--since", "2025-01-01", "--until", "2025-12-31"];

fn record(title: &str, date: &str, extra: &str, impact: u8) -> String {
    format!(
        "title = \"{title}\"\nkind = \"study-day\"\nstart = {date}\n{extra}\n[[recall]]\nby = \"Anna\"\ndate = 2025-12-01\nself = {impact}\nstaff = {impact}\n"
    )
}

/// Four initiatives: two with a cost, one whole-staff with hours, one with nothing.
fn costed() -> Project {
    let project = Project::new();
    project.write(
        "fortb.toml",
        "name = \"skolan\"\nlang = \"en\"\nstaff = 40\n",
    );
    project.write(
        "initiatives/a.toml",
        record(
            "A",
            "2025-02-01",
            "cost = 45000\nparticipants = 30\nhours = 6",
            4,
        ),
    );
    project.write(
        "initiatives/b.toml",
        record("B", "2025-03-01", "cost = 15000", 1),
    );
    project.write(
        "initiatives/c.toml",
        record("C", "2025-04-01", "whole_staff = true\nhours = 2.5", 3),
    );
    project.write("initiatives/d.toml", record("D", "2025-05-01", "", 2));
    project
}

fn json(project: &Project, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&project.stdout(args)).expect("JSON")
}

#[test]
fn check_accepts_cost_hours_and_participants_and_the_staff_count() {
    costed()
        .run(&["check"])
        .success()
        .stderr(predicate::str::contains("unknown").not());
}

/// `initiatives/x.toml` as this system writes paths.
fn x_path() -> String {
    std::path::Path::new("initiatives")
        .join("x.toml")
        .display()
        .to_string()
}

#[test]
fn a_negative_or_worded_cost_is_an_error_with_its_place() {
    let project = Project::new().file(
        "initiatives/x.toml",
        "title = \"X\"\nkind = \"other\"\ncost = \"45 000 kr\"\n",
    );
    project
        .run(&["check", "--lang", "en"])
        .failure()
        .stdout(predicate::str::contains(format!(
            "{}:3:8: \"45 000 kr\" is not an amount",
            x_path()
        )));
    project.write(
        "initiatives/x.toml",
        "title = \"X\"\nkind = \"other\"\nhours = -2\n",
    );
    project
        .run(&["check", "--lang", "en"])
        .failure()
        .stdout(predicate::str::contains(format!(
            "{}:3:9: -2 is not an amount",
            x_path()
        )));
}

#[test]
fn summary_sums_only_what_is_recorded() {
    let project = costed();
    let mut args = vec!["summary"];
    args.extend(PERIOD);
    let text = project.stdout(&args);
    let section = text.split("Cost and time\n").nth(1).expect(&text);
    let lines: Vec<&str> = section.lines().take(5).collect();
    assert_eq!(
        lines,
        [
            "  Cost in all: 60,000 SEK (2 of 4 initiatives have a cost)",
            "  Cost per participant: 1,500 SEK (over 30 participants of the 1 initiatives with both a cost and participants)",
            "  Staff hours in all: 280 h (2 of 4 initiatives have hours and participants)",
            "  The 3 that stuck (2 or more): 75 % of the cost · 100 % of the staff hours",
            "",
        ],
        "{text}"
    );
}

#[test]
fn summary_json_carries_each_initiative_s_cost_and_the_sums() {
    let project = costed();
    let mut args = vec!["summary", "--format", "json"];
    args.extend(PERIOD);
    let value = json(&project, &args);
    let by_id = |id: &str| {
        value["initiatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let a = by_id("a");
    assert_eq!(a["cost"], 45000.0);
    assert_eq!(a["cost_per_participant"], 1500.0);
    assert_eq!(a["staff_hours"], 180.0);
    // a whole-staff initiative counts the unit's staff
    let c = by_id("c");
    assert_eq!(
        (c["participants"].clone(), c["staff_hours"].clone()),
        (40.into(), 100.0.into())
    );
    // nothing recorded: null, not 0
    let d = by_id("d");
    for key in [
        "cost",
        "hours",
        "participants",
        "cost_per_participant",
        "staff_hours",
    ] {
        assert!(d[key].is_null(), "{key}: {d}");
    }
    assert_eq!(value["cost"]["total"], 60000.0);
    assert_eq!(value["cost"]["with_cost"], 2);
    assert_eq!(value["cost"]["currency"], "SEK");
    assert_eq!(value["cost"]["stuck_cost_share"], 0.75);
}

#[test]
fn without_any_cost_there_is_no_cost_section() {
    let project = Project::new().file("initiatives/d.toml", &record("D", "2025-05-01", "", 2));
    let mut args = vec!["summary", "--lang", "en"];
    args.extend(PERIOD);
    let text = project.stdout(&args);
    assert!(!text.contains("Cost"), "{text}");
    let value = json(&project, &[&args[..], &["--format", "json"]].concat());
    assert!(value["cost"]["total"].is_null());
}

#[test]
fn the_currency_is_the_project_s_and_swedish_groups_thousands_with_a_space() {
    let project = costed();
    project.write(
        "fortb.toml",
        "name = \"skolan\"\nlang = \"sv\"\nstaff = 40\ncurrency = \"EUR\"\n",
    );
    let mut args = vec!["summary"];
    args.extend(PERIOD);
    let text = project.stdout(&args);
    assert!(
        text.contains("Kostnad totalt: 60 000 EUR (2 av 4 insatser har en kostnad)"),
        "{text}"
    );
}

#[test]
fn the_report_sets_impact_against_cost_per_participant() {
    let project = costed();
    let mut args = vec!["report", "--format", "html"];
    args.extend(PERIOD);
    let html = project.stdout(&args);
    assert!(html.contains("<svg id=\"chart-cost\""), "{html}");
    // one dot: only A has both a cost and participants
    assert_eq!(html.matches("<circle ").count(), 1, "{html}");
    assert!(html.contains("<title>A: 4.0 · 1,500 SEK</title>"), "{html}");
}
