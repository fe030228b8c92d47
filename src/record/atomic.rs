//! Writes that never tear a file and never lose a concurrent writer's change.
//!
//! Every write goes to a temporary file in the same folder, is flushed to disk, and is renamed
//! over the record, so a crash leaves the old or the new file. Writers of one record take an
//! exclusive lock on a hidden lock file beside it, so they run one after the other and each
//! re-reads what the previous one wrote.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::t;

/// How long a writer waits for another one to finish with the same record.
const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Test hook: when this variable is set, the process aborts after the temporary file is
/// written and before the rename, as a power cut would stop it. A value other than `1` aborts
/// only the write of a file whose name ends with it, to stop between two writes.
const ABORT_BEFORE_RENAME: &str = "FORTB_TEST_ABORT_BEFORE_RENAME";

/// Test hook: writing a file whose name ends with this variable's value fails as on a full
/// disk.
const FAIL_WRITING: &str = "FORTB_TEST_FAIL_WRITING";

/// Whether the test hook `variable` names the file at `path`.
fn hook_names(variable: &str, path: &Path) -> bool {
    let Some(value) = std::env::var_os(variable) else {
        return false;
    };
    let name = path.file_name().map(|n| n.to_string_lossy().to_string());
    value == "1" || name.is_some_and(|name| name.ends_with(&*value.to_string_lossy()))
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let unique = format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    path.with_file_name(unique)
}

fn refuse_symlink(path: &Path) -> Result<()> {
    if path
        .symlink_metadata()
        .is_ok_and(|meta| meta.file_type().is_symlink())
    {
        return Err(Error::Message(t!("file.symlink", path = path.display())));
    }
    Ok(())
}

fn write_temp(path: &Path, contents: &str) -> Result<PathBuf> {
    if hook_names(FAIL_WRITING, path) {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        return Err(Error::io(path, full));
    }
    let temp = temp_path(path);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(path, error));
    }
    if hook_names(ABORT_BEFORE_RENAME, path) {
        std::process::abort();
    }
    Ok(temp)
}

fn sync_dir(path: &Path) {
    // Makes the rename itself durable; not every platform lets a folder be opened, so a
    // failure here is not an error.
    if let Some(dir) = path.parent() {
        if let Ok(dir) = File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        }) {
            let _ = dir.sync_all();
        }
    }
}

/// Replaces `path` with `contents` atomically. Refuses to write through a symbolic link.
pub fn write_file(path: &Path, contents: &str) -> Result<()> {
    refuse_symlink(path)?;
    let temp = write_temp(path, contents)?;
    if let Err(error) = std::fs::rename(&temp, path) {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(path, error));
    }
    sync_dir(path);
    remove_stale_temps(path);
    Ok(())
}

/// Creates `path` with `contents` unless it exists; `Ok(false)` when it does. Atomic: the file
/// appears whole or not at all, and two creators never both succeed.
pub fn create_new(path: &Path, contents: &str) -> Result<bool> {
    let temp = write_temp(path, contents)?;
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => {
            sync_dir(path);
            Ok(true)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Temporary files left by a writer that was killed. Only called under the record's lock, when
/// no other writer of the record can be between its temporary write and its rename.
fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return;
    };
    for entry in entries.flatten() {
        if let Some(file) = entry.file_name().to_str() {
            if file.starts_with(&prefix) && file.ends_with(".tmp") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether a file name is one of fortb's temporary files.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// Held while a record is being read, changed and written.
pub struct RecordLock {
    _file: File,
}

/// Takes the exclusive lock of the record at `path`, waiting for another writer up to
/// [`LOCK_TIMEOUT`].
pub fn lock(path: &Path) -> Result<RecordLock> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("record");
    let lock_path = path.with_file_name(format!(".{name}.lock"));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(RecordLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Message(t!(
                    "file.lock_timeout",
                    path = path.display(),
                    seconds = LOCK_TIMEOUT.as_secs()
                )))
            }
            Err(std::fs::TryLockError::Error(error)) => return Err(Error::io(&lock_path, error)),
        }
    }
}
