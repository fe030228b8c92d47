//! Progress as a person reads it: an indicator from its baseline toward its target, and an
//! initiative's current step. The model says how far; the words are made here.

use crate::model::indicator::Indicator;
use crate::model::initiative::Initiative;
use crate::model::process::Model;
use crate::model::within_limit;
use crate::t;

/// An indicator's value as people write it: no decimals when there are none; "–" for what is
/// no number or beyond what an indicator may hold (a record can no longer hold one, but
/// nothing shows NaN, inf or a number of 300 digits).
pub fn value(value: f64) -> String {
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

/// "30 → 55 % (target 80 %), 50 % of the way"
pub fn of(indicator: &Indicator) -> String {
    at(indicator, indicator.latest().map(|m| m.value))
}

/// [`of`] with `now` as the latest value, when there is one.
pub fn at(indicator: &Indicator, now: Option<f64>) -> String {
    let unit = indicator
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let from = indicator.baseline.map(value);
    let share = now.and_then(|now| indicator.share_at(now));
    let now = now.map(value);
    let target = indicator.target.map(value);
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

/// The step an initiative is at, by its name, or "All done".
pub fn step(model: &Model, initiative: &Initiative) -> String {
    match model.current_step(initiative) {
        Some(step) => step.name(),
        None => t!("process.all_done"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator::tests::indicator;

    #[test]
    fn progress_runs_from_baseline_toward_target() {
        let i = indicator(Some(30.0), Some(80.0), &[45.0, 55.0]);
        assert_eq!(of(&i), "30 → 55 % (target 80 %), 50 % of the way");
        assert_eq!(
            of(&indicator(Some(30.0), Some(80.0), &[])),
            "30 % (target 80 %)"
        );
    }

    #[test]
    fn what_is_no_number_is_never_shown_as_nan_or_inf() {
        let i = indicator(Some(-1e308), Some(1e308), &[f64::NAN]);
        assert_eq!(of(&i), "– → – % (target – %)");
        let hair = indicator(Some(0.0), Some(1e-290), &[1e9]);
        assert_eq!(of(&hair), "0 → 1000000000 % (target 0.0 %)");
    }
}
