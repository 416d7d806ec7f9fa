//! A plausible month of news for the demo network: posts about the members' work, places
//! and interests, their contacts' likes and comments (with the notifications they bring),
//! and new positions. Deterministic: the same data set gives the same history.

use super::Progress;
use super::ldbc::{knows, read};
use kontor_core::Kontor;
use kontor_core::i18n::Lang;
use kontor_core::ids::{ActivityKey, MemberKey, NotificationId};
use kontor_core::notifications::{Effects, MailChoice, NewNotification, NotificationKind};
use kontor_core::ticker::{ActivityKind, Audience, NewActivity, ProfileChanges};
use std::collections::HashMap;
use std::path::Path;
use time::{Duration, OffsetDateTime};

/// How far back the history reaches.
const DAYS: i64 = 30;
/// Reactions this recent bring their author a notification.
const RECENT: Duration = Duration::days(3);

const POSTS_DE: &[&str] = &[
    "Heute beim Netzwerktreffen in {city} viele gute Gespräche geführt. Danke an alle, die da waren!",
    "Wir bei {company} in {city} suchen Verstärkung. Wer jemanden kennt: Ich freue mich über Hinweise.",
    "Lesenswert zum Thema {topic}: https://example.org/{slug}",
    "Wer ist nächste Woche auf der Messe in {city}? Ich würde mich über einen Kaffee freuen.",
    "Kleiner Erfolg zum Wochenende: Unser Team bei {company} hat das Projekt pünktlich abgeschlossen.",
    "Frage an mein Netzwerk: Wer hat das neue Buch über {topic} schon gelesen?",
    "Danke für die Einladung zum Vortrag über {topic}. Sehr anregend!",
];
const POSTS_EN: &[&str] = &[
    "Great conversations at today's meetup in {city}. Thanks to everyone who came!",
    "We are hiring at {company} in {city}. If you know someone, please point them my way.",
    "Worth a read on {topic}: https://example.org/{slug}",
    "Anyone at the trade fair in {city} next week? Happy to meet for a coffee.",
    "A small win for the weekend: our team at {company} shipped the project on time.",
    "Question for my network: has anyone read the new book about {topic} yet?",
    "Thanks for the invitation to the talk on {topic}. Very inspiring!",
];
const COMMENTS_DE: &[&str] = &[
    "Glückwunsch!",
    "Sehr interessant, danke fürs Teilen.",
    "Da bin ich dabei.",
    "Gute Frage. Lass uns dazu telefonieren.",
    "Spannend! Erzähl gern mehr.",
    "Viel Erfolg dabei!",
];
const COMMENTS_EN: &[&str] = &[
    "Congratulations!",
    "Very interesting, thanks for sharing.",
    "Count me in.",
    "Good question. Let's talk about it.",
    "Exciting! Tell us more.",
    "Good luck with it!",
];

/// A small deterministic generator (SplitMix64), so the demo is the same on every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A moment within the last `DAYS` before `now`, at working hours.
    fn moment(&mut self, now: OffsetDateTime) -> OffsetDateTime {
        let day = self.below(DAYS as usize) as i64 + 1;
        let minute = 7 * 60 + self.below(12 * 60) as i64;
        (now - Duration::days(day)).replace_time(time::Time::MIDNIGHT) + Duration::minutes(minute)
    }
}

/// A topic as a web address's last part: lower-case ASCII letters and digits, dashes.
fn slug(topic: &str) -> String {
    let words: Vec<String> = topic
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() { "news".to_owned() } else { words.join("-") }
}

/// One thing that happens, in the order of `at`.
enum Event {
    /// `number`: the post's place in the plan, by which reactions name it.
    Post {
        number: usize,
        author: MemberKey,
        audience: Audience,
        text: String,
    },
    Comment {
        author: MemberKey,
        post: usize,
        text: String,
    },
    Like {
        author: MemberKey,
        post: usize,
    },
    NewPosition {
        member: MemberKey,
    },
}

