//! `fortb init [DIR]`: a new project — a commented `fortb.toml` and an `initiatives/` folder.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::args::InitArgs;
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::record::atomic;
use crate::record::project::{display_path, CONFIG_FILE, INITIATIVES_DIR};
use crate::t;

pub fn run(context: &Context, args: &InitArgs) -> Result<ExitCode> {
    let dir = &args.dir;
    let config_path = dir.join(CONFIG_FILE);
    if config_path.exists() {
        return Err(Error::Message(t!(
            "init.exists",
            path = display_path(&config_path).display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let lang = context
        .explicit_lang
        .or_else(Lang::from_system)
        .unwrap_or(i18n::current());
    let name = args
        .name
        .clone()
        .or_else(|| folder_name(dir))
        .unwrap_or_else(|| "fortb".to_string());
    let beneficiary = args
        .beneficiary
        .clone()
        .unwrap_or_else(|| i18n::text_in(lang, "project.default_beneficiary", &[]));
    let quoted = |text: &str| toml_edit::Value::from(text).to_string();
    let mut config = i18n::text_in(
        lang,
        "init.config_template",
        &[
            ("name", &quoted(&name)),
            ("lang", &quoted(lang.code())),
            ("beneficiary", &quoted(&beneficiary)),
        ],
    );
    if args.organiser {
        config += &i18n::text_in(lang, "init.organiser_section", &[]);
    }
    if !atomic::create_new(&config_path, &config)? {
        return Err(Error::Message(t!(
            "init.exists",
            path = display_path(&config_path).display()
        )));
    }
    let initiatives = dir.join(INITIATIVES_DIR);
    std::fs::create_dir_all(&initiatives).map_err(|e| Error::io(&initiatives, e))?;
    crate::git::setup::ignore_temporary_files(dir)?;
    // Inside a repository, or asked to make one: records merge as data from the start.
    let in_repository = crate::git::repo::top_level(dir).is_some();
    if args.git && !in_repository {
        crate::git::repo::init(dir)?;
    }
    if args.git || in_repository {
        crate::cli::commands::git_setup::set_up(dir)?;
        // Said now, in the user's language, rather than by git in English at the first commit.
        if !crate::git::repo::has_identity(dir) {
            output::note(&t!("init.git_identity"));
        }
    }
    output::print(&format!("{}\n", display_path(&config_path).display()));
    say_created(dir, &name, &config_path, args.organiser);
    Ok(ExitCode::SUCCESS)
}

/// What was made and the next command: an organiser's first step is its units, not an
/// initiative; from another folder, a `cd` first.
fn say_created(dir: &Path, name: &str, config_path: &Path, organiser: bool) {
    let path = display_path(config_path).display().to_string();
    let next = match organiser {
        true => t!("init.next_unit"),
        false => t!("init.next_new"),
    };
    output::note(&match is_current_folder(dir) {
        true => t!("init.created", name = name, path = path, next = next),
        false => t!(
            "init.created_elsewhere",
            name = name,
            path = path,
            dir = cd_argument(dir),
            next = next
        ),
    });
}

/// Whether `dir` (which exists by now) is the folder the user stands in: otherwise the next
/// command needs a `cd` first, or fortb will not find the project.
fn is_current_folder(dir: &Path) -> bool {
    match (
        dir.canonicalize(),
        std::env::current_dir().and_then(|c| c.canonicalize()),
    ) {
        (Ok(dir), Ok(current)) => dir == current,
        _ => false,
    }
}

/// The folder as the user typed it, quoted when a shell would split it (`cd "Min skola"`).
fn cd_argument(dir: &Path) -> String {
    let dir = dir.display().to_string();
    match dir.contains(|c: char| c.is_whitespace() || "'\"&;|<>()$`".contains(c)) {
        true => format!("\"{dir}\""),
        false => dir,
    }
}

fn folder_name(dir: &Path) -> Option<String> {
    let absolute = std::path::absolute(dir).ok()?;
    absolute
        .components()
        .rfind(|c| matches!(c, std::path::Component::Normal(_)))
        .and_then(|c| c.as_os_str().to_str().map(str::to_string))
}
