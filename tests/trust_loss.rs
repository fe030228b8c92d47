//! Trust, round 3 (issue 27), the data that must not be lost: `--out` never writes over a file
//! the project reads; `rename` claims the new id exclusively and moves everything kept under
//! the id, all or nothing; `remove` takes all of it away, says what it would lose and promises
//! only what is true; a new record never takes in what an earlier one of its id left; and a
//! committing rename commits the removal of every earlier name. Each test fails on the build
//! before these fixes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

use common::Project;
use predicates::str::contains;
use proptest::prelude::*;

const RECORD: &str = "schema = 1\n# kept comment\ntitle = \"Bokcirkel\"\nkind = \"book-circle\"\nstart = 2025-01-15\n";

fn record(title: &str) -> String {
    format!("schema = 1\ntitle = \"{title}\"\nkind = \"other\"\n")
}

/// Every file in the project with its bytes (the `.git` folder left out).
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() && entry.file_name() != ".git" {
                folders.push(path);
            } else if kind.is_file() {
                let name = path.strip_prefix(root).unwrap().to_string_lossy();
                files.insert(name.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The names in `snapshot` (without their bytes).
fn names(snapshot: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    snapshot.keys().map(String::as_str).collect()
}

// ---- 1. `--out` onto a file the project reads ----

/// A project with a file of every kind fortb reads: settings, plan, a process model, a record
/// with a round's free text and an unfinished edit, and private survey answers.
fn project_with_every_file() -> Project {
    let model = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/processes/six-step.toml"),
    )
    .unwrap()
    .replace("name = \"six-step\"", "name = \"egen\"");
    Project::new()
        .file("initiatives/bok.toml", RECORD)
        .file("initiatives/bok.survey-90.md", "# Svar\n")
        .file("initiatives/.bok.edit.toml", RECORD)
        .file(
            "plan.toml",
            "title = \"Plan\"\nstart = 2025-07-01\nend = 2027-06-30\n",
        )
        .file("processes/egen.toml", &model)
        .file(".fortb/surveys/bok/90.toml", "fingerprints = []\n")
        .file(".fortb/survey-key", "0123\n")
}

#[test]
fn out_onto_a_file_the_project_reads_is_refused_and_nothing_is_written() {
    let project = project_with_every_file();
    let before = snapshot(project.root());
    for args in [
        &["show", "bok", "--out", "initiatives/bok.toml"][..],
        &["list", "--out", "fortb.toml"],
        &["--lang", "sv", "status", "--out", "plan.toml"],
        &["due", "--out", "processes/egen.toml"],
        &["summary", "--out", ".fortb/survey-key"],
        &["export", "--out", "initiatives"],
        &["export", "--format", "json", "--out", ".fortb/export"],
    ] {
        let out = args[args.len() - 1];
        let message = match args[0] {
            "--lang" => format!(
                "fortb: {out} hör till projektet (fortb läser det som finns där), så --out \
                 skriver inte dit; välj en annan fil eller mapp\n"
            ),
            _ => format!(
                "fortb: {out} belongs to the project (fortb reads what is kept there), so \
                 --out does not write there; choose another file or folder\n"
            ),
        };
        project.run(args).code(2).stdout("").stderr(message);
        assert_eq!(snapshot(project.root()), before, "{args:?}");
    }
    // Beside them, anywhere else, is fine.
    project
        .run(&["show", "bok", "--out", "bok.toml"])
        .success()
        .stderr("wrote bok.toml\n");
}

/// How an `--out` path names a file: as it is, or in another spelling of the same file.
#[derive(Clone, Copy, Debug)]
enum Spelling {
    AsIs,
    DotSlash,
    Detour,
    FromSubfolder,
    Absolute,
    UpperCase,
    /// Windows drops trailing dots and spaces from a name.
    TrailingDot,
    #[cfg(unix)]
    LinkToFile,
    #[cfg(unix)]
    LinkToFolder,
}

fn spellings() -> Vec<Spelling> {
    let all = vec![
        Spelling::AsIs,
        Spelling::DotSlash,
        Spelling::Detour,
        Spelling::FromSubfolder,
        Spelling::Absolute,
        Spelling::UpperCase,
        Spelling::TrailingDot,
    ];
    // Unix symbolic links, which a Windows fortb under wine does not see as links. (Made
    // mutable only here: on Windows an unused `mut` fails the cross-build's clippy.)
    #[cfg(unix)]
    let all = {
        let mut all = all;
        if !cfg!(foreign_fortb) {
            all.extend([Spelling::LinkToFile, Spelling::LinkToFolder]);
        }
        all
    };
    all
}

/// The project's files, and one it would read once it is there (a new record).
const PROJECT_FILES: &[&str] = &[
    "fortb.toml",
    "plan.toml",
    "initiatives/bok.toml",
    "initiatives/bok.survey-90.md",
    "initiatives/.bok.edit.toml",
    "initiatives/ny.toml",
    "processes/egen.toml",
    ".fortb/survey-key",
    ".fortb/surveys/bok/90.toml",
];

/// `file` spelled as `spelling` asks, from the folder commands run in (`sub` or the root),
/// making the links it needs.
fn spell(project: &Project, file: &str, spelling: Spelling) -> (String, &'static str) {
    let (folder, name) = file.rsplit_once('/').unwrap_or(("", file));
    let spelled = match spelling {
        Spelling::AsIs => file.to_string(),
        Spelling::DotSlash => format!("./{file}"),
        Spelling::Detour if folder.is_empty() => format!("initiatives/../{file}"),
        Spelling::Detour => format!("{folder}/../{folder}/./{name}"),
        Spelling::FromSubfolder => return (format!("../{file}"), "sub"),
        Spelling::Absolute => project.path(file).to_string_lossy().into_owned(),
        Spelling::UpperCase => file.to_uppercase(),
        Spelling::TrailingDot => format!("{file}."),
        #[cfg(unix)]
        Spelling::LinkToFile => {
            std::os::unix::fs::symlink(project.path(file), project.path("link.md")).unwrap();
            "link.md".to_string()
        }
        #[cfg(unix)]
        Spelling::LinkToFolder => {
            std::os::unix::fs::symlink(project.path(folder), project.path("linked")).unwrap();
            format!("linked/{name}")
        }
    };
    (spelled, "")
}

const COMMANDS: &[&[&str]] = &[
    &["show", "bok"],
    &["list"],
    &["status"],
    &["due"],
    &["summary"],
    &["indicator", "list"],
    &["plan"],
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Every spelling of every file the project reads, through every command with `--out`:
    /// refused, and the project's files stay as they were.
    #[test]
    fn no_spelling_of_a_project_file_is_written_by_out(
        file in prop::sample::select(PROJECT_FILES),
        spelling in prop::sample::select(spellings()),
        command in prop::sample::select(COMMANDS),
    ) {
        let project = project_with_every_file();
        std::fs::create_dir_all(project.path("sub")).unwrap();
        let (out, folder) = spell(&project, file, spelling);
        let before = snapshot(project.root());
        let mut args: Vec<&str> = command.to_vec();
        args.extend(["--out", &out]);
        let output = project.cmd().current_dir(project.path(folder)).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        prop_assert_eq!(output.status.code(), Some(2), "{:?}: {}", args, stderr);
        prop_assert!(stderr.contains("belongs to the project"), "{}", stderr);
        prop_assert_eq!(snapshot(project.root()), before);
    }
}

// ---- 2. Two renames onto one id at once ----

#[test]
fn of_two_renames_onto_one_id_at_once_one_wins_and_the_other_changes_nothing() {
    for trial in 0..20 {
        // In a clone, with the records not yet committed: asking git whether it tracks them
        // held the door open between "is the id free?" and the move.
        let project = in_git(
            Project::new()
                .file("initiatives/x.toml", &record("X"))
                .file("initiatives/y.toml", &record("Y")),
        );
        let start = |from: &str| {
            let mut command = common::fortb_process();
            command
                .envs(GIT_ENV.iter().copied())
                .current_dir(project.root())
                .args(["rename", from, "target"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            command.spawn().unwrap()
        };
        let (x, y) = (start("x"), start("y"));
        let (x, y) = (x.wait_with_output().unwrap(), y.wait_with_output().unwrap());
        let (loser, winner, left) = match (x.status.success(), y.status.success()) {
            (true, false) => (y, "X", "y.toml"),
            (false, true) => (x, "Y", "x.toml"),
            both => panic!("trial {trial}: one rename must win, not {both:?}: {x:?} {y:?}"),
        };
        let mut expected = [left, "target.toml"];
        expected.sort();
        assert_eq!(project.records(), expected, "trial {trial}");
        assert_eq!(project.read("initiatives/target.toml"), record(winner));
        assert_eq!(
            String::from_utf8_lossy(&loser.stderr),
            "fortb: the id target is taken (initiatives/target.toml); choose another\n",
            "trial {trial}"
        );
    }
}

// ---- 3. `rename` moves everything kept under the id, or nothing ----

/// A record with everything that can be kept under its id.
fn record_with_every_piece() -> Project {
    Project::new()
        .file("initiatives/bok.toml", RECORD)
        .file("initiatives/bok.survey.md", "# Slutenkät\n")
        .file("initiatives/bok.survey-90.md", "# 90 dagar\n")
        .file("initiatives/bok.survey-december-2026.md", "# December\n")
        .file("initiatives/.bok.edit.toml", "# draft\n")
        .file("initiatives/.bok.base.edit.toml", RECORD)
        .file(".fortb/surveys/bok/90.toml", "fingerprints = [\"a\"]\n")
        .file(".fortb/surveys/bok/end.toml", "fingerprints = [\"b\"]\n")
        // Another record whose name begins the same: none of its files are bok's.
        .file("initiatives/bok-2.toml", &record("Bok 2"))
        .file("initiatives/bok-2.survey.md", "# Bok 2\n")
        .file(".fortb/surveys/bok-2/end.toml", "fingerprints = [\"c\"]\n")
}

/// `snapshot` with `from` in each name of `bok`'s pieces replaced by `to`.
fn renamed(
    snapshot: &BTreeMap<String, Vec<u8>>,
    from: &str,
    to: &str,
) -> BTreeMap<String, Vec<u8>> {
    snapshot
        .iter()
        .map(|(name, bytes)| {
            let name = name
                .replace(&format!("/{from}."), &format!("/{to}."))
                .replace(&format!("/.{from}."), &format!("/.{to}."))
                .replace(&format!("/{from}/"), &format!("/{to}/"));
            (name, bytes.clone())
        })
        .collect()
}

#[test]
fn rename_moves_the_rounds_text_the_unfinished_edit_and_the_private_answers() {
    let project = record_with_every_piece();
    let before = snapshot(project.root());
    project
        .run(&["rename", "bok", "bokcirkel-ht"])
        .success()
        .stdout("initiatives/bokcirkel-ht.toml\n");
    assert_eq!(
        snapshot(project.root()),
        renamed(&before, "bok", "bokcirkel-ht")
    );
    // The edit left open goes on under the new id.
    project
        .with_editor("append # more")
        .args(["edit", "bokcirkel-ht"])
        .assert()
        .stderr(contains("initiatives/.bokcirkel-ht.edit.toml"));
}

#[test]
fn a_rename_that_fails_half_way_moves_everything_back() {
    let project = record_with_every_piece();
    let before = snapshot(project.root());
    // The record moves last; its move fails as on a full disk.
    project
        .cmd()
        .env("FORTB_TEST_FAIL_WRITING", "ny.toml")
        .args(["rename", "bok", "ny"])
        .assert()
        .code(1)
        .stderr(contains("initiatives/ny.toml"));
    assert_eq!(snapshot(project.root()), before);
}

#[test]
fn rename_refuses_an_id_with_leftovers_of_an_earlier_record() {
    let project = record_with_every_piece().file(".fortb/surveys/ny/end.toml", "x = 1\n");
    let before = snapshot(project.root());
    project
        .run(&["rename", "bok", "ny"])
        .code(1)
        .stderr("fortb: the id ny is taken (.fortb/surveys/ny); choose another\n");
    assert_eq!(snapshot(project.root()), before);
}

// ---- 4. `remove` says what it would lose, and only promises what is true ----

fn git(dir: &Path, args: &[&str]) -> String {
    let output = common::git(dir, args);
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// git as the tests run it, whatever the machine's git settings say.
const GIT_ENV: &[(&str, &str)] = &[
    (
        "GIT_CONFIG_GLOBAL",
        if cfg!(windows) { "NUL" } else { "/dev/null" },
    ),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.org"),
    ("GIT_COMMITTER_NAME", "Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.org"),
];

/// `project` as a git repository with nothing committed yet.
fn in_git(project: Project) -> Project {
    let project = GIT_ENV
        .iter()
        .fold(project, |project, (key, value)| project.env(key, value));
    git(project.root(), &["init", "--quiet"]);
    project
}

fn commit_all(project: &Project, message: &str) {
    git(project.root(), &["add", "-A"]);
    git(project.root(), &["commit", "--quiet", "-m", message]);
}

#[test]
fn remove_with_yes_refuses_a_record_never_committed_unless_forced() {
    let project = in_git(Project::new());
    commit_all(&project, "init");
    project.write("initiatives/bok.toml", RECORD);
    project.run(&["remove", "bok", "--yes"]).code(1).stderr(
        "fortb: removing bok would lose for good: initiatives/bok.toml, which was never \
         committed to git; save that first, or add --force to remove it anyway\n",
    );
    assert_eq!(project.read("initiatives/bok.toml"), RECORD);
    project
        .run(&["--lang", "sv", "remove", "bok", "--yes", "--force"])
        .success()
        .stderr(
            "tog bort bok (Bokcirkel); den hade aldrig sparats i git, så den är borta för gott\n",
        );
    assert!(project.records().is_empty());
}

#[test]
fn remove_with_yes_refuses_uncommitted_changes_unless_forced_and_log_finds_the_commit() {
    let project = in_git(Project::new().file("initiatives/bok.toml", RECORD));
    commit_all(&project, "first");
    project.write("initiatives/bok.toml", format!("{RECORD}sessions = 4\n"));
    project
        .run(&["--lang", "sv", "remove", "bok", "--yes"])
        .code(1)
        .stderr(
            "fortb: om bok tas bort försvinner detta för gott: ändringarna i initiatives/bok.toml \
             sedan den senast sparades i git; spara det först, eller lägg till --force för att \
             ta bort ändå\n",
        );
    // Another record the removed id is the beginning of: `log bok` is still bok's history.
    project.write("initiatives/bok-2.toml", record("Bok 2"));
    project
        .run(&["remove", "bok", "--yes", "--force"])
        .success()
        .stderr(
            "removed bok (Bokcirkel) and what was not committed of it; its last commit stays in \
         git's history: `fortb log bok` shows it\n",
        );
    project
        .run(&["log", "bok"])
        .success()
        .stdout(contains("first"));
}

#[test]
fn remove_outside_git_says_plainly_that_the_record_is_gone() {
    let project = Project::new().file("initiatives/bok.toml", RECORD);
    project
        .run(&["remove", "bok", "--yes"])
        .success()
        .stderr("removed bok (Bokcirkel); it was not in git, so it is gone for good\n");
    assert!(project.records().is_empty());
}

#[test]
fn remove_with_yes_refuses_to_lose_an_unfinished_edit_unless_forced() {
    let project = Project::new()
        .file("initiatives/bok.toml", RECORD)
        .file("initiatives/.bok.edit.toml", "# half done\n");
    project.run(&["remove", "bok", "--yes"]).code(1).stderr(
        "fortb: removing bok would lose for good: an unfinished edit in \
         initiatives/.bok.edit.toml (`fortb edit bok` finishes it); save that first, or add \
         --force to remove it anyway\n",
    );
    assert!(project.exists("initiatives/.bok.edit.toml"));
}

// ---- 5. `remove` takes all of it away; a new record takes in nothing ----

#[test]
fn remove_takes_away_everything_kept_under_the_id_and_a_new_record_takes_in_nothing() {
    let project = record_with_every_piece();
    let others: BTreeMap<String, Vec<u8>> = snapshot(project.root())
        .into_iter()
        .filter(|(name, _)| {
            !name.contains("/bok.") && !name.contains("/.bok.") && !name.contains("/bok/")
        })
        .collect();
    project
        .run(&["remove", "bok", "--yes", "--force"])
        .success();
    assert_eq!(snapshot(project.root()), others);

    // What an older fortb left behind is never taken in by a new record of the same id.
    project.write(".fortb/surveys/bok/end.toml", "fingerprints = [\"old\"]\n");
    project
        .run(&["new", "Bok", "--kind", "book-circle"])
        .success()
        .stdout("initiatives/bok-3.toml\n")
        .stderr(contains(
            ".fortb/surveys/bok is left from an earlier initiative with the id bok, so the new \
             one got the id bok-3 and takes none of it over",
        ));
    assert!(project.exists(".fortb/surveys/bok/end.toml"));
}

/// The pieces a record may have beside it, by name relative to the project.
const PIECES: &[&str] = &[
    "initiatives/bok.survey.md",
    "initiatives/bok.survey-30.md",
    "initiatives/bok.survey-90.md",
    "initiatives/bok.survey-december-2026.md",
    "initiatives/.bok.edit.toml",
    "initiatives/.bok.base.edit.toml",
    ".fortb/surveys/bok/end.toml",
    ".fortb/surveys/bok/90.toml",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// With any pieces beside the record, a rename moves exactly them and a removal leaves
    /// nothing of the id; the files of `bok-2` are never touched.
    #[test]
    fn rename_and_remove_handle_every_kind_of_piece(
        pieces in prop::sample::subsequence(PIECES, 0..=PIECES.len()),
        rename in any::<bool>(),
    ) {
        let project = Project::new()
            .file("initiatives/bok.toml", RECORD)
            .file("initiatives/bok-2.toml", &record("Bok 2"))
            .file("initiatives/bok-2.survey.md", "# Bok 2\n");
        for (n, piece) in pieces.iter().enumerate() {
            project.write(piece, format!("# piece {n}\n"));
        }
        let before = snapshot(project.root());
        if rename {
            project.run(&["rename", "bok", "ny"]).success();
            prop_assert_eq!(snapshot(project.root()), renamed(&before, "bok", "ny"));
        } else {
            project.run(&["remove", "bok", "--yes", "--force"]).success();
            let after = snapshot(project.root());
            let left: Vec<&str> = names(&after)
                .into_iter()
                .filter(|name| name.contains("bok.") || name.contains("/bok/"))
                .collect();
            prop_assert!(left.is_empty(), "{:?}", left);
            prop_assert!(after.contains_key("initiatives/bok-2.survey.md"));
        }
    }
}

// ---- 6. A committing rename after an uncommitted one ----

#[test]
fn a_committing_rename_after_an_uncommitted_one_commits_the_earlier_names_removal() {
    let project = in_git(
        Project::new()
            .file("initiatives/a.toml", RECORD)
            .file("initiatives/a.survey.md", "# Svar\n"),
    );
    commit_all(&project, "first");
    project.run(&["rename", "a", "b"]).success();
    project
        .run(&["--commit", "rename", "b", "c"])
        .success()
        .stderr("b is now c\ncommitted: rename: b → c\n");
    let committed = git(
        project.root(),
        &["ls-tree", "-r", "--name-only", "HEAD", "initiatives"],
    );
    assert_eq!(committed, "initiatives/c.survey.md\ninitiatives/c.toml\n");
    assert_eq!(git(project.root(), &["status", "--short"]), "");
    // A committing removal after an uncommitted rename, likewise.
    project.run(&["rename", "c", "d"]).success();
    project.run(&["--commit", "remove", "d", "--yes"]).success();
    let committed = git(
        project.root(),
        &["ls-tree", "-r", "--name-only", "HEAD", "initiatives"],
    );
    assert_eq!(committed, "");
}
