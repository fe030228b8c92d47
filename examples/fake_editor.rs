//! A stand-in editor for the tests of `fortb edit` and the interview's `:e`. It is a program,
//! not a shell script, so the same tests run against `fortb.exe` on Windows.
//!
//! It changes the file it is given (its last argument) as `FORTB_FAKE_EDITOR` says, one
//! action a line, in order:
//!
//! - `append TEXT` adds TEXT and a line break at the end;
//! - `replace FROM => TO` replaces every FROM by TO;
//! - `note-args` adds `# ARG` for each argument before the file (to see how fortb split them);
//! - `run PROGRAM ARG…` runs a program (words split on spaces) and waits for it;
//! - `touch PATH` creates an empty file;
//! - `exit CODE` stops here with that exit code.

use std::fs::OpenOptions;
use std::io::Write;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((file, before)) = args.split_last() else {
        eprintln!("fake editor: no file to edit");
        return ExitCode::from(2);
    };
    let script = std::env::var("FORTB_FAKE_EDITOR").unwrap_or_default();
    for line in script.lines().filter(|line| !line.trim().is_empty()) {
        let (action, rest) = line.split_once(' ').unwrap_or((line, ""));
        let done = match action {
            "append" => append(file, &format!("{rest}\n")),
            "replace" => replace(file, rest),
            "note-args" => before
                .iter()
                .try_for_each(|arg| append(file, &format!("# {arg}\n"))),
            "run" => run(rest),
            "touch" => std::fs::write(rest, ""),
            "exit" => return ExitCode::from(rest.parse::<u8>().unwrap_or(1)),
            _ => Err(std::io::Error::other(format!("unknown action {action:?}"))),
        };
        if let Err(error) = done {
            eprintln!("fake editor: {line}: {error}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn append(file: &str, text: &str) -> std::io::Result<()> {
    OpenOptions::new()
        .append(true)
        .open(file)?
        .write_all(text.as_bytes())
}

fn replace(file: &str, rule: &str) -> std::io::Result<()> {
    let (from, to) = rule
        .split_once(" => ")
        .ok_or_else(|| std::io::Error::other("replace needs FROM => TO"))?;
    let text = std::fs::read_to_string(file)?;
    std::fs::write(file, text.replace(from, to))
}

fn run(command: &str) -> std::io::Result<()> {
    let mut words = command.split(' ');
    let program = words.next().unwrap_or_default();
    Command::new(program).args(words).status().map(drop)
}
