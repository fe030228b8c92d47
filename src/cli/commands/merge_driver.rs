//! `fortb merge-driver %O %A %B [%P]`: git's merge-driver protocol. Merges a record as data
//! and writes the result to %A: exit 0 when clean, 1 with conflict markers around just the
//! keys both sides changed. A side that does not parse falls back to git's line merge. A side
//! that lost the record, or a result that is not one, is a conflict keeping both sides whole.

use std::process::ExitCode;

use crate::cli::args::MergeDriverArgs;
use crate::cli::output;
use crate::error::Result;
use crate::git::merge::{self, Merged};
use crate::git::repo;
use crate::record::{atomic, parse};
use crate::t;

pub fn run(args: &MergeDriverArgs) -> Result<ExitCode> {
    // Read as every record is: regular files of at most 4 MB, so a huge or odd input goes to
    // git's line merge instead of filling the memory.
    let texts = (
        parse::read_text(&args.base),
        parse::read_text(&args.ours),
        parse::read_text(&args.theirs),
    );
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let (Ok(base), Ok(ours), Ok(theirs)) = texts else {
        output::note(&t!("git.merge_fallback", path = name));
        return line_merge(args);
    };
    match merge::merge_record_versions(&base, &ours, &theirs) {
        Ok(Merged::Clean(text)) => {
            atomic::write_file(&args.ours, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(Merged::Conflicts { text, count }) => {
            atomic::write_file(&args.ours, &text)?;
            output::note(&t!("git.merge_conflicts", path = name, count = count));
            Ok(ExitCode::FAILURE)
        }
        Ok(Merged::KeptBoth(text)) => {
            atomic::write_file(&args.ours, &text)?;
            output::note(&t!("git.merge_kept_both", path = name));
            Ok(ExitCode::FAILURE)
        }
        Err(_) => {
            output::note(&t!("git.merge_fallback", path = name));
            let status = line_merge(args)?;
            // A clean line merge can still cut a record apart (one side truncated mid-file).
            let merged = parse::read_text(&args.ours)?;
            if status == ExitCode::SUCCESS
                && !merge::is_record(&merged)
                && (merge::is_record(&ours) || merge::is_record(&theirs))
            {
                atomic::write_file(&args.ours, &merge::both_sides(&ours, &theirs))?;
                output::note(&t!("git.merge_kept_both", path = name));
                return Ok(ExitCode::FAILURE);
            }
            Ok(status)
        }
    }
}

/// Git's own line merge into %A.
fn line_merge(args: &MergeDriverArgs) -> Result<ExitCode> {
    let clean = repo::merge_file(&args.ours, &args.base, &args.theirs)?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
