//! The meeting pack's "Lessons for next time": the lessons and material of the period's
//! initiatives, grouped by kind, for the group that plans the next ones.

use std::fmt::Write;

use crate::escape;
use crate::lookback::lessons::{self, Earlier};
use crate::lookback::report_html;
use crate::lookback::summary::Summary;
use crate::model::vocabulary::{Kind, Vocabulary};
use crate::t;

/// The period's initiatives with lessons or material, read as they stood at its end.
fn teaching<'a>(summary: &'a Summary) -> Vec<Earlier<'a>> {
    summary
        .rows
        .iter()
        .map(|row| {
            let initiative = row.rated.initiative;
            lessons::of_one(initiative, summary.period.until, row.evidence.thresholds)
        })
        .filter(|e| !e.lessons.is_empty() || !e.material().is_empty())
        .collect()
}

/// The initiatives by kind, in the vocabulary's order.
fn by_kind<'e, 'a>(teaching: &'e [Earlier<'a>]) -> Vec<(Kind, Vec<&'e Earlier<'a>>)> {
    Kind::ALL
        .iter()
        .map(|kind| {
            let group = teaching
                .iter()
                .filter(|e| e.initiative.record.kind == *kind)
                .collect::<Vec<_>>();
            (*kind, group)
        })
        .filter(|(_, group)| !group.is_empty())
        .collect()
}

/// The section as Markdown; nothing when no initiative of the period has a lesson.
pub fn markdown(summary: &Summary) -> String {
    let teaching = teaching(summary);
    if teaching.is_empty() {
        return String::new();
    }
    let md = escape::markdown_text;
    let mut out = format!("## {}\n\n", md(&t!("report.lessons")));
    for (kind, group) in by_kind(&teaching) {
        let _ = writeln!(out, "### {}\n", md(&kind.label()));
        for earlier in group {
            lessons::markdown_item(&mut out, earlier);
        }
        out.push('\n');
    }
    out
}

/// The section as HTML; nothing when no initiative of the period has a lesson. Links open
/// without a hold on the pack (`rel="noopener"`).
pub fn html(summary: &Summary) -> String {
    let teaching = teaching(summary);
    if teaching.is_empty() {
        return String::new();
    }
    let record = |text: &str| report_html::record_text(summary.text_lang, text);
    let mut out = report_html::section_start("lessons", &t!("report.lessons"));
    for (kind, group) in by_kind(&teaching) {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", escape::html(&kind.label()));
        for earlier in group {
            let _ = write!(
                out,
                "<li><strong>{}</strong> — {}<ul>",
                record(&lessons::title_line(earlier)),
                escape::html(&lessons::outcome_text(earlier))
            );
            for lesson in &earlier.lessons {
                let _ = write!(out, "<li>{}</li>", record(lesson));
            }
            for material in earlier.material() {
                let note = material
                    .note
                    .as_deref()
                    .map(|n| format!(" — {}", record(n)))
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "<li>{}: {}{note}</li>",
                    escape::html(&t!("lessons.material_label")),
                    escape::html_link(&record(&material.title), &material.url)
                );
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}
