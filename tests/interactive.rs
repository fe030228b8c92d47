//! The interviews through a real pseudo-terminal: typing answers, accepting a default,
//! skipping, going back, picking in a select and a multi-select, and Ctrl-C half-way.

#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use std::num::NonZeroU16;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{ControlCode, Expect, NBytes};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";

struct Terminal {
    dir: tempfile::TempDir,
}

impl Terminal {
    /// A project with one initiative, `studiedag-om-las`, and one more for look-backs.
    fn new() -> Terminal {
        let dir = tempfile::tempdir().unwrap();
        let terminal = Terminal { dir };
        terminal.fortb(&["init", "--name", "Skolan", "--beneficiary", "the pupils"]);
        terminal.fortb(&[
            "new",
            "Studiedag om läsning",
            "--start",
            "2025-03-01",
            "--no-interview",
        ]);
        terminal.fortb(&[
            "new",
            "Bokcirkel om bedömning",
            "--start",
            "2025-09-01",
            "--end",
            "2025-12-01",
            "--sessions",
            "5",
        ]);
        terminal
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn record(&self, id: &str) -> String {
        std::fs::read_to_string(self.path(&format!("initiatives/{id}.toml"))).unwrap()
    }

    /// fortb in the project with the tests' usual scrubbed environment, in a plain xterm.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = common::fortb_process();
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        command
    }

    /// Runs fortb without a terminal and checks it succeeded.
    fn fortb(&self, args: &[&str]) -> String {
        let output = self.command(args).output().unwrap();
        assert!(
            output.status.success(),
            "fortb {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn spawn(&self, args: &[&str]) -> Session {
        start(self.command(args))
    }
}

/// Starts `command` in a pseudo-terminal; every wait for its output gives up after 10 s.
fn start(command: Command) -> Session {
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(10)));
    session
}

/// Ctrl-C, then the exit code fortb ends with.
fn interrupt(session: &mut Session) -> i32 {
    session.send(ControlCode::EndOfText).unwrap();
    exit_code(session)
}

fn exit_code(session: &mut Session) -> i32 {
    match session.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("fortb did not exit normally: {other:?}"),
    }
}

fn expect(session: &mut Session, text: &str) {
    if let Err(error) = session.expect(text) {
        panic!("waiting for {text:?}: {error}");
    }
}

/// Types `keys` one key at a time, as a person does: each only when fortb waits for a key,
/// and the next only once the screen has shown what the last one did. A key typed while
/// fortb is between two reads would reach a terminal in line mode, which echoes it and turns
/// Enter into a line feed; so on a loaded machine the test slows down but never breaks.
fn send(session: &mut Session, keys: &str) {
    for key in keystrokes(keys) {
        wait_until(session, "fortb to wait for a key", reading_a_key);
        let before = unread(session);
        session.send(key).unwrap();
        wait_until(session, &format!("the screen to answer {key:?}"), |s| {
            unread(s) > before
        });
    }
}

/// `keys` cut into keys: one character, or an escape sequence such as `\x1b[B` (Down).
fn keystrokes(keys: &str) -> Vec<&str> {
    let mut cut = Vec::new();
    let mut rest = keys;
    while let Some(first) = rest.chars().next() {
        let len = match rest.strip_prefix("\x1b[") {
            Some(sequence) => {
                let end = sequence
                    .find(|c: char| ('@'..='~').contains(&c))
                    .expect("an escape sequence ends with a letter");
                "\x1b[".len() + end + 1
            }
            None => first.len_utf8(),
        };
        cut.push(&rest[..len]);
        rest = &rest[len..];
    }
    cut
}

/// Waits, reading fortb's output, until `ready` holds; panics with what it waited for after
/// 10 s.
fn wait_until(session: &mut Session, what: &str, ready: impl Fn(&mut Session) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !ready(session) {
        assert!(
            std::time::Instant::now() < deadline,
            "waited 10 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Whether fortb is reading a key: its terminal is in raw mode, as only then.
fn reading_a_key(session: &mut Session) -> bool {
    use std::os::fd::AsRawFd;
    let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: tcgetattr fills the termios of the pseudo-terminal (the master side answers
    // for fortb's side) and is checked before the value is read.
    let read = unsafe { libc::tcgetattr(session.as_raw_fd(), termios.as_mut_ptr()) };
    assert_eq!(read, 0, "the pseudo-terminal's settings");
    let termios = unsafe { termios.assume_init() };
    termios.c_lflag & libc::ICANON == 0
}

/// How many bytes fortb has written that no `expect` has taken yet: the most `n` for which
/// the waiting output holds `n` bytes (expectrl tells no length, only whether there are `n`).
fn unread(session: &mut Session) -> usize {
    let mut has = |n: usize| n == 0 || session.is_matched(NBytes(n)).unwrap_or(false);
    let mut high = 1;
    while has(high) {
        high *= 2;
    }
    let mut low = high / 2;
    // has(low), not has(high)
    while high - low > 1 {
        let middle = (low + high) / 2;
        if has(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

fn check_passes(terminal: &Terminal) {
    let output = terminal.command(&["check"]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

fn exists(path: &Path) -> bool {
    path.exists()
}

#[test]
fn typing_skipping_going_back_and_finishing_a_step() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["step", "studiedag", "need"]);
    expect(&mut s, "Step 1 of 6: Need");
    expect(&mut s, "[1/5] Who wants this initiative to happen?");
    send(&mut s, "The principal\r");
    expect(&mut s, "[2/5]");
    // Enter on an empty answer skips the question
    send(&mut s, ENTER);
    expect(&mut s, "[3/5]");
    // "<" goes back to the previous question
    send(&mut s, "<\r");
    expect(&mut s, "[2/5]");
    send(&mut s, "Pupils read too little\r");
    expect(&mut s, "[3/5]");
    send(&mut s, "More reading\r");
    expect(&mut s, "[4/5]");
    send(&mut s, "All teachers\r");
    expect(
        &mut s,
        "[5/5] How does the initiative contribute to what is best for the pupils?",
    );
    send(&mut s, "They read more\r");
    // the need step ends by asking what the initiative is about
    expect(&mut s, "Themes it is about");
    send(&mut s, "läsning; NPF\r");
    expect(&mut s, "Mark this step as done?");
    send(&mut s, ENTER);
    // Issue 28, point 3: the initiative began in the past, so the day is asked, the start
    // (the need is stated before it) offered.
    expect(&mut s, "On which day was the step done? (YYYY-MM-DD)");
    expect(&mut s, "2025-03-01");
    send(&mut s, ENTER);
    expect(&mut s, "Next: fortb step studiedag-om-lasning analysis");
    assert_eq!(exit_code(&mut s), 0);
    assert!(terminal
        .record("studiedag-om-lasning")
        .contains("done = 2025-03-01"));

    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("who_wants = \"The principal\""), "{record}");
    assert!(
        record.contains("why = \"Pupils read too little\""),
        "{record}"
    );
    assert!(
        record.contains("beneficiary_value = \"They read more\""),
        "{record}"
    );
    assert!(record.contains("done = "), "{record}");
    assert!(
        record.contains("themes = [\"läsning\", \"NPF\"]"),
        "{record}"
    );
    check_passes(&terminal);
}

#[test]
fn the_current_answer_is_the_default_when_a_step_is_run_again() {
    let terminal = Terminal::new();
    terminal.fortb(&[
        "step",
        "studiedag",
        "need",
        "--answer",
        "who_wants=The principal",
        "--answer",
        "goal=Read more",
    ]);
    let before = terminal.record("studiedag-om-lasning");
    let mut s = terminal.spawn(&["step", "studiedag", "need"]);
    // Issue 28, point 2: it picks up at the first unanswered question, and "<" goes back.
    expect(
        &mut s,
        "2 of 5 questions answered; going on with question 2 (< goes back)",
    );
    expect(&mut s, "[2/5]");
    send(&mut s, "<\r");
    expect(&mut s, "[1/5]");
    // the answer stands ready to edit; Enter keeps it
    expect(&mut s, "The principal");
    send(&mut s, ENTER);
    expect(&mut s, "[2/5]");
    send(&mut s, ENTER);
    expect(&mut s, "[3/5]");
    // "-" clears an answer
    send(&mut s, &"\x7f".repeat("Read more".len()));
    send(&mut s, "-\r");
    expect(&mut s, "[4/5]");
    send(&mut s, ENTER);
    expect(&mut s, "[5/5]");
    send(&mut s, ENTER);
    expect(&mut s, "Themes it is about");
    send(&mut s, ENTER);
    expect(
        &mut s,
        "Unanswered questions: 4. Mark this step as done anyway?",
    );
    // with questions unanswered the default is "no"
    send(&mut s, ENTER);
    assert_eq!(exit_code(&mut s), 0);
    let after = terminal.record("studiedag-om-lasning");
    assert!(after.contains("who_wants = \"The principal\""), "{after}");
    assert!(!after.contains("goal"), "{after}");
    assert!(!after.contains("done"), "{after}");
    assert_ne!(before, after);
}

#[test]
fn picking_in_a_select_and_a_multi_select() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["step", "studiedag", "analysis"]);
    expect(&mut s, "[1/5]");
    send(&mut s, "No habit of reading\r");
    expect(&mut s, "[2/5]");
    send(&mut s, "Time; Books\r");
    expect(&mut s, "[3/5]");
    send(&mut s, ENTER);
    expect(&mut s, "[4/5]");
    // multi-select: training (first) and organisation (third)
    send(&mut s, " ");
    send(&mut s, DOWN);
    send(&mut s, DOWN);
    send(&mut s, " ");
    send(&mut s, ENTER);
    expect(&mut s, "[5/5]");
    // yes/no as a select: "no" is the second item
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    expect(
        &mut s,
        "Unanswered questions: 1. Mark this step as done anyway?",
    );
    send(&mut s, "\x1b[A"); // up to "yes"
    send(&mut s, ENTER);
    // the initiative began in the past: the day is asked, its start offered
    expect(&mut s, "On which day was the step done?");
    send(&mut s, ENTER);
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("done = 2025-03-01"), "{record}");
    assert!(
        record.contains("challenges = [\"Time\", \"Books\"]"),
        "{record}"
    );
    assert!(
        record.contains("mix = [\"training\", \"organisation\"]"),
        "{record}"
    );
    assert!(record.contains("training_enough = false"), "{record}");
    check_passes(&terminal);
}

#[test]
fn ctrl_c_keeps_every_answer_given_and_restores_the_cursor() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["step", "studiedag"]);
    expect(&mut s, "[1/5]");
    send(&mut s, "The principal\r");
    expect(&mut s, "[2/5]");
    send(&mut s, "Half an ans");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Stopped. Every answer given so far is saved.");
    assert_eq!(exit_code(&mut s), 130);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("who_wants = \"The principal\""), "{record}");
    assert!(!record.contains("Half an ans"), "{record}");
    check_passes(&terminal);
    // no temporary file is left behind
    let leftovers: Vec<_> = std::fs::read_dir(terminal.path("initiatives"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn ctrl_c_in_a_select_restores_the_cursor() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["step", "studiedag", "production"]);
    expect(&mut s, "[1/5]");
    send(&mut s, ENTER);
    expect(&mut s, "[2/5]");
    s.send(ControlCode::EndOfText).unwrap();
    let captured = s.expect("Stopped.").unwrap();
    let before = String::from_utf8_lossy(captured.before()).to_string();
    // the cursor, hidden by the select, is shown again before the message
    assert!(
        before.contains("\x1b[?25h"),
        "cursor not restored: {before:?}"
    );
    assert_eq!(exit_code(&mut s), 130);
}

#[test]
fn ctrl_c_in_a_select_clears_the_menu_before_the_message() {
    let terminal = Terminal::new();
    let (mut s, mut screen) = spawn_narrow(&terminal, "step studiedag production");
    wait_for_row(&mut s, &mut screen, "[1/5]");
    send(&mut s, ENTER);
    wait_for_row(&mut s, &mut screen, "← back");
    s.send(ControlCode::EndOfText).unwrap();
    wait_for_row(&mut s, &mut screen, "saved.");
    let (menu, shown) = rows_with(&screen, "[2/5]");
    assert!(menu.is_empty(), "the menu is cleared:\n{shown}");
    assert!(rows_with(&screen, "← back").0.is_empty(), "{shown}");
    // nothing above the menu is cleared with it
    assert_eq!(rows_with(&screen, "Enter keeps").0.len(), 1, "{shown}");
    assert_eq!(rows_with(&screen, "[1/5]").0.len(), 1, "{shown}");
    assert_eq!(rows_with(&screen, "Stopped.").0.len(), 1, "{shown}");
    assert_eq!(exit_code(&mut s), 130);
}

#[test]
fn new_offers_the_first_step_in_a_terminal() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["new", "Konferens om AI", "--start", "2026-01-10"]);
    expect(&mut s, "initiatives/konferens-om-ai.toml");
    expect(&mut s, "Start with the first step, Need, now?");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    expect(&mut s, "Next: fortb step konferens-om-ai need");
    assert_eq!(exit_code(&mut s), 0);
    assert!(exists(&terminal.path("initiatives/konferens-om-ai.toml")));
}

