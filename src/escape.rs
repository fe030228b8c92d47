//! Text from records is data: the one place that makes it safe for each output format fortb
//! writes (HTML, Markdown, CSV, iCalendar). Every renderer escapes through here, so a fix or
//! a hardening reaches every format's writers at once.

use std::borrow::Cow;
use std::fmt::Write;

/// Text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    // One pass, not one copy of the text per character replaced: a report escapes megabytes.
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// Where user text stands in a Markdown document: what could turn it into markup depends on
/// it.
#[derive(Clone, Copy, PartialEq)]
enum MarkdownPlace {
    /// A table cell: no block can start there.
    Cell,
    /// After other text on its line, or as a heading's text (a trailing `#` would close it).
    Inline,
    /// Opening a paragraph line or a list item's text, where `-`, `+`, `1.` or `#` make a
    /// block.
    LineStart,
}

/// User text in the middle of a Markdown line or as a heading: it renders as written in a
/// GitHub-flavoured Markdown reader, never as emphasis, a link, code, HTML or strikethrough.
/// Line breaks become spaces and the ends are trimmed. Characters are escaped only where they
/// could start markup, so the Markdown stays readable as plain text.
pub fn markdown_text(text: &str) -> String {
    markdown(text, MarkdownPlace::Inline)
}

/// User text that opens a Markdown line (a paragraph line or a list item's text): as
/// [`markdown_text`], and it cannot start a list, a quote or a heading.
pub fn markdown_line(text: &str) -> String {
    markdown(text, MarkdownPlace::LineStart)
}

/// Text for one cell of a Markdown table: as [`markdown_text`], and a pipe, a backslash before
/// a pipe and a line break (CR or LF) keep every cell one cell.
pub fn markdown_cell(text: &str) -> String {
    markdown(text, MarkdownPlace::Cell)
}

