//! iCalendar (RFC 5545) output: all-day events such as follow-up dates, for importing into a
//! calendar program. The output is deterministic for the same input, so a file in the
//! repository changes only when the events do.

use chrono::NaiveDateTime;

use crate::escape;
use crate::model::date::Date;

/// One all-day event. `uid` must be stable across exports (e.g. the initiative's slug plus what
/// the date is for), so that re-importing updates the event instead of duplicating it;
/// `sequence` and `modified` must grow when the event changes, so the calendar takes the new
/// version over the one it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
    /// The event's revision: SEQUENCE.
    pub sequence: u32,
    /// When the event last changed, in UTC: LAST-MODIFIED and DTSTAMP.
    pub modified: NaiveDateTime,
}

/// An event as read back by [`parse_events`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedEvent {
    /// The UID with the `@fortb` suffix removed (when present).
    pub uid: String,
    /// The date of DTSTART, if it could be read.
    pub date: Option<Date>,
    pub summary: String,
    pub description: String,
}

const UID_DOMAIN: &str = "@fortb";
const MAX_OCTETS: usize = 75;

/// The full UID of an event, as written in the calendar and in `due --format json`.
pub fn uid(event_uid: &str) -> String {
    format!("{event_uid}{UID_DOMAIN}")
}

/// A VCALENDAR named `name` (NAME of RFC 7986 and X-WR-CALNAME, which Outlook and Google
/// Calendar show) with one VEVENT per event, in the order given. Nothing depends on the
/// clock: the same events give the same bytes. Lines end in CRLF and are folded at 75 octets.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut out = head(name);
    for event in events {
        out.push_str(&event_text(event));
    }
    out.push_str(END);
    out
}

/// The beginning of [`calendar`]'s text, up to its first event: for a calendar written an
/// event at a time, then ended with [`END`].
pub fn head(name: &str) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//fortb//fortb//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("NAME:{}", escape::ical_text(name)),
        &format!("X-WR-CALNAME:{}", escape::ical_text(name)),
    ] {
        push_line(&mut out, line);
    }
    out
}

/// The last line of [`calendar`]'s text.
pub const END: &str = "END:VCALENDAR\r\n";

/// One VEVENT of [`calendar`]'s text.
pub fn event_text(event: &Event) -> String {
    let mut out = String::new();
    let stamp = event.modified.format("%Y%m%dT%H%M%SZ").to_string();
    let start = event.date.0;
    let end = start.succ_opt().unwrap_or(start);
    push_line(&mut out, "BEGIN:VEVENT");
    push_line(
        &mut out,
        &format!("UID:{}", escape::ical_text(&uid(&event.uid))),
    );
    push_line(&mut out, &format!("DTSTAMP:{stamp}"));
    push_line(&mut out, &format!("LAST-MODIFIED:{stamp}"));
    push_line(&mut out, &format!("SEQUENCE:{}", event.sequence));
    push_line(
        &mut out,
        &format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
    );
    push_line(
        &mut out,
        &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
    );
    push_line(
        &mut out,
        &format!("SUMMARY:{}", escape::ical_text(&event.summary)),
    );
    if !event.description.is_empty() {
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", escape::ical_text(&event.description)),
        );
    }
    push_line(&mut out, "END:VEVENT");
    out
}

/// The inverse of [`escape::ical_text`]; an unknown escape keeps the escaped character.
pub fn unescape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line exceeds 75 octets (without the
/// CRLF) and no UTF-8 character is split; continuation lines start with a space.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts towards the next line's 75 octets.
        limit = MAX_OCTETS - 1;
    }
}

/// Undoes folding: a line break (CRLF or LF) followed by a space or tab is removed together
/// with that one whitespace character.
pub fn unfold(text: &str) -> String {
    text.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "")
}

