//! The foundation commands — init, new, list, show, edit, check, completions, man — driven
//! through the real binary, plus the language rules and the in-place editing of records.

mod common;

use std::path::Path;

use common::{json, toml_table, Project};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

/// The top of a valid record; tests append what they need.
const HEAD: &str = "schema = 1\ntitle = \"X\"\nkind = \"other\"\n";

/// `fortb list --format json` of a project with no initiatives.
const EMPTY_LIST: &str = "{\n  \"format\": 1,\n  \"initiatives\": []\n}\n";

/// The initiatives of `fortb list --format json`.
fn list_json(project: &Project) -> serde_json::Value {
    json(&project.stdout(&["list", "--format", "json"]))["initiatives"].clone()
}

/// `fortb check` finding at `path:line:column: ` (the path may be prefixed by a folder).
fn finding(path: &str, line: usize, column: usize) -> impl Predicate<str> {
    contains(format!("{path}:{line}:{column}: "))
}

// ---------------------------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------------------------

#[test]
fn init_creates_a_commented_config_and_the_initiatives_folder() {
    let project = Project::empty();
    project
        .run(&["init"])
        .success()
        .stdout(is_match(r"^(\./)?fortb\.toml\n$").unwrap())
        .stderr(contains("fortb new"));
    let text = project.read("fortb.toml");
    assert!(
        text.lines().filter(|l| l.starts_with('#')).count() >= 5,
        "{text}"
    );
    assert!(text.contains("# fortb project settings"), "{text}");
    let config = toml_table(&text);
    let folder = project.root().file_name().unwrap().to_str().unwrap();
    assert_eq!(config["name"].as_str(), Some(folder));
    assert_eq!(config["lang"].as_str(), Some("en"));
    assert_eq!(config["beneficiary"].as_str(), Some("the pupils"));
    assert_eq!(config["process"].as_str(), Some("six-step"));
    assert_eq!(
        config["follow_up"],
        toml::Value::Array(vec![30.into(), 90.into(), 180.into()])
    );
    assert!(project.path("initiatives").is_dir());
}

#[test]
fn init_as_in_the_readme() {
    Project::empty()
        .run(&[
            "init",
            "skolan",
            "--name",
            "Solbackaskolan",
            "--beneficiary",
            "the pupils",
        ])
        .success()
        .stdout("skolan/fortb.toml\n")
        .stderr(
            "Created the fortb project Solbackaskolan (skolan/fortb.toml). \
             Next: cd skolan, then fortb new \"Title of an initiative\"\n",
        );
}

#[test]
fn init_of_a_new_folder_says_to_go_into_it_first() {
    // Without the `cd`, the next command finds no project: the folder made is not the one the
    // user stands in.
    let project = Project::empty();
    project
        .run(&["--lang", "sv", "init", "Min skola", "--name", "Solbacka"])
        .success()
        .stderr(
            "Skapade fortb-projektet Solbacka (Min skola/fortb.toml). \
             Nästa steg: cd \"Min skola\" och sedan fortb new \"Insatsens titel\"\n",
        );
    // Naming the folder one stands in needs no `cd`.
    let here = Project::empty().current_dir("skolan");
    here.run(&["--lang", "sv", "init", ".", "--name", "Solbacka"])
        .success()
        .stderr(contains("cd ").not());
}

#[test]
fn init_names_the_folder_readably() {
    // "Created the fortb project x in .. Next: …" reads like a typo: the folder "." followed
    // by the sentence's full stop.
    Project::empty()
        .run(&["init", "--name", "x"])
        .success()
        .stderr(contains(" in .. ").not());
}

#[test]
fn init_takes_name_language_and_beneficiary() {
    let project = Project::empty();
    let name = r#"Solbacka "F–9" \ skolan"#;
    project
        .run(&[
            "init",
            "--name",
            name,
            "--lang",
            "sv",
            "--beneficiary",
            "patienten",
        ])
        .success()
        .stderr(contains("Skapade fortb-projektet"));
    let text = project.read("fortb.toml");
    assert!(
        text.contains("# Inställningar för fortb-projektet"),
        "{text}"
    );
    assert!(text.contains("# Projektets namn"), "{text}");
    let config = toml_table(&text);
    assert_eq!(config["name"].as_str(), Some(name));
    assert_eq!(config["lang"].as_str(), Some("sv"));
    assert_eq!(config["beneficiary"].as_str(), Some("patienten"));
}

#[test]
fn init_in_swedish_defaults_the_beneficiary_to_eleverna() {
    let project = Project::empty();
    project.run(&["init", "--lang", "sv"]).success();
    let config = toml_table(&project.read("fortb.toml"));
    assert_eq!(config["beneficiary"].as_str(), Some("eleverna"));
}

#[test]
fn init_follows_the_locale_for_the_project_language() {
    let project = Project::empty().env("LANG", "sv_SE.UTF-8");
    project.run(&["init"]).success();
    let config = toml_table(&project.read("fortb.toml"));
    assert_eq!(config["lang"].as_str(), Some("sv"));
}

#[test]
fn init_creates_a_missing_folder() {
    let project = Project::empty();
    project
        .run(&["init", "skolor/solbacka"])
        .success()
        .stdout("skolor/solbacka/fortb.toml\n");
    assert!(project.exists("skolor/solbacka/fortb.toml"));
    assert!(project.path("skolor/solbacka/initiatives").is_dir());
    let config = toml_table(&project.read("skolor/solbacka/fortb.toml"));
    assert_eq!(config["name"].as_str(), Some("solbacka"));
}

#[test]
fn init_refuses_an_existing_project_and_changes_nothing() {
    let project = Project::new();
    project.write("fortb.toml", "# mine\nname = \"mine\"\n");
    let gitignore = project.read(".gitignore");
    project
        .run(&["init", "--name", "other"])
        .failure()
        .code(1)
        .stdout("")
        .stderr(contains("fortb.toml already exists"));
    assert_eq!(project.read("fortb.toml"), "# mine\nname = \"mine\"\n");
    assert_eq!(project.read(".gitignore"), gitignore);
}

#[test]
fn init_adds_its_lines_to_gitignore() {
    let project = Project::empty().file(".gitignore", "target\n*.log");
    project.run(&["init"]).success();
    let text = project.read(".gitignore");
    assert!(text.starts_with("target\n*.log\n"), "{text}");
    for line in [
        "initiatives/.*.tmp",
        "initiatives/.*.lock",
        "initiatives/.*.edit.toml",
    ] {
        assert_eq!(text.lines().filter(|l| *l == line).count(), 1, "{text}");
    }
}

#[test]
fn init_leaves_a_gitignore_that_already_has_the_lines() {
    let existing = "initiatives/.*.tmp\ninitiatives/.*.lock\ninitiatives/.*.edit.toml\n";
    let project = Project::empty().file(".gitignore", existing);
    project.run(&["init"]).success();
    assert_eq!(project.read(".gitignore"), existing);
}

#[test]
fn a_new_project_passes_check() {
    Project::new()
        .run(&["check"])
        .success()
        .stdout("")
        .stderr(contains("records checked: 0 · errors: 0 · warnings: 0"));
}

// ---------------------------------------------------------------------------------------------
// finding the project
// ---------------------------------------------------------------------------------------------

#[test]
fn commands_find_the_project_from_a_subfolder() {
    let project = Project::new().current_dir("docs/notes");
    project
        .run(&["new", "Studiedag"])
        .success()
        .stdout(contains("initiatives/studiedag.toml"));
    assert!(project.exists("initiatives/studiedag.toml"));
    assert!(!project.exists("docs/notes/initiatives"));
    project
        .run(&["list", "--format", "json"])
        .success()
        .stdout(contains("\"id\": \"studiedag\""));
}

#[test]
fn project_flag_points_to_a_project_elsewhere() {
    let project = Project::new().file("initiatives/x.toml", HEAD);
    let elsewhere = Project::empty();
    elsewhere
        .run(&[
            "--project",
            project.root().to_str().unwrap(),
            "list",
            "--format",
            "json",
        ])
        .success()
        .stdout(contains("\"id\": \"x\""));
    // also after the subcommand
    elsewhere
        .run(&["list", "--project", project.root().to_str().unwrap()])
        .success()
        .stdout(contains("x"));
}

#[test]
fn project_flag_may_name_the_settings_file_and_a_folder_named_so_is_explained() {
    let project = Project::new().file("initiatives/x.toml", HEAD);
    let settings = project.root().join("fortb.toml");
    Project::empty()
        .run(&[
            "--project",
            settings.to_str().unwrap(),
            "list",
            "--format",
            "json",
        ])
        .success()
        .stdout(contains("\"id\": \"x\""));
    let odd = Project::empty();
    std::fs::create_dir_all(odd.path("fortb.toml")).unwrap();
    odd.run(&["--project", odd.root().to_str().unwrap(), "list"])
        .failure()
        .code(1)
        .stderr(contains(
            "fortb.toml is a folder; a project's settings are a file",
        ));
    odd.run(&["list"])
        .failure()
        .code(1)
        .stderr("fortb: fortb.toml:1:1: this is a folder, not a file\n");
}

#[test]
fn fortb_project_variable_points_to_a_project() {
    let project = Project::new().file("initiatives/x.toml", HEAD);
    Project::empty()
        .env("FORTB_PROJECT", project.root().to_str().unwrap())
        .run(&["list", "--format", "json"])
        .success()
        .stdout(contains("\"id\": \"x\""));
}

#[test]
fn project_flag_overrides_the_variable() {
    let project = Project::new().file("initiatives/x.toml", HEAD);
    let decoy = Project::new().file("initiatives/decoy.toml", HEAD);
    Project::empty()
        .env("FORTB_PROJECT", decoy.root().to_str().unwrap())
        .run(&[
            "--project",
            project.root().to_str().unwrap(),
            "list",
            "--format",
            "json",
        ])
        .success()
        .stdout(contains("\"id\": \"x\"").and(contains("decoy").not()));
}

#[test]
fn project_flag_overrides_the_project_around_the_working_directory() {
    let project = Project::new().file("initiatives/x.toml", HEAD);
    let around = Project::new().file("initiatives/around.toml", HEAD);
    around
        .run(&[
            "--project",
            project.root().to_str().unwrap(),
            "list",
            "--format",
            "json",
        ])
        .success()
        .stdout(contains("\"id\": \"x\"").and(contains("around").not()));
}

