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
    // A buffer of its own, so serde_json's many small writes are copies, not calls through
    // `dyn Write`, and the escaping sees a block at a time.
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, &mut harmless);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, Pretty::default());
    document.serialize(&mut serializer)?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    drop(buffered);
    harmless.finish()
}

/// A sequence whose elements are made by `make` and serialized on all cores, a chunk at a time,
/// then written in order: at 10,000 initiatives their JSON was most of the work left on one
/// thread. The elements are laid out as [`document`] lays out a sequence `depth` levels down
/// (1: the value of one of the document's own keys), so this is for [`document`] and
/// [`write_document`] only.
pub struct Parallel<'a, T, S> {
    pub items: &'a [T],
    pub depth: usize,
    pub make: fn(&'a T) -> S,
}

/// How many elements are held as text at once: enough to keep the cores busy, few enough that
/// the document is still never held whole.
pub const CHUNK: usize = 512;

impl<T: Sync, S: Serialize> Serialize for Parallel<'_, T, S> {
    fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        use rayon::prelude::*;
        use serde::ser::SerializeSeq;
        let mut sequence = serializer.serialize_seq(Some(self.items.len()))?;
        for chunk in self.items.chunks(CHUNK) {
            let parts: Vec<Box<serde_json::value::RawValue>> = chunk
                .par_iter()
                .map(|item| fragment(&(self.make)(item), self.depth + 1))
                .collect();
            for part in &parts {
                sequence.serialize_element(part)?;
            }
        }
        sequence.end()
    }
}

/// `value` laid out as an element `depth` levels down, to be written as it is.
fn fragment(value: &impl Serialize, depth: usize) -> Box<serde_json::value::RawValue> {
    let mut text = Vec::new();
    let pretty = Pretty {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut text, pretty);
    value
        .serialize(&mut serializer)
        .expect("fortb's JSON serializes");
    let text = String::from_utf8(text).expect("JSON is UTF-8");
    serde_json::value::RawValue::from_string(text).expect("serde_json writes JSON")
}

/// The elements one item gives the arrays of [`write_arrays`], laid out as that document's
/// arrays' elements, each after its separator.
pub struct Elements {
    text: Vec<u8>,
    count: usize,
}

impl Elements {
    /// Adds `value` as the next element.
    pub fn push(&mut self, value: &impl Serialize) {
        let pretty = Pretty {
            depth: 2,
            has_value: false,
        };
        self.text.extend_from_slice(&BREAK[..6]);
        let mut serializer = serde_json::Serializer::with_formatter(&mut self.text, pretty);
        value
            .serialize(&mut serializer)
            .expect("fortb's JSON serializes");
        self.count += 1;
    }

    /// The elements' text with what acts on a terminal written out, as [`write_document`]
    /// does: a whole text, so nothing is cut between two writes.
    fn harmless(self) -> std::io::Result<(Vec<u8>, usize)> {
        let mut out = Vec::with_capacity(self.text.len());
        escape::Harmless::whole(&mut out, escape::Notation::Json, &self.text)?;
        Ok((out, self.count))
    }
}

/// Writes a document of arrays as [`write_document`] lays it out: `"format"`, then each of
/// `keys` with an array of the elements `elements` gives each of `items`, in order. Each item's
/// elements are made and made harmless on all cores, a chunk of items at a time, and written
/// as they are: for an export of tens of megabytes, where checking the text once more on one
/// thread was most of the work left there. Returns how many elements it wrote.
pub fn write_arrays<T: Sync, K: Copy + Sync>(
    out: &mut dyn Write,
    keys: &[(K, &str)],
    items: &[T],
    elements: impl Fn(K, &T, &mut Elements) + Sync,
) -> std::io::Result<usize> {
    use rayon::prelude::*;
    write!(out, "{{\n  \"format\": {FORMAT}")?;
    let mut written = 0;
    for &(key, name) in keys {
        let name = serde_json::to_string(name).expect("a key serializes");
        write!(out, ",\n  {name}: [")?;
        let before = written;
        for chunk in items.chunks(CHUNK) {
            let parts: Vec<std::io::Result<(Vec<u8>, usize)>> = chunk
                .par_iter()
                .map(|item| {
                    // Room for an initiative's ratings, so the text is seldom grown.
                    let mut made = Elements {
                        text: Vec::with_capacity(4096),
                        count: 0,
                    };
                    elements(key, item, &mut made);
                    made.harmless()
                })
                .collect();
            for part in parts {
                let (text, count) = part?;
                // The first element of an array has no comma before it.
                let skip = usize::from(written == before && count > 0);
                out.write_all(&text[skip..])?;
                written += count;
            }
        }
        out.write_all(if written > before { b"\n  ]" } else { b"]" })?;
    }
    out.write_all(b"\n}\n")?;
    Ok(written)
}

