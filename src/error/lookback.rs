//! What the look-back refuses, as data; phrased where the command line reads its period.

use crate::model::date::Date;

/// A look-back period that starts after it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReversedPeriod {
    pub since: Date,
    pub until: Date,
}
