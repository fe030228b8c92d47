//! The command line, defined in one place. Help texts come from the message catalogues, so
//! `fortb --help` speaks the user's language; see [`command`].

use std::path::PathBuf;

use clap::{Arg, ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::cli::output;
use crate::i18n;
use crate::t;

#[derive(Debug, Parser)]
#[command(
    name = "fortb",
    // Not the program's file name: usage lines say `fortb`, not `fortb.exe`, on Windows too.
    bin_name = "fortb",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[arg(long, global = true, env = "FORTB_PROJECT", value_name = "DIR", action = ArgAction::Append)]
    pub project: Vec<PathBuf>,
    #[arg(long, global = true, value_name = "sv|en", value_parser = ["sv", "en"])]
    pub lang: Option<String>,
    #[arg(long, global = true)]
    pub strict: bool,
    #[arg(long, global = true)]
    pub commit: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(InitArgs),
    New(NewArgs),
    List(ListArgs),
    Show(ShowArgs),
    Edit(EditArgs),
    Set(SetArgs),
    Rename(RenameArgs),
    Remove(RemoveArgs),
    Check(CheckArgs),
    Step(StepArgs),
    Recall(RecallArgs),
    Summary(SummaryArgs),
    Report(ReportArgs),
    Plan(PlanArgs),
    Lessons(LessonsArgs),
    Status(StatusArgs),
    Questions(QuestionsArgs),
    Indicator(IndicatorArgs),
    Material(MaterialArgs),
    Due(DueArgs),
    Export(ExportArgs),
    Survey(SurveyArgs),
    Unit(UnitArgs),
    Migrate(MigrateArgs),
    GitSetup,
    Log(LogArgs),
    #[command(hide = true)]
    MergeDriver(MergeDriverArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_name = "WORD")]
    pub beneficiary: Option<String>,
    #[arg(long)]
    pub git: bool,
    /// An organiser's project: `[organisation]` ready for its units.
    #[arg(long)]
    pub organiser: bool,
}

#[derive(Debug, Args)]
pub struct UnitArgs {
    #[command(subcommand)]
    pub command: UnitCommand,
}

/// An organiser's units, set up with commands.
#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    #[command(alias = "lagg-till")]
    Add(UnitAddArgs),
    Remove(UnitRemoveArgs),
    List,
}

#[derive(Debug, Args)]
pub struct UnitAddArgs {
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    #[arg(long)]
    pub link: bool,
}

#[derive(Debug, Args)]
pub struct UnitRemoveArgs {
    #[arg(value_name = "PATH")]
    pub path: String,
    #[arg(long)]
    pub link: bool,
}

/// The largest numbers the command line takes, each far past any real use and small enough
/// that date arithmetic cannot overflow: a hundred years.
pub const MAX_DAYS: i64 = 36_500;
pub const MAX_MONTHS: i64 = 1_200;
pub const MAX_SESSIONS: i64 = 10_000;

#[derive(Debug, Args)]
pub struct NewArgs {
    // A title may start with a hyphen ("-2+3", "- så gör vi"); it is never an option.
    #[arg(value_name = "TITLE", allow_hyphen_values = true)]
    pub title: String,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_name = "everyday|formal|mandatory")]
    pub learning: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_SESSIONS))]
    pub sessions: Option<u32>,
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub audience: Option<String>,
    #[arg(long)]
    pub whole_staff: bool,
    #[arg(long, value_name = "MODEL")]
    pub process: Option<String>,
    /// The plan's goals it serves (ids in plan.toml); may be given more than once.
    #[arg(long = "goal", value_name = "GOAL")]
    pub goals: Vec<String>,
    /// What it is about ("formativ bedömning"); may be given more than once.
    #[arg(long = "theme", value_name = "THEME")]
    pub themes: Vec<String>,
    #[arg(long)]
    pub no_interview: bool,
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    #[value(alias = "tabell")]
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub out: OutArgs,
    /// Only these units (by name) in an organiser's view; may be given more than once.
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    /// Only the initiatives with this theme; may be given more than once.
    #[arg(long, value_name = "THEME")]
    pub theme: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[command(flatten)]
    pub out: OutArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "KEY=VALUE", required = true, num_args = 1..)]
    pub changes: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "NEW-ID")]
    pub new_id: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, short)]
    pub yes: bool,
    /// With `--yes`: remove also what is not committed and so cannot be found again.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Args)]