/// A small reader for the VEVENTs of a calendar, enough to read [`calendar`]'s output back:
/// UID, DTSTART's date, SUMMARY and DESCRIPTION (unescaped). Everything else is ignored.
pub fn parse_events(text: &str) -> Vec<ParsedEvent> {
    let unfolded = unfold(text);
    let mut events = Vec::new();
    let mut current: Option<ParsedEvent> = None;
    for line in unfolded.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some((name_and_params, value)) = split_property(line) else {
            continue;
        };
        let name = name_and_params
            .split(';')
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match (name.as_str(), current.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VEVENT") => {
                current = Some(ParsedEvent {
                    uid: String::new(),
                    date: None,
                    summary: String::new(),
                    description: String::new(),
                });
            }
            ("END", Some(_)) if value.eq_ignore_ascii_case("VEVENT") => {
                events.extend(current.take());
            }
            ("UID", Some(event)) => {
                let uid = unescape_text(value);
                event.uid = uid
                    .strip_suffix(UID_DOMAIN)
                    .map(str::to_string)
                    .unwrap_or(uid);
            }
            ("DTSTART", Some(event)) => event.date = parse_ics_date(value),
            ("SUMMARY", Some(event)) => event.summary = unescape_text(value),
            ("DESCRIPTION", Some(event)) => event.description = unescape_text(value),
            _ => {}
        }
    }
    events
}

/// Splits `NAME;PARAM="a:b":value` at the first colon outside double quotes.
fn split_property(line: &str) -> Option<(&str, &str)> {
    let mut in_quotes = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => return Some((&line[..i], &line[i + 1..])),
            _ => {}
        }
    }
    None
}

