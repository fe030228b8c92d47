//! The errors fortb reports, each with the context the user needs to act on it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::t;

pub mod model;

/// A problem at a place in a file: printed as `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending line of the file, shown under the message by `fortb check`.
    pub source_line: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at a byte offset of `text`.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: String) -> Diagnostic {
        let (line, column) = line_column(text, offset);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message,
            source_line: text.lines().nth(line - 1).map(str::to_string),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            with_forward_slashes(&self.path).display(),
            self.line,
            self.column,
            self.message
        )
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

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Already phrased for the user in their language.
    Message(String),
    /// A value on the command line that fortb cannot use (a date, a kind, a score), phrased
    /// for the user; it ends the run with status 2, like clap's own usage errors.
    Usage(String),
    /// A file that could not be parsed or validated.
    Invalid(Diagnostic),
    /// Several broken files, e.g. under `--strict`.
    InvalidMany(Vec<Diagnostic>),
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// What went wrong with a file, in the user's language for the common cases.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => t!("io.not_found"),
        ErrorKind::PermissionDenied => t!("io.permission_denied"),
        ErrorKind::InvalidData => t!("io.not_utf8"),
        ErrorKind::IsADirectory => t!("io.is_a_directory"),
        ErrorKind::NotADirectory => t!("io.not_a_directory"),
        ErrorKind::AlreadyExists => t!("io.already_exists"),
        ErrorKind::StorageFull => t!("io.disk_full"),
        ErrorKind::ReadOnlyFilesystem => t!("io.read_only"),
        // The system's own words, in English, for the rare rest.
        _ => error.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Message(message) | Error::Usage(message) => f.write_str(message),
            Error::Invalid(diagnostic) => write!(f, "{diagnostic}"),
            Error::InvalidMany(diagnostics) => {
                let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            Error::Io { path, source } => {
                let reason = io_reason(source);
                write!(f, "{}: {}", with_forward_slashes(path).display(), reason)
            }
        }
    }
}

/// `bail!("key", name = value)`: return a catalogue message as an error.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)+) => {
        return Err($crate::error::Error::Message($crate::t!($($arg)+)))
    };
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
