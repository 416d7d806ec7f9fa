//! The visibility oracle: a random network with random settings is built through the
//! API, then every GET route of the list that names a member or a post is asked for
//! every member and post by every viewer (anonymous, each member), and so are the
//! routes that list things. Every hidden value is a canary, a string that appears nowhere
//! else; a reference model of who may see what, written from the product's rules
//! and never calling the policy module, says which canaries each viewer may meet. Any
//! other canary in an answer is a leak; so is a hidden member or post answered otherwise
//! than one that does not exist.
//!
//! The network is built in `world.rs`, the model is `model.rs`, the canaries are found by
//! `canaries.rs`; this file asks the routes and compares.

use crate::app::{Browser, TestApp};
use crate::canaries::Scanner;
use crate::routes::{ROUTES, Route, Who};
use crate::world::{Member, World};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The GET routes the oracle asks per object, by what their id names. A listed GET route
/// whose `names` is neither here nor in [`NOT_YET`] fails the oracle: a new kind of object
/// must be taught to it.
const COVERED: [&str; 2] = ["member", "post"];
/// Kinds of objects the oracle does not ask about yet (each a next step), and why.
const NOT_YET: [(&str, &str); 6] = [
    ("request", "contact requests: only their two members are shown them"),
    ("token", "access tokens: the owner's settings only"),
    ("session", "sessions: the owner's settings only"),
    ("job", "parked jobs: administrators only"),
    ("photo", "photo files: their visibility is the photo field's, checked on the profile"),
    ("legal", "the legal pages: public by design"),
];

/// What a viewer's request got: status, the API's error code or the page's heading,
/// and the body.
struct Answer {
    status: StatusCode,
    shape: String,
    body: String,
}

async fn ask(app: &TestApp, viewer: Option<&Member>, anonymous: &Browser, path: &str) -> Answer {
    let r = if path.starts_with("/api/") {
        let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
        if let Some(v) = viewer {
            request = request.bearer_auth(&v.token);
        }
        request.send().await.expect("a request")
    } else {
        viewer.map_or(anonymous, |v| &v.browser).get(path).await
    };
    let status = r.status();
    let body = r.text().await.unwrap_or_default();
    let shape = if path.starts_with("/api/") {
        serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned))
            .unwrap_or_default()
    } else {
        crate::app::texts(&body, "main h1").join(" ")
    };
    Answer { status, shape, body }
}

