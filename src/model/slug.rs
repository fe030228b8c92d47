//! Record ids: readable ASCII slugs of the title, never a running number, so two people on two
//! git branches never pick the same id by counting.

/// The longest id, in bytes; long titles are cut at a word boundary.
pub const MAX_LEN: usize = 60;

/// "Bokcirkel: Formativ bedömning" → `bokcirkel-formativ-bedomning`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for ch in title.chars().flat_map(char::to_lowercase) {
        let ascii = transliterate(ch);
        if ascii.is_empty() {
            pending_hyphen = !slug.is_empty();
            continue;
        }
        if pending_hyphen {
            slug.push('-');
            pending_hyphen = false;
        }
        slug.push_str(ascii);
    }
    if slug.len() > MAX_LEN {
        let cut = slug[..=MAX_LEN].rfind('-').filter(|&i| i >= MAX_LEN / 2);
        slug.truncate(cut.unwrap_or(MAX_LEN));
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if slug.is_empty() {
        slug.push_str("initiative");
    }
    slug
}

/// ASCII for a lowercase character; empty for separators and anything without a spelling.
pub(crate) fn transliterate(ch: char) -> &'static str {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if ch.is_ascii_alphanumeric() {
        let index = LETTERS.find(ch).expect("ASCII alphanumeric");
        return &LETTERS[index..=index];
    }
    match ch {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'ā' => "a",
        'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' => "o",
        'é' | 'è' | 'ê' | 'ë' | 'ē' => "e",
        'ü' | 'ú' | 'ù' | 'û' | 'ū' => "u",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ý' | 'ÿ' => "y",
        'ç' | 'č' => "c",
        'ñ' | 'ň' => "n",
        'š' => "s",
        'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ð' => "d",
        _ => "",
    }
}

/// Whether `text` could be an id we made: the guard before any id becomes a path.
pub fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn swedish_titles_become_readable_ids() {
        assert_eq!(
            slugify("Bokcirkel: Formativ bedömning"),
            "bokcirkel-formativ-bedomning"
        );
        assert_eq!(
            slugify("Studiedag – Läsförståelse åk 4–6"),
            "studiedag-lasforstaelse-ak-4-6"
        );
        assert_eq!(slugify("Café-träff"), "cafe-traff");
    }

    #[test]
    fn hostile_titles_stay_inside_the_folder() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("a/b\\c\u{0}d\ne"), "a-b-c-d-e");
        assert_eq!(slugify("..."), "initiative");
        assert_eq!(slugify(""), "initiative");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"fortbildning ".repeat(50));
        assert!(slug.len() <= MAX_LEN);
        assert!(slug.ends_with("fortbildning"));
    }

    proptest! {
        #[test]
        fn every_slug_is_a_valid_id(title in "\\PC*") {
            let slug = slugify(&title);
            prop_assert!(is_valid(&slug), "{slug:?}");
            prop_assert!(slug.len() <= MAX_LEN);
        }
    }
}
