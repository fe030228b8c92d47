//! The plan: `plan.toml` with development goals and learning goals, initiatives naming the
//! goals they serve, `fortb plan`, its checks and its section in the report.

mod common;

use common::{json, Project};
use predicates::prelude::*;

const PLAN: &str = r#"# Kompetensutvecklingsplan
title = "Plan 2025–2027"
start = 2025-01-01
end = 2027-06-30

[[goal]]
id = "formative"
title = "Formative assessment in every classroom"
needs = ["Pupils do not know what they are to learn"]

[[goal.learning]]
who = "Teachers, years 4–6"
can = "write learning goals pupils understand"
by = 2025-06-30
status = "started"

[[goal.learning]]
who = "The principal"
can = "lead a lesson study"
status = "uppnått"

[[goal]]
id = "reading"
title = "Every pupil reads fluently by year 3"
"#;

fn record(title: &str, date: &str, extra: &str) -> String {
    format!(
        "title = \"{title}\"\nkind = \"book-circle\"\nstart = {date}\n{extra}\n[[recall]]\nby = \"Anna\"\ndate = 2025-12-01\nself = 3\nstaff = 2\n"
    )
}

/// A project with a plan of two goals: one served by a book circle with an indicator, one
/// served by nothing; and a study day that serves no goal.
fn planned() -> Project {
    Project::empty()
        .env("FORTB_TODAY", "2026-01-15")
        .file("fortb.toml", "name = \"Skolan\"\nlang = \"en\"\n")
        .file("plan.toml", PLAN)
        .file(
            "initiatives/bok.toml",
            &record(
                "Book circle",
                "2025-03-01",
                "goals = [\"formative\"]\nlearning_goals = [\"formative.1\"]\n[[indicator]]\nname = \"Pupils who know the goal\"\nunit = \"%\"\nbaseline = 40\ntarget = 80\n[[indicator.measurements]]\ndate = 2025-11-01\nvalue = 60\n",
            ),
        )
        .file(
            "initiatives/dag.toml",
            &record("Study day on AI", "2025-04-01", ""),
        )
        .file(
            "initiatives/gammal.toml",
            &record("Before the plan", "2024-04-01", ""),
        )
}

#[test]
fn plan_shows_goals_with_their_initiatives_and_learning_goals() {
    let project = planned().env("COLUMNS", "80");
    insta::assert_snapshot!("plan_table_en", project.stdout(&["plan"]));
    insta::assert_snapshot!(
        "plan_markdown_sv",
        project.stdout(&["plan", "--format", "markdown", "--lang", "sv"])
    );
}

#[test]
fn plan_json_names_unserved_goals_and_initiatives_without_a_goal() {
    let value = json(&planned().stdout(&["plan", "--format", "json"]));
    assert_eq!(value["title"], "Plan 2025–2027");
    let goal = &value["goals"][0];
    assert_eq!(goal["id"], "formative");
    assert_eq!(goal["initiatives"][0]["id"], "bok");
    assert_eq!(goal["initiatives"][0]["impact"], 2.5);
    assert_eq!(
        goal["initiatives"][0]["indicators"][0]["share_of_the_way"],
        0.5
    );
    let learning = &goal["learning_goals"];
    assert_eq!(learning[0]["status"], "started");
    assert_eq!(learning[0]["past_due"], true);
    assert_eq!(learning[1]["status"], "reached");
    assert_eq!(learning[1]["past_due"], false);
    assert_eq!(value["unserved_goals"], serde_json::json!(["reading"]));
    // the initiative before the plan's period is not asked to serve a goal
    let without: Vec<&str> = value["initiatives_without_goal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(without, ["dag"]);
    assert_eq!(value["unknown_goals"], serde_json::json!([]));
}

fn path(parts: &[&str]) -> String {
    parts
        .iter()
        .collect::<std::path::PathBuf>()
        .display()
        .to_string()
}

#[test]
fn check_finds_unknown_goals_and_repeated_goal_ids_with_their_place() {
    let project = planned();
    project.write(
        "initiatives/dag.toml",
        record("Study day on AI", "2025-04-01", "goals = [\"formativ\"]"),
    );
    project.write(
        "plan.toml",
        format!("{PLAN}\n[[goal]]\nid = \"reading\"\ntitle = \"Again\"\n"),
    );
    project
        .run(&["check"])
        .failure()
        .stdout(predicate::str::contains(format!(
            "{}:4:1: the plan has no goal \"formativ\"; its goals are: formative, reading\n",
            path(&["initiatives", "dag.toml"])
        )))
        .stdout(predicate::str::contains(
            "plan.toml:27:1: the id \"reading\" is given to more than one goal",
        ));
    // a broken plan is reported with its place, and goals are then not called unknown
    project.write("plan.toml", "[[goal]]\nid = \"a\"\ntitle = [\n");
    let output = project.cmd().arg("check").output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("plan.toml:3:"), "{stdout}");
    assert!(!stdout.contains("no goal"), "{stdout}");
    // goals named without any plan
    project.write("plan.toml", "");
    std::fs::remove_file(project.path("plan.toml")).unwrap();
    project
        .run(&["check"])
        .failure()
        .stdout(predicate::str::contains(
            "the record names the goal \"formativ\", but there is no plan.toml with goals",
        ));
}

