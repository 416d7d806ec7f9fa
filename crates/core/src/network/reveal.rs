//! The privacy rule of the network as the graph engine's filter.

use super::MAX_DEGREE;
use crate::privacy::ListVisibility;
use crate::privacy::Needs;
use kontor_graph::{Adjacency, Filter, Scratch, Snapshot, Vertex, distance};
use std::collections::HashMap;
use std::sync::Arc;

/// One viewer's window on the graph, for one request (it holds a snapshot).
pub struct Reveal {
    snapshot: Arc<Snapshot>,
    viewer: Vertex,
    /// The viewer's true contacts (active), sorted.
    contacts: Vec<Vertex>,
    /// Members blocked by or blocking the viewer.
    hidden: Vec<Vertex>,
    /// Answers for "contacts of contacts" lists, which cost a scan.
    near: HashMap<Vertex, bool>,
}

impl Reveal {
    pub fn new(snapshot: Arc<Snapshot>, viewer: Vertex, hidden: Vec<Vertex>) -> Self {
        let contacts = snapshot.neighbours(viewer);
        Self { snapshot, viewer, contacts, hidden, near: HashMap::new() }
    }

    pub fn snapshot(&self) -> &Arc<Snapshot> {
        &self.snapshot
    }

    pub fn viewer(&self) -> Vertex {
        self.viewer
    }

    /// Members blocked by or blocking the viewer.
    pub fn blocked(&self) -> &[Vertex] {
        &self.hidden
    }

    pub fn is_contact(&self, v: Vertex) -> bool {
        self.contacts.binary_search(&v).is_ok()
    }

    /// The degree of `owner` on the revealed graph, up to the 4th. Contacts and members two
    /// steps away are answered from the lists (the cards of a page are mostly those);
    /// only the rest need the search.
    pub fn degree(&mut self, owner: Vertex) -> Option<u8> {
        if owner == self.viewer {
            return Some(0);
        }
        if self.hidden.contains(&owner) || !self.snapshot.is_active(owner) {
            return None;
        }
        if self.is_contact(owner) {
            return Some(1);
        }
        if self.reaches_in_two(owner) {
            return Some(2);
        }
        let snapshot = Arc::clone(&self.snapshot);
        let viewer = self.viewer;
        Scratch::with(|s| distance(&*snapshot, self, s, viewer, owner, MAX_DEGREE))
    }

    /// Is `owner` at most two steps from the viewer on the revealed graph (what
    /// `distance(.., 2)` answers with this filter, without a search)? The step from the
    /// viewer to a contact always counts; the step from that contact to `owner` counts if
    /// either one's list is visible to the viewer.
    pub fn reaches_in_two(&mut self, owner: Vertex) -> bool {
        if owner == self.viewer {
            return true;
        }
        if self.hidden.contains(&owner) || !self.snapshot.is_active(owner) {
            return false;
        }
        if self.is_contact(owner) {
            return true;
        }
        let open = self.list_visible(owner);
        let snapshot = Arc::clone(&self.snapshot);
        let mut found = false;
        snapshot.for_each_neighbour(owner, |x| {
            found = found || (self.is_contact(x) && !self.hidden.contains(&x) && (open || self.list_visible(x)));
        });
        found
    }

    /// Is `owner` at most two true steps from the viewer?
    fn within_two(&mut self, owner: Vertex) -> bool {
        if self.is_contact(owner) {
            return true;
        }
        if let Some(&known) = self.near.get(&owner) {
            return known;
        }
        // Walk the shorter list: the viewer's contacts, each checked against the owner
        // (a binary search in the contact's list), or the owner's contacts, each looked
        // up among the viewer's.
        let found = if self.contacts.len() <= self.snapshot.degree_hint(owner) {
            self.contacts.iter().any(|&c| self.snapshot.is_contact(c, owner))
        } else {
            let mut found = false;
            self.snapshot.for_each_neighbour(owner, |w| found |= self.contacts.binary_search(&w).is_ok());
            found
        };
        self.near.insert(owner, found);
        found
    }
}

impl Filter for Reveal {
    fn list_visible(&mut self, owner: Vertex) -> bool {
        if owner == self.viewer {
            return true;
        }
        match crate::privacy::needs(ListVisibility::from_tag(self.snapshot.tag(owner)).visibility()) {
            Needs::Anyone | Needs::Member => true,
            Needs::Owner => false,
            Needs::WithinSteps(1) => self.is_contact(owner),
            Needs::WithinSteps(2) => self.within_two(owner),
            // No list setting reaches further.
            Needs::WithinSteps(_) => false,
        }
    }

    fn hidden(&self) -> &[Vertex] {
        &self.hidden
    }
}
