//! Labels: the word a value of the domain is shown by, in the user's language. The model names
//! each value's catalogue key (`kind.book-circle`, `scale.3`); the word is looked up here, by
//! whichever layer shows it.

/// A value shown by a word of the message catalogue.
pub trait Labelled {
    /// The catalogue key of the word.
    fn label_key(&self) -> String;

    /// The word in the user's language.
    fn label(&self) -> String {
        crate::t!(&self.label_key())
    }
}

/// How a list of valid words shows an item of the word list `section`: the key in English,
/// the Swedish word in Swedish (both languages' words are accepted everywhere).
pub fn shown_word(section: &str, key: &str) -> String {
    match crate::i18n::current() {
        crate::i18n::Lang::En => key.to_string(),
        crate::i18n::Lang::Sv => crate::t!(&format!("{section}.{key}")).to_lowercase(),
    }
}

/// The word for a group of the look-back's patterns that no word list names, by its key
/// (`whole-staff`, `part-of-staff`, `spread`, `one-off`, `unknown`).
pub fn pattern_group(key: &str) -> String {
    crate::t!(&format!("patterns.{}", key.replace('-', "_")))
}

/// The word for the people a project's initiatives are for, when its `fortb.toml` names none.
pub fn default_beneficiary() -> String {
    crate::t!("project.default_beneficiary")
}
