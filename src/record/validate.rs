//! Everything `fortb check` finds wrong in a project's files, each tied to a place. The command
//! prints; this module only finds.

use std::path::Path;

use crate::error::{Diagnostic, Error, Hint, Problem};
use crate::model::initiative::{Record, REQUIRED, SCHEMA, TOP_LEVEL_KEYS};
use crate::model::process::{self, Model, Place, Question, QuestionType};
use crate::model::spelling;
use crate::model::survey::SurveyResults;
use crate::model::theme;
use crate::record::one_place::{self, StepCopy};
use crate::record::process_files::Models;
use crate::record::project::{Config, Project, CONFIG_KEYS};
use crate::record::recovery::{self, ValueKind};
use crate::record::{parse, plan, store};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

impl Finding {
    fn error(diagnostic: Diagnostic) -> Finding {
        Finding {
            severity: Severity::Error,
            diagnostic,
        }
    }
    fn warning(diagnostic: Diagnostic) -> Finding {
        Finding {
            severity: Severity::Warning,
            diagnostic,
        }
    }
}

/// The finding is boxed: on Windows a path is larger, and the finding with it (clippy's
/// `result_large_err` there).
fn read(path: &Path) -> Result<String, Box<Finding>> {
    parse::read_text(path)
        .map_err(|error| Box::new(Finding::error(store::as_diagnostic(path, error))))
}

/// Keys fortb does not know, each with the known key it is most likely a typo of when there is
/// one (`top_level` lists the keys of the file's top level).
fn unknown_key_warnings(
    path: &Path,
    text: &str,
    readable: &str,
    unknown: &[String],
    top_level: &[&str],
) -> Vec<Finding> {
    unknown
        .iter()
        .map(|key| {
            let offset = parse::locate_path(readable, key);
            let hint = match key.contains('.') {
                false => spelling::closest(key, top_level.iter().copied()),
                true => None,
            };
            let hint = hint.map_or(Hint::UnknownKey, |word| Hint::DidYouMean {
                word: word.to_string(),
            });
            Finding::warning(
                Diagnostic::at_offset(path, text, offset, Problem::UnknownKey { key: key.clone() })
                    .with_hint(hint),
            )
        })
        .collect()
}

/// The top-level keys fortb does not know in a record too broken to be read as a whole;
/// none when even its remaining lines are not TOML.
fn unknown_top_level(readable: &str) -> Vec<String> {
    let Ok(table) = readable.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .keys()
        .filter(|key| !TOP_LEVEL_KEYS.contains(&key.as_str()))
        .cloned()
        .collect()
}

/// The process a record names in its `process = "…"` line, read from the text itself: the
/// record may be too broken to read as a whole.
fn written_process(text: &str) -> Option<&str> {
    top_level_value(text, "process")
        .map(|value| value.trim_matches('"'))
        .filter(|name| !name.is_empty() && !name.contains(['"', '#', ' ']))
}

/// The value of `key` as written at the top of the file, before the first table.
fn top_level_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    text.lines()
        .take_while(|line| !line.trim_start().starts_with('['))
        .find_map(|line| {
            let (name, value) = line.split_once('=')?;
            (name.trim() == key).then(|| value.trim())
        })
}

/// What the answer to a question of type `kind` is written as.
fn answer_kind(kind: QuestionType) -> ValueKind {
    match kind {
        QuestionType::Text | QuestionType::LongText | QuestionType::Choice => ValueKind::Text,
        QuestionType::YesNo => ValueKind::YesNo,
        QuestionType::Number => ValueKind::Number,
        QuestionType::Date => ValueKind::Date,
        QuestionType::List | QuestionType::MultiChoice => ValueKind::List,
    }
}

