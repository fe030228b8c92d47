//! The words for [`ProcessError`], the errors of the process area.

use crate::error::process::AnswerProblem;
use crate::error::ProcessError;
use crate::i18n::labels::Labelled;
use crate::model::spelling;
use crate::model::vocabulary::{Field, Vocabulary};
use crate::t;

pub fn message(error: &ProcessError) -> String {
    match error {
        ProcessError::BadPair { given } => t!("set.bad_pair", given = given),
        ProcessError::UnknownQuestion { key, step, valid } => t!(
            "set.unknown_question",
            key = key,
            step = step,
            valid = valid.join(", ")
        ),
        ProcessError::UnknownKey { key, questions } => t!(
            "set.unknown_key",
            key = key,
            did_you_mean = did_you_mean(key, questions),
            fields = Field::ALL
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ProcessError::AmbiguousKey { key, steps } => {
            let candidates: Vec<String> =
                steps.iter().map(|step| format!("{step}.{key}")).collect();
            t!(
                "set.ambiguous_key",
                key = key,
                candidates = candidates.join(", ")
            )
        }
        ProcessError::NoPlan { field, answer } => {
            t!("set.no_plan", field = field.label()) + &answer_hint(answer)
        }
        ProcessError::UnknownPlanId {
            field,
            given,
            nearest,
            valid,
            answer,
        } => unknown_plan_id(*field, given, nearest.as_deref(), valid) + &answer_hint(answer),
        ProcessError::Answer { key, problem } => answer_message(key, problem),
        ProcessError::FieldRefused { refused, answer } => {
            super::message(refused) + &answer_hint(&Some(answer.clone()))
        }
    }
}

/// Every process error is about a value typed on the command line: a usage error.
pub fn is_usage(_error: &ProcessError) -> bool {
    true
}

/// `key: why` for an answer typed as `key=value`; an impossible date in `fortb check`'s words.
pub fn answer_message(key: &str, problem: &AnswerProblem) -> String {
    match problem {
        AnswerProblem::NoSuchDate { given } => super::record::no_such_date(key, key, given),
        _ => format!("{key}: {}", answer_problem(problem)),
    }
}

/// Why a typed answer does not answer its question, as `set`, `step` and the interview say it.
pub fn answer_problem(problem: &AnswerProblem) -> String {
    match problem {
        AnswerProblem::OneValue { key } => t!("answer.one_value", key = key),
        AnswerProblem::NotYesNo { given } => t!("answer.not_yes_no", given = given),
        AnswerProblem::NotADate { given } | AnswerProblem::NoSuchDate { given } => {
            t!("date.invalid_value", given = given)
        }
        AnswerProblem::NotANumber { given } => t!("answer.not_a_number", given = given),
        AnswerProblem::BelowMin { given, min } => {
            t!("answer.below_min", given = given, min = min)
        }
        AnswerProblem::OutOfRange { given } => t!("answer.out_of_range", given = given),
        AnswerProblem::NotACount { given } => t!("set.not_a_count", given = given),
        AnswerProblem::UnknownOption { given, valid } => {
            t!(
                "check.unknown_option",
                given = given,
                valid = valid.join(", ")
            )
        }
    }
}

/// "learning_goals: the plan has no learning goal "x"; did you mean …? its … are: …"
fn unknown_plan_id(field: Field, given: &str, nearest: Option<&str>, valid: &[String]) -> String {
    let key = match field {
        Field::LearningGoals => "set.unknown_learning_id",
        _ => "set.unknown_goal_id",
    };
    let did_you_mean = nearest
        .map(|word| t!("set.did_you_mean", word = word))
        .unwrap_or_default();
    t!(
        key,
        field = field.label(),
        given = given,
        did_you_mean = did_you_mean,
        valid = valid.join(", ")
    )
}

/// " (is it the step's answer? then write need.goals=…)" for a refused field a step also asks.
fn answer_hint(answer: &Option<String>) -> String {
    answer
        .as_ref()
        .map(|answer| t!("set.answer_hint", answer = answer))
        .unwrap_or_default()
}

/// "did you mean ansvarig (owner)? " for a misspelt field or question, else nothing. The
/// fields are matched by key and by their word in the user's language.
fn did_you_mean(key: &str, questions: &[String]) -> String {
    let fields = Field::ALL
        .iter()
        .flat_map(|f| [f.key().to_string(), f.label()]);
    let words: Vec<String> = fields.chain(questions.iter().cloned()).collect();
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
