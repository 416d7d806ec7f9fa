//! Free text as every domain checks it: one line or several, within a length, without
//! control characters; and the form two spellings of a name share.

use crate::FieldError;

/// One line of text, trimmed, within `max` characters (as sent, spaces around included).
pub fn short_text(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    if raw.chars().count() > max {
        return Err(FieldError::new(field, "too_long"));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(field, "invalid_characters"));
    }
    Ok(text.to_owned())
}

/// Several lines of text (newlines kept, other control characters refused).
pub fn long_text(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    let text = raw.trim().replace("\r\n", "\n");
    if raw.chars().count() > max {
        return Err(FieldError::new(field, "too_long"));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(field, "invalid_characters"));
    }
    Ok(text)
}

/// The key two spellings of one entity share: lower case, single spaces.
pub fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
