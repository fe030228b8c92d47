//! The leadership-meeting pack: heading, ranked table, patterns, and per initiative its need
//! and follow-up in a sentence or two — as Markdown, or as one self-contained HTML page with
//! inline CSS and SVG charts (no scripts, fonts or anything fetched), printable on A4.

use std::fmt::Write;

use rayon::prelude::*;

use crate::escape;
use crate::i18n::labels::Labelled;
use crate::lookback::chart;
use crate::lookback::impact::GroupBy;
use crate::lookback::report_html;
use crate::lookback::report_lessons::LessonsBy;
use crate::lookback::report_memory;
use crate::lookback::summary::{self, number, Row, Summary};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::plan::unit_plans::{self, PlansView};
use crate::t;

/// The answers the pack tells each initiative's story from; the rest need not be loaded.
pub const STORY_ANSWERS: &[(&str, &str)] = &[
    ("need", "why"),
    ("need", "goal"),
    ("follow-up", "goals_reached"),
    ("follow-up", "value_work"),
    ("follow-up", "value_beneficiary"),
    ("follow-up", "indicator_results"),
    crate::lookback::lessons::LESSONS_ANSWER,
];

/// The first sentence or two of a text, for a one-glance summary.
fn gist(text: &str, max_chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = 0;
    for (count, (index, ch)) in flat.char_indices().enumerate() {
        if count >= max_chars {
            break;
        }
        end = index + ch.len_utf8();
        if matches!(ch, '.' | '!' | '?') && count > max_chars / 3 {
            break;
        }
    }
    let mut gist = flat[..end].to_string();
    if end < flat.len() && !gist.ends_with(['.', '!', '?']) {
        gist.push('…');
    }
    gist
}

fn answer(initiative: &Initiative, step: &str, keys: &[&str]) -> Option<String> {
    let answers = &initiative.record.steps.get(step)?.answers;
    keys.iter()
        .find_map(|key| answers.get(*key).and_then(toml::Value::as_str))
        .map(|t| gist(t, 220))
}

/// Need and follow-up of one initiative, in the report's words; the need and follow-up in
/// the records' words, when written down.
struct Story {
    /// `3. `, or nothing while unrated.
    rank: String,
    /// The overall impact, or the word for unrated.
    impact: String,
    /// Kind, dates, sessions, whole staff: each kept on one line in the HTML pack.
    facts: Vec<String>,
    need: Option<String>,
    follow_up: Option<String>,
    measured: Option<String>,
}

fn story(row: &Row) -> Story {
    let initiative = row.rated.initiative;
    let record = &initiative.record;
    let mut facts = vec![record.kind.label()];
    match (record.start, record.end) {
        (Some(start), Some(end)) if start != end => facts.push(format!("{start} – {end}")),
        (Some(date), _) | (None, Some(date)) => facts.push(date.to_string()),
        _ => {}
    }
    if let Some(sessions) = record.sessions {
        facts.push(crate::i18n::count("show.sessions", u64::from(sessions)));
    }
    if record.whole_staff {
        facts.push(t!("patterns.whole_staff").to_lowercase());
    }
    let need = answer(initiative, "need", &["why", "goal"]);
    // The goals reached, the survey and the indicators are told as what was measured.
    let follow_up = answer(
        initiative,
        "follow-up",
        &["value_work", "value_beneficiary", "indicator_results"],
    );
    Story {
        rank: row.rated.rank.map(|r| format!("{r}. ")).unwrap_or_default(),
        impact: (row.rated.impact.overall)
            .map_or_else(|| t!("report.unrated"), |v| number(Some(v))),
        facts,
        need,
        follow_up,
        measured: row.evidence.sentences(),
    }
}

fn title_line(summary: &Summary) -> String {
    t!("report.title", project = summary.project_name)
}

fn made_on(today: Date) -> String {
    t!("report.made_on", date = today)
}

