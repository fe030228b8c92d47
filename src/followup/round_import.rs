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

use crate::error::{FollowupError, Result};
use crate::followup::free_text::free_text_markdown;
use crate::followup::survey::{self, Import, SurveyKind, SurveyQuestion};
use crate::followup::transfer;
use crate::i18n::Lang;
use crate::model::date::Date;
use crate::model::fingerprint::FingerprintKey;
use crate::model::survey::{Round, RoundAnswers, Thresholds};
use crate::record::survey::{self as stored, RatingQuestion};
use crate::record::{atomic, document, store};

/// What to import, and where.
pub struct Request<'a> {
    pub root: &'a Path,
    pub id: &'a str,
    pub record: &'a Path,
    /// The export, header first; see [`survey::parse_export`].
    pub rows: &'a [Vec<String>],
    pub round: Round,
    /// The unit whose principal answered, by name, for a December round of an initiative
    /// several units share; written beside the round's results.
    pub unit: Option<&'a str>,
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
    if stored::counted_elsewhere(results, &request.round, &answers) {
        return Err(FollowupError::CountedElsewhere {
            id: request.id.to_string(),
            dir: crate::record::private::PRIVATE_DIR,
        }
        .into());
    }
    let seen: HashSet<String> = answers.fingerprints.iter().cloned().collect();
    let candidates = match request.questionnaire {
        Some(questionnaire) => vec![questionnaire(true), questionnaire(false)],
        None => questionnaires(&initiative.learning_goals()),
    };
    let (questions, result) = best_match(candidates, request.rows, &seen, key);
    if result.missing_questions.len() == questions.len() {
        return Err(FollowupError::NothingMatched {
            path: request.file.to_path_buf(),
        }
        .into());
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
        stored::write_results(doc, (&request.round, request.unit), answers, &ratings);
        Ok(())
    })?;
    let mut changed = vec![request.record.to_path_buf()];
    let free_text = &answers.published.free_text;
    if !free_text.is_empty() {
        let path = free_text_path(request.record, &request.round);
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