#[test]
fn an_empty_fortb_project_variable_counts_as_unset() {
    // Like VISUAL/EDITOR and NO_COLOR: `FORTB_PROJECT=` must not break every command.
    Project::new()
        .env("FORTB_PROJECT", "")
        .run(&["list", "--format", "json"])
        .success()
        .stdout(EMPTY_LIST);
}

#[test]
fn outside_a_project_the_error_suggests_init() {
    let outside = Project::empty();
    for args in [
        &["list"][..],
        &["show", "x"],
        &["new", "Studiedag"],
        &["check"],
        &["edit", "x"],
    ] {
        outside
            .run(args)
            .failure()
            .code(1)
            .stdout("")
            .stderr(contains("no fortb project").and(contains("`fortb init`")));
    }
    assert!(outside.ls("").is_empty(), "{:?}", outside.ls(""));
}

#[test]
fn a_project_flag_that_is_not_a_project_suggests_init() {
    let outside = Project::empty();
    outside
        .run(&["--project", outside.root().to_str().unwrap(), "list"])
        .failure()
        .code(1)
        .stderr(contains("is not a fortb project").and(contains("fortb init")));
}

// ---------------------------------------------------------------------------------------------
// new
// ---------------------------------------------------------------------------------------------

#[test]
fn new_prints_the_path_of_a_record_named_after_the_title() {
    let project = Project::new();
    project
        .run(&["new", "Bokcirkel: Formativ bedömning"])
        .success()
        .stdout("initiatives/bokcirkel-formativ-bedomning.toml\n")
        .stderr(contains("kind: Book circle"));
    let record = toml_table(&project.read("initiatives/bokcirkel-formativ-bedomning.toml"));
    assert_eq!(record["schema"].as_integer(), Some(1));
    assert_eq!(
        record["title"].as_str(),
        Some("Bokcirkel: Formativ bedömning")
    );
    assert_eq!(record["kind"].as_str(), Some("book-circle"));
    assert_eq!(record["process"].as_str(), Some("six-step"));
    assert!(!record.contains_key("start"));
}

#[test]
fn new_with_a_taken_title_gets_a_numbered_id() {
    let project = Project::new();
    let title = "Bokcirkel: Formativ bedömning";
    project.run(&["new", title]).success();
    project
        .run(&["new", title])
        .success()
        .stdout("initiatives/bokcirkel-formativ-bedomning-2.toml\n")
        .stderr(contains(
            "bokcirkel-formativ-bedomning already exists, so the new initiative got the id bokcirkel-formativ-bedomning-2",
        ));
    project
        .run(&["new", title])
        .success()
        .stdout("initiatives/bokcirkel-formativ-bedomning-3.toml\n");
    assert_eq!(project.records().len(), 3);
    // the first one was not overwritten
    let first = toml_table(&project.read("initiatives/bokcirkel-formativ-bedomning.toml"));
    assert_eq!(first["title"].as_str(), Some(title));
}

#[test]
fn new_keeps_hostile_titles_inside_the_initiatives_folder() {
    let project = Project::new();
    for (title, id) in [
        ("../../etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("..", "initiative"),
        ("x\u{1}y\nz\u{7f}", "x-y-z"),
        ("/absolut", "absolut"),
        ("C:\\Windows\\system", "c-windows-system"),
    ] {
        project
            .run(&["new", title])
            .success()
            .stdout(format!("initiatives/{id}.toml\n"));
    }
    assert_eq!(project.ls(""), [".gitignore", "fortb.toml", "initiatives"]);
    let record = toml_table(&project.read("initiatives/x-y-z.toml"));
    assert_eq!(record["title"].as_str(), Some("x y z"));
    let parent = project.root().parent().unwrap();
    assert!(!parent.join("etc").exists());
}

#[test]
fn new_writes_every_flag() {
    let project = Project::new();
    project
        .run(&[
            "new",
            "Läsa tillsammans",
            "--kind",
            "bokcirkel",
            "--learning",
            "obligatoriskt",
            "--start",
            "2025-03-01",
            "--end",
            "2025-04-30",
            "--sessions",
            "4",
            "--owner",
            "Anna \"A\" Lind",
            "--audience",
            "Alla lärare F–9",
            "--whole-staff",
            "--process",
            "tailored",
        ])
        .success()
        .stdout("initiatives/lasa-tillsammans.toml\n")
        .stderr(contains("kind:").not());
    let text = project.read("initiatives/lasa-tillsammans.toml");
    // dates are TOML dates, not strings
    assert!(text.contains("start = 2025-03-01\n"), "{text}");
    assert!(text.contains("end = 2025-04-30\n"), "{text}");
    let record = toml_table(&text);
    assert_eq!(record["title"].as_str(), Some("Läsa tillsammans"));
    assert_eq!(record["kind"].as_str(), Some("book-circle"));
    assert_eq!(record["learning"].as_str(), Some("mandatory"));
    assert_eq!(record["process"].as_str(), Some("tailored"));
    assert_eq!(record["sessions"].as_integer(), Some(4));
    assert_eq!(record["owner"].as_str(), Some("Anna \"A\" Lind"));
    assert_eq!(record["audience"].as_str(), Some("Alla lärare F–9"));
    assert_eq!(record["whole_staff"].as_bool(), Some(true));
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
        .collect();
    assert_eq!(
        keys,
        [
            "schema",
            "title",
            "kind",
            "learning",
            "process",
            "start",
            "end",
            "sessions",
            "owner",
            "audience",
            "whole_staff",
            "uid"
        ],
        "keys in the documented order"
    );
}

#[test]
fn new_records_pass_check_and_show_in_list() {
    let project = Project::new();
    project
        .run(&[
            "new",
            "Studiedag: AI",
            "--learning",
            "formal",
            "--start",
            "2025-08-12",
            "--end",
            "2025-08-12",
            "--sessions",
            "1",
            "--owner",
            "Erik",
            "--whole-staff",
        ])
        .success();
    project.run(&["check"]).success().stdout("");
    let list = list_json(&project);
    assert_eq!(list[0]["id"], "studiedag-ai");
    assert_eq!(list[0]["kind"], "study-day");
    assert_eq!(list[0]["start"], "2025-08-12");
}

#[test]
fn new_follows_the_project_s_default_process() {
    let project = Project::new().file(
        "fortb.toml",
        "name = \"skolan\"\nlang = \"en\"\nprocess = \"tailored\"\n",
    );
    project.run(&["new", "Kurs"]).success();
    let record = toml_table(&project.read("initiatives/kurs.toml"));
    assert_eq!(record["process"].as_str(), Some("tailored"));
}

#[test]
fn new_accepts_a_project_process_model() {
    let project = Project::new().file("processes/kort.toml", "base = \"six-step\"\n");
    project.run(&["new", "Kurs", "--process", "kort"]).success();
    let record = toml_table(&project.read("initiatives/kurs.toml"));
    assert_eq!(record["process"].as_str(), Some("kort"));
    project.run(&["check"]).success();
}

/// Runs `fortb new ARGS` in `project`: it must fail with `code`, name each of `words` on
/// stderr, print nothing on stdout and write no record.
fn assert_new_refused(project: &Project, args: &[&str], code: i32, words: &[&str]) {
    let output = project.output(&[&["new"], args].concat());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "", "{args:?}");
    for word in words {
        assert!(stderr.contains(word), "{args:?}: no {word:?} in {stderr}");
    }
    assert!(project.records().is_empty(), "{:?}", project.records());
}

#[test]
fn new_rejects_a_malformed_date_naming_the_flag() {
    let project = Project::new();
    for (flag, value) in [
        ("--start", "2025-1-1"),
        ("--start", "14/3/2025"),
        ("--start", "2025-02-30"),
        ("--end", "igår"),
    ] {
        assert_new_refused(
            &project,
            &["Kurs", flag, value],
            2,
            &[flag, "YYYY-MM-DD", value],
        );
    }
}

#[test]
fn new_rejects_an_unknown_kind_listing_the_valid_ones() {
    assert_new_refused(
        &Project::new(),
        &["Kurs", "--kind", "party"],
        2,
        &["\"party\"", "study-day", "book-circle", "other"],
    );
}

#[test]
fn new_rejects_an_unknown_kind_of_learning() {
    assert_new_refused(
        &Project::new(),
        &["Kurs", "--learning", "sometimes"],
        2,
        &["everyday", "formal", "mandatory"],
    );
}

#[test]
fn new_rejects_an_end_before_the_start() {
    assert_new_refused(
        &Project::new(),
        &["Kurs", "--start", "2025-02-01", "--end", "2025-01-31"],
        1,
        &["2025-01-31", "2025-02-01"],
    );
}

#[test]
fn new_rejects_an_unknown_process() {
    assert_new_refused(
        &Project::new(),
        &["Kurs", "--process", "seven-step"],
        1,
        &["seven-step", "six-step", "tailored"],
    );
}

#[test]
fn new_rejects_an_empty_title() {
    let project = Project::new();
    for title in ["", "   ", "\t\n", "\u{7}"] {
        assert_new_refused(&project, &[title], 1, &["the title is empty"]);
    }
}

#[test]
fn new_rejects_a_title_that_is_too_long() {
    let project = Project::new();
    project
        .run(&["new", &"å".repeat(201)])
        .failure()
        .code(1)
        .stderr(contains("201"));
    project.run(&["new", &"å".repeat(200)]).success();
    assert_eq!(project.records().len(), 1);
}

#[test]
fn new_leaves_no_temporary_files() {
    let project = Project::new();
    project.run(&["new", "Kurs"]).success();
    project.run(&["new", "Kurs"]).success();
    // The lock files every writer of a record takes stay (docs/reliability.md); nothing else.
    let left: Vec<String> = project
        .ls("initiatives")
        .into_iter()
        .filter(|name| !name.ends_with(".toml.lock"))
        .collect();
    assert_eq!(left, ["kurs-2.toml", "kurs.toml"]);
}

// ---------------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------------

#[test]
fn list_table_of_the_example_project() {
    let project = Project::example().env("COLUMNS", "120");
    let table = project.stdout(&["list"]);
    insta::assert_snapshot!("list_table_example", table);
}

#[test]
fn list_table_in_english() {
    let project = Project::new()
        .env("COLUMNS", "120")
        .file(
            "initiatives/studiedag-ai.toml",
            "title = \"Studiedag: AI\"\nkind = \"study-day\"\nstart = 2026-01-07\n\n[steps.need]\ndone = 2025-11-01\n",
        );
    let table = project.stdout(&["list"]);
    insta::assert_snapshot!("list_table_english", table);
}

