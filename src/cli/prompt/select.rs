//! A single choice: ↑/↓ (also j/k, Tab) move, Enter or Space chooses, ←/→ turn pages, Escape
//! or q cancels where that is allowed, and the digit of a numbered item chooses it at once —
//! the fast way through a scale.

use console::Key;
use dialoguer::theme::Theme;

use super::frame::{self, Frame};
use crate::escape;

/// One item of a single choice: its text, and the key that chooses it at once, if any.
pub(crate) struct Choice {
    pub(crate) key: Option<char>,
    pub(crate) text: String,
}

impl Choice {
    /// An item chosen with the arrows and Enter only.
    pub(crate) fn plain(text: impl Into<String>) -> Choice {
        Choice {
            key: None,
            text: text.into(),
        }
    }

    /// The items numbered 1, 2, 3 …, when there are no more than nine of them.
    pub(crate) fn numbered(texts: impl IntoIterator<Item = impl Into<String>>) -> Vec<Choice> {
        let texts: Vec<String> = texts.into_iter().map(Into::into).collect();
        let numbered = texts.len() <= 9;
        texts
            .into_iter()
            .zip(1u32..)
            .map(|(text, n)| Choice {
                key: numbered.then(|| char::from_digit(n, 10)).flatten(),
                text,
            })
            .collect()
    }
}

/// A prompt with one choice among items.
pub(crate) struct SingleChoice<'a> {
    theme: &'a dyn Theme,
    prompt: String,
    items: Vec<Choice>,
    default: usize,
    cancellable: bool,
    scale: bool,
}

impl<'a> SingleChoice<'a> {
    /// The prompt and the items' texts (a process model's labels, titles) are shown with what
    /// would act on the terminal written out, each on its own row.
    pub(crate) fn new(theme: &'a dyn Theme, prompt: &str, items: Vec<Choice>) -> SingleChoice<'a> {
        let shown = |text: &str| escape::terminal_line(text).into_owned();
        let items = items
            .into_iter()
            .map(|item| Choice {
                text: shown(&item.text),
                ..item
            })
            .collect();
        SingleChoice {
            theme,
            prompt: shown(prompt),
            items,
            default: 0,
            cancellable: false,
            scale: false,
        }
    }

    /// The item the cursor starts on.
    pub(crate) fn default(mut self, index: usize) -> SingleChoice<'a> {
        self.default = index.min(self.items.len().saturating_sub(1));
        self
    }

