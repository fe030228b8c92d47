//! The words for [`PlanError`], the errors of changing a project's plan.

use crate::error::plan::PlanError;
use crate::record::project::display_path;
use crate::t;

pub fn message(error: &PlanError) -> String {
    match error {
        PlanError::NoPlan { path } => t!("plan.none", path = display_path(path).display()),
        PlanError::GoalNotTables => t!("plan.goal_not_tables"),
        PlanError::BadId { given } => t!("plan.bad_id", given = given),
        PlanError::UnknownGoal {
            given,
            nearest,
            valid,
        } => t!(
            "plan.unknown_goal_arg",
            given = given,
            did_you_mean = nearest
                .as_ref()
                .map(|word| t!("set.did_you_mean", word = word))
                .unwrap_or_default(),
            valid = valid.join(", ")
        ),
        PlanError::UnknownLearning { given, valid } => {
            t!(
                "plan.unknown_learning",
                given = given,
                valid = valid.join(", ")
            )
        }
        PlanError::GoalExists { id } => t!("plan.goal_exists", id = id),
        PlanError::LearningExists { id } => t!("plan.learning_exists", id = id),
        PlanError::IdIsLearning { id } => t!("plan.id_is_learning", id = id),
        PlanError::IdIsGoal { id } => t!("plan.id_is_goal", id = id),
        PlanError::GoalEmptyTitle { id } => t!("plan.goal_empty_title", id = id),
        PlanError::LearningRequired { key } => t!("plan.learning_required", key = key),
        PlanError::LearningKept { key } => t!("plan.learning_kept", key = key),
        PlanError::BadPair { given } => t!("plan.bad_pair", given = given),
        PlanError::UnknownLearningKey { key } => t!("plan.unknown_learning_key", key = key),
    }
}

/// All but a missing plan and a plan written in a form fortb cannot change are about what
/// was typed on the command line (exit status 2).
pub fn is_usage(error: &PlanError) -> bool {
    !matches!(error, PlanError::NoPlan { .. } | PlanError::GoalNotTables)
}
