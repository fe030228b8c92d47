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

/// The candidate that `given` is an inflected form of: Swedish puts definite and plural
/// endings on the word itself (`tiden`, `behovet`, `övningarna`), which edit distance counts
/// as several typos. The longest such word wins; endings of up to four letters count.
pub fn inflected<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given = given.trim().to_lowercase();
    let length = given.chars().count();
    candidates
        .into_iter()
        .filter(|candidate| {
            let letters = candidate.chars().count();
            letters >= 3
                && letters < length
                && length - letters <= 4
                && given.starts_with(&candidate.to_lowercase())
        })
        .max_by_key(|candidate| candidate.chars().count())
}

/// Edit distance in characters, two swapped neighbours counting as one edit (`nmae`, `name`):
/// the commonest typo of all.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: the distance between the first i characters of a and the first j of b.
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
            ("onwer", Some("owner")),
            ("Audiance", Some("audience")),
            ("colour", None),
            ("x", None),
        ] {
            assert_eq!(closest(given, words), expected, "{given}");
        }
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("nmae", "name"), 1);
    }

    #[test]
    fn definite_and_plural_forms_find_their_word() {
        let words = ["tid", "uppföljning", "stöd", "övning", "annat"];
        for (given, expected) in [
            ("tiden", Some("tid")),
            ("Uppföljningen", Some("uppföljning")),
            ("stödet", Some("stöd")),
            ("övningarna", Some("övning")),
            ("tid", None),
            ("tidsbristen", None),
            ("annan", None),
        ] {
            assert_eq!(inflected(given, words), expected, "{given}");
        }
    }
}