#[test]
fn new_shows_the_earlier_ones_once_before_the_need_step() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["new", "Studiedag om skrivande", "--start", "2026-01-12"]);
    // In a terminal the panel is part of the output, before the offer.
    expect(&mut s, "Earlier initiatives like this one");
    expect(&mut s, "Studiedag om läsning (2025)");
    expect(&mut s, "Start with the first step, Need, now?");
    send(&mut s, ENTER);
    let captured = s.expect("[1/5]").unwrap();
    let before = String::from_utf8_lossy(captured.before()).to_string();
    assert!(!before.contains("Earlier initiatives"), "{before}");
    assert_eq!(interrupt(&mut s), 130);
}

#[test]
fn escape_declines_the_first_step_and_ctrl_c_there_says_so() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["new", "Konferens om AI", "--start", "2026-01-10"]);
    expect(&mut s, "Start with the first step, Need, now?");
    send(&mut s, "\x1b");
    expect(&mut s, "Next: fortb step konferens-om-ai need");
    assert_eq!(exit_code(&mut s), 0);

    let mut s = terminal.spawn(&["new", "Studiedag om AI", "--start", "2026-01-12"]);
    expect(&mut s, "Start with the first step, Need, now?");
    s.send(ControlCode::EndOfText).unwrap();
    let captured = s.expect("Stopped.").unwrap();
    let before = String::from_utf8_lossy(captured.before()).to_string();
    assert!(
        before.contains("\x1b[?25h"),
        "cursor not restored: {before:?}"
    );
    assert_eq!(exit_code(&mut s), 130);
    assert!(exists(&terminal.path("initiatives/studiedag-om-ai.toml")));
}

/// fortb in a terminal 60 columns wide (set before fortb starts, with fortb's usual
/// environment), and a screen that shows what the user sees.
fn spawn_narrow(terminal: &Terminal, args: &str) -> (Session, vt100::Parser) {
    spawn_sized(terminal, args, 60)
}

/// fortb in a terminal `columns` wide and 30 rows high, and its screen.
fn spawn_sized(terminal: &Terminal, args: &str, columns: u16) -> (Session, vt100::Parser) {
    let fortb = terminal.command(&[]);
    let mut command = Command::new("sh");
    command
        .args([
            "-c",
            &format!(
                "stty cols {columns} rows 30; exec '{}' {args}",
                env!("CARGO_BIN_EXE_fortb")
            ),
        ])
        .current_dir(terminal.path(""));
    for (key, value) in fortb.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let mut s = start(command);
    // Also from this side, so the size never depends on the stty alone.
    s.get_process_mut().set_window_size(columns, 30).unwrap();
    let screen = vt100::Parser::new(
        NonZeroU16::new(30).unwrap(),
        NonZeroU16::new(columns).unwrap(),
        0,
    );
    (s, screen)
}

/// The screen's rows that hold `text`, and the whole screen to show when an assertion fails.
fn rows_with(screen: &vt100::Parser, text: &str) -> (Vec<String>, String) {
    let columns: u16 = screen.screen().size().1.into();
    let rows: Vec<String> = screen.screen().rows(0, columns).collect();
    let with: Vec<String> = rows.iter().filter(|r| r.contains(text)).cloned().collect();
    (with, rows.join("\n"))
}

/// Reads what fortb writes into `screen` until a row holds `text`, rather than waiting a
/// fixed time, which is too short on a loaded machine; panics with the screen after 10 s.
fn wait_for_row(session: &mut Session, screen: &mut vt100::Parser, text: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (rows, shown) = rows_with(screen, text);
        if let Some(row) = rows.first() {
            return row.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "waiting for a row with {text:?}:\n{shown}"
        );
        let waiting = unread(session);
        if waiting == 0 {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        let found = session
            .check(NBytes(waiting))
            .unwrap_or_else(|error| panic!("reading fortb's screen: {error}"));
        screen.process(found.as_bytes());
    }
}

#[test]
fn a_long_answer_that_wraps_leaves_no_prompt_line_behind() {
    let terminal = Terminal::new();
    let (mut s, mut screen) = spawn_narrow(&terminal, "step studiedag");
    screen.process(s.expect("[1/5]").unwrap().as_bytes());
    let long = "A long answer that needs more than one row of this narrow terminal to show";
    send(&mut s, &format!("{long}\r"));
    screen.process(s.expect("[2/5]").unwrap().as_bytes());
    let (asked, shown) = rows_with(&screen, "[1/5]");
    assert_eq!(asked.len(), 1, "the [1/5] prompt shows once:\n{shown}");
    assert!(asked[0].contains(": A long answer"), "{shown}");
    assert_eq!(interrupt(&mut s), 130);
    assert!(terminal.record("studiedag-om-lasning").contains(long));
}

#[test]
fn a_kept_answer_of_several_lines_shows_its_first_line_after_the_prompt() {
    let terminal = Terminal::new();
    terminal.fortb(&[
        "step",
        "studiedag",
        "need",
        "--answer",
        "who_wants=The principal\nand the whole staff",
    ]);
    let before = terminal.record("studiedag-om-lasning");
    let (mut s, mut screen) = spawn_narrow(&terminal, "step studiedag need");
    // It resumes at [2/5]; "<" goes back to the kept answer.
    screen.process(s.expect("[2/5]").unwrap().as_bytes());
    send(&mut s, "<\r");
    screen.process(s.expect("[1/5]").unwrap().as_bytes());
    send(&mut s, ENTER);
    screen.process(s.expect("[2/5]").unwrap().as_bytes());
    let (asked, shown) = rows_with(&screen, "[1/5]");
    assert_eq!(asked.len(), 1, "the [1/5] prompt shows once:\n{shown}");
    assert!(asked[0].contains(": The principal…"), "{shown}");
    assert!(!asked[0].contains("whole staff"), "{shown}");
    assert_eq!(interrupt(&mut s), 130);
    assert_eq!(terminal.record("studiedag-om-lasning"), before);
}

