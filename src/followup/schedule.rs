//! What is due when: planned follow-ups, a model's deadlines (the tailored routine's proposal,
//! two weeks after the planning meeting), indicator measurements, evaluation surveys and the
//! principal's yearly December survey. Pure date arithmetic over a record.

use chrono::{Datelike, NaiveDate};

use crate::model::date::Date;
use crate::model::initiative::{FollowUp, Initiative, LEARNING_GOALS};
use crate::model::process::Model;
use crate::model::survey::Round;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueKind {
    FollowUp,
    Deadline,
    Measurement,
    Survey,
    YearlySurvey,
}

impl DueKind {
    pub fn key(self) -> &'static str {
        match self {
            DueKind::FollowUp => "follow-up",
            DueKind::Deadline => "deadline",
            DueKind::Measurement => "measurement",
            DueKind::Survey => "survey",
            DueKind::YearlySurvey => "yearly-survey",
        }
    }
}

/// Evidence that a follow-up was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// Survey answers imported on or after the follow-up's date.
    Survey,
    /// An indicator measured on or after it.
    Measurement,
    /// The follow-up step done on or after it.
    FollowUpStep,
}

impl Evidence {
    pub fn key(self) -> &'static str {
        match self {
            Evidence::Survey => "survey",
            Evidence::Measurement => "measurement",
            Evidence::FollowUpStep => "follow-up-step",
        }
    }
}

/// What there is to do, as data: the command line words it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    /// A follow-up so many days after the end.
    FollowUpDays(u32),
    /// A follow-up on a date of its own.
    FollowUp,
    /// Measure the indicator of this name.
    Measurement(String),
    /// The evaluation survey after the last session.
    Survey,
    /// A step's deadline (the step's name in lower case), and who it waits for, if anyone.
    Deadline {
        step: String,
        waiting: Option<String>,
    },
    /// The principal's December survey of this year.
    YearlySurvey(i32),
}

/// One thing to do by a date, for one initiative: what it shows of the initiative (its id,
/// title, unit and what would hold its follow-ups, [`closing_evidence`]) is the caller's to
/// keep, once for all of its items.
#[derive(Clone, Debug, PartialEq)]
pub struct DueItem {
    pub date: Date,
    pub kind: DueKind,
    pub what: Task,
    /// Missed follow-ups of the initiative before this one, which holding it holds too.
    pub earlier_missed: usize,
    /// A follow-up whose date has passed: what holds it is worth saying.
    pub missed: bool,
    /// Stable across runs, so a calendar updates the event instead of adding another.
    pub uid: String,
}

/// Days after the end when a record does not say: the project's `follow_up`.
pub struct Defaults<'a> {
    pub follow_up: &'a [u32],
}

/// The last day evidence of a follow-up arrived for an initiative: a measurement, a survey
/// import, or its follow-up step marked done. A follow-up counts as held when evidence is
/// dated on or after it. A recall is no evidence: it is someone's memory of the initiative,
/// not a follow-up of its use.
fn last_evidence(initiative: &Initiative) -> Option<Date> {
    let record = &initiative.record;
    let measurements = record
        .indicator
        .iter()
        .flat_map(|i| i.measurements.iter().map(|m| m.date));
    let survey = record.survey.as_ref().and_then(|s| s.imported);
    let follow_up_step = record.steps.get("follow-up").and_then(|s| s.done);
    measurements.chain(survey).chain(follow_up_step).max()
}

/// The evidence that can hold an initiative's follow-ups: survey answers always, a measurement
/// when it has indicators, the follow-up step when its model has one.
pub fn closing_evidence(initiative: &Initiative, model: &Model) -> Vec<Evidence> {
    let mut ways = vec![Evidence::Survey];
    if !initiative.record.indicator.is_empty() {
        ways.push(Evidence::Measurement);
    }
    if model.steps.iter().any(|s| s.id == "follow-up") {
        ways.push(Evidence::FollowUpStep);
    }
    ways
}

