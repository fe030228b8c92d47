//! The plan written with commands: `fortb plan init`, `plan goal add|remove`, `plan learning
//! add|set|remove`; initiatives naming goals and learning goals with `fortb set`, checked against the
//! plan; `fortb plan` showing what serves each learning goal.

mod common;

use common::{json, Project};

fn fresh(lang: &str) -> Project {
    let project = Project::empty().env("FORTB_TODAY", "2026-01-15");
    project
        .run(&["init", "--name", "Skolan", "--lang", lang])
        .success();
    project
}

#[test]
fn a_plan_built_from_nothing_with_commands_only_in_swedish() {
    let project = fresh("sv");
    project
        .run(&[
            "plan",
            "init",
            "--title",
            "Kompetensutvecklingsplan 2025–2027",
            "--start",
            "2025-07-01",
            "--end",
            "2027-06-30",
        ])
        .success()
        .stdout("plan.toml\n")
        .stderr(
            "Skapade planen plan.toml. Nästa steg: fortb plan mål lägg-till ID \"Målet i ord\"\n",
        );
    project
        .run(&["plan", "init"])
        .code(1)
        .stderr("fortb: plan.toml finns redan; ingenting har ändrats (ändra planen med fortb plan mål lägg-till och fortb plan lärandemål lägg-till)\n");
    // A plan without goals says how to add one.
    assert!(project.stdout(&["plan"]).ends_with(
        "\n\nPlanen har inga utvecklingsmål ännu. Lägg till ett med `fortb plan mål lägg-till ID \"Målet i ord\"`\n"
    ));
    assert!(project
        .stdout(&["--lang", "en", "plan"])
        .contains("\nThe plan has no development goals yet. Add one with `fortb plan goal add ID"));
    project
        .run(&[
            "plan",
            "mål",
            "lägg-till",
            "formativ",
            "Formativ bedömning i alla ämnen",
            "--need",
            "Eleverna vet inte vad de ska lära sig",
        ])
        .success()
        .stderr("lade till målet formativ i plan.toml. Lärandemål: fortb plan lärandemål lägg-till formativ --who \"…\" --can \"…\"\n");
    project
        .run(&[
            "plan",
            "lärandemål",
            "lägg-till",
            "formativ",
            "--who",
            "Lärarlaget åk 4–6",
            "--can",
            "formulera lärandemål som eleverna kan återge",
            "--by",
            "2026-06-12",
        ])
        .success()
        .stdout("formativ.1\n");
    project
        .run(&["plan", "lärandemål", "ändra", "formativ.1", "läge=påbörjat"])
        .success()
        .stderr("läge: \"planerat\" → \"påbörjat\"\nsparade lärandemålet formativ.1 i plan.toml\n");
    let plan = project.read("plan.toml");
    assert!(
        plan.starts_with("# Planen för kompetensutveckling"),
        "{plan}"
    );
    assert!(
        plan.ends_with(
            "title = \"Kompetensutvecklingsplan 2025–2027\"\nstart = 2025-07-01\nend = 2027-06-30\n\n\
             [[goal]]\nid = \"formativ\"\ntitle = \"Formativ bedömning i alla ämnen\"\n\
             needs = [\"Eleverna vet inte vad de ska lära sig\"]\n\n[[goal.learning]]\n\
             who = \"Lärarlaget åk 4–6\"\ncan = \"formulera lärandemål som eleverna kan återge\"\n\
             by = 2026-06-12\nstatus = \"påbörjat\"\n"
        ),
        "{plan}"
    );

    project
        .run(&[
            "new",
            "Bokcirkel om formativ bedömning",
            "--start",
            "2025-09-01",
            "--no-interview",
        ])
        .success();
    project
        .run(&["set", "bokcirkel", "mål=formativ", "lärandemål=formativ.1"])
        .success()
        .stderr(
            "mål: (inget) → [\"formativ\"]\nlärandemål: (inget) → [\"formativ.1\"]\n\
             sparade 2 ändringar i initiatives/bokcirkel-om-formativ-bedomning.toml\n",
        );
    project.run(&["check"]).success();
    let value = json(&project.stdout(&["plan", "--format", "json"]));
    let goal = &value["goals"][0];
    assert_eq!(goal["id"], "formativ");
    assert_eq!(
        goal["initiatives"][0]["id"],
        "bokcirkel-om-formativ-bedomning"
    );
    let learning = &goal["learning_goals"][0];
    assert_eq!(learning["id"], "formativ.1");
    assert_eq!(learning["status"], "started");
    assert_eq!(
        learning["initiatives"][0]["id"],
        "bokcirkel-om-formativ-bedomning"
    );
    assert_eq!(learning["evidence"]["initiative_count"], 1);

    project
        .run(&["plan", "mål", "ta-bort", "formativ"])
        .code(1)
        .stderr("fortb: målet formativ kan inte tas bort: insatserna bokcirkel-om-formativ-bedomning arbetar mot det; ändra dem först:\nfortb:   fortb set bokcirkel-om-formativ-bedomning mål=…\n");
    project
        .run(&["set", "bokcirkel", "mål=", "lärandemål="])
        .success();
    project
        .run(&["plan", "mål", "ta-bort", "formativ"])
        .success();
    assert!(!project.read("plan.toml").contains("id = \"formativ\""));
}