#[test]
fn list_table_is_not_wrapped_without_a_terminal_or_columns() {
    let table = Project::example().stdout(&["list"]);
    // header, rule, 15 rows
    assert_eq!(table.lines().count(), 17, "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("kollegialt-larande-lektionsbesok-i-matematik  ")),
        "{table}"
    );
}

#[test]
fn a_shortened_id_in_the_list_still_works_as_an_id() {
    // The table is where people look up the id to pass to `show` and `edit`: when the
    // terminal is narrow, an id is cut to a beginning that still names only its record.
    for width in ["60", "80", "120"] {
        let project = Project::example().env("COLUMNS", width);
        let table = project.stdout(&["list"]);
        let list = list_json(&project);
        let rows = common::table_lines(&table);
        let mut seen = 0;
        for item in list.as_array().unwrap() {
            let id = item["id"].as_str().unwrap();
            let shown = rows
                .iter()
                .map(|row| row[0].as_str())
                .find(|cell| !cell.is_empty() && id.starts_with(cell.trim_end_matches('…')))
                .unwrap_or_else(|| panic!("{id} is not in the table at {width}:\n{table}"));
            let shown_json = json(&project.stdout(&["show", shown, "--format", "json"]));
            assert_eq!(shown_json["id"], id, "{shown} at {width}");
            seen += 1;
        }
        assert_eq!(seen, 15);
    }
}

#[test]
fn list_json_is_sorted_by_start_date_undated_last() {
    let project = Project::new();
    for (title, start) in [
        ("Höst", Some("2025-09-01")),
        ("Odaterad", None),
        ("Vår", Some("2025-02-01")),
        ("Sommar", Some("2025-06-01")),
    ] {
        let mut args = vec!["new", title];
        if let Some(start) = start {
            args.extend(["--start", start]);
        }
        project.run(&args).success();
    }
    let list = list_json(&project);
    let items = list.as_array().expect("an array");
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["var", "sommar", "host", "odaterad"]);
    for item in items {
        for key in ["id", "title", "kind", "start", "step"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
        assert_eq!(item["kind"], "other");
        assert_eq!(item["step"], "need");
    }
    assert_eq!(items[0]["title"], "Vår");
    assert_eq!(items[0]["start"], "2025-02-01");
    assert_eq!(items[3]["start"], serde_json::Value::Null);
}

#[test]
fn list_json_of_the_example_project() {
    let project = Project::example();
    let list = list_json(&project);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 15);
    let starts: Vec<&str> = items.iter().filter_map(|i| i["start"].as_str()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(items[0]["id"], "bokcirkel-formativ-bedomning");
    assert_eq!(items[0]["kind"], "book-circle");
    assert_eq!(items[0]["step"], "done");
}

#[test]
fn list_of_an_empty_project() {
    let project = Project::new();
    project
        .run(&["list"])
        .success()
        .stdout("")
        .stderr(contains("No initiatives yet"));
    project
        .run(&["list", "--format", "json"])
        .success()
        .stdout(EMPTY_LIST);
}

#[test]
fn list_skips_a_broken_record_with_a_warning() {
    let project = Project::new().file("initiatives/good.toml", HEAD).file(
        "initiatives/broken.toml",
        "title = \"Trasig\nkind = \"other\"\n",
    );
    project
        .run(&["list", "--format", "json"])
        .success()
        .stdout(contains("\"id\": \"good\"").and(contains("broken").not()))
        .stderr(contains("warning:").and(contains("broken.toml:1:")));
    project
        .run(&["list"])
        .success()
        .stdout(contains("good"))
        .stderr(contains("broken.toml"));
}

#[test]
fn list_strict_fails_on_a_broken_record() {
    let project = Project::new().file("initiatives/good.toml", HEAD).file(
        "initiatives/broken.toml",
        "title = \"X\"\nkind = \"party\"\n",
    );
    project
        .run(&["--strict", "list"])
        .failure()
        .code(1)
        .stdout("")
        .stderr(contains("broken.toml:2:8").and(contains("party")));
    project
        .run(&["list", "--strict", "--format", "json"])
        .failure()
        .code(1);
    // several broken records: one `fortb:` line each
    project.write("initiatives/empty.toml", "");
    let output = project
        .run(&["--strict", "list"])
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("fortb: initiatives/broken.toml:2:8: "),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("fortb: initiatives/empty.toml:1:1: "),
        "{stderr}"
    );
}

#[test]
fn list_ignores_hidden_and_other_files() {
    let project = Project::new()
        .file("initiatives/x.toml", HEAD)
        .file("initiatives/.x.toml.123.0.tmp", "half a reco")
        .file("initiatives/.x.toml.lock", "")
        .file("initiatives/notes.md", "# notes")
        .file("initiatives/x.toml~", "backup");
    project
        .run(&["list", "--format", "json"])
        .success()
        .stderr("");
    let list = list_json(&project);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn list_warning_names_the_file_relative_to_the_working_directory() {
    let project = Project::new().file("initiatives/good.toml", HEAD).file(
        "initiatives/broken.toml",
        "title = \"X\"\nkind = \"party\"\n",
    );
    project
        .run(&["list"])
        .success()
        .stderr(contains("initiatives/broken.toml:2:8"))
        .stderr(contains(project.root().to_str().unwrap()).not());
}

/// `fortb list | head -1`: the reader goes away before fortb writes; fortb must end quietly.
#[test]
fn list_into_a_closed_pipe_does_not_panic() {
    use std::process::Stdio;
    let project = Project::example();
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["show", "bokc"],
    ] {
        let mut cmd = common::fortb_process();
        cmd.args(args)
            .current_dir(project.root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panic") && !stderr.contains("internal error"),
            "{args:?}: {stderr}"
        );
        assert!(
            output.status.success(),
            "{args:?}: {:?} {stderr}",
            output.status
        );
    }
}

// ---------------------------------------------------------------------------------------------
// show
// ---------------------------------------------------------------------------------------------

#[test]
fn show_text_of_an_example_record() {
    let project = Project::example();
    project
        .run(&["--lang", "en", "show", "bokcirkel-formativ-bedomning"])
        .success()
        .stdout(
            contains("Bokcirkel: Formativ bedömning\n")
                .and(contains(
                    "bokcirkel-formativ-bedomning · initiatives/bokcirkel-formativ-bedomning.toml",
                ))
                .and(contains("Book circle"))
                .and(contains("2025-01-15 – 2025-05-20 (6 sessions)"))
                .and(contains("Anna Lind"))
                .and(contains("6 of 6 steps done"))
                .and(contains("Need — done 2024-12-10"))
                .and(contains("    • Ont om gemensam tid"))
                .and(contains(
                    "Exit tickets används fortfarande i de flesta klasser.",
                ))
                // the project's beneficiary word is used in the questions
                .and(contains("eleverna")),
        );
}

