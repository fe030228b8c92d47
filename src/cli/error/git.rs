//! The words for [`GitError`], the errors of the git area.

use crate::error::GitError;
use crate::t;

pub fn message(error: &GitError) -> String {
    match error {
        GitError::NotFound(reason) => t!("git.not_found", reason = reason),
        GitError::Failed { command, said } => t!("git.failed", command = command, said = said),
    }
}
