//! Which editor `fortb edit` and the interview's `:e` open: `VISUAL`, `EDITOR`, git's
//! `core.editor`, then the system's own (Notepad on Windows, `vi` where it exists).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::t;

/// The editor command, program first, then its arguments; the file to edit goes after them.
pub fn command(project_dir: &Path) -> Result<Vec<String>> {
    let configured = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok())
        .chain(std::iter::from_fn(|| git_editor(project_dir)).take(1))
        .find(|value| !value.trim().is_empty());
    match configured {
        Some(value) => Ok(split(&value, |path| path.is_file())),
        None => system_editor(std::env::var_os("PATH"))
            .map(|program| vec![program])
            .ok_or_else(|| Error::Message(t!("edit.no_editor"))),
    }
}

/// The same command as one line that dialoguer's editor splits back into the same words.
pub fn command_line(project_dir: &Path) -> Result<String> {
    Ok(shell_words::join(command(project_dir)?))
}

/// git's configured editor (`git config core.editor`), when git is installed and has one.
fn git_editor(project_dir: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["config", "--get", "core.editor"])
        .current_dir(project_dir)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let value = String::from_utf8(output.stdout).ok()?;
    output.status.success().then(|| value.trim().to_string())
}

/// Notepad on Windows, which always has it; elsewhere `vi` when it is on the `PATH`.
fn system_editor(path: Option<OsString>) -> Option<String> {
    if cfg!(windows) {
        return Some("notepad.exe".to_string());
    }
    let found = std::env::split_paths(&path?).any(|dir| dir.join("vi").is_file());
    found.then(|| "vi".to_string())
}

/// Splits an editor setting into words as a shell would: quotes ('…' or "…") keep spaces in
/// a word, and a backslash escapes only a quote or a space, so Windows paths
/// (`C:\Program Files\…`) keep their backslashes. A setting that names an existing file as a
/// whole is that file, spaces and all.
fn split(value: &str, is_file: impl Fn(&Path) -> bool) -> Vec<String> {
    let value = value.trim();
    if is_file(&PathBuf::from(value)) {
        return vec![value.to_string()];
    }
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quote) {
            ('\\', _)
                if chars
                    .peek()
                    .is_some_and(|next| matches!(next, '"' | '\'' | ' ')) =>
            {
                word.get_or_insert_default()
                    .push(chars.next().expect("peeked"));
            }
            (q, None) if q == '"' || q == '\'' => {
                quote = Some(q);
                word.get_or_insert_default();
            }
            (q, Some(open)) if q == open => quote = None,
            (c, None) if c.is_whitespace() => words.extend(word.take()),
            (c, _) => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(value: &str) -> Vec<String> {
        split(value, |_| false)
    }

    #[test]
    fn splits_as_a_shell_would() {
        for (value, expected) in [
            ("vi", vec!["vi"]),
            ("code --wait", vec!["code", "--wait"]),
            ("  nano   -w ", vec!["nano", "-w"]),
            (
                r#""C:\Program Files\Notepad++\notepad++.exe" -multiInst"#,
                vec![r"C:\Program Files\Notepad++\notepad++.exe", "-multiInst"],
            ),
            (
                "'C:/Program Files/Sublime Text/subl.exe' -w",
                vec!["C:/Program Files/Sublime Text/subl.exe", "-w"],
            ),
            (r"my\ editor --flag", vec!["my editor", "--flag"]),
            (r"\\server\share\ed.exe", vec![r"\\server\share\ed.exe"]),
            (r#"ed "" x"#, vec!["ed", "", "x"]),
        ] {
            assert_eq!(words(value), expected, "{value}");
        }
    }

    #[test]
    fn a_whole_setting_naming_a_file_is_not_split() {
        let path = r"C:\Program Files\Editor\ed.exe";
        assert_eq!(
            split(path, |p| p == Path::new(path)),
            vec![path.to_string()]
        );
    }

    #[test]
    fn the_system_editor_is_vi_only_where_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        if cfg!(windows) {
            assert_eq!(system_editor(None).as_deref(), Some("notepad.exe"));
            return;
        }
        let path = std::env::join_paths([dir.path()]).unwrap();
        assert_eq!(system_editor(Some(path.clone())), None);
        std::fs::write(dir.path().join("vi"), "").unwrap();
        assert_eq!(system_editor(Some(path)).as_deref(), Some("vi"));
    }
}
