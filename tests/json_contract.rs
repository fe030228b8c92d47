//! The JSON contract (docs/format.md, "JSON for scripts"): every `--format json` output is an
//! object that starts with `"format": 1` and matches its JSON Schema in docs/json/, checked on
//! the example project, alone and as two units of an organiser. The schemas are closed, so a
//! field added, renamed or retyped fails here until its schema (and docs/format.md) says so.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, example_dir, Project};
use serde_json::Value;

/// Where a schema is published; resources are registered under this base so that the
/// schemas' relative `$ref`s between files resolve as they do beside each other on disk.
const BASE: &str = "file:///fortb/docs/json/";

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join("json")
}

fn schemas() -> Vec<(String, Value)> {
    let mut schemas: Vec<(String, Value)> = std::fs::read_dir(schema_dir())
        .expect("docs/json exists")
        .flatten()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let schema = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("docs/json/{name} is not JSON: {e}"));
            (name, schema)
        })
        .collect();
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    schemas
}

/// Checks `output` of `fortb ARGS` against docs/json/`schema`, and says which schema to update.
fn assert_matches(schema: &str, args: &[&str], output: &str) {
    let all = schemas();
    let registry = jsonschema::Registry::new()
        .extend(
            all.iter()
                .map(|(name, value)| (format!("{BASE}{name}"), value.clone())),
        )
        .and_then(|builder| builder.prepare())
        .expect("the schemas in docs/json register");
    let root = &all
        .iter()
        .find(|(name, _)| name == schema)
        .unwrap_or_else(|| panic!("docs/json/{schema} is missing"))
        .1;
    let validator = jsonschema::options()
        .with_base_uri(format!("{BASE}{schema}"))
        .with_registry(&registry)
        .build(root)
        .unwrap_or_else(|e| panic!("docs/json/{schema} does not compile: {e}"));
    let value: Value = serde_json::from_str(output)
        .unwrap_or_else(|e| panic!("`fortb {}` printed no JSON: {e}", args.join(" ")));
    assert_eq!(
        value.get("format"),
        Some(&Value::from(1)),
        "`fortb {}` has no \"format\": 1",
        args.join(" ")
    );
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("  at {}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "The JSON of `fortb {}` no longer matches docs/json/{schema}.\n\
         If the change is meant, update docs/json/{schema} and the JSON section of \
         docs/format.md with it (a renamed or removed key also needs a new \"format\").\n{}",
        args.join(" "),
        errors.join("\n")
    );
}

fn check(project: &Project, schema: &str, args: &[&str]) {
    let output = project.stdout(args);
    assert_matches(schema, args, &output);
}

/// Every command with `--format json` and the schema its output follows.
const OUTPUTS: &[(&str, &[&str])] = &[
    ("list.schema.json", &["list", "--format", "json"]),
    ("status.schema.json", &["status", "--format", "json"]),
    (
        "status.schema.json",
        &[
            "status",
            "likvardig-bedomning-i-hogstadiet",
            "--format",
            "json",
        ],
    ),
    (
        "show.schema.json",
        &["show", "bokcirkel-formativ-bedomning", "--format", "json"],
    ),
    (
        "show.schema.json",
        &[
            "show",
            "likvardig-bedomning-i-hogstadiet",
            "--format",
            "json",
        ],
    ),
    ("summary.schema.json", &["summary", "--format", "json"]),
    (
        "summary.schema.json",
        &["summary", "--group-by", "kind", "--format", "json"],
    ),
    (
        "summary-compare.schema.json",
        &["summary", "--compare", "2025-12-01", "--format", "json"],
    ),
    (
        "due.schema.json",
        &["due", "--within", "400", "--format", "json"],
    ),
    (
        "indicator-list.schema.json",
        &["indicator", "list", "--format", "json"],
    ),
    ("plan.schema.json", &["plan", "--format", "json"]),
    ("lessons.schema.json", &["lessons", "--format", "json"]),
    (
        "lessons.schema.json",
        &["lessons", "--kind", "bokcirkel", "--format", "json"],
    ),
    (
        "summary.schema.json",
        &["summary", "--group-by", "theme", "--format", "json"],
    ),
    ("export.schema.json", &["export", "--format", "json"]),
    (
        "export.schema.json",
        &[
            "export",
            "--format",
            "json",
            "--table",
            "ratings",
            "--pseudonymise",
        ],
    ),
];

#[test]
fn every_command_with_json_output_has_a_schema_and_is_checked() {
    // Every command that offers `--format json`, by its words (`indicator list`).
    let mut found = Vec::new();
    let mut commands = vec![(String::new(), fortb::cli::args::command())];
    while let Some((words, command)) = commands.pop() {
        let json = command.get_arguments().any(|arg| {
            arg.get_id() == "format"
                && arg
                    .get_possible_values()
                    .iter()
                    .any(|value| value.get_name() == "json")
        });
        if json {
            found.push(words.trim().to_string());
        }
        for sub in command.get_subcommands() {
            commands.push((format!("{words} {}", sub.get_name()), sub.clone()));
        }
    }
    assert!(found.len() >= 7, "{found:?}");
    for words in found {
        let checked = OUTPUTS
            .iter()
            .any(|(_, args)| args.join(" ").starts_with(&words));
        assert!(
            checked,
            "`fortb {words} --format json` has no JSON Schema: add docs/json/{}.schema.json, \
             list it in docs/format.md (JSON for scripts) and in OUTPUTS in this file",
            words.replace(' ', "-")
        );
    }
}

#[test]
fn every_json_output_of_the_example_matches_its_schema() {
    let project = Project::example().env("FORTB_TODAY", "2026-11-23");
    for (schema, args) in OUTPUTS {
        check(&project, schema, args);
    }
    // Every record's show, so no field of the example goes unchecked.
    for record in project.records() {
        let id = record.trim_end_matches(".toml");
        if record.ends_with(".toml") {
            check(
                &project,
                "show.schema.json",
                &["show", id, "--format", "json"],
            );
        }
    }
}

#[test]
fn an_organisers_json_with_units_matches_the_schemas() {
    let project = Project::empty().env("FORTB_TODAY", "2026-11-23");
    copy_dir(&example_dir(), &project.path("norr"));
    copy_dir(&example_dir(), &project.path("soder"));
    for (schema, args) in OUTPUTS {
        if matches!(args[0], "list" | "summary" | "due" | "export" | "plan") {
            let mut with_units = vec!["--project", "norr", "--project", "soder"];
            with_units.extend_from_slice(args);
            check(&project, schema, &with_units);
        }
    }
    let grouped = [
        "--project",
        "norr",
        "--project",
        "soder",
        "summary",
        "--group-by",
        "unit",
        "--format",
        "json",
    ];
    check(&project, "summary.schema.json", &grouped);
}

#[test]
fn the_example_organiser_s_plan_matches_the_schema() {
    let project = Project::examples().env("FORTB_TODAY", "2026-11-23");
    let args = ["--project", "kommun", "plan", "--format", "json"];
    check(&project, "plan.schema.json", &args);
}

#[test]
fn an_empty_projects_json_matches_the_schemas() {
    let project = Project::new().env("FORTB_TODAY", "2026-11-23");
    // `fortb plan` needs a plan; an empty one has no goals.
    project.write("plan.toml", "");
    for (schema, args) in OUTPUTS {
        let names_a_record = args[0] == "show" || !args[1].starts_with("--");
        if !names_a_record {
            check(&project, schema, args);
        }
    }
}

/// A transfer round as `fortb survey import --round 90` writes it (docs/format.md).
const TRANSFER_ROUND: &str = "
[survey]
responses = 0

[survey.rounds.90]
responses = 8
imported = 2026-04-20

[survey.rounds.90.transfer]
respondents = 8
use = { never = 1, rarely = 2, monthly = 2, weekly = 3 }
at_least_monthly = 0.63
confidence = 3.38
confidence_distribution = [0, 2, 2, 3, 1]
helped = { need = 2, delivery = 0, discussion = 3, practice = 2, other = 0 }
obstacles = { time = 3, follow_up = 2, relevance = 1, one_off = 0, support = 1, other = 0 }
leader_followed_up = 0.38
";

#[test]
fn a_transfer_rounds_json_matches_the_schemas() {
    let record = format!(
        "schema = 1\ntitle = \"Läsa\"\nkind = \"course\"\nstart = 2025-09-01\nend = 2025-12-01\n{TRANSFER_ROUND}"
    );
    let project = Project::new()
        .env("FORTB_TODAY", "2026-11-23")
        .file("initiatives/lasa.toml", &record);
    let show = project.stdout(&["show", "lasa", "--format", "json"]);
    assert!(show.contains("\"respondent_count\": 8"), "{show}");
    assert_matches("show.schema.json", &["show", "lasa"], &show);
    check(
        &project,
        "summary.schema.json",
        &["summary", "--format", "json"],
    );
    check(
        &project,
        "export.schema.json",
        &["export", "--format", "json"],
    );
    let transfer = project.stdout(&["export", "--format", "json", "--table", "transfer"]);
    assert!(transfer.contains("\"used_weekly_count\": 3"), "{transfer}");
}

#[test]
fn the_schemas_are_draft_2020_12_and_closed() {
    for (name, schema) in schemas() {
        if let Err(error) = jsonschema::meta::validate(&schema) {
            panic!("docs/json/{name} is not a valid JSON Schema: {error}");
        }
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "docs/json/{name}"
        );
        let mut open = Vec::new();
        open_objects(&schema, "", &mut open);
        let open: Vec<String> = open
            .into_iter()
            .filter(|path| !OPEN_ON_PURPOSE.contains(&(name.as_str(), path.as_str())))
            .collect();
        assert!(
            open.is_empty(),
            "docs/json/{name}: objects that let any key through: {open:?}"
        );
    }
}

