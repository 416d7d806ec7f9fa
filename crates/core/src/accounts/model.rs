use super::password_policy::PasswordContext;
use crate::error::FieldError;
use crate::i18n::Lang;
use crate::ids::{MemberId, MemberKey};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// An e-mail address, trimmed and lower-cased so that one address is one account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Accepts a plain address (`name@example.org`); refuses display names, quotes,
    /// comments and anything else a mail header could misread.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        let bad = || FieldError::new("email", "email_invalid");
        if email.is_empty() {
            return Err(FieldError::new("email", "required"));
        }
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(bad)?;
        // Only what an address may hold unquoted (RFC 5322 atext), so that a mail library
        // cannot read a different address out of it ("x<evil@example.org>").
        let local_ok = local.split('.').all(|atom| {
            !atom.is_empty() && atom.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c))
        });
        // ASCII only, as plain SMTP carries it (a domain in IDNA's xn-- form).
        let domain_chars_ok = domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !local_ok || !domain_chars_ok {
            return Err(bad());
        }
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(bad());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For values read back from the store, which only holds parsed addresses.
    pub fn from_store(s: String) -> Self {
        Self(s)
    }
}

/// A new password. Long passphrases are welcome; very short ones are refused, and so are
/// those an attacker would try first (see `PasswordContext`).
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    /// Argon2 would hash a megabyte just as well; the limit keeps requests small.
    pub const MAX_CHARS: usize = 256;

    pub fn parse(field: &'static str, raw: &str, context: &PasswordContext) -> Result<Self, FieldError> {
        if raw.is_empty() {
            return Err(FieldError::new(field, "required"));
        }
        if raw.chars().count() < Self::MIN_CHARS {
            return Err(FieldError::new(field, "password_too_short"));
        }
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new(field, "too_long"));
        }
        context.check(field, raw)?;
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A member's name as shown everywhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(FieldError::new("name", "required"));
        }
        if name.chars().count() > Self::MAX_CHARS || raw.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new("name", "too_long"));
        }
        if name.chars().any(|c| c.is_control()) {
            return Err(FieldError::new("name", "invalid_characters"));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn from_store(s: String) -> Self {
        Self(s)
    }

    /// One or two letters for an avatar without a photo.
    pub fn initials(&self) -> Initials<'_> {
        Initials(&self.0)
    }
}

/// The first letters of a name's first two words, capitalised, as written into a page.
#[derive(Clone, Copy, Debug)]
pub struct Initials<'a>(&'a str);

impl Initials<'_> {
    /// How many colours an avatar without a photo is drawn in.
    pub const HUES: u32 = 8;

    /// The avatar's colour, one of [`Self::HUES`], from the name: the same name has the
    /// same colour on every page and node, and a list of people is not one colour.
    pub fn hue(&self) -> u32 {
        // FNV-1a: stable across builds and platforms (std's hasher is not).
        let hash = self.0.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        hash % Self::HUES
    }
}

#[cfg(test)]
mod hue_tests {
    use super::DisplayName;

