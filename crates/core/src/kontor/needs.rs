//! What the node provides to each domain: the basis every service stands on, and each
//! domain's declared needs.

use super::Kontor;
use crate::accounts::MemberState;
use crate::basis::Basis;
use crate::error::Result;
use crate::ids::MemberKey;
use crate::privacy::Relation;
use crate::profiles::CardData;
use crate::ratelimit::{Counter, Limit};
use crate::site::SiteSettings;
use async_trait::async_trait;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use time::OffsetDateTime;

#[async_trait]
impl Basis for Kontor {
    fn now(&self) -> OffsetDateTime {
        self.0.clock.now()
    }

    async fn written(&self) -> Result<()> {
        self.0.wakeups.jobs.notify_one();
        Ok(self.0.derived.tailer.apply_own_writes().await?)
    }

    fn jobs_enqueued(&self) {
        self.0.wakeups.jobs.notify_one();
    }

    fn link(&self, path: &str) -> String {
        format!("{}{}", self.0.config.public_url, path)
    }

    fn limit(&self, limit: Limit, subject: &str) -> Counter<'_> {
        let config = &self.0.config;
        let rate = config.limits.rate(limit, config.request_limits.per_day);
        Counter::new(&*self.0.store, &*self.0.clock, &self.0.refusals, (limit, rate), subject)
    }
}

#[async_trait]
impl crate::search::SearchNeeds for Kontor {
    fn store(&self) -> &dyn crate::search::SearchStore {
        &*self.0.store
    }

    fn network(&self) -> crate::network::Network<'_> {
        Kontor::network(self)
    }

    fn cards_generation(&self) -> u64 {
        self.0.derived.cards.generation()
    }

    fn matches(&self) -> &crate::search::MatchMemo {
        &self.0.derived.matches
    }

    fn text_index(&self) -> &dyn crate::search::text::TextIndex {
        &*self.0.derived.text
    }

    fn notifications(&self) -> crate::notifications::Notifications<'_> {
        Kontor::notifications(self)
    }

    fn ticker(&self) -> crate::ticker::Ticker<'_> {
        Kontor::ticker(self)
    }
}

impl crate::legal::LegalNeeds for Kontor {
    fn store(&self) -> &dyn crate::legal::LegalRepo {
        &*self.0.store
    }

    fn public_url(&self) -> &str {
        &self.0.config.public_url
    }
}

#[async_trait]
impl crate::accounts::AccountsNeeds for Kontor {
    fn store(&self) -> &dyn crate::accounts::AccountsStore {
        &*self.0.store
    }

    fn passwords(&self) -> &crate::secrets::PasswordHashing {
        &self.0.passwords
    }

    async fn session(
        &self,
        token: &crate::secrets::TokenHash,
    ) -> Result<Option<(crate::accounts::Session, crate::accounts::Account)>> {
        Ok(self.0.derived.sessions.read(&*self.0.store, token, self.now()).await?)
    }
}

impl crate::admin::AdminNeeds for Kontor {
    fn store(&self) -> &dyn crate::admin::AdminStore {
        &*self.0.store
    }

    fn accounts(&self) -> crate::accounts::Accounts<'_> {
        Kontor::accounts(self)
    }
}

#[async_trait]
impl crate::network::NetworkNeeds for Kontor {
    fn store(&self) -> &dyn crate::network::NetworkStore {
        &*self.0.store
    }

    fn snapshot(&self) -> Arc<kontor_graph::Snapshot> {
        self.0.derived.network.snapshot()
    }

    async fn card_data(&self, keys: &[MemberKey]) -> Result<FxHashMap<MemberKey, Arc<CardData>>> {
        Ok(self.0.derived.cards.read(&*self.0.store, keys).await?)
    }

    fn cards_generation(&self) -> u64 {
        self.0.derived.cards.generation()
    }

    fn cards_max_version(&self, keys: &[MemberKey]) -> u64 {
        self.0.derived.cards.max_version(keys)
    }

    fn degree_counts(&self) -> &crate::network::CountsMemo {
        &self.0.derived.degree_counts
    }

    fn suggested(&self) -> &crate::network::SuggestionMemo {
        &self.0.derived.suggested
    }
}

#[async_trait]
impl crate::profiles::ProfilesNeeds for Kontor {
    fn store(&self) -> &dyn crate::profiles::ProfilesStore {
        &*self.0.store
    }

