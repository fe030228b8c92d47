//! From the command line to an exit code: choose the language, parse, dispatch, and turn every
//! error — and any panic — into a short message.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::FromArgMatches;

use crate::cli::args::{self, Cli};
use crate::cli::clap_error;
use crate::cli::commands::{self, Context};
use crate::i18n::{self, Lang};
use crate::model::date::Date;
use crate::record::project;
use crate::t;

pub fn main() -> ExitCode {
    install_panic_hook();
    // Test hook: proves that a bug reaches the user as a short message, not a backtrace.
    if std::env::var_os("FORTB_TEST_PANIC").is_some() {
        panic!("FORTB_TEST_PANIC is set");
    }
    // An empty FORTB_PROJECT means "not set", as with most variables; clap would reject it.
    if std::env::var_os("FORTB_PROJECT").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("FORTB_PROJECT");
    }
    let args: Vec<OsString> = std::env::args_os().collect();
    i18n::set(choose_language(&args));
    let cli = match args::command_for(&args)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => match clap_error::message(&error) {
            Some(message) => {
                crate::cli::output::note(message.trim_end());
                return ExitCode::from(2);
            }
            None if error.kind() == clap::error::ErrorKind::DisplayVersion => error.exit(),
            // Help: parsed again against the fully built, fully translated command.
            None => match args::help_command().try_get_matches_from(&args) {
                Err(help) => return print_help(&help),
                Ok(_) => error.exit(),
            },
        },
    };
    let context = Context {
        projects: cli.project.clone(),
        explicit_lang: cli.lang.as_deref().and_then(Lang::parse),
        strict: cli.strict,
        commit: cli.commit,
        today: today(),
    };
    match commands::run(&context, cli.command) {
        Ok(code) => {
            // Only a command that did its work keeps what it parsed: one refused (an `--out`
            // onto a project file, an unknown id) leaves the project as it found it.
            crate::record::cache::save_kept();
            code
        }
        Err(error) => {
            // One `fortb:` line for each problem, so that each reads on its own.
            for line in crate::cli::error::message(&error).lines() {
                crate::cli::output::error(line);
            }
            crate::cli::error::exit_code(&error)
        }
    }
}

/// Today, or the day `FORTB_TODAY` names: for tests, and for reproducing a report as it
/// looked on a given day. The clock is read here only, once, and every command gets the day
/// in its [`Context`].
fn today() -> Date {
    std::env::var("FORTB_TODAY")
        .ok()
        .and_then(|text| Date::parse(&text))
        .unwrap_or_else(|| Date(chrono::Local::now().date_naive()))
}

/// Help as clap renders it, with its usage line in the user's language.
fn print_help(help: &clap::Error) -> ExitCode {
    let rendered = help.render();
    let text = if help.use_stderr() || !crate::cli::output::colour() {
        rendered.to_string()
    } else {
        rendered.ansi().to_string()
    };
    let text = args::localize_usage(&text);
    if help.use_stderr() {
        eprint!("{text}");
    } else {
        crate::cli::output::print(&text);
    }
    ExitCode::from(u8::try_from(help.exit_code()).unwrap_or(2))
}

/// `--lang`, else the project's setting, else the environment's locale, else English. Looked
/// up before clap parses, so that help and clap's errors come in the right language.
fn choose_language(args: &[OsString]) -> Lang {
    if let Some(lang) = flag_value(args, "--lang").and_then(|v| Lang::parse(&v)) {
        return lang;
    }
    let explicit = flag_value(args, "--project")
        .or_else(|| {
            std::env::var("FORTB_PROJECT")
                .ok()
                .filter(|v| !v.is_empty())
        })
        .map(PathBuf::from);
    project::find_root(explicit.as_deref())
        .ok()
        .and_then(|root| project::Project::open(&root).ok())
        .and_then(|project| project.config.lang)
        .or_else(Lang::from_system)
        .unwrap_or(Lang::En)
}

fn flag_value(args: &[OsString], flag: &str) -> Option<String> {
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == flag {
            return iter.next().map(|v| v.into_owned());
        }
        if let Some(value) = arg.strip_prefix(&format!("{flag}=")) {
            return Some(value.to_string());
        }
    }
    None
}

/// A bug must not greet the user with a backtrace: say what happened and where to report it.
fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        crate::cli::output::error(&t!("panic", location = location, message = payload));
    }));
}
