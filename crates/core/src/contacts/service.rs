//! The contact use-cases.

use super::ContactsNeeds;
use super::model::limits;
use super::{Contact, ContactQuery, ContactRequest, ContactSettings, ContactTag, HowWeKnow, RequestState};
use crate::accounts::{Account, Current};
use crate::error::{Error, FieldError, Problems, Result};
use crate::ids::{MemberId, MemberKey, RequestId};
use crate::network::{MemberCard, NetworkOverview};
use crate::notifications::{Effects, NotificationKind};
use crate::profiles::Field;
use crate::ratelimit::Limit;
use crate::ticker::{ActivityKind, Audience, NewActivity};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub struct Contacts<'a> {
    k: &'a dyn ContactsNeeds,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestOutcome {
    /// The request waits for the other member.
    Sent,
    /// The other member had asked first: now they are contacts.
    Connected,
}

/// Where the viewer stands with another member, for the actions on a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Standing {
    Myself,
    Contact,
    /// The viewer asked (a declined request looks the same).
    RequestSent {
        request: RequestId,
    },
    RequestReceived {
        request: RequestId,
    },
    None,
}

/// A request as its sender sees it: never whether it was declined.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SentRequest {
    pub id: RequestId,
    pub to: MemberCard,
    pub message: String,
    pub how: HowWeKnow,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A request as its recipient sees it, with what the two share.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReceivedRequest {
    pub id: RequestId,
    pub from: MemberCard,
    pub message: String,
    pub how: HowWeKnow,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub network: NetworkOverview,
}

/// One of my contacts in my list.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListedContact {
    pub member: MemberCard,
    #[serde(flatten)]
    pub contact: ContactDetails,
}

/// My tags, note and grants on one contact, as submitted.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ContactEdit {
    pub tags: Vec<String>,
    pub note: String,
    pub grants: Vec<Field>,
}

/// My side of a contact: since when, how we know each other, my tags, note and grants.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ContactDetails {
    #[serde(with = "time::serde::rfc3339")]
    pub since: OffsetDateTime,
    pub how: HowWeKnow,
    pub tags: Vec<ContactTag>,
    pub note: String,
    pub grants: Vec<Field>,
}

impl From<Contact> for ContactDetails {
    fn from(c: Contact) -> Self {
        Self { since: c.since, how: c.how, tags: c.tags, note: c.note, grants: c.grants }
    }
}

/// What a profile shows of the viewer's ties to its owner.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Tie {
    pub standing: Standing,
    pub network: NetworkOverview,
    /// My side of our contact, if we are contacts.
    pub contact: Option<ContactDetails>,
}

/// A page of contacts and the cursor for the next one.
pub struct ContactPage {
    pub contacts: Vec<ListedContact>,
    pub next: Option<String>,
}

impl<'a> Contacts<'a> {
    pub(crate) fn new(k: &'a dyn ContactsNeeds) -> Self {
        Self { k }
    }

    /// The message of `sender`'s request to `recipient`, while it is open and has one.
    pub(crate) async fn open_request_note(&self, sender: MemberKey, recipient: MemberKey) -> Result<Option<String>> {
        let open = self.k.store().request_between(sender, recipient).await?;
        Ok(open
            .filter(|r| r.sender == sender && r.state == RequestState::Open)
            .map(|r| r.message)
            .filter(|m| !m.is_empty()))
    }

    /// An open member the viewer may deal with (not themself, not blocked either way).
    async fn other(&self, current: &Current, id: MemberId) -> Result<Account> {
        let other = self.k.store().account_by_id(id).await?.ok_or(Error::NotFound)?;
        if !other.is_open() || other.key == current.account.key {
            return Err(Error::NotFound);
        }
        if self.k.store().blocks_of(current.account.key).await?.contains(&other.key) {
            return Err(Error::NotFound);
        }
        Ok(other)
    }

