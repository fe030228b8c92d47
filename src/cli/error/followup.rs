//! The words for [`FollowupError`], the errors of the follow-up area.

use crate::error::followup::CsvError;
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

/// Says what a CSV that does not fit is missing.
pub fn csv_problem(error: &CsvError) -> String {
    match error {
        CsvError::UnterminatedQuote { .. } => t!("survey.bad_csv"),
        CsvError::UnknownDelimiter { guess: Some(guess) } => {
            t!("survey.unknown_delimiter_guess", guess = guess)
        }
        CsvError::UnknownDelimiter { guess: None } => t!("survey.unknown_delimiter"),
        CsvError::RowWidth { fields, header, .. } => {
            t!("survey.row_width", fields = fields, header = header)
        }
    }
}