#[test]
fn show_markdown_of_an_example_record() {
    let project = Project::example().env("FORTB_TODAY", "2026-11-23");
    let markdown = project.stdout(&[
        "show",
        "bokcirkel-formativ-bedomning",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("show_markdown_bokcirkel", markdown);
}

#[test]
fn show_markdown_keeps_the_lines_of_a_recall_entry_apart() {
    // Scores, reasons and note are three separate things; in Markdown, lines that follow each
    // other without a blank line, a list marker or a hard break run together into one
    // paragraph ("… personalen 3 (gjort intryck) Varför: diskussion, övning Exit tickets …").
    let project = Project::example();
    let markdown = project.stdout(&["show", "bokcirkel", "--format", "markdown"]);
    let lines: Vec<&str> = markdown.lines().collect();
    let why = lines
        .iter()
        .position(|l| l.contains("Varför: diskussion, övning"))
        .expect(&markdown);
    let previous = lines[why - 1];
    assert!(
        previous.is_empty()
            || previous.ends_with("  ")
            || previous.ends_with('\\')
            || lines[why].trim_start().starts_with("- "),
        "{:?} runs into {:?}",
        previous,
        lines[why]
    );
}

#[test]
fn show_json_of_an_example_record() {
    let project = Project::example().env("FORTB_TODAY", "2026-11-23");
    let value = json(&project.stdout(&["show", "bokcirkel", "--format", "json"]));
    assert_eq!(value["id"], "bokcirkel-formativ-bedomning");
    assert_eq!(value["title"], "Bokcirkel: Formativ bedömning");
    assert_eq!(value["kind"], "book-circle");
    assert_eq!(value["learning"], "everyday");
    assert_eq!(value["start"], "2025-01-15");
    assert_eq!(value["end"], "2025-05-20");
    assert_eq!(value["session_count"], 6);
    assert_eq!(value["whole_staff"], true);
    assert_eq!(value["step"], "done");
    assert_eq!(value["steps"]["need"]["done"], "2024-12-10");
    assert_eq!(value["steps"]["analysis"]["training_enough"], false);
    assert_eq!(
        value["steps"]["analysis"]["challenges"][0],
        "Ont om gemensam tid"
    );
    // the delivery step's dates and sessions are the fields above, stored once
    assert!(value["steps"]["delivery"].get("first_date").is_none());
    let recall = value["recall"].as_array().unwrap();
    assert_eq!(recall.len(), 6, "two rounds of three");
    assert_eq!(recall[0]["by"], "Anna Lind");
    assert_eq!(recall[0]["self"], 4);
    assert_eq!(recall[0]["why"][1], "practice");
    assert_eq!(recall[0]["unaided"], true);
    assert_eq!(value["rounds"][0]["since"], "2025-11-17");
    assert_eq!(value["rounds"][1]["impact"], 3.22);
    assert!(value["path"]
        .as_str()
        .unwrap()
        .ends_with("initiatives/bokcirkel-formativ-bedomning.toml"));
}

#[test]
fn show_accepts_a_unique_prefix_and_a_path() {
    let project = Project::example();
    for given in [
        "bokc",
        "bokcirkel-formativ-bedomning.toml",
        "initiatives/bokcirkel-formativ-bedomning.toml",
    ] {
        project
            .run(&["show", given, "--format", "json"])
            .success()
            .stdout(contains("\"id\": \"bokcirkel-formativ-bedomning\""));
    }
}

#[test]
fn show_with_an_ambiguous_prefix_lists_the_candidates() {
    let project = Project::example();
    project
        .run(&["--lang", "en", "show", "studie"])
        .failure()
        .code(1)
        .stdout("")
        .stderr(
            contains("fits several initiatives")
                .and(contains("studiedag-ai-i-undervisningen"))
                .and(contains("studiedag-krisplan-och-sakerhetsrutiner"))
                .and(contains("studiedag-tillganglig-larmiljo"))
                .and(contains("studieresa-utomhuspedagogik-i-goteborg"))
                .and(contains("bokcirkel").not()),
        );
}

#[test]
fn show_an_unknown_id_fails() {
    let project = Project::example();
    project
        .run(&["--lang", "en", "show", "zzz"])
        .failure()
        .code(1)
        .stdout("")
        .stderr(contains("no initiative has the id \"zzz\"").and(contains("fortb list")));
    project
        .run(&["--lang", "en", "show", "bokcirkel-x"])
        .failure()
        .code(1)
        .stderr(contains("did you mean").and(contains("bokcirkel-formativ-bedomning")));
}

/// Issue 28, point 7: a typo gets the nearest ids, and words of a title find the one record
/// they fit, in every command that takes an id.
#[test]
fn an_id_typo_suggests_and_title_words_find_the_initiative() {
    let project = Project::example().file(
        "initiatives/bc-2026.toml",
        "title = \"Bokcirkel: Tydliggörande undervisning\"\nkind = \"book-circle\"\n",
    );
    for (lang, suggestion) in [
        (
            "sv",
            "ingen insats har id \"bokcirkle\"; menade du någon av: ",
        ),
        (
            "en",
            "no initiative has the id \"bokcirkle\"; did you mean one of: ",
        ),
    ] {
        for command in [
            &["show", "bokcirkle"][..],
            &["status", "bokcirkle"],
            &["step", "bokcirkle"],
            &["set", "bokcirkle", "owner=Eva"],
            &["remove", "bokcirkle"],
            &["edit", "bokcirkle"],
            &["rename", "bokcirkle", "ny"],
            &["indicator", "list", "bokcirkle"],
        ] {
            project
                .run(&[&["--lang", lang][..], command].concat())
                .failure()
                .stderr(
                    contains(suggestion)
                        .and(contains("bokcirkel-formativ-bedomning"))
                        .and(contains("bc-2026")),
                );
        }
    }
    project
        .run(&["--lang", "en", "show", "handledning-for-nyanstalda"])
        .failure()
        .stderr(contains("did you mean handledning-for-nyanstallda-larare?"));
    project
        .run(&["--lang", "sv", "show", "handledning-for-nyanstalda"])
        .failure()
        .stderr(contains("menade du handledning-for-nyanstallda-larare?"));
    for given in ["tydliggörande", "Tydliggörande undervisning", "tydlig"] {
        project
            .run(&["show", given, "--format", "json"])
            .success()
            .stdout(contains("\"id\": \"bc-2026\""));
    }
    project
        .run(&["set", "tydliggörande", "owner=Eva"])
        .success();
    assert!(project
        .read("initiatives/bc-2026.toml")
        .contains("owner = \"Eva\""));
    project
        .run(&["--lang", "sv", "show", "bedömning"])
        .failure()
        .stderr(
            contains("passar flera insatser")
                .and(contains("bokcirkel-formativ-bedomning"))
                .and(contains("likvardig-bedomning-i-hogstadiet")),
        );
}

/// Issue 28, point 8: in a terminal, a rating's reasons, "remembered without the list" and its
/// note each keep a line of their own, as they do piped.
#[test]
fn show_in_a_terminal_keeps_each_line_of_a_rating() {
    let project = Project::example();
    for (lang, why, unaided) in [
        (
            "sv",
            "    Varför: diskussion, övning",
            "    Mindes den utan att se listan.",
        ),
        (
            "en",
            "    Why: discussion, practice",
            "    Remembered it without seeing the list.",
        ),
    ] {
        for columns in ["80", "110"] {
            let shown = common::stdout_of(
                &["show"],
                project
                    .cmd()
                    .env("COLUMNS", columns)
                    .args(["--lang", lang, "show", "bokcirkel-formativ-bedomning"])
                    .output()
                    .unwrap(),
            );
            let lines: Vec<&str> = shown.lines().collect();
            let at = lines.iter().position(|l| *l == why).expect(&shown);
            assert_eq!(lines[at + 1], unaided, "{shown}");
            assert_eq!(
                lines[at + 2],
                "    Exit tickets överallt, och vi pratar om bedömning på varje konferens.",
                "{shown}"
            );
        }
    }
}

/// Issue 28, point 13: help speaks the user's language in its usage line, value names and
/// lists of values, and the lists are words the options take.
#[test]
fn help_names_values_in_the_users_language() {
    for (lang, wanted) in [
        (
            "sv",
            [
                "Användning: fortb new [FLAGGOR] <TITEL>",
                "--learning <vardag|formell|obligatorisk>",
                "--start <DATUM>",
            ],
        ),
        (
            "en",
            [
                "Usage: fortb new [OPTIONS] <TITLE>",
                "--learning <everyday|formal|mandatory>",
                "--start <DATE>",
            ],
        ),
    ] {
        let help = common::stdout_of(
            &["new", "--help"],
            Project::empty()
                .cmd()
                .args(["--lang", lang, "new", "--help"])
                .output()
                .unwrap(),
        );
        for text in wanted {
            assert!(help.contains(text), "{lang}: {text:?} missing from\n{help}");
        }
        let top = Project::empty().output(&["--lang", lang, "--help"]);
        let top = String::from_utf8(top.stdout).unwrap();
        let usage = if lang == "sv" {
            "fortb [FLAGGOR] <KOMMANDO>"
        } else {
            "fortb [OPTIONS] <COMMAND>"
        };
        assert!(top.contains(usage), "{top}");
    }
    let due = common::stdout_of(
        &["due", "--help"],
        Project::empty().output(&["--lang", "sv", "due", "--help"]),
    );
    // Issue 28, point 16: the encodings a survey export may be in are named.
    for lang in ["sv", "en"] {
        let import = common::stdout_of(
            &["survey", "import", "--help"],
            Project::empty().output(&["--lang", lang, "survey", "import", "--help"]),
        );
        for encoding in ["UTF-8", "BOM", "UTF-16", "Windows-1252"] {
            assert!(import.contains(encoding), "{lang}: {encoding}\n{import}");
        }
    }
    let due = due.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        due.contains("[standard: tabell] [värden: tabell, json, ics, csv]"),
        "{due}"
    );
    let project = Project::new();
    project
        .run(&["new", "X", "--learning", "formell"])
        .success();
    project
        .run(&[
            "summary",
            "--group-by",
            "typ",
            "--format",
            "csv",
            "--sort",
            "genomslag",
        ])
        .success();
    project.run(&["due", "--format", "tabell"]).success();
}

/// Issue 28, point 13: steps are named in the user's language in messages and taken by that
/// name.
#[test]
fn steps_are_named_and_taken_in_the_users_language() {
    let project = Project::example();
    for (lang, step, unknown) in [
        (
            "sv",
            "förslag",
            "fortb: processen tailored har inget steg \"fel\"; dess steg: behov, kontakt, planering, deltagare, förslag, genomförande, uppföljning",
        ),
        (
            "en",
            "proposal",
            "fortb: the process tailored has no step \"fel\"; its steps: need, contact, planning, participants, proposal, delivery, follow-up",
        ),
    ] {
        let status = project.stdout(&["--lang", lang, "status", "likvardig-bedomning-i-hogstadiet"]);
        assert!(
            status.ends_with(&format!(
                "fortb step likvardig-bedomning-i-hogstadiet {step}\n"
            )),
            "{status}"
        );
        project
            .run(&["--lang", lang, "step", "likvardig", "fel"])
            .failure()
            .stderr(format!("{unknown}\n"));
    }
    // The names in either language are taken, also with their capital letter.
    for given in ["Förslag", "förslag", "proposal", "Proposal"] {
        project
            .run(&["step", "likvardig", given, "--answer", "changes=x"])
            .success();
    }
}

/// Issue 28, point 13: a count of one takes the singular.
#[test]
fn one_initiative_is_one_insats() {
    let project = Project::new().file(
        "initiatives/x.toml",
        "title = \"X\"\nkind = \"other\"\nstart = 2025-03-01\n",
    );
    for (lang, written) in [("sv", "(1 insats)"), ("en", "(1 initiative)")] {
        project
            .run(&[
                "--lang",
                lang,
                "report",
                "--until",
                "2025-12-01",
                "--out",
                "r.md",
            ])
            .success()
            .stderr(contains(written));
    }
}

#[test]
fn show_a_broken_record_points_at_the_problem() {
    let project = Project::new().file("initiatives/x.toml", "title = \"X\"\nkind = \"party\"\n");
    project
        .run(&["show", "x"])
        .failure()
        .code(1)
        .stderr(finding("x.toml", 2, 8).and(contains("party")));
}

#[test]
fn show_does_not_escape_the_initiatives_folder() {
    let project = Project::new().file("secret.toml", HEAD);
    project.run(&["show", "../secret"]).failure().code(1);
    project.run(&["show", "../secret.toml"]).failure().code(1);
}

// ---------------------------------------------------------------------------------------------
// edit
// ---------------------------------------------------------------------------------------------

mod edit {
    use super::*;

    fn project_with_record() -> Project {
        let project = Project::new();
        project.run(&["new", "Kurs A"]).success();
        project
    }

    #[test]
    fn a_valid_edit_succeeds() {
        let project = project_with_record();
        let before = project.read("initiatives/kurs-a.toml");
        project
            .with_editor(r#"append owner = "Anna""#)
            .args(["edit", "kurs"])
            .assert()
            .success()
            .stderr(contains("initiatives/kurs-a.toml is valid"));
        assert_eq!(
            project.read("initiatives/kurs-a.toml"),
            format!("{before}owner = \"Anna\"\n")
        );
    }

    #[test]
    fn a_broken_edit_fails_and_is_left_as_saved() {
        let project = project_with_record();
        let before = project.read("initiatives/kurs-a.toml");
        assert_eq!(before.lines().count(), 5, "{before}");
        project
            .with_editor("append owner = ")
            .args(["edit", "kurs-a"])
            .assert()
            .failure()
            .code(1)
            .stderr(finding("initiatives/.kurs-a.edit.toml", 6, 9))
            .stderr(contains(
                "your edit is kept as you saved it in initiatives/.kurs-a.edit.toml",
            ));
        // the record is untouched, the edit waits in the draft, and the next edit resumes it
        assert_eq!(project.read("initiatives/kurs-a.toml"), before);
        assert_eq!(
            project.read("initiatives/.kurs-a.edit.toml"),
            format!("{before}owner = \n")
        );
        project.run(&["list"]).success().stderr("");
        project
            .with_editor(r#"replace owner =  => owner = "Anna""#)
            .args(["edit", "kurs-a"])
            .assert()
            .success()
            .stderr(contains("continuing the edit you saved earlier"));
        assert_eq!(
            project.read("initiatives/kurs-a.toml"),
            format!("{before}owner = \"Anna\"\n")
        );
        assert!(!project.exists("initiatives/.kurs-a.edit.toml"));
    }

    #[test]
    fn an_edit_never_overwrites_a_change_made_meanwhile() {
        let project = project_with_record();
        // the "editor" is slow: while it is open, someone records a recall; both changes are
        // kept, merged as the git merge driver merges them
        let fortb = common::fortb_bin();
        project
            .with_editor(&format!(
                "run {} recall kurs-a --by Erik --self 2 --date 2026-11-20\nappend owner = \"Anna\"",
                fortb.display()
            ))
            .args(["edit", "kurs-a"])
            .assert()
            .success()
            .stderr(contains("was changed by someone else while you edited it; both changes are kept"));
        let record = project.read("initiatives/kurs-a.toml");
        assert!(
            record.contains("by = \"Erik\"") && record.contains("owner = \"Anna\""),
            "{record}"
        );
        assert!(!project.exists("initiatives/.kurs-a.edit.toml"));
    }

    #[test]
    fn an_edit_with_a_wrong_answer_type_fails() {
        let project = project_with_record();
        project
            .with_editor("append \nappend [steps.analysis]\nappend training_enough = \"ja\"")
            .args(["edit", "kurs-a"])
            .assert()
            .failure()
            .code(1)
            .stderr(
                finding("initiatives/.kurs-a.edit.toml", 8, 1)
                    .and(contains("neither true nor false")),
            );
    }

    #[test]
    fn an_edit_that_only_adds_an_unknown_key_passes_with_a_warning() {
        let project = project_with_record();
        project
            .with_editor(r#"append colour = "red""#)
            .args(["edit", "kurs-a"])
            .assert()
            .success()
            .stderr(contains("warning:").and(contains("colour")));
    }

    #[test]
    fn visual_is_preferred_over_editor() {
        let project = project_with_record();
        project
            .with_editor("append # visual")
            .env("VISUAL", common::fake_editor())
            .env("EDITOR", project.path("no-such-editor"))
            .args(["edit", "kurs-a"])
            .assert()
            .success();
        assert!(project
            .read("initiatives/kurs-a.toml")
            .ends_with("# visual\n"));
    }

    #[test]
    fn an_editor_command_with_arguments_is_split() {
        let project = project_with_record();
        project
            .with_editor("note-args")
            .env(
                "EDITOR",
                format!("{} --wait", common::fake_editor().display()),
            )
            .args(["edit", "kurs-a"])
            .assert()
            .success();
        assert!(project
            .read("initiatives/kurs-a.toml")
            .ends_with("# --wait\n"));
    }

    /// `C:\Program Files\…` on Windows: quoted with arguments, or the bare path alone.
    #[test]
    fn an_editor_in_a_folder_with_spaces_starts() {
        let project = project_with_record();
        let folder = project.path("Program Files").join("Editor");
        std::fs::create_dir_all(&folder).unwrap();
        let editor = folder.join(common::fake_editor().file_name().unwrap());
        std::fs::copy(common::fake_editor(), &editor).unwrap();
        for (value, last_line) in [
            (
                format!("\"{}\" --wait", editor.display()),
                "# --wait\n# ran\n",
            ),
            (editor.display().to_string(), "# ran\n# ran\n"),
        ] {
            project
                .with_editor("note-args\nappend # ran")
                .env("EDITOR", &value)
                .args(["edit", "kurs-a"])
                .assert()
                .success();
            let record = project.read("initiatives/kurs-a.toml");
            assert!(record.ends_with(last_line), "EDITOR={value}:\n{record}");
        }
    }

    #[test]
    fn a_failing_editor_is_reported() {
        let project = project_with_record();
        let before = project.read("initiatives/kurs-a.toml");
        project
            .with_editor("exit 3")
            .args(["edit", "kurs-a"])
            .assert()
            .failure()
            .code(1)
            .stderr(contains("fake_editor").and(contains("3")));
        assert_eq!(project.read("initiatives/kurs-a.toml"), before);
    }

    #[test]
    fn a_missing_editor_is_reported() {
        let project = project_with_record();
        let missing = project.path("no-such-editor");
        project
            .cmd()
            .env("EDITOR", &missing)
            .args(["edit", "kurs-a"])
            .assert()
            .failure()
            .code(1)
            .stderr(contains("no-such-editor").and(contains("VISUAL or EDITOR")));
    }

    #[test]
    #[cfg(unix)]
    #[cfg_attr(foreign_fortb, ignore = "the test makes a Unix symbolic link")]
    fn edit_refuses_a_symbolic_link() {
        let project = Project::new().file("elsewhere.toml", HEAD);
        std::os::unix::fs::symlink(
            project.path("elsewhere.toml"),
            project.path("initiatives/x.toml"),
        )
        .unwrap();
        project
            .with_editor("append # touched")
            .args(["edit", "x"])
            .assert()
            .failure()
            .code(1)
            .stderr(contains("symbolic link"));
        assert_eq!(project.read("elsewhere.toml"), HEAD);
    }

    #[test]
    fn edit_of_an_unknown_id_does_not_start_the_editor() {
        let project = project_with_record();
        let started = project.path("started");
        project
            .with_editor(&format!("touch {}", started.display()))
            .args(["edit", "zzz"])
            .assert()
            .failure()
            .code(1);
        assert!(!started.exists());
    }
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

fn check_record(text: &str) -> assert_cmd::assert::Assert {
    Project::new()
        .file("initiatives/x.toml", text)
        .run(&["check"])
}

#[test]
fn check_passes_the_example_project() {
    Project::example()
        .run(&["--lang", "en", "check"])
        .success()
        .stdout("")
        .stderr(contains("records checked: 15 · errors: 0 · warnings: 0"));
}

#[test]
fn check_reports_malformed_toml() {
    check_record("schema = 1\ntitle = \"X\nkind = \"other\"\n")
        .failure()
        .code(1)
        .stdout(is_match(r"(?m)initiatives/x\.toml:2:\d+: ").unwrap())
        .stderr(contains("errors: 1"));
}

/// The three mistakes of the issue, in one record: three findings in one run.
const THREE_MISTAKES: &str = "schema = 1\ntitle = \"Webbkurs om GDPR\"\nkind = \"online-course\"\nstart = 2025-09-31\nsessions = tva\nwhole_staff = ja\n";

#[test]
fn check_lists_every_mistake_of_a_record_at_once_in_english() {
    Project::new()
        .file("initiatives/x.toml", THREE_MISTAKES)
        .run(&["check"])
        .code(1)
        .stdout(
            "initiatives/x.toml:4:9: start: \"2025-09-31\" is not a date in the calendar; write it as year-month-day, e.g. start = 2025-09-01\n\
             4 | start = 2025-09-31\n  |         ^\n\
             initiatives/x.toml:5:12: sessions: \"tva\" is not a whole number; write e.g. sessions = 6\n\
             5 | sessions = tva\n  |            ^\n\
             initiatives/x.toml:6:15: whole_staff: \"ja\" is neither true nor false; write e.g. whole_staff = true\n\
             6 | whole_staff = ja\n  |               ^\n",
        )
        .stderr("records checked: 1 · errors: 3 · warnings: 0\n");
}

#[test]
fn check_lists_every_mistake_of_a_record_at_once_in_swedish() {
    let stdout = Project::new()
        .file("initiatives/x.toml", THREE_MISTAKES)
        .run(&["--lang", "sv", "check"])
        .code(1)
        .stderr("kontrollerade poster: 1 · fel: 3 · varningar: 0\n")
        .get_output()
        .stdout
        .clone();
    let messages: Vec<String> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .filter(|line| line.starts_with("initiatives/"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "initiatives/x.toml:4:9: start: \"2025-09-31\" är inget datum som finns; skriv år-månad-dag, t.ex. start = 2025-09-01",
            "initiatives/x.toml:5:12: sessions: \"tva\" är inget heltal; skriv t.ex. sessions = 6",
            "initiatives/x.toml:6:15: whole_staff: \"ja\" är varken true eller false; skriv t.ex. whole_staff = true",
        ]
    );
}

#[test]
fn check_reads_on_past_mistakes_to_what_reads_but_is_wrong() {
    // A broken line, then an answer of the wrong type and an end before the start further
    // down: all in one run, from top to bottom.
    let record = format!(
        "{HEAD}owner = Karin Berg\nstart = 2025-02-01\nend = 2025-01-31\n\n[steps.delivery]\nsessions = \"sex\"\nparticipants = alla lärare\n"
    );
    let output = check_record(&record).code(1).get_output().stdout.clone();
    let found: Vec<String> = String::from_utf8(output)
        .unwrap()
        .lines()
        .filter(|line| line.starts_with("initiatives/"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "initiatives/x.toml:4:9: owner: \"Karin Berg\" is text and must be in quotes; write e.g. owner = \"Karin Berg\"",
            "initiatives/x.toml:6:1: the end date 2025-01-31 is before the start date 2025-02-01",
            "initiatives/x.toml:9:1: steps.delivery.sessions: \"sex\" is not a number; write e.g. sessions = 10",
            "initiatives/x.toml:10:16: steps.delivery.participants: \"alla lärare\" is text and must be in quotes; write e.g. participants = \"alla lärare\"",
        ]
    );
}

#[test]
fn check_suggests_the_key_a_typo_was_meant_to_be() {
    let record = format!("{HEAD}ownr = \"Karin\"\nsesions = 4\ncolour = \"blue\"\n\n[steps.need]\nwhy = \"x\"\nwho_want = \"Rektor\"\n");
    check_record(&record).success().stdout(
        "initiatives/x.toml:4:1: warning: unknown key \"ownr\" (kept as it is)\n\
         4 | ownr = \"Karin\"\n  | ^\n  = did you mean `owner`?\n\
         initiatives/x.toml:5:1: warning: unknown key \"sesions\" (kept as it is)\n\
         5 | sesions = 4\n  | ^\n  = did you mean `sessions`?\n\
         initiatives/x.toml:6:1: warning: unknown key \"colour\" (kept as it is)\n\
         6 | colour = \"blue\"\n  | ^\n  = a misspelling? docs/format.md lists every field\n\
         initiatives/x.toml:10:1: warning: \"who_want\" is not a question of the step need (kept as it is)\n\
         10 | who_want = \"Rektor\"\n   | ^\n  = did you mean `who_wants`?\n",
    );
    Project::new()
        .file("initiatives/x.toml", &format!("{HEAD}ownr = \"Karin\"\n"))
        .run(&["--lang", "sv", "check"])
        .success()
        .stdout(contains("  = menade du `owner`?\n"));
}

#[test]
fn a_misspelt_required_key_is_named_beside_the_missing_one() {
    // Without `kind` the record cannot be read as a whole; the typo is still pointed out.
    check_record("title = \"X\"\nknd = \"study-day\"\n")
        .code(1)
        .stdout(contains(
            "initiatives/x.toml:1:1: the required field `kind` is missing",
        ))
        .stdout(contains(
            "initiatives/x.toml:2:1: warning: unknown key \"knd\" (kept as it is)\n\
             2 | knd = \"study-day\"\n  | ^\n  = did you mean `kind`?\n",
        ));
}

#[test]
fn check_lists_every_mistake_of_the_settings_and_of_a_process_model() {
    let project = Project::new()
        .file("fortb.toml", "name = \"Skolan\"\nstaff = tjugo\nlang = sv\nbeneficary = \"eleverna\"\n")
        .file(
            "processes/kort.toml",
            "base = \"six-step\"\nname = \"kort\"\n\n[[step]]\nid = \"need\"\n\n[[step.question]]\nkey = \"x\"\ntype = text\ntext.en = \"X?\"\nmin = tre\n",
        );
    let output = project
        .run(&["--lang", "sv", "check"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let found: Vec<String> = String::from_utf8(output)
        .unwrap()
        .lines()
        .filter(|line| line.contains(".toml:"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "fortb.toml:2:9: staff: \"tjugo\" är inget heltal; skriv t.ex. staff = 6",
            "fortb.toml:3:8: lang: \"sv\" är text och ska stå inom citattecken; skriv t.ex. lang = \"sv\"",
            "fortb.toml:4:1: varning: okänd nyckel \"beneficary\" (behålls som den är)",
            "processes/kort.toml:9:8: step.question.type: \"text\" är text och ska stå inom citattecken; skriv t.ex. type = \"text\"",
            "processes/kort.toml:11:7: step.question.min: \"tre\" är inget tal; skriv t.ex. min = 10",
        ]
    );
    project.write("processes/kort.toml", "base = \"six-step\"\nname = \"kort\"\n\n[[step]]\nid = \"need\"\n\n[[step.question]]\nkee = \"x\"\ntype = \"text\"\ntext.en = \"X?\"\n");
    project
        .run(&["check"])
        .code(1)
        .stdout(contains("processes/kort.toml:8:1: unknown field `kee`; the fields here: key, type, text, help, options, min, field; did you mean `key`?"));
}

#[test]
fn check_reports_an_unknown_kind() {
    check_record("schema = 1\ntitle = \"X\"\nkind = \"party\"\n")
        .failure()
        .code(1)
        .stdout(
            finding("initiatives/x.toml", 3, 8)
                .and(contains("unknown kind \"party\""))
                .and(contains("book-circle")),
        );
}

#[test]
fn check_reports_a_bad_date() {
    check_record(&format!("{HEAD}start = \"2025-1-1\"\n"))
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 4, 9).and(contains("year-month-day")));
    check_record(&format!("{HEAD}start = 2025-13-01\n"))
        .failure()
        .code(1)
        .stdout(is_match(r"initiatives/x\.toml:4:\d+: ").unwrap());
    check_record(&format!("{HEAD}end = 14\n"))
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 4, 7));
}

#[test]
fn check_reports_an_end_before_the_start() {
    check_record(&format!("{HEAD}start = 2025-02-01\nend = 2025-01-31\n"))
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 5, 1).and(contains("before the start date")));
}

#[test]
fn check_reports_a_recall_score_out_of_range() {
    check_record(&format!(
        "{HEAD}\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-16\nself = 7\n"
    ))
    .failure()
    .code(1)
    .stdout(finding("initiatives/x.toml", 8, 8).and(contains("0–4")));
    check_record(&format!(
        "{HEAD}\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-16\nstaff = -1\n"
    ))
    .failure()
    .code(1)
    .stdout(finding("initiatives/x.toml", 8, 9));
}

#[test]
fn check_reports_an_unknown_step() {
    check_record(&format!("{HEAD}\n[steps.nope]\nfoo = \"x\"\n"))
        .failure()
        .code(1)
        .stdout(
            finding("initiatives/x.toml", 5, 1)
                .and(contains("no step \"nope\""))
                .and(contains(
                    "need, analysis, concept, production, delivery, follow-up",
                )),
        );
}

#[test]
fn check_knows_the_steps_of_the_record_s_own_process() {
    // `proposal` is a step of the tailored model only
    check_record(&format!(
        "{HEAD}process = \"tailored\"\n\n[steps.proposal]\ndone = 2025-01-01\n"
    ))
    .success();
    check_record(&format!("{HEAD}\n[steps.proposal]\ndone = 2025-01-01\n"))
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 5, 1));
}

