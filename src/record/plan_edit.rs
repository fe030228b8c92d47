//! Writing `plan.toml` with commands: a new commented plan, goals added and removed, learning
//! goals added and changed — each in place, comments and unknown keys kept, atomically and
//! under a lock, as records are.

use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::error::plan::PlanError;
use crate::error::record::{ValueName, ValueProblem};
use crate::error::{Error, RecordError, Result};
use crate::i18n::{self, Lang};
use crate::model::date::Date;
use crate::model::plan::{GoalStatus, Plan};
use crate::model::vocabulary::Vocabulary;
use crate::record::atomic;
use crate::record::document::{self, date_value, string_array};
use crate::record::parse;

/// What `fortb plan init` writes: the title and period, or commented examples of them.
pub struct NewPlan {
    pub title: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// Writes a new commented plan in `lang`; `false` when the file exists (nothing written).
pub fn create(path: &Path, lang: Lang, new: &NewPlan) -> Result<bool> {
    let title = new
        .title
        .clone()
        .unwrap_or_else(|| i18n::text_in(lang, "plan.default_title", &[]));
    let mut lines = format!("title = {}", Value::from(title.trim()));
    for (key, date) in [("start", new.start), ("end", new.end)] {
        if let Some(date) = date {
            lines += &format!("\n{key} = {date}");
        }
    }
    let text = i18n::text_in(lang, "plan.init_template", &[("lines", &lines)]);
    atomic::create_new(path, &text)
}

/// Changes the plan at `path` in place; the result must still read as a plan.
pub fn update<T>(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut, &Plan) -> Result<T>,
) -> Result<T> {
    if !path.exists() {
        let path = path.to_path_buf();
        return Err(PlanError::NoPlan { path }.into());
    }
    document::update_file(path, check, |doc, text| {
        let plan = read_plan(path, text).map_err(document::refuse_broken_file)?;
        change(doc, &plan)
    })
}

fn read_plan(path: &Path, text: &str) -> Result<Plan> {
    parse::parse_toml_reporting_unknown::<Plan>(path, text)
        .map(|(plan, _)| plan)
        .map_err(Error::invalid)
}

fn check(path: &Path, text: &str) -> Result<()> {
    read_plan(path, text).map(|_| ())
}

/// Refuses an id initiatives could not write in `goals` or `learning_goals`: empty, or with
/// a dot (learning goals are `GOAL.N`), a semicolon, a comma or a quote.
pub fn check_id(id: &str) -> Result<&str> {
    let id = id.trim();
    if id.is_empty() || id.contains(['.', ';', ',', '"', '\'']) || id.contains(char::is_whitespace)
    {
        let given = id.to_string();
        return Err(PlanError::BadId { given }.into());
    }
    Ok(id)
}

