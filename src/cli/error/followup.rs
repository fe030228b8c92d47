//! The words for [`FollowupError`], the errors of the follow-up area.

use crate::error::FollowupError;
use crate::t;

pub fn message(error: &FollowupError) -> String {
    match error {
        FollowupError::CountedElsewhere { id, dir } => {
            t!("survey.counted_elsewhere", id = id, dir = dir)
        }
        FollowupError::NothingMatched { path } => {
            t!("survey.nothing_matched", path = path.display())
        }
    }
}
