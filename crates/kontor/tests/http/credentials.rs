//! Who may change credentials: access tokens never (they have scopes: read, write);
//! sessions only shortly after their member proved who they are; and a new password
//! or a second factor ends every other session and token, listed where it happened.

use crate::app::Answered;
use crate::app::{Browser, PASSWORD, TestApp};
use crate::on_both;
use crate::two_factor::{code, turn_on};
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::{Value, json};
use time::Duration;

on_both!(
    access_tokens_do_what_their_scopes_say_and_never_manage_credentials,
    credentials_change_only_soon_after_the_password,
    a_new_password_or_second_factor_ends_everything_else_and_says_what,
);

async fn api(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut r = reqwest::Client::new().request(method, format!("{}/api/v1{path}", app.base)).bearer_auth(token);
    if let Some(body) = body {
        r = r.json(&body);
    }
    let r = r.send().await.unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

/// Makes a token on the settings page with these scopes; returns its secret.
async fn token_with(b: &Browser, name: &str, scopes: &[&str]) -> String {
    let mut fields = vec![("token_name", name)];
    fields.extend(scopes.iter().map(|s| ("scope", *s)));
    let r = b.post_form("/settings/tokens", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = Html::parse_document(&r.text().await.unwrap());
    let secret = page.select(&Selector::parse("code.token").unwrap()).next().expect("the new token");
    secret.text().collect()
}

/// The texts of the settings page's elements matching `css`.
async fn texts(b: &Browser, path: &str, css: &str) -> Vec<String> {
    crate::app::texts(&b.page(path).await.1, css)
}

async fn access_tokens_do_what_their_scopes_say_and_never_manage_credentials(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let reader = token_with(&anna, "Dashboard", &["read"]).await;
    let writer = token_with(&anna, "CRM sync", &["read", "write"]).await;
    let rows = texts(&anna, "/settings", "table.data tbody tr").await;
    assert!(rows.iter().any(|r| r.contains("Dashboard") && r.contains("Read") && !r.contains("Write")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("CRM sync") && r.contains("Read, Write")), "{rows:?}");

    assert_eq!(api(&app, &reader, Method::GET, "/me", None).await.0, StatusCode::OK);
    let (status, body) = api(&app, &reader, Method::POST, "/posts", Some(json!({"text": "Hallo"}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("insufficient_scope")));
    assert_eq!(api(&app, &writer, Method::POST, "/posts", Some(json!({"text": "Hallo"}))).await.0, StatusCode::CREATED);

    let sessions =
        api(&app, &app.api_session("anna@example.org", PASSWORD).await, Method::GET, "/me/sessions", None).await.1;
    let some_session = sessions[0]["id"].as_str().unwrap().to_owned();
    let credentials: Vec<(Method, String, Option<Value>)> = vec![
        (Method::POST, "/me/access-tokens".into(), Some(json!({"name": "more", "scopes": ["read"]}))),
        (Method::GET, "/me/access-tokens".into(), None),
        (Method::GET, "/me/sessions".into(), None),
        (Method::DELETE, format!("/me/sessions/{some_session}"), None),
        (Method::POST, "/me/two-factor".into(), None),
        (Method::DELETE, "/me/two-factor".into(), Some(json!({"password": PASSWORD, "code": "000000"}))),
        (
            Method::PUT,
            "/me/password".into(),
            Some(json!({"current_password": PASSWORD, "new_password": "another passphrase"})),
        ),
        (Method::DELETE, "/me".into(), Some(json!({"password": PASSWORD}))),
    ];
    for (method, path, body) in credentials {
        let (status, answer) = api(&app, &writer, method.clone(), &path, body).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("session_required")),
            "{method} {path}"
        );
    }
    assert_eq!(api(&app, &writer, Method::GET, "/me", None).await.0, StatusCode::OK, "nothing changed");
    let revoke = "form[action$='/revoke']";
    assert_eq!(texts(&anna, "/settings", revoke).await.len(), 2, "no token was made");

    // The OpenAPI document says the same.
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base)).await.unwrap().json().await.unwrap();
    assert_eq!(doc["paths"]["/posts"]["post"]["security"], json!([{"bearer": ["write"]}]));
    assert_eq!(doc["paths"]["/me/ticker"]["get"]["security"], json!([{"bearer": ["read"]}]));
    assert_eq!(doc["paths"]["/me/access-tokens"]["post"]["security"], json!([{"session": []}]));
    assert!(doc["components"]["schemas"]["AccessToken"]["properties"]["scopes"].is_object());
    app.stop().await;
}