#[test]
fn a_plan_without_goals_or_a_project_without_a_plan() {
    let project = Project::new();
    project
        .run(&["plan", "--lang", "en"])
        .code(1)
        .stderr("fortb: there is no plan in this project (plan.toml): start one with `fortb plan init` and add development goals with `fortb plan goal add`\n");
    project
        .run(&["plan", "--lang", "sv"])
        .code(1)
        .stderr("fortb: det finns ingen plan i projektet (plan.toml): börja en med `fortb plan init` och lägg till utvecklingsmål med `fortb plan goal add`\n");
    project.write("plan.toml", "title = \"Tom\"\n");
    project.run(&["check"]).success();
    let value = json(&project.stdout(&["plan", "--format", "json"]));
    assert_eq!(value["goals"], serde_json::json!([]));
}

#[test]
fn new_stores_the_goals_given_and_refuses_one_the_plan_lacks() {
    let project = planned();
    project
        .run(&[
            "new",
            "Lesson study",
            "--goal",
            "Formative",
            "--goal",
            "reading",
        ])
        .success();
    assert!(project
        .read("initiatives/lesson-study.toml")
        .contains("goals = [\"formative\", \"reading\"]\n"));
    project.run(&["check"]).success();
    project
        .run(&["new", "Other", "--goal", "writing"])
        .code(2)
        .stderr("fortb: the plan has no goal \"writing\"; its goals are: formative, reading\n");
    assert!(!project.exists("initiatives/other.toml"));
}

#[test]
fn the_report_follows_the_plan_up() {
    let project = planned();
    let report = project.stdout(&["report", "--since", "2025-01-01", "--until", "2025-12-31"]);
    let section = report
        .split("## The plan followed up\n")
        .nth(1)
        .expect("a plan section")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(section.contains("### Formative assessment in every classroom (formative)"));
    assert!(section.contains("| Book circle | 2.5 | Pupils who know the goal: "));
    assert!(section.contains(
        "**Goals no initiative serves**\n\n- Every pupil reads fluently by year 3 (reading)\n"
    ));
    assert!(
        section.contains("**Initiatives that serve no goal of the plan**\n\n- Study day on AI\n")
    );
    let html = project.stdout(&[
        "report",
        "--format",
        "html",
        "--since",
        "2025-01-01",
        "--until",
        "2025-12-31",
    ]);
    assert!(html
        .contains("<section aria-labelledby=\"plan\"><h2 id=\"plan\">The plan followed up</h2>"));
    // without a plan, no section
    std::fs::remove_file(project.path("plan.toml")).unwrap();
    project.write(
        "initiatives/bok.toml",
        record("Book circle", "2025-03-01", ""),
    );
    let report = project.stdout(&["report", "--since", "2025-01-01"]);
    assert!(!report.contains("The plan"), "{report}");
}

#[test]
fn a_unit_serves_its_organiser_s_goals() {
    let project = Project::empty()
        .env("FORTB_TODAY", "2026-01-15")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\nlang = \"en\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
        )
        .file("kommunen/plan.toml", PLAN)
        .file(
            "skolor/ek/fortb.toml",
            "name = \"Ekbacken\"\n[organisation]\norganiser = \"../../kommunen\"\n",
        )
        .file(
            "skolor/ek/initiatives/bok.toml",
            &record("Book circle", "2025-03-01", "goals = [\"reading\"]"),
        );
    project
        .cmd()
        .current_dir(project.path("skolor/ek"))
        .arg("check")
        .assert()
        .success();
    let value = json(
        &project
            .current_dir("kommunen")
            .stdout(&["plan", "--format", "json"]),
    );
    let reading = &value["goals"][1]["initiatives"][0];
    assert_eq!(reading["id"], "bok");
    assert_eq!(reading["unit"], "Ekbacken");
}

