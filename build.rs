//! Two jobs before the compiler runs:
//! - Tells the tests whether they drive a fortb built for another system through a runner
//!   (`FORTB_TEST_RUNNER=wine` with `FORTB_TEST_BIN=…/fortb.exe`, as `.ci/windows` does), so
//!   that a test which cannot run there is reported as ignored, with its reason, rather than
//!   passing without having run.
//! - Turns each message catalogue (`src/locales/<lang>.toml`) into a sorted table of
//!   `section.key` → text, so that a start of fortb looks texts up instead of parsing TOML
//!   (docs/performance.md, start-up). A catalogue that is not valid TOML stops the build.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(foreign_fortb)");
    println!("cargo::rerun-if-env-changed=FORTB_TEST_RUNNER");
    if std::env::var_os("FORTB_TEST_RUNNER").is_some() {
        println!("cargo::rustc-cfg=foreign_fortb");
    }
    cache_build_mark();
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for lang in ["en", "sv"] {
        let source = format!("src/locales/{lang}.toml");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).expect("the catalogue is readable");
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|error| panic!("{source} is not valid TOML: {error}"));
        let mut entries = Vec::new();
        flatten("", &table, &mut entries);
        entries.sort();
        let mut code = String::from("&[\n");
        for (key, value) in &entries {
            let _ = writeln!(code, "    ({key:?}, {value:?}),");
        }
        code.push_str("]\n");
        let target = Path::new(&out_dir).join(format!("catalogue_{lang}.rs"));
        std::fs::write(target, code).expect("OUT_DIR is writable");
    }
}

/// `[section] key = "text"` becomes (`section.key`, `text`); a value that is not a string
/// (none today) keeps its TOML spelling, as the catalogue did when it was parsed at run time.
fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<(String, String)>) {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(inner) => flatten(&full, inner, out),
            toml::Value::String(text) => out.push((full, text.clone())),
            other => out.push((full, other.to_string())),
        }
    }
}

/// What marks a parse cache as this build's (`src/record/cache.rs`): fortb's version and the
/// versions of the TOML parser's crates, since another parser might read a text into another
/// tree. A build without `Cargo.lock` (fortb as a dependency) has its version alone.
fn cache_build_mark() {
    println!("cargo::rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let mut mark = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    for package in lock.split("[[package]]") {
        let field = |name: &str| {
            package
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .map(|value| value.trim_matches('"').to_string())
        };
        if let (Some(name), Some(version)) = (field("name = "), field("version = ")) {
            if name.starts_with("toml") || name.starts_with("serde") {
                mark.push_str(&format!(" {name} {version}"));
            }
        }
    }
    println!("cargo::rustc-env=FORTB_CACHE_BUILD={mark}");
}
