//! The `kontor` program: configuration, the choice of store, the node that serves, and
//! the operator's commands.
#![forbid(unsafe_code)]

pub mod backup;
pub mod config;
pub mod import;
pub mod mail;
pub mod node;
