//! Evaluation surveys: a questionnaire built from an initiative's learning goals, and the import
//! of the answers that a form tool (Microsoft Forms, Google Forms, …) exports as CSV.
//!
//! Pure logic: the caller reads the file and stores the aggregate. Importing is idempotent for a
//! caller that keeps the respondent hashes: a row already seen is counted as a duplicate, never
//! as a new respondent.

use std::collections::{BTreeMap, HashSet};

use crate::escape;
use crate::model::survey::Distribution;

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// A quoted field that is never closed; `line` is the 1-based line where it opens.
    #[error("unterminated quoted field starting on line {line}")]
    UnterminatedQuote { line: usize },
}

impl CsvError {
    /// The 1-based line the error refers to.
    pub fn line(&self) -> usize {
        match self {
            CsvError::UnterminatedQuote { line } => *line,
        }
    }
}

/// Parses RFC 4180 CSV. The delimiter (comma, semicolon or tab) is the one that splits the
/// header line into the most fields outside quotes; a UTF-8 BOM is stripped; line breaks inside
/// quoted fields (CRLF or LF) become `\n`; empty lines at the end are ignored. An empty line in
/// the middle becomes a row with one empty field.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);

    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut at_field_start = true;
    let mut in_quotes = false;
    let mut line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();

    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    field.push('\n');
                    line += 1;
                }
                '\n' => {
                    field.push('\n');
                    line += 1;
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            // Lenient: spaces before an opening quote (`a, "b"`) are dropped.
            '"' if at_field_start || field.chars().all(|c| c == ' ') => {
                field.clear();
                in_quotes = true;
                quote_line = line;
                at_field_start = false;
            }
            c if c == delimiter => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
                line += 1;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_quotes {
        return Err(CsvError::UnterminatedQuote { line: quote_line });
    }
    if !row.is_empty() || !field.is_empty() || !at_field_start {
        row.push(field);
        rows.push(row);
    }
    while rows
        .last()
        .is_some_and(|last| last.len() == 1 && last[0].is_empty())
    {
        rows.pop();
    }
    Ok(rows)
}