pub struct StepArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "STEP")]
    pub step: Option<String>,
    #[arg(long = "answer", short = 'a', value_name = "KEY=VALUE")]
    pub answers: Vec<String>,
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    #[arg(long, value_name = "DATE", num_args = 0..=1, default_missing_value = "today")]
    pub done: Option<String>,
    #[arg(long, conflicts_with = "done")]
    pub not_done: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    #[value(alias = "tabell")]
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    #[command(flatten)]
    pub out: OutArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuestionsFormat {
    Text,
    Markdown,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    #[arg(value_name = "MODEL")]
    pub model: Option<String>,
    #[arg(long, value_enum, default_value_t = QuestionsFormat::Text)]
    pub format: QuestionsFormat,
    #[command(flatten)]
    pub out: OutArgs,
    #[arg(long, conflicts_with = "out")]
    pub export: bool,
}

/// Which initiatives a look-back covers.
#[derive(Debug, Args)]
pub struct PeriodArgs {
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long, value_name = "N", conflicts_with = "since", value_parser = clap::value_parser!(u32).range(1..=MAX_MONTHS))]
    pub months: Option<u32>,
}

#[derive(Debug, Args)]
pub struct RecallArgs {
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long = "self", value_name = "0-4", allow_negative_numbers = true)]
    pub self_: Option<i64>,
    #[arg(long, value_name = "0-4", allow_negative_numbers = true)]
    pub leadership: Option<i64>,
    #[arg(long, value_name = "0-4", allow_negative_numbers = true)]
    pub staff: Option<i64>,
    #[arg(long, value_name = "REASONS", value_delimiter = ',')]
    pub why: Vec<String>,
    #[arg(long = "why-not", value_name = "REASONS", value_delimiter = ',')]
    pub why_not: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[arg(long)]
    pub unaided: bool,
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long)]
    pub again: bool,
    #[command(flatten)]
    pub period: PeriodArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    #[value(alias = "tabell")]
    Table,
    Markdown,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    #[value(alias = "genomslag")]
    Impact,
    #[value(alias = "datum")]
    Date,
    #[value(alias = "titel")]
    Title,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    #[value(alias = "typ")]
    Kind,
    #[value(aliases = ["lärande", "larande"])]
    Learning,
    #[value(alias = "hela-personalen")]
    WholeStaff,
    #[value(alias = "spridning")]
    Spread,
    #[value(alias = "enhet")]
    Unit,
    #[value(alias = "ansvarig")]
    Owner,
    #[value(alias = "processmodell")]
    Process,
    #[value(alias = "tema")]
    Theme,
    #[value(aliases = ["mål", "mal"])]
    Goal,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    #[arg(long, value_name = "THEME")]
    pub theme: Vec<String>,
    #[arg(long, value_enum, default_value_t = SortArg::Impact)]
    pub sort: SortArg,
    #[arg(long, value_enum, value_name = "GROUP")]
    pub group_by: Option<GroupArg>,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Only these units (by name) in an organiser's view; may be given more than once.
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    #[arg(long, value_name = "DATE", conflicts_with = "group_by")]
    pub compare: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DecimalArg {
    #[value(alias = "komma")]
    Comma,
    #[value(alias = "punkt")]
    Point,
}

/// How a CSV is written, for every command that writes one; left out, the language decides
/// (Swedish: `;`, decimal comma, BOM; English: `,`, point, no BOM).
#[derive(Debug, Args)]
pub struct CsvArgs {
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    #[arg(long, value_enum, value_name = "comma|point")]
    pub decimal: Option<DecimalArg>,
    #[arg(long, overrides_with = "no_bom")]
    pub bom: bool,
    #[arg(long, overrides_with = "bom")]
    pub no_bom: bool,
}

