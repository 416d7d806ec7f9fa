//! Fresh PostgreSQL databases for tests: one per test, dropped afterwards.
//!
//! The server is `KONTOR_TEST_POSTGRES` (default `postgres://postgres@127.0.0.1:5432/postgres`).
//! If none answers, tests skip PostgreSQL with a note, unless `KONTOR_REQUIRE_POSTGRES=1`
//! (as in CI), where that is a failure.

use sqlx::{Connection, PgConnection};

pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn admin_url() -> String {
    std::env::var("KONTOR_TEST_POSTGRES").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

fn required() -> bool {
    std::env::var("KONTOR_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// Drops its database when the test ends.
pub struct TestDatabase {
    pub url: String,
    name: String,
    admin: String,
}

impl TestDatabase {
    /// Creates an empty database, or `None` (after printing why) when no PostgreSQL is
    /// reachable and none is required.
    pub async fn create() -> Option<Self> {
        let admin = admin_url();
        let mut conn = match PgConnection::connect(&admin).await {
            Ok(conn) => conn,
            Err(e) if !required() => {
                eprintln!("PostgreSQL not reachable at {admin} ({e}); skipping the PostgreSQL half of this test");
                return None;
            }
            Err(e) => {
                panic!("PostgreSQL is required for this run but not reachable at {admin}: {e}")
            }
        };
        let name = format!("kontor_test_{}", uuid::Uuid::now_v7().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
        let _ = conn.close().await;
        let url = match admin.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("KONTOR_TEST_POSTGRES must end in /DATABASE"),
        };
        Some(Self { url, name, admin })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        // Dropping needs its own runtime: the test's may be shutting down.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                return;
            };
            runtime.block_on(async {
                if let Ok(mut conn) = PgConnection::connect(&admin).await {
                    let sql = format!("drop database if exists {name} with (force)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await;
                }
            });
        })
        .join();
    }
}

/// Runs statements on `url` over a connection of their own, for tests that change the
/// schema to inject a fault.
pub async fn run_sql(url: &str, sql: &str) {
    let mut conn = PgConnection::connect(url).await.unwrap_or_else(|e| panic!("connecting to {url}: {e}"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = conn.close().await;
}

/// Makes every commit that adds an activity on `url` fail as on a full disk (SQLSTATE
/// 53100, raised by a deferred check at commit), or (`false`) lifts that again.
pub async fn fill_disk(url: &str, full: bool) {
    let sql = if full {
        "create function fault_full() returns trigger language plpgsql as \
           $$ begin raise exception using errcode = 'disk_full', message = 'the disk is full (a test)'; end $$; \
         create constraint trigger fault_full after insert on activities \
           deferrable initially deferred for each row execute function fault_full()"
    } else {
        "drop trigger fault_full on activities; drop function fault_full()"
    };
    run_sql(url, sql).await;
}

/// The ids of every activity (post, comment, share, …) in the database at `url`, as 32
/// lowercase hex digits: one query, for a crash loop that checks every acknowledged
/// write after every kill.
pub async fn activity_ids(url: &str) -> Result<std::collections::HashSet<String>, String> {
    let mut connection = PgConnection::connect(url).await.map_err(|e| format!("connecting to {url}: {e}"))?;
    let ids: Vec<String> = sqlx::query_scalar("select replace(id::text, '-', '') from activities")
        .fetch_all(&mut connection)
        .await
        .map_err(|e| e.to_string())?;
    Ok(ids.into_iter().collect())
}

/// Every row of every table of Kontor's in the database at `url`, each as PostgreSQL
/// writes a row as text, the rows of a table sorted: two databases with the same rows
/// give the same map.
pub async fn rows(url: &str) -> Result<std::collections::BTreeMap<String, Vec<String>>, String> {
    let mut connection = PgConnection::connect(url).await.map_err(|e| format!("connecting to {url}: {e}"))?;
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables where table_schema = 'public' \
         and table_type = 'BASE TABLE' and table_name != '_sqlx_migrations' order by 1",
    )
    .fetch_all(&mut connection)
    .await
    .map_err(|e| e.to_string())?;
    let mut all = std::collections::BTreeMap::new();
    for table in tables {
        // The table's name comes from the database's own catalogue, not from input.
        let mut found: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select t::text from \"{table}\" t")))
                .fetch_all(&mut connection)
                .await
                .map_err(|e| e.to_string())?;
        found.sort();
        all.insert(table, found);
    }
    Ok(all)
}