/// "<", "-" and ":e" typed after an answer that stands ready to edit act as they do on an
/// empty line: they were added to the answer and saved with it.
#[test]
fn a_command_typed_after_a_kept_answer_is_a_command() {
    for lang in ["en", "sv"] {
        let terminal = Terminal::new();
        terminal.fortb(&["step", "studiedag", "need", "--answer", "who_wants=Rektor"]);
        terminal.fortb(&["step", "studiedag", "need", "--answer", "why=Nya böcker"]);
        let mut s = terminal.spawn(&["--lang", lang, "step", "studiedag", "need"]);
        expect(&mut s, "[3/5]");
        send(&mut s, "<\r");
        expect(&mut s, "böcker");
        // Typed after "Nya böcker": back to [1/5], the answer as it was.
        send(&mut s, "<\r");
        expect(&mut s, "[1/5]");
        expect(&mut s, "Rektor");
        // Typed after "Rektor": the answer is cleared.
        send(&mut s, "-\r");
        expect(&mut s, "[2/5]");
        assert_eq!(interrupt(&mut s), 130);
        let record = terminal.record("studiedag-om-lasning");
        assert!(
            record.contains("why = \"Nya böcker\"\n"),
            "{lang}:\n{record}"
        );
        assert!(!record.contains("Rektor"), "{lang}:\n{record}");
    }
}

/// Issue 28, point 5: a kept answer after its prompt uses the room the row has, cut at a
/// word: "läroböckerna…" where it fits, not "läroböckern…" nor a fixed 60 characters.
#[test]
fn a_kept_answer_is_cut_at_a_word_to_the_room_its_row_has() {
    let long = "Eleverna förstår inte de nya läroböckerna i matematik och lärarna vet inte hur \
                de ska använda dem i undervisningen\noch mer";
    let first = long.lines().next().unwrap();
    for (lang, columns) in [("en", 80), ("sv", 80), ("en", 110), ("sv", 110), ("sv", 60)] {
        let terminal = Terminal::new();
        terminal.fortb(&[
            "step",
            "studiedag",
            "need",
            "--answer",
            &format!("who_wants={long}"),
        ]);
        let args = format!("--lang {lang} step studiedag need");
        let (mut s, mut screen) = spawn_sized(&terminal, &args, columns);
        screen.process(s.expect("[2/5]").unwrap().as_bytes());
        send(&mut s, "<\r");
        screen.process(s.expect("[1/5]").unwrap().as_bytes());
        send(&mut s, ENTER);
        wait_for_row(&mut s, &mut screen, "…");
        let (_, shown) = rows_with(&screen, "[1/5]");
        let rows: Vec<&str> = shown.lines().map(str::trim_end).collect();
        let at = rows.iter().rposition(|r| r.contains("[1/5]")).unwrap();
        // The answer follows the prompt on its row, or takes the row under it.
        let mut answer = rows[at]
            .find("Eleverna")
            .map_or("", |start| &rows[at][start..])
            .to_string();
        if !answer.ends_with('…') {
            answer = format!("{answer} {}", rows[at + 1]).trim().to_string();
        }
        let kept = answer.strip_suffix('…').expect(&shown);
        assert!(first.starts_with(kept), "{lang} {columns}:\n{shown}");
        let row = rows[at..=at + 1].iter().find(|r| r.ends_with('…')).unwrap();
        assert!(row.chars().count() < usize::from(columns), "{shown}");
        if columns >= 80 {
            // One row, ended no earlier than the next word must be left out.
            assert!(rows[at].ends_with('…'), "{lang} {columns}:\n{shown}");
            let next = first[kept.len()..].split_whitespace().next().unwrap();
            let width = rows[at].chars().count() + next.chars().count() + 1;
            assert!(width >= usize::from(columns), "{lang} {columns}:\n{shown}");
        }
        assert_eq!(interrupt(&mut s), 130);
    }
}

#[test]
fn the_interview_speaks_swedish() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["--lang", "sv", "step", "studiedag", "behov"]);
    expect(&mut s, "Steg 1 av 6: Behov");
    expect(&mut s, "Vem vill att insatsen blir av?");
    send(&mut s, "Rektor\r");
    expect(&mut s, "[2/5]");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Avbrutet. Alla svar hittills är sparade.");
    assert_eq!(exit_code(&mut s), 130);
}

/// Answers "no" to starting a fresh review session unaided, which is offered with "yes".
fn decline_unaided_start(session: &mut Session) {
    expect(
        session,
        "Start by naming the initiatives you remember, before you see the list?",
    );
    send(session, DOWN);
    send(session, ENTER);
}

/// Anna rates the book circle, on a fixed day.
const ANNA_RECALLS: &[&str] = &[
    "recall",
    "bokcirkel",
    "--by",
    "Anna",
    "--date",
    "2026-11-20",
];

#[test]
fn recalling_one_initiative_in_a_terminal() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(ANNA_RECALLS);
    expect(&mut s, "Bokcirkel om bedömning");
    expect(&mut s, "Has it stuck with you personally?");
    expect(&mut s, "made a difference");
    send(&mut s, &DOWN.repeat(3));
    send(&mut s, ENTER);
    expect(&mut s, "With the leadership group?");
    send(&mut s, &DOWN.repeat(2));
    send(&mut s, ENTER);
    expect(&mut s, "With the staff?");
    send(&mut s, &DOWN.repeat(5));
    send(&mut s, ENTER);
    expect(&mut s, "Where it stuck – ");
    send(&mut s, " ");
    send(&mut s, &DOWN.repeat(2));
    send(&mut s, " ");
    send(&mut s, ENTER);
    expect(&mut s, "A note");
    send(&mut s, "We still use it\r");
    expect(&mut s, "saved Anna's rating");
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("bokcirkel-om-bedomning");
    assert!(
        record.contains(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nself = 3\nleadership = 2\nwhy = [\"need\", \"discussion\"]\nnote = \"We still use it\"\n"
        ),
        "{record}"
    );
}

#[test]
fn ctrl_c_in_a_recall_keeps_the_scores_already_given() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(ANNA_RECALLS);
    expect(&mut s, "Has it stuck with you personally?");
    send(&mut s, &DOWN.repeat(2));
    send(&mut s, ENTER);
    expect(&mut s, "With the leadership group?");
    send(&mut s, &DOWN.repeat(3));
    send(&mut s, ENTER);
    expect(&mut s, "With the staff?");
    send(&mut s, &DOWN.repeat(2));
    send(&mut s, ENTER);
    expect(&mut s, "Where it stuck – ");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Stopped. Every answer given so far is saved.");
    assert_eq!(exit_code(&mut s), 130);
    let record = terminal.record("bokcirkel-om-bedomning");
    assert!(
        record.contains(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nself = 2\nleadership = 3\nstaff = 2\n"
        ),
        "{record}"
    );
    check_passes(&terminal);
}

#[test]
fn a_review_session_can_be_stopped_and_resumed() {
    let terminal = Terminal::new();
    let args = [
        "recall",
        "--by",
        "Erik",
        "--date",
        "2026-11-20",
        "--until",
        "2026-11-23",
    ];
    let mut s = terminal.spawn(&args);
    expect(&mut s, "2 initiatives from 2024-11-23 to 2026-11-23");
    decline_unaided_start(&mut s);
    expect(&mut s, "(1/2) Studiedag om läsning");
    send(&mut s, ENTER); // 0 forgotten
    expect(&mut s, "With the leadership group?");
    send(&mut s, DOWN);
    send(&mut s, ENTER); // 1
    expect(&mut s, "With the staff?");
    send(&mut s, ENTER); // 0
    expect(&mut s, "Where it did not stick – ");
    send(&mut s, " "); // time
    send(&mut s, ENTER);
    expect(&mut s, "A note");
    send(&mut s, ENTER);
    expect(&mut s, "(2/2) Bokcirkel om bedömning");
    expect(&mut s, "Has it stuck with you personally?");
    send(&mut s, "\x1b");
    expect(&mut s, "Stopped. Rated this time: 1; left: 1.");
    assert_eq!(exit_code(&mut s), 0);
    assert!(terminal
        .record("studiedag-om-lasning")
        .contains("by = \"Erik\""));
    assert!(!terminal.record("bokcirkel-om-bedomning").contains("Erik"));

    // resuming offers only what is left
    let mut s = terminal.spawn(&args);
    expect(&mut s, "1 initiative from");
    // once part of the list is seen, starting unaided is offered with "no" as the default
    expect(&mut s, "Start by naming");
    send(&mut s, ENTER);
    expect(&mut s, "(1/1) Bokcirkel om bedömning");
    send(&mut s, &DOWN.repeat(6)); // "(skip this initiative)", after the scale and "don't know"
    send(&mut s, ENTER);
    expect(&mut s, "Done. Rated this time: 0.");
    assert_eq!(exit_code(&mut s), 0);
}

