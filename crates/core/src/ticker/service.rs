//! Writing to the ticker: posts, shares, comments, likes, reports, and the settings.

use super::TickerNeeds;
use super::model::{limits, text};
use super::{Activity, ActivityKind, Audience, NewActivity, Report, TickerSettings};
use crate::accounts::Current;
use crate::error::{Error, Result};
use crate::ids::{ActivityId, ActivityKey, MemberId, MemberKey};
use crate::network::{MemberCard, Viewer};
use crate::notifications::{Effects, NotificationKind};

pub struct Ticker<'a> {
    pub(super) k: &'a dyn TickerNeeds,
}

impl<'a> Ticker<'a> {
    pub(crate) fn new(k: &'a dyn TickerNeeds) -> Self {
        Self { k }
    }

    /// Writes a status post for `audience`.
    pub async fn post(&self, current: &Current, raw: &str, audience: Audience) -> Result<ActivityId> {
        let body = text("text", raw, limits::POST_CHARS).map_err(|e| Error::Invalid(vec![e]))?;
        let me = current.account.key;
        let mut post = NewActivity::new(me, ActivityKind::Post, audience, self.k.now());
        post.body = body;
        let mentions = self.mentions(current, &post.body).await?;
        let effects = self.effects(me, NotificationKind::Mention, None, &mentions).await?;
        self.k.store().add_activity(&post, &mentions, &effects).await?;
        self.k.written().await?;
        Ok(post.id)
    }

