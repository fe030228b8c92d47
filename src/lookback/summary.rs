//! The leadership summary: the ranked table of recalled impact and its patterns, rendered as a
//! terminal table, Markdown, CSV or JSON. Built from records; knows nothing of the terminal
//! beyond the width it is given.

use std::collections::BTreeSet;
use std::fmt::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::csv::Dialect;
use crate::escape;
use crate::i18n::labels::Labelled;
use crate::i18n::Lang;
use crate::lookback::impact::{self, Group, GroupBy, Impact, Patterns, Period, Rated};
pub use crate::lookback::number::number;
pub(crate) use crate::lookback::number::number_with;
use crate::lookback::progress;
use crate::lookback::transfer::{self, RoundUse};
use crate::model::date::Date;
use crate::model::indicator::Indicator;
use crate::model::initiative::{Initiative, Record};
use crate::model::recall::{Recall, Why, WhyNot};
use crate::model::survey::Thresholds;
use crate::model::unit::Unit;
use crate::model::vocabulary::Vocabulary;
use crate::plan::cost::{CostPatterns, Spending};
use crate::record::units::{Homes, Scope};
use crate::t;

/// Everything a summary shows.
pub struct Summary<'a> {
    pub project_name: String,
    pub period: Period,
    pub rows: Vec<Row<'a>>,
    pub patterns: Patterns,
    /// People who rated anything in the period.
    pub raters: usize,
    /// Cost and time over the period, and the word for the currency.
    pub cost: CostPatterns,
    pub currency: String,
    /// The language the records are written in (`lang` in fortb.toml), when set.
    pub text_lang: Option<Lang>,
    /// The plan's goals as (id, title), to name the groups of `--group-by goal`.
    pub goal_titles: Vec<(String, String)>,
}

/// The answers a summary shows: whether the goals were reached.
pub const EVIDENCE_ANSWERS: &[(&str, &str)] = &[("follow-up", "goals_reached")];

/// What was measured about an initiative, to set beside what people remember of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// The follow-up step's answer: `yes`, `partly` or `no`.
    pub goals_reached: Option<String>,
    pub survey_mean: Option<f64>,
    pub survey_responses: u32,
    /// Each indicator's name, how far toward its target it got (0–1), and its progress text.
    pub indicators: Vec<(String, Option<f64>, String)>,
    /// The follow-up rounds, earliest first; below the anonymity threshold only their count.
    pub transfer: Vec<RoundUse>,
    /// The anonymity thresholds the rounds were judged by.
    pub thresholds: Thresholds,
}

/// The follow-up step's answer on what the indicators show, in the team's own words.
fn answered_results(record: &Record) -> Option<&str> {
    let answers = &record.steps.get("follow-up")?.answers;
    answers.get("indicator_results")?.as_str()
}

/// An indicator's name, share of the way and progress text. Without a measurement, the
/// follow-up step's answer stands in: its number when it gives one ("8 av 10 klassrum" is
/// 80 % for an indicator in %), else its words beside the baseline and target.
fn indicator_evidence(
    indicator: &Indicator,
    answered: Option<&str>,
) -> (String, Option<f64>, String) {
    let name = indicator.name.clone();
    let answered = answered.map(str::trim).filter(|a| !a.is_empty());
    match answered {
        Some(words) if indicator.latest().is_none() => {
            match value_in(words, indicator.unit.as_deref()) {
                Some(now) => (
                    name,
                    indicator.share_at(now),
                    progress::at(indicator, Some(now)),
                ),
                None => {
                    let progress = t!(
                        "indicator.progress_answered",
                        progress = progress::of(indicator),
                        answer = words
                    );
                    (name, None, progress)
                }
            }
        }
        _ => (name, indicator.share_of_the_way(), progress::of(indicator)),
    }
}

/// The value a written answer gives, if it gives exactly one: "8 av 10" or "8 of 10" (a
/// share, in % when the indicator is), "56 %", or a single number.
fn value_in(text: &str, unit: Option<&str>) -> Option<f64> {
    let numbers: Vec<(usize, usize, f64)> = numbers_in(text);
    let percent = unit.is_some_and(|u| u.trim() == "%");
    if let [(_, end, part), (start, _, whole)] = numbers[..] {
        let between = text[end..start].trim().to_lowercase();
        if (between == "av" || between == "of") && whole > 0.0 {
            return Some(if percent { part / whole * 100.0 } else { part });
        }
    }
    match numbers[..] {
        [(_, _, value)] => Some(value),
        _ => None,
    }
}

/// The numbers in a text with where each starts and ends; a decimal comma or point counts.
fn numbers_in(text: &str) -> Vec<(usize, usize, f64)> {
    let mut found = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let digit = c.is_ascii_digit();
        let inside = start.is_some()
            && matches!(c, ',' | '.')
            && text[index + 1..].starts_with(|n: char| n.is_ascii_digit());
        match (start, digit || inside) {
            (None, true) => start = Some(index),
            (Some(from), false) => {
                if let Ok(value) = text[from..index].replace(',', ".").parse() {
                    found.push((from, index, value));
                }
                start = None;
            }
            _ => {}
        }
    }
    found
}

