//! What a record keeps of its evaluation surveys: how many gave each rating, and who was
//! already counted.

use std::collections::BTreeMap;

/// How many respondents gave each rating: `counts[0]` is the number of 1s, `counts[4]` of 5s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Distribution {
    pub counts: [u32; 5],
}

impl Distribution {
    /// Counts one rating; values outside 1–5 are ignored.
    pub fn record(&mut self, rating: u8) {
        if (1..=5).contains(&rating) {
            self.counts[usize::from(rating - 1)] += 1;
        }
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The mean rating, or `None` when nobody answered.
    pub fn mean(&self) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let sum: u64 = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, &n)| (i as u64 + 1) * u64::from(n))
            .sum();
        Some(sum as f64 / f64::from(total))
    }

    /// Merges another distribution into this one (e.g. a second import into the stored one).
    pub fn add(&mut self, other: &Distribution) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }

    /// The five counts, for storing in a record as an array.
    pub fn to_vec(&self) -> Vec<u32> {
        self.counts.to_vec()
    }

    /// The inverse of `to_vec`; `None` unless exactly five counts are given.
    pub fn from_vec(counts: &[u32]) -> Option<Distribution> {
        let counts: [u32; 5] = counts.try_into().ok()?;
        Some(Distribution { counts })
    }
}

/// What a record keeps of its imported surveys (`[survey]`): how many answered, and the
/// aggregated ratings once enough did. Nothing in it tells whose answers are whose: which
/// respondents were counted is kept outside the repository (see [`RoundAnswers`]).
#[derive(Clone, Debug, Default, serde::Deserialize, PartialEq)]
pub struct SurveyResults {
    /// Respondents whose answers are in `ratings`.
    #[serde(default)]
    pub responses: u32,
    /// Respondents counted whose answers wait outside the repository until there are enough.
    #[serde(default)]
    pub waiting: u32,
    pub imported: Option<crate::model::date::Date>,
    /// Row fingerprints an older fortb kept in the record; they can tell whose answers are
    /// whose, so `fortb check` asks to remove them and `fortb migrate` does.
    #[serde(default)]
    pub respondents: Vec<String>,
    #[serde(default)]
    pub ratings: BTreeMap<String, RatingResult>,
    /// What a transfer round's answers add up to (`[survey.rounds.90.transfer]`).
    pub transfer: Option<crate::model::transfer::Transfer>,
    /// The later rounds (`[survey.rounds.90]`), by [`Round::key`]; the fields above are the
    /// end-of-initiative round's.
    #[serde(default)]
    pub rounds: BTreeMap<String, SurveyResults>,
}

/// When a survey is answered: in the last session (`end`), a planned follow-up so many days
/// after the end (`90`), or the principal's December survey of a year (`december-2026`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Round {
    End,
    DaysAfterEnd(u32),
    December(i32),
}

impl Round {
    /// How the round is named on the command line, in the record and in file names.
    pub fn key(self) -> String {
        match self {
            Round::End => "end".to_string(),
            Round::DaysAfterEnd(days) => days.to_string(),
            Round::December(year) => format!("december-{year}"),
        }
    }

    /// The inverse of [`Round::key`]; `None` for anything else.
    pub fn parse(text: &str) -> Option<Round> {
        let text = text.trim().to_lowercase();
        // `slut` is the Swedish word for the end round.
        if text == "end" || text == "slut" {
            return Some(Round::End);
        }
        if let Some(year) = text.strip_prefix("december-") {
            let year: i32 = year.parse().ok()?;
            return (1900..=9999)
                .contains(&year)
                .then_some(Round::December(year));
        }
        let days: u32 = text.parse().ok()?;
        (1..=3660)
            .contains(&days)
            .then_some(Round::DaysAfterEnd(days))
    }
}

#[derive(Clone, Debug, Default, serde::Deserialize, PartialEq)]
pub struct RatingResult {
    pub text: Option<String>,
    pub mean: Option<f64>,
    #[serde(default)]
    pub distribution: Vec<u32>,
}

