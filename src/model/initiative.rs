//! An initiative (insats) as read from its record, `initiatives/<id>.toml`.
//!
//! This is the read model: read-only commands deserialize into it with `toml` + serde. Writes
//! go through `document.rs`, which edits the file in place so comments and unknown keys survive.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::cost::{Cost, Hours};
use crate::model::date::Date;
use crate::model::indicator::Indicator;
use crate::model::material::Material;
use crate::model::recall::Recall;
use crate::model::survey::SurveyResults;
use crate::model::unit::Unit;
use crate::model::vocabulary::{Kind, Learning, Outcome};

/// The record format version this fortb reads and writes.
pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, Deserialize)]
pub struct Record {
    #[serde(default = "default_schema")]
    pub schema: u32,
    pub title: String,
    pub kind: Kind,
    pub learning: Option<Learning>,
    pub process: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub sessions: Option<u32>,
    pub owner: Option<String>,
    pub audience: Option<String>,
    #[serde(default)]
    pub whole_staff: bool,
    /// What the initiative cost, in the project's currency.
    pub cost: Option<Cost>,
    /// Hours each participant spent on it.
    pub hours: Option<Hours>,
    /// How many took part; when absent and `whole_staff`, the unit's staff count.
    pub participants: Option<u32>,
    /// In an organiser's project: the units (paths as in `[organisation] units`) that share
    /// this initiative.
    #[serde(default)]
    pub units: Vec<String>,
    /// The ids of the plan's development goals (`plan.toml`) this initiative serves.
    #[serde(default)]
    pub goals: Vec<String>,
    /// The ids of the plan's learning goals this initiative serves (`formativ.1`, or the short
    /// name the plan gives one).
    #[serde(default, rename = "learning_goals")]
    pub learning_goal_ids: Vec<String>,
    /// What the initiative is about, across kinds: "formativ bedömning", "NPF", "läsning".
    #[serde(default)]
    pub themes: Vec<String>,
    /// How the need and analysis steps ended when they ended without training.
    pub outcome: Option<Outcome>,
    /// Planned follow-ups: days after the end, or dates; the project's default when absent.
    pub follow_up: Option<Vec<FollowUp>>,
    /// The record's lasting identity, made once by `new` (or `migrate`) and kept by `rename`:
    /// what its calendar events are known by, whatever its id and dates become.
    pub uid: Option<String>,
    #[serde(default, deserialize_with = "deserialize_steps")]
    pub steps: Steps,
    /// Books, films and pages the initiative used, for those who plan the next one.
    #[serde(default)]
    pub material: Vec<Material>,
    #[serde(default)]
    pub indicator: Vec<Indicator>,
    pub survey: Option<SurveyResults>,
    #[serde(default)]
    pub recall: Vec<Recall>,
}

/// A planned follow-up: so many days after the initiative ends, or on a given date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUp {
    DaysAfterEnd(u32),
    On(Date),
}

impl<'de> Deserialize<'de> for FollowUp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        if let Some(days) = value.as_integer().and_then(|d| u32::try_from(d).ok()) {
            return Ok(FollowUp::DaysAfterEnd(days));
        }
        Date::from_toml(&value).map(FollowUp::On).ok_or_else(|| {
            serde::de::Error::custom(crate::error::model::ModelError::NotAFollowUp {
                given: value.to_string(),
            })
        })
    }
}

fn default_schema() -> u32 {
    SCHEMA
}

/// The fields every record must have: the ones [`Record`] has without a default.
pub const REQUIRED: &[&str] = &["title", "kind"];

/// The keys of a record's top level, in the order fortb writes them.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "schema",
    "title",
    "kind",
    "learning",
    "process",
    "start",
    "end",
    "sessions",
    "owner",
    "audience",
    "whole_staff",
    "cost",
    "hours",
    "participants",
    "units",
    "goals",
    "learning_goals",
    "themes",
    "outcome",
    "follow_up",
    "uid",
    "steps",
    "material",
    "indicator",
    "survey",
    "recall",
];

