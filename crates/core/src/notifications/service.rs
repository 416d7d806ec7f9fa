use super::NotificationsNeeds;
use super::view::{MailSetting, NotificationPage, NotificationView};
use super::{MailChoice, NewNotification, Notification, NotificationKind};
use crate::accounts::Current;
use crate::error::{Error, Result};
use crate::ids::{ActivityKey, MemberKey, NotificationId};
use crate::network::{MemberCard, Viewer};
use crate::secrets::RawToken;
use std::collections::HashMap;

/// Notifications per page, and the most a client may ask for.
pub const PAGE: u32 = 20;
pub const MAX_PAGE: u32 = 100;
/// Characters of a post quoted in a notification.
pub(crate) const EXCERPT: usize = 90;

/// What a one-click unsubscribe link turns off: a kind, or everything in the digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsubscribe {
    Kind(NotificationKind),
    Digest,
}

impl Unsubscribe {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kind(kind) => kind.as_str(),
            Self::Digest => "digest",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        if s == "digest" { Some(Self::Digest) } else { s.parse().ok().map(Self::Kind) }
    }
}

pub struct Notifications<'a> {
    pub(crate) k: &'a dyn NotificationsNeeds,
}

impl Notifications<'_> {
    /// A notification for `recipient`, to go out by e-mail as they chose.
    pub(crate) async fn notice(
        &self,
        recipient: MemberKey,
        kind: NotificationKind,
        actor: Option<MemberKey>,
        activity: Option<ActivityKey>,
    ) -> Result<NewNotification> {
        Ok(NewNotification {
            id: NotificationId::new(),
            recipient,
            kind,
            actor,
            activity,
            mail: self.choice(recipient, kind).await?,
            created_at: self.k.now(),
        })
    }

    /// How `member` wants `kind` by e-mail (their choice, or the kind's default).
    pub(crate) async fn choice(&self, member: MemberKey, kind: NotificationKind) -> Result<MailChoice> {
        Ok(self.k.store().mail_choice(member, kind).await?.unwrap_or(kind.default_mail()))
    }

    /// A page of the current member's notifications, newest first, older than `before`.
    pub async fn page(
        &self,
        current: &Current,
        before: Option<NotificationId>,
        limit: Option<u32>,
    ) -> Result<NotificationPage> {
        let me = current.account.key;
        let store = self.k.store();
        let before = match before {
            Some(id) => Some(store.notification(id).await?.filter(|n| n.recipient == me).ok_or(Error::NotFound)?.key),
            None => None,
        };
        let limit = limit.unwrap_or(PAGE).clamp(1, MAX_PAGE);
        let stored = store.notifications(me, before, limit).await?;
        let next = (stored.len() == limit as usize).then(|| stored.last().map(|n| n.id)).flatten();
        let newest = if before.is_none() { stored.first().map(|n| n.id) } else { None };
        let mut viewer = self.k.network().viewer(&current.account).await?;
        let items = self.render(&mut viewer, &stored).await?;
        let unread = self.k.member_state(me).await?.unread_notifications;
        Ok(NotificationPage { items, next, newest, unread })
    }

    pub async fn unread(&self, current: &Current) -> Result<u64> {
        Ok(self.k.member_state(current.account.key).await?.unread_notifications)
    }

    /// Marks the current member's notifications read up to and including `up_to` (the
    /// newest they were shown), or all of them.
    pub async fn mark_read(&self, current: &Current, up_to: Option<NotificationId>) -> Result<()> {
        let me = current.account.key;
        let store = self.k.store();
        let key = match up_to {
            Some(id) => store.notification(id).await?.filter(|n| n.recipient == me).ok_or(Error::NotFound)?.key,
            None => i64::MAX,
        };
        store.mark_read(me, key, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    /// How `member` wants every kind by e-mail, in one read.
    pub(crate) async fn choices(&self, member: MemberKey) -> Result<HashMap<NotificationKind, MailChoice>> {
        let chosen: HashMap<NotificationKind, MailChoice> =
            self.k.store().mail_choices(member).await?.into_iter().collect();
        Ok(NotificationKind::ALL
            .iter()
            .map(|&kind| (kind, chosen.get(&kind).copied().unwrap_or(kind.default_mail())))
            .collect())
    }

    /// The current member's e-mail choice for every kind.
    pub async fn mail_settings(&self, current: &Current) -> Result<Vec<MailSetting>> {
        let choices = self.choices(current.account.key).await?;
        Ok(NotificationKind::ALL.iter().map(|&kind| MailSetting { kind, mail: choices[&kind] }).collect())
    }

    pub async fn set_mail_settings(&self, current: &Current, settings: &[MailSetting]) -> Result<()> {
        for s in settings {
            self.k.store().set_mail_choice(current.account.key, s.kind, s.mail).await?;
        }
        Ok(())
    }

    /// A one-click unsubscribe address for a mail to `member` about `what`.
    pub(crate) async fn unsubscribe_link(&self, member: MemberKey, what: Unsubscribe) -> Result<String> {
        let token = RawToken::generate();
        self.k.store().add_unsubscribe_token(&token.hash(), member, what.as_str(), self.k.now()).await?;
        Ok(self.k.link(&format!("/unsubscribe/{}", token.expose())))
    }

    /// Whom a token from a mail names, and what it turns off.
    async fn token(&self, token: &str) -> Result<(MemberKey, Unsubscribe)> {
        let token = RawToken::from_link(token).ok_or(Error::NotFound)?;
        let (member, what) = self.k.store().unsubscribe_token(&token.hash()).await?.ok_or(Error::NotFound)?;
        Ok((member, Unsubscribe::parse(&what).ok_or(Error::NotFound)?))
    }

    /// What the token from a mail would turn off.
    pub async fn unsubscribe_target(&self, token: &str) -> Result<Unsubscribe> {
        Ok(self.token(token).await?.1)
    }

    /// Turns off the mails the token names: one kind, or every kind mailed in the digest.
    /// Needs no log-in, as RFC 8058 one-click requires; the token is the proof.
    pub async fn unsubscribe(&self, token: &str) -> Result<Unsubscribe> {
        let (member, what) = self.token(token).await?;
        let kinds: Vec<NotificationKind> = match what {
            Unsubscribe::Kind(kind) => vec![kind],
            Unsubscribe::Digest => {
                let choices = self.choices(member).await?;
                NotificationKind::ALL.iter().copied().filter(|k| choices[k] == MailChoice::Digest).collect()
            }
        };
        for kind in kinds {
            self.k.store().set_mail_choice(member, kind, MailChoice::Off).await?;
        }
        Ok(what)
    }

    /// The notifications as the viewer may see them now. One whose member the viewer may
    /// no longer see, or whose post they may no longer read, is left out.
    pub(crate) async fn render(&self, viewer: &mut Viewer, stored: &[Notification]) -> Result<Vec<NotificationView>> {
        let mut actors: Vec<MemberKey> = stored.iter().filter_map(|n| n.actor).collect();
        actors.sort_unstable();
        actors.dedup();
        let cards: HashMap<MemberKey, MemberCard> =
            self.k.network().cards(viewer, &actors).await?.into_iter().map(|c| (c.key, c)).collect();
        // The posts in one read, each checked once (many notifications share a post).
        let mut keys: Vec<ActivityKey> = stored.iter().filter_map(|n| n.activity).collect();
        keys.sort_unstable();
        keys.dedup();
        let posts = self.k.readable_posts(viewer, &keys).await?;
        let mut items = Vec::with_capacity(stored.len());
        for n in stored {
            let actor = match n.actor {
                Some(key) => match cards.get(&key) {
                    Some(card) => Some(card.clone()),
                    None => continue,
                },
                None => None,
            };
            let post = match n.activity {
                Some(key) => match posts.get(&key) {
                    Some(post) => Some(post.clone()),
                    None => continue,
                },
                None => None,
            };
            let mut note = None;
            let link = match (n.kind, &actor, &post) {
                (_, _, Some(post)) => format!("/posts/{}", post.id),
                (NotificationKind::ContactRequest, Some(card), _) => {
                    note = self.k.open_request_note(card.key, viewer.account.key).await?;
                    "/contacts/requests".to_owned()
                }
                (NotificationKind::Birthday, Some(card), _) if card.profile.birthday.is_none() => continue,
                (_, Some(card), _) => format!("/members/{}", card.id),
                _ => "/notifications".to_owned(),
            };
            items.push(NotificationView {
                id: n.id,
                key: n.key,
                kind: n.kind,
                actor,
                post,
                note,
                link,
                created_at: n.created_at,
                read: n.read_at.is_some(),
            });
        }
        Ok(items)
    }
}
