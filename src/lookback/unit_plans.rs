//! An organiser's plans followed up together: the organiser's own plan, served by the
//! initiatives of every unit and by its own, then each unit's plan, served by that unit's
//! initiatives and the organiser's shared with it. A goal id names the goal of the plan the
//! initiative works to — its unit's own plan first, then the organiser's — and never another
//! unit's: two schools may both have a goal "formativ".

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Diagnostic, Result};
use crate::escape;
use crate::i18n::Lang;
use crate::lookback::plan::{self, GoalView, JsonPlan, PlanScope, PlanView, Served};
use crate::lookback::report_html;
use crate::lookback::summary::number;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::plan::{GoalStatus, Plan};
use crate::record::plan as plan_file;
use crate::record::project::Project;
use crate::record::store;
use crate::record::units::{self, Scope};
use crate::t;

/// One project's plan as read: its name, and `plan.toml` if it has one.
pub struct PlanFile {
    pub name: String,
    pub project: Project,
    pub plan: Option<Plan>,
    /// The plan is there but could not be read (reported as broken, not as missing).
    pub unreadable: bool,
}

/// The plans of an organiser's view: the organiser's (when the view has one) and each unit's.
pub struct PlanFiles {
    pub organiser: Option<PlanFile>,
    pub units: Vec<PlanFile>,
}

/// Whether a command reads several units at once and so shows an organiser's plans: a
/// project that lists units, or more than one project.
pub fn is_organiser_view(scope: &Scope) -> bool {
    scope.projects.len() > 1 || !scope.main.config.organisation.units.is_empty()
}

impl PlanFiles {
    /// Reads the plans of `scope`: the organiser is the main project when it lists units, else
    /// the organiser it names. A unit's plan that cannot be read is returned as a diagnostic
    /// and that unit shown without a plan section; the organiser's is an error, as a single
    /// project's is.
    pub fn read(scope: &Scope) -> Result<(PlanFiles, Vec<Diagnostic>)> {
        let organiser = if scope.main.config.organisation.units.is_empty() {
            plan_file::organiser_of(&scope.main)
        } else {
            Some(scope.main.clone())
        };
        let is_organiser = |project: &Project| {
            organiser
                .as_ref()
                .is_some_and(|o| o.initiatives_dir() == project.initiatives_dir())
        };
        let mut broken = Vec::new();
        let mut units = Vec::new();
        let shown = scope.projects.iter().enumerate();
        for (index, project) in shown.filter(|(_, p)| !is_organiser(p)) {
            let path = plan_file::plan_path(project);
            let (plan, unreadable) = match plan_file::load(project) {
                Ok(plan) => (plan, false),
                Err(error) => {
                    broken.push(store::as_diagnostic(&path, error));
                    (None, true)
                }
            };
            units.push(PlanFile {
                name: scope.shown_name(index).to_string(),
                project: project.clone(),
                plan,
                unreadable,
            });
        }
        let organiser = match organiser {
            Some(project) => Some(PlanFile {
                name: units::name_of(&project),
                plan: plan_file::load(&project)?,
                project,
                unreadable: false,
            }),
            None => None,
        };
        Ok((PlanFiles { organiser, units }, broken))
    }

    /// Whether any plan shown under `selection` exists.
    pub fn any(&self, selection: &Selection) -> bool {
        let organiser = self.organiser.as_ref().is_some_and(|o| o.plan.is_some());
        organiser
            || self
                .units
                .iter()
                .zip(&selection.units)
                .any(|(unit, &chosen)| chosen && unit.plan.is_some())
    }

    /// The units `--unit` names, by name or folder (any case); all when none is named. The
    /// error lists the names there are.
    pub fn select(
        &self,
        wanted: &[String],
    ) -> std::result::Result<Selection, (String, Vec<String>)> {
        if wanted.is_empty() {
            return Ok(Selection {
                organiser: true,
                units: vec![true; self.units.len()],
            });
        }
        let named = |file: &PlanFile, given: &str| {
            let folder = std::fs::canonicalize(&file.project.root)
                .ok()
                .and_then(|root| root.file_name().map(|n| n.to_string_lossy().to_lowercase()));
            file.name.to_lowercase() == given || folder.as_deref() == Some(given)
        };
        let mut selection = Selection {
            organiser: false,
            units: vec![false; self.units.len()],
        };
        for given in wanted {
            let lower = given.trim().to_lowercase();
            if self.organiser.as_ref().is_some_and(|o| named(o, &lower)) {
                selection.organiser = true;
            } else if let Some(i) = self.units.iter().position(|u| named(u, &lower)) {
                selection.units[i] = true;
            } else {
                let all = self.organiser.iter().chain(&self.units);
                return Err((given.clone(), all.map(|file| file.name.clone()).collect()));
            }
        }
        Ok(selection)
    }

