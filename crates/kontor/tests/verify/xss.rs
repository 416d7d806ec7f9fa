//! The XSS corpus in a real browser: 130 payloads of the well-known kinds (tags, event
//! handlers, `javascript:` and `data:` URLs, SVG and MathML, broken and encoded markup,
//! template, mention and link syntax, Unicode tricks) are written into every free-text
//! field a member or an administrator fills in, then every page that shows them is
//! rendered in headless Chromium **with the Content Security Policy switched off**, so
//! escaping alone must hold: each payload calls `__xss(n)` if it ever runs, a hook
//! installed before any of the page's scripts records the calls, and the page is
//! searched for anything a payload could have added (event-handler attributes, script,
//! frames, objects, `javascript:` links). Each payload must also be shown as typed.

use crate::app::{PASSWORD, TestApp};
use crate::webdriver::WebDriver;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const PAYLOADS: &str = include_str!("xss-payloads.txt");

/// Records every `__xss(n)` call on the page and in its frames, before the page's own
/// scripts run.
const HOOK: &str = "window.__fired = []; window.__xss = n => window.__fired.push(n); \
    try { window.top.__xss = window.top.__xss || window.__xss; } catch (e) {}";

/// What a payload could have added to a page: Kontor's own pages have none of it.
const INJECTED: &str = "const found = []; \
    for (const e of document.querySelectorAll('*')) { \
      for (const a of e.attributes) { \
        if (a.name.startsWith('on')) found.push(e.tagName + '[' + a.name + ']'); \
        if (/^\\s*(javascript|vbscript|data):/i.test(a.value) && ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name)) \
          found.push(e.tagName + '[' + a.name + '=' + a.value.slice(0, 30) + ']'); \
      } \
    } \
    for (const e of document.querySelectorAll('iframe, object, embed, frame, frameset, base, meta[http-equiv], link[rel=import], style, template, math, svg script, script:not([src=\"/static/kontor.js\"])')) \
      found.push(e.tagName.toLowerCase()); \
    return found;";

/// One payload in one field, and the pages that show that field.
struct Placed {
    payload: String,
    field: &'static str,
    pages: Vec<String>,
}

