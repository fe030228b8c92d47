//! A unit (*enhet*: a school, a preschool area, a department) as an organiser's view shows it.

use std::sync::Arc;

/// The unit an initiative is shown under when several projects are read together.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    /// The unit's name as shown: `name` in its `fortb.toml`, else its folder's name; followed
    /// by its key in brackets where another unit of the view has the same name.
    pub name: Arc<str>,
    /// The initiative is the organiser's own, kept in the organiser's project (often shared
    /// by several units), rather than one of the unit's.
    pub organiser: bool,
    /// What tells the unit apart from every other whatever it is called: its folder's path
    /// from the organiser's folder, `/`-separated (`../skolor/ekbacken`); empty for the
    /// organiser's own project. Calendar events carry it, so renaming a unit moves nothing.
    pub key: Arc<str>,
}

impl Unit {
    /// Whether rows from these units need a unit column: not when every row is of the same
    /// unit (a unit's own table, once it names its organiser), whose name it would repeat.
    pub fn tell_apart<'a>(mut units: impl Iterator<Item = Option<&'a Unit>>) -> bool {
        let Some(first) = units.next() else {
            return false;
        };
        first.is_some() && units.any(|unit| unit != first)
    }

    /// The unit called `name` whose folder is `key` from the organiser's.
    pub fn new(name: &str, key: &str, organiser: bool) -> Unit {
        Unit {
            name: Arc::from(name),
            organiser,
            key: Arc::from(key),
        }
    }

    /// The key as a person reads it: `.` for the organiser's own folder.
    pub fn key_shown(&self) -> &str {
        if self.key.is_empty() {
            "."
        } else {
            &self.key
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_column_is_needed_only_for_rows_of_several_units() {
        let school = Unit::new("Solbacka", "../solbacka", false);
        let other = Unit::new("Ekbacken", "../ekbacken", false);
        let shared = Unit::new("Solbacka", "", true);
        let needed = |units: &[Option<&Unit>]| Unit::tell_apart(units.iter().copied());
        assert!(!needed(&[]));
        assert!(!needed(&[None, None]));
        assert!(!needed(&[Some(&school), Some(&school)]));
        assert!(needed(&[Some(&school), Some(&other)]));
        assert!(needed(&[Some(&school), Some(&shared)]));
    }
}
