//! Privacy: who may see what. The one place where visibility is decided: every page, API
//! response, e-mail and export asks here before showing a member's field, post, contact
//! list or birthday; the other modules only find the relation and apply the answer.

pub mod fields;
mod lists;
pub mod policy;

pub use fields::{Field, SHARED_VIEWS, Visibilities, grantable, grants_for, shared_view, shown};
pub use lists::ListVisibility;
pub use policy::{Needs, Relation, Visibility, may_see, needs};
