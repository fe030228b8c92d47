//! `fortb set`: changes typed as `KEY=VALUE`, each a field of the record (`kind=bokcirkel`,
//! `start=2025-09-01`) or an answer (`need.why=…`, or `why=…` when only one step asks it).
//! Every change is read and checked before the record is touched, then all are written at once.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::process::{Model, Question, Step};
use crate::model::spelling;
use crate::model::vocabulary::{Field, Vocabulary};
use crate::process::answer::{self, Answer};
use crate::process::step;
use crate::record::document;
use crate::record::fields::{self, FieldChange};
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

/// Reads `KEY=VALUE` pairs against the record's process model.
pub fn parse_changes(pairs: &[String], model: &Model, models: &mut Models) -> Result<Vec<Change>> {
    pairs
        .iter()
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| Error::Usage(t!("set.bad_pair", given = pair)))?;
            parse_change(key.trim(), value, model, models)
        })
        .collect()
}

fn parse_change(key: &str, value: &str, model: &Model, models: &mut Models) -> Result<Change> {
    if let Some(field) = Field::parse(key) {
        return fields::parse(field, value, models).map(Change::Field);
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

/// Writes every change into the record at `path` in one locked, atomic write, after checking
/// that the dates still come in order.
pub fn apply(path: &Path, model: &Model, changes: &[Change]) -> Result<()> {
    let field_changes: Vec<FieldChange> = changes
        .iter()
        .filter_map(|change| match change {
            Change::Field(field) => Some(field.clone()),
            Change::Answer { .. } => None,
        })
        .collect();
    document::update_record(path, |doc, record| {
        fields::check_dates(record, &field_changes)?;
        fields::apply(doc, &field_changes);
        for change in changes {
            if let Change::Answer { step, key, answer } = change {
                let step = model.step(step).expect("found in this model");
                step::set_answer(doc, model, step, key, answer.as_ref());
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::process_files::built_in;

    fn changes(pairs: &[&str]) -> Result<Vec<Change>> {
        let pairs: Vec<String> = pairs.iter().map(|p| p.to_string()).collect();
        parse_changes(
            &pairs,
            &built_in("six-step").unwrap(),
            &mut Models::new(None),
        )
    }

    #[test]
    fn keys_name_fields_in_either_language_or_questions() {
        let parsed = changes(&["typ=bokcirkel", "need.why=För att", "learning_goals=a;b"]).unwrap();
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
    fn unknown_keys_and_values_are_refused_before_anything_is_written() {
        for pairs in [
            &["nothing"][..],
            &["colour=red"],
            &["need.colour=red"],
            &["nosuchstep.why=x"],
            &["sessions=six"],
            &["kind=party"],
        ] {
            assert!(changes(pairs).is_err(), "{pairs:?}");
        }
    }
}
