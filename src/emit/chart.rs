//! A horizontal bar chart as inline SVG, one row per bar: a label on the
//! left, the bar, and a text after it. The sheet's page draws the budget of
//! each project with it, the diff's page the signed change of each project's
//! budget (negative values to the left of a zero line).
//!
//! Lengths are exact decimals (amounts are `rust_decimal` throughout, never
//! floats): every length is rounded to one decimal, half to even, before the
//! positions are added up, and every coordinate is written with one decimal.

use super::sink::Escaped;
use rust_decimal::Decimal;
use std::fmt::{self, Write};

/// One row of the chart. The texts are plain; the writer escapes them.
pub(crate) struct Bar {
    /// Left of the bar, right-aligned (the caller shortens it, see [`short`]).
    pub label: String,
    /// The bar's length; a negative value is drawn left of the zero line.
    pub value: Decimal,
    /// Written after the bar (right of the zero line for a negative value).
    pub text: String,
    /// Shown on hover (the `<title>` of the row), if any.
    pub tooltip: Option<String>,
    /// The bar's fill.
    pub colour: &'static str,
}

/// Where things go, in pixels.
pub(crate) struct Geometry {
    /// The label column, up to where the bars start.
    pub label_w: u32,
    /// Between the end of a label and the start of the bars.
    pub label_gap: u32,
    /// The width of the bars: the largest positive value plus the largest
    /// negative one take all of it.
    pub bar_w: u32,
    /// Room right of the bars, for the texts.
    pub text_w: u32,
    /// One row.
    pub row_h: u32,
    /// Above and below the bar within its row.
    pub bar_pad: u32,
    /// Above the first row and below the last.
    pub top: u32,
    pub bottom: u32,
    /// The shortest bar of a value that is not zero.
    pub min_bar: u32,
}

/// What the chart shows.
pub(crate) struct Chart<'a> {
    /// The `id` of the SVG's `<title>`, which labels the image.
    pub id: &'a str,
    /// The SVG's `<title>`.
    pub title: &'a str,
    pub geometry: Geometry,
    /// A line at zero with this text below the rows (none: no line).
    pub axis: Option<&'a str>,
}

/// Between the end of a bar and its text.
const TEXT_GAP: u32 = 6;
/// A text's baseline below the middle of its row.
const BASELINE: u32 = 4;
/// The zero line reaches this far below the last row, its text this far
/// below the line.
const AXIS_OVER: u32 = 6;
const AXIS_TEXT: u32 = 16;
const TEXT_ATTRS: &str = "font-size=\"12\" fill=\"#222\"";

/// A length rounded to one decimal, half to even.
fn round(d: Decimal) -> Decimal {
    d.round_dp(1)
}

/// A coordinate as written: always one decimal (`230.0`).
struct Px(Decimal);

impl fmt::Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = round(self.0);
        d.rescale(1);
        d.fmt(f)
    }
}

fn px(n: u32) -> Px {
    Px(Decimal::from(n))
}

/// An escaped text.
fn e(s: &str) -> Escaped<'_> {
    Escaped {
        text: s,
        apos: "&#39;",
    }
}

/// Writes the chart as an `<svg>` element and a line break.
pub(crate) fn write(o: &mut impl Write, chart: &Chart, bars: &[Bar]) -> fmt::Result {
    let g = &chart.geometry;
    let dec = Decimal::from;
    let max_pos = bars
        .iter()
        .map(|b| b.value)
        .fold(Decimal::ZERO, Decimal::max);
    let max_neg = bars
        .iter()
        .map(|b| -b.value)
        .fold(Decimal::ZERO, Decimal::max);
    let span = max_pos.checked_add(max_neg).unwrap_or(Decimal::MAX);
    // The length of a value's bar, rounded.
    let scale = |v: Decimal| -> Decimal {
        if span.is_zero() {
            return Decimal::ZERO;
        }
        v.checked_mul(dec(g.bar_w))
            .and_then(|x| x.checked_div(span))
            .map(round)
            .unwrap_or(Decimal::ZERO)
    };
    let zero = dec(g.label_w) + scale(max_neg);
    let rows_end = u64::from(g.top) + u64::from(g.row_h) * bars.len() as u64;
    let width = u64::from(g.label_w) + u64::from(g.bar_w) + u64::from(g.text_w);
    let height = rows_end + u64::from(g.bottom);
    writeln!(
        o,
        "<svg role=\"img\" aria-labelledby=\"{id}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title id=\"{id}\">{}</title>",
        e(chart.title),
        id = e(chart.id),
    )?;
    let label_x = px(g.label_w - g.label_gap.min(g.label_w));
    let bar_h = px(g.row_h.saturating_sub(2 * g.bar_pad));
    let half_row = dec(g.row_h) / dec(2);
    for (i, b) in bars.iter().enumerate() {
        let band = Decimal::from(u64::from(g.top) + u64::from(g.row_h) * i as u64);
        let mut len = scale(b.value.abs());
        if !b.value.is_zero() {
            len = len.max(dec(g.min_bar));
        }
        let (x, end) = if b.value.is_sign_negative() {
            (zero - len, zero)
        } else {
            (zero, zero + len)
        };
        let baseline = Px(band + half_row + dec(BASELINE));
        if let Some(t) = &b.tooltip {
            write!(o, "<g><title>{}</title>", e(t))?;
        }
        write!(
            o,
            "<text x=\"{label_x}\" y=\"{baseline}\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bar_h}\" fill=\"{}\"/><text x=\"{}\" y=\"{baseline}\" {TEXT_ATTRS}>{}</text>",
            e(&b.label),
            Px(x),
            Px(band + dec(g.bar_pad)),
            Px(len),
            e(b.colour),
            Px(end + dec(TEXT_GAP)),
            e(&b.text),
        )?;
        if b.tooltip.is_some() {
            o.write_str("</g>")?;
        }
        o.write_char('\n')?;
    }
    if let Some(axis) = chart.axis {
        let zero = Px(zero);
        let line_end = Decimal::from(rows_end + u64::from(AXIS_OVER));
        writeln!(
            o,
            "<line x1=\"{zero}\" y1=\"0.0\" x2=\"{zero}\" y2=\"{}\" stroke=\"#59636e\"/><text x=\"{zero}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\">{}</text>",
            Px(line_end),
            Px(line_end + dec(AXIS_TEXT)),
            e(axis),
        )?;
    }
    o.write_str("</svg>\n")
}

