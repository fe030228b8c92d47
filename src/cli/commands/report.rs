//! `fortb report`: the leadership-meeting pack as Markdown or a self-contained HTML page.

use std::process::ExitCode;

use crate::cli::args::{ReportArgs, ReportFormat};
use crate::cli::commands::plan;
use crate::cli::commands::{self, Context};
use crate::error::Result;
use crate::lookback::impact::{self, SortBy};
use crate::lookback::plan::{PlanView, Served};
use crate::lookback::report;
use crate::lookback::summary::Summary;
use crate::lookback::unit_plans::{self, PlanFiles, PlansView};
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
    let served: Vec<Served> = summary
        .rows
        .iter()
        .map(|row| Served {
            rated: row.rated.clone(),
            evidence: row.evidence.clone(),
        })
        .collect();
    let single_plan;
    let files;
    let plan = if unit_plans::is_organiser_view(&scope) {
        let broken;
        (files, broken) = PlanFiles::read(&scope)?;
        plan::warn_broken(context, &files, broken)?;
        let selection = plan::selection(&files, &args.unit)?;
        files
            .any(&selection)
            .then(|| PlansView::organiser(&files, &served, &selection, today))
    } else {
        single_plan = plan_file::combined(&scope.main)?;
        single_plan.as_ref().map(|p| {
            let name = summary.project_name.clone();
            PlansView::single(PlanView::new(name, p, &served, today))
        })
    };
    let written = |path| {
        t!(
            "report.written",
            path = path,
            initiatives = crate::i18n::count("count.initiatives", summary.rows.len() as u64)
        )
    };
    let export = args.out.export()?;
    match args.format {
        ReportFormat::Markdown => export.data_saying(
            &report::markdown(&summary, today, args.anonymous, plan.as_ref()),
            written,
        )?,
        ReportFormat::Html => export.stream_saying(
            |out| report::write_html(out, &summary, today, args.anonymous, plan.as_ref()),
            written,
        )?,
    }
    Ok(ExitCode::SUCCESS)
}