/// Where a command's data goes, for every command that writes some: `--out FILE`, which fortb
/// writes itself (see [`output::Export`]), or stdout. Its help is `help.shared.out`, or the
/// command's own `help.<command>.out` where it says more.
#[derive(Debug, Args)]
pub struct OutArgs {
    #[arg(id = "out", long = "out", short, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

impl OutArgs {
    /// The destination, chosen before rendering so a table is made for it; a file the project
    /// reads is refused.
    pub fn export(&self) -> crate::error::Result<output::Export<'_>> {
        output::Export::to(self.file.as_deref())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub out: OutArgs,
    /// Only these units (by name) in an organiser's view; may be given more than once.
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    #[arg(long)]
    pub anonymous: bool,
    #[arg(long, value_enum, value_name = "GROUP", default_value_t = LessonsByArg::Kind)]
    pub lessons_by: LessonsByArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LessonsByArg {
    #[value(alias = "typ")]
    Kind,
    #[value(alias = "tema")]
    Theme,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    #[value(alias = "tabell")]
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Without one: the plan followed up.
    #[command(subcommand)]
    pub command: Option<PlanCommand>,
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
    #[command(flatten)]
    pub out: OutArgs,
    /// Only these units (by name) in an organiser's view; may be given more than once.
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
}

/// Writing the plan with commands instead of an editor.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    Init(PlanInitArgs),
    #[command(alias = "mal")]
    Goal(PlanGoalArgs),
    #[command(alias = "larandemal")]
    Learning(PlanLearningArgs),
}

#[derive(Debug, Args)]
pub struct PlanInitArgs {
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanGoalArgs {
    #[command(subcommand)]
    pub command: PlanGoalCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlanGoalCommand {
    #[command(alias = "lagg-till")]
    Add(PlanGoalAddArgs),
    Remove(PlanGoalRemoveArgs),
}

#[derive(Debug, Args)]
pub struct PlanGoalAddArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "TITLE", allow_hyphen_values = true)]
    pub title: String,
    /// A need the goal answers; may be given more than once.
    #[arg(long = "need", value_name = "TEXT")]
    pub needs: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PlanGoalRemoveArgs {
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct PlanLearningArgs {
    #[command(subcommand)]
    pub command: PlanLearningCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlanLearningCommand {
    #[command(alias = "lagg-till")]
    Add(PlanLearningAddArgs),
    #[command(alias = "andra")]
    Set(PlanLearningSetArgs),
    Remove(PlanLearningRemoveArgs),
}

#[derive(Debug, Args)]
pub struct PlanLearningAddArgs {
    #[arg(value_name = "GOAL")]
    pub goal: String,
    #[arg(long, value_name = "TEXT")]
    pub who: String,
    #[arg(long, value_name = "TEXT")]
    pub can: String,
    #[arg(long, value_name = "DATE")]
    pub by: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanLearningSetArgs {
    #[arg(value_name = "LEARNING_GOAL")]
    pub id: String,
    #[arg(value_name = "KEY=VALUE", required = true)]
    pub changes: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PlanLearningRemoveArgs {
    #[arg(value_name = "LEARNING_GOAL")]
    pub id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LessonsFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct LessonsArgs {
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    #[arg(long, value_name = "THEME")]
    pub theme: Vec<String>,
    #[arg(long, value_name = "GOAL")]
    pub goal: Vec<String>,
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    #[arg(long, value_enum, default_value_t = LessonsFormat::Table)]
    pub format: LessonsFormat,
    #[command(flatten)]
    pub out: OutArgs,
}

#[derive(Debug, Args)]
pub struct MaterialArgs {
    #[command(subcommand)]
    pub command: MaterialCommand,
}

#[derive(Debug, Subcommand)]
pub enum MaterialCommand {
    Add(MaterialAddArgs),
}

#[derive(Debug, Args)]
pub struct MaterialAddArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "URL")]
    pub url: String,
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct IndicatorArgs {
    #[command(subcommand)]
    pub command: IndicatorCommand,
}

#[derive(Debug, Subcommand)]
pub enum IndicatorCommand {
    Add(IndicatorAddArgs),
    Measure(IndicatorMeasureArgs),
    List(IndicatorListArgs),
}

#[derive(Debug, Args)]
pub struct IndicatorAddArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(long, value_name = "reaction|learning|behaviour|results")]
    pub level: Option<String>,
    #[arg(long, value_name = "macro|micro")]
    pub goal: Option<String>,
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub baseline: Option<String>,
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub target: Option<String>,
    #[arg(long, value_name = "U")]
    pub unit: Option<String>,
}

#[derive(Debug, Args)]
pub struct IndicatorMeasureArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(value_name = "VALUE", allow_negative_numbers = true)]
    pub value: String,
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct IndicatorListArgs {
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub out: OutArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    #[value(alias = "tabell")]
    Table,
    Json,
    Ics,
    Csv,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    #[arg(long, value_name = "DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=MAX_DAYS))]
    pub within: u32,
    #[arg(long, value_name = "DATE", conflicts_with_all = ["within", "month", "next_month"])]
    pub until: Option<String>,
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["within", "next_month"])]
    pub month: Option<String>,
    #[arg(long, conflicts_with = "within")]
    pub next_month: bool,
    #[arg(long)]
    pub no_overdue: bool,
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
    #[command(flatten)]
    pub out: OutArgs,
    /// Only these units (by name) in an organiser's view; may be given more than once.
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    #[command(flatten)]
    pub csv: CsvArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTable {
    #[value(alias = "insatser")]
    Initiatives,
    #[value(aliases = ["bedömningar", "bedomningar"])]
    Ratings,
    #[value(aliases = ["skäl", "skal"])]
    Reasons,
    #[value(alias = "mål")]
    Goals,
    #[value(aliases = ["mätningar", "matningar"])]
    Measurements,
    #[value(aliases = ["enkäter", "enkater"])]
    Surveys,
    #[value(aliases = ["överföring", "overforing"])]
    Transfer,
    #[value(alias = "material")]
    Material,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// A folder, not a file as [`OutArgs`]: the export may be several files.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<ExportTable>,
    #[arg(long)]
    pub pseudonymise: bool,
    /// Only these units (by name) in an organiser's view; may be given more than once.
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    #[command(flatten)]
    pub csv: CsvArgs,
}

