//! `fortb migrate`: upgrades records written for an older record format, in place, keeping
//! comments, and gives each record without a `uid` one; records already current, newer or
//! broken are left alone and named.

use std::process::ExitCode;

use crate::cli::args::MigrateArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::Result;
use crate::model::initiative::SCHEMA;
use crate::record::document;
use crate::record::migrate;
use crate::record::parse;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &MigrateArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (mut upgraded, mut current, mut left) = (0, 0, 0);
    for (id, path) in store::record_files(&project)? {
        let shown = display_path(&path);
        let doc = parse::read_text(&path).and_then(|text| document::parse_document(&path, &text));
        let doc = match doc {
            Ok(doc) => doc,
            Err(error) => {
                output::warning(&t!("migrate.broken", problem = error));
                left += 1;
                continue;
            }
        };
        let schema = migrate::schema_of(&doc);
        if schema > i64::from(SCHEMA) {
            output::warning(&t!(
                "migrate.newer",
                path = shown.display(),
                found = schema,
                supported = SCHEMA
            ));
            left += 1;
            continue;
        }
        if !migrate::needs_upgrade(&doc) {
            current += 1;
            continue;
        }
        if args.dry_run {
            output::print(&format!("{}\n", shown.display()));
            upgraded += 1;
            continue;
        }
        let result = document::update_document(&path, |doc| Ok(migrate::upgrade(doc, &id)));
        match result {
            Ok(_) => {
                output::print(&format!("{}\n", shown.display()));
                upgraded += 1;
            }
            Err(error) => {
                output::warning(&t!("migrate.broken", problem = error));
                left += 1;
            }
        }
    }
    let key = if args.dry_run {
        "migrate.summary_dry_run"
    } else {
        "migrate.summary"
    };
    output::note(&t!(
        key,
        upgraded = upgraded,
        current = current,
        left = left,
        schema = SCHEMA
    ));
    Ok(if left > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
