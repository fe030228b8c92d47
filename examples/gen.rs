//! Writes a project of N realistic records for benchmarks:
//! `cargo run --release --example gen -- DIR N`.
//!
//! Each record is 1–2 KB, like a real one some way along its process: answered steps, three
//! recalls. The content is made from a fixed seed, so the same N gives the same files.

use std::fmt::Write;
use std::path::PathBuf;

const KINDS: &[&str] = &[
    "study-day",
    "conference",
    "online-course",
    "course",
    "external-expert",
    "study-trip",
    "book-circle",
    "peer-learning",
    "coaching",
    "project",
    "other",
];
const SUBJECTS: &[&str] = &[
    "Formativ bedömning",
    "Läsförståelse",
    "Digitala verktyg",
    "Trygghet och studiero",
    "Språkutvecklande arbetssätt",
    "Matematikdidaktik",
    "Tillgänglig lärmiljö",
    "Betyg och bedömning",
    "Utomhuspedagogik",
    "Källkritik",
    "Elevhälsa",
    "Samarbete med vårdnadshavare",
];
const PEOPLE: &[&str] = &[
    "Anna Lind",
    "Erik Svensson",
    "Maria Nilsson",
    "Johan Berg",
    "Sara Ek",
];
const WHY: &[&str] = &["need", "delivery", "discussion", "practice"];

/// A small deterministic generator (xorshift), so runs are reproducible without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn record(n: usize, rng: &mut Rng) -> (String, String) {
    let kind = KINDS[rng.below(KINDS.len())];
    let subject = SUBJECTS[rng.below(SUBJECTS.len())];
    let year = 2019 + rng.below(8);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let sessions = 1 + rng.below(8);
    let title = format!("{subject} {n}");
    let id = format!(
        "{}-{n}",
        subject
            .to_lowercase()
            .replace(' ', "-")
            .replace(['å', 'ä'], "a")
            .replace('ö', "o")
    );
    let mut text = String::new();
    let _ = writeln!(text, "schema = 1\ntitle = \"{title}\"\nkind = \"{kind}\"\nlearning = \"formal\"\nprocess = \"six-step\"");
    let _ = writeln!(
        text,
        "start = {year}-{month:02}-{day:02}\nend = {year}-{month:02}-{:02}\nsessions = {sessions}",
        (day + 7).min(28)
    );
    let _ = writeln!(
        text,
        "owner = \"{}\"\naudience = \"Alla lärare i arbetslag {}\"\nwhole_staff = {}",
        PEOPLE[rng.below(PEOPLE.len())],
        1 + rng.below(6),
        rng.below(2) == 0
    );
    let _ = writeln!(
        text,
        "\n[steps.need]\nwho_wants = \"Ledningsgruppen och arbetslagen\""
    );
    let _ = writeln!(text, "why = \"\"\"\nVi har sett att {} behöver utvecklas. Eleverna behöver mer stöd\ni vardagen, och lärarna saknar gemensamma arbetssätt.\n\"\"\"", subject.to_lowercase());
    let _ = writeln!(text, "goal = \"Att alla använder några gemensamma arbetssätt.\"\nwho_covered = \"Alla lärare\"\ndone = {year}-{month:02}-01");
    let _ = writeln!(text, "\n[steps.analysis]\nreal_problem = \"Tid för samtal saknas och arbetssätten skiljer sig åt.\"");
    let _ = writeln!(text, "challenges = [\"Ont om tid\", \"Olika förkunskaper\"]\nmix = [\"training\", \"organisation\"]\ntraining_enough = false\ndone = {year}-{month:02}-02");
    let _ = writeln!(text, "\n[steps.concept]\nlearning_goals = [\"Använda {}\", \"Ge återkoppling\"]\nmethods = \"Korta genomgångar och uppgifter mellan träffarna.\"", subject.to_lowercase());
    for (r, person) in PEOPLE.iter().take(3).enumerate() {
        let _ = writeln!(
            text,
            "\n[[recall]]\nby = \"{}\"\ndate = 2026-11-{:02}\nself = {}\nleadership = {}\nstaff = {}\nwhy = [\"{}\"]\nnote = \"Anteckning {r}\"",
            person,
            16 + r,
            rng.below(5),
            rng.below(5),
            rng.below(5),
            WHY[rng.below(WHY.len())]
        );
    }
    (id, text)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: cargo run --release --example gen -- DIR N");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let initiatives = dir.join("initiatives");
    std::fs::create_dir_all(&initiatives).expect("can create the folder");
    std::fs::write(
        dir.join("fortb.toml"),
        "name = \"Benchmark\"\nlang = \"sv\"\nbeneficiary = \"eleverna\"\n",
    )
    .expect("can write fortb.toml");
    let mut rng = Rng(0x5eed_f0f7_b000_0001);
    for n in 0..count {
        let (id, text) = record(n, &mut rng);
        std::fs::write(initiatives.join(format!("{id}.toml")), text).expect("can write a record");
    }
    eprintln!("wrote {count} records to {}", initiatives.display());
}
