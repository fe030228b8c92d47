//! Process models: the steps an initiative goes through and the questions of each step.
//!
//! The built-in models are data (`src/processes/*.toml`), embedded in the binary. A project can
//! add its own in `processes/<name>.toml`, written from scratch or as a variant of another model
//! (`base = "six-step"`) that skips, rewords or adds steps and questions.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::initiative::{Initiative, DONE_KEY};
use crate::parse;
use crate::project::Project;
use crate::t;

pub const DEFAULT_MODEL: &str = "six-step";

/// The built-in models: name and source.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("six-step", include_str!("processes/six-step.toml")),
    ("tailored", include_str!("processes/tailored.toml")),
];

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
}

/// A step is due a number of days after a date answered in an earlier step (or, when that
/// answer is missing, after the day that step was done).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DueRule {
    pub after: String,
    pub key: Option<String>,
    pub days: u32,
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

    fn matches(&self, given: &str) -> bool {
        let given = given.trim().to_lowercase();
        self.id == given || self.aliases.iter().any(|a| a.to_lowercase() == given)
    }
}

/// A process-model file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    name: Option<String>,
    base: Option<String>,
    title: Option<Text>,
    description: Option<Text>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default, rename = "step")]
    steps: Vec<Step>,
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
                valid = self.step_ids().join(", ")
            ))
        })
    }

    pub fn step_ids(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.id.as_str()).collect()
    }

    /// The first step not marked done; `None` when every step is.
    pub fn current_step(&self, initiative: &Initiative) -> Option<&Step> {
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
            .filter(|q| answers.is_none_or(|a| !a.answers.contains_key(&q.key)))
            .count()
    }

    /// "3/6 concept" style progress, localised.
    pub fn progress_label(&self, initiative: &Initiative) -> String {
        match self.current_step(initiative) {
            Some(step) => step.name(),
            None => t!("process.all_done"),
        }
    }

    fn from_file(
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
                problems.push((place, t!("process.missing_options", key = question.key)));
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
fn duplicates(steps: &[Step]) -> Vec<(Place, String)> {
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

/// Problems of a model file as written, before any merging with its base.
/// With the base model of a variant, also what the variant names that the base lacks.
pub fn file_problems(source: &str, models: &mut Models) -> Vec<(Place, String)> {
    let Ok(file) = toml::from_str::<ModelFile>(source) else {
        return Vec::new();
    };
    let mut problems = duplicates(&file.steps);
    let base = file.base.as_deref().and_then(|name| models.get(name).ok());
    if let Some(base) = base {
        for skipped in &file.skip {
            if base.step(skipped).is_none() {
                problems.push((
                    Place::Value(skipped.clone()),
                    t!(
                        "process.skip_unknown",
                        step = skipped,
                        valid = base.step_ids().join(", ")
                    ),
                ));
            }
        }
        for step in &file.steps {
            let Some(base_step) = base.steps.iter().find(|s| s.id == step.id) else {
                continue;
            };
            for key in &step.drop_questions {
                if base_step.question(key).is_none() {
                    problems.push((
                        Place::Value(key.clone()),
                        t!("process.drop_unknown", key = key, step = step.id),
                    ));
                }
            }
        }
    }
    problems
}

/// The process models a command can use: the built-ins and the project's own, loaded on demand
/// and kept, so a command over many records reads each model once.
pub struct Models {
    dir: Option<PathBuf>,
    loaded: HashMap<String, Model>,
}

impl Models {
    pub fn new(project: Option<&Project>) -> Models {
        Models {
            dir: project.map(Project::processes_dir),
            loaded: HashMap::new(),
        }
    }

    /// The model called `name`: the project's `processes/<name>.toml` if there is one, else the
    /// built-in.
    pub fn get(&mut self, name: &str) -> Result<&Model> {
        if !self.loaded.contains_key(name) {
            let model = self.load(name, &mut Vec::new())?;
            self.loaded.insert(name.to_string(), model);
        }
        Ok(&self.loaded[name])
    }

    /// A model [`Models::get`] has already loaded; for readers that cannot borrow mutably,
    /// such as threads sharing the models.
    pub fn loaded(&self, name: &str) -> Option<&Model> {
        self.loaded.get(name)
    }

    fn load(&self, name: &str, chain: &mut Vec<String>) -> Result<Model> {
        if chain.iter().any(|n| n == name) {
            chain.push(name.to_string());
            return Err(Error::Message(t!(
                "process.base_cycle",
                chain = chain.join(" → ")
            )));
        }
        chain.push(name.to_string());
        if let Some(path) = self.project_file(name) {
            let text = parse::read_text(&path)?;
            let file: ModelFile = parse::parse_toml(&path, &text).map_err(Error::Invalid)?;
            let base = match &file.base {
                Some(base) if base == name => Some(built_in(base)?),
                Some(base) => Some(self.load(base, chain)?),
                None => None,
            };
            return Ok(Model::from_file(name, file, base, Some(path)));
        }
        built_in(name).map_err(|_| {
            Error::Message(t!(
                "process.unknown_model",
                given = name,
                valid = self.names().join(", ")
            ))
        })
    }

    fn project_file(&self, name: &str) -> Option<PathBuf> {
        if !crate::slug::is_valid(name) {
            return None;
        }
        let path = self.dir.as_ref()?.join(format!("{name}.toml"));
        path.is_file().then_some(path)
    }

    /// The names of every model: built-ins first, then the project's own.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        for path in self.project_files() {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                if !names.iter().any(|n| n == stem) {
                    names.push(stem.to_string());
                }
            }
        }
        names
    }

    /// The project's model files, sorted.
    pub fn project_files(&self) -> Vec<PathBuf> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_model_file(p))
            .collect();
        files.sort();
        files
    }
}

