//! Recalled impact: what the look-back's ratings add up to, per initiative and across them.
//! Pure arithmetic on records; no terminal, no formatting.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::recall::{Audience, Recall, Why};
use crate::model::vocabulary::{Kind, Learning, Vocabulary};

/// An initiative counts as having stuck from this mean on (2 = "stuck").
pub const STUCK: f64 = 2.0;

/// The means of one initiative's ratings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Impact {
    pub self_: Option<f64>,
    pub leadership: Option<f64>,
    pub staff: Option<f64>,
    /// The mean of every rating of every person, all audiences together.
    pub overall: Option<f64>,
    /// How many people rated it.
    pub raters: usize,
    /// Each reason it stuck, with how many people named it.
    pub why: Vec<(Why, usize)>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}

impl Impact {
    /// Each person's latest recall counts: a new round of the look-back replaces what the same
    /// person said a year ago instead of averaging with it.
    pub fn of(all: &[Recall]) -> Impact {
        let mut latest: Vec<&Recall> = Vec::new();
        for recall in all {
            match latest.iter_mut().find(|r| r.by == recall.by) {
                Some(kept) if kept.date <= recall.date => *kept = recall,
                Some(_) => {}
                None => latest.push(recall),
            }
        }
        let recalls = latest;
        let scores = |audience: Audience| {
            recalls
                .iter()
                .filter_map(move |r| r.score(audience))
                .map(|s| f64::from(s.value()))
        };
        let mut why: BTreeMap<Why, usize> = BTreeMap::new();
        for recall in &recalls {
            let mut named = recall.why.clone();
            named.sort();
            named.dedup();
            for reason in named {
                *why.entry(reason).or_default() += 1;
            }
        }
        let mut why: Vec<(Why, usize)> = why.into_iter().collect();
        why.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Impact {
            self_: mean(scores(Audience::SelfPersonally)),
            leadership: mean(scores(Audience::Leadership)),
            staff: mean(scores(Audience::Staff)),
            overall: mean(Audience::ALL.iter().flat_map(|a| scores(*a))),
            raters: recalls
                .iter()
                .filter(|r| Audience::ALL.iter().any(|a| r.score(*a).is_some()))
                .map(|r| r.by.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            why,
        }
    }

    pub fn stuck(&self) -> Option<bool> {
        self.overall.map(|o| o >= STUCK)
    }

    pub fn names(&self, why: Why) -> bool {
        self.why.iter().any(|(w, _)| *w == why)
    }
}

/// The look-back's window: initiatives dated from `since` to `until`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub since: Date,
    pub until: Date,
}

impl Period {
    /// An initiative's date for the period: its start, else its end.
    pub fn date_of(initiative: &Initiative) -> Option<Date> {
        initiative.record.start.or(initiative.record.end)
    }

    pub fn contains(&self, initiative: &Initiative) -> bool {
        Period::date_of(initiative).is_some_and(|d| self.since <= d && d <= self.until)
    }
}

/// One initiative in the summary.
#[derive(Clone, Debug)]
pub struct Rated<'a> {
    pub initiative: &'a Initiative,
    pub impact: Impact,
    /// 1 for the most impact; `None` while unrated.
    pub rank: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Impact,
    Date,
    Title,
}

/// Ranks initiatives by overall impact: highest first, unrated last; ties by date, then
/// title. Ranks follow that order; `sort` only changes the order of the rows.
pub fn rank(initiatives: &[Initiative], sort: SortBy) -> Vec<Rated<'_>> {
    use rayon::prelude::*;
    // Each impact is independent of the others; thousands are computed on all cores.
    let mut rows: Vec<Rated> = initiatives
        .par_iter()
        .map(|initiative| Rated {
            initiative,
            impact: Impact::of(&initiative.record.recall),
            rank: None,
        })
        .collect();
    rows.sort_by(|a, b| {
        let by_impact = match (a.impact.overall, b.impact.overall) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_impact.then_with(|| chronological(a, b))
    });
    for (n, row) in rows
        .iter_mut()
        .filter(|r| r.impact.overall.is_some())
        .enumerate()
    {
        row.rank = Some(n + 1);
    }
    match sort {
        SortBy::Impact => {}
        SortBy::Date => rows.sort_by(chronological),
        SortBy::Title => rows.sort_by(|a, b| {
            let title = |r: &Rated| r.initiative.record.title.to_lowercase();
            title(a).cmp(&title(b)).then_with(|| chronological(a, b))
        }),
    }
    rows
}

