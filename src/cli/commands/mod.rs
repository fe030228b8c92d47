//! One file per subcommand. Each takes the parsed arguments and the [`Context`], does its work
//! through the domain modules, and returns the exit code.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cli::args::{Command, CsvArgs, DecimalArg, PeriodArgs};
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::csv::Dialect;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::lookback::impact::Period;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::unit::Unit;
use crate::model::vocabulary::{Kind, Vocabulary};
use crate::record::project::Project;
use crate::record::store;
use crate::record::units::Scope;
use crate::t;

mod check;
mod completions;
mod due;
mod edit;
mod export;
mod git_setup;
mod indicator;
pub mod init;
mod lessons;
pub mod list;
mod log;
mod man;
mod material;
mod merge_driver;
mod migrate;
mod new;
mod plan;
mod plan_edit;
mod questions;
mod recall;
mod remove;
mod rename;
mod report;
mod set;
mod show;
mod status;
mod step;
mod summary;
mod survey;
mod unit;

/// What every command may need besides its own arguments.
pub struct Context {
    /// `--project` (more than once for an organiser's view) or `FORTB_PROJECT`.
    pub projects: Vec<PathBuf>,
    /// `--lang`, when given.
    pub explicit_lang: Option<Lang>,
    /// `--strict`: a broken record fails a read-only command instead of being skipped.
    pub strict: bool,
    /// `--commit`: commit what a writing command changed, as `[git] commit = true` does.
    pub commit: bool,
    /// The day the command runs on, read once at start (`FORTB_TODAY` or the clock).
    pub today: Date,
}

impl Context {
    /// After a writing command: commits the files it changed when the project or `--commit`
    /// asks for it, with a message in the domain's words. Nothing else is committed.
    pub fn commit(&self, project: &Project, paths: &[PathBuf], message: String) -> Result<()> {
        if !(self.commit || project.config.git.commit) || paths.is_empty() {
            return Ok(());
        }
        if crate::git::repo::commit_only(&project.root, paths, &message)? {
            output::note(&t!("git.committed", message = message));
        }
        Ok(())
    }

    /// The one project a command works in; `--project` more than once is for the commands
    /// that read several units.
    pub fn project(&self) -> Result<Project> {
        Project::discover(self.one_project()?)
    }

    /// `--project` when given once; a usage error when given more than once.
    pub fn one_project(&self) -> Result<Option<&std::path::Path>> {
        match self.projects.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            _ => Err(Error::Usage(t!("units.one_project_only"))),
        }
    }

    /// What a read-only command over units reads: the projects named (or found), each with
    /// the units its `[organisation]` lists.
    pub fn scope(&self) -> Result<Scope> {
        let named = match self.projects.as_slice() {
            [] => vec![Project::discover(None)?],
            paths => paths
                .iter()
                .map(|path| Project::discover(Some(path)))
                .collect::<Result<_>>()?,
        };
        let scope = Scope::gather(named);
        for diagnostic in &scope.broken {
            if self.strict {
                return Err(Error::InvalidMany(scope.broken));
            }
            output::warning(&t!(
                "units.skipped",
                problem = crate::cli::error::diagnostic(diagnostic)
            ));
        }
        Ok(scope)
    }

    /// Every record of the project for a read-only command: broken ones are skipped with a
    /// warning naming them, or, under `--strict`, fail the command.
    pub fn initiatives(
        &self,
        project: &Project,
        answers: store::Answers,
    ) -> Result<Vec<Initiative>> {
        self.units_initiatives(&Scope::single(project.clone()), answers)
    }

    /// Every record of every project in `scope`, broken ones handled as by
    /// [`Context::initiatives`].
    pub fn units_initiatives(
        &self,
        scope: &Scope,
        answers: store::Answers,
    ) -> Result<Vec<Initiative>> {
        self.initiatives_where(scope, answers, |_| true)
    }

    /// The records a look-back covers: of the given kinds (all when none is given) and dated
    /// within the period. Undated records of those kinds are counted in a note, since no
    /// period can hold them.
    pub fn initiatives_in(
        &self,
        project: &Project,
        answers: store::Answers,
        period: &Period,
        kinds: &[String],
    ) -> Result<Vec<Initiative>> {
        self.units_initiatives_in(&Scope::single(project.clone()), answers, period, kinds)
    }

    /// Like [`Context::initiatives_in`], over every project in `scope`.
    pub fn units_initiatives_in(
        &self,
        scope: &Scope,
        answers: store::Answers,
        period: &Period,
        kinds: &[String],
    ) -> Result<Vec<Initiative>> {
        let kinds: Vec<Kind> = kinds
            .iter()
            .map(|k| Kind::parse_or_explain(k).map_err(|e| Error::Usage(e.to_string())))
            .collect::<Result<_>>()?;
        let undated = AtomicUsize::new(0);
        let initiatives = self.initiatives_where(scope, answers, |initiative| {
            if !kinds.is_empty() && !kinds.contains(&initiative.record.kind) {
                return false;
            }
            if Period::date_of(initiative).is_none() {
                undated.fetch_add(1, Ordering::Relaxed);
            }
            period.contains(initiative)
        })?;
        let undated = undated.into_inner();
        if undated > 0 {
            output::note(&t!("summary.undated", count = undated));
        }
        Ok(initiatives)
    }

    fn initiatives_where(
        &self,
        scope: &Scope,
        answers: store::Answers,
        keep: impl Fn(&Initiative) -> bool + Sync,
    ) -> Result<Vec<Initiative>> {
        self.handle_broken(scope.load_where(answers, keep)?)
    }

    /// The records read; broken ones are warned about and skipped, or with `--strict` fail.
    pub fn handle_broken(&self, loaded: store::Loaded) -> Result<Vec<Initiative>> {
        if !loaded.broken.is_empty() {
            if self.strict {
                return Err(Error::InvalidMany(loaded.broken));
            }
            for diagnostic in &loaded.broken {
                output::warning(&t!(
                    "record.skipped",
                    problem = crate::cli::error::diagnostic(diagnostic)
                ));
            }
        }
        Ok(loaded.initiatives)
    }
}