/// The latest date written anywhere in the record: its start and end, a step done, or any
/// activity. Where git knows nothing, it stands for when the record last changed.
pub fn latest_date(initiative: &Initiative) -> Option<Date> {
    let record = &initiative.record;
    let steps_done = record.steps.values().filter_map(|s| s.done);
    let recalls = record.recall.iter().map(|r| r.date);
    [record.start, record.end, last_evidence(initiative)]
        .into_iter()
        .flatten()
        .chain(steps_done)
        .chain(recalls)
        .max()
}

/// Everything `initiative` has coming or overdue: follow-ups, measurements and the survey
/// after its end, its steps' deadlines and the December survey.
pub fn due_items(initiative: &Initiative, model: &Model, defaults: &Defaults) -> Vec<DueItem> {
    // A need met without training has no later steps, follow-ups or surveys to wait for.
    if initiative.record.not_training() {
        return Vec::new();
    }
    let end = initiative.record.end.or(initiative.record.start);
    let mut items = match end {
        Some(end) => after_the_end(initiative, end, defaults),
        None => Vec::new(),
    };
    items.extend(deadlines(initiative, model));
    items.extend(end.and_then(|end| yearly_survey(initiative, model, end)));
    items
}

/// An item of `initiative`; `tag` tells it from the initiative's other items of its kind in
/// the calendar's event id: its place in its list or what it is for, never its date, so that
/// an event whose date moves keeps its identity. The record's `uid` (not its id) and the
/// unit's key (not its name) make the rest, so renaming either moves nothing either.
fn due_item(
    initiative: &Initiative,
    date: Date,
    kind: DueKind,
    tag: String,
    what: Task,
) -> DueItem {
    // `UNIT/KEY-KIND-TAG`, or `KEY-KIND-TAG`: put together piece by piece, since every item
    // of thousands has one and the formatting machinery cost more than the rest of the item.
    let (key, kind_key) = (initiative.calendar_key(), kind.key());
    let mut uid = String::with_capacity(key.len() + kind_key.len() + tag.len() + 34);
    // Two units may hold copies of one record; their events must not replace each other. The
    // organiser's own keep the ids they have in its calendar alone.
    if let Some(unit) = initiative.unit.as_ref().filter(|unit| !unit.key.is_empty()) {
        uid.push_str(&unit.key);
        uid.push('/');
    }
    for piece in [key, "-", kind_key, "-", &tag] {
        uid.push_str(piece);
    }
    DueItem {
        date,
        kind,
        what,
        uid,
        earlier_missed: 0,
        missed: false,
    }
}

/// What falls due after the initiative's end: its follow-ups not yet held, a measurement of
/// each indicator not measured since, and the survey after the last session.
fn after_the_end(initiative: &Initiative, end: Date, defaults: &Defaults) -> Vec<DueItem> {
    let record = &initiative.record;
    let mut items = Vec::new();
    let activity = last_evidence(initiative);
    let held = |date: Date| activity.is_some_and(|a| a >= date);
    let planned: Vec<FollowUp> = record.follow_up.clone().unwrap_or_else(|| {
        defaults
            .follow_up
            .iter()
            .map(|d| FollowUp::DaysAfterEnd(*d))
            .collect()
    });
    // A follow-up so many days after the end is also held by its survey round, whenever
    // that was imported.
    let round_imported = |days: u32| {
        let survey = record.survey.as_ref();
        let round = survey.and_then(|s| s.round(&Round::DaysAfterEnd(days)));
        round.is_some_and(|r| r.imported.is_some())
    };
    for (place, follow_up) in planned.iter().copied().enumerate() {
        let tag = (place + 1).to_string();
        let (date, what) = match follow_up {
            FollowUp::DaysAfterEnd(days) => (end.plus_days(days), Task::FollowUpDays(days)),
            FollowUp::On(date) => (date, Task::FollowUp),
        };
        let round_held = matches!(follow_up, FollowUp::DaysAfterEnd(days) if round_imported(days));
        if !held(date) && !round_held {
            items.push(due_item(initiative, date, DueKind::FollowUp, tag, what));
        }
    }
    items.extend(measurements(initiative, end, &planned));
    let has_goals = !initiative.learning_goals().is_empty();
    let evaluated = initiative.step_done("follow-up");
    // Already followed up after the last session: a survey then is no longer the point.
    if has_goals && record.survey.is_none() && !evaluated && !held(end) {
        let tag = "last-session".to_string();
        items.push(due_item(
            initiative,
            end,
            DueKind::Survey,
            tag,
            Task::Survey,
        ));
    }
    items
}

