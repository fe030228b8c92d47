//! Exports read by other programs: Markdown through a GitHub-flavoured Markdown renderer.

mod common;

use common::Project;

/// A title and answers that would turn into markup, links, code, HTML or extra table cells if
/// they were not escaped.
const HOSTILE_TITLE: &str =
    "*Fet* _kursiv_ [klicka](javascript:alert(1)) `kod` <b>html</b> a\\|b ~~bort~~ &amp; # 1. slut";
const HOSTILE_NEED: &str = "- inte en lista <script>x</script> **ej fet**";

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
