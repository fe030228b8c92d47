//! `fortb new TITLE`: a new initiative record, `initiatives/<id>.toml`.

use std::path::Path;
use std::process::ExitCode;

use toml_edit::Value;

use crate::cli::args::{EditArgs, NewArgs};
use crate::cli::commands::{date_arg, Context};
use crate::cli::interview;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::model::initiative::SCHEMA;
use crate::model::slug;
use crate::model::vocabulary::{Kind, Learning, Vocabulary};
use crate::record::atomic;
use crate::record::document;
use crate::record::fields;
use crate::record::plan;
use crate::record::process_files::Models;
use crate::record::project::{display_path, Project};
use crate::t;

pub fn run(context: &Context, args: &NewArgs) -> Result<ExitCode> {
    let project = context.project()?;
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
    let start = date_arg("--start", args.start.as_deref())?;
    let end = date_arg("--end", args.end.as_deref())?;
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            return Err(Error::Message(t!(
                "new.end_before_start",
                start = start,
                end = end
            )));
        }
    }
    let process = args
        .process
        .clone()
        .unwrap_or_else(|| project.default_process().to_string());
    Models::new(Some(&project)).get(&process)?;
    let goals = if args.goals.is_empty() {
        Vec::new()
    } else {
        plan::resolve_goals(&plan::goals_for(&project)?, &args.goals).map_err(Error::Usage)?
    };

    let mut fields: Vec<(&str, Value)> = vec![
        ("schema", Value::from(i64::from(SCHEMA))),
        ("title", Value::from(title.as_str())),
        ("kind", Value::from(kind.key())),
    ];
    if let Some(learning) = learning {
        fields.push(("learning", Value::from(learning.key())));
    }
    fields.push(("process", Value::from(process.as_str())));
    if let Some(start) = start {
        fields.push(("start", crate::record::document::date_value(start)));
    }
    if let Some(end) = end {
        fields.push(("end", crate::record::document::date_value(end)));
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
    if !goals.is_empty() {
        fields.push(("goals", document::string_array(&goals)));
    }
    let text = document::new_record(&fields);

    let dir = project.initiatives_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let base = slug::slugify(&title);
    if project.record_path(&base).exists() && output::interactive() && !args.no_interview {
        // Typing `new` again with the same title is often meant to fix the first one.
        let prompt = t!("new.open_existing", id = base);
        if interview::confirm(interview::theme().as_ref(), &prompt, true)? {
            let open = EditArgs { id: base };
            return super::edit::run(context, &open);
        }
    }
    for n in 1..=1000 {
        let id = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let path = project.record_path(&id);
        if atomic::lock(&path)?.create_new(&text)? {
            output::print(&format!("{}\n", display_path(&path).display()));
            context.commit(
                &project,
                std::slice::from_ref(&path),
                t!("commit.new", id = id),
            )?;
            if args.kind.is_none() {
                output::note(&t!("new.kind_guessed", kind = kind.label(), id = id));
            }
            if n > 1 {
                // Two initiatives with one title: the short id now fits both.
                output::note(&t!("new.id_taken", taken = base, id = id));
            }
            if output::interactive() && !args.no_interview {
                offer_first_step(&project, &id, &path, &process)?;
            }
            return Ok(ExitCode::SUCCESS);
        }
    }
    Err(Error::Message(t!("new.no_free_id", id = base)))
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
