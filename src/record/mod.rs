//! Records on disk: finding and reading project files into the model, and writing model changes
//! back as in-place edits of the TOML document. The one place that knows TOML files.

pub mod atomic;
pub mod cache;
pub mod cached_tree;
pub mod document;
pub mod fields;
pub mod files;
pub mod free_text;
pub mod indicator;
pub mod lessons_index;
pub mod material;
pub mod migrate;
pub mod one_place;
pub mod own_files;
pub mod parse;
pub mod plan;
pub mod plan_edit;
pub mod private;
pub mod process_files;
pub mod project;
pub mod recall;
pub mod recovery;
pub mod store;
pub mod survey;
pub mod unit_edit;
pub mod units;
pub mod validate;
