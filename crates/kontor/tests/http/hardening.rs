//! The smaller holes an attack run found, each closed: redirects, the API's input
//! errors, other members' sessions, transport and metrics, the CSRF token.

use crate::app::{PASSWORD, TestApp};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(
    next_only_ever_leads_to_a_path_here,
    the_api_answers_bad_input_in_json_with_a_code,
    another_members_session_is_as_missing,
    https_sites_send_hsts_and_metrics_stay_on_this_machine,
    a_planted_csrf_cookie_is_worth_nothing_to_a_member,
);

async fn next_only_ever_leads_to_a_path_here(app: TestApp) {
    let b = app.browser();
    for next in
        ["/\t/evil.example", "/\n/evil.example", "/home\r\nSet-Cookie: x=1", "//evil.example", "https://evil.example"]
    {
        let r = b.post_form("/language", &[("lang", "de"), ("next", next)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(r.headers()["location"], "/", "{next:?}");
    }
    let r = b.post_form("/language", &[("lang", "en"), ("next", "/people?q=anna")]).await;
    assert_eq!(r.headers()["location"], "/people?q=anna");
    app.stop().await;
}

async fn the_api_answers_bad_input_in_json_with_a_code(app: TestApp) {
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let token = app.api_session("anna@example.org", PASSWORD).await;
    let c = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", app.base);
    for path in ["/people", "/people?limit=-1", "/me/contacts?sort=sideways", "/me/contacts?limit=many"] {
        let r = c.get(url(path)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(r.headers()["content-type"], "application/json", "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["code"], "validation_failed", "{path}");
        assert_eq!(body["fields"][0]["code"], "query_invalid", "{path}");
    }
    let r = c
        .put(url("/me/contact-settings"))
        .bearer_auth(&token)
        .json(&json!({"list_visibility": "contacts", "bogus": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["fields"][0]["code"], "unknown_field", "{body}");
    assert!(body["fields"][0]["message"].as_str().unwrap().contains("does not know"));
    let r = c.post(url("/posts")).bearer_auth(&token).json(&json!({"text": "Hi", "audeince": "contacts"})).send();
    assert_eq!(r.await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY, "a misspelt field is not dropped");
    app.stop().await;
}

async fn another_members_session_is_as_missing(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let _bert = app.member("Bert Cole", "bert@example.org").await;
    let anna_token = app.api_session("anna@example.org", PASSWORD).await;
    let bert_token = app.api_session("bert@example.org", PASSWORD).await;
    let c = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", app.base);
    let sessions: Vec<Value> =
        c.get(url("/me/sessions")).bearer_auth(&anna_token).send().await.unwrap().json().await.unwrap();
    let annas = sessions[0]["id"].as_str().unwrap().to_owned();
    let r = c.delete(url(&format!("/me/sessions/{annas}"))).bearer_auth(&bert_token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "as for a session that does not exist");
    let missing = "01900000-0000-7000-8000-000000000000";
    let r = c.delete(url(&format!("/me/sessions/{missing}"))).bearer_auth(&bert_token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let after: Vec<Value> =
        c.get(url("/me/sessions")).bearer_auth(&anna_token).send().await.unwrap().json().await.unwrap();
    assert_eq!(after.len(), sessions.len(), "nothing of Anna's ended");
    let r = anna.post_form(&format!("/settings/sessions/{missing}/end"), &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn https_sites_send_hsts_and_metrics_stay_on_this_machine(app: TestApp) {
    let b = app.browser();
    assert!(b.get("/").await.headers().get("strict-transport-security").is_none(), "not over plain http");
    assert_eq!(b.get("/metrics").await.status(), StatusCode::OK, "from this machine");
    let r =
        b.client.get(format!("{}/metrics", app.base)).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a proxied request is not this machine's");
    assert!(r.text().await.unwrap().contains("metrics_token"), "says what to do");

    let app = app
        .restart_with(|s| {
            s.public_url = "https://netzwerk.example.org".into();
            s.metrics_token = Some("scrape-me".into());
        })
        .await;
    let b = app.browser();
    let r = b.get("/").await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
    assert_eq!(b.get("/metrics").await.status(), StatusCode::UNAUTHORIZED, "the token, from anywhere");
    let r = b.client.get(format!("{}/metrics", app.base)).bearer_auth("scrape-me").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    let app = app
        .restart_with(|s| {
            s.metrics_open = true;
        })
        .await;
    let r = app.browser().client.get(format!("{}/metrics", app.base)).header("x-forwarded-for", "203.0.113.9");
    assert_eq!(r.send().await.unwrap().status(), StatusCode::OK, "opened by the operator");
    app.stop().await;
}

/// Someone who can set cookies for the site (a sibling subdomain, a script elsewhere)
/// plants a CSRF cookie and posts a form with its value: before log-in that is the
/// double-submit check's weak spot, once logged in the token is the session's.
async fn a_planted_csrf_cookie_is_worth_nothing_to_a_member(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let url: reqwest::Url = app.base.parse().unwrap();
    anna.jar.add_cookie_str("kontor_csrf=planted; Path=/", &url);
    let r = anna.client.post(format!("{}/settings/logout-everywhere", app.base)).form(&[("csrf", "planted")]).send();
    assert_eq!(r.await.unwrap().status(), StatusCode::FORBIDDEN);
    let (status, _) = anna.page("/home").await;
    assert_eq!(status, StatusCode::OK, "still logged in");
    // The session's own token works, and it ends with the session.
    let token = anna.csrf().await;
    let r = anna.post_form("/settings/logout-everywhere", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    anna.log_in("anna@example.org", PASSWORD).await;
    assert_ne!(anna.csrf().await, token, "a new session, a new token");
    app.stop().await;
}
