//! `fortb survey questions|import`: the evaluation survey of an initiative — a questionnaire
//! made from its learning goals, and the import of the answers a form tool exported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::args::{
    DecemberArgs, SurveyArgs, SurveyCasesArgs, SurveyCommand, SurveyFormat, SurveyImportArgs,
    SurveyQuestionsArgs,
};
use crate::cli::commands::{self, Context};
use crate::cli::output;
use crate::csv::Encoding;
use crate::error::{Error, Result};
use crate::followup::survey::{self, CsvError};
use crate::followup::{cases, december, round_import, transfer};
use crate::i18n::{self, Lang};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::survey::{Round, RoundAnswers, Thresholds};
use crate::record::parse;
use crate::record::project::{display_path, Project};
use crate::record::{store, units};
use crate::t;

pub fn run(context: &Context, args: &SurveyArgs) -> Result<ExitCode> {
    match &args.command {
        SurveyCommand::Questions(args) => questions(context, args),
        SurveyCommand::Import(args) => import(context, args),
        SurveyCommand::Cases(args) => cases(context, args),
    }
}

fn load(context: &Context, given: &str) -> Result<(Initiative, std::path::PathBuf)> {
    let project = context.project()?;
    let (id, path) = store::resolve(&project, given)?;
    let initiative = store::load(&id, &path)?;
    Ok((initiative, path))
}

