//! The words for [`RecordError`], and for the [`Problem`]s and [`Hint`]s of diagnostics.

use crate::cli::error::diagnostic;
use crate::cli::error::megabytes;
use crate::error::record::shown_field;
use crate::error::record::{Form, ValueName, ValueProblem};
use crate::error::{with_forward_slashes, Hint, Problem, RecordError};
use crate::i18n::labels::Labelled;
use crate::model::vocabulary::Vocabulary;
use crate::record::project::display_path;
use crate::record::validate::type_key;
use crate::t;

pub fn message(error: &RecordError) -> String {
    match error {
        RecordError::RefuseBroken(found) => t!("record.refuse_broken", problem = diagnostic(found)),
        RecordError::RefuseBrokenFile(found) => {
            t!("record.refuse_broken_file", problem = diagnostic(found))
        }
        RecordError::UnreadableChange {
            path,
            problem: found,
        } => t!(
            "record.refuse_unreadable_change",
            path = path.display(),
            problem = problem(found)
        ),
        RecordError::UndoFailed { error, stuck } => t!(
            "rename.undo_failed",
            reason = super::message(error),
            paths = stuck.join(", ")
        ),
        RecordError::EmptyUnitPath => t!("unit.empty_path"),
        RecordError::UnitIsOrganiser { path } => t!("unit.is_organiser", path = path),
        RecordError::UnitNotAProject { path } => t!("unit.not_a_project", path = path),
        RecordError::UnitIsAFile { path } => t!("unit.a_file", path = path),
        RecordError::UnitHasUnits { path } => t!("unit.has_units", path = path),
        RecordError::OrganisationNotTable => t!("unit.organisation_not_table"),
        RecordError::RequiredField { field } => t!("set.required", field = field.label()),
        RecordError::BadValue { name, problem } => bad_value(name, problem),
        RecordError::EmptyTitle => t!("new.empty_title"),
        RecordError::TitleTooLong { chars, limit } => {
            t!("new.title_too_long", chars = chars, limit = limit)
        }
        RecordError::EndBeforeStart { start, end } => {
            t!("new.end_before_start", start = start, end = end)
        }
        RecordError::Plan(error) => super::plan::message(error),
        RecordError::File(error) => super::file::message(error),
        other => project_message(other),
    }
}

/// The errors of finding a project, its records and its process models.
fn project_message(error: &RecordError) -> String {
    match error {
        RecordError::UnknownId { given, nearest } => match nearest.as_slice() {
            [] => t!("id.unknown", given = given),
            [one] => t!("id.unknown_one", given = given, candidate = one),
            _ => t!(
                "id.unknown_near",
                given = given,
                candidates = nearest.join(", ")
            ),
        },
        RecordError::AmbiguousId { given, candidates } => t!(
            "id.ambiguous",
            given = given,
            candidates = candidates.join(", ")
        ),
        RecordError::NewerSchema {
            path,
            found,
            supported,
        } => t!(
            "record.newer_schema",
            path = path.display(),
            found = found,
            supported = supported
        ),
        RecordError::SameId { id } => t!("rename.same_id", id = id),
        RecordError::IdTaken { id, path } => {
            t!("rename.taken", id = id, path = display_path(path).display())
        }
        RecordError::ConfigIsAFolder { path } => {
            t!("project.config_is_a_folder", path = path.display())
        }
        RecordError::NotAProject { dir } => t!("project.not_a_project", dir = dir.display()),
        RecordError::NoProjectFound { dir } => t!("project.none_found", dir = dir.display()),
        RecordError::BaseCycle { chain } => t!("process.base_cycle", chain = chain.join(" → ")),
        RecordError::UnknownModel { given, valid } => t!(
            "process.unknown_model",
            given = given,
            valid = valid.join(", ")
        ),
        RecordError::NoOrganiser => t!("december.no_organiser"),
        RecordError::WhichUnit { valid } => t!("december.which_unit", valid = valid.join(", ")),
        RecordError::UnknownUnit {
            given,
            nearest,
            valid,
        } => t!(
            "units.unknown",
            given = given,
            did_you_mean = nearest
                .as_ref()
                .map_or_else(String::new, |word| t!("set.did_you_mean", word = word)),
            valid = valid.join(", ")
        ),
        // The rest are phrased by `message`.
        other => unreachable!("{other:?} is phrased by message"),
    }
}

