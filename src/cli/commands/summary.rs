//! `fortb summary`: the table a leadership group looks at — recalled impact per initiative,
//! ranked, with the patterns below.

use std::fmt::Write;
use std::process::ExitCode;

use comfy_table::{ColumnConstraint, Width};

use crate::cli::args::{GroupArg, SortArg, SummaryArgs, SummaryFormat};
use crate::cli::commands::{self, Context};
use crate::cli::{output, table};
use crate::error::{Error, Result};
use crate::lookback::compare::{self, then_now, Comparison};
use crate::lookback::impact::{self, GroupBy, Rated, SortBy};
use crate::lookback::summary::{
    self, cells, group_cells, group_headers, headers, pattern_lines, Summary, DATE_COLUMN,
    NUMERIC_COLUMNS, TITLE_COLUMN,
};
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &SummaryArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let period = commands::period(&args.period)?;
    let compare = commands::date_arg("--compare", args.compare.as_deref())?;
    if let Some(then) = compare.filter(|then| *then >= period.until) {
        return Err(Error::Usage(t!(
            "compare.not_before",
            then = then,
            now = period.until
        )));
    }
    let initiatives = context.initiatives_in(
        &project,
        store::Answers::Only(summary::EVIDENCE_ANSWERS),
        &period,
        &args.kind,
    )?;
    let sort = match args.sort {
        SortArg::Impact => SortBy::Impact,
        SortArg::Date => SortBy::Date,
        SortArg::Title => SortBy::Title,
    };
    let group_by = args.group_by.map(|g| match g {
        GroupArg::Kind => GroupBy::Kind,
        GroupArg::Learning => GroupBy::Learning,
        GroupArg::WholeStaff => GroupBy::WholeStaff,
        GroupArg::Spread => GroupBy::Spread,
    });
    let summary = Summary::new(
        &project,
        period,
        impact::rank(&initiatives, sort, period.until),
    );
    if summary.rows.is_empty() && args.format == SummaryFormat::Table {
        output::note(&t!(
            "summary.empty",
            since = period.since,
            until = period.until
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let text = match compare {
        Some(then) => compared(Comparison::new(summary, &initiatives, then), args)?,
        None => rendered(&summary, group_by, args)?,
    };
    match args.format {
        SummaryFormat::Table => output::print_for_terminal(&text),
        _ => output::print(&text),
    }
    Ok(ExitCode::SUCCESS)
}

/// The summary in the format asked for.
fn rendered(summary: &Summary, group_by: Option<GroupBy>, args: &SummaryArgs) -> Result<String> {
    Ok(match args.format {
        SummaryFormat::Table => terminal(summary, group_by),
        SummaryFormat::Markdown => summary::markdown(summary, group_by),
        SummaryFormat::Json => summary::json(summary, group_by),
        SummaryFormat::Csv => summary::csv(summary, group_by, &commands::csv_dialect(&args.csv)?),
    })
}

/// Two look-backs side by side, in the format asked for.
fn compared(comparison: Comparison, args: &SummaryArgs) -> Result<String> {
    Ok(match args.format {
        SummaryFormat::Table => terminal_comparison(&comparison),
        SummaryFormat::Markdown => compare::markdown(&comparison),
        SummaryFormat::Json => compare::json(&comparison),
        SummaryFormat::Csv => compare::csv(&comparison, &commands::csv_dialect(&args.csv)?),
    })
}

/// The narrowest the title may get before columns are left out instead.
const TITLE_MIN: u16 = 24;
/// The width a wrapping column (reasons, process) needs to stay readable.
const WRAPPED_MIN: usize = 16;
/// Columns left out first when the terminal is narrow: process, why, measured, kind.
const DROPPED_FIRST: [usize; 4] = [10, 9, 8, 2];

/// The columns that fit `width` without squeezing dates, numbers or words apart: the least
/// needed go first. Without a width (not a terminal) every column is shown.
fn fitting_columns(headers: &[String], rows: &[Vec<String>], width: Option<u16>) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..headers.len()).collect();
    let Some(width) = width else { return shown };
    let natural = |column: usize| -> usize {
        let widest = std::iter::once(&headers[column])
            .chain(rows.iter().map(|r| &r[column]))
            .map(|text| text.lines().map(|l| l.chars().count()).max().unwrap_or(0))
            .max()
            .unwrap_or(0);
        // Titles and words may wrap; dates and numbers may not.
        let widest = match column {
            TITLE_COLUMN => widest.min(usize::from(TITLE_MIN) + 8),
            c if DROPPED_FIRST.contains(&c) => widest.min(WRAPPED_MIN),
            _ => widest,
        };
        widest + 3 // padding and border
    };
    for column in DROPPED_FIRST {
        let total: usize = shown.iter().map(|&c| natural(c)).sum::<usize>() + 1;
        if total <= usize::from(width) {
            break;
        }
        shown.retain(|&c| c != column);
    }
    shown
}

