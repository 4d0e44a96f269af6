//! Progress of long commands: a bar on a terminal, plain lines otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Reports how far a counted job has come.
pub struct Progress {
    label: &'static str,
    total: u64,
    done: u64,
    bar: Option<ProgressBar>,
    next_line_at: u64,
}

impl Progress {
    /// Starts reporting a job of `total` units.
    pub fn new(label: &'static str, total: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            bar.set_message(label);
            bar
        });
        Progress {
            label,
            total,
            done: 0,
            bar,
            next_line_at: 0,
        }
    }

    /// Records `n` more units done.
    pub fn advance(&mut self, n: u64) {
        self.done += n;
        match &self.bar {
            Some(bar) => bar.set_position(self.done),
            None if self.done >= self.next_line_at || self.done >= self.total => {
                eprintln!(
                    "{}: {}/{}",
                    self.label,
                    self.done.min(self.total),
                    self.total
                );
                // A line per tenth keeps logs short.
                self.next_line_at = self.done + (self.total / 10).max(1);
            }
            None => {}
        }
    }

    /// Ends the report.
    pub fn finish(self) {
        match self.bar {
            Some(bar) => bar.finish(),
            None => eprintln!("{}: done ({})", self.label, self.done),
        }
    }
}
