//! A query made ready: its words in each analysis, the index queries for each bucket
//! (exact, field, typo), and the candidates they find.

use crate::analysis::{self, terms};
use crate::judge;
use crate::schema::{Fields, PostFields, Texts};
use kontor_core::StoreError;
use kontor_core::ids::{ActivityKey, MemberKey};
use kontor_core::search::text::{
    MAX_QUERY_CHARS, MAX_QUERY_WORDS, Meets, Near, PersonField, PreparedQuery, QueryProblem, Searcher,
};
use std::collections::HashSet;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};

/// One word of a query, as each analysis makes it.
pub struct Word {
    /// Folded, not stemmed: how names and phrases are matched.
    pub name: String,
    pub german: String,
    pub english: String,
    /// How many typos the word may have: none for short words, one up to seven
    /// letters, two beyond.
    pub typos: u8,
    /// The automata that recognise the name and the German stem with those typos, made
    /// once per query (every candidate is judged with them).
    pub automata: Option<[levenshtein_automata::DFA; 2]>,
}

pub struct Prepared {
    pub(crate) words: Vec<Word>,
    /// The last word also matches as the start of a word.
    pub(crate) prefix: bool,
    fields: Fields,
    searcher: tantivy::Searcher,
    post_fields: PostFields,
    posts: tantivy::Searcher,
}

impl Prepared {
    pub fn new(
        text: &str,
        prefix: bool,
        (searcher, fields): (tantivy::Searcher, Fields),
        (posts, post_fields): (tantivy::Searcher, PostFields),
    ) -> Result<Self, QueryProblem> {
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(QueryProblem::TooLong);
        }
        let names = terms(&mut analysis::names(), text);
        if names.len() > MAX_QUERY_WORDS {
            return Err(QueryProblem::TooManyWords);
        }
        let (mut german, mut english) = (analysis::german(), analysis::english());
        // Each word through the other analyses alone, so the words stay in step.
        let words = names
            .into_iter()
            .map(|name| {
                let german = terms(&mut german, &name).pop().unwrap_or_else(|| name.clone());
                let english = terms(&mut english, &name).pop().unwrap_or_else(|| name.clone());
                let typos = match name.chars().count() {
                    0..=3 => 0,
                    4..=7 => 1,
                    _ => 2,
                };
                let automata = (typos > 0).then(|| [judge::automaton(typos, &name), judge::automaton(typos, &german)]);
                Word { name, german, english, typos, automata }
            })
            .collect();
        Ok(Self { words, prefix, fields, searcher, post_fields, posts })
    }

    fn is_last(&self, i: usize) -> bool {
        self.prefix && i + 1 == self.words.len()
    }

    /// The name, or a phrase in the German text, as typed.
    fn exact(&self, texts: &[Texts]) -> Box<dyn Query> {
        let mut any = Vec::new();
        for t in texts {
            if self.words.len() == 1 {
                any.push(term(t.names, &self.words[0].name));
            } else {
                let names = self.words.iter().map(|w| Term::from_field_text(t.names, &w.name)).collect();
                let german = self.words.iter().map(|w| Term::from_field_text(t.german, &w.german)).collect();
                any.push(Box::new(PhraseQuery::new(names)) as Box<dyn Query>);
                any.push(Box::new(PhraseQuery::new(german)));
            }
        }
        Box::new(BooleanQuery::union(any))
    }

    /// Every word in some field, exactly (the last one as a start of a word when typing).
    fn field(&self, texts: &[Texts]) -> Box<dyn Query> {
        self.every_word(texts, |i, w, t, any| {
            any.push(term(t.names, &w.name));
            any.push(term(t.german, &w.german));
            any.push(term(t.english, &w.english));
            if self.is_last(i) {
                any.push(Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(t.names, &w.name), 0, true)));
                any.push(Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(t.german, &w.name), 0, true)));
            }
        })
    }

    /// Every word in some field, some with typos.
    fn fuzzy(&self, texts: &[Texts]) -> Box<dyn Query> {
        self.every_word(texts, |i, w, t, any| {
            any.push(term(t.names, &w.name));
            any.push(term(t.german, &w.german));
            if w.typos > 0 {
                let fuzzy = |field, text: &str| -> Box<dyn Query> {
                    let term = Term::from_field_text(field, text);
                    if self.is_last(i) {
                        Box::new(FuzzyTermQuery::new_prefix(term, w.typos, true))
                    } else {
                        Box::new(FuzzyTermQuery::new(term, w.typos, true))
                    }
                };
                any.push(fuzzy(t.names, &w.name));
                any.push(fuzzy(t.german, &w.german));
            }
        })
    }

    fn every_word(
        &self,
        texts: &[Texts],
        mut alternatives: impl FnMut(usize, &Word, &Texts, &mut Vec<Box<dyn Query>>),
    ) -> Box<dyn Query> {
        let all = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut any = Vec::new();
                for t in texts {
                    alternatives(i, w, t, &mut any);
                }
                (Occur::Must, Box::new(BooleanQuery::union(any)) as Box<dyn Query>)
            })
            .collect();
        Box::new(BooleanQuery::new(all))
    }

    /// Up to `limit` members `query` finds: the near ones first, then by score.
    fn found(&self, query: &dyn Query, near: &Near, limit: usize) -> Result<Vec<MemberKey>, StoreError> {
        let near = near.clone();
        let collector = TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
            let members =
                segment.fast_fields().u64("member").expect("the member is a fast field").first_or_default_col(0);
            let near = near.clone();
            move |doc: DocId, score: Score| {
                let member = members.get_val(doc);
                (near.contains(&(member as i64)), score, member)
            }
        });
        let found = self.searcher.search(query, &collector).map_err(|e| StoreError::Other(Box::new(e)))?;
        Ok(found.into_iter().map(|((_, _, member), _)| MemberKey(member as i64)).collect())
    }
}

fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

impl PreparedQuery for Prepared {
    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn candidates(&self, searcher: Searcher, near: &Near, limit: usize) -> Result<Vec<MemberKey>, StoreError> {
        if self.words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let texts: Vec<Texts> = searcher.reads().iter().map(|r| self.fields.of(*r)).collect();
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        // Better buckets first; a worse one is asked only while the list is short.
        for query in [self.exact(&texts), self.field(&texts), self.fuzzy(&texts)] {
            for member in self.found(&*query, near, limit)? {
                if found.len() < limit && seen.insert(member) {
                    found.push(member);
                }
            }
            if found.len() >= limit {
                break;
            }
        }
        Ok(found)
    }

    fn judge(&self, texts: &[(PersonField, String)]) -> Option<Meets> {
        judge::judge(self, texts)
    }

    fn post_candidates(&self, searcher: Searcher, limit: usize) -> Result<Vec<ActivityKey>, StoreError> {
        if self.words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Every word in the post (German or English stem), or with a typo.
        let reads: Vec<_> = searcher.reads().iter().map(|r| self.post_fields.of(*r)).collect();
        let all = self
            .words
            .iter()
            .map(|w| {
                let mut any: Vec<Box<dyn Query>> = Vec::new();
                for t in &reads {
                    any.push(term(t.german, &w.german));
                    any.push(term(t.english, &w.english));
                    if w.typos > 0 {
                        let german = Term::from_field_text(t.german, &w.german);
                        any.push(Box::new(FuzzyTermQuery::new(german, w.typos, true)));
                    }
                }
                (Occur::Must, Box::new(BooleanQuery::union(any)) as Box<dyn Query>)
            })
            .collect();
        let collector = TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
            let keys = segment.fast_fields().u64("key").expect("the key is a fast field").first_or_default_col(0);
            move |doc: DocId, score: Score| (score, keys.get_val(doc))
        });
        let found =
            self.posts.search(&BooleanQuery::new(all), &collector).map_err(|e| StoreError::Other(Box::new(e)))?;
        Ok(found.into_iter().map(|((_, key), _)| ActivityKey(key as i64)).collect())
    }

    fn judge_post(&self, body: &str) -> Option<Meets> {
        // A post is one text; it is judged as a person's field that weighs least.
        let mut meets = judge::judge(self, &[(PersonField::About, body.to_owned())])?;
        meets.fields.clear();
        Some(meets)
    }
}
