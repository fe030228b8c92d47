//! Everything `fortb check` finds wrong in a project's files, each tied to a place. The command
//! prints; this module only finds.

use std::path::Path;

use crate::error::{Diagnostic, Error};
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
use crate::t;

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
            let hint = hint.map_or_else(
                || t!("check.unknown_key_hint"),
                |word| t!("field_check.did_you_mean", key = word),
            );
            Finding::warning(
                Diagnostic::at_offset(path, text, offset, t!("check.unknown_key", key = key))
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
    let at = |index: usize, key: &str, message: String| {
        let offset = parse::locate_entry(&text, "goal", index, Some(key));
        Finding::error(Diagnostic::at_offset(&path, &text, offset, message))
    };
    for (index, goal) in plan.goals.iter().enumerate() {
        if goal.id.trim().is_empty() {
            findings.push(at(index, "id", t!("plan.empty_id")));
        }
        if goal.title.trim().is_empty() {
            findings.push(at(index, "title", t!("plan.empty_title", id = goal.id)));
        }
    }
    for (index, id) in plan.duplicate_ids() {
        findings.push(at(index, "id", t!("plan.duplicate_id", id = id)));
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
        let keys = ("plan.unknown_goal", "plan.unknown_goal_hint");
        ("goals", id, &known.goals, keys)
    });
    let learning = learning.map(|id| {
        let keys = (
            "plan.unknown_learning_goal",
            "plan.unknown_learning_goal_hint",
        );
        ("learning_goals", id, &known.learning, keys)
    });
    goals
        .chain(learning)
        .map(|(key, id, valid, (unknown, hint))| {
            let message = if known.goals.is_empty() {
                t!("plan.goal_without_plan", id = id)
            } else {
                t!(unknown, id = id, valid = valid.join(", "))
            };
            let offset = parse::locate_key(text, "", key);
            Finding::error(Diagnostic::at_offset(path, text, offset, message).with_hint(t!(hint)))
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
            let message = t!("check.theme_near_miss", given = given, meant = meant);
            Some(Finding::warning(Diagnostic::at_offset(
                path, text, offset, message,
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
                for problem in process::model_problems(model) {
                    if !problems.iter().any(|(_, message)| *message == problem.1) {
                        problems.push(problem);
                    }
                }
                for (place, message) in problems {
                    let offset = locate_in_model(&text, &place);
                    findings.push(Finding::error(Diagnostic::at_offset(
                        &path, &text, offset, message,
                    )));
                }
            }
            Err(Error::Invalid(diagnostic)) => findings.push(Finding::error(diagnostic)),
            Err(other) => findings.push(Finding::error(Diagnostic::at_offset(
                &path,
                &text,
                0,
                other.to_string(),
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
    let at = |table: &str, key: &str, message: String| -> Diagnostic {
        Diagnostic::at_offset(
            path,
            &text,
            parse::locate_key(&readable, table, key),
            message,
        )
    };
    findings.extend(schema_and_date_problems(&record, &at));
    let uid = record
        .uid
        .as_deref()
        .map(str::trim)
        .filter(|uid| !uid.is_empty())
        .map(|uid| (uid.to_string(), at("", "uid", String::new())));
    let process_name = project.process_of(&record);
    let model = match models.get(process_name) {
        Ok(model) => model,
        Err(error) => {
            findings.push(Finding::error(at("", "process", error.to_string())));
            return (findings, Some(uid));
        }
    };
    let written = |field: &str| top_level_value(&readable, field).is_some();
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    // A copy that could not be the field's value is reported as a wrong answer, below.
    let copies = one_place::copies(&record, model, &written);
    for copy in copies
        .iter()
        .filter(|c| one_place::fits(&c.field, &c.in_step))
    {
        let table = format!("steps.{}", copy.step);
        findings.push(copy_finding(copy, id, at(&table, &copy.key, String::new())));
    }
    findings.extend(step_problems(&record, model, &at));
    findings.extend(repeated_indicators(path, &text, &record));
    if record.title.trim().is_empty() {
        findings.push(Finding::error(at("", "title", t!("new.empty_title"))));
    }
    findings.extend(repeated_recalls(path, &text, &record));
    if let Some(survey) = &record.survey {
        for (table, key, message) in survey_problems(survey) {
            findings.push(Finding::warning(at(&table, key, message)));
        }
    }
    in_file_order(&mut findings);
    (findings, Some(uid))
}

/// Records that share a `uid` (a file copied to start a new one): their calendar events
/// would replace each other's. Each but the first is warned about, naming the first.
pub fn repeated_uids(uids: &[WrittenUid]) -> Vec<Finding> {
    let mut first: std::collections::HashMap<&str, &Diagnostic> = Default::default();
    let mut findings = Vec::new();
    for (uid, place) in uids.iter().flatten() {
        match first.get(uid.as_str()) {
            Some(other) => findings.push(Finding::warning(Diagnostic {
                message: t!(
                    "check.repeated_uid",
                    uid = uid,
                    other = crate::error::with_forward_slashes(&other.path).display()
                ),
                hint: Some(t!("check.repeated_uid_hint")),
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
        .map(|(name, keys)| {
            let message = t!(
                "check.same_unit_name",
                name = name,
                folders = keys.join(", ")
            );
            Finding::warning(Diagnostic::at_offset(&path, &text, offset, message))
        })
        .collect()
}

/// Finds the place of `key` in `table` of the record being checked, with `message` to show
/// there.
type At<'a> = dyn Fn(&str, &str, String) -> Diagnostic + 'a;

/// A schema newer than this fortb reads, or an end before the start.
fn schema_and_date_problems(record: &Record, at: &At) -> Vec<Finding> {
    let mut problems = Vec::new();
    if record.schema > SCHEMA {
        problems.push(Finding::error(at(
            "",
            "schema",
            t!(
                "record.newer_schema_short",
                found = record.schema,
                supported = SCHEMA
            ),
        )));
    }
    if let (Some(start), Some(end)) = (record.start, record.end) {
        if end < start {
            problems.push(Finding::error(at(
                "",
                "end",
                t!("new.end_before_start", start = start, end = end),
            )));
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
            problems.push(Finding::error(
                at(
                    &table,
                    "",
                    t!(
                        "check.unknown_step",
                        step = step_id,
                        model = model.name,
                        valid = model.step_ids().join(", ")
                    ),
                )
                .with_hint(t!("check.unknown_step_hint")),
            ));
            continue;
        };
        for (key, value) in &answers.answers {
            match step.question(key) {
                None => {
                    let mut warning = at(
                        &table,
                        key,
                        t!("check.unknown_question", key = key, step = step_id),
                    );
                    let keys = step.questions.iter().map(|q| q.key.as_str());
                    if let Some(word) = spelling::closest(key, keys) {
                        warning = warning.with_hint(t!("field_check.did_you_mean", key = word));
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
                t!("check.duplicate_indicator", name = indicator.name),
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
                t!("check.duplicate_recall", by = recall.by, date = recall.date),
            )));
        }
    }
    problems
}

/// A step's copy of a record field: a warning that `check --fix` settles, or an error when
/// the two disagree and a person must say which is right.
fn copy_finding(copy: &StepCopy, id: &str, place: Diagnostic) -> Finding {
    let answer = format!("{}.{}", copy.step, copy.key);
    match &copy.in_field {
        None => Finding::warning(Diagnostic {
            message: t!("one_place.move", answer = answer, field = copy.field),
            ..place
        }),
        Some(_) if copy.settles() => Finding::warning(Diagnostic {
            message: t!("one_place.copy", answer = answer, field = copy.field),
            ..place
        }),
        Some(in_field) => Finding::error(
            Diagnostic {
                message: t!(
                    "one_place.disagree",
                    answer = answer,
                    field = copy.field,
                    in_step = copy.in_step,
                    in_field = in_field
                ),
                ..place
            }
            .with_hint(t!("one_place.disagree_hint", id = id, field = copy.field)),
        ),
    }
}

/// What in a hand-edited `[survey]` fortb cannot use: each as (table, key, message).
fn survey_problems(survey: &SurveyResults) -> Vec<(String, &'static str, String)> {
    let mut problems = Vec::new();
    if !survey.respondents.is_empty() {
        problems.push((
            "survey".to_string(),
            "respondents",
            t!("check.survey_respondents", count = survey.respondents.len()),
        ));
    }
    for (key, rating) in &survey.ratings {
        let table = format!("survey.ratings.{key}");
        if !rating.distribution.is_empty() && rating.distribution.len() != 5 {
            problems.push((
                table.clone(),
                "distribution",
                t!(
                    "check.survey_distribution",
                    count = rating.distribution.len()
                ),
            ));
        }
        if let Some(mean) = rating.mean.filter(|mean| !(1.0..=5.0).contains(mean)) {
            problems.push((table, "mean", t!("check.survey_mean", mean = mean)));
        }
    }
    problems
}

/// Why a stored answer does not fit its question, if it does not.
pub fn answer_problem(question: &Question, value: &toml::Value) -> Option<String> {
    let option_ok = |key: &str| question.options.iter().any(|o| o.key == key);
    let valid_options = || {
        question
            .options
            .iter()
            .map(|o| o.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let expected = match question.kind {
        QuestionType::Text | QuestionType::LongText => value.is_str(),
        QuestionType::YesNo => value.is_bool(),
        QuestionType::Number => match value.as_integer().map(|n| n as f64).or(value.as_float()) {
            Some(number) if question.below_min(number) => {
                return Some(t!(
                    "check.below_min",
                    key = question.key,
                    given = value,
                    min = question.min.unwrap_or_default()
                ))
            }
            Some(number) if !crate::model::within_limit(number) => {
                let given = crate::model::as_written(number);
                return Some(t!("check.out_of_range", key = question.key, given = given));
            }
            Some(_) => true,
            None => false,
        },
        QuestionType::Date => crate::model::date::Date::from_toml(value).is_some(),
        QuestionType::List => value
            .as_array()
            .is_some_and(|a| a.iter().all(toml::Value::is_str)),
        QuestionType::Choice => match value.as_str() {
            Some(key) if !option_ok(key) => {
                return Some(t!(
                    "check.unknown_option",
                    given = key,
                    valid = valid_options()
                ))
            }
            Some(_) => true,
            None => false,
        },
        QuestionType::MultiChoice => match value.as_array() {
            Some(items) => {
                if let Some(bad) = items
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .find(|k| !option_ok(k))
                {
                    return Some(t!(
                        "check.unknown_option",
                        given = bad,
                        valid = valid_options()
                    ));
                }
                items.iter().all(toml::Value::is_str)
            }
            None => false,
        },
    };
    (!expected).then(|| {
        t!(
            "check.wrong_type",
            key = question.key,
            expected = t!(&format!("question_type.{}", type_key(question.kind)))
        )
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
