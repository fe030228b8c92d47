//! What goes wrong writing a file (`src/record/atomic.rs` and its callers), as data; phrased
//! by `crate::cli::error::file`.

use std::path::PathBuf;

use super::{Error, RecordError};

#[derive(Debug)]
pub enum FileError {
    /// A file that is a symbolic link is not written through.
    Symlink {
        path: PathBuf,
    },
    /// Not a regular file (a device, a pipe) where one is to be replaced.
    NotRegular {
        path: PathBuf,
    },
    ReadOnly {
        path: PathBuf,
    },
    /// Another program holds the file, still after `seconds`.
    Held {
        path: PathBuf,
        seconds: u64,
    },
    /// An export asked to write over a folder.
    ExportIsFolder {
        path: PathBuf,
    },
    /// Where a folder is wanted, something else is.
    NotAFolder {
        path: PathBuf,
    },
    /// A text of `size` bytes, larger than fortb reads back (`limit`).
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The same for the private survey answers.
    PrivateTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// Another fortb held the file's lock for `seconds`.
    LockTimeout {
        path: PathBuf,
        seconds: u64,
    },
    LockSymlink {
        path: PathBuf,
    },
    /// An export asked to write over one of the project's own files.
    ProjectFile {
        path: PathBuf,
    },
    /// Values the TOML writer refused, in its own words (English).
    Unwritable {
        reason: String,
    },
    /// The private survey key in `path` is not one fortb wrote.
    BadSurveyKey {
        path: PathBuf,
    },
}

impl From<FileError> for Error {
    fn from(error: FileError) -> Error {
        Error::Record(RecordError::File(error))
    }
}
