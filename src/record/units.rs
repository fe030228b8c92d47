//! What a read-only command reads: one project, or an organiser's view of several units — the
//! projects named by `--project` and the units each lists in `[organisation] units`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Problem, RecordError, Result};
use crate::model::initiative::Initiative;
use crate::model::process::Model;
use crate::model::unit::Unit;
use crate::record::cache::RecordCache;
use crate::record::process_files::Models;
use crate::record::project::{self, Project};
use crate::record::store::{self, Answers, Loaded};

/// The projects a command reads. `main` gives the settings (name, language, process); each
/// of `projects` is read, tagged with its unit when there is more than one.
#[derive(Debug)]
pub struct Scope {
    pub main: Project,
    pub projects: Vec<Project>,
    /// Units that could not be opened (no `fortb.toml`, a broken one).
    pub broken: Vec<Diagnostic>,
    /// For a unit read without its organiser: the organiser's project, whose initiatives
    /// shared with the unit are read too, and the unit.
    pub shared: Vec<(Project, Project)>,
    /// Each of `projects`' `initiatives/` folders and its position, to find a record's project
    /// in one look-up rather than by comparing its path with every unit's.
    folders: HashMap<PathBuf, usize>,
    /// Each of `projects`' unit tag, in the same order.
    units: Vec<Unit>,
}

impl Scope {
    /// One project read on its own, as every command did before units.
    pub fn single(project: Project) -> Scope {
        Scope::new(project.clone(), vec![project], Vec::new(), Vec::new())
    }

    fn new(
        main: Project,
        projects: Vec<Project>,
        broken: Vec<Diagnostic>,
        shared: Vec<(Project, Project)>,
    ) -> Scope {
        Scope {
            folders: folder_index(projects.iter()),
            units: tags(&main, &projects),
            main,
            projects,
            broken,
            shared,
        }
    }

    /// The projects named (the first gives the settings), each followed by its units.
    pub fn gather(named: Vec<Project>) -> Scope {
        let main = named[0].clone();
        let mut projects = Vec::new();
        let mut broken = Vec::new();
        // Each folder resolved once: comparing every unit with every other one resolved the
        // same paths thousands of times over a hundred units.
        let mut known = HashSet::new();
        for project in named {
            let units = unit_folders(&project);
            if known.insert(folder_key(&project.root)) {
                projects.push(project);
            }
            for folder in units {
                let key = folder_key(&folder);
                if known.contains(&key) {
                    continue;
                }
                match Project::open(&folder) {
                    Ok(unit) => {
                        known.insert(key);
                        projects.push(unit);
                    }
                    Err(error) => broken.push(unopened(&folder, error)),
                }
            }
        }
        let mut shared = Vec::new();
        for unit in &projects {
            let Some(folder) = &unit.config.organisation.organiser else {
                continue;
            };
            let folder = within(&unit.root, folder);
            if known.contains(&folder_key(&folder)) {
                continue;
            }
            match Project::open(&folder) {
                Ok(organiser) => shared.push((organiser, unit.clone())),
                Err(error) => broken.push(unopened(&folder, error)),
            }
        }
        Scope::new(main, projects, broken, shared)
    }

    /// The project an initiative was read from.
    pub fn project_of(&self, initiative: &Initiative) -> &Project {
        &self.projects[self.index_of(initiative)]
    }

    /// The position in `projects` of the project an initiative was read from; the first
    /// (the main project's) for an organiser's initiative shared with a unit.
    pub fn index_of(&self, initiative: &Initiative) -> usize {
        index_in(&self.folders, initiative).unwrap_or(0)
    }

    /// The staff count of the unit an initiative belongs to.
    pub fn staff_of(&self, initiative: &Initiative) -> Option<u32> {
        self.project_of(initiative).config.staff
    }

    /// The name the unit read from `projects[index]` is shown by: its name, with its key
    /// where another unit of the view has the same name.
    pub fn shown_name(&self, index: usize) -> &str {
        &self.units[index].name
    }

