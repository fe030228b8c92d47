//! Writing to the terminal: data on stdout, messages on stderr. A closed pipe (`fortb list |
//! head`) ends the output quietly instead of panicking.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::wrap;
use crate::error::Result;
use crate::escape;
use crate::record::atomic;
use crate::record::own_files;
use crate::record::project::display_path;
use crate::t;

/// Set once a command's data goes to a file (`--out`): tables are then laid out and coloured
/// for a file, not for the terminal stdout happens to be.
static DATA_TO_FILE: AtomicBool = AtomicBool::new(false);

/// Where a command's data goes: stdout, or the file `--out FILE` names, which fortb writes
/// itself — atomically, in UTF-8 exactly as on stdout (a CSV's byte-order mark included), so
/// no shell redirection (PowerShell's `>` writes UTF-16) ever re-encodes it. Every `--out` is
/// chosen here, so here a file the project reads is refused ([`own_files`]).
pub struct Export<'a> {
    file: Option<&'a Path>,
}

impl<'a> Export<'a> {
    /// Chooses the destination; call it before rendering, so a table is made for it. A file
    /// the project reads is refused here, before anything is written ([`own_files`]).
    pub fn to(file: Option<&'a Path>) -> Result<Export<'a>> {
        if let Some(path) = file {
            own_files::refuse_as_output(path)?;
            DATA_TO_FILE.store(true, Ordering::Relaxed);
        }
        Ok(Export { file })
    }

    /// Makes the folder an export writes its files in (`--out DIR`), refusing one a project
    /// keeps for fortb to read, as [`Export::stream_saying`] refuses such a file.
    pub fn folder(dir: &Path) -> Result<()> {
        own_files::refuse_as_output(dir)?;
        atomic::output_folder(dir)
    }

    /// Writes data (JSON, CSV, Markdown, a calendar) as it is.
    pub fn data(&self, text: &str) -> Result<()> {
        self.data_saying(text, |path| t!("export.written", path = path))
    }

    /// Writes data as [`Export::data`] does; a file written is announced with `written`'s
    /// message about its shown path.
    pub fn data_saying(&self, text: &str, written: impl FnOnce(String) -> String) -> Result<()> {
        self.stream_saying(|out| out.write_all(text.as_bytes()), written)
    }

    /// Writes data as [`Export::data_saying`] does, made by `contents` straight into the
    /// destination: an export too large to hold in memory twice is never held whole.
    pub fn stream_saying(
        &self,
        contents: impl atomic::Contents,
        written: impl FnOnce(String) -> String,
    ) -> Result<()> {
        self.stream_as_made(harmless(contents), written)
    }

    /// Writes data as [`Export::stream_saying`] does, made by `contents`, which writes out
    /// what acts on a terminal itself as it makes it ([`escape::Harmless`] on each part, on
    /// all cores): [`crate::json`]'s writers and the report's packs. A pass over the whole
    /// on one thread would find nothing, and was most of a large export's work there.
    pub fn harmless_saying(
        &self,
        contents: impl atomic::Contents,
        written: impl FnOnce(String) -> String,
    ) -> Result<()> {
        self.stream_as_made(contents, written)
    }

    fn stream_as_made(
        &self,
        contents: impl atomic::Contents,
        written: impl FnOnce(String) -> String,
    ) -> Result<()> {
        match self.file {
            Some(path) => {
                atomic::write_output(path, contents)?;
                note(&written(display_path(path).display().to_string()));
            }
            None => print_as_made(contents),
        }
        Ok(())
    }

    /// Writes text for reading (a table, `show`), with record text made harmless as on the
    /// terminal.
    pub fn for_reading(&self, text: &str) -> Result<()> {
        self.data(&escape::terminal(text))
    }

    /// Nothing to show (the caller says why on stderr): an earlier export in the file is
    /// emptied rather than left to be taken for today's.
    pub fn nothing(&self) -> Result<()> {
        match self.file {
            Some(_) => self.data(""),
            None => Ok(()),
        }
    }
}

/// Writes `text` to stdout as is. A closed pipe ends fortb quietly; any other failure (a full
/// disk behind `> file`) is an error, so a script never takes a cut-off output for a whole one.
pub fn print(text: &str) {
    print_with(|out| out.write_all(text.as_bytes()));
}

/// Writes what `contents` writes to stdout, buffered, as [`print`] writes text.
pub fn print_with(contents: impl atomic::Contents) {
    print_as_made(harmless(contents));
}

/// Writes what `contents` writes to stdout as [`print_with`] does, with nothing written out on
/// the way: for [`Export::harmless_saying`] only.
fn print_as_made(contents: impl atomic::Contents) {
    if let Err(error) = write_stdout(contents) {
        if is_closed_pipe(&error) {
            std::process::exit(0);
        }
        stdout_failed(&error);
    }
}

/// Writes `text` as [`print`] does, except that a reader gone away (`fortb migrate | head`)
/// does not end fortb: for a line printed as work goes on, work that must finish whether or
/// not the rest of its list is read.
pub fn print_while_working(text: &str) {
    match write_stdout(harmless(|out: &mut dyn Write| {
        out.write_all(text.as_bytes())
    })) {
        Err(error) if !is_closed_pipe(&error) => stdout_failed(&error),
        _ => {}
    }
}

fn write_stdout(contents: impl atomic::Contents) -> std::io::Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    contents(&mut stdout).and_then(|()| stdout.flush())
}

