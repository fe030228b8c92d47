//! Reading fortb's TOML files with every problem tied to a place: `path:line:column`.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Hint, Problem, Result};

/// Records are small; anything larger is a mistake (a binary, a log) and is refused before
/// it is read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a UTF-8 text file of reasonable size.
pub fn read_text(path: &Path) -> Result<String> {
    with_text(path, |text| Ok(text.to_string()))
}

/// Reads a file of reasonable size as bytes, for text whose encoding is not known yet (a
/// spreadsheet's export, [`crate::csv::decode`]).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_into(path, &mut bytes)?;
    Ok(bytes)
}

thread_local! {
    /// One read buffer per thread, reused from file to file: loading a project reads
    /// thousands of small files, and a fresh buffer for each costs more than the parse.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads a UTF-8 text file of reasonable size and hands its text to `use_text`.
pub fn with_text<T>(path: &Path, use_text: impl FnOnce(&str) -> Result<T>) -> Result<T> {
    BUFFER.with(|buffer| {
        let mut bytes = buffer.take();
        bytes.clear();
        let result = read_into(path, &mut bytes).and_then(|()| match std::str::from_utf8(&bytes) {
            Ok(text) => use_text(text),
            Err(error) => {
                let valid = error.valid_up_to();
                let text = String::from_utf8_lossy(&bytes[..valid]);
                Err(Error::Invalid(Box::new(Diagnostic::at_offset(
                    path,
                    &text,
                    valid,
                    Problem::NotUtf8,
                ))))
            }
        });
        // A buffer grown by an unusually large file is not kept.
        if bytes.capacity() <= KEPT_BUFFER_BYTES {
            buffer.replace(bytes);
        }
        result
    })
}

const KEPT_BUFFER_BYTES: usize = 256 * 1024;

/// Reads the whole file into `bytes`. No `stat` by path first: asking the size of every file
/// costs a system call each, and the size limit is enforced by reading at most one byte past
/// it. What is opened is looked at (`fstat`, cheap on an open file) before a byte is read, so
/// a FIFO, a device or a link to one is refused instead of waited on forever.
fn read_into(path: &Path, bytes: &mut Vec<u8>) -> Result<()> {
    let whole_file =
        |problem: Problem| Error::Invalid(Box::new(Diagnostic::at_offset(path, "", 0, problem)));
    let file = open_without_waiting(path).map_err(|error| {
        // Windows refuses to open a folder as a file with "access denied": say what it is.
        if error.kind() == std::io::ErrorKind::PermissionDenied && path.is_dir() {
            whole_file(Problem::IsDirectory)
        } else {
            Error::io(path, error)
        }
    })?;
    let file_type = file.metadata().map_err(|e| Error::io(path, e))?.file_type();
    if file_type.is_dir() {
        return Err(whole_file(Problem::IsDirectory));
    }
    if !file_type.is_file() {
        return Err(whole_file(Problem::NotRegular));
    }
    if bytes.capacity() < 64 * 1024 {
        // Room for any ordinary record, so the first read gets all of it.
        bytes.reserve(64 * 1024);
    }
    match file.take(MAX_FILE_BYTES + 1).read_to_end(bytes) {
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::IsADirectory => {
            return Err(whole_file(Problem::IsDirectory));
        }
        Err(error) => return Err(Error::io(path, error)),
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let read = bytes.len() as u64;
        let size = std::fs::metadata(path).map_or(read, |m| m.len().max(read));
        return Err(whole_file(Problem::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        }));
    }
    Ok(())
}

/// Opens a regular file for reading, and nothing else: a FIFO or a device (also behind a
/// link) is not waited on. `None` for anything that is not a regular file that opens.
pub fn open_regular(path: &Path) -> Option<(std::fs::File, u64)> {
    let file = open_without_waiting(path).ok()?;
    let meta = file.metadata().ok()?;
    meta.is_file().then_some((file, meta.len()))
}

/// Opens for reading; on Unix without blocking, since opening a FIFO waits for a writer.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The first git conflict marker in `text`, as a diagnostic. Markers count only as git writes
/// them: `<<<<<<<`, `|||||||` or `>>>>>>>` at the start of a line, then nothing or a space and
/// a label. A line of seven `=` is not one on its own: git writes it only between `<<<<<<<`
/// and `>>>>>>>`, which are found first, and in Markdown it underlines a heading ("Results").
pub fn conflict_marker(path: &Path, text: &str) -> Option<Diagnostic> {
    // Every record passes through here, so this is one vectorised scan for line ends; only a
    // line starting with a marker's character is looked at further.
    let bytes = text.as_bytes();
    let line_starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|end| end + 1));
    for start in line_starts {
        if !matches!(bytes.get(start), Some(b'<' | b'>' | b'|')) {
            continue;
        }
        let line = text[start..].split('\n').next().unwrap_or_default();
        let line = line.trim_end_matches('\r');
        if ["<<<<<<<", "|||||||", ">>>>>>>"]
            .iter()
            .any(|marker| is_marker(line, marker))
        {
            return Some(
                Diagnostic::at_offset(path, text, start, Problem::ConflictMarker)
                    .with_hint(Hint::ConflictMarker),
            );
        }
    }
    None
}

