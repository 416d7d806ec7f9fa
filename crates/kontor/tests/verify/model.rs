//! The oracle's reference model of who may see what, written from the product's rules
//! and never calling the policy module.
//!
//! The rules (PRODUCT.md and the README): each profile field has a visibility (only me,
//! contacts, contacts of contacts, members, public); an owner may grant a field to one
//! direct contact; the name is seen by all members, and by the public only when public;
//! a block hides each from the other entirely; suspended and closed members are gone; a post reaches
//! its audience (contacts, contacts of contacts, members, public). Degrees are counted on
//! the viewer's revealed graph: a contact u–v counts for viewer V only if V may see u's or
//! v's contact list (only me, contacts, contacts of contacts by the true distance, all
//! members). Suspended members and members blocked with the viewer are not on it.

use crate::canaries::date_forms;
use crate::world::{Post, World, pair};
use std::collections::{HashMap, VecDeque};

impl World {
    pub fn contact(&self, a: usize, b: usize) -> bool {
        self.contacts.contains(&pair(a, b))
    }

    pub fn blocked(&self, a: usize, b: usize) -> bool {
        self.blocks.contains(&pair(a, b))
    }

    /// The true distance from `from` (up to 2, which is all a list scope asks), on the
    /// network of members who are there (a suspended member's contacts do not count).
    pub fn true_distance_at_most_2(&self, from: usize, to: usize) -> bool {
        let there = |x: usize| !self.members[x].gone();
        from == to
            || self.contact(from, to)
            || (0..self.members.len()).any(|x| there(x) && self.contact(from, x) && self.contact(x, to))
    }

    /// May viewer `v` (`None`: anonymous) see member `owner`'s contact list?
    pub fn sees_list(&self, v: Option<usize>, owner: usize) -> bool {
        let Some(v) = v else { return false };
        match self.members[owner].list_scope {
            "only_me" => v == owner,
            "contacts" => v == owner || self.contact(v, owner),
            "contacts_of_contacts" => self.true_distance_at_most_2(v, owner),
            _ => true,
        }
    }

    /// Whether the contact a–b is on viewer v's revealed graph: both ends there for v
    /// (not suspended, not blocked with v: gone either way), and v may see one end's list.
    pub fn revealed(&self, v: usize, a: usize, b: usize) -> bool {
        let there = |x: usize| !self.members[x].gone() && (x == v || !self.blocked(v, x));
        self.contact(a, b) && there(a) && there(b) && (self.sees_list(Some(v), a) || self.sees_list(Some(v), b))
    }

    /// Degrees from `v` on v's revealed graph, up to 4.
    pub fn degrees(&self, v: usize) -> HashMap<usize, u8> {
        let n = self.members.len();
        let revealed = |a: usize, b: usize| self.revealed(v, a, b);
        let mut degree = HashMap::from([(v, 0u8)]);
        let mut queue = VecDeque::from([v]);
        while let Some(x) = queue.pop_front() {
            let d = degree[&x];
            if d == 4 {
                continue;
            }
            for y in 0..n {
                if !degree.contains_key(&y) && revealed(x, y) {
                    degree.insert(y, d + 1);
                    queue.push_back(y);
                }
            }
        }
        degree
    }

