//! The plan followed up: each development goal with the initiatives that serve it (their
//! recalled impact and what was measured) and its learning goals with their status; the goals
//! no initiative serves and the initiatives that serve no goal. Rendered as Markdown, JSON and
//! a section of the meeting pack; the terminal table is the command's.

use std::fmt::Write;

use serde::Serialize;

use crate::escape;
use crate::i18n::Lang;
use crate::lookback::impact::{Period, Rated};
use crate::lookback::report_html;
use crate::lookback::summary::{number, unit_text, Evidence};
use crate::lookback::transfer::RoundUse;
use crate::model::date::Date;
use crate::model::plan::{Goal, GoalStatus, LearningGoal, Plan};
use crate::model::vocabulary::Vocabulary;
use crate::t;

/// One initiative as the plan shows it.
pub struct Served<'a> {
    pub rated: Rated<'a>,
    pub evidence: Evidence,
}

/// A development goal and the initiatives naming it.
pub struct GoalView<'p, 'a> {
    pub goal: &'p Goal,
    pub served_by: Vec<&'p Served<'a>>,
    /// Its learning goals, in the plan's order, each with the initiatives naming it.
    pub learning: Vec<LearningView<'p, 'a>>,
}

/// A learning goal, the id initiatives name it by, and those that do.
pub struct LearningView<'p, 'a> {
    pub id: String,
    pub goal: &'p LearningGoal,
    pub served_by: Vec<&'p Served<'a>>,
}

/// What the initiatives serving a learning goal suggest, beside its typed status.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct LearningEvidence {
    pub initiatives: usize,
    /// Those someone has rated, and of them the ones that stuck.
    pub rated: usize,
    pub stuck: usize,
    /// The mean share using it at least monthly, over the initiatives whose latest
    /// transfer round may be shown.
    pub at_least_monthly: Option<f64>,
}

impl LearningView<'_, '_> {
    pub fn evidence(&self) -> LearningEvidence {
        let impacts = self.served_by.iter().map(|s| s.rated.impact.stuck());
        let shares: Vec<f64> = self
            .served_by
            .iter()
            .filter_map(|s| s.evidence.latest_transfer())
            .filter_map(|round| round.transfer.as_ref().and_then(|t| t.at_least_monthly))
            .collect();
        LearningEvidence {
            initiatives: self.served_by.len(),
            rated: impacts.clone().flatten().count(),
            stuck: impacts.filter(|stuck| *stuck == Some(true)).count(),
            at_least_monthly: (!shares.is_empty())
                .then(|| shares.iter().sum::<f64>() / shares.len() as f64),
        }
    }
}

impl LearningEvidence {
    /// "3 av 4 insatser har fastnat, 70 % använder det varje månad"; empty with no initiative.
    pub fn text(&self) -> String {
        if self.initiatives == 0 {
            return String::new();
        }
        let mut text = match self.rated {
            0 => crate::i18n::count("plan.evidence_unrated", self.initiatives as u64),
            rated => t!(
                "plan.evidence_stuck",
                stuck = self.stuck,
                of = crate::i18n::count("plan.evidence_initiatives", rated as u64)
            ),
        };
        if let Some(share) = self.at_least_monthly {
            text += &t!(
                "plan.evidence_monthly",
                share = crate::lookback::transfer::percent(Some(share))
            );
        }
        text
    }
}

/// Which initiatives one plan is followed up with, where an organiser's plan and its units'
/// are shown together and a goal id means the goal of the plan the initiative works to.
pub struct PlanScope<'s, 'p, 'a> {
    /// The initiatives whose goals may be this plan's.
    pub serving: &'s [&'p Served<'a>],
    /// The initiatives that work to this plan first: pointed out here when they name no goal
    /// or a goal no plan of theirs has.
    pub members: &'s [&'p Served<'a>],
    /// Whether an initiative naming a goal id means this plan's goal.
    pub here: &'s dyn Fn(&Served, &str) -> bool,
    /// Whether a goal id an initiative names is another plan's it works to.
    pub elsewhere: &'s dyn Fn(&Served, &str) -> bool,
}

