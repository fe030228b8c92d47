//! Terminal tables that fit the terminal, or `COLUMNS` when set: columns two spaces apart
//! under a header and a rule, with no box, as `gh` and `kubectl` print them. fortb lays
//! the columns out itself, so that at any width words wrap at
//! spaces, dates and numbers stay whole, ids are shortened to a beginning that still works as
//! an id (`bokcirkel-f…`) before titles suffer, and the least needed columns are left out
//! last of all, with a note saying which.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::cli::output;
use crate::cli::wrap::{self, widest_line, words, wrap};
use crate::escape;
use crate::t;

/// The width to fit: `COLUMNS` when set (scripts and tests), else stdout's terminal's.
fn width() -> Option<u16> {
    output::width(output::Stream::Stdout)
}

/// Whether tables are fitted to a width: without one, every column is shown whole.
pub fn has_width() -> bool {
    width().is_some()
}

/// How a column gives way when the terminal is narrow.
#[derive(Clone, Debug, PartialEq)]
pub enum Fit {
    /// Text that wraps at spaces (titles, names, reasons).
    Words,
    /// Dates, numbers and bars: never split.
    Whole,
    /// Record ids: shortened to their shortest unique beginning and an ellipsis, unique among
    /// the ids of the row's group: `known[groups[row]]`, sorted (one group when `groups` is
    /// empty).
    Id {
        known: Vec<Vec<String>>,
        groups: Vec<usize>,
    },
}

/// A column: its header, how it fits, and when it is left out (lowest `drop` first; `None`
/// is never left out).
#[derive(Clone, Debug)]
pub struct Column {
    pub header: String,
    pub fit: Fit,
    pub drop: Option<u8>,
}

impl Column {
    pub fn words(header: String) -> Column {
        Column {
            header,
            fit: Fit::Words,
            drop: None,
        }
    }

    pub fn whole(header: String) -> Column {
        Column {
            header,
            fit: Fit::Whole,
            drop: None,
        }
    }

    /// An id column; `known` holds every id the shortened ones must stay distinct from, in
    /// sorted order (as `store::record_files` gives them).
    pub fn id(header: String, known: Vec<String>) -> Column {
        Column::grouped_id(header, vec![known], Vec::new())
    }

    /// An id column whose rows fall into groups (an organiser's units), each id told apart
    /// only from the others of its group: `known[g]` holds group `g`'s ids, sorted, and
    /// `groups[row]` is each row's group.
    pub fn grouped_id(header: String, known: Vec<Vec<String>>, groups: Vec<usize>) -> Column {
        Column {
            header,
            fit: Fit::Id { known, groups },
            drop: None,
        }
    }

    /// Left out when the terminal is too narrow; lower ranks go first.
    pub fn dropped_at(mut self, rank: u8) -> Column {
        self.drop = Some(rank);
        self
    }
}

/// A word longer than this is split rather than widening its column further.
const LONGEST_WORD: usize = 24;

/// Renders the table to fit the terminal (every column at its natural width when there is no
/// terminal width), noting on stderr any column left out: [`rendered`] as one text.
pub fn render<S: AsRef<str> + Sync>(columns: &[Column], rows: &[Vec<S>]) -> String {
    rendered(columns, rows, |row| borrowed(row)).into_string()
}

fn borrowed<S: AsRef<str>>(row: &[S]) -> Vec<&str> {
    row.iter().map(AsRef::as_ref).collect()
}

/// A table as [`rendered`] made it: the header with its rule, then the rows a chunk at a time,
/// so that a table of 100,000 rows is written as made rather than first copied into one text.
pub struct Rendered {
    head: String,
    body: Vec<Chunk>,
    /// A blank line between rows: some row is more than one line high.
    spaced: bool,
}

/// A run of rows, their lines one after another, and where each row's lines end.
struct Chunk {
    text: String,
    ends: Vec<usize>,
    wrapped: bool,
}

impl Rendered {
    pub fn into_string(self) -> String {
        let mut out = String::with_capacity(self.len());
        self.parts(|part| out.push_str(part));
        out
    }