impl SurveyResults {
    /// The mean of every rating given, all rating questions together.
    pub fn mean(&self) -> Option<f64> {
        let mut total = Distribution::default();
        for rating in self.ratings.values() {
            if let Some(distribution) = Distribution::from_vec(&rating.distribution) {
                total.add(&distribution);
            }
        }
        total.mean()
    }

    /// The results of one round, when it has any.
    pub fn round(&self, round: Round) -> Option<&SurveyResults> {
        match round {
            Round::End => Some(self),
            _ => self.rounds.get(&round.key()),
        }
    }

    /// Whether enough answered for the results to be shown: below `min_responses` a mean or a
    /// distribution could tell one colleague's answers.
    pub fn shown(&self, thresholds: Thresholds) -> bool {
        self.responses >= thresholds.min_responses
    }
}

/// The anonymity thresholds of `fortb.toml`'s `[survey]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// Respondents a round needs before its means and distributions are shown anywhere, and
    /// answers a question needs before its own are.
    pub min_responses: u32,
    /// New writers a group of free-text answers needs before it enters the repository.
    pub min_responses_text: u32,
}

impl Thresholds {
    /// The lowest threshold a project may set: with two respondents each sees the other's
    /// answers in the results.
    pub const LOWEST: u32 = 3;
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_responses: 5,
            min_responses_text: 8,
        }
    }
}

/// A group of respondents' answers added up: how many, each rating question's distribution
/// (and each choice question's count per option), how many answered each of them, and the
/// free-text answers with how many wrote them.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Batch {
    #[serde(default)]
    pub responses: u32,
    /// Respondents who wrote at least one free-text answer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub writers: u32,
    #[serde(default)]
    pub ratings: BTreeMap<String, Vec<u32>>,
    /// Respondents who answered each rating or choice question: a question that takes several
    /// options counts more options than people.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answered: BTreeMap<String, u32>,
    #[serde(default)]
    pub free_text: Vec<FreeText>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One free-text answer, without who gave it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct FreeText {
    pub question: String,
    pub answer: String,
}

impl Batch {
    /// Adds another batch to this one, count by count: a rating's five counts, or a choice
    /// question's one count per option.
    pub fn add(&mut self, other: &Batch) {
        self.responses += other.responses;
        self.writers += other.writers;
        for (key, people) in &other.answered {
            *self.answered.entry(key.clone()).or_default() += people;
        }
        for (key, counts) in &other.ratings {
            let sum = self.ratings.entry(key.clone()).or_default();
            if sum.len() < counts.len() {
                sum.resize(counts.len(), 0);
            }
            for (mine, theirs) in sum.iter_mut().zip(counts) {
                *mine += theirs;
            }
        }
        self.free_text.extend(other.free_text.iter().cloned());
        // Sorted, so the order tells nothing about who answered first.
        self.free_text.sort();
    }

    /// The distribution of one rating question; empty when nobody answered it.
    pub fn distribution(&self, key: &str) -> Distribution {
        self.ratings
            .get(key)
            .and_then(|c| Distribution::from_vec(c))
            .unwrap_or_default()
    }
}

/// Everything fortb keeps of one survey round outside the repository: the fingerprints of the
/// respondents counted (keyed, so only this project's key can make them), the answers that wait
/// until there are enough of them, and those already in the repository, from which the record
/// and the free-text file are written again on every import.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoundAnswers {
    #[serde(default)]
    pub fingerprints: Vec<String>,
    /// The last day an import counted someone.
    pub imported: Option<crate::model::date::Date>,
    /// Writers of the free text in `text_waiting`; text an older fortb left there counts none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub text_writers: u32,
    /// What is not yet in the record: respondents until there are `min_responses` of them,
    /// and each question's answers until `min_responses` have answered it.
    #[serde(default)]
    pub waiting: Batch,
    /// What is in the record; its free text is in the repository.
    #[serde(default)]
    pub published: Batch,
    /// Free text that waits until `min_responses_text` new people have written.
    #[serde(default)]
    pub text_waiting: Vec<FreeText>,
}