/// The plan with the initiatives read.
pub struct PlanView<'p, 'a> {
    pub project_name: String,
    pub plan: &'p Plan,
    pub goals: Vec<GoalView<'p, 'a>>,
    /// Initiatives in the plan's period that name no goal.
    pub without_goal: Vec<&'p Served<'a>>,
    /// Initiatives naming a goal the plan does not have, with that id.
    pub unknown_goals: Vec<(&'p Served<'a>, &'a str)>,
    pub today: Date,
}

impl<'p, 'a> PlanView<'p, 'a> {
    /// The plan of one project, followed up with all of `served`.
    pub fn new(
        project_name: String,
        plan: &'p Plan,
        served: &'p [Served<'a>],
        today: Date,
    ) -> PlanView<'p, 'a> {
        let all: Vec<&Served> = served.iter().collect();
        let scope = PlanScope {
            serving: &all,
            members: &all,
            here: &|_, _| true,
            elsewhere: &|_, _| false,
        };
        PlanView::scoped(project_name, plan, &scope, today)
    }

    /// The plan followed up with the initiatives `scope` gives it: one plan among an
    /// organiser's and its units'.
    pub fn scoped(
        project_name: String,
        plan: &'p Plan,
        scope: &PlanScope<'_, 'p, 'a>,
        today: Date,
    ) -> PlanView<'p, 'a> {
        let goals = plan
            .goals
            .iter()
            .map(|goal| GoalView {
                goal,
                served_by: scope
                    .serving
                    .iter()
                    .copied()
                    .filter(|s| s.rated.initiative.record.goals.contains(&goal.id))
                    .filter(|s| (scope.here)(s, &goal.id))
                    .collect(),
                learning: learning_views(goal, scope),
            })
            .collect();
        let without_goal = scope
            .members
            .iter()
            .copied()
            .filter(|s| s.rated.initiative.record.goals.is_empty())
            .filter(|s| plan.covers(Period::date_of(s.rated.initiative)))
            .collect();
        let unknown_goals = scope
            .members
            .iter()
            .copied()
            .flat_map(|s| {
                let goals = &s.rated.initiative.record.goals;
                goals
                    .iter()
                    .filter(|id| plan.goal(id).is_none() && !(scope.elsewhere)(s, id))
                    .map(move |id| (s, id.as_str()))
            })
            .collect();
        PlanView {
            project_name,
            plan,
            goals,
            without_goal,
            unknown_goals,
            today,
        }
    }

    /// Whether the initiatives shown come from more than one unit, so that each needs its
    /// unit named; in a unit's own plan they are all its own.
    pub fn mixed_units(&self) -> bool {
        let served = self.goals.iter().flat_map(|g| g.served_by.iter().copied());
        let others = self.unknown_goals.iter().map(|(s, _)| *s);
        let mut units = served
            .chain(self.without_goal.iter().copied())
            .chain(others)
            .filter_map(|s| s.rated.initiative.unit.as_ref());
        let first = units.next();
        units.any(|unit| Some(unit) != first)
    }

    /// The goals no initiative serves.
    pub fn unserved(&self) -> impl Iterator<Item = &GoalView<'p, 'a>> {
        self.goals.iter().filter(|g| g.served_by.is_empty())
    }

    /// "Kompetensutvecklingsplan 2025–2027 — Skolan, 2025-07-01 – 2027-06-30".
    pub fn heading(&self) -> String {
        let title = self.plan.title.clone().unwrap_or_else(|| t!("plan.title"));
        let mut heading = if self.project_name.is_empty() {
            title
        } else {
            format!("{title} — {}", self.project_name)
        };
        match (self.plan.start, self.plan.end) {
            (None, None) => {}
            (start, end) => {
                let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
                let _ = write!(heading, ", {} – {}", date(start), date(end));
            }
        }
        heading
    }
}

/// A goal's learning goals, each with the initiatives in `scope` that name it.
fn learning_views<'p, 'a>(
    goal: &'p Goal,
    scope: &PlanScope<'_, 'p, 'a>,
) -> Vec<LearningView<'p, 'a>> {
    goal.learning_goals
        .iter()
        .enumerate()
        .map(|(n, learning)| {
            let id = goal.learning_id(n);
            let served_by = scope
                .serving
                .iter()
                .copied()
                .filter(|s| s.rated.initiative.record.learning_goal_ids.contains(&id))
                .filter(|s| (scope.here)(s, &goal.id))
                .collect();
            LearningView {
                id,
                goal: learning,
                served_by,
            }
        })
        .collect()
}

