//! Evaluation surveys: a questionnaire built from an initiative's learning goals, and the import
//! of the answers that a form tool (Microsoft Forms, Google Forms, …) exports as CSV.
//!
//! Pure logic: the caller reads the file and stores the aggregate. Importing is idempotent for a
//! caller that keeps the respondents' fingerprints: a response already seen is counted as a
//! duplicate, never as a new respondent.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::csv::Dialect;
use crate::escape;
use crate::model::fingerprint::FingerprintKey;
use crate::model::survey::{Batch, Distribution, FreeText};

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// A quoted field that is never closed; `line` is the 1-based line where it opens.
    #[error("unterminated quoted field starting on line {line}")]
    UnterminatedQuote { line: usize },
    /// The header has no comma, semicolon or tab outside quotes, so the columns cannot be told
    /// apart; `guess` is the character that most likely separates them.
    #[error("no known delimiter in the header")]
    UnknownDelimiter { guess: Option<char> },
    /// A row whose number of fields differs from the header's; `line` is where the row starts.
    #[error("row on line {line} has {fields} fields, the header {header}")]
    RowWidth {
        line: usize,
        fields: usize,
        header: usize,
    },
}

impl CsvError {
    /// The 1-based line the error refers to.
    pub fn line(&self) -> usize {
        match self {
            CsvError::UnterminatedQuote { line } | CsvError::RowWidth { line, .. } => *line,
            CsvError::UnknownDelimiter { .. } => 1,
        }
    }
}

/// Parses a form tool's CSV export (RFC 4180). The delimiter (comma, semicolon or tab) is the
/// one that splits the header line into the most fields outside quotes; a header with none of
/// them is refused, as is a row with another number of fields than the header, so that a file
/// fortb cannot split into its columns never has whole rows read as answers. A UTF-8 BOM is
/// stripped; line breaks inside quoted fields (CRLF or LF) become `\n`; empty lines are left
/// out.
pub fn parse_export(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let delimiter = detect_delimiter(text).ok_or(CsvError::UnknownDelimiter {
        guess: guess_delimiter(text),
    })?;
    let rows = parse_csv(text, delimiter)?;
    let Some(width) = rows.first().map(|(_, header)| header.len()) else {
        return Ok(Vec::new());
    };
    let mut cells = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        let blank = row.len() == 1 && row[0].trim().is_empty();
        if blank {
            continue;
        }
        if row.len() != width {
            return Err(CsvError::RowWidth {
                line,
                fields: row.len(),
                header: width,
            });
        }
        cells.push(row);
    }
    Ok(cells)
}

/// Parses RFC 4180 CSV with the given delimiter, each row with the 1-based line it starts on.
/// An empty line becomes a row with one empty field; empty lines at the end are dropped.
fn parse_csv(text: &str, delimiter: char) -> Result<Vec<(usize, Vec<String>)>, CsvError> {
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut row_line = 1;
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
                rows.push((row_line, std::mem::take(&mut row)));
                at_field_start = true;
                line += 1;
                row_line = line;
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
        rows.push((row_line, row));
    }
    while rows
        .last()
        .is_some_and(|(_, last)| last.len() == 1 && last[0].is_empty())
    {
        rows.pop();
    }
    Ok(rows)
}

/// The delimiter that occurs most often outside quotes on the first (logical) line; ties go to
/// comma, then semicolon, then tab; `None` when none occurs.
fn detect_delimiter(text: &str) -> Option<char> {
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
    (counts[best] > 0).then_some(candidates[best])
}

/// The punctuation that occurs most often on the first line, to name in the message when no
/// known delimiter does.
fn guess_delimiter(text: &str) -> Option<char> {
    let first_line = text.lines().next().unwrap_or("");
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in first_line.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '"' | '.' | '?' | '-' | '(' | ')' | '\'') {
            *counts.entry(c).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
        .map(|(c, _)| c)
}

// ---------------------------------------------------------------------------------------------
// Questionnaire
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SurveyKind {
    /// A statement rated 1 (not at all) to 5 (completely).
    Rating,
    /// One of the question's options.
    Choice,
    /// Any number of the question's options.
    Choices,
    FreeText,
}

