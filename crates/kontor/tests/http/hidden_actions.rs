//! Actions on what a member may not see, and searches that cannot match: answered as if
//! nothing were there, never with a change or a server error. Both found by the
//! verification suite.

use crate::app::{PASSWORD, TestApp};
use crate::contacts::{Member, connect};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(
    undoing_anything_on_a_hidden_member_or_post_answers_as_missing,
    searches_with_control_characters_find_nothing_and_fail_nothing,
);

/// Found by the verification suite's probes: taking back a like, a block, a mute, a
/// suggestion or a contact answered "done" for a member or post hidden from the member
/// (and a closed account was not hidden from blocking and muting), which told a hidden
/// one from a missing one.
async fn undoing_anything_on_a_hidden_member_or_post_answers_as_missing(app: TestApp) {
    use reqwest::Method;
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    let dora = Member::join(&app, "Dora Stein").await;
    connect(&app, &anna, &carl).await;
    connect(&app, &anna, &dora).await;
    let (status, post) = carl.api(&app, Method::POST, "/posts", Some(json!({"text": "Nur für Kontakte"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{post}");
    let post = post["id"].as_str().unwrap().to_owned();
    assert_eq!(anna.api(&app, Method::PUT, &format!("/posts/{post}/like"), None).await.0, StatusCode::NO_CONTENT);
    // Carl blocks Anna; Dora closes her account; Anna blocked Bert, who is suspended.
    assert_eq!(
        carl.api(&app, Method::PUT, &format!("/me/blocks/{}", anna.json_id), None).await.0,
        StatusCode::NO_CONTENT
    );
    let closing = json!({"password": PASSWORD});
    assert_eq!(dora.api(&app, Method::DELETE, "/me", Some(closing)).await.0, StatusCode::ACCEPTED);
    assert_eq!(
        anna.api(&app, Method::PUT, &format!("/me/blocks/{}", bert.json_id), None).await.0,
        StatusCode::NO_CONTENT
    );
    app.admin().await;
    let admin = app.api_session("olga@example.org", PASSWORD).await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/admin/members/{}/suspend", app.base, bert.json_id))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    let missing = "0190f000-0000-7000-8000-000000000000";
    let answer = |(status, body): (StatusCode, Value)| (status, body["code"].clone());
    let missing_like = answer(anna.api(&app, Method::DELETE, &format!("/posts/{missing}/like"), None).await);
    assert_eq!(missing_like, (StatusCode::NOT_FOUND, json!("not_found")));
    let hidden_like = answer(anna.api(&app, Method::DELETE, &format!("/posts/{post}/like"), None).await);
    assert_eq!(hidden_like, missing_like, "taking back a like of a post now hidden");
    for path in ["/me/blocks", "/me/mutes", "/me/suggestions", "/me/contacts"] {
        let missing = answer(anna.api(&app, Method::DELETE, &format!("{path}/{missing}"), None).await);
        for hidden in [&carl, &dora] {
            let found = answer(anna.api(&app, Method::DELETE, &format!("{path}/{}", hidden.json_id), None).await);
            assert_eq!(found, missing, "DELETE {path} of {}", hidden.name);
        }
    }
    for path in ["/me/blocks", "/me/mutes"] {
        let found = answer(anna.api(&app, Method::PUT, &format!("{path}/{}", dora.json_id), None).await);
        assert_eq!(found, missing_like, "PUT {path} of a closed account");
    }
    // Whom Anna blocked stays hers to unblock, suspended since or not.
    let unblocked = anna.api(&app, Method::DELETE, &format!("/me/blocks/{}", bert.json_id), None).await;
    assert_eq!(unblocked.0, StatusCode::NO_CONTENT, "{}", unblocked.1);
    assert_eq!(anna.get(&app, "/me/blocks").await, json!([]));
    app.stop().await;
}

/// Found by schemathesis: a suggestion asked with a NUL in it answered 500 on
/// PostgreSQL, which cannot hold one in text. No stored name has a control character.
async fn searches_with_control_characters_find_nothing_and_fail_nothing(app: TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    for path in ["/suggest?kind=industry&q=%C2%B5%00%C3%B7y", "/suggest?kind=organisation&q=a%01b", "/people?q=An%00na"]
    {
        let (status, body) = anna.api(&app, reqwest::Method::GET, path, None).await;
        assert_eq!((status, body), (StatusCode::OK, json!([])), "GET {path}");
    }
    let (status, page) = anna.browser.page("/people?q=An%00na").await;
    assert_eq!(status, StatusCode::OK, "the page: {page}");
    app.stop().await;
}
