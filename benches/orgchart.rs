//! Org chart layout on random trees: `cargo bench --bench orgchart` prints
//! a Markdown table of each case's median time and peak memory.

mod support;

use std::hint::black_box;

use handbook::model::RoleId;
use handbook::orgchart::{
    layout, layout_as, to_svg, Chart, LayoutOptions, NodeKind, Style, SvgOptions,
};

/// xorshift64*: a fixed seed gives the same trees on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random recursive tree (each role reports to an earlier one) with
/// titles of 2 to 12 ideographs.
fn random_chart(roles: usize, seed: u64) -> Chart {
    let mut rng = Rng(seed);
    let mut chart = Chart::new();
    for i in 0..roles {
        let parent = (i > 0).then(|| rng.below(i));
        let title: String = (0..2 + rng.below(11))
            .map(|_| char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap_or('岗'))
            .collect();
        let id = RoleId::parse(&format!("r{i}")).expect("r<number> is a slug");
        chart.add(parent, NodeKind::Role(id), title);
    }
    chart
}

fn main() {
    let options = LayoutOptions::default();
    let svg_options = SvgOptions::default();
    println!("| roles | runs | tree | indented | auto | auto + SVG | peak memory (at start) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for (roles, runs) in [(1_000, 51), (10_000, 21)] {
        let chart = random_chart(roles, 0x5EED_0000 + roles as u64);
        let tree = support::measure(runs, || layout_as(&chart, &options, Style::Tree));
        let indented = support::measure(runs, || layout_as(&chart, &options, Style::Indented));
        let auto = support::measure(runs, || layout(&chart, &options));
        let svg = support::measure(runs, || {
            to_svg(black_box(&chart), &svg_options, &|id| format!("{id}.html"))
        });
        let cases = [tree, indented, auto, svg];
        let cells = cases.each_ref().map(|m| support::ms(m.median()));
        println!(
            "| {roles} | {runs} | {} | {} |",
            cells.join(" | "),
            support::memory_cell(support::Memory::largest(&cases))
        );
    }
}
