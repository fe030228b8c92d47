//! The look-back, "have we already forgotten?": recalled impact per initiative, the ranked
//! summary with its patterns, and the meeting pack.

pub mod chart;
pub mod compare;
pub mod export;
pub mod export_columns;
pub mod impact;
pub mod lessons;
pub mod number;
pub mod progress;
pub mod report;
pub mod report_cost;
pub mod report_html;
pub mod report_lessons;
pub mod report_memory;
pub mod summary;
pub mod transfer;
pub mod unaided;