#[test]
fn a_rating_stopped_after_the_first_question_is_kept_but_not_counted_and_resumed() {
    let terminal = Terminal::new();
    let args = [
        "recall",
        "--by",
        "Anna",
        "--date",
        "2026-11-20",
        "--until",
        "2026-11-23",
    ];
    let mut s = terminal.spawn(&args);
    decline_unaided_start(&mut s);
    expect(&mut s, "(1/2) Studiedag om läsning");
    send(&mut s, &DOWN.repeat(3));
    send(&mut s, ENTER); // 3 made an impression
    expect(&mut s, "With the leadership group?");
    send(&mut s, "\x1b");
    expect(&mut s, "Stopped. Rated this time: 0; left: 2.");
    assert_eq!(exit_code(&mut s), 0);
    assert!(
        terminal.record("studiedag-om-lasning").ends_with(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nself = 3\nincomplete = true\n"
        ),
        "{}",
        terminal.record("studiedag-om-lasning")
    );
    let summary = terminal.fortb(&["summary", "--until", "2026-11-23", "--format", "csv"]);
    assert!(
        summary.contains(",studiedag-om-lasning,Studiedag om läsning,Study day,2025-03-01,,,,,"),
        "not a rating yet:\n{summary}"
    );
    check_passes(&terminal);

    // the next session, a day later, asks about it again and finishes the same entry
    let mut s = terminal.spawn(&[&args[..4], &["2026-11-21", "--until", "2026-11-23"]].concat());
    expect(&mut s, "2 initiatives from");
    expect(&mut s, "Start by naming");
    send(&mut s, ENTER); // no: the list was seen yesterday
    expect(&mut s, "(1/2) Studiedag om läsning");
    expect(&mut s, "Has it stuck with you personally?");
    send(&mut s, ENTER); // keeps the 3 given yesterday
    expect(&mut s, "With the leadership group?");
    send(&mut s, &UP.repeat(2));
    send(&mut s, ENTER); // from "don't know" up to 3
    expect(&mut s, "With the staff?");
    send(&mut s, ENTER); // don't know
    expect(&mut s, "Where it stuck – ");
    send(&mut s, ENTER);
    expect(&mut s, "A note");
    send(&mut s, ENTER);
    expect(&mut s, "(2/2) Bokcirkel om bedömning");
    send(&mut s, "\x1b");
    expect(&mut s, "Stopped. Rated this time: 1; left: 1.");
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("studiedag-om-lasning");
    assert_eq!(record.matches("[[recall]]").count(), 1, "{record}");
    assert!(!record.contains("incomplete"), "{record}");
    assert!(
        record.contains("date = 2026-11-20\nself = 3\nleadership = 3\n"),
        "{record}"
    );
}

/// A review session of Anna's, on a fixed day, over the two study days and the book circle.
fn three_to_look_back_at(terminal: &Terminal) -> [&'static str; 7] {
    terminal.fortb(&[
        "new",
        "Studiedag om skrivande",
        "--start",
        "2025-04-01",
        "--no-interview",
    ]);
    [
        "recall",
        "--by",
        "Anna",
        "--date",
        "2026-11-20",
        "--until",
        "2026-11-23",
    ]
}

#[test]
fn an_unaided_start_matches_what_is_named_asks_when_unsure_then_rates() {
    let terminal = Terminal::new();
    let args = three_to_look_back_at(&terminal);
    let mut s = terminal.spawn(&[&args[..], &["--unaided"]].concat());
    // --unaided starts at once, without the offer and before any title is shown
    expect(
        &mut s,
        "Which initiatives from 2024-11-23 to 2026-11-23 do you remember?",
    );
    expect(&mut s, "I remember");
    send(&mut s, "bokcirkeln\r");
    expect(&mut s, "→ Bokcirkel om bedömning");
    send(&mut s, "studiedagen\r");
    expect(&mut s, "Which one did you mean by “studiedagen”?");
    expect(&mut s, "(none of these)");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    send(&mut s, "mattelyftet\r");
    expect(
        &mut s,
        "No initiative of the period is called anything like “mattelyftet”",
    );
    send(&mut s, "Bokcirkel om bedomning\r");
    expect(&mut s, "Bokcirkel om bedömning: already named.");
    send(&mut s, ENTER);
    expect(&mut s, "You named 2 of 3 initiatives without the list.");
    expect(&mut s, "(1/3) Studiedag om läsning");
    send(&mut s, &DOWN.repeat(6)); // skip: the scale, "don't know", then skip
    send(&mut s, ENTER);
    expect(&mut s, "(2/3) Studiedag om skrivande");
    send(&mut s, &DOWN.repeat(6));
    send(&mut s, ENTER);
    expect(&mut s, "(3/3) Bokcirkel om bedömning");
    expect(&mut s, "Has it stuck with you personally?");
    send(&mut s, &DOWN.repeat(3));
    send(&mut s, ENTER); // 3
    expect(&mut s, "With the leadership group?");
    send(&mut s, &DOWN.repeat(2));
    send(&mut s, ENTER); // 2
    expect(&mut s, "With the staff?");
    send(&mut s, &DOWN.repeat(5));
    send(&mut s, ENTER); // don't know
    expect(&mut s, "Where it stuck – ");
    send(&mut s, ENTER);
    expect(&mut s, "A note");
    send(&mut s, ENTER);
    expect(&mut s, "Done. Rated this time: 1.");
    assert_eq!(exit_code(&mut s), 0);
    assert!(
        terminal.record("bokcirkel-om-bedomning").ends_with(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nunaided = true\nself = 3\nleadership = 2\n"
        ),
        "{}",
        terminal.record("bokcirkel-om-bedomning")
    );
    // named, then skipped: kept, but no rating until it is rated
    assert!(
        terminal.record("studiedag-om-skrivande").ends_with(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nunaided = true\nincomplete = true\n"
        ),
        "{}",
        terminal.record("studiedag-om-skrivande")
    );
    assert!(!terminal
        .record("studiedag-om-lasning")
        .contains("[[recall]]"));
    let summary = terminal.fortb(&["summary", "--until", "2026-11-23", "--format", "json"]);
    let unaided: Vec<(String, u64)> = serde_json::from_str::<serde_json::Value>(&summary).unwrap()
        ["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["unaided_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        unaided.contains(&("bokcirkel-om-bedomning".into(), 1)),
        "{summary}"
    );
    assert!(
        unaided.contains(&("studiedag-om-skrivande".into(), 0)),
        "{summary}"
    );
    check_passes(&terminal);
}

#[test]
fn the_unaided_start_in_swedish_keeps_what_was_named_when_ctrl_c_is_pressed() {
    let terminal = Terminal::new();
    let args = three_to_look_back_at(&terminal);
    let mut s = terminal.spawn(&[&["--lang", "sv"], &args[..]].concat());
    // offered in a terminal, "ja" by default before any of the list is seen
    expect(
        &mut s,
        "Vill du börja med att räkna upp de insatser du minns, innan du ser listan?",
    );
    send(&mut s, ENTER);
    expect(
        &mut s,
        "Vilka insatser från 2024-11-23 till 2026-11-23 minns du?",
    );
    send(&mut s, "studiedag lasnig\r"); // a typo, and no accent
    expect(&mut s, "→ Studiedag om läsning");
    send(&mut s, "bokcirkel om ledarskap\r"); // half a match: asked, not taken
    expect(&mut s, "Vilken menade du med ”bokcirkel om ledarskap”?");
    expect(&mut s, "(ingen av dem)");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    expect(&mut s, "Jag minns");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Avbrutet. Alla svar hittills är sparade.");
    assert_eq!(exit_code(&mut s), 130);
    assert!(
        terminal.record("studiedag-om-lasning").ends_with(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nunaided = true\nincomplete = true\n"
        ),
        "{}",
        terminal.record("studiedag-om-lasning")
    );
    assert!(!terminal
        .record("bokcirkel-om-bedomning")
        .contains("[[recall]]"));
    check_passes(&terminal);

    // the next session offers "nej" by default and rates the named one from the top of the scale
    let mut s = terminal.spawn(&[&["--lang", "sv"], &args[..]].concat());
    expect(&mut s, "Vill du börja med att räkna upp");
    send(&mut s, ENTER);
    expect(&mut s, "(1/3) Studiedag om läsning");
    expect(&mut s, "Har det fastnat hos dig personligen?");
    send(&mut s, &DOWN.repeat(4));
    send(&mut s, ENTER); // 4
    expect(&mut s, "Hos ledningsgruppen?");
    send(&mut s, ENTER); // 0
    expect(&mut s, "Hos personalen?");
    send(&mut s, ENTER); // 0
                         // Issue 28, point 14: each why names the groups it asks about.
    expect(&mut s, "Där det fastnade – hos dig personligen: varför?");
    send(&mut s, ENTER);
    expect(&mut s, "Där det inte fastnade – hos ledningsgruppen");
    send(&mut s, ENTER);
    expect(&mut s, "En anteckning");
    send(&mut s, ENTER);
    expect(&mut s, "(2/3) Studiedag om skrivande");
    send(&mut s, "\x1b");
    expect(&mut s, "Avslutat. Bedömda den här gången: 1, kvar: 2.");
    assert_eq!(exit_code(&mut s), 0);
    assert!(
        terminal.record("studiedag-om-lasning").ends_with(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nunaided = true\nself = 4\nleadership = 0\nstaff = 0\n"
        ),
        "{}",
        terminal.record("studiedag-om-lasning")
    );
}

#[test]
fn a_change_made_on_disk_during_an_interview_is_kept() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["step", "studiedag", "need"]);
    expect(&mut s, "[1/5]");
    send(&mut s, "The principal\r");
    expect(&mut s, "[2/5]");
    // meanwhile, someone else writes the same record
    terminal.fortb(&[
        "recall",
        "studiedag",
        "--by",
        "Erik",
        "--staff",
        "2",
        "--date",
        "2026-11-20",
    ]);
    send(&mut s, "Pupils read too little\r");
    expect(&mut s, "[3/5]");
    assert_eq!(interrupt(&mut s), 130);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("by = \"Erik\""), "{record}");
    assert!(
        record.contains("who_wants = \"The principal\"")
            && record.contains("why = \"Pupils read too little\""),
        "{record}"
    );
}

