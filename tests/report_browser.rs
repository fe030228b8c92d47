//! The HTML meeting pack in a real browser: headless Chromium loads it without console errors
//! and paints the bar charts. Skipped (with a note) only where Chromium cannot be installed;
//! `.ci/run` installs it and sets FORTB_BROWSER_TEST=required so CI cannot skip silently.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FORTB_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

fn fortb(dir: &Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_fortb"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("FORTB_PROJECT")
        .status()
        .unwrap();
    assert!(status.success(), "fortb {args:?}");
}

/// How many pixels of the screenshot have (nearly) this colour.
fn pixels_of(image: &[u8], channels: usize, colour: [u8; 3]) -> usize {
    image
        .chunks(channels)
        .filter(|px| {
            px.iter()
                .take(3)
                .zip(colour)
                .all(|(a, b)| a.abs_diff(b) <= 6)
        })
        .count()
}

#[test]
fn the_html_report_renders_its_charts_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("FORTB_BROWSER_TEST").as_deref() != Ok("required"),
            "Chromium is required here but was not found"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/skola");
    let pack = dir.path().join("pack.html");
    fortb(
        dir.path(),
        &[
            "--project",
            example.to_str().unwrap(),
            "report",
            "--format",
            "html",
            "--until",
            "2026-11-23",
            "--out",
            pack.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&pack).unwrap();
    assert!(!html.contains("<script"), "the pack runs no scripts");

    let screenshot = dir.path().join("pack.png");
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1100,1400",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", pack.display()))
        .output()
        .expect("Chromium starts");
    let log = String::from_utf8_lossy(&output.stderr);
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|line| line.contains(":CONSOLE") || line.contains("Uncaught"))
        .collect();
    assert!(
        console_errors.is_empty(),
        "console errors: {console_errors:#?}"
    );
    assert!(screenshot.is_file(), "no screenshot; Chromium said:\n{log}");

    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&screenshot).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut image = vec![
        0;
        reader
            .output_buffer_size()
            .expect("the screenshot fits in memory")
    ];
    let info = reader.next_frame(&mut image).unwrap();
    let channels = info.color_type.samples();
    // The bars of the first chart, in the report's three colours: high, middle, low impact.
    let high = pixels_of(&image, channels, [0x2f, 0x7d, 0x4f]);
    let middle = pixels_of(&image, channels, [0xc6, 0x92, 0x14]);
    let low = pixels_of(&image, channels, [0xb5, 0x48, 0x3b]);
    assert!(
        high > 2_000 && middle > 1_000 && low > 1_000,
        "bars not painted: {high} {middle} {low}"
    );
}