impl Evidence {
    /// The evidence of one initiative. A survey with fewer than `thresholds.min_responses`
    /// respondents is left out, as if there were none: its mean could tell whose answers
    /// they are.
    pub fn of(initiative: &Initiative, thresholds: Thresholds) -> Evidence {
        let record = &initiative.record;
        let survey = record.survey.as_ref().filter(|s| s.shown(thresholds));
        Evidence {
            goals_reached: record
                .steps
                .get("follow-up")
                .and_then(|s| s.answers.get("goals_reached"))
                .and_then(toml::Value::as_str)
                .map(str::to_string),
            survey_mean: survey.and_then(|s| s.mean()),
            survey_responses: survey.map_or(0, |s| s.responses),
            indicators: record
                .indicator
                .iter()
                .map(|i| indicator_evidence(i, answered_results(record)))
                .collect(),
            transfer: transfer::rounds_of(record.survey.as_ref(), thresholds),
            thresholds,
        }
    }

    /// The latest follow-up round whose transfer may be shown.
    pub fn latest_transfer(&self) -> Option<&RoundUse> {
        transfer::latest_shown(&self.transfer)
    }

    /// The mean share of the way the indicators with a target got.
    pub fn indicator_share(&self) -> Option<f64> {
        let shares: Vec<f64> = self
            .indicators
            .iter()
            .filter_map(|(_, share, _)| *share)
            .collect();
        (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
    }

    /// A few words for a table cell: "goals partly · survey 4.1 · indicators 64 %".
    pub fn short(&self) -> String {
        let mut parts = Vec::new();
        if let Some(goals) = &self.goals_reached {
            parts.push(t!(&format!("evidence.goals_short_{goals}")));
        }
        if let Some(mean) = self.survey_mean {
            parts.push(t!("evidence.survey_short", mean = number(Some(mean))));
        }
        if let Some(share) = self.indicator_share() {
            parts.push(t!(
                "evidence.indicators_short",
                percent = (share * 100.0).round()
            ));
        }
        parts.join(" · ")
    }

    /// Sentences for the meeting pack.
    pub fn sentences(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(goals) = &self.goals_reached {
            parts.push(t!(&format!("report.goals_{goals}")));
        }
        if let Some(mean) = self.survey_mean {
            parts.push(t!(
                "evidence.survey_sentence",
                mean = number(Some(mean)),
                count = self.survey_responses
            ));
        }
        for (name, _, progress) in &self.indicators {
            parts.push(format!("{name}: {progress}."));
        }
        parts.extend(
            self.transfer
                .iter()
                .filter_map(|round| round.sentence(self.thresholds)),
        );
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// One initiative's line: its impact and how far along its process it got.
pub struct Row<'a> {
    pub rated: Rated<'a>,
    pub evidence: Evidence,
    pub steps_done: usize,
    pub steps_total: usize,
    /// The current step's name, or "all done"; empty when the process is unknown.
    pub step_label: String,
    pub step_id: Option<String>,
    pub spending: Spending,
    /// The notes written about it up to the end of the period, oldest first.
    pub notes: Vec<&'a Recall>,
    /// Whether the table has the "used after" column: some initiative has a transfer round.
    pub transfer_column: bool,
    /// Whether the table has a unit column: its rows come from more than one unit.
    pub unit_column: bool,
}

impl<'a> Row<'a> {
    fn new(rated: Rated<'a>, homes: &Homes, scope: &Scope, period: Period) -> Row<'a> {
        let initiative = rated.initiative;
        let (steps_done, steps_total, step_label, step_id) = match homes.model_of(initiative) {
            Some(model) => (
                model.steps_done(initiative),
                model.steps.len(),
                progress::step(model, initiative),
                Some(
                    model
                        .current_step(initiative)
                        .map_or("done".to_string(), |s| s.id.clone()),
                ),
            ),
            None => (0, 0, String::new(), None),
        };
        let thresholds = homes.project_of(initiative).config.survey.thresholds();
        Row {
            evidence: Evidence::of(initiative, thresholds),
            spending: Spending::of(&initiative.record, scope.staff_of(initiative)),
            notes: impact::notes_on(&initiative.record.recall, period.until),
            rated,
            steps_done,
            steps_total,
            step_label,
            step_id,
            transfer_column: false,
            unit_column: false,
        }
    }
}

impl<'a> Summary<'a> {
    /// The summary of `rated`, read through `scope`: each row follows its own project's
    /// process models and survey thresholds, and counts a whole-staff initiative's
    /// participants by its own unit's staff; the name and currency are the main project's.
    pub fn new(scope: &Scope, period: Period, rated: Vec<Rated<'a>>) -> Summary<'a> {
        let project = &scope.main;
        // Each process model is loaded once here; the rows are then built on all cores.
        let mut homes = Homes::new(scope);
        homes.load_models(rated.iter().map(|rated| rated.initiative));
        let patterns = impact::patterns(&rated);
        // A need met without training is counted in the patterns, and not a row of the table.
        let rated: Vec<Rated> = rated
            .into_iter()
            .filter(|r| !r.initiative.record.not_training())
            .collect();
        // The people whose rating counts in the table as it stood at the end of the period.
        let raters = rated
            .iter()
            .flat_map(|rated| impact::latest_on(&rated.initiative.record.recall, period.until))
            .filter(|recall| recall.has_scores())
            .map(|recall| recall.by.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        let rows = rated
            .into_par_iter()
            .map(|rated| Row::new(rated, &homes, scope, period))
            .collect::<Vec<_>>();
        let rows = with_shared_columns(rows);
        let spent: Vec<_> = rows.iter().map(|r| (&r.rated.impact, r.spending)).collect();
        let cost = CostPatterns::of(&spent);
        Summary {
            project_name: project.config.name.clone().unwrap_or_default(),
            period,
            rows,
            patterns,
            raters,
            cost,
            currency: project
                .config
                .currency
                .clone()
                .unwrap_or_else(|| t!("cost.default_currency")),
            text_lang: project.config.lang,
            goal_titles: Vec::new(),
        }
    }

    /// The rows grouped `by`; a goal's group is named by the plan's title for it.
    pub fn groups(&self, by: GroupBy) -> Vec<Group> {
        let rated: Vec<Rated> = self.rows.iter().map(|r| r.rated.clone()).collect();
        let mut groups = impact::group(&rated, by);
        if by == GroupBy::Goal {
            for group in &mut groups {
                if let Some((id, title)) =
                    self.goal_titles.iter().find(|(id, _)| *id == group.label)
                {
                    group.label = format!("{title} ({id})");
                }
            }
        }
        groups
    }

    /// The patterns' sections, with the mean impact by unit in an organiser's view, and by
    /// use after the initiative once some initiative has a transfer round.
    pub fn pattern_sections(&self) -> Vec<(String, Vec<String>)> {
        let mut sections = pattern_lines(&self.patterns);
        let by_use: Vec<_> = self
            .rows
            .iter()
            .map(|r| (&r.rated.impact, r.evidence.latest_transfer()))
            .collect();
        let lines = transfer::pattern_lines(&by_use);
        if !lines.is_empty() {
            sections.push((t!("transfer_shown.by_use"), lines));
        }
        if self.rows.first().is_some_and(|r| r.unit_column) {
            let rated: Vec<Rated> = self.rows.iter().map(|r| r.rated.clone()).collect();
            let lines: Vec<String> = impact::group(&rated, GroupBy::Unit)
                .iter()
                .filter(|g| g.rated > 0)
                .map(|g| {
                    t!(
                        "patterns.group",
                        label = g.label,
                        mean = number(g.overall),
                        rated = crate::i18n::count("count.initiatives", g.rated as u64)
                    )
                })
                .collect();
            if !lines.is_empty() {
                sections.insert(0, (t!("units.by_unit"), lines));
            }
        }
        sections
    }

    /// The "Cost and time" section: its title and lines, when any record states a cost or
    /// hours.
    pub fn cost_section(&self) -> Option<(String, Vec<String>)> {
        let lines = self.cost.lines(&self.currency);
        (!lines.is_empty()).then(|| (t!("cost.heading"), lines))
    }

    pub fn heading(&self) -> String {
        t!(
            "summary.heading",
            project = self.project_name,
            facts = self.facts()
        )
    }

    /// The period and how much of it was rated, for under a heading.
    pub fn facts(&self) -> String {
        let rated = self
            .rows
            .iter()
            .filter(|r| r.rated.impact.overall.is_some())
            .count();
        let initiatives = crate::i18n::count("count.initiatives", self.rows.len() as u64);
        let (since, until) = (self.period.since, self.period.until);
        if rated == 0 {
            return t!(
                "summary.facts_unrated",
                since = since,
                until = until,
                initiatives = initiatives
            );
        }
        t!(
            "summary.facts",
            since = since,
            until = until,
            initiatives = initiatives,
            rated = crate::i18n::count("count.rated", rated as u64),
            raters = crate::i18n::count("count.people", self.raters as u64)
        )
    }
}

/// Gives every row the "used after" column when any initiative has a transfer round to show,
/// and the unit column when the rows are of several units.
fn with_shared_columns(mut rows: Vec<Row>) -> Vec<Row> {
    let any = rows.iter().any(|r| r.evidence.latest_transfer().is_some());
    let units = Unit::tell_apart(rows.iter().map(|r| r.rated.initiative.unit.as_ref()));
    for row in &mut rows {
        row.transfer_column = any;
        row.unit_column = units;
    }
    rows
}

/// A bar of eight cells for 0–4, in eighths of a cell.
pub fn bar(value: f64) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (value.clamp(0.0, 4.0) / 4.0 * 64.0).round() as usize;
    let mut bar = "█".repeat(eighths / 8);
    bar.push_str(PARTS[eighths % 8]);
    bar
}

fn why_text(impact: &Impact) -> String {
    why_text_of(impact, usize::MAX)
}

/// The `most` reasons named most often, and "…" when more were named.
pub fn why_text_of(impact: &Impact, most: usize) -> String {
    let mut text = impact
        .why
        .iter()
        .take(most)
        .map(|(why, _)| why.label())
        .collect::<Vec<_>>()
        .join(", ");
    if impact.why.len() > most {
        text.push_str(", …");
    }
    text
}

fn progress_text(row: &Row) -> String {
    if row.steps_total == 0 {
        return String::new();
    }
    format!("{}/{} {}", row.steps_done, row.steps_total, row.step_label)
}

fn date_text(row: &Row) -> String {
    Period::date_of(row.rated.initiative)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Columns of the ranked table holding numbers (right-aligned), and the overall impact.
/// The title column of the ranked table.
pub const TITLE_COLUMN: usize = 1;
/// The kind column, which goes under the title when the terminal is narrow.
pub const KIND_COLUMN: usize = 2;
/// The date column, which never wraps.
pub const DATE_COLUMN: usize = 3;
/// The leadership's and the staff's impact.
pub const LEADERSHIP_COLUMN: usize = 5;
pub const STAFF_COLUMN: usize = 6;
/// How many use it after the latest follow-up round, when any initiative has one.
pub const USED_AFTER_COLUMN: usize = 12;
/// Why it stuck: the reasons named, most named first.
pub const WHY_COLUMN: usize = 10;
pub const NUMERIC_COLUMNS: [usize; 6] = [0, 4, 5, 6, 7, 8];
pub const IMPACT_COLUMN: usize = 7;

/// How many raters named the initiative without the list; empty while nobody rated it.
fn unaided_text(impact: &Impact) -> String {
    if impact.raters == 0 {
        String::new()
    } else {
        impact.unaided.to_string()
    }
}

pub fn headers() -> Vec<String> {
    vec![
        "#".to_string(),
        t!("column.title"),
        t!("column.kind"),
        t!("column.date"),
        t!("column.self"),
        t!("column.leadership"),
        t!("column.staff"),
        t!("column.impact"),
        t!("column.unaided"),
        t!("column.evidence"),
        t!("column.why"),
        t!("column.process"),
    ]
}

/// The headers of `summary`'s table: with a unit column last in an organiser's view.
pub fn headers_of(summary: &Summary) -> Vec<String> {
    let mut headers = headers();
    if summary.rows.first().is_some_and(|r| r.transfer_column) {
        headers.push(t!("column.used_after"));
    }
    if summary.rows.first().is_some_and(|r| r.unit_column) {
        headers.push(t!("column.unit"));
    }
    headers
}

/// A unit's name as a cell, marked when the initiative is the organiser's own.
pub fn unit_text(unit: &Unit) -> String {
    if unit.organiser {
        t!("units.organisers", unit = unit.name)
    } else {
        unit.name.to_string()
    }
}

pub fn cells(row: &Row, with_bar: bool) -> Vec<String> {
    cells_with(row, with_bar, number)
}

/// The cells of a row with numbers written by `num` (CSV picks its own decimal mark).
fn cells_with(row: &Row, with_bar: bool, num: impl Fn(Option<f64>) -> String) -> Vec<String> {
    let impact = &row.rated.impact;
    let overall = match (impact.overall, with_bar) {
        (Some(value), true) => format!("{} {}", num(Some(value)), bar(value)),
        (value, _) => num(value),
    };
    let mut cells = vec![
        row.rated.rank.map(|r| r.to_string()).unwrap_or_default(),
        row.rated.initiative.record.title.clone(),
        row.rated.initiative.record.kind.label(),
        date_text(row),
        num(impact.self_),
        num(impact.leadership),
        num(impact.staff),
        overall,
        unaided_text(impact),
        row.evidence.short(),
        why_text(impact),
        progress_text(row),
    ];
    if row.transfer_column {
        let latest = row.evidence.latest_transfer();
        cells.push(latest.map(RoundUse::cell).unwrap_or_default());
    }
    if row.unit_column {
        let unit = row.rated.initiative.unit.as_ref();
        cells.push(unit.map(unit_text).unwrap_or_default());
    }
    cells
}

pub fn group_headers() -> Vec<String> {
    vec![
        t!("column.group"),
        t!("column.initiatives"),
        t!("column.rated"),
        t!("column.self"),
        t!("column.leadership"),
        t!("column.staff"),
        t!("column.impact"),
    ]
}

pub fn group_cells(group: &Group, with_bar: bool) -> Vec<String> {
    group_cells_with(group, with_bar, number)
}

fn group_cells_with(
    group: &Group,
    with_bar: bool,
    num: impl Fn(Option<f64>) -> String,
) -> Vec<String> {
    let overall = match (group.overall, with_bar) {
        (Some(value), true) => format!("{} {}", num(Some(value)), bar(value)),
        (value, _) => num(value),
    };
    vec![
        group.label.clone(),
        group.initiatives.to_string(),
        group.rated.to_string(),
        num(group.self_),
        num(group.leadership),
        num(group.staff),
        overall,
    ]
}

/// The patterns as lines of text: the same words in the terminal and in Markdown.
pub fn pattern_lines(patterns: &Patterns) -> Vec<(String, Vec<String>)> {
    let groups = |groups: &[Group]| -> Vec<String> {
        groups
            .iter()
            .filter(|g| g.rated > 0)
            .map(|g| {
                t!(
                    "patterns.group",
                    label = g.label,
                    mean = number(g.overall),
                    rated = crate::i18n::count("count.initiatives", g.rated as u64)
                )
            })
            .collect()
    };
    let mut by_kind: Vec<&Group> = patterns.by_kind.iter().filter(|g| g.rated > 0).collect();
    by_kind.sort_by(|a, b| {
        b.overall
            .unwrap_or(0.0)
            .total_cmp(&a.overall.unwrap_or(0.0))
    });
    let by_kind: Vec<Group> = by_kind.into_iter().cloned().collect();
    let why: Vec<String> = patterns
        .why
        .iter()
        // "other" is said only now and then: a line of zeros for it says nothing.
        .filter(|w| w.why != Why::Other || w.stuck_naming + w.not_stuck_naming > 0)
        .map(|w| {
            t!(
                "patterns.why_line",
                why = w.why.label(),
                stuck_naming = w.stuck_naming,
                stuck = w.stuck,
                stuck_share = share(w.stuck_naming, w.stuck),
                not_naming = w.not_stuck_naming,
                not_stuck = w.not_stuck,
                not_share = share(w.not_stuck_naming, w.not_stuck)
            )
        })
        .collect();
    let nothing_rated = patterns.why.iter().all(|w| w.stuck + w.not_stuck == 0);
    let why = if nothing_rated { Vec::new() } else { why };
    // A section with nothing to say is left out rather than shown empty.
    vec![
        (t!("patterns.by_kind"), groups(&by_kind)),
        (t!("patterns.by_whole_staff"), groups(&patterns.whole_staff)),
        (t!("patterns.by_spread"), groups(&patterns.spread)),
        (t!("patterns.by_theme"), groups(&patterns.by_theme)),
        (t!("patterns.by_why"), why),
        (t!("patterns.by_why_not"), why_not_lines(patterns)),
        (t!("patterns.not_training"), not_training_lines(patterns)),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .collect()
}

/// How many needs were met without training, once one was.
fn not_training_lines(patterns: &Patterns) -> Vec<String> {
    let n = patterns.not_training;
    if n == 0 {
        return Vec::new();
    }
    let key = if n == 1 { "one" } else { "other" };
    vec![t!(
        &format!("patterns.not_training_{key}"),
        n = n,
        needs = patterns.needs
    )]
}

/// The why-not shares, or nothing while nobody has named a reason it did not stick.
fn why_not_lines(patterns: &Patterns) -> Vec<String> {
    if patterns.why_not.iter().all(|w| w.naming == 0) {
        return Vec::new();
    }
    patterns
        .why_not
        .iter()
        .filter(|w| w.why_not != WhyNot::Other || w.naming > 0)
        .map(|w| {
            t!(
                "patterns.why_not_line",
                why_not = w.why_not.label(),
                naming = w.naming,
                not_stuck = w.not_stuck,
                share = share(w.naming, w.not_stuck)
            )
        })
        .collect()
}

pub(crate) fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_string()
    } else {
        format!("{} %", (part as f64 / whole as f64 * 100.0).round())
    }
}

pub(crate) fn markdown_table(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    numeric: &[usize],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| {} |",
        headers
            .iter()
            .map(|h| escape::markdown_cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let align: Vec<&str> = (0..headers.len())
        .map(|i| if numeric.contains(&i) { "--:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", align.join("|"));
    // The rows' cells are escaped on all cores.
    let lines: Vec<String> = rows
        .into_par_iter()
        .map(|row| {
            let cells: Vec<String> = row.iter().map(|c| escape::markdown_cell(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        })
        .collect();
    out.extend(lines);
    out
}

/// Each note about an initiative as a line: the words, who and when (without the name when
/// `anonymous`). Line breaks in a note become spaces, so a note stays one list item.
pub fn note_lines(row: &Row, anonymous: bool) -> Vec<String> {
    notes_of(row)
        .map(|(recall, note)| note_line(recall, &note, anonymous))
        .collect()
}

/// Each note of the period with its recall, its line breaks made spaces.
pub fn notes_of<'r, 'a>(row: &'r Row<'a>) -> impl Iterator<Item = (&'a Recall, String)> + 'r {
    row.notes.iter().filter_map(|&recall| {
        let note = recall.note.as_deref()?;
        Some((
            recall,
            note.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    })
}

/// One note's line: `note` quoted, who (unless `anonymous`) and when.
pub fn note_line(recall: &Recall, note: &str, anonymous: bool) -> String {
    if anonymous {
        t!(
            "summary.note_line_anonymous",
            note = note,
            date = recall.date
        )
    } else {
        t!(
            "summary.note_line",
            note = note,
            by = recall.by,
            date = recall.date
        )
    }
}

/// The notes of the period under each initiative's title, or nothing when there are none.
pub fn markdown_notes(summary: &Summary, anonymous: bool) -> String {
    // Each initiative's notes on all cores, joined in order: with every record in the period
    // they were most of the Markdown's work left on one thread.
    let parts: Vec<String> = summary
        .rows
        .par_iter()
        .filter(|r| !r.notes.is_empty())
        .map(|row| {
            let title = escape::markdown_text(&row.rated.initiative.record.title);
            let mut out = format!("**{title}**\n\n");
            for line in note_lines(row, anonymous) {
                let _ = writeln!(out, "- {}", escape::markdown_line(&line));
            }
            out.push('\n');
            out
        })
        .collect();
    parts.concat()
}

/// The ranked table as GitHub-flavoured Markdown.
pub fn markdown_rows(summary: &Summary) -> String {
    markdown_table(
        headers_of(summary),
        summary.rows.par_iter().map(|r| cells(r, false)).collect(),
        &NUMERIC_COLUMNS,
    )
}

pub fn markdown_patterns(summary: &Summary) -> String {
    let mut out = String::new();
    let sections = summary
        .pattern_sections()
        .into_iter()
        .chain(summary.cost_section());
    for (title, lines) in sections {
        let _ = writeln!(out, "**{}**\n", escape::markdown_text(&title));
        for line in lines {
            let _ = writeln!(out, "- {}", escape::markdown_line(&line));
        }
        out.push('\n');
    }
    out
}

pub fn markdown(summary: &Summary, group_by: Option<GroupBy>) -> String {
    let mut out = format!("## {}\n\n", escape::markdown_text(&summary.heading()));
    if let Some(by) = group_by {
        let rows = summary
            .groups(by)
            .iter()
            .map(|g| group_cells(g, false))
            .collect();
        out.push_str(&markdown_table(group_headers(), rows, &[1, 2, 3, 4, 5, 6]));
        return out;
    }
    out.push_str(&markdown_rows(summary));
    let _ = writeln!(
        out,
        "\n### {}\n",
        escape::markdown_text(&t!("patterns.heading"))
    );
    out.push_str(&markdown_patterns(summary));
    let notes = markdown_notes(summary, false);
    if !notes.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            escape::markdown_text(&t!("summary.notes_heading"))
        );
        out.push_str(&notes);
    }
    let _ = writeln!(
        out,
        "_{}_",
        escape::markdown_text(&t!("summary.scale_legend"))
    );
    out
}

/// The ranked table (or the grouped one) as CSV in the given dialect, with each initiative's
/// id beside its rank so a spreadsheet row can be traced to its record.
pub fn csv(summary: &Summary, group_by: Option<GroupBy>, dialect: &Dialect) -> String {
    let num = |v: Option<f64>| v.map(|v| dialect.number(v, 1)).unwrap_or_default();
    if let Some(by) = group_by {
        let rows: Vec<Vec<String>> = summary
            .groups(by)
            .iter()
            .map(|g| group_cells_with(g, false, num))
            .collect();
        return dialect.document(&group_headers(), &rows);
    }
    let mut header = vec![t!("column.rank"), t!("column.id")];
    header.extend(headers_of(summary).into_iter().skip(1));
    let rows: Vec<Vec<String>> = summary
        .rows
        .par_iter()
        .map(|row| {
            let mut cells = cells_with(row, false, num);
            cells.insert(1, row.rated.initiative.id.clone());
            cells
        })
        .collect();
    dialect.document(&header, &rows)
}

/// A mean for JSON: two decimals, `null` when there is none.
pub(crate) fn round(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 100.0).round() / 100.0)
}

// The JSON of `fortb summary --format json`, as types: the field order is the output's, and
// the data is borrowed, not copied into a JSON tree first.

#[derive(Serialize)]
struct SummaryJson<'a> {
    project: &'a str,
    period: PeriodJson,
    initiatives: crate::json::Parallel<'a, Row<'a>, InitiativeJson<'a>>,
    patterns: PatternsJson<'a>,
    cost: CostJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupJson<'a>>>,
}

/// Cost and time over the period; sums only over the initiatives that state them.
#[derive(Serialize)]
struct CostJson<'a> {
    currency: &'a str,
    total: Option<f64>,
    with_cost_count: usize,
    per_participant: Option<f64>,
    staff_hours: Option<f64>,
    with_staff_hours_count: usize,
    stuck_cost_share: Option<f64>,
    stuck_hours_share: Option<f64>,
}

fn cost_json<'a>(summary: &'a Summary) -> CostJson<'a> {
    let cost = &summary.cost;
    CostJson {
        currency: &summary.currency,
        total: (cost.with_cost > 0)
            .then_some(round(Some(cost.cost)))
            .flatten(),
        with_cost_count: cost.with_cost,
        per_participant: (cost.participants_of_both > 0)
            .then(|| cost.cost_of_both / cost.participants_of_both as f64)
            .and_then(|v| round(Some(v))),
        staff_hours: (cost.with_hours > 0)
            .then_some(round(Some(cost.staff_hours)))
            .flatten(),
        with_staff_hours_count: cost.with_hours,
        stuck_cost_share: round(cost.stuck.and_then(|s| s.cost)),
        stuck_hours_share: round(cost.stuck.and_then(|s| s.hours)),
    }
}

#[derive(Serialize)]
struct PeriodJson {
    since: Date,
    until: Date,
}

#[derive(Serialize)]
pub(crate) struct InitiativeJson<'a> {
    rank: Option<usize>,
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    learning: Option<&'static str>,
    themes: &'a [String],
    start: Option<Date>,
    end: Option<Date>,
    whole_staff: bool,
    one_off: bool,
    impact: Option<f64>,
    impact_self: Option<f64>,
    impact_leadership: Option<f64>,
    impact_staff: Option<f64>,
    rater_count: usize,
    unaided_count: usize,
    why: Vec<ReasonJson>,
    why_not: Vec<ReasonJson>,
    goals_reached: Option<&'a str>,
    survey_mean: Option<f64>,
    survey_response_count: u32,
    indicators: Vec<IndicatorJson<'a>>,
    transfer: Vec<TransferJson>,
    step: Option<&'a str>,
    done_step_count: usize,
    step_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    organisers: bool,
    cost: Option<f64>,
    hours: Option<f64>,
    participant_count: Option<u32>,
    cost_per_participant: Option<f64>,
    staff_hours: Option<f64>,
    notes: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    by: &'a str,
    date: Date,
    note: &'a str,
}

/// One follow-up round: `shown` false, and the shares null, below the anonymity threshold.
#[derive(Serialize)]
struct TransferJson {
    round: u32,
    respondent_count: u32,
    shown: bool,
    at_least_monthly: Option<f64>,
    confidence: Option<f64>,
}

fn transfer_json(follow_up: &RoundUse) -> TransferJson {
    let transfer = follow_up.transfer.as_ref();
    TransferJson {
        round: follow_up.days,
        respondent_count: follow_up.respondents,
        shown: follow_up.shown,
        at_least_monthly: round(transfer.and_then(|t| t.at_least_monthly)),
        confidence: round(transfer.and_then(|t| t.confidence)),
    }
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    name: &'a str,
    share_of_the_way: Option<f64>,
}

#[derive(Serialize)]
struct ReasonJson {
    reason: &'static str,
    n: usize,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    group: &'a str,
    label: &'a str,
    initiative_count: usize,
    rated_count: usize,
    impact: Option<f64>,
    impact_self: Option<f64>,
    impact_leadership: Option<f64>,
    impact_staff: Option<f64>,
}

#[derive(Serialize)]
struct WhyJson {
    reason: &'static str,
    stuck_naming_count: usize,
    stuck_count: usize,
    not_stuck_naming_count: usize,
    not_stuck_count: usize,
}

#[derive(Serialize)]
struct WhyNotJson {
    reason: &'static str,
    naming_count: usize,
    not_stuck_count: usize,
}

#[derive(Serialize)]
pub(crate) struct PatternsJson<'a> {
    by_kind: Vec<GroupJson<'a>>,
    whole_staff: Vec<GroupJson<'a>>,
    spread: Vec<GroupJson<'a>>,
    by_theme: Vec<GroupJson<'a>>,
    why: Vec<WhyJson>,
    why_not: Vec<WhyNotJson>,
    not_training_count: usize,
    need_count: usize,
}

fn group_json(group: &Group) -> GroupJson<'_> {
    GroupJson {
        group: &group.key,
        label: &group.label,
        initiative_count: group.initiatives,
        rated_count: group.rated,
        impact: round(group.overall),
        impact_self: round(group.self_),
        impact_leadership: round(group.leadership),
        impact_staff: round(group.staff),
    }
}

