//! The meeting pack's parts about memory over time: each initiative's notes in the raters'
//! own words, the initiatives nobody named without the list, and a chart of how the
//! initiatives rated in two rounds or more have changed.

use std::collections::HashSet;
use std::fmt::Write;

use crate::escape;
use crate::i18n::Lang;
use crate::lookback::chart;
use crate::lookback::impact;
use crate::lookback::report_html;
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

/// An initiative's notes as an HTML list of quotes, or nothing when it has none; the notes'
/// words are marked with the records' language `text_lang`.
pub fn notes_html(row: &Row, anonymous: bool, text_lang: Option<Lang>) -> String {
    let mut lines = summary::notes_of(row).peekable();
    if lines.peek().is_none() {
        return String::new();
    }
    let mut out = format!(
        "<p><strong>{}:</strong></p><ul class=\"notes\">",
        escape::html(&t!("summary.notes_heading"))
    );
    for (recall, note) in lines {
        let line = summary::note_line(recall, report_html::HOLE, anonymous);
        let _ = write!(
            out,
            "<li>{}</li>",
            report_html::fill(text_lang, &line, &note)
        );
    }
    out.push_str("</ul>");
    out
}

/// The rated initiatives nobody named without the list: `forgotten` where the raters had
/// started unaided, `not_asked` where none of them had (a unit that rated with flags, say),
/// so what was never asked is not counted as forgotten. Both empty while nobody in the
/// period has started a review unaided, since then there is nothing to tell.
pub struct Unnamed<'r, 'a> {
    pub forgotten: Vec<&'r Row<'a>>,
    pub not_asked: Vec<&'r Row<'a>>,
}

pub fn unnamed<'r, 'a>(summary: &'r Summary<'a>) -> Unnamed<'r, 'a> {
    let until = summary.period.until;
    let unit_of = |row: &Row| row.rated.initiative.unit.as_ref().map(|u| u.name.clone());
    // Who named something from memory, in which unit: they began with the unaided start.
    let asked: HashSet<_> = summary
        .rows
        .iter()
        .flat_map(|row| {
            let unit = unit_of(row);
            impact::latest_on(&row.rated.initiative.record.recall, until)
                .into_iter()
                .filter(|recall| recall.unaided)
                .map(move |recall| (unit.clone(), recall.by.as_str()))
        })
        .collect();
    let (forgotten, not_asked) = summary
        .rows
        .iter()
        .filter(|r| !asked.is_empty() && r.rated.impact.raters > 0 && r.rated.impact.unaided == 0)
        .partition(|row| {
            impact::latest_on(&row.rated.initiative.record.recall, until)
                .iter()
                .filter(|recall| recall.has_scores())
                .any(|recall| asked.contains(&(unit_of(row), recall.by.as_str())))
        });
    Unnamed {
        forgotten,
        not_asked,
    }
}

impl Unnamed<'_, '_> {
    /// Each list that has any, with the key of the sentence that introduces it, as titles.
    fn lists(&self) -> Vec<(&'static str, Vec<&str>)> {
        [
            ("report.unnamed_intro", &self.forgotten),
            ("report.not_asked_intro", &self.not_asked),
        ]
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(intro, rows)| {
            let titles = rows
                .iter()
                .map(|row| row.rated.initiative.record.title.as_str());
            (intro, titles.collect())
        })
        .collect()
    }
}

pub fn unnamed_markdown(summary: &Summary) -> String {
    let unnamed = unnamed(summary);
    let lists = unnamed.lists();
    if lists.is_empty() {
        return String::new();
    }
    let heading = escape::markdown_text(&t!("report.unnamed_heading"));
    let mut out = format!("## {heading}\n\n");
    for (intro, titles) in lists {
        let _ = write!(out, "{}\n\n", escape::markdown_line(&t!(intro)));
        for title in titles {
            let _ = writeln!(out, "- {}", escape::markdown_text(title));
        }
        out.push('\n');
    }
    out
}

pub fn unnamed_html(summary: &Summary) -> String {
    let unnamed = unnamed(summary);
    let lists = unnamed.lists();
    if lists.is_empty() {
        return String::new();
    }
    let mut out = report_html::section_start("unnamed", &t!("report.unnamed_heading"));
    for (intro, titles) in lists {
        let _ = write!(out, "<p>{}</p><ul>", escape::html(&t!(intro)));
        for title in titles {
            let item = report_html::record_text(summary.text_lang, title);
            let _ = write!(out, "<li>{item}</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
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
    use rayon::prelude::*;
    // Each initiative's rounds are worked out on all cores, kept in the rows' order.
    summary
        .rows
        .par_iter()
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

/// A dumbbell chart: per initiative a hollow dot at its first round's impact and a filled
/// one at its latest, joined by a line; beside it the two values with an arrow and under the
/// title the two dates, so neither the colour nor the dots carry the meaning alone.
pub fn change_chart_html(summary: &Summary) -> String {
    let changes = changes(summary);
    if changes.is_empty() {
        return String::new();
    }
    let mut table = format!(
        "<table class=\"bars\"><thead><tr><th scope=\"col\">{}</th>{}</tr></thead><tbody>\n",
        escape::html(&t!("column.title")),
        chart::scale_header(&t!("report_access.change_column"), "value change")
    );
    for change in &changes {
        let (then, now) = (change.first.1, change.last.1);
        let trend = if now < then { "faded" } else { "grew" };
        let (low, high) = (then.min(now), then.max(now));
        let _ = writeln!(
            table,
            "<tr><th scope=\"row\">{}<span class=\"change-dates\"><span class=\"nowrap\">{}</span> → <span class=\"nowrap\">{}</span></span></th><td><div class=\"meter\"><div class=\"track\" aria-hidden=\"true\"><span class=\"span {trend} {} {}\"></span><span class=\"dot then {}\"></span><span class=\"dot {trend} {}\"></span></div><span class=\"value change\">{} → {}</span></div></td></tr>",
            report_html::record_text(summary.text_lang, &change.title),
            escape::html(&change.first.0),
            escape::html(&change.last.0),
            chart::at(low),
            chart::width(high - low),
            chart::at(then),
            chart::at(now),
            number(Some(then)),
            number(Some(now)),
        );
    }
    table.push_str("</tbody></table>\n");
    let mut out = report_html::section_start("chart-change-heading", &t!("report.chart_change"));
    out.push_str(&chart::figure(
        "chart-change",
        &t!("report.chart_change_legend"),
        &table,
    ));
    out.push_str("</section>\n");
    out
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
