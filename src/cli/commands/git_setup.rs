//! `fortb git-setup`: makes git merge records as data — `.gitattributes` names the merge
//! driver, the repository's config registers it (a clone does not carry `.git/config`, so
//! each clone runs this once), and `.gitignore` leaves out fortb's temporary files.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::repo;
use crate::record::atomic;
use crate::record::project::display_path;
use crate::t;

pub fn run(context: &Context) -> Result<ExitCode> {
    let project = context.project()?;
    if repo::top_level(&project.root).is_none() {
        return Err(Error::Message(t!(
            "git.not_a_repository",
            dir = display_path(&project.root).display()
        )));
    }
    set_up(&project.root)?;
    Ok(ExitCode::SUCCESS)
}

/// The whole setup, for `git-setup` and `init`.
pub fn set_up(root: &Path) -> Result<()> {
    let attributes = root.join(".gitattributes");
    add_line(
        &attributes,
        repo::ATTRIBUTES_LINE,
        &t!("git.attributes_comment"),
    )?;
    crate::cli::commands::init::ignore_temporary_files(root)?;
    repo::register_merge_driver(root)?;
    output::note(&t!(
        "git.set_up",
        attributes = display_path(&attributes).display()
    ));
    Ok(())
}

fn add_line(path: &Path, line: &str, comment: &str) -> Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(Error::io(path, error)),
    };
    if existing.lines().any(|l| l.trim() == line) {
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("# {comment}\n{line}\n"));
    atomic::write_file(path, &text)
}
