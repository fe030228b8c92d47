//! `fortb log ID`: a record's history from git — who changed it, when, and the commit
//! message — following renames; `--patch` shows each change.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::args::LogArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::repo;
use crate::record::project::{display_path, Project};
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &LogArgs) -> Result<ExitCode> {
    let project = context.project()?;
    if repo::top_level(&project.root).is_none() {
        return Err(Error::Message(t!(
            "git.not_a_repository",
            dir = display_path(&project.root).display()
        )));
    }
    let (id, path) = match store::resolve(&project, &args.id) {
        Ok(found) => found,
        Err(error) => removed_record(&project, &args.id).ok_or(error)?,
    };
    let history = repo::log(&project.root, &path, args.patch)?;
    if history.trim().is_empty() {
        output::note(&t!("git.no_history", id = id));
    } else {
        output::print(&history);
    }
    Ok(ExitCode::SUCCESS)
}

/// A record that is gone from the folder but not from git: removed, or renamed away.
fn removed_record(project: &Project, given: &str) -> Option<(String, PathBuf)> {
    let id = given.trim().trim_end_matches(".toml");
    let id = id.rsplit(['/', '\\']).next().unwrap_or(id).to_string();
    let path = project.record_path(&id);
    let history = repo::log(&project.root, &path, false).ok()?;
    if history.trim().is_empty() {
        return None;
    }
    output::note(&t!("git.removed_record", id = id));
    Some((id, path))
}