    /// Writes the table. What it holds is harmless on a terminal already: every cell passed
    /// [`escape::terminal`] before it was measured.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut written = Ok(());
        self.parts(|part| {
            if written.is_ok() {
                written = out.write_all(part.as_bytes());
            }
        });
        written
    }

    /// Each part of the table's text in order: the head, then the rows, a blank line between
    /// two rows when they are [`Rendered::spaced`].
    fn parts(&self, mut part: impl FnMut(&str)) {
        part(&self.head);
        for (index, chunk) in self.body.iter().enumerate() {
            if !self.spaced {
                part(&chunk.text);
                continue;
            }
            let mut start = 0;
            for (row, &end) in chunk.ends.iter().enumerate() {
                if index > 0 || row > 0 {
                    part("\n");
                }
                part(&chunk.text[start..end]);
                start = end;
            }
        }
    }

    /// Writes the table where the command's output goes, a run of rows at a time, with
    /// nothing more to write out ([`Rendered::write_to`]).
    pub fn export(&self, export: &output::Export) -> crate::error::Result<()> {
        export.harmless_saying(
            |out| self.write_to(out),
            |path| t!("export.written", path = path),
        )
    }

    fn len(&self) -> usize {
        let rows: usize = self.body.iter().map(|chunk| chunk.ends.len()).sum();
        let text: usize = self.body.iter().map(|chunk| chunk.text.len()).sum();
        self.head.len() + text + if self.spaced { rows } else { 0 }
    }
}

/// Rows set into lines together: enough to make one allocation of many, few enough to share
/// the rows out evenly between the cores.
const CHUNK_ROWS: usize = 256;

/// Lays the table of `rows` out to fit the terminal, noting on stderr any column left out;
/// `cells` gives a row's cells, one for each column. Cells are made harmless for the terminal
/// here, the one place record text enters a table ([`escape::terminal`]), and measured as they
/// are made, while their text is in the processor's caches; a cell shown as it is, as most
/// are, is not read again until it is written. Rows are made, fitted and set into lines on
/// all cores and kept in order: at 100,000 rows, each pass over every cell read it from
/// memory anew.
pub fn rendered<'r, R, S>(
    columns: &[Column],
    rows: &'r [R],
    cells: impl Fn(&'r R) -> Vec<S> + Sync,
) -> Rendered
where
    R: Sync,
    S: Into<Cow<'r, str>>,
{
    let count = columns.len();
    let cells: Vec<Cell<'r>> = rows
        .par_iter()
        .flat_map_iter(|row| {
            let cells = cells(row);
            debug_assert_eq!(cells.len(), count, "a cell for each column");
            cells.into_iter().take(count).map(Cell::new)
        })
        .collect();
    let rows = Rows {
        cells: &cells,
        count,
    };
    let all = rows.all();
    let natural = natural_widths(columns, &all, |cell: &Cell| cell.width);
    let layout = layout(columns, &all, natural, width().map(usize::from));
    if !layout.left_out.is_empty() {
        let names: Vec<&str> = layout
            .left_out
            .iter()
            .map(|&c| columns[c].header.as_str())
            .collect();
        output::note(&t!("table.columns_left_out", columns = names.join(", ")));
    }
    let header: Vec<Cow<str>> = layout
        .shown
        .iter()
        .map(|&c| wrap(&columns[c].header, layout.widths[c]))
        .collect();
    let widths: Vec<usize> = layout.shown.iter().map(|&c| layout.widths[c]).collect();
    let body = rows.body(columns, &layout, &widths);
    // What each cell was is in the lines now. The cells are left to the system, as a command
    // leaves what it made once it is done (`commands::done_with`): freeing 100,000 rows of
    // them cell by cell is a pass over memory for nothing.
    std::mem::forget(cells);
    let mut head = String::new();
    lines(&mut head, &header, &widths);
    let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    lines(&mut head, &rule, &widths);
    // Headers may name what records hold (an audience, an indicator).
    let head = escape::terminal(&head).into_owned();
    // Without a box, a blank line is what tells one row from the next once rows wrap.
    let spaced = body.iter().any(|chunk| chunk.wrapped);
    Rendered { head, body, spaced }
}

/// A cell made harmless for the terminal and measured.
struct Cell<'r> {
    text: Cow<'r, str>,
    /// The columns its widest line takes.
    width: usize,
    /// Shown as it is in a column at least [`Cell::width`] wide ([`wrap::measured`]).
    as_is: bool,
}

impl<'r> Cell<'r> {
    fn new(text: impl Into<Cow<'r, str>>) -> Cell<'r> {
        let text = match text.into() {
            Cow::Borrowed(text) => escape::terminal(text),
            Cow::Owned(text) => match escape::terminal(&text) {
                Cow::Borrowed(_) => Cow::Owned(text),
                Cow::Owned(escaped) => Cow::Owned(escaped),
            },
        };
        let (width, as_is) = wrap::measured(&text);
        Cell { text, width, as_is }
    }
}

impl AsRef<str> for Cell<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// The cells of a table, row after row, `count` to a row: one list, read in order.
#[derive(Clone, Copy)]
struct Rows<'c, 'r> {
    cells: &'c [Cell<'r>],
    count: usize,
}

