//! `fortb export`: the project's facts as tidy long tables for analysts (Power BI, an Excel
//! pivot, R): one row per initiative, per look-back rating, per reason named, per learning
//! goal, per indicator measurement, per survey round's rating question and per transfer round.
//! Every table has the same columns in CSV and in JSON, and keys (`study-day`, `self`) with a
//! label in the export's language beside each, so a report built on the keys survives a change
//! of language. The initiatives carry the figures the summary ranks by, worked out as it does.
//! Survey rounds with too few answers to be anonymous are left out, as everywhere.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::csv::Dialect;
use crate::i18n::labels::Labelled;
pub use crate::lookback::export_columns::{Column, TableKind};
use crate::lookback::impact::Impact;
use crate::model::date::Date;
use crate::model::fingerprint::FingerprintKey;
use crate::model::initiative::Initiative;
use crate::model::recall::{Audience, Recall, Why, WhyNot};
use crate::model::survey::{Distribution, Round, SurveyResults, Thresholds};
use crate::model::transfer::UseFrequency;
use crate::model::vocabulary::Vocabulary;
use crate::plan::cost::Spending;
use crate::record::project::SurveySettings;
use crate::record::units::{self, Scope};
use crate::t;

/// The step answers the tables show (learning goals, whether they were reached): a record's
/// other answers are skipped while it is read.
pub const ANSWERS: &[(&str, &str)] = &[
    ("concept", "learning_goals"),
    ("planning", "goals"),
    ("follow-up", "goals_reached"),
];

/// One value of a table: typed, so JSON keeps numbers as numbers and CSV writes them in the
/// dialect's decimal mark.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Borrowed from the record or the catalogue where it can be: a table has a cell for
    /// every rating of every record, and a copy of each was most of an export's allocations.
    Text(Cow<'a, str>),
    Int(i64),
    Number(f64),
    /// A number written in full, not rounded: a figure a reader recomputes a pack's rounded
    /// figure from, so that a mean of means rounds as the pack's does.
    Exact(f64),
    Bool(bool),
    Date(Date),
    List(Vec<String>),
    Empty,
}

impl<'a> Cell<'a> {
    fn text(value: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(value.into())
    }

    fn maybe<T>(value: Option<T>, cell: impl FnOnce(T) -> Cell<'a>) -> Cell<'a> {
        value.map_or(Cell::Empty, cell)
    }

    /// The value in a CSV field: a list joined by " | ", a yes/no as 1/0 so a pivot can add
    /// them up, a number with the dialect's decimal mark.
    fn csv(&self, dialect: &Dialect) -> String {
        match self {
            Cell::Text(text) => text.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Number(x) => dialect.plain_number(*x),
            Cell::Exact(x) if dialect.decimal_comma => x.to_string().replace('.', ","),
            Cell::Exact(x) => x.to_string(),
            Cell::Bool(b) => u8::from(*b).to_string(),
            Cell::Date(date) => date.to_string(),
            Cell::List(items) => items.join(" | "),
            Cell::Empty => String::new(),
        }
    }
}

impl Serialize for Cell<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Int(n) => serializer.serialize_i64(*n),
            Cell::Number(x) | Cell::Exact(x) => serializer.serialize_f64(*x),
            Cell::Bool(b) => serializer.serialize_bool(*b),
            Cell::Date(date) => date.serialize(serializer),
            Cell::List(items) => items.serialize(serializer),
            Cell::Empty => serializer.serialize_none(),
        }
    }
}

/// One table whole: its rows, each with a cell per column.
#[cfg(test)]
struct Table<'a> {
    rows: Vec<Vec<Cell<'a>>>,
}

/// A row as a JSON object keyed by column name, serialized straight from its cells.
struct RowJson<'a> {
    columns: &'static [Column],
    cells: &'a [Cell<'a>],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.cells.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(column.name, cell)?;
        }
        map.end()
    }
}

/// Who a name stands for in the export: the name itself, or a pseudonym that is the same for
/// the same name in every export of the project (keyed by its private key, so it cannot be
/// worked back to the name without it).
#[derive(Clone, Copy, Debug)]
pub enum People {
    Named,
    Pseudonymised(FingerprintKey),
}

