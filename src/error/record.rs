//! What goes wrong reading and writing a project's files (`src/record/`), as data; phrased by
//! `crate::cli::error::record`.

use std::path::PathBuf;
use std::sync::Arc;

use super::file::FileError;
use super::model::ModelProblem;
use super::plan::PlanError;
use super::{Diagnostic, Error};
use crate::model::date::Date;
use crate::model::process::QuestionType;
use crate::model::vocabulary::Field;

/// An error of the record layer that is not tied to a place in a file.
#[derive(Debug)]
pub enum RecordError {
    /// A record that does not read is not changed: it is mended first.
    RefuseBroken(Box<Diagnostic>),
    /// The same for a file other than a record (the plan, a unit plan).
    RefuseBrokenFile(Box<Diagnostic>),
    /// A change that would leave `path` unreadable is not written.
    UnreadableChange {
        path: PathBuf,
        problem: Box<Problem>,
    },
    /// A rename failed with `error`, and the files in `stuck` could not be moved back.
    UndoFailed {
        error: Box<Error>,
        stuck: Vec<String>,
    },
    /// `unit add ""`: an empty folder name.
    EmptyUnitPath,
    /// A folder offered as a unit (`path` as the user gave it) that cannot be one.
    UnitIsOrganiser {
        path: String,
    },
    UnitNotAProject {
        path: String,
    },
    /// A file other than a unit's `fortb.toml` named as a unit.
    UnitIsAFile {
        path: String,
    },
    UnitHasUnits {
        path: String,
    },
    /// `[organisation]` or its `units` in a `fortb.toml` is not a table or list to add to.
    OrganisationNotTable,
    /// `set title ""`: a field every record must have, given empty.
    RequiredField {
        field: Field,
    },
    /// A value typed on the command line that the field cannot hold.
    BadValue {
        name: ValueName,
        problem: ValueProblem,
    },
    EmptyTitle,
    TitleTooLong {
        chars: usize,
        limit: usize,
    },
    EndBeforeStart {
        start: Date,
        end: Date,
    },
    /// Changing the plan.
    Plan(PlanError),
    /// Writing a file.
    File(FileError),
    /// No record has the id `given`; `nearest` holds the ids nearest to a typo, nearest first.
    UnknownId {
        given: String,
        nearest: Vec<String>,
    },
    /// Several records fit the words given.
    AmbiguousId {
        given: String,
        candidates: Vec<String>,
    },
    /// A record of a schema newer than this fortb writes.
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// `rename` to the id the record has.
    SameId {
        id: String,
    },
    /// `rename` to an id something is kept under already, at `path`.
    IdTaken {
        id: String,
        path: PathBuf,
    },
    /// `fortb.toml` at `path` is a folder.
    ConfigIsAFolder {
        path: PathBuf,
    },
    /// `--project dir` is no project; no project found up from `dir`.
    NotAProject {
        dir: PathBuf,
    },
    NoProjectFound {
        dir: PathBuf,
    },
    /// Process models built on each other in a circle.
    BaseCycle {
        chain: Vec<String>,
    },
    UnknownModel {
        given: String,
        valid: Vec<String>,
    },
    /// The December survey asked of a project with neither an organiser nor units.
    NoOrganiser,
    /// An organiser's unit to be named (from `valid`), or named and not found.
    WhichUnit {
        valid: Vec<String>,
    },
    /// No unit is called `given`; `nearest` is the name or folder probably meant.
    UnknownUnit {
        given: String,
        nearest: Option<String>,
        valid: Vec<String>,
    },
}

/// A value of `fortb.toml` the project cannot use; `given` as it stands there. Serde takes it
/// as text while the file is read (its `Display` is in `crate::i18n::problems`), and the
/// reader's message becomes the `path:line:column:` diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    BadThreshold { given: String, lowest: u32 },
    BadDecemberThreshold { given: String },
    BadFollowUp { given: String },
    BadLang { given: String },
}

/// What a value typed on the command line was given for.
#[derive(Debug)]
pub enum ValueName {
    Field(Field),
    /// A key as the user typed it (`by` in `plan learning … by=…`).
    Key(String),
}

/// Why a value typed on the command line cannot be used.
#[derive(Debug)]
pub enum ValueProblem {
    NotADate {
        given: String,
    },
    /// A date written as one (`2026-02-30`) that is no day in the calendar: the cause
    /// [`Form::Date`] names in a file, phrased by the same words.
    NoSuchDate {
        given: String,
    },
    NotACount {
        given: String,
    },
    NotYesNo {
        given: String,
    },
    /// Not one of a vocabulary's words, as the model explains it (phrased there).
    NotAWord(String),
}

