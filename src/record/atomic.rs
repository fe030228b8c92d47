//! Writes that never tear a file and never lose a concurrent writer's change.
//!
//! Every write goes to a temporary file in the same folder, is flushed to disk, and is renamed
//! over the record, so a crash leaves the old or the new file. Writers of one record take an
//! exclusive lock on a hidden lock file beside it, so they run one after the other and each
//! re-reads what the previous one wrote.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
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

/// Test hook: writing a file whose name ends with this variable's value, or moving a file onto
/// it, fails as on a full disk.
const FAIL_WRITING: &str = "FORTB_TEST_FAIL_WRITING";

/// Whether the test hook `variable` names the file at `path`.
fn hook_names(variable: &str, path: &Path) -> bool {
    let Some(value) = std::env::var_os(variable) else {
        return false;
    };
    let name = path.file_name().map(|n| n.to_string_lossy().to_string());
    value == "1" || name.is_some_and(|name| name.ends_with(&*value.to_string_lossy()))
}

/// Fails as on a full disk when the test hook [`FAIL_WRITING`] names `path`: a write of it, or a
/// move onto it (`fortb rename`).
pub fn fail_by_test_hook(path: &Path) -> Result<()> {
    if hook_names(FAIL_WRITING, path) {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        return Err(Error::io(path, full));
    }
    Ok(())
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

/// What writes a file's contents into it: the text of a record, or an export made row by row
/// straight into the file.
pub trait Contents: FnOnce(&mut dyn Write) -> std::io::Result<()> {}
impl<F: FnOnce(&mut dyn Write) -> std::io::Result<()>> Contents for F {}

/// The [`Contents`] that writes `text`.
fn text(text: &str) -> impl Contents + '_ {
    move |out| out.write_all(text.as_bytes())
}

fn write_temp(
    path: &Path,
    contents: impl Contents,
    permissions: Option<std::fs::Permissions>,
) -> Result<PathBuf> {
    fail_by_test_hook(path)?;
    let temp = temp_path(path);
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        hidden_on_windows(&mut options);
        let file = options.open(&temp)?;
        let mut buffered = BufWriter::new(&file);
        contents(&mut buffered)?;
        buffered.flush()?;
        drop(buffered);
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()?;
        // The file keeps its attributes when renamed: the record must not be hidden.
        unhide_on_windows(&temp)
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

/// Makes a file created with `options` hidden on Windows, as its leading dot hides it elsewhere,
/// so that fortb's lock and temporary files never clutter a folder in Explorer.
fn hidden_on_windows(options: &mut OpenOptions) {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        options.attributes(windows_sys::Win32::Storage::FileSystem::FILE_ATTRIBUTE_HIDDEN);
    }
    #[cfg(not(windows))]
    let _ = options;
}

/// Clears the hidden attribute [`hidden_on_windows`] gave a temporary file.
#[cfg(windows)]
fn unhide_on_windows(path: &Path) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use std::os::windows::fs::MetadataExt;
    use windows_sys::Win32::Storage::FileSystem::{SetFileAttributesW, FILE_ATTRIBUTE_HIDDEN};
    let attributes = std::fs::metadata(path)?.file_attributes() & !FILE_ATTRIBUTE_HIDDEN;
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain([0]).collect();
    // SAFETY: `wide` is a NUL-terminated path that lives through the call.
    match unsafe { SetFileAttributesW(wide.as_ptr(), attributes) } {
        0 => Err(std::io::Error::last_os_error()),
        _ => Ok(()),
    }
}

#[cfg(not(windows))]
fn unhide_on_windows(_: &Path) -> std::io::Result<()> {
    Ok(())
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
    replace(path, text(contents))
}

/// Replaces `path` as [`write_file`] does with what `contents` writes.
fn replace(path: &Path, contents: impl Contents) -> Result<()> {
    refuse_symlink(path)?;
    let permissions = existing_permissions(path)?;
    let temp = write_temp(path, contents, permissions)?;
    let rename = |from: &Path, to: &Path| std::fs::rename(from, to);
    if let Err(error) =
        rename_patiently(&temp, path, rename, held_by_another_program, HELD_PATIENCE)
    {
        let _ = std::fs::remove_file(&temp);
        if held_by_another_program(&error) {
            return Err(Error::Message(t!(
                "replace.held",
                path = with_forward_slashes(path).display(),
                seconds = HELD_PATIENCE.as_secs()
            )));
        }
        return Err(Error::io(path, error));
    }
    sync_dir(path);
    Ok(())
}

