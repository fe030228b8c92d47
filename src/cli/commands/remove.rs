//! `fortb remove ID`: removes a record and the files beside it, after asking (or with
//! `--yes`). In git the record stays in the history, where `fortb log ID` finds it.

use std::process::ExitCode;

use crate::cli::args::RemoveArgs;
use crate::cli::commands::Context;
use crate::cli::interview;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::repo;
use crate::record::files;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &RemoveArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let title = store::load(&id, &path)
        .map(|initiative| initiative.record.title)
        .unwrap_or_else(|_| id.clone());
    if !args.yes {
        if !output::interactive() {
            return Err(Error::Usage(t!("remove.needs_yes", id = id)));
        }
        let prompt = t!("remove.confirm", id = id, title = title);
        if !interview::confirm(interview::theme().as_ref(), &prompt, false)? {
            output::note(&t!("remove.kept", id = id));
            return Ok(ExitCode::SUCCESS);
        }
    }
    let paths = files::of(&project, &id);
    files::remove_all(&paths)?;
    let in_git = repo::top_level(&project.root).is_some();
    output::note(&if in_git {
        t!("remove.done_git", id = id, title = title)
    } else {
        t!("remove.done", id = id, title = title)
    });
    context.commit(&project, &paths, t!("commit.remove", id = id))?;
    Ok(ExitCode::SUCCESS)
}