#[derive(Debug, Args)]
pub struct SurveyArgs {
    #[command(subcommand)]
    pub command: SurveyCommand,
}

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    Questions(SurveyQuestionsArgs),
    Import(SurveyImportArgs),
    Cases(SurveyCasesArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SurveyFormat {
    Markdown,
    Csv,
}

#[derive(Debug, Args)]
pub struct SurveyQuestionsArgs {
    #[arg(value_name = "ID", required_unless_present = "december")]
    pub id: Option<String>,
    #[arg(
        long,
        value_name = "ROUND",
        default_value = "end",
        conflicts_with = "december"
    )]
    pub round: String,
    #[command(flatten)]
    pub december: DecemberArgs,
    #[arg(long, value_enum, default_value_t = SurveyFormat::Markdown)]
    pub format: SurveyFormat,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    pub csv: CsvArgs,
}

#[derive(Debug, Args)]
pub struct SurveyCasesArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, value_name = "ROUND")]
    pub round: String,
    #[command(flatten)]
    pub out: OutArgs,
}

#[derive(Debug, Args)]
pub struct SurveyImportArgs {
    /// The initiative's id; with --december, the file (no id: the answers cover several).
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(value_name = "FILE", required_unless_present = "december")]
    pub file: Option<PathBuf>,
    #[arg(
        long,
        value_name = "ROUND",
        default_value = "end",
        conflicts_with = "december"
    )]
    pub round: String,
    #[command(flatten)]
    pub december: DecemberArgs,
}

/// The principal's December survey over the year's initiatives the organiser ran for a unit.
#[derive(Debug, Args)]
pub struct DecemberArgs {
    #[arg(long)]
    pub december: bool,
    /// The year (default: this year).
    #[arg(long, value_name = "YEAR", requires = "december", value_parser = clap::value_parser!(i32).range(1900..=9999))]
    pub year: Option<i32>,
    /// In the organiser's project: the unit whose survey it is.
    #[arg(long, value_name = "UNIT", requires = "december")]
    pub unit: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, short)]
    pub patch: bool,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    #[arg(value_name = "PATH")]
    pub path: Option<String>,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// The clap command with every help text in the current language.
pub fn command() -> clap::Command {
    localize(Cli::command(), "", &|_| true)
}

/// [`command`] for parsing `args`: only the subcommands the words name get their translated
/// texts (they are what clap may show), which spares every start translating some 400 help
/// texts it never prints. Help output uses [`help_command`], which translates them all.
pub fn command_for(args: &[std::ffi::OsString]) -> clap::Command {
    let named = |name: &str| args.iter().skip(1).any(|word| word == name);
    localize(Cli::command(), "", &named)
}