/// How long a replace waits for another program to let go of the file.
const HELD_PATIENCE: Duration = Duration::from_secs(2);

/// Whether a rename failed because another program has the file open: on Windows a virus
/// scanner, OneDrive or an editor that holds a file without sharing it makes a replace fail
/// with ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32) or ERROR_LOCK_VIOLATION (33),
/// usually only for a moment. On other systems a rename is never refused for that.
fn held_by_another_program(error: &std::io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// Renames `from` over `to` with `rename`, trying again with growing pauses for up to
/// `patience` while the failure `is_held` says another program holds the target.
fn rename_patiently(
    from: &Path,
    to: &Path,
    mut rename: impl FnMut(&Path, &Path) -> std::io::Result<()>,
    is_held: impl Fn(&std::io::Error) -> bool,
    patience: Duration,
) -> std::io::Result<()> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        match rename(from, to) {
            Err(error) if is_held(&error) && started.elapsed() < patience => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(250));
            }
            result => return result,
        }
    }
}

/// Writes an output the user named (`--out FILE`). A regular file is replaced atomically as by
/// [`write_file`]; a terminal, `/dev/null` or a named pipe (a character device or a FIFO, also
/// behind a link) is written in place, since replacing it would destroy it. Anything else
/// that is not a regular file is refused. `contents` writes the output into it, buffered, so an
/// export of any size goes out as it is made.
pub fn write_output(path: &Path, contents: impl Contents) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::Message(t!(
            "export.folder",
            path = with_forward_slashes(path).display()
        ))),
        Ok(meta) if is_stream(&meta.file_type()) => {
            let file = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            let mut buffered = BufWriter::new(file);
            contents(&mut buffered)
                .and_then(|()| buffered.flush())
                .map_err(|e| Error::io(path, e))
        }
        _ => replace(path, contents),
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

