//! Tables and free text fit the terminal: snapshots of every table at 60, 80, 100 and 160
//! columns, from the example project. Words wrap at spaces, dates and numbers stay whole, ids
//! are shortened to a beginning that still works, and left-out columns are named on stderr.

mod common;

use common::Project;

const WIDTHS: [&str; 4] = ["60", "80", "100", "160"];

/// stdout and stderr of `fortb ARGS` at `width` columns, for a snapshot.
fn at_width(width: &str, args: &[&str]) -> String {
    let project = Project::example()
        .env("COLUMNS", width)
        .env("FORTB_TODAY", "2026-11-23");
    let output = project.cmd().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?} at {width}: {output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let widest = stdout.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let limit: usize = width.parse().unwrap();
    assert!(
        widest <= limit,
        "{args:?} is {widest} wide at {width}:\n{stdout}"
    );
    format!(
        "{stdout}--- stderr\n{}",
        String::from_utf8(output.stderr).unwrap()
    )
}

fn snapshots(name: &str, args: &[&str]) {
    for width in WIDTHS {
        insta::assert_snapshot!(format!("{name}_{width}"), at_width(width, args));
    }
}

#[test]
fn list_fits() {
    snapshots("list", &["list"]);
}

#[test]
fn status_fits() {
    snapshots("status", &["status"]);
}

#[test]
fn summary_fits() {
    snapshots("summary", &["summary", "--until", "2026-11-23"]);
}

#[test]
fn show_fits() {
    snapshots("show", &["show", "bokcirkel"]);
}

#[test]
fn due_fits() {
    snapshots("due", &["due", "--within", "365"]);
}

#[test]
fn indicator_list_fits() {
    snapshots("indicator_list", &["indicator", "list"]);
}
