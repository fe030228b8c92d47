//! `fortb due`: everything due or overdue across the project — follow-ups, deadlines,
//! indicator measurements, surveys — soonest first, as a table, JSON or an iCalendar file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDateTime;
use rayon::prelude::*;
use serde::Serialize;

use crate::cli::args::{DueArgs, DueFormat};
use crate::cli::commands::{self, Context};
use crate::cli::output::{self, Export};
use crate::cli::table::{self, Column};
use crate::csv::Dialect;
use crate::error::{Error, Result};
use crate::followup::schedule::{self, Defaults, DueItem, Evidence, Task, Window};
use crate::followup::{ics, revision};
use crate::json;
use crate::lookback::summary::unit_text;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::unit::Unit;
use crate::order;
use crate::record::store;
use crate::record::units::{Homes, Scope};
use crate::t;

pub fn run(context: &Context, args: &DueArgs) -> Result<ExitCode> {
    let scope = context.scope()?;
    let today = context.today;
    let mut initiatives =
        context.units_initiatives(&scope, store::Answers::Dated(schedule::NAMED_ANSWERS))?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let window = window(args, today)?;
    let export = args.out.export()?;
    let for_table = args.format == DueFormat::Table;
    let for_calendar = args.format == DueFormat::Ics;
    // An organiser's table tells ids apart within each unit, by the unit's records, taken
    // before the records go.
    let by_unit = (for_table && scope.is_organiser_view())
        .then(|| commands::KnownIds::of(&scope, &initiatives))
        .transpose()?;
    let due = Due::of(&scope, initiatives, today, window, for_calendar);
    // A project's ids are listed from its folder while the items are put in order.
    let (known, lines) = rayon::join(
        || match by_unit {
            Some(known) => Ok(Some(known)),
            None => for_table
                .then(|| commands::KnownIds::of(&scope, &[]))
                .transpose(),
        },
        || due.lines(today),
    );
    let known = known?;
    match args.format {
        DueFormat::Json => stream(&export, |out| {
            let items = json::Parallel {
                items: &lines,
                depth: 1,
                make: Line::json,
            };
            json::write_document(out, &Items { items })
        })?,
        DueFormat::Csv => {
            let dialect = commands::csv_dialect(&args.csv)?;
            stream(&export, |out| write_csv(out, &lines, &dialect))?;
        }
        DueFormat::Ics => stream(&export, |out| write_calendar(out, &scope, &lines))?,
        DueFormat::Table => {
            if lines.is_empty() {
                output::note(&nothing(args, window));
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            let with_units = Unit::tell_apart(lines.iter().map(|line| line.of.unit.as_ref()));
            let ids = known
                .expect("made for a table")
                .column(lines.iter().map(|line| line.of.unit.as_ref()));
            items_table(ids, &lines, with_units).export(&export)?;
        }
    }
    commands::done_with(lines);
    commands::done_with(due);
    Ok(ExitCode::SUCCESS)
}

/// Writes data made by `contents` as [`Export::data`] writes it, never holding it whole.
fn stream(export: &Export, contents: impl crate::record::atomic::Contents) -> Result<()> {
    export.stream_saying(contents, |path| t!("export.written", path = path))
}

/// What an initiative's items show of it, kept once for all of them, so that the record
/// itself can be let go before the output is made.
struct Shown {
    id: String,
    title: String,
    unit: Option<Unit>,
    /// What would hold its follow-ups.
    closed_by: Vec<Evidence>,
    /// For the calendar: when its record or its project's settings last changed
    /// ([`revision`]), where anything tells.
    changed: Option<NaiveDateTime>,
    /// The latest date in the record, standing for that change where nothing tells.
    latest: Option<Date>,
}

/// What is due in the window: each initiative's items beside what they show of it.
struct Due {
    shown: Vec<Shown>,
    items: Vec<Vec<DueItem>>,
}

impl Due {
    /// What is due for each initiative, by its own unit's process models and follow-up days;
    /// worked out on all cores, in the order of `initiatives`, with what the calendar needs
    /// when `calendar`. The items hold what they show: each record (its answers most of all)
    /// is let go on the thread that worked it out, while it is still in the processor's
    /// caches, so the records and the output are never in memory together.
    fn of(
        scope: &Scope,
        initiatives: Vec<Initiative>,
        today: Date,
        window: Window,
        calendar: bool,
    ) -> Due {
        let mut homes = Homes::new(scope);
        // A project's records mostly follow one model: it is looked up once a run of them.
        let firsts = initiatives.iter().enumerate().filter(|(i, initiative)| {
            let previous = i.checked_sub(1).map(|p| &initiatives[p]);
            previous.is_none_or(|p| {
                p.record.process != initiative.record.process
                    || folder(&p.path) != folder(&initiative.path)
            })
        });
        homes.load_models(firsts.map(|(_, initiative)| initiative));
        let changes = if calendar {
            changes(&homes, &initiatives)
        } else {
            HashMap::new()
        };
        let (shown, items) = initiatives
            .into_par_iter()
            .map(|initiative| {
                let home = homes.project_of(&initiative);
                let defaults = Defaults {
                    follow_up: &home.config.follow_up,
                };
                let model = homes.model_of(&initiative);
                let mut items = model
                    .map(|model| schedule::due_items(&initiative, model, &defaults))
                    .map(|items| schedule::upcoming(items, today, window))
                    .unwrap_or_default();
                // Held until the output is written.
                items.shrink_to_fit();
                let changed = changes
                    .get(home.root.as_path())
                    .filter(|_| !items.is_empty())
                    .and_then(|changes| changes.of_record(home, &initiative.path));
                let closed_by = model
                    .map(|model| schedule::closing_evidence(&initiative, model))
                    .unwrap_or_default();
                let latest = calendar
                    .then(|| schedule::latest_date(&initiative))
                    .flatten();
                let shown = Shown {
                    id: initiative.id,
                    title: initiative.record.title,
                    unit: initiative.unit,
                    closed_by,
                    changed,
                    latest,
                };
                (shown, items)
            })
            .unzip();
        Due { shown, items }
    }

    /// Each item with what it shows of its initiative, soonest first (then by id and kind,
    /// and in the order the initiatives and their items came).
    fn lines(&self, today: Date) -> Vec<Line<'_>> {
        let ranks = order::id_ranks(&self.shown, |shown| &shown.id);
        let mut lines = Vec::with_capacity(self.items.iter().map(Vec::len).sum());
        for ((of, items), rank) in self.shown.iter().zip(&self.items).zip(ranks) {
            lines.extend(items.iter().map(|item| Line {
                item,
                of,
                today,
                order: (item.date, rank, item.kind),
            }));
        }
        // On all cores, by small keys: years of overdue items in a large project run to tens
        // of thousands.
        order::by_key(
            lines,
            |_, line| line.order,
            |_, _| std::cmp::Ordering::Equal,
        )
    }
}