/// A date typed as `key=given` that is no day in the calendar, in the words `fortb check` has
/// for the same date in a file (the example as it is typed on the command line).
pub fn no_such_date(shown: &str, key: &str, given: &str) -> String {
    t!(
        form_key(Form::Date),
        field = shown,
        given = format!("\"{given}\""),
        example = format!("{key}=2025-09-01")
    )
}

/// `field: why`, for a value typed on the command line.
fn bad_value(name: &ValueName, problem: &ValueProblem) -> String {
    let (shown, key) = match name {
        ValueName::Field(field) => (field.label(), field.key().to_string()),
        ValueName::Key(key) => (key.clone(), key.clone()),
    };
    let why = match problem {
        ValueProblem::NoSuchDate { given } => return no_such_date(&shown, &key, given),
        ValueProblem::NotADate { given } => t!("date.invalid_value", given = given),
        ValueProblem::NotACount { given } => t!("set.not_a_count", given = given),
        ValueProblem::NotYesNo { given } => t!("answer.not_yes_no", given = given),
        ValueProblem::NotAWord(explained) => explained.clone(),
    };
    format!("{shown}: {why}")
}

/// Whether `error` is about a value given on the command line (exit status 2).
pub fn is_usage(error: &RecordError) -> bool {
    match error {
        RecordError::Plan(error) => super::plan::is_usage(error),
        RecordError::File(error) => super::file::is_usage(error),
        _ => matches!(
            error,
            RecordError::EmptyUnitPath
                | RecordError::RequiredField { .. }
                | RecordError::BadValue { .. }
                | RecordError::SameId { .. }
                | RecordError::WhichUnit { .. }
                | RecordError::UnknownUnit { .. }
        ),
    }
}

/// The message of a diagnostic.
pub fn problem(problem: &Problem) -> String {
    match problem {
        Problem::Reader(text) => reader(text),
        Problem::NotUtf8 => t!("file.not_utf8"),
        Problem::IsDirectory => t!("file.is_dir"),
        Problem::NotRegular => t!("file.not_regular"),
        Problem::TooLarge { size, limit } => t!(
            "file.too_large",
            size = megabytes(*size),
            limit = megabytes(*limit)
        ),
        Problem::ConflictMarker => t!("file.conflict_marker"),
        Problem::Unreadable { path, error } => {
            let message = super::message(error);
            let prefix = format!("{}: ", with_forward_slashes(path).display());
            message
                .strip_prefix(&prefix)
                .unwrap_or(&message)
                .to_string()
        }
        Problem::Failed(error) => super::message(error),
        Problem::MissingField { field } => t!("reader.missing_field", field = field),
        Problem::InField {
            field,
            problem: inner,
        } => in_field(field, self::problem(inner)),
        Problem::WrongForm {
            form,
            field,
            given,
            example,
        } => t!(
            form_key(*form),
            field = field,
            given = given,
            example = example
        ),
        Problem::Model(problem) => problem.to_string(),
        Problem::WithoutRecord { id, record } => t!(
            "check.without_record",
            id = id,
            record = display_path(record).display()
        ),
        Problem::NoUnitFolder => t!("units.no_folder"),
        Problem::NoUnitConfig => t!("units.no_config"),
        finding => check_finding(finding),
    }
}

/// The message of what `fortb check` finds in a file that reads.
fn check_finding(problem: &Problem) -> String {
    match problem {
        Problem::UnknownKey { key } => t!("check.unknown_key", key = key),
        Problem::EmptyTitle => t!("new.empty_title"),
        Problem::EndBeforeStart { start, end } => {
            t!("new.end_before_start", start = start, end = end)
        }
        Problem::NewerSchema { found, supported } => t!(
            "record.newer_schema_short",
            found = found,
            supported = supported
        ),
        Problem::ThemeNearMiss { given, meant } => {
            t!("check.theme_near_miss", given = given, meant = meant)
        }
        Problem::RepeatedUid { uid, other } => t!(
            "check.repeated_uid",
            uid = uid,
            other = with_forward_slashes(other).display()
        ),
        Problem::SameUnitName { name, folders } => t!(
            "check.same_unit_name",
            name = name,
            folders = folders.join(", ")
        ),
        Problem::UnknownStep { step, model, valid } => t!(
            "check.unknown_step",
            step = step,
            model = model,
            valid = valid.join(", ")
        ),
        Problem::UnknownQuestion { key, step } => {
            t!("check.unknown_question", key = key, step = step)
        }
        Problem::DuplicateIndicator { name } => t!("check.duplicate_indicator", name = name),
        Problem::DuplicateRecall { by, date } => {
            t!("check.duplicate_recall", by = by, date = date)
        }
        Problem::SurveyRespondents { count } => t!("check.survey_respondents", count = count),
        Problem::SurveyDistribution { count } => {
            t!("check.survey_distribution", count = count)
        }
        Problem::SurveyMean { mean } => t!("check.survey_mean", mean = mean),
        other => answer_finding(other),
    }
}