    #[test]
    fn a_name_keeps_its_colour_and_names_spread_over_all() {
        let name = DisplayName::parse("Anna Schmidt").unwrap();
        assert_eq!(name.initials().hue(), DisplayName::parse("Anna Schmidt").unwrap().initials().hue());
        let names = [
            "Anna Schmidt",
            "Bernd Ott",
            "Clara Weiß",
            "Dora Meier",
            "Emil Roth",
            "Fatma Yıldız",
            "Gero Lang",
            "Hanna Berg",
            "Ingo Falk",
            "Jana Novak",
            "Karl Brandt",
            "Lea Wolf",
            "Mia Kraus",
            "Nils Hahn",
            "Olga Operator",
            "Paul Quast",
            "Rita Sommer",
            "Tom Hart",
            "Una Vogt",
            "Veit Busch",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for name in names {
            let hue = DisplayName::parse(name).unwrap().initials().hue();
            assert!(hue < super::Initials::HUES);
            seen.insert(hue);
        }
        assert!(seen.len() >= 6, "20 names in only {} colours", seen.len());
    }
}

impl std::fmt::Display for Initials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        for c in self.0.split_whitespace().filter_map(|w| w.chars().next()).take(2).flat_map(char::to_uppercase) {
            f.write_char(c)?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// Signed up, e-mail not verified yet; expires if never verified.
    Unverified,
    /// Verified, waiting for an admin (sign-up mode "approval").
    AwaitingApproval,
    Active,
    Suspended,
    /// Imported; can log in once invited and a password is set.
    Invited,
}

impl AccountState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Invited => "invited",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Unverified, Self::AwaitingApproval, Self::Active, Self::Suspended, Self::Invited]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "member" => Some(Self::Member),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Account {
    pub id: MemberId,
    #[serde(skip)]
    pub key: MemberKey,
    pub email: Email,
    pub name: DisplayName,
    pub state: AccountState,
    pub role: Role,
    pub lang: Lang,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Set while a deletion is pending; logging in before the purge reopens the account.
    #[serde(with = "time::serde::rfc3339::option")]
    pub deletion_requested_at: Option<OffsetDateTime>,
    /// Logging in needs a code from an authenticator app too.
    pub two_factor: bool,
}

impl Account {
    /// Whether the member may not go on without a second factor under the site's `rule`.
    pub fn owes_two_factor(&self, rule: crate::site::TwoFactorRule) -> bool {
        use crate::site::TwoFactorRule;
        let covered = match rule {
            TwoFactorRule::Optional => false,
            TwoFactorRule::Admins => self.is_admin(),
            TwoFactorRule::Everyone => true,
        };
        covered && !self.two_factor
    }

    /// Active and not closed for deletion: shown to others.
    pub fn is_open(&self) -> bool {
        self.state == AccountState::Active && self.deletion_requested_at.is_none()
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// An account with its password hash, for the log-in check only.
pub struct Credentials {
    pub account: Account,
    pub password_hash: Option<String>,
    /// The authenticator secret (base32), if two-factor log-in is on.
    pub totp_secret: Option<String>,
}

/// What sign-up writes.
pub struct NewAccount {
    pub id: MemberId,
    pub email: Email,
    pub name: DisplayName,
    /// None for imported members, who set a password when invited.
    pub password_hash: Option<String>,
    pub lang: Lang,
    pub state: AccountState,
    pub role: Role,
    pub created_at: OffsetDateTime,
    /// When the member accepted the site's terms of use, if the site had any.
    pub terms_accepted_at: Option<OffsetDateTime>,
}

/// What a single-use link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
    /// The password was right; the second factor is still to come.
    SecondFactor,
    /// An invitation to join and set a password.
    Invitation,
}

impl TokenPurpose {
    /// Whether a new token of this purpose ends the member's earlier ones. A sign-up
    /// link or an invitation does not: a second sign-up with someone's address must not
    /// kill the link in their inbox (using one such link ends the others).
    pub fn replaces_earlier(self) -> bool {
        !matches!(self, Self::VerifyEmail | Self::Invitation)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
            Self::SecondFactor => "second_factor",
            Self::Invitation => "invitation",
        }
    }
}

/// A signed-in browser or app.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: uuid::Uuid,
    pub member: MemberId,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_seen_at: OffsetDateTime,
    /// When the member last proved who they are in it: at log-in, or when asked again
    /// before changing credentials.
    #[serde(with = "time::serde::rfc3339")]
    pub authenticated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub user_agent: String,
}

pub struct NewSession {
    pub id: uuid::Uuid,
    pub member: MemberKey,
    pub token: crate::secrets::TokenHash,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub user_agent: String,
}

