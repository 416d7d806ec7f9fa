//! The oracle's brute-force reference for search: every searchable canary of every
//! member is searched for by each viewer, and the members found must be exactly those
//! with a field the reference model lets the viewer see whose canary is the query or
//! within two typos of it (canaries differ in a member's number, so typos meet others').
//! One more is a leak through a hidden field; one fewer is a miss.

use crate::app::TestApp;
use crate::world::World;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// The fields search reads, as the world names them (contact data and birthdays are
/// never searched).
const SEARCHED: [&str; 7] = ["headline", "position", "location", "industry", "about", "haves", "wants"];

/// Asks `/api/v1/search/people` as member `v` for every searched canary; returns how many
/// requests it made and what the answers claim that the model does not.
pub async fn search_claims(
    app: &TestApp,
    world: &World,
    v: usize,
    degrees: &HashMap<usize, u8>,
    index: &HashMap<String, usize>,
) -> (usize, Vec<String>) {
    let viewer = &world.members[v];
    let mut claims = Vec::new();
    let mut requests = 0;
    for owner in &world.members {
        for field in SEARCHED {
            let (visibility, canary) = &owner.fields[field];
            let path = format!("/api/v1/search/people?q={canary}");
            let r = reqwest::Client::new().get(format!("{}{path}", app.base)).bearer_auth(&viewer.token).send().await;
            let answer: Value = r.expect("a search").json().await.unwrap_or(Value::Null);
            requests += 1;
            let found: BTreeSet<usize> = answer["hits"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .filter_map(|hit| hit["member"]["id"].as_str().and_then(|id| index.get(&id.replace('-', ""))).copied())
                .collect();
            let expected = expected(world, v, degrees, canary);
            let as_who = format!("GET {path} as member {v}");
            for leaked in found.difference(&expected) {
                claims.push(format!("{as_who}: member {leaked} found, with no field the viewer may see that meets"));
            }
            if found.len() < expected.len().min(PER_PAGE) {
                let missed: Vec<&usize> = expected.difference(&found).collect();
                claims.push(format!("{as_who}: {field} is {visibility}; not found: {missed:?}"));
            }
            if answer["found"].as_u64() != Some(expected.len() as u64) && found == expected {
                claims.push(format!("{as_who}: counts {} found, the model {}", answer["found"], expected.len()));
            }
        }
    }
    (requests, claims)
}

/// Asks `/api/v1/search/posts` as member `v` for every post's canary: the posts found
/// must be exactly those the model lets `v` read whose canary is within two typos.
pub async fn post_claims(app: &TestApp, world: &World, v: usize, degrees: &HashMap<usize, u8>) -> (usize, Vec<String>) {
    let viewer = &world.members[v];
    let mut claims = Vec::new();
    for post in &world.posts {
        let path = format!("/api/v1/search/posts?q={}", post.canary);
        let r = reqwest::Client::new().get(format!("{}{path}", app.base)).bearer_auth(&viewer.token).send().await;
        let answer: Value = r.expect("a search").json().await.unwrap_or(Value::Null);
        let found: BTreeSet<String> = answer["hits"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|hit| hit["id"].as_str().map(|id| id.replace('-', "")))
            .collect();
        let expected: BTreeSet<String> = world
            .posts
            .iter()
            .filter(|p| typos(&p.canary, &post.canary) <= 2 && world.sees_post(Some(v), p, degrees))
            .map(|p| p.id.replace('-', ""))
            .collect();
        let as_who = format!("GET {path} as member {v}");
        for leaked in found.difference(&expected) {
            claims.push(format!("{as_who}: post {leaked} found, which the viewer may not read"));
        }
        if found.len() < expected.len().min(PER_PAGE) {
            claims.push(format!("{as_who}: {} of {} readable posts found", found.len(), expected.len()));
        }
    }
    (world.posts.len(), claims)
}

/// Waits until the index has taken in the world's posts (it does so in the background,
/// within a moment): each author finds their newest post.
pub async fn posts_indexed(app: &TestApp, world: &World) {
    let Some(last) = world.posts.last() else { return };
    let author = &world.members[last.author];
    for _ in 0..100 {
        let path = format!("{}/api/v1/search/posts?q={}", app.base, last.canary);
        let r = reqwest::Client::new().get(path).bearer_auth(&author.token).send().await.expect("a search");
        let answer: Value = r.json().await.unwrap_or(Value::Null);
        if answer["found"].as_u64().unwrap_or(0) > 0 || author.gone() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the search index has not taken in the posts within five seconds");
}

/// A page of search answers.
const PER_PAGE: usize = 20;

/// The members `v` must find for `query`: those with a searched field `v` may see whose
/// canary is within two typos of it.
fn expected(world: &World, v: usize, degrees: &HashMap<usize, u8>, query: &str) -> BTreeSet<usize> {
    (0..world.members.len())
        .filter(|&p| p != v)
        .filter(|&p| {
            let degree = degrees.get(&p).copied().filter(|d| *d > 0);
            SEARCHED.iter().any(|field| {
                let (visibility, canary) = &world.members[p].fields[*field];
                typos(canary, query) <= 2 && world.sees_field(Some(v), p, visibility, false, degree)
            })
        })
        .collect()
}

/// Edits between two words, a swap of neighbours counting as one (as search counts).
fn typos(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}
