//! Keys typed while a prompt is open are not echoed by the terminal. console reads one key at
//! a time, in raw mode only for that read; a key that arrives between two reads (typing fast,
//! pasting, a busy machine) would otherwise be echoed where the cursor is and move it away
//! from where the prompt is drawn. Windows' console echoes nothing that is read key by key.

/// The terminal's settings before the prompt, put back when it closes (or fortb stops).
#[cfg(unix)]
static SAVED: std::sync::Mutex<Option<libc::termios>> = std::sync::Mutex::new(None);

/// Stops the echo of typed keys until [`restore`].
#[cfg(unix)]
pub(crate) fn start() {
    let fd = libc::STDIN_FILENO;
    // SAFETY: termios is plain data; tcgetattr fills it and tcsetattr reads it, on a terminal.
    unsafe {
        if libc::isatty(fd) != 1 {
            return;
        }
        let mut settings: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut settings) != 0 {
            return;
        }
        let before = settings;
        // Ctrl-C still sends SIGINT between reads (ISIG stays), for the interrupt handler.
        settings.c_lflag &= !(libc::ECHO | libc::ICANON);
        if libc::tcsetattr(fd, libc::TCSANOW, &settings) == 0 {
            if let Ok(mut saved) = SAVED.lock() {
                saved.get_or_insert(before);
            }
        }
    }
}

/// Puts the terminal's settings back as they were before [`start`].
#[cfg(unix)]
pub(crate) fn restore() {
    let before = SAVED.lock().ok().and_then(|mut saved| saved.take());
    if let Some(before) = before {
        // SAFETY: as in `start`.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &before);
        }
    }
}

#[cfg(not(unix))]
pub(crate) fn start() {}

#[cfg(not(unix))]
pub(crate) fn restore() {}
