//! A small builder for driving the real `fortb` binary in a throw-away project, in the style of
//! casey/just's tests:
//!
//! ```ignore
//! let project = Project::new().file("initiatives/x.toml", "title = \"X\"\nkind = \"other\"\n");
//! project.run(&["list"]).success().stdout(contains("x"));
//! ```
//!
//! Every command runs with a clean, English, non-interactive environment: the user's locale,
//! editor, colour and project settings never leak into a test.

#![allow(dead_code)]

mod fixtures;
mod tools;

// Each test file uses some of these.
#[allow(unused_imports)]
pub use fixtures::*;
#[allow(unused_imports)]
pub use tools::*;

use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use assert_cmd::Command;
use tempfile::TempDir;

/// Environment variables that change what fortb does; removed before every run.
pub const SCRUBBED_ENV: &[&str] = &[
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "FORTB_PROJECT",
    "VISUAL",
    "EDITOR",
    "NO_COLOR",
    "COLUMNS",
    "RUST_BACKTRACE",
    "FORTB_TEST_ABORT_BEFORE_RENAME",
    "FORTB_TEST_FAIL_WRITING",
    // The day fortb takes for today: a test that depends on it sets it.
    "FORTB_TODAY",
    // A repository or settings of the git that runs the tests (a hook, a worktree).
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
];

/// Git with none of the machine's settings (global or system) and a fixed author and
/// committer: set on every fortb and every git the tests run, so a user's `user.name`,
/// signing or hooks never reach a test. A test that needs a git setting writes its own.
pub const GIT_ENV: &[(&str, &str)] = &[
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.org"),
    ("GIT_COMMITTER_NAME", "Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.org"),
];

/// The `fortb` binary with a scrubbed environment and `LANG=C`.
pub fn fortb() -> Command {
    Command::from_std(fortb_process())
}

/// The fortb under test as a plain process, with a scrubbed environment and `LANG=C`: this
/// build's binary, or the one `FORTB_TEST_BIN` names (such as a cross-built `fortb.exe`),
/// started through the program `FORTB_TEST_RUNNER` names (such as `wine`) when that is set.
pub fn fortb_process() -> std::process::Command {
    let mut command = match std::env::var_os("FORTB_TEST_RUNNER") {
        Some(runner) => {
            let mut command = std::process::Command::new(runner);
            command.arg(fortb_bin());
            command
        }
        None => std::process::Command::new(fortb_bin()),
    };
    for var in SCRUBBED_ENV {
        command.env_remove(var);
    }
    command.envs(GIT_ENV.iter().copied());
    command.env("LANG", english());
    command
}

/// The `LANG` every fortb runs with: English.
fn english() -> &'static str {
    // wine passes arguments on in the Unix locale's character set: `C` would mangle å, ä, ö.
    match std::env::var_os("FORTB_TEST_RUNNER") {
        Some(_) => "C.UTF-8",
        None => "C",
    }
}

/// The fortb binary under test (see [`fortb_process`]).
pub fn fortb_bin() -> PathBuf {
    std::env::var_os("FORTB_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_fortb")))
}

/// The fortb under test as a command line for a shell, such as git's merge driver setting:
/// its runner (`wine`) first when there is one.
pub fn fortb_command_line() -> String {
    let mut words: Vec<PathBuf> = std::env::var_os("FORTB_TEST_RUNNER")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    words.push(fortb_bin());
    let words: Vec<&str> = words
        .iter()
        .map(|path| path.to_str().expect("the fortb path is UTF-8"))
        .collect();
    shell_words::join(words)
}

/// The stand-in editor, examples/fake_editor.rs, built for the same system as the fortb under
/// test and found beside it. `cargo test` builds it; so does `cargo build --example fake_editor`.
pub fn fake_editor() -> PathBuf {
    let bin = fortb_bin();
    let mut path = bin
        .parent()
        .expect("the fortb binary is in a folder")
        .join("examples")
        .join("fake_editor");
    if let Some(extension) = bin.extension() {
        path.set_extension(extension);
    }
    assert!(
        path.is_file(),
        "{} is missing: build it with `cargo build --example fake_editor`",
        path.display()
    );
    path
}

/// The example project shipped in `examples/skola`.
pub fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/skola")
}

/// A temporary folder, usually a fortb project, that commands run in.
pub struct Project {
    dir: TempDir,
    /// Where commands run, relative to the project folder.
    cwd: PathBuf,
    env: Vec<(String, String)>,
}

impl Project {
    /// A fresh project made by `fortb init --name skolan`.
    pub fn new() -> Project {
        let project = Project::empty();
        project.run(&["init", "--name", "skolan"]).success();
        project
    }

    /// An empty temporary folder: no `fortb.toml`, no `initiatives/`.
    pub fn empty() -> Project {
        let dir = tempfile::Builder::new()
            .prefix("fortb-test-")
            .tempdir()
            .expect("a temporary folder");
        Project {
            dir,
            cwd: PathBuf::new(),
            env: Vec::new(),
        }
    }

    /// A copy of `examples/skola` (a Swedish project with 15 initiatives).
    pub fn example() -> Project {
        let project = Project::empty();
        copy_dir(&example_dir(), project.root());
        // Copied alone, the school has no organiser beside it: it is read as a project of
        // its own, as a school without an organiser is.
        let config = project.read("fortb.toml");
        let alone = config
            .split_once("\n[organisation]")
            .map_or(config.as_str(), |(before, _)| before);
        project.write("fortb.toml", format!("{}\n", alone.trim_end()));
        project
    }

    /// The three example projects side by side, as the organiser reads them: `kommun`, the
    /// organiser, and its units `skola` and `byskolan`, each a folder of this one.
    pub fn examples() -> Project {
        let project = Project::empty();
        let examples = example_dir().parent().unwrap().to_path_buf();
        for name in ["kommun", "skola", "byskolan"] {
            copy_dir(&examples.join(name), &project.path(name));
        }
        project
    }