impl SurveyKind {
    /// The key used in `questionnaire_csv`: `rating`, `choice`, `choices` or `free_text`.
    pub fn key(self) -> &'static str {
        match self {
            SurveyKind::Rating => "rating",
            SurveyKind::Choice => "choice",
            SurveyKind::Choices => "choices",
            SurveyKind::FreeText => "free_text",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyQuestion {
    pub key: String,
    pub text: String,
    pub kind: SurveyKind,
    /// A choice question's options, counted in this order.
    pub options: Vec<ChoiceOption>,
}

/// One option of a choice question: the key it is counted under and the words shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    pub key: &'static str,
    pub text: String,
}

impl SurveyQuestion {
    /// The options one answer cell names: by their text, their key or their number (1 for
    /// the first). A cell of a question with several answers lists them separated by `;`
    /// (Microsoft Forms) or `,` (Google Forms); what matches no option is left out.
    pub fn chosen(&self, cell: &str) -> Vec<usize> {
        let parts: Vec<&str> = match self.kind {
            SurveyKind::Choices => cell.split([';', ',']).collect(),
            _ => vec![cell],
        };
        let mut chosen: Vec<usize> = parts
            .into_iter()
            .map(normalise)
            .filter(|part| !part.is_empty())
            .filter_map(|part| self.option_named(&part))
            .collect();
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    }

    /// The option a normalised answer names: its text, its key, or its number, alone or
    /// before its text ("3", "3 - About every month").
    fn option_named(&self, answer: &str) -> Option<usize> {
        let by_text = |text: &str| {
            self.options
                .iter()
                .position(|o| normalise(&o.text) == text || o.key == text)
        };
        if let Some(found) = by_text(answer) {
            return Some(found);
        }
        let digits = answer.len()
            - answer
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let number: usize = answer[..digits].parse().ok()?;
        let rest = answer[digits..].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '.' | ':' | ')')
        });
        let fits = rest.is_empty() || by_text(rest) == Some(number.wrapping_sub(1));
        (fits && (1..=self.options.len()).contains(&number)).then(|| number - 1)
    }
}

/// Keys of the fixed questions that follow the learning goals.
pub const KEY_APPLIED: &str = "applied";
pub const KEY_NEXT_USE: &str = "next_use";
pub const KEY_CHANGED: &str = "changed";
pub const KEY_STICK: &str = "stick";
/// The end survey's question on what would make it stick better, in English and Swedish: its
/// answers are lessons for the next initiative.
pub const STICK_TEXTS: [&str; 2] = [
    "What would make it stick better?",
    "Vad skulle behövas för att det ska fastna bättre?",
];

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
            options: Vec::new(),
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
            STICK_TEXTS[0],
            STICK_TEXTS[1],
            SurveyKind::FreeText,
        ),
    ];
    questions.extend(fixed.iter().map(|&(key, en, sv, kind)| SurveyQuestion {
        key: key.to_string(),
        text: if lang_sv { sv } else { en }.to_string(),
        kind,
        options: Vec::new(),
    }));
    questions
}

/// A printable form in Markdown: the title, how the 1–5 scale works, then the numbered
/// questions with boxes to tick or lines to write on.
pub fn questionnaire_markdown(title: &str, questions: &[SurveyQuestion], lang_sv: bool) -> String {
    let mut out = markdown_intro(title, lang_sv);
    markdown_questions(&mut out, questions, 1, lang_sv);
    out
}

/// A form's title and how the 1–5 scale works.
pub fn markdown_intro(title: &str, lang_sv: bool) -> String {
    let (intro, scale) = if lang_sv {
        (
            "Ange för varje påstående hur väl det stämmer för dig, på en skala från 1 till 5.",
            "1 = stämmer inte alls · 2 = stämmer ganska dåligt · 3 = stämmer delvis · \
             4 = stämmer ganska bra · 5 = stämmer helt",
        )
    } else {
        (
            "For each statement, mark how well it applies to you on a scale from 1 to 5.",
            "1 = not at all · 2 = slightly · 3 = partly · 4 = largely · 5 = completely",
        )
    };
    format!("# {}\n\n{intro}\n\n{scale}\n", escape::markdown_text(title))
}