impl<'c, 'r> Rows<'c, 'r> {
    fn all(self) -> Vec<&'c [Cell<'r>]> {
        self.cells.chunks(self.count.max(1)).collect()
    }

    /// The rows set into lines, a chunk of rows at a time on all cores.
    fn body(self, columns: &[Column], layout: &Layout, widths: &[usize]) -> Vec<Chunk> {
        let line_length = widths.iter().sum::<usize>() + GUTTER.len() * widths.len();
        self.cells
            .par_chunks((CHUNK_ROWS * self.count).max(1))
            .map(|cells| {
                let rows = cells.chunks(self.count.max(1));
                // Room for one line of each row, so most chunks are never grown.
                let mut chunk = Chunk {
                    text: String::with_capacity((line_length + 1) * rows.len()),
                    ends: Vec::with_capacity(rows.len()),
                    wrapped: false,
                };
                for row in rows {
                    chunk.wrapped |= row_lines(&mut chunk.text, columns, layout, widths, row);
                    chunk.ends.push(chunk.text.len());
                }
                chunk
            })
            .collect()
    }
}

/// Sets a row into lines at the end of `out`, its shown columns `widths` wide; whether it took
/// more than one. A row whose cells all fit as they are is written straight from them, with
/// no measuring.
fn row_lines(
    out: &mut String,
    columns: &[Column],
    layout: &Layout,
    widths: &[usize],
    row: &[Cell],
) -> bool {
    let fit = |c: usize| row[c].as_is && row[c].width <= layout.widths[c];
    if layout.shown.iter().all(|&c| fit(c)) {
        let start = out.len();
        for (place, &c) in layout.shown.iter().enumerate() {
            if place > 0 {
                out.push_str(GUTTER);
            }
            out.push_str(&row[c].text);
            pad(out, layout.widths[c] - row[c].width);
        }
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
        return false;
    }
    let cells: Vec<Cow<str>> = (layout.shown.iter())
        .map(|&c| fitted(&columns[c], &row[c].text, layout.widths[c]))
        .collect();
    lines(out, &cells, widths);
    cells.iter().any(|cell| cell.contains('\n'))
}

/// A cell's text fitted to its column's width: an id shortened, other text wrapped.
fn fitted<'t>(column: &Column, text: &'t str, width: usize) -> Cow<'t, str> {
    match column.fit {
        Fit::Id { .. } => shorten(text, width),
        _ => wrap(text, width),
    }
}

/// The space between two columns. There is no box around a table: the three characters a
/// boxed column costs would leave a narrow terminal too little room for the text itself.
const GUTTER: &str = "  ";

/// The terminal lines of one row of the table: each cell's lines padded to its column's
/// width, side by side; no spaces at the ends of lines. The header is plain text, set apart
/// by the rule under it: tables are printed with record text made harmless, which would
/// show a bold header's escape codes as text.
fn lines<S: AsRef<str>>(out: &mut String, cells: &[S], widths: &[usize]) {
    // Most rows are one line high: their cells are used as they are, not split into lines.
    let one_line = cells.iter().all(|cell| !cell.as_ref().contains('\n'));
    let height = match one_line {
        true => 1,
        false => cells
            .iter()
            .map(|cell| cell.as_ref().lines().count())
            .max()
            .unwrap_or(0)
            .max(1),
    };
    for line in 0..height {
        let start = out.len();
        for (column, cell) in cells.iter().enumerate() {
            let part = match one_line {
                true => cell.as_ref(),
                false => cell.as_ref().lines().nth(line).unwrap_or(""),
            };
            if column > 0 {
                out.push_str(GUTTER);
            }
            out.push_str(part);
            pad(out, widths[column].saturating_sub(wrap::width(part)));
        }
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
    }
}

/// Appends `n` spaces, many at a time.
fn pad(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let now = n.min(SPACES.len());
        out.push_str(&SPACES[..now]);
        n -= now;
    }
}

/// Whether every column fits the terminal as the rows are; a command may then show less in
/// a cell (a number without its bar) rather than lose a column.
pub fn fits<S: AsRef<str> + Sync>(columns: &[Column], rows: &[Vec<S>]) -> bool {
    // Without a width to fit, every column is shown: nothing to measure.
    let Some(width) = width() else {
        return true;
    };
    let natural = natural_widths(columns, rows, |cell: &S| widest_line(cell.as_ref()));
    layout(columns, rows, natural, Some(usize::from(width)))
        .left_out
        .is_empty()
}