async fn credentials_change_only_soon_after_the_password(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    assert_eq!(texts(&anna, "/settings", "form[action='/settings/password']").await.len(), 1, "fresh from log-in");
    app.clock.advance(Duration::minutes(11));
    assert!(texts(&anna, "/settings", "form[action='/settings/password']").await.is_empty(), "asked again first");
    assert_eq!(texts(&anna, "/settings", "form[action='/settings/confirm']").await.len(), 1);
    let change = [("current_password", PASSWORD), ("new_password", "a brand new passphrase")];
    let r = anna.post_form("/settings/password", &change).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a stale session changes nothing");
    assert!(r.text().await.unwrap().contains("please confirm your password first"));
    // Nor does it end sessions: one stolen could otherwise lock its owner out.
    assert!(texts(&anna, "/settings", "form[action='/settings/logout-everywhere']").await.is_empty());
    let r = anna.post_form("/settings/logout-everywhere", &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(anna.get("/home").await.status(), StatusCode::OK, "nothing ended");
    let r = anna.post_form("/settings/confirm", &[("password", "wrong")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let before = anna.cookie("kontor_session");
    let r = anna.post_form("/settings/confirm", &[("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_ne!(anna.cookie("kontor_session"), before, "confirming gives the session a new token");
    let confirmed = texts(&anna, "/settings", "#security p").await.join(" ");
    assert!(confirmed.contains("until"), "{confirmed}");
    assert_eq!(anna.post_form("/settings/password", &change).await.status(), StatusCode::OK);

    // The same over the API: a session from log-in is fresh for ten minutes, then it
    // re-authenticates.
    let session = app.api_session("anna@example.org", "a brand new passphrase").await;
    app.clock.advance(Duration::minutes(11));
    let back = json!({"current_password": "a brand new passphrase", "new_password": PASSWORD});
    let (status, body) = api(&app, &session, Method::PUT, "/me/password", Some(back.clone())).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("reauthentication_required")));
    let path = "/me/sessions/0195e6b8-4c1a-7000-8000-000000000000";
    let (status, body) = api(&app, &session, Method::DELETE, path, None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("reauthentication_required")));
    let wrong = json!({"password": "guess"});
    assert_eq!(
        api(&app, &session, Method::POST, "/me/reauthenticate", Some(wrong)).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let right = json!({"password": "a brand new passphrase"});
    let (status, renewed) = api(&app, &session, Method::POST, "/me/reauthenticate", Some(right)).await;
    assert_eq!(status, StatusCode::OK);
    let renewed = renewed["token"].as_str().unwrap().to_owned();
    let (old, _) = api(&app, &session, Method::GET, "/me", None).await;
    assert_eq!(old, StatusCode::UNAUTHORIZED, "a new token, the old one ended");
    assert_eq!(api(&app, &renewed, Method::PUT, "/me/password", Some(back)).await.0, StatusCode::OK);
    app.stop().await;
}

async fn a_new_password_or_second_factor_ends_everything_else_and_says_what(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let token = token_with(&anna, "CRM sync", &["read"]).await;
    let phone = app.api_session("anna@example.org", PASSWORD).await;
    let (secret, _) = turn_on(&app, &anna).await;
    // turn_on read the recovery page; the ended list was on it.
    assert_eq!(
        api(&app, &phone, Method::GET, "/me", None).await.0,
        StatusCode::UNAUTHORIZED,
        "the app's session ended"
    );
    assert_eq!(api(&app, &token, Method::GET, "/me", None).await.0, StatusCode::UNAUTHORIZED, "the token ended");
    assert_eq!(anna.get("/home").await.status(), StatusCode::OK, "the browser that turned it on stays");

    // A second browser logs in with the code; then the first changes the password.
    let other = app.browser();
    other.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await.see_other();
    app.clock.advance(Duration::seconds(30));
    assert_eq!(other.post_form("/login/code", &[("code", &code(&app, &secret))]).await.status(), StatusCode::SEE_OTHER);
    let token = token_with(&anna, "Backup", &["read"]).await;
    let r = anna
        .post_form("/settings/password", &[("current_password", PASSWORD), ("new_password", "a brand new passphrase")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = Html::parse_document(&r.text().await.unwrap());
    let ended: Vec<String> =
        page.select(&Selector::parse("[role=status] li").unwrap()).map(|e| e.text().collect()).collect();
    assert_eq!(ended.len(), 2, "{ended:?}");
    assert!(ended.iter().any(|line| line.contains("Backup") && line.contains("revoked")), "{ended:?}");
    assert_eq!(other.get("/home").await.status(), StatusCode::SEE_OTHER, "the other browser is logged out");
    assert_eq!(api(&app, &token, Method::GET, "/me", None).await.0, StatusCode::UNAUTHORIZED);
    app.stop().await;
}