/// An initiative's name in lists: its title, and its unit when `with_unit`.
pub fn initiative_label(served: &Served, with_unit: bool) -> String {
    let initiative = served.rated.initiative;
    match &initiative.unit {
        Some(unit) if with_unit => format!("{} ({})", initiative.record.title, unit_text(unit)),
        _ => initiative.record.title.clone(),
    }
}

/// The indicators of an initiative in a few words: "Elever som vet målet: 40 → 65 % (mål 80 %)".
pub fn indicators_text(served: &Served) -> String {
    served
        .evidence
        .indicators
        .iter()
        .map(|(name, _, progress)| format!("{name}: {progress}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether a learning goal's date has passed while it is still planned or under way.
pub fn past_due(goal: &LearningGoal, today: Date) -> bool {
    let open = matches!(goal.status, GoalStatus::Planned | GoalStatus::Started);
    open && goal.by.is_some_and(|by| by < today)
}

/// A learning goal's status in words, "past due" added when its date has passed unreached.
pub fn status_text(goal: &LearningGoal, today: Date) -> String {
    let label = goal.status.label();
    if past_due(goal, today) {
        format!("{label} ({})", t!("plan.past_due"))
    } else {
        label
    }
}

/// Which optional columns a goal's table of initiatives has: the unit in an organiser's
/// view, the use after the initiative once some initiative has a transfer round to show.
#[derive(Clone, Copy)]
pub struct Columns {
    pub unit: bool,
    pub transfer: bool,
    /// Whether some learning goal is named by an initiative, so has evidence to show.
    pub evidence: bool,
}

impl Columns {
    pub fn of(view: &PlanView) -> Columns {
        let shown = || view.goals.iter().flat_map(|g| &g.served_by);
        Columns {
            unit: view.mixed_units(),
            transfer: shown().any(|s| s.evidence.latest_transfer().is_some()),
            evidence: view
                .goals
                .iter()
                .flat_map(|g| &g.learning)
                .any(|l| !l.served_by.is_empty()),
        }
    }
}

/// The headers of a goal's table of initiatives.
pub fn initiative_headers(columns: Columns) -> Vec<String> {
    let mut headers = vec![t!("column.title")];
    if columns.unit {
        headers.push(t!("column.unit"));
    }
    headers.push(t!("column.impact"));
    if columns.transfer {
        headers.push(t!("column.used_after"));
    }
    headers.push(t!("plan.indicators"));
    headers
}

/// A goal's initiatives as table cells, in the order of [`initiative_headers`].
pub fn initiative_cells(served: &Served, columns: Columns) -> Vec<String> {
    let initiative = served.rated.initiative;
    let mut cells = vec![initiative.record.title.clone()];
    if columns.unit {
        cells.push(initiative.unit.as_ref().map(unit_text).unwrap_or_default());
    }
    cells.push(number(served.rated.impact.overall));
    if columns.transfer {
        let latest = served.evidence.latest_transfer();
        cells.push(latest.map(RoundUse::cell).unwrap_or_default());
    }
    cells.push(indicators_text(served));
    cells
}

pub fn learning_headers(columns: Columns) -> Vec<String> {
    let keys = [
        "plan.learning_id",
        "plan.who",
        "plan.can",
        "plan.by",
        "plan.status",
    ];
    let evidence = columns.evidence.then_some("plan.evidence");
    keys.into_iter()
        .chain(evidence)
        .map(|key| t!(key))
        .collect()
}

/// A learning goal's row: its id, who, can, by, the typed status and beside it what the
/// initiatives serving it suggest.
pub fn learning_cells(learning: &LearningView, today: Date, columns: Columns) -> Vec<String> {
    let goal = learning.goal;
    let mut cells = vec![
        learning.id.clone(),
        goal.who.clone(),
        goal.can.clone(),
        goal.by.map(|d| d.to_string()).unwrap_or_default(),
        status_text(goal, today),
    ];
    if columns.evidence {
        cells.push(learning.evidence().text());
    }
    cells
}

/// The initiatives serving a learning goal, one line each: "formativ.1: Bokcirkel (2,8;
/// 70 % varje månad efter 3 mån)".
pub fn learning_lines(learning: &LearningView, with_unit: bool) -> Vec<String> {
    learning
        .served_by
        .iter()
        .map(|s| {
            let impact = s.rated.impact.overall;
            let impact = impact.map(|i| t!("plan.impact_fact", impact = number(Some(i))));
            let used = s.evidence.latest_transfer().map(RoundUse::cell);
            let facts: Vec<String> = impact.into_iter().chain(used).collect();
            let label = format!("{}: {}", learning.id, initiative_label(s, with_unit));
            match facts.is_empty() {
                true => label,
                false => format!("{label} – {}", facts.join("; ")),
            }
        })
        .collect()
}

/// The lines that point out what does not fit the plan: goals without initiatives,
/// initiatives without goals, and goals named that the plan lacks.
pub fn findings(view: &PlanView) -> Vec<(String, Vec<String>)> {
    let mut sections = Vec::new();
    let with_unit = view.mixed_units();
    let unserved: Vec<String> = view
        .unserved()
        .map(|g| format!("{} ({})", g.goal.title, g.goal.id))
        .collect();
    if !unserved.is_empty() {
        sections.push((t!("plan.unserved"), unserved));
    }
    let without: Vec<String> = view
        .without_goal
        .iter()
        .map(|s| initiative_label(s, with_unit))
        .collect();
    if !without.is_empty() {
        sections.push((t!("plan.without_goal"), without));
    }
    let unknown: Vec<String> = view
        .unknown_goals
        .iter()
        .map(|(s, id)| {
            t!(
                "plan.names_unknown",
                initiative = initiative_label(s, with_unit),
                id = id
            )
        })
        .collect();
    if !unknown.is_empty() {
        sections.push((t!("plan.unknown_heading"), unknown));
    }
    sections
}

pub(crate) fn markdown_table(headers: &[String], rows: &[Vec<String>]) -> String {
    let cell = |text: &String| escape::markdown_cell(text);
    let mut out = format!(
        "| {} |\n",
        headers.iter().map(cell).collect::<Vec<_>>().join(" | ")
    );
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for row in rows {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter().map(cell).collect::<Vec<_>>().join(" | ")
        );
    }
    out
}

/// The goals, each with its needs, initiatives and learning goals, under `level` headings.
fn markdown_goals(view: &PlanView, level: &str) -> String {
    let md = escape::markdown_text;
    let columns = Columns::of(view);
    let mut out = String::new();
    for goal in &view.goals {
        let g = goal.goal;
        let _ = writeln!(out, "{level} {} ({})\n", md(&g.title), md(&g.id));
        if !g.needs.is_empty() {
            let _ = writeln!(
                out,
                "{}\n",
                md(&t!("plan.needs", needs = g.needs.join("; ")))
            );
        }
        if goal.served_by.is_empty() {
            let _ = writeln!(out, "_{}_\n", md(&t!("plan.no_initiative")));
        } else {
            let rows: Vec<Vec<String>> = goal
                .served_by
                .iter()
                .map(|s| initiative_cells(s, columns))
                .collect();
            let _ = writeln!(
                out,
                "{}",
                markdown_table(&initiative_headers(columns), &rows)
            );
        }
        if !goal.learning.is_empty() {
            let rows: Vec<Vec<String>> = goal
                .learning
                .iter()
                .map(|l| learning_cells(l, view.today, columns))
                .collect();
            let _ = writeln!(out, "**{}**\n", md(&t!("plan.learning_goals")));
            let _ = writeln!(out, "{}", markdown_table(&learning_headers(columns), &rows));
            let lines: Vec<String> = goal
                .learning
                .iter()
                .flat_map(|l| learning_lines(l, columns.unit))
                .collect();
            for line in &lines {
                let _ = writeln!(out, "- {}", escape::markdown_line(line));
            }
            if !lines.is_empty() {
                out.push('\n');
            }
        }
    }
    for (title, lines) in findings(view) {
        let _ = writeln!(out, "**{}**\n", md(&title));
        for line in lines {
            let _ = writeln!(out, "- {}", escape::markdown_line(&line));
        }
        out.push('\n');
    }
    out
}

/// `fortb plan --format markdown`.
pub fn markdown(view: &PlanView) -> String {
    let mut out = format!("# {}\n\n", escape::markdown_text(&view.heading()));
    out.push_str(&markdown_goals(view, "##"));
    out
}

/// The plan's section of the Markdown meeting pack.
pub fn report_markdown(view: &PlanView) -> String {
    let title = t!("plan.report_heading");
    let mut out = format!("## {}\n\n", escape::markdown_text(&title));
    out.push_str(&markdown_goals(view, "###"));
    out
}

/// An HTML table of text from the plan and the records, in a region that scrolls sideways on
/// a narrow screen rather than the page, named `label` for a screen reader.
pub(crate) fn html_table(
    text_lang: Option<Lang>,
    label: &str,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
) -> String {
    let mut table = crate::lookback::report_html::scroll_box_start("table-scroll", label);
    table.push_str("\n<table>\n<thead><tr>");
    for header in headers {
        let _ = write!(table, "<th scope=\"col\">{}</th>", escape::html(&header));
    }
    table.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let cells: String = row
            .iter()
            .map(|c| format!("<td>{}</td>", report_html::record_text(text_lang, c)))
            .collect();
        let _ = writeln!(table, "<tr>{cells}</tr>");
    }
    table.push_str("</tbody>\n</table>\n</section>\n");
    table
}

/// The plan's section of the HTML meeting pack; text from the plan and the records is marked
/// with `text_lang`, the project's language.
pub fn report_html(view: &PlanView, text_lang: Option<Lang>) -> String {
    let h = escape::html;
    let text = |t: &str| report_html::record_text(text_lang, t);
    let columns = Columns::of(view);
    let mut out = report_html::section_start("plan", &t!("plan.report_heading"));
    for goal in &view.goals {
        let g = goal.goal;
        let _ = writeln!(out, "<h3>{} ({})</h3>", text(&g.title), h(&g.id));
        if !g.needs.is_empty() {
            let line = t!("plan.needs", needs = report_html::HOLE);
            let _ = writeln!(
                out,
                "<p>{}</p>",
                report_html::fill(text_lang, &line, &g.needs.join("; "))
            );
        }
        if goal.served_by.is_empty() {
            let _ = writeln!(out, "<p><em>{}</em></p>", h(&t!("plan.no_initiative")));
        } else {
            let rows = goal.served_by.iter().map(|s| initiative_cells(s, columns));
            let headers = initiative_headers(columns);
            out.push_str(&html_table(text_lang, &g.title, headers, rows.collect()));
        }
        if !goal.learning.is_empty() {
            let rows = goal
                .learning
                .iter()
                .map(|l| learning_cells(l, view.today, columns));
            let heading = t!("plan.learning_goals");
            let _ = writeln!(out, "<h4>{}</h4>", h(&heading));
            let label = format!("{heading}: {}", g.title);
            out.push_str(&html_table(
                text_lang,
                &label,
                learning_headers(columns),
                rows.collect(),
            ));
        }
    }
    for (title, lines) in findings(view) {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", h(&title));
        for line in lines {
            let _ = writeln!(out, "<li>{}</li>", text(&line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// One plan as JSON, the shape of docs/json/plan.schema.json.
#[derive(Serialize)]
pub struct JsonPlan<'a> {
    project: &'a str,
    title: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    goals: Vec<JsonGoal<'a>>,
    unserved_goals: Vec<&'a str>,
    initiatives_without_goal: Vec<JsonInitiative<'a>>,
    unknown_goals: Vec<JsonUnknown<'a>>,
}

#[derive(Serialize)]
struct JsonGoal<'a> {
    id: &'a str,
    title: &'a str,
    needs: &'a [String],
    initiatives: Vec<JsonInitiative<'a>>,
    learning_goals: Vec<JsonLearning<'a>>,
}

#[derive(Serialize)]
struct JsonInitiative<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    start: Option<String>,
    impact: Option<f64>,
    rater_count: usize,
    survey_mean: Option<f64>,
    goals_reached: Option<&'a str>,
    /// The latest follow-up round whose use after the initiative may be shown.
    used_after: Option<JsonUse>,
    indicators: Vec<JsonIndicator<'a>>,
}

#[derive(Serialize)]
struct JsonUse {
    /// The follow-up round: days after the end.
    round: u32,
    respondent_count: u32,
    /// The share (0–1) who use it at least monthly.
    at_least_monthly: Option<f64>,
    /// The mean confidence, 1–5.
    confidence: Option<f64>,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    name: &'a str,
    /// How far toward the target it got, 0–1.
    share_of_the_way: Option<f64>,
    progress: &'a str,
}

#[derive(Serialize)]
struct JsonLearning<'a> {
    /// What initiatives write in their `learning_goals`.
    id: String,
    who: &'a str,
    can: &'a str,
    by: Option<String>,
    status: &'static str,
    past_due: bool,
    /// The initiatives naming it in their `learning_goals`.
    initiatives: Vec<JsonInitiative<'a>>,
    evidence: JsonEvidence,
}

/// What the initiatives serving a learning goal suggest.
#[derive(Serialize)]
struct JsonEvidence {
    initiative_count: usize,
    rated_count: usize,
    stuck_count: usize,
    /// The mean share (0–1) using it at least monthly, from the latest transfer rounds.
    at_least_monthly: Option<f64>,
}

#[derive(Serialize)]
struct JsonUnknown<'a> {
    id: &'a str,
    title: &'a str,
    goal: &'a str,
}

fn json_initiative<'a>(served: &'a Served) -> JsonInitiative<'a> {
    let initiative = served.rated.initiative;
    let record = &initiative.record;
    JsonInitiative {
        id: &initiative.id,
        title: &record.title,
        unit: initiative.unit.as_ref().map(|u| &*u.name),
        start: Period::date_of(initiative).map(|d| d.to_string()),
        impact: served
            .rated
            .impact
            .overall
            .map(|v| (v * 100.0).round() / 100.0),
        rater_count: served.rated.impact.raters,
        survey_mean: served.evidence.survey_mean,
        goals_reached: served.evidence.goals_reached.as_deref(),
        used_after: served.evidence.latest_transfer().map(|round| JsonUse {
            round: round.days,
            respondent_count: round.respondents,
            at_least_monthly: round.transfer.as_ref().and_then(|t| t.at_least_monthly),
            confidence: round.transfer.as_ref().and_then(|t| t.confidence),
        }),
        indicators: served
            .evidence
            .indicators
            .iter()
            .map(|(name, share, progress)| JsonIndicator {
                name,
                share_of_the_way: *share,
                progress,
            })
            .collect(),
    }
}

