//! Lessons for the next initiative: the earlier initiatives of the same kind, theme or plan
//! goal, with what stuck of them, why, whether it is used, and what those who ran them would
//! do differently. The look-back exists to shape the next initiative; this is where it does.

use std::cmp::Reverse;
use std::fmt::Write;

use serde::Serialize;

use crate::escape;
use crate::followup::december::NEXT_TIME_TEXTS;
use crate::followup::survey::STICK_TEXTS;
use crate::lookback::impact::{Impact, Period};
use crate::lookback::summary::number;
use crate::lookback::transfer::{self, RoundUse};
use crate::model::date::Date;
use crate::model::initiative::{Answers, Initiative};
use crate::model::material::Material;
use crate::model::recall::{Why, WhyNot};
use crate::model::survey::{Round, Thresholds};
use crate::model::theme;
use crate::model::vocabulary::{Kind, Vocabulary};
use crate::record::free_text;
use crate::t;

/// The most earlier initiatives shown when a new one is planned.
pub const MOST: usize = 5;

/// The answer of the follow-up step that holds its lessons.
pub const LESSONS_ANSWER: (&str, &str) = ("follow-up", "lessons");

/// What a command reading lessons needs of each record's answers: the lessons alone.
pub const ANSWERS: Answers = Answers::Only(&[LESSONS_ANSWER]);

/// The round whose use is told: about three months after the end.
pub const USE_ROUND_DAYS: u32 = 90;

/// What an initiative is like, to find the earlier ones like it.
#[derive(Clone, Debug, Default)]
pub struct Likeness {
    pub kind: Option<Kind>,
    pub themes: Vec<String>,
    pub goals: Vec<String>,
}

/// What an earlier initiative has in common with the one planned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    pub kind: bool,
    pub themes: Vec<String>,
    pub goals: Vec<String>,
}

impl Shared {
    fn of(like: &Likeness, initiative: &Initiative) -> Shared {
        let record = &initiative.record;
        Shared {
            kind: like.kind == Some(record.kind),
            themes: record
                .themes
                .iter()
                .filter(|t| like.themes.iter().any(|w| theme::same(t, w)))
                .cloned()
                .collect(),
            goals: record
                .goals
                .iter()
                .filter(|g| like.goals.contains(g))
                .cloned()
                .collect(),
        }
    }

    /// How much it has in common: kind, each theme and each goal count one.
    fn weight(&self) -> usize {
        usize::from(self.kind) + self.themes.len() + self.goals.len()
    }
}

/// A group of initiatives for the planning meeting: every condition given must hold.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    pub themes: Vec<String>,
    pub goals: Vec<String>,
}

impl Filter {
    pub fn keeps(&self, initiative: &Initiative) -> bool {
        let record = &initiative.record;
        (self.kinds.is_empty() || self.kinds.contains(&record.kind))
            && (self.themes.is_empty() || self.themes.iter().any(|t| record.has_theme(t)))
            && (self.goals.is_empty() || self.goals.iter().any(|g| record.goals.contains(g)))
    }
}

/// One earlier initiative and what it has to teach.
#[derive(Clone, Debug)]
pub struct Earlier<'a> {
    pub initiative: &'a Initiative,
    pub shared: Shared,
    pub impact: Impact,
    /// The follow-up round about three months after the end, when its answers may be shown.
    pub use_after: Option<RoundUse>,
    /// The follow-up step's lessons, then what the surveys' free text said.
    pub lessons: Vec<String>,
}

impl Earlier<'_> {
    pub fn year(&self) -> Option<i32> {
        Period::date_of(self.initiative).map(|d| chrono::Datelike::year(&d.0))
    }

    /// The reasons it stuck named most, at most `most`.
    pub fn top_why(&self, most: usize) -> Vec<Why> {
        self.impact.why.iter().take(most).map(|(w, _)| *w).collect()
    }

    /// The reasons it did not stick named most, at most `most`.
    pub fn top_why_not(&self, most: usize) -> Vec<WhyNot> {
        self.impact
            .why_not
            .iter()
            .take(most)
            .map(|(w, _)| *w)
            .collect()
    }

    pub fn material(&self) -> &[Material] {
        &self.initiative.record.material
    }

    /// Whether there is anything to say beyond its title: ratings, use, lessons or material.
    pub fn has_something_to_say(&self) -> bool {
        self.impact.overall.is_some()
            || self.use_after.is_some()
            || !self.lessons.is_empty()
            || !self.material().is_empty()
            || self.initiative.record.not_training()
    }
}

/// Whether an initiative had begun by `before`: lessons come from what was already done.
fn began_by(initiative: &Initiative, before: Date) -> bool {
    Period::date_of(initiative).is_some_and(|date| date <= before)
}

