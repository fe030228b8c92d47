//! The tables of `fortb export` and their columns: each column's name and the type of its
//! values, so that a tool that is not told the file's locale (duckdb, Power BI, a script) can
//! read a Swedish file's decimal commas and `1`/`0` yes/no right. The types are written beside
//! the CSV files as CSV on the Web metadata (W3C CSVW, `csv-metadata.json`).

use serde_json::{json, Value};

use crate::csv::Dialect;

/// The file in `--out DIR` that describes the CSV files beside it (CSVW's name for it).
pub const METADATA_FILE: &str = "csv-metadata.json";

/// What a column's values are, in CSV and in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Integer,
    /// A decimal number, with the dialect's decimal mark in CSV.
    Number,
    /// `1`/`0` in CSV (a pivot's *Sum* counts them), `true`/`false` in JSON.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// Texts joined by ` | ` in CSV, an array in JSON.
    List,
}

/// One column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
}

const fn column(name: &'static str, kind: ColumnType) -> Column {
    Column { name, kind }
}

use ColumnType::{Boolean, Date, Integer, List, Number, Text};

/// The kinds of fact, each one table (one CSV file, one array in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    Initiatives,
    Ratings,
    Reasons,
    Goals,
    Measurements,
    Surveys,
    Transfer,
    Material,
}

impl TableKind {
    pub const ALL: [TableKind; 8] = [
        TableKind::Initiatives,
        TableKind::Ratings,
        TableKind::Reasons,
        TableKind::Goals,
        TableKind::Measurements,
        TableKind::Surveys,
        TableKind::Transfer,
        TableKind::Material,
    ];

    /// The table's name: its key in JSON and, with `.csv`, its file.
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Initiatives => "initiatives",
            TableKind::Ratings => "ratings",
            TableKind::Reasons => "reasons",
            TableKind::Goals => "goals",
            TableKind::Measurements => "measurements",
            TableKind::Surveys => "surveys",
            TableKind::Transfer => "transfer",
            TableKind::Material => "material",
        }
    }

    /// The columns, in order; docs/format.md says what each holds.
    pub fn columns(self) -> &'static [Column] {
        match self {
            TableKind::Initiatives => INITIATIVES,
            TableKind::Ratings => RATINGS,
            TableKind::Reasons => REASONS,
            TableKind::Goals => GOALS,
            TableKind::Measurements => MEASUREMENTS,
            TableKind::Surveys => SURVEYS,
            TableKind::Transfer => TRANSFER,
            TableKind::Material => MATERIAL,
        }
    }

    /// The column names, in order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        self.columns().iter().map(|c| c.name)
    }
}

const INITIATIVES: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("learning", Text),
    column("learning_label", Text),
    column("themes", List),
    column("process", Text),
    column("start", Date),
    column("end", Date),
    column("year", Integer),
    column("session_count", Integer),
    column("owner", Text),
    column("audience", Text),
    column("whole_staff", Boolean),
    column("one_off", Boolean),
    column("cost", Number),
    column("hours", Number),
    column("participant_count", Integer),
    column("cost_per_participant", Number),
    column("staff_hours", Number),
    column("goals", List),
    column("goals_reached", Text),
    column("goals_reached_label", Text),
    column("outcome", Text),
    column("impact", Number),
    column("impact_self", Number),
    column("impact_leadership", Number),
    column("impact_staff", Number),
    column("rater_count", Integer),
    column("unaided_count", Integer),
];

const MATERIAL: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("material_title", Text),
    column("url", Text),
    column("note", Text),
];

const RATINGS: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("date", Date),
    column("year", Integer),
    column("rater", Text),
    column("audience", Text),
    column("audience_label", Text),
    column("score", Integer),
    column("score_label", Text),
    column("why", List),
    column("why_label", List),
    column("why_not", List),
    column("why_not_label", List),
    column("unaided", Boolean),
    column("latest", Boolean),
];

const REASONS: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("date", Date),
    column("year", Integer),
    column("rater", Text),
    column("direction", Text),
    column("direction_label", Text),
    column("reason", Text),
    column("reason_label", Text),
    column("unaided", Boolean),
    column("latest", Boolean),
];

const GOALS: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("position", Integer),
    column("goal", Text),
];

