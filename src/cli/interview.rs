//! The interactive interview of `fortb step`: one prompt per question, each answer saved the
//! moment it is given, so an interrupted interview loses nothing.

use std::path::Path;

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::Editor;

use crate::cli::error::process::answer_problem;
use crate::cli::prompt::yes_no;
use crate::cli::prompt::{self, multi_select, Choice, LineEditor, SingleChoice};
pub use crate::cli::prompt::{confirm, offer};
pub(crate) use crate::cli::prompt::{
    install_interrupt_handler, interrupted, interrupting_changes_nothing,
};
use crate::cli::{answer_text, editor, interview_planning, output};
use crate::error::{Error, Result};
use crate::i18n::labels::Labelled;
use crate::lookback::impact;
use crate::model::date::Date;
use crate::model::initiative::Initiative;
use crate::model::process::{Model, Question, QuestionType, Step};
use crate::model::recall::{Audience, Recall, Score};
use crate::model::vocabulary::Vocabulary;
use crate::process::answer::{self, Answer};
use crate::process::step;
use crate::record::project::Project;
use crate::record::store;
use crate::record::{document, plan};
use crate::t;

/// What the user did with one question.
enum Reply {
    Keep,
    Clear,
    Back,
    Answer(Answer),
}

/// Typed in a text prompt: clear the answer, go back one question, open the editor.
const CLEAR: &str = "-";
const BACK: &str = "<";
const EDITOR: &str = ":e";

/// Asks `step`'s questions, saving each answer as it is given; `today` is the day a step
/// done now is marked done on.
pub fn run(
    project: &Project,
    id: &str,
    path: &Path,
    model: &Model,
    step: &Step,
    today: Date,
) -> Result<()> {
    install_interrupt_handler();
    let theme = theme();
    let start = introduce(project, id, path, model, step, today)?;
    ask_questions(theme.as_ref(), project, (id, path), model, step, start)?;
    let first = model.steps.first().is_some_and(|first| first.id == step.id);
    if goals_step(model).is_some_and(|asking| asking.id == step.id) {
        ask_goals(theme.as_ref(), project, id, path)?;
    }
    interview_planning::after_questions(theme.as_ref(), project, id, path, first, step)?;
    mark_done(theme.as_ref(), id, path, model, step, today)?;
    let initiative = load(id, path)?;
    match model.current_step(&initiative) {
        Some(next) => say_next(id, next),
        None if initiative.record.not_training() => output::note(&t!("interview_planning.decided")),
        None => output::note(&t!("interview.all_done")),
    }
    Ok(())
}

/// The step's heading, purpose and keys, and the question to start at.
fn introduce(
    project: &Project,
    id: &str,
    path: &Path,
    model: &Model,
    step: &Step,
    today: Date,
) -> Result<usize> {
    let position = model
        .steps
        .iter()
        .position(|s| s.id == step.id)
        .unwrap_or(0)
        + 1;
    output::note(&format!(
        "\n{}",
        t!(
            "interview.heading",
            n = position,
            total = model.steps.len(),
            step = step.name(),
            title = load(id, path)?.record.title
        )
    ));
    let index = resume_at(step, &load(id, path)?);
    if let Some(purpose) = &step.purpose {
        output::note(&purpose.render(&project.beneficiary()));
    }
    output::note(&format!("{}\n", t!("interview.keys")));
    interview_planning::before_questions(project, &load(id, path)?, step, today)?;
    Ok(index)
}

/// Asks the step's questions from `index` on, saving each answer as it is given.
fn ask_questions(
    theme: &dyn Theme,
    project: &Project,
    (id, path): (&str, &Path),
    model: &Model,
    step: &Step,
    mut index: usize,
) -> Result<()> {
    let beneficiary = project.beneficiary();
    while index < step.questions.len() {
        let question = &step.questions[index];
        let initiative = load(id, path)?;
        let current = question.current_answer(&initiative, &step.id);
        let label = format!(
            "[{}/{}] {}",
            index + 1,
            step.questions.len(),
            crate::escape::terminal(&question.text.render(&beneficiary))
        );
        if let Some(help) = &question.help {
            output::styled_note(&format!("  {}", help.render(&beneficiary)), |s| s.dim());
        }
        match ask(theme, &label, question, current.as_ref())? {
            Reply::Back => {
                index = index.saturating_sub(1);
                continue;
            }
            Reply::Keep => {}
            Reply::Clear => save(path, model, step, &question.key, None)?,
            Reply::Answer(answer) => save(path, model, step, &question.key, Some(&answer))?,
        }
        index += 1;
    }
    Ok(())
}

