//! Org chart layout times on random trees: `cargo bench --bench orgchart`.
//!
//! Plain `std::time`, no harness: each case runs a number of times and the
//! median is printed, so one slow run (a page fault, another process) does
//! not move the figure.

use std::hint::black_box;
use std::time::{Duration, Instant};

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

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let options = LayoutOptions::default();
    let svg_options = SvgOptions::default();
    println!(
        "{:<8} {:>12} {:>12} {:>12} {:>14}",
        "roles", "tree", "indented", "auto", "auto + SVG"
    );
    for (roles, runs) in [(1_000, 51), (10_000, 21)] {
        let chart = random_chart(roles, 0x5EED_0000 + roles as u64);
        let tree = median(runs, || {
            black_box(layout_as(&chart, &options, Style::Tree));
        });
        let indented = median(runs, || {
            black_box(layout_as(&chart, &options, Style::Indented));
        });
        let auto = median(runs, || {
            black_box(layout(&chart, &options));
        });
        let svg = median(runs, || {
            black_box(to_svg(&chart, &svg_options, &|id| format!("{id}.html")));
        });
        println!(
            "{roles:<8} {:>9.2} ms {:>9.2} ms {:>9.2} ms {:>11.2} ms",
            ms(tree),
            ms(indented),
            ms(auto),
            ms(svg)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