#[test]
fn check_uses_the_project_s_own_process_models() {
    let project = Project::new()
        .file(
            "processes/kort.toml",
            "base = \"six-step\"\nskip = [\"production\"]\n",
        )
        .file(
            "initiatives/x.toml",
            &format!("{HEAD}process = \"kort\"\n\n[steps.need]\ndone = 2025-01-01\n"),
        );
    project.run(&["check"]).success();
    project.write(
        "initiatives/x.toml",
        format!("{HEAD}process = \"kort\"\n\n[steps.production]\ndone = 2025-01-01\n"),
    );
    project
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 6, 1).and(contains("no step \"production\"")));
}

#[test]
fn check_reports_a_broken_process_model() {
    Project::new()
        .file(
            "processes/kort.toml",
            "base = \"six-step\"\nskip = [\"production\"\n",
        )
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(is_match(r"processes/kort\.toml:\d+:\d+: ").unwrap());
}

#[test]
fn check_reports_an_unknown_process() {
    check_record(&format!("{HEAD}process = \"nope\"\n"))
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 4, 1).and(contains("\"nope\"")));
}

#[test]
fn check_reports_an_answer_of_the_wrong_type() {
    check_record(&format!(
        "{HEAD}\n[steps.analysis]\ntraining_enough = \"yes\"\n"
    ))
    .failure()
    .code(1)
    .stdout(
        finding("initiatives/x.toml", 6, 1)
            .and(contains("steps.analysis.training_enough: \"yes\" is neither true nor false; write e.g. training_enough = true")),
    );
    check_record(&format!(
        "{HEAD}\n[steps.analysis]\nreal_problem = \"x\"\nchallenges = \"only one\"\n"
    ))
    .failure()
    .code(1)
    .stdout(finding("initiatives/x.toml", 7, 1).and(contains(
        "steps.analysis.challenges: \"only one\" is not a list; write the items in square brackets, e.g. challenges = [\"only one\"]",
    )));
    check_record(&format!(
        "{HEAD}\n[steps.production]\nformat = \"by-pigeon\"\n"
    ))
    .failure()
    .code(1)
    .stdout(
        finding("initiatives/x.toml", 6, 1)
            .and(contains("\"by-pigeon\""))
            .and(contains("in-person, digital, blended")),
    );
}

