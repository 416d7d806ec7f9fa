//! Sign-up, verification, log-in, rate limits, password reset, sessions.

use crate::app::Answered;
use crate::app::{PASSWORD, TestApp, attrs, message, texts};
use crate::on_both;
use reqwest::StatusCode;
use time::Duration;

on_both!(
    sign_up_verify_and_log_in,
    signing_up_first_with_someone_elses_address_gains_nothing,
    crafted_links_are_refused,
    sign_up_errors_keep_the_input,
    a_taken_address_gets_the_same_reply,
    a_second_sign_up_neither_sets_the_password_nor_ends_the_first_link,
    a_sign_up_with_someone_elses_address_gives_its_author_nothing,
    wrong_credentials_look_the_same,
    unverified_members_cannot_log_in,
    sign_up_and_reset_are_limited,
    password_reset_is_single_use_and_ends_sessions,
    reset_links_expire_after_an_hour,
    password_change_ends_other_sessions,
    log_out_everywhere_ends_every_session,
    guessable_passwords_are_refused_wherever_one_is_chosen,
);

async fn sign_up_verify_and_log_in(app: TestApp) {
    let b = app.browser();
    let (status, page) = b.page("/signup").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&page, "h1"), ["Create your account"]);

    let r = b
        .post_form("/signup", &[("name", "Anna Berg"), ("email", "anna@example.org"), ("password", PASSWORD)])
        .await
        .answered(StatusCode::OK);
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Check your inbox"]);

    let mails = app.deliver_mail().await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.to, vec!["anna@example.org"]);
    assert!(mail.subject().contains("Confirm your e-mail address"), "subject: {}", mail.subject());
    assert!(mail.data.contains("text/plain") && mail.data.contains("text/html"), "both parts");
    let link = mail.link("/verify/");

    // Opening the link changes nothing; the button on its page does.
    let (status, page) = b.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&page, "form[action^='/verify/'] button"), ["Confirm address"], "a button confirms");
    let r = b.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "not verified yet");

    let r = b.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Address confirmed"]);
    let r = b.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "a verification link works once");

    let r = b.log_in("anna@example.org", PASSWORD).await;
    let cookies: Vec<_> = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    let session = cookies.iter().find(|c| c.starts_with("kontor_session=")).expect("a session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
    let token = session.split(['=', ';']).nth(1).unwrap();
    assert!(token.len() >= 43, "at least 256 bits of token, base64");

    let (status, home) = b.page("/home").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&home, "h1"), ["Welcome, Anna Berg"]);

    let r = b.post_form("/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = b.get("/home").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "logged out: home sends to log-in");
    assert_eq!(r.headers()["location"], "/login");
    app.stop().await;
}

