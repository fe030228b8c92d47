//! Transfer as the look-back shows it: per follow-up round of an initiative, how many answered,
//! the share using it at least monthly and the mean confidence — so that a fall from one month
//! to six shows. A round below the anonymity threshold shows only that too few answered.

use crate::i18n::labels::Labelled;
use crate::lookback::impact::Impact;
use crate::lookback::number::number;
use crate::model::recall::{Why, WhyNot};
use crate::model::survey::{Round, SurveyResults, Thresholds};
use crate::model::transfer::{Transfer, UseFrequency};
use crate::model::vocabulary::Vocabulary;
use crate::t;

/// One follow-up round (days after the end) as the look-back shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundUse {
    pub days: u32,
    /// Respondents counted, waiting ones included.
    pub respondents: u32,
    /// Whether enough answered for the results to be shown.
    pub shown: bool,
    /// What the answers add up to; `None` while not shown, or for a round answered with the
    /// evaluation questionnaire.
    pub transfer: Option<Transfer>,
}

impl RoundUse {
    /// The round in words: "90 days after the end".
    pub fn name(&self) -> String {
        crate::i18n::count("show.round_days", u64::from(self.days))
    }

    /// Whole months after the end, as people say them (90 days: 3 months).
    pub fn months(&self) -> u32 {
        ((f64::from(self.days) / 30.4).round() as u32).max(1)
    }

    /// The round in a sentence for the meeting pack; `None` for a round answered with the
    /// evaluation questionnaire.
    pub fn sentence(&self, thresholds: Thresholds) -> Option<String> {
        if !self.shown {
            return Some(t!(
                "transfer_shown.too_few_sentence",
                round = self.name(),
                min = thresholds.min_responses
            ));
        }
        let transfer = self.transfer.as_ref()?;
        Some(t!(
            "transfer_shown.sentence",
            round = self.name(),
            share = percent(transfer.at_least_monthly),
            confidence = number(transfer.confidence),
            count = transfer.respondents
        ))
    }

    /// The summary's cell: "63 % after 3 mo".
    pub fn cell(&self) -> String {
        let share = self.transfer.as_ref().and_then(|t| t.at_least_monthly);
        t!(
            "transfer_shown.cell",
            share = percent(share),
            months = self.months()
        )
    }
}

/// The follow-up rounds of a survey, earliest first.
pub fn rounds_of(survey: Option<&SurveyResults>, thresholds: Thresholds) -> Vec<RoundUse> {
    let Some(survey) = survey else {
        return Vec::new();
    };
    let mut rounds: Vec<RoundUse> = survey
        .rounds
        .iter()
        .filter_map(|(key, results)| match Round::parse(key)? {
            Round::DaysAfterEnd(days) => {
                let shown = results.shown(thresholds);
                Some(RoundUse {
                    days,
                    respondents: results.responses + results.waiting,
                    shown,
                    transfer: results.transfer.clone().filter(|_| shown),
                })
            }
            _ => None,
        })
        .collect();
    rounds.sort_by_key(|r| r.days);
    rounds
}

/// The latest round whose transfer may be shown: what "used after N months" tells.
pub fn latest_shown(rounds: &[RoundUse]) -> Option<&RoundUse> {
    rounds.iter().rev().find(|r| r.transfer.is_some())
}

/// A share as whole percent; "–" when there is none.
pub fn percent(share: Option<f64>) -> String {
    share.map_or("–".to_string(), |s| format!("{} %", (s * 100.0).round()))
}

/// A transfer round's results as label and value, for `show`.
pub fn entries(transfer: &Transfer) -> Vec<(String, String)> {
    let uses: Vec<String> = UseFrequency::ALL
        .iter()
        .map(|u| format!("{} {}", u.label(), transfer.use_count(*u)))
        .collect();
    let counts: Vec<String> = transfer
        .confidence_distribution
        .iter()
        .map(u32::to_string)
        .collect();
    let mut entries = vec![
        (
            t!("transfer_shown.respondents"),
            transfer.respondents.to_string(),
        ),
        (
            t!("transfer_shown.use"),
            t!(
                "transfer_shown.use_value",
                share = percent(transfer.at_least_monthly),
                counts = uses.join(" · ")
            ),
        ),
        (
            t!("transfer_shown.confidence"),
            t!(
                "transfer_shown.confidence_value",
                mean = number(transfer.confidence),
                counts = counts.join(" · ")
            ),
        ),
    ];
    let (helped, obstacles) = reasons_as_worded(transfer);
    entries.push((t!("transfer_shown.helped"), by_count(helped)));
    entries.push((t!("transfer_shown.obstacles"), by_count(obstacles)));
    entries.push((
        t!("transfer_shown.leader"),
        percent(transfer.leader_followed_up),
    ));
    entries
}

/// Answers, each with how many gave it.
type Counted = Vec<(String, u32)>;

/// What helped and what stood in the way, each answer with how many gave it, worded as the
/// survey worded it: the look-back's short labels ("föreläsaren") do not fit every kind of
/// initiative.
fn reasons_as_worded(transfer: &Transfer) -> (Counted, Counted) {
    let count_of = |map: &std::collections::BTreeMap<String, u32>, key: &str| {
        map.get(key).copied().unwrap_or(0)
    };
    let helped = Why::ALL
        .iter()
        .map(|w| {
            let label = t!(&format!("transfer.helped_{}", w.key()));
            (label, count_of(&transfer.helped, w.key()))
        })
        .collect();
    let obstacles = WhyNot::ALL
        .iter()
        .map(|w| {
            let label = t!(&format!("transfer.obstacle_{}", w.key()));
            (label, count_of(&transfer.obstacles, w.key()))
        })
        .collect();
    (helped, obstacles)
}

/// The answers given at least once, most given first: "x: 3 · y: 1"; "–" when none was.
fn by_count(counts: Counted) -> String {
    let mut counts: Vec<(String, u32)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let words: Vec<String> = counts.iter().map(|(w, n)| format!("{w}: {n}")).collect();
    if words.is_empty() {
        "–".to_string()
    } else {
        words.join(" · ")
    }
}

/// The pattern that sets transfer beside memory: the mean recalled impact of the initiatives
/// where at least half use it monthly (in their latest round shown) against the others'.
/// Nothing until a rated initiative has a transfer round.
pub fn pattern_lines(rows: &[(&Impact, Option<&RoundUse>)]) -> Vec<String> {
    let mut used = Vec::new();
    let mut not_used = Vec::new();
    for (impact, round) in rows {
        let share = round
            .and_then(|r| r.transfer.as_ref())
            .and_then(|t| t.at_least_monthly);
        if let (Some(overall), Some(share)) = (impact.overall, share) {
            if share >= 0.5 {
                used.push(overall);
            } else {
                not_used.push(overall);
            }
        }
    }
    [
        ("transfer_shown.used", used),
        ("transfer_shown.not_used", not_used),
    ]
    .into_iter()
    .filter(|(_, impacts)| !impacts.is_empty())
    .map(|(label, impacts)| {
        let mean = impacts.iter().sum::<f64>() / impacts.len() as f64;
        t!(
            "patterns.group",
            label = t!(label),
            mean = number(Some(mean)),
            rated = crate::i18n::count("count.initiatives", impacts.len() as u64)
        )
    })
    .collect()
}
