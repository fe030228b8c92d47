//! `fortb completions SHELL`: a completion script for the shell, on stdout.

use std::process::ExitCode;

use crate::cli::args::{self, CompletionsArgs};
use crate::cli::output;
use crate::error::Result;

pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut args::command(), "fortb", &mut script);
    output::print(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}
