//! Checks that the list of routes is the truth: every API route listed is an operation
//! of the OpenAPI document and back, every listed route exists in the router, and every
//! link and form a crawl of the pages finds (as a visitor, a member and an
//! administrator) is listed.

use crate::app::Answered;
use crate::app::{Browser, TestApp};
use crate::routes::{ROUTES, route_of};
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The listed API routes against the OpenAPI document's operations.
pub async fn api_routes_match_the_document(app: &TestApp) -> usize {
    let doc: serde_json::Value =
        reqwest::get(format!("{}/api/v1/openapi.json", app.base)).await.unwrap().json().await.unwrap();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object().expect("operations").keys().map(move |m| (m.to_uppercase(), format!("/api/v1{path}")))
        })
        .collect();
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let undocumented: Vec<_> = listed.difference(&documented).collect();
    let unlisted: Vec<_> = documented.difference(&listed).collect();
    assert!(undocumented.is_empty(), "listed but not in the OpenAPI document: {undocumented:?}");
    assert!(unlisted.is_empty(), "in the OpenAPI document but not listed in verify/routes.rs: {unlisted:?}");
    listed.len()
}

/// A concrete path for a listed pattern (any value will do: only the router is asked).
fn example(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment {
            "{id}" => "0192f0c1a2b37c4d8e9fa0b1c2d3e4f5",
            "{kind}" => "imprint",
            "{lang}" => "en",
            "{action}" => "approve",
            "{version}" => "1",
            "{file}" => "128.jpg",
            s if s.starts_with('{') => "x",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every listed route exists: OPTIONS on it is answered 405 with the listed method
/// allowed (the router knows the path), where an address the router does not know
/// gets the 404 of the fallback.
pub async fn every_listed_route_exists(app: &TestApp) -> usize {
    let http = reqwest::Client::new();
    let unknown = http.request(reqwest::Method::OPTIONS, format!("{}/no/such/route", app.base)).send().await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND, "the fallback answers an unknown address");
    let mut missing = Vec::new();
    for route in ROUTES {
        let url = format!("{}{}", app.base, example(route.path));
        let r = http.request(reqwest::Method::OPTIONS, &url).send().await.unwrap();
        let allow = r.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        if r.status() != StatusCode::METHOD_NOT_ALLOWED || !allow.split(',').any(|m| m.trim() == route.method) {
            missing.push(format!("{} {}: {} allow {allow:?}", route.method, route.path, r.status()));
        }
    }
    assert!(missing.is_empty(), "listed routes the router does not have:\n{}", missing.join("\n"));
    ROUTES.len()
}

/// Every address in a page: links, forms (with their method), and what it loads.
fn addresses(html: &str) -> Vec<(String, String)> {
    let page = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    for (css, attr) in [("a[href]", "href"), ("link[href]", "href"), ("img[src]", "src"), ("script[src]", "src")] {
        for e in page.select(&select(css)) {
            found.push(("GET".to_owned(), e.value().attr(attr).unwrap_or_default().to_owned()));
        }
    }
    for form in page.select(&select("form")) {
        let method = form.value().attr("method").unwrap_or("get").to_uppercase();
        found.push((method.clone(), form.value().attr("action").unwrap_or_default().to_owned()));
        for button in form.select(&select("button[formaction]")) {
            found.push((method.clone(), button.value().attr("formaction").unwrap_or_default().to_owned()));
        }
    }
    // Addresses the page's script asks are the page's too: the live stream, the
    // suggestions for profile fields, for mentions and for the search box.
    for e in page.select(&select("[data-live]")) {
        found.push(("GET".to_owned(), e.value().attr("data-live").unwrap_or_default().to_owned()));
    }
    if page.select(&select("input[data-suggest]")).next().is_some() {
        found.push(("GET".to_owned(), "/suggest".to_owned()));
    }
    if page.select(&select("textarea[data-mention]")).next().is_some() {
        found.push(("GET".to_owned(), "/mentions".to_owned()));
    }
    if page.select(&select("input[data-people]")).next().is_some() {
        found.push(("GET".to_owned(), "/search/suggest".to_owned()));
    }
    found
}

/// Crawls the site from `start` as `browser` sees it, following every same-site GET
/// link it may; returns the routes found, and notes every address no listed route takes.
async fn crawl(
    browser: &Browser,
    start: &[&str],
    seen: &mut BTreeSet<(&'static str, &'static str)>,
    unlisted: &mut BTreeMap<String, String>,
) -> usize {
    let mut queue: VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
    let mut visited = BTreeSet::new();
    while let Some(path) = queue.pop_front() {
        if visited.len() >= 400 || !visited.insert(path.clone()) {
            continue;
        }
        let r = browser.get(&path).await;
        let html_page =
            r.headers().get("content-type").is_some_and(|v| v.to_str().unwrap_or_default().starts_with("text/html"));
        if !html_page {
            continue;
        }
        let html = r.text().await.unwrap_or_default();
        for (method, address) in addresses(&html) {
            let Some(local) = address.strip_prefix('/').filter(|a| !a.starts_with('/')).map(|a| format!("/{a}")) else {
                continue; // another site, a fragment, mailto:
            };
            match route_of(&method, &local) {
                Some(route) => {
                    seen.insert((route.method, route.path));
                    let follow = method == "GET"
                        && local != "/live"
                        && !local.starts_with("/media/")
                        && !local.starts_with("/static/");
                    if follow {
                        queue.push_back(local.split('#').next().unwrap_or_default().to_owned());
                    }
                }
                None => {
                    unlisted.entry(format!("{method} {local}")).or_insert(path.clone());
                }
            }
        }
    }
    visited.len()
}

/// Crawls as a visitor, a member with a network and an administrator: every address
/// found is a listed route. Returns (pages crawled, listed routes reached).
pub async fn crawled_addresses_are_listed(app: &TestApp) -> (usize, usize) {
    // Some of everything: an administrator, two members in contact, a post with a
    // comment, a request waiting, a notification, legal pages.
    let olga = app.admin().await;
    olga.post_form("/admin/legal/imprint/en", &[("markdown", "# Legal notice\n\n[Home](/home)")]).await.see_other();
    olga.post_form("/admin/legal/terms/en", &[("markdown", "# Terms")]).await.see_other();
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let bert = app.member("Bert Kraus", "bert@example.org").await;
    let carl = app.member("Carl Lange", "carl@example.org").await;
    let bert_id = app.id_of(&bert).await;
    let anna_id = app.id_of(&anna).await;
    anna.post_form(&format!("/members/{bert_id}/request"), &[("how", "colleagues")]).await.see_other();
    let (_, requests) = bert.page("/contacts/requests").await;
    let request = requests.split("action=\"/contacts/requests/").nth(1).expect("a request").split('/').next().unwrap();
    assert_eq!(
        bert.post_form(&format!("/contacts/requests/{request}/accept"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    carl.post_form(&format!("/members/{anna_id}/request"), &[("how", "other")]).await.see_other();
    anna.post_form("/posts", &[("text", "Hallo @Bert Kraus, siehe https://example.org"), ("audience", "members")])
        .await
        .see_other();
    let (_, home) = bert.page("/home").await;
    let post = home.split("data-post=\"").nth(1).expect("a post").split('"').next().unwrap().to_owned();
    bert.post_form(&format!("/posts/{post}/comment"), &[("text", "Danke!")]).await.see_other();
    app.deliver_mail().await;

    let mut seen = BTreeSet::new();
    let mut unlisted = BTreeMap::new();
    let visitor = app.browser();
    let mut pages = crawl(
        &visitor,
        &["/", "/login", "/signup", "/reset", &format!("/posts/{post}"), "/legal/imprint"],
        &mut seen,
        &mut unlisted,
    )
    .await;
    pages += crawl(
        &anna,
        &["/home", &format!("/posts/{post}"), "/settings/two-factor", "/profile/preview"],
        &mut seen,
        &mut unlisted,
    )
    .await;
    pages += crawl(&olga, &["/admin", "/admin/legal/privacy/de"], &mut seen, &mut unlisted).await;
    let unlisted: Vec<String> = unlisted.into_iter().map(|(a, on)| format!("{a} (on {on})")).collect();
    assert!(
        unlisted.is_empty(),
        "addresses in the pages that no listed route takes (add them to verify/routes.rs):\n{}",
        unlisted.join("\n")
    );
    (pages, seen.len())
}
