//! What each record is like — its kind, themes, goals and dates — kept beside the records in
//! the project's private folder (`.fortb/lessons-index`, out of git), so that the panel of
//! earlier initiatives that `new` shows need not open every record of a large project.
//!
//! One line per record file, its fields apart by tabs: the path, the stamp (five numbers), the
//! kind (empty for a file that is not a valid record), the start and end dates, the themes
//! and the goals (each list apart by U+001F). A backslash, tab, line break or U+001F in a
//! field is written `\\`, `\t`, `\n` or `\u`. Lines, not JSON: reading ten thousand of them
//! is what `new` waits for, and splitting lines costs a tenth of parsing JSON.
//!
//! It is a cache, never the truth: every record file is looked at (its size and times, one
//! `stat`) on every use, and an entry whose file differs in any of them is read again. An index
//! that cannot be read is rebuilt; one that cannot be written is done without.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use std::fmt::Write;

use crate::model::date::Date;
use crate::model::initiative::Record;
use crate::model::vocabulary::{Kind, Vocabulary};
use crate::record::store::{self, Answers};
use crate::record::{atomic, private};

/// The index's file in the private folder.
pub const FILE: &str = "lessons-index";

/// The first line; raised when the entries change shape, and an index of another is rebuilt.
const HEADER: &str = "fortb lessons index 1";

/// A file changed this recently could change again under the same time stamp (FAT keeps
/// times to 2 s): its entry is not kept, so it is read again until it has settled.
const UNSETTLED: Duration = Duration::from_secs(3);

/// Test hook: when this variable is set, a file counts as settled at once, so that a test
/// need not wait for the index to keep its entry.
const SETTLED_AT_ONCE: &str = "FORTB_TEST_INDEX_AT_ONCE";

/// What the index says of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub kind: Kind,
    pub themes: Vec<String>,
    pub goals: Vec<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// The index as read: each record file's path with its entry, in the order they were written
/// (the order the files are listed in), borrowing their texts from the file's bytes.
#[derive(Debug, Default)]
struct Stored<'a> {
    files: Vec<(Cow<'a, str>, Entry<'a>)>,
}

impl<'a> Stored<'a> {
    /// Each path's entry, where the index has one. The index lists the files in the order
    /// they are listed, so each is looked for first after the one found before; only when the
    /// files have changed since is a table of them all made.
    fn entries_of(&self, paths: &[&Path]) -> Vec<Option<&Entry<'a>>> {
        let mut table: Option<HashMap<&str, &Entry<'a>>> = None;
        let mut next = 0;
        let mut entry_of = |path: &&Path| {
            let key = key(path);
            if let Some((_, entry)) = self.files.get(next).filter(|(k, _)| *k == key) {
                next += 1;
                return Some(entry);
            }
            let table = table
                .get_or_insert_with(|| self.files.iter().map(|(k, e)| (k.as_ref(), e)).collect());
            table.get(key.as_ref()).copied()
        };
        paths.iter().map(&mut entry_of).collect()
    }
}

/// A file's size, modification time in nanoseconds, and on Unix its change time (seconds and
/// nanoseconds) and inode: zero where the system has none.
type Stamp = [u64; 5];

#[derive(Clone, Debug, PartialEq)]
struct Entry<'a> {
    /// The file when it was read.
    stamp: Stamp,
    /// `None` for a file that is not a valid record.
    facts: Option<StoredFacts<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
struct StoredFacts<'a> {
    kind: Cow<'a, str>,
    themes: Vec<Cow<'a, str>>,
    goals: Vec<Cow<'a, str>>,
    start: Option<Date>,
    end: Option<Date>,
}

impl StoredFacts<'static> {
    fn of(record: &Record) -> StoredFacts<'static> {
        let owned = |words: &[String]| words.iter().map(|w| Cow::Owned(w.clone())).collect();
        StoredFacts {
            kind: Cow::Borrowed(record.kind.key()),
            themes: owned(&record.themes),
            goals: owned(&record.goals),
            start: record.start,
            end: record.end,
        }
    }
}

impl StoredFacts<'_> {
    fn facts(&self) -> Option<Facts> {
        let owned = |words: &[Cow<str>]| words.iter().map(|w| w.to_string()).collect();
        Some(Facts {
            kind: Kind::parse(&self.kind)?,
            themes: owned(&self.themes),
            goals: owned(&self.goals),
            start: self.start,
            end: self.end,
        })
    }
}

/// What became of one record file's entry.
enum Looked<'i> {
    /// The index's entry still holds.
    Known(&'i Entry<'i>),
    /// Read from the file now: `settled` when the entry may be kept, `replaced` when the index
    /// held an entry for an older version of the file.
    Read {
        entry: Entry<'static>,
        settled: bool,
        replaced: bool,
    },
    /// The file cannot be looked at (removed since the folder was listed).
    Gone,
}

