use crate::{SqliteStore, micros, normalise};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::ratelimit::{RateLimitRepo, window_start};
use time::{Duration, OffsetDateTime};

#[async_trait]
impl RateLimitRepo for SqliteStore {
    async fn hit(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError> {
        let count: i64 = sqlx::query_scalar(
            "insert into rate_limits (key, window_start, count) values ($1, $2, 1) \
             on conflict (key, window_start) do update set count = count + 1 returning count",
        )
        .bind(key)
        .bind(micros(window_start(window, now)))
        .fetch_one(&self.writer)
        .await
        .map_err(normalise)?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn hits(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError> {
        let count: Option<i64> =
            sqlx::query_scalar("select count from rate_limits where key = $1 and window_start = $2")
                .bind(key)
                .bind(micros(window_start(window, now)))
                .fetch_optional(&self.readers)
                .await
                .map_err(normalise)?;
        Ok(count.map_or(0, |c| u32::try_from(c).unwrap_or(u32::MAX)))
    }

    async fn forget(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("delete from rate_limits where key = $1")
            .bind(key)
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        Ok(())
    }

    async fn prune_rate_limits(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("delete from rate_limits where window_start < $1")
            .bind(micros(before))
            .execute(&self.writer)
            .await
            .map_err(normalise)?;
        Ok(done.rows_affected())
    }
}
