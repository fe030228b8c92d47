//! Property tests for the classes of issue 14 (docs/reliability.md): hostile text through
//! every command that shows or writes it, files that are not what they seem, and sizes at the
//! readers' limit. Each case drives the real binary in a fresh project.

mod common;

use std::time::Duration;

use common::Project;
use proptest::prelude::*;

/// Characters that act on a terminal when printed raw.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Text a hostile colleague or an unlucky paste might give: control characters, bidi
/// overrides, quotes, TOML and Markdown syntax, conflict markers, formula starts, Swedish.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]52;c;ZWNobw==\u{7}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("\"\"\"".to_string()),
        Just("\\".to_string()),
        Just("|".to_string()),
        Just("=HYPERLINK(\"http://x\";\"Öppna\")".to_string()),
        Just("+1".to_string()),
        Just("@SUM(A1)".to_string()),
        Just("-2+3".to_string()),
        Just("\n<<<<<<< HEAD\n".to_string()),
        Just("\n=======\n".to_string()),
        Just("\n>>>>>>> x\n".to_string()),
        Just("[steps.x]".to_string()),
        Just("# inte en kommentar".to_string()),
        "[a-zåäöA-ZÅÄÖ ]{1,12}",
        "\\PC{1,6}",
    ];
    proptest::collection::vec(piece, 1..6).prop_map(|pieces| {
        let text: String = pieces.concat();
        // The operating system cannot pass a NUL in an argument.
        text.replace('\0', "")
    })
}

fn run(project: &Project, args: &[&str]) -> std::process::Output {
    project
        .cmd()
        .env("FORTB_TODAY", "2026-11-20")
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap()
}

fn assert_sound(args: &[&str], output: &std::process::Output) {
    let code = output.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "fortb {args:?} ended with {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn assert_harmless(args: &[&str], output: &std::process::Output) {
    assert_sound(args, output);
    for bytes in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.chars().any(acts_on_terminal),
            "fortb {args:?} let a control character through: {text:?}"
        );
    }
}

/// The CSV cells of `csv` (fields split naively; quoted fields start with a quote).
/// No cell a spreadsheet would run: one that starts with `=`, `+` or `@`, unless it is a plain
/// signed number (`+1,3` in a change column), which a spreadsheet reads as that number.
fn assert_no_formula(csv: &str) {
    let signed_number = |cell: &str| {
        let digits = cell.trim_end_matches('\n').trim_start_matches(['+', '-']);
        let mut parts = digits.splitn(2, ['.', ',']);
        let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        parts.next().is_some_and(all_digits) && parts.next().is_none_or(all_digits)
    };
    for cell in csv_cells(csv)
        .into_iter()
        .skip_while(|cell| !cell.ends_with('\n'))
        .skip(1)
    {
        assert!(
            !cell.starts_with(['=', '+', '@']) || signed_number(&cell),
            "a formula reached the CSV: {cell:?} in {csv:?}"
        );
    }
}

/// Every cell of a CSV as a spreadsheet reads it: quotes taken off, a quoted delimiter or line
/// break kept inside its cell. The last cell of a line ends in `\n`. The delimiter is the
/// header's: `;` when it has one, else `,`.
fn csv_cells(csv: &str) -> Vec<String> {
    let header = csv.lines().next().unwrap_or_default();
    let delimiter = if header.contains(';') { ';' } else { ',' };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = csv.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => cells.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                cell.push('\n');
                cells.push(std::mem::take(&mut cell));
            }
            c => cell.push(c),
        }
    }
    cells
}

#[test]
fn the_csv_reader_of_these_tests_keeps_quoted_text_in_its_cell() {
    let csv = "a;b\r\n\"x;=1\n=2\";'=3,=4\r\n";
    assert_eq!(csv_cells(csv), ["a", "b\n", "x;=1\n=2", "'=3,=4\n"]);
    assert_no_formula(csv);
    assert_no_formula("a,b\n+1,-2.5\n");
}

