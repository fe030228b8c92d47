//! List items typed on one line, as `fortb set` and flags take them.

/// List items typed on one line: separated by `;`, with `\;` for a semicolon inside an item.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&';') => {
                chars.next();
                items.last_mut().expect("never empty").push(';');
            }
            ';' => items.push(String::new()),
            other => items.last_mut().expect("never empty").push(other),
        }
    }
    items
}

/// List items on one line, the way [`split_list`] reads them back.
pub fn join_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|item| item.replace(';', "\\;"))
        .collect::<Vec<_>>()
        .join("; ")
}
