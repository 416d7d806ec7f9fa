//! Caches proved right: random writes on one node and another, and after each, every
//! read compared between nodes whose caches and memos are on and a node that has them
//! all off (every read from the database, every answer worked out again).
//!
//! The nodes share one database. Writes go through the API of the cached nodes (on
//! PostgreSQL both of them; on SQLite the one, a single writer); then every node catches
//! up with the log, and the reads of a few viewers (after every write) or of all (every
//! tenth write, and at the end) must be equal, byte for byte, on every node.

use crate::app::{Backend, TestApp};
use crate::crash::Dice;
use crate::world::{AUDIENCES, FIELDS, LIST_SCOPES, Member, VISIBILITIES, World, call, pair, tagged_or_written};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::time::Duration;

pub struct Summary {
    pub writes: usize,
    pub kinds: usize,
    pub reads_compared: usize,
    pub erased: usize,
}

impl Summary {
    /// The part's summary line.
    pub fn line(&self, database: &str, cached_nodes: usize) -> String {
        format!(
            "caches: {database}, {} random writes of {} kinds on {cached_nodes} cached node(s) (an erasure among them, {} erased), {} reads equal to a node with every cache off",
            self.writes, self.kinds, self.erased, self.reads_compared
        )
    }
}

/// Runs `steps` random writes on `cached` (and `other`, a second cached node, on
/// PostgreSQL) and compares reads with `uncached` after each.
pub async fn cached_reads_equal_uncached(
    cached: &TestApp,
    other: Option<&TestApp>,
    uncached: &TestApp,
    members: usize,
    steps: usize,
    seed: u64,
) -> Summary {
    let mut world = World::build(cached, members, seed).await;
    let mut dice = Dice::new(seed);
    let nodes: Vec<&TestApp> = std::iter::once(cached).chain(other).chain(std::iter::once(uncached)).collect();
    let writers: Vec<&TestApp> = std::iter::once(cached).chain(other).collect();
    let mut history: Vec<String> = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    let mut compared = 0;
    let mut erased = 0;
    settle(&nodes).await;
    compared += compare(&nodes, &world, None, &history).await;
    for step in 0..steps {
        let writer = writers[dice.below(writers.len() as u64) as usize];
        let done = if step == steps / 2 {
            erased += erase_one(writer, &mut world, &mut dice).await;
            "erase".to_owned()
        } else {
            write(writer, &mut world, &mut dice).await
        };
        kinds.insert(done.split(' ').next().unwrap_or("").to_owned());
        history.push(format!("{step}: {done} (on {})", writer.base));
        settle(&nodes).await;
        let viewers = if step % 10 == 9 || step + 1 == steps { None } else { Some(2) };
        compared += compare(&nodes, &world, viewers.map(|n| (n, &mut dice)), &history).await;
    }
    Summary { writes: steps, kinds: kinds.len(), reads_compared: compared, erased }
}

/// Every node applies the log up to its end.
async fn settle(nodes: &[&TestApp]) {
    let newest = nodes[0].node.kontor.store().log_newest().await.expect("the log's end");
    for node in nodes {
        let tailer = &node.node.kontor.derived().tailer;
        assert!(tailer.catch_up_to(newest, Duration::from_secs(10)).await, "{} caught up", node.base);
    }
    // The graph is an index, not a cache: every node's must be the same.
    let graph = |app: &TestApp| {
        let s = app.node.kontor.derived().network.snapshot();
        (0..s.bound() as u32).map(|v| (v, s.is_active(v), s.tag(v), s.neighbours(v))).collect::<Vec<_>>()
    };
    let first = graph(nodes[0]);
    for node in &nodes[1..] {
        let other = graph(node);
        let differs: Vec<_> = first.iter().zip(&other).filter(|(a, b)| a != b).collect();
        assert!(differs.is_empty() && first.len() == other.len(), "graphs differ on {}: {differs:?}", node.base);
    }
}

/// The members still there (neither suspended, closed nor erased).
fn present(world: &World) -> Vec<usize> {
    (0..world.members.len()).filter(|&i| !world.members[i].gone()).collect()
}

fn pick<T: Copy>(dice: &mut Dice, from: &[T]) -> Option<T> {
    (!from.is_empty()).then(|| from[dice.below(from.len() as u64) as usize])
}

