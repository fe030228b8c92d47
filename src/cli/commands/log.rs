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
    // A removed record's exact id comes before another record it is the beginning of: after
    // `remove bok`, `fortb log bok` shows bok's history, not bok-2's.
    let (id, path) = match store::resolve(&project, &args.id) {
        Ok((id, path)) if id == given_id(&args.id) => (id, path),
        resolved => match removed_record(&project, &args.id) {
            Some(found) => found,
            None => resolved?,
        },
    };
    let history = repo::log(&project.root, &path, args.patch)?;
    if history.trim().is_empty() {
        output::note(&t!("git.no_history", id = id));
    } else {
        output::print(&history);
    }
    Ok(ExitCode::SUCCESS)
}

/// The id a user typed, without a folder or `.toml`.
fn given_id(given: &str) -> &str {
    let id = given.trim().trim_end_matches(".toml");
    id.rsplit(['/', '\\']).next().unwrap_or(id)
}

/// A record that is gone from the folder but not from git: removed, or renamed away.
fn removed_record(project: &Project, given: &str) -> Option<(String, PathBuf)> {
    let id = given_id(given).to_string();
    let path = project.record_path(&id);
    let history = repo::log(&project.root, &path, false).ok()?;
    if history.trim().is_empty() {
        return None;
    }
    output::note(&t!("git.removed_record", id = id));
    Some((id, path))
}
