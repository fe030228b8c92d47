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

/// The legend naming each band beside its pattern.
pub fn band_legend() -> String {
    let mut out = format!(
        "<ul class=\"bands\" aria-label=\"{}\">",
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
    out.push_str("</ul>");
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
/// meet them, and the column's name for a screen reader.
pub fn scale_header(name: &str) -> String {
    let mut ticks = String::new();
    for tick in 0..=4 {
        let _ = write!(ticks, "<span style=\"left:{}%\">{tick}</span>", tick * 25);
    }
    format!(
        "<th scope=\"col\" class=\"scale\"><span class=\"visually-hidden\">{}</span><div class=\"meter\" aria-hidden=\"true\"><div class=\"track ticks\">{ticks}</div><span class=\"value\"></span></div></th>",
        escape::html(name)
    )
}

/// How far along the 0–4 scale a value lies, in percent.
pub fn percent(value: f64) -> f64 {
    value.clamp(0.0, 4.0) * 25.0
}

/// A horizontal bar chart of values on the 0–4 scale: one row per bar, its label (already
/// HTML), a bar patterned by its band, and its value written out.
pub fn bar_chart(id: &str, caption: &str, label_header: &str, bars: &[(String, f64)]) -> String {
    let mut table = format!(
        "<table class=\"bars\"><thead><tr><th scope=\"col\">{}</th>{}</tr></thead><tbody>\n",
        escape::html(label_header),
        scale_header(&t!("report_access.impact_scale"))
    );
    for (label, value) in bars {
        let _ = writeln!(
            table,
            "<tr><th scope=\"row\">{label}</th><td><div class=\"meter\"><div class=\"track\"><span class=\"bar {}\" style=\"width:{:.1}%\"></span></div><span class=\"value\">{}</span></div></td></tr>",
            Band::of(*value).class(),
            percent(*value),
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
        assert!(
            chart.contains("class=\"bar high\" style=\"width:100.0%\""),
            "{chart}"
        );
        assert!(chart.contains("<span class=\"value\">5"), "{chart}");
        assert!(chart.contains("aria-labelledby=\"c-caption\""), "{chart}");
    }
}