/// The member behind a request, and how the request proved it.
#[derive(Clone, Debug)]
pub struct Current {
    pub account: Account,
    pub via: Via,
    /// The site requires a second factor of this member, who has none yet: nothing but
    /// setting one up (or logging out) is allowed.
    pub owes_two_factor: bool,
}

/// What carried a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// A log-in session: a browser's, or an app's from the API's log-in.
    Session { id: uuid::Uuid, authenticated_at: OffsetDateTime },
    /// A personal access token: what its scopes allow, and never credentials.
    Token { scopes: Vec<Scope> },
}

/// How long after proving who they are a member may change credentials (password,
/// address, two-factor log-in, tokens, deleting the account) without being asked again.
pub const REAUTHENTICATION_WINDOW: time::Duration = time::Duration::minutes(10);

impl Current {
    /// The session that carried the request, if one did.
    pub fn session(&self) -> Option<uuid::Uuid> {
        match self.via {
            Via::Session { id, .. } => Some(id),
            Via::Token { .. } => None,
        }
    }

    /// What only administrators may do: `Forbidden` for anyone else.
    pub fn require_admin(&self) -> crate::Result<()> {
        if self.account.is_admin() { Ok(()) } else { Err(crate::Error::Forbidden) }
    }

    /// Sessions and credentials are managed in a session, never with an access token.
    pub fn require_session(&self) -> crate::Result<uuid::Uuid> {
        self.session().ok_or(crate::Error::SessionRequired)
    }

    /// Credentials change only in a session whose member proved who they are within
    /// [`REAUTHENTICATION_WINDOW`] (their password, and their code with two-factor on).
    pub fn require_recent_authentication(&self, now: OffsetDateTime) -> crate::Result<uuid::Uuid> {
        match self.via {
            Via::Session { id, authenticated_at } if now - authenticated_at <= REAUTHENTICATION_WINDOW => Ok(id),
            Via::Session { .. } => Err(crate::Error::ReauthenticationRequired),
            Via::Token { .. } => Err(crate::Error::SessionRequired),
        }
    }

    /// May the request do what `scope` covers? A session may do everything.
    pub fn may(&self, scope: Scope) -> bool {
        match &self.via {
            Via::Session { .. } => true,
            Via::Token { scopes } => scopes.contains(&scope),
        }
    }
}

/// What an access token may do, chosen when it is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Read what the member may read (GET).
    Read,
    /// Write as the member: posts, contacts, profile, settings, but no credentials.
    Write,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Read, Scope::Write];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == s)
    }

    /// Scopes as stored: space-separated.
    pub fn list_to_text(scopes: &[Scope]) -> String {
        scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
    }

    pub fn list_from_text(text: &str) -> Vec<Scope> {
        let mut scopes: Vec<Scope> = text.split_whitespace().filter_map(Scope::parse).collect();
        scopes.sort_unstable();
        scopes.dedup();
        scopes
    }
}

/// A personal access token as its owner sees it in settings (never its secret).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AccessToken {
    pub id: uuid::Uuid,
    pub name: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

/// Access tokens start with this, so they are told from session tokens at a glance (and
/// by secret scanners).
pub const ACCESS_TOKEN_PREFIX: &str = "kontor_pat_";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses_are_plain() {
        assert_eq!(Email::parse(" Anna.Berg+kontor@Example.ORG ").unwrap().as_str(), "anna.berg+kontor@example.org");
        for bad in [
            "x<evil@example.org>",
            "\"a b\"@example.org",
            "a,b@example.org",
            "a@b",
            "@example.org",
            "a..b@example.org",
            "a@exa mple.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} is refused");
        }
    }

    proptest! {
        /// Whatever is accepted parses back to itself and holds no header syntax.
        #[test]
        fn accepted_addresses_are_stable(raw in "\\PC{0,40}") {
            if let Ok(email) = Email::parse(&raw) {
                prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email.clone());
                prop_assert!(!email.as_str().contains(['<', '>', ',', '"', ' ', '\n', ';', ':']));
            }
        }
    }
}
