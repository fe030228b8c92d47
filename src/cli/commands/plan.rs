//! `fortb plan`: the plan followed up — each development goal with the initiatives serving
//! it, their impact and indicators, and its learning goals with their status; what does not
//! fit the plan pointed out below.

use std::fmt::Write;
use std::process::ExitCode;

use crate::cli::args::{PlanArgs, PlanFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::error::{Diagnostic, Error, Result};
use crate::lookback::impact::{self, SortBy};
use crate::lookback::plan::{self, PlanView, Served};
use crate::lookback::summary::{Evidence, EVIDENCE_ANSWERS};
use crate::lookback::unit_plans::{self, PlanFiles, PlansView, Section, Selection};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::record::plan as plan_file;
use crate::record::project::display_path;
use crate::record::store;
use crate::record::units::{Homes, Scope};
use crate::t;

pub fn run(context: &Context, args: &PlanArgs) -> Result<ExitCode> {
    if let Some(command) = &args.command {
        return super::plan_edit::run(context, command);
    }
    let scope = context.scope()?;
    if unit_plans::is_organiser_view(&scope) {
        return organiser(context, &scope, args);
    }
    let mut the_plan = plan_file::combined(&scope.main)?;
    // In a terminal, a project without a plan is offered one, then shown it.
    let asked = the_plan.is_none() && args.format == PlanFormat::Table && output::interactive();
    if asked && super::plan_edit::start_interactively(&scope.main)? {
        the_plan = plan_file::combined(&scope.main)?;
    }
    let Some(the_plan) = the_plan else {
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
    let served = served(&scope, &initiatives, today);
    let name = scope.main.config.name.clone().unwrap_or_default();
    let view = PlanView::new(name, &the_plan, &served, today);
    let export = args.out.export()?;
    match args.format {
        PlanFormat::Table => export.for_reading(&terminal(&view))?,
        PlanFormat::Markdown => export.data(&plan::markdown(&view))?,
        PlanFormat::Json => export.data(&plan::json(&view))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The organiser's plan and then each unit's, `--unit` choosing the units.
fn organiser(context: &Context, scope: &Scope, args: &PlanArgs) -> Result<ExitCode> {
    let (files, broken) = PlanFiles::read(scope)?;
    warn_broken(context, &files, broken)?;
    let selection = selection(&files, &args.unit)?;
    if !files.any(&selection) {
        let organiser = files.organiser.as_ref().map_or(&scope.main, |o| &o.project);
        let path = plan_file::plan_path(organiser);
        return Err(Error::Message(t!(
            "plan.none_organiser",
            path = display_path(&path).display()
        )));
    }
    let initiatives = context.units_initiatives(scope, store::Answers::Only(EVIDENCE_ANSWERS))?;
    let today = Date::today();
    let served = served(scope, &initiatives, today);
    let plans = PlansView::organiser(&files, &served, &selection, today);
    let export = args.out.export()?;
    match args.format {
        PlanFormat::Table => export.for_reading(&terminal_plans(&plans))?,
        PlanFormat::Markdown => export.data(&unit_plans::markdown(&plans))?,
        PlanFormat::Json => {
            let name = files.organiser.as_ref().map_or_else(
                || scope.main.config.name.clone().unwrap_or_default(),
                |o| o.name.clone(),
            );
            export.data(&unit_plans::json(&plans, &name))?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The units `--unit` names; a name no unit has is a usage error listing those there are.
pub fn selection(files: &PlanFiles, wanted: &[String]) -> Result<Selection> {
    files.select(wanted).map_err(|(given, valid)| {
        Error::Usage(t!("units.unknown", given = given, valid = valid.join(", ")))
    })
}

/// Warns of each unit plan that cannot be read (its unit is then shown without its plan);
/// under `--strict` they fail the command.
pub fn warn_broken(context: &Context, files: &PlanFiles, broken: Vec<Diagnostic>) -> Result<()> {
    if context.strict && !broken.is_empty() {
        return Err(Error::InvalidMany(broken));
    }
    let unreadable = files.units.iter().filter(|unit| unit.unreadable);
    for (unit, problem) in unreadable.zip(&broken) {
        output::warning(&t!(
            "plan.unit_plan_broken",
            unit = unit.name,
            problem = problem
        ));
    }
    Ok(())
}

/// Each initiative read, rated and with its evidence, by its own project's survey thresholds.
fn served<'a>(scope: &Scope, initiatives: &'a [Initiative], today: Date) -> Vec<Served<'a>> {
    let homes = Homes::new(scope);
    impact::rank(initiatives, SortBy::Date, today)
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
        .collect()
}

/// The plans for the terminal: each under its heading, underlined; a unit without a plan
/// named in its place.
fn terminal_plans(plans: &PlansView) -> String {
    let mut out = String::new();
    for (n, section) in plans.sections().into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        match section {
            Section::Plan(view) => {
                let plan = terminal(view);
                // Underline the heading, so that each plan stands out from the goals under it.
                let (heading, rest) = plan.split_once("\n\n").unwrap_or((&plan, ""));
                let width = heading
                    .lines()
                    .map(|l| l.chars().count())
                    .max()
                    .unwrap_or(0);
                let _ = write!(out, "{heading}\n{}\n\n{rest}", "=".repeat(width));
            }
            Section::Without(unit) => {
                let line = unit_plans::without_plan(unit);
                let _ = writeln!(out, "{}", table::wrap_paragraph(&line, "", ""));
            }
        }
    }
    out
}

/// The plan for the terminal: per goal its needs, a table of initiatives and one of learning
/// goals; then what does not fit.
fn terminal(view: &PlanView) -> String {
    let mut out = format!("{}\n", table::wrap_paragraph(&view.heading(), "", ""));
    let shown = plan::Columns::of(view);
    // A plan just begun says how to go on, rather than showing a title alone.
    if view.goals.is_empty() {
        let empty = t!("plan.empty");
        let _ = writeln!(out, "\n{}", table::wrap_paragraph(&empty, "", ""));
    }
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
            // The unit gives way first on a narrow terminal: the title says what it is.
            let (impact, unit) = (t!("column.impact"), t!("column.unit"));
            let columns: Vec<Column> = plan::initiative_headers(shown)
                .into_iter()
                .map(|h| match h {
                    h if h == impact => Column::whole(h),
                    h if h == unit => Column::words(h).dropped_at(1),
                    h => Column::words(h),
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
        if !goal.learning.is_empty() {
            out += &learning_table(view, goal, shown);
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

/// A goal's learning goals: a table with the typed status and what the evidence suggests,
/// then the initiatives serving each.
fn learning_table(view: &PlanView, goal: &plan::GoalView, shown: plan::Columns) -> String {
    let mut out = format!("\n{}\n", t!("plan.learning_goals"));
    // The id and the date never wrap; on a narrow terminal the date gives way first (the
    // status still says when it has passed).
    let columns: Vec<Column> = plan::learning_headers(shown)
        .into_iter()
        .enumerate()
        .map(|(i, h)| match i {
            0 => Column::whole(h),
            3 => Column::whole(h).dropped_at(1),
            _ => Column::words(h),
        })
        .collect();
    let rows: Vec<Vec<String>> = goal
        .learning
        .iter()
        .map(|l| plan::learning_cells(l, view.today, shown))
        .collect();
    out += &table::render(&columns, &rows);
    let lines: Vec<String> = goal
        .learning
        .iter()
        .flat_map(|l| plan::learning_lines(l, shown.unit))
        .collect();
    if !lines.is_empty() {
        out.push('\n');
    }
    for line in lines {
        let _ = writeln!(out, "{}", table::wrap_paragraph(&line, "  - ", "    "));
    }
    out
}
