//! Operating Kontor: backups taken while it runs, restores, several nodes on one
//! PostgreSQL, graceful shutdown.

use crate::app::{Backend, PASSWORD, TestApp};
use crate::on_both;
use kontor_store_postgres::testing::TestDatabase;
use kontor_store_sqlite::testing::TempDir;
use reqwest::StatusCode;

on_both!(a_backup_taken_while_serving_restores_completely);

async fn a_backup_taken_while_serving_restores_completely(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    anna.post_form(
        "/profile/edit",
        &[("name", "Anna Berg"), ("headline", "Tax adviser")],
    )
    .await;
    let dir = TempDir::new();
    let file = dir.path().join("kontor.backup");
    // Another member signs up while the backup is written.
    let (backup, _) = tokio::join!(
        kontor::backup::backup(&app.settings, &file),
        app.member("Bernd Kraus", "bernd@example.org")
    );
    backup.expect("the backup");
    assert!(
        kontor::backup::backup(&app.settings, &file).await.is_err(),
        "an existing file is not overwritten"
    );

    let target = TempDir::new();
    let backend = if app.settings.database_url.starts_with("postgres") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let db = match backend {
        Backend::Postgres => Some(
            TestDatabase::create()
                .await
                .expect("a second test database"),
        ),
        Backend::Sqlite => None,
    };
    let mut settings = app.settings.clone();
    settings.data_dir = target.path().to_path_buf();
    settings.database_url = match &db {
        Some(db) => db.url.clone(),
        None => format!("sqlite://{}", target.path().join("kontor.db").display()),
    };
    kontor::backup::restore(&settings, &file)
        .await
        .expect("the restore");
    let url = settings.database_url.clone();
    let restored = TestApp::spawn_on(backend, target, db, Some(url)).await;
    let b = restored.browser();
    b.log_in("anna@example.org", PASSWORD).await;
    let (_, home) = b.page("/home").await;
    assert!(home.contains("Tax adviser"), "the profile came back");
    // Bernd signed up while the copy was taken: he is in it in one state or another, or
    // not yet, but never half-written; the restored database answers either way.
    let r = restored
        .browser()
        .post_form(
            "/login",
            &[("email", "bernd@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert!(
        [
            StatusCode::SEE_OTHER,
            StatusCode::FORBIDDEN,
            StatusCode::UNAUTHORIZED
        ]
        .contains(&r.status())
    );
    restored.stop().await;
    app.stop().await;
}
