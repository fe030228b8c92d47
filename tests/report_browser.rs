//! The HTML meeting pack in a real browser: headless Chromium loads it without console errors
//! and paints the bar charts; axe-core finds no accessibility fault in the English or the
//! Swedish pack, which reflows at 320 CSS px (400 % zoom) with chart text at full size; and
//! printed to PDF on A4 no table row is split between pages.
//!
//! Each check needs its tool: Chromium, axe-core (npm) or pdftotext (poppler-utils). In CI
//! they are required (`.ci/run` installs them); elsewhere a missing one skips the check, said
//! on the terminal and counted at the end (tests/common/tools.rs).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{example_dir as example, needs, on_path};

fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("FORTB_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| on_path(&["chromium", "chromium-browser", "google-chrome"]));
    needs(
        found,
        "Chromium is not installed (apt-get install chromium)",
    )
}

/// axe-core's script: where FORTB_AXE says, or where `.ci/run` installs it.
fn axe_core() -> Option<PathBuf> {
    let installed = std::env::var_os("HOME").map(|home| {
        Path::new(&home)
            .join(".cache")
            .join("fortb-ci")
            .join("node_modules")
            .join("axe-core")
            .join("axe.min.js")
    });
    let found = std::env::var_os("FORTB_AXE")
        .map(PathBuf::from)
        .or(installed)
        .filter(|path| path.is_file());
    needs(
        found,
        "axe-core is not installed (npm install --prefix ~/.cache/fortb-ci axe-core, or set FORTB_AXE to its axe.min.js)",
    )
}

fn pdftotext() -> Option<PathBuf> {
    needs(
        on_path(&["pdftotext"]),
        "pdftotext is not installed (apt-get install poppler-utils)",
    )
}

/// Writes the HTML pack of `project` as it stood on 2026-11-23, in `lang`, to `out`.
fn pack(project: &Path, lang: &str, out: &Path) -> String {
    pack_with(project, lang, out, &[])
}

/// A copy of the example project in `dir`: fortb keeps what it reads in the project's
/// `.fortb/`, and a test never writes into the source tree.
fn example_in(dir: &Path) -> std::path::PathBuf {
    let copy = dir.join("skola");
    if !copy.exists() {
        common::copy_dir(&example(), &copy);
    }
    copy
}

/// Like [`pack`], with more of `report`'s options.
fn pack_with(project: &Path, lang: &str, out: &Path, options: &[&str]) -> String {
    let status = common::fortb_process()
        .args(["--lang", lang, "--project"])
        .arg(project)
        .args([
            "report",
            "--format",
            "html",
            "--until",
            "2026-11-23",
            "--out",
        ])
        .arg(out)
        .args(options)
        .status()
        .unwrap();
    assert!(status.success(), "fortb report in {lang}");
    std::fs::read_to_string(out).unwrap()
}

/// Headless Chromium with its own profile in `dir`, fetching nothing.
fn headless(browser: &Path, dir: &Path) -> Command {
    let mut command = Command::new(browser);
    command
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
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()));
    command
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
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
#[cfg_attr(foreign_fortb, ignore = "Chromium runs with the Linux build only")]
fn the_html_report_renders_its_charts_in_chromium() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pack_file = dir.path().join("pack.html");
    let html = pack(&example_in(dir.path()), "en", &pack_file);
    assert!(!html.contains("<script"), "the pack runs no scripts");

    let screenshot = dir.path().join("pack.png");
    let output = headless(&browser, dir.path())
        .args([
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,1400",
        ])
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(file_url(&pack_file))
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
    // The bars of the first chart in the report's three bands: high impact solid, the middle
    // striped, low outlined.
    let high = pixels_of(&image, channels, [0x2f, 0x7d, 0x4f]);
    let middle = pixels_of(&image, channels, [0x9a, 0x6a, 0x00]);
    let low = pixels_of(&image, channels, [0xb5, 0x48, 0x3b]);
    assert!(
        high > 2_000 && middle > 1_000 && low > 1_000,
        "bars not painted: {high} {middle} {low}"
    );
}

