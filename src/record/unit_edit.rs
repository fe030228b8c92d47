//! An organiser's units set up with commands: `[organisation] units` in the organiser's
//! `fortb.toml`, and `[organisation] organiser` in a unit's, each changed in place.

use std::path::{Component, Path, PathBuf};

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::error::{Error, RecordError, Result};
use crate::record::document;
use crate::record::parse;
use crate::record::project::{Config, Project, CONFIG_FILE};
use crate::record::units::{expand, folder_key, within};

/// A folder given on the command line, as the organiser's `units` would hold it, and the
/// unit folders it names now.
#[derive(Debug)]
pub struct Given {
    pub entry: String,
    pub folders: Vec<PathBuf>,
}

/// The folder `path` (as typed, from the working folder) as seen from the organiser's
/// folder, `/`-separated, with the folders it matches; `*` and `?` match within one name.
pub fn resolve(organiser: &Project, path: &str) -> Result<Given> {
    // An empty folder name would be the working folder's "nothing", not a folder.
    if path.trim().is_empty() {
        return Err(RecordError::EmptyUnitPath.into());
    }
    let root = absolute(&organiser.root)?;
    let mut target = absolute(Path::new(path))?;
    // A path to a unit's `fortb.toml` names its project, as the folder would.
    if target.file_name().is_some_and(|n| n == CONFIG_FILE) && !target.is_dir() {
        target.pop();
    }
    let entry = relative(&root, &target);
    // A pattern names the projects it matches, as the reader takes it, never the organiser.
    let folders = match entry.contains(['*', '?']) {
        true => {
            let mut found = expand(&organiser.root, &entry);
            found.retain(|f| f.join(CONFIG_FILE).is_file() && folder_key(f) != folder_key(&root));
            found.sort();
            found
        }
        false => vec![within(&organiser.root, &entry)],
    };
    Ok(Given { entry, folders })
}

/// Whether `named`, a unit's `organiser` as written in the unit's folder `unit`, is the
/// folder of `organiser` (by any spelling of the path).
pub fn is_organiser(unit: &Path, named: &str, organiser: &Project) -> bool {
    folder_key(&within(unit, named)) == folder_key(&organiser.root)
}

/// `path` from the working folder, `.` and `..` taken away.
fn absolute(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    Ok(within(&absolute, ""))
}

/// `to` as seen from `from` (both absolute and tidy), `/`-separated: `../skola`. Where no
/// relative path leads there (another drive), `to` itself.
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    if from.first() != to_parts.first() {
        return to.to_string_lossy().replace('\\', "/");
    }
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = std::iter::repeat_n("..".to_string(), from.len() - common);
    let downs = to_parts[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = ups.chain(downs).collect();
    match parts.is_empty() {
        true => ".".to_string(),
        false => parts.join("/"),
    }
}

/// Why a folder cannot be a unit of `organiser`, if it cannot: not a fortb project, a
/// broken one, the organiser itself, or an organiser with units of its own (units are read
/// one level deep, and two projects listing each other would each be the other's unit).
pub fn unit_problem(organiser: &Project, folder: &Path, shown: &str) -> Option<Error> {
    let path = shown.to_string();
    if folder_key(folder) == folder_key(&organiser.root) {
        return Some(RecordError::UnitIsOrganiser { path }.into());
    }
    if folder.is_file() {
        return Some(RecordError::UnitIsAFile { path }.into());
    }
    if !folder.join(CONFIG_FILE).is_file() {
        return Some(RecordError::UnitNotAProject { path }.into());
    }
    match Project::open(folder) {
        Err(error) => Some(error),
        Ok(unit) if !unit.config.organisation.units.is_empty() => {
            Some(RecordError::UnitHasUnits { path }.into())
        }
        Ok(_) => None,
    }
}

fn check_config(path: &Path, text: &str) -> Result<()> {
    parse::parse_toml::<Config>(path, text)
        .map(|_| ())
        .map_err(Error::invalid)
}

/// The `[organisation]` table of a `fortb.toml`, made when missing.
fn organisation(doc: &mut DocumentMut) -> Result<&mut Table> {
    if doc.get("organisation").is_none() {
        doc.insert("organisation", Item::Table(Table::new()));
    }
    doc.get_mut("organisation")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| RecordError::OrganisationNotTable.into())
}

fn units_array(doc: &mut DocumentMut) -> Result<&mut Array> {
    let organisation = organisation(doc)?;
    if organisation.get("units").is_none() {
        organisation.insert("units", toml_edit::value(Array::new()));
    }
    organisation
        .get_mut("units")
        .and_then(Item::as_array_mut)
        .ok_or_else(|| RecordError::OrganisationNotTable.into())
}

/// Adds `entries` to the organiser's `units`, after those there.
pub fn add_units(organiser: &Project, entries: &[String]) -> Result<()> {
    document::update_file(&organiser.config_path(), check_config, |doc, _| {
        let units = units_array(doc)?;
        for entry in entries {
            units.push(entry.as_str());
        }
        // One entry a line once there are several, as a person would write them.
        if units.len() > 1 {
            units
                .iter_mut()
                .for_each(|v| v.decor_mut().set_prefix("\n  "));
            units.set_trailing("\n");
            units.set_trailing_comma(true);
        }
        Ok(())
    })
}

/// Removes the entry at `index` of the organiser's `units`.
pub fn remove_unit(organiser: &Project, index: usize) -> Result<()> {
    document::update_file(&organiser.config_path(), check_config, |doc, _| {
        let units = units_array(doc)?;
        if index < units.len() {
            units.remove(index);
        }
        if units.is_empty() {
            units.set_trailing("");
            units.set_trailing_comma(false);
        }
        Ok(())
    })
}

/// Writes `organiser = "…"` into a unit's `fortb.toml` (the organiser as seen from the unit),
/// or removes it when `organiser` is `None`.
pub fn set_organiser(unit: &Path, organiser: Option<&Path>) -> Result<()> {
    let path = unit.join(CONFIG_FILE);
    let value = match organiser {
        Some(organiser) => Some(relative(&absolute(unit)?, &absolute(organiser)?)),
        None => None,
    };
    document::update_file(&path, check_config, |doc, _| {
        let table = organisation(doc)?;
        match &value {
            Some(value) => {
                table.insert("organiser", toml_edit::value(Value::from(value.as_str())));
            }
            None => {
                table.remove("organiser");
                if table.is_empty() {
                    doc.remove("organisation");
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_then_down() {
        let root = absolute(Path::new("a/b")).unwrap();
        for (to, expected) in [
            ("a/b/c", "c"),
            ("a/skola", "../skola"),
            ("a/b", "."),
            ("x/y", "../../x/y"),
        ] {
            assert_eq!(relative(&root, &absolute(Path::new(to)).unwrap()), expected);
        }
    }
}
