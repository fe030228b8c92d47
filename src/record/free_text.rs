//! Reads back the survey free text kept beside a record (`<id>.survey.md`, and
//! `<id>.survey-<round>.md` for a later round). fortb writes those files only once a round has
//! enough respondents for its free text, so what is read here has passed that threshold.

use std::path::{Path, PathBuf};

use crate::model::survey::Round;

/// The answers, in file order, under the headings that end with one of `questions` (compared
/// without case; a December block's heading starts with the initiative's title). Items are
/// the file's `- ` lines, with their indented continuation lines; Markdown escapes removed.
pub fn answers_under(text: &str, questions: &[&str]) -> Vec<String> {
    let wanted: Vec<String> = questions.iter().map(|q| q.trim().to_lowercase()).collect();
    let mut answers: Vec<String> = Vec::new();
    let mut inside = false;
    let mut in_item = false;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim().to_lowercase();
            inside = wanted.iter().any(|q| heading.ends_with(q.as_str()));
            in_item = false;
        } else if let Some(item) = line.strip_prefix("- ").filter(|_| inside) {
            answers.push(unescape(item.trim()));
            in_item = true;
        } else if let Some(more) = line.strip_prefix("  ").filter(|_| inside && in_item) {
            if let Some(last) = answers.last_mut() {
                last.push(' ');
                last.push_str(&unescape(more.trim()));
            }
        } else {
            in_item = false;
        }
    }
    answers.retain(|a| !a.is_empty());
    answers
}

/// Where a round's free-text answers are kept in the repository: `<id>.survey.md` for the
/// end-of-initiative round, `<id>.survey-<round>.md` for a later one.
pub fn path(record: &Path, round: Round) -> PathBuf {
    match round {
        Round::End => record.with_extension("survey.md"),
        _ => record.with_extension(format!("survey-{}.md", round.key())),
    }
}

/// The answers under `questions` in the free-text files of `rounds` of the record at
/// `record`; a file that is missing or cannot be read is passed over.
pub fn answers_of(record: &Path, rounds: &[Round], questions: &[&str]) -> Vec<String> {
    rounds
        .iter()
        .filter_map(|round| std::fs::read_to_string(path(record, *round)).ok())
        .flat_map(|text| answers_under(&text, questions))
        .collect()
}

/// Markdown's backslash escapes taken out: `\*` is `*` again.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answers_under_a_question_are_read_back_whatever_the_heading_level() {
        let text = "# T: fritextsvar\n\nIntro.\n\n## Vad har du ändrat?\n\n- Inget\n\n\
                    ### Vad skulle behövas för att det ska fastna bättre?\n\n\
                    - Att vi fortsätter\n  på mötena\n- Mer tid \\*nu\\*\n\n## Annat\n\n- nej\n";
        assert_eq!(
            answers_under(text, &["vad skulle behövas för att det ska fastna bättre?"]),
            ["Att vi fortsätter på mötena", "Mer tid *nu*"]
        );
        let december = "## Bokcirkel: vad bör göras annorlunda nästa gång?\n\n- Börja tidigare\n";
        assert_eq!(
            answers_under(december, &["vad bör göras annorlunda nästa gång?"]),
            ["Börja tidigare"]
        );
    }
}