/// What a record's field holds, for explaining a wrong value: the top-level fields, and
/// the answers of a step by their question's type. (`cost` and `hours` say themselves what
/// is wrong: an amount in words, or below zero.)
fn record_field_kind(model: Option<&process::Model>, field: &str) -> Option<ValueKind> {
    if let Some(answer) = field.strip_prefix("steps.") {
        let (step, key) = answer.split_once('.')?;
        let question = model?.step(step)?.question(key)?;
        return Some(answer_kind(question.kind));
    }
    let entry_field = |table: &str| {
        field
            .strip_prefix(table)
            .and_then(|rest| rest.split_once('.'))
            .map(|(_, key)| key)
    };
    if let Some(key) = entry_field("recall.") {
        return match key {
            "by" | "note" => Some(ValueKind::Text),
            "date" => Some(ValueKind::Date),
            "unaided" | "incomplete" => Some(ValueKind::YesNo),
            "why" | "why_not" => Some(ValueKind::List),
            _ => None,
        };
    }
    if let Some(key) = entry_field("indicator.") {
        return match key {
            "name" | "level" | "unit" => Some(ValueKind::Text),
            "baseline" | "target" => Some(ValueKind::Number),
            _ => None,
        };
    }
    Some(match field {
        "title" | "kind" | "learning" | "process" | "owner" | "audience" => ValueKind::Text,
        "start" | "end" => ValueKind::Date,
        "sessions" | "participants" | "schema" => ValueKind::Count,
        "whole_staff" => ValueKind::YesNo,
        "units" | "goals" | "themes" => ValueKind::List,
        "outcome" => ValueKind::Text,
        _ => return None,
    })
}

/// Problems in `fortb.toml`.
pub fn check_config(path: &Path) -> Vec<Finding> {
    check_settings::<Config>(path, CONFIG_KEYS, &mut config_field_kind)
}

/// Problems in a settings file read as `T` (`fortb.toml`; a plan file would be one more):
/// every broken line at once, and keys it does not know with the nearest of `top_level`.
pub fn check_settings<T: serde::de::DeserializeOwned>(
    path: &Path,
    top_level: &[&str],
    expected: &mut dyn FnMut(&str) -> Option<ValueKind>,
) -> Vec<Finding> {
    let text = match read(path) {
        Ok(text) => text,
        Err(finding) => return vec![*finding],
    };
    let read = recovery::read_every_problem::<T>(path, &text, expected, &[]);
    let mut findings: Vec<Finding> = read.problems.into_iter().map(Finding::error).collect();
    if let Some((_, unknown)) = read.value {
        findings.extend(unknown_key_warnings(
            path,
            &text,
            &read.readable,
            &unknown,
            top_level,
        ));
    }
    in_file_order(&mut findings);
    findings
}

/// A file's findings from top to bottom, as a person fixes them.
fn in_file_order(findings: &mut [Finding]) {
    findings.sort_by_key(|finding| (finding.diagnostic.line, finding.diagnostic.column));
}

/// What a field of `fortb.toml` holds.
fn config_field_kind(field: &str) -> Option<ValueKind> {
    Some(match field {
        "name" | "lang" | "beneficiary" | "process" | "currency" | "organisation.organiser" => {
            ValueKind::Text
        }
        "staff"
        | "survey.min_responses"
        | "survey.min_responses_text"
        | "survey.december_min_responses" => ValueKind::Count,
        "git.commit" => ValueKind::YesNo,
        "organisation.units" | "themes" => ValueKind::List,
        _ => return None,
    })
}

/// Problems in the project's `plan.toml`, and the ids of the goals its initiatives may name:
/// its own plan's and its organiser's. The ids are `None` when a plan cannot be read, so that
/// no record's goal is wrongly called unknown.
pub fn check_plan(project: &Project) -> (Option<KnownIds>, Vec<Finding>) {
    let path = plan::plan_path(project);
    let (plan, unknown, text) = match plan::read(&path) {
        Ok(Some(read)) => read,
        Ok(None) => return (known_goal_ids(project), Vec::new()),
        Err(error) => {
            let diagnostic = crate::record::store::as_diagnostic(&path, error);
            return (None, vec![Finding::error(diagnostic)]);
        }
    };
    let mut findings = unknown_key_warnings(&path, &text, &text, &unknown, plan::PLAN_KEYS);
    let at = |index: usize, key: &str, problem: Problem| {
        let offset = parse::locate_entry(&text, "goal", index, Some(key));
        Finding::error(Diagnostic::at_offset(&path, &text, offset, problem))
    };
    for (index, goal) in plan.goals.iter().enumerate() {
        if goal.id.trim().is_empty() {
            findings.push(at(index, "id", Problem::EmptyGoalId));
        }
        if goal.title.trim().is_empty() {
            let id = goal.id.clone();
            findings.push(at(index, "title", Problem::EmptyGoalTitle { id }));
        }
    }
    for (index, id) in plan.duplicate_ids() {
        let id = id.to_string();
        findings.push(at(index, "id", Problem::DuplicateGoalId { id }));
    }
    (known_goal_ids(project), findings)
}

