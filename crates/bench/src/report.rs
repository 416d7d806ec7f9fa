//! The figures of one graph, printed as a table with the goals beside them.

use crate::generate::DegreeStats;
use crate::measure::Summary;
use crate::queries::Query;

pub struct Versus {
    pub system: &'static str,
    pub pairs: usize,
    pub answered: usize,
    pub timeouts: usize,
    pub theirs: Summary,
    /// The live graph on the same pairs: three paths, as everywhere else, and one path,
    /// as the other system answers (the goal is judged on the latter).
    pub live: Summary,
    pub live_one_path: Summary,
    pub goal: f64,
}

pub struct WriteFigures {
    pub changes_per_second: f64,
    pub changes: u64,
    pub compactions: u32,
    pub compaction_seconds: f64,
    pub during: [Summary; 4],
}

pub struct SqliteFigures {
    pub contacts: usize,
    pub seconds: f64,
    pub loaded_now: bool,
}

#[derive(Default)]
pub struct GraphReport {
    pub name: String,
    pub vertices: u32,
    pub contacts: usize,
    pub degrees: Option<DegreeStats>,
    pub large: bool,
    pub build_seconds: f64,
    pub bare_build_seconds: f64,
    pub bytes_per_contact: f64,
    pub bytes_after_writes: Option<f64>,
    pub live: [Summary; 4],
    pub bare: [Summary; 4],
    pub writes: Option<WriteFigures>,
    pub private: Option<[Summary; 4]>,
    pub versus: Vec<Versus>,
    pub sqlite: Option<SqliteFigures>,
    /// Lines about what was left out or how, printed under the table.
    pub notes: Vec<String>,
    /// What was checked and found to agree.
    pub checked: Vec<String>,
    pub failures: Vec<String>,
}

/// One goal, measured: (graph, figure, measured, goal, met).
pub type Verdict = (String, String, String, String, bool);

pub fn time(nanos: u64) -> String {
    let n = nanos as f64;
    if n < 1e3 {
        format!("{n:.0} ns")
    } else if n < 1e6 {
        format!("{:.1} µs", n / 1e3)
    } else if n < 1e9 {
        format!("{:.2} ms", n / 1e6)
    } else {
        format!("{:.2} s", n / 1e9)
    }
}

pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / (b as f64).max(1.0)
}

fn mark(met: bool) -> &'static str {
    if met { "met" } else { "NOT MET" }
}

