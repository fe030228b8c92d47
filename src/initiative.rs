//! An initiative (insats) as read from its record, `initiatives/<id>.toml`.
//!
//! This is the read model: read-only commands deserialize into it with `toml` + serde. Writes
//! go through `document.rs`, which edits the file in place so comments and unknown keys survive.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::date::Date;
use crate::indicator::Indicator;
use crate::recall::Recall;
use crate::survey::SurveyResults;
use crate::vocabulary::{Kind, Learning};

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
    /// Planned follow-ups: days after the end, or dates; the project's default when absent.
    pub follow_up: Option<Vec<FollowUp>>,
    #[serde(default)]
    pub steps: BTreeMap<String, StepAnswers>,
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
            serde::de::Error::custom(crate::t!("record.bad_follow_up", given = value))
        })
    }
}

fn default_schema() -> u32 {
    SCHEMA
}

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
    "follow_up",
    "steps",
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

/// An initiative counts as spread over time when it runs at least this many days.
pub const SPREAD_DAYS: i64 = 7;

/// The reserved key of a step table that holds its completion date.
pub const DONE_KEY: &str = "done";

impl<'de> Deserialize<'de> for StepAnswers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StepVisitor;
        impl<'de> Visitor<'de> for StepVisitor {
            type Value = StepAnswers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StepAnswers, A::Error> {
                let mut step = StepAnswers::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == DONE_KEY {
                        step.done = Some(map.next_value()?);
                    } else {
                        let value = map.next_value()?;
                        step.answers.insert(key, value);
                    }
                }
                Ok(step)
            }
        }
        deserializer.deserialize_map(StepVisitor)
    }
}

/// A record together with where it lives.
#[derive(Clone, Debug)]
pub struct Initiative {
    pub id: String,
    pub path: PathBuf,
    pub record: Record,
}

impl Initiative {
    pub fn step(&self, step: &str) -> Option<&StepAnswers> {
        self.record.steps.get(step)
    }

    pub fn step_done(&self, step: &str) -> bool {
        self.step(step).is_some_and(|s| s.done.is_some())
    }

    /// The learning goals: the concept step's, or the tailored routine's planning goals.
    pub fn learning_goals(&self) -> Vec<String> {
        [("concept", "learning_goals"), ("planning", "goals")]
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
