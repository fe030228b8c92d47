//! From the look-back to the next initiative: themes, "not training" as an outcome, the
//! lessons of earlier initiatives offered when a new one is planned, and material with its
//! links. Every project here is made by hand, and every date is given.

mod common;

use common::{json, Project};
use predicates::prelude::*;
use predicates::str::contains;

/// A book circle with three people's ratings, their reasons and the follow-up's lessons.
fn book_circle(title: &str, start: &str, score: u8, lesson: &str) -> String {
    let mut text = format!(
        "schema = 1\ntitle = \"{title}\"\nkind = \"book-circle\"\nstart = {start}\nend = {start}\n\
         sessions = 5\nthemes = [\"läsning\"]\n\n[steps.follow-up]\nlessons = [\"{lesson}\"]\n"
    );
    for by in ["Anna", "Bo", "Cia"] {
        text.push_str(&format!(
            "\n[[recall]]\nby = \"{by}\"\ndate = 2026-06-01\nself = {score}\nleadership = {score}\n\
             staff = {score}\nwhy = [\"discussion\", \"practice\"]\nwhy_not = [\"time\"]\n"
        ));
    }
    text
}

/// A project with three earlier book circles and a study day on another theme.
fn three_book_circles() -> Project {
    Project::new()
        .file(
            "initiatives/bokcirkel-a.toml",
            &book_circle("Bokcirkel A", "2024-09-01", 3, "Boka träffarna i förväg"),
        )
        .file(
            "initiatives/bokcirkel-b.toml",
            &book_circle("Bokcirkel B", "2025-02-01", 1, "Välj en kortare bok"),
        )
        .file(
            "initiatives/bokcirkel-c.toml",
            &book_circle("Bokcirkel C", "2025-09-01", 4, "Uppgifter mellan träffarna"),
        )
        .file(
            "initiatives/studiedag.toml",
            "schema = 1\ntitle = \"Studiedag om NPF\"\nkind = \"study-day\"\nstart = 2025-03-01\nthemes = [\"NPF\"]\n",
        )
}

// ---------------------------------------------------------------------------------------------
// Lessons offered when planning
// ---------------------------------------------------------------------------------------------

