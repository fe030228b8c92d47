//! What goes wrong in the git area (`src/git/`), as data; phrased by `crate::cli::error::git`.

#[derive(Debug)]
pub enum GitError {}
