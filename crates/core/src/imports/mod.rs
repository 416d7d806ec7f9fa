//! Bulk imports of members, for `kontor import` and the demo.
//!
//! Imported members are `invited`: they exist in the network but cannot log in until they
//! are invited and set a password. Only `kontor demo` opens them up, with one shared demo
//! password, and marks the whole site as a demo.

mod needs;

use crate::accounts::{AccountState, NewAccount};
use crate::ids::MemberKey;
use crate::legal::LegalKind;
use crate::profiles::Profile;
use crate::site::SiteSettings;
use crate::{Error, Result, StoreError};
use async_trait::async_trait;
pub(crate) use needs::ImportsNeeds;
pub use needs::ImportsStore;
use time::OffsetDateTime;

/// A member to import, with their profile.
pub struct ImportedMember {
    pub account: NewAccount,
    pub profile: Profile,
}

#[async_trait]
pub trait ImportRepo: Send + Sync {
    /// Adds the members with their profiles in one transaction, a change-log entry each.
    /// A member whose e-mail is taken is skipped. Returns how many were added.
    async fn import_members(&self, members: &[ImportedMember]) -> Result<u64, StoreError>;

    /// Gives every invited member without a password `password_hash` and makes them
    /// active; returns how many.
    async fn activate_invited(&self, password_hash: &str) -> Result<u64, StoreError>;
}

pub struct Imports<'a> {
    k: &'a dyn ImportsNeeds,
}

/// The password of every demo member.
pub const DEMO_PASSWORD: &str = "kontor-demo";

impl<'a> Imports<'a> {
    pub(crate) fn new(k: &'a dyn ImportsNeeds) -> Self {
        Self { k }
    }

    /// Imports a batch of members as invited (no password, no log-in).
    pub async fn members(&self, mut batch: Vec<ImportedMember>) -> Result<u64> {
        for member in &mut batch {
            member.account.state = AccountState::Invited;
            member.account.password_hash = None;
        }
        let added = self.k.store().import_members(&batch).await?;
        self.k.written().await?;
        Ok(added)
    }

    /// Imports confirmed contacts between members already imported; returns how many
    /// were new.
    pub async fn contacts(&self, batch: &[(MemberKey, MemberKey, OffsetDateTime)]) -> Result<u64> {
        let added = self.k.store().import_contacts(batch, self.k.now()).await?;
        self.k.written().await?;
        Ok(added)
    }

    /// Turns this installation into a demo: every imported member can log in with
    /// [`DEMO_PASSWORD`], and every page says it is a demo.
    pub async fn open_demo(&self) -> Result<u64> {
        let hash = self.k.passwords().hash(DEMO_PASSWORD).map_err(Error::Internal)?;
        let opened = self.k.store().activate_invited(&hash).await?;
        let settings = self.k.store().site_settings().await?;
        let demo = SiteSettings { demo: true, name: format!("{} Demo", settings.name), ..settings };
        self.k.store().update_site_settings(&demo).await?;
        // The legal pages a real site needs, written as an operator would start them.
        for lang in crate::i18n::Lang::ALL {
            let privacy = crate::legal::privacy_template(lang, &demo.name, self.k.public_url());
            let now = self.k.now();
            self.k.store().set_legal_text(LegalKind::Privacy, lang, &privacy, now).await?;
            self.k.store().set_legal_text(LegalKind::Imprint, lang, crate::legal::demo_imprint(lang), now).await?;
        }
        self.k.written().await?;
        Ok(opened)
    }
}