/// The questions numbered from `first`, with boxes to tick or lines to write on.
pub fn markdown_questions(
    out: &mut String,
    questions: &[SurveyQuestion],
    first: usize,
    lang_sv: bool,
) {
    let write_here = if lang_sv {
        "Skriv ditt svar här:"
    } else {
        "Write your answer here:"
    };
    for (i, question) in questions.iter().enumerate() {
        out.push_str(&question_markdown(i + first, question, write_here, ""));
    }
}

/// One numbered question of a printed form: its text in bold, then boxes to tick or lines to
/// write on. `tick_all` follows a question that takes several options.
pub fn question_markdown(
    number: usize,
    question: &SurveyQuestion,
    write_here: &str,
    tick_all: &str,
) -> String {
    let text = escape::markdown_text(&question.text);
    let mut out = match question.kind {
        SurveyKind::Choices => format!("\n{number}. **{text}** {tick_all}\n\n"),
        _ => format!("\n{number}. **{text}**\n\n"),
    };
    match question.kind {
        SurveyKind::Rating => out.push_str("   ☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5\n"),
        SurveyKind::Choice | SurveyKind::Choices => {
            for option in &question.options {
                out.push_str(&format!("   ☐ {}\n", escape::markdown_text(&option.text)));
            }
        }
        SurveyKind::FreeText => {
            out.push_str(&format!("   {write_here}\n\n"));
            for _ in 0..3 {
                out.push_str("   ______________________________________________________\n");
            }
        }
    }
    out
}

/// The questions as CSV (`key`, `text`, `type`, with a header row) in the given dialect,
/// for pasting into a form tool. `type` is `rating`, `choice`, `choices` or `free_text`; when
/// any question has options, an `options` column lists them separated by ` | `.
pub fn questionnaire_csv(questions: &[SurveyQuestion], dialect: &Dialect) -> String {
    let with_options = questions.iter().any(|q| !q.options.is_empty());
    let rows: Vec<Vec<String>> = questions
        .iter()
        .map(|q| {
            let mut row = vec![q.key.clone(), q.text.clone(), q.kind.key().to_string()];
            if with_options {
                let options: Vec<&str> = q.options.iter().map(|o| o.text.as_str()).collect();
                row.push(options.join(" | "));
            }
            row
        })
        .collect();
    let header: &[&str] = if with_options {
        &["key", "text", "type", "options"]
    } else {
        &["key", "text", "type"]
    };
    dialect.document(header, &rows)
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
    /// Rows that answered no question (opened and left, as form tools export them): no
    /// respondents.
    pub empty: usize,
    /// Free-text answers cut to [`MAX_ANSWER_CHARS`].
    pub cut: usize,
    /// One entry per rating question (also those without a column, with zero answers).
    pub ratings: BTreeMap<String, Distribution>,
    /// One entry per choice question: how many chose each of its options.
    pub choices: BTreeMap<String, Vec<u32>>,
    /// New respondents who answered each rating or choice question.
    pub answered: BTreeMap<String, u32>,
    /// Non-empty free-text answers as (question key, answer), in file order.
    pub free_text: Vec<(String, String)>,
    /// New respondents who wrote at least one free-text answer.
    pub writers: usize,
    /// Headers that matched no question and are not known metadata.
    pub unmatched_columns: Vec<String>,
    /// Headers recognised as form-tool metadata (timestamps, names, e-mail, …).
    pub ignored_columns: Vec<String>,
    /// Keys of questions no column matched.
    pub missing_questions: Vec<String>,
    /// Keyed fingerprints of the new respondents, to pass as `already_seen` next time.
    pub fingerprints: Vec<String>,
}

