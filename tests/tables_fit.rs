//! Tables and free text fit the terminal: snapshots of every table at 60, 80, 100, 120 and
//! 160 columns, from the example projects. Words wrap at spaces, dates and numbers stay whole, ids
//! are shortened to a beginning that still works, and left-out columns are named on stderr.

mod common;

use common::Project;

const WIDTHS: [&str; 5] = ["60", "80", "100", "120", "160"];

/// stdout and stderr of `fortb ARGS` at `width` columns in the school's example project,
/// copied alone: the school's own tables (the organiser's are `in_example("kommun", …)`).
fn at_width(width: &str, args: &[&str]) -> String {
    let project = Project::example()
        .env("COLUMNS", width)
        .env("FORTB_TODAY", "2026-11-23");
    output_of(&project, width, args)
}

/// stdout and stderr of `fortb ARGS` at `width` columns in the example project `name` (with
/// the others beside it, as an organiser's project needs its units), for a snapshot.
fn in_example(name: &str, width: &str, args: &[&str]) -> String {
    let project = Project::examples()
        .env("COLUMNS", width)
        .env("FORTB_TODAY", "2026-11-23");
    output_of(&project.current_dir(name), width, args)
}

/// stdout and stderr of `fortb ARGS` in `project`, checked to fit `width` columns.
fn output_of(project: &Project, width: &str, args: &[&str]) -> String {
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
    snapshots(
        "summary_en",
        &["--lang", "en", "summary", "--until", "2026-11-23"],
    );
}

#[test]
fn grouped_and_compared_summaries_fit() {
    let until = ["summary", "--until", "2026-11-23"];
    snapshots(
        "summary_grouped",
        &[&until[..], &["--group-by", "kind"]].concat(),
    );
    snapshots(
        "summary_compared",
        &[&until[..], &["--compare", "2025-12-01"]].concat(),
    );
}

#[test]
fn organiser_summary_with_its_unit_column_fits() {
    for width in WIDTHS {
        let args = ["summary", "--until", "2026-11-23"];
        let name = format!("organiser_summary_{width}");
        insta::assert_snapshot!(name, in_example("kommun", width, &args));
    }
}

#[test]
fn plan_fits() {
    snapshots("plan", &["plan"]);
}

/// At 120 columns, a common full-screen terminal, the summary shows every column in either
/// language: the kind under the title, no column left out.
#[test]
fn summary_shows_every_column_at_120() {
    for (lang, headers) in [
        (
            "sv",
            [
                "Titel (typ)",
                "Datum",
                "Själv",
                "Ledn.",
                "Pers.",
                "Genomslag",
                "Ur",
                "Belägg",
                "Varför",
                "Process",
                "Används",
            ],
        ),
        (
            "en",
            [
                "Title (kind)",
                "Date",
                "Me",
                "Lead.",
                "Staff",
                "Impact",
                "Unaided",
                "Measured",
                "Why",
                "Process",
                "Used",
            ],
        ),
    ] {
        let text = at_width("120", &["--lang", lang, "summary", "--until", "2026-11-23"]);
        let header = text.lines().find(|l| l.starts_with("# ")).unwrap();
        let mut at = 0;
        for name in headers {
            let found = header[at..].find(name);
            assert!(found.is_some(), "{lang}: no {name} after {at} in\n{text}");
            at += found.unwrap() + name.len();
        }
        assert!(
            text.ends_with("--- stderr\n"),
            "{lang}: a note on stderr\n{text}"
        );
    }
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
