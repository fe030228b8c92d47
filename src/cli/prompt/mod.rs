//! fortb's own prompts, drawn through dialoguer's theme so they look like the rest of the
//! interview: a single choice where a digit picks a numbered step (dialoguer's `Select` has no
//! digit keys), and a line editor with Home/End, Ctrl-W and Ctrl-U (dialoguer's `Input` has
//! none of them). Each is a pure key-handling state plus a loop that draws it on a [`Frame`].

mod flow;
mod frame;
mod line;
mod multi;
mod quiet;
mod select;
mod stop;

pub(crate) use frame::{fitted, one_row, tidy_after_interrupt, OpenMenu};
pub(crate) use line::{kept_answer, show_answer, LineEditor};
pub(crate) use multi::multi_select;
pub(crate) use select::{Choice, SingleChoice};
pub use stop::{confirm, offer};
pub(crate) use stop::{
    install_interrupt_handler, interrupted, interrupting_changes_nothing, yes_no,
};
