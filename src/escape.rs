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

/// Text for one cell of a Markdown table: a pipe stays in its cell, a line break becomes a
/// space.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
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
        assert_eq!(csv_field("a;b", ';'), "\"a;b\"");
        assert_eq!(csv_field("a;b", ','), "a;b");
        assert_eq!(csv_field("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(ical_text("a,b;c\\d\r\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
    }
}
