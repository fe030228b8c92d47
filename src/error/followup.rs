//! What goes wrong in the follow-up area (`src/followup/`), as data; phrased by
//! `crate::cli::error::followup`.

#[derive(Debug)]
pub enum FollowupError {}