    /// How member `o` relates to viewer `v` (`None`: anonymous), for the figures.
    pub fn relation(&self, v: Option<usize>, o: usize, degrees: &HashMap<usize, u8>) -> &'static str {
        let m = &self.members[o];
        match v {
            None => "anonymous",
            Some(v) if v == o => "self",
            Some(v) if self.blocked(v, o) => "blocked",
            Some(_) if m.suspended => "suspended",
            Some(_) if m.closed => "closed",
            Some(_) => match degrees.get(&o) {
                Some(1) => "1st",
                Some(2) => "2nd",
                Some(_) => "3rd-4th",
                None => "unrelated",
            },
        }
    }

    /// Whether anything of member `o` is hidden from `v`: the member, or a field.
    pub fn hides_something_of(&self, v: Option<usize>, o: usize, degrees: &HashMap<usize, u8>) -> bool {
        let degree = degrees.get(&o).copied().filter(|d| *d > 0);
        let m = &self.members[o];
        let granted = |field: &str| field == "private_contact" && v.is_some_and(|v| self.grants.contains(&(o, v)));
        !self.sees_member(v, o)
            || !self.sees_field(v, o, m.birthday.3, false, degree)
            || m.fields.iter().any(|(f, (vis, _))| !self.sees_field(v, o, vis, granted(f), degree))
    }

    /// Whether `v` may see member `o` at all.
    pub fn sees_member(&self, v: Option<usize>, o: usize) -> bool {
        let m = &self.members[o];
        if m.gone() && v != Some(o) {
            return false;
        }
        match v {
            None => m.name_public,
            Some(v) => !self.blocked(v, o) && !self.members[v].gone(),
        }
    }

    /// Whether `v` may see a field of visibility `visibility` of `o`; `granted` if `o`
    /// granted it to `v`.
    pub fn sees_field(&self, v: Option<usize>, o: usize, visibility: &str, granted: bool, degree: Option<u8>) -> bool {
        if !self.sees_member(v, o) {
            return false;
        }
        if v == Some(o) {
            return true;
        }
        if granted && self.contact(v.expect("a member"), o) {
            return true;
        }
        match visibility {
            "public" => true,
            "members" => v.is_some(),
            "contacts_of_contacts" => degree.is_some_and(|d| d <= 2),
            "contacts" => degree == Some(1),
            _ => false,
        }
    }

    /// Every canary viewer `v` must never meet, with what it stands for.
    pub fn hidden_from(&self, v: Option<usize>) -> HashMap<String, String> {
        let degrees = v.map(|v| self.degrees(v)).unwrap_or_default();
        let mut hidden = HashMap::new();
        for (o, m) in self.members.iter().enumerate() {
            let degree = degrees.get(&o).copied().filter(|d| *d > 0);
            let blocker = v.is_some_and(|v| self.blocked_by.contains(&(v, o)));
            // The blocker's own list of blocks names whom they blocked (to undo it),
            // suspended since or not.
            // A name typed into a post the viewer may read is the author's words.
            let typed = self.posts.iter().any(|p| p.names.contains(&o) && self.sees_post(v, p, &degrees));
            if !self.sees_member(v, o) && !blocker && !typed {
                hidden.insert(format!("Zqn{o:02}x"), format!("the name of member {o}"));
            }
            for (field, (visibility, canary)) in &m.fields {
                let granted = *field == "private_contact" && v.is_some_and(|v| self.grants.contains(&(o, v)));
                if !self.sees_field(v, o, visibility, granted, degree) {
                    hidden.insert(canary.clone(), format!("{field} ({visibility}) of member {o}"));
                }
            }
            let (y, mo, d, visibility) = m.birthday;
            if !self.sees_field(v, o, visibility, false, degree) {
                for form in date_forms(y, mo, d) {
                    hidden.insert(form, format!("the birthday ({visibility}) of member {o}"));
                }
            }
        }
        for p in &self.posts {
            if !self.sees_post(v, p, &degrees) {
                hidden.insert(p.canary.clone(), format!("a post ({}) of member {}", p.audience, p.author));
            }
        }
        hidden
    }

    pub fn sees_post(&self, v: Option<usize>, p: &Post, degrees: &HashMap<usize, u8>) -> bool {
        let author = &self.members[p.author];
        if author.gone() && v != Some(p.author) {
            return false;
        }
        if let Some(v) = v
            && (self.blocked(v, p.author) || self.members[v].gone())
        {
            return false;
        }
        if v == Some(p.author) {
            return true;
        }
        let degree = degrees.get(&p.author).copied();
        match p.audience {
            "public" => true,
            "members" => v.is_some(),
            "contacts_of_contacts" => degree.is_some_and(|d| (1..=2).contains(&d)),
            _ => degree == Some(1),
        }
    }
}
