//! What goes wrong in the process area (`src/process/`), as data; phrased by
//! `crate::cli::error::process`.

use crate::model::vocabulary::Field;

/// A change to a record or an answer that `set`, `step` or the interview cannot use. Each is a
/// value typed by the user, so each ends the run as a usage error.
#[derive(Debug)]
pub enum ProcessError {
    /// `set` was given `given`, which is not `KEY=VALUE`.
    BadPair { given: String },
    /// `STEP.KEY` where the step (`step`, as a person types it) asks no question `key`;
    /// `valid` are the questions it asks.
    UnknownQuestion {
        key: String,
        step: String,
        valid: Vec<String>,
    },
    /// A key that is neither a field nor a question of the model; `questions` are the keys of
    /// the model's questions, among which (and the fields) the nearest is suggested.
    UnknownKey { key: String, questions: Vec<String> },
    /// A question key several steps ask: `steps` are their ids.
    AmbiguousKey { key: String, steps: Vec<String> },
    /// `goals` or `learning_goals` changed in a project without a plan. `answer` is the
    /// `STEP.KEY` of a question of the same name, which may have been meant.
    NoPlan {
        field: Field,
        answer: Option<String>,
    },
    /// An id the plan lacks, with the plan's nearest and all it has; `answer` as for `NoPlan`.
    UnknownPlanId {
        field: Field,
        given: String,
        nearest: Option<String>,
        valid: Vec<String>,
        answer: Option<String>,
    },
    /// The value given for the question `key` does not answer it.
    Answer { key: String, problem: AnswerProblem },
    /// A value refused for a field whose name a step also asks as a question: `answer` is
    /// that question's `STEP.KEY`, which may have been meant.
    FieldRefused {
        refused: Box<super::Error>,
        answer: String,
    },
}

/// Why a typed answer does not answer its question.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerProblem {
    /// Several values for a question that takes one.
    OneValue {
        key: String,
    },
    NotYesNo {
        given: String,
    },
    NotADate {
        given: String,
    },
    /// Written as a date but no day in the calendar (as [`crate::error::record::Form::Date`]).
    NoSuchDate {
        given: String,
    },
    NotANumber {
        given: String,
    },
    BelowMin {
        given: String,
        min: f64,
    },
    /// Beyond the bounds every number in a record keeps to.
    OutOfRange {
        given: String,
    },
    /// A number kept in a field that counts whole things (`sessions`).
    NotACount {
        given: String,
    },
    /// Not one of the question's options; `valid` are their keys.
    UnknownOption {
        given: String,
        valid: Vec<String>,
    },
}
