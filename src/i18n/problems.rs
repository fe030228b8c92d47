//! What the domain model refuses, in the user's language. The causes are data
//! (`crate::error::model`); their text is made here, once. `Display` gives it because serde
//! takes a refused value's message as text while a file is being read, and the reader's
//! message then becomes the `path:line:column:` diagnostic.

use std::fmt;

use crate::error::model::{Amount, LinkProblem, ModelError, ModelProblem, UnknownWord};
use crate::error::record::ConfigProblem;
use crate::i18n::labels::shown_word;
use crate::t;

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&message(self))
    }
}

impl std::error::Error for ModelError {}

impl fmt::Display for ModelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&model_problem(self))
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ConfigProblem::BadThreshold { given, lowest } => {
                t!("config.bad_threshold", given = given, lowest = lowest)
            }
            ConfigProblem::BadDecemberThreshold { given } => {
                t!("config.bad_december_threshold", given = given)
            }
            ConfigProblem::BadFollowUp { given } => t!("config.bad_follow_up", given = given),
            ConfigProblem::BadLang { given } => t!("config.bad_lang", given = given),
        })
    }
}

/// The message of a refused value.
pub fn message(error: &ModelError) -> String {
    match error {
        ModelError::NotADate { given } => t!("date.invalid_value", given = given),
        ModelError::NotADateArgument { argument, given } => {
            t!("date.invalid_arg", arg = argument, given = given)
        }
        ModelError::OutOfScale { given } => t!("recall.score_out_of_range", given = given),
        ModelError::AmountOutOfRange { amount, given } => match amount {
            Amount::Hours => t!("cost.bad_hours", given = given),
            Amount::Cost => t!("cost.bad_amount", given = given),
        },
        ModelError::IndicatorOutOfRange { given } => t!("indicator.out_of_range", given = given),
        ModelError::NotAFollowUp { given } => t!("record.bad_follow_up", given = given),
        ModelError::NotAText => t!("process.bad_text"),
        ModelError::UnknownWord(unknown) => unknown_word(unknown),
        ModelError::Link { problem, url } => match problem {
            LinkProblem::Empty => t!("material.empty_url"),
            LinkProblem::Spaces => t!("material.spaces", url = url),
            LinkProblem::Scheme(_) => t!("material.bad_scheme", url = url),
        },
        ModelError::UnknownIndicator { given, names } => {
            t!("indicator.unknown", given = given, names = names.join("; "))
        }
        ModelError::AmbiguousIndicator { given, names } => {
            t!(
                "indicator.ambiguous",
                given = given,
                names = names.join("; ")
            )
        }
        ModelError::UnknownStep {
            given,
            model,
            steps,
        } => t!(
            "process.unknown_step",
            given = given,
            model = model,
            valid = steps.join(", ")
        ),
    }
}

/// "unknown kind "party"; use one of: …", with the word probably meant when there is one.
fn unknown_word(unknown: &UnknownWord) -> String {
    let section = unknown.section;
    let what = t!(&format!("{section}.name"));
    let valid = unknown
        .keys
        .iter()
        .map(|key| shown_word(section, key))
        .collect::<Vec<_>>()
        .join(", ");
    match unknown.suggestion {
        Some(key) => t!(
            "vocabulary.unknown_near",
            what = what,
            given = unknown.given,
            suggestion = shown_word(section, key),
            valid = valid
        ),
        None => t!(
            "vocabulary.unknown",
            what = what,
            given = unknown.given,
            valid = valid
        ),
    }
}

/// The message of a problem in a process model's definition.
pub fn model_problem(problem: &ModelProblem) -> String {
    match problem {
        ModelProblem::ReservedKey { key } => t!("process.reserved_key", key = key),
        ModelProblem::MissingOptions { key } => t!("process.missing_options", key = key),
        ModelProblem::BadAnswerField { key, field, valid } => t!(
            "process.bad_answer_field",
            key = key,
            field = field,
            valid = valid.join(", ")
        ),
        ModelProblem::DueUnknownKey { step, after, key } => t!(
            "process.due_unknown_key",
            step = step,
            after = after,
            key = key
        ),
        ModelProblem::DueUnknownMetBy { step, key } => {
            t!("process.due_unknown_met_by", step = step, key = key)
        }
        ModelProblem::DueUnknownStep { step, after } => {
            t!("process.due_unknown_step", step = step, after = after)
        }
        ModelProblem::DuplicateStep { step } => t!("process.duplicate_step", step = step),
        ModelProblem::DuplicateQuestion { key, step } => {
            t!("process.duplicate_question", key = key, step = step)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        s.to_string()
    }

    /// One error of each kind the model reports.
    fn every_error() -> Vec<ModelError> {
        vec![
            ModelError::NotADate { given: text("x") },
            ModelError::NotADateArgument {
                argument: text("--since"),
                given: text("x"),
            },
            ModelError::OutOfScale { given: 9 },
            ModelError::AmountOutOfRange {
                amount: Amount::Cost,
                given: text("-1"),
            },
            ModelError::AmountOutOfRange {
                amount: Amount::Hours,
                given: text("-1"),
            },
            ModelError::IndicatorOutOfRange {
                given: text("1e308"),
            },
            ModelError::NotAFollowUp { given: text("x") },
            ModelError::NotAText,
            ModelError::UnknownWord(UnknownWord {
                section: "kind",
                given: text("party"),
                suggestion: Some("course"),
                keys: vec!["course"],
            }),
            ModelError::Link {
                problem: LinkProblem::Scheme(text("javascript")),
                url: text("javascript:x"),
            },
            ModelError::UnknownIndicator {
                given: text("x"),
                names: vec![text("a")],
            },
            ModelError::AmbiguousIndicator {
                given: text("x"),
                names: vec![text("a")],
            },
            ModelError::UnknownStep {
                given: text("x"),
                model: text("m"),
                steps: vec![text("a")],
            },
        ]
    }

    /// One problem of each kind a process model can have.
    fn every_problem() -> Vec<ModelProblem> {
        vec![
            ModelProblem::ReservedKey { key: "done" },
            ModelProblem::MissingOptions { key: text("k") },
            ModelProblem::BadAnswerField {
                key: text("k"),
                field: text("f"),
                valid: vec!["start"],
            },
            ModelProblem::DueUnknownKey {
                step: text("s"),
                after: text("a"),
                key: text("k"),
            },
            ModelProblem::DueUnknownMetBy {
                step: text("s"),
                key: text("k"),
            },
            ModelProblem::DueUnknownStep {
                step: text("s"),
                after: text("a"),
            },
            ModelProblem::DuplicateStep { step: text("s") },
            ModelProblem::DuplicateQuestion {
                key: text("k"),
                step: text("s"),
            },
        ]
    }

    /// Every cause is phrased with each of its placeholders filled: a name given here that
    /// the catalogue spells otherwise would leave `{name}` in the message.
    #[test]
    fn every_cause_fills_its_message() {
        let (errors, problems) = (every_error(), every_problem());
        let messages = errors
            .iter()
            .map(ToString::to_string)
            .chain(problems.iter().map(ToString::to_string));
        for message in messages {
            assert!(!message.contains('{'), "{message}");
            assert!(message.contains(' '), "a key, not a message: {message}");
        }
    }
}
