//! Horizontal bar charts as inline SVG, drawn at build time.
//!
//! A chart must work under the Content-Security-Policy (no `style=` attribute,
//! no script), read well at 320 px and in elder mode, and say the same thing to
//! a screen reader as to the eye. So:
//!
//! - the SVG has no `viewBox`: its coordinates are CSS lengths, with rows
//!   measured in `em` (text keeps the page's size and grows with elder mode and
//!   zoom) and bar lengths in `%` of the chart's width (bars follow the screen);
//! - each row is a label line with the bar and its value below, so long unit
//!   names never squeeze the bars;
//! - colours come from classes in the stylesheet (and `forced-colors` mode);
//! - `role="img"` with `<title>` and a `<desc>` that lists every number; the page
//!   puts a table with the same numbers next to it.

use crate::diagnostic::Lang;

/// One bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    /// Appended to the bar's class (`gk-chart__bar--cat-1`) for its colour.
    pub variant: String,
}

/// Row height, and positions within a row, in `em`.
const ROW: f64 = 3.4;
const LABEL_Y: f64 = 1.15;
const BAR_Y: f64 = 1.5;
const BAR_H: f64 = 1.1;
const VALUE_Y: f64 = 2.38;
/// The longest bar, in percent of the width: the rest holds its value.
const MAX_BAR: f64 = 78.0;

/// Draws a chart. `id` must be unique on the page; `value_text` writes a value
/// with its unit (`5件`). Returns the SVG markup, escaped and ready to insert.
pub fn bar_chart(
    lang: Lang,
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    value_text: impl Fn(u32) -> String,
) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut listing: Vec<String> = Vec::new();
    let mut rows = String::new();
    for (i, bar) in bars.iter().enumerate() {
        let top = i as f64 * ROW;
        let value = value_text(bar.value);
        listing.push(match lang {
            Lang::Zh => format!("{}：{}", bar.label, value),
            Lang::En => format!("{}: {}", bar.label, value),
        });
        let width = if bar.value == 0 {
            0.0
        } else {
            (f64::from(bar.value) / f64::from(max) * MAX_BAR).max(0.5)
        };
        let variant = if bar.variant.is_empty() {
            String::new()
        } else {
            format!(" gk-chart__bar--{}", bar.variant)
        };
        rows.push_str(&format!(
            concat!(
                "<g class=\"gk-chart__row\">",
                "<text class=\"gk-chart__label\" x=\"0\" y=\"{ly}em\">{label}</text>",
                "<rect class=\"gk-chart__bar{variant}\" x=\"0\" y=\"{by}em\" width=\"{w}%\" height=\"{bh}em\"></rect>",
                "<text class=\"gk-chart__value\" x=\"{w}%\" dx=\"0.4em\" y=\"{vy}em\">{value}</text>",
                "</g>"
            ),
            ly = num(top + LABEL_Y),
            label = escape(&bar.label),
            variant = variant,
            by = num(top + BAR_Y),
            w = num(width),
            bh = num(BAR_H),
            vy = num(top + VALUE_Y),
            value = escape(&value),
        ));
    }
    format!(
        concat!(
            "<svg class=\"gk-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" ",
            "aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" height=\"{h}em\">",
            "<title id=\"{id}-title\">{title}</title>",
            "<desc id=\"{id}-desc\">{desc}{listing}</desc>",
            "{rows}</svg>"
        ),
        id = escape(id),
        h = num(bars.len() as f64 * ROW),
        title = escape(title),
        desc = escape(desc),
        listing = escape(&listing.join(match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        })),
        rows = rows,
    )
}

/// One row of a stacked chart: a bar of `total`, parts of it coloured by
/// `segments` (whatever they leave is drawn plain), and its value written out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackRow {
    pub label: String,
    pub total: u32,
    /// Parts of the total, each with its label in `value` (colour only repeats it).
    pub segments: Vec<Bar>,
    /// The row's direct label: `主办5件：A类2件、B类1件；协办1件`.
    pub value: String,
}