/// What the network answers of an API answer say that the model does not: a member's
/// degree on any card, and a tie's paths and shared contacts, each of which must be on the
/// viewer's revealed graph.
fn network_claims(
    world: &World,
    v: usize,
    degrees: &HashMap<usize, u8>,
    body: &Value,
    index: &HashMap<String, usize>,
    out: &mut Vec<String>,
) {
    let member = |card: &Value| card["id"].as_str().and_then(|id| index.get(&id.replace('-', ""))).copied();
    match body {
        Value::Object(map) => {
            if let (Some(o), Some(claimed)) = (member(body), map.get("degree"))
                && map.contains_key("name")
                && o != v
            {
                let expected = degrees.get(&o).copied().filter(|d| *d > 0);
                if claimed.as_u64().map(|d| d as u8) != expected {
                    out.push(format!("member {o} shown at degree {claimed}, the model says {expected:?}"));
                }
            }
            if let Some(paths) = map.get("paths").and_then(Value::as_array) {
                for path in paths {
                    let steps: Vec<Option<usize>> = path.as_array().into_iter().flatten().map(member).collect();
                    for hop in steps.windows(2) {
                        if let [Some(a), Some(b)] = hop
                            && !world.revealed(v, *a, *b)
                        {
                            out.push(format!("a path steps over the contact {a}–{b}, hidden from the viewer"));
                        }
                    }
                }
            }
            if let Some(shared) = map.get("shared").and_then(Value::as_array)
                && let Some(owner) =
                    map.get("paths").and_then(|p| p[0].as_array()).and_then(|p| p.last()).and_then(member)
            {
                for x in shared.iter().filter_map(member) {
                    if !(world.contact(v, x) && world.revealed(v, owner, x)) {
                        out.push(format!("member {x} shown as shared with {owner}, which the viewer may not see"));
                    }
                }
            }
            for value in map.values() {
                network_claims(world, v, degrees, value, index, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                network_claims(world, v, degrees, item, index, out);
            }
        }
        _ => {}
    }
}

/// Runs the oracle on a world of `n` members; returns the summary line.
pub async fn no_leaks(app: &TestApp, n: usize, seed: u64, backend: &str) -> String {
    // Every GET route that names something is covered or named as not yet.
    let untaught: Vec<&Route> = ROUTES
        .iter()
        .filter(|r| r.method == "GET" && !r.names.is_empty())
        .filter(|r| !COVERED.contains(&r.names) && !NOT_YET.iter().any(|(k, _)| *k == r.names))
        .collect();
    assert!(untaught.is_empty(), "routes naming objects the oracle does not know: {untaught:?}");

    let world = World::build(app, n, seed).await;
    let index: HashMap<String, usize> =
        world.members.iter().enumerate().map(|(i, m)| (m.id.replace('-', ""), i)).collect();
    let anonymous = app.browser();
    let viewers: Vec<Option<usize>> = std::iter::once(None).chain((0..n).map(Some)).collect();
    let object_routes: Vec<&Route> =
        ROUTES.iter().filter(|r| r.method == "GET" && COVERED.contains(&r.names) && r.who != Who::Admin).collect();
    let list_routes: Vec<&Route> = ROUTES
        .iter()
        .filter(|r| r.method == "GET" && r.names.is_empty() && r.who != Who::Admin && !r.path.contains('{'))
        .filter(|r| !matches!(r.path, "/live" | "/metrics" | "/healthz") && !r.path.starts_with("/static/"))
        .collect();
    let missing_member = "0192f0c1a2b37c4d8e9fa0b1c2d3e4f5";
    let mut leaks = Vec::new();
    let mut requests = 0usize;
    let mut per_relation: BTreeMap<&str, usize> = BTreeMap::new();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for &asker in &viewers {
        // A suspended member's sessions are over: they ask as a visitor would.
        let v = asker.filter(|&v| !world.members[v].suspended);
        let viewer = asker.map(|v| &world.members[v]);
        let hidden = Scanner::new(world.hidden_from(v));
        let degrees = v.map(|v| world.degrees(v)).unwrap_or_default();
        let who = asker.map_or("anonymous".to_owned(), |v| format!("member {v}"));
        let check = |what: String, answer: &Answer, leaks: &mut Vec<String>| {
            for (canary, meaning) in hidden.found(&answer.body) {
                leaks.push(format!("{what} as {who}: {meaning} ({canary})"));
            }
            if let Some(v) = v
                && what.starts_with("GET /api/")
                && let Ok(json) = serde_json::from_str::<Value>(&answer.body)
            {
                let mut claims = Vec::new();
                network_claims(&world, v, &degrees, &json, &index, &mut claims);
                leaks.extend(claims.into_iter().map(|c| format!("{what} as {who}: {c}")));
            }
        };
        for route in &list_routes {
            if route.who == Who::Member && v.is_none() {
                continue;
            }
            let path = match route.path {
                "/people" | "/api/v1/people" => format!("{}?q=Zqn", route.path),
                "/mentions" | "/api/v1/me/mention-suggestions" => format!("{}?q=Zq", route.path),
                p => p.to_owned(),
            };
            let answer = ask(app, viewer, &anonymous, &path).await;
            requests += 1;
            covered.insert(route.path);
            check(format!("GET {path}"), &answer, &mut leaks);
        }
        for route in &object_routes {
            if route.who == Who::Member && v.is_none() {
                continue;
            }
            covered.insert(route.path);
            let missing = ask(app, viewer, &anonymous, &route.path.replace("{id}", missing_member)).await;
            requests += 1;
            let objects: Vec<(String, bool, &str)> = match route.names {
                "member" => world
                    .members
                    .iter()
                    .enumerate()
                    .map(|(o, m)| {
                        let relation = match v {
                            None => "anonymous",
                            Some(v) if v == o => "self",
                            Some(v) if world.blocked(v, o) => "blocked",
                            Some(_) if m.suspended => "suspended",
                            Some(_) => match degrees.get(&o) {
                                Some(1) => "1st",
                                Some(2) => "2nd",
                                Some(_) => "3rd-4th",
                                None => "unrelated",
                            },
                        };
                        (m.id.clone(), world.sees_member(v, o), relation)
                    })
                    .collect(),
                _ => world
                    .posts
                    .iter()
                    .map(|p| {
                        (p.id.clone(), world.sees_post(v, p, &degrees), if v.is_none() { "anonymous" } else { "post" })
                    })
                    .collect(),
            };
            for (id, visible, relation) in objects {
                let path = route.path.replace("{id}", &id.replace('-', ""));
                let answer = ask(app, viewer, &anonymous, &path).await;
                requests += 1;
                *per_relation.entry(relation).or_default() += 1;
                check(format!("GET {path}"), &answer, &mut leaks);
                if !visible && (answer.status, &answer.shape) != (missing.status, &missing.shape) {
                    leaks.push(format!(
                        "GET {path} as {who}: hidden answers {} {:?}, missing {} {:?}",
                        answer.status, answer.shape, missing.status, missing.shape
                    ));
                }
            }
        }
    }
    leaks.sort();
    leaks.dedup();
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.iter().take(60).cloned().collect::<Vec<_>>().join("\n")
    );
    let relations: Vec<String> = per_relation.iter().map(|(r, c)| format!("{r} {c}")).collect();
    format!(
        "oracle: {backend}, {n} members, {} contacts, {} blocks, {} grants, {} posts; {requests} requests over {} routes \
         ({}), 0 leaks",
        world.contacts.len(),
        world.blocks.len(),
        world.grants.len(),
        world.posts.len(),
        covered.len(),
        relations.join(", ")
    )
}
