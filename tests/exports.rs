//! Exports read by other programs: Markdown through a GitHub-flavoured Markdown renderer.

mod common;

use common::Project;

/// A title and answers that would turn into markup, links, code, HTML or extra table cells if
/// they were not escaped.
const HOSTILE_TITLE: &str =
    "*Fet* _kursiv_ [klicka](javascript:alert(1)) `kod` <b>html</b> a\\|b ~~bort~~ &amp; # 1. slut";
const HOSTILE_NEED: &str = "- inte en lista <script>x</script> **ej fet**";

/// A project's own process model whose wording would turn into markup.
const HOSTILE_MODEL: &str = r##"base = "six-step"
title.en = "Our *own* process"
title.sv = "Vår _egen_ process"

[[step]]
id = "celebrate"
name.en = "Celebrate `now`"
name.sv = "Fira `nu`"
purpose.en = "- Celebrate <b>what</b> {beneficiary} gained"
purpose.sv = "- Fira <b>det</b> {beneficiary} har vunnit"

[[step.question]]
key = "how"
type = "text"
text.en = "1. How? [cake](javascript:x)"
text.sv = "1. Hur? [tårta](javascript:x)"
help.en = "# Not a heading"
help.sv = "# Ingen rubrik"
"##;

fn hostile_project() -> Project {
    let record = format!(
        "schema = 1\ntitle = {title:?}\nkind = \"study-day\"\nlearning = \"formal\"\nprocess = \"six-step\"\n\
         start = 2026-03-02\nend = 2026-03-02\naudience = \"2. Alla <lärare>\"\nwhole_staff = true\n\n\
         [steps.need]\nwhy = {need:?}\ngoal = \"Rad ett\\r\\n1) rad två | med rör\"\n\n\
         [[recall]]\nby = \"Anna *Lind*\"\ndate = 2026-11-18\nself = 3\nleadership = 2\nstaff = 2\n\
         why = [\"need\"]\nnote = \"[länk](https://example.org)\"\n",
        title = HOSTILE_TITLE,
        need = HOSTILE_NEED,
    );
    Project::new()
        .file("initiatives/fientlig.toml", &record)
        .file("processes/egen.toml", HOSTILE_MODEL)
        .env("FORTB_TODAY", "2026-11-23")
}

fn gfm_html(markdown: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    comrak::markdown_to_html(markdown, &options)
}

/// The visible text of rendered HTML: tags dropped, the entities a renderer writes decoded.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Each row of each rendered table has as many cells as its header.
fn assert_tables_keep_their_columns(html: &str, what: &str) {
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").expect("a closed table")];
        let header = table.split("</tr>").next().unwrap();
        let header_cells = header.matches("<th>").count() + header.matches("<th ").count();
        for row in table.split("</tr>").skip(1).filter(|r| r.contains("<td")) {
            assert_eq!(
                row.matches("<td").count(),
                header_cells,
                "{what}: a row has another number of cells than its header:\n{row}"
            );
        }
    }
}

fn assert_renders_as_written(markdown: &str, what: &str, texts: &[&str]) {
    let html = gfm_html(markdown);
    // Emphasis, code, a link's markup or a vanished tag would change the visible text; a bare
    // web address may become a link (GitHub does so), user markup may not.
    for tag in ["<a href=\"javascript", "<script", "<b>", "raw HTML omitted"] {
        assert!(
            !html.contains(tag),
            "{what}: user text became {tag}:\n{markdown}\n---\n{html}"
        );
    }
    let visible = visible_text(&html);
    for text in texts {
        assert!(
            visible.contains(text),
            "{what}: {text:?} is not shown as written:\n{markdown}\n---\n{visible}"
        );
    }
    assert_tables_keep_their_columns(&html, what);
}

