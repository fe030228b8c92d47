//! An organiser set up with commands: `fortb init --organiser`, `fortb unit add|remove|list`,
//! each folder checked before anything is written, `--link` telling a unit its organiser.

mod common;

use common::Project;

/// A folder with two schools' projects and nothing else.
fn schools(lang: &str) -> Project {
    let project = Project::empty().env("FORTB_TODAY", "2026-01-15");
    for (folder, name) in [("skolor/ek", "Ekbacken"), ("skolor/sol", "Solbacken")] {
        project
            .run(&["init", folder, "--name", name, "--lang", lang])
            .success();
    }
    project
}

#[test]
fn an_organiser_set_up_with_commands_in_swedish() {
    let project = schools("sv");
    project
        .run(&[
            "init",
            "kommun",
            "--organiser",
            "--name",
            "Kommunen",
            "--lang",
            "sv",
        ])
        .success()
        .stderr("Skapade fortb-projektet Kommunen (kommun/fortb.toml). Nästa steg: cd kommun och sedan fortb enhet lägg-till ../skola (enheternas projektmappar)\n");
    let config = project.read("kommun/fortb.toml");
    assert!(config.ends_with("[organisation]\nunits = []\n"), "{config}");
    assert!(config.contains("# Huvudmannens projekt"), "{config}");
    let kommun = project.current_dir("kommun");
    // One folder is no project: nothing is written.
    kommun
        .run(&["unit", "add", "../skolor/ek", "../skolor/nej"])
        .code(1)
        .stderr("fortb: ingenting skrevs:\nfortb:   ../skolor/nej är inget fortb-projekt (det finns ingen fortb.toml)\n");
    assert_eq!(kommun.read("kommun/fortb.toml"), config);
    kommun.run(&["unit", "add", " "]).code(2).stderr(
        "fortb: ange enhetens projektmapp, sedd härifrån, t.ex. fortb enhet lägg-till ../skola\n",
    );
    kommun
        .run(&["enhet", "lägg-till", "../skolor/*", "--link"])
        .success()
        .stderr(
            "lade till enheten Ekbacken (../skolor/ek)\n\
             Ekbacken anger nu den här huvudmannen (../skolor/ek/fortb.toml)\n\
             lade till enheten Solbacken (../skolor/sol)\n\
             Solbacken anger nu den här huvudmannen (../skolor/sol/fortb.toml)\n",
        );
    assert!(kommun
        .read("kommun/fortb.toml")
        .ends_with("[organisation]\nunits = [\"../skolor/*\"]\n"));
    assert!(kommun
        .read("skolor/ek/fortb.toml")
        .contains("\n[organisation]\norganiser = \"../../kommun\"\n"));
    kommun
        .run(&["unit", "add", "../skolor/ek"])
        .success()
        .stderr("../skolor/ek är redan en av enheterna\n");
    // The commands in Swedish, as the Swedish messages write them, or in English.
    let list = kommun.stdout(&["enhet", "lista"]);
    assert!(list.starts_with("Enhet "), "{list}");
    assert_eq!(
        common::table_lines(&list),
        [
            vec!["Ekbacken", "../skolor/ek", "anger den här huvudmannen"],
            vec!["Solbacken", "../skolor/sol", "anger den här huvudmannen"],
        ]
    );
    kommun.run(&["check"]).success();

    // The unit's own list: its rows alone need no unit column; a shared one brings it.
    let unit_list = |project: &Project| {
        let out = project.output(&["--project", "../skolor/ek", "list"]);
        String::from_utf8(out.stdout).unwrap()
    };
    kommun
        .run(&[
            "--project",
            "../skolor/ek",
            "new",
            "Studiedag",
            "--start",
            "2026-01-10",
            "--no-interview",
        ])
        .success();
    let list = unit_list(&kommun);
    assert!(list.starts_with("Id ") && !list.contains("Enhet"), "{list}");
    let summary = kommun.stdout(&["--project", "../skolor/ek", "summary"]);
    assert!(!summary.contains("Enhet"), "{summary}");
    kommun
        .run(&[
            "new",
            "NPF-handledning",
            "--start",
            "2026-01-12",
            "--no-interview",
        ])
        .success();
    let record = kommun.read("kommun/initiatives/npf-handledning.toml");
    kommun.write(
        "kommun/initiatives/npf-handledning.toml",
        record.replace("process =", "units = [\"../skolor/ek\"]\nprocess ="),
    );
    kommun.run(&["check"]).success();
    let list = unit_list(&kommun);
    assert!(
        list.contains("Enhet") && list.contains("Kommunen (huvudman)"),
        "{list}"
    );

    // Removed without --link, a unit that names this organiser is said to go on doing so.
    let before = kommun.read("kommun/fortb.toml");
    kommun
        .run(&["unit", "remove", "../skolor/*"])
        .success()
        .stderr("tog bort enheten ../skolor/*\n\
                 Ekbacken anger fortfarande den här huvudmannen så dess tabeller visar huvudmannens insatser för den; fortb enhet ta-bort ../skolor/* --link tar bort det också\n\
                 Solbacken anger fortfarande den här huvudmannen så dess tabeller visar huvudmannens insatser för den; fortb enhet ta-bort ../skolor/* --link tar bort det också\n");
    kommun.write("kommun/fortb.toml", &before);
    kommun
        .run(&["enhet", "ta-bort", "../skolor/*", "--link"])
        .success()
        .stderr("tog bort enheten ../skolor/*\n");
    assert!(kommun
        .read("kommun/fortb.toml")
        .ends_with("[organisation]\nunits = []\n"));
    assert!(!kommun.read("skolor/ek/fortb.toml").contains("organiser"));
}

