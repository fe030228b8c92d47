//! Trust at the edges (issue 14): no data lost in a write, no hostile text reaching a terminal
//! or a spreadsheet, no hang on a file that is not what it seems. One test per case found, each
//! failing before its fix; the property tests for each class are in `tests/trust_properties.rs`.

mod common;

use std::time::Duration;

use common::{with_record, Project, RECORD};
use predicates::prelude::*;
use predicates::str::contains;

/// Runs `fortb ARGS`, failing the test instead of hanging when fortb waits on something.
fn run_bounded(project: &Project, args: &[&str]) -> assert_cmd::assert::Assert {
    project
        .cmd()
        .args(args)
        .timeout(Duration::from_secs(20))
        .assert()
}

// ---- 3. A write never makes a record that readers refuse ----

#[test]
fn a_write_that_would_make_the_record_unreadable_is_refused_before_writing() {
    let project = with_record();
    // Just under the 4 MB readers accept, padded with a comment.
    let padding = format!("# {}\n", "x".repeat(4 * 1024 * 1024 - RECORD.len() - 200));
    let record = format!("{RECORD}{padding}");
    project.write("initiatives/bokcirkel.toml", &record);
    project.run(&["show", "bokcirkel"]).success();
    let note = "en lång anteckning ".repeat(30);
    project
        .run(&[
            "recall",
            "bokcirkel",
            "--by",
            "Anna",
            "--self",
            "3",
            "--note",
            &note,
        ])
        .failure()
        .stderr(contains("nothing was written").and(contains("at most 4.0 MB")));
    assert_eq!(project.read("initiatives/bokcirkel.toml"), record);
    project.run(&["show", "bokcirkel"]).success();
}

// ---- 5. A write keeps the record's file mode and refuses a read-only record ----

#[cfg(unix)]
#[test]
#[cfg_attr(
    foreign_fortb,
    ignore = "Unix permission bits: Windows files have none"
)]
fn a_write_keeps_the_records_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let project = with_record();
    let path = project.path("initiatives/bokcirkel.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    project
        .run(&["recall", "bokcirkel", "--by", "Anna", "--self", "3"])
        .success();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode was reset to {mode:o}");
    assert!(project.read("initiatives/bokcirkel.toml").contains("Anna"));
}

#[test]
fn a_read_only_record_is_refused_and_left_alone() {
    let project = with_record();
    let path = project.path("initiatives/bokcirkel.toml");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    project
        .run(&["recall", "bokcirkel", "--by", "Anna", "--self", "3"])
        .failure()
        .stderr(contains("bokcirkel.toml is read-only"));
    project
        .cmd()
        .args([
            "--lang",
            "sv",
            "step",
            "bokcirkel",
            "delivery",
            "--answer",
            "sessions=2",
        ])
        .assert()
        .failure()
        .stderr(contains("är skrivskyddad"));
    assert_eq!(project.read("initiatives/bokcirkel.toml"), RECORD);
}

// ---- 6. One writer's clean-up never removes another's temporary file ----

