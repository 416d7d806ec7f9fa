//! A small seeded generator (SplitMix64): the same seed gives the same graphs, pairs and
//! writes on every machine, without a `rand` dependency.

pub struct Rng(u64);

impl Rng {
    /// A generator for one purpose, so adding draws to one phase leaves the others alone.
    pub fn derived(seed: u64, purpose: &str) -> Self {
        let mut state = seed ^ 0x5851_f42d_4c95_7f2d;
        for byte in purpose.bytes() {
            state = (state ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut rng = Self(state);
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound > 0`); the multiply-shift bias is far below what a
    /// benchmark could notice.
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `count` random pairs of distinct members below `vertices`.
pub fn pairs(vertices: u32, count: usize, seed: u64, name: &str) -> Vec<(u32, u32)> {
    let mut rng = Rng::derived(seed, &format!("pairs/{name}"));
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let a = rng.below(u64::from(vertices)) as u32;
        let b = rng.below(u64::from(vertices)) as u32;
        if a != b {
            out.push((a, b));
        }
    }
    out
}