/// The ids of the goals and learning goals a project's initiatives may name.
#[derive(Clone, Debug, Default)]
pub struct KnownIds {
    pub goals: Vec<String>,
    pub learning: Vec<String>,
}

/// The ids of the goals a project's initiatives may name; `None` when a plan cannot be read.
pub fn known_goal_ids(project: &Project) -> Option<KnownIds> {
    let mut ids = KnownIds::default();
    for goal in plan::goals_for(project).ok()? {
        for n in 0..goal.learning_goals.len() {
            ids.learning.push(goal.learning_id(n));
        }
        if !ids.goals.contains(&goal.id) {
            ids.goals.push(goal.id);
        }
    }
    Some(ids)
}

/// Goals and learning goals a record names that no plan has.
fn unknown_goals(path: &Path, text: &str, record: &Record, known: &KnownIds) -> Vec<Finding> {
    let goals = record.goals.iter().filter(|id| !known.goals.contains(id));
    let learning = record
        .learning_goal_ids
        .iter()
        .filter(|id| !known.learning.contains(id));
    let goals = goals.map(|id| {
        let problem = Problem::UnknownGoal {
            id: id.clone(),
            valid: known.goals.clone(),
        };
        ("goals", id, problem, Hint::UnknownGoal)
    });
    let learning = learning.map(|id| {
        let problem = Problem::UnknownLearningGoal {
            id: id.clone(),
            valid: known.learning.clone(),
        };
        ("learning_goals", id, problem, Hint::UnknownLearningGoal)
    });
    goals
        .chain(learning)
        .map(|(key, id, unknown, hint)| {
            let problem = match known.goals.is_empty() {
                true => Problem::GoalWithoutPlan { id: id.clone() },
                false => unknown,
            };
            let offset = parse::locate_key(text, "", key);
            Finding::error(Diagnostic::at_offset(path, text, offset, problem).with_hint(hint))
        })
        .collect()
}

/// Themes that are one typo away from a theme the project lists (`formativ bedömnig`): a
/// warning, since a new theme is allowed, but a misspelt one splits the look-back's groups.
fn near_miss_themes(path: &Path, text: &str, record: &Record, listed: &[String]) -> Vec<Finding> {
    record
        .themes
        .iter()
        .filter_map(|given| {
            let meant = theme::near_miss(given, listed)?;
            let offset = parse::locate_key(text, "", "themes");
            let problem = Problem::ThemeNearMiss {
                given: given.clone(),
                meant: meant.to_string(),
            };
            Some(Finding::warning(Diagnostic::at_offset(
                path, text, offset, problem,
            )))
        })
        .collect()
}

/// Problems in the project's own process models, `processes/*.toml`.
pub fn check_models(project: &Project) -> Vec<Finding> {
    let mut models = Models::new(Some(project));
    let mut findings = Vec::new();
    for path in models.project_files() {
        let Some(name) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let text = match read(&path) {
            Ok(text) => text,
            Err(finding) => {
                findings.push(*finding);
                continue;
            }
        };
        let syntax =
            recovery::read_every_problem::<toml::Table>(&path, &text, &mut model_field_kind, &[]);
        if !syntax.problems.is_empty() {
            findings.extend(syntax.problems.into_iter().map(Finding::error));
            continue;
        }
        match models.get(&name) {
            Ok(model) => {
                let mut problems = crate::record::process_files::file_problems(
                    &text,
                    &mut Models::new(Some(project)),
                );
                for (place, problem) in process::model_problems(model) {
                    let said = |p: &Problem| matches!(p, Problem::Model(m) if *m == problem);
                    if !problems.iter().any(|(_, problem)| said(problem)) {
                        problems.push((place, Problem::Model(problem)));
                    }
                }
                for (place, problem) in problems {
                    let offset = locate_in_model(&text, &place);
                    findings.push(Finding::error(Diagnostic::at_offset(
                        &path, &text, offset, problem,
                    )));
                }
            }
            Err(Error::Invalid(diagnostic)) => findings.push(Finding::error(*diagnostic)),
            Err(other) => findings.push(Finding::error(Diagnostic::at_offset(
                &path,
                &text,
                0,
                Problem::Failed(std::sync::Arc::new(other)),
            ))),
        }
    }
    findings
}

