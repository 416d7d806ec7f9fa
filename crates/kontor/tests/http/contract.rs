//! The API keeps the contract its OpenAPI document states: schemathesis generates
//! requests from the document (valid and invalid ones, anonymous and with a token) and
//! checks every answer against it, with all of its checks.
//!
//! Needs schemathesis in target/test-tools/venv (`scripts/install-test-deps`). Without
//! it the test prints a note and passes, unless `KONTOR_REQUIRE_SCHEMATHESIS=1` (CI).

use crate::app::{PASSWORD, TestApp};
use crate::on_both;
use serde_json::{Value, json};
use std::path::PathBuf;

on_both!(the_api_answers_as_its_document_says);

fn schemathesis() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/test-tools/venv/bin/schemathesis");
    if path.exists() {
        return Some(path);
    }
    let required = std::env::var("KONTOR_REQUIRE_SCHEMATHESIS").is_ok_and(|v| v == "1");
    assert!(!required, "schemathesis is missing: run scripts/install-test-deps");
    eprintln!("note: schemathesis is missing (run scripts/install-test-deps); the API contract is not checked");
    None
}

/// Examples per operation: 20 in the test suite, 150 in the verification suite's full
/// mode (`KONTOR_VERIFY=full`, by hand: about 15 minutes per run), or
/// `KONTOR_VERIFY_EXAMPLES` (500 take half an hour per run).
fn examples() -> String {
    let full = std::env::var("KONTOR_VERIFY").is_ok_and(|v| v == "full");
    std::env::var("KONTOR_VERIFY_EXAMPLES").unwrap_or_else(|_| if full { "150" } else { "20" }.to_owned())
}

/// One schemathesis run against the node; the failures it reports, if any.
fn run(tool: &PathBuf, app: &TestApp, token: Option<&str>, label: &str) -> Option<String> {
    let mut command = std::process::Command::new(tool);
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/http/schemathesis.toml");
    // schemathesis keeps a cache where it runs: under target/, not in the sources.
    command.current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/test-tools"));
    command
        .arg("--config-file")
        .arg(config)
        .arg("run")
        .arg(format!("{}/api/v1/openapi.json", app.base))
        .args(["--checks", "all", "--max-examples", &examples(), "--seed", "20261203", "--workers", "1"])
        .args(["--generation-database", "none", "--no-color", "--request-timeout", "10"])
        .env("NO_COLOR", "1");
    if let Some(token) = token {
        command.args(["--header", &format!("Authorization: Bearer {token}")]);
    }
    let output = command.output().expect("running schemathesis");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let backend = if app.settings.database_url.starts_with("postgres") { "postgres" } else { "sqlite" };
    let name = format!("../../target/schemathesis-{backend}-{}.txt", label.replace(' ', "-"));
    let report = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::write(&report, &text).expect("writing the report");
    let summary: Vec<&str> = text.lines().skip_while(|l| !l.contains("SUMMARY")).collect();
    eprintln!("schemathesis ({label}), the whole report in {}:\n{}", report.display(), summary.join("\n"));
    let cases = summary.iter().skip_while(|l| !l.starts_with("Test cases:")).nth(1).map_or("", |l| l.trim());
    println!("schemathesis: {backend}, {label}, {} examples per operation: {cases}", examples());
    (!output.status.success()).then(|| format!("schemathesis ({label}) found failures; see {}", report.display()))
}

async fn the_api_answers_as_its_document_says(app: TestApp) {
    let Some(tool) = schemathesis() else { return app.stop().await };
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let session = app.api_session("anna@example.org", PASSWORD).await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/me/access-tokens", app.base))
        .bearer_auth(&session)
        .json(&json!({"name": "contract", "scopes": ["read", "write"]}))
        .send()
        .await
        .unwrap();
    let token = r.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();
    let runs = [(None, "anonymous"), (Some(token.as_str()), "access token")];
    let mut failures = Vec::new();
    for (token, label) in runs {
        let tool = tool.clone();
        let base = app.base.clone();
        let app_ref = &app;
        let _ = base;
        failures.extend(tokio::task::block_in_place(|| run(&tool, app_ref, token, label)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    app.stop().await;
}
