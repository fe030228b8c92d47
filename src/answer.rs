//! Answers to process questions: how a stored TOML value reads for a person.

use crate::date::Date;
use crate::process::{Question, QuestionType};
use crate::t;

/// A stored answer as text, with choice keys turned into their labels.
pub fn display(question: Option<&Question>, value: &toml::Value) -> String {
    let label = |key: &str| -> String {
        question
            .and_then(|q| q.options.iter().find(|o| o.key == key))
            .map(|o| o.label().to_string())
            .unwrap_or_else(|| key.to_string())
    };
    match value {
        toml::Value::String(text) => match question.map(|q| q.kind) {
            Some(QuestionType::Choice) => label(text),
            _ => text.trim_end().to_string(),
        },
        toml::Value::Boolean(true) => t!("answer.yes"),
        toml::Value::Boolean(false) => t!("answer.no"),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => x.to_string(),
        toml::Value::Datetime(_) => Date::from_toml(value)
            .map(|d| d.to_string())
            .unwrap_or_else(|| value.to_string()),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| match item {
                toml::Value::String(text) => label(text),
                other => display(None, other),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        toml::Value::Table(table) => table.to_string(),
    }
}

/// Whether the answer is shown as a list of items (one per line).
pub fn is_list(value: &toml::Value) -> bool {
    matches!(value, toml::Value::Array(_))
}
