//! The privacy rule of the network as the graph engine's filter.

use crate::contacts::ListVisibility;
use kontor_graph::{Filter, Snapshot, Vertex};
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

    /// The viewer's true contacts (their own contacts are always revealed to them).
    pub fn contacts(&self) -> &[Vertex] {
        &self.contacts
    }

    pub fn is_contact(&self, v: Vertex) -> bool {
        self.contacts.binary_search(&v).is_ok()
    }

    /// Is `owner` at most two true steps from the viewer?
    fn within_two(&mut self, owner: Vertex) -> bool {
        if self.is_contact(owner) {
            return true;
        }
        if let Some(&known) = self.near.get(&owner) {
            return known;
        }
        let theirs = self.snapshot.neighbours(owner);
        // Scan the shorter list, look each up in the longer one.
        let found = if theirs.len() <= self.contacts.len() {
            theirs.iter().any(|w| self.contacts.binary_search(w).is_ok())
        } else {
            self.contacts.iter().any(|w| theirs.binary_search(w).is_ok())
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
        match ListVisibility::from_tag(self.snapshot.tag(owner)) {
            ListVisibility::Members => true,
            ListVisibility::OnlyMe => false,
            ListVisibility::Contacts => self.is_contact(owner),
            ListVisibility::ContactsOfContacts => self.within_two(owner),
        }
    }

    fn hidden(&self) -> &[Vertex] {
        &self.hidden
    }
}
