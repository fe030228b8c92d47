//! `fortb report`: the leadership-meeting pack as Markdown or a self-contained HTML page.

use std::process::ExitCode;

use crate::cli::args::{LessonsByArg, ReportArgs, ReportFormat};
use crate::cli::commands::plan;
use crate::cli::commands::{self, Context};
use crate::error::Result;
use crate::lookback::impact::{self, SortBy};
use crate::lookback::report;
use crate::lookback::report_lessons::LessonsBy;
use crate::lookback::summary::Summary;
use crate::model::date::Date;
use crate::plan::unit_plans::{self, PlanFiles, PlansView};
use crate::plan::view::{PlanView, Served};
use crate::record::plan as plan_file;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &ReportArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let period = commands::period(&args.period, context.today)?;
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
    let today = context.today;
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
    write_pack(args, &summary, today, plan.as_ref())?;
    commands::done_with(plan);
    commands::done_with(served);
    commands::done_with(summary);
    commands::done_with(initiatives);
    Ok(ExitCode::SUCCESS)
}

/// Writes the pack in the format asked for, and says where and of how many initiatives.
fn write_pack(
    args: &ReportArgs,
    summary: &Summary,
    today: Date,
    plan: Option<&PlansView>,
) -> Result<()> {
    let lessons_by = match args.lessons_by {
        LessonsByArg::Kind => LessonsBy::Kind,
        LessonsByArg::Theme => LessonsBy::Theme,
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
        ReportFormat::Markdown => export.harmless_saying(
            |out| report::write_markdown(out, summary, today, args.anonymous, plan, lessons_by),
            written,
        )?,
        ReportFormat::Html => export.harmless_saying(
            |out| report::write_html(out, summary, today, args.anonymous, plan, lessons_by),
            written,
        )?,
    }
    Ok(())
}
