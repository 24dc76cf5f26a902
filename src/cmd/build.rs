//! `handbook build`: the site, with a progress bar on a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use handbook::output::Progress;

use handbook::diagnostics::Reader;

use super::{error_text, summary_line, OutputArgs};

pub fn run(
    root: PathBuf,
    output: OutputArgs,
    compare_to: Option<PathBuf>,
    reader: Reader,
) -> Result<(), String> {
    let mut options = output.options(&root);
    options.compare_to = compare_to;
    let progress = Arc::new(Progress::default());
    let bar = ProgressDisplay::start(progress.clone());
    let result = handbook::pipeline::build_reporting(&options, Some(progress));
    bar.stop();
    let summary = result.map_err(|e| error_text(&e, &root, reader))?;
    println!("{}", summary_line(&summary, reader));
    Ok(())
}

/// A progress bar on the terminal for builds that take more than a second;
/// nothing when standard error is not a terminal.
struct ProgressDisplay {
    finished: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressDisplay {
    fn start(progress: Arc<Progress>) -> ProgressDisplay {
        let finished = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let finished = finished.clone();
            std::thread::spawn(move || show_progress(&progress, &finished))
        });
        ProgressDisplay { finished, thread }
    }

    fn stop(mut self) {
        self.finished.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn show_progress(progress: &Progress, finished: &AtomicBool) {
    let started = Instant::now();
    let tick = Duration::from_millis(100);
    while started.elapsed() < Duration::from_secs(1) {
        if finished.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(tick);
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages ({elapsed})");
    if let Ok(style) = style {
        bar.set_style(style);
    }
    while !finished.load(Ordering::Relaxed) {
        let (done, total) = progress.get();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        std::thread::sleep(tick);
    }
    bar.finish_and_clear();
}