fn questions(context: &Context, args: &SurveyQuestionsArgs) -> Result<ExitCode> {
    let Some(id) = args.id.as_deref().filter(|_| !args.december.december) else {
        return december_questions(context, args);
    };
    let round = Round::parse(&args.round)
        .ok_or_else(|| Error::Usage(t!("survey.bad_round", given = args.round)))?;
    let (initiative, _) = load(context, id)?;
    let export = args.out.export()?;
    let goals = initiative.learning_goals();
    if goals.is_empty() {
        output::warning(&t!("survey.no_goals", id = initiative.id));
    }
    let lang = i18n::current();
    let questions = match round {
        Round::End => survey::questionnaire(&goals, lang == Lang::Sv),
        Round::DaysAfterEnd(_) => transfer::questionnaire(lang),
        Round::December(_) => {
            return Err(Error::Usage(t!(
                "survey.questions_december",
                given = args.round
            )))
        }
    };
    let text = match (args.format, round) {
        (SurveyFormat::Markdown, Round::DaysAfterEnd(days)) => {
            let min = context.project()?.config.survey.thresholds().min_responses;
            let plan = transfer::Plan::of(&initiative);
            transfer::questionnaire_markdown(&initiative.record.title, days, &plan, min, lang)
        }
        (SurveyFormat::Markdown, _) => {
            survey::questionnaire_markdown(&initiative.record.title, &questions, lang == Lang::Sv)
        }
        (SurveyFormat::Csv, _) => {
            survey::questionnaire_csv(&questions, &commands::csv_dialect(&args.csv)?)
        }
    };
    export.data(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn import(context: &Context, args: &SurveyImportArgs) -> Result<ExitCode> {
    if args.december.december {
        return december_import(context, args);
    }
    let file = args
        .file
        .as_deref()
        .expect("clap requires FILE without --december");
    let round = Round::parse(&args.round)
        .ok_or_else(|| Error::Usage(t!("survey.bad_round", given = args.round)))?;
    let project = context.project()?;
    let (id, path) = store::resolve(&project, &args.id)?;
    let (shown_file, rows) = read_rows(file)?;
    let thresholds = project.config.survey.thresholds();
    let imported = round_import::import(&round_import::Request {
        root: &project.root,
        id: &id,
        record: &path,
        rows: &rows,
        round,
        file: &shown_file,
        thresholds,
        today: Date::today(),
        questionnaire: None,
    })?;
    let result = &imported.import;
    context.commit(
        &project,
        &imported.changed,
        t!("commit.survey", id = id, count = result.responses),
    )?;
    note_imported(&id, result);
    if !result.unmatched_columns.is_empty() {
        output::warning(&t!(
            "survey.unmatched",
            columns = result.unmatched_columns.join("; ")
        ));
    }
    if !result.missing_questions.is_empty() {
        output::warning(&t!(
            "survey.missing",
            keys = result.missing_questions.join(", ")
        ));
    }
    warn_below_thresholds(&imported.answers, thresholds);
    Ok(ExitCode::SUCCESS)
}

/// The rows of a form's export (header first), and its path as messages show it.
fn read_rows(file: &Path) -> Result<(PathBuf, Vec<Vec<String>>)> {
    let shown_file = display_path(file);
    let text = read_export(file, &shown_file)?;
    let rows = survey::parse_export(&text).map_err(|error| {
        Error::Message(format!(
            "{}:{}: {}",
            shown_file.display(),
            error.line(),
            csv_problem(&error)
        ))
    })?;
    if rows.len() < 2 {
        return Err(Error::Message(t!(
            "survey.no_rows",
            path = shown_file.display()
        )));
    }
    Ok((shown_file, rows))
}

/// The text of a survey tool's or spreadsheet's export, in whatever encoding it was saved;
/// says so when that was not UTF-8.
fn read_export(file: &Path, shown_file: &Path) -> Result<String> {
    let bytes = parse::read_bytes(file)?;
    let Some((text, encoding)) = crate::csv::decode(&bytes) else {
        return Err(Error::Message(t!(
            "survey_encoding.not_text",
            path = shown_file.display()
        )));
    };
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => {}
        Encoding::Windows1252 => output::note(&t!(
            "survey_encoding.windows_1252",
            path = shown_file.display()
        )),
        Encoding::Utf8WithStrayBytes { count, first_line } => output::warning(&t!(
            "survey_encoding.stray_bytes",
            path = shown_file.display(),
            count = count,
            line = first_line
        )),
        Encoding::Utf16Le | Encoding::Utf16Be => output::note(&t!(
            "survey_encoding.read_as",
            path = shown_file.display(),
            encoding = encoding.name()
        )),
    }
    Ok(text.into_owned())
}

/// The success cases of a follow-up round, with the interview guide.
fn cases(context: &Context, args: &SurveyCasesArgs) -> Result<ExitCode> {
    let Some(Round::DaysAfterEnd(days)) = Round::parse(&args.round) else {
        return Err(Error::Usage(t!("cases.bad_round", given = args.round)));
    };
    let (initiative, _) = load(context, &args.id)?;
    let project = context.project()?;
    let thresholds = project.config.survey.thresholds();
    let round = initiative
        .record
        .survey
        .as_ref()
        .and_then(|survey| survey.round(Round::DaysAfterEnd(days)))
        .ok_or_else(|| Error::Message(t!("cases.no_round", id = initiative.id, round = days)))?;
    let transfer = match cases::Cases::of(round, thresholds) {
        cases::Cases::Shown(transfer) => Some(transfer),
        cases::Cases::TooFew { .. } => None,
        cases::Cases::NoTransfer => {
            return Err(Error::Message(t!(
                "cases.no_transfer",
                id = initiative.id,
                round = days
            )))
        }
    };
    let text = cases::markdown(
        &initiative.record.title,
        days,
        transfer,
        thresholds,
        &project.beneficiary(),
    );
    args.out.export()?.data(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Says what a CSV that does not fit is missing.
fn csv_problem(error: &CsvError) -> String {
    match error {
        CsvError::UnterminatedQuote { .. } => t!("survey.bad_csv"),
        CsvError::UnknownDelimiter { guess: Some(guess) } => {
            t!("survey.unknown_delimiter_guess", guess = guess)
        }
        CsvError::UnknownDelimiter { guess: None } => t!("survey.unknown_delimiter"),
        CsvError::RowWidth { fields, header, .. } => {
            t!("survey.row_width", fields = fields, header = header)
        }
    }
}

/// Tells how many an import counted, and which rows and answers it did not take as they were.
fn note_imported(id: &str, result: &survey::Import) {
    output::note(&t!(
        "survey.imported",
        new = result.responses,
        duplicates = result.duplicates,
        id = id
    ));
    if result.empty > 0 {
        output::note(&t!("survey.empty_rows", count = result.empty));
    }
    if result.cut > 0 {
        output::warning(&t!(
            "survey.cut_answers",
            count = result.cut,
            max = survey::MAX_ANSWER_CHARS
        ));
    }
}

/// Tells what stays outside the repository until the round has enough respondents.
fn warn_below_thresholds(answers: &RoundAnswers, thresholds: Thresholds) {
    if answers.waiting.responses > 0 {
        output::warning(&t!(
            "survey.waiting",
            count = answers.waiting.responses,
            min = thresholds.min_responses
        ));
    }
    // Before anyone is in the record, the respondents' warning above says it all.
    let questions = answers.questions_waiting();
    if questions > 0 && answers.published.responses > 0 {
        output::note(&t!(
            "survey.questions_waiting",
            count = questions,
            min = thresholds.min_responses
        ));
    }
    if !answers.text_waiting.is_empty() {
        output::warning(&t!(
            "survey.text_waiting",
            count = answers.text_waiting.len(),
            min = thresholds.min_responses_text
        ));
    }
}

/// The December survey's reach: the organiser, the unit, the year and the initiatives it
/// asks about, by date: the organiser's shared with the unit that ran in it, and the unit's
/// own tailored initiatives of the year (the routine's reminder promises them a block).
struct December {
    organiser: Project,
    unit: Project,
    year: i32,
    initiatives: Vec<Initiative>,
}

impl December {
    /// The project an initiative of the survey is kept in: the unit's own, or the organiser's.
    fn home(&self, initiative: &Initiative) -> &Project {
        match initiative.path.parent() == Some(self.unit.initiatives_dir().as_path()) {
            true => &self.unit,
            false => &self.organiser,
        }
    }
}

fn december(context: &Context, args: &DecemberArgs) -> Result<December> {
    let main = context.project()?;
    let (organiser, unit) = units::organiser_and_unit(&main, args.unit.as_deref())?;
    let year = args.year.unwrap_or_else(|| Date::today().year());
    let loaded = units::shared_with(&organiser, &unit, store::Answers::None, |initiative| {
        december::ran_in(initiative, year)
    })?;
    let mut initiatives = context.handle_broken(loaded)?;
    initiatives.extend(own_tailored(context, &unit, year)?);
    if initiatives.is_empty() {
        return Err(Error::Message(t!(
            "december.none",
            organiser = units::name_of(&organiser),
            unit = units::name_of(&unit),
            year = year
        )));
    }
    initiatives.sort_by(|a, b| (a.record.start, &a.id).cmp(&(b.record.start, &b.id)));
    Ok(December {
        organiser,
        unit,
        year,
        initiatives,
    })
}

/// The unit's own initiatives of `year` whose process has the yearly December survey.
fn own_tailored(context: &Context, unit: &Project, year: i32) -> Result<Vec<Initiative>> {
    let loaded = store::load_where(unit, store::Answers::None, |initiative| {
        december::ran_in(initiative, year)
    })?;
    let mut models = crate::record::process_files::Models::new(Some(unit));
    Ok(context
        .handle_broken(loaded)?
        .into_iter()
        .filter(|initiative| {
            models
                .get(unit.process_of(&initiative.record))
                .is_ok_and(december::asks_yearly)
        })
        .collect())
}

/// `survey questions --december`: one questionnaire, a block per initiative.
fn december_questions(context: &Context, args: &SurveyQuestionsArgs) -> Result<ExitCode> {
    if args.id.is_some() {
        return Err(Error::Usage(t!("december.both")));
    }
    let reach = december(context, &args.december)?;
    let sv = i18n::current() == Lang::Sv;
    let text = match args.format {
        SurveyFormat::Markdown => {
            let unit = units::name_of(&reach.unit);
            december::markdown(&unit, reach.year, &reach.initiatives, sv)
        }
        SurveyFormat::Csv => {
            december::csv(&reach.initiatives, sv, &commands::csv_dialect(&args.csv)?)
        }
    };
    args.out.export()?.data(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `survey import --december FILE`: each initiative's block into its own December round.
fn december_import(context: &Context, args: &SurveyImportArgs) -> Result<ExitCode> {
    if args.file.is_some() {
        return Err(Error::Usage(t!("december.both")));
    }
    let reach = december(context, &args.december)?;
    let (shown_file, rows) = read_rows(Path::new(&args.id))?;
    let round = Round::December(reach.year);
    let (mut changed, mut own_changed, mut answered) = (Vec::new(), Vec::new(), 0);
    for initiative in &reach.initiatives {
        let title = &initiative.record.title;
        let block_rows = december::block_rows(&rows, title);
        if block_rows.len() < 2 {
            output::note(&t!("december.unanswered", id = initiative.id));
            continue;
        }
        let questionnaire = |sv: bool| december::block_questions(title, sv);
        let home = reach.home(initiative);
        let thresholds = home.config.survey.december_thresholds();
        let imported = round_import::import(&round_import::Request {
            root: &home.root,
            id: &initiative.id,
            record: &initiative.path,
            rows: &block_rows,
            round,
            file: &shown_file,
            thresholds,
            today: Date::today(),
            questionnaire: Some(&questionnaire),
        })?;
        note_imported(&initiative.id, &imported.import);
        warn_below_thresholds(&imported.answers, thresholds);
        match std::ptr::eq(home, &reach.unit) {
            true => own_changed.extend(imported.changed),
            false => changed.extend(imported.changed),
        }
        answered += 1;
    }
    let unmatched = december::unmatched_columns(&rows, &reach.initiatives);
    if !unmatched.is_empty() {
        output::warning(&t!("survey.unmatched", columns = unmatched.join("; ")));
    }
    let unit = units::name_of(&reach.unit);
    let message = t!("december.commit", year = reach.year, unit = unit);
    context.commit(&reach.organiser, &changed, message.clone())?;
    context.commit(&reach.unit, &own_changed, message)?;
    output::note(&t!(
        "december.imported",
        initiatives = crate::i18n::count("count.initiatives", answered as u64),
        year = reach.year
    ));
    Ok(ExitCode::SUCCESS)
}
