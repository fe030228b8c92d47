//! `fortb step ID [STEP]`: answer the questions of a process step — interactively in a
//! terminal, or with `--answer KEY=VALUE` / `--from FILE` in scripts.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::args::StepArgs;
use crate::cli::commands::Context;
use crate::cli::error::process::answer_message;
use crate::cli::interview;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::model::date::Date;
use crate::model::process::{Model, Step};
use crate::process::answer::{self, Answer};
use crate::process::step;
use crate::record::document;
use crate::record::parse;
use crate::record::process_files::Models;
use crate::record::project::display_path;
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &StepArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let initiative = store::load(&id, &path).map_err(document::refuse_broken)?;
    let model = Models::new(Some(&project))
        .get(project.process_of(&initiative.record))?
        .clone();
    let step = match &args.step {
        Some(given) => model
            .step_or_explain(given)
            .map_err(|e| Error::Message(e.to_string()))?,
        None => model.current_step(&initiative).ok_or_else(|| {
            let key = if initiative.record.not_training() {
                "outcome.no_next_step"
            } else {
                "step.all_done"
            };
            Error::Message(t!(key, id = id, first = model.steps[0].word()))
        })?,
    };
    let scripted =
        !args.answers.is_empty() || args.from.is_some() || args.done.is_some() || args.not_done;
    let message = t!("commit.step", id = id, step = step.id);
    if scripted {
        apply_scripted(args, &model, step, &path, context.today)?;
        context.commit(&project, &[path], message)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !output::interactive() {
        let example = step.questions.first().map_or("key", |q| q.key.as_str());
        return Err(Error::Message(t!(
            "step.not_a_terminal",
            id = id,
            step = step.word(),
            key = example
        )));
    }
    interview::run(&project, &id, &path, &model, step, context.today)?;
    context.commit(&project, &[path], message)?;
    Ok(ExitCode::SUCCESS)
}

/// Answers to store, by question key; `None` clears one.
type Answers = Vec<(String, Option<Answer>)>;

/// Everything given on the command line, applied in one write; `today` is what `--done
/// today` means.
fn apply_scripted(
    args: &StepArgs,
    model: &Model,
    step: &Step,
    path: &Path,
    today: Date,
) -> Result<()> {
    let mut answers: Answers = Vec::new();
    for (key, values) in group_answers(&args.answers)? {
        let question = question_or_explain(step, &key)?;
        let values: Vec<String> = values
            .iter()
            .map(|v| read_value(v))
            .collect::<Result<_>>()?;
        let answer = if values.iter().all(|v| v.trim().is_empty()) {
            None
        } else {
            Some(
                answer::parse(question, &values)
                    .map_err(|problem| Error::Message(answer_message(&key, &problem)))?,
            )
        };
        answers.push((key, answer));
    }
    let mut done = done_given(args, today)?;
    if let Some(file) = &args.from {
        let (from_answers, from_done) = answers_from_file(file, step)?;
        answers.extend(from_answers);
        done = done.or(from_done.map(Some));
    }
    let saved = answers.len();
    document::update_record(path, |doc, _| {
        for (key, answer) in &answers {
            step::set_answer(doc, model, step, key, answer.as_ref());
        }
        if let Some(date) = done {
            step::set_done(doc, model, step, date);
        }
        Ok(())
    })?;
    let state = match done {
        Some(Some(date)) => t!("step.marked_done", date = date),
        Some(None) => t!("step.marked_not_done"),
        None => String::new(),
    };
    output::note(&format!(
        "{}{state}",
        t!(
            "step.saved",
            count = saved,
            step = step.name(),
            path = display_path(path).display()
        )
    ));
    Ok(())
}

/// What `--done` and `--not-done` ask for: `Some(Some(date))` to mark the step done on a
/// date (`today` for `--done today`), `Some(None)` to mark it not done, `None` to leave it.
/// A date after today is taken, with a warning.
fn done_given(args: &StepArgs, today: Date) -> Result<Option<Option<Date>>> {
    let done = match args.done.as_deref() {
        Some("today") => Some(Some(today)),
        Some(text) => Some(Some(
            Date::parse_arg("--done", text).map_err(|e| Error::Usage(e.to_string()))?,
        )),
        None if args.not_done => Some(None),
        None => None,
    };
    if let Some(Some(date)) = done {
        if date > today {
            output::warning(&t!("step.done_in_future", date = date));
        }
    }
    Ok(done)
}

/// `KEY=VALUE` pairs grouped by key, in the order first given (a list takes several values).
fn group_answers(pairs: &[String]) -> Result<Vec<(String, Vec<String>)>> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for pair in pairs {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| Error::Usage(t!("step.bad_answer_arg", given = pair)))?;
        let key = key.trim().to_string();
        match grouped.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push(value.to_string()),
            None => grouped.push((key, vec![value.to_string()])),
        }
    }
    Ok(grouped)
}

/// `@path` reads the value from a file (for long texts); `@@…` is a literal `@…`.
fn read_value(value: &str) -> Result<String> {
    if let Some(literal) = value.strip_prefix("@@") {
        return Ok(format!("@{literal}"));
    }
    match value.strip_prefix('@') {
        Some(file) => Ok(parse::read_text(Path::new(file))?.trim_end().to_string()),
        None => Ok(value.to_string()),
    }
}

fn question_or_explain<'a>(
    step: &'a Step,
    key: &str,
) -> Result<&'a crate::model::process::Question> {
    step.question(key).ok_or_else(|| {
        Error::Message(t!(
            "step.unknown_question",
            key = key,
            step = step.word(),
            valid = step
                .questions
                .iter()
                .map(|q| q.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// The answers in a TOML file: its `[<step>]` or `[steps.<step>]` table, or its top level.
fn answers_from_file(path: &Path, step: &Step) -> Result<(Answers, Option<Date>)> {
    let text = parse::read_text(path)?;
    let table: toml::Table = parse::parse_toml(path, &text).map_err(Error::invalid)?;
    let answers = table
        .get("steps")
        .and_then(|s| s.get(&step.id))
        .or_else(|| table.get(&step.id))
        .and_then(toml::Value::as_table)
        .unwrap_or(&table);
    let mut result = Vec::new();
    let mut done = None;
    for (key, value) in answers {
        if key == crate::model::initiative::DONE_KEY {
            done = Some(Date::from_toml(value).ok_or_else(|| {
                Error::Message(format!(
                    "{}: {}",
                    display_path(path).display(),
                    t!("date.invalid_value", given = value)
                ))
            })?);
            continue;
        }
        let question = question_or_explain(step, key)?;
        let answer = answer::from_toml(question, value).map_err(|problem| {
            let m = crate::cli::error::record::problem(&problem);
            Error::Message(format!("{}: {key}: {m}", display_path(path).display()))
        })?;
        result.push((key.clone(), Some(answer)));
    }
    Ok((result, done))
}
