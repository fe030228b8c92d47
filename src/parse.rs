//! Reading fortb's TOML files with every problem tied to a place: `path:line:column`.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Result};
use crate::t;

/// Records are small; anything larger is a mistake (a binary, a log) and is refused before
/// it is read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a UTF-8 text file of reasonable size.
pub fn read_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let metadata = file.metadata().map_err(|e| Error::io(path, e))?;
    if metadata.is_dir() {
        return Err(Error::Message(t!("file.is_dir", path = path.display())));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Error::Message(t!(
            "file.too_large",
            path = path.display(),
            size = metadata.len() / (1024 * 1024),
            limit = MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes());
        Error::Invalid(Diagnostic::at_offset(
            path,
            &text[..valid.min(text.len())],
            valid,
            t!("file.not_utf8"),
        ))
    })
}

/// The first git conflict marker in `text`, as a diagnostic.
pub fn conflict_marker(path: &Path, text: &str) -> Option<Diagnostic> {
    // Cheap test first: every marker starts a line with one of these characters, seven times.
    if !(text.contains("<<<<<<<") || text.contains(">>>>>>>") || text.contains("=======")) {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_marker = bare.starts_with("<<<<<<<")
            || bare.starts_with(">>>>>>>")
            || bare.starts_with("|||||||")
            || bare == "=======";
        if is_marker {
            return Some(
                Diagnostic::at_offset(path, text, offset, t!("file.conflict_marker"))
                    .with_hint(t!("file.conflict_hint")),
            );
        }
        offset += line.len();
    }
    None
}

/// Parses `text` as `T`, turning any error into a diagnostic with its line and column.
pub fn parse_toml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    if let Some(conflict) = conflict_marker(path, text) {
        return Err(conflict);
    }
    toml::from_str(text).map_err(|error| toml_diagnostic(path, text, &error))
}

/// Like [`parse_toml`], also returning the dotted paths of keys `T` does not know.
pub fn parse_toml_reporting_unknown<T: DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<(T, Vec<String>), Diagnostic> {
    if let Some(conflict) = conflict_marker(path, text) {
        return Err(conflict);
    }
    let mut unknown = Vec::new();
    let deserializer = toml::Deserializer::new(text);
    let value = serde_ignored::deserialize(deserializer, |key| unknown.push(key.to_string()))
        .map_err(|error| toml_diagnostic(path, text, &error))?;
    Ok((value, unknown))
}

pub fn toml_diagnostic(path: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let offset = error.span().map_or(0, |span| span.start);
    let message = error.message().trim().replace('\n', " ");
    Diagnostic::at_offset(path, text, offset, message)
}

/// The byte offset where `key` is set inside the table `[table]` (top level when empty), for
/// pointing at a value that parsed but makes no sense. Falls back to the table header.
pub fn locate_key(text: &str, table: &str, key: &str) -> usize {
    let mut offset = 0;
    let mut in_table = table.is_empty();
    let mut table_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let header = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            in_table = header == table || normalise_header(header) == table;
            if in_table {
                table_start = offset;
            }
        } else if in_table {
            let name = trimmed
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if name == key && trimmed.contains('=') {
                return offset + (line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    table_start
}

fn normalise_header(header: &str) -> String {
    header
        .split('.')
        .map(|part| part.trim().trim_matches('"'))
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_markers_are_found_with_their_line() {
        let text =
            "title = \"x\"\n<<<<<<< HEAD\nkind = \"a\"\n=======\nkind = \"b\"\n>>>>>>> other\n";
        let found = conflict_marker(Path::new("r.toml"), text).unwrap();
        assert_eq!((found.line, found.column), (2, 1));
        // a line of equals signs inside a multi-line string is not mistaken for a marker
        assert!(conflict_marker(Path::new("r.toml"), "a = \"\"\"\n========\n\"\"\"\n").is_none());
    }

    #[test]
    fn keys_are_located_in_their_table() {
        let text = "title = \"x\"\n[steps.need]\nwhy = 1\n[steps.\"analysis\"]\nwhy = 2\n";
        assert_eq!(locate_key(text, "", "title"), 0);
        assert_eq!(
            locate_key(text, "steps.need", "why"),
            text.find("why = 1").unwrap()
        );
        assert_eq!(
            locate_key(text, "steps.analysis", "why"),
            text.find("why = 2").unwrap()
        );
    }
}
