//! A project's own process model in `processes/<name>.toml`: a variant of a built-in that
//! skips, rewords, drops and adds, used through `new`, `step`, `status` and `questions`, and
//! every way `fortb check` finds such a file broken.

mod common;

use common::{json, toml_table, Project, KURS};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

/// A shorter six-step: no production, a reworded need without two of its questions and with a
/// budget question, and a last step to celebrate.
const KORT: &str = r#"# Vår kortare variant av sexstegsprocessen
base = "six-step"
title.en = "Short process"
title.sv = "Kort process"
skip = ["production"]

[[step]]
id = "need"
name.en = "The need"
name.sv = "Behovet"
purpose.en = "What should change for {beneficiary}, and what may it cost?"
purpose.sv = "Vad ska bli annorlunda för {beneficiary}, och vad får det kosta?"
drop_questions = ["who_wants", "who_covered"]

[[step.question]]
key = "budget"
type = "number"
text.en = "What may it cost, in kronor?"
text.sv = "Vad får det kosta, i kronor?"

[[step]]
id = "celebrate"
aliases = ["fira"]
name.en = "Celebrate"
name.sv = "Fira"
purpose.en = "Celebrate what {beneficiary} gained."
purpose.sv = "Fira det {beneficiary} har vunnit."

[[step.question]]
key = "how"
type = "choice"
text.en = "How will you celebrate?"
text.sv = "Hur firar ni?"
options = [
  { key = "cake", en = "Cake", sv = "Tårta" },
  { key = "speech", en = "A speech", sv = "Ett tal" },
]
"#;

/// An English project (beneficiary "the pupils") with `processes/kort.toml`.
fn with_kort() -> Project {
    Project::new().file("processes/kort.toml", KORT)
}

/// `with_kort` and one initiative, `kurs` ([`KURS`]), that follows it.
fn kort_kurs() -> Project {
    let project = with_kort();
    project
        .run(&["new", "Kurs", "--process", "kort", "--no-interview"])
        .success()
        .stdout("initiatives/kurs.toml\n");
    project
}

/// A project whose `processes/kort.toml` is `text`, and a record that uses it.
fn broken(text: &str) -> Project {
    Project::new().file("processes/kort.toml", text).file(
        "initiatives/x.toml",
        "schema = 1\ntitle = \"X\"\nkind = \"other\"\n",
    )
}

/// A `fortb check` finding at the start of a line: `path:line:column: `.
fn finding(path: &str, line: usize, column: usize) -> impl Predicate<str> {
    is_match(format!(
        "(?m)^{}:{line}:{column}: ",
        path.replace('.', "\\.")
    ))
    .unwrap()
}

// ---------------------------------------------------------------------------------------------
// using the variant
// ---------------------------------------------------------------------------------------------

#[test]
fn a_variant_is_used_by_new_step_and_check() {
    let project = kort_kurs();
    let record = toml_table(&project.read(KURS));
    assert_eq!(record["process"].as_str(), Some("kort"));

    project
        .run(&[
            "step",
            "kurs",
            "need",
            "-a",
            "budget=15000",
            "-a",
            "why=Läsning",
        ])
        .success()
        .stderr(contains("The need"));
    project
        .run(&[
            "step",
            "kurs",
            "fira",
            "-a",
            "how=Tårta",
            "--done",
            "2025-06-01",
        ])
        .success()
        .stderr(contains("Celebrate"));
    let text = project.read(KURS);
    assert!(
        text.contains("[steps.need]\nwhy = \"Läsning\"\nbudget = 15000\n"),
        "{text}"
    );
    assert!(
        text.contains("[steps.celebrate]\nhow = \"cake\"\ndone = 2025-06-01\n"),
        "{text}"
    );
    assert!(
        text.find("[steps.need]").unwrap() < text.find("[steps.celebrate]").unwrap(),
        "{text}"
    );
    project.run(&["check"]).success().stdout("");
}

#[test]
fn a_variant_refuses_what_it_left_out() {
    let project = kort_kurs();
    let before = project.bytes(KURS);
    project
        .run(&["step", "kurs", "production", "-a", "format=digital"])
        .failure()
        .code(1)
        .stderr(contains("\"production\"").and(contains(
            "need, analysis, concept, delivery, follow-up, celebrate",
        )));
    project
        .run(&["step", "kurs", "need", "-a", "who_wants=Rektor"])
        .failure()
        .code(1)
        .stderr(contains("\"who_wants\"").and(contains("why, goal, beneficiary_value, budget")));
    project
        .run(&["step", "kurs", "celebrate", "-a", "how=fyrverkerier"])
        .failure()
        .code(1)
        .stderr(contains("cake, speech"));
    assert_eq!(project.bytes(KURS), before);
}

