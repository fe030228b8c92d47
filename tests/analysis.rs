//! The export read as an analyst reads it: Python's csv module, no knowledge of fortb. The
//! recipe of docs/format.md ("A pivot that gives the pack's figures") must give exactly the
//! figures of `summary --format json`, per initiative and per kind, for one school and for an
//! organiser whose units have different numbers of raters.

mod common;

use common::{json, Project};

/// Python 3, or None after skipping the test (in CI it fails: see tests/common/tools.rs).
fn python() -> Option<std::path::PathBuf> {
    common::needs(
        common::on_path(&["python3", "python", "python.exe"]),
        "no Python 3 to read the export with",
    )
}

/// The recipe, in Python: the initiatives of the summary's period (not the needs met without
/// training), each initiative's figures
/// rounded as the pack rounds them (two decimals, half away from zero), and per kind the mean
/// of the initiatives' means.
const RECIPE: &str = r#"
import csv, json, sys
from decimal import Decimal, ROUND_HALF_UP

period = json.loads(sys.argv[1])
path, delimiter = sys.argv[2], sys.argv[3]
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f, delimiter=delimiter))

def number(text):
    return float(text.replace(",", ".")) if text else None

def rounded(x):
    if x is None:
        return None
    return float(Decimal(x * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)) / 100

def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None

FIGURES = ["impact", "impact_self", "impact_leadership", "impact_staff"]
# A need met without training is no initiative of learning: the pack leaves it out.
in_period = [r for r in rows if period["since"] <= (r["start"] or r["end"]) <= period["until"]
             and r["outcome"] != "not-training"]
initiatives = [
    dict(
        unit=r["unit"],
        id=r["id"],
        rater_count=int(r["rater_count"]),
        unaided_count=int(r["unaided_count"]),
        **{f: rounded(number(r[f])) for f in FIGURES},
    )
    for r in in_period
]
kinds = {}
for r in in_period:
    kinds.setdefault(r["kind"], []).append(r)
by_kind = {
    kind: dict(
        initiative_count=len(group),
        rated_count=sum(1 for r in group if r["impact"]),
        **{f: rounded(mean(number(r[f]) for r in group)) for f in FIGURES},
    )
    for kind, group in kinds.items()
}
print(json.dumps({"initiatives": initiatives, "by_kind": by_kind}))
"#;

/// The export's initiatives read by the recipe, in the dialect of `lang`; fortb runs in the
/// folder `here` of the project.
fn recipe(
    python: &std::path::Path,
    (project, here): (&Project, &str),
    lang: &str,
    period: &str,
) -> serde_json::Value {
    project
        .run(&["--lang", lang, "export", "--out", "analys"])
        .success();
    let delimiter = if lang == "sv" { ";" } else { "," };
    let csv = project.path(here).join("analys").join("initiatives.csv");
    let output = std::process::Command::new(python)
        .args(["-c", RECIPE, period, &csv.to_string_lossy(), delimiter])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The recipe's figures against the summary's, for `lang`, fortb run in the folder `here`.
fn same_figures(project: &Project, here: &str, lang: &str) {
    let Some(python) = python() else {
        return;
    };
    let summary = json(&project.stdout(&[
        "--lang", lang, "summary", "--months", "24", "--format", "json",
    ]));
    let period = summary["period"].to_string();
    let computed = recipe(&python, (project, here), lang, &period);
    let summary_rows = summary["initiatives"].as_array().unwrap();
    let rows = computed["initiatives"].as_array().unwrap();
    assert_eq!(rows.len(), summary_rows.len(), "the same initiatives");
    for wanted in summary_rows {
        let found = rows
            .iter()
            .find(|r| {
                r["id"] == wanted["id"] && (wanted["unit"].is_null() || r["unit"] == wanted["unit"])
            })
            .unwrap_or_else(|| panic!("{} not in the export", wanted["id"]));
        for figure in [
            "impact",
            "impact_self",
            "impact_leadership",
            "impact_staff",
            "rater_count",
            "unaided_count",
        ] {
            assert_eq!(found[figure], wanted[figure], "{} {figure}", wanted["id"]);
        }
    }
    let kinds = summary["patterns"]["by_kind"].as_array().unwrap();
    assert!(!kinds.is_empty());
    for wanted in kinds {
        let found = &computed["by_kind"][wanted["group"].as_str().unwrap()];
        for figure in [
            "initiative_count",
            "rated_count",
            "impact",
            "impact_self",
            "impact_leadership",
            "impact_staff",
        ] {
            assert_eq!(
                found[figure], wanted[figure],
                "{} {figure}",
                wanted["group"]
            );
        }
    }
}

#[test]
fn the_recipe_gives_the_packs_figures_for_one_school() {
    let project = Project::example().env("FORTB_TODAY", "2026-11-23");
    same_figures(&project, ".", "sv");
    same_figures(&project, ".", "en");
    // A single school's rows carry its name as their unit, so they slice like an organiser's.
    let csv = project.read("analys/initiatives.csv");
    let units: std::collections::BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap())
        .collect();
    assert_eq!(
        units.into_iter().collect::<Vec<_>>(),
        ["Solbackaskolan F–9"]
    );
}

/// An organiser and two schools with different numbers of raters: one rater at one school,
/// three at the other, so that averaging the ratings and averaging the initiatives differ.
fn organisation() -> Project {
    let recall = |by: &str, score: u8| {
        format!("\n[[recall]]\nby = \"{by}\"\ndate = 2026-11-01\nself = {score}\nleadership = {score}\nstaff = {}\nwhy = [\"practice\"]\n", score.saturating_sub(1))
    };
    let record = |title: &str, start: &str, recalls: &str| {
        format!("title = \"{title}\"\nkind = \"study-day\"\nstart = {start}\n{recalls}")
    };
    Project::empty()
        .env("FORTB_TODAY", "2026-11-23")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
        )
        .file("skolor/ek/fortb.toml", "name = \"Ekbacken\"\n")
        .file(
            "skolor/ek/initiatives/ai.toml",
            &record("AI", "2026-02-01", &recall("Anna", 4)),
        )
        .file(
            "skolor/ek/initiatives/las.toml",
            &record("Läsning", "2026-03-01", ""),
        )
        .file("skolor/sol/fortb.toml", "name = \"Solbacka\"\n")
        .file(
            "skolor/sol/initiatives/ai.toml",
            &record(
                "AI",
                "2026-02-01",
                &[recall("Eva", 1), recall("Per", 2), recall("Li", 2)].concat(),
            ),
        )
        .file(
            "skolor/sol/initiatives/npf.toml",
            &format!(
                "title = \"NPF\"\nkind = \"course\"\nstart = 2026-04-01\n{}",
                recall("Eva", 3)
            ),
        )
        .current_dir("kommunen")
}

#[test]
fn the_recipe_gives_the_packs_figures_for_an_organiser() {
    let project = organisation();
    same_figures(&project, "kommunen", "sv");
    same_figures(&project, "kommunen", "en");
}
