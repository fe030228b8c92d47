//! `fortb check`: validates `fortb.toml`, the project's process models and every record.
//! Exit 0 when nothing is wrong, 1 otherwise; stable `path:line:column: message` lines on
//! stdout, so it works in CI and as a git pre-commit hook.

use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::args::CheckArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Diagnostic, Problem, Result};
use crate::record::one_place;
use crate::record::process_files::Models;
use crate::record::project::{display_path, find_root, Project};
use crate::record::store;
use crate::record::validate::{self, Finding, KnownIds, Severity, WrittenUid};
use crate::t;

pub fn run(context: &Context, args: &CheckArgs) -> Result<ExitCode> {
    let root = find_root(context.one_project()?)?;
    // The records are checked even when fortb.toml is broken, against the defaults.
    let project = Project::open(&root).unwrap_or_else(|_| Project {
        root: root.clone(),
        config: toml::from_str("").expect("an empty config is valid"),
    });
    let mut findings = validate::check_config(&project.config_path());
    findings.extend(validate::check_models(&project));
    let (goals, plan_findings) = validate::check_plan(&project);
    findings.extend(plan_findings);
    let files = store::record_files(&project)?;
    if args.fix {
        // Before the check, so that what is reported is what is left.
        settle(&project, &files)?;
    }
    let (record_findings, uids) = check_records(&project, &files, goals.as_ref());
    findings.extend(record_findings);
    findings.extend(validate::repeated_uids(&uids));
    findings.extend(validate::same_unit_names(&project));
    findings.extend(without_record(&project));
    if args.fix {
        let removed = remove_leftovers(&project)?;
        if removed > 0 {
            output::note(&t!(
                "check.fixed",
                files = crate::i18n::count("count.leftover_files", removed as u64)
            ));
        }
    }
    let errors = report(&findings, files.len());
    // A suggestion, once the records are sound.
    let without_uid = uids.iter().filter(|uid| uid.is_none()).count();
    if without_uid > 0 && errors == 0 {
        output::note(&t!("check.without_uid", count = without_uid));
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `--fix`: moves every answer written in a second place into its one place.
fn settle(project: &Project, files: &[(String, std::path::PathBuf)]) -> Result<()> {
    let mut models = Models::new(Some(project));
    let mut moved = 0;
    for (_, path) in files {
        moved += one_place::settle_file(project, &mut models, path)?;
    }
    if moved > 0 {
        output::note(&t!("one_place.fixed", count = moved));
    }
    Ok(())
}

/// Prints every finding and the count of each kind; the number of errors.
fn report(findings: &[Finding], records: usize) -> usize {
    let mut report = String::new();
    for finding in findings {
        report.push_str(&format_finding(finding));
    }
    output::print_for_terminal(&report);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    output::note(&t!(
        "check.summary",
        records = records,
        errors = errors,
        warnings = warnings
    ));
    errors
}

/// What is wrong in each record, in file order, and the `uid` of each that could be read.
/// In parallel, each thread with its own cache of process models.
fn check_records(
    project: &Project,
    files: &[(String, std::path::PathBuf)],
    goals: Option<&KnownIds>,
) -> (Vec<Finding>, Vec<WrittenUid>) {
    let per_file: Vec<(Vec<Finding>, Option<WrittenUid>)> = files
        .par_iter()
        .map_init(
            || Models::new(Some(project)),
            |models, (_, path)| validate::check_record_and_uid(project, models, path, goals),
        )
        .collect();
    let (findings, uids): (Vec<_>, Vec<_>) = per_file.into_iter().unzip();
    let findings = findings.into_iter().flatten().collect();
    (findings, uids.into_iter().flatten().collect())
}

fn format_finding(finding: &Finding) -> String {
    let diagnostic = &finding.diagnostic;
    let mut text = match finding.severity {
        Severity::Error => format!("{}\n", crate::cli::error::diagnostic(diagnostic)),
        Severity::Warning => format!(
            "{}:{}:{}: {} {}\n",
            crate::error::with_forward_slashes(&diagnostic.path).display(),
            diagnostic.line,
            diagnostic.column,
            t!("output.warning"),
            crate::cli::error::record::problem(&diagnostic.problem)
        ),
    };
    if let Some(line) = &diagnostic.source_line {
        let number = diagnostic.line.to_string();
        // The quoted line is shown harmless; the caret counts what is shown before the column.
        let before: String = line
            .chars()
            .take(diagnostic.column.saturating_sub(1))
            .collect();
        let line = crate::escape::terminal(line);
        text.push_str(&format!("{number} | {line}\n"));
        let pad = " ".repeat(number.len());
        let caret = " ".repeat(crate::escape::terminal(&before).chars().count());
        text.push_str(&format!("{pad} | {caret}^\n"));
    }
    if let Some(hint) = &diagnostic.hint {
        let hint = crate::cli::error::record::hint(hint);
        text.push_str(&format!("  = {hint}\n"));
    }
    text
}

/// A warning for each file or folder kept under an id that has no record: a new initiative of
/// that id would take it in as its own.
fn without_record(project: &Project) -> Vec<Finding> {
    crate::record::files::without_record(project)
        .into_iter()
        .map(|(id, piece)| {
            let record = project.record_path(&id);
            Finding {
                severity: Severity::Warning,
                diagnostic: Diagnostic::at_offset(
                    &display_path(&piece.path),
                    "",
                    0,
                    Problem::WithoutRecord { id, record },
                ),
            }
        })
        .collect()
}

/// Temporary files left by a fortb that was killed mid-write.
fn remove_leftovers(project: &Project) -> Result<usize> {
    crate::record::atomic::remove_leftover_temps(&project.initiatives_dir())
}
