//! The visibility oracle: a random network with random settings is built through the
//! API, then every GET route of the list that names a member or a post is asked for
//! every member and post by every viewer (anonymous, each member), and so are the
//! routes that list things. Every hidden value is a canary, a string that appears nowhere
//! else; a reference model of who may see what, written here from the product's rules
//! and never calling the policy module, says which canaries each viewer may meet. Any
//! other canary in an answer is a leak; so is a hidden member or post answered otherwise
//! than one that does not exist.
//!
//! The rules (PRODUCT.md and the README): each profile field has a visibility (only me,
//! contacts, contacts of contacts, members, public); an owner may grant a field to one
//! direct contact; the name is seen by all members, and by the public only when public;
//! a block hides each from the other entirely; suspended members are gone; a post reaches
//! its audience (contacts, contacts of contacts, members, public). Degrees are counted on
//! the viewer's revealed graph: a contact u–v counts for viewer V only if V may see u's or
//! v's contact list (only me, contacts, contacts of contacts by the true distance, all
//! members). Suspended members and members blocked with the viewer are not on it.

use crate::app::{Browser, PASSWORD, TestApp};
use crate::crash::Dice;
use crate::routes::{ROUTES, Route, Who};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

const VISIBILITIES: [&str; 5] = ["only_me", "contacts", "contacts_of_contacts", "members", "public"];
const LIST_SCOPES: [&str; 4] = ["only_me", "contacts", "contacts_of_contacts", "members"];
const AUDIENCES: [&str; 4] = ["contacts", "contacts_of_contacts", "members", "public"];

/// The profile fields the oracle fills with canaries: the field's name in the API's
/// visibility map, and the JSON field holding its value.
const FIELDS: [(&str, &str); 8] = [
    ("headline", "headline"),
    ("position", "position"),
    ("location", "city"),
    ("industry", "industry"),
    ("about", "about"),
    ("haves", "haves"),
    ("business_contact", "business_phone"),
    ("private_contact", "private_phone"),
];

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

struct Member {
    name: String,
    email: String,
    id: String,
    token: String,
    browser: Browser,
    name_public: bool,
    list_scope: &'static str,
    /// Per field: its visibility, and its canary.
    fields: BTreeMap<&'static str, (&'static str, String)>,
    birthday: (i32, u8, u8, &'static str),
    suspended: bool,
}

struct Post {
    id: String,
    author: usize,
    audience: &'static str,
    canary: String,
}

/// The network as built, and the truth the model reasons on.
pub struct World {
    members: Vec<Member>,
    posts: Vec<Post>,
    contacts: HashSet<(usize, usize)>,
    blocks: HashSet<(usize, usize)>,
    /// (who blocked, whom): the blocker keeps the name, to undo it in the settings.
    blocked_by: HashSet<(usize, usize)>,
    /// (owner, contact): the owner granted the contact their private contact data.
    grants: HashSet<(usize, usize)>,
}

fn pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The ways a birthday may be written: ISO, German and English long dates.
fn date_forms(year: i32, month: u8, day: u8) -> [String; 3] {
    let m = usize::from(month - 1);
    [
        format!("{year}-{month:02}-{day:02}"),
        format!("{day}. {} {year}", MONTHS_DE[m]),
        format!("{day} {} {year}", MONTHS_EN[m]),
    ]
}

