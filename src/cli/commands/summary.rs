//! `fortb summary`: the table a leadership group looks at — recalled impact per initiative,
//! ranked, with the patterns below.

use std::process::ExitCode;

use crate::cli::args::{GroupArg, SortArg, SummaryArgs, SummaryFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::error::{Error, Result};
use crate::lookback::impact::{self, GroupBy, SortBy};
use crate::lookback::summary::{self, Summary};
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &SummaryArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let period = commands::period(&args.period)?;
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
    let summary = Summary::new(&project, period, impact::rank(&initiatives, sort));
    if summary.rows.is_empty() && args.format == SummaryFormat::Table {
        output::note(&t!(
            "summary.empty",
            since = period.since,
            until = period.until
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let text = match args.format {
        SummaryFormat::Table => summary::terminal(&summary, group_by),
        SummaryFormat::Markdown => summary::markdown(&summary, group_by),
        SummaryFormat::Json => summary::json(&summary, group_by),
        SummaryFormat::Csv => {
            summary::csv(&summary, group_by, delimiter(&args.delimiter)?, args.bom)
        }
    };
    output::print(&text);
    Ok(ExitCode::SUCCESS)
}

fn delimiter(given: &str) -> Result<char> {
    let given = if given == "\\t" || given.eq_ignore_ascii_case("tab") {
        "\t"
    } else {
        given
    };
    let mut chars = given.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != '"' && c != '\n' && c != '\r' => Ok(c),
        _ => Err(Error::Usage(t!("summary.bad_delimiter", given = given))),
    }
}
