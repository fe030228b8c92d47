//! `fortb status [ID]`: where each initiative stands in its process; with an ID, a checklist of
//! its steps.

use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::json;

use crate::cli::args::{StatusArgs, StatusFormat};
use crate::cli::commands::list::sort_by_start;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::error::Result;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::process::{Model, Step};
use crate::record::process_files::Models;
use crate::record::project::Project;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &StatusArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let mut models = Models::new(Some(&project));
    let today = context.today;
    let export = args.out.export()?;
    if let Some(given) = &args.id {
        let (id, path) = store::resolve(&project, given)?;
        let initiative = store::load(&id, &path)?;
        let model = models.get(project.process_of(&initiative.record))?;
        let text = one_initiative(&initiative, model, args.format, today);
        deliver(&export, args.format, &text)?;
        return Ok(ExitCode::SUCCESS);
    }

    let initiatives = context.initiatives(&project, store::Answers::Given)?;
    let rows = overview_rows(&initiatives, &project, &mut models, today);
    let text = match args.format {
        StatusFormat::Json => overview_json(&rows),
        StatusFormat::Table => {
            if rows.is_empty() {
                crate::cli::commands::note_if_no_records(&project)?;
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            overview_table(&project, &rows)?
        }
    };
    drop(rows);
    store::release(initiatives);
    deliver(&export, args.format, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// One initiative's steps, as a checklist or JSON.
fn one_initiative(
    initiative: &Initiative,
    model: &Model,
    format: StatusFormat,
    today: Date,
) -> String {
    let steps: Vec<StepStatus> = model
        .steps
        .iter()
        .map(|s| StepStatus::new(model, initiative, s, today))
        .collect();
    match format {
        StatusFormat::Json => crate::json::document(&json!({
            "id": initiative.id,
            "title": initiative.record.title,
            "process": model.name,
            "steps": steps.iter().map(StepStatus::json).collect::<Vec<_>>(),
        })),
        StatusFormat::Table => checklist(initiative, model, &steps),
    }
}

/// An initiative in the overview: steps done, steps in all, and the step it is at (none when
/// it has no step left to take).
type Row<'a> = (&'a Initiative, usize, usize, Option<StepStatus>);

/// Where each initiative stands, by start; those whose process model cannot be read are left out.
fn overview_rows<'a>(
    initiatives: &'a [Initiative],
    project: &Project,
    models: &mut Models,
    today: Date,
) -> Vec<Row<'a>> {
    let mut sorted: Vec<&Initiative> = initiatives.iter().collect();
    sort_by_start(&mut sorted);
    let mut rows = Vec::new();
    for initiative in sorted {
        let Ok(model) = models.get(project.process_of(&initiative.record)) else {
            continue;
        };
        let current = model.current_step(initiative);
        let status = current.map(|s| StepStatus::new(model, initiative, s, today));
        rows.push((
            initiative,
            model.steps_done(initiative),
            model.steps.len(),
            status,
        ));
    }
    rows
}

fn overview_json(rows: &[Row]) -> String {
    crate::json::document(&json!({ "initiatives":
        rows.iter()
            .map(|(initiative, done, total, status)| {
                json!({
                    "id": initiative.id,
                    "title": initiative.record.title,
                    "done_step_count": done,
                    "step_count": total,
                    "step": status.as_ref().map_or_else(|| json!(finished_key(initiative)), |s| json!(s.id)),
                    "unanswered_count": status.as_ref().map_or(0, |s| s.total - s.answered),
                    "due": status.as_ref().and_then(|s| s.due),
                    "waiting": status.as_ref().and_then(|s| s.waiting.clone()),
                    "overdue": status.as_ref().is_some_and(|s| s.overdue),
                })
            })
            .collect::<Vec<_>>(),
    }))
}

fn overview_table(project: &Project, rows: &[Row]) -> Result<String> {
    let columns = [
        Column::id(t!("column.id"), crate::cli::commands::known_ids(project)?),
        Column::words(t!("column.step")),
        Column::whole(t!("column.progress")),
        Column::whole(t!("column.unanswered")).dropped_at(1),
        Column::words(t!("column.due")),
    ];
    // The cells on all cores, in order: at 10,000 records they were made on one thread while
    // the other core waited.
    let cells: Vec<Vec<String>> = rows
        .par_iter()
        .map(|(initiative, done, total, status)| {
            vec![
                initiative.id.clone(),
                status
                    .as_ref()
                    .map_or_else(|| finished_label(initiative), |s| s.name.clone()),
                format!("{done}/{total}"),
                status
                    .as_ref()
                    .map_or(String::new(), |s| (s.total - s.answered).to_string()),
                status.as_ref().map_or(String::new(), StepStatus::due_text),
            ]
        })
        .collect();
    Ok(table::render(&columns, &cells))
}

