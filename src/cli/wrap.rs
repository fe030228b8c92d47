//! Text wrapped at spaces to a width: table cells, free text, and messages shown in a
//! terminal, so that the terminal never cuts a word in the middle.

use console::measure_text_width;

/// The words of a line: split at spaces and tabs only, so a no-break space (`56\u{a0}%`)
/// holds its neighbours together.
pub fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split([' ', '\t']).filter(|word| !word.is_empty())
}

/// Wraps text at spaces to `width`, each line of the text on its own; a word longer than the
/// width is split (in a table only one longer than its longest-word limit can be).
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in words(line) {
            let mut word = word.to_string();
            while measure_text_width(&word) > width {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                let split = split_at_width(&word, width);
                out.push(word[..split].to_string());
                word = word[split..].to_string();
            }
            let joined = measure_text_width(&current) + 1 + measure_text_width(&word);
            if current.is_empty() {
                current = word;
            } else if joined <= width {
                current.push(' ');
                current.push_str(&word);
            } else {
                out.push(std::mem::replace(&mut current, word));
            }
        }
        out.push(current);
    }
    out.join("\n")
}

/// The byte index where `word`'s first `width` columns end.
fn split_at_width(word: &str, width: usize) -> usize {
    let mut used = 0;
    for (index, ch) in word.char_indices() {
        let w = measure_text_width(ch.encode_utf8(&mut [0; 4]));
        if used + w > width && index > 0 {
            return index;
        }
        used += w;
    }
    word.len()
}

/// A message fitted to a terminal `width` columns wide: each line longer than that wraps at
/// spaces, its continuation indented as the line itself is (so an indented hint stays one
/// block); blank lines and the final newline are kept.
pub fn message(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| {
            if measure_text_width(line) <= width {
                return line.to_string();
            }
            let body = line.trim_start_matches(' ');
            let indent = &line[..line.len() - body.len()];
            let room = width.saturating_sub(indent.len()).max(20);
            wrap(body, room)
                .lines()
                .map(|part| format!("{indent}{part}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_only_overlong_words_are_split() {
        assert_eq!(
            wrap("Bokcirkel: Formativ bedömning", 12),
            "Bokcirkel:\nFormativ\nbedömning"
        );
        assert_eq!(wrap("a\nb c", 10), "a\nb c");
        assert_eq!(wrap("Obesvarade", 4), "Obes\nvara\nde");
    }

    #[test]
    fn a_message_wraps_at_spaces_keeping_its_indent_and_blank_lines() {
        let hint =
            "  En person, ett arbetslag, ledningsgruppen, huvudmannen – den som driver frågan.";
        assert_eq!(
            message(hint, 40),
            "  En person, ett arbetslag,\n  ledningsgruppen, huvudmannen – den som\n  driver frågan."
        );
        assert_eq!(message("kort\n\nrad\n", 40), "kort\n\nrad\n");
        for line in message(hint, 40).lines() {
            assert!(measure_text_width(line) <= 40, "{line:?}");
        }
    }
}
