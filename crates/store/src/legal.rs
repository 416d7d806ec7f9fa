use crate::sql::{Row, other, q};
use crate::{SqlStore, log};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::i18n::Lang;
use kontor_core::legal::{LegalKind, LegalRepo, LegalText};
use time::OffsetDateTime;

#[async_trait]
impl LegalRepo for SqlStore {
    async fn legal_text(&self, kind: LegalKind, lang: Lang) -> Result<Option<LegalText>, StoreError> {
        let row = q("select markdown, updated_at from legal_texts where kind = $1 and lang = $2")
            .bind(kind.as_str())
            .bind(lang.code())
            .fetch_optional(self.db.read())
            .await?;
        row.map(|row| Ok(LegalText { kind, lang, markdown: row.get("markdown")?, updated_at: row.get("updated_at")? }))
            .transpose()
    }

    async fn legal_kinds(&self) -> Result<Vec<(LegalKind, Lang)>, StoreError> {
        let rows = q("select kind, lang from legal_texts order by kind, lang").fetch_all(self.db.read()).await?;
        rows.iter().map(kind_and_lang).collect()
    }

    async fn set_legal_text(
        &self,
        kind: LegalKind,
        lang: Lang,
        markdown: &str,
        at: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        if markdown.is_empty() {
            q("delete from legal_texts where kind = $1 and lang = $2")
                .bind(kind.as_str())
                .bind(lang.code())
                .execute(&mut tx)
                .await?;
        } else {
            q("insert into legal_texts (kind, lang, markdown, updated_at) values ($1, $2, $3, $4) \
               on conflict (kind, lang) do update set markdown = excluded.markdown, updated_at = excluded.updated_at")
            .bind(kind.as_str())
            .bind(lang.code())
            .bind(markdown)
            .bind(at)
            .execute(&mut tx)
            .await?;
        }
        let position = log(&mut tx, ChangeKind::SiteChanged, 0, at).await?;
        tx.commit().await?;
        Ok(position)
    }
}

fn kind_and_lang(row: &Row) -> Result<(LegalKind, Lang), StoreError> {
    let kind: String = row.get("kind")?;
    let lang: String = row.get("lang")?;
    Ok((
        LegalKind::parse(&kind).ok_or_else(|| other("unknown legal page"))?,
        Lang::parse(&lang).ok_or_else(|| other("unknown language"))?,
    ))
}
