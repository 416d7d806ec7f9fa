//! Notifications over HTTP: the bell and its list, e-mails at once and in the daily
//! digest over a real SMTP conversation, one-click unsubscribe (RFC 8058), birthdays, and
//! the live updates over server-sent events.

use crate::app::Answered;
use crate::app::{TestApp, attrs, texts};
use crate::contacts::{Member, connect, eventually};
use crate::on_both;
use crate::smtp::Mail;
use kontor_core::clock::Clock;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;

on_both!(
    the_bell_and_the_mails_tell_what_the_member_may_see,
    the_daily_digest_brings_the_rest_and_unsubscribes_in_one_click,
    live_updates_reach_an_open_page,
    the_api_posts_comments_and_reads_notifications,
);

/// The bell's count on the member's pages.
async fn unread(who: &Member) -> u64 {
    let (_, html) = who.browser.page("/home").await;
    let at = html.find("data-unread=\"").expect("the bell") + "data-unread=\"".len();
    html[at..].split('"').next().unwrap().parse().unwrap()
}

fn mails_to<'a>(mails: &'a [Mail], who: &Member) -> Vec<&'a Mail> {
    let address = format!("{}@example.org", who.name.split(' ').next().unwrap().to_lowercase());
    mails.iter().filter(|m| m.to.contains(&address)).collect()
}

/// The one-click address of a mail, from its List-Unsubscribe header.
fn unsubscribe_url(mail: &Mail) -> String {
    assert!(mail.data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "RFC 8058 header:\n{}", mail.data);
    let line = mail.data.lines().find(|l| l.starts_with("List-Unsubscribe: <")).expect("a List-Unsubscribe header");
    line.trim_start_matches("List-Unsubscribe: <").trim_end_matches('>').to_owned()
}

fn post_id(html: &str) -> String {
    let at = html.find("data-post=\"").expect("a post on the page") + "data-post=\"".len();
    html[at..at + 32].to_owned()
}

