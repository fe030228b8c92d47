//! The rows a prompt takes on screen: drawn again in place after each key, cleared once it is
//! answered, and known to the Ctrl-C handler, which tidies them before saying the interview
//! stopped.

use std::fmt;
use std::io;
use std::sync::{Mutex, MutexGuard, PoisonError};

use console::Term;

use super::flow::Row;
use super::quiet;

/// What is on screen of the prompt open now, for a Ctrl-C that comes between two keys.
struct OnScreen {
    /// Rows from the prompt's first row down to the cursor's.
    above: usize,
    /// Rows of the prompt below the cursor's.
    below: usize,
    /// A menu is cleared; a typed line stays, like a shell's line after Ctrl-C.
    clear: bool,
}

/// Held while a prompt is drawn, so that the Ctrl-C handler (another thread) never tidies a
/// prompt half drawn.
static ON_SCREEN: Mutex<Option<OnScreen>> = Mutex::new(None);

fn on_screen() -> MutexGuard<'static, Option<OnScreen>> {
    ON_SCREEN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn remember(open: Option<OnScreen>) {
    *on_screen() = open;
}

/// Clears the menu open now, or moves below the line being typed, so that the message that
/// the interview stopped comes after it rather than over it. The fortb is stopping: no
/// prompt is drawn again, so the screen stays as it is left here.
pub(crate) fn tidy_after_interrupt(term: &Term) {
    let mut open = on_screen();
    quiet::restore();
    let _ = match open.take() {
        Some(open) if open.clear => term
            .move_cursor_up(open.above)
            .and_then(|()| term.clear_to_end_of_screen()),
        Some(open) => term.move_cursor_down(open.below),
        None => Ok(()),
    };
    std::mem::forget(open);
}

/// A menu drawn by dialoguer (the multi-selects), registered from just before it is drawn
/// until it is answered; its rows are estimated as dialoguer lays them out.
pub(crate) struct OpenMenu;

impl OpenMenu {
    /// dialoguer draws the prompt and the items, one page of them when they do not all fit
    /// (a page holds the terminal's rows less two); the cursor ends below the last item.
    pub(crate) fn of(prompt: &str, items: &[impl AsRef<str>]) -> OpenMenu {
        let term = Term::stderr();
        if let Some((rows, columns)) = term.size_checked() {
            let page = usize::from(rows).max(3).saturating_sub(2);
            // The prompt's marks ("? ", "[Page 1/2]") and each item's ("> ") take a few columns.
            let paged = if items.len() > page {
                format!(" [Page 1/{}]", items.len().div_ceil(page.max(1)))
            } else {
                String::new()
            };
            let rows_of = |text: &str| rows_taken(text, usize::from(columns));
            let above = format!("? {prompt}{paged}")
                .split('\n')
                .map(rows_of)
                .sum::<usize>()
                + items
                    .iter()
                    .take(page)
                    .map(|item| rows_of(&format!("> {}", item.as_ref())))
                    .sum::<usize>();
            remember(Some(OnScreen {
                above,
                below: 0,
                clear: true,
            }));
        }
        OpenMenu
    }
}

impl Drop for OpenMenu {
    fn drop(&mut self) {
        remember(None);
    }
}

/// The rows one prompt takes, redrawn whole after each key. Drawing from the top each time
/// keeps a line that wraps, an error under it and a resized terminal right.
pub(crate) struct Frame {
    term: Term,
    /// The cursor's row, counted from the frame's first row.
    cursor_row: usize,
    /// The cursor's column, and the terminal's width it was drawn at.
    cursor_column: usize,
    columns: usize,
    /// Whether Ctrl-C clears the frame (a menu) or leaves it (a typed line).
    menu: bool,
}

impl Frame {
    /// A frame for a menu, cleared by Ctrl-C.
    pub(crate) fn menu() -> io::Result<Frame> {
        Frame::new(true)
    }

    /// A frame for a line being typed, left on screen by Ctrl-C.
    pub(crate) fn line() -> io::Result<Frame> {
        Frame::new(false)
    }

    /// Fails when stderr is no terminal: keys could not be read, and waiting for them would
    /// hang.
    fn new(menu: bool) -> io::Result<Frame> {
        let term = Term::stderr();
        if !term.is_term() {
            return Err(io::Error::new(
                io::ErrorKind::NotConnected,
                "not a terminal",
            ));
        }
        quiet::start();
        Ok(Frame {
            term,
            cursor_row: 0,
            cursor_column: 0,
            columns: 0,
            menu,
        })
    }

    pub(crate) fn term(&self) -> &Term {
        &self.term
    }

    /// The terminal's width in columns.
    pub(crate) fn columns(&self) -> usize {
        self.term
            .size_checked()
            .map_or(80, |(_, columns)| usize::from(columns).max(1))
    }

