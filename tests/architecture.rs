//! The layout keeps its shape: arrows point down only (command line → feature areas → records
//! on disk → domain model), no two files import each other in a circle, and the terminal and
//! TOML documents stay in their layers. See docs/architecture.md.
//!
//! The test reads every `crate::…` path in `src/` (in `use` lines and in code), resolves it to
//! the file that defines it and checks the graph of files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers from the bottom up. A file may use its own layer and those below.
const LAYERS: &[(&str, u8)] = &[
    ("model", 0),
    ("record", 1),
    ("process", 2),
    ("lookback", 2),
    ("plan", 2),
    ("followup", 2),
    ("git", 2),
    ("cli", 3),
];

/// Files every layer may use: errors, output escaping, the CSV dialect and the message
/// catalogues.
const SHARED: &[&str] = &["csv", "error", "escape", "i18n", "json"];

/// Crates that belong to the terminal: only `cli` uses them.
const TERMINAL_CRATES: &[&str] = &["dialoguer", "console", "comfy_table", "clap", "ctrlc"];

/// What the domain model never touches.
const NOT_IN_MODEL: &[&str] = &["toml_edit", "std::fs", "std::io", "rayon"];

/// Macros exported at the crate root, and the file each one lives in.
const ROOT_MACROS: &[(&str, &str)] = &[("t", "i18n"), ("vocabulary", "model::vocabulary")];

struct Source {
    module: String,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files
        .into_iter()
        .filter(|path| {
            path.file_name()
                .is_some_and(|n| n != "main.rs" && n != "lib.rs")
        })
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            Source {
                module: parts.join("::"),
                text: strip_comments(&fs::read_to_string(&path).unwrap()),
            }
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code without `//` comments, so prose that names a module is no arrow.
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.trim_start().starts_with("//") {
            true => "",
            false => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path a file names after `crate::`, expanding `use crate::a::{b, c::d}` groups.
fn named_paths(text: &str) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        expand("", rest, &mut paths);
    }
    paths
}

fn expand(prefix: &str, text: &str, paths: &mut BTreeSet<String>) {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    let path = format!("{prefix}{}", &text[..end]);
    if text[end..].starts_with('{') && path.ends_with("::") {
        let inner = &text[end + 1..];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    expand(&path, inner[start..i].trim(), paths);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&path, inner[start..i].trim(), paths);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let path = path.trim_end_matches("::").trim_end_matches("::self");
    if !path.is_empty() {
        paths.insert(path.to_string());
    }
}

/// The file (module) that defines what `path` names: its longest prefix that is a file.
fn resolve(path: &str, modules: &BTreeSet<String>) -> Option<String> {
    if let Some((_, file)) = ROOT_MACROS.iter().find(|(name, _)| *name == path) {
        return Some(file.to_string());
    }
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|candidate| modules.contains(candidate))
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap()
}

fn layer(module: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == top(module))
        .map(|(_, rank)| *rank)
}

/// Edges between files, `from → to`, without a folder's `mod.rs` listing its own files.
fn graph() -> (Vec<Source>, BTreeMap<String, BTreeSet<String>>) {
    let sources = sources();
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut edges = BTreeMap::new();
    for source in &sources {
        let targets: BTreeSet<String> = named_paths(&source.text)
            .iter()
            .filter_map(|path| resolve(path, &modules))
            .filter(|target| *target != source.module)
            .filter(|target| !target.starts_with(&format!("{}::", source.module)))
            .collect();
        edges.insert(source.module.clone(), targets);
    }
    (sources, edges)
}

