//! The principal's December survey of the tailored routine: one questionnaire covering the
//! initiatives the organiser's centre ran for a unit during the year, a short block per
//! initiative, and the answers split by block so that each initiative keeps its own round.
//!
//! Every question names its initiative: a form tool exports one column per question, headed by
//! its text, and the title is what tells the blocks' columns apart.

use std::fmt::Write;

use crate::csv::Dialect;
use crate::escape;
use crate::followup::survey::{self, SurveyKind, SurveyQuestion};
use crate::model::date::Date;
use crate::model::fingerprint::FingerprintKey;
use crate::model::initiative::Initiative;
use crate::t;

/// Keys of a block's questions, as the record's `[survey.rounds.december-YEAR]` keeps them.
pub const KEY_NEED_MET: &str = "need_met";
pub const KEY_IN_USE: &str = "in_use";
pub const KEY_NEXT_TIME: &str = "next_time";
/// The December question on what to do differently, in English and Swedish (after the
/// initiative's title in the questionnaire): its answers are lessons for the next initiative.
pub const NEXT_TIME_TEXTS: [&str; 2] = [
    "what should be done differently next time?",
    "vad bör göras annorlunda nästa gång?",
];

/// Whether a process model has the routine's yearly December survey (a follow-up question
/// `december_survey`), so that its initiatives are asked about in December.
pub fn asks_yearly(model: &crate::model::process::Model) -> bool {
    model
        .steps
        .iter()
        .any(|step| step.question("december_survey").is_some())
}

/// Whether an initiative ran during the calendar year `year`: its start or end lies in it, or
/// it spans it. An undated initiative ran in no year.
pub fn ran_in(initiative: &Initiative, year: i32) -> bool {
    let record = &initiative.record;
    let (Some(first), Some(last)) = (record.start.or(record.end), record.end.or(record.start))
    else {
        return false;
    };
    let (Some(january), Some(december)) = (
        Date::parse(&format!("{year:04}-01-01")),
        Date::parse(&format!("{year:04}-12-31")),
    ) else {
        return false;
    };
    first <= december && last >= january
}

/// The questions about one initiative, in Swedish (`lang_sv`) or English.
pub fn block_questions(title: &str, lang_sv: bool) -> Vec<SurveyQuestion> {
    let texts: [(&str, &str, &str, SurveyKind); 3] = [
        (
            KEY_NEED_MET,
            "the initiative met our unit's need",
            "insatsen svarade mot enhetens behov",
            SurveyKind::Rating,
        ),
        (
            KEY_IN_USE,
            "the staff use what they learned in their everyday work",
            "personalen använder det de lärt sig i det dagliga arbetet",
            SurveyKind::Rating,
        ),
        (
            KEY_NEXT_TIME,
            NEXT_TIME_TEXTS[0],
            NEXT_TIME_TEXTS[1],
            SurveyKind::FreeText,
        ),
    ];
    texts
        .iter()
        .map(|&(key, en, sv, kind)| SurveyQuestion {
            key: key.to_string(),
            text: format!("{title}: {}", if lang_sv { sv } else { en }),
            kind,
            options: Vec::new(),
        })
        .collect()
}

/// The initiative's dates for a block's heading: "2026-03-02 – 2026-04-20".
fn dates(initiative: &Initiative) -> String {
    match (initiative.record.start, initiative.record.end) {
        (Some(start), Some(end)) if start != end => format!("{start} – {end}"),
        (Some(date), _) | (None, Some(date)) => date.to_string(),
        (None, None) => String::new(),
    }
}

/// The printable questionnaire: the scale once, then one numbered block per initiative.
pub fn markdown(unit: &str, year: i32, initiatives: &[Initiative], lang_sv: bool) -> String {
    let title = t!("december.title", year = year, unit = unit);
    let mut out = survey::markdown_intro(&title, lang_sv);
    let _ = writeln!(
        out,
        "\n{}",
        escape::markdown_text(&t!("december.intro", unit = unit, year = year))
    );
    let mut number = 1;
    for initiative in initiatives {
        let questions = block_questions(&initiative.record.title, lang_sv);
        let _ = writeln!(
            out,
            "\n## {} ({})",
            escape::markdown_text(&initiative.record.title),
            dates(initiative)
        );
        survey::markdown_questions(&mut out, &questions, number, lang_sv);
        number += questions.len();
    }
    out
}

