//! German and English: the language type, negotiation from `Accept-Language`, and
//! message lookup from the Fluent files in `crates/core/locales/`.

pub mod formats;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            // Numbers in messages ("{ $count } Mitglieder") with the language's grouping.
            let german = bundle.locales.first().is_some_and(|l| l.language.as_str() == "de");
            bundle.set_formatter(Some(if german { numbers_de } else { numbers_en }));
        },
    };
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    De,
    #[default]
    En,
}

/// Whole numbers in a message as [`formats::number`] writes them; other values
/// (fractions, none here) as Fluent does.
fn grouped<M>(lang: Lang, value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(formats::number(lang, n.value as i64))
        }
        _ => None,
    }
}

fn numbers_de<M>(value: &FluentValue, memo: &M) -> Option<String> {
    grouped(Lang::De, value, memo)
}

fn numbers_en<M>(value: &FluentValue, memo: &M) -> Option<String> {
    grouped(Lang::En, value, memo)
}

static DE: LanguageIdentifier = langid!("de");
static EN: LanguageIdentifier = langid!("en");

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "de" => Some(Self::De),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The best of our languages for an `Accept-Language` header; English if none fits.
    pub fn negotiate(accept_language: &str) -> Self {
        Self::negotiate_or(accept_language, Self::En)
    }

    /// The best of our languages for an `Accept-Language` header; `otherwise` (the
    /// site's language) if none fits.
    pub fn negotiate_or(accept_language: &str, otherwise: Self) -> Self {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(lang) = Self::parse(primary)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map_or(otherwise, |(_, lang)| lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Self::De => &DE,
            Self::En => &EN,
        }
    }

    /// The message `key`; the key itself if it is missing (a test checks none is).
    /// A message without arguments is the same every time: each is formatted once and
    /// held for good (only keys of the message files are, so the table is as small as
    /// they are), and a page's hundreds of labels copy nothing. Each thread keeps its own
    /// index of them, so the cores serving pages share no lock.
    pub fn t(self, key: &str) -> Cow<'static, str> {
        type Held = RefCell<[FxHashMap<Box<str>, &'static str>; 2]>;
        thread_local! {
            static HELD: Held = RefCell::default();
        }
        if let Some(text) = HELD.with_borrow(|held| held[self as usize].get(key).copied()) {
            return Cow::Borrowed(text);
        }
        let Some(text) = self.formatted(key) else { return Cow::Owned(key.to_owned()) };
        HELD.with_borrow_mut(|held| held[self as usize].insert(key.into(), text));
        Cow::Borrowed(text)
    }

    /// [`Lang::t`] for a key written into the program (a page's labels): found by where
    /// the key is, which costs less than reading its letters. Two keys at one place are
    /// one text, so the same message.
    pub fn t_static(self, key: &'static str) -> Cow<'static, str> {
        type Held = RefCell<[FxHashMap<(usize, usize), &'static str>; 2]>;
        thread_local! {
            static HELD: Held = RefCell::default();
        }
        let place = (key.as_ptr() as usize, key.len());
        if let Some(text) = HELD.with_borrow(|held| held[self as usize].get(&place).copied()) {
            return Cow::Borrowed(text);
        }
        let text = self.t(key);
        if let Cow::Borrowed(text) = text {
            HELD.with_borrow_mut(|held| held[self as usize].insert(place, text));
        }
        text
    }

    /// The message `key`, formatted once for the whole process.
    fn formatted(self, key: &str) -> Option<&'static str> {
        type Formatted = RwLock<HashMap<Box<str>, &'static str>>;
        static FORMATTED: LazyLock<[Formatted; 2]> = LazyLock::new(Default::default);
        let formatted = &FORMATTED[self as usize];
        if let Some(&text) = formatted.read().unwrap_or_else(|p| p.into_inner()).get(key) {
            return Some(text);
        }
        let text = LOCALES.try_lookup(self.id(), key)?;
        let mut formatted = formatted.write().unwrap_or_else(|p| p.into_inner());
        Some(*formatted.entry(key.into()).or_insert_with(|| Box::leak(text.into_boxed_str())))
    }

    /// The message `key` with its one argument `count` (a plural): each message and
    /// count is formatted once and held (counts on pages are mostly small and repeat).
    pub fn t_count(self, key: &str, count: i64) -> Cow<'static, str> {
        type Held = RefCell<[FxHashMap<Box<str>, FxHashMap<i64, &'static str>>; 2]>;
        thread_local! {
            static HELD: Held = RefCell::default();
        }
        let found =
            HELD.with_borrow(|held| held[self as usize].get(key).and_then(|counts| counts.get(&count)).copied());
        if let Some(text) = found {
            return Cow::Borrowed(text);
        }
        let text = self.formatted_count(key, count);
        if let Cow::Borrowed(text) = text {
            HELD.with_borrow_mut(|held| held[self as usize].entry(key.into()).or_default().insert(count, text));
        }
        text
    }

    /// [`Lang::t_count`], formatted once for the whole process.
    fn formatted_count(self, key: &str, count: i64) -> Cow<'static, str> {
        type Formatted = RwLock<HashMap<Box<str>, HashMap<i64, &'static str>>>;
        /// Counts held per message; past them, counts are formatted each time.
        const HELD: usize = 1_000;
        static FORMATTED: LazyLock<[Formatted; 2]> = LazyLock::new(Default::default);
        let formatted = &FORMATTED[self as usize];
        if let Some(&text) = formatted.read().unwrap_or_else(|p| p.into_inner()).get(key).and_then(|m| m.get(&count)) {
            return Cow::Borrowed(text);
        }
        let text = self.t_args(key, &[("count", Arg::Num(count))]);
        let mut formatted = formatted.write().unwrap_or_else(|p| p.into_inner());
        let counts = formatted.entry(key.into()).or_default();
        if counts.len() >= HELD {
            return Cow::Owned(text);
        }
        Cow::Borrowed(*counts.entry(count).or_insert_with(|| Box::leak(text.into_boxed_str())))
    }

    /// The message `key` with its one text argument `arg` set to `value`, written where
    /// it is shown. The message is formatted once, around a placeholder, and held in
    /// pieces: a page names dozens of members this way ("Hide news from …"). That is the
    /// same text as [`Lang::t_args`] gives because no message selects on a text argument
    /// (a test checks that every selector is `$count`).
    pub fn t_with<'a>(self, key: &str, arg: &str, value: &'a str) -> Filled<'a> {
        type Held = RefCell<[FxHashMap<Box<str>, FxHashMap<Box<str>, &'static [&'static str]>>; 2]>;
        thread_local! {
            static HELD: Held = RefCell::default();
        }
        let found = HELD.with_borrow(|held| held[self as usize].get(key).and_then(|args| args.get(arg)).copied());
        let pieces = found.unwrap_or_else(|| {
            let pieces = self.pieces(key, arg);
            HELD.with_borrow_mut(|held| held[self as usize].entry(key.into()).or_default().insert(arg.into(), pieces));
            pieces
        });
        Filled { pieces, value }
    }

    /// The message `key` split where its argument `arg` goes, once for the whole process.
    fn pieces(self, key: &str, arg: &str) -> &'static [&'static str] {
        /// Stands for the argument: a noncharacter, never part of a message.
        const PLACEHOLDER: &str = "\u{FDD0}";
        type Split = RwLock<HashMap<(Box<str>, Box<str>), &'static [&'static str]>>;
        static SPLIT: LazyLock<[Split; 2]> = LazyLock::new(Default::default);
        let split = &SPLIT[self as usize];
        let id = (Box::<str>::from(key), Box::<str>::from(arg));
        if let Some(&pieces) = split.read().unwrap_or_else(|p| p.into_inner()).get(&id) {
            return pieces;
        }
        let text = self.t_args(key, &[(arg, Arg::Str(PLACEHOLDER))]);
        let pieces: Vec<&'static str> = text.split(PLACEHOLDER).map(|p| &*Box::leak(p.into())).collect();
        split.write().unwrap_or_else(|p| p.into_inner()).entry(id).or_insert_with(|| pieces.leak())
    }

    /// The message `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Str(s) => FluentValue::from(*s),
                    Arg::Num(n) => FluentValue::from(*n),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_owned())
    }

    /// Whether `key` exists in this language (messages that need arguments excepted).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }
}

