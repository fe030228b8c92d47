//! A fortb project: a folder with `fortb.toml` and `initiatives/`, found like git finds its
//! repository, by walking up from the working directory.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::record::ConfigProblem;
use crate::error::{Error, RecordError, Result};
use crate::i18n::labels::default_beneficiary;
use crate::i18n::Lang;
use crate::model::survey::Thresholds;
use crate::record::parse;

pub const CONFIG_FILE: &str = "fortb.toml";
pub const INITIATIVES_DIR: &str = "initiatives";
pub const PROCESSES_DIR: &str = "processes";
pub const DEFAULT_FOLLOW_UP: [u32; 3] = [30, 90, 180];

/// The keys of `fortb.toml`'s top level.
pub const CONFIG_KEYS: &[&str] = &[
    "name",
    "lang",
    "beneficiary",
    "process",
    "follow_up",
    "git",
    "currency",
    "staff",
    "themes",
    "survey",
    "organisation",
];

/// The settings in `fortb.toml`.
#[derive(Clone, Debug, Deserialize)]
pub struct Config {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "deserialize_lang")]
    pub lang: Option<Lang>,
    /// The word for whoever should finally be better off: "eleverna", "patienten".
    pub beneficiary: Option<String>,
    /// The default process model of new initiatives.
    pub process: Option<String>,
    /// Default follow-ups, in days after an initiative's end.
    #[serde(default = "default_follow_up", deserialize_with = "deserialize_days")]
    pub follow_up: Vec<u32>,
    #[serde(default)]
    pub git: GitSettings,
    /// The currency of records' `cost`; kronor when absent.
    pub currency: Option<String>,
    /// How many staff the unit has: the participants of a whole-staff initiative.
    pub staff: Option<u32>,
    /// The themes the project's initiatives usually have, offered by the need step's
    /// interview and used by `check` to catch a near miss.
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub survey: SurveySettings,
    #[serde(default)]
    pub organisation: Organisation,
}

/// `[organisation]` in `fortb.toml`: an organiser's project lists its units' projects.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Organisation {
    /// Paths of the units' project folders, relative to this project; `*` and `?` match
    /// within one folder name.
    #[serde(default)]
    pub units: Vec<String>,
    /// In a unit's project: the organiser's project folder, whose initiatives shared with
    /// this unit (`units = [...]` in the record) are shown with the unit's own.
    pub organiser: Option<String>,
}

/// `[survey]` in `fortb.toml`: the anonymity thresholds.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(default)]
pub struct SurveySettings {
    #[serde(deserialize_with = "deserialize_threshold")]
    pub min_responses: u32,
    #[serde(deserialize_with = "deserialize_threshold")]
    pub min_responses_text: u32,
    /// Answers the December survey needs before it is shown. It is the principal's evaluation
    /// of the centre's work, answered in a role and named by unit, not a staff survey: one
    /// answer is enough unless a project asks for more.
    #[serde(deserialize_with = "deserialize_at_least_one")]
    pub december_min_responses: u32,
}

impl Default for SurveySettings {
    fn default() -> Self {
        let defaults = Thresholds::default();
        SurveySettings {
            min_responses: defaults.min_responses,
            min_responses_text: defaults.min_responses_text,
            december_min_responses: 1,
        }
    }
}

impl SurveySettings {
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            min_responses: self.min_responses,
            min_responses_text: self.min_responses_text,
        }
    }
}

impl SurveySettings {
    /// The thresholds of the December survey: `december_min_responses` for its ratings and
    /// its free text alike.
    pub fn december_thresholds(&self) -> Thresholds {
        Thresholds {
            min_responses: self.december_min_responses,
            min_responses_text: self.december_min_responses,
        }
    }

    /// The thresholds of the survey round `key`: the December survey's own, else the staff
    /// surveys'.
    pub fn thresholds_of(&self, key: &str) -> Thresholds {
        match crate::model::survey::Round::parse(key) {
            Some(crate::model::survey::Round::December(..)) => self.december_thresholds(),
            _ => self.thresholds(),
        }
    }
}

/// A whole number of respondents, at least one.
fn deserialize_at_least_one<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<u32, D::Error> {
    respondents(deserializer, 1, |given| {
        ConfigProblem::BadDecemberThreshold { given }
    })
}

/// A threshold is a whole number of respondents, at least [`Thresholds::LOWEST`].
fn deserialize_threshold<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<u32, D::Error> {
    respondents(deserializer, Thresholds::LOWEST, |given| {
        ConfigProblem::BadThreshold {
            given,
            lowest: Thresholds::LOWEST,
        }
    })
}

/// A whole number of respondents from `lowest`, or the problem `refused` makes of the value.
fn respondents<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    lowest: u32,
    refused: impl Fn(String) -> ConfigProblem,
) -> std::result::Result<u32, D::Error> {
    let value = toml::Value::deserialize(deserializer)?;
    value
        .as_integer()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n >= lowest)
        .ok_or_else(|| serde::de::Error::custom(refused(value.to_string())))
}

/// `[git]` in `fortb.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GitSettings {
    /// Commit the files each writing command changes.
    #[serde(default)]
    pub commit: bool,
}

