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
