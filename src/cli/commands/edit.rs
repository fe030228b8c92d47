//! `fortb edit ID`: opens the record in the user's editor, then checks it. A broken edit is
//! never thrown away, and never replaces a valid record: the same draft is reopened with the
//! problem shown.

use std::path::Path;
use std::process::ExitCode;

use crate::record::atomic;

use crate::cli::args::EditArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::merge::{self, Merged};
use crate::record::files;
use crate::record::parse;
use crate::record::process_files::Models;
use crate::record::project::display_path;
use crate::record::store;
use crate::record::validate::{self, Severity};
use crate::t;

pub fn run(context: &Context, args: &EditArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::Message(t!(
            "file.symlink",
            path = crate::record::project::display_path(&path).display()
        )));
    }
    // The editor works on a draft beside the record; the record changes only when the draft
    // is valid and nobody changed the record meanwhile. A draft left by an earlier edit is
    // where the user's unsaved work is, so it is opened again rather than replaced.
    let draft = files::draft_path(&path);
    let base = files::draft_base_path(&path);
    // The version of the record the draft was made from, kept beside it for as long as the
    // draft lives: a record changed since is merged with the draft, never overwritten.
    let original = if draft.exists() {
        output::note(&t!("edit.resuming", draft = display_path(&draft).display()));
        match base.exists() {
            true => parse::read_text(&base)?,
            // A draft left by a fortb that kept no base: the record as it is now is all there is.
            false => parse::read_text(&path)?,
        }
    } else {
        let original = parse::read_text(&path)?;
        atomic::write_file(&base, &original)?;
        atomic::write_file(&draft, &original)?;
        original
    };
    let editor = crate::cli::editor::command(&project.root)?;
    loop {
        if let Err(error) = run_editor(&editor, &draft) {
            // Nothing typed yet: no draft to keep.
            if parse::read_text(&draft).is_ok_and(|text| text == original) {
                let _ = std::fs::remove_file(&draft);
                let _ = std::fs::remove_file(&base);
            }
            return Err(error);
        }
        let goals = validate::known_goal_ids(&project);
        let findings = validate::check_record(
            &project,
            &mut Models::new(Some(&project)),
            &draft,
            goals.as_ref(),
        );
        for finding in &findings {
            match finding.severity {
                Severity::Error => output::error(&finding.diagnostic.to_string()),
                Severity::Warning => output::warning(&finding.diagnostic.to_string()),
            }
        }
        if !findings.iter().any(|f| f.severity == Severity::Error) {
            break;
        }
        let reopen = output::interactive()
            && crate::cli::interview::confirm(
                crate::cli::interview::theme().as_ref(),
                &t!("edit.reopen"),
                true,
            )?;
        if !reopen {
            output::note(&t!(
                "edit.left_broken",
                draft = display_path(&draft).display(),
                id = id
            ));
            return Ok(ExitCode::FAILURE);
        }
    }
    let edited = parse::read_text(&draft)?;
    let changed = save(&path, &draft, &original, &edited)?;
    std::fs::remove_file(&draft).map_err(|e| Error::io(&draft, e))?;
    let _ = std::fs::remove_file(&base);
    output::note(&t!("edit.ok", path = display_path(&path).display()));
    if changed {
        context.commit(&project, &[path], t!("commit.edit", id = id))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the edited record, under its lock. When someone saved the record after the draft
/// was made from `original` (a `recall`, a `git pull`), both changes are merged as git's merge
/// driver merges them; when they collide, nothing is written and the draft stays. Returns
/// whether the record changed.
fn save(path: &Path, draft: &Path, original: &str, edited: &str) -> Result<bool> {
    let lock = atomic::lock(path)?;
    let now = parse::read_text(path)?;
    let text = if now == original {
        edited.to_string()
    } else {
        match merge::merge_record_versions(original, &now, edited) {
            Ok(Merged::Clean(merged)) if merge::is_record(&merged) => {
                output::note(&t!("edit.merged", path = display_path(path).display()));
                merged
            }
            _ => {
                return Err(Error::Message(t!(
                    "edit.changed_meanwhile",
                    path = display_path(path).display(),
                    draft = display_path(draft).display()
                )))
            }
        }
    };
    if text == now {
        return Ok(false);
    }
    lock.write(&text)?;
    Ok(true)
}

fn run_editor(editor: &[String], path: &std::path::Path) -> Result<()> {
    let (program, args) = editor.split_first().expect("editor command is never empty");
    let status = std::process::Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|error| {
            let reason = crate::error::io_reason(&error);
            Error::Message(t!("edit.cannot_start", editor = program, reason = reason))
        })?;
    if !status.success() {
        return Err(Error::Message(t!(
            "edit.editor_failed",
            editor = program,
            status = match status.code() {
                Some(code) => t!("edit.exit_code", code = code),
                None => t!("edit.killed"),
            }
        )));
    }
    Ok(())
}