/// Keeps the initiatives with any of the themes named by `--theme` (all when none is named),
/// whatever the case.
pub fn keep_themes(initiatives: &mut Vec<Initiative>, wanted: &[String]) {
    if !wanted.is_empty() {
        initiatives.retain(|i| wanted.iter().any(|theme| i.record.has_theme(theme)));
    }
}

/// Keeps the initiatives of the units named by `--unit` (all when none is named). A name
/// no unit has is a usage error listing the ones there are.
pub fn keep_units(initiatives: &mut Vec<Initiative>, wanted: &[String]) -> Result<()> {
    if wanted.is_empty() {
        return Ok(());
    }
    let names: std::collections::BTreeSet<&str> = initiatives
        .iter()
        .filter_map(|i| i.unit.as_ref().map(|u| &*u.name))
        .collect();
    // A unit is also found by its key: two units of one name differ only there.
    let keys: HashMap<String, &str> = initiatives
        .iter()
        .filter_map(|i| i.unit.as_ref())
        .map(|u| (u.key_shown().to_lowercase(), &*u.name))
        .collect();
    let mut keep = Vec::new();
    for given in wanted {
        let given_lower = given.trim().to_lowercase();
        let by_name = names.iter().find(|name| name.to_lowercase() == given_lower);
        match by_name.or_else(|| keys.get(&given_lower)) {
            Some(name) => keep.push(name.to_string()),
            None => {
                let valid: Vec<&str> = names.iter().copied().collect();
                let words = valid.iter().copied().chain(keys.keys().map(String::as_str));
                return Err(crate::record::units::unknown(given, &valid, words));
            }
        }
    }
    initiatives.retain(|i| {
        i.unit
            .as_ref()
            .is_some_and(|u| keep.iter().any(|k| **k == *u.name))
    });
    Ok(())
}

/// The ids a table's id column tells apart. In one project, every record id of the project.
/// In an organiser's view, each unit's own: an id is looked up in its own unit's project, so
/// it needs to stand apart only from that unit's ids (the unit column tells the rest apart),
/// and a narrow table keeps more of its columns.
pub enum KnownIds {
    Project(Vec<String>),
    ByUnit(HashMap<Option<Unit>, Vec<String>>),
}

impl KnownIds {
    pub fn of(scope: &Scope, initiatives: &[Initiative]) -> Result<KnownIds> {
        // Ids are shortened only to fit a width: without one (a pipe, a file), none is
        // listed, which for a large project was a second listing of its folder.
        if !table::has_width() {
            return Ok(KnownIds::Project(Vec::new()));
        }
        if !scope.is_organiser_view() {
            return Ok(KnownIds::Project(known_ids(&scope.main)?));
        }
        let mut by_unit: HashMap<Option<Unit>, Vec<String>> = HashMap::new();
        for initiative in initiatives {
            let ids = by_unit.entry(initiative.unit.clone()).or_default();
            ids.push(initiative.id.clone());
        }
        for ids in by_unit.values_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
        Ok(KnownIds::ByUnit(by_unit))
    }

    /// The id column of a table whose rows belong to `units`, in row order.
    pub fn column<'u>(self, units: impl Iterator<Item = Option<&'u Unit>>) -> Column {
        let header = t!("column.id");
        match self {
            KnownIds::Project(known) => Column::id(header, known),
            KnownIds::ByUnit(by_unit) => {
                let (keys, known): (Vec<Option<Unit>>, Vec<Vec<String>>) =
                    by_unit.into_iter().unzip();
                let index: HashMap<Option<&Unit>, usize> = keys
                    .iter()
                    .enumerate()
                    .map(|(group, unit)| (unit.as_ref(), group))
                    .collect();
                let groups = units
                    .map(|unit| index.get(&unit).copied().unwrap_or(0))
                    .collect();
                Column::grouped_id(header, known, groups)
            }
        }
    }
}

