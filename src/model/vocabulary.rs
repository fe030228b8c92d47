//! Closed word lists of the domain (kinds of initiative, kinds of learning, why it stuck):
//! a stable ASCII key stored in records, Swedish aliases accepted on input, and a label per
//! language in the message catalogue (`<section>.<key>`).

use crate::model::spelling;
use crate::t;

pub trait Vocabulary: Copy + Sized + 'static {
    /// The catalogue section holding the labels, also naming the word list in errors.
    const SECTION: &'static str;
    const ALL: &'static [Self];

    fn key(self) -> &'static str;
    fn aliases(self) -> &'static [&'static str];

    /// Accepts the key, an alias, any case, and `_` or spaces for `-`.
    fn parse(text: &str) -> Option<Self> {
        // Records hold the key as written by fortb; find it before normalising anything.
        if let Some(item) = Self::ALL.iter().copied().find(|item| item.key() == text) {
            return Some(item);
        }
        let wanted = normalize(text);
        Self::ALL
            .iter()
            .copied()
            .find(|item| item.key() == wanted || item.aliases().iter().any(|a| *a == wanted))
            .or_else(|| Self::by_label(&wanted))
    }

    /// The item whose label, in either language, is the (normalised) word: the words shown
    /// are always words accepted.
    fn by_label(wanted: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|item| {
            crate::i18n::Lang::ALL.iter().any(|lang| {
                crate::i18n::catalogue(*lang)
                    .get(&format!("{}.{}", Self::SECTION, item.key()))
                    .is_some_and(|label| normalize(label) == wanted)
            })
        })
    }

    /// Like [`Vocabulary::parse`], with an error that lists every valid word and, for a typo
    /// or an inflected form (`tiden`), the word probably meant.
    fn parse_or_explain(text: &str) -> Result<Self, String> {
        Self::parse(text).ok_or_else(|| {
            let what = t!(&format!("{}.name", Self::SECTION));
            let valid = Self::valid_words();
            match Self::suggestion(text) {
                Some(item) => t!(
                    "vocabulary.unknown_near",
                    what = what,
                    given = text,
                    suggestion = item.shown_word(),
                    valid = valid
                ),
                None => t!(
                    "vocabulary.unknown",
                    what = what,
                    given = text,
                    valid = valid
                ),
            }
        })
    }

    /// The item a word that is not accepted most likely means: the nearest accepted word by
    /// spelling, else the one it is an inflected form of.
    fn suggestion(text: &str) -> Option<Self> {
        let accepted: Vec<(String, Self)> = Self::ALL
            .iter()
            .flat_map(|item| {
                let labels = crate::i18n::Lang::ALL.iter().filter_map(|lang| {
                    crate::i18n::catalogue(*lang)
                        .get(&format!("{}.{}", Self::SECTION, item.key()))
                        .map(normalize)
                });
                std::iter::once(item.key().to_string())
                    .chain(item.aliases().iter().map(|a| a.to_string()))
                    .chain(labels)
                    .map(|word| (word, *item))
                    .collect::<Vec<_>>()
            })
            .collect();
        let words = || accepted.iter().map(|(word, _)| word.as_str());
        let wanted = normalize(text);
        let word = spelling::closest(&wanted, words())
            .or_else(|| spelling::inflected(&wanted, words()))?;
        accepted
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, item)| *item)
    }

    /// Every valid word, as the user's language names it (both languages' words are accepted
    /// everywhere).
    fn valid_words() -> String {
        Self::ALL
            .iter()
            .map(|item| item.shown_word())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The word a list of valid words shows: the key in English, the Swedish word in Swedish.
    fn shown_word(self) -> String {
        match crate::i18n::current() {
            crate::i18n::Lang::En => self.key().to_string(),
            crate::i18n::Lang::Sv => self.label().to_lowercase(),
        }
    }

    /// The word in the user's language.
    fn label(self) -> String {
        t!(&format!("{}.{}", Self::SECTION, self.key()))
    }
}

/// A word as the lists hold it: lower case, `-` for spaces and `_`.
fn normalize(text: &str) -> String {
    text.trim().to_lowercase().replace(['_', ' '], "-")
}

/// Defines a [`Vocabulary`] enum with serde support that stores the key and, on reading,
/// reports an unknown word with the list of valid ones.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $section:literal {
            $($variant:ident = $key:literal $(| $alias:literal)*),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $crate::model::vocabulary::Vocabulary for $name {
            const SECTION: &'static str = $section;
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            fn aliases(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$($alias),*]),+
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::model::vocabulary::Vocabulary::key(*self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                <$name as $crate::model::vocabulary::Vocabulary>::parse_or_explain(&text)
                    .map_err(::serde::de::Error::custom)
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                <$name as $crate::model::vocabulary::Vocabulary>::parse_or_explain(text)
            }
        }
    };
}

