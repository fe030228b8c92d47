//! Which initiatives name a part of the plan. A goal is not removed, nor a learning goal
//! renamed or removed, while an initiative names it: the initiative would lose it unseen, or
//! come to name another learning goal that took its number.

use crate::model::initiative::Initiative;
use crate::model::plan::Goal;

/// The initiatives that serve `goal` or name one of its learning goals.
pub fn naming_goal<'i>(initiatives: &'i [Initiative], goal: &Goal) -> Vec<&'i Initiative> {
    let learning: Vec<String> = (0..goal.learning_goals.len())
        .map(|n| goal.learning_id(n))
        .collect();
    initiatives
        .iter()
        .filter(|i| {
            i.record.goals.iter().any(|g| same(g, &goal.id))
                || names_any(&i.record.learning_goal_ids, &learning)
        })
        .collect()
}

/// The initiatives that name any of the learning goals `ids`.
pub fn naming_learning<'i>(initiatives: &'i [Initiative], ids: &[String]) -> Vec<&'i Initiative> {
    initiatives
        .iter()
        .filter(|i| names_any(&i.record.learning_goal_ids, ids))
        .collect()
}

/// The ids that removing the learning goal at `index` of `goal` takes away or changes: its
/// own, and the numbered ids (`GOAL.N`) of those after it that have no short name, since
/// each moves up one place.
pub fn changed_by_removal(goal: &Goal, index: usize) -> Vec<String> {
    let renumbered = (index + 1..goal.learning_goals.len())
        .filter(|&n| goal.learning_id(n) == format!("{}.{}", goal.id, n + 1));
    std::iter::once(index)
        .chain(renumbered)
        .map(|n| goal.learning_id(n))
        .collect()
}

fn names_any(named: &[String], ids: &[String]) -> bool {
    named.iter().any(|l| ids.iter().any(|id| same(l, id)))
}

/// Ids are compared as `fortb set` checks them: without case or surrounding spaces.
fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::Plan;

    #[test]
    fn removing_a_learning_goal_changes_the_numbers_after_it_but_not_the_named_ones() {
        let plan: Plan = toml::from_str(
            "[[goal]]\nid = \"f\"\ntitle = \"F\"\n\
             [[goal.learning]]\nwho = \"a\"\ncan = \"a\"\n\
             [[goal.learning]]\nid = \"egen\"\nwho = \"b\"\ncan = \"b\"\n\
             [[goal.learning]]\nwho = \"c\"\ncan = \"c\"\n",
        )
        .unwrap();
        let goal = &plan.goals[0];
        assert_eq!(changed_by_removal(goal, 0), ["f.1", "f.3"]);
        assert_eq!(changed_by_removal(goal, 1), ["egen", "f.3"]);
        assert_eq!(changed_by_removal(goal, 2), ["f.3"]);
    }
}