/// The outcome a write of hostile text must have: it succeeds, or it is refused (status 1 or
/// 2) for the one documented reason, a `blank` text where a name is needed (docs/reliability.md:
/// "Words are checked too"), with that reason's message.
fn assert_written_or_refused_for(
    args: &[&str],
    output: &std::process::Output,
    blank: bool,
    reason: &str,
) -> Result<bool, TestCaseError> {
    assert_harmless(args, output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if blank {
        prop_assert!(!output.status.success(), "fortb {args:?} took a blank text");
        prop_assert!(stderr.contains(reason), "fortb {args:?}: {stderr}");
        return Ok(false);
    }
    prop_assert!(
        output.status.success(),
        "fortb {args:?} refused a text it must take ({:?}): {stderr}",
        output.status.code()
    );
    Ok(true)
}

/// Whether fortb takes `text` as blank: nothing but white space.
fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The title as `new` stores it (docs/format.md): control characters become spaces, runs of
/// white space one space.
fn cleaned_title(title: &str) -> String {
    let spaced: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    // Under wine each fortb.exe takes a good part of a second to start: the Windows build
    // gets a quarter of the cases.
    #![proptest_config(ProptestConfig {
        cases: if cfg!(foreign_fortb) { 16 } else { 64 },
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_text_is_written_readable_and_shown_harmless(
        title in hostile_text(),
        by in hostile_text(),
        note in hostile_text(),
        answer in hostile_text(),
    ) {
        let project = Project::new();
        let new = ["new", &title, "--kind", "book-circle", "--start", "2026-01-10", "--end", "2026-02-10", "--no-interview"];
        let created = run(&project, &new);
        let title_stored = cleaned_title(&title);
        if !assert_written_or_refused_for(&new, &created, title_stored.is_empty(), "the title is empty")? {
            prop_assert_eq!(project.records().len(), 0);
            return Ok(());
        }
        let path = String::from_utf8(created.stdout).unwrap();
        let id = std::path::Path::new(path.trim()).file_stem().unwrap().to_str().unwrap().to_string();
        // A value starting with `@` names a file to read; `@@` is a literal `@` (processes.md).
        let why = match answer.strip_prefix('@') {
            Some(_) => format!("why=@{answer}"),
            None => format!("why={answer}"),
        };
        // `--by=TEXT`, `--answer=TEXT` and `-- NAME`, as a script passes any text: a text
        // starting with `-` after a space is read as an option.
        let (by_arg, note_arg) = (format!("--by={by}"), format!("--note={note}"));
        let recall = ["recall", &id, &by_arg, "--self", "3", &note_arg, "--date", "2026-11-01"];
        let recalled = assert_written_or_refused_for(&recall, &run(&project, &recall), blank(&by), "--by needs a name")?;
        let answer_arg = format!("--answer={why}");
        let step = ["step", &id, "need", &answer_arg];
        assert_written_or_refused_for(&step, &run(&project, &step), false, "")?;
        let indicator = ["indicator", "add", &id, "--", &answer];
        let measured = assert_written_or_refused_for(&indicator, &run(&project, &indicator), blank(&answer), "the indicator needs a name")?;
        // Whatever was written reads back: every writer refuses what it could not read.
        let check = run(&project, &["check"]);
        assert_harmless(&["check"], &check);
        prop_assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
        // The readers run side by side: they only read, and a case takes a fraction as long.
        let readers = [
            &["list"][..],
            &["show", &id],
            &["status"],
            &["status", &id],
            &["due", "--within", "365"],
            &["indicator", "list"],
            &["summary", "--until", "2026-11-20"],
        ];
        let outputs = std::thread::scope(|scope| {
            let running: Vec<_> = readers
                .iter()
                .map(|args| scope.spawn(|| run(&project, args)))
                .collect();
            running.into_iter().map(|r| r.join().unwrap()).collect::<Vec<_>>()
        });
        for (args, output) in readers.iter().zip(&outputs) {
            assert_harmless(args, output);
            prop_assert!(output.status.success(), "fortb {:?}: {}", args, String::from_utf8_lossy(&output.stderr));
        }
        // JSON keeps each text as data, exactly as it was given.
        let json = run(&project, &["show", &id, "--format", "json"]);
        let shown: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        prop_assert_eq!(shown["title"].as_str(), Some(title_stored.as_str()));
        // A text of several lines is stored as a `"""` block, which ends with a line break.
        let lines = |text: Option<&str>| text.map(|t| t.trim_end_matches('\n').to_string());
        // A blank answer clears it (processes.md: "an empty value clears the answer").
        let given = Some(answer.as_str()).filter(|a| !blank(a));
        prop_assert_eq!(lines(shown["steps"]["need"]["why"].as_str()), lines(given));
        if recalled {
            // A name is kept without the white space around it.
            prop_assert_eq!(shown["recall"][0]["by"].as_str(), Some(by.trim()));
            // A note is kept without the white space around it; a blank one is left out.
            let kept = Some(note.trim()).filter(|n| !n.is_empty());
            prop_assert_eq!(lines(shown["recall"][0]["note"].as_str()), lines(kept));
        }
        if measured {
            let indicators = run(&project, &["indicator", "list", "--format", "json"]);
            let indicators: serde_json::Value = serde_json::from_slice(&indicators.stdout).unwrap();
            // A name is kept without the white space around it (JSON writes controls escaped,
            // so the value, not the bytes, is compared).
            let names: Vec<&str> = indicators["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|i| i["name"].as_str())
                .collect();
            prop_assert!(names.contains(&answer.trim()), "{:?}", names);
        }
        let csv = run(&project, &["summary", "--until", "2026-11-20", "--format", "csv"]);
        // A CSV's lines end in CRLF: its cells, not its bytes, are what must be harmless.
        prop_assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
        assert_no_formula(&String::from_utf8_lossy(&csv.stdout));
    }
}

proptest! {
    // Each case writes a record of 4 MB.
    #![proptest_config(ProptestConfig {
        cases: 6,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_write_makes_a_record_too_large_to_read(
        padding in (4 * 1024 * 1024 - 3_000)..(4 * 1024 * 1024 - 100usize),
        note_length in 1..4_000usize,
    ) {
        let record = "schema = 1\ntitle = \"Bok\"\nkind = \"book-circle\"\n";
        let text = format!("{record}# {}\n", "x".repeat(padding - record.len()));
        let project = Project::new().file("initiatives/bok.toml", &text);
        let note = "å".repeat(note_length);
        let recall = run(&project, &["recall", "bok", "--by", "Anna", "--self", "2", "--note", &note]);
        assert_sound(&["recall"], &recall);
        if recall.status.success() {
            prop_assert!(run(&project, &["show", "bok"]).status.success());
        } else {
            prop_assert_eq!(project.read("initiatives/bok.toml"), text);
        }
    }
}

#[cfg(unix)]
mod special_files {
    use super::*;

    /// Something that is not a regular file, under a record's name.
    #[derive(Clone, Debug)]
    enum Odd {
        Fifo,
        LinkTo(&'static str),
        Dangling,
        Folder,
    }

    fn odd() -> impl Strategy<Value = Odd> {
        prop_oneof![
            Just(Odd::Fifo),
            Just(Odd::LinkTo("/dev/stdin")),
            Just(Odd::LinkTo("/dev/zero")),
            Just(Odd::LinkTo("/dev/null")),
            Just(Odd::LinkTo("/")),
            Just(Odd::Dangling),
            Just(Odd::Folder),
        ]
    }

    fn make(odd: &Odd, path: &std::path::Path) {
        use std::os::unix::ffi::OsStrExt;
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        match odd {
            Odd::Fifo => {
                let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
                // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
                assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
            }
            Odd::LinkTo(target) => std::os::unix::fs::symlink(target, path).unwrap(),
            Odd::Dangling => std::os::unix::fs::symlink("nowhere/at/all", path).unwrap(),
            Odd::Folder => std::fs::create_dir(path).unwrap(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        #[cfg_attr(
            foreign_fortb,
            ignore = "FIFOs and Unix symbolic links are not Windows files: wine hides a dangling link from fortb.exe's listing"
        )]
        fn odd_files_are_reported_and_skipped_never_waited_on(
            odd in odd(),
            name in "[a-z]{1,8}",
            in_processes in any::<bool>(),
        ) {
            let project = Project::new().file(
                "initiatives/bok.toml",
                "schema = 1\ntitle = \"Bok\"\nkind = \"book-circle\"\n",
            );
            let folder = if in_processes { "processes" } else { "initiatives" };
            make(&odd, &project.path(&format!("{folder}/{name}.toml")));
            for args in [
                &["list"][..],
                &["check"],
                &["summary", "--until", "2026-11-20"],
                &["status"],
                &["due"],
                &["show", "bok"],
                &["recall", "bok", "--by", "Anna", "--self", "2"],
            ] {
                let output = run(&project, args);
                assert_sound(args, &output);
                if !in_processes && args == ["list"] {
                    let stderr = String::from_utf8_lossy(&output.stderr);
                    prop_assert!(stderr.contains(&format!("{name}.toml")), "{stderr}");
                }
            }
        }
    }
}

/// A character that acts on a terminal, left raw in `text`: a line end's CR is no such one.
fn raw_control(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        if acts_on_terminal(c) && !line_end {
            return Some(c);
        }
    }
    None
}

/// `hostile` added to every free text of a TOML file (a string with a space, or a name, a
/// unit or a note), so that words from the closed lists and ids stay as they were.
fn spoil(text: &str, hostile: &str) -> String {
    fn walk(value: &mut toml::Value, key: &str, hostile: &str) {
        match value {
            toml::Value::String(text)
                if text.contains(' ') || ["by", "name", "unit", "note"].contains(&key) =>
            {
                text.push_str(hostile)
            }
            toml::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, key, hostile)),
            toml::Value::Table(table) => table.iter_mut().for_each(|(k, v)| walk(v, k, hostile)),
            _ => {}
        }
    }
    let mut value = toml::Value::Table(text.parse::<toml::Table>().unwrap());
    walk(&mut value, "", hostile);
    toml::to_string(&value).unwrap()
}