/// By date (undated last), then title, then id: the tie-breaker everywhere.
fn chronological(a: &Rated, b: &Rated) -> Ordering {
    let key = |r: &Rated| {
        let date = Period::date_of(r.initiative);
        (date.is_none(), date)
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| a.initiative.record.title.cmp(&b.initiative.record.title))
        .then_with(|| a.initiative.id.cmp(&b.initiative.id))
}

/// How initiatives can be grouped to compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Kind,
    Learning,
    WholeStaff,
    Spread,
}

impl GroupBy {
    /// The group of an initiative: a stable key and its label in the user's language.
    pub fn group_of(self, initiative: &Initiative) -> (String, String) {
        let record = &initiative.record;
        match self {
            GroupBy::Kind => (record.kind.key().to_string(), record.kind.label()),
            GroupBy::Learning => match record.learning {
                Some(learning) => (learning.key().to_string(), learning.label()),
                None => ("unknown".to_string(), crate::t!("patterns.unknown")),
            },
            GroupBy::WholeStaff if record.whole_staff => {
                ("whole-staff".into(), crate::t!("patterns.whole_staff"))
            }
            GroupBy::WholeStaff => ("part-of-staff".into(), crate::t!("patterns.part_of_staff")),
            GroupBy::Spread if initiative.is_one_off() => {
                ("one-off".into(), crate::t!("patterns.one_off"))
            }
            GroupBy::Spread => ("spread".into(), crate::t!("patterns.spread")),
        }
    }

    /// The order groups are listed in: the vocabulary's order, so tables compare across runs.
    fn order(self, key: &str) -> usize {
        let position = |keys: Vec<&str>| keys.iter().position(|k| *k == key).unwrap_or(usize::MAX);
        match self {
            GroupBy::Kind => position(Kind::ALL.iter().map(|k| k.key()).collect()),
            GroupBy::Learning => position(Learning::ALL.iter().map(|l| l.key()).collect()),
            GroupBy::WholeStaff => position(vec!["whole-staff", "part-of-staff"]),
            GroupBy::Spread => position(vec!["spread", "one-off"]),
        }
    }
}

/// The ratings of a group of initiatives. Each initiative weighs the same, however many
/// people rated it: the means are means of the initiatives' means.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub key: String,
    pub label: String,
    pub initiatives: usize,
    pub rated: usize,
    pub self_: Option<f64>,
    pub leadership: Option<f64>,
    pub staff: Option<f64>,
    pub overall: Option<f64>,
}

pub fn group(rows: &[Rated], by: GroupBy) -> Vec<Group> {
    let mut groups: BTreeMap<String, (String, Vec<&Impact>)> = BTreeMap::new();
    for row in rows {
        let (key, label) = by.group_of(row.initiative);
        groups
            .entry(key)
            .or_insert_with(|| (label, Vec::new()))
            .1
            .push(&row.impact);
    }
    let mut result: Vec<Group> = groups
        .into_iter()
        .map(|(key, (label, impacts))| Group {
            key,
            label,
            initiatives: impacts.len(),
            rated: impacts.iter().filter(|i| i.overall.is_some()).count(),
            self_: mean(impacts.iter().filter_map(|i| i.self_)),
            leadership: mean(impacts.iter().filter_map(|i| i.leadership)),
            staff: mean(impacts.iter().filter_map(|i| i.staff)),
            overall: mean(impacts.iter().filter_map(|i| i.overall)),
        })
        .collect();
    result.sort_by_key(|g| by.order(&g.key));
    result
}

