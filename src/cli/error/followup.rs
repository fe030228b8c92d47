//! The words for [`FollowupError`], the errors of the followup area.

use crate::error::FollowupError;

pub fn message(error: &FollowupError) -> String {
    match *error {}
}
