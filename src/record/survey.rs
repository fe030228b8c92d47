//! Where survey answers are kept: the aggregate in the record's `[survey]` (in git), and
//! everything that must stay out of git in the project's private folder `.fortb/`, which
//! ignores itself: the fingerprint key, and per round the respondents counted and the answers
//! that wait until there are enough of them.

use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use crate::error::file::FileError;
use crate::error::{Error, Result};
use crate::model::fingerprint::FingerprintKey;
use crate::model::recall::{Why, WhyNot};
use crate::model::survey::{Round, RoundAnswers, SurveyResults};
use crate::model::transfer::{Transfer, UseFrequency};
use crate::model::vocabulary::Vocabulary;
use crate::record::private::{private_dir, PRIVATE_DIR};
use crate::record::{atomic, document, parse};
use crate::t;

const KEY_FILE: &str = "survey-key";

/// The folder of an initiative's private survey answers, `.fortb/surveys/<id>/`, whether or
/// not it exists: it goes with the record when it is renamed or removed.
pub fn private_answers_dir(root: &Path, id: &str) -> PathBuf {
    root.join(PRIVATE_DIR).join("surveys").join(id)
}

/// The file of one round's private answers: `.fortb/surveys/<id>/<round>.toml`.
pub fn round_path(root: &Path, id: &str, round: &str) -> Result<PathBuf> {
    private_dir(root)?;
    let dir = private_answers_dir(root, id);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(dir.join(format!("{round}.toml")))
}

/// The project's fingerprint key, made on first use from the system's randomness.
pub fn key(root: &Path) -> Result<FingerprintKey> {
    let path = private_dir(root)?.join(KEY_FILE);
    if !path.exists() {
        let text = format!("{}\n", new_key().to_hex());
        // Two first imports at once: one key wins, both read it below.
        atomic::create_new(&path, &text)?;
    }
    let text = parse::read_text(&path)?;
    FingerprintKey::from_hex(&text).ok_or_else(|| {
        let path = path.to_path_buf();
        FileError::BadSurveyKey { path }.into()
    })
}

/// 128 random bits: the standard library seeds each `RandomState` from the operating system's
/// random source, so hashing with two of them yields bits no one can predict.
fn new_key() -> FingerprintKey {
    let mut halves = [0u64; 2];
    for (i, half) in halves.iter_mut().enumerate() {
        let seed = (i, std::process::id(), std::time::SystemTime::now());
        *half = std::collections::hash_map::RandomState::new().hash_one(seed);
    }
    FingerprintKey(halves)
}

/// A round's private answers; an empty round when there is no file yet.
pub fn load_round(path: &Path) -> Result<RoundAnswers> {
    if !path.exists() {
        return Ok(RoundAnswers::default());
    }
    let text = parse::read_text(path)?;
    parse::parse_toml::<RoundAnswers>(path, &text).map_err(Error::invalid)
}

/// Writes a round's private answers atomically. A text [`load_round`] could not read back (past
/// the read limit) is refused with nothing written: every later import would fail on it.
pub fn save_round(path: &Path, answers: &RoundAnswers) -> Result<()> {
    let body = toml::to_string(answers).map_err(|error| FileError::Unwritable {
        reason: error.to_string(),
    })?;
    let text = format!("# {}\n\n{body}", t!("survey.private_header"));
    if text.len() as u64 > parse::MAX_FILE_BYTES {
        return Err(FileError::PrivateTooLarge {
            path: path.to_path_buf(),
            size: text.len() as u64,
            limit: parse::MAX_FILE_BYTES,
        }
        .into());
    }
    atomic::write_file(path, &text)
}

/// A rating question as the record names it.
pub struct RatingQuestion<'a> {
    pub key: &'a str,
    pub text: &'a str,
}

/// The table `key` of `parent`, made when it is missing (implicit: it shows only as the header
/// of what it holds).
fn child_table<'a>(parent: &'a mut Table, key: &str, implicit: bool) -> &'a mut Table {
    if parent.get(key).is_none_or(|item| !item.is_table()) {
        let mut table = Table::new();
        table.set_implicit(implicit);
        parent.insert(key, Item::Table(table));
    }
    parent[key].as_table_mut().expect("just made sure")
}

