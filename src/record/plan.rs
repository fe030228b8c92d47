//! Reading `plan.toml`: a project's own plan and, in a unit, its organiser's — the goals its
//! initiatives may name.

use std::path::{Path, PathBuf};

use crate::error::plan::PlanError;
use crate::error::{Error, Result};
use crate::model::plan::{Goal, Plan};
use crate::record::parse;
use crate::record::project::Project;

pub const PLAN_FILE: &str = "plan.toml";

/// The keys of a plan's top level, for suggesting the nearest to a misspelt one.
pub const PLAN_KEYS: &[&str] = &["title", "start", "end", "goal"];

/// Where a project's plan is kept.
pub fn plan_path(project: &Project) -> PathBuf {
    project.config_path().with_file_name(PLAN_FILE)
}

/// The plan in `path`, with the dotted paths of the keys fortb does not know; `None` when
/// there is no such file.
pub fn read(path: &Path) -> Result<Option<(Plan, Vec<String>, String)>> {
    if !path.exists() {
        return Ok(None);
    }
    let text = parse::read_text(path)?;
    let (plan, unknown) =
        parse::parse_toml_reporting_unknown::<Plan>(path, &text).map_err(Error::invalid)?;
    Ok(Some((plan, unknown, text)))
}

/// The project's plan, if it has one.
pub fn load(project: &Project) -> Result<Option<Plan>> {
    Ok(read(&plan_path(project))?.map(|(plan, _, _)| plan))
}

/// The organiser's project a unit names in `[organisation] organiser`, when it opens.
pub fn organiser_of(project: &Project) -> Option<Project> {
    let folder = project.config.organisation.organiser.as_deref()?;
    Project::open(&project.root.join(folder)).ok()
}

/// The plan a project works to: its own `plan.toml` followed by its organiser's goals — the
/// title and period are the first plan's that has them. `None` when neither has a plan; a
/// plan that cannot be read is an error, so that no goal is wrongly called unknown.
pub fn combined(project: &Project) -> Result<Option<Plan>> {
    let mut combined: Option<Plan> = None;
    for home in [Some(project.clone()), organiser_of(project)]
        .into_iter()
        .flatten()
    {
        let Some(plan) = load(&home)? else { continue };
        match &mut combined {
            None => combined = Some(plan),
            Some(first) => {
                first.title = first.title.take().or(plan.title);
                first.start = first.start.or(plan.start);
                first.end = first.end.or(plan.end);
                first.goals.extend(plan.goals);
            }
        }
    }
    Ok(combined)
}

/// The goals a project's initiatives may name: its own plan's, then its organiser's.
pub fn goals_for(project: &Project) -> Result<Vec<Goal>> {
    Ok(combined(project)?
        .map(|plan| plan.goals)
        .unwrap_or_default())
}

/// Sets a record's `goals`, in their place among the top-level keys; none removes the key.
pub fn set_goals(doc: &mut toml_edit::DocumentMut, goals: &[String]) {
    set_ids(doc, "goals", goals);
}

/// Sets a record's `learning_goals`, in their place among the top-level keys; none removes it.
pub fn set_learning_goals(doc: &mut toml_edit::DocumentMut, ids: &[String]) {
    set_ids(doc, "learning_goals", ids);
}

fn set_ids(doc: &mut toml_edit::DocumentMut, key: &str, ids: &[String]) {
    if ids.is_empty() {
        doc.remove(key);
    } else {
        crate::record::document::set_value(
            doc.as_table_mut(),
            key,
            crate::record::document::string_array(ids),
            crate::model::initiative::TOP_LEVEL_KEYS,
        );
    }
}

/// The plan's id for each goal given on the command line (any case), or the error naming the
/// first the plan does not have.
pub fn resolve_goals(goals: &[Goal], given: &[String]) -> Result<Vec<String>, PlanError> {
    let mut ids: Vec<String> = Vec::new();
    for wanted in given {
        let found = goals
            .iter()
            .find(|goal| goal.id.to_lowercase() == wanted.trim().to_lowercase());
        match found {
            Some(goal) if !ids.contains(&goal.id) => ids.push(goal.id.clone()),
            Some(_) => {}
            None => return Err(unknown_goal(goals, wanted)),
        }
    }
    Ok(ids)
}

/// That the plan has no goal `given`, the nearest id if one is near, and its goals.
pub fn unknown_goal(goals: &[Goal], given: &str) -> PlanError {
    let valid: Vec<String> = goals.iter().map(|g| g.id.clone()).collect();
    let nearest = crate::model::spelling::closest(given.trim(), valid.iter().map(String::as_str));
    PlanError::UnknownGoal {
        given: given.to_string(),
        nearest: nearest.map(str::to_string),
        valid,
    }
}
