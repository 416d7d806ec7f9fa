//! Single-use links in e-mails: verification, password reset, e-mail change, invitation.
//! Each kind has its purpose, lifetime, address and message here; the token is stored
//! hashed in the same transaction that enqueues the mail carrying it.

use super::repo::NewToken;
use super::service::Accounts;
use super::{Account, DisplayName, Email, TokenPurpose};
use crate::error::Result;
use crate::i18n::Lang;
use crate::ids::MemberKey;
use crate::jobs::NewJob;
use crate::mail::{MailJob, Message};
use crate::secrets::{RawToken, TokenHash};
use time::Duration;

/// What a link is for, how long it holds, where it leads and what its mail says.
#[derive(Clone, Copy)]
pub(super) struct LinkKind {
    purpose: TokenPurpose,
    ttl: Duration,
    path: &'static str,
    message: fn(String) -> Message,
}

pub(super) const VERIFY: LinkKind = LinkKind {
    purpose: TokenPurpose::VerifyEmail,
    ttl: Duration::hours(48),
    path: "/verify/",
    message: |link| Message::VerifyEmail { link },
};
pub(super) const RESET: LinkKind = LinkKind {
    purpose: TokenPurpose::ResetPassword,
    ttl: Duration::hours(1),
    path: "/reset/",
    message: |link| Message::PasswordReset { link },
};
/// A further verification link, explained as the answer to a second sign-up with the
/// address of an account not yet confirmed.
pub(super) const SIGNUP_AGAIN: LinkKind = LinkKind { message: |link| Message::SignupAgain { link }, ..VERIFY };
pub(super) const CHANGE_EMAIL: LinkKind = LinkKind {
    purpose: TokenPurpose::ChangeEmail,
    ttl: Duration::hours(48),
    path: "/email/",
    message: |link| Message::ConfirmEmailChange { link },
};
pub(super) const INVITATION: LinkKind = LinkKind {
    purpose: TokenPurpose::Invitation,
    ttl: Duration::days(14),
    path: "/invite/",
    message: |link| Message::Invitation { link },
};

/// A link made and not yet stored: its hash, and the mail that carries it.
pub(super) struct Link {
    pub hash: TokenHash,
    pub mail: NewJob,
    kind: LinkKind,
}

impl Link {
    /// The token to store with the link's write; `value` travels with it (a new address,
    /// a password hash), and counts only in the browser of `binding`, if given.
    pub fn token<'a>(
        &'a self,
        value: Option<&'a str>,
        binding: Option<&'a TokenHash>,
        now: time::OffsetDateTime,
    ) -> NewToken<'a> {
        NewToken { hash: &self.hash, purpose: self.kind.purpose, expires_at: now + self.kind.ttl, value, binding }
    }
}

/// Where a link's mail goes.
pub(super) struct Recipient<'a> {
    pub to: &'a Email,
    pub name: &'a DisplayName,
    pub lang: Lang,
    /// The member the mail is about, if they exist yet (so erasing them drops it).
    pub member: Option<MemberKey>,
}

impl<'a> Recipient<'a> {
    pub fn of(account: &'a Account) -> Self {
        Self { to: &account.email, name: &account.name, lang: account.lang, member: Some(account.key) }
    }
}

impl Account {
    /// A mail to this member, in their language, that goes with the account if it is
    /// erased before it is sent.
    pub fn mail(&self, message: Message, now: time::OffsetDateTime) -> NewJob {
        MailJob { to: self.email.as_str().to_owned(), name: self.name.as_str().to_owned(), lang: self.lang, message }
            .for_member(self.key, now)
    }
}

impl Accounts<'_> {
    /// A fresh link of `kind` and its mail to `to`.
    pub(super) fn make_link(&self, kind: LinkKind, to: Recipient<'_>) -> Link {
        let token = RawToken::generate();
        let link = self.k.link(&format!("{}{}", kind.path, token.expose()));
        let mail = MailJob {
            to: to.to.as_str().to_owned(),
            name: to.name.as_str().to_owned(),
            lang: to.lang,
            message: (kind.message)(link),
        };
        let mail = match to.member {
            Some(member) => mail.for_member(member, self.k.now()),
            None => mail.into_job(self.k.now()),
        };
        Link { hash: token.hash(), mail, kind }
    }

    /// Stores a fresh link of `kind` for `account` (earlier ones of its kind stop working
    /// if the kind says so) and mails it to `to`.
    pub(super) async fn send_link(
        &self,
        account: &Account,
        kind: LinkKind,
        to: Recipient<'_>,
        value: Option<&str>,
        binding: Option<&TokenHash>,
    ) -> Result<()> {
        let link = self.make_link(kind, to);
        self.k
            .store()
            .create_token(account.key, link.token(value, binding, self.k.now()), std::slice::from_ref(&link.mail))
            .await?;
        self.k.jobs_enqueued();
        Ok(())
    }
}
