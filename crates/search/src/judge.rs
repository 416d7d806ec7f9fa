//! How a query meets the texts a searcher may see of one member: the check every
//! candidate passes before it is shown, and what ranks it. It reads only the texts it
//! is given, in the same analyses as the index.

use crate::analysis::{self, terms};
use crate::query::{Prepared, Word};
use kontor_core::search::text::{Bucket, Meets, PersonField};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder};
use std::sync::OnceLock;

/// One field's text in each analysis.
struct Analysed {
    field: PersonField,
    names: Vec<String>,
    german: Vec<String>,
    english: Vec<String>,
}

/// How one word met one field.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Met {
    Typo,
    Start,
    Exactly,
}

impl Met {
    fn weight(self) -> f32 {
        match self {
            Met::Exactly => 1.0,
            Met::Start => 0.6,
            Met::Typo => 0.5,
        }
    }
}

pub fn judge(query: &Prepared, texts: &[(PersonField, String)]) -> Option<Meets> {
    if query.words.is_empty() {
        return None;
    }
    let (mut names, mut german, mut english) = (analysis::names(), analysis::german(), analysis::english());
    let fields: Vec<Analysed> = texts
        .iter()
        .map(|(field, text)| Analysed {
            field: *field,
            names: terms(&mut names, text),
            german: terms(&mut german, text),
            english: terms(&mut english, text),
        })
        .collect();
    let mut score = 0.0;
    let mut bucket = Bucket::Field;
    let mut matched: Vec<PersonField> = Vec::new();
    for (i, word) in query.words.iter().enumerate() {
        let starts = query.prefix && i + 1 == query.words.len();
        let mut best: Option<(Met, f32)> = None;
        for f in &fields {
            let Some(met) = meets(word, starts, word.automata.as_ref(), f) else { continue };
            if !matched.contains(&f.field) {
                matched.push(f.field);
            }
            let weighed = met.weight() * f.field.weight();
            if best.is_none_or(|(_, w)| weighed > w) {
                best = Some((met, weighed));
            }
        }
        let (met, weighed) = best?;
        if met == Met::Typo && !fields.iter().any(|f| meets(word, starts, None, f).is_some()) {
            bucket = Bucket::Fuzzy;
        }
        score += weighed;
    }
    if bucket == Bucket::Field && exactly(query, &fields) {
        bucket = Bucket::Exact;
    }
    matched.sort();
    Some(Meets { bucket, fields: matched, score })
}

/// How `word` meets one field, at best.
fn meets(word: &Word, starts: bool, typos: Option<&[DFA; 2]>, f: &Analysed) -> Option<Met> {
    if f.names.contains(&word.name) || f.german.contains(&word.german) || f.english.contains(&word.english) {
        return Some(Met::Exactly);
    }
    if starts
        && (f.names.iter().any(|t| t.starts_with(&word.name)) || f.german.iter().any(|t| t.starts_with(&word.name)))
    {
        return Some(Met::Start);
    }
    let [name, german] = typos?;
    // A typo is never in the first letter (as search engines' fuzzy "prefix length" of
    // one): "Kunden" does not meet "und", "Jägr" meets "Jäger".
    let first = word.name.chars().next();
    let close = |dfa: &DFA, terms: &[String]| {
        terms.iter().filter(|t| t.chars().next() == first).any(|t| {
            let distance = if starts { prefix_distance(dfa, t) } else { dfa.eval(t) };
            matches!(distance, Distance::Exact(_))
        })
    };
    (close(name, &f.names) || close(german, &f.german)).then_some(Met::Typo)
}

/// The distance of the closest start of `text` (a typo in what is typed so far).
fn prefix_distance(dfa: &DFA, text: &str) -> Distance {
    let mut state = dfa.initial_state();
    if let Distance::Exact(_) = dfa.distance(state) {
        return dfa.distance(state);
    }
    for &b in text.as_bytes() {
        state = dfa.transition(state, b);
        if let Distance::Exact(_) = dfa.distance(state) {
            return dfa.distance(state);
        }
    }
    dfa.distance(state)
}

/// Whether the words appear one after the other as typed (folded, or as the same German
/// stems): in the name, or (several words) in one field.
fn exactly(query: &Prepared, fields: &[Analysed]) -> bool {
    let n = query.words.len();
    let run_of = |terms: &[String], word: fn(&Word) -> &str| {
        terms.windows(n).any(|run| {
            run.iter().zip(&query.words).enumerate().all(|(i, (have, w))| {
                let last = query.prefix && i + 1 == n;
                if last { have.starts_with(word(w)) } else { have == word(w) }
            })
        })
    };
    fields.iter().any(|f| {
        (f.field == PersonField::Name || n > 1) && (run_of(&f.names, |w| &w.name) || run_of(&f.german, |w| &w.german))
    })
}

/// The automaton that recognises `word` with up to `typos` typos.
pub fn automaton(typos: u8, word: &str) -> DFA {
    builder(typos).build_dfa(word)
}

/// Builders of typo automata (costly to make, so made once).
fn builder(typos: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match typos {
        1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

#[cfg(test)]
mod tests {
    use crate::part::Part;
    use crate::query::Prepared;
    use crate::schema::{Fields, PostFields};
    use kontor_core::search::text::{Bucket, PersonField, PreparedQuery};

    fn prepared(query: &str) -> Prepared {
        let (schema, fields) = Fields::schema();
        let people = Part::open(None, schema).expect("an index in memory");
        let (schema, post_fields) = PostFields::schema();
        let posts = Part::open(None, schema).expect("an index in memory");
        Prepared::new(query, false, (people.searcher(), fields), (posts.searcher(), post_fields)).expect("a query")
    }

    fn judged(query: &str, field: PersonField, text: &str) -> Option<Bucket> {
        prepared(query).judge(&[(field, text.to_owned())]).map(|m| m.bucket)
    }

    #[test]
    fn a_typo_is_never_in_the_first_letter() {
        assert_eq!(judged("Kunden", PersonField::About, "Forschung und Entwicklung"), None);
        assert_eq!(judged("Jägr", PersonField::Name, "Carla Jäger"), Some(Bucket::Fuzzy));
        assert_eq!(judged("Kunden", PersonField::Haves, "Kundenbindung, Kunden"), Some(Bucket::Field));
    }

    #[test]
    fn a_name_or_a_phrase_as_typed_is_exact() {
        assert_eq!(judged("Carla Jäger", PersonField::Name, "Carla Jäger"), Some(Bucket::Exact));
        assert_eq!(judged("Jäger", PersonField::Headline, "Jäger und Sammler"), Some(Bucket::Field));
        assert_eq!(judged("Leiter Vertrieb", PersonField::Headline, "Leiter Vertrieb Süd"), Some(Bucket::Exact));
        assert_eq!(judged("Vertrieb Leiter", PersonField::Headline, "Leiter Vertrieb Süd"), Some(Bucket::Field));
    }
}