/// One random write by a present member; returns what it was.
async fn write(app: &TestApp, world: &mut World, dice: &mut Dice) -> String {
    let here = present(world);
    let (Some(a), Some(b)) = (pick(dice, &here), pick(dice, &here)) else { return "nothing".into() };
    let (ma, mb) = (&world.members[a], &world.members[b]);
    let post = pick(dice, &(0..world.posts.len()).collect::<Vec<_>>()).map(|p| world.posts[p].id.clone());
    let kind = dice.below(15);
    let (what, status) = match kind {
        0 | 1 => {
            let audience = AUDIENCES[dice.below(4) as usize];
            let body = json!({"text": format!("Neues von zq{a:02} {}", dice.below(1000)), "audience": audience});
            let (status, answer) = call(app, &ma.token, Method::POST, "/posts", Some(body)).await;
            if status == StatusCode::CREATED {
                let id = answer["id"].as_str().expect("an id").to_owned();
                world.posts.push(crate::world::Post {
                    id,
                    author: a,
                    audience,
                    canary: String::new(),
                    names: Vec::new(),
                });
            }
            ("post", status)
        }
        2 | 3 => match post {
            Some(p) => ("like", call(app, &ma.token, Method::PUT, &format!("/posts/{p}/like"), None).await.0),
            None => ("like", StatusCode::NOT_FOUND),
        },
        4 => match post {
            Some(p) => ("unlike", call(app, &ma.token, Method::DELETE, &format!("/posts/{p}/like"), None).await.0),
            None => ("unlike", StatusCode::NOT_FOUND),
        },
        5 => match post {
            Some(p) => {
                let body = json!({"text": format!("Antwort von {}", ma.name)});
                ("comment", call(app, &ma.token, Method::POST, &format!("/posts/{p}/comments"), Some(body)).await.0)
            }
            None => ("comment", StatusCode::NOT_FOUND),
        },
        6 => {
            let own: Vec<usize> = (0..world.posts.len()).filter(|&p| world.posts[p].author == a).collect();
            match pick(dice, &own) {
                Some(p) => {
                    let id = world.posts.remove(p).id;
                    ("delete_post", call(app, &ma.token, Method::DELETE, &format!("/posts/{id}"), None).await.0)
                }
                None => ("delete_post", StatusCode::NOT_FOUND),
            }
        }
        7 if a != b => {
            let path = format!("/members/{}/contact-request", mb.id);
            let (status, _) = call(app, &ma.token, Method::POST, &path, Some(json!({"how": "colleagues"}))).await;
            let received = call(app, &mb.token, Method::GET, "/me/contact-requests/received", None).await.1;
            let id = received.as_array().into_iter().flatten().find_map(|r| {
                let from = r["from"]["id"].as_str()?.replace('-', "");
                (from == ma.id.replace('-', "")).then(|| r["id"].as_str().map(str::to_owned)).flatten()
            });
            if let Some(id) = id {
                let path = format!("/me/contact-requests/{id}/accept");
                let accepted = call(app, &mb.token, Method::POST, &path, None).await.0;
                if accepted == StatusCode::NO_CONTENT {
                    world.contacts.insert(pair(a, b));
                }
            }
            ("connect", status)
        }
        8 if a != b => {
            world.contacts.remove(&pair(a, b));
            ("remove_contact", call(app, &ma.token, Method::DELETE, &format!("/me/contacts/{}", mb.id), None).await.0)
        }
        9 => ("visibility", call(app, &ma.token, Method::PUT, "/me/profile", Some(profile(ma, dice))).await.0),
        10 if a != b => {
            let grants = if dice.below(2) == 0 { json!(["private_contact"]) } else { json!([]) };
            let edit = json!({"tags": [], "note": "", "grants": grants});
            ("grant", call(app, &ma.token, Method::PUT, &format!("/me/contacts/{}", mb.id), Some(edit)).await.0)
        }
        11 if a != b => {
            let path = format!("/me/blocks/{}", mb.id);
            if dice.below(2) == 0 {
                world.contacts.remove(&pair(a, b));
                ("block", call(app, &ma.token, Method::PUT, &path, None).await.0)
            } else {
                ("unblock", call(app, &ma.token, Method::DELETE, &path, None).await.0)
            }
        }
        12 if a != b => {
            let path = format!("/me/mutes/{}", mb.id);
            let method = if dice.below(2) == 0 { Method::PUT } else { Method::DELETE };
            ("mute", call(app, &ma.token, method, &path, None).await.0)
        }
        13 => {
            let settings = json!({"list_visibility": LIST_SCOPES[dice.below(4) as usize]});
            ("list_scope", call(app, &ma.token, Method::PUT, "/me/contact-settings", Some(settings)).await.0)
        }
        _ => {
            let reach = ["nobody", "contacts", "members"][dice.below(3) as usize];
            let ticker = json!({"announce_contacts": dice.below(2) == 0, "profile_reach": reach, "birthday": true});
            ("ticker_settings", call(app, &ma.token, Method::PUT, "/me/ticker-settings", Some(ticker)).await.0)
        }
    };
    assert!(status.as_u16() < 500, "{what} by {a} answered {status}");
    format!("{what} {a}->{b} {status}")
}

