//! What a merge can fail on, and the names of the three versions it reads.

use std::fmt;

/// One of the three versions a merge reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Base => "base",
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        })
    }
}

/// Why a record could not be merged semantically. The caller then falls back to a line merge
/// (`git merge-file`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// One of the three versions is not valid TOML.
    #[error("the {side} version is not valid TOML: {message}")]
    Invalid { side: Side, message: String },
    /// The merge could not be written as valid TOML (a shape of document this merge does not
    /// handle; it never happens with records fortb writes).
    #[error("the merged record would not be valid TOML: {message}")]
    Unrepresentable { message: String },
}