async fn sign_up_errors_keep_the_input(app: TestApp) {
    let b = app.browser();
    let r = b
        .post_form("/signup", &[("name", "Bernd Kraus"), ("email", "not-an-address"), ("password", "short")])
        .await
        .answered(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert_eq!(
        texts(&page, ".field-error"),
        ["This is not a valid e-mail address.", "The password needs at least 10 characters."],
        "each error next to its field"
    );
    assert_eq!(attrs(&page, "input[name=name]", "value"), ["Bernd Kraus"], "the name is kept");
    assert_eq!(attrs(&page, "input[name=email]", "value"), ["not-an-address"], "the address is kept");
    assert!(app.deliver_mail().await.is_empty());
    app.stop().await;
}

/// Someone signs up with Anna's address before she does; her own sign-up's link must give
/// her the account with her password, not the squatter's.
async fn signing_up_first_with_someone_elses_address_gains_nothing(app: TestApp) {
    let squatter = app.browser();
    squatter
        .post_form("/signup", &[("name", "Mallory"), ("email", "anna@example.org"), ("password", "mallory's password")])
        .await
        .answered(StatusCode::OK);
    let _unused = app.deliver_mail().await;
    let anna = app.browser();
    let r = anna
        .post_form("/signup", &[("name", "Anna Berg"), ("email", "anna@example.org"), ("password", PASSWORD)])
        .await;
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Check your inbox"]);
    let link = app.deliver_mail().await[0].link("/verify/");
    anna.post_form(&link, &[]).await.answered(StatusCode::OK);
    let r = squatter.post_form("/login", &[("email", "anna@example.org"), ("password", "mallory's password")]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "the squatter's password does not open it");
    anna.log_in("anna@example.org", PASSWORD).await;
    app.stop().await;
}

/// A link token travels into a form's address; anything but a real token is refused,
/// so a crafted link cannot aim the form at another route.
async fn crafted_links_are_refused(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    for path in [
        "/verify/..%2Fadmin%2Fsettings",
        "/reset/..%2Fsettings%2Flogout-everywhere",
        "/invite/x",
        "/email/%2E%2E%2Flogout",
    ] {
        let (status, page) = anna.page(path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(!page.contains("action=\"/verify/..") && !page.contains("/../"), "{path} is not echoed into a form");
    }
    app.stop().await;
}

async fn a_taken_address_gets_the_same_reply(app: TestApp) {
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let b = app.browser();
    let r = b
        .post_form("/signup", &[("name", "Someone Else"), ("email", "ANNA@example.org"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Check your inbox"], "the same reply as for a new address");
    let mails = app.deliver_mail().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["anna@example.org"]);
    assert!(mails[0].text().contains("already have an account"), "the owner learns of it");
    // The mail points to the reset page and carries no link that would end a pending one.
    assert_eq!(mails[0].link("/reset"), "/reset");
    // The stranger's password does not open Anna's account; hers still does.
    let r = b.post_form("/login", &[("email", "anna@example.org"), ("password", "someone else's")]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    app.browser().log_in("anna@example.org", PASSWORD).await;
    app.stop().await;
}

const STRANGER: &str = "a stranger's password";

/// Signs up in `b` and returns the reply's page.
async fn sign_up(b: &crate::app::Browser, name: &str, email: &str, password: &str) -> String {
    let r = b.post_form("/signup", &[("name", name), ("email", email), ("password", password)]).await;
    assert_eq!(r.status(), StatusCode::OK, "sign-up of {email}");
    r.text().await.unwrap()
}

fn without_tokens(page: &str) -> String {
    page.split("value=\"").map(|part| part.split_once('"').map_or(part, |(_, rest)| rest)).collect()
}

async fn a_second_sign_up_neither_sets_the_password_nor_ends_the_first_link(app: TestApp) {
    let (anna, stranger) = (app.browser(), app.browser());
    let first = sign_up(&anna, "Anna Berg", "anna@example.org", PASSWORD).await;
    let first_link = app.deliver_mail().await[0].link("/verify/");
    let second = sign_up(&stranger, "Anna Berg", "anna@example.org", STRANGER).await;
    assert_eq!(without_tokens(&first), without_tokens(&second), "the same reply as for a new address");

    // Anna is told what happened, and her first link still works.
    let mails = app.deliver_mail().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["anna@example.org"]);
    assert!(mails[0].subject().contains("signed up again"), "{}", mails[0].subject());
    assert!(mails[0].text().contains("Hello Anna Berg") && mails[0].text().contains("still works"));
    let second_link = mails[0].link("/verify/");
    let (status, page) = anna.page(&first_link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        attrs(&page, "input[name=password]", "type").is_empty(),
        "in the browser that signed up, one click confirms"
    );
    let r = anna.post_form(&first_link, &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Address confirmed"]);

    // Her password holds, the stranger's never did, and the second link has ended.
    let r = app.browser().post_form("/login", &[("email", "anna@example.org"), ("password", STRANGER)]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    app.browser().log_in("anna@example.org", PASSWORD).await;
    assert_eq!(stranger.post_form(&second_link, &[]).await.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

async fn a_sign_up_with_someone_elses_address_gives_its_author_nothing(app: TestApp) {
    // The stranger signs up first, with Anna's address.
    let stranger = app.browser();
    sign_up(&stranger, "Anna Berg", "anna@example.org", STRANGER).await;
    let link = app.deliver_mail().await[0].link("/verify/");

    // Anna opens the link in her own browser: she chooses the password.
    let anna = app.browser();
    let (status, page) = anna.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attrs(&page, "input[name=password]", "type"), ["password"], "a password to choose");
    assert_eq!(texts(&page, "h1"), ["Confirm your address and choose a password"]);
    let r = anna.post_form(&link, &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a click alone does not confirm here");
    let r = anna.post_form(&link, &[("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Address confirmed"]);

    let r = stranger.post_form("/login", &[("email", "anna@example.org"), ("password", STRANGER)]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "the stranger's password never became valid");
    anna.log_in("anna@example.org", PASSWORD).await;
    app.stop().await;
}

async fn wrong_credentials_look_the_same(app: TestApp) {
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let b = app.browser();
    let wrong = b.post_form("/login", &[("email", "anna@example.org"), ("password", "wrong password")]).await;
    let unknown = b.post_form("/login", &[("email", "nobody@example.org"), ("password", "wrong password")]).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(texts(&wrong, ".flash-error"), ["E-mail address or password is wrong."]);
    assert_eq!(wrong.replace("anna@example.org", "X"), unknown.replace("nobody@example.org", "X"));
    app.stop().await;
}

async fn unverified_members_cannot_log_in(app: TestApp) {
    let b = app.browser();
    b.post_form("/signup", &[("name", "Carla Diaz"), ("email", "carla@example.org"), ("password", PASSWORD)])
        .await
        .answered(StatusCode::OK);
    let r = b.post_form("/login", &[("email", "carla@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let problem = texts(&r.text().await.unwrap(), ".flash-error").concat();
    assert!(problem.contains("confirm your e-mail address first"), "the log-in form says why: {problem}");
    app.stop().await;
}

async fn sign_up_and_reset_are_limited(app: TestApp) {
    let b = app.browser();
    for i in 0..5 {
        let email = format!("p{i}@example.org");
        let r = b.post_form("/signup", &[("name", "Paula"), ("email", &email), ("password", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::OK, "sign-up {i}");
    }
    let r = b.post_form("/signup", &[("name", "Paula"), ("email", "p5@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "five sign-ups per half hour from one address");
    for i in 0..5 {
        let r = b.post_form("/reset", &[("email", "p0@example.org")]).await;
        assert_eq!(r.status(), StatusCode::OK, "reset {i}");
    }
    let r = b.post_form("/reset", &[("email", "P0@example.org")]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "five resets per half hour for one address");
    let r = b.post_form("/reset", &[("email", "p1@example.org")]).await;
    assert_eq!(r.status(), StatusCode::OK, "other addresses are not affected");
    app.clock.advance(Duration::minutes(30));
    let r = b.post_form("/signup", &[("name", "Paula"), ("email", "p5@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::OK, "the next window opens");
    app.stop().await;
}

async fn password_reset_is_single_use_and_ends_sessions(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let other = app.browser();
    let r = other.post_form("/reset", &[("email", "anna@example.org")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let unknown = other.post_form("/reset", &[("email", "nobody@example.org")]).await;
    assert_eq!(unknown.status(), StatusCode::OK, "the same answer for unknown addresses");
    let mails = app.deliver_mail().await;
    assert_eq!(mails.len(), 1, "only the real account gets a mail");
    let link = mails[0].link("/reset/");

    let r = other.post_form(&link, &[("password", "short")]).await;
    let errors = texts(&r.text().await.unwrap(), ".field-error");
    assert!(errors.concat().contains("at least 10 characters"), "next to the password: {errors:?}");
    let r = other.post_form(&link, &[("password", "a brand new passphrase")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = other.post_form(&link, &[("password", "another new passphrase")]).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "the link works once");

    let r = anna.get("/home").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the old session has ended");
    let r = anna.post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    anna.log_in("anna@example.org", "a brand new passphrase").await;
    app.stop().await;
}

async fn reset_links_expire_after_an_hour(app: TestApp) {
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let b = app.browser();
    b.post_form("/reset", &[("email", "anna@example.org")]).await.answered(StatusCode::OK);
    let link = app.deliver_mail().await[0].link("/reset/");
    app.clock.advance(Duration::minutes(61));
    let r = b.post_form(&link, &[("password", "a brand new passphrase")]).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let said = message(&r.text().await.unwrap());
    assert!(said.contains("expired"), "{said}");
    app.stop().await;
}

async fn password_change_ends_other_sessions(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let phone = app.browser();
    phone.log_in("anna@example.org", PASSWORD).await;
    let r = anna
        .post_form(
            "/settings/password",
            &[("current_password", "wrong one"), ("new_password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(texts(&r.text().await.unwrap(), ".field-error"), ["The password is not correct."], "next to the field");
    let r = anna
        .post_form("/settings/password", &[("current_password", PASSWORD), ("new_password", "a brand new passphrase")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(anna.get("/home").await.status(), StatusCode::OK, "this session goes on");
    assert_eq!(phone.get("/home").await.status(), StatusCode::SEE_OTHER, "the other one has ended");
    app.stop().await;
}

async fn log_out_everywhere_ends_every_session(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let phone = app.browser();
    phone.log_in("anna@example.org", PASSWORD).await;
    let (_, settings) = anna.page("/settings").await;
    assert_eq!(attrs(&settings, "#sessions form", "action").len(), 1, "the other session can be ended");
    assert_eq!(texts(&settings, "#sessions .pill"), ["this device"], "this one is marked");
    anna.post_form("/settings/logout-everywhere", &[]).await.see_other();
    assert_eq!(anna.get("/home").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/home").await.status(), StatusCode::SEE_OTHER);
    app.stop().await;
}

mod more {
    use crate::app::Answered;
    use crate::app::{PASSWORD, TestApp, attrs, texts};
    use crate::on_both;
    use reqwest::StatusCode;
    use serde_json::Value;

    on_both!(email_change_is_confirmed_from_the_new_address, access_tokens_act_for_the_member_until_revoked);

    async fn email_change_is_confirmed_from_the_new_address(app: TestApp) {
        let anna = app.member("Anna Berg", "anna@example.org").await;
        let _bernd = app.member("Bernd Kraus", "bernd@example.org").await;
        let r = anna.post_form("/settings/email", &[("new_email", "anna@berg.example"), ("password", "wrong")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = anna.post_form("/settings/email", &[("new_email", "anna@berg.example"), ("password", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let mails = app.deliver_mail().await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to, vec!["anna@berg.example"], "the link goes to the new address");
        let link = mails[0].link("/email/");
        // Until confirmed, the old address is the one.
        app.browser().log_in("anna@example.org", PASSWORD).await;
        let r = anna.post_form(&link, &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let notice = app.deliver_mail().await;
        assert_eq!(notice[0].to, vec!["anna@example.org"], "the old address is told");
        app.browser().log_in("anna@berg.example", PASSWORD).await;
        let r = app.browser().post_form("/login", &[("email", "anna@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(anna.post_form(&link, &[]).await.status(), StatusCode::BAD_REQUEST, "the link works once");

        // An address that was taken meanwhile is refused when the link is used.
        anna.post_form("/settings/email", &[("new_email", "carla@example.org"), ("password", PASSWORD)])
            .await
            .answered(StatusCode::OK);
        let link = app.deliver_mail().await[0].link("/email/");
        app.member("Carla Diaz", "carla@example.org").await;
        assert_eq!(anna.post_form(&link, &[]).await.status(), StatusCode::CONFLICT);
        app.stop().await;
    }

    async fn access_tokens_act_for_the_member_until_revoked(app: TestApp) {
        let anna = app.member("Anna Berg", "anna@example.org").await;
        let r = anna.post_form("/settings/tokens", &[("token_name", "CRM sync")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a token may do something");
        let r = anna.post_form("/settings/tokens", &[("token_name", "CRM sync"), ("scope", "read")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        let token = texts(&page, "code.token").remove(0);
        assert!(token.starts_with("kontor_pat_"));
        let (_, again) = anna.page("/settings").await;
        assert_eq!(texts(&again, "#tokens td:first-child"), ["CRM sync"]);
        assert!(!again.contains(&token), "the secret is shown only once");

        let c = reqwest::Client::new();
        let me = |t: String| c.get(format!("{}/api/v1/me", app.base)).bearer_auth(t).send();
        let r = me(token.clone()).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Value>().await.unwrap()["email"], "anna@example.org");
        let (_, used) = anna.page("/settings").await;
        let used_at = texts(&used, "#tokens .token-used");
        assert!(used_at.len() == 1 && used_at[0] != "never", "last use is shown: {used_at:?}");

        let id = attrs(&used, "#tokens tr[data-token]", "data-token").remove(0);
        anna.post_form(&format!("/settings/tokens/{id}/revoke"), &[]).await.see_other();
        assert_eq!(me(token).await.unwrap().status(), StatusCode::UNAUTHORIZED);

        // A password change ends every token.
        let r = anna.post_form("/settings/tokens", &[("token_name", "Phone"), ("scope", "read")]).await;
        let page = r.text().await.unwrap();
        let token = texts(&page, "code.token").remove(0);
        anna.post_form(
            "/settings/password",
            &[("current_password", PASSWORD), ("new_password", "a brand new passphrase")],
        )
        .await
        .answered(StatusCode::OK);
        assert_eq!(me(token).await.unwrap().status(), StatusCode::UNAUTHORIZED);
        app.stop().await;
    }
}

/// The password-field errors a page shows, as a member reads them.
fn field_errors(page: &str) -> Vec<String> {
    crate::app::texts(page, ".field-error")
}

async fn guessable_passwords_are_refused_wherever_one_is_chosen(app: TestApp) {
    let b = app.browser();
    let common = "Attackers try this password among the first";
    let personal = "The password is mostly your name, your e-mail address or the site's name.";
    for (password, expected) in [("Sommer2024!", common), ("Passwort1234", common), ("Anna Berg 1987", personal)] {
        let form = [("name", "Anna Berg"), ("email", "anna@example.org"), ("password", password)];
        let r = b.post_form("/signup", &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{password}");
        let errors = field_errors(&r.text().await.unwrap());
        assert!(errors.len() == 1 && errors[0].starts_with(expected), "{password}: {errors:?}");
    }
    assert!(app.deliver_mail().await.is_empty(), "no account was made");

    let anna = app.member("Anna Berg", "anna@example.org").await;
    anna.post_form("/reset", &[("email", "anna@example.org")]).await.answered(StatusCode::OK);
    let link = app.deliver_mail().await[0].link("/reset/");
    let r = anna.post_form(&link, &[("password", "anna.berg@example")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_errors(&r.text().await.unwrap())[0].starts_with(personal));
    let r = anna.post_form(&link, &[("password", "a brand new passphrase")]).await;
    assert_eq!(r.status(), StatusCode::OK, "a refused password leaves the link usable");

    let token = app.api_session("anna@example.org", "a brand new passphrase").await;
    let r = reqwest::Client::new()
        .put(format!("{}/api/v1/me/password", app.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"current_password": "a brand new passphrase", "new_password": "kontor-berg-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        (&body["fields"][0]["field"], &body["fields"][0]["code"]),
        (&"new_password".into(), &"password_personal".into())
    );
    app.stop().await;
}