/// Writes what the repository may hold of a round into the record, in place: `[survey]` for
/// the end-of-initiative round, `[survey.rounds.<key>]` for a later one. It holds the number
/// of respondents counted and waiting, the last import, and the ratings of those counted (or,
/// for a transfer survey, what their answers add up to).
/// A December round answered for one of several units names the unit (`unit`).
/// Removes the `respondents` fingerprints an older fortb kept there.
pub fn write_results(
    doc: &mut DocumentMut,
    (round, unit): (&Round, Option<&str>),
    answers: &RoundAnswers,
    questions: &[RatingQuestion],
) {
    let survey = child_table(doc.as_table_mut(), "survey", *round != Round::End);
    let table = match round {
        Round::End => survey,
        _ => child_table(child_table(survey, "rounds", true), &round.key(), false),
    };
    let order = ["unit", "responses", "waiting", "imported", "ratings"];
    if let Some(unit) = unit {
        document::set_value(table, "unit", Value::from(unit), &order);
    }
    let published = &answers.published;
    let responses = i64::from(published.responses);
    document::set_value(table, "responses", Value::from(responses), &order);
    if answers.waiting.responses > 0 {
        let waiting = i64::from(answers.waiting.responses);
        document::set_value(table, "waiting", Value::from(waiting), &order);
    } else {
        table.remove("waiting");
    }
    if let Some(date) = answers.imported {
        document::set_value(table, "imported", document::date_value(date), &order);
    }
    table.remove("respondents");
    if published.responses == 0 {
        return;
    }
    // A transfer round's confidence is part of its transfer table, not a rating of its own.
    if let Some(transfer) = Transfer::of(published.responses, &published.ratings) {
        write_transfer(child_table(table, "transfer", false), &transfer);
        return;
    }
    let ratings = child_table(table, "ratings", true);
    for question in questions {
        let distribution = published.distribution(question.key);
        if distribution.total() == 0 {
            continue;
        }
        let entry = child_table(ratings, question.key, false);
        let keys = ["text", "mean", "distribution"];
        document::set_value(entry, "text", Value::from(question.text), &keys);
        let mean = distribution
            .mean()
            .map_or(0.0, |m| (m * 100.0).round() / 100.0);
        document::set_value(entry, "mean", Value::from(mean), &keys);
        let counts: Array = distribution.to_vec().into_iter().map(i64::from).collect();
        document::set_value(entry, "distribution", Value::Array(counts), &keys);
    }
}

/// Writes a transfer round's aggregate into its `transfer` table: counts as inline tables in
/// the vocabularies' order, shares and means with two decimals.
fn write_transfer(table: &mut Table, transfer: &Transfer) {
    let order = [
        "respondents",
        "use",
        "at_least_monthly",
        "confidence",
        "confidence_distribution",
        "helped",
        "obstacles",
        "leader_followed_up",
    ];
    let counts = |keys: Vec<&str>, counts: &std::collections::BTreeMap<String, u32>| {
        let mut inline = InlineTable::new();
        for key in keys {
            let n = counts.get(key).copied().unwrap_or(0);
            inline.insert(key, Value::from(i64::from(n)));
        }
        Value::InlineTable(inline)
    };
    let respondents = Value::from(i64::from(transfer.respondents));
    document::set_value(table, "respondents", respondents, &order);
    let use_keys = UseFrequency::ALL.iter().map(|u| u.key()).collect();
    document::set_value(table, "use", counts(use_keys, &transfer.use_counts), &order);
    let decimal = |key: &str, value: Option<f64>, table: &mut Table| match value {
        Some(v) => {
            document::set_value(table, key, Value::from((v * 100.0).round() / 100.0), &order)
        }
        None => {
            table.remove(key);
        }
    };
    decimal("at_least_monthly", transfer.at_least_monthly, table);
    decimal("confidence", transfer.confidence, table);
    let distribution: Array = transfer
        .confidence_distribution
        .iter()
        .map(|&n| i64::from(n))
        .collect();
    let distribution = Value::Array(distribution);
    document::set_value(table, "confidence_distribution", distribution, &order);
    let why_keys = Why::ALL.iter().map(|w| w.key()).collect();
    document::set_value(table, "helped", counts(why_keys, &transfer.helped), &order);
    let why_not_keys = WhyNot::ALL.iter().map(|w| w.key()).collect();
    let obstacles = counts(why_not_keys, &transfer.obstacles);
    document::set_value(table, "obstacles", obstacles, &order);
    decimal("leader_followed_up", transfer.leader_followed_up, table);
}

/// Whether the record counts respondents in `round` that this computer's private answers do
/// not: imported on another computer, or by an older fortb that kept its fingerprints in the
/// record.
pub fn counted_elsewhere(
    results: Option<&SurveyResults>,
    round: &Round,
    answers: &RoundAnswers,
) -> bool {
    results
        .and_then(|r| r.round(round))
        .is_some_and(|r| r.responses + r.waiting > answers.responses())
}