    /// The units of the view that share a name with another: each name (as written) with the
    /// keys of its units, for `check` to warn about.
    pub fn same_names(&self) -> Vec<(String, Vec<String>)> {
        let mut by_name: Vec<(String, Vec<String>)> = Vec::new();
        for (project, unit) in self.projects.iter().zip(&self.units) {
            let name = name_of(project);
            match by_name.iter_mut().find(|(n, _)| same_name(n, &name)) {
                Some((_, keys)) => keys.push(unit.key_shown().to_string()),
                None => by_name.push((name, vec![unit.key_shown().to_string()])),
            }
        }
        by_name.retain(|(_, keys)| keys.len() > 1);
        by_name
    }

    /// Whether rows carry their unit: more than one project is read.
    pub fn is_organiser_view(&self) -> bool {
        self.projects.len() > 1 || !self.broken.is_empty() || !self.shared.is_empty()
    }

    /// The records `keep` accepts, of every project, read in parallel; each tagged with its
    /// unit in an organiser's view. A project that lists units is the organiser: its own
    /// records are marked as the organiser's.
    ///
    /// Texts read before come from the parse cache of the project the command runs in
    /// (`.fortb/record-cache`, [`RecordCache`]), which holds every unit's records it reads.
    pub fn load_where(
        &self,
        answers: Answers,
        keep: impl Fn(&Initiative) -> bool + Sync,
    ) -> Result<Loaded> {
        let cache = RecordCache::open(&self.main.root);
        let loaded = self.load_cached(answers, &cache, keep);
        cache.keep_for_saving();
        loaded
    }

    fn load_cached(
        &self,
        answers: Answers,
        cache: &RecordCache,
        keep: impl Fn(&Initiative) -> bool + Sync,
    ) -> Result<Loaded> {
        use rayon::prelude::*;
        let tagged = self.is_organiser_view();
        let loaded: Vec<Result<Loaded>> = self
            .projects
            .par_iter()
            .zip(&self.units)
            .map(|(project, unit)| {
                let mut loaded = store::load_cached(project, answers, cache, &keep)?;
                if tagged {
                    for initiative in &mut loaded.initiatives {
                        initiative.unit = Some(unit.clone());
                    }
                }
                Ok(loaded)
            })
            .collect();
        let shared: Vec<Result<Loaded>> = self
            .shared
            .par_iter()
            .map(|(organiser, unit)| shared_cached(organiser, unit, answers, cache, &keep))
            .collect();
        let mut all = Loaded::default();
        for result in loaded.into_iter().chain(shared) {
            let loaded = result?;
            if all.initiatives.is_empty() {
                // Moved, not copied: a project of 10,000 records is 16 MB of them, which the
                // copy held twice at the end of the reading.
                all.initiatives = loaded.initiatives;
            } else {
                all.initiatives.extend(loaded.initiatives);
            }
            all.broken.extend(loaded.broken);
        }
        Ok(all)
    }

    /// Every record file of every project, none of them read: for a command that picks the
    /// few it needs by what an index says of them, then reads those with [`Scope::load_file`].
    pub fn record_files(&self) -> Result<Vec<RecordFile>> {
        let own = self
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| (Home::Own(i), p));
        let shared = self.shared.iter().enumerate();
        let shared = shared.map(|(i, (organiser, _))| (Home::Shared(i), organiser));
        let mut files = Vec::new();
        for (home, project) in own.chain(shared) {
            for (id, path) in store::record_files(project)? {
                files.push(RecordFile { home, id, path });
            }
        }
        Ok(files)
    }

    /// One of [`Scope::record_files`] read as [`Scope::load_where`] reads it: tagged with its
    /// unit, and an organiser's record only when it is shared with the unit (else `None`).
    pub fn load_file(&self, file: &RecordFile, answers: Answers) -> Result<Option<Initiative>> {
        let mut initiative = store::load_with(&file.id, &file.path, answers)?;
        match file.home {
            Home::Own(index) => {
                if self.is_organiser_view() {
                    initiative.unit = Some(self.units[index].clone());
                }
            }
            Home::Shared(index) => {
                let (organiser, unit) = &self.shared[index];
                if !shares(organiser, &folder_key(&unit.root), &initiative) {
                    return Ok(None);
                }
                initiative.unit = Some(shared_tag(organiser, unit));
            }
        }
        Ok(Some(initiative))
    }
}

/// Which project of a [`Scope`] a record file is in: `projects[i]`, or `shared[i]`'s
/// organiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    Own(usize),
    Shared(usize),
}

/// A record file of a [`Scope`], not read yet.
#[derive(Clone, Debug)]
pub struct RecordFile {
    pub home: Home,
    pub id: String,
    pub path: PathBuf,
}

