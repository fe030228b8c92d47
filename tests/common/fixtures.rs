//! The records many test files start from, defined once.

use super::Project;

/// A book circle, `initiatives/bokcirkel.toml`, with what a write must keep: an own-line
/// comment, a trailing comment and a key fortb does not know.
pub const RECORD: &str = "schema = 1\n# own-line comment\ntitle = \"Bokcirkel\" # trailing comment\nkind = \"book-circle\"\nstart = 2025-01-15\nmy_key = \"kept\"\n";

/// A fresh project with [`RECORD`] as `initiatives/bokcirkel.toml`.
pub fn with_record() -> Project {
    Project::new().file("initiatives/bokcirkel.toml", RECORD)
}

/// Where [`kurs`] keeps its record.
pub const KURS: &str = "initiatives/kurs.toml";

/// A course, `initiatives/kurs.toml`, with a need step.
pub const KURS_RECORD: &str = "schema = 1\ntitle = \"Kurs\"\nkind = \"course\"\nstart = 2025-03-01\n\n[steps.need]\nwhy = \"Därför\"\n";

/// A fresh project with [`KURS_RECORD`] as [`KURS`].
pub fn kurs() -> Project {
    Project::new().file(KURS, KURS_RECORD)
}
