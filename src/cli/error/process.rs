//! The words for [`ProcessError`], the errors of the process area.

use crate::error::ProcessError;

pub fn message(error: &ProcessError) -> String {
    match *error {}
}
