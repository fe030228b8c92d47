//! Recalled impact: what the look-back's ratings add up to, per initiative and across them.
//! Pure arithmetic on records; no terminal, no formatting.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::error::lookback::ReversedPeriod;
use crate::i18n::labels::{pattern_group, Labelled};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::recall::{Audience, Recall, Why, WhyNot};
use crate::model::vocabulary::{Kind, Learning, Vocabulary};
use crate::order;

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
    /// Each reason it did not stick, with how many people named it.
    pub why_not: Vec<(WhyNot, usize)>,
    /// How many of the raters named it before seeing the list.
    pub unaided: usize,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}

/// Whether an entry counts for the look-back as it stood on `until`: dated on or before it,
/// and finished (an interview stopped halfway is kept, but is not yet a rating).
pub fn counts_on(recall: &Recall, until: Date) -> bool {
    recall.date <= until && !recall.incomplete
}

/// Each person's latest entry that counts on `until`. Two entries of one person and one day
/// (only from hand edits) leave the later one in the file.
pub fn latest_on(all: &[Recall], until: Date) -> Vec<&Recall> {
    latest(all.iter().filter(|r| counts_on(r, until)))
}

/// Each person's latest of `entries`.
fn latest<'a>(entries: impl Iterator<Item = &'a Recall>) -> Vec<&'a Recall> {
    let mut latest: Vec<&Recall> = Vec::new();
    for recall in entries {
        match latest.iter_mut().find(|r| r.by == recall.by) {
            Some(kept) if kept.date <= recall.date => *kept = recall,
            Some(_) => {}
            None => latest.push(recall),
        }
    }
    latest
}

