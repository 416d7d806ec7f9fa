use crate::{PgStore, log, normalise, other};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::i18n::Lang;
use kontor_core::legal::{LegalKind, LegalRepo, LegalText};
use sqlx::Row;
use time::OffsetDateTime;

#[async_trait]
impl LegalRepo for PgStore {
    async fn legal_text(&self, kind: LegalKind, lang: Lang) -> Result<Option<LegalText>, StoreError> {
        let row = sqlx::query("select markdown, updated_at from legal_texts where kind = $1 and lang = $2")
            .bind(kind.as_str())
            .bind(lang.code())
            .fetch_optional(&self.pool)
            .await
            .map_err(normalise)?;
        row.map(|row| {
            Ok(LegalText {
                kind,
                lang,
                markdown: row.try_get("markdown").map_err(normalise)?,
                updated_at: row.try_get("updated_at").map_err(normalise)?,
            })
        })
        .transpose()
    }

    async fn legal_kinds(&self) -> Result<Vec<(LegalKind, Lang)>, StoreError> {
        let rows = sqlx::query("select kind, lang from legal_texts order by kind, lang")
            .fetch_all(&self.pool)
            .await
            .map_err(normalise)?;
        rows.iter().map(kind_and_lang).collect()
    }

    async fn set_legal_text(
        &self,
        kind: LegalKind,
        lang: Lang,
        markdown: &str,
        at: OffsetDateTime,
    ) -> Result<LogPosition, StoreError> {
        let mut tx = self.begin().await?;
        if markdown.is_empty() {
            sqlx::query("delete from legal_texts where kind = $1 and lang = $2")
                .bind(kind.as_str())
                .bind(lang.code())
                .execute(&mut *tx)
                .await
                .map_err(normalise)?;
        } else {
            sqlx::query(
                "insert into legal_texts (kind, lang, markdown, updated_at) values ($1, $2, $3, $4) \
                 on conflict (kind, lang) do update set markdown = excluded.markdown, updated_at = excluded.updated_at",
            )
            .bind(kind.as_str())
            .bind(lang.code())
            .bind(markdown)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(normalise)?;
        }
        let position = log(&mut tx, ChangeKind::SiteChanged, 0, at).await?;
        tx.commit().await.map_err(normalise)?;
        Ok(position)
    }
}

fn kind_and_lang(row: &sqlx::postgres::PgRow) -> Result<(LegalKind, Lang), StoreError> {
    let kind: String = row.try_get("kind").map_err(normalise)?;
    let lang: String = row.try_get("lang").map_err(normalise)?;
    Ok((
        LegalKind::parse(&kind).ok_or_else(|| other("unknown legal page"))?,
        Lang::parse(&lang).ok_or_else(|| other("unknown language"))?,
    ))
}
