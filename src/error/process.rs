//! What goes wrong in the process area (`src/process/`), as data; phrased by
//! `crate::cli::error::process`.

#[derive(Debug)]
pub enum ProcessError {}
