//! `fortb lessons`: how the earlier initiatives of a kind, theme or plan goal went and what
//! their lessons were, for the meeting that plans the next one.

use std::process::ExitCode;

use crate::cli::args::{LessonsArgs, LessonsFormat};
use crate::cli::commands::{self, Context};
use crate::cli::lessons_panel;
use crate::cli::output;
use crate::cli::table;
use crate::error::{Error, Result};
use crate::lookback::lessons::{self, Earlier, Filter};
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::vocabulary::{Kind, Vocabulary};
use crate::t;

pub fn run(context: &Context, args: &LessonsArgs) -> Result<ExitCode> {
    let project = context.project()?;
    let filter = Filter {
        kinds: args
            .kind
            .iter()
            .map(|k| Kind::parse_or_explain(k).map_err(Error::Usage))
            .collect::<Result<_>>()?,
        themes: args.theme.clone(),
        goals: args.goal.clone(),
    };
    let scope = lessons_panel::scope_of(&project);
    let loaded = scope.load_where(lessons::ANSWERS, |i| filter.keeps(i))?;
    let mut initiatives = context.handle_broken(loaded)?;
    commands::keep_units(&mut initiatives, &args.unit)?;
    let thresholds = |i: &Initiative| scope.project_of(i).config.survey.thresholds();
    let earlier = lessons::of_group(&initiatives, &filter, Date::today(), &thresholds);
    let export = args.out.export()?;
    match args.format {
        LessonsFormat::Json => export.data(&lessons::json(&earlier))?,
        LessonsFormat::Markdown => export.data(&lessons::markdown(&earlier))?,
        LessonsFormat::Table if earlier.is_empty() => {
            output::note(&t!("lessons.none"));
            export.nothing()?;
        }
        LessonsFormat::Table => export.for_reading(&listing(&earlier))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Every initiative with all it has to tell, wrapped to the terminal.
fn listing(earlier: &[Earlier]) -> String {
    let mut out = String::new();
    for e in earlier {
        let head = format!("{} · {}", lessons::title_line(e), lessons::outcome_text(e));
        out.push_str(&table::wrap_paragraph(&head, "• ", "  "));
        out.push('\n');
        let mut lines = vec![lessons::reasons_text(e)];
        lines.extend(e.lessons.iter().map(|l| t!("lessons.lesson", text = l)));
        lines.extend(
            e.material()
                .iter()
                .map(|m| t!("lessons.material", title = m.title, url = m.url)),
        );
        for line in lines.iter().filter(|l| !l.is_empty()) {
            out.push_str(&table::wrap_paragraph(line, "  ", "    "));
            out.push('\n');
        }
    }
    out
}