/// Where each record read through a [`Scope`] lives: its own unit's project, or the
/// organiser's for a shared initiative — so that it follows that project's process models and
/// survey thresholds, not the first project's.
pub struct Homes<'s> {
    projects: Vec<&'s Project>,
    /// Each project's `initiatives/` folder, to find a record's project in one look-up.
    folders: HashMap<PathBuf, usize>,
    models: Vec<Models>,
}

impl<'s> Homes<'s> {
    pub fn new(scope: &'s Scope) -> Homes<'s> {
        let projects: Vec<&Project> = scope
            .projects
            .iter()
            .chain(scope.shared.iter().map(|(organiser, _)| organiser))
            .collect();
        let folders = folder_index(projects.iter().copied());
        let models = projects.iter().map(|p| Models::new(Some(p))).collect();
        Homes {
            projects,
            folders,
            models,
        }
    }

    fn index_of(&self, initiative: &Initiative) -> usize {
        index_in(&self.folders, initiative).unwrap_or(0)
    }

    /// The project an initiative's record lives in.
    pub fn project_of(&self, initiative: &Initiative) -> &'s Project {
        self.projects[self.index_of(initiative)]
    }

    /// Reads the process model each of `initiatives` follows, once per project and model; a
    /// model that cannot be read is left out, and [`Homes::model_of`] then gives `None`.
    pub fn load_models<'i>(&mut self, initiatives: impl Iterator<Item = &'i Initiative>) {
        for initiative in initiatives {
            let index = self.index_of(initiative);
            let name = self.projects[index].process_of(&initiative.record);
            if self.models[index].loaded(name).is_none() {
                let _unreadable_shows_as_no_progress = self.models[index].get(name);
            }
        }
    }

    /// The process model an initiative follows, as loaded by [`Homes::load_models`].
    pub fn model_of(&self, initiative: &Initiative) -> Option<&Model> {
        let index = self.index_of(initiative);
        self.models[index].loaded(self.projects[index].process_of(&initiative.record))
    }

    /// The process model an initiative follows, read now if need be.
    pub fn model_for(&mut self, initiative: &Initiative) -> Result<&Model> {
        let index = self.index_of(initiative);
        let name = self.projects[index].process_of(&initiative.record);
        self.models[index].get(name)
    }
}

/// The organiser's initiatives shared with `unit` that `keep` accepts, tagged as the
/// organiser's; broken records are collected, not fatal.
pub fn shared_with(
    organiser: &Project,
    unit: &Project,
    answers: Answers,
    keep: impl Fn(&Initiative) -> bool + Sync,
) -> Result<Loaded> {
    shared_cached(organiser, unit, answers, &RecordCache::none(), keep)
}

fn shared_cached(
    organiser: &Project,
    unit: &Project,
    answers: Answers,
    cache: &RecordCache,
    keep: impl Fn(&Initiative) -> bool + Sync,
) -> Result<Loaded> {
    let unit_folder = folder_key(&unit.root);
    let mut loaded = store::load_cached(organiser, answers, cache, |initiative| {
        shares(organiser, &unit_folder, initiative) && keep(initiative)
    })?;
    let tag = shared_tag(organiser, unit);
    for initiative in &mut loaded.initiatives {
        initiative.unit = Some(tag.clone());
    }
    Ok(loaded)
}

/// The unit tag of an organiser's initiative shared with `unit`.
fn shared_tag(organiser: &Project, unit: &Project) -> Unit {
    Unit::new(
        &name_of(organiser),
        &key_of(&unit.root, &organiser.root),
        true,
    )
}

