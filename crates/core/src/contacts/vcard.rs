//! Contacts as vCard 4.0 (RFC 6350), for the member's phone or mail program.
//!
//! A card carries exactly what its member shows the exporting contact: it is written from
//! the redacted profile, so a field the policy hides is simply not there.

use crate::network::MemberCard;
use std::fmt::Write;

/// One card. `profile_url` is the member's page on this Kontor.
pub fn card(member: &MemberCard, profile_url: &str) -> String {
    let p = &member.profile;
    let mut out = Card::default();
    out.line("BEGIN:VCARD");
    out.line("VERSION:4.0");
    out.line("KIND:individual");
    out.property("FN", &[], &text(member.name.as_str()));
    out.property("UID", &[], &format!("urn:uuid:{}", member.id.as_uuid().hyphenated()));
    if !p.company.is_empty() {
        out.property("ORG", &[], &text(&p.company));
    }
    if !p.position.is_empty() {
        out.property("TITLE", &[], &text(&p.position));
    }
    if !p.headline.is_empty() {
        out.property("NOTE", &[], &text(&p.headline));
    }
    if !p.business_email.is_empty() {
        out.property("EMAIL", &["TYPE=work"], &text(&p.business_email));
    }
    if !p.private_email.is_empty() {
        out.property("EMAIL", &["TYPE=home"], &text(&p.private_email));
    }
    if !p.business_phone.is_empty() {
        out.property("TEL", &["VALUE=uri", "TYPE=\"work,voice\""], &tel(&p.business_phone));
    }
    if !p.private_phone.is_empty() {
        out.property("TEL", &["VALUE=uri", "TYPE=\"home,cell\""], &tel(&p.private_phone));
    }
    if !p.city.is_empty() || !p.region.is_empty() || !p.country.is_empty() {
        // ADR: post office box; extended address; street; locality; region; postal code; country.
        let adr = ["", "", "", &p.city, &p.region, "", &p.country].map(text).join(";");
        out.property("ADR", &["TYPE=work"], &adr);
    }
    if !p.private_address.is_empty() {
        // A free-text address: all of it in the street component, and as the label.
        let label = format!("LABEL=\"{}\"", param(&p.private_address));
        out.property("ADR", &["TYPE=home", &label], &format!(";;{};;;;", text(&p.private_address)));
    }
    if let Some(day) = p.birthday {
        out.property("BDAY", &[], &format!("{:04}{:02}{:02}", day.year(), u8::from(day.month()), day.day()));
    }
    for link in &p.links {
        out.property("URL", &[], link);
    }
    out.property("URL", &["TYPE=work"], profile_url);
    if !p.interests.is_empty() {
        let interests: Vec<String> = p.interests.iter().map(|i| text(i)).collect();
        out.property("X-INTERESTS", &[], &interests.join(","));
    }
    out.line("END:VCARD");
    out.0
}

/// A value of type TEXT: backslash, comma, semicolon and line breaks escaped (RFC 6350
/// §3.4). Commas and semicolons separate components, so they are escaped everywhere.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A quoted parameter value: no quotes or line breaks are possible inside (RFC 6868's
/// caret escapes cover them).
fn param(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A phone number as a `tel:` URI: the digits and a leading plus, visual separators as
/// hyphens (RFC 3966).
fn tel(s: &str) -> String {
    let mut out = String::from("tel:");
    let mut sep = false;
    for c in s.trim().chars() {
        match c {
            '+' if out.len() == 4 => out.push('+'),
            '0'..='9' => {
                if sep && !out.ends_with(':') && !out.ends_with('+') {
                    out.push('-');
                }
                sep = false;
                out.push(c);
            }
            _ => sep = true,
        }
    }
    out
}

/// Content lines, folded at 75 octets without splitting a character (RFC 6350 §3.2).
#[derive(Default)]
struct Card(String);

impl Card {
    fn property(&mut self, name: &str, params: &[&str], value: &str) {
        let mut line = String::from(name);
        for p in params {
            let _ = write!(line, ";{p}");
        }
        line.push(':');
        line.push_str(value);
        self.line(&line);
    }

    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn phone_numbers_become_tel_uris() {
        assert_eq!(tel("+49 (30) 123 456"), "tel:+49-30-123-456");
        assert_eq!(tel("030/123"), "tel:030-123");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut card = Card::default();
        let value = "ä".repeat(100);
        card.property("NOTE", &[], &value);
        for line in card.0.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = card.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("NOTE:{value}\r\n"));
    }
}