    /// Lets Escape (or q) leave the prompt without a choice.
    pub(crate) fn cancellable(mut self) -> SingleChoice<'a> {
        self.cancellable = true;
        self
    }

    /// The digits are the steps of a scale (a score), so the answered line shows the chosen
    /// step's digit too, not only its words.
    pub(crate) fn scale(mut self) -> SingleChoice<'a> {
        self.scale = true;
        self
    }

    /// Asks until an item is chosen: its index, or `None` when the prompt was cancelled.
    /// Ctrl-C clears the menu and fails with [`std::io::ErrorKind::Interrupted`].
    pub(crate) fn ask(self) -> dialoguer::Result<Option<usize>> {
        let mut frame = Frame::menu()?;
        let mut menu = Menu {
            selected: self.default,
            count: self.items.len(),
            page_size: 1,
            keys: self.items.iter().map(|item| item.key).collect(),
            cancellable: self.cancellable,
        };
        frame.term().hide_cursor()?;
        let outcome = self.choose(&mut frame, &mut menu);
        frame.term().show_cursor()?;
        match outcome? {
            Outcome::Chosen(index) => {
                let chosen = match (&self.items[index], self.scale) {
                    (
                        Choice {
                            key: Some(key),
                            text,
                        },
                        true,
                    ) => format!("{key}  {text}"),
                    (Choice { text, .. }, _) => text.clone(),
                };
                frame.settle(&frame::themed(|f| {
                    self.theme
                        .format_select_prompt_selection(f, &self.prompt, chosen.trim())
                }))?;
                Ok(Some(index))
            }
            Outcome::Cancelled => {
                frame.clear()?;
                Ok(None)
            }
            Outcome::Interrupted => {
                frame.clear()?;
                Err(frame::interrupted().into())
            }
        }
    }

    /// Draws the menu and reads keys until one ends it.
    fn choose(&self, frame: &mut Frame, menu: &mut Menu) -> std::io::Result<Outcome> {
        loop {
            menu.page_size = frame.rows().saturating_sub(2).max(1);
            frame.draw(&self.lines(menu), None)?;
            if let Some(outcome) = menu.press(&frame.term().read_key_raw()?) {
                return Ok(outcome);
            }
        }
    }

    /// The prompt, with the digits that choose and the page when the items need several,
    /// then the items of the page the cursor is on.
    fn lines(&self, menu: &Menu) -> Vec<String> {
        let mut prompt = self.prompt.clone();
        let keys: Vec<char> = self.items.iter().filter_map(|item| item.key).collect();
        if let Some(hint) = digits_hint(crate::i18n::current(), &keys) {
            prompt = format!("{prompt} {hint}");
        }
        let pages = menu.count.div_ceil(menu.page_size);
        if pages > 1 {
            prompt = format!("{prompt} [{}/{pages}]", menu.page() + 1);
        }
        let mut lines = vec![frame::themed(|f| {
            self.theme.format_select_prompt(f, &prompt)
        })];
        let numbered = !keys.is_empty();
        let first = menu.page() * menu.page_size;
        for (index, item) in self
            .items
            .iter()
            .enumerate()
            .skip(first)
            .take(menu.page_size)
        {
            let text = match item.key {
                Some(key) => format!("{key}  {}", item.text),
                None if numbered => format!("   {}", item.text),
                None => item.text.clone(),
            };
            lines.push(frame::themed(|f| {
                self.theme
                    .format_select_prompt_item(f, &text, index == menu.selected)
            }));
        }
        lines
    }
}

/// How a single choice ended.
#[derive(Debug, PartialEq)]
enum Outcome {
    Chosen(usize),
    Cancelled,
    Interrupted,
}

/// Where the cursor is among the items, and what the keys may do.
struct Menu {
    selected: usize,
    count: usize,
    /// How many items one screen shows.
    page_size: usize,
    keys: Vec<Option<char>>,
    cancellable: bool,
}

impl Menu {
    fn page(&self) -> usize {
        self.selected / self.page_size.max(1)
    }

    /// Acts on one key: the outcome when it ends the choice.
    fn press(&mut self, key: &Key) -> Option<Outcome> {
        let last = self.count.saturating_sub(1);
        match key {
            Key::Enter | Key::Char(' ') => return Some(Outcome::Chosen(self.selected)),
            Key::CtrlC | Key::Char('\x03') => return Some(Outcome::Interrupted),
            Key::Escape | Key::Char('q') if self.cancellable => return Some(Outcome::Cancelled),
            Key::Char(c) if self.keys.contains(&Some(*c)) => {
                let index = self.keys.iter().position(|k| *k == Some(*c));
                return index.map(Outcome::Chosen);
            }
            Key::ArrowDown | Key::Tab | Key::Char('j') => {
                self.selected = if self.selected >= last {
                    0
                } else {
                    self.selected + 1
                };
            }
            Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                self.selected = self.selected.checked_sub(1).unwrap_or(last);
            }
            Key::ArrowRight | Key::PageDown | Key::Char('l') => {
                let next = (self.page() + 1) * self.page_size;
                self.selected = if next > last { 0 } else { next };
            }
            Key::ArrowLeft | Key::PageUp | Key::Char('h') => {
                let pages = self.count.div_ceil(self.page_size.max(1));
                let previous = (self.page() + pages - 1) % pages.max(1);
                self.selected = previous * self.page_size;
            }
            Key::Home => self.selected = 0,
            Key::End => self.selected = last,
            _ => {}
        }
        None
    }
}