/// The organiser and the unit a command about one unit's shared initiatives works with: a
/// unit's project and the organiser it names, or the organiser's project and its unit called
/// `unit_name` (any case).
pub fn organiser_and_unit(main: &Project, unit_name: Option<&str>) -> Result<(Project, Project)> {
    if let Some(folder) = &main.config.organisation.organiser {
        let organiser = Project::open(&within(&main.root, folder))?;
        return Ok((organiser, main.clone()));
    }
    if main.config.organisation.units.is_empty() {
        return Err(RecordError::NoOrganiser.into());
    }
    let scope = Scope::gather(vec![main.clone()]);
    let units: Vec<&Project> = scope.projects.iter().skip(1).collect();
    let names: Vec<String> = units.iter().map(|unit| name_of(unit)).collect();
    let Some(wanted) = unit_name else {
        return Err(RecordError::WhichUnit { valid: names }.into());
    };
    // By its name or its folder's: "Byskolan F–6" is hard to type, "byskolan" is not.
    let wanted = wanted.trim().to_lowercase();
    let folder = |unit: &Project| {
        let root = std::fs::canonicalize(&unit.root).unwrap_or_else(|_| unit.root.clone());
        root.file_name().map(|n| n.to_string_lossy().to_lowercase())
    };
    let found = (0..units.len()).find(|&i| {
        names[i].to_lowercase() == wanted || folder(units[i]).as_deref() == Some(wanted.as_str())
    });
    match found {
        Some(index) => Ok((main.clone(), units[index].clone())),
        None => {
            let folders: Vec<String> = units.iter().filter_map(|unit| folder(unit)).collect();
            let words = names.iter().chain(&folders).map(String::as_str);
            let valid: Vec<&str> = names.iter().map(String::as_str).collect();
            Err(unknown(unit_name.unwrap_or_default(), &valid, words))
        }
    }
}

/// The usage error for a unit no unit is named: the nearest of `words` (the names, and the
/// folders or keys that also find a unit) when one is near, and the names there are.
pub fn unknown<'a>(given: &str, valid: &[&str], words: impl IntoIterator<Item = &'a str>) -> Error {
    use crate::model::spelling::closest;
    fn first_word(name: &str) -> &str {
        name.split_whitespace().next().unwrap_or_default()
    }
    // Else a name by its first word, as a person shortens "Byskolan F–6".
    let near = closest(given, words).or_else(|| {
        let word = closest(given, valid.iter().map(|name| first_word(name)))?;
        valid.iter().copied().find(|name| first_word(name) == word)
    });
    RecordError::UnknownUnit {
        given: given.to_string(),
        nearest: near.map(str::to_string),
        valid: valid.iter().map(|name| name.to_string()).collect(),
    }
    .into()
}

/// Whether an initiative of the organiser's project names the unit whose [`folder_key`] is
/// `unit_folder` among its `units`.
pub fn shares(organiser: &Project, unit_folder: &Path, initiative: &Initiative) -> bool {
    initiative
        .record
        .units
        .iter()
        .any(|path| folder_key(&within(&organiser.root, path)) == unit_folder)
}

/// Each project's unit tag: its name (with its key where another has the same name), its
/// key from `main`'s folder, and whether it is an organiser (lists units).
fn tags(main: &Project, projects: &[Project]) -> Vec<Unit> {
    let names: Vec<String> = projects.iter().map(name_of).collect();
    // Counted once each: an organiser may have hundreds of units.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for name in &names {
        *counts.entry(normalized(name)).or_default() += 1;
    }
    projects
        .iter()
        .zip(&names)
        .map(|(project, name)| {
            let key = key_of(&main.root, &project.root);
            let shared = counts[&normalized(name)] > 1;
            let organiser = !project.config.organisation.units.is_empty();
            let mut unit = Unit::new(name, &key, organiser);
            if shared {
                unit.name = format!("{} ({})", name.trim(), unit.key_shown()).into();
            }
            unit
        })
        .collect()
}

/// Two unit names a reader would take for one: the same but for case and spaces around.
/// Why the project in `folder` could not be opened: the folder is missing, it has no
/// `fortb.toml`, or its `fortb.toml` is broken (at its line and column).
fn unopened(folder: &Path, error: Error) -> Diagnostic {
    let config = folder.join(project::CONFIG_FILE);
    if !folder.is_dir() {
        return Diagnostic::whole(folder, Problem::NoUnitFolder);
    }
    if !config.exists() {
        return Diagnostic::whole(folder, Problem::NoUnitConfig);
    }
    store::as_diagnostic(&config, error)
}

