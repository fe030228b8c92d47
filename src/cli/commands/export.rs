//! `fortb export`: the project's facts as tidy tables for Power BI, an Excel pivot or R — one
//! CSV file per table in `--out DIR`, or one JSON document with an array per table.

use std::cell::Cell;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::args::{ExportArgs, ExportFormat, ExportTable};
use crate::cli::commands::{self, Context};
use crate::cli::output::{self, Export};
use crate::error::{Error, Result};
use crate::lookback::export::{self, Facts, People, TableKind};
use crate::lookback::export_columns;
use crate::model::initiative::Initiative;
use crate::record::{store, survey};
use crate::t;

/// The JSON export's file in `--out DIR`.
const JSON_FILE: &str = "fortb-export.json";

pub fn run(context: &Context, args: &ExportArgs) -> Result<ExitCode> {
    if args.format == ExportFormat::Csv && args.out.is_none() && args.table.is_none() {
        return Err(Error::Usage(t!("export_tables.csv_needs_out")));
    }
    if let Some(dir) = &args.out {
        Export::folder(dir)?;
    }
    let scope = context.scope()?;
    let mut initiatives =
        context.units_initiatives(&scope, store::Answers::Only(export::ANSWERS))?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let mut sorted: Vec<&Initiative> = initiatives.iter().collect();
    commands::list::sort_by_start(&mut sorted);
    let people = if args.pseudonymise {
        People::Pseudonymised(survey::key(&scope.main.root)?)
    } else {
        People::Named
    };
    let kinds = match args.table {
        Some(table) => vec![table_kind(table)],
        None => TableKind::ALL.to_vec(),
    };
    let facts = Facts::new(&scope, &sorted, people, context.today);
    let withheld = facts.withheld_rounds(&kinds);
    if withheld > 0 {
        output::note(&t!("export_tables.withheld", count = withheld));
    }
    match args.format {
        ExportFormat::Csv => write_csv(&facts, &kinds, args),
        ExportFormat::Json => write_json(&facts, &kinds, args.out.as_deref()),
    }?;
    commands::done_with(facts);
    commands::done_with(sorted);
    commands::done_with(initiatives);
    Ok(ExitCode::SUCCESS)
}

/// One CSV file per table in `--out DIR`, with the columns' types beside them, or the one
/// table asked for on stdout.
fn write_csv(facts: &Facts, kinds: &[TableKind], args: &ExportArgs) -> Result<()> {
    let dialect = commands::csv_dialect(&args.csv)?;
    if let Some(dir) = &args.out {
        let metadata = export_columns::csv_metadata(kinds, &dialect);
        let text = serde_json::to_string_pretty(&metadata).expect("JSON values serialize") + "\n";
        Export::to(Some(&dir.join(export_columns::METADATA_FILE)))?
            .data_saying(&text, |shown| {
                t!("export_tables.metadata_written", path = shown)
            })?;
    }
    for &kind in kinds {
        let rows = Cell::new(0);
        let contents = |out: &mut dyn Write| {
            rows.set(facts.write_csv(kind, &dialect, out)?);
            Ok(())
        };
        match &args.out {
            None => output::print_with(contents),
            Some(dir) => {
                let path = dir.join(format!("{}.csv", kind.key()));
                Export::to(Some(&path))?.stream_saying(contents, |shown| {
                    t!("export_tables.written", path = shown, count = rows.get())
                })?;
            }
        }
    }
    Ok(())
}

/// The JSON document, on stdout or as `fortb-export.json` in `--out DIR`, written as it is made.
fn write_json(facts: &Facts, kinds: &[TableKind], dir: Option<&Path>) -> Result<()> {
    let rows = Cell::new(0);
    let contents = |out: &mut dyn Write| {
        rows.set(facts.write_json(kinds, out)?);
        Ok(())
    };
    let file = dir.map(|dir| dir.join(JSON_FILE));
    Export::to(file.as_deref())?.harmless_saying(contents, |shown| {
        t!("export_tables.written", path = shown, count = rows.get())
    })
}

fn table_kind(table: ExportTable) -> TableKind {
    match table {
        ExportTable::Initiatives => TableKind::Initiatives,
        ExportTable::Ratings => TableKind::Ratings,
        ExportTable::Reasons => TableKind::Reasons,
        ExportTable::Goals => TableKind::Goals,
        ExportTable::Measurements => TableKind::Measurements,
        ExportTable::Surveys => TableKind::Surveys,
        ExportTable::Transfer => TableKind::Transfer,
        ExportTable::Material => TableKind::Material,
    }
}
