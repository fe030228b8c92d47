//! `fortb summary`: the table a leadership group looks at — recalled impact per initiative,
//! ranked, with the patterns below.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::args::{GroupArg, SortArg, SummaryArgs, SummaryFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output::{self, Export};
use crate::cli::table::{self, Column};
use crate::error::{Error, Result};
use crate::lookback::compare::{self, then_now, Comparison};
use crate::lookback::impact::{self, GroupBy, SortBy};
use crate::lookback::summary::{
    self, cells, group_cells, group_headers, Summary, DATE_COLUMN, KIND_COLUMN, LEADERSHIP_COLUMN,
    NUMERIC_COLUMNS, STAFF_COLUMN, TITLE_COLUMN, USED_AFTER_COLUMN, WHY_COLUMN,
};
use crate::record::plan;
use crate::record::store;
use crate::record::units::Scope;
use crate::t;

pub fn run(context: &Context, args: &SummaryArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let period = commands::period(&args.period, context.today)?;
    let compare = commands::date_arg("--compare", args.compare.as_deref())?;
    if let Some(then) = compare.filter(|then| *then >= period.until) {
        return Err(Error::Usage(t!(
            "compare.not_before",
            then = then,
            now = period.until
        )));
    }
    let mut initiatives = context.units_initiatives_in(
        &scope,
        store::Answers::Only(summary::EVIDENCE_ANSWERS),
        &period,
        &args.kind,
    )?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    commands::keep_themes(&mut initiatives, &args.theme);
    let sort = sort_by(args.sort);
    let group_by = args.group_by.map(grouped_by);
    let export = args.out.export()?;
    let mut summary = Summary::new(
        &scope,
        period,
        impact::rank(&initiatives, sort, period.until),
    );
    if group_by == Some(GroupBy::Goal) {
        summary.goal_titles = goal_titles(&scope);
    }
    if summary.rows.is_empty() && args.format == SummaryFormat::Table {
        output::note(&t!(
            "summary.empty",
            since = period.since,
            until = period.until
        ));
        export.nothing()?;
        return Ok(ExitCode::SUCCESS);
    }
    match compare {
        Some(then) => {
            let comparison = Comparison::new(summary, &initiatives, then);
            compared(&comparison, args, &export)?;
        }
        None => rendered(&summary, group_by, args, &export)?,
    }
    commands::done_with(initiatives);
    Ok(ExitCode::SUCCESS)
}

fn sort_by(arg: SortArg) -> SortBy {
    match arg {
        SortArg::Impact => SortBy::Impact,
        SortArg::Date => SortBy::Date,
        SortArg::Title => SortBy::Title,
    }
}

fn grouped_by(arg: GroupArg) -> GroupBy {
    match arg {
        GroupArg::Kind => GroupBy::Kind,
        GroupArg::Learning => GroupBy::Learning,
        GroupArg::WholeStaff => GroupBy::WholeStaff,
        GroupArg::Spread => GroupBy::Spread,
        GroupArg::Unit => GroupBy::Unit,
        GroupArg::Owner => GroupBy::Owner,
        GroupArg::Process => GroupBy::Process,
        GroupArg::Theme => GroupBy::Theme,
        GroupArg::Goal => GroupBy::Goal,
    }
}

/// The plan's goals as (id, title); a plan that cannot be read leaves the groups named by
/// their ids.
fn goal_titles(scope: &Scope) -> Vec<(String, String)> {
    let goals = plan::goals_for(&scope.main).unwrap_or_default();
    goals.into_iter().map(|g| (g.id, g.title)).collect()
}

/// Writes the summary in the format asked for; JSON as it is made, never held whole.
fn rendered(
    summary: &Summary,
    group_by: Option<GroupBy>,
    args: &SummaryArgs,
    export: &Export,
) -> Result<()> {
    let text = match args.format {
        SummaryFormat::Table => return export.for_reading(&terminal(summary, group_by)),
        SummaryFormat::Markdown => summary::markdown(summary, group_by),
        SummaryFormat::Json => {
            let json = |out: &mut dyn Write| summary::write_json(out, summary, group_by);
            return export.stream_saying(json, written);
        }
        SummaryFormat::Csv => summary::csv(summary, group_by, &commands::csv_dialect(&args.csv)?),
    };
    export.data(&text)
}

