//! Cost and time across the look-back: what each initiative cost per participant, the staff
//! hours it took, and how the initiatives that stuck compare with what was spent. Only what
//! the records state is counted; an initiative without a value is left out of that sum.

use crate::i18n::{self, Lang};
use crate::lookback::impact::{Impact, STUCK};
use crate::model::initiative::Record;
use crate::t;

/// How many of the initiatives that stuck best are set against the whole.
pub const BEST: usize = 3;

/// One initiative's cost and time, as far as its record (and its unit's staff count) tell.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spending {
    pub cost: Option<f64>,
    /// Hours per participant.
    pub hours: Option<f64>,
    pub participants: Option<u32>,
}

impl Spending {
    /// `staff` is the unit's staff count: the participants of a whole-staff initiative that
    /// does not give its own number.
    pub fn of(record: &Record, staff: Option<u32>) -> Spending {
        let participants = record
            .participants
            .or_else(|| staff.filter(|_| record.whole_staff));
        Spending {
            cost: record.cost.map(|c| c.value()),
            hours: record.hours.map(|h| h.value()),
            participants,
        }
    }

    pub fn per_participant(&self) -> Option<f64> {
        match (self.cost, self.participants) {
            (Some(cost), Some(n)) if n > 0 => Some(cost / f64::from(n)),
            _ => None,
        }
    }

    /// Hours per participant times participants.
    pub fn staff_hours(&self) -> Option<f64> {
        Some(self.hours? * f64::from(self.participants?))
    }

    pub fn is_known(&self) -> bool {
        self.cost.is_some() || self.hours.is_some() || self.participants.is_some()
    }
}

/// A part of the initiatives set against all of them: its share of the cost and hours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    pub initiatives: usize,
    /// 0–1; `None` when no initiative in the period has a cost.
    pub cost: Option<f64>,
    pub hours: Option<f64>,
}

/// Cost and time summed over the period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostPatterns {
    pub initiatives: usize,
    pub with_cost: usize,
    pub cost: f64,
    /// Initiatives with both a cost and participants, their cost and participants.
    pub with_both: usize,
    pub cost_of_both: f64,
    pub participants_of_both: u64,
    pub with_hours: usize,
    pub staff_hours: f64,
    /// The initiatives that stuck (impact 2 or more).
    pub stuck: Option<Share>,
    /// The [`BEST`] that stuck best, when more than that stuck.
    pub best: Option<Share>,
}

impl CostPatterns {
    /// Sums `rows` (each initiative's impact and spending, in rank order: best first).
    pub fn of(rows: &[(&Impact, Spending)]) -> CostPatterns {
        let mut patterns = CostPatterns {
            initiatives: rows.len(),
            ..CostPatterns::default()
        };
        for (_, spending) in rows {
            if let Some(cost) = spending.cost {
                patterns.with_cost += 1;
                patterns.cost += cost;
            }
            if let (Some(cost), Some(n)) = (spending.cost, spending.participants) {
                patterns.with_both += 1;
                patterns.cost_of_both += cost;
                patterns.participants_of_both += u64::from(n);
            }
            if let Some(hours) = spending.staff_hours() {
                patterns.with_hours += 1;
                patterns.staff_hours += hours;
            }
        }
        let mut stuck: Vec<&(&Impact, Spending)> = rows
            .iter()
            .filter(|(impact, _)| impact.overall.is_some_and(|o| o >= STUCK))
            .collect();
        stuck.sort_by(|a, b| {
            b.0.overall
                .unwrap_or(0.0)
                .total_cmp(&a.0.overall.unwrap_or(0.0))
        });
        if !stuck.is_empty() {
            patterns.stuck = Some(patterns.share(&stuck));
        }
        if stuck.len() > BEST {
            patterns.best = Some(patterns.share(&stuck[..BEST]));
        }
        patterns
    }

    fn share(&self, part: &[&(&Impact, Spending)]) -> Share {
        let cost: f64 = part.iter().filter_map(|(_, s)| s.cost).sum();
        let hours: f64 = part.iter().filter_map(|(_, s)| s.staff_hours()).sum();
        Share {
            initiatives: part.len(),
            cost: (self.cost > 0.0).then(|| cost / self.cost),
            hours: (self.staff_hours > 0.0).then(|| hours / self.staff_hours),
        }
    }

    /// Whether any initiative states a cost or hours: otherwise there is nothing to show.
    pub fn any(&self) -> bool {
        self.with_cost > 0 || self.with_hours > 0
    }

    /// The lines under "Cost and time", in the user's language.
    pub fn lines(&self, currency: &str) -> Vec<String> {
        if !self.any() {
            return Vec::new();
        }
        let mut lines = Vec::new();
        if self.with_cost > 0 {
            lines.push(i18n::text(
                &plural("cost.total", self.with_cost),
                &[
                    ("cost", &money(self.cost)),
                    ("currency", &currency),
                    ("count", &self.with_cost),
                    ("initiatives", &initiatives(self.initiatives)),
                ],
            ));
        }
        if self.with_both > 0 && self.participants_of_both > 0 {
            let participants = i18n::count("cost.participants", self.participants_of_both);
            lines.push(i18n::text(
                &plural("cost.per_participant", self.with_both),
                &[
                    (
                        "cost",
                        &money(self.cost_of_both / self.participants_of_both as f64),
                    ),
                    ("currency", &currency),
                    ("participants", &participants),
                    ("count", &self.with_both),
                ],
            ));
        }
        if self.with_hours > 0 {
            lines.push(i18n::text(
                &plural("cost.staff_hours", self.with_hours),
                &[
                    ("hours", &money(self.staff_hours)),
                    ("count", &self.with_hours),
                    ("initiatives", &initiatives(self.initiatives)),
                ],
            ));
        }
        // The best are always BEST (3) of them; those that stuck may be one.
        let stuck_key = plural("cost.stuck_share", self.stuck.map_or(0, |s| s.initiatives));
        for (key, share) in [
            (stuck_key.as_str(), self.stuck),
            ("cost.best_share", self.best),
        ] {
            if let Some(line) = share.and_then(|s| share_line(key, s)) {
                lines.push(line);
            }
        }
        lines
    }
}

