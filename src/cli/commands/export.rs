//! `fortb export`: the project's facts as tidy tables for Power BI, an Excel pivot or R — one
//! CSV file per table in `--out DIR`, or one JSON document with an array per table.

use std::process::ExitCode;

use crate::cli::args::{ExportArgs, ExportFormat, ExportTable};
use crate::cli::commands::{self, Context};
use crate::cli::output::{self, Export};
use crate::error::{Error, Result};
use crate::lookback::export::{self, People, TableKind};
use crate::record::{atomic, store, survey};
use crate::t;

/// The JSON export's file in `--out DIR`.
const JSON_FILE: &str = "fortb-export.json";

pub fn run(context: &Context, args: &ExportArgs) -> Result<ExitCode> {
    if args.format == ExportFormat::Csv && args.out.is_none() && args.table.is_none() {
        return Err(Error::Usage(t!("export_tables.csv_needs_out")));
    }
    if let Some(dir) = &args.out {
        atomic::output_folder(dir)?;
    }
    let scope = context.scope()?;
    let mut initiatives =
        context.units_initiatives(&scope, store::Answers::Only(export::ANSWERS))?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    commands::list::sort_by_start(&mut initiatives);
    let people = if args.pseudonymise {
        People::Pseudonymised(survey::key(&scope.main.root)?)
    } else {
        People::Named
    };
    let kinds = match args.table {
        Some(table) => vec![table_kind(table)],
        None => TableKind::ALL.to_vec(),
    };
    let export = export::tables(&scope, &initiatives, people, &kinds);
    if export.withheld_rounds > 0 {
        output::note(&t!(
            "export_tables.withheld",
            count = export.withheld_rounds
        ));
    }
    // Each file: its name in --out DIR, its text, and how many rows it holds.
    let files: Vec<(String, String, usize)> = match args.format {
        ExportFormat::Csv => {
            let dialect = commands::csv_dialect(&args.csv)?;
            export
                .tables
                .iter()
                .map(|table| {
                    let name = format!("{}.csv", table.kind.key());
                    (name, table.csv(&dialect), table.rows.len())
                })
                .collect()
        }
        ExportFormat::Json => {
            let rows = export.tables.iter().map(|t| t.rows.len()).sum();
            vec![(JSON_FILE.to_string(), export::json(&export.tables), rows)]
        }
    };
    match &args.out {
        None => output::print(&files[0].1),
        Some(dir) => {
            for (name, text, rows) in &files {
                let path = dir.join(name);
                Export::to(Some(&path)).data_saying(text, |shown| {
                    t!("export_tables.written", path = shown, count = rows)
                })?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn table_kind(table: ExportTable) -> TableKind {
    match table {
        ExportTable::Initiatives => TableKind::Initiatives,
        ExportTable::Ratings => TableKind::Ratings,
        ExportTable::Measurements => TableKind::Measurements,
        ExportTable::Surveys => TableKind::Surveys,
        ExportTable::Transfer => TableKind::Transfer,
    }
}