/// Writes two look-backs side by side, in the format asked for, as [`rendered`] does.
fn compared(comparison: &Comparison, args: &SummaryArgs, export: &Export) -> Result<()> {
    let text = match args.format {
        SummaryFormat::Table => return export.for_reading(&terminal_comparison(comparison)),
        SummaryFormat::Markdown => compare::markdown(comparison),
        SummaryFormat::Json => {
            let json = |out: &mut dyn Write| compare::write_json(out, comparison);
            return export.stream_saying(json, written);
        }
        SummaryFormat::Csv => compare::csv(comparison, &commands::csv_dialect(&args.csv)?),
    };
    export.data(&text)
}

/// The message for an output written to a file, as [`Export::data`] gives it.
fn written(path: String) -> String {
    t!("export.written", path = path)
}

/// How each column of the summary fits a narrow terminal: see [`DROPPED_FIRST`]; dates and
/// numbers never wrap.
fn columns(summary: &Summary, headers: Vec<String>) -> Vec<Column> {
    // Without a "used after" column, the unit's column (never left out) takes its place.
    let used_after = summary.rows.first().is_some_and(|r| r.transfer_column);
    let dropped_first = DROPPED_FIRST
        .iter()
        .filter(|&&c| used_after || c != USED_AFTER_COLUMN);
    headers
        .into_iter()
        .enumerate()
        .map(|(index, header)| {
            let column = if index == DATE_COLUMN || NUMERIC_COLUMNS.contains(&index) {
                Column::whole(header)
            } else {
                Column::words(header)
            };
            match dropped_first.clone().position(|&c| c == index) {
                Some(rank) => column.dropped_at(rank as u8),
                None => column,
            }
        })
        .collect()
}

/// Columns left out first when the terminal is narrow: process, why, measured, kind, the
/// three parts of the impact (which stays), then how many use it after (use measured after
/// the initiative, so kept long), how many named it unaided (the look-back's most direct
/// answer) and the rank (the order still shows it). The title, date, impact and an
/// organiser's unit always stay.
const DROPPED_FIRST: [usize; 10] = [11, 10, 9, 2, 4, 5, 6, USED_AFTER_COLUMN, 8, 0];

/// The terminal table, the patterns (or a grouped table) below it.
fn terminal(summary: &Summary, group_by: Option<GroupBy>) -> String {
    let mut out = format!("{}\n", table::wrap_paragraph(&summary.heading(), "", ""));
    if let Some(by) = group_by {
        out += &grouped_table(summary, by);
        return out;
    }
    out += &ranked_table(summary);
    let _ = writeln!(out, "\n{}", t!("patterns.heading"));
    let sections = summary
        .pattern_sections()
        .into_iter()
        .chain(summary.cost_section());
    for (title, lines) in sections {
        let _ = writeln!(out, "{}", table::wrap_paragraph(&title, "", ""));
        for line in lines {
            let _ = writeln!(out, "{}", table::wrap_paragraph(&line, "  ", "    "));
        }
    }
    if summary.rows.iter().any(|row| !row.notes.is_empty()) {
        let marker = t!("summary.notes_marker");
        let _ = writeln!(out, "\n{}", table::wrap_paragraph(&marker, "", ""));
    }
    let legend = t!("summary.scale_legend");
    let _ = writeln!(out, "\n{}", table::wrap_paragraph(&legend, "", ""));
    out
}

/// The ranked table with as much in it as keeps every column on screen: first all of it,
/// then without the bars (the numbers beside them say the same), then narrowed; only when
/// even that does not fit are columns left out.
fn ranked_table(summary: &Summary) -> String {
    let headers = summary::headers_of(summary);
    for with_bar in [true, false] {
        let columns = columns(summary, headers.clone());
        let rows: Vec<Vec<String>> = summary
            .rows
            .par_iter()
            .map(|row| terminal_cells(row, with_bar))
            .collect();
        if table::fits(&columns, &rows) {
            return table::render(&columns, &rows);
        }
    }
    let (columns, rows) = narrowed(summary, headers);
    table::render(&columns, &rows)
}

/// The grouped table as [`ranked_table`] fits it: with bars, without, then with shorter
/// names for the leadership and staff; then the audiences (self first) and how many were
/// rated are left out.
fn grouped_table(summary: &Summary, by: GroupBy) -> String {
    let groups = summary.groups(by);
    let rows = |with_bar| -> Vec<Vec<String>> {
        groups.iter().map(|g| group_cells(g, with_bar)).collect()
    };
    for with_bar in [true, false] {
        let (columns, rows) = (group_columns(group_headers()), rows(with_bar));
        if table::fits(&columns, &rows) {
            return table::render(&columns, &rows);
        }
    }
    let mut headers = group_headers();
    headers[GROUP_LEADERSHIP_COLUMN] = t!("narrow_summary.leadership");
    headers[GROUP_LEADERSHIP_COLUMN + 1] = t!("narrow_summary.staff");
    table::render(&group_columns(headers), &rows(false))
}