/// The columns shown, in order, each one's width, and those left out.
#[derive(Debug, PartialEq)]
struct Layout {
    shown: Vec<usize>,
    widths: Vec<usize>,
    left_out: Vec<usize>,
}

/// Each column's natural width: its widest cell or header, measured by `width`. On all
/// cores, every column of a row at once: a table's rows are thousands, and a pass over them
/// for each column read every cell from memory anew.
fn natural_widths<R, C>(
    columns: &[Column],
    rows: &[R],
    width: impl Fn(&C) -> usize + Sync,
) -> Vec<usize>
where
    R: AsRef<[C]> + Sync,
{
    let headers: Vec<usize> = columns.iter().map(|c| widest_line(&c.header)).collect();
    let widest = |mut widths: Vec<usize>, row: &R| {
        for (widest, cell) in widths.iter_mut().zip(row.as_ref()) {
            *widest = (*widest).max(width(cell));
        }
        widths
    };
    rows.par_iter().fold(|| headers.clone(), widest).reduce(
        || headers.clone(),
        |a, b| a.into_iter().zip(b).map(|(a, b)| a.max(b)).collect(),
    )
}

/// The columns to show and their widths, from their `natural` widths, to fit `width`
/// (every column at its natural width without one).
fn layout<R, C>(columns: &[Column], rows: &[R], natural: Vec<usize>, width: Option<usize>) -> Layout
where
    R: AsRef<[C]> + Sync,
    C: AsRef<str>,
{
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let mut left_out = Vec::new();
    let Some(width) = width else {
        return Layout {
            shown,
            widths: natural,
            left_out,
        };
    };
    let narrowest: Vec<usize> = (0..columns.len())
        .map(|c| narrowest(&columns[c], rows, c).min(natural[c]))
        .collect();
    let room = |shown: &[usize]| width.saturating_sub(GUTTER.len() * shown.len().saturating_sub(1));
    let needed = |shown: &[usize]| shown.iter().map(|&c| narrowest[c]).sum::<usize>();
    let mut ranks: Vec<(u8, usize)> = columns
        .iter()
        .enumerate()
        .filter_map(|(c, column)| column.drop.map(|rank| (rank, c)))
        .collect();
    ranks.sort();
    for (_, column) in ranks {
        if needed(&shown) <= room(&shown) {
            break;
        }
        shown.retain(|&c| c != column);
        left_out.push(column);
    }
    let widths = share_room(columns, &shown, &natural, &narrowest, room(&shown));
    Layout {
        shown,
        widths,
        left_out,
    }
}

/// Each column starts at its narrowest; the room left goes first to wrapped text (the
/// narrowest-looking first), then to ids, each up to its natural width.
fn share_room(
    columns: &[Column],
    shown: &[usize],
    natural: &[usize],
    narrowest: &[usize],
    room: usize,
) -> Vec<usize> {
    let mut widths = narrowest.to_vec();
    let mut left = room.saturating_sub(shown.iter().map(|&c| narrowest[c]).sum());
    for words_first in [true, false] {
        let takers: Vec<usize> = shown
            .iter()
            .copied()
            .filter(|&c| (columns[c].fit == Fit::Words) == words_first)
            .collect();
        while left > 0 {
            let Some(&neediest) = takers
                .iter()
                .filter(|&&c| widths[c] < natural[c])
                .min_by_key(|&&c| widths[c] * 1000 / natural[c].max(1))
            else {
                break;
            };
            widths[neediest] += 1;
            left -= 1;
        }
    }
    widths
}

/// The narrowest column `c` of `rows` can be: a date or number its full width, an id its
/// shortest unique beginning and the ellipsis, words their longest word (up to
/// [`LONGEST_WORD`]). A header wraps at spaces like words.
fn narrowest<R, C>(column: &Column, rows: &[R], c: usize) -> usize
where
    R: AsRef<[C]> + Sync,
    C: AsRef<str>,
{
    let header = longest_word(&column.header);
    let cells = rows.par_iter().map(|row| row.as_ref()[c].as_ref());
    let content = match &column.fit {
        Fit::Whole => cells.map(widest_line).max(),
        Fit::Words => cells.map(|cell| longest_word(cell).min(LONGEST_WORD)).max(),
        Fit::Id { known, groups } => cells
            .enumerate()
            .map(|(row, id)| {
                let group = groups.get(row).copied().unwrap_or(0);
                let known = known.get(group).map_or(&[][..], Vec::as_slice);
                shortest_unique(id, known).map_or(id.len(), |n| n + 1)
            })
            .max(),
    };
    content.unwrap_or(0).max(header.min(LONGEST_WORD))
}

