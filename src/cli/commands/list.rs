//! `fortb list`: every initiative, one row each, by start date.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::json;

use crate::cli::args::{ListArgs, ListFormat};
use crate::cli::commands::{self, Context};
use crate::cli::table::{self, Column};
use crate::error::Result;
use crate::i18n::labels::Labelled;
use crate::lookback::summary::unit_text;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::unit::Unit;
use crate::model::vocabulary::Vocabulary;
use crate::order;
use crate::record::store;
use crate::record::units::{Homes, Scope};
use crate::t;

pub fn run(context: &Context, args: &ListArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let mut initiatives = context.units_initiatives(&scope, store::Answers::None)?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    commands::keep_themes(&mut initiatives, &args.theme);
    let export = args.out.export()?;
    match args.format {
        ListFormat::Json => {
            let items: Vec<_> = rows_of(initiatives, &scope).iter().map(Row::json).collect();
            export.data(&crate::json::document(&json!({ "initiatives": items })))?;
        }
        ListFormat::Table => {
            if initiatives.is_empty() {
                commands::note_if_no_records(&scope.main)?;
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            let known = commands::KnownIds::of(&scope, &initiatives)?;
            let rows = rows_of(initiatives, &scope);
            let mut columns = vec![
                known.column(rows.iter().map(|row| row.unit.as_ref())),
                Column::words(t!("column.title")),
                Column::words(t!("column.kind")).dropped_at(1),
                Column::whole(t!("column.start")),
                Column::words(t!("column.step")).dropped_at(2),
            ];
            let units = Unit::tell_apart(rows.iter().map(|row| row.unit.as_ref()));
            if units {
                columns.push(Column::words(t!("column.unit")));
            }
            let table = table::rendered(&columns, &rows, |row| row.cells(units));
            table.export(&export)?;
            commands::done_with((columns, rows, table));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Each initiative's row, by start date. The rows are built on all cores, and each record is
/// let go there as its row takes over the few texts it needs: at 10,000 records, freeing them
/// afterwards one by one would cost a tenth of the command's time.
fn rows_of(initiatives: Vec<Initiative>, scope: &Scope) -> Vec<Row> {
    // Each process model is loaded once here, before the rows share them.
    let mut homes = Homes::new(scope);
    homes.load_models(initiatives.iter());
    let rows: Vec<Row> = initiatives
        .into_par_iter()
        .map(|initiative| Row::new(initiative, &homes))
        .collect();
    // The order of `by_start`, with each id's rank standing for it.
    let ranks = order::id_ranks(&rows, |row| &row.id);
    order::by_key(
        rows,
        |place, row| (row.start.is_none(), row.start, ranks[place]),
        |_, _| Ordering::Equal,
    )
}

/// By start date, undated last, then by id: a stable order for diffs and scripts. Sorting
/// references (`&Initiative`) is faster than sorting whole records, which the sort moves.
pub fn sort_by_start<I: Borrow<Initiative>>(initiatives: &mut [I]) {
    initiatives.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        by_start((a.record.start, &a.id), (b.record.start, &b.id))
    });
}

/// The order of [`sort_by_start`], of two records' start dates and ids.
fn by_start(a: (Option<Date>, &str), b: (Option<Date>, &str)) -> Ordering {
    (a.0.is_none(), a.0, a.1).cmp(&(b.0.is_none(), b.0, b.1))
}

struct Row {
    id: String,
    title: String,
    kind: &'static str,
    kind_label: String,
    start: Option<Date>,
    step: String,
    step_label: String,
    steps_done: usize,
    steps_total: usize,
    unit: Option<Unit>,
}

impl Row {
    /// The row of an initiative, by the process model its own project gives it.
    fn new(initiative: Initiative, homes: &Homes) -> Row {
        let (step, step_label, steps_done, steps_total) = match homes.model_of(&initiative) {
            Some(model) => match model.current_step(&initiative) {
                Some(step) => (
                    step.id.clone(),
                    step.name(),
                    model.steps_done(&initiative),
                    model.steps.len(),
                ),
                None if initiative.record.not_training() => (
                    "not-training".to_string(),
                    t!("outcome.decided"),
                    model.steps_done(&initiative),
                    model.steps.len(),
                ),
                None => (
                    "done".to_string(),
                    t!("process.all_done"),
                    model.steps.len(),
                    model.steps.len(),
                ),
            },
            None => (
                String::new(),
                t!(
                    "process.unknown_model_short",
                    model = homes.project_of(&initiative).process_of(&initiative.record)
                ),
                0,
                0,
            ),
        };
        let record = initiative.record;
        Row {
            id: initiative.id,
            title: record.title,
            kind: record.kind.key(),
            kind_label: record.kind.label(),
            start: record.start,
            step,
            step_label,
            steps_done,
            steps_total,
            unit: initiative.unit,
        }
    }

    fn start_text(&self) -> Option<String> {
        self.start.map(|date| date.to_string())
    }

    /// The table's cells: id, title, kind, start, step, and the unit when `units` tells
    /// several apart.
    fn cells(&self, units: bool) -> Vec<Cow<'_, str>> {
        let start = self.start_text().unwrap_or_default();
        let mut cells = vec![
            Cow::Borrowed(self.id.as_str()),
            Cow::Borrowed(self.title.as_str()),
            Cow::Borrowed(self.kind_label.as_str()),
            Cow::Owned(start),
            Cow::Borrowed(self.step_label.as_str()),
        ];
        if units {
            cells.push(Cow::Owned(
                self.unit.as_ref().map(unit_text).unwrap_or_default(),
            ));
        }
        cells
    }

    fn json(&self) -> serde_json::Value {
        let mut value = json!({
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "start": self.start_text(),
            "step": self.step,
            "done_step_count": self.steps_done,
            "step_count": self.steps_total,
        });
        if let Some(unit) = &self.unit {
            value["unit"] = json!(&*unit.name);
            value["organisers"] = json!(unit.organiser);
        }
        value
    }
}