/// Every command that shows or writes record and plan text, in every format it has. Each is
/// run to a pipe, with `--out` to a file and (on Unix) to a pseudo-terminal.
const OUTPUTS: &[&[&str]] = &[
    &["list"],
    &["list", "--format", "json"],
    &["show", "bokcirkel"],
    &["show", "bokcirkel", "--format", "markdown"],
    &["show", "bokcirkel", "--format", "json"],
    &["status"],
    &["status", "bokcirkel"],
    &["status", "--format", "json"],
    &["due", "--within", "365"],
    &["due", "--within", "365", "--format", "json"],
    &["due", "--within", "365", "--format", "csv"],
    &["due", "--within", "365", "--format", "ics"],
    &["indicator", "list"],
    &["indicator", "list", "--format", "json"],
    &["summary", "--until", "2026-11-20"],
    &["summary", "--until", "2026-11-20", "--format", "markdown"],
    &["summary", "--until", "2026-11-20", "--format", "csv"],
    &["summary", "--until", "2026-11-20", "--format", "json"],
    &["report", "--until", "2026-11-20", "--format", "html"],
    &["report", "--until", "2026-11-20", "--format", "markdown"],
    &["plan"],
    &["plan", "--format", "markdown"],
    &["plan", "--format", "json"],
    &["survey", "questions", "bokcirkel"],
    &["survey", "questions", "bokcirkel", "--round", "90"],
    &["survey", "questions", "bokcirkel", "--format", "csv"],
    &["survey", "cases", "bokcirkel", "--round", "90"],
    &["export", "--format", "csv", "--table", "initiatives"],
    &["export", "--format", "json"],
];