/// The terminal table, the patterns (or a grouped table) below it.
fn terminal(summary: &Summary, group_by: Option<GroupBy>) -> String {
    let mut out = format!("{}\n", summary.heading());
    if let Some(by) = group_by {
        let rated: Vec<Rated> = summary.rows.iter().map(|r| r.rated.clone()).collect();
        let mut table = table::new(group_headers());
        for group in impact::group(&rated, by) {
            table::add_row(&mut table, group_cells(&group, true));
        }
        let _ = writeln!(out, "{table}");
        return out;
    }
    let headers = headers();
    let rows: Vec<Vec<String>> = summary.rows.iter().map(terminal_cells).collect();
    let shown = fitting_columns(&headers, &rows, table::width());
    if shown.len() < headers.len() {
        let left_out: Vec<&str> = (0..headers.len())
            .filter(|c| !shown.contains(c))
            .map(|c| headers[c].as_str())
            .collect();
        output::note(&t!(
            "summary.columns_left_out",
            columns = left_out.join(", ")
        ));
    }
    let pick =
        |cells: &[String]| -> Vec<String> { shown.iter().map(|&i| cells[i].clone()).collect() };
    let mut table = table::new(pick(&headers));
    for (position, &column) in shown.iter().enumerate() {
        let Some(table_column) = table.column_mut(position) else {
            continue;
        };
        // The title is what people read, so it has room; dates and numbers never wrap.
        let constraint = match column {
            TITLE_COLUMN => continue,
            c if c == DATE_COLUMN || NUMERIC_COLUMNS.contains(&c) => ColumnConstraint::ContentWidth,
            // the rest wrap, and leave the room they do not need to the title
            _ => ColumnConstraint::UpperBoundary(Width::Fixed(22)),
        };
        table_column.set_constraint(constraint);
    }
    for row in &rows {
        table::add_row(&mut table, pick(row));
    }
    let _ = writeln!(out, "{table}");
    let _ = writeln!(out, "\n{}", t!("patterns.heading"));
    let sections = pattern_lines(&summary.patterns)
        .into_iter()
        .chain(summary.cost_section());
    for (title, lines) in sections {
        let _ = writeln!(out, "{title}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    if summary.rows.iter().any(|row| !row.notes.is_empty()) {
        let _ = writeln!(out, "\n{}", t!("summary.notes_marker"));
    }
    let _ = writeln!(out, "\n{}", t!("summary.scale_legend"));
    out
}

/// A row's cells with a bar, and a mark after the title when people wrote notes about it.
fn terminal_cells(row: &summary::Row) -> Vec<String> {
    let mut cells = cells(row, true);
    if !row.notes.is_empty() {
        cells[TITLE_COLUMN].push_str("\u{a0}*");
    }
    cells
}

/// The comparison for the terminal: each audience and the impact as "then → now", the change
/// and the trend; the patterns' change below.
fn terminal_comparison(comparison: &Comparison) -> String {
    let mut out = format!("{}\n", comparison.heading());
    let mut headers = vec!["#".to_string(), t!("column.title")];
    headers.extend(
        [
            "column.self",
            "column.leadership",
            "column.staff",
            "column.impact",
        ]
        .map(|key| t!(key)),
    );
    headers.push("±".to_string());
    headers.push(t!("compare.trend"));
    let mut table = table::new(headers);
    for (row, then) in comparison.pairs() {
        let (before, now) = (&then.rated.impact, &row.rated.impact);
        table.add_row(vec![
            row.rated.rank.map(|r| r.to_string()).unwrap_or_default(),
            row.rated.initiative.record.title.clone(),
            then_now(before.self_, now.self_),
            then_now(before.leadership, now.leadership),
            then_now(before.staff, now.staff),
            then_now(before.overall, now.overall),
            compare::signed(then.change.overall),
            then.trend.map(compare::Trend::label).unwrap_or_default(),
        ]);
    }
    for column in 2..=6 {
        if let Some(column) = table.column_mut(column) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    let _ = writeln!(out, "{table}");
    let _ = writeln!(out, "\n{}", t!("patterns.heading"));
    for (title, lines) in compare::pattern_lines(comparison) {
        let _ = writeln!(out, "{title}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        t!(
            "compare.legend",
            points = summary::number(Some(compare::MARKED_CHANGE))
        )
    );
    out
}
