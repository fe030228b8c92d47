//! `fortb due`: everything due or overdue across the project — follow-ups, deadlines,
//! indicator measurements, surveys — soonest first, as a table, JSON or an iCalendar file.

use std::collections::HashMap;
use std::process::ExitCode;

use rayon::prelude::*;
use serde_json::json;

use crate::cli::args::{DueArgs, DueFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::csv::Dialect;
use crate::error::{Error, Result};
use crate::followup::schedule::{self, Defaults, DueItem, Evidence, Task, Window};
use crate::followup::{ics, revision};
use crate::lookback::summary::unit_text;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::unit::Unit;
use crate::record::store;
use crate::record::units::{Homes, Scope};
use crate::t;

pub fn run(context: &Context, args: &DueArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let today = context.today;
    let mut initiatives = context.units_initiatives(&scope, store::Answers::Given)?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let items = due_items(&scope, &initiatives);
    let window = window(args, today)?;
    let items = schedule::upcoming(items, today, window);
    let with_units = Unit::tell_apart(items.iter().map(|item| item.unit.as_ref()));
    let export = args.out.export()?;
    // The items hold what they show: the records (their answers most of all) are let go
    // before the output is made, so the two are never in memory together.
    let known = match args.format {
        DueFormat::Table => Some(commands::KnownIds::of(&scope, &initiatives)?),
        _ => None,
    };
    let calendar_text =
        (args.format == DueFormat::Ics).then(|| calendar(&scope, &initiatives, &items, today));
    store::release(initiatives);
    match args.format {
        DueFormat::Json => export.data(&items_json(&items, today))?,
        DueFormat::Csv => {
            let dialect = commands::csv_dialect(&args.csv)?;
            export.data(&csv(&items, today, &dialect))?;
        }
        DueFormat::Ics => export.data(&calendar_text.unwrap_or_default())?,
        DueFormat::Table => {
            if items.is_empty() {
                output::note(&nothing(args, window));
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            let ids = known
                .expect("made for a table")
                .column(items.iter().map(|item| item.unit.as_ref()));
            export.data(&items_table(ids, &items, today, with_units))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn items_json(items: &[DueItem], today: Date) -> String {
    let list: Vec<_> = items
        .iter()
        .map(|item| {
            let mut value = json!({
                "date": item.date,
                "overdue": item.date < today,
                "kind": item.kind.key(),
                "id": item.id,
                "title": item.title,
                "what": what(item),
                "uid": ics::uid(&item.uid),
                "closed_by": item.closed_by.iter().map(|e| e.key()).collect::<Vec<_>>(),
            });
            if let Some(unit) = &item.unit {
                value["unit"] = json!(&*unit.name);
            }
            value
        })
        .collect();
    crate::json::document(&json!({ "items": list }))
}

/// The table of what is due, with the unit column when items of several units are listed.
fn items_table(ids: Column, items: &[DueItem], today: Date, with_units: bool) -> String {
    let mut columns = vec![
        Column::whole(t!("column.date")),
        Column::words(t!("column.when")).dropped_at(1),
        ids,
        Column::words(t!("column.what")),
    ];
    if with_units {
        columns.push(Column::words(t!("column.unit")));
    }
    // Made on all cores: an overdue project has twice as many items as records.
    let cells: Vec<Vec<String>> = items
        .par_iter()
        .map(|item| table_row(item, today, with_units))
        .collect();
    table::render(&columns, &cells)
}

/// An item's row of the table: its date, how far off it is, the record, what to do and, in
/// an organiser's view, the unit.
fn table_row(item: &DueItem, today: Date, with_units: bool) -> Vec<String> {
    let when = match (item.date.0 - today.0).num_days() {
        d if d < 0 => t!("due.overdue_days", days = -d),
        0 => t!("due.today"),
        d => t!("due.in_days", days = d),
    };
    let mut row = vec![item.date.to_string(), when, item.id.clone(), what(item)];
    if with_units {
        row.push(item.unit.as_ref().map(unit_text).unwrap_or_default());
    }
    row
}

/// The days asked for: `--within` days (the default), `--until` a date, a `--month` or the
/// `--next-month`; with what is overdue unless `--no-overdue`.
fn window(args: &DueArgs, today: Date) -> Result<Window> {
    let (from, until) = if let Some(until) = commands::date_arg("--until", args.until.as_deref())? {
        (today, until)
    } else if let Some(month) = &args.month {
        Date::month(month).ok_or_else(|| Error::Usage(t!("due.bad_month", given = month)))?
    } else if args.next_month {
        today.next_month()
    } else {
        let window = Window::within(today, args.within);
        (window.from, window.until)
    };
    Ok(Window {
        from,
        until,
        overdue: !args.no_overdue,
    })
}

/// What the table says when nothing is due in the window.
fn nothing(args: &DueArgs, window: Window) -> String {
    let period = args.until.is_some() || args.month.is_some() || args.next_month;
    match (period, window.overdue) {
        (false, true) => t!("due.nothing", days = args.within),
        (false, false) => t!("due.nothing_within", days = args.within),
        (true, true) => t!(
            "due.nothing_between",
            from = window.from,
            until = window.until
        ),
        (true, false) => t!(
            "due.nothing_between_only",
            from = window.from,
            until = window.until
        ),
    }
}

/// The due items as an iCalendar file, each event dated and numbered by its last change.
fn calendar(scope: &Scope, initiatives: &[Initiative], items: &[DueItem], today: Date) -> String {
    // Each record's own project, an organiser's for one it shares with a unit: each has its
    // own history, maybe in its own repository, asked once.
    let homes = Homes::new(scope);
    let mut changes: HashMap<&std::path::Path, revision::Changes> = HashMap::new();
    for initiative in initiatives {
        let home = homes.project_of(initiative);
        changes
            .entry(home.root.as_path())
            .or_insert_with(|| revision::Changes::of(home));
    }
    // Found by id and unit in one look-up: thousands of items each searching thousands of
    // records took longer than reading them. The first of a duplicate wins, as a search would.
    let by_id: HashMap<(&str, &Option<Unit>), &Initiative> = initiatives
        .iter()
        .rev()
        .map(|i| ((i.id.as_str(), &i.unit), i))
        .collect();
    let events: Vec<ics::Event> = items
        .iter()
        .map(|item| {
            let initiative = by_id.get(&(item.id.as_str(), &item.unit)).copied();
            let changed = initiative.and_then(|i| {
                let home = homes.project_of(i);
                changes[home.root.as_path()].of_record(home, &i.path)
            });
            calendar_event(item, initiative, changed, today)
        })
        .collect();
    let name = scope.main.config.name.clone().unwrap_or_default();
    ics::calendar(&t!("due.calendar_name", project = name), &events)
}

/// What is due for each initiative, by its own unit's process models and follow-up days;
/// worked out on all cores, in the order of `initiatives`.
fn due_items(scope: &Scope, initiatives: &[Initiative]) -> Vec<DueItem> {
    let mut homes = Homes::new(scope);
    homes.load_models(initiatives.iter());
    initiatives
        .par_iter()
        .flat_map_iter(|initiative| {
            let defaults = Defaults {
                follow_up: &homes.project_of(initiative).config.follow_up,
            };
            homes
                .model_of(initiative)
                .map(|model| schedule::due_items(initiative, model, &defaults))
                .unwrap_or_default()
        })
        .collect()
}

/// A due item as a calendar event: what to do in plain words, dated by the last change of its
/// record or its project's settings ([`revision`]) and numbered by it, so that every change
/// raises SEQUENCE; where nothing tells when that was, by the latest date in the record.
fn calendar_event(
    item: &DueItem,
    initiative: Option<&Initiative>,
    changed: Option<chrono::NaiveDateTime>,
    today: Date,
) -> ics::Event {
    // A record's latest date may lie ahead (an end not yet reached); a stamp never does.
    let modified = changed
        .unwrap_or_else(|| {
            initiative
                .and_then(schedule::latest_date)
                .unwrap_or(item.date)
                .min(today)
                .0
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
        })
        .min(chrono::Utc::now().naive_utc());
    let todo = t!(&format!("due.todo.{}", item.kind.key()));
    ics::Event {
        uid: item.uid.clone(),
        date: item.date,
        summary: format!("{}: {}", item.title, what(item)),
        description: t!(
            "due.event_description",
            title = item.title,
            what = what(item),
            date = item.date,
            todo = todo
        ),
        sequence: revision::sequence(modified),
        modified,
    }
}

/// What there is to do, in the user's language: for a missed follow-up, with how many earlier
/// ones were missed and what would hold it.
fn what(item: &DueItem) -> String {
    let mut text = match &item.what {
        Task::FollowUpDays(days) => t!("due.follow_up_days", days = days),
        Task::FollowUp => t!("due.follow_up"),
        Task::Measurement(name) => t!("due.measurement", name = name),
        Task::Survey => t!("due.survey"),
        Task::Deadline {
            step,
            waiting: Some(party),
        } => t!("due.deadline_waiting", step = step, party = party),
        Task::Deadline {
            step,
            waiting: None,
        } => t!("due.deadline", step = step),
        Task::YearlySurvey(year) => t!("due.yearly_survey", year = year),
    };
    if item.earlier_missed > 0 {
        text.push_str(&t!("due.earlier_missed", count = item.earlier_missed));
    }
    if item.missed {
        let ways: Vec<String> = item
            .closed_by
            .iter()
            .map(|evidence| match evidence {
                Evidence::Survey => t!("due.evidence_survey"),
                Evidence::Measurement => t!("due.evidence_measurement"),
                Evidence::FollowUpStep => t!("due.evidence_step"),
            })
            .collect();
        text.push_str(&t!("due.closed_by", ways = ways.join(", ")));
    }
    text
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
                what(item),
                ics::uid(&item.uid),
            ]
        })
        .collect();
    dialect.document(&header, &rows)
}
