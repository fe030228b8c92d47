//! Calendars that update instead of duplicating: each event of `due --format ics` keeps its
//! UID when its initiative or its unit is renamed and when its date moves, and its SEQUENCE
//! rises with every change, whatever happened to the history. Read back with Python's
//! icalendar, as a calendar program would.

mod common;

use common::{commit, git, icalendar_python, read_calendar, set_written, toml_table, Project};
use predicates::prelude::*;
use serde_json::Value;

/// `due --format ics` over 900 days, as icalendar reads it: each event's UID with its start
/// and SEQUENCE, in the calendar's order.
fn events(python: &std::path::Path, project: &Project) -> Vec<(String, String, i64)> {
    let due = ["--lang", "sv", "due", "--format", "ics", "--within", "900"];
    let calendar = read_calendar(python, &project.stdout(&due));
    calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["uid"].as_str().unwrap().to_string(),
                e["start"].as_str().unwrap().to_string(),
                e["sequence"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn uids(events: &[(String, String, i64)]) -> Vec<String> {
    let mut uids: Vec<String> = events.iter().map(|e| e.0.clone()).collect();
    uids.sort();
    uids
}

/// Every event of `after` is one of `before`'s with a higher SEQUENCE.
fn all_raised(before: &[(String, String, i64)], after: &[(String, String, i64)]) {
    assert_eq!(uids(before), uids(after), "the same events");
    for (uid, start, sequence) in after {
        let old = before.iter().find(|e| &e.0 == uid).unwrap();
        assert!(
            *sequence > old.2,
            "{uid} ({start}): SEQUENCE {sequence}, was {}",
            old.2
        );
    }
}

fn in_git(project: Project) -> Project {
    assert!(git(project.root(), &["init", "-q"]).status.success());
    project
}

/// A git project with the record `laslyftet` (a course with a follow-up 30 days after its end
/// and one on a date), committed on 20 September 2026.
fn course_committed() -> Project {
    let project = in_git(
        Project::new()
            .env("FORTB_TODAY", "2026-10-15")
            .file("initiatives/laslyftet.toml", COURSE),
    );
    commit(&project, "2026-09-20T10:00:00Z");
    project
}

const COURSE: &str = "schema = 1\ntitle = \"Läslyftet, del 1\"\nkind = \"course\"\nstart = 2026-09-01\nend = 2026-10-01\nfollow_up = [30, 2027-02-01]\n";

#[test]
fn renaming_an_initiative_keeps_its_events_and_raises_their_sequence() {
    let Some(python) = icalendar_python() else {
        return;
    };
    let project = in_git(Project::new().env("FORTB_TODAY", "2026-10-15"));
    project
        .run(&[
            "new",
            "Läslyftet, del 1",
            "--kind",
            "course",
            "--start",
            "2026-09-01",
            "--end",
            "2026-10-01",
        ])
        .success();
    let uid = toml_table(&project.read("initiatives/laslyftet-del-1.toml"))["uid"]
        .as_str()
        .expect("new writes a uid")
        .to_string();
    commit(&project, "2026-09-20T10:00:00Z");
    let before = events(&python, &project);
    assert_eq!(before.len(), 3, "{before:?}");
    assert!(before.iter().all(|e| e.0.starts_with(&uid)), "{before:?}");

    project
        .run(&["rename", "laslyftet-del-1", "laslyftet-ht26"])
        .success();
    let renamed = toml_table(&project.read("initiatives/laslyftet-ht26.toml"));
    assert_eq!(
        renamed["uid"].as_str(),
        Some(uid.as_str()),
        "rename keeps it"
    );
    commit(&project, "2026-09-21T10:00:00Z");
    all_raised(&before, &events(&python, &project));
}

#[test]
fn a_record_without_uid_keeps_its_events_through_migrate_and_rename() {
    let Some(python) = icalendar_python() else {
        return;
    };
    let project = course_committed();
    let before = events(&python, &project);
    assert_eq!(
        uids(&before),
        ["laslyftet-follow-up-1@fortb", "laslyftet-follow-up-2@fortb"],
        "without a uid, the id"
    );
    project
        .run(&["check"])
        .success()
        .stderr(predicate::str::contains(
            "records without a uid: 1; `fortb migrate` gives each one",
        ));
    project.run(&["migrate"]).success();
    let record = project.read("initiatives/laslyftet.toml");
    assert!(
        record.contains("\nuid = \"laslyftet\"\n"),
        "migrate writes the id down: {record}"
    );
    project
        .run(&["check"])
        .success()
        .stderr(predicate::str::contains("without a uid").not());
    commit(&project, "2026-09-21T10:00:00Z");
    let migrated = events(&python, &project);
    all_raised(&before, &migrated);

    project
        .run(&["rename", "laslyftet", "laslyftet-ht26"])
        .success();
    commit(&project, "2026-09-22T10:00:00Z");
    all_raised(&migrated, &events(&python, &project));
}

#[test]
fn moving_a_dated_follow_up_moves_its_event() {
    let Some(python) = icalendar_python() else {
        return;
    };
    let project = course_committed();
    let before = events(&python, &project);
    let dated = |events: &[(String, String, i64)]| {
        events
            .iter()
            .find(|e| e.0 == "laslyftet-follow-up-2@fortb")
            .cloned()
            .unwrap()
    };
    assert_eq!(dated(&before).1, "2027-02-01");

    // Moved by hand, not yet committed: the file's time dates the change.
    project.write(
        "initiatives/laslyftet.toml",
        COURSE.replace("2027-02-01", "2027-02-15"),
    );
    set_written(
        &project,
        "initiatives/laslyftet.toml",
        "2026-10-01T12:00:00Z",
    );
    let edited = events(&python, &project);
    assert_eq!(dated(&edited).1, "2027-02-15");
    all_raised(&before, &edited);
    commit(&project, "2026-10-01T12:05:00Z");
    let committed = events(&python, &project);
    assert_eq!(dated(&committed).1, "2027-02-15");
    all_raised(&edited, &committed);
}

#[test]
fn rewritten_history_still_raises_the_sequence() {
    let Some(python) = icalendar_python() else {
        return;
    };
    let project = course_committed();
    for (day, date) in [("21", "2027-02-08"), ("22", "2027-02-15")] {
        project.write(
            "initiatives/laslyftet.toml",
            COURSE.replace("2027-02-01", date),
        );
        commit(&project, &format!("2026-09-{day}T10:00:00Z"));
    }
    let before = events(&python, &project);
    // The three commits squashed into one, then the date moved again.
    let root = git(project.root(), &["rev-list", "--max-parents=0", "HEAD"]);
    let root = String::from_utf8_lossy(&root.stdout).trim().to_string();
    assert!(git(project.root(), &["reset", "-q", "--soft", &root])
        .status
        .success());
    commit_amended(&project, "2026-09-23T10:00:00Z");
    project.write(
        "initiatives/laslyftet.toml",
        COURSE.replace("2027-02-01", "2027-03-01"),
    );
    commit(&project, "2026-09-24T10:00:00Z");
    let log = git(project.root(), &["rev-list", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).trim(), "2");
    let after = events(&python, &project);
    let moved = after.iter().find(|e| e.1 == "2027-03-01").unwrap();
    assert_eq!(moved.0, "laslyftet-follow-up-2@fortb");
    all_raised(&before, &after);
}

/// Folds the staged changes into the last commit, dated `when` (a squash).
fn commit_amended(project: &Project, when: &str) {
    let status = std::process::Command::new("git")
        .args(["commit", "-q", "--amend", "-m", "allt i ett"])
        .current_dir(project.root())
        .env("GIT_AUTHOR_NAME", "Anna")
        .env("GIT_AUTHOR_EMAIL", "anna@example.org")
        .env("GIT_COMMITTER_NAME", "Anna")
        .env("GIT_COMMITTER_EMAIL", "anna@example.org")
        .env("GIT_COMMITTER_DATE", when)
        .status()
        .expect("git runs");
    assert!(status.success());
}

/// An organiser and two schools, each with an initiative of the same id.
fn organisation() -> Project {
    let record = "title = \"Plan\"\nkind = \"other\"\nstart = 2026-09-01\nend = 2026-10-01\n";
    in_git(
        Project::empty()
            .env("FORTB_TODAY", "2026-10-15")
            .file(
                "kommunen/fortb.toml",
                "name = \"Kommunen\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
            )
            .file("skolor/ekbacken/fortb.toml", "name = \"Ekbacken\"\n")
            .file("skolor/ekbacken/initiatives/plan.toml", record)
            .file("skolor/solbacka/fortb.toml", "name = \"Solbacka\"\n")
            .file("skolor/solbacka/initiatives/plan.toml", record)
            .current_dir("kommunen"),
    )
}

#[test]
fn renaming_a_unit_keeps_its_events() {
    let Some(python) = icalendar_python() else {
        return;
    };
    let project = organisation();
    commit(&project, "2026-09-20T10:00:00Z");
    let before = events(&python, &project);
    assert_eq!(
        before.len(),
        6,
        "three follow-ups in each school: {before:?}"
    );
    assert!(
        uids(&before).contains(&"../skolor/ekbacken/plan-follow-up-1@fortb".to_string()),
        "{before:?}"
    );
    project.write(
        "skolor/ekbacken/fortb.toml",
        "name = \"Ekbackens skola F–6\"\n",
    );
    commit(&project, "2026-09-21T10:00:00Z");
    let after = events(&python, &project);
    assert_eq!(uids(&before), uids(&after));
    for (uid, _, sequence) in &after {
        let old = before.iter().find(|e| &e.0 == uid).unwrap().2;
        if uid.contains("ekbacken") {
            assert!(*sequence > old, "{uid}: its school's settings changed");
        } else {
            assert_eq!(*sequence, old, "{uid}: nothing of it changed");
        }
    }
    let json: Value = serde_json::from_str(&project.stdout(&["due", "--format", "json"])).unwrap();
    assert!(json["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|item| item["unit"] == "Ekbackens skola F–6"));
}

#[test]
fn check_warns_about_two_records_with_one_uid() {
    let copy = |title: &str| {
        format!("schema = 1\ntitle = \"{title}\"\nkind = \"other\"\nuid = \"3f6c1a9e\"\n")
    };
    let project = Project::new()
        .file("initiatives/a.toml", &copy("A"))
        .file("initiatives/b.toml", &copy("B (kopia)"));
    let b = std::path::Path::new("initiatives")
        .join("b.toml")
        .display()
        .to_string()
        .replace('\\', "/");
    project
        .run(&["check"])
        .success()
        .stdout(predicate::str::contains(format!(
            "{b}:4:1: warning: uid \"3f6c1a9e\" is also the uid of initiatives/a.toml: the two would share their events in a calendar"
        )))
        .stdout(predicate::str::contains("delete this record's `uid` line"))
        .stderr(predicate::str::contains("warnings: 1"));
    project
        .run(&["--lang", "sv", "check"])
        .success()
        .stdout(predicate::str::contains(
            "uid \"3f6c1a9e\" är också uid för initiatives/a.toml",
        ));
}
