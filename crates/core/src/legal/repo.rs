use super::{LegalKind, LegalText};
use crate::StoreError;
use crate::changelog::LogPosition;
use crate::i18n::Lang;
use async_trait::async_trait;
use time::OffsetDateTime;

/// The operator's legal pages, one text per page and language.
#[async_trait]
pub trait LegalRepo: Send + Sync {
    /// The page in `lang`, if the operator wrote it.
    async fn legal_text(&self, kind: LegalKind, lang: Lang) -> Result<Option<LegalText>, StoreError>;

    /// Which pages exist in which language (read with the site settings).
    async fn legal_kinds(&self) -> Result<Vec<(LegalKind, Lang)>, StoreError>;

    /// Saves the page in `lang`; an empty `markdown` removes it. Logged as a change of
    /// the site, whose settings say which pages exist.
    async fn set_legal_text(
        &self,
        kind: LegalKind,
        lang: Lang,
        markdown: &str,
        at: OffsetDateTime,
    ) -> Result<LogPosition, StoreError>;
}