/// Shortens a label to at most `n` characters, the last one then `…`.
pub(crate) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(value: i64, scale: u32) -> Bar {
        Bar {
            label: "甲<".to_string(),
            value: Decimal::new(value, scale),
            text: value.to_string(),
            tooltip: None,
            colour: "#3b78c2",
        }
    }

    fn geometry(min_bar: u32) -> Geometry {
        Geometry {
            label_w: 100,
            label_gap: 8,
            bar_w: 200,
            text_w: 50,
            row_h: 20,
            bar_pad: 3,
            top: 10,
            bottom: 10,
            min_bar,
        }
    }

    fn draw(bars: &[Bar], min_bar: u32, axis: Option<&str>) -> String {
        let chart = Chart {
            id: "c",
            title: "t & t",
            geometry: geometry(min_bar),
            axis,
        };
        let mut s = String::new();
        write(&mut s, &chart, bars).unwrap();
        s
    }

    #[test]
    fn positive_bars_start_at_the_label_column() {
        let s = draw(&[bar(300, 0), bar(100, 0), bar(0, 0)], 0, None);
        assert!(s.starts_with("<svg role=\"img\" aria-labelledby=\"c\" width=\"350\" height=\"80\" viewBox=\"0 0 350 80\">\n<title id=\"c\">t &amp; t</title>\n"));
        assert!(s.contains("<text x=\"92.0\" y=\"24.0\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">甲&lt;</text><rect x=\"100.0\" y=\"13.0\" width=\"200.0\" height=\"14.0\" fill=\"#3b78c2\"/><text x=\"306.0\" y=\"24.0\" font-size=\"12\" fill=\"#222\">300</text>\n"));
        // 100/300 × 200 = 66.666… → 66.7
        assert!(s.contains("<rect x=\"100.0\" y=\"33.0\" width=\"66.7\""));
        assert!(s.contains("<text x=\"172.7\" y=\"44.0\""));
        assert!(s.contains("<rect x=\"100.0\" y=\"53.0\" width=\"0.0\""));
        assert!(s.ends_with("</svg>\n"));
        assert!(!s.contains("<line") && !s.contains("<g>"));
    }

    #[test]
    fn lengths_round_half_to_even() {
        // 1/16 × 200 = 12.5; 1/32 × 200 = 6.25 → 6.2; 3/32 × 200 = 18.75 → 18.8
        let s = draw(&[bar(32, 0), bar(1, 0), bar(3, 0)], 0, None);
        assert!(s.contains("width=\"6.2\""), "{s}");
        assert!(s.contains("width=\"18.8\""), "{s}");
    }

    #[test]
    fn negative_bars_end_at_the_zero_line() {
        let mut up = bar(300, 0);
        up.tooltip = Some("up".to_string());
        let s = draw(&[up, bar(-100, 0), bar(1, 2)], 1, Some("0（万元）"));
        // Zero at 100 + 100/400 × 200 = 150.
        assert!(s.contains("<g><title>up</title><text x=\"92.0\""));
        assert!(s.contains("<rect x=\"150.0\" y=\"13.0\" width=\"150.0\""));
        assert!(s.contains("fill=\"#222\">300</text></g>\n"));
        assert!(s.contains("<rect x=\"100.0\" y=\"33.0\" width=\"50.0\""));
        assert!(
            s.contains("<text x=\"156.0\" y=\"44.0\" font-size=\"12\" fill=\"#222\">-100</text>")
        );
        // 0.01 is drawn one pixel long.
        assert!(s.contains("<rect x=\"150.0\" y=\"53.0\" width=\"1.0\""));
        assert!(s.contains("<line x1=\"150.0\" y1=\"0.0\" x2=\"150.0\" y2=\"76.0\" stroke=\"#59636e\"/><text x=\"150.0\" y=\"92.0\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\">0（万元）</text>\n</svg>\n"));
    }

    #[test]
    fn no_bars_no_division() {
        let s = draw(&[], 0, Some("0"));
        assert!(s.contains("width=\"350\" height=\"20\""));
        let s = draw(&[bar(0, 0)], 1, None);
        assert!(s.contains("<rect x=\"100.0\" y=\"13.0\" width=\"0.0\""));
    }

    #[test]
    fn shortens_long_labels() {
        assert_eq!(short("一二三", 3), "一二三");
        assert_eq!(short("一二三四", 3), "一二…");
    }
}
