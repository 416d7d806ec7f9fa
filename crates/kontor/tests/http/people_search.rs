//! Finding people by what they wrote: on the page and in the API, in both German
//! spellings, with typos, nearest first, and never through a field the searcher may not
//! see.

use crate::app::Answered;
use crate::app::{TestApp, attrs, texts};
use crate::contacts::{Member, connect};
use crate::on_both;
use reqwest::{Method, StatusCode};
use serde_json::Value;

on_both!(
    people_are_found_by_title_company_city_and_skill_in_either_spelling,
    a_member_found_only_through_a_hidden_field_is_as_missing,
    the_index_follows_profile_changes_and_closed_accounts,
    queries_that_cannot_be_searched_are_told_and_pages_are_bounded,
);

/// Saves a profile: the name, and fields with their visibilities.
async fn profile(m: &Member, fields: &[(&str, &str)]) {
    let mut form = vec![("name", m.name.as_str())];
    form.extend_from_slice(fields);
    m.browser.post_form("/profile/edit", &form).await.see_other();
}

/// The names the search page lists for `q`, in order.
async fn page_names(m: &Member, q: &str) -> Vec<String> {
    let (status, page) = m.browser.page(&format!("/people?{}", query(q, None))).await;
    assert_eq!(status, StatusCode::OK, "/people for {q:?}");
    texts(&page, "#people-found .member-row .who a.name")
}

/// The names the API finds for `q`, in order, and the whole answer.
async fn api_names(app: &TestApp, m: &Member, q: &str) -> (Vec<String>, Value) {
    let found = m.get(app, &format!("/search/people?{}", query(q, None))).await;
    let names =
        found["hits"].as_array().expect("hits").iter().map(|h| h["member"]["name"].as_str().unwrap().to_owned());
    (names.collect(), found)
}

fn query(q: &str, page: Option<&str>) -> String {
    let mut pairs = vec![("q", q)];
    pairs.extend(page.map(|p| ("page", p)));
    let url = reqwest::Url::parse_with_params("http://kontor.invalid/", pairs).expect("a query");
    url.query().unwrap_or_default().to_owned()
}

async fn people_are_found_by_title_company_city_and_skill_in_either_spelling(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carla = Member::join(&app, "Carla Jäger").await;
    let doris = Member::join(&app, "Doris Engel").await;
    let members = [("vis_position", "members"), ("vis_location", "members"), ("vis_haves", "members")];
    let mut fields = vec![
        ("headline", "Geschäftsführerin · Vertrieb"),
        ("position", "Geschäftsführerin"),
        ("company", "Müller Bau GmbH"),
        ("city", "Köln"),
        ("haves", "Kaltakquise, Vertriebsaufbau"),
    ];
    fields.extend_from_slice(&members);
    profile(&carla, &fields).await;
    let mut fields = vec![("headline", "Geschäftsführer"), ("company", "Engel Logistik"), ("city", "Köln")];
    fields.extend_from_slice(&members);
    profile(&doris, &fields).await;
    connect(&app, &anna, &doris).await;

    // The male title, the umlaut spelled out and the female form meet; the contact first.
    for q in ["Geschäftsführer", "geschaeftsfuehrer", "Geschäftsführerin"] {
        assert_eq!(page_names(&anna, q).await, ["Doris Engel", "Carla Jäger"], "{q}: the contact first");
    }
    assert_eq!(page_names(&anna, "Mueller Bau").await, ["Carla Jäger"], "the company in the other spelling");
    assert_eq!(page_names(&anna, "koeln").await, ["Doris Engel", "Carla Jäger"], "the city");
    assert_eq!(page_names(&anna, "Kaltakquise").await, ["Carla Jäger"], "a skill she offers");
    assert_eq!(page_names(&anna, "Jaeger").await, ["Carla Jäger"], "a name in the other spelling");

    // A typo in a name still finds, after what matches as typed, and says so.
    let (names, found) = api_names(&app, &anna, "Carla Jägr").await;
    assert_eq!(names, ["Carla Jäger"], "{found}");
    assert_eq!(found["hits"][0]["bucket"], "fuzzy", "{found}");
    let (_, page) = anna.browser.page(&format!("/people?{}", query("Kaltakquise", None))).await;
    assert_eq!(attrs(&page, "#people-found .found-in [data-field]", "data-field"), ["haves"], "where it was found");
    let (names, found) = api_names(&app, &anna, "Geschäftsführer").await;
    assert_eq!(names, ["Doris Engel", "Carla Jäger"]);
    assert_eq!(found["hits"][0]["member"]["degree"], 1, "{found}");
    assert_eq!(found["found"], 2, "{found}");
    assert_eq!(found["more"], false, "{found}");
    // The older list answer of the API reads the same search.
    let cards = anna.get(&app, &format!("/people?{}", query("Köln", None))).await;
    let ids: Vec<&str> = cards.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [doris.json_id.as_str(), carla.json_id.as_str()], "{cards}");
    // Bert, who wrote none of it, is nowhere; nor is the searcher herself.
    assert!(page_names(&anna, "Kraus").await.contains(&"Bert Kraus".to_owned()));
    assert!(page_names(&bert, "Kraus").await.is_empty(), "no one finds themselves");
}

