//! The plan and the organiser's view of it: each development goal with the initiatives that
//! serve it and its learning goals, the units' plans side by side, which initiatives name a
//! part of the plan, and what the initiatives cost against what stuck.

pub mod cost;
pub mod unit_plans;
pub mod usage;
pub mod view;
