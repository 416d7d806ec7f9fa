//! Personal access tokens: for scripts and apps using the API on a member's behalf.
//! Shown once at creation, stored hashed, revocable, ended by a password change.

use super::service::Accounts;
use super::{ACCESS_TOKEN_PREFIX, AccessToken, AccountState, Current, Scope, Via};
use crate::error::{Error, Result};
use crate::secrets::RawToken;

/// A member may hold this many tokens at once.
const MAX_TOKENS: usize = 50;

impl Accounts<'_> {
    /// Creates a token named `name` that may do what `scopes` cover (at least one); the
    /// secret is returned this once. No token can ever manage credentials.
    pub async fn create_access_token(
        &self,
        current: &Current,
        name: &str,
        scopes: &[Scope],
    ) -> Result<(AccessToken, RawToken)> {
        current.require_recent_authentication(self.k.now())?;
        let mut scopes = scopes.to_vec();
        scopes.sort_unstable();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(Error::invalid("scopes", "required"));
        }
        let name = crate::text::short_text("token_name", name, 80).map_err(|e| Error::Invalid(vec![e]))?;
        if name.is_empty() {
            return Err(Error::invalid("token_name", "required"));
        }
        let store = self.k.store();
        if store.access_tokens(current.account.key).await?.len() >= MAX_TOKENS {
            return Err(Error::invalid("token_name", "too_many"));
        }
        let secret = RawToken::from_client(&format!("{ACCESS_TOKEN_PREFIX}{}", RawToken::generate().expose()));
        let token =
            AccessToken { id: uuid::Uuid::now_v7(), name, scopes, created_at: self.k.now(), last_used_at: None };
        store.create_access_token(current.account.key, &token, &secret.hash()).await?;
        Ok((token, secret))
    }

    pub async fn access_tokens(&self, current: &Current) -> Result<Vec<AccessToken>> {
        current.require_session()?;
        Ok(self.k.store().access_tokens(current.account.key).await?)
    }

    /// Revokes a token; a session may do so at any time (it is how a leaked one ends).
    pub async fn revoke_access_token(&self, current: &Current, id: uuid::Uuid) -> Result<()> {
        current.require_session()?;
        Ok(self.k.store().delete_access_token(current.account.key, id).await?)
    }

    /// The member behind an API bearer token: an access token, or a session token from
    /// the API's log-in.
    pub async fn authenticate_bearer(&self, token: &RawToken) -> Result<Option<Current>> {
        if !token.expose().starts_with(ACCESS_TOKEN_PREFIX) {
            return self.authenticate(token).await;
        }
        let account = self.k.store().account_by_access_token(&token.hash(), self.k.now()).await?;
        let rule = self.k.site_settings().await?.two_factor_required;
        Ok(account.filter(|(a, _)| a.state == AccountState::Active && a.deletion_requested_at.is_none()).map(
            |(account, scopes)| Current {
                owes_two_factor: account.owes_two_factor(rule),
                account,
                via: Via::Token { scopes },
            },
        ))
    }
}
