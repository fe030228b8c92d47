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
