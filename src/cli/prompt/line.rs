//! A one-line text answer with the editing keys of a shell: ←/→, Home/End (also Ctrl-A/E),
//! Alt-B/Alt-F by word, Backspace/Delete, Ctrl-W (the word before the cursor), Ctrl-U (all
//! before it) and Ctrl-K (all after it). A refused answer stays to be corrected, with why
//! under it.

use std::cmp::Ordering;

use console::Key;
use dialoguer::theme::Theme;

use super::flow::{self, Row};
use super::frame::{self, Frame};
use crate::cli::wrap;
use crate::escape;

/// Checks an answer when Enter is pressed; the message says what is wrong.
type Validator<'a> = Box<dyn Fn(&str) -> Result<(), String> + 'a>;

/// A prompt for one line of text.
pub(crate) struct LineEditor<'a> {
    theme: &'a dyn Theme,
    prompt: String,
    initial: String,
    validator: Option<Validator<'a>>,
}

impl<'a> LineEditor<'a> {
    pub(crate) fn new(theme: &'a dyn Theme, prompt: &str) -> LineEditor<'a> {
        LineEditor {
            theme,
            prompt: prompt.to_string(),
            initial: String::new(),
            validator: None,
        }
    }

    /// The text the line starts with, ready to edit (the current answer).
    pub(crate) fn initial_text(mut self, text: &str) -> LineEditor<'a> {
        self.initial = text.to_string();
        self
    }

    /// A check that must pass before Enter gives the answer.
    pub(crate) fn validate_with(
        mut self,
        check: impl Fn(&str) -> Result<(), String> + 'a,
    ) -> LineEditor<'a> {
        self.validator = Some(Box::new(check));
        self
    }

    /// Asks, then shows the answer after the prompt as the line that stays on screen.
    pub(crate) fn ask(self) -> dialoguer::Result<String> {
        let (theme, prompt) = (self.theme, self.prompt.clone());
        let typed = self.ask_quietly()?;
        show_answer(theme, &prompt, &typed)?;
        Ok(typed)
    }

    /// Asks, and clears the prompt once answered: the caller shows what stands for the answer
    /// with [`show_answer`]. Ctrl-C leaves the line on screen and fails with
    /// [`std::io::ErrorKind::Interrupted`].
    pub(crate) fn ask_quietly(self) -> dialoguer::Result<String> {
        let mut frame = Frame::line()?;
        let mut line = Line::new(&self.initial);
        let mut refused: Option<String> = None;
        let mut last_row = self.draw(&mut frame, &line, None)?;
        loop {
            let before = (line.chars.len(), line.cursor);
            match line.press(&frame.term().read_key_raw()?) {
                Typed::Editing => {
                    // Typed at the end (a paste is a key a character): only what was added is
                    // written, else a long paste would redraw the whole answer at each key.
                    let appended = match (line.added_at_end(before), last_row.as_mut()) {
                        (Some(added), Some(row)) if refused.is_none() => {
                            frame.append(row, &escape::terminal_line(&added))?
                        }
                        _ => false,
                    };
                    if !appended {
                        refused = None;
                        last_row = self.draw(&mut frame, &line, None)?;
                    }
                }
                Typed::Unchanged if line.cursor != before.1 => {
                    last_row = self.draw(&mut frame, &line, refused.as_deref())?
                }
                Typed::Unchanged => {}
                Typed::Enter => match self.validator.as_ref().map(|check| check(&line.text())) {
                    Some(Err(why)) => {
                        last_row = self.draw(&mut frame, &line, Some(&why))?;
                        refused = Some(why);
                    }
                    _ => break,
                },
                Typed::Interrupt => {
                    frame.leave()?;
                    return Err(frame::interrupted().into());
                }
            }
        }
        frame.clear()?;
        Ok(line.text())
    }

    /// The prompt and the text, broken at spaces into the terminal's rows ([`flow`]), with a
    /// free cell at the end for the cursor, and why the answer was refused under them. An
    /// answer too long for the screen shows only the part around the cursor, between "…".
    /// Returns the last row when the cursor is at its end, for what is typed next to be added
    /// to it ([`Frame::append`]).
    fn draw(
        &self,
        frame: &mut Frame,
        line: &Line,
        refused: Option<&str>,
    ) -> std::io::Result<Option<Row>> {
        let asked = frame::themed(|f| self.theme.format_input_prompt(f, &self.prompt, None));
        // Two cells a character at most, and a row kept for why the answer was refused.
        let room = frame.rows().saturating_sub(2).max(1) * frame.columns() / 2;
        let (start, end) = line.window(room.saturating_sub(asked.chars().count() + 2));
        // A kept answer from a record may hold what acts on a terminal: it is shown written out.
        let shown = |from: usize, to: usize| {
            let text: String = line.chars[from..to].iter().collect();
            escape::terminal_line(&text).into_owned()
        };
        let cut_before = if start > 0 { "…" } else { "" };
        let cut_after = if end < line.chars.len() { "…" } else { "" };
        let before = format!("{asked}{cut_before}{}", shown(start, line.cursor));
        let text = format!("{before}{}{cut_after}", shown(line.cursor, end));
        let (mut rows, last) = flow::layout(&text, frame.columns().saturating_sub(1));
        rows.push(format!("{} ", last.text));
        let (row, byte) = flow::place(&rows, before.len());
        let cursor_before = rows[row][..byte].to_string();
        if let Some(why) = refused {
            let error = frame::themed(|f| self.theme.format_error(f, why));
            rows.extend(frame::fitted(&error, 0).split('\n').map(str::to_string));
        }
        frame.draw(&rows, Some((row, &cursor_before)))?;
        let at_end = refused.is_none() && end == line.chars.len() && line.cursor == end;
        Ok(at_end.then_some(last))
    }
}

