//! The words for [`FileError`], the errors of writing a file.

use crate::cli::error::megabytes;
use crate::error::file::FileError;
use crate::error::with_forward_slashes;
use crate::t;

pub fn message(error: &FileError) -> String {
    let shown = |path| with_forward_slashes(path).display().to_string();
    match error {
        FileError::Symlink { path } => t!("file.symlink", path = shown(path)),
        FileError::NotRegular { path } => t!("file.not_regular_write", path = shown(path)),
        FileError::ReadOnly { path } => t!("file.read_only", path = shown(path)),
        FileError::Held { path, seconds } => {
            t!("replace.held", path = shown(path), seconds = seconds)
        }
        FileError::ExportIsFolder { path } => t!("export.folder", path = shown(path)),
        FileError::NotAFolder { path } => t!("export_tables.not_a_folder", path = shown(path)),
        FileError::TooLarge { path, size, limit } => t!(
            "file.write_too_large",
            path = shown(path),
            size = megabytes(*size),
            limit = megabytes(*limit)
        ),
        FileError::PrivateTooLarge { path, size, limit } => t!(
            "survey.private_too_large",
            path = path.display(),
            size = megabytes(*size),
            limit = megabytes(*limit)
        ),
        FileError::LockTimeout { path, seconds } => {
            t!("file.lock_timeout", path = shown(path), seconds = seconds)
        }
        FileError::LockSymlink { path } => t!("file.lock_symlink", path = shown(path)),
        FileError::ProjectFile { path } => t!("export.project_file", path = shown(path)),
        FileError::BadSurveyKey { path } => t!("survey.bad_key", path = path.display()),
        FileError::Unwritable { reason } => reason.clone(),
    }
}

/// Only an export's target, named on the command line, is a usage error (exit status 2).
pub fn is_usage(error: &FileError) -> bool {
    matches!(error, FileError::ProjectFile { .. })
}