impl People {
    fn name(self, name: &str) -> String {
        match self {
            People::Named => name.to_string(),
            People::Pseudonymised(key) => {
                let normalised = name.split_whitespace().collect::<Vec<_>>().join(" ");
                let fingerprint =
                    key.fingerprint(&format!("person\0{}", normalised.to_lowercase()));
                format!("P-{}", &fingerprint[..8])
            }
        }
    }
}

/// What an export is made of: the initiatives, their units' settings (staff count, anonymity
/// thresholds) from `scope`, who the names in it stand for, and the day its ratings stand on.
pub struct Facts<'a> {
    scope: &'a Scope,
    /// In the order of the rows.
    initiatives: &'a [&'a Initiative],
    people: People,
    /// The ratings count as they stood on this day, as in a summary up to it.
    until: Date,
    /// The `unit` of rows outside an organiser's view: the project's name, so that a single
    /// school's rows can be sliced and joined by unit like an organiser's.
    home: String,
}

impl<'a> Facts<'a> {
    pub fn new(
        scope: &'a Scope,
        initiatives: &'a [&'a Initiative],
        people: People,
        until: Date,
    ) -> Facts<'a> {
        Facts {
            scope,
            initiatives,
            people,
            until,
            home: units::name_of(&scope.main),
        }
    }

    /// One table, whole.
    #[cfg(test)]
    fn table(&self, kind: TableKind) -> Table<'_> {
        let rows = self
            .initiatives
            .iter()
            .flat_map(|initiative| self.rows_of(kind, initiative))
            .collect();
        Table { rows }
    }

    /// Writes the table `kind` into `out` as a CSV file in `dialect`, the column names as its
    /// header. The rows are made on all cores a chunk of initiatives at a time and written in
    /// order, so the table is never held whole (at 10,000 records the tables held whole, with
    /// their text beside them, took 240 MB). Returns how many rows it wrote.
    pub fn write_csv(
        &self,
        kind: TableKind,
        dialect: &Dialect,
        out: &mut dyn Write,
    ) -> std::io::Result<usize> {
        use rayon::prelude::*;
        let header: Vec<&str> = kind.names().collect();
        out.write_all(dialect.start(&header).as_bytes())?;
        let mut written = 0;
        for chunk in self.initiatives.chunks(crate::json::CHUNK) {
            let parts: Vec<(String, usize)> = (chunk.par_iter())
                .map(|initiative| {
                    let rows = self.rows_of(kind, initiative);
                    let lines = rows.iter().map(|row| {
                        let fields: Vec<String> = row.iter().map(|c| c.csv(dialect)).collect();
                        dialect.line(&fields)
                    });
                    (lines.collect(), rows.len())
                })
                .collect();
            for (text, rows) in parts {
                out.write_all(text.as_bytes())?;
                written += rows;
            }
        }
        Ok(written)
    }

    /// Writes the tables `kinds` into `out` as one JSON document (`"format"`, then an array per
    /// table), made on all cores and written a chunk of initiatives at a time, so no table is
    /// ever held whole; returns how many rows it wrote.
    pub fn write_json(&self, kinds: &[TableKind], out: &mut dyn Write) -> std::io::Result<usize> {
        let keys: Vec<(TableKind, &str)> = kinds.iter().map(|&k| (k, k.key())).collect();
        crate::json::write_arrays(out, &keys, self.initiatives, |kind, initiative, made| {
            let columns = kind.columns();
            for cells in self.rows_of(kind, initiative) {
                made.push(&RowJson {
                    columns,
                    cells: &cells,
                });
            }
        })
    }

    /// How many survey rounds the tables `kinds` leave out because too few answered.
    pub fn withheld_rounds(&self, kinds: &[TableKind]) -> usize {
        if !kinds
            .iter()
            .any(|k| matches!(k, TableKind::Surveys | TableKind::Transfer))
        {
            return 0;
        }
        self.initiatives
            .iter()
            .map(|i| withheld_rounds(i, self.scope.project_of(i).config.survey))
            .sum()
    }

    /// The rows `initiative` gives the table `kind`.
    fn rows_of<'r>(&'r self, kind: TableKind, initiative: &'r Initiative) -> Vec<Vec<Cell<'r>>> {
        let project = self.scope.project_of(initiative);
        let thresholds = project.config.survey.thresholds();
        let of = Of {
            initiative,
            home: &self.home,
            width: kind.columns().len(),
        };
        match kind {
            TableKind::Initiatives => vec![initiative_row(
                of,
                project.config.staff,
                self.people,
                self.until,
            )],
            TableKind::Ratings => rating_rows(of, self.people),
            TableKind::Reasons => reason_rows(of, self.people),
            TableKind::Goals => goal_rows(of),
            TableKind::Measurements => measurement_rows(of),
            TableKind::Surveys => survey_rows(of, project.config.survey),
            TableKind::Transfer => transfer_rows(of, thresholds),
            TableKind::Material => material_rows(of),
        }
    }
}