fn longest_word(text: &str) -> usize {
    text.lines()
        .flat_map(words)
        .map(wrap::width)
        .max()
        .unwrap_or(0)
}

/// How many characters of `id` tell it apart from every other of `known` (sorted); `None`
/// when only the whole id does (another id begins with all of it). The ids sharing most of
/// its beginning are its neighbours in sorted order, so a large project costs two
/// comparisons an id.
fn shortest_unique(id: &str, known: &[String]) -> Option<usize> {
    let (before, after) = match known.binary_search_by(|k| k.as_str().cmp(id)) {
        Ok(at) => (at.checked_sub(1), at + 1),
        Err(at) => (at.checked_sub(1), at),
    };
    let mut needed = 1;
    for other in [before, Some(after)].into_iter().flatten() {
        let Some(other) = known.get(other) else {
            continue;
        };
        let common = id
            .bytes()
            .zip(other.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        if common >= id.len() {
            return None;
        }
        needed = needed.max(common + 1);
    }
    (needed < id.len()).then_some(needed)
}

/// An id cut to `width` with an ellipsis; it still begins with its unique beginning, since the
/// column is never narrower than that.
fn shorten(id: &str, width: usize) -> Cow<'_, str> {
    if id.chars().count() <= width {
        return Cow::Borrowed(id);
    }
    let kept: String = id.chars().take(width.saturating_sub(1)).collect();
    Cow::Owned(format!("{kept}…"))
}

/// Free text (patterns, notes, answers) wrapped at spaces to the terminal's width: the first
/// line begins with `first`, the others with `rest`; as is without a terminal width.
pub fn wrap_paragraph(text: &str, first: &str, rest: &str) -> String {
    let Some(width) = width() else {
        return format!("{first}{text}");
    };
    let indent = wrap::width(first).max(wrap::width(rest));
    let room = usize::from(width).saturating_sub(indent).max(20);
    wrap(text, room)
        .lines()
        .enumerate()
        .map(|(index, line)| format!("{}{line}", if index == 0 { first } else { rest }))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_id_is_told_apart_by_its_shortest_unique_beginning() {
        let known = ids(&["bokcirkel-a", "bokcirkel-b", "studiedag", "x", "x-2"]);
        assert_eq!(shortest_unique("bokcirkel-a", &known), None);
        assert_eq!(
            shortest_unique("bokcirkel-a", &ids(&["bokcirkel-b2"])),
            None
        );
        assert_eq!(
            shortest_unique("bokcirkel-ab", &ids(&["bokcirkel-b"])),
            Some(11)
        );
        assert_eq!(shortest_unique("studiedag", &known), Some(1));
        assert_eq!(shortest_unique("x", &known), None);
        assert_eq!(shortest_unique("x-2", &known), Some(2));
        assert_eq!(shorten("studiedag", 4), "stu…");
        assert_eq!(shorten("x", 4), "x");
    }

    #[test]
    fn columns_are_left_out_lowest_rank_first_and_dates_never_shrink() {
        let columns = vec![
            Column::id("Id".into(), ids(&["bokcirkel-formativ", "studiedag-ai"])),
            Column::words("Title".into()),
            Column::whole("Start".into()),
            Column::words("Process".into()).dropped_at(1),
        ];
        let rows: Vec<Vec<String>> = vec![
            vec![
                "bokcirkel-formativ".into(),
                "Bokcirkel: Formativ bedömning i alla ämnen".into(),
                "2025-01-15".into(),
                "Six-step process for training initiatives".into(),
            ],
            vec![
                "studiedag-ai".into(),
                "Studiedag".into(),
                "2026-01-07".into(),
                "Six-step".into(),
            ],
        ];
        let layout = |width| {
            let natural = natural_widths(&columns, &rows, |cell: &String| widest_line(cell));
            layout(&columns, &rows, natural, Some(width))
        };
        let wide = layout(200);
        assert_eq!(wide.shown, [0, 1, 2, 3]);
        assert_eq!(wide.widths[0], 18);
        let narrow = layout(36);
        assert_eq!(narrow.left_out, [3]);
        assert_eq!(narrow.widths[2], 10, "{narrow:?}");
        assert!(narrow.widths[0] >= 2 && narrow.widths[0] < 18, "{narrow:?}");
        let total: usize = narrow
            .shown
            .iter()
            .map(|&c| narrow.widths[c] + GUTTER.len())
            .sum::<usize>()
            - GUTTER.len();
        assert!(total <= 36, "{narrow:?}");
    }
}