async fn the_bell_and_the_mails_tell_what_the_member_may_see(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    app.deliver_mail().await;

    // A request is mailed at once (the default), with the one-click headers; its
    // acceptance waits for the digest.
    connect(&app, &anna, &bert).await;
    connect(&app, &bert, &carl).await;
    let mails = app.deliver_mail().await;
    let to_bert = mails_to(&mails, &bert);
    assert_eq!(
        to_bert.len(),
        1,
        "Bert is mailed Anna's request: {:?}",
        mails.iter().map(Mail::subject).collect::<Vec<_>>()
    );
    assert!(to_bert[0].subject().contains("Anna Berg"));
    unsubscribe_url(to_bert[0]);
    assert!(mails_to(&mails, &anna).is_empty(), "an accepted request waits for the digest");
    assert_eq!(unread(&anna).await, 1, "the bell counts Bert's answer");
    let (_, list) = anna.browser.page("/notifications").await;
    let told = "li.notification[data-kind='contact_accepted']";
    assert_eq!(texts(&list, &format!("{told} .who .name")), ["Bert Kraus"], "who answered");
    assert!(texts(&list, &format!("{told} .notification-body p a"))[0].contains("accepted your contact request"));

    // Anna posts for her contacts and mentions Bert: he is told at once, with the words.
    anna.browser
        .post_form("/posts", &[("text", "Kick-off mit @Bert Kraus heute"), ("audience", "contacts")])
        .await
        .see_other();
    let mails = app.deliver_mail().await;
    let to_bert = mails_to(&mails, &bert);
    assert_eq!(to_bert.len(), 1);
    assert!(to_bert[0].subject().contains("Anna Berg mentioned you"), "{}", to_bert[0].subject());
    assert!(to_bert[0].text().contains("Kick-off mit"), "the mail quotes the post");
    let (_, html) = bert.browser.page("/home?filter=posts").await;
    let post = post_id(&html);

    // Bert comments and mentions Carl, who may not see Anna's post: Anna hears of the
    // comment, Carl of nothing, in the app or by mail.
    let carl_before = unread(&carl).await;
    let r = bert.browser.post_form(&format!("/posts/{post}/comment"), &[("text", "@Carl Lange schau mal")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "commenting");
    bert.browser.post_form(&format!("/posts/{post}/like"), &[]).await.see_other();
    let mails = app.deliver_mail().await;
    assert!(mails_to(&mails, &carl).is_empty(), "no mail tells Carl of a post he may not see");
    assert_eq!(unread(&carl).await, carl_before, "nor does his bell");
    let to_anna = mails_to(&mails, &anna);
    let jobs = app.node.kontor.store().parked_jobs(10).await.unwrap();
    assert_eq!(
        to_anna.len(),
        1,
        "the comment at once, the like in the digest: {:?} {jobs:?}",
        mails.iter().map(Mail::subject).collect::<Vec<_>>()
    );
    assert!(to_anna[0].subject().contains("Bert Kraus commented on your post"), "{}", to_anna[0].subject());
    assert_eq!(unread(&anna).await, 3);

    // Marking read empties the bell; a read notification is not mailed any more.
    let (_, list) = anna.browser.page("/notifications").await;
    let newest = attrs(&list, "[data-notification]", "data-notification").remove(0);
    let r = anna.browser.post_form("/notifications/read", &[("up_to", &newest)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(unread(&anna).await, 0);

    // Comments by mail turned off: the next one is only in the app.
    let mut choices: Vec<(&str, &str)> = vec![
        ("contact_request", "immediately"),
        ("contact_accepted", "digest"),
        ("comment", "off"),
        ("reply", "immediately"),
        ("like", "digest"),
        ("mention", "immediately"),
        ("birthday", "digest"),
        ("search_match", "digest"),
    ];
    let r = anna.browser.post_form("/settings/notifications", &choices).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = anna.browser.page("/settings/notifications").await;
    assert_eq!(attrs(&page, "input[name=comment][checked]", "value"), ["off"], "the choice is kept");
    bert.browser.post_form(&format!("/posts/{post}/comment"), &[("text", "Noch eine Frage")]).await.see_other();
    assert!(mails_to(&app.deliver_mail().await, &anna).is_empty());
    assert_eq!(unread(&anna).await, 1);
    choices[2].1 = "nonsense";
    let r = anna.browser.post_form("/settings/notifications", &choices).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "an unknown choice is refused");
}

async fn the_daily_digest_brings_the_rest_and_unsubscribes_in_one_click(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    anna.browser.post_form("/posts", &[("text", "Frohe Botschaft"), ("audience", "contacts")]).await.see_other();
    let (_, html) = bert.browser.page("/home?filter=posts").await;
    bert.browser.post_form(&format!("/posts/{}/like", post_id(&html)), &[]).await.see_other();

    // Bert's birthday is tomorrow, shown to his contacts, and he lets the ticker say so.
    let tomorrow = (app.clock.now() + time::Duration::days(1)).date();
    let r = bert
        .browser
        .post_form("/profile/edit", &[("name", "Bert Kraus"), ("birthday", &tomorrow.to_string())])
        .await
        .see_other();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = bert
        .browser
        .post_form("/settings/ticker", &[("announce_contacts", "1"), ("profile_reach", "contacts"), ("birthday", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.deliver_mail().await;

    // A day later the daily round has run: Anna's digest has the like, the accepted
    // request and Bert's birthday, with a link to each.
    app.clock.advance(time::Duration::days(1));
    let mails = app.deliver_mail().await;
    let digest = mails_to(&mails, &anna);
    assert_eq!(digest.len(), 1, "one digest: {:?}", mails.iter().map(Mail::subject).collect::<Vec<_>>());
    let text = digest[0].text();
    assert!(digest[0].subject().contains("3 notifications"), "{}", digest[0].subject());
    for line in
        ["Bert Kraus likes your post", "accepted your contact request", "has a birthday today", "Frohe Botschaft"]
    {
        assert!(text.contains(line), "the digest says {line:?}:\n{text}");
    }
    assert!(app.deliver_mail().await.is_empty(), "a digest is sent once");

    // The unsubscribe link opens a page that changes nothing; the one-click POST, sent
    // without cookies as a mail client does, turns every digest kind off.
    let url = unsubscribe_url(digest[0]);
    let path = url.trim_start_matches(&app.base).to_owned();
    let (status, page) = crate::app::Browser::new(&app.base, "en").page(&path).await;
    assert_eq!(status, StatusCode::OK);
    let said = texts(&page, "main .card p").concat();
    assert!(said.contains("Stop the daily digest"), "the page says what the click stops: {said}");
    assert_eq!(attrs(&page, "main form", "action"), [path.as_str()], "one click from here stops it");
    let (_, settings) = anna.browser.page("/settings/notifications").await;
    assert_eq!(attrs(&settings, "input[name=like][checked]", "value"), ["digest"], "opening the link changed nothing");
    let r = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, settings) = anna.browser.page("/settings/notifications").await;
    for kind in ["like", "contact_accepted", "birthday"] {
        assert_eq!(attrs(&settings, &format!("input[name={kind}][checked]"), "value"), ["off"], "{kind} is off");
    }
    assert_eq!(attrs(&settings, "input[name=comment][checked]", "value"), ["immediately"], "mails at once stay on");
    let r = reqwest::Client::new().post(format!("{}/unsubscribe/{}", app.base, "x".repeat(43))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "an unknown token unsubscribes nobody");
}

async fn live_updates_reach_an_open_page(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    anna.browser.post_form("/posts", &[("text", "Wer kommt mit?"), ("audience", "contacts")]).await.see_other();
    let (_, html) = anna.browser.page("/home?filter=posts").await;
    let post = post_id(&html);

    let (_, page) = anna.browser.page("/home").await;
    assert_eq!(attrs(&page, "[data-live]", "data-live"), ["/live"], "the page offers live updates");
    assert_eq!(attrs(&page, "#ticker-new", "id").len(), 1, "and a place to announce them");
    let mut live = anna.browser.get("/live").await;
    assert_eq!(live.status(), StatusCode::OK);
    assert!(live.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));

    // Bert posts and comments: Anna's open page hears of a new item and of her bell.
    bert.browser.post_form("/posts", &[("text", "Ich!"), ("audience", "contacts")]).await.see_other();
    bert.browser.post_form(&format!("/posts/{post}/comment"), &[("text", "Bin dabei")]).await.see_other();
    let received = hear(&mut live, &["event: item", "event: unread"]).await;
    let count = unread(&anna).await;
    assert!(received.contains(&format!("event: unread\ndata: {count}")), "{received}");
}

async fn the_api_posts_comments_and_reads_notifications(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    connect(&app, &anna, &bert).await;

    let (status, body) =
        anna.api(&app, Method::POST, "/posts", Some(json!({"text": "Über die API", "audience": "contacts"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let post = body["id"].as_str().unwrap().to_owned();
    let (status, body) = anna.api(&app, Method::POST, "/posts", Some(json!({"text": "  "}))).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation_failed")),
        "{body}"
    );

    // Bert reads it in his ticker, with why, then comments, likes and shares.
    let ticker = bert.get(&app, "/me/ticker?filter=posts").await;
    let item = &ticker["items"][0];
    assert_eq!(item["post"]["id"], post.as_str());
    assert_eq!(item["because"]["reason"], "contact", "{item}");
    assert_eq!(item["because"]["member"], anna.json_id.as_str());
    let (status, _) =
        bert.api(&app, Method::POST, &format!("/posts/{post}/comments"), Some(json!({"text": "Gut!"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(bert.api(&app, Method::PUT, &format!("/posts/{post}/like"), None).await.0, StatusCode::NO_CONTENT);
    let (status, _) =
        bert.api(&app, Method::POST, &format!("/posts/{post}/shares"), Some(json!({"audience": "public"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let thread = anna.get(&app, &format!("/posts/{post}")).await;
    assert_eq!(thread["comments"][0]["text"][0]["text"], "Gut!", "{thread}");
    assert_eq!(thread["post"]["stats"]["likes"], 1);

    // Carl may not see the post, by id or anonymously: "not found" either way.
    assert_eq!(carl.api(&app, Method::GET, &format!("/posts/{post}"), None).await.0, StatusCode::NOT_FOUND);
    let r = reqwest::get(format!("{}/api/v1/posts/{post}", app.base)).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Anna's notifications: the comment, the like and the accepted request.
    let page = anna.get(&app, "/me/notifications").await;
    let kinds: Vec<&str> = page["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["like", "comment", "contact_accepted"], "{page}");
    assert_eq!(page["unread"], 3);
    assert_eq!(page["items"][0]["post"]["id"], post.as_str());
    assert!(page["items"][0]["link"].as_str().unwrap().starts_with("/posts/"));
    let newest = page["items"][1]["id"].as_str().unwrap();
    let (status, _) = anna.api(&app, Method::POST, "/me/notifications/read", Some(json!({"up_to": newest}))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(anna.get(&app, "/me/notifications/unread").await["unread"], 1, "only the newest stays unread");

    // E-mail choices per kind.
    let settings = json!([{"kind": "like", "mail": "off"}, {"kind": "comment", "mail": "digest"}]);
    let (status, body) = anna.api(&app, Method::PUT, "/me/notification-settings", Some(settings)).await;
    assert_eq!(status, StatusCode::OK);
    let like = body.as_array().unwrap().iter().find(|s| s["kind"] == "like").unwrap();
    assert_eq!(like["mail"], "off");
    let (status, _) = anna
        .api(&app, Method::PUT, "/me/notification-settings", Some(json!([{"kind": "like", "mail": "weekly"}])))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Ticker settings and mutes.
    let (status, _) = bert
        .api(
            &app,
            Method::PUT,
            "/me/ticker-settings",
            Some(json!({"announce_contacts": false, "profile_reach": "nobody", "birthday": false})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bert.get(&app, "/me/ticker-settings").await["profile_reach"], "nobody");
    assert_eq!(anna.api(&app, Method::PUT, &format!("/me/mutes/{}", bert.id), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(anna.get(&app, "/me/mutes").await[0]["id"], bert.json_id.as_str());
    let ticker = anna.get(&app, "/me/ticker?filter=conversations").await;
    assert_eq!(ticker["items"].as_array().unwrap().len(), 0, "Bert is muted: {ticker}");
    assert_eq!(anna.api(&app, Method::DELETE, &format!("/posts/{post}"), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(bert.api(&app, Method::GET, &format!("/posts/{post}"), None).await.0, StatusCode::NOT_FOUND);
}

/// Reads a live stream until it has said every one of `events`, for at most ten seconds
/// (a bound on a hang, not a measure of speed: the benchmark measures that).
async fn hear(live: &mut reqwest::Response, events: &[&str]) -> String {
    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !events.iter().all(|e| received.contains(e)) {
        let chunk = tokio::time::timeout_at(deadline, live.chunk()).await.unwrap_or_else(|_| panic!("no {events:?}"));
        received.push_str(&String::from_utf8_lossy(&chunk.unwrap().expect("the stream stays open")));
    }
    received
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ticker_and_the_bell_follow_writes_on_every_node() {
    let Some(a) = TestApp::spawn(crate::app::Backend::Postgres).await else { return };
    let b = a.second_node(true).await;
    let anna = Member::join(&a, "Anna Berg").await;
    let bert = Member::join(&a, "Bert Kraus").await;
    connect(&a, &anna, &bert).await;

    // Bert follows live on node B, Anna on node A.
    let bert_on_b = crate::app::Browser::new(&b.base, "en");
    bert_on_b.log_in("bert@example.org", crate::app::PASSWORD).await;
    eventually(&b, &bert, "/me/network", |n| n["degrees"][0] == 1).await;
    let mut bert_live = bert_on_b.get("/live").await;
    assert_eq!(bert_live.status(), StatusCode::OK);
    let mut anna_live = anna.browser.get("/live").await;

    // A post written on A reaches Bert's ticker and his open page on B.
    let (status, body) =
        anna.api(&a, Method::POST, "/posts", Some(json!({"text": "Von Knoten A", "audience": "contacts"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let post = body["id"].as_str().unwrap().to_owned();
    hear(&mut bert_live, &["event: item"]).await;
    eventually(&b, &bert, "/me/ticker?filter=posts", |t| t["items"][0]["post"]["id"] == post.as_str()).await;

    // Bert comments on B: Anna's bell on A hears of it.
    let (status, _) =
        bert.api(&b, Method::POST, &format!("/posts/{post}/comments"), Some(json!({"text": "Von Knoten B"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    hear(&mut anna_live, &["event: unread"]).await;
    let page = anna.get(&a, "/me/notifications").await;
    assert_eq!(page["items"][0]["kind"], "comment", "{page}");

    // A node started afresh builds its ticker with the post in it.
    drop(bert_live);
    b.stop().await;
    let c = a.second_node(true).await;
    let ticker = bert.get(&c, "/me/ticker?filter=posts").await;
    assert_eq!(ticker["items"][0]["post"]["id"], post.as_str(), "after a restart: {ticker}");
    drop(anna_live);
    c.stop().await;
    a.stop().await;
}