/// How often a reason was named among initiatives that stuck and among those that did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyPattern {
    pub why: Why,
    pub stuck_naming: usize,
    pub stuck: usize,
    pub not_stuck_naming: usize,
    pub not_stuck: usize,
}

/// What the rated initiatives have in common: the patterns below the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct Patterns {
    pub by_kind: Vec<Group>,
    pub whole_staff: Vec<Group>,
    pub spread: Vec<Group>,
    pub why: Vec<WhyPattern>,
}

pub fn patterns(rows: &[Rated]) -> Patterns {
    let rated: Vec<&Rated> = rows.iter().filter(|r| r.impact.overall.is_some()).collect();
    let stuck: Vec<&&Rated> = rated
        .iter()
        .filter(|r| r.impact.stuck() == Some(true))
        .collect();
    let not_stuck: Vec<&&Rated> = rated
        .iter()
        .filter(|r| r.impact.stuck() == Some(false))
        .collect();
    let why = Why::ALL
        .iter()
        .map(|&why| WhyPattern {
            why,
            stuck_naming: stuck.iter().filter(|r| r.impact.names(why)).count(),
            stuck: stuck.len(),
            not_stuck_naming: not_stuck.iter().filter(|r| r.impact.names(why)).count(),
            not_stuck: not_stuck.len(),
        })
        .collect();
    Patterns {
        by_kind: group(rows, GroupBy::Kind),
        whole_staff: group(rows, GroupBy::WholeStaff),
        spread: group(rows, GroupBy::Spread),
        why,
    }
}

/// The look-back covers the last two years unless told otherwise.
pub const DEFAULT_MONTHS: u32 = 24;

