//! Walking an initiative through its process model: reading answers the way a question asks,
//! and writing a step's answers into the record.

pub mod answer;
pub mod assign;
pub mod step;