/// How many entries name each word, each entry counting a word once; most named first.
fn tally<W: Ord + Copy>(recalls: &[&Recall], words: impl Fn(&Recall) -> &[W]) -> Vec<(W, usize)> {
    let mut counts: BTreeMap<W, usize> = BTreeMap::new();
    for recall in recalls {
        let mut named = words(recall).to_vec();
        named.sort();
        named.dedup();
        for word in named {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut counts: Vec<(W, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// The entries with a note, dated on or before `until`, oldest first: every round's words,
/// not only the latest.
pub fn notes_on(all: &[Recall], until: Date) -> Vec<&Recall> {
    let mut notes: Vec<&Recall> = all
        .iter()
        .filter(|r| r.date <= until && r.note.as_deref().is_some_and(|n| !n.trim().is_empty()))
        .collect();
    notes.sort_by_key(|r| r.date);
    notes
}

impl Impact {
    /// The ratings as they stood on `until`: each person's latest finished entry dated on or
    /// before it counts, so a new round of the look-back replaces what the same person said
    /// a year ago instead of averaging with it, and a later round never changes an earlier
    /// table.
    pub fn on(all: &[Recall], until: Date) -> Impact {
        Impact::of_latest(&latest_on(all, until))
    }

    /// The ratings of entries already picked, one per person.
    pub fn of_latest(recalls: &[&Recall]) -> Impact {
        let scores = |audience: Audience| {
            recalls
                .iter()
                .filter_map(move |r| r.score(audience))
                .map(|s| f64::from(s.value()))
        };
        let rating: Vec<&&Recall> = recalls.iter().filter(|r| r.has_scores()).collect();
        Impact {
            self_: mean(scores(Audience::SelfPersonally)),
            leadership: mean(scores(Audience::Leadership)),
            staff: mean(scores(Audience::Staff)),
            overall: mean(Audience::ALL.iter().flat_map(|a| scores(*a))),
            raters: rating.len(),
            why: tally(recalls, |r| &r.why),
            why_not: tally(recalls, |r| &r.why_not),
            unaided: rating.iter().filter(|r| r.unaided).count(),
        }
    }

    pub fn stuck(&self) -> Option<bool> {
        self.overall.map(|o| o >= STUCK)
    }

    pub fn names(&self, why: Why) -> bool {
        self.why.iter().any(|(w, _)| *w == why)
    }

    pub fn names_why_not(&self, why_not: WhyNot) -> bool {
        self.why_not.iter().any(|(w, _)| *w == why_not)
    }
}

/// Entries this many days apart belong to the same round of the look-back: a session
/// stopped on Monday and resumed on Thursday is one round.
pub const ROUND_DAYS: u64 = 30;

/// One round of an initiative's look-back: its first and last day and its ratings.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub since: Date,
    pub until: Date,
    pub impact: Impact,
}

/// The rounds of the finished entries dated on or before `until`, oldest first. A round
/// starts with an entry more than [`ROUND_DAYS`] after the start of the one before; its
/// ratings are each person's latest entry in it.
pub fn rounds(all: &[Recall], until: Date) -> Vec<Round> {
    let mut entries: Vec<&Recall> = all.iter().filter(|r| counts_on(r, until)).collect();
    entries.sort_by_key(|r| r.date);
    let mut groups: Vec<Vec<&Recall>> = Vec::new();
    for entry in entries {
        match groups.last_mut() {
            Some(group) if (entry.date.0 - group[0].date.0).num_days() <= ROUND_DAYS as i64 => {
                group.push(entry)
            }
            _ => groups.push(vec![entry]),
        }
    }
    groups
        .into_iter()
        .map(|group| Round {
            since: group[0].date,
            until: group[group.len() - 1].date,
            impact: Impact::of_latest(&latest(group.iter().copied())),
        })
        .collect()
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

/// Ranks initiatives by overall impact as it stood on `until`: highest first, unrated last;
/// ties by date, then title. Ranks follow that order; `sort` only changes the order of the rows.
pub fn rank(initiatives: &[Initiative], sort: SortBy, until: Date) -> Vec<Rated<'_>> {
    use rayon::prelude::*;
    // Each impact is independent of the others; thousands are computed on all cores.
    let rows: Vec<Rated> = initiatives
        .par_iter()
        .map(|initiative| Rated {
            initiative,
            // A need met without training is no initiative of learning: never ranked.
            impact: if initiative.record.not_training() {
                Impact::default()
            } else {
                Impact::on(&initiative.record.recall, until)
            },
            rank: None,
        })
        .collect();
    // Highest first, unrated last, then by date: small keys, sorted on all cores.
    let by_impact = |r: &Rated| {
        let overall = r.impact.overall;
        let highest_first = overall.map(|x| std::cmp::Reverse(total_order(x)));
        (overall.is_none(), highest_first, date_key(r))
    };
    let mut rows = order::by_key(rows, |_, r| by_impact(r), by_title);
    for (n, row) in rows
        .iter_mut()
        .filter(|r| r.impact.overall.is_some())
        .enumerate()
    {
        row.rank = Some(n + 1);
    }
    match sort {
        SortBy::Impact => rows,
        SortBy::Date => order::by_key(rows, |_, r| date_key(r), by_title),
        SortBy::Title => order::by_key(
            rows,
            |_, r| r.initiative.record.title.to_lowercase(),
            |a, b| date_key(a).cmp(&date_key(b)).then_with(|| by_title(a, b)),
        ),
    }
}

/// By date, undated last: with [`by_title`], the tie-breaker everywhere.
fn date_key(r: &Rated) -> (bool, Option<Date>) {
    let date = Period::date_of(r.initiative);
    (date.is_none(), date)
}

/// By title, then id.
fn by_title(a: &Rated, b: &Rated) -> Ordering {
    (a.initiative.record.title.cmp(&b.initiative.record.title))
        .then_with(|| a.initiative.id.cmp(&b.initiative.id))
}

/// `f64::total_cmp`'s order as an integer, so that it sorts as a plain key.
fn total_order(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// How initiatives can be grouped to compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Kind,
    Learning,
    WholeStaff,
    Spread,
    /// The unit, in an organiser's view of several projects.
    Unit,
    Owner,
    Process,
    /// Each of its themes: an initiative with two themes is in both groups.
    Theme,
    /// Each of the plan's goals it serves.
    Goal,
}

impl GroupBy {
    /// The keys of an initiative's groups, stable whatever the language: one, but for themes
    /// and goals, of which an initiative may have several (or none).
    fn keys_of(self, initiative: &Initiative) -> Vec<Cow<'_, str>> {
        let record = &initiative.record;
        let key = match self {
            GroupBy::Theme | GroupBy::Goal => return self.words_of(initiative),
            GroupBy::Kind => record.kind.key(),
            GroupBy::Learning => record.learning.map_or(NOT_STATED, |l| l.key()),
            GroupBy::WholeStaff if record.whole_staff => "whole-staff",
            GroupBy::WholeStaff => "part-of-staff",
            GroupBy::Spread if initiative.is_one_off() => "one-off",
            GroupBy::Spread => "spread",
            GroupBy::Unit => initiative.unit.as_ref().map_or(NOT_STATED, |u| &*u.name),
            GroupBy::Owner => owner(initiative).unwrap_or(NOT_STATED),
            GroupBy::Process => record.process.as_deref().unwrap_or(NOT_STATED),
        };
        vec![Cow::Borrowed(key)]
    }

    /// An initiative's themes or goals as keys: trimmed, in lower case, each once.
    fn words_of(self, initiative: &Initiative) -> Vec<Cow<'_, str>> {
        let mut keys: Vec<Cow<str>> = Vec::new();
        for word in self.words(initiative) {
            let key = word.trim().to_lowercase();
            if !key.is_empty() && !keys.iter().any(|k| *k == key) {
                keys.push(Cow::Owned(key));
            }
        }
        if keys.is_empty() {
            keys.push(Cow::Borrowed(NOT_STATED));
        }
        keys
    }

    fn words(self, initiative: &Initiative) -> &[String] {
        match self {
            GroupBy::Theme => &initiative.record.themes,
            GroupBy::Goal => &initiative.record.goals,
            _ => &[],
        }
    }

    /// The label of the group `key` of `initiative` ([`GroupBy::keys_of`]), in the user's
    /// language: a word list's word, or the name, theme or goal as the record writes it.
    fn label_of(self, initiative: &Initiative, key: &str) -> String {
        let record = &initiative.record;
        let label = match self {
            GroupBy::Kind => Some(record.kind.label()),
            GroupBy::Learning => record.learning.map(|learning| learning.label()),
            GroupBy::WholeStaff | GroupBy::Spread => Some(pattern_group(key)),
            GroupBy::Unit => initiative.unit.as_ref().map(|unit| unit.name.to_string()),
            GroupBy::Owner => owner(initiative).map(str::to_string),
            GroupBy::Process => record.process.clone(),
            GroupBy::Theme | GroupBy::Goal => (self.words(initiative).iter())
                .map(|word| word.trim())
                .find(|word| !word.is_empty() && word.to_lowercase() == key)
                .map(str::to_string),
        };
        label.unwrap_or_else(|| pattern_group(NOT_STATED))
    }

    fn order(self, key: &str) -> usize {
        let position = |keys: Vec<&str>| keys.iter().position(|k| *k == key).unwrap_or(usize::MAX);
        match self {
            GroupBy::Kind => position(Kind::ALL.iter().map(|k| k.key()).collect()),
            GroupBy::Learning => position(Learning::ALL.iter().map(|l| l.key()).collect()),
            GroupBy::WholeStaff => position(vec!["whole-staff", "part-of-staff"]),
            GroupBy::Spread => position(vec!["spread", "one-off"]),
            // Names in alphabetical order (the groups' own), "not stated" last.
            GroupBy::Unit | GroupBy::Owner | GroupBy::Process | GroupBy::Theme | GroupBy::Goal => {
                usize::from(key == NOT_STATED)
            }
        }
    }
}

/// The key of the group of initiatives without a unit, owner or process.
const NOT_STATED: &str = "unknown";

/// An initiative's owner as its record writes it, when it names one.
fn owner(initiative: &Initiative) -> Option<&str> {
    let owner = initiative.record.owner.as_deref()?.trim();
    (!owner.is_empty()).then_some(owner)
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
    // Each group is worded once, by the first row in it: wording every row's group (a
    // catalogue lookup and two strings a row) cost more than grouping the rows.
    let mut groups: BTreeMap<Cow<str>, (usize, Vec<&Impact>)> = BTreeMap::new();
    for (place, row) in rows.iter().enumerate() {
        for key in by.keys_of(row.initiative) {
            let group = groups.entry(key).or_insert_with(|| (place, Vec::new()));
            group.1.push(&row.impact);
        }
    }
    let groups = groups.into_iter().map(|(key, (first, impacts))| {
        let label = by.label_of(rows[first].initiative, &key);
        (key.into_owned(), (label, impacts))
    });
    let mut result: Vec<Group> = groups
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

/// How often a reason it did not stick was named among the initiatives that did not stick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyNotPattern {
    pub why_not: WhyNot,
    pub naming: usize,
    pub not_stuck: usize,
}

/// What the rated initiatives have in common: the patterns below the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct Patterns {
    pub by_kind: Vec<Group>,
    pub whole_staff: Vec<Group>,
    pub spread: Vec<Group>,
    /// By theme: the themes with at least [`THEME_PATTERN_MIN`] rated initiatives, once there
    /// are that many such themes; empty before, since one theme alone compares with nothing.
    pub by_theme: Vec<Group>,
    pub why: Vec<WhyPattern>,
    pub why_not: Vec<WhyNotPattern>,
    /// Needs the need and analysis steps met without training.
    pub not_training: usize,
    /// Needs in all: the initiatives and the needs met without training.
    pub needs: usize,
}