/// Asks whether the step is done (and on which day), and writes the answer when it changed.
fn mark_done(
    theme: &dyn Theme,
    id: &str,
    path: &Path,
    model: &Model,
    step: &Step,
    today: Date,
) -> Result<()> {
    let initiative = load(id, path)?;
    let unanswered = model.unanswered(&initiative, step);
    let already_done = initiative.step(&step.id).and_then(|s| s.done);
    let prompt = match already_done {
        Some(date) => t!("interview.keep_done", date = date),
        None if unanswered > 0 => t!("interview.mark_done_with_gaps", count = unanswered),
        None => t!("interview.mark_done"),
    };
    let done = confirm(theme, &prompt, already_done.is_some() || unanswered == 0)?;
    let date = match (done, already_done) {
        (true, Some(date)) => Some(date),
        (true, None) => Some(done_on(theme, &initiative, model, step, today)?),
        (false, _) => None,
    };
    if date != already_done {
        document::update_record(path, |doc, _| {
            step::set_done(doc, model, step, date);
            Ok(())
        })?;
    }
    Ok(())
}

/// Where a half-answered step picks up: at its first unanswered question, saying so under the
/// heading; the earlier answers stay a key away (`<` goes back). A step not begun, one fully
/// answered and one done start at the first question.
fn resume_at(step: &Step, initiative: &Initiative) -> usize {
    let answered: Vec<bool> = step
        .questions
        .iter()
        .map(|q| q.current_answer(initiative, &step.id).is_some())
        .collect();
    let count = answered.iter().filter(|a| **a).count();
    let done = initiative.step(&step.id).and_then(|s| s.done).is_some();
    match answered.iter().position(|a| !a) {
        Some(next) if count > 0 && !done => {
            output::note(&t!(
                "interview.resuming",
                answered = count,
                total = answered.len(),
                next = next + 1
            ));
            next
        }
        _ => 0,
    }
}

/// The day a step was done: today, unless the initiative's own dates are past, as when last
/// year's initiatives are recorded; then asked, with the date its answers imply as default.
fn done_on(
    theme: &dyn Theme,
    initiative: &Initiative,
    model: &Model,
    step: &Step,
    today: Date,
) -> Result<Date> {
    let record = &initiative.record;
    if record.end.or(record.start).is_none_or(|date| date >= today) {
        return Ok(today);
    }
    let implied = implied_date(initiative, model, step)
        .unwrap_or(today)
        .min(today);
    let prompt = format!(
        "{} {}",
        t!("interview.done_when"),
        t!("interview.hint_date")
    );
    let validator = move |input: &str| -> std::result::Result<(), String> {
        match input.trim() {
            "" => Ok(()),
            given => match Date::parse(given) {
                Some(date) if date <= today => Ok(()),
                Some(_) => Err(t!("interview.done_ahead", today = today)),
                None => Err(t!("date.invalid_value", given = given)),
            },
        }
    };
    let entered = LineEditor::new(theme, &prompt)
        .initial_text(&implied.to_string())
        .validate_with(validator)
        .ask()
        .map_err(interrupted)?;
    Ok(Date::parse(entered.trim()).unwrap_or(implied))
}

/// The day a step's answers point to: its latest date answer (the delivery's last session),
/// else the initiative's start for the steps before it begins and its end for the rest;
/// `None` when neither is known.
fn implied_date(initiative: &Initiative, model: &Model, step: &Step) -> Option<Date> {
    let answered = step
        .questions
        .iter()
        .filter(|q| q.kind == QuestionType::Date)
        .filter_map(|q| q.current_answer(initiative, &step.id))
        .filter_map(|value| Date::from_toml(&value))
        .max();
    let asks_start = |s: &Step| {
        s.questions
            .iter()
            .any(|q| q.field.as_deref() == Some("start"))
    };
    let position = |wanted: &Step| model.steps.iter().position(|s| s.id == wanted.id);
    let before_start = match (model.steps.iter().position(asks_start), position(step)) {
        (Some(start), Some(here)) => here < start,
        _ => false,
    };
    let record = &initiative.record;
    let (first, second) = if before_start {
        (record.start, record.end)
    } else {
        (record.end, record.start)
    };
    answered.or(first).or(second)
}