/// Each reason with how many people named it.
fn reasons_json<W: Vocabulary>(counts: &[(W, usize)]) -> Vec<ReasonJson> {
    counts
        .iter()
        .map(|(w, n)| ReasonJson {
            reason: w.key(),
            n: *n,
        })
        .collect()
}

/// One row of the summary as JSON, with the ratings and notes of `rated` and `notes` (a
/// comparison shows the same row as it stood on another day).
pub(crate) fn initiative_json<'a>(
    row: &'a Row,
    rated: &'a Rated,
    notes: &'a [&'a Recall],
) -> InitiativeJson<'a> {
    let initiative = row.rated.initiative;
    let record = &initiative.record;
    let impact = &rated.impact;
    InitiativeJson {
        rank: rated.rank,
        id: &initiative.id,
        title: &record.title,
        kind: record.kind.key(),
        learning: record.learning.map(|l| l.key()),
        themes: &record.themes,
        start: record.start,
        end: record.end,
        whole_staff: record.whole_staff,
        one_off: initiative.is_one_off(),
        impact: round(impact.overall),
        impact_self: round(impact.self_),
        impact_leadership: round(impact.leadership),
        impact_staff: round(impact.staff),
        rater_count: impact.raters,
        unaided_count: impact.unaided,
        why: reasons_json(&impact.why),
        why_not: reasons_json(&impact.why_not),
        goals_reached: row.evidence.goals_reached.as_deref(),
        survey_mean: round(row.evidence.survey_mean),
        survey_response_count: row.evidence.survey_responses,
        indicators: row
            .evidence
            .indicators
            .iter()
            .map(|(name, share, _)| IndicatorJson {
                name,
                share_of_the_way: round(*share),
            })
            .collect(),
        transfer: row.evidence.transfer.iter().map(transfer_json).collect(),
        step: row.step_id.as_deref(),
        done_step_count: row.steps_done,
        step_count: row.steps_total,
        unit: initiative.unit.as_ref().map(|u| &*u.name),
        organisers: initiative.unit.as_ref().is_some_and(|u| u.organiser),
        cost: row.spending.cost,
        hours: row.spending.hours,
        participant_count: row.spending.participants,
        cost_per_participant: round(row.spending.per_participant()),
        staff_hours: round(row.spending.staff_hours()),
        notes: notes
            .iter()
            .map(|recall| NoteJson {
                by: &recall.by,
                date: recall.date,
                note: recall.note.as_deref().unwrap_or_default(),
            })
            .collect(),
    }
}

