//! `fortb list`: every initiative, one row each, by start date.

use std::process::ExitCode;

use serde_json::json;

use crate::cli::args::{ListArgs, ListFormat};
use crate::cli::commands::{self, Context};
use crate::cli::table::{self, Column};
use crate::error::Result;
use crate::lookback::summary::unit_text;
use crate::model::initiative::Initiative;
use crate::model::unit::Unit;
use crate::model::vocabulary::Vocabulary;
use crate::record::store;
use crate::record::units::Homes;
use crate::t;

pub fn run(context: &Context, args: &ListArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let project = &scope.main;
    let mut initiatives = context.units_initiatives(&scope, store::Answers::None)?;
    crate::cli::commands::keep_units(&mut initiatives, &args.unit)?;
    sort_by_start(&mut initiatives);
    let mut homes = Homes::new(&scope);
    let export = args.out.export();
    let rows: Vec<Row> = initiatives
        .iter()
        .map(|initiative| Row::new(initiative, &mut homes))
        .collect();
    match args.format {
        ListFormat::Json => {
            let items: Vec<_> = rows.iter().map(Row::json).collect();
            export.data(&crate::json::document(&json!({ "initiatives": items })))?;
        }
        ListFormat::Table => {
            if rows.is_empty() {
                crate::cli::commands::note_if_no_records(project)?;
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut columns = vec![
                Column::id(
                    t!("column.id"),
                    commands::known_ids_of(&scope, &initiatives)?,
                ),
                Column::words(t!("column.title")),
                Column::words(t!("column.kind")).dropped_at(1),
                Column::whole(t!("column.start")),
                Column::words(t!("column.step")).dropped_at(2),
            ];
            if rows.iter().any(|row| row.unit.is_some()) {
                columns.push(Column::words(t!("column.unit")));
            }
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    let mut cells = vec![
                        row.id.clone(),
                        row.title.clone(),
                        row.kind_label.clone(),
                        row.start.clone(),
                        row.step_label.clone(),
                    ];
                    cells.extend(row.unit.as_ref().map(unit_text));
                    cells
                })
                .collect();
            export.data(&table::render(&columns, &cells))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// By start date, undated last, then by id: a stable order for diffs and scripts.
pub fn sort_by_start(initiatives: &mut [Initiative]) {
    initiatives.sort_by(|a, b| {
        (a.record.start.is_none(), a.record.start, &a.id).cmp(&(
            b.record.start.is_none(),
            b.record.start,
            &b.id,
        ))
    });
}

struct Row {
    id: String,
    title: String,
    kind: &'static str,
    kind_label: String,
    start: String,
    step: String,
    step_label: String,
    steps_done: usize,
    steps_total: usize,
    unit: Option<Unit>,
}

impl Row {
    /// The row of an initiative, by the process model its own project gives it.
    fn new(initiative: &Initiative, homes: &mut Homes) -> Row {
        let record = &initiative.record;
        let process = homes.project_of(initiative).process_of(record).to_string();
        let (step, step_label, steps_done, steps_total) = match homes.model_for(initiative) {
            Ok(model) => match model.current_step(initiative) {
                Some(step) => (
                    step.id.clone(),
                    step.name(),
                    model.steps_done(initiative),
                    model.steps.len(),
                ),
                None => (
                    "done".to_string(),
                    t!("process.all_done"),
                    model.steps.len(),
                    model.steps.len(),
                ),
            },
            Err(_) => (
                String::new(),
                t!("process.unknown_model_short", model = process),
                0,
                0,
            ),
        };
        Row {
            id: initiative.id.clone(),
            title: record.title.clone(),
            kind: record.kind.key(),
            kind_label: record.kind.label(),
            start: record.start.map(|d| d.to_string()).unwrap_or_default(),
            step,
            step_label,
            steps_done,
            steps_total,
            unit: initiative.unit.clone(),
        }
    }

    fn json(&self) -> serde_json::Value {
        let mut value = json!({
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "start": if self.start.is_empty() { None } else { Some(&self.start) },
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
