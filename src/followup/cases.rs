//! Success cases (Brinkerhoff's Success Case Method) from a transfer round: how large a share
//! of the respondents is at the top and at the bottom of use and of confidence, and a short
//! interview guide for the leader to ask a few volunteers of each — the survey names nobody,
//! so neither does this. Below the anonymity threshold no share is shown.

use crate::escape;
use crate::i18n::labels::Labelled;
use crate::lookback::transfer::percent;
use crate::model::recall::WhyNot;
use crate::model::survey::{SurveyResults, Thresholds};
use crate::model::transfer::Transfer;
use crate::model::vocabulary::Vocabulary;
use crate::t;

/// What a round holds for the success cases.
pub enum Cases<'a> {
    /// Enough answered: the round's transfer aggregate.
    Shown(&'a Transfer),
    /// Fewer than `min_responses` answered (counted, waiting ones included).
    TooFew { counted: u32 },
    /// The round was answered with the evaluation questionnaire: no use nor confidence.
    NoTransfer,
}

impl<'a> Cases<'a> {
    /// The success cases of one round's results.
    pub fn of(round: &'a SurveyResults, thresholds: Thresholds) -> Cases<'a> {
        if !round.shown(thresholds) {
            return Cases::TooFew {
                counted: round.responses + round.waiting,
            };
        }
        match &round.transfer {
            Some(transfer) => Cases::Shown(transfer),
            None => Cases::NoTransfer,
        }
    }
}

/// The shares and the interview guide as Markdown, for an initiative's round `days` after its
/// end; `beneficiary` is the project's word for whoever should be better off.
pub fn markdown(
    title: &str,
    days: u32,
    transfer: Option<&Transfer>,
    thresholds: Thresholds,
    beneficiary: &str,
) -> String {
    let mut out = format!(
        "# {}\n\n",
        escape::markdown_text(&t!("cases.title", title = title, days = days))
    );
    match transfer {
        Some(transfer) => out.push_str(&shares_markdown(transfer)),
        None => out.push_str(&format!(
            "{}\n\n",
            t!("cases.too_few", min = thresholds.min_responses)
        )),
    }
    out.push_str(&format!(
        "## {}\n\n{}\n\n",
        t!("cases.guide"),
        t!("cases.ask")
    ));
    let questions = [
        t!("cases.q_did"),
        t!("cases.q_helped"),
        t!("cases.q_obstacles"),
        t!(
            "cases.q_difference",
            beneficiary = escape::markdown_text(beneficiary)
        ),
    ];
    for (i, question) in questions.iter().enumerate() {
        out.push_str(&format!("{}. {question}\n", i + 1));
    }
    out.push_str(&format!("\n{}\n", t!("cases.no_names")));
    out
}

/// The top and bottom of use and of confidence, and what got in the way most often.
fn shares_markdown(transfer: &Transfer) -> String {
    let (weekly, never) = transfer.use_extremes();
    let (sure, unsure) = transfer.confidence_extremes();
    let mut out = format!(
        "{}\n\n",
        t!("cases.respondents", count = transfer.respondents)
    );
    out.push_str(&format!(
        "| | {} | {} |\n|---|--:|--:|\n",
        t!("cases.top"),
        t!("cases.bottom")
    ));
    out.push_str(&format!(
        "| {} | {} | {} |\n",
        t!("cases.use"),
        percent(weekly),
        percent(never)
    ));
    out.push_str(&format!(
        "| {} | {} | {} |\n\n",
        t!("cases.confidence"),
        percent(sure),
        percent(unsure)
    ));
    let mut obstacles: Vec<(WhyNot, u32)> = WhyNot::ALL
        .iter()
        .map(|w| (*w, transfer.obstacles.get(w.key()).copied().unwrap_or(0)))
        .filter(|(_, n)| *n > 0)
        .collect();
    obstacles.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    if !obstacles.is_empty() {
        let named: Vec<String> = obstacles
            .iter()
            .map(|(w, n)| format!("{} {n}", w.label()))
            .collect();
        out.push_str(&format!(
            "{}\n\n",
            t!("cases.obstacles", named = named.join(" · "))
        ));
    }
    out
}
