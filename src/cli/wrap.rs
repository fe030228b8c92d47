//! Text wrapped at spaces to a width: table cells, free text, and messages shown in a
//! terminal, so that the terminal never cuts a word in the middle.

use std::borrow::Cow;

use console::measure_text_width;

/// The words of a line: split at spaces and tabs only, so a no-break space (`56\u{a0}%`)
/// holds its neighbours together.
pub fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split([' ', '\t']).filter(|word| !word.is_empty())
}

/// The columns `text` takes in a terminal. Nearly every text is plain ASCII or Latin letters
/// and everyday punctuation (å, é, –, …), one column a character, which is far cheaper to
/// count than to measure; anything else (wide characters, a message's colour codes) is
/// measured.
pub fn width(text: &str) -> usize {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    // Counted as it is checked, in one pass: Swedish text is seldom plain ASCII.
    let mut columns = 0;
    for c in text.chars() {
        if !one_column(c) {
            return measure_text_width(text);
        }
        columns += 1;
    }
    columns
}

/// Characters one column wide that need no measuring: printable ASCII, Latin-1 and Latin
/// Extended letters and signs (not the soft hyphen), and dashes, quotes, bullets and the
/// ellipsis (U+2010–U+2027).
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' | '\u{2010}'..='\u{2027}')
}

/// Wraps text at spaces to `width`, each line of the text on its own; a word longer than the
/// width is split (in a table only one longer than its longest-word limit can be). Text that
/// wrapping would leave as it is (one line that fits, its words one space apart) is borrowed,
/// not copied: a table of 10,000 rows wraps every cell.
pub fn wrap(text: &str, width: usize) -> Cow<'_, str> {
    if fits_as_is(text, width) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(wrap_words(text, width))
    }
}

/// Whether wrapping would leave `text` as it is: one line that fits, its words one space
/// apart. Printable ASCII, most of a table's cells, is checked in one pass over its bytes.
fn fits_as_is(text: &str, width: usize) -> bool {
    let bytes = text.as_bytes();
    if bytes.iter().all(|b| (b' '..=b'~').contains(b)) {
        return bytes.len() <= width.max(1)
            && bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && !bytes.windows(2).any(|pair| pair == b"  ");
    }
    !text.contains(['\n', '\t'])
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && self::width(text) <= width.max(1)
}

/// The width of the widest line of `text`.
pub fn widest_line(text: &str) -> usize {
    match text.contains('\n') {
        false => width(text),
        true => text.lines().map(width).max().unwrap_or(0),
    }
}

/// The columns the widest line of `text` takes, and whether the text is shown as it is in
/// any column that wide or wider: [`wrap`] leaves it whole, and it is no more characters
/// than columns, so an id is not cut either. Measured in one pass over plain ASCII, while the
/// text is still in the processor's caches: a table measures every cell once.
pub fn measured(text: &str) -> (usize, bool) {
    let bytes = text.as_bytes();
    if bytes.iter().all(|b| (b' '..=b'~').contains(b)) {
        let as_is = bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && !bytes.windows(2).any(|pair| pair == b"  ");
        return (bytes.len(), as_is);
    }
    let widest = widest_line(text);
    let as_is = fits_as_is(text, widest) && text.chars().count() <= widest;
    (widest, as_is)
}

fn wrap_words(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in words(line) {
            let mut word = word.to_string();
            while self::width(&word) > width {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                let split = split_at_width(&word, width);
                out.push(word[..split].to_string());
                word = word[split..].to_string();
            }
            let joined = self::width(&current) + 1 + self::width(&word);
            if current.is_empty() {
                current = word;
            } else if joined <= width {
                current.push(' ');
                current.push_str(&word);
            } else {
                out.push(std::mem::replace(&mut current, word));
            }
        }
        out.push(current);
    }
    out.join("\n")
}

/// The byte index where `word`'s first `width` columns end.
fn split_at_width(word: &str, width: usize) -> usize {
    let mut used = 0;
    for (index, ch) in word.char_indices() {
        let w = measure_text_width(ch.encode_utf8(&mut [0; 4]));
        if used + w > width && index > 0 {
            return index;
        }
        used += w;
    }
    word.len()
}

