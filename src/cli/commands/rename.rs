//! `fortb rename ID NEW-ID`: gives a record a new id — its file and the files beside it move
//! together, with `git mv` when git tracks them, so `fortb log` follows the record.

use std::process::ExitCode;

use crate::cli::args::RenameArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::Result;
use crate::git::repo;
use crate::record::files;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &RenameArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, _) = store::resolve(&project, &args.id)?;
    let (new_id, moves) = files::rename_plan(&project, &id, &args.new_id)?;
    let in_git = repo::top_level(&project.root).is_some();
    files::move_all(&moves, |moves| {
        if in_git {
            repo::move_tracked(&project.root, moves)
        } else {
            Ok(moves.to_vec())
        }
    })?;
    let record = project.record_path(&new_id);
    output::print(&format!("{}\n", display_path(&record).display()));
    output::note(&t!("rename.done", id = id, new_id = new_id));
    let paths: Vec<_> = moves
        .iter()
        .flat_map(|m| [m.from.clone(), m.to.clone()])
        .collect();
    context.commit(
        &project,
        &paths,
        t!("commit.rename", id = id, new_id = new_id),
    )?;
    Ok(ExitCode::SUCCESS)
}
