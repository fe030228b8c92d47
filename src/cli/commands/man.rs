//! `fortb man [COMMAND]`: a manual page (roff) on stdout, e.g. `fortb man > fortb.1`.

use std::process::ExitCode;

use crate::cli::args::{self, ManArgs};
use crate::cli::output;
use crate::error::{Error, Result};
use crate::t;

pub fn run(args: &ManArgs) -> Result<ExitCode> {
    let mut command = args::command();
    command.build();
    let page_of = match &args.command {
        None => command,
        Some(name) => command
            .find_subcommand(name)
            .cloned()
            .map(|sub| sub.name(format!("fortb-{name}")))
            .ok_or_else(|| Error::Message(t!("man.unknown_command", given = name)))?,
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(page_of)
        .render(&mut page)
        .map_err(|e| Error::io("man", e))?;
    output::print(&String::from_utf8_lossy(&page));
    Ok(ExitCode::SUCCESS)
}