impl Period {
    /// `until` defaults to today; `since` to `months` (default 24) before `until`.
    pub fn resolve(
        since: Option<Date>,
        until: Option<Date>,
        months: Option<u32>,
        today: Date,
    ) -> Result<Period, String> {
        let until = until.unwrap_or(today);
        let since = since.unwrap_or_else(|| until.months_before(months.unwrap_or(DEFAULT_MONTHS)));
        if since > until {
            return Err(crate::t!("period.reversed", since = since, until = until));
        }
        Ok(Period { since, until })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::store;
    use std::path::Path;

    fn initiative(id: &str, title: &str, start: &str, extra: &str) -> Initiative {
        let text = format!("title = \"{title}\"\nkind = \"study-day\"\nstart = {start}\n{extra}");
        Initiative {
            id: id.into(),
            path: format!("{id}.toml").into(),
            record: store::parse_record(Path::new("x.toml"), &text).unwrap(),
        }
    }

    const TWO_RATERS: &str = r#"
[[recall]]
by = "Anna"
date = 2026-11-20
self = 4
leadership = 3
why = ["need", "discussion"]

[[recall]]
by = "Erik"
date = 2026-11-20
self = 2
staff = 1
why = ["discussion"]
"#;

    #[test]
    fn means_by_audience_and_overall_with_missing_audiences() {
        let a = initiative("a", "A", "2025-01-01", TWO_RATERS);
        let impact = Impact::of(&a.record.recall);
        assert_eq!(impact.self_, Some(3.0)); // (4 + 2) / 2
        assert_eq!(impact.leadership, Some(3.0)); // Anna only
        assert_eq!(impact.staff, Some(1.0)); // Erik only
        assert_eq!(impact.overall, Some(2.5)); // (4 + 3 + 2 + 1) / 4
        assert_eq!(impact.raters, 2);
        assert_eq!(impact.why, vec![(Why::Discussion, 2), (Why::Need, 1)]);
        assert_eq!(impact.stuck(), Some(true));
    }

    #[test]
    fn unrated_initiatives_have_no_impact_and_rank_last() {
        let rated = initiative(
            "r",
            "Rated",
            "2025-06-01",
            "[[recall]]\nby = \"A\"\ndate = 2026-01-01\nstaff = 0\n",
        );
        let unrated = initiative("u", "Unrated", "2025-01-01", "");
        let all = [unrated, rated];
        let rows = rank(&all, SortBy::Impact);
        assert_eq!(rows[0].initiative.id, "r");
        assert_eq!(rows[0].rank, Some(1));
        assert_eq!(rows[0].impact.overall, Some(0.0));
        assert_eq!(rows[1].rank, None);
        assert_eq!(rows[1].impact, Impact::default());
    }

    #[test]
    fn ties_are_broken_by_date_then_title() {
        let recall = "[[recall]]\nby = \"A\"\ndate = 2026-01-01\nself = 3\n";
        let late = initiative("late", "A late one", "2025-09-01", recall);
        let early_b = initiative("eb", "B early", "2025-02-01", recall);
        let early_a = initiative("ea", "A early", "2025-02-01", recall);
        let best = initiative(
            "best",
            "Z best",
            "2025-12-01",
            "[[recall]]\nby = \"A\"\ndate = 2026-01-01\nself = 4\n",
        );
        let all = [late, early_b, best, early_a];
        let rows = rank(&all, SortBy::Impact);
        let ids: Vec<&str> = rows.iter().map(|r| r.initiative.id.as_str()).collect();
        assert_eq!(ids, ["best", "ea", "eb", "late"]);
        let ranks: Vec<Option<usize>> = rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), Some(3), Some(4)]);
        // sorting by title keeps each row's rank
        let by_title = rank(&all, SortBy::Title);
        assert_eq!(by_title[0].initiative.id, "ea");
        assert_eq!(by_title[0].rank, Some(2));
    }

    #[test]
    fn groups_weigh_each_initiative_once_and_patterns_split_on_stuck() {
        let whole = "whole_staff = true\nsessions = 6\n";
        let a = initiative("a", "A", "2025-01-01", &format!("{whole}{TWO_RATERS}")); // overall 2.5
        let b = initiative(
            "b",
            "B",
            "2025-02-01",
            "sessions = 1\n[[recall]]\nby = \"A\"\ndate = 2026-01-01\nself = 1\nstaff = 0\nwhy = [\"delivery\"]\n",
        ); // overall 0.5
        let c = initiative("c", "C", "2025-03-01", ""); // unrated
        let all = [a, b, c];
        let rows = rank(&all, SortBy::Impact);
        let kinds = group(&rows, GroupBy::Kind);
        assert_eq!(kinds.len(), 1);
        assert_eq!((kinds[0].initiatives, kinds[0].rated), (3, 2));
        assert_eq!(kinds[0].overall, Some(1.5)); // (2.5 + 0.5) / 2
        let staff = group(&rows, GroupBy::WholeStaff);
        assert_eq!(staff[0].key, "whole-staff");
        assert_eq!(staff[0].overall, Some(2.5));
        assert_eq!(staff[1].overall, Some(0.5));
        let spread = group(&rows, GroupBy::Spread);
        assert_eq!(
            (spread[0].key.as_str(), spread[0].initiatives),
            ("spread", 1)
        );
        let patterns = patterns(&rows);
        let discussion = patterns
            .why
            .iter()
            .find(|w| w.why == Why::Discussion)
            .unwrap();
        assert_eq!((discussion.stuck_naming, discussion.stuck), (1, 1));
        assert_eq!((discussion.not_stuck_naming, discussion.not_stuck), (0, 1));
        let delivery = patterns
            .why
            .iter()
            .find(|w| w.why == Why::Delivery)
            .unwrap();
        assert_eq!((delivery.stuck_naming, delivery.not_stuck_naming), (0, 1));
    }
}
