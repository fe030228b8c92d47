//! The command line and the terminal: arguments, dispatch, prompts, tables and messages.
//! Only this folder talks to the user; everything below it returns data or strings.

pub mod app;
pub mod args;
pub mod clap_error;
pub mod commands;
pub mod editor;
pub mod interview;
pub mod interview_planning;
pub mod lessons_panel;
pub mod output;
pub(crate) mod prompt;
pub mod table;
pub mod unaided;
pub mod wrap;
