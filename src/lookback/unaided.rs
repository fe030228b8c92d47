//! The unaided start of a look-back: what a person named from memory, in their own words,
//! matched to the titles of the period's initiatives. People write "bokcirkeln", "studiedagen
//! om läsning" or "brandskyd"; the match forgives accents, case, Swedish endings, cut words and
//! typos, and says when it is unsure rather than guess.

use crate::model::slug::transliterate;
use crate::model::spelling::distance;

/// What one thing a person named matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Naming {
    /// Clearly this title (its index among the titles given).
    Sure(usize),
    /// Perhaps one of these, best first (two or three, or one that only half matches): ask.
    Unsure(Vec<usize>),
    /// Nothing of the period is called anything like it.
    Nothing,
}

/// At least this share of what was said must match a title for it to be sure…
const SURE: f64 = 0.75;
/// …and the next best title must be this far behind.
const MARGIN: f64 = 0.15;
/// Below this share a title is not offered at all.
const CANDIDATE: f64 = 0.3;
/// The most titles offered when unsure.
const MAX_CANDIDATES: usize = 3;

/// Small words that say nothing about which initiative is meant.
const FILLER: &[&str] = &[
    "om", "i", "och", "pa", "for", "med", "till", "av", "en", "ett", "det", "den", "de", "kring",
    "hos", "vid", "the", "of", "on", "in", "and", "a", "an", "with", "to", "at", "about",
];

/// Matches `said` (one initiative as a person remembers it) to one of `titles`.
pub fn match_title(said: &str, titles: &[&str]) -> Naming {
    let said = words(said);
    if said.is_empty() {
        return Naming::Nothing;
    }
    let mut scored: Vec<(usize, Score)> = titles
        .iter()
        .enumerate()
        .map(|(index, title)| (index, score(&said, &words(title))))
        .filter(|(_, score)| score.coverage >= CANDIDATE)
        .collect();
    scored.sort_by(|a, b| {
        b.1.combined()
            .total_cmp(&a.1.combined())
            .then(a.0.cmp(&b.0))
    });
    match scored.as_slice() {
        [] => Naming::Nothing,
        [(best, score), rest @ ..]
            if score.coverage >= SURE
                && rest
                    .first()
                    .is_none_or(|(_, next)| next.combined() <= score.combined() - MARGIN) =>
        {
            Naming::Sure(*best)
        }
        _ => Naming::Unsure(
            scored
                .iter()
                .take(MAX_CANDIDATES)
                .map(|(index, _)| *index)
                .collect(),
        ),
    }
}

/// How well what was said fits one title.
struct Score {
    /// The share of the words said that the title has.
    coverage: f64,
    /// The share of the title's words that were said.
    completeness: f64,
}

impl Score {
    /// Mostly how much of what was said fits, then how much of the title was said, so
    /// "studiedag om läsning" prefers that title over "Studiedag om läsning och skrivande".
    fn combined(&self) -> f64 {
        0.7 * self.coverage + 0.3 * self.completeness
    }
}

fn score(said: &[String], title: &[String]) -> Score {
    let share = |from: &[String], to: &[String]| -> f64 {
        let total: f64 = from
            .iter()
            .map(|word| {
                to.iter()
                    .map(|other| word_likeness(word, other))
                    .fold(0.0, f64::max)
            })
            .sum();
        total / from.len().max(1) as f64
    };
    Score {
        coverage: share(said, title),
        completeness: share(title, said),
    }
}

/// How alike two words are, 0–1: the same; one the start of the other ("bokcirkeln",
/// "bokcirk" and "bokcirkel"); a typo or two; one inside the other, as in Swedish compounds
/// ("brandskydd" in "utbildningibrandskydd"). Short words must be the same.
fn word_likeness(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short_len = shorter.chars().count();
    if short_len < 4 {
        return 0.0;
    }
    if longer.starts_with(shorter) {
        return 0.9;
    }
    let edits = distance(a, b);
    let allowed = if short_len >= 7 { 2 } else { 1 };
    if edits <= allowed {
        return 1.0 - edits as f64 / longer.chars().count() as f64;
    }
    if short_len >= 5 && longer.contains(shorter) {
        return 0.7;
    }
    0.0
}