/// Two themes with two rated initiatives each make a pattern by theme.
pub const THEME_PATTERN_MIN: usize = 2;

/// The groups by theme, when there are enough to compare.
fn by_theme(rows: &[Rated]) -> Vec<Group> {
    if rows.iter().all(|r| r.initiative.record.themes.is_empty()) {
        return Vec::new();
    }
    // A theme with one rated initiative tells of that initiative, not of the theme.
    let themes: Vec<Group> = group(rows, GroupBy::Theme)
        .into_iter()
        .filter(|g| g.key != NOT_STATED && g.rated >= THEME_PATTERN_MIN)
        .collect();
    if themes.len() >= THEME_PATTERN_MIN {
        themes
    } else {
        Vec::new()
    }
}

/// The patterns of `all`: initiatives decided as "not training" are counted, and left out of
/// everything about what stuck (they were not initiatives of learning).
pub fn patterns(all: &[Rated]) -> Patterns {
    // Copied only when there is something to leave out: at 10,000 rows the copy would cost.
    let learning: Vec<Rated>;
    let rows = if all.iter().any(|r| r.initiative.record.not_training()) {
        learning = all
            .iter()
            .filter(|r| !r.initiative.record.not_training())
            .cloned()
            .collect();
        learning.as_slice()
    } else {
        all
    };
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
    let why_not = WhyNot::ALL
        .iter()
        .map(|&why_not| WhyNotPattern {
            why_not,
            naming: not_stuck
                .iter()
                .filter(|r| r.impact.names_why_not(why_not))
                .count(),
            not_stuck: not_stuck.len(),
        })
        .collect();
    Patterns {
        by_kind: group(rows, GroupBy::Kind),
        whole_staff: group(rows, GroupBy::WholeStaff),
        spread: group(rows, GroupBy::Spread),
        by_theme: by_theme(rows),
        why,
        why_not,
        not_training: all.len() - rows.len(),
        needs: all.len(),
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
    ) -> Result<Period, ReversedPeriod> {
        let until = until.unwrap_or(today);
        let since = since.unwrap_or_else(|| until.months_before(months.unwrap_or(DEFAULT_MONTHS)));
        if since > until {
            return Err(ReversedPeriod { since, until });
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
            unit: None,
        }
    }

    fn today() -> Date {
        Date::parse("2026-12-31").unwrap()
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
        let impact = Impact::on(&a.record.recall, today());
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
        let rows = rank(&all, SortBy::Impact, today());
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
        let rows = rank(&all, SortBy::Impact, today());
        let ids: Vec<&str> = rows.iter().map(|r| r.initiative.id.as_str()).collect();
        assert_eq!(ids, ["best", "ea", "eb", "late"]);
        let ranks: Vec<Option<usize>> = rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), Some(3), Some(4)]);
        // sorting by title keeps each row's rank
        let by_title = rank(&all, SortBy::Title, today());
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
        let rows = rank(&all, SortBy::Impact, today());
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

    /// Anna rated in three autumns, Erik only in the first; Maria stopped halfway in the last.
    const THREE_ROUNDS: &str = r#"
