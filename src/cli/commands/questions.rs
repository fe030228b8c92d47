//! `fortb questions [MODEL]`: a process model's steps and questions, e.g. to hand out before a
//! planning meeting; `--export` copies a built-in model into the project to adapt it.

use std::fmt::Write;
use std::process::ExitCode;

use crate::cli::args::{QuestionsArgs, QuestionsFormat};
use crate::cli::commands::Context;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::escape;
use crate::i18n;
use crate::model::process::{self, Model, Question, QuestionType};
use crate::record::atomic;
use crate::record::process_files::{self, Models};
use crate::record::project::display_path;
use crate::record::validate::type_key;
use crate::t;

pub fn run(context: &Context, args: &QuestionsArgs) -> Result<ExitCode> {
    let project = context.project().ok();
    let name = args
        .model
        .clone()
        .or_else(|| project.as_ref().map(|p| p.default_process().to_string()))
        .unwrap_or_else(|| process::DEFAULT_MODEL.to_string());
    if args.export {
        return export(context, &name);
    }
    let mut models = Models::new(project.as_ref());
    let model = models.get(&name)?;
    let beneficiary = project
        .as_ref()
        .map(|p| p.beneficiary())
        .unwrap_or_else(crate::i18n::labels::default_beneficiary);
    args.out.export()?.data(&render(
        model,
        &beneficiary,
        args.format == QuestionsFormat::Markdown,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn render(model: &Model, beneficiary: &str, markdown: bool) -> String {
    let lang = i18n::current();
    let mut out = String::new();
    let description = model
        .description
        .as_ref()
        .map(|d| d.get(lang).to_string())
        .unwrap_or_default();
    let md = escape::markdown_text;
    if markdown {
        let _ = writeln!(
            out,
            "# {}\n\n{}",
            md(&model.title()),
            escape::markdown_line(&description)
        );
    } else {
        let _ = writeln!(out, "{} ({})\n{description}", model.title(), model.name);
    }
    for (n, step) in model.steps.iter().enumerate() {
        let purpose = step
            .purpose
            .as_ref()
            .map(|p| p.render(beneficiary))
            .unwrap_or_default();
        if markdown {
            let _ = writeln!(
                out,
                "\n## {}. {}\n\n_{}_\n",
                n + 1,
                md(&step.name()),
                md(&purpose)
            );
        } else {
            let _ = writeln!(
                out,
                "\n{}. {} [{}]\n   {purpose}",
                n + 1,
                step.name(),
                step.id
            );
        }
        for (q, question) in step.questions.iter().enumerate() {
            write_question(&mut out, (n + 1, q + 1), question, beneficiary, markdown);
        }
    }
    out
}

/// One question, numbered `q` in step `n`, with the kind of answer it takes and its options.
fn write_question(
    out: &mut String,
    (n, q): (usize, usize),
    question: &Question,
    beneficiary: &str,
    markdown: bool,
) {
    let text = question.text.render(beneficiary);
    let kind = t!(&format!("question_kind.{}", type_key(question.kind)));
    let options = match question.kind {
        QuestionType::Choice | QuestionType::MultiChoice => {
            let labels: Vec<&str> = question.options.iter().map(|o| o.label()).collect();
            format!(": {}", labels.join(" / "))
        }
        _ => String::new(),
    };
    if !markdown {
        let _ = writeln!(
            out,
            "   {n}.{q} {text}\n        {} ({kind}{options})",
            question.key
        );
        return;
    }
    let hint = escape::markdown_text(&format!("({kind}{options})"));
    let _ = write!(out, "{q}. {}  \n   _{hint}_", escape::markdown_line(&text));
    match &question.help {
        // a hard line break keeps the hint on a line of its own
        Some(help) => {
            let help = escape::markdown_line(&help.render(beneficiary));
            let _ = writeln!(out, "  \n   {help}");
        }
        None => out.push('\n'),
    }
}

/// Writes a built-in model to `processes/<name>.toml` as the start of the project's own.
fn export(context: &Context, name: &str) -> Result<ExitCode> {
    let project = context.project()?;
    let source = process_files::built_in_source(name)
        .ok_or_else(|| Error::Message(t!("questions.export_not_built_in", given = name)))?;
    let dir = project.processes_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{name}.toml"));
    // The built-in's own header speaks of the binary; the exported file gets one about itself.
    let body: String = source
        .lines()
        .skip_while(|line| line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    let text = format!("# {}\n{body}", t!("questions.export_header", name = name));
    if !atomic::create_new(&path, &text)? {
        return Err(Error::Message(t!(
            "questions.export_exists",
            path = display_path(&path).display()
        )));
    }
    output::print(&format!("{}\n", display_path(&path).display()));
    output::note(&t!(
        "questions.exported",
        path = display_path(&path).display()
    ));
    Ok(ExitCode::SUCCESS)
}