async fn a_member_found_only_through_a_hidden_field_is_as_missing(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let erik = Member::join(&app, "Erik Stein").await;
    let fritz = Member::join(&app, "Fritz Lang").await;
    // Erik's company is his contacts' to see, his "about" text his own.
    let fields = [
        ("company", "Geheimwerk AG"),
        ("vis_position", "contacts"),
        ("about", "Zaubertrank"),
        ("vis_about", "only_me"),
        ("headline", "Berater"),
        ("vis_headline", "members"),
    ];
    profile(&erik, &fields).await;
    connect(&app, &fritz, &erik).await;

    for q in ["Geheimwerk", "Geheimwerk Berater", "Zaubertrank", "Geheimwerc"] {
        assert!(page_names(&anna, q).await.is_empty(), "{q}: page");
        let (status, page) = anna.browser.page(&format!("/people?{}", query(q, None))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(texts(&page, "#people-none").len(), 1, "{q}: the page says nobody was found");
        assert!(texts(&page, "#people-count").is_empty(), "{q}: no count");
        let (names, found) = api_names(&app, &anna, q).await;
        assert!(names.is_empty(), "{q}: {found}");
        assert_eq!(found["found"], 0, "{q}: counted nowhere: {found}");
        let cards = anna.get(&app, &format!("/people?{}", query(q, None))).await;
        assert_eq!(cards, Value::Array(Vec::new()), "{q}: the list answer");
        let typing = anna.get(&app, &format!("/search/people?{}&prefix=true", query(&q[..6], None))).await;
        assert_eq!(typing["found"], 0, "{q}: while typing: {typing}");
    }
    // His contact sees the company, and finds him by it; only he sees his "about".
    assert_eq!(page_names(&fritz, "Geheimwerk").await, ["Erik Stein"]);
    assert!(page_names(&fritz, "Zaubertrank").await.is_empty());
    // What Anna may see finds him, and only the visible field is named.
    let (names, found) = api_names(&app, &anna, "Berater Erik").await;
    assert_eq!(names, ["Erik Stein"], "{found}");
    assert_eq!(found["hits"][0]["fields"], serde_json::json!(["name", "headline"]), "{found}");
    // Blocked, he is gone for Fritz too, either way.
    fritz.browser.post_form(&format!("/members/{}/block", erik.id), &[]).await.see_other();
    assert!(page_names(&fritz, "Geheimwerk").await.is_empty());
    assert!(page_names(&erik, "Fritz").await.is_empty());
}

async fn the_index_follows_profile_changes_and_closed_accounts(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let gerd = Member::join(&app, "Gerd Wolf").await;
    assert!(page_names(&anna, "Imkerei").await.is_empty());
    profile(&gerd, &[("headline", "Imkerei und Honig"), ("vis_headline", "members")]).await;
    assert_eq!(page_names(&anna, "Imkerei").await, ["Gerd Wolf"], "found as soon as the change is acknowledged");
    profile(&gerd, &[("headline", "Obstbau"), ("vis_headline", "members")]).await;
    assert!(page_names(&anna, "Imkerei").await.is_empty(), "the old headline finds him no more");
    assert_eq!(page_names(&anna, "Obstbau").await, ["Gerd Wolf"]);
    // Gerd closes his account: gone from search at once.
    let password = serde_json::json!({ "password": crate::app::PASSWORD });
    let (status, body) = gerd.api(&app, Method::DELETE, "/me", Some(password)).await;
    assert!(status.is_success(), "closing: {status} {body}");
    assert!(page_names(&anna, "Obstbau").await.is_empty(), "a closed account is not found");
    assert!(page_names(&anna, "Gerd").await.is_empty());
}

async fn queries_that_cannot_be_searched_are_told_and_pages_are_bounded(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let long = "a".repeat(201);
    let (status, body) = anna.api(&app, Method::GET, &format!("/search/people?{}", query(&long, None)), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["code"], "too_long", "{body}");
    let many = "eins zwei drei vier fünf sechs sieben acht neun";
    let (status, body) = anna.api(&app, Method::GET, &format!("/search/people?{}", query(many, None)), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["code"], "too_many_words", "{body}");
    let (status, page) = anna.browser.page(&format!("/people?{}", query(many, None))).await;
    assert_eq!(status, StatusCode::OK, "the page says it beside the box");
    assert_eq!(texts(&page, "#people-q-error"), ["Please use at most eight words."]);
    // Punctuation alone, a page far out, a page that is no number: sensible and empty.
    for path in [query("\"*:?(", None), query("Anna", Some("99999999999")), query("Anna", Some("x"))] {
        let (status, page) = anna.browser.page(&format!("/people?{path}")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(texts(&page, "#people-found .member-row").is_empty(), "{path}");
    }
    let (status, body) = anna.api(&app, Method::GET, "/search/people?q=Anna&page=-1", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["code"], "query_invalid", "{body}");
}
