//! Terminal tables (comfy-table) that fit the terminal, or `COLUMNS` when set.

use comfy_table::{presets, ContentArrangement, Table};

use crate::cli::output;
use crate::escape;

/// The width to fit: `COLUMNS` when set (scripts and tests), else the terminal's.
pub fn width() -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(columns);
    }
    if output::stdout_is_terminal() {
        return console::Term::stdout().size_checked().map(|(_, w)| w);
    }
    None
}

pub fn new(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_header(header);
    match width() {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if !output::colour() {
        table.force_no_tty();
    }
    table
}

/// Adds a row of cells, their text made harmless for the terminal before the table measures
/// it ([`escape::terminal`]).
pub fn add_row(table: &mut Table, cells: Vec<String>) {
    table.add_row(
        cells
            .into_iter()
            .map(|cell| escape::terminal(&cell).into_owned()),
    );
}

/// Keeps a column (an id people copy) on one line; the others wrap around it.
pub fn keep_whole(table: &mut Table, column: usize) {
    if let Some(column) = table.column_mut(column) {
        column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
}
