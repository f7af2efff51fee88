//! The build's progress bar (indicatif): one step per unit/year rendered.
//! It stays hidden unless asked for, when stderr is not a terminal (indicatif
//! checks), and for the first half second, so small builds print nothing.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shown after this long, so that quick builds never flash a bar.
const DELAY: Duration = Duration::from_millis(500);

pub struct Bar {
    bar: Option<ProgressBar>,
    start: Instant,
}

impl Bar {
    /// A bar of `steps` unit/years; `show` = false gives one that does nothing.
    pub fn new(show: bool, steps: usize) -> Bar {
        let bar = show.then(|| {
            let b = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{elapsed:>4} [{bar:30}] {pos}/{len} 个单位年度") {
                b.set_style(style.progress_chars("=> "));
            }
            b
        });
        Bar { bar, start: Instant::now() }
    }

    /// One unit/year rendered (called from any thread).
    pub fn tick(&self) {
        if let Some(b) = &self.bar {
            if b.is_hidden() && self.start.elapsed() > DELAY {
                b.set_draw_target(ProgressDrawTarget::stderr());
            }
            b.inc(1);
        }
    }

    /// Remove the bar from the terminal.
    pub fn done(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