#[test]
fn new_with_a_title_being_written_never_fails() {
    let project = with_record();
    let mut failures = Vec::new();
    for round in 0..40 {
        let spawn = |args: &[&str]| {
            project
                .cmd()
                .args(args)
                .env("FORTB_TODAY", "2026-11-20")
                .timeout(Duration::from_secs(30))
                .output()
        };
        let by = format!("Person {round}");
        let (new, recall) = std::thread::scope(|scope| {
            let new = scope.spawn(|| spawn(&["new", "Bokcirkel", "--no-interview"]));
            let recall =
                scope.spawn(|| spawn(&["recall", "bokcirkel", "--by", &by, "--self", "2"]));
            (
                new.join().unwrap().unwrap(),
                recall.join().unwrap().unwrap(),
            )
        });
        for output in [new, recall] {
            if !output.status.success() {
                failures.push(String::from_utf8_lossy(&output.stderr).into_owned());
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(project.records().len(), 41);
}

// ---- 7. A failed write to stdout is an error ----

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok();
    let Some(full) = common::needs(full, "this system has no /dev/full") else {
        return;
    };
    let project = with_record();
    let output = common::fortb_process()
        .current_dir(project.root())
        .args(["list", "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "fortb: could not write the output: the disk is full\n"
    );
}

// ---- 8. `--out` onto something that is not a regular file ----

#[cfg(unix)]
#[test]
#[cfg_attr(foreign_fortb, ignore = "a link to a Unix device: Windows has none")]
fn report_out_onto_a_device_writes_into_it_and_keeps_it() {
    let project = with_record();
    std::os::unix::fs::symlink("/dev/null", project.path("rapport.html")).unwrap();
    project
        .run(&["report", "--format", "html", "--out", "rapport.html"])
        .success();
    let link = std::fs::symlink_metadata(project.path("rapport.html")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    project.run(&["report", "--out", "/dev/null"]).success();
    use std::os::unix::fs::FileTypeExt;
    let null = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(null.is_char_device());
}

#[cfg(unix)]
#[test]
#[cfg_attr(foreign_fortb, ignore = "a Unix named pipe: Windows has none")]
fn report_out_onto_a_named_pipe_writes_into_the_pipe() {
    let project = with_record().env("FORTB_TODAY", "2026-11-23");
    let fifo = project.path("rapport.md");
    make_fifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    run_bounded(&project, &["report", "--out", "rapport.md"]).success();
    assert!(reader.join().unwrap().contains("Bokcirkel"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

// ---- 13. Only regular files are read ----

#[cfg(unix)]
fn make_fifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    foreign_fortb,
    ignore = "a Unix named pipe and a link to a Unix device: Windows has neither"
)]
fn a_named_pipe_or_a_link_to_a_device_among_the_records_is_skipped_not_waited_on() {
    let project = with_record();
    make_fifo(&project.path("initiatives/pipe.toml"));
    std::os::unix::fs::symlink("/dev/stdin", project.path("initiatives/stdin.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", project.path("initiatives/zero.toml")).unwrap();
    for args in [
        &["list"][..],
        &["summary", "--until", "2026-11-23"],
        &["status"],
        &["due"],
    ] {
        run_bounded(&project, args)
            .success()
            .stderr(contains("pipe.toml:1:1: this is not a regular file"))
            .stderr(contains("stdin.toml:1:1: this is not a regular file"))
            .stderr(contains("zero.toml:1:1: this is not a regular file"));
    }
    run_bounded(&project, &["check"])
        .failure()
        .stdout(contains("pipe.toml:1:1: this is not a regular file"));
    run_bounded(&project, &["show", "pipe"])
        .failure()
        .stderr(contains("pipe.toml:1:1: this is not a regular file"));
}

#[cfg(unix)]
#[test]
#[cfg_attr(foreign_fortb, ignore = "a Unix named pipe: Windows has none")]
fn a_named_pipe_as_settings_or_process_model_is_an_error_not_a_hang() {
    let project = with_record();
    make_fifo(&project.path("processes/egen.toml"));
    run_bounded(&project, &["check"])
        .failure()
        .stdout(contains("egen.toml:1:1: this is not a regular file"));
    std::fs::remove_file(project.path("fortb.toml")).unwrap();
    make_fifo(&project.path("fortb.toml"));
    run_bounded(&project, &["list"])
        .failure()
        .stderr(contains("fortb.toml:1:1: this is not a regular file"));
}

// ---- 14. A lock file is never followed through a link ----

#[cfg(unix)]
#[test]
#[cfg_attr(
    foreign_fortb,
    ignore = "a Unix symbolic link: Windows has none of that kind"
)]
fn a_lock_file_that_is_a_link_is_never_followed() {
    let project = with_record();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("created-by-fortb");
    std::os::unix::fs::symlink(&target, project.path("initiatives/.bokcirkel.toml.lock")).unwrap();
    project
        .run(&["recall", "bokcirkel", "--by", "Anna", "--self", "3"])
        .failure()
        .stderr(contains(".bokcirkel.toml.lock is a symbolic link"));
    assert!(!target.exists(), "the lock followed the link");
    assert_eq!(project.read("initiatives/bokcirkel.toml"), RECORD);
}

// ---- 12. Conflict markers only where git writes them ----

#[test]
fn a_markdown_heading_in_an_answer_is_not_a_conflict_marker() {
    let project = with_record();
    let answer = "why=Results\n=======\nThe pupils read more.\n<<<<<<< pasted\nstill text";
    project
        .run(&["step", "bokcirkel", "need", "--answer", answer])
        .success();
    project.run(&["check"]).success();
    let shown = project.stdout(&["show", "bokcirkel"]);
    assert!(
        shown.contains("=======") && shown.contains("<<<<<<< pasted"),
        "{shown}"
    );
    let record = project.read("initiatives/bokcirkel.toml");
    assert!(!record.contains("\n<<<<<<<"), "{record}");
}

#[test]
fn a_name_with_a_line_like_a_conflict_marker_is_written_on_one_line() {
    // Both were refused ("could not read … back (unresolved git merge conflict)"): written
    // over two lines, the second started like a marker.
    let project = with_record();
    project
        .run(&[
            "recall",
            "bokcirkel",
            "--by=\"Anna\"\n<<<<<<< HEAD",
            "--self",
            "2",
            "--date",
            "2026-11-20",
        ])
        .success();
    project
        .run(&[
            "indicator",
            "add",
            "bokcirkel",
            "--",
            "Läsning'\n>>>>>>> main",
        ])
        .success();
    let record = project.read("initiatives/bokcirkel.toml");
    assert!(
        record.contains("by = \"\\\"Anna\\\"\\n<<<<<<< HEAD\"\n"),
        "{record}"
    );
    assert!(
        record.contains("name = \"Läsning'\\n>>>>>>> main\"\n"),
        "{record}"
    );
    project.run(&["check"]).success();
}

// ---- 10. No formula reaches a spreadsheet ----

#[test]
fn a_title_that_is_a_formula_stays_text_in_every_csv() {
    let project = Project::new().file(
        "initiatives/farlig.toml",
        "schema = 1\ntitle = \"=HYPERLINK(\\\"http://example.com\\\";\\\"Öppna\\\")\"\nkind = \"book-circle\"\nstart = 2025-01-15\n",
    );
    let csv = project.stdout(&["summary", "--until", "2026-11-23", "--format", "csv"]);
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"http://example.com\"\";\"\"Öppna\"\")\","),
        "{csv}"
    );
    assert!(!csv.contains(",=") && !csv.contains(";="), "{csv}");
}

// ---- 9. Nothing from a record acts on the terminal ----

/// Characters that act on a terminal: escape (OSC 52 writes the clipboard), bell, carriage
/// return, a C1 control and a right-to-left override.
const RAW: [char; 5] = ['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}'];

fn assert_harmless(args: &[&str], output: &std::process::Output) {
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(RAW),
            "fortb {args:?} let a control character through on {stream}:\n{text:?}"
        );
    }
}

