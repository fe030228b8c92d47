//! `fortb plan init`, `fortb plan goal add|remove` and `fortb plan learning add|set|remove`:
//! the plan written with commands, each a change in place to the project's `plan.toml`.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::args::{
    PlanCommand, PlanGoalAddArgs, PlanGoalCommand, PlanInitArgs, PlanLearningAddArgs,
    PlanLearningCommand, PlanLearningSetArgs,
};
use crate::cli::commands::{date_arg, period_args, Context};
use crate::cli::output;
use crate::error::{Error, Result};
use crate::escape;
use crate::i18n::{self, Lang};
use crate::model::initiative::Initiative;
use crate::plan::usage;
use crate::record::plan::plan_path;
use crate::record::plan_edit::{self, LearningChange, NewLearning, NewPlan};
use crate::record::project::{display_path, Project};
use crate::record::store;
use crate::record::units::{folder_key, Scope};
use crate::t;

pub fn run(context: &Context, command: &PlanCommand) -> Result<ExitCode> {
    let project = context.project()?;
    let path = plan_path(&project);
    let what = match command {
        PlanCommand::Init(args) => init(&project, &path, args)?,
        PlanCommand::Goal(goal) => match &goal.command {
            PlanGoalCommand::Add(args) => add_goal(&path, args)?,
            PlanGoalCommand::Remove(args) => remove_goal(context, &path, &args.id)?,
        },
        PlanCommand::Learning(learning) => match &learning.command {
            PlanLearningCommand::Add(args) => add_learning(&project, &path, args)?,
            PlanLearningCommand::Set(args) => set_learning(context, &project, &path, args)?,
            PlanLearningCommand::Remove(args) => remove_learning(context, &path, &args.id)?,
        },
    };
    context.commit(&project, &[path], t!("plan.commit_edit", what = what))?;
    Ok(ExitCode::SUCCESS)
}

/// The language the plan is written in: the project's, else the one in use.
fn plan_lang(project: &Project) -> Lang {
    project.config.lang.unwrap_or_else(i18n::current)
}

fn shown(path: &Path) -> String {
    display_path(path).display().to_string()
}

fn init(project: &Project, path: &Path, args: &PlanInitArgs) -> Result<String> {
    create(project, path, args)?;
    output::print(&format!("{}\n", shown(path)));
    output::note(&t!("plan.created", path = shown(path)));
    Ok("init".to_string())
}

/// Writes a new plan, refusing to overwrite one.
fn create(project: &Project, path: &Path, args: &PlanInitArgs) -> Result<()> {
    let (start, end) = period_args(args.start.as_deref(), args.end.as_deref())?;
    if let Some(title) = &args.title {
        if title.trim().is_empty() {
            return Err(Error::Usage(t!("plan.empty_name")));
        }
        crate::record::fields::clean_title(title)?;
    }
    let new = NewPlan {
        title: args.title.clone(),
        start,
        end,
    };
    if !plan_edit::create(path, plan_lang(project), &new)? {
        return Err(Error::Message(t!("plan.exists", path = shown(path))));
    }
    Ok(())
}

fn add_goal(path: &Path, args: &PlanGoalAddArgs) -> Result<String> {
    plan_edit::update(path, |doc, plan| {
        plan_edit::add_goal(doc, plan, &args.id, &args.title, &args.needs)
    })?;
    let id = args.id.trim();
    output::note(&t!("plan.goal_added", id = id, path = shown(path)));
    Ok(format!("+{id}"))
}

/// Removes a goal no initiative names; otherwise refuses, naming them.
fn remove_goal(context: &Context, path: &Path, given: &str) -> Result<String> {
    let (scope, initiatives) = readers(context)?;
    let id = plan_edit::update(path, |doc, plan| {
        let index = plan_edit::goal_index(plan, given)?;
        let goal = &plan.goals[index];
        let naming = usage::naming_goal(&initiatives, goal);
        if !naming.is_empty() {
            return Err(Error::Message(t!(
                "plan.goal_in_use",
                id = goal.id,
                initiatives = ids(&naming),
                commands = change_first(context, &scope, &naming, "plan.set_goals")
            )));
        }
        plan_edit::remove_goal(doc, index)?;
        Ok(goal.id.clone())
    })?;
    output::note(&t!("plan.goal_removed", id = id, path = shown(path)));
    Ok(format!("-{id}"))
}

