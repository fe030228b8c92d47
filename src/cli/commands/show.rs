//! `fortb show ID`: one initiative in full, as text, Markdown or JSON.

use std::process::ExitCode;

use serde_json::json;

use crate::cli::answer_text;
use crate::cli::args::{ShowArgs, ShowFormat};
use crate::cli::commands::{self, Context};
use crate::cli::{output, table};
use crate::error::Result;
use crate::escape;
use crate::i18n::labels::Labelled;
use crate::lookback::summary::number;
use crate::lookback::{impact, progress};
use crate::model::date::Date;
use crate::model::initiative::{Initiative, Record, StepAnswers};
use crate::model::process::{Model, Step};
use crate::model::recall::{Audience, Recall};
use crate::model::survey::{Round, SurveyResults, Thresholds};
use crate::model::vocabulary::Vocabulary;
use crate::process::answer;
use crate::record::process_files::Models;
use crate::record::project::SurveySettings;
use crate::record::project::{display_path, Project};
use crate::record::store;
use crate::t;

pub fn run(context: &Context, args: &ShowArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let until = commands::date_arg("--until", args.until.as_deref())?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let mut initiative = store::load(&id, &path)?;
    // As it stood on --until: what was recalled later is left out. Without it, every entry
    // is shown, also one dated after today by mistake, so it can be found and put right.
    if let Some(until) = until {
        initiative.record.recall.retain(|r| r.date <= until);
    }
    let mut models = Models::new(Some(&project));
    let model = models.get(project.process_of(&initiative.record)).ok();
    let export = args.out.export()?;
    let text = match args.format {
        ShowFormat::Json => crate::json::document(&to_json(
            &initiative,
            model,
            project.config.survey,
            until,
            context.today,
        )),
        ShowFormat::Text => {
            let description = describe(&project, &initiative, model, until, context.today);
            return export
                .for_reading(&render(&description, false))
                .map(|()| ExitCode::SUCCESS);
        }
        ShowFormat::Markdown => render(
            &describe(&project, &initiative, model, until, context.today),
            true,
        ),
    };
    export.data(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The look-back's rounds up to `until` (default today), when there are two or more: when,
/// how many rated, the means.
fn rounds_section(initiative: &Initiative, until: Date) -> Option<Section> {
    let rounds = impact::rounds(&initiative.record.recall, until);
    if rounds.len() < 2 {
        return None;
    }
    let entries = rounds
        .iter()
        .map(|round| {
            let when = if round.since == round.until {
                round.since.to_string()
            } else {
                format!("{} – {}", round.since, round.until)
            };
            let impact = &round.impact;
            let mut parts = vec![t!("show.round_raters", count = impact.raters)];
            for (label, mean) in [
                (t!("column.self"), impact.self_),
                (t!("column.leadership"), impact.leadership),
                (t!("column.staff"), impact.staff),
                (t!("column.impact"), impact.overall),
            ] {
                if mean.is_some() {
                    parts.push(format!("{label} {}", number(mean)));
                }
            }
            (when, parts.join(" · "), Layout::Prose)
        })
        .collect();
    Some(Section {
        heading: t!("show.rounds_heading"),
        entries,
    })
}

/// The rounds up to `until` (default today) as JSON: each with its days, raters and means.
fn rounds_json(initiative: &Initiative, until: Date) -> serde_json::Value {
    let round = |v: Option<f64>| v.map(|v| (v * 100.0).round() / 100.0);
    impact::rounds(&initiative.record.recall, until)
        .iter()
        .map(|r| {
            json!({
                "since": r.since,
                "until": r.until,
                "rater_count": r.impact.raters,
                "unaided_count": r.impact.unaided,
                "impact": round(r.impact.overall),
                "impact_self": round(r.impact.self_),
                "impact_leadership": round(r.impact.leadership),
                "impact_staff": round(r.impact.staff),
            })
        })
        .collect()
}

/// What `show` says about an initiative, before it is laid out as text or Markdown.
struct Description {
    title: String,
    subtitle: String,
    facts: Vec<(String, String)>,
    sections: Vec<Section>,
}

struct Section {
    heading: String,
    /// A question (or a label) and its answer; the answer may run over several lines.
    entries: Vec<(String, String, Layout)>,
}

/// How an answer's lines are shown in a terminal: as prose, whose hand-wrapped lines join
/// into paragraphs; as a list, a bullet a line; or as lines, each kept on its own (a rating's
/// scores, reasons and note; an indicator's measurements).
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Prose,
    List,
    Lines,
}

/// What `show` tells of an initiative: its facts, then a section per answered step, its
/// indicators, its surveys, its follow-up rounds and its look-backs (up to `until`).
fn describe(
    project: &Project,
    initiative: &Initiative,
    model: Option<&Model>,
    until: Option<Date>,
    today: Date,
) -> Description {
    let record = &initiative.record;
    let mut sections = step_sections(initiative, model, &project.beneficiary());
    sections.extend(material_section(record));
    sections.extend(indicator_section(record));
    if let Some(survey) = &record.survey {
        sections.extend(survey_sections(survey, project.config.survey));
    }
    sections.extend(rounds_section(initiative, until.unwrap_or(today)));
    sections.extend(recall_section(&record.recall, until));
    Description {
        title: record.title.clone(),
        subtitle: format!(
            "{} · {}",
            initiative.id,
            display_path(&initiative.path).display()
        ),
        facts: facts(initiative, model),
        sections,
    }
}

/// The facts at the top: kind, learning, period, owner, audience, whole staff, progress.
fn facts(initiative: &Initiative, model: Option<&Model>) -> Vec<(String, String)> {
    let record = &initiative.record;
    let mut facts = vec![(t!("column.kind"), record.kind.label())];
    if let Some(learning) = record.learning {
        facts.push((t!("column.learning"), learning.label()));
    }
    if !record.themes.is_empty() {
        facts.push((t!("column.themes"), record.themes.join(", ")));
    }
    if let Some(outcome) = record.outcome {
        facts.push((t!("column.outcome"), outcome.label()));
    }
    let period = period(record);
    if !period.is_empty() {
        facts.push((t!("column.period"), period));
    }
    if let Some(owner) = &record.owner {
        facts.push((t!("column.owner"), owner.clone()));
    }
    if let Some(audience) = &record.audience {
        facts.push((t!("column.audience"), audience.clone()));
    }
    facts.push((
        t!("column.whole_staff"),
        if record.whole_staff {
            t!("answer.yes")
        } else {
            t!("answer.no")
        },
    ));
    // What of the plan it serves, as `set` writes it (mål=…, lärandemål=…).
    if !record.goals.is_empty() {
        facts.push((t!("show.goals"), record.goals.join(", ")));
    }
    if !record.learning_goal_ids.is_empty() {
        let ids = record.learning_goal_ids.join(", ");
        facts.push((t!("show.learning_goals"), ids));
    }
    if let Some(model) = model {
        facts.push((
            t!("column.process"),
            t!(
                "show.progress",
                model = model.title(),
                done = model.steps_done(initiative),
                total = model.steps.len(),
                current = progress::step(model, initiative)
            ),
        ));
    }
    facts
}

/// "2025-01-15 – 2025-05-20 (6 sessions)", as much of it as the record says.
fn period(record: &Record) -> String {
    let period = match (record.start, record.end) {
        (Some(start), Some(end)) if start != end => format!("{start} – {end}"),
        (Some(start), _) => start.to_string(),
        (None, Some(end)) => format!("– {end}"),
        (None, None) => String::new(),
    };
    match record.sessions {
        Some(n) => format!(
            "{period} ({})",
            crate::i18n::count("show.sessions", u64::from(n))
        )
        .trim()
        .to_string(),
        None => period,
    }
}

/// A section per answered step, in the model's order (steps it does not have last), each
/// with its answers in the order of the step's questions.
fn step_sections(
    initiative: &Initiative,
    model: Option<&Model>,
    beneficiary: &str,
) -> Vec<Section> {
    let record = &initiative.record;
    let mut sections = Vec::new();
    for step_id in step_order(record, model) {
        let Some(answers) = record.steps.get(&step_id) else {
            continue;
        };
        let step = model.and_then(|m| m.step(&step_id));
        let name = step.map(|s| s.name()).unwrap_or_else(|| step_id.clone());
        let state = match answers.done {
            Some(date) => t!("show.step_done", date = date),
            None => t!("show.step_in_progress"),
        };
        sections.push(Section {
            heading: format!("{name} — {state}"),
            entries: answer_entries(step, answers, beneficiary),
        });
    }
    sections
}

/// The record's steps in the model's order, those the model does not have last.
fn step_order(record: &Record, model: Option<&Model>) -> Vec<String> {
    match model {
        Some(model) => {
            let mut ids: Vec<String> = model.steps.iter().map(|s| s.id.clone()).collect();
            ids.extend(
                record
                    .steps
                    .keys()
                    .filter(|k| model.step(k).is_none())
                    .cloned(),
            );
            ids
        }
        None => record.steps.keys().cloned().collect(),
    }
}

/// A step's answers, labelled with their questions, in the order of the step's questions
/// (answers to questions it does not have last).
fn answer_entries(
    step: Option<&Step>,
    answers: &StepAnswers,
    beneficiary: &str,
) -> Vec<(String, String, Layout)> {
    let mut keys: Vec<&String> = Vec::new();
    if let Some(step) = step {
        keys.extend(
            step.questions
                .iter()
                .map(|q| &q.key)
                .filter(|k| answers.answers.contains_key(*k)),
        );
    }
    keys.extend(
        answers
            .answers
            .keys()
            .filter(|k| !keys.contains(k))
            .collect::<Vec<_>>(),
    );
    keys.into_iter()
        .map(|key| {
            let question = step.and_then(|s| s.question(key));
            let value = &answers.answers[key];
            let label = question
                .map(|q| q.text.render(beneficiary))
                .unwrap_or_else(|| key.clone());
            let layout = if answer::is_list(value) {
                Layout::List
            } else {
                Layout::Prose
            };
            (label, answer_text::display(question, value), layout)
        })
        .collect()
}

/// The books, films and pages the initiative used, each with its link and note.
fn material_section(record: &Record) -> Option<Section> {
    if record.material.is_empty() {
        return None;
    }
    let entries = record
        .material
        .iter()
        .map(|m| {
            let label = match &m.note {
                Some(note) => format!("{} — {note}", m.title),
                None => m.title.clone(),
            };
            (label, m.url.clone(), Layout::Prose)
        })
        .collect();
    Some(Section {
        heading: t!("show.material_heading"),
        entries,
    })
}

/// The indicators with their progress and every measurement, when there are any.
fn indicator_section(record: &Record) -> Option<Section> {
    if record.indicator.is_empty() {
        return None;
    }
    let entries = record
        .indicator
        .iter()
        .map(|indicator| {
            let mut lines = vec![progress::of(indicator)];
            lines.extend(
                indicator
                    .measurements
                    .iter()
                    .map(|m| format!("{}: {}", m.date, progress::value(m.value))),
            );
            (indicator.name.clone(), lines.join("\n"), Layout::Lines)
        })
        .collect();
    Some(Section {
        heading: t!("show.indicators_heading"),
        entries,
    })
}

/// The survey's sections: the first evaluation when it has answers, then one per round.
/// The survey and each later round, each by its own thresholds: the December survey's are
/// the principal's, not the staff surveys'.
fn survey_sections(survey: &SurveyResults, settings: SurveySettings) -> Vec<Section> {
    let thresholds = settings.thresholds();
    let mut sections = Vec::new();
    if survey.responses + survey.waiting > 0 || survey.imported.is_some() {
        sections.push(Section {
            heading: t!("show.survey_heading"),
            entries: survey_entries(survey, thresholds),
        });
    }
    for (key, round) in &survey.rounds {
        sections.push(Section {
            heading: t!("show.survey_round_heading", round = round_name(key, round)),
            entries: survey_entries(round, settings.thresholds_of(key)),
        });
    }
    sections
}

/// Every recall entry shown (those up to `until`, when given), with its scores, reasons,
/// flags and note.
fn recall_section(recall: &[Recall], until: Option<Date>) -> Option<Section> {
    if recall.is_empty() {
        return None;
    }
    let mut entries = Vec::new();
    for recall in recall {
        let scores: Vec<String> = Audience::ALL
            .iter()
            .filter_map(|a| {
                recall
                    .score(*a)
                    .map(|s| format!("{} {} ({})", a.label(), s, s.label()))
            })
            .collect();
        let mut lines = vec![scores.join(" · ")];
        if !recall.why.is_empty() {
            let why: Vec<String> = recall.why.iter().map(|w| w.label()).collect();
            lines.push(format!("{}: {}", t!("column.why"), why.join(", ")));
        }
        if !recall.why_not.is_empty() {
            let why_not: Vec<String> = recall.why_not.iter().map(|w| w.label()).collect();
            lines.push(format!("{}: {}", t!("show.why_not"), why_not.join(", ")));
        }
        if recall.unaided {
            lines.push(t!("show.recall_unaided"));
        }
        if recall.incomplete {
            lines.push(t!("show.recall_incomplete"));
        }
        if let Some(note) = &recall.note {
            lines.push(note.trim().to_string());
        }
        entries.push((
            format!("{}, {}", recall.by, recall.date),
            lines.join("\n"),
            Layout::Lines,
        ));
    }
    let heading = match until {
        Some(date) => t!("show.recall_heading_until", date = date),
        None => t!("show.recall_heading"),
    };
    Some(Section { heading, entries })
}

/// A later survey round in words: "90 days after the end", "the December survey 2026", and
/// for an initiative several units share, "the December survey 2026, Ekbacken".
fn round_name(key: &str, results: &SurveyResults) -> String {
    match Round::parse(key) {
        Some(Round::DaysAfterEnd(days)) => crate::i18n::count("show.round_days", u64::from(days)),
        Some(Round::December(year, unit)) => match results.unit.as_deref().or(unit.as_deref()) {
            Some(unit) => t!("show.round_december_unit", year = year, unit = unit),
            None => t!("show.round_december", year = year),
        },
        Some(Round::End) | None => key.to_string(),
    }
}

/// A survey round's respondents and ratings; only the count while too few answered for the
/// ratings to be anonymous.
fn survey_entries(survey: &SurveyResults, thresholds: Thresholds) -> Vec<(String, String, Layout)> {
    let number = crate::lookback::summary::number;
    if !survey.shown(thresholds) {
        let counted = survey.responses + survey.waiting;
        return vec![(
            t!("show.survey_respondents"),
            t!(
                "show.survey_too_few",
                count = counted,
                min = thresholds.min_responses
            ),
            Layout::Prose,
        )];
    }
    if let Some(transfer) = &survey.transfer {
        let entries = crate::lookback::transfer::entries(transfer);
        return entries
            .into_iter()
            .map(|(l, v)| (l, v, Layout::Prose))
            .collect();
    }
    let mut entries = vec![(
        t!("show.survey_responses"),
        t!(
            "show.survey_summary",
            count = survey.responses,
            mean = number(survey.mean())
        ),
        Layout::Prose,
    )];
    if survey.waiting > 0 {
        entries.push((
            t!("show.survey_waiting_label"),
            t!(
                "show.survey_waiting",
                count = survey.waiting,
                min = thresholds.min_responses
            ),
            Layout::Prose,
        ));
    }
    for rating in survey.ratings.values() {
        let label = rating.text.clone().unwrap_or_default();
        let counts: Vec<String> = rating.distribution.iter().map(u32::to_string).collect();
        entries.push((
            label,
            t!(
                "show.survey_rating",
                mean = number(rating.mean),
                counts = counts.join(" · ")
            ),
            Layout::Prose,
        ));
    }
    entries
}

fn render(description: &Description, markdown: bool) -> String {
    let mut out = if markdown {
        markdown_head(description)
    } else {
        terminal_head(description)
    };
    let md = escape::markdown_text;
    for section in &description.sections {
        if markdown {
            out.push_str(&format!("\n## {}\n", md(&section.heading)));
        } else {
            out.push_str(&format!("\n{}\n", section.heading));
        }
        for (label, value, layout) in &section.entries {
            if markdown {
                markdown_entry(&mut out, label, value, *layout);
            } else {
                terminal_entry(&mut out, label, value, *layout);
            }
        }
    }
    out
}

/// The title, the line below it and the facts, in Markdown.
fn markdown_head(description: &Description) -> String {
    let md = escape::markdown_text;
    let mut out = format!(
        "# {}\n\n{}\n\n",
        md(&description.title),
        escape::markdown_code(&description.subtitle)
    );
    for (label, value) in &description.facts {
        out.push_str(&format!("- **{}:** {}\n", md(label), md(value)));
    }
    out
}

/// The title, the line below it and the facts, with the facts' labels in one column.
fn terminal_head(description: &Description) -> String {
    let mut out = format!(
        "{}\n{}\n\n",
        table::wrap_paragraph(&description.title, "", ""),
        table::wrap_paragraph(&description.subtitle, "", "")
    );
    let width = description
        .facts
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &description.facts {
        let pad = width - label.chars().count();
        let first = format!("{label}:{} ", " ".repeat(pad));
        let rest = " ".repeat(width + 2);
        out.push_str(&format!(
            "{}\n",
            table::wrap_paragraph(value, &first, &rest)
        ));
    }
    out
}

fn markdown_entry(out: &mut String, label: &str, value: &str, layout: Layout) {
    out.push_str(&format!("\n**{}**\n\n", escape::markdown_text(label)));
    if layout == Layout::List {
        for line in value.lines() {
            out.push_str(&format!("- {}\n", escape::markdown_line(line)));
        }
    } else {
        // A hard line break keeps each line of an answer on its own line.
        let lines: Vec<String> = value.lines().map(escape::markdown_line).collect();
        out.push_str(&lines.join("  \n"));
        out.push('\n');
    }
}

/// An answer under its label, wrapped to the terminal; a list with a bullet per item.
fn terminal_entry(out: &mut String, label: &str, value: &str, layout: Layout) {
    out.push_str(&format!("{}\n", table::wrap_paragraph(label, "  ", "  ")));
    let lines = if layout != Layout::Prose || output::width(output::Stream::Stdout).is_none() {
        value.lines().map(str::to_string).collect()
    } else {
        paragraphs(value)
    };
    let (first, rest) = if layout == Layout::List {
        ("    • ", "      ")
    } else {
        ("    ", "    ")
    };
    for line in &lines {
        out.push_str(&format!("{}\n", table::wrap_paragraph(line, first, rest)));
    }
}

/// The paragraphs of an answer, each as one line to wrap to the terminal: the line breaks
/// of a hand-wrapped paragraph would otherwise leave ragged lines; blank lines stay.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for line in text.lines().map(str::trim) {
        match out.last_mut() {
            Some(last) if joining && !line.is_empty() => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
        joining = !line.is_empty();
    }
    out
}

