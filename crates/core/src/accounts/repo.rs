use super::{AccessToken, Account, Credentials, Email, NewAccount, NewSession, Scope, Session, TokenPurpose};
use crate::StoreError;
use crate::changelog::LogPosition;
use crate::ids::{MemberId, MemberKey};
use crate::jobs::NewJob;
use crate::secrets::TokenHash;
use async_trait::async_trait;
use time::OffsetDateTime;

/// A single-use token to store: its hash, what it is for, until when it holds, and an
/// optional value it carries (the new address of an e-mail change, the password hash of
/// a sign-up).
pub struct NewToken<'a> {
    pub hash: &'a TokenHash,
    pub purpose: TokenPurpose,
    pub expires_at: OffsetDateTime,
    pub value: Option<&'a str>,
    /// The browser that asked for the link (the hash of a secret it holds): a sign-up's
    /// password counts only when the link is opened there.
    pub binding: Option<&'a TokenHash>,
}

/// An unexpired token as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredToken {
    pub member: MemberKey,
    pub value: Option<String>,
    pub binding: Option<TokenHash>,
}

/// Accounts, sessions, single-use tokens and remembered devices.
///
/// Every method that writes does so in one transaction that also appends its change-log
/// entries and enqueues `jobs`, and returns the log position of that transaction.
#[async_trait]
pub trait AccountRepo: Send + Sync {
    /// Marks the member's account for deletion at `at` and ends every session; logging in
    /// again before the purge reopens it.
    async fn request_deletion(
        &self,
        member: MemberKey,
        at: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<LogPosition, StoreError>;

    /// Creates an account with its profile and, if given, a token (sign-up's verification
    /// link). Fails with `Conflict("members_email")` if the e-mail is taken.
    async fn create_account(
        &self,
        account: &NewAccount,
        token: Option<NewToken<'_>>,
        jobs: &[NewJob],
    ) -> Result<(Account, LogPosition), StoreError>;

    async fn account_by_id(&self, id: MemberId) -> Result<Option<Account>, StoreError>;

    async fn account_by_key(&self, key: MemberKey) -> Result<Option<Account>, StoreError>;

    /// The account with this (already normalised) e-mail, with its password hash.
    async fn credentials_by_email(&self, email: &Email) -> Result<Option<Credentials>, StoreError>;

    async fn credentials_by_key(&self, key: MemberKey) -> Result<Option<Credentials>, StoreError>;

    /// Stores a single-use token for `member` and enqueues `jobs` (the mail with its link).
    /// Earlier tokens of the same purpose for the member stop working if the purpose
    /// [replaces earlier ones](TokenPurpose::replaces_earlier).
    async fn create_token(&self, member: MemberKey, token: NewToken<'_>, jobs: &[NewJob]) -> Result<(), StoreError>;

    /// Uses an unexpired verification token and ends the account's other verification
    /// links: an unverified account becomes `next` (active, or awaiting approval) and
    /// takes `password_hash`, the password of whoever holds the link. Returns the
    /// account, or `None` if the token is unknown, used or expired.
    async fn verify_email(
        &self,
        token: &TokenHash,
        password_hash: &str,
        next: super::AccountState,
        now: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<Option<(Account, LogPosition)>, StoreError>;

    /// Uses an unexpired password-reset token: sets the new hash and ends every session and
    /// every other token of the member, access tokens included. `None` if the token is unknown, used or expired.
    async fn reset_password(
        &self,
        token: &TokenHash,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Account>, StoreError>;

    /// Uses an unexpired invitation: an invited account gets its password and becomes
    /// active, and records `terms_accepted_at` if given. `None` if the token is unknown,
    /// used or expired, or the account is not invited (any more).
    async fn accept_invitation(
        &self,
        token: &TokenHash,
        password_hash: &str,
        terms_accepted_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<Option<(Account, LogPosition)>, StoreError>;

    /// Sets a new password hash and ends every session but `keep`, all link tokens and
    /// all access tokens.
    async fn change_password(
        &self,
        member: MemberKey,
        password_hash: &str,
        keep: Option<uuid::Uuid>,
    ) -> Result<(), StoreError>;

    /// Uses an unexpired e-mail-change token: the account's e-mail becomes the token's
    /// value. Fails with `Conflict("members_email")` if that address was taken meanwhile.
    async fn change_email(
        &self,
        token: &TokenHash,
        now: OffsetDateTime,
        jobs: &[NewJob],
    ) -> Result<Option<(Account, LogPosition)>, StoreError>;

    /// An unexpired token of `purpose`, without using it up.
    async fn token(
        &self,
        token: &TokenHash,
        purpose: TokenPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<StoredToken>, StoreError>;

    /// Deletes a token.
    async fn delete_token(&self, token: &TokenHash) -> Result<(), StoreError>;

    /// Sets the member's language (pages and e-mails).
    async fn set_language(&self, member: MemberKey, lang: crate::i18n::Lang) -> Result<LogPosition, StoreError>;

    /// Deletes unverified accounts created before `before` that have no verification
    /// link still valid at `now`; returns how many.
    async fn purge_unverified(&self, before: OffsetDateTime, now: OffsetDateTime) -> Result<u64, StoreError>;
}

/// Sessions, remembered devices, personal access tokens and the second factor: what
/// proves, request by request, who is asking.
#[async_trait]
pub trait SessionRepo: Send + Sync {
    /// Starts a session (and remembers the device, when given, as one that has logged in
    /// to this account). A pending deletion of the account is cancelled.
    async fn create_session(&self, session: &NewSession, device: Option<&TokenHash>)
    -> Result<LogPosition, StoreError>;

    /// The session with this token and its account, if the session has not expired.
    /// Marks it seen at `now` (at most once a minute, to spare writes).
    async fn session_by_token(
        &self,
        token: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<(Session, Account)>, StoreError>;

    /// The member's unexpired sessions, newest first.
    async fn sessions_of(&self, member: MemberKey, now: OffsetDateTime) -> Result<Vec<Session>, StoreError>;

    /// Ends one session of `member`; false if `member` has no such session (another
    /// member's is left alone).
    async fn delete_session(&self, member: MemberKey, id: uuid::Uuid) -> Result<bool, StoreError>;

    /// Ends every session of `member` except `keep`.
    async fn delete_sessions_of(&self, member: MemberKey, keep: Option<uuid::Uuid>) -> Result<(), StoreError>;

    /// An administrator ends the sign-ins, sessions and access tokens, of `member` (of every
    /// member if `None`) but for the session `keep`.
    async fn end_sign_ins(
        &self,
        member: Option<MemberKey>,
        keep: Option<uuid::Uuid>,
    ) -> Result<LogPosition, StoreError>;

    /// Has this device logged in to `member` before?
    async fn is_known_device(&self, member: MemberKey, device: &TokenHash) -> Result<bool, StoreError>;

    /// Turns two-factor log-in on (a secret, the step of the code that confirmed it, and
    /// the hashes of fresh recovery codes, replacing any earlier ones) or off (`None`).
    /// Turning it on ends every session but `keep` and every access token: whoever held
    /// one without the new factor holds nothing now.
    async fn set_two_factor(
        &self,
        member: MemberKey,
        secret: Option<(&str, i64)>,
        recovery_codes: &[TokenHash],
        keep: Option<uuid::Uuid>,
    ) -> Result<(), StoreError>;

    /// Notes that the member of session `id` proved who they are again at `at`, and
    /// gives the session a new token (the old one ends).
    async fn reauthenticated(
        &self,
        member: MemberKey,
        id: uuid::Uuid,
        token: &TokenHash,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Accepts an authenticator code's time step only if it is later than every step
    /// used before (so a code works once); says whether it was accepted.
    async fn use_totp_step(&self, member: MemberKey, step: i64) -> Result<bool, StoreError>;

    /// Uses up a recovery code; says whether it was one of the member's.
    async fn use_recovery_code(&self, member: MemberKey, code: &TokenHash) -> Result<bool, StoreError>;

    /// Stores a new personal access token of `member`.
    async fn create_access_token(
        &self,
        member: MemberKey,
        token: &AccessToken,
        hash: &TokenHash,
    ) -> Result<(), StoreError>;

    /// The member's access tokens, newest first.
    async fn access_tokens(&self, member: MemberKey) -> Result<Vec<AccessToken>, StoreError>;

    /// Revokes one of the member's access tokens (no effect on others' tokens).
    async fn delete_access_token(&self, member: MemberKey, id: uuid::Uuid) -> Result<(), StoreError>;

    /// The account an access token belongs to and the token's scopes; marks the token
    /// used at `now` (at most once a minute).
    async fn account_by_access_token(
        &self,
        hash: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<(Account, Vec<Scope>)>, StoreError>;
}
