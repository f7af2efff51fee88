//! The live state of `gongkai serve` (预览状态): after every build, what the
//! open pages need — whether the site was rewritten, and the diagnostics for
//! the overlay — numbered so that each page can tell it is out of date.
//! Server-sent-event threads wait on it ([`Live::wait_newer`]).

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::Serialize;

/// One diagnostic as the overlay shows it (for the publisher, so with its
/// file:line and field).
#[derive(Serialize, Clone)]
pub struct Item {
    /// 错误 or 警告.
    pub severity: &'static str,
    /// `file:line` (or `file!sheet!cell`).
    pub place: String,
    /// The field at fault, or empty.
    pub field: String,
    /// What is wrong, in plain Chinese.
    pub message: String,
}

/// The outcome of one build, as sent to the pages.
#[derive(Serialize, Clone, Default)]
pub struct State {
    /// Number of this build (1 for the first).
    pub build: u64,
    /// Number of the last build that wrote the site: a page served before
    /// it reloads.
    pub site: u64,
    /// The site was written by this build.
    pub written: bool,
    /// Error count.
    pub errors: usize,
    /// Warning count.
    pub warnings: usize,
    /// Every diagnostic of the build.
    pub items: Vec<Item>,
    /// A problem that stopped the build before the content was judged
    /// (`site.toml` gone, the output folder refused).
    pub problem: Option<String>,
}

impl State {
    /// The state after a build that ran.
    pub fn of(outcome: &crate::BuildOutcome) -> Self {
        let items = outcome
            .report
            .diagnostics
            .iter()
            .map(|d| Item { severity: d.severity.label(), place: d.place(), field: d.field.clone(), message: d.message.clone() })
            .collect();
        State { written: outcome.pages.is_some(), errors: outcome.report.errors(), warnings: outcome.report.warnings(), items, ..State::default() }
    }

    /// The state after a build that stopped with an error.
    pub fn failed(problem: String) -> Self {
        State { problem: Some(problem), ..State::default() }
    }
}

/// The latest [`State`] and a condition variable for the threads that wait
/// for the next one.
#[derive(Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    /// Number `state` as the next build and wake every waiting page.
    pub fn publish(&self, mut state: State) {
        let mut current = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.build = current.build + 1;
        state.site = if state.written { state.build } else { current.site };
        *current = state;
        self.changed.notify_all();
    }

    /// The number of the last build that wrote the site (the pages served
    /// now are its pages).
    pub fn site(&self) -> u64 {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).site
    }

    /// The state once its build number differs from `seen`, or `None` after
    /// `timeout` without a new build.
    pub fn wait_newer(&self, seen: u64, timeout: Duration) -> Option<State> {
        let guard = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self.changed.wait_timeout_while(guard, timeout, |s| s.build == seen).unwrap_or_else(|p| p.into_inner());
        (guard.build != seen).then(|| guard.clone())
    }
}
