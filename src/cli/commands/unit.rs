//! `fortb unit add|remove|list`: the organiser's units set up with commands — each folder
//! checked to be a fortb project before anything is written, and with `--link` the unit told
//! its organiser, so that its own summary shows the shared initiatives.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::args::{UnitArgs, UnitCommand};
use crate::cli::commands::Context;
use crate::cli::output;
use crate::cli::table::{self, Column};
use crate::error::{Error, Result};
use crate::record::project::{display_path, Project};
use crate::record::unit_edit::{self, Given};
use crate::record::units::{folder_key, name_of, unit_folders, within};
use crate::t;

pub fn run(context: &Context, args: &UnitArgs) -> Result<ExitCode> {
    let organiser = context.project()?;
    if let Some(folder) = &organiser.config.organisation.organiser {
        return Err(Error::Message(t!("unit.is_a_unit", organiser = folder)));
    }
    match &args.command {
        UnitCommand::Add(add) => self::add(context, &organiser, &add.paths, add.link),
        UnitCommand::Remove(remove) => self::remove(context, &organiser, &remove.path, remove.link),
        UnitCommand::List => list(&organiser),
    }
}

/// Adds each folder (or pattern) after checking every folder it names; on any problem
/// nothing is written.
fn add(context: &Context, organiser: &Project, paths: &[String], link: bool) -> Result<ExitCode> {
    let listed = &organiser.config.organisation.units;
    let known: Vec<PathBuf> = unit_folders(organiser)
        .iter()
        .map(|f| folder_key(f))
        .collect();
    let mut new: Vec<Given> = Vec::new();
    let mut problems = Vec::new();
    let mut relink: Vec<PathBuf> = Vec::new();
    for path in paths {
        let given = unit_edit::resolve(organiser, path)?;
        if given.folders.is_empty() {
            problems.push(t!("unit.no_match", path = path));
        }
        let single = given.folders.len() == 1 && !given.entry.contains(['*', '?']);
        problems.extend(given.folders.iter().filter_map(|folder| {
            let shown = match single {
                true => path.clone(),
                false => display_path(folder).display().to_string(),
            };
            unit_edit::unit_problem(organiser, folder, &shown)
        }));
        let already = listed.contains(&given.entry)
            || new.iter().any(|n| n.entry == given.entry)
            || given.folders.iter().all(|f| known.contains(&folder_key(f)));
        if already && !given.folders.is_empty() {
            output::note(&t!("unit.already", path = given.entry));
            // Asked to link, a unit listed before is linked all the same.
            if link {
                relink.extend(given.folders);
            }
        } else {
            new.push(given);
        }
    }
    if !problems.is_empty() {
        return Err(Error::Message(t!(
            "unit.nothing_written",
            problems = problems.join("\n  ")
        )));
    }
    let entries: Vec<String> = new.iter().map(|g| g.entry.clone()).collect();
    if !entries.is_empty() {
        unit_edit::add_units(organiser, &entries)?;
    }
    let config = organiser.config_path();
    let mut changed = vec![config.clone()];
    // A pattern's folders listed before (by name), or named twice in this call, are announced
    // and linked once.
    let mut announced = std::collections::HashSet::new();
    let added = new.iter().flat_map(|given| &given.folders);
    for folder in added.filter(|f| {
        let key = folder_key(f);
        !known.contains(&key) && announced.insert(key)
    }) {
        let name = Project::open(folder)
            .map(|p| name_of(&p))
            .unwrap_or_default();
        let shown = display_path(folder).display().to_string();
        output::note(&t!("unit.added", unit = name, path = shown));
        if link {
            changed.extend(link_unit(organiser, folder));
        }
    }
    for folder in &relink {
        changed.extend(link_unit(organiser, folder));
    }
    context.commit(
        organiser,
        &changed,
        t!("unit.commit_add", units = entries.join(", ")),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the organiser into a unit's `fortb.toml` unless it names one already; a unit that
/// cannot be written is warned about, the others still linked.
fn link_unit(organiser: &Project, folder: &std::path::Path) -> Option<PathBuf> {
    let unit = Project::open(folder).ok()?;
    if let Some(existing) = &unit.config.organisation.organiser {
        if folder_key(&within(folder, existing)) != folder_key(&organiser.root) {
            output::warning(&t!(
                "unit.other_organiser",
                unit = name_of(&unit),
                organiser = existing
            ));
        }
        return None;
    }
    match unit_edit::set_organiser(folder, Some(&organiser.root)) {
        Ok(()) => {
            output::note(&t!(
                "unit.linked",
                unit = name_of(&unit),
                path = display_path(&unit.config_path()).display()
            ));
            Some(unit.config_path())
        }
        Err(error) => {
            output::warning(&t!(
                "unit.not_linked",
                unit = name_of(&unit),
                problem = error
            ));
            None
        }
    }
}

/// Takes one entry out of the organiser's `units`, by the path as written or the folder it
/// names; with `--link` the unit's own link back is removed too.
fn remove(context: &Context, organiser: &Project, path: &str, link: bool) -> Result<ExitCode> {
    let listed = &organiser.config.organisation.units;
    let given = unit_edit::resolve(organiser, path)?;
    let wanted: Vec<PathBuf> = given.folders.iter().map(|f| folder_key(f)).collect();
    let index = listed.iter().position(|entry| {
        *entry == given.entry
            || (!entry.contains(['*', '?'])
                && wanted.contains(&folder_key(&within(&organiser.root, entry))))
    });
    let Some(index) = index else {
        return Err(Error::Usage(t!(
            "unit.not_listed",
            path = given.entry,
            valid = listed.join(", ")
        )));
    };
    unit_edit::remove_unit(organiser, index)?;
    output::note(&t!("unit.removed", path = listed[index]));
    let mut changed = vec![organiser.config_path()];
    for folder in given.folders.iter().filter(|f| linked(organiser, f)) {
        if link {
            unit_edit::set_organiser(folder, None)?;
            changed.push(folder.join(crate::record::project::CONFIG_FILE));
        } else {
            // Still linked, the unit goes on showing this organiser's initiatives for it.
            let name = Project::open(folder)
                .map(|p| name_of(&p))
                .unwrap_or_default();
            output::note(&t!("unit.still_linked", unit = name, path = path));
        }
    }
    context.commit(
        organiser,
        &changed,
        t!("unit.commit_remove", unit = listed[index]),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the unit in `folder` names `organiser` as its organiser.
fn linked(organiser: &Project, folder: &std::path::Path) -> bool {
    Project::open(folder).is_ok_and(|unit| {
        unit.config
            .organisation
            .organiser
            .as_ref()
            .is_some_and(|o| folder_key(&within(folder, o)) == folder_key(&organiser.root))
    })
}

/// The units, each with its folder and whether it names this organiser back.
fn list(organiser: &Project) -> Result<ExitCode> {
    let folders = unit_folders(organiser);
    if folders.is_empty() {
        output::note(&t!("unit.none"));
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = folders
        .iter()
        .map(|folder| {
            let shown = display_path(folder).display().to_string();
            match Project::open(folder) {
                Ok(unit) => vec![
                    name_of(&unit),
                    shown,
                    match linked(organiser, folder) {
                        true => t!("unit.state_linked"),
                        false => t!("unit.state_unlinked"),
                    },
                ],
                Err(error) => vec![
                    String::new(),
                    shown,
                    t!("unit.state_broken", problem = error),
                ],
            }
        })
        .collect();
    let columns = [
        Column::words(t!("column.unit")),
        Column::words(t!("unit.folder")),
        Column::words(t!("unit.state")),
    ];
    output::print(&table::render(&columns, &rows));
    Ok(ExitCode::SUCCESS)
}
