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

/// Files below `src/cli/` that phrase text for a document (a report, a table, a calendar, a
/// file's own comments), not an error: they may call `t!`. Errors are phrased in
/// `src/cli/error/` only (docs/architecture.md, "The error path, from cause to message").
const DOCUMENT_RENDERERS: &[&str] = &[
    // The meeting pack, the look-back's tables, charts and exports.
    "src/lookback/chart.rs",
    "src/lookback/compare.rs",
    "src/lookback/cost.rs",
    "src/lookback/export.rs",
    "src/lookback/lessons.rs",
    "src/lookback/plan.rs",
    "src/lookback/report.rs",
    "src/lookback/report_cost.rs",
    "src/lookback/report_lessons.rs",
    "src/lookback/report_memory.rs",
    "src/lookback/summary.rs",
    "src/lookback/transfer.rs",
    "src/lookback/unit_plans.rs",
    // The success cases, the due list and its calendar, the December questionnaire.
    "src/followup/cases.rs",
    "src/followup/december.rs",
    "src/followup/schedule.rs",
    // The comments heading the private survey answers' files.
    "src/record/survey.rs",
];

/// Files that still call `t!` for errors or labels while their conversion lands on other
/// branches (issue 31): the coordinator empties this list at merge. Nothing is to be added.
const STILL_TO_CONVERT: &[&str] = &[
    // Labels of kinds, levels and scores (issue 31.2).
    "src/model/cost.rs",
    "src/model/date.rs",
    "src/model/indicator.rs",
    "src/model/initiative.rs",
    "src/model/material.rs",
    "src/model/process.rs",
    "src/model/recall.rs",
    "src/model/vocabulary.rs",
    // Errors of the feature areas (branch err-b).
    "src/followup/round_import.rs",
    "src/git/repo.rs",
    "src/git/setup.rs",
    "src/process/answer.rs",
    "src/process/assign.rs",
    // `period.reversed`, an error among the look-back's labels.
    "src/lookback/impact.rs",
    // Still phrased in the record layer: the config's own serde messages and its default
    // beneficiary.
    "src/record/project.rs",
];

/// Where `t!` may be called: the command line, the catalogues and the document renderers.
fn may_phrase(file: &str) -> bool {
    file.starts_with("src/cli/")
        || file == "src/i18n.rs"
        || file.starts_with("src/i18n/")
        || DOCUMENT_RENDERERS.contains(&file)
        || STILL_TO_CONVERT.contains(&file)
}

/// The lines (1-based) of `text` that call `t!(`, `crate::t!(` included, outside comments,
/// strings and character literals.
fn t_calls(text: &str) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(n, c)| chars.get(i + n) == Some(&c))
    };
    while i < chars.len() {
        let skip_to = |from: usize, end: &str| {
            (from..chars.len())
                .find(|&j| at(j, end))
                .map_or(chars.len(), |j| j + end.chars().count())
        };
        let next = if at(i, "//") {
            skip_to(i, "\n") - 1
        } else if at(i, "/*") {
            skip_to(i + 2, "*/")
        } else if at(i, "r#\"") {
            skip_to(i + 3, "\"#")
        } else if chars[i] == '"' {
            string_end(&chars, i + 1)
        } else if at(i, "'\\") {
            skip_to(i + 2, "'")
        } else if chars[i] == '\'' && chars.get(i + 2) == Some(&'\'') {
            i + 3
        } else {
            let starts_a_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
            if starts_a_word && at(i, "t!(") {
                lines.push(line);
            }
            i + 1
        };
        line += chars[i..next.max(i + 1)]
            .iter()
            .filter(|&&c| c == '\n')
            .count();
        i = next.max(i + 1);
    }
    lines
}

/// The index just past the `"` closing a string that starts at `from`.
fn string_end(chars: &[char], from: usize) -> usize {
    let mut j = from;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '"' => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
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
