//! Swedish all the way: the words fortb shows are words it accepts, in either language.

use fortb::i18n::{catalogue, Lang};
use fortb::model::indicator::{GoalLevel, Level};
use fortb::model::recall::{Audience, Why, WhyNot};
use fortb::model::vocabulary::{Field, Kind, Learning, Vocabulary};

fn every_label_is_accepted<V: Vocabulary + std::fmt::Debug + PartialEq>() {
    for lang in Lang::ALL {
        for item in V::ALL {
            let key = format!("{}.{}", V::SECTION, item.key());
            let label = &catalogue(lang)[&key];
            assert_eq!(V::parse(label), Some(*item), "{lang:?} {key} = {label}");
            assert_eq!(V::parse(&label.to_uppercase()), Some(*item), "{label}");
        }
    }
}

#[test]
fn the_words_shown_in_either_language_are_words_accepted() {
    every_label_is_accepted::<Kind>();
    every_label_is_accepted::<Learning>();
    every_label_is_accepted::<Field>();
    every_label_is_accepted::<Why>();
    every_label_is_accepted::<WhyNot>();
    every_label_is_accepted::<Audience>();
    every_label_is_accepted::<Level>();
    every_label_is_accepted::<GoalLevel>();
}
