//! The pages of contacts and the network.

use super::{Chrome, FormState};
use askama::Template;
use kontor_core::contacts::{
    ContactDetails, ContactSettings, HowWeKnow, ListVisibility, ListedContact, ReceivedRequest, SentRequest, Standing,
    Tie,
};
use kontor_core::network::{NetworkOverview, Suggested};
use kontor_core::profiles::Field;
use kontor_core::search::PeopleFound;

/// "How we know each other", as a choice.
pub struct HowOption {
    pub value: &'static str,
    pub selected: bool,
}

pub fn how_options(current: Option<HowWeKnow>) -> Vec<HowOption> {
    HowWeKnow::ALL.into_iter().map(|h| HowOption { value: h.as_str(), selected: Some(h) == current }).collect()
}

#[derive(Template)]
#[template(path = "contacts.html")]
pub struct ContactsPage {
    pub c: Chrome,
    pub q: String,
    pub tag: String,
    pub recent: bool,
    pub tags: Vec<String>,
    pub contacts: Vec<ListedContact>,
    /// The query string of the next page, if there is one.
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "requests.html")]
pub struct RequestsPage {
    pub c: Chrome,
    pub received: Vec<ReceivedRequest>,
    pub sent: Vec<SentRequest>,
    pub notice: Option<&'static str>,
    /// The member tells their contacts of new contacts (the accept dialog's default).
    pub announce: bool,
}

#[derive(Template)]
#[template(path = "people.html")]
pub struct PeoplePage {
    pub c: Chrome,
    pub q: String,
    /// What the query found (none without a query, or with one that cannot be searched).
    pub found: Option<PeopleFound>,
    /// Why the query cannot be searched (an error code).
    pub problem: Option<&'static str>,
    pub pages: Option<Pages>,
    pub refine: Refine,
    pub suggestions: Vec<Suggested>,
    /// The query string that finds posts for the same words.
    pub posts_link: String,
}

/// Ways to narrow a search, as links.
#[derive(Default)]
pub struct Refine {
    pub facets: Vec<FacetLinks>,
    /// Degree, how many found, the link.
    pub degrees: Vec<(u8, usize, String)>,
    /// Filters in use: name, value, the link without it.
    pub set: Vec<(&'static str, String, String)>,
    pub by_name: bool,
    pub sort_relevance: String,
    pub sort_name: String,
}

/// One facet: its filter's name and each value with its count and link.
pub struct FacetLinks {
    pub key: &'static str,
    pub values: Vec<(String, usize, String)>,
}

#[derive(Template)]
#[template(path = "posts_search.html")]
pub struct PostsSearchPage {
    pub c: Chrome,
    pub q: String,
    pub found: Option<kontor_core::search::PostsFound>,
    pub problem: Option<&'static str>,
    pub pages: Option<Pages>,
    /// The query string that finds people for the same words.
    pub people: String,
}

/// The query strings of the pages before and after this one.
pub struct Pages {
    pub previous: Option<String>,
    pub next: Option<String>,
}

pub struct BlockedRow {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "contact_settings.html")]
pub struct ContactSettingsPage {
    pub c: Chrome,
    pub settings: ContactSettings,
    pub blocked: Vec<BlockedRow>,
    pub notice: Option<&'static str>,
}

impl ContactSettingsPage {
    pub fn lists(&self) -> Vec<(&'static str, bool)> {
        ListVisibility::ALL.into_iter().map(|v| (v.as_str(), v == self.settings.list_visibility)).collect()
    }
}

/// A field the member may grant one contact, and whether it is granted.
pub struct GrantOption {
    pub field: &'static str,
    pub granted: bool,
}

/// The network part of a profile page, for a signed-in viewer other than the owner.
pub struct TieView {
    pub standing: &'static str,
    /// The open request between the two, if any.
    pub request: String,
    pub network: NetworkOverview,
    pub contact: Option<ContactDetails>,
    pub how: Vec<HowOption>,
    /// The viewer tells their contacts of new contacts (the accept dialog's default).
    pub announce: bool,
    /// The owner's fields the viewer hides from contacts, to grant this one contact.
    pub grantable: Vec<GrantOption>,
    pub f: FormState,
    /// The request's note, kept when sending failed.
    pub message: String,
    /// A message after an action (a translation key), and whether it reports a failure.
    pub flash: Option<(String, bool)>,
}

impl TieView {
    pub fn new(tie: Tie, private_fields: &[Field]) -> Self {
        let (standing, request) = match tie.standing {
            Standing::Myself => ("myself", String::new()),
            Standing::Contact => ("contact", String::new()),
            Standing::RequestSent { request } => ("sent", request.to_string()),
            Standing::RequestReceived { request } => ("received", request.to_string()),
            Standing::None => ("none", String::new()),
        };
        let granted = tie.contact.as_ref().map(|c| c.grants.clone()).unwrap_or_default();
        let grantable =
            private_fields.iter().map(|f| GrantOption { field: f.as_str(), granted: granted.contains(f) }).collect();
        Self {
            standing,
            request,
            how: how_options(tie.contact.as_ref().map(|c| c.how)),
            network: tie.network,
            contact: tie.contact,
            announce: true,
            grantable,
            f: FormState::default(),
            message: String::new(),
            flash: None,
        }
    }

    pub fn tags_text(&self) -> String {
        self.contact
            .as_ref()
            .map(|c| c.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "searches.html")]
pub struct SearchesPage {
    pub c: Chrome,
    pub searches: Vec<SavedRow>,
    pub notice: Option<&'static str>,
}

/// A saved search as its page lists it.
pub struct SavedRow {
    pub id: kontor_core::ids::SavedSearchId,
    pub query: String,
    /// The query string that runs it.
    pub link: String,
    pub alerts: bool,
}
