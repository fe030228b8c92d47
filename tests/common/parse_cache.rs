//! The parse cache (`src/record/cache.rs`) reads every text as the parser does: the same record,
//! or the same diagnostic, for every choice of answers a command makes, when the text is new
//! to the cache and when its tree comes from the cache. Included by the property tests of the
//! record format (`record_roundtrip.rs`, valid records of every field) and of the loader
//! (`loader_fuzz.rs`, damaged and random texts).

use std::path::Path;

use fortb::record::cache::RecordCache;
use fortb::record::store::{self, Answers};

const CHOICES: [Answers; 4] = [
    Answers::All,
    Answers::None,
    Answers::Given,
    Answers::Only(&[
        ("need", "why"),
        ("analysis", "mix"),
        ("follow-up", "goals_reached"),
    ]),
];

/// Fails with what differs when the cache reads `text` otherwise than the parser.
pub fn reads_as_the_parser(text: &str) -> Result<(), String> {
    let path = Path::new("initiatives/x.toml");
    for answers in CHOICES {
        let parsed = format!("{:?}", answers.reading(|| store::parse_record(path, text)));
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        for pass in ["new to the cache", "from the cache"] {
            let cache = RecordCache::open(dir.path());
            let read = format!("{:?}", answers.reading(|| cache.read(path, text)));
            cache.save();
            if read != parsed {
                return Err(format!(
                    "{pass}, with {answers:?}:\n{read}\n--- the parser:\n{parsed}\n--- text:\n{text}"
                ));
            }
        }
    }
    Ok(())
}
