//! What the meeting pack's charts share. The bar and change charts are HTML tables with the
//! bars drawn in CSS: a screen reader reads each row's title and value, titles wrap whole,
//! and text zooms and reflows with the page (an SVG's text would shrink with its width).
//! Each value's band on the 0–4 scale has a pattern as well as a colour, and a legend names
//! the bands, so colour never carries the meaning alone.

use std::fmt::Write;

use crate::escape;
use crate::lookback::summary::number;
use crate::t;

/// Where a value lies on the 0–4 scale: below 2 it did not stick, from 3 it made an
/// impression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    High,
    Mid,
    Low,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::High, Band::Mid, Band::Low];

    pub fn of(value: f64) -> Band {
        if value >= 3.0 {
            Band::High
        } else if value >= 2.0 {
            Band::Mid
        } else {
            Band::Low
        }
    }

    /// The CSS class that gives the band its colour and pattern.
    pub fn class(self) -> &'static str {
        match self {
            Band::High => "high",
            Band::Mid => "mid",
            Band::Low => "low",
        }
    }

    fn label(self) -> String {
        t!(&format!("report_access.band_{}", self.class()))
    }
}

/// The legend naming each band beside its pattern; its name is read before the list.
pub fn band_legend() -> String {
    let mut out = format!(
        "<div class=\"bands\"><span class=\"visually-hidden\">{}</span><ul>",
        escape::html(&t!("report_access.bands"))
    );
    for band in Band::ALL {
        let _ = write!(
            out,
            "<li><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}</li>",
            band.class(),
            escape::html(&band.label())
        );
    }
    out.push_str("</ul></div>");
    out
}

/// A `<figure>` captioned `caption`, holding `body`; the caption names it for a screen reader.
pub fn figure(id: &str, caption: &str, body: &str) -> String {
    format!(
        "<figure class=\"chart\" id=\"{id}\" aria-labelledby=\"{id}-caption\"><figcaption id=\"{id}-caption\">{}</figcaption>\n{body}</figure>\n",
        escape::html(caption)
    )
}

/// A header cell over a column of bars: the 0–4 scale's numbers where the bars' lengths
/// meet them, and the column's name for a screen reader. `value` is the class of the rows'
/// values (`value`, or `value change` for the wider "then → now"), so that the scale takes
/// the room the rows' tracks take, on one line or with the value under it.
pub fn scale_header(name: &str, value: &str) -> String {
    let mut ticks = String::new();
    for tick in 0..=4 {
        let _ = write!(
            ticks,
            "<span class=\"{}\">{tick}</span>",
            at(f64::from(tick))
        );
    }
    format!(
        "<th scope=\"col\" class=\"scale\"><span class=\"visually-hidden\">{}</span><div class=\"meter\" aria-hidden=\"true\"><div class=\"track ticks\">{ticks}</div><span class=\"{value}\"></span></div></th>",
        escape::html(name)
    )
}

/// How far along the 0–4 scale a value lies, in percent.
pub fn percent(value: f64) -> f64 {
    value.clamp(0.0, 4.0) * 25.0
}

/// The class that places a mark at `value` on the 0–4 scale: `at-N`, N whole percent. Classes
/// rather than `style` attributes, so that the page can be served under a Content-Security-
/// Policy that allows no inline style; a percent is a fiftieth of a scale point.
pub fn at(value: f64) -> String {
    format!("at-{}", percent(value).round())
}

/// The class that makes a bar or span `value` points of the 0–4 scale long: `w-N`.
pub fn width(value: f64) -> String {
    format!("w-{}", (value.clamp(0.0, 4.0) * 25.0).round())
}

/// The style rules of the [`at`] and [`width`] classes, one a whole percent from 0 to 100.
pub fn position_rules() -> String {
    let mut rules = String::from(
        "\n/* Where marks sit and how long bars are, in whole percent of the scale. */\n",
    );
    for n in 0..=100 {
        let _ = writeln!(rules, ".at-{n} {{ left: {n}%; }} .w-{n} {{ width: {n}%; }}");
    }
    rules
}

/// A horizontal bar chart of values on the 0–4 scale: one row per bar, its label (already
/// HTML), a bar patterned by its band, and its value written out.
pub fn bar_chart(id: &str, caption: &str, label_header: &str, bars: &[(String, f64)]) -> String {
    let mut table = format!(
        "<table class=\"bars\"><thead><tr><th scope=\"col\">{}</th>{}</tr></thead><tbody>\n",
        escape::html(label_header),
        scale_header(&t!("report_access.impact_scale"), "value")
    );
    for (label, value) in bars {
        let _ = writeln!(
            table,
            "<tr><th scope=\"row\">{label}</th><td><div class=\"meter\"><div class=\"track\"><span class=\"bar {} {}\"></span></div><span class=\"value\">{}</span></div></td></tr>",
            Band::of(*value).class(),
            width(*value),
            number(Some(*value))
        );
    }
    table.push_str("</tbody></table>\n");
    table.push_str(&band_legend());
    figure(id, caption, &table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_split_the_scale_where_a_rating_stuck_and_made_an_impression() {
        for (value, band) in [
            (0.0, Band::Low),
            (1.99, Band::Low),
            (2.0, Band::Mid),
            (2.99, Band::Mid),
            (3.0, Band::High),
            (4.0, Band::High),
        ] {
            assert_eq!(Band::of(value), band, "{value}");
        }
    }

    #[test]
    fn bars_keep_to_the_scale_and_carry_their_value_as_text() {
        let chart = bar_chart("c", "cap", "Insats", &[("A".to_string(), 5.0)]);
        assert!(chart.contains("class=\"bar high w-100\""), "{chart}");
        assert!(chart.contains("<span class=\"value\">5"), "{chart}");
        assert!(chart.contains("aria-labelledby=\"c-caption\""), "{chart}");
        assert!(!chart.contains("style="), "{chart}");
    }

    #[test]
    fn marks_sit_on_whole_percents_of_the_scale() {
        assert_eq!(at(0.0), "at-0");
        assert_eq!(at(2.1), "at-53");
        assert_eq!(at(9.0), "at-100");
        assert_eq!(width(2.1 - 1.0), "w-28");
        let rules = position_rules();
        assert!(rules.contains(".at-53 { left: 53%; } .w-53 { width: 53%; }"));
        assert_eq!(rules.matches("left:").count(), 101);
    }
}
