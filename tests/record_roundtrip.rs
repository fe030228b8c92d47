//! Whatever fortb writes into a record reads back as exactly the same values: records are built
//! with the same document functions the commands use (`new_record`, `set_value`, `text_value`,
//! `string_array`), rendered to TOML text, and parsed back with `store::parse_record`.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use fortb::model::date::Date;
use fortb::model::initiative::Record;
use fortb::model::recall::{Recall, Score, Why};
use fortb::model::vocabulary::{Kind, Learning, Vocabulary};
use fortb::record::document::{date_value, new_record, set_value, string_array, text_value};
use proptest::prelude::*;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

#[path = "common/parse_cache.rs"]
mod parse_cache;

/// What a test record holds, in the terms of the read model.
#[derive(Clone, Debug)]
struct Generated {
    title: String,
    kind: Kind,
    learning: Option<Learning>,
    process: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    sessions: Option<u32>,
    owner: Option<String>,
    audience: Option<String>,
    whole_staff: Option<bool>,
    steps: BTreeMap<String, (Option<Date>, BTreeMap<String, Answer>)>,
    recall: Vec<GeneratedRecall>,
}

#[derive(Clone, Debug)]
enum Answer {
    Text(String),
    List(Vec<String>),
    YesNo(bool),
    Number(i64),
    Date(Date),
}

#[derive(Clone, Debug)]
struct GeneratedRecall {
    by: String,
    date: Date,
    self_: Option<u8>,
    leadership: Option<u8>,
    staff: Option<u8>,
    why: Vec<Why>,
    note: Option<String>,
}

// --- strategies ------------------------------------------------------------------------------

/// Text as people (and careless pastes) write it: Swedish letters, quotes, backslashes, TOML
/// punctuation, newlines and tabs, triple quotes, and now and then anything at all.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[a-zA-Z0-9 ]{1,8}",
        2 => "[åäöÅÄÖéü–”’]{1,3}",
        1 => Just("\"".to_string()),
        1 => Just("'".to_string()),
        1 => Just("\\".to_string()),
        1 => Just("\"\"\"".to_string()),
        1 => Just("'''".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("# = [x] {y}".to_string()),
        1 => Just("\\n\\u00e5".to_string()),
        1 => Just(" \n".to_string()),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|parts| parts.concat())
}

fn multi_line_text() -> impl Strategy<Value = String> {
    prop::collection::vec(text(), 1..5).prop_map(|lines| lines.join("\n"))
}

fn date() -> impl Strategy<Value = Date> {
    (1i32..=9999, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Date(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
}

fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(Kind::ALL.to_vec())
}

fn learning() -> impl Strategy<Value = Learning> {
    prop::sample::select(Learning::ALL.to_vec())
}

fn why() -> impl Strategy<Value = Why> {
    prop::sample::select(Why::ALL.to_vec())
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        text().prop_map(Answer::Text),
        multi_line_text().prop_map(Answer::Text),
        prop::collection::vec(text(), 0..4).prop_map(Answer::List),
        any::<bool>().prop_map(Answer::YesNo),
        any::<i64>().prop_map(Answer::Number),
        date().prop_map(Answer::Date),
    ]
}

fn step_id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "need",
            "analysis",
            "concept",
            "production",
            "delivery",
            "follow-up",
            "planning",
            "proposal",
        ])
        .prop_map(str::to_string),
        "[a-z][a-z0-9_-]{0,12}",
    ]
}

fn answer_key() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,15}".prop_filter("`done` is the step's date", |k| k != "done")
}

fn step() -> impl Strategy<Value = (Option<Date>, BTreeMap<String, Answer>)> {
    (
        prop::option::of(date()),
        prop::collection::btree_map(answer_key(), answer(), 0..5),
    )
}

fn score() -> impl Strategy<Value = Option<u8>> {
    prop::option::of(0u8..=Score::MAX)
}

fn recall() -> impl Strategy<Value = GeneratedRecall> {
    (
        text(),
        date(),
        score(),
        score(),
        score(),
        prop::collection::vec(why(), 0..4),
        prop::option::of(multi_line_text()),
    )
        .prop_map(
            |(by, date, self_, leadership, staff, why, note)| GeneratedRecall {
                by,
                date,
                self_,
                leadership,
                staff,
                why,
                note,
            },
        )
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        (
            text(),
            kind(),
            prop::option::of(learning()),
            prop::option::of(prop::sample::select(vec![
                "six-step",
                "tailored",
                "egen-modell",
            ])),
            prop::option::of(date()),
            prop::option::of(date()),
            prop::option::of(any::<u32>()),
        ),
        (
            prop::option::of(text()),
            prop::option::of(multi_line_text()),
            prop::option::of(any::<bool>()),
            prop::collection::btree_map(step_id(), step(), 0..4),
            prop::collection::vec(recall(), 0..4),
        ),
    )
        .prop_map(
            |(
                (title, kind, learning, process, start, end, sessions),
                (owner, audience, whole_staff, steps, recall),
            )| Generated {
                title,
                kind,
                learning,
                process: process.map(str::to_string),
                start,
                end,
                sessions,
                owner,
                audience,
                whole_staff,
                steps,
                recall,
            },
        )
}