    fn key_of(&self, id: crate::ids::MemberId) -> Option<MemberKey> {
        self.0.derived.directory.key_of(id)
    }

    async fn card_data(&self, key: MemberKey) -> Result<Option<Arc<CardData>>> {
        Kontor::network(self).card_data(key).await
    }

    async fn relation(&self, viewer: &crate::accounts::Account, owner: &crate::accounts::Account) -> Result<Relation> {
        Ok(Kontor::network(self).viewer(viewer).await?.relation(owner))
    }

    fn images(&self) -> &crate::images::ImageWork {
        &self.0.images
    }

    fn photo_megapixels(&self) -> u32 {
        self.0.config.limits.photo_megapixels
    }
}

impl crate::contacts::ContactsNeeds for Kontor {
    fn store(&self) -> &dyn crate::contacts::ContactsStore {
        &*self.0.store
    }

    fn network(&self) -> crate::network::Network<'_> {
        Kontor::network(self)
    }

    fn notifications(&self) -> crate::notifications::Notifications<'_> {
        Kontor::notifications(self)
    }

    fn request_limits(&self) -> &crate::contacts::RequestLimits {
        &self.0.config.request_limits
    }

    fn public_url(&self) -> &str {
        &self.0.config.public_url
    }
}

#[async_trait]
impl crate::notifications::NotificationsNeeds for Kontor {
    fn store(&self) -> &dyn crate::notifications::NotificationsStore {
        &*self.0.store
    }

    fn network(&self) -> crate::network::Network<'_> {
        Kontor::network(self)
    }

    async fn readable_posts(
        &self,
        viewer: &mut crate::network::Viewer,
        keys: &[crate::ids::ActivityKey],
    ) -> Result<std::collections::HashMap<crate::ids::ActivityKey, crate::notifications::PostRef>> {
        Kontor::ticker(self).readable_posts(viewer, keys).await
    }

    async fn open_request_note(&self, sender: MemberKey, recipient: MemberKey) -> Result<Option<String>> {
        Kontor::contacts(self).open_request_note(sender, recipient).await
    }

    fn legal(&self) -> crate::legal::Legal<'_> {
        Kontor::legal(self)
    }

    fn mailer(&self) -> &crate::mail::Mailer {
        &self.0.mailer
    }

    fn born_on(&self, day: time::Date) -> Vec<MemberKey> {
        self.0.derived.ticker.born_on(day)
    }
}

impl crate::ticker::TickerNeeds for Kontor {
    fn store(&self) -> &dyn crate::ticker::TickerStore {
        &*self.0.store
    }

    fn network(&self) -> crate::network::Network<'_> {
        Kontor::network(self)
    }

    fn notifications(&self) -> crate::notifications::Notifications<'_> {
        Kontor::notifications(self)
    }

    fn index(&self) -> &crate::ticker::TickerIndex {
        &self.0.derived.ticker
    }

    fn content(&self) -> &crate::ticker::ContentCache {
        &self.0.derived.content
    }

    fn cards(&self) -> &crate::network::CardCache {
        &self.0.derived.cards
    }

    fn first_pages(&self) -> &crate::ticker::PageMemo {
        &self.0.derived.first_pages
    }

    fn held(&self) -> Arc<dyn crate::ticker::TickerNeeds> {
        Arc::new(self.clone())
    }
}

impl crate::entities::EntitiesNeeds for Kontor {
    fn store(&self) -> &dyn crate::entities::EntityRepo {
        &*self.0.store
    }

    fn network(&self) -> crate::network::Network<'_> {
        Kontor::network(self)
    }
}

impl crate::imports::ImportsNeeds for Kontor {
    fn store(&self) -> &dyn crate::imports::ImportsStore {
        &*self.0.store
    }

    fn passwords(&self) -> &crate::secrets::PasswordHashing {
        &self.0.passwords
    }

    fn public_url(&self) -> &str {
        &self.0.config.public_url
    }
}

#[async_trait]
impl crate::accounts::MemberStateNeeds for Kontor {
    async fn member_state(&self, member: MemberKey) -> Result<Arc<MemberState>> {
        Kontor::member_state(self, member).await
    }
}

#[async_trait]
impl crate::site::SiteNeeds for Kontor {
    async fn site_settings(&self) -> Result<SiteSettings> {
        Kontor::site_settings(self).await
    }
}
