//! Swedish all the way: the words fortb shows are words it accepts, in either language.

use fortb::i18n::{catalogue, Lang};
use fortb::model::indicator::{GoalLevel, Level};
use fortb::model::recall::{Audience, Why, WhyNot};
use fortb::model::vocabulary::{Field, Kind, Learning, Vocabulary};

fn every_label_is_accepted<V: Vocabulary + std::fmt::Debug + PartialEq>() {
    for lang in Lang::ALL {
        for item in V::ALL {
            let key = format!("{}.{}", V::SECTION, item.key());
            let label = &catalogue(lang)[&key];
            assert_eq!(V::parse(label), Some(*item), "{lang:?} {key} = {label}");
            assert_eq!(V::parse(&label.to_uppercase()), Some(*item), "{label}");
        }
    }
}

#[test]
fn the_words_shown_in_either_language_are_words_accepted() {
    every_label_is_accepted::<Kind>();
    every_label_is_accepted::<Learning>();
    every_label_is_accepted::<Field>();
    every_label_is_accepted::<Why>();
    every_label_is_accepted::<WhyNot>();
    every_label_is_accepted::<Audience>();
    every_label_is_accepted::<Level>();
    every_label_is_accepted::<GoalLevel>();
}

/// The words a help text offers to choose from: after a `:`, before a `(`, separated by
/// commas and "eller"/"or".
fn offered(help: &str) -> Vec<String> {
    let list = help.split_once(": ").map_or(help, |(_, list)| list);
    let list = list.split('(').next().unwrap_or(list);
    list.replace(" eller ", ", ")
        .replace(" or ", ", ")
        .split(", ")
        .map(|word| word.trim().to_string())
        .filter(|word| !word.is_empty())
        .collect()
}

#[test]
fn the_words_the_help_offers_are_words_accepted() {
    for lang in Lang::ALL {
        let kinds = offered(&catalogue(lang)["help.new.kind"]);
        assert_eq!(kinds.len(), Kind::ALL.len(), "{kinds:?}");
        for word in kinds {
            assert!(Kind::parse(&word).is_some(), "{lang:?}: --kind {word}");
        }
        let learning = offered(&catalogue(lang)["help.new.learning"]);
        assert_eq!(learning.len(), Learning::ALL.len(), "{learning:?}");
        for word in learning {
            assert!(
                Learning::parse(&word).is_some(),
                "{lang:?}: --learning {word}"
            );
        }
    }
}

/// English words that would give away an untranslated Swedish message. Kept to words that are
/// not also Swedish ("start", "process", "not" and "is" are both).
const ENGLISH_WORDS: &[&str] = &[
    "the",
    "and",
    "or",
    "with",
    "of",
    "to",
    "from",
    "for",
    "this",
    "that",
    "which",
    "should",
    "must",
    "cannot",
    "found",
    "expected",
    "answer",
    "answers",
    "question",
    "questions",
    "why",
    "note",
    "field",
    "fields",
    "step",
    "steps",
    "record",
    "records",
    "value",
    "use",
    "one",
    "write",
    "date",
    "dates",
    "error",
    "warning",
    "file",
    "missing",
    "unknown",
    "invalid",
];

/// A Swedish message as a reader sees its words: the `{placeholders}` filled with a Swedish
/// word, and what is quoted as written (`fortb set`, `sessions = 6`, "…") left out.
fn prose(message: &str) -> String {
    let mut filled = String::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => {
                filled.push_str("Solbacka");
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    filled.push_str(rest);
    let mut words = String::new();
    let mut quoted = None;
    for c in filled.chars() {
        match (quoted, c) {
            (None, '`' | '"') => quoted = Some(c),
            (Some(q), c) if c == q => quoted = None,
            (Some(_), _) => {}
            (None, c) => words.push(c),
        }
    }
    words
}

/// The keys fortb writes in files and that English messages use: kinds, reasons, audiences,
/// fields, steps and question keys of the built-in models.
fn english_keys() -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    keys.extend(Kind::ALL.iter().map(|v| v.key().to_string()));
    keys.extend(Learning::ALL.iter().map(|v| v.key().to_string()));
    keys.extend(Why::ALL.iter().map(|v| v.key().to_string()));
    keys.extend(WhyNot::ALL.iter().map(|v| v.key().to_string()));
    keys.extend(Audience::ALL.iter().map(|v| v.key().to_string()));
    keys.extend(Field::ALL.iter().map(|v| v.key().to_string()));
    for name in ["six-step", "tailored"] {
        let model = fortb::record::process_files::built_in(name).unwrap();
        for step in &model.steps {
            keys.push(step.id.clone());
            keys.extend(step.questions.iter().map(|q| q.key.clone()));
        }
    }
    // Words that are keys and Swedish too.
    let swedish = ["start", "process", "kurs", "konferens", "annat", "projekt"];
    keys.retain(|key| !swedish.contains(&key.as_str()));
    keys.sort();
    keys.dedup();
    keys
}

