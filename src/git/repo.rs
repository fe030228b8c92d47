//! The few things fortb asks of git, through the `git` command: finding the repository,
//! registering the merge driver, committing exactly the files a command changed, and a
//! record's history.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::error::{Error, Result};
use crate::t;

/// The merge driver's entry in `.gitattributes`, relative to the project folder.
pub const ATTRIBUTES_LINE: &str = "initiatives/*.toml merge=fortb";

/// The command git runs to merge a record. Where fortb cannot be found (a machine without
/// it), git's own line merge runs instead, so the other side is never silently dropped.
pub const DRIVER: &str = "if command -v fortb >/dev/null 2>&1; \
    then fortb merge-driver %O %A %B %P; \
    else git merge-file -L ours -L base -L theirs %A %O %B; fi";

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
        let said = [&output.stderr, &output.stdout]
            .iter()
            .map(|bytes| String::from_utf8_lossy(bytes).trim().to_string())
            .find(|text| !text.is_empty())
            .unwrap_or_default();
        return Err(Error::Message(t!(
            "git.failed",
            command = args.join(" "),
            said = said
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).to_string())
}

/// Paths as git takes them from any working directory inside the repository.
fn absolute(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            std::path::absolute(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .to_string()
        })
        .collect()
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
    let name = t!("git.driver_name");
    git_ok(dir, &["config", "merge.fortb.name", &name])?;
    git_ok(dir, &["config", "merge.fortb.driver", DRIVER])?;
    Ok(())
}

/// Commits exactly `paths` with `message` in the repository holding `dir`; whatever else is
/// staged stays staged, uncommitted. Returns false when the files had nothing to commit.
pub fn commit_only(dir: &Path, paths: &[PathBuf], message: &str) -> Result<bool> {
    let names = absolute(paths);
    let with_names = |mut args: Vec<&'static str>| -> Vec<String> {
        let mut all: Vec<String> = args.drain(..).map(str::to_string).collect();
        all.extend(names.iter().cloned());
        all
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        git_ok(dir, &args)
    };
    run(with_names(vec!["add", "--"]))?;
    let check: Vec<String> = with_names(vec!["diff", "--cached", "--quiet", "HEAD", "--"]);
    let check: Vec<&str> = check.iter().map(String::as_str).collect();
    if git(dir, &check)?.status.success() {
        return Ok(false);
    }
    let mut commit = vec![
        "commit".to_string(),
        "--quiet".into(),
        "--only".into(),
        "-m".into(),
        message.to_string(),
        "--".into(),
    ];
    commit.extend(names.iter().cloned());
    run(commit).map(|_| true)
}

/// The history of one file, following renames; with `patch`, each change in full.
pub fn log(dir: &Path, path: &Path, patch: bool) -> Result<String> {
    let file = absolute(&[path.to_path_buf()]).remove(0);
    let mut args = vec![
        "log",
        "--follow",
        // A merge where both sides changed the record is part of its story too: shown with
        // what it brought into the branch merged into.
        "--diff-merges=first-parent",
        "--date=short",
        "--format=%h  %ad  %an%n    %s%n",
    ];
    args.push(if patch { "--patch" } else { "--no-patch" });
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
