//! XING-like networks from a seed: a heavy-tailed number of contacts per member (mean
//! about 100, at most 10,000) and most contacts inside the member's company and city.
//!
//! Members are shuffled into cities and the cities cut into companies, so vertex numbers
//! say nothing of where a member sits (as with ids handed out in order of sign-up).
//! Each member wants a degree drawn from a Lomax (shifted Pareto) law and opens half of it
//! as stubs. A stub picks a colleague evenly, or someone in the city or the whole network
//! in proportion to their wanted degree (Chung–Lu), so a member ends up near the degree
//! it wanted: about half from its own stubs, half from others'.

use crate::rng::Rng;

/// Bumped whenever the generator changes, so cached files of an older one are not used.
pub const VERSION: u32 = 2;
/// The most contacts a member may have (the application's limit).
pub const MAX_DEGREE: u32 = 10_000;
/// Lomax shape: the density falls as d^-(1 + SHAPE), i.e. d^-2.8, a professional
/// network's tail.
const SHAPE: f64 = 1.8;
/// Lomax scale, tuned so the mean degree after repeats and the cap is about 100.
const SCALE: f64 = 86.0;
/// Shares of a member's stubs aimed at its company and its city; the rest go anywhere.
const COMPANY_SHARE: f64 = 0.45;
const CITY_SHARE: f64 = 0.35;

/// The contacts of a generated network: `a < b`, sorted, without repeats.
pub fn generate(members: u32, seed: u64) -> Vec<(u32, u32)> {
    let n = members as usize;
    let mut rng = Rng::derived(seed, "generate");
    let wanted: Vec<u32> = (0..n).map(|_| wanted_degree(&mut rng)).collect();
    // Positions 0..n in a shuffled order; cities and companies are ranges of positions.
    let mut order: Vec<u32> = (0..members).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let (cities, companies) = clusters(n, &mut rng);
    // Cumulative wanted degree by position, for weighted picks inside any range.
    let mut cumulative = Vec::with_capacity(n + 1);
    let mut total = 0u64;
    cumulative.push(0);
    for &v in &order {
        total += u64::from(wanted[v as usize]);
        cumulative.push(total);
    }
    let mut contacts: Vec<(u32, u32)> = Vec::with_capacity(n * 52);
    for position in 0..n {
        let v = order[position];
        let stubs = (wanted[v as usize] + rng.below(2) as u32) / 2;
        let company = range_of(&companies, position);
        let city = range_of(&cities, position);
        // Never aim more stubs at a cluster than it has room for: the repeats would be lost.
        let in_company = (f64::from(stubs) * COMPANY_SHARE).round().min((company.1 - company.0) as f64 / 2.0) as u32;
        let in_city = (f64::from(stubs) * CITY_SHARE).round().min((city.1 - city.0) as f64 / 2.0) as u32;
        for stub in 0..stubs {
            let range = if stub < in_company {
                company
            } else if stub < in_company + in_city {
                city
            } else {
                (0, n)
            };
            // Colleagues know each other about evenly; in the city and beyond, the
            // well-connected are met more often.
            let w = if stub < in_company {
                order[range.0 + rng.below((range.1 - range.0) as u64) as usize]
            } else {
                order[weighted_pick(&cumulative, range, &mut rng)]
            };
            if w != v {
                contacts.push((v.min(w), v.max(w)));
            }
        }
    }
    drop(cumulative);
    drop(order);
    contacts.sort_unstable();
    contacts.dedup();
    cap_degrees(n, &mut contacts);
    contacts
}

fn wanted_degree(rng: &mut Rng) -> u32 {
    let lomax = SCALE * ((1.0 - rng.unit()).powf(-1.0 / SHAPE) - 1.0);
    (1.0 + lomax).min(f64::from(MAX_DEGREE)) as u32
}

/// Cities (ranges of positions) and the companies cut out of each.
fn clusters(n: usize, rng: &mut Rng) -> (Vec<usize>, Vec<usize>) {
    // Each list holds the start of every range plus `n` at the end.
    let mut cities = vec![0];
    let mut companies = vec![0];
    let mut start = 0;
    while start < n {
        let size = 2_000 + (20_000.0 * ((1.0 - rng.unit()).powf(-1.0 / 1.2) - 1.0)) as usize;
        let end = (start + size.min(n / 4 + 1)).min(n);
        let mut at = start;
        while at < end {
            let size = 4 + (40.0 * ((1.0 - rng.unit()).powf(-1.0 / 1.3) - 1.0)).min(5_000.0) as usize;
            at = (at + size).min(end);
            companies.push(at);
        }
        cities.push(end);
        start = end;
    }
    (cities, companies)
}

/// The `(start, end)` of the range holding `position`.
fn range_of(starts: &[usize], position: usize) -> (usize, usize) {
    let i = starts.partition_point(|&s| s <= position);
    (starts[i - 1], starts[i])
}

/// A position in `range`, chosen in proportion to wanted degree.
fn weighted_pick(cumulative: &[u64], (start, end): (usize, usize), rng: &mut Rng) -> usize {
    let low = cumulative[start];
    let x = low + rng.below(cumulative[end] - low);
    // The last position whose cumulative start is ≤ x.
    start + cumulative[start + 1..=end].partition_point(|&c| c <= x)
}

/// Drops contacts past [`MAX_DEGREE`] at either end (a few, at the largest members).
fn cap_degrees(n: usize, contacts: &mut Vec<(u32, u32)>) {
    let mut degree = vec![0u32; n];
    contacts.retain(|&(a, b)| {
        let keep = degree[a as usize] < MAX_DEGREE && degree[b as usize] < MAX_DEGREE;
        if keep {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        keep
    });
}

/// Mean, median, 99th percentile and largest degree, to print with the data set.
pub struct DegreeStats {
    pub mean: f64,
    pub median: u32,
    pub p99: u32,
    pub max: u32,
}

pub fn degree_stats(vertices: u32, contacts: &[(u32, u32)]) -> DegreeStats {
    let mut degree = vec![0u32; vertices as usize];
    for &(a, b) in contacts {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    degree.sort_unstable();
    let at = |p: f64| degree[((p * degree.len() as f64) as usize).min(degree.len() - 1)];
    DegreeStats {
        mean: 2.0 * contacts.len() as f64 / f64::from(vertices.max(1)),
        median: at(0.5),
        p99: at(0.99),
        max: degree.last().copied().unwrap_or(0),
    }
}
