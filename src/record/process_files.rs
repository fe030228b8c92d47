//! Process-model files: the built-in models (data in `src/processes/`, embedded in the binary)
//! and a project's own `processes/<name>.toml`, loaded on demand, variants merged over their
//! base.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Error, Problem, RecordError, Result};
use crate::model::process::{duplicates, Model, ModelFile, Place};
use crate::record::parse;
use crate::record::project::Project;

/// The built-in models: name and source.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("six-step", include_str!("../processes/six-step.toml")),
    ("tailored", include_str!("../processes/tailored.toml")),
];

/// Problems of a model file as written, before any merging with its base.
/// With the base model of a variant, also what the variant names that the base lacks.
pub fn file_problems(source: &str, models: &mut Models) -> Vec<(Place, Problem)> {
    let Ok(file) = toml::from_str::<ModelFile>(source) else {
        return Vec::new();
    };
    let mut problems: Vec<(Place, Problem)> = duplicates(&file.steps)
        .into_iter()
        .map(|(place, problem)| (place, Problem::Model(problem)))
        .collect();
    let base = file.base.as_deref().and_then(|name| models.get(name).ok());
    if let Some(base) = base {
        for skipped in &file.skip {
            if base.step(skipped).is_none() {
                let problem = Problem::SkipUnknown {
                    step: skipped.clone(),
                    valid: base.step_ids().iter().map(|id| id.to_string()).collect(),
                };
                problems.push((Place::Value(skipped.clone()), problem));
            }
        }
        for step in &file.steps {
            let Some(base_step) = base.steps.iter().find(|s| s.id == step.id) else {
                continue;
            };
            for key in &step.drop_questions {
                if base_step.question(key).is_none() {
                    let problem = Problem::DropUnknown {
                        key: key.clone(),
                        step: step.id.clone(),
                    };
                    problems.push((Place::Value(key.clone()), problem));
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
    /// Built-ins are borrowed from the run's one parsed copy, the project's own are owned.
    loaded: HashMap<String, Cow<'static, Model>>,
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
        self.loaded.get(name).map(|model| &**model)
    }

    fn load(&self, name: &str, chain: &mut Vec<String>) -> Result<Cow<'static, Model>> {
        if chain.iter().any(|n| n == name) {
            chain.push(name.to_string());
            let chain = chain.clone();
            return Err(RecordError::BaseCycle { chain }.into());
        }
        chain.push(name.to_string());
        if let Some(path) = self.project_file(name) {
            let text = parse::read_text(&path)?;
            let file: ModelFile = parse::parse_toml(&path, &text).map_err(Error::invalid)?;
            let base = match &file.base {
                Some(base) if base == name => Some(built_in(base)?),
                Some(base) => Some(self.load(base, chain)?.into_owned()),
                None => None,
            };
            return Ok(Cow::Owned(Model::from_file(name, file, base, Some(path))));
        }
        shared_built_in(name).map(Cow::Borrowed).map_err(|_| {
            let (given, valid) = (name.to_string(), self.names());
            RecordError::UnknownModel { given, valid }.into()
        })
    }

    fn project_file(&self, name: &str) -> Option<PathBuf> {
        if !crate::model::slug::is_valid(name) {
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
    shared_built_in(name).cloned()
}

/// A built-in model by name, parsed on first use and then kept for the rest of the run: an
/// organiser's view reads a hundred units, and parsing the same embedded text for each cost
/// more than reading all their records' dates.
fn shared_built_in(name: &str) -> Result<&'static Model> {
    static PARSED: [OnceLock<Model>; BUILT_IN.len()] = [const { OnceLock::new() }; BUILT_IN.len()];
    let index = BUILT_IN
        .iter()
        .position(|(n, _)| *n == name)
        .ok_or_else(|| RecordError::UnknownModel {
            given: name.to_string(),
            valid: vec!["six-step".to_string(), "tailored".to_string()],
        })?;
    Ok(PARSED[index].get_or_init(|| {
        let (name, source) = BUILT_IN[index];
        let file: ModelFile =
            toml::from_str(source).expect("built-in process models are valid (tested)");
        Model::from_file(name, file, None, None)
    }))
}

/// The source text of a built-in model, for `fortb questions --export`.
pub fn built_in_source(name: &str) -> Option<&'static str> {
    BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::process::model_problems;

    #[test]
    fn built_in_models_load_and_are_consistent() {
        for (name, _) in BUILT_IN {
            let model = built_in(name).unwrap();
            assert!(!model.steps.is_empty(), "{name} has no steps");
            assert_eq!(model_problems(&model), Vec::new(), "{name}");
            let source = BUILT_IN.iter().find(|(n, _)| n == name).unwrap().1;
            let problems = file_problems(source, &mut Models::new(None));
            assert!(problems.is_empty(), "{name}: {problems:?}");
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
