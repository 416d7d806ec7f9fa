//! Notifications by e-mail: one at a time, or a member's daily digest. Both are written
//! when the mail goes out, through the same rendering as the app, so a mail never tells
//! more than the recipient may see at that moment.

use super::service::Unsubscribe;
use super::view::NotificationView;
use super::{DigestMailJob, MailChoice, NotificationKind, NotificationMailJob};
use crate::accounts::Account;
use crate::error::Result;
use crate::i18n::{Arg, Lang};
use crate::mail::Letter;

impl super::Notifications<'_> {
    /// Mails one notification, unless it was read, its recipient no longer wants it by
    /// mail at once, or there is nothing left they may see.
    pub(crate) async fn mail_one(&self, job: NotificationMailJob) -> Result<()> {
        let store = self.k.store();
        let Some(n) = store.notification(job.notification).await? else { return Ok(()) };
        if n.read_at.is_some() || self.choice(n.recipient, n.kind).await? != MailChoice::Immediately {
            return Ok(());
        }
        let Some(account) = store.account_by_key(n.recipient).await?.filter(Account::is_open) else { return Ok(()) };
        let mut viewer = self.k.network().viewer(&account).await?;
        let Some(item) = self.render(&mut viewer, &[n]).await?.pop() else { return Ok(()) };
        let site = self.k.site_settings().await?.name;
        let lang = account.lang;
        let who = actor_name(&item);
        let args = [("name", Arg::Str(account.name.as_str())), ("site", Arg::Str(&site)), ("from", Arg::Str(&who))];
        let (subject, mut body, action) = match item.kind {
            // The request mail members knew before notifications, in the same words.
            NotificationKind::ContactRequest => (
                lang.t_args("mail-contact-request-subject", &args),
                lang.t_args("mail-contact-request-body", &args),
                lang.t("mail-contact-request-action").into_owned(),
            ),
            _ => (
                sentence(lang, &item),
                format!("{}\n\n{}", lang.t_args("mail-notification-hello", &args), sentence(lang, &item)),
                lang.t("mail-notification-action").into_owned(),
            ),
        };
        if let Some(quoted) = item.note.as_deref().or(item.post.as_ref().map(|p| p.excerpt.as_str())) {
            body = format!("{body}\n\n{}", quote(quoted));
        }
        let link = self.k.link(&item.link);
        let unsubscribe = Some(self.unsubscribe_link(account.key, Unsubscribe::Kind(item.kind)).await?);
        let footer = format!("{}\n{}", lang.t_args("mail-footer", &args), lang.t("mail-notification-why"));
        let legal = self.k.legal().mail_links(lang).await?;
        let mail = Letter {
            lang,
            to: account.email.as_str(),
            subject,
            body,
            action,
            link: &link,
            footer,
            legal: &legal,
            unsubscribe,
        }
        .write();
        self.k.mailer().deliver(&mail).await.map_err(crate::Error::Internal)
    }

    /// Mails the member's digest: what is still unread of their digest notifications up
    /// to `up_to`, then marks exactly those it read as sent (a retry after a failed send
    /// sends them again; one committed meanwhile waits for the next digest).
    pub(crate) async fn mail_digest(&self, job: DigestMailJob) -> Result<()> {
        let store = self.k.store();
        let Some(account) = store.account_by_key(job.member).await?.filter(Account::is_open) else {
            let waiting: Vec<i64> = store.digest(job.member, job.up_to).await?.iter().map(|n| n.key).collect();
            return Ok(store.digest_sent(job.member, &waiting).await?);
        };
        let waiting_all = store.digest(job.member, job.up_to).await?;
        let read: Vec<i64> = waiting_all.iter().map(|n| n.key).collect();
        // As the member chooses now: a kind turned off (or unsubscribed) since is left out.
        let choices = self.choices(job.member).await?;
        let waiting: Vec<_> =
            waiting_all.into_iter().filter(|n| n.read_at.is_none() && choices[&n.kind] == MailChoice::Digest).collect();
        let mut viewer = self.k.network().viewer(&account).await?;
        let items = self.render(&mut viewer, &waiting).await?;
        if !items.is_empty() {
            let site = self.k.site_settings().await?.name;
            let lang = account.lang;
            let count = items.len() as i64;
            let args =
                [("name", Arg::Str(account.name.as_str())), ("site", Arg::Str(&site)), ("count", Arg::Num(count))];
            let lines: Vec<String> = items
                .iter()
                .rev()
                .map(|item| {
                    let quoted = item.post.as_ref().map(|p| format!("\n  > {}", p.excerpt)).unwrap_or_default();
                    format!("• {}{quoted}\n  {}", sentence(lang, item), self.k.link(&item.link))
                })
                .collect();
            let body = format!("{}\n\n{}", lang.t_args("mail-digest-body", &args), lines.join("\n"));
            let link = self.k.link("/notifications");
            let legal = self.k.legal().mail_links(lang).await?;
            let mail = Letter {
                lang,
                to: account.email.as_str(),
                subject: lang.t_args("mail-digest-subject", &args),
                body,
                action: lang.t("mail-notification-action").into_owned(),
                link: &link,
                footer: format!("{}\n{}", lang.t_args("mail-footer", &args), lang.t("mail-digest-why")),
                legal: &legal,
                unsubscribe: Some(self.unsubscribe_link(account.key, Unsubscribe::Digest).await?),
            }
            .write();
            self.k.mailer().deliver(&mail).await.map_err(crate::Error::Internal)?;
        }
        Ok(store.digest_sent(job.member, &read).await?)
    }
}

/// The name of the member a notification is from, as the recipient may see it.
fn actor_name(item: &NotificationView) -> String {
    item.actor.as_ref().map(|a| a.name.as_str().to_owned()).unwrap_or_default()
}

/// "Anna Schmidt commented on your post", in the recipient's language (the app shows
/// the member's card beside the same words).
pub fn sentence(lang: Lang, item: &NotificationView) -> String {
    let did = lang.t(&format!("notification-{}", item.kind.as_str()));
    match item.actor.as_ref() {
        Some(actor) => format!("{} {did}", actor.name.as_str()),
        None => did.into_owned(),
    }
}

/// Someone's own words, quoted line by line as they wrote them.
fn quote(text: &str) -> String {
    text.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n")
}
