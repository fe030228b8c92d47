//! The JSON that `--format json` prints, for scripts: every document is one object whose first
//! key is `"format"`, the version of the JSON shapes. The shapes are published as JSON Schemas
//! in docs/json/, one per command; `FORMAT` goes up when a shape changes in a way that would
//! break a script (a key renamed, removed or retyped), not when a key is added.

use std::io::Write;

use serde::Serialize;

use crate::escape;

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
    let mut text = Vec::new();
    write_document(&mut text, body).expect("fortb's JSON serializes");
    String::from_utf8(text).expect("JSON is UTF-8")
}

/// Writes [`document`]'s text into `out` as it is made, for a document too large to hold whole.
/// serde escapes the C0 controls only: DEL, the C1 controls and the bidirectional overrides
/// are escaped here (`\u009b`), so that the document, printed to a terminal, cannot act on it,
/// and every string keeps its value.
pub fn write_document(out: &mut dyn Write, body: &impl Serialize) -> std::io::Result<()> {
    let document = Document {
        format: FORMAT,
        body,
    };
    let mut harmless = escape::Harmless::new(out, escape::Notation::Json);
    // serde writes a token at a time: buffered, the escaping sees a block at a time.
    let mut out = std::io::BufWriter::new(&mut harmless);
    serde_json::to_writer_pretty(&mut out, &document)?;
    out.write_all(b"\n")?;
    out.flush()?;
    drop(out);
    harmless.finish()
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

    #[test]
    fn no_character_that_acts_on_a_terminal_is_left_raw() {
        let text = document(&serde_json::json!({"t": "a\u{1b}[2J\u{7}\u{7f}\u{9b}\u{202e}\r\nb"}));
        assert!(
            text.contains(r#""a\u001b[2J\u0007\u007f\u009b\u202e\r\nb""#),
            "{text}"
        );
        let read: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(read["t"], "a\u{1b}[2J\u{7}\u{7f}\u{9b}\u{202e}\r\nb");
    }
}