#[test]
fn a_plan_built_with_commands_in_english_and_its_mistakes_refused() {
    let project = fresh("en");
    project.run(&["plan", "init"]).success();
    assert!(project
        .read("plan.toml")
        .contains("title = \"Plan for professional development\"\n"));
    for (args, message) in [
        (
            &["plan", "goal", "add", "two words", "T"][..],
            "fortb: \"two words\" will not do as an id: write a short word without spaces, dots, commas, semicolons or quotes, e.g. formativ\n",
        ),
        (
            &["plan", "learning", "add", "reading", "--who", "A", "--can", "B"],
            "fortb: the plan has no goal \"reading\"; its goals are: \n",
        ),
    ] {
        project.run(args).code(2).stderr(message);
    }
    project
        .run(&["plan", "goal", "add", "reading", "Every pupil reads"])
        .success();
    project
        .run(&["plan", "goal", "add", "Reading", "Again"])
        .code(2)
        .stderr("fortb: the plan already has a goal \"Reading\"; choose another id\n");
    project
        .run(&[
            "plan",
            "learning",
            "add",
            "reading",
            "--who",
            "Year 1 team",
            "--can",
            "teach phonics",
            "--id",
            "phonics",
        ])
        .success()
        .stdout("phonics\n");
    project
        .run(&["plan", "learning", "set", "reading.1", "status=started"])
        .code(2)
        .stderr(
            "fortb: the plan has no learning goal \"reading.1\"; its learning goals are: phonics\n",
        );
    project
        .run(&["plan", "learning", "set", "phonics", "colour=red"])
        .code(2)
        .stderr("fortb: a learning goal has no \"colour\"; it has: status, who, can, by and id\n");
    project
        .run(&["plan", "learning", "set", "phonics", "status=begun"])
        .code(2);
    // Who and what cannot be emptied; the message names the key as typed.
    project
        .run(&["plan", "learning", "set", "phonics", "can="])
        .code(2)
        .stderr("fortb: can cannot be emptied: every learning goal has it\n");
    project
        .run(&[
            "--lang", "sv", "plan", "learning", "set", "phonics", "vem= ",
        ])
        .code(2)
        .stderr("fortb: vem kan inte tömmas: varje lärandemål har det\n");
    project
        .run(&["plan", "learning", "set", "phonics", "status=reached", "by=2026-06-01"])
        .success()
        .stderr("status: \"planned\" → \"reached\"\nby: (none) → 2026-06-01\nsaved the learning goal phonics in plan.toml\n");
    // A new id is reported under that id.
    project
        .run(&["plan", "learning", "set", "phonics", "id=sounds"])
        .success()
        .stderr("id: \"phonics\" → \"sounds\"\nsaved the learning goal sounds in plan.toml\n");
}

