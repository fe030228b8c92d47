//! One file per subcommand. Each takes the parsed arguments and the [`Context`], does its work
//! through the domain modules, and returns the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::Command;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::initiative::Initiative;
use crate::output;
use crate::project::Project;
use crate::store;
use crate::t;

mod check;
mod completions;
mod edit;
mod init;
pub mod list;
mod man;
mod new;
mod questions;
mod show;
mod status;
mod step;

/// What every command may need besides its own arguments.
pub struct Context {
    /// `--project` or `FORTB_PROJECT`.
    pub project: Option<PathBuf>,
    /// `--lang`, when given.
    pub explicit_lang: Option<Lang>,
    /// `--strict`: a broken record fails a read-only command instead of being skipped.
    pub strict: bool,
}

impl Context {
    pub fn project(&self) -> Result<Project> {
        Project::discover(self.project.as_deref())
    }

    /// Every record of the project for a read-only command: broken ones are skipped with a
    /// warning naming them, or, under `--strict`, fail the command.
    pub fn initiatives(&self, project: &Project) -> Result<Vec<Initiative>> {
        let loaded = store::load_all(project)?;
        if !loaded.broken.is_empty() {
            if self.strict {
                return Err(Error::InvalidMany(loaded.broken));
            }
            for diagnostic in &loaded.broken {
                output::warning(&t!("record.skipped", problem = diagnostic));
            }
        }
        Ok(loaded.initiatives)
    }
}

pub fn run(context: &Context, command: Command) -> Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(context, &args),
        Command::New(args) => new::run(context, &args),
        Command::List(args) => list::run(context, &args),
        Command::Show(args) => show::run(context, &args),
        Command::Edit(args) => edit::run(context, &args),
        Command::Check(args) => check::run(context, &args),
        Command::Step(args) => step::run(context, &args),
        Command::Status(args) => status::run(context, &args),
        Command::Questions(args) => questions::run(context, &args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}
