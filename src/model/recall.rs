//! Recalled impact: one person's answer to "have we already forgotten?" for one initiative.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::model::ModelError;
use crate::i18n::labels::Labelled;
use crate::model::date::Date;
use crate::model::vocabulary::Vocabulary;
use crate::vocabulary;

/// How much stuck, 0–4, in the practice's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Score(u8);

impl Score {
    pub const MAX: u8 = 4;

    pub fn new(value: i64) -> Result<Score, ModelError> {
        if (0..=i64::from(Score::MAX)).contains(&value) {
            Ok(Score(value as u8))
        } else {
            Err(ModelError::OutOfScale { given: value })
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Score> {
        (0..=Score::MAX).map(Score)
    }
}

/// "stuck", "gjort intryck", …
impl Labelled for Score {
    fn label_key(&self) -> String {
        format!("scale.{}", self.0)
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
        // Swedish "föreläsaren"/"leverans", never the process step's "genomförande"; that
        // word stays accepted because records and habits from earlier versions use it.
        Delivery = "delivery" | "forelasaren" | "föreläsaren" | "forelasare" | "föreläsare"
            | "leverans" | "leveransen" | "genomforande" | "genomförande",
        Discussion = "discussion" | "diskussion" | "samtal",
        Practice = "practice" | "ovning" | "övning" | "praktik",
        Other = "other" | "annat",
    }
}

vocabulary! {
    /// Why an initiative did not stick, or what got in the way of using it: the look-back's
    /// "why not" and the transfer survey's obstacles use the same words.
    pub enum WhyNot in "why_not" {
        Time = "time" | "tid",
        FollowUp = "follow_up" | "follow-up" | "uppfoljning" | "uppföljning",
        Relevance = "relevance" | "relevans",
        OneOff = "one_off" | "one-off" | "engangsinsats" | "engångsinsats",
        Support = "support" | "stod" | "stöd",
        Other = "other" | "annat",
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why_not: Vec<WhyNot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The person named the initiative before seeing any list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unaided: bool,
    /// An interview stopped before every audience was asked: kept, but not counted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub incomplete: bool,
}

impl Recall {
    /// A new, empty entry for `by` on `date`.
    pub fn new(by: &str, date: Date) -> Recall {
        Recall {
            by: by.to_string(),
            date,
            self_: None,
            leadership: None,
            staff: None,
            why: Vec::new(),
            why_not: Vec::new(),
            note: None,
            unaided: false,
            incomplete: false,
        }
    }

    /// Whether any audience got a score.
    pub fn has_scores(&self) -> bool {
        Audience::ALL.iter().any(|a| self.score(*a).is_some())
    }

    /// This entry's values laid over `previous`: what this one leaves out is taken from
    /// `previous`. Also returns the field names so kept, as they are written in the record.
    pub fn over(&self, previous: &Recall) -> (Recall, Vec<&'static str>) {
        let mut kept = Vec::new();
        let mut pick = |given: Option<Score>, before: Option<Score>, key: &'static str| {
            if given.is_none() && before.is_some() {
                kept.push(key);
            }
            given.or(before)
        };
        let self_ = pick(self.self_, previous.self_, "self");
        let leadership = pick(self.leadership, previous.leadership, "leadership");
        let staff = pick(self.staff, previous.staff, "staff");
        let why = if self.why.is_empty() && !previous.why.is_empty() {
            kept.push("why");
            previous.why.clone()
        } else {
            self.why.clone()
        };
        let why_not = if self.why_not.is_empty() && !previous.why_not.is_empty() {
            kept.push("why_not");
            previous.why_not.clone()
        } else {
            self.why_not.clone()
        };
        let note = match (&self.note, &previous.note) {
            (None, Some(before)) => {
                kept.push("note");
                Some(before.clone())
            }
            (given, _) => given.clone(),
        };
        let merged = Recall {
            by: self.by.clone(),
            date: self.date,
            self_,
            leadership,
            staff,
            why,
            why_not,
            note,
            unaided: self.unaided || previous.unaided,
            incomplete: self.incomplete,
        };
        (merged, kept)
    }

    pub fn set_score(&mut self, audience: Audience, score: Option<Score>) {
        match audience {
            Audience::SelfPersonally => self.self_ = score,
            Audience::Leadership => self.leadership = score,
            Audience::Staff => self.staff = score,
        }
    }

    pub fn score(&self, audience: Audience) -> Option<Score> {
        match audience {
            Audience::SelfPersonally => self.self_,
            Audience::Leadership => self.leadership,
            Audience::Staff => self.staff,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_speaker_reason_has_its_own_swedish_words_and_keeps_the_old_one() {
        use crate::model::vocabulary::Vocabulary;
        for word in [
            "delivery",
            "föreläsaren",
            "Föreläsare",
            "leverans",
            "genomförande",
        ] {
            assert_eq!(Why::parse(word), Some(Why::Delivery), "{word}");
        }
    }

    #[test]
    fn scores_outside_the_scale_are_refused() {
        assert!(Score::new(5).is_err());
        assert!(Score::new(-1).is_err());
        assert_eq!(Score::new(4).unwrap().value(), 4);
    }
}
