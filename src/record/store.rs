//! Finding and reading the records of a project: `initiatives/<id>.toml`, one per initiative.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Problem, RecordError, Result};
use crate::model::initiative::{Initiative, Record, SCHEMA};
use crate::record::cache::RecordCache;
use crate::record::parse;
use crate::record::project::Project;

/// What a read-only command gets: the records that parsed, and a diagnostic for each that did
/// not, so one broken file does not hide the rest.
#[derive(Debug, Default)]
pub struct Loaded {
    pub initiatives: Vec<Initiative>,
    pub broken: Vec<Diagnostic>,
}

/// The id and path of every record, sorted by id. Hidden files (fortb's temporary and lock
/// files, editors' backups) and anything not ending in `.toml` are not records.
pub fn record_files(project: &Project) -> Result<Vec<(String, PathBuf)>> {
    let dir = project.initiatives_dir();
    Ok(record_ids(project)?
        .into_iter()
        .map(|id| {
            let mut path = dir.join(&id);
            path.as_mut_os_string().push(".toml");
            (id, path)
        })
        .collect())
}

/// The id of every record, sorted, as [`record_files`] finds them.
pub fn record_ids(project: &Project) -> Result<Vec<String>> {
    let dir = project.initiatives_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(Error::io(&dir, error)),
    };
    let mut ids = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let Ok(mut name) = entry.file_name().into_string() else {
            continue;
        };
        if !name.starts_with('.') && name.ends_with(".toml") {
            name.truncate(name.len() - ".toml".len());
            ids.push(name);
        }
    }
    // The folder lists its files in no order. The ids alone are sorted, on all cores, by
    // their first bytes: at 100,000 records this sort was the one part of reading that grew
    // faster than the records.
    Ok(crate::order::by_text(ids, String::as_str))
}

/// Reads and parses one record.
pub fn load(id: &str, path: &Path) -> Result<Initiative> {
    load_owned(id.to_string(), path.to_path_buf())
}

/// Reads and parses one record, keeping only `answers`.
pub fn load_with(id: &str, path: &Path, answers: Answers) -> Result<Initiative> {
    answers.reading(|| load(id, path))
}

fn load_owned(id: String, path: PathBuf) -> Result<Initiative> {
    let record = parse::with_text(&path, |text| parse_record(&path, text))?;
    Ok(Initiative {
        id,
        path,
        record,
        unit: None,
    })
}

pub fn parse_record(path: &Path, text: &str) -> Result<Record> {
    parse::parse_toml::<Record>(path, text).map_err(Error::invalid)
}

pub use crate::model::initiative::Answers;

/// The records of the project that `keep` accepts; broken ones are collected, not fatal.
/// Files are read and parsed in parallel, each once, and the result is in id order whatever
/// the threads did. Records `keep` refuses are dropped by the thread that read them, so a
/// look-back over one year of ten never holds the other nine.
pub fn load_where(
    project: &Project,
    answers: Answers,
    keep: impl Fn(&Initiative) -> bool + Sync,
) -> Result<Loaded> {
    load_cached(project, answers, &RecordCache::none(), keep)
}

/// Like [`load_where`], with the texts that `cache` has seen read from their cached trees
/// rather than parsed again.
pub fn load_cached(
    project: &Project,
    answers: Answers,
    cache: &RecordCache,
    keep: impl Fn(&Initiative) -> bool + Sync,
) -> Result<Loaded> {
    use rayon::prelude::*;
    let mut files = record_files(project)?.into_iter();
    // The list is sized for every record, but only the pages of those kept are ever touched:
    // a look-back over two years of ten costs the memory of two.
    let mut initiatives = Vec::with_capacity(files.len());
    let mut broken = Vec::new();
    // Read a wave at a time into one small buffer that stays in the processor's caches, and
    // moved from it in order: a slot for every record of the project at once (750 bytes
    // each) was most of the memory a large look-back touched, and made 100,000 records cost
    // more than ten times 10,000.
    let mut wave: Vec<(String, PathBuf)> = Vec::with_capacity(WAVE);
    let mut read: Vec<Option<Result<Initiative, Diagnostic>>> = Vec::with_capacity(WAVE);
    loop {
        wave.extend(files.by_ref().take(WAVE));
        if wave.is_empty() {
            break;
        }
        read.par_extend(wave.par_drain(..).map(|(id, path)| {
            let record =
                parse::with_text(&path, |text| answers.reading(|| cache.read(&path, text)));
            match record {
                Ok(record) => {
                    let initiative = Initiative {
                        id,
                        path,
                        record,
                        unit: None,
                    };
                    keep(&initiative).then_some(Ok(initiative))
                }
                Err(error) => Some(Err(as_diagnostic(&path, error))),
            }
        }));
        for result in read.drain(..).flatten() {
            match result {
                Ok(initiative) => initiatives.push(initiative),
                Err(diagnostic) => broken.push(diagnostic),
            }
        }
    }
    Ok(Loaded {
        initiatives,
        broken,
    })
}

/// How many records are read at once: enough to keep both cores busy between two waves, few
/// enough that their slots stay in the processor's caches.
const WAVE: usize = 1024;