#[test]
fn the_plan_shows_the_use_after_an_initiative_once_a_transfer_round_is_shown() {
    let project = planned();
    let value = json(&project.stdout(&["plan", "--format", "json"]));
    assert_eq!(
        value["goals"][0]["initiatives"][0]["used_after"],
        serde_json::Value::Null
    );
    assert!(!project.stdout(&["plan"]).contains("Used after"));
    project.write(
        "initiatives/bok.toml",
        record(
            "Book circle",
            "2025-03-01",
            "goals = [\"formative\"]\n[survey.rounds.90]\nresponses = 8\n[survey.rounds.90.transfer]\nrespondents = 8\nat_least_monthly = 0.63\nconfidence = 3.38\n",
        ),
    );
    let value = json(&project.stdout(&["plan", "--format", "json"]));
    let used = &value["goals"][0]["initiatives"][0]["used_after"];
    assert_eq!(used["round"], 90);
    assert_eq!(used["at_least_monthly"], 0.63);
    let table = project.env("COLUMNS", "120").stdout(&["plan"]);
    assert!(table.contains("Used after"), "{table}");
}

/// An organiser with a plan and three units: Ekbacken and Solbacka each have a plan with a
/// goal "formative" of their own, Byskolan has none. Only Ekbacken's book circle serves
/// "formative"; Ekbacken's study day and the organiser's coaching (shared with Ekbacken)
/// serve the organiser's "npf".
fn organiser() -> Project {
    let unit_plan = |school: &str| {
        format!("title = \"{school}'s plan\"\n[[goal]]\nid = \"formative\"\ntitle = \"Formative assessment at {school}\"\n")
    };
    Project::empty()
        .env("FORTB_TODAY", "2026-01-15")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\nlang = \"en\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
        )
        .file(
            "kommunen/plan.toml",
            "title = \"Development plan\"\n[[goal]]\nid = \"npf\"\ntitle = \"NPF in every team\"\n[[goal.learning]]\nwho = \"Every team\"\ncan = \"adapt lessons\"\nby = 2026-06-30\nstatus = \"started\"\n",
        )
        .file(
            "kommunen/initiatives/coaching.toml",
            &record(
                "NPF coaching",
                "2025-09-01",
                "units = [\"../skolor/ek\"]\ngoals = [\"npf\"]",
            ),
        )
        .file("skolor/ek/fortb.toml", "name = \"Ekbacken\"\n")
        .file("skolor/ek/plan.toml", &unit_plan("Ekbacken"))
        .file(
            "skolor/ek/initiatives/bok.toml",
            &record("Book circle", "2025-03-01", "goals = [\"formative\"]"),
        )
        .file(
            "skolor/ek/initiatives/dag.toml",
            &record("NPF study day", "2025-04-01", "goals = [\"npf\"]"),
        )
        .file("skolor/sol/fortb.toml", "name = \"Solbacka\"\n")
        .file("skolor/sol/plan.toml", &unit_plan("Solbacka"))
        .file(
            "skolor/sol/initiatives/lasa.toml",
            &record("Reading day", "2025-05-01", "goals = [\"reading\"]"),
        )
        .file("skolor/by/fortb.toml", "name = \"Byskolan\"\n")
        .file(
            "skolor/by/initiatives/ute.toml",
            &record("Outdoor day", "2025-06-01", ""),
        )
        .current_dir("kommunen")
}

fn ids(initiatives: &serde_json::Value) -> Vec<&str> {
    initiatives
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| i["id"].as_str().expect("an id"))
        .collect()
}

