//! The profile use-cases.

use super::ProfileView;
use super::ProfilesNeeds;
use super::model::{self, Field, Position, Profile, Schooling, limits};
use super::{ProfileChanges, ProfileNews};
use crate::accounts::{Account, Current, DisplayName};
use crate::error::{Error, FieldError, Problems, Result};
use crate::ids::MemberId;
use crate::privacy::{Relation, Visibility};
use crate::ratelimit::Limit;
use serde::Deserialize;
use std::collections::BTreeMap;
use time::Date;

pub struct Profiles<'a> {
    k: &'a dyn ProfilesNeeds,
}

/// A profile as a member submits it (edit page or API). Every text is checked by
/// [`ProfileForm::validate`]; lists are comma-separated in forms, arrays in JSON.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileForm {
    /// The member's name: required, up to 100 characters.
    #[schema(
        required = true,
        max_length = 100,
        pattern = r#"^\s*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"#
    )]
    pub name: String,
    pub headline: String,
    pub position: String,
    pub company: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub industry: String,
    pub about: String,
    pub work_history: Vec<Position>,
    pub education: Vec<Schooling>,
    pub languages: Vec<String>,
    pub links: Vec<String>,
    pub haves: Vec<String>,
    pub wants: Vec<String>,
    pub interests: Vec<String>,
    pub organisations: Vec<String>,
    pub business_email: String,
    pub business_phone: String,
    pub private_email: String,
    pub private_phone: String,
    pub private_address: String,
    /// `yyyy-mm-dd`, or empty.
    pub birthday: String,
    pub visibility: BTreeMap<Field, Visibility>,
}

impl ProfileForm {
    /// The form of an existing profile, for the edit page.
    pub fn from_profile(name: &DisplayName, p: &Profile) -> Self {
        Self {
            name: name.as_str().to_owned(),
            headline: p.headline.clone(),
            position: p.position.clone(),
            company: p.company.clone(),
            city: p.city.clone(),
            region: p.region.clone(),
            country: p.country.clone(),
            industry: p.industry.clone(),
            about: p.about.clone(),
            work_history: p.work_history.clone(),
            education: p.education.clone(),
            languages: p.languages.clone(),
            links: p.links.clone(),
            haves: p.haves.clone(),
            wants: p.wants.clone(),
            interests: p.interests.clone(),
            organisations: p.organisations.clone(),
            business_email: p.business_email.clone(),
            business_phone: p.business_phone.clone(),
            private_email: p.private_email.clone(),
            private_phone: p.private_phone.clone(),
            private_address: p.private_address.clone(),
            birthday: p.birthday.map(|d| d.to_string()).unwrap_or_default(),
            visibility: Field::ALL.iter().map(|&f| (f, p.visibility.get(f))).collect(),
        }
    }

    /// Checks every field and reports all problems at once. The photo is kept from
    /// `current`, since it changes only by upload.
    pub fn validate(&self, current: &Profile) -> Result<(DisplayName, Profile)> {
        use crate::text::{long_text, short_text};
        use model::{link, phone, tag_list};
        let mut p = Problems::default();
        let short = |f: &'static str, v: &str| short_text(f, v, limits::SHORT_TEXT);
        let tags = |f: &'static str, v: &[String], max: usize| tag_list(f, &v.join(","), max, limits::TAG_CHARS);
        let name = p.check(DisplayName::parse(&self.name));
        let mut profile = Profile {
            headline: p.check(short("headline", &self.headline)).unwrap_or_default(),
            position: p.check(short("position", &self.position)).unwrap_or_default(),
            company: p.check(short("company", &self.company)).unwrap_or_default(),
            city: p.check(short("city", &self.city)).unwrap_or_default(),
            region: p.check(short("region", &self.region)).unwrap_or_default(),
            country: p.check(short("country", &self.country)).unwrap_or_default(),
            industry: p.check(short("industry", &self.industry)).unwrap_or_default(),
            about: p.check(long_text("about", &self.about, limits::ABOUT)).unwrap_or_default(),
            work_history: p
                .check(history("work_history", &self.work_history, |e| {
                    (e.title.as_str(), e.organisation.as_str(), e.from_year, e.to_year)
                }))
                .unwrap_or_default(),
            education: p
                .check(history("education", &self.education, |e| {
                    (e.degree.as_str(), e.organisation.as_str(), e.from_year, e.to_year)
                }))
                .unwrap_or_default(),
            languages: p.check(tags("languages", &self.languages, limits::LANGUAGES)).unwrap_or_default(),
            links: Vec::new(),
            haves: p.check(tags("haves", &self.haves, limits::TAGS)).unwrap_or_default(),
            wants: p.check(tags("wants", &self.wants, limits::TAGS)).unwrap_or_default(),
            interests: p.check(tags("interests", &self.interests, limits::TAGS)).unwrap_or_default(),
            organisations: p.check(tags("organisations", &self.organisations, limits::TAGS)).unwrap_or_default(),
            business_email: p.check(optional_email("business_email", &self.business_email)).unwrap_or_default(),
            business_phone: p.check(phone("business_phone", &self.business_phone)).unwrap_or_default(),
            private_email: p.check(optional_email("private_email", &self.private_email)).unwrap_or_default(),
            private_phone: p.check(phone("private_phone", &self.private_phone)).unwrap_or_default(),
            private_address: p
                .check(long_text("private_address", &self.private_address, limits::ADDRESS))
                .unwrap_or_default(),
            birthday: p.check(birthday(&self.birthday)).unwrap_or_default(),
            photo: current.photo.clone(),
            visibility: current.visibility.clone(),
        };
        let links: Vec<&String> = self.links.iter().filter(|l| !l.trim().is_empty()).collect();
        if links.len() > limits::LINKS {
            p.check::<()>(Err(FieldError::new("links", "too_many")));
        }
        profile.links = links.into_iter().filter_map(|l| p.check(link("links", l))).collect();
        for (&field, &visibility) in &self.visibility {
            profile.visibility.set(field, visibility);
        }
        p.into_result()?;
        let name = name.ok_or(Error::invalid("name", "required"))?;
        Ok((name, profile))
    }
}