    /// Where an initiative read through the scope works: in a unit (by its `initiatives/`
    /// folder in `folders`), or the organiser's own and shared with the units whose folders
    /// (as [`units::folder_key`] gives them) are `unit_keys`.
    fn home_of(
        &self,
        folders: &HashMap<PathBuf, usize>,
        unit_keys: &[PathBuf],
        initiative: &Initiative,
    ) -> Home {
        if let Some(&unit) = initiative.path.parent().and_then(|f| folders.get(f)) {
            return Home::Unit(unit);
        }
        let shared_with = match &self.organiser {
            Some(organiser) => (0..unit_keys.len())
                .filter(|&u| units::shares(&organiser.project, &unit_keys[u], initiative))
                .collect(),
            None => Vec::new(),
        };
        Home::Organiser(shared_with)
    }

    fn has_goal(file: &PlanFile, id: &str) -> bool {
        file.plan
            .as_ref()
            .is_some_and(|plan| plan.goal(id).is_some())
    }
}

/// Which plans a view shows: the organiser's initiatives count when the organiser is chosen
/// (or when shared with a chosen unit).
pub struct Selection {
    pub organiser: bool,
    pub units: Vec<bool>,
}

#[derive(Clone)]
enum Home {
    Unit(usize),
    /// The organiser's own initiative, shared with these units.
    Organiser(Vec<usize>),
}

/// One unit's part of the view: its plan followed up, or `None` when it has none.
pub struct UnitPlan<'p, 'a> {
    pub unit: &'p str,
    pub view: Option<PlanView<'p, 'a>>,
}

/// The plans followed up: the main project's own plan, then each unit's (empty for a single
/// project).
pub struct PlansView<'p, 'a> {
    pub own: Option<PlanView<'p, 'a>>,
    pub units: Vec<UnitPlan<'p, 'a>>,
}

impl<'p, 'a> PlansView<'p, 'a> {
    /// A single project's plan.
    pub fn single(view: PlanView<'p, 'a>) -> PlansView<'p, 'a> {
        PlansView {
            own: Some(view),
            units: Vec::new(),
        }
    }

    /// The organiser's plan and each chosen unit's, with the initiatives each is served by.
    pub fn organiser(
        files: &'p PlanFiles,
        served: &'p [Served<'a>],
        selection: &Selection,
        today: Date,
    ) -> PlansView<'p, 'a> {
        let placed = Placed::new(files, served, selection);
        let own = files.organiser.as_ref().and_then(|organiser| {
            let plan = organiser.plan.as_ref()?;
            Some(placed.organiser_view(organiser, plan, today))
        });
        let units = files
            .units
            .iter()
            .enumerate()
            .filter(|(u, file)| selection.units[*u] && !file.unreadable)
            .map(|(u, file)| UnitPlan {
                unit: &file.name,
                view: file
                    .plan
                    .as_ref()
                    .map(|plan| placed.unit_view(u, plan, today)),
            })
            .collect();
        PlansView { own, units }
    }
}

/// The initiatives shown, each with where it works.
struct Placed<'f, 'p, 'a> {
    files: &'f PlanFiles,
    selection: &'f Selection,
    shown: Vec<&'p Served<'a>>,
    homes: HashMap<&'p Path, Home>,
}

