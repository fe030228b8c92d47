//! git as the project's memory: the few things fortb asks of git, and the merge driver that
//! merges two versions of a record by meaning.

pub mod merge;
pub mod repo;
pub mod setup;
