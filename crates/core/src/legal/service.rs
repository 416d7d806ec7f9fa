//! Reading the legal pages (anyone) and writing them (administrators).

use super::LegalNeeds;
use super::{LegalKind, model, template};
use crate::accounts::Current;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use time::OffsetDateTime;

pub struct Legal<'a> {
    k: &'a dyn LegalNeeds,
}

/// A legal page as readers see it.
pub struct LegalPage {
    pub kind: LegalKind,
    /// The language it is written in: the reader's, or the other one where the operator
    /// wrote only that.
    pub lang: Lang,
    pub markdown: String,
    /// Sanitised HTML, ready for the page.
    pub html: String,
    pub updated_at: OffsetDateTime,
}

/// What the editor starts from.
pub struct LegalDraft {
    pub markdown: String,
    /// Whether the text is saved (else it is the generated template, or empty).
    pub saved: bool,
    pub updated_at: Option<OffsetDateTime>,
}

impl<'a> Legal<'a> {
    pub(crate) fn new(k: &'a dyn LegalNeeds) -> Self {
        Self { k }
    }

    /// The page in `lang`, or in the other language; `NotFound` if the operator has not
    /// written it.
    pub async fn page(&self, kind: LegalKind, lang: Lang) -> Result<LegalPage> {
        let store = self.k.store();
        let other = if lang == Lang::De { Lang::En } else { Lang::De };
        let text = match store.legal_text(kind, lang).await? {
            Some(text) => text,
            None => store.legal_text(kind, other).await?.ok_or(Error::NotFound)?,
        };
        Ok(LegalPage {
            kind,
            lang: text.lang,
            html: model::to_html(&text.markdown),
            markdown: text.markdown,
            updated_at: text.updated_at,
        })
    }

    /// The text an administrator edits: the saved one, else for the privacy notice a
    /// template that lists what Kontor stores and for how long.
    pub async fn draft(&self, current: &Current, kind: LegalKind, lang: Lang) -> Result<LegalDraft> {
        current.require_admin()?;
        if let Some(text) = self.k.store().legal_text(kind, lang).await? {
            return Ok(LegalDraft { markdown: text.markdown, saved: true, updated_at: Some(text.updated_at) });
        }
        let markdown = match kind {
            LegalKind::Privacy => {
                let site = self.k.site_settings().await?.name;
                template::privacy(lang, &site, self.k.public_url())
            }
            LegalKind::Imprint | LegalKind::Terms => String::new(),
        };
        Ok(LegalDraft { markdown, saved: false, updated_at: None })
    }

    /// Saves a page in `lang`; an empty text removes it.
    pub async fn save(&self, current: &Current, kind: LegalKind, lang: Lang, markdown: &str) -> Result<()> {
        current.require_admin()?;
        let markdown = model::markdown(markdown).map_err(|e| Error::Invalid(vec![e]))?;
        self.k.store().set_legal_text(kind, lang, &markdown, self.k.now()).await?;
        tracing::info!(admin = %current.account.id, kind = kind.as_str(), lang = lang.code(), "legal page saved");
        self.k.written().await?;
        Ok(())
    }

    /// Which pages are written in which language, for the admin page.
    pub async fn overview(&self, current: &Current) -> Result<Vec<(LegalKind, Vec<Lang>)>> {
        current.require_admin()?;
        let written = self.k.store().legal_kinds().await?;
        Ok(LegalKind::ALL
            .into_iter()
            .map(|kind| (kind, written.iter().filter(|(k, _)| *k == kind).map(|(_, lang)| *lang).collect()))
            .collect())
    }

    /// The legal pages every e-mail links to in its footer, as (title, address).
    pub async fn mail_links(&self, lang: Lang) -> Result<Vec<(String, String)>> {
        let pages = self.k.site_settings().await?.legal;
        let links = LegalKind::REQUIRED.into_iter().filter(|k| pages.has(*k));
        Ok(links.map(|k| (lang.t(&format!("legal-{}", k.as_str())).into_owned(), self.k.link(&k.path()))).collect())
    }
}
