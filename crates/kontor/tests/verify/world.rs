//! The oracle's random network: built through the API, with every hidden value a
//! canary (a string that appears nowhere else).

use crate::app::{Browser, PASSWORD, TestApp};
use crate::crash::Dice;
use kontor_core::clock::Clock;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};

pub const VISIBILITIES: [&str; 5] = ["only_me", "contacts", "contacts_of_contacts", "members", "public"];
pub const LIST_SCOPES: [&str; 4] = ["only_me", "contacts", "contacts_of_contacts", "members"];
pub const AUDIENCES: [&str; 4] = ["contacts", "contacts_of_contacts", "members", "public"];

/// The profile fields the oracle fills with canaries: the field's name in the API's
/// visibility map, and the JSON field holding its value.
pub const FIELDS: [(&str, &str); 9] = [
    ("headline", "headline"),
    ("position", "position"),
    ("location", "city"),
    ("industry", "industry"),
    ("about", "about"),
    ("haves", "haves"),
    ("wants", "wants"),
    ("business_contact", "business_phone"),
    ("private_contact", "private_phone"),
];

/// A tag every member both offers and seeks (no canary: anyone may meet it), so that
/// who is found through haves or wants is exactly who may see them.
pub const SHARED_TAG: &str = "Netzwerken";

/// A field's canary as the profile form takes it: tags (haves and wants) with the shared
/// tag beside it, text in a sentence.
pub fn tagged_or_written(key: &str, canary: &str) -> Value {
    match key {
        "haves" | "wants" => json!([canary, SHARED_TAG]),
        _ => json!(format!("Über {canary} hier")),
    }
}

pub struct Member {
    pub name: String,
    pub email: String,
    pub id: String,
    pub token: String,
    pub browser: Browser,
    pub name_public: bool,
    pub list_scope: &'static str,
    /// Per field: its visibility, and its canary.
    pub fields: BTreeMap<&'static str, (&'static str, String)>,
    pub birthday: (i32, u8, u8, &'static str),
    pub suspended: bool,
    /// Closed by the member (deletion requested, within the grace period).
    pub closed: bool,
    /// A personal access token: its id and its secret.
    pub access_token: (String, String),
    /// The ids of the member's sessions.
    pub sessions: Vec<String>,
}

impl Member {
    /// Suspended or closed: gone for everyone else, their sessions over.
    pub fn gone(&self) -> bool {
        self.suspended || self.closed
    }
}

/// A contact request still waiting for an answer.
pub struct Request {
    pub id: String,
    pub from: usize,
    pub to: usize,
}

pub struct Post {
    pub id: String,
    pub author: usize,
    pub audience: &'static str,
    pub canary: String,
    /// The members whose names the author typed into it (to mention them): the
    /// author's words, read by whoever may read the post.
    pub names: Vec<usize>,
}

/// The network as built, and the truth the model reasons on.
pub struct World {
    pub members: Vec<Member>,
    pub posts: Vec<Post>,
    pub contacts: HashSet<(usize, usize)>,
    pub blocks: HashSet<(usize, usize)>,
    /// (who blocked, whom): the blocker keeps the name, to undo it in the settings.
    pub blocked_by: HashSet<(usize, usize)>,
    /// (owner, contact): the owner granted the contact their private contact data.
    pub grants: HashSet<(usize, usize)>,
    pub requests: Vec<Request>,
    /// The day the daily round tells contacts of the birthdays a third of the members have.
    pub birthday_round: time::Date,
}

/// Where the chain of members without random contacts begins, and the last member (who
/// has none at all): a tenth of the members, at least two in the chain.
fn chain(n: usize) -> (usize, usize) {
    (n - 1 - (n / 10).max(2), n - 1)
}

/// Member `i`'s phone number `k` after the area code: nine digits, so that no id or
/// time on a page (a hex id holds six-digit runs often enough) is taken for one.
fn phone(i: usize, k: usize) -> usize {
    700_000_000 + i * 10 + k
}

pub fn pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