/// What a field of a process model file holds, by its name (`step.0.question.2.min`).
fn model_field_kind(field: &str) -> Option<ValueKind> {
    let name = field.rsplit('.').next().unwrap_or(field);
    let language = ["en", "sv"].contains(&name);
    Some(match name {
        _ if language => ValueKind::Text,
        "base" | "id" | "key" | "type" | "after" => ValueKind::Text,
        "min" => ValueKind::Number,
        "days" => ValueKind::Count,
        "aliases" | "skip" => ValueKind::List,
        _ => return None,
    })
}

/// The line a model problem is on: the `n`-th `id = "…"` or `key = "…"`, or a step's `due`.
fn locate_in_model(text: &str, place: &Place) -> usize {
    let assignment = |line: &str, name: &str, value: &str| {
        let trimmed = line.trim_start();
        trimmed.strip_prefix(name).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('=')
                && rest[1..]
                    .trim_start()
                    .trim_end()
                    .trim_start_matches('"')
                    .starts_with(&format!("{value}\""))
        })
    };
    let mut offset = 0;
    let mut seen = 0;
    let mut step_line = None;
    let mut in_step = false;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        match place {
            Place::Step(id, n) | Place::Question(id, n) => {
                let name = if matches!(place, Place::Step(..)) {
                    "id"
                } else {
                    "key"
                };
                if assignment(line, name, id) {
                    if seen == *n {
                        // at the value, where the name is
                        return offset + line.find('"').unwrap_or(indent);
                    }
                    seen += 1;
                }
            }
            Place::Value(value) => {
                if let Some(at) = line.find(&format!("\"{value}\"")) {
                    return offset + at;
                }
            }
            Place::Due(step) => {
                if assignment(line, "id", step) {
                    step_line = Some(offset + indent);
                    in_step = true;
                } else if line.trim_start().starts_with("[[step]]") {
                    in_step = false;
                } else if in_step && line.trim_start().starts_with("due") {
                    return offset + indent;
                }
            }
        }
        offset += line.len();
    }
    match place {
        // A rule inherited from the base model: point at the step, or the top of the file.
        Place::Due(_) => step_line.unwrap_or(0),
        _ => 0,
    }
}

/// Problems in one record: whatever stops it from being read, and what reads but cannot be
/// right (a step the process does not have, an answer of the wrong type, an end before the
/// start). Keys fortb does not know are warnings: they are kept, but may be typos.
///
/// `goals` are the ids of the goals the record may name, when the plans could be read.
pub fn check_record(
    project: &Project,
    models: &mut Models,
    path: &Path,
    goals: Option<&KnownIds>,
) -> Vec<Finding> {
    check_record_and_uid(project, models, path, goals).0
}

/// A record's `uid` as `check` compares it with the others': `None` when it has none, else
/// the uid and where it is written.
pub type WrittenUid = Option<(String, Diagnostic)>;

/// [`check_record`], and the record's `uid` when the record could be read.
pub fn check_record_and_uid(
    project: &Project,
    models: &mut Models,
    path: &Path,
    goals: Option<&KnownIds>,
) -> (Vec<Finding>, Option<WrittenUid>) {
    let text = match read(path) {
        Ok(text) => text,
        Err(finding) => return (vec![*finding], None),
    };
    let process_name = written_process(&text).unwrap_or_else(|| project.default_process());
    // Asked only about a broken line: a sound record costs nothing more than its reading.
    let mut expected = |field: &str| record_field_kind(models.get(process_name).ok(), field);
    let read = recovery::read_every_problem::<Record>(path, &text, &mut expected, REQUIRED);
    let mut findings: Vec<Finding> = read.problems.into_iter().map(Finding::error).collect();
    let Some((record, unknown)) = read.value else {
        // A misspelt key is named even so: `knd` beside "the required field `kind` is missing".
        let unknown = unknown_top_level(&read.readable);
        findings.extend(unknown_key_warnings(
            path,
            &text,
            &read.readable,
            &unknown,
            TOP_LEVEL_KEYS,
        ));
        return (findings, None);
    };
    // Places are looked up in what was read (broken lines blanked), shown from the file.
    let readable = read.readable;
    findings.extend(unknown_key_warnings(
        path,
        &text,
        &readable,
        &unknown,
        TOP_LEVEL_KEYS,
    ));
    if let Some(known) = goals {
        findings.extend(unknown_goals(path, &text, &record, known));
    }
    findings.extend(near_miss_themes(
        path,
        &text,
        &record,
        &project.config.themes,
    ));
    let at = |table: &str, key: &str, problem: Problem| -> Diagnostic {
        let offset = parse::locate_key(&readable, table, key);
        Diagnostic::at_offset(path, &text, offset, problem)
    };
    let uid = written_uid(&record, &at);
    let file = (path, text.as_str(), readable.as_str());
    findings.extend(record_problems(project, models, file, &record, &at));
    in_file_order(&mut findings);
    (findings, Some(uid))
}