/// A message with its text argument filled in, as [`Lang::t_with`] gives it.
#[derive(Clone, Copy, Debug)]
pub struct Filled<'a> {
    /// The message's text before, between and after the places of the argument.
    pieces: &'static [&'static str],
    value: &'a str,
}

impl std::fmt::Display for Filled<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut pieces = self.pieces.iter();
        f.write_str(pieces.next().copied().unwrap_or_default())?;
        for piece in pieces {
            f.write_str(self.value)?;
            f.write_str(piece)?;
        }
        Ok(())
    }
}

/// A value for a message argument.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(Lang::negotiate("de-DE,de;q=0.9,en;q=0.8"), Lang::De);
        assert_eq!(Lang::negotiate("en-US,en;q=0.9,de;q=0.8"), Lang::En);
        assert_eq!(Lang::negotiate("fr-FR, de;q=0.5"), Lang::De);
        assert_eq!(Lang::negotiate("fr"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::negotiate_or("fr-FR", Lang::De), Lang::De);
        assert_eq!(Lang::negotiate_or("", Lang::De), Lang::De);
        assert_eq!(Lang::negotiate_or("fr, en;q=0.1", Lang::De), Lang::En);
    }

    #[test]
    fn a_text_argument_is_filled_in_as_fluent_would() {
        for lang in Lang::ALL {
            for (key, arg) in [("ticker-mute", "name"), ("landing-heading", "site"), ("ticker-new", "count")] {
                for value in ["Anna Schmidt", "", "<b>&", "{ $name }"] {
                    let filled = lang.t_with(key, arg, value).to_string();
                    assert_eq!(filled, lang.t_args(key, &[(arg, Arg::Str(value))]), "{key} in {lang:?}");
                    // Held: the second time is the same.
                    assert_eq!(lang.t_with(key, arg, value).to_string(), filled);
                }
            }
        }
        assert_eq!(Lang::En.t_with("ticker-mute", "name", "Bo").to_string(), "Hide news from Bo");
        assert_eq!(Lang::De.t_with("no-such-message", "name", "Bo").to_string(), "no-such-message");
    }

    #[test]
    fn plurals_follow_the_language() {
        let de = Lang::De.t_args("test-plural", &[("count", Arg::Num(3))]);
        let en = Lang::En.t_args("test-plural", &[("count", Arg::Num(1))]);
        assert_eq!(de, "vor 3 Stunden");
        let many = [Lang::De, Lang::En].map(|lang| lang.t_args("test-plural", &[("count", Arg::Num(1528))]));
        assert_eq!(many, ["vor 1.528 Stunden", "1,528 hours ago"], "grouped as each writes it");
        assert_eq!(en, "1 hour ago");
    }
}

