//! What the HTML pack's parts share: headed sections, and text from the records marked with
//! the language it is written in. The page is in the language fortb speaks (`--lang`);
//! titles, needs and notes are in the project's language (`lang` in fortb.toml). Where the two
//! differ, the record text is marked with `lang`, so a screen reader reads a Swedish title
//! with a Swedish voice in an English pack. A project without `lang` is taken to write in the
//! language the pack is in.

use crate::escape;
use crate::i18n::Lang;

/// Opens a `<section>` named by its `<h2>` heading, so a screen reader lists it among the
/// page's regions; `id` names the heading.
pub fn section_start(id: &str, heading: &str) -> String {
    format!(
        "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{}</h2>\n",
        escape::html(heading)
    )
}

/// Opens a box that scrolls sideways on a narrow screen, so the page never does: a `<section>`
/// named `label` (a region a screen reader lists) that takes the keyboard's focus to be
/// scrolled. Closed by `</section>`.
pub fn scroll_box_start(class: &str, label: &str) -> String {
    format!(
        "<section class=\"{class}\" aria-label=\"{}\" tabindex=\"0\">",
        escape::html(label)
    )
}

/// The page with every date of its text (`2025-11-17`) kept on one line: a browser may
/// otherwise break a line after a date's hyphens. Tags and the style sheet are left as they
/// are; dates inside text become `<span class="date">…</span>`.
pub fn dates_unbroken(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        wrap_dates(&mut out, &rest[..open]);
        rest = &rest[open..];
        // A tag, or the whole style sheet, goes through untouched.
        let end = if rest.starts_with("<style") {
            rest.find("</style>").map(|e| e + "</style>".len())
        } else {
            rest.find('>').map(|e| e + 1)
        };
        let end = end.unwrap_or(rest.len());
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    wrap_dates(&mut out, rest);
    out
}

/// Adds `text` (no tags) to `out` with each `YYYY-MM-DD` standing alone wrapped to stay on
/// one line.
fn wrap_dates(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let is_date = |at: usize| {
        let Some(candidate) = bytes.get(at..at + 10) else {
            return false;
        };
        let digit_after = bytes.get(at + 10).is_some_and(u8::is_ascii_digit);
        let digit_before = at > 0 && bytes[at - 1].is_ascii_digit();
        candidate.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        }) && !digit_after
            && !digit_before
    };
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_digit() && is_date(at) {
            out.push_str(&text[start..at]);
            out.push_str("<span class=\"date\">");
            out.push_str(&text[at..at + 10]);
            out.push_str("</span>");
            at += 10;
            start = at;
        } else {
            at += 1;
        }
    }
    out.push_str(&text[start..]);
}

/// Stands in a translated line where record text goes, so that [`fill`] can escape the line
/// and mark the record text apart.
pub const HOLE: &str = "\u{1}";

/// Record text, escaped for HTML, marked with `text_lang` when the page is in another
/// language.
pub fn record_text(text_lang: Option<Lang>, text: &str) -> String {
    match text_lang {
        Some(lang) if lang != crate::i18n::current() => format!(
            "<span lang=\"{}\">{}</span>",
            lang.code(),
            escape::html(text)
        ),
        _ => escape::html(text),
    }
}

/// A translated `line` made with [`HOLE`] where `text` from the records goes, as HTML.
pub fn fill(text_lang: Option<Lang>, line: &str, text: &str) -> String {
    escape::html(line).replacen(HOLE, &record_text(text_lang, text), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_text_stay_whole_and_tags_are_left_alone() {
        assert_eq!(
            dates_unbroken(
                "<p class=\"meta\">2024-11-23 – 2026-11-23 · 12025-01-011</p><style>a{x:2025-01-01}</style><td id=\"2025-01-01\">x"
            ),
            "<p class=\"meta\"><span class=\"date\">2024-11-23</span> – <span class=\"date\">2026-11-23</span> · 12025-01-011</p><style>a{x:2025-01-01}</style><td id=\"2025-01-01\">x"
        );
        assert_eq!(dates_unbroken("åäö 2025-1-01 <"), "åäö 2025-1-01 <");
    }

    #[test]
    fn record_text_in_the_other_language_is_marked_and_escaped() {
        let other = match crate::i18n::current() {
            Lang::En => Lang::Sv,
            Lang::Sv => Lang::En,
        };
        assert_eq!(
            record_text(Some(other), "<Läs>"),
            format!("<span lang=\"{}\">&lt;Läs&gt;</span>", other.code())
        );
        assert_eq!(record_text(Some(crate::i18n::current()), "a&b"), "a&amp;b");
        assert_eq!(record_text(None, "a&b"), "a&amp;b");
        assert_eq!(
            fill(None, &format!("“{HOLE}” — <Anna>"), "x"),
            "“x” — &lt;Anna&gt;"
        );
    }
}
