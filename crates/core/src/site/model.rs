use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignupMode {
    /// Anyone may sign up.
    Open,
    /// Anyone may sign up; an admin approves each new member.
    Approval,
    /// Only invited people may join.
    InviteOnly,
}

impl SignupMode {
    pub const ALL: [SignupMode; 3] = [Self::Open, Self::Approval, Self::InviteOnly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Approval => "approval",
            Self::InviteOnly => "invite_only",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Who must log in with a second factor. Members it covers who have none are sent to
/// set one up before anything else (and the API answers `two_factor_required`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TwoFactorRule {
    /// Every member chooses.
    #[default]
    Optional,
    Admins,
    Everyone,
}

impl TwoFactorRule {
    pub const ALL: [TwoFactorRule; 3] = [Self::Optional, Self::Admins, Self::Everyone];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Optional => "optional",
            Self::Admins => "admins",
            Self::Everyone => "everyone",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SiteSettings {
    pub name: String,
    pub signup_mode: SignupMode,
    /// Who must log in with a second factor.
    pub two_factor_required: TwoFactorRule,
    /// The language of visitors whose browser asks for none of ours, and of invitations
    /// unless the inviter chooses another.
    pub lang: crate::i18n::Lang,
    /// Which legal pages the operator has written.
    pub legal: LegalPages,
    /// Set only in data directories made by `kontor demo`: enables demo log-ins and the
    /// banner on every page.
    pub demo: bool,
    /// Whether visitors who are not logged in may search for people (only those who
    /// made their profile public are found, through public fields).
    pub public_search: bool,
}

/// The pages German law asks of an operator (an Impressum, § 5 DDG; a privacy notice,
/// Art. 13 GDPR) and the terms members accept when they sign up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalKind {
    Imprint,
    Privacy,
    Terms,
}

impl LegalKind {
    pub const ALL: [LegalKind; 3] = [Self::Imprint, Self::Privacy, Self::Terms];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Imprint => "imprint",
            Self::Privacy => "privacy",
            Self::Terms => "terms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The pages German law requires of such a site (§ 5 DDG, Art. 13 GDPR); the terms
    /// are the operator's choice.
    pub const REQUIRED: [LegalKind; 2] = [Self::Imprint, Self::Privacy];

    /// Where the page is read.
    pub fn path(self) -> String {
        format!("/legal/{}", self.as_str())
    }
}

/// Which legal pages exist (in any language), in the site settings every page has at
/// hand: the footer links them, sign-up asks to accept the terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LegalPages {
    pub imprint: bool,
    pub privacy: bool,
    pub terms: bool,
}

impl LegalPages {
    pub fn from_kinds(kinds: impl IntoIterator<Item = LegalKind>) -> Self {
        let mut pages = Self::default();
        for kind in kinds {
            *pages.flag(kind) = true;
        }
        pages
    }

    fn flag(&mut self, kind: LegalKind) -> &mut bool {
        match kind {
            LegalKind::Imprint => &mut self.imprint,
            LegalKind::Privacy => &mut self.privacy,
            LegalKind::Terms => &mut self.terms,
        }
    }

    pub fn has(&self, kind: LegalKind) -> bool {
        match kind {
            LegalKind::Imprint => self.imprint,
            LegalKind::Privacy => self.privacy,
            LegalKind::Terms => self.terms,
        }
    }

    /// The pages that exist, in the footer's order.
    pub fn kinds(&self) -> Vec<LegalKind> {
        LegalKind::ALL.into_iter().filter(|k| self.has(*k)).collect()
    }
}
