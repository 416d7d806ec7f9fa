//! Site administration: the operator's settings (site name, sign-up mode).

use crate::StoreError;
use crate::changelog::LogPosition;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Approval => "approval",
            Self::InviteOnly => "invite_only",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Approval, Self::InviteOnly]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SiteSettings {
    pub name: String,
    pub signup_mode: SignupMode,
    /// Set only in data directories made by `kontor demo`: enables demo log-ins and the
    /// banner on every page.
    pub demo: bool,
}

#[async_trait]
pub trait SiteRepo: Send + Sync {
    /// The settings; defaults (name "Kontor", open sign-up) until the operator sets them.
    async fn site_settings(&self) -> Result<SiteSettings, StoreError>;

    async fn update_site_settings(
        &self,
        settings: &SiteSettings,
    ) -> Result<LogPosition, StoreError>;
}