/// The answers given in one process step, plus the date it was marked done.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepAnswers {
    pub done: Option<Date>,
    pub answers: BTreeMap<String, toml::Value>,
}

/// The `[steps]` table: each step's answers by step id, in id order. A short sorted vector
/// rather than a map: a record has a handful of steps, a project holds thousands of records,
/// and an empty map node costs more memory than the whole of a record's steps here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steps(Vec<(String, StepAnswers)>);

impl Steps {
    pub fn get(&self, step: &str) -> Option<&StepAnswers> {
        self.position(step).ok().map(|index| &self.0[index].1)
    }

    /// Sets a step's answers, replacing any it had.
    pub fn insert(&mut self, step: String, answers: StepAnswers) {
        match self.position(&step) {
            Ok(index) => self.0[index].1 = answers,
            Err(index) => self.0.insert(index, (step, answers)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &StepAnswers)> {
        self.0.iter().map(|(step, answers)| (step, answers))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(step, _)| step)
    }

    pub fn values(&self) -> impl Iterator<Item = &StepAnswers> {
        self.0.iter().map(|(_, answers)| answers)
    }

    fn position(&self, step: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(id, _)| id.as_str().cmp(step))
    }
}

impl std::ops::Index<&str> for Steps {
    type Output = StepAnswers;
    fn index(&self, step: &str) -> &StepAnswers {
        self.get(step)
            .unwrap_or_else(|| panic!("no step {step} in the record"))
    }
}

impl<'a> IntoIterator for &'a Steps {
    type Item = (&'a String, &'a StepAnswers);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, StepAnswers)>,
        fn(&'a (String, StepAnswers)) -> (&'a String, &'a StepAnswers),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(step, answers)| (step, answers))
    }
}

/// Where a record's learning goals are written, as (step, question key): the concept step's,
/// or the tailored routine's planning goals.
pub const LEARNING_GOALS: [(&str, &str); 2] =
    [("concept", "learning_goals"), ("planning", "goals")];

/// An initiative counts as spread over time when it runs at least this many days.
pub const SPREAD_DAYS: i64 = 7;

/// The reserved key of a step table that holds its completion date.
pub const DONE_KEY: &str = "done";

/// Which step answers a command needs. Answers are most of what a record holds, so a command
/// over thousands of records reads only those it shows, and skips the rest while parsing.
#[derive(Clone, Copy, Debug, Default)]
pub enum Answers {
    #[default]
    All,
    None,
    /// These (step, question key) pairs only.
    Only(&'static [(&'static str, &'static str)]),
    /// Which questions are answered, with every answer but the texts: a text that is not a
    /// date is kept as an empty text. For commands that count answers and date from
    /// them (`status`) but show no text answer: texts are most of a record.
    Given,
    /// The answers that are dates (a due rule counts from one), and these (step, question
    /// key) pairs as [`Answers::Given`] keeps them, whatever they hold: for `due`, which asks
    /// of answers only when things fall due. Every other answer is left out altogether.
    Dated(&'static [(&'static str, &'static str)]),
}

impl Answers {
    fn keeps(self, step: &str, key: &str) -> bool {
        match self {
            Answers::All | Answers::Given | Answers::Dated(_) => true,
            Answers::None => false,
            Answers::Only(pairs) => pairs.iter().any(|(s, k)| *s == step && *k == key),
        }
    }

    /// Runs `read` (on this thread) keeping only these answers of the records it parses.
    pub fn reading<T>(self, read: impl FnOnce() -> T) -> T {
        let before = KEPT_ANSWERS.with(|kept| kept.replace(self));
        let result = read();
        KEPT_ANSWERS.with(|kept| kept.set(before));
        result
    }
}

thread_local! {
    /// What `Answers::reading` asked for; everything, unless a command said otherwise.
    static KEPT_ANSWERS: std::cell::Cell<Answers> = const { std::cell::Cell::new(Answers::All) };
}

/// The `[steps]` table: each step's answers, read with knowledge of which step they are.
fn deserialize_steps<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Steps, D::Error> {
    struct StepsVisitor;
    impl<'de> Visitor<'de> for StepsVisitor {
        type Value = Steps;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table of steps")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut steps = Steps::default();
            while let Some(step) = map.next_key::<String>()? {
                let answers = map.next_value_seed(StepSeed(&step))?;
                steps.insert(step, answers);
            }
            Ok(steps)
        }
    }
    deserializer.deserialize_map(StepsVisitor)
}

/// Reads one step's table, keeping the answers the command needs and the completion date.
struct StepSeed<'a>(&'a str);

