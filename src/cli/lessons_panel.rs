//! The panel "Earlier initiatives like this one", shown when an initiative is created and
//! when its need and concept steps begin: a few lines on how the earlier initiatives of the
//! same kind, theme or plan goal went, and what their lessons were. Quiet when there are none.

use std::cmp::Reverse;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::{output, wrap};
use crate::error::Result;
use crate::lookback::lessons::{self, Earlier, Likeness};
use crate::lookback::summary::number;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::record::lessons_index;
use crate::record::project::Project;
use crate::record::units::{self, RecordFile, Scope};
use crate::t;

/// The panel never takes more lines than this, heading included.
pub const MAX_LINES: usize = 15;

/// The panel is laid out for at most this many columns.
pub const MAX_COLUMNS: usize = 80;

/// Narrower than this, the terminal wraps the panel's lines rather than the panel being cut.
const MIN_COLUMNS: usize = 40;

/// Where the panel goes: stdout when it is a terminal a person reads, else stderr, so that a
/// script reading `new`'s stdout gets the path alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    Stderr,
}

impl Destination {
    /// Stdout in a terminal, unless `quiet`.
    pub fn for_new(quiet: bool) -> Destination {
        if !quiet && output::stdout_is_terminal() {
            Destination::Stdout
        } else {
            Destination::Stderr
        }
    }
}

/// What the lessons are read from: the project, and for a unit its organiser and the
/// organiser's other units (an organiser's project brings its units anyway).
pub fn scope_of(project: &Project) -> Scope {
    let mut named = vec![project.clone()];
    if let Some(folder) = &project.config.organisation.organiser {
        if let Ok(organiser) = Project::open(&units::within(&project.root, folder)) {
            named.push(organiser);
        }
    }
    Scope::gather(named)
}

/// Shows the panel for an initiative like `like`, planned from `before`, leaving out `skip`,
/// once a run. Records that cannot be read are passed over: the panel is a help, never a
/// hindrance.
pub fn show(
    project: &Project,
    like: &Likeness,
    before: Date,
    skip: Option<&str>,
    to: Destination,
) -> Result<()> {
    // `new` shows it, then may go straight into the need step, which would show it again.
    static SHOWN: AtomicBool = AtomicBool::new(false);
    if SHOWN.swap(true, Ordering::Relaxed) {
        return Ok(());
    }
    if like.kind.is_none() && like.themes.is_empty() && like.goals.is_empty() {
        return Ok(());
    }
    let scope = scope_of(project);
    let loaded = read_like(project, &scope, like, before, skip)?;
    let thresholds = |i: &Initiative| scope.project_of(i).config.survey.thresholds();
    let earlier = lessons::like(&loaded, like, before, skip, lessons::MOST, &thresholds);
    if earlier.is_empty() {
        return Ok(());
    }
    let stream = match to {
        Destination::Stdout => output::Stream::Stdout,
        Destination::Stderr => output::Stream::Stderr,
    };
    // A narrower terminal narrows the panel; its last column stays free.
    let columns = output::width(stream).map_or(MAX_COLUMNS, |width| {
        usize::from(width)
            .saturating_sub(1)
            .clamp(MIN_COLUMNS, MAX_COLUMNS)
    });
    let text = render(&earlier, columns, MAX_LINES);
    match to {
        Destination::Stdout => output::print_for_terminal(&text),
        Destination::Stderr => output::note(text.trim_end()),
    }
    Ok(())
}