fn payloads() -> Vec<String> {
    PAYLOADS.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// A member's API token.
async fn token(app: &TestApp, email: &str) -> String {
    app.api_session(email, PASSWORD).await
}

async fn api(app: &TestApp, token: &str, method: reqwest::Method, path: &str, body: Value) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .request(method, format!("{}/api/v1{path}", app.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("an API request");
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Writes the corpus into every free-text field, then renders every page that shows
/// them; returns the summary line.
pub async fn corpus_runs_nowhere_and_shows_as_typed(app: &TestApp, wd: &WebDriver, full: bool) -> String {
    let corpus = payloads();
    assert!(corpus.len() >= 100, "the corpus has {} payloads", corpus.len());
    let mut next = corpus.iter().cycle();
    let mut take = || next.next().expect("a payload").clone();
    let mut placed: Vec<Placed> = Vec::new();
    let mut refused: BTreeMap<&'static str, usize> = BTreeMap::new();

    // The administrator names the site with a payload; the reader is Anna.
    let olga = app.admin().await;
    let site = corpus.iter().find(|p| p.chars().count() <= 60).expect("a short payload").clone();
    let r = olga.post_form("/admin/settings", &[("site_name", &site), ("signup_mode", "open")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the site's name");
    placed.push(Placed { payload: site, field: "site name", pages: vec!["/home".into(), "/login".into()] });
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let anna_token = token(app, "anna@example.org").await;
    let anna_id = app.id_of(&anna).await;

    // Authors: each one fills every field of a profile with payloads, asks Anna with a
    // payload as the note, posts, comments and shares with payloads.
    let authors = corpus.len().div_ceil(12);
    let mut posts = Vec::new();
    for k in 0..authors {
        // Five sign-ups per address and half hour: the test's clock moves on.
        if k % 4 == 3 {
            app.clock.advance(time::Duration::minutes(31));
        }
        let email = format!("author{k}@example.org");
        let author = app.member(&format!("Autor {k}"), &email).await;
        let id = app.id_of(&author).await;
        let author_token = token(app, &email).await;
        let profile_page = format!("/members/{id}");
        let visible: BTreeMap<&str, &str> = [
            "name",
            "headline",
            "position",
            "location",
            "industry",
            "about",
            "haves",
            "wants",
            "interests",
            "organisations",
        ]
        .into_iter()
        .map(|f| (f, "members"))
        .collect();
        let fields: Vec<(&'static str, String)> = vec![
            ("name", take()),
            ("headline", take()),
            ("position", take()),
            ("company", take()),
            ("city", take()),
            ("industry", take()),
            ("about", take()),
            ("haves", take()),
            ("wants", take()),
        ];
        let mut form = json!({"visibility": visible});
        for (field, payload) in &fields {
            form[*field] = match *field {
                "haves" | "wants" => json!([payload]),
                _ => json!(payload),
            };
        }
        let (status, answer) = api(app, &author_token, reqwest::Method::PUT, "/me/profile", form.clone()).await;
        if status == StatusCode::OK {
            for (field, payload) in fields {
                // Lists split at commas; the name is where everyone sees it.
                if matches!(field, "haves" | "wants") && payload.contains(',') {
                    continue;
                }
                let mut pages = vec![profile_page.clone()];
                if field == "name" {
                    pages.extend(["/home".to_owned(), "/contacts".to_owned()]);
                }
                placed.push(Placed { payload, field, pages });
            }
        } else {
            // One field's refusal refuses the form: say which, and try each on its own.
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
            for (field, payload) in fields {
                let mut one = json!({"name": format!("Autor {k}"), "visibility": visible});
                one[field] = if matches!(field, "haves" | "wants") { json!([payload]) } else { json!(payload) };
                let (status, _) = api(app, &author_token, reqwest::Method::PUT, "/me/profile", one).await;
                if status == StatusCode::OK && !(matches!(field, "haves" | "wants") && payload.contains(',')) {
                    placed.push(Placed { payload, field, pages: vec![profile_page.clone()] });
                } else if status != StatusCode::OK {
                    *refused.entry(field).or_default() += 1;
                }
            }
        }

        // A request to Anna with a payload as its note; she sees it, then accepts.
        let note = take();
        let body = json!({"message": note, "how": "colleagues"});
        let (status, answer) =
            api(app, &author_token, reqwest::Method::POST, &format!("/members/{anna_id}/contact-request"), body).await;
        assert_eq!(status, StatusCode::OK, "a request: {answer}");
        placed.push(Placed { payload: note, field: "request note", pages: vec!["before:/contacts/requests".into()] });

        let post = take();
        let (status, answer) =
            api(app, &author_token, reqwest::Method::POST, "/posts", json!({"text": post, "audience": "members"}))
                .await;
        assert_eq!(status, StatusCode::CREATED, "a post: {answer}");
        let post_id = answer["id"].as_str().expect("the post's id").to_owned();
        let post_page = format!("/posts/{post_id}");
        placed.push(Placed { payload: post, field: "post", pages: vec![post_page.clone(), "/home".into()] });
        let comment = take();
        let path = format!("/posts/{post_id}/comments");
        let (status, answer) = api(app, &author_token, reqwest::Method::POST, &path, json!({"text": comment})).await;
        assert_eq!(status, StatusCode::CREATED, "a comment: {answer}");
        placed.push(Placed { payload: comment, field: "comment", pages: vec![post_page.clone()] });
        posts.push((post_id, author_token, id));
    }
    // Anna reads the requests with their notes, then accepts every one; she tags each
    // contact and keeps a note, shares and reports posts, with payloads as her words.
    let mut report = Report::default();
    log_in(wd, &app.base, "anna@example.org").await;
    let notes: Vec<&Placed> = placed.iter().filter(|p| p.field == "request note").collect();
    render(wd, &app.base, "/contacts/requests", &mut report, &notes).await;
    let received = api(app, &anna_token, reqwest::Method::GET, "/me/contact-requests/received", Value::Null).await.1;
    for request in received.as_array().expect("requests") {
        let path = format!("/me/contact-requests/{}/accept", request["id"].as_str().unwrap());
        assert_eq!(api(app, &anna_token, reqwest::Method::POST, &path, Value::Null).await.0, StatusCode::NO_CONTENT);
    }
    // Anna looks for what every author offers and offers what they look for: the two
    // ways of the offers page show their haves and wants.
    let tags_of = |field: &str| -> Vec<String> {
        placed.iter().filter(|p| p.field == field).map(|p| p.payload.clone()).collect()
    };
    let anna_tags = json!({"name": "Anna Berg", "wants": tags_of("haves"), "haves": tags_of("wants")});
    let (status, answer) = api(app, &anna_token, reqwest::Method::PUT, "/me/profile", anna_tags).await;
    assert_eq!(status, StatusCode::OK, "Anna's wants and haves: {answer}");
    for p in placed.iter_mut() {
        match p.field {
            "haves" => p.pages.push("/matches".into()),
            "wants" => p.pages.push("/matches?meeting=they_seek".into()),
            _ => {}
        }
    }
    // Tags hold up to 40 characters: the short payloads, in turn.
    let mut short = corpus.iter().filter(|p| p.chars().count() <= 40 && !p.contains(',')).cycle();
    for (post_id, _, author) in &posts {
        let (tag, note) = (short.next().expect("a short payload").clone(), take());
        let edit = json!({"tags": [tag], "note": note, "grants": []});
        let (status, answer) =
            api(app, &anna_token, reqwest::Method::PUT, &format!("/me/contacts/{author}"), edit).await;
        if status == StatusCode::NO_CONTENT {
            if !tag.contains(',') {
                placed.push(Placed { payload: tag, field: "contact tag", pages: vec!["/contacts".into()] });
            }
            placed.push(Placed { payload: note, field: "contact note", pages: vec![format!("/members/{author}")] });
        } else {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
            *refused.entry("contact tag or note").or_default() += 1;
        }
        let share = take();
        let path = format!("/posts/{post_id}/shares");
        let (status, answer) =
            api(app, &anna_token, reqwest::Method::POST, &path, json!({"text": share, "audience": "members"})).await;
        assert_eq!(status, StatusCode::CREATED, "a share: {answer}");
        placed.push(Placed { payload: share, field: "share note", pages: vec!["/home".into()] });
        let reason = take();
        let path = format!("/posts/{post_id}/reports");
        let (status, answer) = api(app, &anna_token, reqwest::Method::POST, &path, json!({"reason": reason})).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "a report: {answer}");
        placed.push(Placed { payload: reason, field: "report reason", pages: vec!["admin:/admin".into()] });
    }
    // Anna keeps searches with payloads as their words (as many as she may keep).
    let mut queries = corpus.iter().filter(|p| p.chars().count() <= 200).cycle();
    for _ in 0..kontor_core::search::MOST_SAVED {
        let query = queries.next().expect("a payload").clone();
        let (status, answer) =
            api(app, &anna_token, reqwest::Method::POST, "/me/searches", json!({"query": query})).await;
        if status == StatusCode::CREATED {
            placed.push(Placed { payload: query, field: "saved search", pages: vec!["/searches".into()] });
        } else {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
            *refused.entry("saved search").or_default() += 1;
        }
    }
    // The legal pages' Markdown: every payload at once (rendered, so not shown as typed).
    let markdown: String = corpus.iter().map(|p| format!("{p}\n\n")).collect();
    let r = olga.post_form("/admin/legal/imprint/en", &[("markdown", &markdown)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the imprint");

    // Render every page that shows a payload, as Anna (and the admin pages as Olga).
    let mut pages: BTreeMap<String, Vec<&Placed>> = BTreeMap::new();
    for p in &placed {
        for page in &p.pages {
            pages.entry(page.clone()).or_default().push(p);
        }
    }
    pages.remove("before:/contacts/requests");
    let extra = ["/notifications", "/people?q=Autor", "/legal/imprint", "/contacts?q=a"];
    for page in extra {
        pages.entry(page.to_owned()).or_default();
    }
    for (page, shown) in pages.iter().filter(|(p, _)| !p.starts_with("admin:")) {
        render(wd, &app.base, page, &mut report, shown).await;
    }
    let names: Vec<&str> = placed.iter().filter(|p| p.field == "name").map(|p| p.payload.trim()).collect();
    mention_list(wd, &app.base, &names, &mut report).await;
    if full {
        // Each payload's own page once more, in German.
        let set = "return fetch('/language', {method: 'POST', body: new URLSearchParams({lang: 'de', \
                   csrf: document.querySelector('input[name=csrf]').value})}).then(r => r.status)";
        wd.execute(set, vec![]).await;
        for (page, shown) in pages.iter().filter(|(p, _)| !p.starts_with("admin:")) {
            render(wd, &app.base, page, &mut report, shown).await;
        }
    }
    log_in(wd, &app.base, "olga@example.org").await;
    for (page, shown) in pages.iter().filter(|(p, _)| p.starts_with("admin:")) {
        render(wd, &app.base, page.trim_start_matches("admin:"), &mut report, shown).await;
    }
    render(wd, &app.base, "/admin/legal/imprint/en", &mut report, &[]).await;

    let Report { pages: rendered, fired, injected, altered } = report;
    assert!(fired.is_empty(), "payloads ran:\n{}", fired.join("\n"));
    assert!(injected.is_empty(), "markup from payloads in the page:\n{}", injected.join("\n"));
    assert!(altered.is_empty(), "not shown as typed:\n{}", altered.join("\n"));
    let refused: Vec<String> = refused.iter().map(|(f, n)| format!("{f} {n}")).collect();
    format!(
        "xss: {} payloads, {} placed in {} fields, {} page loads, 0 script executions, 0 injected elements, \
         0 altered texts (refused as invalid input: {})",
        corpus.len(),
        placed.len(),
        placed.iter().map(|p| p.field).collect::<std::collections::BTreeSet<_>>().len(),
        rendered,
        if refused.is_empty() { "none".to_owned() } else { refused.join(", ") },
    )
}

#[derive(Default)]
struct Report {
    pages: usize,
    fired: Vec<String>,
    injected: Vec<String>,
    altered: Vec<String>,
}

/// Logs the browser in as `email` (out of any earlier log-in), in English.
async fn log_in(wd: &WebDriver, base: &str, email: &str) {
    wd.cmd(reqwest::Method::DELETE, "/cookie", None).await;
    wd.log_in(base, email, PASSWORD).await;
}

/// Loads `page`, waits for anything a payload would set off (errors of broken images,
/// autofocus), and notes what ran, what was added and which of `shown` is not there as
/// typed.
async fn render(wd: &WebDriver, base: &str, page: &str, report: &mut Report, shown: &[&Placed]) {
    wd.goto(&format!("{base}{page}")).await;
    report.pages += 1;
    // Handlers of failed loads and focus fire within a moment; give them a few.
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    let fired = wd.execute("return window.__fired || []", vec![]).await;
    for n in fired.as_array().into_iter().flatten() {
        report.fired.push(format!("{page}: payload {n}"));
    }
    for what in wd.execute(INJECTED, vec![]).await.as_array().into_iter().flatten() {
        report.injected.push(format!("{page}: {}", what.as_str().unwrap_or_default()));
    }
    let text = wd.execute("return document.body.textContent", vec![]).await;
    let text = text.as_str().unwrap_or_default();
    for p in shown {
        if !text.contains(p.payload.trim()) {
            report.altered.push(format!("{page}: {} {:?}", p.field, p.payload));
        }
    }
}

/// The composer's mention suggestions, which the page's script writes: an `@` lists
/// Anna's contacts, whose names are payloads; none runs or adds markup, and each option
/// reads as the name was typed.
async fn mention_list(wd: &WebDriver, base: &str, names: &[&str], report: &mut Report) {
    wd.goto(&format!("{base}/home")).await;
    wd.fill("#post-text", "@").await;
    wd.wait_for_script(
        "mention suggestions",
        "return document.querySelectorAll('.mention-list [role=option]').length > 0;",
    )
    .await;
    report.pages += 1;
    let shown = wd
        .execute(
            "return [...document.querySelectorAll('.mention-list [role=option] .name')].map(o => o.textContent)",
            vec![],
        )
        .await;
    let shown: Vec<String> =
        shown.as_array().into_iter().flatten().filter_map(|n| n.as_str().map(str::to_owned)).collect();
    assert!(!shown.is_empty(), "the list of mentions is empty");
    for name in &shown {
        if !names.contains(&name.as_str()) {
            report.altered.push(format!("/home mention list: {name:?} is no name as typed"));
        }
    }
    for n in wd.execute("return window.__fired || []", vec![]).await.as_array().into_iter().flatten() {
        report.fired.push(format!("/home mention list: payload {n}"));
    }
    for what in wd.execute(INJECTED, vec![]).await.as_array().into_iter().flatten() {
        report.injected.push(format!("/home mention list: {}", what.as_str().unwrap_or_default()));
    }
}

/// Switches the page's Content Security Policy off and installs the hook in every
/// document before its own scripts; then shows that the detector sees a payload that
/// runs, and one that a policy would have blocked.
pub async fn prepare(wd: &WebDriver, base: &str) {
    let bypass = json!({"cmd": "Page.setBypassCSP", "params": {"enabled": true}});
    wd.cmd(reqwest::Method::POST, "/goog/cdp/execute", Some(bypass)).await;
    let hook = json!({"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": HOOK}});
    wd.cmd(reqwest::Method::POST, "/goog/cdp/execute", Some(hook)).await;
    // A page of Kontor's own (its policy forbids inline script) with a payload planted
    // into it the way a missing escape would.
    wd.goto(&format!("{base}/login")).await;
    let plant = "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss(0)>')";
    wd.execute(plant, vec![]).await;
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    let fired = wd.execute("return window.__fired || []", vec![]).await;
    assert_eq!(fired, json!([0]), "the detector sees a planted payload run");
    let injected = wd.execute(INJECTED, vec![]).await;
    assert_eq!(injected, json!(["IMG[onerror]"]), "and finds what it added");
}
