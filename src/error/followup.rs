//! What goes wrong in the follow-up area (`src/followup/`), as data; phrased by
//! `crate::cli::error::followup`.

use std::path::PathBuf;

#[derive(Debug)]
pub enum FollowupError {
    /// The survey's answers were counted by another copy of the project: the private answers
    /// (kept in `dir`, outside git) are not here.
    CountedElsewhere { id: String, dir: &'static str },
    /// Not one of the export's columns is a question of any questionnaire the initiative may
    /// have used.
    NothingMatched { path: PathBuf },
}

/// Why a form tool's CSV export cannot be split into its columns.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// A quoted field that is never closed; `line` is the 1-based line where it opens.
    #[error("unterminated quoted field starting on line {line}")]
    UnterminatedQuote { line: usize },
    /// The header has no comma, semicolon or tab outside quotes, so the columns cannot be told
    /// apart; `guess` is the character that most likely separates them.
    #[error("no known delimiter in the header")]
    UnknownDelimiter { guess: Option<char> },
    /// A row whose number of fields differs from the header's; `line` is where the row starts.
    #[error("row on line {line} has {fields} fields, the header {header}")]
    RowWidth {
        line: usize,
        fields: usize,
        header: usize,
    },
}

impl CsvError {
    /// The 1-based line the error refers to.
    pub fn line(&self) -> usize {
        match self {
            CsvError::UnterminatedQuote { line } | CsvError::RowWidth { line, .. } => *line,
            CsvError::UnknownDelimiter { .. } => 1,
        }
    }
}
