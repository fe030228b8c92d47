//! Everything kept under one record's id — `<id>.toml`, the survey rounds' free text beside it
//! (`<id>.survey.md`, `<id>.survey-90.md`), an unfinished edit (`.<id>.edit.toml` and its
//! base) and the private survey answers (`.fortb/surveys/<id>/`) — renamed or removed together,
//! so no part is left behind for a later record of that id to take in.

use std::path::{Path, PathBuf};

use crate::error::{Error, RecordError, Result};
use crate::model::slug;
use crate::record::atomic;
use crate::record::project::{display_path, Project};
use crate::record::{private, survey};

/// What a file or folder kept under an id is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Record,
    /// A survey round's free text, `<id>.survey.md` or `<id>.survey-<round>.md`, in git.
    RoundText,
    /// `fortb edit`'s draft or the record as it was when the draft was made; never in git.
    Draft,
    /// `.fortb/surveys/<id>/`: answers and fingerprints that stay out of git.
    PrivateAnswers,
}

impl Part {
    /// Whether git may hold it: the others are kept out of the repository.
    pub fn in_repository(self) -> bool {
        matches!(self, Part::Record | Part::RoundText)
    }
}

/// One file or folder kept under an id.
#[derive(Clone, Debug)]
pub struct Piece {
    pub part: Part,
    pub path: PathBuf,
}

/// `initiatives/.<id>.edit.toml`: `fortb edit`'s draft of the record at `record`. Hidden, so no
/// command takes it for a record, and ending in `.toml`, so the editor highlights it.
pub fn draft_path(record: &Path) -> PathBuf {
    hidden_beside(record, "edit.toml")
}

/// `initiatives/.<id>.base.edit.toml`: the record as it was when the draft was made. Named
/// like a draft, so the same `.gitignore` line leaves it out.
pub fn draft_base_path(record: &Path) -> PathBuf {
    hidden_beside(record, "base.edit.toml")
}

/// `.<id>.<ending>` beside the record.
fn hidden_beside(record: &Path, ending: &str) -> PathBuf {
    let stem = record
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("record");
    record.with_file_name(format!(".{stem}.{ending}"))
}

/// Everything kept under `id` that exists (a link counts, whatever it points to): the record
/// first, then the rounds' free text, the draft and the private answers.
pub fn of(project: &Project, id: &str) -> Vec<Piece> {
    let record = project.record_path(id);
    let mut rounds: Vec<PathBuf> = std::fs::read_dir(project.initiatives_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| is_round_text(name, id))
        })
        .map(|entry| entry.path())
        .collect();
    rounds.sort();
    let piece = |part, path| Piece { part, path };
    std::iter::once(piece(Part::Record, record.clone()))
        .chain(rounds.into_iter().map(|path| piece(Part::RoundText, path)))
        .chain([
            piece(Part::Draft, draft_path(&record)),
            piece(Part::Draft, draft_base_path(&record)),
            piece(
                Part::PrivateAnswers,
                survey::private_answers_dir(&project.root, id),
            ),
        ])
        .filter(|piece| piece.path.symlink_metadata().is_ok())
        .collect()
}

/// What is kept under ids that have no record (a round's free text, an edit's draft, private
/// answers), each with its id: left by a record deleted by hand, or copied in. A later record
/// of that id would take them in.
pub fn without_record(project: &Project) -> Vec<(String, Piece)> {
    let beside = std::fs::read_dir(project.initiatives_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| id_of_side_file(&name));
    let private = project.root.join(private::PRIVATE_DIR).join("surveys");
    let answered = std::fs::read_dir(private)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok());
    let mut ids: Vec<String> = beside.chain(answered).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter(|id| !project.record_path(id).exists())
        .flat_map(|id| of(project, &id).into_iter().map(move |p| (id.clone(), p)))
        .collect()
}

/// The id a file beside the records is kept under, when it is a round's free text or a draft.
fn id_of_side_file(name: &str) -> Option<String> {
    if let Some(hidden) = name.strip_prefix('.') {
        let id = hidden
            .strip_suffix(".base.edit.toml")
            .or_else(|| hidden.strip_suffix(".edit.toml"))?;
        return Some(id.to_string());
    }
    let id = &name[..name.find(".survey")?];
    is_round_text(name, id).then(|| id.to_string())
}

/// `<id>.survey.md` or `<id>.survey-<round>.md`. A round has no dot, so the files of a record
/// `bok.v2.toml` are never taken for those of `bok`.
fn is_round_text(name: &str, id: &str) -> bool {
    let Some(round) = name
        .strip_prefix(id)
        .and_then(|rest| rest.strip_prefix(".survey"))
        .and_then(|rest| rest.strip_suffix(".md"))
    else {
        return false;
    };
    round.is_empty()
        || round
            .strip_prefix('-')
            .is_some_and(|key| !key.is_empty() && !key.contains('.'))
}

/// A record's new id and where each of its pieces went.
#[derive(Clone, Debug)]
pub struct Renaming {
    pub new_id: String,
    /// The record first, as [`of`] lists them.
    pub moves: Vec<Move>,
}

/// One piece's old and new place.
#[derive(Clone, Debug)]
pub struct Move {
    pub part: Part,
    pub from: PathBuf,
    pub to: PathBuf,
}

