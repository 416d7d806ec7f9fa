use crate::SqlStore;
use crate::sql::q;
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::ratelimit::{RateLimitRepo, window_start};
use time::{Duration, OffsetDateTime};

#[async_trait]
impl RateLimitRepo for SqlStore {
    async fn hit(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError> {
        // One statement: concurrent hits on any node queue on the row and each counts.
        let count: i32 = q("insert into rate_limits (key, window_start, count) values ($1, $2, 1) \
             on conflict (key, window_start) do update set count = rate_limits.count + 1 \
             returning count")
        .bind(key)
        .bind(window_start(window, now))
        .scalar(self.db.write())
        .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn hits(&self, key: &str, window: Duration, now: OffsetDateTime) -> Result<u32, StoreError> {
        let count: Option<i32> = q("select count from rate_limits where key = $1 and window_start = $2")
            .bind(key)
            .bind(window_start(window, now))
            .scalar_optional(self.db.read())
            .await?;
        Ok(count.map_or(0, |c| u32::try_from(c).unwrap_or(u32::MAX)))
    }

    async fn forget(&self, key: &str) -> Result<(), StoreError> {
        q("delete from rate_limits where key = $1").bind(key).execute(self.db.write()).await?;
        Ok(())
    }

    async fn prune_rate_limits(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = q("delete from rate_limits where window_start < $1").bind(before).execute(self.db.write()).await?;
        Ok(done)
    }
}
