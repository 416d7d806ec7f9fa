//! The entry point to the domain: the node's shared parts and one accessor per domain
//! service. The node provides what each domain declares it needs (`needs.rs`).

mod jobs;
mod maintenance;
mod needs;

pub use jobs::JobRunner;
pub use maintenance::{Maintenance, Swept};

use crate::accounts::Accounts;
use crate::changelog::Wakeups;
use crate::clock::Clock;
use crate::derived::Derived;
use crate::mail::{MailTransport, Mailer};
use crate::network::Network;
use crate::profiles::Profiles;
use crate::secrets::{HashCost, PasswordHashing};
use crate::{Result, StoreHandle};
use std::sync::Arc;
use time::OffsetDateTime;

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
    /// Whether caches and memos hold anything (off: every read from the database, to
    /// compare; the indexes, which have no other source, stay).
    pub caches: bool,
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
    derived: Derived,
    refusals: crate::ratelimit::Refusals,
    images: crate::images::ImageWork,
}

impl Kontor {
    pub fn new(
        store: StoreHandle,
        clock: Arc<dyn Clock>,
        mail: Arc<dyn MailTransport>,
        config: Config,
        text: Arc<dyn crate::derived::FullText>,
    ) -> Result<Self> {
        let passwords = PasswordHashing::new(config.hash_cost).map_err(crate::Error::Internal)?;
        let mailer = Mailer::new(mail, config.mail_from.clone());
        let workers = match config.limits.image_workers {
            0 => crate::images::ImageWork::workers_for_this_machine(),
            n => n as usize,
        };
        let images = crate::images::ImageWork::new(workers, config.limits.image_queue as usize);
        Ok(Self(Arc::new(Inner {
            derived: Derived::new(&store, text),
            store,
            clock,
            passwords,
            mailer,
            config,
            wakeups: Arc::default(),
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

    pub fn maintenance(&self) -> Maintenance<'_> {
        Maintenance::new(self)
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

    pub fn ticker(&self) -> crate::ticker::Ticker<'_> {
        crate::ticker::Ticker::new(self)
    }

    pub fn search(&self) -> crate::search::Search<'_> {
        crate::search::Search::new(self)
    }

    /// Builds this node's indexes and follows the change log from then on (with the
    /// caches off if so configured).
    pub async fn start_following(&self) -> Result<crate::changelog::LogPosition> {
        let position = self.0.derived.tailer.start().await?;
        if !self.0.config.caches {
            self.0.derived.switch_off();
        }
        Ok(position)
    }

    /// Everything this node derives from the database, kept current by the log.
    pub fn derived(&self) -> &Derived {
        &self.0.derived
    }

    /// A member's own counts and lists, from memory.
    pub async fn member_state(&self, member: crate::ids::MemberKey) -> Result<Arc<crate::accounts::MemberState>> {
        Ok(self.0.derived.state.read(&*self.0.store, member).await?)
    }

    /// The operator's settings, from memory.
    pub async fn site_settings(&self) -> Result<crate::site::SiteSettings> {
        Ok(self.0.derived.site.read(&*self.0.store).await?)
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

    pub(crate) fn mailer(&self) -> &Mailer {
        &self.0.mailer
    }
}
