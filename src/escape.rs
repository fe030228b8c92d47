//! Text from records is data: the one place that makes it safe for each output format fortb
//! writes (HTML, Markdown, CSV, iCalendar). Every renderer escapes through here, so a fix or
//! a hardening reaches every format's writers at once.

/// Text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
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
    let flat = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let chars: Vec<char> = flat.trim().chars().collect();
    let line_start = place == MarkdownPlace::LineStart;
    // A line that opens with digits and `.` or `)` would become an ordered list.
    let list_number_end = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '-' | '+' | '=' => line_start && i == 0,
            '.' | ')' => line_start && i > 0 && i == list_number_end,
            '#' => {
                (line_start && i == 0)
                    || (place == MarkdownPlace::Inline && closes_heading(&chars, i))
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

/// Whether the `#` at `at` starts a run of `#` that ends the text after a space: a heading
/// would drop it as its closing sequence.
fn closes_heading(chars: &[char], at: usize) -> bool {
    let after_space = at == 0 || chars[at - 1].is_whitespace();
    after_space && chars[at..].iter().all(|c| *c == '#')
}

/// Whether the text after an `&` would make it an entity (`&amp;`, `&#60;`): only such an `&`
/// needs a backslash, `Q&A` stays as it is.
fn starts_entity(after: &[char]) -> bool {
    let name = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && after.get(name) == Some(&';')
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

/// One CSV field, quoted when it holds the delimiter, a quote or a line break.
pub fn csv_field(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
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
        assert_eq!(ical_text("a,b;c\\d\r\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
    }
}