/// Writes the pack as GitHub-flavoured Markdown into `out`; every text from records or
/// translations is escaped. `anonymous` leaves the raters' names out of the quoted notes.
///
/// `plan` adds a section following up the plan's goals, when the project has a plan: in full
/// for one project, one row a goal per plan for an organiser and its units. `lessons_by`
/// groups the lessons for next time.
pub fn write_markdown(
    out: &mut dyn std::io::Write,
    summary: &Summary,
    today: Date,
    anonymous: bool,
    plan: Option<&PlansView>,
    lessons_by: LessonsBy,
) -> std::io::Result<()> {
    // Each part is written as soon as it is made, so the pack is never held whole.
    let md = |text: &str| escape::markdown_text(text);
    let heading = |key: &str| format!("## {}\n\n", md(&t!(key)));
    let head = format!(
        "# {}\n\n{} · {}\n\n{}",
        md(&title_line(summary)),
        escape::markdown_line(&summary.facts()),
        md(&made_on(today)),
        heading("report.ranking")
    );
    // The sections before the stories do not depend on one another: they are made on all
    // cores at once, and written in order.
    let sections: [&(dyn Fn() -> String + Sync); 7] = [
        &|| summary::markdown_rows(summary),
        &|| {
            let legend = md(&t!("summary.scale_legend"));
            let patterns = summary::markdown_patterns(summary);
            format!("\n_{legend}_\n\n{}{patterns}", heading("patterns.heading"))
        },
        &|| report_memory::change_markdown(summary),
        &|| report_memory::unnamed_markdown(summary),
        &|| plan_markdown(plan),
        &|| crate::lookback::report_lessons::markdown(summary, lessons_by),
        &|| heading("report.initiatives"),
    ];
    harmless(out, &head)?;
    write_in_order(out, &sections, |make| make())?;
    write_in_order(out, &summary.rows, |row| {
        let mut story = String::new();
        markdown_story(&mut story, row);
        story.push_str(&report_memory::notes_markdown(row, anonymous));
        story.push('\n');
        story
    })
}

/// Writes the parts `make` makes of `items`, made and made harmless on all cores a chunk at
/// a time and written in the items' order: thousands of initiatives' stories are never held
/// at once, nor checked for what acts on a terminal on one thread.
fn write_in_order<T: Sync>(
    out: &mut dyn std::io::Write,
    items: &[T],
    make: impl Fn(&T) -> String + Sync,
) -> std::io::Result<()> {
    for chunk in items.chunks(crate::json::CHUNK) {
        let parts: Vec<std::io::Result<Vec<u8>>> = (chunk.par_iter())
            .map(|item| made_harmless(&make(item)))
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    Ok(())
}

/// `part` with what acts on a terminal written out, made where it is made.
fn made_harmless(part: &str) -> std::io::Result<Vec<u8>> {
    let mut harmless_part = Vec::with_capacity(part.len());
    harmless(&mut harmless_part, part).map(|()| harmless_part)
}

/// Writes a part of the pack with what acts on a terminal written out: the pack's writer
/// passes everything on as it is (`Export::harmless_saying`). A part is a whole text, so no
/// character is cut between two.
fn harmless(out: &mut dyn std::io::Write, part: &str) -> std::io::Result<()> {
    escape::Harmless::whole(out, escape::Notation::Text, part.as_bytes())
}

/// One initiative's heading, facts, need and follow-up in the Markdown pack.
fn markdown_story(out: &mut String, row: &Row) {
    let md = |text: &str| escape::markdown_text(text);
    let story = story(row);
    let _ = writeln!(
        out,
        "### {}\n",
        md(&format!(
            "{}{} — {}",
            story.rank, row.rated.initiative.record.title, story.impact
        ))
    );
    let _ = writeln!(out, "{}\n", escape::markdown_line(&story.facts.join(" · ")));
    let need = story.need.unwrap_or_else(|| t!("report.no_need"));
    let follow_up = story.follow_up.unwrap_or_else(|| t!("report.no_follow_up"));
    let _ = writeln!(out, "- **{}:** {}", md(&t!("report.need")), md(&need));
    let _ = writeln!(
        out,
        "- **{}:** {}",
        md(&t!("report.follow_up")),
        md(&follow_up)
    );
    if let Some(measured) = &story.measured {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            md(&t!("report.measured")),
            md(measured)
        );
    }
}

/// The page's look, for the screen and for A4 paper.
const STYLE: &str = include_str!("report.css");

/// Writes the pack as one HTML page into `out`; `anonymous` leaves the raters' names out of
/// the quoted notes, `plan` and `lessons_by` are as for [`write_markdown`].
pub fn write_html(
    out: &mut dyn std::io::Write,
    summary: &Summary,
    today: Date,
    anonymous: bool,
    plan: Option<&PlansView>,
    lessons_by: LessonsBy,
) -> std::io::Result<()> {
    // Each part is written as soon as it is made, so the page (megabytes at thousands of
    // initiatives) is never held whole beside the records.
    unbroken(out, &head_html(summary, today))?;
    // The sections around the ranking do not depend on one another: they are made on all
    // cores at once, and written in order.
    let sections: [&(dyn Fn() -> String + Sync); 7] = [
        &|| charts_html(summary),
        &|| patterns_html(summary),
        &|| report_memory::change_chart_html(summary),
        &|| report_memory::unnamed_html(summary),
        &|| crate::lookback::report_cost::html(summary),
        &|| plan_html(summary, plan),
        &|| crate::lookback::report_lessons::html(summary, lessons_by),
    ];
    let made: Vec<std::io::Result<Vec<u8>>> = (sections.par_iter())
        .map(|make| made_harmless(&report_html::dates_unbroken(&make())))
        .collect();
    // The charts come before the ranking, the rest after it.
    let mut made = made.into_iter();
    if let Some(charts) = made.next() {
        out.write_all(&charts?)?;
    }
    write_ranking_html(out, summary)?;
    for part in made {
        out.write_all(&part?)?;
    }
    let start = report_html::section_start("initiatives", &t!("report.initiatives"));
    unbroken(out, &start)?;
    // The articles' dates, like the ranking's, are kept on one line on all cores.
    write_in_order(out, &summary.rows, |row| {
        report_html::dates_unbroken(&article_html(summary, row, anonymous))
    })?;
    out.write_all(b"</section>\n</main>\n</body>\n</html>\n")
}

