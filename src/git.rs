//! The few things fortb asks of git, through the `git` command: finding the repository,
//! registering the merge driver, committing exactly the files a command changed, and a
//! record's history.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::error::{Error, Result};
use crate::t;

/// The merge driver's entry in `.gitattributes`, relative to the project folder.
pub const ATTRIBUTES_LINE: &str = "initiatives/*.toml merge=fortb";

fn git(dir: &Path, args: &[&str]) -> Result<Output> {
    Command::new("git")
        .args(args)
        .current_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .output()
        .map_err(|error| Error::Message(t!("git.not_found", reason = error)))
}

fn git_ok(dir: &Path, args: &[&str]) -> Result<String> {
    let output = git(dir, args)?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(Error::Message(t!(
            "git.failed",
            command = args.join(" "),
            said = said
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).to_string())
}

/// The top folder of the repository holding `dir`, if any. `.git` may be a folder or, in a
/// worktree or submodule, a file; git itself knows.
pub fn top_level(dir: &Path) -> Option<PathBuf> {
    let output = git(dir, &["rev-parse", "--show-toplevel"]).ok()?;
    output
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}

pub fn init(dir: &Path) -> Result<()> {
    git_ok(dir, &["init", "--quiet"]).map(|_| ())
}

/// Registers `fortb merge-driver` for this repository (clones do not carry `.git/config`).
pub fn register_merge_driver(dir: &Path) -> Result<()> {
    git_ok(
        dir,
        &[
            "config",
            "merge.fortb.name",
            "fortb: merges initiative records as data",
        ],
    )?;
    git_ok(
        dir,
        &[
            "config",
            "merge.fortb.driver",
            "fortb merge-driver %O %A %B %P",
        ],
    )?;
    Ok(())
}

/// Commits exactly `paths` with `message`; whatever else is staged stays staged, uncommitted.
pub fn commit_only(dir: &Path, paths: &[PathBuf], message: &str) -> Result<()> {
    let mut add = vec!["add", "--"];
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().to_string())
        .collect();
    add.extend(names.iter().map(String::as_str));
    git_ok(dir, &add)?;
    let mut commit = vec!["commit", "--quiet", "--only", "-m", message, "--"];
    commit.extend(names.iter().map(String::as_str));
    git_ok(dir, &commit).map(|_| ())
}

/// The history of one file, following renames; with `patch`, each change in full.
pub fn log(dir: &Path, path: &Path, patch: bool) -> Result<String> {
    let file = path.to_string_lossy().to_string();
    let mut args = vec![
        "log",
        "--follow",
        "--date=short",
        "--format=%h  %ad  %an%n    %s%n",
    ];
    if patch {
        args.push("--patch");
    }
    args.push("--");
    args.push(&file);
    git_ok(dir, &args)
}

/// git's own line-by-line merge of `ours` with `theirs` over `base`, written into `ours`.
/// Returns whether it merged cleanly.
pub fn merge_file(ours: &Path, base: &Path, theirs: &Path) -> Result<bool> {
    let (o, b, t) = (
        ours.to_string_lossy(),
        base.to_string_lossy(),
        theirs.to_string_lossy(),
    );
    let output = git(
        Path::new("."),
        &[
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            &o,
            &b,
            &t,
        ],
    )?;
    match output.status.code() {
        Some(0) => Ok(true),
        Some(n) if n > 0 => Ok(false),
        _ => Err(Error::Message(t!(
            "git.failed",
            command = "merge-file",
            said = String::from_utf8_lossy(&output.stderr).trim()
        ))),
    }
}
