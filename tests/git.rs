//! Working together through git, with real repositories: the merge driver, setup, auto-commit
//! and history.

mod common;

use std::path::Path;

use common::{git_ok, Project, RECORD};
use predicates::prelude::*;
use predicates::str::contains;

/// A project in a fresh repository, set up with `fortb init --git`, one record committed on
/// `main`; the merge driver is registered to run this build of fortb.
fn repository() -> Project {
    let project = Project::empty();
    project
        .run(&["init", "--git", "--name", "Skolan"])
        .success();
    let root = project.root();
    git_ok(root, &["checkout", "-q", "-b", "main"]);
    let fortb = common::fortb_command_line();
    git_ok(
        root,
        &[
            "config",
            "merge.fortb.driver",
            &format!("{fortb} merge-driver %O %A %B %P"),
        ],
    );
    project.write("initiatives/bokcirkel.toml", RECORD);
    git_ok(root, &["add", "-A"]);
    git_ok(root, &["commit", "-q", "-m", "start"]);
    project
}

/// Merges `branch` into the current branch: whether it merged cleanly (exit 0) or left
/// conflicts (exit 1), and what git and the merge driver said; any other failure panics.
fn merge_branch(root: &Path, branch: &str) -> (bool, String) {
    let output = common::git(root, &["merge", "-q", "--no-edit", branch]);
    let said = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    match output.status.code() {
        Some(0) => (true, said),
        Some(1) => (false, said),
        _ => panic!("git merge {branch} failed ({}): {said}", output.status),
    }
}

/// The lines from the first `<<<<<<<` up to its `>>>>>>>`.
fn between_markers(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|l| !l.starts_with("<<<<<<<"))
        .take_while(|l| !l.starts_with(">>>>>>>"))
        .collect()
}

/// Runs `change` on a branch `theirs` and `ours_change` on main, then merges theirs into main.
fn merge(project: &Project, theirs: &[&[&str]], ours: &[&[&str]]) -> (bool, String) {
    let root = project.root();
    git_ok(root, &["checkout", "-q", "-b", "theirs"]);
    for args in theirs {
        project.run(args).success();
    }
    git_ok(root, &["commit", "-q", "-am", "theirs"]);
    git_ok(root, &["checkout", "-q", "main"]);
    for args in ours {
        project.run(args).success();
    }
    git_ok(root, &["commit", "-q", "-am", "ours"]);
    let (clean, _) = merge_branch(root, "theirs");
    (clean, project.read("initiatives/bokcirkel.toml"))
}

/// Issue 28, point 15: `init --git` on a machine where git does not know who commits says how
/// to tell it, in the user's language, instead of git's English at the first commit.
#[test]
fn init_git_says_how_to_set_a_missing_identity() {
    for (lang, says) in [
        ("sv", "git config --global user.name \"Förnamn Efternamn\""),
        ("en", "git config --global user.name \"First Last\""),
    ] {
        let empty = tempfile::tempdir().unwrap();
        let global = empty.path().join("gitconfig");
        std::fs::write(&global, "").unwrap();
        let project = Project::empty();
        // No identity anywhere, and none guessed from the machine's name.
        let without = |command: &mut assert_cmd::Command| {
            command
                .env("GIT_CONFIG_GLOBAL", &global)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_COUNT", "1")
                .env("GIT_CONFIG_KEY_0", "user.useConfigOnly")
                .env("GIT_CONFIG_VALUE_0", "true")
                .env_remove("GIT_AUTHOR_NAME")
                .env_remove("GIT_AUTHOR_EMAIL")
                .env_remove("GIT_COMMITTER_NAME")
                .env_remove("GIT_COMMITTER_EMAIL")
                .env_remove("EMAIL");
        };
        let mut command = project.cmd();
        without(&mut command);
        command
            .args(["--lang", lang, "init", "--git", "--name", "Skolan"])
            .assert()
            .success()
            .stderr(predicates::str::contains(says).and(predicates::str::contains("user.email")));
        // With an identity, nothing is said about it.
        let project = Project::empty();
        let mut command = project.cmd();
        without(&mut command);
        command
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .args(["--lang", lang, "init", "--git", "--name", "Skolan"])
            .assert()
            .success()
            .stderr(predicates::str::contains("user.name").not());
    }
}