/// The plan's `[[goal]]` array, made when the plan has none yet.
fn goals_mut(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables> {
    if doc.get("goal").is_none() {
        doc.insert("goal", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc.get_mut("goal")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| PlanError::GoalNotTables.into())
}

/// The index of the goal `id` (any case) in the plan, or a usage error naming its goals.
pub fn goal_index(plan: &Plan, id: &str) -> Result<usize> {
    let wanted = id.trim().to_lowercase();
    plan.goals
        .iter()
        .position(|goal| goal.id.to_lowercase() == wanted)
        .ok_or_else(|| crate::record::plan::unknown_goal(&plan.goals, id).into())
}

/// Adds a goal at the end of the plan.
pub fn add_goal(
    doc: &mut DocumentMut,
    plan: &Plan,
    id: &str,
    title: &str,
    needs: &[String],
) -> Result<()> {
    let id = check_id(id)?;
    if plan
        .goals
        .iter()
        .any(|g| g.id.to_lowercase() == id.to_lowercase())
    {
        let id = id.to_string();
        return Err(PlanError::GoalExists { id }.into());
    }
    // One name, one thing: a goal is not named as a learning goal is.
    if plan
        .learning_goals()
        .iter()
        .any(|(other, ..)| other.eq_ignore_ascii_case(id))
    {
        let id = id.to_string();
        return Err(PlanError::IdIsLearning { id }.into());
    }
    // Checked here, since the shared title rules speak of an initiative.
    if title.trim().is_empty() {
        let id = id.to_string();
        return Err(PlanError::GoalEmptyTitle { id }.into());
    }
    let title = crate::record::fields::clean_title(title)?;
    let mut table = Table::new();
    table.insert("id", toml_edit::value(id));
    table.insert("title", toml_edit::value(title));
    let needs: Vec<String> = needs
        .iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if !needs.is_empty() {
        table.insert("needs", Item::Value(string_array(&needs)));
    }
    goals_mut(doc)?.push(table);
    Ok(())
}

/// Removes the goal at `index`, its learning goals with it.
pub fn remove_goal(doc: &mut DocumentMut, index: usize) -> Result<()> {
    let goals = goals_mut(doc)?;
    goals.remove(index);
    if goals.is_empty() {
        doc.remove("goal");
    }
    Ok(())
}

/// Removes the learning goal at `at` (its goal's index and its own), and the goal's empty
/// `learning` array with it.
pub fn remove_learning(doc: &mut DocumentMut, at: (usize, usize)) -> Result<()> {
    let goal = goals_mut(doc)?
        .get_mut(at.0)
        .ok_or(PlanError::GoalNotTables)?;
    let learning = goal
        .get_mut("learning")
        .and_then(Item::as_array_of_tables_mut)
        .filter(|learning| at.1 < learning.len())
        .ok_or(PlanError::GoalNotTables)?;
    learning.remove(at.1);
    if learning.is_empty() {
        goal.remove("learning");
    }
    Ok(())
}

/// A new learning goal: who, what they will be able to do, by when, and its own short name.
pub struct NewLearning {
    pub who: String,
    pub can: String,
    pub by: Option<Date>,
    pub id: Option<String>,
}

/// The spelling of a status the plan is written in.
fn status_word(status: GoalStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => status.swedish(),
        _ => status.key(),
    }
}

/// Adds a learning goal, planned, under the goal at `index`; returns the id initiatives name
/// it by.
pub fn add_learning(
    doc: &mut DocumentMut,
    plan: &Plan,
    index: usize,
    new: &NewLearning,
    lang: Lang,
) -> Result<String> {
    let who = required("who", &new.who)?;
    let can = required("can", &new.can)?;
    let mut table = Table::new();
    if let Some(id) = &new.id {
        let id = check_id(id)?;
        if plan
            .learning_goals()
            .iter()
            .any(|(other, ..)| other.eq_ignore_ascii_case(id))
        {
            let id = id.to_string();
            return Err(PlanError::LearningExists { id }.into());
        }
        refuse_goal_id(plan, id)?;
        table.insert("id", toml_edit::value(id));
    }
    table.insert("who", toml_edit::value(who));
    table.insert("can", toml_edit::value(can));
    if let Some(by) = new.by {
        table.insert("by", Item::Value(date_value(by)));
    }
    table.insert(
        "status",
        toml_edit::value(status_word(GoalStatus::Planned, lang)),
    );
    let goal = goals_mut(doc)?
        .get_mut(index)
        .ok_or(PlanError::GoalNotTables)?;
    if goal.get("learning").is_none() {
        goal.insert("learning", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let learning = goal
        .get_mut("learning")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or(PlanError::GoalNotTables)?;
    learning.push(table);
    let mut goal = plan.goals[index].clone();
    goal.learning_goals.push(crate::model::plan::LearningGoal {
        id: new.id.clone(),
        who: String::new(),
        can: String::new(),
        by: None,
        status: GoalStatus::Planned,
    });
    Ok(goal.learning_id(goal.learning_goals.len() - 1))
}

fn required(key: &str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        let key = key.to_string();
        return Err(PlanError::LearningRequired { key }.into());
    }
    Ok(text.to_string())
}

/// A value `set` may change but not empty, named by the key as typed (`vem=`).
fn kept(key: &str, value: &str) -> Result<String> {
    match value.trim() {
        "" => {
            let key = key.trim().to_string();
            Err(PlanError::LearningKept { key }.into())
        }
        text => Ok(text.to_string()),
    }
}

/// Refuses a learning goal's short name that is a goal's id: one name, one thing.
fn refuse_goal_id(plan: &Plan, id: &str) -> Result<()> {
    match plan.goals.iter().any(|g| g.id.eq_ignore_ascii_case(id)) {
        true => Err(PlanError::IdIsGoal { id: id.to_string() }.into()),
        false => Ok(()),
    }
}

/// Where the learning goal `id` is: its goal's index and its own (the id as initiatives
/// write it, any case), or a usage error listing the plan's learning goals.
pub fn learning_index(plan: &Plan, id: &str) -> Result<(usize, usize)> {
    let wanted = id.trim().to_lowercase();
    for (g, goal) in plan.goals.iter().enumerate() {
        for l in 0..goal.learning_goals.len() {
            if goal.learning_id(l).to_lowercase() == wanted {
                return Ok((g, l));
            }
        }
    }
    let valid: Vec<String> = plan
        .learning_goals()
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let given = id.to_string();
    Err(PlanError::UnknownLearning { given, valid }.into())
}

/// One change to a learning goal, read from `KEY=VALUE`.
pub enum LearningChange {
    Status(GoalStatus),
    Who(String),
    Can(String),
    By(Option<Date>),
    Id(Option<String>),
}

impl LearningChange {
    /// Reads `status=påbörjat`, `who=…`, `can=…`, `by=2026-06-12` (empty removes it),
    /// `id=name` (empty removes it); keys in either language.
    pub fn parse(pair: &str) -> Result<LearningChange> {
        let (key, value) = pair.split_once('=').ok_or_else(|| PlanError::BadPair {
            given: pair.to_string(),
        })?;
        let value = value.trim();
        let usage = |problem: ValueProblem| -> Error {
            let name = ValueName::Key(key.trim().to_string());
            RecordError::BadValue { name, problem }.into()
        };
        Ok(match key.trim().to_lowercase().as_str() {
            "status" | "läge" | "lage" => LearningChange::Status(
                GoalStatus::parse_or_explain(value)
                    .map_err(|explained| usage(ValueProblem::NotAWord(explained.to_string())))?,
            ),
            "who" | "vem" => LearningChange::Who(kept(key, value)?),
            "can" | "kan" | "ska-kunna" => LearningChange::Can(kept(key, value)?),
            "by" | "senast" => LearningChange::By(match value {
                "" => None,
                _ => Some(
                    Date::parse(value)
                        .ok_or_else(|| usage(crate::record::fields::not_a_date(value)))?,
                ),
            }),
            "id" => LearningChange::Id(match value {
                "" => None,
                _ => Some(check_id(value)?.to_string()),
            }),
            _ => {
                let key = key.trim().to_string();
                return Err(PlanError::UnknownLearningKey { key }.into());
            }
        })
    }

    fn key(&self) -> &'static str {
        match self {
            LearningChange::Status(_) => "status",
            LearningChange::Who(_) => "who",
            LearningChange::Can(_) => "can",
            LearningChange::By(_) => "by",
            LearningChange::Id(_) => "id",
        }
    }

    fn value(&self, lang: Lang) -> Option<Value> {
        match self {
            LearningChange::Status(status) => Some(Value::from(status_word(*status, lang))),
            LearningChange::Who(text) | LearningChange::Can(text) => {
                Some(Value::from(text.as_str()))
            }
            LearningChange::By(date) => date.map(date_value),
            LearningChange::Id(id) => id.as_deref().map(Value::from),
        }
    }
}

/// A key with its value before and after a change, as TOML text (`None`: no value).
pub type BeforeAfter = (String, Option<String>, Option<String>);

/// The keys of a learning goal, in the order fortb writes them.
const LEARNING_KEYS: &[&str] = &["id", "who", "can", "by", "status"];

/// Changes the learning goal at `at`; returns each key with its value before and after, as
/// TOML text.
pub fn set_learning(
    doc: &mut DocumentMut,
    plan: &Plan,
    at: (usize, usize),
    changes: &[LearningChange],
    lang: Lang,
) -> Result<Vec<BeforeAfter>> {
    for change in changes {
        if let LearningChange::Id(Some(id)) = change {
            let taken = plan
                .learning_goals()
                .iter()
                .enumerate()
                .any(|(n, (other, ..))| {
                    other.eq_ignore_ascii_case(id) && n != flat_index(plan, at)
                });
            if taken {
                let id = id.to_string();
                return Err(PlanError::LearningExists { id }.into());
            }
            refuse_goal_id(plan, id)?;
        }
    }
    let table = goals_mut(doc)?
        .get_mut(at.0)
        .and_then(|goal| goal.get_mut("learning"))
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|learning| learning.get_mut(at.1))
        .ok_or(PlanError::GoalNotTables)?;
    let mut written = Vec::new();
    for change in changes {
        let key = change.key();
        let text = |table: &Table| {
            table.get(key).and_then(Item::as_value).map(|v| {
                let mut v = v.clone();
                v.decor_mut().clear();
                v.to_string()
            })
        };
        let old = text(table);
        match change.value(lang) {
            Some(value) => document::set_value(table, key, value, LEARNING_KEYS),
            None => {
                table.remove(key);
            }
        }
        written.push((key.to_string(), old, text(table)));
    }
    Ok(written)
}

