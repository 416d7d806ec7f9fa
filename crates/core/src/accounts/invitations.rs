//! Invitations: how people join when sign-up is by invitation only, and how imported
//! members get a password. An admin invites; the invitee sets a password from the link.

use super::links::{self, Recipient};
use super::service::Accounts;
use super::{Account, AccountState, Current, DisplayName, Email, NewAccount, Role, TokenPurpose};
use crate::StoreError;
use crate::error::{Error, Problems, Result};
use crate::i18n::Lang;
use crate::ids::MemberId;
use crate::secrets::RawToken;

impl Accounts<'_> {
    /// Invites someone by e-mail: a new, invited account with a link to set a password.
    /// An imported member with that address is invited instead. The mail, and the
    /// member's pages once they have joined, are in `lang` (the site's if not chosen)
    /// until they choose another.
    pub async fn invite(&self, current: &Current, name: &str, email: &str, lang: Option<Lang>) -> Result<()> {
        current.require_admin()?;
        let mut problems = Problems::default();
        let name = problems.check(DisplayName::parse(name));
        let email = problems.check(Email::parse(email));
        problems.into_result()?;
        let (Some(name), Some(email)) = (name, email) else { unreachable!("problems would have been reported") };
        let store = self.k.store();
        if let Some(existing) = store.credentials_by_email(&email).await? {
            return self.invite_account(current, &existing.account).await;
        }
        let new = NewAccount {
            id: MemberId::new(),
            email,
            name,
            password_hash: None,
            lang: match lang {
                Some(lang) => lang,
                None => self.k.site_settings().await?.lang,
            },
            state: AccountState::Invited,
            role: Role::Member,
            created_at: self.k.now(),
            terms_accepted_at: None,
        };
        let link = self
            .make_link(links::INVITATION, Recipient { to: &new.email, name: &new.name, lang: new.lang, member: None });
        match store
            .create_account(&new, Some(link.token(None, None, self.k.now())), std::slice::from_ref(&link.mail))
            .await
        {
            Ok(_) => {
                self.k.written().await?;
                Ok(())
            }
            Err(StoreError::Conflict(_)) => Err(Error::Conflict("email_taken")),
            Err(e) => Err(e.into()),
        }
    }

    /// Sends an invited (say, imported) member a new link to set their password.
    pub async fn invite_member(&self, current: &Current, id: MemberId) -> Result<()> {
        current.require_admin()?;
        let account = self.k.store().account_by_id(id).await?.ok_or(Error::NotFound)?;
        self.invite_account(current, &account).await
    }

    async fn invite_account(&self, current: &Current, account: &Account) -> Result<()> {
        current.require_admin()?;
        if account.state != AccountState::Invited {
            return Err(Error::Conflict("already_member"));
        }
        self.send_invitation(account).await
    }

    /// Mails an invited account a fresh invitation link.
    pub(super) async fn send_invitation(&self, account: &Account) -> Result<()> {
        self.send_link(account, links::INVITATION, Recipient::of(account), None, None).await
    }

    /// Accepts an invitation: the invitee's password is set and the account opens.
    pub async fn accept_invitation(&self, token: &RawToken, password: &str, accept_terms: bool) -> Result<Account> {
        let store = self.k.store();
        let found = store.token(&token.hash(), TokenPurpose::Invitation, self.k.now()).await?;
        let member = found.ok_or(Error::InvalidToken)?.member;
        // Joining by invitation is signing up: the terms are asked for here too.
        let terms = self.k.site_settings().await?.legal.terms;
        if terms && !accept_terms {
            return Err(Error::invalid("accept_terms", "terms_not_accepted"));
        }
        let hash = self.hash_new_password(member, "password", password).await?;
        let now = self.k.now();
        let accepted = terms.then_some(now);
        let (account, _) =
            store.accept_invitation(&token.hash(), &hash, accepted, now).await?.ok_or(Error::InvalidToken)?;
        self.k.written().await?;
        Ok(account)
    }
}
