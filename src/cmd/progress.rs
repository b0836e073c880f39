//! The progress line of the papers on a terminal (nothing in CI logs or
//! with `--quiet`): `receipts and forms [=====>    ] 120/600 85/s eta 6s`,
//! redrawn at most ten times a second on stderr.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use gazette::papers::run::Progress;

use super::Verbosity;

const WIDTH: u64 = 30;
const EVERY: Duration = Duration::from_millis(100);

pub struct Bar {
    shown: bool,
    /// What is counted, in the language in use.
    label: String,
    total: AtomicU64,
    done: AtomicU64,
    /// When counting started, and when the line was last drawn.
    clock: Mutex<Option<(Instant, Instant)>>,
}

impl Bar {
    pub fn new(verbosity: Verbosity, label: String) -> Bar {
        Bar {
            shown: verbosity != Verbosity::Quiet && std::io::stderr().is_terminal(),
            label,
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
            clock: Mutex::new(None),
        }
    }

    fn draw(&self, force: bool) {
        let Ok(mut clock) = self.clock.lock() else {
            return;
        };
        let now = Instant::now();
        let Some((started, last)) = clock.as_mut() else {
            return;
        };
        if !force && now.duration_since(*last) < EVERY {
            return;
        }
        *last = now;
        let line = line(
            &self.label,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
            now.duration_since(*started),
        );
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
    }
}

/// The line for `done` of `total` after `spent`.
fn line(label: &str, done: u64, total: u64, spent: Duration) -> String {
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    let mut bar = "=".repeat(filled as usize);
    if filled < WIDTH {
        bar.push('>');
        bar.push_str(&" ".repeat((WIDTH - filled - 1) as usize));
    }
    let rate = done as f64 / spent.as_secs_f64().max(1e-3);
    let eta = if rate > 0.0 {
        let s = (total.saturating_sub(done) as f64 / rate).round() as u64;
        if s >= 60 {
            format!("{}m{:02}s", s / 60, s % 60)
        } else {
            format!("{s}s")
        }
    } else {
        "?".into()
    };
    format!("{label} [{bar}] {done}/{total} {rate:.0}/s eta {eta}")
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        if self.shown {
            if let Ok(mut clock) = self.clock.lock() {
                let now = Instant::now();
                *clock = Some((now, now));
            }
            self.draw(true);
        }
    }

    fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        if self.shown {
            self.draw(false);
        }
    }

    fn finish(&self) {
        let started = self.clock.lock().ok().and_then(|mut c| c.take());
        if started.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_count_rate_and_time_left() {
        let l = line("receipts and forms", 150, 600, Duration::from_secs(2));
        assert_eq!(
            l,
            "receipts and forms [=======>                      ] 150/600 75/s eta 6s"
        );
        let done = line("receipts and forms", 600, 600, Duration::from_secs(100));
        assert!(
            done.contains("[==============================] 600/600 6/s eta 0s"),
            "{done}"
        );
        assert!(line("receipts and forms", 0, 0, Duration::ZERO).ends_with("0/0 0/s eta ?"));
    }
}