/// What an initiative with no step to take is: decided as "not training", or done.
fn finished_key(initiative: &Initiative) -> &'static str {
    if initiative.record.not_training() {
        "not-training"
    } else {
        "done"
    }
}

fn finished_label(initiative: &Initiative) -> String {
    if initiative.record.not_training() {
        t!("outcome.decided")
    } else {
        t!("process.all_done")
    }
}

fn deliver(export: &output::Export, format: StatusFormat, text: &str) -> Result<()> {
    match format {
        StatusFormat::Json => export.data(text),
        StatusFormat::Table => export.for_reading(text),
    }
}

struct StepStatus {
    id: String,
    name: String,
    done: Option<Date>,
    answered: usize,
    total: usize,
    due: Option<Date>,
    /// Whom the open step waits for (the centre's proposal, the principal's approval).
    waiting: Option<String>,
    overdue: bool,
}

impl StepStatus {
    fn new(model: &Model, initiative: &Initiative, step: &Step, today: Date) -> StepStatus {
        let done = initiative.step(&step.id).and_then(|s| s.done);
        let deadline = model.deadline(step, initiative).filter(|_| done.is_none());
        let due = deadline.as_ref().and_then(|d| d.date);
        StepStatus {
            id: step.id.clone(),
            name: step.name(),
            done,
            answered: step.questions.len() - model.unanswered(initiative, step),
            total: step.questions.len(),
            due,
            waiting: deadline.and_then(|d| d.waiting),
            overdue: done.is_none() && due.is_some_and(|d| d < today),
        }
    }

    fn due_text(&self) -> String {
        let when = match self.due {
            Some(date) if self.overdue => t!("status.overdue", date = date),
            Some(date) if self.done.is_none() => t!("status.due", date = date),
            _ => String::new(),
        };
        match (&self.waiting, when.is_empty()) {
            (None, _) => when,
            (Some(party), true) => t!("status.waiting", party = party),
            (Some(party), false) => t!("status.due_waiting", when = when, party = party),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "done": self.done,
            "answered_count": self.answered,
            "question_count": self.total,
            "due": self.due,
            "waiting": self.waiting,
            "overdue": self.overdue,
        })
    }
}

fn checklist(initiative: &Initiative, model: &Model, steps: &[StepStatus]) -> String {
    let current_step = model.current_step(initiative);
    let current = current_step.map(|s| s.id.as_str());
    let width = steps
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let states: Vec<String> = steps
        .iter()
        .map(|step| match step.done {
            Some(date) => t!("show.step_done", date = date),
            None if step.answered > 0 => t!("show.step_in_progress"),
            None => String::new(),
        })
        .collect();
    let state_width = states.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let mut out = format!("{}\n{}\n\n", initiative.record.title, model.title());
    for (step, state) in steps.iter().zip(&states) {
        let mark = match (step.done, Some(step.id.as_str()) == current) {
            (Some(_), _) => "✔",
            (None, true) => "▶",
            (None, false) => "·",
        };
        let pad = " ".repeat(width - step.name.chars().count());
        let state_pad = " ".repeat(state_width - state.chars().count());
        out.push_str(&format!(
            "{mark} {}{pad}  {state}{state_pad}  {}",
            step.name,
            t!(
                "status.answered",
                answered = step.answered,
                total = step.total
            )
        ));
        let due = step.due_text();
        if !due.is_empty() {
            out.push_str(&format!("  {due}"));
        }
        out.push('\n');
    }
    if let Some(step) = current_step {
        out.push_str(&format!(
            "\n{}\n",
            t!("status.continue", id = initiative.id, step = step.word())
        ));
    } else if initiative.record.not_training() {
        out.push_str(&format!(
            "\n{}\n",
            t!("outcome.status_note", id = initiative.id)
        ));
    }
    out
}
