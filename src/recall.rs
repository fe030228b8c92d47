//! Recalled impact: one person's answer to "have we already forgotten?" for one initiative.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::date::Date;
use crate::t;
use crate::vocabulary;

/// How much stuck, 0–4, in the practice's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Score(u8);

impl Score {
    pub const MAX: u8 = 4;

    pub fn new(value: i64) -> Result<Score, String> {
        if (0..=i64::from(Score::MAX)).contains(&value) {
            Ok(Score(value as u8))
        } else {
            Err(t!("recall.score_out_of_range", given = value))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// "stuck", "gjort intryck", …
    pub fn label(self) -> String {
        t!(&format!("scale.{}", self.0))
    }

    pub fn all() -> impl Iterator<Item = Score> {
        (0..=Score::MAX).map(Score)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Score, D::Error> {
        let value = i64::deserialize(deserializer)?;
        Score::new(value).map_err(serde::de::Error::custom)
    }
}

vocabulary! {
    /// Why an initiative stuck: the four reasons of the look-back.
    pub enum Why in "why" {
        Need = "need" | "behov",
        Delivery = "delivery" | "genomforande" | "genomförande" | "forelasare",
        Discussion = "discussion" | "diskussion" | "samtal",
        Practice = "practice" | "ovning" | "övning" | "praktik",
    }
}

vocabulary! {
    /// Whose memory is asked about.
    pub enum Audience in "audience" {
        SelfPersonally = "self" | "jag",
        Leadership = "leadership" | "ledningsgrupp" | "ledningsgruppen",
        Staff = "staff" | "personal" | "personalen" | "kollegiet",
    }
}

/// One `[[recall]]` entry of a record.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Recall {
    pub by: String,
    pub date: Date,
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leadership: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Score>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<Why>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Recall {
    pub fn score(&self, audience: Audience) -> Option<Score> {
        match audience {
            Audience::SelfPersonally => self.self_,
            Audience::Leadership => self.leadership,
            Audience::Staff => self.staff,
        }
    }
}
