//! Effect indicators (effektindikatorer): what an initiative should move, from a baseline
//! toward a target, measured over time — the macro goals of the organisation broken down into
//! micro goals that can be followed up.

use serde::{Deserialize, Deserializer};

use crate::model::date::Date;
use crate::model::vocabulary::Vocabulary;
use crate::model::within_limit;
use crate::t;
use crate::vocabulary;

vocabulary! {
    /// What an indicator measures, after Kirkpatrick's four levels.
    pub enum Level in "level" {
        Reaction = "reaction" | "reaktion",
        Learning = "learning" | "larande" | "lärande",
        Behaviour = "behaviour" | "behavior" | "beteende",
        Results = "results" | "resultat",
    }
}

vocabulary! {
    /// Whether an indicator follows an organisation's goal or a learning goal of the staff.
    pub enum GoalLevel in "goal_level" {
        Macro = "macro" | "makro",
        Micro = "micro" | "mikro",
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Measurement {
    pub date: Date,
    #[serde(deserialize_with = "value")]
    pub value: f64,
}

/// One `[[indicator]]` entry of a record.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub level: Option<Level>,
    pub goal: Option<GoalLevel>,
    #[serde(default, deserialize_with = "optional_value")]
    pub baseline: Option<f64>,
    #[serde(default, deserialize_with = "optional_value")]
    pub target: Option<f64>,
    pub unit: Option<String>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

/// `value` when an indicator may hold it (within ±[`crate::model::NUMBER_LIMIT`]); else why not.
pub fn bounded(value: f64) -> Result<f64, String> {
    if within_limit(value) {
        Ok(value)
    } else {
        Err(t!(
            "indicator.out_of_range",
            given = crate::model::as_written(value)
        ))
    }
}

fn value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    bounded(f64::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

fn optional_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)?
        .map(bounded)
        .transpose()
        .map_err(serde::de::Error::custom)
}

/// A value as people write it: no decimals when there are none; "–" for what is no number or
/// beyond what an indicator may hold (a record can no longer hold one, but nothing shows NaN,
/// inf or a number of 300 digits).
pub fn number(value: f64) -> String {
    if !within_limit(value) {
        "–".to_string()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.1}");
        if crate::i18n::current() == crate::i18n::Lang::Sv {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

impl Indicator {
    /// The measurement that counts: the latest.
    pub fn latest(&self) -> Option<&Measurement> {
        self.measurements.iter().max_by_key(|m| m.date)
    }

    /// How far from the baseline toward the target the latest measurement is, 0.0–1.0 and
    /// beyond; `None` without a baseline, a target (different from it) or a measurement.
    pub fn share_of_the_way(&self) -> Option<f64> {
        self.share_at(self.latest()?.value)
    }

    /// How far from the baseline toward the target `now` is.
    pub fn share_at(&self, now: f64) -> Option<f64> {
        let (baseline, target) = (self.baseline?, self.target?);
        let distance = target - baseline;
        // A target a hair from the baseline makes a share too large to be a number.
        Some((now - baseline) / distance).filter(|share| share.is_finite())
    }

    /// "30 → 55 % (target 80 %), 50 % of the way"
    pub fn progress(&self) -> String {
        self.progress_at(self.latest().map(|m| m.value))
    }

    /// [`Indicator::progress`] with `now` as the latest value, when there is one.
    pub fn progress_at(&self, now: Option<f64>) -> String {
        let unit = self
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let from = self.baseline.map(number);
        let share = now.and_then(|now| self.share_at(now));
        let now = now.map(number);
        let target = self.target.map(number);
        let path = match (from, now) {
            (Some(from), Some(now)) => format!("{from} → {now}"),
            (Some(from), None) => from,
            (None, Some(now)) => now,
            (None, None) => "–".to_string(),
        };
        let mut text = match target {
            Some(target) => t!(
                "indicator.progress_target",
                path = path,
                target = target,
                unit = unit
            ),
            None => format!("{path}{unit}"),
        };
        // A target a hair from the baseline makes a share of hundreds of digits: not shown.
        let percent = share.map(|share| (share * 100.0).round());
        if let Some(percent) = percent.filter(|p| within_limit(*p)) {
            text.push_str(&t!("indicator.progress_share", percent = percent));
        }
        text
    }
}

impl Indicator {
    /// The indicator as `show` and `indicator list` give it in JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name,
            "level": self.level.map(|l| l.key()),
            "goal": self.goal.map(|g| g.key()),
            "baseline": self.baseline,
            "target": self.target,
            "unit": self.unit,
            "latest": self.latest().map(|m| m.value),
            "share_of_the_way": self.share_of_the_way(),
            "measurements": self
                .measurements
                .iter()
                .map(|m| serde_json::json!({"date": m.date, "value": m.value}))
                .collect::<Vec<_>>(),
        })
    }
}