vocabulary! {
    /// The kinds of initiative (insatstyper).
    pub enum Kind in "kind" {
        StudyDay = "study-day" | "studiedag" | "workshop" | "planeringsdag",
        Conference = "conference" | "konferens" | "natverk" | "nätverk" | "natverkstraff" | "nätverksträff",
        OnlineCourse = "online-course" | "onlinekurs" | "onlineutbildning" | "webbkurs" | "webbutbildning" | "e-kurs" | "e-learning" | "webbinarium" | "webinar",
        Course = "course" | "kurs" | "extern-kurs",
        ExternalExpert = "external-expert" | "extern-expert" | "extern-forelasare" | "extern-föreläsare" | "forelasare" | "föreläsare" | "forelasning" | "föreläsning" | "lecture",
        StudyTrip = "study-trip" | "studieresa",
        BookCircle = "book-circle" | "bokcirkel",
        PeerLearning = "peer-learning" | "kollegialt-larande" | "kollegialt-lärande" | "auskultation" | "lektionsbesok" | "lektionsbesök",
        Coaching = "coaching" | "handledning" | "coachning" | "mentorskap" | "mentor",
        Project = "project" | "projekt" | "arbetsgrupp",
        Other = "other" | "annat",
    }
}

vocabulary! {
    /// The three kinds of learning (lärande).
    pub enum Learning in "learning" {
        Everyday = "everyday" | "vardag" | "vardagslarande" | "vardagslärande",
        Formal = "formal" | "formell" | "formellt",
        Mandatory = "mandatory" | "obligatorisk" | "obligatoriskt",
    }
}

vocabulary! {
    /// The fields of a record's top level that `fortb set` changes, by their key in the file.
    pub enum Field in "field" {
        Title = "title" | "titel",
        Kind = "kind" | "typ" | "insatstyp",
        Learning = "learning" | "larande" | "lärande",
        Process = "process" | "processmodell",
        Start = "start" | "startdatum",
        End = "end" | "slut" | "slutdatum",
        Sessions = "sessions" | "tillfallen" | "tillfällen",
        Owner = "owner" | "ansvarig",
        Audience = "audience" | "deltagare" | "malgrupp" | "målgrupp",
        WholeStaff = "whole_staff" | "whole-staff" | "hela-personalen",
        Goals = "goals" | "mal" | "mål" | "utvecklingsmal" | "utvecklingsmål",
        LearningGoals = "learning_goals" | "learning-goals" | "larandemal" | "lärandemål",
        Themes = "themes" | "teman" | "tema" | "theme",
        Outcome = "outcome" | "utfall",
    }
}

vocabulary! {
    /// How the need and analysis steps ended, when not with a plan for training.
    pub enum Outcome in "outcome" {
        NotTraining = "not-training" | "inte-utbildning" | "ingen-utbildning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_aliases_and_spellings_are_accepted() {
        assert_eq!(Kind::parse("bokcirkel"), Some(Kind::BookCircle));
        assert_eq!(Kind::parse("Kollegialt lärande"), Some(Kind::PeerLearning));
        assert_eq!(Kind::parse("study_day"), Some(Kind::StudyDay));
        assert_eq!(Learning::parse("obligatoriskt"), Some(Learning::Mandatory));
        assert_eq!(Kind::parse("party"), None);
    }

    #[test]
    fn unknown_words_list_the_valid_ones() {
        let message = Kind::parse_or_explain("party").unwrap_err();
        assert!(message.contains("party"), "{message}");
        assert!(message.contains("book-circle"), "{message}");
    }

    #[test]
    fn near_misses_are_met_with_the_item_meant() {
        for (given, expected) in [
            ("bokcirklar", Some(Kind::BookCircle)),
            ("konferensen", Some(Kind::Conference)),
            ("studiedg", Some(Kind::StudyDay)),
            ("Webbkursen", Some(Kind::OnlineCourse)),
            ("party", None),
        ] {
            assert_eq!(Kind::suggestion(given), expected, "{given}");
        }
        assert_eq!(Learning::suggestion("formel"), Some(Learning::Formal));
    }

    #[test]
    fn keys_are_unique_across_aliases() {
        let mut seen = std::collections::HashSet::new();
        for kind in Kind::ALL {
            assert!(seen.insert(kind.key()));
            for alias in kind.aliases() {
                assert!(seen.insert(alias), "duplicate {alias}");
            }
        }
    }
}
