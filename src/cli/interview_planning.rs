//! What the interview asks besides a step's own questions, to carry the look-back into the
//! planning: the earlier initiatives like this one before the need and concept steps, the
//! themes in the need step, the offer to close a need met without training, and the
//! material in the production step.

use std::path::Path;

use dialoguer::theme::Theme;

use crate::cli::lessons_panel::{self, Destination};
use crate::cli::output;
use crate::cli::prompt::{confirm, interrupted, multi_select, LineEditor};
use crate::error::Result;
use crate::lookback::lessons::Likeness;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::list_text::{join_list, split_list};
use crate::model::material::{check_url, Material};
use crate::model::process::Step;
use crate::model::theme;
use crate::model::vocabulary::{Field, Outcome};
use crate::record::document;
use crate::record::fields::{self, FieldChange, FieldValue};
use crate::record::material as record_material;
use crate::record::project::Project;
use crate::record::store;
use crate::t;

/// The steps that begin with the earlier initiatives like this one: where the need is
/// described and where the plan is made.
const PANEL_STEPS: [&str; 2] = ["need", "concept"];

/// Before a step's questions: the lessons panel, for the need and concept steps.
pub fn before_questions(
    project: &Project,
    initiative: &Initiative,
    step: &Step,
    today: Date,
) -> Result<()> {
    if !PANEL_STEPS.contains(&step.id.as_str()) {
        return Ok(());
    }
    let record = &initiative.record;
    let like = Likeness {
        kind: Some(record.kind),
        themes: record.themes.clone(),
        goals: record.goals.clone(),
    };
    let before = record.start.unwrap_or(today);
    lessons_panel::show(
        project,
        &like,
        before,
        Some(&initiative.id),
        Destination::Stderr,
    )
}

/// After a step's questions: the themes in the first step, the offer to close a need met
/// without training after the need and analysis steps, the material in production.
pub fn after_questions(
    theme: &dyn Theme,
    project: &Project,
    id: &str,
    path: &Path,
    first: bool,
    step: &Step,
) -> Result<()> {
    if first {
        ask_themes(theme, project, id, path)?;
    }
    if matches!(step.id.as_str(), "need" | "analysis") {
        offer_not_training(theme, id, path)?;
    }
    if step.id == "production" {
        ask_material(theme, path)?;
    }
    Ok(())
}

fn load(id: &str, path: &Path) -> Result<Initiative> {
    store::load(id, path).map_err(document::refuse_broken)
}

/// The project's usual themes to tick, then any other words.
fn ask_themes(theme: &dyn Theme, project: &Project, id: &str, path: &Path) -> Result<()> {
    let current = load(id, path)?.record.themes;
    let listed = &project.config.themes;
    let mut chosen: Vec<String> = Vec::new();
    if !listed.is_empty() {
        let items: Vec<String> = listed
            .iter()
            .map(|t| crate::escape::terminal(t).into_owned())
            .collect();
        let defaults: Vec<bool> = listed
            .iter()
            .map(|t| current.iter().any(|c| theme::same(c, t)))
            .collect();
        let picked = multi_select(theme, &t!("interview_planning.themes"), &items, &defaults)?;
        chosen.extend(
            picked
                .unwrap_or_default()
                .iter()
                .map(|&i| listed[i].clone()),
        );
    }
    let others: Vec<&str> = current
        .iter()
        .filter(|c| !listed.iter().any(|t| theme::same(c, t)))
        .map(String::as_str)
        .collect();
    let prompt = if listed.is_empty() {
        t!("interview_planning.themes_free")
    } else {
        t!("interview_planning.themes_other")
    };
    let typed = LineEditor::new(theme, &prompt)
        .initial_text(&join_list(others))
        .ask()
        .map_err(interrupted)?;
    let words = split_list(&typed);
    chosen.extend(words);
    let themes = theme::clean(chosen.iter().map(String::as_str));
    if themes != current {
        let value = (!themes.is_empty()).then_some(FieldValue::Words(themes));
        save_field(path, Field::Themes, value)?;
    }
    Ok(())
}

/// When the analysis names a mix without training, offers to close the initiative there.
fn offer_not_training(theme: &dyn Theme, id: &str, path: &Path) -> Result<()> {
    let initiative = load(id, path)?;
    if initiative.record.not_training() || !initiative.analysis_without_training() {
        return Ok(());
    }
    if confirm(theme, &t!("interview_planning.offer_not_training"), true)? {
        let value = Some(FieldValue::Outcome(Outcome::NotTraining));
        save_field(path, Field::Outcome, value)?;
        output::note(&t!("interview_planning.closed", id = id));
    }
    Ok(())
}

/// Books, films and pages, one at a time, until an empty title.
fn ask_material(theme: &dyn Theme, path: &Path) -> Result<()> {
    loop {
        let title = LineEditor::new(theme, &t!("interview_planning.material_title"))
            .ask()
            .map_err(interrupted)?;
        if title.trim().is_empty() {
            return Ok(());
        }
        let url = LineEditor::new(theme, &t!("interview_planning.material_url"))
            .validate_with(|url| {
                let url = url.trim();
                check_url(url).map_err(|problem| {
                    let url = url.to_string();
                    crate::error::model::ModelError::Link { problem, url }.to_string()
                })
            })
            .ask()
            .map_err(interrupted)?;
        let Ok(material) = Material::new(&title, &url, None) else {
            continue;
        };
        document::update_record(path, |doc, _| {
            record_material::write(doc, &material);
            Ok(())
        })?;
    }
}

fn save_field(path: &Path, field: Field, value: Option<FieldValue>) -> Result<()> {
    document::update_record(path, |doc, _| {
        fields::apply(doc, &[FieldChange { field, value }]);
        Ok(())
    })
}
