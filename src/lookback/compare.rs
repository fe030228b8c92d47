//! Two look-backs side by side (`fortb summary --compare DATE`): each initiative's ratings as
//! they stood on an earlier day and as they stand now, the change, and what faded or grew —
//! rendered as Markdown, CSV or JSON (the terminal table is drawn by the command).

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;

use crate::csv::Dialect;
use crate::escape;
use crate::i18n::labels::Labelled;
use crate::lookback::impact::{self, Group, Impact, Patterns, Rated, SortBy};
use crate::lookback::summary::{self, number, Row, Summary};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::recall::Recall;
use crate::t;

/// A change of at least this many points (down or up) marks an initiative as faded or grown.
pub const MARKED_CHANGE: f64 = 1.0;

/// Which way an initiative went between the two look-backs, when it moved a full point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Faded,
    Grown,
}

impl Trend {
    fn of(change: Option<f64>) -> Option<Trend> {
        // A hair under a point from rounding (3.7 − 2.7) still counts as a point.
        const EPSILON: f64 = 1e-9;
        match change? {
            c if c <= -MARKED_CHANGE + EPSILON => Some(Trend::Faded),
            c if c >= MARKED_CHANGE - EPSILON => Some(Trend::Grown),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Trend::Faded => "faded",
            Trend::Grown => "grown",
        }
    }

    pub fn label(self) -> String {
        t!(&format!("compare.{}", self.key()))
    }
}

/// Now minus then, per audience and overall; `None` where either is missing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    pub self_: Option<f64>,
    pub leadership: Option<f64>,
    pub staff: Option<f64>,
    pub overall: Option<f64>,
}

impl Change {
    pub fn between(then: &Impact, now: &Impact) -> Change {
        let minus = |now: Option<f64>, then: Option<f64>| Some(now? - then?);
        Change {
            self_: minus(now.self_, then.self_),
            leadership: minus(now.leadership, then.leadership),
            staff: minus(now.staff, then.staff),
            overall: minus(now.overall, then.overall),
        }
    }
}

/// One initiative as it stood on the earlier day, beside its row now.
pub struct Then<'a> {
    pub rated: Rated<'a>,
    pub notes: Vec<&'a Recall>,
    pub change: Change,
    pub trend: Option<Trend>,
}

/// The summary now (or at `--until`) and the same initiatives as they stood on `then`.
pub struct Comparison<'a> {
    pub then: Date,
    pub now: Summary<'a>,
    /// The rows as they stood `then`, in the order of `now.rows`.
    pub rows: Vec<Then<'a>>,
    pub then_patterns: Patterns,
}

impl<'a> Comparison<'a> {
    /// Reads `initiatives` (those `now` was made from) as they stood on `then`.
    pub fn new(now: Summary<'a>, initiatives: &'a [Initiative], then: Date) -> Comparison<'a> {
        let before = impact::rank(initiatives, SortBy::Impact, then);
        let then_patterns = impact::patterns(&before);
        let mut by_id: HashMap<&str, Rated<'a>> = before
            .into_iter()
            .map(|rated| (rated.initiative.id.as_str(), rated))
            .collect();
        let rows = now
            .rows
            .iter()
            .map(|row| {
                let initiative = row.rated.initiative;
                let rated = by_id.remove(initiative.id.as_str()).unwrap_or(Rated {
                    initiative,
                    impact: Impact::default(),
                    rank: None,
                });
                let change = Change::between(&rated.impact, &row.rated.impact);
                Then {
                    notes: impact::notes_on(&initiative.record.recall, then),
                    trend: Trend::of(change.overall),
                    change,
                    rated,
                }
            })
            .collect();
        Comparison {
            then,
            now,
            rows,
            then_patterns,
        }
    }

    pub fn heading(&self) -> String {
        t!(
            "compare.heading",
            project = self.now.project_name,
            then = self.then,
            now = self.now.period.until,
            facts = self.now.facts()
        )
    }

    /// Each row with its earlier self.
    pub fn pairs(&self) -> impl Iterator<Item = (&Row<'a>, &Then<'a>)> {
        self.now.rows.iter().zip(&self.rows)
    }
}

/// A change with its sign, with the language's decimal mark (or `comma`); blank when missing.
fn signed_with(value: Option<f64>, comma: bool) -> String {
    match value {
        Some(v) => {
            let text = summary::number_with(Some(v.abs()), comma);
            let rounded_to_zero = (v.abs() * 10.0).round() == 0.0;
            match v {
                _ if rounded_to_zero => text,
                v if v < 0.0 => format!("-{text}"),
                _ => format!("+{text}"),
            }
        }
        None => String::new(),
    }
}

