//! Process models: the steps an initiative goes through and the questions of each step.
//!
//! A model is data: the built-ins in `src/processes/*.toml`, a project's own in
//! `processes/<name>.toml`, written from scratch or as a variant of another model
//! (`base = "six-step"`) that skips, rewords or adds steps and questions. Loading the files is
//! `record::process_files`; here are the types and the rules a model must keep.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::model::initiative::{Initiative, DONE_KEY};
use crate::t;

pub const DEFAULT_MODEL: &str = "six-step";

/// A text in one or both languages; a plain string serves both.
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    Plain(String),
    Translated {
        en: Option<String>,
        sv: Option<String>,
    },
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Text, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        let text = |v: Option<&toml::Value>| v.and_then(toml::Value::as_str).map(str::to_string);
        match &value {
            toml::Value::String(plain) => Ok(Text::Plain(plain.clone())),
            toml::Value::Table(table)
                if table.keys().all(|k| k == "en" || k == "sv")
                    && table.values().all(toml::Value::is_str)
                    && !table.is_empty() =>
            {
                Ok(Text::Translated {
                    en: text(table.get("en")),
                    sv: text(table.get("sv")),
                })
            }
            _ => Err(serde::de::Error::custom(t!("process.bad_text"))),
        }
    }
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Translated { en, sv } => {
                let (first, second) = match lang {
                    Lang::Sv => (sv, en),
                    Lang::En => (en, sv),
                };
                first.as_deref().or(second.as_deref()).unwrap_or("")
            }
        }
    }

    /// In the current language, with `{beneficiary}` filled in.
    pub fn render(&self, beneficiary: &str) -> String {
        i18n::fill(self.get(i18n::current()), &[("beneficiary", &beneficiary)])
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    Text,
    LongText,
    Choice,
    MultiChoice,
    YesNo,
    Date,
    Number,
    List,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub key: String,
    pub en: Option<String>,
    pub sv: Option<String>,
    pub label: Option<String>,
}

impl Choice {
    pub fn label(&self) -> &str {
        let preferred = match i18n::current() {
            Lang::Sv => self.sv.as_ref().or(self.en.as_ref()),
            Lang::En => self.en.as_ref().or(self.sv.as_ref()),
        };
        preferred.or(self.label.as_ref()).unwrap_or(&self.key)
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub text: Text,
    pub help: Option<Text>,
    #[serde(default)]
    pub options: Vec<Choice>,
    /// The smallest answer a `number` question accepts (`min = 1` for a count of sessions).
    pub min: Option<f64>,
    /// The record's own field that holds the answer (`sessions`, `whole_staff`, `start`,
    /// `end`), so a fact that `fortb new` also sets is stored once, not in the step too.
    pub field: Option<String>,
}

/// The record fields a question may stand for, with the type its answer must have.
pub const ANSWER_FIELDS: &[(&str, QuestionType)] = &[
    ("start", QuestionType::Date),
    ("end", QuestionType::Date),
    ("sessions", QuestionType::Number),
    ("whole_staff", QuestionType::YesNo),
];

impl Question {
    /// The answer the initiative holds: in the record's own field when the question stands
    /// for one, else in the step's table.
    pub fn current_answer(&self, initiative: &Initiative, step: &str) -> Option<toml::Value> {
        match self.field.as_deref() {
            // `whole_staff` absent reads as false: a record cannot tell "no" from "not asked",
            // so only a yes counts as an answer.
            Some("whole_staff") if !initiative.record.whole_staff => None,
            Some(field) => field_value(&initiative.record, field),
            None => initiative
                .step(step)
                .and_then(|answers| answers.answers.get(&self.key))
                .cloned(),
        }
    }
}

/// A top-level field of the record as a TOML value, `None` when it is not set (`whole_staff`
/// absent is `false`, which is what it means).
pub fn field_value(record: &crate::model::initiative::Record, field: &str) -> Option<toml::Value> {
    match field {
        "start" => record.start.map(|date| date.to_toml()),
        "end" => record.end.map(|date| date.to_toml()),
        "sessions" => record.sessions.map(|n| toml::Value::Integer(i64::from(n))),
        "whole_staff" => Some(toml::Value::Boolean(record.whole_staff)),
        _ => None,
    }
}

impl Question {
    /// Whether `number` is below the question's `min`.
    pub fn below_min(&self, number: f64) -> bool {
        self.min.is_some_and(|min| number < min)
    }
}

/// A step is due a number of days after a date answered in an earlier step (or, when that
/// answer is missing, after the day that step was done).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DueRule {
    pub after: String,
    pub key: Option<String>,
    pub days: u32,
    /// A date question of this step whose answer meets the deadline, though the step stays
    /// open: the centre's proposal arrived, the principal's approval may come later.
    pub met_by: Option<String>,
    /// Whom the deadline waits for: "förslaget från centrum".
    pub waiting: Option<Text>,
    /// Once met, whom the open step waits for next: "rektors godkännande".
    pub then: Option<Text>,
    /// A deadline for `then`, in days after the date that met the first one; none when absent.
    pub then_days: Option<u32>,
}