/// Every record id of the project, for shortening ids in a table to a beginning that still
/// tells them apart.
pub fn known_ids(project: &Project) -> Result<Vec<String>> {
    store::record_ids(project)
}

/// An empty table gets a word on how to start, unless the records are there but broken (the
/// warnings about them already said what is wrong).
pub fn note_if_no_records(project: &Project) -> Result<()> {
    if store::record_files(project)?.is_empty() {
        output::note(&t!("list.empty"));
    }
    Ok(())
}

/// The period of a look-back from `--since`, `--until` and `--months`, counted back from
/// `today`.
pub fn period(args: &PeriodArgs, today: Date) -> Result<Period> {
    let since = date_arg("--since", args.since.as_deref())?;
    let until = date_arg("--until", args.until.as_deref())?;
    Period::resolve(since, until, args.months, today).map_err(|reversed| {
        Error::Usage(t!(
            "period.reversed",
            since = reversed.since,
            until = reversed.until
        ))
    })
}

pub fn date_arg(argument: &str, value: Option<&str>) -> Result<Option<Date>> {
    value
        .map(|text| Date::parse_arg(argument, text).map_err(|e| Error::Usage(e.to_string())))
        .transpose()
}

/// `--start` and `--end` read as dates; the end may not come before the start.
pub fn period_args(start: Option<&str>, end: Option<&str>) -> Result<(Option<Date>, Option<Date>)> {
    let start = date_arg("--start", start)?;
    let end = date_arg("--end", end)?;
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            return Err(Error::Message(t!(
                "new.end_before_start",
                start = start,
                end = end
            )));
        }
    }
    Ok((start, end))
}

pub fn run(context: &Context, command: Command) -> Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(context, &args),
        Command::New(args) => new::run(context, &args),
        Command::List(args) => list::run(context, &args),
        Command::Show(args) => show::run(context, &args),
        Command::Edit(args) => edit::run(context, &args),
        Command::Set(args) => set::run(context, &args),
        Command::Rename(args) => rename::run(context, &args),
        Command::Remove(args) => remove::run(context, &args),
        Command::Check(args) => check::run(context, &args),
        Command::Step(args) => step::run(context, &args),
        Command::Recall(args) => recall::run(context, &args),
        Command::Summary(args) => summary::run(context, &args),
        Command::Report(args) => report::run(context, &args),
        Command::Plan(args) => plan::run(context, &args),
        Command::Lessons(args) => lessons::run(context, &args),
        Command::Material(args) => material::run(context, &args),
        Command::Status(args) => status::run(context, &args),
        Command::Questions(args) => questions::run(context, &args),
        Command::Indicator(args) => indicator::run(context, &args),
        Command::Due(args) => due::run(context, &args),
        Command::Export(args) => export::run(context, &args),
        Command::Survey(args) => survey::run(context, &args),
        Command::Unit(args) => unit::run(context, &args),
        Command::GitSetup => git_setup::run(context),
        Command::Log(args) => log::run(context, &args),
        Command::MergeDriver(args) => merge_driver::run(&args),
        Command::Migrate(args) => migrate::run(context, &args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}

/// The CSV dialect of the run: the language's defaults with what `--delimiter`, `--decimal`
/// and `--bom`/`--no-bom` chose.
pub fn csv_dialect(args: &CsvArgs) -> Result<Dialect> {
    let delimiter = args.delimiter.as_deref().map(delimiter).transpose()?;
    let bom = match (args.bom, args.no_bom) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let decimal_comma = args.decimal.map(|d| d == DecimalArg::Comma);
    Ok(Dialect::new(i18n::current(), delimiter, decimal_comma, bom))
}

/// A `--delimiter`: one character, `tab` or `\t` for a tab; never a quote or a line break.
fn delimiter(given: &str) -> Result<char> {
    let given = if given == "\\t" || given.eq_ignore_ascii_case("tab") {
        "\t"
    } else {
        given
    };
    let mut chars = given.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != '"' && c != '\n' && c != '\r' => Ok(c),
        _ => Err(Error::Usage(t!("csv.bad_delimiter", given = given))),
    }
}

/// Lets go of what a command made, once its output is written. The process ends right after,
/// and the system takes its memory back whole: freeing a large project's records and cells
/// one by one reads each of them from memory once more, at 100,000 records the slowest pass
/// of all, for nothing. A command keeps to its peak memory by letting go of what it no
/// longer needs before it makes its output, as it always did.
pub fn done_with<T>(made: T) {
    std::mem::forget(made);
}