fn assert_no_raw_control(args: &[&str], place: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        raw_control(&text).is_none(),
        "fortb {args:?} wrote {:?} raw to {place}: {text:?}",
        raw_control(&text)
    );
}

/// What fortb writes to a pseudo-terminal, its stdout and stderr both, to the end.
#[cfg(all(unix, not(foreign_fortb)))]
fn on_a_terminal(project: &Project, args: &[&str]) -> Vec<u8> {
    let mut command = common::fortb_process();
    command
        .args(args)
        .current_dir(project.root())
        .env("FORTB_TODAY", "2026-11-20")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut session = expectrl::session::OsSession::spawn(command).unwrap();
    let (mut screen, mut buffer) = (Vec::new(), [0u8; 65536]);
    loop {
        match session.try_read(&mut buffer) {
            Ok(read) if read > 0 => screen.extend_from_slice(&buffer[..read]),
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                if !expectrl::process::Healthcheck::is_alive(&session).unwrap_or(false) {
                    // What came after the last read and before the end.
                    while let Ok(read @ 1..) = session.try_read(&mut buffer) {
                        screen.extend_from_slice(&buffer[..read]);
                    }
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            // The end of the output, or the terminal closed with fortb.
            _ => break,
        }
    }
    // The terminal itself ends each line with CR LF: only fortb's own characters count. Under
    // wine, its console hides and shows the cursor around each write of fortb.exe's: those
    // sequences are wine's, not fortb's.
    let mut text = String::from_utf8_lossy(&screen).replace("\r\n", "\n");
    if cfg!(foreign_fortb) {
        text = text.replace("\u{1b}[?25l", "").replace("\u{1b}[?25h", "");
    }
    text.into_bytes()
}

/// Control characters of every kind (C0, DEL, C1 with CSI among them), terminal sequences
/// (OSC 8 links, OSC 52 clipboard writes, a screen clear) and bidirectional overrides.
fn controls() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]8;;http://x\u{1b}\\länk\u{1b}]8;;\u{1b}\\".to_string()),
        Just("\u{1b}]52;c;ZWNobw==\u{7}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{9b}31m".to_string()),
        "[\u{1}-\u{1f}\u{7f}-\u{9f}\u{200e}\u{200f}\u{61c}\u{202a}-\u{202e}\u{2066}-\u{2069}]{1,3}",
        "[a-zåäö ]{1,6}",
    ];
    proptest::collection::vec(piece, 1..5).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_output_carries_a_raw_control_character_to_a_terminal_a_pipe_or_a_file(
        hostile in controls(),
    ) {
        let project = Project::example();
        let mut files: Vec<String> = project
            .records()
            .into_iter()
            .filter(|name| name.ends_with(".toml"))
            .map(|name| format!("initiatives/{name}"))
            .collect();
        files.push("plan.toml".to_string());
        for file in &files {
            project.write(file, spoil(&project.read(file), &hostile));
        }
        // Every spoiled record still reads: the text went everywhere it is shown.
        let check = run(&project, &["check"]);
        prop_assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
        for args in OUTPUTS {
            let piped = run(&project, args);
            assert_sound(args, &piped);
            assert_no_raw_control(args, "a pipe", &piped.stdout);
            assert_no_raw_control(args, "stderr", &piped.stderr);
            let out = project.path("out");
            let mut to_file = args.to_vec();
            to_file.extend(["--out", out.to_str().unwrap()]);
            assert_sound(&to_file, &run(&project, &to_file));
            let written = if out.is_dir() {
                std::fs::read_dir(&out).unwrap().flat_map(|f| std::fs::read(f.unwrap().path()).unwrap()).collect()
            } else {
                std::fs::read(&out).unwrap_or_default()
            };
            assert_no_raw_control(args, "a file", &written);
            let _ = std::fs::remove_dir_all(&out).or_else(|_| std::fs::remove_file(&out));
            // Not against fortb.exe under wine: wine's console writes sequences of its own
            // (cursor shown and hidden, line erased) around what fortb.exe writes.
            #[cfg(all(unix, not(foreign_fortb)))]
            assert_no_raw_control(args, "a terminal", &on_a_terminal(&project, args));
        }
    }
}
