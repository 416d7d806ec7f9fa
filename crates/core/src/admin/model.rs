use crate::site::{SignupMode, TwoFactorRule};

/// What the operator sets on the admin page.
pub struct SiteChange<'a> {
    pub name: &'a str,
    pub signup_mode: SignupMode,
    pub two_factor_required: TwoFactorRule,
    pub lang: crate::i18n::Lang,
    pub public_search: bool,
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
