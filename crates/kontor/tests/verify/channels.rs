//! What leaves by other ways than an answer: the live stream (`/live`) and e-mail.
//!
//! Every present member listens to their live stream while others post (with mentions),
//! comment and like: a member from whom the post is hidden must hear nothing of it (no
//! new item, no change of the bell). Then the daily round runs (birthdays, digests) and
//! every mail sent since the network was built is read: no mail may carry a canary its
//! recipient may not meet, and no birthday may be told to someone who may not see it.

use crate::app::TestApp;
use crate::canaries::Scanner;
use crate::crash::Dice;
use crate::world::{Post, World, call};
use kontor_core::clock::Clock;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long a live event may take to arrive after the write that causes it.
const SETTLE: Duration = Duration::from_millis(400);

/// Every present member's live stream, counting the events it sends.
pub struct Streams {
    /// Per member: events received (`None` for members not listening: gone ones).
    counts: Vec<Option<Arc<AtomicUsize>>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Streams {
    pub async fn open(world: &World) -> Streams {
        let mut counts = Vec::new();
        let mut tasks = Vec::new();
        for m in &world.members {
            if m.gone() {
                counts.push(None);
                continue;
            }
            let mut r = m.browser.get("/live").await;
            assert_eq!(r.status(), StatusCode::OK, "the live stream of {}", m.name);
            let count = Arc::new(AtomicUsize::new(0));
            let counter = count.clone();
            tasks.push(tokio::spawn(async move {
                let mut buffer = String::new();
                while let Ok(Some(chunk)) = r.chunk().await {
                    buffer.push_str(&String::from_utf8_lossy(&chunk));
                    while let Some(end) = buffer.find("\n\n") {
                        let event: String = buffer.drain(..end + 2).collect();
                        if event.lines().any(|l| l == "event: item" || l == "event: unread") {
                            counter.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                }
            }));
            counts.push(Some(count));
        }
        Streams { counts, tasks }
    }

    pub fn snapshot(&self) -> Vec<usize> {
        self.counts.iter().map(|c| c.as_ref().map_or(0, |c| c.load(Ordering::SeqCst))).collect()
    }

    pub fn close(self) {
        for task in self.tasks {
            task.abort();
        }
    }
}

/// What the live and mail checks did.
#[derive(Default)]
pub struct Heard {
    pub actions: usize,
    pub events: usize,
    pub mails: usize,
    pub birthdays: usize,
    pub leaks: Vec<String>,
}

/// Posts, comments and likes with every member listening: the members a post is hidden
/// from hear nothing of it. The new posts join the world (their texts are canaries).
pub async fn live_tells_only_who_may_see(
    app: &TestApp,
    world: &mut World,
    streams: &Streams,
    actions: usize,
    seed: u64,
) -> Heard {
    let mut dice = Dice::new(seed ^ 0x11fe);
    let present: Vec<usize> = (0..world.members.len()).filter(|&i| !world.members[i].gone()).collect();
    let mut heard = Heard::default();
    for k in 0..actions {
        let actor = present[dice.below(present.len() as u64) as usize];
        let before = streams.snapshot();
        // A new post (naming a contact, who is told) or a comment or like on a post the
        // actor may see.
        let degrees = world.degrees(actor);
        let visible: Vec<usize> =
            (0..world.posts.len()).filter(|&p| world.sees_post(Some(actor), &world.posts[p], &degrees)).collect();
        let token = world.members[actor].token.clone();
        let post = match dice.below(3) {
            0 if !visible.is_empty() => {
                let p = visible[dice.below(visible.len() as u64) as usize];
                let path = format!("/posts/{}/comments", world.posts[p].id);
                let (status, body) = call(app, &token, Method::POST, &path, Some(json!({"text": "Gut so"}))).await;
                assert_eq!(status, StatusCode::CREATED, "a comment: {body}");
                p
            }
            1 if !visible.is_empty() => {
                let p = visible[dice.below(visible.len() as u64) as usize];
                let path = format!("/posts/{}/like", world.posts[p].id);
                let (status, body) = call(app, &token, Method::PUT, &path, None).await;
                assert!(status.is_success(), "a like: {status} {body}");
                p
            }
            _ => {
                let audience = ["contacts", "contacts_of_contacts", "members", "public"][dice.below(4) as usize];
                let named = (0..world.members.len()).find(|&c| world.contact(actor, c) && !world.members[c].gone());
                let mention = named.map(|c| format!(" @{}", world.members[c].name)).unwrap_or_default();
                let canary = format!("zq{actor:02}live{k}x");
                let text = format!("Neuigkeit {canary}{mention}");
                let (status, body) =
                    call(app, &token, Method::POST, "/posts", Some(json!({"text": text, "audience": audience}))).await;
                assert_eq!(status, StatusCode::CREATED, "a post: {body}");
                let id = body["id"].as_str().expect("an id").to_owned();
                world.posts.push(Post { id, author: actor, audience, canary, names: named.into_iter().collect() });
                world.posts.len() - 1
            }
        };
        heard.actions += 1;
        tokio::time::sleep(SETTLE).await;
        let after = streams.snapshot();
        for &v in &present {
            let told = after[v] - before[v];
            heard.events += told;
            let degrees = world.degrees(v);
            if told > 0 && !world.sees_post(Some(v), &world.posts[post], &degrees) {
                heard.leaks.push(format!(
                    "the live stream of member {v} told of activity on a post ({}) of member {} hidden from them",
                    world.posts[post].audience, world.posts[post].author
                ));
            }
        }
    }
    heard
}

/// Runs the daily round on the birthday day and reads every mail: none carries a canary
/// its recipient may not meet; every birthday told is one its recipient may see.
pub async fn mail_and_birthdays_tell_only_who_may_see(app: &TestApp, world: &World, heard: &mut Heard) {
    let mut mails = app.deliver_mail().await;
    let round = world.birthday_round.midnight().assume_utc() + time::Duration::minutes(5 * 60 + 1);
    let now = app.clock.now();
    if round > now {
        app.clock.advance(round - now);
    }
    // The round queues the digests; the next run sends them.
    for _ in 0..3 {
        mails.extend(app.deliver_mail().await);
    }
    heard.mails = mails.len();
    for mail in &mails {
        let Some(v) = world.members.iter().position(|m| mail.to.contains(&m.email)) else { continue };
        let hidden = if world.members[v].gone() {
            heard.leaks.push(format!("a mail to member {v}, who is gone"));
            continue;
        } else {
            world.hidden_from(Some(v))
        };
        for (canary, meaning) in Scanner::new(hidden).found(&mail.text()) {
            heard.leaks.push(format!("a mail to member {v}: {meaning} ({canary})"));
        }
    }
    for (v, m) in world.members.iter().enumerate().filter(|(_, m)| !m.gone()) {
        let (status, notifications) = call(app, &m.token, Method::GET, "/me/notifications", None).await;
        assert_eq!(status, StatusCode::OK, "notifications: {notifications}");
        let degrees = world.degrees(v);
        for n in notifications["items"].as_array().into_iter().flatten().filter(|n| n["kind"] == "birthday") {
            heard.birthdays += 1;
            let actor = n["actor"]["id"].as_str().unwrap_or_default().replace('-', "");
            let Some(o) = world.members.iter().position(|m| m.id.replace('-', "") == actor) else { continue };
            let visibility = world.members[o].birthday.3;
            if !world.sees_field(Some(v), o, visibility, false, degrees.get(&o).copied().filter(|d| *d > 0)) {
                heard.leaks.push(format!("member {v} told of the birthday ({visibility}) of member {o}"));
            }
        }
    }
}
