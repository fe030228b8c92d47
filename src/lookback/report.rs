//! The leadership-meeting pack: heading, ranked table, patterns, and per initiative its need
//! and follow-up in a sentence or two — as Markdown, or as one self-contained HTML page with
//! inline CSS and SVG charts (no scripts, fonts or anything fetched), printable on A4.

use std::fmt::Write;

use crate::escape;
use crate::lookback::chart;
use crate::lookback::impact::GroupBy;
use crate::lookback::plan::PlanView;
use crate::lookback::report_memory;
use crate::lookback::summary::{self, number, Row, Summary};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::vocabulary::Vocabulary;
use crate::t;

/// The answers the pack tells each initiative's story from; the rest need not be loaded.
pub const STORY_ANSWERS: &[(&str, &str)] = &[
    ("need", "why"),
    ("need", "goal"),
    ("follow-up", "goals_reached"),
    ("follow-up", "value_work"),
    ("follow-up", "value_beneficiary"),
    ("follow-up", "indicator_results"),
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

/// Need and follow-up of one initiative, in the report's words.
struct Story {
    facts: String,
    need: String,
    follow_up: String,
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
    let need = answer(initiative, "need", &["why", "goal"]).unwrap_or_else(|| t!("report.no_need"));
    // The goals reached, the survey and the indicators are told as what was measured.
    let follow_up = answer(
        initiative,
        "follow-up",
        &["value_work", "value_beneficiary", "indicator_results"],
    )
    .unwrap_or_else(|| t!("report.no_follow_up"));
    Story {
        facts: facts.join(" · "),
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

/// The pack as GitHub-flavoured Markdown; every text from records or translations is escaped.
/// The pack as Markdown; `anonymous` leaves the raters' names out of the quoted notes.
///
/// `plan` adds a section following up the plan's goals, when the project has a plan.
pub fn markdown(
    summary: &Summary,
    today: Date,
    anonymous: bool,
    plan: Option<&PlanView>,
) -> String {
    let md = |text: &str| escape::markdown_text(text);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{} · {}\n",
        md(&title_line(summary)),
        escape::markdown_line(&summary.facts()),
        md(&made_on(today))
    );
    let _ = writeln!(out, "## {}\n", md(&t!("report.ranking")));
    out.push_str(&summary::markdown_rows(summary));
    let _ = writeln!(out, "\n_{}_\n", md(&t!("summary.scale_legend")));
    let _ = writeln!(out, "## {}\n", md(&t!("patterns.heading")));
    out.push_str(&summary::markdown_patterns(summary));
    out.push_str(&report_memory::change_markdown(summary));
    out.push_str(&report_memory::unnamed_markdown(summary));
    if let Some(plan) = plan {
        out.push_str(&crate::lookback::plan::report_markdown(plan));
    }
    let _ = writeln!(out, "## {}\n", md(&t!("report.initiatives")));
    for row in &summary.rows {
        markdown_story(&mut out, row);
        out.push_str(&report_memory::notes_markdown(row, anonymous));
        out.push('\n');
    }
    out
}

/// One initiative's heading, facts, need and follow-up in the Markdown pack.
fn markdown_story(out: &mut String, row: &Row) {
    let md = |text: &str| escape::markdown_text(text);
    let story = story(row);
    let rank = row.rated.rank.map(|r| format!("{r}. ")).unwrap_or_default();
    let impact = row
        .rated
        .impact
        .overall
        .map(|v| format!(" — {}", number(Some(v))))
        .unwrap_or_else(|| format!(" — {}", t!("report.unrated")));
    let _ = writeln!(
        out,
        "### {}\n",
        md(&format!(
            "{rank}{}{impact}",
            row.rated.initiative.record.title
        ))
    );
    let _ = writeln!(out, "{}\n", escape::markdown_line(&story.facts));
    let _ = writeln!(out, "- **{}:** {}", md(&t!("report.need")), md(&story.need));
    let _ = writeln!(
        out,
        "- **{}:** {}",
        md(&t!("report.follow_up")),
        md(&story.follow_up)
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

/// A horizontal bar chart of values on the 0–4 scale, as inline SVG.
fn bar_chart(id: &str, title: &str, bars: &[(String, f64)]) -> String {
    const LABEL_WIDTH: f64 = 270.0;
    const BAR_WIDTH: f64 = 360.0;
    const ROW: f64 = 24.0;
    let height = ROW * bars.len() as f64 + 30.0;
    let width = LABEL_WIDTH + BAR_WIDTH + 50.0;
    let mut svg = format!(
        "<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n",
        escape::html(title),
        escape::html(title)
    );
    svg.push_str(&chart::scale_grid(LABEL_WIDTH, BAR_WIDTH, height));
    for (n, (label, value)) in bars.iter().enumerate() {
        let y = ROW * n as f64;
        let length = BAR_WIDTH * value.clamp(0.0, 4.0) / 4.0;
        let level = if *value >= 3.0 {
            "high"
        } else if *value >= 2.0 {
            "mid"
        } else {
            "low"
        };
        // Long titles are cut to fit the label column; the full title is the tooltip.
        let short: String = label.chars().take(32).collect();
        let short = if label.chars().count() > 32 {
            format!("{short}…")
        } else {
            short
        };
        let _ = writeln!(
            svg,
            "<g class=\"bar\"><text x=\"{}\" y=\"{}\" class=\"label\">{}</text><rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{length:.1}\" height=\"{}\" class=\"{level}\"><title>{}: {}</title></rect><text x=\"{}\" y=\"{}\" class=\"value\">{}</text></g>",
            LABEL_WIDTH - 8.0,
            y + 16.0,
            escape::html(&short),
            y + 4.0,
            ROW - 8.0,
            escape::html(label),
            number(Some(*value)),
            LABEL_WIDTH + length + 6.0,
            y + 16.0,
            number(Some(*value))
        );
    }
    svg.push_str("</svg>\n");
    svg
}

const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6472; --line: #d9dde3; --high: #2f7d4f; --mid: #c69214; --low: #b5483b; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .2rem; }
.meta, .facts, .legend { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { max-width: 100%; height: auto; margin: .5rem 0 1rem; }
.chart .label { text-anchor: end; font-size: 12px; fill: var(--ink); }
.chart .value, .chart .tick { font-size: 11px; fill: var(--muted); }
.chart .tick { text-anchor: middle; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .high { fill: var(--high); } .chart .mid { fill: var(--mid); } .chart .low { fill: var(--low); }
.patterns ul { margin: .2rem 0 .8rem; }
.initiative { break-inside: avoid; }
.notes { margin: .2rem 0 .6rem; color: var(--muted); }
.chart .change-label { font-size: 12px; fill: var(--ink); }
.chart .then { fill: #fff; stroke: var(--muted); stroke-width: 2; }
.chart .high-line { stroke: var(--high); stroke-width: 3; } .chart .low-line { stroke: var(--low); stroke-width: 3; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 10pt; } h2 { break-after: avoid; } table { font-size: 8.5pt; } }
"#;

/// The pack as one HTML page; `anonymous` leaves the raters' names out of the quoted notes.
pub fn html(summary: &Summary, today: Date, anonymous: bool, plan: Option<&PlanView>) -> String {
    let lang = crate::i18n::current().code();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape::html(&title_line(summary))
    );
    let _ = writeln!(
        out,
        // The sections in a <main> landmark, so a screen reader can jump past the heading.
        "<header><h1>{}</h1><p class=\"meta\">{} · {}</p></header>\n<main>",
        escape::html(&title_line(summary)),
        escape::html(&summary.facts()),
        escape::html(&made_on(today))
    );

    let rated: Vec<(String, f64)> = summary
        .rows
        .iter()
        .filter_map(|r| {
            r.rated
                .impact
                .overall
                .map(|v| (r.rated.initiative.record.title.clone(), v))
        })
        .collect();
    let _ = writeln!(
        out,
        "<section><h2>{}</h2>",
        escape::html(&t!("report.chart_initiatives"))
    );
    if rated.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape::html(&t!("report.nothing_rated")));
    } else {
        out.push_str(&bar_chart(
            "chart-initiatives",
            &t!("report.chart_initiatives"),
            &rated,
        ));
    }
    let rated_rows: Vec<_> = summary.rows.iter().map(|r| r.rated.clone()).collect();
    let mut kinds: Vec<(String, f64)> = crate::lookback::impact::group(&rated_rows, GroupBy::Kind)
        .into_iter()
        .filter_map(|g| g.overall.map(|v| (format!("{} ({})", g.label, g.rated), v)))
        .collect();
    kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
    if !kinds.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", escape::html(&t!("report.chart_kinds")));
        out.push_str(&bar_chart("chart-kinds", &t!("report.chart_kinds"), &kinds));
    }
    let _ = writeln!(
        out,
        "<p class=\"legend\">{}</p></section>",
        escape::html(&t!("summary.scale_legend"))
    );

    let _ = writeln!(
        out,
        "<section><h2>{}</h2>\n<table>\n<thead><tr>",
        escape::html(&t!("report.ranking"))
    );
    for header in summary::headers_of(summary) {
        let _ = write!(out, "<th>{}</th>", escape::html(&header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &summary.rows {
        out.push_str("<tr>");
        for (n, cell) in summary::cells(row, false).iter().enumerate() {
            let class = if summary::NUMERIC_COLUMNS.contains(&n) {
                " class=\"num\""
            } else {
                ""
            };
            if n == summary::IMPACT_COLUMN {
                let _ = write!(
                    out,
                    "<td{class}><strong>{}</strong></td>",
                    escape::html(cell)
                );
            } else {
                let _ = write!(out, "<td{class}>{}</td>", escape::html(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    let _ = writeln!(
        out,
        "<section class=\"patterns\"><h2>{}</h2>",
        escape::html(&t!("patterns.heading"))
    );
    for (title, lines) in summary.pattern_sections() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", escape::html(&title));
        for line in lines {
            let _ = writeln!(out, "<li>{}</li>", escape::html(&line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out.push_str(&report_memory::change_chart_html(summary));
    out.push_str(&report_memory::unnamed_html(summary));
    out.push_str(&crate::lookback::report_cost::html(summary));
    if let Some(plan) = plan {
        out.push_str(&crate::lookback::plan::report_html(plan));
    }

    let _ = writeln!(
        out,
        "<section><h2>{}</h2>",
        escape::html(&t!("report.initiatives"))
    );
    for row in &summary.rows {
        let story = story(row);
        let rank = row.rated.rank.map(|r| format!("{r}. ")).unwrap_or_default();
        let impact = row
            .rated
            .impact
            .overall
            .map_or_else(|| t!("report.unrated"), |v| number(Some(v)));
        let _ = writeln!(
            out,
            "<article class=\"initiative\"><h3>{}{} — {}</h3><p class=\"facts\">{}</p><p><strong>{}:</strong> {}</p><p><strong>{}:</strong> {}</p>{}{}</article>",
            escape::html(&rank),
            escape::html(&row.rated.initiative.record.title),
            escape::html(&impact),
            escape::html(&story.facts),
            escape::html(&t!("report.need")),
            escape::html(&story.need),
            escape::html(&t!("report.follow_up")),
            escape::html(&story.follow_up),
            story
                .measured
                .as_ref()
                .map(|m| format!("<p><strong>{}:</strong> {}</p>", escape::html(&t!("report.measured")), escape::html(m)))
                .unwrap_or_default(),
            report_memory::notes_html(row, anonymous)
        );
    }
    out.push_str("</section>\n</main>\n</body>\n</html>\n");
    out
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
