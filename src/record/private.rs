//! The project's private folder, `.fortb/` next to `fortb.toml`: what fortb keeps for itself
//! and never puts in git (survey answers waiting for enough people, the fingerprint key, the
//! indexes and caches that spare work).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::record::atomic;
use crate::t;

/// The project's private folder, next to `fortb.toml`.
pub const PRIVATE_DIR: &str = ".fortb";

/// The private folder of the project at `root`, created with a `.gitignore` that keeps all of
/// it out of git (whatever the project's own `.gitignore` says).
pub fn private_dir(root: &Path) -> Result<PathBuf> {
    let dir = root.join(PRIVATE_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        atomic::create_new(&ignore, &format!("# {}\n*\n", t!("survey.private_ignore")))?;
    }
    Ok(dir)
}