#[test]
fn an_organiser_s_plan_comes_first_then_each_unit_s_matched_in_that_unit() {
    let project = organiser().env("COLUMNS", "80");
    insta::assert_snapshot!("plan_organiser_table_en", project.stdout(&["plan"]));
    insta::assert_snapshot!(
        "plan_organiser_markdown_sv",
        project.stdout(&["plan", "--format", "markdown", "--lang", "sv"])
    );
    let value = json(&project.stdout(&["plan", "--format", "json"]));
    assert_eq!(value["project"], "Kommunen");
    assert_eq!(ids(&value["goals"][0]["initiatives"]), ["dag", "coaching"]);
    // the unit without a plan works to the organiser's: its stray initiative is pointed out there
    assert_eq!(ids(&value["initiatives_without_goal"]), ["ute"]);
    assert_eq!(value["units_without_plan"], serde_json::json!(["Byskolan"]));
    let units = value["units"].as_array().unwrap();
    assert_eq!(units.len(), 2);
    assert_eq!(units[0]["unit"], "Ekbacken");
    assert_eq!(ids(&units[0]["goals"][0]["initiatives"]), ["bok"]);
    // the organiser's goals named in a unit are not unknown there
    assert_eq!(units[0]["unknown_goals"], serde_json::json!([]));
    // Solbacka's "formative" is its own: Ekbacken's book circle does not serve it
    assert_eq!(units[1]["unit"], "Solbacka");
    assert_eq!(units[1]["goals"][0]["initiatives"], serde_json::json!([]));
    assert_eq!(units[1]["unserved_goals"], serde_json::json!(["formative"]));
    assert_eq!(units[1]["unknown_goals"][0]["goal"], "reading");
}

#[test]
fn unit_narrows_an_organiser_s_plans_to_some_units() {
    let project = organiser();
    let value = json(&project.stdout(&["plan", "--unit", "sol", "--format", "json"]));
    assert_eq!(value["goals"][0]["initiatives"], serde_json::json!([]));
    assert_eq!(value["units"].as_array().unwrap().len(), 1);
    assert_eq!(value["units"][0]["unit"], "Solbacka");
    assert_eq!(value["units_without_plan"], serde_json::json!([]));
    // the organiser's initiative shared with Ekbacken comes with Ekbacken
    let value = json(&project.stdout(&["plan", "--unit", "EKBACKEN", "--format", "json"]));
    assert_eq!(ids(&value["goals"][0]["initiatives"]), ["dag", "coaching"]);
    project
        .run(&["plan", "--unit", "Norrskolan"])
        .code(2)
        .stderr("fortb: no unit is called \"Norrskolan\"; the units are: Kommunen, Byskolan, Ekbacken, Solbacka\n");
    // a unit without a plan, alone: the organiser's plan is still there to show
    let table = project.stdout(&["plan", "--unit", "by"]);
    assert!(table.ends_with("\nByskolan has no plan.\n"), "{table}");
}

#[test]
fn an_organiser_without_any_plan_is_told_where_plans_go() {
    let project = organiser();
    for plan in [
        "kommunen/plan.toml",
        "skolor/ek/plan.toml",
        "skolor/sol/plan.toml",
    ] {
        std::fs::remove_file(project.path(plan)).unwrap();
    }
    project.run(&["plan"]).code(1).stderr(
        "fortb: neither the organiser nor the units read have a plan: start the organiser's with `fortb plan init` (plan.toml), and a unit's own with `fortb plan init` in the unit's folder\n",
    );
}

#[test]
fn a_unit_s_broken_plan_is_reported_and_the_others_shown() {
    let project = organiser();
    project.write("skolor/sol/plan.toml", "[[goal]]\nid = \"a\"\ntitle = [\n");
    let output = project.run(&["plan", "--format", "json"]).success();
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("warning: left out the plan of Solbacka: ")
            && stderr.contains("plan.toml:3:"),
        "{stderr}"
    );
    let value: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(value["units"].as_array().unwrap().len(), 1);
    project.run(&["--strict", "plan"]).code(1);
}

#[test]
fn an_organiser_s_report_follows_each_plan_up_one_row_a_goal() {
    let report = organiser().stdout(&["report", "--since", "2025-01-01"]);
    let section = report
        .split("## The plan followed up\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a plan section");
    insta::assert_snapshot!("plan_organiser_report_en", section);
    let html = organiser().stdout(&["report", "--since", "2025-01-01", "--format", "html"]);
    assert!(
        html.contains("<h3>Development plan — Kommunen</h3>\n<section class=\"table-scroll\""),
        "{html}"
    );
    assert!(
        html.contains("<p><em>Byskolan has no plan.</em></p>"),
        "{html}"
    );
}
