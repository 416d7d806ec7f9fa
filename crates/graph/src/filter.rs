//! Which contacts a viewer may use.

use crate::Vertex;

/// The viewer's window on the graph. A contact u–w counts for the viewer only if
/// `list_visible(u) || list_visible(w)`; vertices in [`Filter::hidden`] never appear.
/// The caller decides what "visible" means (and should include the viewer themself).
pub trait Filter {
    /// May the viewer see `owner`'s contact list? Asked often; cheap answers or a memo
    /// make the queries fast.
    fn list_visible(&mut self, owner: Vertex) -> bool;

    /// Members the viewer must never meet on a path or in a list (blocks).
    fn hidden(&self) -> &[Vertex] {
        &[]
    }
}

/// Every list visible, nobody hidden: the graph as it is.
pub struct Everything;

impl Filter for Everything {
    #[inline(always)]
    fn list_visible(&mut self, _owner: Vertex) -> bool {
        true
    }
}
