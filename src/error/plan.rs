//! What goes wrong changing a project's plan (`plan.toml`, `src/record/plan_edit.rs`), as
//! data; phrased by `crate::cli::error::plan`.

use std::path::PathBuf;

use super::{Error, RecordError};

#[derive(Debug)]
pub enum PlanError {
    /// The project has no plan at `path` to change.
    NoPlan {
        path: PathBuf,
    },
    /// `[[goal]]` or a goal's `[[goal.learning]]` is written as something other than tables.
    GoalNotTables,
    BadId {
        given: String,
    },
    /// No goal `given`; `nearest` is the id most likely meant, `valid` every id.
    UnknownGoal {
        given: String,
        nearest: Option<String>,
        valid: Vec<String>,
    },
    UnknownLearning {
        given: String,
        valid: Vec<String>,
    },
    GoalExists {
        id: String,
    },
    LearningExists {
        id: String,
    },
    /// A goal's id taken by a learning goal, or the other way round: one name, one thing.
    IdIsLearning {
        id: String,
    },
    IdIsGoal {
        id: String,
    },
    GoalEmptyTitle {
        id: String,
    },
    /// A learning goal's `key` given empty where it is needed, or where it may not be emptied.
    LearningRequired {
        key: String,
    },
    LearningKept {
        key: String,
    },
    /// `KEY=VALUE` without the `=`.
    BadPair {
        given: String,
    },
    UnknownLearningKey {
        key: String,
    },
}

impl From<PlanError> for Error {
    fn from(error: PlanError) -> Error {
        Error::Record(RecordError::Plan(error))
    }
}