/// "Next: fortb step ID analys", with the step's name when what is typed is its id.
pub fn say_next(id: &str, step: &Step) {
    let word = step.word();
    output::note(&if word == step.name().to_lowercase() {
        t!("interview.next", id = id, step = word)
    } else {
        t!(
            "interview.next_named",
            id = id,
            step = word,
            name = step.name()
        )
    });
}

/// The step that asks which of the plan's goals and learning goals an initiative serves: the
/// concept, where its learning goals are set; in a model without one, the first step.
fn goals_step(model: &Model) -> Option<&Step> {
    model.step("concept").or(model.steps.first())
}

/// What the goals' menu offers: each goal, then its learning goals, as (goal index, learning
/// goal id or none), with the item shown and whether the record names it already.
type Choices = (Vec<(usize, Option<String>)>, Vec<String>, Vec<bool>);

fn goal_choices(
    goals: &[crate::model::plan::Goal],
    record: &crate::model::initiative::Record,
) -> Choices {
    let (mut choices, mut items, mut defaults) = (Vec::new(), Vec::new(), Vec::new());
    for (n, goal) in goals.iter().enumerate() {
        choices.push((n, None));
        items.push(format!("{} ({})", goal.title, goal.id));
        defaults.push(record.goals.contains(&goal.id));
        for (l, learning) in goal.learning_goals.iter().enumerate() {
            let learning_id = goal.learning_id(l);
            items.push(format!(
                "    {learning_id}: {} – {}",
                learning.who, learning.can
            ));
            defaults.push(record.learning_goal_ids.contains(&learning_id));
            choices.push((n, Some(learning_id)));
        }
    }
    let items = items
        .iter()
        .map(|item| crate::escape::terminal(item).into_owned())
        .collect();
    (choices, items, defaults)
}

/// Which of the plan's goals, and of the learning goals under each, the initiative serves,
/// when the project (or its organiser) has a plan. A learning goal picked brings its goal.
fn ask_goals(theme: &dyn Theme, project: &Project, id: &str, path: &Path) -> Result<()> {
    let goals = plan::goals_for(project)?;
    if goals.is_empty() {
        return Ok(());
    }
    let record = load(id, path)?.record;
    let (choices, items, defaults) = goal_choices(&goals, &record);
    let picked = multi_select(theme, &t!("plan.offer"), &items, &defaults)?;
    let Some(indices) = picked else {
        return Ok(());
    };
    // Ids the plan no longer has stay as written; `fortb check` points them out.
    let known_goal = |id: &String| goals.iter().any(|g| &g.id == id);
    let known_learning: Vec<String> = choices.iter().filter_map(|(_, l)| l.clone()).collect();
    let mut chosen: Vec<String> = record
        .goals
        .iter()
        .filter(|g| !known_goal(g))
        .cloned()
        .collect();
    let mut learning: Vec<String> = record
        .learning_goal_ids
        .iter()
        .filter(|l| !known_learning.contains(l))
        .cloned()
        .collect();
    for &index in &indices {
        let (goal, learning_id) = &choices[index];
        if !chosen.contains(&goals[*goal].id) {
            chosen.push(goals[*goal].id.clone());
        }
        learning.extend(learning_id.clone());
    }
    if chosen != record.goals || learning != record.learning_goal_ids {
        document::update_record(path, |doc, _| {
            plan::set_goals(doc, &chosen);
            plan::set_learning_goals(doc, &learning);
            Ok(())
        })?;
    }
    Ok(())
}

fn load(id: &str, path: &Path) -> Result<Initiative> {
    store::load(id, path).map_err(document::refuse_broken)
}

fn save(path: &Path, model: &Model, step: &Step, key: &str, answer: Option<&Answer>) -> Result<()> {
    document::update_record(path, |doc, _| {
        step::set_answer(doc, model, step, key, answer);
        Ok(())
    })
}

pub fn theme() -> Box<dyn Theme> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
        Box::new(SimpleTheme)
    } else {
        Box::new(ColorfulTheme::default())
    }
}

