//! What a transfer round keeps: months after an initiative, how often people use what they
//! learned, how sure they are, what helped, what got in the way and whether their leader
//! followed it up — added up, so that nobody's answers can be told apart.

use std::collections::BTreeMap;

use crate::model::recall::{Why, WhyNot};
use crate::model::vocabulary::Vocabulary;
use crate::vocabulary;

/// The keys of the transfer questionnaire's questions, as the record and the form tool name
/// them.
pub const USE: &str = "use";
pub const CONFIDENCE: &str = "confidence";
pub const HELPED: &str = "helped";
pub const OBSTACLES: &str = "obstacles";
pub const LEADER: &str = "leader";
pub const EXAMPLE: &str = "example";

vocabulary! {
    /// How often a respondent uses what they learned, least first.
    pub enum UseFrequency in "use_frequency" {
        Never = "never" | "aldrig",
        Rarely = "rarely" | "nagon-gang" | "någon-gång" | "enstaka",
        Monthly = "monthly" | "manadsvis" | "månadsvis" | "varje-manad" | "varje-månad",
        Weekly = "weekly" | "veckovis" | "varje-vecka",
    }
}

impl UseFrequency {
    /// Whether this is at least once a month: the line between using it and having tried it.
    pub fn at_least_monthly(self) -> bool {
        matches!(self, UseFrequency::Monthly | UseFrequency::Weekly)
    }
}

/// The answers to "has your leader followed up how you use it?", in the order counted.
pub const LEADER_ANSWERS: [&str; 2] = ["yes", "no"];

/// A transfer round's answers added up (`[survey.rounds.<round>.transfer]`).
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct Transfer {
    /// Respondents whose answers are counted here.
    #[serde(default)]
    pub respondents: u32,
    /// How many gave each [`UseFrequency`], by key.
    #[serde(default, rename = "use")]
    pub use_counts: BTreeMap<String, u32>,
    /// The share (0–1) of those who said how often who use it at least monthly.
    pub at_least_monthly: Option<f64>,
    /// The mean confidence, 1–5.
    pub confidence: Option<f64>,
    #[serde(default)]
    pub confidence_distribution: Vec<u32>,
    /// How many named each look-back reason ([`Why`]) as what helped.
    #[serde(default)]
    pub helped: BTreeMap<String, u32>,
    /// How many named each [`WhyNot`] as what got in the way.
    #[serde(default)]
    pub obstacles: BTreeMap<String, u32>,
    /// The share (0–1) of those who answered whose leader followed up their use.
    pub leader_followed_up: Option<f64>,
}

impl Transfer {
    /// What the answers of a round add up to: `responses` respondents and, per question, how
    /// many gave each answer (a survey batch's counts). `None` when nobody said how often they
    /// use it nor how confident they are (a round answered with another questionnaire).
    pub fn of(responses: u32, answers: &BTreeMap<String, Vec<u32>>) -> Option<Transfer> {
        let counts = |key: &str, keys: &[&'static str]| -> BTreeMap<String, u32> {
            let given = answers.get(key);
            keys.iter()
                .enumerate()
                .map(|(i, k)| {
                    let n = given.and_then(|c| c.get(i)).copied().unwrap_or(0);
                    (k.to_string(), n)
                })
                .collect()
        };
        let use_keys: Vec<&str> = UseFrequency::ALL.iter().map(|u| u.key()).collect();
        let use_counts = counts(USE, &use_keys);
        let mut confidence = answers.get(CONFIDENCE).cloned().unwrap_or_default();
        confidence.resize(5, 0);
        let used: u32 = use_counts.values().sum();
        if used == 0 && confidence.iter().all(|&n| n == 0) {
            return None;
        }
        let monthly: u32 = UseFrequency::ALL
            .iter()
            .filter(|u| u.at_least_monthly())
            .map(|u| use_counts[u.key()])
            .sum();
        let leader = counts(LEADER, &LEADER_ANSWERS);
        let why_keys: Vec<&str> = Why::ALL.iter().map(|w| w.key()).collect();
        let why_not_keys: Vec<&str> = WhyNot::ALL.iter().map(|w| w.key()).collect();
        Some(Transfer {
            respondents: responses,
            use_counts,
            at_least_monthly: share(monthly, used),
            confidence: mean(&confidence),
            confidence_distribution: confidence,
            helped: counts(HELPED, &why_keys),
            obstacles: counts(OBSTACLES, &why_not_keys),
            leader_followed_up: share(leader["yes"], leader["yes"] + leader["no"]),
        })
    }

