//! `fortb indicator add|measure|list`: effect indicators of an initiative and their
//! measurements over time.

use std::process::ExitCode;

use serde_json::json;

use crate::cli::args::{
    IndicatorAddArgs, IndicatorArgs, IndicatorCommand, IndicatorListArgs, IndicatorMeasureArgs,
    ListFormat,
};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::error::{Error, Result};
use crate::i18n::labels::Labelled;
use crate::lookback::progress;
use crate::model::indicator::{self, GoalLevel, Indicator, Level, Measurement};
use crate::model::initiative::Initiative;
use crate::model::vocabulary::Vocabulary;
use crate::record::document;
use crate::record::indicator as record_indicator;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &IndicatorArgs) -> Result<ExitCode> {
    match &args.command {
        IndicatorCommand::Add(args) => add(context, args),
        IndicatorCommand::Measure(args) => measure(context, args),
        IndicatorCommand::List(args) => list(context, args),
    }
}

fn add(context: &Context, args: &IndicatorAddArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let given = given_indicator(args)?;
    let (updated, name) = document::update_record(&path, |doc, record| {
        let existing = record
            .indicator
            .iter()
            .position(|i| i.name.to_lowercase() == given.name.to_lowercase());
        let indicator = over(&given, existing.map(|i| &record.indicator[i]));
        record_indicator::write(doc, &indicator, existing);
        Ok((existing.is_some(), indicator.name))
    })?;
    let key = if updated {
        "indicator.updated"
    } else {
        "indicator.added"
    };
    output::note(&t!(
        key,
        name = name,
        id = id,
        path = display_path(&path).display()
    ));
    context.commit(
        &project,
        &[path],
        t!("commit.indicator", id = id, name = name),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The indicator as the flags give it, without measurements.
fn given_indicator(args: &IndicatorAddArgs) -> Result<Indicator> {
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Error::Message(t!("indicator.empty_name")));
    }
    Ok(Indicator {
        name: name.to_string(),
        level: word::<Level>(args.level.as_deref())?,
        goal: word::<GoalLevel>(args.goal.as_deref())?,
        baseline: args.baseline.as_deref().map(number).transpose()?,
        target: args.target.as_deref().map(number).transpose()?,
        unit: args.unit.clone(),
        measurements: Vec::new(),
    })
}

/// A word of a closed list given with a flag; one not in the list is explained.
fn word<V: Vocabulary>(given: Option<&str>) -> Result<Option<V>> {
    given
        .map(V::parse_or_explain)
        .transpose()
        .map_err(|e| Error::Usage(e.to_string()))
}

/// The given indicator over the one of that name already there: what was not given is kept,
/// and so is the name as first written.
fn over(given: &Indicator, base: Option<&Indicator>) -> Indicator {
    Indicator {
        name: base.map_or_else(|| given.name.clone(), |b| b.name.clone()),
        level: given.level.or(base.and_then(|b| b.level)),
        goal: given.goal.or(base.and_then(|b| b.goal)),
        baseline: given.baseline.or(base.and_then(|b| b.baseline)),
        target: given.target.or(base.and_then(|b| b.target)),
        unit: given.unit.clone().or(base.and_then(|b| b.unit.clone())),
        measurements: Vec::new(),
    }
}

/// A number as people type it: `62.5` or `62,5`.
fn number(text: &str) -> Result<f64> {
    let value = text
        .trim()
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Error::Message(t!("answer.not_a_number", given = text)))?;
    indicator::bounded(value).map_err(|e| Error::Message(e.to_string()))
}

fn measure(context: &Context, args: &IndicatorMeasureArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let value = number(&args.value)?;
    let date = commands::date_arg("--date", args.date.as_deref())?.unwrap_or(context.today);
    let progress = document::update_record(&path, |doc, record| {
        let index = indicator::find(&record.indicator, &args.name)
            .map_err(|e| Error::Message(e.to_string()))?;
        let measurement = Measurement { date, value };
        record_indicator::add_measurement(doc, index, &measurement);
        let mut indicator = record.indicator[index].clone();
        indicator.measurements.push(measurement);
        Ok(format!("{}: {}", indicator.name, progress::of(&indicator)))
    })?;
    output::note(&t!("indicator.measured", id = id, progress = progress));
    context.commit(
        &project,
        &[path],
        t!("commit.measure", id = id, name = args.name),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn list(context: &Context, args: &IndicatorListArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let initiatives: Vec<Initiative> = match &args.id {
        Some(given) => {
            let (id, path) = store::resolve(&project, given)?;
            vec![store::load(&id, &path)?]
        }
        None => context.initiatives(&project, store::Answers::None)?,
    };
    let rows: Vec<(&Initiative, &Indicator)> = initiatives
        .iter()
        .flat_map(|i| {
            i.record
                .indicator
                .iter()
                .map(move |indicator| (i, indicator))
        })
        .collect();
    let export = args.out.export()?;
    match args.format {
        ListFormat::Json => export.data(&indicators_json(&rows))?,
        ListFormat::Table => {
            if rows.is_empty() {
                output::note(&t!("indicator.none"));
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            let known = crate::cli::commands::known_ids(&project)?;
            export.data(&indicators_table(known, &rows))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn indicators_json(rows: &[(&Initiative, &Indicator)]) -> String {
    let items: Vec<_> = rows
        .iter()
        .map(|(initiative, indicator)| {
            let mut value = json!({ "id": initiative.id });
            if let (Some(object), serde_json::Value::Object(fields)) =
                (value.as_object_mut(), indicator.json())
            {
                object.extend(fields);
            }
            value
        })
        .collect();
    crate::json::document(&json!({ "indicators": items }))
}

fn indicators_table(known: Vec<String>, rows: &[(&Initiative, &Indicator)]) -> String {
    let columns = [
        Column::id(t!("column.id"), known),
        Column::words(t!("column.indicator")),
        Column::words(t!("column.level")).dropped_at(1),
        Column::words(t!("column.progress_indicator")),
        Column::whole(t!("column.measured")).dropped_at(2),
    ];
    let mut cells = Vec::new();
    for (initiative, indicator) in rows {
        let level = [
            indicator.level.map(|l| l.label()),
            indicator.goal.map(|g| g.label()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        cells.push(vec![
            initiative.id.clone(),
            indicator.name.clone(),
            level,
            progress::of(indicator),
            indicator
                .latest()
                .map(|m| m.date.to_string())
                .unwrap_or_default(),
        ]);
    }
    table::render(&columns, &cells)
}
