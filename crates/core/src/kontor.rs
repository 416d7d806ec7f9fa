//! The entry point to the domain: shared dependencies and one accessor per domain service.

use crate::accounts::{Account, Accounts};
use crate::clock::Clock;
use crate::mail::{MailTransport, Mailer};
use crate::network::{CardCache, Network, NetworkIndex};
use crate::privacy::Relation;
use crate::profiles::Profiles;
use crate::secrets::{HashCost, PasswordHashing};
use crate::{Result, StoreHandle};
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// What the services need to know about the installation.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address members reach Kontor at, for links in e-mails (no trailing slash).
    pub public_url: String,
    pub hash_cost: HashCost,
    /// The sender of Kontor's e-mails.
    pub mail_from: String,
    /// Whether the operator named a real sender (else mail comes from a reserved domain
    /// and the admin page says how to set one).
    pub mail_sender_configured: bool,
    /// Limits against mass contact requests.
    pub request_limits: crate::contacts::RequestLimits,
    /// Limits against guessing, floods and abuse.
    pub limits: crate::ratelimit::Limits,
}

/// Kontor's domain, ready to serve: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Kontor(Arc<Inner>);

struct Inner {
    store: StoreHandle,
    clock: Arc<dyn Clock>,
    passwords: PasswordHashing,
    mailer: Mailer,
    config: Config,
    wakeups: Arc<Wakeups>,
    network: Arc<NetworkIndex>,
    ticker: Arc<crate::ticker::TickerIndex>,
    cards: Arc<CardCache>,
    site: Arc<crate::admin::SiteCache>,
    sessions: Arc<crate::accounts::SessionCache>,
    state: Arc<crate::accounts::StateCache>,
    content: Arc<crate::ticker::ContentCache>,
    suggested: crate::network::SuggestionMemo,
    first_pages: crate::ticker::PageMemo,
    refusals: crate::ratelimit::Refusals,
    images: crate::images::ImageWork,
}

/// Signals from writes to this node's background loops.
#[derive(Default)]
pub struct Wakeups {
    /// The change log has grown.
    pub log: Notify,
    /// Jobs may have been enqueued.
    pub jobs: Notify,
}

