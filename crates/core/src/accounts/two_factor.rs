//! Two-factor log-in with an authenticator app (TOTP, RFC 6238) and one-time recovery
//! codes. A code is accepted once (its time step must be newer than the last one used);
//! recovery codes are stored hashed and each works once.

use super::repo::NewToken;
use super::service::{Accounts, LoggedIn};
use super::{Account, Credentials, Current, Ended, TokenPurpose};
use crate::error::{Error, Result};
use crate::ratelimit::Limit;
use crate::secrets::{RawToken, random_bytes};
use time::Duration;
use totp_rs::{Builder, Secret, Totp};

/// How long the second step of a log-in may take.
const CHALLENGE_TTL: Duration = Duration::minutes(10);
const RECOVERY_CODES: usize = 10;

/// What the member needs to set up their authenticator app.
pub struct TwoFactorSetup {
    /// The secret in base32, to type in by hand.
    pub secret: String,
    pub otpauth_url: String,
    /// A QR code of the URL, as a base64 PNG.
    pub qr_png_base64: String,
}

fn authenticator(secret: &str, account: &str, issuer: &str) -> Result<Totp> {
    let secret = Secret::try_from_base32(secret).map_err(|_| Error::invalid("code", "invalid"))?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account.to_owned())
        .with_issuer(Some(issuer.to_owned()))
        .build()
        .map_err(|e| Error::Internal(format!("authenticator: {e:?}")))
}

/// Four groups like `k7r2mx-q4tabn-…`: easy to write down, and 24 characters of 31
/// give 118 random bits, so a plain hash keeps them safe (ASVS 6.5.2 asks for 112).
fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    // Bytes past the last whole multiple of the alphabet are dropped, so every
    // character is equally likely.
    let fair = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut chars = Vec::with_capacity(24);
    while chars.len() < 24 {
        for b in random_bytes::<32>() {
            if b < fair && chars.len() < 24 {
                chars.push(ALPHABET[b as usize % ALPHABET.len()]);
            }
        }
    }
    let groups: Vec<&str> = chars.chunks(6).map(|g| std::str::from_utf8(g).unwrap_or_default()).collect();
    groups.join("-")
}

fn normalise_recovery_code(code: &str) -> String {
    code.trim().to_lowercase()
}

