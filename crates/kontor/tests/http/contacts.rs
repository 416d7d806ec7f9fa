//! Contacts over HTTP: requests, the pages and the API, blocks, grants and the vCard
//! export (the network rule and suggestions are in `network.rs`).

use crate::app::Answered;
use crate::app::{Browser, PASSWORD, TestApp, attrs, texts};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(
    a_request_is_answered_on_the_pages,
    a_declined_request_looks_pending_to_its_sender,
    tags_notes_grants_and_the_vcard_follow_the_contact,
    a_block_hides_both_members_everywhere,
    a_block_leaves_no_trace_in_counts_or_answers,
);

/// A member with a browser session and an API token.
pub struct Member {
    pub browser: Browser,
    pub token: String,
    /// The public id as page URLs write it; `json_id` as the API does.
    pub id: String,
    pub json_id: String,
    pub name: String,
}

impl Member {
    pub async fn join(app: &TestApp, name: &str) -> Self {
        let email = format!("{}@example.org", name.split(' ').next().unwrap_or(name).to_lowercase());
        let browser = app.member(name, &email).await;
        let id = app.id_of(&browser).await;
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/sessions", app.base))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
        Self { browser, token, json_id: with_dashes(&id), id, name: name.to_owned() }
    }

    pub async fn api(
        &self,
        app: &TestApp,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut r =
            reqwest::Client::new().request(method, format!("{}/api/v1{path}", app.base)).bearer_auth(&self.token);
        if let Some(body) = body {
            r = r.json(&body);
        }
        let r = r.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, app: &TestApp, path: &str) -> Value {
        let (status, body) = self.api(app, reqwest::Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    /// Sets who may see this member's contact list.
    pub async fn list_visible_to(&self, app: &TestApp, audience: &str) {
        let body = json!({"list_visibility": audience});
        let (status, _) = self.api(app, reqwest::Method::PUT, "/me/contact-settings", Some(body)).await;
        assert_eq!(status, StatusCode::OK);
    }
}

/// Makes `a` and `b` contacts through the API: a request and its acceptance.
pub async fn connect(app: &TestApp, a: &Member, b: &Member) {
    let (status, body) = a
        .api(
            app,
            reqwest::Method::POST,
            &format!("/members/{}/contact-request", b.id),
            Some(json!({"how": "colleagues"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    if body["outcome"] == "sent" {
        let received = b.get(app, "/me/contact-requests/received").await;
        let request = received.as_array().unwrap().iter().find(|r| r["from"]["id"] == a.json_id.as_str()).unwrap();
        let path = format!("/me/contact-requests/{}/accept", request["id"].as_str().unwrap());
        assert_eq!(b.api(app, reqwest::Method::POST, &path, None).await.0, StatusCode::NO_CONTENT);
    }
}

async fn a_request_is_answered_on_the_pages(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    app.deliver_mail().await;

    // Anna asks from Bert's profile, with a note and how they know each other.
    let (_, profile) = anna.browser.page(&format!("/members/{}", bert.id)).await;
    let ask = format!("/members/{}/request", bert.id);
    assert_eq!(attrs(&profile, "form[action$='/request']", "action"), [ask.as_str()], "the profile offers a request");
    let r = anna
        .browser
        .post_form(
            &format!("/members/{}/request", bert.id),
            &[("how", "met_at_event"), ("message", "We met at the chamber's New Year reception.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, profile) = anna.browser.page(&format!("/members/{}", bert.id)).await;
    assert_eq!(texts(&profile, ".actions .pill"), ["Request sent"], "the profile says it is on its way");

    // Asking again is refused with a message a person understands.
    let r = anna.browser.post_form(&format!("/members/{}/request", bert.id), &[("how", "other")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let said = texts(&r.text().await.unwrap(), ".flash-error");
    assert_eq!(said, ["A request between you is already open."], "on the profile, above its actions");
    // A note too long keeps what was typed and says what is wrong.
    let long = "x".repeat(501);
    let r = anna.browser.post_form(&format!("/members/{}/request", carl.id), &[("message", &long)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert_eq!(texts(&page, "#req-message-error"), ["This is too long."], "next to the note");
    assert_eq!(texts(&page, "textarea[name=message]"), [long.as_str()], "what was typed is kept");

    // Bert learns of it at once: the count in the top bar and an e-mail.
    let (_, home) = bert.browser.page("/home").await;
    assert_eq!(attrs(&home, "[data-pending]", "data-pending"), ["1"], "the top bar counts the request");
    let mails = app.deliver_mail().await;
    let mail = mails.iter().find(|m| m.to.iter().any(|t| t == "bert@example.org")).expect("a request mail");
    assert!(mail.text().contains("Anna Berg") && mail.text().contains("New Year reception"));

    let (_, requests) = bert.browser.page("/contacts/requests").await;
    assert_eq!(texts(&requests, ".request .request-note"), ["We met at the chamber's New Year reception."]);
    assert!(
        texts(&requests, ".request .request-body p.muted")[0].starts_with("Met at an event"),
        "how they know each other"
    );
    let accept = attrs(&requests, ".request form.accept", "action");
    assert_eq!(accept.len(), 1, "one request to accept");
    let r = bert.browser.post_form(&accept[0], &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Both lists show the other at the 1st degree; the count is gone.
    for (me, other) in [(&anna, &bert), (&bert, &anna)] {
        let (_, list) = me.browser.page("/contacts").await;
        let degree = attrs(&list, &format!(".who[data-member='{}'] [data-degree]", other.id), "data-degree");
        assert_eq!(degree, ["1"], "{} sees {} at the 1st degree", me.name, other.name);
    }
    let (_, home) = bert.browser.page("/home").await;
    assert!(attrs(&home, "[data-pending]", "data-pending").is_empty(), "no count once answered");

    // In German too.
    let de = Browser::new(&app.base, "de");
    de.log_in("anna@example.org", PASSWORD).await;
    de.post_form("/language", &[("lang", "de")]).await.see_other();
    let (_, list) = de.page("/contacts").await;
    assert!(texts(&list, ".member-row .row-meta")[0].starts_with("Kontakt seit"), "the list in German");
    assert_eq!(texts(&list, ".member-row .degree-badge"), ["1. Grad"]);
    app.stop().await;
}

async fn a_declined_request_looks_pending_to_its_sender(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let path = format!("/members/{}/contact-request", bert.id);
    let (status, body) = anna.api(&app, reqwest::Method::POST, &path, Some(json!({"message": "Hello"}))).await;
    assert_eq!((status, body["outcome"].as_str()), (StatusCode::OK, Some("sent")));
    let received = bert.get(&app, "/me/contact-requests/received").await;
    let id = received[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(received[0]["message"], "Hello");
    assert!(received[0]["created_at"].as_str().unwrap().ends_with('Z'), "times are RFC 3339");
    let decline = format!("/me/contact-requests/{id}/decline");
    assert_eq!(bert.api(&app, reqwest::Method::POST, &decline, None).await.0, StatusCode::NO_CONTENT);

    assert_eq!(bert.get(&app, "/me/contact-requests/received").await, json!([]));
    let sent = anna.get(&app, "/me/contact-requests/sent").await;
    assert_eq!(sent[0]["id"], id.as_str(), "the sender still sees it as pending");
    assert!(sent[0].get("state").is_none(), "and is never told it was declined");
    let tie = anna.get(&app, &format!("/members/{}/network", bert.id)).await;
    assert_eq!(tie["standing"]["state"], "request_sent");
    let (status, body) = anna.api(&app, reqwest::Method::POST, &path, Some(json!({}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("request_pending")));

    // Withdrawn, it is gone for both; a bad body is a clear error.
    let withdraw = format!("/me/contact-requests/{id}");
    assert_eq!(anna.api(&app, reqwest::Method::DELETE, &withdraw, None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(anna.get(&app, "/me/contact-requests/sent").await, json!([]));
    let (status, body) = anna.api(&app, reqwest::Method::POST, &path, Some(json!({"how": "pen pals"}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("validation_failed")));
    app.stop().await;
}

async fn tags_notes_grants_and_the_vcard_follow_the_contact(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let r = bert
        .browser
        .post_form(
            "/profile/edit",
            &[
                ("name", "Bert Kraus"),
                ("company", "Kraus; Söhne, KG"),
                ("vis_position", "members"),
                ("business_phone", "+49 30 1234 567"),
                ("vis_business_contact", "contacts"),
                ("private_phone", "+49 171 999 000"),
                ("vis_private_contact", "only_me"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    connect(&app, &anna, &bert).await;

    // Bert grants Anna his private phone from the card on her profile.
    let (_, card) = bert.browser.page(&format!("/members/{}", anna.id)).await;
    assert_eq!(texts(&card, ".our-contact h2"), ["Your contact"]);
    let grantable = attrs(&card, ".our-contact input[name=grant]", "value");
    assert!(grantable.iter().any(|g| g == "private_contact"), "the private phone can be granted: {grantable:?}");
    let r = bert
        .browser
        .post_form(
            &format!("/members/{}/contact", anna.id),
            &[("tags", "Leipzig, tax"), ("note", "Knows everyone at the chamber"), ("grant", "private_contact")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let listed = bert.get(&app, "/me/contacts?tag=tax").await;
    assert_eq!(listed["contacts"][0]["member"]["id"], anna.json_id.as_str());
    assert_eq!(listed["contacts"][0]["grants"], json!(["private_contact"]));
    assert_eq!(bert.get(&app, "/me/contacts/tags").await, json!(["Leipzig", "tax"]));
    assert_eq!(bert.get(&app, "/me/contacts?tag=other").await["contacts"], json!([]));

    // Anna's vCard of Bert has exactly what he shows her.
    let vcard = anna.browser.get(&format!("/members/{}/vcard", bert.id)).await;
    assert_eq!(vcard.headers()["content-type"], "text/vcard; charset=utf-8");
    let text = vcard.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{text}");
    assert!(text.contains("FN:Bert Kraus\r\n") && text.contains("ORG:Kraus\\; Söhne\\, KG\r\n"), "{text}");
    assert!(text.contains("tel:+49-30-1234-567") && text.contains("tel:+49-171-999-000"), "granted phone: {text}");
    // Carl, a member but no contact, sees neither phone; and Bert's export lists Anna.
    let carl = Member::join(&app, "Carl Lange").await;
    let (status, _) = carl.api(&app, reqwest::Method::GET, &format!("/me/contacts/{}/vcard", bert.id), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a vCard only of one's own contacts");
    let all = reqwest::Client::new()
        .get(format!("{}/api/v1/me/contacts/vcard", app.base))
        .bearer_auth(&bert.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(all.matches("BEGIN:VCARD").count(), 1);
    assert!(all.contains("FN:Anna Berg") && !all.contains("Knows everyone"), "my note is not theirs");

    // Removing the contact takes the tags, note and grant with it, and the export is empty.
    let r = anna.browser.post_form(&format!("/members/{}/remove", bert.id), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, export) = anna.browser.page("/contacts/vcard").await;
    assert!(export.is_empty(), "{export}");
    assert_eq!(bert.get(&app, "/me/contacts/tags").await, json!([]));
    connect(&app, &anna, &bert).await;
    let again = anna.browser.get(&format!("/members/{}/vcard", bert.id)).await.text().await.unwrap();
    // The phone itself: "999" alone also turns up in a port of the test server's address.
    assert!(!again.contains("tel:+49-171-999-000"), "the grant went with the old contact: {again}");
    app.stop().await;
}

async fn a_block_hides_both_members_everywhere(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    connect(&app, &anna, &bert).await;
    connect(&app, &bert, &carl).await;
    bert.list_visible_to(&app, "members").await;
    assert_eq!(anna.get(&app, &format!("/members/{}/network", carl.id)).await["network"]["degree"], 2);

    let r = anna.browser.post_form(&format!("/members/{}/block", bert.id), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, settings) = anna.browser.page("/settings/contacts").await;
    assert_eq!(texts(&settings, ".member-row .who"), ["Bert Kraus"], "the blocked list");
    assert_eq!(attrs(&settings, ".member-row form", "action"), [format!("/members/{}/unblock", bert.id)]);

    for (me, other) in [(&anna, &bert), (&bert, &anna)] {
        let (status, _) = me.browser.page(&format!("/members/{}", other.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{} cannot see {}", me.name, other.name);
        let (status, _) = me.api(&app, reqwest::Method::GET, &format!("/members/{}", other.id), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let found = me.get(&app, &format!("/people?q={}", other.name.replace(' ', "+"))).await;
        assert_eq!(found, json!([]), "{} does not find {}", me.name, other.name);
        let path = format!("/members/{}/contact-request", other.id);
        let (status, _) = me.api(&app, reqwest::Method::POST, &path, Some(json!({}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no requests either way");
        let contacts = me.get(&app, "/me/contacts").await.to_string();
        assert!(!contacts.contains(&other.json_id), "the contact ended");
    }
    // The path through Bert is gone, and Bert is never suggested.
    let tie = anna.get(&app, &format!("/members/{}/network", carl.id)).await;
    assert_eq!(tie["network"]["degree"], Value::Null);
    assert!(!anna.get(&app, "/me/suggestions").await.to_string().contains(&bert.json_id));

    let (status, _) = anna.api(&app, reqwest::Method::DELETE, &format!("/me/blocks/{}", bert.id), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = bert.browser.page(&format!("/members/{}", anna.id)).await;
    assert_eq!(status, StatusCode::OK, "unblocked, they see each other again");
    app.stop().await;
}

/// The leak test. Vera's only contact is Alex, whose list is for nobody; Alex's contact
/// Bea (list also for nobody) has a field for contacts of contacts; Bea's contact Cem.
/// The rule reveals none of Alex's contacts to Vera: every page and API response that
/// shows members is walked, and nothing about Bea's or Cem's place in the network may
/// show. Then Alex opens his list, and the same walk must show Bea at the 2nd degree, so
/// the test would notice if nothing were ever shown.
/// Carl posts; Bert likes, comments and shares it, works at a firm no one else names,
/// and blocks Anna, Carl's other contact. Anna sees nothing of Bert: not in the counts
/// under Carl's post, not in the names offered as she types, and muting or blocking
/// Bert answers as for a member who does not exist.
async fn a_block_leaves_no_trace_in_counts_or_answers(app: TestApp) {
    use reqwest::Method;
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    connect(&app, &anna, &carl).await;
    connect(&app, &bert, &carl).await;
    let profile = json!({"name": "Bert Kraus", "company": "Blockhaus GmbH", "visibility": {"position": "members"}});
    assert_eq!(bert.api(&app, Method::PUT, "/me/profile", Some(profile)).await.0, StatusCode::OK);
    let (status, post) = carl.api(&app, Method::POST, "/posts", Some(json!({"text": "Hallo Netzwerk"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let post = post["id"].as_str().unwrap().to_owned();
    for (method, path, body) in [
        (Method::PUT, format!("/posts/{post}/like"), None),
        (Method::POST, format!("/posts/{post}/comments"), Some(json!({"text": "Schön!"}))),
        (Method::POST, format!("/posts/{post}/shares"), Some(json!({"text": ""}))),
    ] {
        let (status, body) = bert.api(&app, method, &path, body).await;
        assert!(status.is_success(), "{path}: {status} {body}");
    }
    let counts = |thread: &Value| {
        (
            thread["post"]["stats"]["likes"].clone(),
            thread["post"]["stats"]["comments"].clone(),
            thread["post"]["stats"]["shares"].clone(),
        )
    };
    assert_eq!(counts(&anna.get(&app, &format!("/posts/{post}")).await), (json!(1), json!(1), json!(1)));
    let suggest = "/suggest?kind=organisation&q=blockh";
    assert_eq!(anna.get(&app, suggest).await[0]["members"], 1);
    let missing = "0190f000-0000-7000-8000-000000000000";
    let (no_one, _) = anna.api(&app, Method::PUT, &format!("/me/mutes/{missing}"), None).await;
    assert_eq!(no_one, StatusCode::NOT_FOUND);

    assert_eq!(
        bert.api(&app, Method::PUT, &format!("/me/blocks/{}", anna.json_id), None).await.0,
        StatusCode::NO_CONTENT
    );
    let thread = anna.get(&app, &format!("/posts/{post}")).await;
    assert_eq!(counts(&thread), (json!(0), json!(0), json!(0)), "{thread}");
    assert_eq!(thread["comments"], json!([]));
    let (html, _) = (anna.browser.page("/home").await.1, ());
    assert!(
        html.contains("Hallo Netzwerk") && !html.contains("1 like") && !html.contains("1 comment"),
        "the ticker's counts too"
    );
    assert_eq!(anna.get(&app, suggest).await, json!([]), "Bert's firm is not offered to Anna");
    assert_eq!(carl.get(&app, suggest).await[0]["members"], 1, "Carl still sees it");
    assert_eq!(counts(&carl.get(&app, &format!("/posts/{post}")).await), (json!(1), json!(1), json!(1)));
    for path in ["/me/mutes", "/me/blocks"] {
        let (hidden, _) = anna.api(&app, Method::PUT, &format!("{path}/{}", bert.json_id), None).await;
        let (missing, _) = anna.api(&app, Method::PUT, &format!("{path}/{missing}"), None).await;
        assert_eq!((hidden, missing), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND), "{path}");
    }
    assert_eq!(
        bert.api(&app, Method::PUT, &format!("/me/blocks/{}", anna.json_id), None).await.0,
        StatusCode::NO_CONTENT,
        "blocking again changes nothing"
    );
    app.stop().await;
}

/// Member ids appear without dashes in page URLs and with them in JSON.
fn with_dashes(id: &str) -> String {
    uuid::Uuid::parse_str(id).map(|u| u.hyphenated().to_string()).unwrap_or_else(|_| id.to_owned())
}

/// Asks `path` on `app` until `done` holds for its answer, for up to ten seconds.
pub async fn eventually(app: &TestApp, who: &Member, path: &str, done: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..100 {
        let (_, body) = who.api(app, reqwest::Method::GET, path, None).await;
        if done(&body) {
            return body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{path} did not change in time");
}