/// The questions as CSV for a form tool: `key` is `<initiative id>.<question key>`.
pub fn csv(initiatives: &[Initiative], lang_sv: bool, dialect: &Dialect) -> String {
    let rows: Vec<Vec<String>> = initiatives
        .iter()
        .flat_map(|initiative| {
            block_questions(&initiative.record.title, lang_sv)
                .into_iter()
                .map(move |q| {
                    vec![
                        format!("{}.{}", initiative.id, q.key),
                        q.text,
                        q.kind.key().to_string(),
                    ]
                })
        })
        .collect();
    dialect.document(&["key", "text", "type"], &rows)
}

/// The export's rows (header first) of those who answered anything about the initiative
/// titled `title`, every column kept so the form's response ids still tell rows apart. The
/// language whose questions match more columns is taken.
pub fn block_rows(rows: &[Vec<String>], title: &str) -> Vec<Vec<String>> {
    let Some(header) = rows.first() else {
        return Vec::new();
    };
    let columns = [true, false]
        .into_iter()
        .map(|sv| survey::answer_columns(&block_questions(title, sv), header))
        .max_by_key(Vec::len)
        .unwrap_or_default();
    if columns.is_empty() {
        return Vec::new();
    }
    let answered = |row: &&Vec<String>| {
        columns
            .iter()
            .any(|&c| row.get(c).is_some_and(|cell| !cell.trim().is_empty()))
    };
    std::iter::once(header)
        .chain(rows.iter().skip(1).filter(answered))
        .cloned()
        .collect()
}

/// The export's columns that answer no block and are not a form tool's own, for a warning.
pub fn unmatched_columns(rows: &[Vec<String>], initiatives: &[Initiative]) -> Vec<String> {
    let header = rows.first().map(|h| vec![h.clone()]).unwrap_or_default();
    [true, false]
        .into_iter()
        .map(|sv| {
            let questions: Vec<SurveyQuestion> = initiatives
                .iter()
                .flat_map(|i| block_questions(&i.record.title, sv))
                .collect();
            let seen = std::collections::HashSet::new();
            survey::import(&questions, &header, &seen, FingerprintKey([0, 0])).unmatched_columns
        })
        .min_by_key(Vec::len)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initiative(id: &str, title: &str, start: &str, end: &str) -> Initiative {
        let text =
            format!("title = \"{title}\"\nkind = \"course\"\nstart = {start}\nend = {end}\n");
        Initiative {
            id: id.to_string(),
            path: format!("{id}.toml").into(),
            record: toml::from_str(&text).unwrap(),
            unit: None,
        }
    }

    #[test]
    fn an_initiative_ran_in_every_year_its_dates_touch() {
        let spanning = initiative("a", "A", "2025-11-01", "2026-02-01");
        for (year, ran) in [(2024, false), (2025, true), (2026, true), (2027, false)] {
            assert_eq!(ran_in(&spanning, year), ran, "{year}");
        }
    }

    #[test]
    fn each_block_s_answers_are_the_rows_that_answered_it() {
        let npf = block_questions("NPF", true);
        let ai = block_questions("AI", true);
        let header: Vec<String> = ["Id"]
            .into_iter()
            .map(str::to_string)
            .chain(npf.iter().chain(&ai).map(|q| q.text.clone()))
            .collect();
        let row = |cells: [&str; 7]| cells.map(str::to_string).to_vec();
        let rows = vec![
            header,
            row(["1", "4", "3", "", "", "", ""]),
            row(["2", "", "", "", "5", "5", "Mer tid"]),
            row(["3", "2", "", "", "1", "", ""]),
        ];
        let ids = |rows: Vec<Vec<String>>| -> Vec<String> {
            rows.iter().skip(1).map(|r| r[0].clone()).collect()
        };
        assert_eq!(ids(block_rows(&rows, "NPF")), ["1", "3"]);
        assert_eq!(ids(block_rows(&rows, "AI")), ["2", "3"]);
        assert!(block_rows(&rows, "Something else").is_empty());
    }
}
