//! The one place where an error becomes words: each cause, carried up as data from the layers
//! below, is phrased here in the user's language, with its hint and its exit code. One file per
//! area, as the causes are in `crate::error`.

use std::process::ExitCode;

use crate::error::{with_forward_slashes, Diagnostic, Error};
use crate::t;

pub mod file;
pub mod followup;
pub mod git;
pub mod plan;
pub mod process;
pub mod record;

/// The message for `error`: one line for each problem, so that each reads on its own.
pub fn message(error: &Error) -> String {
    match error {
        Error::Message(message) | Error::Usage(message) => message.clone(),
        Error::Invalid(found) => diagnostic(found),
        Error::InvalidMany(found) => {
            let lines: Vec<String> = found.iter().map(diagnostic).collect();
            lines.join("\n")
        }
        Error::Io { path, source } => {
            format!(
                "{}: {}",
                with_forward_slashes(path).display(),
                io_reason(source)
            )
        }
        Error::Record(error) => record::message(error),
        Error::Process(error) => process::message(error),
        Error::Followup(error) => followup::message(error),
        Error::Git(error) => git::message(error),
    }
}

/// 2 for a value on the command line fortb cannot use, as clap's own usage errors; 1 for the
/// rest.
pub fn exit_code(error: &Error) -> ExitCode {
    let usage = match error {
        Error::Usage(_) => true,
        Error::Record(error) => record::is_usage(error),
        Error::Process(error) => process::is_usage(error),
        _ => false,
    };
    match usage {
        true => ExitCode::from(2),
        false => ExitCode::FAILURE,
    }
}

/// `path:line:column: message`.
pub fn diagnostic(found: &Diagnostic) -> String {
    let path = with_forward_slashes(&found.path);
    let problem = record::problem(&found.problem);
    match found.line {
        // A folder or a file as a whole: no line to point at.
        0 => format!("{}: {problem}", path.display()),
        line => format!("{}:{line}:{}: {problem}", path.display(), found.column),
    }
}

/// A size in megabytes with one decimal, for messages.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// What went wrong with a file, in the user's language for the common cases.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => t!("io.not_found"),
        ErrorKind::PermissionDenied => t!("io.permission_denied"),
        ErrorKind::InvalidData => t!("io.not_utf8"),
        ErrorKind::IsADirectory => t!("io.is_a_directory"),
        ErrorKind::NotADirectory => t!("io.not_a_directory"),
        ErrorKind::AlreadyExists => t!("io.already_exists"),
        ErrorKind::StorageFull => t!("io.disk_full"),
        ErrorKind::ReadOnlyFilesystem => t!("io.read_only"),
        // The system's own words, in English, for the rare rest.
        _ => error.to_string(),
    }
}
