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

/// What a record keeps of its imported surveys (`[survey]`): the aggregated ratings and the
/// respondents already counted, so importing the same export twice counts no one twice.
#[derive(Clone, Debug, Default, serde::Deserialize, PartialEq)]
pub struct SurveyResults {
    #[serde(default)]
    pub responses: u32,
    pub imported: Option<crate::model::date::Date>,
    #[serde(default)]
    pub respondents: Vec<String>,
    #[serde(default)]
    pub ratings: BTreeMap<String, RatingResult>,
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
}

/// A hash as 16 lowercase hex digits, for records (TOML integers cannot hold every `u64`).
pub fn format_hash(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The inverse of `format_hash`.
pub fn parse_hash(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 16 {
        return None;
    }
    u64::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approx(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
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