/// Finds an indicator by its name: exactly, ignoring case, or by a unique beginning.
pub fn find(indicators: &[Indicator], given: &str) -> Result<usize, String> {
    let wanted = given.trim().to_lowercase();
    if let Some(i) = indicators
        .iter()
        .position(|i| i.name.to_lowercase() == wanted)
    {
        return Ok(i);
    }
    let matches: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].name.to_lowercase().starts_with(&wanted))
        .collect();
    let names = || {
        indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(t!("indicator.unknown", given = given, names = names())),
        several => {
            let fitting: Vec<&str> = several
                .iter()
                .map(|&i| indicators[i].name.as_str())
                .collect();
            Err(t!(
                "indicator.ambiguous",
                given = given,
                names = fitting.join("; ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(baseline: Option<f64>, target: Option<f64>, values: &[f64]) -> Indicator {
        Indicator {
            name: "Elever som kan målen".into(),
            level: Some(Level::Behaviour),
            goal: Some(GoalLevel::Micro),
            baseline,
            target,
            unit: Some("%".into()),
            measurements: values
                .iter()
                .enumerate()
                .map(|(n, v)| Measurement {
                    date: Date::parse(&format!("2025-0{}-01", n + 1)).unwrap(),
                    value: *v,
                })
                .collect(),
        }
    }

    #[test]
    fn progress_runs_from_baseline_toward_target() {
        let i = indicator(Some(30.0), Some(80.0), &[45.0, 55.0]);
        assert_eq!(i.share_of_the_way(), Some(0.5));
        assert_eq!(i.progress(), "30 → 55 % (target 80 %), 50 % of the way");
        assert_eq!(
            indicator(Some(30.0), Some(30.0), &[40.0]).share_of_the_way(),
            None
        );
        assert_eq!(
            indicator(Some(30.0), Some(80.0), &[]).progress(),
            "30 % (target 80 %)"
        );
        // a falling target (fewer incidents) works the same way
        assert_eq!(
            indicator(Some(20.0), Some(10.0), &[15.0]).share_of_the_way(),
            Some(0.5)
        );
    }

    #[test]
    fn what_is_no_number_is_never_shown_as_nan_or_inf() {
        // No record can hold such values any more; one made in code shows "–", not NaN.
        let i = indicator(Some(-1e308), Some(1e308), &[f64::NAN]);
        assert_eq!(i.share_of_the_way(), None);
        assert_eq!(i.progress(), "– → – % (target – %)");
        let hair = indicator(Some(0.0), Some(1e-290), &[1e9]);
        assert_eq!(hair.progress(), "0 → 1000000000 % (target 0.0 %)");
        assert!(bounded(1e9).is_ok() && bounded(-1e9).is_ok());
        for beyond in [1e9 + 1.0, -1e308, f64::NAN, f64::INFINITY] {
            assert!(bounded(beyond).is_err(), "{beyond}");
        }
        let read = |text: &str| toml::from_str::<Indicator>(&format!("name = \"x\"\n{text}"));
        assert!(read("baseline = 1e308").is_err());
        assert!(read("target = -inf").is_err());
        assert!(read("measurements = [{ date = 2025-01-01, value = nan }]").is_err());
        assert_eq!(read("baseline = -1000000000").unwrap().baseline, Some(-1e9));
    }

    #[test]
    fn indicators_are_found_by_name_or_beginning() {
        let list = vec![
            indicator(None, None, &[]),
            Indicator {
                name: "Frånvaro".into(),
                ..indicator(None, None, &[])
            },
        ];
        assert_eq!(find(&list, "elever"), Ok(0));
        assert_eq!(find(&list, "FRÅNVARO"), Ok(1));
        assert!(find(&list, "x").is_err());
    }
}
