//! What goes wrong reading and writing a project's files (`src/record/`), as data; phrased by
//! `crate::cli::error::record`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Diagnostic, Error};

/// An error of the record layer that is not tied to a place in a file.
#[derive(Debug)]
pub enum RecordError {
    /// A record that does not read is not changed: it is mended first.
    RefuseBroken(Box<Diagnostic>),
    /// The same for a file other than a record (the plan, a unit plan).
    RefuseBrokenFile(Box<Diagnostic>),
    /// A change that would leave `path` unreadable is not written.
    UnreadableChange {
        path: PathBuf,
        problem: Problem,
    },
    /// A rename failed with `error`, and the files in `stuck` could not be moved back.
    UndoFailed {
        error: Box<Error>,
        stuck: Vec<String>,
    },
    /// `unit add ""`: an empty folder name.
    EmptyUnitPath,
    /// A folder offered as a unit (`path` as the user gave it) that cannot be one.
    UnitIsOrganiser {
        path: String,
    },
    UnitNotAProject {
        path: String,
    },
    UnitHasUnits {
        path: String,
    },
    /// `[organisation]` or its `units` in a `fortb.toml` is not a table or list to add to.
    OrganisationNotTable,
}

/// What is wrong at a place in a file: the message of a [`Diagnostic`].
#[derive(Clone, Debug)]
pub enum Problem {
    /// The TOML reader's or serde's own words (in English), put into the user's language when
    /// shown.
    Reader(String),
    NotUtf8,
    IsDirectory,
    NotRegular,
    TooLarge {
        size: u64,
        limit: u64,
    },
    ConflictMarker,
    /// The file at `path` could not be read at all: the error's message without the path.
    Unreadable {
        path: Box<Path>,
        error: Arc<Error>,
    },
    /// Something the file needs could not be had (its process model): the error's message.
    Failed(Arc<Error>),
    /// A required field the file lacks.
    MissingField {
        field: String,
    },
    /// A problem with the value of `field` (a dotted path, `recall.1.by`), led by the field's
    /// name unless the message names it already. (Boxed, like `Unreadable`'s path, to keep
    /// every `Result` small.)
    InField {
        field: Box<str>,
        problem: Box<Problem>,
    },
    /// Text already phrased for the user (a step on the way to data: to be converted).
    Text(String),
}

impl Problem {
    /// The field the TOML reader says is missing, if that is what it says.
    pub fn missing_field(&self) -> Option<&str> {
        match self {
            Problem::Reader(text) => text
                .strip_prefix("missing field")
                .and_then(|rest| rest.split('`').nth(1)),
            _ => None,
        }
    }
}

/// A field's dotted path as a person reads it: without the numbers of `[[recall]]` entries.
pub fn shown_field(field: &str) -> String {
    field
        .split('.')
        .filter(|part| part.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join(".")
}

/// The advice shown under a [`Diagnostic`].
#[derive(Clone, Debug)]
pub enum Hint {
    ConflictMarker,
    /// Text already phrased for the user (a step on the way to data: to be converted).
    Text(String),
}