impl Import {
    /// The new respondents' answers, added up, without who gave which.
    pub fn batch(&self) -> Batch {
        let mut free_text: Vec<FreeText> = self
            .free_text
            .iter()
            .map(|(question, answer)| FreeText {
                question: question.clone(),
                answer: answer.clone(),
            })
            .collect();
        free_text.sort();
        let ratings = self
            .ratings
            .iter()
            .filter(|(_, distribution)| distribution.total() > 0)
            .map(|(key, distribution)| (key.clone(), distribution.to_vec()));
        let choices = self
            .choices
            .iter()
            .filter(|(_, counts)| counts.iter().any(|&n| n > 0))
            .map(|(key, counts)| (key.clone(), counts.clone()));
        Batch {
            responses: self.responses as u32,
            writers: self.writers as u32,
            ratings: ratings.chain(choices).collect(),
            answered: self.answered.clone(),
            free_text,
        }
    }
}

/// Columns by which a form tool tells its responses apart, and which stay the same when the
/// survey is exported again: response ids and the time each response was started or sent.
const RESPONSE_COLUMNS: &[&str] = &[
    "id",
    "response id",
    "svars-id",
    "start time",
    "completion time",
    "starttid",
    "tid för slutförande",
    "timestamp",
    "tidsstämpel",
    "submitted at",
];

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
    "tidpunkt för senaste ändring",
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

/// What tells one response from another: the form tool's response id and time stamps when the
/// export has them; otherwise the answers themselves and how many identical rows came before,
/// so a re-import of the same file counts nobody twice and two identical answers count twice.
struct ResponseIdentity {
    columns: Vec<usize>,
    answer_columns: Vec<usize>,
    seen: HashMap<String, usize>,
}

impl ResponseIdentity {
    fn new(headers: &[String], assigned: &[Option<usize>]) -> ResponseIdentity {
        let columns = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| RESPONSE_COLUMNS.iter().any(|known| normalise(known) == **h))
            .map(|(column, _)| column)
            .collect();
        let answer_columns = (0..assigned.len())
            .filter(|&c| assigned[c].is_some())
            .collect();
        ResponseIdentity {
            columns,
            answer_columns,
            seen: HashMap::new(),
        }
    }

    /// The text to fingerprint for one row.
    fn of(&mut self, row: &[String]) -> String {
        let cell = |c: &usize| row.get(*c).map_or("", |cell| cell.trim());
        if !self.columns.is_empty() && self.columns.iter().any(|c| !cell(c).is_empty()) {
            let values: Vec<&str> = self.columns.iter().map(cell).collect();
            return format!("response\u{1f}{}", values.join("\u{1f}"));
        }
        let answers: Vec<&str> = self.answer_columns.iter().map(cell).collect();
        let answers = answers.join("\u{1f}");
        let count = self.seen.entry(answers.clone()).or_default();
        *count += 1;
        format!("answers\u{1f}{answers}\u{1f}{count}")
    }
}

/// Which question each column answers: exact matches (normalised text or key) first, then
/// columns whose header contains a question's text (the longest such text wins). A question
/// takes at most one column; later columns for it count as unmatched.
fn match_columns(
    questions: &[SurveyQuestion],
    header: &[String],
) -> (Vec<Option<usize>>, Vec<bool>, Vec<String>) {
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
    (assigned, metadata, headers)
}

/// The columns of `header` that answer one of `questions`.
pub fn answer_columns(questions: &[SurveyQuestion], header: &[String]) -> Vec<usize> {
    let (assigned, _, _) = match_columns(questions, header);
    (0..assigned.len())
        .filter(|&c| assigned[c].is_some())
        .collect()
}

