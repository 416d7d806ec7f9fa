//! Kontor's domain: the types, rules and use-cases of a professional network.
//!
//! One module per domain, each with the same files: `model.rs` (types with validated
//! constructors), `service.rs` (the use-cases), `repo.rs` (the trait the stores implement).
//! Nothing here speaks SQL or HTTP; the stores and the web crate plug into [`Store`] and
//! [`Kontor`].
#![forbid(unsafe_code)]

pub mod accounts;
pub mod admin;
pub mod basis;
pub mod changelog;
pub mod clock;
pub mod contacts;
pub mod derived;
pub mod directory;
pub mod entities;
pub mod error;
pub mod i18n;
pub mod ids;
pub mod images;
pub mod imports;
pub mod jobs;
mod kontor;
pub mod legal;
pub mod mail;
pub mod maintenance;
mod names;
pub mod network;
pub mod notifications;
pub mod privacy;
pub mod profiles;
pub mod ratelimit;
pub mod search;
pub mod secrets;
pub mod site;
mod store;
pub mod text;
pub mod ticker;

pub use changelog::Wakeups;
pub use error::{Error, FieldError, Problems, Result, StoreError};
pub use i18n::formats;
pub use kontor::{Config, JobRunner, Kontor, Maintenance, Swept};
pub use store::{Store, StoreHandle};