    /// The terminal's height in rows.
    pub(crate) fn rows(&self) -> usize {
        self.term
            .size_checked()
            .map_or(24, |(rows, _)| usize::from(rows).max(1))
    }

    /// Draws `lines` over what the frame showed before. With `cursor` `(line, before)`, the
    /// terminal's cursor goes to line `line` right after the text `before` (which that line
    /// starts with); otherwise it stays at the end of the last line.
    pub(crate) fn draw(
        &mut self,
        lines: &[String],
        cursor: Option<(usize, &str)>,
    ) -> io::Result<()> {
        let mut open = on_screen();
        self.wipe()?;
        let columns = self.columns();
        // A menu's lines wrap at spaces; a line being typed is laid out by its editor, which
        // places the cursor in it.
        let wrapped: Vec<String>;
        let lines = match cursor {
            Some(_) => lines,
            None => {
                wrapped = lines.iter().flat_map(|line| fit(line, columns)).collect();
                &wrapped[..]
            }
        };
        self.term.write_str(&lines.join("\n"))?;
        let heights: Vec<usize> = lines.iter().map(|l| rows_taken(l, columns)).collect();
        let last_row = heights.iter().sum::<usize>().saturating_sub(1);
        let (row, column) = match cursor {
            Some((line, before)) => {
                let (row, column) = cell_after(before, columns);
                (heights[..line].iter().sum::<usize>() + row, column)
            }
            None => (last_row, 0),
        };
        if cursor.is_some() {
            self.term.move_cursor_up(last_row - row)?;
            self.term.write_str("\r")?;
            self.term.move_cursor_right(column)?;
        }
        (self.cursor_row, self.cursor_column, self.columns) = (row, column, columns);
        *open = Some(OnScreen {
            above: row,
            below: last_row - row,
            clear: self.menu,
        });
        self.term.flush()
    }

    /// Writes `text` at the cursor, which the last [`Frame::draw`] or `append` left at the
    /// end of the frame's last row, `row`, with nothing after it: only what was added goes to
    /// the terminal, however long the line, and where a word no longer fits on the row, only
    /// that word moves to the next ([`flow`]). False, with nothing written, when the terminal's
    /// width changed since: the frame is then to be drawn whole.
    pub(crate) fn append(&mut self, row: &mut Row, text: &str) -> io::Result<bool> {
        let mut open = on_screen();
        if self.columns() != self.columns {
            return Ok(false);
        }
        let mut written = String::new();
        for c in text.chars() {
            let Some(ended) = row.push(c, self.columns.saturating_sub(1)) else {
                written.push(c);
                continue;
            };
            self.term.write_str(&std::mem::take(&mut written))?;
            // The word that moved is taken off the row it no longer fits on.
            if ended.moved_width > 0 {
                self.term.clear_chars(ended.moved_width)?;
            }
            written.push_str("\r\n");
            written.push_str(&row.text);
            self.cursor_row += 1;
        }
        self.term.write_str(&written)?;
        self.cursor_column = row.width;
        *open = Some(OnScreen {
            above: self.cursor_row,
            below: 0,
            clear: self.menu,
        });
        self.term.flush()?;
        Ok(true)
    }

    /// Clears the frame, leaving the cursor where its first row was.
    pub(crate) fn clear(&mut self) -> io::Result<()> {
        let mut open = on_screen();
        *open = None;
        self.wipe()
    }

    /// Writes `line` (the answered prompt) in place of the frame.
    pub(crate) fn settle(mut self, line: &str) -> io::Result<()> {
        self.clear()?;
        self.term.write_line(&fit(line, self.columns()).join("\n"))
    }

    /// Moves below the frame, leaving it on screen (a typed line after Ctrl-C).
    pub(crate) fn leave(&mut self) -> io::Result<()> {
        let below = on_screen().take().map_or(0, |open| open.below);
        self.term.move_cursor_down(below)
    }

    fn wipe(&mut self) -> io::Result<()> {
        self.term.move_cursor_up(self.cursor_row)?;
        self.cursor_row = 0;
        self.term.clear_to_end_of_screen()
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        remember(None);
        quiet::restore();
    }
}