#[cfg(test)]
mod completeness {
    use super::Lang;

    fn message_ids(ftl: &str) -> Vec<&str> {
        ftl.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
            .collect()
    }

    /// [`Lang::t_with`] holds a message in pieces around its text argument, which is
    /// right only while no message chooses its words by a text: plurals choose by
    /// `$count`, and nothing else is chosen by.
    #[test]
    fn messages_select_on_the_count_only() {
        for ftl in [include_str!("../../locales/en/main.ftl"), include_str!("../../locales/de/main.ftl")] {
            for line in ftl.lines().filter(|l| l.contains("->")) {
                assert!(line.contains("{ $count ->"), "a selector other than $count: {line}");
            }
        }
    }

    /// Every message exists in both languages, so no page shows a raw key.
    #[test]
    fn both_languages_have_every_message() {
        let en = message_ids(include_str!("../../locales/en/main.ftl"));
        let de = message_ids(include_str!("../../locales/de/main.ftl"));
        let missing_de: Vec<_> = en.iter().filter(|id| !de.contains(id)).collect();
        let missing_en: Vec<_> = de.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing_de.is_empty(), "German lacks {missing_de:?}");
        assert!(missing_en.is_empty(), "English lacks {missing_en:?}");
        assert!(en.len() > 150, "only {} messages found", en.len());
        assert!(Lang::De.has("nav-home") && Lang::En.has("nav-home"), "the files are loaded");
    }
}