/// `YYYYMMDD`, or the date part of `YYYYMMDDTHHMMSS[Z]`.
fn parse_ics_date(value: &str) -> Option<Date> {
    let digits = value.trim().get(..8)?;
    chrono::NaiveDate::parse_from_str(digits, "%Y%m%d")
        .ok()
        .map(Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2025, 3, 14)
            .unwrap()
            .and_hms_opt(9, 5, 7)
            .unwrap()
    }

    fn event(uid: &str, date: &str, summary: &str, description: &str) -> Event {
        Event {
            uid: uid.to_string(),
            date: Date::parse(date).unwrap(),
            summary: summary.to_string(),
            description: description.to_string(),
            sequence: 2,
            modified: stamp(),
        }
    }

    /// Every line ends in CRLF, none is longer than 75 octets, each is valid UTF-8.
    fn assert_well_formed(output: &str) {
        assert!(output.ends_with("\r\n"));
        let bytes = output.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
            }
            if b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
            }
        }
        for line in bytes[..bytes.len() - 2].split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            assert!(line.len() <= 75, "line of {} octets", line.len());
            assert!(std::str::from_utf8(line).is_ok(), "split UTF-8 character");
        }
    }

    #[test]
    fn calendar_structure() {
        let output = calendar(
            "Skolan",
            &[event("lasa-hogt-followup", "2025-12-31", "Uppföljning", "")],
        );
        assert_eq!(
            output,
            "BEGIN:VCALENDAR\r\n\
             VERSION:2.0\r\n\
             PRODID:-//fortb//fortb//EN\r\n\
             CALSCALE:GREGORIAN\r\n\
             METHOD:PUBLISH\r\n\
             NAME:Skolan\r\n\
             X-WR-CALNAME:Skolan\r\n\
             BEGIN:VEVENT\r\n\
             UID:lasa-hogt-followup@fortb\r\n\
             DTSTAMP:20250314T090507Z\r\n\
             LAST-MODIFIED:20250314T090507Z\r\n\
             SEQUENCE:2\r\n\
             DTSTART;VALUE=DATE:20251231\r\n\
             DTEND;VALUE=DATE:20260101\r\n\
             SUMMARY:Uppföljning\r\n\
             END:VEVENT\r\n\
             END:VCALENDAR\r\n"
        );
        assert_well_formed(&output);
    }

    #[test]
    fn long_swedish_summary_folds_between_characters() {
        // "SUMMARY:" is 8 octets; 66 ASCII letters bring the line to 74, so the two-octet "å"
        // would straddle octet 75 and must move to the continuation line.
        let summary = format!(
            "{}åäö och uppföljning av lärandemålen för hela arbetslaget på Ängsskolan, \
             vårterminen; del två",
            "x".repeat(66)
        );
        let output = calendar(
            "Skolan",
            &[event("fold", "2025-05-20", &summary, &summary.repeat(3))],
        );
        assert_well_formed(&output);
        let summary_start = output.find("SUMMARY:").unwrap();
        let first_line = &output[summary_start..];
        let first_line = &first_line[..first_line.find("\r\n").unwrap()];
        assert_eq!(first_line.len(), 74);
        assert!(output[summary_start..].contains("\r\n åäö"));
        // Continuation lines use the full 75 octets, space included.
        assert!(output.lines().any(|l| l.trim_end_matches('\r').len() == 75));

        let parsed = parse_events(&output);
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].summary, summary);
        assert_eq!(parsed[0].description, summary.repeat(3));
    }

    #[test]
    fn folding_of_multibyte_only_text() {
        let summary = "å".repeat(200);
        let output = calendar("Skolan", &[event("a", "2025-01-01", &summary, "")]);
        assert_well_formed(&output);
        assert_eq!(parse_events(&output)[0].summary, summary);
    }

    #[test]
    fn escaping_round_trip() {
        let text = "Back\\slash; semi, comma\nnew line\r\nCRLF \"quoted\" : colon";
        let escaped = escape::ical_text(text);
        assert_eq!(
            escaped,
            "Back\\\\slash\\; semi\\, comma\\nnew line\\nCRLF \"quoted\" : colon"
        );
        assert_eq!(unescape_text(&escaped), text.replace("\r\n", "\n"));
        assert_eq!(escape::ical_text("a\u{7}b\tc"), "ab\tc");

        let output = calendar("Skolan", &[event("x;y,z", "2025-02-03", text, text)]);
        assert_well_formed(&output);
        assert!(output.contains("UID:x\\;y\\,z@fortb\r\n"));
        let parsed = &parse_events(&output)[0];
        assert_eq!(parsed.uid, "x;y,z");
        assert_eq!(parsed.summary, text.replace("\r\n", "\n"));
        assert_eq!(parsed.description, text.replace("\r\n", "\n"));
    }

    #[test]
    fn two_events_round_trip() {
        let events = [
            event(
                "formativ-bedomning-2025/followup",
                "2025-06-10",
                "Uppföljning: Formativ bedömning",
                "Har det fastnat? Fråga arbetslaget, rektor och eleverna.",
            ),
            event("december-survey-2025", "2025-12-01", "Decemberenkät", ""),
        ];
        let output = calendar("Skolan", &events);
        assert_well_formed(&output);
        assert_eq!(output.matches("BEGIN:VEVENT\r\n").count(), 2);
        let parsed = parse_events(&output);
        assert_eq!(parsed.len(), 2);
        for (original, read) in events.iter().zip(&parsed) {
            assert_eq!(read.uid, original.uid);
            assert_eq!(read.date, Some(original.date));
            assert_eq!(read.summary, original.summary);
            assert_eq!(read.description, original.description);
        }
        assert!(output.contains("DTEND;VALUE=DATE:20250611\r\n"));
        assert!(output.contains("DTEND;VALUE=DATE:20251202\r\n"));
    }

    #[test]
    fn output_is_stable() {
        let events = [
            event("b", "2025-06-10", "Två", "Beskrivning, med komma"),
            event("a", "2024-02-29", "Ett", ""),
        ];
        assert_eq!(calendar("Skolan", &events), calendar("Skolan", &events));
        assert!(calendar("Skolan", &events).contains("DTEND;VALUE=DATE:20240301\r\n"));
    }

    #[test]
    fn parser_accepts_lf_and_other_producers() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:abc@example.org\nDTSTART:20250102T100000Z\n\
                    SUMMARY;LANGUAGE=sv:Hej\n  där\nEND:VEVENT\nEND:VCALENDAR\n";
        let parsed = parse_events(text);
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].uid, "abc@example.org");
        assert_eq!(parsed[0].date, Date::parse("2025-01-02"));
        assert_eq!(parsed[0].summary, "Hej där");
        assert!(parse_events("").is_empty());
    }
}
