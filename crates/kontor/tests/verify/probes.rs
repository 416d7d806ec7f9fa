//! Writes on objects hidden from the one who writes: every listed action on a member, a
//! post, a contact request, an access token or a session that the model says the writer
//! may not see (a member blocked either way, suspended or closed; a post beyond its
//! audience; someone else's request, token or session) must be answered exactly as the
//! same action on an object that does not exist, and must change nothing: afterwards
//! every request still waits, every token still opens the API, every session is still
//! there.

use crate::app::TestApp;
use crate::routes::{ROUTES, Route, Who};
use crate::world::{World, call};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// The kinds of objects whose actions are probed.
pub const KINDS: [&str; 5] = ["member", "post", "request", "token", "session"];

/// What an action got: status, and the API's error code or the page's heading and the
/// address it sends the browser to (with the id written as `{id}`).
#[derive(PartialEq, Eq, Debug)]
struct Shape(StatusCode, String);

/// A body the action would accept were the object there, so that the answer is about
/// the object and not about the body.
fn api_body(path: &str) -> Option<Value> {
    let body = match path.rsplit('/').next().unwrap_or_default() {
        "contact-request" => json!({"how": "colleagues"}),
        "comments" => json!({"text": "Zqprobex"}),
        "shares" => json!({"text": "Zqprobex"}),
        "reports" => json!({"reason": "Zqprobex"}),
        "{id}" if path.starts_with("/api/v1/posts/") => json!({"text": "Zqprobex"}),
        "{id}" if path.starts_with("/api/v1/me/contacts/") => json!({"tags": [], "note": "", "grants": []}),
        _ => return None,
    };
    Some(body)
}

/// The form fields the pages' forms send (each action reads the ones it needs).
const FORM: [(&str, &str); 5] = [
    ("text", "Zqprobex"),
    ("reason", "Zqprobex"),
    ("message", "Zqprobex"),
    ("how", "colleagues"),
    ("audience", "contacts"),
];

async fn act(app: &TestApp, world: &World, v: usize, route: &Route, id: &str) -> Shape {
    let path = route.path.replace("{id}", id);
    let member = &world.members[v];
    if route.path.starts_with("/api/") {
        let method = Method::from_bytes(route.method.as_bytes()).expect("a method");
        let (status, answer) = call(app, &member.token, method, &path["/api/v1".len()..], api_body(route.path)).await;
        return Shape(status, answer["code"].as_str().unwrap_or_default().to_owned());
    }
    let r = member.browser.post_form(&path, &FORM).await;
    let status = r.status();
    let location = r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().replace(id, "{id}");
    let body = r.text().await.unwrap_or_default();
    Shape(status, format!("{location} {}", crate::app::texts(&body, "main h1").join(" ")))
}

/// The objects of `kind` hidden from member `v`, each with how it relates to `v`.
fn hidden_objects(world: &World, v: usize, degrees: &HashMap<usize, u8>, route: &Route) -> Vec<(String, &'static str)> {
    let relation = |o: usize| world.relation(Some(v), o, degrees);
    let others = (0..world.members.len()).filter(|&o| o != v);
    match route.names {
        // The blocker's own block stays theirs to see and undo.
        "member" => others
            .filter(|&o| !world.sees_member(Some(v), o))
            .filter(|&o| !(route.path.contains("block") && world.blocked_by.contains(&(v, o))))
            .map(|o| (world.members[o].id.replace('-', ""), relation(o)))
            .collect(),
        "post" => world
            .posts
            .iter()
            .filter(|p| !world.sees_post(Some(v), p, degrees))
            .map(|p| (p.id.replace('-', ""), relation(p.author)))
            .collect(),
        "request" => world
            .requests
            .iter()
            .filter(|r| r.from != v && r.to != v)
            .map(|r| (r.id.clone(), "someone else's"))
            .collect(),
        "token" => others.map(|o| (world.members[o].access_token.0.clone(), "someone else's")).collect(),
        "session" => {
            others.flat_map(|o| world.members[o].sessions.iter().map(|s| (s.clone(), "someone else's"))).collect()
        }
        _ => Vec::new(),
    }
}

/// What the probes did: requests, hidden objects asked per route and relation, leaks.
pub struct Probed {
    pub requests: usize,
    pub per_route: BTreeMap<(&'static str, &'static str, &'static str), usize>,
    pub leaks: Vec<String>,
}

/// Every listed member action on objects hidden from the writer, at most `cap` per
/// route, relation and writer; then checks that nothing changed.
pub async fn hidden_writes_answer_as_missing(app: &TestApp, world: &World, cap: usize) -> Probed {
    let routes: Vec<&Route> =
        ROUTES.iter().filter(|r| r.method != "GET" && r.who == Who::Member && KINDS.contains(&r.names)).collect();
    let missing_id = "0192f0c1-a2b3-7c4d-8e9f-a0b1c2d3e4f5";
    let mut probed = Probed { requests: 0, per_route: BTreeMap::new(), leaks: Vec::new() };
    for v in (0..world.members.len()).filter(|&v| !world.members[v].gone()) {
        let degrees = world.degrees(v);
        for route in &routes {
            let missing = act(app, world, v, route, &missing_id.replace('-', "")).await;
            probed.requests += 1;
            let mut taken: HashMap<&str, usize> = HashMap::new();
            for (id, relation) in hidden_objects(world, v, &degrees, route) {
                let count = taken.entry(relation).or_default();
                if *count >= cap {
                    continue;
                }
                *count += 1;
                let answer = act(app, world, v, route, &id).await;
                probed.requests += 1;
                *probed.per_route.entry((route.method, route.path, relation)).or_default() += 1;
                if answer != missing {
                    probed.leaks.push(format!(
                        "{} {} on a hidden {} ({relation}) as member {v}: answers {answer:?}, a missing one {missing:?}",
                        route.method, route.path, route.names
                    ));
                }
            }
        }
    }
    probed.leaks.extend(nothing_changed(app, world).await);
    probed
}

/// After the probes: every request still waits for its addressee, every token still
/// opens the API, every session is still listed.
async fn nothing_changed(app: &TestApp, world: &World) -> Vec<String> {
    let mut changed = Vec::new();
    for r in world.requests.iter().filter(|r| !world.members[r.to].gone() && !world.members[r.from].gone()) {
        let to = &world.members[r.to];
        let received = call(app, &to.token, Method::GET, "/me/contact-requests/received", None).await.1;
        if !received.as_array().is_some_and(|all| all.iter().any(|x| x["id"] == r.id.as_str())) {
            changed.push(format!("the request of member {} to member {} is gone after the probes", r.from, r.to));
        }
    }
    for (i, m) in world.members.iter().enumerate().filter(|(_, m)| !m.gone()) {
        if call(app, &m.access_token.1, Method::GET, "/me", None).await.0 != StatusCode::OK {
            changed.push(format!("the access token of member {i} no longer works after the probes"));
        }
        let sessions = call(app, &m.token, Method::GET, "/me/sessions", None).await.1;
        let listed: Vec<&str> = sessions.as_array().into_iter().flatten().filter_map(|s| s["id"].as_str()).collect();
        for s in &m.sessions {
            if !listed.contains(&s.as_str()) {
                changed.push(format!("a session of member {i} ended by the probes"));
            }
        }
    }
    changed
}