/// Removes a learning goal no initiative names, by its id or by a number that would change.
fn remove_learning(context: &Context, path: &Path, given: &str) -> Result<String> {
    let (scope, initiatives) = readers(context)?;
    let id = plan_edit::update(path, |doc, plan| {
        let at = plan_edit::learning_index(plan, given)?;
        let goal = &plan.goals[at.0];
        let changed = usage::changed_by_removal(goal, at.1);
        let naming = usage::naming_learning(&initiatives, &changed);
        if !naming.is_empty() {
            return Err(Error::Message(t!(
                "plan.learning_remove_in_use",
                id = changed[0],
                initiatives = ids(&naming),
                ids = changed.join(", "),
                commands = change_first(context, &scope, &naming, "plan.set_learning")
            )));
        }
        plan_edit::remove_learning(doc, at)?;
        Ok(changed[0].clone())
    })?;
    output::note(&t!("plan.learning_removed", id = id, path = shown(path)));
    Ok(format!("-{id}"))
}

/// The project with its units, and their initiatives: those that may name the plan's goals.
fn readers(context: &Context) -> Result<(Scope, Vec<Initiative>)> {
    let scope = context.scope()?;
    let initiatives = context.units_initiatives(&scope, store::Answers::None)?;
    Ok((scope, initiatives))
}

fn ids(initiatives: &[&Initiative]) -> String {
    let ids: Vec<&str> = initiatives.iter().map(|i| i.id.as_str()).collect();
    ids.join(", ")
}

/// The `fortb set` command (`command` names its text) that changes each initiative, with
/// `--project` for one kept in another project than the one the command runs in (a unit of
/// the organiser), one a line.
fn change_first(
    context: &Context,
    scope: &Scope,
    initiatives: &[&Initiative],
    command: &str,
) -> String {
    let lines: Vec<String> = initiatives
        .iter()
        .map(|initiative| {
            let home = scope.project_of(initiative);
            let elsewhere = folder_key(&home.root) != folder_key(&scope.main.root);
            let project = match elsewhere || !context.projects.is_empty() {
                true => format!(" --project {}", quoted(&shown(&home.root))),
                false => String::new(),
            };
            t!(command, project = project, id = initiative.id)
        })
        .collect();
    lines.join("\n  ")
}

/// A path as typed on a command line: in quotes when it has a space.
fn quoted(path: &str) -> String {
    match path.contains(char::is_whitespace) {
        true => format!("\"{path}\""),
        false => path.to_string(),
    }
}

fn add_learning(project: &Project, path: &Path, args: &PlanLearningAddArgs) -> Result<String> {
    let new = NewLearning {
        who: args.who.clone(),
        can: args.can.clone(),
        by: date_arg("--by", args.by.as_deref())?,
        id: args.id.clone(),
    };
    let (id, goal) = plan_edit::update(path, |doc, plan| {
        let index = plan_edit::goal_index(plan, &args.goal)?;
        let id = plan_edit::add_learning(doc, plan, index, &new, plan_lang(project))?;
        Ok((id, plan.goals[index].id.clone()))
    })?;
    output::print(&format!("{id}\n"));
    output::note(&t!(
        "plan.learning_added",
        id = id,
        goal = goal,
        path = shown(path)
    ));
    Ok(format!("+{id}"))
}

/// Changes a learning goal; a new id (or none, back to `GOAL.N`) is refused while initiatives
/// name it by its old one, as a goal's removal is, since they would lose it unseen.
fn set_learning(
    context: &Context,
    project: &Project,
    path: &Path,
    args: &PlanLearningSetArgs,
) -> Result<String> {
    let changes: Vec<LearningChange> = args
        .changes
        .iter()
        .map(|pair| LearningChange::parse(pair))
        .collect::<Result<_>>()?;
    let renamed = changes.iter().any(|c| matches!(c, LearningChange::Id(_)));
    let (scope, initiatives) = match renamed {
        true => readers(context)?,
        false => (Scope::single(project.clone()), Vec::new()),
    };
    let (written, id) = plan_edit::update(path, |doc, plan| {
        let at = plan_edit::learning_index(plan, &args.id)?;
        let goal = &plan.goals[at.0];
        let before = goal.learning_id(at.1);
        refuse_while_named(context, &scope, &initiatives, &before)?;
        let written = plan_edit::set_learning(doc, plan, at, &changes, plan_lang(project))?;
        // Named by its new id, or by its place once the id is taken away.
        let after = match changes.iter().rev().find_map(|c| match c {
            LearningChange::Id(id) => Some(id.as_deref()),
            _ => None,
        }) {
            Some(Some(id)) => id.to_string(),
            Some(None) => format!("{}.{}", goal.id, at.1 + 1),
            None => before,
        };
        Ok((written, after))
    })?;
    for (key, old, new) in written {
        let value = |v: Option<String>| {
            v.map_or_else(|| t!("set.no_value"), |v| escape::terminal(&v).into_owned())
        };
        output::note(&t!(
            "set.changed",
            key = t!(&format!("plan.learning_key.{key}")),
            old = value(old),
            new = value(new)
        ));
    }
    output::note(&t!("plan.learning_saved", id = id, path = shown(path)));
    Ok(id)
}

