//! A small deterministic generator (SplitMix64): the same seed gives the
//! same handbook on every machine, with no dependency.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    /// One text of `pool`, or `""` when it is empty.
    pub fn pick<'a>(&mut self, pool: &'a [String]) -> &'a str {
        match pool.len() {
            0 => "",
            n => &pool[self.between(0, n - 1)],
        }
    }
}