#[test]
fn a_variant_is_followed_by_status() {
    let project = kort_kurs();
    project
        .run(&[
            "step",
            "kurs",
            "need",
            "-a",
            "why=x",
            "--done",
            "2025-01-02",
        ])
        .success();
    let checklist = project.stdout(&["status", "kurs"]);
    let lines: Vec<&str> = checklist.lines().collect();
    assert_eq!(lines[1], "Short process", "{checklist}");
    let steps: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with(['✔', '▶', '·']))
        .copied()
        .collect();
    assert_eq!(steps.len(), 6, "{checklist}");
    assert!(
        steps[0].contains("The need") && steps[0].contains("1/4"),
        "{checklist}"
    );
    assert!(
        steps[1].starts_with('▶') && steps[1].contains("Analysis"),
        "{checklist}"
    );
    assert!(
        steps[5].contains("Celebrate") && steps[5].contains("0/1"),
        "{checklist}"
    );
    assert!(!checklist.contains("Production"), "{checklist}");
    let all = json(&project.stdout(&["status", "--format", "json"]));
    let first = &all["initiatives"][0];
    assert_eq!(first["step_count"], 6);
    assert_eq!(first["done_step_count"], 1);
    assert_eq!(first["step"], "analysis");
    // Swedish names come from the variant too
    let swedish = project.stdout(&["status", "kurs", "--lang", "sv"]);
    assert!(swedish.contains("Kort process"), "{swedish}");
    assert!(
        swedish.contains("Behovet") && swedish.contains("Fira"),
        "{swedish}"
    );
}

#[test]
fn a_project_model_can_be_the_project_default() {
    let project = with_kort().file(
        "fortb.toml",
        "name = \"skolan\"\nlang = \"en\"\nprocess = \"kort\"\n",
    );
    project.run(&["new", "Kurs", "--no-interview"]).success();
    let record = toml_table(&project.read(KURS));
    assert_eq!(record["process"].as_str(), Some("kort"));
    assert!(project
        .stdout(&["questions"])
        .starts_with("Short process (kort)"));
}

#[test]
fn questions_show_the_variant() {
    let project = with_kort();
    let text = project.stdout(&["questions", "kort"]);
    assert!(text.starts_with("Short process (kort)\n"), "{text}");
    let steps: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(
        steps,
        [
            "1. The need [need]",
            "2. Analysis [analysis]",
            "3. Concept [concept]",
            "4. Delivery [delivery]",
            "5. Follow-up [follow-up]",
            "6. Celebrate [celebrate]",
        ],
        "{text}"
    );
    for expected in [
        "What should change for the pupils, and what may it cost?",
        "1.4 What may it cost, in kronor?",
        "budget (number)",
        "Celebrate what the pupils gained.",
        "how (one choice: Cake / A speech)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    for gone in ["who_wants", "who_covered", "[production]", "{beneficiary}"] {
        assert!(!text.contains(gone), "{gone:?} is still there:\n{text}");
    }
    // the base's description is kept
    assert!(text.contains("A handrail for thinking"), "{text}");

    let swedish = project.stdout(&["questions", "kort", "--lang", "sv", "--format", "markdown"]);
    for expected in [
        "# Kort process\n",
        "\n## 1. Behovet\n",
        "_Vad ska bli annorlunda för the pupils, och vad får det kosta?_",
        "Vad får det kosta, i kronor?",
        "\n## 6. Fira\n",
        "Tårta / Ett tal",
    ] {
        assert!(
            swedish.contains(expected),
            "{expected:?} missing:\n{swedish}"
        );
    }
}

