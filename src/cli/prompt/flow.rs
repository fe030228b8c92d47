//! A line laid out in the rows of a terminal as it is typed: broken at spaces, so that no word
//! is cut at the terminal's edge, and a word that fills a whole row split. The whole line is
//! laid out when it is drawn; a character typed at the end is added to its last row the same
//! way, so that only that row's last word moves when it no longer fits.

use console::measure_text_width;

/// The row being filled: its text, the columns it takes, and where its last word starts
/// (a byte index of `text`) when a space before it allows a break there.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Row {
    pub(crate) text: String,
    pub(crate) width: usize,
    break_at: Option<usize>,
}

/// A full row handed on by [`Row::push`]: its text, and the columns of the word that moved
/// from it to the next row (to be taken off the screen there).
#[derive(Debug, PartialEq)]
pub(crate) struct Ended {
    pub(crate) text: String,
    pub(crate) moved_width: usize,
}

impl Row {
    /// Adds `c` to the row, no wider than `limit` columns: a space may take the one column
    /// past it (the terminal's last, kept free otherwise) and ends the row; a character that
    /// does not fit takes its word to the next row, or, when the word has the row to itself,
    /// starts the next row alone. The row ended is returned; `self` is then the next one.
    pub(crate) fn push(&mut self, c: char, limit: usize) -> Option<Ended> {
        let limit = limit.max(1);
        let width = char_width(c).min(limit);
        if c == ' ' {
            self.text.push(c);
            self.width += 1;
            self.break_at = Some(self.text.len());
            return (self.width > limit).then(|| self.end(String::new()));
        }
        if self.width + width <= limit {
            self.text.push(c);
            self.width += width;
            return None;
        }
        let word = match self.break_at {
            Some(at) if at < self.text.len() => self.text[at..].to_string(),
            _ => String::new(),
        };
        let word_width = measure_text_width(&word);
        let ended = match word_width + width <= limit {
            true => {
                self.text.truncate(self.text.len() - word.len());
                self.end(word)
            }
            false => self.end(String::new()),
        };
        self.text.push(c);
        self.width += width;
        Some(ended)
    }

    /// Ends the row; the next starts with `word`.
    fn end(&mut self, word: String) -> Ended {
        let moved_width = measure_text_width(&word);
        let next = Row {
            width: moved_width,
            text: word,
            break_at: None,
        };
        let ended = std::mem::replace(self, next);
        Ended {
            text: ended.text,
            moved_width,
        }
    }

    /// Adds a terminal escape sequence (a colour): it takes no column and is never broken at.
    fn push_escape(&mut self, sequence: &str) {
        self.text.push_str(sequence);
    }
}

fn char_width(c: char) -> usize {
    measure_text_width(c.encode_utf8(&mut [0; 4]))
}

/// `text` laid out in rows of at most `limit` columns, as [`Row::push`] fills them: the full
/// rows, then the last one, still open. The rows together are `text`, nothing left out, so a
/// place in `text` is a place in them ([`place`]). Colour sequences are kept whole.
pub(crate) fn layout(text: &str, limit: usize) -> (Vec<String>, Row) {
    let mut rows = Vec::new();
    let mut row = Row::default();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            let length = escape_length(rest);
            row.push_escape(&rest[..length]);
            rest = &rest[length..];
            continue;
        }
        if let Some(ended) = row.push(c, limit) {
            rows.push(ended.text);
        }
        rest = &rest[c.len_utf8()..];
    }
    (rows, row)
}

/// The bytes of the escape sequence `text` starts with: `ESC [ … final` or ESC and one more.
fn escape_length(text: &str) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(1) == Some(&b'[') {
        let end = bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b));
        return end.map_or(bytes.len(), |at| at + 3);
    }
    text.char_indices().nth(2).map_or(text.len(), |(at, _)| at)
}

/// The row and the byte in it of byte `at` of the text laid out in `rows`: where a row ends
/// and the next begins, the next row's start.
pub(crate) fn place(rows: &[String], at: usize) -> (usize, usize) {
    let mut start = 0;
    for (index, row) in rows.iter().enumerate() {
        if at < start + row.len() || index + 1 == rows.len() {
            return (index, at - start);
        }
        start += row.len();
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(text: &str, limit: usize) -> Vec<String> {
        let (mut rows, last) = layout(text, limit);
        rows.push(last.text);
        rows
    }

    #[test]
    fn rows_break_at_spaces_and_split_a_word_that_fills_one() {
        assert_eq!(rows("två år i rad", 10), ["två år i ", "rad"]);
        assert_eq!(rows("ab cd", 5), ["ab cd"]);
        assert_eq!(rows("ab cde", 5), ["ab ", "cde"]);
        assert_eq!(rows("ab cd ", 5), ["ab cd ", ""]);
        assert_eq!(rows("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(rows("a läroböckerna", 8), ["a ", "läroböck", "erna"]);
        assert_eq!(
            rows("\u{1b}[1m? Fråga \u{1b}[0m› svar", 8),
            ["\u{1b}[1m? Fråga ", "\u{1b}[0m› svar"]
        );
    }

    #[test]
    fn a_place_at_the_end_of_a_row_is_the_start_of_the_next() {
        let laid = rows("två år i rad", 10);
        assert_eq!(place(&laid, 0), (0, 0));
        assert_eq!(place(&laid, "två år i ".len()), (1, 0));
        assert_eq!(place(&laid, "två år i rad".len()), (1, 3));
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just(" "),
                Just("å"),
                Just("ö"),
                Just("x"),
                Just("界"),
                Just("ab")
            ],
            0..80,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Issue 28: no row is wider than the limit (a row-ending space aside), none breaks
        /// inside a word that would have fitted on the next row, and nothing is lost.
        #[test]
        fn rows_fit_keep_the_text_and_break_words_only_when_they_must(
            text in text(),
            limit in 2usize..30,
        ) {
            let laid = rows(&text, limit);
            prop_assert_eq!(laid.concat(), text.clone());
            for pair in laid.windows(2) {
                let row = pair[0].strip_suffix(' ').unwrap_or(&pair[0]);
                prop_assert!(measure_text_width(row) <= limit, "{:?}", laid);
                let ends_in_word = !pair[0].ends_with(' ');
                let next_word: String = pair[1].chars().take_while(|c| *c != ' ').collect();
                if ends_in_word && pair[0].contains(' ') {
                    // Split inside a word only when the word and its start together are
                    // wider than a row.
                    let start = &pair[0][pair[0].rfind(' ').unwrap() + 1..];
                    prop_assert!(
                        measure_text_width(start) + measure_text_width(&next_word) > limit,
                        "{:?}",
                        laid
                    );
                }
            }
        }

        /// Typing a line character by character fills the rows as laying it out whole does.
        #[test]
        fn typing_at_the_end_lays_out_as_the_whole_line(text in text(), limit in 2usize..30) {
            let (_, whole) = layout(&text, limit);
            let mut row = Row::default();
            for c in text.chars() {
                row.push(c, limit);
            }
            prop_assert_eq!(row, whole);
        }
    }
}