/// A learning goal an initiative names keeps its id: changing it (or taking it away, back to
/// `GOAL.N`) would leave the initiative naming a learning goal that no longer exists.
#[test]
fn a_learning_goal_an_initiative_names_cannot_change_its_id() {
    let project = Project::example();
    project
        .run(&["set", "bokcirkel", "lärandemål=formativ.2"])
        .success();
    let plan = project.read("plan.toml");
    project
        .run(&["plan", "learning", "set", "formativ.2", "id=exit"])
        .code(1)
        .stderr("fortb: lärandemålet formativ.2 kan inte byta id: insatserna bokcirkel-formativ-bedomning anger det; ändra dem först:\nfortb:   fortb set bokcirkel-formativ-bedomning lärandemål=…\n");
    assert_eq!(project.read("plan.toml"), plan);
    project
        .run(&["--lang", "en", "plan", "learning", "set", "formativ.2", "id=exit"])
        .code(1)
        .stderr("fortb: the learning goal formativ.2 cannot change its id: the initiatives bokcirkel-formativ-bedomning name it; change them first:\nfortb:   fortb set bokcirkel-formativ-bedomning learning_goals=…\n");
    // Its status can still change, and once no initiative names it, its id too.
    project
        .run(&["plan", "learning", "set", "formativ.2", "läge=påbörjat"])
        .success();
    project.run(&["set", "bokcirkel", "lärandemål="]).success();
    project
        .run(&["plan", "learning", "set", "formativ.2", "id=exit"])
        .success()
        .stderr("id: (inget) → \"exit\"\nsparade lärandemålet exit i plan.toml\n");
    project.run(&["check"]).success();
}

#[test]
fn set_names_goals_checked_against_the_plan_and_never_takes_a_field_for_an_answer() {
    let project = Project::example();
    project
        .run(&["set", "bokcirkel", "goals=npf"])
        .code(2)
        .stderr("fortb: mål: planen har inget mål \"npf\"; planens mål är: formativ, larmiljo\n");
    project
        .run(&["--lang", "en", "set", "bokcirkel", "goals=formatv"])
        .code(2)
        .stderr("fortb: goals: the plan has no goal \"formatv\"; did you mean formativ? its goals are: formativ, larmiljo\n");
    project
        .run(&["set", "bokcirkel", "learning_goals=formativ.9"])
        .code(2)
        .stderr("fortb: lärandemål: planen har inget lärandemål \"formativ.9\"; menade du formativ.1? planens lärandemål är: formativ.1, formativ.2, formativ.3, larmiljo.1, larmiljo.2 (är det stegets svar? skriv då koncept.learning_goals=…)\n");
    let before = project.read("initiatives/bokcirkel-formativ-bedomning.toml");
    // `goals` is the field: the need step's `goal` answer is left alone.
    project
        .run(&["set", "bokcirkel", "goals=formativ;larmiljo"])
        .success()
        .stderr("mål: [\"formativ\"] → [\"formativ\", \"larmiljo\"]\nsparade 1 ändring i initiatives/bokcirkel-formativ-bedomning.toml\n");
    let after = project.read("initiatives/bokcirkel-formativ-bedomning.toml");
    let answer = |text: &str| common::toml_table(text)["steps"]["need"]["goal"].clone();
    assert_eq!(answer(&before), answer(&after));
    // The same goals again change nothing and say so; of two values only the one that changes
    // is shown and counted.
    project
        .run(&["set", "bokcirkel", "mål=formativ;larmiljo"])
        .success()
        .stderr("ingenting ändrades: initiatives/bokcirkel-formativ-bedomning.toml hade redan de värdena\n");
    project
        .run(&["--lang", "en", "set", "bokcirkel", "goals=formativ;larmiljo", "learning_goals=formativ.1"])
        .success()
        .stderr("learning_goals: (none) → [\"formativ.1\"]\nsaved 1 change in initiatives/bokcirkel-formativ-bedomning.toml\n");
    // An answer replaced is shown with its old value, so nothing is lost unseen.
    project
        .run(&["--lang", "en", "set", "bokcirkel", "need.goal=Shorter"])
        .success()
        .stderr("need.goal: \"Att alla lärare använder några gemensamma formativa arbetssätt i sin undervisning.\" → \"Shorter\"\nsaved 1 change in initiatives/bokcirkel-formativ-bedomning.toml\n");
}

