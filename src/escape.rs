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

/// A link in Markdown, `[text](<url>)`: the text escaped as inline text, the address in
/// angle brackets with the few characters that could end it percent-encoded. Only addresses
/// a record accepts (https, http, mailto; no spaces) are given here.
pub fn markdown_link(text: &str, url: &str) -> String {
    let mut address = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' => address.push_str("%3C"),
            '>' => address.push_str("%3E"),
            '\\' => address.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {}
            c => address.push(c),
        }
    }
    format!("[{}](<{address}>)", markdown(text, MarkdownPlace::Inline))
}

/// A link in HTML that opens without giving the page it leads to any hold on this one.
pub fn html_link(text_html: &str, url: &str) -> String {
    format!(
        "<a href=\"{}\" rel=\"noopener noreferrer\">{text_html}</a>",
        html(url)
    )
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
    Cow::Owned(written_out(text, acts_on_terminal, true))
}

/// Text for one row of a terminal, as a prompt's line shows it: as [`terminal`], and line
/// breaks and tabs written out too, so the text stays on its row.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    let leaves_the_row = |c: char| acts_on_terminal(c) || c == '\n' || c == '\t';
    if !text.chars().any(leaves_the_row) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(written_out(text, leaves_the_row, false))
}

/// `text` with each character `write_out` picks written as `\u{1b}`; with `line_ends`, a
/// Windows line end is kept as the line break it ends with.
fn written_out(text: &str, write_out: impl Fn(char) -> bool, line_ends: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_ends && c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if write_out(c) {
            let _ = Notation::Text.write(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether any character of `text` [acts on a terminal](acts_on_terminal), read from its UTF-8
/// bytes: a table of 10,000 rows is a few megabytes, and decoding every character to ask took
/// a tenth of `summary`'s time. A CR before a LF counts here ([`terminal`] drops it).
fn acts_anywhere(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = next_candidate(bytes, from) {
        if bytes[at] == b'\r' || acting_length(bytes, at) > 0 {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Whether `byte` may begin a character that acts on a terminal: a control other than a line
/// break or a tab, DEL, or the first byte of a C1 control (0xc2), the Arabic letter mark (0xd8)
/// or a bidirectional mark (0xe2). Without branches, so that many bytes are tested at once.
fn may_act(byte: u8) -> bool {
    ((byte < 0x20) & (byte != b'\n') & (byte != b'\t'))
        | (byte == 0x7f)
        | (byte == 0xc2)
        | (byte == 0xd8)
        | (byte == 0xe2)
}

/// The first byte at or after `from` that [may act](may_act). Blocks of 32 bytes are passed
/// over with one test each (vector instructions): every output, a JSON document of 13 MB too,
/// goes through [`Harmless`], and a test per byte was most of what `summary --format json`
/// did after reading.
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let (blocks, _) = rest.as_chunks::<32>();
    let clean = blocks
        .iter()
        .take_while(|block| !block.iter().fold(false, |any, &byte| any | may_act(byte)))
        .count();
    let skipped = clean * 32;
    let at = rest[skipped..].iter().position(|&byte| may_act(byte))?;
    Some(from + skipped + at)
}

/// Whether a character does something to a terminal (or to the order it shows text in)
/// instead of showing: a C0 or C1 control other than a line break or a tab, DEL, or a
/// bidirectional override, embedding, isolate or mark.
pub fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// How a character that acts on a terminal is written out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Notation {
    /// `\u{1b}`, as the terminal shows it: for text to read (tables, Markdown, CSV, HTML).
    Text,
    /// `\u001b`, a JSON string's own escape, so the string keeps its value. Only valid where
    /// such a character can only stand inside a string, as in JSON that serde wrote.
    Json,
}

impl Notation {
    fn write(self, out: &mut impl Write, c: char) -> std::fmt::Result {
        match self {
            Notation::Text => write!(out, "\\u{{{:x}}}", u32::from(c)),
            // Every character that acts on a terminal is below U+FFFF: four digits hold it.
            Notation::Json => write!(out, "\\u{:04x}", u32::from(c)),
        }
    }
}

/// A writer that writes out, on its way to `inner`, every character that acts on a terminal
/// ([`acts_on_terminal`]), so that whatever a command writes — to a terminal, a pipe or a
/// file — carries no raw control or bidirectional override, whichever format it is and
/// whatever the renderer forgot. Line breaks (also CRLF) and tabs pass; bytes that are not
/// UTF-8 become U+FFFD. Call [`Harmless::finish`] after the last write.
pub struct Harmless<'a> {
    inner: &'a mut dyn std::io::Write,
    notation: Notation,
    /// The start of a character cut between two writes, or a CR waiting to see whether a LF
    /// follows.
    held: Vec<u8>,
}

impl<'a> Harmless<'a> {
    pub fn new(inner: &'a mut dyn std::io::Write, notation: Notation) -> Harmless<'a> {
        Harmless {
            inner,
            notation,
            held: Vec::new(),
        }
    }

    /// Writes `text`, whole, into `out` with what acts on a terminal written out: for a part
    /// of an output made on a worker thread, written as it is on the main one.
    pub fn whole(
        out: &mut dyn std::io::Write,
        notation: Notation,
        text: &[u8],
    ) -> std::io::Result<()> {
        let mut harmless = Harmless::new(out, notation);
        std::io::Write::write_all(&mut harmless, text)?;
        harmless.finish()
    }

    /// Writes what is still held: a lone CR written out, a cut character as U+FFFD.
    pub fn finish(mut self) -> std::io::Result<()> {
        match std::mem::take(&mut self.held).as_slice() {
            [] => Ok(()),
            b"\r" => self.write_out('\r'),
            _ => self.inner.write_all("\u{fffd}".as_bytes()),
        }
    }

    fn pass(&mut self, mut bytes: &[u8]) -> std::io::Result<()> {
        loop {
            let error = match std::str::from_utf8(bytes) {
                Ok(text) => return self.text(text),
                Err(error) => error,
            };
            let (valid, rest) = bytes.split_at(error.valid_up_to());
            self.text(std::str::from_utf8(valid).unwrap_or_default())?;
            match error.error_len() {
                None => {
                    self.held.extend_from_slice(rest);
                    return Ok(());
                }
                Some(bad) => {
                    self.inner.write_all("\u{fffd}".as_bytes())?;
                    bytes = &rest[bad..];
                }
            }
        }
    }

    fn text(&mut self, text: &str) -> std::io::Result<()> {
        let (text, cr_at_end) = match text.strip_suffix('\r') {
            Some(text) => (text, true),
            None => (text, false),
        };
        let mut rest = text;
        while let Some((at, length)) = next_acting(rest.as_bytes()) {
            self.inner.write_all(&rest.as_bytes()[..at])?;
            for c in rest[at..at + length].chars() {
                self.write_out(c)?;
            }
            rest = &rest[at + length..];
        }
        self.inner.write_all(rest.as_bytes())?;
        if cr_at_end {
            self.held.push(b'\r');
        }
        Ok(())
    }

    fn write_out(&mut self, c: char) -> std::io::Result<()> {
        let mut shown = String::new();
        let _ = self.notation.write(&mut shown, c);
        self.inner.write_all(shown.as_bytes())
    }
}

/// Where the first character that acts on a terminal ([`acts_on_terminal`]) starts in the
/// UTF-8 `bytes`, and its length; a CR before a LF is a line end. Found by the bytes alone,
/// which keeps writing out a large export cheap: no byte of a character's tail can look like
/// the start of one of these.
fn next_acting(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = next_candidate(bytes, from) {
        match acting_length(bytes, at) {
            0 => from = at + 1,
            length => return Some((at, length)),
        }
    }
    None
}

/// The length in bytes of the character at `at` if it acts on a terminal, else 0; a CR
/// before a LF is a line end, not a control.
fn acting_length(bytes: &[u8], at: usize) -> usize {
    let next = |n: usize| bytes.get(at + n).copied();
    match bytes[at] {
        b'\t' | b'\n' => 0,
        b'\r' if next(1) == Some(b'\n') => 0,
        0x00..=0x1f | 0x7f => 1,
        0xc2 if matches!(next(1), Some(0x80..=0x9f)) => 2,
        0xd8 if next(1) == Some(0x9c) => 2,
        0xe2 => match (next(1), next(2)) {
            (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) => 3,
            (Some(0x81), Some(0xa6..=0xa9)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

impl std::io::Write for Harmless<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.held.is_empty() {
            self.pass(buf)?;
        } else {
            let mut bytes = std::mem::take(&mut self.held);
            bytes.extend_from_slice(buf);
            self.pass(&bytes)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// An iCalendar TEXT value: backslash, semicolon and comma get a backslash, line breaks become
/// `\n`; other control characters (not allowed in TEXT) and bidirectional overrides are
/// dropped, tabs kept.
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
            c if acts_on_terminal(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as [`Harmless`] writes it.
    fn harmless(text: &str, notation: Notation) -> String {
        let mut out = Vec::with_capacity(text.len());
        let mut writer = Harmless::new(&mut out, notation);
        let written =
            std::io::Write::write_all(&mut writer, text.as_bytes()).and_then(|()| writer.finish());
        debug_assert!(written.is_ok(), "writing into memory does not fail");
        String::from_utf8(out).unwrap_or_default()
    }

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

    proptest::proptest! {
        #[test]
        fn the_block_scan_finds_the_first_character_that_acts(text in "([a-zåö\"{} ,:\n]{0,40}(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}\\u{61b}-\\u{61d}\\u{200d}-\\u{2010}\\u{2029}-\\u{202f}\\u{2065}-\\u{206a}\u{2588}\u{2192}])){0,12}") {
            let expected = text.char_indices().find(|&(at, c)| {
                acts_on_terminal(c) && !(c == '\r' && text[at + 1..].starts_with('\n'))
            });
            let expected = expected.map(|(at, c)| (at, c.len_utf8()));
            proptest::prop_assert_eq!(next_acting(text.as_bytes()), expected);
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
        assert_eq!(
            ical_text("a,b;c\\d\r\ne\u{7}\u{202e}"),
            "a\\,b\\;c\\\\d\\ne"
        );
        assert_eq!(terminal_line("a\nb\tc\u{1b}"), "a\\u{a}b\\u{9}c\\u{1b}");
    }

    #[test]
    fn the_bytes_tell_what_acts_on_a_terminal_as_the_characters_do() {
        for c in (0..=0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let found = next_acting(text.as_bytes());
            let expected = acts_on_terminal(c).then_some((1, c.len_utf8()));
            assert_eq!(found, expected, "U+{:04X}", u32::from(c));
        }
        assert_eq!(next_acting(b"a\r\nb"), None);
    }

    #[test]
    fn harmless_writes_out_what_acts_on_a_terminal_in_any_pieces() {
        let text = "a\u{1b}]8;;x\u{7}ö\u{9b}2J\r\nb\rc\u{202e}d\u{2066}\té\r";
        let expected = "a\\u{1b}]8;;x\\u{7}ö\\u{9b}2J\r\nb\\u{d}c\\u{202e}d\\u{2066}\té\\u{d}";
        assert_eq!(harmless(text, Notation::Text), expected);
        // cut at every byte: a character or a CRLF split between two writes stays whole
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut out = Vec::new();
            let mut writer = Harmless::new(&mut out, Notation::Text);
            std::io::Write::write_all(&mut writer, &bytes[..cut]).unwrap();
            std::io::Write::write_all(&mut writer, &bytes[cut..]).unwrap();
            writer.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "cut at {cut}");
        }
        assert_eq!(harmless("\u{85}x", Notation::Json), "\\u0085x");
        let mut out = Vec::new();
        let mut writer = Harmless::new(&mut out, Notation::Text);
        std::io::Write::write_all(&mut writer, b"a\x9bb\xc3").unwrap();
        writer.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a\u{fffd}b\u{fffd}");
    }
}
