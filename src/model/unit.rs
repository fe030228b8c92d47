//! A unit (*enhet*: a school, a preschool area, a department) as an organiser's view shows it.

use std::sync::Arc;

/// The unit an initiative is shown under when several projects are read together.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    /// The unit's name: `name` in its `fortb.toml`, else its folder's name.
    pub name: Arc<str>,
    /// The initiative is the organiser's own, kept in the organiser's project (often shared
    /// by several units), rather than one of the unit's.
    pub organiser: bool,
    /// The name as calendar events' uids carry it, worked out once per unit rather than for
    /// each of thousands of due items.
    pub slug: Arc<str>,
}

impl Unit {
    /// The unit called `name`.
    pub fn new(name: &str, organiser: bool) -> Unit {
        Unit {
            name: Arc::from(name),
            organiser,
            slug: Arc::from(crate::model::slug::slugify(name)),
        }
    }
}
