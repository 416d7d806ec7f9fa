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
use crate::channels::{self, Streams};
use crate::probes;
use crate::routes::{ROUTES, Route, Who};
use crate::world::{Member, World};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The GET routes the oracle reads per object, by what their id names; the writes on
/// these and on [`probes::KINDS`] are probed on hidden objects. A listed route naming an
/// object neither here, there nor in [`NOT_YET`] fails the oracle: a new kind of object
/// must be taught to it.
const COVERED: [&str; 2] = ["member", "post"];
/// Kinds of objects the oracle does not ask about, and why.
const NOT_YET: [(&str, &str); 4] = [
    (
        "search",
        "saved searches: only ever their member's own; another's answers as missing (tests/http/people_search.rs)",
    ),
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

/// The member a card in an API answer names (ids in JSON carry dashes, the index none).
fn member_of(card: &Value, index: &HashMap<String, usize>) -> Option<usize> {
    card["id"].as_str().and_then(|id| index.get(&id.replace('-', ""))).copied()
}

/// How many members the oracle asks `/api/v1/me/matches` for (its most).
const MATCHES_ASKED: usize = 50;

/// Who offers what `v` seeks (`field` "haves"), or seeks what `v` offers ("wants"):
/// everyone has the shared tag in both, so the answer must be the members whose `field`
/// `v` may see, all of them if fewer than asked for. One more is a leak through a hidden
/// field; one fewer is a miss.
fn match_claims(
    world: &World,
    v: usize,
    degrees: &HashMap<usize, u8>,
    (what, field): (&str, &str),
    body: &str,
    index: &HashMap<String, usize>,
) -> Vec<String> {
    let found: BTreeSet<usize> = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|json| json.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|m| member_of(&m["member"], index))
        .collect();
    let expected: BTreeSet<usize> = (0..world.members.len())
        .filter(|&o| o != v)
        .filter(|&o| {
            let degree = degrees.get(&o).copied().filter(|d| *d > 0);
            world.sees_field(Some(v), o, world.members[o].fields[field].0, false, degree)
        })
        .collect();
    let as_who = format!("GET {what} as member {v}");
    let mut claims: Vec<String> = found
        .difference(&expected)
        .map(|o| format!("{as_who}: member {o} found through {field} the viewer may not see"))
        .collect();
    if found.len() < expected.len().min(MATCHES_ASKED) {
        let missed: Vec<&usize> = expected.difference(&found).collect();
        claims.push(format!("{as_who}: {} found of {} who meet (not found: {missed:?})", found.len(), expected.len()));
    }
    claims
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
    let member = |card: &Value| member_of(card, index);
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

/// Runs the oracle on a world of `n` members; returns the summary line. `full`: the
/// full mode, which asks at least [`FULL_HIDDEN`] hidden objects per route and relation.
pub async fn no_leaks(app: &TestApp, n: usize, seed: u64, backend: &str, full: bool) -> String {
    // Every GET route that names something is covered or named as not yet.
    let untaught: Vec<&Route> = ROUTES
        .iter()
        .filter(|r| !r.names.is_empty() && r.who != Who::Admin)
        .filter(|r| !COVERED.contains(&r.names) && !probes::KINDS.contains(&r.names))
        .filter(|r| !NOT_YET.iter().any(|(k, _)| *k == r.names))
        .collect();
    assert!(untaught.is_empty(), "routes naming objects the oracle does not know: {untaught:?}");

    let mut world = World::build(app, n, seed).await;
    let streams = Streams::open(&world).await;
    let mut heard =
        channels::live_tells_only_who_may_see(app, &mut world, &streams, if full { 40 } else { 8 }, seed).await;
    channels::mail_and_birthdays_tell_only_who_may_see(app, &world, &mut heard).await;
    let mut leaks = std::mem::take(&mut heard.leaks);
    let asked = ask_every_route(app, &world, &mut leaks).await;

    // Writes on hidden objects: answered as missing, changing nothing, telling no one.
    let before = streams.snapshot();
    let probed = probes::hidden_writes_answer_as_missing(app, &world, if full { 3 } else { 1 }).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    if streams.snapshot() != before {
        leaks.push("writes on hidden objects told someone over the live stream".to_owned());
    }
    let mails = app.deliver_mail().await;
    leaks.extend(mails.iter().map(|m| format!("writes on hidden objects sent a mail to {:?}", m.to)));
    streams.close();
    leaks.extend(probed.leaks);

    leaks.sort();
    leaks.dedup();
    assert!(leaks.is_empty(), "{} leaks, by kind:\n{}", leaks.len(), by_kind(&leaks));
    // Every route asked with every relation under which something is hidden.
    let written: BTreeSet<(&str, &str)> = probed.per_route.keys().map(|(m, p, _)| (*m, *p)).collect();
    let mut hidden = asked.hidden;
    hidden.extend(probed.per_route);
    let floor = if full { FULL_HIDDEN } else { 1 };
    let mut thin = Vec::new();
    let mut least = usize::MAX;
    for route in ROUTES.iter().filter(|r| r.who != Who::Admin) {
        for relation in hidden_relations(route) {
            let count = hidden.get(&(route.method, route.path, relation)).copied().unwrap_or(0);
            least = least.min(count);
            if count < floor {
                thin.push(format!("{} {} {relation}: {count}", route.method, route.path));
            }
        }
    }
    assert!(
        thin.is_empty(),
        "routes and relations asked about fewer than {floor} hidden objects:\n{}",
        thin.join("\n")
    );
    let relations: Vec<String> = asked.per_relation.iter().map(|(r, c)| format!("{r} {c}")).collect();
    format!(
        "oracle: {backend}, {n} members, {} contacts, {} blocks, {} grants, {} requests, {} posts; {} requests over {} \
         routes ({}), at least {least} hidden objects per route and relation; {} writes on hidden objects; {} live actions \
         heard {} times, {} mails, {} birthdays told; 0 leaks",
        world.contacts.len(),
        world.blocks.len(),
        world.grants.len(),
        world.requests.len(),
        world.posts.len(),
        asked.requests + probed.requests,
        asked.covered + written.len(),
        relations.join(", "),
        probed.requests,
        heard.actions,
        heard.events,
        heard.mails,
        heard.birthdays,
    )
}

/// The leaks grouped by what they say with numbers and ids taken out, each kind with
/// its count and one example: a few hundred findings read as a handful of causes.
fn by_kind(leaks: &[String]) -> String {
    let mut kinds: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for leak in leaks {
        let mut kind = String::new();
        for word in leak.split(' ') {
            let plain = word.trim_matches(|c: char| !c.is_alphanumeric());
            let id = plain.len() >= 16 && plain.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
            let numeric = id || (!plain.is_empty() && plain.chars().all(|c| c.is_ascii_digit()));
            kind.push_str(if numeric { "#" } else { word });
            kind.push(' ');
        }
        kinds.entry(kind).or_insert((0, leak)).0 += 1;
    }
    kinds
        .iter()
        .map(|(kind, (n, example))| format!("{n} × {kind}\n      e.g. {example}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// In the full mode, the fewest hidden objects any route is asked about per relation.
const FULL_HIDDEN: usize = 20;

/// The relations under which a route must be asked about objects with something hidden:
/// for a member, every relation but oneself (a visitor only where visitors may ask); for
/// a post, every author it can be hidden from (a direct contact sees every audience);
/// for a write, the members hidden from the writer; for someone else's request, token or
/// session, that.
fn hidden_relations(route: &Route) -> &'static [&'static str] {
    const GONE: [&str; 3] = ["blocked", "suspended", "closed"];
    const MEMBERS: [&str; 8] = ["anonymous", "1st", "2nd", "3rd-4th", "unrelated", "blocked", "suspended", "closed"];
    const POSTS: [&str; 7] = ["anonymous", "2nd", "3rd-4th", "unrelated", "blocked", "suspended", "closed"];
    let visitors = usize::from(route.who != Who::Anyone);
    match (route.method, route.names) {
        ("GET", "member") => &MEMBERS[visitors..],
        ("GET", "post") => &POSTS[visitors..],
        (_, "member") => &GONE,
        (_, "post") => &POSTS[1..],
        (_, "request" | "token" | "session") => &["someone else's"],
        _ => &[],
    }
}

/// What asking every readable route found: requests, routes, requests per relation, and
/// per (method, route, relation) how many objects with something hidden were asked.
struct Asked {
    requests: usize,
    covered: usize,
    per_relation: BTreeMap<&'static str, usize>,
    hidden: BTreeMap<(&'static str, &'static str, &'static str), usize>,
}

/// Every GET route that lists things, and every one that names a member or a post for
/// every member and post, asked by every viewer (anonymous and each member).
async fn ask_every_route(app: &TestApp, world: &World, leaks: &mut Vec<String>) -> Asked {
    let n = world.members.len();
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
    let mut requests = 0usize;
    let mut per_relation: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hidden_asked = BTreeMap::new();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for &asker in &viewers {
        // A suspended or closed member's sessions are over: they ask as a visitor would.
        let v = asker.filter(|&v| !world.members[v].gone());
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
                network_claims(world, v, &degrees, &json, &index, &mut claims);
                leaks.extend(claims.into_iter().map(|c| format!("{what} as {who}: {c}")));
            }
        };
        for route in &list_routes {
            if route.who == Who::Member && v.is_none() {
                continue;
            }
            let path = match route.path {
                "/people" | "/api/v1/people" | "/api/v1/search/people" => format!("{}?q=Zqn", route.path),
                "/search/posts" | "/api/v1/search/posts" => format!("{}?q=zq", route.path),
                "/search/suggest" => format!("{}?q=Zq", route.path),
                "/mentions" | "/api/v1/me/mention-suggestions" => format!("{}?q=Zq", route.path),
                "/api/v1/me/matches" => format!("{}?limit={MATCHES_ASKED}", route.path),
                p => p.to_owned(),
            };
            let answer = ask(app, viewer, &anonymous, &path).await;
            requests += 1;
            covered.insert(route.path);
            check(format!("GET {path}"), &answer, leaks);
            if let (Some(v), "/api/v1/me/matches") = (v, route.path) {
                leaks.extend(match_claims(world, v, &degrees, (&path, "haves"), &answer.body, &index));
                let path = format!("{path}&meeting=they_seek");
                let answer = ask(app, viewer, &anonymous, &path).await;
                requests += 1;
                check(format!("GET {path}"), &answer, leaks);
                leaks.extend(match_claims(world, v, &degrees, (&path, "wants"), &answer.body, &index));
            }
            if let (Some(v), "/api/v1/search/people") = (v, route.path) {
                let (asked, claims) = crate::finding::search_claims(app, world, v, &degrees, &index).await;
                requests += asked;
                leaks.extend(claims);
            }
            if let (Some(v), "/api/v1/search/posts") = (v, route.path) {
                crate::finding::posts_indexed(app, world).await;
                let (asked, claims) = crate::finding::post_claims(app, world, v, &degrees).await;
                requests += asked;
                leaks.extend(claims);
            }
        }
        for route in &object_routes {
            if route.who == Who::Member && v.is_none() {
                continue;
            }
            covered.insert(route.path);
            let missing = ask(app, viewer, &anonymous, &route.path.replace("{id}", missing_member)).await;
            requests += 1;
            // Each object: its id, whether the viewer may see it, whether anything of it
            // is hidden from them, and how it relates to them.
            let objects: Vec<(String, bool, bool, &str)> = match route.names {
                "member" => (0..n)
                    .map(|o| {
                        let m = &world.members[o];
                        let hides = world.hides_something_of(v, o, &degrees);
                        (m.id.clone(), world.sees_member(v, o), hides, world.relation(v, o, &degrees))
                    })
                    .collect(),
                _ => world
                    .posts
                    .iter()
                    .map(|p| {
                        let sees = world.sees_post(v, p, &degrees);
                        (p.id.clone(), sees, !sees, world.relation(v, p.author, &degrees))
                    })
                    .collect(),
            };
            for (id, visible, hides, relation) in objects {
                let path = route.path.replace("{id}", &id.replace('-', ""));
                let answer = ask(app, viewer, &anonymous, &path).await;
                requests += 1;
                *per_relation.entry(relation).or_default() += 1;
                if hides {
                    *hidden_asked.entry((route.method, route.path, relation)).or_default() += 1;
                }
                check(format!("GET {path}"), &answer, leaks);
                if !visible && (answer.status, &answer.shape) != (missing.status, &missing.shape) {
                    leaks.push(format!(
                        "GET {path} as {who}: hidden answers {} {:?}, missing {} {:?}",
                        answer.status, answer.shape, missing.status, missing.shape
                    ));
                }
            }
        }
    }
    Asked { requests, covered: covered.len(), per_relation, hidden: hidden_asked }
}