/// The page's head and heading, up to the start of its `<main>`.
fn head_html(summary: &Summary, today: Date) -> String {
    let lang = crate::i18n::current().code();
    let title = title_line(summary);
    let mut head = String::new();
    let _ = writeln!(
        head,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>",
        escape::html(&title),
        chart::position_rules()
    );
    let _ = writeln!(
        head,
        // The sections in a <main> landmark, so a screen reader can jump past the heading.
        "<header><h1>{}</h1><p class=\"meta\">{} · {}</p></header>\n<main>",
        report_html::fill(
            summary.text_lang,
            &t!("report.title", project = report_html::HOLE),
            &summary.project_name
        ),
        escape::html(&summary.facts()),
        escape::html(&made_on(today))
    );
    head
}

/// The plan's section in Markdown: in full for one project, one row a goal per plan for an
/// organiser.
fn plan_markdown(plan: Option<&PlansView>) -> String {
    match plan {
        Some(PlansView {
            own: Some(own),
            units,
        }) if units.is_empty() => crate::plan::view::report_markdown(own),
        Some(plans) => unit_plans::report_markdown(plans),
        None => String::new(),
    }
}

/// The plan's section: in full for one project, one row a goal per plan for an organiser.
fn plan_html(summary: &Summary, plan: Option<&PlansView>) -> String {
    match plan {
        Some(PlansView {
            own: Some(own),
            units,
        }) if units.is_empty() => crate::plan::view::report_html(own, summary.text_lang),
        Some(plans) => unit_plans::report_html(plans, summary.text_lang),
        None => String::new(),
    }
}

/// Writes `part` with its dates kept on one line ([`report_html::dates_unbroken`]). A part
/// begins and ends between tags, so doing it part by part is the same as for the whole page.
fn unbroken(out: &mut dyn std::io::Write, part: &str) -> std::io::Result<()> {
    harmless(out, &report_html::dates_unbroken(part))
}

/// The patterns' section: each pattern's title and its lines.
fn patterns_html(summary: &Summary) -> String {
    let mut patterns = report_html::section_start("patterns", &t!("patterns.heading"));
    for (title, lines) in summary.pattern_sections() {
        let _ = writeln!(patterns, "<h3>{}</h3>\n<ul>", escape::html(&title));
        for line in lines {
            let _ = writeln!(patterns, "<li>{}</li>", escape::html(&line));
        }
        patterns.push_str("</ul>\n");
    }
    patterns.push_str("</section>\n");
    patterns
}

/// The bar charts: impact per initiative, and per kind unless every kind has one initiative
/// (then it would only repeat the first chart).
fn charts_html(summary: &Summary) -> String {
    let rated: Vec<(String, f64)> = summary
        .rows
        .iter()
        .filter_map(|r| {
            let title = &r.rated.initiative.record.title;
            let value = r.rated.impact.overall?;
            Some((report_html::record_text(summary.text_lang, title), value))
        })
        .collect();
    let mut out =
        report_html::section_start("chart-initiatives-heading", &t!("report.chart_initiatives"));
    if rated.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape::html(&t!("report.nothing_rated")));
    } else {
        out.push_str(&chart::bar_chart(
            "chart-initiatives",
            &t!("report_access.bars_caption"),
            &t!("column.title"),
            &rated,
        ));
    }
    let _ = writeln!(
        out,
        "<p class=\"legend\">{}</p></section>",
        escape::html(&t!("summary.scale_legend"))
    );
    let rated_rows: Vec<_> = summary.rows.iter().map(|r| r.rated.clone()).collect();
    let groups = crate::lookback::impact::group(&rated_rows, GroupBy::Kind);
    let mut kinds: Vec<(String, f64)> = groups
        .iter()
        .filter_map(|g| {
            g.overall
                .map(|v| (escape::html(&format!("{} ({})", g.label, g.rated)), v))
        })
        .collect();
    if !kinds.is_empty() && groups.iter().any(|g| g.rated > 1) {
        kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
        out.push_str(&report_html::section_start(
            "chart-kinds-heading",
            &t!("report.chart_kinds"),
        ));
        out.push_str(&chart::bar_chart(
            "chart-kinds",
            &t!("report_access.kinds_caption"),
            &t!("column.kind"),
            &kinds,
        ));
        out.push_str("</section>\n");
    }
    out
}