[[recall]]
by = "Anna"
date = 2024-11-20
self = 4
why = ["discussion"]

[[recall]]
by = "Erik"
date = 2024-11-21
staff = 2
unaided = true

[[recall]]
by = "Anna"
date = 2025-11-18
self = 3
leadership = 3
unaided = true

[[recall]]
by = "Anna"
date = 2026-11-17
self = 1
why_not = ["follow_up", "time"]

[[recall]]
by = "Maria"
date = 2026-11-18
self = 4
incomplete = true
"#;

    fn on(text: &str, until: &str) -> Impact {
        let a = initiative("a", "A", "2024-09-01", text);
        Impact::on(&a.record.recall, Date::parse(until).unwrap())
    }

    #[test]
    fn each_round_is_read_as_it_stood_on_its_day() {
        // the first autumn: Anna 4 (self), Erik 2 (staff)
        let first = on(THREE_ROUNDS, "2024-12-31");
        assert_eq!((first.self_, first.staff), (Some(4.0), Some(2.0)));
        assert_eq!(
            (first.overall, first.raters, first.unaided),
            (Some(3.0), 2, 1)
        );
        assert_eq!(first.why, vec![(Why::Discussion, 1)]);
        // the second: Anna 3 and 3 replaces her 4; Erik's 2 still counts: (3 + 3 + 2) / 3
        let second = on(THREE_ROUNDS, "2025-12-31");
        assert_eq!(second.leadership, Some(3.0));
        assert_eq!(second.overall, Some(8.0 / 3.0));
        assert_eq!((second.raters, second.unaided), (2, 2));
        assert!(second.why.is_empty(), "Anna's new entry names no reason");
        // the third: Anna 1; Maria's unfinished entry does not count: (1 + 2) / 2
        let third = on(THREE_ROUNDS, "2026-12-31");
        assert_eq!((third.self_, third.leadership), (Some(1.0), None));
        assert_eq!(
            (third.overall, third.raters, third.unaided),
            (Some(1.5), 2, 1)
        );
        assert_eq!(
            third.why_not,
            vec![(WhyNot::Time, 1), (WhyNot::FollowUp, 1)]
        );
        // before anyone rated, nothing
        assert_eq!(on(THREE_ROUNDS, "2024-11-19"), Impact::default());
    }

    #[test]
    fn a_finished_entry_counts_and_replaces_the_earlier_one() {
        let finished = THREE_ROUNDS.replace("incomplete = true\n", "");
        let third = on(&finished, "2026-12-31");
        // Anna 1, Erik 2, Maria 4
        assert_eq!((third.overall, third.raters), (Some(7.0 / 3.0), 3));
    }

    #[test]
    fn patterns_share_the_why_not_reasons_among_those_that_did_not_stick() {
        let faded = initiative("a", "A", "2025-01-01", THREE_ROUNDS); // 1.5: did not stick
        let low = initiative(
            "b",
            "B",
            "2025-02-01",
            "[[recall]]\nby = \"A\"\ndate = 2026-01-01\nself = 0\nwhy_not = [\"time\", \"relevance\"]\n",
        );
        let stuck = initiative("c", "C", "2025-03-01", TWO_RATERS); // 2.5
        let all = [faded, low, stuck];
        let patterns = patterns(&rank(&all, SortBy::Impact, today()));
        let share = |w: WhyNot| {
            let p = patterns.why_not.iter().find(|p| p.why_not == w).unwrap();
            (p.naming, p.not_stuck)
        };
        assert_eq!(share(WhyNot::Time), (2, 2));
        assert_eq!(share(WhyNot::FollowUp), (1, 2));
        assert_eq!(share(WhyNot::Relevance), (1, 2));
        assert_eq!(share(WhyNot::Support), (0, 2));
    }

    #[test]
    fn notes_of_every_round_up_to_the_day_oldest_first() {
        let text = "[[recall]]\nby = \"B\"\ndate = 2026-11-01\nself = 1\nnote = \"Glömt\"\n\n[[recall]]\nby = \"A\"\ndate = 2025-11-01\nself = 3\nnote = \"Bra\"\n\n[[recall]]\nby = \"A\"\ndate = 2026-11-02\nself = 2\nnote = \" \"\n";
        let a = initiative("a", "A", "2025-01-01", text);
        let words = |until: &str| -> Vec<String> {
            notes_on(&a.record.recall, Date::parse(until).unwrap())
                .iter()
                .map(|r| r.note.clone().unwrap())
                .collect()
        };
        assert_eq!(words("2026-12-31"), ["Bra", "Glömt"]);
        assert_eq!(words("2025-12-31"), ["Bra"]);
    }
}
