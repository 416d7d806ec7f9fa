//! Limits against guessing and floods: what counts, who is held up, and what they are
//! told.

use crate::app::Answered;
use crate::app::{PASSWORD, TestApp};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

on_both!(
    only_failed_log_ins_count,
    a_locked_account_tells_when_to_try_again,
    known_devices_are_spared_the_account_limit,
    every_password_check_counts_against_the_account,
    reset_mails_are_limited_per_address_and_per_ip,
);

async fn api_log_in(app: &TestApp, email: &str, password: &str, device: Option<&str>) -> reqwest::Response {
    let body = json!({"email": email, "password": password, "device_token": device});
    reqwest::Client::new().post(format!("{}/api/v1/sessions", app.base)).json(&body).send().await.unwrap()
}

/// Asks the API to change the password, as `current` says it is.
async fn change_password(app: &TestApp, token: &str, current: &str) -> StatusCode {
    let body = json!({"current_password": current, "new_password": "a brand new passphrase"});
    let r = reqwest::Client::new().put(format!("{}/api/v1/me/password", app.base)).bearer_auth(token).json(&body);
    r.send().await.unwrap().status()
}

/// The refusals a limit has counted, as `/metrics` shows them.
async fn refused(app: &TestApp, limit: &str) -> u64 {
    let text = app.browser().get("/metrics").await.text().await.unwrap();
    let line = format!("kontor_rate_limited_total{{limit=\"{limit}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(&line)).expect("the limit is listed").parse().unwrap()
}

async fn only_failed_log_ins_count(app: TestApp) {
    // A whole office behind one address logs in, more often than the per-IP limit.
    for i in 0..4 {
        app.member(&format!("Colleague {i}"), &format!("c{i}@example.org")).await;
    }
    for round in 0..8 {
        for i in 0..4 {
            let r = app
                .browser()
                .post_form("/login", &[("email", &format!("c{i}@example.org")), ("password", PASSWORD)])
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "log-in {round}/{i}");
        }
    }
    // Failures short of the limit are forgotten by a right password.
    let b = app.browser();
    for round in 0..3 {
        for _ in 0..9 {
            let r = b.post_form("/login", &[("email", "c0@example.org"), ("password", "guess")]).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        assert_eq!(b.log_in("c0@example.org", PASSWORD).await.status(), StatusCode::SEE_OTHER, "round {round}");
        b.post_form("/logout", &[]).await.see_other();
        app.clock.advance(Duration::minutes(5));
    }
    assert_eq!(refused(&app, "login_failures_per_ip").await, 0);
    assert_eq!(refused(&app, "login_failures_per_account").await, 0);
    app.stop().await;
}

async fn a_locked_account_tells_when_to_try_again(app: TestApp) {
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let b = app.browser();
    for attempt in 1..=10 {
        let r = b.post_form("/login", &[("email", "anna@example.org"), ("password", "guess")]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let r = b.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "a new browser waits, even with the right password");
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&wait), "{wait}");
    let page = scraper::Html::parse_document(&r.text().await.unwrap());
    let alert = page.select(&scraper::Selector::parse("[role=alert]").unwrap()).next().expect("an alert");
    let text = alert.text().collect::<String>();
    assert!(text.contains("try again in") && text.contains("minute"), "{text}");

    let r = api_log_in(&app, "anna@example.org", PASSWORD, None).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    assert!(body["retry_after_secs"].as_u64().is_some_and(|s| (1..=600).contains(&s)), "{body}");
    assert!(body["message"].as_str().unwrap().contains("try again in"), "{body}");
    assert!(refused(&app, "login_failures_per_account").await >= 2);

    app.clock.advance(Duration::minutes(10));
    b.log_in("anna@example.org", PASSWORD).await;
    app.stop().await;
}

async fn known_devices_are_spared_the_account_limit(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    anna.post_form("/logout", &[]).await.see_other();
    let r = api_log_in(&app, "anna@example.org", PASSWORD, None).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let device = r.json::<Value>().await.unwrap()["device_token"].as_str().unwrap().to_owned();
    // Someone guesses Anna's password, and other passwords from the same address.
    let attacker = app.browser();
    for i in 0..25 {
        let email = if i < 10 { "anna@example.org".to_owned() } else { format!("x{i}@example.org") };
        attacker
            .post_form("/login", &[("email", &email), ("password", "guess")])
            .await
            .answered(StatusCode::UNAUTHORIZED);
    }
    let r = app.browser().post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "a new browser is locked out for now");
    // Anna's browser and app, which logged in before, still get in.
    anna.log_in("anna@example.org", PASSWORD).await;
    let r = api_log_in(&app, "anna@example.org", PASSWORD, Some(&device)).await;
    assert_eq!(r.status(), StatusCode::CREATED, "the app's device token is known");
    let r = api_log_in(&app, "anna@example.org", PASSWORD, Some("made-up")).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "an unknown device token is no way around");
    assert!(refused(&app, "login_failures_per_ip").await >= 1);
    app.stop().await;
}

/// Password checks behind a session: changing the password, deleting the account,
/// turning two-factor off, changing the address. Ten wrong ones in any mix lock them all.
async fn every_password_check_counts_against_the_account(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let token = app.api_session("anna@example.org", PASSWORD).await;
    let c = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", app.base);
    for round in 0..3 {
        let r = change_password(&app, &token, "guess").await;
        assert_eq!(r, StatusCode::UNPROCESSABLE_ENTITY, "password {round}");
        let r = c.delete(url("/me")).bearer_auth(&token).json(&json!({"password": "guess"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "deletion {round}");
        let r = anna.post_form("/settings/email", &[("new_email", "new@example.org"), ("password", "guess")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "address {round}");
    }
    let r = c
        .delete(url("/me/two-factor"))
        .bearer_auth(&token)
        .json(&json!({"password": "guess", "code": "000000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "the tenth guess is still answered");
    let r = change_password(&app, &token, PASSWORD).await;
    assert_eq!(r, StatusCode::TOO_MANY_REQUESTS, "the right password after ten guesses waits");
    let r = anna.post_form("/settings/email", &[("new_email", "new@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let r = app.browser().post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the same limit as log-in");

    // Once the limit's window has passed, with a fresh session (the old one is no
    // longer fresh enough to change the password).
    app.clock.advance(Duration::minutes(10));
    let token = app.api_session("anna@example.org", PASSWORD).await;
    let r = change_password(&app, &token, PASSWORD).await;
    assert_eq!(r, StatusCode::OK);
    app.stop().await;
}

async fn reset_mails_are_limited_per_address_and_per_ip(app: TestApp) {
    let b = app.browser();
    for i in 0..5 {
        assert_eq!(b.post_form("/reset", &[("email", "p0@example.org")]).await.status(), StatusCode::OK, "reset {i}");
    }
    let r = b.post_form("/reset", &[("email", "P0@example.org")]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "five resets per half hour for one address");
    for i in 1..20 {
        let r = b.post_form("/reset", &[("email", &format!("p{i}@example.org"))]).await;
        assert_eq!(r.status(), StatusCode::OK, "reset for p{i}");
    }
    let r = b.post_form("/reset", &[("email", "p20@example.org")]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "25 reset requests per five minutes from one address");
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/password-reset", app.base))
        .json(&json!({"email": "p21@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the API shares the limit");
    assert_eq!(refused(&app, "resets_per_ip").await, 2);
    assert_eq!(refused(&app, "resets_per_address").await, 1);
    app.clock.advance(Duration::minutes(5));
    assert_eq!(b.post_form("/reset", &[("email", "p20@example.org")]).await.status(), StatusCode::OK);
    app.stop().await;
}