/// Why a stored answer does not fit its question.
fn answer_finding(problem: &Problem) -> String {
    match problem {
        Problem::BelowMin { key, given, min } => {
            t!("check.below_min", key = key, given = given, min = min)
        }
        Problem::OutOfRange { key, given } => t!("check.out_of_range", key = key, given = given),
        Problem::SkipUnknown { step, valid } => t!(
            "process.skip_unknown",
            step = step,
            valid = valid.join(", ")
        ),
        Problem::DropUnknown { key, step } => t!("process.drop_unknown", key = key, step = step),
        Problem::UnknownOption { given, valid } => t!(
            "check.unknown_option",
            given = given,
            valid = valid.join(", ")
        ),
        Problem::WrongType { key, kind } => t!(
            "check.wrong_type",
            key = key,
            expected = t!(&format!("question_type.{}", type_key(*kind)))
        ),
        other => plan_or_copy_finding(other),
    }
}

/// The findings about a record's goals and its steps' copies of its fields.
fn plan_or_copy_finding(problem: &Problem) -> String {
    match problem {
        Problem::EmptyGoalId => t!("plan.empty_id"),
        Problem::EmptyGoalTitle { id } => t!("plan.empty_title", id = id),
        Problem::DuplicateGoalId { id } => t!("plan.duplicate_id", id = id),
        Problem::GoalWithoutPlan { id } => t!("plan.goal_without_plan", id = id),
        Problem::UnknownGoal { id, valid } => {
            t!("plan.unknown_goal", id = id, valid = valid.join(", "))
        }
        Problem::UnknownLearningGoal { id, valid } => {
            t!(
                "plan.unknown_learning_goal",
                id = id,
                valid = valid.join(", ")
            )
        }
        Problem::StepCopyToMove { answer, field } => {
            t!("one_place.move", answer = answer, field = field)
        }
        Problem::StepCopySettles { answer, field } => {
            t!("one_place.copy", answer = answer, field = field)
        }
        Problem::StepCopyDisagrees {
            answer,
            field,
            in_step,
            in_field,
        } => t!(
            "one_place.disagree",
            answer = answer,
            field = field,
            in_step = in_step,
            in_field = in_field
        ),
        // Every other problem is phrased by `problem` or `check_finding`.
        other => unreachable!("{other:?} is phrased by problem or check_finding"),
    }
}

fn form_key(form: Form) -> &'static str {
    match form {
        Form::DateForm => "field_check.not_date_form",
        Form::Count => "field_check.not_count",
        Form::Number => "field_check.not_number",
        Form::Date => "field_check.not_date",
        Form::YesNo => "field_check.not_yes_no",
        Form::TextNotList => "field_check.not_text_but_list",
        Form::Text => "field_check.not_text",
        Form::List => "field_check.not_list",
    }
}

/// The message, led by the field it is about unless it names the field already (`unknown
/// kind "party"`).
fn in_field(field: &str, message: String) -> String {
    let key = field.rsplit('.').next().unwrap_or(field);
    let named = message
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| word == key);
    match named {
        true => message,
        false => format!("{}: {message}", shown_field(field)),
    }
}

pub fn hint(hint: &Hint) -> String {
    match hint {
        Hint::ConflictMarker => t!("file.conflict_hint"),
        Hint::UnknownKey => t!("check.unknown_key_hint"),
        Hint::DidYouMean { word } => t!("field_check.did_you_mean", key = word),
        Hint::UnknownGoal => t!("plan.unknown_goal_hint"),
        Hint::UnknownLearningGoal => t!("plan.unknown_learning_goal_hint"),
        Hint::RepeatedUid => t!("check.repeated_uid_hint"),
        Hint::UnknownStep => t!("check.unknown_step_hint"),
        Hint::StepCopyDisagrees { id, field } => {
            t!("one_place.disagree_hint", id = id, field = field)
        }
    }
}

