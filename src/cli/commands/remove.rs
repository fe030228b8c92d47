//! `fortb remove ID`: removes a record and everything kept under its id (the rounds' free text,
//! an unfinished edit, the private survey answers). It first says what cannot be found again
//! afterwards — work not committed to git — and asks, or with `--yes` refuses to lose such work
//! without `--force`; its last word promises only what is true.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::args::RemoveArgs;
use crate::cli::commands::Context;
use crate::cli::interview;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::repo;
use crate::record::files::{self, Part, Piece};
use crate::record::project::{display_path, Project};
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &RemoveArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let title = store::load(&id, &path)
        .map(|initiative| initiative.record.title)
        .unwrap_or_else(|_| id.clone());
    let pieces = files::of(&project, &id);
    let stake = AtStake::of(&project, &id, &pieces)?;
    if !args.yes {
        if !output::interactive() {
            return Err(Error::Usage(t!("remove.needs_yes", id = id)));
        }
        stake.tell(&id);
        let prompt = t!("remove.confirm", id = id, title = title);
        interview::interrupting_changes_nothing();
        if !interview::confirm(interview::theme().as_ref(), &prompt, false)? {
            output::note(&t!("remove.kept", id = id));
            return Ok(ExitCode::SUCCESS);
        }
    } else if !args.force && !stake.unsaved.is_empty() {
        let work = stake.unsaved.join("; ");
        return Err(Error::Message(t!("remove.unsaved", id = id, work = work)));
    }
    let removed = files::remove(&project, &id)?;
    output::note(&stake.done(&id, &title));
    let mut paths: Vec<PathBuf> = removed
        .iter()
        .filter(|piece| piece.part.in_repository())
        .map(|piece| piece.path.clone())
        .collect();
    paths.extend(stake.earlier_names);
    context.commit(&project, &paths, t!("commit.remove", id = id))?;
    Ok(ExitCode::SUCCESS)
}

/// What removing a record loses for good, and where it can still be found.
struct AtStake {
    in_git: bool,
    /// The id `fortb log` shows the record's history under afterwards: its own, or the one it
    /// had at the last commit (renamed since); none when no commit ever held it.
    logged_as: Option<String>,
    /// The names the record's files had at the last commit, renamed since: a committed removal
    /// removes them too.
    earlier_names: Vec<PathBuf>,
    /// Work that cannot be found again afterwards, each said as a phrase.
    unsaved: Vec<String>,
    /// The private survey answers, which are never in git.
    private: Option<PathBuf>,
}

impl AtStake {
    fn of(project: &Project, id: &str, pieces: &[Piece]) -> Result<AtStake> {
        let root = &project.root;
        let in_git = repo::top_level(root).is_some();
        let shown = |path: &Path| display_path(path).display().to_string();
        let mut stake = AtStake {
            in_git,
            logged_as: None,
            earlier_names: Vec::new(),
            unsaved: Vec::new(),
            private: None,
        };
        let in_repository: Vec<PathBuf> = pieces
            .iter()
            .filter(|piece| piece.part.in_repository())
            .map(|piece| piece.path.clone())
            .collect();
        let earlier = match in_git {
            true => repo::earlier_names(root, &in_repository)?,
            false => Vec::new(),
        };
        for piece in pieces {
            let path = &piece.path;
            match piece.part {
                Part::Draft if !path.to_string_lossy().ends_with(".base.edit.toml") => stake
                    .unsaved
                    .push(t!("remove.lose_draft", path = shown(path), id = id)),
                Part::PrivateAnswers => stake.private = Some(path.clone()),
                Part::Record | Part::RoundText if in_git => {
                    let before = earlier.iter().find(|(now, _)| now == path);
                    let committed_as = before.map_or(path.as_path(), |(_, before)| before);
                    if piece.part == Part::Record {
                        stake.logged_as = [path.as_path(), committed_as]
                            .into_iter()
                            .find(|p| repo::has_history(root, p))
                            .and_then(|p| Some(p.file_stem()?.to_string_lossy().to_string()));
                    }
                    if !repo::same_as_committed(root, path, committed_as)? {
                        stake
                            .unsaved
                            .push(match repo::has_history(root, committed_as) {
                                true => t!("remove.lose_changes", path = shown(path)),
                                false => t!("remove.lose_uncommitted", path = shown(path)),
                            });
                    }
                }
                _ => {}
            }
        }
        stake.earlier_names = earlier.into_iter().map(|(_, before)| before).collect();
        Ok(stake)
    }

    /// Says, before asking, what the removal loses for good.
    fn tell(&self, id: &str) {
        if !self.in_git {
            output::note(&t!("remove.not_in_git", id = id));
        }
        let mut lost = self.unsaved.clone();
        if let Some(private) = &self.private {
            let path = display_path(private).display().to_string();
            lost.push(t!("remove.lose_private", path = path));
        }
        if self.in_git && !lost.is_empty() {
            output::note(&t!("remove.will_lose", id = id));
            for item in lost {
                output::note(&format!("  · {item}"));
            }
        }
    }

    /// What is said once the record is removed: where it can still be found, if anywhere.
    fn done(&self, id: &str, title: &str) -> String {
        match (&self.logged_as, self.in_git) {
            (_, false) => t!("remove.done_not_in_git", id = id, title = title),
            (None, true) => t!("remove.done_never_committed", id = id, title = title),
            (Some(log_id), true) if self.unsaved.is_empty() => {
                t!("remove.done_git", id = id, title = title, log_id = log_id)
            }
            (Some(log_id), true) => {
                t!(
                    "remove.done_changes_lost",
                    id = id,
                    title = title,
                    log_id = log_id
                )
            }
        }
    }
}