/// The initiative a row is about, and the unit name of rows outside an organiser's view.
#[derive(Clone, Copy)]
struct Of<'a> {
    initiative: &'a Initiative,
    home: &'a str,
    /// How many cells a row of the table has, so a row is made at its size, not grown.
    width: usize,
}

impl<'a> Of<'a> {
    /// The cells every table starts with: which unit and initiative the row is about.
    fn cells(self) -> Vec<Cell<'a>> {
        let initiative = self.initiative;
        let record = &initiative.record;
        let unit = initiative.unit.as_ref().map_or(self.home, |u| &*u.name);
        let mut row = Vec::with_capacity(self.width);
        row.extend([
            Cell::text(unit),
            Cell::text(&initiative.id),
            Cell::text(&record.title),
            Cell::text(record.kind.key()),
            Cell::text(record.kind.label()),
        ]);
        row
    }
}

/// A key and, beside it, its label in the export's language.
fn keyed<V: Vocabulary>(value: Option<V>) -> [Cell<'static>; 2] {
    [
        Cell::maybe(value, |v| Cell::text(v.key())),
        Cell::maybe(value, |v| Cell::text(v.label())),
    ]
}

/// Keys and, beside them, their labels.
fn keyed_list<V: Vocabulary>(values: &[V]) -> [Cell<'static>; 2] {
    [
        Cell::List(values.iter().map(|v| v.key().to_string()).collect()),
        Cell::List(values.iter().map(|v| v.label()).collect()),
    ]
}

fn year(date: Date) -> Cell<'static> {
    Cell::Int(i64::from(chrono::Datelike::year(&date.0)))
}

fn initiative_row<'a>(
    of: Of<'a>,
    staff: Option<u32>,
    people: People,
    until: Date,
) -> Vec<Cell<'a>> {
    let record = &of.initiative.record;
    let spending = Spending::of(record, staff);
    let impact = Impact::on(&record.recall, until);
    let goals_reached = record
        .steps
        .get("follow-up")
        .and_then(|s| s.answers.get("goals_reached"))
        .and_then(toml::Value::as_str);
    let mut row = of.cells();
    row.extend(keyed(record.learning));
    row.extend([
        Cell::List(record.themes.clone()),
        Cell::maybe(record.process.as_deref(), Cell::text),
        Cell::maybe(record.start, Cell::Date),
        Cell::maybe(record.end, Cell::Date),
        Cell::maybe(record.start, year),
        Cell::maybe(record.sessions, |n| Cell::Int(i64::from(n))),
        Cell::maybe(record.owner.as_deref(), |o| Cell::text(people.name(o))),
        Cell::maybe(record.audience.as_deref(), Cell::text),
        Cell::Bool(record.whole_staff),
        Cell::Bool(of.initiative.is_one_off()),
        Cell::maybe(spending.cost, Cell::Number),
        Cell::maybe(spending.hours, Cell::Number),
        Cell::maybe(spending.participants, |n| Cell::Int(i64::from(n))),
        Cell::maybe(spending.per_participant(), Cell::Number),
        Cell::maybe(spending.staff_hours(), Cell::Number),
        Cell::List(of.initiative.learning_goals()),
        Cell::maybe(goals_reached, Cell::text),
        Cell::maybe(goals_reached, |answer| match answer {
            "yes" | "partly" | "no" => {
                Cell::text(t!(&format!("export_tables.goals_reached_{answer}")))
            }
            other => Cell::text(other),
        }),
        Cell::maybe(record.outcome, |o| Cell::text(o.key())),
        Cell::maybe(impact.overall, Cell::Exact),
        Cell::maybe(impact.self_, Cell::Exact),
        Cell::maybe(impact.leadership, Cell::Exact),
        Cell::maybe(impact.staff, Cell::Exact),
        Cell::Int(impact.raters as i64),
        Cell::Int(impact.unaided as i64),
    ]);
    row
}