/// Writes the answered prompt, `shown` after it, as the line that stays on screen.
pub(crate) fn show_answer(theme: &dyn Theme, prompt: &str, shown: &str) -> std::io::Result<()> {
    let shown = escape::terminal_line(shown);
    let line = frame::themed(|f| theme.format_input_prompt_selection(f, prompt, &shown));
    console::Term::stderr().write_line(&frame::fitted(&line, 0))
}

/// A kept answer as shown after its answered prompt: its first line, cut at a word to the
/// columns left on the prompt's last row, or to a row of its own when only a few are left
/// there; ended with an ellipsis when there is more.
pub(crate) fn kept_answer(theme: &dyn Theme, prompt: &str, text: &str) -> String {
    let columns = frame::columns();
    // The prompt's last row with one character of answer on it: what the answer follows.
    let marked = frame::themed(|f| theme.format_input_prompt_selection(f, prompt, "x"));
    let taken = frame::fit(&marked, columns)
        .last()
        .map_or(0, |row| wrap::width(row).saturating_sub(1));
    beginning(text, room_after(taken, columns))
}

/// Fewer columns than this left on a prompt's row, and a kept answer takes a row of its own.
const ROW_LEFT_AT_LEAST: usize = 20;

/// The columns an answer has after a prompt's last row `taken` columns wide, the terminal's
/// last column left free as [`frame::fit`] leaves it.
fn room_after(taken: usize, columns: usize) -> usize {
    let row = columns.saturating_sub(1).max(1);
    match row.saturating_sub(taken) {
        left if left >= ROW_LEFT_AT_LEAST.min(row) => left,
        _ => row,
    }
}

/// The first line of `text` in `room` columns, cut at a word, with an ellipsis when there
/// is more than is shown.
fn beginning(text: &str, room: usize) -> String {
    let text = text.trim();
    let first = text.lines().next().unwrap_or_default().trim_end();
    let more = first.len() < text.len();
    // When lines follow a first line that fits, the ellipsis needs a column of its own.
    match (more, wrap::width(first).cmp(&room)) {
        (true, Ordering::Less) => format!("{first}…"),
        (true, Ordering::Equal) => wrap::cut(first, room.saturating_sub(1)).into_owned(),
        _ => wrap::cut(first, room).into_owned(),
    }
}

/// What a key did to the line.
#[derive(Debug, PartialEq)]
enum Typed {
    Editing,
    Unchanged,
    Enter,
    Interrupt,
}

/// The text being typed and where the cursor is in it (a character index).
#[derive(Debug, PartialEq)]
struct Line {
    chars: Vec<char>,
    cursor: usize,
}

