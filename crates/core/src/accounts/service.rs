//! The account use-cases.

use super::AccountsNeeds;
use super::links::{self, Recipient};
use super::repo::StoredToken;
use super::*;
use crate::StoreError;
use crate::error::{Error, FieldError, Problems, Result};
use crate::i18n::Lang;
use crate::ids::MemberKey;
use crate::mail::Message;
use crate::ratelimit::Limit;
use crate::secrets::{RawToken, TokenHash};
use crate::site::SignupMode;
use time::Duration;

pub struct Accounts<'a> {
    pub(super) k: &'a dyn AccountsNeeds,
}

pub struct SignUp<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub lang: Lang,
    /// Whether the person ticked "I accept the terms of use" (asked once the site has
    /// terms).
    pub accept_terms: bool,
}

pub struct LogIn<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client_ip: &'a str,
    /// The device cookie, if the browser has one.
    pub device: Option<&'a RawToken>,
    pub user_agent: &'a str,
}

/// What a correct password leads to.
pub enum LogInOutcome {
    /// Logged in.
    Done(LoggedIn),
    /// The account has two-factor log-in: the second step needs this challenge (kept in a
    /// cookie or sent back by the app) and a code.
    SecondFactor { challenge: RawToken },
}

pub struct LoggedIn {
    pub account: Account,
    pub session: RawToken,
    /// The device cookie to (re)set: this browser has now logged in to this account.
    pub device: RawToken,
}

/// How long a log-in lasts (not extended by use).
pub const SESSION_TTL: Duration = Duration::days(30);

/// What a change of credentials ended: the member's other sessions and their access
/// tokens, so the settings page can say which.
#[derive(Clone, Debug, Default)]
pub struct Ended {
    pub sessions: Vec<Session>,
    pub tokens: Vec<AccessToken>,
}

/// What a verification link asks of the person who opened it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verification {
    /// The browser that signed up: one click, the password typed then holds.
    Confirm,
    /// Any other browser: the holder of the mail chooses the password.
    ChoosePassword,
}

fn keeps_password(token: &StoredToken, browser: Option<&RawToken>) -> bool {
    token.value.is_some() && token.binding.is_some() && token.binding == browser.map(RawToken::hash)
}

impl<'a> Accounts<'a> {
    pub(crate) fn new(k: &'a dyn AccountsNeeds) -> Self {
        Self { k }
    }