#[test]
fn new_with_a_title_that_exists_offers_to_open_the_existing_record() {
    let terminal = Terminal::new();
    let mut command = terminal.command(&["new", "Studiedag om läsning"]);
    // An editor that changes nothing: opening is all this test looks for.
    command.env("EDITOR", "true");
    let mut s = start(command);
    expect(
        &mut s,
        "studiedag-om-lasning already exists. Open it instead of making a new one?",
    );
    send(&mut s, ENTER);
    expect(&mut s, "initiatives/studiedag-om-lasning.toml is valid");
    assert_eq!(exit_code(&mut s), 0);
    assert!(!exists(
        &terminal.path("initiatives/studiedag-om-lasning-2.toml")
    ));

    // "no" makes a second record, and says so
    let mut s = terminal.spawn(&["new", "Studiedag om läsning", "--kind", "study-day"]);
    expect(&mut s, "Open it instead");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    // The message is longer than the 80-column terminal: it wraps at a space, never inside
    // the id (the terminal alone would cut it wherever the line ends).
    expect(
        &mut s,
        "so the new initiative got the id\r\nstudiedag-om-lasning-2;",
    );
    s.send(ControlCode::EndOfText).unwrap();
    let _ = s.get_process().wait();
    assert!(exists(
        &terminal.path("initiatives/studiedag-om-lasning-2.toml")
    ));
}

#[test]
fn remove_asks_first_and_no_keeps_the_record() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["remove", "studiedag"]);
    expect(
        &mut s,
        "studiedag-om-lasning is not in git, so removing it loses it for good",
    );
    expect(
        &mut s,
        "Remove studiedag-om-lasning (Studiedag om läsning)?",
    );
    // the default is "no"
    send(&mut s, ENTER);
    expect(&mut s, "kept studiedag-om-lasning");
    assert_eq!(exit_code(&mut s), 0);
    assert!(exists(
        &terminal.path("initiatives/studiedag-om-lasning.toml")
    ));

    // Ctrl-C at the question removes nothing, and says so.
    let mut s = terminal.spawn(&["remove", "studiedag"]);
    expect(&mut s, "Remove studiedag-om-lasning");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Interrupted. Nothing was changed.");
    assert_eq!(exit_code(&mut s), 130);
    assert!(exists(
        &terminal.path("initiatives/studiedag-om-lasning.toml")
    ));

    let mut s = terminal.spawn(&["remove", "studiedag"]);
    expect(&mut s, "Remove studiedag-om-lasning");
    send(&mut s, "\x1b[A");
    send(&mut s, ENTER);
    expect(
        &mut s,
        "removed studiedag-om-lasning (Studiedag om läsning)",
    );
    assert_eq!(exit_code(&mut s), 0);
    assert!(!exists(
        &terminal.path("initiatives/studiedag-om-lasning.toml")
    ));
}

/// git in the terminal's project, whatever the machine's git settings say.
fn git_in(terminal: &Terminal, args: &[&str]) {
    let output = Command::new("git")
        .args(args)
        .current_dir(terminal.path(""))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

#[test]
fn remove_names_what_would_be_lost_for_good_before_asking() {
    let terminal = Terminal::new();
    git_in(&terminal, &["init", "--quiet"]);
    git_in(&terminal, &["add", "-A"]);
    git_in(&terminal, &["commit", "--quiet", "-m", "first"]);
    let record = terminal.path("initiatives/studiedag-om-lasning.toml");
    let changed = format!("{}sessions = 2\n", terminal.record("studiedag-om-lasning"));
    std::fs::write(&record, &changed).unwrap();
    std::fs::write(
        terminal.path("initiatives/.studiedag-om-lasning.edit.toml"),
        "# half done\n",
    )
    .unwrap();
    let private = terminal.path(".fortb/surveys/studiedag-om-lasning");
    std::fs::create_dir_all(&private).unwrap();
    std::fs::write(private.join("end.toml"), "fingerprints = []\n").unwrap();
    let mut s = terminal.spawn(&["--lang", "sv", "remove", "studiedag"]);
    expect(
        &mut s,
        "om studiedag-om-lasning tas bort försvinner detta för gott:",
    );
    // Each line is wrapped to the terminal's 80 columns: their beginnings are checked.
    expect(
        &mut s,
        "· ändringarna i initiatives/studiedag-om-lasning.toml sedan",
    );
    expect(
        &mut s,
        "· en påbörjad redigering i initiatives/.studiedag-om-lasning.edit.toml",
    );
    expect(
        &mut s,
        "· de privata enkätsvaren i .fortb/surveys/studiedag-om-lasning",
    );
    expect(
        &mut s,
        "Ta bort studiedag-om-lasning (Studiedag om läsning)?",
    );
    send(&mut s, ENTER);
    expect(&mut s, "behöll studiedag-om-lasning");
    assert_eq!(exit_code(&mut s), 0);
    assert_eq!(std::fs::read_to_string(&record).unwrap(), changed);
    assert!(private.join("end.toml").exists());
}

/// The goals' menu keeps its prompt while it is redrawn: items with å, ä, ö and dashes, one
/// row wide but longer in bytes than the terminal, made each redraw eat a row above.
#[test]
fn the_goals_menu_keeps_its_prompt_through_redraws_at_eighty_columns() {
    let plan = "[[goal]]\nid = \"formativ\"\ntitle = \"Formativ och likvärdig bedömning i alla ämnen\"\n\n\
                [[goal.learning]]\nwho = \"Alla lärare F–9\"\ncan = \"formulera lärandemål och \
                kriterier som eleverna förstår – och använda dem i undervisningen\"\n\n\
                [[goal.learning]]\nwho = \"Matematiklärarna åk 1–9\"\ncan = \"ge återkoppling under \
                lektionen som för lärandet framåt – muntligt och skriftligt\"\n";
    for (lang, asked, next) in [
        ("sv", "Vilka av planens mål", "Markera steget"),
        ("en", "Which of the plan's goals", "Mark this step"),
    ] {
        let terminal = Terminal::new();
        std::fs::write(terminal.path("plan.toml"), plan).unwrap();
        let args = format!("--lang {lang} step studiedag concept");
        let (mut s, mut screen) = spawn_sized(&terminal, &args, 80);
        for n in 1..=6 {
            screen.process(s.expect(format!("[{n}/6]").as_str()).unwrap().as_bytes());
            send(&mut s, ENTER);
        }
        wait_for_row(&mut s, &mut screen, "formativ.2");
        // Each key redraws the menu; Enter clears it for the answered line.
        for key in [DOWN, " ", DOWN, " ", DOWN, ENTER] {
            send(&mut s, key);
        }
        wait_for_row(&mut s, &mut screen, next);
        let (rows, shown) = rows_with(&screen, asked);
        assert_eq!(rows.len(), 1, "{lang}:\n{shown}");
        for above in ["[5/6]", "[6/6]"] {
            assert_eq!(rows_with(&screen, above).0.len(), 1, "{lang}:\n{shown}");
        }
        assert_eq!(interrupt(&mut s), 130);
    }
}

#[test]
fn the_concept_step_offers_the_plan_s_goals_and_learning_goals() {
    let terminal = Terminal::new();
    std::fs::write(
        terminal.path("plan.toml"),
        "[[goal]]\nid = \"reading\"\ntitle = \"Every pupil reads\"\n\n[[goal]]\nid = \"trust\"\ntitle = \"Safe breaks\"\n\n[[goal.learning]]\nwho = \"Break staff\"\ncan = \"stop conflicts early\"\n",
    )
    .unwrap();
    // The need step leaves the goals alone: its own `goal` answer is another thing.
    let mut s = terminal.spawn(&["step", "studiedag", "need"]);
    for n in 1..=5 {
        expect(&mut s, &format!("[{n}/5]"));
        send(&mut s, ENTER);
    }
    // The first step asks for themes too (none here).
    expect(&mut s, "Themes it is about");
    send(&mut s, ENTER);
    expect(&mut s, "Mark this step as done anyway?");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    // The initiative lies in the past: the day it was done is asked, its start offered.
    expect(&mut s, "On which day was the step done?");
    send(&mut s, ENTER);
    assert_eq!(exit_code(&mut s), 0);
    let mut s = terminal.spawn(&["step", "studiedag", "concept"]);
    for n in 1..=6 {
        expect(&mut s, &format!("[{n}/6]"));
        send(&mut s, ENTER);
    }
    expect(
        &mut s,
        "Which of the plan's goals and learning goals does it serve?",
    );
    expect(&mut s, "trust.1: Break staff – stop conflicts early");
    // the learning goal only: its goal comes with it
    send(&mut s, DOWN);
    send(&mut s, DOWN);
    send(&mut s, " ");
    send(&mut s, ENTER);
    expect(&mut s, "Mark this step as done anyway?");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    // The initiative lies in the past: the day it was done is asked, its start offered.
    expect(&mut s, "On which day was the step done?");
    send(&mut s, ENTER);
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("studiedag-om-lasning");
    assert!(
        record.contains("goals = [\"trust\"]\nlearning_goals = [\"trust.1\"]\n"),
        "{record}"
    );
    assert!(!record.contains("goal ="), "{record}");
    check_passes(&terminal);
}

/// Issue 28, point 1: the themes' menu, whose prompt wraps over two rows at 80 columns in
/// Swedish, leaves no copy of its first row behind when it is redrawn.
#[test]
fn the_themes_menu_leaves_nothing_behind_at_eighty_columns() {
    for (lang, asked) in [
        ("sv", "Vilka av projektets teman"),
        ("en", "Which of the project's themes"),
    ] {
        let terminal = Terminal::new();
        let config = std::fs::read_to_string(terminal.path("fortb.toml")).unwrap();
        let themes = "themes = [\"läsning\", \"NPF\"]";
        std::fs::write(terminal.path("fortb.toml"), format!("{config}\n{themes}\n")).unwrap();
        let args = format!("--lang {lang} step studiedag-om-lasning need");
        let columns = if lang == "sv" { 80 } else { 60 };
        let (mut s, mut screen) = spawn_sized(&terminal, &args, columns);
        for n in 1..=5 {
            screen.process(s.expect(format!("[{n}/5]").as_str()).unwrap().as_bytes());
            send(&mut s, ENTER);
        }
        wait_for_row(&mut s, &mut screen, asked);
        send(&mut s, " ");
        send(&mut s, DOWN);
        send(&mut s, ENTER);
        screen.process(
            s.expect(if lang == "sv" {
                "Andra teman"
            } else {
                "Other themes"
            })
            .unwrap()
            .as_bytes(),
        );
        let (rows, shown) = rows_with(&screen, asked);
        assert_eq!(rows.len(), 1, "{lang}: the prompt shows once:\n{shown}");
        assert!(shown.contains("läsning"), "{lang}:\n{shown}");
        assert_eq!(interrupt(&mut s), 130);
    }
}

#[test]
fn the_interview_shows_earlier_ones_asks_themes_offers_not_training_and_asks_for_material() {
    let terminal = Terminal::new();
    let config = std::fs::read_to_string(terminal.path("fortb.toml")).unwrap();
    std::fs::write(
        terminal.path("fortb.toml"),
        format!("{config}\nthemes = [\"läsning\", \"NPF\"]\n"),
    )
    .unwrap();
    std::fs::write(
        terminal.path("initiatives/studiedag-forr.toml"),
        "schema = 1\ntitle = \"Studiedag förr\"\nkind = \"study-day\"\nstart = 2024-09-01\n\n[steps.follow-up]\nlessons = [\"Börja i tid\"]\n",
    )
    .unwrap();
    let mut s = terminal.spawn(&["step", "studiedag-om-lasning", "need"]);
    expect(&mut s, "Earlier initiatives like this one");
    expect(&mut s, "Lesson: Börja i tid");
    for n in 1..=5 {
        expect(&mut s, &format!("[{n}/5]"));
        send(&mut s, ENTER);
    }
    expect(&mut s, "Which of the project's themes is it about?");
    send(&mut s, " ");
    send(&mut s, ENTER);
    expect(&mut s, "Other themes");
    send(&mut s, "trygghet\r");
    expect(&mut s, "Mark this step as done anyway?");
    send(&mut s, ENTER);
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("studiedag-om-lasning");
    assert!(
        record.contains("themes = [\"läsning\", \"trygghet\"]"),
        "{record}"
    );

    terminal.fortb(&[
        "step",
        "studiedag-om",
        "analysis",
        "--answer",
        "real_problem=Rutinerna är okända",
        "--answer",
        "challenges=Tid",
        "--answer",
        "solutions=Ett mejl",
        "--answer",
        "mix=information,organisation",
        "--answer",
        "training_enough=no",
    ]);
    let mut s = terminal.spawn(&["step", "studiedag-om", "analysis"]);
    for n in 1..=5 {
        expect(&mut s, &format!("[{n}/5]"));
        send(&mut s, ENTER);
    }
    expect(&mut s, "The analysis names a mix without training.");
    send(&mut s, ENTER);
    expect(&mut s, "ends here as not training");
    expect(&mut s, "Mark this step as done?");
    send(&mut s, ENTER);
    expect(&mut s, "On which day was the step done?");
    send(&mut s, ENTER);
    expect(&mut s, "Decided: the need is met without training.");
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("outcome = \"not-training\""), "{record}");

    let mut s = terminal.spawn(&["step", "bokcirkel", "production"]);
    for n in 1..=5 {
        expect(&mut s, &format!("[{n}/5]"));
        send(&mut s, ENTER);
    }
    expect(&mut s, "Material used");
    send(&mut s, "Boken\r");
    expect(&mut s, "Its link");
    send(&mut s, "javascript:x\r");
    expect(&mut s, "is not accepted");
    send(&mut s, &"\x7f".repeat("javascript:x".len()));
    send(&mut s, "https://example.org/bok\r");
    expect(&mut s, "Material used");
    send(&mut s, ENTER);
    expect(&mut s, "Mark this step as done anyway?");
    send(&mut s, ENTER);
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("bokcirkel-om-bedomning");
    assert!(
        record.contains("[[material]]\ntitle = \"Boken\"\nurl = \"https://example.org/bok\"\n"),
        "{record}"
    );
    check_passes(&terminal);
}