/// [`command`] as help shows it. clap adds its `help` subcommands, with English texts, only
/// when it builds the whole tree; building it costs start-up time every command would pay,
/// so this is used only once a parse has ended in help output.
pub fn help_command() -> clap::Command {
    let mut cmd = command();
    cmd.build();
    localize_help_subcommands(cmd)
}

fn localize_help_subcommands(mut cmd: clap::Command) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = if name == "help" {
            cmd.mut_subcommand("help", |help| {
                let help = localize_help_subcommands(help)
                    .about(t!("help.help_command"))
                    .help_template(format!(
                        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}",
                        t!("help.heading.usage")
                    ))
                    .subcommand_help_heading(t!("help.heading.commands"));
                if help.get_arguments().any(|a| a.get_id() == "subcommand") {
                    help.mut_arg("subcommand", |a| a.help(t!("help.help_command_arg")))
                } else {
                    help
                }
            })
        } else {
            cmd.mut_subcommand(&name, localize_help_subcommands)
        };
    }
    cmd
}

fn localize(cmd: clap::Command, path: &str, named: &dyn Fn(&str) -> bool) -> clap::Command {
    let cmd = localize_arguments(localize_page(cmd, path), path);
    localize_subcommands(with_help_flags(cmd, path), path, named)
}

/// The command's description, headings and the layout of its help page.
fn localize_page(cmd: clap::Command, path: &str) -> clap::Command {
    let about_key = if path.is_empty() {
        "help.about".to_string()
    } else {
        format!("help.{path}.about")
    };
    cmd.about(help_text(&about_key))
        .subcommand_value_name(value_name("COMMAND"))
        .disable_help_flag(true)
        .subcommand_help_heading(t!("help.heading.commands"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            t!("help.heading.usage")
        ))
}

/// Each argument's help text, heading and value names in the user's language.
fn localize_arguments(mut cmd: clap::Command, path: &str) -> clap::Command {
    let args: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set()))
        .collect();
    for (id, positional, global) in args {
        let scope = if path.is_empty() { "global" } else { path };
        let text = help_text(&arg_help_key(scope, &id));
        // The options every command takes come after the command's own.
        let heading = if positional {
            t!("help.heading.arguments")
        } else if global {
            t!("help.heading.global_options")
        } else {
            t!("help.heading.options")
        };
        cmd = cmd.mut_arg(&id, |arg| {
            let text = text + &value_notes(&arg);
            let arg = arg.help(text).help_heading(heading).hide_env(true);
            if arg.get_action().takes_values() {
                let names = value_names(&arg);
                arg.hide_possible_values(true)
                    .hide_default_value(true)
                    .value_names(names)
            } else {
                arg
            }
        });
    }
    cmd
}

/// `--help` on every command and `--version` on the top one, with translated help.
fn with_help_flags(mut cmd: clap::Command, path: &str) -> clap::Command {
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .global(path.is_empty())
            .help(t!("help.help_flag"))
            .help_heading(t!("help.heading.options")),
    );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("help.version_flag"))
                .help_heading(t!("help.heading.options")),
        );
    }
    cmd
}

/// The subcommands this parse names, translated in turn; the others only lose clap's help flag.
fn localize_subcommands(
    mut cmd: clap::Command,
    path: &str,
    named: &dyn Fn(&str) -> bool,
) -> clap::Command {
    let subcommands: Vec<(String, Vec<String>)> = cmd
        .get_subcommands()
        .map(|s| {
            let aliases = s.get_all_aliases().map(str::to_string).collect();
            (s.get_name().to_string(), aliases)
        })
        .collect();
    for (name, aliases) in subcommands {
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        let swedish = swedish_name(&child);
        let is_named =
            named(&name) || aliases.iter().any(|alias| named(alias)) || swedish.is_some_and(named);
        cmd = if is_named {
            cmd.mut_subcommand(&name, |sub| {
                localize(with_swedish_name(sub, &child), &child, named)
            })
        } else {
            // Never entered by this parse: it only needs the help flag it would have had.
            cmd.mut_subcommand(&name, |sub| sub.disable_help_flag(true))
        };
    }
    cmd
}

