//! Site administration: the operator's settings and the management of members.

mod model;
mod repo;
mod service;

pub use model::*;
pub use repo::{AdminRepo, SiteRepo};
pub use service::{Admin, PAGE_SIZE, Page};
