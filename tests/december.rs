//! The December survey as the routine means it: the principal's evaluation of the centre's
//! work, answered in a role and shown for the unit from one answer; the unit's own tailored
//! initiatives in it too; the answers read back in either language and encoding.

mod common;

use common::Project;

/// An organiser sharing one tailored initiative of 2026 with Ekbacken, which keeps a
/// tailored initiative of its own that year and a six-step one.
fn organiser() -> Project {
    let record = |title: &str, process: &str, extra: &str| {
        format!("title = \"{title}\"\nkind = \"course\"\nprocess = \"{process}\"\nstart = 2026-03-01\nend = 2026-04-01\n{extra}")
    };
    Project::empty()
        .env("FORTB_TODAY", "2026-12-10")
        .file(
            "kommunen/fortb.toml",
            "name = \"Kommunen\"\n[organisation]\nunits = [\"../ek\"]\n",
        )
        .file(
            "kommunen/initiatives/npf.toml",
            &record("NPF i klassrummet", "tailored", "units = [\"../ek\"]\n"),
        )
        .file(
            "ek/fortb.toml",
            "name = \"Ekbacken\"\n[organisation]\norganiser = \"../kommunen\"\n",
        )
        .file(
            "ek/initiatives/las.toml",
            &record("Läsning i alla ämnen", "tailored", ""),
        )
        .file(
            "ek/initiatives/egen.toml",
            &record("Egen studiedag", "six-step", ""),
        )
        .current_dir("ek")
}

/// One principal's answers: both blocks in Swedish, as a form tool exports them.
const ANSWERS_SV: &str = "Id,\"NPF i klassrummet: insatsen svarade mot enhetens behov\",\"NPF i klassrummet: personalen använder det de lärt sig i det dagliga arbetet\",\"NPF i klassrummet: vad bör göras annorlunda nästa gång?\",\"Läsning i alla ämnen: insatsen svarade mot enhetens behov\",\"Läsning i alla ämnen: personalen använder det de lärt sig i det dagliga arbetet\",\"Läsning i alla ämnen: vad bör göras annorlunda nästa gång?\"\n1,4,3,Mer tid för övning,5,4,\n";

#[test]
fn the_unit_s_own_tailored_initiative_has_its_block_in_the_questionnaire() {
    let project = organiser();
    let csv = project.stdout(&["survey", "questions", "--december", "--format", "csv"]);
    let keys: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "las.need_met",
            "las.in_use",
            "las.next_time",
            "npf.need_met",
            "npf.in_use",
            "npf.next_time"
        ],
        "{csv}"
    );
    let markdown = project.stdout(&["survey", "questions", "--december", "--lang", "en"]);
    assert!(
        markdown.contains("## Läsning i alla ämnen (2026-03-01 – 2026-04-01)"),
        "{markdown}"
    );
    assert!(!markdown.contains("Egen studiedag"), "{markdown}");
}

#[test]
fn one_principal_s_december_answers_are_shown_for_their_unit() {
    let project = organiser();
    project.write("ek/svar.csv", ANSWERS_SV);
    project
        .run(&["survey", "import", "--december", "svar.csv", "--lang", "sv"])
        .success();
    // Each block went to its initiative's own project.
    let npf = project.read("kommunen/initiatives/npf.toml");
    assert!(
        npf.contains("[survey.rounds.december-2026]\nresponses = 1\n"),
        "{npf}"
    );
    let las = project.read("ek/initiatives/las.toml");
    assert!(
        las.contains("[survey.rounds.december-2026]\nresponses = 1\n"),
        "{las}"
    );
    let shown = project.stdout(&["show", "las", "--lang", "sv"]);
    assert!(shown.contains("decemberenkäten 2026"), "{shown}");
    assert!(!shown.contains("för få"), "{shown}");
    let json = common::json(&project.stdout(&["show", "las", "--format", "json"]));
    let round = &json["survey"]["rounds"]["december-2026"];
    assert_eq!(round["shown"], true, "{json}");
    assert_eq!(round["mean"], 4.5, "{json}");
    let shown = project.stdout(&["show", "las", "--lang", "en"]);
    assert!(shown.contains("December survey 2026"), "{shown}");
}

#[test]
fn a_project_may_ask_the_december_survey_for_more_answers() {
    let project = organiser();
    let config = project.read("ek/fortb.toml");
    project.write(
        "ek/fortb.toml",
        format!("{config}[survey]\ndecember_min_responses = 2\n"),
    );
    project.write("ek/svar.csv", ANSWERS_SV);
    project
        .run(&["survey", "import", "--december", "svar.csv", "--lang", "en"])
        .success();
    let las = project.read("ek/initiatives/las.toml");
    assert!(las.contains("responses = 0\nwaiting = 1\n"), "{las}");
    project.write(
        "ek/fortb.toml",
        format!("{config}[survey]\ndecember_min_responses = 0\n"),
    );
    project
        .run(&["check", "--lang", "en"])
        .code(1)
        .stdout(predicates::str::contains(
            "december_min_responses must be a whole number from 1, not 0",
        ));
}

#[test]
fn the_december_answers_read_back_in_windows_1252_and_english() {
    let project = organiser();
    // Windows-1252: å, ä and ö as single bytes, as Excel saves "CSV" on a Swedish Windows.
    let bytes: Vec<u8> = ANSWERS_SV
        .chars()
        .map(|c| match c {
            'ä' => 0xE4,
            'å' => 0xE5,
            'ö' => 0xF6,
            'Ä' => 0xC4,
            c if c.is_ascii() => c as u8,
            other => panic!("{other} in the fixture"),
        })
        .collect();
    project.write("ek/svar.csv", bytes);
    project
        .run(&["survey", "import", "--december", "svar.csv", "--lang", "en"])
        .success();
    assert!(project
        .read("ek/initiatives/las.toml")
        .contains("responses = 1\n"));
    // The English questionnaire's export, into a fresh copy.
    let project = organiser();
    let english = ANSWERS_SV
        .replace(
            "insatsen svarade mot enhetens behov",
            "the initiative met our unit's need",
        )
        .replace(
            "personalen använder det de lärt sig i det dagliga arbetet",
            "the staff use what they learned in their everyday work",
        )
        .replace(
            "vad bör göras annorlunda nästa gång?",
            "what should be done differently next time?",
        );
    project.write("ek/svar.csv", english);
    project
        .run(&["survey", "import", "--december", "svar.csv", "--lang", "en"])
        .success();
    assert!(project
        .read("kommunen/initiatives/npf.toml")
        .contains("responses = 1\n"));
}