#[test]
fn user_text_in_markdown_renders_as_written() {
    let project = hostile_project();
    let title_as_shown = HOSTILE_TITLE;
    for (args, texts) in [
        (
            vec!["summary", "--format", "markdown", "--months", "24"],
            vec![title_as_shown],
        ),
        (
            vec!["report", "--format", "markdown", "--months", "24"],
            vec![title_as_shown, HOSTILE_NEED],
        ),
        (
            vec!["show", "fientlig", "--format", "markdown"],
            vec![
                title_as_shown,
                HOSTILE_NEED,
                "2. Alla <lärare>",
                "1) rad två | med rör",
                "[länk](https://example.org)",
            ],
        ),
        (
            vec!["survey", "questions", "fientlig"],
            vec![title_as_shown],
        ),
        (
            vec!["questions", "egen", "--format", "markdown"],
            vec![
                "Our *own* process",
                "Celebrate `now`",
                "- Celebrate <b>what</b> the pupils gained",
                "1. How? [cake](javascript:x)",
                "# Not a heading",
            ],
        ),
    ] {
        let markdown = project.stdout(&args);
        assert_renders_as_written(&markdown, &args.join(" "), &texts);
    }
}

#[test]
fn a_table_cell_with_a_carriage_return_or_an_escaped_pipe_stays_one_cell() {
    let project = Project::new()
        .file(
            "initiatives/a.toml",
            "schema = 1\ntitle = \"a\\\\|b\\rc | d\"\nkind = \"other\"\nstart = 2026-03-02\n\n\
             [[recall]]\nby = \"Anna\"\ndate = 2026-11-18\nself = 3\n",
        )
        .env("FORTB_TODAY", "2026-11-23");
    let markdown = project.stdout(&["summary", "--format", "markdown", "--months", "24"]);
    let html = gfm_html(&markdown);
    assert_tables_keep_their_columns(&html, "summary");
    assert!(
        visible_text(&html).contains("a\\|b c | d"),
        "{markdown}\n---\n{html}"
    );
}

// ---------------------------------------------------------------------------------------------
// CSV: what a spreadsheet opens
// ---------------------------------------------------------------------------------------------

/// A record whose title holds the separator, a quote, å/ä/ö and what a spreadsheet would run
/// as a formula.
const SPREADSHEET_TITLE: &str = "=SUMMA(1;2) \"Läs\", skriv; räkna – åäö";

fn spreadsheet_project(lang: &str) -> Project {
    Project::empty()
        .file(
            "fortb.toml",
            &format!("name = \"Solbackaskolan\"\nlang = \"{lang}\"\n"),
        )
        .file(
            "initiatives/formel.toml",
            &format!(
                "schema = 1\ntitle = {SPREADSHEET_TITLE:?}\nkind = \"study-day\"\nstart = 2026-03-02\n\n\
                 [steps.concept]\nlearning_goals = [\"Räkna med bråk; 1,5 + 2,25\"]\n\n\
                 [[recall]]\nby = \"Anna\"\ndate = 2026-11-18\nself = 3\nleadership = 2\nstaff = 2\n"
            ),
        )
        .file(
            "initiatives/bok.toml",
            "schema = 1\ntitle = \"Bokcirkel: Formativ bedömning\"\nkind = \"book-circle\"\nstart = 2026-01-10\n\n\
             [[recall]]\nby = \"Anna\"\ndate = 2026-11-18\nself = 4\nleadership = 3\nstaff = 4\n",
        )
        .env("FORTB_TODAY", "2026-11-23")
}