#[test]
fn a_variant_can_build_on_another_variant_and_reword_a_question() {
    let project = with_kort().file(
        "processes/kortare.toml",
        "base = \"kort\"\ntitle = \"Kortare\"\nskip = [\"analysis\", \"concept\"]\n\n[[step]]\nid = \"need\"\n\n[[step.question]]\nkey = \"why\"\ntype = \"long-text\"\ntext = \"Varför, med egna ord?\"\n",
    );
    let text = project.stdout(&["questions", "kortare"]);
    assert!(text.starts_with("Kortare (kortare)"), "{text}");
    assert!(text.contains("1.1 Varför, med egna ord?"), "{text}");
    assert!(text.contains("budget (number)"), "{text}");
    assert!(
        !text.contains("[analysis]") && !text.contains("[concept]"),
        "{text}"
    );
    assert!(text.contains("4. Celebrate [celebrate]"), "{text}");
    project.run(&["check"]).success().stdout("");
}

#[test]
fn models_that_build_on_each_other_in_a_circle_are_refused() {
    let project = Project::new()
        .file("processes/a.toml", "base = \"b\"\n")
        .file("processes/b.toml", "base = \"a\"\n");
    project
        .run(&["questions", "a"])
        .failure()
        .code(1)
        .stderr(contains("a → b → a"));
    project.run(&["check"]).failure().code(1);
}

// ---------------------------------------------------------------------------------------------
// check: a broken model file
// ---------------------------------------------------------------------------------------------

#[test]
fn check_reports_a_model_file_that_is_not_toml() {
    broken("base = \"six-step\"\ntitle = \"Kort\nskip = [\"production\"]\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            finding("processes/kort.toml", 2, 14)
                .and(contains("a text in double quotes is not closed")),
        );
}

#[test]
fn check_reports_a_choice_without_options() {
    broken("base = \"six-step\"\n\n[[step]]\nid = \"extra\"\n\n[[step.question]]\nkey = \"pick\"\ntype = \"choice\"\ntext = \"Pick one\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            finding("processes/kort.toml", 7, 7)
                .and(contains("\"pick\" is a choice but has no options")),
        );
}

#[test]
fn check_reports_a_multi_choice_without_options() {
    broken("base = \"six-step\"\n\n[[step]]\nid = \"extra\"\n\n[[step.question]]\nkey = \"picks\"\ntype = \"multi-choice\"\ntext = \"Pick some\"\noptions = []\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("processes/kort.toml", 7, 7).and(contains("\"picks\"")));
}

#[test]
fn check_reports_a_duplicate_question_key_where_it_is_repeated() {
    // The first `key = "a"` is fine; the second one, on line 12, is the mistake.
    broken("base = \"six-step\"\n\n[[step]]\nid = \"extra\"\n\n[[step.question]]\nkey = \"a\"\ntype = \"text\"\ntext = \"A\"\n\n[[step.question]]\nkey = \"a\"\ntype = \"text\"\ntext = \"A again\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            finding("processes/kort.toml", 12, 7)
                .and(contains("the question \"a\" appears twice in the step extra")),
        );
}

