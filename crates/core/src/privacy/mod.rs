//! Privacy: who may see what. The one place where visibility is decided; every page, API
//! response, e-mail and export asks [`policy::may_see`] before showing a member's field.

pub mod policy;

pub use policy::{Relation, Visibility, may_see};