#[test]
fn digits_choose_the_steps_of_the_recall_scale() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(ANNA_RECALLS);
    expect(
        &mut s,
        "Has it stuck with you personally? (type 0–4, or use ↑↓ and Enter)",
    );
    // the digit chooses at once, without Enter
    send(&mut s, "4");
    expect(
        &mut s,
        "Has it stuck with you personally?: 4  made a difference",
    );
    expect(&mut s, "With the leadership group?");
    send(&mut s, "0");
    expect(&mut s, "With the staff?");
    // a digit off the scale does nothing; the arrows still work
    send(&mut s, "7");
    send(&mut s, DOWN);
    send(&mut s, ENTER);
    expect(&mut s, "Where it stuck – ");
    send(&mut s, ENTER);
    expect(&mut s, "Where it did not stick – ");
    send(&mut s, ENTER);
    expect(&mut s, "A note");
    send(&mut s, ENTER);
    expect(&mut s, "saved Anna's rating");
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("bokcirkel-om-bedomning");
    assert!(
        record.contains(
            "[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nself = 4\nleadership = 0\nstaff = 1\n"
        ),
        "{record}"
    );
}

#[test]
fn en_siffra_väljer_steget_på_svenska_och_i_intervjuns_val() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&[&["--lang", "sv"], ANNA_RECALLS].concat());
    expect(
        &mut s,
        "Har det fastnat hos dig personligen? (skriv 0–4 eller använd ↑↓ och Enter)",
    );
    send(&mut s, "2");
    expect(&mut s, "Hos ledningsgruppen?");
    send(&mut s, "3");
    expect(&mut s, "Hos personalen?");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Avbrutet. Alla svar hittills är sparade.");
    assert_eq!(exit_code(&mut s), 130);
    let record = terminal.record("bokcirkel-om-bedomning");
    assert!(record.contains("self = 2\nleadership = 3\n"), "{record}");

    // the interview's choices are numbered 1, 2, …: "nej" is 2, and so is "Delvis"
    let mut s = terminal.spawn(&["--lang", "sv", "step", "studiedag", "analys"]);
    expect(&mut s, "[1/5]");
    send(&mut s, &ENTER.repeat(4));
    expect(
        &mut s,
        "Räcker det med utbildning? (skriv 1–2 eller använd ↑↓ och Enter)",
    );
    expect(&mut s, "2  nej");
    send(&mut s, "2");
    expect(&mut s, "Markera steget som klart ändå?");
    send(&mut s, "2");
    expect(&mut s, "Nästa:");
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("training_enough = false"), "{record}");
    assert!(!record.contains("done = "), "{record}");
}

#[test]
fn home_end_ctrl_w_and_ctrl_u_edit_a_text_answer() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["step", "studiedag", "need"]);
    expect(&mut s, "[1/5]");
    send(&mut s, "principal");
    send(&mut s, "\x1b[H"); // Home
    send(&mut s, "The ");
    send(&mut s, "\x1b[F"); // End
    send(&mut s, " and the deputy head");
    send(&mut s, "\x17"); // Ctrl-W: "head"
    send(&mut s, "\x17"); // Ctrl-W: "deputy "
    send(&mut s, "staff\r");
    expect(&mut s, "[2/5]");
    // Ctrl-U clears what is before the cursor; Ctrl-A and Ctrl-E go to the ends too
    send(&mut s, "Wrong start, right end");
    send(&mut s, &"\x1b[D".repeat(9)); // ← to "right end"
    send(&mut s, "\x15");
    // One step right first, so that Ctrl-A has somewhere to go (a key that changes nothing
    // on screen would leave `send` waiting for an answer).
    send(&mut s, "\x1b[C");
    send(&mut s, "\x01The ");
    send(&mut s, "\x05.\r");
    expect(&mut s, "[3/5]");
    assert_eq!(interrupt(&mut s), 130);
    let record = terminal.record("studiedag-om-lasning");
    assert!(
        record.contains("who_wants = \"The principal and the staff\""),
        "{record}"
    );
    assert!(record.contains("why = \"The right end.\""), "{record}");
}

#[test]
fn a_refused_date_stays_to_be_corrected_with_why_under_it() {
    let terminal = Terminal::new();
    let (mut s, mut screen) = spawn_narrow(&terminal, "step studiedag delivery");
    // The first date is answered, so it resumes at [2/…]; "<" goes back to it.
    screen.process(s.expect("[2/").unwrap().as_bytes());
    send(&mut s, "<\r");
    wait_for_row(&mut s, &mut screen, "2025-03-01");
    send(&mut s, "\x15"); // Ctrl-U: the current date goes
    send(&mut s, "2025-02-30\r");
    let why = wait_for_row(&mut s, &mut screen, "error:");
    let (asked, shown) = rows_with(&screen, "[1/");
    assert_eq!(asked.len(), 1, "{shown}");
    assert!(
        asked[0].trim_end().ends_with("2025-02-30"),
        "the typed date stays:\n{shown}"
    );
    assert!(why.contains("2025-02-30"), "{shown}");
    // fix the day
    send(&mut s, "\x7f\x7f28");
    send(&mut s, ENTER);
    screen.process(s.expect("[2/").unwrap().as_bytes());
    let (asked, shown) = rows_with(&screen, "[1/");
    assert_eq!(asked.len(), 1, "{shown}");
    assert!(asked[0].contains(": 2025-02-28"), "{shown}");
    assert!(rows_with(&screen, "error:").0.is_empty(), "{shown}");
    assert_eq!(interrupt(&mut s), 130);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains("start = 2025-02-28"), "{record}");
}