fn ask(
    theme: &dyn Theme,
    label: &str,
    question: &Question,
    current: Option<&toml::Value>,
) -> Result<Reply> {
    match question.kind {
        QuestionType::Choice => ask_choice(theme, label, question, current),
        QuestionType::YesNo => ask_yes_no(theme, label, current),
        QuestionType::MultiChoice => ask_multi(theme, label, question, current),
        _ => ask_text(theme, label, question, current),
    }
}

/// Text, long text, date, number and list: one line, the current answer ready to edit.
fn ask_text(
    theme: &dyn Theme,
    label: &str,
    question: &Question,
    current: Option<&toml::Value>,
) -> Result<Reply> {
    let current_text = current.map(answer_text::as_input).unwrap_or_default();
    let shown_above = show_above_the_prompt(&current_text);
    let prompt = text_prompt(label, question);
    let mut input = LineEditor::new(theme, &prompt).validate_with(checked_as_typed(question));
    if !shown_above {
        input = input.initial_text(&current_text);
    }
    let entered = input.ask_quietly().map_err(interrupted)?;
    let kept = |text: &str| prompt::kept_answer(theme, &prompt, &crate::escape::terminal(text));
    let (reply, shown) = text_reply(entered.trim(), question, &current_text, shown_above, &kept)?;
    prompt::show_answer(theme, &prompt, &shown).map_err(|e| interrupted(e.into()))?;
    Ok(reply)
}

/// Shows an answer of several lines, or one with control characters, above the prompt rather
/// than in the line editor, where it would act on the terminal. True when it was shown.
fn show_above_the_prompt(current_text: &str) -> bool {
    let above =
        current_text.contains('\n') || crate::escape::terminal(current_text) != current_text;
    if above {
        output::note(&t!("interview.current_answer"));
        // Each row of a line that wraps keeps the bar, so the answer reads as one block.
        for line in current_text.lines() {
            for row in prompt::fitted(&crate::escape::terminal(line), 4).split('\n') {
                output::note(&format!("  │ {row}"));
            }
        }
    }
    above
}

/// The question's label with a hint on how to type its kind of answer.
fn text_prompt(label: &str, question: &Question) -> String {
    let hint = match question.kind {
        QuestionType::LongText => t!("interview.hint_long_text"),
        QuestionType::List => t!("interview.hint_list"),
        QuestionType::Date => t!("interview.hint_date"),
        _ => String::new(),
    };
    if hint.is_empty() {
        label.to_string()
    } else {
        format!("{label} {hint}")
    }
}

/// The check run on each line typed: the same rules as `--answer`, so the interview never
/// saves what check refuses.
fn checked_as_typed(question: &Question) -> impl Fn(&str) -> std::result::Result<(), String> {
    let rules = question.clone();
    move |input: &str| {
        let input = input.trim();
        if input.is_empty() || input == CLEAR || input == BACK || input == EDITOR {
            return Ok(());
        }
        match rules.kind {
            QuestionType::Date | QuestionType::Number => {
                answer::parse(&rules, &[input.to_string()])
                    .map(drop)
                    .map_err(|problem| answer_problem(&problem))
            }
            _ => Ok(()),
        }
    }
}

/// What was typed as a reply, and what stays after the prompt: what was typed, or the
/// beginning of the answer kept (`kept` cuts it to the prompt's row).
fn text_reply(
    typed: &str,
    question: &Question,
    current_text: &str,
    shown_above: bool,
    kept: &dyn Fn(&str) -> String,
) -> Result<(Reply, String)> {
    let typed = command_after(typed, current_text).unwrap_or(typed);
    let mut shown = typed.to_string();
    let reply = match typed {
        BACK => Reply::Back,
        CLEAR => Reply::Clear,
        EDITOR => {
            let written = edit_in_editor(current_text)?;
            shown = kept(written.as_deref().unwrap_or(current_text));
            written.map_or(Reply::Keep, |text| Reply::Answer(Answer::Text(text)))
        }
        // The kept answer was shown above the prompt, not in it.
        "" if shown_above => {
            shown = kept(current_text);
            Reply::Keep
        }
        "" => Reply::Keep,
        same if same == current_text.trim() => Reply::Keep,
        text => {
            // A list's items are split by `answer::parse`, as for `--answer`.
            let parsed = answer::parse(question, &[text.to_string()]);
            Reply::Answer(parsed.map_err(|problem| Error::Message(answer_problem(&problem)))?)
        }
    };
    Ok((reply, shown))
}

