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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SiteSettings {
    pub name: String,
    pub signup_mode: SignupMode,
    /// Set only in data directories made by `kontor demo`: enables demo log-ins and the
    /// banner on every page.
    pub demo: bool,
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
            "invite" => Some(Self::Invite),
            _ => None,
        }
    }
}
