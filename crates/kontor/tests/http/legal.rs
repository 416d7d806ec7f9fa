//! The operator's legal pages: written on the admin pages, read by anyone, linked from
//! every page and e-mail; the terms asked for at sign-up; the site's own language.

use crate::app::{PASSWORD, TestApp, attrs, texts};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(
    operators_write_legal_pages_that_every_page_and_mail_links,
    legal_pages_are_checked_sanitised_and_for_administrators_only,
    sign_up_asks_to_accept_the_terms_once_there_are_any,
    visitors_whose_browser_asks_for_neither_language_get_the_sites,
    the_demo_has_legal_pages_as_an_operator_would_start_them,
);

const IMPRINT_DE: &str = "# Impressum\n\nNetzwerk Leipzig e. V.\nMarkt 1, 04109 Leipzig\n\n## Kontakt\n\n- [E-Mail](mailto:info@netzwerk.example.org)";

async fn operators_write_legal_pages_that_every_page_and_mail_links(app: TestApp) {
    let olga = app.admin().await;
    let (_, admin) = olga.page("/admin").await;
    assert_eq!(texts(&admin, "[data-legal-missing]").len(), 1, "the admin page says what the law asks for");
    let visitor = app.browser();
    let (_, landing) = visitor.page("/").await;
    assert!(texts(&landing, ".legal-links a").is_empty(), "no page written, no link");
    assert_eq!(visitor.get("/legal/imprint").await.status(), StatusCode::NOT_FOUND);

    // The privacy notice starts from the generated template, which is not yet published.
    let (status, editor) = olga.page("/admin/legal/privacy/de").await;
    assert_eq!(status, StatusCode::OK);
    let template = texts(&editor, "textarea#markdown").concat();
    assert!(template.contains("Datenschutzerklärung") && template.contains("kontor_session"), "{template}");
    assert!(template.contains("14 Tagen"), "the grace period of a deleted account: {template}");
    assert_eq!(visitor.get("/legal/privacy").await.status(), StatusCode::NOT_FOUND);

    let r = olga.post_form("/admin/legal/imprint/de", &[("markdown", IMPRINT_DE)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = olga.page("/admin?notice=legal_saved").await;
    assert_eq!(texts(&admin, "[role=status]"), ["The page has been saved."]);
    let privacy = "# Privacy notice\n\nWe store what you enter.";
    let r = olga.post_form("/admin/legal/privacy/en", &[("markdown", privacy)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = olga.page("/admin").await;
    assert!(texts(&admin, "[data-legal-missing]").is_empty(), "both required pages exist now");

    // Every page's footer links them, visitors' and members' alike.
    let (_, landing) = visitor.page("/").await;
    assert_eq!(texts(&landing, ".legal-links a"), ["Legal notice", "Privacy"]);
    let (_, home) = olga.page("/home").await;
    assert_eq!(texts(&home, ".legal-links a"), ["Legal notice", "Privacy"]);
    let (status, missing) = visitor.page("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(texts(&missing, ".legal-links a"), ["Legal notice", "Privacy"], "error pages too");

    // An English reader of a page written only in German gets it, and is told.
    let (status, imprint) = visitor.page("/legal/imprint").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&imprint, "[data-legal=imprint] h1"), ["Impressum"]);
    assert_eq!(texts(&imprint, "[data-legal=imprint] h2"), ["Kontakt"]);
    assert!(texts(&imprint, "[data-legal=imprint]").concat().contains("Netzwerk Leipzig e. V."));
    assert_eq!(texts(&imprint, "[data-legal=imprint] [role=note]"), ["This page is available only in German."]);
    assert_eq!(attrs(&imprint, "[data-legal=imprint]", "lang"), ["de"], "marked as German for screen readers");
    let german = crate::app::Browser::new(&app.base, "de");
    let (_, imprint) = german.page("/legal/imprint").await;
    assert!(texts(&imprint, "[role=note]").is_empty(), "a German reader reads it as written");
    assert_eq!(texts(&imprint, ".legal-links a"), ["Impressum", "Datenschutz"]);

    // The API gives the same, in the language asked for or the one there is.
    let api = reqwest::Client::new();
    let r = api.get(format!("{}/api/v1/legal/imprint?lang=en", app.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!((body["kind"].as_str(), body["lang"].as_str()), (Some("imprint"), Some("de")));
    assert_eq!(body["markdown"], IMPRINT_DE);
    assert_eq!(texts(body["html"].as_str().unwrap(), "h1"), ["Impressum"]);
    let r = api.get(format!("{}/api/v1/legal/terms", app.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "not_found");

    // Every e-mail links them in its footer.
    let form = [("invite_name", "Rita Sommer"), ("invite_email", "rita@example.org"), ("invite_lang", "en")];
    assert_eq!(olga.post_form("/admin/invite", &form).await.status(), StatusCode::SEE_OTHER);
    let mails = app.deliver_mail().await;
    let text = mails[0].text();
    assert!(text.contains(&format!("Legal notice: {}/legal/imprint", app.base)), "{text}");
    assert!(text.contains(&format!("Privacy: {}/legal/privacy", app.base)), "{text}");
    let unfolded = mails[0].data.replace("=\r\n", "").replace("=3D", "=");
    assert!(unfolded.contains(&format!("href=\"{}/legal/imprint\"", app.base)), "the HTML part links it too");

    // Saved empty, a page is gone, and so are its links.
    assert_eq!(olga.post_form("/admin/legal/privacy/en", &[("markdown", "  ")]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(visitor.get("/legal/privacy").await.status(), StatusCode::NOT_FOUND);
    let (_, landing) = visitor.page("/").await;
    assert_eq!(texts(&landing, ".legal-links a"), ["Legal notice"]);
    app.stop().await;
}

async fn legal_pages_are_checked_sanitised_and_for_administrators_only(app: TestApp) {
    let olga = app.admin().await;
    let hostile = "# Hi\n\n<script>document.title='owned'</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<a href=\"https://example.org\" onclick=\"alert(1)\">ok</a>";
    assert_eq!(olga.post_form("/admin/legal/terms/en", &[("markdown", hostile)]).await.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.browser().page("/legal/terms").await;
    let article = texts(&page, "[data-legal=terms]").concat();
    assert!(article.contains("Hi") && article.contains("click") && article.contains("ok"), "{article}");
    let terms = scraper::Selector::parse("[data-legal=terms]").unwrap();
    let body = scraper::Html::parse_document(&page).select(&terms).next().expect("the terms").inner_html();
    for runs in ["<script", "javascript:", "onerror", "onclick", "<img"] {
        assert!(!body.contains(runs), "{runs} in {body}");
    }
    assert_eq!(attrs(&page, "[data-legal=terms] a", "href"), ["https://example.org"], "only the safe link is a link");
    assert_eq!(attrs(&page, "[data-legal=terms] a[href]", "rel"), ["noopener noreferrer nofollow"]);

    // Too long: refused with a message next to the field, the text kept for mending.
    let long = format!("# Long\n\n{}", "Absatz. ".repeat(13_000));
    let r = olga.post_form("/admin/legal/imprint/de", &[("markdown", &long)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert_eq!(texts(&page, "#markdown-error"), ["This is too long."]);
    assert!(texts(&page, "textarea#markdown").concat().starts_with("# Long Absatz."), "the text is kept");
    assert_eq!(app.browser().get("/legal/imprint").await.status(), StatusCode::NOT_FOUND, "nothing saved");

    // Members may read but not write; unknown pages and languages are missing.
    let paul = app.member("Paul Quast", "paul@example.org").await;
    assert_eq!(paul.get("/admin/legal/imprint/de").await.status(), StatusCode::FORBIDDEN);
    let r = paul.post_form("/admin/legal/imprint/de", &[("markdown", "# Mine")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.browser().get("/legal/imprint").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(olga.get("/admin/legal/cookies/de").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(olga.get("/admin/legal/imprint/fr").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.browser().get("/legal/cookies").await.status(), StatusCode::NOT_FOUND);

    // The API: administrators write, with the same checks and stable codes.
    let api = reqwest::Client::new();
    let token = app.api_session("olga@example.org", PASSWORD).await;
    let put = |path: &str, body: Value, token: &str| {
        api.put(format!("{}/api/v1{path}", app.base)).bearer_auth(token).json(&body).send()
    };
    let r =
        put("/admin/legal/imprint/en", json!({"markdown": "# Legal notice\n\nNetwork Leipzig"}), &token).await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = put("/admin/legal/imprint/en", json!({"markdown": "x".repeat(100_001)}), &token).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!((&body["fields"][0]["field"], &body["fields"][0]["code"]), (&json!("markdown"), &json!("too_long")));
    let r = api.get(format!("{}/api/v1/admin/legal/privacy/en", app.base)).bearer_auth(&token).send().await.unwrap();
    let draft: Value = r.json().await.unwrap();
    assert_eq!(draft["saved"], false);
    assert!(draft["markdown"].as_str().unwrap().starts_with("# Privacy notice"));
    let pauls = app.api_session("paul@example.org", PASSWORD).await;
    let r = put("/admin/legal/imprint/en", json!({"markdown": "# Mine"}), &pauls).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = api.get(format!("{}/api/v1/legal/imprint?lang=en", app.base)).send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["markdown"], "# Legal notice\n\nNetwork Leipzig");
    app.stop().await;
}

async fn sign_up_asks_to_accept_the_terms_once_there_are_any(app: TestApp) {
    let olga = app.admin().await;
    let visitor = app.browser();
    let (_, form) = visitor.page("/signup").await;
    assert!(texts(&form, "input[name=accept_terms]").is_empty(), "no terms, nothing to accept");

    let terms = "# Terms of use\n\nBe kind.";
    assert_eq!(olga.post_form("/admin/legal/terms/en", &[("markdown", terms)]).await.status(), StatusCode::SEE_OTHER);
    let (_, form) = visitor.page("/signup").await;
    assert_eq!(texts(&form, "label.check:has(input[name=accept_terms])"), ["I accept the Terms of use"]);
    assert_eq!(texts(&form, "label.check a[href='/legal/terms']"), ["Terms of use"]);

    let person = [("name", "Paul Quast"), ("email", "paul@example.org"), ("password", PASSWORD)];
    let r = visitor.post_form("/signup", &person).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert_eq!(texts(&page, "#accept_terms-error"), ["Please accept the terms of use to sign up."]);
    let kept = scraper::Selector::parse("input[name=name]").unwrap();
    let name =
        scraper::Html::parse_document(&page).select(&kept).next().unwrap().value().attr("value").map(str::to_owned);
    assert_eq!(name.as_deref(), Some("Paul Quast"), "the input is kept");
    assert!(app.deliver_mail().await.is_empty(), "no account, no mail");

    let mut accepted = person.to_vec();
    accepted.push(("accept_terms", "yes"));
    assert_eq!(visitor.post_form("/signup", &accepted).await.status(), StatusCode::OK);
    assert_eq!(app.deliver_mail().await.len(), 1, "the verification mail");

    // The API asks the same.
    let api = reqwest::Client::new();
    let signup = |accept: Option<bool>| {
        let mut body = json!({"name": "Rita Sommer", "email": "rita@example.org", "password": PASSWORD});
        if let Some(accept) = accept {
            body["accept_terms"] = json!(accept);
        }
        api.post(format!("{}/api/v1/signup", app.base)).json(&body).send()
    };
    let r = signup(None).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        (&body["fields"][0]["field"], &body["fields"][0]["code"]),
        (&json!("accept_terms"), &json!("terms_not_accepted"))
    );
    assert_eq!(signup(Some(false)).await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(signup(Some(true)).await.unwrap().status(), StatusCode::ACCEPTED);
    app.deliver_mail().await;

    // Joining by invitation is signing up: the terms are asked for there too.
    for (name, email) in [("Tom Hart", "tom@example.org"), ("Una Vogt", "una@example.org")] {
        let form = [("invite_name", name), ("invite_email", email), ("invite_lang", "en")];
        assert_eq!(olga.post_form("/admin/invite", &form).await.status(), StatusCode::SEE_OTHER);
    }
    let mails = app.deliver_mail().await;
    let link_for = |who: &str| mails.iter().find(|m| m.to == [who]).expect("an invitation").link("/invite/");
    let tom = app.browser();
    let link = link_for("tom@example.org");
    let (_, form) = tom.page(&link).await;
    assert_eq!(texts(&form, "label.check:has(input[name=accept_terms])"), ["I accept the Terms of use"]);
    let r = tom.post_form(&link, &[("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(texts(&r.text().await.unwrap(), "#accept_terms-error"), ["Please accept the terms of use to sign up."]);
    let r = tom.post_form("/login", &[("email", "tom@example.org"), ("password", PASSWORD)]).await;
    assert_ne!(r.status(), StatusCode::SEE_OTHER, "not joined, the invitation still open");
    assert_eq!(tom.post_form(&link, &[("password", PASSWORD), ("accept_terms", "yes")]).await.status(), StatusCode::OK);
    tom.log_in("tom@example.org", PASSWORD).await;
    let token = link_for("una@example.org").trim_start_matches("/invite/").to_owned();
    let accept = |body: Value| api.post(format!("{}/api/v1/invitations/{token}", app.base)).json(&body).send();
    let r = accept(json!({"password": PASSWORD})).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["fields"][0]["code"], "terms_not_accepted");
    assert_eq!(accept(json!({"password": PASSWORD, "accept_terms": true})).await.unwrap().status(), StatusCode::OK);
    app.stop().await;
}

async fn visitors_whose_browser_asks_for_neither_language_get_the_sites(app: TestApp) {
    let olga = app.admin().await;
    let lang_of = |html: &str| attrs(html, "html", "lang").remove(0);
    let french = crate::app::Browser::new(&app.base, "fr-FR,fr;q=0.9");
    assert_eq!(lang_of(&french.page("/").await.1), "en", "English until the operator chooses");
    let site = [("site_name", "Netzwerk Leipzig"), ("signup_mode", "open"), ("site_lang", "de")];
    assert_eq!(olga.post_form("/admin/settings", &site).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(lang_of(&french.page("/").await.1), "de");
    assert_eq!(lang_of(&app.browser().page("/").await.1), "en", "a browser asking for English gets it");
    let r = olga
        .post_form(
            "/admin/settings",
            &[("site_name", "Netzwerk Leipzig"), ("signup_mode", "open"), ("site_lang", "fr")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(lang_of(&french.page("/").await.1), "de", "an unknown language changes nothing");
    app.stop().await;
}

async fn the_demo_has_legal_pages_as_an_operator_would_start_them(app: TestApp) {
    app.node.kontor.imports().open_demo().await.expect("opening the demo");
    let german = crate::app::Browser::new(&app.base, "de");
    let (_, landing) = german.page("/").await;
    assert_eq!(texts(&landing, ".legal-links a"), ["Impressum", "Datenschutz"]);
    let (_, imprint) = german.page("/legal/imprint").await;
    assert!(texts(&imprint, "[data-legal=imprint]").concat().contains("LDBC Social Network Benchmark"));
    let (_, privacy) = app.browser().page("/legal/privacy").await;
    assert_eq!(texts(&privacy, "[data-legal=privacy] h1"), ["Privacy notice"]);
    assert!(texts(&privacy, "[data-legal=privacy]").concat().contains("Kontor Demo"), "named after the demo");
    app.stop().await;
}