/// serde_json's pretty layout (two spaces an indent), byte for byte, with each line break and
/// its indent written at once: its own formatter writes the indent one level at a time, which
/// was a third of `summary --format json`'s time.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A comma, a line break and enough spaces for the deepest document fortb writes.
const BREAK: &[u8] = b",\n                                                                ";

impl Pretty {
    /// A line break (after a comma unless `first`) and the indent of the current depth.
    fn line(&self, out: &mut (impl Write + ?Sized), first: bool) -> std::io::Result<()> {
        let start = usize::from(first);
        match BREAK.get(start..2 + 2 * self.depth) {
            Some(line) => out.write_all(line),
            None => {
                out.write_all(&BREAK[start..2])?;
                (0..self.depth).try_for_each(|_| out.write_all(b"  "))
            }
        }
    }

    fn open(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(out, true)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
    fn a_parallel_sequence_is_laid_out_as_a_plain_one() {
        #[derive(Serialize)]
        struct Body<'a, S> {
            items: S,
            after: &'a str,
        }
        let items: Vec<u32> = (0..1100).collect();
        let make = |n: &u32| serde_json::json!({ "n": n, "inner": [n, {"x": [n]}], "empty": [] });
        let parallel = Parallel {
            items: &items,
            depth: 1,
            make: |n: &u32| serde_json::json!({ "n": n, "inner": [n, {"x": [n]}], "empty": [] }),
        };
        let plain: Vec<_> = items.iter().map(make).collect();
        assert_eq!(
            document(&Body {
                items: parallel,
                after: "a"
            }),
            document(&Body {
                items: plain,
                after: "a"
            })
        );
    }

    #[test]
    fn arrays_made_on_all_cores_are_the_document_serde_would_write() {
        // Items that give no element, one or two, across more than one chunk; an array left
        // empty; a text that acts on a terminal, written out in JSON's notation.
        let items: Vec<u32> = (0..1300).collect();
        let element = |key: u32, n: u32| serde_json::json!({ "n": n, "t": "a\u{1b}[2J\u{9b}b", "l": [key, {}] });
        let given = |key: u32, n: &u32| {
            let n = *n;
            (0..(n + key) % 3).map(move |_| element(key, n))
        };
        let keys = [(0, "first"), (1, "second"), (3, "none")];
        let mut made = Vec::new();
        let written = write_arrays(&mut made, &keys, &items, |key, n, out| {
            if key < 3 {
                given(key, n).for_each(|value| out.push(&value));
            }
        })
        .unwrap();
        let mut whole = serde_json::Map::new();
        for (key, name) in keys {
            let elements = items.iter().filter(|_| key < 3).flat_map(|n| given(key, n));
            whole.insert(name.to_string(), elements.collect());
        }
        let count: usize = whole.values().map(|a| a.as_array().unwrap().len()).sum();
        let expected = document(&whole);
        assert_eq!(String::from_utf8(made).unwrap(), expected);
        assert_eq!(
            (written, whole["none"].as_array().unwrap().len()),
            (count, 0)
        );
        assert!(expected.contains(r#""a\u001b[2J\u009bb""#), "{expected}");
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

    #[test]
    fn the_layout_is_serde_jsons_pretty_one_at_any_depth() {
        let mut deep = serde_json::json!({"leaf": [1, {"x": []}, {}], "s": "a\"b"});
        for depth in 0..40 {
            deep = serde_json::json!({ "d": depth, "inner": [deep, [], {}] });
            let expected = serde_json::to_string_pretty(&serde_json::json!({
                "format": FORMAT,
                "deep": deep,
            }))
            .unwrap();
            assert_eq!(
                document(&serde_json::json!({ "deep": deep })),
                expected + "\n"
            );
        }
    }
}
