//! The commands the README's tour shows run as shown: each `$ fortb …` line of the tour, in
//! order, in a fresh folder, succeeds and prints the output lines shown under it. Interactive
//! ones (they need a person at a terminal) and ones that write outside the folder are left
//! out.

use std::path::Path;
use std::process::Command;

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
            while command.ends_with('\\') {
                command.pop();
                command.push_str(lines.next().unwrap_or("").trim());
                command.push(' ');
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

#[test]
fn the_readme_tour_runs_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = tour_commands(&readme);
    assert!(commands.len() >= 10, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    let example = dir.path().join("examples/skola");
    copy_dir(&root.join("examples/skola"), &example);
    let bin = Path::new(env!("CARGO_BIN_EXE_fortb"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cwd = dir.path().to_path_buf();
    for (command, shown) in commands
        .iter()
        .filter(|(c, _)| !SKIPPED.iter().any(|s| c.contains(s)))
    {
        if let Some(target) = command.strip_prefix("cd ") {
            cwd = cwd.join(target);
            continue;
        }
        // The tour's commands that name the example project mean the copy here.
        let command = command.replace(
            "--project examples/skola",
            &format!("--project {}", example.display()),
        );
        let output = Command::new("sh")
            .args(["-c", &command])
            .current_dir(&cwd)
            .env("PATH", &path)
            .env("LANG", "C")
            .env("FORTB_TODAY", "2026-11-23")
            .env_remove("FORTB_PROJECT")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{command}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // Every output line the README shows is what fortb prints; `…` or `...` marks what is
        // left out.
        let printed = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
        for line in shown.iter().map(|l| l.trim_end()) {
            if line.is_empty() || line.contains('…') || line.contains("...") {
                continue;
            }
            assert!(
                printed.contains(&line),
                "`{command}` does not print the README's line\n{line}\nbut:\n{}",
                printed.join("\n")
            );
        }
    }
}
