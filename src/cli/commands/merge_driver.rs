//! `fortb merge-driver %O %A %B [%P]`: git's merge-driver protocol. Merges a record as data
//! and writes the result to %A: exit 0 when clean, 1 with conflict markers around just the
//! keys both sides changed. A side that does not parse falls back to git's line merge.

use std::process::ExitCode;

use crate::cli::args::MergeDriverArgs;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::git::merge::{self, Merged};
use crate::git::repo;
use crate::record::atomic;
use crate::t;

pub fn run(args: &MergeDriverArgs) -> Result<ExitCode> {
    let read =
        |path: &std::path::Path| std::fs::read_to_string(path).map_err(|e| Error::io(path, e));
    let texts = (read(&args.base), read(&args.ours), read(&args.theirs));
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let merged = match texts {
        (Ok(base), Ok(ours), Ok(theirs)) => merge::merge_records(&base, &ours, &theirs).ok(),
        _ => None,
    };
    match merged {
        Some(Merged::Clean(text)) => {
            atomic::write_file(&args.ours, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Merged::Conflicts { text, count }) => {
            atomic::write_file(&args.ours, &text)?;
            output::note(&t!("git.merge_conflicts", path = name, count = count));
            Ok(ExitCode::FAILURE)
        }
        None => {
            output::note(&t!("git.merge_fallback", path = name));
            let clean = repo::merge_file(&args.ours, &args.base, &args.theirs)?;
            Ok(if clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