/// A message fitted to a terminal `width` columns wide: each line longer than that wraps at
/// spaces, its continuation indented as the line itself is (so an indented hint stays one
/// block); blank lines and the final newline are kept.
pub fn message(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| {
            if self::width(line) <= width {
                return line.to_string();
            }
            let body = line.trim_start_matches(' ');
            let indent = &line[..line.len() - body.len()];
            let room = width.saturating_sub(indent.len()).max(20);
            wrap(body, room)
                .lines()
                .map(|part| format!("{indent}{part}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The beginning of a text on one line, about `most` characters long, ended with an ellipsis
/// when there is more: cut at a space, never inside a word, and not at all when what is left
/// out would be no longer than a short word (the ellipsis would save nothing worth it).
pub fn beginning(text: &str, most: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = flat.chars().count();
    if count <= most + LEFT_OUT_AT_LEAST {
        return flat;
    }
    let limit = flat
        .char_indices()
        .nth(most)
        .map_or(flat.len(), |(index, _)| index);
    // The last space that keeps more than half of what fits; else the word is cut.
    let end = match flat[..limit].rfind(' ') {
        Some(space) if flat[..space].chars().count() > most / 2 => space,
        _ => limit,
    };
    format!("{}…", flat[..end].trim_end())
}

/// An ellipsis stands for at least this many characters more.
const LEFT_OUT_AT_LEAST: usize = 4;

/// `text` on one row of `columns` columns: as it is when it fits, else cut and ended with an
/// ellipsis, using every column the row has: after the last whole word that fits with the
/// ellipsis, or inside a word when that would leave more than half the row empty.
pub fn cut(text: &str, columns: usize) -> Cow<'_, str> {
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    let room = columns.saturating_sub(1);
    // The longest beginning that fits, in bytes, and the last space within it.
    let mut used = 0;
    let mut end = 0;
    let mut space = None;
    for (index, c) in text.char_indices() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        if c == ' ' {
            space = Some((index, used));
        }
        used += w;
        end = index + c.len_utf8();
    }
    let at_word = match space {
        // The text up to the space, when the next character starts no word cut in two.
        _ if text[end..].starts_with(' ') => Some(end),
        Some((index, before)) if before > room / 2 => Some(index),
        _ => None,
    };
    let kept = text[..at_word.unwrap_or(end)].trim_end();
    Cow::Owned(format!("{kept}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28, point 5: a text is cut at a space, and not to save a few characters.
    #[test]
    fn a_beginning_ends_at_a_word_and_only_when_much_is_left_out() {
        let need = "Eleverna förstår inte de nya läroböckerna";
        assert_eq!(beginning(need, 40), need);
        assert_eq!(beginning(need, 30), "Eleverna förstår inte de nya…");
        let english = "Pupils do not understand the new textbooks at all, not even the pictures";
        assert_eq!(
            beginning(english, 45),
            "Pupils do not understand the new textbooks…"
        );
        assert_eq!(
            beginning("Läroböckerna\när  svåra", 60),
            "Läroböckerna är svåra"
        );
        assert_eq!(
            beginning(&"x".repeat(70), 60),
            format!("{}…", "x".repeat(60))
        );
    }

    /// Issue 28, point 5: cut to a row, a text keeps every word that fits with the ellipsis.
    #[test]
    fn a_cut_uses_the_whole_row() {
        let need = "Eleverna förstår inte de nya läroböckerna i matematik";
        assert_eq!(cut(need, 60), need);
        assert_eq!(cut(need, 42), "Eleverna förstår inte de nya läroböckerna…");
        assert_eq!(cut(need, 41), "Eleverna förstår inte de nya…");
        assert_eq!(cut("läroböckerna", 8), "läroböc…");
        assert_eq!(cut("日本語の研修です", 7), "日本語…");
    }

    proptest::proptest! {
        /// A cut text fits its row and ends no earlier than the row allows: one more word
        /// (or, inside a word, one more character) and the ellipsis would not fit.
        #[test]
        fn a_cut_text_fits_and_ends_no_earlier_than_it_must(
            words in proptest::collection::vec("[a-zåäöÅÄÖé界]{1,12}", 1..12),
            columns in 1usize..70,
        ) {
            let text = words.join(" ");
            let shown = cut(&text, columns);
            proptest::prop_assert!(self::width(&shown) <= columns.max(1), "{shown:?}");
            if shown == text {
                return Ok(());
            }
            let kept = shown.strip_suffix('…').unwrap();
            proptest::prop_assert!(text.starts_with(kept));
            let rest = &text[kept.len()..];
            let next: String = if rest.starts_with(' ') {
                // Cut at a word: the next word would not have fitted.
                rest.split(' ').take(2).collect::<Vec<_>>().join(" ")
            } else {
                // Cut inside a word: only where more than half the row stays used, or the
                // word alone is wider than the row.
                rest.chars().take(1).collect()
            };
            proptest::prop_assert!(
                self::width(kept) + self::width(&next) + 1 > columns,
                "{text:?} at {columns}: {shown:?}"
            );
        }
    }

    #[test]
    fn text_is_kept_as_it_is_only_where_wrapping_would_not_change_it() {
        let texts = [
            "",
            "Bokcirkel",
            "Bokcirkel: Formativ bedömning",
            "två  mellanslag",
            " inledande",
            "avslutande ",
            "med\ttabb",
            "två\nrader",
            "56\u{a0}%",
            "日本語の研修",
            "\u{1b}[1mfet\u{1b}[0m text",
        ];
        for text in texts {
            for width in [0, 1, 5, 9, 10, 12, 29, 30, 80] {
                assert_eq!(
                    wrap(text, width),
                    wrap_words(text, width),
                    "{text:?} at {width}"
                );
            }
            assert_eq!(self::width(text), measure_text_width(text), "{text:?}");
        }
    }

    #[test]
    fn characters_counted_as_one_column_are_one_column_wide() {
        for c in (' '..='\u{2100}').filter(|&c| one_column(c)) {
            let text = c.to_string();
            assert_eq!(measure_text_width(&text), 1, "{c:?} U+{:04X}", u32::from(c));
        }
        assert!(!one_column('\u{ad}') && !one_column('\u{300}') && !one_column('\u{200b}'));
    }

    #[test]
    fn words_wrap_at_spaces_and_only_overlong_words_are_split() {
        assert_eq!(
            wrap("Bokcirkel: Formativ bedömning", 12),
            "Bokcirkel:\nFormativ\nbedömning"
        );
        assert_eq!(wrap("a\nb c", 10), "a\nb c");
        assert_eq!(wrap("Obesvarade", 4), "Obes\nvara\nde");
    }

    #[test]
    fn a_message_wraps_at_spaces_keeping_its_indent_and_blank_lines() {
        let hint =
            "  En person, ett arbetslag, ledningsgruppen, huvudmannen – den som driver frågan.";
        assert_eq!(
            message(hint, 40),
            "  En person, ett arbetslag,\n  ledningsgruppen, huvudmannen – den som\n  driver frågan."
        );
        assert_eq!(message("kort\n\nrad\n", 40), "kort\n\nrad\n");
        for line in message(hint, 40).lines() {
            assert!(measure_text_width(line) <= 40, "{line:?}");
        }
    }
}