impl<'f, 'p, 'a> Placed<'f, 'p, 'a> {
    /// The initiatives of the chosen units, and the organiser's of the organiser or shared
    /// with a chosen unit.
    fn new(
        files: &'f PlanFiles,
        served: &'p [Served<'a>],
        selection: &'f Selection,
    ) -> Placed<'f, 'p, 'a> {
        let folders: HashMap<PathBuf, usize> = files
            .units
            .iter()
            .enumerate()
            .map(|(i, unit)| (unit.project.initiatives_dir(), i))
            .collect();
        let unit_keys: Vec<PathBuf> = files
            .units
            .iter()
            .map(|unit| units::folder_key(&unit.project.root))
            .collect();
        let mut homes: HashMap<&Path, Home> = HashMap::new();
        let mut shown: Vec<&Served> = Vec::new();
        for s in served {
            let path = s.rated.initiative.path.as_path();
            // A unit read without its organiser gets the shared records once per unit: keep one.
            if homes.contains_key(path) {
                continue;
            }
            let home = files.home_of(&folders, &unit_keys, s.rated.initiative);
            let chosen = match &home {
                Home::Unit(u) => selection.units[*u],
                Home::Organiser(with) => {
                    selection.organiser || with.iter().any(|&u| selection.units[u])
                }
            };
            if chosen {
                homes.insert(path, home);
                shown.push(s);
            }
        }
        Placed {
            files,
            selection,
            shown,
            homes,
        }
    }

    fn home(&self, served: &Served) -> &Home {
        &self.homes[served.rated.initiative.path.as_path()]
    }

    /// The organiser's plan, served by every unit's initiatives whose unit plan lacks the
    /// goal; pointing out the organiser's initiatives and those of units without a plan.
    fn organiser_view(
        &self,
        organiser: &PlanFile,
        plan: &'p Plan,
        today: Date,
    ) -> PlanView<'p, 'a> {
        let units = &self.files.units;
        let here = |s: &Served, id: &str| match self.home(s) {
            Home::Unit(u) => !PlanFiles::has_goal(&units[*u], id),
            Home::Organiser(_) => true,
        };
        let elsewhere = |s: &Served, id: &str| match self.home(s) {
            Home::Organiser(with) => with
                .iter()
                .any(|&u| self.selection.units[u] && PlanFiles::has_goal(&units[u], id)),
            Home::Unit(_) => false,
        };
        let members: Vec<&Served> = self
            .shown
            .iter()
            .copied()
            .filter(|s| match self.home(s) {
                Home::Organiser(_) => true,
                Home::Unit(u) => units[*u].plan.is_none() && !units[*u].unreadable,
            })
            .collect();
        let scope = PlanScope {
            serving: &self.shown,
            members: &members,
            here: &here,
            elsewhere: &elsewhere,
        };
        PlanView::scoped(organiser.name.clone(), plan, &scope, today)
    }

    /// Unit `u`'s plan, with its initiatives and the organiser's shared with it.
    fn unit_view(&self, u: usize, plan: &'p Plan, today: Date) -> PlanView<'p, 'a> {
        let members: Vec<&Served> = self
            .shown
            .iter()
            .copied()
            .filter(|s| match self.home(s) {
                Home::Unit(v) => *v == u,
                Home::Organiser(with) => with.contains(&u),
            })
            .collect();
        let organiser = self.files.organiser.as_ref();
        let elsewhere =
            |_: &Served, id: &str| organiser.is_some_and(|o| PlanFiles::has_goal(o, id));
        let scope = PlanScope {
            serving: &members,
            members: &members,
            here: &|_, _| true,
            elsewhere: &elsewhere,
        };
        PlanView::scoped(self.files.units[u].name.clone(), plan, &scope, today)
    }
}

/// The line naming a unit that has no plan.
pub fn without_plan(unit: &str) -> String {
    t!("plan.unit_without_plan", unit = unit)
}

/// `fortb plan --format markdown`: each plan as the single project's, one after another.
pub fn markdown(plans: &PlansView) -> String {
    let mut out = String::new();
    for section in plans.sections() {
        match section {
            Section::Plan(view) => out.push_str(&plan::markdown(view)),
            Section::Without(unit) => {
                let _ = writeln!(out, "_{}_\n", escape::markdown_text(&without_plan(unit)));
            }
        }
    }
    out
}

/// One part of the view, in the order shown.
pub enum Section<'v, 'p, 'a> {
    Plan(&'v PlanView<'p, 'a>),
    /// A unit without a plan, named.
    Without(&'p str),
}

impl<'p, 'a> PlansView<'p, 'a> {
    /// The parts to show: the own plan, then each unit's plan or the line saying it has none.
    pub fn sections(&self) -> Vec<Section<'_, 'p, 'a>> {
        let mut sections: Vec<Section> = self.own.iter().map(Section::Plan).collect();
        for unit in &self.units {
            sections.push(match &unit.view {
                Some(view) => Section::Plan(view),
                None => Section::Without(unit.unit),
            });
        }
        sections
    }
}

/// A goal in one row of the meeting pack's compact plan: how many initiatives serve it, their
/// mean impact, and how many of its learning goals are reached.
fn compact_row(goal: &GoalView, today: Date) -> Vec<String> {
    let impacts: Vec<f64> = goal
        .served_by
        .iter()
        .filter_map(|s| s.rated.impact.overall)
        .collect();
    let mean = (!impacts.is_empty()).then(|| impacts.iter().sum::<f64>() / impacts.len() as f64);
    let learning = &goal.goal.learning_goals;
    let reached = learning
        .iter()
        .filter(|l| l.status == GoalStatus::Reached)
        .count();
    let late = learning.iter().filter(|l| plan::past_due(l, today)).count();
    let mut learning_text = match learning.len() {
        0 => String::new(),
        count => t!("plan.reached_of", reached = reached, count = count),
    };
    if late > 0 {
        let _ = write!(
            learning_text,
            " ({})",
            crate::i18n::count("plan.late", late as u64)
        );
    }
    vec![
        format!("{} ({})", goal.goal.title, goal.goal.id),
        goal.served_by.len().to_string(),
        number(mean),
        learning_text,
    ]
}