/// The objects whose keys are open on purpose: an indicator and a plan, closed where they are
/// used (a plan at the top level and in each unit's), and a step's answers, whose keys are the
/// process model's questions.
const OPEN_ON_PURPOSE: &[(&str, &str)] = &[
    ("common.schema.json", "/$defs/indicator"),
    ("plan.schema.json", "/$defs/plan"),
    ("show.schema.json", "/properties/steps/additionalProperties"),
];

/// The paths of object schemas with properties but neither `additionalProperties` nor
/// `unevaluatedProperties`.
fn open_objects(value: &Value, path: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            let closed = object.contains_key("additionalProperties")
                || object.contains_key("unevaluatedProperties");
            if object.contains_key("properties") && !closed {
                found.push(path.to_string());
            }
            for (key, child) in object {
                open_objects(child, &format!("{path}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                open_objects(item, &format!("{path}/{i}"), found);
            }
        }
        _ => {}
    }
}

/// A count is named `*_count` or `n`, never like a list: `initiatives` is always an array.
#[test]
fn counts_are_named_as_counts() {
    fn walk(name: &str, value: &Value, path: &str, found: &mut Vec<String>) {
        let Value::Object(object) = value else {
            if let Value::Array(items) = value {
                for item in items {
                    walk(name, item, path, found);
                }
            }
            return;
        };
        if let Some(Value::Object(properties)) = object.get("properties") {
            for (key, property) in properties {
                let integer = match &property["type"] {
                    Value::String(t) => t == "integer",
                    Value::Array(types) => types.iter().any(|t| t == "integer"),
                    _ => false,
                };
                // Not counts: the record's format version, a rank, a score, a round's days, a year,
                // a place in a list.
                let not_a_count = ["schema", "rank", "score", "round", "year", "position"]
                    .contains(&key.as_str());
                if integer && !not_a_count && key != "n" && !key.ends_with("_count") {
                    found.push(format!("docs/json/{name}: {path}/{key}"));
                }
            }
        }
        for (key, child) in object {
            walk(name, child, &format!("{path}/{key}"), found);
        }
    }
    let mut found = Vec::new();
    for (name, schema) in schemas() {
        walk(&name, &schema, "", &mut found);
    }
    assert!(
        found.is_empty(),
        "counts not named *_count or n:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_changed_output_fails_with_the_schema_to_update() {
    let project = Project::example().env("FORTB_TODAY", "2026-11-23");
    let args = ["list", "--format", "json"];
    let mut value: Value = serde_json::from_str(&project.stdout(&args)).unwrap();
    value["initiatives"][0]["new_field"] = Value::from(1);
    let changed = serde_json::to_string(&value).unwrap();
    let failure = std::panic::catch_unwind(|| assert_matches("list.schema.json", &args, &changed))
        .expect_err("an unknown field fails");
    let message = failure
        .downcast_ref::<String>()
        .expect("a formatted message");
    assert!(
        message.contains("update docs/json/list.schema.json") && message.contains("new_field"),
        "{message}"
    );
}