#[test]
fn swedish_csv_is_what_a_swedish_excel_expects_and_each_part_can_be_chosen() {
    let project = spreadsheet_project("sv");
    let csv = project.stdout(&["summary", "--format", "csv"]);
    assert!(csv.starts_with("\u{feff}Plats;Id;Titel;"), "{csv:?}");
    assert!(csv.contains(";3,7;"), "decimal comma: {csv:?}");
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF line ends");

    let chosen = project.stdout(&[
        "summary",
        "--format",
        "csv",
        "--delimiter",
        "tab",
        "--decimal",
        "point",
        "--no-bom",
    ]);
    assert!(chosen.starts_with("Plats\tId\tTitel\t"), "{chosen:?}");
    assert!(chosen.contains("\t3.7\t"), "{chosen:?}");

    let english = project.stdout(&["--lang", "en", "summary", "--format", "csv"]);
    assert!(english.starts_with("Rank,Id,Title,"), "{english:?}");
    assert!(english.contains(",3.7,"), "{english:?}");
    let with_bom = project.stdout(&["--lang", "en", "summary", "--format", "csv", "--bom"]);
    assert_eq!(with_bom, format!("\u{feff}{english}"));

    let questions = project.stdout(&[
        "survey",
        "questions",
        "formel",
        "--format",
        "csv",
        "--delimiter",
        ",",
        "--no-bom",
    ]);
    assert!(questions.starts_with("key,text,type\r\n"), "{questions:?}");
    project
        .run(&[
            "survey",
            "questions",
            "formel",
            "--format",
            "csv",
            "--decimal",
            "dot",
        ])
        .failure()
        .code(2);
}

/// LibreOffice, headless: `soffice` on PATH. `.ci/run` installs it and sets
/// FORTB_OFFICE_TEST=required so CI cannot skip the test silently.
fn libreoffice() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "soffice.exe", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        assert!(
            std::env::var("FORTB_OFFICE_TEST").as_deref() != Ok("required"),
            "LibreOffice is required here but was not found"
        );
        eprintln!("skipped: LibreOffice is not installed (apt-get install libreoffice-calc)");
    }
    found
}

/// One spreadsheet cell as LibreOffice read it.
#[derive(Debug, Default, Clone)]
struct Cell {
    text: String,
    /// The number, when the cell became one.
    number: Option<f64>,
    formula: bool,
}

/// Opens each CSV in LibreOffice as a spreadsheet user with that language would (`;` and
/// decimal comma in Swedish, UTF-8) and returns the rows of cells it made of each.
fn open_in_spreadsheet(
    soffice: &std::path::Path,
    csvs: &[&str],
    swedish: bool,
) -> Vec<Vec<Vec<Cell>>> {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<std::path::PathBuf> = csvs
        .iter()
        .enumerate()
        .map(|(i, csv)| {
            let file = dir.path().join(format!("export{i}.csv"));
            std::fs::write(&file, csv).unwrap();
            file
        })
        .collect();
    // Separator, text quote, UTF-8 (76), from line 1, standard columns, language (sv-SE 1053,
    // en-US 1033).
    let filter = if swedish {
        "--infilter=CSV:59,34,76,1,,1053"
    } else {
        "--infilter=CSV:44,34,76,1,,1033"
    };
    let profile = dir.path().join("profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", filter, "--convert-to", "fods", "--outdir"])
        .arg(dir.path())
        .args(&files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("LibreOffice runs");
    assert!(status.success(), "LibreOffice converts the CSV");
    files
        .iter()
        .map(|file| {
            let fods =
                std::fs::read_to_string(file.with_extension("fods")).expect("a converted file");
            sheet_rows(&fods)
        })
        .collect()
}

/// The non-empty rows of a flat OpenDocument spreadsheet, trailing empty cells left out.
fn sheet_rows(fods: &str) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for row in fods.split("<table:table-row").skip(1) {
        let row = &row[..row.find("</table:table-row>").unwrap_or(row.len())];
        let mut cells = Vec::new();
        for cell in row.split("<table:table-cell").skip(1) {
            let attributes = &cell[..cell.find('>').unwrap_or(cell.len())];
            let repeated: usize = attribute(attributes, "table:number-columns-repeated")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let parsed = Cell {
                text: paragraphs(cell),
                number: (attribute(attributes, "office:value-type").as_deref() == Some("float"))
                    .then(|| {
                        attribute(attributes, "office:value")
                            .unwrap()
                            .parse()
                            .unwrap()
                    }),
                formula: attributes.contains("table:formula="),
            };
            cells.extend(std::iter::repeat_n(parsed, repeated.min(64)));
        }
        while cells
            .last()
            .is_some_and(|c| c.text.is_empty() && !c.formula)
        {
            cells.pop();
        }
        if !cells.is_empty() {
            rows.push(cells);
        }
    }
    rows
}

