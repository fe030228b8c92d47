//! `fortb report`: the leadership-meeting pack as Markdown or a self-contained HTML page.

use std::process::ExitCode;

use crate::cli::args::{ReportArgs, ReportFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::error::Result;
use crate::lookback::impact::{self, SortBy};
use crate::lookback::report;
use crate::lookback::summary::Summary;
use crate::model::date::Date;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let project = &scope.main;
    let period = commands::period(&args.period)?;
    let mut initiatives = context.units_initiatives_in(
        &scope,
        store::Answers::Only(report::STORY_ANSWERS),
        &period,
        &args.kind,
    )?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let summary = Summary::new(
        project,
        period,
        impact::rank(&initiatives, SortBy::Impact, period.until),
    )
    .with_staff_of(|initiative| scope.staff_of(initiative));
    let today = Date::today();
    let text = match args.format {
        ReportFormat::Markdown => report::markdown(&summary, today, args.anonymous),
        ReportFormat::Html => report::html(&summary, today, args.anonymous),
    };
    output::Export::to(args.out.as_deref()).data_saying(&text, |path| {
        t!("report.written", path = path, count = summary.rows.len())
    })?;
    Ok(ExitCode::SUCCESS)
}