#[test]
fn a_table_on_a_colour_terminal_shows_no_escape_codes() {
    // `status` prints its table with record text made harmless: a bold header came out as
    // `\u{1b}[1mId\u{1b}[0m`.
    let terminal = Terminal::new();
    let mut command = terminal.command(&["status"]);
    command.env_remove("NO_COLOR");
    let mut s = start(command);
    let mut screen = String::new();
    std::io::Read::read_to_string(&mut s, &mut screen).ok();
    assert!(screen.contains("Id"), "{screen}");
    assert!(!screen.contains("\\u{1b}"), "{screen}");
    assert!(screen.contains("bokcirkel-om-bedomning"), "{screen}");
    assert_eq!(exit_code(&mut s), 0);
}

/// Sends `text` a piece at a time, reading the screen in between, so neither side waits on a
/// full pseudo-terminal; what fortb writes goes into `screen`. Returns how many bytes it wrote,
/// and stops as soon as that passes `limit`.
fn paste(s: &mut Session, screen: &mut vt100::Parser, text: &str, limit: usize) -> usize {
    let mut written = 0;
    let mut buffer = [0u8; 65536];
    let chars: Vec<char> = text.chars().collect();
    for piece in chars.chunks(500) {
        s.send(piece.iter().collect::<String>()).unwrap();
        let mut quiet = 0;
        while quiet < 5 {
            match s.try_read(&mut buffer) {
                Ok(read) if read > 0 => {
                    screen.process(&buffer[..read]);
                    written += read;
                    quiet = 0;
                }
                _ => {
                    quiet += 1;
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
            assert!(
                written < limit,
                "{written} bytes written for {} sent",
                text.len()
            );
        }
    }
    written
}

/// 30,000 characters of Swedish text.
fn long_paste() -> String {
    "Läsförståelse i alla ämnen, "
        .chars()
        .cycle()
        .take(30_000)
        .collect()
}

#[test]
fn a_long_paste_is_kept_whole_and_written_to_the_terminal_about_once() {
    // Each key redrew the whole answer: a paste of 30,000 characters wrote 453 MB.
    let terminal = Terminal::new();
    let (mut s, mut screen) = spawn_narrow(&terminal, "step studiedag need");
    wait_for_row(&mut s, &mut screen, "[1/5]");
    let text = long_paste();
    let limit = 5 * text.len();
    let mut written = paste(&mut s, &mut screen, &text, limit);
    send(&mut s, ENTER);
    let rest = s.expect("[2/5]").unwrap();
    written += rest.as_bytes().len();
    assert!(
        written < limit,
        "{written} bytes written for a paste of 30,000"
    );
    assert_eq!(interrupt(&mut s), 130);
    let record = terminal.record("studiedag-om-lasning");
    assert!(record.contains(text.trim()), "the answer is stored whole");
}

#[test]
fn an_edit_inside_a_long_answer_draws_only_the_part_on_screen() {
    let terminal = Terminal::new();
    let (mut s, mut screen) = spawn_narrow(&terminal, "step studiedag need");
    wait_for_row(&mut s, &mut screen, "[1/5]");
    let text = long_paste();
    paste(&mut s, &mut screen, &text, 5 * text.len());
    // ← three times, then a word typed there: each a redraw of at most the screen (60 × 30)
    // and the moves to get there, not of the 30,000 characters.
    let mut edit = paste(&mut s, &mut screen, &"\x1b[D".repeat(3), 3 * 4 * 60 * 30);
    edit += paste(&mut s, &mut screen, "Nytt", 4 * 4 * 60 * 30);
    assert!(edit < 7 * 4 * 60 * 30, "{edit} bytes for 7 keys");
    let (asked, shown) = rows_with(&screen, "[1/5]");
    assert_eq!(asked.len(), 1, "{shown}");
    assert!(
        asked[0].contains(": …"),
        "the answer is shown from a cut: {shown}"
    );
    assert!(shown.contains("Nytt"), "{shown}");
    send(&mut s, ENTER);
    wait_for_row(&mut s, &mut screen, "[2/5]");
    assert_eq!(interrupt(&mut s), 130);
    let mut expected = text.trim_end().to_string();
    expected.insert_str(expected.len() - 3, "Nytt");
    assert!(terminal.record("studiedag-om-lasning").contains(&expected));
}

#[test]
fn a_process_model_s_options_are_shown_with_their_control_characters_written_out() {
    // A choice's and a multi-choice's labels went to the terminal raw: an OSC 8 link, a bell,
    // CSI as one character and a right-to-left override acted on it.
    let terminal = Terminal::new();
    let label = r#"Cake\u001b]8;;http://x\u0007 \u009b2J\u202eekac"#;
    let model = format!(
        "base = \"six-step\"\n\n[[step]]\nid = \"celebrate\"\nname.en = \"Celebrate\"\nname.sv = \"Fira\"\n\n[[step.question]]\nkey = \"how\"\ntype = \"choice\"\ntext.en = \"How?\"\ntext.sv = \"Hur?\"\noptions = [{{ key = \"cake\", en = \"{label}\", sv = \"Tårta\" }}, {{ key = \"talk\", en = \"Talk\", sv = \"Tal\" }}]\n\n[[step.question]]\nkey = \"what\"\ntype = \"multi-choice\"\ntext.en = \"What?\"\ntext.sv = \"Vad?\"\noptions = [{{ key = \"cake\", en = \"{label}\", sv = \"Tårta\" }}]\n"
    );
    std::fs::create_dir_all(terminal.path("processes")).unwrap();
    std::fs::write(terminal.path("processes/kort.toml"), model).unwrap();
    terminal.fortb(&["set", "studiedag", "process=kort"]);
    let mut s = terminal.spawn(&["step", "studiedag", "celebrate"]);
    let mut screen = s.expect("[1/2]").unwrap().as_bytes().to_vec();
    screen.extend(s.expect("Talk").unwrap().as_bytes());
    send(&mut s, ENTER);
    screen.extend(s.expect("[2/2]").unwrap().as_bytes());
    screen.extend(s.expect("ekac").unwrap().as_bytes());
    assert_eq!(interrupt(&mut s), 130);
    let screen = String::from_utf8_lossy(&screen);
    assert!(
        screen.contains(r"Cake\u{1b}]8;;http://x\u{7} \u{9b}2J\u{202e}ekac"),
        "{screen:?}"
    );
    for raw in ["\u{1b}]8;;", "\u{7}", "\u{9b}", "\u{202e}"] {
        assert!(
            !screen.contains(raw),
            "{raw:?} reached the terminal: {screen:?}"
        );
    }
}

#[test]
fn plan_in_a_terminal_offers_to_start_a_plan_when_there_is_none() {
    let terminal = Terminal::new();
    let mut s = terminal.spawn(&["plan"]);
    expect(&mut s, "There is no plan yet. Start one now?");
    send(&mut s, ENTER);
    expect(&mut s, "The plan's name");
    send(&mut s, ENTER);
    expect(&mut s, "The period's first day");
    send(&mut s, "2025-07-01");
    send(&mut s, ENTER);
    // Each answer stays on screen after its prompt, as in the step interview (one colon
    // between them, the theme's).
    expect(&mut s, "Enter skips): 2025-07-01\r\n");
    expect(&mut s, "The period's last day");
    send(&mut s, ENTER);
    expect(&mut s, "The first development goal's id");
    send(&mut s, "formativ");
    send(&mut s, ENTER);
    expect(&mut s, "The goal in words");
    send(&mut s, "Formative assessment");
    send(&mut s, ENTER);
    expect(&mut s, "The goal in words: Formative assessment\r\n");
    // With the first goal added, the next step named is a learning goal, not a goal.
    let before = s.expect("1. Formative assessment (formativ)").unwrap();
    let before = String::from_utf8_lossy(before.before()).into_owned();
    assert!(
        before.contains("Created the plan plan.toml\r\n")
            && before.contains("Learning goals: fortb plan learning add")
            && !before.contains("Next: fortb plan goal add"),
        "{before:?}"
    );
    assert_eq!(exit_code(&mut s), 0);
    let plan = std::fs::read_to_string(terminal.path("plan.toml")).unwrap();
    assert!(
        plan.ends_with(
            "title = \"Plan for professional development\"\nstart = 2025-07-01\n\n[[goal]]\nid = \"formativ\"\ntitle = \"Formative assessment\"\n"
        ),
        "{plan}"
    );
    check_passes(&terminal);
    // Stopped with Ctrl-C half-way: nothing is written, and it says so (not "saved").
    std::fs::remove_file(terminal.path("plan.toml")).unwrap();
    let mut s = terminal.spawn(&["plan"]);
    expect(&mut s, "Start one now?");
    send(&mut s, ENTER);
    expect(&mut s, "The plan's name");
    s.send(ControlCode::EndOfText).unwrap();
    expect(&mut s, "Interrupted. Nothing was changed.");
    assert_eq!(exit_code(&mut s), 130);
    assert!(!exists(&terminal.path("plan.toml")));
    // Declined with Escape: nothing is written, and the message says how to start one.
    let mut s = terminal.spawn(&["plan"]);
    expect(&mut s, "Start one now?");
    send(&mut s, "\x1b");
    expect(&mut s, "there is no plan in this project");
    assert_eq!(exit_code(&mut s), 1);
    assert!(!exists(&terminal.path("plan.toml")));
}

/// Issue 28, points 2 and 3 in Swedish: a half-answered step resumes at its first open
/// question, and a past initiative's step asks its day, the last session offered.
#[test]
fn ett_påbörjat_steg_fortsätter_där_det_slutade_och_frågar_vilken_dag_det_blev_klart() {
    let terminal = Terminal::new();
    // `new` gave the book circle its first and last session and how many: 3 of 6 answers.
    let mut s = terminal.spawn(&["--lang", "sv", "step", "bokcirkel", "genomförande"]);
    expect(
        &mut s,
        "3 av 6 frågor besvarade; fortsätter med fråga 4 (< går tillbaka)",
    );
    expect(&mut s, "[4/6]");
    send(&mut s, "<\r");
    expect(&mut s, "[3/6]");
    send(&mut s, ENTER);
    expect(&mut s, "[4/6]");
    send(&mut s, ENTER);
    expect(&mut s, "[5/6]");
    send(&mut s, ENTER);
    expect(&mut s, "[6/6]");
    send(&mut s, ENTER);
    expect(&mut s, "Markera steget som klart ändå?");
    send(&mut s, "1");
    expect(&mut s, "Vilken dag blev steget klart? (ÅÅÅÅ-MM-DD)");
    expect(&mut s, "2025-12-01");
    send(&mut s, ENTER);
    expect(&mut s, "Nästa: fortb step bokcirkel-om-bedomning behov");
    assert_eq!(exit_code(&mut s), 0);
    let record = terminal.record("bokcirkel-om-bedomning");
    assert!(record.contains("done = 2025-12-01"), "{record}");
}

/// Rows that end in the middle of a word: full to the last column with a letter, the next
/// row going on with one.
fn words_cut(screen: &vt100::Parser) -> Vec<String> {
    let columns: u16 = screen.screen().size().1.into();
    let rows: Vec<String> = screen.screen().rows(0, columns).collect();
    rows.windows(2)
        .filter(|pair| {
            let full = pair[0].chars().count() == usize::from(columns);
            let ends = pair[0].chars().last().is_some_and(char::is_alphanumeric);
            let goes_on = pair[1].chars().next().is_some_and(char::is_alphanumeric);
            full && ends && goes_on
        })
        .map(|pair| format!("{}|{}", pair[0], pair[1]))
        .collect()
}

/// Issue 28, point 1: at 60, 80 and 110 columns, in both languages, what the interview leaves
/// on screen wraps at spaces, and a multi-select that wraps leaves no stale first row.
#[test]
fn the_interview_wraps_at_spaces_and_redraws_leave_nothing_behind() {
    for (lang, reasons) in [("en", "Where it stuck"), ("sv", "Där det fastnade")] {
        for columns in [60, 80, 110] {
            let terminal = Terminal::new();
            let args = format!("--lang {lang} {}", ANNA_RECALLS.join(" "));
            let (mut s, mut screen) = spawn_sized(&terminal, &args, columns);
            for _ in 0..3 {
                screen.process(s.expect("(").unwrap().as_bytes());
                send(&mut s, "4");
            }
            wait_for_row(&mut s, &mut screen, reasons);
            send(&mut s, " ");
            send(&mut s, DOWN);
            send(&mut s, " ");
            send(&mut s, ENTER);
            let note = if lang == "sv" {
                "En anteckning (frivillig)"
            } else {
                "A note (optional)"
            };
            wait_for_row(&mut s, &mut screen, note);
            let (asked, shown) = rows_with(&screen, reasons);
            assert_eq!(asked.len(), 1, "{lang} {columns}: one prompt row\n{shown}");
            let cut = words_cut(&screen);
            assert!(cut.is_empty(), "{lang} {columns}: {cut:?}\n{shown}");
            assert_eq!(interrupt(&mut s), 130);
        }
    }
}

/// The text of a prompt on screen, from its row holding `marker` down to the last row with
/// anything on it, its rows joined as the words they hold: a word left behind by a redraw, or
/// a word cut at the edge, shows in it.
fn prompt_text(screen: &vt100::Parser, marker: &str) -> String {
    let columns: u16 = screen.screen().size().1.into();
    let rows: Vec<String> = screen.screen().rows(0, columns).collect();
    let first = rows.iter().position(|row| row.contains(marker));
    let last = rows.iter().rposition(|row| !row.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) if first <= last => rows[first..=last]
            .iter()
            .map(|row| row.trim_end())
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// Reads fortb's output into `screen` until no row holds `text`; panics after 10 s.
fn wait_for_no_row(session: &mut Session, screen: &mut vt100::Parser, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !rows_with(screen, text).0.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "waiting for no row with {text:?}:\n{}",
            rows_with(screen, text).1
        );
        let waiting = unread(session);
        if waiting == 0 {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        let found = session.check(NBytes(waiting)).unwrap();
        screen.process(found.as_bytes());
    }
}

/// Issue 28, point 1: an answer wraps at spaces while it is typed, at 60, 80 and 110 columns
/// in both languages. Typed at the end (each word that no longer fits moves to the next row),
/// a word typed inside it, and the whole answer taken away again leave no word cut at the edge
/// and nothing behind.
#[test]
fn an_answer_being_typed_wraps_at_spaces_and_leaves_nothing_behind() {
    let answer =
        "Eleverna förstår inte de nya läroböckerna i matematik, och lärarna vill hinna öva \
                  tillsammans innan terminen börjar";
    for lang in ["en", "sv"] {
        for columns in [60, 80, 110] {
            let terminal = Terminal::new();
            let args = format!("--lang {lang} step studiedag need");
            let (mut s, mut screen) = spawn_sized(&terminal, &args, columns);
            wait_for_row(&mut s, &mut screen, "[1/5]");
            send(&mut s, answer);
            wait_for_row(&mut s, &mut screen, "börjar");
            let typed = prompt_text(&screen, "[1/5]");
            assert!(typed.contains(answer), "{lang} {columns}: {typed:?}");
            let cut = words_cut(&screen);
            assert!(cut.is_empty(), "{lang} {columns}: {cut:?}");
            // Six keys left, before "börjar", and a word typed there.
            send(&mut s, &"\x1b[D".repeat(6));
            send(&mut s, "verkligen ");
            wait_for_row(&mut s, &mut screen, "verkligen");
            let edited = prompt_text(&screen, "[1/5]");
            let expected = answer.replace("börjar", "verkligen börjar");
            assert!(edited.contains(&expected), "{lang} {columns}: {edited:?}");
            assert!(words_cut(&screen).is_empty(), "{lang} {columns}: {edited}");
            // Ctrl-U and Ctrl-K: the answer goes, and with it every row it took.
            send(&mut s, "\x15\x0b");
            wait_for_no_row(&mut s, &mut screen, "matematik");
            let (rows, shown) = rows_with(&screen, "läroböckerna");
            assert!(rows.is_empty(), "{lang} {columns}:\n{shown}");
            assert_eq!(interrupt(&mut s), 130);
        }
    }
}

/// Issue 28, point 1: the concept step's menu of goals and learning goals at 60, 80 and 110
/// columns in both languages: a learning goal too long for its row is cut at a word with an
/// ellipsis, using the row, and no row wraps in the middle of a word.
#[test]
fn the_goal_menu_cuts_long_learning_goals_at_a_word_in_every_width() {
    let can = "förebygga konflikter på rasterna med de lekar och regler som eleverna har varit \
               med om att ta fram tillsammans med personalen under hösten";
    for lang in ["en", "sv"] {
        for columns in [60u16, 80, 110] {
            let terminal = Terminal::new();
            std::fs::write(
                terminal.path("plan.toml"),
                format!(
                    "[[goal]]\nid = \"trygg\"\ntitle = \"Trygga raster för alla elever\"\n\n\
                     [[goal.learning]]\nwho = \"Rastvärdarna\"\ncan = \"{can}\"\n"
                ),
            )
            .unwrap();
            let args = format!("--lang {lang} step studiedag concept");
            let (mut s, mut screen) = spawn_sized(&terminal, &args, columns);
            for n in 1..=6 {
                wait_for_row(&mut s, &mut screen, &format!("[{n}/6]"));
                send(&mut s, ENTER);
            }
            let row = wait_for_row(&mut s, &mut screen, "trygg.1:");
            let shown = rows_with(&screen, "trygg.1:").1;
            let item = row.trim_end();
            let width = item.chars().count();
            assert!(item.ends_with('…'), "{lang} {columns}:\n{shown}");
            assert!(width < usize::from(columns), "{lang} {columns}:\n{shown}");
            // The next word would not have fitted: the row is used, not cut early.
            let kept = item.trim_end_matches('…');
            let next = can[can.find(kept.rsplit(' ').next().unwrap()).unwrap()..]
                .split(' ')
                .nth(1)
                .unwrap();
            assert!(
                width + 1 + next.chars().count() > usize::from(columns) - 7,
                "{lang} {columns}: {next:?} fits after\n{shown}"
            );
            assert!(words_cut(&screen).is_empty(), "{lang} {columns}:\n{shown}");
            assert_eq!(interrupt(&mut s), 130);
        }
    }
}
