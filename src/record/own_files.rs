//! The files a fortb project keeps for fortb to read — `fortb.toml`, `plan.toml`, the records
//! and what lives beside them in `initiatives/`, the process models in `processes/`, and the
//! private folder `.fortb/` — so that an output (`--out`) is never written over one of them.

use std::path::{Component, Path, PathBuf};

use crate::error::file::FileError;
use crate::error::Result;
use crate::record::plan::PLAN_FILE;
use crate::record::private::PRIVATE_DIR;
use crate::record::project::{CONFIG_FILE, INITIATIVES_DIR, PROCESSES_DIR};

/// Refuses `path` as the place of an output (a file, or a folder the output's files go in) when
/// it is, or is inside, what a fortb project keeps for fortb to read.
pub fn refuse_as_output(path: &Path) -> Result<()> {
    if kept_by_a_project(path) {
        let path = path.to_path_buf();
        return Err(FileError::ProjectFile { path }.into());
    }
    Ok(())
}

/// Whether `path`, with its links and `..` resolved, is kept by a fortb project for fortb to
/// read: anything in a `.fortb` folder, or the settings, the plan, or anything in the records'
/// or process models' folder of a folder with `fortb.toml`. Names are compared as a file
/// system that folds case (Windows, macOS) and drops trailing dots and spaces (Windows)
/// would, so no spelling of a name gets past.
pub fn kept_by_a_project(path: &Path) -> bool {
    let resolved = resolve(path);
    let names: Vec<String> = resolved
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(folded(&name.to_string_lossy())),
            _ => None,
        })
        .collect();
    if names.iter().any(|name| *name == PRIVATE_DIR) {
        return true;
    }
    resolved
        .ancestors()
        .skip(1)
        .enumerate()
        .filter(|(_, folder)| folder.join(CONFIG_FILE).is_file())
        .any(|(up, _)| {
            let inside = names.len().saturating_sub(up + 1);
            kept(&names[inside..])
        })
}

/// Whether a path inside a project's folder, as folded names, is kept for fortb to read.
fn kept(inside: &[String]) -> bool {
    match inside {
        [first, rest @ ..] => {
            *first == INITIATIVES_DIR
                || *first == PROCESSES_DIR
                || (rest.is_empty() && (*first == CONFIG_FILE || *first == PLAN_FILE))
        }
        [] => false,
    }
}

/// A name as a file system that folds case sees it: lower case, without the trailing dots and
/// spaces Windows drops, and without a `:stream` Windows writes into the named file.
fn folded(name: &str) -> String {
    let name = name.split(':').next().unwrap_or(name);
    name.trim_end_matches(['.', ' ']).to_lowercase()
}

/// `path` made absolute with its links followed as far as it exists; the rest as written, with
/// `.` and `..` taken as they read.
fn resolve(path: &Path) -> PathBuf {
    let mut absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // A link is followed also where what it names is not there yet: a write through it would
    // make that file.
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&absolute) else {
            break;
        };
        absolute = match absolute.parent() {
            Some(folder) => folder.join(target),
            None => target,
        };
    }
    let parts: Vec<Component> = absolute.components().collect();
    for existing in (1..=parts.len()).rev() {
        let Ok(mut resolved) = parts[..existing].iter().collect::<PathBuf>().canonicalize() else {
            continue;
        };
        for part in &parts[existing..] {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return resolved;
    }
    absolute
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folded_as_windows_and_macos_fold_them() {
        for (name, seen) in [
            ("Fortb.TOML", "fortb.toml"),
            ("plan.toml. . ", "plan.toml"),
            ("plan.toml::$DATA", "plan.toml"),
            ("INITIATIVES", "initiatives"),
        ] {
            assert_eq!(folded(name), seen);
        }
    }

    #[test]
    fn what_a_project_keeps_is_its_settings_plan_records_models_and_private_folder() {
        let kept_path =
            |names: &[&str]| kept(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
        assert!(kept_path(&["fortb.toml"]));
        assert!(kept_path(&["plan.toml"]));
        assert!(kept_path(&["initiatives"]));
        assert!(kept_path(&["initiatives", "bok.survey-90.md"]));
        assert!(kept_path(&["processes", "egen.toml"]));
        assert!(!kept_path(&["rapport.md"]));
        assert!(!kept_path(&["export", "plan.toml"]));
        assert!(!kept_path(&[]));
    }
}
