//! The files that make up one record — `<id>.toml` and what lives beside it under the same id
//! (`<id>.survey.md`) — renamed or removed together, so no part is left behind.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::slug;
use crate::record::atomic;
use crate::record::project::{display_path, Project};
use crate::t;

/// What a file beside the record ends in, after the id.
const SIDE_FILES: &[&str] = &["survey.md"];

/// The record's files that exist: the record first, then its side files.
pub fn of(project: &Project, id: &str) -> Vec<PathBuf> {
    let record = project.record_path(id);
    let dir = project.initiatives_dir();
    std::iter::once(record)
        .chain(SIDE_FILES.iter().map(|end| dir.join(format!("{id}.{end}"))))
        .filter(|path| path.exists())
        .collect()
}

/// Where each file of `id` goes when it becomes `new_id`. The new id is made the way `new`
/// makes one, so `"Bokcirkel hösten"` gives `bokcirkel-hosten`; it must be free.
pub fn rename_plan(project: &Project, id: &str, new_id: &str) -> Result<(String, Vec<Move>)> {
    let new_id = slug::slugify(new_id);
    if new_id == id {
        return Err(Error::Usage(t!("rename.same_id", id = id)));
    }
    let draft = project.initiatives_dir().join(format!(".{id}.edit.toml"));
    if draft.exists() {
        return Err(Error::Message(t!(
            "rename.draft_open",
            id = id,
            draft = display_path(&draft).display()
        )));
    }
    let moves: Vec<Move> = of(project, id)
        .into_iter()
        .map(|from| {
            let name = from
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let rest = &name[id.len()..];
            let to = from.with_file_name(format!("{new_id}{rest}"));
            Move { from, to }
        })
        .collect();
    if let Some(taken) = moves.iter().find(|m| m.to.exists()) {
        return Err(Error::Message(t!(
            "rename.taken",
            id = new_id,
            path = display_path(&taken.to).display()
        )));
    }
    Ok((new_id, moves))
}

/// One file's old and new place.
#[derive(Clone, Debug)]
pub struct Move {
    pub from: PathBuf,
    pub to: PathBuf,
}

/// Moves the files, holding the record's lock meanwhile: first those `tracked_mover` takes
/// (git's `git mv`, so history follows them), then the rest on disk, the record last. A file
/// that appeared at a new place since the plan was made is never overwritten.
pub fn move_all(
    moves: &[Move],
    tracked_mover: impl FnOnce(&[Move]) -> Result<Vec<Move>>,
) -> Result<()> {
    let Some(record) = moves.first() else {
        return Ok(());
    };
    let _lock = atomic::lock(&record.from)?;
    if let Some(taken) = moves.iter().find(|m| m.to.exists()) {
        return Err(Error::Message(t!(
            "rename.file_taken",
            path = display_path(&taken.to).display()
        )));
    }
    let left = tracked_mover(moves)?;
    for step in left.iter().rev() {
        std::fs::rename(&step.from, &step.to).map_err(|e| Error::io(&step.from, e))?;
    }
    Ok(())
}

/// Deletes the record's files, the record last, so an interrupted removal leaves it findable.
pub fn remove_all(paths: &[PathBuf]) -> Result<()> {
    let Some(record) = paths.first() else {
        return Ok(());
    };
    let _lock = atomic::lock(record)?;
    for path in paths.iter().rev() {
        std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}
