//! Applying a step's answers to a record document. No terminal here: the interview and the
//! `--answer` path both end in these functions.

use toml_edit::{DocumentMut, Item, Table};

use crate::model::date::Date;
use crate::model::initiative::{DONE_KEY, TOP_LEVEL_KEYS};
use crate::model::process::{Model, Step};
use crate::process::answer::Answer;
use crate::record::document::{remove_step_copy, set_value};

/// The `[steps.<id>]` table, created in model order (after the previous step's table) if needed.
fn step_table<'a>(doc: &'a mut DocumentMut, model: &Model, step: &Step) -> &'a mut Table {
    let steps_exist = doc.get("steps").is_some_and(Item::is_table);
    if !steps_exist {
        let mut steps = Table::new();
        steps.set_implicit(true);
        doc.insert("steps", Item::Table(steps));
    }
    let needs_table = doc["steps"]
        .get(&step.id)
        .is_none_or(|item| !item.is_table());
    if needs_table {
        // Sit right after the nearest earlier step that has a table, or before every other
        // table (such as the recall entries) when there is none.
        let position = model
            .steps
            .iter()
            .take_while(|s| s.id != step.id)
            .filter_map(|s| {
                doc["steps"]
                    .get(&s.id)
                    .and_then(Item::as_table)
                    .and_then(Table::position)
            })
            .last()
            .map(|p| p + 1)
            .or_else(|| first_table_position(doc.as_table()));
        let mut table = Table::new();
        if let Some(position) = position {
            shift_positions(doc.as_table_mut(), position);
            table.set_position(Some(position));
        }
        doc["steps"]
            .as_table_mut()
            .expect("steps is a table")
            .insert(&step.id, Item::Table(table));
    }
    doc["steps"][&step.id]
        .as_table_mut()
        .expect("just made sure")
}

/// Makes room at `from`: every table at or after it moves one place down.
fn shift_positions(table: &mut Table, from: isize) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(inner) => {
                if let Some(p) = inner.position().filter(|p| *p >= from) {
                    inner.set_position(Some(p + 1));
                }
                shift_positions(inner, from);
            }
            Item::ArrayOfTables(array) => {
                for inner in array.iter_mut() {
                    if let Some(p) = inner.position().filter(|p| *p >= from) {
                        inner.set_position(Some(p + 1));
                    }
                    shift_positions(inner, from);
                }
            }
            _ => {}
        }
    }
}

fn first_table_position(table: &Table) -> Option<isize> {
    let mut best: Option<isize> = None;
    for (_, item) in table.iter() {
        let found = match item {
            Item::Table(inner) => {
                let own = if inner.is_implicit() {
                    None
                } else {
                    inner.position()
                };
                own.into_iter().chain(first_table_position(inner)).min()
            }
            Item::ArrayOfTables(array) => array
                .iter()
                .filter_map(|inner| {
                    inner
                        .position()
                        .into_iter()
                        .chain(first_table_position(inner))
                        .min()
                })
                .min(),
            _ => None,
        };
        best = best.into_iter().chain(found).min();
    }
    best
}

fn key_order(step: &Step) -> Vec<&str> {
    step.questions
        .iter()
        .map(|q| q.key.as_str())
        .chain(std::iter::once(DONE_KEY))
        .collect()
}

/// The question whose answers name effect indicators; each becomes an `[[indicator]]` entry.
const INDICATORS_KEY: &str = "indicators";

/// Stores one answer; `None` removes it. Indicators named in an answer are added as
/// `[[indicator]]` entries, to measure later with `fortb indicator measure`.
pub fn set_answer(
    doc: &mut DocumentMut,
    model: &Model,
    step: &Step,
    key: &str,
    answer: Option<&Answer>,
) {
    if let Some(field) = step.question(key).and_then(|q| q.field.as_deref()) {
        set_field_answer(doc, step, key, field, answer);
        return;
    }
    match answer {
        Some(answer) => {
            let order = key_order(step);
            let table = step_table(doc, model, step);
            set_value(table, key, answer.to_toml(), &order);
            if let (INDICATORS_KEY, Answer::List(names)) = (key, answer) {
                add_missing_indicators(doc, names);
            }
        }
        None => {
            if let Some(table) = doc
                .get_mut("steps")
                .and_then(|s| s.get_mut(&step.id))
                .and_then(Item::as_table_mut)
            {
                table.remove(key);
            }
        }
    }
}

