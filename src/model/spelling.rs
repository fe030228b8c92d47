//! "Did you mean …?": the known word closest to a misspelt one.

/// The candidate nearest to `given` by edit distance, if near enough to be a likely typo:
/// at most one edit in a short word, a third of the letters in a longer one.
pub fn closest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given = given.trim().to_lowercase();
    let limit = (given.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (distance(&given, &candidate.to_lowercase()), candidate))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_the_word_and_strangers_find_nothing() {
        let words = ["owner", "audience", "start", "end", "sessions"];
        for (given, expected) in [
            ("ownr", Some("owner")),
            ("sesions", Some("sessions")),
            ("Audiance", Some("audience")),
            ("colour", None),
            ("x", None),
        ] {
            assert_eq!(closest(given, words), expected, "{given}");
        }
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