/// The earlier initiatives like `like` (the same kind, a shared theme or a shared goal),
/// begun by `before`, leaving out `skip` (the initiative being planned): those with most in
/// common first, then the latest. At most `most` of them, read in full.
pub fn like<'a>(
    all: &'a [Initiative],
    like: &Likeness,
    before: Date,
    skip: Option<&str>,
    most: usize,
    thresholds: &dyn Fn(&Initiative) -> Thresholds,
) -> Vec<Earlier<'a>> {
    let mut found: Vec<(Shared, &Initiative)> = all
        .iter()
        .filter(|i| Some(i.id.as_str()) != skip && began_by(i, before))
        .map(|i| (Shared::of(like, i), i))
        .filter(|(shared, _)| shared.weight() > 0)
        .collect();
    found.sort_by_key(|(shared, i)| (Reverse(shared.weight()), Reverse(Period::date_of(i))));
    // Read in that order until `most` have something to teach (reading one opens its survey
    // files); those with only a title fill what is left.
    let mut speaking = Vec::new();
    let mut silent = Vec::new();
    for (shared, initiative) in found {
        let earlier = read(initiative, shared, before, thresholds(initiative));
        if earlier.has_something_to_say() {
            speaking.push(earlier);
            if speaking.len() == most {
                break;
            }
        } else if silent.len() < most {
            silent.push(earlier);
        }
    }
    speaking.extend(silent);
    speaking.truncate(most);
    speaking
}

/// Every initiative `filter` keeps, begun by `before`, latest first.
pub fn of_group<'a>(
    all: &'a [Initiative],
    filter: &Filter,
    before: Date,
    thresholds: &dyn Fn(&Initiative) -> Thresholds,
) -> Vec<Earlier<'a>> {
    let mut kept: Vec<&Initiative> = all
        .iter()
        .filter(|i| began_by(i, before) && filter.keeps(i))
        .collect();
    kept.sort_by_key(|i| (Reverse(Period::date_of(i)), i.id.as_str()));
    kept.into_iter()
        .map(|i| read(i, Shared::default(), before, thresholds(i)))
        .collect()
}

/// One earlier initiative with its impact as it stands on `until` and its lessons.
fn read(
    initiative: &Initiative,
    shared: Shared,
    until: Date,
    thresholds: Thresholds,
) -> Earlier<'_> {
    let record = &initiative.record;
    let use_after = transfer::rounds_of(record.survey.as_ref(), thresholds)
        .into_iter()
        .filter(|round| round.transfer.is_some() && round.days <= USE_ROUND_DAYS)
        .max_by_key(|round| round.days);
    Earlier {
        initiative,
        shared,
        impact: Impact::on(&record.recall, until),
        use_after,
        lessons: lessons_answer(initiative)
            .into_iter()
            .chain(survey_lessons(initiative))
            .collect(),
    }
}

/// What the end survey ("what would make it stick better?") and the December survey ("what
/// should be done differently?") said, from the free-text files fortb keeps beside the record
/// only once a round has enough respondents.
fn survey_lessons(initiative: &Initiative) -> Vec<String> {
    let Some(survey) = &initiative.record.survey else {
        return Vec::new();
    };
    let rounds: Vec<Round> = std::iter::once(Round::End)
        .chain(survey.rounds.keys().filter_map(|key| Round::parse(key)))
        .collect();
    let questions: Vec<&str> = STICK_TEXTS
        .iter()
        .chain(&NEXT_TIME_TEXTS)
        .copied()
        .collect();
    free_text::answers_of(&initiative.path, &rounds, &questions)
}

