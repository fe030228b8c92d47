//! Tests that need something outside fortb: a program (git, LibreOffice, Python's icalendar,
//! Chromium, axe-core, pdftotext) or a feature of the system (`/dev/full`, a user without
//! root's rights). In CI (`CI` set, as `.ci/run` sets it) each of them is required: a missing
//! one fails the test. Elsewhere the test is skipped, visibly: a line on the terminal as it is
//! skipped (written past the test harness's capture) and a count at the end of the test file's
//! run, so a skip never reads as a plain pass.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

static SKIPPED: AtomicUsize = AtomicUsize::new(0);

/// Whether this is a CI run, where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// `found`, or `None` after skipping the current test because `missing`; in CI the test fails.
pub fn needs<T>(found: Option<T>, missing: &str) -> Option<T> {
    if found.is_none() {
        skip(missing);
    }
    found
}

/// Skips the rest of the current test (the caller returns) because `reason`, saying so on the
/// terminal and in the count at the end; in CI the test fails instead.
pub fn skip(reason: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    assert!(
        !in_ci(),
        "{test}: {reason}; CI requires it (.ci/run installs it)"
    );
    SKIPPED.fetch_add(1, Ordering::SeqCst);
    static SUMMARY: Once = Once::new();
    SUMMARY.call_once(print_summary_at_exit);
    // Straight to the terminal: the harness captures only print! and eprint!.
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

#[cfg(unix)]
fn print_summary_at_exit() {
    extern "C" fn summary() {
        let count = SKIPPED.load(Ordering::SeqCst);
        let tests = if count == 1 { "test" } else { "tests" };
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: {count} {tests} in this file did not run (see SKIPPED above); CI runs them"
        );
    }
    // SAFETY: registers a function that only writes to stderr, run once as the process exits.
    unsafe {
        libc::atexit(summary);
    }
}

#[cfg(not(unix))]
fn print_summary_at_exit() {}

/// The first of `names` in a folder on PATH.
pub fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Whether `git` runs here; when not, the current test is skipped (see [`skip`]).
pub fn git_or_skip() -> bool {
    let found = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    needs(found.then_some(()), "git is not installed").is_some()
}

/// A Python that has the `icalendar` package, or `None` after skipping (see [`needs`]).
pub fn icalendar_python() -> Option<PathBuf> {
    let path = std::env::var_os("PATH");
    let found = path.and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| ["python3", "python", "python.exe"].map(|name| dir.join(name)))
            .filter(|candidate| candidate.is_file())
            .find(|python| {
                std::process::Command::new(python)
                    .args(["-c", "import icalendar"])
                    .output()
                    .is_ok_and(|output| output.status.success())
            })
    });
    needs(
        found,
        "Python's icalendar package is missing (pip install icalendar)",
    )
}

/// `ics` read by `python`'s `icalendar` package, as a calendar program would read it: its
/// `name` (X-WR-CALNAME), `rfc7986_name` (NAME) and `events`, each with its `uid`, `start`
/// (`YYYY-MM-DD` for a whole day), `sequence`, `last_modified`, `stamp`, `summary` and
/// `description` (null or empty where the event has none).
pub fn read_calendar(python: &Path, ics: &str) -> serde_json::Value {
    const SCRIPT: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
def text(value):
    return None if value is None else str(value)
def when(component, key):
    return component.decoded(key).isoformat() if key in component else None
events = [{
    "uid": str(e["UID"]),
    "start": e.decoded("DTSTART").isoformat(),
    "sequence": int(e["SEQUENCE"]) if "SEQUENCE" in e else None,
    "last_modified": when(e, "LAST-MODIFIED"),
    "stamp": when(e, "DTSTAMP"),
    "summary": str(e["SUMMARY"]),
    "description": str(e.get("DESCRIPTION", "")),
} for e in cal.walk("VEVENT")]
print(json.dumps({"name": text(cal.get("X-WR-CALNAME")), "rfc7986_name": text(cal.get("NAME")), "events": events}))
"#;
    let mut child = std::process::Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "icalendar cannot read the calendar ({}):\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// fortb, in `dir`, as a user that permissions apply to, for a test of what they refuse: the
/// fortb of [`super::fortb_process`] when the tests do not run as root; as root (as CI runs),
/// the same fortb run as `nobody` through `setpriv`, with `dir` and all in it made nobody's
/// (so only the permissions the test sets stop it), from a copy of the binary in a folder
/// that user can reach (the copy goes with the returned folder). `None` after skipping the
/// test when root has no `setpriv` (see [`needs`]).
#[cfg(unix)]
pub fn fortb_without_root(
    dir: &Path,
) -> Option<(std::process::Command, Option<tempfile::TempDir>)> {
    use std::os::unix::fs::PermissionsExt;
    let mut fortb = super::fortb_process();
    fortb.current_dir(dir);
    // SAFETY: geteuid only reads the process's user id.
    if unsafe { libc::geteuid() } != 0 {
        return Some((fortb, None));
    }
    let setpriv = needs(
        on_path(&["setpriv"]),
        "running as root, and setpriv (util-linux) is not installed to run fortb as nobody",
    )?;
    let reachable = |path: &Path| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap()
    };
    let bin_dir = tempfile::tempdir().unwrap();
    reachable(bin_dir.path());
    reachable(dir);
    give_to_nobody(dir);
    let copy = bin_dir.path().join("fortb");
    // A link, not a copy where it can be: a copy's file is open for writing while it is made,
    // and a process another test forks just then keeps it open, so running it fails with
    // "Text file busy".
    if std::fs::hard_link(super::fortb_bin(), &copy).is_err() {
        std::fs::copy(super::fortb_bin(), &copy).unwrap();
    }
    reachable(&copy);
    let mut command = std::process::Command::new(setpriv);
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&copy)
        .current_dir(dir)
        .env("HOME", dir);
    for (key, value) in fortb.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    Some((command, Some(bin_dir)))
}

/// Makes `path` and everything in it belong to nobody (user and group 65534).
#[cfg(unix)]
fn give_to_nobody(path: &Path) {
    std::os::unix::fs::lchown(path, Some(65534), Some(65534)).unwrap();
    if path.is_dir() && !path.is_symlink() {
        for entry in std::fs::read_dir(path).unwrap() {
            give_to_nobody(&entry.unwrap().path());
        }
    }
}
