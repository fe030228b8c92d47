//! `fortb material add ID URL --title T`: the books, films and pages an initiative used, so
//! that those who plan the next one find them. A command of its own rather than a field of
//! `fortb set`: the link is an argument of its own, checked as a link, and no `<` or `>`
//! has to pass through a Windows shell, which reads them as redirections.

use std::process::ExitCode;

use crate::cli::args::{MaterialAddArgs, MaterialArgs, MaterialCommand};
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::model::material::Material;
use crate::record::document;
use crate::record::material as record_material;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &MaterialArgs) -> Result<ExitCode> {
    match &args.command {
        MaterialCommand::Add(args) => add(context, args),
    }
}

fn add(context: &Context, args: &MaterialAddArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let title = args.title.as_deref().unwrap_or_default();
    let material = Material::new(title, &args.url, args.note.as_deref()).map_err(Error::Usage)?;
    let updated =
        document::update_record(&path, |doc, _| Ok(record_material::write(doc, &material)))?;
    let key = if updated {
        "material.updated"
    } else {
        "material.added"
    };
    output::note(&t!(
        key,
        title = material.title,
        path = display_path(&path).display()
    ));
    context.commit(&project, &[path], t!("commit.material", id = id))?;
    Ok(ExitCode::SUCCESS)
}