/// Opens the editor on the current answer: what was written, or `None` when nothing was.
/// git's core.editor is read where the user stands, as git itself would.
fn edit_in_editor(current_text: &str) -> Result<Option<String>> {
    let written = Editor::new()
        .executable(editor::command_line(Path::new("."))?)
        .extension(".md")
        .edit(current_text)
        .map_err(interrupted)?;
    Ok(written
        .filter(|text| !text.trim().is_empty())
        .map(|text| text.trim_end().to_string()))
}

/// `<`, `-` or `:e` typed after the kept answer the line editor starts with, as a user does
/// who reads "< goes back" and types it where the cursor stands.
fn command_after(typed: &str, current_text: &str) -> Option<&'static str> {
    let current = current_text.trim();
    if current.is_empty() {
        return None;
    }
    [BACK, CLEAR, EDITOR].into_iter().find(|command| {
        typed
            .strip_suffix(command)
            .is_some_and(|rest| rest.trim_end() == current)
    })
}

/// A single choice among the options plus "keep"/"skip" and "back" (also Escape). Returns
/// the index: options first, then keep at `len`, back at `len + 1`. The options of a `scale`
/// are its steps' digits.
fn select(
    theme: &dyn Theme,
    label: &str,
    (mut items, scale): (Vec<Choice>, bool),
    current: Option<usize>,
) -> Result<usize> {
    let count = items.len();
    items.push(Choice::plain(if current.is_some() {
        t!("interview.keep")
    } else {
        t!("interview.skip")
    }));
    items.push(Choice::plain(t!("interview.back")));
    let mut choice = SingleChoice::new(theme, label, items)
        .default(current.unwrap_or(0))
        .cancellable();
    if scale {
        choice = choice.scale();
    }
    Ok(choice.ask().map_err(interrupted)?.unwrap_or(count + 1))
}

fn ask_choice(
    theme: &dyn Theme,
    label: &str,
    question: &Question,
    current: Option<&toml::Value>,
) -> Result<Reply> {
    let current_index = current
        .and_then(toml::Value::as_str)
        .and_then(|key| question.options.iter().position(|o| o.key == key));
    let count = question.options.len();
    let items = option_choices(question);
    Ok(match select(theme, label, items, current_index)? {
        i if i < count => Reply::Answer(Answer::Choice(question.options[i].key.clone())),
        i if i == count + 1 => Reply::Back,
        _ => Reply::Keep,
    })
}

/// A choice question's options, each chosen with a digit: its key when every key is one
/// (a rating scale written 1–5 in the process model, then `true`), else its place in the list.
fn option_choices(question: &Question) -> (Vec<Choice>, bool) {
    let digit = |key: &str| {
        let mut chars = key.chars();
        chars
            .next()
            .filter(|c| c.is_ascii_digit() && chars.next().is_none())
    };
    let keys: Vec<Option<char>> = question.options.iter().map(|o| digit(&o.key)).collect();
    let distinct: std::collections::HashSet<_> = keys.iter().collect();
    if keys.iter().all(Option::is_some) && distinct.len() == keys.len() {
        let label = |o: &crate::model::process::Choice| match o.label() {
            same if same == o.key => String::new(),
            label => label.to_string(),
        };
        let steps = question.options.iter().zip(keys);
        let steps = steps.map(|(o, key)| Choice {
            key,
            text: label(o),
        });
        return (steps.collect(), true);
    }
    let labels = question.options.iter().map(|o| o.label().to_string());
    (Choice::numbered(labels), false)
}

fn ask_yes_no(theme: &dyn Theme, label: &str, current: Option<&toml::Value>) -> Result<Reply> {
    let current_index = current
        .and_then(toml::Value::as_bool)
        .map(|b| if b { 0 } else { 1 });
    Ok(
        match select(theme, label, (yes_no(), false), current_index)? {
            0 => Reply::Answer(Answer::YesNo(true)),
            1 => Reply::Answer(Answer::YesNo(false)),
            3 => Reply::Back,
            _ => Reply::Keep,
        },
    )
}