/// Stores the answer to a question that stands for a record field in that field, and
/// drops a copy an older fortb kept in the step's table: the fact is stored once.
fn set_field_answer(
    doc: &mut DocumentMut,
    step: &Step,
    key: &str,
    field: &str,
    answer: Option<&Answer>,
) {
    match answer {
        Some(answer) => set_value(doc.as_table_mut(), field, answer.to_toml(), TOP_LEVEL_KEYS),
        None => {
            doc.remove(field);
        }
    }
    remove_step_copy(doc, &step.id, key);
}

fn add_missing_indicators(doc: &mut DocumentMut, names: &[String]) {
    let existing = crate::record::indicator::names(doc);
    for name in names {
        if !existing.contains(&name.to_lowercase()) {
            let indicator = crate::model::indicator::Indicator {
                name: name.clone(),
                level: None,
                goal: None,
                baseline: None,
                target: None,
                unit: None,
                measurements: Vec::new(),
            };
            crate::record::indicator::write(doc, &indicator, None);
        }
    }
}

/// Marks the step done on `date`, or not done with `None`.
pub fn set_done(doc: &mut DocumentMut, model: &Model, step: &Step, date: Option<Date>) {
    match date {
        Some(date) => {
            let order = key_order(step);
            let table = step_table(doc, model, step);
            set_value(
                table,
                DONE_KEY,
                crate::record::document::date_value(date),
                &order,
            );
        }
        None => {
            if let Some(table) = doc
                .get_mut("steps")
                .and_then(|s| s.get_mut(&step.id))
                .and_then(Item::as_table_mut)
            {
                table.remove(DONE_KEY);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::process_files::built_in;

    #[test]
    fn answers_go_into_step_tables_in_model_order_before_recalls() {
        let model = built_in("six-step").unwrap();
        let mut doc: DocumentMut =
            "title = \"x\" # mine\n\n[steps.need]\nwhy = \"a\"\n\n[[recall]]\nby = \"A\"\n"
                .parse()
                .unwrap();
        let delivery = model.step("delivery").unwrap();
        set_answer(
            &mut doc,
            &model,
            delivery,
            "participants",
            Some(&Answer::Text("Alla".into())),
        );
        let analysis = model.step("analysis").unwrap();
        set_answer(
            &mut doc,
            &model,
            analysis,
            "training_enough",
            Some(&Answer::YesNo(false)),
        );
        set_done(
            &mut doc,
            &model,
            analysis,
            Some(Date::parse("2025-01-02").unwrap()),
        );
        let need = model.step("need").unwrap();
        set_answer(
            &mut doc,
            &model,
            need,
            "who_wants",
            Some(&Answer::Text("Rektor".into())),
        );
        let text = doc.to_string();
        let order: Vec<usize> = [
            "[steps.need]",
            "[steps.analysis]",
            "[steps.delivery]",
            "[[recall]]",
        ]
        .iter()
        .map(|h| {
            text.find(h)
                .unwrap_or_else(|| panic!("{h} missing in\n{text}"))
        })
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        // question order within the step: who_wants comes before why
        assert!(
            text.find("who_wants").unwrap() < text.find("why =").unwrap(),
            "{text}"
        );
        assert!(text.contains("title = \"x\" # mine"));
        assert!(!text.contains("[steps]\n"), "{text}");
    }

    #[test]
    fn answers_can_be_removed() {
        let model = built_in("six-step").unwrap();
        let need = model.step("need").unwrap();
        let mut doc: DocumentMut = "[steps.need]\nwhy = \"a\"\n".parse().unwrap();
        set_answer(&mut doc, &model, need, "why", None);
        assert_eq!(doc.to_string(), "[steps.need]\n");
    }
}
