//! `fortb migrate`: upgrades records written for an older record format, in place, keeping
//! comments, and gives each record without a `uid` one; records already current, newer or
//! broken are left alone and named.

use std::path::Path;
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
        match migrate_one(&id, &path, args.dry_run) {
            Outcome::Upgraded => upgraded += 1,
            Outcome::Current => current += 1,
            Outcome::Left => left += 1,
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

/// What became of one record.
enum Outcome {
    /// Upgraded, or would be with `--dry-run`: its path is printed.
    Upgraded,
    Current,
    /// Broken or newer than this fortb: a warning says why.
    Left,
}

fn migrate_one(id: &str, path: &Path, dry_run: bool) -> Outcome {
    let shown = display_path(path);
    let doc = parse::read_text(path).and_then(|text| document::parse_document(path, &text));
    let doc = match doc {
        Ok(doc) => doc,
        Err(error) => {
            output::warning(&t!(
                "migrate.broken",
                problem = crate::cli::error::message(&error)
            ));
            return Outcome::Left;
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
        return Outcome::Left;
    }
    if !migrate::needs_upgrade(&doc) {
        return Outcome::Current;
    }
    if !dry_run {
        if let Err(error) = document::update_document(path, |doc| Ok(migrate::upgrade(doc, id))) {
            output::warning(&t!(
                "migrate.broken",
                problem = crate::cli::error::message(&error)
            ));
            return Outcome::Left;
        }
    }
    output::print_while_working(&format!("{}\n", shown.display()));
    Outcome::Upgraded
}
