//! What each record is like — its kind, themes, goals and dates — kept beside the records in
//! the project's private folder (`.fortb/lessons-index.json`, out of git), so that the panel
//! of earlier initiatives that `new` shows need not open every record of a large project.
//!
//! It is a cache, never the truth: every record file is looked at (its size and times, one
//! `stat`) on every use, and an entry whose file differs in any of them is read again. An index
//! that cannot be read is rebuilt; one that cannot be written is done without.

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

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    format: u32,
    files: HashMap<String, Entry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    /// The file's size and times when it was read.
    stamp: String,
    /// `None` for a file that is not a valid record.
    facts: Option<StoredFacts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct StoredFacts {
    kind: String,
    themes: Vec<String>,
    goals: Vec<String>,
    start: Option<Date>,
    end: Option<Date>,
}

impl StoredFacts {
    fn of(record: &Record) -> StoredFacts {
        StoredFacts {
            kind: record.kind.key().to_string(),
            themes: record.themes.clone(),
            goals: record.goals.clone(),
            start: record.start,
            end: record.end,
        }
    }

    fn facts(self) -> Option<Facts> {
        Some(Facts {
            kind: Kind::parse(&self.kind)?,
            themes: self.themes,
            goals: self.goals,
            start: self.start,
            end: self.end,
        })
    }
}

/// What each of `paths` is like (`None` for a file that cannot be read as a record), from the
/// index of the project at `root` where it still holds, else from the file; the index is
/// brought up to date.
pub fn facts(root: &Path, paths: &[&Path]) -> Vec<Option<Facts>> {
    use rayon::prelude::*;
    let now = SystemTime::now();
    let index = root.join(survey::PRIVATE_DIR).join(FILE);
    let old = read(&index);
    let looked: Vec<(Option<Entry>, bool)> = paths
        .par_iter()
        .map(|path| look(path, old.files.get(&key(path)), now))
        .collect();
    let kept: HashMap<String, Entry> = paths
        .iter()
        .zip(&looked)
        .filter_map(|(path, (entry, settled))| {
            Some((key(path), entry.clone()?)).filter(|_| *settled)
        })
        .collect();
    if kept != old.files {
        // The index only spares work: without it the panel reads every record, as before.
        let _slower_next_time = write(root, kept);
    }
    looked
        .into_iter()
        .map(|(entry, _)| entry?.facts?.facts())
        .collect()
}

/// The key of a record file in the index.
fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// One file: its entry, from the index when its stamp still matches, else read now; and
/// whether the entry may be kept (the file has settled).
fn look(path: &Path, known: Option<&Entry>, now: SystemTime) -> (Option<Entry>, bool) {
    let Ok(meta) = std::fs::metadata(path) else {
        return (None, false);
    };
    let (stamp, changed) = stamp(&meta);
    let wait = match std::env::var_os(SETTLED_AT_ONCE) {
        Some(_) => Duration::ZERO,
        None => UNSETTLED,
    };
    let settled = changed
        .and_then(|changed| changed.checked_add(wait))
        .is_some_and(|settled| settled <= now);
    if let Some(known) = known.filter(|entry| entry.stamp == stamp) {
        return (Some(known.clone()), settled);
    }
    let record = store::load_with("", path, Answers::None).ok();
    let facts = record.map(|initiative| StoredFacts::of(&initiative.record));
    (Some(Entry { stamp, facts }), settled)
}

/// The file's size and modification time, and on Unix its change time and inode, which no
/// program can set back and which tell a file put in its place; with the latest of its times.
fn stamp(meta: &Metadata) -> (String, Option<SystemTime>) {
    let modified = meta.modified().ok();
    let nanos = modified
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let changed = u64::try_from(meta.ctime())
            .ok()
            .map(|secs| UNIX_EPOCH + Duration::new(secs, meta.ctime_nsec() as u32));
        let stamp = format!(
            "{} {nanos} {}.{} {}",
            meta.len(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino()
        );
        let latest = match (modified, changed) {
            (Some(modified), Some(changed)) => Some(modified.max(changed)),
            _ => None,
        };
        (stamp, latest)
    }
    #[cfg(not(unix))]
    {
        (format!("{} {nanos}", meta.len()), modified)
    }
}

/// The index as stored; empty when there is none, or it cannot be read or is of another format.
fn read(index: &Path) -> Stored {
    let Ok(bytes) = std::fs::read(index) else {
        return Stored::default();
    };
    match serde_json::from_slice::<Stored>(&bytes) {
        Ok(stored) if stored.format == FORMAT => stored,
        _ => Stored::default(),
    }
}

fn write(root: &Path, files: HashMap<String, Entry>) -> crate::error::Result<()> {
    let dir = survey::private_dir(root)?;
    let stored = Stored {
        format: FORMAT,
        files,
    };
    let Ok(text) = serde_json::to_string(&stored) else {
        return Ok(());
    };
    atomic::write_file(&dir.join(FILE), &text)
}
