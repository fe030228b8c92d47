//! User-facing text in Swedish and English.
//!
//! Every message lives in one catalogue per language (`src/locales/<lang>.toml`), so adding a
//! language means adding a file. The language is chosen once at start-up and read everywhere
//! through [`current`]; the domain code asks for texts by key and never spells them out.

use std::fmt::{Display, Write};
use std::sync::OnceLock;

pub mod labels;
pub mod problems;
mod system;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Sv,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sv];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    /// Accepts `sv`, `en` and locale strings such as `sv_SE.UTF-8`.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("sv") {
            Some(Lang::Sv)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the user's system asks for: the locale variables (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`) when one is set, else the operating system's own display
    /// language (Windows, macOS), which is asked only then.
    pub fn from_system() -> Option<Lang> {
        let variable = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty());
        Lang::from_locale(variable.as_deref(), system::preferred_languages)
    }

    /// The language of a locale variable's value when there is one (`C` or `de_DE` choose
    /// none), else the first of the system's display languages (most preferred first) that
    /// fortb speaks.
    fn from_locale(
        variable: Option<&str>,
        system_languages: impl FnOnce() -> Vec<String>,
    ) -> Option<Lang> {
        match variable {
            Some(value) => Lang::parse(value),
            None => system_languages().iter().find_map(|name| Lang::parse(name)),
        }
    }
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Chooses the language for the rest of the run. Later calls are ignored.
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

pub fn current() -> Lang {
    *CURRENT.get().unwrap_or(&Lang::En)
}

/// One language's texts, `section.key` → text, sorted by key when fortb was built
/// (build.rs), so that a start reads no TOML.
#[derive(Clone, Copy)]
pub struct Catalogue(&'static [(&'static str, &'static str)]);

impl Catalogue {
    pub fn get(self, key: &str) -> Option<&'static str> {
        self.0
            .binary_search_by(|(known, _)| (*known).cmp(key))
            .ok()
            .map(|index| self.0[index].1)
    }

    pub fn contains_key(self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn keys(self) -> impl Iterator<Item = &'static str> {
        self.0.iter().map(|(key, _)| *key)
    }
}

impl IntoIterator for Catalogue {
    type Item = (&'static str, &'static str);
    type IntoIter = std::iter::Copied<std::slice::Iter<'static, (&'static str, &'static str)>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().copied()
    }
}

/// `catalogue(lang)["section.key"]`, for tests and texts known to exist.
impl<Key: AsRef<str> + ?Sized> std::ops::Index<&Key> for Catalogue {
    type Output = str;

    fn index(&self, key: &Key) -> &str {
        let key = key.as_ref();
        self.get(key)
            .unwrap_or_else(|| panic!("no text {key} in the catalogue"))
    }
}

/// The catalogue of one language.
pub fn catalogue(lang: Lang) -> Catalogue {
    match lang {
        Lang::En => Catalogue(include!(concat!(env!("OUT_DIR"), "/catalogue_en.rs"))),
        Lang::Sv => Catalogue(include!(concat!(env!("OUT_DIR"), "/catalogue_sv.rs"))),
    }
}

/// The text for `key` in the current language with `{name}` placeholders filled in.
/// A key missing from the catalogue shows itself, so a gap is visible rather than fatal.
pub fn text(key: &str, args: &[(&str, &dyn Display)]) -> String {
    text_in(current(), key, args)
}

pub fn text_in(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let template = catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .unwrap_or(key);
    fill(template, args)
}