/// Gives record `id` the id made from `new_id` the way `new` makes one (`"Bokcirkel hösten"`
/// gives `bokcirkel-hosten`), moving every piece kept under it, all or none. Nothing may be kept
/// under the new id yet, not even what a removed record left. It holds the locks of both ids'
/// records, the new one's as `new` does, so of two renames onto one id the second finds it
/// taken, and lists the pieces under them; a file is never moved over another. `git_move`
/// moves a piece git tracks (saying whether it did), so its history follows it. The record
/// moves last; when a move fails, those done are undone. A record renamed or removed by another
/// fortb since it was found is no longer there to rename.
pub fn rename(
    project: &Project,
    id: &str,
    new_id: &str,
    git_move: impl Fn(&Move) -> Result<bool>,
) -> Result<Renaming> {
    let new_id = slug::slugify(new_id);
    if new_id == id {
        let id = id.to_string();
        return Err(RecordError::SameId { id }.into());
    }
    refuse_taken(project, &new_id)?;
    let mut records = [project.record_path(id), project.record_path(&new_id)];
    // One order for every fortb, so that two renames never each hold what the other waits for.
    records.sort();
    let _locks = [atomic::lock(&records[0])?, atomic::lock(&records[1])?];
    refuse_taken(project, &new_id)?;
    let moves = moves(project, id, &new_id);
    if moves.first().is_none_or(|step| step.part != Part::Record) {
        return Err(unknown(id));
    }
    let mut done: Vec<Move> = Vec::new();
    for step in moves.iter().rev() {
        let moved = atomic::fail_by_test_hook(&step.to).and_then(|()| move_one(step, &git_move));
        if let Err(error) = moved {
            return Err(undo(&done, &git_move, error));
        }
        done.push(step.clone());
    }
    Ok(Renaming { new_id, moves })
}

/// Where each piece of `id` goes when it becomes `new_id`.
fn moves(project: &Project, id: &str, new_id: &str) -> Vec<Move> {
    of(project, id)
        .into_iter()
        .map(|piece| {
            let name = piece
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            // `.<id>.edit.toml` keeps its dot; every other name starts with the id.
            let (dot, rest) = match name.strip_prefix('.') {
                Some(rest) => (".", rest),
                None => ("", name),
            };
            let rest = rest.get(id.len()..).unwrap_or_default();
            let to = piece.path.with_file_name(format!("{dot}{new_id}{rest}"));
            Move {
                part: piece.part,
                from: piece.path,
                to,
            }
        })
        .collect()
}

/// No record `id`: renamed or removed by another fortb since it was found.
fn unknown(id: &str) -> Error {
    let (given, nearest) = (id.to_string(), Vec::new());
    RecordError::UnknownId { given, nearest }.into()
}

/// Refuses an id that has anything kept under it.
fn refuse_taken(project: &Project, id: &str) -> Result<()> {
    match of(project, id).first() {
        Some(taken) => Err(RecordError::IdTaken {
            id: id.to_string(),
            path: taken.path.clone(),
        }
        .into()),
        None => Ok(()),
    }
}

/// Moves one piece without ever replacing what is at its new place.
fn move_one(step: &Move, git_move: &impl Fn(&Move) -> Result<bool>) -> Result<()> {
    let failed = |error| Error::io(&step.from, error);
    if step.from.is_dir() {
        // A folder is never replaced by a rename when it has anything in it.
        return std::fs::rename(&step.from, &step.to).map_err(failed);
    }
    if step.part.in_repository() && git_move(step)? {
        return Ok(());
    }
    match std::fs::hard_link(&step.from, &step.to) {
        Ok(()) => std::fs::remove_file(&step.from).map_err(|error| {
            let _ = std::fs::remove_file(&step.to);
            failed(error)
        }),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::io(&step.to, error))
        }
        // A file system without hard links (FAT, many network shares): the locks keep other
        // fortbs away, and the check just before keeps what is there.
        Err(_) if step.to.symlink_metadata().is_err() => {
            std::fs::rename(&step.from, &step.to).map_err(failed)
        }
        Err(error) => Err(failed(error)),
    }
}

/// Moves back the pieces already moved after `error`, the last first. Returns `error`, or one
/// that also names what could not be moved back.
fn undo(done: &[Move], git_move: &impl Fn(&Move) -> Result<bool>, error: Error) -> Error {
    let stuck: Vec<String> = done
        .iter()
        .rev()
        .filter_map(|step| {
            let back = Move {
                part: step.part,
                from: step.to.clone(),
                to: step.from.clone(),
            };
            move_one(&back, git_move)
                .err()
                .map(|_| display_path(&back.from).display().to_string())
        })
        .collect();
    if stuck.is_empty() {
        return error;
    }
    RecordError::UndoFailed {
        error: Box::new(error),
        stuck,
    }
    .into()
}

/// Deletes every piece kept under `id`, listed under the record's lock, the record last, so an
/// interrupted removal leaves it findable. Returns what it deleted.
pub fn remove(project: &Project, id: &str) -> Result<Vec<Piece>> {
    let _lock = atomic::lock(&project.record_path(id))?;
    let pieces = of(project, id);
    // Renamed or removed by another fortb since it was found (as in `rename`).
    if pieces
        .first()
        .is_none_or(|piece| piece.part != Part::Record)
    {
        return Err(unknown(id));
    }
    for piece in pieces.iter().rev() {
        let path = &piece.path;
        let removed = match path.symlink_metadata() {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
            _ => std::fs::remove_file(path),
        };
        removed.map_err(|e| Error::io(path, e))?;
    }
    Ok(pieces)
}