#[test]
fn without_a_plan_set_says_how_to_start_one() {
    let project = fresh("en");
    project
        .run(&["new", "Study day", "--no-interview"])
        .success();
    project
        .run(&["set", "study-day", "goals=reading"])
        .code(2)
        .stderr(
            "fortb: goals: there is no plan to name goals from; start one with `fortb plan init`\n",
        );
    project
        .run(&["--lang", "sv", "set", "study-day", "goals=reading"])
        .code(2)
        .stderr(
            "fortb: mål: det finns ingen plan att välja mål ur; börja en med `fortb plan init`\n",
        );
    // The concept step's answer of the same name is written with its step.
    project
        .run(&["set", "study-day", "learning_goals=read aloud"])
        .code(2)
        .stderr("fortb: learning_goals: there is no plan to name goals from; start one with `fortb plan init` (is it the step's answer? then write concept.learning_goals=…)\n");
    project
        .run(&["set", "study-day", "concept.learning_goals=read aloud"])
        .success();
}

#[test]
fn check_finds_a_learning_goal_the_plan_does_not_have() {
    let project = Project::example();
    project.run(&["check"]).success();
    let path = "initiatives/bokcirkel-formativ-bedomning.toml";
    let text = project.read(path);
    project.write(
        path,
        text.replace(
            "goals = [\"formativ\"]\n",
            "goals = [\"formativ\"]\nlearning_goals = [\"formativ.1\", \"formativ.7\"]\n",
        ),
    );
    let out = project.output(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "planen har inget lärandemål \"formativ.7\"; dess lärandemål är: formativ.1, formativ.2, formativ.3, larmiljo.1, larmiljo.2"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("\"formativ.1\";"), "{stdout}");
    // The hint speaks of learning goals, not of `goals`.
    assert!(
        stdout.contains("= `learning_goals = [...]` anger id för lärandemålen i plan.toml")
            && !stdout.contains("`goals = [...]`"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
    let english = project.output(&["--lang", "en", "check"]).stdout;
    let english = String::from_utf8_lossy(&english);
    assert!(
        english.contains("= `learning_goals = [...]` names the ids of the learning goals"),
        "{english}"
    );
}

/// A learning goal is not named as a goal is, nor a goal as a learning goal: one name, one
/// thing.
#[test]
fn a_goal_and_a_learning_goal_never_share_a_name() {
    let project = Project::example();
    let plan = project.read("plan.toml");
    project
        .run(&["plan", "learning", "add", "formativ", "--who", "a", "--can", "b", "--id", "larmiljo"])
        .code(2)
        .stderr("fortb: \"larmiljo\" är redan id för ett mål i planen; ge lärandemålet ett annat namn\n");
    project
        .run(&["--lang", "en", "plan", "learning", "set", "formativ.1", "id=Larmiljo"])
        .code(2)
        .stderr("fortb: \"Larmiljo\" is already the id of a goal in the plan; give the learning goal another name\n");
    assert_eq!(project.read("plan.toml"), plan);
    project
        .run(&[
            "plan", "learning", "add", "formativ", "--who", "a", "--can", "b", "--id", "exit",
        ])
        .success();
    project
        .run(&["plan", "goal", "add", "exit", "Exit tickets"])
        .code(2)
        .stderr("fortb: \"exit\" är redan namnet på ett lärandemål i planen; välj ett annat id\n");
}

/// A misspelt goal on `new --goal`, `plan learning add` and `plan goal remove` gets the same
/// did-you-mean as `set`.
#[test]
fn a_misspelt_goal_is_met_with_the_nearest_id() {
    let project = Project::example();
    project
        .run(&["new", "Studiedag", "--goal", "formatv", "--no-interview"])
        .code(2)
        .stderr("fortb: planen har inget mål \"formatv\"; menade du formativ? dess mål är: formativ, larmiljo\n");
    project
        .run(&["--lang", "en", "plan", "learning", "add", "larmijlo", "--who", "a", "--can", "b"])
        .code(2)
        .stderr("fortb: the plan has no goal \"larmijlo\"; did you mean larmiljo? its goals are: formativ, larmiljo\n");
    project
        .run(&["plan", "goal", "remove", "xyz"])
        .code(2)
        .stderr("fortb: planen har inget mål \"xyz\"; dess mål är: formativ, larmiljo\n");
}

/// An empty goal title or plan name is refused in the plan's own words, not as an
/// initiative's title.
#[test]
fn an_empty_goal_title_or_plan_name_is_refused_as_such() {
    let project = fresh("sv");
    project
        .run(&["plan", "init", "--title", " "])
        .code(2)
        .stderr("fortb: planens namn är tomt; ge det ett, eller utelämna --title så får planen ett standardnamn\n");
    assert!(!project.path("plan.toml").exists());
    project.run(&["plan", "init"]).success();
    project
        .run(&["plan", "goal", "add", "formativ", ""])
        .code(2)
        .stderr("fortb: målet behöver en rubrik i ord, t.ex. `fortb plan mål lägg-till formativ \"Formativ bedömning i alla ämnen\"`\n");
    project
        .run(&["--lang", "en", "plan", "goal", "add", "formativ", " "])
        .code(2)
        .stderr("fortb: the goal needs a title in words, e.g. `fortb plan goal add formativ \"Formative assessment in every subject\"`\n");
    project
        .run(&["--lang", "en", "plan", "init", "--title", ""])
        .code(2)
        .stderr("fortb: the plan's name is empty; give it one, or leave out --title for a default name\n");
}

#[test]
fn a_broken_plan_is_not_changed_and_the_place_is_named() {
    let project = fresh("sv");
    let broken = "title = \"P\"\n[[goal]]\nid = \"a\"\ntitle = [\n";
    project.write("plan.toml", broken);
    project
        .run(&["plan", "goal", "add", "b", "B"])
        .code(1)
        .stderr("fortb: ändrar inte en fil som inte går att läsa: plan.toml:4:10: en lista är inte avslutad; väntade `]`. Rätta den först (`fortb check` visar var)\n");
    project
        .run(&["--lang", "en", "plan", "learning", "add", "a", "--who", "W", "--can", "x"])
        .code(1)
        .stderr("fortb: will not change a file that cannot be read: plan.toml:4:10: a list is not closed; expected `]`. Mend it first (`fortb check` shows where)\n");
    assert_eq!(project.read("plan.toml"), broken);
}

/// The dates the plan commands take say how to write them, in both languages.
#[test]
fn the_plan_commands_help_names_the_date_format() {
    let project = fresh("sv");
    let help = project.stdout(&["plan", "learning", "add", "--help"]);
    assert!(help.contains("Senast när (ÅÅÅÅ-MM-DD)"), "{help}");
    let help = project.stdout(&["--lang", "en", "plan", "init", "--help"]);
    assert!(
        help.contains("The first day of the plan's period (YYYY-MM-DD)"),
        "{help}"
    );
}

/// `show` names the goals and learning goals an initiative serves, in the table and in JSON.
#[test]
fn show_names_the_goals_and_learning_goals_served() {
    let project = Project::example();
    project
        .run(&["set", "bokcirkel", "lärandemål=formativ.1"])
        .success();
    let shown = project.stdout(&["show", "bokcirkel"]);
    assert!(
        shown.contains("\nMål:             formativ\nLärandemål:      formativ.1\n"),
        "{shown}"
    );
    let english = project.stdout(&["--lang", "en", "show", "bokcirkel"]);
    assert!(
        english.contains("\nLearning goals: formativ.1\n"),
        "{english}"
    );
    let json = project.stdout(&["show", "bokcirkel", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["goals"], serde_json::json!(["formativ"]));
    assert_eq!(json["learning_goals"], serde_json::json!(["formativ.1"]));
}

/// A learning goal is removed with a command, refused while an initiative names it or names
/// one after it by a number (`GOAL.N`) the removal would change.
#[test]
fn a_learning_goal_is_removed_unless_an_initiative_would_lose_it() {
    let project = Project::example();
    project
        .run(&["set", "bokcirkel", "lärandemål=formativ.2"])
        .success();
    let plan = project.read("plan.toml");
    project
        .run(&["plan", "learning", "remove", "formativ.1"])
        .code(1)
        .stderr("fortb: lärandemålet formativ.1 kan inte tas bort: insatserna bokcirkel-formativ-bedomning anger formativ.1, formativ.2, formativ.3, som skulle försvinna eller få ett nytt nummer; ändra dem först:\nfortb:   fortb set bokcirkel-formativ-bedomning lärandemål=…\n");
    project
        .run(&["--lang", "en", "plan", "learning", "remove", "formativ.2"])
        .code(1)
        .stderr("fortb: the learning goal formativ.2 cannot be removed: the initiatives bokcirkel-formativ-bedomning name formativ.2, formativ.3, which would be gone or numbered anew; change them first:\nfortb:   fortb set bokcirkel-formativ-bedomning learning_goals=…\n");
    assert_eq!(project.read("plan.toml"), plan);
    project
        .run(&["--lang", "en", "plan", "learning", "remove", "formativ.9"])
        .code(2)
        .stderr(predicates::str::starts_with(
            "fortb: the plan has no learning goal \"formativ.9\"; its learning goals are: formativ.1, formativ.2, formativ.3,",
        ));
    // The last one is named by nobody and renumbers nothing.
    project
        .run(&["plan", "learning", "remove", "formativ.3"])
        .success()
        .stderr("tog bort lärandemålet formativ.3 ur plan.toml\n");
    let after = project.read("plan.toml");
    assert!(!after.contains("sambedöma"), "{after}");
    assert_eq!(
        after.matches("[[goal.learning]]").count() + 1,
        plan.matches("[[goal.learning]]").count()
    );
    project.run(&["check"]).success();
}

/// In the organiser, a goal a unit's initiative serves is refused with the command that
/// changes it, `--project` naming the unit's folder.
#[test]
fn the_organiser_s_goal_removal_names_the_unit_s_project() {
    let project = Project::examples().env("FORTB_TODAY", "2026-11-23");
    let kommun = project.current_dir("kommun");
    let plan = kommun.read("kommun/plan.toml");
    kommun
        .run(&["plan", "goal", "remove", "lasa-skriva", "--lang", "sv"])
        .code(1)
        .stderr("fortb: målet lasa-skriva kan inte tas bort: insatserna skrivande-i-alla-amnen, bokcirkel-lasande-klassrum arbetar mot det; ändra dem först:\nfortb:   fortb set skrivande-i-alla-amnen mål=…\nfortb:   fortb --project ../byskolan set bokcirkel-lasande-klassrum mål=…\n");
    kommun
        .run(&["plan", "goal", "remove", "lasa-skriva", "--lang", "en"])
        .code(1)
        .stderr(predicates::str::ends_with("change them first:\nfortb:   fortb set skrivande-i-alla-amnen goals=…\nfortb:   fortb --project ../byskolan set bokcirkel-lasande-klassrum goals=…\n"));
    assert_eq!(kommun.read("kommun/plan.toml"), plan);
    // The commands it names do what they say.
    kommun
        .run(&["set", "skrivande-i-alla-amnen", "mål="])
        .success();
    kommun
        .run(&[
            "--project",
            "../byskolan",
            "set",
            "bokcirkel-lasande-klassrum",
            "mål=",
        ])
        .success();
    kommun
        .run(&["plan", "goal", "remove", "lasa-skriva"])
        .success();
}

/// A plan (or a record) saved with a byte-order mark, as Notepad's "UTF-8 with BOM" does,
/// keeps it through an edit: the change is the only difference.
#[test]
fn a_byte_order_mark_at_the_start_of_the_plan_is_kept() {
    let project = fresh("sv");
    project.run(&["plan", "init"]).success();
    let plan = format!("\u{feff}{}", project.read("plan.toml"));
    project.write("plan.toml", &plan);
    project
        .run(&["plan", "goal", "add", "formativ", "Formativ bedömning"])
        .success();
    project
        .run(&[
            "--lang", "en", "plan", "learning", "add", "formativ", "--who", "A", "--can", "B",
        ])
        .success();
    let edited = project.read("plan.toml");
    assert!(edited.starts_with(&plan), "{edited:?}");
    assert_eq!(edited.matches('\u{feff}').count(), 1, "{edited:?}");
    project.run(&["new", "Bokcirkel"]).success();
    let record = format!("\u{feff}{}", project.read("initiatives/bokcirkel.toml"));
    project.write("initiatives/bokcirkel.toml", &record);
    project
        .run(&["set", "bokcirkel", "goals=formativ"])
        .success();
    let edited = project.read("initiatives/bokcirkel.toml");
    assert!(edited.starts_with("\u{feff}"), "{edited:?}");
    project.run(&["check"]).success();
}