impl Line {
    /// The line with `text`, the cursor at its end.
    fn new(text: &str) -> Line {
        let chars: Vec<char> = text.chars().collect();
        Line {
            cursor: chars.len(),
            chars,
        }
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The characters to show of a line that may be too long for the screen: at most `room`,
    /// the cursor among them, the end of the line when the cursor is near it.
    fn window(&self, room: usize) -> (usize, usize) {
        let length = self.chars.len();
        if length <= room {
            return (0, length);
        }
        let end = (self.cursor + room / 2).max(room).min(length);
        (end - room, end)
    }

    /// What a key added at the end of the line, when the line was `(length, cursor)` before
    /// it with the cursor at the end, and the cursor is at the end still.
    fn added_at_end(&self, (length, cursor): (usize, usize)) -> Option<String> {
        let at_end = cursor == length && self.cursor == self.chars.len();
        (at_end && self.chars.len() > length).then(|| self.chars[length..].iter().collect())
    }

    /// Acts on one key.
    fn press(&mut self, key: &Key) -> Typed {
        let before = self.chars.len();
        match key {
            Key::Enter => return Typed::Enter,
            Key::CtrlC | Key::Char('\x03') => return Typed::Interrupt,
            Key::Home | Key::Char('\x01') => self.cursor = 0,
            Key::End | Key::Char('\x05') => self.cursor = self.chars.len(),
            Key::ArrowLeft => self.cursor = self.cursor.saturating_sub(1),
            Key::ArrowRight => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::UnknownEscSeq(seq) if seq == &['b'] => self.cursor = self.word_start(),
            Key::UnknownEscSeq(seq) if seq == &['f'] => self.cursor = self.word_end(),
            Key::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Key::Del if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::Char('\x17') => self.delete_back_to(self.word_start()),
            Key::Char('\x15') => self.delete_back_to(0),
            Key::Char('\x0b') => self.chars.truncate(self.cursor),
            Key::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, *c);
                self.cursor += 1;
            }
            _ => {}
        }
        if self.chars.len() == before {
            Typed::Unchanged
        } else {
            Typed::Editing
        }
    }

    /// Deletes from `start` up to the cursor.
    fn delete_back_to(&mut self, start: usize) {
        self.chars.drain(start..self.cursor);
        self.cursor = start;
    }

    /// The start of the word before the cursor, past the spaces right before it.
    fn word_start(&self) -> usize {
        let spaces = self.chars[..self.cursor]
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        self.chars[..self.cursor - spaces]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map_or(0, |space| space + 1)
    }

    /// The end of the word at or after the cursor.
    fn word_end(&self) -> usize {
        let rest = &self.chars[self.cursor..];
        let spaces = rest.iter().take_while(|c| c.is_whitespace()).count();
        let word = rest[spaces..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .count();
        self.cursor + spaces + word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28, point 5: a kept answer uses the room its row has, cut at a word.
    #[test]
    fn a_kept_answer_uses_the_rest_of_the_row_or_a_row_of_its_own() {
        let need =
            "Eleverna förstår inte de nya läroböckerna i matematik och lärarna vet inte hur de ska";
        // 80 columns, the last one free: 79 after a prompt that filled its row.
        assert_eq!(room_after(79, 80), 79);
        assert_eq!(room_after(70, 80), 79);
        assert_eq!(room_after(40, 80), 39);
        assert_eq!(
            beginning(need, 79),
            "Eleverna förstår inte de nya läroböckerna i matematik och lärarna vet inte hur…"
        );
        assert_eq!(
            beginning(need, 42),
            "Eleverna förstår inte de nya läroböckerna…"
        );
        let pupils = "Pupils do not understand the new maths textbooks and teachers";
        assert_eq!(
            beginning(pupils, 49),
            "Pupils do not understand the new maths textbooks…"
        );
        assert_eq!(beginning(pupils, 79), pupils);
    }

    #[test]
    fn a_kept_answer_of_several_lines_ends_with_an_ellipsis_that_fits() {
        assert_eq!(beginning("Rektor\noch personalen", 79), "Rektor…");
        assert_eq!(beginning("Rektor\noch personalen", 6), "Rekt…");
        assert_eq!(beginning("Rektor och\npersonalen", 10), "Rektor…");
        assert_eq!(beginning("  Rektor  \n", 6), "Rektor");
    }

    /// Types `keys` into a line that starts as `text`; returns the text with `|` at the cursor.
    fn typed(text: &str, keys: &[Key]) -> String {
        let mut line = Line::new(text);
        for key in keys {
            line.press(key);
        }
        let mut shown = line.chars.clone();
        shown.insert(line.cursor, '|');
        shown.into_iter().collect()
    }

    fn chars(text: &str) -> Vec<Key> {
        text.chars().map(Key::Char).collect()
    }

    #[test]
    fn home_and_end_move_to_the_ends_and_typing_inserts_there() {
        let mut keys = vec![Key::Home];
        keys.extend(chars("Ny "));
        keys.push(Key::End);
        keys.extend(chars("!"));
        assert_eq!(typed("läsplan", &keys), "Ny läsplan!|");
        assert_eq!(typed("abc", &[Key::Char('\x01')]), "|abc");
        assert_eq!(typed("abc", &[Key::Home, Key::Char('\x05')]), "abc|");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        for (text, keys, expected) in [
            ("Tid och böcker", vec![Key::Char('\x17')], "Tid och |"),
            ("Tid och  ", vec![Key::Char('\x17')], "Tid |"),
            ("Tid", vec![Key::Char('\x17'), Key::Char('\x17')], "|"),
            (
                "Tid och böcker",
                vec![Key::ArrowLeft, Key::ArrowLeft, Key::Char('\x17')],
                "Tid och |er",
            ),
            ("Tid och", vec![Key::Home, Key::Char('\x17')], "|Tid och"),
        ] {
            assert_eq!(typed(text, &keys), expected, "{text:?} {keys:?}");
        }
    }

    #[test]
    fn ctrl_u_and_ctrl_k_delete_before_and_after_the_cursor() {
        let left = [Key::ArrowLeft, Key::ArrowLeft];
        assert_eq!(
            typed("Rektor", &[&left[..], &[Key::Char('\x15')]].concat()),
            "|or"
        );
        assert_eq!(
            typed("Rektor", &[&left[..], &[Key::Char('\x0b')]].concat()),
            "Rekt|"
        );
    }

    #[test]
    fn backspace_delete_and_arrows_edit_at_the_cursor() {
        for (keys, expected) in [
            (vec![Key::Backspace], "ab|"),
            (vec![Key::ArrowLeft, Key::Backspace], "a|c"),
            (vec![Key::ArrowLeft, Key::Del], "ab|"),
            (vec![Key::Del], "abc|"),
            (vec![Key::Home, Key::Backspace, Key::ArrowLeft], "|abc"),
            (vec![Key::ArrowRight, Key::ArrowRight], "abc|"),
        ] {
            assert_eq!(typed("abc", &keys), expected, "{keys:?}");
        }
    }

    #[test]
    fn alt_b_and_alt_f_move_by_word() {
        let back = || Key::UnknownEscSeq(vec!['b']);
        let forward = || Key::UnknownEscSeq(vec!['f']);
        for (keys, expected) in [
            (vec![back()], "ett två |tre"),
            (vec![back(), back()], "ett |två tre"),
            (vec![Key::Home, forward()], "ett| två tre"),
            (vec![Key::Home, forward(), forward()], "ett två| tre"),
        ] {
            assert_eq!(typed("ett två tre", &keys), expected, "{keys:?}");
        }
    }

    #[test]
    fn only_a_character_typed_at_the_end_is_added_at_the_end() {
        let after = |text: &str, keys: &[Key]| {
            let mut line = Line::new(text);
            let before = (line.chars.len(), line.cursor);
            for key in keys {
                line.press(key);
            }
            line.added_at_end(before)
        };
        assert_eq!(after("ab", &[Key::Char('ö')]), Some("ö".to_string()));
        assert_eq!(after("ab", &[Key::Backspace]), None);
        assert_eq!(after("ab", &[Key::ArrowLeft]), None);
        assert_eq!(after("ab", &[Key::ArrowLeft, Key::Char('x')]), None);
        assert_eq!(after("ab", &[Key::Char('\x15'), Key::Char('x')]), None);
    }

    #[test]
    fn a_long_line_shows_a_window_around_the_cursor() {
        let mut line = Line::new(&"a".repeat(100));
        assert_eq!(line.window(100), (0, 100));
        assert_eq!(line.window(40), (60, 100));
        line.cursor = 50;
        assert_eq!(line.window(40), (30, 70));
        line.cursor = 3;
        assert_eq!(line.window(40), (0, 40));
        assert_eq!(line.window(0), (3, 3));
    }

    #[test]
    fn what_a_key_did() {
        let mut line = Line::new("ab");
        assert_eq!(line.press(&Key::Char('c')), Typed::Editing);
        assert_eq!(line.press(&Key::ArrowLeft), Typed::Unchanged);
        assert_eq!(line.press(&Key::Escape), Typed::Unchanged);
        assert_eq!(line.press(&Key::Char('\x07')), Typed::Unchanged);
        assert_eq!(line.press(&Key::Enter), Typed::Enter);
        assert_eq!(line.press(&Key::CtrlC), Typed::Interrupt);
        assert_eq!(line.text(), "abc");
    }
}