fn optional_email(field: &'static str, raw: &str) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    crate::accounts::Email::parse(raw)
        .map(|e| e.as_str().to_owned())
        .map_err(|_| FieldError::new(field, "email_invalid"))
}

fn birthday(raw: &str) -> Result<Option<Date>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = Date::parse(raw, format).map_err(|_| FieldError::new("birthday", "date_invalid"))?;
    if date.year() < 1900 || date.year() > 2100 {
        return Err(FieldError::new("birthday", "date_invalid"));
    }
    Ok(Some(date))
}

/// Validates work history or education: every entry needs a title or an organisation,
/// years are plausible and in order; empty rows (from blank form lines) are dropped.
fn history<T: Clone>(
    field: &'static str,
    entries: &[T],
    parts: impl Fn(&T) -> (&str, &str, Option<i32>, Option<i32>),
) -> Result<Vec<T>, FieldError> {
    let mut kept = Vec::new();
    for entry in entries {
        let (title, org, from, to) = parts(entry);
        let blank = title.trim().is_empty() && org.trim().is_empty();
        if blank && from.is_none() && to.is_none() {
            continue;
        }
        let year_ok = |y: Option<i32>| y.is_none_or(|y| (1900..=2100).contains(&y));
        if blank
            || title.chars().count() > limits::SHORT_TEXT
            || org.chars().count() > limits::SHORT_TEXT
            || !year_ok(from)
            || !year_ok(to)
            || matches!((from, to), (Some(f), Some(t)) if f > t)
        {
            return Err(FieldError::new(field, "entry_invalid"));
        }
        kept.push(entry.clone());
    }
    if kept.len() > limits::HISTORY {
        return Err(FieldError::new(field, "too_many"));
    }
    Ok(kept)
}

/// Who the owner wants to preview their profile as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewAs {
    Public,
    Member,
    Contact,
    ContactOfContact,
}

impl ViewAs {
    pub fn relation(self) -> Relation {
        match self {
            Self::Public => Relation::Anonymous,
            Self::Member => Relation::Member,
            Self::Contact => Relation::Degree(1),
            Self::ContactOfContact => Relation::Degree(2),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Self::Public),
            "member" => Some(Self::Member),
            "contact" => Some(Self::Contact),
            "contact_of_contact" => Some(Self::ContactOfContact),
            _ => None,
        }
    }
}

impl<'a> Profiles<'a> {
    pub(crate) fn new(k: &'a dyn ProfilesNeeds) -> Self {
        Self { k }
    }

    /// The member's profile as `viewer` (none: the public) may see it. A member the viewer
    /// may not see at all is "not found", exactly like one that does not exist.
    pub async fn view(&self, viewer: Option<&Current>, id: MemberId) -> Result<ProfileView> {
        Ok(self.seen_by(viewer, id).await?.1)
    }

