//! The operator's legal pages: Impressum, privacy notice and terms of use, written in
//! Markdown per language on the admin pages, linked from every page's footer and every
//! e-mail; sign-up asks to accept the terms once there are any.
//!
//! Invariants: the Markdown is stored as written and sanitised each time it is turned
//! into HTML (so a better sanitiser protects old texts too); which pages exist is part
//! of the site settings, and saving one logs a change of the site.

mod model;
mod needs;
mod repo;
mod service;
mod template;

pub use template::{demo_imprint, privacy as privacy_template};

pub use model::*;
pub(crate) use needs::LegalNeeds;
pub use repo::LegalRepo;
pub use service::{Legal, LegalDraft, LegalPage};