impl World {
    /// Builds a random network of `n` members through the API.
    pub async fn build(app: &TestApp, n: usize, seed: u64) -> World {
        let mut dice = Dice::new(seed);
        // Building takes under a day of the test's clock (sign-ups move it on).
        let birthday_round = app.clock.now().date() + time::Duration::days(2);
        let admin = app.admin().await;
        let admin_token = app.api_session("olga@example.org", PASSWORD).await;
        let mut members = Vec::new();
        for i in 0..n {
            // Five sign-ups per address and half hour: the test's clock moves on.
            if i % 4 == 3 {
                app.clock.advance(time::Duration::minutes(31));
            }
            let email = format!("m{i}@example.org");
            let name = format!("Zqn{i:02}x Mitglied");
            let browser = app.member(&name, &email).await;
            let id = app.id_of(&browser).await;
            let token = app.api_session(&email, PASSWORD).await;
            let new_token = json!({"name": format!("zq{i:02}tokenx"), "scopes": ["read"]});
            let (status, created) =
                call(app, &token, reqwest::Method::POST, "/me/access-tokens", Some(new_token)).await;
            assert_eq!(status, StatusCode::CREATED, "an access token: {created}");
            let access_token = (string(&created["id"]), string(&created["secret"]));
            let sessions = call(app, &token, reqwest::Method::GET, "/me/sessions", None).await.1;
            let sessions = sessions.as_array().expect("sessions").iter().map(|s| string(&s["id"])).collect();
            let mut fields = BTreeMap::new();
            for (field, _) in FIELDS {
                let visibility = VISIBILITIES[dice.below(5) as usize];
                fields.insert(field, (visibility, format!("zq{i:02}{field}x")));
            }
            let (month, day) = if i % 3 == 0 && birthday_round.day() < 29 {
                (birthday_round.month() as u8, birthday_round.day())
            } else {
                (1 + dice.below(11) as u8, 1 + dice.below(28) as u8)
            };
            let birthday = (1901 + i as i32, month, day, VISIBILITIES[dice.below(5) as usize]);
            let name_public = dice.below(3) == 0;
            // Narrow lists more often than wide ones: an edge is hidden only where both
            // ends' lists are, and those are the cases worth asking about.
            let list_scope = LIST_SCOPES[[0, 0, 0, 1, 1, 1, 2, 2, 3][dice.below(9) as usize]];
            let list_scope = if (chain(n).0..chain(n).1).contains(&i) { "members" } else { list_scope };
            members.push(Member {
                name,
                email,
                id,
                token,
                browser,
                name_public,
                list_scope,
                fields,
                birthday,
                suspended: false,
                closed: false,
                access_token,
                sessions,
            });
        }
        for (i, m) in members.iter().enumerate() {
            let mut visibility: BTreeMap<&str, &str> = m.fields.iter().map(|(f, (v, _))| (*f, *v)).collect();
            visibility.insert("name", if m.name_public { "public" } else { "members" });
            visibility.insert("birthday", m.birthday.3);
            let mut form = json!({"name": m.name, "visibility": visibility,
                "birthday": format!("{}-{:02}-{:02}", m.birthday.0, m.birthday.1, m.birthday.2)});
            for (field, key) in FIELDS {
                let canary = &m.fields[field].1;
                form[key] = tagged_or_written(key, canary);
                if key == "business_phone" || key == "private_phone" {
                    form[key] = json!(format!("+49 341 {}", phone(i, if key == "business_phone" { 1 } else { 2 })));
                }
            }
            let (status, body) = call(app, &m.token, reqwest::Method::PUT, "/me/profile", Some(form)).await;
            assert_eq!(status, StatusCode::OK, "a profile: {body}");
            let settings = json!({"list_visibility": m.list_scope});
            let (status, body) =
                call(app, &m.token, reqwest::Method::PUT, "/me/contact-settings", Some(settings)).await;
            assert_eq!(status, StatusCode::OK, "contact settings: {body}");
            let reach = ["nobody", "contacts", "members"][dice.below(3) as usize];
            let ticker = json!({"announce_contacts": dice.below(2) == 0, "profile_reach": reach, "birthday": dice.below(4) != 0});
            let (status, body) = call(app, &m.token, reqwest::Method::PUT, "/me/ticker-settings", Some(ticker)).await;
            assert_eq!(status, StatusCode::OK, "ticker settings: {body}");
        }
        // Phones are canaries too: unique digits per member and field.
        for (i, m) in members.iter_mut().enumerate() {
            m.fields.get_mut("business_contact").expect("a field").1 = phone(i, 1).to_string();
            m.fields.get_mut("private_contact").expect("a field").1 = phone(i, 2).to_string();
        }

        // Contacts: about a third of the pairs; blocks between some others. The last
        // tenth of the members have no random contacts: all but the last form a chain
        // hanging off the rest (their lists open to members), so that every viewer meets
        // members three, four and more steps away; the last has no contacts at all.
        let (islands, last) = chain(n);
        let mut contacts = HashSet::new();
        let mut blocks = HashSet::new();
        let mut blocked_by = HashSet::new();
        let mut requests = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if b == a + 1 && a + 1 >= islands && b < last {
                    continue;
                }
                match dice.below(12) {
                    0..=3 if b >= islands => {}
                    5 => {
                        let (from, to) = if dice.below(2) == 0 { (a, b) } else { (b, a) };
                        let id = request(app, &members[from], &members[to]).await;
                        requests.push(Request { id, from, to });
                    }
                    0..=3 => {
                        connect(app, &members[a], &members[b]).await;
                        contacts.insert((a, b));
                    }
                    4 => {
                        let (by, of) = if dice.below(2) == 0 { (a, b) } else { (b, a) };
                        let path = format!("/me/blocks/{}", members[of].id);
                        let (status, body) = call(app, &members[by].token, reqwest::Method::PUT, &path, None).await;
                        assert_eq!(status, StatusCode::NO_CONTENT, "a block: {body}");
                        blocks.insert((a, b));
                        blocked_by.insert((by, of));
                    }
                    _ => {}
                }
            }
        }
        for b in islands..last {
            connect(app, &members[b - 1], &members[b]).await;
            contacts.insert((b - 1, b));
        }
        // Grants of the private contact data to some contacts.
        let mut grants = HashSet::new();
        for &(a, b) in &contacts {
            for (owner, to) in [(a, b), (b, a)] {
                if dice.below(4) == 0 {
                    let edit = json!({"tags": [], "note": "", "grants": ["private_contact"]});
                    let path = format!("/me/contacts/{}", members[to].id);
                    let (status, body) =
                        call(app, &members[owner].token, reqwest::Method::PUT, &path, Some(edit)).await;
                    assert_eq!(status, StatusCode::NO_CONTENT, "a grant: {body}");
                    grants.insert((owner, to));
                }
            }
        }
        // Posts with every audience.
        let mut posts = Vec::new();
        for (i, m) in members.iter().enumerate() {
            for k in 0..2 {
                let audience = AUDIENCES[dice.below(4) as usize];
                let canary = format!("zq{i:02}post{k}x");
                let body = json!({"text": format!("Neuigkeit {canary}"), "audience": audience});
                let (status, answer) = call(app, &m.token, reqwest::Method::POST, "/posts", Some(body)).await;
                assert_eq!(status, StatusCode::CREATED, "a post: {answer}");
                posts.push(Post { id: string(&answer["id"]), author: i, audience, canary, names: Vec::new() });
            }
        }
        // A few members suspended: gone for everyone (none of the chain, which would end
        // there).
        // At least one of each, so that every relation is asked about.
        let mut suspended: Vec<usize> = (0..n).filter(|i| dice.below(8) == 0 && !(islands..last).contains(i)).collect();
        if suspended.is_empty() {
            suspended.push(n - 1);
        }
        for &i in &suspended {
            let path = format!("/admin/members/{}/suspend", members[i].id);
            let (status, body) = call(app, &admin_token, reqwest::Method::POST, &path, None).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "suspending: {body}");
            members[i].suspended = true;
        }
        // A few others closed their accounts: gone as well, until they log in again.
        let mut closing: Vec<usize> =
            (0..n).filter(|&i| !members[i].suspended && dice.below(10) == 0 && !(islands..last).contains(&i)).collect();
        if closing.is_empty() {
            closing.extend((0..n).rev().find(|&i| !members[i].suspended));
        }
        for &i in &closing {
            let fresh = app.api_session(&members[i].email, PASSWORD).await;
            let body = json!({"password": PASSWORD});
            let (status, answer) = call(app, &fresh, reqwest::Method::DELETE, "/me", Some(body)).await;
            assert_eq!(status, StatusCode::ACCEPTED, "closing an account: {answer}");
            members[i].closed = true;
        }
        app.deliver_mail().await;
        drop(admin);
        World { members, posts, contacts, blocks, blocked_by, grants, requests, birthday_round }
    }
}

