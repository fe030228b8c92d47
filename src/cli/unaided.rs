//! The unaided start of a review session: before seeing any list, the person types the
//! initiatives they remember, one at a time, in their own words. Each is matched to a title
//! (asking when unsure) and handed on the moment it is confirmed, so Ctrl-C loses nothing.

use dialoguer::theme::Theme;

use crate::cli::interview::{install_interrupt_handler, interrupted};
use crate::cli::output;
use crate::cli::prompt::{Choice, LineEditor, SingleChoice};
use crate::error::Result;
use crate::escape;
use crate::lookback::unaided::{match_title, Naming};
use crate::model::date::Date;
use crate::t;

/// Asks for the initiatives remembered from `since` to `until` until an empty line, and hands
/// the index in `titles` of each one named to `named`. Returns how many were named.
pub fn name_from_memory(
    theme: &dyn Theme,
    titles: &[&str],
    (since, until): (Date, Date),
    named: &mut dyn FnMut(usize) -> Result<()>,
) -> Result<usize> {
    install_interrupt_handler();
    output::note(&format!(
        "\n{}",
        t!("recall_unaided.intro", since = since, until = until)
    ));
    let prompt = t!("recall_unaided.prompt");
    let mut done = vec![false; titles.len()];
    loop {
        let said = LineEditor::new(theme, &prompt).ask().map_err(interrupted)?;
        let said = said.trim();
        if said.is_empty() {
            break;
        }
        let chosen = match match_title(said, titles) {
            Naming::Sure(index) => {
                if !done[index] {
                    output::note(&format!("  → {}", titles[index]));
                }
                Some(index)
            }
            Naming::Unsure(candidates) => ask_which(theme, said, titles, &candidates, &done)?,
            Naming::Nothing => {
                output::note(&t!("recall_unaided.nothing", said = said));
                None
            }
        };
        match chosen {
            Some(index) if done[index] => {
                output::note(&t!("recall_unaided.already", title = titles[index]));
            }
            Some(index) => {
                named(index)?;
                done[index] = true;
            }
            None => {}
        }
    }
    let count = done.iter().filter(|d| **d).count();
    output::note(&t!(
        "recall_unaided.done",
        count = count,
        total = titles.len()
    ));
    Ok(count)
}

/// "Did you mean …?" over the candidates not named yet, numbered, plus "none of these" (also
/// Escape).
/// When every candidate is named already, says so through the first of them.
fn ask_which(
    theme: &dyn Theme,
    said: &str,
    titles: &[&str],
    candidates: &[usize],
    done: &[bool],
) -> Result<Option<usize>> {
    let open: Vec<usize> = candidates.iter().copied().filter(|i| !done[*i]).collect();
    if open.is_empty() {
        return Ok(candidates.first().copied());
    }
    let mut items = Choice::numbered(
        open.iter()
            .map(|i| escape::terminal(titles[*i]).into_owned()),
    );
    items.push(Choice::plain(t!("recall_unaided.none_of_these")));
    let prompt = escape::terminal(&t!("recall_unaided.which", said = said)).into_owned();
    let chosen = SingleChoice::new(theme, &prompt, items)
        .cancellable()
        .ask()
        .map_err(interrupted)?;
    Ok(chosen.and_then(|i| open.get(i).copied()))
}
