use super::{Activity, NewActivity, PostStats, Report, TickerSettings};
use crate::StoreError;
use crate::changelog::LogPosition;
use crate::ids::{ActivityId, ActivityKey, MemberKey};
use crate::notifications::Effects;
use async_trait::async_trait;
use time::{Date, OffsetDateTime};

/// A row of [`TickerRepo::ticker_snapshot`].
#[derive(Clone, Debug)]
pub enum TickerRow {
    /// A member's ticker settings, for every open member who has any activity or has
    /// chosen settings; `birthday` only if they let contacts see it in the ticker.
    Member { key: MemberKey, settings: TickerSettings, birthday: Option<Date> },
    /// One of a member's newest activities (newest first per member).
    Activity(Activity),
}

/// Storage of activities, the ticker settings, mutes and reports. Every write logs
/// `ActivityChanged` for each member whose activities or settings it changed, and writes
/// its [`Effects`] in the same transaction.
#[async_trait]
pub trait TickerRepo: Send + Sync {
    /// Writes an activity with the members it mentions. `Conflict("activities")` for a
    /// second like of the same post by the same member.
    async fn add_activity(
        &self,
        activity: &NewActivity,
        mentions: &[MemberKey],
        effects: &Effects,
    ) -> Result<(ActivityKey, LogPosition), StoreError>;

    /// Replaces a post's or comment's text and mentions.
    async fn edit_activity(
        &self,
        key: ActivityKey,
        body: &str,
        mentions: &[MemberKey],
        effects: &Effects,
        at: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;

    /// Deletes an activity with everything on it (its shares, comments, replies, likes,
    /// reports and notifications). `NotFound` if it is gone.
    async fn delete_activity(&self, key: ActivityKey) -> Result<LogPosition, StoreError>;

    /// Takes back `actor`'s like of `post`; `None` if there was none.
    async fn unlike(&self, actor: MemberKey, post: ActivityKey) -> Result<Option<LogPosition>, StoreError>;

    async fn activity(&self, id: ActivityId) -> Result<Option<Activity>, StoreError>;

    async fn activity_by_key(&self, key: ActivityKey) -> Result<Option<Activity>, StoreError>;

    /// These activities, in no particular order; missing ones are left out.
    async fn activities(&self, keys: &[ActivityKey]) -> Result<Vec<Activity>, StoreError>;

    /// These activities and the posts they are about (a share's, comment's or like's), in
    /// no particular order and one read: a ticker page's rows. Missing ones are left out;
    /// a row may come twice.
    async fn activities_with_posts(&self, keys: &[ActivityKey]) -> Result<Vec<Activity>, StoreError>;

    /// Activities of any of `actors` older than `before`, newest first: the ticker's
    /// pages beyond what the in-memory index holds.
    async fn activities_of(
        &self,
        actors: &[MemberKey],
        before: Option<ActivityKey>,
        limit: u32,
    ) -> Result<Vec<Activity>, StoreError>;

    /// The members each of these activities mentions.
    async fn mentions(&self, keys: &[ActivityKey]) -> Result<Vec<(ActivityKey, MemberKey)>, StoreError>;

    /// The comments and replies on a post, oldest first.
    async fn comments(&self, post: ActivityKey, limit: u32) -> Result<Vec<Activity>, StoreError>;

    /// Counts under each of `posts`, leaving out what the members in `leave_out` did
    /// (those hidden from the reader), and whether `reader` liked them.
    async fn post_stats(
        &self,
        posts: &[ActivityKey],
        reader: MemberKey,
        leave_out: &[MemberKey],
    ) -> Result<Vec<(ActivityKey, PostStats)>, StoreError>;

    /// The member's settings (the defaults if they never chose).
    async fn ticker_settings(&self, member: MemberKey) -> Result<TickerSettings, StoreError>;

    async fn set_ticker_settings(
        &self,
        member: MemberKey,
        settings: &TickerSettings,
    ) -> Result<LogPosition, StoreError>;

    /// Members whose activities `member` has muted.
    async fn mutes(&self, member: MemberKey) -> Result<Vec<MemberKey>, StoreError>;

    async fn set_muted(
        &self,
        member: MemberKey,
        other: MemberKey,
        muted: bool,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// `Conflict("post_reports")` if this member reported this post before.
    async fn report_post(&self, report: &Report) -> Result<(), StoreError>;

    /// Reported posts, the most reported first, with their reports.
    async fn reports(&self, limit: u32) -> Result<Vec<(Activity, Vec<Report>)>, StoreError>;

    /// Every open member's settings and up to `per_member` of their newest activities,
    /// and the log position read in the same transaction.
    async fn ticker_snapshot(
        &self,
        per_member: u32,
        sink: &mut (dyn FnMut(TickerRow) + Send),
    ) -> Result<LogPosition, StoreError>;

    /// `member`'s settings and birthday (if shown), for the index to refresh them.
    async fn ticker_member(&self, member: MemberKey) -> Result<Option<(TickerSettings, Option<Date>)>, StoreError>;
}