fn is_model_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'))
}

/// A built-in model by name.
pub fn built_in(name: &str) -> Result<Model> {
    let (_, source) = BUILT_IN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
        Error::Message(t!(
            "process.unknown_model",
            given = name,
            valid = "six-step, tailored"
        ))
    })?;
    let file: ModelFile =
        toml::from_str(source).expect("built-in process models are valid (tested)");
    Ok(Model::from_file(name, file, None, None))
}

/// The source text of a built-in model, for `fortb questions --export`.
pub fn built_in_source(name: &str) -> Option<&'static str> {
    BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

impl Model {
    /// When `step` is due by its model's timing rule, if it has one and the date it counts from
    /// is known: the answer named by the rule, else the day the earlier step was done.
    pub fn due_date(&self, step: &Step, initiative: &Initiative) -> Option<crate::date::Date> {
        let rule = step.due.as_ref()?;
        let earlier = initiative.step(&rule.after)?;
        let from = rule
            .key
            .as_ref()
            .and_then(|key| earlier.answers.get(key))
            .and_then(crate::date::Date::from_toml)
            .or(earlier.done)?;
        Some(crate::date::Date(
            from.0 + chrono::Days::new(rule.days.into()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_models_load_and_are_consistent() {
        for (name, _) in BUILT_IN {
            let model = built_in(name).unwrap();
            assert!(!model.steps.is_empty(), "{name} has no steps");
            assert_eq!(model_problems(&model), Vec::new(), "{name}");
            assert_eq!(
                file_problems(
                    BUILT_IN.iter().find(|(n, _)| n == name).unwrap().1,
                    &mut Models::new(None)
                ),
                Vec::new()
            );
            for step in &model.steps {
                assert!(step.purpose.is_some(), "{name}/{} has no purpose", step.id);
                for question in &step.questions {
                    for lang in Lang::ALL {
                        assert!(
                            !question.text.get(lang).is_empty(),
                            "{name}/{}/{}",
                            step.id,
                            question.key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn six_step_has_the_documented_steps_and_swedish_aliases() {
        let model = built_in("six-step").unwrap();
        assert_eq!(
            model.step_ids(),
            [
                "need",
                "analysis",
                "concept",
                "production",
                "delivery",
                "follow-up"
            ]
        );
        for (alias, id) in [
            ("behov", "need"),
            ("analys", "analysis"),
            ("koncept", "concept"),
            ("produktion", "production"),
            ("genomforande", "delivery"),
            ("genomförande", "delivery"),
            ("uppfoljning", "follow-up"),
            ("uppföljning", "follow-up"),
        ] {
            assert_eq!(
                model.step(alias).map(|s| s.id.as_str()),
                Some(id),
                "{alias}"
            );
        }
    }

    #[test]
    fn tailored_proposal_is_due_two_weeks_after_the_planning_meeting() {
        let model = built_in("tailored").unwrap();
        assert_eq!(model.steps.len(), 7);
        let due = model.step("proposal").unwrap().due.as_ref().unwrap();
        assert_eq!((due.after.as_str(), due.days), ("planning", 14));
    }

    #[test]
    fn a_variant_skips_rewords_and_adds() {
        let file: ModelFile = toml::from_str(
            r#"
            base = "six-step"
            skip = ["production"]
            [[step]]
            id = "need"
            name = "Behovet"
            drop_questions = ["who_wants"]
            [[step.question]]
            key = "extra"
            type = "text"
            text = "Något mer?"
            [[step]]
            id = "celebrate"
            name = "Fira"
            "#,
        )
        .unwrap();
        let model = Model::from_file("kort", file, Some(built_in("six-step").unwrap()), None);
        assert_eq!(model.name, "kort");
        assert!(model.step("production").is_none());
        let need = model.step("need").unwrap();
        assert_eq!(need.name(), "Behovet");
        assert!(need.question("who_wants").is_none());
        assert!(need.question("extra").is_some());
        assert_eq!(model.steps.last().unwrap().id, "celebrate");
    }
}
