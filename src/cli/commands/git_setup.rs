//! `fortb git-setup`: makes git merge records as data (see `git::setup`).

use std::path::Path;
use std::process::ExitCode;

use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::{repo, setup};
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

/// The whole setup, for `git-setup` and `init`, and the note that says so.
pub fn set_up(root: &Path) -> Result<()> {
    let wording = setup::Wording {
        attributes: t!("git.attributes_comment"),
        gitignore: t!("init.gitignore_comment"),
        driver: t!("git.driver_name"),
    };
    let attributes = setup::set_up(root, &wording)?;
    output::note(&t!(
        "git.set_up",
        attributes = display_path(&attributes).display()
    ));
    Ok(())
}