    /// Changes the text of the current member's post or comment.
    pub async fn edit(&self, current: &Current, id: ActivityId, raw: &str) -> Result<()> {
        let activity = self.own(current, id).await?;
        let (field, max) = match activity.kind {
            ActivityKind::Post => ("text", limits::POST_CHARS),
            ActivityKind::Comment => ("text", limits::COMMENT_CHARS),
            _ => return Err(Error::NotFound),
        };
        let body = text(field, raw, max).map_err(|e| Error::Invalid(vec![e]))?;
        let mentions = self.mentions(current, &body).await?;
        // Only members mentioned for the first time are told.
        let before = self.k.store().mentions(&[activity.key]).await?;
        let new: Vec<MemberKey> = mentions.iter().copied().filter(|m| !before.iter().any(|(_, b)| b == m)).collect();
        let about = match activity.post {
            Some(post) => self.k.store().activity_by_key(post).await?,
            None => Some(activity.clone()),
        };
        let Some(about) = about else { return Err(Error::NotFound) };
        let effects = self.effects(current.account.key, NotificationKind::Mention, Some(&about), &new).await?;
        self.k.store().edit_activity(activity.key, &body, &mentions, &effects, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Deletes a post, share or comment with everything on it: by its author, or by an
    /// administrator (a reported post).
    pub async fn delete(&self, current: &Current, id: ActivityId) -> Result<()> {
        let activity = self.deletable(current, id).await?;
        self.k.store().delete_activity(activity.key).await?;
        self.k.written().await?;
        Ok(())
    }

    /// What the member may delete: their own post, share or comment (an administrator's:
    /// anyone's); `NotFound` for anything else, so the question is asked only where the
    /// deed would be done.
    pub async fn deletable(&self, current: &Current, id: ActivityId) -> Result<Activity> {
        let activity = self.k.store().activity(id).await?.ok_or(Error::NotFound)?;
        let allowed = activity.actor == current.account.key || current.account.is_admin();
        if !allowed || !matches!(activity.kind, ActivityKind::Post | ActivityKind::Share | ActivityKind::Comment) {
            return Err(Error::NotFound);
        }
        Ok(activity)
    }

    /// Comments on a post the member may see, or answers a comment on it.
    pub async fn comment(
        &self,
        current: &Current,
        post: ActivityId,
        reply_to: Option<ActivityId>,
        raw: &str,
    ) -> Result<ActivityId> {
        let body = text("text", raw, limits::COMMENT_CHARS).map_err(|e| Error::Invalid(vec![e]))?;
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let post = self.visible_post(&mut viewer, post).await?;
        let parent = match reply_to {
            Some(id) => {
                let parent = self.k.store().activity(id).await?.ok_or(Error::NotFound)?;
                // One level of replies: an answer to a reply answers its comment.
                let top = parent.parent.unwrap_or(parent.key);
                if parent.kind != ActivityKind::Comment || parent.post != Some(post.key) {
                    return Err(Error::NotFound);
                }
                Some((top, parent.actor))
            }
            None => None,
        };
        let me = current.account.key;
        let mut comment = NewActivity::on(me, ActivityKind::Comment, &post, self.k.now());
        comment.parent = parent.map(|(top, _)| top);
        comment.body = body;
        let mentions = self.mentions(current, &comment.body).await?;
        let mut effects = self.effects(me, NotificationKind::Mention, Some(&post), &mentions).await?;
        let mut told: Vec<MemberKey> = mentions.clone();
        if let Some((_, answered)) = parent
            && !told.contains(&answered)
        {
            effects.extend(self.effects(me, NotificationKind::Reply, Some(&post), &[answered]).await?);
            told.push(answered);
        }
        if !told.contains(&post.actor) {
            effects.extend(self.effects(me, NotificationKind::Comment, Some(&post), &[post.actor]).await?);
        }
        self.k.store().add_activity(&comment, &mentions, &effects).await?;
        self.k.written().await?;
        Ok(comment.id)
    }

    /// Likes a post the member may see; liking twice is one like.
    pub async fn like(&self, current: &Current, post: ActivityId) -> Result<()> {
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let post = self.visible_post(&mut viewer, post).await?;
        let me = current.account.key;
        let like = NewActivity::on(me, ActivityKind::Like, &post, self.k.now());
        let effects = self.effects(me, NotificationKind::Like, Some(&post), &[post.actor]).await?;
        match self.k.store().add_activity(&like, &[], &effects).await {
            Ok(_) => {
                self.k.written().await?;
                Ok(())
            }
            Err(crate::StoreError::Conflict(_)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Takes back a like of a post the member may see; a post they may not see (any
    /// more) answers as a missing one.
    pub async fn unlike(&self, current: &Current, post: ActivityId) -> Result<()> {
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let post = self.visible_post(&mut viewer, post).await?;
        if self.k.store().unlike(current.account.key, post.key).await?.is_some() {
            self.k.written().await?;
        }
        Ok(())
    }

    /// Shares a post the member may see with their own audience, never wider than the
    /// post's (a share of a share shares the post itself).
    pub async fn share(
        &self,
        current: &Current,
        post: ActivityId,
        raw: &str,
        audience: Audience,
    ) -> Result<ActivityId> {
        let note = raw.trim();
        let note = if note.is_empty() {
            String::new()
        } else {
            text("text", note, limits::COMMENT_CHARS).map_err(|e| Error::Invalid(vec![e]))?
        };
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let post = self.visible_post(&mut viewer, post).await?;
        let me = current.account.key;
        let mut share = NewActivity::on(me, ActivityKind::Share, &post, self.k.now());
        share.audience = audience.min(post.audience);
        share.body = note;
        self.k.store().add_activity(&share, &[], &Effects::none()).await?;
        self.k.written().await?;
        Ok(share.id)
    }

    /// Reported posts for an administrator, the most reported first, with the reasons.
    pub async fn reported(&self, current: &Current) -> Result<Vec<ReportedPost>> {
        if !current.account.is_admin() {
            return Err(Error::Forbidden);
        }
        let mut out = Vec::new();
        for (post, reports) in self.k.store().reports(limits::REPORTS_SHOWN).await? {
            let author = self.k.store().account_by_key(post.actor).await?;
            out.push(ReportedPost {
                id: post.id,
                author: author.map(|a| a.name.as_str().to_owned()).unwrap_or_default(),
                excerpt: crate::notifications::excerpt(&post.body, 200),
                audience: post.audience,
                reasons: reports.into_iter().map(|r| r.reason).collect(),
            });
        }
        Ok(out)
    }

    /// Reports a post the member may see to the operator.
    pub async fn report(&self, current: &Current, post: ActivityId, reason: &str) -> Result<()> {
        let reason = text("reason", reason, limits::REPORT_CHARS).map_err(|e| Error::Invalid(vec![e]))?;
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let post = self.visible_post(&mut viewer, post).await?;
        let report = Report { post: post.key, reporter: current.account.key, reason, created_at: self.k.now() };
        match self.k.store().report_post(&report).await {
            Ok(()) | Err(crate::StoreError::Conflict(_)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn settings(&self, current: &Current) -> Result<TickerSettings> {
        Ok(self.k.store().ticker_settings(current.account.key).await?)
    }

    /// Stores the member's choices. A narrower choice hides what was shown before; a
    /// wider one counts from now on (items keep the reach they were written under).
    pub async fn set_settings(&self, current: &Current, settings: &TickerSettings) -> Result<()> {
        self.k.store().set_ticker_settings(current.account.key, settings).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Members whose activities the current member has muted.
    pub async fn muted(&self, current: &Current) -> Result<Vec<crate::network::MemberCard>> {
        let keys = self.k.member_state(current.account.key).await?.mutes.clone();
        let mut viewer = self.k.network().viewer(&current.account).await?;
        self.k.network().cards(&mut viewer, &keys).await
    }

    /// Mutes or unmutes a member the current member may see; anyone else answers as a
    /// missing member.
    pub async fn set_muted(&self, current: &Current, other: MemberId, muted: bool) -> Result<()> {
        let other = self.k.network().open_member_for(&current.account, other).await?;
        self.k.store().set_muted(current.account.key, other.key, muted, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    // ---- helpers ----

    /// The member's own post or comment.
    async fn own(&self, current: &Current, id: ActivityId) -> Result<Activity> {
        let activity = self.k.store().activity(id).await?.ok_or(Error::NotFound)?;
        if activity.actor != current.account.key {
            return Err(Error::NotFound);
        }
        Ok(activity)
    }

    /// The post with this id, if the viewer may see it (else: not found, as if missing).
    pub(super) async fn visible_post(&self, viewer: &mut Viewer, id: ActivityId) -> Result<Activity> {
        let post = self.k.store().activity(id).await?.ok_or(Error::NotFound)?;
        if post.kind != ActivityKind::Post || !self.may_see_post(Some(viewer), &post).await? {
            return Err(Error::NotFound);
        }
        Ok(post)
    }
    /// The posts among `keys` `viewer` may read, as notifications quote them.
    pub(crate) async fn readable_posts(
        &self,
        viewer: &mut Viewer,
        keys: &[ActivityKey],
    ) -> Result<std::collections::HashMap<ActivityKey, crate::notifications::PostRef>> {
        use crate::notifications::{EXCERPT, PostRef, excerpt};
        let readable = self.readable(Some(viewer), keys).await?;
        Ok(readable.into_iter().map(|p| (p.key, PostRef { id: p.id, excerpt: excerpt(&p.body, EXCERPT) })).collect())
    }

    /// The posts among `keys` the reader (none: the public) may read, in no order.
    pub(crate) async fn readable(
        &self,
        mut viewer: Option<&mut Viewer>,
        keys: &[ActivityKey],
    ) -> Result<Vec<Activity>> {
        let mut readable = Vec::new();
        for post in self.k.store().activities(keys).await? {
            if post.kind == ActivityKind::Post && self.may_see_post(viewer.as_deref_mut(), &post).await? {
                readable.push(post);
            }
        }
        Ok(readable)
    }

    /// May this reader (none: the public) see `post`?
    pub(crate) async fn may_see_post(&self, viewer: Option<&mut Viewer>, post: &Activity) -> Result<bool> {
        let Some(viewer) = viewer else {
            if post.audience != Audience::Public {
                return Ok(false);
            }
            let author = self.k.store().account_by_key(post.actor).await?;
            return Ok(author.is_some_and(|a| a.is_open()));
        };
        if post.actor == viewer.account.key {
            return Ok(true);
        }
        let author = self.k.store().account_by_key(post.actor).await?;
        if !author.is_some_and(|a| a.is_open()) || viewer.is_hidden(post.actor) {
            return Ok(false);
        }
        Ok(super::read::audience_admits(viewer, post.actor, post.audience))
    }

    /// The members `text` mentions: the author's contacts, by the name they have now.
    async fn mentions(&self, current: &Current, text: &str) -> Result<Vec<MemberKey>> {
        if !text.contains('@') {
            return Ok(Vec::new());
        }
        let names: Vec<(MemberKey, String)> = self
            .mentionable(current)
            .await?
            .into_iter()
            .map(|card| (card.key, card.name.as_str().to_string()))
            .collect();
        let mut found = super::view::mentioned(text, &names);
        found.truncate(limits::MENTIONS);
        Ok(found)
    }

    /// Whom the member may mention: their contacts, as the member sees them.
    async fn mentionable(&self, current: &Current) -> Result<Vec<MemberCard>> {
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let contacts = viewer.contacts();
        self.k.network().cards(&mut viewer, &contacts).await
    }

    /// The composer's suggestions after an `@`: members the author may mention (so a
    /// post would name them) whose name, or a word of it, starts with `typed` (case
    /// aside); all of them, in name order, while nothing is typed. At most `limit`.
    pub async fn mention_suggestions(&self, current: &Current, typed: &str, limit: usize) -> Result<Vec<MemberCard>> {
        let typed = typed.trim().to_lowercase();
        if typed.chars().count() > limits::MENTION_QUERY_CHARS {
            return Ok(Vec::new());
        }
        let mut found: Vec<MemberCard> = self
            .mentionable(current)
            .await?
            .into_iter()
            .filter(|card| {
                let name = card.name.as_str().to_lowercase();
                name.starts_with(&typed) || name.split_whitespace().any(|word| word.starts_with(&typed))
            })
            .collect();
        found.sort_by_cached_key(|card| card.name.as_str().to_lowercase());
        found.truncate(limit);
        Ok(found)
    }

    /// Notifications of `kind` from `actor` to each of `recipients` who may see `post`
    /// (never to the actor), mailed as each recipient chose. With no post, the
    /// notifications are about the activity being written.
    async fn effects(
        &self,
        actor: MemberKey,
        kind: NotificationKind,
        post: Option<&Activity>,
        recipients: &[MemberKey],
    ) -> Result<Effects> {
        let mut effects = Effects::none();
        for &recipient in recipients.iter().filter(|&&r| r != actor) {
            if let Some(post) = post {
                let Some(account) = self.k.store().account_by_key(recipient).await? else { continue };
                let mut viewer = self.k.network().viewer(&account).await?;
                if !self.may_see_post(Some(&mut viewer), post).await? {
                    continue;
                }
            }
            effects.notify(self.k.notifications().notice(recipient, kind, Some(actor), post.map(|p| p.key)).await?);
        }
        Ok(effects)
    }
}

/// A reported post as the administrators' queue shows it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReportedPost {
    pub id: ActivityId,
    pub author: String,
    pub excerpt: String,
    pub audience: Audience,
    /// Every report's reason, oldest first.
    pub reasons: Vec<String>,
}
