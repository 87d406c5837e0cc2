//! Small inline SVG charts. Sizes are fixed by `viewBox` and the stylesheet, so nothing moves
//! while a page loads; every chart has a text equivalent next to it.

use maud::{html, Markup};

/// A horizontal bar filled to `share` (0..=1), labelled for assistive technology.
pub(super) fn share_bar(share: f64, label: &str) -> Markup {
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let width = format!("{:.1}", share * 100.0);
    html! {
        svg.bar viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label=(label) {
            rect.bar-bg x="0" y="0" width="100" height="8" {}
            rect.bar-fill x="0" y="0" width=(width) height="8" {}
        }
    }
}

/// One column of a histogram.
pub(super) struct Column {
    pub label: String,
    pub value: i64,
    /// Where the column links to, if anywhere.
    pub href: Option<String>,
}

/// A column chart of counts per period, with links on the columns.
pub(super) fn histogram(columns: &[Column], caption: &str) -> Markup {
    const W: f64 = 720.0;
    const H: f64 = 160.0;
    const BASE: f64 = 130.0;
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0).max(1) as f64;
    let n = columns.len().max(1) as f64;
    let slot = W / n;
    let bar_w = (slot * 0.8).clamp(1.0, 48.0);
    // Label every k-th column so labels never overlap.
    let every = ((columns.len() as f64) / 12.0).ceil().max(1.0) as usize;
    html! {
        figure.chart {
            svg.histogram viewBox={ "0 0 " (W) " " (H) } role="group" aria-label=(caption) {
                line.axis x1="0" y1=(BASE) x2=(W) y2=(BASE) {}
                @for (i, c) in columns.iter().enumerate() {
                    @let h = (c.value.max(0) as f64 / max) * (BASE - 10.0);
                    @let x = format!("{:.1}", i as f64 * slot + (slot - bar_w) / 2.0);
                    @let y = format!("{:.1}", BASE - h);
                    @let bw = format!("{:.1}", bar_w);
                    @let bh = format!("{:.1}", h.max(0.5));
                    @let label = format!("{}: {}", c.label, c.value);
                    @if let Some(href) = &c.href {
                        a href=(href) aria-label=(label) {
                            rect.col x=(x) y=(y) width=(bw) height=(bh) { title { (label) } }
                        }
                    } @else {
                        rect.col x=(x) y=(y) width=(bw) height=(bh) { title { (label) } }
                    }
                    @if i % every == 0 {
                        // Kept inside the chart: a label centred on the first or last column
                        // of a long axis would be cut by the edge.
                        text.tick x=(format!("{:.1}", (i as f64 * slot + slot / 2.0).clamp(18.0, W - 18.0))) y=(BASE + 16.0) text-anchor="middle" {
                            (c.label)
                        }
                    }
                }
            }
            figcaption { (caption) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_clamp_and_escape_labels() {
        let svg = share_bar(1.7, "<b>x</b>").into_string();
        assert!(svg.contains("width=\"100.0\""));
        assert!(svg.contains("&lt;b&gt;"));
        assert!(share_bar(f64::NAN, "n")
            .into_string()
            .contains("width=\"0.0\""));
    }

    #[test]
    fn histograms_handle_empty_and_zero() {
        assert!(histogram(&[], "none").into_string().contains("<svg"));
        let cols = vec![
            Column {
                label: "2024".into(),
                value: 0,
                href: None,
            },
            Column {
                label: "2025".into(),
                value: 3,
                href: Some("/x?a=1&b=2".into()),
            },
        ];
        let svg = histogram(&cols, "c").into_string();
        assert!(svg.contains("href=\"/x?a=1&amp;b=2\""));
    }
}