/// Where the uid is written, as the finding `repeated_uids` makes if another record has it.
fn written_uid(record: &Record, at: &At) -> WrittenUid {
    let uid = record.uid.as_deref().map(str::trim)?;
    let (uid, other) = (uid.to_string(), std::path::PathBuf::new());
    (!uid.is_empty()).then(|| {
        (
            uid.clone(),
            at("", "uid", Problem::RepeatedUid { uid, other }),
        )
    })
}

/// What is wrong in a record that reads: its dates and schema, its process's steps and
/// answers, the fields its steps copy, repeated entries and a hand-edited survey.
/// `file` is the record's path, its text and its text as read (broken lines blanked).
fn record_problems(
    project: &Project,
    models: &mut Models,
    (path, text, readable): (&Path, &str, &str),
    record: &Record,
    at: &At,
) -> Vec<Finding> {
    let mut findings = schema_and_date_problems(record, at);
    let model = match models.get(project.process_of(record)) {
        Ok(model) => model,
        Err(error) => {
            let problem = Problem::Failed(std::sync::Arc::new(error));
            findings.push(Finding::error(at("", "process", problem)));
            return findings;
        }
    };
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    // A copy that could not be the field's value is reported as a wrong answer, below.
    let written = |field: &str| top_level_value(readable, field).is_some();
    let copies = one_place::copies(record, model, &written);
    for copy in copies
        .iter()
        .filter(|c| one_place::fits(&c.field, &c.in_step))
    {
        let table = format!("steps.{}", copy.step);
        findings.push(copy_finding(copy, id, |problem| {
            at(&table, &copy.key, problem)
        }));
    }
    findings.extend(step_problems(record, model, at));
    findings.extend(repeated_indicators(path, text, record));
    if record.title.trim().is_empty() {
        findings.push(Finding::error(at("", "title", Problem::EmptyTitle)));
    }
    findings.extend(repeated_recalls(path, text, record));
    if let Some(survey) = &record.survey {
        for (table, key, problem) in survey_problems(survey) {
            findings.push(Finding::warning(at(&table, key, problem)));
        }
    }
    findings
}

/// Records that share a `uid` (a file copied to start a new one): their calendar events
/// would replace each other's. Each but the first is warned about, naming the first.
pub fn repeated_uids(uids: &[WrittenUid]) -> Vec<Finding> {
    let mut first: std::collections::HashMap<&str, &Diagnostic> = Default::default();
    let mut findings = Vec::new();
    for (uid, place) in uids.iter().flatten() {
        match first.get(uid.as_str()) {
            Some(other) => findings.push(Finding::warning(Diagnostic {
                problem: Box::new(Problem::RepeatedUid {
                    uid: uid.clone(),
                    other: other.path.clone(),
                }),
                hint: Some(Box::new(Hint::RepeatedUid)),
                ..place.clone()
            })),
            None => {
                first.insert(uid, place);
            }
        }
    }
    findings
}

/// An organiser whose units include two of one name: they are told apart by their folders,
/// but a reader of a table cannot tell which is which without the folder beside the name.
pub fn same_unit_names(project: &Project) -> Vec<Finding> {
    if project.config.organisation.units.is_empty() {
        return Vec::new();
    }
    let scope = crate::record::units::Scope::gather(vec![project.clone()]);
    let path = project.config_path();
    let text = parse::read_text(&path).unwrap_or_default();
    let offset = parse::locate_key(&text, "organisation", "units");
    scope
        .same_names()
        .into_iter()
        .map(|(name, folders)| {
            let problem = Problem::SameUnitName { name, folders };
            Finding::warning(Diagnostic::at_offset(&path, &text, offset, problem))
        })
        .collect()
}