/// One row per book, film or page the initiative used.
fn material_rows<'a>(of: Of<'a>) -> Vec<Vec<Cell<'a>>> {
    of.initiative
        .record
        .material
        .iter()
        .map(|material| {
            let mut row = of.cells();
            row.extend([
                Cell::text(&material.title),
                Cell::text(&material.url),
                Cell::maybe(material.note.as_deref(), Cell::text),
            ]);
            row
        })
        .collect()
}

/// One row per score given: each audience a person rated in each finished look-back entry.
/// `latest` marks the entries today's summary counts (each person's latest).
fn rating_rows<'a>(of: Of<'a>, people: People) -> Vec<Vec<Cell<'a>>> {
    let mut rows = Vec::new();
    for (recall, latest) in finished(of.initiative) {
        for &audience in Audience::ALL {
            let Some(score) = recall.score(audience) else {
                continue;
            };
            let mut row = of.cells();
            row.extend([
                Cell::Date(recall.date),
                year(recall.date),
                Cell::text(people.name(&recall.by)),
            ]);
            row.extend(keyed(Some(audience)));
            row.extend([
                Cell::Int(i64::from(score.value())),
                Cell::text(score.label()),
            ]);
            row.extend(keyed_list(&recall.why));
            row.extend(keyed_list(&recall.why_not));
            row.extend([Cell::Bool(recall.unaided), Cell::Bool(latest)]);
            rows.push(row);
        }
    }
    rows
}

/// The finished look-back entries of an initiative, each with whether it is its person's
/// latest (the one the summary counts).
fn finished(initiative: &Initiative) -> impl Iterator<Item = (&Recall, bool)> {
    let recalls = &initiative.record.recall;
    let counted = crate::lookback::impact::latest_on(recalls, Date(chrono::NaiveDate::MAX));
    recalls
        .iter()
        .filter(|r| !r.incomplete)
        .map(move |recall| (recall, counted.iter().any(|c| std::ptr::eq(*c, recall))))
}

/// One row per reason named in a finished look-back entry, why it stuck (`why`) or why not
/// (`why_not`): counting the rows marked `latest` per initiative and reason gives the
/// summary's counts, each person naming a reason once.
fn reason_rows<'a>(of: Of<'a>, people: People) -> Vec<Vec<Cell<'a>>> {
    let mut rows = Vec::new();
    for (recall, latest) in finished(of.initiative) {
        let mut why: Vec<Why> = recall.why.clone();
        why.sort();
        why.dedup();
        let mut why_not: Vec<WhyNot> = recall.why_not.clone();
        why_not.sort();
        why_not.dedup();
        let reasons = why
            .iter()
            .map(|w| ("why", w.key(), w.label()))
            .chain(why_not.iter().map(|w| ("why_not", w.key(), w.label())));
        for (direction, key, label) in reasons {
            let mut row = of.cells();
            row.extend([
                Cell::Date(recall.date),
                year(recall.date),
                Cell::text(people.name(&recall.by)),
                Cell::text(direction),
                Cell::text(t!(&format!("export_tables.direction_{direction}"))),
                Cell::text(key),
                Cell::text(label),
                Cell::Bool(recall.unaided),
                Cell::Bool(latest),
            ]);
            rows.push(row);
        }
    }
    rows
}

/// One row per learning goal, in the order written.
fn goal_rows<'a>(of: Of<'a>) -> Vec<Vec<Cell<'a>>> {
    let goals = of.initiative.learning_goals();
    (1..)
        .zip(goals)
        .map(|(position, goal)| {
            let mut row = of.cells();
            row.extend([Cell::Int(position), Cell::text(goal)]);
            row
        })
        .collect()
}

