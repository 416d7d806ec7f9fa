//! For the operator and the load balancer: `/healthz` and `/metrics`.

use crate::state::AppState;
use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::fmt::Write;
use std::net::SocketAddr;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics))
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.kontor.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}

/// Who may read `/metrics`: with a configured token, whoever sends it; without one,
/// this machine's own requests (a scraper beside Kontor), unless the operator opened
/// them to all. A request a proxy forwarded is not this machine's, even from loopback.
fn metrics_refused(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Option<Response> {
    if let Some(token) = &state.settings.metrics_token {
        let given =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        let refused = (StatusCode::UNAUTHORIZED, "metrics need the configured bearer token\n");
        return (given != Some(token.as_str())).then(|| refused.into_response());
    }
    let forwarded = ["x-forwarded-for", "forwarded", "x-real-ip"].iter().any(|h| headers.contains_key(*h));
    if state.settings.metrics_open || (peer.ip().is_loopback() && !forwarded) {
        return None;
    }
    let refused = "metrics answer only on this machine: set metrics_token (or metrics_open) in kontor.toml\n";
    Some((StatusCode::FORBIDDEN, refused).into_response())
}

/// Prometheus text format: how far this node's indexes lag behind the change log, and
/// the job queue.
async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = metrics_refused(&state, peer, &headers) {
        return refused;
    }
    let store = state.kontor.store();
    let applied = state.kontor.derived().tailer.applied();
    let mut out = String::new();
    let backend = store.backend();
    let _ = writeln!(out, "# HELP kontor_info The store this node runs on.\n# TYPE kontor_info gauge");
    let _ = writeln!(out, "kontor_info{{backend=\"{backend}\",version=\"{}\"}} 1", env!("CARGO_PKG_VERSION"));
    match store.pending_changes(applied).await {
        Ok((pending, oldest)) => {
            let lag_seconds = oldest.map_or(0.0, |at| (state.kontor.now() - at).as_seconds_f64().max(0.0));
            let _ = writeln!(
                out,
                "# HELP kontor_index_lag_entries Change-log entries this node has not applied yet.\n# TYPE kontor_index_lag_entries gauge"
            );
            let _ = writeln!(
                out,
                "# HELP kontor_index_lag_seconds Age of the oldest change-log entry this node has not applied.\n# TYPE kontor_index_lag_seconds gauge"
            );
            for index in state.kontor.derived().tailer.index_names() {
                let _ = writeln!(out, "kontor_index_lag_entries{{index=\"{index}\"}} {pending}");
                let _ = writeln!(out, "kontor_index_lag_seconds{{index=\"{index}\"}} {lag_seconds:.3}");
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: change log unavailable"),
    }
    let _ = writeln!(
        out,
        "# HELP kontor_changelog_applied_seq Position this node has applied.\n# TYPE kontor_changelog_applied_seq gauge"
    );
    let _ = writeln!(out, "kontor_changelog_applied_seq {}", applied.seq);
    let _ = writeln!(
        out,
        "# HELP kontor_db_statements_total Statements this process sent to the database.\n# TYPE kontor_db_statements_total counter"
    );
    let _ = writeln!(out, "kontor_db_statements_total {}", store.statements_run());
    let _ =
        writeln!(out, "# HELP kontor_members Active members in this node's directory.\n# TYPE kontor_members gauge");
    let _ = writeln!(out, "kontor_members {}", state.kontor.derived().directory.active_members());
    let _ = writeln!(
        out,
        "# HELP kontor_cache_hits_total Reads a cache or memo answered from memory.\n# TYPE kontor_cache_hits_total counter\n# HELP kontor_cache_misses_total Reads a cache or memo had to work out or read from the database.\n# TYPE kontor_cache_misses_total counter"
    );
    for (cache, (hits, misses)) in state.kontor.derived().cache_counts() {
        let _ = writeln!(out, "kontor_cache_hits_total{{cache=\"{cache}\"}} {hits}");
        let _ = writeln!(out, "kontor_cache_misses_total{{cache=\"{cache}\"}} {misses}");
    }
    if let Ok((pending, parked)) = store.job_counts().await {
        let _ = writeln!(out, "# HELP kontor_jobs Jobs in the queue by state.\n# TYPE kontor_jobs gauge");
        let _ = writeln!(out, "kontor_jobs{{state=\"pending\"}} {pending}");
        let _ = writeln!(out, "kontor_jobs{{state=\"parked\"}} {parked}");
    }
    let _ = writeln!(
        out,
        "# HELP kontor_rate_limited_total Requests a limit refused on this node, by limit (see [limits] in kontor.toml).\n# TYPE kontor_rate_limited_total counter"
    );
    for (limit, refused) in state.kontor.refusals().counts() {
        let _ = writeln!(out, "kontor_rate_limited_total{{limit=\"{}\"}} {refused}", limit.name());
    }
    let _ = writeln!(
        out,
        "# HELP kontor_images_busy_total Photos refused because the image workers' queue was full.\n# TYPE kontor_images_busy_total counter"
    );
    let _ = writeln!(out, "kontor_images_busy_total {}", state.kontor.images().refused());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}
