//! The commands the README's tour shows run as shown: each `$ fortb …` line of the tour, in
//! order, in a fresh folder, succeeds and prints the output lines shown under it. Interactive
//! ones (they need a person at a terminal) and ones that write outside the folder are left
//! out.

use std::path::Path;
use std::process::Output;

mod common;
use common::copy_dir;

/// Commands of the tour a test cannot run: they wait for a person, or write into $HOME.
const SKIPPED: &[&str] = &[
    "fortb step trygga",
    "fortb edit",
    "skola-copy",
    "completions bash >",
];

/// Each `$ …` line of the README, with the output lines shown under it in its code block.
fn tour_commands(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    let mut collecting = false;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            collecting = false;
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let mut command = command.to_string();
            // A command over several lines ends each but the last with `\`.
            while let Some(head) = command.trim_end().strip_suffix('\\') {
                command = format!("{head} {}", lines.next().unwrap_or("").trim());
            }
            commands.push((command.trim().to_string(), Vec::new()));
            collecting = true;
        } else if collecting {
            if let Some((_, shown)) = commands.last_mut() {
                shown.push(line.to_string());
            }
        }
    }
    commands
}

/// The example projects the tour names: the school, the smaller unit and their organiser.
const EXAMPLES: &[&str] = &["examples/skola", "examples/byskolan", "examples/kommun"];

/// Runs one `fortb …` line of the tour as a shell would, without one (so it runs on Windows
/// too): words split as a shell splits them, `> FILE` sends the output there. The tour's
/// commands that name an example project mean its copy in `examples`.
fn run(command: &str, cwd: &Path, examples: &Path) -> Output {
    let mut words = shell_words::split(command).expect("a command line of the tour");
    let out = match words.iter().position(|w| w == ">") {
        Some(at) => {
            let file = words.split_off(at).pop().expect("a file after >");
            Some(cwd.join(file))
        }
        None => None,
    };
    assert_eq!(
        words.first().map(String::as_str),
        Some("fortb"),
        "{command}"
    );
    let mut fortb = common::fortb_process();
    for word in &words[1..] {
        match EXAMPLES.contains(&word.as_str()) {
            true => fortb.arg(examples.join(word)),
            false => fortb.arg(word),
        };
    }
    let output = fortb
        .current_dir(cwd)
        .env("FORTB_TODAY", "2026-11-23")
        .output()
        .unwrap();
    if let Some(file) = out {
        std::fs::write(file, &output.stdout).unwrap();
    }
    output
}

#[test]
fn the_readme_tour_runs_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = tour_commands(&readme);
    assert!(commands.len() >= 10, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        copy_dir(&root.join(example), &dir.path().join(example));
    }
    let mut cwd = dir.path().to_path_buf();
    for (command, shown) in commands
        .iter()
        .filter(|(c, _)| !SKIPPED.iter().any(|s| c.contains(s)))
    {
        if let Some(target) = command.strip_prefix("cd ") {
            cwd = cwd.join(target);
            continue;
        }
        let output = run(command, &cwd, dir.path());
        assert!(
            output.status.success(),
            "`{command}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_prints_as_shown("README.md", command, shown, &output);
    }
}

/// Every output line a page shows under a command is what fortb prints; `…` or `...` marks
/// what is left out.
fn assert_prints_as_shown(page: &str, command: &str, shown: &[String], output: &Output) {
    let printed = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
    for line in shown.iter().map(|l| l.trim_end()) {
        if line.is_empty() || line.contains('…') || line.contains("...") {
            continue;
        }
        assert!(
            printed.contains(&line),
            "`{command}` does not print the line {page} shows\n{line}\nbut:\n{}",
            printed.join("\n")
        );
    }
}

/// The part of a guide from the line starting with `from` up to the next `## ` heading.
fn section<'a>(guide: &'a str, from: &str) -> &'a str {
    let start = guide
        .find(from)
        .unwrap_or_else(|| panic!("the guide has no {from:?}"));
    let rest = &guide[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |at| at + 3);
    &rest[..end]
}

/// git as the guides' tests run it: with an author, whatever the machine's git settings say.
const GIT_ENV: &[(&str, &str)] = &[
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Anna"),
    ("GIT_AUTHOR_EMAIL", "anna@example.org"),
    ("GIT_COMMITTER_NAME", "Anna"),
    ("GIT_COMMITTER_EMAIL", "anna@example.org"),
];