impl<'de> serde::de::DeserializeSeed<'de> for StepSeed<'_> {
    type Value = StepAnswers;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<StepAnswers, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for StepSeed<'_> {
    type Value = StepAnswers;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of answers")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StepAnswers, A::Error> {
        let kept = KEPT_ANSWERS.with(std::cell::Cell::get);
        let mut step = StepAnswers::default();
        while let Some(key) = map.next_key_seed(Key)? {
            if key == DONE_KEY {
                step.done = Some(map.next_value()?);
            } else if kept.keeps(self.0, &key) {
                let value = match kept {
                    Answers::Given => Some(map.next_value_seed(GivenAnswer)?),
                    Answers::Dated(named) if named.contains(&(self.0, &*key)) => {
                        Some(map.next_value_seed(GivenAnswer)?)
                    }
                    Answers::Dated(_) => map.next_value_seed(DateAnswer)?,
                    _ => Some(map.next_value()?),
                };
                if let Some(value) = value {
                    step.answers.insert(key.into_owned(), value);
                }
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(step)
    }
}

/// A key of a step's table, borrowed from the record's text where the reader can lend it:
/// most keys name an answer the command leaves out, and a string of its own for each cost
/// more than reading it.
struct Key;

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = std::borrow::Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(key))
    }
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(key.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(key))
    }
}

/// An answer [`Answers::Dated`] keeps when it is a date, as a due rule reads it
/// ([`Date::from_toml`]); `None`, with nothing made, when it is anything else.
struct DateAnswer;

impl<'de> serde::de::DeserializeSeed<'de> for DateAnswer {
    type Value = Option<toml::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DateAnswer {
    type Value = Option<toml::Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Date::parse(text).map(|_| toml::Value::String(text.to_string())))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    /// A date as `toml` hands it over, or a table.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = toml::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Date::from_toml(&value).map(|_| value))
    }
}

/// An answer as [`Answers::Given`] keeps it: an empty text in place of a text that is not a
/// date (a date may be written as text, and a due rule may count from it), in a list too,
/// which keeps its length (whether goals were set is asked of it). The texts it drops are
/// never made: they are most of a record.
struct GivenAnswer;