/// Imports exported answers: `rows[0]` is the header, the rest one respondent each. A response
/// whose fingerprint under `key` is in `already_seen`, or earlier in the file, is a duplicate.
/// A row that answered no question is no respondent (and gets no fingerprint, so it counts
/// once it answers); columns with a blank header are left out of every list. Only the
/// columns of questions are read: nothing of the others reaches the result.
pub fn import(
    questions: &[SurveyQuestion],
    rows: &[Vec<String>],
    already_seen: &HashSet<String>,
    key: FingerprintKey,
) -> Import {
    let mut result = Import {
        ratings: questions
            .iter()
            .filter(|q| q.kind == SurveyKind::Rating)
            .map(|q| (q.key.clone(), Distribution::default()))
            .collect(),
        choices: questions
            .iter()
            .filter(|q| matches!(q.kind, SurveyKind::Choice | SurveyKind::Choices))
            .map(|q| (q.key.clone(), vec![0; q.options.len()]))
            .collect(),
        ..Import::default()
    };
    let empty = Vec::new();
    let header = rows.first().unwrap_or(&empty);
    let (assigned, metadata, headers) = match_columns(questions, header);
    let mut identity = ResponseIdentity::new(&headers, &assigned);

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

    let mut seen_here: HashSet<String> = HashSet::new();
    for row in rows.iter().skip(1) {
        let answers = read_row(questions, &assigned, row);
        if answers.is_empty() {
            result.empty += usize::from(row.iter().any(|cell| !cell.trim().is_empty()));
            continue;
        }
        let fingerprint = key.fingerprint(&identity.of(row));
        if already_seen.contains(&fingerprint) || !seen_here.insert(fingerprint.clone()) {
            result.duplicates += 1;
            continue;
        }
        result.fingerprints.push(fingerprint);
        result.count(questions, answers);
    }
    result
}

/// The most characters one free-text answer keeps: a page of text. Longer ones are cut, so
/// that no respondent can fill the round's files (and no reader could take in more anyway).
pub const MAX_ANSWER_CHARS: usize = 3000;

/// One row's answers, read before it is counted: a row that answered nothing (its person
/// opened the form and left) is no respondent.
#[derive(Default)]
struct RowAnswers {
    /// (question, rating)
    ratings: Vec<(usize, u8)>,
    /// (question, the options chosen)
    choices: Vec<(usize, Vec<usize>)>,
    /// (question, the answer as kept)
    texts: Vec<(usize, String)>,
    cut: usize,
}

impl RowAnswers {
    fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.choices.is_empty() && self.texts.is_empty()
    }
}

/// What a row answered in the columns of questions; a cell that answers nothing (blank, a
/// rating out of range, no known option) is left out.
fn read_row(
    questions: &[SurveyQuestion],
    assigned: &[Option<usize>],
    row: &[String],
) -> RowAnswers {
    let mut answers = RowAnswers::default();
    for (column, question) in assigned.iter().enumerate() {
        let Some(q) = *question else { continue };
        let cell = row.get(column).map_or("", |cell| cell.trim());
        match questions[q].kind {
            SurveyKind::Rating => answers.ratings.extend(parse_rating(cell).map(|r| (q, r))),
            SurveyKind::Choice | SurveyKind::Choices => {
                let chosen = questions[q].chosen(cell);
                if !chosen.is_empty() {
                    answers.choices.push((q, chosen));
                }
            }
            SurveyKind::FreeText => {
                let (text, cut) = clean_answer(cell);
                if !text.is_empty() {
                    answers.cut += usize::from(cut);
                    answers.texts.push((q, text));
                }
            }
        }
    }
    answers
}

/// A free-text answer as it is kept: control characters (escape sequences, bells, …) left
/// out, line breaks and tabs kept, at most [`MAX_ANSWER_CHARS`] characters; and whether it
/// was cut.
fn clean_answer(cell: &str) -> (String, bool) {
    let clean: String = cell
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    let clean = clean.trim();
    match clean.char_indices().nth(MAX_ANSWER_CHARS) {
        Some((end, _)) => (format!("{}…", clean[..end].trim_end()), true),
        None => (clean.to_string(), false),
    }
}