/// The words of a title or of what was said: lower case, without accents, the small filler
/// words left out (unless there is nothing else, as in a title "IT och AI").
fn words(text: &str) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let mut word = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        match transliterate(ch) {
            "" => {
                if !word.is_empty() {
                    all.push(std::mem::take(&mut word));
                }
            }
            letters => word.push_str(letters),
        }
    }
    if !word.is_empty() {
        all.push(word);
    }
    let meaningful: Vec<String> = all
        .iter()
        .filter(|w| !FILLER.contains(&w.as_str()))
        .cloned()
        .collect();
    if meaningful.is_empty() {
        all
    } else {
        meaningful
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLES: &[&str] = &[
        "Studiedag om läsning",
        "Studiedag om skrivande",
        "Bokcirkel om bedömning",
        "Brandskyddsutbildning",
        "Läsning i förskolan",
        "IT och AI",
    ];

    #[test]
    fn what_people_write_finds_the_title() {
        for (said, expected) in [
            // the whole title, in other case and without accents
            ("studiedag om lasning", 0),
            ("BOKCIRKEL OM BEDÖMNING", 2),
            // a Swedish ending: bokcirkeln is bokcirkel (0.9 of one word)
            ("bokcirkeln", 2),
            // typos: one letter short in each word
            ("bokcirkl om bedomnig", 2),
            // a cut word is the start of a title's word
            ("brandskydd", 3),
            // the words of a compound, the other way round: 0.9 and 0.7
            ("utbildning i brandskydd", 3),
            ("studiedagen om skrivandet", 1),
            // small words alone still count when the title has nothing else
            ("it och ai", 5),
        ] {
            assert_eq!(match_title(said, TITLES), Naming::Sure(expected), "{said}");
        }
    }

    #[test]
    fn the_readmes_example_is_sure() {
        // studieresan is studieresa (0.9), göteborg the same; "till" says nothing
        let titles = [
            "Konferens: Läs- och skrivutveckling",
            "Studieresa: Utomhuspedagogik i Göteborg",
        ];
        assert_eq!(
            match_title("studieresan till göteborg", &titles),
            Naming::Sure(1)
        );
    }

    #[test]
    fn two_titles_that_fit_equally_well_are_both_offered() {
        // "studiedagen" fits both study days at 0.9 and half of each title: a tie.
        assert_eq!(
            match_title("studiedagen", TITLES),
            Naming::Unsure(vec![0, 1])
        );
        // "läsning" is all of what was said for both, and half of each title.
        assert_eq!(match_title("läsning", TITLES), Naming::Unsure(vec![0, 4]));
    }

    #[test]
    fn half_a_match_is_asked_about_and_strangers_match_nothing() {
        // only the end of the compound (0.7): not sure enough
        assert_eq!(match_title("utbildning", TITLES), Naming::Unsure(vec![3]));
        // one word of two fits (0.5): offered, not taken
        assert_eq!(
            match_title("bokcirkel om ledarskap", TITLES),
            Naming::Unsure(vec![2])
        );
        for said in ["matteprojektet", "", "   ", "om", "- –"] {
            assert_eq!(match_title(said, TITLES), Naming::Nothing, "{said:?}");
        }
    }

    #[test]
    fn the_likeness_of_two_words() {
        for (a, b, expected) in [
            ("lasning", "lasning", 1.0),
            ("bokcirkeln", "bokcirkel", 0.9),
            ("bokcirk", "bokcirkel", 0.9),
            ("bedomnig", "bedomning", 1.0 - 1.0 / 9.0),
            ("utbildning", "brandskyddsutbildning", 0.7),
            ("las", "lasning", 0.0),
            ("kurs", "kors", 0.75),
            ("kurs", "dans", 0.0),
        ] {
            assert!(
                (word_likeness(a, b) - expected).abs() < 1e-9,
                "{a} {b}: {}",
                word_likeness(a, b)
            );
        }
    }
}