fn attribute(attributes: &str, name: &str) -> Option<String> {
    let start = attributes.find(&format!("{name}=\""))? + name.len() + 2;
    let end = attributes[start..].find('"')? + start;
    Some(attributes[start..end].to_string())
}

fn paragraphs(cell: &str) -> String {
    let end = cell.find("</table:table-cell>").unwrap_or(cell.len());
    let paragraphs: Vec<String> = cell[..end]
        .split("<text:p>")
        .skip(1)
        .map(|p| visible_text(&p[..p.find("</text:p>").unwrap_or(p.len())]))
        .collect();
    paragraphs.join("\n")
}

#[test]
fn every_csv_opens_in_a_spreadsheet_with_its_columns_numbers_and_letters() {
    let Some(soffice) = libreoffice() else {
        return;
    };
    for (lang, swedish) in [("sv", true), ("en", false)] {
        let project = spreadsheet_project(lang);
        let csvs = [
            project.stdout(&["summary", "--format", "csv"]),
            project.stdout(&["summary", "--format", "csv", "--group-by", "kind"]),
            project.stdout(&["survey", "questions", "formel", "--format", "csv"]),
            project.stdout(&["due", "--format", "csv", "--within", "365"]),
        ];
        let sheets = open_in_spreadsheet(&soffice, &csvs.each_ref().map(String::as_str), swedish);
        let rows = &sheets[0];
        let header_len = rows[0].len();
        assert_eq!(header_len, 13, "{lang}: {:?}", rows[0]);
        assert_eq!(
            rows.len(),
            3,
            "{lang}: a header and two initiatives: {rows:?}"
        );
        let titles: Vec<&str> = rows[1..].iter().map(|r| r[2].text.as_str()).collect();
        // A text that would run as a formula keeps the apostrophe that makes it text.
        assert_eq!(
            titles,
            [
                "Bokcirkel: Formativ bedömning",
                &format!("'{SPREADSHEET_TITLE}")
            ],
            "{lang}: every title in its own cell, as written"
        );
        let impacts: Vec<Option<f64>> = rows[1..].iter().map(|r| r[8].number).collect();
        assert_eq!(impacts, [Some(3.7), Some(2.3)], "{lang}: impact as numbers");
        let unaided: Vec<Option<f64>> = rows[1..].iter().map(|r| r[9].number).collect();
        assert_eq!(
            unaided,
            [Some(0.0), Some(0.0)],
            "{lang}: named unaided, a count"
        );
        assert_eq!(
            rows[1][5].number,
            Some(4.0),
            "{lang}: a whole score is a number"
        );
        for row in rows {
            assert!(row.len() <= header_len, "{lang}: no extra columns: {row:?}");
            assert!(
                row.iter().all(|c| !c.formula),
                "{lang}: no formulas: {row:?}"
            );
        }

        let rows = &sheets[1];
        assert!(
            rows[1..].iter().all(|r| r[6].number.is_some()),
            "{lang}: group impact as numbers: {rows:?}"
        );

        let rows = &sheets[2];
        let first: Vec<&str> = rows[1].iter().map(|c| c.text.as_str()).collect();
        let expected = if swedish {
            "Efter insatsen kan jag: Räkna med bråk; 1,5 + 2,25"
        } else {
            "After the initiative I can: Räkna med bråk; 1,5 + 2,25"
        };
        assert_eq!(first, ["goal_1", expected, "rating"], "{lang}");
        assert!(rows.iter().all(|r| r.len() == 3), "{lang}: {rows:?}");

        let rows = &sheets[3];
        assert!(rows.len() > 1, "{lang}: something is due: {rows:?}");
        for row in &rows[1..] {
            assert_eq!(row.len(), 6, "{lang}: {row:?}");
            assert!(
                row[1].number.is_some(),
                "{lang}: days left as a number: {row:?}"
            );
            assert!(
                row[5].text.ends_with("@fortb"),
                "{lang}: the calendar's UID: {row:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Calendars that update
// ---------------------------------------------------------------------------------------------

const COURSE: &str = "schema = 1\ntitle = \"Läslyftet, del 1\"\nkind = \"course\"\nstart = 2026-09-01\nend = 2026-10-01\nfollow_up = [30]\n";

/// Commits everything in the project as a user would, at a fixed time.
fn commit(project: &Project, when: &str) {
    for args in [&["add", "-A"][..], &["commit", "-q", "-m", "ändrat"]] {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(project.root())
            .env("GIT_AUTHOR_NAME", "Anna")
            .env("GIT_AUTHOR_EMAIL", "anna@example.org")
            .env("GIT_COMMITTER_NAME", "Anna")
            .env("GIT_COMMITTER_EMAIL", "anna@example.org")
            .env("GIT_AUTHOR_DATE", when)
            .env("GIT_COMMITTER_DATE", when)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
}

/// Python with the `icalendar` package, or None (the test is then skipped and says why;
/// `.ci/run` installs it and sets FORTB_ICAL_TEST=required).
fn icalendar_python() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .flat_map(|dir| ["python3", "python", "python.exe"].map(|name| dir.join(name)))
        .filter(|candidate| candidate.is_file())
        .find(|python| {
            std::process::Command::new(python)
                .args(["-c", "import icalendar"])
                .status()
                .is_ok_and(|s| s.success())
        });
    if found.is_none() {
        assert!(
            std::env::var("FORTB_ICAL_TEST").as_deref() != Ok("required"),
            "Python's icalendar package is required here but was not found"
        );
        eprintln!("skipped: Python's icalendar package is missing (pip install icalendar)");
    }
    found
}

/// The calendar as the `icalendar` package reads it: its name and, per event, UID, start,
/// SEQUENCE, LAST-MODIFIED, DTSTAMP, SUMMARY and DESCRIPTION.
fn read_calendar(python: &std::path::Path, ics: &str) -> serde_json::Value {
    const SCRIPT: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = [{
    "uid": str(e["UID"]),
    "start": e.decoded("DTSTART").isoformat(),
    "sequence": int(e["SEQUENCE"]),
    "last_modified": e.decoded("LAST-MODIFIED").isoformat(),
    "stamp": e.decoded("DTSTAMP").isoformat(),
    "summary": str(e["SUMMARY"]),
    "description": str(e["DESCRIPTION"]),
} for e in cal.walk("VEVENT")]
print(json.dumps({"name": str(cal.get("X-WR-CALNAME")), "rfc7986_name": str(cal.get("NAME")), "events": events}))
"#;
    use std::io::Write;
    let mut child = std::process::Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "icalendar reads the calendar:\n{ics}"
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_moved_follow_up_updates_the_calendar_event() {
    let Some(python) = icalendar_python() else {
        return;
    };
    let project = Project::new()
        .file("initiatives/laslyftet.toml", COURSE)
        .env("FORTB_TODAY", "2026-10-15");
    let git_init = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(project.root())
        .status()
        .unwrap();
    assert!(git_init.success());
    commit(&project, "2026-09-20T10:00:00Z");
    let due = ["--lang", "sv", "due", "--format", "ics", "--within", "90"];
    let first = project.stdout(&due);
    assert_eq!(
        first,
        project.stdout(&due),
        "the same project, the same bytes"
    );
    let before = read_calendar(&python, &first);
    assert_eq!(before["name"], "skolan – fortbildning");
    assert_eq!(before["rfc7986_name"], before["name"]);
    let event = &before["events"][0];
    assert_eq!(event["start"], "2026-10-31");
    assert_eq!(event["sequence"], 1);
    assert_eq!(event["last_modified"], "2026-09-20T10:00:00+00:00");
    assert_eq!(event["stamp"], event["last_modified"]);
    assert_eq!(
        event["description"],
        "Insats: Läslyftet, del 1\nSenast 2026-10-31: uppföljning 30 dagar efter slutet\n\
         Att göra: Fråga deltagarna, ledningsgruppen och personalen om insatsen har fastnat och \
         skriv in det i insatsen (fortb recall)."
    );
    let json: serde_json::Value =
        serde_json::from_str(&project.stdout(&["due", "--format", "json", "--within", "90"]))
            .unwrap();
    let json_uids: Vec<serde_json::Value> = json_items(&json)
        .into_iter()
        .map(|i| i["uid"].clone())
        .collect();
    assert_eq!(json_uids, [event["uid"].clone()], "the same UID in JSON");

    // The course ends ten days later: not yet committed, then committed.
    project.write(
        "initiatives/laslyftet.toml",
        COURSE.replace("2026-10-01", "2026-10-11"),
    );
    let edited = read_calendar(&python, &project.stdout(&due));
    let moved = &edited["events"][0];
    assert_eq!(moved["uid"], event["uid"]);
    assert_eq!(moved["start"], "2026-11-10");
    assert_eq!(moved["sequence"], 2);
    assert!(moved["last_modified"].as_str() > event["last_modified"].as_str());
    commit(&project, "2026-10-12T08:30:00Z");
    let committed = read_calendar(&python, &project.stdout(&due));
    let moved = &committed["events"][0];
    assert_eq!(moved["uid"], event["uid"]);
    assert_eq!(moved["start"], "2026-11-10");
    assert_eq!(moved["sequence"], 2);
    assert_eq!(moved["last_modified"], "2026-10-12T08:30:00+00:00");
}

/// The items of `due --format json`, whether a bare list or inside an object.
fn json_items(json: &serde_json::Value) -> Vec<serde_json::Value> {
    match json {
        serde_json::Value::Array(items) => items.clone(),
        object => object["items"].as_array().cloned().unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------------
// The HTML meeting pack
// ---------------------------------------------------------------------------------------------

#[test]
fn the_html_pack_has_its_sections_in_a_main_landmark() {
    let project = hostile_project();
    let html = project.stdout(&["report", "--format", "html", "--months", "24"]);
    assert_eq!(html.matches("<main>").count(), 1, "{html}");
    let header_end = html.find("</header>").expect("a header");
    let main = html.find("<main>").unwrap();
    let main_end = html.find("</main>").expect("a closed main");
    assert!(header_end < main && main < main_end, "{html}");
    let sections = &html[main..main_end];
    assert_eq!(
        sections.matches("<section").count(),
        html.matches("<section").count(),
        "every section inside <main>"
    );
    assert!(
        html[main_end + "</main>".len()..]
            .trim_start()
            .starts_with("</body>"),
        "{html}"
    );
}

// ---- `--out FILE`: every export written by fortb itself ----

/// Every exporting command and format, each as a user would run it in the example project.
const EXPORTS: &[&[&str]] = &[
    &["list"],
    &["list", "--format", "json"],
    &["show", "bokcirkel-formativ-bedomning"],
    &[
        "show",
        "bokcirkel-formativ-bedomning",
        "--format",
        "markdown",
    ],
    &["show", "bokcirkel-formativ-bedomning", "--format", "json"],
    &["status"],
    &["status", "--format", "json"],
    &["status", "bokcirkel-formativ-bedomning"],
    &["questions"],
    &["questions", "--format", "markdown"],
    &["summary", "--months", "24"],
    &["summary", "--months", "24", "--format", "markdown"],
    &["summary", "--months", "24", "--format", "json"],
    &["summary", "--months", "24", "--format", "csv"],
    &["summary", "--months", "24", "--format", "csv", "--no-bom"],
    &["due", "--within", "365"],
    &["due", "--within", "365", "--format", "json"],
    &["due", "--within", "365", "--format", "csv"],
    &["due", "--within", "365", "--format", "ics"],
    &["survey", "questions", "bokcirkel-formativ-bedomning"],
    &[
        "survey",
        "questions",
        "bokcirkel-formativ-bedomning",
        "--format",
        "csv",
    ],
    &["indicator", "list"],
    &["indicator", "list", "--format", "json"],
    &["report", "--months", "24"],
];

fn example_on_a_fixed_day() -> Project {
    Project::example().env("FORTB_TODAY", "2026-11-23")
}

#[test]
fn every_export_writes_to_out_exactly_what_it_prints() {
    let project = example_on_a_fixed_day();
    for args in EXPORTS {
        let printed = project.cmd().args(*args).output().unwrap();
        assert!(printed.status.success(), "fortb {args:?} failed");
        assert!(!printed.stdout.is_empty(), "fortb {args:?} printed nothing");
        let mut with_out = args.to_vec();
        with_out.extend(["--out", "export.out"]);
        let written = project.cmd().args(&with_out).output().unwrap();
        assert!(written.status.success(), "fortb {with_out:?} failed");
        assert!(written.stdout.is_empty(), "fortb {with_out:?} printed data");
        let stderr = String::from_utf8(written.stderr).unwrap();
        assert!(
            // The example project is Swedish.
            stderr.ends_with("skrev export.out\n") || args[0] == "report",
            "fortb {with_out:?} said {stderr:?}"
        );
        // Byte for byte, so Swedish letters are UTF-8 and a CSV's byte-order mark is kept.
        assert_eq!(
            project.bytes("export.out"),
            printed.stdout,
            "fortb {with_out:?} wrote something else than it prints"
        );
    }
}

#[test]
fn out_says_where_it_wrote_in_swedish_and_keeps_the_byte_order_mark() {
    let project = example_on_a_fixed_day();
    project
        .run(&[
            "summary",
            "--months",
            "24",
            "--format",
            "csv",
            "-o",
            "sammanställning.csv",
        ])
        .success()
        .stdout("")
        .stderr("skrev sammanställning.csv\n");
    let csv = project.bytes("sammanställning.csv");
    assert!(
        csv.starts_with("\u{feff}".as_bytes()),
        "no BOM for a Swedish Excel"
    );
    assert!(String::from_utf8(csv)
        .unwrap()
        .contains("Bokcirkel: Formativ bedömning"));
}

#[test]
fn out_refuses_a_folder_in_either_language() {
    let project = example_on_a_fixed_day();
    project.write("export/keep.txt", "kept");
    project
        .run(&["--lang", "en", "list", "--out", "export"])
        .code(1)
        .stdout("")
        .stderr(
            "fortb: export is a folder; give --out the name of a file to write, in that folder or \
             elsewhere\n",
        );
    project
        .run(&["due", "--format", "ics", "--out", "export"])
        .code(1)
        .stderr(
            "fortb: export är en mapp; ge --out namnet på en fil att skriva, i den mappen eller \
             någon annanstans\n",
        );
    assert_eq!(project.read("export/keep.txt"), "kept");
}

#[test]
fn an_export_with_nothing_in_it_leaves_no_old_list_in_the_file() {
    let project = Project::new();
    project.write("due.txt", "last month's list\n");
    project
        .run(&["due", "--out", "due.txt"])
        .success()
        .stdout("")
        .stderr("Nothing due in the next 30 days and nothing overdue.\nwrote due.txt\n");
    assert_eq!(project.read("due.txt"), "");
}

#[test]
fn out_with_export_of_a_process_model_is_a_usage_error() {
    Project::new()
        .run(&["questions", "--export", "--out", "x.toml"])
        .code(2);
}
