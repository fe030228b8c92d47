//! The errors fortb reports, each with the context the user needs to act on it. They are data:
//! each names its cause and carries what a message needs; `src/cli/error/` phrases them in the
//! user's language (docs/architecture.md, "The error path, from cause to message").

use std::path::{Path, PathBuf};

pub mod file;
pub mod followup;
pub mod git;
pub mod lookback;
pub mod model;
pub mod plan;
pub mod process;
pub mod record;

pub use followup::FollowupError;
pub use git::GitError;
pub use process::ProcessError;
pub use record::{Hint, Problem, RecordError};

/// A problem at a place in a file, shown as `path:line:column: message` (the message and the
/// hint are phrased by `src/cli/error/`).
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Boxed: problems vary in size, and every `Result` carries a diagnostic.
    pub problem: Box<Problem>,
    /// The offending line of the file, shown under the message by `fortb check`.
    pub source_line: Option<String>,
    /// Boxed like the problem, so a diagnostic stays small on every system (a Windows path
    /// is larger than a Unix one).
    pub hint: Option<Box<Hint>>,
}

impl Diagnostic {
    /// A diagnostic at a byte offset of `text`.
    pub fn at_offset(path: &Path, text: &str, offset: usize, problem: Problem) -> Diagnostic {
        let (line, column) = line_column(text, offset);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            problem: Box::new(problem),
            source_line: text.lines().nth(line - 1).map(str::to_string),
            hint: None,
        }
    }

    /// A problem with a folder or a file as a whole, which has no line to point at (a unit's
    /// folder that does not exist): shown as `path: message`.
    pub fn whole(path: &Path, problem: Problem) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            problem: Box::new(problem),
            source_line: None,
            hint: None,
        }
    }

    /// A problem with the whole file, at 1:1 and without a line to quote.
    pub fn whole_file(path: &Path, problem: Problem) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            problem: Box::new(problem),
            source_line: None,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Hint) -> Diagnostic {
        self.hint = Some(Box::new(hint));
        self
    }
}

/// A path as fortb shows it on every system: `initiatives/x.toml`, as git shows paths, so
/// messages, docs and scripts read the same on Windows (which takes `/` as well as `\`).
pub fn with_forward_slashes(path: &std::path::Path) -> std::path::PathBuf {
    match path.to_str() {
        Some(text) if std::path::MAIN_SEPARATOR != '/' => {
            std::path::PathBuf::from(text.replace(std::path::MAIN_SEPARATOR, "/"))
        }
        _ => path.to_path_buf(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Every error fortb ends a command with. No `Display`: the words are chosen in one place,
/// `crate::cli::error`, in the user's language.
#[derive(Debug)]
pub enum Error {
    /// Already phrased for the user in their language, by the command line.
    Message(String),
    /// A value on the command line that fortb cannot use (a date, a kind, a score), phrased
    /// for the user; it ends the run with status 2, like clap's own usage errors.
    Usage(String),
    /// A file that could not be parsed or validated.
    Invalid(Box<Diagnostic>),
    /// Several broken files, e.g. under `--strict`.
    InvalidMany(Vec<Diagnostic>),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Record(RecordError),
    Process(ProcessError),
    Followup(FollowupError),
    Git(GitError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A file that does not read, at the place `found` names (boxed: the diagnostic is large
    /// and every `Result` carries the error's size).
    pub fn invalid(found: Diagnostic) -> Error {
        Error::Invalid(Box::new(found))
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<RecordError> for Error {
    fn from(error: RecordError) -> Error {
        Error::Record(error)
    }
}

impl From<ProcessError> for Error {
    fn from(error: ProcessError) -> Error {
        Error::Process(error)
    }
}

impl From<FollowupError> for Error {
    fn from(error: FollowupError) -> Error {
        Error::Followup(error)
    }
}

impl From<GitError> for Error {
    fn from(error: GitError) -> Error {
        Error::Git(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbå = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // "bå = " : the column counts characters, not bytes
        assert_eq!(line_column(text, 6 + "bå ".len()), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