/// The folder part of a record's path, as bytes: two records whose paths share it are in one
/// folder. A byte search, where `Path::parent` parses every component: 10 M instructions at
/// 10,000 records on the one thread.
fn folder(path: &std::path::Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let separator = |byte: &u8| *byte == b'/' || (cfg!(windows) && *byte == b'\\');
    &bytes[..bytes.iter().rposition(separator).unwrap_or(0)]
}

/// Each record's own project, an organiser's for one it shares with a unit: each has its
/// own history, maybe in its own repository, asked once.
fn changes<'s>(
    homes: &Homes<'s>,
    initiatives: &[Initiative],
) -> HashMap<&'s std::path::Path, revision::Changes> {
    let mut changes = HashMap::new();
    for initiative in initiatives {
        let home = homes.project_of(initiative);
        changes
            .entry(home.root.as_path())
            .or_insert_with(|| revision::Changes::of(home));
    }
    changes
}

/// A due item with what it shows of its initiative.
struct Line<'a> {
    item: &'a DueItem,
    of: &'a Shown,
    /// The item's date, its initiative's [place by id](id_ranks) and its kind: the order of
    /// the lines.
    order: (Date, u32, schedule::DueKind),
    today: Date,
}

impl<'a> Line<'a> {
    /// The item as `due --format json` gives it (docs/json/due.schema.json).
    fn json(&self) -> ItemJson<'_> {
        let item = self.item;
        ItemJson {
            date: item.date,
            overdue: item.date < self.today,
            kind: item.kind.key(),
            id: &self.of.id,
            title: &self.of.title,
            what: what(self),
            uid: ics::uid(&item.uid),
            closed_by: self.closed_by().iter().map(|e| e.key()).collect(),
            unit: self.of.unit.as_ref().map(|unit| &*unit.name),
        }
    }

    /// What would hold the item: for a follow-up, its initiative's evidence; else nothing.
    fn closed_by(&self) -> &'a [Evidence] {
        if self.item.kind == schedule::DueKind::FollowUp {
            &self.of.closed_by
        } else {
            &[]
        }
    }

    /// Days until the item's date, negative when it is overdue.
    fn days_left(&self) -> i64 {
        (self.item.date.0 - self.today.0).num_days()
    }
}

/// The JSON document: its items, serialized on all cores.
#[derive(Serialize)]
struct Items<'a> {
    items: json::Parallel<'a, Line<'a>, ItemJson<'a>>,
}

/// One item as JSON, its keys in the order they have always come (`unit` last, when there is
/// one).
#[derive(Serialize)]
struct ItemJson<'a> {
    date: Date,
    overdue: bool,
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    what: String,
    uid: String,
    closed_by: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
}

