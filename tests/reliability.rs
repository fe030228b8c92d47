//! Nothing lost, every bad input explained: one test per guarantee of docs/reliability.md.

mod common;

use common::{fortb_process, with_record, Project, RECORD};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

#[test]
fn twelve_writers_at_once_all_keep_their_change() {
    let project = with_record();
    let children: Vec<_> = (0..12)
        .map(|n| {
            let mut command = fortb_process();
            command
                .current_dir(project.root())
                .args([
                    "recall",
                    "bokcirkel",
                    "--by",
                    &format!("Person {n}"),
                    "--self",
                    "3",
                    "--date",
                    "2026-11-20",
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let record = project.read("initiatives/bokcirkel.toml");
    for n in 0..12 {
        assert!(
            record.contains(&format!("by = \"Person {n}\"")),
            "Person {n} lost:\n{record}"
        );
    }
    assert!(record.contains("# own-line comment") && record.contains("# trailing comment"));
    assert!(record.contains("my_key = \"kept\""));
    project.run(&["check"]).success();
}

#[test]
fn a_step_and_a_recall_at_the_same_time_keep_both() {
    let project = with_record();
    let mut step = fortb_process();
    let step = step
        .current_dir(project.root())
        .args([
            "step",
            "bokcirkel",
            "need",
            "--answer",
            "who_wants=Rektor",
            "--done",
            "2025-01-02",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    project
        .run(&[
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--staff",
            "2",
            "--date",
            "2026-11-20",
        ])
        .success();
    assert!(step.wait_with_output().unwrap().status.success());
    let record = project.read("initiatives/bokcirkel.toml");
    assert!(
        record.contains("who_wants = \"Rektor\"") && record.contains("by = \"Anna\""),
        "{record}"
    );
}

#[test]
fn a_writer_killed_before_the_rename_leaves_the_record_intact() {
    let project = with_record();
    project
        .cmd()
        .env("FORTB_TEST_ABORT_BEFORE_RENAME", "1")
        .args([
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--self",
            "4",
            "--date",
            "2026-11-20",
        ])
        .assert()
        .failure();
    assert_eq!(project.read("initiatives/bokcirkel.toml"), RECORD);
    // the temporary file is there, and ignored by every command
    let leftovers: Vec<String> = project
        .ls("initiatives")
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    project
        .run(&["list", "--format", "json"])
        .success()
        .stdout(contains("\"id\": \"bokcirkel\"").count(1));
    project
        .run(&["check"])
        .success()
        .stdout(contains(".tmp").not());
    // the next write of the record removes it
    project
        .run(&[
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--self",
            "4",
            "--date",
            "2026-11-20",
        ])
        .success();
    assert!(project
        .ls("initiatives")
        .iter()
        .all(|n| !n.ends_with(".tmp")));
}

#[test]
fn check_fix_removes_leftover_temporary_files() {
    let project = with_record().file("initiatives/.bokcirkel.toml.123.0.tmp", "half a rec");
    project
        .run(&["check", "--fix"])
        .success()
        .stderr(contains("removed 1 leftover temporary file"));
    assert!(!project.exists("initiatives/.bokcirkel.toml.123.0.tmp"));
}

#[test]
fn writing_commands_refuse_a_broken_record_and_leave_it_alone() {
    let broken = "schema = 1\ntitle = \"X\"\nkind = \"party\"\n";
    let project = Project::new().file("initiatives/x.toml", broken);
    project
        .run(&["recall", "x", "--by", "A", "--self", "1"])
        .failure()
        .stderr(
            contains("will not change a broken record").and(contains("initiatives/x.toml:3:8")),
        );
    project
        .run(&["step", "x", "need", "--answer", "who_wants=A"])
        .failure()
        .stderr(contains("will not change a broken record"));
    assert_eq!(project.read("initiatives/x.toml"), broken);
}

#[test]
fn read_only_commands_skip_a_broken_record_and_strict_fails() {
    let project = with_record().file("initiatives/trasig.toml", "title = \"X\"\nkind = \n");
    for args in [
        &["list"][..],
        &["summary", "--until", "2026-11-23"],
        &["report", "--until", "2026-11-23"],
        &["status"],
    ] {
        project
            .run(args)
            .success()
            .stderr(contains("skipped initiatives/trasig.toml:2:"));
        let mut strict = vec!["--strict"];
        strict.extend_from_slice(args);
        project
            .run(&strict)
            .failure()
            .stderr(contains("initiatives/trasig.toml:2:"));
    }
}

#[test]
fn merge_conflict_markers_are_named_as_such() {
    let project = Project::new().file(
        "initiatives/x.toml",
        "schema = 1\ntitle = \"X\"\n<<<<<<< HEAD\nkind = \"book-circle\"\n=======\nkind = \"study-day\"\n>>>>>>> other\n",
    );
    project.run(&["check"]).failure().stdout(contains(
        "initiatives/x.toml:3:1: unresolved git merge conflict",
    ));
    project.write(
        "fortb.toml",
        "name = \"x\"\n<<<<<<< HEAD\nlang = \"sv\"\n=======\nlang = \"en\"\n>>>>>>> b\n",
    );
    project
        .run(&["list"])
        .failure()
        .stderr(contains("fortb.toml:2:1: unresolved git merge conflict"));
}

#[test]
fn a_record_from_a_newer_fortb_is_read_but_never_written() {
    let newer = "schema = 2\ntitle = \"Framtid\"\nkind = \"other\"\nstart = 2025-01-01\n";
    let project = Project::new().file("initiatives/framtid.toml", newer);
    project.run(&["list"]).success().stdout(contains("framtid"));
    project
        .run(&["recall", "framtid", "--by", "A", "--self", "1"])
        .failure()
        .stderr(contains("schema 2").and(contains("schema 1")));
    project
        .run(&["check"])
        .failure()
        .stdout(contains("schema 2 is newer"));
    project
        .run(&["migrate"])
        .failure()
        .stderr(contains("left alone"));
    assert_eq!(project.read("initiatives/framtid.toml"), newer);
}

#[test]
fn migrate_upgrades_old_records_keeping_comments() {
    let old = "# från förr\ntitle = \"Gammal\" # kvar\nkind = \"other\"\nstart = \"2024-05-01\"\n";
    let project = Project::new()
        .file("initiatives/gammal.toml", old)
        .file("initiatives/ny.toml", RECORD);
    let current = format!("{RECORD}uid = \"9b2f\"\n");
    project.write("initiatives/aktuell.toml", &current);
    project
        .run(&["migrate", "--dry-run"])
        .success()
        .stdout("initiatives/gammal.toml\ninitiatives/ny.toml\n");
    assert_eq!(project.read("initiatives/gammal.toml"), old);
    project
        .run(&["migrate"])
        .success()
        .stdout("initiatives/gammal.toml\ninitiatives/ny.toml\n")
        .stderr(contains(
            "upgraded (schema 1, a uid each): 2 · already current: 1 · left alone: 0",
        ));
    assert_eq!(
        project.read("initiatives/gammal.toml"),
        "schema = 1\n# från förr\ntitle = \"Gammal\" # kvar\nkind = \"other\"\nstart = 2024-05-01\nuid = \"gammal\"\n"
    );
    // A current record without a uid gets one, its id, and nothing else changes.
    assert_eq!(
        project.read("initiatives/ny.toml"),
        format!("{RECORD}uid = \"ny\"\n")
    );
    assert_eq!(project.read("initiatives/aktuell.toml"), current);
    project.run(&["migrate"]).success().stdout("");
}

#[test]
fn hostile_titles_stay_inside_initiatives() {
    let project = Project::new();
    for title in [
        "../../etc/passwd",
        "/absolut",
        "a\u{7}b\u{1b}[31mc",
        "..",
        ".",
    ] {
        let out = project.stdout(&["new", title, "--no-interview"]);
        assert!(out.starts_with("initiatives/"), "{title:?} → {out}");
        assert!(
            !out.trim().trim_start_matches("initiatives/").contains('/'),
            "{out}"
        );
    }
    let long = "lång ".repeat(1000);
    project
        .run(&["new", &long])
        .failure()
        .stderr(contains("characters long"));
    assert!(!project.exists("etc"));
}

#[test]
fn non_utf8_and_huge_files_get_one_line_errors() {
    let project = with_record();
    project.write(
        "initiatives/latin1.toml",
        b"title = \"Studiedag p\xe5 h\xf6sten\"\nkind = \"other\"\n".as_slice(),
    );
    project.run(&["check"]).failure().stdout(contains(
        "initiatives/latin1.toml:1:21: the file is not valid UTF-8 text",
    ));
    let huge = format!(
        "title = \"x\"\nkind = \"other\"\nnote = \"{}\"\n",
        "x".repeat(50 * 1024 * 1024)
    );
    project.write("initiatives/huge.toml", huge);
    project
        .run(&["show", "huge"])
        .failure()
        .stderr(is_match(r"^fortb: initiatives/huge\.toml:1:1: the file is 50\.0 MB; fortb reads files of at most 4\.0 MB\n$").unwrap());
    project
        .run(&["list"])
        .success()
        .stderr(contains("huge.toml"));
}

#[test]
fn check_names_every_missing_required_field_at_once() {
    let project = with_record();
    project.write("initiatives/tom.toml", "");
    project.write("initiatives/bara-titel.toml", "title = \"X\"\n");
    let output = project.run(&["check"]).failure().get_output().clone();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "initiatives/tom.toml:1:1: the required field `title` is missing",
        "initiatives/tom.toml:1:1: the required field `kind` is missing",
        "initiatives/bara-titel.toml:1:1: the required field `kind` is missing",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    assert!(!stdout.contains("bara-titel.toml:1:1: the required field `title`"));
}

#[test]
fn a_folder_named_like_a_record_is_reported_not_read() {
    let project = with_record();
    std::fs::create_dir_all(project.path("initiatives/mapp.toml")).unwrap();
    project.run(&["check"]).failure().stdout(contains(
        "initiatives/mapp.toml:1:1: this is a folder, not a file",
    ));
    project.run(&["summary"]).success().stderr(contains(
        "initiatives/mapp.toml:1:1: this is a folder, not a file",
    ));
    project
        .run(&["show", "mapp"])
        .failure()
        .stderr(contains("this is a folder, not a file"));
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    foreign_fortb,
    ignore = "a Unix symbolic link: Windows has none of that kind"
)]
fn a_symlink_pointing_outside_is_read_but_never_written_through() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("utanfor.toml");
    std::fs::write(&target, RECORD).unwrap();
    let project = Project::new();
    std::os::unix::fs::symlink(&target, project.path("initiatives/lank.toml")).unwrap();
    project
        .run(&["show", "lank"])
        .success()
        .stdout(contains("Bokcirkel"));
    project
        .run(&["recall", "lank", "--by", "A", "--self", "2"])
        .failure()
        .stderr(contains("symbolic link"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), RECORD);
}

#[test]
fn an_empty_project_and_a_missing_initiatives_folder() {
    let project = Project::new();
    project
        .run(&["list"])
        .success()
        .stdout("")
        .stderr(contains("No initiatives yet"));
    project
        .run(&["summary", "--until", "2026-11-23"])
        .success()
        .stderr(contains("No initiatives between"));
    std::fs::remove_dir(project.path("initiatives")).unwrap();
    project
        .run(&["list", "--format", "json"])
        .success()
        .stdout("{\n  \"format\": 1,\n  \"initiatives\": []\n}\n");
    project
        .run(&["new", "Studiedag", "--no-interview"])
        .success();
    assert!(project.exists("initiatives/studiedag.toml"));
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    foreign_fortb,
    ignore = "fortb.exe runs under wine as the tests' user, which in CI is root, whom no folder permission stops"
)]
fn a_read_only_initiatives_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::new();
    // Root ignores permissions: as root (CI), fortb runs as nobody.
    let Some((mut fortb, _copy)) = common::fortb_without_root(project.root()) else {
        return;
    };
    let dir = project.path("initiatives");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let output = fortb
        .args(["new", "Studiedag", "--no-interview"])
        .output()
        .unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert!(project.ls("initiatives").is_empty());
}

#[test]
fn a_panic_reaches_the_user_as_a_short_message() {
    Project::new()
        .cmd()
        .env("FORTB_TEST_PANIC", "1")
        .arg("list")
        .assert()
        .failure()
        .stderr(
            contains("internal error")
                .and(contains("This is a bug in fortb"))
                .and(contains("stack backtrace").not()),
        );
}

#[test]
fn crlf_records_keep_their_line_endings() {
    let crlf = RECORD.replace('\n', "\r\n");
    let project = Project::new().file("initiatives/bokcirkel.toml", &crlf);
    project
        .run(&[
            "recall",
            "bokcirkel",
            "--by",
            "A",
            "--self",
            "2",
            "--date",
            "2026-11-20",
        ])
        .success();
    let written = project.read("initiatives/bokcirkel.toml");
    assert!(written.starts_with(&crlf), "{written:?}");
    assert!(!written.replace("\r\n", "").contains('\n'), "{written:?}");
}

#[test]
fn a_date_in_the_projects_follow_up_is_explained() {
    let project = Project::new();
    project.write("fortb.toml", "name = \"x\"\nfollow_up = [30, 2025-01-01]\n");
    project.run(&["check"]).failure().stdout(contains(
        "fortb.toml:2:13: follow_up in fortb.toml takes days after an initiative's end",
    ));
}