impl Looked<'_> {
    fn entry(&self) -> Option<&Entry<'_>> {
        match self {
            Looked::Known(entry) => Some(entry),
            Looked::Read { entry, .. } => Some(entry),
            Looked::Gone => None,
        }
    }

    /// Whether the index is to keep this entry.
    fn kept(&self) -> bool {
        matches!(self, Looked::Known(_) | Looked::Read { settled: true, .. })
    }
}

/// What each of `paths` is like (`None` for a file that cannot be read as a record), from the
/// index of the project at `root` where it still holds, else from the file; the index is
/// brought up to date.
pub fn facts(root: &Path, paths: &[&Path]) -> Vec<Option<Facts>> {
    use rayon::prelude::*;
    let now = SystemTime::now();
    let index = root.join(private::PRIVATE_DIR).join(FILE);
    let bytes = std::fs::read(&index).unwrap_or_default();
    let old = parse(&bytes);
    let looked: Vec<Looked> = paths
        .par_iter()
        .zip(old.entries_of(paths))
        .map(|(path, known)| look(path, known, now))
        .collect();
    let known = looked
        .iter()
        .filter(|l| matches!(l, Looked::Known(_)))
        .count();
    let changed = known != old.files.len()
        || looked.iter().any(|l| match l {
            Looked::Read {
                settled, replaced, ..
            } => *settled || *replaced,
            _ => false,
        });
    if changed {
        let kept: Vec<(Cow<str>, &Entry)> = paths
            .iter()
            .zip(&looked)
            .filter(|(_, looked)| looked.kept())
            .filter_map(|(path, looked)| Some((key(path), looked.entry()?)))
            .collect();
        // The index only spares work: without it the panel reads every record, as before.
        let _slower_next_time = write(root, &kept);
    }
    looked
        .iter()
        .map(|looked| looked.entry()?.facts.as_ref()?.facts())
        .collect()
}

/// The key of a record file in the index.
fn key(path: &Path) -> Cow<'_, str> {
    path.to_string_lossy()
}

/// One file: its entry from the index when its stamp still matches, else read now.
fn look<'i>(path: &Path, known: Option<&'i Entry<'i>>, now: SystemTime) -> Looked<'i> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Looked::Gone;
    };
    let (stamp, changed) = stamp(&meta);
    if let Some(known) = known.filter(|entry| entry.stamp == stamp) {
        return Looked::Known(known);
    }
    let wait = match std::env::var_os(SETTLED_AT_ONCE) {
        Some(_) => Duration::ZERO,
        None => UNSETTLED,
    };
    let settled = changed
        .and_then(|changed| changed.checked_add(wait))
        .is_some_and(|settled| settled <= now);
    let record = store::load_with("", path, Answers::None).ok();
    let facts = record.map(|initiative| StoredFacts::of(&initiative.record));
    Looked::Read {
        entry: Entry { stamp, facts },
        settled,
        replaced: known.is_some(),
    }
}

/// The file's stamp, and the latest of its times: the modification time, and on Unix the
/// change time and inode too, which no program can set back and which tell a file put in its
/// place.
fn stamp(meta: &Metadata) -> (Stamp, Option<SystemTime>) {
    let modified = meta.modified().ok();
    let nanos = modified
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .and_then(|since| u64::try_from(since.as_nanos()).ok())
        .unwrap_or(0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (secs, nsecs) = (u64::try_from(meta.ctime()).ok(), meta.ctime_nsec());
        let nsecs = u32::try_from(nsecs).unwrap_or(0);
        let changed = secs.map(|secs| UNIX_EPOCH + Duration::new(secs, nsecs));
        let stamp = [
            meta.len(),
            nanos,
            secs.unwrap_or(0),
            nsecs.into(),
            meta.ino(),
        ];
        let latest = match (modified, changed) {
            (Some(modified), Some(changed)) => Some(modified.max(changed)),
            _ => None,
        };
        (stamp, latest)
    }
    #[cfg(not(unix))]
    {
        ([meta.len(), nanos, 0, 0, 0], modified)
    }
}

/// The index in `bytes`; empty when there is none, or it cannot be read or is of another
/// format. A line that cannot be read is left out: its file is read again. The lines are read
/// on all cores.
fn parse(bytes: &[u8]) -> Stored<'_> {
    use rayon::prelude::*;
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let mut lines = text.split('\n');
    if lines.next() != Some(HEADER) {
        return Stored::default();
    }
    let lines: Vec<&str> = lines.collect();
    Stored {
        files: lines.par_iter().filter_map(|line| entry_of(line)).collect(),
    }
}