pub async fn call(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut r = reqwest::Client::new().request(method, format!("{}/api/v1{path}", app.base)).bearer_auth(token);
    if let Some(body) = body {
        r = r.json(&body);
    }
    let r = r.send().await.expect("an API request");
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn string(value: &Value) -> String {
    value.as_str().expect("a string").to_owned()
}

/// `a` asks `b` to connect; returns the request's id.
async fn request(app: &TestApp, a: &Member, b: &Member) -> String {
    let path = format!("/members/{}/contact-request", b.id);
    let (status, body) = call(app, &a.token, reqwest::Method::POST, &path, Some(json!({"how": "colleagues"}))).await;
    assert_eq!(status, StatusCode::OK, "a request: {body}");
    let received = call(app, &b.token, reqwest::Method::GET, "/me/contact-requests/received", None).await.1;
    let request = received.as_array().expect("requests").iter().find(|r| {
        r["from"]["id"] == a.id.as_str()
            || r["from"]["id"].as_str().map(|s| s.replace('-', "")) == Some(a.id.replace('-', ""))
    });
    string(&request.expect("the request")["id"])
}

async fn connect(app: &TestApp, a: &Member, b: &Member) {
    let path = format!("/me/contact-requests/{}/accept", request(app, a, b).await);
    assert_eq!(call(app, &b.token, reqwest::Method::POST, &path, None).await.0, StatusCode::NO_CONTENT, "accepting");
}
