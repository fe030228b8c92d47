//! The organiser's view: cost and time in records and in the look-back.

mod common;

use common::{json, Project};
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
            "{}:3:8: cost: \"45 000 kr\" is not an amount",
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
            "{}:3:9: -2 is not a number of hours: write the hours per participant, a number from 0 to 100,000",
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
            "  Cost per participant: 1,500 SEK (counted on 30 participants in the only initiative with both a cost and participants)",
            "  Staff hours in all: 280 h (2 of 4 initiatives have hours and participants)",
            "  The 3 that stuck (2 or more): 75 % of the cost · 100 % of the staff hours",
            "",
        ],
        "{text}"
    );
}

/// The lines under the cost heading of `summary` in `lang`.
fn cost_lines(project: &Project, lang: &str) -> Vec<String> {
    let mut args = vec!["--lang", lang, "summary"];
    args.extend(PERIOD);
    let text = project.stdout(&args);
    let heading = if lang == "sv" {
        "Kostnad och tid\n"
    } else {
        "Cost and time\n"
    };
    let section = text.split(heading).nth(1).expect(&text);
    section
        .lines()
        .take_while(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_count_in_the_cost_section_is_singular_for_one_and_plural_for_more() {
    // One initiative: 45 000 for 1 participant, 6 h each (6 h in all), rated 4.
    let one = Project::new().file(
        "initiatives/a.toml",
        &record(
            "A",
            "2025-02-01",
            "cost = 45000\nparticipants = 1\nhours = 6",
            4,
        ),
    );
    assert_eq!(
        cost_lines(&one, "en"),
        [
            "  Cost in all: 45,000 SEK (1 of 1 initiative has a cost)",
            "  Cost per participant: 45,000 SEK (counted on 1 participant in the only initiative with both a cost and participants)",
            "  Staff hours in all: 6 h (1 of 1 initiative has hours and participants)",
            "  The one that stuck (2 or more): 100 % of the cost · 100 % of the staff hours",
        ]
    );
    assert_eq!(
        cost_lines(&one, "sv"),
        [
            "  Kostnad totalt: 45 000 kr (1 av 1 insats har en kostnad)",
            "  Kostnad per deltagare: 45 000 kr (räknat på 1 deltagare i den enda insats som har både kostnad och deltagare)",
            "  Personaltimmar totalt: 6 h (1 av 1 insats har timmar och deltagare)",
            "  Den enda som fastnat (2 eller mer): 100 % av kostnaden · 100 % av personaltimmarna",
        ]
    );
    // One of two with a cost: the count is one, the initiatives are two.
    one.write("initiatives/b.toml", record("B", "2025-03-01", "", 1));
    assert_eq!(
        cost_lines(&one, "en")[0],
        "  Cost in all: 45,000 SEK (1 of 2 initiatives has a cost)"
    );
    assert_eq!(
        cost_lines(&one, "sv")[0],
        "  Kostnad totalt: 45 000 kr (1 av 2 insatser har en kostnad)"
    );
    // Two: 45 000 for 30 and 15 000 for 10 (60 000 / 40 = 1 500 each); 6 h × 30 + 1 h × 10
    // = 190 h; both rated 2 or more.
    let two = Project::new()
        .file(
            "initiatives/a.toml",
            &record(
                "A",
                "2025-02-01",
                "cost = 45000\nparticipants = 30\nhours = 6",
                4,
            ),
        )
        .file(
            "initiatives/b.toml",
            &record(
                "B",
                "2025-03-01",
                "cost = 15000\nparticipants = 10\nhours = 1",
                3,
            ),
        );
    assert_eq!(
        cost_lines(&two, "en"),
        [
            "  Cost in all: 60,000 SEK (2 of 2 initiatives have a cost)",
            "  Cost per participant: 1,500 SEK (counted on 40 participants in the 2 initiatives with both a cost and participants)",
            "  Staff hours in all: 190 h (2 of 2 initiatives have hours and participants)",
            "  The 2 that stuck (2 or more): 100 % of the cost · 100 % of the staff hours",
        ]
    );
    assert_eq!(
        cost_lines(&two, "sv"),
        [
            "  Kostnad totalt: 60 000 kr (2 av 2 insatser har en kostnad)",
            "  Kostnad per deltagare: 1 500 kr (räknat på 40 deltagare i de 2 insatser som har både kostnad och deltagare)",
            "  Personaltimmar totalt: 190 h (2 av 2 insatser har timmar och deltagare)",
            "  De 2 som fastnat (2 eller mer): 100 % av kostnaden · 100 % av personaltimmarna",
        ]
    );
}

#[test]
fn summary_json_carries_each_initiative_s_cost_and_the_sums() {
    let project = costed();
    let mut args = vec!["summary", "--format", "json"];
    args.extend(PERIOD);
    let value = json(&project.stdout(&args));
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
        (c["participant_count"].clone(), c["staff_hours"].clone()),
        (40.into(), 100.0.into())
    );
    // nothing recorded: null, not 0
    let d = by_id("d");
    for key in [
        "cost",
        "hours",
        "participant_count",
        "cost_per_participant",
        "staff_hours",
    ] {
        assert!(d[key].is_null(), "{key}: {d}");
    }
    assert_eq!(value["cost"]["total"], 60000.0);
    assert_eq!(value["cost"]["with_cost_count"], 2);
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
    let value = json(&project.stdout(&[&args[..], &["--format", "json"]].concat()));
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
    assert!(
        html.contains("<figure class=\"chart\" id=\"chart-cost\""),
        "{html}"
    );
    // one dot: only A has both a cost and participants; its values in the table under it
    assert_eq!(html.matches("<circle ").count(), 1, "{html}");
    assert!(html.contains("<title>A: 4.0 · 1,500 SEK</title>"), "{html}");
    assert!(
        html.contains("<tr><th scope=\"row\">1. A</th><td class=\"num\">1,500 SEK</td><td class=\"num\">4.0</td></tr>"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------
// Several units in one view

/// An organiser (`kommunen/`) with three units under `skolor/` — Ekbacken and Solbacka, and
/// a broken one — and a tailored initiative shared by the two whole units.
fn organisation() -> Project {
    let project = Project::empty()
        .env("FORTB_TODAY", "2025-06-01")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\nlang = \"en\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
        )
        .file(
            "kommunen/initiatives/npf.toml",
            "title = \"NPF in the classroom\"\nkind = \"course\"\nstart = 2025-05-01\nend = 2025-05-02\nunits = [\"../skolor/ekbacken\", \"../skolor/solbacka\"]\n",
        )
        .file(
            "skolor/ekbacken/fortb.toml",
            "name = \"Ekbacken\"\nstaff = 30\n[organisation]\norganiser = \"../../kommunen\"\n",
        )
        .file(
            "skolor/ekbacken/initiatives/bok.toml",
            &record("Book circle", "2025-03-01", "end = 2025-05-10\nowner = \"Anna\"\nwhole_staff = true\nhours = 10\ncost = 6000", 3),
        )
        .file("skolor/solbacka/fortb.toml", "name = \"Solbacka\"\nstaff = 12\n")
        .file(
            "skolor/solbacka/initiatives/bok.toml",
            &record("AI study day", "2025-04-01", "end = 2025-05-05\nowner = \"Eva\"", 1),
        )
        .file("skolor/trasig/fortb.toml", "name = [broken\n");
    project.current_dir("kommunen")
}

fn with_period<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(PERIOD);
    all
}

/// `fortb ARGS` as JSON, with its stderr.
fn json_and_warnings(project: &Project, args: &[&str]) -> (serde_json::Value, String) {
    let output = project.cmd().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    (
        serde_json::from_slice(&output.stdout).expect("JSON"),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn units_of(value: &serde_json::Value) -> Vec<(String, String)> {
    let list = &value["initiatives"];
    let mut units: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["unit"].as_str().unwrap_or("-").to_string(),
                i["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    units.sort();
    units
}

fn expected_units() -> Vec<(String, String)> {
    [
        ("Ekbacken", "Book circle"),
        ("Kommunen", "NPF in the classroom"),
        ("Solbacka", "AI study day"),
    ]
    .map(|(u, t)| (u.to_string(), t.to_string()))
    .to_vec()
}

#[test]
fn the_organiser_reads_every_unit_and_skips_the_broken_one() {
    let project = organisation();
    let broken = std::path::Path::new("..")
        .join("skolor")
        .join("trasig")
        .join("fortb.toml")
        .display()
        .to_string();
    for args in [
        with_period(&["summary", "--format", "json"]),
        vec!["list", "--format", "json"],
    ] {
        let (value, warnings) = json_and_warnings(&project, &args);
        assert_eq!(units_of(&value), expected_units(), "{args:?}");
        assert!(
            warnings.contains(&format!("warning: skipped the unit {broken}:1:15: ")),
            "{warnings}"
        );
    }
    // --strict makes the broken unit fail the command
    project
        .run(&["--strict", "list"])
        .failure()
        .stderr(predicate::str::contains(format!("fortb: {broken}:1:15")));
}

/// A unit listed that is not there, or not a project, is named by its folder: there is no
/// `fortb.toml` whose line 1 could be at fault.
#[test]
fn a_missing_unit_folder_is_reported_as_a_missing_folder() {
    let project = Project::empty()
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\n[organisation]\nunits = [\"../saknas\", \"../tom\"]\n",
        )
        .file("tom/README.md", "no project here\n")
        .current_dir("kommunen");
    for (lang, missing, empty) in [
        (
            "sv",
            "varning: hoppade över enheten ../saknas: mappen finns inte\n",
            "varning: hoppade över enheten ../tom: mappen är inget fortb-projekt: där finns ingen fortb.toml\n",
        ),
        (
            "en",
            "warning: skipped the unit ../saknas: the folder does not exist\n",
            "warning: skipped the unit ../tom: the folder is not a fortb project: it has no fortb.toml\n",
        ),
    ] {
        let output = project.output(&["list", "--lang", lang]);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(missing), "{stderr}");
        assert!(stderr.contains(empty), "{stderr}");
        assert!(!stderr.contains("fortb.toml:1:1"), "{stderr}");
    }
    project
        .run(&["--strict", "list", "--lang", "en"])
        .failure()
        .stderr(predicate::str::contains(
            "fortb: ../saknas: the folder does not exist",
        ));
}

#[test]
fn the_unit_is_a_column_and_the_organiser_s_own_are_marked() {
    let project = organisation();
    let text = project.stdout(&["list"]);
    assert!(text.lines().next().unwrap().ends_with("  Unit"), "{text}");
    let rows = common::table_lines(&text);
    assert!(
        rows.iter()
            .any(|row| row.last().unwrap() == "Kommunen (organiser)"),
        "{text}"
    );
    let summary = project.stdout(&with_period(&["summary", "--format", "markdown"]));
    assert!(summary.contains("| Process | Unit |"), "{summary}");
    assert!(
        summary.contains(
            "**Mean impact by unit**\n\n- Ekbacken: 3.0 (1 initiative)\n- Solbacka: 1.0 (1 initiative)\n"
        ),
        "{summary}"
    );
}

/// Issue 28, point 9: a unit that names its organiser, with nothing of the organiser's in
/// view, gets no unit column repeating its own name on every row.
#[test]
fn a_unit_column_with_one_value_is_left_out() {
    let project = organisation().current_dir("skolor/ekbacken");
    project.write(
        "kommunen/initiatives/npf.toml",
        "title = \"NPF in the classroom\"\nkind = \"course\"\nstart = 2025-05-01\nend = 2025-05-02\nunits = [\"../skolor/solbacka\"]\n",
    );
    for (lang, unit) in [("en", "Unit"), ("sv", "Enhet")] {
        for args in [
            vec!["--lang", lang, "list"],
            with_period(&["--lang", lang, "summary"]),
            vec!["--lang", lang, "due", "--within", "400"],
        ] {
            let text = project.stdout(&args);
            let headed = text
                .lines()
                .take(3)
                .any(|line| line.split("  ").any(|cell| cell.trim() == unit));
            assert!(!headed, "{args:?}\n{text}");
            assert!(
                text.contains("Book circle") || text.contains("bok"),
                "{text}"
            );
        }
    }
    // With the organiser's shared initiative in view, the column tells the two apart.
    let project = organisation().current_dir("skolor/ekbacken");
    let text = project.stdout(&["list"]);
    assert!(text.lines().next().unwrap().ends_with("  Unit"), "{text}");
}

#[test]
fn due_and_report_cover_the_units() {
    let project = organisation();
    // the same id, not yet followed up, in both units
    for unit in ["ekbacken", "solbacka"] {
        project.write(
            &format!("skolor/{unit}/initiatives/plan.toml"),
            "title = \"Plan\"\nkind = \"other\"\nstart = 2025-05-20\n",
        );
    }
    let (value, _) = json_and_warnings(&project, &["due", "--format", "json", "--within", "60"]);
    let units: std::collections::BTreeSet<&str> = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["unit"].as_str().unwrap())
        .collect();
    assert_eq!(
        units.into_iter().collect::<Vec<_>>(),
        ["Ekbacken", "Kommunen", "Solbacka"]
    );
    // the same id in two units gives two calendar events, not one
    let items = value["items"].as_array().unwrap();
    let uids: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["uid"].as_str().unwrap()).collect();
    assert_eq!(uids.len(), items.len());
    let report = project.stdout(&with_period(&["report", "--format", "html"]));
    for unit in [
        "Ekbacken",
        "Solbacka",
        "Kommunen (organiser)",
        "Mean impact by unit",
    ] {
        assert!(report.contains(unit), "{unit}");
    }
}

#[test]
fn the_same_id_in_two_units_keeps_each_unit_s_missed_follow_up() {
    let project = organisation();
    // "plan" in both units, ended on different days, each with both follow-ups missed by
    // today (2025-06-01): each unit's latest shows, counting its own earlier one, and
    // neither hides the other's.
    for (unit, end) in [("ekbacken", "2024-10-01"), ("solbacka", "2025-01-15")] {
        project.write(
            &format!("skolor/{unit}/initiatives/plan.toml"),
            format!("title = \"Plan\"\nkind = \"other\"\nend = {end}\nfollow_up = [30, 60]\n"),
        );
    }
    let (value, _) = json_and_warnings(&project, &["due", "--format", "json"]);
    let follow_ups: Vec<(&str, &str, &str)> = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["id"] == "plan" && item["kind"] == "follow-up")
        .map(|item| {
            let what = item["what"].as_str().unwrap();
            let unit = item["unit"].as_str().unwrap();
            (unit, item["date"].as_str().unwrap(), what)
        })
        .collect();
    let earlier = "follow-up, 60 days after the end (earlier ones missed: 1)";
    assert_eq!(follow_ups.len(), 2, "{follow_ups:?}");
    assert_eq!(follow_ups[0].0, "Ekbacken");
    assert_eq!(follow_ups[0].1, "2024-11-30");
    assert!(follow_ups[0].2.starts_with(earlier), "{follow_ups:?}");
    assert_eq!(follow_ups[1].0, "Solbacka");
    assert_eq!(follow_ups[1].1, "2025-03-16");
    assert!(follow_ups[1].2.starts_with(earlier), "{follow_ups:?}");
}

#[test]
fn a_unit_filter_and_groups_by_unit_owner_and_process() {
    let project = organisation();
    let (value, _) = json_and_warnings(
        &project,
        &with_period(&["summary", "--format", "json", "--unit", "solbacka"]),
    );
    assert_eq!(
        units_of(&value),
        [("Solbacka".to_string(), "AI study day".to_string())]
    );
    project
        .run(&["list", "--unit", "Ekbackan"])
        .code(2)
        .stderr(predicate::str::ends_with(
            "fortb: no unit is called \"Ekbackan\"; did you mean Ekbacken? the units are: Ekbacken, Kommunen, Solbacka\n",
        ));
    for (by, groups) in [
        ("unit", vec!["Ekbacken", "Kommunen", "Solbacka"]),
        ("owner", vec!["Anna", "Eva", "unknown"]),
        ("process", vec!["unknown"]),
    ] {
        let (value, _) = json_and_warnings(
            &project,
            &with_period(&["summary", "--format", "json", "--group-by", by]),
        );
        let keys: Vec<&str> = value["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["group"].as_str().unwrap())
            .collect();
        assert_eq!(keys, groups, "{by}");
    }
}

#[test]
fn each_unit_sees_the_organiser_s_shared_initiatives_as_the_organiser_s() {
    let project = organisation().current_dir("skolor/ekbacken");
    let (value, _) = json_and_warnings(&project, &["list", "--format", "json"]);
    assert_eq!(
        units_of(&value),
        [
            ("Ekbacken".to_string(), "Book circle".to_string()),
            ("Kommunen".to_string(), "NPF in the classroom".to_string())
        ]
    );
    let shared = value["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "npf")
        .unwrap();
    assert_eq!(shared["organisers"], true);
    // Solbacka names no organiser: it reads its own records only, as before units
    let solbacka = organisation().current_dir("skolor/solbacka");
    let (value, _) = json_and_warnings(&solbacka, &["list", "--format", "json"]);
    assert!(value["initiatives"][0].get("unit").is_none(), "{value}");
}

#[test]
fn staff_hours_count_each_unit_s_own_staff() {
    let project = organisation();
    let (value, _) = json_and_warnings(&project, &with_period(&["summary", "--format", "json"]));
    let book = value["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Book circle")
        .unwrap()
        .clone();
    assert_eq!(book["staff_hours"], 300.0);
}

#[test]
fn several_projects_on_the_command_line_and_only_where_it_makes_sense() {
    let project = Project::empty()
        .file("a/fortb.toml", "name = \"A\"\nlang = \"en\"\n")
        .file("a/initiatives/x.toml", "title = \"X\"\nkind = \"other\"\n")
        .file("b/fortb.toml", "name = \"B\"\n")
        .file("b/initiatives/x.toml", "title = \"Y\"\nkind = \"other\"\n");
    let (value, _) = json_and_warnings(
        &project,
        &[
            "--project",
            "a",
            "--project",
            "b",
            "--project",
            "a",
            "list",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        units_of(&value),
        [
            ("A".to_string(), "X".to_string()),
            ("B".to_string(), "Y".to_string())
        ]
    );
    project
        .run(&["--project", "a", "--project", "b", "new", "Z"])
        .code(2)
        .stderr("fortb: this command works in one project at a time; several --project work only with summary, report, plan, due, list and export\n");
    project.run(&["--project", "a", "check"]).success();
}

#[test]
fn each_unit_s_records_follow_their_own_project_s_process_models() {
    // Solbacka follows the tailored routine by default and has a model of its own; the
    // organiser (read first) has neither.
    let project = organisation()
        .file(
            "skolor/solbacka/fortb.toml",
            "name = \"Solbacka\"\nstaff = 12\nprocess = \"tailored\"\n",
        )
        .file(
            "skolor/solbacka/processes/short.toml",
            "title = \"Short\"\n[[step]]\nid = \"only\"\nname = \"Only\"\n",
        )
        .file(
            "skolor/solbacka/initiatives/kort.toml",
            &record("Short one", "2025-04-02", "process = \"short\"", 2),
        );
    let (value, warnings) =
        json_and_warnings(&project, &with_period(&["summary", "--format", "json"]));
    let steps = |title: &str| step_of(&value, title);
    assert_eq!(
        steps("AI study day"),
        ("need".into(), 7.into()),
        "{warnings}"
    );
    assert_eq!(steps("Short one"), ("only".into(), 1.into()));
    assert_eq!(steps("Book circle"), ("need".into(), 6.into()));
    let (value, _) = json_and_warnings(&project, &["list", "--format", "json"]);
    let short = value["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Short one")
        .unwrap();
    assert_eq!(short["step"], "only", "{value}");
}

#[test]
fn units_with_models_of_the_same_name_each_follow_their_own() {
    // Both units have a `short` model, with different steps; Ekbacken also narrows the
    // built-in six-step model, which Solbacka uses as it comes.
    let project = organisation()
        .file(
            "skolor/ekbacken/processes/short.toml",
            "title = \"Short\"\n[[step]]\nid = \"only\"\nname = \"Only\"\n",
        )
        .file(
            "skolor/solbacka/processes/short.toml",
            "title = \"Short\"\n[[step]]\nid = \"first\"\nname = \"First\"\n[[step]]\nid = \"second\"\nname = \"Second\"\n",
        )
        .file(
            "skolor/ekbacken/processes/six-step.toml",
            "base = \"six-step\"\nskip = [\"need\"]\n",
        );
    for (unit, model) in [("ekbacken", "short"), ("solbacka", "short")] {
        project.write(
            &format!("skolor/{unit}/initiatives/kort.toml"),
            record(
                &format!("Short {unit}"),
                "2025-04-02",
                &format!("process = \"{model}\""),
                2,
            ),
        );
    }
    let (value, warnings) =
        json_and_warnings(&project, &with_period(&["summary", "--format", "json"]));
    let steps = |title: &str| step_of(&value, title);
    assert_eq!(
        steps("Short ekbacken"),
        ("only".into(), 1.into()),
        "{warnings}"
    );
    assert_eq!(steps("Short solbacka"), ("first".into(), 2.into()));
    assert_eq!(steps("Book circle"), ("analysis".into(), 5.into()));
    assert_eq!(steps("AI study day"), ("need".into(), 6.into()));
}

#[test]
fn a_unit_listed_twice_in_different_spellings_is_read_once() {
    let project = organisation().file(
        "kommunen/fortb.toml",
        "name = \"Kommunen\"\nlang = \"en\"\n[organisation]\nunits = [\"../skolor/*\", \"../skolor/./ekbacken\", \"../kommunen/../skolor/solbacka/\"]\n",
    );
    let (value, _) = json_and_warnings(&project, &with_period(&["summary", "--format", "json"]));
    assert_eq!(units_of(&value), expected_units());
}

#[test]
fn the_calendar_has_each_unit_s_event_for_the_same_id() {
    let project = organisation();
    for unit in ["ekbacken", "solbacka"] {
        project.write(
            &format!("skolor/{unit}/initiatives/plan.toml"),
            "title = \"Plan\"\nkind = \"other\"\nstart = 2025-05-20\n",
        );
    }
    let calendar = project.stdout(&["due", "--format", "ics", "--within", "60"]);
    for unit in ["ekbacken", "solbacka"] {
        assert!(
            calendar.contains(&format!("UID:../skolor/{unit}/plan-")),
            "{unit}: {calendar}"
        );
    }
}

/// An organiser with two units; Ekbacken shares three initiatives of 2026 and one of 2025
/// with it, Solbacka one of 2026.
fn december_survey() -> Project {
    let shared = |title: &str, start: &str, units: &str| {
        format!("title = \"{title}\"\nkind = \"course\"\nprocess = \"tailored\"\nstart = {start}\nunits = [{units}]\n")
    };
    Project::empty()
        .env("FORTB_TODAY", "2026-12-10")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\n[organisation]\nunits = [\"../skolor/*\"]\n[survey]\nmin_responses = 3\n",
        )
        .file(
            "kommunen/initiatives/npf.toml",
            &shared("NPF i klassrummet", "2026-03-01", "\"../skolor/ek\", \"../skolor/sol\""),
        )
        .file(
            "kommunen/initiatives/ai.toml",
            &shared("AI i undervisningen", "2026-09-01", "\"../skolor/ek\""),
        )
        .file(
            "kommunen/initiatives/las.toml",
            &shared("Läslyftet", "2026-10-01", "\"../skolor/ek\""),
        )
        .file(
            "kommunen/initiatives/gammal.toml",
            &shared("Förra året", "2025-09-01", "\"../skolor/ek\""),
        )
        .file(
            "kommunen/initiatives/sol.toml",
            &shared("Bara Solbacka", "2026-05-01", "\"../skolor/sol\""),
        )
        .file(
            "skolor/ek/fortb.toml",
            "name = \"Ekbacken\"\n[organisation]\norganiser = \"../../kommunen\"\n",
        )
        .file("skolor/sol/fortb.toml", "name = \"Solbacka\"\n")
        .current_dir("skolor/ek")
}

#[test]
fn the_december_questionnaire_covers_the_year_s_shared_initiatives_of_the_unit() {
    let project = december_survey();
    insta::assert_snapshot!(
        "december_questions_sv",
        project.stdout(&["survey", "questions", "--december", "--lang", "sv"])
    );
    let csv = project.stdout(&[
        "survey",
        "questions",
        "--december",
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    let keys: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "npf.need_met",
            "npf.in_use",
            "npf.next_time",
            "ai.need_met",
            "ai.in_use",
            "ai.next_time",
            "las.need_met",
            "las.in_use",
            "las.next_time"
        ]
    );
    assert!(csv.contains(
        "\nnpf.need_met,NPF i klassrummet: the initiative met our unit's need,rating\r\n"
    ));
    // last year's, from the organiser's project with --unit
    let organiser = december_survey().current_dir("kommunen");
    let csv = organiser.stdout(&[
        "survey",
        "questions",
        "--december",
        "--year",
        "2025",
        "--unit",
        "ekbacken",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains("gammal.need_met"));
    organiser
        .run(&["survey", "questions", "--december", "--lang", "en"])
        .code(2)
        .stderr("fortb: say which unit's December survey it is with --unit; the units are: Ekbacken, Solbacka\n");
    december_survey()
        .current_dir("skolor/sol")
        .run(&["survey", "questions", "--december", "--lang", "en"])
        .code(1)
        .stderr(predicate::str::starts_with(
            "fortb: the December survey covers the initiatives an organiser ran for a unit",
        ));
    project
        .run(&[
            "survey",
            "questions",
            "--december",
            "--year",
            "2024",
            "--lang",
            "en",
        ])
        .code(1)
        .stderr("fortb: no initiative of Kommunen shared with Ekbacken ran in 2024\n");
}

/// A form export of the December survey: a response id, then the questions in `lang`.
fn december_answers(sv: bool, rows: &[[&str; 7]]) -> String {
    let blocks = [("NPF i klassrummet", "npf"), ("AI i undervisningen", "ai")];
    let statements = if sv {
        [
            "insatsen svarade mot enhetens behov",
            "personalen använder det de lärt sig i det dagliga arbetet",
            "vad bör göras annorlunda nästa gång?",
        ]
    } else {
        [
            "the initiative met our unit's need",
            "the staff use what they learned in their everyday work",
            "what should be done differently next time?",
        ]
    };
    let mut header = vec!["Id".to_string()];
    for (title, _) in blocks {
        header.extend(statements.iter().map(|s| format!("\"{title}: {s}\"")));
    }
    let mut text = header.join(",") + "\n";
    for row in rows {
        text += &(row.join(",") + "\n");
    }
    text
}

#[test]
fn the_december_answers_go_to_each_initiative_s_own_round() {
    for sv in [true, false] {
        let project = december_survey();
        project.write(
            "skolor/ek/svar.csv",
            december_answers(
                sv,
                &[
                    ["1", "4", "3", "Mer tid", "", "", ""],
                    ["2", "5", "4", "", "2", "1", ""],
                    ["3", "3", "3", "", "", "", ""],
                ],
            ),
        );
        let output = project
            .cmd()
            .args(["survey", "import", "--december", "svar.csv", "--lang", "en"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(output.status.success(), "{stderr}");
        assert!(
            stderr.contains("npf: new respondents counted: 3;"),
            "{stderr}"
        );
        assert!(
            stderr.contains("ai: new respondents counted: 1;"),
            "{stderr}"
        );
        assert!(
            stderr.contains("las: nobody answered about it in this file"),
            "{stderr}"
        );
        // one principal's answers about AI show: the December survey is answered in a role
        let npf = project.read("kommunen/initiatives/npf.toml");
        assert!(
            npf.contains(
                "[survey.rounds.december-2026-ekbacken]\nunit = \"Ekbacken\"\nresponses = 3\n"
            ),
            "{npf}"
        );
        assert!(npf.contains("distribution = [0, 0, 1, 1, 1]"), "{npf}");
        let ai = project.read("kommunen/initiatives/ai.toml");
        assert!(
            ai.contains(
                "[survey.rounds.december-2026-ekbacken]\nunit = \"Ekbacken\"\nresponses = 1\n"
            ),
            "{ai}"
        );
        assert!(!project
            .read("kommunen/initiatives/las.toml")
            .contains("survey"));
        // the same file again counts nobody twice
        let again = project
            .cmd()
            .args(["survey", "import", "--december", "svar.csv", "--lang", "en"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(again.stderr).unwrap();
        assert!(
            stderr.contains("npf: new respondents counted: 0; already counted, skipped: 3"),
            "{stderr}"
        );
    }
    december_survey()
        .run(&["survey", "import", "--december", "a.csv", "b.csv", "--lang", "en"])
        .code(2)
        .stderr("fortb: with --december give the exported file only: the answers cover several initiatives\n");
}

/// An initiative the centre ran for two units is evaluated by each principal: each answer is a
/// round of its own, named by the unit, not one round of everybody's answers.
#[test]
fn each_principal_s_december_answers_are_shown_for_their_unit() {
    let project = december_survey();
    project.write(
        "skolor/ek/svar.csv",
        december_answers(true, &[["1", "4", "4", "", "", "", ""]]),
    );
    project
        .run(&["survey", "import", "--december", "svar.csv", "--lang", "sv"])
        .success();
    let organiser = project.current_dir("kommunen");
    organiser.write(
        "kommunen/sol.csv",
        december_answers(false, &[["7", "1", "2", "Mindre teori", "", "", ""]]),
    );
    let args = [
        "survey",
        "import",
        "--december",
        "sol.csv",
        "--unit",
        "solbacka",
    ];
    organiser
        .run(&[&args[..], &["--lang", "en"]].concat())
        .success();
    let npf = organiser.read("kommunen/initiatives/npf.toml");
    for (key, unit) in [("ekbacken", "Ekbacken"), ("solbacka", "Solbacka")] {
        let table =
            format!("[survey.rounds.december-2026-{key}]\nunit = \"{unit}\"\nresponses = 1\n");
        assert!(npf.contains(&table), "{npf}");
    }
    let free_text = organiser.read("kommunen/initiatives/npf.survey-december-2026-solbacka.md");
    assert!(free_text.contains("Mindre teori"), "{free_text}");
    let shown = organiser.stdout(&["show", "npf", "--lang", "sv"]);
    for expected in [
        "decemberenkäten 2026, Ekbacken",
        "decemberenkäten 2026, Solbacka",
    ] {
        assert!(shown.contains(expected), "{shown}");
    }
    let shown = organiser.stdout(&["show", "npf", "--lang", "en"]);
    assert!(
        shown.contains("the December survey 2026, Solbacka"),
        "{shown}"
    );
    let json = common::json(&organiser.stdout(&["show", "npf", "--format", "json"]));
    let rounds = &json["survey"]["rounds"];
    assert_eq!(
        rounds["december-2026-ekbacken"]["unit"], "Ekbacken",
        "{json}"
    );
    assert_eq!(rounds["december-2026-ekbacken"]["mean"], 4.0, "{json}");
    assert_eq!(rounds["december-2026-solbacka"]["mean"], 1.5, "{json}");
    // The export shows them too, by the December survey's threshold, not the staff surveys' 3.
    let output = organiser.output(&["export", "--table", "surveys", "--lang", "en"]);
    let csv = String::from_utf8(output.stdout).unwrap();
    for key in ["december-2026-ekbacken", "december-2026-solbacka"] {
        let row = format!(",npf,NPF i klassrummet,course,External course,{key},");
        assert!(csv.contains(&row), "{csv}");
    }
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("left out"), "{stderr}");
}

/// The step an initiative of a `summary --format json` is at, and its process's step count.
fn step_of(value: &serde_json::Value, title: &str) -> (serde_json::Value, serde_json::Value) {
    let row = value["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("{title}: {value}"));
    (row["step"].clone(), row["step_count"].clone())
}

/// Ids are shortened in a narrow terminal only as far as they stay told apart within their
/// own unit, whose project is where an id is looked up: Ekbacken's `b-1` and `b-2`, with
/// Solbacka's ids starting between them, must not both become `b…` (as they did when the
/// ids to tell apart were kept in start order).
#[test]
fn shortened_ids_stay_distinct_within_each_unit() {
    let long = "Läslyftet i förskolan och skolan med handledare";
    let mut project = Project::empty()
        .env("COLUMNS", "40")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\nlang = \"en\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
        )
        .file("skolor/ekbacken/fortb.toml", "name = \"Ekbacken\"\n")
        .file("skolor/solbacka/fortb.toml", "name = \"Solbacka\"\n");
    let records = [
        ("Ekbacken", "b-1", "2025-01-01"),
        ("Solbacka", "a", "2025-02-01"),
        ("Solbacka", "c", "2025-03-01"),
        ("Ekbacken", "b-2", "2025-04-01"),
    ];
    for (unit, id, start) in records {
        project = project.file(
            &format!("skolor/{}/initiatives/{id}.toml", unit.to_lowercase()),
            &format!("title = \"{long}\"\nkind = \"course\"\nstart = {start}\n"),
        );
    }
    let project = project.current_dir("kommunen");
    let text = project.stdout(&["list"]);
    let rows: Vec<Vec<String>> = common::table_lines(&text)
        .into_iter()
        .filter(|row| !row[0].is_empty())
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    for row in &rows {
        let (shown, unit) = (row[0].trim_end_matches('…'), row.last().unwrap());
        let matching: Vec<&str> = records
            .iter()
            .filter(|(u, id, _)| u == unit && id.starts_with(shown))
            .map(|(_, id, _)| *id)
            .collect();
        assert_eq!(matching.len(), 1, "{shown} in {unit}: {matching:?}\n{text}");
    }
}

#[test]
fn the_december_questionnaire_writes_out_a_title_s_control_characters() {
    // The Markdown questionnaire printed a title's escape, bell and U+202E raw.
    let project = december_survey();
    project.write(
        "kommunen/initiatives/ai.toml",
        "title = \"AI\\u001b]8;;http://x\\u0007 i \\u009b2J\\u202eundervisningen\"\nkind = \"course\"\nprocess = \"tailored\"\nstart = 2026-09-01\nunits = [\"../skolor/ek\"]\n",
    );
    for format in ["markdown", "csv"] {
        let text = project.stdout(&["survey", "questions", "--december", "--format", format]);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{format}: {text:?}"
        );
        assert!(text.contains("AI\\u{1b}"), "{format}: {text}");
        assert!(text.contains("\\u{202e}undervisningen"), "{format}: {text}");
    }
}

/// An organiser whose two schools are both called "Skolan", each with an initiative `plan`.
fn two_of_one_name() -> Project {
    let record = "title = \"Plan\"\nkind = \"other\"\nstart = 2025-05-01\nend = 2025-05-20\n";
    Project::empty()
        .env("FORTB_TODAY", "2025-06-01")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\nlang = \"en\"\n[organisation]\nunits = [\"../norr/skolan\", \"../soder/skolan\"]\n",
        )
        .file("norr/skolan/fortb.toml", "name = \"Skolan\"\n")
        .file("norr/skolan/initiatives/plan.toml", record)
        .file("soder/skolan/fortb.toml", "name = \"skolan \"\n")
        .file("soder/skolan/initiatives/plan.toml", record)
        .current_dir("kommunen")
}

/// The unit of each initiative `list --format json` shows.
fn listed_units(project: &Project) -> Vec<String> {
    let list = json(&project.stdout(&["list", "--format", "json"]));
    list["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["unit"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_units_of_one_name_are_told_apart_by_their_folders() {
    let project = two_of_one_name();
    let export: serde_json::Value =
        json(&project.stdout(&["export", "--format", "json", "--table", "initiatives"]));
    let rows = export["initiatives"]
        .as_array()
        .expect("the initiatives table");
    let units: Vec<(&str, &str)> = rows
        .iter()
        .map(|row| (row["unit"].as_str().unwrap(), row["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        units,
        [
            ("Skolan (../norr/skolan)", "plan"),
            ("skolan (../soder/skolan)", "plan")
        ],
        "two rows under two keys"
    );
    let listed = listed_units(&project);
    assert_eq!(listed.len(), 2);
    assert_ne!(listed[0], listed[1]);
    // One of them, by its folder.
    let one = json(&project.stdout(&["list", "--format", "json", "--unit", "../soder/skolan"]));
    assert_eq!(one["initiatives"].as_array().unwrap().len(), 1);
    assert_eq!(one["initiatives"][0]["unit"], "skolan (../soder/skolan)");
    // Their calendar events stay apart too.
    let calendar = project.stdout(&["due", "--format", "ics", "--within", "60"]);
    for folder in ["norr", "soder"] {
        assert!(
            calendar.contains(&format!("UID:../{folder}/skolan/plan-follow-up-1@fortb")),
            "{calendar}"
        );
    }
    project
        .run(&["check"])
        .success()
        .stdout(predicate::str::contains(
            "fortb.toml:4:1: warning: two units are called \"Skolan\" (folders ../norr/skolan, ../soder/skolan)",
        ));
}

#[test]
fn units_of_different_names_are_shown_by_name_alone() {
    let project = two_of_one_name();
    project.write("soder/skolan/fortb.toml", "name = \"Söderskolan\"\n");
    let listed = listed_units(&project);
    assert_eq!(listed, ["Skolan", "Söderskolan"]);
    project
        .run(&["check"])
        .success()
        .stdout(predicate::str::contains("two units").not());
}
