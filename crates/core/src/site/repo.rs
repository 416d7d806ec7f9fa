use super::SiteSettings;
use crate::StoreError;
use crate::changelog::LogPosition;
use async_trait::async_trait;

#[async_trait]
pub trait SiteRepo: Send + Sync {
    /// The settings; defaults (name "Kontor", open sign-up) until the operator sets them.
    async fn site_settings(&self) -> Result<SiteSettings, StoreError>;

    async fn update_site_settings(&self, settings: &SiteSettings) -> Result<LogPosition, StoreError>;
}
