//! Mistakes on the command line, said in the user's language. clap finds them, but its own
//! wording is English only; the message is rebuilt here from what clap found, in the same
//! `fortb: …` form as every other error, with the usage line below it.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::t;

/// The text to print on stderr for a parse error, or `None` for clap's own output (help and
/// version, which are not errors and are already in the user's language).
pub fn message(error: &clap::Error) -> Option<String> {
    let usage = usage_line(error);
    let mut line = problem(error, &usage)?;
    if let Some(suggestion) = did_you_mean(error) {
        line.push_str(&suggestion);
    }
    let mut text = format!("fortb: {line}\n");
    if !usage.is_empty() {
        text.push_str(&t!(
            "usage_error.usage",
            usage = usage,
            help = format!("{} --help", command_path(&usage))
        ));
        text.push('\n');
    }
    Some(text)
}

/// One piece of what clap found, as text (empty when clap did not say).
fn context(error: &clap::Error, kind: ContextKind) -> String {
    error.get(kind).map(text_of).unwrap_or_default()
}

/// The usage line clap gives, in the user's language and without its heading.
fn usage_line(error: &clap::Error) -> String {
    let usage = crate::cli::args::localize_usage(&context(error, ContextKind::Usage));
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
    usage
        .strip_prefix(t!("help.heading.usage").as_str())
        .unwrap_or(usage)
        .trim()
        .to_string()
}

/// What is wrong, in one sentence, or `None` for help and version.
fn problem(error: &clap::Error, usage: &str) -> Option<String> {
    let arg = context(error, ContextKind::InvalidArg);
    let value = context(error, ContextKind::InvalidValue);
    Some(match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument if arg.starts_with('-') && arg.parse::<f64>().is_ok() => {
            t!("usage_error.negative_number", arg = arg)
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            t!("usage_error.unknown_argument", arg = arg)
        }
        ErrorKind::UnknownArgument => t!("usage_error.unexpected_argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "usage_error.unknown_command",
            command = context(error, ContextKind::InvalidSubcommand),
            help = format!("{} --help", command_path(usage))
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => invalid_value(error, &arg, &value),
        ErrorKind::MissingRequiredArgument => t!("usage_error.missing", args = arg),
        ErrorKind::MissingSubcommand => t!(
            "usage_error.missing_command",
            valid = context(error, ContextKind::ValidSubcommand)
        ),
        ErrorKind::ArgumentConflict => match context(error, ContextKind::PriorArg) {
            // clap's word for an option given twice is a conflict with itself
            other if other.is_empty() || other == arg => t!("usage_error.twice", arg = arg),
            other => t!("usage_error.conflict", arg = arg, other = other),
        },
        ErrorKind::TooManyValues => t!("usage_error.too_many", value = value, arg = arg),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("usage_error.wrong_number", arg = arg)
        }
        ErrorKind::NoEquals => t!("usage_error.no_equals", arg = arg),
        ErrorKind::InvalidUtf8 => t!("usage_error.not_utf8"),
        _ => t!("usage_error.other", detail = clap_first_line(error)),
    })
}

/// A refused value: which, why, and the values that would do.
fn invalid_value(error: &clap::Error, arg: &str, value: &str) -> String {
    let valid = match error.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(names)) => crate::cli::args::shown_values(names).join(", "),
        other => other.map(text_of).unwrap_or_default(),
    };
    let mut line = if value.is_empty() {
        t!("usage_error.empty_value", arg = arg)
    } else {
        t!("usage_error.invalid_value", value = value, arg = arg)
    };
    if let Some(reason) = std::error::Error::source(error).map(reason) {
        line.push_str(&format!(": {reason}"));
    }
    if !valid.is_empty() {
        line.push_str(&t!("usage_error.valid_values", valid = valid));
    }
    line
}

/// " Did you mean 'x'?" with clap's closest suggestions, closest first.
fn did_you_mean(error: &clap::Error) -> Option<String> {
    let suggestions = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .filter_map(|kind| error.get(kind))
    .map(|value| match value {
        // clap lists the closest last.
        ContextValue::Strings(all) => all.iter().rev().map(|s| format!("'{s}'")).collect(),
        other => vec![format!("'{}'", text_of(other))],
    })
    .find(|found: &Vec<String>| !found.is_empty())?;
    let or = format!(" {} ", t!("usage_error.or"));
    Some(t!(
        "usage_error.did_you_mean",
        suggestion = suggestions.join(&or)
    ))
}

/// Why a value was refused: a number's problem in the user's language; fortb's own checks
/// already speak it.
fn reason(source: &(dyn std::error::Error + 'static)) -> String {
    use std::num::IntErrorKind;
    match source
        .downcast_ref::<std::num::ParseIntError>()
        .map(|e| e.kind())
    {
        Some(IntErrorKind::PosOverflow) => t!("usage_error.number_too_large"),
        Some(IntErrorKind::NegOverflow) => t!("usage_error.number_too_small"),
        Some(_) => t!("usage_error.not_a_whole_number"),
        // clap's own range check: "99999999999 is not in 0..=4294967295"
        None => match source.to_string().split_once(" is not in ") {
            Some((_, range)) => t!(
                "usage_error.out_of_range",
                range = range.replace("..=", "–")
            ),
            None => source.to_string(),
        },
    }
}

fn text_of(value: &ContextValue) -> String {
    match value {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(texts) => texts.join(", "),
        ContextValue::StyledStr(text) => text.to_string(),
        ContextValue::StyledStrs(texts) => texts
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// `fortb indicator add` from the usage `fortb indicator add [OPTIONS] <ID> <NAME>`.
fn command_path(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|word| word.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .take_while(|word| !word.starts_with('-'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// clap's own sentence, for the rare mistakes not worded above.
fn clap_first_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_path_stops_at_the_first_placeholder() {
        assert_eq!(
            command_path("fortb indicator add [OPTIONS] <ID> <NAME>"),
            "fortb indicator add"
        );
        assert_eq!(command_path("fortb [OPTIONS] <COMMAND>"), "fortb");
    }
}