#[test]
fn check_reports_git_conflict_markers() {
    check_record(
        "schema = 1\ntitle = \"X\"\n<<<<<<< HEAD\nkind = \"other\"\n=======\nkind = \"course\"\n>>>>>>> theirs\n",
    )
    .failure()
    .code(1)
    .stdout(
        finding("initiatives/x.toml", 3, 1)
            .and(contains("unresolved git merge conflict"))
            .and(contains("<<<<<<<")),
    );
}

#[test]
fn check_warns_about_an_unknown_key_but_passes() {
    check_record(&format!("{HEAD}colour = \"red\"\n"))
        .success()
        .stdout(
            finding("initiatives/x.toml", 4, 1)
                .and(contains("warning:"))
                .and(contains("unknown key \"colour\"")),
        )
        .stderr(contains("errors: 0 · warnings: 1"));
}

#[test]
fn check_warns_about_an_unknown_question_but_passes() {
    check_record(&format!("{HEAD}\n[steps.need]\nmy_note = \"x\"\n"))
        .success()
        .stdout(finding("initiatives/x.toml", 6, 1).and(contains("warning:")));
}

#[test]
fn check_reports_a_newer_schema() {
    check_record("schema = 2\ntitle = \"X\"\nkind = \"other\"\n")
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 1, 1).and(contains("schema 2")));
}

#[test]
fn check_reports_a_file_that_is_not_utf8() {
    let project = Project::new();
    project.write(
        "initiatives/x.toml",
        b"title = \"\xff\"\nkind = \"other\"\n",
    );
    project
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("initiatives/x.toml", 1, 10).and(contains("UTF-8")));
}

#[test]
fn check_reports_every_broken_record_not_just_the_first() {
    Project::new()
        .file("initiatives/a.toml", "title = \"A\"\nkind = \"party\"\n")
        .file(
            "initiatives/b.toml",
            "title = \"B\"\nkind = \"other\"\nstart = 1\n",
        )
        .file("initiatives/c.toml", HEAD)
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("initiatives/a.toml", 2, 8).and(finding("initiatives/b.toml", 3, 9)))
        .stderr(contains("records checked: 3 · errors: 2 · warnings: 0"));
}