fn markdown(text: &str, place: MarkdownPlace) -> String {
    // Leading spaces would make code, trailing ones a hard line break.
    let flat: Cow<str> = if text.contains(['\r', '\n']) {
        Cow::Owned(text.replace("\r\n", " ").replace(['\r', '\n'], " "))
    } else {
        Cow::Borrowed(text)
    };
    let text = flat.trim();
    let line_start = place == MarkdownPlace::LineStart;
    // A line that opens with digits and `.` or `)` would become an ordered list. Positions
    // are in bytes, which up to the end of the (ASCII) digits are characters too.
    let list_number_end = text.bytes().take_while(u8::is_ascii_digit).count();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '-' | '+' | '=' => line_start && i == 0,
            '.' | ')' => line_start && i > 0 && i == list_number_end,
            '#' => {
                (line_start && i == 0)
                    || (place == MarkdownPlace::Inline && closes_heading(text, i))
            }
            '&' => starts_entity(&text[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the `#` at byte `at` starts a run of `#` that ends the text after a space: a
/// heading would drop it as its closing sequence.
fn closes_heading(text: &str, at: usize) -> bool {
    let after_space = text[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    after_space && text[at..].bytes().all(|b| b == b'#')
}

/// Whether the text after an `&` would make it an entity (`&amp;`, `&#60;`): only such an `&`
/// needs a backslash, `Q&A` stays as it is.
fn starts_entity(after: &str) -> bool {
    let name = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && after.as_bytes().get(name) == Some(&b';')
}

/// Text as a Markdown code span: the fence is one backtick longer than any run inside it.
pub fn markdown_code(text: &str) -> String {
    let flat = text.replace(['\r', '\n'], " ");
    let longest = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{flat}{fence}")
    } else {
        format!("{fence} {flat} {fence}")
    }
}

/// One CSV field, quoted when it holds the delimiter, a quote or a line break. A text a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a `'` in front and quotes around it, as OWASP recommends against CSV
/// injection, so Excel shows it as text; a number such as `-2` or `-0,5` stays a number.
pub fn csv_field(text: &str, delimiter: char) -> String {
    if starts_a_formula(text) {
        return format!("\"'{}\"", text.replace('"', "\"\""));
    }
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn starts_a_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text)
}

/// A plain number, with an optional sign and one decimal point or comma.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    is_digits(whole) && parts.next().is_none_or(is_digits)
}

/// Text for a terminal: control characters (escape, bell, carriage return…) and bidirectional
/// overrides become visible as `\u{1b}`, so a record cannot clear the screen, set the
/// window title, write the clipboard or reverse a line. Line breaks and tabs stay; so does a
/// Windows line end. Borrows the text when nothing needs escaping, as nearly always.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !acts_anywhere(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if acts_on_terminal(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether any character of `text` [acts on a terminal](acts_on_terminal), read from its UTF-8
/// bytes: a table of 10,000 rows is a few megabytes, and decoding every character to ask took
/// a tenth of `summary`'s time.
fn acts_anywhere(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &byte)| match byte {
        b'\n' | b'\t' | 0x20..=0x7e => false,
        0..=0x1f | 0x7f => true,
        // U+0080–U+009F, the C1 controls.
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        // U+061C, the Arabic letter mark.
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        // U+200E–U+200F, U+202A–U+202E and U+2066–U+2069.
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// An iCalendar TEXT value: backslash, semicolon and comma get a backslash, line breaks become
/// `\n`; other control characters (not allowed in TEXT) are dropped, tabs kept.
pub fn ical_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Markdown escape as it was first written, one character at a time: the reference
    /// the faster one must match.
    fn markdown_by_chars(text: &str, place: MarkdownPlace) -> String {
        let flat = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
        let chars: Vec<char> = flat.trim().chars().collect();
        let line_start = place == MarkdownPlace::LineStart;
        let list_number_end = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        let closes_heading = |at: usize| {
            (at == 0 || chars[at - 1].is_whitespace()) && chars[at..].iter().all(|c| *c == '#')
        };
        let starts_entity = |after: &[char]| {
            let name = after
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                .count();
            name > 0 && after.get(name) == Some(&';')
        };
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
                '-' | '+' | '=' => line_start && i == 0,
                '.' | ')' => line_start && i > 0 && i == list_number_end,
                '#' => {
                    (line_start && i == 0) || (place == MarkdownPlace::Inline && closes_heading(i))
                }
                '&' => starts_entity(&chars[i + 1..]),
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn html_escapes_as_one_replace_after_another(text in "[a<>&\"'; å\u{2028}]*") {
            let replaced = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;");
            proptest::prop_assert_eq!(html(&text), replaced);
        }
    }

    proptest::proptest! {
        #[test]
        fn markdown_escapes_as_the_character_by_character_reference(
            text in "[0-9 #&;a.)\\-+=|\\\\`*_<>~\r\n\u{a0}\u{3000}åé]*"
        ) {
            for place in [MarkdownPlace::Cell, MarkdownPlace::Inline, MarkdownPlace::LineStart] {
                proptest::prop_assert_eq!(markdown(&text, place), markdown_by_chars(&text, place));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_finds_what_the_character_test_finds(text in "(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}\\u{61b}-\\u{61d}\\u{200d}-\\u{2010}\\u{2029}-\\u{202f}\\u{2065}-\\u{206a}])*") {
            proptest::prop_assert_eq!(acts_anywhere(&text), text.chars().any(acts_on_terminal));
        }
    }

    #[test]
    fn every_character_that_acts_is_found_by_the_byte_scan() {
        for c in (0..=0x2100).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(acts_anywhere(&text), acts_on_terminal(c), "{c:?}");
        }
    }

    #[test]
    fn each_format_keeps_text_as_text() {
        assert_eq!(
            html("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b c");
        assert_eq!(markdown_cell("a\\|b\rc"), "a\\\\\\|b c");
        assert_eq!(markdown_cell("#"), "#");
        assert_eq!(
            markdown_text("*x* _y_ [l](u) `c` <b> ~s~"),
            "\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\<b\\> \\~s\\~"
        );
        assert_eq!(markdown_text("1. C# &amp; Q&A #"), "1. C# \\&amp; Q&A \\#");
        assert_eq!(markdown_line("  2024. - plan  "), "2024\\. - plan");
        assert_eq!(markdown_line("- a"), "\\- a");
        assert_eq!(markdown_line("# a"), "\\# a");
        assert_eq!(markdown_text("- a"), "- a");
        assert_eq!(markdown_code("a`b"), "`` a`b ``");
        assert_eq!(markdown_code("ab"), "`ab`");
        assert_eq!(csv_field("a;b", ';'), "\"a;b\"");
        assert_eq!(csv_field("a;b", ','), "a;b");
        assert_eq!(csv_field("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\";\"Öppna\")", ';'),
            "\"'=HYPERLINK(\"\"http://x\"\";\"\"Öppna\"\")\""
        );
        for formula in ["+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1"] {
            assert!(csv_field(formula, ',').starts_with("\"'"), "{formula:?}");
        }
        for number in ["-2", "-0.5", "-0,5", "+3", "12"] {
            assert_eq!(csv_field(number, ';'), number);
        }
        assert_eq!(
            terminal("a\u{1b}]52;c;eA==\u{7}b\u{202e}c\r\nd\re\u{9b}"),
            "a\\u{1b}]52;c;eA==\\u{7}b\\u{202e}c\nd\\u{d}e\\u{9b}"
        );
        assert!(matches!(terminal("Läslyftet\n\tå"), Cow::Borrowed(_)));
        assert_eq!(ical_text("a,b;c\\d\r\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
    }
}