    /// The owner and their profile as `viewer` may see it.
    async fn seen_by(&self, viewer: Option<&Current>, id: MemberId) -> Result<(Account, ProfileView)> {
        // The directory knows every member this node has applied; one it does not know
        // (this node behind, or no such member) is looked for in the database.
        let key = match self.k.key_of(id) {
            Some(key) => key,
            None => self.k.store().account_by_id(id).await?.ok_or(Error::NotFound)?.key,
        };
        // The account, profile and grants as every list of people reads them.
        let owner = self.k.card_data(key).await?.ok_or(Error::NotFound)?;
        if !owner.account.is_open() {
            return Err(Error::NotFound);
        }
        let relation = match viewer {
            Some(viewer) => self.k.relation(&viewer.account, &owner.account).await?,
            None => Relation::Anonymous,
        };
        let view = owner.view_for(relation, viewer.map(|v| v.account.key)).ok_or(Error::NotFound)?;
        Ok((owner.account.clone(), view))
    }

    /// One size of a member's photo, if `viewer` may see it (otherwise "not found").
    /// `version` names the photo a page showed (a later photo is another URL); without
    /// it, the member's current photo.
    pub async fn photo(
        &self,
        viewer: Option<&Current>,
        id: MemberId,
        version: Option<&str>,
        size: u32,
    ) -> Result<Vec<u8>> {
        let (owner, view) = self.seen_by(viewer, id).await?;
        let current = view.profile.photo.ok_or(Error::NotFound)?;
        if version.is_some_and(|v| v != current) {
            return Err(Error::NotFound);
        }
        let size = super::photo::nearest_size(size);
        self.k.store().photo(owner.key, &current, size).await?.ok_or(Error::NotFound)
    }

    /// Replaces the member's photo with an upload (checked, cropped, re-encoded), within
    /// the uploads a member may make per hour and the image workers' queue.
    pub async fn upload_photo(&self, current: &Current, upload: Vec<u8>) -> Result<()> {
        self.k.limit(Limit::PhotoUploadsPerMember, &current.account.key.0.to_string()).attempt().await?;
        let megapixels = self.k.photo_megapixels();
        let renditions = self
            .k
            .images()
            .run(move || super::photo::process(&upload, megapixels))
            .await?
            .map_err(|e| Error::Invalid(vec![e]))?;
        let version = uuid::Uuid::now_v7().simple().to_string();
        let news = self.news(ProfileChanges::PHOTO);
        self.k.store().set_photo(current.account.key, &version, &renditions, news, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    pub async fn remove_photo(&self, current: &Current) -> Result<()> {
        self.k.store().delete_photo(current.account.key, self.k.now()).await?;
        self.k.written().await?;
        Ok(())
    }

    /// The member's own profile, as they see it themselves.
    pub async fn mine(&self, current: &Current) -> Result<ProfileView> {
        self.redacted(&current.account, Relation::Myself).await
    }

    /// The member's own profile as someone else would see it.
    pub async fn preview(&self, current: &Current, view_as: ViewAs) -> Result<ProfileView> {
        self.redacted(&current.account, view_as.relation()).await
    }

    async fn redacted(&self, owner: &Account, relation: Relation) -> Result<ProfileView> {
        let data = self.k.card_data(owner.key).await?.ok_or(Error::NotFound)?;
        data.view(relation, &[]).ok_or(Error::NotFound)
    }

    /// What the ticker hears of a profile write (nothing if nothing it tells changed).
    fn news(&self, changes: ProfileChanges) -> Option<ProfileNews> {
        let joined_after = self.k.now() - super::PROFILE_CHANGES_JOINED;
        (!changes.is_empty()).then_some(ProfileNews { changes, joined_after })
    }

    /// The member's own profile, complete, for editing.
    pub async fn own(&self, current: &Current) -> Result<Profile> {
        self.k.store().profile(current.account.key).await?.ok_or(Error::NotFound)
    }

    /// Validates and saves the member's profile and visibility settings.
    pub async fn update(&self, current: &Current, form: &ProfileForm) -> Result<ProfileView> {
        let existing = self.own(current).await?;
        let (name, profile) = form.validate(&existing)?;
        let mut changes = ProfileChanges::default();
        if profile.position != existing.position || profile.company != existing.company {
            changes = changes.with(ProfileChanges::POSITION);
        }
        if profile.headline != existing.headline {
            changes = changes.with(ProfileChanges::HEADLINE);
        }
        let news = self.news(changes);
        self.k.store().update_profile(current.account.key, &name, &profile, news, self.k.now()).await?;
        // The name is the account's too (sessions carry it).
        self.k.written().await?;
        ProfileView::redact(current.account.id, name, &profile, Relation::Myself, &[]).ok_or(Error::NotFound)
    }
}