/// Messages that still show an English word, and why: the plan's and the units' subcommands
/// are typed as they are spelled (`fortb plan goal add`), in English in every language.
const KNOWN: &[(&str, &str)] = &[
    ("init.organiser_section", "TOML keys"),
    (
        "plan.init_template",
        "TOML keys and the plan's subcommands as typed",
    ),
    ("plan.bad_pair", "a subcommand as typed"),
    ("plan.created", "a subcommand as typed"),
    ("plan.exists", "subcommands as typed"),
    ("plan.goal_added", "a subcommand as typed"),
    ("plan.goal_not_tables", "the TOML table [[goal]]"),
    ("unit.state_unlinked", "a subcommand as typed"),
];

/// The prose of a catalogue text: a file template's comment lines only, since its keys are
/// the file format's, in English in every language.
fn prose_of(name: &str, text: &str) -> String {
    if !name.ends_with("_template") {
        return text.to_string();
    }
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The whitespace-separated tokens of a message that are prose: not a command line as typed
/// (`fortb step …`, a `--flag` and its value), a path or a `KEY=VALUE`.
fn plain_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut skip_next = false;
    for token in text.split_whitespace() {
        let skip = std::mem::take(&mut skip_next);
        if token.starts_with("--") {
            skip_next = true;
            continue;
        }
        if token == "fortb" {
            skip_next = true;
            continue;
        }
        let code = token.contains(['/', '=', '%'])
            || token
                .trim_end_matches(['.', ',', ';', ':', ')'])
                .contains('.');
        if skip || code {
            continue;
        }
        words.push(token);
    }
    words
}

#[test]
fn no_swedish_message_shows_an_english_key_or_word() {
    let keys = english_keys();
    let mut found = Vec::new();
    let swedish = catalogue(Lang::Sv);
    let mut names: Vec<&str> = swedish.keys().collect();
    names.sort();
    for name in names {
        // Help for the command line names flags and commands as typed; the language names
        // are the languages' own.
        if name.starts_with("lang.") {
            continue;
        }
        if KNOWN.iter().any(|(known, _)| *known == name) {
            continue;
        }
        let text = prose(&prose_of(name, &swedish[name]));
        let words: Vec<String> = plain_words(&text)
            .iter()
            .flat_map(|token| token.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')))
            .map(|w| w.trim_matches('-').to_string())
            .filter(|w| !w.is_empty())
            .collect();
        for word in &words {
            let lower = word.to_lowercase();
            let is_key = keys.contains(word) && (word.contains(['-', '_']) || word == &lower);
            if is_key || ENGLISH_WORDS.contains(&lower.as_str()) {
                found.push(format!("{name}: {word:?} in {:?}", &swedish[name]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English in Swedish messages:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_prose_of_a_message_leaves_out_what_is_quoted_and_fills_placeholders() {
    assert_eq!(
        prose("{field}: skriv t.ex. `sessions = 6` eller \"why\""),
        "Solbacka: skriv t.ex.  eller "
    );
}

/// Phrases that read stiffly to a Swedish principal, each found in an earlier version: an
/// anglicism, a calque, a second word for the look-back, or a label with two meanings.
const STIFF_SWEDISH: &[&str] = &[
    "checka in",
    "incheck",
    "hågkomst",
    "hågkommet",
    "merge-drivrutin",
    "drivrutin",
    "fel sorts",
    "minnas interaktivt",
    "återblick",
    "som data",
    "utelämnade:",
];

#[test]
fn swedish_messages_avoid_the_stiff_phrases_once_found() {
    for (key, text) in catalogue(Lang::Sv) {
        let lower = text.to_lowercase();
        for stiff in STIFF_SWEDISH {
            assert!(!lower.contains(stiff), "sv {key} = {text:?} says {stiff:?}");
        }
        // "Mätt" alone also reads "full" (not hungry).
        assert_ne!(text.trim(), "Mätt", "sv {key}");
    }
    // The look-back has one name, and a rating is confirmed as the practice says it.
    let sv = catalogue(Lang::Sv);
    assert!(sv["show.recall_heading"].starts_with("Tillbakablick"));
    assert!(sv["recall.saved"].starts_with("Sparade {whose} bedömning av {id}"));
}
