//! The LDBC Social Network Benchmark format (pipe-separated CSV with a header row), as in
//! the demo's bundled set (`crates/kontor/demo-data`): persons become members with their
//! city, employers (work history), universities (education), birthday, and a business
//! side drawn from their interests' classes (role, headline, industry, haves and wants;
//! see `business`); "knows" edges become confirmed contacts.

use super::Progress;
use anyhow::{Context, bail};
use kontor_core::Kontor;
use kontor_core::accounts::{AccountState, DisplayName, Email, NewAccount, Role};
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberId;
use kontor_core::imports::ImportedMember;
use kontor_core::privacy::Visibility;
use kontor_core::profiles::{Field, Position, Profile, Schooling, limits};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// The e-mail domain of imported members: reserved, so nothing is ever sent there.
pub const EMAIL_DOMAIN: &str = "kontor.invalid";

/// Rows of one file, split at `|`, without the header.
fn rows(dir: &Path, file: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('|').map(str::to_owned).collect()).collect())
}

fn pairs(dir: &Path, file: &str) -> anyhow::Result<Vec<(String, String, Option<i32>)>> {
    rows(dir, file)?
        .into_iter()
        .map(|r| match r.as_slice() {
            [a, b] => Ok((a.clone(), b.clone(), None)),
            [a, b, n, ..] => Ok((a.clone(), b.clone(), n.parse().ok())),
            _ => bail!("{file}: a row needs two columns"),
        })
        .collect()
}

/// LDBC names use underscores for spaces ("Balkh_Airlines").
fn label(s: &str) -> String {
    s.replace('_', " ")
}

/// `yyyymmdd` as a date.
fn date(s: &str) -> Option<Date> {
    let n: u32 = s.get(..8)?.parse().ok()?;
    Date::from_calendar_date((n / 10_000) as i32, Month::try_from((n / 100 % 100) as u8).ok()?, (n % 100) as u8).ok()
}

/// `yyyymmddHHMMSSmmm` as a UTC time.
fn timestamp(s: &str) -> Option<OffsetDateTime> {
    let day = date(s)?;
    let hms: u32 = s.get(8..14)?.parse().ok()?;
    let time = Time::from_hms((hms / 10_000) as u8, (hms / 100 % 100) as u8, (hms % 100) as u8).ok()?;
    Some(PrimitiveDateTime::new(day, time).assume_utc())
}

/// The ASCII letters of a name, for an e-mail address people can type.
fn ascii_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let mapped = match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => "a",
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ő' => "o",
            'ü' | 'ú' | 'ù' | 'û' | 'ű' | 'ů' => "u",
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'ß' => "ss",
            'ç' | 'č' | 'ć' => "c",
            'ñ' | 'ń' | 'ň' => "n",
            'š' | 'ś' | 'ş' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ł' => "l",
            'ř' => "r",
            'đ' | 'ď' => "d",
            'ý' | 'ÿ' => "y",
            c if c.is_ascii_alphanumeric() => &c.to_string()[..],
            _ => "",
        };
        out.push_str(mapped);
    }
    out
}

