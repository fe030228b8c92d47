//! `fortb rename ID NEW-ID`: gives a record a new id — everything kept under the id moves
//! together, all or nothing, with `git mv` when git tracks a file, so `fortb log` follows the
//! record.

use std::path::PathBuf;
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
    let in_git = repo::top_level(&project.root).is_some();
    let renaming = files::rename(&project, &id, &args.new_id, |step| {
        Ok(in_git && repo::move_if_tracked(&project.root, step)?)
    })?;
    let new_id = &renaming.new_id;
    let record = project.record_path(new_id);
    output::print(&format!("{}\n", display_path(&record).display()));
    output::note(&t!("rename.done", id = id, new_id = new_id));
    let mut paths: Vec<PathBuf> = renaming
        .moves
        .iter()
        .filter(|m| m.part.in_repository())
        .flat_map(|m| [m.from.clone(), m.to.clone()])
        .collect();
    if in_git {
        // After an earlier rename not yet committed, the last commit still has the record under
        // its earlier name: committing only the new name would leave both in the repository.
        let renamed: Vec<PathBuf> = paths.iter().skip(1).step_by(2).cloned().collect();
        let earlier = repo::earlier_names(&project.root, &renamed)?;
        paths.extend(earlier.into_iter().map(|(_, before)| before));
        paths.sort();
        paths.dedup();
    }
    context.commit(
        &project,
        &paths,
        t!("commit.rename", id = id, new_id = new_id),
    )?;
    Ok(ExitCode::SUCCESS)
}