/// What `text_value(text)` stores, as documented: multi-line text (only newlines and tabs
/// among the control characters) becomes a `"""` block ending in exactly one newline, which is
/// part of the value; anything else is stored as it is.
fn stored(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c == '\n' || c == '\t' || !c.is_control());
    let body = text.trim_end_matches('\n');
    if plain && body.contains('\n') {
        format!("{body}\n")
    } else {
        text.to_string()
    }
}

// --- rendering -------------------------------------------------------------------------------

fn answer_value(answer: &Answer) -> Value {
    match answer {
        Answer::Text(text) => text_value(text),
        Answer::List(items) => string_array(items),
        Answer::YesNo(b) => Value::from(*b),
        Answer::Number(n) => Value::from(*n),
        Answer::Date(d) => date_value(*d),
    }
}

fn expected_answer(answer: &Answer) -> toml::Value {
    match answer {
        Answer::Text(text) => toml::Value::String(stored(text)),
        Answer::List(items) => {
            toml::Value::Array(items.iter().cloned().map(toml::Value::String).collect())
        }
        Answer::YesNo(b) => toml::Value::Boolean(*b),
        Answer::Number(n) => toml::Value::Integer(*n),
        Answer::Date(d) => toml::Value::Datetime(d.to_string().parse().unwrap()),
    }
}

/// The record as TOML text, the way fortb's commands build one.
fn render(g: &Generated) -> String {
    let mut fields: Vec<(&str, Value)> = vec![
        ("schema", Value::from(1)),
        ("title", text_value(&g.title)),
        ("kind", Value::from(g.kind.key())),
    ];
    if let Some(learning) = g.learning {
        fields.push(("learning", Value::from(learning.key())));
    }
    if let Some(process) = &g.process {
        fields.push(("process", Value::from(process.as_str())));
    }
    if let Some(start) = g.start {
        fields.push(("start", date_value(start)));
    }
    if let Some(end) = g.end {
        fields.push(("end", date_value(end)));
    }
    if let Some(sessions) = g.sessions {
        fields.push(("sessions", Value::from(i64::from(sessions))));
    }
    if let Some(owner) = &g.owner {
        fields.push(("owner", text_value(owner)));
    }
    if let Some(audience) = &g.audience {
        fields.push(("audience", text_value(audience)));
    }
    if let Some(whole_staff) = g.whole_staff {
        fields.push(("whole_staff", Value::from(whole_staff)));
    }
    let text = new_record(&fields);

    let mut doc: DocumentMut = text.parse().expect("new_record writes valid TOML");
    if !g.steps.is_empty() {
        let mut steps = Table::new();
        steps.set_implicit(true);
        for (id, (done, answers)) in &g.steps {
            let mut table = Table::new();
            for (key, answer) in answers {
                set_value(&mut table, key, answer_value(answer), &[]);
            }
            if let Some(done) = done {
                set_value(&mut table, "done", date_value(*done), &[]);
            }
            steps.insert(id, Item::Table(table));
        }
        doc.insert("steps", Item::Table(steps));
    }
    if !g.recall.is_empty() {
        let mut entries = ArrayOfTables::new();
        for r in &g.recall {
            let mut table = Table::new();
            set_value(&mut table, "by", text_value(&r.by), &[]);
            set_value(&mut table, "date", date_value(r.date), &[]);
            for (key, score) in [
                ("self", r.self_),
                ("leadership", r.leadership),
                ("staff", r.staff),
            ] {
                if let Some(score) = score {
                    set_value(&mut table, key, Value::from(i64::from(score)), &[]);
                }
            }
            if !r.why.is_empty() {
                let keys: Vec<String> = r.why.iter().map(|w| w.key().to_string()).collect();
                set_value(&mut table, "why", string_array(&keys), &[]);
            }
            if let Some(note) = &r.note {
                set_value(&mut table, "note", text_value(note), &[]);
            }
            entries.push(table);
        }
        doc.insert("recall", Item::ArrayOfTables(entries));
    }
    doc.to_string()
}

fn expected_recall(r: &GeneratedRecall) -> Recall {
    let score = |s: Option<u8>| s.map(|s| Score::new(i64::from(s)).unwrap());
    Recall {
        by: stored(&r.by),
        date: r.date,
        self_: score(r.self_),
        leadership: score(r.leadership),
        staff: score(r.staff),
        why: r.why.clone(),
        note: r.note.as_deref().map(stored),
        ..Recall::new("", r.date)
    }
}