impl Accounts<'_> {
    fn unix_now(&self) -> u64 {
        self.k.now().unix_timestamp().max(0) as u64
    }

    /// Stores a challenge for the second step of a log-in.
    pub(super) async fn second_factor_challenge(&self, account: &Account) -> Result<RawToken> {
        let challenge = RawToken::generate();
        let hash = challenge.hash();
        let token = NewToken {
            hash: &hash,
            purpose: TokenPurpose::SecondFactor,
            expires_at: self.k.now() + CHALLENGE_TTL,
            value: None,
            binding: None,
        };
        self.k.store().create_token(account.key, token, &[]).await?;
        Ok(challenge)
    }

    /// A fresh secret for the member's authenticator app; nothing is stored until a code
    /// from the app confirms it.
    pub async fn begin_two_factor(&self, current: &Current) -> Result<TwoFactorSetup> {
        current.require_session()?;
        if current.account.two_factor {
            return Err(Error::Conflict("two_factor_already_on"));
        }
        let secret = Secret::new_stack(random_bytes::<20>()).to_base32();
        self.setup_for(current, &secret).await
    }

    /// The set-up page for a secret already chosen (shown again after a wrong code).
    pub async fn setup_for(&self, current: &Current, secret: &str) -> Result<TwoFactorSetup> {
        let site = self.k.site_settings().await?;
        let totp = authenticator(secret, current.account.email.as_str(), &site.name)?;
        Ok(TwoFactorSetup {
            secret: secret.to_owned(),
            otpauth_url: totp.to_url().map_err(|e| Error::Internal(format!("{e:?}")))?,
            qr_png_base64: totp.to_qr_base64().map_err(|e| Error::Internal(format!("{e:?}")))?,
        })
    }

    /// Turns two-factor log-in on once the password is confirmed and `code` shows the app
    /// has the secret; returns the recovery codes, which are shown this once, and what
    /// ended: every other session and every access token. (Without the password check,
    /// a stolen session could lock the owner out.)
    pub async fn enable_two_factor(
        &self,
        current: &Current,
        password: &str,
        secret: &str,
        code: &str,
    ) -> Result<(Vec<String>, Ended)> {
        let session = current.require_recent_authentication(self.k.now())?;
        if current.account.two_factor {
            return Err(Error::Conflict("two_factor_already_on"));
        }
        self.check_password(current, password, "password").await?;
        let totp = authenticator(secret, current.account.email.as_str(), "Kontor")?;
        let step = totp.check(code.trim(), self.unix_now()).ok_or(Error::invalid("code", "code_wrong"))?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        let hashes: Vec<_> = codes.iter().map(|c| RawToken::from_client(c).hash()).collect();
        let ended = self.others(current).await?;
        self.k.store().set_two_factor(current.account.key, Some((secret, step as i64)), &hashes, Some(session)).await?;
        self.k.written().await?;
        Ok((codes, ended))
    }

    /// Turns two-factor log-in off, after checking the password and a current code or
    /// a recovery code: a password alone must not undo the second factor.
    pub async fn disable_two_factor(&self, current: &Current, password: &str, code: &str) -> Result<()> {
        current.require_recent_authentication(self.k.now())?;
        let credentials = self.check_password(current, password, "password").await?;
        self.check_code(&credentials, code).await?;
        self.k.store().set_two_factor(current.account.key, None, &[], None).await?;
        self.k.written().await?;
        Ok(())
    }

    /// The second step of a log-in: a code from the app, or a recovery code.
    pub async fn complete_second_factor(
        &self,
        challenge: &RawToken,
        code: &str,
        device: Option<&RawToken>,
        user_agent: &str,
    ) -> Result<LoggedIn> {
        let store = self.k.store();
        let now = self.k.now();
        let member =
            store.token(&challenge.hash(), TokenPurpose::SecondFactor, now).await?.ok_or(Error::InvalidToken)?.member;
        let credentials = store.credentials_by_key(member).await?.ok_or(Error::InvalidToken)?;
        if credentials.totp_secret.is_none() {
            return Err(Error::InvalidToken);
        }
        self.check_code(&credentials, code).await?;
        store.delete_token(&challenge.hash()).await?;
        let known = match device {
            Some(d) => store.is_known_device(member, &d.hash()).await?,
            None => false,
        };
        self.start_session(credentials.account, device.filter(|_| known), user_agent).await
    }

    /// Checks a code from the member's authenticator app, or one of their recovery codes
    /// (used up by this). Wrong codes count against the second-factor limit.
    pub(super) async fn check_code(&self, credentials: &Credentials, code: &str) -> Result<()> {
        let store = self.k.store();
        let member = credentials.account.key;
        let Some(secret) = credentials.totp_secret.as_deref() else {
            return Err(Error::invalid("code", "code_wrong"));
        };
        let failures = self.k.limit(Limit::SecondFactorFailures, &member.0.to_string());
        failures.refuse_if_used_up().await?;
        let code = code.trim();
        let accepted = if code.contains('-') {
            let hash = RawToken::from_client(&normalise_recovery_code(code)).hash();
            store.use_recovery_code(member, &hash).await?
        } else {
            let totp = authenticator(secret, credentials.account.email.as_str(), "Kontor")?;
            match totp.check(code, self.unix_now()) {
                Some(step) => store.use_totp_step(member, step as i64).await?,
                None => false,
            }
        };
        if !accepted {
            failures.failed().await?;
            return Err(Error::invalid("code", "code_wrong"));
        }
        failures.succeeded().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_distinct_and_readable() {
        let codes: std::collections::HashSet<String> = (0..100).map(|_| recovery_code()).collect();
        assert_eq!(codes.len(), 100);
        assert!(codes.iter().all(|c| c.len() == 27 && c.split('-').all(|g| g.len() == 6)), "{codes:?}");
        assert_eq!(normalise_recovery_code("  K7R2M-XQ4TA "), "k7r2m-xq4ta");
    }
}
