//! The restore drill: a backup (`kontor backup`) is taken while a client writes, and
//! restored into a new directory and database (`kontor restore`). Every row committed
//! before the backup began is in the restored database and equal, field for field; rows
//! written during the backup are there whole or not at all; the backup file is the same
//! before and after.

use crate::app::Answered;
use crate::app::{Backend, PASSWORD, TestApp};
use kontor_store::testing::postgres::TestDatabase;
use kontor_store::testing::sqlite::TempDir;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

type Rows = BTreeMap<String, Vec<String>>;

async fn rows(backend: Backend, url: &str) -> Rows {
    match backend {
        Backend::Sqlite => {
            let path = url.trim_start_matches("sqlite://");
            kontor_store::testing::sqlite::rows(std::path::Path::new(path)).await
        }
        Backend::Postgres => kontor_store::testing::postgres::rows(url).await,
    }
    .expect("reading every row")
}

/// Runs the drill on `app`; returns the summary line.
pub async fn backup_while_writing_restores_every_row(app: TestApp, backend: Backend, name: &str, full: bool) -> String {
    // A network with some of everything: members, a contact, posts, a comment, a profile.
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let bert = app.member("Bert Kraus", "bert@example.org").await;
    let bert_id = app.id_of(&bert).await;
    let r = anna
        .post_form(&format!("/members/{bert_id}/request"), &[("how", "colleagues"), ("message", "Hallo")])
        .await
        .see_other();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a request");
    let (_, requests) = bert.page("/contacts/requests").await;
    let request = requests.split("action=\"/contacts/requests/").nth(1).expect("a request").split('/').next().unwrap();
    let r = bert.post_form(&format!("/contacts/requests/{request}/accept"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "accepted");
    let r = anna.post_form("/profile/edit", &[("name", "Anna Berg"), ("headline", "Steuerberaterin")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a profile");
    let token = app.api_session("anna@example.org", PASSWORD).await;
    let http = reqwest::Client::new();
    let mut newest = String::new();
    let posts = if full { 2_000 } else { 20 };
    for n in 0..posts {
        let body = json!({"text": format!("Vor der Sicherung {n}"), "audience": "contacts"});
        let r = http.post(format!("{}/api/v1/posts", app.base)).bearer_auth(&token).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "a post");
        newest = r.json::<serde_json::Value>().await.unwrap()["id"].as_str().expect("an id").to_owned();
    }
    app.deliver_mail().await;
    let before = rows(backend, &app.settings.database_url).await;

    // The backup, while a client writes posts as fast as it can.
    let dir = TempDir::new();
    let file = dir.path().join("kontor.backup");
    let writing = Arc::new(AtomicBool::new(true));
    let writer = {
        let (http, base, token, writing) = (http.clone(), app.base.clone(), token.clone(), writing.clone());
        tokio::spawn(async move {
            let mut acknowledged = 0;
            while writing.load(Ordering::SeqCst) {
                let body = json!({"text": format!("Während der Sicherung {acknowledged}")});
                let r = http.post(format!("{base}/api/v1/posts")).bearer_auth(&token).json(&body).send().await;
                if r.is_ok_and(|r| r.status() == StatusCode::CREATED) {
                    acknowledged += 1;
                }
            }
            acknowledged
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    kontor::backup::backup(&app.settings, &file).await.expect("the backup");
    writing.store(false, Ordering::SeqCst);
    let during = writer.await.expect("the writer");

    // Restore into a new directory and database; the backup file stays as it was.
    let target = TempDir::new();
    let db = match backend {
        Backend::Postgres => Some(TestDatabase::create().await.expect("a second test database")),
        Backend::Sqlite => None,
    };
    let mut settings = app.settings.clone();
    settings.data_dir = target.path().to_path_buf();
    settings.database_url = match &db {
        Some(db) => db.url.clone(),
        None => format!("sqlite://{}", target.path().join("kontor.db").display()),
    };
    let hash_before = std::fs::read(&file).expect("reading the backup");
    kontor::backup::restore(&settings, &file).await.expect("the restore");
    assert!(std::fs::read(&file).expect("reading the backup") == hash_before, "the restore changed the backup");
    let after = rows(backend, &settings.database_url).await;

    // Every row committed before the backup began is there, equal.
    let mut missing = Vec::new();
    let mut matched = 0;
    for (table, rows) in &before {
        let restored = after.get(table).map(Vec::as_slice).unwrap_or_default();
        for row in rows {
            if restored.binary_search(row).is_ok() {
                matched += 1;
            } else {
                missing.push(format!("{table}: {row}"));
            }
        }
    }
    let total: usize = before.values().map(Vec::len).sum();
    assert!(missing.is_empty(), "rows committed before the backup and not restored equal:\n{}", missing.join("\n"));

    // What was written during the backup is there whole: every post with its log entry.
    let restored_app = TestApp::spawn_on(backend, target, db, Some(settings.database_url.clone())).await;
    let b = restored_app.browser();
    b.log_in("anna@example.org", PASSWORD).await;
    let (status, post) = b.page(&format!("/posts/{}", newest.replace('-', ""))).await;
    assert_eq!(status, StatusCode::OK, "the newest post from before the backup");
    assert!(post.contains(&format!("Vor der Sicherung {}", posts - 1)), "is read on the restored site");
    let extra: usize = after.values().map(Vec::len).sum::<usize>() - total;
    restored_app.stop().await;
    app.stop().await;
    format!(
        "restore: {name}, {matched} of {total} rows committed before the backup restored equal ({}%), {during} posts \
         acknowledged during it, {extra} rows beyond the snapshot, the backup file unchanged",
        matched * 100 / total.max(1)
    )
}