/// Finds the place of `key` in `table` of the record being checked, with the problem there.
type At<'a> = dyn Fn(&str, &str, Problem) -> Diagnostic + 'a;

/// A schema newer than this fortb reads, or an end before the start.
fn schema_and_date_problems(record: &Record, at: &At) -> Vec<Finding> {
    let mut problems = Vec::new();
    if record.schema > SCHEMA {
        let problem = Problem::NewerSchema {
            found: record.schema,
            supported: SCHEMA,
        };
        problems.push(Finding::error(at("", "schema", problem)));
    }
    if let (Some(start), Some(end)) = (record.start, record.end) {
        if end < start {
            let problem = Problem::EndBeforeStart { start, end };
            problems.push(Finding::error(at("", "end", problem)));
        }
    }
    problems
}

/// Steps the record's process does not have, answers to questions its steps do not ask (a
/// warning, with the nearest key), and answers of the wrong type.
fn step_problems(record: &Record, model: &Model, at: &At) -> Vec<Finding> {
    let mut problems = Vec::new();
    for (step_id, answers) in &record.steps {
        let table = format!("steps.{step_id}");
        let Some(step) = model.steps.iter().find(|s| &s.id == step_id) else {
            let problem = Problem::UnknownStep {
                step: step_id.clone(),
                model: model.name.clone(),
                valid: model.step_ids().iter().map(|id| id.to_string()).collect(),
            };
            problems.push(Finding::error(
                at(&table, "", problem).with_hint(Hint::UnknownStep),
            ));
            continue;
        };
        for (key, value) in &answers.answers {
            match step.question(key) {
                None => {
                    let problem = Problem::UnknownQuestion {
                        key: key.clone(),
                        step: step_id.clone(),
                    };
                    let mut warning = at(&table, key, problem);
                    let keys = step.questions.iter().map(|q| q.key.as_str());
                    if let Some(word) = spelling::closest(key, keys) {
                        let word = word.to_string();
                        warning = warning.with_hint(Hint::DidYouMean { word });
                    }
                    problems.push(Finding::warning(warning));
                }
                Some(question)
                    if question
                        .field
                        .as_ref()
                        .is_some_and(|field| one_place::fits(field, value)) => {} // a copy
                Some(question) => {
                    if let Some(problem) = answer_problem(question, value) {
                        // A value of the wrong type is explained with an example.
                        let field = format!("{table}.{key}");
                        let given = value.to_string();
                        let explained =
                            recovery::explain(&field, &given, Some(answer_kind(question.kind)));
                        problems.push(Finding::error(at(
                            &table,
                            key,
                            explained.unwrap_or(problem),
                        )));
                    }
                }
            }
        }
    }
    problems
}

/// Two indicators of one name: a measurement could not say which it belongs to.
fn repeated_indicators(path: &Path, text: &str, record: &Record) -> Vec<Finding> {
    let mut problems = Vec::new();
    let mut indicator_names = std::collections::HashSet::new();
    for (index, indicator) in record.indicator.iter().enumerate() {
        if !indicator_names.insert(indicator.name.to_lowercase()) {
            problems.push(Finding::error(Diagnostic::at_offset(
                path,
                text,
                parse::locate_entry(text, "indicator", index, Some("name")),
                Problem::DuplicateIndicator {
                    name: indicator.name.clone(),
                },
            )));
        }
    }
    problems
}

/// Two look-backs by one person on one day: most likely one entered twice.
fn repeated_recalls(path: &Path, text: &str, record: &Record) -> Vec<Finding> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, recall) in record.recall.iter().enumerate() {
        if !seen.insert((recall.by.as_str(), recall.date)) {
            problems.push(Finding::warning(Diagnostic::at_offset(
                path,
                text,
                parse::locate_entry(text, "recall", index, None),
                Problem::DuplicateRecall {
                    by: recall.by.clone(),
                    date: recall.date,
                },
            )));
        }
    }
    problems
}

