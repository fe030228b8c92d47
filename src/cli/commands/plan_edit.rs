//! `fortb plan init`, `fortb plan goal add|remove` and `fortb plan learning add|set`: the
//! plan written with commands, each a change in place to the project's `plan.toml`.

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
use crate::record::plan::plan_path;
use crate::record::plan_edit::{self, LearningChange, NewLearning, NewPlan};
use crate::record::project::{display_path, Project};
use crate::record::store;
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
    let scope = context.scope()?;
    let initiatives = context.units_initiatives(&scope, store::Answers::None)?;
    let id = plan_edit::update(path, |doc, plan| {
        let index = plan_edit::goal_index(plan, given)?;
        let goal = &plan.goals[index];
        let learning: Vec<String> = (0..goal.learning_goals.len())
            .map(|n| goal.learning_id(n))
            .collect();
        let naming: Vec<&str> = initiatives
            .iter()
            .filter(|i| {
                i.record.goals.contains(&goal.id)
                    || i.record
                        .learning_goal_ids
                        .iter()
                        .any(|l| learning.contains(l))
            })
            .map(|i| i.id.as_str())
            .collect();
        if !naming.is_empty() {
            return Err(Error::Message(t!(
                "plan.goal_in_use",
                id = goal.id,
                initiatives = naming.join(", ")
            )));
        }
        plan_edit::remove_goal(doc, index)?;
        Ok(goal.id.clone())
    })?;
    output::note(&t!("plan.goal_removed", id = id, path = shown(path)));
    Ok(format!("-{id}"))
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
    let initiatives = match renamed {
        true => context.units_initiatives(&context.scope()?, store::Answers::None)?,
        false => Vec::new(),
    };
    let (written, id) = plan_edit::update(path, |doc, plan| {
        let at = plan_edit::learning_index(plan, &args.id)?;
        let goal = &plan.goals[at.0];
        let before = goal.learning_id(at.1);
        let naming: Vec<&str> = initiatives
            .iter()
            .filter(|i| {
                let ids = &i.record.learning_goal_ids;
                ids.iter().any(|l| l.trim().eq_ignore_ascii_case(&before))
            })
            .map(|i| i.id.as_str())
            .collect();
        if !naming.is_empty() {
            return Err(Error::Message(t!(
                "plan.learning_in_use",
                id = before,
                initiatives = naming.join(", ")
            )));
        }
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
            key = key,
            old = value(old),
            new = value(new)
        ));
    }
    output::note(&t!("plan.learning_saved", id = id, path = shown(path)));
    Ok(id)
}

/// In a terminal, where a project has no plan yet: offers to start one — its title, period
/// and first goal, asked with the step interview's prompts, each answer left on screen after
/// its prompt. `false` when declined.
pub fn start_interactively(project: &Project) -> Result<bool> {
    use crate::cli::interview;
    use crate::cli::prompt::LineEditor;
    let theme = interview::theme();
    // The plan is written once every question is answered.
    interview::interrupting_changes_nothing();
    if !interview::offer(theme.as_ref(), &t!("plan.offer_start"))? {
        return Ok(false);
    }
    let line =
        |prompt: String, initial: &str, check: fn(&str) -> std::result::Result<(), String>| {
            LineEditor::new(theme.as_ref(), &prompt)
                .validate_with(move |input: &str| match input.trim() {
                    "" => Ok(()),
                    given => check(given),
                })
                .initial_text(initial)
                .ask()
                .map(|text| text.trim().to_string())
                .map_err(interview::interrupted)
        };
    let date = |given: &str| {
        crate::model::date::Date::parse(given)
            .map(drop)
            .ok_or_else(|| t!("date.invalid_value", given = given))
    };
    let any = |_: &str| Ok(());
    let lang = plan_lang(project);
    let title = line(
        t!("plan.ask_title"),
        &i18n::text_in(lang, "plan.default_title", &[]),
        any,
    )?;
    let start = line(t!("plan.ask_start"), "", date)?;
    let end = line(t!("plan.ask_end"), "", date)?;
    let id = line(t!("plan.ask_goal_id"), "", |given| {
        plan_edit::check_id(given)
            .map(drop)
            .map_err(|e| e.to_string())
    })?;
    let goal_title = match id.is_empty() {
        true => String::new(),
        false => line(t!("plan.ask_goal_title"), "", any)?,
    };
    let args = PlanInitArgs {
        title: Some(title).filter(|t| !t.is_empty()),
        start: Some(start).filter(|d| !d.is_empty()),
        end: Some(end).filter(|d| !d.is_empty()),
    };
    let path = plan_path(project);
    if id.is_empty() || goal_title.is_empty() {
        init(project, &path, &args)?;
        return Ok(true);
    }
    // The first goal is given: the next step is a learning goal, which adding it names.
    create(project, &path, &args)?;
    output::note(&t!("plan.created_with_goal", path = shown(&path)));
    let goal = PlanGoalAddArgs {
        id,
        title: goal_title,
        needs: Vec::new(),
    };
    add_goal(&path, &goal)?;
    Ok(true)
}