/// Where an open step with a timing rule stands: by when, and whom it waits for.
#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub date: Option<crate::model::date::Date>,
    pub waiting: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub name: Option<Text>,
    pub purpose: Option<Text>,
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
    /// In a variant: questions of the base step to leave out.
    #[serde(default)]
    pub drop_questions: Vec<String>,
    pub due: Option<DueRule>,
}

impl Step {
    pub fn name(&self) -> String {
        self.name
            .as_ref()
            .map(|n| n.get(i18n::current()).to_string())
            .unwrap_or_else(|| self.id.clone())
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// The step's name as a person types it in the current language (`analys`), which
    /// [`Model::step`] accepts; the id when the name is more than one word.
    pub fn word(&self) -> String {
        let name = self.name().to_lowercase();
        if !name.contains(char::is_whitespace) && self.matches(&name) {
            name
        } else {
            self.id.clone()
        }
    }

    /// Its id, an alias, or its name in either language.
    fn matches(&self, given: &str) -> bool {
        let given = given.trim().to_lowercase();
        let names: &[&Option<String>] = match &self.name {
            Some(Text::Translated { en, sv }) => &[en, sv],
            _ => &[],
        };
        self.id == given
            || self.aliases.iter().any(|a| a.to_lowercase() == given)
            || names
                .iter()
                .filter_map(|name| name.as_deref())
                .any(|name| name.to_lowercase() == given)
    }
}

/// A process-model file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub name: Option<String>,
    pub base: Option<String>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    #[serde(default)]
    pub skip: Vec<String>,
    #[serde(default, rename = "step")]
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub name: String,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub steps: Vec<Step>,
    /// Where a project's model came from; `None` for a built-in.
    pub source: Option<PathBuf>,
}

impl Model {
    pub fn title(&self) -> String {
        self.title
            .as_ref()
            .map(|t| t.get(i18n::current()).to_string())
            .unwrap_or_else(|| self.name.clone())
    }

    /// The step with this id or alias (Swedish names are aliases).
    pub fn step(&self, given: &str) -> Option<&Step> {
        self.steps.iter().find(|step| step.matches(given))
    }