/// A step's copy of a record field: a warning that `check --fix` settles, or an error when
/// the two disagree and a person must say which is right.
fn copy_finding(copy: &StepCopy, id: &str, at: impl FnOnce(Problem) -> Diagnostic) -> Finding {
    let answer = format!("{}.{}", copy.step, copy.key);
    let field = copy.field.clone();
    match &copy.in_field {
        None => Finding::warning(at(Problem::StepCopyToMove { answer, field })),
        Some(_) if copy.settles() => {
            Finding::warning(at(Problem::StepCopySettles { answer, field }))
        }
        Some(in_field) => {
            let hint = Hint::StepCopyDisagrees {
                id: id.to_string(),
                field: field.clone(),
            };
            Finding::error(
                at(Problem::StepCopyDisagrees {
                    answer,
                    field,
                    in_step: copy.in_step.to_string(),
                    in_field: in_field.to_string(),
                })
                .with_hint(hint),
            )
        }
    }
}

/// What in a hand-edited `[survey]` fortb cannot use: each as (table, key, problem).
fn survey_problems(survey: &SurveyResults) -> Vec<(String, &'static str, Problem)> {
    let mut problems = Vec::new();
    if !survey.respondents.is_empty() {
        let count = survey.respondents.len();
        let problem = Problem::SurveyRespondents { count };
        problems.push(("survey".to_string(), "respondents", problem));
    }
    for (key, rating) in &survey.ratings {
        let table = format!("survey.ratings.{key}");
        if !rating.distribution.is_empty() && rating.distribution.len() != 5 {
            let count = rating.distribution.len();
            let problem = Problem::SurveyDistribution { count };
            problems.push((table.clone(), "distribution", problem));
        }
        if let Some(mean) = rating.mean.filter(|mean| !(1.0..=5.0).contains(mean)) {
            problems.push((table, "mean", Problem::SurveyMean { mean }));
        }
    }
    problems
}

/// Why a stored answer does not fit its question, if it does not.
pub fn answer_problem(question: &Question, value: &toml::Value) -> Option<Problem> {
    let expected = match question.kind {
        QuestionType::Text | QuestionType::LongText => value.is_str(),
        QuestionType::YesNo => value.is_bool(),
        QuestionType::Number => match value.as_integer().map(|n| n as f64).or(value.as_float()) {
            Some(number) => return number_problem(question, value, number),
            None => false,
        },
        QuestionType::Date => crate::model::date::Date::from_toml(value).is_some(),
        QuestionType::List => value
            .as_array()
            .is_some_and(|a| a.iter().all(toml::Value::is_str)),
        QuestionType::Choice => match value.as_str() {
            Some(key) => return option_problem(question, [key]),
            None => false,
        },
        QuestionType::MultiChoice => match value.as_array() {
            Some(items) => {
                let texts = items.iter().filter_map(toml::Value::as_str);
                if let Some(problem) = option_problem(question, texts) {
                    return Some(problem);
                }
                items.iter().all(toml::Value::is_str)
            }
            None => false,
        },
    };
    (!expected).then(|| Problem::WrongType {
        key: question.key.clone(),
        kind: question.kind,
    })
}

/// A number below the question's least, or beyond what fortb keeps exactly.
fn number_problem(question: &Question, value: &toml::Value, number: f64) -> Option<Problem> {
    let key = question.key.clone();
    if question.below_min(number) {
        let (given, min) = (value.to_string(), question.min.unwrap_or_default());
        return Some(Problem::BelowMin { key, given, min });
    }
    let given = crate::model::as_written(number);
    (!crate::model::within_limit(number)).then_some(Problem::OutOfRange { key, given })
}

/// The first of `given` that is none of the question's options.
fn option_problem<'a>(
    question: &Question,
    given: impl IntoIterator<Item = &'a str>,
) -> Option<Problem> {
    let options = &question.options;
    let bad = given
        .into_iter()
        .find(|key| !options.iter().any(|o| o.key == *key))?;
    Some(Problem::UnknownOption {
        given: bad.to_string(),
        valid: options.iter().map(|o| o.key.clone()).collect(),
    })
}

pub fn type_key(kind: QuestionType) -> &'static str {
    match kind {
        QuestionType::Text => "text",
        QuestionType::LongText => "long-text",
        QuestionType::Choice => "choice",
        QuestionType::MultiChoice => "multi-choice",
        QuestionType::YesNo => "yes-no",
        QuestionType::Date => "date",
        QuestionType::Number => "number",
        QuestionType::List => "list",
    }
}
