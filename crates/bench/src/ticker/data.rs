//! The ticker's data set: the XING-like generated network, readers with exactly 500
//! contacts, and a history of activities in time order (the key is the order), each
//! member's newest held for the index. The same seed gives the same data.

use super::READER_CONTACTS;
use crate::generate::generate;
use crate::privacy::mixed_settings;
use crate::rng::Rng;
use kontor_core::ids::MemberKey;
use kontor_core::network::member;
use kontor_core::ticker::{ActivityKind, Audience, Author, DEPTH, Entry, Reach, TickerSettings};
use std::collections::{HashMap, HashSet};

/// One activity as PostgreSQL stores it.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub key: i64,
    pub actor: u32,
    pub entry: Entry,
}

pub struct TickerData {
    pub members: u32,
    pub contacts: Vec<(u32, u32)>,
    /// Each member's contact-list visibility, as the graph's tag.
    pub list_tags: Vec<u8>,
    pub readers: Vec<u32>,
    pub activities: u64,
    per_member: u32,
    seed: u64,
    settings: Vec<TickerSettings>,
    /// Contacts per member (compressed rows), to pick whose post a like is about.
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl TickerData {
    pub fn generate(members: u32, per_member: u32, readers: usize, seed: u64) -> Self {
        let mut contacts = generate(members, seed);
        let mut rng = Rng::derived(seed, "ticker/readers");
        let mut degree = vec![0usize; members as usize];
        for &(a, b) in &contacts {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut chosen: Vec<u32> = Vec::with_capacity(readers);
        let mut taken = HashSet::new();
        while chosen.len() < readers {
            let r = rng.below(u64::from(members)) as u32;
            if degree[r as usize] <= READER_CONTACTS && taken.insert(r) {
                chosen.push(r);
            }
        }
        // One pass for the readers' contacts, then each filled up to exactly 500.
        let mut theirs: HashMap<u32, HashSet<u32>> = chosen.iter().map(|&r| (r, HashSet::new())).collect();
        for &(a, b) in &contacts {
            if let Some(set) = theirs.get_mut(&a) {
                set.insert(b);
            }
            if let Some(set) = theirs.get_mut(&b) {
                set.insert(a);
            }
        }
        for &r in &chosen {
            while theirs[&r].len() < READER_CONTACTS {
                let w = rng.below(u64::from(members)) as u32;
                // Never another reader, whose count is settled.
                if !taken.contains(&w) && theirs.get_mut(&r).is_some_and(|set| set.insert(w)) {
                    contacts.push((r.min(w), r.max(w)));
                }
            }
        }
        contacts.sort_unstable();
        contacts.dedup();

        let mut offsets = vec![0usize; members as usize + 1];
        for &(a, b) in &contacts {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for i in 0..members as usize {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; offsets[members as usize]];
        for &(a, b) in &contacts {
            targets[fill[a as usize]] = b;
            fill[a as usize] += 1;
            targets[fill[b as usize]] = a;
            fill[b as usize] += 1;
        }

        let mut rng = Rng::derived(seed, "ticker/settings");
        let settings = (0..members)
            .map(|_| TickerSettings {
                announce_contacts: rng.below(10) < 8,
                profile_reach: match rng.below(10) {
                    0 => Reach::Nobody,
                    1 | 2 => Reach::Members,
                    _ => Reach::Contacts,
                },
                birthday: false,
            })
            .collect();
        Self {
            members,
            contacts,
            list_tags: mixed_settings(members, seed),
            readers: chosen,
            activities: u64::from(members) * u64::from(per_member),
            per_member,
            seed,
            settings,
            offsets,
            targets,
        }
    }

    /// Every activity, oldest first: who did what, mostly posts and reactions to
    /// contacts' posts, some new contacts and profile changes.
    pub fn activities(&self) -> impl Iterator<Item = Row> + '_ {
        let mut rng = Rng::derived(self.seed, "ticker/activities");
        let audience = |rng: &mut Rng| match rng.below(20) {
            0 => Audience::Public,
            1..=3 => Audience::Members,
            4..=7 => Audience::ContactsOfContacts,
            _ => Audience::Contacts,
        };
        (1..=self.activities as i64).map(move |key| {
            let actor = rng.below(u64::from(self.members)) as u32;
            let theirs = &self.targets[self.offsets[actor as usize]..self.offsets[actor as usize + 1]];
            let contact = (!theirs.is_empty()).then(|| theirs[rng.below(theirs.len() as u64) as usize]);
            let roll = rng.below(100);
            let (kind, other) = match (roll, contact) {
                (0..40, _) | (_, None) => (ActivityKind::Post, None),
                (40..70, Some(c)) => (ActivityKind::Like, Some(c)),
                (70..85, Some(c)) => (ActivityKind::Comment, Some(c)),
                (85..90, Some(c)) => (ActivityKind::Share, Some(c)),
                (90..96, Some(c)) => (ActivityKind::Contact, Some(c)),
                _ => (ActivityKind::Profile, None),
            };
            let post_audience = matches!(kind, ActivityKind::Like | ActivityKind::Comment | ActivityKind::Share)
                .then(|| audience(&mut rng));
            let own = match kind {
                ActivityKind::Post => audience(&mut rng),
                ActivityKind::Share => post_audience.unwrap_or_default(),
                _ => Audience::Contacts,
            };
            let entry = Entry { key, other: other.unwrap_or(u32::MAX), kind, audience: own, post_audience };
            Row { key, actor, entry }
        })
    }

    /// Each member's list as the index holds it: the newest `DEPTH` activities.
    pub fn authors(&self) -> Vec<(MemberKey, Author)> {
        let mut lists: Vec<Vec<Entry>> =
            (0..self.members).map(|_| Vec::with_capacity(self.per_member as usize)).collect();
        let mut counts = vec![0u32; self.members as usize];
        for row in self.activities() {
            let list = &mut lists[row.actor as usize];
            counts[row.actor as usize] += 1;
            if list.len() == DEPTH * 2 {
                // Keep the memory bounded while generating: drop the oldest half.
                list.drain(..DEPTH);
            }
            list.push(row.entry);
        }
        lists
            .into_iter()
            .enumerate()
            .map(|(v, mut entries)| {
                let skip = entries.len().saturating_sub(DEPTH);
                entries.drain(..skip);
                entries.shrink_to_fit();
                let author = Author { entries, complete: counts[v] as usize <= DEPTH, settings: self.settings[v] };
                (member(v as u32), author)
            })
            .collect()
    }

    /// A number that changes whenever the data would, for PostgreSQL's cache.
    pub fn fingerprint(&self) -> i64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for x in [u64::from(self.members), u64::from(self.per_member), self.seed, self.contacts.len() as u64, 2] {
            h = (h ^ x).wrapping_mul(0x0100_0000_01b3);
        }
        h as i64
    }
}