/// A marker line as git writes it: the seven characters, then nothing or a space and a label.
fn is_marker(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
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
    let deserializer =
        toml::Deserializer::parse(text).map_err(|error| toml_diagnostic(path, text, &error))?;
    let value = serde_ignored::deserialize(deserializer, |key| {
        let mut parts = Vec::new();
        key_path(&key, &mut parts);
        unknown.push(parts.join("."));
    })
    .map_err(|error| toml_diagnostic(path, text, &error))?;
    Ok((value, unknown))
}

/// The dotted path of a key as the user wrote it: serde_ignored's own text puts a `?` for the
/// inside of every optional value (`survey.?.ratings`), which is no part of the file.
fn key_path(path: &serde_ignored::Path, parts: &mut Vec<String>) {
    use serde_ignored::Path;
    match path {
        Path::Root => {}
        Path::Seq { parent, index } => {
            key_path(parent, parts);
            parts.push(index.to_string());
        }
        Path::Map { parent, key } => {
            key_path(parent, parts);
            parts.push(key.clone());
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => key_path(parent, parts),
    }
}

pub fn toml_diagnostic(path: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let offset = error.span().map_or(0, |span| span.start);
    let problem = Problem::Reader(error.message().trim().to_string());
    Diagnostic::at_offset(path, text, offset, problem)
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

/// The byte offset of the `index`-th `[[name]]` entry (0-based), and of `key` inside it when
/// given: for problems in one `[[recall]]` entry.
pub fn locate_entry(text: &str, name: &str, index: usize, key: Option<&str>) -> usize {
    let mut offset = 0;
    let mut seen = None;
    let mut entry_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix("[[") {
            let header = normalise_header(header.split("]]").next().unwrap_or(""));
            if header == name {
                seen = Some(seen.map_or(0, |n| n + 1));
                if seen == Some(index) {
                    entry_start = offset;
                }
            } else if seen == Some(index) {
                break;
            }
        } else if trimmed.starts_with('[') && seen == Some(index) {
            break;
        } else if seen == Some(index) {
            let found = trimmed
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if key.is_some_and(|k| k == found) && trimmed.contains('=') {
                return offset + (line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    entry_start
}

/// Where a dotted key path from serde (`steps.need.why`, `recall.2.mood`) is set.
pub fn locate_path(text: &str, path: &str) -> usize {
    let parts: Vec<&str> = path.split('.').collect();
    if let Some(position) = parts.iter().position(|p| p.parse::<usize>().is_ok()) {
        let name = parts[..position].join(".");
        let index = parts[position].parse().unwrap_or(0);
        return locate_entry(text, &name, index, parts.get(position + 1).copied());
    }
    let (table, key) = path.rsplit_once('.').unwrap_or(("", path));
    locate_key(text, table, key)
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
        // CRLF line ends, and a marker on the last line without a line end
        let crlf = "title = \"x\"\r\n<<<<<<< HEAD\r\nkind = \"b\"\r\n";
        let found = conflict_marker(Path::new("r.toml"), crlf).unwrap();
        assert_eq!((found.line, found.column), (2, 1));
        let last = "title = \"x\"\n>>>>>>> theirs";
        let found = conflict_marker(Path::new("r.toml"), last).unwrap();
        assert_eq!((found.line, found.column), (2, 1));
        let first = "<<<<<<< ours\ntitle = \"x\"\n";
        assert_eq!(conflict_marker(Path::new("r.toml"), first).unwrap().line, 1);
        // a Markdown heading underlined with seven `=` in an answer, and marker-like lines
        // that git does not write, are text
        let heading = "why = \"\"\"\nResults\n=======\nGood.\n\"\"\"\n";
        assert!(conflict_marker(Path::new("r.toml"), heading).is_none());
        for line in ["<<<<<<<<", "<<<<<<<x", ">>>>>>>>> b", "=======", "||||||| "] {
            let text = format!("a = 1\n{line}\n");
            let expected = line == "||||||| ";
            assert_eq!(
                conflict_marker(Path::new("r.toml"), &text).is_some(),
                expected,
                "{line}"
            );
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Outer {
        #[allow(dead_code)]
        inner: Option<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Inner {
        #[allow(dead_code)]
        a: Option<u32>,
    }

    #[test]
    fn unknown_keys_are_named_as_written() {
        let text = "\"?\" = 1\n[inner]\na = 1\nb = 2\n";
        let (_, unknown) =
            parse_toml_reporting_unknown::<Outer>(Path::new("x.toml"), text).unwrap();
        // no `?` for the optional table, and a key really called `?` keeps its name
        assert_eq!(unknown, ["?", "inner.b"]);
        assert_eq!(locate_path(text, "inner.b"), text.find("b = 2").unwrap());
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

    #[test]
    fn entries_of_an_array_of_tables_are_located_by_index() {
        let text =
            "owner = \"Anna\"\n[[recall]]\nby = \"Anna\"\n[[recall]]\nby = \"Anna\"\nmood = 1\n";
        let second = text.rfind("[[recall]]").unwrap();
        assert_eq!(locate_entry(text, "recall", 1, None), second);
        assert_eq!(
            locate_path(text, "recall.1.mood"),
            text.find("mood").unwrap()
        );
        assert_eq!(
            locate_path(text, "recall.1.by"),
            text.rfind("by =").unwrap()
        );
    }
}
