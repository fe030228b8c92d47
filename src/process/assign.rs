//! `fortb set`: changes typed as `KEY=VALUE`, each a field of the record (`kind=bokcirkel`,
//! `start=2025-09-01`) or an answer (`need.why=…`, or `why=…` when only one step asks it).
//! Every change is read and checked before the record is touched, then all are written at once.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::plan::Plan;
use crate::model::process::{Model, Question, Step};
use crate::model::spelling;
use crate::model::vocabulary::{Field, Vocabulary};
use crate::process::answer::{self, Answer};
use crate::process::step;
use crate::record::document;
use crate::record::fields::{self, FieldChange, FieldValue};
use crate::record::process_files::Models;
use crate::t;

/// One change to a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Field(FieldChange),
    /// An answer to the question `key` of `step`; `None` clears it.
    Answer {
        step: String,
        key: String,
        answer: Option<Answer>,
    },
}

/// The plan a record's `goals` and `learning_goals` are checked against, read only when one
/// of them is changed (a broken plan does not stop other changes).
pub type PlanSource<'a> = &'a dyn Fn() -> Result<Option<Plan>>;

/// One change as written: the key (`goals`, `need.goal`) and its value before and after, as
/// TOML text; `None` where there was or is no value.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub key: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Reads `KEY=VALUE` pairs against the record's process model. A key that is a field is the
/// field, even where a step has a question of that name: that answer is `STEP.KEY`.
pub fn parse_changes(
    pairs: &[String],
    model: &Model,
    models: &mut Models,
    plan: PlanSource,
) -> Result<Vec<Change>> {
    pairs
        .iter()
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| Error::Usage(t!("set.bad_pair", given = pair)))?;
            parse_change(key.trim(), value, model, models, plan)
        })
        .collect()
}

fn parse_change(
    key: &str,
    value: &str,
    model: &Model,
    models: &mut Models,
    plan: PlanSource,
) -> Result<Change> {
    if let Some(field) = Field::parse(key) {
        let mut change = fields::parse(field, value, models)?;
        if let Some(FieldValue::List(ids)) = &change.value {
            change.value = match ids.is_empty() {
                true => None,
                false => Some(FieldValue::List(
                    plan_ids(field, ids, plan).map_err(|e| answer_hint(e, key, model))?,
                )),
            };
        }
        return Ok(Change::Field(change));
    }
    let (step, question) = find_question(key, model)?;
    let answer = if value.trim().is_empty() {
        None
    } else {
        let parsed = answer::parse(question, &[value.to_string()])
            .map_err(|message| Error::Usage(format!("{key}: {message}")))?;
        Some(parsed)
    };
    Ok(Change::Answer {
        step: step.id.clone(),
        key: question.key.clone(),
        answer,
    })
}

