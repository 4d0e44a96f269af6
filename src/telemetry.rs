//! Logs and metrics.

use std::{io::IsTerminal, sync::OnceLock, time::Duration};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::config::LogFormat;

/// Starts logging to standard error in `format`; `RUST_LOG` narrows or widens it.
pub fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        // Colours only for a person at a terminal: in a file or a log collector the
        // escape codes are noise that breaks searching.
        LogFormat::Pretty => registry
            .with(
                fmt::layer()
                    .with_ansi(std::io::stderr().is_terminal())
                    .with_writer(std::io::stderr),
            )
            .try_init(),
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_writer(std::io::stderr),
            )
            .try_init(),
    };
    // A second start in one process (tests) keeps the first subscriber.
    drop(result);
}

/// How often histogram samples are folded into their buckets.
const METRICS_UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The process-wide Prometheus recorder, installed on first use, with its upkeep.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Suffix("duration_seconds".into()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                    ],
                )
                .expect("the bucket list is not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder was installed first; then metrics go there.
            let _ = metrics::set_global_recorder(recorder);
            // The recorder keeps every histogram sample until something folds them
            // into the buckets (a scrape, or this): a service nobody scrapes would
            // otherwise grow by a few bytes a request for as long as it runs.
            let upkeep = handle.clone();
            let started = std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(METRICS_UPKEEP_EVERY);
                        upkeep.run_upkeep();
                    }
                });
            if let Err(err) = started {
                tracing::warn!(error = %err, "no metrics upkeep: histograms grow until scraped");
            }
            handle
        })
        .clone()
}
