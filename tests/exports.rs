//! Exports read by other programs: Markdown through a GitHub-flavoured Markdown renderer.

mod common;

use common::{commit, read_calendar, seconds_since_2020, set_written, Project};

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

/// LibreOffice, headless: `soffice` on PATH, or `None` after skipping the test (required in
/// CI: see tests/common/tools.rs).
fn libreoffice() -> Option<std::path::PathBuf> {
    common::needs(
        common::on_path(&["soffice", "soffice.exe", "libreoffice"]),
        "LibreOffice is not installed (apt-get install libreoffice-calc)",
    )
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

#[test]
fn a_moved_follow_up_updates_the_calendar_event() {
    let Some(python) = common::icalendar_python() else {
        return;
    };
    if !common::git_or_skip() {
        return;
    }
    let project = Project::new()
        .file("initiatives/laslyftet.toml", COURSE)
        .env("FORTB_TODAY", "2026-10-15");
    common::git_ok(project.root(), &["init", "-q"]);
    commit(&project, "2026-09-20T10:00:00Z");
    let due = ["--lang", "sv", "due", "--format", "ics", "--within", "90"];
    let first = project.stdout(&due);
    assert_eq!(
        first,
        project.stdout(&due),
        "the same project, the same bytes"
    );
    let before = common::read_calendar(&python, &first);
    assert_eq!(before["name"], "skolan – fortbildning");
    assert_eq!(before["rfc7986_name"], before["name"]);
    let event = &before["events"][0];
    assert_eq!(event["start"], "2026-10-31");
    // The seconds from 2020 to the last change, the commit.
    assert_eq!(
        event["sequence"],
        seconds_since_2020("2026-09-20T10:00:00Z")
    );
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
    set_written(
        &project,
        "initiatives/laslyftet.toml",
        "2026-10-11T09:00:00Z",
    );
    let edited = read_calendar(&python, &project.stdout(&due));
    let moved = &edited["events"][0];
    assert_eq!(moved["uid"], event["uid"]);
    assert_eq!(moved["start"], "2026-11-10");
    assert_eq!(
        moved["sequence"],
        seconds_since_2020("2026-10-11T09:00:00Z")
    );
    assert_eq!(moved["last_modified"], "2026-10-11T09:00:00+00:00");
    commit(&project, "2026-10-12T08:30:00Z");
    let committed = common::read_calendar(&python, &project.stdout(&due));
    let moved = &committed["events"][0];
    assert_eq!(moved["uid"], event["uid"]);
    assert_eq!(moved["start"], "2026-11-10");
    assert_eq!(
        moved["sequence"],
        seconds_since_2020("2026-10-12T08:30:00Z")
    );
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

/// html-validate (npm): where FORTB_HTML_VALIDATE says, or where `.ci/run` installs it; None
/// when it is not there (the test skipped, saying why; in CI it fails, see tests/common/tools.rs).
fn html_validate() -> Option<std::path::PathBuf> {
    let installed = std::env::var_os("HOME").map(|home| {
        std::path::Path::new(&home).join(".cache/fortb-ci/node_modules/.bin/html-validate")
    });
    let found = std::env::var_os("FORTB_HTML_VALIDATE")
        .map(std::path::PathBuf::from)
        .or(installed)
        .filter(|path| path.is_file());
    common::needs(
        found,
        "html-validate is not installed (npm install --prefix ~/.cache/fortb-ci html-validate, or set FORTB_HTML_VALIDATE)",
    )
}

/// The problems html-validate's `recommended` preset finds in `html`; empty when none.
fn validate_html(validator: &std::path::Path, html: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("htmlvalidate.json");
    std::fs::write(
        &config,
        r#"{ "root": true, "extends": ["html-validate:recommended"] }"#,
    )
    .unwrap();
    let page = dir.path().join("pack.html");
    std::fs::write(&page, html).unwrap();
    let output = std::process::Command::new(validator)
        .arg("--config")
        .arg(&config)
        .arg(&page)
        .output()
        .expect("html-validate runs");
    if output.status.success() {
        String::new()
    } else {
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    }
}

#[test]
fn the_html_pack_passes_html_validate_recommended_without_inline_style() {
    let example = Project::example().env("FORTB_TODAY", "2026-11-23");
    let hostile = hostile_project();
    // An organiser of two copies of the example: two units of one name, each with its plan.
    let organiser = Project::empty()
        .env("FORTB_TODAY", "2026-11-23")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\n[organisation]\nunits = [\"../skolor/*\"]\n",
        )
        .current_dir("kommunen");
    for unit in ["a", "b"] {
        let folder = organiser.path(&format!("skolor/{unit}"));
        common::copy_dir(&common::example_dir(), &folder);
    }
    let mut packs = Vec::new();
    for lang in ["sv", "en"] {
        let args = [
            "--lang", lang, "report", "--format", "html", "--months", "24",
        ];
        packs.push((format!("example, {lang}"), example.stdout(&args)));
        packs.push((format!("hostile, {lang}"), hostile.stdout(&args)));
        packs.push((format!("organiser, {lang}"), organiser.stdout(&args)));
    }
    for (name, html) in &packs {
        // Classes only, so that a Content-Security-Policy can forbid inline style.
        assert!(!html.contains("style=\""), "{name}: an inline style");
        assert!(
            !html.contains("role=\"region\""),
            "{name}: a div playing a section"
        );
        // Every date of the text stays on one line.
        let text_dates = html.matches("<span class=\"date\">").count();
        assert!(text_dates > 0, "{name}");
    }
    let Some(validator) = html_validate() else {
        return;
    };
    for (name, html) in &packs {
        let problems = validate_html(&validator, html);
        assert!(problems.is_empty(), "{name}:\n{problems}");
    }
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
            "fortb: export är en mapp; ge --out ett filnamn, i den mappen eller någon annanstans\n",
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

// ---------------------------------------------------------------------------------------------
// Tables for analysts: `fortb export`
// ---------------------------------------------------------------------------------------------

/// Two initiatives with a fact of every kind: ratings over two autumns (one entry stopped
/// halfway), indicator measurements, a survey shown and one too small to show, a transfer
/// round, cost and a title a spreadsheet would take for a formula.
fn analysts_project(lang: &str) -> Project {
    Project::empty()
        .file(
            "fortb.toml",
            &format!("name = \"Solbackaskolan\"\nlang = \"{lang}\"\nstaff = 40\n"),
        )
        .file(
            "initiatives/bok.toml",
            "schema = 1\ntitle = \"Bokcirkel: Formativ bedömning\"\nkind = \"book-circle\"\n\
             start = 2025-01-15\nend = 2025-05-20\nsessions = 6\nowner = \"Anna Lind\"\n\
             whole_staff = true\nhours = 9\n\n\
             [steps.concept]\nlearning_goals = [\"Formulera lärandemål\", \"Ge återkoppling\"]\n\n\
             [steps.follow-up]\ngoals_reached = \"partly\"\n\n\
             [[indicator]]\nname = \"Andel lektioner med synliga lärandemål\"\nlevel = \"behaviour\"\n\
             goal = \"micro\"\nbaseline = 30\ntarget = 80\nunit = \"%\"\n\
             measurements = [{ date = 2025-03-15, value = 48 }, { date = 2025-05-28, value = 71.5 }]\n\n\
             [[recall]]\nby = \"Anna Lind\"\ndate = 2025-11-17\nself = 4\nleadership = 3\nstaff = 3\n\
             why = [\"discussion\", \"practice\"]\nunaided = true\n\n\
             [[recall]]\nby = \"Erik Svensson\"\ndate = 2025-11-18\nself = 2\n\n\
             [[recall]]\nby = \"Anna Lind\"\ndate = 2026-11-16\nself = 3\nwhy = [\"practice\"]\n\n\
             [[recall]]\nby = \"Maria Nilsson\"\ndate = 2026-11-20\nself = 1\nincomplete = true\n\n\
             [survey]\nresponses = 6\nimported = 2025-06-01\n\
             ratings.applied = { text = \"Jag har använt det\", mean = 4.0, distribution = [0, 0, 1, 4, 1] }\n\n\
             [survey.rounds.90]\nresponses = 6\nimported = 2025-08-20\n\n\
             [survey.rounds.90.transfer]\nrespondents = 6\n\
             use = { never = 1, rarely = 1, monthly = 2, weekly = 2 }\nat_least_monthly = 0.67\n\
             confidence = 3.5\nconfidence_distribution = [0, 1, 2, 2, 1]\n\
             helped = { need = 1, delivery = 0, discussion = 3, practice = 2, other = 0 }\n\
             obstacles = { time = 3, follow_up = 1, relevance = 0, one_off = 0, support = 1, other = 0 }\n\
             leader_followed_up = 0.5\n\n\
             [[material]]\ntitle = \"=HYPERLINK(\\\"https://example.org\\\")\"\n\
             url = \"https://example.org/bok?a=1;b=2\"\nnote = \"Kapitel 1, 2\"\n",
        )
        .file(
            "initiatives/formel.toml",
            &format!(
                "schema = 1\ntitle = {SPREADSHEET_TITLE:?}\nkind = \"study-day\"\nstart = 2026-03-02\n\
                 cost = 12000.5\nparticipants = 30\nowner = \"Erik Svensson\"\n\n\
                 [[recall]]\nby = \"Erik Svensson\"\ndate = 2026-11-18\nself = 1\nleadership = 0\n\
                 why_not = [\"one_off\", \"follow_up\"]\n\n\
                 [survey]\nresponses = 2\nwaiting = 0\nimported = 2026-03-03\n"
            ),
        )
        .env("FORTB_TODAY", "2026-11-23")
}

const EXPORT_TABLES: [&str; 8] = [
    "initiatives",
    "ratings",
    "reasons",
    "goals",
    "measurements",
    "surveys",
    "transfer",
    "material",
];

#[test]
fn export_writes_one_tidy_table_per_kind_of_fact() {
    let project = analysts_project("en");
    let output = project
        .cmd()
        .args(["export", "--out", "analys"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(output.stdout.is_empty(), "data goes to the files");
    insta::assert_snapshot!(
        "export_tables_stderr",
        String::from_utf8(output.stderr).unwrap()
    );
    let mut files = EXPORT_TABLES.map(|t| format!("{t}.csv")).to_vec();
    files.push("csv-metadata.json".to_string());
    files.sort();
    assert_eq!(project.ls("analys"), files);
    // The columns' types, for a tool not told that the file has a decimal point.
    let metadata: serde_json::Value =
        serde_json::from_str(&project.read("analys/csv-metadata.json")).unwrap();
    let tables = metadata["tables"].as_array().unwrap();
    assert_eq!(tables.len(), EXPORT_TABLES.len());
    assert_eq!(tables[0]["url"], "initiatives.csv");
    assert_eq!(metadata["dialect"]["delimiter"], ",");
    for table in EXPORT_TABLES {
        let csv = project.read(&format!("analys/{table}.csv"));
        // Each table alone on stdout is the same file.
        assert_eq!(
            project.stdout(&["export", "--table", table]),
            csv,
            "{table}"
        );
        insta::assert_snapshot!(format!("export_table_{table}"), csv.replace("\r\n", "\n"));
        assert!(!csv.replace("\r\n", "").contains('\n'), "{table}: CRLF");
    }
}

#[test]
fn export_json_is_one_document_with_a_table_per_kind_of_fact() {
    let project = analysts_project("sv");
    let text = project.stdout(&["export", "--format", "json"]);
    // The whole document, byte for byte: it is written row by row as it is made, and this
    // holds it to the shape it had when it was built whole in memory first.
    insta::assert_snapshot!("export_json", text);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, [&["format"][..], &EXPORT_TABLES[..]].concat());
    let rating = &json["ratings"][0];
    assert_eq!(rating["score"], 4);
    assert_eq!(rating["why"], serde_json::json!(["discussion", "practice"]));
    assert_eq!(
        (&rating["unaided"], &rating["latest"]),
        (&true.into(), &false.into())
    );
    assert_eq!(
        rating["kind_label"], "Bokcirkel",
        "the label in the project's language"
    );
    assert_eq!(json["measurements"][1]["share_of_the_way"], 0.83);
    assert_eq!(
        json["initiatives"][0]["participant_count"], 40,
        "the unit's staff"
    );
    let one = project.stdout(&["export", "--format", "json", "--table", "transfer"]);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(one["transfer"][0]["used_weekly_count"], 2, "{one}");
    assert_eq!(
        one.as_object().unwrap().len(),
        2,
        "format and the one table"
    );
    project
        .run(&["export", "--format", "json", "--out", "ut"])
        .success()
        .stdout("")
        .stderr(predicates::str::contains("skrev ut/fortb-export.json ("));
    assert_eq!(project.read("ut/fortb-export.json"), text);
}

#[test]
fn export_leaves_out_a_survey_too_small_to_be_anonymous() {
    let project = analysts_project("en");
    let surveys = project.stdout(&["export", "--table", "surveys"]);
    assert!(surveys.contains("bok,Bokcirkel"), "{surveys}");
    assert!(!surveys.contains("formel"), "{surveys}");
    project
        .run(&["export", "--table", "ratings"])
        .success()
        .stderr("");
}

#[test]
fn export_pseudonymises_raters_and_owners_the_same_way_every_time() {
    let project = analysts_project("en");
    let named = project.stdout(&["export", "--format", "json"]);
    assert!(named.contains("Anna Lind"));
    let first = project.stdout(&["export", "--format", "json", "--pseudonymise"]);
    let again = project.stdout(&["export", "--format", "json", "--pseudonymise"]);
    assert_eq!(first, again, "stable pseudonyms");
    for name in ["Anna Lind", "Erik Svensson", "Maria Nilsson"] {
        assert!(!first.contains(name), "{name} in {first}");
    }
    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    let erik_owner = json["initiatives"][1]["owner"].as_str().unwrap();
    let raters: Vec<&str> = json["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rater"].as_str().unwrap())
        .collect();
    assert!(
        erik_owner.starts_with("P-") && erik_owner.len() == 10,
        "{erik_owner}"
    );
    assert_eq!(
        raters.last(),
        Some(&erik_owner),
        "one person, one pseudonym"
    );
    assert!(
        project.exists(".fortb/survey-key"),
        "keyed by the project's key"
    );
    // Another project (another key) gives other pseudonyms.
    let other = analysts_project("en");
    let elsewhere = other.stdout(&["export", "--format", "json", "--pseudonymise"]);
    assert_ne!(first, elsewhere);
}

#[test]
fn export_covers_every_unit_of_an_organiser() {
    let project = Project::empty().env("FORTB_TODAY", "2026-11-23");
    for unit in ["norr", "soder"] {
        common::copy_dir(analysts_project("en").root(), &project.path(unit));
        project.write(
            &format!("{unit}/fortb.toml"),
            format!("name = \"{unit}\"\n"),
        );
    }
    let both = [
        "--project",
        "norr",
        "--project",
        "soder",
        "export",
        "--table",
        "ratings",
    ];
    let csv = project.stdout(&both);
    let units: std::collections::BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap())
        .collect();
    assert_eq!(units.into_iter().collect::<Vec<_>>(), ["norr", "soder"]);
    let mut one = both.to_vec();
    one.extend(["--unit", "soder"]);
    let soder = project.stdout(&one);
    assert!(
        soder.lines().skip(1).all(|l| l.starts_with("soder,")),
        "{soder}"
    );
}

#[test]
fn export_asks_where_a_csv_goes_and_refuses_a_file_as_its_folder() {
    let project = analysts_project("en");
    project
        .run(&["export"])
        .failure()
        .code(2)
        .stderr(predicates::str::contains("--out DIR"));
    project.write("analys", "not a folder");
    project
        .run(&["export", "--out", "analys"])
        .failure()
        .code(1)
        .stderr("fortb: analys is not a folder; give --out the folder to write the export's files into\n");
    assert_eq!(project.read("analys"), "not a folder");
}

#[test]
fn every_export_table_opens_in_a_spreadsheet_with_numbers_and_no_formulas() {
    let Some(soffice) = libreoffice() else {
        return;
    };
    for (lang, swedish) in [("sv", true), ("en", false)] {
        let project = analysts_project(lang);
        let csvs = EXPORT_TABLES.map(|table| project.stdout(&["export", "--table", table]));
        let sheets = open_in_spreadsheet(&soffice, &csvs.each_ref().map(String::as_str), swedish);
        for (table, rows) in EXPORT_TABLES.iter().zip(&sheets) {
            let header = rows[0].len();
            assert!(rows.len() > 1, "{lang} {table}: rows: {rows:?}");
            for row in rows {
                assert!(
                    row.len() <= header,
                    "{lang} {table}: extra columns: {row:?}"
                );
                assert!(row.iter().all(|c| !c.formula), "{lang} {table}: {row:?}");
            }
        }
        let column = |sheet: usize, name: &str| {
            sheets[sheet][0]
                .iter()
                .position(|c| c.text == name)
                .unwrap()
        };
        let initiatives = &sheets[0];
        assert_eq!(
            initiatives[2][column(0, "title")].text,
            format!("'{SPREADSHEET_TITLE}"),
            "{lang}: a formula-like title stays text"
        );
        assert_eq!(
            initiatives[2][column(0, "cost")].number,
            Some(12000.5),
            "{lang}"
        );
        assert_eq!(
            initiatives[1][column(0, "year")].number,
            Some(2025.0),
            "{lang}"
        );
        let ratings = &sheets[1];
        assert_eq!(ratings[1][column(1, "score")].number, Some(4.0), "{lang}");
        assert_eq!(ratings[1][column(1, "rater")].text, "Anna Lind", "{lang}");
        let measurements = &sheets[4];
        assert_eq!(
            measurements[2][column(4, "share_of_the_way")].number,
            Some(0.83),
            "{lang}: a decimal number"
        );
        let reasons = &sheets[2];
        assert_eq!(reasons[1][column(2, "reason")].text, "discussion", "{lang}");
        let transfer = &sheets[6];
        assert_eq!(
            transfer[1][column(6, "at_least_monthly")].number,
            Some(0.67),
            "{lang}"
        );
    }
}
