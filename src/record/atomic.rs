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

use crate::error::{with_forward_slashes, Error, Result};
use crate::record::parse;
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
        return Err(Error::Message(t!(
            "file.symlink",
            path = with_forward_slashes(path).display()
        )));
    }
    Ok(())
}

/// What is at `path` now, when anything: a write keeps its permissions, and refuses one that is
/// read-only or not a regular file (a device or a FIFO would be replaced by the rename).
fn existing_permissions(path: &Path) -> Result<Option<std::fs::Permissions>> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(path, error)),
    };
    if !meta.is_file() {
        return Err(Error::Message(t!(
            "file.not_regular_write",
            path = with_forward_slashes(path).display()
        )));
    }
    if meta.permissions().readonly() {
        return Err(Error::Message(t!(
            "file.read_only",
            path = with_forward_slashes(path).display()
        )));
    }
    Ok(Some(meta.permissions()))
}

fn write_temp(
    path: &Path,
    contents: &str,
    permissions: Option<std::fs::Permissions>,
) -> Result<PathBuf> {
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
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
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

/// Replaces `path` with `contents` atomically, keeping its permissions. Refuses to write
/// through a symbolic link, over something that is not a regular file, or over a read-only
/// file.
pub fn write_file(path: &Path, contents: &str) -> Result<()> {
    refuse_symlink(path)?;
    let permissions = existing_permissions(path)?;
    let temp = write_temp(path, contents, permissions)?;
    if let Err(error) = std::fs::rename(&temp, path) {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(path, error));
    }
    sync_dir(path);
    Ok(())
}

/// Writes an output the user named (`--out FILE`). A regular file is replaced atomically as by
/// [`write_file`]; a terminal, `/dev/null` or a named pipe (a character device or a FIFO, also
/// behind a link) is written in place, since replacing it would destroy it. Anything else
/// that is not a regular file is refused.
pub fn write_output(path: &Path, contents: &str) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::Message(t!(
            "export.folder",
            path = with_forward_slashes(path).display()
        ))),
        Ok(meta) if is_stream(&meta.file_type()) => {
            let mut file = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            file.write_all(contents.as_bytes())
                .and_then(|()| file.flush())
                .map_err(|e| Error::io(path, e))
        }
        _ => write_file(path, contents),
    }
}

#[cfg(unix)]
fn is_stream(file_type: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    file_type.is_char_device() || file_type.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::FileType) -> bool {
    false
}

/// Creates `path` with `contents` unless it exists; `Ok(false)` when it does. Atomic: the file
/// appears whole or not at all, and two creators never both succeed. For files nothing else
/// writes (`fortb.toml`, a new process model); a record is created under its lock
/// ([`RecordLock::create_new`]).
pub fn create_new(path: &Path, contents: &str) -> Result<bool> {
    let temp = write_temp(path, contents, None)?;
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

/// Whether a file name is one of fortb's temporary files.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// Held while a file (a record, `fortb.toml`, a survey's free text) is being read, changed
/// and written. Every writer of the file holds it between writing its temporary file and the
/// rename, so under it a temporary file of that name is certainly left by a writer that died.
pub struct RecordLock {
    _file: File,
    path: PathBuf,
}

impl RecordLock {
    /// Replaces the locked file as [`write_file`] does, refusing a text fortb could not read
    /// back, and removes temporary files left by writers of it that were killed.
    pub fn write(&self, contents: &str) -> Result<()> {
        self.refuse_unreadable(contents)?;
        write_file(&self.path, contents)?;
        self.remove_stale_temps();
        Ok(())
    }

    /// Creates the locked file as [`create_new`] does; `Ok(false)` when it exists. Under the
    /// lock, so that another writer's clean-up never takes this temporary file for a stale one.
    pub fn create_new(&self, contents: &str) -> Result<bool> {
        self.refuse_unreadable(contents)?;
        let created = create_new(&self.path, contents)?;
        if created {
            self.remove_stale_temps();
        }
        Ok(created)
    }

    /// Readers stop at [`parse::MAX_FILE_BYTES`]; a write past it would lock the user out of
    /// their own file, so it is refused before anything is written.
    fn refuse_unreadable(&self, contents: &str) -> Result<()> {
        if contents.len() as u64 > parse::MAX_FILE_BYTES {
            return Err(Error::Message(t!(
                "file.write_too_large",
                path = with_forward_slashes(&self.path).display(),
                size = parse::megabytes(contents.len() as u64),
                limit = parse::megabytes(parse::MAX_FILE_BYTES)
            )));
        }
        Ok(())
    }

    fn remove_stale_temps(&self) {
        let path = &self.path;
        let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
        else {
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
}

/// The hidden lock file of `path`: `.<name>.lock` beside it.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("record");
    path.with_file_name(format!(".{name}.lock"))
}

/// Takes the exclusive lock of the file at `path`, waiting for another writer up to
/// [`LOCK_TIMEOUT`].
pub fn lock(path: &Path) -> Result<RecordLock> {
    let lock_path = lock_path(path);
    let file = open_lock_file(&lock_path)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(RecordLock {
                    _file: file,
                    path: path.to_path_buf(),
                })
            }
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Message(t!(
                    "file.lock_timeout",
                    path = with_forward_slashes(path).display(),
                    seconds = LOCK_TIMEOUT.as_secs()
                )))
            }
            Err(std::fs::TryLockError::Error(error)) => return Err(Error::io(&lock_path, error)),
        }
    }
}

/// Opens (creating) a lock file, never through a symbolic link: a link committed under a lock
/// file's name would otherwise make every write create a file wherever it points.
fn open_lock_file(lock_path: &Path) -> Result<File> {
    let refuse = || {
        Error::Message(t!(
            "file.lock_symlink",
            path = with_forward_slashes(lock_path).display()
        ))
    };
    if lock_path
        .symlink_metadata()
        .is_ok_and(|meta| !meta.is_file())
    {
        return Err(refuse());
    }
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Closes the gap between the check above and the open.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    match options.open(lock_path) {
        Ok(file) => Ok(file),
        #[cfg(unix)]
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => Err(refuse()),
        Err(error) => Err(Error::io(lock_path, error)),
    }
}
