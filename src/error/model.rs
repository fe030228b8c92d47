//! What the domain model refuses, as data: each variant names the cause and carries what a
//! message needs. The model never phrases them; the wording layer does
//! (`src/i18n/problems.rs`), in the user's language.

/// A value the model cannot take: from a record as it is read, or from the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// A date in a file that is none; `given` as it stands there (a string quoted).
    NotADate { given: String },
    /// A date on the command line that is none, with the argument that gave it.
    NotADateArgument { argument: String, given: String },
    /// A score outside the scale 0–4.
    OutOfScale { given: i64 },
    /// A cost or a number of hours that is no number, or out of its range.
    AmountOutOfRange { amount: Amount, given: String },
    /// An indicator's value beyond ±`NUMBER_LIMIT`.
    IndicatorOutOfRange { given: String },
    /// A record's `follow_up` that is neither a number of days nor a date.
    NotAFollowUp { given: String },
    /// A process model's text that is neither a string nor an `en`/`sv` table.
    NotAText,
    /// A word that is not on one of the closed word lists.
    UnknownWord(UnknownWord),
    /// A material link that is not accepted.
    Link { problem: LinkProblem, url: String },
    /// No indicator has the name (or a name beginning) given.
    UnknownIndicator { given: String, names: Vec<String> },
    /// Several indicators' names begin with what was given.
    AmbiguousIndicator { given: String, names: Vec<String> },
    /// The process model has no step of that id or alias.
    UnknownStep {
        given: String,
        model: String,
        steps: Vec<String>,
    },
}

/// Which amount of an initiative's cost and time was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    Cost,
    Hours,
}

/// A word that is on none of a word list's spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    /// The word list: its catalogue section (`kind`, `learning`, …).
    pub section: &'static str,
    pub given: String,
    /// The key of the item probably meant (a typo, an inflected form).
    pub suggestion: Option<&'static str>,
    /// The keys of every item of the list, in its order.
    pub keys: Vec<&'static str>,
}

/// Why a material link is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    Empty,
    /// Spaces or control characters: a link a person copied with more than the link.
    Spaces,
    /// A scheme other than http, https and mailto (`javascript:`), or none.
    Scheme(String),
}

/// A problem in a process model's definition that `fortb check` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelProblem {
    /// A question uses the key that marks a step done.
    ReservedKey {
        key: &'static str,
    },
    /// A choice question without options.
    MissingOptions {
        key: String,
    },
    /// A question saved into a field that does not take its kind of answer.
    BadAnswerField {
        key: String,
        field: String,
        valid: Vec<&'static str>,
    },
    /// A due rule naming a question the step it counts from does not have.
    DueUnknownKey {
        step: String,
        after: String,
        key: String,
    },
    /// A due rule met by a question the step does not have.
    DueUnknownMetBy {
        step: String,
        key: String,
    },
    /// A due rule counting from a step the model does not have.
    DueUnknownStep {
        step: String,
        after: String,
    },
    DuplicateStep {
        step: String,
    },
    DuplicateQuestion {
        key: String,
        step: String,
    },
}