fn stdout_failed(error: &std::io::Error) -> ! {
    self::error(&t!(
        "output.stdout_failed",
        reason = crate::cli::error::io_reason(error)
    ));
    std::process::exit(1);
}

/// What `contents` writes, with every character that acts on a terminal written out
/// ([`escape::Harmless`]): the one way a command's output leaves fortb, to a terminal, a pipe
/// or a file, so no renderer can let a record's escape, bell or bidirectional override through.
/// JSON has written out its own already, in its own notation.
fn harmless(contents: impl atomic::Contents) -> impl atomic::Contents {
    move |out: &mut dyn Write| {
        let mut harmless = escape::Harmless::new(out, escape::Notation::Text);
        contents(&mut harmless)?;
        harmless.finish()
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
    let text = fit_to_terminal(&escape::terminal(text));
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// A message wrapped at spaces to the width of the terminal it is shown in, so that the
/// terminal never cuts a word; redirected or piped it stays as it is, one line a line. The
/// last column stays free, as in the prompts: a row filled to the edge reads as a word cut
/// in two.
fn fit_to_terminal(text: &str) -> String {
    let stderr = std::io::stderr();
    if !stderr.is_terminal() {
        return text.to_string();
    }
    match width(Stream::Stderr) {
        Some(width) => wrap::message(text, usize::from(width).saturating_sub(1).max(1)),
        None => text.to_string(),
    }
}

/// The two streams fortb writes to, each of which may be a terminal of its own width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Data: tables, `show`, reports.
    Stdout,
    /// Messages and prompts.
    Stderr,
}

/// The width to fit text on `stream` to: `COLUMNS` when set (scripts and tests), else the
/// width of the terminal the stream is, `None` when it is none. The one place the width is
/// read, for tables and messages alike.
pub fn width(stream: Stream) -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(columns);
    }
    match stream {
        Stream::Stdout if stdout_is_terminal() => console::Term::stdout().size_checked(),
        Stream::Stderr if std::io::stderr().is_terminal() => console::Term::stderr().size_checked(),
        _ => None,
    }
    .map(|(_, width)| width)
}

/// A message on stderr in a style (bold, dim), made harmless before it is styled.
pub fn styled_note(
    text: &str,
    style: impl FnOnce(console::StyledObject<&str>) -> console::StyledObject<&str>,
) {
    let text = fit_to_terminal(&escape::terminal(text));
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        style(console::style(text.as_str()))
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

/// Whether the data is shown on a terminal: not when it goes to an `--out` file.
pub fn stdout_is_terminal() -> bool {
    !DATA_TO_FILE.load(Ordering::Relaxed) && std::io::stdout().is_terminal()
}

/// Both ends are a terminal: prompts may be shown.
pub fn interactive() -> bool {
    stdin_is_terminal() && std::io::stderr().is_terminal()
}

/// Colour only on a terminal and never when `NO_COLOR` is set (no-color.org).
pub fn colour() -> bool {
    stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