/// One row a goal of a plan, as [`compact_row`].
fn compact_rows(view: &PlanView) -> Vec<Vec<String>> {
    view.goals
        .iter()
        .map(|goal| compact_row(goal, view.today))
        .collect()
}

fn compact_headers() -> Vec<String> {
    [
        "plan.goal",
        "plan.initiatives",
        "column.impact",
        "plan.learning_goals",
    ]
    .iter()
    .map(|key| t!(key))
    .collect()
}

/// The findings of one plan, each kind on one line: "Goals no initiative serves: A; B".
fn compact_findings(view: &PlanView) -> Vec<(String, String)> {
    plan::findings(view)
        .into_iter()
        .map(|(title, lines)| (title, lines.join("; ")))
        .collect()
}

/// The plan section of an organiser's Markdown meeting pack: per plan one row a goal.
pub fn report_markdown(plans: &PlansView) -> String {
    let md = escape::markdown_text;
    let mut out = format!("## {}\n\n", md(&t!("plan.report_heading")));
    for section in plans.sections() {
        match section {
            Section::Plan(view) => {
                let _ = writeln!(out, "### {}\n", md(&view.heading()));
                let rows = compact_rows(view);
                if !rows.is_empty() {
                    let _ = writeln!(out, "{}", plan::markdown_table(&compact_headers(), &rows));
                }
                for (title, line) in compact_findings(view) {
                    let _ = writeln!(
                        out,
                        "**{}:** {}\n",
                        md(&title),
                        escape::markdown_line(&line)
                    );
                }
            }
            Section::Without(unit) => {
                let _ = writeln!(out, "_{}_\n", md(&without_plan(unit)));
            }
        }
    }
    out
}

/// The plan section of an organiser's HTML meeting pack, as [`report_markdown`].
pub fn report_html(plans: &PlansView, text_lang: Option<Lang>) -> String {
    let text = |t: &str| report_html::record_text(text_lang, t);
    let mut out = report_html::section_start("plan", &t!("plan.report_heading"));
    for section in plans.sections() {
        match section {
            Section::Plan(view) => {
                let _ = writeln!(out, "<h3>{}</h3>", text(&view.heading()));
                let rows = compact_rows(view);
                if !rows.is_empty() {
                    let label = view.heading();
                    out.push_str(&plan::html_table(
                        text_lang,
                        &label,
                        compact_headers(),
                        rows,
                    ));
                }
                for (title, line) in compact_findings(view) {
                    let _ = writeln!(
                        out,
                        "<p><strong>{}:</strong> {}</p>",
                        escape::html(&title),
                        text(&line)
                    );
                }
            }
            Section::Without(unit) => {
                let line = without_plan(report_html::HOLE);
                let _ = writeln!(
                    out,
                    "<p><em>{}</em></p>",
                    report_html::fill(text_lang, &line, unit)
                );
            }
        }
    }
    out.push_str("</section>\n");
    out
}

#[derive(Serialize)]
struct JsonPlans<'a> {
    #[serde(flatten)]
    own: JsonPlan<'a>,
    units: Vec<JsonUnitPlan<'a>>,
    units_without_plan: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonUnitPlan<'a> {
    unit: &'a str,
    #[serde(flatten)]
    plan: JsonPlan<'a>,
}

/// An organiser's `fortb plan --format json`: its own plan (`project` named `organiser`, the
/// rest empty when it has none) with a `units` array of the units' plans.
pub fn json(plans: &PlansView, organiser: &str) -> String {
    let own = match &plans.own {
        Some(view) => plan::json_plan(view),
        None => JsonPlan::empty(organiser),
    };
    let units = plans
        .units
        .iter()
        .filter_map(|unit| {
            let view = unit.view.as_ref()?;
            Some(JsonUnitPlan {
                unit: unit.unit,
                plan: plan::json_plan(view),
            })
        })
        .collect();
    let without = plans.units.iter().filter(|u| u.view.is_none());
    crate::json::document(&JsonPlans {
        own,
        units,
        units_without_plan: without.map(|u| u.unit).collect(),
    })
}
