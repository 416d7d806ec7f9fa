use crate::sql::{other, q};
use crate::{SqlStore, log};
use async_trait::async_trait;
use kontor_core::StoreError;
use kontor_core::admin::{SignupMode, SiteRepo, SiteSettings, TwoFactorRule};
use kontor_core::changelog::{ChangeKind, LogPosition};
use kontor_core::i18n::Lang;
use kontor_core::legal::{LegalPages, LegalRepo};

#[async_trait]
impl SiteRepo for SqlStore {
    async fn site_settings(&self) -> Result<SiteSettings, StoreError> {
        let legal = LegalPages::from_kinds(self.legal_kinds().await?.into_iter().map(|(kind, _)| kind));
        let row = q(
            "select name, signup_mode, demo, two_factor_required, lang, public_search from site_settings where id = 1",
        )
        .fetch_optional(self.db.read())
        .await?;
        let Some(row) = row else {
            return Ok(SiteSettings {
                name: "Kontor".into(),
                signup_mode: SignupMode::Open,
                two_factor_required: TwoFactorRule::Optional,
                lang: Lang::En,
                legal,
                demo: false,
                public_search: true,
            });
        };
        let mode: String = row.get("signup_mode")?;
        let rule: String = row.get("two_factor_required")?;
        let lang: String = row.get("lang")?;
        Ok(SiteSettings {
            name: row.get("name")?,
            signup_mode: SignupMode::parse(&mode).ok_or_else(|| other("unknown sign-up mode"))?,
            two_factor_required: TwoFactorRule::parse(&rule).ok_or_else(|| other("unknown two-factor rule"))?,
            lang: Lang::parse(&lang).ok_or_else(|| other("unknown site language"))?,
            legal,
            demo: row.get("demo")?,
            public_search: row.get("public_search")?,
        })
    }

    async fn update_site_settings(&self, s: &SiteSettings) -> Result<LogPosition, StoreError> {
        let mut tx = self.db.begin().await?;
        q("insert into site_settings (id, name, signup_mode, demo, two_factor_required, lang, public_search) \
             values (1, $1, $2, $3, $4, $5, $6) \
             on conflict (id) do update set name = excluded.name, signup_mode = excluded.signup_mode, \
             demo = excluded.demo, two_factor_required = excluded.two_factor_required, lang = excluded.lang, \
             public_search = excluded.public_search")
        .bind(&s.name)
        .bind(s.signup_mode.as_str())
        .bind(s.demo)
        .bind(s.two_factor_required.as_str())
        .bind(s.lang.code())
        .bind(s.public_search)
        .execute(&mut tx)
        .await?;
        let position = log(&mut tx, ChangeKind::SiteChanged, 0, time::OffsetDateTime::now_utc()).await?;
        tx.commit().await?;
        Ok(position)
    }
}
