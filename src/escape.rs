//! Text from records is data: the one place that makes it safe for each output format fortb
//! writes (HTML, Markdown, CSV, iCalendar). Every renderer escapes through here, so a fix or
//! a hardening reaches every format's writers at once.

use std::borrow::Cow;
use std::fmt::Write;

/// Text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text for one cell of a Markdown table: a pipe stays in its cell, a line break becomes a
/// space.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
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
    if !text.chars().any(acts_on_terminal) {
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

    #[test]
    fn each_format_keeps_text_as_text() {
        assert_eq!(
            html("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b c");
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