#[test]
fn a_new_book_circle_is_shown_how_the_three_earlier_ones_went_in_both_languages() {
    let project = three_book_circles();
    for (lang, heading, impact, why, lesson) in [
        (
            "sv",
            "Tidigare insatser av samma slag",
            "genomslag 4,0, gjort skillnad",
            "fastnade: diskussion, övning · inte: tid",
            "Lärdom: Uppgifter mellan träffarna",
        ),
        (
            "en",
            "Earlier initiatives like this one",
            "impact 4.0, made a difference",
            "stuck: discussion, practice · not: time",
            "Lesson: Uppgifter mellan träffarna",
        ),
    ] {
        let title = format!("Bokcirkel ny {lang}");
        let output = project.output(&["--lang", lang, "new", &title, "--start", "2026-09-01"]);
        assert!(output.status.success(), "{output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        // Not a terminal: stdout is the path alone, the panel is on stderr.
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
        for expected in [
            heading,
            impact,
            why,
            lesson,
            "Bokcirkel A (2024)",
            "Välj en kortare bok",
        ] {
            assert!(stderr.contains(expected), "{expected} in {stderr}");
        }
        // The latest first, the study day (another kind and theme) not at all.
        let at = |text: &str| stderr.find(text).unwrap();
        assert!(at("Bokcirkel C") < at("Bokcirkel B") && at("Bokcirkel B") < at("Bokcirkel A"));
        assert!(!stderr.contains("NPF"), "{stderr}");
    }
}

#[test]
fn the_panel_keeps_to_fifteen_lines_of_eighty_columns() {
    let mut project = three_book_circles();
    for n in 0..6 {
        let long = "Mycket lång lärdom ".repeat(10);
        project = project.file(
            &format!("initiatives/bok-{n}.toml"),
            &book_circle(&format!("Bokcirkel {n}"), "2025-10-01", 2, &long),
        );
    }
    let output = project.output(&[
        "--lang",
        "sv",
        "new",
        "Bokcirkel ny",
        "--start",
        "2026-09-01",
    ]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    let panel: Vec<&str> = stderr
        .lines()
        .skip_while(|l| !l.starts_with("Tidigare insatser"))
        .take_while(|l| l.starts_with("Tidigare") || l.starts_with("• ") || l.starts_with("  "))
        .collect();
    assert!(panel.len() > 5 && panel.len() <= 15, "{stderr}");
    assert!(panel.iter().all(|l| l.chars().count() <= 80), "{stderr}");
    assert_eq!(panel.iter().filter(|l| l.starts_with("• ")).count(), 5);
}

/// Issue 28: a title too long for the line gives way to the impact's number, rather than
/// the line being cut after its " · "; in a terminal narrower than 80 columns the panel is
/// laid out to its width, the last column free, rather than each long line wrapping.
#[test]
fn a_long_title_gives_way_to_the_impact_in_the_terminal_s_width() {
    let title = "Kollegialt lärande: lektionsbesök i matematik i alla årskurser på skolan";
    for columns in [80, 60] {
        let project = Project::new()
            .file(
                "initiatives/bokcirkel-lang.toml",
                &book_circle(
                    title,
                    "2025-09-01",
                    3,
                    "Boka träffarna i förväg och håll tiden",
                ),
            )
            .env("COLUMNS", &columns.to_string());
        for (lang, impact) in [("sv", " · genomslag 3,0"), ("en", " · impact 3.0")] {
            let args = [
                "--lang",
                lang,
                "new",
                "Bokcirkel ny",
                "--start",
                "2026-09-01",
            ];
            let stderr = String::from_utf8(project.output(&args).stderr).unwrap();
            let head = stderr.lines().find(|l| l.starts_with("• ")).expect(&stderr);
            assert!(head.ends_with(impact), "{lang} {columns}: {head}");
            let cut = head.strip_suffix(impact).unwrap().strip_suffix('…');
            assert!(title.starts_with(&cut.expect(head)["• ".len()..]), "{head}");
            let panel = stderr.lines().skip_while(|l| !l.starts_with("• "));
            for line in panel.take_while(|l| l.starts_with("• ") || l.starts_with("  ")) {
                assert!(line.chars().count() < columns, "{lang}: {line:?}\n{stderr}");
            }
        }
    }
}

#[test]
fn a_long_title_gives_way_to_the_impact_in_the_panel() {
    let long = "Bokcirkel: Kollegialt lärande om lektionsbesök i matematik och svenska";
    let project = Project::new().file(
        "initiatives/lang.toml",
        &book_circle(long, "2025-09-01", 3, "Boka träffarna i förväg"),
    );
    let output = project.output(&["--lang", "sv", "new", "Bokcirkel ny"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    let head = stderr
        .lines()
        .find(|l| l.starts_with("• "))
        .unwrap_or_else(|| panic!("{stderr}"));
    // The title is cut at a word, the number is whole, and the line keeps to 80 columns.
    assert!(head.ends_with("… · genomslag 3,0"), "{head}");
    assert!(
        head.starts_with("• Bokcirkel: Kollegialt lärande"),
        "{head}"
    );
    assert!(head.chars().count() <= 80, "{head}");
    let kept = head["• ".len()..].split('…').next().unwrap();
    assert!(long.starts_with(kept), "{head}");
    assert_eq!(
        long[kept.len()..].chars().next(),
        Some(' '),
        "cut inside a word: {head}"
    );
    let next_word = long[kept.len()..].split_whitespace().next().unwrap();
    assert!(
        head.chars().count() + 1 + next_word.chars().count() > 80,
        "the next word had room: {head}"
    );
}

#[test]
fn the_panel_is_quiet_when_nothing_earlier_is_like_it() {
    let project = three_book_circles();
    project
        .run(&[
            "--lang",
            "sv",
            "new",
            "Projekt om raster",
            "--kind",
            "project",
        ])
        .success()
        .stderr(contains("Tidigare").not());
    // A theme is enough to be alike: the study day on NPF is found by it.
    project
        .run(&[
            "--lang",
            "sv",
            "new",
            "Handledning",
            "--theme",
            "npf",
            "--quiet",
        ])
        .success()
        .stdout("initiatives/handledning.toml\n")
        .stderr(contains("Studiedag om NPF (2025) · inte bedömd än"));
}

#[test]
fn lessons_lists_a_group_as_a_table_markdown_and_json() {
    let project = three_book_circles();
    let table = project.stdout(&["--lang", "en", "lessons", "--theme", "Läsning"]);
    assert_eq!(table.matches("• ").count(), 3, "{table}");
    let markdown = project.stdout(&[
        "--lang",
        "sv",
        "lessons",
        "--kind",
        "bokcirkel",
        "--format",
        "markdown",
    ]);
    assert!(
        markdown.starts_with("# Lärdomar från tidigare insatser\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Bokcirkel C (2025)** — genomslag 4,0"),
        "{markdown}"
    );
    let value = json(&project.stdout(&["lessons", "--kind", "book-circle", "--format", "json"]));
    assert_eq!(value["format"], 1);
    let first = &value["initiatives"][0];
    assert_eq!(first["id"], "bokcirkel-c");
    assert_eq!(first["impact"], 4.0);
    assert_eq!(first["why"], serde_json::json!(["discussion", "practice"]));
    assert_eq!(
        first["lessons"],
        serde_json::json!(["Uppgifter mellan träffarna"])
    );
    project
        .run(&["--lang", "sv", "lessons", "--kind", "konferens"])
        .success()
        .stdout("")
        .stderr("Ingen tidigare insats passar.\n");
}

/// The entry of `id` in `fortb lessons --format json`.
fn lessons_of(project: &Project, id: &str) -> serde_json::Value {
    let value = json(&project.stdout(&["lessons", "--format", "json"]));
    value["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {value}"))
        .clone()
}

#[test]
fn survey_free_text_is_a_lesson_only_as_the_survey_kept_it() {
    let project = three_book_circles()
        .file(
            "initiatives/bokcirkel-a.survey.md",
            "# Bokcirkel A: fritextsvar\n\n## Vad skulle behövas för att det ska fastna bättre?\n\n\
             - Mer tid att läsa\n\n## Vad har du ändrat i ditt arbete tack vare insatsen?\n\n- Inget\n",
        );
    // Without survey results in the record the file is not read at all.
    let a = lessons_of(&project, "bokcirkel-a");
    assert_eq!(a["lessons"], serde_json::json!(["Boka träffarna i förväg"]));
    let record = project.read("initiatives/bokcirkel-a.toml");
    project.write(
        "initiatives/bokcirkel-a.toml",
        format!("{record}\n[survey]\nresponses = 9\n"),
    );
    let a = lessons_of(&project, "bokcirkel-a");
    assert_eq!(
        a["lessons"],
        serde_json::json!(["Boka träffarna i förväg", "Mer tid att läsa"])
    );
}

#[test]
fn the_report_has_lessons_for_next_time_by_kind() {
    let project = three_book_circles();
    for (lang, heading) in [
        ("sv", "## Lärdomar till nästa gång"),
        ("en", "## Lessons for next time"),
    ] {
        let report = project.stdout(&[
            "--lang",
            lang,
            "report",
            "--since",
            "2024-01-01",
            "--until",
            "2026-11-23",
        ]);
        let section = &report[report.find(heading).expect(heading)..];
        assert!(section.contains("Välj en kortare bok"), "{section}");
    }
}

/// The three book circles (theme "läsning"), a course on two themes, one written as the
/// book circles write it in other letters, and a study day without a theme, each with lessons.
fn lessons_on_themes() -> Project {
    three_book_circles()
        .file(
            "initiatives/npf-kurs.toml",
            "schema = 1\ntitle = \"Kurs: NPF och läsning\"\nkind = \"course\"\n\
             start = 2025-04-01\nthemes = [\"NPF\", \"Läsning\"]\n\n[steps.follow-up]\n\
             lessons = [\"Bjud in elevhälsan\"]\n",
        )
        .file(
            "initiatives/studiedag-rutiner.toml",
            "schema = 1\ntitle = \"Studiedag: rutiner\"\nkind = \"study-day\"\nstart = 2025-08-15\n\n\
             [steps.follow-up]\nlessons = [\"Kortare pass\"]\n",
        )
}

/// The report's section of lessons for next time, from its heading to the next section.
fn lessons_section(report: &str, heading: &str, end: &str) -> String {
    let start = report.find(heading).expect(heading);
    let length = report[start..].find(end).expect(end);
    report[start..start + length].to_string()
}

#[test]
fn the_report_groups_lessons_by_theme_when_asked_in_both_languages() {
    let project = lessons_on_themes();
    let period = ["--since", "2024-01-01", "--until", "2026-11-23"];
    for (lang, by, heading) in [
        ("sv", "tema", "## Lärdomar till nästa gång"),
        ("en", "theme", "## Lessons for next time"),
    ] {
        let args = |format: &str| {
            let mut args = vec!["--lang", lang, "report", "--format", format];
            args.extend(period);
            args.extend(["--lessons-by", by]);
            args.into_iter().map(String::from).collect::<Vec<_>>()
        };
        let run = |args: Vec<String>| {
            project.stdout(&args.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let markdown = run(args("markdown"));
        let section = lessons_section(&markdown, heading, "\n## ");
        insta::assert_snapshot!(format!("report_lessons_by_theme_markdown_{lang}"), section);
        let html = run(args("html"));
        let section = lessons_section(&html, "<section aria-labelledby=\"lessons\">", "</section>");
        insta::assert_snapshot!(format!("report_lessons_by_theme_html_{lang}"), section);
    }
    // Without the option, by kind as before.
    let mut args = vec!["--lang", "en", "report"];
    args.extend(period);
    let report = project.stdout(&args);
    let section = lessons_section(&report, "## Lessons for next time", "\n## ");
    assert!(
        section.contains("### Book circle") && !section.contains("### läsning"),
        "{section}"
    );
}

// ---------------------------------------------------------------------------------------------
// "Not training"
// ---------------------------------------------------------------------------------------------

/// The three book circles and a need met by information, with ratings and a deadline to come.
fn with_a_need_met_without_training() -> Project {
    three_book_circles().file(
        "initiatives/rutiner.toml",
        "schema = 1\ntitle = \"Nya rutiner för frånvaro\"\nkind = \"study-day\"\nstart = 2026-01-10\n\
         end = 2026-01-10\n\n[steps.analysis]\nmix = [\"information\"]\ntraining_enough = false\n\n\
         [[recall]]\nby = \"Anna\"\ndate = 2026-06-01\nself = 4\nleadership = 4\nstaff = 4\n",
    )
}

#[test]
fn a_need_met_without_training_is_counted_but_not_ranked_and_waits_for_nothing() {
    let project = with_a_need_met_without_training();
    let due_before = json(&project.stdout(&["due", "--within", "1000", "--format", "json"]));
    assert!(due_before.to_string().contains("rutiner"), "{due_before}");
    project
        .run(&["--lang", "sv", "set", "rutiner", "utfall=inte-utbildning"])
        .success();
    assert!(project
        .read("initiatives/rutiner.toml")
        .contains("outcome = \"not-training\""));
    let summary = json(&project.stdout(&[
        "summary",
        "--since",
        "2024-01-01",
        "--until",
        "2026-11-23",
        "--format",
        "json",
    ]));
    let ids: Vec<&str> = summary["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"rutiner"), "{ids:?}");
    assert_eq!(summary["initiatives"][0]["rank"], 1);
    assert_eq!(summary["patterns"]["not_training_count"], 1);
    assert_eq!(summary["patterns"]["need_count"], 5);
    for (lang, line) in [
        ("sv", "1 av 5 behov möttes med information eller en ändring i hur arbetet är organiserat, inte med utbildning"),
        ("en", "1 of 5 needs was met by information or a change in how work is organised, not by training"),
    ] {
        project
            .run(&["--lang", lang, "summary", "--since", "2024-01-01", "--until", "2026-11-23"])
            .success()
            .stdout(contains(line));
    }
    let due = json(&project.stdout(&["due", "--within", "1000", "--format", "json"]));
    assert!(!due.to_string().contains("rutiner"), "{due}");
    project
        .run(&["--lang", "en", "status"])
        .success()
        .stdout(contains("rutiner").and(contains("Not training")));
    let status = json(&project.stdout(&["status", "--format", "json"]));
    let row = status["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "rutiner")
        .unwrap()
        .clone();
    assert_eq!(row["step"], "not-training");
}

// ---------------------------------------------------------------------------------------------
// Themes
// ---------------------------------------------------------------------------------------------

#[test]
fn themes_are_set_filtered_and_grouped_by() {
    let project = three_book_circles();
    project
        .run(&[
            "new",
            "Handledning i NPF",
            "--kind",
            "coaching",
            "--theme",
            "NPF",
            "--theme",
            "läsning",
            "--theme",
            "npf",
            "--no-interview",
        ])
        .success();
    assert!(project
        .read("initiatives/handledning-i-npf.toml")
        .contains("themes = [\"NPF\", \"läsning\"]"));
    project
        .run(&["--lang", "sv", "set", "studiedag", "teman=NPF; trygghet"])
        .success();
    assert!(project
        .read("initiatives/studiedag.toml")
        .contains("themes = [\"NPF\", \"trygghet\"]"));
    let listed = project.stdout(&["list", "--theme", "npf", "--format", "json"]);
    assert!(
        listed.contains("handledning-i-npf") && listed.contains("studiedag"),
        "{listed}"
    );
    assert!(!listed.contains("bokcirkel"), "{listed}");
    let grouped = json(&project.stdout(&[
        "summary",
        "--since",
        "2024-01-01",
        "--until",
        "2026-11-23",
        "--group-by",
        "theme",
        "--format",
        "json",
    ]));
    let groups: Vec<(String, u64)> = grouped["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["label"].as_str().unwrap().to_string(),
                g["initiative_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("läsning".to_string(), 3),
            ("NPF".to_string(), 1),
            ("trygghet".to_string(), 1)
        ]
    );
    let filtered = json(&project.stdout(&[
        "summary",
        "--since",
        "2024-01-01",
        "--until",
        "2026-11-23",
        "--theme",
        "NPF",
        "--format",
        "json",
    ]));
    assert_eq!(filtered["initiatives"].as_array().unwrap().len(), 1);
}

#[test]
fn a_theme_pattern_needs_two_themes_rated_twice() {
    let project = three_book_circles();
    let pattern = |project: &Project| {
        project.stdout(&[
            "--lang",
            "en",
            "summary",
            "--since",
            "2024-01-01",
            "--until",
            "2026-11-23",
        ])
    };
    assert!(!pattern(&project).contains("Mean impact by theme"));
    for (id, start) in [("npf-a", "2025-04-01"), ("npf-b", "2025-05-01")] {
        project.write(
            &format!("initiatives/{id}.toml"),
            format!(
                "schema = 1\ntitle = \"{id}\"\nkind = \"study-day\"\nstart = {start}\nthemes = [\"NPF\"]\n\n\
                 [[recall]]\nby = \"Anna\"\ndate = 2026-06-01\nself = 1\nleadership = 1\nstaff = 1\n"
            ),
        );
    }
    let summary = pattern(&project);
    assert!(
        summary.contains(
            "Mean impact by theme\n  läsning: 2.7 (3 initiatives)\n  NPF: 1.0 (2 initiatives)\n"
        ),
        "{summary}"
    );
}

#[test]
fn check_suggests_the_listed_theme_for_a_near_miss() {
    let project = three_book_circles();
    let config = project.read("fortb.toml");
    project.write(
        "fortb.toml",
        format!("{config}\nthemes = [\"formativ bedömning\", \"NPF\"]\n"),
    );
    project.write(
        "initiatives/ny.toml",
        "schema = 1\ntitle = \"Ny\"\nkind = \"other\"\nthemes = [\"formativ bedömnig\", \"digitalisering\"]\n",
    );
    project
        .run(&["--lang", "sv", "check"])
        .success()
        .stdout(contains(
            "initiatives/ny.toml:4:1: varning: temat \"formativ bedömnig\" finns inte i projektets lista i fortb.toml; menade du \"formativ bedömning\"?",
        ))
        // A new theme is allowed: one warning, for the near miss alone.
        .stderr(contains("varningar: 1\n"));
}

// ---------------------------------------------------------------------------------------------
// Material
// ---------------------------------------------------------------------------------------------

#[test]
fn only_web_and_mail_links_are_material_and_the_report_links_them() {
    let project = three_book_circles();
    for (lang, message) in [
        ("sv", "länken \"javascript:alert(1)\" godtas inte"),
        ("en", "the link \"javascript:alert(1)\" is not accepted"),
    ] {
        project
            .run(&[
                "--lang",
                lang,
                "material",
                "add",
                "bokcirkel-c",
                "javascript:alert(1)",
                "--title",
                "x",
            ])
            .code(2)
            .stderr(contains(message));
    }
    project
        .run(&[
            "material",
            "add",
            "bokcirkel-c",
            "https://example.org/bok?a=1&b=<2>",
            "--title",
            "Boken <b>",
            "--note",
            "Kapitel 1–4",
        ])
        .success();
    let record = project.read("initiatives/bokcirkel-c.toml");
    assert!(record.contains("[[material]]\ntitle = \"Boken <b>\"\nurl = \"https://example.org/bok?a=1&b=<2>\"\nnote = \"Kapitel 1–4\"\n"), "{record}");
    let html = project.stdout(&[
        "report",
        "--format",
        "html",
        "--since",
        "2024-01-01",
        "--until",
        "2026-11-23",
    ]);
    assert!(
        html.contains("<a href=\"https://example.org/bok?a=1&amp;b=&lt;2&gt;\" rel=\"noopener noreferrer\">Boken &lt;b&gt;</a>"),
        "{html}"
    );
    let markdown = project.stdout(&["report", "--since", "2024-01-01", "--until", "2026-11-23"]);
    assert!(
        markdown.contains("[Boken \\<b\\>](<https://example.org/bok?a=1&b=%3C2%3E>)"),
        "{markdown}"
    );
    project
        .run(&["--lang", "en", "show", "bokcirkel-c"])
        .success()
        .stdout(contains(
            "Material\n  Boken <b> — Kapitel 1–4\n    https://example.org/bok?a=1&b=<2>\n",
        ));
    let export = json(&project.stdout(&["export", "--format", "json", "--table", "material"]));
    assert_eq!(
        export["material"][0]["url"],
        "https://example.org/bok?a=1&b=<2>"
    );
    // The next book circle's panel names the book.
    project
        .run(&["new", "Bokcirkel D", "--no-interview"])
        .success()
        .stderr(contains(
            "Material: Boken <b> https://example.org/bok?a=1&b=<2>",
        ));
}

#[test]
fn a_hand_written_javascript_link_breaks_the_record_with_its_place() {
    let project = three_book_circles();
    let record = project.read("initiatives/bokcirkel-c.toml");
    project.write(
        "initiatives/bokcirkel-c.toml",
        format!("{record}\n[[material]]\ntitle = \"x\"\nurl = \"javascript:alert(1)\"\n"),
    );
    project
        .run(&["--lang", "en", "check"])
        .code(1)
        .stdout(contains("initiatives/bokcirkel-c.toml:").and(contains(
            "the link \"javascript:alert(1)\" is not accepted: a material link starts with https://, http:// or mailto:",
        )));
    let html = project.output(&["report", "--format", "html"]);
    assert!(!String::from_utf8_lossy(&html.stdout).contains("javascript:"));
}

// ---------------------------------------------------------------------------------------------
// The words of the look-back
// ---------------------------------------------------------------------------------------------

#[test]
fn an_external_expert_is_extern_expert_in_swedish_and_the_old_word_still_works() {
    let project = Project::new();
    project
        .run(&[
            "new",
            "Föreläsning",
            "--kind",
            "Extern föreläsare",
            "--no-interview",
        ])
        .success();
    assert!(project
        .read("initiatives/forelasning.toml")
        .contains("kind = \"external-expert\""));
    project
        .run(&["--lang", "sv", "show", "forelasning"])
        .success()
        .stdout(contains("Typ:             Extern expert"));
    project
        .run(&["--lang", "en", "show", "forelasning"])
        .success()
        .stdout(contains("External expert"));
}

#[test]
fn a_unit_learns_from_its_organiser_and_the_other_units() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    common::copy_dir(&examples, dir.path());
    let output = common::fortb_process()
        .current_dir(dir.path().join("byskolan"))
        .env("FORTB_TODAY", "2026-11-23")
        .args(["new", "Bokcirkel igen", "--theme", "formativ bedömning"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    // The school next door, named with its unit, and the unit's own book circle.
    assert!(
        stderr.contains(
            "• Bokcirkel: Formativ bedömning (Solbackaskolan F–9, 2025) · genomslag 3,2\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("Bokcirkel: Läsande klassrum (Byskolan F–6, 2025)"),
        "{stderr}"
    );
}

#[test]
fn a_kind_written_as_any_accepted_word_is_found_for_the_panel() {
    let project = Project::new();
    for (id, kind) in [
        ("a", "Bokcirkel"),
        ("b", "book_circle"),
        ("c", "BOOK CIRCLE"),
    ] {
        project.write(
            &format!("initiatives/{id}.toml"),
            format!("title = \"Cirkel {id}\"\nkind = \"{kind}\"\nstart = 2025-01-01\n"),
        );
    }
    let output = project.output(&["--lang", "en", "new", "Bokcirkel ny"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    for id in ["a", "b", "c"] {
        assert!(
            stderr.contains(&format!("• Cirkel {id} (2025)")),
            "{stderr}"
        );
    }
}

/// The panel `new` shows on stderr for a new book circle; the record made is removed again,
/// so that each call sees the same project.
fn panel_of(project: &Project) -> String {
    let output = project.output(&["--lang", "en", "new", "Bokcirkel ny", "--quiet"]);
    assert!(output.status.success(), "{output:?}");
    let made = String::from_utf8(output.stdout).unwrap();
    std::fs::remove_file(project.path(made.trim())).unwrap();
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn the_index_behind_the_panel_follows_every_change_to_the_records() {
    // The hook lets the index keep a file's entry at once instead of after three seconds.
    let project = three_book_circles().env("FORTB_TEST_INDEX_AT_ONCE", "1");
    let panel = panel_of(&project);
    for title in [
        "Bokcirkel A (2024)",
        "Bokcirkel B (2025)",
        "Bokcirkel C (2025)",
    ] {
        assert!(panel.contains(title), "{title} in {panel}");
    }
    assert!(project.exists(".fortb/lessons-index"));
    // Kept out of git by the private folder's own ignore file.
    assert!(project.read(".fortb/.gitignore").contains('*'));

    // Another kind (another size): no longer a book circle.
    let b = project.read("initiatives/bokcirkel-b.toml");
    project.write(
        "initiatives/bokcirkel-b.toml",
        b.replace("book-circle", "study-day"),
    );
    // The same size, written at another time.
    let a = project.read("initiatives/bokcirkel-a.toml");
    project.write(
        "initiatives/bokcirkel-a.toml",
        a.replace("Bokcirkel A", "Bokcirkel X"),
    );
    common::set_written(
        &project,
        "initiatives/bokcirkel-a.toml",
        "2020-01-01T00:00:00Z",
    );
    // A new one.
    project.write(
        "initiatives/bokcirkel-d.toml",
        book_circle("Bokcirkel D", "2025-11-01", 2, "Kortare träffar"),
    );
    let panel = panel_of(&project);
    assert!(!panel.contains("Bokcirkel B"), "{panel}");
    assert!(!panel.contains("Bokcirkel A"), "{panel}");
    for title in ["Bokcirkel X (2024)", "Bokcirkel D (2025)"] {
        assert!(panel.contains(title), "{title} in {panel}");
    }

    // Removed: gone from the panel.
    std::fs::remove_file(project.path("initiatives/bokcirkel-d.toml")).unwrap();
    assert!(!panel_of(&project).contains("Bokcirkel D"));

    // An index that is not one is rebuilt, and the panel is as before.
    project.write(".fortb/lessons-index", "not an index");
    let rebuilt = panel_of(&project);
    assert!(rebuilt.contains("Bokcirkel X (2024)"), "{rebuilt}");
    assert!(project
        .read(".fortb/lessons-index")
        .starts_with("fortb lessons index"));
}

/// A file changed to the same size with its old modification time put back (as `touch -d`
/// or an unpacked archive can): Unix keeps a change time no program can set back, and the
/// index compares it too. Windows has no such time, so this holds on Unix only.
#[cfg(unix)]
#[test]
fn the_index_sees_a_change_whose_modification_time_was_put_back() {
    let project = three_book_circles().env("FORTB_TEST_INDEX_AT_ONCE", "1");
    common::set_written(
        &project,
        "initiatives/bokcirkel-c.toml",
        "2025-10-01T00:00:00Z",
    );
    assert!(panel_of(&project).contains("Bokcirkel C (2025)"));
    let c = project.read("initiatives/bokcirkel-c.toml");
    project.write(
        "initiatives/bokcirkel-c.toml",
        c.replace("Bokcirkel C", "Bokcirkel Y"),
    );
    common::set_written(
        &project,
        "initiatives/bokcirkel-c.toml",
        "2025-10-01T00:00:00Z",
    );
    let panel = panel_of(&project);
    assert!(panel.contains("Bokcirkel Y (2025)"), "{panel}");
}

#[test]
fn group_by_goal_names_each_group_by_the_plan() {
    let project = Project::example();
    let table = project.stdout(&[
        "--lang",
        "en",
        "summary",
        "--until",
        "2026-11-23",
        "--group-by",
        "goal",
    ]);
    assert!(
        table.contains("\nFormativ och likvärdig bedömning i alla ämnen (formativ)  "),
        "{table}"
    );
    assert!(table.contains("\nNot stated  "), "{table}");
}