#[test]
fn check_reports_a_broken_config() {
    let project = Project::new()
        .file("fortb.toml", "name = \"skolan\"\nbeneficiary = \n")
        .file("initiatives/x.toml", "title = \"X\"\nkind = \"party\"\n");
    project
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(is_match(r"(?m)fortb\.toml:2:\d+: ").unwrap())
        // the records are still checked
        .stdout(finding("initiatives/x.toml", 2, 8))
        .stderr(contains("records checked: 1"));
    // other commands refuse, naming the file
    project
        .run(&["list"])
        .failure()
        .code(1)
        .stderr(contains("fortb.toml:2:"));
}

/// A table given as a plain value (`organisation = 5`) is named as a table, in words, not by
/// the program's own name for it.
#[test]
fn a_value_where_a_table_belongs_is_named_a_table() {
    let project = Project::new().file("fortb.toml", "name = \"skolan\"\norganisation = 5\n");
    project
        .run(&["list"])
        .code(1)
        .stderr("fortb: fortb.toml:2:16: wrong kind of value: found integer 5, expected a table\n");
    project
        .run(&["--lang", "sv", "list"])
        .code(1)
        .stderr("fortb: fortb.toml:2:16: värdet är heltalet 5, men här ska det vara en tabell\n");
}

#[test]
fn check_reports_a_bad_language_in_the_config() {
    Project::new()
        .file("fortb.toml", "name = \"skolan\"\nlang = \"de\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("fortb.toml", 2, 8).and(contains("\"de\"")));
}

#[test]
fn check_warns_about_an_unknown_key_in_the_config() {
    Project::new()
        .file("fortb.toml", "name = \"skolan\"\ncolour = \"red\"\n")
        .run(&["check"])
        .success()
        .stdout(finding("fortb.toml", 2, 1).and(contains("warning:")));
}

#[test]
fn check_accepts_crlf_line_endings_and_a_byte_order_mark() {
    check_record("schema = 1\r\ntitle = \"X\"\r\nkind = \"party\"\r\n")
        .failure()
        .stdout(finding("initiatives/x.toml", 3, 8));
    check_record("\u{feff}schema = 1\ntitle = \"X\"\nkind = \"other\"\n").success();
}

#[test]
fn check_reports_a_missing_title_or_kind() {
    check_record("schema = 1\nkind = \"other\"\n")
        .failure()
        .code(1)
        .stdout(contains("initiatives/x.toml:1:1: ").and(contains("title")));
    check_record("schema = 1\ntitle = \"X\"\n")
        .failure()
        .code(1)
        .stdout(contains("initiatives/x.toml:1:1: ").and(contains("kind")));
}

#[test]
fn check_speaks_swedish_about_structural_problems_too() {
    // The TOML reader's own words ("missing field", "invalid type … expected a boolean") leak
    // through untranslated in a Swedish project.
    for text in [
        "schema = 1\nkind = \"other\"\n",
        "title = \"X\"\nkind = \"other\"\nwhole_staff = \"ja\"\n",
    ] {
        Project::new()
            .file("initiatives/x.toml", text)
            .run(&["--lang", "sv", "check"])
            .failure()
            .code(1)
            .stdout(
                contains("missing field")
                    .or(contains("invalid type"))
                    .or(contains("expected"))
                    .not(),
            );
    }
}

#[test]
fn check_with_a_relative_project_flag_prints_paths_under_it() {
    // as in docs/reliability.md: `fortb --project skola check` → `skola/initiatives/…`
    let parent = Project::empty().file("skola/fortb.toml", "name = \"skola\"\n");
    parent.write(
        "skola/initiatives/x.toml",
        "title = \"X\"\nkind = \"party\"\n",
    );
    parent
        .run(&["--project", "skola", "check"])
        .failure()
        .code(1)
        .stdout(is_match(r"(?m)^skola/initiatives/x\.toml:2:8: unknown kind").unwrap());
}

#[test]
fn check_prints_findings_on_stdout_and_the_summary_on_stderr() {
    check_record("title = \"X\"\nkind = \"party\"\n")
        .failure()
        .stdout(contains("checked").not())
        .stderr(
            contains("records checked: 1 · errors: 1 · warnings: 0").and(contains("party").not()),
        );
}

#[test]
fn check_prints_paths_relative_to_the_working_directory() {
    // `path:line:column: message`, like a compiler, so editors and CI can jump to it; the
    // temporary folder's absolute path must not appear.
    let project = Project::new().file("initiatives/x.toml", "title = \"X\"\nkind = \"party\"\n");
    project
        .run(&["check"])
        .failure()
        .stdout(is_match(r"(?m)^initiatives/x\.toml:2:8: unknown kind").unwrap())
        .stdout(contains(project.root().to_str().unwrap()).not());
}

#[test]
fn check_points_a_duplicate_recall_at_the_later_entry() {
    // The later entry is the one that counts and the one to look at; the warning must not
    // point at the first place the name happens to appear (here: the owner line).
    let text = "schema = 1\ntitle = \"X\"\nkind = \"other\"\nowner = \"Anna\"\n\n\
                [[recall]]\nby = \"Anna\"\ndate = 2025-01-01\nself = 2\n\n\
                [[recall]]\nby = \"Anna\"\ndate = 2025-01-01\nself = 3\n";
    check_record(text)
        .success()
        .stdout(contains("two ratings").and(is_match(r"x\.toml:1[12]:\d+: warning").unwrap()));
}

// ---------------------------------------------------------------------------------------------
// completions and man
// ---------------------------------------------------------------------------------------------

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = Project::empty()
            .cmd()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.len() > 500, "{shell}: {script}");
        assert!(script.contains("fortb"), "{shell}");
        for command in ["init", "new", "list", "show", "edit", "check"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    Project::empty()
        .cmd()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .code(2);
}

#[test]
fn completions_and_man_work_outside_a_project() {
    Project::empty().run(&["completions", "bash"]).success();
    Project::empty().run(&["man"]).success();
}

#[test]
fn man_prints_roff() {
    Project::empty().cmd().arg("man").assert().success().stdout(
        contains(".TH fortb 1")
            .and(contains(".SH"))
            .and(contains("check")),
    );
    Project::empty()
        .cmd()
        .args(["man", "list"])
        .assert()
        .success()
        .stdout(contains(".TH fortb-list"));
    Project::empty()
        .cmd()
        .args(["man", "nope"])
        .assert()
        .failure()
        .code(1)
        .stderr(contains("no command \"nope\""));
}

#[test]
fn version_and_help() {
    Project::empty()
        .cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("fortb {}\n", env!("CARGO_PKG_VERSION")));
    Project::empty()
        .cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Usage:").and(contains("check")));
    Project::empty().cmd().assert().failure().code(2);
}

#[test]
fn command_line_mistakes_get_a_line_and_the_usage_in_the_users_language() {
    let cases: [(&[&str], &str, &str); 12] = [
        (
            // A positive number too many is no negative number (it was called one).
            &["list", "2"],
            "fortb: '2' is not expected here\nUsage: fortb list [OPTIONS] · more with 'fortb list --help'\n",
            "fortb: '2' väntades inte här\nAnvändning: fortb list [FLAGGOR] · mer med 'fortb list --help'\n",
        ),
        (
            &["summary", "--since", "2025-01-01", "--since", "2025-02-01"],
            "fortb: '--since <DATE>' is given more than once\nUsage: fortb summary [OPTIONS] · more with 'fortb summary --help'\n",
            "fortb: '--since <DATUM>' anges mer än en gång\nAnvändning: fortb summary [FLAGGOR] · mer med 'fortb summary --help'\n",
        ),
        (
            &["summary", "--months", "99999999999"],
            "fortb: '99999999999' is not a valid value for '--months <N>': outside 1–1200\n",
            "fortb: '99999999999' är inget giltigt värde för '--months <N>': utanför 1–1200\n",
        ),
        (
            &["list", "extra"],
            "fortb: 'extra' is not expected here\nUsage: fortb list [OPTIONS] · more with 'fortb list --help'\n",
            "fortb: 'extra' väntades inte här\nAnvändning: fortb list [FLAGGOR] · mer med 'fortb list --help'\n",
        ),
        (
            &["indicator", "nosuch"],
            "fortb: 'nosuch' is not a command here; `fortb indicator --help` lists them\nUsage: fortb indicator [OPTIONS] <COMMAND> · more with 'fortb indicator --help'\n",
            "fortb: 'nosuch' är inget kommando här; `fortb indicator --help` visar alla\nAnvändning: fortb indicator [FLAGGOR] <KOMMANDO> · mer med 'fortb indicator --help'\n",
        ),
        (
            &["summary", "--bogus"],
            "fortb: '--bogus' is not an option here\nUsage: fortb summary [OPTIONS] · more with 'fortb summary --help'\n",
            "fortb: '--bogus' är ingen flagga här\nAnvändning: fortb summary [FLAGGOR] · mer med 'fortb summary --help'\n",
        ),
        (
            &["summary", "--format", "pdf"],
            "fortb: 'pdf' is not a valid value for '--format <FORMAT>'; choose one of: table, markdown, csv, json\n",
            "fortb: 'pdf' är inget giltigt värde för '--format <FORMAT>'; välj ett av: tabell, markdown, csv, json\n",
        ),
        (
            &["report", "--lessons-by", "år"],
            "fortb: 'år' is not a valid value for '--lessons-by <GROUP>'; choose one of: kind, theme\n",
            "fortb: 'år' är inget giltigt värde för '--lessons-by <GRUPP>'; välj ett av: typ, tema\n",
        ),
        (
            &["summary", "--months", "två"],
            "fortb: 'två' is not a valid value for '--months <N>': not a whole number\n",
            "fortb: 'två' är inget giltigt värde för '--months <N>': inget heltal\n",
        ),
        (
            &["sumary"],
            "fortb: 'sumary' is not a command here; `fortb --help` lists them (did you mean 'summary' or 'survey'?)\nUsage: fortb [OPTIONS] <COMMAND> · more with 'fortb --help'\n",
            "fortb: 'sumary' är inget kommando här; `fortb --help` visar alla (menade du 'summary' eller 'survey'?)\nAnvändning: fortb [FLAGGOR] <KOMMANDO> · mer med 'fortb --help'\n",
        ),
        (
            &["new"],
            "fortb: missing: <TITLE>\nUsage: fortb new <TITLE> · more with 'fortb new --help'\n",
            "fortb: du behöver ange <TITEL>\nAnvändning: fortb new <TITEL> · mer med 'fortb new --help'\n",
        ),
        (
            &["indicator", "add", "x", "--bogus"],
            "fortb: '--bogus' is not an option here\nUsage: fortb indicator add <ID> <NAME> · more with 'fortb indicator add --help'\n",
            "fortb: '--bogus' är ingen flagga här\nAnvändning: fortb indicator add <ID> <NAMN> · mer med 'fortb indicator add --help'\n",
        ),
    ];
    for (args, english, swedish) in cases {
        for (lang, expected) in [("en", english), ("sv", swedish)] {
            Project::empty()
                .cmd()
                .args(["--lang", lang])
                .args(args)
                .assert()
                .code(2)
                .stdout("")
                .stderr(expected.to_string());
        }
    }
}