#[test]
fn control_characters_from_records_are_shown_escaped_everywhere() {
    let hostile = "Bok\\u001b]52;c;ZWNobyBwd25k\\u0007\\u001b[2J\\r\\u009b\\u202Ecirkel";
    let record = format!(
        "schema = 1\ntitle = \"{hostile}\"\nkind = \"book-circle\"\nowner = \"{hostile}\"\nstart = 2025-01-15\nend = 2025-02-15\n\n[steps.need]\nwhy = \"{hostile}\"\n\n[[recall]]\nby = \"{hostile}\"\ndate = 2025-03-01\nself = 3\nnote = \"{hostile}\"\n\n[[indicator]]\nname = \"{hostile}\"\nlevel = \"results\"\n"
    );
    let project = Project::new()
        .file("initiatives/bok.toml", &record)
        .file(
            "initiatives/trasig.toml",
            "schema = 1\ntitle = \"x\u{1b}[2J\" = \u{202e}\n",
        )
        .env("FORTB_TODAY", "2025-06-01");
    for args in [
        &["list"][..],
        &["show", "bok"],
        &["summary", "--since", "2025-01-01", "--until", "2025-12-31"],
        &["status"],
        &["status", "bok"],
        &["due", "--within", "400"],
        &["indicator", "list"],
        &["check"],
        &[
            "recall",
            "bok",
            "--by",
            "Anna\u{1b}[31m",
            "--self",
            "2",
            "--note",
            "ok\u{7}",
        ],
        &[
            "step",
            "bok",
            "need",
            "--answer",
            "goal=mål\u{1b}]0;titel\u{7}",
        ],
        &["show", "bok"],
        &["show", "nope\u{1b}[2J"],
    ] {
        let output = project.cmd().args(args).output().unwrap();
        assert_harmless(args, &output);
    }
    let shown = project.stdout(&["show", "bok"]);
    assert!(
        shown.contains("Bok\\u{1b}]52;c;ZWNobyBwd25k\\u{7}"),
        "{shown}"
    );
    assert!(shown.contains("\\u{202e}cirkel"), "{shown}");
    // What is stored is not changed.
    let json = project.stdout(&["show", "bok", "--format", "json"]);
    assert!(json.contains("\\u001b]52;c;ZWNobyBwd25k\\u0007"), "{json}");
    assert!(project
        .read("initiatives/bok.toml")
        .contains("Anna\\u001B[31m"));
}