#[test]
fn an_organiser_set_up_with_commands_in_english() {
    let project = schools("en");
    project
        .run(&["init", "kommun", "--organiser", "--lang", "en"])
        .success()
        // An organiser's next step is its units, not an initiative.
        .stderr("Created the fortb project kommun (kommun/fortb.toml). Next: cd kommun, then fortb unit add ../skola (the units' project folders)\n");
    let kommun = project.current_dir("kommun");
    kommun
        .run(&["unit", "list"])
        .success()
        .stderr("No units yet. Add one with: fortb unit add ../skola\n");
    kommun
        .run(&["unit", "add", "."])
        .code(1)
        .stderr("fortb: nothing was written:\nfortb:   . is the organiser's own folder\n");
    // An empty folder (a variable that was not set) is asked for, not taken as a path.
    for command in ["add", "remove"] {
        kommun
            .run(&["unit", command, ""])
            .code(2)
            .stderr("fortb: give the unit's project folder, as seen from here, e.g. fortb unit add ../skola\n");
    }
    kommun
        .run(&["unit", "add", "../skolor/ek", "../skolor/sol"])
        .success();
    assert!(kommun
        .read("kommun/fortb.toml")
        .ends_with("units = [\n  \"../skolor/ek\",\n  \"../skolor/sol\",\n]\n"));
    // Not linked: the units do not name their organiser yet.
    assert!(kommun
        .stdout(&["unit", "list"])
        .contains("does not name this organiser (fortb unit add --link)"));
    kommun
        .run(&["unit", "remove", "../skolor/x"])
        .code(2)
        .stderr(
        "fortb: \"../skolor/x\" is not one of the units; they are: ../skolor/ek, ../skolor/sol\n",
    );
    let list = kommun.stdout(&["list", "--format", "json"]);
    assert!(list.contains("\"initiatives\""), "{list}");
    // A unit cannot have units of its own.
    kommun
        .run(&["unit", "add", "../skolor/ek", "--link"])
        .success();
    kommun
        .run(&["--project", "../skolor/ek", "unit", "list"])
        .code(1)
        .stderr("fortb: this project is a unit (its organiser is ../../kommun); add units in the organiser's project\n");
}

/// The example school names its organiser: beside it, the school's own list shows the
/// centre's initiative for it; copied alone (as most tests do), it reads as a project of its
/// own, without a warning about a missing organiser.
#[test]
fn the_example_school_names_its_organiser_and_copied_alone_still_reads() {
    let project = Project::examples().env("FORTB_TODAY", "2026-11-23");
    let list = project.stdout(&["--project", "skola", "list"]);
    assert!(
        list.contains("NPF-handledning för arbetslag") && list.contains("Ekdala kommun (huvudman)"),
        "{list}"
    );
    Project::example().run(&["list"]).success().stderr("");
}