fn ask_multi(
    theme: &dyn Theme,
    label: &str,
    question: &Question,
    current: Option<&toml::Value>,
) -> Result<Reply> {
    let chosen_now: Vec<&str> = current
        .and_then(toml::Value::as_array)
        .map(|items| items.iter().filter_map(toml::Value::as_str).collect())
        .unwrap_or_default();
    let items: Vec<String> = question
        .options
        .iter()
        .map(|o| crate::escape::terminal_line(o.label()).into_owned())
        .collect();
    let defaults: Vec<bool> = question
        .options
        .iter()
        .map(|o| chosen_now.contains(&o.key.as_str()))
        .collect();
    let prompt = format!("{label} {}", t!("interview.hint_multi"));
    let picked = multi_select(theme, &prompt, &items, &defaults)?;
    Ok(match picked {
        None => Reply::Back,
        Some(indices) => {
            let keys: Vec<String> = indices
                .iter()
                .map(|&i| question.options[i].key.clone())
                .collect();
            if keys.is_empty() && current.is_none() {
                Reply::Keep
            } else if keys.is_empty() {
                Reply::Clear
            } else if keys
                .iter()
                .map(String::as_str)
                .eq(chosen_now.iter().copied())
            {
                Reply::Keep
            } else {
                Reply::Answer(Answer::Choices(keys))
            }
        }
    })
}

/// What the user did with one initiative in the look-back.
pub enum RecallReply {
    Rated(Recall),
    Skip,
    Stop,
}

/// Asks one person how much of an initiative stuck, with whom, and why. `previous` (their
/// entry of the same date, or one left unfinished, if any) gives the defaults. Each answer is
/// handed to `save` as soon as it is given, laid over `previous`, so Ctrl-C loses nothing
/// already answered; until every audience is answered the entry is marked incomplete.
pub fn ask_recall(
    theme: &dyn Theme,
    by: &str,
    date: Date,
    previous: Option<&Recall>,
    with_skip: bool,
    save: &mut dyn FnMut(&Recall) -> Result<()>,
) -> Result<RecallReply> {
    install_interrupt_handler();
    let mut entry = previous.cloned().unwrap_or_else(|| Recall::new(by, date));
    if let Some(reply) = ask_scores(theme, previous, with_skip, &mut entry, save)? {
        return Ok(reply);
    }
    let scores: Vec<f64> = Audience::ALL
        .iter()
        .filter_map(|audience| entry.score(*audience))
        .map(|s| f64::from(s.value()))
        .collect();
    entry.why = if scores.iter().any(|s| *s >= impact::STUCK) {
        let asked = t!("recall_prompt.why", groups = groups(&entry, true));
        ask_reasons(theme, &asked, "why_help", &entry.why)?
    } else {
        Vec::new()
    };
    entry.why_not = if scores.iter().any(|s| *s < impact::STUCK) {
        let asked = t!("recall_prompt.why_not", groups = groups(&entry, false));
        ask_reasons(theme, &asked, "why_not_help", &entry.why_not)?
    } else {
        Vec::new()
    };
    save(&entry)?;
    let previous_note = previous.and_then(|p| p.note.as_deref()).unwrap_or_default();
    let note = LineEditor::new(theme, &t!("recall_prompt.note"))
        .initial_text(previous_note.trim())
        .ask()
        .map_err(interrupted)?;
    entry.note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    save(&entry)?;
    Ok(RecallReply::Rated(entry))
}

