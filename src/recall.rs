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
        Delivery = "delivery" | "genomforande" | "genomförande" | "forelasare" | "föreläsare",
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
            note,
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

/// The order of a recall entry's keys in the record.
const KEY_ORDER: &[&str] = &["by", "date", "self", "leadership", "staff", "why", "note"];

/// Writes one person's recall: their entry of the same date is updated in place (keeping its
/// comments), otherwise a new `[[recall]]` entry is added at the end.
pub fn write_entry(doc: &mut toml_edit::DocumentMut, entry: &Recall) {
    use crate::document::{set_value, string_array, text_value};
    use crate::vocabulary::Vocabulary;
    use toml_edit::{ArrayOfTables, Item, Table, Value};

    if doc
        .get("recall")
        .is_none_or(|item| !item.is_array_of_tables())
    {
        doc.insert("recall", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let entries = doc["recall"]
        .as_array_of_tables_mut()
        .expect("just made sure");
    let date_text = entry.date.to_string();
    let existing = entries.iter().position(|table| {
        table.get("by").and_then(|v| v.as_str()) == Some(entry.by.as_str())
            && table
                .get("date")
                .and_then(|v| v.as_value())
                .map(|v| v.to_string().trim().trim_matches('"').to_string())
                == Some(date_text.clone())
    });
    let table: &mut Table = match existing {
        Some(index) => entries.get_mut(index).expect("found above"),
        None => {
            entries.push(Table::new());
            entries.iter_mut().last().expect("just pushed")
        }
    };
    set_value(table, "by", Value::from(entry.by.as_str()), KEY_ORDER);
    set_value(table, "date", entry.date.to_toml(), KEY_ORDER);
    for audience in Audience::ALL {
        match entry.score(*audience) {
            Some(score) => set_value(
                table,
                audience.key(),
                Value::from(i64::from(score.value())),
                KEY_ORDER,
            ),
            None => {
                table.remove(audience.key());
            }
        }
    }
    if entry.why.is_empty() {
        table.remove("why");
    } else {
        let keys: Vec<String> = entry.why.iter().map(|w| w.key().to_string()).collect();
        set_value(table, "why", string_array(&keys), KEY_ORDER);
    }
    match entry
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(note) => set_value(table, "note", text_value(note), KEY_ORDER),
        None => {
            table.remove("note");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;
    use std::path::Path;

    fn entry(by: &str, date: &str, staff: Option<i64>) -> Recall {
        Recall {
            by: by.into(),
            date: Date::parse(date).unwrap(),
            self_: Some(Score::new(3).unwrap()),
            leadership: None,
            staff: staff.map(|s| Score::new(s).unwrap()),
            why: vec![Why::Discussion],
            note: Some("Bra samtal".into()),
        }
    }

    #[test]
    fn the_same_person_and_date_replaces_only_their_own_entry() {
        let text = "title = \"x\"\nkind = \"other\"\n\n[[recall]]\nby = \"Erik\"\ndate = 2026-01-01\nself = 1\n\n[[recall]]\nby = \"Anna\" # rektor\ndate = 2026-01-01\nself = 0\nleadership = 2\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        write_entry(&mut doc, &entry("Anna", "2026-01-01", Some(4)));
        write_entry(&mut doc, &entry("Anna", "2026-02-01", None));
        let written = doc.to_string();
        let record = store::parse_record(Path::new("x.toml"), &written).unwrap();
        assert_eq!(record.recall.len(), 3, "{written}");
        assert_eq!(record.recall[0].by, "Erik");
        assert_eq!(record.recall[1], entry("Anna", "2026-01-01", Some(4)));
        assert_eq!(record.recall[2], entry("Anna", "2026-02-01", None));
        assert!(written.contains("by = \"Anna\" # rektor"), "{written}");
        // an audience no longer rated is removed from the replaced entry
        assert!(!written.contains("leadership = 2"), "{written}");
    }

    #[test]
    fn scores_outside_the_scale_are_refused() {
        assert!(Score::new(5).is_err());
        assert!(Score::new(-1).is_err());
        assert_eq!(Score::new(4).unwrap().value(), 4);
    }
}
