//! Two-factor log-in with an authenticator app and recovery codes.

use crate::app::Answered;
use crate::app::{Browser, PASSWORD, TestApp, attrs, texts};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;
use totp_rs::{Builder, Secret};

on_both!(two_factor_log_in_needs_a_fresh_code, recovery_codes_work_once, the_api_asks_for_the_code);

/// The code an authenticator app with `secret` shows at the app's clock.
pub fn code(app: &TestApp, secret: &str) -> String {
    use kontor_core::clock::Clock;
    let totp = Builder::new().with_secret(Secret::try_from_base32(secret).unwrap()).build().unwrap();
    totp.generate(app.clock.now().unix_timestamp() as u64).to_string()
}

/// Turns two-factor log-in on for a logged-in browser; returns the secret and the codes.
pub async fn turn_on(app: &TestApp, b: &Browser) -> (String, Vec<String>) {
    let (status, page) = b.page("/settings/two-factor").await;
    assert_eq!(status, StatusCode::OK);
    let qr = attrs(&page, "main img", "src");
    assert!(qr.len() == 1 && qr[0].starts_with("data:image/png;base64,"), "a QR code: {qr:?}");
    let secret = attrs(&page, "input[name=secret]", "value").remove(0);
    let r = b
        .post_form("/settings/two-factor", &[("secret", &secret), ("code", "000000"), ("password", PASSWORD)])
        .await
        .answered(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a wrong code does not turn it on");
    let right = code(app, &secret);
    let r = b.post_form("/settings/two-factor", &[("secret", &secret), ("code", &right), ("password", "wrong")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "nor does a stolen session without the password");
    let r = b.post_form("/settings/two-factor", &[("secret", &secret), ("code", &right), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    let codes = texts(&page, ".recovery-codes code");
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

async fn two_factor_log_in_needs_a_fresh_code(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let (secret, _) = turn_on(&app, &anna).await;
    let (_, settings) = anna.page("/settings").await;
    assert!(settings.contains("Turn off two-factor log-in"));

    let b = app.browser();
    let r = b.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login/code", "the password alone is not enough");
    assert_eq!(b.get("/home").await.status(), StatusCode::SEE_OTHER, "no session yet");
    let r = b.post_form("/login/code", &[("code", "123456")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The code the member typed when turning it on has been used already.
    let used = code(&app, &secret);
    let r = b.post_form("/login/code", &[("code", &used)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a code works once");
    app.clock.advance(Duration::seconds(30));
    let r = b.post_form("/login/code", &[("code", &code(&app, &secret))]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(b.get("/home").await.status(), StatusCode::OK);

    // Turning it off needs the password and a code: the password alone is not enough.
    app.clock.advance(Duration::seconds(30));
    let r = anna.post_form("/settings/two-factor/off", &[("password", "wrong"), ("code", &code(&app, &secret))]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = anna.post_form("/settings/two-factor/off", &[("password", PASSWORD), ("code", "")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = anna.post_form("/settings/two-factor/off", &[("password", PASSWORD), ("code", "000000")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, settings) = anna.page("/settings").await;
    assert!(settings.contains("Turn off two-factor log-in"), "still on");
    let r = anna.post_form("/settings/two-factor/off", &[("password", PASSWORD), ("code", &code(&app, &secret))]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    app.browser().log_in("anna@example.org", PASSWORD).await;
    let r = app.browser().post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.headers()["location"], "/home");
    app.stop().await;
}

async fn recovery_codes_work_once(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let (_, codes) = turn_on(&app, &anna).await;
    for attempt in 0..2 {
        let b = app.browser();
        b.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await.see_other();
        let r = b.post_form("/login/code", &[("code", &codes[0].to_uppercase())]).await;
        let expected = if attempt == 0 { StatusCode::SEE_OTHER } else { StatusCode::UNPROCESSABLE_ENTITY };
        assert_eq!(r.status(), expected, "attempt {attempt}");
    }
    // Guessing is limited.
    let b = app.browser();
    b.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await.see_other();
    let mut last = StatusCode::OK;
    for _ in 0..11 {
        last = b.post_form("/login/code", &[("code", "999999")]).await.status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    app.stop().await;
}

async fn the_api_asks_for_the_code(app: TestApp) {
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let c = reqwest::Client::new();
    let url = format!("{}/api/v1/sessions", app.base);
    let api = |p: &str| format!("{}/api/v1{p}", app.base);
    let r = c.post(&url).json(&json!({"email": "anna@example.org", "password": PASSWORD})).send().await.unwrap();
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    // Set up through the API, as an app would.
    let setup: Value = c.post(api("/me/two-factor")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let secret = setup["secret"].as_str().unwrap().to_owned();
    assert!(setup["otpauth_url"].as_str().unwrap().starts_with("otpauth://totp/"));
    let confirm = json!({"password": PASSWORD, "secret": secret, "code": code(&app, &secret)});
    let r = c.put(api("/me/two-factor")).bearer_auth(&token).json(&confirm).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["recovery_codes"].as_array().unwrap().len(), 10);
    app.clock.advance(Duration::seconds(30));
    let r = c.post(&url).json(&json!({"email": "anna@example.org", "password": PASSWORD})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "second_factor_required");
    let otp = code(&app, &secret);
    let r = c
        .post(&url)
        .json(&json!({"email": "anna@example.org", "password": PASSWORD, "otp": otp}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    app.stop().await;
}
