//! What every page must do: security headers, CSRF, languages, health and metrics.

use crate::app::Answered;
use crate::app::{Browser, TestApp, attrs, message, texts};
use crate::on_both;
use reqwest::StatusCode;

on_both!(
    pages_carry_security_headers,
    forms_without_the_token_are_refused,
    cross_site_posts_are_refused,
    language_follows_the_browser_then_the_member,
    health_and_metrics_answer,
    oversized_forms_are_refused,
    dates_numbers_and_counts_read_as_each_language_writes_them,
    errors_are_pages_of_the_site,
);

async fn pages_carry_security_headers(app: TestApp) {
    let b = app.browser();
    for path in ["/", "/signup", "/login", "/reset", "/members/unknown"] {
        let r = b.get(path).await;
        let h = r.headers();
        let csp = h.get("content-security-policy").unwrap_or_else(|| panic!("{path} has a CSP")).to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "same-origin");
        let body = r.text().await.unwrap();
        assert!(!body.contains("<script>") && !body.contains(" onclick="), "{path} has no inline script");
    }
    app.stop().await;
}

async fn forms_without_the_token_are_refused(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let url = format!("{}/profile/edit", app.base);
    let r = anna.client.post(&url).form(&[("name", "Mallory")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let said = message(&r.text().await.unwrap());
    assert!(said.contains("Reload the page"), "{said}");
    let r = anna.client.post(&url).form(&[("csrf", "forged"), ("name", "Mallory")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, edit) = anna.page("/profile/edit").await;
    assert_eq!(attrs(&edit, "input[name=name]", "value"), ["Anna Berg"], "nothing changed");
    // Reading never changes state: a GET on a form's address only shows the form.
    assert_eq!(anna.get("/logout").await.status(), StatusCode::METHOD_NOT_ALLOWED);
    app.stop().await;
}

async fn cross_site_posts_are_refused(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let token = anna.csrf().await;
    let url = format!("{}/settings/logout-everywhere", app.base);
    let r = anna
        .client
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = anna
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(anna.get("/home").await.status(), StatusCode::OK, "still logged in");
    app.stop().await;
}

async fn language_follows_the_browser_then_the_member(app: TestApp) {
    let german = Browser::new(&app.base, "de-DE,de;q=0.9,en;q=0.5");
    let (_, page) = german.page("/signup").await;
    assert_eq!(attrs(&page, "html", "lang"), ["de"], "the page says its language");
    assert_eq!(texts(&page, "h1"), ["Konto anlegen"], "and speaks it");
    let r = german
        .post_form("/signup", &[("name", "Dora Eck"), ("email", "dora@example.org"), ("password", "kurz")])
        .await
        .answered(StatusCode::UNPROCESSABLE_ENTITY);
    let errors = texts(&r.text().await.unwrap(), ".field-error");
    assert_eq!(errors, ["Das Passwort braucht mindestens 10 Zeichen."], "errors in German");
    german
        .post_form(
            "/signup",
            &[("name", "Dora Eck"), ("email", "dora@example.org"), ("password", "ein langes Passwort")],
        )
        .await
        .answered(StatusCode::OK);
    let mail = app.deliver_mail().await.remove(0);
    assert!(
        mail.subject().contains("=?utf-8?") || mail.subject().contains("Bestätigen"),
        "a German subject: {}",
        mail.subject()
    );
    assert!(mail.text().contains("bitte bestätigen Sie Ihre E-Mail-Adresse"), "the mail is German");

    // A visitor's choice is kept in a cookie; a member's in their account.
    let english = app.browser();
    english.post_form("/language", &[("lang", "de")]).await.see_other();
    let (_, page) = english.page("/login").await;
    assert_eq!(texts(&page, "h1"), ["Anmelden"]);
    let anna = app.member("Anna Berg", "anna@example.org").await;
    anna.post_form("/language", &[("lang", "de")]).await.see_other();
    let (_, home) = anna.page("/home").await;
    assert_eq!(texts(&home, "h1"), ["Willkommen, Anna Berg"]);
    let r = anna.post_form("/language", &[("lang", "de"), ("next", "/settings")]).await;
    assert_eq!(r.headers()["location"], "/settings", "the settings page comes back");
    for evil in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let r = anna.post_form("/language", &[("lang", "de"), ("next", evil)]).await;
        assert_eq!(r.headers()["location"], "/", "no open redirect to {evil}");
    }
    let elsewhere = app.browser();
    elsewhere.log_in("anna@example.org", crate::app::PASSWORD).await;
    let (_, home) = elsewhere.page("/home").await;
    assert_eq!(texts(&home, "h1"), ["Willkommen, Anna Berg"], "the setting follows the member");
    app.stop().await;
}

async fn health_and_metrics_answer(app: TestApp) {
    let b = app.browser();
    let (status, body) = b.page("/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok\n"));
    b.post_form("/signup", &[("name", "Erik Falk"), ("email", "erik@example.org"), ("password", "a long passphrase")])
        .await
        .answered(StatusCode::OK);
    let (status, metrics) = b.page("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    // The verification mail, and the daily round and the search alerts' round that are
    // always scheduled.
    assert!(metrics.contains("kontor_jobs{state=\"pending\"} 3"), "the verification mail waits:\n{metrics}");
    assert!(metrics.contains("kontor_changelog_applied_seq"));
    app.stop().await;
}

async fn oversized_forms_are_refused(app: TestApp) {
    let b = app.browser();
    let token = b.csrf().await;
    let huge = "x".repeat(600 * 1024);
    let url = format!("{}/signup", app.base);
    let r = b.client.post(&url).form(&[("csrf", token.as_str()), ("name", huge.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    app.stop().await;
}

/// Days written out, counts with their plural and grouping, and moments as `<time>`
/// elements (which the page's script makes relative), in the member's language.
async fn dates_numbers_and_counts_read_as_each_language_writes_them(app: TestApp) {
    use crate::contacts::{Member, connect};
    use kontor_core::clock::Clock;
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    anna.browser.post_form("/posts", &[("text", "Guten Morgen"), ("audience", "contacts")]).await.see_other();
    let labels = |html: &str| -> Vec<String> {
        let dt = scraper::Selector::parse(".degree-chart dt").unwrap();
        scraper::Html::parse_document(html).select(&dt).map(|e| e.text().collect::<String>()).collect()
    };
    let (_, home) = anna.browser.page("/home").await;
    assert_eq!(labels(&home), ["direct contact", "contacts at the 2nd degree", "contacts at the 3rd degree"]);
    let today = app.clock.now().date();
    let moment = scraper::Selector::parse("article.post time[data-relative]").unwrap();
    let written = |html: &str| -> (String, String) {
        let page = scraper::Html::parse_document(html);
        let t = page.select(&moment).next().expect("a <time> on the post");
        (t.value().attr("datetime").unwrap().to_owned(), t.text().collect())
    };
    let (stamp, english) = written(&home);
    assert!(stamp.starts_with(&today.to_string()) && stamp.ends_with('Z'), "{stamp}");
    assert_eq!(english, kontor_core::formats::long_date(kontor_core::i18n::Lang::En, today));
    assert!(english.contains(&today.year().to_string()) && !english.contains('-'), "a day written out: {english}");

    anna.browser.post_form("/language", &[("lang", "de")]).await.see_other();
    let (_, home) = anna.browser.page("/home").await;
    assert_eq!(labels(&home), ["direkter Kontakt", "Kontakte 2. Grades", "Kontakte 3. Grades"]);
    let (_, german) = written(&home);
    assert!(german.starts_with(&format!("{}. ", today.day())), "\"4. Dezember 2026\": {german}");
    assert_ne!(german, english);
}

/// Unknown addresses and every error render the site's own page: its name, the member's
/// header, their language and a way back; the API answers in JSON.
async fn errors_are_pages_of_the_site(app: TestApp) {
    let olga = app.admin().await;
    let r = olga.post_form("/admin/settings", &[("site_name", "Handelskammer Nord"), ("signup_mode", "open")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let visitor = app.browser();
    let (status, page) = visitor.page("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(texts(&page, "a.brand"), ["Handelskammer Nord"], "the site's own header");
    assert_eq!(attrs(&page, "meta[name=viewport]", "name").len(), 1, "made for phones too");
    assert!(!attrs(&page, "main a[href='/']", "href").is_empty(), "a way back");

    let bert = app.member("Bert Kraus", "bert@example.org").await;
    bert.post_form("/language", &[("lang", "de")]).await.see_other();
    for (path, status) in [
        ("/no-such-page", StatusCode::NOT_FOUND),
        ("/members/nobody", StatusCode::NOT_FOUND),
        ("/admin", StatusCode::FORBIDDEN),
    ] {
        let (got, page) = bert.page(path).await;
        assert_eq!(got, status, "{path}");
        assert_eq!(attrs(&page, "html", "lang"), ["de"], "{path} in the member's language");
        assert_eq!(texts(&page, "a.brand"), ["Handelskammer Nord"], "{path} within the site's pages");
        assert_eq!(
            attrs(&page, "form[action='/logout']", "action").len(),
            1,
            "the member's header, with the log-out: {path}"
        );
    }

    let r = reqwest::get(format!("{}/api/v1/no-such-operation", app.base)).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["code"], "not_found");
    app.stop().await;
}
