//! `fortb recall [ID]`: "have we already forgotten?" — one person's recall of how much of an
//! initiative stuck, with whom, and why. Without an ID, a review session through every
//! initiative of the period that this person has not rated in this round.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::args::RecallArgs;
use crate::cli::commands::{self, Context};
use crate::cli::interview::{self, RecallReply};
use crate::cli::{output, unaided};
use crate::error::{Error, Result};
use crate::i18n;
use crate::lookback::impact::{self, Period};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::recall::{Recall, Score, Why, WhyNot};
use crate::model::vocabulary::Vocabulary;
use crate::record::document;
use crate::record::project::{display_path, Project};
use crate::record::store;
use crate::t;

/// The answers a review session shows to remind people of an initiative.
const NEED_ANSWERS: &[(&str, &str)] = &[("need", "why"), ("need", "goal")];

pub fn run(context: &Context, args: &RecallArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let by = who(&project, args.by.as_deref())?;
    let date = commands::date_arg("--date", args.date.as_deref())?.unwrap_or_else(Date::today);
    let scripted = args.self_.is_some() || args.leadership.is_some() || args.staff.is_some();
    let why: Vec<Why> = reasons(&args.why)?;
    let why_not: Vec<WhyNot> = reasons(&args.why_not)?;
    let score = |value: Option<i64>, flag: &str| -> Result<Option<Score>> {
        value
            .map(|v| Score::new(v).map_err(|m| Error::Usage(format!("{flag}: {m}"))))
            .transpose()
    };
    let scores = [
        score(args.self_, "--self")?,
        score(args.leadership, "--leadership")?,
        score(args.staff, "--staff")?,
    ];

    match &args.id {
        Some(given) => {
            let (id, path) = store::resolve(&project, given)?;
            let flags = scripted
                || !why.is_empty()
                || !why_not.is_empty()
                || args.note.is_some()
                || args.unaided;
            if flags {
                let given = Recall {
                    self_: scores[0],
                    leadership: scores[1],
                    staff: scores[2],
                    why,
                    why_not,
                    note: args.note.clone().filter(|n| !n.trim().is_empty()),
                    unaided: args.unaided,
                    ..Recall::new(&by, date)
                };
                save_flags(context, &project, &id, &path, given)?;
                return Ok(ExitCode::SUCCESS);
            }
            require_terminal(&id)?;
            let initiative = store::load(&id, &path).map_err(document::refuse_broken)?;
            let theme = interview::theme();
            print_initiative(&initiative, None);
            let previous = to_resume(&initiative, &by, date);
            let mut keep = |entry: &Recall| write_entry(&path, entry);
            if let RecallReply::Rated(entry) =
                interview::ask_recall(theme.as_ref(), &by, date, previous, false, &mut keep)?
            {
                save(context, &project, &id, &path, &entry, None)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            if scripted {
                return Err(Error::Message(t!("recall.scores_need_an_id")));
            }
            require_terminal("ID")?;
            review(context, &project, args, &by, date)
        }
    }
}

/// Saves what was given with flags. Flags update the person's entry of that day, and what
/// they do not give is kept; a new entry needs at least one score.
fn save_flags(
    context: &Context,
    project: &Project,
    id: &str,
    path: &Path,
    given: Recall,
) -> Result<()> {
    let initiative = store::load(id, path).map_err(document::refuse_broken)?;
    let previous = initiative
        .record
        .recall
        .iter()
        .find(|r| r.by == given.by && r.date == given.date);
    match previous {
        Some(previous) => {
            let (entry, kept) = given.over(previous);
            let kept = (!kept.is_empty()).then_some(kept);
            save(context, project, id, path, &entry, kept)
        }
        None if !given.has_scores() => Err(Error::Message(t!("recall.needs_a_score", id = id))),
        None => save(context, project, id, path, &given, None),
    }
}

/// Reasons given on the command line, each once, in the order first given.
fn reasons<V: Vocabulary + Eq + std::hash::Hash>(given: &[String]) -> Result<Vec<V>> {
    let mut reasons: Vec<V> = given
        .iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| V::parse_or_explain(w).map_err(Error::Usage))
        .collect::<Result<_>>()?;
    let mut seen = std::collections::HashSet::new();
    reasons.retain(|reason| seen.insert(*reason));
    Ok(reasons)
}

