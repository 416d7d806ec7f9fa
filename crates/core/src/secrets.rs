//! Secrets: random tokens (sessions, links in e-mails, API tokens) and password hashes.
//!
//! Tokens are 256 random bits, handed out once in clear and stored only as their SHA-256,
//! so a leaked database holds nothing that logs anyone in. Passwords are Argon2id.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// A token as handed to its holder (cookie, link, API header). Never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct RawToken(String);

impl RawToken {
    pub fn generate() -> Self {
        Self(URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
    }

    /// Wraps a token received from outside; only its hash is ever compared.
    pub fn from_client(s: &str) -> Self {
        Self(s.to_owned())
    }

    /// A token from a link Kontor sent: exactly what [`RawToken::generate`] makes (43
    /// base64url characters), or nothing. Checking the shape first keeps anything else
    /// out of the pages that echo the token into a form's address.
    pub fn from_link(s: &str) -> Option<Self> {
        let ok = s.len() == 43 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> TokenHash {
        TokenHash(hex::encode(Sha256::digest(self.0.as_bytes())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_only_real_tokens() {
        let token = RawToken::generate();
        assert_eq!(RawToken::from_link(token.expose()), Some(token));
        assert_eq!(RawToken::from_link("..%2Fadmin%2Fmembers"), None);
        assert_eq!(RawToken::from_link("../admin/members/0192f0c1a2b37c4d8e9fa0b1c2d3e4f/make_admin"), None);
        assert_eq!(RawToken::from_link(""), None);
    }
}

impl std::fmt::Debug for RawToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RawToken(…)")
    }
}

/// The stored form of a token: hex SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TokenHash(pub String);

impl TokenHash {
    /// The hash as bytes, if it is one (64 hex digits).
    pub fn bytes(&self) -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(&self.0, &mut out).ok()?;
        Some(out)
    }
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The operating system's generator failing leaves no safe way to go on.
    getrandom::fill(&mut buf).unwrap_or_else(|e| panic!("no randomness from the OS: {e}"));
    buf
}

/// Argon2id with the cost chosen by the operator (tests use the cheapest).
#[derive(Clone)]
pub struct PasswordHashing {
    params: Params,
    /// A hash of a random password, verified against for unknown e-mails so that a
    /// log-in attempt takes the same time whether or not the account exists.
    dummy: String,
}

#[derive(Clone, Copy, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct HashCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl HashCost {
    /// OWASP's recommendation for Argon2id (19 MiB, 2 passes).
    pub const STANDARD: HashCost = HashCost { memory_kib: 19_456, iterations: 2 };
    /// For tests only: as cheap as Argon2 allows.
    pub const TESTING: HashCost = HashCost { memory_kib: 8, iterations: 1 };
}

impl PasswordHashing {
    pub fn new(cost: HashCost) -> Result<Self, String> {
        let params =
            Params::new(cost.memory_kib, cost.iterations, 1, None).map_err(|e| format!("invalid Argon2 cost: {e}"))?;
        let mut hashing = Self { params, dummy: String::new() };
        hashing.dummy = hashing.hash(&URL_SAFE_NO_PAD.encode(random_bytes::<16>()))?;
        Ok(hashing)
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    pub fn hash(&self, password: &str) -> Result<String, String> {
        self.argon2()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| format!("hashing failed: {e}"))
    }

    /// Checks `password` against `stored`, or against the dummy hash when there is no
    /// account, so both cases cost the same.
    pub fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let ok = self.argon2().verify_password(password.as_bytes(), stored.unwrap_or(&self.dummy)).is_ok();
        ok && stored.is_some()
    }
}
