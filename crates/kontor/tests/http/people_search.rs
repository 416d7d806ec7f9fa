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
    a_saved_search_tells_of_each_new_person_once_and_of_no_one_hidden,
    searching_is_limited_per_member,
    visitors_find_public_profiles_through_public_fields_where_the_operator_allows,
    posts_are_found_by_whoever_may_read_them,
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
    // Filters narrow (alone they search for their value); facets count what the people
    // found have in common; the order may be by name.
    let city = |extra: &str| format!("/search/people?{}{extra}", query("Geschäftsführer", None));
    let found = anna.get(&app, &city("&city=koeln&company=Engel+Logistik")).await;
    assert_eq!(found["hits"].as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found["hits"][0]["member"]["name"], "Doris Engel");
    let found = anna.get(&app, "/search/people?city=K%C3%B6ln").await;
    assert_eq!(found["found"], 2, "a filter alone: {found}");
    let found = anna.get(&app, &city("")).await;
    assert_eq!(found["facets"]["city"], serde_json::json!([{"value": "Köln", "count": 2}]), "{found}");
    assert_eq!(found["facets"]["degree"], serde_json::json!([1, 0, 0]), "{found}");
    let companies: Vec<&str> =
        found["facets"]["company"].as_array().unwrap().iter().map(|v| v["value"].as_str().unwrap()).collect();
    assert_eq!(companies, ["Engel Logistik", "Müller Bau GmbH"]);
    let found = anna.get(&app, &city("&sort=name&degree=2")).await;
    assert_eq!(found["found"], 0, "no one two steps away: {found}");
    let by_name = anna.get(&app, &city("&sort=name")).await;
    let names: Vec<&str> =
        by_name["hits"].as_array().unwrap().iter().map(|h| h["member"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Carla Jäger", "Doris Engel"], "by name");
    let (_, page) = anna.browser.page(&format!("/people?{}", query("Geschäftsführer", None))).await;
    assert_eq!(
        attrs(&page, "#people-facets a[data-facet=city]", "href"),
        [format!("/people?{}&city=K%C3%B6ln", query("Geschäftsführer", None))]
    );
    let (_, page) = anna
        .browser
        .page(&format!("/people?{}&city=K%C3%B6ln&company=Engel+Logistik", query("Geschäftsführer", None)))
        .await;
    assert_eq!(texts(&page, "#people-found .member-row .who a.name"), ["Doris Engel"]);
    assert_eq!(attrs(&page, "#people-filters [data-filter]", "data-filter"), ["city", "company"], "the filters in use");

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
    // A value kept from Anna neither passes a filter nor counts in a facet.
    assert!(found["facets"]["company"].as_array().unwrap().is_empty(), "{found}");
    let filtered = anna.get(&app, "/search/people?q=Berater&company=Geheimwerk+AG").await;
    assert_eq!(filtered["found"], 0, "{filtered}");
    let filtered = anna.get(&app, "/search/people?company=Geheimwerk+AG").await;
    assert_eq!(filtered["found"], 0, "{filtered}");
    let seen = fritz.get(&app, "/search/people?q=Berater&company=Geheimwerk+AG").await;
    assert_eq!(seen["found"], 1, "his contact's filter passes: {seen}");

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

/// The kinds of notification in the app, each mailed as it is by default but new people
/// for saved searches, which come at once.
const SEARCH_MAIL_AT_ONCE: [(&str, &str); 8] = [
    ("contact_request", "immediately"),
    ("contact_accepted", "digest"),
    ("comment", "immediately"),
    ("reply", "immediately"),
    ("like", "digest"),
    ("mention", "immediately"),
    ("birthday", "digest"),
    ("search_match", "immediately"),
];

/// The members whose arrival the member was told of, newest first.
async fn told_of(app: &TestApp, m: &Member) -> Vec<String> {
    let page = m.get(app, "/me/notifications").await;
    let items = page["items"].as_array().expect("items").iter();
    items.filter(|n| n["kind"] == "search_match").map(|n| n["actor"]["name"].as_str().unwrap().to_owned()).collect()
}

async fn a_saved_search_tells_of_each_new_person_once_and_of_no_one_hidden(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    profile(&bert, &[("headline", "Imker aus Leidenschaft"), ("vis_headline", "members")]).await;
    anna.browser.post_form("/settings/notifications", &SEARCH_MAIL_AT_ONCE).await.see_other();

    // Anna saves the search from its page: Bert, found now, is no news.
    let (_, page) = anna.browser.page(&format!("/people?{}", query("Imker", None))).await;
    assert_eq!(attrs(&page, "form.save-search input[name=q]", "value"), ["Imker"], "the page offers to save it");
    let r = anna.browser.post_form("/searches", &[("q", "Imker")]).await;
    assert_eq!(location(r.see_other()), "/searches?done=saved");
    let (_, page) = anna.browser.page("/searches").await;
    assert_eq!(texts(&page, "#searches .who a.name"), ["Imker"]);
    assert_eq!(attrs(&page, "#searches [data-search]", "data-alerts"), ["true"]);

    // Carla comes and calls herself a beekeeper for members to see; Dora for her contacts.
    let carla = Member::join(&app, "Carla Jäger").await;
    profile(&carla, &[("headline", "Imkerin"), ("vis_headline", "members")]).await;
    let dora = Member::join(&app, "Dora Engel").await;
    profile(&dora, &[("headline", "Imker"), ("vis_headline", "contacts")]).await;
    app.clock.advance(time::Duration::minutes(6));
    let mails = app.deliver_mail().await;
    assert_eq!(told_of(&app, &anna).await, ["Carla Jäger"], "Carla, not Bert (known) nor Dora (hidden)");
    let to_anna: Vec<_> = mails.iter().filter(|m| m.to.iter().any(|t| t == "anna@example.org")).collect();
    assert_eq!(to_anna.len(), 1, "one mail at once, as chosen");
    let text = to_anna[0].text();
    assert!(text.contains("Carla Jäger") && !text.contains("Dora"), "the mail names Carla alone:\n{text}");

    // The next round has nothing new to tell; Dora, once a contact, is new to Anna.
    app.clock.advance(time::Duration::minutes(6));
    app.deliver_mail().await;
    assert_eq!(told_of(&app, &anna).await, ["Carla Jäger"], "each person once");
    connect(&app, &anna, &dora).await;
    app.clock.advance(time::Duration::minutes(6));
    app.deliver_mail().await;
    assert_eq!(told_of(&app, &anna).await, ["Dora Engel", "Carla Jäger"]);

    // The API lists, pauses and deletes it; another member's search is as missing.
    let saved = anna.get(&app, "/me/searches").await;
    assert_eq!(saved[0]["query"], "Imker", "{saved}");
    let id = saved[0]["id"].as_str().unwrap().to_owned();
    let body = serde_json::json!({"alerts": false});
    let (status, answer) = carla.api(&app, Method::PUT, &format!("/me/searches/{id}"), Some(body.clone())).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    let (status, answer) = carla.api(&app, Method::DELETE, &format!("/me/searches/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    let (status, _) = anna.api(&app, Method::PUT, &format!("/me/searches/{id}"), Some(body)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(anna.get(&app, "/me/searches").await[0]["alerts"], false);
    let (status, created) =
        anna.api(&app, Method::POST, "/me/searches", Some(serde_json::json!({"query": "Obstbau"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["alerts"], true, "{created}");
    let (status, _) = anna.api(&app, Method::DELETE, &format!("/me/searches/{id}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let r = anna.browser.post_form(&format!("/searches/{}/delete", created["id"].as_str().unwrap()), &[]).await;
    assert_eq!(location(r.see_other()), "/searches?done=deleted");
    let (_, page) = anna.browser.page("/searches").await;
    assert_eq!(texts(&page, "#searches-none").len(), 1, "none left");
}

fn location(r: reqwest::Response) -> String {
    r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned()
}

async fn searching_is_limited_per_member(app: TestApp) {
    let limit = kontor_core::ratelimit::Rate::per_minutes(3, 5);
    let app = app.restart_with(|s| s.limits.searches_per_member = limit).await;
    let anna = Member::join(&app, "Anna Berg").await;
    // The page, the API and the suggestions while typing all count.
    assert!(page_names(&anna, "Berg").await.is_empty());
    anna.get(&app, "/search/people?q=Berg").await;
    let (status, _) = anna.browser.page("/search/suggest?q=Be").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = anna.api(&app, Method::GET, "/search/people?q=Berg", None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["code"], "rate_limited", "{body}");
    let (status, _) = anna.browser.page(&format!("/people?{}", query("Berg", None))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the page too");
    // The next window searches again; an empty box is no search.
    app.clock.advance(time::Duration::minutes(5));
    anna.get(&app, "/search/people?q=Berg").await;
    for _ in 0..3 {
        let (status, _) = anna.browser.page("/people").await;
        assert_eq!(status, StatusCode::OK, "no query, nothing counted");
    }
}

async fn visitors_find_public_profiles_through_public_fields_where_the_operator_allows(app: TestApp) {
    let limit = kontor_core::ratelimit::Rate::per_minutes(4, 5);
    let app = app.restart_with(|s| s.limits.searches_per_ip = limit).await;
    let erik = Member::join(&app, "Erik Stein").await;
    let fritz = Member::join(&app, "Fritz Lang").await;
    let gerd = Member::join(&app, "Gerd Wolf").await;
    // Erik is public with a public headline; Fritz's headline is public but he is not;
    // Gerd is public, his headline for members only.
    profile(&erik, &[("vis_name", "public"), ("headline", "Imker"), ("vis_headline", "public")]).await;
    profile(&fritz, &[("vis_name", "members"), ("headline", "Imker"), ("vis_headline", "public")]).await;
    profile(&gerd, &[("vis_name", "public"), ("headline", "Imker"), ("vis_headline", "members")]).await;

    let visitor = app.browser();
    let (_, landing) = visitor.page("/").await;
    assert_eq!(attrs(&landing, "#landing-search", "action"), ["/people"], "the landing page offers to search");
    let (status, page) = visitor.page(&format!("/people?{}", query("Imker", None))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&page, "#people-found .member-row .who a.name"), ["Erik Stein"], "public and through public");
    assert_eq!(texts(&page, "#people-public").len(), 1, "the page says what visitors see");
    assert!(texts(&page, "form.save-search").is_empty(), "visitors keep no searches");
    let (_, page) = visitor.page(&format!("/people?{}", query("Gerd", None))).await;
    assert_eq!(texts(&page, "#people-found .member-row .who a.name"), ["Gerd Wolf"], "his name is public");
    // Searches per address are limited.
    visitor.page(&format!("/people?{}", query("Wolf", None))).await;
    visitor.page(&format!("/people?{}", query("Stein", None))).await;
    let (status, _) = visitor.page(&format!("/people?{}", query("Imker", None))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

    // The operator switches it off: visitors are asked to log in, members search on.
    let olga = app.admin().await;
    let form = [("site_name", "Kontor"), ("signup_mode", "open"), ("public_search_asked", "1")];
    olga.post_form("/admin/settings", &form).await.see_other();
    let (_, admin) = olga.page("/admin").await;
    assert!(attrs(&admin, "input[name=public_search][checked]", "value").is_empty(), "the box is off");
    app.clock.advance(time::Duration::minutes(5));
    let r = app.browser().get(&format!("/people?{}", query("Imker", None))).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "to the log-in");
    let (_, landing) = app.browser().page("/").await;
    assert!(texts(&landing, "#landing-search").is_empty(), "no search box for visitors");
    assert_eq!(page_names(&fritz, "Imker").await, ["Erik Stein", "Gerd Wolf"]);
}

/// The ids of the posts the API finds for `q` as `m`, once the index has taken in the
/// newest writes (posts are indexed in the background, within a moment): asked until
/// the answer holds `until` ids, for at most five seconds.
async fn posts_found(app: &TestApp, m: &Member, q: &str, until: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..100 {
        let found = m.get(app, &format!("/search/posts?{}", query(q, None))).await;
        ids = found["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect();
        if ids.len() >= until {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    ids
}

async fn posts_are_found_by_whoever_may_read_them(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lenz").await;
    connect(&app, &anna, &bert).await;
    // Visitors see posts of members who show themselves to the public.
    profile(&anna, &[("vis_name", "public")]).await;
    let post = |text: &str, audience: &str| serde_json::json!({"text": text, "audience": audience});
    let (_, contacts) =
        anna.api(&app, Method::POST, "/posts", Some(post("Kaltakquise im Mittelstand", "contacts"))).await;
    let (_, public) = anna.api(&app, Method::POST, "/posts", Some(post("Kaltakquise auf Messen", "public"))).await;
    let (contacts, public) = (contacts["id"].as_str().unwrap().to_owned(), public["id"].as_str().unwrap().to_owned());

    // Her contact reads both (the newer first), a member only the public one.
    assert_eq!(posts_found(&app, &bert, "Kaltakquise", 2).await, [public.as_str(), contacts.as_str()]);
    assert_eq!(posts_found(&app, &carl, "Kaltakquise", 1).await, [public.as_str()], "only what he may read");
    assert_eq!(posts_found(&app, &bert, "Mittelstand", 1).await, [contacts.as_str()]);
    assert_eq!(posts_found(&app, &bert, "Kaltakquise Mesen", 1).await, [public.as_str()], "with a typo");
    // Visitors find the public one on the page.
    let (status, page) = app.browser().page(&format!("/search/posts?{}", query("Kaltakquise", None))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attrs(&page, "#posts-found [data-post]", "data-post"), [public.replace('-', "")]);
    let (_, page) = bert.browser.page(&format!("/search/posts?{}", query("Kaltakquise", None))).await;
    assert_eq!(texts(&page, "#posts-found .post-excerpt a").len(), 2, "the page lists both for her contact");

    // A deleted post goes; a blocked author's posts go for whom she blocked.
    let (status, _) = anna.api(&app, Method::DELETE, &format!("/posts/{contacts}"), None).await;
    assert!(status.is_success(), "deleting: {status}");
    let mut left = Vec::new();
    for _ in 0..100 {
        left = posts_found(&app, &bert, "Mittelstand", 0).await;
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(left.is_empty(), "the deleted post is not found: {left:?}");
    anna.browser.post_form(&format!("/members/{}/block", carl.id), &[]).await.see_other();
    assert!(posts_found(&app, &carl, "Kaltakquise", 0).await.is_empty(), "blocked, he finds none of hers");
}
