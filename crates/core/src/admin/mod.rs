//! Site administration: the operator's settings and the management of members.

mod model;
mod needs;
mod repo;
mod service;

pub use crate::site::{SignupMode, SiteCache, SiteRepo, SiteSettings, TwoFactorRule};
pub use model::*;
pub(crate) use needs::AdminNeeds;
pub use needs::AdminStore;
pub use repo::AdminRepo;
pub use service::{Admin, PAGE_SIZE, Page};