#[test]
fn arrows_point_down_only() {
    let (_, edges) = graph();
    let mut upward = Vec::new();
    for (from, targets) in &edges {
        for to in targets {
            // Errors carry the model's values (a date, a field), as data for their message.
            let allowed = if top(from) == "error" {
                SHARED.contains(&top(to)) || top(to) == "model"
            } else if SHARED.contains(&top(from)) {
                SHARED.contains(&top(to))
            } else {
                SHARED.contains(&top(to)) || layer(to) <= layer(from)
            };
            if !allowed {
                upward.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "arrows pointing up:\n{}",
        upward.join("\n")
    );
}

/// A folder of `src/` missing from `LAYERS` would be let through by every check above.
#[test]
fn every_folder_has_a_layer() {
    let (sources, _) = graph();
    let unknown: BTreeSet<&str> = sources
        .iter()
        .map(|s| top(&s.module))
        .filter(|name| is_folder(name) && !SHARED.contains(name) && layer(name).is_none())
        .collect();
    assert!(unknown.is_empty(), "folders with no layer: {unknown:?}");
}

fn is_folder(name: &str) -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(name)
        .is_dir()
}

#[test]
fn no_two_files_import_each_other_in_a_circle() {
    let (_, edges) = graph();
    // Tarjan would name each strongly connected part; a depth-first search that reports the
    // first circle it meets is enough to point at the problem.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut circle = stack[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, stack, done) {
                return Some(circle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(circle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            panic!(
                "files import each other in a circle: {}",
                circle.join(" → ")
            );
        }
    }
}

#[test]
fn the_terminal_and_toml_documents_stay_in_their_layers() {
    let (sources, _) = graph();
    let mut problems = Vec::new();
    for source in &sources {
        let uses = |name: &str| {
            source.text.contains(&format!("{name}::"))
                && source
                    .text
                    .match_indices(&format!("{name}::"))
                    .any(|(at, _)| {
                        let before = source.text[..at].chars().last();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                    })
        };
        if top(&source.module) != "cli" {
            for name in TERMINAL_CRATES.iter().filter(|name| uses(name)) {
                problems.push(format!("{} uses {name}", source.module));
            }
        }
        if top(&source.module) == "model" {
            for name in NOT_IN_MODEL.iter().filter(|name| uses(name)) {
                problems.push(format!("{} uses {name}", source.module));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_arrows_in_groups_and_code() {
    let text = "use crate::model::{date::Date, recall::{self, Recall}};\nlet x = crate::record::document::date_value(d);\n// crate::cli::output in a comment\n";
    let paths = named_paths(&strip_comments(text));
    let expected: BTreeSet<String> = [
        "model::date::Date",
        "model::recall",
        "model::recall::Recall",
        "record::document::date_value",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(paths, expected);
}

// ---------------------------------------------------------------------------------------------
// Short functions: no function in `src/` is over 60 lines.
//
// How lines are counted: from the line that holds the `fn` keyword to the line that holds the
// function's closing brace, both included; doc comments and attributes above the `fn` are not
// counted, blank lines and comments inside are. A function nested inside another counts in its
// own right and also as lines of the one around it; a closure is part of the function that
// holds it. Methods in `impl` and `trait` blocks are functions like any other; a trait method
// without a body (`fn name(…);`) has no lines. Unit tests in `#[cfg(test)]` modules count too:
// a test is read and changed like the code it tests. `fn` inside strings, characters and
// comments is not a function.
//
// A function is named `module::name` (the file's module and the function's own name), so one
// entry names every function of that name in the file.
// ---------------------------------------------------------------------------------------------

/// The longest a function may be, in lines.
const MAX_FUNCTION_LINES: usize = 60;

/// Tables of data that may be longer than a function: each is one entry per row, and cutting
/// it would only scatter the rows. The same list is in docs/architecture.md.
const LONG_DATA_TABLES: &[(&str, &str)] = &[];

/// A function found in a source: its name, the line its `fn` is on and its length in lines.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// The code with every comment, string and character literal blanked out (newlines kept), so
/// that what is left are tokens and braces whose lines are still the file's lines.
fn blank_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let end = literal_end(&chars, i);
        if end > i {
            out.extend(
                chars[i..end]
                    .iter()
                    .map(|&c| if c == '\n' { '\n' } else { ' ' }),
            );
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Where a comment or literal starting at `i` ends, or `i` when none starts there.
fn literal_end(chars: &[char], i: usize) -> usize {
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    let previous_is_word = i > 0 && (at(i - 1).is_alphanumeric() || at(i - 1) == '_');
    match (at(i), at(i + 1)) {
        ('/', '/') => (i..chars.len())
            .find(|&k| at(k) == '\n')
            .unwrap_or(chars.len()),
        ('/', '*') => block_comment_end(chars, i),
        ('"', _) => quoted_end(chars, i + 1, '"'),
        ('\'', _) => char_literal_end(chars, i),
        ('r', '#' | '"') | ('b', 'r') if !previous_is_word => raw_string_end(chars, i),
        ('b', '"' | '\'') if !previous_is_word => literal_end(chars, i + 1).max(i),
        _ => i,
    }
}

/// The end of a `/* … */` comment, which may hold others.
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0;
    let mut k = start;
    while k + 1 < chars.len() {
        match (chars[k], chars[k + 1]) {
            ('/', '*') => (depth, k) = (depth + 1, k + 2),
            ('*', '/') if depth == 1 => return k + 2,
            ('*', '/') => (depth, k) = (depth - 1, k + 2),
            _ => k += 1,
        }
    }
    chars.len()
}

/// The end of a literal closed by `close`, from just after its opening quote.
fn quoted_end(chars: &[char], mut k: usize, close: char) -> usize {
    while k < chars.len() {
        match chars[k] {
            '\\' => k += 2,
            c if c == close => return k + 1,
            _ => k += 1,
        }
    }
    chars.len()
}

/// A character literal (`'a'`, `'\n'`, `'{'`), or no literal at all for a lifetime (`'a`).
fn char_literal_end(chars: &[char], start: usize) -> usize {
    match (chars.get(start + 1), chars.get(start + 2)) {
        (Some('\\'), _) => quoted_end(chars, start + 1, '\''),
        (Some(_), Some('\'')) => start + 3,
        _ => start,
    }
}

/// A raw string (`r"…"`, `r#"…"#`, `br"…"`), or no literal when `r` begins a name.
fn raw_string_end(chars: &[char], start: usize) -> usize {
    let mut k = start + if chars[start] == 'b' { 2 } else { 1 };
    let hashes = chars[k..].iter().take_while(|&&c| c == '#').count();
    k += hashes;
    if chars.get(k) != Some(&'"') {
        return start;
    }
    let closing: Vec<char> = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    (k + 1..chars.len())
        .find(|&e| chars[e..].starts_with(&closing))
        .map_or(chars.len(), |e| e + closing.len())
}

/// Every function in a file's code (literals already blanked), with its length in lines.
fn functions(code: &str, module: &str) -> Vec<Function> {
    let bytes = code.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    for (at, _) in code.match_indices("fn") {
        let before_ok = at == 0 || !is_word(bytes[at - 1]);
        let after = &code[at + 2..];
        if !before_ok || !after.starts_with(char::is_whitespace) {
            continue;
        }
        let name: String = after
            .trim_start()
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        if let Some(close) = body_end(code, at) {
            let (first, last) = (line_of(at), line_of(close));
            found.push(Function {
                name: format!("{module}::{name}"),
                line: first,
                lines: last - first + 1,
            });
        }
    }
    found
}

/// The closing brace of the body of the `fn` at `at`, or none for a declaration without one.
fn body_end(code: &str, at: usize) -> Option<usize> {
    let open = at + code[at..].find(['{', ';'])?;
    if code.as_bytes()[open] == b';' {
        return None;
    }
    let mut depth = 0usize;
    for (k, b) in code.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 1 => return Some(k),
            b'}' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[test]
fn no_function_is_over_sixty_lines() {
    let found: Vec<Function> = sources_with_literals()
        .iter()
        .flat_map(|source| functions(&blank_literals(&source.text), &source.module))
        .collect();
    let allowed: Vec<&str> = LONG_DATA_TABLES.iter().map(|(name, _)| *name).collect();
    let (long, stale) = too_long(&found, &allowed);
    assert!(
        long.is_empty() && stale.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines: split them into named steps\n{}\n\
         listed as long but no longer over {MAX_FUNCTION_LINES} lines: take them off the list\n{}",
        long.join("\n"),
        stale.join("\n")
    );
}

/// The functions over the limit that are not listed, and the listed names that are no longer
/// over it.
fn too_long<'a>(found: &[Function], allowed: &[&'a str]) -> (Vec<String>, Vec<&'a str>) {
    let over: Vec<&Function> = found
        .iter()
        .filter(|f| f.lines > MAX_FUNCTION_LINES)
        .collect();
    let long = over
        .iter()
        .filter(|f| !allowed.contains(&f.name.as_str()))
        .map(|f| format!("{} (line {}): {} lines", f.name, f.line, f.lines))
        .collect();
    let stale = allowed
        .iter()
        .copied()
        .filter(|name| !over.iter().any(|f| f.name == *name))
        .collect();
    (long, stale)
}

#[test]
fn sixty_lines_pass_sixty_one_do_not_unless_listed_and_a_stale_entry_fails() {
    let body = |n: usize| format!("fn f{n}() {{\n{}}}\n", "    x();\n".repeat(n - 2));
    let text = [60, 61, 62].map(body).concat();
    let found = functions(&blank_literals(&text), "m");
    let lengths: Vec<usize> = found.iter().map(|f| f.lines).collect();
    assert_eq!(lengths, [60, 61, 62]);
    let (long, stale) = too_long(&found, &["m::f62", "m::f60"]);
    assert_eq!(long, ["m::f61 (line 61): 61 lines"]);
    assert_eq!(stale, ["m::f60"]);
}

/// `build.rs` and every file under `src/`, with its module name and its text as written (comments kept: the
/// line counter blanks them itself, keeping the lines where they are).
fn sources_with_literals() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.with_file_name("build.rs")];
    collect(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap_or(Path::new("build"));
            let module = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .filter(|part| part != "mod")
                .collect::<Vec<_>>()
                .join("::");
            Source {
                module,
                text: fs::read_to_string(&path).unwrap(),
            }
        })
        .collect()
}

#[test]
fn the_line_counter_sees_functions_and_only_functions() {
    let text = r##"
/// fn in_a_doc_comment() {}
fn outer<'a>(x: &'a str) -> usize {
    let s = "fn in_a_string() { {";
    let r = r#"fn in_a_raw_string() }"#;
    let c = '{';
    /* fn in_a_block_comment() { /* nested */ } */
    let add = |n: usize| {
        n + 1
    };
    fn inner() -> char {
        '}'
    }
    let f: fn(u8) -> u8 = |b| b;
    add(x.len())
}

trait Named {
    fn declared(&self);
    fn with_body(&self) {}
}

impl Named for u8 {
    fn declared(&self) {
        let _ = b"fn no";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_test() {
    }
}
"##;
    let found = functions(&blank_literals(text), "m");
    let seen: Vec<(&str, usize, usize)> = found
        .iter()
        .map(|f| (f.name.as_str(), f.line, f.lines))
        .collect();
    assert_eq!(
        seen,
        [
            ("m::outer", 3, 14),
            ("m::inner", 11, 3),
            ("m::with_body", 20, 1),
            ("m::declared", 24, 3),
            ("m::a_test", 32, 2),
        ]
    );
}

/// What the domain model never calls: wording (`t!`: labels and messages are made by the
/// wording layer, `src/i18n/labels.rs` and `src/i18n/problems.rs`, and the layers that show
/// them), the environment, or the clock (today is read once, in `src/cli/app.rs`, and passed
/// down).
const NOT_CALLED_IN_MODEL: &[&str] = &[
    "t!(",
    "std::env",
    "env::var",
    "chrono::Local",
    "Local::now",
    "Utc::now",
    "SystemTime::now",
];

/// The forbidden names `text` calls, each with its line.
fn calls_not_in_model(text: &str) -> Vec<String> {
    let code = blank_literals(text);
    let mut found = Vec::new();
    for (number, line) in code.lines().enumerate() {
        for name in NOT_CALLED_IN_MODEL {
            if calls(line, name) {
                found.push(format!("line {}: {name}", number + 1));
            }
        }
    }
    found
}

/// Whether a line of code (literals blanked) names `name` at the start of a word: `t!(` and
/// `crate::t!(`, not `format_t!(`.
fn calls(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].chars().last();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_model_knows_no_wording_no_clock_and_no_environment() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut problems = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        for call in calls_not_in_model(&text) {
            problems.push(format!("{}: {call}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_model_checker_tells_calls_from_comments_and_strings() {
    let text = r##"
/// Calls t!("doc") in a comment, std::env::var too.
let a = format!("t!(\"x\") and Utc::now in a string");
let b = r#"chrono::Local::now() raw "quoted" "#; /* t!( in a block /* nested */ */
let c = ('"', '\'', assert!(true));
fn f<'de>(x: &'de str) {}
let d = crate::t!("label");
let e = std::env::var("X");
let f = chrono::Local::now();
let g = std::time::SystemTime::now();
"##;
    let found = calls_not_in_model(text);
    assert_eq!(
        found,
        [
            "line 7: t!(",
            "line 8: std::env",
            "line 8: env::var",
            "line 9: chrono::Local",
            "line 9: Local::now",
            "line 10: SystemTime::now",
        ]
    );
    assert!(calls_not_in_model("let x = t!(\"k\");").len() == 1);
}

/// Files below `src/cli/` that phrase text for a document (a report, a table, a calendar, a
/// file's own comments), not an error: they may call `t!`. Errors are phrased in
/// `src/cli/error/` only (docs/architecture.md, "The error path, from cause to message").
const DOCUMENT_RENDERERS: &[&str] = &[
    // The meeting pack, the look-back's tables, charts and exports.
    "src/lookback/chart.rs",
    "src/lookback/compare.rs",
    "src/lookback/export.rs",
    "src/lookback/lessons.rs",
    "src/lookback/report.rs",
    "src/lookback/report_cost.rs",
    "src/lookback/report_lessons.rs",
    "src/lookback/report_memory.rs",
    "src/lookback/summary.rs",
    "src/lookback/transfer.rs",
    // An indicator's progress and an initiative's current step, as the tables show them.
    "src/lookback/progress.rs",
    // The plan's follow-up, the organiser's view of the units' plans, cost against impact.
    "src/plan/cost.rs",
    "src/plan/unit_plans.rs",
    "src/plan/view.rs",
    // The success cases, the December questionnaire, a survey round's free-text file.
    "src/followup/cases.rs",
    "src/followup/december.rs",
    "src/followup/free_text.rs",
    // The comments heading the private survey answers' files and the private folder's
    // `.gitignore`.
    "src/record/private.rs",
    "src/record/survey.rs",
];

/// Where `t!` may be called: the command line, the catalogues and the document renderers.
fn may_phrase(file: &str) -> bool {
    file.starts_with("src/cli/")
        || file == "src/i18n.rs"
        || file.starts_with("src/i18n/")
        || DOCUMENT_RENDERERS.contains(&file)
}

/// The lines (1-based) of `text` that call `t!(`, `crate::t!(` included, outside comments,
/// strings and character literals.
fn t_calls(text: &str) -> Vec<usize> {
    blank_literals(text)
        .lines()
        .enumerate()
        .filter(|(_, line)| calls(line, "t!("))
        .map(|(number, _)| number + 1)
        .collect()
}

#[test]
fn only_the_command_line_and_document_renderers_phrase_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("src"), &mut files);
    let mut found = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if may_phrase(&name) {
            continue;
        }
        let lines = t_calls(&fs::read_to_string(&path).unwrap());
        if !lines.is_empty() {
            found.push(format!("{name}: t! on line {lines:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "errors below src/cli/ are data, phrased in src/cli/error/; labels are phrased where \
         they are shown:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_finds_t_calls_in_code_only() {
    let text = "// t!(\"in a comment\")\nlet a = t!(\"key\");\nlet b = \"t!(in a string)\";\n\
                let c = format!(\"{}\", x); /* t!( */ let d = crate::t!(\"k\", n = 1);\n\
                let e = '\"'; let f = t!(\"after a quote character\");\n";
    assert_eq!(t_calls(text), vec![2, 4, 5]);
    assert!(may_phrase("src/cli/commands/check.rs"));
    assert!(may_phrase("src/i18n.rs"));
    assert!(may_phrase("src/lookback/report.rs"));
    assert!(!may_phrase("src/record/x.rs"));
    assert!(!may_phrase("src/record/parse.rs"));
    assert!(!may_phrase("src/model/new.rs"));
}