#[test]
fn init_sets_up_git_and_a_clone_with_git_setup() {
    let project = repository();
    assert!(project
        .read(".gitattributes")
        .contains("initiatives/*.toml merge=fortb"));
    assert!(project.read(".gitignore").contains("initiatives/.*.tmp"));
    // a clone does not carry .git/config: git-setup registers the driver there
    let clone = tempfile::tempdir().unwrap();
    let target = clone.path().join("klon");
    git_ok(
        clone.path(),
        &["clone", "-q", project.root().to_str().unwrap(), "klon"],
    );
    // `git config` of a setting that is not there ends with 1 and prints nothing
    let unset = common::git(&target, &["config", "merge.fortb.driver"]);
    assert_eq!(unset.status.code(), Some(1), "{unset:?}");
    assert!(unset.stdout.is_empty(), "{unset:?}");
    common::fortb()
        .current_dir(&target)
        .arg("git-setup")
        .assert()
        .success();
    assert!(git_ok(&target, &["config", "merge.fortb.driver"])
        .contains("fortb merge-driver %O %A %B %P"));
    // outside a repository git-setup says so
    Project::new()
        .run(&["git-setup"])
        .failure()
        .stderr(contains("not in a git repository"));
}

#[test]
fn recalls_added_on_two_branches_merge_cleanly() {
    let project = repository();
    let (clean, merged) = merge(
        &project,
        &[&[
            "recall",
            "bokcirkel",
            "--by",
            "Erik",
            "--self",
            "2",
            "--date",
            "2026-11-20",
        ]],
        &[&[
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--self",
            "4",
            "--date",
            "2026-11-20",
        ]],
    );
    assert!(clean, "{merged}");
    assert!(
        merged.contains("by = \"Anna\"") && merged.contains("by = \"Erik\""),
        "{merged}"
    );
    assert!(
        merged.contains("# own-line comment") && merged.contains("# trailing comment"),
        "{merged}"
    );
    project.run(&["check"]).success();
}

#[test]
fn answers_to_different_keys_merge_cleanly() {
    let project = repository();
    let (clean, merged) = merge(
        &project,
        &[&["step", "bokcirkel", "need", "--answer", "goal=Läsa mer"]],
        &[&[
            "step",
            "bokcirkel",
            "need",
            "--answer",
            "who_covered=Alla lärare",
        ]],
    );
    assert!(clean, "{merged}");
    assert!(
        merged.contains("goal = \"Läsa mer\"") && merged.contains("who_covered = \"Alla lärare\""),
        "{merged}"
    );
}

#[test]
fn the_same_key_changed_differently_conflicts_on_that_key_only() {
    let project = repository();
    let (clean, merged) = merge(
        &project,
        &[&["step", "bokcirkel", "need", "--answer", "why=Deras skäl"]],
        &[&[
            "step",
            "bokcirkel",
            "need",
            "--answer",
            "why=Våra skäl",
            "--answer",
            "goal=Läsa mer",
        ]],
    );
    assert!(!clean, "{merged}");
    assert!(
        merged.contains("<<<<<<<") && merged.contains(">>>>>>>"),
        "{merged}"
    );
    let inside = between_markers(&merged);
    assert!(
        inside.len() <= 4,
        "only the key is inside the markers: {inside:?}"
    );
    assert!(merged.contains("goal = \"Läsa mer\""), "{merged}");
    project.run(&["check"]).failure().stdout(
        contains("initiatives/bokcirkel.toml").and(contains("unresolved git merge conflict")),
    );
}

/// `fortb indicator measure` of the record's indicator.
fn measure<'a>(value: &'a str, date: &'a str) -> [&'a str; 7] {
    [
        "indicator",
        "measure",
        "bokcirkel",
        "Läsande",
        value,
        "--date",
        date,
    ]
}

/// The repository with an indicator on the record, committed on main, measured once.
fn measured_repository() -> Project {
    let project = repository();
    let add = [
        "indicator",
        "add",
        "bokcirkel",
        "Läsande elever",
        "--baseline",
        "30",
    ];
    project.run(&add).success();
    project.run(&measure("35", "2025-03-01")).success();
    git_ok(project.root(), &["commit", "-q", "-am", "indicator"]);
    project
}

#[test]
fn measurements_of_one_indicator_on_two_branches_merge_by_date() {
    let project = measured_repository();
    let (clean, merged) = merge(
        &project,
        &[&measure("48", "2025-09-01")],
        &[&measure("41", "2025-06-01")],
    );
    assert!(clean, "{merged}");
    assert!(
        merged.contains(
            "measurements = [\n  { date = 2025-03-01, value = 35 },\n  { date = 2025-06-01, value = 41 },\n  { date = 2025-09-01, value = 48 },\n]"
        ),
        "{merged}"
    );
    assert!(
        merged.contains("# own-line comment") && merged.contains("# trailing comment"),
        "{merged}"
    );
    project.run(&["check"]).success();
}

#[test]
fn one_date_measured_differently_on_two_branches_conflicts() {
    let project = measured_repository();
    let (clean, merged) = merge(
        &project,
        &[&measure("48", "2025-09-01")],
        &[&measure("47", "2025-09-01")],
    );
    assert!(!clean, "{merged}");
    // only the measurements line is between the markers; the rest of the indicator is not
    let inside = between_markers(&merged);
    assert!(inside.iter().any(|l| l.contains("value = 47")), "{merged}");
    assert!(inside.iter().all(|l| !l.contains("name =")), "{merged}");
    assert!(merged.contains("name = \"Läsande elever\""), "{merged}");
}