fn to_json(
    initiative: &Initiative,
    model: Option<&Model>,
    settings: SurveySettings,
    until: Option<Date>,
    today: Date,
) -> serde_json::Value {
    let record = &initiative.record;
    let finished = if record.not_training() {
        "not-training"
    } else {
        "done"
    };
    let current = model.map(|m| {
        m.current_step(initiative)
            .map_or(finished.to_string(), |s| s.id.clone())
    });
    json!({
        "id": initiative.id,
        "path": crate::error::with_forward_slashes(&initiative.path),
        "schema": record.schema,
        "title": record.title,
        "kind": record.kind.key(),
        "learning": record.learning.map(|l| l.key()),
        "themes": record.themes,
        "outcome": record.outcome.map(|o| o.key()),
        "process": record.process,
        "start": record.start,
        "end": record.end,
        "session_count": record.sessions,
        "owner": record.owner,
        "audience": record.audience,
        "whole_staff": record.whole_staff,
        "goals": record.goals,
        "learning_goals": record.learning_goal_ids,
        "step": current,
        "steps": steps_json(record),
        "follow_up": record.follow_up.as_ref().map(|planned| planned
            .iter()
            .map(|f| match f {
                crate::model::initiative::FollowUp::DaysAfterEnd(days) => json!(days),
                crate::model::initiative::FollowUp::On(date) => json!(date),
            })
            .collect::<Vec<_>>()),
        "material": record.material.iter().map(|m| json!({"title": m.title, "url": m.url, "note": m.note})).collect::<Vec<_>>(),
        "indicators": record.indicator.iter().map(crate::model::indicator::Indicator::json).collect::<Vec<_>>(),
        "survey": record.survey.as_ref().map(|s| survey_json(s, settings.thresholds(), settings)),
        "recall": record.recall,
        "rounds": rounds_json(initiative, until.unwrap_or(today)),
    })
}

