//! `fortb survey questions|import`: the evaluation survey of an initiative — a questionnaire
//! made from its learning goals, and the import of the answers a form tool exported.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use toml_edit::{Array, Item, Table, Value};

use crate::cli::args::{
    SurveyArgs, SurveyCommand, SurveyFormat, SurveyImportArgs, SurveyQuestionsArgs,
};
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::followup::survey::{self, Import, SurveyKind, SurveyQuestion};
use crate::i18n::{self, Lang};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::survey::{Distribution, SurveyResults};
use crate::record::atomic;
use crate::record::document;
use crate::record::parse;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &SurveyArgs) -> Result<ExitCode> {
    match &args.command {
        SurveyCommand::Questions(args) => questions(context, args),
        SurveyCommand::Import(args) => import(context, args),
    }
}

fn load(context: &Context, given: &str) -> Result<(Initiative, std::path::PathBuf)> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, given)?;
    let initiative = store::load(&id, &path)?;
    Ok((initiative, path))
}

fn questions(context: &Context, args: &SurveyQuestionsArgs) -> Result<ExitCode> {
    let (initiative, _) = load(context, &args.id)?;
    let goals = initiative.learning_goals();
    if goals.is_empty() {
        output::warning(&t!("survey.no_goals", id = initiative.id));
    }
    let sv = i18n::current() == Lang::Sv;
    let questions = survey::questionnaire(&goals, sv);
    let text = match args.format {
        SurveyFormat::Markdown => {
            survey::questionnaire_markdown(&initiative.record.title, &questions, sv)
        }
        SurveyFormat::Csv => survey::questionnaire_csv(&questions),
    };
    output::print(&text);
    Ok(ExitCode::SUCCESS)
}