impl<'de> serde::de::DeserializeSeed<'de> for GivenAnswer {
    type Value = toml::Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<toml::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GivenAnswer {
    type Value = toml::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<toml::Value, E> {
        let kept = match Date::parse(text) {
            Some(_) => text.to_string(),
            None => String::new(),
        };
        Ok(toml::Value::String(kept))
    }
    fn visit_bool<E: serde::de::Error>(self, yes: bool) -> Result<toml::Value, E> {
        Ok(toml::Value::Boolean(yes))
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<toml::Value, E> {
        Ok(toml::Value::Integer(n))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<toml::Value, E> {
        Ok(toml::Value::Float(n))
    }
    /// A number no `toml::Value` holds: refused as reading one refuses it.
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<toml::Value, E> {
        toml::Value::deserialize(serde::de::value::U64Deserializer::new(n))
    }
    fn visit_i128<E: serde::de::Error>(self, n: i128) -> Result<toml::Value, E> {
        toml::Value::deserialize(serde::de::value::I128Deserializer::new(n))
    }
    fn visit_u128<E: serde::de::Error>(self, n: u128) -> Result<toml::Value, E> {
        toml::Value::deserialize(serde::de::value::U128Deserializer::new(n))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<toml::Value, A::Error> {
        let mut list = Vec::new();
        while let Some(value) = seq.next_element_seed(GivenAnswer)? {
            list.push(value);
        }
        Ok(toml::Value::Array(list))
    }
    /// A table or a date, kept whole as `toml::Value` reads it.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<toml::Value, A::Error> {
        toml::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }
}

/// A record together with where it lives.
#[derive(Clone, Debug)]
pub struct Initiative {
    pub id: String,
    pub path: PathBuf,
    pub record: Record,
    /// The unit it is shown under when several projects are read together; `None` when a
    /// project is read on its own.
    pub unit: Option<Unit>,
}

impl Record {
    /// Whether the need and analysis steps decided that the need is met without training.
    pub fn not_training(&self) -> bool {
        self.outcome == Some(Outcome::NotTraining)
    }

    /// Whether the record names `theme`, in any case.
    pub fn has_theme(&self, theme: &str) -> bool {
        let wanted = theme.trim().to_lowercase();
        self.themes
            .iter()
            .any(|t| t.trim().to_lowercase() == wanted)
    }
}

impl Initiative {
    /// What the record's calendar events are known by: its `uid`, or its id where it has none
    /// (a record written by hand or before `uid` existed), which `migrate` then writes down.
    pub fn calendar_key(&self) -> &str {
        self.record
            .uid
            .as_deref()
            .map(str::trim)
            .filter(|uid| !uid.is_empty())
            .unwrap_or(&self.id)
    }

    pub fn step(&self, step: &str) -> Option<&StepAnswers> {
        self.record.steps.get(step)
    }

    pub fn step_done(&self, step: &str) -> bool {
        self.step(step).is_some_and(|s| s.done.is_some())
    }

    /// The learning goals: the concept step's, or the tailored routine's planning goals.
    pub fn learning_goals(&self) -> Vec<String> {
        LEARNING_GOALS
            .iter()
            .find_map(|(step, key)| {
                self.step(step)
                    .and_then(|s| s.answers.get(*key))
                    .and_then(toml::Value::as_array)
                    .filter(|goals| !goals.is_empty())
            })
            .map(|goals| {
                goals
                    .iter()
                    .filter_map(|g| g.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether the analysis concluded that the need is met without training: the mix it
    /// names (information, a change in how work is organised) has no training in it.
    pub fn analysis_without_training(&self) -> bool {
        let mix = self
            .step("analysis")
            .and_then(|s| s.answers.get("mix"))
            .and_then(toml::Value::as_array);
        mix.is_some_and(|mix| {
            !mix.is_empty() && !mix.iter().any(|m| m.as_str() == Some("training"))
        })
    }

    /// One-off (a single day or session, or a few days in a row) as opposed to spread over
    /// time: spread means more than one session over at least a week.
    pub fn is_one_off(&self) -> bool {
        let span_days = match (self.record.start, self.record.end) {
            (Some(start), Some(end)) => Some((end.0 - start.0).num_days()),
            _ => None,
        };
        match (self.record.sessions, span_days) {
            (Some(sessions), _) if sessions <= 1 => true,
            (_, Some(days)) => days < SPREAD_DAYS,
            (Some(_), None) => false,
            (None, None) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_fields_are_exactly_those_without_a_default() {
        let value = |field: &str| match field {
            "title" => "\"x\"",
            _ => "\"other\"",
        };
        let with = |fields: &[&str]| -> String {
            fields
                .iter()
                .map(|f| format!("{f} = {}\n", value(f)))
                .collect()
        };
        assert!(toml::from_str::<Record>(&with(REQUIRED)).is_ok());
        for left_out in REQUIRED {
            let others: Vec<&str> = REQUIRED.iter().copied().filter(|f| f != left_out).collect();
            assert!(
                toml::from_str::<Record>(&with(&others)).is_err(),
                "{left_out}"
            );
        }
    }

    #[test]
    fn steps_stay_in_id_order_whatever_the_order_given() {
        let done = |day: &str| StepAnswers {
            done: Date::parse(day),
            answers: BTreeMap::new(),
        };
        let mut steps = Steps::default();
        steps.insert("need".into(), done("2025-01-01"));
        steps.insert("analysis".into(), done("2025-01-02"));
        steps.insert("follow-up".into(), done("2025-01-03"));
        steps.insert("need".into(), done("2025-02-01"));
        let keys: Vec<&str> = steps.keys().map(String::as_str).collect();
        assert_eq!(keys, ["analysis", "follow-up", "need"]);
        assert_eq!(steps["need"].done, Date::parse("2025-02-01"));
        assert!(steps.get("concept").is_none());
        assert_eq!(steps.iter().count(), steps.values().count());
    }

    const TEXT: &str = "title = \"x\"\nkind = \"other\"\n[steps.need]\nwhy = \"a\"\ngoal = \"b\"\ndone = 2025-01-01\n[steps.follow-up]\ngoals_reached = \"yes\"\n";

    fn read(answers: Answers) -> Record {
        answers.reading(|| toml::from_str(TEXT).unwrap())
    }

    #[test]
    fn a_command_reads_only_the_answers_it_needs() {
        let all = read(Answers::All);
        assert_eq!(all.steps["need"].answers.len(), 2);
        let none = read(Answers::None);
        assert!(none.steps.values().all(|s| s.answers.is_empty()));
        // the completion date is always read
        assert!(none.steps["need"].done.is_some());
        let only = read(Answers::Only(&[("follow-up", "goals_reached")]));
        assert!(only.steps["need"].answers.is_empty());
        assert_eq!(only.steps["follow-up"].answers.len(), 1);
        let given = read(Answers::Given);
        assert_eq!(given.steps["need"].answers["why"], toml::Value::from(""));
        assert_eq!(given.steps["need"].answers.len(), 2);
        let dated = "title = \"x\"\nkind = \"other\"\n[steps.need]\non = \"2025-03-01\"\nday = 2025-03-02\nyes = true\nn = 3\nlist = [\"a\"]\n";
        let facts: Record = Answers::Given.reading(|| toml::from_str(dated).unwrap());
        let kept = &facts.steps["need"].answers;
        assert_eq!(Date::from_toml(&kept["on"]), Date::parse("2025-03-01"));
        assert_eq!(Date::from_toml(&kept["day"]), Date::parse("2025-03-02"));
        assert_eq!(kept["yes"].as_bool(), Some(true));
        assert_eq!(kept["n"].as_integer(), Some(3));
        assert_eq!(
            kept["list"],
            toml::Value::Array(vec![toml::Value::from("")])
        );
        // `due` keeps the dates and the answers it names, and no other text, number, yes or
        // no, or list
        let with_text = format!("{dated}why = \"because\"\n");
        let named = &[("need", "list")];
        let facts: Record = Answers::Dated(named).reading(|| toml::from_str(&with_text).unwrap());
        let kept = &facts.steps["need"].answers;
        let mut keys: Vec<&str> = kept.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["day", "list", "on"]);
        assert_eq!(Date::from_toml(&kept["on"]), Date::parse("2025-03-01"));
        assert_eq!(Date::from_toml(&kept["day"]), Date::parse("2025-03-02"));
        assert_eq!(
            kept["list"],
            toml::Value::Array(vec![toml::Value::from("")])
        );
        // and the thread reads everything again afterwards
        assert_eq!(
            toml::from_str::<Record>(TEXT).unwrap().steps["need"]
                .answers
                .len(),
            2
        );
    }
}