fn share_line(key: &str, share: Share) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(cost) = share.cost {
        parts.push(t!("cost.cost_share", share = percent(cost)));
    }
    if let Some(hours) = share.hours {
        parts.push(t!("cost.hours_share", share = percent(hours)));
    }
    (!parts.is_empty()).then(|| t!(key, count = share.initiatives, shares = parts.join(" · ")))
}

/// `key_one` for a count of 1, else `key_other` (see [`i18n::count`]).
fn plural(key: &str, count: usize) -> String {
    let form = if count == 1 { "one" } else { "other" };
    format!("{key}_{form}")
}

/// "1 initiative", "4 initiatives".
fn initiatives(count: usize) -> String {
    i18n::count("cost.initiatives", count as u64)
}

fn percent(fraction: f64) -> String {
    if fraction.is_finite() {
        format!("{} %", (fraction * 100.0).round())
    } else {
        "–".to_string()
    }
}

/// A whole amount with thousands grouped as the language writes them: 45 000 or 45,000. An
/// amount no record can hold (NaN, infinite, past what a whole number holds) is "–", never a
/// wrapped number.
pub fn money(value: f64) -> String {
    money_with(value, i18n::current())
}

fn money_with(value: f64, lang: Lang) -> String {
    if !value.is_finite() || value.abs() >= 1e18 {
        return "–".to_string();
    }
    let digits = format!("{}", value.round().abs() as u64);
    let separator = match lang {
        Lang::Sv => ' ',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (n, digit) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str) -> Record {
        toml::from_str(&format!("title = \"x\"\nkind = \"other\"\n{text}")).unwrap()
    }

    #[test]
    fn participants_come_from_the_record_or_the_whole_staff_never_from_a_guess() {
        let given = Spending::of(&record("participants = 12\ncost = 6000"), Some(40));
        assert_eq!(given.per_participant(), Some(500.0));
        let whole = Spending::of(&record("whole_staff = true\nhours = 3"), Some(40));
        assert_eq!(whole.staff_hours(), Some(120.0));
        // no staff count in fortb.toml: unknown, not zero
        let unknown = Spending::of(&record("whole_staff = true\nhours = 3"), None);
        assert_eq!((unknown.participants, unknown.staff_hours()), (None, None));
        let part = Spending::of(&record("cost = 100"), Some(40));
        assert_eq!((part.participants, part.per_participant()), (None, None));
        assert!(!Spending::of(&record(""), Some(40)).is_known());
    }

    fn impact(overall: Option<f64>) -> Impact {
        Impact {
            overall,
            ..Impact::default()
        }
    }

    #[test]
    fn the_initiatives_that_stuck_are_set_against_the_whole_cost() {
        let spend = |cost: Option<f64>, hours: Option<f64>, n: Option<u32>| Spending {
            cost,
            hours,
            participants: n,
        };
        let impacts = [3.5, 3.0, 2.5, 2.0, 1.0].map(|v| impact(Some(v)));
        let unrated = impact(None);
        let rows = vec![
            (&impacts[0], spend(Some(1000.0), Some(2.0), Some(10))),
            (&impacts[1], spend(Some(1000.0), None, None)),
            (&impacts[2], spend(None, Some(1.0), Some(10))),
            (&impacts[3], spend(Some(2000.0), Some(1.0), Some(20))),
            (&impacts[4], spend(Some(6000.0), Some(2.0), Some(30))),
            (&unrated, spend(None, None, None)),
        ];
        let patterns = CostPatterns::of(&rows);
        assert_eq!((patterns.with_cost, patterns.cost), (4, 10000.0));
        assert_eq!((patterns.with_hours, patterns.staff_hours), (4, 110.0));
        assert_eq!(patterns.participants_of_both, 60);
        let stuck = patterns.stuck.unwrap();
        assert_eq!(stuck.initiatives, 4);
        assert_eq!(stuck.cost, Some(0.4));
        assert_eq!(stuck.hours, Some(50.0 / 110.0));
        let best = patterns.best.unwrap();
        assert_eq!((best.initiatives, best.cost), (3, Some(0.2)));
    }

    #[test]
    fn nothing_is_said_when_nothing_was_recorded() {
        let rated = impact(Some(3.0));
        let patterns = CostPatterns::of(&[(&rated, Spending::default())]);
        assert!(patterns.lines("kr").is_empty());
        assert_eq!(patterns.stuck.unwrap().cost, None);
    }

    #[test]
    fn amounts_are_grouped_in_thousands() {
        assert_eq!(money_with(45000.0, Lang::Sv), "45 000");
        assert_eq!(money_with(1234567.4, Lang::En), "1,234,567");
        assert_eq!(money_with(999.5, Lang::En), "1,000");
        assert_eq!(money_with(0.0, Lang::Sv), "0");
        for beyond in [f64::NAN, f64::INFINITY, 1e308 + 1e308, 1e19] {
            assert_eq!(money_with(beyond, Lang::En), "–");
        }
        assert_eq!(percent(f64::NAN), "–");
    }
}
