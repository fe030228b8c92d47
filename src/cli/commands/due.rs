//! `fortb due`: everything due or overdue across the project — follow-ups, deadlines,
//! indicator measurements, surveys — soonest first, as a table, JSON or an iCalendar file.

use std::collections::HashMap;
use std::process::ExitCode;

use serde_json::json;

use crate::cli::args::{DueArgs, DueFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::csv::Dialect;
use crate::error::Result;
use crate::followup::ics;
use crate::followup::schedule::{self, Defaults, DueItem};
use crate::git::repo::{self, Revisions};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::record::process_files::Models;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &DueArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let today = Date::today();
    let initiatives = context.initiatives(&project, store::Answers::All)?;
    let mut models = Models::new(Some(&project));
    let defaults = Defaults {
        follow_up: &project.config.follow_up,
    };
    let mut items: Vec<DueItem> = Vec::new();
    for initiative in &initiatives {
        let process = initiative
            .record
            .process
            .as_deref()
            .unwrap_or(project.default_process());
        if let Ok(model) = models.get(process) {
            items.extend(schedule::due_items(initiative, model, &defaults));
        }
    }
    let items = schedule::upcoming(items, today, args.within);
    match args.format {
        DueFormat::Json => {
            let list: Vec<_> = items
                .iter()
                .map(|item| {
                    json!({
                        "date": item.date,
                        "overdue": item.date < today,
                        "kind": item.kind.key(),
                        "id": item.id,
                        "title": item.title,
                        "what": item.what,
                        "uid": ics::uid(&item.uid),
                        "closed_by": item.closed_by.iter().map(|e| e.key()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            output::print(&output::json_text(&list));
        }
        DueFormat::Csv => {
            let dialect = commands::csv_dialect(&args.csv)?;
            output::print(&csv(&items, today, &dialect));
        }
        DueFormat::Ics => {
            let revisions = repo::revisions(&project.initiatives_dir());
            let events: Vec<ics::Event> = items
                .iter()
                .map(|item| {
                    let initiative = initiatives.iter().find(|i| i.id == item.id);
                    calendar_event(item, initiative, &revisions)
                })
                .collect();
            let name = project.config.name.clone().unwrap_or_default();
            output::print(&ics::calendar(
                &t!("due.calendar_name", project = name),
                &events,
            ));
        }
        DueFormat::Table => {
            if items.is_empty() {
                output::note(&t!("due.nothing", days = args.within));
                return Ok(ExitCode::SUCCESS);
            }
            let columns = [
                Column::whole(t!("column.date")),
                Column::words(t!("column.when")).dropped_at(1),
                Column::id(t!("column.id"), commands::known_ids(&project)?),
                Column::words(t!("column.what")),
            ];
            let mut cells = Vec::new();
            for item in &items {
                let days = (item.date.0 - today.0).num_days();
                let when = match days {
                    d if d < 0 => t!("due.overdue_days", days = -d),
                    0 => t!("due.today"),
                    d => t!("due.in_days", days = d),
                };
                cells.push(vec![
                    item.date.to_string(),
                    when,
                    item.id.clone(),
                    item.what.clone(),
                ]);
            }
            output::print(&table::render(&columns, &cells));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A due item as a calendar event: what to do in plain words, and a revision that grows with
/// each commit that changed the record (one more while it has changes not committed), dated
/// by the last of them — or, outside git, by the latest date in the record. The same project
/// gives the same calendar.
fn calendar_event(
    item: &DueItem,
    initiative: Option<&Initiative>,
    revisions: &HashMap<String, Revisions>,
) -> ics::Event {
    let file = initiative
        .and_then(|i| i.path.file_name())
        .map(|f| f.to_string_lossy());
    let revision = file
        .and_then(|f| revisions.get(f.as_ref()).copied())
        .unwrap_or_default();
    let written = initiative
        .and_then(schedule::latest_date)
        .unwrap_or(item.date)
        .0
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    let committed = chrono::DateTime::from_timestamp(revision.last_commit, 0)
        .map(|t| t.naive_utc())
        .filter(|_| revision.commits > 0);
    let modified = match committed {
        Some(time) if revision.changed_since => (time + chrono::TimeDelta::seconds(1)).max(written),
        Some(time) => time,
        None => written,
    };
    let todo = t!(&format!("due.todo.{}", item.kind.key()));
    ics::Event {
        uid: item.uid.clone(),
        date: item.date,
        summary: format!("{}: {}", item.title, item.what),
        description: t!(
            "due.event_description",
            title = item.title,
            what = item.what,
            date = item.date,
            todo = todo
        ),
        sequence: revision.commits + u32::from(revision.changed_since),
        modified,
    }
}

/// The list as CSV for a spreadsheet: one row per item, with the days left (negative when
/// overdue) as a number and the calendar's UID.
fn csv(items: &[DueItem], today: Date, dialect: &Dialect) -> String {
    let header = [
        t!("column.date"),
        t!("column.days_left"),
        t!("column.id"),
        t!("column.title"),
        t!("column.what"),
        "uid".to_string(),
    ];
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            vec![
                item.date.to_string(),
                (item.date.0 - today.0).num_days().to_string(),
                item.id.clone(),
                item.title.clone(),
                item.what.clone(),
                ics::uid(&item.uid),
            ]
        })
        .collect();
    dialect.document(&header, &rows)
}