/// The grouped table's columns: the group's name wraps, numbers never do.
fn group_columns(headers: Vec<String>) -> Vec<Column> {
    headers
        .into_iter()
        .enumerate()
        .map(|(index, header)| {
            let column = match index {
                0 => Column::words(header),
                _ => Column::whole(header),
            };
            match GROUP_DROPPED_FIRST.iter().position(|&c| c == index) {
                Some(rank) => column.dropped_at(rank as u8),
                None => column,
            }
        })
        .collect()
}

/// The grouped table's leadership column; the staff's follows it.
const GROUP_LEADERSHIP_COLUMN: usize = 4;
/// The grouped table's columns left out first: self, leadership, staff, then how many were
/// rated; the group, how many initiatives and the impact always stay.
const GROUP_DROPPED_FIRST: [usize; 4] = [3, 4, 5, 2];

/// The table for a narrow terminal: the kind in brackets under the title, shorter names for
/// the leadership and staff columns, and only the two reasons named most.
fn narrowed(summary: &Summary, mut headers: Vec<String>) -> (Vec<Column>, Vec<Vec<String>>) {
    headers[TITLE_COLUMN] = t!("narrow_summary.title_kind");
    headers[LEADERSHIP_COLUMN] = t!("narrow_summary.leadership");
    headers[STAFF_COLUMN] = t!("narrow_summary.staff");
    let mut columns = columns(summary, headers);
    columns.remove(KIND_COLUMN);
    let rows = summary
        .rows
        .iter()
        .map(|row| {
            let mut cells = terminal_cells(row, false);
            cells[WHY_COLUMN] = summary::why_text_of(&row.rated.impact, 2);
            let kind = cells.remove(KIND_COLUMN);
            cells[TITLE_COLUMN] = format!("{}\n({kind})", cells[TITLE_COLUMN]);
            cells
        })
        .collect();
    (columns, rows)
}

/// A row's cells, with or without a bar, and a mark after the title when people wrote
/// notes about it.
fn terminal_cells(row: &summary::Row, with_bar: bool) -> Vec<String> {
    let mut cells = cells(row, with_bar);
    if !row.notes.is_empty() {
        cells[TITLE_COLUMN].push_str("\u{a0}*");
    }
    cells
}

/// The comparison for the terminal: each audience and the impact as "then → now", the change
/// and the trend; the patterns' change below.
fn terminal_comparison(comparison: &Comparison) -> String {
    let mut out = format!("{}\n", table::wrap_paragraph(&comparison.heading(), "", ""));
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
    let pairs: Vec<_> = comparison.pairs().collect();
    let rows: Vec<Vec<String>> = pairs
        .into_par_iter()
        .map(|(row, then)| {
            let (before, now) = (&then.rated.impact, &row.rated.impact);
            vec![
                row.rated.rank.map(|r| r.to_string()).unwrap_or_default(),
                row.rated.initiative.record.title.clone(),
                then_now(before.self_, now.self_),
                then_now(before.leadership, now.leadership),
                then_now(before.staff, now.staff),
                then_now(before.overall, now.overall),
                compare::signed(then.change.overall),
                then.trend.map(compare::Trend::label).unwrap_or_default(),
            ]
        })
        .collect();
    // The "then → now" pairs and the change never wrap; the title and the trend do. In a
    // narrow terminal the audiences' pairs go, self first; the impact's pair stays.
    let columns: Vec<Column> = headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| match i {
            1 | 7 => Column::words(h),
            2..=4 => Column::whole(h).dropped_at(i as u8),
            _ => Column::whole(h),
        })
        .collect();
    out += &table::render(&columns, &rows);
    let _ = writeln!(out, "\n{}", t!("patterns.heading"));
    for (title, lines) in compare::pattern_lines(comparison) {
        let _ = writeln!(out, "{}", table::wrap_paragraph(&title, "", ""));
        for line in lines {
            let _ = writeln!(out, "{}", table::wrap_paragraph(&line, "  ", "    "));
        }
    }
    let legend = t!(
        "compare.legend",
        points = summary::number(Some(compare::MARKED_CHANGE))
    );
    let _ = writeln!(out, "\n{}", table::wrap_paragraph(&legend, "", ""));
    out
}