/// The review session: every initiative of the period this person has not rated this round,
/// after an unaided start when asked for.
fn review(
    context: &Context,
    project: &Project,
    args: &RecallArgs,
    by: &str,
    date: Date,
) -> Result<ExitCode> {
    let period = commands::period(&args.period)?;
    let mut initiatives =
        context.initiatives_in(project, store::Answers::Only(NEED_ANSWERS), &period, &[])?;
    // A need met without training left nothing to remember of a training.
    initiatives.retain(|i| !i.record.not_training());
    initiatives.sort_by_key(|i| (Period::date_of(i), i.id.clone()));
    let left = initiatives
        .iter()
        .filter(|i| args.again || !rated_this_round(i, by, date))
        .count();
    if left == 0 {
        output::note(&t!(
            "recall.nothing_left",
            by = by,
            since = period.since,
            until = period.until
        ));
        return Ok(ExitCode::SUCCESS);
    }
    output::note(&t!(
        "recall.session_start",
        by = by,
        initiatives = crate::i18n::count("count.initiatives", left as u64),
        since = period.since,
        until = period.until
    ));
    let theme = interview::theme();
    if args.unaided || offer_unaided(theme.as_ref(), &initiatives, by, date)? {
        let titles: Vec<String> = initiatives.iter().map(|i| i.record.title.clone()).collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let mut named = |index: usize| mark_named(&mut initiatives[index], by, date, args.again);
        unaided::name_from_memory(
            theme.as_ref(),
            &titles,
            (period.since, period.until),
            &mut named,
        )?;
    }
    // An entry left unfinished is asked about again: it is not a rating yet.
    let to_rate: Vec<&Initiative> = initiatives
        .iter()
        .filter(|i| args.again || !rated_this_round(i, by, date))
        .collect();
    rate_each(context, project, theme.as_ref(), &to_rate, by, date)
}

/// Whether `by` has a finished rating of the initiative in the round `date` belongs to.
fn rated_this_round(initiative: &Initiative, by: &str, date: Date) -> bool {
    let round_start = round_start(date);
    initiative
        .record
        .recall
        .iter()
        .any(|r| r.by == by && r.date >= round_start && !r.incomplete)
}

/// Asks whether to start unaided: yes by default while the person has seen none of this
/// round's list yet, no once they have (naming from memory means little after the list).
fn offer_unaided(
    theme: &dyn dialoguer::theme::Theme,
    initiatives: &[Initiative],
    by: &str,
    date: Date,
) -> Result<bool> {
    let round_start = round_start(date);
    let started = initiatives.iter().any(|i| {
        i.record
            .recall
            .iter()
            .any(|r| r.by == by && r.date >= round_start && r.date <= date)
    });
    interview::confirm(theme, &t!("recall_unaided.offer"), !started)
}

/// Marks that `by` named the initiative without the list: on their entry of this round (or
/// today's with `--again`), else on a new one, incomplete until it is rated. Written at once
/// and kept in memory, so the rating that follows starts from it.
fn mark_named(initiative: &mut Initiative, by: &str, date: Date, again: bool) -> Result<()> {
    let round_start = round_start(date);
    let this_round = initiative
        .record
        .recall
        .iter()
        .filter(|r| r.by == by && r.date >= round_start && r.date <= date)
        .max_by_key(|r| r.date);
    let existing = if again {
        to_resume(initiative, by, date)
    } else {
        this_round
    };
    let mut entry = existing.cloned().unwrap_or_else(|| Recall {
        incomplete: true,
        ..Recall::new(by, date)
    });
    entry.unaided = true;
    write_entry(&initiative.path, &entry)?;
    let recall = &mut initiative.record.recall;
    match recall
        .iter_mut()
        .find(|r| r.by == entry.by && r.date == entry.date)
    {
        Some(kept) => *kept = entry,
        None => recall.push(entry),
    }
    Ok(())
}

