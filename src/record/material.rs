//! How a [`Material`] is written into a record's `[[material]]` tables, edited in place.

use toml_edit::{ArrayOfTables, InlineTable, Item, Table, Value};

use crate::model::material::Material;

/// Adds `material`, or updates the entry with the same link (its title and note). Returns
/// whether an entry was updated rather than added.
pub fn write(doc: &mut toml_edit::DocumentMut, material: &Material) -> bool {
    let same_link = |url: Option<&str>| url.is_some_and(|u| u == material.url);
    match doc.get_mut("material") {
        Some(Item::ArrayOfTables(entries)) => {
            let existing = entries
                .iter_mut()
                .find(|t| same_link(t.get("url").and_then(Item::as_str)));
            match existing {
                Some(table) => {
                    fill(table, material);
                    true
                }
                None => {
                    let mut table = Table::new();
                    fill(&mut table, material);
                    entries.push(table);
                    false
                }
            }
        }
        // Written by hand as `material = [{ … }]`: added to in the same form.
        Some(Item::Value(Value::Array(array))) => {
            let existing = array.iter_mut().find_map(|v| {
                v.as_inline_table_mut()
                    .filter(|t| same_link(t.get("url").and_then(Value::as_str)))
            });
            let updated = existing.is_some();
            let mut inline = InlineTable::new();
            fill(&mut inline, material);
            match existing {
                Some(table) => *table = inline,
                None => array.push(inline),
            }
            updated
        }
        _ => {
            let mut table = Table::new();
            fill(&mut table, material);
            let mut entries = ArrayOfTables::new();
            entries.push(table);
            doc.insert("material", Item::ArrayOfTables(entries));
            false
        }
    }
}

/// Title, link and note, in that order; a note no longer given is taken away.
fn fill(table: &mut dyn toml_edit::TableLike, material: &Material) {
    table.insert("title", Item::Value(Value::from(material.title.as_str())));
    table.insert("url", Item::Value(Value::from(material.url.as_str())));
    match &material.note {
        Some(note) => {
            table.insert("note", Item::Value(Value::from(note.as_str())));
        }
        None => {
            table.remove("note");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(url: &str, note: Option<&str>) -> Material {
        Material::new("Boken", url, note).unwrap()
    }

    #[test]
    fn an_entry_is_added_and_then_updated_by_its_link() {
        let mut doc: toml_edit::DocumentMut =
            "title = \"x\" # kept\nkind = \"other\"\n".parse().unwrap();
        assert!(!write(
            &mut doc,
            &material("https://a.se", Some("Kapitel 1"))
        ));
        assert!(!write(&mut doc, &material("https://b.se", None)));
        assert!(write(&mut doc, &material("https://a.se", None)));
        let text = doc.to_string();
        assert!(text.contains("# kept"), "{text}");
        assert_eq!(text.matches("[[material]]").count(), 2, "{text}");
        assert!(!text.contains("Kapitel"), "{text}");
    }

    #[test]
    fn a_hand_written_inline_list_stays_inline() {
        let mut doc: toml_edit::DocumentMut =
            "material = [{ title = \"A\", url = \"https://a.se\" }]\n"
                .parse()
                .unwrap();
        write(&mut doc, &material("https://b.se", None));
        let text = doc.to_string();
        assert!(text.starts_with("material = ["), "{text}");
        assert!(text.contains("https://b.se"), "{text}");
    }
}
