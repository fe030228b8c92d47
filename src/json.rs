//! The JSON that `--format json` prints, for scripts: every document is one object whose first
//! key is `"format"`, the version of the JSON shapes. The shapes are published as JSON Schemas
//! in docs/json/, one per command; `FORMAT` goes up when a shape changes in a way that would
//! break a script (a key renamed, removed or retyped), not when a key is added.

use serde::Serialize;

/// The version of fortb's JSON shapes (docs/json/).
pub const FORMAT: u32 = 1;

/// A document: `"format"` first, then the fields of `body` (a struct or an object).
#[derive(Serialize)]
struct Document<'a, T: Serialize> {
    format: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// Pretty-printed JSON with a final newline: `"format": FORMAT`, then the fields of `body`,
/// which must serialize as an object (a struct or a map).
pub fn document(body: &impl Serialize) -> String {
    let document = Document {
        format: FORMAT,
        body,
    };
    let mut text = serde_json::to_string_pretty(&document).expect("fortb's JSON serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_first() {
        let text = document(&serde_json::json!({"initiatives": [], "a": 1}));
        assert_eq!(
            text,
            "{\n  \"format\": 1,\n  \"initiatives\": [],\n  \"a\": 1\n}\n"
        );
    }
}