#[test]
fn an_unreadable_side_falls_back_to_a_line_merge_keeping_both() {
    let project = repository();
    let root = project.root();
    git_ok(root, &["checkout", "-q", "-b", "theirs"]);
    // Theirs added a comment saved as Latin-1 (an old editor): not UTF-8, so not a record.
    let mut latin1 = b"# V\xe5r bokcirkel\n".to_vec();
    latin1.extend_from_slice(RECORD.as_bytes());
    project.write("initiatives/bokcirkel.toml", &latin1);
    git_ok(root, &["commit", "-q", "-am", "theirs"]);
    git_ok(root, &["checkout", "-q", "main"]);
    project.write(
        "initiatives/bokcirkel.toml",
        RECORD.replace("my_key = \"kept\"", "my_key = \"changed\""),
    );
    git_ok(root, &["commit", "-q", "-am", "ours"]);
    let (clean, said) = merge_branch(root, "theirs");
    // fortb's driver ran, could not read theirs, and handed the file to git's line merge;
    // git's own merge, without the driver, would merge the same lines but say nothing.
    assert!(
        said.contains("could not read a side as a record; merged line by line instead"),
        "the merge driver did not run: {said}"
    );
    assert!(clean, "{said}");
    let merged = project.bytes("initiatives/bokcirkel.toml");
    let mut expected = b"# V\xe5r bokcirkel\n".to_vec();
    expected.extend_from_slice(RECORD.replace("\"kept\"", "\"changed\"").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&merged),
        String::from_utf8_lossy(&expected)
    );
}

#[test]
fn auto_commit_commits_only_its_own_file() {
    let project = repository();
    project.write("anteckning.txt", "annat arbete");
    git_ok(project.root(), &["add", "anteckning.txt"]);
    project
        .run(&[
            "--commit",
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--self",
            "3",
            "--date",
            "2026-11-20",
        ])
        .success()
        .stderr(contains("committed: recall: bokcirkel (Anna)"));
    let last = git_ok(project.root(), &["show", "--stat", "--format=%s", "HEAD"]);
    assert!(last.starts_with("recall: bokcirkel (Anna)"), "{last}");
    assert!(
        last.contains("initiatives/bokcirkel.toml") && !last.contains("anteckning.txt"),
        "{last}"
    );
    // what was staged before is still staged, not committed
    assert!(git_ok(project.root(), &["status", "--short"]).contains("A  anteckning.txt"));
    // the project setting does the same without the flag
    project.write(
        "fortb.toml",
        format!("{}\n[git]\ncommit = true\n", project.read("fortb.toml")),
    );
    git_ok(
        project.root(),
        &["commit", "-q", "-m", "settings", "--", "fortb.toml"],
    );
    project
        .run(&["new", "Studiedag", "--no-interview"])
        .success();
    let last = git_ok(project.root(), &["log", "-1", "--format=%s"]);
    assert_eq!(last.trim(), "new: studiedag");
}

#[test]
fn log_shows_a_records_history() {
    let project = repository();
    project
        .run(&[
            "--commit",
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--self",
            "3",
            "--date",
            "2026-11-20",
        ])
        .success();
    project
        .run(&["log", "bokcirkel"])
        .success()
        .stdout(contains("recall: bokcirkel (Anna)").and(contains("start")));
    project
        .run(&["log", "bok", "--patch"])
        .success()
        .stdout(contains("+by = \"Anna\""));
}

#[test]
fn log_shows_the_merges_of_a_record_too() {
    let project = repository();
    let (clean, _) = merge(
        &project,
        &[&["recall", "bokcirkel", "--by", "Anna", "--self", "3"]],
        &[&["recall", "bokcirkel", "--by", "Erik", "--self", "2"]],
    );
    assert!(clean);
    let log = project
        .run(&["log", "bokcirkel"])
        .success()
        .get_output()
        .clone();
    let log = String::from_utf8_lossy(&log.stdout);
    for subject in ["Merge branch 'theirs'", "theirs", "ours", "start"] {
        assert!(
            log.contains(&format!("    {subject}\n")),
            "{subject}:\n{log}"
        );
    }
    let patch = project
        .run(&["log", "bokcirkel", "--patch"])
        .success()
        .get_output()
        .clone();
    let patch = String::from_utf8_lossy(&patch.stdout);
    // the merge shows what it brought into main: Anna's entry
    let merge_part = patch.split("Merge branch 'theirs'").nth(1).unwrap();
    let merge_part = merge_part.split("\n    ours\n").next().unwrap();
    assert!(merge_part.contains("+by = \"Anna\""), "{patch}");
}