#[test]
fn toml_syntax_errors_are_in_the_users_language() {
    let project = swedish_project();
    project.write("initiatives/a.toml", "title = \"Kurs\nkind = \"course\"\n");
    project.write(
        "initiatives/b.toml",
        "title = \"x\"\nkind = \"course\"\nstart = 2025-13-01\n",
    );
    project.write(
        "initiatives/c.toml",
        "title = \"x\"\ntitle = \"y\"\nkind = \"course\"\n",
    );
    let output = project.run(&["check"]).failure().get_output().clone();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "initiatives/a.toml:1:14: title: en text inom citattecken är inte avslutad eller innehåller ett otillåtet tecken; väntade `\"`",
        "initiatives/b.toml:3:9: start: \"2025-13-01\" är inget datum som finns; skriv år-månad-dag, t.ex. start = 2025-09-01",
        "initiatives/c.toml:2:1: title: nyckeln anges två gånger",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
    let english = project
        .run(&["--lang", "en", "check"])
        .failure()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&english.stdout)
        .contains("initiatives/b.toml:3:9: start: \"2025-13-01\" is not a date in the calendar; write it as year-month-day, e.g. start = 2025-09-01"));
}

#[test]
fn swedish_help_has_none_of_claps_english() {
    let english = [
        "Usage:",
        "Print",
        "possible values",
        "[default:",
        "[env:",
        "Commands:",
        "Options:",
    ];
    let mut pages: Vec<Vec<&str>> = vec![vec!["--help"], vec!["help"], vec!["help", "help"]];
    for command in ["summary", "recall", "step", "indicator", "survey", "init"] {
        pages.push(vec![command, "--help"]);
        pages.push(vec!["help", command]);
    }
    pages.push(vec!["indicator"]);
    pages.push(vec!["indicator", "help"]);
    pages.push(vec!["indicator", "help", "add"]);
    pages.push(vec!["survey", "import", "--help"]);
    for page in pages {
        let output = Project::empty()
            .cmd()
            .args(["--lang", "sv"])
            .args(&page)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(text.contains("Användning:"), "{page:?}:\n{text}");
        for phrase in english {
            assert!(!text.contains(phrase), "{page:?} says {phrase:?}:\n{text}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// language
// ---------------------------------------------------------------------------------------------

fn swedish_project() -> Project {
    Project::new().file("fortb.toml", "name = \"skolan\"\nlang = \"sv\"\n")
}

#[test]
fn lang_flag_gives_swedish_messages() {
    let project = Project::new();
    project
        .run(&["--lang", "sv", "list"])
        .success()
        .stderr(contains("Inga insatser ännu"));
    project
        .run(&["list", "--lang=sv"])
        .success()
        .stderr(contains("Inga insatser ännu"));
    project
        .run(&["--lang", "sv", "new", "Kurs", "--start", "igår"])
        .failure()
        .stderr(contains("är inget datum").and(contains("--start")));
    Project::empty()
        .cmd()
        .args(["--lang", "sv", "--help"])
        .assert()
        .success()
        .stdout(contains("Användning:"));
}

#[test]
fn lang_environment_gives_swedish_messages() {
    Project::empty()
        .env("LANG", "sv_SE.UTF-8")
        .run(&["list"])
        .failure()
        .stderr(contains("inget fortb-projekt").and(contains("fortb init")));
    Project::empty()
        .env("LC_MESSAGES", "sv_SE.UTF-8")
        .run(&["list"])
        .failure()
        .stderr(contains("inget fortb-projekt"));
}

#[test]
fn lc_all_overrides_lang() {
    Project::empty()
        .env("LANG", "sv_SE.UTF-8")
        .env("LC_ALL", "C")
        .run(&["list"])
        .failure()
        .stderr(contains("no fortb project"));
}

#[test]
fn the_project_language_gives_swedish_messages() {
    let project = swedish_project();
    project
        .run(&["list"])
        .success()
        .stderr(contains("Inga insatser ännu"));
    // also when found from a subfolder, and for the help
    swedish_project()
        .current_dir("sub")
        .run(&["--help"])
        .success()
        .stdout(contains("Användning:"));
    Project::example()
        .run(&["check"])
        .success()
        .stderr(contains("kontrollerade poster: 15"));
}

#[test]
fn the_project_language_beats_the_environment() {
    swedish_project()
        .env("LANG", "en_GB.UTF-8")
        .run(&["list"])
        .success()
        .stderr(contains("Inga insatser ännu"));
}

#[test]
fn lang_en_overrides_a_swedish_project() {
    swedish_project()
        .run(&["--lang", "en", "list"])
        .success()
        .stderr(contains("No initiatives yet"));
    Project::example()
        .run(&["check", "--lang", "en"])
        .success()
        .stderr(contains("records checked: 15"));
}

#[test]
fn the_project_language_is_found_through_the_project_flag() {
    let project = swedish_project();
    Project::empty()
        .run(&["--project", project.root().to_str().unwrap(), "list"])
        .success()
        .stderr(contains("Inga insatser ännu"));
}

#[test]
fn an_unknown_lang_value_is_refused() {
    Project::new()
        .run(&["--lang", "de", "list"])
        .failure()
        .code(2);
}

// ---------------------------------------------------------------------------------------------
// editing records in place keeps comments and unknown keys
// ---------------------------------------------------------------------------------------------

mod in_place {
    use super::*;
    use fortb::model::initiative::TOP_LEVEL_KEYS;
    use fortb::record::document::{self, set_value};
    use toml_edit::Value;

    const RECORD: &str = r#"# Bokcirkel hösten 2025 — own-line comment at the top
schema = 1
title = "Bokcirkel" # trailing comment on the title
kind = "book-circle"

# why the owner is who it is
owner = "Anna"   # acting principal
my_own_key = "kept" # the user's own field

[steps.need]
# an own-line comment inside a step
why = "Eleverna vet inte vart de ska" # trailing comment on an answer
custom = [1, 2, 3]
"#;

    fn write_record(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("x.toml");
        std::fs::write(&path, RECORD).unwrap();
        path
    }

    #[test]
    fn changing_a_value_keeps_comments_and_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_record(dir.path());
        document::update_record(&path, |doc, record| {
            assert_eq!(record.title, "Bokcirkel");
            set_value(
                doc.as_table_mut(),
                "title",
                Value::from("Läsecirkel"),
                TOP_LEVEL_KEYS,
            );
            set_value(
                doc.as_table_mut(),
                "owner",
                Value::from("Erik"),
                TOP_LEVEL_KEYS,
            );
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = RECORD
            .replace(r#"title = "Bokcirkel" #"#, r#"title = "Läsecirkel" #"#)
            .replace(r#"owner = "Anna"   #"#, r#"owner = "Erik"   #"#);
        assert_eq!(text, expected);
        let record = fortb::record::store::parse_record(&path, &text).unwrap();
        assert_eq!(record.title, "Läsecirkel");
        assert_eq!(record.owner.as_deref(), Some("Erik"));
    }

    #[test]
    fn changing_an_answer_keeps_the_step_s_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_record(dir.path());
        document::update_record(&path, |doc, _| {
            let step = doc["steps"]["need"].as_table_mut().unwrap();
            set_value(step, "why", document::text_value("Två rader\nav text"), &[]);
            set_value(
                step,
                "done",
                fortb::record::document::date_value(
                    fortb::model::date::Date::parse("2025-09-01").unwrap(),
                ),
                &[],
            );
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        for kept in [
            "# Bokcirkel hösten 2025 — own-line comment at the top\n",
            "# trailing comment on the title",
            "# why the owner is who it is\n",
            "my_own_key = \"kept\" # the user's own field\n",
            "# an own-line comment inside a step\n",
            "# trailing comment on an answer",
            "custom = [1, 2, 3]\n",
        ] {
            assert!(text.contains(kept), "lost {kept:?}:\n{text}");
        }
        let record = fortb::record::store::parse_record(&path, &text).unwrap();
        let need = &record.steps["need"];
        // multi-line text is stored as a block ending in a newline (see `text_value`)
        assert_eq!(need.answers["why"].as_str(), Some("Två rader\nav text\n"));
        assert_eq!(
            need.done.map(|d| d.to_string()).as_deref(),
            Some("2025-09-01")
        );
    }

    #[test]
    fn a_new_key_goes_in_documented_order_and_comments_stay() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_record(dir.path());
        document::update_record(&path, |doc, _| {
            let start = fortb::record::document::date_value(
                fortb::model::date::Date::parse("2025-09-01").unwrap(),
            );
            set_value(doc.as_table_mut(), "start", start, TOP_LEVEL_KEYS);
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find("start = 2025-09-01").expect(&text);
        assert!(text.find("kind = ").unwrap() < start, "{text}");
        assert!(start < text.find("owner = ").unwrap(), "{text}");
        assert!(
            text.contains("# why the owner is who it is\nowner = \"Anna\"   # acting principal\n"),
            "{text}"
        );
        assert!(text.contains("# trailing comment on the title"), "{text}");
        assert!(text.contains("my_own_key = \"kept\""), "{text}");
    }

    #[test]
    fn a_broken_record_is_not_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        let broken = "title = \"X\"\nkind = \"party\"\n";
        std::fs::write(&path, broken).unwrap();
        let result = document::update_record(&path, |doc, _| {
            set_value(
                doc.as_table_mut(),
                "owner",
                Value::from("Erik"),
                TOP_LEVEL_KEYS,
            );
            Ok(())
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn a_change_that_would_break_the_record_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_record(dir.path());
        let result = document::update_record(&path, |doc, _| {
            set_value(
                doc.as_table_mut(),
                "kind",
                Value::from("party"),
                TOP_LEVEL_KEYS,
            );
            Ok(())
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), RECORD);
    }
}
