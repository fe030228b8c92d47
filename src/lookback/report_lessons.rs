//! The meeting pack's "Lessons for next time": the lessons and material of the period's
//! initiatives, grouped by kind or by theme, for the group that plans the next ones.

use std::fmt::Write;

use crate::escape;
use crate::i18n::labels::Labelled;
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

/// What the section groups the lessons by: the kind (the default, as the summary's patterns
/// do) or the theme, for a group that plans by theme across kinds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LessonsBy {
    #[default]
    Kind,
    Theme,
}

/// A group's heading: a translated word, or a theme as the records write it.
struct Heading {
    text: String,
    from_records: bool,
}

/// The initiatives in their groups, each group with its heading: kinds in the vocabulary's
/// order; themes in alphabetical order, an initiative with two themes in both, and those
/// without a theme last.
fn grouped<'e, 'a>(
    teaching: &'e [Earlier<'a>],
    by: LessonsBy,
) -> Vec<(Heading, Vec<&'e Earlier<'a>>)> {
    let mut groups: Vec<(String, Heading, Vec<&Earlier>)> = Vec::new();
    for earlier in teaching {
        for (key, heading) in groups_of(earlier, by) {
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, group)) => group.push(earlier),
                None => groups.push((key, heading, vec![earlier])),
            }
        }
    }
    groups.sort_by(|(a, _, _), (b, _, _)| a.cmp(b));
    groups
        .into_iter()
        .map(|(_, heading, group)| (heading, group))
        .collect()
}

/// The groups of one initiative, each as a key to sort by and its heading.
fn groups_of(earlier: &Earlier, by: LessonsBy) -> Vec<(String, Heading)> {
    let record = &earlier.initiative.record;
    let heading = |text: String, from_records: bool| Heading { text, from_records };
    if by == LessonsBy::Kind {
        let position = Kind::ALL.iter().position(|k| *k == record.kind);
        let key = format!("{:04}", position.unwrap_or(0));
        return vec![(key, heading(record.kind.label(), false))];
    }
    let mut groups: Vec<(String, Heading)> = Vec::new();
    for theme in record
        .themes
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        // The same theme in two spellings is one group, headed as first written.
        let key = format!("0{}", theme.to_lowercase());
        if !groups.iter().any(|(k, _)| *k == key) {
            groups.push((key, heading(theme.to_string(), true)));
        }
    }
    if groups.is_empty() {
        groups.push((
            "1".to_string(),
            heading(t!("report.lessons_no_theme"), false),
        ));
    }
    groups
}

/// The section as Markdown; nothing when no initiative of the period has a lesson.
pub fn markdown(summary: &Summary, by: LessonsBy) -> String {
    let teaching = teaching(summary);
    if teaching.is_empty() {
        return String::new();
    }
    let md = escape::markdown_text;
    let mut out = format!("## {}\n\n", md(&t!("report.lessons")));
    for (heading, group) in grouped(&teaching, by) {
        let _ = writeln!(out, "### {}\n", md(&heading.text));
        for earlier in group {
            lessons::markdown_item(&mut out, earlier);
        }
        out.push('\n');
    }
    out
}

/// The section as HTML; nothing when no initiative of the period has a lesson. Links open
/// without a hold on the pack (`rel="noopener"`).
pub fn html(summary: &Summary, by: LessonsBy) -> String {
    let teaching = teaching(summary);
    if teaching.is_empty() {
        return String::new();
    }
    let record = |text: &str| report_html::record_text(summary.text_lang, text);
    let mut out = report_html::section_start("lessons", &t!("report.lessons"));
    for (heading, group) in grouped(&teaching, by) {
        let heading = match heading.from_records {
            true => record(&heading.text),
            false => escape::html(&heading.text),
        };
        let _ = writeln!(out, "<h3>{heading}</h3>\n<ul>");
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