/// The question `STEP.KEY` names (the step by id or name, in either language), or the one
/// question `KEY` of the whole model.
fn find_question<'m>(key: &str, model: &'m Model) -> Result<(&'m Step, &'m Question)> {
    if let Some((step, question)) = key.split_once('.') {
        let step = model.step_or_explain(step)?;
        let found = step.question(question.trim()).ok_or_else(|| {
            Error::Usage(t!(
                "set.unknown_question",
                key = question,
                step = step.word(),
                valid = step
                    .questions
                    .iter()
                    .map(|q| q.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        return Ok((step, found));
    }
    let asking: Vec<(&Step, &Question)> = model
        .steps
        .iter()
        .filter_map(|step| step.question(key).map(|q| (step, q)))
        .collect();
    match asking.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::Usage(t!(
            "set.unknown_key",
            key = key,
            did_you_mean = did_you_mean(key, model),
            fields = Field::ALL
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        several => Err(Error::Usage(t!(
            "set.ambiguous_key",
            key = key,
            candidates = several
                .iter()
                .map(|(step, _)| format!("{}.{key}", step.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// A refused field whose name a step also asks: says how to write that answer instead.
fn answer_hint(error: Error, key: &str, model: &Model) -> Error {
    let asking: Vec<String> = model
        .steps
        .iter()
        .filter_map(|step| step.question(key).map(|q| format!("{}.{}", step.id, q.key)))
        .collect();
    match (error, asking.first()) {
        (Error::Usage(message), Some(answer)) => {
            Error::Usage(message + &t!("set.answer_hint", answer = answer))
        }
        (error, _) => error,
    }
}

/// The plan's own spelling of each goal or learning-goal id given (any case), or a usage
/// error naming the first the plan lacks, with the nearest id and all there are.
fn plan_ids(field: Field, given: &[String], plan: PlanSource) -> Result<Vec<String>> {
    let Some(plan) = plan()? else {
        return Err(Error::Usage(t!("set.no_plan", field = field.label())));
    };
    let (known, message): (Vec<String>, _) = match field {
        Field::LearningGoals => (
            plan.learning_goals()
                .into_iter()
                .map(|(id, ..)| id)
                .collect(),
            "set.unknown_learning_id",
        ),
        _ => (
            plan.goals.iter().map(|goal| goal.id.clone()).collect(),
            "set.unknown_goal_id",
        ),
    };
    given
        .iter()
        .map(|id| {
            let found = known.iter().find(|k| k.to_lowercase() == id.to_lowercase());
            found.cloned().ok_or_else(|| {
                let near = spelling::closest(id, known.iter().map(String::as_str));
                Error::Usage(t!(
                    message,
                    field = field.label(),
                    given = id,
                    did_you_mean = near
                        .map(|w| t!("set.did_you_mean", word = w))
                        .unwrap_or_default(),
                    valid = known.join(", ")
                ))
            })
        })
        .collect()
}

/// "did you mean ansvarig (owner)? " for a misspelt field or question, else nothing.
fn did_you_mean(key: &str, model: &Model) -> String {
    let fields = Field::ALL
        .iter()
        .flat_map(|f| [f.key().to_string(), f.label()]);
    let questions = model
        .steps
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.key.clone()));
    let words: Vec<String> = fields.chain(questions).collect();
    let Some(word) = spelling::closest(key, words.iter().map(String::as_str)) else {
        return String::new();
    };
    let shown = match Field::parse(word) {
        Some(field) if field.label() != field.key() => {
            format!("{} ({})", field.label(), field.key())
        }
        Some(field) => field.key().to_string(),
        None => word.to_string(),
    };
    t!("set.did_you_mean", word = shown)
}

/// Where a change is kept in the record, as keys from the top: a field, an answer's step
/// table, or the field an answer is kept in.
fn location<'c>(model: &Model, change: &'c Change) -> (String, Vec<&'c str>) {
    match change {
        Change::Field(field) => (field.field.key().to_string(), vec![field.field.key()]),
        Change::Answer { step, key, .. } => {
            let shown = format!("{step}.{key}");
            let question = model.step(step).and_then(|s| s.question(key));
            match question.and_then(|q| q.field.as_deref()) {
                Some(_) => (shown, vec![key.as_str()]),
                None => (shown, vec!["steps", step.as_str(), key.as_str()]),
            }
        }
    }
}

/// The value at `keys` in the document as TOML text, without its comments.
fn value_at(doc: &toml_edit::DocumentMut, keys: &[&str]) -> Option<String> {
    let mut item = doc.as_item();
    for key in keys {
        item = item.get(key)?;
    }
    let mut value = item.as_value()?.clone();
    value.decor_mut().clear();
    Some(value.to_string())
}

/// Writes every change into the record at `path` in one locked, atomic write, after checking
/// that the dates still come in order; returns each value before and after.
pub fn apply(path: &Path, model: &Model, changes: &[Change]) -> Result<Vec<Written>> {
    let field_changes: Vec<FieldChange> = changes
        .iter()
        .filter_map(|change| match change {
            Change::Field(field) => Some(field.clone()),
            Change::Answer { .. } => None,
        })
        .collect();
    document::update_record(path, |doc, record| {
        fields::check_dates(record, &field_changes)?;
        let places: Vec<(String, Vec<&str>)> = changes.iter().map(|c| location(model, c)).collect();
        let before: Vec<Option<String>> = places.iter().map(|(_, at)| value_at(doc, at)).collect();
        fields::apply(doc, &field_changes);
        for change in changes {
            if let Change::Answer { step, key, answer } = change {
                let step = model.step(step).expect("found in this model");
                step::set_answer(doc, model, step, key, answer.as_ref());
            }
        }
        Ok(places
            .into_iter()
            .zip(before)
            .map(|((key, at), old)| Written {
                new: value_at(doc, &at),
                key,
                old,
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::process_files::built_in;

    fn changes(pairs: &[&str]) -> Result<Vec<Change>> {
        let pairs: Vec<String> = pairs.iter().map(|p| p.to_string()).collect();
        let plan = || {
            Ok(Some(
                toml::from_str::<Plan>(
                    "[[goal]]\nid = \"formativ\"\ntitle = \"F\"\n\
                     [[goal.learning]]\nwho = \"A\"\ncan = \"x\"\n",
                )
                .unwrap(),
            ))
        };
        parse_changes(
            &pairs,
            &built_in("six-step").unwrap(),
            &mut Models::new(None),
            &plan,
        )
    }

    #[test]
    fn keys_name_fields_in_either_language_or_questions() {
        let parsed = changes(&[
            "typ=bokcirkel",
            "need.why=För att",
            "concept.learning_goals=a;b",
        ])
        .unwrap();
        assert!(matches!(&parsed[0], Change::Field(c) if c.field == Field::Kind));
        assert_eq!(
            parsed[1],
            Change::Answer {
                step: "need".into(),
                key: "why".into(),
                answer: Some(Answer::Text("För att".into()))
            }
        );
        assert!(matches!(
            &parsed[2],
            Change::Answer { step, answer: Some(Answer::List(items)), .. }
                if step == "concept" && items.len() == 2
        ));
    }

    #[test]
    fn goals_and_learning_goals_are_fields_checked_against_the_plan() {
        let parsed = changes(&["goals=Formativ", "learning_goals=formativ.1", "mål="]).unwrap();
        let values: Vec<Option<FieldValue>> = parsed
            .into_iter()
            .map(|c| match c {
                Change::Field(field) => field.value,
                other => panic!("{other:?} is not a field"),
            })
            .collect();
        assert_eq!(
            values,
            [
                Some(FieldValue::List(vec!["formativ".into()])),
                Some(FieldValue::List(vec!["formativ.1".into()])),
                None
            ]
        );
    }

    #[test]
    fn unknown_keys_and_values_are_refused_before_anything_is_written() {
        for pairs in [
            &["nothing"][..],
            &["colour=red"],
            &["need.colour=red"],
            &["nosuchstep.why=x"],
            &["sessions=six"],
            &["kind=party"],
            &["goals=formatv"],
            &["learning_goals=formativ.2"],
        ] {
            assert!(changes(pairs).is_err(), "{pairs:?}");
        }
    }
}