/// One line of the index: its path and entry.
fn entry_of(line: &str) -> Option<(Cow<'_, str>, Entry<'_>)> {
    let mut fields = line.split('\t');
    let path = unescape(fields.next()?);
    let mut numbers = fields.next()?.split(' ').map(|n| n.parse::<u64>().ok());
    let mut stamp: Stamp = [0; 5];
    for number in &mut stamp {
        *number = numbers.next()??;
    }
    let kind = fields.next()?;
    let date = |field: Option<&str>| field.map(|f| (!f.is_empty()).then(|| Date::parse(f)));
    let (start, end) = (date(fields.next())?, date(fields.next())?);
    let (themes, goals) = (words(fields.next()?), words(fields.next()?));
    let facts = (!kind.is_empty()).then(|| StoredFacts {
        kind: unescape(kind),
        themes,
        goals,
        start: start.flatten(),
        end: end.flatten(),
    });
    Some((path, Entry { stamp, facts }))
}

/// A list field's words.
fn words(field: &str) -> Vec<Cow<'_, str>> {
    field
        .split('\u{1f}')
        .filter(|w| !w.is_empty())
        .map(unescape)
        .collect()
}

/// A field as written: `\`, tab, line break and U+001F escaped.
fn escape(out: &mut String, field: &str) {
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1f}' => out.push_str("\\u"),
            c => out.push(c),
        }
    }
}

/// A field as read, borrowed when nothing in it is escaped.
fn unescape(field: &str) -> Cow<'_, str> {
    if !field.contains('\\') {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => out.push('\u{1f}'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// The index's text for `files`.
fn text_of(files: &[(Cow<str>, &Entry)]) -> String {
    let mut out = format!("{HEADER}\n");
    for (path, entry) in files {
        escape(&mut out, path);
        let [len, modified, secs, nsecs, inode] = entry.stamp;
        let _ = write!(out, "\t{len} {modified} {secs} {nsecs} {inode}\t");
        if let Some(facts) = &entry.facts {
            escape(&mut out, &facts.kind);
            for date in [facts.start, facts.end] {
                out.push('\t');
                if let Some(date) = date {
                    let _ = write!(out, "{date}");
                }
            }
            for words in [&facts.themes, &facts.goals] {
                out.push('\t');
                for (n, word) in words.iter().enumerate() {
                    if n > 0 {
                        out.push('\u{1f}');
                    }
                    escape(&mut out, word);
                }
            }
        } else {
            out.push_str("\t\t\t\t");
        }
        out.push('\n');
    }
    out
}

fn write(root: &Path, files: &[(Cow<str>, &Entry)]) -> crate::error::Result<()> {
    let dir = private::private_dir(root)?;
    atomic::write_file(&dir.join(FILE), &text_of(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_as_written_whatever_it_holds() {
        let odd = "a\tb\nc\\d\u{1f}e\rf";
        let facts = StoredFacts {
            kind: Cow::Borrowed("book-circle"),
            themes: vec![Cow::Borrowed(odd), Cow::Borrowed("NPF")],
            goals: vec![Cow::Borrowed("läsning")],
            start: Date::parse("2025-01-02"),
            end: None,
        };
        let record = Entry {
            stamp: [1, 2, 3, 4, u64::MAX],
            facts: Some(facts),
        };
        let broken = Entry {
            stamp: [5, 6, 7, 8, 9],
            facts: None,
        };
        let files = [
            (Cow::Borrowed(odd), &record),
            (Cow::Borrowed("initiatives/x.toml"), &broken),
        ];
        let text = text_of(&files);
        let read = parse(text.as_bytes());
        assert_eq!(read.files.len(), 2, "{text}");
        let paths = [Path::new("initiatives/x.toml"), Path::new(odd)];
        assert_eq!(read.entries_of(&paths), [Some(&broken), Some(&record)]);
    }

    #[test]
    fn each_file_finds_its_entry_whether_files_came_or_went() {
        let entry = |n: u64| Entry {
            stamp: [n; 5],
            facts: None,
        };
        let written = ["a", "b", "c", "d"].iter().enumerate();
        let stored = Stored {
            files: written
                .map(|(n, path)| (Cow::Borrowed(*path), entry(n as u64)))
                .collect(),
        };
        // "b" removed, "bb" new, "d" before "c": each finds its own or none.
        let paths = ["a", "bb", "d", "c"].map(Path::new);
        let found: Vec<Option<u64>> = stored
            .entries_of(&paths)
            .iter()
            .map(|e| e.map(|e| e.stamp[0]))
            .collect();
        assert_eq!(found, [Some(0), None, Some(3), Some(2)]);
    }

    #[test]
    fn an_index_of_another_format_or_a_torn_line_is_read_again() {
        assert!(parse(b"{\"format\":1}").files.is_empty());
        let torn = format!("{HEADER}\ninitiatives/a.toml\t1 2 3\n");
        assert!(parse(torn.as_bytes()).files.is_empty());
    }
}
