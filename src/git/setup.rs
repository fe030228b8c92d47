//! Setting a project up for git: `.gitattributes` names the merge driver, the repository's
//! config registers it (a clone does not carry `.git/config`, so each clone runs this once),
//! and `.gitignore` leaves out fortb's temporary files.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::git::repo;
use crate::record::atomic;

/// fortb's temporary, lock and draft files, which never belong in a commit.
const GITIGNORE_LINES: &[&str] = &[
    "initiatives/.*.tmp",
    "initiatives/.*.lock",
    "initiatives/.*.edit.toml",
];

/// What fortb writes into git's files in the user's language, phrased by the command line.
pub struct Wording {
    /// The comment above fortb's line in `.gitattributes`.
    pub attributes: String,
    /// The comment above fortb's lines in `.gitignore`.
    pub gitignore: String,
    /// The merge driver's name in the repository's config.
    pub driver: String,
}

/// The whole setup, for `git-setup` and `init`. Returns the `.gitattributes` written.
pub fn set_up(root: &Path, wording: &Wording) -> Result<PathBuf> {
    let attributes = root.join(".gitattributes");
    add_lines(&attributes, &[repo::ATTRIBUTES_LINE], &wording.attributes)?;
    ignore_temporary_files(root, &wording.gitignore)?;
    repo::register_merge_driver(root, &wording.driver)?;
    Ok(attributes)
}

/// Adds fortb's temporary and lock files to `.gitignore` under `comment`, keeping what is
/// there.
pub fn ignore_temporary_files(dir: &Path, comment: &str) -> Result<()> {
    add_lines(&dir.join(".gitignore"), GITIGNORE_LINES, comment)
}

/// Appends the `lines` a file lacks under one `# comment`, keeping what is there.
fn add_lines(path: &Path, lines: &[&str], comment: &str) -> Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(Error::io(path, error)),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("# {comment}\n"));
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    atomic::write_file(path, &text)
}