    /// Asks `to` to become a contact. If they had asked first, accepts their request.
    pub async fn request(&self, current: &Current, to: MemberId, message: &str, how: &str) -> Result<RequestOutcome> {
        let me = &current.account;
        let mut problems = Problems::default();
        let message = problems.check(request_message(message));
        // Saying how is optional; saying something unknown is a mistake.
        let how = if how.trim().is_empty() { Ok(HowWeKnow::Other) } else { how.parse() };
        let how: Option<HowWeKnow> = problems.check(how.map_err(|()| FieldError::new("how", "invalid_choice")));
        problems.into_result()?;
        let (message, how) = (message.unwrap_or_default(), how.unwrap_or(HowWeKnow::Other));
        let other = self.other(current, to).await?;
        let store = self.k.store();
        if store.contact(me.key, other.key).await?.is_some() {
            return Err(Error::Conflict("already_contacts"));
        }
        if let Some(existing) = store.request_between(me.key, other.key).await? {
            if existing.sender == me.key {
                return Err(Error::Conflict("request_pending"));
            }
            self.accept(current, existing.id, None).await?;
            return Ok(RequestOutcome::Connected);
        }
        let limits = self.k.request_limits();
        if store.count_sent(me.key).await? >= u64::from(limits.open) {
            return Err(Error::Conflict("too_many_open_requests"));
        }
        let now = self.k.now();
        self.k.limit(Limit::ContactRequestsPerMember, &me.key.0.to_string()).attempt().await?;
        let request = ContactRequest {
            id: RequestId::new(),
            sender: me.key,
            recipient: other.key,
            message,
            how,
            state: RequestState::Open,
            created_at: now,
        };
        let mut effects = Effects::none();
        effects.notify(
            self.k.notifications().notice(other.key, NotificationKind::ContactRequest, Some(me.key), None).await?,
        );
        store.create_request(&request, &effects).await.map_err(|e| match e {
            crate::StoreError::Conflict(_) => Error::Conflict("request_pending"),
            e => e.into(),
        })?;
        self.k.written().await?;
        self.k.jobs_enqueued();
        Ok(RequestOutcome::Sent)
    }

    /// A request addressed to the current member.
    async fn received_request(&self, current: &Current, id: RequestId) -> Result<ContactRequest> {
        let request = self.k.store().request(id).await?.ok_or(Error::NotFound)?;
        if request.recipient != current.account.key {
            return Err(Error::NotFound);
        }
        Ok(request)
    }

