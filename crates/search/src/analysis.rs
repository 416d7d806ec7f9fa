//! How text becomes terms, the same way for what is indexed, for queries and for the
//! check of each hit.
//!
//! - `names`: words split on anything but letters and digits, lower-cased, German
//!   spellings folded (ä and ae → a, ö and oe → o, ü and ue → u, ß → ss, as Lucene's
//!   GermanNormalizationFilter does: "Müller" and "Mueller" meet, "Quelle" stays), other
//!   accents folded to ASCII. Nothing is cut off, so a name matches as typed.
//! - `german`: as `names`, then the female form of a title meets the male one
//!   ("Geschäftsführerin" → "geschaftsfuhrer"), then German stemming.
//! - `english`: as `names`, then English stemming ("engineers" → "engin").

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

pub const NAMES: &str = "kontor_names";
pub const GERMAN: &str = "kontor_german";
pub const ENGLISH: &str = "kontor_english";

/// Longer words are left out (no real word is, and they would only bloat the index).
const LONGEST_WORD: usize = 48;

pub fn names() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Rewrite(fold_german))
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn german() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Rewrite(fold_german))
        .filter(AsciiFoldingFilter)
        .filter(Rewrite(male_form))
        .filter(Stemmer::new(Language::German))
        .build()
}

pub fn english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Rewrite(fold_german))
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The terms `analyzer` makes of `text`, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

/// German spellings folded as Lucene's GermanNormalizationFilter does: umlauts and
/// their two-letter spellings to the plain vowel, ß to ss; "ue" after a "q" stays.
fn fold_german(word: &str, out: &mut String) {
    #[derive(PartialEq)]
    enum Last {
        Other,
        Vowel,
        /// An "a", "o" or "u" that an "e" may follow as the spelling of an umlaut.
        Umlaut,
    }
    let mut last = Last::Other;
    for c in word.chars() {
        match c {
            'a' | 'o' => {
                out.push(c);
                last = Last::Umlaut;
            }
            'u' => {
                out.push(c);
                last = if last == Last::Other { Last::Umlaut } else { Last::Vowel };
            }
            'e' => {
                if last != Last::Umlaut {
                    out.push(c);
                }
                last = Last::Vowel;
            }
            'i' | 'q' | 'y' => {
                out.push(c);
                last = Last::Vowel;
            }
            'ä' => {
                out.push('a');
                last = Last::Vowel;
            }
            'ö' => {
                out.push('o');
                last = Last::Vowel;
            }
            'ü' => {
                out.push('u');
                last = Last::Vowel;
            }
            'ß' => {
                out.push_str("ss");
                last = Last::Other;
            }
            c => {
                out.push(c);
                last = Last::Other;
            }
        }
    }
}

/// The female form of a German title as the male one: "-erin" and "-erinnen" lose the
/// "in", "innen" ("Beraterin" → "berater"); short words are left alone ("Berin").
fn male_form(word: &str, out: &mut String) {
    let kept = if word.len() > 7 && word.ends_with("erinnen") {
        &word[..word.len() - 5]
    } else if word.len() > 5 && word.ends_with("erin") {
        &word[..word.len() - 2]
    } else {
        word
    };
    out.push_str(kept);
}

/// A token filter that rewrites each token's text with a function.
#[derive(Clone, Copy)]
struct Rewrite(fn(&str, &mut String));

impl TokenFilter for Rewrite {
    type Tokenizer<T: Tokenizer> = Rewriting<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Rewriting<T> {
        Rewriting { tokenizer, rewrite: self.0 }
    }
}

#[derive(Clone)]
struct Rewriting<T> {
    tokenizer: T,
    rewrite: fn(&str, &mut String),
}

impl<T: Tokenizer> Tokenizer for Rewriting<T> {
    type TokenStream<'a> = Rewritten<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        Rewritten { tail: self.tokenizer.token_stream(text), rewrite: self.rewrite, buffer: String::new() }
    }
}

struct Rewritten<S> {
    tail: S,
    rewrite: fn(&str, &mut String),
    buffer: String,
}

impl<S: TokenStream> TokenStream for Rewritten<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.buffer.clear();
        (self.rewrite)(&self.tail.token().text, &mut self.buffer);
        std::mem::swap(&mut self.tail.token_mut().text, &mut self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn german_terms(text: &str) -> Vec<String> {
        terms(&mut german(), text)
    }

    #[test]
    fn umlauts_their_spellings_and_the_female_form_meet() {
        let one = german_terms("Geschäftsführer");
        assert_eq!(german_terms("geschaeftsfuehrer"), one);
        assert_eq!(german_terms("Geschäftsführerin"), one);
        assert_eq!(german_terms("Geschäftsführerinnen"), one);
        assert_eq!(terms(&mut names(), "Müller"), terms(&mut names(), "Mueller"));
        assert_eq!(terms(&mut names(), "Straße"), vec!["strasse"]);
    }

    #[test]
    fn a_u_after_q_and_other_vowels_keeps_its_e() {
        assert_eq!(terms(&mut names(), "Quelle Auer Neue"), vec!["quelle", "auer", "neue"]);
        assert_eq!(terms(&mut names(), "José Ørsted"), vec!["jose", "orsted"]);
    }

    #[test]
    fn plurals_meet_in_both_languages() {
        assert_eq!(terms(&mut english(), "engineers"), terms(&mut english(), "engineer"));
        assert_eq!(german_terms("Berater"), german_terms("Beratern"));
    }
}