/// A line as rows of a terminal `columns` wide, wrapped at spaces so that no word is cut at
/// the edge (one a row cannot hold is split). The last column stays free: a row filled to it
/// leaves some terminals' cursor waiting to wrap, and reads as a word cut in two.
pub(crate) fn fit(line: &str, columns: usize) -> Vec<String> {
    crate::cli::wrap::message(line, columns.saturating_sub(1).max(1))
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// `line` wrapped at spaces to the width of the terminal on stderr, less `margin` columns
/// (a prompt's marks around it): for lines written once, and for prompts that others redraw
/// and count by their line breaks.
pub(crate) fn fitted(line: &str, margin: usize) -> String {
    fit(line, columns().saturating_sub(margin)).join("\n")
}

/// The width of the terminal on stderr, or 80 when it has none.
pub(crate) fn columns() -> usize {
    Term::stderr()
        .size_checked()
        .map_or(80, |(_, columns)| usize::from(columns).max(1))
}

/// An item of a multi-select on one row of the terminal, less `margin` columns for its marks
/// ("> [x] "): ended at a word with an ellipsis when longer, as dialoguer draws an item that
/// wraps over a row it then leaves behind.
pub(crate) fn one_row(item: &str, margin: usize) -> String {
    let columns = columns();
    // The last column stays free, as a row a line wraps over leaves it.
    let room = columns.saturating_sub(margin + 1).max(10);
    within_bytes(item, room, columns)
}

/// `item` cut to `room` columns and to at most `bytes` bytes: dialoguer's multi-select takes
/// an item longer in bytes than the terminal is wide for one that wraps, and each redraw
/// then clears a row more than it drew, eating the prompt above (å, ä, ö, – and … take two
/// or three bytes each).
fn within_bytes(item: &str, room: usize, bytes: usize) -> String {
    (1..=room.max(1))
        .rev()
        .map(|room| crate::cli::wrap::cut(item, room))
        .find(|shown| shown.len() <= bytes)
        .unwrap_or_default()
        .into_owned()
}

/// The error a prompt fails with when the user pressed Ctrl-C.
pub(crate) fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

/// The text a theme's formatting function writes.
pub(crate) fn themed(format: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result) -> String {
    let mut text = String::new();
    let _ = format(&mut text);
    text
}

/// How many rows of a terminal `columns` wide a line takes (colours and styles take none).
pub(crate) fn rows_taken(line: &str, columns: usize) -> usize {
    let (row, column) = end_of(&console::strip_ansi_codes(line), columns);
    // A line that ends exactly at the edge leaves the cursor on its last row.
    if column == 0 && row > 0 {
        row
    } else {
        row + 1
    }
}

/// The row and column of the cell after `text`, written from a line's start: where the
/// cursor shows after it.
fn cell_after(text: &str, columns: usize) -> (usize, usize) {
    end_of(&console::strip_ansi_codes(text), columns)
}

/// Where writing `text` ends on a terminal `columns` wide: a character that does not fit on
/// a row (a wide one in the last column) goes to the next, and a full row wraps.
fn end_of(text: &str, columns: usize) -> (usize, usize) {
    advance((0, 0), text, columns)
}

/// Where writing `text` from `(row, column)` ends, as [`end_of`] counts.
fn advance((mut row, mut column): (usize, usize), text: &str, columns: usize) -> (usize, usize) {
    let columns = columns.max(1);
    let mut buffer = [0; 4];
    for c in text.chars() {
        let width = console::measure_text_width(c.encode_utf8(&mut buffer)).min(columns);
        if column + width > columns {
            row += 1;
            column = 0;
        }
        column += width;
        if column == columns {
            row += 1;
            column = 0;
        }
    }
    (row, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item no longer in bytes than the terminal is wide: dialoguer counts bytes.
    #[test]
    fn a_menu_item_is_cut_to_the_bytes_dialoguer_counts() {
        let item =
            "    formativ.1: Alla lärare F–9 – formulera lärandemål och kriterier som håller";
        let shown = within_bytes(item, 73, 80);
        // "… kriterier som…" fits 73 columns but takes 82 bytes.
        assert_eq!(
            shown,
            "    formativ.1: Alla lärare F–9 – formulera lärandemål och kriterier…"
        );
        assert!(shown.len() <= 80);
        assert_eq!(
            within_bytes("Bokcirkel om läsning", 73, 80),
            "Bokcirkel om läsning"
        );
        assert_eq!(within_bytes("ååååå", 3, 80), "åå…");
    }

    #[test]
    fn a_line_takes_the_rows_it_wraps_over() {
        for (line, columns, rows) in [
            ("", 10, 1),
            ("abc", 10, 1),
            ("abcdefghij", 10, 1),
            ("abcdefghijk", 10, 2),
            ("\x1b[1mabcdefghij\x1b[0m", 10, 1),
            ("åäöåäöåäöå", 10, 1),
            // a wide character that does not fit in the last column starts the next row
            ("abcdefghi界", 10, 2),
        ] {
            assert_eq!(rows_taken(line, columns), rows, "{line:?} at {columns}");
        }
    }

    #[test]
    fn the_cursor_after_a_full_row_is_at_the_start_of_the_next() {
        assert_eq!(cell_after("abc", 10), (0, 3));
        assert_eq!(cell_after("abcdefghij", 10), (1, 0));
        assert_eq!(cell_after("abcdefghijkl", 10), (1, 2));
        assert_eq!(cell_after("\x1b[2m? \x1b[0mab", 10), (0, 4));
    }
}