/// Lets go of records on all cores, for a command that no longer needs them before it makes
/// its output (so that the two are never in memory together), rather than letting them drop
/// one by one on one thread: at 10,000 records that freeing alone took a tenth of the
/// command's time. Once its output is made, a command leaves its records to the system.
pub fn release(initiatives: Vec<Initiative>) {
    use rayon::prelude::*;
    initiatives.into_par_iter().for_each(drop);
}

/// An error about one file, as a diagnostic (a whole-file problem sits at 1:1).
pub fn as_diagnostic(path: &Path, error: Error) -> Diagnostic {
    match error {
        Error::Invalid(diagnostic) => *diagnostic,
        other => Diagnostic::whole_file(
            path,
            Problem::Unreadable {
                path: path.into(),
                error: std::sync::Arc::new(other),
            },
        ),
    }
}

/// Finds a record by its id, a unique prefix of it, or words of its id or title that fit
/// only one record; otherwise says which ids come nearest.
pub fn resolve(project: &Project, given: &str) -> Result<(String, PathBuf)> {
    // A shortened id copied from a table ends in an ellipsis; the beginning is the id.
    let given = given.trim().trim_end_matches('…').trim_end_matches(".toml");
    let given = given.rsplit('/').next().unwrap_or(given);
    let files = record_files(project)?;
    if let Some(exact) = files.iter().find(|(id, _)| id == given) {
        return Ok(exact.clone());
    }
    let matches: Vec<&(String, PathBuf)> = files
        .iter()
        .filter(|(id, _)| !given.is_empty() && id.starts_with(given))
        .collect();
    match matches.as_slice() {
        [only] => Ok((*only).clone()),
        [] => by_words(&files, given),
        many => Err(ambiguous(given, many)),
    }
}

fn ambiguous(given: &str, many: &[&(String, PathBuf)]) -> Error {
    let candidates = many.iter().map(|(id, _)| id.clone()).collect();
    let given = given.to_string();
    RecordError::AmbiguousId { given, candidates }.into()
}

/// What no id begins with: the record whose id and title hold every word given, when only
/// one does; else the ids nearest to a typo, nearest first.
fn by_words(files: &[(String, PathBuf)], given: &str) -> Result<(String, PathBuf)> {
    let typed = crate::model::slug::slugify(given);
    let words: Vec<&str> = typed.split('-').collect();
    let names = names(files);
    // Each word typed begins a word of the record (`tydlig` fits `tydliggorande`), and one of
    // them is long enough to mean something.
    let fits = |name: &str| {
        words.iter().any(|word| word.len() >= 3)
            && words
                .iter()
                .all(|word| name.split('-').any(|w| w.starts_with(word)))
    };
    let fitting: Vec<&(String, PathBuf)> = files
        .iter()
        .zip(&names)
        .filter(|(_, name)| fits(name))
        .map(|(file, _)| file)
        .collect();
    match fitting.as_slice() {
        [only] => return Ok((*only).clone()),
        [] => {}
        many => return Err(ambiguous(given, many)),
    }
    let mut near: Vec<(usize, &str)> = files
        .iter()
        .zip(&names)
        .filter_map(|((id, _), name)| typo_distance(&typed, id, name).map(|d| (d, id.as_str())))
        .collect();
    near.sort_unstable();
    let nearest = near.into_iter().take(8).map(|(_, id)| id.to_string());
    Err(RecordError::UnknownId {
        given: given.to_string(),
        nearest: nearest.collect(),
    }
    .into())
}

/// Each record's id and title as one slug (`id-title-words`), read in parallel; a record that
/// does not read gives its id alone.
fn names(files: &[(String, PathBuf)]) -> Vec<String> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|(id, path)| {
            let title = parse::with_text(path, |text| parse_record(path, text))
                .map(|record| crate::model::slug::slugify(&record.title))
                .unwrap_or_default();
            format!("{id}-{title}")
        })
        .collect()
}

/// How far `typed` is from the record as a typo: from the id's beginning of the same length,
/// or word by word from the id's and title's words. None when too far to be a typo (a third
/// of the letters, at least one).
fn typo_distance(typed: &str, id: &str, name: &str) -> Option<usize> {
    use crate::model::spelling::distance;
    let limit = |word: &str| (word.chars().count() / 3).max(1);
    let start: String = id.chars().take(typed.chars().count()).collect();
    let from_start = distance(typed, &start);
    let words: Vec<&str> = typed.split('-').filter(|word| word.len() >= 3).collect();
    // Every word typed must be near some word of the record; the distances add up.
    let by_word = (!words.is_empty())
        .then(|| {
            words
                .iter()
                .map(|word| {
                    let nearest = name.split('-').map(|w| distance(word, w)).min()?;
                    (nearest <= limit(word)).then_some(nearest)
                })
                .sum::<Option<usize>>()
        })
        .flatten();
    let from_start = (from_start <= limit(typed)).then_some(from_start);
    [from_start, by_word].into_iter().flatten().min()
}

/// A record is written only by a fortb that understands its schema.
pub fn ensure_writable_schema(path: &Path, record: &Record) -> Result<()> {
    if record.schema > SCHEMA {
        return Err(RecordError::NewerSchema {
            path: path.to_path_buf(),
            found: record.schema,
            supported: SCHEMA,
        }
        .into());
    }
    Ok(())
}
