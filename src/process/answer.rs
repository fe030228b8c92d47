//! Answers to process questions: how a stored TOML value reads for a person.

use crate::error::process::AnswerProblem;
use crate::error::Problem;
use crate::model::date::Date;
use crate::model::process::{Question, QuestionType};
use crate::record::fields::yes_no;

/// Whether the answer is shown as a list of items (one per line).
pub fn is_list(value: &toml::Value) -> bool {
    matches!(value, toml::Value::Array(_))
}

/// An answer ready to be stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Text(String),
    Choice(String),
    Choices(Vec<String>),
    YesNo(bool),
    Date(Date),
    Number(f64),
    List(Vec<String>),
}

impl Answer {
    /// The TOML value written to the record.
    pub fn to_toml(&self) -> toml_edit::Value {
        use crate::record::document::{string_array, text_value};
        match self {
            Answer::Text(text) => text_value(text),
            Answer::Choice(key) => toml_edit::Value::from(key.as_str()),
            Answer::Choices(items) | Answer::List(items) => string_array(items),
            Answer::YesNo(value) => toml_edit::Value::from(*value),
            Answer::Date(date) => crate::record::document::date_value(*date),
            Answer::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                toml_edit::Value::from(*n as i64)
            }
            Answer::Number(n) => toml_edit::Value::from(*n),
        }
    }
}

/// Reads an answer typed as text (on the command line or in a prompt). `inputs` holds one text
/// per `--answer KEY=…` given for the question: several only make sense for lists.
pub fn parse(question: &Question, inputs: &[String]) -> Result<Answer, AnswerProblem> {
    let single = || -> Result<&str, AnswerProblem> {
        match inputs {
            [one] => Ok(one.as_str()),
            _ => Err(AnswerProblem::OneValue {
                key: question.key.clone(),
            }),
        }
    };
    match question.kind {
        QuestionType::Text | QuestionType::LongText => Ok(Answer::Text(single()?.to_string())),
        QuestionType::Choice => choice_key(question, single()?).map(Answer::Choice),
        QuestionType::MultiChoice => {
            let mut keys = Vec::new();
            for part in inputs
                .iter()
                .flat_map(|i| i.split(','))
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let key = choice_key(question, part)?;
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            Ok(Answer::Choices(keys))
        }
        QuestionType::YesNo => {
            let text = single()?;
            yes_no(text)
                .map(Answer::YesNo)
                .ok_or_else(|| AnswerProblem::NotYesNo { given: text.into() })
        }
        QuestionType::Date => {
            let text = single()?;
            Date::parse(text).map(Answer::Date).ok_or_else(|| {
                match Date::is_written_as_one(text.trim()) {
                    true => AnswerProblem::NoSuchDate { given: text.into() },
                    false => AnswerProblem::NotADate { given: text.into() },
                }
            })
        }
        QuestionType::Number => number(question, single()?),
        QuestionType::List => Ok(Answer::List(
            inputs
                .iter()
                .flat_map(|input| split_list(input))
                .map(|item| item.trim().to_string())
                .filter(|item| !item.is_empty())
                .collect(),
        )),
    }
}

/// A number answer: a decimal comma is a point; within the question's minimum and the bounds
/// of every number in a record.
fn number(question: &Question, text: &str) -> Result<Answer, AnswerProblem> {
    let given = || text.to_string();
    let n = text
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| AnswerProblem::NotANumber { given: given() })?;
    match question.min {
        Some(min) if question.below_min(n) => Err(AnswerProblem::BelowMin {
            given: given(),
            min,
        }),
        _ if !crate::model::within_limit(n) => Err(AnswerProblem::OutOfRange { given: given() }),
        // The record's `sessions` counts whole sessions.
        _ if question.field.is_some() && n.fract() != 0.0 => {
            Err(AnswerProblem::NotACount { given: given() })
        }
        _ => Ok(Answer::Number(n)),
    }
}

pub use crate::model::list_text::{join_list, split_list};