pub(crate) fn patterns_json(patterns: &Patterns) -> PatternsJson<'_> {
    PatternsJson {
        by_kind: patterns.by_kind.iter().map(group_json).collect(),
        whole_staff: patterns.whole_staff.iter().map(group_json).collect(),
        spread: patterns.spread.iter().map(group_json).collect(),
        by_theme: patterns.by_theme.iter().map(group_json).collect(),
        not_training_count: patterns.not_training,
        need_count: patterns.needs,
        why: patterns
            .why
            .iter()
            .map(|w| WhyJson {
                reason: w.why.key(),
                stuck_naming_count: w.stuck_naming,
                stuck_count: w.stuck,
                not_stuck_naming_count: w.not_stuck_naming,
                not_stuck_count: w.not_stuck,
            })
            .collect(),
        why_not: patterns
            .why_not
            .iter()
            .map(|w| WhyNotJson {
                reason: w.why_not.key(),
                naming_count: w.naming,
                not_stuck_count: w.not_stuck,
            })
            .collect(),
    }
}

/// Writes the summary as pretty-printed JSON into `out` as it is made: at 10,000 initiatives
/// the text is larger than the records it comes from.
pub fn write_json(
    out: &mut dyn std::io::Write,
    summary: &Summary,
    group_by: Option<GroupBy>,
) -> std::io::Result<()> {
    let groups = group_by.map(|by| summary.groups(by));
    let value = SummaryJson {
        project: &summary.project_name,
        period: PeriodJson {
            since: summary.period.since,
            until: summary.period.until,
        },
        initiatives: crate::json::Parallel {
            items: &summary.rows,
            depth: 1,
            make: |row| initiative_json(row, &row.rated, &row.notes),
        },
        patterns: patterns_json(&summary.patterns),
        cost: cost_json(summary),
        groups: groups
            .as_ref()
            .map(|groups| groups.iter().map(group_json).collect()),
    };
    crate::json::write_document(out, &value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_grow_in_eighths() {
        assert_eq!(bar(0.0), "");
        assert_eq!(bar(4.0), "████████");
        assert_eq!(bar(2.0), "████");
        assert_eq!(bar(2.25), "████▌");
        assert_eq!(bar(9.0), "████████");
    }

    #[test]
    fn numbers_use_the_decimal_mark_asked_for() {
        assert_eq!(number_with(Some(2.25), true), "2,3");
        assert_eq!(number_with(Some(3.0), false), "3.0");
        assert_eq!(number_with(None, false), "");
    }
}