/// The Swedish names of subcommands typed in Swedish texts (`fortb plan mål lägg-till`), by
/// their path; each is accepted in every language and shown in Swedish help. The same words
/// without å, ä and ö are hidden aliases in their derive.
const SWEDISH_NAMES: &[(&str, &str)] = &[
    ("plan.goal", "mål"),
    ("plan.goal.add", "lägg-till"),
    ("plan.goal.remove", "ta-bort"),
    ("plan.learning", "lärandemål"),
    ("plan.learning.add", "lägg-till"),
    ("plan.learning.set", "ändra"),
    ("plan.learning.remove", "ta-bort"),
    ("unit", "enhet"),
    ("unit.add", "lägg-till"),
    ("unit.remove", "ta-bort"),
    ("unit.list", "lista"),
];

fn swedish_name(path: &str) -> Option<&'static str> {
    SWEDISH_NAMES
        .iter()
        .find(|(known, _)| *known == path)
        .map(|(_, name)| *name)
}

/// A subcommand with its Swedish name: an alias, shown in Swedish help beside the English one.
fn with_swedish_name(sub: clap::Command, path: &str) -> clap::Command {
    match swedish_name(path) {
        Some(name) if i18n::current() == i18n::Lang::Sv => sub.visible_alias(name),
        Some(name) => sub.alias(name),
        None => sub,
    }
}

/// The default, the accepted values and the environment variable of an argument, which
/// clap would add in English: ` [standard: table] [värden: table, markdown]`.
fn value_notes(arg: &Arg) -> String {
    let mut notes = String::new();
    let takes_values = arg.get_action().takes_values();
    let values = arg.get_possible_values();
    // A default is shown as the help offers its values, in the user's language.
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy())
        .map(|v| match values.iter().find(|p| p.matches(&v, false)) {
            Some(value) => shown_value(value).to_string(),
            None => {
                let key = format!("help.default_value.{v}");
                i18n::catalogue(i18n::current())
                    .get(&key)
                    .map(str::to_string)
                    .unwrap_or(v.into_owned())
            }
        })
        .collect();
    if !defaults.is_empty() && takes_values {
        notes += &format!(" [{}: {}]", t!("help.default"), defaults.join(", "));
    }
    let values: Vec<String> = values
        .iter()
        .filter(|_| takes_values)
        .filter(|v| !v.is_hide_set())
        .map(|v| shown_value(v).to_string())
        .collect();
    if !values.is_empty() {
        notes += &format!(" [{}: {}]", t!("help.possible_values"), values.join(", "));
    }
    if let Some(variable) = arg.get_env() {
        notes += &format!(" [{}: {}]", t!("help.env"), variable.to_string_lossy());
    }
    notes
}

/// An argument's value names in the user's language (`<DATUM>`); clap's own is the id in
/// capitals (`--format <FORMAT>`).
fn value_names(arg: &Arg) -> Vec<String> {
    match arg.get_value_names() {
        Some(names) => names.iter().map(|name| value_name(name)).collect(),
        None => vec![value_name(
            &arg.get_id().as_str().to_uppercase().replace('_', "-"),
        )],
    }
}

/// A value name (`DATE`) or list of values (`everyday|formal|mandatory`) as the catalogue
/// says it in the current language; one it does not know stays as written.
fn value_name(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let key = format!("help.value_name.{key}");
    match i18n::catalogue(i18n::current()).get(&key) {
        Some(text) => text.to_string(),
        None => name.to_string(),
    }
}

/// clap's usage line with its fixed English word for the options in the user's language:
/// `fortb [FLAGGOR] <KOMMANDO>`.
pub fn localize_usage(text: &str) -> String {
    text.replace("[OPTIONS]", &format!("[{}]", value_name("OPTIONS")))
}

/// A value as the help offers it: in Swedish its Swedish word (its first alias) when it has
/// one, else its name.
/// The values clap lists as valid for a refused one (`table, markdown, …`) as the help shows
/// them, in the user's language (`tabell, markdown, …`): those of the first argument whose
/// values they are, or as given when none is found.
pub fn shown_values(names: &[String]) -> Vec<String> {
    fn find(command: &clap::Command, names: &[String]) -> Option<Vec<String>> {
        let found = command.get_arguments().find_map(|arg| {
            let values = arg.get_possible_values();
            let visible: Vec<_> = values.iter().filter(|v| !v.is_hide_set()).collect();
            let same = visible.len() == names.len()
                && visible
                    .iter()
                    .zip(names)
                    .all(|(v, name)| v.get_name() == name);
            same.then(|| visible.iter().map(|v| shown_value(v).to_string()).collect())
        });
        found.or_else(|| command.get_subcommands().find_map(|sub| find(sub, names)))
    }
    find(&Cli::command(), names).unwrap_or_else(|| names.to_vec())
}