/// Reads the data set in `dir` into members to import.
/// The persons of the data set as members, each with their LDBC id.
pub fn read(dir: &Path, now: OffsetDateTime) -> anyhow::Result<Vec<(String, ImportedMember)>> {
    let places: HashMap<String, (String, String)> = rows(dir, "Place.csv")?
        .into_iter()
        .filter_map(|r| Some((r.first()?.clone(), (label(r.get(1)?), r.get(3)?.clone()))))
        .collect();
    let part_of: HashMap<String, String> =
        pairs(dir, "Place_isPartOf_Place.csv")?.into_iter().map(|(a, b, _)| (a, b)).collect();
    let organisations: HashMap<String, String> = rows(dir, "Organisation.csv")?
        .into_iter()
        .filter_map(|r| Some((r.first()?.clone(), label(r.get(2)?))))
        .collect();

    let mut city: HashMap<String, String> = HashMap::new();
    for (person, place, _) in pairs(dir, "Person_isLocatedIn_Place.csv")? {
        city.insert(person, place);
    }
    let mut work: BTreeMap<String, Vec<(i32, String)>> = BTreeMap::new();
    for (person, org, year) in pairs(dir, "Person_workAt_Organisation.csv")? {
        if let (Some(name), Some(year)) = (organisations.get(&org), year) {
            work.entry(person).or_default().push((year, name.clone()));
        }
    }
    let mut study: BTreeMap<String, Vec<(i32, String)>> = BTreeMap::new();
    for (person, org, year) in pairs(dir, "Person_studyAt_Organisation.csv")? {
        if let (Some(name), Some(year)) = (organisations.get(&org), year) {
            study.entry(person).or_default().push((year, name.clone()));
        }
    }
    // A tag's class stands for skills (see `business`); the tag's own name does not.
    let class_names: HashMap<String, String> =
        rows(dir, "TagClass.csv")?.into_iter().filter_map(|r| Some((r.first()?.clone(), r.get(1)?.clone()))).collect();
    let class_of: HashMap<String, String> = pairs(dir, "Tag_hasType_TagClass.csv")?
        .into_iter()
        .filter_map(|(tag, class, _)| Some((tag, class_names.get(&class)?.clone())))
        .collect();
    let mut interests: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (person, tag, _) in pairs(dir, "Person_hasInterest_Tag.csv")? {
        let class = class_of.get(&tag).cloned().unwrap_or_default();
        interests.entry(person).or_default().push((tag, class));
    }

    let mut taken = HashSet::new();
    let mut members = Vec::new();
    for row in rows(dir, "Person.csv")? {
        let [id, first, last, _gender, birthday, created, ..] = row.as_slice() else {
            bail!("Person.csv: a row needs at least six columns");
        };
        let name = DisplayName::parse(&format!("{first} {last}"))
            .map_err(|e| anyhow::anyhow!("Person {id}: name {first} {last}: {}", e.code))?;
        let mut local = format!("{}.{}", ascii_slug(first), ascii_slug(last)).trim_matches('.').to_owned();
        if local.is_empty() || !taken.insert(local.clone()) {
            local = format!("{local}.{id}").trim_start_matches('.').to_owned();
            taken.insert(local.clone());
        }
        let email =
            Email::parse(&format!("{local}@{EMAIL_DOMAIN}")).map_err(|e| anyhow::anyhow!("Person {id}: {}", e.code))?;

        let (city_name, country) = match city.get(id).and_then(|p| places.get(p).map(|c| (p, c))) {
            Some((place_id, (city_name, _))) => {
                let country =
                    part_of.get(place_id).and_then(|c| places.get(c)).map(|(n, _)| n.clone()).unwrap_or_default();
                (city_name.clone(), country)
            }
            None => (String::new(), String::new()),
        };
        let mut jobs = work.remove(id).unwrap_or_default();
        jobs.sort();
        let mut schools = study.remove(id).unwrap_or_default();
        schools.sort();
        let company = jobs.last().map(|(_, c)| c.clone()).unwrap_or_default();
        let side =
            super::business::business_side(id, &company, &interests.remove(id).unwrap_or_default(), limits::TAGS);
        let last_job = jobs.len().saturating_sub(1);
        let mut profile = Profile {
            headline: side.headline,
            position: if company.is_empty() { String::new() } else { side.role.clone() },
            industry: side.industry,
            wants: side.wants,
            company,
            city: city_name,
            country: country.clone(),
            work_history: jobs
                .iter()
                .enumerate()
                .take(limits::HISTORY)
                .map(|(i, (year, org))| Position {
                    // The role is the present job's; earlier ones keep no title.
                    title: if i == last_job { side.role.clone() } else { String::new() },
                    organisation: org.clone(),
                    from_year: Some(*year),
                    to_year: None,
                })
                .collect(),
            education: schools
                .iter()
                .take(limits::HISTORY)
                .map(|(year, org)| Schooling {
                    degree: String::new(),
                    organisation: org.clone(),
                    from_year: None,
                    to_year: Some(*year),
                })
                .collect(),
            haves: side.haves,
            birthday: date(birthday),
            ..Profile::default()
        };
        // What one offers and seeks is said to be found: members see it (contacts only,
        // the default, would leave wants-meet-haves to people who already know each other).
        profile.visibility.set(Field::Haves, Visibility::Members);
        profile.visibility.set(Field::Wants, Visibility::Members);
        // Position, place and industry: most members show them to every member, as on
        // XING; some keep them to their network (which search must then respect).
        let shown = match stable_share(id) {
            0..5 => Visibility::Contacts,
            5..15 => Visibility::ContactsOfContacts,
            _ => Visibility::Members,
        };
        for field in [Field::Position, Field::Location, Field::Industry] {
            profile.visibility.set(field, shown);
        }
        let lang = if ["Germany", "Austria", "Switzerland"].contains(&country.as_str()) { Lang::De } else { Lang::En };
        members.push((
            id.clone(),
            ImportedMember {
                account: NewAccount {
                    id: MemberId::new(),
                    email,
                    name,
                    password_hash: None,
                    lang,
                    state: AccountState::Invited,
                    role: Role::Member,
                    created_at: timestamp(created).unwrap_or(now),
                    terms_accepted_at: None,
                },
                profile,
            },
        ));
    }
    Ok(members)
}

