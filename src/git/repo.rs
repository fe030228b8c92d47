//! The few things fortb asks of git, through the `git` command: finding the repository,
//! registering the merge driver, committing exactly the files a command changed, and a
//! record's history.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::error::{Error, Result};
use crate::record::files::Move;
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

/// Whether git knows who commits here: a name and an e-mail address it may use, set or
/// guessed. Without them every `git commit` stops with git's "Author identity unknown".
pub fn has_identity(dir: &Path) -> bool {
    ["GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"]
        .iter()
        .all(|ident| git(dir, &["var", ident]).is_ok_and(|output| output.status.success()))
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
/// staged stays staged, uncommitted. A path no longer on disk commits its removal (a record
/// removed or renamed). Returns false when the files had nothing to commit.
pub fn commit_only(dir: &Path, paths: &[PathBuf], message: &str) -> Result<bool> {
    let (present, gone): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|path| path.exists());
    let gone: Vec<PathBuf> = gone.into_iter().filter(|p| known(dir, p)).collect();
    let run = |start: &[&str], paths: &[PathBuf]| -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let names = absolute(paths);
        let args: Vec<&str> = start
            .iter()
            .copied()
            .chain(names.iter().map(String::as_str))
            .collect();
        git_ok(dir, &args).map(|_| ())
    };
    run(&["add", "--"], &present)?;
    run(
        &["rm", "--cached", "--quiet", "--ignore-unmatch", "--"],
        &gone,
    )?;
    // A file only staged (a rename not yet committed) is now simply gone; one the last commit
    // has is committed as removed.
    let gone: Vec<PathBuf> = gone.into_iter().filter(|p| known(dir, p)).collect();
    let names = absolute(&[present, gone].concat());
    if names.is_empty() {
        return Ok(false);
    }
    let mut check = vec!["diff", "--cached", "--quiet", "HEAD", "--"];
    check.extend(names.iter().map(String::as_str));
    if git(dir, &check)?.status.success() {
        return Ok(false);
    }
    let mut commit = vec!["commit", "--quiet", "--only", "-m", message, "--"];
    commit.extend(names.iter().map(String::as_str));
    git_ok(dir, &commit).map(|_| true)
}

/// Whether git knows the file: committed or staged.
fn known(dir: &Path, path: &Path) -> bool {
    let name = absolute(&[path.to_path_buf()]).remove(0);
    let args = [
        "ls-files",
        "--error-unmatch",
        "--with-tree=HEAD",
        "--",
        &name,
    ];
    git(dir, &args).is_ok_and(|output| output.status.success())
}

/// Moves the file with `git mv` when git tracks it, so its history follows it under the new
/// name; returns whether it did.
pub fn move_if_tracked(dir: &Path, step: &Move) -> Result<bool> {
    let names = absolute(&[step.from.clone(), step.to.clone()]);
    let tracked = git(dir, &["ls-files", "--error-unmatch", "--", &names[0]])?
        .status
        .success();
    if tracked {
        git_ok(dir, &["mv", "--", &names[0], &names[1]])?;
    }
    Ok(tracked)
}

/// The names the files at `paths` (inside `dir`) had at the last commit, where git has the
/// change staged as a rename (`fortb rename` not yet committed, perhaps twice): each path with
/// its earlier name.
pub fn earlier_names(dir: &Path, paths: &[PathBuf]) -> Result<Vec<(PathBuf, PathBuf)>> {
    let Ok(staged) = git_ok(
        dir,
        &[
            "diff",
            "--cached",
            "--relative",
            "--find-renames",
            "--name-status",
            "-z",
            "HEAD",
        ],
    ) else {
        // No commit yet: nothing had a name before.
        return Ok(Vec::new());
    };
    let mut fields = staged.split('\0');
    let mut renames = Vec::new();
    while let Some(status) = fields.next() {
        let Some(old) = fields.next() else { break };
        if !status.starts_with('R') {
            continue;
        }
        let Some(now) = fields.next() else { break };
        if let Some(path) = paths.iter().find(|p| relative(dir, p) == Path::new(now)) {
            renames.push((path.clone(), dir.join(old)));
        }
    }
    Ok(renames)
}

/// `path` as given relative to `dir`, when it is inside it.
fn relative<'a>(dir: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(dir).unwrap_or(path)
}

/// Whether any commit has held a file at `path`: then `git log` (and `fortb log`) finds it
/// there, also once the file is gone.
pub fn has_history(dir: &Path, path: &Path) -> bool {
    let name = absolute(&[path.to_path_buf()]).remove(0);
    git_ok(dir, &["log", "-1", "--format=%H", "--", &name]).is_ok_and(|out| !out.trim().is_empty())
}

/// Whether the file at `path` is exactly as the last commit has it at `committed_as` (the same
/// path, or its name before a rename not yet committed), as git sees it (line endings included).
pub fn same_as_committed(dir: &Path, path: &Path, committed_as: &Path) -> Result<bool> {
    let spec = format!(
        "HEAD:./{}",
        relative(dir, committed_as)
            .to_string_lossy()
            .replace('\\', "/")
    );
    let output = git(dir, &["rev-parse", "--verify", "--quiet", &spec])?;
    if !output.status.success() {
        return Ok(false);
    }
    let name = absolute(&[path.to_path_buf()]).remove(0);
    let now = git_ok(dir, &["hash-object", "--", &name])?;
    Ok(String::from_utf8_lossy(&output.stdout).trim() == now.trim())
}

/// How a file in the repository has changed: by how many commits, the last one when (seconds
/// since 1970, UTC), and whether it has changed since.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Revisions {
    pub commits: u32,
    pub last_commit: i64,
    pub changed_since: bool,
}

/// The [`Revisions`] of every file under `paths` (relative to `dir`), keyed by its
/// `/`-separated path from `dir`, from two git commands for them all. Empty outside a
/// repository or where git is missing: nothing is known then.
pub fn revisions(dir: &Path, paths: &[&str]) -> HashMap<String, Revisions> {
    let mut files: HashMap<String, Revisions> = HashMap::new();
    let mut args = vec!["log", "--relative", "--format=@%ct", "--name-only", "--"];
    args.extend(paths);
    let Ok(log) = git_ok(dir, &args) else {
        return files;
    };
    let mut time = 0;
    for line in log.lines().filter(|l| !l.is_empty()) {
        if let Some(seconds) = line.strip_prefix('@') {
            time = seconds.parse().unwrap_or(0);
            continue;
        }
        let file = files.entry(line.to_string()).or_default();
        file.commits += 1;
        // newest first: the first commit seen is the last one
        file.last_commit = file.last_commit.max(time);
    }
    let mut args = vec!["diff", "--relative", "--name-only", "HEAD", "--"];
    args.extend(paths);
    for line in git_ok(dir, &args).unwrap_or_default().lines() {
        files.entry(line.to_string()).or_default().changed_since = true;
    }
    files
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
