//! Stored answers as a person reads them: shown by `show`, and as the text a prompt starts
//! from. Yes and no in the user's language.

use crate::model::date::Date;
use crate::model::process::{Question, QuestionType};
use crate::process::answer::join_list;
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

/// The stored answer as text to edit in a prompt (lists and choices as their keys).
pub fn as_input(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Boolean(b) => {
            if *b {
                t!("answer.yes")
            } else {
                t!("answer.no")
            }
        }
        toml::Value::Array(items) => {
            let texts: Vec<String> = items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| i.to_string())
                })
                .collect();
            join_list(texts.iter().map(String::as_str))
        }
        other => display(None, other),
    }
}
