//! `fortb edit ID`: opens the record in the user's editor, then checks it. A broken edit is
//! never thrown away: the same file is reopened with the problem shown.

use std::process::ExitCode;

use crate::cli::EditArgs;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output;
use crate::process::Models;
use crate::project::display_path;
use crate::store;
use crate::t;
use crate::validate::{self, Severity};

pub fn run(context: &Context, args: &EditArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (_, path) = store::resolve(&project, &args.id)?;
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::Message(t!("file.symlink", path = path.display())));
    }
    let editor = editor_command();
    loop {
        run_editor(&editor, &path)?;
        let findings = validate::check_record(&project, &mut Models::new(Some(&project)), &path);
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        for finding in &findings {
            match finding.severity {
                Severity::Error => output::error(&finding.diagnostic.to_string()),
                Severity::Warning => output::warning(&finding.diagnostic.to_string()),
            }
        }
        if errors.is_empty() {
            output::note(&t!("edit.ok", path = display_path(&path).display()));
            return Ok(ExitCode::SUCCESS);
        }
        let reopen = output::interactive()
            && crate::interview::confirm(
                crate::interview::theme().as_ref(),
                &t!("edit.reopen"),
                true,
            )?;
        if !reopen {
            output::note(&t!(
                "edit.left_broken",
                path = display_path(&path).display()
            ));
            return Ok(ExitCode::FAILURE);
        }
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`; split on spaces so `code --wait` works.
fn editor_command() -> Vec<String> {
    let configured = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    configured.split_whitespace().map(str::to_string).collect()
}

fn run_editor(editor: &[String], path: &std::path::Path) -> Result<()> {
    let (program, args) = editor.split_first().expect("editor command is never empty");
    let status = std::process::Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|error| {
            Error::Message(t!("edit.cannot_start", editor = program, reason = error))
        })?;
    if !status.success() {
        return Err(Error::Message(t!(
            "edit.editor_failed",
            editor = program,
            status = status
        )));
    }
    Ok(())
}