/// Makes sure the folder an export writes its files into exists (`--out DIR`), creating it and
/// its parents as needed; refuses a path that is something other than a folder.
pub fn output_folder(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Message(t!(
            "export_tables.not_a_folder",
            path = with_forward_slashes(dir).display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Creates `path` with `contents` unless it exists; `Ok(false)` when it does. Atomic: the file
/// appears whole or not at all, and two creators never both succeed. For files nothing else
/// writes (`fortb.toml`, a new process model); a record is created under its lock
/// ([`RecordLock::create_new`]).
pub fn create_new(path: &Path, contents: &str) -> Result<bool> {
    let temp = write_temp(path, text(contents), None)?;
    let created = link_or_create(&temp, path, contents, |from, to| {
        std::fs::hard_link(from, to)
    });
    let _ = std::fs::remove_file(&temp);
    match created {
        Ok(()) => {
            sync_dir(path);
            Ok(true)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Gives the written temporary file `temp` the name `path` with `link`, which fails when
/// `path` exists. A file system without hard links (FAT and exFAT USB sticks, many network
/// shares) refuses the link: then `path` is created exclusively and written, so two creators
/// still never both succeed, and a failed write leaves nothing behind.
fn link_or_create(
    temp: &Path,
    path: &Path,
    contents: &str,
    link: impl FnOnce(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match link(temp, path) {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            let written = file
                .write_all(contents.as_bytes())
                .and_then(|()| file.sync_all());
            if written.is_err() {
                drop(file);
                let _ = std::fs::remove_file(path);
            }
            written
        }
        result => result,
    }
}

/// Whether a file name is one of fortb's temporary files.
pub fn is_temp_file(name: &str) -> bool {
    temp_target(name).is_some()
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

    /// Removes the temporary files of the locked file, all left by writers that died; returns
    /// how many were removed.
    fn remove_stale_temps(&self) -> usize {
        let path = &self.path;
        let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
        else {
            return 0;
        };
        let Ok(entries) = std::fs::read_dir(folder(dir)) else {
            return 0;
        };
        entries
            .flatten()
            .filter(|entry| {
                entry
                    .file_name()
                    .to_str()
                    .is_some_and(|file| temp_target(file) == Some(name))
            })
            .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
            .count()
    }
}

impl Drop for RecordLock {
    /// Removes the lock file while still holding the lock, so none is left in the folder; a
    /// writer waiting on the removed file notices and takes the lock anew ([`lock`]).
    fn drop(&mut self) {
        let _ = std::fs::remove_file(lock_path(&self.path));
    }
}

/// `dir`, or the current folder for a path without one.
fn folder(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// The name of the file a temporary file was written for: `x.toml` for
/// `.x.toml.1234.0.tmp`.
fn temp_target(temp: &str) -> Option<&str> {
    let inner = temp.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = inner.rsplitn(3, '.');
    let (_counter, _pid, name) = (parts.next()?, parts.next()?, parts.next()?);
    Some(name)
}

/// Removes the temporary files in `dir` left by fortb writers that were killed (`fortb check
/// --fix`), each under the lock of the file it was written for, so a write in progress in
/// another fortb keeps its own; returns how many were removed.
pub fn remove_leftover_temps(dir: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let targets: std::collections::BTreeSet<String> = entries
        .flatten()
        .filter_map(|entry| temp_target(entry.file_name().to_str()?).map(str::to_string))
        .collect();
    let mut removed = 0;
    for target in targets {
        removed += lock(&dir.join(target))?.remove_stale_temps();
    }
    Ok(removed)
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
    let started = Instant::now();
    let timed_out = || {
        Error::Message(t!(
            "file.lock_timeout",
            path = with_forward_slashes(path).display(),
            seconds = LOCK_TIMEOUT.as_secs()
        ))
    };
    loop {
        let file = match open_lock_file(&lock_path) {
            Ok(file) => file,
            // Windows: a lock file being removed by the writer before cannot be opened until
            // that writer has closed it.
            Err(Error::Io { source, .. })
                if held_by_another_program(&source) && started.elapsed() < LOCK_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            Err(error) => return Err(error),
        };
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(timed_out()),
                Err(std::fs::TryLockError::Error(error)) => {
                    return Err(Error::io(&lock_path, error))
                }
            }
        }
        // The writer before removed the lock file on its way out: this lock is on a file no
        // longer in the folder, and a third writer may hold the new one. Start again.
        if same_file(&file, &lock_path) {
            return Ok(RecordLock {
                _file: file,
                path: path.to_path_buf(),
            });
        }
        if started.elapsed() >= LOCK_TIMEOUT {
            return Err(timed_out());
        }
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), path.symlink_metadata()) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Whether `path` still names the open `file`: the same volume and file index.
#[cfg(windows)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{
        GetFileInformationByHandle, BY_HANDLE_FILE_INFORMATION,
    };
    let identity = |file: &File| {
        // SAFETY: the handle is open for the call; the structure is plain data it fills.
        unsafe {
            let mut info: BY_HANDLE_FILE_INFORMATION = std::mem::zeroed();
            (GetFileInformationByHandle(file.as_raw_handle() as _, &mut info) != 0).then_some((
                info.dwVolumeSerialNumber,
                info.nFileIndexHigh,
                info.nFileIndexLow,
            ))
        }
    };
    let named = OpenOptions::new().read(true).open(path);
    match (identity(file), named.ok().as_ref().and_then(identity)) {
        (Some(open), Some(named)) => open == named,
        _ => false,
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
    hidden_on_windows(&mut options);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    fn folder() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn without_hard_links_a_new_file_is_created_exclusively_instead() {
        let dir = folder();
        let (temp, path) = (
            dir.path().join(".x.toml.1.0.tmp"),
            dir.path().join("x.toml"),
        );
        std::fs::write(&temp, "title = \"X\"\n").unwrap();
        // A FAT stick says the operation is not supported; a share may say permission denied.
        for refusal in [ErrorKind::Unsupported, ErrorKind::PermissionDenied] {
            let _ = std::fs::remove_file(&path);
            let no_links = |_: &Path, _: &Path| Err(std::io::Error::from(refusal));
            link_or_create(&temp, &path, "title = \"X\"\n", no_links).unwrap();
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "title = \"X\"\n");
        }
        // Two creators never both succeed, and the first one's file is kept.
        let no_links = |_: &Path, _: &Path| Err(std::io::Error::from(ErrorKind::Unsupported));
        let second = link_or_create(&temp, &path, "title = \"Y\"\n", no_links);
        assert_eq!(second.unwrap_err().kind(), ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "title = \"X\"\n");
    }

    #[test]
    fn a_replace_waits_while_another_program_holds_the_file() {
        let held = |error: &std::io::Error| error.kind() == ErrorKind::ResourceBusy;
        let mut attempts = 0;
        let let_go_on_the_third = |_: &Path, _: &Path| {
            attempts += 1;
            match attempts {
                1 | 2 => Err(std::io::Error::from(ErrorKind::ResourceBusy)),
                _ => Ok(()),
            }
        };
        let path = Path::new("x.toml");
        rename_patiently(
            path,
            path,
            let_go_on_the_third,
            held,
            Duration::from_secs(2),
        )
        .unwrap();
        assert_eq!(attempts, 3);

        // Held for good: it gives up after its patience with the program's error.
        let started = Instant::now();
        let mut attempts = 0;
        let never = |_: &Path, _: &Path| {
            attempts += 1;
            Err(std::io::Error::from(ErrorKind::ResourceBusy))
        };
        let error = rename_patiently(path, path, never, held, Duration::from_millis(200));
        assert_eq!(error.unwrap_err().kind(), ErrorKind::ResourceBusy);
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!((3..20).contains(&attempts), "{attempts} attempts");

        // Any other failure is not waited on.
        let mut attempts = 0;
        let gone = |_: &Path, _: &Path| {
            attempts += 1;
            Err(std::io::Error::from(ErrorKind::NotFound))
        };
        assert!(rename_patiently(path, path, gone, held, Duration::from_secs(2)).is_err());
        assert_eq!(attempts, 1);
    }

    #[test]
    fn only_windows_says_a_file_is_held() {
        for code in [5, 32, 33] {
            let error = std::io::Error::from_raw_os_error(code);
            assert_eq!(held_by_another_program(&error), cfg!(windows), "{code}");
        }
        assert!(!held_by_another_program(&std::io::Error::from(
            ErrorKind::NotFound
        )));
    }

    #[test]
    fn a_temporary_file_names_what_it_was_written_for() {
        assert_eq!(temp_target(".x.toml.1234.0.tmp"), Some("x.toml"));
        assert_eq!(temp_target(".fortb.toml.99.12.tmp"), Some("fortb.toml"));
        assert_eq!(temp_target("x.toml"), None);
        assert_eq!(temp_target(".x.toml.lock"), None);
        assert_eq!(temp_target(".tmp"), None);
    }

    #[test]
    fn no_lock_file_stays_behind_and_writers_still_take_turns() {
        let dir = folder();
        let path = dir.path().join("count.toml");
        std::fs::write(&path, "0").unwrap();
        let writers: Vec<_> = (0..6)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        let lock = lock(&path).unwrap();
                        let n: u32 = std::fs::read_to_string(&path).unwrap().parse().unwrap();
                        lock.write(&(n + 1).to_string()).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "150");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["count.toml"]);
    }

    #[test]
    fn leftover_temps_are_removed_but_a_write_in_progress_keeps_its_own() {
        let dir = folder();
        std::fs::write(dir.path().join(".a.toml.1.0.tmp"), "").unwrap();
        std::fs::write(dir.path().join(".a.toml.2.0.tmp"), "").unwrap();
        std::fs::write(dir.path().join(".b.toml.3.0.tmp"), "").unwrap();
        let writing_b = lock(&dir.path().join("b.toml")).unwrap();
        let cleaner = {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || remove_leftover_temps(&dir).unwrap())
        };
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            dir.path().join(".b.toml.3.0.tmp").exists(),
            "removed under a writer"
        );
        drop(writing_b);
        assert_eq!(cleaner.join().unwrap(), 3);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