    /// The project folder (absolute).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `rel` inside the project folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes `text` to `rel`, creating folders as needed.
    pub fn file(self, rel: &str, text: &str) -> Project {
        self.write(rel, text);
        self
    }

    /// Like [`Project::file`], for a project already in use.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
    }

    /// The command with `EDITOR` set to the stand-in editor, which does `actions` (see
    /// examples/fake_editor.rs: `append TEXT`, `replace FROM => TO`, `exit CODE`, …).
    pub fn with_editor(&self, actions: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.env("EDITOR", fake_editor())
            .env("FORTB_FAKE_EDITOR", actions);
        cmd
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// The bytes of `rel`, e.g. to show that a failed command changed nothing.
    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// The names in `rel`, sorted (hidden files included).
    pub fn ls(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(rel))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Run commands from `rel` (a folder inside the project) instead of its root.
    pub fn current_dir(mut self, rel: &str) -> Project {
        std::fs::create_dir_all(self.path(rel)).unwrap();
        self.cwd = PathBuf::from(rel);
        self
    }

    /// Sets an environment variable for every later command.
    pub fn env(mut self, key: &str, value: &str) -> Project {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// The command, ready to get more arguments or environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = fortb();
        cmd.current_dir(self.root().join(&self.cwd));
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd
    }

    /// Runs `fortb ARGS` in the project.
    pub fn run(&self, args: &[&str]) -> Assert {
        self.cmd().args(args).assert()
    }

    /// The output of `fortb ARGS`, whether it succeeded or not.
    pub fn output(&self, args: &[&str]) -> std::process::Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs `fortb ARGS` and returns its stdout; panics when it fails.
    pub fn stdout(&self, args: &[&str]) -> String {
        stdout_of(args, self.output(args))
    }

    /// The record files in `initiatives/` (no hidden files).
    pub fn records(&self) -> Vec<String> {
        self.ls("initiatives")
            .into_iter()
            .filter(|name| !name.starts_with('.'))
            .collect()
    }
}

/// The stdout of `fortb ARGS` that gave `output`; panics with its stderr when it failed.
pub fn stdout_of(args: &[&str], output: std::process::Output) -> String {
    assert!(
        output.status.success(),
        "fortb {args:?} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// `text` parsed as JSON; panics with the text when it is not.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// `text` parsed as a TOML table; panics with the text when it is not.
pub fn toml_table(text: &str) -> toml::Table {
    text.parse()
        .unwrap_or_else(|e| panic!("not TOML ({e}):\n{text}"))
}

/// A survey export in `tests/fixtures/surveys`.
pub fn survey_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/surveys")
        .join(name)
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `git ARGS` in `dir`, isolated from the machine's git settings, as a fixed test author
/// (see [`GIT_ENV`]), and with fortb's environment for a merge driver it starts. Its output,
/// whether it succeeded or not: most tests want [`git_ok`].
pub fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new("git");
    for var in SCRUBBED_ENV {
        command.env_remove(var);
    }
    command
        .args(args)
        .current_dir(dir)
        .envs(GIT_ENV.iter().copied())
        .env("LANG", english())
        .output()
        .expect("git runs")
}

/// The stdout of `git ARGS` in `dir` (see [`git`]); panics with its stderr when it fails.
pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let output = git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The lines of a terminal table below its rule (`──  ────`), each cut into its cells where
/// the rule's dashes are, trimmed; blank lines (between wrapped rows) left out.
pub fn table_lines(table: &str) -> Vec<Vec<String>> {
    let is_rule = |line: &str| line.contains('─') && line.chars().all(|c| c == '─' || c == ' ');
    let mut lines = table.lines().skip_while(|line| !is_rule(line));
    let rule: Vec<char> = lines.next().expect("a table rule").chars().collect();
    let starts: Vec<usize> = (0..rule.len())
        .filter(|&i| rule[i] == '─' && (i == 0 || rule[i - 1] == ' '))
        .collect();
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            (0..starts.len())
                .map(|c| {
                    let from = starts[c].min(chars.len());
                    let to = starts
                        .get(c + 1)
                        .map_or(chars.len(), |&n| n.min(chars.len()));
                    chars[from..to]
                        .iter()
                        .collect::<String>()
                        .trim()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

// ---- calendars read back as a calendar program reads them ----

/// Commits everything in the project as a user would, at a fixed time.
pub fn commit(project: &Project, when: &str) {
    for args in [&["add", "-A"][..], &["commit", "-q", "-m", "ändrat"]] {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(project.root())
            .envs(GIT_ENV.iter().copied())
            .env("GIT_AUTHOR_NAME", "Anna")
            .env("GIT_AUTHOR_EMAIL", "anna@example.org")
            .env("GIT_COMMITTER_NAME", "Anna")
            .env("GIT_COMMITTER_EMAIL", "anna@example.org")
            .env("GIT_AUTHOR_DATE", when)
            .env("GIT_COMMITTER_DATE", when)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
}

/// Sets when the file `rel` of `project` was last written (`2026-10-11T09:00:00Z`), as an
/// editor saving it then would have: calendars outside a commit are dated by it.
pub fn set_written(project: &Project, rel: &str, when: &str) {
    let time = chrono::DateTime::parse_from_rfc3339(when).expect("a time");
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(time.timestamp() as u64);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(project.path(rel))
        .expect("the file opens");
    file.set_modified(time).expect("its time is set");
}

/// An event's SEQUENCE for a change at `when`: the seconds since 2020 began.
pub fn seconds_since_2020(when: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(when)
        .expect("a time")
        .timestamp()
        - 1_577_836_800
}