/// Refuses to change the id of a learning goal that initiatives name by it.
fn refuse_while_named(
    context: &Context,
    scope: &Scope,
    initiatives: &[Initiative],
    id: &str,
) -> Result<()> {
    let naming = usage::naming_learning(initiatives, &[id.to_string()]);
    if naming.is_empty() {
        return Ok(());
    }
    Err(Error::Message(t!(
        "plan.learning_in_use",
        id = id,
        initiatives = ids(&naming),
        commands = change_first(context, scope, &naming, "plan.set_learning")
    )))
}

/// In a terminal, where a project has no plan yet: offers to start one — its title, period
/// and first goal, asked with the step interview's prompts, each answer left on screen after
/// its prompt. `false` when declined.
pub fn start_interactively(project: &Project) -> Result<bool> {
    let theme = crate::cli::interview::theme();
    // The plan is written once every question is answered.
    crate::cli::interview::interrupting_changes_nothing();
    if !crate::cli::interview::offer(theme.as_ref(), &t!("plan.offer_start"))? {
        return Ok(false);
    }
    let (args, goal) = ask_plan(theme.as_ref(), plan_lang(project))?;
    let path = plan_path(project);
    let Some(goal) = goal else {
        init(project, &path, &args)?;
        return Ok(true);
    };
    // The first goal is given: the next step is a learning goal, which adding it names.
    create(project, &path, &args)?;
    output::note(&t!("plan.created_with_goal", path = shown(&path)));
    add_goal(&path, &goal)?;
    Ok(true)
}

/// The plan's title and period, and its first goal when both its id and title were given.
fn ask_plan(
    theme: &dyn dialoguer::theme::Theme,
    lang: Lang,
) -> Result<(PlanInitArgs, Option<PlanGoalAddArgs>)> {
    let date = |given: &str| {
        crate::model::date::Date::parse(given)
            .map(drop)
            .ok_or_else(|| t!("date.invalid_value", given = given))
    };
    let any = |_: &str| Ok(());
    let default_title = i18n::text_in(lang, "plan.default_title", &[]);
    let title = ask_line(theme, t!("plan.ask_title"), &default_title, any)?;
    let start = ask_line(theme, t!("plan.ask_start"), "", date)?;
    let end = ask_line(theme, t!("plan.ask_end"), "", date)?;
    let id = ask_line(theme, t!("plan.ask_goal_id"), "", |given| {
        plan_edit::check_id(given)
            .map(drop)
            .map_err(|e| crate::cli::error::message(&e))
    })?;
    let goal_title = match id.is_empty() {
        true => String::new(),
        false => ask_line(theme, t!("plan.ask_goal_title"), "", any)?,
    };
    let args = PlanInitArgs {
        title: Some(title).filter(|t| !t.is_empty()),
        start: Some(start).filter(|d| !d.is_empty()),
        end: Some(end).filter(|d| !d.is_empty()),
    };
    let goal = (!id.is_empty() && !goal_title.is_empty()).then(|| PlanGoalAddArgs {
        id,
        title: goal_title,
        needs: Vec::new(),
    });
    Ok((args, goal))
}

/// One line typed, trimmed; `check` sees what is typed unless it is empty.
fn ask_line(
    theme: &dyn dialoguer::theme::Theme,
    prompt: String,
    initial: &str,
    check: fn(&str) -> std::result::Result<(), String>,
) -> Result<String> {
    crate::cli::prompt::LineEditor::new(theme, &prompt)
        .validate_with(move |input: &str| match input.trim() {
            "" => Ok(()),
            given => check(given),
        })
        .initial_text(initial)
        .ask()
        .map(|text| text.trim().to_string())
        .map_err(crate::cli::interview::interrupted)
}
