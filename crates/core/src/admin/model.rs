use crate::accounts::Account;
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

    /// Whether `account` may not go on without a second factor.
    pub fn owed_by(self, account: &Account) -> bool {
        let covered = match self {
            Self::Optional => false,
            Self::Admins => account.is_admin(),
            Self::Everyone => true,
        };
        covered && !account.two_factor
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
    pub legal: crate::legal::LegalPages,
    /// Set only in data directories made by `kontor demo`: enables demo log-ins and the
    /// banner on every page.
    pub demo: bool,
}

/// What the operator sets on the admin page.
pub struct SiteChange<'a> {
    pub name: &'a str,
    pub signup_mode: SignupMode,
    pub two_factor_required: TwoFactorRule,
    pub lang: crate::i18n::Lang,
}

/// What an admin may do to a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberAction {
    Approve,
    Suspend,
    Reinstate,
    MakeAdmin,
    RevokeAdmin,
    Delete,
    /// Ends the member's sessions and access tokens (a lost phone, a shared computer).
    EndSessions,
    /// Sends an invited member a link to set their password.
    Invite,
}

impl MemberAction {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "approve" => Some(Self::Approve),
            "suspend" => Some(Self::Suspend),
            "reinstate" => Some(Self::Reinstate),
            "make_admin" => Some(Self::MakeAdmin),
            "revoke_admin" => Some(Self::RevokeAdmin),
            "delete" => Some(Self::Delete),
            "end_sessions" => Some(Self::EndSessions),
            "invite" => Some(Self::Invite),
            _ => None,
        }
    }
}
