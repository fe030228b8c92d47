//! The plan (`plan.toml`): the period's development goals (*utvecklingsmål*), the needs each
//! answers, and the learning goals (*lärandemål*) of teams and people under each — the
//! organisation's goals broken down into what people will be able to do. Initiatives name
//! the goals they serve in their `goals = [...]`.

use serde::Deserialize;

use crate::model::date::Date;

/// A project's plan, as `plan.toml` holds it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Plan {
    /// The plan's name: "Kompetensutvecklingsplan 2025–2027".
    pub title: Option<String>,
    /// The period the plan covers; initiatives outside it are not asked to serve a goal.
    pub start: Option<Date>,
    pub end: Option<Date>,
    #[serde(default, rename = "goal")]
    pub goals: Vec<Goal>,
}

/// A development goal (*utvecklingsmål*).
#[derive(Clone, Debug, Deserialize)]
pub struct Goal {
    /// What initiatives write in their `goals`; unique within the plan.
    pub id: String,
    pub title: String,
    /// The needs the goal answers, in the plan's words.
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default, rename = "learning")]
    pub learning_goals: Vec<LearningGoal>,
}

/// A learning goal of a team or a person: who, what they will be able to do, by when.
#[derive(Clone, Debug, Deserialize)]
pub struct LearningGoal {
    /// A short name initiatives may use in their `learning_goals` instead of `GOAL.N`.
    pub id: Option<String>,
    /// A team or a person: "Lärarlaget åk 4–6", "Rektor".
    pub who: String,
    /// What they will be able to do: "ge återkoppling som eleverna använder".
    pub can: String,
    pub by: Option<Date>,
    #[serde(default = "planned")]
    pub status: GoalStatus,
}

crate::vocabulary! {
    /// How far a learning goal has come.
    pub enum GoalStatus in "goal_status" {
        Planned = "planned" | "planerat" | "planerad" | "ej-påbörjat" | "ej-paborjat",
        Started = "started" | "påbörjat" | "paborjat" | "pågår" | "pagar",
        Reached = "reached" | "uppnått" | "uppnatt" | "nått" | "natt",
        NotReached = "not-reached" | "ej-uppnått" | "ej-uppnatt" | "inte-uppnått" | "inte-uppnatt",
    }
}

impl GoalStatus {
    /// How a Swedish plan spells the status.
    pub fn swedish(self) -> &'static str {
        match self {
            GoalStatus::Planned => "planerat",
            GoalStatus::Started => "påbörjat",
            GoalStatus::Reached => "uppnått",
            GoalStatus::NotReached => "ej-uppnått",
        }
    }
}

/// A learning goal without a status is planned.
fn planned() -> GoalStatus {
    GoalStatus::Planned
}

impl Goal {
    /// The id initiatives name the learning goal at `index` by: its own short name, else the
    /// goal's id and its place, counted from 1 (`formativ.1`).
    pub fn learning_id(&self, index: usize) -> String {
        match self.learning_goals.get(index).and_then(|l| l.id.as_deref()) {
            Some(id) if !id.trim().is_empty() => id.trim().to_string(),
            _ => format!("{}.{}", self.id, index + 1),
        }
    }
}

impl Plan {
    /// Every learning goal with the id initiatives name it by and the goal it belongs to.
    pub fn learning_goals(&self) -> Vec<(String, &Goal, &LearningGoal)> {
        self.goals
            .iter()
            .flat_map(|goal| {
                goal.learning_goals
                    .iter()
                    .enumerate()
                    .map(move |(n, learning)| (goal.learning_id(n), goal, learning))
            })
            .collect()
    }

    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|goal| goal.id == id)
    }

    /// Whether an initiative dated `date` falls in the plan's period (any date, when the plan
    /// sets none; an undated initiative always does).
    pub fn covers(&self, date: Option<Date>) -> bool {
        let Some(date) = date else { return true };
        self.start.is_none_or(|start| date >= start) && self.end.is_none_or(|end| date <= end)
    }

    /// The ids given to more than one goal, each once, with the positions of the repeats.
    pub fn duplicate_ids(&self) -> Vec<(usize, &str)> {
        let mut seen = std::collections::HashSet::new();
        self.goals
            .iter()
            .enumerate()
            .filter(|(_, goal)| !seen.insert(goal.id.trim()))
            .map(|(index, goal)| (index, goal.id.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocabulary::Vocabulary;

    fn plan(text: &str) -> Plan {
        toml::from_str(text).expect("a plan")
    }

    #[test]
    fn goals_learning_goals_and_their_status_read_in_both_languages() {
        let plan = plan(
            "title = \"Plan\"\n[[goal]]\nid = \"a\"\ntitle = \"A\"\nneeds = [\"n\"]\n\
             [[goal.learning]]\nwho = \"Laget\"\ncan = \"x\"\nby = 2026-06-30\nstatus = \"påbörjat\"\n\
             [[goal.learning]]\nwho = \"Rektor\"\ncan = \"y\"\n",
        );
        let goal = plan.goal("a").unwrap();
        assert_eq!(goal.needs, ["n"]);
        assert_eq!(goal.learning_goals[0].status, GoalStatus::Started);
        assert_eq!(goal.learning_goals[1].status, GoalStatus::Planned);
        assert_eq!(GoalStatus::parse("Uppnått"), Some(GoalStatus::Reached));
        assert!(plan.goal("b").is_none());
    }

    #[test]
    fn learning_goals_are_named_by_place_or_by_their_own_short_name() {
        let plan = plan(
            "[[goal]]\nid = \"formativ\"\ntitle = \"F\"\n[[goal.learning]]\nwho = \"A\"\ncan = \"x\"\n\
             [[goal.learning]]\nid = \"sambedomning\"\nwho = \"B\"\ncan = \"y\"\n",
        );
        let ids: Vec<String> = plan
            .learning_goals()
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        assert_eq!(ids, ["formativ.1", "sambedomning"]);
    }

    #[test]
    fn repeated_ids_are_found_after_their_first_use() {
        let plan = plan(
            "[[goal]]\nid = \"a\"\ntitle = \"A\"\n[[goal]]\nid = \"b\"\ntitle = \"B\"\n\
             [[goal]]\nid = \"a\"\ntitle = \"A again\"\n",
        );
        assert_eq!(plan.duplicate_ids(), [(2, "a")]);
    }

    #[test]
    fn the_period_covers_its_own_ends_and_undated_initiatives() {
        let plan = plan("start = 2025-07-01\nend = 2026-06-30\n");
        for (date, covered) in [
            (Some("2025-07-01"), true),
            (Some("2026-06-30"), true),
            (Some("2025-06-30"), false),
            (Some("2026-07-01"), false),
            (None, true),
        ] {
            assert_eq!(plan.covers(date.and_then(Date::parse)), covered, "{date:?}");
        }
    }
}