/// How the digits choose, in `lang`: a range for several, the one digit for one alone.
fn digits_hint(lang: crate::i18n::Lang, keys: &[char]) -> Option<String> {
    use crate::i18n::text_in;
    use std::fmt::Display;
    match keys {
        [] => None,
        [only] => Some(text_in(
            lang,
            "prompt.digit",
            &[("key", only as &dyn Display)],
        )),
        [first, .., last] => Some(text_in(
            lang,
            "prompt.digits",
            &[("first", first as &dyn Display), ("last", last)],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The recall's scale: 0–4, then "don't know" and "stop" without a digit.
    fn scale() -> Menu {
        let mut keys: Vec<Option<char>> = "01234".chars().map(Some).collect();
        keys.extend([None, None]);
        Menu {
            selected: 0,
            count: keys.len(),
            page_size: 10,
            keys,
            cancellable: true,
        }
    }

    #[test]
    fn a_digit_chooses_its_step_at_once() {
        for (digit, index) in [('0', 0), ('3', 3), ('4', 4)] {
            assert_eq!(
                scale().press(&Key::Char(digit)),
                Some(Outcome::Chosen(index))
            );
        }
        // a digit no item has does nothing
        let mut menu = scale();
        assert_eq!(menu.press(&Key::Char('7')), None);
        assert_eq!(menu.selected, 0);
    }

    #[test]
    fn arrows_and_vi_keys_move_round_and_enter_chooses() {
        let mut menu = scale();
        for (key, selected) in [
            (Key::ArrowDown, 1),
            (Key::Char('j'), 2),
            (Key::ArrowUp, 1),
            (Key::Char('k'), 0),
            (Key::ArrowUp, 6),
            (Key::Tab, 0),
            (Key::End, 6),
            (Key::Home, 0),
        ] {
            assert_eq!(menu.press(&key), None, "{key:?}");
            assert_eq!(menu.selected, selected, "after {key:?}");
        }
        menu.press(&Key::ArrowDown);
        assert_eq!(menu.press(&Key::Enter), Some(Outcome::Chosen(1)));
        assert_eq!(menu.press(&Key::Char(' ')), Some(Outcome::Chosen(1)));
    }

    #[test]
    fn escape_cancels_only_where_allowed_and_ctrl_c_interrupts() {
        assert_eq!(scale().press(&Key::Escape), Some(Outcome::Cancelled));
        assert_eq!(scale().press(&Key::Char('q')), Some(Outcome::Cancelled));
        let mut confirm = Menu {
            cancellable: false,
            ..scale()
        };
        assert_eq!(confirm.press(&Key::Escape), None);
        assert_eq!(confirm.press(&Key::Char('q')), None);
        assert_eq!(confirm.press(&Key::CtrlC), Some(Outcome::Interrupted));
        assert_eq!(
            confirm.press(&Key::Char('\x03')),
            Some(Outcome::Interrupted)
        );
    }

    #[test]
    fn left_and_right_turn_pages() {
        let mut menu = Menu {
            page_size: 3,
            ..scale()
        };
        for (key, selected) in [
            (Key::ArrowRight, 3),
            (Key::ArrowRight, 6),
            (Key::ArrowRight, 0),
            (Key::ArrowLeft, 6),
            (Key::ArrowLeft, 3),
        ] {
            menu.press(&key);
            assert_eq!(menu.selected, selected, "after {key:?}");
        }
    }

    /// Issue 28, point 4: one choice is not a range "1–1".
    #[test]
    fn the_digits_hint_says_one_digit_right() {
        use crate::i18n::Lang;
        for (lang, one, several) in [
            (
                Lang::Sv,
                "(skriv 1 eller tryck Enter)",
                "(skriv 0–4 eller använd ↑↓ och Enter)",
            ),
            (
                Lang::En,
                "(type 1, or press Enter)",
                "(type 0–4, or use ↑↓ and Enter)",
            ),
        ] {
            assert_eq!(digits_hint(lang, &['1']).as_deref(), Some(one));
            assert_eq!(
                digits_hint(lang, &['0', '1', '4']).as_deref(),
                Some(several)
            );
            assert_eq!(digits_hint(lang, &[]), None);
        }
    }

    #[test]
    fn only_up_to_nine_items_are_numbered() {
        let keys: Vec<_> = Choice::numbered(["a", "b", "c"])
            .iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(keys, [Some('1'), Some('2'), Some('3')]);
        assert!(Choice::numbered(vec!["x"; 10])
            .iter()
            .all(|c| c.key.is_none()));
    }
}