/// A pattern that also matches the organiser's own folder (`../*` beside the schools) names
/// the schools only: the organiser is never one of its own units, in the list as in the add.
#[test]
fn a_pattern_beside_the_organiser_never_lists_the_organiser_as_a_unit() {
    let project = Project::empty().env("FORTB_TODAY", "2026-01-15");
    for (folder, name) in [("ek", "Ekbacken"), ("kommun", "Kommunen")] {
        project.run(&["init", folder, "--name", name]).success();
    }
    let kommun = project.current_dir("kommun");
    kommun
        .run(&["unit", "add", "../*"])
        .success()
        .stderr("added the unit Ekbacken (../ek)\n");
    let list = kommun.stdout(&["unit", "list"]);
    assert!(
        list.contains("Ekbacken") && !list.contains("Kommunen"),
        "{list}"
    );
    let summary = kommun.stdout(&["list", "--format", "json"]);
    assert!(!summary.contains("Kommunen"), "{summary}");
}

/// A pattern added beside a unit listed by name lists each folder once, and announces only
/// the units it adds.
#[test]
fn a_pattern_over_a_listed_unit_lists_each_folder_once() {
    let project = schools("en");
    project.run(&["init", "kommun", "--organiser"]).success();
    let kommun = project.current_dir("kommun");
    kommun.run(&["unit", "add", "../skolor/ek"]).success();
    kommun
        .run(&["unit", "add", "../skolor/*"])
        .success()
        .stderr("added the unit Solbacken (../skolor/sol)\n");
    let list = kommun.stdout(&["unit", "list"]);
    assert_eq!(list.matches("Ekbacken").count(), 1, "{list}");
    assert_eq!(list.matches("Solbacken").count(), 1, "{list}");
    // A folder named and matched in one call is announced once.
    kommun.write(
        "kommun/fortb.toml",
        "name = \"K\"\n[organisation]\nunits = []\n",
    );
    kommun
        .run(&["unit", "add", "../skolor/ek", "../skolor/*"])
        .success()
        .stderr(
            "added the unit Ekbacken (../skolor/ek)\nadded the unit Solbacken (../skolor/sol)\n",
        );
}

/// Two projects cannot be each other's unit: a folder that lists units of its own is refused
/// as a unit, with nothing written.
#[test]
fn an_organiser_with_units_of_its_own_is_not_taken_as_a_unit() {
    let project = schools("en").current_dir("skolor/sol");
    project
        .run(&["--project", "../ek", "unit", "add", "../sol"])
        .success();
    let before = project.read("skolor/sol/fortb.toml");
    project
        .run(&["unit", "add", "../ek"])
        .code(1)
        .stderr("fortb: nothing was written:\nfortb:   ../ek is an organiser itself, with units of its own ([organisation] units in its fortb.toml)\n");
    assert_eq!(project.read("skolor/sol/fortb.toml"), before);
    project
        .run(&["--lang", "sv", "unit", "add", "../ek"])
        .code(1)
        .stderr("fortb: ingenting skrevs:\nfortb:   ../ek är själv en huvudman med egna enheter ([organisation] units i dess fortb.toml)\n");
}

/// A path to a unit's `fortb.toml` names its project, as its folder does; another file is
/// refused with the advice to name the folder.
#[test]
fn a_unit_may_be_named_by_its_fortb_toml() {
    let project = schools("en");
    project
        .run(&["init", "kommun", "--organiser", "--name", "Kommunen"])
        .success();
    let kommun = project.current_dir("kommun");
    kommun.write("skolor/ek/plan.toml", "");
    let before = kommun.read("kommun/fortb.toml");
    for (lang, refused) in [
        ("en", "fortb: nothing was written:\nfortb:   ../skolor/ek/plan.toml is a file; name the unit's project folder, the one with its fortb.toml, e.g. fortb unit add ../skola\n"),
        ("sv", "fortb: ingenting skrevs:\nfortb:   ../skolor/ek/plan.toml är en fil; ange enhetens projektmapp, den som har dess fortb.toml, t.ex. fortb unit add ../skola\n"),
    ] {
        kommun
            .run(&["unit", "add", "../skolor/ek/plan.toml", "--lang", lang])
            .code(1)
            .stderr(refused);
    }
    assert_eq!(kommun.read("kommun/fortb.toml"), before);
    kommun
        .run(&["unit", "add", "../skolor/ek/fortb.toml", "--lang", "sv"])
        .success()
        .stderr("lade till enheten Ekbacken (../skolor/ek)\n");
    assert!(kommun
        .read("kommun/fortb.toml")
        .ends_with("units = [\"../skolor/ek\"]\n"));
    kommun
        .run(&["unit", "remove", "../skolor/ek/fortb.toml", "--lang", "en"])
        .success()
        .stderr("removed the unit ../skolor/ek\n");
}
