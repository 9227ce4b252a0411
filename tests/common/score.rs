//! One field's score on a labelled set: right answers out of those scored, with the
//! failures (shared by the unseen-set scorers, `tests/unseen.rs` and
//! `tests/unseen_targets.rs`).

#[derive(Default)]
pub struct Field {
    pub right: usize,
    pub scored: usize,
    pub failures: Vec<String>,
}

impl Field {
    pub fn record(&mut self, ok: bool, failure: impl FnOnce() -> String) {
        self.scored += 1;
        if ok {
            self.right += 1;
        } else {
            self.failures.push(failure());
        }
    }

    pub fn percent(&self) -> f64 {
        if self.scored == 0 {
            100.0
        } else {
            100.0 * self.right as f64 / self.scored as f64
        }
    }
}
