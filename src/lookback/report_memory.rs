//! The meeting pack's parts about memory over time: each initiative's notes in the raters'
//! own words, the initiatives nobody named without the list, and a chart of how the
//! initiatives rated in two rounds or more have changed.

use std::fmt::Write;

use crate::escape;
use crate::lookback::chart;
use crate::lookback::impact;
use crate::lookback::summary::{self, number, Row, Summary};
use crate::t;

/// An initiative's notes as Markdown list items, or nothing when it has none.
pub fn notes_markdown(row: &Row, anonymous: bool) -> String {
    let lines = summary::note_lines(row, anonymous);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "- **{}:**\n",
        escape::markdown_text(&t!("summary.notes_heading"))
    );
    for line in lines {
        let _ = writeln!(out, "  - {}", escape::markdown_line(&line));
    }
    out
}

/// An initiative's notes as an HTML list of quotes, or nothing when it has none.
pub fn notes_html(row: &Row, anonymous: bool) -> String {
    let lines = summary::note_lines(row, anonymous);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<p><strong>{}:</strong></p><ul class=\"notes\">",
        escape::html(&t!("summary.notes_heading"))
    );
    for line in lines {
        let _ = write!(out, "<li>{}</li>", escape::html(&line));
    }
    out.push_str("</ul>");
    out
}

/// The rated initiatives that nobody named without the list. Empty while nobody in the
/// period has started a review unaided, since then there is nothing to tell.
pub fn unnamed<'r, 'a>(summary: &'r Summary<'a>) -> Vec<&'r Row<'a>> {
    let rated = summary.rows.iter().filter(|r| r.rated.impact.raters > 0);
    if !summary.rows.iter().any(|r| r.rated.impact.unaided > 0) {
        return Vec::new();
    }
    rated.filter(|r| r.rated.impact.unaided == 0).collect()
}

pub fn unnamed_markdown(summary: &Summary) -> String {
    let rows = unnamed(summary);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "## {}\n\n{}\n\n",
        escape::markdown_text(&t!("report.unnamed_heading")),
        escape::markdown_line(&t!("report.unnamed_intro"))
    );
    for row in rows {
        let _ = writeln!(
            out,
            "- {}",
            escape::markdown_text(&row.rated.initiative.record.title)
        );
    }
    out.push('\n');
    out
}

pub fn unnamed_html(summary: &Summary) -> String {
    let rows = unnamed(summary);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section><h2>{}</h2><p>{}</p><ul>",
        escape::html(&t!("report.unnamed_heading")),
        escape::html(&t!("report.unnamed_intro"))
    );
    for row in rows {
        let _ = write!(
            out,
            "<li>{}</li>",
            escape::html(&row.rated.initiative.record.title)
        );
    }
    out.push_str("</ul></section>\n");
    out
}

/// Each initiative rated in two rounds or more: its title, and its impact as it stood at the
/// end of its first and of its last round (as the summary would show it then), with the days.
struct Change {
    title: String,
    first: (String, f64),
    last: (String, f64),
}

fn changes(summary: &Summary) -> Vec<Change> {
    summary
        .rows
        .iter()
        .filter_map(|row| {
            let initiative = row.rated.initiative;
            let rounds = impact::rounds(&initiative.record.recall, summary.period.until);
            let recall = &initiative.record.recall;
            let rated: Vec<_> = rounds
                .iter()
                .filter_map(|r| {
                    let stood = impact::Impact::on(recall, r.until).overall;
                    stood.map(|v| (r.until.to_string(), v))
                })
                .collect();
            (rated.len() >= 2).then(|| Change {
                title: initiative.record.title.clone(),
                first: rated[0].clone(),
                last: rated[rated.len() - 1].clone(),
            })
        })
        .collect()
}

/// A dumbbell chart, as inline SVG: per initiative a hollow dot at its first round's impact,
/// a filled one at its last, joined by a line; the title is written whole above the line.
pub fn change_chart_html(summary: &Summary) -> String {
    let changes = changes(summary);
    if changes.is_empty() {
        return String::new();
    }
    const LEFT: f64 = 20.0;
    const SCALE: f64 = 600.0;
    const ROW: f64 = 40.0;
    let title = t!("report.chart_change");
    let height = ROW * changes.len() as f64 + 30.0;
    let mut svg = format!(
        "<section><h2>{}</h2>\n<svg id=\"chart-change\" class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n",
        escape::html(&title),
        escape::html(&title),
        LEFT * 2.0 + SCALE,
        escape::html(&title)
    );
    svg.push_str(&chart::scale_grid(LEFT, SCALE, height));
    for (n, change) in changes.iter().enumerate() {
        let y = ROW * n as f64;
        let x = |v: f64| LEFT + SCALE * v.clamp(0.0, 4.0) / 4.0;
        let (x1, x2) = (x(change.first.1), x(change.last.1));
        let level = if change.last.1 < change.first.1 {
            "low"
        } else {
            "high"
        };
        let _ = writeln!(
            svg,
            "<g class=\"change\"><text x=\"{LEFT}\" y=\"{}\" class=\"change-label\">{}</text><line x1=\"{x1:.1}\" y1=\"{dot:.1}\" x2=\"{x2:.1}\" y2=\"{dot:.1}\" class=\"{level}-line\"/><circle cx=\"{x1:.1}\" cy=\"{dot:.1}\" r=\"5\" class=\"then\"><title>{}: {}</title></circle><circle cx=\"{x2:.1}\" cy=\"{dot:.1}\" r=\"5\" class=\"{level}\"><title>{}: {}</title></circle></g>",
            y + 12.0,
            escape::html(&format!(
                "{} ({} → {})",
                change.title,
                number(Some(change.first.1)),
                number(Some(change.last.1))
            )),
            escape::html(&change.first.0),
            number(Some(change.first.1)),
            escape::html(&change.last.0),
            number(Some(change.last.1)),
            dot = y + 26.0,
        );
    }
    svg.push_str("</svg>\n");
    let _ = writeln!(
        svg,
        "<p class=\"legend\">{}</p></section>",
        escape::html(&t!("report.chart_change_legend"))
    );
    svg
}

/// The same changes as a Markdown list, for the Markdown pack.
pub fn change_markdown(summary: &Summary) -> String {
    let changes = changes(summary);
    if changes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "## {}\n\n",
        escape::markdown_text(&t!("report.chart_change"))
    );
    for change in changes {
        let _ = writeln!(
            out,
            "- {}",
            escape::markdown_line(&format!(
                "{}: {} ({}) → {} ({})",
                change.title,
                number(Some(change.first.1)),
                change.first.0,
                number(Some(change.last.1)),
                change.last.0
            ))
        );
    }
    out.push('\n');
    out
}