impl World {
    /// Builds a random network of `n` members through the API.
    pub async fn build(app: &TestApp, n: usize, seed: u64) -> World {
        let mut dice = Dice::new(seed);
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
            let mut fields = BTreeMap::new();
            for (field, _) in FIELDS {
                let visibility = VISIBILITIES[dice.below(5) as usize];
                fields.insert(field, (visibility, format!("zq{i:02}{field}x")));
            }
            let birthday = (
                1901 + i as i32,
                1 + dice.below(11) as u8,
                1 + dice.below(28) as u8,
                VISIBILITIES[dice.below(5) as usize],
            );
            let name_public = dice.below(3) == 0;
            // Narrow lists more often than wide ones: an edge is hidden only where both
            // ends' lists are, and those are the cases worth asking about.
            let list_scope = LIST_SCOPES[[0, 0, 0, 1, 1, 1, 2, 2, 3][dice.below(9) as usize]];
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
                form[key] = if key == "haves" { json!([canary]) } else { json!(format!("Über {canary} hier")) };
                if key == "business_phone" || key == "private_phone" {
                    form[key] =
                        json!(format!("+49 341 {}", 100_000 + i * 10 + if key == "business_phone" { 1 } else { 2 }));
                }
            }
            let (status, body) = call(app, &m.token, reqwest::Method::PUT, "/me/profile", Some(form)).await;
            assert_eq!(status, StatusCode::OK, "a profile: {body}");
            let settings = json!({"list_visibility": m.list_scope});
            let (status, body) =
                call(app, &m.token, reqwest::Method::PUT, "/me/contact-settings", Some(settings)).await;
            assert_eq!(status, StatusCode::OK, "contact settings: {body}");
        }
        // Phones are canaries too: unique digits per member and field.
        for (i, m) in members.iter_mut().enumerate() {
            m.fields.get_mut("business_contact").expect("a field").1 = format!("{}", 100_000 + i * 10 + 1);
            m.fields.get_mut("private_contact").expect("a field").1 = format!("{}", 100_000 + i * 10 + 2);
        }

        // Contacts: about a third of the pairs; blocks between some others.
        let mut contacts = HashSet::new();
        let mut blocks = HashSet::new();
        let mut blocked_by = HashSet::new();
        for a in 0..n {
            for b in a + 1..n {
                match dice.below(12) {
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
                posts.push(Post { id: answer["id"].as_str().expect("an id").to_owned(), author: i, audience, canary });
            }
        }
        // A few members suspended: gone for everyone.
        let suspended: Vec<usize> = (0..n).filter(|_| dice.below(8) == 0).collect();
        for &i in &suspended {
            let path = format!("/admin/members/{}/suspend", members[i].id);
            let (status, body) = call(app, &admin_token, reqwest::Method::POST, &path, None).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "suspending: {body}");
            members[i].suspended = true;
        }
        app.deliver_mail().await;
        drop(admin);
        World { members, posts, contacts, blocks, blocked_by, grants }
    }

    fn contact(&self, a: usize, b: usize) -> bool {
        self.contacts.contains(&pair(a, b))
    }

    fn blocked(&self, a: usize, b: usize) -> bool {
        self.blocks.contains(&pair(a, b))
    }

    /// The true distance from `from` (up to 2, which is all a list scope asks), on the
    /// network of members who are there (a suspended member's contacts do not count).
    fn true_distance_at_most_2(&self, from: usize, to: usize) -> bool {
        let there = |x: usize| !self.members[x].suspended;
        from == to
            || self.contact(from, to)
            || (0..self.members.len()).any(|x| there(x) && self.contact(from, x) && self.contact(x, to))
    }

    /// May viewer `v` (`None`: anonymous) see member `owner`'s contact list?
    fn sees_list(&self, v: Option<usize>, owner: usize) -> bool {
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
    fn revealed(&self, v: usize, a: usize, b: usize) -> bool {
        let there = |x: usize| !self.members[x].suspended && (x == v || !self.blocked(v, x));
        self.contact(a, b) && there(a) && there(b) && (self.sees_list(Some(v), a) || self.sees_list(Some(v), b))
    }

    /// Degrees from `v` on v's revealed graph, up to 4.
    fn degrees(&self, v: usize) -> HashMap<usize, u8> {
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

    /// Whether `v` may see member `o` at all.
    fn sees_member(&self, v: Option<usize>, o: usize) -> bool {
        let m = &self.members[o];
        if m.suspended && v != Some(o) {
            return false;
        }
        match v {
            None => m.name_public,
            Some(v) => !self.blocked(v, o) && !self.members[v].suspended,
        }
    }

    /// Whether `v` may see a field of visibility `visibility` of `o`; `granted` if `o`
    /// granted it to `v`.
    fn sees_field(&self, v: Option<usize>, o: usize, visibility: &str, granted: bool, degree: Option<u8>) -> bool {
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
    fn hidden_from(&self, v: Option<usize>) -> HashMap<String, String> {
        let degrees = v.map(|v| self.degrees(v)).unwrap_or_default();
        let mut hidden = HashMap::new();
        for (o, m) in self.members.iter().enumerate() {
            let degree = degrees.get(&o).copied().filter(|d| *d > 0);
            let blocker = v.is_some_and(|v| self.blocked_by.contains(&(v, o)));
            // The blocker's own list of blocks names whom they blocked (to undo it),
            // suspended since or not.
            if !self.sees_member(v, o) && !blocker {
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

    fn sees_post(&self, v: Option<usize>, p: &Post, degrees: &HashMap<usize, u8>) -> bool {
        let author = &self.members[p.author];
        if author.suspended && v != Some(p.author) {
            return false;
        }
        if let Some(v) = v
            && (self.blocked(v, p.author) || self.members[v].suspended)
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

/// Finds the canaries of a hidden set in an answer in one pass over it (searching each
/// canary in turn would read every answer hundreds of times): the `zq…x` and `Zqn…x`
/// tokens, six-digit runs (the phones) and the years of birthdays, each looked up.
struct Scanner {
    tokens: HashMap<String, String>,
    /// Per birth year, the written forms of that birthday and what it stands for.
    dates: HashMap<String, Vec<(String, String)>>,
}

impl Scanner {
    fn new(hidden: HashMap<String, String>) -> Self {
        let mut tokens = HashMap::new();
        let mut dates: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for (canary, meaning) in hidden {
            match canary.find("19") {
                Some(at) if canary.contains(' ') || canary.contains('-') => {
                    dates.entry(canary[at..at + 4].to_owned()).or_default().push((canary, meaning));
                }
                _ => {
                    tokens.insert(canary, meaning);
                }
            }
        }
        Self { tokens, dates }
    }

    /// The hidden canaries in `body`, with what they stand for.
    fn found(&self, body: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for (at, _) in body.match_indices("zq").chain(body.match_indices("Zqn")) {
            if let Some(end) = body[at..].char_indices().take(24).find(|(_, c)| *c == 'x').map(|(i, _)| at + i + 1)
                && let Some(meaning) = self.tokens.get(&body[at..end])
            {
                found.push((body[at..end].to_owned(), meaning.clone()));
            }
        }
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &body[start..i];
            if let Some(meaning) = self.tokens.get(run) {
                found.push((run.to_owned(), meaning.clone()));
            }
            if let Some(forms) = self.dates.get(run) {
                let from = body.floor_char_boundary(start.saturating_sub(24));
                let to = body.ceil_char_boundary((i + 8).min(body.len()));
                for (form, meaning) in forms {
                    if body[from..to].contains(form.as_str()) {
                        found.push((form.clone(), meaning.clone()));
                    }
                }
            }
        }
        found
    }
}

async fn call(
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

async fn connect(app: &TestApp, a: &Member, b: &Member) {
    let path = format!("/members/{}/contact-request", b.id);
    let (status, body) = call(app, &a.token, reqwest::Method::POST, &path, Some(json!({"how": "colleagues"}))).await;
    assert_eq!(status, StatusCode::OK, "a request: {body}");
    let received = call(app, &b.token, reqwest::Method::GET, "/me/contact-requests/received", None).await.1;
    let request = received.as_array().expect("requests").iter().find(|r| {
        r["from"]["id"] == a.id.as_str()
            || r["from"]["id"].as_str().map(|s| s.replace('-', "")) == Some(a.id.replace('-', ""))
    });
    let request = request.expect("the request");
    let path = format!("/me/contact-requests/{}/accept", request["id"].as_str().expect("an id"));
    assert_eq!(call(app, &b.token, reqwest::Method::POST, &path, None).await.0, StatusCode::NO_CONTENT, "accepting");
}

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

/// The scanner finds each kind of canary however it is written into an answer, and
/// nothing that merely looks alike.
#[test]
fn the_scanner_finds_every_kind_of_canary() {
    let mut hidden = HashMap::new();
    hidden.insert("zq03aboutx".to_owned(), "about".to_owned());
    hidden.insert("Zqn04x".to_owned(), "a name".to_owned());
    hidden.insert("100042".to_owned(), "a phone".to_owned());
    for form in date_forms(1907, 3, 14) {
        hidden.insert(form, "a birthday".to_owned());
    }
    let scanner = Scanner::new(hidden);
    let found = |body: &str| scanner.found(body).into_iter().map(|(_, m)| m).collect::<Vec<_>>();
    assert_eq!(found("<p>Über zq03aboutx hier</p>"), ["about"]);
    assert_eq!(found("<a>Zqn04x Mitglied</a>"), ["a name"]);
    assert_eq!(found("+49 341 100042"), ["a phone"]);
    assert_eq!(found("geboren am 14. März 1907"), ["a birthday"]);
    assert_eq!(found(r#"{"birthday":"1907-03-14"}"#), ["a birthday"]);
    assert_eq!(found("born 14 March 1907."), ["a birthday"]);
    assert!(found("zq03headlinex Zqn05x 1000420 15. März 1907 1907-03-15").is_empty(), "look-alikes are not canaries");
}
