use crate::FieldError;
use crate::i18n::Lang;
pub use crate::site::{LegalKind, LegalPages};
use time::OffsetDateTime;

/// The most a legal page may hold: a long privacy notice is some 40,000 characters.
pub const MAX_MARKDOWN_CHARS: usize = 100_000;

/// One legal page in one language, as the operator wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalText {
    pub kind: LegalKind,
    pub lang: Lang,
    pub markdown: String,
    pub updated_at: OffsetDateTime,
}

/// The operator's Markdown, checked: within [`MAX_MARKDOWN_CHARS`], no control characters
/// but line breaks and tabs. An empty text removes the page.
pub fn markdown(raw: &str) -> Result<String, FieldError> {
    if raw.chars().count() > MAX_MARKDOWN_CHARS {
        return Err(FieldError::new("markdown", "too_long"));
    }
    let text = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(FieldError::new("markdown", "invalid_characters"));
    }
    Ok(text)
}

/// Markdown as HTML that is safe to put into a page: whatever raw HTML the text holds
/// goes through ammonia's allow-list like the rest (no scripts, no event handlers, no
/// `javascript:` or `data:` links, no styles), and links to other sites open nothing of
/// ours to them.
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        // A picture from elsewhere would tell its host who reads the page.
        .rm_tags(["img"])
        // Headings carry ids (`## Kontakt {#kontakt}`) for links within the page;
        // prefixed, so none can stand in for one of the site's own.
        .id_prefix(Some("legal-"))
        .add_generic_attributes(["id"])
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html_without_anything_that_runs() {
        let html = to_html("# Impressum\n\nKontor e. V., **Leipzig**\n\n- [Web](https://example.org)\n");
        assert!(html.contains("<h1>Impressum</h1>"), "{html}");
        assert!(html.contains("<strong>Leipzig</strong>"), "{html}");
        assert!(html.contains(r#"<a href="https://example.org" rel="noopener noreferrer nofollow">Web</a>"#), "{html}");
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"jAvAsCrIpT:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=https://evil.example></iframe>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "![x](https://evil.example/pixel.png \"t\")<details open ontoggle=alert(1)>",
        ] {
            let html = to_html(payload).to_ascii_lowercase();
            for runs in
                ["<img", "<script", "onerror", "onload", "ontoggle", "javascript:", "data:", "<iframe", "style="]
            {
                assert!(!html.contains(runs), "{payload:?} left {runs:?} in {html}");
            }
        }
    }

    #[test]
    fn heading_ids_cannot_take_the_sites_own() {
        let html = to_html("## Contact {#main}");
        assert!(html.contains(r#"id="legal-main""#), "{html}");
    }

    #[test]
    fn oversize_and_control_characters_are_refused() {
        assert_eq!(markdown(&"a".repeat(MAX_MARKDOWN_CHARS + 1)).unwrap_err().code, "too_long");
        assert_eq!(markdown("a\u{0}b").unwrap_err().code, "invalid_characters");
        assert_eq!(markdown("  # Hi\r\n\r\nText\t \n").unwrap(), "# Hi\n\nText");
        assert_eq!(markdown(&"ä".repeat(MAX_MARKDOWN_CHARS)).unwrap().chars().count(), MAX_MARKDOWN_CHARS);
    }
}