impl GraphReport {
    /// The goals this graph's figures are held to.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let mut out = Vec::new();
        let mut add = |figure: String, measured: String, goal: &str, met: bool| {
            out.push((self.name.clone(), figure, measured, goal.to_string(), met));
        };
        let rate = self.contacts as f64 / self.build_seconds.max(1e-9);
        add("build rate".into(), format!("{:.2} M contacts/s", rate / 1e6), "≥ 1 M contacts/s", rate >= 1e6);
        add(
            "bytes per contact".into(),
            format!("{:.2}", self.bytes_per_contact),
            "≤ 12",
            self.bytes_per_contact <= 12.0,
        );
        if let Some(after) = self.bytes_after_writes {
            add("bytes per contact after writes".into(), format!("{after:.2}"), "≤ 12", after <= 12.0);
        }
        for (i, q) in Query::ALL.into_iter().enumerate() {
            let (l, b) = (self.live[i], self.bare[i]);
            let (r50, r99) = (ratio(l.p50, b.p50), ratio(l.p99, b.p99));
            add(
                format!("{} live/bare", q.label()),
                format!("{r50:.2}× p50, {r99:.2}× p99"),
                "≤ 1.5×",
                r50 <= 1.5 && r99 <= 1.5,
            );
        }
        if self.large {
            let (path, sugg) = (self.live[0].p99, self.live[2].p99);
            add("path p99".into(), time(path), "≤ 2 ms", path <= 2_000_000);
            add("suggestions p99".into(), time(sugg), "≤ 10 ms", sugg <= 10_000_000);
        }
        if let Some(w) = &self.writes {
            add(
                "changes/s while querying".into(),
                format!("{:.0}", w.changes_per_second),
                "≥ 100,000",
                w.changes_per_second >= 100_000.0,
            );
        }
        for v in &self.versus {
            let (one, three) = (ratio(v.theirs.p50, v.live_one_path.p50), ratio(v.theirs.p50, v.live.p50));
            let goal = format!("≥ {}×", count(v.goal as u64));
            let measured = format!("{one:.0}× (3 paths: {three:.0}×)");
            add(format!("live vs {} at p50, one path each", v.system), measured, &goal, one >= v.goal);
        }
        if let Some(s) = &self.sqlite {
            let rate = s.contacts as f64 / s.seconds.max(1e-9);
            add("build from SQLite".into(), format!("{:.2} M contacts/s", rate / 1e6), "≥ 1 M contacts/s", rate >= 1e6);
        }
        out
    }

    pub fn print(&self) {
        println!();
        let mut head = format!(
            "══ {}: {} members, {} contacts",
            self.name,
            count(u64::from(self.vertices)),
            count(self.contacts as u64)
        );
        if let Some(d) = &self.degrees {
            head += &format!(
                "; contacts per member: mean {:.1}, median {}, p99 {}, max {}",
                d.mean, d.median, d.p99, d.max
            );
        }
        println!("{head}");
        println!(
            "  build {:.2} s ({:.2} M contacts/s; bare CSR {:.2} s); {:.2} bytes/contact{}",
            self.build_seconds,
            self.contacts as f64 / self.build_seconds.max(1e-9) / 1e6,
            self.bare_build_seconds,
            self.bytes_per_contact,
            self.bytes_after_writes
                .map_or(String::new(), |b| format!(", {b:.2} right after the writes (delta included)"))
        );
        println!(
            "  {:<22} {:>7} {:>10} {:>10} {:>10} {:>10} {:>7} {:>7}",
            "query (one thread)", "pairs", "live p50", "live p99", "bare p50", "bare p99", "×p50", "×p99"
        );
        for (i, q) in Query::ALL.into_iter().enumerate() {
            let (l, b) = (self.live[i], self.bare[i]);
            println!(
                "  {:<22} {:>7} {:>10} {:>10} {:>10} {:>10} {:>6.2}× {:>6.2}×",
                q.label(),
                l.count,
                time(l.p50),
                time(l.p99),
                time(b.p50),
                time(b.p99),
                ratio(l.p50, b.p50),
                ratio(l.p99, b.p99)
            );
        }
        if let Some(w) = &self.writes {
            println!(
                "  while a writer applied {:.0} changes/s ({} changes, {} compaction(s), {:.1} s compacting):",
                w.changes_per_second,
                count(w.changes),
                w.compactions,
                w.compaction_seconds
            );
            self.compare("during writes", &w.during);
        }
        if let Some(p) = &self.private {
            println!("  with privacy settings ({}):", crate::privacy::MIX);
            self.compare("privacy", p);
        }
        for v in &self.versus {
            println!(
                "  vs {}: {} pairs, {} answered, {} timed out; theirs p50 {} p99 {}",
                v.system,
                v.pairs,
                v.answered,
                v.timeouts,
                time(v.theirs.p50),
                time(v.theirs.p99),
            );
            println!(
                "      live on the same pairs: 1 path p50 {} p99 {} → {:.0}× at p50; 3 paths p50 {} p99 {} → {:.0}× at p50",
                time(v.live_one_path.p50),
                time(v.live_one_path.p99),
                ratio(v.theirs.p50, v.live_one_path.p50),
                time(v.live.p50),
                time(v.live.p99),
                ratio(v.theirs.p50, v.live.p50)
            );
        }
        if let Some(s) = &self.sqlite {
            println!(
                "  from SQLite: {} contacts read and built in {:.2} s = {:.2} M contacts/s{}",
                count(s.contacts as u64),
                s.seconds,
                s.contacts as f64 / s.seconds.max(1e-9) / 1e6,
                if s.loaded_now { " (database loaded in this run)" } else { "" }
            );
        }
        println!("  goals:");
        for (_, figure, measured, goal, met) in self.verdicts() {
            println!("    {figure:<40} {measured:<28} goal {goal:<18} {}", mark(met));
        }
        for line in &self.checked {
            println!("  agrees: {line}");
        }
        for line in &self.notes {
            println!("  note: {line}");
        }
        for line in &self.failures {
            println!("  DISAGREEMENT: {line}");
        }
    }

    /// Live figures of another pass beside the quiet ones.
    fn compare(&self, label: &str, other: &[Summary; 4]) {
        println!("  {:<22} {:>7} {:>10} {:>10} {:>10} {:>10}", "", "pairs", "quiet p50", "quiet p99", "p50", "p99");
        for (i, q) in Query::ALL.into_iter().enumerate() {
            let (l, o) = (self.live[i], other[i]);
            println!(
                "  {:<22} {:>7} {:>10} {:>10} {:>10} {:>10}   {label}: {:.2}× p50, {:.2}× p99",
                q.label(),
                o.count,
                time(l.p50),
                time(l.p99),
                time(o.p50),
                time(o.p99),
                ratio(o.p50, l.p50),
                ratio(o.p99, l.p99)
            );
        }
    }
}

pub fn print_summary(reports: &[GraphReport]) {
    println!();
    println!("══ all goals");
    for r in reports {
        for (graph, figure, measured, goal, met) in r.verdicts() {
            println!("  {graph:<12} {figure:<40} {measured:<28} goal {goal:<18} {}", mark(met));
        }
    }
}
