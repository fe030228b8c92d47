//! `fortb report`: the leadership-meeting pack as Markdown or a self-contained HTML page.

use std::process::ExitCode;

use crate::cli::args::{ReportArgs, ReportFormat};
use crate::cli::commands::{self, Context};
use crate::error::Result;
use crate::lookback::impact::{self, SortBy};
use crate::lookback::plan::{PlanView, Served};
use crate::lookback::report;
use crate::lookback::summary::Summary;
use crate::model::date::Date;
use crate::record::plan as plan_file;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let period = commands::period(&args.period)?;
    let mut initiatives = context.units_initiatives_in(
        &scope,
        store::Answers::Only(report::STORY_ANSWERS),
        &period,
        &args.kind,
    )?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let summary = Summary::new(
        &scope,
        period,
        impact::rank(&initiatives, SortBy::Impact, period.until),
    );
    let today = Date::today();
    let the_plan = plan_file::combined(&scope.main)?;
    let served: Vec<Served> = summary
        .rows
        .iter()
        .map(|row| Served {
            rated: row.rated.clone(),
            evidence: row.evidence.clone(),
        })
        .collect();
    let plan = the_plan
        .as_ref()
        .map(|p| PlanView::new(summary.project_name.clone(), p, &served, today));
    let text = match args.format {
        ReportFormat::Markdown => report::markdown(&summary, today, args.anonymous, plan.as_ref()),
        ReportFormat::Html => report::html(&summary, today, args.anonymous, plan.as_ref()),
    };
    args.out.export().data_saying(&text, |path| {
        t!("report.written", path = path, count = summary.rows.len())
    })?;
    Ok(ExitCode::SUCCESS)
}