/// A measurement of each indicator not measured since the end, at the first planned follow-up
/// in days (the record's own, else the project's).
fn measurements(initiative: &Initiative, end: Date, planned: &[FollowUp]) -> Vec<DueItem> {
    let first_follow_up = planned
        .iter()
        .filter_map(|f| match f {
            FollowUp::DaysAfterEnd(days) => Some(*days),
            FollowUp::On(_) => None,
        })
        .min()
        .unwrap_or(30);
    let mut items = Vec::new();
    for (place, indicator) in initiative.record.indicator.iter().enumerate() {
        let measured_after = indicator.measurements.iter().any(|m| m.date > end);
        if !measured_after {
            let tag = (place + 1).to_string();
            let what = Task::Measurement(indicator.name.clone());
            let date = end.plus_days(first_follow_up);
            items.push(due_item(initiative, date, DueKind::Measurement, tag, what));
        }
    }
    items
}

/// The deadlines of the steps not done yet that the process model dates, until they are met.
fn deadlines(initiative: &Initiative, model: &Model) -> Vec<DueItem> {
    let mut items = Vec::new();
    for step in &model.steps {
        let done = initiative.step_done(&step.id);
        let deadline = model.deadline(step, initiative).filter(|_| !done);
        if let Some((date, waiting)) = deadline.and_then(|d| Some((d.date?, d.waiting))) {
            let what = Task::Deadline {
                step: step.name().to_lowercase(),
                waiting,
            };
            items.push(due_item(
                initiative,
                date,
                DueKind::Deadline,
                step.id.clone(),
                what,
            ));
        }
    }
    items
}

/// The answer that says the December survey was answered, as (step, question key).
const DECEMBER_SURVEY: (&str, &str) = ("follow-up", "december_survey");

/// The answers [`due_items`] asks for by name; of the others, it reads only those that are
/// dates (`Answers::Dated`): whether learning goals were set, and the December survey.
pub const NAMED_ANSWERS: &[(&str, &str)] = &[LEARNING_GOALS[0], LEARNING_GOALS[1], DECEMBER_SURVEY];

/// The tailored routine: the principal answers a survey each December (the 15th of the year
/// the initiative ended) about the year's initiatives, until the record says it was answered.
fn yearly_survey(initiative: &Initiative, model: &Model, end: Date) -> Option<DueItem> {
    let yearly = super::december::asks_yearly(model);
    let answered = initiative
        .record
        .steps
        .get(DECEMBER_SURVEY.0)
        .and_then(|s| s.answers.get(DECEMBER_SURVEY.1))
        .and_then(toml::Value::as_bool)
        == Some(true);
    if !yearly || answered {
        return None;
    }
    let year = end.0.year();
    let december = NaiveDate::from_ymd_opt(year, 12, 15).map(Date)?;
    let what = Task::YearlySurvey(year);
    // One a record: when its end moves into another year, the survey moves with it.
    Some(due_item(
        initiative,
        december,
        DueKind::YearlySurvey,
        "december".to_string(),
        what,
    ))
}

/// The days `due` shows: from `from` to `until`, and what is overdue when `overdue`.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub from: Date,
    pub until: Date,
    pub overdue: bool,
}

impl Window {
    /// From today to `days` days ahead, with what is overdue.
    pub fn within(today: Date, days: u32) -> Window {
        Window {
            from: today,
            until: today.plus_days(days),
            overdue: true,
        }
    }

