//! The network over HTTP: the leak test of the network privacy rule, suggestions, and a
//! removal and a block reaching every node.

use crate::app::{TestApp, attrs, fields, texts};
use crate::contacts::{Member, connect, eventually};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(nothing_the_network_rule_hides_appears_anywhere, a_newcomer_is_suggested_colleagues_and_neighbours);

async fn nothing_the_network_rule_hides_appears_anywhere(app: TestApp) {
    let vera = Member::join(&app, "Vera Vogt").await;
    let alex = Member::join(&app, "Alex Abel").await;
    let bea = Member::join(&app, "Bea Brandt").await;
    let cem = Member::join(&app, "Cem Celik").await;
    let r = bea
        .browser
        .post_form(
            "/profile/edit",
            &[("name", "Bea Brandt"), ("city", "Zwickaumarker"), ("vis_location", "contacts_of_contacts")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    connect(&app, &vera, &alex).await;
    connect(&app, &alex, &bea).await;
    connect(&app, &bea, &cem).await;
    alex.list_visible_to(&app, "only_me").await;
    bea.list_visible_to(&app, "only_me").await;

    let hidden = [&bea, &cem];
    let walk = walk(&app, &vera, &[&alex, &bea, &cem]).await;
    for (what, body) in &walk {
        assert!(!body.contains("Zwickaumarker"), "{what} shows a field for contacts of contacts");
        for m in hidden {
            for marker in ["data-degree=\"2\"", "data-degree=\"3\"", "data-degree=\"4\""] {
                for part in body.split(&format!("data-member=\"{}\"", m.id)).skip(1) {
                    let card = &part[..part.len().min(600)];
                    let card = card.split("</li>").next().unwrap_or(card);
                    assert!(!card.contains(marker), "{what} shows {} with {marker}", m.name);
                }
            }
            assert!(
                !body.contains("class=\"path\"") || !body.contains(&m.id),
                "{what} draws a path through {}",
                m.name
            );
            if what.starts_with("api ") {
                for degree in [2, 3, 4] {
                    let needle = format!("\"id\":\"{}\"", m.json_id);
                    if let Some(i) = body.find(&needle) {
                        let card = &body[i..body.len().min(i + 400)];
                        assert!(!card.contains(&format!("\"degree\":{degree}")), "{what} gives {} a degree", m.name);
                    }
                }
            }
        }
        if what.contains("suggestions") || what.starts_with("page /home") || what == "page /people" {
            for m in hidden {
                assert!(!body.contains(&m.id) && !body.contains(&m.json_id), "{what} suggests {}", m.name);
            }
        }
    }
    let size = vera.get(&app, "/me/network").await;
    assert_eq!(size["degrees"], json!([1, 0, 0]), "the counts see only Alex");
    let tie = vera.get(&app, &format!("/members/{}/network", bea.id)).await;
    assert_eq!((tie["network"]["degree"].clone(), tie["network"]["paths"].clone()), (Value::Null, json!([])));
    let tie = vera.get(&app, &format!("/members/{}/network", alex.id)).await;
    assert_eq!(tie["network"]["shared_total"], 0);

    // Alex opens his list: now Vera sees Bea at the 2nd degree, with the path and the field.
    alex.list_visible_to(&app, "members").await;
    let tie = vera.get(&app, &format!("/members/{}/network", bea.id)).await;
    assert_eq!(tie["network"]["degree"], 2);
    assert_eq!(tie["network"]["paths"][0].as_array().map(Vec::len), Some(3));
    let (_, profile) = vera.browser.page(&format!("/members/{}", bea.id)).await;
    assert_eq!(fields(&profile).get("location").map(String::as_str), Some("Zwickaumarker"));
    assert_eq!(attrs(&profile, "ol.path li", "data-member").len(), 3, "the path through Alex");
    assert_eq!(vera.get(&app, "/me/network").await["degrees"], json!([1, 1, 0]), "Bea's own list stays closed");
    let suggested = vera.get(&app, "/me/suggestions").await;
    assert_eq!(suggested[0]["member"]["id"], bea.json_id.as_str());
    app.stop().await;
}

async fn a_newcomer_is_suggested_colleagues_and_neighbours(app: TestApp) {
    let works = |company: &'static str, city: &'static str, vis: &'static str| {
        vec![("company", company), ("vis_position", vis), ("city", city), ("vis_location", vis)]
    };
    let mut people = Vec::new();
    for (name, fields) in [
        ("Nina Neu", works("Kraus KG", "Leipzig", "members")),
        ("Otto Ort", works("Other AG", "Leipzig", "members")),
        ("Paul Pfeil", works("Kraus KG", "Halle", "members")),
        ("Quinn Quast", works("Kraus KG", "Leipzig", "only_me")),
        ("Rita Rand", works("Nowhere", "Dresden", "members")),
    ] {
        let m = Member::join(&app, name).await;
        let mut form = vec![("name", name)];
        form.extend(fields);
        assert_eq!(m.browser.post_form("/profile/edit", &form).await.status(), StatusCode::SEE_OTHER);
        people.push(m);
    }
    let nina = &people[0];
    let suggested = nina.get(&app, "/me/suggestions").await;
    let names: Vec<&str> =
        suggested.as_array().unwrap().iter().map(|s| s["member"]["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Paul Pfeil", "Otto Ort"],
        "same company first, then same city; hidden fields count for nothing"
    );
    assert_eq!(suggested[0]["same_company"], true);
    assert_eq!(suggested[1]["same_city"], true);
    let (_, home) = nina.browser.page("/home").await;
    assert_eq!(texts(&home, ".suggestions .who a.name"), ["Paul Pfeil", "Otto Ort"], "home suggests them too");

    // The list is remembered between reads, never past a change: a dismissal and a new
    // colleague show on the next read.
    let names = |suggested: Value| -> Vec<String> {
        suggested.as_array().unwrap().iter().map(|s| s["member"]["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(names(nina.get(&app, "/me/suggestions").await), ["Paul Pfeil", "Otto Ort"]);
    let path = format!("/me/suggestions/{}", people[2].id);
    assert_eq!(nina.api(&app, reqwest::Method::DELETE, &path, None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(names(nina.get(&app, "/me/suggestions").await), ["Otto Ort"], "Paul is dismissed");
    let mut form = vec![("name", "Rita Rand")];
    form.extend(works("Kraus KG", "Dresden", "members"));
    assert_eq!(people[4].browser.post_form("/profile/edit", &form).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(names(nina.get(&app, "/me/suggestions").await), ["Rita Rand", "Otto Ort"], "Rita is a colleague now");
    app.stop().await;
}

/// Every page and API response that shows members, as `viewer` sees them.
async fn walk(app: &TestApp, viewer: &Member, others: &[&Member]) -> Vec<(String, String)> {
    let mut pages = vec![
        "/home".to_owned(),
        "/contacts".to_owned(),
        "/contacts?sort=recent".to_owned(),
        "/contacts/requests".to_owned(),
        "/people".to_owned(),
        "/settings/contacts".to_owned(),
        "/contacts/vcard".to_owned(),
    ];
    let mut apis = vec![
        "/me/contacts".to_owned(),
        "/me/contact-requests/received".to_owned(),
        "/me/contact-requests/sent".to_owned(),
        "/me/suggestions?limit=50".to_owned(),
        "/me/network".to_owned(),
        "/me/blocks".to_owned(),
    ];
    for m in others {
        let first = m.name.split(' ').next().unwrap();
        pages.push(format!("/members/{}", m.id));
        pages.push(format!("/people?q={first}"));
        apis.push(format!("/members/{}", m.id));
        apis.push(format!("/members/{}/network", m.id));
        apis.push(format!("/people?q={first}"));
    }
    let mut out = Vec::new();
    for p in pages {
        let (status, body) = viewer.browser.page(&p).await;
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{p}: {status}");
        out.push((format!("page {p}"), body));
    }
    for p in apis {
        let (status, body) = viewer.api(app, reqwest::Method::GET, &p, None).await;
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{p}: {status}");
        out.push((format!("api {p}"), body.to_string()));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removal_and_a_block_reach_every_node() {
    let Some(a) = TestApp::spawn(crate::app::Backend::Postgres).await else { return };
    let b = a.second_node(true).await;
    let anna = Member::join(&a, "Anna Berg").await;
    let bert = Member::join(&a, "Bert Kraus").await;
    let carl = Member::join(&a, "Carl Lange").await;
    connect(&a, &anna, &bert).await;
    connect(&a, &bert, &carl).await;
    bert.list_visible_to(&a, "members").await;
    let to_carl = format!("/members/{}/network", carl.id);
    eventually(&b, &anna, &to_carl, |t| t["network"]["degree"] == 2).await;

    // A removal holds at once on the node that made it, and on the other within the lag.
    let (status, _) = anna.api(&a, reqwest::Method::DELETE, &format!("/me/contacts/{}", bert.id), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(anna.get(&a, &to_carl).await["network"]["degree"], Value::Null, "at once on node A");
    eventually(&b, &anna, &to_carl, |t| t["network"]["degree"].is_null()).await;

    // A block holds at once on the node that made it, and on the other within the lag,
    // for members it holds in memory too (Bert has been served there).
    connect(&a, &anna, &bert).await;
    eventually(&b, &anna, &to_carl, |t| t["network"]["degree"] == 2).await;
    let to_anna = format!("/members/{}", anna.id);
    assert_eq!(bert.api(&b, reqwest::Method::GET, &to_anna, None).await.0, StatusCode::OK);
    let (status, _) = anna.api(&a, reqwest::Method::PUT, &format!("/me/blocks/{}", bert.id), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(bert.api(&a, reqwest::Method::GET, &to_anna, None).await.0, StatusCode::NOT_FOUND, "at once on node A");
    eventually(&b, &bert, &to_anna, |answer| answer["code"] == "not_found").await;
    eventually(&b, &anna, &to_carl, |t| t["network"]["degree"].is_null()).await;
    b.stop().await;
    a.stop().await;
}
