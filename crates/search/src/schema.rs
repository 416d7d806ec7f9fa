//! The index's fields: the member's key, and per reach (who could ever see a text) the
//! name, and everything in German and in English analysis.

use crate::analysis::{ENGLISH, GERMAN, NAMES};
use kontor_core::privacy::needs;
use kontor_core::search::PostText;
use kontor_core::search::text::{PersonDocument, PersonField, Reach};
use tantivy::TantivyDocument;
use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};

#[derive(Clone, Copy)]
pub struct Fields {
    pub member: Field,
    by_reach: [Texts; 3],
}

/// The text fields of one reach.
#[derive(Clone, Copy)]
pub struct Texts {
    /// The name, for exact and fuzzy name matches.
    pub names: Field,
    /// Every field, German analysis (phrases too).
    pub german: Field,
    /// Every field, English analysis.
    pub english: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut schema = Schema::builder();
        let member = schema.add_u64_field("member", INDEXED | FAST | STORED);
        let text = |analyzer: &str, positions: bool| {
            let record =
                if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(record))
        };
        let by_reach = Reach::ALL.map(|reach| {
            let name = reach_name(reach);
            Texts {
                names: schema.add_text_field(&format!("names_{name}"), text(NAMES, true)),
                german: schema.add_text_field(&format!("german_{name}"), text(GERMAN, true)),
                english: schema.add_text_field(&format!("english_{name}"), text(ENGLISH, false)),
            }
        });
        (schema.build(), Fields { member, by_reach })
    }

    pub fn of(&self, reach: Reach) -> Texts {
        self.by_reach[Reach::ALL.iter().position(|r| *r == reach).expect("every reach has fields")]
    }

    /// The document the index holds for a person.
    pub fn document(&self, person: &PersonDocument) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.member, person.member.0 as u64);
        for (field, reach, text) in &person.texts {
            let texts = self.of(*reach);
            if *field == PersonField::Name {
                doc.add_text(texts.names, text);
            }
            doc.add_text(texts.german, text);
            doc.add_text(texts.english, text);
        }
        doc
    }
}

fn reach_name(reach: Reach) -> &'static str {
    match reach {
        Reach::Anyone => "anyone",
        Reach::Members => "members",
        Reach::Network => "network",
    }
}

/// The posts' index: the post's key, its author, and per reach its text.
#[derive(Clone, Copy)]
pub struct PostFields {
    pub key: Field,
    pub author: Field,
    by_reach: [PostTexts; 3],
}

#[derive(Clone, Copy)]
pub struct PostTexts {
    pub german: Field,
    pub english: Field,
}

impl PostFields {
    pub fn schema() -> (Schema, PostFields) {
        let mut schema = Schema::builder();
        let key = schema.add_u64_field("key", INDEXED | FAST | STORED);
        let author = schema.add_u64_field("author", INDEXED | FAST);
        let text = |analyzer: &str, record| {
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(record))
        };
        let by_reach = Reach::ALL.map(|reach| PostTexts {
            german: schema.add_text_field(
                &format!("german_{}", reach_name(reach)),
                text(GERMAN, IndexRecordOption::WithFreqsAndPositions),
            ),
            english: schema
                .add_text_field(&format!("english_{}", reach_name(reach)), text(ENGLISH, IndexRecordOption::WithFreqs)),
        });
        (schema.build(), PostFields { key, author, by_reach })
    }

    pub fn of(&self, reach: Reach) -> PostTexts {
        self.by_reach[Reach::ALL.iter().position(|r| *r == reach).expect("every reach has fields")]
    }

    /// The document of a post, filed under the widest audience that may read it.
    pub fn document(&self, post: &PostText) -> Option<TantivyDocument> {
        let reach = Reach::needing(needs(post.audience.visibility()))?;
        let texts = self.of(reach);
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.key, post.key.0 as u64);
        doc.add_u64(self.author, post.author.0 as u64);
        doc.add_text(texts.german, &post.body);
        doc.add_text(texts.english, &post.body);
        Some(doc)
    }
}