/// The "knows" edges: two persons' LDBC ids and when they connected.
pub fn knows(dir: &Path) -> anyhow::Result<Vec<(String, String, Option<OffsetDateTime>)>> {
    let mut edges = Vec::new();
    for file in ["Person_knows_Person.csv", "Person_knows_Person_1.csv"] {
        if !dir.join(file).exists() {
            continue;
        }
        for row in rows(dir, file)? {
            let [a, b, rest @ ..] = row.as_slice() else { bail!("{file}: a row needs two columns") };
            edges.push((a.clone(), b.clone(), rest.first().and_then(|t| timestamp(t))));
        }
    }
    Ok(edges)
}

/// Imports the data set in `dir`, showing progress; returns how many members were added.
/// Returns how many members and how many contacts were added.
pub async fn import(kontor: &Kontor, dir: &Path) -> anyhow::Result<(u64, u64)> {
    let people = read(dir, kontor.now())?;
    let emails: Vec<(String, Email)> = people.iter().map(|(id, m)| (id.clone(), m.account.email.clone())).collect();
    let mut progress = Progress::new("Importing members", people.len());
    let mut added = 0;
    let mut people = people.into_iter().map(|(_, m)| m).peekable();
    while people.peek().is_some() {
        let batch: Vec<_> = people.by_ref().take(250).collect();
        let n = batch.len();
        added += kontor.imports().members(batch).await.map_err(|e| anyhow::anyhow!("import failed: {e}"))?;
        progress.advance(n);
    }

    let mut key_of = HashMap::new();
    for (id, email) in emails {
        if let Some(c) = kontor.store().credentials_by_email(&email).await? {
            key_of.insert(id, c.account.key);
        }
    }
    let now = kontor.now();
    let contacts: Vec<_> = knows(dir)?
        .into_iter()
        .filter_map(|(a, b, at)| Some((*key_of.get(&a)?, *key_of.get(&b)?, at.unwrap_or(now))))
        .collect();
    let mut progress = Progress::new("Importing contacts", contacts.len());
    let mut connected = 0;
    for batch in contacts.chunks(2_000) {
        connected += kontor.imports().contacts(batch).await.map_err(|e| anyhow::anyhow!("import failed: {e}"))?;
        progress.advance(batch.len());
    }
    Ok((added, connected))
}

