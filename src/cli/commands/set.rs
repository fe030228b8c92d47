//! `fortb set ID KEY=VALUE…`: changes fields and answers of a record without an editor —
//! checked first, written in one go, comments and unknown keys kept.

use std::process::ExitCode;

use crate::cli::args::SetArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::Result;
use crate::escape;
use crate::process::assign;
use crate::record::document;
use crate::record::process_files::Models;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &SetArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let initiative = store::load(&id, &path).map_err(document::refuse_broken)?;
    let mut models = Models::new(Some(&project));
    let model = models.get(project.process_of(&initiative.record))?.clone();
    let plan = || crate::record::plan::combined(&project);
    let changes = assign::parse_changes(&args.changes, &model, &mut models, &plan)?;
    // A value set to what it was is no change: neither shown as one nor committed.
    let written: Vec<assign::Written> = assign::apply(&path, &model, &changes)?
        .into_iter()
        .filter(|written| written.old != written.new)
        .collect();
    if written.is_empty() {
        output::note(&t!("set.unchanged", path = display_path(&path).display()));
        return Ok(ExitCode::SUCCESS);
    }
    for written in &written {
        let shown = |value: Option<String>| {
            value.map_or_else(|| t!("set.no_value"), |v| escape::terminal(&v).into_owned())
        };
        output::note(&t!(
            "set.changed",
            key = written.key,
            old = shown(written.old.clone()),
            new = shown(written.new.clone())
        ));
    }
    output::note(&t!(
        "set.saved",
        changes = crate::i18n::count("set.changes", written.len() as u64),
        path = display_path(&path).display()
    ));
    context.commit(&project, &[path], t!("commit.set", id = id))?;
    Ok(ExitCode::SUCCESS)
}
