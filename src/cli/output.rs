//! Writing to the terminal: data on stdout, messages on stderr. A closed pipe (`fortb list |
//! head`) ends the output quietly instead of panicking.

use std::io::{IsTerminal, Write};

use crate::escape;
use crate::t;

/// Writes `text` to stdout as is. A closed pipe ends fortb quietly; any other failure (a full
/// disk behind `> file`) is an error, so a script never takes a cut-off output for a whole one.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if is_closed_pipe(&error) {
            std::process::exit(0);
        }
        self::error(&t!(
            "output.stdout_failed",
            reason = crate::error::io_reason(&error)
        ));
        std::process::exit(1);
    }
}

/// Whether the reader of stdout went away. Windows says so with ERROR_NO_DATA (232), which
/// Rust knows as a broken pipe, or ERROR_PIPE_NOT_CONNECTED (233), which it does not.
fn is_closed_pipe(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && error.raw_os_error() == Some(233))
}

/// Text rendered for reading in a terminal (tables, `show`, `check`'s report), with record
/// text made harmless ([`escape::terminal`]); data formats have escaping of their own.
pub fn print_for_terminal(text: &str) {
    print(&escape::terminal(text));
}

/// A message for the user on stderr. Messages quote ids, titles and answers, so they are made
/// harmless for the terminal like everything else shown there.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", escape::terminal(text));
}

/// A message on stderr in a style (bold, dim), made harmless before it is styled.
pub fn styled_note(
    text: &str,
    style: impl FnOnce(console::StyledObject<&str>) -> console::StyledObject<&str>,
) {
    let text = escape::terminal(text);
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        style(console::style(text.as_ref()))
    );
}

pub fn warning(text: &str) {
    note(&format!("{} {text}", t!("output.warning")));
}

pub fn error(text: &str) {
    note(&format!("fortb: {text}"));
}

pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Both ends are a terminal: prompts may be shown.
pub fn interactive() -> bool {
    stdin_is_terminal() && std::io::stderr().is_terminal()
}

/// Colour only on a terminal and never when `NO_COLOR` is set (no-color.org).
pub fn colour() -> bool {
    stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
