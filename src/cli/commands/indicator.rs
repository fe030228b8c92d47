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
use crate::model::date::Date;
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
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Error::Message(t!("indicator.empty_name")));
    }
    let level = args
        .level
        .as_deref()
        .map(Level::parse_or_explain)
        .transpose()
        .map_err(Error::Usage)?;
    let goal = args
        .goal
        .as_deref()
        .map(GoalLevel::parse_or_explain)
        .transpose()
        .map_err(Error::Usage)?;
    let baseline = args.baseline.as_deref().map(number).transpose()?;
    let target = args.target.as_deref().map(number).transpose()?;
    let (updated, name) = document::update_record(&path, |doc, record| {
        let existing = record
            .indicator
            .iter()
            .position(|i| i.name.to_lowercase() == name.to_lowercase());
        let base = existing.map(|i| record.indicator[i].clone());
        let indicator = Indicator {
            name: base
                .as_ref()
                .map_or_else(|| name.to_string(), |b| b.name.clone()),
            level: level.or(base.as_ref().and_then(|b| b.level)),
            goal: goal.or(base.as_ref().and_then(|b| b.goal)),
            baseline: baseline.or(base.as_ref().and_then(|b| b.baseline)),
            target: target.or(base.as_ref().and_then(|b| b.target)),
            unit: args
                .unit
                .clone()
                .or(base.as_ref().and_then(|b| b.unit.clone())),
            measurements: Vec::new(),
        };
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

/// A number as people type it: `62.5` or `62,5`.
fn number(text: &str) -> Result<f64> {
    let value = text
        .trim()
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Error::Message(t!("answer.not_a_number", given = text)))?;
    indicator::bounded(value).map_err(Error::Message)
}

fn measure(context: &Context, args: &IndicatorMeasureArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let value = number(&args.value)?;
    let date = commands::date_arg("--date", args.date.as_deref())?.unwrap_or_else(Date::today);
    let progress = document::update_record(&path, |doc, record| {
        let index = indicator::find(&record.indicator, &args.name).map_err(Error::Message)?;
        let measurement = Measurement { date, value };
        record_indicator::add_measurement(doc, index, &measurement);
        let mut indicator = record.indicator[index].clone();
        indicator.measurements.push(measurement);
        Ok(format!("{}: {}", indicator.name, indicator.progress()))
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
        ListFormat::Json => {
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
            export.data(&crate::json::document(&json!({ "indicators": items })))?;
        }
        ListFormat::Table => {
            if rows.is_empty() {
                output::note(&t!("indicator.none"));
                export.nothing()?;
                return Ok(ExitCode::SUCCESS);
            }
            let columns = [
                Column::id(t!("column.id"), crate::cli::commands::known_ids(&project)?),
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
                    indicator.progress(),
                    indicator
                        .latest()
                        .map(|m| m.date.to_string())
                        .unwrap_or_default(),
                ]);
            }
            export.data(&table::render(&columns, &cells))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