    /// Signs up a new member and mails the verification link. The reply is the same
    /// whether or not the e-mail already has an account; its owner gets a mail instead.
    ///
    /// Returns the browser's sign-up secret (a cookie, or kept by an app): the password
    /// typed here counts only when the link is opened with it. Anyone else who opens the
    /// link chooses the password then, so a sign-up with someone else's address never
    /// gives its author that account.
    pub async fn sign_up(&self, form: SignUp<'_>, client_ip: &str) -> Result<RawToken> {
        let settings = self.k.site_settings().await?;
        if settings.signup_mode == SignupMode::InviteOnly {
            return Err(Error::SignupClosed);
        }
        let context = PasswordContext::new(&settings.name, form.name, form.email);
        let mut problems = Problems::default();
        let name = problems.check(DisplayName::parse(form.name));
        let email = problems.check(Email::parse(form.email));
        let password = problems.check(Password::parse("password", form.password, &context));
        if settings.legal.terms && !form.accept_terms {
            problems.push(crate::FieldError::new("accept_terms", "terms_not_accepted"));
        }
        problems.into_result()?;
        let (Some(name), Some(email), Some(password)) = (name, email, password) else {
            unreachable!("problems would have been reported")
        };
        self.k.limit(Limit::SignupsPerIp, client_ip).attempt().await?;
        // Hashed in every case, so the reply takes as long for a known address.
        let password_hash = self.k.passwords().hash(password.expose()).map_err(Error::Internal)?;
        let browser = RawToken::generate();
        let binding = browser.hash();

        if let Some(existing) = self.k.store().credentials_by_email(&email).await? {
            self.remind_existing(&existing.account, &password_hash, &binding).await?;
            return Ok(browser);
        }
        let now = self.k.now();
        let new = NewAccount {
            id: crate::ids::MemberId::new(),
            email,
            name,
            // Only for the log-in page's "confirm your address first"; confirming the
            // address sets the password anew.
            password_hash: Some(password_hash.clone()),
            lang: form.lang,
            state: AccountState::Unverified,
            role: Role::Member,
            created_at: now,
            terms_accepted_at: settings.legal.terms.then_some(now),
        };
        let recipient = Recipient { to: &new.email, name: &new.name, lang: new.lang, member: None };
        let link = self.make_link(links::VERIFY, recipient);
        let token = link.token(Some(&password_hash), Some(&binding), now);
        match self.k.store().create_account(&new, Some(token), std::slice::from_ref(&link.mail)).await {
            Ok(_) => self.k.written().await?,
            // Someone signed up with the same address a moment ago: same reply.
            Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(browser)
    }

    /// A sign-up with an address that has an account. The account is left as it is (its
    /// password, its pending links) and the address is told what happened: an
    /// unverified one gets a further link, which keeps this sign-up's password only in
    /// this sign-up's browser; an invited one its invitation again; any other a note
    /// that points to the password reset.
    async fn remind_existing(&self, account: &Account, password_hash: &str, binding: &TokenHash) -> Result<()> {
        match account.state {
            AccountState::Unverified => {
                let to = Recipient::of(account);
                self.send_link(account, links::SIGNUP_AGAIN, to, Some(password_hash), Some(binding)).await
            }
            AccountState::Invited => self.send_invitation(account).await,
            _ => {
                let mail = account.mail(Message::AlreadyRegistered { link: self.k.link("/reset") }, self.k.now());
                self.k.store().enqueue_jobs(&[mail]).await?;
                self.k.jobs_enqueued();
                Ok(())
            }
        }
    }

    /// What opening a verification link asks for: nothing more in the browser that signed
    /// up, the password anywhere else.
    pub async fn verification(&self, token: &RawToken, browser: Option<&RawToken>) -> Result<Verification> {
        let found = self.verification_token(token).await?;
        Ok(if keeps_password(&found, browser) { Verification::Confirm } else { Verification::ChoosePassword })
    }

    /// Opens a verification link, with the password chosen now (required unless the
    /// browser is the one that signed up). Under approval sign-up the account then waits
    /// for an admin; otherwise it is active.
    pub async fn verify_email(
        &self,
        token: &RawToken,
        browser: Option<&RawToken>,
        password: Option<&str>,
    ) -> Result<Account> {
        let found = self.verification_token(token).await?;
        let password_hash = match password.filter(|p| !p.is_empty()) {
            Some(chosen) => self.hash_new_password(found.member, "password", chosen).await?,
            None if keeps_password(&found, browser) => found.value.unwrap_or_default(),
            None => return Err(Error::invalid("password", "required")),
        };
        let mode = self.k.site_settings().await?.signup_mode;
        let next = match mode {
            SignupMode::Approval => AccountState::AwaitingApproval,
            SignupMode::Open | SignupMode::InviteOnly => AccountState::Active,
        };
        let (account, _) = self
            .k
            .store()
            .verify_email(&token.hash(), &password_hash, next, self.k.now(), &[])
            .await?
            .ok_or(Error::InvalidToken)?;
        self.k.written().await?;
        Ok(account)
    }

    /// Checks and hashes a password chosen through a link, before the link is used up.
    pub(super) async fn hash_new_password(&self, member: MemberKey, field: &'static str, raw: &str) -> Result<String> {
        let account = self.k.store().account_by_key(member).await?.ok_or(Error::InvalidToken)?;
        let context = self.password_context(&account).await?;
        let password = Password::parse(field, raw, &context).map_err(|e| Error::Invalid(vec![e]))?;
        self.k.passwords().hash(password.expose()).map_err(Error::Internal)
    }

    /// The words a new password of `account` must not be made of.
    async fn password_context(&self, account: &Account) -> Result<PasswordContext> {
        let site = self.k.site_settings().await?.name;
        Ok(PasswordContext::new(&site, account.name.as_str(), account.email.as_str()))
    }

    async fn verification_token(&self, token: &RawToken) -> Result<StoredToken> {
        let store = self.k.store();
        store.token(&token.hash(), TokenPurpose::VerifyEmail, self.k.now()).await?.ok_or(Error::InvalidToken)
    }

    /// Checks e-mail and password, then starts a session, or asks for the second factor.
    ///
    /// Only failures count, per IP address and per account, and a right password forgets
    /// the account's. A device that has logged in to the account before is not held up
    /// by others' failures: its own count instead.
    pub async fn log_in(&self, form: LogIn<'_>) -> Result<LogInOutcome> {
        let store = self.k.store();
        let email = Email::parse(form.email).ok();
        let credentials = match &email {
            Some(email) => store.credentials_by_email(email).await?,
            None => None,
        };
        let known_device = match (&credentials, form.device) {
            (Some(c), Some(device)) => store.is_known_device(c.account.key, &device.hash()).await?,
            _ => false,
        };
        let per_ip = self.k.limit(Limit::LoginFailuresPerIp, form.client_ip);
        let per_account = match (known_device, form.device) {
            (true, Some(device)) => {
                self.k.limit(Limit::LoginFailuresPerAccount, &format!("device-{}", device.hash().0))
            }
            _ => self.k.limit(Limit::LoginFailuresPerAccount, email.as_ref().map_or(form.email, Email::as_str)),
        };
        if !known_device {
            per_ip.refuse_if_used_up().await?;
        }
        per_account.refuse_if_used_up().await?;
        let stored_hash = credentials.as_ref().and_then(|c| c.password_hash.as_deref());
        if !self.k.passwords().verify(form.password, stored_hash) {
            per_ip.failed().await?;
            per_account.failed().await?;
            return Err(Error::InvalidCredentials);
        }
        let Some(Credentials { account, totp_secret, .. }) = credentials else {
            return Err(Error::InvalidCredentials);
        };
        per_account.succeeded().await?;
        match account.state {
            AccountState::Active => {}
            AccountState::Unverified => return Err(Error::EmailNotVerified),
            AccountState::AwaitingApproval => return Err(Error::AwaitingApproval),
            AccountState::Suspended => return Err(Error::Suspended),
            AccountState::Invited => return Err(Error::InvalidCredentials),
        }
        if totp_secret.is_some() {
            let challenge = self.second_factor_challenge(&account).await?;
            return Ok(LogInOutcome::SecondFactor { challenge });
        }
        let done = self.start_session(account, form.device.filter(|_| known_device), form.user_agent).await?;
        Ok(LogInOutcome::Done(done))
    }

    /// Checks the password of a member who is logged in, before a change that needs it.
    /// Wrong guesses count against the same limit as at log-in: a stolen session must not
    /// turn into a way to guess the password.
    pub(super) async fn check_password(
        &self,
        current: &Current,
        password: &str,
        field: &'static str,
    ) -> Result<Credentials> {
        let per_account = self.k.limit(Limit::LoginFailuresPerAccount, current.account.email.as_str());
        per_account.refuse_if_used_up().await?;
        let credentials = self.k.store().credentials_by_key(current.account.key).await?.ok_or(Error::NotFound)?;
        if !self.k.passwords().verify(password, credentials.password_hash.as_deref()) {
            per_account.failed().await?;
            return Err(Error::invalid(field, "password_wrong"));
        }
        per_account.succeeded().await?;
        Ok(credentials)
    }

    /// Starts a session for a member whose log-in has been checked; `device` is the
    /// browser's device cookie if it has logged in to this account before.
    pub(super) async fn start_session(
        &self,
        account: Account,
        device: Option<&RawToken>,
        user_agent: &str,
    ) -> Result<LoggedIn> {
        let store = self.k.store();
        let now = self.k.now();
        let session = RawToken::generate();
        let device = device.cloned().unwrap_or_else(RawToken::generate);
        let new = NewSession {
            id: uuid::Uuid::now_v7(),
            member: account.key,
            token: session.hash(),
            created_at: now,
            expires_at: now + SESSION_TTL,
            user_agent: user_agent.chars().take(200).collect(),
        };
        store.create_session(&new, Some(&device.hash())).await?;
        // Logging in reopens an account whose deletion was asked for.
        self.k.written().await?;
        Ok(LoggedIn { account, session, device })
    }

    /// The member a session token belongs to, if the session holds and the account is
    /// active.
    pub async fn authenticate(&self, session: &RawToken) -> Result<Option<Current>> {
        let found = self.k.session(&session.hash()).await?;
        let rule = self.k.site_settings().await?.two_factor_required;
        Ok(found.filter(|(_, a)| a.state == AccountState::Active).map(|(s, account)| Current {
            owes_two_factor: account.owes_two_factor(rule),
            account,
            via: Via::Session { id: s.id, authenticated_at: s.authenticated_at },
        }))
    }

    pub async fn log_out(&self, current: &Current) -> Result<()> {
        if let Some(id) = current.session() {
            self.k.store().delete_session(current.account.key, id).await?;
            self.k.written().await?;
        }
        Ok(())
    }

    /// Ends every session of the member, this one included. Like ending one, only soon
    /// after the member proved who they are: a stolen session cannot lock its owner out.
    pub async fn log_out_everywhere(&self, current: &Current) -> Result<()> {
        current.require_recent_authentication(self.k.now())?;
        self.k.store().delete_sessions_of(current.account.key, None).await?;
        self.k.written().await?;
        Ok(())
    }

    pub async fn sessions(&self, current: &Current) -> Result<Vec<Session>> {
        current.require_session()?;
        Ok(self.k.store().sessions_of(current.account.key, self.k.now()).await?)
    }

    /// Ends one of the member's sessions; another member's answers as a missing one.
    pub async fn end_session(&self, current: &Current, id: uuid::Uuid) -> Result<()> {
        current.require_recent_authentication(self.k.now())?;
        if !self.k.store().delete_session(current.account.key, id).await? {
            return Err(Error::NotFound);
        }
        self.k.written().await?;
        Ok(())
    }

    /// Mails a reset link if the address has an account; the reply is the same if not.
    /// Requests are limited per address and per IP address, so neither one inbox nor
    /// many can be flooded.
    pub async fn request_password_reset(&self, email: &str, client_ip: &str) -> Result<()> {
        self.k.limit(Limit::ResetsPerIp, client_ip).attempt().await?;
        let Ok(email) = Email::parse(email) else {
            return Ok(());
        };
        let store = self.k.store();
        self.k.limit(Limit::ResetsPerAddress, email.as_str()).attempt().await?;
        let Some(Credentials { account, .. }) = store.credentials_by_email(&email).await? else {
            return Ok(());
        };
        if matches!(account.state, AccountState::Suspended | AccountState::Invited) {
            return Ok(());
        }
        self.send_link(&account, links::RESET, Recipient::of(&account), None, None).await
    }

    /// Sets a new password with a reset link; ends every session and token.
    pub async fn reset_password(&self, token: &RawToken, new_password: &str) -> Result<Account> {
        let store = self.k.store();
        let found = store.token(&token.hash(), TokenPurpose::ResetPassword, self.k.now()).await?;
        let hash = self.hash_new_password(found.ok_or(Error::InvalidToken)?.member, "password", new_password).await?;
        let account =
            self.k.store().reset_password(&token.hash(), &hash, self.k.now()).await?.ok_or(Error::InvalidToken)?;
        self.k.written().await?;
        Ok(account)
    }

    /// Changes the password after checking the current one; ends every other session
    /// and every access token, and says which.
    pub async fn change_password(&self, current: &Current, old: &str, new: &str) -> Result<Ended> {
        let session = current.require_recent_authentication(self.k.now())?;
        let store = self.k.store();
        let context = self.password_context(&current.account).await?;
        let password = Password::parse("new_password", new, &context).map_err(|e| Error::Invalid(vec![e]))?;
        self.check_password(current, old, "current_password").await?;
        let hash = self.k.passwords().hash(password.expose()).map_err(Error::Internal)?;
        let ended = self.others(current).await?;
        store.change_password(current.account.key, &hash, Some(session)).await?;
        self.k.written().await?;
        Ok(ended)
    }

    /// The member's sessions but this one, and their access tokens: what a change of
    /// credentials is about to end.
    pub(super) async fn others(&self, current: &Current) -> Result<Ended> {
        let store = self.k.store();
        let mut sessions = store.sessions_of(current.account.key, self.k.now()).await?;
        sessions.retain(|s| Some(s.id) != current.session());
        Ok(Ended { sessions, tokens: store.access_tokens(current.account.key).await? })
    }

    /// The member proves who they are again (their password, and a code with two-factor
    /// log-in on): for [`REAUTHENTICATION_WINDOW`], this session may change credentials.
    /// The session gets a new token, returned here; the old one ends.
    pub async fn reauthenticate(&self, current: &Current, password: &str, code: &str) -> Result<RawToken> {
        let session = current.require_session()?;
        let credentials = self.check_password(current, password, "password").await?;
        if credentials.totp_secret.is_some() {
            if code.trim().is_empty() {
                return Err(Error::invalid("code", "required"));
            }
            self.check_code(&credentials, code).await?;
        }
        let token = RawToken::generate();
        self.k.store().reauthenticated(current.account.key, session, &token.hash(), self.k.now()).await?;
        self.k.written().await?;
        Ok(token)
    }

    pub async fn set_language(&self, current: &Current, lang: Lang) -> Result<()> {
        self.k.store().set_language(current.account.key, lang).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Starts a change of e-mail address: after checking the password, a link goes to the
    /// new address; the address changes when that link is used.
    pub async fn request_email_change(&self, current: &Current, new_email: &str, password: &str) -> Result<()> {
        current.require_recent_authentication(self.k.now())?;
        let email = Email::parse(new_email).map_err(|e| Error::Invalid(vec![FieldError::new("new_email", e.code)]))?;
        self.check_password(current, password, "password").await?;
        if email == current.account.email {
            return Err(Error::invalid("new_email", "email_unchanged"));
        }
        let a = &current.account;
        let to = Recipient { to: &email, ..Recipient::of(a) };
        self.send_link(a, links::CHANGE_EMAIL, to, Some(email.as_str()), None).await?;
        Ok(())
    }

    /// Uses an e-mail change link; the old address is told of the change.
    pub async fn confirm_email_change(&self, token: &RawToken) -> Result<Account> {
        let store = self.k.store();
        let before = match store.token(&token.hash(), TokenPurpose::ChangeEmail, self.k.now()).await? {
            Some(found) => store.account_by_key(found.member).await?.ok_or(Error::InvalidToken)?,
            None => return Err(Error::InvalidToken),
        };
        let notice = before.mail(Message::EmailChanged { link: self.k.link("/reset") }, self.k.now());
        let (account, _) = match store.change_email(&token.hash(), self.k.now(), &[notice]).await {
            Ok(Some(done)) => done,
            Ok(None) => return Err(Error::InvalidToken),
            Err(StoreError::Conflict(_)) => return Err(Error::Conflict("email_taken")),
            Err(e) => return Err(e.into()),
        };
        self.k.written().await?;
        Ok(account)
    }

    /// Deletes the member's account after a grace period: every session ends now, and
    /// logging in again within the grace period reopens the account.
    pub async fn request_deletion(&self, current: &Current, password: &str) -> Result<()> {
        current.require_recent_authentication(self.k.now())?;
        self.check_password(current, password, "password").await?;
        let store = self.k.store();
        let a = &current.account;
        let mail = a.mail(Message::DeletionScheduled { link: self.k.link("/login") }, self.k.now());
        store.request_deletion(a.key, self.k.now(), &[mail]).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Creates an active admin account (the operator's `kontor admin create-admin`).
    pub async fn create_admin(&self, name: &str, email: &str, password: &str) -> Result<Account> {
        let context = PasswordContext::new(&self.k.site_settings().await?.name, name, email);
        let mut problems = Problems::default();
        let name = problems.check(DisplayName::parse(name));
        let email = problems.check(Email::parse(email));
        let password = problems.check(Password::parse("password", password, &context));
        problems.into_result()?;
        let (Some(name), Some(email), Some(password)) = (name, email, password) else {
            unreachable!("problems would have been reported")
        };
        let new = NewAccount {
            id: crate::ids::MemberId::new(),
            email,
            name,
            password_hash: Some(self.k.passwords().hash(password.expose()).map_err(Error::Internal)?),
            lang: Lang::default(),
            state: AccountState::Active,
            role: Role::Admin,
            created_at: self.k.now(),
            terms_accepted_at: None,
        };
        match self.k.store().create_account(&new, None, &[]).await {
            Ok((account, _)) => {
                self.k.written().await?;
                Ok(account)
            }
            Err(StoreError::Conflict(_)) => Err(Error::Conflict("email_taken")),
            Err(e) => Err(e.into()),
        }
    }
}
