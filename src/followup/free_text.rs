//! The free-text file of a survey round (`<id>.survey.md`): the answers fortb may publish in
//! the repository, as Markdown. A document: its headings are in the user's language.

use crate::escape;
use crate::followup::survey::{SurveyKind, SurveyQuestion};
use crate::model::survey::FreeText;
use crate::t;

/// The free-text answers that may be in the repository, by question, in an order that tells
/// nothing about who answered when. Control characters and bidirectional overrides are written
/// out (`\u{1b}`), as a terminal is shown them: the file is in git, and `cat` or `git diff`
/// would otherwise play them.
pub fn free_text_markdown(
    title: &str,
    questions: &[SurveyQuestion],
    answers: &[FreeText],
) -> String {
    escape::terminal(&free_text_document(title, questions, answers)).into_owned()
}

/// The free-text file's Markdown, before control characters are written out.
fn free_text_document(title: &str, questions: &[SurveyQuestion], answers: &[FreeText]) -> String {
    let mut text = format!(
        "# {}\n\n{}\n",
        t!(
            "survey.free_text_title",
            title = escape::markdown_text(title)
        ),
        t!("survey.free_text_note")
    );
    let mut keys: Vec<(&str, &str)> = questions
        .iter()
        .filter(|q| q.kind == SurveyKind::FreeText)
        .map(|q| (q.key.as_str(), q.text.as_str()))
        .collect();
    // Answers to a question the current questionnaire no longer has keep their key as heading.
    for answer in answers {
        if !keys.iter().any(|(key, _)| *key == answer.question) {
            keys.push((&answer.question, &answer.question));
        }
    }
    for (key, heading) in keys {
        let mut given = answers.iter().filter(|a| a.question == key).peekable();
        if given.peek().is_none() {
            continue;
        }
        text.push_str(&format!("\n## {}\n\n", escape::markdown_text(heading)));
        for answer in given {
            // Each line escaped on its own, so an answer keeps its line breaks but cannot
            // make a heading or a list of its own.
            let lines: Vec<String> = answer.answer.lines().map(escape::markdown_line).collect();
            text.push_str(&format!("- {}\n", lines.join("\n  ")));
        }
    }
    text
}
