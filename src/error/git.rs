//! What goes wrong in the git area (`src/git/`), as data; phrased by `crate::cli::error::git`.

#[derive(Debug)]
pub enum GitError {
    /// The `git` command could not be run (not installed, not on the path).
    NotFound(std::io::Error),
    /// git ran `command` and refused, saying `said`.
    Failed { command: String, said: String },
}
