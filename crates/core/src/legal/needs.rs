//! What the legal pages need from the node.

use super::LegalRepo;
use crate::basis::Basis;
use crate::error::Result;
use crate::site::SiteSettings;
use async_trait::async_trait;

#[async_trait]
pub(crate) trait LegalNeeds: Basis {
    fn store(&self) -> &dyn LegalRepo;

    /// The operator's settings (the site's name for the privacy notice, which pages exist).
    async fn site_settings(&self) -> Result<SiteSettings>;

    /// The address members reach the site at, named in the privacy notice.
    fn public_url(&self) -> &str;
}