fn assert_same(g: &Generated, record: &Record, text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(record.schema, 1, "{}", text);
    prop_assert_eq!(&record.title, &stored(&g.title), "{}", text);
    prop_assert_eq!(record.kind, g.kind);
    prop_assert_eq!(record.learning, g.learning);
    prop_assert_eq!(&record.process, &g.process);
    prop_assert_eq!(record.start, g.start);
    prop_assert_eq!(record.end, g.end);
    prop_assert_eq!(record.sessions, g.sessions);
    prop_assert_eq!(&record.owner, &g.owner.as_deref().map(stored), "{}", text);
    prop_assert_eq!(
        &record.audience,
        &g.audience.as_deref().map(stored),
        "{}",
        text
    );
    prop_assert_eq!(record.whole_staff, g.whole_staff.unwrap_or(false));
    prop_assert_eq!(
        record.steps.keys().collect::<Vec<_>>(),
        g.steps.keys().collect::<Vec<_>>()
    );
    for (id, (done, answers)) in &g.steps {
        let step = &record.steps[id];
        prop_assert_eq!(step.done, *done, "step {}", id);
        let expected: BTreeMap<String, toml::Value> = answers
            .iter()
            .map(|(k, a)| (k.clone(), expected_answer(a)))
            .collect();
        prop_assert_eq!(&step.answers, &expected, "step {}:\n{}", id, text);
    }
    let expected: Vec<Recall> = g.recall.iter().map(expected_recall).collect();
    prop_assert_eq!(&record.recall, &expected, "{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_record_fortb_writes_reads_back_the_same(g in generated()) {
        let text = render(&g);
        let record = fortb::record::store::parse_record(Path::new("x.toml"), &text)
            .map_err(|e| {
                let e = fortb::cli::error::message(&e);
                TestCaseError::fail(format!("{e}\n---\n{text}"))
            })?;
        assert_same(&g, &record, &text)?;
        parse_cache::reads_as_the_parser(&text).map_err(TestCaseError::fail)?;
        // and the text is stable: parsing and printing it again changes nothing
        let again: DocumentMut = text.parse().unwrap();
        prop_assert_eq!(again.to_string(), text);
    }

    #[test]
    fn text_values_read_back_the_same(s in text(), lines in multi_line_text()) {
        for text in [&s, &lines] {
            let value = text_value(text);
            let expected = stored(text);
            prop_assert_eq!(value.as_str(), Some(expected.as_str()));
            let doc = format!("v = {value}\n");
            let parsed: toml::Table = doc.parse()
                .map_err(|e| TestCaseError::fail(format!("{e}\n{doc}")))?;
            prop_assert_eq!(parsed["v"].as_str(), Some(expected.as_str()), "{}", doc);
        }
    }

    #[test]
    fn multi_line_text_is_written_as_a_block(lines in prop::collection::vec("[a-zåäö \"'\\\\]{1,10}", 2..5)) {
        let text = lines.join("\n");
        let value = text_value(&text);
        prop_assert!(value.to_string().trim_start().starts_with("\"\"\"\n"), "{}", value);
        prop_assert!(value.to_string().trim_end().ends_with("\n\"\"\""), "{}", value);
        let expected = format!("{text}\n");
        prop_assert_eq!(value.as_str(), Some(expected.as_str()));
    }
}

#[test]
fn scores_outside_zero_to_four_are_refused() {
    for bad in [-1, 5, 7, 100] {
        assert!(Score::new(bad).is_err(), "{bad}");
        let text = format!(
            "title = \"X\"\nkind = \"other\"\n[[recall]]\nby = \"A\"\ndate = 2025-01-01\nstaff = {bad}\n"
        );
        let error = fortb::record::store::parse_record(Path::new("x.toml"), &text).unwrap_err();
        let error = fortb::cli::error::message(&error);
        assert!(error.starts_with("x.toml:6:9: "), "{error}");
    }
    for good in 0..=4 {
        assert_eq!(Score::new(good).unwrap().value(), good as u8);
    }
}

#[test]
fn swedish_words_are_read_as_their_keys() {
    let text = "title = \"X\"\nkind = \"bokcirkel\"\nlearning = \"vardagslärande\"\n\
                [[recall]]\nby = \"A\"\ndate = 2025-01-01\nwhy = [\"behov\", \"övning\"]\n";
    let record = fortb::record::store::parse_record(Path::new("x.toml"), text).unwrap();
    assert_eq!(record.kind, Kind::BookCircle);
    assert_eq!(record.learning, Some(Learning::Everyday));
    assert_eq!(record.recall[0].why, [Why::Need, Why::Practice]);
}
