//! The site: the operator's settings every page and service reads (its name and
//! language, who may sign up, who needs a second factor, which legal pages exist), held
//! in memory and kept current by the change log. Administration writes them.

mod cache;
mod model;
mod repo;

pub use cache::SiteCache;
pub use model::*;
pub use repo::SiteRepo;

/// The operator's settings, from memory: several domains read them, the node answers
/// them once.
#[async_trait::async_trait]
pub(crate) trait SiteNeeds: Send + Sync {
    async fn site_settings(&self) -> crate::error::Result<SiteSettings>;
}