fn default_follow_up() -> Vec<u32> {
    DEFAULT_FOLLOW_UP.to_vec()
}

/// The project's follow-ups are days after each initiative's end, never dates.
fn deserialize_days<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<u32>, D::Error> {
    let values = Vec::<toml::Value>::deserialize(deserializer)?;
    values
        .iter()
        .map(|v| {
            v.as_integer()
                .and_then(|d| u32::try_from(d).ok())
                .ok_or_else(|| {
                    serde::de::Error::custom(ConfigProblem::BadFollowUp {
                        given: v.to_string(),
                    })
                })
        })
        .collect()
}

fn deserialize_lang<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<Lang>, D::Error> {
    let text = String::deserialize(deserializer)?;
    match text.as_str() {
        "sv" => Ok(Some(Lang::Sv)),
        "en" => Ok(Some(Lang::En)),
        _ => Err(serde::de::Error::custom(ConfigProblem::BadLang {
            given: text,
        })),
    }
}

#[derive(Clone, Debug)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
}

impl Project {
    /// The project named by `--project`/`FORTB_PROJECT`, else the nearest one above `cwd`.
    pub fn discover(explicit: Option<&Path>) -> Result<Project> {
        let root = find_root(explicit)?;
        Project::open(&root)
    }

    pub fn open(root: &Path) -> Result<Project> {
        let path = if root == Path::new(".") {
            PathBuf::from(CONFIG_FILE)
        } else {
            root.join(CONFIG_FILE)
        };
        let text = parse::read_text(&path)?;
        let config = parse::parse_toml::<Config>(&path, &text).map_err(Error::invalid)?;
        Ok(Project {
            root: root.to_path_buf(),
            config,
        })
    }

    /// A path inside the project; `initiatives/x.toml` rather than `./initiatives/x.toml`
    /// when the project is the working directory, so messages read naturally.
    fn child(&self, name: &str) -> PathBuf {
        if self.root == Path::new(".") {
            PathBuf::from(name)
        } else {
            self.root.join(name)
        }
    }

    pub fn config_path(&self) -> PathBuf {
        self.child(CONFIG_FILE)
    }

    pub fn initiatives_dir(&self) -> PathBuf {
        self.child(INITIATIVES_DIR)
    }

    pub fn processes_dir(&self) -> PathBuf {
        self.child(PROCESSES_DIR)
    }

    pub fn record_path(&self, id: &str) -> PathBuf {
        self.initiatives_dir().join(format!("{id}.toml"))
    }

    /// The files whose settings every record of the project follows: `fortb.toml` and the
    /// project's own process models.
    pub fn settings_files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.config_path()];
        if let Ok(entries) = std::fs::read_dir(self.processes_dir()) {
            let mut models: Vec<PathBuf> = entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "toml"))
                .collect();
            models.sort();
            files.extend(models);
        }
        files
    }

    /// The beneficiary word for questions, in the project's words or the language's default.
    pub fn beneficiary(&self) -> String {
        self.config
            .beneficiary
            .clone()
            .unwrap_or_else(default_beneficiary)
    }

    pub fn default_process(&self) -> &str {
        self.config
            .process
            .as_deref()
            .unwrap_or(crate::model::process::DEFAULT_MODEL)
    }

    /// The process model `record` follows: its own `process`, else the project's default.
    pub fn process_of<'a>(&'a self, record: &'a crate::model::initiative::Record) -> &'a str {
        record
            .process
            .as_deref()
            .unwrap_or_else(|| self.default_process())
    }
}

/// When the file at `path` was last written, in seconds since 1970 (UTC), if it can be read.
pub fn modified_at(path: &Path) -> Option<i64> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(since.as_secs()).ok()
}

/// `path` relative to the working directory when it lies below it, without a leading `./`.
pub fn display_path(path: &Path) -> PathBuf {
    let shown = match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
            .filter(|relative| !relative.as_os_str().is_empty())
            .unwrap_or_else(|| path.to_path_buf()),
    };
    crate::error::with_forward_slashes(&shown)
}

/// The project folder: `explicit` when given (it must hold a `fortb.toml`), else the nearest
/// folder at or above the working directory that does.
pub fn find_root(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        // `--project skolan/fortb.toml` names the project by its settings file.
        if dir.file_name() == Some(CONFIG_FILE.as_ref()) && dir.is_file() {
            let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
            return Ok(parent.unwrap_or(Path::new(".")).to_path_buf());
        }
        if dir.join(CONFIG_FILE).is_dir() {
            let path = dir.join(CONFIG_FILE);
            return Err(RecordError::ConfigIsAFolder { path }.into());
        }
        let dir = dir.to_path_buf();
        return Err(RecordError::NotAProject { dir }.into());
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    // Found by walking up: named relative to the working directory (".", "..", "../.."), so
    // every path fortb prints is short and the same on every machine.
    cwd.ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(CONFIG_FILE).exists())
        .map(|(levels, _)| match levels {
            0 => PathBuf::from("."),
            n => std::iter::repeat_n("..", n).collect(),
        })
        .ok_or_else(|| RecordError::NoProjectFound { dir: cwd.clone() }.into())
}