impl Import {
    /// Counts one new respondent's answers.
    fn count(&mut self, questions: &[SurveyQuestion], answers: RowAnswers) {
        self.responses += 1;
        self.cut += answers.cut;
        for (q, rating) in answers.ratings {
            let key = &questions[q].key;
            if let Some(distribution) = self.ratings.get_mut(key) {
                distribution.record(rating);
                *self.answered.entry(key.clone()).or_default() += 1;
            }
        }
        for (q, chosen) in answers.choices {
            let key = &questions[q].key;
            if let Some(counts) = self.choices.get_mut(key) {
                for option in chosen {
                    counts[option] += 1;
                }
                *self.answered.entry(key.clone()).or_default() += 1;
            }
        }
        self.writers += usize::from(!answers.texts.is_empty());
        for (q, text) in answers.texts {
            self.free_text.push((questions[q].key.clone(), text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28, point 16: Microsoft Forms' last-modified column, in either language, is
    /// metadata to leave out quietly, not a question to warn about.
    #[test]
    fn the_last_modified_column_is_known_metadata_in_both_languages() {
        for header in [
            "Tidpunkt för senaste ändring",
            "Last modified time",
            "Senaste ändringstid",
        ] {
            assert!(is_metadata(&normalise(header)), "{header}");
        }
    }
    use crate::i18n::Lang;

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
        parse_export(text).expect("valid CSV")
    }

    fn key() -> FingerprintKey {
        FingerprintKey([7, 11])
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
        // An empty line in the middle is no row.
        assert_eq!(rows("a;b\n\n1;2\n").len(), 2);
    }

    #[test]
    fn csv_that_cannot_be_split_into_its_columns_is_refused() {
        assert_eq!(
            parse_export("Id|Name|Q\n1|Ann|4\n"),
            Err(CsvError::UnknownDelimiter { guess: Some('|') })
        );
        assert_eq!(
            parse_export("x\n1\n"),
            Err(CsvError::UnknownDelimiter { guess: None })
        );
        assert_eq!(
            parse_export("a,b,c\n1,2,3\n\"x\ny\",2\n4,5,6\n"),
            Err(CsvError::RowWidth {
                line: 3,
                fields: 2,
                header: 3
            })
        );
        assert_eq!(parse_export("a,b\n1,2,3\n").unwrap_err().line(), 2);
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
        let error = parse_export("a,b\n1,2\n3,\"never\nclosed\n").unwrap_err();
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

        let english = Dialect::new(Lang::En, None, None, None);
        let csv = questionnaire_csv(
            &[SurveyQuestion {
                key: "k".into(),
                text: "Say \"hi\", then go".into(),
                kind: SurveyKind::FreeText,
                options: Vec::new(),
            }],
            &english,
        );
        assert_eq!(
            csv,
            "key,text,type\r\nk,\"Say \"\"hi\"\", then go\",free_text\r\n"
        );
        let swedish = Dialect::new(Lang::Sv, None, None, None);
        let csv = questionnaire_csv(&questions, &swedish);
        assert!(csv.starts_with("\u{feff}key;text;type\r\n"), "{csv}");
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
        let result = import(&questions, &data, &HashSet::new(), key());
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
        let result = import(&questions, &data, &HashSet::new(), key());
        assert_eq!(result.ratings["goal_2"].counts, [0, 0, 0, 0, 1]);
        assert_eq!(result.ratings["goal_1"].counts, [0, 1, 0, 0, 0]);
    }

    // --- fixtures -------------------------------------------------------------------------

    #[test]
    fn import_microsoft_forms_english() {
        let questions = questionnaire(&goals(), false);
        let data = rows(FORMS_EN);
        let result = import(&questions, &data, &HashSet::new(), key());
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
        assert_eq!(result.fingerprints.len(), 8);
    }

    #[test]
    fn import_swedish_semicolon_bom() {
        let questions = questionnaire(&goals(), true);
        let result = import(&questions, &rows(FORMS_SV), &HashSet::new(), key());
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
        let result = import(&questions, &rows(GOOGLE), &HashSet::new(), key());
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
        let first = import(&questions, &data, &HashSet::new(), key());
        let seen: HashSet<String> = first.fingerprints.iter().cloned().collect();
        let second = import(&questions, &data, &seen, key());
        assert_eq!(second.responses, 0);
        assert_eq!(second.duplicates, 8);
        assert!(second.fingerprints.is_empty());
        // Under another key the same responses are new: fingerprints mean nothing without it.
        let other = import(&questions, &data, &seen, FingerprintKey([8, 11]));
        assert_eq!(other.responses, 8);
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
        let result = import(&questions, &data, &HashSet::new(), key());
        assert_eq!(result.responses, 8);
        assert_eq!(result.duplicates, 3);
    }

    #[test]
    fn rows_that_answer_nothing_count_nobody_and_each_question_its_own_people() {
        let questions = questionnaire(&goals(), false);
        let data = vec![
            strings(&["Id", "goal_1", "goal_2", "changed", "stick"]),
            strings(&["1", "4", "", "", ""]),
            strings(&["2", "", "", "", ""]),
            strings(&["3", "N/A", "", "  ", ""]),
            strings(&["4", "2", "5", "Mer tid", "Stöd"]),
            strings(&["", "", "", "", ""]),
        ];
        let result = import(&questions, &data, &HashSet::new(), key());
        assert_eq!((result.responses, result.empty), (2, 2));
        assert_eq!(result.fingerprints.len(), 2);
        let answered = BTreeMap::from([("goal_1".to_string(), 2), ("goal_2".to_string(), 1)]);
        assert_eq!(result.answered, answered);
        assert_eq!((result.writers, result.free_text.len()), (1, 2));
        assert_eq!(result.batch().writers, 1);
    }

    #[test]
    fn answers_lose_control_characters_and_are_cut() {
        assert_eq!(
            clean_answer("\u{1b}[2Ja\u{7}\nb\tc\u{9b}"),
            // What follows an escape is harmless text once the escape is gone.
            ("[2Ja\nb\tc".to_string(), false)
        );
        assert_eq!(clean_answer(&"\u{1b}".repeat(1000)), (String::new(), false));
        let (cut, was_cut) = clean_answer(&"å".repeat(MAX_ANSWER_CHARS + 1));
        assert!(was_cut);
        assert_eq!(cut.chars().count(), MAX_ANSWER_CHARS + 1);
        assert!(cut.ends_with("å…"));
        let whole = "ö".repeat(MAX_ANSWER_CHARS);
        assert_eq!(clean_answer(&whole), (whole, false));
    }

    #[test]
    fn import_without_rows() {
        let questions = questionnaire(&goals(), false);
        let result = import(&questions, &[], &HashSet::new(), key());
        assert_eq!(result.responses, 0);
        assert_eq!(result.ratings.len(), 4);
        assert_eq!(result.missing_questions.len(), 6);
    }

    #[test]
    fn without_response_ids_identical_answers_count_once_each() {
        let questions = questionnaire(&goals(), false);
        let data = vec![
            strings(&["goal_1", "goal_2"]),
            strings(&["3", "4"]),
            strings(&["3", "4"]),
            strings(&["5", "4"]),
        ];
        let first = import(&questions, &data, &HashSet::new(), key());
        assert_eq!(first.responses, 3);
        let seen: HashSet<String> = first.fingerprints.iter().cloned().collect();
        let mut more = data.clone();
        more.push(strings(&["3", "4"]));
        let second = import(&questions, &more, &seen, key());
        assert_eq!((second.responses, second.duplicates), (1, 3));
    }

    #[test]
    fn the_response_id_and_times_identify_a_response_not_its_name_or_answers() {
        let questions = questionnaire(&goals(), false);
        let data = vec![
            strings(&["Id", "Completion time", "Name", "goal_1"]),
            strings(&["1", "3/14/25 14:06:40", "Ann", "4"]),
        ];
        let first = import(&questions, &data, &HashSet::new(), key());
        let seen: HashSet<String> = first.fingerprints.iter().cloned().collect();
        // The same response, its answer edited and its name removed, is no new respondent.
        let edited = vec![
            data[0].clone(),
            strings(&["1", "3/14/25 14:06:40", "", "5"]),
        ];
        assert_eq!(import(&questions, &edited, &seen, key()).duplicates, 1);
        // Response 1 of another form (another time) is.
        let other = vec![
            data[0].clone(),
            strings(&["1", "3/20/25 09:00:00", "Ann", "4"]),
        ];
        assert_eq!(import(&questions, &other, &seen, key()).responses, 1);
    }
}
