//! `fortb new TITLE`: a new initiative record, `initiatives/<id>.toml`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use toml_edit::Value;

use crate::cli::args::{EditArgs, NewArgs};
use crate::cli::commands::{period_args, Context};
use crate::cli::interview;
use crate::cli::lessons_panel::{self, Destination};
use crate::cli::output;
use crate::error::{Error, Result};
use crate::lookback::lessons::Likeness;
use crate::model::date::Date;
use crate::model::initiative::SCHEMA;
use crate::model::slug;
use crate::model::theme;
use crate::model::vocabulary::{Kind, Learning, Vocabulary};
use crate::record::atomic;
use crate::record::document;
use crate::record::fields;
use crate::record::files;
use crate::record::plan;
use crate::record::process_files::Models;
use crate::record::project::{display_path, Project};
use crate::t;

pub fn run(context: &Context, args: &NewArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let planned = Planned::read(&project, args)?;
    let text = document::new_record(&planned.fields(args));

    let dir = project.initiatives_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let base = slug::slugify(&planned.title);
    if project.record_path(&base).exists() && output::interactive() && !args.no_interview {
        // Typing `new` again with the same title is often meant to fix the first one.
        let prompt = t!("new.open_existing", id = base);
        if interview::confirm(interview::theme().as_ref(), &prompt, true)? {
            let open = EditArgs { id: base };
            return super::edit::run(context, &open);
        }
    }
    let (id, path, why_not_base) = create(&project, &base, &text)?;
    output::print(&format!("{}\n", display_path(&path).display()));
    context.commit(
        &project,
        std::slice::from_ref(&path),
        t!("commit.new", id = id),
    )?;
    if args.kind.is_none() {
        let kind = planned.kind.label();
        output::note(&t!("new.kind_guessed", kind = kind, id = id));
    }
    if let Some(why) = why_not_base {
        output::note(&why);
    }
    let before = planned.start.unwrap_or_else(Date::today);
    let to = Destination::for_new(args.quiet);
    lessons_panel::show(&project, &planned.likeness(), before, Some(&id), to)?;
    if output::interactive() && !args.no_interview {
        offer_first_step(&project, &id, &path, &planned.process)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Creates the record with `text` under the first free id of `base`, `base-2`, …: its id, its
/// path, and, when it is not `base`, why not.
fn create(project: &Project, base: &str, text: &str) -> Result<(String, PathBuf, Option<String>)> {
    let mut leftovers = Vec::new();
    for n in 1..=1000 {
        let id = match n {
            1 => base.to_string(),
            _ => format!("{base}-{n}"),
        };
        let path = project.record_path(&id);
        let lock = atomic::lock(&path)?;
        // What a removed record of this id left (a round's free text, private survey answers)
        // would be taken for the new one's: such an id is not free.
        let left = files::of(project, &id);
        if !path.exists() && !left.is_empty() {
            if n == 1 {
                leftovers = left;
            }
            continue;
        }
        if !lock.create_new(text)? {
            continue;
        }
        let why = if !leftovers.is_empty() {
            let paths: Vec<String> = leftovers
                .iter()
                .map(|piece| display_path(&piece.path).display().to_string())
                .collect();
            let key = match paths.len() {
                1 => "new.leftovers_one",
                _ => "new.leftovers_other",
            };
            let paths = paths.join(", ");
            Some(t!(key, paths = paths, taken = base, id = id))
        } else {
            // Two initiatives with one title: the short id now fits both.
            (n > 1).then(|| t!("new.id_taken", taken = base, id = id))
        };
        return Ok((id, path, why));
    }
    Err(Error::Message(t!("new.no_free_id", id = base)))
}

/// What the flags say of the new initiative, each checked.
struct Planned {
    title: String,
    kind: Kind,
    learning: Option<Learning>,
    start: Option<Date>,
    end: Option<Date>,
    process: String,
    goals: Vec<String>,
    themes: Vec<String>,
}

impl Planned {
    fn read(project: &Project, args: &NewArgs) -> Result<Planned> {
        let title = fields::clean_title(&args.title)?;
        let kind = match &args.kind {
            Some(kind) => Kind::parse_or_explain(kind).map_err(Error::Usage)?,
            None => kind_from_title(&title).unwrap_or(Kind::Other),
        };
        let learning = args
            .learning
            .as_deref()
            .map(Learning::parse_or_explain)
            .transpose()
            .map_err(Error::Usage)?;
        let (start, end) = period_args(args.start.as_deref(), args.end.as_deref())?;
        let process = args
            .process
            .clone()
            .unwrap_or_else(|| project.default_process().to_string());
        Models::new(Some(project)).get(&process)?;
        let goals = if args.goals.is_empty() {
            Vec::new()
        } else {
            plan::resolve_goals(&plan::goals_for(project)?, &args.goals).map_err(Error::Usage)?
        };
        let themes = theme::clean(args.themes.iter().map(String::as_str));
        Ok(Planned {
            title,
            kind,
            learning,
            start,
            end,
            process,
            goals,
            themes,
        })
    }

    /// The record's fields, in the documented order.
    fn fields(&self, args: &NewArgs) -> Vec<(&'static str, Value)> {
        let mut fields: Vec<(&str, Value)> = vec![
            ("schema", Value::from(i64::from(SCHEMA))),
            ("title", Value::from(self.title.as_str())),
            ("kind", Value::from(self.kind.key())),
        ];
        if let Some(learning) = self.learning {
            fields.push(("learning", Value::from(learning.key())));
        }
        fields.push(("process", Value::from(self.process.as_str())));
        for (key, date) in [("start", self.start), ("end", self.end)] {
            if let Some(date) = date {
                fields.push((key, document::date_value(date)));
            }
        }
        if let Some(sessions) = args.sessions {
            fields.push(("sessions", Value::from(i64::from(sessions))));
        }
        for (key, value) in [("owner", &args.owner), ("audience", &args.audience)] {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                fields.push((key, Value::from(value)));
            }
        }
        if args.whole_staff {
            fields.push(("whole_staff", Value::from(true)));
        }
        for (key, words) in [("goals", &self.goals), ("themes", &self.themes)] {
            if !words.is_empty() {
                fields.push((key, document::string_array(words)));
            }
        }
        fields.push(("uid", Value::from(fields::new_uid())));
        fields
    }

    /// What the earlier initiatives like it are found by.
    fn likeness(&self) -> Likeness {
        Likeness {
            kind: Some(self.kind),
            themes: self.themes.clone(),
            goals: self.goals.clone(),
        }
    }
}

/// In a terminal, a new initiative leads straight into its first step, if the user wants.
fn offer_first_step(project: &Project, id: &str, path: &Path, process: &str) -> Result<()> {
    let model = Models::new(Some(project)).get(process)?.clone();
    let Some(first) = model.steps.first() else {
        return Ok(());
    };
    let prompt = t!("new.offer_first_step", step = first.name());
    if interview::offer(interview::theme().as_ref(), &prompt)? {
        interview::run(project, id, path, &model, first)?;
    } else {
        interview::say_next(id, first);
    }
    Ok(())
}

/// "Studiedag: …" is a study day, "Bokcirkel …" a book circle: the first word naming a kind.
fn kind_from_title(title: &str) -> Option<Kind> {
    let slug = slug::slugify(title);
    let words: Vec<&str> = slug.split('-').collect();
    // Two-word kinds first ("study day", "kollegialt lärande"), then single words.
    let pairs = words.windows(2).map(|pair| pair.join("-"));
    pairs
        .chain(words.iter().map(|w| w.to_string()))
        .find_map(|candidate| Kind::parse(&candidate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_guessed_from_a_word_of_the_title() {
        assert_eq!(
            kind_from_title("Bokcirkel: Formativ bedömning"),
            Some(Kind::BookCircle)
        );
        assert_eq!(kind_from_title("Studiedag om AI"), Some(Kind::StudyDay));
        assert_eq!(kind_from_title("Trygga raster"), None);
        assert_eq!(
            kind_from_title("Book circle: formative assessment"),
            Some(Kind::BookCircle)
        );
        assert_eq!(
            kind_from_title("Kollegialt lärande i matematik"),
            Some(Kind::PeerLearning)
        );
        for (title, kind) in [
            ("Webbkurs om GDPR", Kind::OnlineCourse),
            ("E-kurs i brandskydd", Kind::OnlineCourse),
            ("Webbinarium: AI i skolan", Kind::OnlineCourse),
            ("Föreläsning om motivation", Kind::ExternalExpert),
            ("Workshop om bedömning", Kind::StudyDay),
            ("Nätverk för förstelärare", Kind::Conference),
            ("Handledning för nya lärare", Kind::Coaching),
            ("Auskultation i matematik", Kind::PeerLearning),
        ] {
            assert_eq!(kind_from_title(title), Some(kind), "{title}");
        }
    }
}
