//! `fortb log ID`: a record's history from git — who changed it, when, and the commit
//! message — following renames; `--patch` shows each change.

use std::process::ExitCode;

use crate::cli::args::LogArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::repo;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &LogArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    if repo::top_level(&project.root).is_none() {
        return Err(Error::Message(t!(
            "git.not_a_repository",
            dir = display_path(&project.root).display()
        )));
    }
    let history = repo::log(&project.root, &path, args.patch)?;
    if history.trim().is_empty() {
        output::note(&t!("git.no_history", id = id));
    } else {
        output::print(&history);
    }
    Ok(ExitCode::SUCCESS)
}