/// Draws a chart whose bars are split into coloured parts, each row's numbers
/// written out beside it (never colour alone): the same layout and rules as
/// [`bar_chart`], and the `<desc>` lists every row's value text.
pub fn stacked_chart(lang: Lang, id: &str, title: &str, desc: &str, rows: &[StackRow]) -> String {
    let max = rows.iter().map(|r| r.total).max().unwrap_or(0).max(1);
    let scale = |n: u32| f64::from(n) / f64::from(max) * MAX_BAR;
    let mut listing: Vec<String> = Vec::new();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let top = i as f64 * ROW;
        listing.push(match lang {
            Lang::Zh => format!("{}：{}", row.label, row.value),
            Lang::En => format!("{}: {}", row.label, row.value),
        });
        let width = if row.total == 0 {
            0.0
        } else {
            scale(row.total).max(0.5)
        };
        out.push_str(&format!(
            concat!(
                "<g class=\"gk-chart__row\">",
                "<text class=\"gk-chart__label\" x=\"0\" y=\"{ly}em\">{label}</text>",
                "<rect class=\"gk-chart__bar gk-chart__bar--rest\" x=\"0\" y=\"{by}em\" width=\"{w}%\" height=\"{bh}em\"></rect>"
            ),
            ly = num(top + LABEL_Y),
            label = escape(&row.label),
            by = num(top + BAR_Y),
            w = num(width),
            bh = num(BAR_H),
        ));
        let mut x = 0.0;
        for seg in row.segments.iter().filter(|s| s.value > 0) {
            let w = scale(seg.value);
            out.push_str(&format!(
                "<rect class=\"gk-chart__bar gk-chart__bar--{variant}\" x=\"{x}%\" y=\"{by}em\" width=\"{w}%\" height=\"{bh}em\"></rect>",
                variant = escape(&seg.variant),
                x = num(x),
                by = num(top + BAR_Y),
                w = num(w),
                bh = num(BAR_H),
            ));
            x += w;
        }
        out.push_str(&format!(
            "<text class=\"gk-chart__value\" x=\"{w}%\" dx=\"0.4em\" y=\"{vy}em\">{value}</text></g>",
            w = num(width),
            vy = num(top + VALUE_Y),
            value = escape(&row.value),
        ));
    }
    format!(
        concat!(
            "<svg class=\"gk-chart gk-chart--stacked\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" ",
            "aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" height=\"{h}em\">",
            "<title id=\"{id}-title\">{title}</title>",
            "<desc id=\"{id}-desc\">{desc}{listing}</desc>",
            "{rows}</svg>"
        ),
        id = escape(id),
        h = num(rows.len() as f64 * ROW),
        title = escape(title),
        desc = escape(desc),
        listing = escape(&listing.join(match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        })),
        rows = out,
    )
}

/// A number with at most two decimals and no trailing zeros, so the output is
/// short and the same on every machine.
fn num(x: f64) -> String {
    let s = format!("{:.2}", (x * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Escapes text for SVG (XML) content and attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<Bar> {
        vec![
            Bar {
                label: "已解决或基本解决".into(),
                value: 4,
                variant: "cat-1".into(),
            },
            Bar {
                label: "<正在解决>".into(),
                value: 2,
                variant: "cat-2".into(),
            },
        ]
    }

    #[test]
    fn bars_are_proportional_and_labelled() {
        let svg = bar_chart(
            Lang::Zh,
            "c1",
            "按办理结果",
            "共6件。",
            &bars(),
            |n| format!("{n}件"),
        );
        assert!(svg.contains("width=\"78%\""), "{svg}");
        assert!(svg.contains("width=\"39%\""), "{svg}");
        assert!(svg.contains("<title id=\"c1-title\">按办理结果</title>"));
        assert!(
            svg.contains("已解决或基本解决：4件；&lt;正在解决&gt;：2件"),
            "{svg}"
        );
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("height=\"6.8em\""), "{svg}");
    }

    #[test]
    fn no_style_attributes_and_no_raw_text() {
        let svg = bar_chart(Lang::En, "c", "t", "d", &bars(), |n| n.to_string());
        assert!(!svg.contains("style="));
        assert!(!svg.contains("<正在解决>"));
    }

    #[test]
    fn stacked_rows_split_their_bar_and_say_every_number() {
        let rows = vec![
            StackRow {
                label: "2019年".into(),
                total: 4,
                segments: bars(),
                value: "4件：A类4件".into(),
            },
            StackRow {
                label: "2020年".into(),
                total: 2,
                segments: vec![],
                value: "2件".into(),
            },
        ];
        let svg = stacked_chart(Lang::Zh, "s", "历年", "按年。", &rows);
        // 4 of 4 fill the longest bar; 2 of 4 follow it; the 2020 bar is half.
        assert!(svg.contains("x=\"0%\" y=\"1.5em\" width=\"78%\""), "{svg}");
        assert!(svg.contains("x=\"78%\" y=\"1.5em\" width=\"39%\""), "{svg}");
        assert!(
            svg.contains("gk-chart__bar--rest\" x=\"0\" y=\"4.9em\" width=\"39%\""),
            "{svg}"
        );
        assert!(svg.contains("2019年：4件：A类4件；2020年：2件"), "{svg}");
        assert!(!svg.contains("style="));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.15), "1.15");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(19.5), "19.5");
        assert_eq!(num(100.0 / 3.0), "33.33");
    }
}
