//! A full disk over HTTP: writes are refused with 503 and the stable code
//! `storage_full`, reads go on, writing resumes once there is room without a restart, and
//! every acknowledged write is there, also after a restart.

use crate::app::{PASSWORD, TestApp};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(a_full_disk_refuses_writes_clearly_and_loses_none);

async fn post(c: &reqwest::Client, app: &TestApp, token: &str, n: usize) -> reqwest::Response {
    let text = format!("Beitrag {n}: {}", "Kontor ".repeat(300));
    c.post(format!("{}/api/v1/posts", app.base)).bearer_auth(token).json(&json!({"text": text})).send().await.unwrap()
}

async fn is_there(c: &reqwest::Client, app: &TestApp, token: &str, id: &str) -> bool {
    let r = c.get(format!("{}/api/v1/posts/{id}", app.base)).bearer_auth(token).send().await.unwrap();
    r.status() == StatusCode::OK
}

async fn a_full_disk_refuses_writes_clearly_and_loses_none(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let c = reqwest::Client::new();
    let r = c
        .post(format!("{}/api/v1/sessions", app.base))
        .json(&json!({"email": "anna@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    let mut acknowledged = Vec::new();
    let mut n = 0;
    let mut write = async |app: &TestApp, acknowledged: &mut Vec<String>| {
        n += 1;
        let r = post(&c, app, &token, n).await;
        match r.status() {
            StatusCode::CREATED => {
                acknowledged.push(r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned());
                true
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                let body: Value = r.json().await.unwrap();
                assert_eq!(body["code"], "storage_full", "{body}");
                assert!(body["message"].as_str().unwrap().contains("disk is full"), "{body}");
                false
            }
            other => panic!("a write answered {other}: {}", r.text().await.unwrap()),
        }
    };
    for _ in 0..3 {
        assert!(write(&app, &mut acknowledged).await, "writing on a healthy disk");
    }

    app.disk_full(true).await;
    let mut refused = 0;
    for _ in 0..30 {
        if !write(&app, &mut acknowledged).await {
            refused += 1;
        }
    }
    assert!(refused > 0, "the full disk refused no write");
    // The page says so too, in the member's language (a short post may still fit in a
    // page of the file that has room, so a few are tried).
    let text = "Noch ein Beitrag ".repeat(100);
    let mut page = None;
    for _ in 0..10 {
        let r = anna.post_form("/posts", &[("text", &text), ("audience", "contacts")]).await;
        if r.status() == StatusCode::SERVICE_UNAVAILABLE {
            page = Some(r.text().await.unwrap());
            break;
        }
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "a form post is refused or written");
    }
    let page = page.expect("the form is refused too while the disk is full");
    assert!(page.contains("the server&#39;s disk is full"), "{page}");
    // Reads go on.
    assert!(is_there(&c, &app, &token, &acknowledged[0]).await, "a post is read while the disk is full");
    let (status, _) = anna.page("/home").await;
    assert_eq!(status, StatusCode::OK, "the home page is read while the disk is full");

    app.disk_full(false).await;
    for _ in 0..5 {
        assert!(write(&app, &mut acknowledged).await, "writing once there is room again");
    }
    for id in &acknowledged {
        assert!(is_there(&c, &app, &token, id).await, "acknowledged post {id} is there");
    }
    let app = app.restart().await;
    for id in &acknowledged {
        assert!(is_there(&c, &app, &token, id).await, "acknowledged post {id} is there after a restart");
    }
    app.stop().await;
}