const MEASUREMENTS: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("indicator", Text),
    column("level", Text),
    column("level_label", Text),
    column("goal", Text),
    column("goal_label", Text),
    column("indicator_unit", Text),
    column("baseline", Number),
    column("target", Number),
    column("date", Date),
    column("year", Integer),
    column("value", Number),
    column("share_of_the_way", Number),
];

const SURVEYS: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("round", Text),
    column("imported", Date),
    column("response_count", Integer),
    column("question", Text),
    column("question_text", Text),
    column("answer_count", Integer),
    column("mean", Number),
    column("rating_1_count", Integer),
    column("rating_2_count", Integer),
    column("rating_3_count", Integer),
    column("rating_4_count", Integer),
    column("rating_5_count", Integer),
];

const TRANSFER: &[Column] = &[
    column("unit", Text),
    column("id", Text),
    column("title", Text),
    column("kind", Text),
    column("kind_label", Text),
    column("round", Text),
    column("imported", Date),
    column("respondent_count", Integer),
    column("at_least_monthly", Number),
    column("confidence", Number),
    column("leader_followed_up", Number),
    column("used_never_count", Integer),
    column("used_rarely_count", Integer),
    column("used_monthly_count", Integer),
    column("used_weekly_count", Integer),
    column("confidence_1_count", Integer),
    column("confidence_2_count", Integer),
    column("confidence_3_count", Integer),
    column("confidence_4_count", Integer),
    column("confidence_5_count", Integer),
    column("helped_need_count", Integer),
    column("helped_delivery_count", Integer),
    column("helped_discussion_count", Integer),
    column("helped_practice_count", Integer),
    column("helped_other_count", Integer),
    column("obstacle_time_count", Integer),
    column("obstacle_follow_up_count", Integer),
    column("obstacle_relevance_count", Integer),
    column("obstacle_one_off_count", Integer),
    column("obstacle_support_count", Integer),
    column("obstacle_other_count", Integer),
];

/// The CSV on the Web metadata of the CSV files of `kinds` as written in `dialect`: for each
/// file its columns, their types and how numbers, yes/no, dates and lists are written.
pub fn csv_metadata(kinds: &[TableKind], dialect: &Dialect) -> Value {
    let decimal = if dialect.decimal_comma { "," } else { "." };
    let datatype = |kind: ColumnType| match kind {
        Text | List => json!("string"),
        Integer => json!("integer"),
        Number => json!({ "base": "decimal", "format": { "decimalChar": decimal } }),
        Boolean => json!({ "base": "boolean", "format": "1|0" }),
        Date => json!({ "base": "date", "format": "yyyy-MM-dd" }),
    };
    let tables: Vec<Value> = kinds
        .iter()
        .map(|table| {
            let columns: Vec<Value> = table
                .columns()
                .iter()
                .map(|c| {
                    let mut described = json!({
                        "name": c.name,
                        "titles": c.name,
                        "datatype": datatype(c.kind),
                    });
                    if c.kind == List {
                        described["separator"] = json!(" | ");
                    }
                    described
                })
                .collect();
            json!({
                "url": format!("{}.csv", table.key()),
                "tableSchema": { "columns": columns },
            })
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/csvw",
        "dialect": {
            "delimiter": dialect.delimiter.to_string(),
            "encoding": "utf-8",
            "header": true,
            "lineTerminators": ["\r\n"],
        },
        "null": "",
        "tables": tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_starts_with_the_initiative_and_names_each_column_once() {
        for table in TableKind::ALL {
            let names: Vec<&str> = table.names().collect();
            assert_eq!(names[..5], ["unit", "id", "title", "kind", "kind_label"]);
            let mut unique = names.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{}", table.key());
        }
    }

    #[test]
    fn the_metadata_says_how_a_swedish_file_writes_its_numbers() {
        let dialect = Dialect::new(crate::i18n::Lang::Sv, None, None, None);
        let metadata = csv_metadata(&[TableKind::Initiatives], &dialect);
        assert_eq!(metadata["dialect"]["delimiter"], ";");
        let columns = &metadata["tables"][0]["tableSchema"]["columns"];
        let of = |name: &str| {
            columns
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["name"] == name)
                .unwrap()["datatype"]
                .clone()
        };
        assert_eq!(of("cost_per_participant")["format"]["decimalChar"], ",");
        assert_eq!(of("whole_staff")["format"], "1|0");
        assert_eq!(of("start")["base"], "date");
        assert_eq!(of("rater_count"), "integer");
    }
}