    /// How many gave one use frequency.
    pub fn use_count(&self, frequency: UseFrequency) -> u32 {
        self.use_counts.get(frequency.key()).copied().unwrap_or(0)
    }

    /// The shares (0–1) at the top of use (weekly) and at the bottom (never), of those who
    /// said how often.
    pub fn use_extremes(&self) -> (Option<f64>, Option<f64>) {
        let total: u32 = self.use_counts.values().sum();
        (
            share(self.use_count(UseFrequency::Weekly), total),
            share(self.use_count(UseFrequency::Never), total),
        )
    }

    /// The shares (0–1) at the top of confidence (4 or 5) and at the bottom (1 or 2).
    pub fn confidence_extremes(&self) -> (Option<f64>, Option<f64>) {
        let count = |ratings: &[usize]| -> u32 {
            ratings
                .iter()
                .filter_map(|r| self.confidence_distribution.get(r - 1))
                .sum()
        };
        let total = count(&[1, 2, 3, 4, 5]);
        (share(count(&[4, 5]), total), share(count(&[1, 2]), total))
    }
}

/// The mean rating of the counts of 1s, 2s, … ; `None` when nobody answered.
fn mean(counts: &[u32]) -> Option<f64> {
    let total: u32 = counts.iter().sum();
    let sum: u32 = counts.iter().zip(1..).map(|(n, rating)| n * rating).sum();
    share(sum, total)
}

/// `part` of `whole` as 0–1 (or any quotient); `None` of nothing.
fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(entries: &[(&str, &[u32])]) -> BTreeMap<String, Vec<u32>> {
        entries
            .iter()
            .map(|(key, counts)| (key.to_string(), counts.to_vec()))
            .collect()
    }

    #[test]
    fn a_round_adds_up_to_shares_and_means() {
        let answers = answers(&[
            (USE, &[1, 2, 3, 2]),
            (CONFIDENCE, &[0, 1, 2, 4, 1]),
            (HELPED, &[0, 0, 5, 3, 0]),
            (OBSTACLES, &[4, 2, 0, 0, 1, 0]),
            (LEADER, &[3, 5]),
        ]);
        let transfer = Transfer::of(8, &answers).expect("a transfer round");
        assert_eq!(transfer.respondents, 8);
        assert_eq!(transfer.use_count(UseFrequency::Monthly), 3);
        // monthly 3 + weekly 2 of 8
        assert_eq!(transfer.at_least_monthly, Some(5.0 / 8.0));
        // (2 + 6 + 16 + 5) / 8
        assert_eq!(transfer.confidence, Some(29.0 / 8.0));
        assert_eq!(transfer.helped["discussion"], 5);
        assert_eq!(transfer.obstacles["time"], 4);
        assert_eq!(transfer.obstacles["support"], 1);
        assert_eq!(transfer.leader_followed_up, Some(3.0 / 8.0));
        assert_eq!(transfer.use_extremes(), (Some(2.0 / 8.0), Some(1.0 / 8.0)));
        assert_eq!(
            transfer.confidence_extremes(),
            (Some(5.0 / 8.0), Some(1.0 / 8.0))
        );
    }

    #[test]
    fn a_round_without_use_or_confidence_is_no_transfer_round() {
        assert_eq!(
            Transfer::of(5, &answers(&[("goal_1", &[0, 0, 1, 2, 2])])),
            None
        );
        let only_confidence = Transfer::of(5, &answers(&[(CONFIDENCE, &[0, 0, 5, 0, 0])]))
            .expect("confidence alone is a transfer round");
        assert_eq!(only_confidence.at_least_monthly, None);
        assert_eq!(only_confidence.leader_followed_up, None);
    }
}