    fn shows(&self, date: Date, today: Date) -> bool {
        if date < today {
            self.overdue
        } else {
            self.from <= date && date <= self.until
        }
    }
}

/// The items of one initiative to show on `today`: what falls due in the window and, unless
/// left out, everything overdue, soonest first. Of its overdue follow-ups only the latest is
/// shown, saying how many earlier ones were missed: holding it holds those too.
pub fn upcoming(mut items: Vec<DueItem>, today: Date, window: Window) -> Vec<DueItem> {
    items.retain(|item| window.shows(item.date, today));
    let missed = |item: &DueItem| item.kind == DueKind::FollowUp && item.date < today;
    let missed_dates = items
        .iter()
        .filter(|item| missed(item))
        .map(|item| item.date);
    let count = missed_dates.clone().count();
    if let Some(latest) = missed_dates.max() {
        items.retain(|item| !missed(item) || item.date == latest);
        for item in items.iter_mut().filter(|item| missed(item)) {
            item.earlier_missed = count - 1;
            item.missed = true;
        }
    }
    items.sort_by_key(|item| (item.date, item.kind));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::Unit;
    use crate::record::process_files::built_in;
    use crate::record::store;
    use std::path::Path;

    fn initiative(text: &str) -> Initiative {
        Initiative {
            id: "x".into(),
            path: "x.toml".into(),
            record: store::parse_record(Path::new("x.toml"), text).unwrap(),
            unit: None,
        }
    }

    fn dates(items: &[DueItem], kind: DueKind) -> Vec<String> {
        items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.date.to_string())
            .collect()
    }

    #[test]
    fn follow_ups_count_from_the_end_across_month_ends_and_leap_years() {
        let six = built_in("six-step").unwrap();
        let defaults = Defaults {
            follow_up: &[30, 90, 180],
        };
        let i =
            initiative("title = \"x\"\nkind = \"other\"\nstart = 2024-01-10\nend = 2024-01-31\n");
        // 2024 is a leap year: 31 Jan + 30 days = 1 Mar; + 90 = 30 Apr; + 180 = 29 Jul
        assert_eq!(
            dates(&due_items(&i, &six, &defaults), DueKind::FollowUp),
            ["2024-03-01", "2024-04-30", "2024-07-29"]
        );
        let j = initiative(
            "title = \"x\"\nkind = \"other\"\nend = 2023-01-31\nfollow_up = [30, 2023-12-31]\n",
        );
        assert_eq!(
            dates(&due_items(&j, &six, &defaults), DueKind::FollowUp),
            ["2023-03-02", "2023-12-31"]
        );
    }

    #[test]
    fn a_follow_up_is_held_when_something_happened_on_or_after_it() {
        let six = built_in("six-step").unwrap();
        let defaults = Defaults {
            follow_up: &[30, 90],
        };
        let i = initiative(
            "title = \"x\"\nkind = \"other\"\nend = 2025-01-01\n[[recall]]\nby = \"A\"\ndate = 2025-03-15\nself = 2\n[[indicator]]\nname = \"n\"\nmeasurements = [{ date = 2025-02-15, value = 1 }]\n",
        );
        // 31 Jan is held by the measurement of 15 Feb; 1 Apr is not, and the recall of
        // 15 Mar, someone's memory, holds nothing.
        let items = due_items(&i, &six, &defaults);
        assert_eq!(dates(&items, DueKind::FollowUp), ["2025-04-01"]);
        assert_eq!(
            closing_evidence(&i, &six),
            [
                Evidence::Survey,
                Evidence::Measurement,
                Evidence::FollowUpStep
            ]
        );
    }

    #[test]
    fn the_tailored_proposal_and_december_survey_are_scheduled() {
        let tailored = built_in("tailored").unwrap();
        let i = initiative(
            "title = \"x\"\nkind = \"other\"\nprocess = \"tailored\"\nstart = 2026-02-01\n[steps.planning]\nmeeting_date = 2026-01-20\ndone = 2026-01-21\n",
        );
        let items = due_items(&i, &tailored, &Defaults { follow_up: &[] });
        assert_eq!(dates(&items, DueKind::Deadline), ["2026-02-03"]);
        assert_eq!(dates(&items, DueKind::YearlySurvey), ["2026-12-15"]);
        let uids: Vec<&str> = items.iter().map(|i| i.uid.as_str()).collect();
        assert!(uids.contains(&"x-deadline-proposal"), "{uids:?}");
    }

    #[test]
    fn upcoming_keeps_the_overdue_and_the_near_soonest_first() {
        let six = built_in("six-step").unwrap();
        let i = initiative("title = \"x\"\nkind = \"other\"\nend = 2025-01-01\n");
        let items = due_items(
            &i,
            &six,
            &Defaults {
                follow_up: &[30, 90, 400],
            },
        );
        let today = Date::parse("2025-03-01").unwrap();
        let shown = upcoming(items.clone(), today, Window::within(today, 60));
        assert_eq!(
            dates(&shown, DueKind::FollowUp),
            ["2025-01-31", "2025-04-01"]
        );
        // later, with two follow-ups missed, only the latest shows, counting the other
        let today = Date::parse("2025-06-01").unwrap();
        let shown = upcoming(items, today, Window::within(today, 30));
        assert_eq!(dates(&shown, DueKind::FollowUp), ["2025-04-01"]);
        let follow_up = shown.iter().find(|i| i.kind == DueKind::FollowUp).unwrap();
        assert_eq!(follow_up.what, Task::FollowUpDays(90));
        assert_eq!(follow_up.earlier_missed, 1);
        assert!(follow_up.missed);
        assert_eq!(
            closing_evidence(&i, &six),
            [Evidence::Survey, Evidence::FollowUpStep]
        );
    }

    /// A follow-up as written in a record: days after the end, or a date in 2025–2027.
    fn follow_up_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            (0u32..400).prop_map(|days| days.to_string()),
            (0i64..1000).prop_map(|offset| {
                Date::parse("2025-01-01")
                    .unwrap()
                    .plus_days(offset as u32)
                    .to_string()
            }),
        ]
    }

    proptest::proptest! {
        /// Whatever the record's id, end and follow-up dates become, and whatever its unit is
        /// called, each follow-up keeps its event's identity: the uid, the unit's key and its
        /// place in the list.
        #[test]
        fn an_event_keeps_its_uid_whatever_its_dates_id_and_unit_name(
            before in proptest::collection::vec(follow_up_text(), 1..5),
            moved in proptest::collection::vec(follow_up_text(), 5),
            ends in (0u32..700, 0u32..700),
            names in ("[A-Za-zåäö ]{1,12}", "[A-Za-zåäö ]{1,12}"),
        ) {
            let six = built_in("six-step").unwrap();
            let record = |follow_ups: &[String], end: u32| {
                let end = Date::parse("2024-01-01").unwrap().plus_days(end);
                format!(
                    "title = \"x\"\nkind = \"other\"\nend = {end}\nuid = \"3f6c\"\nfollow_up = [{}]\n",
                    follow_ups.join(", ")
                )
            };
            let after: Vec<String> = moved[..before.len()].to_vec();
            let mut first = initiative(&record(&before, ends.0));
            first.unit = Some(Unit::new(&names.0, "../skolor/ek", false));
            let mut second = initiative(&record(&after, ends.1));
            second.id = "nytt-id".into();
            second.unit = Some(Unit::new(&names.1, "../skolor/ek", false));
            let uids = |i: &Initiative| -> Vec<String> {
                due_items(i, &six, &Defaults { follow_up: &[] })
                    .into_iter()
                    .filter(|item| item.kind == DueKind::FollowUp)
                    .map(|item| item.uid)
                    .collect()
            };
            let expected: Vec<String> = (1..=before.len())
                .map(|n| format!("../skolor/ek/3f6c-follow-up-{n}"))
                .collect();
            proptest::prop_assert_eq!(uids(&first), expected.clone());
            proptest::prop_assert_eq!(uids(&second), expected);
        }
    }
}