/// Writes the text `make` makes of each line, made on all cores a chunk at a time and
/// written in order, so that the whole text is never held at once.
fn write_in_order(
    out: &mut dyn Write,
    lines: &[Line],
    make: impl Fn(&Line) -> String + Sync,
) -> std::io::Result<()> {
    for chunk in lines.chunks(json::CHUNK) {
        let parts: Vec<String> = chunk
            .par_chunks(32)
            .map(|lines| lines.iter().map(&make).collect())
            .collect();
        for part in &parts {
            out.write_all(part.as_bytes())?;
        }
    }
    Ok(())
}

/// The table of what is due, with the unit column when items of several units are listed.
fn items_table(ids: Column, lines: &[Line], with_units: bool) -> table::Rendered {
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
    let table = table::rendered(&columns, lines, |line| table_row(line, with_units));
    commands::done_with(columns);
    table
}

/// An item's row of the table: its date, how far off it is, the record, what to do and, in
/// an organiser's view, the unit.
fn table_row<'l>(line: &'l Line, with_units: bool) -> Vec<Cow<'l, str>> {
    let when = match line.days_left() {
        d if d < 0 => t!("due.overdue_days", days = -d),
        0 => t!("due.today"),
        d => t!("due.in_days", days = d),
    };
    let date = line.item.date.to_string();
    let mut row = vec![
        Cow::Owned(date),
        Cow::Owned(when),
        Cow::Borrowed(line.of.id.as_str()),
        Cow::Owned(what(line)),
    ];
    if with_units {
        row.push(Cow::Owned(
            line.of.unit.as_ref().map(unit_text).unwrap_or_default(),
        ));
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
        (false, true) => crate::i18n::count("due.nothing", u64::from(args.within)),
        (false, false) => crate::i18n::count("due.nothing_within", u64::from(args.within)),
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
fn write_calendar(out: &mut dyn Write, scope: &Scope, lines: &[Line]) -> std::io::Result<()> {
    let name = scope.main.config.name.clone().unwrap_or_default();
    let name = t!("due.calendar_name", project = name);
    out.write_all(ics::head(&name).as_bytes())?;
    write_in_order(out, lines, |line| ics::event_text(&calendar_event(line)))?;
    out.write_all(ics::END.as_bytes())
}

/// A due item as a calendar event: what to do in plain words, dated by the last change of its
/// record or its project's settings ([`revision`]) and numbered by it, so that every change
/// raises SEQUENCE; where nothing tells when that was, by the latest date in the record.
fn calendar_event(line: &Line) -> ics::Event {
    let item = line.item;
    // A record's latest date may lie ahead (an end not yet reached); a stamp never does.
    let modified = line
        .of
        .changed
        .unwrap_or_else(|| {
            let latest = line.of.latest.unwrap_or(item.date).min(line.today);
            latest.0.and_hms_opt(0, 0, 0).expect("midnight exists")
        })
        .min(chrono::Utc::now().naive_utc());
    let todo = t!(&format!("due.todo.{}", item.kind.key()));
    let what = what(line);
    ics::Event {
        uid: item.uid.clone(),
        date: item.date,
        summary: format!("{}: {}", line.of.title, what),
        description: t!(
            "due.event_description",
            title = line.of.title,
            what = what,
            date = item.date,
            todo = todo
        ),
        sequence: revision::sequence(modified),
        modified,
    }
}

/// What an item says, worded once per thread for each different thing to say: 20,000 items
/// say a few dozen different things, and wording one from the catalogue cost more than the
/// rest of its row.
fn what(line: &Line) -> String {
    type Said = (Task, usize, bool, Vec<Evidence>);
    thread_local! {
        static WORDED: std::cell::RefCell<std::collections::HashMap<Said, String>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let item = line.item;
    let said = (
        item.what.clone(),
        item.earlier_missed,
        item.missed,
        line.closed_by().to_vec(),
    );
    WORDED.with(|worded| {
        worded
            .borrow_mut()
            .entry(said)
            .or_insert_with(|| wording(line))
            .clone()
    })
}

/// What there is to do, in the user's language: for a missed follow-up, with how many earlier
/// ones were missed and what would hold it.
fn wording(line: &Line) -> String {
    let item = line.item;
    let mut text = match &item.what {
        Task::FollowUpDays(days) => crate::i18n::count("due.follow_up_days", u64::from(*days)),
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
        let ways: Vec<String> = line
            .closed_by()
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
fn write_csv(out: &mut dyn Write, lines: &[Line], dialect: &Dialect) -> std::io::Result<()> {
    let header = [
        t!("column.date"),
        t!("column.days_left"),
        t!("column.id"),
        t!("column.title"),
        t!("column.what"),
        "uid".to_string(),
    ];
    out.write_all(dialect.document(&header, &[]).as_bytes())?;
    write_in_order(out, lines, |line| {
        dialect.line(&[
            &line.item.date.to_string(),
            &line.days_left().to_string(),
            &line.of.id,
            &line.of.title,
            &what(line),
            &ics::uid(&line.item.uid),
        ])
    })
}
