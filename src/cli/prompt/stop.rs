//! Yes/no prompts and how an interview stops: Ctrl-C, or a prompt that saw it, ends fortb
//! with everything answered so far already saved.

use std::sync::atomic::{AtomicBool, Ordering};

use dialoguer::theme::Theme;

use crate::cli::output;
use crate::cli::prompt::{tidy_after_interrupt, Choice, SingleChoice};
use crate::error::{Error, Result};
use crate::t;

/// A yes/no question answered with a single choice, so the choices read "ja"/"nej" in
/// Swedish (dialoguer's own confirm only knows y/n); 1 and 2 choose them.
pub fn confirm(theme: &dyn Theme, prompt: &str, default: bool) -> Result<bool> {
    install_interrupt_handler();
    let chosen = SingleChoice::new(theme, prompt, yes_no())
        .default(if default { 0 } else { 1 })
        .ask()
        .map_err(interrupted)?;
    Ok(chosen == Some(0))
}

/// An offer to go on ("start the first step now?"): yes by default, and Escape declines it.
pub fn offer(theme: &dyn Theme, prompt: &str) -> Result<bool> {
    install_interrupt_handler();
    let chosen = SingleChoice::new(theme, prompt, yes_no())
        .cancellable()
        .ask()
        .map_err(interrupted)?;
    Ok(chosen == Some(0))
}

pub(crate) fn yes_no() -> Vec<Choice> {
    Choice::numbered([t!("answer.yes"), t!("answer.no")])
}

/// A prompt that failed because the user pressed Ctrl-C (or the terminal went away) ends the
/// interview the same way as the Ctrl-C handler: everything answered is already saved.
pub(crate) fn interrupted(error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = &error;
    if io.kind() == std::io::ErrorKind::Interrupted {
        stop_interview();
    }
    Error::Message(t!("interview.terminal_error", reason = error))
}

/// Whether Ctrl-C leaves nothing changed (a question asked before anything is written, as
/// `remove` and starting a plan ask), rather than the answers so far saved (the interviews).
static NOTHING_WRITTEN_YET: AtomicBool = AtomicBool::new(false);

/// From here on, Ctrl-C says that nothing was changed rather than that the answers are saved.
pub(crate) fn interrupting_changes_nothing() {
    NOTHING_WRITTEN_YET.store(true, Ordering::SeqCst);
}

fn stop_interview() -> ! {
    // The Ctrl-C handler and a prompt that saw the key may both get here; say it once.
    static STOPPING: AtomicBool = AtomicBool::new(false);
    if !STOPPING.swap(true, Ordering::SeqCst) {
        let term = console::Term::stderr();
        tidy_after_interrupt(&term);
        let _ = term.show_cursor();
        let said = match NOTHING_WRITTEN_YET.load(Ordering::SeqCst) {
            true => t!("prompt.interrupted_unchanged"),
            false => t!("interview.interrupted"),
        };
        output::note(&format!("\n{said}"));
        std::process::exit(130);
    }
    loop {
        std::thread::park();
    }
}

/// dialoguer hides the cursor while a select is open; a plain SIGINT would leave it hidden.
pub(crate) fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| stop_interview());
}
