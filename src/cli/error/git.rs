//! The words for [`GitError`], the errors of the git area.

use crate::error::GitError;

pub fn message(error: &GitError) -> String {
    match *error {}
}