/// One row per measurement of each indicator, with how far toward the target it got.
fn measurement_rows<'a>(of: Of<'a>) -> Vec<Vec<Cell<'a>>> {
    let mut rows = Vec::new();
    for indicator in &of.initiative.record.indicator {
        for measurement in &indicator.measurements {
            let share = match (indicator.baseline, indicator.target) {
                (Some(baseline), Some(target)) if target != baseline => {
                    Some((measurement.value - baseline) / (target - baseline))
                }
                _ => None,
            };
            let mut row = of.cells();
            row.push(Cell::text(&indicator.name));
            row.extend(keyed(indicator.level));
            row.extend(keyed(indicator.goal));
            row.extend([
                Cell::maybe(indicator.unit.as_deref(), Cell::text),
                Cell::maybe(indicator.baseline, Cell::Number),
                Cell::maybe(indicator.target, Cell::Number),
                Cell::Date(measurement.date),
                year(measurement.date),
                Cell::Number(measurement.value),
                Cell::maybe(share, Cell::Number),
            ]);
            rows.push(row);
        }
    }
    rows
}

/// An initiative's survey rounds that have answers, by key (`end`, `90`, `december-2026`).
fn rounds(initiative: &Initiative) -> Vec<(String, &SurveyResults)> {
    let Some(survey) = &initiative.record.survey else {
        return Vec::new();
    };
    let mut rounds = vec![(Round::End.key(), survey)];
    rounds.extend(
        survey
            .rounds
            .iter()
            .map(|(key, round)| (key.clone(), round)),
    );
    rounds.retain(|(_, round)| round.responses + round.waiting > 0 || !round.ratings.is_empty());
    rounds
}

/// How many of an initiative's survey rounds have too few answers to be shown, each by its
/// own thresholds (the December survey's are the principal's, not the staff surveys').
fn withheld_rounds(initiative: &Initiative, settings: SurveySettings) -> usize {
    rounds(initiative)
        .iter()
        .filter(|(key, round)| !round.shown(settings.thresholds_of(key)))
        .count()
}

/// The cells that say which round: the initiative's, the round's key, its last import.
fn round_cells<'a>(of: Of<'a>, key: String, round: &SurveyResults) -> Vec<Cell<'a>> {
    let mut row = of.cells();
    row.extend([Cell::text(key), Cell::maybe(round.imported, Cell::Date)]);
    row
}

fn counts<'a>(values: impl IntoIterator<Item = u32>) -> impl Iterator<Item = Cell<'a>> {
    values.into_iter().map(|n| Cell::Int(i64::from(n)))
}

/// One row per rating question of each survey round that enough answered to be shown.
fn survey_rows<'a>(of: Of<'a>, settings: SurveySettings) -> Vec<Vec<Cell<'a>>> {
    let mut rows = Vec::new();
    for (key, round) in rounds(of.initiative) {
        if !round.shown(settings.thresholds_of(&key)) {
            continue;
        }
        for (question, rating) in &round.ratings {
            let distribution = Distribution::from_vec(&rating.distribution).unwrap_or_default();
            let mut row = round_cells(of, key.clone(), round);
            row.extend([
                Cell::Int(i64::from(round.responses)),
                Cell::text(question),
                Cell::maybe(rating.text.as_deref(), Cell::text),
                Cell::Int(i64::from(distribution.total())),
                Cell::maybe(distribution.mean().or(rating.mean), Cell::Number),
            ]);
            row.extend(counts(distribution.counts));
            rows.push(row);
        }
    }
    rows
}