/// A member's profile again, with every field's visibility drawn anew.
fn profile(m: &Member, dice: &mut Dice) -> Value {
    let mut visibility = serde_json::Map::new();
    for (field, _) in FIELDS {
        visibility.insert(field.to_owned(), json!(VISIBILITIES[dice.below(5) as usize]));
    }
    visibility.insert("name".into(), json!(if dice.below(2) == 0 { "public" } else { "members" }));
    visibility.insert("birthday".into(), json!(VISIBILITIES[dice.below(5) as usize]));
    let mut form = json!({"name": m.name, "visibility": visibility,
        "birthday": format!("{}-{:02}-{:02}", m.birthday.0, m.birthday.1, m.birthday.2)});
    for (field, key) in FIELDS {
        let canary = &m.fields[field].1;
        form[key] = tagged_or_written(key, canary);
    }
    form
}

/// An administrator erases a present member for good (a `MemberErased` entry).
/// Returns how many went.
async fn erase_one(app: &TestApp, world: &mut World, dice: &mut Dice) -> usize {
    let Some(i) = pick(dice, &present(world)) else { return 0 };
    let admin = app.api_session("olga@example.org", crate::app::PASSWORD).await;
    let path = format!("/admin/members/{}/delete", world.members[i].id);
    let (status, answer) = call(app, &admin, Method::POST, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "erasing a member: {answer}");
    world.members[i].closed = true;
    world.posts.retain(|p| p.author != i);
    world.contacts.retain(|&(a, b)| a != i && b != i);
    1
}

/// The reads of `viewers` (a random few, or all) on every node: equal everywhere.
/// Returns how many reads were compared.
async fn compare(nodes: &[&TestApp], world: &World, viewers: Option<(usize, &mut Dice)>, history: &[String]) -> usize {
    let here = present(world);
    let chosen: Vec<usize> = match viewers {
        Some((n, dice)) => (0..n).filter_map(|_| pick(dice, &here)).collect(),
        None => here.clone(),
    };
    let mut paths: Vec<String> = [
        "/me/ticker",
        "/me/suggestions",
        "/me/matches?limit=50",
        "/me/matches?meeting=they_seek&limit=50",
        "/me/network",
        "/me/contacts",
        "/me/notifications/unread",
        "/me/notifications",
    ]
    .map(str::to_owned)
    .into();
    for m in &world.members {
        paths.push(format!("/members/{}", m.id));
        paths.push(format!("/members/{}/network", m.id));
    }
    for p in &world.posts {
        paths.push(format!("/posts/{}", p.id));
    }
    let mut compared = 0;
    let tokens: Vec<Option<&str>> =
        chosen.iter().map(|&i| Some(world.members[i].token.as_str())).chain(std::iter::once(None)).collect();
    for token in tokens {
        for path in &paths {
            if token.is_none() && path.starts_with("/me/") {
                continue;
            }
            let first = read(nodes[0], token, path).await;
            for node in &nodes[1..] {
                let answer = read(node, token, path).await;
                if answer == first {
                    compared += 1;
                    continue;
                }
                // Which is right: a node started now builds everything from the database.
                let backend = if nodes[0].settings.database_url.starts_with("postgres") {
                    Backend::Postgres
                } else {
                    Backend::Sqlite
                };
                let fresh = nodes[0].node_beside(backend, |s| s.caches = false).await;
                let truth = read(&fresh, token, path).await;
                fresh.stop().await;
                panic!(
                    "GET {path} as {} differs between {} ({}) and {} ({}); a node started now says {}.\nlast writes:\n{}",
                    token.map_or("a visitor".to_owned(), |t| world
                        .members
                        .iter()
                        .find(|m| m.token == t)
                        .map_or("?".into(), |m| m.name.clone())),
                    nodes[0].base,
                    show(&first),
                    node.base,
                    show(&answer),
                    show(&truth),
                    history.iter().rev().take(6).rev().cloned().collect::<Vec<_>>().join("\n"),
                );
            }
        }
    }
    compared
}

fn show((status, body): &(StatusCode, String)) -> String {
    format!("{status} {}", body.chars().take(600).collect::<String>())
}

async fn read(app: &TestApp, token: Option<&str>, path: &str) -> (StatusCode, String) {
    let mut request = reqwest::Client::new().get(format!("{}/api/v1{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("a read");
    (response.status(), response.text().await.expect("a body"))
}
