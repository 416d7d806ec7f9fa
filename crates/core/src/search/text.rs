//! The full-text index as search sees it. The index (the `kontor-search` crate, on
//! tantivy) holds what members wrote, each field under the widest audience it could
//! reach, and answers two questions: which members might match a query (candidates, a
//! superset), and how a query meets a text (`judge`). Who may see which field is
//! never the index's concern: search judges each candidate again on the member's card
//! as the searcher may see it now (the policy's answer), so a field kept from the
//! searcher can neither make a member match nor rank them.

use crate::StoreError;
use crate::ids::MemberKey;
use crate::privacy::{Field, Needs, Visibilities, needs};
use crate::profiles::Profile;
use std::collections::HashSet;
use std::sync::Arc;

/// A part of a person that search reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonField {
    Name,
    Headline,
    Position,
    Company,
    City,
    Region,
    Industry,
    About,
    /// Earlier positions and their companies.
    WorkHistory,
    /// Schools and universities.
    Education,
    Languages,
    Haves,
    Wants,
    Interests,
    Organisations,
}

impl PersonField {
    pub const ALL: [PersonField; 15] = [
        Self::Name,
        Self::Headline,
        Self::Position,
        Self::Company,
        Self::City,
        Self::Region,
        Self::Industry,
        Self::About,
        Self::WorkHistory,
        Self::Education,
        Self::Languages,
        Self::Haves,
        Self::Wants,
        Self::Interests,
        Self::Organisations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Headline => "headline",
            Self::Position => "position",
            Self::Company => "company",
            Self::City => "city",
            Self::Region => "region",
            Self::Industry => "industry",
            Self::About => "about",
            Self::WorkHistory => "work_history",
            Self::Education => "education",
            Self::Languages => "languages",
            Self::Haves => "haves",
            Self::Wants => "wants",
            Self::Interests => "interests",
            Self::Organisations => "organisations",
        }
    }

    /// The profile field whose setting says who may see this.
    pub fn privacy_field(self) -> Field {
        match self {
            Self::Name => Field::Name,
            Self::Headline => Field::Headline,
            Self::Position | Self::Company => Field::Position,
            Self::City | Self::Region => Field::Location,
            Self::Industry => Field::Industry,
            Self::About => Field::About,
            Self::WorkHistory => Field::WorkHistory,
            Self::Education => Field::Education,
            Self::Languages => Field::Languages,
            Self::Haves => Field::Haves,
            Self::Wants => Field::Wants,
            Self::Interests => Field::Interests,
            Self::Organisations => Field::Organisations,
        }
    }

    /// How much a match here says about the person (a name or a position more than a
    /// word in the "about" text).
    pub fn weight(self) -> f32 {
        match self {
            Self::Name => 4.0,
            Self::Headline | Self::Position | Self::Company | Self::Haves => 2.0,
            Self::City | Self::Industry | Self::WorkHistory | Self::Wants => 1.5,
            _ => 1.0,
        }
    }
}

/// The text of each field `profile` fills in, with the member's name. Read from a
/// profile as a viewer may see it, a field kept from the viewer is empty and so absent.
pub fn person_texts(name: &str, profile: &Profile) -> Vec<(PersonField, String)> {
    let joined = |items: &[String]| items.join("\n");
    let texts = [
        (PersonField::Name, name.to_owned()),
        (PersonField::Headline, profile.headline.clone()),
        (PersonField::Position, profile.position.clone()),
        (PersonField::Company, profile.company.clone()),
        (PersonField::City, profile.city.clone()),
        (PersonField::Region, [profile.region.as_str(), profile.country.as_str()].join("\n")),
        (PersonField::Industry, profile.industry.clone()),
        (PersonField::About, profile.about.clone()),
        (
            PersonField::WorkHistory,
            profile
                .work_history
                .iter()
                .map(|p| format!("{}\n{}", p.title, p.organisation))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (
            PersonField::Education,
            profile
                .education
                .iter()
                .map(|s| format!("{}\n{}", s.degree, s.organisation))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (PersonField::Languages, joined(&profile.languages)),
        (PersonField::Haves, joined(&profile.haves)),
        (PersonField::Wants, joined(&profile.wants)),
        (PersonField::Interests, joined(&profile.interests)),
        (PersonField::Organisations, joined(&profile.organisations)),
    ];
    texts.into_iter().filter(|(_, text)| !text.trim().is_empty()).collect()
}

/// The widest audience a field may reach, as the index files it: the index holds a
/// field under its audience, and a searcher's query reads only the audiences the
/// searcher could belong to. (A narrower filing only spares the later check work;
/// that check decides.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reach {
    /// Anyone, also visitors who are not signed in.
    Anyone,
    /// Signed-in members.
    Members,
    /// Members within some steps of the owner.
    Network,
}

impl Reach {
    pub const ALL: [Reach; 3] = [Self::Anyone, Self::Members, Self::Network];

    /// Where a field set as `visibilities` say is filed; `None`: only its owner sees
    /// it (or a contact it is granted to), and it is not searched.
    pub fn of(visibilities: &Visibilities, field: PersonField) -> Option<Reach> {
        Self::needing(needs(visibilities.get(field.privacy_field())))
    }

    /// Where something a viewer `needs` this to see is filed.
    pub fn needing(needs: Needs) -> Option<Reach> {
        match needs {
            Needs::Anyone => Some(Reach::Anyone),
            Needs::Member => Some(Reach::Members),
            Needs::WithinSteps(_) => Some(Reach::Network),
            Needs::Owner => None,
        }
    }
}

/// Who is searching, as far as the index can tell apart what to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Searcher {
    /// A visitor who is not signed in: only what is filed for anyone.
    Visitor,
    /// A signed-in member.
    Member,
}