/// The option key for an option's key or label, in either language, any case.
fn choice_key(question: &Question, given: &str) -> Result<String, AnswerProblem> {
    let wanted = given.trim().to_lowercase();
    question
        .options
        .iter()
        .find(|o| {
            [Some(&o.key), o.en.as_ref(), o.sv.as_ref(), o.label.as_ref()]
                .into_iter()
                .flatten()
                .any(|name| name.to_lowercase() == wanted)
        })
        .map(|o| o.key.clone())
        .ok_or_else(|| AnswerProblem::UnknownOption {
            given: given.to_string(),
            valid: question.options.iter().map(|o| o.key.clone()).collect(),
        })
}

/// An answer given as a TOML value (from `fortb step --from FILE`), checked against its question.
pub fn from_toml(question: &Question, value: &toml::Value) -> Result<Answer, Problem> {
    if let Some(problem) = crate::record::validate::answer_problem(question, value) {
        return Err(problem);
    }
    let strings = |items: &Vec<toml::Value>| -> Vec<String> {
        items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect()
    };
    Ok(match (question.kind, value) {
        (QuestionType::Choice, toml::Value::String(key)) => Answer::Choice(key.clone()),
        (QuestionType::MultiChoice, toml::Value::Array(items)) => Answer::Choices(strings(items)),
        (QuestionType::List, toml::Value::Array(items)) => Answer::List(strings(items)),
        (QuestionType::YesNo, toml::Value::Boolean(b)) => Answer::YesNo(*b),
        (QuestionType::Number, toml::Value::Integer(n)) => Answer::Number(*n as f64),
        (QuestionType::Number, toml::Value::Float(x)) => Answer::Number(*x),
        (QuestionType::Date, other) => Answer::Date(Date::from_toml(other).expect("checked above")),
        (_, toml::Value::String(text)) => Answer::Text(text.clone()),
        (_, other) => Answer::Text(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::process_files::built_in;

    fn question(step: &str, key: &str) -> Question {
        built_in("six-step")
            .unwrap()
            .step(step)
            .unwrap()
            .question(key)
            .unwrap()
            .clone()
    }

    #[test]
    fn answers_are_read_by_question_type() {
        let mix = question("analysis", "mix");
        assert_eq!(
            parse(&mix, &["training, organisation".into()]).unwrap(),
            Answer::Choices(vec!["training".into(), "organisation".into()])
        );
        assert!(matches!(
            parse(&mix, &["party".into()]),
            Err(AnswerProblem::UnknownOption { valid, .. }) if valid.contains(&"training".into())
        ));
        let enough = question("analysis", "training_enough");
        assert_eq!(
            parse(&enough, &["nej".into()]).unwrap(),
            Answer::YesNo(false)
        );
        let sessions = question("delivery", "sessions");
        assert_eq!(
            parse(&sessions, &["6".into()])
                .unwrap()
                .to_toml()
                .to_string(),
            "6"
        );
        assert!(parse(&sessions, &["six".into()]).is_err());
        assert!(
            parse(&sessions, &["2,5".into()]).is_err(),
            "the record's sessions are whole"
        );
        let mut hours = sessions.clone();
        hours.field = None;
        assert_eq!(
            parse(&hours, &["2,5".into()]).unwrap(),
            Answer::Number(2.5),
            "a Swedish decimal comma"
        );
        let goals = question("concept", "learning_goals");
        assert_eq!(
            parse(&goals, &["a".into(), " ".into(), "b".into()]).unwrap(),
            Answer::List(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            parse(&goals, &["läsa; skriva \\; räkna;".into()]).unwrap(),
            Answer::List(vec!["läsa".into(), "skriva ; räkna".into()])
        );
        let first = question("delivery", "first_date");
        assert!(parse(&first, &["2025-13-01".into()]).is_err());
        let why = question("need", "why");
        assert!(parse(&why, &["a".into(), "b".into()]).is_err());
    }

    #[test]
    fn list_items_survive_being_joined_and_split_again() {
        let items = ["a; b", "c\\d", " e "];
        let joined = join_list(items);
        assert_eq!(joined, "a\\; b; c\\d;  e ");
        assert_eq!(split_list(&joined), ["a; b", " c\\d", "  e "]);
    }

    #[test]
    fn choices_accept_labels_in_both_languages() {
        let format = question("production", "format");
        let key = &format.options[0].key;
        let sv = format.options[0].sv.clone().unwrap();
        assert_eq!(
            parse(&format, &[sv.to_uppercase()]).unwrap(),
            Answer::Choice(key.clone())
        );
    }
}