fn shown_value(value: &clap::builder::PossibleValue) -> &str {
    let mut names = value.get_name_and_aliases();
    let name = names.next().unwrap_or_default();
    match i18n::current() {
        i18n::Lang::Sv => names.next().unwrap_or(name),
        i18n::Lang::En => name,
    }
}

/// The help key of an argument: its command's own, else the one of the options several
/// commands share (the CSV ones), `help.shared.<id>`.
fn arg_help_key(scope: &str, id: &str) -> String {
    let own = format!("help.{scope}.{id}");
    if i18n::catalogue(i18n::Lang::En).contains_key(&own) {
        own
    } else {
        format!("help.shared.{id}")
    }
}

fn help_text(key: &str) -> String {
    debug_assert!(
        i18n::catalogue(i18n::Lang::En).contains_key(key),
        "missing help text {key}"
    );
    t!(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each Swedish name is of a subcommand there is, and finds it, in a parse as in help:
    /// `fortb plan mål lägg-till` is `fortb plan goal add`.
    #[test]
    fn swedish_names_find_their_subcommands() {
        for (path, swedish) in SWEDISH_NAMES {
            let english: Vec<&str> = path.split('.').collect();
            let mut words = vec!["fortb".to_string()];
            for depth in 1..=english.len() {
                let name = swedish_name(&english[..depth].join(".")).unwrap_or(english[depth - 1]);
                words.push(name.to_string());
            }
            let parsed = command_for(&words.iter().map(Into::into).collect::<Vec<_>>())
                .try_get_matches_from(words.iter().chain([&"--help".to_string()]));
            let error = parsed.expect_err("help ends the parse");
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::DisplayHelp,
                "{path} {swedish}"
            );
            let mut cmd = command();
            for name in &english {
                cmd = cmd
                    .find_subcommand(name)
                    .unwrap_or_else(|| panic!("{path}: no subcommand {name}"))
                    .clone();
            }
            assert!(
                cmd.get_all_aliases().any(|alias| alias == *swedish),
                "{path}"
            );
        }
    }

    fn keys(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(if path.is_empty() {
            "help.about".into()
        } else {
            format!("help.{path}.about")
        });
        let scope = if path.is_empty() { "global" } else { path };
        for arg in cmd.get_arguments() {
            out.push(arg_help_key(scope, arg.get_id().as_str()));
        }
        for sub in cmd.get_subcommands() {
            let child = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path}.{}", sub.get_name())
            };
            keys(sub, &child, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_help_in_every_language() {
        let mut wanted = Vec::new();
        keys(&Cli::command(), "", &mut wanted);
        for lang in i18n::Lang::ALL {
            let catalogue = i18n::catalogue(lang);
            let missing: Vec<_> = wanted
                .iter()
                .filter(|k| !catalogue.contains_key(k))
                .collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }

    #[test]
    fn the_localized_command_is_consistent() {
        command().debug_assert();
        help_command().debug_assert();
        command_for(&["fortb".into(), "--version".into()]).debug_assert();
    }

    /// The command a parse builds translates the subcommand it names exactly as the whole
    /// tree does, so an error's usage line reads the same either way.
    #[test]
    fn a_parse_translates_the_subcommand_it_names() {
        let whole = command();
        for sub in whole.get_subcommands() {
            let name = sub.get_name();
            let parse = command_for(&["fortb".into(), name.into()]);
            let named = parse.find_subcommand(name).expect("the same subcommands");
            assert_eq!(named.get_about(), sub.get_about(), "{name}");
            let helps = |cmd: &clap::Command| -> Vec<String> {
                cmd.get_arguments()
                    .map(|a| a.get_help().map(|h| h.to_string()).unwrap_or_default())
                    .collect()
            };
            assert_eq!(helps(named), helps(sub), "{name}");
        }
    }
}