impl RoundAnswers {
    /// Respondents counted in this round, waiting or not.
    pub fn responses(&self) -> u32 {
        self.published.responses + self.waiting.responses
    }

    /// Adds newly counted respondents, then moves into the record what may go there, each part
    /// only in groups large enough that no change to the record or the free-text file tells
    /// fewer people's answers: the respondents once `min_responses` wait, a question's answers
    /// once `min_responses` have answered it, the free text once `min_responses_text` have
    /// written.
    pub fn add(&mut self, fingerprints: &[String], answers: &Batch, thresholds: Thresholds) {
        self.fingerprints.extend(fingerprints.iter().cloned());
        self.fingerprints.sort();
        self.waiting.add(answers);
        self.hold_text();
        if self.waiting.responses >= thresholds.min_responses {
            self.published.responses += std::mem::take(&mut self.waiting.responses);
        }
        self.publish_questions(thresholds.min_responses);
        if self.text_writers >= thresholds.min_responses_text {
            let moved = Batch {
                writers: std::mem::take(&mut self.text_writers),
                free_text: std::mem::take(&mut self.text_waiting),
                ..Batch::default()
            };
            self.published.add(&moved);
        }
    }

    /// Free text waits apart from the ratings, with the number of its writers.
    fn hold_text(&mut self) {
        self.text_waiting.append(&mut self.waiting.free_text);
        self.text_waiting.sort();
        self.text_writers += std::mem::take(&mut self.waiting.writers);
    }

    /// Moves each question that `min` or more waiting respondents answered into the record.
    /// Answers an older fortb left waiting, without the number who gave them, wait for `min`
    /// new ones.
    fn publish_questions(&mut self, min: u32) {
        let ready: Vec<String> = self
            .waiting
            .answered
            .iter()
            .filter(|(_, &people)| people >= min)
            .map(|(key, _)| key.clone())
            .collect();
        for key in ready {
            let people = self.waiting.answered.remove(&key).unwrap_or_default();
            let counts = self.waiting.ratings.remove(&key).unwrap_or_default();
            self.published.add(&Batch {
                ratings: BTreeMap::from([(key.clone(), counts)]),
                answered: BTreeMap::from([(key, people)]),
                ..Batch::default()
            });
        }
    }

    /// Questions whose answers wait outside the record.
    pub fn questions_waiting(&self) -> usize {
        let waits = |counts: &Vec<u32>| counts.iter().any(|&n| n > 0);
        self.waiting.ratings.values().filter(|c| waits(c)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approx(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn rounds_read_back_from_their_keys() {
        for (text, round) in [
            ("end", Round::End),
            ("slut", Round::End),
            ("90", Round::DaysAfterEnd(90)),
            (" 30 ", Round::DaysAfterEnd(30)),
            ("December-2026", Round::December(2026)),
        ] {
            assert_eq!(Round::parse(text), Some(round), "{text}");
            assert_eq!(Round::parse(&round.key()), Some(round));
        }
        for bad in [
            "",
            "0",
            "-5",
            "slutet",
            "december",
            "december-26x",
            "1.5",
            "99999",
        ] {
            assert_eq!(Round::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn distribution_arithmetic() {
        let mut d = Distribution::default();
        assert_eq!(d.mean(), None);
        for r in [1, 3, 3, 5, 5, 5, 7] {
            d.record(r);
        }
        assert_eq!(d.counts, [1, 0, 2, 0, 3]);
        assert_eq!(d.total(), 6);
        // (1 + 3 + 3 + 5 + 5 + 5) / 6 = 22 / 6
        assert!(approx(d.mean(), 22.0 / 6.0));
        let other = Distribution::from_vec(&[0, 2, 0, 1, 0]).unwrap();
        d.add(&other);
        assert_eq!(d.to_vec(), vec![1, 2, 2, 1, 3]);
        assert_eq!(Distribution::from_vec(&d.to_vec()), Some(d));
        assert_eq!(Distribution::from_vec(&[1, 2, 3]), None);
    }
}