pub fn signed(value: Option<f64>) -> String {
    signed_with(value, crate::i18n::current() == crate::i18n::Lang::Sv)
}

/// "3,7 → 1,3" for a terminal cell; one side blank when it was not rated then or now.
pub fn then_now(then: Option<f64>, now: Option<f64>) -> String {
    match (then, now) {
        (None, None) => String::new(),
        _ => {
            let side = |value: Option<f64>| match value {
                Some(_) => number(value),
                None => "–".to_string(),
            };
            format!("{} → {}", side(then), side(now))
        }
    }
}

/// What a then–now pair is measured for: the audiences and the overall impact.
fn measures(impact: &Impact) -> [Option<f64>; 4] {
    [
        impact.self_,
        impact.leadership,
        impact.staff,
        impact.overall,
    ]
}

fn changes(change: &Change) -> [Option<f64>; 4] {
    [
        change.self_,
        change.leadership,
        change.staff,
        change.overall,
    ]
}

fn measure_names() -> [String; 4] {
    [
        t!("column.self"),
        t!("column.leadership"),
        t!("column.staff"),
        t!("column.impact"),
    ]
}

/// The headers of the Markdown and CSV tables: each measure then, now and its change.
pub fn headers() -> Vec<String> {
    let mut headers = vec!["#".to_string(), t!("column.title")];
    for name in measure_names() {
        headers.push(t!("compare.then_column", column = name));
        headers.push(t!("compare.now_column", column = name));
        headers.push(t!("compare.change_column", column = name));
    }
    headers.push(t!("compare.trend"));
    headers
}

/// The numeric columns of [`headers`].
const NUMERIC: [usize; 13] = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

fn cells_with(row: &Row, then: &Then, comma: bool) -> Vec<String> {
    let mut cells = vec![
        row.rated.rank.map(|r| r.to_string()).unwrap_or_default(),
        row.rated.initiative.record.title.clone(),
    ];
    let now = measures(&row.rated.impact);
    let before = measures(&then.rated.impact);
    for ((then_value, now_value), change) in before.iter().zip(now).zip(changes(&then.change)) {
        cells.push(summary::number_with(*then_value, comma));
        cells.push(summary::number_with(now_value, comma));
        cells.push(signed_with(change, comma));
    }
    cells.push(then.trend.map(Trend::label).unwrap_or_default());
    cells
}

