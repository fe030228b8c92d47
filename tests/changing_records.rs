//! Changing a record without an editor: `fortb set`, `fortb rename`, `fortb remove`, and `new`
//! with a title whose id exists.

mod common;

use std::path::Path;

use common::Project;
use predicates::prelude::*;
use predicates::str::contains;

const WEBBKURS: &str = "\
schema = 1
# Our first try at this.
title = \"Webbkurs om GDPR\" # working title
kind = \"other\"
process = \"six-step\"
start = 2025-09-01
owner = \"Karin Berg\"
my_own_key = \"kept\"

[steps.need]
why = \"The law\"
";

fn project() -> Project {
    Project::new().file("initiatives/webbkurs-om-gdpr.toml", WEBBKURS)
}

/// Each change shown with its value before and after, so that nothing is replaced unseen.
/// Each change shown with its value before and after, so that nothing is replaced unseen; each
/// key in the user's language, as `set` takes it (issue 28).
const CHANGES_SHOWN: &str = "\
typ: \"other\" → \"online-course\"
titel: \"Webbkurs om GDPR\" → \"Webbkurs: GDPR i skolan\"
tillfällen: (inget) → 6
hela_personalen: (inget) → true
slutdatum: (inget) → 2025-10-15
ansvarig: \"Karin Berg\" → (inget)
behov.why: \"The law\" → \"Lagen kräver det\"
koncept.learning_goals: (inget) → [\"känna till lagen\", \"veta vad som gäller ; i klassrummet\"]
kostnad: (inget) → 12500
timmar: (inget) → 7.5
antal_deltagare: (inget) → 24
sparade 11 ändringar i initiatives/webbkurs-om-gdpr.toml
";

#[test]
fn set_changes_fields_and_answers_in_place_keeping_comments() {
    let project = project();
    project
        .run(&[
            "--lang",
            "sv",
            "set",
            "webbkurs",
            "typ=onlineutbildning",
            "title=Webbkurs: GDPR i skolan",
            "tillfällen=6",
            "hela_personalen=ja",
            "slutdatum=2025-10-15",
            "owner=",
            "need.why=Lagen kräver det",
            "concept.learning_goals=känna till lagen; veta vad som gäller \\; i klassrummet",
            "kostnad=12 500",
            "hours=7,5",
            "antal_deltagare=24",
        ])
        .success()
        .stdout("")
        .stderr(CHANGES_SHOWN);
    assert_eq!(
        project.read("initiatives/webbkurs-om-gdpr.toml"),
        "\
schema = 1
# Our first try at this.
title = \"Webbkurs: GDPR i skolan\" # working title
kind = \"online-course\"
process = \"six-step\"
start = 2025-09-01
end = 2025-10-15
sessions = 6
my_own_key = \"kept\"
whole_staff = true
cost = 12500
hours = 7.5
participants = 24

[steps.need]
why = \"Lagen kräver det\"

[steps.concept]
learning_goals = [\"känna till lagen\", \"veta vad som gäller ; i klassrummet\"]
"
    );
    project.run(&["check"]).success();
}

#[test]
fn set_refuses_a_wrong_value_and_changes_nothing() {
    let project = project();
    for (args, message) in [
        (
            &["tillfällen=tva", "title=Ny"][..],
            "fortb: tillfällen: \"tva\" är inget heltal över noll; t.ex. tillfällen=6\n",
        ),
        (
            &["slutdatum=2025-08-01"],
            "fortb: slutdatumet 2025-08-01 ligger före startdatumet 2025-09-01\n",
        ),
        (
            &["startdatum=2025-09-31"],
            "fortb: startdatum: \"2025-09-31\" är inget datum som finns; skriv år-månad-dag, t.ex. start=2025-09-01\n",
        ),
        (&["titel="], "fortb: fältet titel kan inte tömmas: varje insats måste ha det\n"),
        (
            &["kostnad=45 000 kr"],
            "fortb: kostnad: 45 000 kr är inget belopp: skriv ett tal från 0 till 1 000 000 000, t.ex. 45000 eller 2.5 (i filen med decimalpunkt)\n",
        ),
        (
            &["participants=alla"],
            "fortb: antal_deltagare: \"alla\" är inget heltal över noll; t.ex. tillfällen=6 (är det stegets svar? skriv då genomförande.participants=…)\n",
        ),
        (
            &["ownr=Karin"],
            "fortb: \"ownr\" är varken ett fält eller en fråga; menade du ansvarig (owner)? fälten är: titel, typ, lärande, processmodell, startdatum, slutdatum, tillfällen, ansvarig, deltagare, hela_personalen, mål, lärandemål, teman, utfall, kostnad, timmar, antal_deltagare; ett svar skrivs STEG.NYCKEL, t.ex. need.why=… (`fortb questions` visar frågorna)\n",
        ),
        (
            &["need.colour=red"],
            "fortb: steget behov har ingen fråga \"colour\"; stegets frågor: who_wants, why, goal, who_covered, beneficiary_value\n",
        ),
    ] {
        let mut all = vec!["--lang", "sv", "set", "webbkurs"];
        all.extend_from_slice(args);
        let code = if message.contains("slutdatumet") { 1 } else { 2 };
        project.run(&all).code(code).stdout("").stderr(message);
        assert_eq!(project.read("initiatives/webbkurs-om-gdpr.toml"), WEBBKURS);
    }
}

/// An impossible date is one cause with one phrasing: `set` says of `start=2026-02-30` what
/// `check` says of `start = 2026-02-30` in the file, in both languages.
#[test]
fn set_and_check_say_the_same_of_an_impossible_date() {
    for (lang, words) in [
        (
            "en",
            "\"2026-02-30\" is not a date in the calendar; write it as year-month-day, e.g. start",
        ),
        (
            "sv",
            "\"2026-02-30\" är inget datum som finns; skriv år-månad-dag, t.ex. start",
        ),
    ] {
        let project = project();
        let set = project.run(&["--lang", lang, "set", "webbkurs", "start=2026-02-30"]);
        let set = String::from_utf8(set.code(2).get_output().stderr.clone()).unwrap();
        let broken = WEBBKURS.replace("start = 2025-09-01", "start = 2026-02-30");
        project.write("initiatives/webbkurs-om-gdpr.toml", &broken);
        let check = project.run(&["--lang", lang, "check"]).code(1);
        let check = String::from_utf8(check.get_output().stdout.clone()).unwrap()
            + &String::from_utf8_lossy(&check.get_output().stderr);
        assert!(set.contains(words), "{set}");
        assert!(check.contains(words), "{check}");
    }
}

#[test]
fn kinds_are_accepted_by_the_words_the_help_and_errors_show() {
    let project = project();
    for word in ["Extern föreläsare", "onlineutbildning", "External course"] {
        project
            .run(&["set", "webbkurs", &format!("kind={word}")])
            .success();
    }
    project
        .run(&["--lang", "sv", "set", "webbkurs", "kind=party"])
        .code(2)
        .stderr(
            "fortb: typ: okänd insatstyp \"party\"; använd någon av: studiedag, konferens, \
             onlineutbildning, extern kurs, extern expert, studieresa, bokcirkel, \
             kollegialt lärande, handledning, projekt, annat\n",
        );
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = common::git(dir, args);
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// A project in a git repository with the record and its survey answers committed.
fn project_in_git() -> Project {
    let project = project()
        .file("initiatives/webbkurs-om-gdpr.survey.md", "# Svar\n")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org");
    git(project.root(), &["init", "--quiet"]);
    git(project.root(), &["add", "-A"]);
    git(project.root(), &["commit", "--quiet", "-m", "first"]);
    project
}

#[test]
fn rename_moves_the_record_and_its_side_files_as_one_git_mv() {
    let project = project_in_git();
    project
        .run(&["--commit", "rename", "webbkurs", "GDPR för lärare"])
        .success()
        .stdout("initiatives/gdpr-for-larare.toml\n")
        .stderr(
            "webbkurs-om-gdpr is now gdpr-for-larare\n\
             committed: rename: webbkurs-om-gdpr → gdpr-for-larare\n",
        );
    assert_eq!(
        project.records(),
        ["gdpr-for-larare.survey.md", "gdpr-for-larare.toml"]
    );
    assert_eq!(project.read("initiatives/gdpr-for-larare.toml"), WEBBKURS);
    assert_eq!(git(project.root(), &["status", "--short"]), "");
    let stat = git(project.root(), &["show", "--stat", "--format=", "HEAD"]);
    assert!(
        stat.contains("{webbkurs-om-gdpr.toml => gdpr-for-larare.toml}"),
        "{stat}"
    );
    let log = project.stdout(&["log", "gdpr"]);
    assert!(log.contains("first"), "history follows the rename: {log}");
}

#[test]
fn rename_refuses_a_taken_id_and_moves_nothing() {
    let project = project().file(
        "initiatives/gdpr.toml",
        "title = \"GDPR\"\nkind = \"other\"\n",
    );
    project
        .run(&["rename", "webbkurs", "gdpr"])
        .code(1)
        .stderr("fortb: the id gdpr is taken (initiatives/gdpr.toml); choose another\n");
    assert_eq!(project.records(), ["gdpr.toml", "webbkurs-om-gdpr.toml"]);
    // outside git the files are simply moved
    project.run(&["rename", "webbkurs", "gdpr-kurs"]).success();
    assert_eq!(project.records(), ["gdpr-kurs.toml", "gdpr.toml"]);
}

#[test]
fn remove_asks_or_needs_yes_and_log_still_finds_the_record() {
    let project = project_in_git();
    project.run(&["remove", "webbkurs"]).code(2).stderr(
        "fortb: removing webbkurs-om-gdpr needs a yes: run it in a terminal to be asked, \
             or add --yes\n",
    );
    assert!(project.exists("initiatives/webbkurs-om-gdpr.toml"));
    project
        .run(&["--commit", "--lang", "sv", "remove", "webbkurs", "--yes"])
        .success()
        .stderr(
            "tog bort webbkurs-om-gdpr (Webbkurs om GDPR); den finns kvar i git-historiken: \
             `fortb log webbkurs-om-gdpr` visar den\nsparat i git: borttagen: webbkurs-om-gdpr\n",
        );
    assert!(project.records().is_empty());
    assert_eq!(git(project.root(), &["status", "--short"]), "");
    project
        .run(&["log", "webbkurs-om-gdpr"])
        .success()
        .stderr("webbkurs-om-gdpr is no longer in the project; its history in git:\n")
        .stdout(contains("borttagen: webbkurs-om-gdpr").and(contains("first")));
}

#[test]
fn new_with_a_title_that_exists_says_it_made_a_second_id() {
    let project = project();
    project
        .run(&["new", "Webbkurs om GDPR", "--kind", "online-course"])
        .success()
        .stdout("initiatives/webbkurs-om-gdpr-2.toml\n")
        .stderr(contains(
            "webbkurs-om-gdpr already exists, so the new initiative got the id webbkurs-om-gdpr-2",
        ));
}

/// The six steps and one more that also asks `lessons`, as a number of at least 1: a key two
/// steps ask, and a number kept in no field.
const WITH_CELEBRATION: &str = r#"base = "six-step"
title.en = "Six steps and a celebration"
title.sv = "Sex steg och en fest"

[[step]]
id = "celebrate"
name.en = "Celebrate"
name.sv = "Fira"
purpose.en = "Celebrate what {beneficiary} gained."
purpose.sv = "Fira det {beneficiary} har vunnit."

[[step.question]]
key = "lessons"
type = "number"
min = 1
text.en = "How many lessons were there to learn?"
text.sv = "Hur många lärdomar fanns det?"
"#;

/// Every way `set` and `step` refuse a value, in both languages, with the exit status: the
/// words come from one renderer in `src/cli/error/`, and none of them may change unseen.
#[test]
fn set_and_step_refusals_are_worded_alike_in_both_languages() {
    let project = Project::new()
        .file("processes/fest.toml", WITH_CELEBRATION)
        .file(
            "initiatives/webbkurs-om-gdpr.toml",
            &WEBBKURS.replace("six-step", "fest"),
        );
    let cases: &[&[&str]] = &[
        &["set", "webbkurs", "title"],
        &["set", "webbkurs", "need.colour=red"],
        &["set", "webbkurs", "ownr=Karin"],
        &["set", "webbkurs", "qqqqqqqqqq=1"],
        &["set", "webbkurs", "lessons=3"],
        &["set", "webbkurs", "learning_goals=x.1"],
        &["set", "webbkurs", "goals=x"],
        &["set", "webbkurs", "delivery.first_date=2025-13-01"],
        &["set", "webbkurs", "analysis.training_enough=kanske"],
        &["set", "webbkurs", "production.format=på distans"],
        &["set", "webbkurs", "delivery.sessions=sex"],
        &["set", "webbkurs", "delivery.sessions=2,5"],
        &["set", "webbkurs", "celebrate.lessons=0"],
        &["set", "webbkurs", "celebrate.lessons=1e12"],
        &["step", "webbkurs", "need", "-a", "why=a", "-a", "why=b"],
        &[
            "step",
            "webbkurs",
            "delivery",
            "-a",
            "first_date=2025-13-01",
        ],
    ];
    let with_plan = Project::new()
        .file(
            "plan.toml",
            "[[goal]]\nid = \"formativ\"\ntitle = \"Formativ bedömning\"\n",
        )
        .file("initiatives/webbkurs-om-gdpr.toml", WEBBKURS);
    let plan_cases: &[&[&str]] = &[
        &["set", "webbkurs", "goals=formatv"],
        &["set", "webbkurs", "learning_goals=formativ.9"],
    ];
    for lang in ["en", "sv"] {
        let mut text = String::new();
        for (project, args) in cases
            .iter()
            .map(|args| (&project, args))
            .chain(plan_cases.iter().map(|args| (&with_plan, args)))
        {
            let output = project.output(&[&["--lang", lang][..], args].concat());
            text.push_str(&format!(
                "$ fortb {}\n[{}] {}",
                args.join(" "),
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        insta::assert_snapshot!(format!("set_and_step_refusals_{lang}"), text);
    }
}
