//! When a calendar event last changed, so that a calendar holding an older version of it takes
//! the newer one. An event is made from its record and its project's settings (`fortb.toml`
//! for the follow-up days, the process models for the deadlines), so it changed when the
//! last of those did: in git, at the last commit that changed the file, or, where the file
//! has changed since (or is not committed, or there is no git), when the file was written.
//! The event's SEQUENCE is that moment counted in seconds: it rises with every change, even
//! after history was rewritten (a squash or a rebase makes new commits, dated when they were
//! made), and the same files give the same calendar.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime};

use crate::git::repo::{self, Revisions};
use crate::record::project::{self, Project, CONFIG_FILE, INITIATIVES_DIR, PROCESSES_DIR};

/// What git and the file system say about one project's records and settings.
pub struct Changes {
    files: HashMap<String, Revisions>,
    /// When the project's settings last changed, in seconds since 1970.
    settings: Option<i64>,
}

impl Changes {
    /// Asks git once for the whole project (two commands), and reads the settings' times.
    pub fn of(project: &Project) -> Changes {
        let files = repo::revisions(
            &project.root,
            &[INITIATIVES_DIR, CONFIG_FILE, PROCESSES_DIR],
        );
        let mut changes = Changes {
            files,
            settings: None,
        };
        changes.settings = project
            .settings_files()
            .iter()
            .filter_map(|path| changes.changed(&project.root, path))
            .max();
        changes
    }

    /// When the events of the record at `path` in `project` last changed, in UTC: the later of
    /// the record's change and the settings'. `None` where nothing can tell.
    pub fn of_record(&self, project: &Project, path: &Path) -> Option<NaiveDateTime> {
        let seconds = self.changed(&project.root, path).max(self.settings)?;
        DateTime::from_timestamp(seconds, 0).map(|time| time.naive_utc())
    }

    /// When the file at `path` of the project at `root` last changed: its last commit, unless
    /// it changed since (or was never committed), then when it was written — at least a
    /// second after that commit, so a change not yet committed always counts as newer.
    fn changed(&self, root: &Path, path: &Path) -> Option<i64> {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let key: Vec<String> = relative
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let revision = self.files.get(&key.join("/")).copied().unwrap_or_default();
        let committed = (revision.commits > 0).then_some(revision.last_commit);
        if committed.is_some() && !revision.changed_since {
            return committed;
        }
        let after_commit = committed.map(|time| time + 1);
        project::modified_at(path).max(after_commit)
    }
}

/// An event's SEQUENCE for a change at `modified`: the seconds since 2020 began (UTC), which
/// fit the 32-bit number calendar programs keep until 2088.
pub fn sequence(modified: NaiveDateTime) -> u32 {
    let start = DateTime::from_timestamp(1_577_836_800, 0)
        .expect("2020-01-01 exists")
        .naive_utc();
    let seconds = (modified - start)
        .num_seconds()
        .clamp(0, i64::from(i32::MAX));
    u32::try_from(seconds).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_counts_seconds_since_2020() {
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(sequence(at("2020-01-01 00:00:00")), 0);
        assert_eq!(sequence(at("2019-05-01 00:00:00")), 0);
        assert_eq!(sequence(at("2020-01-01 00:01:01")), 61);
        assert!(sequence(at("2026-10-12 08:30:01")) > sequence(at("2026-10-12 08:30:00")));
        assert_eq!(sequence(at("2300-01-01 00:00:00")), i32::MAX as u32);
    }
}
