//! The meeting pack's "Cost and time" section: the sums, and a small chart setting each
//! initiative's recalled impact against what it cost per participant.

use std::fmt::Write;

use crate::escape;
use crate::i18n::Lang;
use crate::lookback::chart::{self, Band};
use crate::lookback::cost::money;
use crate::lookback::report_html;
use crate::lookback::summary::{number, Summary};
use crate::t;

const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 260.0;
/// Room for the axis labels on the left and below.
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 30.0;
const TOP: f64 = 10.0;
/// Room for half the last cost label, written centred under the right edge.
const RIGHT: f64 = 45.0;

/// One initiative's dot: its rank (written beside the dot and in the table under the chart),
/// title, cost per participant and impact.
struct Point {
    rank: usize,
    title: String,
    cost: f64,
    impact: f64,
}

/// The section as HTML; empty when no record states a cost or hours.
pub fn html(summary: &Summary) -> String {
    let Some((title, lines)) = summary.cost_section() else {
        return String::new();
    };
    let mut out = report_html::section_start("cost", &title);
    out.push_str("<ul>\n");
    for line in lines {
        let _ = writeln!(out, "<li>{}</li>", escape::html(&line));
    }
    out.push_str("</ul>\n");
    let points: Vec<Point> = summary
        .rows
        .iter()
        .filter_map(|row| {
            Some(Point {
                rank: row.rated.rank?,
                title: row.rated.initiative.record.title.clone(),
                cost: row.spending.per_participant()?,
                impact: row.rated.impact.overall?,
            })
        })
        .collect();
    if !points.is_empty() {
        // The chart keeps its size, so its text never shrinks; on a narrow screen it scrolls
        // in its own box. The table gives its values to whoever cannot see it.
        let body = format!(
            "{}{}</section>{}",
            report_html::scroll_box_start("chart-box", &t!("cost.chart")),
            chart(&points, &summary.currency),
            values_table(&points, &summary.currency, summary.text_lang)
        );
        out.push_str(&chart::figure(
            "chart-cost",
            &t!("report_access.cost_caption"),
            &body,
        ));
    }
    out.push_str("</section>\n");
    out
}

/// The chart's values: per initiative its rank and title (in one cell, so the table fits a
/// narrow screen), cost per participant and impact.
fn values_table(points: &[Point], currency: &str, text_lang: Option<Lang>) -> String {
    let mut out = format!(
        "<table class=\"values\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
        escape::html(&t!("column.title")),
        escape::html(&t!("report_access.cost_per_participant")),
        escape::html(&t!("column.impact"))
    );
    for point in points {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}. {}</th><td class=\"num\">{} {}</td><td class=\"num\">{}</td></tr>",
            point.rank,
            report_html::record_text(text_lang, &point.title),
            money(point.cost),
            escape::html(currency),
            number(Some(point.impact))
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// Impact (0–4, upwards) against cost per participant (rightwards), one dot per initiative
/// with its rank beside it. Drawn at its own size in CSS pixels, so its text is as large as
/// the page's.
fn chart(points: &[Point], currency: &str) -> String {
    let title = t!("cost.chart");
    let most = points
        .iter()
        .map(|p| p.cost)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let x = |cost: f64| LEFT + (WIDTH - LEFT - RIGHT) * cost / most;
    let y = |impact: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - impact.clamp(0.0, 4.0) / 4.0);
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{0}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\n<title>{0}</title>\n",
        escape::html(&title)
    );
    for level in 0..=4 {
        let at = y(f64::from(level));
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{at}\" x2=\"{}\" y2=\"{at}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" class=\"tick\">{level}</text>",
            WIDTH - RIGHT,
            LEFT - 12.0,
            at + 4.0
        );
    }
    for share in [0.0, 0.5, 1.0] {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" class=\"tick\">{} {}</text>",
            x(most * share),
            HEIGHT - 8.0,
            money(most * share),
            escape::html(currency)
        );
    }
    for point in points {
        let (cx, cy) = (x(point.cost), y(point.impact));
        let _ = writeln!(
            svg,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"6\" class=\"{}\"><title>{}: {} · {} {}</title></circle><text x=\"{:.1}\" y=\"{:.1}\" class=\"dot-label\">{}</text>",
            Band::of(point.impact).class(),
            escape::html(&point.title),
            number(Some(point.impact)),
            money(point.cost),
            escape::html(currency),
            cx + 9.0,
            cy + 4.0,
            point.rank
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_escapes_titles_and_places_dots_on_the_scale() {
        let point = Point {
            rank: 7,
            title: "<b>&".to_string(),
            cost: 500.0,
            impact: 4.0,
        };
        let svg = chart(&[point], "kr");
        assert!(svg.contains("&lt;b&gt;&amp;"), "{svg}");
        // the most expensive is at the right edge, impact 4 at the top
        assert!(
            svg.contains(&format!("cx=\"{:.1}\" cy=\"{TOP:.1}\"", WIDTH - RIGHT)),
            "{svg}"
        );
        assert!(svg.contains("class=\"dot-label\">7</text>"), "{svg}");
    }
}