/// The three audiences' scores, each saved as it is given. Returns the reply when the person
/// skips or stops instead of rating.
fn ask_scores(
    theme: &dyn Theme,
    previous: Option<&Recall>,
    with_skip: bool,
    entry: &mut Recall,
    save: &mut dyn FnMut(&Recall) -> Result<()>,
) -> Result<Option<RecallReply>> {
    // Each step is chosen with its own digit, 0–4.
    let step = |s: Score| Choice {
        key: char::from_digit(u32::from(s.value()), 10),
        text: s.label(),
    };
    let dont_know = usize::from(Score::MAX) + 1;
    // An entry that counted already keeps counting while it is gone over again.
    let was_finished = previous.is_some_and(|p| !p.incomplete);
    for (n, audience) in Audience::ALL.iter().enumerate() {
        let mut items: Vec<Choice> = Score::all().map(step).collect();
        items.push(Choice::plain(t!("recall_prompt.dont_know")));
        if n == 0 {
            if with_skip {
                items.push(Choice::plain(t!("recall_prompt.skip")));
            }
            items.push(Choice::plain(t!("recall_prompt.stop")));
        }
        // A previous answer is the default; otherwise the cursor starts at the top of the scale
        // (also for an entry that so far only says the person named it unaided).
        let default = match previous {
            Some(previous) if previous.has_scores() => previous
                .score(*audience)
                .map_or(dont_know, |s| usize::from(s.value())),
            _ => 0,
        };
        let prompt = t!(&format!("recall_prompt.{}", audience.key()));
        let chosen = SingleChoice::new(theme, &prompt, items)
            .default(default)
            .cancellable()
            .scale()
            .ask()
            .map_err(interrupted)?;
        let score = match chosen {
            None => return Ok(Some(RecallReply::Stop)),
            Some(i) if i < dont_know => Some(Score::new(i as i64).expect("on the scale")),
            Some(i) if i == dont_know => None,
            Some(i) if with_skip && i == dont_know + 1 => return Ok(Some(RecallReply::Skip)),
            Some(_) => return Ok(Some(RecallReply::Stop)),
        };
        entry.set_score(*audience, score);
        entry.incomplete = !was_finished && n + 1 < Audience::ALL.len();
        save(entry)?;
    }
    Ok(None)
}

/// Which reasons apply, from a word list with a line of help each (`help` names the
/// catalogue section); `before` are ticked to start with.
/// The audiences where it stuck (or did not), as the why question names them: "hos
/// ledningsgruppen och hos personalen".
fn groups(entry: &Recall, stuck: bool) -> String {
    let named: Vec<String> = Audience::ALL
        .iter()
        .filter(|audience| {
            entry
                .score(**audience)
                .is_some_and(|s| (f64::from(s.value()) >= impact::STUCK) == stuck)
        })
        .map(|audience| t!(&format!("recall_prompt.where_{}", audience.key())))
        .collect();
    match named.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), t!("recall_prompt.and")),
        None => String::new(),
    }
}

fn ask_reasons<V: Vocabulary + PartialEq>(
    theme: &dyn Theme,
    prompt: &str,
    help: &str,
    before: &[V],
) -> Result<Vec<V>> {
    let items: Vec<String> = V::ALL
        .iter()
        .map(|w| format!("{} – {}", w.label(), t!(&format!("{help}.{}", w.key()))))
        .collect();
    let defaults: Vec<bool> = V::ALL.iter().map(|w| before.contains(w)).collect();
    let asked = format!("{prompt} {}", t!("interview.hint_multi"));
    let picked = multi_select(theme, &asked, &items, &defaults)?;
    Ok(picked
        .unwrap_or_default()
        .into_iter()
        .map(|i| V::ALL[i])
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(options: &str) -> Question {
        toml::from_str(&format!(
            "key = \"q\"\ntype = \"choice\"\ntext = \"How much?\"\noptions = {options}"
        ))
        .unwrap()
    }

    fn shown(choices: &[Choice]) -> Vec<(Option<char>, &str)> {
        choices.iter().map(|c| (c.key, c.text.as_str())).collect()
    }

    #[test]
    fn options_are_numbered_in_order_unless_their_keys_are_the_digits_of_a_scale() {
        let (choices, scale) = option_choices(&question(
            r#"[{ key = "yes", label = "Yes" }, { key = "partly", label = "Partly" }]"#,
        ));
        assert_eq!(shown(&choices), [(Some('1'), "Yes"), (Some('2'), "Partly")]);
        assert!(!scale);

        // a rating written 0–2 in the model keeps its own digits; a bare digit shows once
        let (choices, scale) = option_choices(&question(
            r#"[{ key = "0", label = "Never" }, { key = "1" }, { key = "2", label = "Often" }]"#,
        ));
        assert_eq!(
            shown(&choices),
            [(Some('0'), "Never"), (Some('1'), ""), (Some('2'), "Often")]
        );
        assert!(scale);

        // keys that only look like a scale (a repeated or a two-digit one) are numbered
        let (choices, scale) = option_choices(&question(
            r#"[{ key = "1" }, { key = "10" }, { key = "2" }]"#,
        ));
        assert_eq!(
            shown(&choices),
            [(Some('1'), "1"), (Some('2'), "10"), (Some('3'), "2")]
        );
        assert!(!scale);
    }
}