/// The records [`lessons::like`] needs to choose the earlier initiatives like `like`. They
/// are ranked by what the index says of each record (its kind, themes, goals and date, see
/// [`lessons_index`]) the way `lessons::like` ranks them, then read in that order, a few more
/// each round, until enough of them have something to say: a project of thousands of
/// records reads a handful of them in full.
fn read_like(
    project: &Project,
    scope: &Scope,
    like: &Likeness,
    before: Date,
    skip: Option<&str>,
) -> Result<Vec<Initiative>> {
    use rayon::prelude::*;
    let files = scope.record_files()?;
    let paths: Vec<&Path> = files.iter().map(|file| file.path.as_path()).collect();
    let facts = lessons_index::facts(&project.root, &paths);
    let mut ranked: Vec<(usize, Option<Date>, &RecordFile)> = files
        .iter()
        .zip(facts)
        .filter_map(|(file, facts)| {
            let facts = facts?;
            let weight = like.weight(facts.kind, &facts.themes, &facts.goals);
            // The date an initiative is placed by, as `Period::date_of` takes it.
            let date = facts.start.or(facts.end);
            let earlier = date.is_some_and(|date| date <= before);
            (weight > 0 && earlier && Some(file.id.as_str()) != skip)
                .then_some((weight, date, file))
        })
        .collect();
    ranked.sort_by_key(|(weight, date, _)| (Reverse(*weight), Reverse(*date)));
    let thresholds = |i: &Initiative| scope.project_of(i).config.survey.thresholds();
    let mut loaded = Vec::new();
    let (mut next, mut batch) = (0, 2 * lessons::MOST);
    while next < ranked.len() {
        let end = ranked.len().min(next + batch);
        // A record that cannot be read is passed over, as a broken one is by every panel.
        let read: Vec<Option<Initiative>> = ranked[next..end]
            .par_iter()
            .map(|(_, _, file)| scope.load_file(file, lessons::ANSWERS).ok().flatten())
            .collect();
        loaded.extend(read.into_iter().flatten());
        (next, batch) = (end, 2 * batch);
        let earlier = lessons::like(&loaded, like, before, skip, lessons::MOST, &thresholds);
        if earlier.iter().filter(|e| e.has_something_to_say()).count() >= lessons::MOST {
            break;
        }
    }
    Ok(loaded)
}

/// The panel's text: a heading, then each initiative's lines, at most `max_lines` in all and
/// none wider than `columns`. Each initiative gets its first line; the lines left are shared
/// out a line at a time, the first initiatives first.
pub fn render(earlier: &[Earlier], columns: usize, max_lines: usize) -> String {
    let blocks: Vec<Vec<String>> = earlier.iter().map(|e| block(e, columns)).collect();
    let mut taken: Vec<usize> = vec![0; blocks.len()];
    let mut left = max_lines.saturating_sub(1);
    let mut progress = true;
    while left > 0 && progress {
        progress = false;
        for (block, taken) in blocks.iter().zip(taken.iter_mut()) {
            if left > 0 && *taken < block.len() {
                *taken += 1;
                left -= 1;
                progress = true;
            }
        }
    }
    let mut out = format!("{}\n", t!("lessons.heading"));
    for (block, taken) in blocks.iter().zip(taken) {
        for (index, line) in block.iter().take(taken).enumerate() {
            let indent = if index == 0 { "• " } else { "  " };
            out.push_str(&clip(&format!("{indent}{line}"), columns));
            out.push('\n');
        }
    }
    out
}

/// One initiative's lines, the most telling first: how it went, why, its first lesson, what
/// material it used, then its other lessons.
fn block(earlier: &Earlier, columns: usize) -> Vec<String> {
    let mut lines = vec![head_line(earlier, columns)];
    let reasons = lessons::reasons_text(earlier);
    if !reasons.is_empty() {
        lines.push(reasons);
    }
    let mut taught = earlier
        .lessons
        .iter()
        .map(|lesson| t!("lessons.lesson", text = one_line(lesson)));
    lines.extend(taught.next());
    lines.extend(earlier.material().iter().map(|m| {
        let title = one_line(&m.title);
        let line = t!("lessons.material", title = title, url = m.url);
        // A link cut short leads nowhere: without room for it, the title alone.
        if wrap::width(&line) + 2 <= columns {
            line
        } else {
            t!("lessons.material_title", title = title)
        }
    }));
    lines.extend(taught);
    lines
}

/// An initiative's first line, its title and how it went. Short of room, the impact's number
/// stands for its words, and the title gives way before the number does.
fn head_line(earlier: &Earlier, columns: usize) -> String {
    let title = one_line(&lessons::title_line(earlier));
    let mut outcome = lessons::outcome_text(earlier);
    // The "• " before the line and the " · " between its parts.
    let room = columns.saturating_sub(2);
    if wrap::width(&title) + 3 + wrap::width(&outcome) > room {
        if let Some(mean) = earlier.impact.overall {
            outcome = t!("lessons.impact_short", mean = number(Some(mean)));
        }
    }
    let left = room.saturating_sub(3 + wrap::width(&outcome));
    format!(
        "{} · {outcome}",
        wrap::cut(&title, left.max(TITLE_AT_LEAST))
    )
}

/// The columns a title keeps on a short line, whatever follows it.
const TITLE_AT_LEAST: usize = 24;

/// Text from a record on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line cut to `columns`, at a word where it can be, with an ellipsis where it was cut.
fn clip(line: &str, columns: usize) -> String {
    wrap::cut(line, columns).into_owned()
}
