//! "Newest request wins", the pattern of searching as you type and of opening reports while
//! keys repeat: each request carries a generation number; a worker runs only the newest
//! request still waiting ([`Newest`], a later one replaces it), and the UI lets only the
//! answer to its newest request land ([`Generations`]). Searches and report loads use both.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The UI's side: numbers requests, and tells whether an answer is to the newest one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generations {
    newest: u64,
    answered: u64,
}

impl Generations {
    /// Numbers a new request, making every earlier one stale.
    pub fn issue(&mut self) -> u64 {
        self.newest += 1;
        self.newest
    }

    /// The generation of the newest request.
    #[must_use]
    pub fn newest(&self) -> u64 {
        self.newest
    }

    /// Whether an answer of `generation` may land: only the newest request's does, and
    /// it is then marked answered. A stale answer never overwrites a newer one.
    pub fn accept(&mut self, generation: u64) -> bool {
        if generation != self.newest {
            return false;
        }
        self.answered = generation;
        true
    }

    /// Whether the newest request is still waiting for its answer.
    #[must_use]
    pub fn pending(&self) -> bool {
        self.answered != self.newest
    }

    /// Marks the newest request answered without an answer (nothing was asked for).
    pub fn settle(&mut self) {
        self.answered = self.newest;
    }
}

struct Slot<R> {
    request: Option<(u64, R)>,
    closed: bool,
}

/// The worker's side: the newest request not yet started. Submitting replaces a waiting
/// request; a worker thread [`take`](Newest::take)s one at a time.
pub struct Newest<R> {
    slot: Mutex<Slot<R>>,
    changed: Condvar,
}

impl<R> Default for Newest<R> {
    fn default() -> Self {
        Newest {
            slot: Mutex::new(Slot {
                request: None,
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }
}

impl<R> Newest<R> {
    fn lock(&self) -> MutexGuard<'_, Slot<R>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues a request, dropping any waiting one (its answer would be stale anyway).
    pub fn submit(&self, generation: u64, request: R) {
        self.lock().request = Some((generation, request));
        self.changed.notify_all();
    }

    /// Waits for a request and takes it; `None` once the queue is closed.
    pub fn take(&self) -> Option<(u64, R)> {
        let mut s = self.lock();
        loop {
            if s.closed {
                return None;
            }
            if let Some(r) = s.request.take() {
                return Some(r);
            }
            s = self.changed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Whether a request is waiting (or the queue is closed): a worker holding an older
    /// one can drop it.
    pub fn superseded(&self) -> bool {
        let s = self.lock();
        s.closed || s.request.is_some()
    }

    /// Stops the workers waiting on this queue; requests still waiting are dropped.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::mpsc;

    #[test]
    fn an_older_answer_never_overwrites_a_newer_one() {
        let mut g = Generations::default();
        assert!(!g.pending());
        let first = g.issue();
        let second = g.issue();
        assert!(g.pending());
        // The answer to the newer request lands; the older one, arriving late, does not.
        assert!(g.accept(second));
        assert!(!g.pending());
        assert!(!g.accept(first));
        // Nor does an older answer arriving first, before the newest one.
        let third = g.issue();
        assert!(!g.accept(second));
        assert!(g.pending());
        assert!(g.accept(third));
        assert_eq!(g.newest(), third);
        // A request answered without an answer.
        g.issue();
        g.settle();
        assert!(!g.pending());
    }

    #[test]
    fn a_request_in_hand_is_superseded_by_a_newer_one_or_a_close() {
        let q = Newest::default();
        q.submit(1, "关键词");
        assert_eq!(q.take(), Some((1, "关键词")));
        assert!(!q.superseded(), "nothing newer yet");
        q.submit(2, "趋势");
        assert!(q.superseded());
        assert_eq!(q.take(), Some((2, "趋势")));
        assert!(!q.superseded());
        q.close();
        assert!(q.superseded());
    }

    #[test]
    fn a_waiting_request_is_replaced_by_a_newer_one() {
        let q = Newest::default();
        q.submit(1, "乡");
        q.submit(2, "乡村");
        q.submit(3, "乡村振兴");
        assert_eq!(q.take(), Some((3, "乡村振兴")));
        q.submit(4, "煤");
        assert_eq!(q.take(), Some((4, "煤")));
        q.close();
        assert_eq!(q.take(), None);
    }

    #[test]
    fn a_worker_waits_for_requests_and_stops_on_close() {
        let q = Arc::new(Newest::<String>::default());
        let (tx, rx) = mpsc::channel();
        let worker = {
            let q = q.clone();
            std::thread::spawn(move || {
                while let Some((g, r)) = q.take() {
                    tx.send((g, r)).unwrap();
                }
            })
        };
        q.submit(7, "高质量发展".to_string());
        assert_eq!(
            rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap(),
            (7, "高质量发展".to_string())
        );
        q.close();
        worker.join().unwrap();
    }
}
