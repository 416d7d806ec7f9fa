//! What makes a new password too easy to guess, beyond its length: being one of the
//! passwords attackers try first, or being built from what they know about its owner.
//!
//! No composition rules (a digit, a capital): they make passwords harder to remember, not
//! to guess. Instead a password is refused when it is, or its core is, on a list of 65,000
//! breached passwords and common German words (`data/guessable-passwords.txt`, sources and
//! licences in its header), and when what is left after taking out its owner's name, e-mail
//! address and the site's name is not a password on its own.

use crate::error::FieldError;
use std::collections::HashSet;
use std::sync::LazyLock;

static GUESSABLE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/guessable-passwords.txt").lines().filter(|l| !l.starts_with('#')).collect()
});

/// Letters and digits that must be left once the context words are taken out.
const MIN_CHARS_BESIDES_CONTEXT: usize = 6;
/// Words shorter than this are parts of too many others to take out.
const MIN_CONTEXT_WORD: usize = 3;

/// The words an attacker who knows the account would try: the member's name, the parts
/// of their e-mail address, the site's name and "kontor".
#[derive(Debug, Default)]
pub struct PasswordContext {
    words: Vec<String>,
}

impl PasswordContext {
    pub fn new(site_name: &str, member_name: &str, email: &str) -> Self {
        let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
        // The top-level domain is too short and too common to mean anything.
        let domain = domain.rsplit_once('.').map_or(domain, |(rest, _tld)| rest);
        let mut words: Vec<String> = [site_name, member_name, local, domain, "kontor"]
            .iter()
            .flat_map(|part| part.split(|c: char| !c.is_alphanumeric()))
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= MIN_CONTEXT_WORD)
            .collect();
        // Longest first, so that "annabelle" goes before "anna" would split it.
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        words.dedup();
        Self { words }
    }

    /// Refuses a password that is guessable as a whole or once its context words are out.
    pub fn check(&self, field: &'static str, password: &str) -> Result<(), FieldError> {
        let lower = password.to_lowercase();
        if is_guessable(&lower) {
            return Err(FieldError::new(field, "password_guessable"));
        }
        let mut rest = lower.clone();
        for word in &self.words {
            rest = rest.replace(word.as_str(), " ");
        }
        // Separators and symbols around the words add little: "anna-berg-2026!" leaves four.
        let left = rest.chars().filter(|c| c.is_alphanumeric()).count();
        if rest != lower && (left < MIN_CHARS_BESIDES_CONTEXT || is_guessable(rest.trim())) {
            return Err(FieldError::new(field, "password_personal"));
        }
        Ok(())
    }
}

/// On the list as typed, or once digits and symbols around it are taken off
/// ("Sommer2024!" is "sommer"), or made of three characters or fewer repeated.
fn is_guessable(lower: &str) -> bool {
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let distinct: HashSet<char> = lower.chars().collect();
    GUESSABLE.contains(lower) || GUESSABLE.contains(core) || distinct.len() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str) -> Result<(), &'static str> {
        let context = PasswordContext::new("Handelskammer Nord", "Anna-Lena Berg", "a.berg@berg-consult.de");
        context.check("password", password).map_err(|e| e.code)
    }

    #[test]
    fn common_passwords_and_words_are_refused_with_digits_and_symbols_around_them() {
        for weak in
            ["qwertzuiop", "Passwort123", "1234567890", "Sonnenschein", "sommer2024!!", "Fussball1904", "!!Dragon2000"]
        {
            assert_eq!(check(weak), Err("password_guessable"), "{weak}");
        }
    }

    #[test]
    fn repeated_characters_are_refused() {
        assert_eq!(check("abababababab"), Err("password_guessable"));
        assert_eq!(check("..........!"), Err("password_guessable"));
    }

    #[test]
    fn a_password_made_of_who_the_member_is_is_refused() {
        for personal in [
            "AnnaLena1987",
            "berg-consult!",
            "Handelskammer2026",
            "kontor-passwort",
            "lena berg 1987",
            "kontor-berg-2026",
        ] {
            assert_eq!(check(personal), Err("password_personal"), "{personal}");
        }
    }

    #[test]
    fn passphrases_and_random_passwords_pass_even_with_a_name_in_them() {
        for strong in ["correct horse battery", "Anna mag gelbe Tulpen", "x7#Kq9!vLm2p", "Tram Nummer 7 fährt nie"] {
            assert_eq!(check(strong), Ok(()), "{strong}");
        }
    }

    #[test]
    fn the_list_holds_what_its_header_promises() {
        assert!(GUESSABLE.len() > 60_000);
        assert!(GUESSABLE.iter().all(|w| w.chars().count() >= 4 && *w == w.to_lowercase()));
    }
}