/// Gives the demo's members a plausible mix of contact-list settings, so that a demo
/// member's network reaches past the 2nd degree (with everyone on the default, nobody
/// sees a contact of a contact's contacts). Deterministic: the same members get the same
/// setting on every run. Returns a line that states the mix.
pub async fn demo_list_settings(kontor: &Kontor, dir: &Path) -> anyhow::Result<String> {
    use kontor_core::contacts::{ContactSettings, ListVisibility};
    // Out of 20 members: 1 only me, 3 contacts, 5 contacts of contacts, 11 all members.
    let setting = |i: usize| match i % 20 {
        0 => ListVisibility::OnlyMe,
        1..=3 => ListVisibility::Contacts,
        4..=8 => ListVisibility::ContactsOfContacts,
        _ => ListVisibility::Members,
    };
    let now = kontor.now();
    for (i, (_, member)) in read(dir, now)?.iter().enumerate() {
        let Some(c) = kontor.store().credentials_by_email(&member.account.email).await? else { continue };
        let list_visibility = setting(i);
        if list_visibility != ListVisibility::default() {
            let settings = ContactSettings { list_visibility };
            kontor.store().set_contact_settings(c.account.key, settings, now).await?;
        }
    }
    Ok("Contact lists: 55% visible to all members, 25% to contacts of contacts, 15% to contacts, 5% to nobody.".into())
}

/// A number from 0 to 99 that stays the same for a member across imports.
fn stable_share(id: &str) -> u32 {
    id.bytes().fold(17u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_bundled_data_set() {
        let parent = std::env::temp_dir().join(format!("kontor-ldbc-{}", std::process::id()));
        let dir = crate::import::bundled::unpack(&parent).unwrap();
        let members: Vec<ImportedMember> =
            read(&dir, OffsetDateTime::UNIX_EPOCH).unwrap().into_iter().map(|(_, m)| m).collect();
        assert_eq!(members.len(), 1528);
        let edges = knows(&dir).unwrap();
        assert_eq!(edges.len(), 14_073);
        assert!(edges.iter().all(|(_, _, at)| at.is_some()), "every contact has its date");
        let emails: HashSet<_> = members.iter().map(|m| m.account.email.as_str().to_owned()).collect();
        assert_eq!(emails.len(), 1528, "every member gets an address of their own");
        let mahinda = members.iter().find(|m| m.account.name.as_str() == "Mahinda Perera").unwrap();
        assert_eq!(mahinda.account.email.as_str(), "mahinda.perera@kontor.invalid");
        assert_eq!(mahinda.profile.birthday, Date::from_calendar_date(1989, Month::December, 3).ok());
        assert!(!mahinda.profile.city.is_empty() && !mahinda.profile.country.is_empty());
        assert!(mahinda.profile.work_history.iter().any(|p| p.from_year == Some(2013)));
        assert!(!mahinda.profile.haves.is_empty());
        assert!(mahinda.profile.headline.contains(" · "), "a role and a strength: {}", mahinda.profile.headline);
        let tag_names: HashSet<&str> = ["Genghis_Khan", "Genghis Khan", "Hamlet", "Adolf Hitler"].into();
        assert!(
            members.iter().all(|m| m.profile.haves.iter().all(|h| !tag_names.contains(h.as_str()))),
            "skills, never Wikipedia entities"
        );
        assert!(members.iter().filter(|m| !m.profile.education.is_empty()).count() > 500);
        // Wants meet haves: most members look for something another member offers.
        let offered: HashSet<&str> = members.iter().flat_map(|m| m.profile.haves.iter().map(String::as_str)).collect();
        let meeting = members.iter().filter(|m| m.profile.wants.iter().any(|w| offered.contains(w.as_str()))).count();
        assert!(meeting > 1000, "{meeting} of 1528 look for what someone offers");
        std::fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn slugs_are_typable() {
        assert_eq!(ascii_slug("Jürgen"), "jurgen");
        assert_eq!(ascii_slug("Groß-Müller"), "grossmuller");
        assert_eq!(ascii_slug("李"), "");
    }
}