/// The place of a learning goal among all the plan's, counted across goals.
fn flat_index(plan: &Plan, at: (usize, usize)) -> usize {
    plan.goals[..at.0]
        .iter()
        .map(|g| g.learning_goals.len())
        .sum::<usize>()
        + at.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(doc: &DocumentMut) -> Plan {
        toml::from_str(&doc.to_string()).unwrap()
    }

    #[test]
    fn goals_and_learning_goals_are_added_and_changed_in_place_keeping_comments() {
        let mut doc: DocumentMut = "# Vår plan\ntitle = \"P\" # namnet\n".parse().unwrap();
        {
            let p = plan(&doc);
            add_goal(
                &mut doc,
                &p,
                "formativ",
                "Formativ bedömning",
                &["Behov".into()],
            )
        }
        .unwrap();
        assert!({
            let p = plan(&doc);
            add_goal(&mut doc, &p, "Formativ", "Igen", &[])
        }
        .is_err());
        assert!({
            let p = plan(&doc);
            add_goal(&mut doc, &p, "a.b", "Punkt", &[])
        }
        .is_err());
        let new = NewLearning {
            who: "Lärarlaget åk 4–6".into(),
            can: "ge återkoppling".into(),
            by: Date::parse("2026-06-12"),
            id: None,
        };
        let id = {
            let p = plan(&doc);
            add_learning(&mut doc, &p, 0, &new, Lang::Sv)
        }
        .unwrap();
        assert_eq!(id, "formativ.1");
        let at = learning_index(&plan(&doc), "Formativ.1").unwrap();
        let change = LearningChange::parse("läge=påbörjat").unwrap();
        let written = {
            let p = plan(&doc);
            set_learning(&mut doc, &p, at, &[change], Lang::Sv)
        }
        .unwrap();
        assert_eq!(
            written,
            [(
                "status".into(),
                Some("\"planerat\"".into()),
                Some("\"påbörjat\"".into())
            )]
        );
        assert_eq!(
            doc.to_string(),
            "# Vår plan\ntitle = \"P\" # namnet\n\n[[goal]]\nid = \"formativ\"\n\
             title = \"Formativ bedömning\"\nneeds = [\"Behov\"]\n\n[[goal.learning]]\n\
             who = \"Lärarlaget åk 4–6\"\ncan = \"ge återkoppling\"\nby = 2026-06-12\n\
             status = \"påbörjat\"\n"
        );
        remove_goal(&mut doc, 0).unwrap();
        assert_eq!(doc.to_string(), "# Vår plan\ntitle = \"P\" # namnet\n");
    }
}
