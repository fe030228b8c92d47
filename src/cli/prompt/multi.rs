//! A multi-select drawn by dialoguer (ticking several of a list), laid out for its redraws.

use dialoguer::theme::Theme;
use dialoguer::MultiSelect;

use super::{interrupted, OpenMenu};
use crate::error::Result;

/// The columns dialoguer's marks take around a multi-select's prompt ("? ", " ›"): the
/// prompt is wrapped to what is left, so that dialoguer, which counts a prompt's rows by its
/// line breaks, clears every row it drew.
const MARKS: usize = 4;

/// The columns dialoguer's marks take before a multi-select's item ("> [x] ").
const ITEM_MARKS: usize = 6;

/// A multi-select drawn by dialoguer, laid out so that its redraws leave nothing behind: the
/// prompt wrapped at spaces to the terminal, each item on one row. The answered line is
/// written here, wrapped at spaces, where dialoguer's own would cut words at the edge.
pub(crate) fn multi_select(
    theme: &dyn Theme,
    asked: &str,
    items: &[String],
    defaults: &[bool],
) -> Result<Option<Vec<usize>>> {
    let items: Vec<String> = items
        .iter()
        .map(|item| super::one_row(item, ITEM_MARKS))
        .collect();
    let fitted = super::fitted(asked, MARKS);
    let _menu = OpenMenu::of(&fitted, &items);
    let picked = MultiSelect::with_theme(theme)
        .with_prompt(fitted)
        .items(&items)
        .defaults(defaults)
        .report(false)
        .interact_opt()
        .map_err(interrupted)?;
    if let Some(chosen) = &picked {
        let names: Vec<&str> = chosen.iter().map(|&i| items[i].as_str()).collect();
        super::show_answer(theme, asked, &names.join(", ")).map_err(|e| interrupted(e.into()))?;
    }
    Ok(picked)
}
