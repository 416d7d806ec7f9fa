//! How the oracle's canaries are written and found again in an answer.

use std::collections::HashMap;

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
pub fn date_forms(year: i32, month: u8, day: u8) -> [String; 3] {
    let m = usize::from(month - 1);
    [
        format!("{year}-{month:02}-{day:02}"),
        format!("{day}. {} {year}", MONTHS_DE[m]),
        format!("{day} {} {year}", MONTHS_EN[m]),
    ]
}

/// Finds the canaries of a hidden set in an answer in one pass over it (searching each
/// canary in turn would read every answer hundreds of times): the `zq…x` and `Zqn…x`
/// tokens, runs of digits (the phones, nine digits) and the years of birthdays, each looked up.
pub struct Scanner {
    tokens: HashMap<String, String>,
    /// Per birth year, the written forms of that birthday and what it stands for.
    dates: HashMap<String, Vec<(String, String)>>,
}

impl Scanner {
    pub fn new(hidden: HashMap<String, String>) -> Self {
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
    pub fn found(&self, body: &str) -> Vec<(String, String)> {
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