/// The TOML reader and serde speak English; their common messages are put in the user's
/// language, the rest passed on as they are.
fn reader(message: &str) -> String {
    let between_backticks = |text: &str| text.split('`').nth(1).map(str::to_string);
    let words = |phrase: &str| -> String {
        let phrase = phrase.trim();
        // serde names a table it expects by the program's type ("struct Organisation").
        let phrase = match phrase.starts_with("struct ") {
            true => "a map",
            false => phrase,
        };
        let (kind, value) = phrase.split_once(' ').unwrap_or((phrase, ""));
        let key = format!("reader_words.{}", phrase.replace(' ', "_"));
        let kind_key = format!("reader_words.{kind}");
        let catalogue = crate::i18n::catalogue(crate::i18n::current());
        match (catalogue.get(&key), catalogue.get(&kind_key)) {
            (Some(whole), _) => whole.to_string(),
            (None, Some(kind)) if !value.is_empty() => {
                // "integer `99999999999999999999` as i128": the value is between backticks
                let value = between_backticks(value).unwrap_or_else(|| value.to_string());
                format!("{kind} {value}")
            }
            _ => phrase.to_string(),
        }
    };
    let flat = message.replace('\n', " ");
    if flat.trim().is_empty() {
        // The reader sometimes has no words for what it expected (`staff =` with no value).
        return t!("reader.invalid_toml");
    }
    if let Some(field) = flat
        .strip_prefix("missing field")
        .and_then(between_backticks)
    {
        return t!("reader.missing_field", field = field);
    }
    if let Some(key) = flat
        .strip_prefix("duplicate key")
        .and_then(between_backticks)
    {
        return t!("reader.duplicate_key", key = key);
    }
    if let Some((found, expected)) = flat
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        return t!(
            "reader.invalid_type",
            found = words(found),
            expected = words(expected)
        );
    }
    if let Some(rest) = flat.strip_prefix("unknown field ") {
        return unknown_field(rest);
    }
    if let Some(rest) = flat.strip_prefix("unknown variant ") {
        return t!("reader.unknown_value", detail = rest);
    }
    syntax_message(&flat).unwrap_or(flat)
}

/// serde's "unknown field `kee`, expected one of `key`, `type`" in the user's language,
/// with the field most likely meant.
fn unknown_field(rest: &str) -> String {
    let mut quoted = rest.split('`').skip(1).step_by(2);
    let given = quoted.next().unwrap_or_default();
    let valid: Vec<&str> = quoted.collect();
    let mut message = t!(
        "reader.unknown_field",
        key = given,
        valid = valid.join(", ")
    );
    if let Some(meant) = crate::model::spelling::closest(given, valid.iter().copied()) {
        message = format!("{message}; {}", t!("field_check.did_you_mean", key = meant));
    }
    message
}

/// The TOML reader's syntax errors, "<problem>, expected <what>, <what>", in the user's
/// language when the problem is one the catalogue knows (`reader_syntax`); the things
/// expected are translated where they are words (`reader_expected`) and kept where they
/// are characters such as `]`.
fn syntax_message(flat: &str) -> Option<String> {
    let catalogue = crate::i18n::catalogue(crate::i18n::current());
    let (problem, expected) = match flat.split_once(", expected ") {
        Some((problem, expected)) => (problem, Some(expected)),
        None => (flat, None),
    };
    let problem = catalogue.get(&format!(
        "reader_syntax.{}",
        problem.trim().replace(' ', "_")
    ))?;
    Some(match expected {
        None => problem.to_string(),
        Some(expected) => {
            let expected: Vec<String> = expected
                .split(", ")
                .map(|item| {
                    let key = format!("reader_expected.{}", item.trim().replace(' ', "_"));
                    catalogue.get(&key).unwrap_or(item).to_string()
                })
                .collect();
            t!(
                "reader.syntax",
                problem = problem,
                expected = expected.join(", ")
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::record::parse::parse_toml;

    #[test]
    fn a_missing_value_still_gets_a_message() {
        let diagnostic =
            parse_toml::<toml::Table>(Path::new("x.toml"), "self = 1\nstaff =\n").unwrap_err();
        assert_eq!((diagnostic.line, diagnostic.column), (2, 8));
        assert!(!super::problem(&diagnostic.problem).trim().is_empty());
    }
}