impl Kontor {
    pub fn new(
        store: StoreHandle,
        clock: Arc<dyn Clock>,
        mail: Arc<dyn MailTransport>,
        config: Config,
    ) -> Result<Self> {
        let passwords = PasswordHashing::new(config.hash_cost).map_err(crate::Error::Internal)?;
        let mailer = Mailer::new(mail, config.mail_from.clone());
        let network = NetworkIndex::new();
        let ticker = crate::ticker::TickerIndex::new();
        let cards = CardCache::new();
        let workers = match config.limits.image_workers {
            0 => crate::images::ImageWork::workers_for_this_machine(),
            n => n as usize,
        };
        let images = crate::images::ImageWork::new(workers, config.limits.image_queue as usize);
        Ok(Self(Arc::new(Inner {
            store,
            clock,
            passwords,
            mailer,
            config,
            wakeups: Arc::default(),
            network,
            ticker,
            cards,
            site: crate::admin::SiteCache::new(),
            sessions: crate::accounts::SessionCache::new(),
            state: crate::accounts::StateCache::new(),
            content: crate::ticker::ContentCache::new(),
            suggested: Default::default(),
            first_pages: crate::ticker::PageMemo::with_capacity(crate::ticker::PAGES_HELD),
            refusals: crate::ratelimit::Refusals::default(),
            images,
        })))
    }

    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(self)
    }

    pub fn profiles(&self) -> Profiles<'_> {
        Profiles::new(self)
    }

    pub fn admin(&self) -> crate::admin::Admin<'_> {
        crate::admin::Admin::new(self)
    }

    pub fn legal(&self) -> crate::legal::Legal<'_> {
        crate::legal::Legal::new(self)
    }

    pub fn maintenance(&self) -> crate::maintenance::Maintenance<'_> {
        crate::maintenance::Maintenance::new(self)
    }

    pub fn entities(&self) -> crate::entities::Entities<'_> {
        crate::entities::Entities::new(self)
    }

    pub fn contacts(&self) -> crate::contacts::Contacts<'_> {
        crate::contacts::Contacts::new(self)
    }

    pub fn network(&self) -> Network<'_> {
        Network::new(self)
    }

    /// The graph of who is whose contact, one of this node's indexes.
    pub fn network_index(&self) -> &Arc<NetworkIndex> {
        &self.0.network
    }

    pub fn ticker(&self) -> crate::ticker::Ticker<'_> {
        crate::ticker::Ticker::new(self)
    }

    /// Every member's newest activities, one of this node's indexes.
    pub fn ticker_index(&self) -> &Arc<crate::ticker::TickerIndex> {
        &self.0.ticker
    }

    /// What ticker pages show of activities, one of this node's indexes.
    pub fn ticker_content(&self) -> &Arc<crate::ticker::ContentCache> {
        &self.0.content
    }

    pub(crate) fn suggestion_memo(&self) -> &crate::network::SuggestionMemo {
        &self.0.suggested
    }

    pub(crate) fn first_page_memo(&self) -> &crate::ticker::PageMemo {
        &self.0.first_pages
    }

    /// Members' accounts, profiles and grants, one of this node's indexes.
    pub fn card_cache(&self) -> &Arc<CardCache> {
        &self.0.cards
    }

    /// The site settings, one of this node's indexes.
    pub fn site_cache(&self) -> &Arc<crate::admin::SiteCache> {
        &self.0.site
    }

    /// Signed-in browsers' sessions, one of this node's indexes.
    pub fn session_cache(&self) -> &Arc<crate::accounts::SessionCache> {
        &self.0.sessions
    }

    /// Members' own counts and lists, one of this node's indexes.
    pub fn state_cache(&self) -> &Arc<crate::accounts::StateCache> {
        &self.0.state
    }

    /// A member's own counts and lists, from memory.
    pub async fn member_state(&self, member: crate::ids::MemberKey) -> Result<Arc<crate::accounts::MemberState>> {
        Ok(self.0.state.read(&self.0.store, member).await?)
    }

    /// The operator's settings, from memory.
    pub async fn site_settings(&self) -> Result<crate::admin::SiteSettings> {
        Ok(self.0.site.read(&self.0.store).await?)
    }

    pub fn notifications(&self) -> crate::notifications::Notifications<'_> {
        crate::notifications::Notifications { k: self }
    }

    pub fn imports(&self) -> crate::imports::Imports<'_> {
        crate::imports::Imports::new(self)
    }

    pub fn store(&self) -> &StoreHandle {
        &self.0.store
    }

    pub fn now(&self) -> OffsetDateTime {
        self.0.clock.now()
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// `limit` applied to `subject` (an address, an account, a member).
    pub fn limit(&self, limit: crate::ratelimit::Limit, subject: &str) -> crate::ratelimit::Counter<'_> {
        crate::ratelimit::Counter::new(self, limit, subject)
    }

    /// The workers for decoding and scaling images.
    pub fn images(&self) -> &crate::images::ImageWork {
        &self.0.images
    }

    /// How often each limit has refused something on this node.
    pub fn refusals(&self) -> &crate::ratelimit::Refusals {
        &self.0.refusals
    }

    pub fn wakeups(&self) -> &Arc<Wakeups> {
        &self.0.wakeups
    }

    pub(crate) fn passwords(&self) -> &PasswordHashing {
        &self.0.passwords
    }

    pub(crate) fn mailer(&self) -> &Mailer {
        &self.0.mailer
    }

    /// An absolute link into Kontor for e-mails.
    pub(crate) fn link(&self, path: &str) -> String {
        format!("{}{}", self.0.config.public_url, path)
    }

    /// A write has committed: this node's loops catch up at once.
    pub(crate) fn written(&self) {
        self.0.wakeups.log.notify_one();
        self.0.wakeups.jobs.notify_one();
    }

    /// Every member's sessions ended: this node forgets them all at once.
    pub(crate) fn every_session_ended(&self) {
        self.0.sessions.forget_everyone();
        self.written();
    }

    /// A write that changed these members' accounts or profiles has committed: as
    /// [`Kontor::contacts_written`], and this node forgets their sessions (which carry
    /// the account) at once too.
    pub(crate) fn members_written(&self, members: &[crate::ids::MemberKey]) {
        self.0.sessions.forget_members(&members.iter().copied().collect());
        self.contacts_written(members);
    }

    /// A write that changed these members' contacts, grants or blocks has committed: as
    /// [`Kontor::written`], and this node forgets their cards and their own counts and
    /// lists at once (sessions stay: they carry nothing of the network).
    pub(crate) fn contacts_written(&self, members: &[crate::ids::MemberKey]) {
        self.0.cards.forget(members);
        self.state_written(members);
    }

    /// A write that changed these members' requests, blocks, mutes, dismissed
    /// suggestions or notifications has committed: as [`Kontor::written`], and this node
    /// forgets their counts and lists at once.
    pub(crate) fn state_written(&self, members: &[crate::ids::MemberKey]) {
        self.0.state.forget(members);
        self.written();
    }

    /// A write that ended sessions or changed credentials of these members has
    /// committed: as [`Kontor::written`], and this node forgets their sessions at once.
    pub(crate) fn sessions_written(&self, members: &[crate::ids::MemberKey]) {
        self.0.sessions.forget_members(&members.iter().copied().collect());
        self.written();
    }

    /// A write that may make news has committed: as [`Kontor::written`], and this node's
    /// ticker holds the writers' news before the write is acknowledged, so every reader
    /// served here sees it at once. (A post or like leaves the writer's card as it was;
    /// a profile write forgets it first, from [`Kontor::card_cache`].)
    pub(crate) async fn news_written(&self, writers: &[crate::ids::MemberKey]) -> Result<()> {
        self.0.content.forget(&writers.iter().copied().collect(), &Default::default());
        self.written();
        self.ticker_index().refresh(self.store(), writers).await?;
        Ok(())
    }

    /// A like, comment, share or deletion changed these posts' counts: this node
    /// forgets them at once (the writer's news follows with [`Kontor::news_written`]).
    pub(crate) fn posts_written(&self, posts: &[crate::ids::ActivityKey]) {
        self.0.content.forget(&Default::default(), &posts.iter().copied().collect());
    }

    pub(crate) fn jobs_enqueued(&self) {
        self.0.wakeups.jobs.notify_one();
    }

    /// How `viewer` stands to `owner` on the viewer's revealed graph, and the fields the
    /// owner granted the viewer personally (only a direct contact has any).
    pub(crate) async fn relation(
        &self,
        viewer: Option<&Account>,
        owner: &crate::network::CardData,
    ) -> Result<(Relation, Vec<crate::profiles::Field>)> {
        let Some(viewer) = viewer else { return Ok((Relation::Anonymous, Vec::new())) };
        let relation = self.network().viewer(viewer).await?.relation(&owner.account);
        let granted = match relation {
            Relation::Degree(1) => owner.granted_to(viewer.key),
            _ => Vec::new(),
        };
        Ok((relation, granted))
    }
}