/// Each step's answers and the day it was done, by step id.
fn steps_json(record: &Record) -> serde_json::Value {
    let steps: serde_json::Map<String, serde_json::Value> = record
        .steps
        .iter()
        .map(|(id, answers)| {
            let mut object = serde_json::Map::new();
            object.insert("done".into(), json!(answers.done));
            for (key, value) in &answers.answers {
                object.insert(key.clone(), json_value(value));
            }
            (id.clone(), serde_json::Value::Object(object))
        })
        .collect();
    serde_json::Value::Object(steps)
}

/// TOML → JSON, with dates as ISO strings.
/// A survey round for `--format json`: `shown` is false, and `mean` and `ratings` are null,
/// while too few answered for the results to be anonymous.
fn survey_json(
    survey: &SurveyResults,
    thresholds: Thresholds,
    settings: SurveySettings,
) -> serde_json::Value {
    let shown = survey.shown(thresholds);
    let ratings = survey
        .ratings
        .iter()
        .map(|(key, r)| {
            let rating = json!({"text": r.text, "mean": r.mean, "distribution": r.distribution});
            (key.clone(), rating)
        })
        .collect::<serde_json::Map<_, _>>();
    let mut json = json!({
        "response_count": survey.responses,
        "waiting_count": survey.waiting,
        "imported": survey.imported,
        "shown": shown,
        "mean": if shown { survey.mean() } else { None },
        "ratings": shown.then_some(ratings),
        "transfer": survey.transfer.as_ref().filter(|_| shown).map(transfer_json),
        "rounds": survey
            .rounds
            .iter()
            .map(|(key, round)| {
                let thresholds = settings.thresholds_of(key);
                (key.clone(), survey_json(round, thresholds, settings))
            })
            .collect::<serde_json::Map<_, _>>(),
    });
    // Named only where the round is one unit's of several, so other outputs stay as they were.
    if let Some(unit) = &survey.unit {
        json["unit"] = json!(unit);
    }
    json
}

/// A transfer round's aggregate for `--format json`, keys as in the record but the count's
/// (`respondent_count`, docs/format.md#json-for-scripts).
fn transfer_json(transfer: &crate::model::transfer::Transfer) -> serde_json::Value {
    json!({
        "respondent_count": transfer.respondents,
        "use": transfer.use_counts,
        "at_least_monthly": transfer.at_least_monthly,
        "confidence": transfer.confidence,
        "confidence_distribution": transfer.confidence_distribution,
        "helped": transfer.helped,
        "obstacles": transfer.obstacles,
        "leader_followed_up": transfer.leader_followed_up,
    })
}

pub fn json_value(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(n) => json!(n),
        toml::Value::Float(x) => json!(x),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(json_value).collect())
        }
        toml::Value::Table(table) => serde_json::Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), json_value(v)))
                .collect(),
        ),
    }
}
