//! Importing a form export into a survey round, exclusively and without losing answers between
//! the files it changes.
//!
//! The round's private answers (`.fortb/surveys/<id>/<round>.toml`, outside git) are the commit
//! point: a respondent is counted once their fingerprint is written there. The record's
//! `[survey]` and the free-text file are then written again from those answers, in full, on
//! every import; so when the disk fills up or the process is killed after the private write,
//! importing the same file again counts nobody twice and completes what is missing. One import
//! of a round runs at a time: the others wait for its lock and then see what it counted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::escape;
use crate::followup::survey::{self, Import, SurveyKind, SurveyQuestion};
use crate::followup::transfer;
use crate::i18n::Lang;
use crate::model::date::Date;
use crate::model::fingerprint::FingerprintKey;
use crate::model::survey::{FreeText, Round, RoundAnswers, Thresholds};
use crate::record::survey::{self as stored, RatingQuestion};
use crate::record::{atomic, document, store};
use crate::t;

/// What to import, and where.
pub struct Request<'a> {
    pub root: &'a Path,
    pub id: &'a str,
    pub record: &'a Path,
    /// The export, header first; see [`survey::parse_export`].
    pub rows: &'a [Vec<String>],
    pub round: Round,
    /// The export's path as messages name it.
    pub file: &'a Path,
    pub thresholds: Thresholds,
    pub today: Date,
    /// The questions in Swedish (`true`) or English; `None` for the evaluation survey made
    /// from the initiative's learning goals.
    pub questionnaire: Option<&'a dyn Fn(bool) -> Vec<SurveyQuestion>>,
}

/// What an import did.
pub struct Imported {
    pub import: Import,
    /// The round after the import.
    pub answers: RoundAnswers,
    /// The files in the repository that changed, for a commit.
    pub changed: Vec<PathBuf>,
}

/// Imports `request.rows` into the initiative's survey round `request.round`.
pub fn import(request: &Request) -> Result<Imported> {
    let private = stored::round_path(request.root, request.id, &request.round.key())?;
    let _lock = atomic::lock(&private)?;
    let key = stored::key(request.root)?;
    let mut answers = stored::load_round(&private)?;
    let initiative = store::load(request.id, request.record)?;
    let results = initiative.record.survey.as_ref();
    if stored::counted_elsewhere(results, request.round, &answers) {
        return Err(Error::Message(t!(
            "survey.counted_elsewhere",
            id = request.id,
            dir = stored::PRIVATE_DIR
        )));
    }
    let seen: HashSet<String> = answers.fingerprints.iter().cloned().collect();
    let candidates = match request.questionnaire {
        Some(questionnaire) => vec![questionnaire(true), questionnaire(false)],
        None => questionnaires(&initiative.learning_goals()),
    };
    let (questions, result) = best_match(candidates, request.rows, &seen, key);
    if result.missing_questions.len() == questions.len() {
        return Err(Error::Message(t!(
            "survey.nothing_matched",
            path = request.file.display()
        )));
    }
    if result.responses > 0 {
        answers.add(&result.fingerprints, &result.batch(), request.thresholds);
        answers.imported = Some(request.today);
        stored::save_round(&private, &answers)?;
    }
    let changed = write_repository_files(request, &initiative.record.title, &questions, &answers)?;
    Ok(Imported {
        import: result,
        answers,
        changed,
    })
}

/// The questionnaires an initiative's export may answer: the form may have been made in
/// either language, from the evaluation at the end or from the transfer survey of a later
/// round (the evaluation, in Swedish, first).
fn questionnaires(goals: &[String]) -> Vec<Vec<SurveyQuestion>> {
    vec![
        survey::questionnaire(goals, true),
        survey::questionnaire(goals, false),
        transfer::questionnaire(Lang::Sv),
        transfer::questionnaire(Lang::En),
    ]
}

/// The questionnaire the export answers, and its answers read with it: the one with the most
/// questions among the export's columns wins (the first of equals).
fn best_match(
    candidates: Vec<Vec<SurveyQuestion>>,
    rows: &[Vec<String>],
    seen: &HashSet<String>,
    key: FingerprintKey,
) -> (Vec<SurveyQuestion>, Import) {
    let mut best: Option<(Vec<SurveyQuestion>, Import)> = None;
    for questions in candidates {
        let result = survey::import(&questions, rows, seen, key);
        let found = questions.len() - result.missing_questions.len();
        let better = best
            .as_ref()
            .is_none_or(|(q, r)| found > q.len() - r.missing_questions.len());
        if better {
            best = Some((questions, result));
        }
    }
    best.expect("at least one questionnaire")
}

/// Writes the record's `[survey]` and the free-text file from the round's answers.
fn write_repository_files(
    request: &Request,
    title: &str,
    questions: &[SurveyQuestion],
    answers: &RoundAnswers,
) -> Result<Vec<PathBuf>> {
    let ratings: Vec<RatingQuestion> = questions
        .iter()
        .filter(|q| q.kind == SurveyKind::Rating)
        .map(|q| RatingQuestion {
            key: &q.key,
            text: &q.text,
        })
        .collect();
    document::update_record(request.record, |doc, _| {
        stored::write_results(doc, request.round, answers, &ratings);
        Ok(())
    })?;
    let mut changed = vec![request.record.to_path_buf()];
    let free_text = &answers.published.free_text;
    if !free_text.is_empty() {
        let path = free_text_path(request.record, request.round);
        let text = free_text_markdown(title, questions, free_text);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() != Some(text.as_str()) {
            atomic::write_file(&path, &text)?;
        }
        changed.push(path);
    }
    Ok(changed)
}

pub use crate::record::free_text::path as free_text_path;

/// The free-text answers that may be in the repository, by question, in an order that tells
/// nothing about who answered when. Control characters and bidirectional overrides are written
/// out (`\u{1b}`), as a terminal is shown them: the file is in git, and `cat` or `git diff`
/// would otherwise play them.
pub fn free_text_markdown(
    title: &str,
    questions: &[SurveyQuestion],
    answers: &[FreeText],
) -> String {
    escape::terminal(&free_text_document(title, questions, answers)).into_owned()
}

/// The free-text file's Markdown, before control characters are written out.
fn free_text_document(title: &str, questions: &[SurveyQuestion], answers: &[FreeText]) -> String {
    let mut text = format!(
        "# {}\n\n{}\n",
        t!(
            "survey.free_text_title",
            title = escape::markdown_text(title)
        ),
        t!("survey.free_text_note")
    );
    let mut keys: Vec<(&str, &str)> = questions
        .iter()
        .filter(|q| q.kind == SurveyKind::FreeText)
        .map(|q| (q.key.as_str(), q.text.as_str()))
        .collect();
    // Answers to a question the current questionnaire no longer has keep their key as heading.
    for answer in answers {
        if !keys.iter().any(|(key, _)| *key == answer.question) {
            keys.push((&answer.question, &answer.question));
        }
    }
    for (key, heading) in keys {
        let mut given = answers.iter().filter(|a| a.question == key).peekable();
        if given.peek().is_none() {
            continue;
        }
        text.push_str(&format!("\n## {}\n\n", escape::markdown_text(heading)));
        for answer in given {
            // Each line escaped on its own, so an answer keeps its line breaks but cannot
            // make a heading or a list of its own.
            let lines: Vec<String> = answer.answer.lines().map(escape::markdown_line).collect();
            text.push_str(&format!("- {}\n", lines.join("\n  ")));
        }
    }
    text
}
