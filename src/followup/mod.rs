//! Following an initiative up after it ran: what is due when, evaluation and transfer surveys,
//! success cases, and calendar files for the follow-up dates.

pub mod cases;
pub mod december;
pub mod ics;
pub mod revision;
pub mod round_import;
pub mod schedule;
pub mod survey;
pub mod transfer;