/// The follow-up step's `lessons` answer, item by item (a text answer is one item).
pub fn lessons_answer(initiative: &Initiative) -> Vec<String> {
    let Some(value) = initiative
        .step(LESSONS_ANSWER.0)
        .and_then(|step| step.answers.get(LESSONS_ANSWER.1))
    else {
        return Vec::new();
    };
    let items: Vec<&str> = match value {
        toml::Value::String(text) => vec![text.as_str()],
        toml::Value::Array(items) => items.iter().filter_map(toml::Value::as_str).collect(),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// One earlier initiative of several, read as it stands on `until`, with its lessons.
pub fn of_one(initiative: &Initiative, until: Date, thresholds: Thresholds) -> Earlier<'_> {
    read(initiative, Shared::default(), until, thresholds)
}

/// "Bokcirkel: Läsande klassrum (Solbackaskolan, 2025)": the title, where and when.
pub fn title_line(earlier: &Earlier) -> String {
    let initiative = earlier.initiative;
    let mut place: Vec<String> = Vec::new();
    if let Some(unit) = &initiative.unit {
        place.push(unit.name.to_string());
    }
    if let Some(year) = earlier.year() {
        place.push(year.to_string());
    }
    if place.is_empty() {
        initiative.record.title.clone()
    } else {
        format!("{} ({})", initiative.record.title, place.join(", "))
    }
}

/// The impact in words: "3.2, made an impression", "not training", or "not rated yet".
pub fn outcome_text(earlier: &Earlier) -> String {
    if earlier.initiative.record.not_training() {
        return t!("outcome.decided").to_lowercase();
    }
    match earlier.impact.overall {
        Some(mean) => t!(
            "lessons.impact",
            mean = number(Some(mean)),
            level = t!(&format!("scale.{}", mean.round().clamp(0.0, 4.0) as u8))
        ),
        None => t!("lessons.not_rated"),
    }
}

/// Why it stuck and why not (the two reasons named most of each), and its use after about
/// three months; empty when nothing of it is known.
pub fn reasons_text(earlier: &Earlier) -> String {
    let mut parts = Vec::new();
    let why: Vec<String> = earlier.top_why(2).iter().map(|w| w.label()).collect();
    if !why.is_empty() {
        parts.push(t!("lessons.why", reasons = why.join(", ")));
    }
    let why_not: Vec<String> = earlier.top_why_not(2).iter().map(|w| w.label()).collect();
    if !why_not.is_empty() {
        parts.push(t!("lessons.why_not", reasons = why_not.join(", ")));
    }
    if let Some(round) = &earlier.use_after {
        parts.push(t!("lessons.use", cell = round.cell()));
    }
    parts.join(" · ")
}

/// One initiative as a Markdown list item with its lessons and material below it.
pub fn markdown_item(out: &mut String, earlier: &Earlier) {
    let md = escape::markdown_text;
    let _ = writeln!(
        out,
        "- **{}** — {}",
        md(&title_line(earlier)),
        md(&outcome_text(earlier))
    );
    let reasons = reasons_text(earlier);
    if !reasons.is_empty() {
        let _ = writeln!(out, "  - {}", escape::markdown_line(&reasons));
    }
    for lesson in &earlier.lessons {
        let _ = writeln!(out, "  - {}", md(&t!("lessons.lesson", text = lesson)));
    }
    for material in earlier.material() {
        let link = escape::markdown_link(&material.title, &material.url);
        let note = material
            .note
            .as_deref()
            .map(|n| format!(" — {}", md(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  - {}: {link}{note}",
            md(&t!("lessons.material_label"))
        );
    }
}

/// The lessons as Markdown, for the planning meeting's notes.
pub fn markdown(earlier: &[Earlier]) -> String {
    let mut out = format!("# {}\n\n", escape::markdown_text(&t!("lessons.title")));
    if earlier.is_empty() {
        let _ = writeln!(out, "{}", escape::markdown_line(&t!("lessons.none")));
    }
    for e in earlier {
        markdown_item(&mut out, e);
    }
    out
}

#[derive(Serialize)]
struct LessonsJson<'a> {
    initiatives: Vec<EarlierJson<'a>>,
}

#[derive(Serialize)]
struct EarlierJson<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    themes: &'a [String],
    goals: &'a [String],
    unit: Option<&'a str>,
    year: Option<i32>,
    start: Option<Date>,
    end: Option<Date>,
    outcome: Option<&'static str>,
    impact: Option<f64>,
    rater_count: usize,
    why: Vec<&'static str>,
    why_not: Vec<&'static str>,
    used_after: Option<UseJson>,
    lessons: &'a [String],
    material: Vec<MaterialJson<'a>>,
}

#[derive(Serialize)]
struct UseJson {
    round: u32,
    respondent_count: u32,
    at_least_monthly: Option<f64>,
    confidence: Option<f64>,
}

#[derive(Serialize)]
struct MaterialJson<'a> {
    title: &'a str,
    url: &'a str,
    note: Option<&'a str>,
}

fn rounded(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 100.0).round() / 100.0)
}

fn earlier_json<'a>(earlier: &'a Earlier) -> EarlierJson<'a> {
    let initiative = earlier.initiative;
    let record = &initiative.record;
    EarlierJson {
        id: &initiative.id,
        title: &record.title,
        kind: record.kind.key(),
        themes: &record.themes,
        goals: &record.goals,
        unit: initiative.unit.as_ref().map(|u| &*u.name),
        year: earlier.year(),
        start: record.start,
        end: record.end,
        outcome: record.outcome.map(|o| o.key()),
        impact: rounded(earlier.impact.overall),
        rater_count: earlier.impact.raters,
        why: earlier.impact.why.iter().map(|(w, _)| w.key()).collect(),
        why_not: earlier
            .impact
            .why_not
            .iter()
            .map(|(w, _)| w.key())
            .collect(),
        used_after: earlier.use_after.as_ref().and_then(|round| {
            let transfer = round.transfer.as_ref()?;
            Some(UseJson {
                round: round.days,
                respondent_count: transfer.respondents,
                at_least_monthly: rounded(transfer.at_least_monthly),
                confidence: rounded(transfer.confidence),
            })
        }),
        lessons: &earlier.lessons,
        material: earlier
            .material()
            .iter()
            .map(|m| MaterialJson {
                title: &m.title,
                url: &m.url,
                note: m.note.as_deref(),
            })
            .collect(),
    }
}

/// The lessons as JSON, with `"format"`; docs/json/lessons.schema.json is its shape.
pub fn json(earlier: &[Earlier]) -> String {
    crate::json::document(&LessonsJson {
        initiatives: earlier.iter().map(earlier_json).collect(),
    })
}