    /// The step of `given`, or an error listing the steps of this model.
    pub fn step_or_explain(&self, given: &str) -> Result<&Step> {
        self.step(given).ok_or_else(|| {
            Error::Message(t!(
                "process.unknown_step",
                given = given,
                model = self.name,
                valid = self
                    .steps
                    .iter()
                    .map(Step::word)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }

    pub fn step_ids(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.id.as_str()).collect()
    }

    /// The first step not marked done; `None` when every step is, or when the need was met
    /// without training (the later steps are not waited for).
    pub fn current_step(&self, initiative: &Initiative) -> Option<&Step> {
        if initiative.record.not_training() {
            return None;
        }
        self.steps.iter().find(|s| !initiative.step_done(&s.id))
    }

    pub fn steps_done(&self, initiative: &Initiative) -> usize {
        self.steps
            .iter()
            .filter(|s| initiative.step_done(&s.id))
            .count()
    }

    /// Questions of `step` with no answer in the initiative.
    pub fn unanswered(&self, initiative: &Initiative, step: &Step) -> usize {
        let answers = initiative.step(&step.id);
        step.questions
            .iter()
            .filter(|q| match &q.field {
                Some(_) => q.current_answer(initiative, &step.id).is_none(),
                None => answers.is_none_or(|a| !a.answers.contains_key(&q.key)),
            })
            .count()
    }

    /// "3/6 concept" style progress, localised.
    pub fn progress_label(&self, initiative: &Initiative) -> String {
        match self.current_step(initiative) {
            Some(step) => step.name(),
            None => t!("process.all_done"),
        }
    }

    /// A model from its file, over its base model when the file is a variant.
    pub fn from_file(
        name: &str,
        file: ModelFile,
        base: Option<Model>,
        source: Option<PathBuf>,
    ) -> Model {
        let mut model = base.unwrap_or(Model {
            name: name.to_string(),
            title: None,
            description: None,
            steps: Vec::new(),
            source: None,
        });
        model.name = file.name.unwrap_or_else(|| name.to_string());
        model.source = source;
        if file.title.is_some() {
            model.title = file.title;
        }
        if file.description.is_some() {
            model.description = file.description;
        }
        model
            .steps
            .retain(|step| !file.skip.iter().any(|skipped| step.matches(skipped)));
        for step in file.steps {
            match model.steps.iter_mut().find(|s| s.id == step.id) {
                Some(existing) => existing.apply_variant(step),
                None => model.steps.push(step),
            }
        }
        model
    }
}

impl Step {
    /// Rewords this step with what a variant says of it.
    fn apply_variant(&mut self, variant: Step) {
        if variant.name.is_some() {
            self.name = variant.name;
        }
        if variant.purpose.is_some() {
            self.purpose = variant.purpose;
        }
        if variant.due.is_some() {
            self.due = variant.due;
        }
        self.aliases.extend(variant.aliases);
        self.questions
            .retain(|q| !variant.drop_questions.contains(&q.key));
        for question in variant.questions {
            match self.questions.iter_mut().find(|q| q.key == question.key) {
                Some(existing) => *existing = question,
                None => self.questions.push(question),
            }
        }
    }
}

/// Where in a model file a problem is, for `fortb check` to find the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The `n`-th (0-based) `id = "<id>"` of a step.
    Step(String, usize),
    /// The `n`-th (0-based) `key = "<key>"` of a question.
    Question(String, usize),
    /// The `due` rule of a step (or the step, when the rule comes from the base model).
    Due(String),
    /// The first place a quoted value is written.
    Value(String),
}

/// Every problem in a model's definition that `fortb check` reports (beyond TOML errors).
pub fn model_problems(model: &Model) -> Vec<(Place, String)> {
    let mut problems = Vec::new();
    for step in &model.steps {
        for question in &step.questions {
            let place = Place::Question(question.key.clone(), 0);
            if question.key == DONE_KEY {
                problems.push((place.clone(), t!("process.reserved_key", key = DONE_KEY)));
            }
            let needs_options = matches!(
                question.kind,
                QuestionType::Choice | QuestionType::MultiChoice
            );
            if needs_options && question.options.is_empty() {
                problems.push((
                    place.clone(),
                    t!("process.missing_options", key = question.key),
                ));
            }
            if let Some(field) = &question.field {
                let fits = ANSWER_FIELDS
                    .iter()
                    .any(|(name, kind)| name == field && *kind == question.kind);
                if !fits {
                    let valid: Vec<&str> = ANSWER_FIELDS.iter().map(|(name, _)| *name).collect();
                    problems.push((
                        place,
                        t!(
                            "process.bad_answer_field",
                            key = question.key,
                            field = field,
                            valid = valid.join(", ")
                        ),
                    ));
                }
            }
        }
        if let Some(due) = &step.due {
            let after = model.step(&due.after);
            let key_missing = due
                .key
                .as_ref()
                .is_some_and(|key| after.is_some_and(|a| a.question(key).is_none()));
            if key_missing {
                problems.push((
                    Place::Due(step.id.clone()),
                    t!(
                        "process.due_unknown_key",
                        step = step.id,
                        after = due.after,
                        key = due.key.clone().unwrap_or_default()
                    ),
                ));
            }
            if let Some(met_by) = due.met_by.as_ref().filter(|k| step.question(k).is_none()) {
                problems.push((
                    Place::Due(step.id.clone()),
                    t!("process.due_unknown_met_by", step = step.id, key = met_by),
                ));
            }
            if after.is_none() {
                problems.push((
                    Place::Due(step.id.clone()),
                    t!(
                        "process.due_unknown_step",
                        step = step.id,
                        after = due.after
                    ),
                ));
            }
        }
    }
    problems.extend(duplicates(&model.steps));
    problems
}

/// Steps or questions defined twice. Run on a file as written too, since a variant's merge
/// would quietly keep only the last of two.
pub fn duplicates(steps: &[Step]) -> Vec<(Place, String)> {
    let mut problems = Vec::new();
    let mut step_seen: HashMap<&str, usize> = HashMap::new();
    let mut key_seen: HashMap<&str, usize> = HashMap::new();
    for step in steps {
        let n = step_seen.entry(step.id.as_str()).or_default();
        if *n > 0 {
            problems.push((
                Place::Step(step.id.clone(), *n),
                t!("process.duplicate_step", step = step.id),
            ));
        }
        *n += 1;
        let mut in_step = std::collections::HashSet::new();
        for question in &step.questions {
            let occurrence = key_seen.entry(question.key.as_str()).or_default();
            if !in_step.insert(question.key.as_str()) {
                problems.push((
                    Place::Question(question.key.clone(), *occurrence),
                    t!(
                        "process.duplicate_question",
                        key = question.key,
                        step = step.id
                    ),
                ));
            }
            *occurrence += 1;
        }
    }
    problems
}

impl Model {
    /// The deadline of `step` while it is open: the rule's date and party until its `met_by`
    /// answer is given, then the next party, with a date only when the rule gives one.
    pub fn deadline(&self, step: &Step, initiative: &Initiative) -> Option<Deadline> {
        let rule = step.due.as_ref()?;
        let party = |text: &Option<Text>| text.as_ref().map(|t| t.get(i18n::current()).to_string());
        let met = rule
            .met_by
            .as_ref()
            .and_then(|key| step.question(key))
            .and_then(|question| question.current_answer(initiative, &step.id))
            .as_ref()
            .and_then(crate::model::date::Date::from_toml);
        match met {
            None => Some(Deadline {
                date: Some(self.due_date(step, initiative)?),
                waiting: party(&rule.waiting),
            }),
            Some(met) => {
                let date = rule.then_days.map(|days| met.plus_days(days));
                let waiting = party(&rule.then);
                (date.is_some() || waiting.is_some()).then_some(Deadline { date, waiting })
            }
        }
    }

    /// When `step` is due by its model's timing rule, if it has one and the date it counts from
    /// is known: the answer named by the rule, else the day the earlier step was done.
    pub fn due_date(
        &self,
        step: &Step,
        initiative: &Initiative,
    ) -> Option<crate::model::date::Date> {
        let rule = step.due.as_ref()?;
        let earlier = initiative.step(&rule.after)?;
        let after = self.step(&rule.after);
        let from = rule
            .key
            .as_ref()
            .and_then(|key| after?.question(key))
            .and_then(|question| question.current_answer(initiative, &rule.after))
            .as_ref()
            .and_then(crate::model::date::Date::from_toml)
            .or(earlier.done)?;
        Some(from.plus_days(rule.days))
    }
}
