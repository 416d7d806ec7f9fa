//! Narrowing a people search, and what the people found have in common (facets). Both
//! read only the cards as the searcher may see them: a value kept from the searcher
//! neither passes a filter nor counts in a facet.

use super::text::{PersonField, TextIndex};
use crate::profiles::MemberCard;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Filters on a people search, each optional; values compare as the index folds them
/// ("Köln", "koeln" and "KOELN" are one place).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filters {
    /// The city the card shows.
    pub city: Option<String>,
    pub industry: Option<String>,
    /// The current company.
    pub company: Option<String>,
    /// A company in the work history.
    pub past_company: Option<String>,
    /// A school or university.
    pub school: Option<String>,
    pub language: Option<String>,
    /// 1, 2 or 3: only members this many steps away.
    #[param(minimum = 1, maximum = 3)]
    #[serde(default, deserialize_with = "degree")]
    pub degree: Option<u8>,
    /// `haves` or `wants`: the query must be met in what they offer, or seek.
    #[param(inline)]
    pub within: Option<Within>,
}

/// A degree filter: 1 to 3, anything else refused.
fn degree<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    match Option::<u8>::deserialize(d)? {
        Some(n @ 1..=3) => Ok(Some(n)),
        None => Ok(None),
        Some(_) => Err(serde::de::Error::custom("degree must be 1, 2 or 3")),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Within {
    Haves,
    Wants,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// What to search for when the query is empty: the first filter's value (everyone in
    /// Köln is found by searching for Köln and keeping those whose city it is).
    pub fn as_query(&self) -> Option<&str> {
        [&self.city, &self.company, &self.industry, &self.past_company, &self.school, &self.language]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|v| !v.trim().is_empty())
    }

    /// Whether the card, as the searcher sees it, passes every filter.
    pub fn keep(&self, card: &MemberCard, index: &dyn TextIndex) -> bool {
        let p = &card.profile;
        let same = |wanted: &Option<String>, value: &str| {
            wanted.as_ref().is_none_or(|w| w.trim().is_empty() || index.fold(w) == index.fold(value))
        };
        let any = |wanted: &Option<String>, values: Vec<&str>| {
            wanted.as_ref().is_none_or(|w| w.trim().is_empty() || values.iter().any(|v| index.fold(w) == index.fold(v)))
        };
        same(&self.city, &p.city)
            && same(&self.industry, &p.industry)
            && same(&self.company, &p.company)
            && any(&self.past_company, p.work_history.iter().map(|w| w.organisation.as_str()).collect())
            && any(&self.school, p.education.iter().map(|e| e.organisation.as_str()).collect())
            && any(&self.language, p.languages.iter().map(String::as_str).collect())
            && self.degree.is_none_or(|d| card.degree == Some(d))
    }

    /// The fields a query is judged on: all, or with `within` only haves or wants.
    pub fn judged_on(&self, field: PersonField) -> bool {
        match self.within {
            None => true,
            Some(Within::Haves) => field == PersonField::Haves,
            Some(Within::Wants) => field == PersonField::Wants,
        }
    }
}

/// One value of a facet and how many of the people found have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// As most of the cards write it.
    pub value: String,
    pub count: usize,
}

/// What the people found have in common: the most frequent values first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Facets {
    pub city: Vec<FacetValue>,
    pub industry: Vec<FacetValue>,
    pub company: Vec<FacetValue>,
    /// How many are 1, 2 and 3 steps away.
    pub degree: [usize; 3],
}

/// Values shown per facet.
const FACET_VALUES: usize = 8;

impl Facets {
    pub fn of(cards: &[&MemberCard], index: &dyn TextIndex) -> Self {
        let count = |value: fn(&MemberCard) -> &str| {
            // Folded value → (how often, each spelling and how often).
            let mut seen: HashMap<String, (usize, HashMap<&str, usize>)> = HashMap::new();
            for card in cards {
                let v = value(card).trim();
                if v.is_empty() {
                    continue;
                }
                let entry = seen.entry(index.fold(v)).or_default();
                entry.0 += 1;
                *entry.1.entry(v).or_default() += 1;
            }
            let mut values: Vec<FacetValue> = seen
                .into_values()
                .map(|(count, spellings)| {
                    let mut spellings: Vec<(&str, usize)> = spellings.into_iter().collect();
                    spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                    FacetValue { value: spellings[0].0.to_owned(), count }
                })
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            values.truncate(FACET_VALUES);
            values
        };
        let mut degree = [0; 3];
        for card in cards {
            if let Some(d @ 1..=3) = card.degree {
                degree[usize::from(d) - 1] += 1;
            }
        }
        Facets {
            city: count(|c| &c.profile.city),
            industry: count(|c| &c.profile.industry),
            company: count(|c| &c.profile.company),
            degree,
        }
    }
}
