//! `fortb plan`: the plan followed up — each development goal with the initiatives serving
//! it, their impact and indicators, and its learning goals with their status; what does not
//! fit the plan pointed out below.

use std::fmt::Write;
use std::process::ExitCode;

use crate::cli::args::{PlanArgs, PlanFormat};
use crate::cli::commands::{self, Context};
use crate::cli::table::{self, Column};
use crate::error::{Error, Result};
use crate::lookback::impact::{self, SortBy};
use crate::lookback::plan::{self, PlanView, Served};
use crate::lookback::summary::{Evidence, EVIDENCE_ANSWERS};
use crate::model::date::Date;
use crate::record::plan as plan_file;
use crate::record::project::display_path;
use crate::record::store;
use crate::record::units::Homes;
use crate::t;

pub fn run(context: &Context, args: &PlanArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let Some(the_plan) = plan_file::combined(&scope.main)? else {
        let path = plan_file::plan_path(&scope.main);
        return Err(Error::Message(t!(
            "plan.none",
            path = display_path(&path).display()
        )));
    };
    let mut initiatives =
        context.units_initiatives(&scope, store::Answers::Only(EVIDENCE_ANSWERS))?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let today = Date::today();
    let homes = Homes::new(&scope);
    let served: Vec<Served> = impact::rank(&initiatives, SortBy::Date, today)
        .into_iter()
        .map(|rated| {
            let thresholds = homes
                .project_of(rated.initiative)
                .config
                .survey
                .thresholds();
            Served {
                evidence: Evidence::of(rated.initiative, thresholds),
                rated,
            }
        })
        .collect();
    let name = scope.main.config.name.clone().unwrap_or_default();
    let export = args.out.export();
    let view = PlanView::new(name, &the_plan, &served, today);
    match args.format {
        PlanFormat::Table => export.for_reading(&terminal(&view))?,
        PlanFormat::Markdown => export.data(&plan::markdown(&view))?,
        PlanFormat::Json => export.data(&plan::json(&view))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The plan for the terminal: per goal its needs, a table of initiatives and one of learning
/// goals; then what does not fit.
fn terminal(view: &PlanView) -> String {
    let mut out = format!("{}\n", table::wrap_paragraph(&view.heading(), "", ""));
    let shown = plan::Columns::of(view);
    for (n, goal) in view.goals.iter().enumerate() {
        let g = goal.goal;
        let heading = format!("{}. {} ({})", n + 1, g.title, g.id);
        let _ = writeln!(out, "\n{}", table::wrap_paragraph(&heading, "", "   "));
        if !g.needs.is_empty() {
            let needs = t!("plan.needs", needs = g.needs.join("; "));
            let _ = writeln!(out, "{}", table::wrap_paragraph(&needs, "   ", "   "));
        }
        if goal.served_by.is_empty() {
            let none = t!("plan.no_initiative");
            let _ = writeln!(out, "{}", table::wrap_paragraph(&none, "   ", "   "));
        } else {
            // Numbers never wrap; titles, units and indicators do.
            let impact = t!("column.impact");
            let columns: Vec<Column> = plan::initiative_headers(shown)
                .into_iter()
                .map(|h| match h == impact {
                    true => Column::whole(h),
                    false => Column::words(h),
                })
                .collect();
            let rows: Vec<Vec<String>> = goal
                .served_by
                .iter()
                .map(|s| plan::initiative_cells(s, shown))
                .collect();
            // A table has no box: a blank line sets it apart from the needs above it.
            out.push('\n');
            out += &table::render(&columns, &rows);
        }
        if !g.learning_goals.is_empty() {
            let _ = writeln!(out, "\n{}", t!("plan.learning_goals"));
            let columns: Vec<Column> = plan::learning_headers()
                .into_iter()
                .enumerate()
                .map(|(i, h)| {
                    if i == 2 {
                        Column::whole(h)
                    } else {
                        Column::words(h)
                    }
                })
                .collect();
            let rows: Vec<Vec<String>> = g
                .learning_goals
                .iter()
                .map(|l| plan::learning_cells(l, view.today))
                .collect();
            out += &table::render(&columns, &rows);
        }
    }
    for (title, lines) in plan::findings(view) {
        let _ = writeln!(out, "\n{}", table::wrap_paragraph(&title, "", ""));
        for line in lines {
            let _ = writeln!(out, "{}", table::wrap_paragraph(&line, "  - ", "    "));
        }
    }
    out
}