fn json_learning<'a>(learning: &'a LearningView, today: Date) -> JsonLearning<'a> {
    let l = learning.goal;
    let evidence = learning.evidence();
    JsonLearning {
        id: learning.id.clone(),
        who: &l.who,
        can: &l.can,
        by: l.by.map(|d| d.to_string()),
        status: l.status.key(),
        past_due: past_due(l, today),
        initiatives: learning
            .served_by
            .iter()
            .map(|s| json_initiative(s))
            .collect(),
        evidence: JsonEvidence {
            initiative_count: evidence.initiatives,
            rated_count: evidence.rated,
            stuck_count: evidence.stuck,
            at_least_monthly: evidence
                .at_least_monthly
                .map(|v| (v * 100.0).round() / 100.0),
        },
    }
}

/// One plan followed up, in the shape of docs/json/plan.schema.json.
pub fn json_plan<'a>(view: &'a PlanView) -> JsonPlan<'a> {
    let goals = view
        .goals
        .iter()
        .map(|goal| JsonGoal {
            id: &goal.goal.id,
            title: &goal.goal.title,
            needs: &goal.goal.needs,
            initiatives: goal.served_by.iter().map(|s| json_initiative(s)).collect(),
            learning_goals: goal
                .learning
                .iter()
                .map(|l| json_learning(l, view.today))
                .collect(),
        })
        .collect();
    JsonPlan {
        project: &view.project_name,
        title: view.plan.title.as_deref(),
        start: view.plan.start.map(|d| d.to_string()),
        end: view.plan.end.map(|d| d.to_string()),
        goals,
        unserved_goals: view.unserved().map(|g| g.goal.id.as_str()).collect(),
        initiatives_without_goal: view
            .without_goal
            .iter()
            .map(|s| json_initiative(s))
            .collect(),
        unknown_goals: view
            .unknown_goals
            .iter()
            .map(|(s, goal)| JsonUnknown {
                id: &s.rated.initiative.id,
                title: &s.rated.initiative.record.title,
                goal,
            })
            .collect(),
    }
}

impl<'a> JsonPlan<'a> {
    /// The place of a plan a project does not have: its name, the rest empty.
    pub fn empty(project: &'a str) -> JsonPlan<'a> {
        JsonPlan {
            project,
            title: None,
            start: None,
            end: None,
            goals: Vec::new(),
            unserved_goals: Vec::new(),
            initiatives_without_goal: Vec::new(),
            unknown_goals: Vec::new(),
        }
    }
}

/// `fortb plan --format json`, as docs/json/plan.schema.json describes it.
pub fn json(view: &PlanView) -> String {
    crate::json::document(&json_plan(view))
}