impl Searcher {
    pub fn reads(self) -> &'static [Reach] {
        match self {
            Searcher::Visitor => &[Reach::Anyone],
            Searcher::Member => &Reach::ALL,
        }
    }
}

/// One member as the index holds them.
#[derive(Clone, Debug)]
pub struct PersonDocument {
    pub member: MemberKey,
    /// Each field's text, filed by its reach.
    pub texts: Vec<(PersonField, Reach, String)>,
}

impl PersonDocument {
    /// The document of an open member: every field but those only the owner sees.
    pub fn of(member: MemberKey, name: &str, profile: &Profile) -> Self {
        let texts = person_texts(name, profile)
            .into_iter()
            .filter_map(|(field, text)| Reach::of(&profile.visibility, field).map(|reach| (field, reach, text)))
            .collect();
        Self { member, texts }
    }
}

/// How well a text meets a query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// The name, or for several words a phrase in one field, as typed.
    Exact,
    /// Every word of the query in some field.
    Field,
    /// Every word, some of them with a typo.
    Fuzzy,
}

/// How a query meets what a searcher may see of one member.
#[derive(Clone, Debug, PartialEq)]
pub struct Meets {
    pub bucket: Bucket,
    /// The fields a word of the query was found in, in the order of [`PersonField::ALL`].
    pub fields: Vec<PersonField>,
    /// Within a bucket: the words' weight by field and by how exactly they met.
    pub score: f32,
}

/// Why a query cannot be searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryProblem {
    #[error("the query is longer than {} characters", MAX_QUERY_CHARS)]
    TooLong,
    #[error("the query has more than {} words", MAX_QUERY_WORDS)]
    TooManyWords,
}

/// The longest query searched, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words a query may have (each is a term, or with typos several).
pub const MAX_QUERY_WORDS: usize = 8;

/// The members to prefer among equally good candidates (the searcher's contacts), so a
/// common word does not bury them under strangers before the later check.
pub type Near = Arc<HashSet<i64>>;

/// A query made ready once, asked for candidates and used to judge each of them.
pub trait PreparedQuery: Send + Sync {
    /// Whether the query has any word to search for.
    fn is_empty(&self) -> bool;

    /// Members who might match, at most `limit`: the near ones first, then by the
    /// index's own score; exact matches before fields before typos. A superset: each is
    /// judged again on what the searcher may see.
    fn candidates(&self, searcher: Searcher, near: &Near, limit: usize) -> Result<Vec<MemberKey>, StoreError>;

    /// How the query meets these texts (a member's fields as the searcher may see them),
    /// or `None` if it does not.
    fn judge(&self, texts: &[(PersonField, String)]) -> Option<Meets>;

    /// Posts that might match, at most `limit`, the index's best first (a superset: each
    /// is judged again on whether the searcher may read it).
    fn post_candidates(&self, searcher: Searcher, limit: usize) -> Result<Vec<crate::ids::ActivityKey>, StoreError>;

    /// How the query meets a post's text.
    fn judge_post(&self, body: &str) -> Option<Meets>;
}

/// The full-text index of a node.
pub trait TextIndex: Send + Sync {
    /// Makes `query` ready; with `prefix`, its last word also matches as the start of a
    /// word (for suggestions while typing).
    fn prepare(&self, query: &str, prefix: bool) -> Result<Box<dyn PreparedQuery>, QueryProblem>;

    /// How many members it holds, and its size on disk or in memory in bytes.
    fn size(&self) -> (u64, u64);

    /// A text as the index compares names and places: words lower-cased, German
    /// spellings and accents folded, joined by single spaces ("Köln" and "KOELN" meet).
    fn fold(&self, text: &str) -> String;
}