/// Writes the history; returns a line that says what was written.
pub async fn write(kontor: &Kontor, dir: &Path) -> anyhow::Result<String> {
    let now = kontor.now();
    let store = kontor.store();
    let people = read(dir, now)?;
    let mut key_of: HashMap<String, MemberKey> = HashMap::new();
    let mut members = Vec::new();
    for (id, member) in &people {
        if let Some(c) = store.credentials_by_email(&member.account.email).await? {
            key_of.insert(id.clone(), c.account.key);
            members.push((c.account.key, member));
        }
    }
    let mut contacts: HashMap<MemberKey, Vec<MemberKey>> = HashMap::new();
    for (a, b, _) in knows(dir)? {
        if let (Some(&a), Some(&b)) = (key_of.get(&a), key_of.get(&b)) {
            contacts.entry(a).or_default().push(b);
            contacts.entry(b).or_default().push(a);
        }
    }

    // Plan first, so every event can be written in the order it happened.
    let mut dice = Dice(0x4B6F_6E74_6F72);
    let mut planned: Vec<(OffsetDateTime, Event)> = Vec::new();
    let mut posts = 0;
    for (key, member) in &members {
        let german = member.account.lang == Lang::De;
        let topic = member.profile.haves.first().map(String::as_str).unwrap_or(if german {
            "Digitalisierung"
        } else {
            "digital work"
        });
        let city = if member.profile.city.is_empty() { "Leipzig" } else { member.profile.city.as_str() };
        let company = if member.profile.company.is_empty() { "Kontor" } else { member.profile.company.as_str() };
        let theirs = contacts.get(key).map(Vec::as_slice).unwrap_or(&[]);
        for _ in 0..dice.below(4) {
            let at = dice.moment(now);
            let text = dice
                .pick(if german { POSTS_DE } else { POSTS_EN })
                .replace("{city}", city)
                .replace("{company}", company)
                .replace("{topic}", topic)
                .replace("{slug}", &slug(topic));
            let audience = match dice.below(20) {
                0 => Audience::Public,
                1 | 2 => Audience::Members,
                3..=5 => Audience::ContactsOfContacts,
                _ => Audience::Contacts,
            };
            let post = posts;
            posts += 1;
            planned.push((at, Event::Post { number: post, author: *key, audience, text }));
            // Contacts react within two days.
            let mut likers: Vec<MemberKey> =
                (0..dice.below(theirs.len().min(6) + 1)).map(|_| *dice.pick(theirs)).collect();
            likers.sort_unstable();
            likers.dedup();
            for author in likers {
                let later = at + Duration::minutes(5 + dice.below(48 * 60) as i64);
                planned.push((later, Event::Like { author, post }));
            }
            for _ in 0..dice.below(theirs.len().min(2) + 1) {
                let later = at + Duration::minutes(10 + dice.below(48 * 60) as i64);
                let text = dice.pick(if german { COMMENTS_DE } else { COMMENTS_EN }).to_string();
                planned.push((later, Event::Comment { author: *dice.pick(theirs), post, text }));
            }
        }
        if !member.profile.company.is_empty() && dice.below(10) == 0 {
            planned.push((dice.moment(now), Event::NewPosition { member: *key }));
        }
    }
    planned.retain(|(at, _)| *at < now);
    planned.sort_by_key(|(at, _)| *at);

    let mut progress = Progress::new("Writing the demo's history", planned.len());
    let mut written: HashMap<usize, (ActivityKey, MemberKey, Audience)> = HashMap::new();
    let (mut likes, mut comments, mut positions) = (0, 0, 0);
    for (at, event) in &planned {
        let at = *at;
        let mut effects = Effects::none();
        let activity = match event {
            Event::Post { author, audience, text, .. } => {
                let mut post = NewActivity::new(*author, ActivityKind::Post, *audience, at);
                post.body = text.clone();
                post
            }
            Event::Comment { author, post, .. } | Event::Like { author, post } => {
                let Some(&(key, post_author, audience)) = written.get(post) else { continue };
                let kind = if matches!(event, Event::Like { .. }) { ActivityKind::Like } else { ActivityKind::Comment };
                let mut reaction = NewActivity::new(*author, kind, audience, at);
                reaction.other = Some(post_author);
                reaction.post = Some(key);
                reaction.post_audience = Some(audience);
                if let Event::Comment { text, .. } = event {
                    reaction.body = text.clone();
                }
                // Only the last days' reactions are news to the author.
                if *author != post_author && now - at < RECENT {
                    let told =
                        if kind == ActivityKind::Like { NotificationKind::Like } else { NotificationKind::Comment };
                    effects.notifications.push(NewNotification {
                        id: NotificationId::new(),
                        recipient: post_author,
                        kind: told,
                        actor: Some(*author),
                        activity: Some(key),
                        mail: MailChoice::Off,
                        created_at: at,
                    });
                }
                reaction
            }
            Event::NewPosition { member } => {
                let mut news = NewActivity::new(*member, ActivityKind::Profile, Audience::Contacts, at);
                news.changes = ProfileChanges::POSITION;
                news
            }
        };
        let (key, _) = store.add_activity(&activity, &[], &effects).await?;
        match event {
            Event::Post { number, author, audience, .. } => {
                written.insert(*number, (key, *author, *audience));
            }
            Event::Like { .. } => likes += 1,
            Event::Comment { .. } => comments += 1,
            Event::NewPosition { .. } => positions += 1,
        }
        progress.advance(1);
    }
    Ok(format!(
        "History of the last {DAYS} days: {} posts, {likes} likes, {comments} comments, {positions} new positions.",
        written.len()
    ))
}