/// Replaces `{name}` in `template`; unknown placeholders are left as they are. One pass
/// over the template: a value is never searched again, so a title holding `{days}` stays as
/// written, and a table of 20,000 rows fills its texts without copying each once per name.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = args.iter().find(|(given, _)| *given == name)?.1;
            Some((close, value))
        });
        match named {
            Some((close, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text that depends on a count: `<key>_one` for 1, `<key>_other` otherwise (enough for
/// Swedish and English; a language with more forms would add keys here).
pub fn count(key: &str, n: u64) -> String {
    let form = if n == 1 { "one" } else { "other" };
    text(&format!("{key}_{form}"), &[("n", &n)])
}

/// A name's possessive in the current language, for "saved Karin Bergs bedömning": Swedish
/// adds an `s` except after s, x or z ("Lars bedömning"), English adds `'s`.
pub fn possessive(name: &str) -> String {
    possessive_in(current(), name)
}

fn possessive_in(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Sv if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) => name.to_string(),
        Lang::Sv => format!("{name}s"),
        Lang::En => format!("{name}'s"),
    }
}

/// `t!("key")` or `t!("key", name = value, ...)`: a catalogue text in the current language.
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::text($key, &[])
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once_and_values_are_never_read_as_placeholders() {
        let days: &dyn Display = &7;
        let title: &dyn Display = &"Läsår {days} {x}";
        assert_eq!(
            fill(
                "{title}: om {days} d, {days}!",
                &[("title", title), ("days", days)]
            ),
            "Läsår {days} {x}: om 7 d, 7!"
        );
        assert_eq!(fill("{okänd} och {", &[("days", days)]), "{okänd} och {");
        assert_eq!(fill("{{days}", &[("days", days)]), "{7");
        assert_eq!(fill("inga", &[]), "inga");
    }

    #[test]
    fn possessives_follow_each_language() {
        for (lang, name, expected) in [
            (Lang::Sv, "Karin Berg", "Karin Bergs"),
            (Lang::Sv, "Lars", "Lars"),
            (Lang::Sv, "Max", "Max"),
            (Lang::Sv, "Inez", "Inez"),
            (Lang::En, "Karin Berg", "Karin Berg's"),
        ] {
            assert_eq!(possessive_in(lang, name), expected);
        }
    }

    #[test]
    fn catalogues_have_the_same_keys() {
        let en = catalogue(Lang::En);
        let sv = catalogue(Lang::Sv);
        let mut missing_sv: Vec<_> = en.keys().filter(|k| !sv.contains_key(k)).collect();
        let mut missing_en: Vec<_> = sv.keys().filter(|k| !en.contains_key(k)).collect();
        missing_sv.sort();
        missing_en.sort();
        assert!(missing_sv.is_empty(), "missing in sv: {missing_sv:?}");
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
    }

    #[test]
    fn placeholders_match_between_languages() {
        let placeholders = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                .collect();
            names.sort();
            names
        };
        for (key, en) in catalogue(Lang::En) {
            let sv = catalogue(Lang::Sv).get(key).unwrap_or_default();
            assert_eq!(
                placeholders(en),
                placeholders(sv),
                "placeholders differ for {key}"
            );
        }
    }

    #[test]
    fn locale_strings_parse() {
        assert_eq!(Lang::parse("sv_SE.UTF-8"), Some(Lang::Sv));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }

    #[test]
    fn a_locale_variable_decides_before_the_system() {
        let never_asked =
            || -> Vec<String> { panic!("the system is asked only without a variable") };
        assert_eq!(
            Lang::from_locale(Some("sv_SE.UTF-8"), never_asked),
            Some(Lang::Sv)
        );
        assert_eq!(
            Lang::from_locale(Some("en_US.UTF-8"), never_asked),
            Some(Lang::En)
        );
        // A variable fortb has no language for (C, German) means English, as before.
        assert_eq!(Lang::from_locale(Some("C"), never_asked), None);
        assert_eq!(Lang::from_locale(Some("de_DE.UTF-8"), never_asked), None);
    }

    #[test]
    fn without_a_variable_the_systems_display_language_decides() {
        let system = |names: &[&str]| {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            Lang::from_locale(None, move || names)
        };
        // Windows answers `sv-SE`, macOS `sv-SE` or `sv`.
        assert_eq!(system(&["sv-SE", "en-US"]), Some(Lang::Sv));
        assert_eq!(system(&["sv"]), Some(Lang::Sv));
        assert_eq!(system(&["en-GB", "sv-SE"]), Some(Lang::En));
        // The first language fortb speaks: a Finland-Swede who put Finnish first gets Swedish.
        assert_eq!(system(&["fi-FI", "sv-FI", "en-US"]), Some(Lang::Sv));
        assert_eq!(system(&["de-DE"]), None);
        // Linux, or a system that does not answer.
        assert_eq!(system(&[]), None);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("a {x} b {y}", &[("x", &1), ("y", &"z")]), "a 1 b z");
    }
}
