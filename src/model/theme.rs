//! Themes: the free words that say what an initiative is about ("formativ bedömning", "NPF",
//! "läsning"), across kinds. A project may list its usual ones; a record may use others.

use crate::model::spelling;

/// The themes as stored: trimmed, empty ones left out, each once (whatever its case), in the
/// order given.
pub fn clean<'a>(given: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut themes: Vec<String> = Vec::new();
    for theme in given {
        let theme = theme.split_whitespace().collect::<Vec<_>>().join(" ");
        if !theme.is_empty() && !themes.iter().any(|t| same(t, &theme)) {
            themes.push(theme);
        }
    }
    themes
}

/// Whether two themes are the same word, whatever their case.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The project's theme a word not on its list most likely means ("formativ bedömnig"), when
/// one is near enough in spelling; `None` for a listed theme or a new word.
pub fn near_miss<'a>(theme: &str, listed: &'a [String]) -> Option<&'a str> {
    if listed.iter().any(|t| same(t, theme)) {
        return None;
    }
    spelling::closest(theme, listed.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_are_kept_once_in_the_order_given() {
        assert_eq!(
            clean(["NPF", " läsning ", "", "npf", "formativ  bedömning"]),
            ["NPF", "läsning", "formativ bedömning"]
        );
    }

    #[test]
    fn a_near_miss_is_met_with_the_listed_theme() {
        let listed = vec!["formativ bedömning".to_string(), "NPF".to_string()];
        assert_eq!(
            near_miss("formativ bedömnig", &listed),
            Some("formativ bedömning")
        );
        assert_eq!(near_miss("Formativ bedömning", &listed), None);
        assert_eq!(near_miss("digitalisering", &listed), None);
    }
}