/// Rates each initiative in turn, until the list ends or the person stops.
fn rate_each(
    context: &Context,
    project: &Project,
    theme: &dyn dialoguer::theme::Theme,
    to_rate: &[&Initiative],
    by: &str,
    date: Date,
) -> Result<ExitCode> {
    let mut rated = 0;
    for (n, initiative) in to_rate.iter().enumerate() {
        print_initiative(initiative, Some((n + 1, to_rate.len())));
        let previous = to_resume(initiative, by, date);
        let mut keep = |entry: &Recall| write_entry(&initiative.path, entry);
        match interview::ask_recall(theme, by, date, previous, true, &mut keep)? {
            RecallReply::Rated(entry) => {
                save(
                    context,
                    project,
                    &initiative.id,
                    &initiative.path,
                    &entry,
                    None,
                )?;
                rated += 1;
            }
            RecallReply::Skip => {}
            RecallReply::Stop => {
                output::note(&t!(
                    "recall.stopped",
                    rated = rated,
                    left = to_rate.len() - rated
                ));
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    output::note(&t!("recall.session_done", rated = rated));
    Ok(ExitCode::SUCCESS)
}

/// The first day of the round `date` belongs to.
fn round_start(date: Date) -> Date {
    Date(date.0 - chrono::Days::new(impact::ROUND_DAYS))
}

/// The entry an interview starts from: the person's own of that day, else one they left
/// unfinished earlier in the round (it keeps its date, so it is finished, not doubled).
fn to_resume<'a>(initiative: &'a Initiative, by: &str, date: Date) -> Option<&'a Recall> {
    let own = initiative.record.recall.iter().filter(|r| r.by == by);
    let mut own_today = own.clone().filter(|r| r.date == date);
    own_today.next().or_else(|| {
        own.filter(|r| r.incomplete && r.date >= round_start(date) && r.date <= date)
            .max_by_key(|r| r.date)
    })
}

/// Writes one person's recall, says so, and commits it when asked to. `kept` names what an
/// update left as it was, when the entry was there before.
fn save(
    context: &Context,
    project: &Project,
    id: &str,
    path: &Path,
    entry: &Recall,
    kept: Option<Vec<&str>>,
) -> Result<()> {
    write_entry(path, entry)?;
    let path_shown = display_path(path);
    output::note(&match kept {
        Some(kept) => t!(
            "recall.updated",
            whose = i18n::possessive(&entry.by),
            id = id,
            date = entry.date,
            path = path_shown.display(),
            kept = kept.join(", ")
        ),
        None => t!(
            "recall.saved",
            whose = i18n::possessive(&entry.by),
            id = id,
            path = path_shown.display()
        ),
    });
    context.commit(
        project,
        &[path.to_path_buf()],
        t!("commit.recall", id = id, by = entry.by),
    )
}

/// Writes the entry into the record without a word: also used for each answer as it is
/// given during an interview.
fn write_entry(path: &Path, entry: &Recall) -> Result<()> {
    document::update_record(path, |doc, _| {
        crate::record::recall::write_entry(doc, entry);
        Ok(())
    })
}

fn require_terminal(id: &str) -> Result<()> {
    if output::interactive() {
        Ok(())
    } else {
        Err(Error::Message(t!("recall.not_a_terminal", id = id)))
    }
}

/// Title, kind, dates and the need, in a line or two, so the person remembers which one it was.
fn print_initiative(initiative: &Initiative, position: Option<(usize, usize)>) {
    let record = &initiative.record;
    let counter = position
        .map(|(n, total)| format!("({n}/{total}) "))
        .unwrap_or_default();
    let dates = match (record.start, record.end) {
        (Some(start), Some(end)) if start != end => format!("{start} – {end}"),
        (Some(date), _) | (None, Some(date)) => date.to_string(),
        (None, None) => String::new(),
    };
    let mut facts = vec![record.kind.label()];
    if !dates.is_empty() {
        facts.push(dates);
    }
    if record.whole_staff {
        facts.push(t!("patterns.whole_staff").to_lowercase());
    }
    output::styled_note(&format!("\n{counter}{}", record.title), |s| s.bold());
    output::note(&format!("  {}", facts.join(" · ")));
    let need = record.steps.get("need").and_then(|need| {
        ["why", "goal"]
            .iter()
            .find_map(|key| need.answers.get(*key).and_then(toml::Value::as_str))
            .map(str::to_string)
    });
    if let Some(need) = need {
        let short = crate::cli::wrap::beginning(&need, 150);
        output::note(&format!("  {}: {short}", t!("recall_prompt.need")));
    }
}

/// Who is recalling: `--by`, else git's `user.name`, else the login name.
fn who(project: &Project, given: Option<&str>) -> Result<String> {
    if let Some(name) = given.map(str::trim) {
        // `--by ''` is a mistake (an empty variable in a script), never a wish to be someone
        // else: it does not fall back to git's user.name.
        if name.is_empty() {
            return Err(Error::Usage(t!("recall.empty_by")));
        }
        return Ok(name.to_string());
    }
    let from_git = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(&project.root)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty());
    from_git
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok())
                .filter(|n| !n.is_empty())
        })
        .ok_or_else(|| Error::Message(t!("recall.who")))
}