/// Runs a guide's `git …` line (commands joined by `&&`, one after the other), as the guide's
/// reader would in the project's repository.
fn run_git(command: &str, cwd: &Path) -> Output {
    let words = shell_words::split(command).expect("a command line of the guide");
    let mut output = None;
    for part in words.split(|word| word == "&&") {
        let ran = std::process::Command::new("git")
            .args(&part[1..])
            .envs(GIT_ENV.iter().copied())
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(ran.status.success(), "`{command}`: {ran:?}");
        output = Some(ran);
    }
    output.expect("a git command")
}

/// Runs the guide's commands as `the_readme_tour_runs_as_shown` runs the README's, in a fresh
/// project in git; a command may fail only where the guide shows its error (`fortb: …`).
fn run_as_shown(guide: &str, commands: &[(String, Vec<String>)], cwd: &Path) {
    for (command, shown) in commands {
        let output = match command.starts_with("git ") {
            true => run_git(command, cwd),
            false => run(command, cwd, cwd),
        };
        let shows_an_error = shown.iter().any(|line| line.starts_with("fortb: "));
        assert_eq!(
            output.status.success(),
            !shows_an_error,
            "{guide}: `{command}` printed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_prints_as_shown(guide, command, shown, &output);
    }
}

#[test]
fn the_guides_change_rename_and_remove_a_record_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (guide, lang, heading) in [
        (
            "docs/guide.md",
            "en",
            "## Changing a record without an editor",
        ),
        ("docs/guide.sv.md", "sv", "## Ändra utan redigerare"),
    ] {
        let text = std::fs::read_to_string(root.join(guide)).unwrap();
        // The book circle the guide made in September, then the section's commands.
        let made = tour_commands(section(&text, "## September"))
            .into_iter()
            .find(|(command, _)| command.starts_with("fortb new \"Bokcirkel"))
            .expect("the guide makes the book circle");
        let mut commands = vec![made];
        commands.extend(tour_commands(section(&text, heading)));
        assert!(
            ["set", "rename", "remove"].iter().all(|verb| commands
                .iter()
                .any(|(c, _)| c.contains(&format!(" {verb} ")))),
            "{guide} shows set, rename and remove: {commands:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        let init = common::fortb_process()
            .args(["--lang", lang, "init", "--name", "Solbackaskolan F–9"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(init.status.success());
        // The project is in git from the start, as in the guide's August.
        run_git(
            "git init --quiet && git add . && git commit --quiet -m Start",
            dir.path(),
        );
        run_as_shown(guide, &commands, dir.path());
    }
}

/// The guides' walk through the municipality's plan: written with commands only, from an
/// organiser's project made by `init --organiser`, as shown.
#[test]
fn the_guides_write_the_municipality_s_plan_with_commands_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (guide, lang, heading) in [
        ("docs/guide.md", "en", "### The organiser's plan"),
        ("docs/guide.sv.md", "sv", "### Kommunens plan"),
    ] {
        let text = std::fs::read_to_string(root.join(guide)).unwrap();
        let part = section(&text, heading);
        let part = &part[..part[4..].find("\n### ").map_or(part.len(), |at| at + 4)];
        assert!(!part.contains("```toml"), "{guide}: no hand-edited TOML");
        let commands: Vec<(String, Vec<String>)> = tour_commands(part)
            .into_iter()
            .filter(|(command, _)| !command.contains("--project examples/"))
            .collect();
        assert!(commands.len() >= 5, "{guide}: {commands:?}");
        let dir = tempfile::tempdir().unwrap();
        for args in [
            &[
                "--lang",
                lang,
                "init",
                "--organiser",
                "--name",
                "Ekdala kommun",
            ][..],
            &[
                "new",
                "NPF-handledning för arbetslag",
                "--start",
                "2026-02-01",
                "--no-interview",
            ],
        ] {
            let made = common::fortb_process()
                .args(args)
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(made.status.success(), "{made:?}");
        }
        run_as_shown(guide, &commands, dir.path());
        let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
        assert!(plan.contains("id = \"npf\""), "{plan}");
    }
}
