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
            let allowed = if SHARED.contains(&top(from)) {
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
