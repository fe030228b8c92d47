//! The transfer questionnaire of a follow-up round (say 30, 90 or 180 days after the end):
//! does what people learned reach their everyday work? How often they use it, how confident
//! they are, what helped, what got in the way (the look-back's why-not words), whether their
//! leader followed it up, and one example in their own words.
//!
//! The learning goals and the plan for using them are shown as quoted context under a neutral
//! lead-in, never spliced into a question: a goal reads right however it was written.

use crate::escape;
use crate::followup::survey::{self, ChoiceOption, SurveyKind, SurveyQuestion};
use crate::i18n::{text_in, Lang};
use crate::model::initiative::Initiative;
use crate::model::recall::{Why, WhyNot};
use crate::model::transfer::{
    UseFrequency, CONFIDENCE, EXAMPLE, HELPED, LEADER, LEADER_ANSWERS, OBSTACLES, USE,
};
use crate::model::vocabulary::Vocabulary;

/// What the initiative set out to change, to remind respondents of: its learning goals and
/// where, when and how they were to be used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub goals: Vec<String>,
    /// `(where|when|how, the plan's words)`, for each the concept step answered.
    pub application: Vec<(&'static str, String)>,
}

impl Plan {
    /// The plan of an initiative, from its concept step (or the tailored routine's goals).
    pub fn of(initiative: &Initiative) -> Plan {
        let application = ["where", "when", "how"]
            .into_iter()
            .filter_map(|part| {
                let answer = initiative
                    .step("concept")?
                    .answers
                    .get(&format!("apply_{part}"))?
                    .as_str()?
                    .trim();
                (!answer.is_empty()).then(|| (part, answer.to_string()))
            })
            .collect();
        Plan {
            goals: initiative
                .learning_goals()
                .into_iter()
                .filter(|goal| !goal.trim().is_empty())
                .collect(),
            application,
        }
    }
}

/// The questions of the transfer survey in one language.
pub fn questionnaire(lang: Lang) -> Vec<SurveyQuestion> {
    let word = |key: &str| text_in(lang, &format!("transfer.{key}"), &[]);
    let options = |prefix: &str, keys: &[&'static str]| -> Vec<ChoiceOption> {
        keys.iter()
            .map(|&key| ChoiceOption {
                key,
                text: word(&format!("{prefix}_{key}")),
            })
            .collect()
    };
    let use_keys: Vec<&'static str> = UseFrequency::ALL.iter().map(|u| u.key()).collect();
    let why_keys: Vec<&'static str> = Why::ALL.iter().map(|w| w.key()).collect();
    let why_not_keys: Vec<&'static str> = WhyNot::ALL.iter().map(|w| w.key()).collect();
    let question = |key: &str, kind: SurveyKind, options: Vec<ChoiceOption>| SurveyQuestion {
        key: key.to_string(),
        text: word(&format!("q_{key}")),
        kind,
        options,
    };
    vec![
        question(USE, SurveyKind::Choice, options("use", &use_keys)),
        question(CONFIDENCE, SurveyKind::Rating, Vec::new()),
        question(HELPED, SurveyKind::Choices, options("helped", &why_keys)),
        question(
            OBSTACLES,
            SurveyKind::Choices,
            options("obstacle", &why_not_keys),
        ),
        question(
            LEADER,
            SurveyKind::Choice,
            options("leader", &LEADER_ANSWERS),
        ),
        question(EXAMPLE, SurveyKind::FreeText, Vec::new()),
    ]
}

/// A printable transfer survey in Markdown: the title and round, what it is about and that it
/// is anonymous from `min_responses` answers, the plan as quoted context, then the questions.
pub fn questionnaire_markdown(
    title: &str,
    days: u32,
    plan: &Plan,
    min_responses: u32,
    lang: Lang,
) -> String {
    let word = |key: &str, args: &[(&str, &dyn std::fmt::Display)]| {
        text_in(lang, &format!("transfer.{key}"), args)
    };
    let mut out = format!(
        "# {}\n\n{}\n\n{}\n",
        escape::markdown_text(&word("title", &[("title", &title), ("days", &days)])),
        word("intro", &[("days", &days)]),
        word("anonymous", &[("min", &min_responses)]),
    );
    out.push_str(&context_markdown(plan, lang));
    let write_here = word("write_here", &[]);
    let tick_all = word("tick_all", &[]);
    for (i, question) in questionnaire(lang).iter().enumerate() {
        out.push_str(&survey::question_markdown(
            i + 1,
            question,
            &write_here,
            &tick_all,
        ));
    }
    out
}

/// The learning goals as a quoted list, and the plan for using them, each under a lead-in.
fn context_markdown(plan: &Plan, lang: Lang) -> String {
    let word = |key: &str| text_in(lang, &format!("transfer.{key}"), &[]);
    let (open, close) = match lang {
        Lang::Sv => ('”', '”'),
        Lang::En => ('“', '”'),
    };
    let mut out = String::new();
    if !plan.goals.is_empty() {
        out.push_str(&format!("\n{}\n\n", word("goals_lead")));
        for goal in &plan.goals {
            let goal = escape::markdown_line(&one_line(goal));
            out.push_str(&format!("- {open}{goal}{close}\n"));
        }
    }
    if !plan.application.is_empty() {
        out.push_str(&format!("\n{}\n\n", word("plan_lead")));
        for (part, words) in &plan.application {
            let words = escape::markdown_line(&one_line(words));
            out.push_str(&format!("- {}: {words}\n", word(&format!("plan_{part}"))));
        }
    }
    out
}

/// Text on one line, so that it stays one item of a list.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_reads_back_from_its_words_in_both_languages() {
        for lang in Lang::ALL {
            for question in questionnaire(lang) {
                for (i, option) in question.options.iter().enumerate() {
                    assert_eq!(question.chosen(&option.text), vec![i], "{}", option.text);
                    assert_eq!(question.chosen(option.key), vec![i]);
                    // Options never hold the separators of a several-answers cell.
                    assert!(!option.text.contains([';', ',']), "{}", option.text);
                }
            }
        }
    }

    #[test]
    fn several_answers_in_one_cell_as_forms_tools_export_them() {
        let questions = questionnaire(Lang::Sv);
        let obstacles = questions.iter().find(|q| q.key == OBSTACLES).unwrap();
        // Microsoft Forms: `;` after each; Google Forms: `, ` between.
        assert_eq!(
            obstacles.chosen("Tiden räcker inte till;Jag saknar stöd eller material;"),
            vec![0, 4]
        );
        assert_eq!(
            obstacles.chosen("Ingen har följt upp det, Tiden räcker inte till"),
            vec![0, 1]
        );
        assert_eq!(obstacles.chosen("Vet ej"), Vec::<usize>::new());
        let frequency = questions.iter().find(|q| q.key == USE).unwrap();
        assert_eq!(frequency.chosen("3 - Ungefär varje månad"), vec![2]);
        assert_eq!(frequency.chosen("4"), vec![3]);
        assert_eq!(frequency.chosen("5"), Vec::<usize>::new());
        assert_eq!(frequency.chosen("2 - Aldrig"), Vec::<usize>::new());
        // One answer only: a list in a one-answer cell is no answer.
        assert_eq!(
            frequency.chosen("Aldrig;Varje vecka eller oftare"),
            Vec::<usize>::new()
        );
    }
}