/// One row per transfer round that enough answered to be shown: how often they use it, how
/// sure they are, what helped and what got in the way, added up.
fn transfer_rows<'a>(of: Of<'a>, thresholds: Thresholds) -> Vec<Vec<Cell<'a>>> {
    let mut rows = Vec::new();
    for (key, round) in rounds(of.initiative) {
        let Some(transfer) = round.transfer.as_ref().filter(|_| round.shown(thresholds)) else {
            continue;
        };
        let count_of = |map: &std::collections::BTreeMap<String, u32>, key: &str| {
            map.get(key).copied().unwrap_or(0)
        };
        let mut confidence = transfer.confidence_distribution.clone();
        confidence.resize(5, 0);
        let mut row = round_cells(of, key, round);
        row.extend([
            Cell::Int(i64::from(transfer.respondents)),
            Cell::maybe(transfer.at_least_monthly, Cell::Number),
            Cell::maybe(transfer.confidence, Cell::Number),
            Cell::maybe(transfer.leader_followed_up, Cell::Number),
        ]);
        row.extend(counts(
            UseFrequency::ALL
                .iter()
                .map(|u| count_of(&transfer.use_counts, u.key())),
        ));
        row.extend(counts(confidence));
        row.extend(counts(
            Why::ALL.iter().map(|w| count_of(&transfer.helped, w.key())),
        ));
        row.extend(counts(
            WhyNot::ALL
                .iter()
                .map(|w| count_of(&transfer.obstacles, w.key())),
        ));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::project::Project;

    /// A record with a fact of every kind.
    const RECORD: &str = "title = \"X\"\nkind = \"book-circle\"\nstart = 2025-01-15\n\
        [[recall]]\nby = \"Anna\"\ndate = 2025-11-17\nself = 3\nstaff = 2\nwhy = [\"need\"]\n\
        [[indicator]]\nname = \"Andel\"\nbaseline = 10\ntarget = 20\n\
        measurements = [{ date = 2025-06-01, value = 15 }]\n\
        [survey]\nresponses = 6\nratings.q = { text = \"Fråga\", distribution = [0, 0, 1, 2, 3] }\n\
        [survey.rounds.90]\nresponses = 6\n\
        [survey.rounds.90.transfer]\nrespondents = 6\nuse = { weekly = 4, never = 2 }\n\
        confidence_distribution = [0, 1, 1, 2, 2]\nobstacles = { time = 3 }\n\
        [steps.concept]\nlearning_goals = [\"Läsa\", \"Skriva\"]\n\
        [[material]]\ntitle = \"Boken\"\nurl = \"https://example.org\"\n";

    fn initiative(id: &str) -> Initiative {
        Initiative {
            id: id.to_string(),
            path: format!("{id}.toml").into(),
            record: toml::from_str(RECORD).unwrap(),
            unit: None,
        }
    }

    fn today() -> Date {
        Date::parse("2026-11-23").unwrap()
    }

    #[test]
    fn every_row_has_a_cell_per_column() {
        let initiative = initiative("x");
        let of = Of {
            initiative: &initiative,
            home: "Skolan",
            width: 0,
        };
        let row = initiative_row(of, None, People::Named, today());
        assert_eq!(row.len(), TableKind::Initiatives.columns().len());
        assert_eq!(row[0], Cell::text("Skolan"), "a single school's unit");
        let ratings = rating_rows(of, People::Named);
        assert_eq!(ratings.len(), 2);
        assert!(ratings
            .iter()
            .all(|r| r.len() == TableKind::Ratings.columns().len()));
        let reasons = reason_rows(of, People::Named);
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].len(), TableKind::Reasons.columns().len());
        let goals = goal_rows(of);
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[1][5..], [Cell::Int(2), Cell::text("Skriva")]);
        let measurements = measurement_rows(of);
        assert_eq!(
            measurements[0].len(),
            TableKind::Measurements.columns().len()
        );
        assert_eq!(measurements[0].last(), Some(&Cell::Number(0.5)));
        let material = material_rows(of);
        assert_eq!(material.len(), 1);
        assert_eq!(material[0].len(), TableKind::Material.columns().len());
    }

    #[test]
    fn survey_and_transfer_rows_keep_to_their_thresholds() {
        let initiative = initiative("x");
        let of = Of {
            initiative: &initiative,
            home: "Skolan",
            width: 0,
        };
        let shown = Thresholds::default();
        let settings = SurveySettings::default();
        let surveys = survey_rows(of, settings);
        assert_eq!(surveys[0].len(), TableKind::Surveys.columns().len());
        assert_eq!(withheld_rounds(&initiative, settings), 0);
        let strict = Thresholds {
            min_responses: 7,
            min_responses_text: 8,
        };
        let strict_settings = SurveySettings {
            min_responses: 7,
            min_responses_text: 8,
            december_min_responses: 7,
        };
        assert!(survey_rows(of, strict_settings).is_empty());
        assert_eq!(withheld_rounds(&initiative, strict_settings), 2);
        let transfer = transfer_rows(of, shown);
        assert_eq!(transfer.len(), 1);
        assert_eq!(transfer[0].len(), TableKind::Transfer.columns().len());
        let column = |name: &str| {
            let at = TableKind::Transfer
                .columns()
                .iter()
                .position(|c| c.name == name);
            transfer[0][at.unwrap()].clone()
        };
        assert_eq!(column("round"), Cell::text("90"));
        assert_eq!(column("used_weekly_count"), Cell::Int(4));
        assert_eq!(column("used_rarely_count"), Cell::Int(0));
        assert_eq!(column("confidence_5_count"), Cell::Int(2));
        assert_eq!(column("obstacle_time_count"), Cell::Int(3));
        assert!(transfer_rows(of, strict).is_empty());
    }

    #[test]
    fn the_json_written_row_by_row_is_the_whole_tables_in_one_document() {
        let scope = Scope::single(Project {
            root: "p".into(),
            config: toml::from_str("").unwrap(),
        });
        let (a, b) = (initiative("a"), initiative("b"));
        let initiatives = [&a, &b];
        let facts = Facts::new(&scope, &initiatives, People::Named, today());
        let mut streamed = Vec::new();
        let written = facts.write_json(&TableKind::ALL, &mut streamed).unwrap();
        // The document as it was made before it was streamed: every table whole, then printed.
        let mut whole = serde_json::Map::new();
        whole.insert("format".into(), crate::json::FORMAT.into());
        let mut rows = 0;
        for kind in TableKind::ALL {
            let table = facts.table(kind);
            rows += table.rows.len();
            let objects = table.rows.iter().map(|cells| {
                let columns = kind.columns();
                serde_json::to_value(RowJson { columns, cells }).unwrap()
            });
            whole.insert(kind.key().into(), objects.collect());
        }
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), expected);
        assert_eq!(written, rows);
        assert!(rows > 2 * TableKind::ALL.len(), "a row of each table");
    }

    #[test]
    fn a_csv_written_a_chunk_at_a_time_is_the_whole_table_in_order() {
        let scope = Scope::single(Project {
            root: "p".into(),
            config: toml::from_str("").unwrap(),
        });
        // More initiatives than a chunk, each with its own id, so the order shows.
        let made: Vec<Initiative> = (0..1100).map(|n| initiative(&format!("i{n}"))).collect();
        let initiatives: Vec<&Initiative> = made.iter().collect();
        let facts = Facts::new(&scope, &initiatives, People::Named, today());
        let dialect = Dialect::new(crate::i18n::Lang::Sv, None, None, None);
        for kind in [TableKind::Ratings, TableKind::Initiatives] {
            let mut written = Vec::new();
            let count = facts.write_csv(kind, &dialect, &mut written).unwrap();
            let rows: Vec<Vec<String>> = (facts.table(kind).rows.iter())
                .map(|row| row.iter().map(|cell| cell.csv(&dialect)).collect())
                .collect();
            let header: Vec<&str> = kind.names().collect();
            let whole = dialect.document(&header, &rows);
            assert_eq!(String::from_utf8(written).unwrap(), whole);
            assert_eq!(count, rows.len());
        }
    }

    #[test]
    fn a_pseudonym_is_stable_and_ignores_case_and_spacing() {
        let people = People::Pseudonymised(FingerprintKey([1, 2]));
        let anna = people.name("Anna Lind");
        assert_eq!(anna, people.name(" anna  lind "));
        assert_ne!(anna, people.name("Erik Svensson"));
        assert!(anna.starts_with("P-") && anna.len() == 10, "{anna}");
        let other_key = People::Pseudonymised(FingerprintKey([3, 4]));
        assert_ne!(anna, other_key.name("Anna Lind"));
    }
}
