//! The operator's use-cases. Every method checks that the caller is an admin.

use super::AdminNeeds;
use super::{MemberAction, SiteChange, SiteSettings};
use crate::accounts::{Account, AccountState, Current, Role};
use crate::error::{Error, Result};
use crate::ids::{JobId, MemberId};
use crate::jobs::Job;
use crate::mail::Message;

pub struct Admin<'a> {
    k: &'a dyn AdminNeeds,
}

/// One page of a keyset-paged list, and the cursor of the next page if there is one.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

pub const PAGE_SIZE: u32 = 50;

impl<'a> Admin<'a> {
    pub(crate) fn new(k: &'a dyn AdminNeeds) -> Self {
        Self { k }
    }

    pub async fn update_settings(&self, current: &Current, change: SiteChange<'_>) -> Result<SiteSettings> {
        current.require_admin()?;
        let name = crate::text::short_text("site_name", change.name, 60).map_err(|e| Error::Invalid(vec![e]))?;
        if name.is_empty() {
            return Err(Error::invalid("site_name", "required"));
        }
        let settings = SiteSettings {
            name,
            signup_mode: change.signup_mode,
            two_factor_required: change.two_factor_required,
            lang: change.lang,
            public_search: change.public_search,
            ..self.k.store().site_settings().await?
        };
        self.k.store().update_site_settings(&settings).await?;
        self.k.written().await?;
        Ok(settings)
    }

    /// Members in `state` (all if `None`), newest first; `cursor` continues a listing.
    pub async fn members(
        &self,
        current: &Current,
        state: Option<AccountState>,
        cursor: Option<&str>,
    ) -> Result<Page<Account>> {
        current.require_admin()?;
        let before = match cursor.and_then(MemberId::parse) {
            Some(id) => self.k.store().account_by_id(id).await?.map(|a| a.key),
            None => None,
        };
        let mut items = self.k.store().list_members(state, before, PAGE_SIZE + 1).await?;
        let next = (items.len() > PAGE_SIZE as usize).then(|| {
            items.truncate(PAGE_SIZE as usize);
            items.last().map(|a| a.id.to_string())
        });
        Ok(Page { items, next: next.flatten() })
    }

    /// Approves, suspends, reinstates, promotes, demotes or deletes a member.
    pub async fn act(&self, current: &Current, id: MemberId, action: MemberAction) -> Result<()> {
        current.require_admin()?;
        if action == MemberAction::Invite {
            return self.k.accounts().invite_member(current, id).await;
        }
        let member = self.k.store().account_by_id(id).await?.ok_or(Error::NotFound)?;
        self.apply(&member, action, Some(current)).await
    }

    /// The operator's `kontor admin` on the server: the same actions on the member with
    /// `email`, by whoever may run the program (no invitations: those need an inviter).
    pub async fn act_from_console(&self, email: &str, action: MemberAction) -> Result<Account> {
        let email = crate::accounts::Email::parse(email).map_err(|e| Error::Invalid(vec![e]))?;
        let found = self.k.store().credentials_by_email(&email).await?.ok_or(Error::NotFound)?;
        if action == MemberAction::Invite {
            return Err(Error::Conflict("invite_on_the_admin_page"));
        }
        self.apply(&found.account, action, None).await?;
        Ok(self.k.store().account_by_key(found.account.key).await?.unwrap_or(found.account))
    }

    /// Does `action` to `member`, for the administrator `by` (none: the console).
    async fn apply(&self, member: &Account, action: MemberAction, by: Option<&Current>) -> Result<()> {
        let store = self.k.store();
        let own = by.is_some_and(|c| c.account.key == member.key);
        match action {
            MemberAction::Approve => {
                if member.state != AccountState::AwaitingApproval {
                    return Err(Error::Conflict("not_awaiting_approval"));
                }
                let mail = member.mail(Message::AccountApproved { link: self.k.link("/login") }, self.k.now());
                store.set_state(member.key, AccountState::Active, &[mail]).await?
            }
            MemberAction::Suspend if own => return Err(Error::Conflict("cannot_act_on_self")),
            MemberAction::Suspend => store.set_state(member.key, AccountState::Suspended, &[]).await?,
            MemberAction::Reinstate => {
                if member.state != AccountState::Suspended {
                    return Err(Error::Conflict("not_suspended"));
                }
                store.set_state(member.key, AccountState::Active, &[]).await?
            }
            MemberAction::MakeAdmin => store.set_role(member.key, Role::Admin).await?,
            MemberAction::RevokeAdmin => match store.set_role(member.key, Role::Member).await {
                Err(crate::StoreError::Conflict(c)) if c == "last_admin" => return Err(Error::Conflict("last_admin")),
                other => other?,
            },
            MemberAction::Delete if own => return Err(Error::Conflict("cannot_act_on_self")),
            MemberAction::Delete => store.erase_member(member.key).await?,
            // An admin's own present session stays.
            MemberAction::EndSessions => store.end_sign_ins(Some(member.key), by.and_then(Current::session)).await?,
            MemberAction::Invite => unreachable!("invitations are sent by the accounts"),
        };
        let admin = by.map_or_else(|| "console".to_owned(), |c| c.account.id.to_string());
        tracing::info!(%admin, member = %member.id, ?action, "admin action");
        self.k.written().await?;
        Ok(())
    }

    /// Ends every member's sessions and access tokens but the admin's own present session
    /// (after a breach, or before a change everyone must log in again for).
    pub async fn end_every_session(&self, current: &Current) -> Result<()> {
        current.require_admin()?;
        self.k.store().end_sign_ins(None, current.session()).await?;
        tracing::warn!(admin = %current.account.id, "every session ended");
        self.k.written().await?;
        Ok(())
    }

    /// Jobs that failed too often, newest first.
    pub async fn parked_jobs(&self, current: &Current) -> Result<Vec<Job>> {
        current.require_admin()?;
        Ok(self.k.store().parked_jobs(100).await?)
    }

    /// Puts a parked job back in the queue.
    pub async fn retry_job(&self, current: &Current, id: JobId) -> Result<()> {
        current.require_admin()?;
        self.k.store().retry_parked_job(id, self.k.now()).await?;
        self.k.jobs_enqueued();
        Ok(())
    }
}