/// What is wrong at a place in a file: the message of a [`Diagnostic`].
#[derive(Clone, Debug)]
pub enum Problem {
    /// The TOML reader's or serde's own words (in English), put into the user's language when
    /// shown.
    Reader(String),
    NotUtf8,
    IsDirectory,
    NotRegular,
    TooLarge {
        size: u64,
        limit: u64,
    },
    ConflictMarker,
    /// The file at `path` could not be read at all: the error's message without the path.
    Unreadable {
        path: PathBuf,
        error: Arc<Error>,
    },
    /// Something the file needs could not be had (its process model): the error's message.
    Failed(Arc<Error>),
    /// A required field the file lacks.
    MissingField {
        field: String,
    },
    /// A problem with the value of `field` (a dotted path, `recall.1.by`), led by the field's
    /// name unless the message names it already.
    InField {
        field: String,
        problem: Box<Problem>,
    },
    /// A value not written in the form its field holds, with an example of the right form.
    WrongForm {
        form: Form,
        field: String,
        given: String,
        example: String,
    },
    UnknownKey {
        key: String,
    },
    EmptyTitle,
    EndBeforeStart {
        start: Date,
        end: Date,
    },
    NewerSchema {
        found: u32,
        supported: u32,
    },
    EmptyGoalId,
    EmptyGoalTitle {
        id: String,
    },
    DuplicateGoalId {
        id: String,
    },
    /// A record names a goal, and the project has no plan.
    GoalWithoutPlan {
        id: String,
    },
    UnknownGoal {
        id: String,
        valid: Vec<String>,
    },
    UnknownLearningGoal {
        id: String,
        valid: Vec<String>,
    },
    ThemeNearMiss {
        given: String,
        meant: String,
    },
    /// Two records with one `uid`; `other` is the first.
    RepeatedUid {
        uid: String,
        other: PathBuf,
    },
    SameUnitName {
        name: String,
        folders: Vec<String>,
    },
    UnknownStep {
        step: String,
        model: String,
        valid: Vec<String>,
    },
    UnknownQuestion {
        key: String,
        step: String,
    },
    DuplicateIndicator {
        name: String,
    },
    DuplicateRecall {
        by: String,
        date: Date,
    },
    /// A step's answer `answer` (`step.key`) copies the record's `field`: to be moved there.
    StepCopyToMove {
        answer: String,
        field: String,
    },
    /// The same, where the field says the same already.
    StepCopySettles {
        answer: String,
        field: String,
    },
    StepCopyDisagrees {
        answer: String,
        field: String,
        in_step: String,
        in_field: String,
    },
    SurveyRespondents {
        count: usize,
    },
    SurveyDistribution {
        count: usize,
    },
    SurveyMean {
        mean: f64,
    },
    /// A process model variant skips a step, or drops a question, its base does not have.
    SkipUnknown {
        step: String,
        valid: Vec<String>,
    },
    DropUnknown {
        key: String,
        step: String,
    },
    /// A stored answer that does not fit its question.
    BelowMin {
        key: String,
        given: String,
        min: f64,
    },
    OutOfRange {
        key: String,
        given: String,
    },
    UnknownOption {
        given: String,
        valid: Vec<String>,
    },
    WrongType {
        key: String,
        kind: QuestionType,
    },
    /// A problem in a process model's definition.
    Model(ModelProblem),
    /// A file of the answers or notes of the record `id`, which is not there at `record`.
    WithoutRecord {
        id: String,
        record: PathBuf,
    },
    /// A unit's folder that does not exist.
    NoUnitFolder,
    /// A unit's folder without a `fortb.toml`.
    NoUnitConfig,
}

/// The form a value should have been written in (see [`Problem::WrongForm`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A date, given as something that does not even look like one.
    DateForm,
    Count,
    Number,
    /// A date that looks like one but is no day in the calendar.
    Date,
    YesNo,
    /// Text, given as a list.
    TextNotList,
    Text,
    List,
}

impl Problem {
    /// The field the TOML reader says is missing, if that is what it says.
    pub fn missing_field(&self) -> Option<&str> {
        match self {
            Problem::Reader(text) => text
                .strip_prefix("missing field")
                .and_then(|rest| rest.split('`').nth(1)),
            _ => None,
        }
    }
}

/// A field's dotted path as a person reads it: without the numbers of `[[recall]]` entries.
pub fn shown_field(field: &str) -> String {
    field
        .split('.')
        .filter(|part| part.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join(".")
}

/// The advice shown under a [`Diagnostic`].
#[derive(Clone, Debug)]
pub enum Hint {
    ConflictMarker,
    /// The key is not one fortb knows.
    UnknownKey,
    DidYouMean {
        word: String,
    },
    UnknownGoal,
    UnknownLearningGoal,
    RepeatedUid,
    UnknownStep,
    StepCopyDisagrees {
        id: String,
        field: String,
    },
}