/// Writes the ranked table, in a box of its own that scrolls sideways on a narrow screen, so
/// the page itself never does; the box can take the keyboard's focus to be scrolled.
fn write_ranking_html(out: &mut dyn std::io::Write, summary: &Summary) -> std::io::Result<()> {
    let mut head = report_html::section_start("ranking", &t!("report.ranking"));
    head.push_str(&report_html::scroll_box_start(
        "table-scroll",
        &t!("report_access.table_box", table = t!("report.ranking")),
    ));
    head.push_str("\n<table class=\"ranking\">\n<thead><tr>");
    for header in summary::headers_of(summary) {
        let _ = write!(head, "<th scope=\"col\">{}</th>", escape::html(&header));
    }
    head.push_str("</tr></thead>\n<tbody>\n");
    unbroken(out, &head)?;
    // Each row is made, and its dates kept on one line, on all cores; written in order.
    write_in_order(out, &summary.rows, |row| {
        report_html::dates_unbroken(&ranking_row(summary, row))
    })?;
    out.write_all(b"</tbody>\n</table>\n</section>\n</section>\n")
}

/// One initiative's row of the ranking table.
fn ranking_row(summary: &Summary, row: &Row) -> String {
    let mut out = String::from("<tr>");
    for (n, cell) in summary::cells(row, false).iter().enumerate() {
        let _ = match n {
            summary::TITLE_COLUMN => write!(
                out,
                "<th scope=\"row\">{}</th>",
                report_html::record_text(summary.text_lang, cell)
            ),
            summary::IMPACT_COLUMN => write!(
                out,
                "<td class=\"num\"><strong>{}</strong></td>",
                escape::html(cell)
            ),
            summary::DATE_COLUMN => write!(out, "<td class=\"date\">{}</td>", escape::html(cell)),
            n if summary::NUMERIC_COLUMNS.contains(&n) => {
                write!(out, "<td class=\"num\">{}</td>", escape::html(cell))
            }
            _ => write!(out, "<td>{}</td>", escape::html(cell)),
        };
    }
    out.push_str("</tr>\n");
    out
}

/// One initiative's article: its heading, facts, need, follow-up, what was measured and its
/// notes.
fn article_html(summary: &Summary, row: &Row, anonymous: bool) -> String {
    let record = |text: &str| report_html::record_text(summary.text_lang, text);
    // A labelled paragraph: the label in fortb's words, the text already HTML.
    let labelled = |key: &str, html: String| {
        format!("<p><strong>{}:</strong> {html}</p>", escape::html(&t!(key)))
    };
    let story = story(row);
    let facts: Vec<String> = story
        .facts
        .iter()
        .map(|fact| format!("<span class=\"nowrap\">{}</span>", escape::html(fact)))
        .collect();
    let need = story
        .need
        .as_deref()
        .map_or_else(|| escape::html(&t!("report.no_need")), record);
    let follow_up = (story.follow_up.as_deref())
        .map_or_else(|| escape::html(&t!("report.no_follow_up")), record);
    let measured = (story.measured.as_deref())
        .map(|m| labelled("report.measured", escape::html(m)))
        .unwrap_or_default();
    let mut article = String::new();
    let _ = writeln!(
        article,
        "<article class=\"initiative\"><h3>{}{} — {}</h3><p class=\"facts\">{}</p>{}{}{measured}{}</article>",
        escape::html(&story.rank),
        record(&row.rated.initiative.record.title),
        escape::html(&story.impact),
        facts.join(" · "),
        labelled("report.need", need),
        labelled("report.follow_up", follow_up),
        report_memory::notes_html(row, anonymous, summary.text_lang)
    );
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gists_stop_after_a_sentence_or_at_the_limit() {
        let long = "Vid lektionsbesöken såg vi att eleverna sällan visste vad de skulle lära sig. Därför vill vi ändra det.";
        assert_eq!(
            gist(long, 120),
            "Vid lektionsbesöken såg vi att eleverna sällan visste vad de skulle lära sig."
        );
        assert_eq!(gist("ett två tre fyra", 7), "ett två…");
        assert_eq!(gist("kort", 200), "kort");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape::html("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    }
}
