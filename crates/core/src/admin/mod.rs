//! Site administration: the operator's settings and the management of members.

mod model;
mod needs;
mod repo;
mod service;
mod site;

pub use model::*;
pub(crate) use needs::AdminNeeds;
pub use needs::AdminStore;
pub use repo::{AdminRepo, SiteRepo};
pub use service::{Admin, PAGE_SIZE, Page};
pub use site::SiteCache;