#[test]
fn check_reports_a_question_key_that_repeats_one_of_the_base_step() {
    broken("base = \"six-step\"\n\n[[step]]\nid = \"need\"\n\n[[step.question]]\nkey = \"budget\"\ntype = \"number\"\ntext = \"Budget\"\n\n[[step.question]]\nkey = \"budget\"\ntype = \"text\"\ntext = \"Budget again\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(is_match(r"(?m)^processes/kort\.toml:\d+:\d+: .*\x22budget\x22 appears twice").unwrap());
}

#[test]
fn check_reports_a_due_rule_after_a_missing_step_at_the_rule() {
    // The rule is on line 5; line 4 only names the step.
    broken("base = \"six-step\"\n\n[[step]]\nid = \"extra\"\ndue = { after = \"planning\", days = 14 }\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            is_match(r"(?m)^processes/kort\.toml:5:\d+: ")
                .unwrap()
                .and(contains("is due after the step \"planning\", which this model does not have")),
        );
}

#[test]
fn check_reports_an_unknown_field_in_a_model() {
    broken("base = \"six-step\"\ncolour = \"blue\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            finding("processes/kort.toml", 2, 1)
                .and(contains("unknown field `colour`; the fields here: "))
                .and(contains(" skip, ")),
        );
    broken("base = \"six-step\"\n\n[[step]]\nid = \"need\"\nnmae = \"Behovet\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("processes/kort.toml", 5, 1).and(contains("unknown field `nmae`")));
    broken("base = \"six-step\"\n\n[[step]]\nid = \"x\"\n\n[[step.question]]\nkey = \"q\"\ntype = \"text\"\ntext = \"Q\"\nhlep = \"typo\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("processes/kort.toml", 10, 1).and(contains("unknown field `hlep`")));
}

#[test]
fn check_reports_an_unknown_question_type_listing_the_types() {
    broken("base = \"six-step\"\n\n[[step]]\nid = \"need\"\n\n[[step.question]]\nkey = \"x\"\ntype = \"colour\"\ntext = \"X\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            finding("processes/kort.toml", 8, 8)
                .and(contains("colour"))
                .and(contains("long-text"))
                .and(contains("yes-no")),
        );
}

#[test]
fn check_reports_a_step_name_of_the_wrong_type_in_plain_words() {
    broken("base = \"six-step\"\n\n[[step]]\nid = \"need\"\nname = 5\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            finding("processes/kort.toml", 5, 8)
                .and(contains("untagged enum").not())
                .and(contains("Text").not()),
        );
}

#[test]
fn check_reports_the_reserved_question_key_done() {
    broken("base = \"six-step\"\n\n[[step]]\nid = \"extra\"\n\n[[step.question]]\nkey = \"done\"\ntype = \"date\"\ntext = \"When?\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("processes/kort.toml", 7, 7).and(contains("\"done\" is reserved")));
}

#[test]
fn check_reports_an_unknown_base() {
    broken("base = \"seven-step\"\n")
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(
            is_match(r"(?m)^processes/kort\.toml:1:\d+: ")
                .unwrap()
                .and(contains("\"seven-step\""))
                .and(contains("six-step, tailored")),
        );
}

#[test]
fn check_counts_a_broken_model_and_keeps_checking_records() {
    let project = broken("base = \"six-step\"\ncolour = \"blue\"\n").file(
        "initiatives/y.toml",
        "schema = 1\ntitle = \"Y\"\nkind = \"party\"\n",
    );
    project
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("processes/kort.toml", 2, 1).and(finding("initiatives/y.toml", 3, 8)))
        .stderr(contains("records checked: 2 · errors: 2"));
}

#[test]
fn check_reports_a_record_whose_model_is_broken_or_missing() {
    let project = broken("base = \"six-step\"\ncolour = \"blue\"\n");
    project.write(
        "initiatives/x.toml",
        "schema = 1\ntitle = \"X\"\nkind = \"other\"\nprocess = \"kort\"\n",
    );
    project
        .run(&["check"])
        .failure()
        .code(1)
        .stdout(finding("processes/kort.toml", 2, 1).and(finding("initiatives/x.toml", 4, 1)));
    // a step cannot be answered against a broken model
    let before = project.bytes("initiatives/x.toml");
    project
        .run(&["step", "x", "need", "-a", "why=x"])
        .failure()
        .code(1)
        .stderr(contains("processes/kort.toml:2:1"));
    assert_eq!(project.bytes("initiatives/x.toml"), before);

    let project = Project::new().file(
        "initiatives/x.toml",
        "schema = 1\ntitle = \"X\"\nkind = \"other\"\nprocess = \"saknas\"\n",
    );
    project.run(&["check"]).failure().code(1).stdout(
        finding("initiatives/x.toml", 4, 1)
            .and(contains("unknown process model \"saknas\""))
            .and(contains("six-step, tailored")),
    );
    project
        .run(&["step", "x", "need", "-a", "why=x"])
        .failure()
        .code(1)
        .stderr(contains("\"saknas\""));
}

#[test]
fn check_passes_a_good_variant_and_the_records_that_use_it() {
    let project = kort_kurs();
    project
        .run(&["step", "kurs", "celebrate", "-a", "how=speech"])
        .success();
    project
        .run(&["check"])
        .success()
        .stdout("")
        .stderr(contains("records checked: 1 · errors: 0 · warnings: 0"));
    // a record still holding answers to what the variant dropped gets a finding
    project.write(
        KURS,
        "schema = 1\ntitle = \"Kurs\"\nkind = \"course\"\nprocess = \"kort\"\n\n[steps.need]\nwho_wants = \"Rektor\"\n\n[steps.production]\nformat = \"digital\"\n",
    );
    project.run(&["check"]).failure().code(1).stdout(
        finding("initiatives/kurs.toml", 7, 1)
            .and(contains("warning:"))
            .and(finding("initiatives/kurs.toml", 9, 1))
            .and(contains("no step \"production\"")),
    );
}