fn same_name(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

fn normalized(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The path from the folder `from` to the folder `to`, `/`-separated, both resolved first
/// (so a link or `./` spells no second key): empty when they are one folder.
pub fn key_of(from: &Path, to: &Path) -> String {
    use std::path::Component;
    let (from, to) = (folder_key(from), folder_key(to));
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_string(), from.len() - common);
    let downs = to[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// `name` in the project's `fortb.toml`, else its folder's name.
pub fn name_of(project: &Project) -> String {
    project.config.name.clone().unwrap_or_else(|| {
        let root = std::fs::canonicalize(&project.root).unwrap_or_else(|_| project.root.clone());
        root.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    })
}

/// A folder as compared with others: its resolved path where it exists, so that
/// `skolor/../skolor/ekbacken`, `./ekbacken` and a link to it are one unit; as written where
/// it does not.
pub fn folder_key(folder: &Path) -> PathBuf {
    std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}

/// Each project's `initiatives/` folder and its position; the first wins where two share one.
fn folder_index<'p>(projects: impl Iterator<Item = &'p Project>) -> HashMap<PathBuf, usize> {
    let mut folders = HashMap::new();
    for (index, project) in projects.enumerate() {
        folders.entry(project.initiatives_dir()).or_insert(index);
    }
    folders
}

/// The position of the project whose `initiatives/` folder holds `initiative`'s record.
fn index_in(folders: &HashMap<PathBuf, usize>, initiative: &Initiative) -> Option<usize> {
    // One project, the usual case: its path need not be read, let alone hashed, for every
    // record of a large project.
    if folders.len() == 1 {
        return folders.values().next().copied();
    }
    let folder = initiative.path.parent()?;
    folders.get(folder).copied()
}

/// The folders `[organisation] units` names, patterns expanded, in the order written (a
/// pattern's matches sorted by name). A plain path is kept even when it is missing, so that
/// the reader hears about it; a pattern only matches folders holding a `fortb.toml`, never the
/// organiser's own (`../*` beside the schools), as `fortb unit add` takes it. A folder named
/// twice (by name and by a pattern) is there once.
pub(crate) fn unit_folders(project: &Project) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let own = folder_key(&project.root);
    let mut seen = HashSet::new();
    for entry in &project.config.organisation.units {
        let pattern = entry.replace('\\', "/");
        if pattern.contains(['*', '?']) {
            let mut matches = expand(&project.root, &pattern);
            matches.retain(|folder| {
                folder.join(project::CONFIG_FILE).is_file() && folder_key(folder) != own
            });
            matches.sort();
            folders.extend(matches.into_iter().filter(|f| seen.insert(folder_key(f))));
        } else {
            let folder = within(&project.root, &pattern);
            if seen.insert(folder_key(&folder)) {
                folders.push(folder);
            }
        }
    }
    folders
}

/// The folders under `root` matching `pattern`, one `/`-separated part at a time.
pub(crate) fn expand(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut found = vec![within(root, "")];
    for part in pattern.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let mut next = Vec::new();
        for folder in found {
            if !part.contains(['*', '?']) {
                next.push(within(&folder, part));
                continue;
            }
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if !name.starts_with('.') && entry.path().is_dir() && matches(part, &name) {
                    next.push(entry.path());
                }
            }
        }
        found = next;
    }
    found
}

/// `relative` inside `root`, `..` taken away with the folder before it where there is one, so
/// that messages name `../skolor/ekbacken` rather than `./../skolor/ekbacken`.
pub fn within(root: &Path, relative: &str) -> PathBuf {
    use std::path::Component;
    let mut path = PathBuf::new();
    let joined = if root == Path::new(".") {
        PathBuf::from(relative)
    } else {
        root.join(relative)
    };
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(path.components().next_back(), Some(Component::Normal(_))) =>
            {
                path.pop();
            }
            other => path.push(other),
        }
    }
    if path.as_os_str().is_empty() {
        path.push(".");
    }
    path
}

/// Whether `name` fits `pattern`, where `*` is any run of characters and `?` any one.
fn matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // The classic two-pointer wildcard match, backtracking to the last `*`.
    let (mut p, mut n, mut star, mut mark) = (0, 0, None, 0);
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some(p);
            mark = n;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            n = mark;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_within_a_name() {
        for (pattern, name, expected) in [
            ("*", "ekbacken", true),
            ("ek*", "ekbacken", true),
            ("*backen", "solbacken", true),
            ("s?lbacka", "solbacka", true),
            ("s*a", "solbacken", false),
            ("ek*", "solbacka", false),
            ("*", "", true),
            ("ö*", "östra", true),
        ] {
            assert_eq!(matches(pattern, name), expected, "{pattern} {name}");
        }
    }
}