/// The delimiter that occurs most often outside quotes on the first (logical) line; ties go to
/// comma, then semicolon, then tab; comma when none occurs.
fn detect_delimiter(text: &str) -> char {
    let candidates = [',', ';', '\t'];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\r' | '\n' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(i) = candidates.iter().position(|&d| d == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..candidates.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

// ---------------------------------------------------------------------------------------------
// Questionnaire
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SurveyKind {
    /// A statement rated 1 (not at all) to 5 (completely).
    Rating,
    FreeText,
}

impl SurveyKind {
    /// The key used in `questionnaire_csv`: `rating` or `free_text`.
    pub fn key(self) -> &'static str {
        match self {
            SurveyKind::Rating => "rating",
            SurveyKind::FreeText => "free_text",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyQuestion {
    pub key: String,
    pub text: String,
    pub kind: SurveyKind,
}

/// Keys of the fixed questions that follow the learning goals.
pub const KEY_APPLIED: &str = "applied";
pub const KEY_NEXT_USE: &str = "next_use";
pub const KEY_CHANGED: &str = "changed";
pub const KEY_STICK: &str = "stick";

/// One rating statement per non-blank learning goal (`goal_1`, `goal_2`, … numbered over the
/// non-blank goals), then two ratings and two free-text questions on applying the learning in
/// everyday work.
pub fn questionnaire(learning_goals: &[String], lang_sv: bool) -> Vec<SurveyQuestion> {
    let goal_prefix = if lang_sv {
        "Efter insatsen kan jag:"
    } else {
        "After the initiative I can:"
    };
    let mut questions: Vec<SurveyQuestion> = learning_goals
        .iter()
        .map(|goal| goal.trim())
        .filter(|goal| !goal.is_empty())
        .enumerate()
        .map(|(i, goal)| SurveyQuestion {
            key: format!("goal_{}", i + 1),
            text: format!("{goal_prefix} {goal}"),
            kind: SurveyKind::Rating,
        })
        .collect();
    let fixed: [(&str, &str, &str, SurveyKind); 4] = [
        (
            KEY_APPLIED,
            "I have used what I learned in my everyday work",
            "Jag har använt det jag lärt mig i mitt vardagliga arbete",
            SurveyKind::Rating,
        ),
        (
            KEY_NEXT_USE,
            "I know when and how I will use it next",
            "Jag vet när och hur jag ska använda det nästa gång",
            SurveyKind::Rating,
        ),
        (
            KEY_CHANGED,
            "What have you changed in your work because of the initiative?",
            "Vad har du ändrat i ditt arbete tack vare insatsen?",
            SurveyKind::FreeText,
        ),
        (
            KEY_STICK,
            "What would make it stick better?",
            "Vad skulle behövas för att det ska fastna bättre?",
            SurveyKind::FreeText,
        ),
    ];
    questions.extend(fixed.iter().map(|&(key, en, sv, kind)| SurveyQuestion {
        key: key.to_string(),
        text: if lang_sv { sv } else { en }.to_string(),
        kind,
    }));
    questions
}

/// A printable form in Markdown: the title, how the 1–5 scale works, then the numbered
/// questions with boxes to tick or lines to write on.
pub fn questionnaire_markdown(title: &str, questions: &[SurveyQuestion], lang_sv: bool) -> String {
    let (intro, scale, write_here) = if lang_sv {
        (
            "Ange för varje påstående hur väl det stämmer för dig, på en skala från 1 till 5.",
            "1 = stämmer inte alls · 2 = stämmer ganska dåligt · 3 = stämmer delvis · \
             4 = stämmer ganska bra · 5 = stämmer helt",
            "Skriv ditt svar här:",
        )
    } else {
        (
            "For each statement, mark how well it applies to you on a scale from 1 to 5.",
            "1 = not at all · 2 = slightly · 3 = partly · 4 = largely · 5 = completely",
            "Write your answer here:",
        )
    };
    let mut out = format!("# {}\n\n{intro}\n\n{scale}\n", escape::markdown_text(title));
    for (i, question) in questions.iter().enumerate() {
        let text = escape::markdown_text(&question.text);
        out.push_str(&format!("\n{}. **{text}**\n\n", i + 1));
        match question.kind {
            SurveyKind::Rating => out.push_str("   ☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5\n"),
            SurveyKind::FreeText => {
                out.push_str(&format!("   {write_here}\n\n"));
                for _ in 0..3 {
                    out.push_str("   ______________________________________________________\n");
                }
            }
        }
    }
    out
}

/// The questions as CSV (`key,text,type`, comma-separated, LF line ends, with a header row),
/// for pasting into a form tool. `type` is `rating` or `free_text`.
pub fn questionnaire_csv(questions: &[SurveyQuestion]) -> String {
    let mut out = String::from("key,text,type\n");
    for question in questions {
        out.push_str(&format!(
            "{},{},{}\n",
            escape::csv_field(&question.key, ','),
            escape::csv_field(&question.text, ','),
            question.kind.key()
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// New respondents counted.
    pub responses: usize,
    /// Rows skipped because they were seen before (in `already_seen` or earlier in the file).
    pub duplicates: usize,
    /// One entry per rating question (also those without a column, with zero answers).
    pub ratings: BTreeMap<String, Distribution>,
    /// Non-empty free-text answers as (question key, answer), in file order.
    pub free_text: Vec<(String, String)>,
    /// Headers that matched no question and are not known metadata.
    pub unmatched_columns: Vec<String>,
    /// Headers recognised as form-tool metadata (timestamps, names, e-mail, …).
    pub ignored_columns: Vec<String>,
    /// Keys of questions no column matched.
    pub missing_questions: Vec<String>,
    /// Hashes of the new respondents' rows, to pass as `already_seen` next time.
    pub respondent_hashes: Vec<u64>,
}

/// Columns that form tools add around the answers, in English and Swedish.
const METADATA_COLUMNS: &[&str] = &[
    // Microsoft Forms, English and Swedish
    "id",
    "start time",
    "completion time",
    "end time",
    "email",
    "name",
    "last modified time",
    "language",
    "total points",
    "quiz feedback",
    "starttid",
    "sluttid",
    "tid för slutförande",
    "e-post",
    "namn",
    "senaste ändringstid",
    "språk",
    "totalt antal poäng",
    // Google Forms and others
    "timestamp",
    "email address",
    "score",
    "response id",
    "submitted at",
    "tidsstämpel",
    "e-postadress",
    "poäng",
    "svars-id",
];

fn is_metadata(normalised: &str) -> bool {
    METADATA_COLUMNS
        .iter()
        .any(|known| normalise(known) == normalised)
}

fn is_trim_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '…' | '–' | '—' | '¿' | '¡'
        )
}

/// Removes leading numbering such as `1.`, `2)`, `3:`, `Q3:` or `q3 `.
fn strip_numbering(text: &str) -> &str {
    let (had_q, body) = match text.strip_prefix('q') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => (true, rest),
        _ => (false, text),
    };
    let after_digits = body.trim_start_matches(|c: char| c.is_ascii_digit());
    if after_digits.len() == body.len() {
        return text;
    }
    let spaced = after_digits.trim_start();
    if let Some(rest) = spaced.strip_prefix(['.', ':', ')']) {
        if rest.is_empty() || rest.starts_with(' ') {
            return rest.trim_start();
        }
    } else if had_q && spaced.len() < after_digits.len() {
        return spaced;
    }
    text
}

/// Lowercase, whitespace collapsed, punctuation and quotes trimmed at both ends, leading
/// numbering removed.
pub fn normalise(text: &str) -> String {
    let collapsed = text
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = collapsed.trim_matches(is_trim_char);
    strip_numbering(trimmed)
        .trim_matches(is_trim_char)
        .to_string()
}

/// Reads "4", " 4 ", "4 - Agree", "4 – Stämmer ganska bra", "4." or "4)"; anything else is no
/// answer.
pub fn parse_rating(cell: &str) -> Option<u8> {
    let cell = cell.trim();
    let mut chars = cell.chars();
    let digit = chars.next()?.to_digit(10)?;
    if !(1..=5).contains(&digit) {
        return None;
    }
    let rest = chars.as_str();
    let ok = match rest.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some('-' | '–' | '—' | ':' | ')') => true,
        Some('.') => !rest[1..].starts_with(|c: char| c.is_ascii_digit()),
        Some(_) => false,
    };
    ok.then_some(digit as u8)
}

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// Identifies a respondent: FNV-1a 64 over all the row's cells joined with U+001F.
pub fn respondent_hash(row: &[String]) -> u64 {
    fnv1a64(row.join("\u{1f}").as_bytes())
}

/// Which question each column answers: exact matches (normalised text or key) first, then
/// columns whose header contains a question's text (the longest such text wins). A question
/// takes at most one column; later columns for it count as unmatched.
fn match_columns(
    questions: &[SurveyQuestion],
    header: &[String],
) -> (Vec<Option<usize>>, Vec<bool>) {
    let texts: Vec<String> = questions.iter().map(|q| normalise(&q.text)).collect();
    let keys: Vec<String> = questions.iter().map(|q| q.key.to_lowercase()).collect();
    let headers: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let metadata: Vec<bool> = headers.iter().map(|h| is_metadata(h)).collect();

    let mut assigned: Vec<Option<usize>> = vec![None; header.len()];
    let mut taken = vec![false; questions.len()];
    for (column, h) in headers.iter().enumerate() {
        if h.is_empty() || metadata[column] {
            continue;
        }
        let found = (0..questions.len())
            .find(|&q| !taken[q] && ((!texts[q].is_empty() && *h == texts[q]) || *h == keys[q]));
        if let Some(q) = found {
            taken[q] = true;
            assigned[column] = Some(q);
        }
    }
    for (column, h) in headers.iter().enumerate() {
        if h.is_empty() || metadata[column] || assigned[column].is_some() {
            continue;
        }
        let found = (0..questions.len())
            .filter(|&q| !taken[q] && !texts[q].is_empty() && h.contains(texts[q].as_str()))
            .max_by_key(|&q| (texts[q].len(), std::cmp::Reverse(q)));
        if let Some(q) = found {
            taken[q] = true;
            assigned[column] = Some(q);
        }
    }
    (assigned, metadata)
}

/// Imports exported answers: `rows[0]` is the header, the rest one respondent each. See the
/// module documentation for duplicates; empty rows are skipped, columns with a blank header are
/// left out of every list.
pub fn import(
    questions: &[SurveyQuestion],
    rows: &[Vec<String>],
    already_seen: &HashSet<u64>,
) -> Import {
    let mut result = Import {
        ratings: questions
            .iter()
            .filter(|q| q.kind == SurveyKind::Rating)
            .map(|q| (q.key.clone(), Distribution::default()))
            .collect(),
        ..Import::default()
    };
    let empty = Vec::new();
    let header = rows.first().unwrap_or(&empty);
    let (assigned, metadata) = match_columns(questions, header);

    for (column, title) in header.iter().enumerate() {
        if title.trim().is_empty() {
            continue;
        }
        if metadata[column] {
            result.ignored_columns.push(title.clone());
        } else if assigned[column].is_none() {
            result.unmatched_columns.push(title.clone());
        }
    }
    result.missing_questions = questions
        .iter()
        .enumerate()
        .filter(|(q, _)| !assigned.contains(&Some(*q)))
        .map(|(_, question)| question.key.clone())
        .collect();

    let mut seen_here: HashSet<u64> = HashSet::new();
    for row in rows.iter().skip(1) {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let hash = respondent_hash(row);
        if already_seen.contains(&hash) || !seen_here.insert(hash) {
            result.duplicates += 1;
            continue;
        }
        result.responses += 1;
        result.respondent_hashes.push(hash);
        for (column, question) in assigned.iter().enumerate() {
            let Some(q) = *question else { continue };
            let question = &questions[q];
            let cell = row.get(column).map_or("", |cell| cell.trim());
            match question.kind {
                SurveyKind::Rating => {
                    if let Some(rating) = parse_rating(cell) {
                        if let Some(distribution) = result.ratings.get_mut(&question.key) {
                            distribution.record(rating);
                        }
                    }
                }
                SurveyKind::FreeText => {
                    if !cell.is_empty() {
                        result
                            .free_text
                            .push((question.key.clone(), cell.to_string()));
                    }
                }
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMS_EN: &str = include_str!("../../tests/fixtures/surveys/forms_en.csv");
    const FORMS_SV: &str = include_str!("../../tests/fixtures/surveys/forms_sv_semicolon_bom.csv");
    const GOOGLE: &str = include_str!("../../tests/fixtures/surveys/google_missing_column.csv");

    fn goals() -> Vec<String> {
        vec![
            "Formulera lärandemål som eleverna förstår".to_string(),
            "Ge återkoppling under lektionen".to_string(),
        ]
    }

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse_csv(text).expect("valid CSV")
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn approx(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    // --- CSV ------------------------------------------------------------------------------

    #[test]
    fn csv_basic_comma_and_trailing_newline() {
        let parsed = rows("a,b,c\n1,2,3\n");
        assert_eq!(
            parsed,
            vec![strings(&["a", "b", "c"]), strings(&["1", "2", "3"])]
        );
        let parsed = rows("a,b\r\n1,\r\n\r\n");
        assert_eq!(parsed, vec![strings(&["a", "b"]), strings(&["1", ""])]);
        assert_eq!(rows(""), Vec::<Vec<String>>::new());
        assert_eq!(rows("x"), vec![strings(&["x"])]);
    }

    #[test]
    fn csv_delimiter_detected_from_header_outside_quotes() {
        // The header has more commas inside quotes than semicolons outside.
        let parsed = rows("\"a, b, c\";d;e\n1;2;3\n");
        assert_eq!(parsed[0], strings(&["a, b, c", "d", "e"]));
        assert_eq!(parsed[1], strings(&["1", "2", "3"]));
        let parsed = rows("a\tb\tc\n1\t2,5\t3\n");
        assert_eq!(parsed[1], strings(&["1", "2,5", "3"]));
    }

    #[test]
    fn csv_bom_is_stripped() {
        let parsed = rows("\u{feff}Id;Namn\n1;Åsa\n");
        assert_eq!(parsed[0][0], "Id");
        assert_eq!(parsed[1][1], "Åsa");
    }

    #[test]
    fn csv_quoted_newlines_and_doubled_quotes() {
        let text = "a,b\r\n\"line one\r\nline two; still\",\"say \"\"hej\"\"\"\r\n";
        let parsed = rows(text);
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1][0], "line one\nline two; still");
        assert_eq!(parsed[1][1], "say \"hej\"");
    }

    #[test]
    fn csv_unterminated_quote_reports_its_line() {
        let error = parse_csv("a,b\n1,2\n3,\"never\nclosed\n").unwrap_err();
        assert_eq!(error, CsvError::UnterminatedQuote { line: 3 });
        assert_eq!(error.line(), 3);
    }

    #[test]
    fn csv_fixture_swedish_semicolon_bom() {
        assert!(FORMS_SV.starts_with('\u{feff}'));
        let parsed = rows(FORMS_SV);
        assert_eq!(parsed[0][0], "Id");
        assert_eq!(parsed[0][2], "Tid för slutförande");
        let width = parsed[0].len();
        assert!(parsed.iter().all(|row| row.len() == width));
        let answer = parsed
            .iter()
            .flatten()
            .find(|cell| cell.contains('\n'))
            .expect("a multi-line answer");
        assert!(answer.contains(';'));
        assert!(answer.contains('å') && answer.contains('ä') && answer.contains('ö'));
    }

    // --- questionnaire --------------------------------------------------------------------

    #[test]
    fn questionnaire_from_goals() {
        let questions = questionnaire(&goals(), true);
        let keys: Vec<&str> = questions.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(
            keys,
            ["goal_1", "goal_2", "applied", "next_use", "changed", "stick"]
        );
        assert_eq!(
            questions[0].text,
            "Efter insatsen kan jag: Formulera lärandemål som eleverna förstår"
        );
        assert_eq!(questions[3].kind, SurveyKind::Rating);
        assert_eq!(questions[4].kind, SurveyKind::FreeText);
        let english = questionnaire(&goals(), false);
        assert_eq!(
            english[1].text,
            "After the initiative I can: Ge återkoppling under lektionen"
        );
        assert_eq!(
            english[2].text,
            "I have used what I learned in my everyday work"
        );
        // Blank goals are skipped and numbering stays consecutive.
        let sparse = questionnaire(&strings(&["", "Läsa", "  "]), false);
        assert_eq!(sparse[0].key, "goal_1");
        assert_eq!(sparse.len(), 5);
    }

    #[test]
    fn questionnaire_renders_markdown_and_csv() {
        let questions = questionnaire(&goals(), true);
        let markdown = questionnaire_markdown("Utvärdering: Lärandemål", &questions, true);
        assert!(markdown.starts_with("# Utvärdering: Lärandemål\n"));
        assert!(markdown.contains("1 = stämmer inte alls"));
        assert!(markdown.contains("\n1. **Efter insatsen kan jag: Formulera"));
        assert!(markdown.contains("\n6. **Vad skulle behövas"));
        assert_eq!(markdown.matches("☐ 5").count(), 4);

        let csv = questionnaire_csv(&[SurveyQuestion {
            key: "k".into(),
            text: "Say \"hi\", then go".into(),
            kind: SurveyKind::FreeText,
        }]);
        assert_eq!(
            csv,
            "key,text,type\nk,\"Say \"\"hi\"\", then go\",free_text\n"
        );
        let csv = questionnaire_csv(&questions);
        let parsed = rows(&csv);
        assert_eq!(parsed.len(), 7);
        assert_eq!(
            parsed[1],
            strings(&["goal_1", &questions[0].text, "rating"])
        );
    }

    // --- matching and ratings -------------------------------------------------------------

    #[test]
    fn normalising_headers() {
        assert_eq!(
            normalise("  1. After  the initiative\tI can: X? "),
            "after the initiative i can: x"
        );
        assert_eq!(normalise("Q3: Hello"), "hello");
        assert_eq!(normalise("q12 Hello"), "hello");
        assert_eq!(normalise("2) «Citat»"), "citat");
        assert_eq!(normalise("1.5 timmar"), "1.5 timmar");
        assert_eq!(normalise("\"Tidsstämpel\""), "tidsstämpel");
        assert_eq!(normalise("quality"), "quality");
    }

    #[test]
    fn rating_cells() {
        assert_eq!(parse_rating("4"), Some(4));
        assert_eq!(parse_rating(" 4 "), Some(4));
        assert_eq!(parse_rating("4 - Agree"), Some(4));
        assert_eq!(parse_rating("4 – Stämmer ganska bra"), Some(4));
        assert_eq!(parse_rating("5."), Some(5));
        assert_eq!(parse_rating("1"), Some(1));
        for bad in ["", "0", "6", "45", "4.5", "4,5", "Agree", "N/A", "x4", "4a"] {
            assert_eq!(parse_rating(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hashing() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        let row = strings(&["a", "b"]);
        assert_eq!(respondent_hash(&row), fnv1a64("a\u{1f}b".as_bytes()));
        assert_ne!(respondent_hash(&row), respondent_hash(&strings(&["ab"])));
        let hash = respondent_hash(&row);
        assert_eq!(
            crate::model::survey::parse_hash(&crate::model::survey::format_hash(hash)),
            Some(hash)
        );
        assert_eq!(crate::model::survey::format_hash(1), "0000000000000001");
        assert_eq!(crate::model::survey::parse_hash("zz"), None);
    }

    #[test]
    fn labelled_ratings_and_numbered_headers() {
        let questions = questionnaire(&goals(), false);
        let data = vec![
            strings(&[
                "1. After the initiative I can: Formulera lärandemål som eleverna förstår",
                "Q2: goal_2",
            ]),
            strings(&["4 - Agree", "5 - Strongly agree"]),
            strings(&["2 - Disagree", "no opinion"]),
            strings(&["", ""]),
        ];
        // "Q2: goal_2" normalises to the key itself.
        let result = import(&questions, &data, &HashSet::new());
        assert_eq!(result.responses, 2);
        assert_eq!(result.ratings["goal_1"].counts, [0, 1, 0, 1, 0]);
        assert_eq!(result.ratings["goal_2"].counts, [0, 0, 0, 0, 1]);
        assert!(result.unmatched_columns.is_empty());
    }

    #[test]
    fn contains_match_prefers_the_longest_question() {
        let questions = questionnaire(&strings(&["Läsa", "Läsa högt"]), true);
        let data = vec![
            strings(&[
                "Hur väl stämmer det? [Efter insatsen kan jag: Läsa högt]",
                "Hur väl stämmer det? [Efter insatsen kan jag: Läsa]",
            ]),
            strings(&["5", "2"]),
        ];
        let result = import(&questions, &data, &HashSet::new());
        assert_eq!(result.ratings["goal_2"].counts, [0, 0, 0, 0, 1]);
        assert_eq!(result.ratings["goal_1"].counts, [0, 1, 0, 0, 0]);
    }

    // --- fixtures -------------------------------------------------------------------------

    #[test]
    fn import_microsoft_forms_english() {
        let questions = questionnaire(&goals(), false);
        let data = rows(FORMS_EN);
        let result = import(&questions, &data, &HashSet::new());
        assert_eq!(result.responses, 8);
        assert_eq!(result.duplicates, 0);
        assert_eq!(
            result.ignored_columns,
            strings(&["Id", "Start time", "Completion time", "Email", "Name"])
        );
        assert!(result.unmatched_columns.is_empty());
        assert!(result.missing_questions.is_empty());

        // goal_1: 4 5 3 4 4 2 5 4 → sum 31 of 8
        let goal_1 = result.ratings["goal_1"];
        assert_eq!(goal_1.counts, [0, 1, 1, 4, 2]);
        assert!(approx(goal_1.mean(), 31.0 / 8.0));
        // goal_2: 3 4 – 5 4 3 4 2 → sum 25 of 7
        let goal_2 = result.ratings["goal_2"];
        assert_eq!(goal_2.counts, [0, 1, 2, 3, 1]);
        assert!(approx(goal_2.mean(), 25.0 / 7.0));
        // applied: 4 3 4 5 N/A 3 4 5 → sum 28 of 7
        let applied = result.ratings["applied"];
        assert_eq!(applied.counts, [0, 0, 2, 3, 2]);
        assert!(approx(applied.mean(), 4.0));
        // next_use: 3 3 4 4 2 2 5 3 → sum 26 of 8
        let next_use = result.ratings["next_use"];
        assert_eq!(next_use.counts, [0, 2, 3, 2, 1]);
        assert!(approx(next_use.mean(), 3.25));

        assert_eq!(
            result
                .free_text
                .iter()
                .filter(|(k, _)| k == "changed")
                .count(),
            6
        );
        assert_eq!(
            result
                .free_text
                .iter()
                .filter(|(k, _)| k == "stick")
                .count(),
            5
        );
        assert!(result
            .free_text
            .iter()
            .any(|(_, answer)| answer.contains("\"exit tickets\"")));
        assert_eq!(result.respondent_hashes.len(), 8);
    }

    #[test]
    fn import_swedish_semicolon_bom() {
        let questions = questionnaire(&goals(), true);
        let result = import(&questions, &rows(FORMS_SV), &HashSet::new());
        assert_eq!(result.responses, 6);
        assert_eq!(
            result.ignored_columns,
            strings(&[
                "Id",
                "Starttid",
                "Tid för slutförande",
                "E-post",
                "Namn",
                "Senaste ändringstid"
            ])
        );
        assert!(result.unmatched_columns.is_empty());
        assert!(result.missing_questions.is_empty());
        // goal_1: 5 4 4 3 5 4 → 25 / 6
        assert_eq!(result.ratings["goal_1"].counts, [0, 0, 1, 3, 2]);
        assert!(approx(result.ratings["goal_1"].mean(), 25.0 / 6.0));
        // goal_2: 4 4 3 2 5 3 → 21 / 6
        assert_eq!(result.ratings["goal_2"].counts, [0, 1, 2, 2, 1]);
        assert!(approx(result.ratings["goal_2"].mean(), 3.5));
        // applied (labelled): 4 3 5 2 4 – → 18 / 5
        assert_eq!(result.ratings["applied"].counts, [0, 1, 1, 2, 1]);
        assert!(approx(result.ratings["applied"].mean(), 3.6));
        // next_use (labelled): 3 4 4 2 5 3 → 21 / 6
        assert_eq!(result.ratings["next_use"].counts, [0, 1, 2, 2, 1]);

        let multi_line = result
            .free_text
            .iter()
            .find(|(_, answer)| answer.contains('\n'))
            .expect("the multi-line answer survives");
        assert_eq!(multi_line.0, "changed");
        assert!(multi_line.1.contains("; "));
        assert!(result
            .free_text
            .iter()
            .any(|(_, answer)| answer.contains("återkoppling") && answer.contains("även")));
    }

    #[test]
    fn import_google_missing_and_extra_columns() {
        let questions = questionnaire(&goals(), true);
        let result = import(&questions, &rows(GOOGLE), &HashSet::new());
        assert_eq!(result.responses, 7);
        assert_eq!(
            result.ignored_columns,
            strings(&["Tidsstämpel", "E-postadress"])
        );
        assert_eq!(
            result.unmatched_columns,
            strings(&["Vilken skola arbetar du på?"])
        );
        assert_eq!(result.missing_questions, strings(&["goal_2"]));
        assert_eq!(result.ratings["goal_2"].total(), 0);
        assert_eq!(result.ratings["goal_2"].mean(), None);
        // goal_1: 3 4 5 4 2 4 3 → 25 / 7
        assert_eq!(result.ratings["goal_1"].counts, [0, 1, 2, 3, 1]);
        assert!(approx(result.ratings["goal_1"].mean(), 25.0 / 7.0));
        // applied: 2 3 4 4 3 5 3 → 24 / 7
        assert_eq!(result.ratings["applied"].counts, [0, 1, 3, 2, 1]);
        // next_use: 3 3 4 5 2 4 4 → 25 / 7
        assert_eq!(result.ratings["next_use"].counts, [0, 1, 2, 3, 1]);
        // No school name leaks into the free text.
        assert!(result
            .free_text
            .iter()
            .all(|(key, _)| key == "changed" || key == "stick"));
    }

    #[test]
    fn importing_twice_counts_nobody_twice() {
        let questions = questionnaire(&goals(), false);
        let data = rows(FORMS_EN);
        let first = import(&questions, &data, &HashSet::new());
        let seen: HashSet<u64> = first.respondent_hashes.iter().copied().collect();
        let second = import(&questions, &data, &seen);
        assert_eq!(second.responses, 0);
        assert_eq!(second.duplicates, 8);
        assert!(second.respondent_hashes.is_empty());
        assert!(second.free_text.is_empty());
        assert!(second.ratings.values().all(|d| d.total() == 0));

        // Merging the second into the first changes nothing.
        let mut merged = first.ratings["goal_1"];
        merged.add(&second.ratings["goal_1"]);
        assert_eq!(merged, first.ratings["goal_1"]);
    }

    #[test]
    fn repeated_rows_within_a_file_and_empty_rows() {
        let questions = questionnaire(&goals(), false);
        let mut data = rows(FORMS_EN);
        let again = data[1..4].to_vec();
        data.push(vec![String::new()]);
        data.push(strings(&["", "  ", ""]));
        data.extend(again);
        let result = import(&questions, &data, &HashSet::new());
        assert_eq!(result.responses, 8);
        assert_eq!(result.duplicates, 3);
    }

    #[test]
    fn import_without_rows() {
        let questions = questionnaire(&goals(), false);
        let result = import(&questions, &[], &HashSet::new());
        assert_eq!(result.responses, 0);
        assert_eq!(result.ratings.len(), 4);
        assert_eq!(result.missing_questions.len(), 6);
    }

    #[test]
    fn short_rows_count_missing_cells_as_no_answer() {
        let questions = questionnaire(&goals(), false);
        let data = vec![
            strings(&["Name", "goal_1", "goal_2"]),
            strings(&["Ann", "3"]),
        ];
        let result = import(&questions, &data, &HashSet::new());
        assert_eq!(result.responses, 1);
        assert_eq!(result.ratings["goal_1"].total(), 1);
        assert_eq!(result.ratings["goal_2"].total(), 0);
    }
}
