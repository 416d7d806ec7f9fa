//! Importers for `kontor import` and `kontor demo`.

pub mod edges;
pub mod history;
pub mod ldbc;

/// Shows how far a long import has come, on one line of standard error.
pub struct Progress {
    what: &'static str,
    total: usize,
    done: usize,
}

impl Progress {
    pub fn new(what: &'static str, total: usize) -> Self {
        Self { what, total, done: 0 }
    }

    pub fn advance(&mut self, by: usize) {
        self.done += by;
        let percent = (self.done * 100).checked_div(self.total).unwrap_or(100);
        eprint!("\r{}: {}/{} ({percent}%)", self.what, self.done, self.total);
        if self.done >= self.total {
            eprintln!();
        }
    }
}
