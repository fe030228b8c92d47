//! What each record is like — its kind, themes, goals and dates — kept beside the records in
//! the project's private folder (`.fortb/lessons-index.json`, out of git), so that the panel
//! of earlier initiatives that `new` shows need not open every record of a large project.
//!
//! It is a cache, never the truth: every record file is looked at (its size and times, one
//! `stat`) on every use, and an entry whose file differs in any of them is read again. An index
//! that cannot be read is rebuilt; one that cannot be written is done without.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::date::Date;
use crate::model::initiative::Record;
use crate::model::vocabulary::{Kind, Vocabulary};
use crate::record::store::{self, Answers};
use crate::record::{atomic, survey};

/// The index's file in the private folder.
pub const FILE: &str = "lessons-index.json";

/// Raised when the entries change shape; an index of another format is rebuilt.
const FORMAT: u32 = 1;

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

/// The index as stored: each record file's path with its entry. Read, it borrows its texts
/// from the file's bytes, so that ten thousand entries cost no more than the bytes they are.
#[derive(Debug, Default, Deserialize)]
struct Stored<'a> {
    format: u32,
    #[serde(borrow)]
    files: HashMap<Cow<'a, str>, Entry<'a>>,
}

/// A file's size, modification time in nanoseconds, and on Unix its change time (seconds and
/// nanoseconds) and inode: zero where the system has none.
type Stamp = [u64; 5];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Entry<'a> {
    /// The file when it was read.
    stamp: Stamp,
    /// `None` for a file that is not a valid record.
    #[serde(borrow)]
    facts: Option<StoredFacts<'a>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct StoredFacts<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    themes: Vec<Cow<'a, str>>,
    #[serde(borrow)]
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
    let index = root.join(survey::PRIVATE_DIR).join(FILE);
    let bytes = std::fs::read(&index).unwrap_or_default();
    let old = parse(&bytes);
    let looked: Vec<Looked> = paths
        .par_iter()
        .map(|path| look(path, old.files.get(key(path).as_ref()), now))
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

/// The index in `bytes`; empty when there is none, or it cannot be read or is of another format.
fn parse(bytes: &[u8]) -> Stored<'_> {
    match serde_json::from_slice::<Stored>(bytes) {
        Ok(stored) if stored.format == FORMAT => stored,
        _ => Stored::default(),
    }
}

/// The files' entries, by path, as JSON.
struct Files<'k>(&'k [(Cow<'k, str>, &'k Entry<'k>)]);

impl Serialize for Files<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(path, entry)| (path, entry)))
    }
}

fn write(root: &Path, files: &[(Cow<str>, &Entry)]) -> crate::error::Result<()> {
    #[derive(Serialize)]
    struct Written<'k> {
        format: u32,
        files: Files<'k>,
    }
    let dir = survey::private_dir(root)?;
    let written = Written {
        format: FORMAT,
        files: Files(files),
    };
    let Ok(text) = serde_json::to_string(&written) else {
        return Ok(());
    };
    atomic::write_file(&dir.join(FILE), &text)
}