/// The patterns then and now, as lines: each group's mean and each reason's share.
pub fn pattern_lines(comparison: &Comparison) -> Vec<(String, Vec<String>)> {
    let (then, now) = (&comparison.then_patterns, &comparison.now.patterns);
    vec![
        (
            t!("patterns.by_kind"),
            group_lines(&then.by_kind, &now.by_kind),
        ),
        (
            t!("patterns.by_whole_staff"),
            group_lines(&then.whole_staff, &now.whole_staff),
        ),
        (
            t!("patterns.by_spread"),
            group_lines(&then.spread, &now.spread),
        ),
        (t!("compare.by_why"), why_lines(then, now)),
        (t!("compare.by_why_not"), why_not_lines(then, now)),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .collect()
}

/// Each group's mean then and now, and the change, for the groups rated at either time.
fn group_lines(then: &[Group], now: &[Group]) -> Vec<String> {
    now.iter()
        .filter_map(|group| {
            let before = then.iter().find(|g| g.key == group.key)?;
            (group.rated + before.rated > 0).then(|| {
                let change = before.overall.zip(group.overall).map(|(b, n)| n - b);
                let mut line = t!(
                    "compare.group",
                    label = group.label,
                    values = then_now(before.overall, group.overall)
                );
                if change.is_some() {
                    line.push_str(&format!(" ({})", signed(change)));
                }
                line
            })
        })
        .collect()
}

/// Each reason's share of what stuck, then and now, for the reasons named at either time.
fn why_lines(then: &Patterns, now: &Patterns) -> Vec<String> {
    then.why
        .iter()
        .zip(&now.why)
        .filter(|(b, n)| b.stuck_naming + n.stuck_naming > 0)
        .map(|(b, n)| {
            t!(
                "compare.why_line",
                why = n.why.label(),
                then = summary::share(b.stuck_naming, b.stuck),
                now = summary::share(n.stuck_naming, n.stuck)
            )
        })
        .collect()
}

/// Each reason's share of what did not stick, then and now.
fn why_not_lines(then: &Patterns, now: &Patterns) -> Vec<String> {
    then.why_not
        .iter()
        .zip(&now.why_not)
        .filter(|(b, n)| b.naming + n.naming > 0)
        .map(|(b, n)| {
            t!(
                "compare.why_not_line",
                why_not = n.why_not.label(),
                then = summary::share(b.naming, b.not_stuck),
                now = summary::share(n.naming, n.not_stuck)
            )
        })
        .collect()
}

/// The comparison as GitHub-flavoured Markdown: the table, then the patterns' change.
pub fn markdown(comparison: &Comparison) -> String {
    let comma = crate::i18n::current() == crate::i18n::Lang::Sv;
    let mut out = format!("## {}\n\n", escape::markdown_text(&comparison.heading()));
    let rows = comparison
        .pairs()
        .map(|(row, then)| cells_with(row, then, comma))
        .collect();
    out.push_str(&summary::markdown_table(headers(), rows, &NUMERIC));
    let _ = writeln!(
        out,
        "\n### {}\n",
        escape::markdown_text(&t!("patterns.heading"))
    );
    for (title, lines) in pattern_lines(comparison) {
        let _ = writeln!(out, "**{}**\n", escape::markdown_text(&title));
        for line in lines {
            let _ = writeln!(out, "- {}", escape::markdown_line(&line));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "_{}_",
        escape::markdown_text(&t!("compare.legend", points = number(Some(MARKED_CHANGE))))
    );
    out
}

/// The comparison as CSV in `dialect`, as [`summary::csv`] writes it: the id beside the rank.
pub fn csv(comparison: &Comparison, dialect: &Dialect) -> String {
    let mut header = vec![t!("column.rank"), t!("column.id")];
    header.extend(headers().into_iter().skip(1));
    let rows: Vec<Vec<String>> = comparison
        .pairs()
        .map(|(row, then)| {
            let mut cells = cells_with(row, then, dialect.decimal_comma);
            cells.insert(1, row.rated.initiative.id.clone());
            cells
        })
        .collect();
    dialect.document(&header, &rows)
}

#[derive(Serialize)]
struct ComparisonJson<'a> {
    project: &'a str,
    period: PeriodJson,
    then: Date,
    now: Date,
    initiatives: crate::json::Parallel<'a, (&'a Row<'a>, &'a Then<'a>), ComparedJson<'a>>,
    patterns: ThenNow<summary::PatternsJson<'a>>,
}

#[derive(Serialize)]
struct PeriodJson {
    since: Date,
    until: Date,
}

#[derive(Serialize)]
struct ThenNow<T> {
    then: T,
    now: T,
}

#[derive(Serialize)]
struct ComparedJson<'a> {
    id: &'a str,
    title: &'a str,
    trend: Option<&'static str>,
    change: ChangeJson,
    then: summary::InitiativeJson<'a>,
    now: summary::InitiativeJson<'a>,
}

#[derive(Serialize)]
struct ChangeJson {
    impact: Option<f64>,
    impact_self: Option<f64>,
    impact_leadership: Option<f64>,
    impact_staff: Option<f64>,
}

/// Writes the comparison as pretty-printed JSON into `out` as it is made.
pub fn write_json(out: &mut dyn std::io::Write, comparison: &Comparison) -> std::io::Result<()> {
    let now = &comparison.now;
    let pairs: Vec<_> = comparison.pairs().collect();
    let initiatives = crate::json::Parallel {
        items: &pairs,
        depth: 1,
        make: |&(row, then)| ComparedJson {
            id: &row.rated.initiative.id,
            title: &row.rated.initiative.record.title,
            trend: then.trend.map(Trend::key),
            change: ChangeJson {
                impact: summary::round(then.change.overall),
                impact_self: summary::round(then.change.self_),
                impact_leadership: summary::round(then.change.leadership),
                impact_staff: summary::round(then.change.staff),
            },
            then: summary::initiative_json(row, &then.rated, &then.notes),
            now: summary::initiative_json(row, &row.rated, &row.notes),
        },
    };
    let value = ComparisonJson {
        project: &now.project_name,
        period: PeriodJson {
            since: now.period.since,
            until: now.period.until,
        },
        then: comparison.then,
        now: now.period.until,
        initiatives,
        patterns: ThenNow {
            then: summary::patterns_json(&comparison.then_patterns),
            now: summary::patterns_json(&now.patterns),
        },
    };
    crate::json::write_document(out, &value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_point_down_or_up_marks_the_trend() {
        assert_eq!(Trend::of(Some(-2.4)), Some(Trend::Faded));
        assert_eq!(Trend::of(Some(3.7 - 4.7)), Some(Trend::Faded));
        assert_eq!(Trend::of(Some(-0.9)), None);
        assert_eq!(Trend::of(Some(1.0)), Some(Trend::Grown));
        assert_eq!(Trend::of(None), None);
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_with(Some(-2.35), true), "-2,4");
        assert_eq!(signed_with(Some(0.5), false), "+0.5");
        assert_eq!(signed_with(Some(-0.01), false), "0.0");
        assert_eq!(signed_with(None, false), "");
    }
}
