//! What the meeting pack's SVG charts share.

use std::fmt::Write;

/// The vertical lines and numbers of the 0–4 scale under a chart that starts at `left`,
/// is `width` wide and `height` high.
pub fn scale_grid(left: f64, width: f64, height: f64) -> String {
    let mut grid = String::new();
    for tick in 0..=4 {
        let x = left + width * f64::from(tick) / 4.0;
        let _ = writeln!(
            grid,
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" class=\"grid\"/><text x=\"{x}\" y=\"{}\" class=\"tick\">{tick}</text>",
            height - 20.0,
            height - 6.0
        );
    }
    grid
}
