//! `shart bench`'s picture of the gas report (`docs/gas-chart.svg`): per
//! message, a bar for `service_agreement` beside the unguarded baseline's
//! (where it has the operation) and the PSP22 reference's `transfer`, each
//! split into the cost of loading the code and what runs after it, so a
//! reviewer sees at a glance where the gas goes.
use std::path::Path;

use anyhow::{anyhow, Result};
use plotters::{
    prelude::*,
    style::text_anchor::{HPos, Pos, VPos},
};

use crate::bench::{code_load_ref_time, Measurements, Row};

/// One bar: its label, the code-load part and the rest, in ref_time.
struct Bar {
    label: String,
    load: u64,
    rest: u64,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Shart,
    Baseline,
    Reference,
}

impl Kind {
    fn colours(self) -> (RGBColor, RGBColor) {
        match self {
            Kind::Shart => (RGBColor(31, 78, 140), RGBColor(120, 170, 225)),
            Kind::Baseline => (RGBColor(90, 90, 90), RGBColor(190, 190, 190)),
            Kind::Reference => (RGBColor(40, 120, 60), RGBColor(140, 205, 150)),
        }
    }
}

fn split(gas: u64, code: usize) -> (u64, u64) {
    let load = code_load_ref_time(code).min(gas);
    (load, gas.saturating_sub(load))
}

/// A row's label without the second half of its note: `accept_agreement
/// (last party: effective)` reads `accept_agreement (last party)`.
fn short(label: &str) -> String {
    match label.split_once([':', ';']) {
        Some((head, _)) if head.contains('(') => format!("{head})"),
        Some((head, _)) => head.to_owned(),
        None => label.to_owned(),
    }
}

fn bars(m: &Measurements, baseline_code: usize) -> Vec<Bar> {
    let mut out = Vec::new();
    if let Some(t) = m.reference.last() {
        let (load, rest) = split(t.gas.ref_time, t.code);
        out.push(Bar {
            label: "PSP22 transfer (Cardinal psp22 2.0.0)".to_owned(),
            load,
            rest,
            kind: Kind::Reference,
        });
    }
    // Instantiation brings its code in the transaction: not a call's load.
    for r in m.rows.iter().filter(|r| !r.message.starts_with("new")) {
        let Row {
            message,
            gas,
            baseline,
            code,
        } = r;
        let (load, rest) = split(gas.ref_time, *code);
        let name = short(message);
        out.push(Bar {
            label: name.clone(),
            load,
            rest,
            kind: Kind::Shart,
        });
        if let Some(b) = baseline {
            let (load, rest) = split(b.ref_time, baseline_code);
            out.push(Bar {
                label: format!("{name}, baseline"),
                load,
                rest,
                kind: Kind::Baseline,
            });
        }
    }
    out
}

/// Draws the chart of `m` to `path` (SVG).
///
/// # Errors
///
/// If the file cannot be written.
pub fn draw(m: &Measurements, path: &Path) -> Result<()> {
    let baseline_code = m.wasm_size("baseline_escrow");
    let bars = bars(m, baseline_code);
    let n = bars.len();
    let max = bars
        .iter()
        .map(|b| b.load.saturating_add(b.rest))
        .max()
        .unwrap_or(1) as f64
        / 1e9;
    let height = u32::try_from(n)
        .unwrap_or(u32::MAX)
        .saturating_mul(22)
        .saturating_add(160);
    let err = |e: &dyn std::fmt::Display| anyhow!("drawing {}: {e}", path.display());
    let root = SVGBackend::new(path, (1100, height)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Gas per call (ref_time): code load (dark) and the rest (light)",
            ("sans-serif", 20),
        )
        .margin(12)
        .margin_bottom(36)
        .x_label_area_size(44)
        .y_label_area_size(340)
        .build_cartesian_2d(0f64..max * 1.05, 0f64..n as f64)
        .map_err(|e| err(&e))?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .light_line_style(WHITE)
        .y_labels(0)
        .x_desc("ref_time, G (10^9 ps)")
        .draw()
        .map_err(|e| err(&e))?;
    let top = |i: usize| n.saturating_sub(i) as f64;
    for (i, bar) in bars.iter().enumerate() {
        let (dark, light) = bar.kind.colours();
        let (y0, y1) = (top(i) - 0.85, top(i) - 0.15);
        let load = bar.load as f64 / 1e9;
        let all = (bar.load.saturating_add(bar.rest)) as f64 / 1e9;
        chart
            .draw_series([
                Rectangle::new([(0.0, y0), (load, y1)], dark.filled()),
                Rectangle::new([(load, y0), (all, y1)], light.filled()),
            ])
            .map_err(|e| err(&e))?;
        chart
            .draw_series([Text::new(
                format!("{all:.2}"),
                (all + max * 0.005, top(i) - 0.5),
                ("sans-serif", 12)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )])
            .map_err(|e| err(&e))?;
        let (px, py) = chart.backend_coord(&(0.0, top(i) - 0.5));
        root.draw(&Text::new(
            bar.label.clone(),
            (px.saturating_sub(8), py),
            ("sans-serif", 13)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(|e| err(&e))?;
    }
    // The legend: one swatch per kind of bar.
    for (k, (kind, text)) in [
        (Kind::Shart, "service_agreement: hot code, or hot and cold"),
        (Kind::Baseline, "baseline_escrow (no safeguards)"),
        (Kind::Reference, "PSP22 reference"),
    ]
    .into_iter()
    .enumerate()
    {
        let (dark, light) = kind.colours();
        let x = 200 + i32::try_from(k).unwrap_or(0) * 330;
        let y = i32::try_from(height).unwrap_or(i32::MAX) - 16;
        root.draw(&Rectangle::new(
            [(x, y - 6), (x + 10, y + 6)],
            dark.filled(),
        ))
        .map_err(|e| err(&e))?;
        root.draw(&Rectangle::new(
            [(x + 10, y - 6), (x + 20, y + 6)],
            light.filled(),
        ))
        .map_err(|e| err(&e))?;
        root.draw(&Text::new(
            text,
            (x + 26, y),
            ("sans-serif", 12)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(|e| err(&e))?;
    }
    root.present().map_err(|e| err(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn a_label_keeps_its_note_up_to_a_colon_or_semicolon() {
        assert_eq!(short("fund"), "fund");
        assert_eq!(
            short("approve_milestone (release)"),
            "approve_milestone (release)"
        );
        assert_eq!(
            short("accept_agreement (last party: effective)"),
            "accept_agreement (last party)"
        );
        assert_eq!(
            short("execute_decision (automated release; baseline: auto_release)"),
            "execute_decision (automated release)"
        );
    }
}