/// A copy of the example project in `dir` where some initiatives have a cost and
/// participants, so the pack has every section, its cost chart too.
fn example_with_costs(dir: &Path) -> PathBuf {
    // The example states costs on most initiatives, so the pack has its cost chart.
    let project = dir.join("skola");
    common::copy_dir(&example(), &project);
    project
}

/// What tests/browser/probe.js found in a pack shown `width` CSS px wide: axe-core's
/// violations, the page's widths and the smallest chart text.
fn probe(
    browser: &Path,
    axe: &Path,
    dir: &Path,
    pack_file: &Path,
    width: u32,
) -> serde_json::Value {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let html = std::fs::read_to_string(pack_file).unwrap();
    let scripts = format!(
        "<script>{}</script><script>{}</script></body>",
        std::fs::read_to_string(axe).unwrap(),
        std::fs::read_to_string(browser_dir.join("probe.js")).unwrap()
    );
    let probed = pack_file.with_extension("probe.html");
    std::fs::write(&probed, html.replace("</body>", &scripts)).unwrap();
    let frame = std::fs::read_to_string(browser_dir.join("frame.html"))
        .unwrap()
        .replace("PACK", &file_url(&probed))
        .replace("WIDTH", &width.to_string());
    let frame_file = pack_file.with_extension("frame.html");
    std::fs::write(&frame_file, frame).unwrap();
    let output = headless(browser, dir)
        .args([
            "--window-size=800,1000",
            "--virtual-time-budget=60000",
            "--dump-dom",
        ])
        .arg(file_url(&frame_file))
        .output()
        .expect("Chromium starts");
    let dom = String::from_utf8_lossy(&output.stdout);
    let found = dom
        .split_once("<pre id=\"fortb-probe\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(json, _)| {
            json.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .unwrap_or_else(|| {
            panic!(
                "the probe wrote nothing; Chromium said:\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    serde_json::from_str(&found).unwrap()
}

#[test]
#[cfg_attr(foreign_fortb, ignore = "Chromium runs with the Linux build only")]
fn axe_finds_nothing_and_the_pack_reflows_at_320_px_in_both_languages() {
    let (Some(browser), Some(axe)) = (chromium(), axe_core()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let project = example_with_costs(dir.path());
    for lang in ["en", "sv"] {
        let pack_file = dir.path().join(format!("pack-{lang}.html"));
        // The lessons for next time by kind in one language, by theme in the other: the same
        // headings and lists, so both groupings are checked in one run of each.
        let lessons_by = if lang == "sv" { "theme" } else { "kind" };
        let html = pack_with(&project, lang, &pack_file, &["--lessons-by", lessons_by]);
        assert!(
            html.contains("aria-labelledby=\"lessons\""),
            "{lang}: no lessons"
        );
        for section in [
            "chart-initiatives",
            "chart-kinds",
            "chart-change",
            "chart-cost",
        ] {
            assert!(
                html.contains(&format!("id=\"{section}\"")),
                "{lang}: no {section}"
            );
        }
        // The example's records are in Swedish: marked so in the English pack only.
        assert_eq!(html.contains("<span lang=\"sv\">"), lang == "en", "{lang}");

        let found = probe(&browser, &axe, dir.path(), &pack_file, 320);
        assert_eq!(found["error"], serde_json::Value::Null, "{lang}: {found}");
        assert_eq!(
            found["violations"],
            serde_json::json!([]),
            "{lang}: {found:#}"
        );
        assert_eq!(found["width"], 320, "{lang}: the frame is 320 px wide");
        assert!(
            found["scrollWidth"].as_f64() <= found["clientWidth"].as_f64(),
            "{lang}: the page scrolls sideways at 320 px: {found}"
        );
        let smallest = found["smallestChartText"].as_f64().unwrap();
        assert!(
            smallest >= 12.0,
            "{lang}: chart text shrinks to {smallest} px at 320 px"
        );
    }
}

/// A project of `count` rated initiatives whose long titles wrap onto three lines or more,
/// each starting with `RowNNa` and ending with `RowNNz`, so a split row shows in the PDF's
/// text; every reason why it stuck makes the table wide, so a date could wrap.
fn long_titles(dir: &Path, count: usize) -> PathBuf {
    let project = dir.join("long");
    let initiatives = project.join("initiatives");
    std::fs::create_dir_all(&initiatives).unwrap();
    std::fs::write(
        project.join("fortb.toml"),
        "name = \"Tryckprov\"\nlang = \"sv\"\n",
    )
    .unwrap();
    let kinds = ["study-day", "book-circle", "conference", "online-course"];
    for n in 0..count {
        let record = format!(
            "schema = 1\ntitle = \"Row{n:02}a fortbildning om läsförståelse, bedömning och studiero i alla ämnen Row{n:02}z\"\nkind = \"{}\"\nstart = 2025-{:02}-{:02}\n\n[[recall]]\nby = \"Anna\"\ndate = 2026-11-20\nself = {}\nstaff = {}\nwhy = [\"need\", \"delivery\", \"discussion\", \"practice\"]\n",
            kinds[n % kinds.len()],
            n % 12 + 1,
            n % 28 + 1,
            n % 5,
            (n + 2) % 5
        );
        std::fs::write(initiatives.join(format!("row-{n:02}.toml")), record).unwrap();
    }
    project
}

/// The PDF's text, one string per page.
fn pdf_pages(pdftotext: &Path, pdf: &Path) -> Vec<String> {
    let output = Command::new(pdftotext)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext starts");
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|page| page.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Prints `html_file` to an A4 PDF beside it, as the browser's print dialog would.
fn print_to_pdf(browser: &Path, dir: &Path, html_file: &Path) -> PathBuf {
    let pdf = html_file.with_extension("pdf");
    let output = headless(browser, dir)
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html_file))
        .output()
        .expect("Chromium starts");
    assert!(
        pdf.is_file(),
        "no PDF; Chromium said:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    pdf
}

#[test]
#[cfg_attr(foreign_fortb, ignore = "Chromium runs with the Linux build only")]
fn printed_on_a4_no_row_is_split_and_no_date_wraps() {
    let (Some(browser), Some(pdftotext)) = (chromium(), pdftotext()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let rows = 40;
    let pack_file = dir.path().join("long.html");
    pack(&long_titles(dir.path(), rows), "en", &pack_file);
    let pages = pdf_pages(&pdftotext, &print_to_pdf(&browser, dir.path(), &pack_file));
    // The titles are in the chart, the ranking table and the stories: 40 rows of each
    // take pages, but not one a row.
    assert!(
        (10..=20).contains(&pages.len()),
        "{} pages:\n{pages:#?}",
        pages.len()
    );
    let on_pages = |word: &str| -> Vec<usize> {
        pages
            .iter()
            .enumerate()
            .flat_map(|(n, page)| std::iter::repeat_n(n + 1, page.matches(word).count()))
            .collect()
    };
    for n in 0..rows {
        let (start, end) = (format!("Row{n:02}a"), format!("Row{n:02}z"));
        let starts = on_pages(&start);
        assert_eq!(
            starts.len(),
            3,
            "{start} in the chart, the table and the stories"
        );
        assert_eq!(
            starts,
            on_pages(&end),
            "a row of {start} split between pages"
        );
    }
    let text = pages.concat();
    for n in 0..rows {
        let date = format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1);
        // in the table's date column and under the story's heading
        assert_eq!(text.matches(&date).count(), 2, "{date} wrapped or missing");
    }

    // The example's pack: its pages, and a picture of each to look at (FORTB_KEEP_PAGES).
    let example_file = dir.path().join("example.html");
    pack(&example_in(dir.path()), "sv", &example_file);
    let example_pdf = print_to_pdf(&browser, dir.path(), &example_file);
    let example_pages = pdf_pages(&pdftotext, &example_pdf);
    assert!(
        (5..=9).contains(&example_pages.len()),
        "the example prints on {} pages",
        example_pages.len()
    );
    if let Some(keep) = std::env::var_os("FORTB_KEEP_PAGES") {
        std::fs::copy(&example_pdf, Path::new(&keep).join("example.pdf")).unwrap();
    }
}