    /// Accepts a request. `announce` is the recipient's choice, for this one contact,
    /// whether their contacts hear of it (none: as their ticker settings say); the
    /// sender's side follows the sender's settings.
    pub async fn accept(&self, current: &Current, id: RequestId, announce: Option<bool>) -> Result<()> {
        let request = self.received_request(current, id).await?;
        let store = self.k.store();
        let sender = store.account_by_key(request.sender).await?.ok_or(Error::NotFound)?;
        if !sender.is_open() {
            return Err(Error::NotFound);
        }
        let now = self.k.now();
        let recipient_tells = match announce {
            Some(choice) => choice,
            None => store.ticker_settings(request.recipient).await?.announce_contacts,
        };
        let sender_tells = store.ticker_settings(request.sender).await?.announce_contacts;
        let mut news = Vec::new();
        for (tells, actor, other) in
            [(sender_tells, request.sender, request.recipient), (recipient_tells, request.recipient, request.sender)]
        {
            if tells {
                let mut item = NewActivity::new(actor, ActivityKind::Contact, Audience::Contacts, now);
                item.other = Some(other);
                news.push(item);
            }
        }
        let mut effects = Effects::none();
        let kind = NotificationKind::ContactAccepted;
        effects.notify(self.k.notifications().notice(request.sender, kind, Some(request.recipient), None).await?);
        store.accept_request(id, now, &news, &effects).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Declines quietly: the sender keeps seeing the request as open until it expires.
    pub async fn decline(&self, current: &Current, id: RequestId) -> Result<()> {
        let request = self.received_request(current, id).await?;
        if request.state == RequestState::Open {
            self.k.store().decline_request(id, self.k.now()).await?;
            self.k.written().await?;
        }
        Ok(())
    }

    pub async fn withdraw(&self, current: &Current, id: RequestId) -> Result<()> {
        let request = self.k.store().request(id).await?.ok_or(Error::NotFound)?;
        if request.sender != current.account.key {
            return Err(Error::NotFound);
        }
        self.k.store().delete_request(id).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Ends a contact, silently for the other side; tags, notes and grants go with it. A
    /// member the current member may not see answers as a missing one.
    pub async fn remove(&self, current: &Current, other: MemberId) -> Result<()> {
        let other = self.k.network().open_member_for(&current.account, other).await?;
        self.k.store().remove_contact(current.account.key, other.key, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Blocks a member: the contact and requests between them go, and neither sees the
    /// other anywhere. Only a member the current member may see (blocking again changes
    /// nothing); a member who blocked them first answers as a missing one.
    pub async fn block(&self, current: &Current, other: MemberId) -> Result<()> {
        let store = self.k.store();
        if let Some(known) = store.account_by_id(other).await?
            && store.blocked_by(current.account.key).await?.contains(&known.key)
        {
            return Ok(());
        }
        let other = self.k.network().open_member_for(&current.account, other).await?;
        self.k.store().block(current.account.key, other.key, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    /// Lifts the current member's block of a member (suspended or closed since, or not:
    /// their list of blocks names them). Anyone else they may see has nothing to lift;
    /// one they may not see answers as a missing member.
    pub async fn unblock(&self, current: &Current, other: MemberId) -> Result<()> {
        let store = self.k.store();
        let other = match store.account_by_id(other).await? {
            Some(known) if store.blocked_by(current.account.key).await?.contains(&known.key) => known,
            _ => {
                self.k.network().open_member_for(&current.account, other).await?;
                return Ok(());
            }
        };
        store.unblock(current.account.key, other.key).await?;
        self.k.written().await?;
        Ok(())
    }

    /// The members the current member blocked (id and name only: they may unblock).
    pub async fn blocked(&self, current: &Current) -> Result<Vec<Account>> {
        let mut out = Vec::new();
        for key in self.k.store().blocked_by(current.account.key).await? {
            if let Some(account) = self.k.store().account_by_key(key).await? {
                out.push(account);
            }
        }
        Ok(out)
    }

    /// How many requests wait for the current member's answer (the top bar's count).
    pub async fn pending_count(&self, current: &Current) -> Result<u64> {
        Ok(self.k.member_state(current.account.key).await?.pending_requests)
    }

    pub async fn received(&self, current: &Current) -> Result<Vec<ReceivedRequest>> {
        let network = self.k.network();
        let mut viewer = network.viewer(&current.account).await?;
        let requests = self.k.store().requests_received(current.account.key, 200).await?;
        let keys: Vec<MemberKey> = requests.iter().map(|r| r.sender).collect();
        let mut cards = network.cards_by_key(&mut viewer, &keys).await?;
        let mut out = Vec::new();
        for r in requests {
            let Some(from) = cards.remove(&r.sender) else { continue };
            let overview = network.overview(&mut viewer, r.sender).await?;
            out.push(ReceivedRequest {
                id: r.id,
                from,
                message: r.message,
                how: r.how,
                created_at: r.created_at,
                network: overview,
            });
        }
        Ok(out)
    }

    pub async fn sent(&self, current: &Current) -> Result<Vec<SentRequest>> {
        let network = self.k.network();
        let mut viewer = network.viewer(&current.account).await?;
        let requests = self.k.store().requests_sent(current.account.key, 200).await?;
        let keys: Vec<MemberKey> = requests.iter().map(|r| r.recipient).collect();
        let mut cards = network.cards_by_key(&mut viewer, &keys).await?;
        Ok(requests
            .into_iter()
            .filter_map(|r| {
                let to = cards.remove(&r.recipient)?;
                Some(SentRequest { id: r.id, to, message: r.message, how: r.how, created_at: r.created_at })
            })
            .collect())
    }

    /// Where the current member stands with `other`.
    pub async fn standing(&self, current: &Current, other: &Account) -> Result<Standing> {
        let me = current.account.key;
        if other.key == me {
            return Ok(Standing::Myself);
        }
        let store = self.k.store();
        if store.contact(me, other.key).await?.is_some() {
            return Ok(Standing::Contact);
        }
        Ok(match store.request_between(me, other.key).await? {
            Some(r) if r.sender == me => Standing::RequestSent { request: r.id },
            Some(r) if r.state == RequestState::Open => Standing::RequestReceived { request: r.id },
            _ => Standing::None,
        })
    }

    /// A page of the current member's contacts.
    pub async fn list(&self, current: &Current, query: &ContactQuery) -> Result<ContactPage> {
        let limit = query.limit.clamp(1, 200);
        let query = ContactQuery { limit: limit + 1, ..query.clone() };
        let mut rows = self.k.store().contacts(current.account.key, &query).await?;
        let next = (rows.len() > limit as usize).then(|| {
            rows.truncate(limit as usize);
            rows.last().map(|c| super::ContactCursor::of(query.sort, c).encode())
        });
        let network = self.k.network();
        let mut viewer = network.viewer(&current.account).await?;
        let keys: Vec<MemberKey> = rows.iter().map(|c| c.other).collect();
        let mut cards = network.cards_by_key(&mut viewer, &keys).await?;
        let contacts = rows
            .into_iter()
            .filter_map(|c| Some(ListedContact { member: cards.remove(&c.other)?, contact: c.into() }))
            .collect();
        Ok(ContactPage { contacts, next: next.flatten() })
    }

    /// Where the current member stands with `other`, the network between them, and
    /// their side of the contact.
    pub async fn tie(&self, current: &Current, other: MemberId) -> Result<Tie> {
        let other = self.k.store().account_by_id(other).await?.ok_or(Error::NotFound)?;
        if !other.is_open() {
            return Err(Error::NotFound);
        }
        let network = self.k.network();
        let mut viewer = network.viewer(&current.account).await?;
        if viewer.is_hidden(other.key) {
            return Err(Error::NotFound);
        }
        let standing = self.standing(current, &other).await?;
        let overview = network.overview(&mut viewer, other.key).await?;
        let contact = self.contact_with(current, &other).await?.map(ContactDetails::from);
        Ok(Tie { standing, network: overview, contact })
    }

    /// The current member's contacts as vCards, each with exactly what that contact
    /// shows them; `only` narrows it to one contact.
    pub async fn vcards(&self, current: &Current, only: Option<MemberId>) -> Result<String> {
        let network = self.k.network();
        let mut viewer = network.viewer(&current.account).await?;
        let base = &self.k.public_url();
        let keys = match only {
            Some(id) => {
                let other = self.other(current, id).await?;
                self.contact_with(current, &other).await?.ok_or(Error::NotFound)?;
                vec![other.key]
            }
            None => self.k.store().contact_keys(current.account.key).await?,
        };
        let mut out = String::new();
        for chunk in keys.chunks(200) {
            for card in network.cards(&mut viewer, chunk).await? {
                out.push_str(&super::vcard::card(&card, &format!("{base}/members/{}", card.id)));
            }
        }
        Ok(out)
    }

    pub async fn tags(&self, current: &Current) -> Result<Vec<ContactTag>> {
        Ok(self.k.store().contact_tags(current.account.key).await?)
    }

    /// My side of the contact with `other`, if we are contacts.
    pub async fn contact_with(&self, current: &Current, other: &Account) -> Result<Option<Contact>> {
        Ok(self.k.store().contact(current.account.key, other.key).await?)
    }

    /// Replaces my tags, note and grants on a contact.
    pub async fn edit(&self, current: &Current, other: MemberId, edit: &ContactEdit) -> Result<()> {
        let other = self.other(current, other).await?;
        let mut problems = Problems::default();
        let mut tags: Vec<ContactTag> = edit
            .tags
            .iter()
            .filter(|t| !t.trim().is_empty())
            .filter_map(|t| problems.check(ContactTag::parse("tags", t)))
            .collect();
        tags.sort();
        tags.dedup();
        if tags.len() > limits::TAGS_PER_CONTACT {
            problems.check::<()>(Err(FieldError::new("tags", "too_many")));
        }
        let note = edit.note.trim();
        if note.chars().count() > limits::NOTE_CHARS {
            problems.check::<()>(Err(FieldError::new("note", "too_long")));
        }
        problems.into_result()?;
        let mut grants = edit.grants.clone();
        grants.sort();
        grants.dedup();
        let now = self.k.now();
        self.k.store().update_contact(current.account.key, other.key, &tags, note, &grants, now).await.map_err(
            |e| match e {
                crate::StoreError::NotFound => Error::NotFound,
                e => e.into(),
            },
        )?;
        self.k.written().await?;
        Ok(())
    }

    pub async fn settings(&self, current: &Current) -> Result<ContactSettings> {
        Ok(self.k.store().contact_settings(current.account.key).await?)
    }

    pub async fn set_settings(&self, current: &Current, settings: ContactSettings) -> Result<()> {
        self.k.store().set_contact_settings(current.account.key, settings, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    /// "Not now": this member is not suggested again. A member the current member may not
    /// see answers as a missing one.
    pub async fn dismiss(&self, current: &Current, other: MemberId) -> Result<()> {
        let other = self.k.network().open_member_for(&current.account, other).await?;
        self.k.store().dismiss_suggestion(current.account.key, other.key, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }
}

fn request_message(s: &str) -> Result<String, FieldError> {
    let s = s.trim();
    if s.chars().count() > limits::MESSAGE_CHARS {
        return Err(FieldError::new("message", "too_long"));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new("message", "invalid"));
    }
    Ok(s.to_owned())
}
