//! Wants meet haves: who offers what a member looks for, and who looks for what they
//! offer, on the home page, its own page and in the API, through visible fields only.

use crate::app::Answered;
use crate::app::{TestApp, attrs, texts};
use crate::contacts::{Member, connect};
use crate::on_both;
use reqwest::StatusCode;

on_both!(wants_meet_haves_through_what_the_member_may_see, a_member_who_names_nothing_is_told_how);

/// Saves a profile's haves and wants, each shown to `vis`.
async fn tags(m: &Member, haves: &str, wants: &str, vis: &str) {
    let form = [("name", m.name.as_str()), ("haves", haves), ("vis_haves", vis), ("wants", wants), ("vis_wants", vis)];
    m.browser.post_form("/profile/edit", &form).await.see_other();
}

/// The names a list of members shows, in order.
fn names(page: &str, list: &str) -> Vec<String> {
    texts(page, &format!("{list} .member-row .who a.name"))
}

async fn wants_meet_haves_through_what_the_member_may_see(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lenz").await;
    let dora = Member::join(&app, "Dora Meier").await;
    tags(&anna, "Lohnbuchhaltung", "Steuerrecht, Nachfolge", "members").await;
    tags(&bert, "steuerrecht, Nachfolge", "Lohnbuchhaltung", "members").await;
    tags(&carl, "Steuerrecht", "", "contacts").await;
    tags(&dora, "Steuerrecht", "", "members").await;
    connect(&app, &anna, &dora).await;

    // Bert offers both, Dora one and is a contact; Carl keeps his haves to his contacts.
    let (_, home) = anna.browser.page("/home").await;
    assert_eq!(names(&home, "#offers"), ["Bert Kraus", "Dora Meier"], "most tags first, then nearest");
    assert_eq!(texts(&home, "#offers .tags-met"), ["Offers Nachfolge, Steuerrecht", "Offers Steuerrecht"]);
    let (status, page) = anna.browser.page("/matches").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&page, "[data-meeting=they_offer]"), ["Bert Kraus", "Dora Meier"]);
    let found = anna.get(&app, "/me/matches").await;
    let ids: Vec<&str> = found.as_array().unwrap().iter().map(|m| m["member"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [bert.json_id.as_str(), dora.json_id.as_str()]);
    assert_eq!(found[0]["tags"], serde_json::json!(["Nachfolge", "Steuerrecht"]));
    assert_eq!(found[1]["member"]["degree"], 1);

    // Asked again with nothing changed, the list comes from memory.
    let (hits, misses) = app.cache_counts("matches").await;
    anna.get(&app, "/me/matches").await;
    assert_eq!(app.cache_counts("matches").await, (hits + 1, misses), "served from memory");
    // Anyone's change of tags makes it stale at once: Bert now offers one of the two, and
    // Dora, as near and with as many, comes first.
    tags(&bert, "Nachfolge", "Lohnbuchhaltung", "members").await;
    let found = anna.get(&app, "/me/matches").await;
    let ids: Vec<&str> = found.as_array().unwrap().iter().map(|m| m["member"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [dora.json_id.as_str(), bert.json_id.as_str()], "{found}");
    assert_eq!(found[1]["tags"], serde_json::json!(["Nachfolge"]));
    tags(&bert, "steuerrecht, Nachfolge", "Lohnbuchhaltung", "members").await;

    // Once Carl is a contact, his haves are Anna's to see, and he is found.
    connect(&app, &anna, &carl).await;
    let (_, page) = anna.browser.page("/matches").await;
    assert_eq!(names(&page, "[data-meeting=they_offer]"), ["Bert Kraus", "Carl Lenz", "Dora Meier"]);
    // Blocked, he is gone again, either way.
    anna.browser.post_form(&format!("/members/{}/block", carl.id), &[]).await.see_other();
    let (_, page) = anna.browser.page("/matches").await;
    assert_eq!(names(&page, "[data-meeting=they_offer]"), ["Bert Kraus", "Dora Meier"]);

    // The other way: Bert looks for what Anna offers.
    let (_, page) = anna.browser.page("/matches?meeting=they_seek").await;
    assert_eq!(names(&page, "[data-meeting=they_seek]"), ["Bert Kraus"]);
    assert_eq!(texts(&page, ".tags-met"), ["Seeks Lohnbuchhaltung"]);
    let seekers = anna.get(&app, "/me/matches?meeting=they_seek").await;
    assert_eq!(seekers.as_array().map(Vec::len), Some(1), "{seekers}");

    // Bert keeps his haves to himself: he offers nothing Anna may see.
    tags(&bert, "Steuerrecht, Nachfolge", "Lohnbuchhaltung", "only_me").await;
    let (_, home) = anna.browser.page("/home").await;
    assert_eq!(names(&home, "#offers"), ["Dora Meier"]);
    let found = anna.get(&app, "/me/matches").await;
    assert!(!found.to_string().contains(&bert.json_id), "not in the API either: {found}");
    let (status, page) = anna.browser.page("/matches?meeting=they_seek").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        texts(&page, "main .card p.muted"),
        ["Nobody seeks what you offer yet. As soon as someone does, you see them here."],
        "nor by his hidden wants"
    );

    // Visitors are sent to log in; the API asks for a token; a bad value is refused.
    assert_eq!(app.browser().get("/matches").await.status(), StatusCode::SEE_OTHER);
    let r = reqwest::get(format!("{}/api/v1/me/matches", app.base)).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (status, body) = anna.api(&app, reqwest::Method::GET, "/me/matches?meeting=sideways", None).await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("query")),
        "{body}"
    );
    app.stop().await;
}

async fn a_member_who_names_nothing_is_told_how(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let (_, home) = anna.browser.page("/home").await;
    assert_eq!(attrs(&home, "#offers a", "href"), ["/profile/edit#wants"], "where to say what she looks for");
    let (_, page) = anna.browser.page("/matches?meeting=they_seek").await;
    assert_eq!(attrs(&page, "main .card a.btn", "href"), ["/profile/edit#haves"]);
    tags(&anna, "", "Steuerrecht", "members").await;
    let (_, page) = anna.browser.page("/matches").await;
    assert_eq!(
        texts(&page, "main .card p.muted"),
        ["Nobody offers what you look for yet. As soon as someone does, you see them here."]
    );
    app.stop().await;
}
