//! The privacy pass: a stated mix of contact-list settings, measured with the
//! application's own filter (`Reveal` in kontor-core), and the rule done the plain way to
//! check it against.
//!
//! A contact u–w counts for viewer V only if V may see u's or w's contact list. A list is
//! visible to its owner, and to others by the owner's setting: only me, contacts,
//! contacts of contacts (true distance ≤ 2), all members. The setting is the member's
//! tag in the graph, as the application numbers `ListVisibility`.

use crate::rng::Rng;
use kontor_graph::{PlainCsr, Suggestion, Vertex};
use std::collections::HashMap;

use kontor_core::contacts::ListVisibility;

pub const ONLY_ME: u8 = ListVisibility::OnlyMe as u8;
pub const CONTACTS: u8 = ListVisibility::Contacts as u8;
pub const CONTACTS_OF_CONTACTS: u8 = ListVisibility::ContactsOfContacts as u8;
pub const MEMBERS: u8 = ListVisibility::Members as u8;

/// The stated mix of settings, in percent: 5 only me, 70 contacts, 15 contacts of
/// contacts, 10 all members.
pub const MIX: &str = "5% only me, 70% contacts, 15% contacts of contacts, 10% all members";

pub fn mixed_settings(vertices: u32, seed: u64) -> Vec<u8> {
    let mut rng = Rng::derived(seed, "privacy");
    (0..vertices)
        .map(|_| match rng.below(100) {
            0..5 => ONLY_ME,
            5..75 => CONTACTS,
            75..90 => CONTACTS_OF_CONTACTS,
            _ => MEMBERS,
        })
        .collect()
}

/// The same rule done the plain way, to check the engine against: every revealed
/// contact made explicit, then a textbook breadth-first search over them.
pub struct Revealed<'a> {
    plain: &'a PlainCsr,
    settings: &'a [u8],
    viewer: Vertex,
    /// 1 for the viewer's contacts, 2 for members two steps away, 0 otherwise.
    ball: Vec<u8>,
}

impl<'a> Revealed<'a> {
    pub fn new(plain: &'a PlainCsr, settings: &'a [u8], viewer: Vertex) -> Self {
        let mut ball = vec![0u8; settings.len()];
        for &c in plain.neighbours(viewer) {
            ball[c as usize] = 1;
        }
        for &c in plain.neighbours(viewer) {
            for &w in plain.neighbours(c) {
                if ball[w as usize] == 0 && w != viewer {
                    ball[w as usize] = 2;
                }
            }
        }
        Self { plain, settings, viewer, ball }
    }

    pub fn visible(&self, owner: Vertex) -> bool {
        owner == self.viewer
            || match self.settings[owner as usize] {
                MEMBERS => true,
                CONTACTS => self.ball[owner as usize] == 1,
                CONTACTS_OF_CONTACTS => self.ball[owner as usize] != 0,
                _ => false,
            }
    }

    pub fn counts(&self, u: Vertex, w: Vertex) -> bool {
        self.visible(u) || self.visible(w)
    }

    /// The revealed contacts of `u`, sorted.
    pub fn neighbours(&self, u: Vertex) -> Vec<Vertex> {
        self.plain.neighbours(u).iter().copied().filter(|&w| self.counts(u, w)).collect()
    }

    /// Distance to `target` (≤ 4) and the members at 1, 2 and 3 steps from the viewer.
    pub fn search(&self, target: Vertex) -> (Option<u8>, Vec<u64>) {
        let mut depth = vec![u8::MAX; self.settings.len()];
        depth[self.viewer as usize] = 0;
        let mut frontier = vec![self.viewer];
        let mut counts = Vec::new();
        for level in 1..=4u8 {
            let mut next = Vec::new();
            for &u in &frontier {
                for &w in self.plain.neighbours(u) {
                    if depth[w as usize] == u8::MAX && self.counts(u, w) {
                        depth[w as usize] = level;
                        next.push(w);
                    }
                }
            }
            if level <= 3 {
                counts.push(next.len() as u64);
            }
            frontier = next;
        }
        let d = depth[target as usize];
        (if d <= 4 { Some(d) } else { None }, counts)
    }

    pub fn shared(&self, other: Vertex) -> Vec<Vertex> {
        if other == self.viewer {
            return Vec::new();
        }
        let theirs = self.neighbours(other);
        self.neighbours(self.viewer).into_iter().filter(|w| theirs.binary_search(w).is_ok()).collect()
    }

    pub fn suggestions(&self, limit: usize) -> Vec<Suggestion> {
        let mine = self.neighbours(self.viewer);
        let mut shared: HashMap<Vertex, u32> = HashMap::new();
        for &x in &mine {
            for c in self.neighbours(x) {
                if c != self.viewer && mine.binary_search(&c).is_err() {
                    *shared.entry(c).or_default() += 1;
                }
            }
        }
        let mut found: Vec<Suggestion> =
            shared.into_iter().map(|(vertex, shared)| Suggestion { vertex, shared }).collect();
        found.sort_unstable_by(|x, y| y.shared.cmp(&x.shared).then(x.vertex.cmp(&y.vertex)));
        found.truncate(limit);
        found
    }
}