fn import(context: &Context, args: &SurveyImportArgs) -> Result<ExitCode> {
    let (initiative, path) = load(context, &args.id)?;
    let text = parse::read_text(&args.file)?;
    let rows = survey::parse_csv(&text).map_err(|error| {
        Error::Message(format!(
            "{}:{}: {}",
            display_path(&args.file).display(),
            error.line(),
            t!("survey.bad_csv")
        ))
    })?;
    if rows.len() < 2 {
        return Err(Error::Message(t!(
            "survey.no_rows",
            path = display_path(&args.file).display()
        )));
    }
    let goals = initiative.learning_goals();
    let seen: HashSet<u64> = initiative
        .record
        .survey
        .iter()
        .flat_map(|s| {
            s.respondents
                .iter()
                .filter_map(|h| crate::model::survey::parse_hash(h))
        })
        .collect();
    // The form may have been made in either language; take the questionnaire that matches.
    let (questions, result) = [true, false]
        .into_iter()
        .map(|sv| {
            let questions = survey::questionnaire(&goals, sv);
            let result = survey::import(&questions, &rows, &seen);
            (questions, result)
        })
        .min_by_key(|(_, result)| result.missing_questions.len())
        .expect("two languages");
    if result.missing_questions.len() == questions.len() {
        return Err(Error::Message(t!(
            "survey.nothing_matched",
            path = display_path(&args.file).display()
        )));
    }
    let today = Date::today();
    document::update_record(&path, |doc, record| {
        write_results(doc, record.survey.as_ref(), &questions, &result, today);
        Ok(())
    })?;
    let mut changed = vec![path.clone()];
    if !result.free_text.is_empty() {
        changed.push(save_free_text(
            &path, &questions, &result, &args.file, today,
        )?);
    }
    let project = context.project()?;
    context.commit(
        &project,
        &changed,
        t!(
            "commit.survey",
            id = initiative.id,
            count = result.responses
        ),
    )?;
    output::note(&t!(
        "survey.imported",
        new = result.responses,
        duplicates = result.duplicates,
        id = initiative.id
    ));
    if !result.unmatched_columns.is_empty() {
        output::warning(&t!(
            "survey.unmatched",
            columns = result.unmatched_columns.join("; ")
        ));
    }
    if !result.missing_questions.is_empty() {
        output::warning(&t!(
            "survey.missing",
            keys = result.missing_questions.join(", ")
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Adds the new answers to the record's `[survey]` table: counts, distributions and means, and
/// the respondents counted, so a second import of the same file adds nothing.
fn write_results(
    doc: &mut toml_edit::DocumentMut,
    previous: Option<&SurveyResults>,
    questions: &[SurveyQuestion],
    result: &Import,
    today: Date,
) {
    if doc.get("survey").is_none_or(|item| !item.is_table()) {
        doc.insert("survey", Item::Table(Table::new()));
    }
    let table = doc["survey"].as_table_mut().expect("just made sure");
    let order = ["responses", "imported", "respondents", "ratings"];
    let responses = previous.map_or(0, |p| p.responses) + result.responses as u32;
    document::set_value(
        table,
        "responses",
        Value::from(i64::from(responses)),
        &order,
    );
    // The import date counts as follow-up activity, so only an import that added answers sets it.
    if result.responses > 0 {
        document::set_value(table, "imported", document::date_value(today), &order);
    }
    let mut respondents = Array::new();
    for hash in previous.iter().flat_map(|p| p.respondents.iter()) {
        respondents.push(hash.as_str());
    }
    for hash in &result.respondent_hashes {
        respondents.push(crate::model::survey::format_hash(*hash));
    }
    document::set_value(table, "respondents", Value::Array(respondents), &order);
    if table.get("ratings").is_none_or(|item| !item.is_table()) {
        let mut ratings = Table::new();
        ratings.set_implicit(true);
        table.insert("ratings", Item::Table(ratings));
    }
    let ratings = table["ratings"].as_table_mut().expect("just made sure");
    for question in questions.iter().filter(|q| q.kind == SurveyKind::Rating) {
        let mut distribution = previous
            .and_then(|p| p.ratings.get(&question.key))
            .and_then(|r| Distribution::from_vec(&r.distribution))
            .unwrap_or_default();
        if let Some(new) = result.ratings.get(&question.key) {
            distribution.add(new);
        }
        if distribution.total() == 0 {
            continue;
        }
        if ratings
            .get(&question.key)
            .is_none_or(|item| !item.is_table())
        {
            ratings.insert(&question.key, Item::Table(Table::new()));
        }
        let entry = ratings[&question.key]
            .as_table_mut()
            .expect("just made sure");
        let keys = ["text", "mean", "distribution"];
        document::set_value(entry, "text", Value::from(question.text.as_str()), &keys);
        let mean = distribution
            .mean()
            .map(|m| (m * 100.0).round() / 100.0)
            .unwrap_or(0.0);
        document::set_value(entry, "mean", Value::from(mean), &keys);
        let mut counts = Array::new();
        for count in distribution.to_vec() {
            counts.push(i64::from(count));
        }
        document::set_value(entry, "distribution", Value::Array(counts), &keys);
    }
}

/// Free-text answers go beside the record (`<id>.survey.md`), not into it: they are long,
/// personal, and read rather than counted.
fn save_free_text(
    record: &Path,
    questions: &[SurveyQuestion],
    result: &Import,
    source: &Path,
    today: Date,
) -> Result<std::path::PathBuf> {
    let path = record.with_extension("survey.md");
    let lock = atomic::lock(&path)?;
    let mut text = if path.symlink_metadata().is_ok() {
        parse::read_text(&path)?
    } else {
        String::new()
    };
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push('\n');
    }
    let file_name = source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    text.push_str(&format!(
        "## {}\n",
        t!("survey.free_text_heading", date = today, file = file_name)
    ));
    for question in questions.iter().filter(|q| q.kind == SurveyKind::FreeText) {
        let answers: Vec<&str> = result
            .free_text
            .iter()
            .filter(|(key, _)| *key == question.key)
            .map(|(_, answer)| answer.as_str())
            .collect();
        if answers.is_empty() {
            continue;
        }
        text.push_str(&format!("\n### {}\n\n", question.text));
        for answer in answers {
            let lines: Vec<&str> = answer.lines().collect();
            text.push_str(&format!("- {}\n", lines.join("\n  ")));
        }
    }
    lock.write(&text)?;
    Ok(path)
}