// ---- 2 and 3. The merge driver never commits a lost record, and never reads a huge one ----

const RECALL: &str = "\n[[recall]]\nby = \"Erik\"\ndate = 2026-11-18\nself = 3\n";

/// Runs the merge driver on three versions; returns its exit code and the merged text.
fn merge_driver(base: &str, ours: &str, theirs: &str) -> (Option<i32>, String, String) {
    let project = Project::empty()
        .file("base.toml", base)
        .file("ours.toml", ours)
        .file("theirs.toml", theirs);
    let output = project
        .cmd()
        .args([
            "merge-driver",
            "base.toml",
            "ours.toml",
            "theirs.toml",
            "initiatives/bok.toml",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        output.status.code(),
        project.read("ours.toml"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_emptied_side_is_a_conflict_that_keeps_both_sides_whole() {
    let theirs = format!("{RECORD}{RECALL}");
    for (ours, theirs) in [("", theirs.as_str()), (theirs.as_str(), "")] {
        let (code, merged, stderr) = merge_driver(RECORD, ours, theirs);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(merged.contains(&theirs_or(ours, theirs)), "{merged}");
        assert!(stderr.contains("both versions are kept"), "{stderr}");
    }
}

fn theirs_or<'a>(ours: &'a str, theirs: &'a str) -> String {
    if ours.is_empty() { theirs } else { ours }.to_string()
}

#[test]
fn a_side_cut_off_mid_file_never_merges_clean_into_a_broken_record() {
    // the fallback is git's line merge
    if !common::git_or_skip() {
        return;
    }
    let base = format!("{RECORD}extra = 1\nother = \"långt svar\"\n");
    // Ours cut off in its last line (an editor crash); theirs changed the title, far enough
    // away that git's line merge alone would call it clean.
    let ours = &base[..base.find("långt").unwrap()];
    let theirs = base.replace("title = \"Bokcirkel\"", "title = \"Bokcirkel VT\"");
    let (code, merged, stderr) = merge_driver(&base, ours, &theirs);
    assert_eq!(code, Some(1), "{stderr}\n{merged}");
    assert!(stderr.contains("both versions are kept"), "{stderr}");
    assert!(
        merged.contains(ours) && merged.contains(&theirs),
        "{merged}"
    );
}

#[test]
fn a_huge_input_goes_to_the_line_merge_without_being_read() {
    // the fallback is git's line merge
    if !common::git_or_skip() {
        return;
    }
    let huge = format!("{RECORD}# {}\n", "x".repeat(5 * 1024 * 1024));
    let started = std::time::Instant::now();
    let (code, merged, stderr) = merge_driver(RECORD, &huge, &format!("{RECORD}{RECALL}"));
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(stderr.contains("merged line by line"), "{stderr}");
    assert!(code.is_some());
    assert!(merged.contains("by = \"Erik\""));
}

// ---- 15 and 16. Numbers and words at the edges ----

#[test]
fn every_number_on_the_command_line_has_a_range_and_a_clear_error() {
    let project = with_record();
    for (args, message) in [
        (
            &["due", "--within", "100000000"][..],
            "'100000000' is not a valid value for '--within <DAYS>': outside 0–36500",
        ),
        (
            &["summary", "--months", "0"],
            "'0' is not a valid value for '--months <N>': outside 1–1200",
        ),
        (
            &["new", "X", "--sessions", "0"],
            "'0' is not a valid value for '--sessions <N>': outside 1–10000",
        ),
    ] {
        let output = run_bounded(&project, args).code(2).get_output().clone();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            stderr.lines().next(),
            Some(format!("fortb: {message}").as_str()),
            "{args:?}"
        );
    }
    run_bounded(&project, &["due", "--within", "36500"]).success();
}

#[test]
fn a_follow_up_centuries_away_does_not_crash_due() {
    let project = with_record();
    project.write(
        "fortb.toml",
        "name = \"skolan\"\nfollow_up = [4000000000]\n",
    );
    project.write(
        "initiatives/bokcirkel.toml",
        format!("{RECORD}end = 2025-02-01\n"),
    );
    run_bounded(&project, &["due", "--within", "36500"]).success();
}

#[test]
fn a_number_answer_below_its_minimum_is_refused_and_checked() {
    let project = with_record();
    project
        .run(&["step", "bokcirkel", "delivery", "--answer", "sessions=-5"])
        .code(1)
        .stderr("fortb: sessions: -5 is too low; the answer must be at least 1\n");
    assert_eq!(project.read("initiatives/bokcirkel.toml"), RECORD);
    project.write(
        "initiatives/bokcirkel.toml",
        format!("{RECORD}\n[steps.delivery]\nsessions = -5\n"),
    );
    project.run(&["check"]).failure().stdout(contains(
        "the answer to \"sessions\" is -5, but it must be at least 1",
    ));
    project
        .cmd()
        .args(["--lang", "sv", "check"])
        .assert()
        .failure()
        .stdout(contains(
            "svaret på \"sessions\" är -5, men det ska vara minst 1",
        ));
}

#[test]
fn an_empty_by_is_a_mistake_and_a_title_may_start_with_a_hyphen() {
    let project = with_record();
    project
        .run(&["recall", "bokcirkel", "--by", "", "--self", "3"])
        .code(2)
        .stderr("fortb: --by needs a name: whose rating is it? Without --by, your name from git (user.name) is used\n");
    assert_eq!(project.read("initiatives/bokcirkel.toml"), RECORD);
    project.run(&["new", "-2+3", "--no-interview"]).success();
    assert!(project
        .read("initiatives/2-3.toml")
        .contains("title = \"-2+3\""));
}

// ---- 1. A resumed edit never overwrites a change saved in between ----

const BREAK_TITLE: &str = "replace title = \"Bokcirkel\" => title = \"Bokcirkel VT";
const FIX_TITLE: &str = "replace \"Bokcirkel VT => \"Bokcirkel VT\"";

#[test]
fn a_resumed_edit_keeps_a_recall_saved_in_between() {
    let project = with_record();
    // The first edit fails and its draft is kept.
    project
        .with_editor(BREAK_TITLE)
        .args(["edit", "bokcirkel"])
        .assert()
        .code(1);
    // Meanwhile a colleague saves a recall.
    project
        .run(&[
            "recall",
            "bokcirkel",
            "--by",
            "Erik",
            "--self",
            "3",
            "--date",
            "2026-11-18",
        ])
        .success();
    // The draft is fixed later: both the new title and the recall are kept.
    project
        .with_editor(FIX_TITLE)
        .args(["edit", "bokcirkel"])
        .assert()
        .success()
        .stderr(contains("both changes are kept"));
    let record = project.read("initiatives/bokcirkel.toml");
    assert!(record.contains("title = \"Bokcirkel VT\""), "{record}");
    assert!(
        record.contains("by = \"Erik\""),
        "the recall was lost:\n{record}"
    );
    assert!(!project.ls("initiatives").iter().any(|f| f.contains("edit")));
}

#[test]
fn a_resumed_edit_that_collides_with_a_change_keeps_both() {
    let project = with_record();
    project
        .with_editor(BREAK_TITLE)
        .args(["edit", "bokcirkel"])
        .assert()
        .code(1);
    // Someone else changes the title too.
    let theirs = RECORD.replace("title = \"Bokcirkel\"", "title = \"Bokcirkel HT\"");
    project.write("initiatives/bokcirkel.toml", &theirs);
    project
        .with_editor(FIX_TITLE)
        .args(["edit", "bokcirkel"])
        .assert()
        .code(1)
        .stderr(contains("nothing was overwritten"));
    assert_eq!(project.read("initiatives/bokcirkel.toml"), theirs);
    let fixed = RECORD.replace("title = \"Bokcirkel\"", "title = \"Bokcirkel VT\"");
    assert_eq!(project.read("initiatives/.bokcirkel.edit.toml"), fixed);
}

// ---- Issue 27, 13: numbers at the edges ----

/// A record whose cost, hours and indicator hold numbers too large to sum.
const EDGES: &str = "schema = 1\ntitle = \"Bokcirkel\"\nkind = \"book-circle\"\nstart = 2025-01-15\nend = 2025-03-01\nparticipants = 4\ncost = 1e308\nhours = 1e308\n\n[[indicator]]\nname = \"Läsning\"\nbaseline = -1e308\ntarget = 1e308\nmeasurements = [\n  { date = 2025-06-01, value = 1e308 },\n]\n";

#[test]
fn numbers_too_large_to_sum_are_refused_at_check_with_their_place_and_range() {
    let project = Project::new().file("initiatives/bokcirkel.toml", EDGES);
    let path = "initiatives/bokcirkel.toml";
    project.run(&["check"]).failure().stdout(
        contains(format!("{path}:7:8: cost: 1e308 is not an amount: write a number from 0 to 1,000,000,000"))
            .and(contains(format!("{path}:8:9: 1e308 is not a number of hours: write the hours per participant, a number from 0 to 100,000")))
            .and(contains(format!("{path}:12:12: indicator.baseline: -1e308 is out of range for an indicator: write a number between -1,000,000,000 and 1,000,000,000")))
            .and(contains(format!("{path}:15:32: 1e308 is out of range"))),
    );
    project
        .cmd()
        .args(["--lang", "sv", "check"])
        .assert()
        .failure()
        .stdout(
            contains("cost: 1e308 är inget belopp: skriv ett tal från 0 till 1 000 000 000")
                .and(contains("är inget antal timmar: skriv timmarna per deltagare, ett tal från 0 till 100 000"))
                .and(contains("ligger utanför gränserna för en indikator")),
        );
    // The largest of each is a number still.
    let largest = EDGES
        .replace("1e308", "1000000000")
        .replace("hours = 1000000000", "hours = 100000");
    project.write(path, &largest);
    project.run(&["check"]).success();
}

#[test]
fn numbers_too_large_to_sum_are_refused_where_they_are_typed() {
    let project = with_record();
    for (args, message) in [
        (
            &["step", "bokcirkel", "delivery", "--answer", "sessions=1e308"][..],
            "fortb: sessions: 1e308 is out of range: write a number between -1,000,000,000 and 1,000,000,000\n",
        ),
        (
            &["indicator", "add", "bokcirkel", "Läsning", "--baseline", "1e308"],
            "fortb: 1e308 is out of range for an indicator: write a number between -1,000,000,000 and 1,000,000,000\n",
        ),
        (
            &["indicator", "add", "bokcirkel", "Läsning", "--target=-1000000001"],
            "fortb: -1000000001 is out of range for an indicator: write a number between -1,000,000,000 and 1,000,000,000\n",
        ),
    ] {
        project.run(args).failure().stderr(message);
        assert_eq!(project.read("initiatives/bokcirkel.toml"), RECORD, "{args:?}");
    }
    project
        .run(&[
            "indicator",
            "add",
            "bokcirkel",
            "Läsning",
            "--baseline",
            "10",
        ])
        .success();
    let added = project.read("initiatives/bokcirkel.toml");
    project
        .cmd()
        .args(["--lang", "sv", "indicator", "measure", "bokcirkel", "Läsning", "2e9"])
        .assert()
        .failure()
        .stderr("fortb: 2000000000 ligger utanför gränserna för en indikator: skriv ett tal mellan -1 000 000 000 och 1 000 000 000\n");
    assert_eq!(project.read("initiatives/bokcirkel.toml"), added);
}

#[test]
fn no_output_shows_nan_inf_or_a_wrapped_number() {
    // 1e308 twice summed to inf: "Cost in all: 18,446,744,073,709,551,615", "NaN % of the
    // way" and NaN in the export. Such a record is now refused; the largest a record may hold
    // sums to numbers.
    let project = Project::new().file("initiatives/bokcirkel.toml", EDGES);
    let largest = EDGES
        .replace("1e308", "1000000000")
        .replace("hours = 1000000000", "hours = 100000");
    project.write(
        "initiatives/largest.toml",
        largest.replace("Bokcirkel", "Störst"),
    );
    project.write(
        "initiatives/lagst.toml",
        largest
            .replace("Bokcirkel", "Lägst")
            .replace("value = 1000000000", "value = -1000000000"),
    );
    let export = project.path("export");
    for args in [
        &["summary", "--until", "2026-01-01"][..],
        &["summary", "--until", "2026-01-01", "--format", "csv"],
        &["summary", "--until", "2026-01-01", "--format", "json"],
        &["summary", "--until", "2026-01-01", "--format", "markdown"],
        &["report", "--until", "2026-01-01", "--format", "markdown"],
        &["show", "storst"],
        &["show", "lagst", "--format", "json"],
        &["indicator", "list"],
        &["indicator", "list", "--format", "json"],
        &["export", "--format", "json"],
        &[
            "export",
            "--format",
            "csv",
            "--out",
            export.to_str().unwrap(),
        ],
        &["due", "--within", "3650", "--format", "csv"],
    ] {
        let output = project.output(args);
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text += &String::from_utf8_lossy(&output.stderr);
        if export.is_dir() {
            for file in std::fs::read_dir(&export).unwrap() {
                text += &std::fs::read_to_string(file.unwrap().path()).unwrap();
            }
        }
        for never in ["NaN", "nan", "inf", "18,446,744", "18 446 744"] {
            assert!(
                !text.contains(never),
                "fortb {args:?} showed {never}: {text}"
            );
        }
    }
    let summary = project.stdout(&["--lang", "en", "summary", "--until", "2026-01-01"]);
    assert!(summary.contains("Cost in all: 2,000,000,000"), "{summary}");
}
